/**
 * The horizontal pod autoscaler controller (`horizontal-pod-autoscaler`,
 * pkg/controller/podautoscaler, 1.32) on a kubeadm cluster without metrics-server.
 *
 * Every autoscaler is processed once per sync period (15 s, the work queue's fixed per-item
 * interval: the first pass comes 15 s after the autoscaler appears, and a change to it does not
 * bring its pass forward). `reconcileAutoscaler`, in its order:
 * - read the target's scale (FailedGetScale with the scale client's error when the kind is
 *   unknown, has no scale subresource or the object is missing; else AbleToScale True);
 * - a target at zero replicas is not autoscaled (ScalingActive False ScalingDisabled);
 * - a target above maxReplicas or below minReplicas is scaled to the bound (SuccessfulRescale
 *   "New size: N; reason: Current number of replicas below Spec.MinReplicas");
 * - else the metrics: the resource metrics API (metrics.k8s.io) is not served, so each
 *   Resource metric fails (FailedGetResourceMetric, ScalingActive False), the status keeps one
 *   empty entry per metric, and FailedComputeMetricsReplicas reports the aggregate.
 *
 * The missing-request error ("missing request for cpu in container …") comes after the metrics
 * are fetched (ReplicaCalculator.GetResourceReplicas), so without a metrics API it never shows.
 *
 * Simplified: the scale is read from the informer cache (the real controller GETs the scale
 * subresource each pass), the AmbiguousSelector check (two autoscalers over the same pods) is not
 * made, and a refused scale update is not reported as FailedRescale.
 */
import type { KubeObject, ResourceName } from '../api/types.ts';
import { qualifiedResource, RESOURCES } from '../apiserver/resources.ts';
import type { Cache, ReconcileContext, Reconciler, Write } from '../runtime/controller.ts';
import {
  eventRef,
  keyName,
  keyNamespace,
  type LabelSelector,
  nameOf,
  namespaceOf,
  selectorMatches,
  specOf,
  statusOf,
} from './objects.ts';

export const COMPONENT_HPA = 'horizontal-pod-autoscaler';
/** `--horizontal-pod-autoscaler-sync-period` (kube-controller-manager's default). */
export const HPA_SYNC_PERIOD_MS = 15_000;

/** Kinds whose scale subresource the API server serves (of those this simulator stores). */
const SCALABLE: ReadonlySet<ResourceName> = new Set(['deployments', 'replicasets', 'statefulsets']);

/** What a GET of pods.metrics.k8s.io answers when no metrics-server is installed. */
/** The custom metrics client's error when no adapter serves custom.metrics.k8s.io. */
const NO_CUSTOM_METRICS =
  'unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered';
const NO_RESOURCE_METRICS =
  'unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';

interface MetricSpec {
  type?: string;
  resource?: { name?: string; target?: { averageValue?: unknown } };
  containerResource?: { name?: string; container?: string; target?: { averageValue?: unknown } };
  pods?: { metric?: { name?: string } };
  object?: {
    metric?: { name?: string };
    describedObject?: { kind?: string; name?: string };
    target?: { type?: string };
  };
  external?: {
    metric?: { name?: string; selector?: LabelSelector };
    target?: { averageValue?: unknown };
  };
}

interface HpaSpec {
  scaleTargetRef?: { apiVersion?: string; kind?: string; name?: string };
  minReplicas?: number;
  maxReplicas?: number;
  metrics?: MetricSpec[];
}

interface Condition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason: string;
  message: string;
}

interface HpaStatus {
  currentReplicas?: number;
  desiredReplicas?: number;
  currentMetrics?: unknown[];
  lastScaleTime?: string;
  conditions?: Condition[];
}

export function createHorizontalPodAutoscalerController(): Reconciler {
  /** Key → when its queued pass is due (the rate-limited queue's pending item). */
  const due = new Map<string, number>();
  /** Key → its target's selector, once a pass has read it (the controller's hpaSelectors). */
  const selectors = new Map<string, LabelSelector>();
  return {
    actor: 'controller-manager',
    name: COMPONENT_HPA,
    // Only autoscalers: targets are read from the controller manager's cache, which the
    // workload controllers fill, so a plain Deployment costs this controller nothing.
    watches: ['horizontalpodautoscalers'],
    observe(e) {
      if (e.type !== 'DELETED') return;
      const key = `${namespaceOf(e.object)}/${nameOf(e.object)}`;
      due.delete(key);
      selectors.delete(key);
    },
    keysFor(_resource, obj) {
      return [`${namespaceOf(obj)}/${nameOf(obj)}`];
    },
    reconcile(key, cache, ctx) {
      const hpa = cache.get('horizontalpodautoscalers', keyNamespace(key), keyName(key));
      if (!hpa) {
        due.delete(key);
        selectors.delete(key);
        return { writes: [] };
      }
      const at = due.get(key);
      if (at === undefined || ctx.now < at) {
        // enqueueHPA: AddRateLimited, the item waits one sync period; a pending one stays.
        const when = at ?? ctx.now + HPA_SYNC_PERIOD_MS;
        due.set(key, when);
        ctx.requeueAfter(key, when - ctx.now);
        return { writes: [] };
      }
      due.set(key, ctx.now + HPA_SYNC_PERIOD_MS);
      ctx.requeueAfter(key, HPA_SYNC_PERIOD_MS);
      return { writes: reconcileAutoscaler(key, hpa, cache, ctx, selectors) };
    },
  };
}

/** The target's scale: its replicas and selector, or the scale client's error. */
function getScale(
  ns: string,
  ref: HpaSpec['scaleTargetRef'],
  cache: Cache,
):
  | { ok: true; resource: ResourceName; replicas: number; selector: LabelSelector }
  | { ok: false; error: string } {
  const apiVersion = ref?.apiVersion ?? '';
  const parts = apiVersion.split('/');
  // schema.ParseGroupVersion: at most one slash.
  if (parts.length > 2)
    return { ok: false, error: `unexpected GroupVersion string: ${apiVersion}` };
  const group = parts.length === 2 ? (parts[0] ?? '') : '';
  const kind = ref?.kind ?? '';
  const def = Object.values(RESOURCES).find((r) => r.group === group && r.kind === kind);
  if (!def) return { ok: false, error: `no matches for kind "${kind}" in group "${group}"` };
  if (!SCALABLE.has(def.resource)) {
    return { ok: false, error: 'the server could not find the requested resource' };
  }
  const name = ref?.name ?? '';
  const obj = cache.get(def.resource, ns, name);
  if (!obj) return { ok: false, error: `${qualifiedResource(def)} "${name}" not found` };
  const spec = specOf<{ replicas?: number; selector?: LabelSelector }>(obj);
  return {
    ok: true,
    resource: def.resource,
    replicas: spec.replicas ?? 1,
    selector: spec.selector ?? {},
  };
}

/** The scale's `status.selector`: `metav1.LabelSelectorAsSelector(…).String()`, sorted by key. */
function selectorText(sel: LabelSelector): string {
  const reqs: [string, string][] = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => [
    k,
    `${k}=${v}`,
  ]);
  for (const e of sel.matchExpressions ?? []) {
    const values = `(${[...(e.values ?? [])].sort().join(',')})`;
    const text =
      e.operator === 'In'
        ? `${e.key} in ${values}`
        : e.operator === 'NotIn'
          ? `${e.key} notin ${values}`
          : e.operator === 'Exists'
            ? e.key
            : `!${e.key}`;
    reqs.push([e.key, text]);
  }
  reqs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return reqs.map(([, t]) => t).join(',');
}

/**
 * A failed metric: the warning its compute function records (`getUnableComputeReplicaCountCondition`:
 * the same text in the ScalingActive condition), and the error computeReplicasForMetric returns.
 * Without metrics-server the resource metrics API is missing; without an adapter, so are the
 * custom and external metrics APIs.
 */
function metricFailure(
  m: MetricSpec,
  ns: string,
): { reason: string; event: string; error: string } {
  const type = m.type ?? '';
  if (type === 'Resource' || type === 'ContainerResource') {
    const src = type === 'Resource' ? m.resource : m.containerResource;
    const res = src?.name ?? '';
    // computeStatusForResourceMetricGeneric over ReplicaCalculator.Get(Raw)ResourceReplicas.
    const what = src?.target?.averageValue != null ? 'usage' : 'utilization';
    const event = `failed to get ${res} ${what}: unable to get metrics for resource ${res}: ${NO_RESOURCE_METRICS}`;
    return type === 'Resource'
      ? {
          reason: 'FailedGetResourceMetric',
          event,
          error: `failed to get ${res} resource metric value: ${event}`,
        }
      : {
          reason: 'FailedGetContainerResourceMetric',
          event,
          error: `failed to get ${m.containerResource?.container ?? ''} container metric value: ${event}`,
        };
  }
  if (type === 'External') {
    const name = m.external?.metric?.name ?? '';
    const avg = m.external?.target?.averageValue != null;
    const event = `unable to get external metric ${ns}/${name}/${goLabelSelector(m.external?.metric?.selector)}: unable to fetch metrics from external metrics API: the server could not find the requested resource (get ${name}.external.metrics.k8s.io)`;
    const inner = avg
      ? `failed to get ${name} external metric: ${event}`
      : `failed to get external metric ${name}: ${event}`;
    return {
      reason: 'FailedGetExternalMetric',
      event,
      error: `failed to get ${name} external metric value: ${inner}`,
    };
  }
  if (type === 'Object') {
    const o = m.object;
    const name = o?.metric?.name ?? '';
    const ref = o?.describedObject;
    // GetObjectMetricReplicas' format puts its arguments out of order:
    // "unable to get metric %s: %v on %s %s/%s" with the name, kind, namespace, object and error.
    const event = `unable to get metric ${name}: ${ref?.kind ?? ''} on ${ns} ${ref?.name ?? ''}/${NO_CUSTOM_METRICS}`;
    const inner =
      o?.target?.type === 'AverageValue' ? `failed to get ${name} object metric: ${event}` : event;
    return {
      reason: 'FailedGetObjectMetric',
      event,
      error: `failed to get object metric value: ${inner}`,
    };
  }
  const name = m.pods?.metric?.name ?? '';
  const event = `unable to get metric ${name}: ${NO_CUSTOM_METRICS}`;
  return {
    reason: 'FailedGetPodsMetric',
    event,
    error: `failed to get pods metric value: ${event}`,
  };
}

/**
 * A `*metav1.LabelSelector` as `%+v` prints it: `<nil>`, or its generated String().
 */
function goLabelSelector(sel: LabelSelector | undefined): string {
  if (!sel) return '<nil>';
  const labels = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${sel.matchLabels?.[k] ?? ''},`)
    .join('');
  const exprs = (sel.matchExpressions ?? [])
    .map(
      (e) =>
        `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`,
    )
    .join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

/**
 * validateAndParseSelector: a scale without a selector, or pods that another autoscaler's target
 * selects too (`hpasControllingPodsUnderSelector`, over the autoscalers passed so far, whose
 * selectors `selectors` keeps). Records this autoscaler's selector.
 */
function validateSelector(
  key: string,
  ns: string,
  selector: LabelSelector,
  cache: Cache,
  selectors: Map<string, LabelSelector>,
): { reason: string; message: string; condition: string; conditionMessage: string } | undefined {
  const text = selectorText(selector);
  if (text === '') {
    return {
      reason: 'SelectorRequired',
      message: 'selector is required',
      condition: 'InvalidSelector',
      conditionMessage: "the HPA target's scale is missing a selector",
    };
  }
  selectors.set(key, selector);
  const pods = cache.list('pods', ns).filter((p) => selectorMatches(selector, p.metadata?.labels));
  const selecting = [...selectors]
    .filter(
      ([k, s]) =>
        keyNamespace(k) === ns && pods.some((p) => selectorMatches(s, p.metadata?.labels)),
    )
    .map(([k]) => k)
    // Go ranges over a map here: the order varies from run to run; sorted in the simulator.
    .sort();
  if (selecting.length <= 1) return undefined;
  const message = `pods by selector ${text} are controlled by multiple HPAs: [${selecting.join(' ')}]`;
  return {
    reason: 'AmbiguousSelector',
    message,
    condition: 'AmbiguousSelector',
    conditionMessage: message,
  };
}

/** reconcileAutoscaler: the writes of one pass (events go through `ctx`). */
function reconcileAutoscaler(
  key: string,
  hpa: KubeObject,
  cache: Cache,
  ctx: ReconcileContext,
  selectors: Map<string, LabelSelector>,
): Write[] {
  const ns = namespaceOf(hpa);
  const spec = specOf<HpaSpec>(hpa);
  const original = statusOf<HpaStatus>(hpa);
  let conditions: Condition[] = (original.conditions ?? []).map((c) => ({ ...c }));
  const setCondition = (type: string, status: string, reason: string, message: string) => {
    const i = conditions.findIndex((c) => c.type === type);
    const old = i >= 0 ? conditions[i] : undefined;
    const next: Condition = {
      type,
      status,
      lastTransitionTime:
        old && old.status === status && old.lastTransitionTime
          ? old.lastTransitionTime
          : ctx.timestamp(),
      reason,
      message,
    };
    conditions = i >= 0 ? conditions.map((c, j) => (j === i ? next : c)) : [...conditions, next];
  };
  const ref = eventRef('horizontalpodautoscalers', hpa);
  const event = (type: 'Normal' | 'Warning', reason: string, message: string) =>
    ctx.recordEvent({ ref, type, reason, message, component: COMPONENT_HPA });
  const writes: Write[] = [];
  const writeStatus = (status: HpaStatus) => {
    const next = compactStatus({ ...status, conditions });
    if (JSON.stringify(next) === JSON.stringify(compactStatus(original))) return;
    writes.push({
      verb: 'updateStatus',
      resource: 'horizontalpodautoscalers',
      namespace: ns,
      obj: { ...hpa, metadata: { ...hpa.metadata }, status: next },
    });
  };

  const scale = getScale(ns, spec.scaleTargetRef, cache);
  if (!scale.ok) {
    event('Warning', 'FailedGetScale', scale.error);
    setCondition(
      'AbleToScale',
      'False',
      'FailedGetScale',
      `the HPA controller was unable to get the target's current scale: ${scale.error}`,
    );
    writeStatus(original);
    return writes;
  }
  setCondition(
    'AbleToScale',
    'True',
    'SucceededGetScale',
    "the HPA controller was able to get the target's current scale",
  );
  const current = scale.replicas;
  const min = spec.minReplicas ?? 1;
  const max = spec.maxReplicas ?? 0;
  let desired = 0;
  let reason = '';
  let rescale = true;
  if (current === 0 && min !== 0) {
    desired = 0;
    rescale = false;
    setCondition(
      'ScalingActive',
      'False',
      'ScalingDisabled',
      'scaling is disabled since the replica count of the target is zero',
    );
  } else if (current > max) {
    reason = 'Current number of replicas above Spec.MaxReplicas';
    desired = max;
  } else if (current < min) {
    reason = 'Current number of replicas below Spec.MinReplicas';
    desired = min;
  } else {
    // computeReplicasForMetrics: the selector first (validateAndParseSelector), then every
    // metric (each one fails here).
    const selectorError = validateSelector(key, ns, scale.selector, cache, selectors);
    if (selectorError) {
      event('Warning', selectorError.reason, selectorError.message);
      setCondition(
        'ScalingActive',
        'False',
        selectorError.condition,
        selectorError.conditionMessage,
      );
      // setCurrentReplicasAndMetricsInStatus with no metric statuses.
      writeStatus({ ...original, currentReplicas: current, currentMetrics: undefined });
      event('Warning', 'FailedComputeMetricsReplicas', selectorError.message);
      return writes;
    }
    const metrics = spec.metrics ?? [];
    let first: { reason: string; event: string; error: string } | undefined;
    for (const m of metrics) {
      const f = metricFailure(m, ns);
      event('Warning', f.reason, f.event);
      first ??= f;
    }
    if (first) {
      setCondition(
        'ScalingActive',
        'False',
        first.reason,
        `the HPA was unable to compute the replica count: ${first.event}`,
      );
    }
    // setCurrentReplicasAndMetricsInStatus: one zero MetricStatus per metric spec.
    writeStatus({
      ...original,
      currentReplicas: current,
      currentMetrics: metrics.map(() => ({ type: '' })),
    });
    event(
      'Warning',
      'FailedComputeMetricsReplicas',
      `invalid metrics (${metrics.length} invalid out of ${metrics.length}), first error is: ${first?.error ?? ''}`,
    );
    return writes;
  }

  if (rescale) {
    writes.push({
      verb: 'patch',
      resource: scale.resource,
      namespace: ns,
      name: spec.scaleTargetRef?.name ?? '',
      patch: { spec: { replicas: desired } },
      subresource: 'scale',
    });
    setCondition(
      'AbleToScale',
      'True',
      'SucceededRescale',
      `the HPA controller was able to update the target scale to ${desired}`,
    );
    event('Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`);
  } else desired = current;
  // setStatus: no metrics were read on this path.
  writeStatus({
    currentReplicas: current,
    desiredReplicas: desired,
    ...(rescale
      ? { lastScaleTime: ctx.timestamp() }
      : original.lastScaleTime
        ? { lastScaleTime: original.lastScaleTime }
        : {}),
  });
  return writes;
}

/** The status as autoscaling/v2 encodes it: omitempty fields dropped, desiredReplicas always. */
function compactStatus(s: HpaStatus): HpaStatus {
  return {
    ...(s.conditions?.length ? { conditions: s.conditions } : {}),
    ...(s.currentMetrics?.length ? { currentMetrics: s.currentMetrics } : {}),
    ...(s.currentReplicas ? { currentReplicas: s.currentReplicas } : {}),
    desiredReplicas: s.desiredReplicas ?? 0,
    ...(s.lastScaleTime ? { lastScaleTime: s.lastScaleTime } : {}),
  };
}
