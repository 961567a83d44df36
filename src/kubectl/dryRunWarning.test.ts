/**
 * cmdutil.GetDryRunStrategy runs once, in a command's Complete: a bare `--dry-run` (or a
 * boolean) warns once, before anything else the command says (kubectl 1.32.5).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const klog = (s: string) => s.replace(/^([EWIF])\d{4} [\d:.]+ +\d+ /gm, '$1 ');
const BARE =
  'W helpers.go:702] --dry-run is deprecated and can be replaced with --dry-run=client.\n';

describe('the --dry-run deprecation warning', () => {
  it('is printed once by the create generators of configmap, secret and serviceaccount', () => {
    const { run } = engineSession();
    const lines: [string, string][] = [
      ['kubectl create configmap c --from-literal=a=b --dry-run -o name', 'configmap/c\n'],
      ['kubectl create secret generic s --from-literal=a=b --dry-run -o name', 'secret/s\n'],
      [
        'kubectl create secret docker-registry d --docker-username=a --docker-password=b --dry-run -o name',
        'secret/d\n',
      ],
      ['kubectl create serviceaccount sa --dry-run -o name', 'serviceaccount/sa\n'],
    ];
    for (const [line, out] of lines) {
      const r = run(line);
      expect({ ...r, err: klog(r.err) }).toEqual({ out, err: BARE, code: 0 });
    }
    const t = run('kubectl create configmap c --from-literal=a=b --dry-run=true -o name');
    expect(klog(t.err)).toBe(
      'W helpers.go:716] --dry-run=true is deprecated (boolean value) and can be replaced with --dry-run=client.\n',
    );
  });

  it('comes first in label and annotate, before their argument and lookup errors', () => {
    const { run } = engineSession();
    const r = run('kubectl label pod p a=b --dry-run -o name');
    expect({ ...r, err: klog(r.err) }).toEqual({
      out: '',
      err: `${BARE}Error from server (NotFound): pods "p" not found\n`,
      code: 1,
    });
    const a = run('kubectl annotate pod p --dry-run');
    expect(klog(a.err)).toBe(`${BARE}error: at least one annotation update is required\n`);
    expect(run('kubectl label pod p --dry-run=bogus')).toEqual({
      out: '',
      err: 'error: Invalid dry-run value (bogus). Must be "none", "server", or "client".\n',
      code: 1,
    });
  });
});
