import type { Affinity, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { type NodeInfo, newNodeInfo, removePod } from '../nodeInfo.ts';
import { schedulePod } from '../schedule.ts';
import { CONTROL_PLANE_TAINT, makeNode, makePod } from '../testing.ts';

const HOST = 'kubernetes.io/hostname';
const app = (
  name: string,
  value: string,
  extra: { namespace?: string; affinity?: Affinity } = {},
) => makePod(name, { labels: { app: value }, ...extra });
const term = (value: string, more: object = {}) => ({
  labelSelector: { matchLabels: { app: value } },
  topologyKey: HOST,
  ...more,
});
const antiWeb: Affinity = {
  podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web')] },
};

function cluster(pods: Record<string, Pod[]>): NodeInfo[] {
  return [
    newNodeInfo(makeNode('control-plane', { taints: [CONTROL_PLANE_TAINT] })),
    ...['worker1', 'worker2', 'worker3'].map((n) => newNodeInfo(makeNode(n), pods[n] ?? [])),
  ];
}

const passed = (pod: Pod, nodes: NodeInfo[]) =>
  schedulePod(pod, nodes, { random: () => 0 })
    .verdicts.filter((v) => v.passed)
    .map((v) => v.node);

describe('InterPodAffinity filter', () => {
  it('required anti-affinity keeps replicas off nodes that already run one', () => {
    const nodes = cluster({ worker1: [app('web-1', 'web')] });
    expect(passed(app('web-2', 'web', { affinity: antiWeb }), nodes)).toEqual([
      'worker2',
      'worker3',
    ]);
  });

  it('the exact message when every worker already runs a replica', () => {
    const nodes = cluster({
      worker1: [app('web-1', 'web')],
      worker2: [app('web-2', 'web')],
      worker3: [app('web-3', 'web')],
    });
    expect(
      schedulePod(app('web-4', 'web', { affinity: antiWeb }), nodes, { random: () => 0 }).message,
    ).toBe(
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match pod anti-affinity rules. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.",
    );
  });

  it("an existing pod's required anti-affinity repels matching newcomers", () => {
    const nodes = cluster({ worker1: [app('db-1', 'db', { affinity: antiWeb })] });
    const r = schedulePod(app('web-1', 'web'), nodes, { random: () => 0 });
    expect(r.verdicts.find((v) => v.node === 'worker1')).toEqual({
      node: 'worker1',
      passed: false,
      code: 'Unschedulable',
      reasons: [
        {
          plugin: 'InterPodAffinity',
          reason: "node(s) didn't satisfy existing pods anti-affinity rules",
        },
      ],
    });
    // and stops doing so once that pod is gone
    const gone = nodes.map((n) => removePod(n, app('db-1', 'db')));
    expect(passed(app('web-1', 'web'), gone)).toEqual(['worker1', 'worker2', 'worker3']);
  });

  it('required affinity follows the pods it names; the first pod of a self-affine group may go anywhere', () => {
    const withCache: Affinity = {
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('cache')] },
    };
    const nodes = cluster({ worker2: [app('cache-1', 'cache')] });
    const r = schedulePod(app('web-1', 'web', { affinity: withCache }), nodes, { random: () => 0 });
    expect(r.selectedNode).toBe('worker2');
    expect(r.verdicts.find((v) => v.node === 'worker1')?.reasons).toEqual([
      { plugin: 'InterPodAffinity', reason: "node(s) didn't match pod affinity rules" },
    ]);
    expect(r.verdicts.find((v) => v.node === 'worker1')?.code).toBe('UnschedulableAndUnresolvable');

    const selfAffine: Affinity = {
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('cache')] },
    };
    expect(passed(app('cache-1', 'cache', { affinity: selfAffine }), cluster({}))).toEqual([
      'worker1',
      'worker2',
      'worker3',
    ]);
  });

  it('terms cover the pod’s own namespace unless namespaces or a namespaceSelector say otherwise', () => {
    const nodes = cluster({ worker1: [app('web-blue', 'web', { namespace: 'blue' })] });
    expect(passed(app('web-1', 'web', { affinity: antiWeb }), nodes)).toEqual([
      'worker1',
      'worker2',
      'worker3',
    ]);
    const allNamespaces: Affinity = {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [term('web', { namespaceSelector: {} })],
      },
    };
    expect(passed(app('web-1', 'web', { affinity: allNamespaces }), nodes)).toEqual([
      'worker2',
      'worker3',
    ]);
    const blueBySelector: Affinity = {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          term('web', {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'blue' } },
          }),
        ],
      },
    };
    expect(passed(app('web-1', 'web', { affinity: blueBySelector }), nodes)).toEqual([
      'worker2',
      'worker3',
    ]);
  });
});

describe('InterPodAffinity score', () => {
  const ipa = (pod: Pod, nodes: NodeInfo[]) =>
    schedulePod(pod, nodes, { random: () => 0 }).scores.map((s) => [
      s.node,
      s.plugins.find((p) => p.plugin === 'InterPodAffinity')?.score,
    ]);

  it('preferred anti-affinity: min–max scaled, the crowded node lowest', () => {
    // raw: worker1 −100 (one web pod), worker2 0, worker3 0 → (s − min)·100/(max − min): 0, 100, 100
    const nodes = cluster({ worker1: [app('web-1', 'web')] });
    const pod = app('web-2', 'web', {
      affinity: {
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 100, podAffinityTerm: term('web') },
          ],
        },
      },
    });
    expect(ipa(pod, nodes)).toEqual([
      ['worker1', 0],
      ['worker2', 100],
      ['worker3', 100],
    ]);
  });

  it("existing pods' required affinity attracts matching pods with weight 1", () => {
    // the sidecar on worker3 requires app=web on its node: worker3 raw 1, others 0 → 100, 0, 0
    const needsWeb: Affinity = {
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web')] },
    };
    const nodes = cluster({ worker3: [app('agent-1', 'agent', { affinity: needsWeb })] });
    const r = schedulePod(app('web-1', 'web'), nodes, { random: () => 0 });
    expect(
      r.scores.map((s) => s.plugins.find((p) => p.plugin === 'InterPodAffinity')?.score),
    ).toEqual([0, 0, 100]);
    expect(r.skippedScorePlugins).not.toContain('InterPodAffinity');
  });

  it('is skipped when no pod involved has pod affinity', () => {
    const r = schedulePod(app('web-1', 'web'), cluster({}), { random: () => 0 });
    expect(r.skippedScorePlugins).toContain('InterPodAffinity');
  });
});
