/**
 * DefaultPreemption (audit 11 A13): victims per node, the node picked, the PostFilter message.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { addPod, type NodeInfo, newNodeInfo } from './nodeInfo.ts';
import { schedulePod } from './schedule.ts';
import { CONTROL_PLANE_TAINT, fixedRandom, makeNode, makePod } from './testing.ts';

const TAINT = 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';

function pod(name: string, cpu: string, priority: number, startTime?: string): Pod {
  const p = makePod(name, { cpu });
  return { ...p, spec: { ...p.spec!, priority }, ...(startTime ? { status: { startTime } } : {}) };
}

/** A control plane and workers (2 CPU each) holding the given pods. */
function cluster(...workers: Pod[][]): NodeInfo[] {
  const infos = [newNodeInfo(makeNode('control-plane', { taints: [CONTROL_PLANE_TAINT] }))];
  workers.forEach((pods, i) => {
    let info = newNodeInfo(makeNode(`worker${i + 1}`));
    for (const p of pods) info = addPod(info, p);
    infos.push(info);
  });
  return infos;
}

const names = (pods: readonly Pod[] | undefined) => pods?.map((p) => p.metadata?.name);

describe('DefaultPreemption', () => {
  it('equal priorities: no victims anywhere, and no random offset drawn', () => {
    const nodes = cluster([pod('a', '1500m', 0)], [pod('b', '1500m', 0)]);
    const { random, calls } = fixedRandom([0]);
    const r = schedulePod(pod('p', '1500m', 0), nodes, { random });
    expect(r.preemption).toBeUndefined();
    expect(r.clearNomination).toBe(true);
    expect(r.message).toBe(
      `0/3 nodes are available: 1 ${TAINT}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
    );
    expect(calls()).toBe(0);
  });

  it('evicts the fewest, least important pods; the FitError carries no preemption part', () => {
    // worker1: two low pods, either frees enough; worker2: one pod of higher (but lower than
    // the preemptor's) priority. The lowest highest-victim priority wins: worker1.
    const nodes = cluster(
      [
        pod('old', '800m', 0, '2026-01-01T00:00:00Z'),
        pod('young', '800m', 0, '2026-01-01T00:05:00Z'),
      ],
      [pod('mid', '1500m', 100)],
    );
    const r = schedulePod(pod('vip', '1', 1000), nodes, { random: () => 0 });
    expect(r.feasible).toBe(false);
    expect(r.preemption?.node).toBe('worker1');
    // Reprieve goes most important first: `old` (earlier start) is kept, `young` goes.
    expect(names(r.preemption?.victims)).toEqual(['young']);
    expect(r.message).toBe(`0/3 nodes are available: 1 ${TAINT}, 2 Insufficient cpu.`);
  });

  it('prefers the node needing fewer victims when priorities tie', () => {
    const nodes = cluster([pod('a1', '900m', 0), pod('a2', '900m', 0)], [pod('b1', '1800m', 0)]);
    const r = schedulePod(pod('vip', '1800m', 10), nodes, { random: () => 0 });
    expect(r.preemption?.node).toBe('worker2');
    expect(names(r.preemption?.victims)).toEqual(['b1']);
  });

  it('a node where even removing every lower pod does not help reports its filter verdict', () => {
    const nodes = cluster(
      [pod('a', '500m', 0), pod('hi', '1500m', 2000)],
      [pod('b', '1500m', 5000)],
    );
    const r = schedulePod(pod('vip', '1', 1000), nodes, { random: () => 0 });
    expect(r.preemption).toBeUndefined();
    expect(r.message).toBe(
      `0/3 nodes are available: 1 ${TAINT}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Insufficient cpu, 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.`,
    );
  });

  it('preemptionPolicy Never is not eligible', () => {
    const p = pod('vip', '1500m', 1000);
    p.spec!.preemptionPolicy = 'Never';
    const r = schedulePod(p, cluster([pod('a', '1500m', 0)]), { random: () => 0 });
    expect(r.preemption).toBeUndefined();
    expect(r.message).toBe(
      `0/2 nodes are available: 1 Insufficient cpu, 1 ${TAINT}. preemption: not eligible due to preemptionPolicy=Never.`,
    );
  });

  it('waits while its preempted victim terminates on the nominated node', () => {
    const a = pod('a', '1500m', 0);
    const victim: Pod = {
      ...a,
      metadata: { ...a.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' },
      status: {
        conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler' }],
      },
    };
    const p: Pod = { ...pod('vip', '1500m', 1000), status: { nominatedNodeName: 'worker1' } };
    const r = schedulePod(p, cluster([victim], [pod('b', '1500m', 0)]), { random: () => 0 });
    expect(r.preemption).toBeUndefined();
    expect(r.clearNomination).toBeUndefined();
    expect(r.message).toBe(
      `0/3 nodes are available: 1 ${TAINT}, 2 Insufficient cpu. preemption: not eligible due to a terminating pod on the nominated node.`,
    );
  });

  it('pods nominated to a node count there against pods of lower or equal priority', () => {
    const nodes = cluster([], []);
    const vip = pod('vip', '1500m', 1000);
    const nominatedPods = new Map([['worker1', [vip]]]);
    const low = schedulePod(pod('low', '1500m', 0), nodes, { random: () => 0, nominatedPods });
    expect(low.selectedNode).toBe('worker2');
    // The nominated pod itself, and pods of higher priority, ignore the nomination.
    const self = schedulePod(vip, nodes, { random: () => 0, nominatedPods });
    expect(self.feasibleNodes).toBe(2);
    const higher = schedulePod(pod('top', '1500m', 2000), nodes, {
      random: () => 0,
      nominatedPods,
    });
    expect(higher.feasibleNodes).toBe(2);
  });
});

describe('evaluateNominatedNode', () => {
  it('a nominated pod that fits its nominated node goes there without scoring', () => {
    const nodes = cluster([], [], []);
    const p: Pod = { ...pod('vip', '1', 1000), status: { nominatedNodeName: 'worker3' } };
    const r = schedulePod(p, nodes, { random: () => 0, startIndex: 2 });
    expect([r.selectedNode, r.evaluatedNodes, r.nextStartIndex, r.scores]).toEqual([
      'worker3',
      1,
      0,
      [],
    ]);
    // When it no longer fits there, the usual scan runs.
    const full = cluster([], [], [pod('x', '2', 2000)]);
    const r2 = schedulePod(p, full, { random: () => 0, startIndex: 2 });
    expect(r2.evaluatedNodes).toBe(4);
    expect(r2.selectedNode).not.toBe('worker3');
  });
});

describe('DefaultPreemption and PodDisruptionBudgets', () => {
  const labelled = (p: Pod, app: string): Pod => ({
    ...p,
    metadata: { ...p.metadata, labels: { app } },
  });
  const budget = (app: string, allowed: number, disrupted: Record<string, string> = {}) => ({
    metadata: { name: app, namespace: 'default' },
    spec: { selector: { matchLabels: { app } } },
    status: { disruptionsAllowed: allowed, disruptedPods: disrupted },
  });

  it('picks the node whose victims do not violate a budget, before any other criterion', () => {
    // worker1's victim is guarded (no disruption allowed) and of lower priority: without the
    // budget it would win on "lowest highest-victim priority".
    const nodes = cluster(
      [labelled(pod('guarded', '1500m', 0), 'db')],
      [labelled(pod('free', '1500m', 100), 'web')],
    );
    const vip = pod('vip', '1500m', 1000);
    expect(schedulePod(vip, nodes, { random: () => 0 }).preemption?.node).toBe('worker1');
    const r = schedulePod(vip, nodes, { random: () => 0, pdbs: () => [budget('db', 0)] });
    expect(r.preemption?.node).toBe('worker2');
    expect(names(r.preemption?.victims)).toEqual(['free']);
  });

  it('reprieves violating pods first; a pod already in disruptedPods is no violation', () => {
    // Either pod frees enough room. The budget allows one disruption: the more important pod
    // (`a`, earlier start) takes it, `b` would violate; `b` is reprieved first and stays.
    const nodes = cluster([
      labelled(pod('a', '800m', 0, '2026-01-01T00:00:00Z'), 'db'),
      labelled(pod('b', '800m', 0, '2026-01-01T00:05:00Z'), 'db'),
    ]);
    const vip = pod('vip', '1', 1000);
    expect(names(schedulePod(vip, nodes, { random: () => 0 }).preemption?.victims)).toEqual(['b']);
    const guarded = schedulePod(vip, nodes, { random: () => 0, pdbs: () => [budget('db', 1)] });
    expect(names(guarded.preemption?.victims)).toEqual(['a']);
    // With `a` already counted by an eviction, `b` takes the allowed disruption: back to `b`.
    const counted = schedulePod(vip, nodes, {
      random: () => 0,
      pdbs: () => [budget('db', 1, { a: '2026-01-01T00:10:00Z' })],
    });
    expect(names(counted.preemption?.victims)).toEqual(['b']);
  });
});
