/** Shared shapes of the scheduler framework's plugins. */
import type { Pod, Toleration } from 'kubernetes-types/core/v1';
import type { NodeInfo } from './nodeInfo.ts';
import type { PodRequests } from './resources.ts';

/**
 * A plugin's verdict when a node does not fit (`framework.Code`).
 * - `Unschedulable`: removing pods from the node could help, so preemption looks for victims.
 * - `UnschedulableAndUnresolvable`: nothing done to the node's pods would help (taints,
 *   affinity, cordon…): preemption skips the node ("Preemption is not helpful for scheduling").
 */
export type StatusCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface Rejection {
  plugin: string;
  code: StatusCode;
  /** The histogram strings, e.g. `Insufficient cpu`. */
  reasons: string[];
}

/** Per-pod data computed once per scheduling cycle (the framework's CycleState). */
export interface CycleState {
  pod: Pod;
  namespace: string;
  requests: PodRequests;
  hostPorts: string[];
  tolerations: readonly Toleration[];
  /** All nodes of the snapshot (ImageLocality and PodTopologySpread look beyond the feasible). */
  allNodes: readonly NodeInfo[];
  /** On how many of `allNodes` each normalized image is, when the caller keeps that count. */
  imageNodeCounts?: ReadonlyMap<string, number>;
  /** Pods on `allNodes` with pod (anti-)affinity terms, when the caller keeps that count. */
  podsWithAffinity?: number;
  /** Pods on `allNodes` with required pod anti-affinity, when the caller keeps that count. */
  podsWithRequiredAntiAffinity?: number;
}
