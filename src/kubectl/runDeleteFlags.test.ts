/**
 * `kubectl run` carries DeleteFlags (what `--rm` deletes the pod with): `-f`, `--force`,
 * `--grace-period`, `--cascade`, `-R`, `-k`, `--wait`, `--timeout`, plus `--leave-stdin-open` and
 * `-q`. kubectl 1.32.5 accepts them on every run; RunOptions.Complete reads the dry-run strategy,
 * the printer and then --cascade (DeleteFlags.ToOptions) before Run looks at NAME or --image.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl run: the delete flags', () => {
  it('accepts them and creates the pod as without them', () => {
    const { run } = engineSession();
    for (const flags of [
      '--filename=x.yaml',
      '--cascade=orphan',
      '--grace-period=5 --force',
      '-q',
      '--wait --timeout=5s --leave-stdin-open',
      '-R -k dir',
    ]) {
      expect(run(`kubectl run a --image=nginx ${flags} --dry-run=client`)).toEqual({
        out: 'pod/a created (dry run)\n',
        err: '',
        code: 0,
      });
    }
  });

  it('checks --cascade as delete does, before NAME and --image', () => {
    const { run } = engineSession();
    expect(run('kubectl run a --image=nginx --cascade=false --dry-run=client')).toEqual({
      out: 'pod/a created (dry run)\n',
      err: 'warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n',
      code: 0,
    });
    const bad = {
      out: '',
      err: 'error: invalid cascade value (bad). Must be "background", "foreground", or "orphan"\n',
      code: 1,
    };
    expect(run('kubectl run a --image=nginx --cascade=bad --dry-run=client')).toEqual(bad);
    expect(run('kubectl run --image=nginx --cascade=bad')).toEqual(bad);
    expect(run('kubectl run x --image= --cascade=bad')).toEqual(bad);
    expect(run('kubectl run x --image=nginx --pod-running-timeout=0 --cascade=bad')).toEqual(bad);
  });

  it('reads --dry-run and -o before it asks for NAME or an image', () => {
    const { run } = engineSession();
    expect(run('kubectl run --image=nginx --dry-run=bad')).toEqual({
      out: '',
      err: 'error: Invalid dry-run value (bad). Must be "none", "server", or "client".\n',
      code: 1,
    });
    const printer = {
      out: '',
      err: 'error: unable to match a printer suitable for the output format "bad", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
      code: 1,
    };
    expect(run('kubectl run --image=nginx -o bad')).toEqual(printer);
    expect(run('kubectl run x --image= -o bad')).toEqual(printer);
  });
});
