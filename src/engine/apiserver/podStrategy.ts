/**
 * What the pod registry strategy (pkg/registry/core/pod/strategy.go) and ValidatePodCreate /
 * ValidatePodUpdate (pkg/apis/core/validation) do with `spec.schedulingGates` in 1.32: a gated
 * pod is created with `PodScheduled=False` (reason `SchedulingGated`), a gated pod cannot be
 * created bound to a node, and after creation gates may only be removed.
 */
import type { KubeObject } from '../api/types.ts';
import { defaultPodRequests, defaultPodSpec } from './defaults.ts';
import type { FieldError } from './errors.ts';
import { podSpecDiff } from './podSpecDiff.ts';

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

/** The fields ValidatePodUpdate lets an update change (updatablePodSpecFieldsNoResources). */
const UPDATABLE =
  '`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/**
 * ValidatePodUpdate (1.32): the containers may not be added or removed, and the spec may change
 * only in its updatable fields. The new spec is defaulted (as decoding a request does), then
 * "munged" (those fields copied from the old spec) and compared with the old one; any other
 * difference is Forbidden on `spec`, with go-cmp's diff of the two.
 */
export function validatePodSpecUpdate(next: KubeObject, old: KubeObject): FieldError[] {
  const oldSpec = (old.spec ?? {}) as Obj;
  const nextSpec = structuredClone((next.spec ?? {}) as Obj);
  const oldContainers = (oldSpec.containers as Obj[] | undefined) ?? [];
  const nextContainers = (nextSpec.containers as Obj[] | undefined) ?? [];
  if (oldContainers.length !== nextContainers.length) {
    return [
      {
        field: 'spec.containers',
        type: 'Forbidden',
        detail: 'pod updates may not add or remove containers',
      },
    ];
  }
  defaultPodSpec(nextSpec);
  defaultPodRequests(nextSpec);
  if (nextSpec.enableServiceLinks === undefined) nextSpec.enableServiceLinks = true;
  const munged: Obj = { ...nextSpec };
  for (const key of ['containers', 'initContainers'] as const) {
    const was = (oldSpec[key] as Obj[] | undefined) ?? [];
    const list = nextSpec[key] as Obj[] | undefined;
    if (!list) continue;
    munged[key] = list.map((c, i) => {
      const image = was[i]?.image;
      return image === undefined ? c : { ...c, image };
    });
  }
  for (const key of ['activeDeadlineSeconds', 'schedulingGates', 'tolerations']) {
    if (oldSpec[key] === undefined) delete munged[key];
    else munged[key] = oldSpec[key];
  }
  const grace = oldSpec.terminationGracePeriodSeconds;
  if (typeof grace === 'number' && grace < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = grace;
  }
  if (sameJson(munged, oldSpec)) return [];
  return [
    {
      field: 'spec',
      type: 'Forbidden',
      detail: `pod updates may not change fields other than ${UPDATABLE}\n${podSpecDiff(oldSpec, munged)}`,
    },
  ];
}

/** Deep equality of two JSON values, whatever their keys' order. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameJson(x, bb[i]));
  }
  const ka = Object.keys(a as Obj).filter((k) => (a as Obj)[k] !== undefined);
  const kb = Object.keys(b as Obj).filter((k) => (b as Obj)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Obj)[k], (b as Obj)[k]));
}

/** ValidatePodUpdate: the spec's own rules, then `validateOnlyDeletedSchedulingGates`. */
export function validatePodUpdate(next: KubeObject, old: KubeObject): FieldError[] {
  const spec = validatePodSpecUpdate(next, old);
  if (spec.length > 0) return spec;
  return validateOnlyDeletedSchedulingGates(next, old);
}

/** `validateOnlyDeletedSchedulingGates`: an update may remove gates but not add any. */
function validateOnlyDeletedSchedulingGates(next: KubeObject, old: KubeObject): FieldError[] {
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
