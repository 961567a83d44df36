/**
 * HorizontalPodAutoscalers on the API server (autoscaling/v2, 1.32): the v1 → v2 conversion of an
 * autoscaling/v1 request (`targetCPUUtilizationPercentage`), SetDefaults_HorizontalPodAutoscaler
 * (minReplicas 1, a CPU metric at 80 % when none is given, the behavior's defaults when a
 * behavior is given) and ValidateHorizontalPodAutoscaler's spec checks, in its order.
 *
 * Not simulated: the response is always the v2 object (a v1 request gets v2 back), and the
 * v2-only fields a v1 client would see as `autoscaling.alpha.kubernetes.io/*` annotations.
 */
import type { KubeObject } from '../api/types.ts';
import type { FieldError } from './errors.ts';
import { canonicalQuantity, compareQuantities } from './quantity.ts';

type Obj = Record<string, unknown>;

/** `autoscaling.DefaultCPUUtilization`: the target of an HPA that names no metric. */
export const DEFAULT_CPU_UTILIZATION = 80;
/** `MaxPeriodSeconds` of a scaling policy. */
const MAX_PERIOD_SECONDS = 1800;
/** `MaxStabilizationWindowSeconds`. */
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * An autoscaling/v1 HorizontalPodAutoscaler as the server converts it to v2
 * (Convert_v1_HorizontalPodAutoscalerSpec_To_autoscaling_HorizontalPodAutoscalerSpec):
 * `targetCPUUtilizationPercentage` becomes a Resource metric on cpu with a Utilization target.
 * Other spec fields stay where they are, so the decoder still names unknown ones.
 */
export function hpaFromV1(body: KubeObject): KubeObject {
  if (!isObj(body.spec)) return { ...body, apiVersion: 'autoscaling/v2' };
  const { targetCPUUtilizationPercentage: pct, ...spec } = body.spec;
  if (pct !== undefined && pct !== null) {
    spec.metrics = [
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: pct } },
      },
    ];
  }
  return { ...body, apiVersion: 'autoscaling/v2', spec };
}

/** SetDefaults_HorizontalPodAutoscaler (autoscaling/v2). Mutates `o`. */
export function defaultHpa(o: KubeObject): void {
  if (!isObj(o.spec)) return;
  const spec = o.spec;
  if (spec.minReplicas === undefined || spec.minReplicas === null) spec.minReplicas = 1;
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec.metrics = [
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION },
        },
      },
    ];
  }
  // SetDefaults_HorizontalPodAutoscalerBehavior: only a behavior that is there is filled in.
  if (isObj(spec.behavior)) {
    const b = spec.behavior;
    b.scaleUp = scalingRules(b.scaleUp, {
      stabilizationWindowSeconds: 0,
      selectPolicy: 'Max',
      policies: [
        { type: 'Pods', value: 4, periodSeconds: 15 },
        { type: 'Percent', value: 100, periodSeconds: 15 },
      ],
    });
    b.scaleDown = scalingRules(b.scaleDown, {
      selectPolicy: 'Max',
      policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
    });
  }
}

/** copyHPAScalingRules: the given fields over the defaults. */
function scalingRules(given: unknown, defaults: Obj): Obj {
  if (!isObj(given)) return defaults;
  const out: Obj = { ...defaults };
  for (const k of ['selectPolicy', 'stabilizationWindowSeconds', 'policies']) {
    if (given[k] !== undefined && given[k] !== null) out[k] = given[k];
  }
  // Fields the rules do not copy (unknown to 1.32) are dropped, as the typed struct drops them.
  return out;
}

/** `IsValidPathSegmentName`'s messages. */
function pathSegmentErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const out: string[] = [];
  for (const bad of ['/', '%']) {
    if (name.includes(bad)) out.push(`may not contain '${bad}'`);
  }
  return out;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** ValidateHorizontalPodAutoscaler's spec part (ValidateHorizontalPodAutoscalerSpec). */
export function validateHpa(o: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = isObj(o.spec) ? o.spec : {};
  const min = num(spec.minReplicas);
  const max = num(spec.maxReplicas) ?? 0;
  // MinReplicasLowerBound is 1 (the HPAScaleToZero gate is off in 1.32).
  if (min !== undefined && min < 1) {
    errs.push({
      field: 'spec.minReplicas',
      type: 'Invalid value',
      value: min,
      detail: 'must be greater than or equal to 1',
    });
  }
  if (max < 1) {
    errs.push({
      field: 'spec.maxReplicas',
      type: 'Invalid value',
      value: max,
      detail: 'must be greater than 0',
    });
  }
  if (min !== undefined && max < min) {
    errs.push({
      field: 'spec.maxReplicas',
      type: 'Invalid value',
      value: max,
      detail: 'must be greater than or equal to `minReplicas`',
    });
  }
  const refErrs = validateTargetRef(spec.scaleTargetRef);
  if (refErrs.length > 0) errs.push(...refErrs);
  else errs.push(...validateMetrics(spec.metrics, min));
  errs.push(...validateBehavior(spec.behavior));
  return errs;
}

/** ValidateCrossVersionObjectReference. */
function validateTargetRef(ref: unknown): FieldError[] {
  const r = isObj(ref) ? ref : {};
  const errs: FieldError[] = [];
  for (const key of ['kind', 'name']) {
    const v = typeof r[key] === 'string' ? (r[key] as string) : '';
    const field = `spec.scaleTargetRef.${key}`;
    if (v === '') errs.push({ field, type: 'Required value' });
    else {
      for (const msg of pathSegmentErrors(v))
        errs.push({ field, type: 'Invalid value', value: v, detail: msg });
    }
  }
  return errs;
}

const METRIC_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const METRIC_TYPES_TEXT = METRIC_TYPES.map((t) => JSON.stringify(t)).join(', ');
/** The source field each metric type populates. */
const SOURCE_FIELD: Record<string, string> = {
  Object: 'object',
  Pods: 'pods',
  Resource: 'resource',
  External: 'external',
  ContainerResource: 'containerResource',
};

/**
 * validateMetrics: each metric spec, then scaling to zero, which needs an Object or External
 * metric (checked whatever the lower bound of minReplicas).
 */
function validateMetrics(metrics: unknown, min: number | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const list = Array.isArray(metrics) ? metrics : [];
  list.forEach((m, i) => {
    errs.push(...validateMetricSpec(isObj(m) ? m : {}, `spec.metrics[${i}]`));
  });
  const external = list.some((m) => isObj(m) && (m.type === 'Object' || m.type === 'External'));
  if (min === 0 && !external) {
    errs.push({
      field: 'spec.metrics',
      type: 'Forbidden',
      detail:
        'must specify at least one Object or External metric to support scaling to zero replicas',
    });
  }
  return errs;
}

/** validateMetricSpec: the type, the one source it names (Resource sources in full). */
function validateMetricSpec(m: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = typeof m.type === 'string' ? m.type : '';
  if (type === '') {
    errs.push({
      field: `${path}.type`,
      type: 'Required value',
      detail: 'must specify a metric source type',
    });
  }
  const unsupported = (): FieldError => ({
    field: `${path}.type`,
    type: 'Unsupported value',
    value: type,
    detail: `supported values: ${METRIC_TYPES_TEXT}`,
  });
  if (!METRIC_TYPES.includes(type)) errs.push(unsupported());
  const present = ['object', 'pods', 'resource', 'external', 'containerResource'].filter(
    (f) => m[f] !== undefined && m[f] !== null,
  );
  if (present.length === 1 && present[0] === 'resource') {
    errs.push(...validateResourceSource(isObj(m.resource) ? m.resource : {}, `${path}.resource`));
  }
  const expected = SOURCE_FIELD[type];
  if (expected === undefined) errs.push(unsupported());
  else if (m[expected] === undefined || m[expected] === null) {
    errs.push({
      field: `${path}.${expected}`,
      type: 'Required value',
      detail: 'must populate information for the given metric source',
    });
  }
  if (present.length !== 1) {
    for (const f of present) {
      if (f === expected) continue;
      errs.push({
        field: `${path}.${f}`,
        type: 'Forbidden',
        detail: 'must populate the given metric source only',
      });
    }
  }
  return errs;
}

/** validateResourceSource and validateMetricTarget. */
function validateResourceSource(src: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = typeof src.name === 'string' ? src.name : '';
  if (name === '') {
    errs.push({
      field: `${path}.name`,
      type: 'Required value',
      detail: 'must specify a resource name',
    });
  }
  const target = isObj(src.target) ? src.target : {};
  const tpath = `${path}.target`;
  const ttype = typeof target.type === 'string' ? target.type : '';
  if (ttype === '') {
    errs.push({
      field: `${tpath}.type`,
      type: 'Required value',
      detail: 'must specify a metric target type',
    });
  }
  if (ttype !== 'Utilization' && ttype !== 'Value' && ttype !== 'AverageValue') {
    errs.push({
      field: `${tpath}.type`,
      type: 'Invalid value',
      value: ttype,
      detail: 'must be either Utilization, Value, or AverageValue',
    });
  }
  for (const k of ['value', 'averageValue']) {
    const q = target[k];
    if (q !== undefined && q !== null && compareQuantities(q, '0') <= 0) {
      errs.push({
        field: `${tpath}.${k}`,
        type: 'Invalid value',
        value: q,
        // A Quantity is a Stringer: printed bare, in its canonical form.
        valueText: canonicalQuantity(q) ?? String(q),
        detail: 'must be positive',
      });
    }
  }
  const util = num(target.averageUtilization);
  if (util !== undefined && util < 1) {
    errs.push({
      field: `${tpath}.averageUtilization`,
      type: 'Invalid value',
      value: util,
      detail: 'must be greater than 0',
    });
  }
  const hasUtil = target.averageUtilization !== undefined && target.averageUtilization !== null;
  const hasValue = target.averageValue !== undefined && target.averageValue !== null;
  if (!hasUtil && !hasValue) {
    errs.push({
      field: `${tpath}.averageUtilization`,
      type: 'Required value',
      detail: 'must set either a target raw value or a target utilization',
    });
  }
  if (hasUtil && hasValue) {
    errs.push({
      field: `${tpath}.averageValue`,
      type: 'Forbidden',
      detail: 'may not set both a target raw value and a target utilization',
    });
  }
  return errs;
}

/** validateBehavior: both directions' rules. */
function validateBehavior(behavior: unknown): FieldError[] {
  if (!isObj(behavior)) return [];
  return [
    ...validateScalingRules(behavior.scaleUp, 'spec.behavior.scaleUp'),
    ...validateScalingRules(behavior.scaleDown, 'spec.behavior.scaleDown'),
  ];
}

function validateScalingRules(rules: unknown, path: string): FieldError[] {
  if (!isObj(rules)) return [];
  const errs: FieldError[] = [];
  const window = num(rules.stabilizationWindowSeconds);
  if (window !== undefined && (window < 0 || window > MAX_STABILIZATION_WINDOW_SECONDS)) {
    errs.push({
      field: `${path}.stabilizationWindowSeconds`,
      type: 'Invalid value',
      value: window,
      detail: `must be greater than or equal to zero and less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`,
    });
  }
  const select = rules.selectPolicy;
  if (typeof select === 'string' && !['Disabled', 'Max', 'Min'].includes(select)) {
    errs.push({
      field: `${path}.selectPolicy`,
      type: 'Unsupported value',
      value: select,
      detail: 'supported values: "Disabled", "Max", "Min"',
    });
  }
  const policies = Array.isArray(rules.policies) ? rules.policies : [];
  if (policies.length === 0) {
    errs.push({
      field: `${path}.policies`,
      type: 'Required value',
      detail: 'must specify at least one Policy',
    });
  }
  policies.forEach((p, i) => {
    const pp = isObj(p) ? p : {};
    const ppath = `${path}.policies[${i}]`;
    const type = typeof pp.type === 'string' ? pp.type : '';
    if (type !== 'Pods' && type !== 'Percent') {
      errs.push({
        field: `${ppath}.type`,
        type: 'Unsupported value',
        value: type,
        detail: 'supported values: "Percent", "Pods"',
      });
    }
    const value = num(pp.value) ?? 0;
    if (value <= 0) {
      errs.push({
        field: `${ppath}.value`,
        type: 'Invalid value',
        value,
        detail: 'must be greater than zero',
      });
    }
    const period = num(pp.periodSeconds) ?? 0;
    if (period <= 0) {
      errs.push({
        field: `${ppath}.periodSeconds`,
        type: 'Invalid value',
        value: period,
        detail: 'must be greater than zero',
      });
    }
    if (period > MAX_PERIOD_SECONDS) {
      errs.push({
        field: `${ppath}.periodSeconds`,
        type: 'Invalid value',
        value: period,
        detail: `must be less than or equal to ${MAX_PERIOD_SECONDS}`,
      });
    }
  });
  return errs;
}

/**
 * The autoscaling/v1 form of a stored autoscaler, as the server answers a v1 request: the cpu
 * Utilization metric as `targetCPUUtilizationPercentage`, the v1 status (both replica counts
 * always there). Other metrics and the conditions (v1 carries them in
 * `autoscaling.alpha.kubernetes.io/*` annotations) are left out.
 */
export function hpaToV1(hpa: KubeObject): KubeObject {
  const spec = isObj(hpa.spec) ? hpa.spec : {};
  const status = isObj(hpa.status) ? hpa.status : {};
  const { metrics, behavior: _b, ...rest } = spec;
  const cpu = (Array.isArray(metrics) ? metrics : []).find(
    (m) =>
      isObj(m) &&
      m.type === 'Resource' &&
      isObj(m.resource) &&
      m.resource.name === 'cpu' &&
      isObj(m.resource.target) &&
      m.resource.target.type === 'Utilization',
  ) as { resource: { target: { averageUtilization?: number } } } | undefined;
  const pct = cpu?.resource.target.averageUtilization;
  return {
    ...hpa,
    apiVersion: 'autoscaling/v1',
    spec: { ...rest, ...(pct !== undefined ? { targetCPUUtilizationPercentage: pct } : {}) },
    status: {
      ...(status.lastScaleTime ? { lastScaleTime: status.lastScaleTime } : {}),
      currentReplicas: num(status.currentReplicas) ?? 0,
      desiredReplicas: num(status.desiredReplicas) ?? 0,
    },
  };
}
