/**
 * QueueingHints (SchedulerQueueingHints, on by default again in 1.32): when a Node is added or
 * changes, an unschedulable pod goes back to the queue only if a plugin that rejected it in its
 * last attempt says the change may help (`isSchedulableAfterNodeChange`). A cordon of another
 * node, say, helps none of them: the pod waits for the 5-minute flush or a change that does.
 *
 * The hints of NodeUnschedulable, TaintToleration, NodeAffinity and NodeResourcesFit are
 * modelled; a pod rejected by any other plugin (or by none: no nodes) is queued on every node
 * change, as before hints.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { NodeInfo } from './framework/nodeInfo.ts';
import * as nodeAffinity from './framework/plugins/nodeAffinity.ts';
import * as nodeResourcesFit from './framework/plugins/nodeResourcesFit.ts';
import * as nodeUnschedulable from './framework/plugins/nodeUnschedulable.ts';
import * as taintToleration from './framework/plugins/taintToleration.ts';
import { podRequests } from './framework/resources.ts';

/**
 * Whether the change of a node from `before` (undefined: the node was added) to `after` may
 * make the pod schedulable, for one of the plugins in `rejectors` (those that rejected it).
 */
export function nodeChangeRequeues(
  pod: Pod,
  rejectors: readonly string[] | undefined,
  before: NodeInfo | undefined,
  after: NodeInfo,
): boolean {
  if (!rejectors || rejectors.length === 0) return true;
  for (const plugin of rejectors) {
    switch (plugin) {
      case nodeUnschedulable.NAME:
        if (unschedulableHint(before, after)) return true;
        break;
      case taintToleration.NAME:
        if (taintHint(pod, before, after)) return true;
        break;
      case nodeAffinity.NAME:
        if (affinityHint(pod, before, after)) return true;
        break;
      case nodeResourcesFit.NAME:
        if (fitHint(pod, before, after)) return true;
        break;
      default:
        return true;
    }
  }
  return false;
}

/** NodeUnschedulable: the node was added schedulable, or went from cordoned to schedulable. */
function unschedulableHint(before: NodeInfo | undefined, after: NodeInfo): boolean {
  return !after.unschedulable && (before === undefined || before.unschedulable);
}

/** TaintToleration: some NoSchedule/NoExecute taint was untolerated (or the node new), none is now. */
function taintHint(pod: Pod, before: NodeInfo | undefined, after: NodeInfo): boolean {
  const tolerations = pod.spec?.tolerations ?? [];
  const wasUntolerated =
    before === undefined || !!taintToleration.findUntoleratedTaint(before.taints, tolerations);
  return wasUntolerated && !taintToleration.findUntoleratedTaint(after.taints, tolerations);
}

/** NodeAffinity (node selector and required affinity): the node matches now and did not before. */
function affinityHint(pod: Pod, before: NodeInfo | undefined, after: NodeInfo): boolean {
  const req = nodeAffinity.required(pod);
  if (req && !req.match(after)) return false;
  if (before === undefined) return true;
  return !!req && !req.match(before);
}

/**
 * NodeResourcesFit: the pod would fit the node empty (`isFit`), and the node is new or one of
 * the resources the pod requests (or the pod count) grew (`haveAnyRequestedResourcesIncreased`).
 */
function fitHint(pod: Pod, before: NodeInfo | undefined, after: NodeInfo): boolean {
  const { requested, other } = podRequests(pod);
  const a = after.allocatable;
  if (a.pods < 1) return false;
  if (requested.milliCPU > 0 && requested.milliCPU > a.milliCPU) return false;
  if (requested.memory > 0 && requested.memory > a.memory) return false;
  for (const name in other) {
    if (!nodeResourcesFit.isCheckedResource(name)) continue;
    const want = other[name]!;
    if (want > 0 && want > (a.other[name] ?? 0)) return false;
  }
  if (before === undefined) return true;
  const b = before.allocatable;
  if (a.pods > b.pods) return true;
  if (requested.milliCPU > 0 && a.milliCPU > b.milliCPU) return true;
  if (requested.memory > 0 && a.memory > b.memory) return true;
  for (const name in other) {
    if ((other[name] ?? 0) > 0 && (a.other[name] ?? 0) > (b.other[name] ?? 0)) return true;
  }
  return false;
}
