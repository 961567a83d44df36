/**
 * The kube-scheduler 1.32 framework as pure functions: NodeInfo bookkeeping, the default
 * filter and score plugins, host selection and the exact FailedScheduling message.
 *
 * The scheduler actor (../scheduler.ts) owns the queue, the cache of NodeInfos, binding and
 * events; it calls {@link schedulePod} once per pod and keeps `nextStartIndex` between calls.
 *
 * Simplifications, each chosen so the common paths stay faithful:
 * - Preemption never succeeds: all pods count as equal priority, so DefaultPreemption only
 *   contributes its message ("Preemption is not helpful for scheduling" for nodes rejected
 *   UnschedulableAndUnresolvable — taints, cordon, affinity, node name — and "No preemption
 *   victims found for incoming pod" for nodes rejected Unschedulable — resources, host ports).
 * - InterPodAffinity is not evaluated (always PreScore Skip); pod-level
 *   `topologySpreadConstraints` are not evaluated (the system default spreading is).
 * - ImageLocality normalizes image names like the container runtime (see images.ts).
 */

export { normalizeImageName } from './images.ts';
export type { NodeInfo } from './nodeInfo.ts';
export { addPod, newNodeInfo, podHostPorts, removePod, setNode } from './nodeInfo.ts';
export { defaultSpreadSelector } from './plugins/podTopologySpread.ts';
export { toleratesTaint } from './plugins/taintToleration.ts';
export type { ExtensionPoint, PluginInfo } from './plugins.ts';
export { DEFAULT_PLUGINS, FILTER_PLUGINS, MAX_NODE_SCORE, SCORE_PLUGINS } from './plugins.ts';
export type { ParsedQuantity } from './quantity.ts';
export {
  parseQuantity,
  QUANTITY_FORMAT_ERROR,
  QuantityError,
  tryParseQuantity,
} from './quantity.ts';
export type { Allocatable, PodRequests, Resources } from './resources.ts';
export {
  DEFAULT_MEMORY_REQUEST,
  DEFAULT_MILLI_CPU_REQUEST,
  nodeAllocatable,
  podRequests,
} from './resources.ts';
export type { NodeScore, NodeVerdict, ScheduleOptions, ScheduleResult } from './schedule.ts';
export {
  NO_NODES_MESSAGE,
  NO_VICTIMS,
  numFeasibleNodesToFind,
  PREEMPTION_NOT_HELPFUL,
  schedulePod,
  selectHost,
} from './schedule.ts';
export type { StatusCode } from './types.ts';
