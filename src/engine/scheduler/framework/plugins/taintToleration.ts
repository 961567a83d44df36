/**
 * TaintToleration (filter weight-less, score weight 3).
 * Filter: every NoSchedule and NoExecute taint must be tolerated; the first one that is not is
 * reported as `node(s) had untolerated taint {key: value}` (1.32 wording).
 * Score: the number of PreferNoSchedule taints the pod does not tolerate, normalized inversely
 * (fewest intolerable taints → 100).
 */
import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import type { NodeInfo } from '../nodeInfo.ts';
import type { CycleState, Rejection } from '../types.ts';

export const NAME = 'TaintToleration';

/** `v1.Toleration.ToleratesTaint`: empty effect matches every effect, empty key with Exists every key. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export function tolerationsTolerateTaint(ts: readonly Toleration[], taint: Taint): boolean {
  for (const t of ts) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** The first NoSchedule/NoExecute taint the tolerations do not tolerate, if any. */
export function findUntoleratedTaint(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
): Taint | undefined {
  for (const taint of taints) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

export function untoleratedTaintReason(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
}

export function filter(state: CycleState, node: NodeInfo): Rejection | undefined {
  if (node.taints.length === 0) return undefined;
  const taint = findUntoleratedTaint(node.taints, state.tolerations);
  if (!taint) return undefined;
  return {
    plugin: NAME,
    code: 'UnschedulableAndUnresolvable',
    reasons: [untoleratedTaintReason(taint)],
  };
}

/** Raw score: how many PreferNoSchedule taints are not tolerated. */
export function score(state: CycleState, node: NodeInfo): number {
  if (node.taints.length === 0) return 0;
  let count = 0;
  for (const taint of node.taints) {
    if (taint.effect !== 'PreferNoSchedule') continue;
    let tolerated = false;
    for (const t of state.tolerations) {
      // Only tolerations with effect PreferNoSchedule or no effect matter here.
      if (t.effect && t.effect !== 'PreferNoSchedule') continue;
      if (toleratesTaint(t, taint)) {
        tolerated = true;
        break;
      }
    }
    if (!tolerated) count++;
  }
  return count;
}
