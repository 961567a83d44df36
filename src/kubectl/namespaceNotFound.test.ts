/**
 * kubectl 1.32's builder (cli-runtime Info.Get): a named object not found in a namespace other
 * than default is reported as that namespace's NotFound when the namespace does not exist
 * either (kubectl asks GET /api/v1/namespaces/NS after the 404). Outputs as a real kubectl
 * 1.32.5 printed them through the oracle (bench/kubectlOracle.ts); 14 of 15 lines identical, the
 * last is `edit`, which the oracle's console cannot open.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const NS = 'Error from server (NotFound): namespaces "nope" not found\n';

describe('a name looked up in a namespace that does not exist', () => {
  const start = () => {
    const s = engineSession(3);
    s.run('kubectl create deployment web --image=nginx');
    s.run('kubectl run two --image=nginx');
    return s;
  };

  it("is the namespace's NotFound for every builder command that reads it", () => {
    const { run } = start();
    for (const line of [
      'kubectl get pod two -n nope -o name',
      'kubectl describe pod two -n nope',
      'kubectl label pod two a=b -n nope',
      'kubectl exec two -n nope -- ls',
      'kubectl attach two -n nope',
      'kubectl port-forward pod/two 8080:80 -n nope',
      'kubectl rollout status deploy/web -n nope',
    ]) {
      expect(run(line), line).toEqual({ out: '', err: NS, code: 1 });
    }
    expect(run('kubectl scale deploy web -n nope --replicas=2').err).toBe(
      'error: no objects passed to scale namespaces "nope" not found\n',
    );
    expect(run('kubectl logs two -n nope').err).toBe(
      'error: error from server (NotFound): namespaces "nope" not found in namespace "nope"\n',
    );
    expect(run('kubectl logs deploy/web -n nope').err).toBe(
      'error: error from server (NotFound): namespaces "nope" not found in namespace "nope"\n',
    );
  });

  it('stays the object NotFound where the namespace exists, for lists, and for delete', () => {
    const { run } = start();
    run('kubectl create namespace blue');
    expect(run('kubectl get pod two -n blue').err).toBe(
      'Error from server (NotFound): pods "two" not found\n',
    );
    expect(run('kubectl get pod nope').err).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    );
    // A list asks nothing more; delete does not read what it deletes.
    expect(run('kubectl get pods -n nope -o name')).toEqual({ out: '', err: '', code: 0 });
    expect(run('kubectl delete pod two -n nope').err).toBe(
      'Error from server (NotFound): pods "two" not found\n',
    );
  });
});
