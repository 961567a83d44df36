/**
 * The pod garbage collector (kube-controller-manager's PodGC, 1.32): pods bound to a node that
 * no longer exists, terminating pods that were never scheduled, and terminating pods on an
 * out-of-service node are marked Failed and force-deleted.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';
import type { KubeObject } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import { createCluster } from '../cluster.ts';
import { rfc3339 } from '../util/clock.ts';
import { kubectlDeployment, nodeOf, phaseOf, podsOf } from './helpers.ts';

/** The controller manager's requests about pods, as `<seconds since t0> <verb> <path>`. */
function podRequests(c: Cluster, t0: number): string[] {
  return c.messages
    .filter((m) => m.from === 'controller-manager' && m.ref?.resource === 'pods' && m.at > t0)
    .filter((m) => m.kind === 'api.patch' || m.kind === 'api.delete')
    .map((m) => `${((m.at - t0) / 1000).toFixed(3)} ${m.label}`);
}

/** The pod as stored by the request message `seq` (the etcd write right after it). */
function storedAfter(c: Cluster, seq: number, ns: string, name: string): KubeObject | undefined {
  return c.frame(seq + 1)?.get('pods', ns, name);
}

describe('PodGC: gcOrphaned', () => {
  it('marks a pod bound to a node that does not exist Failed and deletes it 40–60 s later', () => {
    const c = createCluster({ seed: 1 });
    c.settle();
    const t0 = c.now();
    const created = c.client('kubectl').create('pods', 'default', {
      metadata: { name: 'web' },
      spec: { nodeName: 'node9', containers: [{ name: 'nginx', image: 'nginx' }] },
    });
    expect(created.ok).toBe(true);
    // Quarantined for 40 s from the first 20-s pass that sees it: still there after 40 s.
    c.advance(40_000);
    expect(podsOf(c).map((p) => p.metadata?.name)).toEqual(['web']);
    c.advance(20_000);
    expect(podsOf(c)).toEqual([]);

    const requests = podRequests(c, t0);
    expect(requests.map((r) => r.slice(r.indexOf(' ') + 1))).toEqual([
      'PATCH /api/v1/namespaces/default/pods/web/status',
      'DELETE /api/v1/namespaces/default/pods/web',
    ]);
    const at = Number(requests[0]!.split(' ')[0]);
    expect(at).toBeGreaterThanOrEqual(40);
    expect(at).toBeLessThanOrEqual(60);
    const patch = c.messages.find(
      (m) => m.label === 'PATCH /api/v1/namespaces/default/pods/web/status',
    )!;
    const failed = storedAfter(c, patch.seq, 'default', 'web')!;
    expect(phaseOf(failed)).toBe('Failed');
    expect((failed.status as { conditions?: unknown[] }).conditions).toEqual([
      {
        type: 'DisruptionTarget',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: rfc3339(patch.at),
        reason: 'DeletionByPodGC',
        message: 'PodGC: node no longer exists',
      },
    ]);
    // PodGC records no events.
    expect(c.snapshot().list('events', 'default')).toEqual([]);
  });

  it('deletes the pods of a deleted node, and the ReplicaSet replaces them elsewhere', () => {
    const { cluster: c, run } = engineSession(1);
    expect(
      c.client('kubectl').create('deployments', 'default', kubectlDeployment('web', 'nginx', 3)).ok,
    ).toBe(true);
    c.settle();
    const onNode1 = podsOf(c).filter((p) => nodeOf(p) === 'node1');
    expect(onNode1).toHaveLength(1);
    const victim = onNode1[0]!.metadata!.name!;
    const proxy = podsOf(c, 'kube-system').find(
      (p) => p.metadata?.name?.startsWith('kube-proxy-') && nodeOf(p) === 'node1',
    )!.metadata!.name!;

    // The machine is gone for good: its kubelet is down, then the Node object is deleted.
    c.stopNode('node1');
    expect(run('kubectl delete node node1')).toEqual({
      out: 'node "node1" deleted\n',
      err: '',
      code: 0,
    });
    const t0 = c.now();
    c.advance(60_000);
    c.settle();

    const requests = podRequests(c, t0);
    expect(requests.map((r) => r.slice(r.indexOf(' ') + 1))).toEqual([
      `PATCH /api/v1/namespaces/default/pods/${victim}/status`,
      `DELETE /api/v1/namespaces/default/pods/${victim}`,
      `PATCH /api/v1/namespaces/kube-system/pods/${proxy}/status`,
      `DELETE /api/v1/namespaces/kube-system/pods/${proxy}`,
    ]);
    // 40–60 s after the Node object went: the quarantine starts at the next 20-s pass.
    const nodeDeleted = c.messages.find((m) => m.label === 'DELETE /api/v1/nodes/node1')!.at;
    const gcAt = c.messages.find(
      (m) =>
        m.from === 'controller-manager' &&
        m.label === `PATCH /api/v1/namespaces/default/pods/${victim}/status`,
    )!.at;
    expect(gcAt - nodeDeleted).toBeGreaterThan(40_000);
    expect(gcAt - nodeDeleted).toBeLessThanOrEqual(60_000);
    // Three web pods again, none on node1, all Running; no kube-proxy pod left for node1.
    const pods = podsOf(c);
    expect(pods.map((p) => [nodeOf(p) === 'node1', phaseOf(p)])).toEqual([
      [false, 'Running'],
      [false, 'Running'],
      [false, 'Running'],
    ]);
    expect(pods.some((p) => p.metadata?.name === victim)).toBe(false);
    expect(podsOf(c, 'kube-system').some((p) => nodeOf(p) === 'node1')).toBe(false);
    expect(run('kubectl get deployment web').out).toBe(
      'NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    3/3     3            3           2m\n',
    );
  });
});

describe('PodGC: gcUnscheduledTerminating', () => {
  it('marks a terminating pod that never got a node Failed and deletes it', () => {
    const c = createCluster({ seed: 1 });
    c.settle();
    const kubectl = c.client('kubectl');
    // Another scheduler's pod, held by a finalizer: deleting it leaves it Terminating.
    expect(
      kubectl.create('pods', 'default', {
        metadata: { name: 'held', finalizers: ['example.com/keep'] },
        spec: { schedulerName: 'other', containers: [{ name: 'nginx', image: 'nginx' }] },
      }).ok,
    ).toBe(true);
    c.settle();
    expect(kubectl.delete('pods', 'default', 'held').ok).toBe(true);
    const t0 = c.now();
    c.advance(20_000);
    const requests = podRequests(c, t0);
    expect(requests.map((r) => r.slice(r.indexOf(' ') + 1))).toEqual([
      'PATCH /api/v1/namespaces/default/pods/held/status',
      'DELETE /api/v1/namespaces/default/pods/held',
    ]);
    // The finalizer keeps it; it is Failed now, with no condition added.
    const pod = c.snapshot().get('pods', 'default', 'held')!;
    expect(phaseOf(pod)).toBe('Failed');
    expect((pod.status as { conditions?: unknown[] }).conditions).toBeUndefined();
    // Once Failed, later passes only repeat the (no-op) delete.
    const before = podRequests(c, t0).length;
    c.advance(20_000);
    expect(
      podRequests(c, t0)
        .slice(before)
        .map((r) => r.slice(r.indexOf(' ') + 1)),
    ).toEqual(['DELETE /api/v1/namespaces/default/pods/held']);
  });
});

describe('PodGC: gcTerminating', () => {
  it('force-deletes terminating pods on a NotReady node tainted out-of-service', () => {
    const c = createCluster({ seed: 1 });
    const kubectl = c.client('kubectl');
    expect(kubectl.create('deployments', 'default', kubectlDeployment('web', 'nginx', 3)).ok).toBe(
      true,
    );
    c.settle();
    const victim = podsOf(c).find((p) => nodeOf(p) === 'node1')!.metadata!.name!;
    c.stopNode('node1');
    // The node lifecycle controller marks it NotReady after the 50-s grace period.
    c.advance(70_000);
    // Non-graceful node shutdown: the admin taints the dead node out-of-service.
    expect(
      kubectl.patch('nodes', undefined, 'node1', {
        spec: {
          taints: [
            ...((c.snapshot().get('nodes', undefined, 'node1')!.spec as { taints?: unknown[] })
              .taints ?? []),
            {
              key: 'node.kubernetes.io/out-of-service',
              value: 'nodeshutdown',
              effect: 'NoExecute',
            },
          ],
        },
      }).ok,
    ).toBe(true);
    const t0 = c.now();
    c.advance(25_000);
    // The taint manager deletes the pod gracefully at once (no kubelet will ever confirm it);
    // PodGC's next pass, at most 20 s later, force-deletes it: phase Failed, grace period 0.
    const requests = podRequests(c, t0);
    expect(requests.map((r) => r.slice(r.indexOf(' ') + 1))).toEqual([
      `PATCH /api/v1/namespaces/default/pods/${victim}/status`,
      `DELETE /api/v1/namespaces/default/pods/${victim}`,
      `PATCH /api/v1/namespaces/default/pods/${victim}/status`,
      `DELETE /api/v1/namespaces/default/pods/${victim}`,
    ]);
    const times = requests.map((r) => Number(r.split(' ')[0]));
    expect(times[0]).toBeLessThan(1);
    expect(times[2]).toBeGreaterThan(times[0]!);
    expect(times[2]).toBeLessThanOrEqual(20);
    const evicted = c.messages.find(
      (m) => m.at > t0 && m.label === `PATCH /api/v1/namespaces/default/pods/${victim}/status`,
    )!;
    const terminating = storedAfter(c, evicted.seq + 2, 'default', victim)!;
    expect(terminating.metadata?.deletionTimestamp).toBeDefined();
    expect(phaseOf(terminating)).toBe('Running');
    expect(c.snapshot().get('pods', 'default', victim)).toBeUndefined();
  });
});
