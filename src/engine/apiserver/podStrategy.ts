/**
 * What the pod registry strategy (pkg/registry/core/pod/strategy.go) and ValidatePodCreate /
 * ValidatePodUpdate (pkg/apis/core/validation) do with `spec.schedulingGates` in 1.32: a gated
 * pod is created with `PodScheduled=False` (reason `SchedulingGated`), a gated pod cannot be
 * created bound to a node, and after creation gates may only be removed.
 */
import type { KubeObject } from '../api/types.ts';
import type { FieldError } from './errors.ts';

type Obj = Record<string, unknown>;

export const SCHEDULING_GATED = 'SchedulingGated';
export const SCHEDULING_GATED_MESSAGE = 'Scheduling is blocked due to non-empty scheduling gates';

/** The gate names of a pod spec, in order. */
export function schedulingGateNames(spec: unknown): string[] {
  const gates = (spec as { schedulingGates?: unknown } | undefined)?.schedulingGates;
  if (!Array.isArray(gates)) return [];
  return gates.map((g) => String((g as { name?: unknown } | null)?.name ?? ''));
}

/**
 * `applySchedulingGatedCondition` (PrepareForCreate): a new pod with gates and no PodScheduled
 * condition yet gets `PodScheduled=False`, reason SchedulingGated. Mutates `pod.status`.
 */
export function applySchedulingGatedCondition(pod: KubeObject, timestamp: string): void {
  if (schedulingGateNames(pod.spec).length === 0) return;
  const status = (pod.status ?? {}) as Obj;
  const conditions = Array.isArray(status.conditions) ? (status.conditions as Obj[]) : [];
  if (conditions.some((c) => c.type === 'PodScheduled')) return;
  pod.status = {
    ...status,
    conditions: [
      ...conditions,
      {
        type: 'PodScheduled',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime: timestamp,
        reason: SCHEDULING_GATED,
        message: SCHEDULING_GATED_MESSAGE,
      },
    ],
  };
}

/** ValidatePodCreate's check: a pod cannot be bound to a node while it has gates. */
export function validatePodCreate(pod: KubeObject): FieldError[] {
  const spec = (pod.spec ?? {}) as { nodeName?: unknown };
  if (!spec.nodeName || schedulingGateNames(spec).length === 0) return [];
  return [
    {
      field: 'spec.nodeName',
      type: 'Forbidden',
      detail: 'cannot be set until all schedulingGates have been cleared',
    },
  ];
}

/** `validateOnlyDeletedSchedulingGates`: an update may remove gates but not add any. */
export function validatePodUpdate(next: KubeObject, old: KubeObject): FieldError[] {
  const added = schedulingGateNames(next.spec);
  if (added.length === 0) return [];
  const had = new Set(schedulingGateNames(old.spec));
  // Upstream keeps the last index of each new name (a map) and reports them in map order;
  // here they come in index order.
  const last = new Map<string, number>();
  added.forEach((name, i) => {
    if (!had.has(name)) last.set(name, i);
  });
  return [...last]
    .sort((a, b) => a[1] - b[1])
    .map(([name, i]) => ({
      field: `spec.schedulingGates[${i}].name`,
      type: 'Forbidden' as const,
      detail: `only deletion is allowed, but found new scheduling gate '${name}'`,
    }));
}
