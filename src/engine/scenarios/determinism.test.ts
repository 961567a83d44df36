/** Same seed + same inputs → the identical timeline; another seed → other names; replay works. */
import { describe, expect, it } from 'vitest';
import { type Cluster, createCluster, replay } from '../cluster.ts';
import { kubectlDeployment, podsOf } from './helpers.ts';

function story(c: Cluster): void {
  const k = c.client('kubectl');
  c.docker.build('alice/web:1.0');
  c.docker.push('alice/web:1.0');
  k.create('namespaces', undefined, { metadata: { name: 'blue' } });
  k.create('deployments', 'blue', kubectlDeployment('web', 'alice/web:1.0', 2));
  k.create('deployments', 'default', kubectlDeployment('api', 'nginx', 3));
  c.settle();
  k.patch('deployments', 'default', 'api', { spec: { replicas: 1 } });
  c.stopNode('node2');
  c.advance(70_000);
  k.delete('namespaces', undefined, 'blue');
  c.settle();
}

const podNames = (c: Cluster) =>
  [...podsOf(c, 'default'), ...podsOf(c, 'kube-system')].map((p) => p.metadata?.name).sort();

describe('determinism', () => {
  it('gives a deep-equal timeline for the same seed', () => {
    const a = createCluster({ seed: 42 });
    const b = createCluster({ seed: 42 });
    story(a);
    story(b);
    expect(a.messages.length).toBeGreaterThan(500);
    expect(b.messages).toEqual(a.messages);
    expect(b.now()).toBe(a.now());
    for (const r of [
      'pods',
      'replicasets',
      'deployments',
      'events',
      'nodes',
      'namespaces',
    ] as const) {
      expect(b.snapshot().list(r)).toEqual(a.snapshot().list(r));
    }
    expect(b.snapshot().decisions()).toEqual(a.snapshot().decisions());
  });

  it('gives different pod names for a different seed', () => {
    const a = createCluster({ seed: 1 });
    const b = createCluster({ seed: 2 });
    story(a);
    story(b);
    const na = podNames(a);
    const nb = podNames(b);
    expect(na).toHaveLength(nb.length);
    expect(na.filter((n) => nb.includes(n))).toEqual([
      'etcd-control-plane',
      'kube-apiserver-control-plane',
      'kube-controller-manager-control-plane',
      'kube-scheduler-control-plane',
    ]);
  });

  it('replays recorded inputs into the same state', () => {
    const a = createCluster({ seed: 9 });
    story(a);
    expect(a.inputs.map((i) => i.method ?? i.op)).toEqual([
      'docker.build',
      'docker.push',
      'create',
      'create',
      'create',
      'patch',
      'stopNode',
      'delete',
    ]);
    const b = replay(a.inputs, { seed: 9 });
    // Replay stops right after the last input; run to the same moment.
    b.settle();
    expect(b.messages.slice(0, a.messages.length)).toEqual(a.messages);
    expect(b.snapshot().list('pods')).toEqual(a.snapshot().list('pods'));
  });

  it('keeps one cheap frame per message', () => {
    const c = createCluster({ seed: 5 });
    c.client('kubectl').create('deployments', 'default', kubectlDeployment('web', 'nginx'));
    c.settle();
    const first = c.frame(0)!;
    expect(first.seq).toBe(1);
    // The frame after the deployment's etcd write holds the deployment, not yet its ReplicaSet.
    const put = c.messages.findIndex(
      (m) => m.kind === 'etcd.put' && m.ref?.resource === 'deployments',
    );
    expect(c.frame(put)!.get('deployments', 'default', 'web')).toBeDefined();
    expect(c.frame(put)!.list('replicasets', 'default')).toEqual([]);
    expect(c.initialFrame.get('deployments', 'default', 'web')).toBeUndefined();
    const last = c.frame(c.messages.length - 1)!;
    expect(last.list('pods', 'default')).toEqual(c.snapshot().list('pods', 'default'));
  });
});
