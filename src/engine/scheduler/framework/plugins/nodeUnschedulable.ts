/**
 * NodeUnschedulable: a cordoned node (`spec.unschedulable: true`) only takes pods that tolerate
 * the `node.kubernetes.io/unschedulable:NoSchedule` taint.
 */
import type { NodeInfo } from '../nodeInfo.ts';
import type { CycleState, Rejection } from '../types.ts';
import { tolerationsTolerateTaint } from './taintToleration.ts';

export const NAME = 'NodeUnschedulable';
export const REASON = 'node(s) were unschedulable';

const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

export function filter(state: CycleState, node: NodeInfo): Rejection | undefined {
  if (!node.unschedulable) return undefined;
  if (tolerationsTolerateTaint(state.tolerations, UNSCHEDULABLE_TAINT)) return undefined;
  return { plugin: NAME, code: 'UnschedulableAndUnresolvable', reasons: [REASON] };
}
