/**
 * DefaultPreemption, the scheduler's PostFilter plugin (pkg/scheduler/framework/plugins/
 * defaultpreemption and framework/preemption, 1.32), for a pod no node fits:
 * - `PodEligibleToPreemptOthers`: not with `preemptionPolicy: Never`, nor while a
 *   lower-priority pod that the scheduler preempted is still terminating on the pod's
 *   nominated node (unless that node is now UnschedulableAndUnresolvable).
 * - `nodesWherePreemptionMightHelp`: the nodes whose filter status is plain Unschedulable.
 * - `DryRunPreemption` / `SelectVictimsOnNode` on each, from a random offset: remove every pod
 *   of lower priority; if the pod still does not fit, the node's status is that filter
 *   verdict; otherwise reprieve the removed pods, most important first (higher priority, then
 *   earlier start), keeping each one whose return still lets the pod fit; the rest are victims.
 * - `pickOneNodeForPreemption`: fewest PDB violations, lowest highest-victim priority, lowest
 *   sum of priorities, fewest victims, latest start of the highest-priority victims, first.
 * When no node has victims the status is the FitError of these per-node verdicts, prefixed
 * `preemption: ` ("… 1 Preemption is not helpful for scheduling, 3 No preemption victims
 * found for incoming pod.").
 *
 * PodDisruptionBudgets (`filterPodsWithPDBViolation`): a victim whose budget, counting down
 * from its disruptionsAllowed over the node's potential victims, would go below zero (and that
 * is not already in its disruptedPods) is violating; violating victims are reprieved first, and
 * the node with the fewest violating victims wins.
 *
 * Simplifications: PodTopologySpread / InterPodAffinity judge a node with its victims removed by the
 * cycle's PreFilter state (their AddPod/RemovePod extensions are not modelled).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { appendPod, type NodeInfo, removePod } from './nodeInfo.ts';
import type { Rejection, StatusCode } from './types.ts';

export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';
export const PREEMPTION_POLICY_NEVER = 'not eligible due to preemptionPolicy=Never.';
export const TERMINATING_ON_NOMINATED =
  'not eligible due to a terminating pod on the nominated node.';
/** `v1.PodReasonPreemptionByScheduler`, the DisruptionTarget reason on a victim. */
export const PREEMPTION_BY_SCHEDULER = 'PreemptionByScheduler';

const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
const MIN_CANDIDATE_NODES_ABSOLUTE = 100;

/** `corev1helpers.PodPriority`: spec.priority, 0 when unset. */
export function podPriority(pod: Pod): number {
  return pod.spec?.priority ?? 0;
}

/** A node's status after Filter, as PostFilter reads it. */
export interface NodeStatus {
  code: StatusCode;
  reasons: readonly string[];
}

export interface Preemption {
  /** The node chosen: the pod's new nominatedNodeName. Absent when preemption failed. */
  node?: string;
  /** The pods to evict on `node`, most important first. */
  victims: Pod[];
  /**
   * The PostFilter status message appended to the FitError (`preemption: …`), empty when a
   * node was chosen.
   */
  message: string;
  /** Whether the pod's nominatedNodeName is to be cleared (no candidate was found). */
  clearNomination: boolean;
}

interface Candidate {
  node: string;
  victims: Pod[];
  /** Victims whose eviction violates a PodDisruptionBudget. */
  violations: number;
}

interface Budget {
  namespace: string;
  selector: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
  allowed: number;
  disrupted: Record<string, unknown>;
}

/** The fields of each budget filterPodsWithPDBViolation reads. */
function budgetsOf(pdbs: readonly KubeObject[]): Budget[] {
  return pdbs.map((p) => {
    const spec = (p.spec ?? {}) as { selector?: Budget['selector'] | null };
    const status = (p.status ?? {}) as {
      disruptionsAllowed?: number;
      disruptedPods?: Record<string, unknown>;
    };
    return {
      namespace: p.metadata?.namespace ?? '',
      selector: spec.selector ?? {},
      allowed: status.disruptionsAllowed ?? 0,
      disrupted: status.disruptedPods ?? {},
    };
  });
}

/** A label selector's match where an empty (or missing) selector matches nothing. */
function budgetSelects(sel: Budget['selector'], labels: Record<string, string>): boolean {
  const ml = sel.matchLabels ?? {};
  const exprs = (sel.matchExpressions ?? []) as {
    key: string;
    operator: string;
    values?: string[];
  }[];
  if (Object.keys(ml).length === 0 && exprs.length === 0) return false;
  for (const [k, v] of Object.entries(ml)) if (labels[k] !== v) return false;
  for (const r of exprs) {
    const has = Object.hasOwn(labels, r.key);
    const inValues = has && (r.values ?? []).includes(labels[r.key] ?? '');
    if (r.operator === 'In' && !inValues) return false;
    if (r.operator === 'NotIn' && inValues) return false;
    if (r.operator === 'Exists' && !has) return false;
    if (r.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** `filterPodsWithPDBViolation`: the pods (in order) split into violating and not. */
function splitByBudget(pods: readonly Pod[], budgets: readonly Budget[]): [Pod[], Pod[]] {
  const allowed = budgets.map((b) => b.allowed);
  const violating: Pod[] = [];
  const fine: Pod[] = [];
  for (const pod of pods) {
    let violated = false;
    const labels = (pod.metadata?.labels ?? {}) as Record<string, string>;
    if (Object.keys(labels).length > 0) {
      budgets.forEach((b, i) => {
        if (b.namespace !== pod.metadata?.namespace || !budgetSelects(b.selector, labels)) return;
        // Already counted by the API server's eviction: not a new violation.
        if (Object.hasOwn(b.disrupted, pod.metadata?.name ?? '')) return;
        allowed[i] = (allowed[i] ?? 0) - 1;
        if ((allowed[i] ?? 0) < 0) violated = true;
      });
    }
    (violated ? violating : fine).push(pod);
  }
  return [violating, fine];
}

/** `podTerminatingByPreemption`: being deleted, with DisruptionTarget by the scheduler. */
export function terminatingByPreemption(p: Pod): boolean {
  if (!p.metadata?.deletionTimestamp) return false;
  return (p.status?.conditions ?? []).some(
    (c) =>
      c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === PREEMPTION_BY_SCHEDULER,
  );
}

/** `util.GetPodStartTime` as a sortable string (unset = now, later than any stored time). */
function startTime(p: Pod): string {
  return p.status?.startTime ?? '\uffff';
}

/** `util.MoreImportantPod`: higher priority, then the earlier start. */
function moreImportant(a: Pod, b: Pod): number {
  const pa = podPriority(a);
  const pb = podPriority(b);
  if (pa !== pb) return pb - pa;
  const sa = startTime(a);
  const sb = startTime(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** `SelectVictimsOnNode`: the victims on `info`, or the status that rules the node out. */
function selectVictimsOnNode(
  priority: number,
  info: NodeInfo,
  fits: (info: NodeInfo) => Rejection | undefined,
  budgets: readonly Budget[],
): { victims: Pod[]; violations: number } | { status: NodeStatus } {
  const potential: Pod[] = [];
  let cur = info;
  for (const p of info.pods) {
    if (podPriority(p) < priority) {
      potential.push(p);
      cur = removePod(cur, p);
    }
  }
  if (potential.length === 0)
    return { status: { code: 'UnschedulableAndUnresolvable', reasons: [NO_VICTIMS] } };
  const rejection = fits(cur);
  if (rejection) return { status: rejection };
  potential.sort(moreImportant);
  // Reprieve the violating victims first, then the others, each most important first.
  const [violating, fine] =
    budgets.length > 0 ? splitByBudget(potential, budgets) : [[], potential];
  const victims: Pod[] = [];
  let violations = 0;
  const reprieve = (p: Pod): boolean => {
    const next = appendPod(cur, p);
    if (fits(next)) {
      victims.push(p);
      return false;
    }
    cur = next;
    return true;
  };
  for (const p of violating) if (!reprieve(p)) violations++;
  for (const p of fine) reprieve(p);
  if (violating.length > 0 && fine.length > 0) victims.sort(moreImportant);
  return { victims, violations };
}

/** `GetEarliestPodStartTime`: the earliest start among the highest-priority victims. */
function earliestStart(victims: readonly Pod[]): string {
  const top = Math.max(...victims.map(podPriority));
  let earliest = '\uffff';
  for (const v of victims)
    if (podPriority(v) === top && startTime(v) < earliest) earliest = startTime(v);
  return earliest;
}

/** `pickOneNodeForPreemption` over candidates in dry-run order. */
function pickOne(candidates: readonly Candidate[]): Candidate {
  for (const c of candidates) if (c.victims.length === 0) return c;
  const scores: ((c: Candidate) => number | string)[] = [
    // minNumPDBViolatingScoreFunc, then the lowest highest-victim priority.
    (c) => -c.violations,
    (c) => -podPriority(c.victims[0]!),
    (c) => -c.victims.reduce((s, v) => s + podPriority(v) + 2 ** 31, 0),
    (c) => -c.victims.length,
    (c) => earliestStart(c.victims),
  ];
  let left = candidates;
  for (const f of scores) {
    let best: number | string | undefined;
    let selected: Candidate[] = [];
    for (const c of left) {
      const s = f(c);
      if (best === undefined || s > best) {
        best = s;
        selected = [c];
      } else if (s === best) selected.push(c);
    }
    if (selected.length === 1) return selected[0]!;
    left = selected;
  }
  return left[0]!;
}

/** `FitError.Error()`'s histogram: "<count> <reason>" sorted as whole strings. */
function histogram(counts: Map<string, number>): string {
  const entries: string[] = [];
  for (const [reason, n] of counts) entries.push(`${n} ${reason}`);
  entries.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.join(', ');
}

export interface PostFilterOptions {
  /** The node statuses of Filter (`statusOf(node)`; every node of `nodes` has one). */
  statusOf: (node: NodeInfo) => NodeStatus;
  /** Runs the filters on a (modified) NodeInfo: undefined when the pod fits. */
  fits: (node: NodeInfo) => Rejection | undefined;
  random: () => number;
  /**
   * The lowest priority of any pod on `nodes`, when the caller keeps it: a pod of no higher
   * priority can have no victims, and the dry run is skipped.
   */
  lowestPriority?: number;
  /** The PodDisruptionBudgets, read once when some node may have victims. */
  pdbs?: () => readonly KubeObject[];
}

/** DefaultPreemption's PostFilter for `pod`, which fits none of `nodes`. */
export function postFilter(
  pod: Pod,
  nodes: readonly NodeInfo[],
  opts: PostFilterOptions,
): Preemption {
  const none = (message: string, clearNomination: boolean): Preemption => ({
    victims: [],
    message,
    clearNomination,
  });
  if (pod.spec?.preemptionPolicy === 'Never')
    return none(`preemption: ${PREEMPTION_POLICY_NEVER}`, false);
  const priority = podPriority(pod);
  const nominated = pod.status?.nominatedNodeName;
  if (nominated) {
    const info = nodes.find((x) => x.name === nominated);
    if (info && opts.statusOf(info).code !== 'UnschedulableAndUnresolvable') {
      for (const p of info.pods)
        if (podPriority(p) < priority && terminatingByPreemption(p))
          return none(`preemption: ${TERMINATING_ON_NOMINATED}`, false);
    }
  }
  const statuses = new Map<string, readonly string[]>();
  const potential: NodeInfo[] = [];
  for (const node of nodes) {
    if (opts.statusOf(node).code === 'UnschedulableAndUnresolvable')
      statuses.set(node.name, [PREEMPTION_NOT_HELPFUL]);
    else potential.push(node);
  }
  const candidates: Candidate[] = [];
  if (potential.length > 0) {
    const lowest =
      opts.lowestPriority ??
      Math.min(...nodes.flatMap((x) => x.pods.map(podPriority)), Number.POSITIVE_INFINITY);
    if (priority <= lowest) {
      for (const node of potential) statuses.set(node.name, [NO_VICTIMS]);
    } else {
      const budgets = budgetsOf(opts.pdbs?.() ?? []);
      // GetOffsetAndNumCandidates: a random start, and enough candidates to stop early.
      const m = potential.length;
      const offset = m > 1 ? Math.floor(opts.random() * m) : 0;
      const want = Math.min(
        m,
        Math.max(
          Math.trunc((m * MIN_CANDIDATE_NODES_PERCENTAGE) / 100),
          MIN_CANDIDATE_NODES_ABSOLUTE,
        ),
      );
      for (let k = 0; k < m && candidates.length < want; k++) {
        const node = potential[(offset + k) % m]!;
        const r = selectVictimsOnNode(priority, node, opts.fits, budgets);
        if ('victims' in r)
          candidates.push({ node: node.name, victims: r.victims, violations: r.violations });
        else statuses.set(node.name, r.status.reasons);
      }
    }
  }
  if (candidates.length > 0) {
    const best = pickOne(candidates);
    return { node: best.node, victims: best.victims, message: '', clearNomination: false };
  }
  const counts = new Map<string, number>();
  for (const node of nodes) {
    for (const reason of statuses.get(node.name) ?? [PREEMPTION_NOT_HELPFUL])
      counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return none(`preemption: 0/${nodes.length} nodes are available: ${histogram(counts)}.`, true);
}
