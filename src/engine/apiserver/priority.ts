/**
 * The Priority admission plugin (plugin/pkg/admission/priority, 1.32). For pods, on create: a
 * pod without `priorityClassName` gets the `globalDefault` class (its name, value and policy) or,
 * with none, priority 0 and `preemptionPolicy: PreemptLowerPriority`; a pod naming a class gets
 * that class's value and policy, or is refused when the class does not exist. A `priority` or
 * `preemptionPolicy` written in the pod spec must equal what the plugin computes. For
 * PriorityClasses: at most one `globalDefault`. Also the PriorityClass validation and the API
 * server's refusal to delete the two system classes it creates at start-up.
 */
import type { KubeObject } from '../api/types.ts';
import type { FieldError } from './errors.ts';

/** The API server's built-in classes (`scheduling.SystemPriorityClasses`). */
export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-node-critical': 2_000_001_000,
  'system-cluster-critical': 2_000_000_000,
};

/** `scheduling.DefaultPriorityWhenNoDefaultClassExists`. */
export const DEFAULT_PRIORITY = 0;

const PREEMPT_LOWER_PRIORITY = 'PreemptLowerPriority';

/** `scheduling.HighestUserDefinablePriority`. */
const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;

/** The descriptions kube-apiserver gives its two classes (`SystemPriorityClasses`). */
export const SYSTEM_PRIORITY_CLASS_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'system-node-critical':
    'Used for system critical pods that must not be moved from their current node.',
  'system-cluster-critical':
    'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
};

type Spec = Record<string, unknown>;

/** The PriorityClasses the API server holds, as admission reads them. */
export type PriorityClassList = readonly KubeObject[];

function classValue(pc: KubeObject): number {
  return typeof pc.value === 'number' ? pc.value : 0;
}

function classPolicy(pc: KubeObject): string {
  return typeof pc.preemptionPolicy === 'string' ? pc.preemptionPolicy : PREEMPT_LOWER_PRIORITY;
}

/**
 * `admitPod` for a create: fills in `priority` and `preemptionPolicy` of `spec` (mutated), and
 * the default class's name when the pod names none, or returns why the pod is forbidden (the
 * text after `pods "<name>" is forbidden: `). Without `classes` (the seeded pods, before the API
 * server holds any) the two system classes are the only ones.
 */
export function admitPodPriority(spec: Spec, classes?: PriorityClassList): string | undefined {
  const className = typeof spec.priorityClassName === 'string' ? spec.priorityClassName : '';
  let priority = DEFAULT_PRIORITY;
  let preemption = PREEMPT_LOWER_PRIORITY;
  if (className !== '') {
    if (classes) {
      const pc = classes.find((c) => c.metadata?.name === className);
      if (!pc) return `no PriorityClass with name ${className} was found`;
      priority = classValue(pc);
      preemption = classPolicy(pc);
    } else {
      const value = Object.hasOwn(SYSTEM_PRIORITY_CLASSES, className)
        ? SYSTEM_PRIORITY_CLASSES[className]
        : undefined;
      if (value === undefined) return `no PriorityClass with name ${className} was found`;
      priority = value;
    }
  } else {
    // getDefaultPriority: the globalDefault class with the lowest value, if any.
    const defaults = (classes ?? []).filter((c) => c.globalDefault === true);
    const chosen = defaults.sort((a, b) => classValue(a) - classValue(b))[0];
    if (chosen) {
      priority = classValue(chosen);
      preemption = classPolicy(chosen);
      spec.priorityClassName = chosen.metadata?.name ?? '';
    }
  }
  const given = spec.priority;
  if (given !== undefined && given !== null && given !== priority) {
    return `the integer value of priority (${String(given)}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`;
  }
  spec.priority = priority;
  const policy = spec.preemptionPolicy;
  if (policy !== undefined && policy !== null && policy !== preemption) {
    return `the string value of PreemptionPolicy (${String(policy)}) must not be provided in pod spec; priority admission controller computed ${preemption} from the given PriorityClass name`;
  }
  spec.preemptionPolicy = preemption;
  return undefined;
}

/**
 * The plugin's `validatePriorityClass` on a create or update: another class is already the
 * global default. Returns the text after `priorityclasses.scheduling.k8s.io "<name>" is
 * forbidden: `.
 */
export function admitPriorityClass(pc: KubeObject, classes: PriorityClassList): string | undefined {
  if (pc.globalDefault !== true) return undefined;
  const other = classes.find(
    (c) => c.globalDefault === true && c.metadata?.name !== pc.metadata?.name,
  );
  return other
    ? `PriorityClass ${other.metadata?.name ?? ''} is already marked as default. Only one default can exist`
    : undefined;
}

/**
 * `ValidatePriorityClass`: a name starting `system-` is reserved for the two system classes
 * (with their exact values, not global default); other classes are capped at 1000000000.
 */
export function validatePriorityClass(pc: KubeObject): FieldError[] {
  const errs = validateClassMeta(pc);
  const policy = pc.preemptionPolicy;
  if (
    policy !== undefined &&
    policy !== null &&
    policy !== 'Never' &&
    policy !== 'PreemptLowerPriority'
  ) {
    // ValidatePreemptionPolicy, after the name and value checks.
    errs.push({
      field: 'preemptionPolicy',
      type: 'Unsupported value',
      value: policy,
      detail: 'supported values: "Never", "PreemptLowerPriority"',
    });
  }
  return errs;
}

/** ValidatePriorityClass's checks of the name (the `system-` prefix) and the value. */
function validateClassMeta(pc: KubeObject): FieldError[] {
  const name = pc.metadata?.name ?? '';
  const value = classValue(pc);
  if (name.startsWith('system-')) {
    const known = Object.hasOwn(SYSTEM_PRIORITY_CLASSES, name)
      ? SYSTEM_PRIORITY_CLASSES[name]
      : undefined;
    let why: string | undefined;
    if (known === undefined) why = `${name} is not a known system priority class`;
    else if (known !== value) why = `value of ${name} PriorityClass must be ${known}`;
    else if (pc.globalDefault === true)
      why = `globalDefault of ${name} PriorityClass must be false`;
    if (why) {
      return [
        {
          field: 'metadata.name',
          type: 'Forbidden',
          detail: `priority class names with 'system-' prefix are reserved for system use only. error: ${why}`,
        },
      ];
    }
  } else if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    return [
      {
        field: 'value',
        type: 'Forbidden',
        detail: `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`,
      },
    ];
  }
  return [];
}

/** `ValidatePriorityClassUpdate`: value and preemptionPolicy cannot change. */
export function validatePriorityClassUpdate(next: KubeObject, old: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  if (classValue(next) !== classValue(old))
    errs.push({ field: 'value', type: 'Forbidden', detail: 'may not be changed in an update.' });
  if (classPolicy(next) !== classPolicy(old))
    errs.push({
      field: 'preemptionPolicy',
      type: 'Invalid value',
      value: classPolicy(next),
      detail: 'field is immutable',
    });
  return errs;
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
