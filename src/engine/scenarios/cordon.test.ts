/**
 * Cordon and uncordon: the node lifecycle controller keeps the
 * `node.kubernetes.io/unschedulable:NoSchedule` taint in step with `spec.unschedulable`, and the
 * kubelet reports NodeNotSchedulable / NodeSchedulable at its next node status computation.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';
import type { KubeObject } from '../api/types.ts';
import { rfc3339 } from '../util/clock.ts';
import { eventRows, kubectlDeployment, nodeOf, phaseOf, podsOf } from './helpers.ts';

const taintsOf = (n: KubeObject | undefined) =>
  (n?.spec as { taints?: { key: string; effect: string; timeAdded?: string }[] } | undefined)
    ?.taints;

/** The `describe node` lines about scheduling, and its Events block. */
function describeLines(out: string): string[] {
  const lines = out.split('\n');
  const events = lines.findIndex((l) => l.startsWith('Events:'));
  return [
    ...lines.filter((l) => l.startsWith('Taints:') || l.startsWith('Unschedulable:')),
    ...lines.slice(events).filter((l) => l !== ''),
  ];
}

describe('kubectl cordon', () => {
  it('taints the node, and the kubelet reports NodeNotSchedulable at its next status update', () => {
    const s = engineSession();
    const c = s.cluster;
    const t0 = c.now();
    expect(s.run('kubectl cordon node1').out).toBe('node/node1 cordoned\n');
    // The controller's pass follows the Node update it watched; the kubelet's 10 s status loop
    // notices the cordon next (it is not woken by its Node's updates).
    const node = c.peek('nodes', undefined, 'node1');
    const taints = taintsOf(node)!;
    expect(taints.map((t) => [t.key, t.effect])).toEqual([
      ['node.kubernetes.io/unschedulable', 'NoSchedule'],
    ]);
    const addedAt = Date.parse(taints[0]!.timeAdded!) - Date.parse(rfc3339(t0));
    expect(addedAt).toBeGreaterThanOrEqual(0);
    expect(addedAt).toBeLessThan(1_000);
    const notSchedulable = c
      .snapshot()
      .list('events', 'default')
      .filter((e) => e.reason === 'NodeNotSchedulable');
    expect(notSchedulable).toHaveLength(1);
    expect(notSchedulable[0]).toMatchObject({
      type: 'Normal',
      message: 'Node node1 status is now: NodeNotSchedulable',
      source: { component: 'kubelet', host: 'node1' },
      involvedObject: { kind: 'Node', name: 'node1' },
      count: 1,
    });
    const seenAfter =
      Date.parse(notSchedulable[0]!.firstTimestamp as string) - Date.parse(rfc3339(t0));
    expect(seenAfter).toBeGreaterThan(0);
    expect(seenAfter).toBeLessThanOrEqual(10_000);

    expect(describeLines(s.run('kubectl describe node node1').out)).toEqual([
      'Taints:             node.kubernetes.io/unschedulable:NoSchedule',
      'Unschedulable:      true',
      'Events:',
      '  Type    Reason              Age   From     Message',
      '  ----    ------              ----  ----     -------',
      '  Normal  NodeNotSchedulable  15s   kubelet  Node node1 status is now: NodeNotSchedulable',
    ]);

    expect(s.run('kubectl uncordon node1').out).toBe('node/node1 uncordoned\n');
    expect(taintsOf(c.peek('nodes', undefined, 'node1'))).toBeUndefined();
    expect(describeLines(s.run('kubectl describe node node1').out)).toEqual([
      'Taints:             <none>',
      'Unschedulable:      false',
      'Events:',
      '  Type    Reason              Age   From     Message',
      '  ----    ------              ----  ----     -------',
      '  Normal  NodeNotSchedulable  55s   kubelet  Node node1 status is now: NodeNotSchedulable',
      '  Normal  NodeSchedulable     15s   kubelet  Node node1 status is now: NodeSchedulable',
    ]);
  });

  it('keeps other taints and adds the cordon taint after them', () => {
    const s = engineSession();
    s.run('kubectl taint node node2 dedicated=db:NoSchedule');
    s.run('kubectl cordon node2');
    expect(taintsOf(s.cluster.peek('nodes', undefined, 'node2'))?.map((t) => t.key)).toEqual([
      'dedicated',
      'node.kubernetes.io/unschedulable',
    ]);
    s.run('kubectl uncordon node2');
    expect(taintsOf(s.cluster.peek('nodes', undefined, 'node2'))?.map((t) => t.key)).toEqual([
      'dedicated',
    ]);
  });

  it('fails scheduling with NodeUnschedulable (checked before the taint), but daemon and tolerating pods still land', () => {
    const s = engineSession();
    const c = s.cluster;
    for (const n of ['node1', 'node2', 'node3']) s.run(`kubectl cordon ${n}`);
    const kubectl = c.client('kubectl');
    expect(kubectl.create('deployments', 'default', kubectlDeployment('web', 'nginx')).ok).toBe(
      true,
    );
    const tolerating: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'tolerant' },
      spec: {
        containers: [{ name: 'nginx', image: 'nginx' }],
        nodeSelector: { 'kubernetes.io/hostname': 'node2' },
        tolerations: [
          { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
        ],
      },
    };
    expect(kubectl.create('pods', 'default', tolerating).ok).toBe(true);
    // A daemon pod that goes is replaced on its cordoned node.
    const proxy = c
      .snapshot()
      .list('pods', 'kube-system')
      .find((p) => p.metadata?.name?.startsWith('kube-proxy-') && nodeOf(p) === 'node3')!;
    expect(kubectl.delete('pods', 'kube-system', proxy.metadata!.name!).ok).toBe(true);
    c.settle();

    const web = podsOf(c).find((p) => p.metadata?.name?.startsWith('web-'))!;
    expect(phaseOf(web)).toBe('Pending');
    // Two Events (events.k8s.io): the first attempt refers to the pod before its
    // PodScheduled=False write, the retry to the pod after it (another resourceVersion).
    const failed = [
      'Warning',
      'FailedScheduling',
      `pod/${web.metadata!.name}`,
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) were unschedulable. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    ];
    expect(eventRows(c).filter(([, reason]) => reason === 'FailedScheduling')).toEqual([
      failed,
      failed,
    ]);
    const tolerant = c.peek('pods', 'default', 'tolerant')!;
    expect([nodeOf(tolerant), phaseOf(tolerant)]).toEqual(['node2', 'Running']);
    const replacement = c
      .snapshot()
      .list('pods', 'kube-system')
      .filter((p) => p.metadata?.name?.startsWith('kube-proxy-') && nodeOf(p) === 'node3');
    expect(replacement.map((p) => [p.metadata?.name === proxy.metadata?.name, phaseOf(p)])).toEqual(
      [[false, 'Running']],
    );
  });
});
