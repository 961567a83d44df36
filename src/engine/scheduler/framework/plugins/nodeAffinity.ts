/**
 * NodeAffinity (score weight 2).
 * Filter: `spec.nodeSelector` (every pair must match) AND
 * `requiredDuringSchedulingIgnoredDuringExecution` (terms ORed, expressions within a term ANDed;
 * `matchFields` on `metadata.name`). PreFilter: when every required term pins node names via
 * `matchFields metadata.name In`, only those nodes are examined.
 * Score: sum of the weights of the preferred terms a node matches, normalized to 0..100; the
 * plugin is skipped (PreScore Skip) when the pod has no preferred terms.
 */
import type { NodeSelectorRequirement, NodeSelectorTerm, Pod } from 'kubernetes-types/core/v1';
import type { NodeInfo } from '../nodeInfo.ts';
import type { Rejection } from '../types.ts';

export const NAME = 'NodeAffinity';
export const REASON = "node(s) didn't match Pod's node affinity/selector";
/** PreFilter rejection when the terms pin node names that cannot all hold. */
export const REASON_CONFLICT = 'pod affinity terms conflict';

type Labels = Readonly<Record<string, string>>;
type Matcher = (labels: Labels, nodeName: string) => boolean;

const INT = /^[+-]?[0-9]+$/;

function parseIntStrict(s: string): number | undefined {
  return INT.test(s) ? Number.parseInt(s, 10) : undefined;
}

/** One label requirement (`labels.NewRequirement`), or `undefined` when it is invalid. */
function labelRequirement(r: NodeSelectorRequirement): Matcher | undefined {
  const key = r.key;
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
    case 'NotIn': {
      if (values.length === 0) return undefined;
      const set = new Set(values);
      return r.operator === 'In'
        ? (l) => Object.hasOwn(l, key) && set.has(l[key]!)
        : (l) => !Object.hasOwn(l, key) || !set.has(l[key]!);
    }
    case 'Exists':
      return values.length === 0 ? (l) => Object.hasOwn(l, key) : undefined;
    case 'DoesNotExist':
      return values.length === 0 ? (l) => !Object.hasOwn(l, key) : undefined;
    case 'Gt':
    case 'Lt': {
      if (values.length !== 1) return undefined;
      const bound = parseIntStrict(values[0]!);
      if (bound === undefined) return undefined;
      const gt = r.operator === 'Gt';
      return (l) => {
        if (!Object.hasOwn(l, key)) return false;
        const v = parseIntStrict(l[key]!);
        if (v === undefined) return false;
        return gt ? v > bound : v < bound;
      };
    }
    default:
      return undefined;
  }
}

/** One field requirement: only `metadata.name` exists as a node field; In/NotIn take one value. */
function fieldRequirement(r: NodeSelectorRequirement): Matcher | undefined {
  const values = r.values ?? [];
  if (values.length !== 1) return undefined;
  const want = values[0]!;
  const field = (name: string) => (r.key === 'metadata.name' ? name : '');
  if (r.operator === 'In') return (_l, name) => field(name) === want;
  if (r.operator === 'NotIn') return (_l, name) => field(name) !== want;
  return undefined;
}

const NEVER: Matcher = () => false;

/** A term matches when all its requirements do; an empty or invalid term matches nothing. */
export function compileTerm(term: NodeSelectorTerm | undefined | null): Matcher {
  const exprs = term?.matchExpressions ?? [];
  const fields = term?.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return NEVER;
  const ms: Matcher[] = [];
  for (const r of exprs) {
    const m = labelRequirement(r);
    if (!m) return NEVER;
    ms.push(m);
  }
  for (const r of fields) {
    const m = fieldRequirement(r);
    if (!m) return NEVER;
    ms.push(m);
  }
  return (l, n) => {
    for (const m of ms) if (!m(l, n)) return false;
    return true;
  };
}

/** The pod's required node selection (nodeSelector AND required affinity), or undefined if none. */
export interface Required {
  match(node: NodeInfo): boolean;
  /** Node names the PreFilter narrows to; undefined = all nodes; empty = conflict. */
  nodeNames?: Set<string>;
}

const cache = new WeakMap<Pod, Required | null>();

export function required(pod: Pod): Required | undefined {
  // Most pods have neither: answer without a cache entry per pod object.
  const spec = pod.spec;
  if (
    (spec?.nodeSelector === undefined || spec.nodeSelector === null) &&
    !spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
  ) {
    return undefined;
  }
  const hit = cache.get(pod);
  if (hit !== undefined) return hit ?? undefined;
  const r = compileRequired(pod);
  cache.set(pod, r ?? null);
  return r;
}

function compileRequired(pod: Pod): Required | undefined {
  const selector = pod.spec?.nodeSelector;
  const req = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const hasSelector = selector !== undefined && selector !== null;
  if (!hasSelector && !req) return undefined;
  const pairs = Object.entries(selector ?? {});
  const terms = req ? (req.nodeSelectorTerms ?? []).map(compileTerm) : undefined;
  const out: Required = {
    match(node) {
      const l = node.labels;
      for (const [k, v] of pairs) if (!Object.hasOwn(l, k) || l[k] !== v) return false;
      if (!terms) return true;
      for (const t of terms) if (t(l, node.name)) return true;
      return false;
    },
  };
  const names = req ? pinnedNodeNames(req.nodeSelectorTerms ?? []) : undefined;
  if (names) out.nodeNames = names;
  return out;
}

/** PreFilter: the union over terms of the node names each term pins with `metadata.name In`. */
function pinnedNodeNames(terms: readonly NodeSelectorTerm[]): Set<string> | undefined {
  if (terms.length === 0) return undefined;
  let union: Set<string> | undefined;
  for (const t of terms) {
    let termNames: Set<string> | undefined;
    for (const r of t.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const s = new Set(r.values ?? []);
      termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
    }
    // A term without a node-name pin lets every node through (terms are ORed).
    if (!termNames) return undefined;
    union = union ? new Set([...union, ...termNames]) : termNames;
  }
  return union;
}

export function filter(req: Required, node: NodeInfo): Rejection | undefined {
  if (req.match(node)) return undefined;
  return { plugin: NAME, code: 'UnschedulableAndUnresolvable', reasons: [REASON] };
}

/** Preferred terms with their weights, or undefined when the pod has none (PreScore Skip). */
export interface Preferred {
  terms: { weight: number; match: Matcher }[];
}

export function preferred(pod: Pod): Preferred | undefined {
  const list = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  if (!list) return undefined;
  const terms: Preferred['terms'] = [];
  for (const t of list) {
    const p = t.preference;
    const empty = (p?.matchExpressions?.length ?? 0) === 0 && (p?.matchFields?.length ?? 0) === 0;
    if (!t.weight || empty) continue;
    terms.push({ weight: t.weight, match: compileTerm(p) });
  }
  return { terms };
}

export function score(pref: Preferred, node: NodeInfo): number {
  let s = 0;
  for (const t of pref.terms) if (t.match(node.labels, node.name)) s += t.weight;
  return s;
}
