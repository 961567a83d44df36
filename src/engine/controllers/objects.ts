/**
 * Small read-only helpers over API objects shared by the controllers, the kubelet and
 * kube-proxy: metadata access, owner references, event references, pod predicates and
 * label selectors. Nothing here mutates its input.
 */
import type { KubeObject, ResourceName } from '../api/types.ts';
import type { EventRecord } from '../runtime/controller.ts';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastProbeTime?: string | null;
  lastUpdateTime?: string;
  lastHeartbeatTime?: string;
}

/** kind and apiVersion of each resource, for owner and event references. */
export const KINDS: Record<
  ResourceName,
  { kind: string; apiVersion: string; namespaced: boolean }
> = {
  namespaces: { kind: 'Namespace', apiVersion: 'v1', namespaced: false },
  nodes: { kind: 'Node', apiVersion: 'v1', namespaced: false },
  pods: { kind: 'Pod', apiVersion: 'v1', namespaced: true },
  deployments: { kind: 'Deployment', apiVersion: 'apps/v1', namespaced: true },
  replicasets: { kind: 'ReplicaSet', apiVersion: 'apps/v1', namespaced: true },
  daemonsets: { kind: 'DaemonSet', apiVersion: 'apps/v1', namespaced: true },
  statefulsets: { kind: 'StatefulSet', apiVersion: 'apps/v1', namespaced: true },
  controllerrevisions: { kind: 'ControllerRevision', apiVersion: 'apps/v1', namespaced: true },
  jobs: { kind: 'Job', apiVersion: 'batch/v1', namespaced: true },
  cronjobs: { kind: 'CronJob', apiVersion: 'batch/v1', namespaced: true },
  services: { kind: 'Service', apiVersion: 'v1', namespaced: true },
  endpoints: { kind: 'Endpoints', apiVersion: 'v1', namespaced: true },
  resourcequotas: { kind: 'ResourceQuota', apiVersion: 'v1', namespaced: true },
  limitranges: { kind: 'LimitRange', apiVersion: 'v1', namespaced: true },
  persistentvolumes: { kind: 'PersistentVolume', apiVersion: 'v1', namespaced: false },
  persistentvolumeclaims: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespaced: true },
  storageclasses: { kind: 'StorageClass', apiVersion: 'storage.k8s.io/v1', namespaced: false },
  horizontalpodautoscalers: {
    kind: 'HorizontalPodAutoscaler',
    apiVersion: 'autoscaling/v2',
    namespaced: true,
  },
  ingresses: { kind: 'Ingress', apiVersion: 'networking.k8s.io/v1', namespaced: true },
  ingressclasses: { kind: 'IngressClass', apiVersion: 'networking.k8s.io/v1', namespaced: false },
  networkpolicies: { kind: 'NetworkPolicy', apiVersion: 'networking.k8s.io/v1', namespaced: true },
  priorityclasses: {
    kind: 'PriorityClass',
    apiVersion: 'scheduling.k8s.io/v1',
    namespaced: false,
  },
  endpointslices: {
    kind: 'EndpointSlice',
    apiVersion: 'discovery.k8s.io/v1',
    namespaced: true,
  },
  poddisruptionbudgets: {
    kind: 'PodDisruptionBudget',
    apiVersion: 'policy/v1',
    namespaced: true,
  },
  events: { kind: 'Event', apiVersion: 'v1', namespaced: true },
  leases: { kind: 'Lease', apiVersion: 'coordination.k8s.io/v1', namespaced: true },
  configmaps: { kind: 'ConfigMap', apiVersion: 'v1', namespaced: true },
  secrets: { kind: 'Secret', apiVersion: 'v1', namespaced: true },
  serviceaccounts: { kind: 'ServiceAccount', apiVersion: 'v1', namespaced: true },
  certificatesigningrequests: {
    kind: 'CertificateSigningRequest',
    apiVersion: 'certificates.k8s.io/v1',
    namespaced: false,
  },
  roles: { kind: 'Role', apiVersion: 'rbac.authorization.k8s.io/v1', namespaced: true },
  clusterroles: {
    kind: 'ClusterRole',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    namespaced: false,
  },
  rolebindings: {
    kind: 'RoleBinding',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    namespaced: true,
  },
  clusterrolebindings: {
    kind: 'ClusterRoleBinding',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    namespaced: false,
  },
};

/** KINDS inverted (the first resource of a kind, in KINDS order); the GC asks per object. */
const RESOURCE_OF_KIND = new Map<string, ResourceName>();
for (const [resource, info] of Object.entries(KINDS)) {
  if (!RESOURCE_OF_KIND.has(info.kind)) RESOURCE_OF_KIND.set(info.kind, resource as ResourceName);
}

/** The resource whose objects have this kind, or undefined for kinds the simulator lacks. */
export function resourceOfKind(kind: string): ResourceName | undefined {
  return RESOURCE_OF_KIND.get(kind);
}

/**
 * The namespace of a `namespace/name` work key: `const [ns = ''] = key.split('/')` without the
 * array (every sync of a namespaced object reads its key; a split cost more than the rest).
 */
export function keyNamespace(key: string): string {
  const i = key.indexOf('/');
  return i === -1 ? key : key.slice(0, i);
}

/** The name of a `namespace/name` work key: `key.split('/')[1] ?? ''` without the array. */
export function keyName(key: string): string {
  const i = key.indexOf('/');
  if (i === -1) return '';
  const j = key.indexOf('/', i + 1);
  return j === -1 ? key.slice(i + 1) : key.slice(i + 1, j);
}

export function nameOf(obj: KubeObject): string {
  return obj.metadata?.name ?? '';
}

export function namespaceOf(obj: KubeObject): string {
  return obj.metadata?.namespace ?? '';
}

export function uidOf(obj: KubeObject): string {
  return obj.metadata?.uid ?? '';
}

export function isDeleting(obj: KubeObject): boolean {
  return obj.metadata?.deletionTimestamp != null;
}

export function specOf<T = Record<string, unknown>>(obj: KubeObject): T {
  return (obj.spec ?? {}) as T;
}

export function statusOf<T = Record<string, unknown>>(obj: KubeObject): T {
  return (obj.status ?? {}) as T;
}

export function ownerReferences(obj: KubeObject): OwnerReference[] {
  return (obj.metadata?.ownerReferences ?? []) as OwnerReference[];
}

/** The controlling owner reference (`controller: true`), as `metav1.GetControllerOf`. */
export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  const refs = obj.metadata?.ownerReferences as OwnerReference[] | undefined;
  if (!refs) return undefined;
  // An index loop (no iterator): informers, owner indexes and controllers ask on every event.
  for (let i = 0; i < refs.length; i++) if (refs[i]!.controller === true) return refs[i];
  return undefined;
}

/** An owner reference to `owner` as controllers set it on what they create. */
export function controllerRef(resource: ResourceName, owner: KubeObject): OwnerReference {
  const info = KINDS[resource];
  return {
    apiVersion: info.apiVersion,
    kind: info.kind,
    name: nameOf(owner),
    uid: uidOf(owner),
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The involved-object reference of an event about `obj`. */
export function eventRef(resource: ResourceName, obj: KubeObject): EventRecord['ref'] {
  const info = KINDS[resource];
  const ref: EventRecord['ref'] = {
    resource,
    name: nameOf(obj),
    kind: info.kind,
    apiVersion: info.apiVersion,
  };
  if (info.namespaced) ref.namespace = namespaceOf(obj);
  const uid = uidOf(obj);
  if (uid) ref.uid = uid;
  const resourceVersion = obj.metadata?.resourceVersion;
  if (resourceVersion) ref.resourceVersion = resourceVersion;
  return ref;
}

/**
 * A deep copy of plain JSON data (cache objects are frozen; copies may be changed), equal to
 * `JSON.parse(JSON.stringify(value))` (undefined and function fields dropped, in arrays
 * turned into null; non-finite numbers become null) without building and parsing a string.
 */
export function clone<T>(value: T): T {
  return value === undefined ? value : (jsonCopy(value) as T);
}

function jsonCopy(v: unknown): unknown {
  // JSON has no -0, NaN or Infinity: -0 becomes 0, the others null.
  if (typeof v === 'number') return Number.isFinite(v) ? (v === 0 ? 0 : v) : null;
  if (v === null || typeof v !== 'object') return v;
  // Anything with its own JSON form (a Date, say) takes the slow, exact path.
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function')
    return JSON.parse(JSON.stringify(v));
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      out[i] =
        x === undefined || typeof x === 'function' || typeof x === 'symbol' ? null : jsonCopy(x);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k in v as Record<string, unknown>) {
    if (!Object.hasOwn(v, k)) continue;
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
    // JSON.parse makes `__proto__` an own field; an assignment would set the prototype.
    if (k === '__proto__')
      Object.defineProperty(out, k, {
        value: jsonCopy(x),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[k] = jsonCopy(x);
  }
  return out;
}

/** Structural equality of JSON data, key order ignored, null fields treated as absent. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  // A null field and a missing one mean the same in the API (omitempty); a merge patch may
  // turn one into the other, and treating them as different would make a writer loop.
  // Counting loops rather than key arrays: kubelets compare pod statuses on every sync.
  // Every non-null field of `a` equals `b`'s (so is non-null there) and the counts agree,
  // hence the non-null fields are the same set.
  let na = 0;
  for (const k in ao) {
    const v = ao[k];
    if (v === undefined || v === null) continue;
    na++;
    if (!deepEqual(v, bo[k])) return false;
  }
  let nb = 0;
  for (const k in bo) {
    const v = bo[k];
    if (v !== undefined && v !== null) nb++;
  }
  return na === nb;
}

/** JSON with object keys sorted at every level: a canonical serialization for hashing. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

// ---- label selectors -------------------------------------------------------------------

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/**
 * Whether `labels` satisfy a metav1.LabelSelector. An empty selector matches everything
 * (as `metav1.LabelSelectorAsSelector`), a missing one matches nothing.
 */
export function selectorMatches(
  selector: LabelSelector | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector) return false;
  const l = labels ?? {};
  const ml = selector.matchLabels;
  if (ml) {
    for (const k in ml) {
      if (Object.hasOwn(ml, k) && l[k] !== ml[k]) return false;
    }
  }
  const exprs = selector.matchExpressions;
  if (!exprs) return true;
  for (const req of exprs) {
    const has = Object.hasOwn(l, req.key);
    const values = req.values ?? [];
    switch (req.operator) {
      case 'In':
        if (!has || !values.includes(l[req.key] ?? '')) return false;
        break;
      case 'NotIn':
        if (has && values.includes(l[req.key] ?? '')) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** A Service's plain map selector (`spec.selector`); empty or missing selects nothing. */
export function mapSelectorMatches(
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  const l = labels ?? {};
  return Object.entries(selector).every(([k, v]) => l[k] === v);
}

// ---- pods ------------------------------------------------------------------------------

export function podPhase(pod: KubeObject): string {
  return statusOf<{ phase?: string }>(pod).phase ?? 'Pending';
}

export function podConditions(pod: KubeObject): Condition[] {
  return statusOf<{ conditions?: Condition[] }>(pod).conditions ?? [];
}

export function podCondition(pod: KubeObject, type: string): Condition | undefined {
  const conditions = (pod.status as { conditions?: Condition[] } | undefined)?.conditions;
  if (!conditions) return undefined;
  for (let i = 0; i < conditions.length; i++)
    if (conditions[i]!.type === type) return conditions[i];
  return undefined;
}

export function podNodeName(pod: KubeObject): string {
  return specOf<{ nodeName?: string }>(pod).nodeName ?? '';
}

/** `podutil.IsPodReady`: the Ready condition is True. */
export function isPodReady(pod: KubeObject): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

/** `controller.IsPodActive`: not Succeeded/Failed and no deletionTimestamp. */
export function isPodActive(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  return phase !== 'Succeeded' && phase !== 'Failed' && !isDeleting(pod);
}

/** Ready for at least `minReadySeconds` (`podutil.IsPodAvailable`). */
export function isPodAvailable(
  pod: KubeObject,
  minReadySeconds: number,
  now: number,
  parse: (ts: string) => number,
): boolean {
  const ready = podCondition(pod, 'Ready');
  if (ready?.status !== 'True') return false;
  if (minReadySeconds <= 0) return true;
  if (!ready.lastTransitionTime) return false;
  return parse(ready.lastTransitionTime) + minReadySeconds * 1000 <= now;
}

/**
 * Set a condition the way `SetDeploymentCondition` / `UpdatePodCondition` do: a condition
 * with the same status keeps its lastTransitionTime; an identical status and reason leaves
 * the list unchanged. The changed condition moves to the end, as the Go helpers append it.
 */
export function setCondition(conditions: readonly Condition[], next: Condition): Condition[] {
  const current = conditions.find((c) => c.type === next.type);
  if (current && current.status === next.status && current.reason === next.reason) {
    return [...conditions];
  }
  const merged: Condition = { ...next };
  if (current && current.status === next.status && current.lastTransitionTime) {
    merged.lastTransitionTime = current.lastTransitionTime;
  }
  return [...conditions.filter((c) => c.type !== next.type), merged];
}

/** A copy of `obj` without `metadata.resourceVersion`, so the write skips the conflict check. */
export function withoutResourceVersion(obj: KubeObject): KubeObject {
  const copy = clone(obj);
  if (copy.metadata) {
    const { resourceVersion: _rv, ...meta } = copy.metadata;
    copy.metadata = meta;
  }
  return copy;
}

// ---- memoized pod facts ----------------------------------------------------------------

/** What controllers ask of a pod again and again, computed once per (frozen) pod object. */
export interface PodFacts {
  /** uid of the controlling owner reference, or undefined. */
  controllerUid: string | undefined;
  deleting: boolean;
  /** `controller.IsPodActive`. */
  active: boolean;
  /** The Ready condition, if any. */
  ready: Condition | undefined;
  nodeName: string;
}

const podFactsMemo = new WeakMap<KubeObject, PodFacts>();

/**
 * The facts of `pod`. Cache objects are frozen, so the answer is memoized by object identity
 * (a pod is looked at by many reconciles between two of its changes); unfrozen objects (test
 * fixtures that may still change) are recomputed each time.
 */
export function podFacts(pod: KubeObject): PodFacts {
  const memo = podFactsMemo.get(pod);
  if (memo) return memo;
  const ready = podCondition(pod, 'Ready');
  const facts: PodFacts = {
    controllerUid: controllerOf(pod)?.uid,
    deleting: isDeleting(pod),
    active: isPodActive(pod),
    ready,
    nodeName: podNodeName(pod),
  };
  if (Object.isFrozen(pod)) podFactsMemo.set(pod, facts);
  return facts;
}

/**
 * The object for an `updateStatus` write: `obj` with `status` replaced and no resourceVersion
 * (skipping the conflict check), sharing the rest of the (frozen, unchanged) object instead of
 * deep-copying it.
 */
export function withStatus(obj: KubeObject, status: unknown): KubeObject {
  const { resourceVersion: _rv, ...meta } = obj.metadata ?? {};
  return { ...obj, metadata: meta, status } as KubeObject;
}
