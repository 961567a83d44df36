/**
 * NodeName: a pod that names a node fits only that node. (The real scheduler never queues pods
 * whose `spec.nodeName` is set — the kubelet runs them directly — so this rarely fires.)
 */
import type { NodeInfo } from '../nodeInfo.ts';
import type { CycleState, Rejection } from '../types.ts';

export const NAME = 'NodeName';
export const REASON = "node(s) didn't match the requested node name";

export function filter(state: CycleState, node: NodeInfo): Rejection | undefined {
  const wanted = state.pod.spec?.nodeName;
  if (!wanted || wanted === node.name) return undefined;
  return { plugin: NAME, code: 'UnschedulableAndUnresolvable', reasons: [REASON] };
}
