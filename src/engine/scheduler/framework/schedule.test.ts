import type { Node, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { addPod, type NodeInfo, newNodeInfo } from './nodeInfo.ts';
import {
  NO_NODES_MESSAGE,
  numFeasibleNodesToFind,
  type ScheduleResult,
  schedulePod,
  selectHost,
} from './schedule.ts';
import { CONTROL_PLANE_TAINT, fixedRandom, makeNode, makePod } from './testing.ts';

const never = () => {
  throw new Error('random() must not be called');
};

/** A kubeadm cluster: tainted control plane + workers (2 CPU, 4Gi, 110 pods each). */
function cluster(workers: number, extra: Partial<Record<string, Node>> = {}): NodeInfo[] {
  const nodes: Node[] = [makeNode('control-plane', { taints: [CONTROL_PLANE_TAINT] })];
  for (let i = 1; i <= workers; i++) nodes.push(extra[`worker${i}`] ?? makeNode(`worker${i}`));
  return nodes.map((n) => newNodeInfo(n));
}

function run(pod: Pod, nodes: NodeInfo[], random: () => number = never): ScheduleResult {
  return schedulePod(pod, nodes, { random });
}

describe('FailedScheduling messages', () => {
  it('control-plane taint + insufficient cpu on 3 workers', () => {
    const r = run(makePod('big', { cpu: '3' }), cluster(3));
    expect(r.feasible).toBe(false);
    expect(r.selectedNode).toBeUndefined();
    expect(r.message).toBe(
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
    );
    expect(r.verdicts).toEqual([
      {
        node: 'control-plane',
        passed: false,
        code: 'UnschedulableAndUnresolvable',
        reasons: [
          {
            plugin: 'TaintToleration',
            reason: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
          },
        ],
      },
      ...['worker1', 'worker2', 'worker3'].map((node) => ({
        node,
        passed: false,
        code: 'Unschedulable',
        reasons: [{ plugin: 'NodeResourcesFit', reason: 'Insufficient cpu' }],
      })),
    ]);
    expect(r.evaluatedNodes).toBe(4);
    expect(r.feasibleNodes).toBe(0);
  });

  it('all nodes cordoned: NodeUnschedulable runs before TaintToleration', () => {
    const nodes = [
      makeNode('control-plane', { taints: [CONTROL_PLANE_TAINT], unschedulable: true }),
      makeNode('worker1', { unschedulable: true }),
      // kubectl cordon also leads to the unschedulable taint (TaintNodesByCondition)
      makeNode('worker2', {
        unschedulable: true,
        taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
      }),
    ].map((n) => newNodeInfo(n));
    expect(run(makePod('web'), nodes).message).toBe(
      '0/3 nodes are available: 3 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('a pod tolerating the unschedulable taint may land on a cordoned node', () => {
    const nodes = [newNodeInfo(makeNode('worker1', { unschedulable: true }))];
    const pod = makePod('ds-pod', {
      tolerations: [
        { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
      ],
    });
    expect(run(pod, nodes).selectedNode).toBe('worker1');
  });

  it('nodeSelector matching nothing', () => {
    const r = run(makePod('web', { nodeSelector: { disktype: 'ssd' } }), cluster(3));
    expect(r.message).toBe(
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
    );
  });

  it('sorts histogram entries as whole strings: "10 …" before "2 …"', () => {
    // 16 nodes: control plane, 10 with CPU taken, 2 with memory taken, 3 cordoned.
    const nodes: NodeInfo[] = [
      newNodeInfo(makeNode('control-plane', { taints: [CONTROL_PLANE_TAINT] })),
    ];
    for (let i = 1; i <= 10; i++) {
      nodes.push(newNodeInfo(makeNode(`cpu-${i}`), [makePod(`hog-${i}`, { cpu: '1800m' })]));
    }
    for (let i = 1; i <= 2; i++) {
      nodes.push(newNodeInfo(makeNode(`mem-${i}`), [makePod(`fat-${i}`, { memory: '3900Mi' })]));
    }
    for (let i = 1; i <= 3; i++)
      nodes.push(newNodeInfo(makeNode(`off-${i}`, { unschedulable: true })));
    const r = run(makePod('web', { cpu: '500m', memory: '512Mi' }), nodes);
    expect(r.message).toBe(
      '0/16 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 10 Insufficient cpu, 2 Insufficient memory, 3 node(s) were unschedulable. preemption: 0/16 nodes are available: 12 No preemption victims found for incoming pod, 4 Preemption is not helpful for scheduling.',
    );
  });

  it('a node short of cpu and memory counts under both reasons but once for preemption', () => {
    const r = run(makePod('huge', { cpu: '8', memory: '16Gi' }), cluster(2));
    expect(r.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
    expect(r.verdicts[1]!.reasons).toEqual([
      { plugin: 'NodeResourcesFit', reason: 'Insufficient cpu' },
      { plugin: 'NodeResourcesFit', reason: 'Insufficient memory' },
    ]);
  });

  it('Too many pods when allocatable pods are used up', () => {
    const full = newNodeInfo(makeNode('worker1', { pods: '2' }), [makePod('a'), makePod('b')]);
    expect(run(makePod('c'), [full]).message).toBe(
      '0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });

  it('NotReady and unreachable nodes are rejected through their taints', () => {
    const nodes = [
      makeNode('worker1', {
        taints: [
          { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
          { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' },
        ],
      }),
      makeNode('worker2', {
        taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }],
      }),
    ].map((n) => newNodeInfo(n));
    expect(run(makePod('web'), nodes).message).toBe(
      '0/2 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
  });

  it('host port conflicts leave preemption looking for victims', () => {
    const nodes = cluster(3).map((n, i) =>
      i === 0 ? n : addPod(n, makePod(`ingress-${i}`, { hostPort: 80 })),
    );
    expect(run(makePod('web', { hostPort: 80 }), nodes).message).toBe(
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't have free ports for the requested pod ports. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.",
    );
  });

  it('preemptionPolicy Never replaces the preemption histogram', () => {
    // Equal counts: "1 Insufficient cpu" sorts before "1 node(s)…" ('I' < 'n').
    expect(run(makePod('big', { cpu: '3', preemptionPolicy: 'Never' }), cluster(1)).message).toBe(
      '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: not eligible due to preemptionPolicy=Never.',
    );
  });

  it('matchFields metadata.name pins nodes at PreFilter; the others count as not satisfying it', () => {
    const busy = newNodeInfo(makeNode('worker2'), [makePod('hog', { cpu: '1900m' })]);
    const nodes = cluster(3, {}).map((n) => (n.name === 'worker2' ? busy : n));
    const pod = makePod('pinned', {
      cpu: '500m',
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker2'] }] },
            ],
          },
        },
      },
    });
    const r = run(pod, nodes);
    expect(r.message).toBe(
      "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.",
    );
    expect(r.evaluatedNodes).toBe(1);
    expect(r.verdicts.map((v) => v.node)).toEqual([
      'worker2',
      'control-plane',
      'worker1',
      'worker3',
    ]);
  });

  it('terms pinning disjoint node names conflict at PreFilter', () => {
    const pod = makePod('pinned', {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              {
                matchFields: [
                  { key: 'metadata.name', operator: 'In', values: ['worker1'] },
                  { key: 'metadata.name', operator: 'In', values: ['worker2'] },
                ],
              },
            ],
          },
        },
      },
    });
    expect(run(pod, cluster(2)).message).toBe(
      '0/3 nodes are available: pod affinity terms conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('no nodes at all', () => {
    const r = run(makePod('web'), []);
    expect(r).toMatchObject({ feasible: false, message: NO_NODES_MESSAGE, evaluatedNodes: 0 });
  });
});

describe('placement', () => {
  it('with one feasible node the scheduler binds without scoring', () => {
    const r = run(makePod('web'), cluster(1));
    expect(r.selectedNode).toBe('worker1');
    expect(r.scores).toEqual([]);
    expect(r).toMatchObject({ feasible: true, evaluatedNodes: 2, feasibleNodes: 1 });
  });

  it('prefers the emptier worker (LeastAllocated) over a busier one', () => {
    const busy = newNodeInfo(makeNode('worker1'), [makePod('hog', { cpu: '1', memory: '2Gi' })]);
    const nodes = [busy, newNodeInfo(makeNode('worker2'))];
    const r = run(makePod('web', { cpu: '100m', memory: '128Mi' }), nodes);
    expect(r.selectedNode).toBe('worker2');
    // worker1: cpu (2000-1100)*100/2000 = 45, mem (4096-2176)*100/4096 = 46.875 → 46;
    //          LeastAllocated = (45+46)/2 = 45. Balanced: f = .55, .53125 → std .009375 → 99.
    // worker2: cpu 95, mem (4096-128)*100/4096 = 96.875 → 96; (95+96)/2 = 95.
    //          Balanced: .05 vs .03125 → std .009375 → 99.
    expect(r.scores).toEqual([
      {
        node: 'worker1',
        plugins: [
          { plugin: 'TaintToleration', score: 100, weight: 3 },
          { plugin: 'NodeResourcesFit', score: 45, weight: 1 },
          { plugin: 'NodeResourcesBalancedAllocation', score: 99, weight: 1 },
          { plugin: 'ImageLocality', score: 0, weight: 1 },
        ],
        total: 300 + 45 + 99,
      },
      {
        node: 'worker2',
        plugins: [
          { plugin: 'TaintToleration', score: 100, weight: 3 },
          { plugin: 'NodeResourcesFit', score: 95, weight: 1 },
          { plugin: 'NodeResourcesBalancedAllocation', score: 99, weight: 1 },
          { plugin: 'ImageLocality', score: 0, weight: 1 },
        ],
        total: 300 + 95 + 99,
      },
    ]);
    expect(r.skippedScorePlugins).toEqual([
      'NodeAffinity',
      'PodTopologySpread',
      'InterPodAffinity',
    ]);
  });

  it('spreads the replicas of a ReplicaSet over the workers', () => {
    let nodes = cluster(3);
    const placed: string[] = [];
    for (let i = 0; i < 6; i++) {
      const pod = makePod(`web-7c79c4bf97-${i}`, {
        labels: { app: 'web', 'pod-template-hash': '7c79c4bf97' },
        ownerReplicaSet: 'web-7c79c4bf97',
      });
      const r = schedulePod(pod, nodes, { random: () => 0.99 });
      placed.push(r.selectedNode!);
      nodes = nodes.map((n) => (n.name === r.selectedNode ? addPod(n, pod) : n));
    }
    expect(placed).toEqual(['worker1', 'worker2', 'worker3', 'worker1', 'worker2', 'worker3']);
  });

  it('ties are broken by reservoir sampling over the best nodes in scan order', () => {
    const pod = makePod('web');
    // Three identical workers; each further best node replaces the pick with probability 1/count.
    const a = fixedRandom([0]);
    expect(schedulePod(pod, cluster(3), { random: a.random }).selectedNode).toBe('worker3');
    expect(a.calls()).toBe(2);
    expect(schedulePod(pod, cluster(3), { random: () => 0.99 }).selectedNode).toBe('worker1');
    // count 2: floor(0.6·2)=1 keeps worker1; count 3: floor(0.2·3)=0 takes worker3
    expect(
      schedulePod(pod, cluster(3), { random: fixedRandom([0.6, 0.2]).random }).selectedNode,
    ).toBe('worker3');
    // count 2: floor(0.4·2)=0 takes worker2; count 3: floor(0.9·3)=2 keeps it
    expect(
      schedulePod(pod, cluster(3), { random: fixedRandom([0.4, 0.9]).random }).selectedNode,
    ).toBe('worker2');
  });

  it('is deterministic for the same inputs and random source', () => {
    const pod = makePod('web');
    const once = () =>
      schedulePod(pod, cluster(5), { random: fixedRandom([0.3, 0.7, 0.1]).random });
    expect(once()).toEqual(once());
  });
});

describe('selectHost', () => {
  it('does not draw when the best score is unique', () => {
    expect(selectHost([10, 30, 20], never)).toBe(1);
  });

  it('only draws among the best totals', () => {
    const r = fixedRandom([0]);
    expect(selectHost([50, 10, 50, 50], r.random)).toBe(3);
    expect(r.calls()).toBe(2);
  });
});

describe('numFeasibleNodesToFind', () => {
  it.each([
    [3, undefined, 3],
    [99, undefined, 99],
    [100, undefined, 100], // 50% of 100 = 50 → raised to the minimum of 100
    [1000, undefined, 420], // 50 − 1000/125 = 42%
    [5000, undefined, 500], // 50 − 40 = 10%
    [6000, undefined, 300], // 50 − 48 = 2% → at least 5%
    [500, 10, 100], // 50 → minimum 100
    [1000, 30, 300],
  ])('%i nodes (percentage %s) → %i', (nodes, pct, want) => {
    expect(numFeasibleNodesToFind(nodes, pct)).toBe(want);
  });

  it('stops after enough feasible nodes and rotates the start index', () => {
    const nodes: NodeInfo[] = [];
    for (let i = 0; i < 200; i++) nodes.push(newNodeInfo(makeNode(`node-${i}`)));
    // 200 nodes → 49% = 98 → minimum 100 feasible nodes are enough.
    const r = schedulePod(makePod('web'), nodes, { random: () => 0.5, startIndex: 150 });
    expect(r.evaluatedNodes).toBe(100);
    expect(r.feasibleNodes).toBe(100);
    expect(r.verdicts[0]!.node).toBe('node-150');
    expect(r.verdicts[49]!.node).toBe('node-199');
    expect(r.verdicts[50]!.node).toBe('node-0');
    expect(r.verdicts.at(-1)!.node).toBe('node-49');
    expect(r.nextStartIndex).toBe(50);
    expect(r.scores).toHaveLength(100);
  });

  it('counts rejected nodes in the rotation too', () => {
    const nodes = cluster(3);
    const r = schedulePod(makePod('web'), nodes, { random: () => 0, startIndex: 2 });
    expect(r.nextStartIndex).toBe((2 + 4) % 4);
    expect(r.verdicts.map((v) => v.node)).toEqual([
      'worker2',
      'worker3',
      'control-plane',
      'worker1',
    ]);
  });
});

describe('explain: false', () => {
  it('makes the same decision without building verdicts and scores', () => {
    const pod = makePod('web', { cpu: '200m' });
    const nodes = cluster(4);
    const full = schedulePod(pod, nodes, { random: fixedRandom([0.4, 0.1, 0.8]).random });
    const lean = schedulePod(pod, nodes, {
      random: fixedRandom([0.4, 0.1, 0.8]).random,
      explain: false,
    });
    expect(lean.selectedNode).toBe(full.selectedNode);
    expect(lean.verdicts).toEqual([]);
    expect(lean.scores).toEqual([]);
    expect(lean.evaluatedNodes).toBe(full.evaluatedNodes);
  });
});
