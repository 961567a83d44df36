/**
 * The garbage collector monitors every resource that can be listed, watched and deleted (Events
 * aside), not only the kinds that own or are owned by others: `kubectl delete configmap x
 * --cascade=orphan` (or `foreground`) puts the `orphan` (or `foregroundDeletion`) finalizer on
 * the object, and it is the GC that takes it off again. Before, a ConfigMap, Secret or
 * ServiceAccount deleted so stayed Terminating for ever and kubectl waited for it.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';

describe('garbage collector: the orphan and foreground finalizers of any kind', () => {
  for (const cascade of ['orphan', 'foreground']) {
    it(`delete --cascade=${cascade} of a ConfigMap, a Secret, a ServiceAccount and a ClusterRole completes`, () => {
      const { run, cluster } = engineSession(1);
      run('kubectl create configmap c --from-literal=a=b');
      run('kubectl create secret generic s --from-literal=a=b');
      run('kubectl create serviceaccount x');
      run('kubectl create clusterrole r --verb=get --resource=pods');
      const from = cluster.messages.length;
      for (const [target, shown] of [
        ['configmap c', 'configmap "c"'],
        ['secret s', 'secret "s"'],
        ['serviceaccount x', 'serviceaccount "x"'],
        ['clusterrole r', 'clusterrole.rbac.authorization.k8s.io "r"'],
      ]) {
        const r = run(`kubectl delete ${target} --cascade=${cascade}`);
        expect(r.err).toBe('');
        expect(r.code).toBe(0);
        expect(r.out).toBe(`${shown} deleted\n`);
      }
      expect(run('kubectl get configmap/c secret/s serviceaccount/x clusterrole/r').err).toBe(
        [
          'Error from server (NotFound): configmaps "c" not found',
          'Error from server (NotFound): secrets "s" not found',
          'Error from server (NotFound): serviceaccounts "x" not found',
          'Error from server (NotFound): clusterroles.rbac.authorization.k8s.io "r" not found',
          '',
        ].join('\n'),
      );
      // Each one: the delete marks it, the GC patches the finalizer away, the API server then
      // removes it.
      const gcPatches = cluster.messages
        .slice(from)
        .filter((m) => m.from === 'controller-manager' && m.kind === 'api.patch')
        .map((m) => `${m.ref?.resource}/${m.ref?.name}`);
      expect(gcPatches).toEqual([
        'configmaps/c',
        'secrets/s',
        'serviceaccounts/x',
        'clusterroles/r',
      ]);
    });
  }

  it('a ConfigMap held by another finalizer as well keeps only that one', () => {
    const { run } = engineSession(1);
    run('kubectl create configmap c --from-literal=a=b');
    run(`kubectl patch configmap c -p '{"metadata":{"finalizers":["example.com/hold"]}}'`);
    run('kubectl delete configmap c --cascade=orphan --wait=false');
    expect(run(`kubectl get configmap c -o jsonpath='{.metadata.finalizers}'`).out).toBe(
      '["example.com/hold"]',
    );
  });
});
