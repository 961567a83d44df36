import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { rfc3339, rfc3339Micro } from '../util/clock.ts';
import { pod } from './fixtures.ts';
import { createNodeLifecycleController } from './nodeLifecycle.ts';
import type { Condition } from './objects.ts';
import { createTaintEvictionController } from './taintEviction.ts';
import { MiniCluster } from './testing.ts';

function readyNode(name: string): KubeObject {
  const cond = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    reason,
    message,
    lastHeartbeatTime: rfc3339(-1000),
    lastTransitionTime: rfc3339(-100_000),
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `uid-${name}`, creationTimestamp: rfc3339(-400_000_000) },
    spec: {},
    status: {
      conditions: [
        cond(
          'MemoryPressure',
          'False',
          'KubeletHasSufficientMemory',
          'kubelet has sufficient memory available',
        ),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond(
          'PIDPressure',
          'False',
          'KubeletHasSufficientPID',
          'kubelet has sufficient PID available',
        ),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
    },
  };
}

function lease(name: string, at: number): KubeObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name, namespace: 'kube-node-lease' },
    spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: rfc3339Micro(at) },
  };
}

const conditionsOf = (n: KubeObject | undefined) =>
  (n!.status as { conditions: Condition[] }).conditions;
const taintsOf = (n: KubeObject | undefined) =>
  (n!.spec as { taints?: { key: string; effect: string; timeAdded?: string }[] }).taints;

describe('node lifecycle controller', () => {
  it('marks a node NotReady exactly at the first 5 s tick more than 50 s after the last renewal', () => {
    const c = new MiniCluster([
      ['nodes', readyNode('node2')],
      ['leases', lease('node2', 0)],
      ['pods', pod('web-1', { node: 'node2', phase: 'Running', ready: true })],
    ]);
    const nlc = createNodeLifecycleController();
    c.reconcile(nlc, 'monitor');
    // The kubelet renews at 0 s and 10 s, then stops (the node died at ~10 s).
    c.runUntil(nlc, 9_999);
    c.cache.put('leases', lease('node2', 10_000));
    // Observed at the 10 s tick; the 60 s tick is not yet *after* 10 s + 50 s.
    c.runUntil(nlc, 60_000);
    expect(
      conditionsOf(c.get('nodes', undefined, 'node2')).find((x) => x.type === 'Ready')?.status,
    ).toBe('True');
    expect(c.ctx.events).toEqual([]);
    c.runUntil(nlc, 65_000);
    const conds = conditionsOf(c.get('nodes', undefined, 'node2'));
    expect(conds.map((x) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['MemoryPressure', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.'],
      ['DiskPressure', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.'],
      ['PIDPressure', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.'],
      ['Ready', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.'],
    ]);
    expect(conds[3]?.lastTransitionTime).toBe(rfc3339(65_000));
    expect(conds[3]?.lastHeartbeatTime).toBe(rfc3339(-1000));
    expect(taintsOf(c.get('nodes', undefined, 'node2'))).toEqual([
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: rfc3339(65_000) },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: rfc3339(65_000) },
    ]);
    expect(c.ctx.eventLines()).toEqual([
      'Normal NodeNotReady Node node2 status is now: NodeNotReady',
      'Warning NodeNotReady Node is not ready',
    ]);
    expect(c.ctx.events[0]?.component).toBe('node-controller');
    expect(c.ctx.events[0]?.ref).toMatchObject({ kind: 'Node', name: 'node2', uid: 'uid-node2' });
    const p = c.get('pods', 'default', 'web-1');
    expect(
      (p!.status as { conditions: Condition[] }).conditions.find((x) => x.type === 'Ready')?.status,
    ).toBe('False');
    // Nothing more happens while the node stays silent.
    const n = c.ctx.events.length;
    c.runUntil(nlc, 200_000);
    expect(c.ctx.events).toHaveLength(n);
  });

  it('removes the taints once the kubelet is back and posts Ready', () => {
    const c = new MiniCluster([
      ['nodes', readyNode('node2')],
      ['leases', lease('node2', 0)],
    ]);
    const nlc = createNodeLifecycleController();
    c.reconcile(nlc, 'monitor');
    c.runUntil(nlc, 60_000);
    expect(taintsOf(c.get('nodes', undefined, 'node2'))).toHaveLength(2);
    // The kubelet boots, renews its lease and posts Ready=True.
    c.cache.put('leases', lease('node2', 61_000));
    c.cache.put('nodes', { ...readyNode('node2'), spec: c.get('nodes', undefined, 'node2')?.spec });
    c.runUntil(nlc, 65_000);
    expect(taintsOf(c.get('nodes', undefined, 'node2'))).toBeUndefined();
  });
});

describe('taint eviction', () => {
  const defaultTolerations = [
    {
      key: 'node.kubernetes.io/not-ready',
      operator: 'Exists',
      effect: 'NoExecute',
      tolerationSeconds: 300,
    },
    {
      key: 'node.kubernetes.io/unreachable',
      operator: 'Exists',
      effect: 'NoExecute',
      tolerationSeconds: 300,
    },
  ];

  function taintedNode(at: number): KubeObject {
    return {
      ...readyNode('node2'),
      spec: {
        taints: [
          { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: rfc3339(at) },
          { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: rfc3339(at) },
        ],
      },
    };
  }

  it('deletes a pod 300 s after the NoExecute taint, marking it DisruptionTarget', () => {
    const c = new MiniCluster(
      [
        ['nodes', taintedNode(65_000)],
        [
          'pods',
          pod('web-7c79c4bf97-x6j7v', {
            node: 'node2',
            phase: 'Running',
            tolerations: defaultTolerations,
          }),
        ],
      ],
      66_000,
    );
    const te = createTaintEvictionController();
    expect(c.reconcile(te, 'node/node2')).toEqual([]);
    expect(c.ctx.requeues).toEqual([{ key: 'node/node2', at: 365_000 }]);
    c.runUntil(te, 364_999);
    expect(
      c.get('pods', 'default', 'web-7c79c4bf97-x6j7v')?.metadata?.deletionTimestamp,
    ).toBeUndefined();
    c.runUntil(te, 365_000);
    expect(c.ctx.eventLines()).toEqual([
      'Normal TaintManagerEviction Marking for deletion Pod default/web-7c79c4bf97-x6j7v',
    ]);
    const p = c.get('pods', 'default', 'web-7c79c4bf97-x6j7v');
    expect(p?.metadata?.deletionTimestamp).toBe(rfc3339(365_000));
    expect((p!.status as { conditions: Condition[] }).conditions.at(-1)).toMatchObject({
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
    });
  });

  it('evicts a pod without a matching toleration at once and keeps one tolerating forever', () => {
    const c = new MiniCluster(
      [
        ['nodes', taintedNode(65_000)],
        ['pods', pod('bare', { node: 'node2', phase: 'Running' })],
        [
          'pods',
          pod('forever', {
            node: 'node2',
            phase: 'Running',
            tolerations: [{ operator: 'Exists' }],
          }),
        ],
      ],
      65_000,
    );
    const te = createTaintEvictionController();
    const writes = c.reconcile(te, 'node/node2');
    expect(
      writes.filter((w) => w.verb === 'delete').map((w) => w.verb === 'delete' && w.name),
    ).toEqual(['bare']);
    expect(c.ctx.requeues).toEqual([]);
  });
});

describe('taint eviction: cancelling', () => {
  it('cancels a scheduled eviction when the taint goes away in time', () => {
    const tolerations = [
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ];
    const node = (taints: unknown[]): KubeObject => ({ ...readyNode('node2'), spec: { taints } });
    const c = new MiniCluster(
      [
        [
          'nodes',
          node([
            { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: rfc3339(0) },
          ]),
        ],
        ['pods', pod('web-1', { node: 'node2', phase: 'Running', tolerations })],
      ],
      1_000,
    );
    const te = createTaintEvictionController();
    c.reconcile(te, 'node/node2');
    c.ctx.now = 120_000;
    c.cache.put('nodes', node([]));
    c.reconcile(te, 'node/node2');
    expect(c.ctx.eventLines()).toEqual([
      'Normal TaintManagerEviction Cancelling deletion of Pod default/web-1',
    ]);
    c.runUntil(te, 400_000);
    expect(c.get('pods', 'default', 'web-1')?.metadata?.deletionTimestamp).toBeUndefined();
  });
});
