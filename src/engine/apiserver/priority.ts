/**
 * The Priority admission plugin for pods (plugin/pkg/admission/priority, 1.32), on create:
 * a pod without `priorityClassName` gets the default priority (0: a fresh cluster has no
 * `globalDefault` class) and `preemptionPolicy: PreemptLowerPriority`; a pod naming a class
 * gets that class's value and policy, or is refused when the class does not exist. A
 * `priority` or `preemptionPolicy` written in the pod spec must equal what the plugin computes.
 *
 * The simulator serves no `priorityclasses` resource, so the only classes are the two the API
 * server creates at start-up, both with `preemptionPolicy: PreemptLowerPriority`.
 */

/** The API server's built-in classes (`scheduling.SystemPriorityClasses`). */
export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-node-critical': 2_000_001_000,
  'system-cluster-critical': 2_000_000_000,
};

/** `scheduling.DefaultPriorityWhenNoDefaultClassExists`. */
export const DEFAULT_PRIORITY = 0;

const PREEMPT_LOWER_PRIORITY = 'PreemptLowerPriority';

type Spec = Record<string, unknown>;

/**
 * `admitPod` for a create: fills in `priority` and `preemptionPolicy` of `spec` (mutated), or
 * returns why the pod is forbidden (the text after `pods "<name>" is forbidden: `).
 */
export function admitPodPriority(spec: Spec): string | undefined {
  const className = typeof spec.priorityClassName === 'string' ? spec.priorityClassName : '';
  let priority = DEFAULT_PRIORITY;
  if (className !== '') {
    const value = Object.hasOwn(SYSTEM_PRIORITY_CLASSES, className)
      ? SYSTEM_PRIORITY_CLASSES[className]
      : undefined;
    if (value === undefined) return `no PriorityClass with name ${className} was found`;
    priority = value;
  }
  const given = spec.priority;
  if (given !== undefined && given !== null && given !== priority) {
    return `the integer value of priority (${String(given)}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`;
  }
  spec.priority = priority;
  // The default and both system classes carry PreemptLowerPriority.
  const policy = spec.preemptionPolicy;
  if (policy !== undefined && policy !== null && policy !== PREEMPT_LOWER_PRIORITY) {
    return `the string value of PreemptionPolicy (${String(policy)}) must not be provided in pod spec; priority admission controller computed ${PREEMPT_LOWER_PRIORITY} from the given PriorityClass name`;
  }
  spec.preemptionPolicy = PREEMPT_LOWER_PRIORITY;
  return undefined;
}

/**
 * `admitPod` for an update: the plugin set `priority` and `preemptionPolicy` on create, and an
 * update that leaves them out keeps the stored ones. Returns `next` itself when nothing is
 * missing, else a copy with the stored values.
 */
export function keepPodPriority(next: Spec, old: Spec | undefined): Spec {
  const missing = (v: unknown) => v === undefined || v === null;
  const priority = missing(next.priority) && !missing(old?.priority);
  const policy = missing(next.preemptionPolicy) && !missing(old?.preemptionPolicy);
  if (!priority && !policy) return next;
  return {
    ...next,
    ...(priority ? { priority: old?.priority } : {}),
    ...(policy ? { preemptionPolicy: old?.preemptionPolicy } : {}),
  };
}
