/**
 * One scheduling cycle of kube-scheduler 1.32 for one pod (`schedulePod`): PreFilter → Filter
 * (stopping after enough feasible nodes) → PreScore/Score/NormalizeScore → selectHost, or the
 * FitError message DefaultPreemption's PostFilter completes when nothing fits.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types.ts';
import { appendPod, type NodeInfo, podHostPorts } from './nodeInfo.ts';
import { type NodeTable, nodeTable, resourceScores, TAINTED, UNSCHEDULABLE } from './nodeTable.ts';
import * as balancedAllocation from './plugins/balancedAllocation.ts';
import * as imageLocality from './plugins/imageLocality.ts';
import * as interPodAffinity from './plugins/interPodAffinity.ts';
import * as nodeAffinity from './plugins/nodeAffinity.ts';
import * as nodeName from './plugins/nodeName.ts';
import * as nodePorts from './plugins/nodePorts.ts';
import * as nodeResourcesFit from './plugins/nodeResourcesFit.ts';
import * as nodeUnschedulable from './plugins/nodeUnschedulable.ts';
import * as podTopologySpread from './plugins/podTopologySpread.ts';
import * as taintToleration from './plugins/taintToleration.ts';
import * as volumeBinding from './plugins/volumeBinding.ts';
import { MAX_NODE_SCORE, SCORE_PLUGINS } from './plugins.ts';
import { type NodeStatus, podPriority, postFilter } from './preemption.ts';
import { podRequests } from './resources.ts';
import type { CycleState, Rejection, StatusCode } from './types.ts';

export interface ScheduleOptions {
  /** Uniform in [0, 1); breaks ties between the best nodes. */
  random: () => number;
  /** Where the filter scan starts (the scheduler's `nextStartNodeIndex`). Default 0. */
  startIndex?: number;
  /** `percentageOfNodesToScore`; 0 or unset = adaptive (50 − nodes/125, at least 5). */
  percentageOfNodesToScore?: number;
  /**
   * The pods this pod's replicas are spread against (PodTopologySpread's default selector).
   * Default: {@link podTopologySpread.defaultSpreadSelector} (the controller's pods).
   */
  spreadSelector?: (pod: Pod) => Readonly<Record<string, string>> | undefined;
  /**
   * Build `verdicts` and per-plugin `scores` (default true). Benchmarks can turn it off; the
   * decision, message and counters are the same.
   */
  explain?: boolean;
  /**
   * On how many of `nodes` each normalized image is (the snapshot's image states), when the
   * caller keeps that count up to date; otherwise ImageLocality counts by scanning the nodes.
   */
  imageNodeCounts?: ReadonlyMap<string, number>;
  /** How many pods on `nodes` have pod (anti-)affinity terms, when the caller keeps count. */
  podsWithAffinity?: number;
  /** How many pods on `nodes` have required pod anti-affinity, when the caller keeps count. */
  podsWithRequiredAntiAffinity?: number;
  /**
   * Pods nominated to run on each node (status.nominatedNodeName, not bound yet): those of
   * at least this pod's priority count on their node in Filter
   * (`RunFilterPluginsWithNominatedPods`).
   */
  nominatedPods?: ReadonlyMap<string, readonly Pod[]>;
  /** The lowest priority of the pods on `nodes`, when the caller keeps it (for preemption). */
  lowestPriority?: number;
  /** The PodDisruptionBudgets (the scheduler's lister), read only when preemption finds victims. */
  pdbs?: () => readonly KubeObject[];
  /** The scheduler's claim, volume and class informers, for VolumeBinding. */
  volumes?: volumeBinding.VolumeLookup;
}

export interface NodeVerdict {
  node: string;
  passed: boolean;
  /** Why the node was rejected: only the first failing plugin's reasons, as in the scheduler. */
  reasons: { plugin: string; reason: string }[];
  /** The rejection's code (absent when passed). */
  code?: StatusCode;
}

export interface NodeScore {
  node: string;
  /** Normalized 0..100 score of each plugin that ran, with its weight. */
  plugins: { plugin: string; score: number; weight: number }[];
  /** Σ score × weight. */
  total: number;
}

export interface ScheduleResult {
  feasible: boolean;
  selectedNode?: string;
  /** The exact FailedScheduling event message (and PodScheduled condition message). */
  message?: string;
  /**
   * Filter verdicts of the nodes examined, in scan order, then the nodes PreFilter excluded.
   * Nodes left unexamined because enough feasible nodes were found are not listed.
   */
  verdicts: NodeVerdict[];
  /** Scores of the feasible nodes, in scan order. Empty when 0 or 1 node is feasible (not scored). */
  scores: NodeScore[];
  /** Score plugins that returned Skip at PreScore (did not run), e.g. `NodeAffinity`. */
  skippedScorePlugins: string[];
  /** Where the next cycle starts scanning. */
  nextStartIndex: number;
  /** Nodes the filters ran on (`EvaluatedNodes`). */
  evaluatedNodes: number;
  feasibleNodes: number;
  /**
   * When nothing fits and DefaultPreemption found a node: the node to nominate and the pods
   * to evict there.
   */
  preemption?: { node: string; victims: Pod[] };
  /** When nothing fits and preemption found no node: clear the pod's nominatedNodeName. */
  clearNomination?: boolean;
  /**
   * When nothing fits: the plugins that rejected the pod (its `UnschedulablePlugins`), whose
   * queueing hints decide which cluster changes retry it.
   */
  rejectors?: string[];
}

/** Error text when the cluster has no nodes (`ErrNoNodesAvailable`). */
export const NO_NODES_MESSAGE = 'no nodes available to schedule pods';
export {
  NO_VICTIMS,
  PREEMPTION_NOT_HELPFUL,
  PREEMPTION_POLICY_NEVER,
} from './preemption.ts';

/** Shared by every passing verdict (frozen: results are read-only). */
const NO_REASONS: NodeVerdict['reasons'] = Object.freeze([]) as unknown as NodeVerdict['reasons'];

const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** `numFeasibleNodesToFind`: how many feasible nodes to find before scoring. */
export function numFeasibleNodesToFind(numAllNodes: number, percentage = 0): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let pct = percentage;
  if (pct <= 0) {
    pct = 50 - Math.trunc(numAllNodes / 125);
    if (pct < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) pct = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * pct) / 100);
  return Math.max(n, MIN_FEASIBLE_NODES_TO_FIND);
}

/**
 * `selectHost`: the highest total wins; among equal best totals (in the given order) each
 * further one replaces the candidate with probability 1/count (reservoir sampling).
 * Returns the index into `totals`, or -1 when empty.
 */
export function selectHost(totals: readonly number[], random: () => number): number {
  return selectHostOf(totals, totals.length, random);
}

/**
 * {@link selectHost} over the first `n` entries of `totals` (a reused scratch buffer). `best`,
 * when not NaN, is their maximum, already known to the caller (found while summing them).
 */
function selectHostOf(
  totals: ArrayLike<number>,
  n: number,
  random: () => number,
  best = Number.NaN,
): number {
  if (n === 0) return -1;
  let max = best;
  if (Number.isNaN(max)) {
    max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) if (totals[i]! > max) max = totals[i]!;
  }
  let selected = -1;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (totals[i] !== max) continue;
    count++;
    if (count === 1 || Math.floor(random() * count) === 0) selected = i;
  }
  return selected;
}

/** `FitError.Error()`'s histogram: "<count> <reason>" sorted as whole strings. */
function histogram(counts: Map<string, number>): string {
  const entries: string[] = [];
  for (const [reason, n] of counts) entries.push(`${n} ${reason}`);
  entries.sort(compareBytes);
  return entries.join(', ');
}

/** Go's `sort.Strings` order (UTF-8 bytes); equals UTF-16 order outside the astral planes. */
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Absent {
  code: StatusCode;
  reasons: string[];
}

/**
 * The FailedScheduling message (`FitError.Error()`): the filter histogram (or the PreFilter
 * message), then DefaultPreemption's status, when it has one.
 */
function fitErrorMessage(
  n: number,
  rejected: ReadonlyMap<string, Rejection>,
  absent: Absent | undefined,
  preFilterMsg: string | undefined,
  postFilterMsg: string,
): string {
  let msg = `0/${n} nodes are available:`;
  if (preFilterMsg !== undefined) {
    msg += ` ${preFilterMsg}.`;
  } else {
    const counts = new Map<string, number>();
    for (const r of rejected.values()) {
      for (const reason of r.reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
    }
    if (absent && rejected.size < n) {
      for (const reason of absent.reasons) {
        counts.set(reason, (counts.get(reason) ?? 0) + n - rejected.size);
      }
    }
    const h = histogram(counts);
    if (h !== '') msg += ` ${h}.`;
  }
  return postFilterMsg === '' ? msg : `${msg} ${postFilterMsg}`;
}

/** Adds the pods nominated to each node that count against `pod` (same or higher priority). */
function withNominated(
  pod: Pod,
  nodes: readonly NodeInfo[],
  nominated: ReadonlyMap<string, readonly Pod[]>,
): readonly NodeInfo[] {
  const priority = podPriority(pod);
  const uid = pod.metadata?.uid;
  let out: NodeInfo[] | undefined;
  for (let i = 0; i < nodes.length; i++) {
    const pods = nominated.get(nodes[i]!.name);
    if (!pods) continue;
    let info = nodes[i]!;
    for (const p of pods) {
      if (podPriority(p) < priority) continue;
      if (uid ? p.metadata?.uid === uid : p.metadata?.name === pod.metadata?.name) continue;
      info = appendPod(info, p);
    }
    if (info === nodes[i]) continue;
    out ??= nodes.slice();
    out[i] = info;
  }
  return out ?? nodes;
}

const WEIGHT = new Map(SCORE_PLUGINS.map((p) => [p.name, p.weight]));

/** Raw or normalized scores of one plugin, indexed like the feasible nodes. */
type Scores = number[] | Float64Array;

/**
 * Per-plugin score buffers reused by every cycle (grown on demand): a cycle scores hundreds of
 * nodes, and fresh arrays per plugin per cycle were a large share of the scheduler's garbage.
 * Only read back within the cycle that wrote them (copied out when explaining), and
 * `schedulePod` never re-enters itself, so sharing them is safe.
 */
const SCORE_SLOTS = 8;
let scratch: Float64Array[] = [];
let scratchSize = 0;

function scoreBuffers(n: number): Float64Array[] {
  if (n > scratchSize) {
    scratchSize = Math.max(n, scratchSize * 2, 64);
    scratch = Array.from({ length: SCORE_SLOTS }, () => new Float64Array(scratchSize));
  }
  return scratch;
}

/** `DefaultNormalizeScore`: scale to 0..100 by the maximum, optionally reversed. */
export function defaultNormalizeScore(scores: number[], reverse: boolean): void {
  normalizeFirst(scores, scores.length, reverse);
}

/** {@link defaultNormalizeScore} of the first `n` entries of `scores`. */
function normalizeFirst(scores: Scores, n: number, reverse: boolean): void {
  let max = 0;
  for (let i = 0; i < n; i++) if (scores[i]! > max) max = scores[i]!;
  if (max === 0) {
    if (reverse) scores.fill(MAX_NODE_SCORE, 0, n);
    return;
  }
  for (let i = 0; i < n; i++) {
    const s = Math.trunc((MAX_NODE_SCORE * scores[i]!) / max);
    scores[i] = reverse ? MAX_NODE_SCORE - s : s;
  }
}

/** What the Filter scan checks for one pod (built once per cycle). */
interface FilterChain {
  state: CycleState;
  wantedNode: string | undefined;
  required: ReturnType<typeof nodeAffinity.required>;
  ports: boolean;
  fit: nodeResourcesFit.FitRequest;
  otherResources: boolean;
  volumeState: volumeBinding.VolumeState | undefined;
  volumeLookup: volumeBinding.VolumeLookup | undefined;
  spread: podTopologySpread.FilterState | undefined;
  podAffinity: ReturnType<typeof interPodAffinity.preFilter>;
  table: NodeTable;
}

/**
 * Every filter on the node at `row` of the table, in the default order; the first rejection
 * ends the node's evaluation. Each plugin is called only when it can reject (cordoned, another
 * node named, tainted…): the scan visits hundreds of nodes per cycle, most of them untainted
 * and uncordoned.
 */
function filterNode(c: FilterChain, node: NodeInfo, row: number): Rejection | undefined {
  const { state, table, fit } = c;
  const flag = table.flags[row]!;
  let rejection: Rejection | undefined;
  if (flag & UNSCHEDULABLE) rejection = nodeUnschedulable.filter(state, node);
  if (rejection === undefined && c.wantedNode && c.wantedNode !== node.name)
    rejection = nodeName.filter(state, node);
  if (rejection === undefined && flag & TAINTED) rejection = taintToleration.filter(state, node);
  if (rejection === undefined && c.required) rejection = nodeAffinity.filter(c.required, node);
  if (rejection === undefined && c.ports) rejection = nodePorts.filter(state, node);
  if (
    rejection === undefined &&
    (c.otherResources ||
      !nodeResourcesFit.fitsCounts(
        fit,
        table.podCount[row]!,
        table.allocPods[row]!,
        table.allocMilliCPU[row]!,
        table.requestedMilliCPU[row]!,
        table.allocMemory[row]!,
        table.requestedMemory[row]!,
      ))
  ) {
    rejection = nodeResourcesFit.fitFilter(fit, node);
  }
  if (rejection === undefined && c.volumeState && c.volumeLookup)
    rejection = volumeBinding.filter(c.volumeState, node, c.volumeLookup);
  if (rejection === undefined && c.spread) rejection = podTopologySpread.filter(c.spread, node);
  if (rejection === undefined && c.podAffinity)
    rejection = interPodAffinity.filter(c.podAffinity, node);
  return rejection;
}

/**
 * Whether only NodeUnschedulable, TaintToleration and NodeResourcesFit's pod-count, cpu and
 * memory checks can reject the pod (no node named, no required node affinity, no host ports,
 * no other resources, no claims, no spread constraint to filter, no required pod affinity):
 * the pods of most Deployments.
 */
function isPlain(c: FilterChain): boolean {
  return (
    !c.wantedNode &&
    !c.required &&
    !c.ports &&
    !c.otherResources &&
    !c.volumeState &&
    !c.spread &&
    !c.podAffinity
  );
}

/**
 * The Filter scan of a plain pod (see {@link isPlain}) over the rows of `table` from `start`,
 * until `numToFind` are feasible: a row neither cordoned nor tainted that has room for the pod
 * passes on its columns alone (every filter of {@link filterNode} would pass it); any other goes
 * to `slow`, which runs the whole chain and says whether it passed. The feasible rows go to
 * `feasibleIndex` and their NodeInfos to `feasible`, in scan order.
 *
 * Why a function of its own: the scan is the cycle's hottest loop, and a small function is
 * optimized by the JavaScript engine within a few dozen cycles, where the whole of
 * `schedulePod` waits for a long compile, running unoptimized meanwhile (most of a cold run's
 * scheduling time). For the same reason the room check is `fitsCounts` written out (a call per
 * node is the costliest step of an unoptimized loop), and the feasible lists are filled here
 * rather than copied from a row buffer in a second loop.
 */
function scanPlain(
  table: NodeTable,
  fit: nodeResourcesFit.FitRequest,
  start: number,
  m: number,
  numToFind: number,
  nodes: readonly NodeInfo[],
  feasible: NodeInfo[],
  feasibleIndex: number[],
  slow: (row: number) => boolean,
): void {
  const { flags, podCount, allocPods, allocMilliCPU, allocMemory } = table;
  const { requestedMilliCPU, requestedMemory } = table;
  const cpu = fit.milliCPU;
  const memory = fit.memory;
  let found = 0;
  // `at` is (start + i) % m, stepped instead of divided for every node.
  let at = start;
  for (let i = 0; i < m && found < numToFind; i++, at = at + 1 === m ? 0 : at + 1) {
    if (
      (flags[at] === 0 &&
        // nodeResourcesFit.fitsCounts
        !(podCount[at]! + 1 > allocPods[at]!) &&
        !(cpu > 0 && cpu > allocMilliCPU[at]! - requestedMilliCPU[at]!) &&
        !(memory > 0 && memory > allocMemory[at]! - requestedMemory[at]!)) ||
      slow(at)
    ) {
      feasibleIndex.push(at);
      feasible.push(nodes[at]!);
      found++;
    }
  }
}

/**
 * Runs one scheduling cycle for `pod` over the snapshot `nodes` (every node of the cluster,
 * in a stable order). Pure: reads the NodeInfos, calls `opts.random` only to break ties.
 */
export function schedulePod(
  pod: Pod,
  nodes: readonly NodeInfo[],
  opts: ScheduleOptions,
): ScheduleResult {
  const explain = opts.explain !== false;
  if (opts.nominatedPods && opts.nominatedPods.size > 0)
    nodes = withNominated(pod, nodes, opts.nominatedPods);
  const n = nodes.length;
  const start = opts.startIndex ?? 0;
  const result: ScheduleResult = {
    feasible: false,
    verdicts: [],
    scores: [],
    skippedScorePlugins: [],
    nextStartIndex: n === 0 ? 0 : start % n,
    evaluatedNodes: 0,
    feasibleNodes: 0,
  };
  if (n === 0) {
    result.message = NO_NODES_MESSAGE;
    return result;
  }

  const state: CycleState = {
    pod,
    namespace: pod.metadata?.namespace ?? '',
    requests: podRequests(pod),
    hostPorts: podHostPorts(pod),
    tolerations: pod.spec?.tolerations ?? [],
    allNodes: nodes,
    // Plain fields, undefined when not given (the plugins read them as values): conditional
    // spreads built up to three temporary objects and a state of varying shape per cycle.
    imageNodeCounts: opts.imageNodeCounts,
    podsWithAffinity: opts.podsWithAffinity,
    podsWithRequiredAntiAffinity: opts.podsWithRequiredAntiAffinity,
  };

  // PreFilter: plugins with nothing to check return Skip and are left out of Filter.
  const required = nodeAffinity.required(pod);
  const matchesRequired = required ? (node: NodeInfo) => required.match(node) : () => true;
  const spread = podTopologySpread.preFilter(state, matchesRequired);
  const podAffinity = interPodAffinity.preFilter(state);
  const ports = state.hostPorts.length > 0;
  const wantedNode = pod.spec?.nodeName;
  const fit = nodeResourcesFit.fitRequest(state);
  /** Every filter on one NodeInfo, in the default order (preemption's dry run). */
  const fits = (node: NodeInfo): Rejection | undefined =>
    nodeUnschedulable.filter(state, node) ??
    nodeName.filter(state, node) ??
    taintToleration.filter(state, node) ??
    (required ? nodeAffinity.filter(required, node) : undefined) ??
    (ports ? nodePorts.filter(state, node) : undefined) ??
    nodeResourcesFit.fitFilter(fit, node) ??
    (spread ? podTopologySpread.filter(spread, node) : undefined) ??
    (podAffinity ? interPodAffinity.filter(podAffinity, node) : undefined);
  /** The FitError after DefaultPreemption's PostFilter, which may nominate a node. */
  const fail = (
    rejected: ReadonlyMap<string, Rejection>,
    absent: Absent | undefined,
    preFilterMsg: string | undefined,
    absentPlugin: string = nodeAffinity.NAME,
  ) => {
    const rejectors = new Set<string>();
    for (const r of rejected.values()) rejectors.add(r.plugin);
    if (absent) rejectors.add(absentPlugin);
    result.rejectors = [...rejectors];
    const unresolvable: NodeStatus = { code: 'UnschedulableAndUnresolvable', reasons: [] };
    const post = postFilter(pod, nodes, {
      statusOf: (node) => rejected.get(node.name) ?? absent ?? unresolvable,
      fits,
      random: opts.random,
      lowestPriority: opts.lowestPriority,
      pdbs: opts.pdbs,
    });
    if (post.node) result.preemption = { node: post.node, victims: post.victims };
    if (post.clearNomination) result.clearNomination = true;
    result.message = fitErrorMessage(n, rejected, absent, preFilterMsg, post.message);
  };

  let candidates: readonly NodeInfo[] = nodes;
  /** Index in `nodes` of each candidate, when PreFilter narrowed them. */
  let candidateIndex: number[] | undefined;
  let absent: Absent | undefined;
  const rejected = new Map<string, Rejection>();
  if (required?.nodeNames) {
    const names = required.nodeNames;
    if (names.size === 0) {
      absent = { code: 'UnschedulableAndUnresolvable', reasons: [nodeAffinity.REASON_CONFLICT] };
      if (explain) pushAbsent(result, nodes, nodeAffinity.NAME, absent);
      fail(rejected, absent, nodeAffinity.REASON_CONFLICT);
      return result;
    }
    candidateIndex = [];
    for (let i = 0; i < n; i++) if (names.has(nodes[i]!.name)) candidateIndex.push(i);
    candidates = candidateIndex.map((i) => nodes[i]!);
    absent = {
      code: 'UnschedulableAndUnresolvable',
      reasons: [`node(s) didn't satisfy plugin(s) [${nodeAffinity.NAME}]`],
    };
  }
  // VolumeBinding's PreFilter (after NodeAffinity's, NodePorts' and NodeResourcesFit's, which
  // reject nothing by themselves): the pod's claims must exist and be bound.
  const volumeLookup = opts.volumes;
  const vb = volumeLookup ? volumeBinding.preFilter(pod, volumeLookup) : undefined;
  if (vb && 'reject' in vb) {
    const none = { code: 'UnschedulableAndUnresolvable' as const, reasons: [vb.reject] };
    if (explain) pushAbsent(result, nodes, volumeBinding.NAME, none);
    fail(new Map(), none, vb.reject, volumeBinding.NAME);
    return result;
  }
  const volumeState = vb;

  // evaluateNominatedNode: a pod nominated by an earlier preemption tries that node alone
  // first. The filter pass over that one node sets nextStartNodeIndex to (i + 1) % 1 = 0.
  const nominatedName = pod.status?.nominatedNodeName;
  if (nominatedName) {
    const i = nodes.findIndex((x) => x.name === nominatedName);
    if (i !== -1 && (!candidateIndex || candidateIndex.includes(i)) && !fits(nodes[i]!)) {
      if (explain) result.verdicts.push({ node: nominatedName, passed: true, reasons: NO_REASONS });
      result.nextStartIndex = 0;
      result.evaluatedNodes = 1;
      result.feasibleNodes = 1;
      result.feasible = true;
      result.selectedNode = nominatedName;
      return result;
    }
  }

  // Filter, from the rotating start index, until enough feasible nodes are found.
  const numToFind = numFeasibleNodesToFind(candidates.length, opts.percentageOfNodesToScore);
  const m = candidates.length;
  // The scan reads cordon, taints, pod count and requests from the table's columns; a node's
  // own NodeInfo is visited only for the checks that need more (and to explain a rejection).
  const table = nodeTable(nodes);
  const chain: FilterChain = {
    state,
    wantedNode,
    required,
    ports,
    fit,
    otherResources: fit.otherNames.length > 0,
    volumeState,
    volumeLookup,
    spread,
    podAffinity,
    table,
  };
  let feasible: NodeInfo[];
  let feasibleIndex: number[];
  if (!explain && !candidateIndex && isPlain(chain)) {
    // Only cordon, taints and resources can reject this pod: rows with neither flag that have
    // room pass on their columns alone, and the others go through the whole chain.
    // (Pushed, not preallocated: the arrays keep the packed element kinds the score phase's
    // code has seen; holey arrays would make its reads polymorphic.)
    feasible = [];
    feasibleIndex = [];
    scanPlain(table, fit, start % m, m, numToFind, nodes, feasible, feasibleIndex, (row) => {
      const node = nodes[row]!;
      const rejection = filterNode(chain, node, row);
      if (rejection === undefined) return true;
      rejected.set(node.name, rejection);
      return false;
    });
  } else {
    feasible = [];
    feasibleIndex = [];
    // `at` is (start + i) % m, stepped instead of divided for every node.
    let at = start % m;
    for (let i = 0; i < m && feasible.length < numToFind; i++, at = at + 1 === m ? 0 : at + 1) {
      const node = candidates[at]!;
      const row = candidateIndex ? candidateIndex[at]! : at;
      const rejection = filterNode(chain, node, row);
      if (rejection) {
        rejected.set(node.name, rejection);
        if (explain) {
          result.verdicts.push({
            node: node.name,
            passed: false,
            code: rejection.code,
            reasons: rejection.reasons.map((reason) => ({ plugin: rejection.plugin, reason })),
          });
        }
      } else {
        feasible.push(node);
        feasibleIndex.push(row);
        if (explain) result.verdicts.push({ node: node.name, passed: true, reasons: NO_REASONS });
      }
    }
  }
  if (explain && absent) {
    const examined = new Set(candidates.map((c) => c.name));
    pushAbsent(
      result,
      nodes.filter((x) => !examined.has(x.name)),
      nodeAffinity.NAME,
      absent,
    );
  }
  const processed = feasible.length + rejected.size;
  result.nextStartIndex = (start + processed) % n;
  result.evaluatedNodes = processed;
  result.feasibleNodes = feasible.length;

  if (feasible.length === 0) {
    fail(rejected, absent, undefined);
    return result;
  }
  result.feasible = true;
  if (feasible.length === 1) {
    // With a single feasible node the scheduler skips scoring altogether.
    result.selectedNode = feasible[0]!.name;
    return result;
  }

  const m2 = feasible.length;
  const buffers = scoreBuffers(m2);
  // The last buffer holds the totals; the plugins use the first ones.
  const totals = buffers[SCORE_SLOTS - 1]!;
  const perPlugin: { name: string; scores: Float64Array }[] = [];
  const best = scorePlugins(
    state,
    feasible,
    feasibleIndex,
    matchesRequired,
    opts,
    result.skippedScorePlugins,
    buffers,
    table,
    totals,
    perPlugin,
  );
  if (explain) {
    const copies = perPlugin.map(({ name, scores }) => ({
      name,
      scores: Array.from(scores.subarray(0, m2)),
      weight: WEIGHT.get(name) ?? 0,
    }));
    result.scores = feasible.map((node, i) => ({
      node: node.name,
      plugins: copies.map(({ name, scores, weight }) => ({
        plugin: name,
        score: scores[i]!,
        weight,
      })),
      total: totals[i]!,
    }));
  }
  result.selectedNode = feasible[selectHostOf(totals, m2, opts.random, best)]!.name;
  return result;
}

function pushAbsent(
  result: ScheduleResult,
  nodes: readonly NodeInfo[],
  plugin: string,
  absent: Absent,
): void {
  for (const node of nodes) {
    result.verdicts.push({
      node: node.name,
      passed: false,
      code: absent.code,
      reasons: absent.reasons.map((reason) => ({ plugin, reason })),
    });
  }
}

/** Adds `scores × weight` to `totals`, for the first `n` nodes. */
function addWeighted(totals: Float64Array, scores: Scores, weight: number, n: number): void {
  for (let i = 0; i < n; i++) totals[i]! += scores[i]! * weight;
}

const TAINT_WEIGHT = WEIGHT.get(taintToleration.NAME) ?? 0;
const AFFINITY_WEIGHT = WEIGHT.get(nodeAffinity.NAME) ?? 0;
const FIT_WEIGHT = WEIGHT.get(nodeResourcesFit.NAME) ?? 0;
const SPREAD_WEIGHT = WEIGHT.get(podTopologySpread.NAME) ?? 0;
const POD_AFFINITY_WEIGHT = WEIGHT.get(interPodAffinity.NAME) ?? 0;
const BALANCED_WEIGHT = WEIGHT.get(balancedAllocation.NAME) ?? 0;
const IMAGE_WEIGHT = WEIGHT.get(imageLocality.NAME) ?? 0;

/**
 * NodeResourcesFit (LeastAllocated), BalancedAllocation and ImageLocality scores of the
 * feasible nodes (rows `feasibleIndex` of `table`) and their weighted sum, plus TaintToleration's
 * weighted maximum score, into `totals`; the three scores into their buffers too when `keep`
 * (only an explained cycle reads them). Returns whether a feasible node has a non-zero raw
 * TaintToleration score: only then do normalized taint scores differ from the maximum (see
 * {@link scorePlugins}).
 *
 * The scores of a row come from the table's per-row memo when it has them (see
 * {@link resourceScores}): for the replicas of one Deployment only the row of the node that got
 * the last pod is computed again, the others are one read of `baseScore`.
 *
 * A function of its own for the same reason as {@link scanPlain}: this loop runs for every
 * feasible node of every cycle, and a small function is optimized early.
 */
function scoreRows(
  table: NodeTable,
  state: CycleState,
  feasible: readonly NodeInfo[],
  feasibleIndex: readonly number[],
  n: number,
  images: imageLocality.ImageState,
  podMilliCPU: number,
  podMemory: number,
  podNonZeroMilliCPU: number,
  podNonZeroMemory: number,
  keep: boolean,
  fit: Float64Array,
  balanced: Float64Array,
  image: Float64Array,
  totals: Float64Array,
): boolean {
  const { flags, fitScore, balancedScore, imageScore, baseScore, scored } = table;
  let tainted = false;
  for (let i = 0; i < n; i++) {
    const row = feasibleIndex[i]!;
    if (scored[row] !== 1) {
      scoreRow(table, row, images, podMilliCPU, podMemory, podNonZeroMilliCPU, podNonZeroMemory);
    }
    totals[i] = baseScore[row]!;
    if (keep) {
      fit[i] = fitScore[row]!;
      balanced[i] = balancedScore[row]!;
      image[i] = imageScore[row]!;
    }
    if ((flags[row]! & TAINTED) !== 0 && taintToleration.score(state, feasible[i]!) > 0)
      tainted = true;
  }
  return tainted;
}

/** Fills the memo of one row for {@link scoreRows}. */
function scoreRow(
  table: NodeTable,
  row: number,
  images: imageLocality.ImageState,
  podMilliCPU: number,
  podMemory: number,
  podNonZeroMilliCPU: number,
  podNonZeroMemory: number,
): void {
  const allocMilliCPU = table.allocMilliCPU[row]!;
  const allocMemory = table.allocMemory[row]!;
  const f = nodeResourcesFit.leastAllocated(
    allocMilliCPU,
    allocMemory,
    table.nonZeroMilliCPU[row]!,
    table.nonZeroMemory[row]!,
    podNonZeroMilliCPU,
    podNonZeroMemory,
  );
  const b = balancedAllocation.balanced(
    allocMilliCPU,
    allocMemory,
    table.requestedMilliCPU[row]!,
    table.requestedMemory[row]!,
    podMilliCPU,
    podMemory,
  );
  const im = images.none ? 0 : imageLocality.scoreSizes(images, table.images[row]!);
  table.fitScore[row] = f;
  table.balancedScore[row] = b;
  table.imageScore[row] = im;
  // Every score is an integer, so the sum is exact whatever the order of the additions.
  table.baseScore[row] =
    f * FIT_WEIGHT + b * BALANCED_WEIGHT + im * IMAGE_WEIGHT + MAX_NODE_SCORE * TAINT_WEIGHT;
  table.scored[row] = 1;
}

/**
 * PreScore + Score + NormalizeScore of every default score plugin, in the scheduler's order.
 * Each plugin that runs is listed in `out` with the next of `buffers`, which gets its scores
 * for `feasible`, and `totals` gets Σ score × weight per node. Returns the largest total, or NaN
 * when it was not found on the way.
 *
 * The plugins are summed as it suits the passes over the nodes rather than in plugin order:
 * every score is an integer (each plugin truncates or rounds), so the sums are exact and the
 * order cannot change them. The rows' memoized base (see {@link scoreRows}) counts the maximum
 * taint score; when some node has a lower one, the difference is subtracted here.
 */
function scorePlugins(
  state: CycleState,
  feasible: readonly NodeInfo[],
  feasibleIndex: readonly number[],
  matchesRequired: (node: NodeInfo) => boolean,
  opts: ScheduleOptions,
  skipped: string[],
  buffers: readonly Float64Array[],
  table: NodeTable,
  totals: Float64Array,
  out: { name: string; scores: Float64Array }[],
): number {
  const n = feasible.length;
  const explain = opts.explain !== false;
  const next = (name: string): Float64Array => {
    const scores = buffers[out.length]!;
    out.push({ name, scores });
    return scores;
  };

  // PreScore of every plugin (in the scheduler's order; each is pure, so what the per-node
  // loop below computes in one pass is what plugin-by-plugin passes would).
  const taints = next(taintToleration.NAME);
  const preferred = nodeAffinity.preferred(state.pod);
  const affinity = preferred ? next(nodeAffinity.NAME) : undefined;
  if (!preferred) skipped.push(nodeAffinity.NAME);
  const fit = next(nodeResourcesFit.NAME);
  // A pod with its own constraints scores with its ScheduleAnyway ones; otherwise the system
  // defaults apply with the selector of the controller (or Service) that selects it.
  const own = (state.pod.spec?.topologySpreadConstraints?.length ?? 0) > 0;
  const constraints = own
    ? podTopologySpread.podConstraints(state.pod, 'ScheduleAnyway')
    : podTopologySpread.defaultConstraints(
        state.pod,
        (opts.spreadSelector ?? podTopologySpread.defaultSpreadSelector)(state.pod),
      );
  const spread = podTopologySpread.preScore(
    state,
    constraints,
    !own,
    feasible,
    matchesRequired,
    table,
    feasibleIndex,
  );
  const spreadScores = spread ? next(podTopologySpread.NAME) : undefined;
  if (!spread) skipped.push(podTopologySpread.NAME);
  const topology = interPodAffinity.preScore(state);
  const topologyScores = topology ? next(interPodAffinity.NAME) : undefined;
  if (!topology) skipped.push(interPodAffinity.NAME);
  const balanced = next(balancedAllocation.NAME);
  const images = imageLocality.preScore(state);
  const image = next(imageLocality.NAME);

  // Score: the plugins that read only the node itself, in one pass over the feasible nodes
  // (numbers from the table's columns, the NodeInfo only where a plugin needs more).
  const { requested, nonZero } = state.requests;
  // The row scores are remembered for pods with the same requests and image state.
  resourceScores(
    table,
    nonZero.milliCPU,
    nonZero.memory,
    requested.milliCPU,
    requested.memory,
    images,
  );
  const tainted = scoreRows(
    table,
    state,
    feasible,
    feasibleIndex,
    n,
    images,
    // The pod's requests as plain numbers: the scoring loop never sees the requests objects,
    // whose maps differ (the shared frozen answer for requestless pods, computed ones
    // otherwise), so a pod of the other kind cannot deoptimize its compiled code.
    requested.milliCPU,
    requested.memory,
    nonZero.milliCPU,
    nonZero.memory,
    explain,
    fit,
    balanced,
    image,
    totals,
  );
  if (affinity || topologyScores) {
    for (let i = 0; i < n; i++) {
      const node = feasible[i]!;
      if (affinity) affinity[i] = nodeAffinity.score(preferred!, node);
      if (topologyScores) topologyScores[i] = interPodAffinity.score(topology!, node);
    }
  }
  if (spreadScores) {
    podTopologySpread.scoreInto(spread!, feasible, feasibleIndex, spreadScores, n, table);
  }

  // NormalizeScore, and the normalized scores into the totals.
  if (tainted) {
    // Some node has untolerated PreferNoSchedule taints: the raw scores, normalized, and each
    // node's difference from the maximum its base counted.
    for (let i = 0; i < n; i++) {
      const row = feasibleIndex[i]!;
      taints[i] =
        (table.flags[row]! & TAINTED) === 0 ? 0 : taintToleration.score(state, feasible[i]!);
    }
    normalizeFirst(taints, n, true);
    for (let i = 0; i < n; i++) totals[i]! += (taints[i]! - MAX_NODE_SCORE) * TAINT_WEIGHT;
  } else if (explain) {
    // All raw scores 0: every node gets the maximum (what normalizeFirst gives).
    taints.fill(MAX_NODE_SCORE, 0, n);
  }
  if (affinity) {
    normalizeFirst(affinity, n, false);
    addWeighted(totals, affinity, AFFINITY_WEIGHT, n);
  }
  if (topologyScores) {
    interPodAffinity.normalize(topologyScores, n);
    addWeighted(totals, topologyScores, POD_AFFINITY_WEIGHT, n);
  }
  // Last, so that its pass over the totals also finds their maximum for selectHost.
  if (spreadScores)
    return podTopologySpread.normalizeAdding(spread!, spreadScores, n, totals, SPREAD_WEIGHT);
  return Number.NaN;
}
