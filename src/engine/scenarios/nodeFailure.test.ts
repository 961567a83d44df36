/**
 * A worker stops (its kubelet no longer renews its Lease): after the 50 s grace period the node
 * is NotReady and tainted unreachable; after the pods' 300 s toleration they are marked for
 * deletion and the ReplicaSet replaces them on the other workers.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster.ts';
import { parseTimestamp } from '../util/clock.ts';
import { eventRows, kubectlDeployment, nodeOf, phaseOf, podsOf } from './helpers.ts';

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

describe('a node that stops', () => {
  it('goes NotReady after the grace period and its pods are replaced after 300 s', () => {
    const c = createCluster({ seed: 1 });
    const k = c.client('kubectl');
    k.create('deployments', 'default', kubectlDeployment('web', 'nginx', 2));
    c.settle();
    const [a, b] = podsOf(c);
    const victim = nodeOf(a!)!;
    const survivor = nodeOf(b!)!;
    expect(victim).not.toBe(survivor);
    const lease = c.snapshot().get('leases', 'kube-node-lease', victim)!;
    const lastRenew = parseTimestamp((lease.spec as { renewTime: string }).renewTime);
    const before = eventRows(c).length;

    c.stopNode(victim);
    expect(c.stoppedNodes()).toEqual([victim]);
    const notReady = () => {
      const n = c.snapshot().get('nodes', undefined, victim)!;
      return (
        (n.status as { conditions: Condition[] }).conditions.find((x) => x.type === 'Ready')
          ?.status === 'Unknown'
      );
    };
    expect(c.runUntil(notReady, 120_000)).toBe(true);
    // node-monitor-grace-period is 50 s, measured from when the controller saw the last renewal;
    // the monitor looks every 5 s, so both the sighting and the check may lag by one period.
    const detected = c.now() - lastRenew;
    expect(detected).toBeGreaterThan(50_000);
    expect(detected).toBeLessThanOrEqual(61_000);
    const node = c.snapshot().get('nodes', undefined, victim)!;
    const ready = (node.status as { conditions: Condition[] }).conditions.find(
      (x) => x.type === 'Ready',
    )!;
    expect(ready).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
    });
    c.advance(10);
    const taints = (
      c.snapshot().get('nodes', undefined, victim)!.spec as {
        taints: { key: string; effect: string }[];
      }
    ).taints;
    expect(taints.map((t) => `${t.key}:${t.effect}`).sort()).toEqual([
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/unreachable:NoSchedule',
    ]);
    const taintedAt = c.now();

    // Not yet evicted 290 s later…
    c.advance(290_000);
    expect(podsOf(c).map((p) => p.metadata?.deletionTimestamp)).toEqual([undefined, undefined]);
    // …but after the 300 s toleration the pod is marked for deletion and replaced.
    c.advance(20_000);
    c.settle();
    const podName = a!.metadata!.name!;
    const rows = eventRows(c).slice(before);
    expect(rows.slice(0, 3)).toEqual([
      ['Normal', 'NodeNotReady', `node/${victim}`, `Node ${victim} status is now: NodeNotReady`],
      ['Warning', 'NodeNotReady', `pod/${podName}`, 'Node is not ready'],
      [
        'Normal',
        'TaintManagerEviction',
        `pod/${podName}`,
        `Marking for deletion Pod default/${podName}`,
      ],
    ]);
    const eviction = c
      .snapshot()
      .list('events', 'default')
      .find((e) => e.reason === 'TaintManagerEviction')!;
    const evictedAfter = parseTimestamp(eviction.firstTimestamp as string) - taintedAt;
    expect(evictedAfter).toBeGreaterThanOrEqual(290_000);
    expect(evictedAfter).toBeLessThanOrEqual(301_000);
    const rsName = c.snapshot().list('replicasets', 'default')[0]!.metadata!.name!;
    const replacement = podsOf(c).find(
      (p) => p.metadata?.name !== podName && p.metadata?.name !== b!.metadata?.name,
    )!;
    expect(rows[3]).toEqual([
      'Normal',
      'SuccessfulCreate',
      `replicaset/${rsName}`,
      `Created pod: ${replacement.metadata!.name}`,
    ]);
    expect(nodeOf(replacement)).not.toBe(victim);
    expect(phaseOf(replacement)).toBe('Running');
    // The old pod waits, Terminating, on the unreachable node: nobody there to confirm.
    const old = c.snapshot().get('pods', 'default', podName)!;
    expect(old.metadata?.deletionTimestamp).toBeDefined();
    expect(nodeOf(old)).toBe(victim);
    expect(c.snapshot().get('deployments', 'default', 'web')!.status).toMatchObject({
      readyReplicas: 2,
    });
    expect(c.errors).toEqual([]);
  });

  it('keeps the DaemonSet pod kube-proxy on the dead node (daemon pods tolerate NotReady forever)', () => {
    const c = createCluster({ seed: 1 });
    const proxyOn = (node: string) =>
      c
        .snapshot()
        .list('pods', 'kube-system')
        .find((p) => p.metadata?.name?.startsWith('kube-proxy-') && nodeOf(p) === node);
    const before = proxyOn('node1');
    expect(before).toBeDefined();
    c.stopNode('node1');
    c.advance(10 * 60 * 1000);
    const after = proxyOn('node1');
    expect(after?.metadata?.uid).toBe(before?.metadata?.uid);
    expect(after?.metadata?.deletionTimestamp).toBeUndefined();
    // The node does carry the taint that evicts ordinary pods after 300 s.
    const node = c.snapshot().get('nodes', undefined, 'node1');
    expect(JSON.stringify(node?.spec)).toContain('node.kubernetes.io/unreachable');
  });

  it('a restarted node reports Ready again and finishes the deletion of its old pods', () => {
    const c = createCluster({ seed: 1 });
    c.client('kubectl').create('deployments', 'default', kubectlDeployment('web', 'nginx', 2));
    c.settle();
    const victim = nodeOf(podsOf(c)[0]!)!;
    c.stopNode(victim);
    c.advance(400_000);
    c.settle();
    expect(podsOf(c)).toHaveLength(3);
    c.startNode(victim);
    c.settle();
    const node = c.snapshot().get('nodes', undefined, victim)!;
    const ready = (node.status as { conditions: Condition[] }).conditions.find(
      (x) => x.type === 'Ready',
    )!;
    expect(ready.status).toBe('True');
    expect((node.spec as { taints?: unknown[] }).taints ?? []).toEqual([]);
    const pods = podsOf(c);
    expect(pods).toHaveLength(2);
    expect(pods.every((p) => !p.metadata?.deletionTimestamp && phaseOf(p) === 'Running')).toBe(
      true,
    );
    expect(c.stoppedNodes()).toEqual([]);
  });
});
