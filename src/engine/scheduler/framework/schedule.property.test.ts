import fc from 'fast-check';
import type { Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { type NodeInfo, newNodeInfo } from './nodeInfo.ts';
import { toleratesTaint } from './plugins/taintToleration.ts';
import { podRequests } from './resources.ts';
import { schedulePod } from './schedule.ts';
import { makePod } from './testing.ts';

const key = fc.constantFrom(
  'zone',
  'disktype',
  'team',
  'node-role.kubernetes.io/control-plane',
  '',
);
const value = fc.constantFrom('a', 'b', 'ssd', '', '3', '10');
const effect = fc.constantFrom('NoSchedule', 'NoExecute', 'PreferNoSchedule', '');
const cpu = fc.constantFrom('0', '100m', '250m', '500m', '1', '1.5', '2', '4', '3500m', 'bogus');
const memory = fc.constantFrom('0', '64Mi', '128Mi', '1Gi', '2Gi', '4Gi', '128974848', '1e9');

const taint: fc.Arbitrary<Taint> = fc.record({ key, value, effect });
const toleration: fc.Arbitrary<Toleration> = fc.record(
  {
    key,
    operator: fc.constantFrom('Exists', 'Equal', '', 'Bogus'),
    value,
    effect,
  },
  { requiredKeys: [] },
);
/** Mostly `usual`, sometimes anything from `wild`: keeps a fair share of feasible cycles. */
function mostly<T>(usual: fc.Arbitrary<T>, wild: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ arbitrary: usual, weight: 3 }, { arbitrary: wild, weight: 1 });
}

const labels = fc.dictionary(fc.constantFrom('zone', 'disktype', 'team', 'cores'), value, {
  maxKeys: 3,
});
const requirement = fc.record({
  key: fc.constantFrom('zone', 'disktype', 'cores', 'metadata.name'),
  operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt', 'Bogus'),
  values: fc.array(fc.constantFrom('a', 'b', 'ssd', '3', 'node-0', 'node-1'), { maxLength: 2 }),
});
const term = fc.record(
  {
    matchExpressions: fc.array(requirement, { maxLength: 2 }),
    matchFields: fc.array(requirement, { maxLength: 1 }),
  },
  { requiredKeys: [] },
);

const podArb: fc.Arbitrary<Pod> = fc
  .record({
    cpu: fc.option(cpu, { nil: undefined }),
    memory: fc.option(memory, { nil: undefined }),
    tolerations: fc.array(toleration, { maxLength: 3 }),
    nodeSelector: mostly(fc.constant(undefined), labels),
    required: mostly(fc.constant(undefined), fc.array(term, { maxLength: 2 })),
    preferred: fc.option(
      fc.array(fc.record({ weight: fc.integer({ min: 0, max: 100 }), preference: term }), {
        maxLength: 2,
      }),
      { nil: undefined },
    ),
    hostPort: fc.option(fc.constantFrom(80, 443), { nil: undefined }),
    owned: fc.boolean(),
    image: fc.constantFrom('nginx', 'redis:7', 'registry.k8s.io/pause:3.10'),
    never: fc.boolean(),
    podAffinity: mostly(
      fc.constant(undefined),
      fc.record({
        kind: fc.constantFrom('podAffinity', 'podAntiAffinity'),
        required: fc.boolean(),
        app: fc.constantFrom('web', 'db'),
        topologyKey: fc.constantFrom('kubernetes.io/hostname', 'zone'),
      }),
    ),
    spread: mostly(
      fc.constant(undefined),
      fc.record({
        maxSkew: fc.integer({ min: 1, max: 3 }),
        topologyKey: fc.constantFrom('zone', 'kubernetes.io/hostname'),
        whenUnsatisfiable: fc.constantFrom('DoNotSchedule', 'ScheduleAnyway'),
        labelSelector: fc.constantFrom({ matchLabels: { app: 'web' } }, {}, undefined),
        minDomains: fc.constantFrom(undefined, 1, 4),
      }),
    ),
  })
  .map((p) => {
    const affinity =
      p.required || p.preferred
        ? {
            nodeAffinity: {
              ...(p.required && {
                requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: p.required },
              }),
              ...(p.preferred && { preferredDuringSchedulingIgnoredDuringExecution: p.preferred }),
            },
          }
        : undefined;
    const pod = makePod('incoming', {
      ...(p.cpu && { cpu: p.cpu }),
      ...(p.memory && { memory: p.memory }),
      tolerations: p.tolerations,
      ...(p.nodeSelector && { nodeSelector: p.nodeSelector }),
      ...(affinity && { affinity }),
      ...(p.hostPort && { hostPort: p.hostPort }),
      ...(p.owned && { ownerReplicaSet: 'web-7c79c4bf97' }),
      labels: { app: 'web' },
      image: p.image,
      ...(p.never && { preemptionPolicy: 'Never' }),
    });
    if (p.podAffinity) {
      const t = {
        labelSelector: { matchLabels: { app: p.podAffinity.app } },
        topologyKey: p.podAffinity.topologyKey,
      };
      pod.spec!.affinity = {
        ...pod.spec!.affinity,
        [p.podAffinity.kind]: p.podAffinity.required
          ? { requiredDuringSchedulingIgnoredDuringExecution: [t] }
          : {
              preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: t }],
            },
      };
    }
    if (p.spread) {
      const { labelSelector, minDomains, ...rest } = p.spread;
      pod.spec!.topologySpreadConstraints = [
        { ...rest, ...(labelSelector && { labelSelector }), ...(minDomains && { minDomains }) },
      ];
    }
    return pod;
  });

const existingPod = fc
  .record({
    cpu: fc.option(cpu, { nil: undefined }),
    memory: fc.option(memory, { nil: undefined }),
    hostPort: fc.option(fc.constantFrom(80, 443), { nil: undefined }),
    app: fc.constantFrom('web', 'db'),
    antiWeb: mostly(fc.constant(false), fc.constant(true)),
  })
  .map((p) => ({
    ...p,
    labels: { app: p.app },
  }));

const nodeArb = fc.record({
  cpu: mostly(fc.constant('4'), fc.option(cpu, { nil: undefined })),
  memory: mostly(fc.constant('8Gi'), fc.option(memory, { nil: undefined })),
  pods: mostly(fc.constant('110'), fc.constantFrom('0', '1', '2')),
  labels,
  taints: mostly(fc.constant<Taint[]>([]), fc.array(taint, { maxLength: 3 })),
  unschedulable: mostly(fc.constant(false), fc.constant(true)),
  hasImage: fc.boolean(),
  pods_: fc.array(existingPod, { maxLength: 3 }),
});

const clusterArb: fc.Arbitrary<NodeInfo[]> = fc
  .array(nodeArb, { minLength: 0, maxLength: 8 })
  .map((specs) =>
    specs.map((s, i) => {
      const name = `node-${i}`;
      const allocatable: Record<string, string> = { pods: s.pods };
      if (s.cpu) allocatable.cpu = s.cpu;
      if (s.memory) allocatable.memory = s.memory;
      const node: Node = {
        metadata: { name, labels: { 'kubernetes.io/hostname': name, ...s.labels } },
        spec: { taints: s.taints, unschedulable: s.unschedulable },
        status: {
          allocatable,
          images: s.hasImage
            ? [{ names: ['docker.io/library/nginx:latest'], sizeBytes: 200e6 }]
            : [],
        },
      };
      const pods = s.pods_.map((p, j) =>
        makePod(`${name}-pod-${j}`, {
          ...(p.cpu && { cpu: p.cpu }),
          ...(p.memory && { memory: p.memory }),
          ...(p.hostPort && { hostPort: p.hostPort }),
          labels: p.labels,
          ownerReplicaSet: 'web-7c79c4bf97',
          ...(p.antiWeb && {
            affinity: {
              podAntiAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [
                  {
                    labelSelector: { matchLabels: { app: 'web' } },
                    topologyKey: 'kubernetes.io/hostname',
                  },
                ],
              },
            },
          }),
        }),
      );
      return newNodeInfo(node, pods);
    }),
  );

/** An independent check of the simple filters: cordon, NoSchedule/NoExecute taints, resources, pod count, nodeSelector. */
function obviouslyFits(pod: Pod, info: NodeInfo): boolean {
  const tolerations = pod.spec?.tolerations ?? [];
  if (
    info.node.spec?.unschedulable &&
    !tolerations.some((t) =>
      toleratesTaint(t, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }),
    )
  ) {
    return false;
  }
  for (const t of info.node.spec?.taints ?? []) {
    if (t.effect === 'PreferNoSchedule') continue;
    if (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') continue;
    if (!tolerations.some((tol) => toleratesTaint(tol, t))) return false;
  }
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) {
    if (info.labels[k] !== v) return false;
  }
  const r = podRequests(pod).requested;
  if (info.pods.length + 1 > info.allocatable.pods) return false;
  if (r.milliCPU > 0 && info.requested.milliCPU + r.milliCPU > info.allocatable.milliCPU)
    return false;
  if (r.memory > 0 && info.requested.memory + r.memory > info.allocatable.memory) return false;
  return true;
}

describe('schedulePod properties', () => {
  it('never throws; picks a node that passed every filter and has the best total', () => {
    fc.assert(
      fc.property(
        podArb,
        clusterArb,
        fc.integer({ min: 0, max: 20 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (pod, nodes, start, rnd) => {
          const r = schedulePod(pod, nodes, { random: () => rnd, startIndex: start });
          expect(r.feasibleNodes).toBe(r.verdicts.filter((v) => v.passed).length);
          if (!r.feasible) {
            expect(r.selectedNode).toBeUndefined();
            const n = nodes.length;
            if (n === 0) return;
            expect(r.message).toMatch(
              new RegExp(`^0/${n} nodes are available: .+\\. preemption: .+\\.$`),
            );
            // The preemption histogram accounts for every node exactly once.
            const tail = r.message!.split('preemption: ')[1]!;
            if (!tail.startsWith('not eligible')) {
              const counts = [...tail.matchAll(/(?:: |, )(\d+) /g)].map((m) => Number(m[1]));
              expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
            }
            return;
          }
          const selected = nodes.find((x) => x.name === r.selectedNode)!;
          expect(selected).toBeDefined();
          expect(r.verdicts.find((v) => v.node === r.selectedNode)?.passed).toBe(true);
          expect(obviouslyFits(pod, selected)).toBe(true);
          if (r.scores.length > 0) {
            const best = Math.max(...r.scores.map((s) => s.total));
            expect(r.scores.find((s) => s.node === r.selectedNode)!.total).toBe(best);
            for (const s of r.scores) {
              for (const p of s.plugins) {
                expect(p.score).toBeGreaterThanOrEqual(0);
                expect(p.score).toBeLessThanOrEqual(100);
              }
              expect(s.total).toBe(s.plugins.reduce((a, p) => a + p.score * p.weight, 0));
            }
          }
        },
      ),
      { numRuns: 1000, seed: 20241211 },
    );
  });

  it('decides the same with explain off (the lean scan and score paths) as with it on', () => {
    const sequence = (values: number[]) => {
      let i = 0;
      return () => values[i++ % values.length]!;
    };
    fc.assert(
      fc.property(
        podArb,
        clusterArb,
        fc.integer({ min: 0, max: 20 }),
        fc.array(fc.double({ min: 0, max: 0.999999, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (pod, nodes, start, rnds) => {
          const full = schedulePod(pod, nodes, { random: sequence(rnds), startIndex: start });
          const lean = schedulePod(pod, nodes, {
            random: sequence(rnds),
            startIndex: start,
            explain: false,
          });
          const decision = (r: typeof full) => ({
            feasible: r.feasible,
            selectedNode: r.selectedNode,
            message: r.message,
            nextStartIndex: r.nextStartIndex,
            evaluatedNodes: r.evaluatedNodes,
            feasibleNodes: r.feasibleNodes,
            preemption: r.preemption && {
              node: r.preemption.node,
              victims: r.preemption.victims.map((v) => v.metadata?.name),
            },
            clearNomination: r.clearNomination,
          });
          expect(decision(lean)).toEqual(decision(full));
        },
      ),
      { numRuns: 1000, seed: 20261127 },
    );
  });

  it('every rejected node fails the independent check or a plugin it does not model', () => {
    fc.assert(
      fc.property(podArb, clusterArb, (pod, nodes) => {
        const r = schedulePod(pod, nodes, { random: () => 0 });
        for (const v of r.verdicts) {
          const info = nodes.find((x) => x.name === v.node)!;
          const plugins = v.reasons.map((x) => x.plugin);
          if (v.passed) continue;
          if (
            plugins.every((p) =>
              ['NodeUnschedulable', 'TaintToleration', 'NodeResourcesFit'].includes(p),
            )
          ) {
            expect(obviouslyFits(pod, info)).toBe(false);
          }
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
