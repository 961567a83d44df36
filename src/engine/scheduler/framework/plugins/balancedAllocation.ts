/**
 * NodeResourcesBalancedAllocation (score weight 1): favours nodes whose CPU and memory would be
 * used in equal proportion after placing the pod. Uses real requests (not the non-zero
 * defaults); in 1.32 it also scores BestEffort pods (the PreScore skip for them is 1.33).
 */
import type { NodeInfo } from '../nodeInfo.ts';
import type { CycleState } from '../types.ts';
import { MAX_NODE_SCORE } from './nodeResourcesFit.ts';

export const NAME = 'NodeResourcesBalancedAllocation';

/** `balancedResourceScorer`: (1 − std of the usage fractions) × 100, truncated. */
export function balancedScore(
  requested: readonly number[],
  allocatable: readonly number[],
): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    const alloc = allocatable[i] ?? 0;
    if (alloc === 0) continue;
    const f = Math.min((requested[i] ?? 0) / alloc, 1);
    fractions.push(f);
    total += f;
  }
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs((fractions[0]! - fractions[1]!) / 2);
  } else if (fractions.length > 2) {
    const mean = total / fractions.length;
    let sq = 0;
    for (const f of fractions) sq += (f - mean) * (f - mean);
    std = Math.sqrt(sq / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

export function score(state: CycleState, node: NodeInfo): number {
  const req = state.requests.requested;
  return balanced(
    node.allocatable.milliCPU,
    node.allocatable.memory,
    node.requested.milliCPU,
    node.requested.memory,
    req.milliCPU,
    req.memory,
  );
}

/** {@link score} from plain numbers: the node's allocatable and real requests, the pod's. */
export function balanced(
  allocMilliCPU: number,
  allocMemory: number,
  nodeMilliCPU: number,
  nodeMemory: number,
  podMilliCPU: number,
  podMemory: number,
): number {
  // Same as balancedScore for cpu and memory, without allocating arrays (hot path).
  if (allocMilliCPU === 0 || allocMemory === 0) {
    return balancedScore(
      [nodeMilliCPU + podMilliCPU, nodeMemory + podMemory],
      [allocMilliCPU, allocMemory],
    );
  }
  const cpu = Math.min((nodeMilliCPU + podMilliCPU) / allocMilliCPU, 1);
  const mem = Math.min((nodeMemory + podMemory) / allocMemory, 1);
  return Math.trunc((1 - Math.abs((cpu - mem) / 2)) * MAX_NODE_SCORE);
}
