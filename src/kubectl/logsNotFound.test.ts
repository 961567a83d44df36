import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

/**
 * kubectl 1.29+ (logs.go Complete): the builder's NotFound is wrapped in a plain error that
 * names the namespace, so `kubectl logs` words a missing pod unlike get, describe or exec.
 */
describe('kubectl logs of something that is not there', () => {
  it('names the namespace, as a plain error', () => {
    const { run } = engineSession(3);
    expect(run('kubectl logs nope')).toEqual({
      out: '',
      err: 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n',
      code: 1,
    });
    expect(run('kubectl logs -n kube-system web').err).toBe(
      'error: error from server (NotFound): pods "web" not found in namespace "kube-system"\n',
    );
    expect(run('kubectl logs deploy/web --tail=5').err).toBe(
      'error: error from server (NotFound): deployments.apps "web" not found in namespace "default"\n',
    );
  });

  it('the classic slip `kubectl logs pod NAME` looks for a pod named "pod"', () => {
    const { run } = engineSession(3);
    run('kubectl run web --image=nginx');
    expect(run('kubectl logs pod web').err).toBe(
      'error: error from server (NotFound): pods "pod" not found in namespace "default"\n',
    );
  });

  it('exec and attach keep the server error as it is', () => {
    const { run } = engineSession(3);
    expect(run('kubectl exec nope -- ls').err).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    );
    expect(run('kubectl attach nope').err).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    );
  });
});
