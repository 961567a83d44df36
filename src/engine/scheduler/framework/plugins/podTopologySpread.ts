/**
 * PodTopologySpread (score weight 2) with the system default constraints of 1.32:
 * `kubernetes.io/hostname` maxSkew 3 and `topology.kubernetes.io/zone` maxSkew 5, both
 * ScheduleAnyway. They apply to pods that a Service, ReplicaSet, ReplicationController or
 * StatefulSet selects, with that object's selector — this is what spreads a Deployment's
 * replicas over the nodes. Pods without such a selector skip the plugin (PreScore Skip).
 *
 * Not modelled: constraints written in the pod spec (`topologySpreadConstraints`) — their
 * filter and score are not evaluated (see the framework README in index.ts).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { NodeInfo } from '../nodeInfo.ts';
import type { CycleState } from '../types.ts';
import { MAX_NODE_SCORE } from './nodeResourcesFit.ts';

export const NAME = 'PodTopologySpread';

export const HOSTNAME_KEY = 'kubernetes.io/hostname';
export const ZONE_KEY = 'topology.kubernetes.io/zone';

const DEFAULT_CONSTRAINTS = [
  { topologyKey: HOSTNAME_KEY, maxSkew: 3 },
  { topologyKey: ZONE_KEY, maxSkew: 5 },
] as const;

/** Equality selector (`matchLabels`) of the pods to spread against. */
export type SpreadSelector = Readonly<Record<string, string>>;

const SPREAD_OWNER_KINDS = new Set(['ReplicaSet', 'ReplicationController', 'StatefulSet']);

/**
 * Default selector (`helper.DefaultSelector`) without listers: a pod controlled by a
 * ReplicaSet, ReplicationController or StatefulSet is spread against the pods carrying its own
 * labels, which for controller-made pods equals the controller's selector (`app=web,
 * pod-template-hash=…`). Services are unknown here; pass `spreadSelector` to add them.
 */
export function defaultSpreadSelector(pod: Pod): SpreadSelector | undefined {
  const owner = pod.metadata?.ownerReferences?.find((o) => o.controller);
  if (!owner || !SPREAD_OWNER_KINDS.has(owner.kind)) return undefined;
  const labels = pod.metadata?.labels;
  if (!labels || Object.keys(labels).length === 0) return undefined;
  return labels;
}

function matches(sel: [string, string][], pod: Pod): boolean {
  const l = pod.metadata?.labels;
  if (!l) return false;
  for (const [k, v] of sel) if (l[k] !== v) return false;
  return true;
}

/** `countPodsMatchSelector`: same namespace, not terminating, labels match. */
function countMatching(pods: readonly Pod[], sel: [string, string][], ns: string): number {
  let n = 0;
  for (const p of pods) {
    if (p.metadata?.deletionTimestamp) continue;
    if ((p.metadata?.namespace ?? '') !== ns) continue;
    if (matches(sel, p)) n++;
  }
  return n;
}

/**
 * Matching-pod counts per node, per selector, aligned with the snapshot's node list.
 *
 * Why: counting matching pods on every node each cycle (as upstream does, in parallel Go) made
 * 10,000 pods on 1,000 nodes quadratic here. NodeInfos are immutable, so between two cycles only
 * the nodes whose NodeInfo object changed need recounting; comparing references over an array is
 * cheap. The result is exactly what a full recount would give.
 */
interface SelectorIndex {
  nodes: (NodeInfo | undefined)[];
  counts: number[];
}

const MAX_INDEXES = 256;
const indexes = new Map<string, SelectorIndex>();

function refreshIndex(
  key: string,
  all: readonly NodeInfo[],
  sel: [string, string][],
  ns: string,
): number[] {
  let idx = indexes.get(key);
  if (idx) {
    indexes.delete(key); // re-inserted below: least recently used first
  } else {
    if (indexes.size >= MAX_INDEXES) indexes.delete(indexes.keys().next().value!);
    idx = { nodes: [], counts: [] };
  }
  indexes.set(key, idx);
  const { nodes, counts } = idx;
  for (let i = 0; i < all.length; i++) {
    const n = all[i]!;
    if (nodes[i] !== n) {
      nodes[i] = n;
      counts[i] = countMatching(n.pods, sel, ns);
    }
  }
  nodes.length = all.length;
  counts.length = all.length;
  return counts;
}

export interface SpreadState {
  selector: [string, string][];
  /** Matching pods per node, indexed like `CycleState.allNodes`. */
  counts: readonly number[];
  /** Zone value → matching pods in that zone (only zones of feasible nodes). */
  zoneCounts: Map<string, number>;
  /** `topologyNormalizingWeight` per default constraint: ln(domains + 2). */
  weights: [number, number];
}

/**
 * PreScore. `matchesRequired` is the pod's required node affinity: nodes failing it do not
 * count toward a zone's pods. Returns undefined to skip the plugin.
 */
export function preScore(
  state: CycleState,
  selector: SpreadSelector | undefined,
  feasible: readonly NodeInfo[],
  matchesRequired: (n: NodeInfo) => boolean,
): SpreadState | undefined {
  const all = state.allNodes;
  if (!selector || feasible.length === 0 || all.length === 0) return undefined;
  const sel = Object.entries(selector).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (sel.length === 0) return undefined;
  const counts = refreshIndex(JSON.stringify([state.namespace, sel]), all, sel, state.namespace);
  const zoneCounts = new Map<string, number>();
  // System defaults do not require nodes to carry every topology key, so a node without a
  // zone label still gets hostname spreading; it registers the "" zone here like upstream.
  let zoned = false;
  for (const n of feasible) {
    if (n.zone !== undefined) zoned = true;
    const z = n.zone ?? '';
    if (!zoneCounts.has(z)) zoneCounts.set(z, 0);
  }
  // Zone counts are only read for feasible nodes that carry a zone label.
  if (zoned) {
    for (let i = 0; i < all.length; i++) {
      const n = all[i]!;
      const c = zoneCounts.get(n.zone ?? '');
      if (c === undefined || !matchesRequired(n)) continue;
      zoneCounts.set(n.zone ?? '', c + counts[i]!);
    }
  }
  return {
    selector: sel,
    counts,
    zoneCounts,
    weights: [Math.log(feasible.length + 2), Math.log(zoneCounts.size + 2)],
  };
}

/**
 * Raw score of the node at `index` in `CycleState.allNodes`: Σ over constraints of
 * count × weight + (maxSkew − 1), rounded. Lower is better.
 */
export function score(s: SpreadState, node: NodeInfo, index: number): number {
  let total = 0;
  if (Object.hasOwn(node.labels, HOSTNAME_KEY)) {
    total += s.counts[index]! * s.weights[0] + (DEFAULT_CONSTRAINTS[0].maxSkew - 1);
  }
  const zone = node.zone;
  if (zone !== undefined) {
    const cnt = s.zoneCounts.get(zone) ?? 0;
    total += cnt * s.weights[1] + (DEFAULT_CONSTRAINTS[1].maxSkew - 1);
  }
  return Math.round(total);
}

/** NormalizeScore: 100 × (max + min − s) / max, integer; all 100 when max is 0. */
export function normalize(scores: number[]): void {
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (const s of scores) {
    if (s < min) min = s;
    if (s > max) max = s;
  }
  for (let i = 0; i < scores.length; i++) {
    scores[i] =
      max === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (max + min - scores[i]!)) / max);
  }
}
