/**
 * PodTopologySpread (score weight 2).
 *
 * - Pod constraints (`spec.topologySpreadConstraints`): `DoNotSchedule` ones filter (skew =
 *   matching pods in the node's domain + the pod itself − the smallest domain must stay within
 *   `maxSkew`), `ScheduleAnyway` ones score.
 * - Pods without constraints get the system defaults of 1.32: `kubernetes.io/hostname` maxSkew 3
 *   and `topology.kubernetes.io/zone` maxSkew 5, both ScheduleAnyway, with the selector of the
 *   Service / ReplicaSet / ReplicationController / StatefulSet that selects the pod. This is what
 *   spreads a Deployment's replicas over the nodes. Pods without such a selector skip the plugin.
 */

import type { Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import type { LabelSelector, OwnerReference } from 'kubernetes-types/meta/v1';
import { type ChangeLog, canCatchUp, changeLogOf, logEnd } from '../changeLog.ts';
import type { NodeInfo } from '../nodeInfo.ts';
import type { NodeTable } from '../nodeTable.ts';
import type { CycleState, Rejection } from '../types.ts';
import { MAX_NODE_SCORE } from './nodeResourcesFit.ts';
import { findUntoleratedTaint } from './taintToleration.ts';

export const NAME = 'PodTopologySpread';
export const REASON = "node(s) didn't match pod topology spread constraints";
export const REASON_MISSING_LABEL = `${REASON} (missing required label)`;

export const HOSTNAME_KEY = 'kubernetes.io/hostname';
export const ZONE_KEY = 'topology.kubernetes.io/zone';

/** Equality selector (`matchLabels`) of the pods to spread against. */
export type SpreadSelector = Readonly<Record<string, string>>;

type Labels = Readonly<Record<string, string>> | undefined;

/** One constraint, compiled. */
export interface Constraint {
  topologyKey: string;
  maxSkew: number;
  minDomains: number;
  /** Which pods count. */
  matches: (labels: Labels) => boolean;
  /** Namespace + selector, identifying the per-node counts. */
  key: string;
  /** nodeAffinityPolicy Honor (default): only nodes matching the pod's required affinity count. */
  honorAffinity: boolean;
  /** nodeTaintsPolicy Honor (default Ignore): only nodes whose taints the pod tolerates count. */
  honorTaints: boolean;
}

const SPREAD_OWNER_KINDS = new Set(['ReplicaSet', 'ReplicationController', 'StatefulSet']);

/**
 * Default selector (`helper.DefaultSelector`) without listers: a pod controlled by a
 * ReplicaSet, ReplicationController or StatefulSet is spread against the pods carrying its own
 * labels, which for controller-made pods equals the controller's selector (`app=web,
 * pod-template-hash=…`). Services are unknown here; pass `spreadSelector` to add them.
 */
export function defaultSpreadSelector(pod: Pod): SpreadSelector | undefined {
  const owner = controllerOf(pod.metadata?.ownerReferences);
  if (!owner || !SPREAD_OWNER_KINDS.has(owner.kind)) return undefined;
  const labels = pod.metadata?.labels;
  if (!labels || Object.keys(labels).length === 0) return undefined;
  return labels;
}

/** The first owner reference with `controller` set (a plain loop: this runs every cycle). */
function controllerOf(refs: readonly OwnerReference[] | undefined): OwnerReference | undefined {
  if (!refs) return undefined;
  for (let i = 0; i < refs.length; i++) if (refs[i]!.controller) return refs[i];
  return undefined;
}

const NOTHING = () => false;

/**
 * `metav1.LabelSelectorAsSelector`: matchLabels AND matchExpressions (In, NotIn, Exists,
 * DoesNotExist). A missing selector matches nothing, an empty one everything; an invalid one
 * matches nothing.
 */
export function compileLabelSelector(
  sel: LabelSelector | undefined | null,
): (labels: Labels) => boolean {
  if (!sel) return NOTHING;
  const reqs: ((l: Readonly<Record<string, string>>) => boolean)[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push((l) => l[k] === v);
  for (const e of sel.matchExpressions ?? []) {
    const values = new Set(e.values ?? []);
    const k = e.key;
    switch (e.operator) {
      case 'In':
        if (values.size === 0) return NOTHING;
        reqs.push((l) => Object.hasOwn(l, k) && values.has(l[k]!));
        break;
      case 'NotIn':
        if (values.size === 0) return NOTHING;
        reqs.push((l) => !Object.hasOwn(l, k) || !values.has(l[k]!));
        break;
      case 'Exists':
        reqs.push((l) => Object.hasOwn(l, k));
        break;
      case 'DoesNotExist':
        reqs.push((l) => !Object.hasOwn(l, k));
        break;
      default:
        return NOTHING;
    }
  }
  return (labels) => {
    const l = labels ?? {};
    for (const r of reqs) if (!r(l)) return false;
    return true;
  };
}

/** The pod's own constraints with the given `whenUnsatisfiable`. */
export function podConstraints(pod: Pod, when: 'DoNotSchedule' | 'ScheduleAnyway'): Constraint[] {
  const ns = pod.metadata?.namespace ?? '';
  const podLabels = pod.metadata?.labels ?? {};
  return (pod.spec?.topologySpreadConstraints ?? [])
    .filter((c) => c.whenUnsatisfiable === when)
    .map((c) => compileConstraint(c, ns, podLabels));
}

function compileConstraint(
  c: TopologySpreadConstraint,
  ns: string,
  podLabels: Readonly<Record<string, string>>,
): Constraint {
  let selector: LabelSelector | undefined = c.labelSelector;
  // matchLabelKeys (beta, on by default in 1.32): the pod's values for those keys join the selector.
  const extra = (c.matchLabelKeys ?? []).filter((k) => Object.hasOwn(podLabels, k));
  if (selector && extra.length > 0) {
    selector = {
      ...selector,
      matchExpressions: [
        ...(selector.matchExpressions ?? []),
        ...extra.map((k) => ({ key: k, operator: 'In', values: [podLabels[k]!] })),
      ],
    };
  }
  return {
    topologyKey: c.topologyKey,
    maxSkew: c.maxSkew,
    minDomains: c.minDomains ?? 1,
    matches: compileLabelSelector(selector),
    key: JSON.stringify([ns, selector ?? null]),
    honorAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
    honorTaints: c.nodeTaintsPolicy === 'Honor',
  };
}

/**
 * The compiled default constraints by key: every replica of a ReplicaSet has the same
 * selector, so they share one pair of constraints instead of compiling a new matcher each cycle.
 */
const defaultsByKey = new Map<string, readonly Constraint[]>();
const MAX_DEFAULTS = 1024;
const NO_CONSTRAINTS: readonly Constraint[] = Object.freeze([]);

/** The system default constraints for a pod spread against `selector` (shared: do not mutate). */
export function defaultConstraints(
  pod: Pod,
  selector: SpreadSelector | undefined,
): readonly Constraint[] {
  if (!selector) return NO_CONSTRAINTS;
  const ns = pod.metadata?.namespace ?? '';
  // Consecutive cycles mostly schedule replicas of one ReplicaSet: equal labels, each pod its
  // own labels object. Comparing with the last selector skips sorting and serializing them.
  const last = lastDefaults;
  if (last && last.ns === ns && sameEntries(selector, last.sel)) return last.constraints;
  const sel = Object.entries(selector).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (sel.length === 0) return NO_CONSTRAINTS;
  const key = JSON.stringify([ns, sel]);
  const hit = defaultsByKey.get(key);
  if (hit) {
    lastDefaults = { ns, sel, constraints: hit };
    return hit;
  }
  const matches = (l: Labels) => {
    if (!l) return false;
    for (const [k, v] of sel) if (l[k] !== v) return false;
    return true;
  };
  const base = { minDomains: 1, matches, key, honorAffinity: true, honorTaints: false };
  const out: readonly Constraint[] = Object.freeze([
    { ...base, topologyKey: HOSTNAME_KEY, maxSkew: 3 },
    { ...base, topologyKey: ZONE_KEY, maxSkew: 5 },
  ]);
  if (defaultsByKey.size >= MAX_DEFAULTS) defaultsByKey.clear();
  defaultsByKey.set(key, out);
  lastDefaults = { ns, sel, constraints: out };
  return out;
}

/** The last {@link defaultConstraints} answer, with the namespace and sorted selector it was for. */
let lastDefaults:
  | { ns: string; sel: readonly [string, string][]; constraints: readonly Constraint[] }
  | undefined;

/** Whether `selector` has exactly the entries `sel` (its own keys, the same values). */
function sameEntries(selector: SpreadSelector, sel: readonly [string, string][]): boolean {
  let n = 0;
  for (const k in selector) if (Object.hasOwn(selector, k)) n++;
  if (n !== sel.length) return false;
  for (const [k, v] of sel) if (!Object.hasOwn(selector, k) || selector[k] !== v) return false;
  return true;
}

/** `countPodsMatchSelector`'s test of one pod: same namespace, not terminating, labels match. */
function podMatches(p: Pod, c: Constraint, ns: string): boolean {
  if (p.metadata?.deletionTimestamp) return false;
  if ((p.metadata?.namespace ?? '') !== ns) return false;
  return c.matches(p.metadata?.labels);
}

/**
 * Matching-pod counts per node, per selector, aligned with the snapshot's node list.
 *
 * Why: counting matching pods on every node each cycle (as upstream does, in parallel Go) made
 * 10,000 pods on 1,000 nodes quadratic here. NodeInfos are immutable, so between two cycles only
 * the nodes whose NodeInfo object changed need recounting; comparing references over an array is
 * cheap. A recount, too, reuses the verdict of every pod object it counted last time (a node
 * changes by one pod at a time, and pods are immutable), so it tests only the pods it has not
 * seen. The result is exactly what a full recount would give.
 *
 * For the scheduler's own node array, which keeps a change log (changeLog.ts), only the logged
 * nodes are visited, and a logged pod change moves the count by the verdicts of the pod removed
 * and the pod added, without visiting the node's other pods.
 */
interface SelectorIndex {
  nodes: (NodeInfo | undefined)[];
  /** The node array last counted, its change log and the position read up to. */
  array: readonly NodeInfo[] | undefined;
  log: ChangeLog | undefined;
  seen: number;
  counts: number[];
  /**
   * Per node: the pods counted last time, and whether each one matched (undefined once the
   * count has moved on by logged changes).
   */
  pods: (readonly Pod[] | undefined)[];
  matched: (Uint8Array | undefined)[];
}

const MAX_INDEXES = 256;
const indexes = new Map<string, SelectorIndex>();
/** The key last in `indexes`' order (the most recently used), which need not move. */
let mostRecentKey: string | undefined;

/**
 * Counts the pods of node `i`'s new NodeInfo, taking each verdict from the previous count when
 * it saw the same pod object. Pods keep their relative order between NodeInfo versions (one is
 * removed, or appended at the end), so a forward scan of the old list finds them.
 */
function recount(idx: SelectorIndex, i: number, pods: readonly Pod[], c: Constraint, ns: string) {
  const old = idx.pods[i];
  if (old === pods) return; // same pods (a node update): same count
  const oldMatched = idx.matched[i];
  const matched = new Uint8Array(pods.length);
  let count = 0;
  let from = 0;
  for (let k = 0; k < pods.length; k++) {
    const p = pods[k]!;
    let v = -1;
    if (old && oldMatched) {
      let q = from;
      while (q < old.length && old[q] !== p) q++;
      if (q < old.length) {
        v = oldMatched[q]!;
        from = q + 1;
      }
    }
    if (v === -1) v = podMatches(p, c, ns) ? 1 : 0;
    matched[k] = v;
    count += v;
  }
  idx.pods[i] = pods;
  idx.matched[i] = matched;
  idx.counts[i] = count;
}

/** Matching pods on every node of `all` (same order) for the constraint's selector. */
function countsFor(c: Constraint, all: readonly NodeInfo[], ns: string): number[] {
  let idx = indexes.get(c.key);
  if (idx && c.key === mostRecentKey) {
    // Already last in the map's order.
  } else if (idx) {
    indexes.delete(c.key); // re-inserted below: least recently used first
    indexes.set(c.key, idx);
  } else {
    if (indexes.size >= MAX_INDEXES) indexes.delete(indexes.keys().next().value!);
    idx = {
      nodes: [],
      array: undefined,
      log: undefined,
      seen: 0,
      counts: [],
      pods: [],
      matched: [],
    };
    indexes.set(c.key, idx);
  }
  mostRecentKey = c.key;
  const { nodes, counts } = idx;
  const log = changeLogOf(all);
  if (log && idx.array === all && canCatchUp(log, idx.log, idx.seen)) {
    // Only the nodes written since the last count can differ (see changeLog.ts). Where the log
    // says which pod left and which came, the count follows by their verdicts (a pod's verdict
    // is a function of the pod object alone, so the one that leaves takes back exactly what it
    // added); nodes written otherwise, and new ones, are counted again.
    const { entries, known, removed, added } = log;
    const from = idx.seen - log.start;
    const before = nodes.length;
    let fresh: number[] | undefined;
    for (let k = from; k < entries.length; k++) {
      const i = entries[k]!;
      if (known[k] && i < before) continue;
      fresh ??= [];
      fresh.push(i);
    }
    for (let k = from; k < entries.length; k++) {
      const i = entries[k]!;
      if (fresh?.includes(i)) continue;
      const r = removed[k];
      const a = added[k];
      if (r !== undefined && podMatches(r, c, ns)) counts[i]!--;
      if (a !== undefined && podMatches(a, c, ns)) counts[i]!++;
      nodes[i] = all[i];
      // The verdicts kept for a recount belong to an older pod list now.
      idx.pods[i] = undefined;
      idx.matched[i] = undefined;
    }
    if (fresh) {
      for (const i of fresh) {
        const n = all[i];
        if (n !== undefined && nodes[i] !== n) {
          nodes[i] = n;
          recount(idx, i, n.pods, c, ns);
        }
      }
    }
  } else {
    for (let i = 0; i < all.length; i++) {
      const n = all[i]!;
      if (nodes[i] !== n) {
        nodes[i] = n;
        recount(idx, i, n.pods, c, ns);
      }
    }
  }
  idx.array = all;
  idx.log = log;
  idx.seen = log ? logEnd(log) : 0;
  // Only when the node list changed size: assigning `length`, even unchanged, is a runtime
  // call, four per cycle.
  const len = all.length;
  if (
    nodes.length !== len ||
    counts.length !== len ||
    idx.pods.length !== len ||
    idx.matched.length !== len
  ) {
    nodes.length = len;
    counts.length = len;
    idx.pods.length = len;
    idx.matched.length = len;
  }
  return counts;
}

/**
 * A node's label value; the zone and hostname come from the NodeInfo's own fields, so scoring
 * every feasible node does not have to visit its labels object for them (label values are
 * strings: undefined means the label is absent).
 */
function labelOf(node: NodeInfo, key: string): string | undefined {
  if (key === HOSTNAME_KEY) return node.hostname;
  if (key === ZONE_KEY) return node.zone;
  return Object.hasOwn(node.labels, key) ? node.labels[key] : undefined;
}

/** {@link labelOf}, reading the hostname and zone from the node's row in `table` when given. */
function labelAt(
  node: NodeInfo,
  key: string,
  table: NodeTable | undefined,
  row: number,
): string | undefined {
  if (table) {
    if (key === HOSTNAME_KEY) return table.hostname[row];
    if (key === ZONE_KEY) return table.zone[row];
  }
  return labelOf(node, key);
}

function hasAllKeys(node: NodeInfo, cs: readonly Constraint[]): boolean {
  for (const c of cs) if (labelOf(node, c.topologyKey) === undefined) return false;
  return true;
}

/** `matchNodeInclusionPolicies`. */
function included(
  c: Constraint,
  state: CycleState,
  node: NodeInfo,
  affinity: NodeMatcher,
): boolean {
  if (c.honorAffinity && !affinity(node)) return false;
  if (c.honorTaints && findUntoleratedTaint(node.taints, state.tolerations)) return false;
  return true;
}

type NodeMatcher = (n: NodeInfo) => boolean;

// ---------------------------------------------------------------------------------------------
// Filter (DoNotSchedule constraints)

export interface FilterState {
  constraints: Constraint[];
  /** Per constraint: domain value → matching pods. */
  domainCounts: Map<string, number>[];
  /** Per constraint: the smallest domain count (Infinity when there is no domain). */
  minCounts: number[];
  /** Per constraint: does the incoming pod match its own selector? */
  selfMatch: number[];
}

/** PreFilter: counts per domain over the eligible nodes; undefined when nothing to check. */
export function preFilter(state: CycleState, affinity: NodeMatcher): FilterState | undefined {
  const cs = podConstraints(state.pod, 'DoNotSchedule');
  if (cs.length === 0) return undefined;
  const domainCounts = cs.map(() => new Map<string, number>());
  const all = state.allNodes;
  const perConstraint = cs.map((c) => countsFor(c, all, state.namespace));
  for (let i = 0; i < all.length; i++) {
    const node = all[i]!;
    if (!hasAllKeys(node, cs)) continue;
    for (let j = 0; j < cs.length; j++) {
      const c = cs[j]!;
      if (!included(c, state, node, affinity)) continue;
      const v = node.labels[c.topologyKey]!;
      const m = domainCounts[j]!;
      m.set(v, (m.get(v) ?? 0) + perConstraint[j]![i]!);
    }
  }
  const minCounts = domainCounts.map((m, j) => {
    if (m.size < cs[j]!.minDomains) return 0; // too few domains: the global minimum is 0
    let min = Number.POSITIVE_INFINITY;
    for (const v of m.values()) if (v < min) min = v;
    return min;
  });
  const podLabels = state.pod.metadata?.labels;
  return {
    constraints: cs,
    domainCounts,
    minCounts,
    selfMatch: cs.map((c) => (c.matches(podLabels) ? 1 : 0)),
  };
}

export function filter(s: FilterState, node: NodeInfo): Rejection | undefined {
  for (let j = 0; j < s.constraints.length; j++) {
    const c = s.constraints[j]!;
    const v = labelOf(node, c.topologyKey);
    if (v === undefined) {
      return {
        plugin: NAME,
        code: 'UnschedulableAndUnresolvable',
        reasons: [REASON_MISSING_LABEL],
      };
    }
    const count = s.domainCounts[j]!.get(v) ?? 0;
    const skew = count + s.selfMatch[j]! - s.minCounts[j]!;
    if (skew > c.maxSkew) return { plugin: NAME, code: 'Unschedulable', reasons: [REASON] };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Score (ScheduleAnyway constraints, or the system defaults)

const NO_COUNTS: number[] = [];
/** The `ignored` of every state built for the system defaults (never added to). */
const NONE_IGNORED: ReadonlySet<NodeInfo> = new Set<NodeInfo>();

export interface SpreadState {
  constraints: readonly Constraint[];
  /** Per constraint: matching pods per node, indexed like `CycleState.allNodes`. */
  counts: number[][];
  /** Per constraint: domain value → matching pods (only domains of scored nodes). */
  domainCounts: Map<string, number>[];
  /** Per constraint: `topologyNormalizingWeight` = ln(domains + 2). */
  weights: number[];
  /** Feasible nodes left out for lacking a topology key (pod constraints only); they score 0. */
  ignored: ReadonlySet<NodeInfo>;
  /**
   * The smallest and the largest raw score {@link scoreInto} wrote last, ignored nodes left
   * out (Infinity and 0 when there is none), for {@link normalizeAdding}.
   */
  min: number;
  max: number;
}

/**
 * PreScore. `constraints` are the pod's ScheduleAnyway constraints, or the defaults (then
 * `systemDefaults`: nodes need not carry every topology key). Undefined = Skip. With `table`
 * (of `CycleState.allNodes`) and `rows` (each feasible node's index there), hostnames and
 * zones are read from the table.
 */
export function preScore(
  state: CycleState,
  constraints: readonly Constraint[],
  systemDefaults: boolean,
  feasible: readonly NodeInfo[],
  affinity: NodeMatcher,
  table?: NodeTable,
  rows?: readonly number[],
): SpreadState | undefined {
  const all = state.allNodes;
  if (constraints.length === 0 || feasible.length === 0 || all.length === 0) return undefined;
  const requireAll = !systemDefaults;
  // Only a pod's own constraints ignore nodes; the system defaults share one empty set.
  const ignoring = requireAll ? new Set<NodeInfo>() : undefined;
  const ignored: ReadonlySet<NodeInfo> = ignoring ?? NONE_IGNORED;
  const nc = constraints.length;
  const domainCounts = constraints.map(() => new Map<string, number>());
  /** Per constraint: does a scored node carry its key? */
  const keySeen: boolean[] = [];
  for (let j = 0; j < nc; j++) keySeen.push(false);
  let scored = feasible.length;
  if (requireAll) {
    for (const n of feasible) {
      if (hasAllKeys(n, constraints)) continue;
      ignoring!.add(n);
      scored--;
    }
  }
  // The domains of the scored nodes, one constraint at a time (each has its own map, so the
  // maps fill in the same order as a node-by-node scan would).
  const checkIgnored = ignored.size > 0;
  for (let j = 0; j < nc; j++) {
    const key = constraints[j]!.topologyKey;
    if (key === HOSTNAME_KEY) continue; // per-node counts are read at Score
    const m = domainCounts[j]!;
    if (rows && table && key === ZONE_KEY && table.zoned === 0) {
      // No node has a zone: every scored node is in the '' domain (the scan's result).
      if (scored > 0) m.set('', 0);
      continue;
    }
    let last: string | undefined;
    for (let i = 0; i < feasible.length; i++) {
      const n = feasible[i]!;
      if (checkIgnored && ignored.has(n)) continue;
      const label = rows ? labelAt(n, key, table, rows[i]!) : labelOf(n, key);
      if (label !== undefined) keySeen[j] = true;
      const v = label ?? '';
      // Neighbouring nodes mostly share a domain: skip the map when it is the last one added.
      if (v === last) continue;
      last = v;
      if (!m.has(v)) m.set(v, 0);
    }
  }
  // Per-node counts, computed once per distinct selector and only where they will be read:
  // hostname constraints always, other keys only if a scored node carries that key.
  const byKey = new Map<string, number[]>();
  const countsOf = (c: Constraint) => {
    let got = byKey.get(c.key);
    if (!got) {
      got = countsFor(c, all, state.namespace);
      byKey.set(c.key, got);
    }
    return got;
  };
  const counts: number[][] = [];
  for (let j = 0; j < constraints.length; j++) {
    const c = constraints[j]!;
    const m = domainCounts[j]!;
    if (c.topologyKey === HOSTNAME_KEY) {
      counts.push(countsOf(c));
      continue;
    }
    counts.push(NO_COUNTS);
    if (m.size === 0) continue;
    if (!keySeen[j]) continue;
    counts[j] = countsOf(c);
    for (let i = 0; i < all.length; i++) {
      const n = all[i]!;
      if (requireAll && !hasAllKeys(n, constraints)) continue;
      if (!included(c, state, n, affinity)) continue;
      const v = n.labels[c.topologyKey] ?? '';
      const cur = m.get(v);
      if (cur !== undefined) m.set(v, cur + counts[j]![i]!);
    }
  }
  const weights = constraints.map((c, j) =>
    Math.log((c.topologyKey === HOSTNAME_KEY ? scored : domainCounts[j]!.size) + 2),
  );
  return {
    constraints,
    counts,
    domainCounts,
    weights,
    ignored,
    min: Number.POSITIVE_INFINITY,
    max: 0,
  };
}

/**
 * Raw score of the node at `index` in `CycleState.allNodes`: Σ over constraints of
 * count × weight + (maxSkew − 1), rounded. Lower is better; -1 marks an ignored node.
 */
export function score(s: SpreadState, node: NodeInfo, index: number): number {
  // Most cycles ignore no node: skip hashing the NodeInfo then.
  if (s.ignored.size > 0 && s.ignored.has(node)) return -1;
  let total = 0;
  for (let j = 0; j < s.constraints.length; j++) {
    const c = s.constraints[j]!;
    const v = labelOf(node, c.topologyKey);
    if (v === undefined) continue;
    const cnt =
      c.topologyKey === HOSTNAME_KEY ? s.counts[j]![index]! : (s.domainCounts[j]!.get(v) ?? 0);
    total += cnt * s.weights[j]! + (c.maxSkew - 1);
  }
  return Math.round(total);
}

/**
 * {@link score} of `nodes[i]` (at `indexes[i]` in `CycleState.allNodes`) into `out[i]`, for
 * the first `n` nodes: the per-constraint values are read once instead of once per node.
 * Hostnames and zones come from `table` (of `CycleState.allNodes`) when given. Sets `s.min` and
 * `s.max` for {@link normalizeAdding}.
 */
export function scoreInto(
  s: SpreadState,
  nodes: readonly NodeInfo[],
  indexes: readonly number[],
  out: number[] | Float64Array,
  n: number,
  table?: NodeTable,
): void {
  const { constraints, counts, domainCounts, weights, ignored } = s;
  const checkIgnored = ignored.size > 0;
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  // The constraints that add to some node: without zones (common), the system defaults'
  // zone constraint adds nothing, and the hostname one is all there is.
  let adding = 0;
  let only = -1;
  for (let j = 0; j < constraints.length; j++) {
    if (table && constraints[j]!.topologyKey === ZONE_KEY && table.zoned === 0) continue;
    adding++;
    only = j;
  }
  if (adding === 1 && !checkIgnored && table && constraints[only]!.topologyKey === HOSTNAME_KEY) {
    // One hostname constraint, no node ignored: each node's score in a single pass (0 + x is
    // x, so the sum the general passes below would build is the same number).
    const c = constraints[only]!;
    const perNode = counts[only]!;
    const w = weights[only]!;
    const skew = c.maxSkew - 1;
    const column = table.hostname;
    for (let i = 0; i < n; i++) {
      const row = indexes[i]!;
      const v = column[row] === undefined ? 0 : Math.round(perNode[row]! * w + skew);
      out[i] = v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    s.min = min;
    s.max = max;
    return;
  }
  // One pass per constraint (adding in constraint order, as a per-node loop over the
  // constraints would, so each node's float sum is the same), reading the label from the
  // table's hostname or zone column when there is one.
  out.fill(0, 0, n);
  for (let j = 0; j < constraints.length; j++) {
    const c = constraints[j]!;
    const key = c.topologyKey;
    const w = weights[j]!;
    const skew = c.maxSkew - 1;
    // No node has a zone: no scored node has the label, nothing to add.
    if (table && key === ZONE_KEY && table.zoned === 0) continue;
    const column = !table
      ? undefined
      : key === HOSTNAME_KEY
        ? table.hostname
        : key === ZONE_KEY
          ? table.zone
          : undefined;
    if (key === HOSTNAME_KEY) {
      const perNode = counts[j]!;
      for (let i = 0; i < n; i++) {
        const row = indexes[i]!;
        const v = column ? column[row] : labelOf(nodes[i]!, key);
        if (v !== undefined) out[i]! += perNode[row]! * w + skew;
      }
    } else {
      const m = domainCounts[j]!;
      for (let i = 0; i < n; i++) {
        const v = column ? column[indexes[i]!] : labelOf(nodes[i]!, key);
        if (v !== undefined) out[i]! += (m.get(v) ?? 0) * w + skew;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    if (checkIgnored && ignored.has(nodes[i]!)) {
      out[i] = -1;
      continue;
    }
    const v = Math.round(out[i]!);
    out[i] = v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  s.min = min;
  s.max = max;
}

/**
 * NormalizeScore of the first `n` raw scores that {@link scoreInto} wrote for `s` (100 × (max +
 * min − s) / max, integer; all 100 when max is 0; ignored nodes, raw -1, get 0), each normalized
 * score × `weight` added to `totals[i]`; returns the largest total.
 *
 * Why one pass: normalizing, summing and finding the best total were three passes over the
 * scored nodes of every cycle, each a loop the engine's interpreter runs bytecode by bytecode
 * until the code is optimized; `scoreInto` already found the minimum and the maximum.
 */
export function normalizeAdding(
  s: SpreadState,
  scores: number[] | Float64Array,
  n: number,
  totals: Float64Array,
  weight: number,
): number {
  const { min, max } = s;
  let best = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const raw = scores[i]!;
    const v =
      raw < 0
        ? 0
        : max === 0
          ? MAX_NODE_SCORE
          : Math.trunc((MAX_NODE_SCORE * (max + min - raw)) / max);
    scores[i] = v;
    const t = totals[i]! + v * weight;
    totals[i] = t;
    if (t > best) best = t;
  }
  return best;
}
