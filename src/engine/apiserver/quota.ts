/**
 * ResourceQuota and LimitRange, as kube-apiserver 1.32 enforces them:
 *
 * - LimitRange defaulting (SetDefaults_LimitRangeItem) and validation (ValidateLimitRange);
 * - the LimitRanger admission plugin on pod create: it fills in a container's missing requests
 *   and limits from the `Container` items (and says so in the `kubernetes.io/limit-ranger`
 *   annotation), then checks min, max and maxLimitRequestRatio per Container and per Pod;
 * - the ResourceQuota admission plugin: an object that would take a namespace's usage over a
 *   quota's hard limit is refused ("exceeded quota: …"), a pod that leaves a quota'd compute
 *   resource unset is refused ("failed quota: …: must specify …"), and an admitted object's
 *   usage is charged to the quota's status at once (the admission writes it);
 * - usage as the quota evaluators count it (pkg/quota/v1/evaluator/core), used by the
 *   admission and by the resourcequota controller, which recomputes `status.used`.
 *
 * Quantities are summed exactly (BigInt fractions) and keep the format of the first non-zero
 * addend, as resource.Quantity's Add does, so `200Mi + 400Mi` is `600Mi` and `1 + 500m` is
 * `1500m`.
 */
import type { KubeObject, ResourceName } from '../api/types.ts';
import { quantityFraction } from '../scheduler/framework/quantity.ts';
import { claimQuotaMatches, claimUsage } from './claimQuota.ts';
import type { FieldError } from './errors.ts';
import { canonicalQuantity } from './quantity.ts';

type Obj = Record<string, unknown>;
type ResourceList = Record<string, unknown>;

/** An exact quantity and its format family (binary `Ki`…, or decimal). */
export interface Amount {
  num: bigint;
  den: bigint;
  binary: boolean;
}

const ZERO: Amount = { num: 0n, den: 1n, binary: false };

function amountOf(q: unknown): Amount | undefined {
  if (typeof q !== 'string' && typeof q !== 'number') return undefined;
  const text = String(q);
  const f = quantityFraction(text);
  if (!f) return undefined;
  return { num: f.num, den: f.den, binary: /(Ki|Mi|Gi|Ti|Pi|Ei)$/.test(text) };
}

/** `a + b`; the format is `a`'s unless `a` is zero (resource.Quantity's Add). */
export function addAmounts(a: Amount, b: Amount): Amount {
  const num = a.num * b.den + b.num * a.den;
  const den = a.den * b.den;
  return { num, den, binary: a.num === 0n ? b.binary : a.binary };
}

function cmpAmounts(a: Amount, b: Amount): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** The canonical text of an amount in its format (`600Mi`, `1500m`, `0`). */
export function amountText(a: Amount): string {
  if (a.num === 0n) return '0';
  // Express it in a suffix of its family and let the canonical printer pick the unit.
  if (a.binary && a.num % (a.den * 1024n) === 0n) {
    return canonicalQuantity(`${a.num / (a.den * 1024n)}Ki`) ?? '0';
  }
  const nanos = (a.num * 1_000_000_000n) / a.den;
  const exact = (a.num * 1_000_000_000n) % a.den === 0n;
  return canonicalQuantity(`${exact ? nanos : nanos + 1n}n`) ?? '0';
}

/** `Quantity.Value()` (rounded up) and `MilliValue()` of an amount. */
function wholeOf(a: Amount): bigint {
  const q = a.num / a.den;
  return a.num % a.den > 0n ? q + 1n : q;
}
function milliOf(a: Amount): bigint {
  const n = a.num * 1000n;
  const q = n / a.den;
  return n % a.den > 0n ? q + 1n : q;
}

const MAX_MILLI_VALUE = 2n ** 63n / 1000n;

// ---------------------------------------------------------------------------------------------
// LimitRange

interface LimitItem {
  type?: string;
  max?: ResourceList;
  min?: ResourceList;
  default?: ResourceList;
  defaultRequest?: ResourceList;
  maxLimitRequestRatio?: ResourceList;
}

function limitItems(lr: KubeObject): LimitItem[] {
  const limits = (lr.spec as Obj | undefined)?.limits;
  return Array.isArray(limits)
    ? (limits.filter((x) => x && typeof x === 'object') as LimitItem[])
    : [];
}

/**
 * SetDefaults_LimitRangeItem: for a Container item, a missing default limit is the max, a
 * missing default request is the default limit, else the min.
 */
export function defaultLimitRange(lr: KubeObject): void {
  for (const item of limitItems(lr)) {
    if (item.type !== 'Container') continue;
    const def: ResourceList = { ...(item.default ?? {}) };
    const req: ResourceList = { ...(item.defaultRequest ?? {}) };
    for (const [k, v] of Object.entries(item.max ?? {})) if (!(k in def)) def[k] = v;
    for (const [k, v] of Object.entries(def)) if (!(k in req)) req[k] = v;
    for (const [k, v] of Object.entries(item.min ?? {})) if (!(k in req)) req[k] = v;
    item.default = def;
    item.defaultRequest = req;
  }
}

const LIMIT_TYPES = new Set(['Pod', 'Container', 'PersistentVolumeClaim']);

/** ValidateLimitRange's checks of each item (the relations between min, max and defaults). */
export function validateLimitRange(lr: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const limits = (lr.spec as Obj | undefined)?.limits;
  if (!Array.isArray(limits)) return errs;
  limits.forEach((raw, i) => {
    const item = (raw ?? {}) as LimitItem;
    const path = `spec.limits[${i}]`;
    if (!LIMIT_TYPES.has(String(item.type ?? ''))) {
      errs.push({
        type: 'Unsupported value',
        field: `${path}.type`,
        value: item.type ?? '',
        detail: 'supported values: "Container", "PersistentVolumeClaim", "Pod"',
      });
    }
    if (item.type === 'Pod') {
      for (const [field, list] of [
        ['default', item.default],
        ['defaultRequest', item.defaultRequest],
      ] as const) {
        if (list && Object.keys(list).length > 0) {
          errs.push({
            type: 'Forbidden',
            field: `${path}.${field}`,
            detail: `may not be specified when \`type\` is 'Pod'`,
          });
        }
      }
    }
    if (
      item.type === 'PersistentVolumeClaim' &&
      !('storage' in (item.min ?? {})) &&
      !('storage' in (item.max ?? {}))
    ) {
      errs.push({
        type: 'Required value',
        field: `${path}.limits`,
        detail: 'either minimum or maximum storage value is required, but neither was provided',
      });
    }
    const keys = new Set<string>();
    for (const l of [item.max, item.min, item.default, item.defaultRequest]) {
      for (const k of Object.keys(l ?? {})) keys.add(k);
    }
    for (const k of [...keys].sort()) {
      const min = amountOf(item.min?.[k]);
      const max = amountOf(item.max?.[k]);
      const def = amountOf(item.default?.[k]);
      const req = amountOf(item.defaultRequest?.[k]);
      const t = (a: Amount) => amountText(a);
      const bad = (field: string, value: Amount, detail: string) =>
        errs.push({
          type: 'Invalid value',
          field: `${path}.${field}[${k}]`,
          value: t(value),
          detail,
        });
      if (min && max && cmpAmounts(min, max) > 0)
        bad('min', min, `min value ${t(min)} is greater than max value ${t(max)}`);
      if (req && min && cmpAmounts(min, req) > 0)
        bad(
          'defaultRequest',
          req,
          `min value ${t(min)} is greater than default request value ${t(req)}`,
        );
      if (req && max && cmpAmounts(req, max) > 0)
        bad(
          'defaultRequest',
          req,
          `default request value ${t(req)} is greater than max value ${t(max)}`,
        );
      if (req && def && cmpAmounts(req, def) > 0)
        bad(
          'defaultRequest',
          req,
          `default request value ${t(req)} is greater than default limit value ${t(def)}`,
        );
      if (def && min && cmpAmounts(min, def) > 0)
        bad('default', def, `min value ${t(min)} is greater than default value ${t(def)}`);
      if (def && max && cmpAmounts(def, max) > 0)
        bad('default', def, `default value ${t(def)} is greater than max value ${t(max)}`);
    }
  });
  return errs;
}

interface Container {
  name?: string;
  restartPolicy?: string;
  resources?: { requests?: ResourceList; limits?: ResourceList };
}

function containersOf(spec: Obj | undefined, field: 'containers' | 'initContainers'): Container[] {
  const list = spec?.[field];
  return Array.isArray(list) ? (list.filter((c) => c && typeof c === 'object') as Container[]) : [];
}

/**
 * The LimitRanger's mutation of a new pod (`spec` is the pod's own, writable copy): every
 * container gets the default limits and requests it lacks, from each LimitRange's Container
 * items in turn. Returns the annotation text, or undefined when nothing was set.
 */
export function applyLimitRangeDefaults(pod: KubeObject, limitRanges: readonly KubeObject[]): void {
  const spec = pod.spec as Obj | undefined;
  if (!spec) return;
  for (const lr of limitRanges) {
    const defaults = { limits: {} as ResourceList, requests: {} as ResourceList };
    let any = false;
    for (const item of limitItems(lr)) {
      if (item.type !== 'Container') continue;
      for (const [k, v] of Object.entries(item.defaultRequest ?? {})) {
        defaults.requests[k] = v;
        any = true;
      }
      for (const [k, v] of Object.entries(item.default ?? {})) {
        defaults.limits[k] = v;
        any = true;
      }
    }
    if (!any) continue;
    const notes: string[] = [];
    const merge = (c: Container, prefix: string) => {
      const resources = { ...(c.resources ?? {}) };
      const limits = { ...(resources.limits ?? {}) };
      const requests = { ...(resources.requests ?? {}) };
      const setLimits: string[] = [];
      const setRequests: string[] = [];
      for (const [k, v] of Object.entries(defaults.limits)) {
        if (!(k in limits)) {
          limits[k] = v;
          setLimits.push(k);
        }
      }
      for (const [k, v] of Object.entries(defaults.requests)) {
        if (!(k in requests)) {
          requests[k] = v;
          setRequests.push(k);
        }
      }
      if (setLimits.length + setRequests.length === 0) return c;
      if (setRequests.length)
        notes.push(`${setRequests.sort().join(', ')} request for ${prefix} ${c.name ?? ''}`);
      if (setLimits.length)
        notes.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${c.name ?? ''}`);
      return { ...c, resources: { ...resources, limits, requests } };
    };
    spec.containers = containersOf(spec, 'containers').map((c) => merge(c, 'container'));
    if (Array.isArray(spec.initContainers))
      spec.initContainers = containersOf(spec, 'initContainers').map((c) =>
        merge(c, 'init container'),
      );
    if (notes.length) {
      pod.metadata ??= {};
      const meta = pod.metadata as Obj;
      meta.annotations = {
        ...((meta.annotations as Obj | undefined) ?? {}),
        'kubernetes.io/limit-ranger': `LimitRanger plugin set: ${notes.join('; ')}`,
      };
    }
  }
}

/** requestLimitEnforcedValues: milli-units when all three fit, else whole units. */
function enforcedValues(
  req: Amount | undefined,
  lim: Amount | undefined,
  enforced: Amount,
): [bigint, bigint, bigint] {
  const r = req ? wholeOf(req) : 0n;
  const l = lim ? wholeOf(lim) : 0n;
  const e = wholeOf(enforced);
  if (r <= MAX_MILLI_VALUE && l <= MAX_MILLI_VALUE && e <= MAX_MILLI_VALUE) {
    return [req ? milliOf(req) : 0n, lim ? milliOf(lim) : 0n, milliOf(enforced)];
  }
  return [r, l, e];
}

/** What one constraint compares: the enforced figure and the container's (or pod's) own. */
interface Observed {
  enforced: Amount;
  req: Amount | undefined;
  lim: Amount | undefined;
  /** requestLimitEnforcedValues of the three. */
  r: bigint;
  l: bigint;
  e: bigint;
  /** The enforced figure's text. */
  et: string;
}

function observe(
  k: string,
  enforcedQ: unknown,
  requests: ResourceList,
  limits: ResourceList,
): Observed | undefined {
  const enforced = amountOf(enforcedQ);
  if (!enforced) return undefined;
  const req = amountOf(requests[k]);
  const lim = amountOf(limits[k]);
  const [r, l, e] = enforcedValues(req, lim, enforced);
  return { enforced, req, lim, r, l, e, et: amountText(enforced) };
}

function checkMin(type: string, k: string, o: Observed): string | undefined {
  const { req, lim, r, l, e, et } = o;
  if (!req) return `minimum ${k} usage per ${type} is ${et}.  No request is specified`;
  if (r < e) return `minimum ${k} usage per ${type} is ${et}, but request is ${amountText(req)}`;
  if (lim && l < e)
    return `minimum ${k} usage per ${type} is ${et}, but limit is ${amountText(lim)}`;
  return undefined;
}

function checkMax(type: string, k: string, o: Observed): string | undefined {
  const { req, lim, r, l, e, et } = o;
  if (!lim) return `maximum ${k} usage per ${type} is ${et}.  No limit is specified`;
  if (l > e) return `maximum ${k} usage per ${type} is ${et}, but limit is ${amountText(lim)}`;
  if (req && r > e)
    return `maximum ${k} usage per ${type} is ${et}, but request is ${amountText(req)}`;
  return undefined;
}

function checkRatio(type: string, k: string, o: Observed): string | undefined {
  const { enforced, req, lim, r, l, et } = o;
  if (!req || r === 0n)
    return `${k} max limit to request ratio per ${type} is ${et}, but no request is specified or request is 0`;
  if (!lim || l === 0n)
    return `${k} max limit to request ratio per ${type} is ${et}, but no limit is specified or limit is 0`;
  const observed = Number(l) / Number(r);
  let ratio = observed;
  let max = Number(wholeOf(enforced));
  if (wholeOf(enforced) <= MAX_MILLI_VALUE) {
    ratio = observed * 1000;
    max = Number(milliOf(enforced));
  }
  if (ratio > max)
    return `${k} max limit to request ratio per ${type} is ${et}, but provided ratio is ${observed.toFixed(6)}`;
  return undefined;
}

function sumLists(lists: ResourceList[]): ResourceList {
  const out: Record<string, Amount> = {};
  for (const l of lists) {
    for (const [k, v] of Object.entries(l)) {
      const a = amountOf(v);
      if (a) out[k] = out[k] ? addAmounts(out[k], a) : a;
    }
  }
  return Object.fromEntries(Object.entries(out).map(([k, a]) => [k, amountText(a)]));
}

/**
 * maxRequestConstraint: a claim's request against a PersistentVolumeClaim item's max (a
 * claim's limits are not user input, so only the request is compared).
 */
function checkMaxRequest(type: string, k: string, o: Observed): string | undefined {
  const { req, r, e, et } = o;
  if (!req) return `maximum ${k} usage per ${type} is ${et}.  No request is specified`;
  if (r > e) return `maximum ${k} usage per ${type} is ${et}, but request is ${amountText(req)}`;
  return undefined;
}

/**
 * PersistentVolumeClaimValidateLimitFunc: a claim's storage request against the
 * `PersistentVolumeClaim` items' min and max.
 */
function claimViolations(pvc: KubeObject, item: LimitItem, errs: string[]): void {
  if (item.type !== 'PersistentVolumeClaim') return;
  const requests = listOf(
    ((pvc.spec as Obj | undefined)?.resources as { requests?: unknown } | undefined)?.requests,
  );
  const type = 'PersistentVolumeClaim';
  for (const k of Object.keys(item.min ?? {}).sort()) {
    const o = observe(k, item.min?.[k], requests, {});
    const e = o && checkMin(type, k, o);
    if (e) errs.push(e);
  }
  for (const k of Object.keys(item.max ?? {}).sort()) {
    const o = observe(k, item.max?.[k], requests, {});
    const e = o && checkMaxRequest(type, k, o);
    if (e) errs.push(e);
  }
}

/**
 * The LimitRanger's validation of a new pod, or of a new or changed PersistentVolumeClaim:
 * every violation of every LimitRange, in order. Returns the admission error text (one message,
 * or `[a, b, …]` for several), or undefined.
 */
export function limitRangeViolations(
  pod: KubeObject,
  limitRanges: readonly KubeObject[],
): string | undefined {
  const spec = pod.spec as Obj | undefined;
  const isClaim = pod.kind === 'PersistentVolumeClaim';
  const containers = isClaim ? [] : containersOf(spec, 'containers');
  const inits = isClaim ? [] : containersOf(spec, 'initContainers');
  const errs: string[] = [];
  for (const lr of limitRanges) {
    for (const item of limitItems(lr)) {
      if (isClaim) {
        claimViolations(pod, item, errs);
        continue;
      }
      const checks = (type: string, requests: ResourceList, limits: ResourceList) => {
        for (const k of Object.keys(item.min ?? {}).sort()) {
          const o = observe(k, item.min?.[k], requests, limits);
          const e = o && checkMin(type, k, o);
          if (e) errs.push(e);
        }
        for (const k of Object.keys(item.max ?? {}).sort()) {
          const o = observe(k, item.max?.[k], requests, limits);
          const e = o && checkMax(type, k, o);
          if (e) errs.push(e);
        }
        for (const k of Object.keys(item.maxLimitRequestRatio ?? {}).sort()) {
          const o = observe(k, item.maxLimitRequestRatio?.[k], requests, limits);
          const e = o && checkRatio(type, k, o);
          if (e) errs.push(e);
        }
      };
      if (item.type === 'Container') {
        for (const c of [...containers, ...inits])
          checks('Container', c.resources?.requests ?? {}, c.resources?.limits ?? {});
      } else if (item.type === 'Pod') {
        const all = [...containers, ...inits];
        checks(
          'Pod',
          sumLists(all.map((c) => c.resources?.requests ?? {})),
          sumLists(all.map((c) => c.resources?.limits ?? {})),
        );
      }
    }
  }
  if (errs.length === 0) return undefined;
  return errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
}

// ---------------------------------------------------------------------------------------------
// ResourceQuota

/** Resources whose usage a pod is charged with (the pod evaluator's). */
const POD_RESOURCES = new Set([
  'pods',
  'count/pods',
  'cpu',
  'memory',
  'requests.cpu',
  'requests.memory',
  'limits.cpu',
  'limits.memory',
]);
/** The compute resources a container must set when a quota limits them. */
const MUST_SPECIFY = [
  'cpu',
  'limits.cpu',
  'limits.memory',
  'memory',
  'requests.cpu',
  'requests.memory',
];

/** Legacy object-count names (`services`, `secrets`…) and their resources. */
const LEGACY_COUNTS: Partial<Record<ResourceName, string>> = {
  services: 'services',
  configmaps: 'configmaps',
  secrets: 'secrets',
  resourcequotas: 'resourcequotas',
};

const GROUPS: Partial<Record<ResourceName, string>> = {
  deployments: 'apps',
  replicasets: 'apps',
  daemonsets: 'apps',
  controllerrevisions: 'apps',
  jobs: 'batch',
  cronjobs: 'batch',
  leases: 'coordination.k8s.io',
  endpointslices: 'discovery.k8s.io',
};

/** `count/<resource>[.<group>]`, the generic object-count name of a resource. */
export function countName(resource: ResourceName): string {
  const g = GROUPS[resource];
  return g ? `count/${resource}.${g}` : `count/${resource}`;
}

/** QuotaV1Pod: a pod counts toward compute quota until it ends (or its deletion is due). */
function podCounts(pod: KubeObject, nowIso: string): boolean {
  const phase = (pod.status as Obj | undefined)?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const deletion = pod.metadata?.deletionTimestamp;
  return !(typeof deletion === 'string' && deletion <= nowIso);
}

/** resourcehelper.PodRequests / PodLimits: containers summed, each init container a floor. */
function podResources(spec: Obj | undefined, which: 'requests' | 'limits'): Record<string, Amount> {
  const sum: Record<string, Amount> = {};
  const add = (into: Record<string, Amount>, list: ResourceList | undefined) => {
    for (const [k, v] of Object.entries(list ?? {})) {
      const a = amountOf(v);
      if (a) into[k] = into[k] ? addAmounts(into[k], a) : a;
    }
  };
  for (const c of containersOf(spec, 'containers')) add(sum, c.resources?.[which]);
  const sidecars: Record<string, Amount> = {};
  for (const c of containersOf(spec, 'initContainers')) {
    if (c.restartPolicy === 'Always') {
      add(sidecars, c.resources?.[which]);
      continue;
    }
    // An init container runs alone (with the sidecars started before it): a floor.
    const alone: Record<string, Amount> = { ...sidecars };
    add(alone, c.resources?.[which]);
    for (const [k, a] of Object.entries(alone)) {
      if (!sum[k] || cmpAmounts(a, sum[k]) > 0) sum[k] = a;
    }
  }
  add(sum, sidecars as unknown as ResourceList);
  return sum;
}

/** The usage one object is charged with: the evaluators' Usage. */
export function usageOf(
  resource: ResourceName,
  obj: KubeObject,
  nowIso: string,
): Record<string, Amount> {
  if (resource === 'persistentvolumeclaims') return claimUsage(obj);
  const one: Amount = { num: 1n, den: 1n, binary: false };
  const out: Record<string, Amount> = { [countName(resource)]: one };
  const legacy = LEGACY_COUNTS[resource];
  if (legacy) out[legacy] = one;
  if (resource === 'services') {
    const spec = (obj.spec ?? {}) as Obj;
    const ports = Array.isArray(spec.ports) ? (spec.ports as Obj[]) : [];
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
      const n = BigInt(ports.filter((p) => p && p.nodePort !== undefined).length || ports.length);
      out['services.nodeports'] = { num: n, den: 1n, binary: false };
    }
    if (spec.type === 'LoadBalancer') out['services.loadbalancers'] = one;
  }
  if (resource !== 'pods' || !podCounts(obj, nowIso)) return out;
  out.pods = one;
  const spec = obj.spec as Obj | undefined;
  const req = podResources(spec, 'requests');
  const lim = podResources(spec, 'limits');
  if (req.cpu) out.cpu = out['requests.cpu'] = req.cpu;
  if (lim.cpu) out['limits.cpu'] = lim.cpu;
  if (req.memory) out.memory = out['requests.memory'] = req.memory;
  if (lim.memory) out['limits.memory'] = lim.memory;
  return out;
}

/** Whether a quota resource name is one this resource's evaluator charges. */
function matches(resource: ResourceName, name: string): boolean {
  if (name === countName(resource)) return true;
  if (resource === 'pods') return POD_RESOURCES.has(name);
  if (resource === 'persistentvolumeclaims') return claimQuotaMatches(name);
  if (resource === 'services')
    return (
      name === 'services' || name === 'services.nodeports' || name === 'services.loadbalancers'
    );
  return LEGACY_COUNTS[resource] === name;
}

/** The quota resources a resource's objects are charged for (to know what to recompute). */
export function chargedBy(resource: ResourceName, hard: readonly string[]): string[] {
  return hard.filter((h) => matches(resource, h));
}

function listOf(r: unknown): ResourceList {
  return r && typeof r === 'object' && !Array.isArray(r) ? (r as ResourceList) : {};
}

/** `k=v,k=v` of the named resources, sorted (the admission's prettyPrint). */
function pretty(list: Record<string, string>, names: readonly string[]): string {
  return [...names]
    .sort()
    .map((k) => `${k}=${list[k] ?? '0'}`)
    .join(',');
}

// ---------------------------------------------------------------------------------------------
// Scopes

/** The scopes a quota may name (helper.IsStandardResourceQuotaScope). */
const SCOPES = new Set([
  'Terminating',
  'NotTerminating',
  'BestEffort',
  'NotBestEffort',
  'PriorityClass',
  'CrossNamespacePodAffinity',
]);

/** One scope term: a `spec.scopes` entry (operator Exists) or a scope selector requirement. */
interface ScopeTerm {
  scopeName?: string;
  operator?: string;
  values?: string[];
}

/** GetScopeSelectorFromQuota: the quota's scopes, then its scope selector's requirements. */
function scopeTerms(q: KubeObject): ScopeTerm[] {
  const spec = (q.spec ?? {}) as Obj;
  const terms: ScopeTerm[] = [];
  if (Array.isArray(spec.scopes))
    for (const s of spec.scopes) terms.push({ scopeName: String(s), operator: 'Exists' });
  const selector = spec.scopeSelector as { matchExpressions?: ScopeTerm[] } | undefined;
  if (Array.isArray(selector?.matchExpressions)) terms.push(...selector.matchExpressions);
  return terms;
}

/** QoS BestEffort: no container asks for or limits cpu or memory (qos.GetPodQOS). */
function isBestEffort(pod: KubeObject): boolean {
  const spec = pod.spec as Obj | undefined;
  for (const c of [...containersOf(spec, 'containers'), ...containersOf(spec, 'initContainers')]) {
    for (const list of [c.resources?.requests, c.resources?.limits]) {
      for (const k of ['cpu', 'memory']) {
        const a = amountOf(list?.[k]);
        if (a && a.num !== 0n) return false;
      }
    }
  }
  return true;
}

/** Whether the pod's affinity terms reach other namespaces (namespaces or namespaceSelector). */
function crossNamespaceAffinity(pod: KubeObject): boolean {
  const affinity = ((pod.spec as Obj | undefined)?.affinity ?? {}) as Obj;
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const a = (affinity[kind] ?? {}) as Obj;
    const required = (a.requiredDuringSchedulingIgnoredDuringExecution ?? []) as Obj[];
    const preferred = ((a.preferredDuringSchedulingIgnoredDuringExecution ?? []) as Obj[]).map(
      (w) => (w.podAffinityTerm ?? {}) as Obj,
    );
    for (const t of [...required, ...preferred]) {
      if ((Array.isArray(t.namespaces) && t.namespaces.length > 0) || t.namespaceSelector)
        return true;
    }
  }
  return false;
}

/** podMatchesScopeFunc. */
function podMatchesScope(term: ScopeTerm, pod: KubeObject): boolean {
  const spec = (pod.spec ?? {}) as Obj;
  const deadline = spec.activeDeadlineSeconds;
  const terminating = typeof deadline === 'number' && deadline >= 0;
  switch (term.scopeName) {
    case 'Terminating':
      return terminating;
    case 'NotTerminating':
      return !terminating;
    case 'BestEffort':
      return isBestEffort(pod);
    case 'NotBestEffort':
      return !isBestEffort(pod);
    case 'PriorityClass': {
      const name = typeof spec.priorityClassName === 'string' ? spec.priorityClassName : '';
      const values = term.values ?? [];
      switch (term.operator) {
        case 'Exists':
          return name !== '';
        case 'In':
          return values.includes(name);
        case 'NotIn':
          return !values.includes(name);
        default:
          // DoesNotExist: the label set always has the key.
          return false;
      }
    }
    case 'CrossNamespacePodAffinity':
      return crossNamespaceAffinity(pod);
  }
  return false;
}

/**
 * Whether quota `q` applies to `obj` by its scopes (quota.Matches' scope part): a quota without
 * scopes applies to everything; one with scopes only to pods matching every term (the object
 * count evaluators match no scope).
 */
export function quotaAppliesTo(q: KubeObject, resource: ResourceName, obj: KubeObject): boolean {
  const terms = scopeTerms(q);
  if (terms.length === 0) return true;
  if (resource !== 'pods') return false;
  return terms.every((t) => podMatchesScope(t, obj));
}

/** The resources a scope may limit (helper.IsResourceQuotaScopeValidForResource). */
const POD_COMPUTE = new Set([
  'cpu',
  'memory',
  'limits.cpu',
  'limits.memory',
  'requests.cpu',
  'requests.memory',
]);
function scopeValidFor(scope: string, resource: string): boolean {
  switch (scope) {
    case 'Terminating':
    case 'NotTerminating':
    case 'NotBestEffort':
    case 'PriorityClass':
    case 'CrossNamespacePodAffinity':
      return resource === 'pods' || POD_COMPUTE.has(resource);
    case 'BestEffort':
      return resource === 'pods';
    default:
      return true;
  }
}

const CONFLICTING_SCOPES = [
  ['BestEffort', 'NotBestEffort'],
  ['NotTerminating', 'Terminating'],
];

/** `[]core.ResourceQuotaScope{"A", "B"}`: a scope list as %#v prints it. */
function goScopes(scopes: readonly string[]): string {
  return `[]core.ResourceQuotaScope{${scopes.map((x) => JSON.stringify(x)).join(', ')}}`;
}

/** `&core.ScopeSelector{…}` dereferenced, as field.Invalid prints a scope selector. */
function goScopeSelector(terms: readonly ScopeTerm[]): string {
  const one = (t: ScopeTerm) =>
    `core.ScopedResourceSelectorRequirement{ScopeName:${JSON.stringify(t.scopeName ?? '')}, Operator:${JSON.stringify(t.operator ?? '')}, Values:${
      t.values && t.values.length > 0
        ? `[]string{${t.values.map((v) => JSON.stringify(v)).join(', ')}}`
        : '[]string(nil)'
    }}`;
  return `core.ScopeSelector{MatchExpressions:[]core.ScopedResourceSelectorRequirement{${terms.map(one).join(', ')}}}`;
}

const SCOPE_EXISTS_ONLY = new Set([
  'BestEffort',
  'NotBestEffort',
  'Terminating',
  'NotTerminating',
  'CrossNamespacePodAffinity',
]);

/** validateResourceQuotaScopes and validateScopeSelector. */
function validateQuotaScopes(spec: Obj, hardNames: readonly string[]): FieldError[] {
  const errs: FieldError[] = [];
  const standardHard = [...hardNames].sort().filter((k) => STANDARD_QUOTA_RESOURCES.has(k));
  const scopes = Array.isArray(spec.scopes) ? spec.scopes.map(String) : [];
  if (scopes.length > 0) {
    const valueText = goScopes(scopes);
    const bad = (detail: string) =>
      errs.push({ type: 'Invalid value', field: 'spec.scopes', valueText, detail });
    for (const scope of scopes) {
      if (!SCOPES.has(scope)) bad('unsupported scope');
      for (const k of standardHard)
        if (!scopeValidFor(scope, k)) bad('unsupported scope applied to resource');
    }
    for (const pair of CONFLICTING_SCOPES)
      if (pair.every((p) => scopes.includes(p))) bad('conflicting scopes');
  }
  const selector = spec.scopeSelector as { matchExpressions?: ScopeTerm[] } | undefined;
  const terms = Array.isArray(selector?.matchExpressions) ? selector.matchExpressions : [];
  if (terms.length > 0) {
    const path = 'spec.scopeSelector.matchExpressions';
    const selectorText = goScopeSelector(terms);
    for (const t of terms) {
      const name = String(t.scopeName ?? '');
      const op = String(t.operator ?? '');
      if (!SCOPES.has(name))
        errs.push({
          type: 'Invalid value',
          field: `${path}.scopeName`,
          value: name,
          detail: 'unsupported scope',
        });
      for (const k of standardHard)
        if (!scopeValidFor(name, k))
          errs.push({
            type: 'Invalid value',
            field: path,
            valueText: selectorText,
            detail: 'unsupported scope applied to resource',
          });
      if (SCOPE_EXISTS_ONLY.has(name) && op !== 'Exists')
        errs.push({
          type: 'Invalid value',
          field: `${path}.operator`,
          value: op,
          detail:
            "must be 'Exist' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity",
        });
      const values = Array.isArray(t.values) ? t.values : [];
      if (op === 'In' || op === 'NotIn') {
        if (values.length === 0)
          errs.push({
            type: 'Required value',
            field: `${path}.values`,
            detail:
              "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector",
          });
      } else if (op === 'Exists' || op === 'DoesNotExist') {
        if (values.length > 0)
          errs.push({
            type: 'Invalid value',
            field: `${path}.values`,
            valueText: `[]string{${values.map((v) => JSON.stringify(String(v))).join(', ')}}`,
            detail:
              "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector",
          });
      } else
        errs.push({
          type: 'Invalid value',
          field: `${path}.operator`,
          value: op,
          detail: 'not a valid selector operator',
        });
    }
    const names = terms.map((t) => String(t.scopeName ?? ''));
    for (const pair of CONFLICTING_SCOPES)
      if (pair.every((p) => names.includes(p)))
        errs.push({
          type: 'Invalid value',
          field: path,
          valueText: selectorText,
          detail: 'conflicting scopes',
        });
  }
  // field.ErrorList.ToAggregate drops repeated errors.
  const seen = new Set<string>();
  return errs.filter((e) => {
    const key = JSON.stringify(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export type QuotaVerdict =
  | { ok: true; charged: { quota: KubeObject; used: Record<string, string> }[] }
  | { ok: false; reason: string };

/**
 * The ResourceQuota admission for a create of `obj` (or, with `old`, an update of it) against
 * the namespace's quotas (in list order). An update is charged what it adds (the new usage less
 * the old, never below zero). On success, the new `status.used` of every quota the object is
 * charged to.
 */
export function admitQuota(
  resource: ResourceName,
  obj: KubeObject,
  quotas: readonly KubeObject[],
  nowIso: string,
  old?: KubeObject,
): QuotaVerdict {
  const interesting: { quota: KubeObject; restricted: string[] }[] = [];
  for (const q of quotas) {
    if (!quotaAppliesTo(q, resource, obj)) continue;
    const hard = listOf((q.status as Obj | undefined)?.hard);
    const restricted = Object.keys(hard).filter((h) => matches(resource, h));
    if (restricted.length === 0) continue;
    if (resource === 'pods') {
      const required = new Set(restricted.filter((r) => MUST_SPECIFY.includes(r)));
      if (required.size > 0) {
        const missing = new Map<string, string[]>();
        const spec = obj.spec as Obj | undefined;
        for (const c of [
          ...containersOf(spec, 'containers'),
          ...containersOf(spec, 'initContainers'),
        ]) {
          const has = new Set<string>();
          const req = c.resources?.requests ?? {};
          const lim = c.resources?.limits ?? {};
          if ('cpu' in req) has.add('cpu').add('requests.cpu');
          if ('memory' in req) has.add('memory').add('requests.memory');
          if ('cpu' in lim) has.add('limits.cpu');
          if ('memory' in lim) has.add('limits.memory');
          for (const r of required) {
            if (!has.has(r)) missing.set(r, [...(missing.get(r) ?? []), c.name ?? '']);
          }
        }
        if (missing.size > 0) {
          const parts = [...missing.keys()]
            .sort()
            .map((r) => `${r} for: ${[...new Set(missing.get(r))].sort().join(',')}`);
          return {
            ok: false,
            reason: `failed quota: ${q.metadata?.name}: must specify ${parts.join('; ')}`,
          };
        }
      }
    }
    const used = listOf((q.status as Obj | undefined)?.used);
    const unknown = restricted.filter((r) => !(r in used));
    if (unknown.length > 0) {
      return {
        ok: false,
        reason: `status unknown for quota: ${q.metadata?.name}, resources: ${[...restricted].sort().join(',')}`,
      };
    }
    interesting.push({ quota: q, restricted });
  }
  if (interesting.length === 0) return { ok: true, charged: [] };
  const delta = usageOf(resource, obj, nowIso);
  const before = old ? usageOf(resource, old, nowIso) : {};
  for (const [k, a] of Object.entries(delta)) {
    // SubtractWithNonNegativeResult, then RemoveZeros.
    const prev = before[k];
    const rest = prev ? addAmounts(a, { ...prev, num: -prev.num }) : a;
    if (rest.num <= 0n) delete delta[k];
    else delta[k] = rest;
  }
  if (Object.keys(delta).length === 0) return { ok: true, charged: [] };
  const charged: { quota: KubeObject; used: Record<string, string> }[] = [];
  for (const { quota } of interesting) {
    const hard = listOf((quota.status as Obj | undefined)?.hard);
    const used = listOf((quota.status as Obj | undefined)?.used);
    const requested = Object.keys(delta).filter((k) => k in hard);
    const next: Record<string, string> = {};
    for (const [k, v] of Object.entries(used)) next[k] = String(v);
    const exceeded: string[] = [];
    for (const k of requested) {
      const sum = addAmounts(amountOf(used[k]) ?? ZERO, delta[k]!);
      next[k] = amountText(sum);
      const limit = amountOf(hard[k]);
      if (limit && cmpAmounts(sum, limit) > 0) exceeded.push(k);
    }
    if (exceeded.length > 0) {
      const req = Object.fromEntries(requested.map((k) => [k, amountText(delta[k]!)]));
      const usedText = Object.fromEntries(Object.entries(used).map(([k, v]) => [k, String(v)]));
      const hardText = Object.fromEntries(Object.entries(hard).map(([k, v]) => [k, String(v)]));
      return {
        ok: false,
        reason: `exceeded quota: ${quota.metadata?.name}, requested: ${pretty(req, exceeded)}, used: ${pretty(usedText, exceeded)}, limited: ${pretty(hardText, exceeded)}`,
      };
    }
    if (requested.length > 0) charged.push({ quota, used: next });
  }
  return { ok: true, charged };
}

/**
 * A quota's `status.used` recomputed from the objects in its namespace (CalculateUsage): every
 * hard resource gets a figure, 0 when nothing is charged to it; with `quota`, only the objects
 * its scopes match are counted.
 */
export function computeUsed(
  hard: readonly string[],
  objects: (resource: ResourceName) => readonly KubeObject[],
  resources: readonly ResourceName[],
  nowIso: string,
  quota?: KubeObject,
): Record<string, string> {
  const sums: Record<string, Amount> = {};
  for (const h of hard) sums[h] = ZERO;
  for (const resource of resources) {
    const names = chargedBy(resource, hard);
    if (names.length === 0) continue;
    for (const obj of objects(resource)) {
      if (quota && !quotaAppliesTo(quota, resource, obj)) continue;
      const u = usageOf(resource, obj, nowIso);
      for (const k of names) if (u[k]) sums[k] = addAmounts(sums[k]!, u[k]);
    }
  }
  return Object.fromEntries(Object.entries(sums).map(([k, a]) => [k, amountText(a)]));
}

/** helper's standardResources: the resource names a bare (unqualified) name may be. */
const STANDARD_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'resourcequotas',
  'services',
  'replicationcontrollers',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'storage',
  'requests.storage',
  'services.nodeports',
  'services.loadbalancers',
]);
/** standardQuotaResources: the names of those a quota can limit. */
const STANDARD_QUOTA_RESOURCES = new Set([...STANDARD_RESOURCES].filter((r) => r !== 'storage'));
/** standardIntegerResources: counts, which must be whole. */
const INTEGER_RESOURCES = new Set([
  'pods',
  'resourcequotas',
  'services',
  'replicationcontrollers',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
]);
const QUALIFIED_NAME =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
/**
 * helper.IsExtendedResourceName: a qualified name outside `kubernetes.io/` (`example.com/gpu`,
 * `count/deployments.apps`, `gold.storageclass.storage.k8s.io/requests.storage`) whose quota form
 * `requests.<name>` is a qualified name. Such amounts must be whole, like counts.
 */
function isExtendedResourceName(name: string): boolean {
  if (!name.includes('/') || name.includes('kubernetes.io/') || name.startsWith('requests.'))
    return false;
  const quotaName = `requests.${name}`;
  const [prefix = '', part = ''] = quotaName.split('/');
  return (
    quotaName.split('/').length === 2 &&
    prefix.length <= 253 &&
    part.length <= 63 &&
    QUALIFIED_NAME.test(quotaName)
  );
}
const isHugePages = (name: string) =>
  name.startsWith('hugepages-') || name.startsWith('requests.hugepages-');

/**
 * ValidateResourceQuotaSpec's checks of `spec.hard`: each name a standard quota resource or a
 * qualified one (`count/deployments.apps`), each amount non-negative, counts whole.
 */
export function validateResourceQuota(q: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const hard = listOf((q.spec as Obj | undefined)?.hard);
  const scopeErrors = validateQuotaScopes((q.spec ?? {}) as Obj, Object.keys(hard));
  // Upstream ranges over a Go map (random order); sorted here.
  for (const k of Object.keys(hard).sort()) {
    const v = hard[k];
    const field = `spec.hard[${k}]`;
    const bare = !k.includes('/');
    if (!QUALIFIED_NAME.test(k)) {
      errs.push({
        type: 'Invalid value',
        field,
        value: k,
        detail:
          "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      });
    } else if (bare && !STANDARD_RESOURCES.has(k) && !isHugePages(k)) {
      errs.push({
        type: 'Invalid value',
        field,
        value: k,
        detail: 'must be a standard resource type or fully qualified',
      });
    }
    if (bare && !STANDARD_QUOTA_RESOURCES.has(k) && !isHugePages(k)) {
      errs.push({
        type: 'Invalid value',
        field,
        value: k,
        detail: 'must be a standard resource for quota',
      });
    }
    const a = amountOf(v);
    if (a && a.num < 0n) {
      errs.push({
        type: 'Invalid value',
        field,
        value: amountText(a),
        detail: 'must be greater than or equal to 0',
      });
    }
    // MilliValue() % 1000 != 0 (a value finer than a milli rounds up to one).
    if (a && (INTEGER_RESOURCES.has(k) || isExtendedResourceName(k)) && milliOf(a) % 1000n !== 0n) {
      errs.push({
        type: 'Invalid value',
        field,
        value: amountText(a),
        detail: 'must be an integer',
      });
    }
  }
  return [...errs, ...scopeErrors];
}
