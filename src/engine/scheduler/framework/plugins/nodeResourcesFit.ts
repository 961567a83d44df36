/**
 * NodeResourcesFit (score weight 1, strategy LeastAllocated).
 * Filter: the pod count must stay within `allocatable.pods` (`Too many pods`), and the pod's
 * real CPU / memory requests must fit what is left (`Insufficient cpu`, `Insufficient memory`;
 * a node short of both reports both). Code `Unschedulable` in 1.32 even when the request exceeds
 * the node's whole allocatable (the Unresolvable distinction came in 1.34).
 * Score: LeastAllocated over cpu and memory (weight 1 each) with non-zero requests.
 */
import type { NodeInfo } from '../nodeInfo.ts';
import type { CycleState, Rejection } from '../types.ts';

export const NAME = 'NodeResourcesFit';
export const MAX_NODE_SCORE = 100;

/**
 * Resources NodeResourcesFit checks besides cpu and memory (`IsScalarResourceName` plus
 * ephemeral-storage): extended resources (a domain other than kubernetes.io, e.g.
 * `nvidia.com/gpu`), `hugepages-*` and `attachable-volumes-*`. Others are ignored.
 */
export function isCheckedResource(name: string): boolean {
  if (name === 'ephemeral-storage') return true;
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true;
  const slash = name.indexOf('/');
  if (slash === -1 || name.startsWith('requests.')) return false;
  const domain = name.slice(0, slash);
  return domain !== 'kubernetes.io' && !domain.endsWith('.kubernetes.io');
}

/**
 * What the filter needs of the pod, computed once per cycle (the plugin's PreFilter state):
 * the real requests as plain numbers and the other resources to check, already in report
 * order, so the per-node check allocates nothing unless the node is rejected.
 */
export interface FitRequest {
  milliCPU: number;
  memory: number;
  /** Checked other resources (`ephemeral-storage` first, then by name) and their requests. */
  otherNames: readonly string[];
  otherWants: readonly number[];
}

const NO_NAMES: readonly string[] = [];
const NO_WANTS: readonly number[] = [];

/** PreFilter: the pod's requests in the form {@link fitFilter} reads. */
export function fitRequest(state: CycleState): FitRequest {
  const req = state.requests.requested;
  const other = state.requests.other;
  const names = Object.keys(other);
  if (names.length === 0) {
    return {
      milliCPU: req.milliCPU,
      memory: req.memory,
      otherNames: NO_NAMES,
      otherWants: NO_WANTS,
    };
  }
  // ephemeral-storage first, then the rest in a stable order.
  names.sort((a, b) =>
    a === 'ephemeral-storage' ? -1 : b === 'ephemeral-storage' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  const checked = names.filter(isCheckedResource);
  return {
    milliCPU: req.milliCPU,
    memory: req.memory,
    otherNames: checked,
    otherWants: checked.map((name) => other[name]!),
  };
}

function otherShortfalls(fit: FitRequest, node: NodeInfo): string[] | undefined {
  let out: string[] | undefined;
  for (let i = 0; i < fit.otherNames.length; i++) {
    const name = fit.otherNames[i]!;
    const want = fit.otherWants[i]!;
    const free = (node.allocatable.other[name] ?? 0) - (node.requestedOther[name] ?? 0);
    if (want > 0 && want > free) {
      out ??= [];
      out.push(`Insufficient ${name}`);
    }
  }
  return out;
}

/**
 * Whether the pod passes the pod-count, cpu and memory checks of {@link fitFilter}, from plain
 * numbers (the node's, as NodeInfo has them). The other resources are not looked at.
 */
export function fitsCounts(
  fit: FitRequest,
  podCount: number,
  allocPods: number,
  allocMilliCPU: number,
  requestedMilliCPU: number,
  allocMemory: number,
  requestedMemory: number,
): boolean {
  return (
    !(podCount + 1 > allocPods) &&
    !(fit.milliCPU > 0 && fit.milliCPU > allocMilliCPU - requestedMilliCPU) &&
    !(fit.memory > 0 && fit.memory > allocMemory - requestedMemory)
  );
}

/** The filter with the pod's requests prepared by {@link fitRequest} (the scan's hot path). */
export function fitFilter(fit: FitRequest, node: NodeInfo): Rejection | undefined {
  const a = node.allocatable;
  const tooMany = node.pods.length + 1 > a.pods;
  const cpu = fit.milliCPU > 0 && fit.milliCPU > a.milliCPU - node.requested.milliCPU;
  const memory = fit.memory > 0 && fit.memory > a.memory - node.requested.memory;
  const other = fit.otherNames.length === 0 ? undefined : otherShortfalls(fit, node);
  if (!tooMany && !cpu && !memory && !other) return undefined;
  const reasons: string[] = [];
  if (tooMany) reasons.push('Too many pods');
  if (cpu) reasons.push('Insufficient cpu');
  if (memory) reasons.push('Insufficient memory');
  if (other) reasons.push(...other);
  return { plugin: NAME, code: 'Unschedulable', reasons };
}

export function filter(state: CycleState, node: NodeInfo): Rejection | undefined {
  return fitFilter(fitRequest(state), node);
}

/** `leastRequestedScore`: (capacity − requested) × 100 / capacity, integer; 0 when over. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** LeastAllocated: the weighted mean (integer division) of cpu and memory scores. */
export function score(state: CycleState, node: NodeInfo): number {
  const nz = state.requests.nonZero;
  return leastAllocated(
    node.allocatable.milliCPU,
    node.allocatable.memory,
    node.nonZeroRequested.milliCPU,
    node.nonZeroRequested.memory,
    nz.milliCPU,
    nz.memory,
  );
}

/** {@link score} from plain numbers: the node's allocatable and non-zero requests, the pod's. */
export function leastAllocated(
  allocMilliCPU: number,
  allocMemory: number,
  nodeMilliCPU: number,
  nodeMemory: number,
  podMilliCPU: number,
  podMemory: number,
): number {
  let sum = 0;
  let weights = 0;
  if (allocMilliCPU !== 0) {
    sum += leastRequestedScore(nodeMilliCPU + podMilliCPU, allocMilliCPU);
    weights++;
  }
  if (allocMemory !== 0) {
    sum += leastRequestedScore(nodeMemory + podMemory, allocMemory);
    weights++;
  }
  return weights === 0 ? 0 : Math.trunc(sum / weights);
}
