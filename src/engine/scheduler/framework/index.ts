/**
 * The kube-scheduler 1.32 framework as pure functions: NodeInfo bookkeeping, the default
 * filter and score plugins, host selection and the exact FailedScheduling message.
 *
 * The scheduler actor (../scheduler.ts) owns the queue, the cache of NodeInfos, binding and
 * events; it calls {@link schedulePod} once per pod and keeps `nextStartIndex` between calls.
 *
 * Plugins evaluated (default order and weights of 1.32): filters NodeUnschedulable, NodeName,
 * TaintToleration, NodeAffinity (with its PreFilter node-name pinning), NodePorts,
 * NodeResourcesFit (cpu, memory, pods, ephemeral-storage, extended resources), PodTopologySpread,
 * InterPodAffinity; scores TaintToleration ×3, NodeAffinity ×2, NodeResourcesFit
 * (LeastAllocated) ×1, PodTopologySpread ×2, InterPodAffinity ×2, BalancedAllocation ×1,
 * ImageLocality ×1. Plugins that return Skip at PreScore are reported in
 * `skippedScorePlugins`, as they do not run.
 *
 * NodeInfos must be treated as immutable (use addPod/removePod/setNode): several results are
 * cached per NodeInfo and per Pod object.
 *
 * Simplifications, each chosen so the common paths stay faithful:
 * - DefaultPreemption (./preemption.ts) does not consult PodDisruptionBudgets, and judges a node
 *   with its victims removed by the cycle's PodTopologySpread / InterPodAffinity PreFilter state.
 * - Namespace labels are assumed to be just `kubernetes.io/metadata.name` (namespaceSelector).
 * - The default spread selector comes from the pod's controller; Services are only included
 *   through `ScheduleOptions.spreadSelector`.
 * - Volumes (VolumeBinding, VolumeZone, limits) are not modelled. Scheduling gates are the
 *   actor's business: a gated pod never reaches {@link schedulePod}.
 */

export { type ChangeLog, noteChange, notePodChange, trackChanges } from './changeLog.ts';
export { normalizeImageName } from './images.ts';
export type { NodeInfo } from './nodeInfo.ts';
export {
  addPod,
  appendPod,
  newNodeInfo,
  podHostPorts,
  removePod,
  replacePodSameSpec,
  setNode,
} from './nodeInfo.ts';
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
export type { Allocatable, OtherResources, PodRequests, Resources } from './resources.ts';
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
