/**
 * A patch cannot rename or move an object (audit 13 C12): the patch handler's checkName refuses
 * a patched object whose name or namespace differs from the request's.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl patch of metadata.name / metadata.namespace', () => {
  it('is a BadRequest, and the object stays as it was', () => {
    const { run } = engineSession(3);
    run('kubectl run p --image=nginx');
    expect(run(`kubectl patch pod p -p '{"metadata":{"name":"q"}}'`)).toEqual({
      out: '',
      err: 'Error from server (BadRequest): the name of the object (q) does not match the name on the URL (p)\n',
      code: 1,
    });
    expect(
      run(`kubectl patch pod p --type=merge -p '{"metadata":{"namespace":"kube-system"}}'`),
    ).toEqual({
      out: '',
      err: 'Error from server (BadRequest): the namespace of the object (kube-system) does not match the namespace on the request (default)\n',
      code: 1,
    });
    expect(
      run(
        `kubectl patch pod p --type=json -p '[{"op":"replace","path":"/metadata/name","value":"r"}]'`,
      ).err,
    ).toBe(
      'Error from server (BadRequest): the name of the object (r) does not match the name on the URL (p)\n',
    );
    expect(run('kubectl get pods -o name').out).toBe('pod/p\n');
    // The same name is no rename.
    expect(run(`kubectl patch pod p -p '{"metadata":{"name":"p"}}'`).out).toBe(
      'pod/p patched (no change)\n',
    );
  });

  it('a cluster-scoped object is checked by name', () => {
    const { run } = engineSession(3);
    expect(run(`kubectl patch ns default -p '{"metadata":{"name":"x"}}'`).err).toBe(
      'Error from server (BadRequest): the name of the object (x) does not match the name on the URL (default)\n',
    );
  });
});
