/**
 * Foreground cascading deletion: the owner keeps its `foregroundDeletion` finalizer while its
 * blocking dependents go; a ReplicaSet with pods is itself deleted in the foreground, so it
 * shows deleting while its pods terminate; each dependent that goes re-queues its owner.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';
import type { KubeObject } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import { createCluster } from '../cluster.ts';
import { kubectlDeployment } from './helpers.ts';

function describeObj(kind: string, o: KubeObject): string {
  const m = o.metadata ?? {};
  if (!m.deletionTimestamp) return kind;
  return `${kind}(deleting${m.finalizers?.length ? ` ${m.finalizers.join(',')}` : ''})`;
}

/** The Deployment, ReplicaSets and pods of `default`, one word each. */
function state(c: Cluster): string {
  const s = c.snapshot();
  return [
    ...s.list('deployments', 'default').map((o) => describeObj('deploy', o)),
    ...s.list('replicasets', 'default').map((o) => describeObj('rs', o)),
    ...s.list('pods', 'default').map((o) => describeObj('pod', o)),
  ].join(' ');
}

/** Every distinct state the cluster passes through while it works, for up to `ms`. */
function timeline(c: Cluster, ms: number): string[] {
  const until = c.now() + ms;
  const seen = [state(c)];
  for (let m = c.step(); m && m.at <= until; m = c.step()) {
    const s = state(c);
    if (s !== seen[seen.length - 1]) seen.push(s);
  }
  return seen;
}

describe('foreground cascading deletion', () => {
  it('deletes the ReplicaSet in the foreground, then its pods, and releases the Deployment last', () => {
    const c = createCluster({ seed: 1 });
    const kubectl = c.client('kubectl');
    expect(kubectl.create('deployments', 'default', kubectlDeployment('web', 'nginx', 2)).ok).toBe(
      true,
    );
    c.settle();
    const rs = c.snapshot().list('replicasets', 'default')[0]!;
    expect(
      kubectl.delete('deployments', 'default', 'web', { propagationPolicy: 'Foreground' }).ok,
    ).toBe(true);
    expect(timeline(c, 120_000)).toEqual([
      'deploy(deleting foregroundDeletion) rs pod pod',
      'deploy(deleting foregroundDeletion) rs(deleting foregroundDeletion) pod pod',
      'deploy(deleting foregroundDeletion) rs(deleting foregroundDeletion) pod(deleting) pod(deleting)',
      'deploy(deleting foregroundDeletion) rs(deleting foregroundDeletion) pod(deleting)',
      'deploy(deleting foregroundDeletion) rs(deleting foregroundDeletion)',
      'deploy(deleting foregroundDeletion)',
      '',
    ]);
    // The garbage collector asked for the ReplicaSet's deletion in the foreground.
    const rsDelete = c.messages.find(
      (m) =>
        m.from === 'controller-manager' &&
        m.kind === 'api.delete' &&
        m.ref?.name === rs.metadata?.name,
    );
    expect(rsDelete?.label).toBe(
      `DELETE /apis/apps/v1/namespaces/default/replicasets/${rs.metadata?.name}`,
    );
  });

  it('kubectl delete --cascade=foreground returns once the Deployment is gone', () => {
    const s = engineSession();
    s.run('kubectl create deployment web --image=nginx --replicas=2');
    expect(s.run('kubectl delete deploy web --cascade=foreground')).toEqual({
      out: 'deployment.apps "web" deleted\n',
      err: '',
      code: 0,
    });
    expect(s.run('kubectl get deploy,rs,pods').err).toBe(
      'No resources found in default namespace.\n',
    );
  });

  it('a Deployment-owned ReplicaSet deleted in the foreground goes, and the Deployment recreates it under the same name', () => {
    const s = engineSession();
    s.run('kubectl create deployment web --image=nginx --replicas=2');
    const before = s.cluster.snapshot().list('replicasets', 'default')[0]!;
    expect(s.run('kubectl delete rs -l app=web --cascade=foreground')).toEqual({
      out: `replicaset.apps "${before.metadata?.name}" deleted\n`,
      err: '',
      code: 0,
    });
    const after = s.cluster.snapshot().list('replicasets', 'default');
    expect(after.map((r) => [r.metadata?.name, r.metadata?.uid === before.metadata?.uid])).toEqual([
      [before.metadata?.name, false],
    ]);
    const d = s.cluster.peek('deployments', 'default', 'web')!;
    expect((d.status as { collisionCount?: number }).collisionCount).toBeUndefined();
    expect(s.cluster.snapshot().list('pods', 'default')).toHaveLength(2);
  });

  it('a pod deleted in the foreground (no dependents) loses the finalizer and goes', () => {
    const s = engineSession();
    s.run('kubectl run p --image=nginx');
    expect(s.run('kubectl delete pod p --cascade=foreground')).toEqual({
      out: 'pod "p" deleted\n',
      err: '',
      code: 0,
    });
    expect(s.cluster.peek('pods', 'default', 'p')).toBeUndefined();
  });
});
