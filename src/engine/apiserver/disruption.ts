/**
 * PodDisruptionBudgets (policy/v1) on the API server's side: validation
 * (pkg/apis/policy/validation ValidatePodDisruptionBudget), the strategy's fresh status, and
 * the eviction subresource's decision (pkg/registry/core/pod/storage/eviction.go, 1.32): which
 * budget covers a pod, whether evicting it is allowed, and the budget's status after the
 * eviction is counted (disruptionsAllowed one less, the pod in disruptedPods).
 */
import type { KubeObject, Status } from '../api/types.ts';
import { goIntOrString, positiveIntOrPercent } from './deploymentValidation.ts';
import type { FieldError } from './errors.ts';
import { forbidden, tooManyRequests } from './errors.ts';
import { validateLabelSelector } from './podSpecValidation.ts';
import { RESOURCES } from './resources.ts';

type Obj = Record<string, unknown>;

/** `policy.DisruptionAllowedCondition` and its reasons. */
export const DISRUPTION_ALLOWED = 'DisruptionAllowed';
export const SUFFICIENT_PODS = 'SufficientPods';
export const INSUFFICIENT_PODS = 'InsufficientPods';
export const SYNC_FAILED = 'SyncFailed';

/** `MaxDisruptedPodSize`: evictions the controller has not confirmed yet, at most. */
const MAX_DISRUPTED_POD_SIZE = 2000;

/** The eviction's refusal when a budget allows no disruption (both 429s share it). */
export const EVICTION_REFUSED = "Cannot evict pod as it would violate the pod's disruption budget.";

/** The answer when more than one budget selects the pod (a 500 Status, not an error). */
export const MULTIPLE_PDBS =
  'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.';

/**
 * The status the strategy's PrepareForCreate leaves on a new budget: the empty status, whose
 * four counters have no omitempty and so show as 0.
 */
export function initialPdbStatus(): Obj {
  return { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
}

const PERCENT = /^[0-9]+%$/;

/** IsNotMoreThan100Percent. */
function notMoreThan100Percent(v: unknown, field: string): FieldError[] {
  if (typeof v !== 'string' || !PERCENT.test(v) || Number(v.slice(0, -1)) <= 100) return [];
  return [
    {
      field,
      type: 'Invalid value',
      valueText: goIntOrString(v),
      detail: 'must not be greater than 100%',
    },
  ];
}

/** `%#v` of the internal spec in the "cannot be both set" error (pointers as Go prints them). */
function goPdbSpec(spec: Obj): string {
  const ptr = (v: unknown, type: string, addr: string) =>
    v === undefined || v === null ? `(*${type})(nil)` : `(*${type})(${addr})`;
  return `policy.PodDisruptionBudgetSpec{MinAvailable:${ptr(spec.minAvailable, 'intstr.IntOrString', '0xc000b4e020')}, Selector:${ptr(spec.selector, 'v1.LabelSelector', '0xc000d61a40')}, MaxUnavailable:${ptr(spec.maxUnavailable, 'intstr.IntOrString', '0xc000b4e040')}, UnhealthyPodEvictionPolicy:${ptr(spec.unhealthyPodEvictionPolicy, 'policy.UnhealthyPodEvictionPolicyType', '0xc000a3c5d0')}}`;
}

/** ValidatePodDisruptionBudgetSpec, with the real messages. */
export function validatePodDisruptionBudget(obj: KubeObject): FieldError[] {
  const spec = (obj.spec ?? {}) as Obj;
  const errs: FieldError[] = [];
  const has = (v: unknown) => v !== undefined && v !== null;
  if (has(spec.minAvailable) && has(spec.maxUnavailable))
    errs.push({
      field: 'spec',
      type: 'Invalid value',
      valueText: goPdbSpec(spec),
      detail: 'minAvailable and maxUnavailable cannot be both set',
    });
  for (const f of ['minAvailable', 'maxUnavailable'] as const) {
    if (!has(spec[f])) continue;
    errs.push(...positiveIntOrPercent(spec[f], `spec.${f}`));
    errs.push(...notMoreThan100Percent(spec[f], `spec.${f}`));
  }
  errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (has(policy) && policy !== 'IfHealthyBudget' && policy !== 'AlwaysAllow')
    errs.push({
      field: 'spec.unhealthyPodEvictionPolicy',
      type: 'Unsupported value',
      value: policy,
      detail: 'supported values: "AlwaysAllow", "IfHealthyBudget"',
    });
  return errs;
}

interface Selector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/**
 * Whether a policy/v1 budget's selector selects these labels: a missing selector selects
 * nothing, an empty one everything (unlike policy/v1beta1).
 */
export function pdbSelects(pdb: KubeObject, labels: Record<string, string> | undefined): boolean {
  const sel = (pdb.spec as { selector?: Selector } | undefined)?.selector;
  if (!sel) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const req of sel.matchExpressions ?? []) {
    const has = Object.hasOwn(l, req.key);
    const values = req.values ?? [];
    if (req.operator === 'In' && !(has && values.includes(l[req.key] ?? ''))) return false;
    if (req.operator === 'NotIn' && has && values.includes(l[req.key] ?? '')) return false;
    if (req.operator === 'Exists' && !has) return false;
    if (req.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

interface PdbStatus {
  disruptionsAllowed?: number;
  currentHealthy?: number;
  desiredHealthy?: number;
  expectedPods?: number;
  observedGeneration?: number;
  disruptedPods?: Record<string, string>;
  conditions?: Obj[];
}

function isReady(pod: KubeObject): boolean {
  const conditions = (pod.status as { conditions?: Obj[] } | undefined)?.conditions ?? [];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** `canIgnorePDB`: a finished, pending or terminating pod is evicted without a budget check. */
export function canIgnorePdb(pod: KubeObject): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return (
    phase === 'Succeeded' ||
    phase === 'Failed' ||
    phase === 'Pending' ||
    pod.metadata?.deletionTimestamp != null
  );
}

/**
 * `pdbhelper.UpdateDisruptionAllowedCondition` (apimeta.SetStatusCondition): the
 * DisruptionAllowed condition as disruptionsAllowed says, its transition time kept unless the
 * status changes.
 */
export function withDisruptionAllowedCondition(status: PdbStatus, now: string): Obj[] {
  const allowed = (status.disruptionsAllowed ?? 0) > 0;
  const next: Obj = {
    type: DISRUPTION_ALLOWED,
    status: allowed ? 'True' : 'False',
    reason: allowed ? SUFFICIENT_PODS : INSUFFICIENT_PODS,
    message: '',
    observedGeneration: status.observedGeneration,
  };
  return setStatusCondition(status.conditions ?? [], next, now);
}

/** `apimeta.SetStatusCondition`: replace or add by type; lastTransitionTime moves on change. */
export function setStatusCondition(conditions: readonly Obj[], next: Obj, now: string): Obj[] {
  const old = conditions.find((c) => c.type === next.type);
  const transition =
    old && old.status === next.status && old.lastTransitionTime ? old.lastTransitionTime : now;
  const cond: Obj = {
    lastTransitionTime: transition,
    message: next.message ?? '',
    ...(next.observedGeneration !== undefined
      ? { observedGeneration: next.observedGeneration }
      : {}),
    reason: next.reason,
    status: next.status,
    type: next.type,
  };
  return old ? conditions.map((c) => (c === old ? cond : c)) : [...conditions, cond];
}

/** What the eviction subresource decides for a pod its one budget covers. */
export type EvictionVerdict =
  | { ok: false; status: Status }
  /** Allowed; `status` is the budget's new status to store (none for a dry run or a skip). */
  | { ok: true; status?: Obj };

/**
 * The budget part of EvictionREST.Create for a pod that `pdb` alone selects: an unready pod
 * passes when the policy is AlwaysAllow or the budget is healthy; else checkAndDecrement.
 */
export function evictionVerdict(
  pod: KubeObject,
  pdb: KubeObject,
  dryRun: boolean,
  now: string,
): EvictionVerdict {
  const spec = (pdb.spec ?? {}) as { unhealthyPodEvictionPolicy?: string };
  const status = (pdb.status ?? {}) as PdbStatus;
  const pdbName = pdb.metadata?.name ?? '';
  if (!isReady(pod)) {
    if (spec.unhealthyPodEvictionPolicy === 'AlwaysAllow') return { ok: true };
    const desired = status.desiredHealthy ?? 0;
    if ((status.currentHealthy ?? 0) >= desired && desired > 0) return { ok: true };
  }
  if ((status.observedGeneration ?? 0) < (pdb.metadata?.generation ?? 0)) {
    return {
      ok: false,
      status: tooManyRequests(EVICTION_REFUSED, 10, {
        type: 'DisruptionBudget',
        message: `The disruption budget ${pdbName} is still being processed by the server.`,
      }),
    };
  }
  // `policy.Resource("poddisruptionbudget")`: the singular names the refusals' resource.
  const pdbDef = {
    ...RESOURCES.poddisruptionbudgets,
    resource: 'poddisruptionbudget',
  } as unknown as typeof RESOURCES.poddisruptionbudgets;
  const allowed = status.disruptionsAllowed ?? 0;
  if (allowed < 0)
    return {
      ok: false,
      status: forbidden(pdbDef, pdbName, 'pdb disruptions allowed is negative'),
    };
  if (Object.keys(status.disruptedPods ?? {}).length > MAX_DISRUPTED_POD_SIZE)
    return {
      ok: false,
      status: forbidden(
        pdbDef,
        pdbName,
        'DisruptedPods map too big - too many evictions not confirmed by PDB controller',
      ),
    };
  if (allowed === 0)
    return {
      ok: false,
      status: tooManyRequests(EVICTION_REFUSED, 0, {
        type: 'DisruptionBudget',
        message: `The disruption budget ${pdbName} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently`,
      }),
    };
  if (dryRun) return { ok: true };
  const next: PdbStatus = { ...status, disruptionsAllowed: allowed - 1 };
  if (next.disruptionsAllowed === 0) next.conditions = withDisruptionAllowedCondition(next, now);
  next.disruptedPods = { ...(status.disruptedPods ?? {}), [pod.metadata?.name ?? '']: now };
  return { ok: true, status: next as Obj };
}
