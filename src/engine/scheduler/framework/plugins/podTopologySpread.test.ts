import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { noteChange, notePodChange, trackChanges } from '../changeLog.ts';
import {
  appendPod,
  type NodeInfo,
  newNodeInfo,
  removePod,
  replacePodSameSpec,
} from '../nodeInfo.ts';
import { nodeTable } from '../nodeTable.ts';
import { podRequests } from '../resources.ts';
import { schedulePod } from '../schedule.ts';
import { makeNode, makePod } from '../testing.ts';
import {
  defaultConstraints,
  defaultSpreadSelector,
  preScore,
  score,
  scoreInto,
} from './podTopologySpread.ts';

const RS = 'web-7c79c4bf97';
const LABELS = { app: 'web', 'pod-template-hash': '7c79c4bf97' };
const replica = (name: string, extra: { namespace?: string } = {}) =>
  makePod(name, { labels: LABELS, ownerReplicaSet: RS, ...extra });

function spreadScores(pod: Pod, nodes: ReturnType<typeof newNodeInfo>[]) {
  const r = schedulePod(pod, nodes, { random: () => 0 });
  return r.scores.map((s) => [
    s.node,
    s.plugins.find((p) => p.plugin === 'PodTopologySpread')?.score,
  ]);
}

describe('PodTopologySpread (system default constraints)', () => {
  it('applies to controller-owned pods only', () => {
    expect(defaultSpreadSelector(replica('web-1'))).toEqual(LABELS);
    expect(defaultSpreadSelector(makePod('bare', { labels: LABELS }))).toBeUndefined();
    const r = schedulePod(
      makePod('bare', { labels: LABELS }),
      [newNodeInfo(makeNode('worker1')), newNodeInfo(makeNode('worker2'))],
      { random: () => 0 },
    );
    expect(r.skippedScorePlugins).toContain('PodTopologySpread');
  });

  it('hostname spreading: fewer replicas on a node scores higher', () => {
    // 3 feasible nodes → weight ln(3 + 2) = 1.609; maxSkew 3 adds 2.
    // worker1 (2 replicas): 2·1.609 + 2 = 5.22 → 5; worker2 (1): 3.61 → 4; worker3 (0): 2.
    // Normalized 100·(max + min − s)/max with max 5, min 2: 40, 60, 100.
    const nodes = [
      newNodeInfo(makeNode('worker1'), [replica('web-a'), replica('web-b')]),
      newNodeInfo(makeNode('worker2'), [
        replica('web-c'),
        // neither of these counts: another namespace, and a terminating replica
        replica('web-x', { namespace: 'blue' }),
        {
          ...replica('web-y'),
          metadata: { ...replica('web-y').metadata, deletionTimestamp: '2024-01-01T00:00:00Z' },
        },
      ]),
      newNodeInfo(makeNode('worker3'), [makePod('other', { labels: { app: 'db' } })]),
    ];
    expect(spreadScores(replica('web-new'), nodes)).toEqual([
      ['worker1', 40],
      ['worker2', 60],
      ['worker3', 100],
    ]);
  });

  it('adds zone spreading for nodes labelled with a zone', () => {
    // hostname weight ln(5) = 1.609, zone weight ln(2 zones + 2) = 1.386, zone maxSkew 5 adds 4.
    // worker1 (1 replica, zone a has 1): 1.609 + 2 + 1.386 + 4 = 8.996 → 9
    // worker2 (0, zone a has 1): 2 + 5.386 = 7.386 → 7;  worker3 (0, zone b has 0): 2 + 4 = 6
    // max 9, min 6 → 100·(15 − s)/9: 66, 88, 100
    const zone = (z: string) => ({ 'topology.kubernetes.io/zone': z });
    const nodes = [
      newNodeInfo(makeNode('worker1', { labels: zone('a') }), [replica('web-a')]),
      newNodeInfo(makeNode('worker2', { labels: zone('a') })),
      newNodeInfo(makeNode('worker3', { labels: zone('b') })),
    ];
    expect(spreadScores(replica('web-new'), nodes)).toEqual([
      ['worker1', 66],
      ['worker2', 88],
      ['worker3', 100],
    ]);
  });

  it('all nodes score 100 when no node has a matching replica', () => {
    const nodes = [newNodeInfo(makeNode('worker1')), newNodeInfo(makeNode('worker2'))];
    // raw 2 and 2 → 100·(2 + 2 − 2)/2 = 100
    expect(spreadScores(replica('web-new'), nodes)).toEqual([
      ['worker1', 100],
      ['worker2', 100],
    ]);
  });
});

describe('PodTopologySpread with the pod’s own constraints', () => {
  const zone = (z: string) => ({ 'topology.kubernetes.io/zone': z });
  const web = (name: string, extra: Record<string, string> = {}) =>
    makePod(name, { labels: { app: 'web', ...extra } });
  const spreadPod = (
    constraint: Partial<import('kubernetes-types/core/v1').TopologySpreadConstraint>,
    labels: Record<string, string> = {},
  ) => {
    const pod = web('incoming', labels);
    pod.spec!.topologySpreadConstraints = [
      {
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'DoNotSchedule',
        labelSelector: { matchLabels: { app: 'web' } },
        ...constraint,
      },
    ];
    return pod;
  };

  it('DoNotSchedule rejects domains that would exceed maxSkew, and nodes without the key', () => {
    // zone a has 1 web pod, zone b has 0 → min 0. worker1 (a): 1 + 1 − 0 = 2 > 1.
    const nodes = [
      newNodeInfo(makeNode('worker1', { labels: zone('a') }), [web('web-1')]),
      newNodeInfo(makeNode('worker2')),
      newNodeInfo(makeNode('worker3', { labels: zone('b'), unschedulable: true })),
    ];
    const r = schedulePod(spreadPod({}), nodes, { random: () => 0 });
    expect(r.message).toBe(
      "0/3 nodes are available: 1 node(s) didn't match pod topology spread constraints, 1 node(s) didn't match pod topology spread constraints (missing required label), 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    );
  });

  it('DoNotSchedule lets the pod into the emptier domain', () => {
    const nodes = [
      newNodeInfo(makeNode('worker1', { labels: zone('a') }), [web('web-1')]),
      newNodeInfo(makeNode('worker2', { labels: zone('a') })),
      newNodeInfo(makeNode('worker3', { labels: zone('b') })),
    ];
    const r = schedulePod(spreadPod({}), nodes, { random: () => 0 });
    expect(r.verdicts.map((v) => [v.node, v.passed])).toEqual([
      ['worker1', false],
      ['worker2', false],
      ['worker3', true],
    ]);
    expect(r.selectedNode).toBe('worker3');
  });

  it('minDomains larger than the domains present makes the global minimum 0', () => {
    // one web pod on each of 3 nodes: min 1 → skew 1 + 1 − 1 = 1 fits; with minDomains 5 → 2.
    const nodes = ['worker1', 'worker2', 'worker3'].map((n, i) =>
      newNodeInfo(makeNode(n), [web(`web-${i}`)]),
    );
    const hostname = { topologyKey: 'kubernetes.io/hostname' };
    expect(schedulePod(spreadPod(hostname), nodes, { random: () => 0 }).feasible).toBe(true);
    expect(
      schedulePod(spreadPod({ ...hostname, minDomains: 5 }), nodes, { random: () => 0 }).feasible,
    ).toBe(false);
  });

  it('matchLabelKeys narrows the selector to the pod’s own revision', () => {
    // worker1 holds 2 pods of the old revision; only the new revision counts with matchLabelKeys.
    const nodes = [
      newNodeInfo(makeNode('worker1'), [
        web('old-1', { 'pod-template-hash': 'old' }),
        web('old-2', { 'pod-template-hash': 'old' }),
      ]),
      newNodeInfo(makeNode('worker2')),
    ];
    const hostname = { topologyKey: 'kubernetes.io/hostname' };
    const without = schedulePod(spreadPod(hostname, { 'pod-template-hash': 'new' }), nodes, {
      random: () => 0,
    });
    expect(without.verdicts.map((v) => v.passed)).toEqual([false, true]);
    const withKeys = schedulePod(
      spreadPod(
        { ...hostname, matchLabelKeys: ['pod-template-hash'] },
        { 'pod-template-hash': 'new' },
      ),
      nodes,
      { random: () => 0 },
    );
    expect(withKeys.verdicts.map((v) => v.passed)).toEqual([true, true]);
  });

  it('ScheduleAnyway scores domains; nodes without the key score 0; no system defaults', () => {
    // Scored nodes: worker1..3 (worker4 has no zone and is ignored). Zones a, b → weight ln 4.
    // raw: worker1, worker2 (zone a, 1 pod) 1·1.386 + 0 → 1; worker3 (zone b) 0.
    // normalized 100·(1 + 0 − s)/1: 0, 0, 100; worker4 0.
    const nodes = [
      newNodeInfo(makeNode('worker1', { labels: zone('a') }), [replica('web-1')]),
      newNodeInfo(makeNode('worker2', { labels: zone('a') })),
      newNodeInfo(makeNode('worker3', { labels: zone('b') })),
      newNodeInfo(makeNode('worker4')),
    ];
    const pod = replica('web-new');
    pod.spec!.topologySpreadConstraints = [
      {
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector: { matchLabels: { app: 'web' } },
      },
    ];
    expect(spreadScores(pod, nodes)).toEqual([
      ['worker1', 0],
      ['worker2', 0],
      ['worker3', 100],
      ['worker4', 0],
    ]);
  });
});

describe('PodTopologySpread with the node table', () => {
  it('scores the same from the table’s columns as from the NodeInfos, with and without zones', () => {
    const zone = (z: string) => ({ labels: { 'topology.kubernetes.io/zone': z } });
    const withZones = [
      newNodeInfo(makeNode('worker1', zone('a')), [replica('web-a'), replica('web-b')]),
      newNodeInfo(makeNode('worker2', zone('a')), [replica('web-c')]),
      newNodeInfo(makeNode('worker3', zone('b'))),
      newNodeInfo(makeNode('worker4'), [replica('web-d')]),
    ];
    const withoutZones = [
      newNodeInfo(makeNode('worker1'), [replica('web-a'), replica('web-b')]),
      newNodeInfo(makeNode('worker2'), [replica('web-c')]),
      newNodeInfo(makeNode('worker3')),
    ];
    const pod = replica('web-new');
    for (const nodes of [withZones, withoutZones]) {
      const state = {
        pod,
        namespace: 'default',
        requests: podRequests(pod),
        hostPorts: [],
        tolerations: [],
        allNodes: nodes,
      };
      const cs = defaultConstraints(pod, defaultSpreadSelector(pod));
      const rows = nodes.map((_, i) => i);
      const table = nodeTable(nodes);
      const fromTable = preScore(state, cs, true, nodes, () => true, table, rows)!;
      const fromNodes = preScore(state, cs, true, nodes, () => true)!;
      expect(fromTable.domainCounts).toEqual(fromNodes.domainCounts);
      expect(fromTable.weights).toEqual(fromNodes.weights);
      const a = new Float64Array(nodes.length);
      const b = new Float64Array(nodes.length);
      scoreInto(fromTable, nodes, rows, a, nodes.length, table);
      scoreInto(fromNodes, nodes, rows, b, nodes.length);
      expect(Array.from(a)).toEqual(Array.from(b));
      expect(Array.from(a)).toEqual(nodes.map((n, i) => score(fromNodes, n, i)));
    }
  });
});

describe('PodTopologySpread counts from a change log', () => {
  it('follows pods added, relabelled and removed exactly as a full count does', () => {
    // The same workload on an array updated in place with a change log (counts follow the
    // logged pod changes) and on fresh copies (counts from comparing every node).
    const run = (logged: boolean) => {
      let nodes = [1, 2, 3, 4].map((i) => newNodeInfo(makeNode(`worker${i}`)));
      const log = logged ? trackChanges(nodes) : undefined;
      const placed: { node: number; pod: Pod }[] = [];
      const write = (i: number, next: NodeInfo, removed?: Pod, added?: Pod, known = true) => {
        if (!logged) nodes = nodes.slice();
        nodes[i] = next;
        if (log && known) notePodChange(log, i, removed, added);
        else if (log) noteChange(log, i);
      };
      const out: unknown[] = [];
      for (let step = 0; step < 40; step++) {
        const pod = replica(`web-${step}`);
        const r = schedulePod(pod, nodes, { random: () => 0.5 });
        out.push(r.scores);
        const at = nodes.findIndex((n) => n.name === r.selectedNode);
        write(at, appendPod(nodes[at]!, pod), undefined, pod);
        placed.push({ node: at, pod });
        if (step % 5 === 4) {
          // A copy of an earlier pod with other labels (it stops counting): same spec object.
          const p = placed[step - 3]!;
          const copy = { ...p.pod, metadata: { ...p.pod.metadata, labels: { app: 'other' } } };
          write(p.node, replacePodSameSpec(nodes[p.node]!, p.pod, copy)!, p.pod, copy);
          p.pod = copy;
        }
        if (step % 7 === 6) {
          // A pod removed, logged without saying which: that node is counted again.
          const p = placed[step - 5]!;
          write(p.node, removePod(nodes[p.node]!, p.pod), undefined, undefined, false);
        }
      }
      return out;
    };
    expect(run(true)).toEqual(run(false));
  });
});
