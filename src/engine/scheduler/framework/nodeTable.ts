/**
 * The node facts every scheduling cycle reads for hundreds of nodes (cordon and taint flags,
 * pod count, allocatable and requested CPU and memory, hostname, zone, images), copied into
 * columns aligned with a node list.
 *
 * Why: at 1,000 nodes a cycle filters and scores about 420 of them. Read through each NodeInfo
 * (a fresh object whenever a pod lands on the node, with its sums in further objects) that is
 * several scattered objects per node, and in a busy engine most of them are no longer in the
 * CPU cache; the columns keep the same numbers side by side. The values are exactly the
 * NodeInfo's own (copied, never recomputed), so results cannot differ.
 *
 * A table belongs to one node array. NodeInfos are immutable, so a row stays valid while the
 * array holds the same NodeInfo object at that index: each use compares the references and
 * refreshes only the rows that changed (the scheduler replaces one NodeInfo per placed pod).
 */
import { type ChangeLog, canCatchUp, changeLogOf, logEnd } from './changeLog.ts';
import type { NodeInfo } from './nodeInfo.ts';
import type { ImageState } from './plugins/imageLocality.ts';

/** `flags` bits. */
export const UNSCHEDULABLE = 1;
export const TAINTED = 2;

export interface NodeTable {
  /** The NodeInfo each row was filled from. */
  readonly rows: (NodeInfo | undefined)[];
  /** {@link UNSCHEDULABLE} | {@link TAINTED}. */
  flags: Uint8Array;
  /** `pods.length`. */
  podCount: Float64Array;
  allocPods: Float64Array;
  allocMilliCPU: Float64Array;
  allocMemory: Float64Array;
  requestedMilliCPU: Float64Array;
  requestedMemory: Float64Array;
  nonZeroMilliCPU: Float64Array;
  nonZeroMemory: Float64Array;
  /** `NodeInfo.hostname`, `NodeInfo.zone`, `NodeInfo.imageSizes`. */
  readonly hostname: (string | undefined)[];
  readonly zone: (string | undefined)[];
  /**
   * How many rows have a zone (never less than the true count; rows past a shrunk array still
   * count): 0 lets the spreading code skip the zone column, as clusters without zones are common.
   */
  zoned: number;
  readonly images: ReadonlyMap<string, number>[];
  /**
   * LeastAllocated, BalancedAllocation and ImageLocality scores of each row for the pod
   * requests in `scoredFor` (non-zero CPU and memory, real CPU and memory) and the image state
   * `imagesFor`, and `baseScore`, their weighted sum plus TaintToleration's weighted maximum
   * (a row's normalized taint score unless some feasible node has an untolerated
   * PreferNoSchedule taint), valid where `scored` is 1: see {@link resourceScores}.
   */
  fitScore: Float64Array;
  balancedScore: Float64Array;
  imageScore: Float64Array;
  baseScore: Float64Array;
  scored: Uint8Array;
  scoredFor: number[];
  imagesFor: ImageState | undefined;
  /** The node array's change log as last read, and the position read up to. */
  log: ChangeLog | undefined;
  seen: number;
}

const tables = new WeakMap<readonly NodeInfo[], NodeTable>();

function allocate(capacity: number, from?: NodeTable): NodeTable {
  const grow = <T extends Float64Array | Uint8Array>(make: (n: number) => T, old?: T): T => {
    const a = make(capacity);
    if (old) a.set(old);
    return a;
  };
  const f64 = (n: number) => new Float64Array(n);
  return {
    rows: from?.rows ?? [],
    flags: grow((n) => new Uint8Array(n), from?.flags),
    podCount: grow(f64, from?.podCount),
    allocPods: grow(f64, from?.allocPods),
    allocMilliCPU: grow(f64, from?.allocMilliCPU),
    allocMemory: grow(f64, from?.allocMemory),
    requestedMilliCPU: grow(f64, from?.requestedMilliCPU),
    requestedMemory: grow(f64, from?.requestedMemory),
    nonZeroMilliCPU: grow(f64, from?.nonZeroMilliCPU),
    nonZeroMemory: grow(f64, from?.nonZeroMemory),
    fitScore: grow(f64, from?.fitScore),
    balancedScore: grow(f64, from?.balancedScore),
    imageScore: grow(f64, from?.imageScore),
    baseScore: grow(f64, from?.baseScore),
    scored: grow((n) => new Uint8Array(n), from?.scored),
    scoredFor: from?.scoredFor ?? [],
    imagesFor: from?.imagesFor,
    hostname: from?.hostname ?? [],
    zone: from?.zone ?? [],
    zoned: from?.zoned ?? 0,
    images: from?.images ?? [],
    log: from?.log,
    seen: from?.seen ?? 0,
  };
}

function fill(t: NodeTable, i: number, n: NodeInfo): void {
  t.rows[i] = n;
  t.flags[i] = (n.unschedulable ? UNSCHEDULABLE : 0) | (n.taints.length > 0 ? TAINTED : 0);
  t.podCount[i] = n.pods.length;
  t.allocPods[i] = n.allocatable.pods;
  t.allocMilliCPU[i] = n.allocatable.milliCPU;
  t.allocMemory[i] = n.allocatable.memory;
  t.requestedMilliCPU[i] = n.requested.milliCPU;
  t.requestedMemory[i] = n.requested.memory;
  t.nonZeroMilliCPU[i] = n.nonZeroRequested.milliCPU;
  t.nonZeroMemory[i] = n.nonZeroRequested.memory;
  t.hostname[i] = n.hostname;
  if (t.zone[i] !== undefined) t.zoned--;
  if (n.zone !== undefined) t.zoned++;
  t.zone[i] = n.zone;
  t.images[i] = n.imageSizes;
  t.scored[i] = 0;
}

/**
 * Prepares the row scores (`fitScore`, `balancedScore`, `imageScore`, `baseScore`) for a pod
 * with these requests and image state: rows keep the scores computed for the previous pod when
 * its requests and image state were the same, otherwise all are dropped.
 *
 * Why: LeastAllocated, BalancedAllocation and ImageLocality are pure functions of the row's
 * numbers (and images) and the pod's requests (and its images' spread over the cluster). The
 * replicas of one Deployment ask for the same, and between two cycles only the rows whose
 * NodeInfo changed (refilled, which drops their scores) have other numbers, so most of the
 * hundreds of scores per cycle equal the last cycle's.
 */
export function resourceScores(
  t: NodeTable,
  nonZeroMilliCPU: number,
  nonZeroMemory: number,
  milliCPU: number,
  memory: number,
  images: ImageState,
): void {
  const f = t.scoredFor;
  if (
    f.length === 4 &&
    Object.is(f[0], nonZeroMilliCPU) &&
    Object.is(f[1], nonZeroMemory) &&
    Object.is(f[2], milliCPU) &&
    Object.is(f[3], memory) &&
    sameImageState(t.imagesFor, images)
  ) {
    return;
  }
  t.scored.fill(0);
  t.scoredFor = [nonZeroMilliCPU, nonZeroMemory, milliCPU, memory];
  t.imagesFor = images;
}

/**
 * Whether two image states give every node the same ImageLocality score: both with no image
 * on any node (all scores 0), or the same images, container count and spreads.
 */
function sameImageState(a: ImageState | undefined, b: ImageState | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  if (a.none && b.none) return true;
  if (a.none !== b.none || a.containers !== b.containers) return false;
  const n = a.images.length;
  if (b.images.length !== n) return false;
  for (let i = 0; i < n; i++) {
    if (a.images[i] !== b.images[i] || !Object.is(a.spread[i], b.spread[i])) return false;
  }
  return true;
}

/** The table of `nodes`, brought up to date (rows at indexes ≥ `nodes.length` are stale). */
export function nodeTable(nodes: readonly NodeInfo[]): NodeTable {
  let t = tables.get(nodes);
  if (!t || t.flags.length < nodes.length) {
    t = allocate(Math.max(nodes.length, (t?.flags.length ?? 0) * 2, 16), t);
    tables.set(nodes, t);
  }
  const rows = t.rows;
  const log = changeLogOf(nodes);
  if (log && canCatchUp(log, t.log, t.seen)) {
    // Only the rows written since the last visit can differ.
    const { entries } = log;
    for (let k = t.seen - log.start; k < entries.length; k++) {
      const i = entries[k]!;
      const n = nodes[i];
      if (n !== undefined && rows[i] !== n) fill(t, i, n);
    }
  } else {
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i]!;
      if (rows[i] !== n) fill(t, i, n);
    }
  }
  t.log = log;
  t.seen = log ? logEnd(log) : 0;
  return t;
}
