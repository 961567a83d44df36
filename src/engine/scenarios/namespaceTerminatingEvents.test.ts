/**
 * Events in a Terminating namespace (audit 17 H7): 1.32's NamespaceLifecycle admission refuses
 * every create there, Events included (its only exemptions are Namespaces themselves, deletes
 * and access reviews). The kubelet's `Killing` events for the pods being torn down are refused
 * and dropped by its recorder; once the namespace controller has deleted the old Events,
 * `kubectl get events -n NS` finds none while the namespace is still Terminating.
 */
import { describe, expect, it } from 'vitest';
import { runAction } from '../../cli/actions.ts';
import { hostForCluster } from '../../kubectl/engineHost.ts';
import { runLine } from '../../kubectl/shell.ts';
import { createCluster } from '../cluster.ts';

function lab() {
  const cluster = createCluster({ seed: 1 });
  cluster.settle();
  const host = hostForCluster(cluster);
  const sh = (line: string) => {
    const r = runAction(cluster, line) ?? runLine(host, line);
    return { out: r.stdout, err: r.stderr, code: r.exitCode };
  };
  return { cluster, sh };
}

describe('a Terminating namespace takes no new Events', () => {
  it('the Killing events of its pods are refused; get events finds none while it terminates', () => {
    const { cluster, sh } = lab();
    sh('kubectl create ns shop');
    sh('kubectl -n shop create deploy web --image=nginx --replicas=2');
    sh('kubectl -n shop run sleeper --image=busybox -- sleep 3600');
    cluster.advance(30_000);
    expect(sh('kubectl get events -n shop').out).toContain('Started container nginx');
    expect(sh('kubectl delete ns shop --wait=false').out).toBe('namespace "shop" deleted\n');
    cluster.advance(5_000);
    // The sleeper (PID 1 ignores SIGTERM) holds the namespace for its 30 s grace period.
    expect(sh("kubectl get ns shop -o jsonpath='{.status.phase}'").out).toBe('Terminating');
    expect(sh('kubectl get pod sleeper -n shop').out).toContain('Terminating');
    expect(sh('kubectl get events -n shop')).toEqual({
      out: '',
      err: 'No resources found in shop namespace.\n',
      code: 0,
    });
    const killing = cluster
      .snapshot()
      .list('events')
      .filter((e) => e.reason === 'Killing');
    expect(killing).toEqual([]);
    cluster.advance(60_000);
    expect(sh('kubectl get ns shop').err).toBe(
      'Error from server (NotFound): namespaces "shop" not found\n',
    );
    expect(cluster.errors).toEqual([]);
  });

  it('a create of an Event there is Forbidden with the NamespaceLifecycle message', () => {
    const { cluster, sh } = lab();
    sh('kubectl create ns shop');
    sh('kubectl -n shop create cm held --from-literal=a=b');
    sh(`kubectl -n shop patch cm held -p '{"metadata":{"finalizers":["example.com/hold"]}}'`);
    sh('kubectl delete ns shop --wait=false');
    cluster.advance(5_000);
    const r = cluster.client('kubectl').create('events', 'shop', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'x.1' },
      involvedObject: { kind: 'ConfigMap', namespace: 'shop', name: 'held' },
      reason: 'Test',
      message: 'hello',
      type: 'Normal',
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && [r.status.code, r.status.reason, r.status.message]).toEqual([
      403,
      'Forbidden',
      'events "x.1" is forbidden: unable to create new content in namespace shop because it is being terminated',
    ]);
    // Updates are not refused: the held ConfigMap can still lose its finalizer.
    expect(
      sh(
        `kubectl -n shop patch cm held --type=json -p '[{"op":"remove","path":"/metadata/finalizers"}]'`,
      ).out,
    ).toBe('configmap/held patched\n');
  });
});
