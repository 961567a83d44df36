import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { createCluster } from '../cluster.ts';

/** A cluster with only the scheduler running (no controllers, no kubelets). */
function schedulerOnly(seed = 1) {
  return createCluster({ seed, components: () => [] });
}

const pod = (name: string, cpu?: string): KubeObject => ({
  metadata: { name },
  spec: {
    containers: [
      { name: 'nginx', image: 'nginx', ...(cpu ? { resources: { requests: { cpu } } } : {}) },
    ],
  },
});

function events(c: ReturnType<typeof schedulerOnly>, ns = 'default') {
  const r = c.client('kubectl').list('events', ns);
  if (!r.ok) throw new Error(r.status.message);
  // events.k8s.io/v1 Events read through core/v1: no count (a series once repeated), no source.
  return r.value.items.map((e) => [
    e.type,
    e.reason,
    e.message,
    (e.series as { count?: number } | undefined)?.count ?? e.count ?? 1,
    e.reportingComponent,
  ]);
}

describe('scheduler actor', () => {
  it('binds a pending pod to a worker and records Scheduled', () => {
    const c = schedulerOnly();
    c.client('kubectl').create('pods', 'default', pod('web'));
    c.settle();
    const p = c.snapshot().get('pods', 'default', 'web')!;
    const node = (p.spec as { nodeName: string }).nodeName;
    expect(['node1', 'node2', 'node3']).toContain(node);
    expect(events(c)).toEqual([
      [
        'Normal',
        'Scheduled',
        `Successfully assigned default/web to ${node}`,
        1,
        'default-scheduler',
      ],
    ]);
    const d = c.snapshot().decision('default/web')!;
    expect(d.selectedNode).toBe(node);
    expect(d.attempt).toBe(1);
    // The control-plane node was filtered out by its taint.
    expect(d.verdicts.find((v) => v.node === 'control-plane')).toMatchObject({
      passed: false,
      reasons: [
        {
          plugin: 'TaintToleration',
          reason: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
        },
      ],
    });
    expect(d.scores.map((s) => s.node).sort()).toEqual(['node1', 'node2', 'node3']);
    const bind = c.messages.find((m) => m.kind === 'api.bind')!;
    expect([bind.from, bind.to, bind.label]).toEqual([
      'scheduler',
      'api-server',
      'POST /api/v1/namespaces/default/pods/web/binding',
    ]);
  });

  it('spreads a burst of pods using the assumed load of earlier bindings', () => {
    const c = schedulerOnly();
    for (let i = 0; i < 6; i++) c.client('kubectl').create('pods', 'default', pod(`p${i}`, '500m'));
    c.settle();
    const counts: Record<string, number> = {};
    for (const p of c.snapshot().list('pods', 'default')) {
      const n = (p.spec as { nodeName: string }).nodeName;
      counts[n] = (counts[n] ?? 0) + 1;
    }
    expect(counts).toEqual({ node1: 2, node2: 2, node3: 2 });
  });

  it('reports the exact FailedScheduling message and retries when a node appears', () => {
    const c = schedulerOnly();
    const k = c.client('kubectl');
    k.create('pods', 'default', pod('big', '3'));
    c.settle();
    const msg =
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.';
    expect(events(c)).toEqual([['Warning', 'FailedScheduling', msg, 1, 'default-scheduler']]);
    const p = c.snapshot().get('pods', 'default', 'big')!;
    expect((p.spec as { nodeName?: string }).nodeName).toBeUndefined();
    expect((p.status as { conditions: unknown[] }).conditions).toEqual([
      {
        type: 'PodScheduled',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime: '2026-01-06T00:00:00Z',
        reason: 'Unschedulable',
        message: msg,
      },
    ]);
    // A bigger node joins: the pod is retried after its back-off and lands there.
    const base = c.snapshot().get('nodes', undefined, 'node3')!;
    k.create('nodes', undefined, {
      metadata: { name: 'node4', labels: { 'kubernetes.io/hostname': 'node4' } },
      status: {
        ...(base.status as object),
        allocatable: { cpu: '8', memory: '16Gi', pods: '110' },
        capacity: { cpu: '8', memory: '16Gi', pods: '110' },
      },
    });
    c.settle();
    const after = c.snapshot().get('pods', 'default', 'big')!;
    expect((after.spec as { nodeName: string }).nodeName).toBe('node4');
    expect(events(c).map((e) => e[1])).toEqual(['FailedScheduling', 'Scheduled']);
    expect(c.snapshot().decision('default/big')?.attempt).toBe(2);
  });

  it('records repeated failures as an events.k8s.io series', () => {
    const c = schedulerOnly();
    c.client('kubectl').create('pods', 'default', pod('big', '3'));
    // The flush (every 30 s) retries a pod whose last failure is over 5 minutes old: the
    // attempts are at 0 s, 330 s and 660 s. The first refers to the pod before its
    // PodScheduled=False write (another resourceVersion, so another Event); the next two
    // are isomorphic: the second of them turns the Event into a series of 2.
    c.advance(12 * 60_000);
    const r = c.client('kubectl').list('events', 'default');
    if (!r.ok) throw new Error(r.status.message);
    const shape = r.value.items.map((e) => ({
      eventTime: e.eventTime,
      firstTimestamp: e.firstTimestamp,
      lastTimestamp: e.lastTimestamp,
      count: e.count,
      series: e.series,
      source: e.source,
      reportingInstance: e.reportingInstance,
      action: e.action,
    }));
    const base = {
      firstTimestamp: null,
      lastTimestamp: null,
      count: undefined,
      source: {},
      reportingInstance: 'default-scheduler-control-plane',
      action: 'Scheduling',
    };
    expect(shape).toEqual([
      { ...base, eventTime: '2026-01-06T00:00:00.006000Z', series: undefined },
      {
        ...base,
        eventTime: '2026-01-06T00:05:30.001000Z',
        series: { count: 2, lastObservedTime: '2026-01-06T00:11:00.001000Z' },
      },
    ]);
  });

  it('retries an unschedulable pod 5 minutes after its last failure, at the next 30-s flush', () => {
    const c = schedulerOnly();
    const kubectl = c.client('kubectl');
    kubectl.patch('nodes', undefined, 'node1', { spec: { unschedulable: true } });
    c.settle();
    kubectl.create('pods', 'default', pod('big', '3'));
    // Node changes that the rejecting plugins' queueing hints accept retry it (and it fails
    // again) at about 15 s and 30 s: node1 uncordoned (NodeUnschedulable), then the
    // control-plane taint removed (TaintToleration).
    for (const [node, spec] of [
      ['node1', { unschedulable: null }],
      ['control-plane', { taints: null }],
    ] as const) {
      c.advance(15_000);
      expect(kubectl.patch('nodes', undefined, node, { spec }).ok).toBe(true);
      c.settle();
    }
    const third = c.snapshot().decision('default/big')!;
    expect(third.attempt).toBe(3);
    // Not 5 minutes after the first failure…
    c.advance(300_000 - (c.now() - third.at) + 10_000);
    expect(c.snapshot().decision('default/big')!.attempt).toBe(3);
    // …but at the first flush more than 5 minutes after the last one.
    c.advance(30_000);
    const fourth = c.snapshot().decision('default/big')!;
    expect(fourth.attempt).toBe(4);
    expect(fourth.at - third.at).toBeGreaterThan(300_000);
    expect(fourth.at - third.at).toBeLessThanOrEqual(330_000);
  });

  it('ignores pods for another scheduler', () => {
    const c = schedulerOnly();
    const p = pod('other');
    (p.spec as Record<string, unknown>).schedulerName = 'my-scheduler';
    c.client('kubectl').create('pods', 'default', p);
    c.settle();
    expect(c.messages.some((m) => m.kind === 'api.bind')).toBe(false);
    expect(c.snapshot().decision('default/other')).toBeUndefined();
  });

  it("honours running pods' required anti-affinity, and forgets it when they are deleted", () => {
    // The scheduler keeps counts of pods with (anti-)affinity to skip InterPodAffinity's node
    // scans when there are none; this checks the counts follow binds and deletions.
    const c = schedulerOnly();
    const kubectl = c.client('kubectl');
    const lonely = (name: string): KubeObject => ({
      metadata: { name, labels: { app: 'lonely' } },
      spec: {
        containers: [{ name: 'nginx', image: 'nginx' }],
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              {
                labelSelector: { matchLabels: { app: 'lonely' } },
                topologyKey: 'kubernetes.io/hostname',
              },
            ],
          },
        },
      },
    });
    const nodeOf = (name: string) =>
      (c.snapshot().get('pods', 'default', name)?.spec as { nodeName?: string } | undefined)
        ?.nodeName;
    for (const n of ['a', 'b', 'c']) {
      kubectl.create('pods', 'default', lonely(n));
      c.settle();
    }
    expect(new Set(['a', 'b', 'c'].map(nodeOf))).toEqual(new Set(['node1', 'node2', 'node3']));
    // A plain pod that the running pods' anti-affinity rejects everywhere.
    kubectl.create('pods', 'default', {
      metadata: { name: 'd', labels: { app: 'lonely' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
    });
    c.settle({ maxMs: 2_000 });
    expect(nodeOf('d')).toBeUndefined();
    expect(c.snapshot().decision('default/d')?.message).toContain(
      "3 node(s) didn't satisfy existing pods anti-affinity rules",
    );
    // Once one of them is gone, the plain pod fits where it ran.
    const freed = nodeOf('b');
    kubectl.delete('pods', 'default', 'b', { gracePeriodSeconds: 0 });
    c.settle({ maxMs: 60_000 });
    expect(nodeOf('d')).toBe(freed);
  });
});

describe('scheduler actor: preemption', () => {
  it('nominates, marks and deletes the victim, waits for it, then binds', () => {
    const c = schedulerOnly();
    const k = c.client('kubectl');
    k.create('priorityclasses', undefined, {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'high' },
      value: 1000,
    });
    for (const n of ['a', 'b', 'c']) k.create('pods', 'default', pod(n, '1500m'));
    c.settle();
    const nodeOf = (name: string) =>
      (c.peek('pods', 'default', name)?.spec as { nodeName?: string } | undefined)?.nodeName;
    const vip = pod('vip', '1500m');
    (vip.spec as Record<string, unknown>).priorityClassName = 'high';
    k.create('pods', 'default', vip);
    c.settle();
    const v = c.peek('pods', 'default', 'vip')!;
    const nominated = (v.status as { nominatedNodeName?: string }).nominatedNodeName!;
    expect(['node1', 'node2', 'node3']).toContain(nominated);
    expect(nodeOf('vip')).toBeUndefined();
    // No kubelet here: the victim stays terminating, with the scheduler's condition.
    const victim = ['a', 'b', 'c'].find((n) => nodeOf(n) === nominated)!;
    const vp = c.peek('pods', 'default', victim)!;
    expect(vp.metadata?.deletionTimestamp).toBeDefined();
    expect(
      (vp.status as { conditions: Record<string, unknown>[] }).conditions.find(
        (x) => x.type === 'DisruptionTarget',
      ),
    ).toEqual({
      type: 'DisruptionTarget',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: expect.any(String),
      reason: 'PreemptionByScheduler',
      message: 'default-scheduler: preempting to accommodate a higher priority pod',
    });
    const r = k.list('events', 'default');
    if (!r.ok) throw new Error(r.status.message);
    const rows = r.value.items
      .filter((e) => e.reason !== 'Scheduled')
      .map((e) => [(e.involvedObject as { name: string }).name, e.reason, e.message]);
    const taint = 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';
    expect(rows).toEqual([
      [victim, 'Preempted', `Preempted by pod ${v.metadata?.uid} on node ${nominated}`],
      ['vip', 'FailedScheduling', `0/4 nodes are available: 1 ${taint}, 3 Insufficient cpu.`],
    ]);
    // A retry while the victim terminates (node1 may now hold one more pod: NodeResourcesFit's
    // hint queues the pod): not eligible to preempt again.
    k.patchStatus('nodes', undefined, 'node1', { status: { allocatable: { pods: '111' } } });
    c.settle();
    expect(
      (c.peek('pods', 'default', 'vip')!.status as { conditions: { message: string }[] })
        .conditions[0]!.message,
    ).toBe(
      `0/4 nodes are available: 1 ${taint}, 3 Insufficient cpu. preemption: not eligible due to a terminating pod on the nominated node.`,
    );
    // The victim gone, the preemptor lands on its nominated node.
    k.delete('pods', 'default', victim, { gracePeriodSeconds: 0 });
    c.settle();
    expect(nodeOf('vip')).toBe(nominated);
  });
});
