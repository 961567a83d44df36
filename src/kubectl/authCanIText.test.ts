/**
 * `kubectl auth can-i` and `auth whoami` texts a real kubectl 1.32.5 printed (bridged to the same
 * simulated cluster): each can-i warning is followed by an empty line; --list refuses --quiet,
 * -A and --subresource, and --no-headers wants --list, in kubectl's own words; whoami ignores
 * extra words.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('auth can-i and whoami texts', () => {
  it('two warnings, each with its empty line', () => {
    const { run } = engineSession(1);
    expect(run('kubectl auth can-i fly foo')).toEqual({
      out: 'yes\n',
      err:
        "Warning: the server doesn't have a resource type 'foo'\n\n" +
        "Warning: verb 'fly' is not a known verb\n\n",
      code: 0,
    });
    expect(run('kubectl auth can-i get foo.bar').err).toBe(
      "Warning: the server doesn't have a resource type 'foo' in group 'bar'\n\n",
    );
  });

  it('--list with --quiet, --all-namespaces or --subresource; --no-headers without --list', () => {
    const { run } = engineSession(1);
    const listErr =
      "error: list option can't be specified with neither quiet, all-namespaces nor subresource options\n";
    expect(run('kubectl auth can-i --list -q')).toEqual({ out: '', err: listErr, code: 1 });
    expect(run('kubectl auth can-i --list -A').err).toBe(listErr);
    expect(run('kubectl auth can-i --list --subresource=log').err).toBe(listErr);
    expect(run('kubectl auth can-i get pods --no-headers')).toEqual({
      out: '',
      err: 'error: --no-headers cannot be set without --list specified\n',
      code: 1,
    });
  });

  it('whoami ignores extra words', () => {
    const { run } = engineSession(1);
    const r = run('kubectl auth whoami extra --as=jane');
    expect(r).toEqual({
      out: 'ATTRIBUTE   VALUE\nUsername    jane\nGroups      [system:authenticated]\n',
      err: '',
      code: 0,
    });
  });
});
