/**
 * InterPodAffinity (score weight 2).
 * Filter: the incoming pod's required pod affinity (`node(s) didn't match pod affinity rules`)
 * and anti-affinity (`… pod anti-affinity rules`), and the required anti-affinity of pods already
 * running (`node(s) didn't satisfy existing pods anti-affinity rules`).
 * Score: preferred terms of both sides, plus existing pods' required affinity at weight 1
 * (`hardPodAffinityWeight`), summed per topology domain and scaled min–max to 0..100.
 *
 * Namespace labels are not known to the framework; a `namespaceSelector` is matched against the
 * label every namespace carries, `kubernetes.io/metadata.name=<name>`.
 */
import type { Pod, PodAffinityTerm, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { NodeInfo } from '../nodeInfo.ts';
import type { CycleState, Rejection } from '../types.ts';
import { MAX_NODE_SCORE } from './nodeResourcesFit.ts';
import { compileLabelSelector } from './podTopologySpread.ts';

export const NAME = 'InterPodAffinity';
export const REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const REASON_EXISTING_ANTI_AFFINITY =
  "node(s) didn't satisfy existing pods anti-affinity rules";

/** A parsed PodAffinityTerm (`framework.AffinityTerm`). */
interface Term {
  topologyKey: string;
  /** Does `pod` fall under the term (namespace and label selector)? */
  matches(pod: Pod): boolean;
}

interface WeightedTerm extends Term {
  weight: number;
}

/** A pod's parsed affinity terms (`framework.PodInfo`). */
export interface AffinityInfo {
  requiredAffinity: Term[];
  requiredAntiAffinity: Term[];
  preferredAffinity: WeightedTerm[];
  preferredAntiAffinity: WeightedTerm[];
}

const NONE: AffinityInfo = {
  requiredAffinity: [],
  requiredAntiAffinity: [],
  preferredAffinity: [],
  preferredAntiAffinity: [],
};

function namespaceLabels(ns: string): Record<string, string> {
  return { 'kubernetes.io/metadata.name': ns };
}

function compileTerm(t: PodAffinityTerm, owner: Pod): Term {
  const ownerNs = owner.metadata?.namespace ?? '';
  const ownerLabels = owner.metadata?.labels ?? {};
  let selector: LabelSelector | undefined = t.labelSelector;
  // matchLabelKeys / mismatchLabelKeys: the owner's values join the selector (the API server
  // does this at admission when the feature is on; repeating it is harmless).
  const extra = [
    ...(t.matchLabelKeys ?? []).map((k) => [k, 'In'] as const),
    ...(t.mismatchLabelKeys ?? []).map((k) => [k, 'NotIn'] as const),
  ].filter(([k]) => Object.hasOwn(ownerLabels, k));
  if (selector && extra.length > 0) {
    selector = {
      ...selector,
      matchExpressions: [
        ...(selector.matchExpressions ?? []),
        ...extra.map(([key, operator]) => ({ key, operator, values: [ownerLabels[key]!] })),
      ],
    };
  }
  const labelsMatch = compileLabelSelector(selector);
  const namespaces = new Set(t.namespaces ?? []);
  if (namespaces.size === 0 && !t.namespaceSelector) namespaces.add(ownerNs);
  const nsSelector = t.namespaceSelector ? compileLabelSelector(t.namespaceSelector) : undefined;
  return {
    topologyKey: t.topologyKey,
    matches(pod) {
      const ns = pod.metadata?.namespace ?? '';
      if (!namespaces.has(ns) && !nsSelector?.(namespaceLabels(ns))) return false;
      return labelsMatch(pod.metadata?.labels);
    },
  };
}

function compileWeighted(t: WeightedPodAffinityTerm, owner: Pod): WeightedTerm {
  return { ...compileTerm(t.podAffinityTerm, owner), weight: t.weight };
}

const cache = new WeakMap<Pod, AffinityInfo>();

/** The pod's parsed terms (cached per pod object). */
export function affinityInfo(pod: Pod): AffinityInfo {
  const a = pod.spec?.affinity;
  if (!a?.podAffinity && !a?.podAntiAffinity) return NONE;
  const hit = cache.get(pod);
  if (hit) return hit;
  const info: AffinityInfo = {
    requiredAffinity: (a.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map(
      (t) => compileTerm(t, pod),
    ),
    requiredAntiAffinity: (
      a.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []
    ).map((t) => compileTerm(t, pod)),
    preferredAffinity: (a.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map(
      (t) => compileWeighted(t, pod),
    ),
    preferredAntiAffinity: (
      a.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []
    ).map((t) => compileWeighted(t, pod)),
  };
  cache.set(pod, info);
  return info;
}

/** Pod has any pod (anti-)affinity term (`NodeInfo.PodsWithAffinity`). */
export function hasAffinity(pod: Pod): boolean {
  const a = affinityInfo(pod);
  return (
    a.requiredAffinity.length +
      a.requiredAntiAffinity.length +
      a.preferredAffinity.length +
      a.preferredAntiAffinity.length >
    0
  );
}

/** Pod has required anti-affinity (`NodeInfo.PodsWithRequiredAntiAffinity`). */
export function hasRequiredAntiAffinity(pod: Pod): boolean {
  return affinityInfo(pod).requiredAntiAffinity.length > 0;
}

type Counts = Map<string, number>;

const NO_NODES: readonly NodeInfo[] = [];

const pairKey = (key: string, value: string) => `${key}\u0000${value}`;

function bump(m: Counts, node: NodeInfo, key: string, by: number): void {
  if (!Object.hasOwn(node.labels, key)) return;
  const k = pairKey(key, node.labels[key]!);
  const v = (m.get(k) ?? 0) + by;
  if (v === 0) m.delete(k);
  else m.set(k, v);
}

// ---------------------------------------------------------------------------------------------
// Filter

export interface FilterState {
  info: AffinityInfo;
  pod: Pod;
  /** Domains holding pods whose required anti-affinity the incoming pod matches. */
  existingAnti: Counts;
  /** Domains holding pods that match all of the incoming pod's required affinity terms. */
  affinity: Counts;
  /** Domains holding pods matching one of the incoming pod's required anti-affinity terms. */
  anti: Counts;
}

/** PreFilter; undefined = Skip (no required terms on either side). */
export function preFilter(state: CycleState): FilterState | undefined {
  const pod = state.pod;
  const info = affinityInfo(pod);
  const all = state.allNodes;
  const existingAnti: Counts = new Map();
  // No pod anywhere with required anti-affinity (a count the scheduler keeps): nothing to visit.
  const scan = state.podsWithRequiredAntiAffinity !== 0;
  for (const node of scan ? all : NO_NODES) {
    if (node.podsWithRequiredAntiAffinity.length === 0) continue;
    for (const existing of node.podsWithRequiredAntiAffinity) {
      for (const t of affinityInfo(existing).requiredAntiAffinity) {
        if (t.matches(pod)) bump(existingAnti, node, t.topologyKey, 1);
      }
    }
  }
  const affinity: Counts = new Map();
  const anti: Counts = new Map();
  const req = info.requiredAffinity;
  const reqAnti = info.requiredAntiAffinity;
  if (req.length === 0 && reqAnti.length === 0) {
    return existingAnti.size === 0 ? undefined : { info, pod, existingAnti, affinity, anti };
  }
  for (const node of all) {
    for (const existing of node.pods) {
      if (req.length > 0 && req.every((t) => t.matches(existing))) {
        for (const t of req) bump(affinity, node, t.topologyKey, 1);
      }
      for (const t of reqAnti) if (t.matches(existing)) bump(anti, node, t.topologyKey, 1);
    }
  }
  return { info, pod, existingAnti, affinity, anti };
}

function satisfiesAffinity(s: FilterState, node: NodeInfo): boolean {
  let podsExist = true;
  for (const t of s.info.requiredAffinity) {
    if (!Object.hasOwn(node.labels, t.topologyKey)) return false; // every key must be on the node
    if ((s.affinity.get(pairKey(t.topologyKey, node.labels[t.topologyKey]!)) ?? 0) <= 0) {
      podsExist = false;
    }
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself: allowed when no pod anywhere matches
  // and the pod matches its own terms.
  return s.affinity.size === 0 && s.info.requiredAffinity.every((t) => t.matches(s.pod));
}

function satisfiesAntiAffinity(s: FilterState, node: NodeInfo): boolean {
  if (s.anti.size === 0) return true;
  for (const t of s.info.requiredAntiAffinity) {
    if (!Object.hasOwn(node.labels, t.topologyKey)) continue;
    if ((s.anti.get(pairKey(t.topologyKey, node.labels[t.topologyKey]!)) ?? 0) > 0) return false;
  }
  return true;
}

function satisfiesExistingAntiAffinity(s: FilterState, node: NodeInfo): boolean {
  if (s.existingAnti.size === 0) return true;
  for (const [k, v] of Object.entries(node.labels)) {
    if ((s.existingAnti.get(pairKey(k, v)) ?? 0) > 0) return false;
  }
  return true;
}

export function filter(s: FilterState, node: NodeInfo): Rejection | undefined {
  if (!satisfiesAffinity(s, node)) {
    return { plugin: NAME, code: 'UnschedulableAndUnresolvable', reasons: [REASON_AFFINITY] };
  }
  if (!satisfiesAntiAffinity(s, node)) {
    return { plugin: NAME, code: 'Unschedulable', reasons: [REASON_ANTI_AFFINITY] };
  }
  if (!satisfiesExistingAntiAffinity(s, node)) {
    return { plugin: NAME, code: 'Unschedulable', reasons: [REASON_EXISTING_ANTI_AFFINITY] };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Score

/** Topology key → value → score. */
export type TopologyScore = Map<string, Map<string, number>>;

/** `hardPodAffinityWeight` default. */
const HARD_POD_AFFINITY_WEIGHT = 1;

function add(ts: TopologyScore, node: NodeInfo, key: string, by: number): void {
  if (!Object.hasOwn(node.labels, key)) return;
  let m = ts.get(key);
  if (!m) {
    m = new Map();
    ts.set(key, m);
  }
  const v = node.labels[key]!;
  m.set(v, (m.get(v) ?? 0) + by);
}

/** PreScore; undefined = Skip (nothing to score). */
export function preScore(state: CycleState): TopologyScore | undefined {
  const pod = state.pod;
  const info = affinityInfo(pod);
  const hasConstraints = info.preferredAffinity.length + info.preferredAntiAffinity.length > 0;
  // Without terms of its own the pod is scored only against pods with affinity: none, no score.
  if (!hasConstraints && state.podsWithAffinity === 0) return undefined;
  const ts: TopologyScore = new Map();
  for (const node of state.allNodes) {
    const pods = hasConstraints ? node.pods : node.podsWithAffinity;
    if (pods.length === 0 || Object.keys(node.labels).length === 0) continue;
    for (const existing of pods) {
      for (const t of info.preferredAffinity) {
        if (t.matches(existing)) add(ts, node, t.topologyKey, t.weight);
      }
      for (const t of info.preferredAntiAffinity) {
        if (t.matches(existing)) add(ts, node, t.topologyKey, -t.weight);
      }
      const other = affinityInfo(existing);
      for (const t of other.requiredAffinity) {
        if (t.matches(pod)) add(ts, node, t.topologyKey, HARD_POD_AFFINITY_WEIGHT);
      }
      for (const t of other.preferredAffinity) {
        if (t.matches(pod)) add(ts, node, t.topologyKey, t.weight);
      }
      for (const t of other.preferredAntiAffinity) {
        if (t.matches(pod)) add(ts, node, t.topologyKey, -t.weight);
      }
    }
  }
  return ts.size === 0 ? undefined : ts;
}

export function score(ts: TopologyScore, node: NodeInfo): number {
  let s = 0;
  for (const [key, values] of ts) {
    if (Object.hasOwn(node.labels, key)) s += values.get(node.labels[key]!) ?? 0;
  }
  return s;
}

/**
 * NormalizeScore: min–max scaling to 0..100 (all 0 when every node scores the same). Only the
 * first `n` scores are read and written.
 */
export function normalize(scores: number[] | Float64Array, n = scores.length): void {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const s = scores[i]!;
    if (s > max) max = s;
    if (s < min) min = s;
  }
  const diff = max - min;
  for (let i = 0; i < n; i++) {
    scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i]! - min) / diff)) : 0;
  }
}
