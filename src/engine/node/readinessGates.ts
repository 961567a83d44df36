/**
 * Pod readiness gates (status/generate.go GeneratePodReadyCondition): once its containers are
 * ready, a pod is Ready only when the condition each gate names exists and is True. Another
 * component (a load balancer controller, a learner's `kubectl patch --subresource=status`)
 * sets those conditions; the kubelet only reads them.
 */
import type { KubeObject } from '../api/types.ts';

/** The reason of a Ready condition held False by a gate. */
export const READINESS_GATES_NOT_READY = 'ReadinessGatesNotReady';

/**
 * Why the gates keep the pod from Ready (the kubelet's message, one part per unmet gate), or
 * undefined when every gate is met.
 */
export function unmetReadinessGates(
  gates: readonly { conditionType?: string }[],
  conditions: readonly { type: string; status: string }[] | undefined,
): string | undefined {
  let message: string | undefined;
  for (const g of gates) {
    const type = g.conditionType ?? '';
    const c = conditions?.find((x) => x.type === type);
    let part: string | undefined;
    if (!c) part = `corresponding condition of pod readiness gate "${type}" does not exist.`;
    else if (c.status !== 'True') {
      part = `the status of pod readiness gate "${type}" is not "True", but ${c.status}`;
    }
    if (part !== undefined) message = message === undefined ? part : `${message}, ${part}`;
  }
  return message;
}

/**
 * status.NeedToReconcilePodReadiness: a change of a pod's status alone wakes its pod worker
 * only when the pod has readiness gates and its stored Ready condition is not the one the
 * gates now give (status or message), e.g. once a controller set a gate's condition True.
 */
export function needsReadinessReconcile(pod: KubeObject): boolean {
  const gates = (pod.spec as { readinessGates?: { conditionType?: string }[] } | undefined)
    ?.readinessGates;
  if (!gates || gates.length === 0) return false;
  const conditions =
    (
      pod.status as
        | { conditions?: readonly { type: string; status: string; message?: string }[] }
        | undefined
    )?.conditions ?? [];
  const ready = conditions.find((c) => c.type === 'Ready');
  if (!ready) return false;
  const containers = conditions.find((c) => c.type === 'ContainersReady');
  let status: string;
  let message: string | undefined;
  if (containers?.status !== 'True') {
    status = containers?.status ?? 'False';
    message = containers?.message;
  } else {
    message = unmetReadinessGates(gates, conditions);
    status = message === undefined ? 'True' : 'False';
  }
  return ready.status !== status || (ready.message ?? '') !== (message ?? '');
}
