/**
 * The simulated kube-apiserver: the only component that reads and writes etcd.
 *
 * Every request is recorded as a message from the calling actor (kubectl, a controller, the
 * scheduler, a kubelet) to the API server, followed by the API server's etcd traffic. Writes
 * go through the real pipeline order: defaulting → mutating admission (NamespaceLifecycle,
 * DefaultTolerationSeconds, ServiceAccount, Priority) → name generation → the pod strategy's
 * PrepareForCreate (the SchedulingGated condition) → validation → storage with optimistic
 * concurrency. Watchers are told about every change through `onWatchEvent`.
 */

import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import type {
  ApiClient,
  DeleteOptions,
  KubeObject,
  ListOptions,
  ObjectList,
  PatchType,
  ResourceName,
  Result,
  Status,
  WriteOptions,
} from '../api/types.ts';
import type { Etcd, KeyValue } from '../etcd/etcd.ts';
import { LeaseManager } from '../etcd/leaseManager.ts';
import type { Actor, Hop, Message, ObjRef, WatchEvent } from '../runtime/controller.ts';
import { parseTimestamp, rfc3339 } from '../util/clock.ts';
import { flat, msgKey } from '../util/flat.ts';
import { goSprint } from '../util/gofmt.ts';
import { generateName, uuid } from '../util/names.ts';
import { clone, cloneShared, shallowCopy } from '../util/persistentMap.ts';
import { createRng, type Rng } from '../util/rng.ts';
import { decodeFindings, structFor, withoutEmptyOmitted, withoutFields } from './decode.ts';
import {
  applyDefaults,
  defaultDaemonSet,
  defaultPodRequests,
  defaultPodSpec,
  generateJobSelector,
  qosClass,
  writablePodForCreate,
} from './defaults.ts';
import { authorizeNodeUser, type NodeGraphSource, nodeIdentity } from './nodeAuthorizer.ts';
import { admitPodSecurity, namespaceLevelWarnings } from './podSecurity.ts';

/** Resources whose spec defaults are re-applied on update and patch (their defaulting needs no randomness). */
const DEFAULTED_ON_UPDATE: ReadonlySet<ResourceName> = new Set([
  'deployments',
  'replicasets',
  'statefulsets',
  'services',
  'jobs',
  'cronjobs',
]);

/** The failure for a resource type the server does not serve. */
function unknownResource(resource: string): { ok: false; status: Status } {
  return {
    ok: false,
    status: badRequest(`the server doesn't have a resource type "${resource}"`),
  };
}

import { appArmorTemplateWarnings, applyAppArmorVersionSkew } from './appArmor.ts';
import {
  defaultCsrConditions,
  KUBEADM_ADMIN_USER,
  prepareCsrCreate,
  validateCsrApproval,
} from './certificates.ts';
import { defaultStorageClassName } from './claimQuota.ts';
import { withVirtualRenewal } from './controlPlaneLeases.ts';
import {
  canIgnorePdb,
  evictionVerdict,
  initialPdbStatus,
  MULTIPLE_PDBS,
  pdbSelects,
} from './disruption.ts';
import { ephemeralContainersUpdate } from './ephemeralContainers.ts';
import {
  alreadyExists,
  badRequest,
  conflict,
  type FieldError,
  forbidden,
  internalError,
  invalid,
  invalidPatch,
  methodNotAllowed,
  notFound,
  patchNotApplied,
  unknownError,
} from './errors.ts';
import { hpaFromV1, hpaToV1 } from './hpa.ts';
import { applyJsonPatch, decodeJsonPatch, JsonPatchError } from './jsonPatch.ts';
import {
  applyConfiguration,
  applyConflictStatus,
  createdAsDecoded,
  type ManagedWrite,
  recordUpdate,
} from './managedFields.ts';
import { mergePatch, mergePatchShared } from './mergePatch.ts';
import { admitDefaultIngressClass, ingressCreateWarnings } from './networking.ts';
import { schemaOf } from './patchMeta.ts';
import {
  applySchedulingGatedCondition,
  validatePodCreate,
  validatePodUpdate,
} from './podStrategy.ts';
import {
  admitPodPriority,
  admitPriorityClass,
  keepPodPriority,
  SYSTEM_PRIORITY_CLASSES,
  validatePriorityClassUpdate,
} from './priority.ts';
import { compareQuantities } from './quantity.ts';
import { admitQuota, applyLimitRangeDefaults, limitRangeViolations } from './quota.ts';
import {
  type Attributes,
  authorize,
  type Decision,
  escalationError,
  forbiddenMessage,
  type PolicyRule,
  RBAC_GROUP,
  type RbacStore,
  type RulesReview,
  roleRefRules,
  rulesFor,
  type UserInfo,
  validateBindingUpdate,
} from './rbac.ts';
import { etcdKey, RESOURCES, type ResourceDef, resourceOfKey, restPath } from './resources.ts';
import { SCALABLE, scaleOf } from './scale.ts';
import { convertSecret, secretDataError } from './secretConversion.ts';
import {
  type FieldRequirement,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  type Requirement,
  unsupportedFieldLabel,
} from './selectors.ts';
import { PV_PROTECTION_FINALIZER, PVC_PROTECTION_FINALIZER } from './storage.ts';
import { StrategicMergeError, strategicMergePatch } from './strategicMerge.ts';
import { createTokenRequest } from './tokenRequest.ts';
import { validateUpdateRules } from './updateValidation.ts';
import { isDNS1123Subdomain, isDnsSubdomainName, validateObject } from './validation.ts';

/** Namespaces the NamespaceLifecycle admission plugin refuses to delete. */
export const IMMORTAL_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public'];

/** The client the engine's own actors use: the public ApiClient plus subresources. */
export interface ClusterClient extends ApiClient {
  /** PUT …/status: replaces only `status`. */
  updateStatus(
    resource: ResourceName,
    namespace: string | undefined,
    obj: KubeObject,
  ): Result<KubeObject>;
  /** PATCH …/status (merge patch on `status` and nothing else). */
  patchStatus(
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
    patch: Record<string, unknown>,
  ): Result<KubeObject>;
  /** POST pods/<name>/binding: what the scheduler does. */
  bind(namespace: string, name: string, node: string): Result<KubeObject>;
  /** DELETE on a collection: each matching object is deleted as by `delete`. */
  deleteCollection(
    resource: ResourceName,
    namespace: string,
    opts?: DeleteOptions & { labelSelector?: string },
  ): Result<ObjectList>;
}

/** The field manager of a component's writes (its user agent's name). */
function managerOf(actor: Actor): string {
  if (actor === 'controller-manager') return 'kube-controller-manager';
  if (actor === 'scheduler') return 'kube-scheduler';
  if (actor.startsWith('kubelet/')) return 'kubelet';
  return actor;
}

export type MessageInput = Omit<Message, 'id' | 'seq' | 'at'>;

export interface ApiServerDeps {
  etcd: Etcd<KubeObject>;
  rng: Rng;
  /** Virtual ms now. */
  now(): number;
  /** Append a message to the cluster's log. */
  record(m: MessageInput): void;
  /** `record` with the fields one by one (no input object per message), when available. */
  hop?: (...args: Parameters<Hop>) => void;
}

type Obj = Record<string, unknown>;
type Meta = { -readonly [K in keyof ObjectMeta]: ObjectMeta[K] };

/**
 * The fields ignored when deciding whether a write is housekeeping: resourceVersion,
 * lastHeartbeatTime, renewTime, managedFields. Compared one by one rather than looked up in a
 * Set: property names are internalized strings, so each comparison is a pointer check.
 */
function ignoredForHousekeeping(k: string): boolean {
  return (
    k === 'resourceVersion' ||
    k === 'lastHeartbeatTime' ||
    k === 'renewTime' ||
    k === 'managedFields'
  );
}

/** Deep equality ignoring heartbeat-only fields (decides whether a write is housekeeping). */
function sameIgnoringHeartbeats(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  // No key arrays: this runs on every write (housekeeping detection).
  let na = 0;
  for (const k in a as Obj) {
    if (ignoredForHousekeeping(k)) continue;
    na++;
    if (!sameIgnoringHeartbeats((a as Obj)[k], (b as Obj)[k])) return false;
  }
  let nb = 0;
  for (const k in b as Obj) if (!ignoredForHousekeeping(k)) nb++;
  return na === nb;
}

/**
 * Whether an Event's repeats are a periodic resync's, not progress: the HPA controller records
 * the same warnings (FailedGetResourceMetric, FailedComputeMetricsReplicas) on every 15 s sync
 * while its metrics are missing, and nothing else happens meanwhile. (A kubelet's repeated
 * BackOff or probe events go with its retries, and stay what they were.)
 */
function resyncRepeat(event: Obj): boolean {
  return (
    (event.source as { component?: string } | undefined)?.component === 'horizontal-pod-autoscaler'
  );
}

/**
 * An Event written again only to count one more occurrence (the correlator's patch of count and
 * lastTimestamp, message unchanged): upkeep like a heartbeat, so a controller that records the
 * same warning every sync (an HPA without metrics) does not keep `settle()` busy.
 */
function sameEventRepeated(a: Obj, b: Obj): boolean {
  for (const k in a) {
    if (k === 'count' || k === 'lastTimestamp') continue;
    if (!(k in b) || !sameIgnoringHeartbeats(a[k], b[k])) return false;
  }
  for (const k in b) if (!(k in a) && k !== 'count' && k !== 'lastTimestamp') return false;
  return true;
}

/**
 * `sameIgnoringHeartbeats(a, b)` for two objects, with the answer for one pair of their
 * values already known (`knownA`, `knownB` → `knownSame`): a status write compares the new
 * status before its request is recorded, and the whole new version again before the put, and
 * the second walk need not repeat the first. The answer is a function of the pair alone, so
 * using it wherever the pair shows up gives exactly the full comparison's result.
 */
function sameKnowing(
  a: Obj,
  b: Obj,
  knownA: unknown,
  knownB: unknown,
  knownSame: boolean,
): boolean {
  if (a === b) return true;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  let na = 0;
  for (const k in a) {
    if (ignoredForHousekeeping(k)) continue;
    na++;
    const x = a[k];
    const y = b[k];
    if (x === knownA && y === knownB ? !knownSame : !sameIgnoringHeartbeats(x, y)) return false;
  }
  let nb = 0;
  for (const k in b) if (!ignoredForHousekeeping(k)) nb++;
  return na === nb;
}

/**
 * The service REST update's patchAllocatedValues and normalizeClusterIPs: a request without a
 * cluster IP keeps the allocated one; a changed `clusterIP` with `clusterIPs` left as they were
 * becomes the new `clusterIPs` (so validation sees, and refuses, the change).
 */
function normalizeClusterIPs(spec: Obj, oldSpec: Obj | undefined): void {
  if (!oldSpec || spec.type === 'ExternalName' || oldSpec.type === 'ExternalName') return;
  if (spec.clusterIP === undefined || spec.clusterIP === '') {
    if (oldSpec.clusterIP !== undefined) spec.clusterIP = oldSpec.clusterIP;
    if (spec.clusterIPs === undefined && oldSpec.clusterIPs !== undefined)
      spec.clusterIPs = oldSpec.clusterIPs;
    return;
  }
  if (spec.clusterIP !== oldSpec.clusterIP && deepEqual(spec.clusterIPs, oldSpec.clusterIPs)) {
    spec.clusterIPs = [spec.clusterIP];
  }
}

/**
 * What validation sees of an update to a kind whose stored object is not re-defaulted here
 * (pods, DaemonSets): the real server defaults every decoded request, so a field left out of
 * a PUT (a port's protocol, say) is defaulted, not missing. Pods get SetDefaults_PodSpec only
 * (admission's additions are create-time).
 */
function defaultedForValidation(resource: ResourceName, next: KubeObject): KubeObject {
  if (resource === 'pods' && next.spec) {
    const spec = clone(next.spec) as Obj;
    defaultPodSpec(spec);
    defaultPodRequests(spec);
    return { ...next, spec };
  }
  if (resource === 'daemonsets') {
    const copy = { ...next, spec: clone(next.spec ?? {}) } as KubeObject;
    defaultDaemonSet(copy as Obj);
    return copy;
  }
  return next;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const EXTERNAL_ACTORS = new Set<Actor>(['kubectl', 'developer']);

/** The message kind and HTTP method of a request by its authorization verb. */
const REQUEST_OF_VERB: Readonly<Record<string, readonly [string, string]>> = {
  get: ['api.get', 'GET'],
  list: ['api.list', 'GET'],
  watch: ['api.list', 'GET'],
  create: ['api.create', 'POST'],
  update: ['api.update', 'PUT'],
  patch: ['api.patch', 'PATCH'],
  delete: ['api.delete', 'DELETE'],
  deletecollection: ['api.deleteCollection', 'DELETE'],
};

/** A request memo entry (see ApiServer #request). */
interface ObjectRequest {
  kind: string;
  r: ResourceDef;
  /** The namespace, '' for none (see NameMemo). */
  ns: string;
  suffix: string;
  label: string;
  summary: Message['summary'];
}

/** An object's etcd key (see ApiServer #objectKey), and the summary of an etcd put at it. */
interface KeyEntry {
  r: ResourceDef;
  /** The namespace, '' for none (see NameMemo). */
  ns: string;
  key: string;
  put?: Message['summary'];
}

/**
 * What the API server remembers of one object name (see ApiServer #nameMemo). Its entries
 * keep a cluster-scoped object's namespace as '' rather than undefined: compared with a
 * string, undefined costs the optimized lookup a deoptimization the first time it comes.
 */
interface NameMemo {
  /** The name's etcd keys, one per resource and namespace asked for. */
  keys: KeyEntry[];
  /** Actor → the requests seen (a handful: verb and subresource, resource, namespace). */
  requests: Map<Actor, ObjectRequest[]>;
}

/** The summary of a request message. */
function requestSummary(
  kind: string,
  actor: Actor,
  r: ResourceDef,
  ns: string | undefined,
  name: string,
): Message['summary'] {
  // Two literals rather than a spread in one: a new summary per Event created.
  return {
    key: msgKey(kind),
    params: ns
      ? { actor, resource: r.resource, name, namespace: ns }
      : { actor, resource: r.resource, name },
  };
}

/** PATCH options with the patch's Content-Type. */
type TypedPatchOptions = WriteOptions & { patchType: PatchType };

/** The Content-Type kubectl sends with each kind of patch. */
const CONTENT_TYPES: Readonly<Record<PatchType, string>> = {
  strategic: 'application/strategic-merge-patch+json',
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  apply: 'application/apply-patch+yaml',
};

/**
 * Apply a patch of a given type to a stored object's JSON (the patch handler's
 * applyPatchToCurrentObject), or the API server's answer to a patch that does not apply.
 */
export function applyTypedPatch(
  r: ResourceDef,
  doc: Obj,
  body: unknown,
  type: PatchType,
): Result<unknown> {
  try {
    if (type === 'json') {
      let ops: Obj[];
      try {
        ops = decodeJsonPatch(body);
      } catch (e) {
        if (e instanceof JsonPatchError) return { ok: false, status: badRequest(e.message) };
        throw e;
      }
      return { ok: true, value: applyJsonPatch(doc, ops) };
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      const t = Array.isArray(body) ? 'array' : typeof body;
      return {
        ok: false,
        status: badRequest(
          `json: cannot unmarshal ${t} into Go value of type map[string]interface {}`,
        ),
      };
    }
    if (type === 'merge') return { ok: true, value: mergePatch(doc, body) };
    return { ok: true, value: strategicMergePatch(doc, body as Obj, schemaOf(r.resource)) };
  } catch (e) {
    if (e instanceof JsonPatchError) return { ok: false, status: patchNotApplied() };
    if (e instanceof StrategicMergeError) {
      const status =
        e.kind === 'BadRequest'
          ? badRequest(e.message)
          : e.kind === 'Invalid'
            ? patchNotApplied()
            : unknownError(e.message);
      return { ok: false, status };
    }
    throw e;
  }
}

/**
 * An autoscaling/v1 HorizontalPodAutoscaler request body, converted to the stored v2. A patch
 * is applied to the stored object: kubectl apply's patch of a v1 manifest sets `apiVersion`,
 * and the merged object is converted the same way.
 */
function v2Body(r: ResourceDef, body: KubeObject): KubeObject {
  return r.resource === 'horizontalpodautoscalers' && body.apiVersion === 'autoscaling/v1'
    ? hpaFromV1(body)
    : body;
}

/** Deep equality of JSON values, key order aside. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => sameJson(v, bb[i]));
  }
  const ao = a as Obj;
  const bo = b as Obj;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => Object.hasOwn(bo, k) && sameJson(ao[k], bo[k]));
}

/**
 * kube-apiserver's `--event-ttl` (default 1h0m0s; kubeadm leaves it): Events are stored with an
 * etcd lease of this many seconds, renewed by every write (create and update alike: the Event
 * registry's TTLFunc returns it for both), so an Event goes an hour after its last update.
 */
export const EVENT_TTL_SECONDS = 3600;

/** The annotation a DaemonSet's template generation is kept in (apps/v1 DeprecatedTemplateGeneration). */
const DS_TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';

/** `result` with the request's warnings, when it succeeded and there are any. */
/** The kinds PodSecurity admission checks: pods, and the workloads that carry a pod template. */
const POD_SECURITY_KINDS: ReadonlySet<string> = new Set([
  'pods',
  'deployments',
  'replicasets',
  'statefulsets',
  'daemonsets',
  'jobs',
  'cronjobs',
]);
const POD_SECURITY_LABEL = 'pod-security.kubernetes.io/';

/**
 * Whether a namespace's labels name a Pod Security level: asked on every pod create, of the
 * stored (frozen, so unchanging) labels of its namespace, the same object create after create.
 */
function hasPodSecurityLabel(labels: Readonly<Record<string, string>>): boolean {
  if (labels === lastNsLabels) return lastNsLabelsAnswer;
  let found = false;
  for (const k in labels) {
    if (k.startsWith(POD_SECURITY_LABEL)) {
      found = true;
      break;
    }
  }
  if (Object.isFrozen(labels)) {
    lastNsLabels = labels;
    lastNsLabelsAnswer = found;
  }
  return found;
}
let lastNsLabels: object | undefined;
let lastNsLabelsAnswer = false;

/** `Object.keys(o).length === 0` without the array. */
function isEmptyObject(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

const NO_ERRORS: readonly string[] = Object.freeze([]);

/**
 * `/registry/events/<ns>/` by namespace, one flat string each (see #createRecordedEvent). Shared
 * by every API server: a new cluster finds its namespaces' prefixes made, so the optimized code
 * of the Event create does not meet the branch that makes one (never run since it was compiled)
 * and is not thrown away for it. Bounded.
 */
const EVENT_KEY_PREFIXES = new Map<string, string>();

function eventKeyPrefix(r: ResourceDef, ns: string): string {
  if (EVENT_KEY_PREFIXES.size >= 1024) EVENT_KEY_PREFIXES.clear();
  const prefix = flat(`${r.etcdPrefix}/${ns}/`);
  EVENT_KEY_PREFIXES.set(ns, prefix);
  return prefix;
}

/**
 * Whether `body`, created with `owned`, is an Event as the runtime's recorders build it (see
 * runtime.ts #createEvent): `v1` `Event`, its metadata only a name and the request's
 * namespace, no dry run or field validation. For such a body decoding, defaulting and
 * admission other than NamespaceLifecycle and ResourceQuota change nothing, and validation
 * only checks the name (see #createRecordedEvent).
 */
function isRecordedEvent(body: KubeObject, ns: string | undefined): boolean {
  if (body.apiVersion !== 'v1' || body.kind !== 'Event' || !ns) return false;
  const meta = body.metadata as Meta | undefined;
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) return false;
  if (typeof meta.name !== 'string' || meta.name === '' || meta.namespace !== ns) return false;
  for (const k in meta) if (k !== 'name' && k !== 'namespace') return false;
  return true;
}

/**
 * `result` with the Warning headers its body's decoding gave (`unknown field …` under
 * fieldValidation=Warn), whatever the outcome: the decoder adds them to the request before
 * admission and validation run, so a refused request sends them too.
 */
function withDecodeWarnings<T>(result: Result<T>, warnings: string[] | undefined): Result<T> {
  if (!warnings?.length) return result;
  return { ...result, warnings: result.warnings ? [...warnings, ...result.warnings] : warnings };
}

/** `result` with the request's earlier warnings first, when it succeeded. */
function withWarnings<T>(result: Result<T>, warnings: string[] | undefined): Result<T> {
  return result.ok ? withDecodeWarnings(result, warnings) : result;
}

/**
 * Whether an update moves `metadata.generation`: a spec change, or for an EndpointSlice (no
 * spec) a change of anything but metadata, or of its labels (its strategy's PrepareForUpdate).
 */
function generationChanged(r: ResourceDef, old: KubeObject, next: KubeObject): boolean {
  if (r.resource !== 'endpointslices') return !deepEqual(old.spec, next.spec);
  return (
    !deepEqual(old.addressType, next.addressType) ||
    !deepEqual(old.endpoints ?? null, next.endpoints ?? null) ||
    !deepEqual(old.ports ?? null, next.ports ?? null) ||
    !deepEqual(old.metadata?.labels ?? {}, next.metadata?.labels ?? {})
  );
}

export class ApiServer {
  readonly #etcd: Etcd<KubeObject>;
  /** The etcd leases Events are written with (storage/etcd3's lease manager). */
  readonly #leases: LeaseManager;
  readonly #rng: Rng;
  /**
   * Names and uids of EndpointSlices come from a random stream of their own, so that adding the
   * endpointslice controller left every other generated name and uid as it was (the real
   * generator is one shared stream; which stream draws a random suffix is invisible).
   */
  readonly #sliceRng: Rng;
  /** {@link #priorityClasses}'s list, dropped whenever a PriorityClass key changes. */
  #priorityClassList: KubeObject[] | undefined;
  /** Per namespace, its ResourceQuotas and LimitRanges (the admission plugins' listers). */
  readonly #quotaLists = new Map<string, KubeObject[]>();
  /** The warnings a create's strategy has added so far (kept for a refusal after them). */
  #strategyWarnings: string[] | undefined;
  readonly #limitRangeLists = new Map<string, KubeObject[]>();
  /** Per namespace, its PodDisruptionBudgets (what an eviction lists). */
  readonly #pdbLists = new Map<string, KubeObject[]>();
  /** The cluster's clock and message log (see {@link ApiServerDeps}). */
  readonly #deps: ApiServerDeps;
  #housekeeping = false;
  /** The resource being written (set around each etcd write, for the watch callback). */
  #writing: ResourceDef | undefined;
  /**
   * The status pair a status write has compared (stored, new) and the answer, for the
   * housekeeping decision of its #finishUpdate (see sameKnowing); cleared there.
   */
  #knownOld: unknown;
  #knownNew: unknown;
  /** True when cleared: the pair is then (undefined, undefined), which compares the same. */
  #knownSame = true;
  #lastRef: ObjRef | undefined;
  /**
   * A compact log: messages are never mutated, so requests repeating a label (status updates,
   * heartbeats, etcd hops on one key) share one label string and one summary instead of
   * holding copies. Bounded by the distinct (actor, object, verb) combinations seen.
   */
  readonly #requestMemo = new Map<string, { label: string; summary: Message['summary'] }>();
  /**
   * The same memo for requests naming an object, found without building the label, and the
   * object's etcd key: object name → its memo.
   */
  readonly #nameMemos = new Map<string, NameMemo>();
  /** The last name looked up there (a request looks its name up for the key, then the memo). */
  #lastName: string | undefined;
  #lastNameMemo: NameMemo | undefined;
  /** The key entry #objectKey returned last. */
  #lastKeyEntry: KeyEntry | undefined;
  readonly #etcdMemo = new Map<string, Map<string, Message['summary']>>();
  /** Resource → namespace → method → `<method> <collection path>` (see #collectionLabel). */
  readonly #collectionLabels = new Map<ResourceDef, Map<string, Map<string, string>>>();
  #lastCollectionLabel:
    | { method: string; r: ResourceDef; ns: string | undefined; label: string }
    | undefined;
  /** The etcd key of the ServiceAccount the last pod create read (see #podServiceAccount). */
  #lastServiceAccountKey: { ns: string; name: string; key: string } | undefined;
  /** Namespace → its etcd key (see #admitNamespace); bounded by the namespaces named. */
  readonly #namespaceKeys = new Map<string, string>();
  /** Set by the runtime: receives every change, in revision order. */
  onWatchEvent: (event: WatchEvent, housekeeping: boolean) => void = () => {};

  constructor(deps: ApiServerDeps) {
    this.#etcd = deps.etcd;
    this.#leases = new LeaseManager(deps.etcd, deps);
    this.#rng = deps.rng;
    this.#sliceRng = createRng((deps.rng.state ^ 0x1b873593) >>> 0);
    this.#deps = deps;
    this.#etcd.watch('/registry/', (e) => {
      const r = this.#writing ?? resourceOfKey(e.kv.key);
      if (!r) return;
      if (r.resource === 'priorityclasses') this.#priorityClassList = undefined;
      else if (r.resource === 'resourcequotas') this.#quotaLists.clear();
      else if (r.resource === 'limitranges') this.#limitRangeLists.clear();
      else if (r.resource === 'poddisruptionbudgets') this.#pdbLists.clear();
      if (e.type === 'PUT') {
        // Two literals rather than a spread in one: no temporary object to build and copy.
        this.onWatchEvent(
          e.prevKv
            ? {
                type: 'MODIFIED',
                resource: r.resource,
                object: e.kv.value,
                old: e.prevKv.value,
              }
            : { type: 'ADDED', resource: r.resource, object: e.kv.value },
          this.#housekeeping,
        );
      } else {
        const last = e.prevKv!.value;
        const object = Object.freeze({
          ...last,
          metadata: Object.freeze({ ...last.metadata, resourceVersion: String(e.revision) }),
        });
        this.onWatchEvent(
          { type: 'DELETED', resource: r.resource, object, old: last },
          this.#housekeeping,
        );
      }
    });
  }

  // Called as methods of `deps` (not stored as functions): when deps is one class's instance,
  // as the cluster's is, these calls keep one target from one cluster to the next.
  #now(): number {
    return this.#deps.now();
  }

  #record(m: MessageInput): void {
    this.#deps.record(m);
  }

  #hop(
    from: Actor,
    to: Actor,
    kind: string,
    ref: ObjRef | undefined,
    summary: Message['summary'],
    label?: string,
    housekeeping?: boolean,
  ): void {
    const deps = this.#deps;
    if (deps.hop !== undefined) {
      deps.hop(from, to, kind, ref, summary, label, housekeeping);
      return;
    }
    deps.record({
      from,
      to,
      kind,
      summary,
      ...(ref ? { ref } : {}),
      ...(label !== undefined ? { label } : {}),
      ...(housekeeping ? { housekeeping } : {}),
    });
  }

  /** The current etcd revision. */
  get revision(): number {
    return this.#etcd.revision;
  }

  /** A client whose every request is recorded as coming from `actor`. */
  client(actor: Actor): ClusterClient {
    return {
      create: (r, ns, o, opts) => this.create(actor, r, ns, o, opts),
      get: (r, ns, name) => this.get(actor, r, ns, name),
      list: (r, ns, opts) => this.list(actor, r, ns, opts),
      update: (r, ns, o, opts) => this.update(actor, r, ns, o, opts),
      patch: (r, ns, name, p, opts) =>
        opts?.patchType
          ? this.typedPatch(actor, r, ns, name, p, opts as TypedPatchOptions)
          : this.patch(actor, r, ns, name, p as Obj, opts, false),
      delete: (r, ns, name, opts) => this.delete(actor, r, ns, name, opts),
      updateStatus: (r, ns, o) => this.updateStatus(actor, r, ns, o),
      patchStatus: (r, ns, name, p) => this.patch(actor, r, ns, name, p, {}, true),
      bind: (ns, name, node) => this.bind(actor, ns, name, node),
      deleteCollection: (r, ns, opts) => this.deleteCollection(actor, r, ns, opts),
      connect: (sub, ns, name, container) => this.connect(actor, sub, ns, name, container),
      createToken: (ns, name, request) => this.createToken(actor, ns, name, request),
    };
  }

  /** POST serviceaccounts/NAME/token (tokenRequest.ts), with the reads it makes. */
  createToken(
    actor: Actor,
    namespace: string,
    name: string,
    request: KubeObject,
  ): Result<KubeObject> {
    const r = RESOURCES.serviceaccounts;
    this.#request(actor, 'api.create', r, namespace, name, 'POST', name, '/token', false, false);
    const result = createTokenRequest(namespace, name, request, {
      read: (resource, ns, objName) => {
        const def = RESOURCES[resource];
        const key = this.#objectKey(def, ns, objName);
        this.#etcdMessage('etcd.get', def, ns, objName, key, false);
        return this.#etcd.get(key, def.etcdPrefix)?.value;
      },
      now: this.#now(),
      newUuid: () => uuid(this.#rng),
    });
    return this.#respond(actor, r, namespace, name, result, 201);
  }

  /**
   * `exec`, `attach`, `portforward` or `log` of a pod (a container of it; see
   * ApiClient.connect): the request, the pod read from etcd, the request forwarded to the
   * kubelet of the pod's node (its port 10250) and, but for a log, the kubelet's CRI call to
   * the runtime (Exec, Attach, PortForward); then the answer (101 Switching Protocols: the
   * streams go over an upgraded connection; 200 for a log).
   */
  connect(
    actor: Actor,
    sub: 'exec' | 'log' | 'attach' | 'portforward',
    namespace: string | undefined,
    name: string,
    container: string,
  ): Result<KubeObject> {
    const r = RESOURCES.pods;
    const ns = namespace ?? 'default';
    const exec = sub !== 'log';
    this.#request(
      actor,
      `api.${sub}`,
      r,
      ns,
      name,
      exec ? 'POST' : 'GET',
      name,
      `/${sub}`,
      false,
      false,
      { container },
    );
    const key = this.#objectKey(r, ns, name);
    this.#etcdMessage('etcd.get', r, ns, name, key, false);
    const kv = this.#etcd.get(key, r.etcdPrefix);
    if (!kv) return this.#fail(actor, r, ns, name, notFound(r, name));
    const node = (kv.value.spec as { nodeName?: string } | undefined)?.nodeName;
    if (node) {
      const ref = this.#ref(r, ns, name);
      const params = { pod: name, namespace: ns, container, node };
      // The kubelet server's paths; a port forward is to the pod (its network namespace).
      const path = {
        exec: `exec/${ns}/${name}/${container}`,
        log: `containerLogs/${ns}/${name}/${container}`,
        attach: `attach/${ns}/${name}/${container}`,
        portforward: `portForward/${ns}/${name}`,
      }[sub];
      this.#hop(
        'api-server',
        `kubelet/${node}`,
        `kubelet.${sub}`,
        ref,
        { key: `msg.kubelet.${sub}`, params },
        `${exec ? 'POST' : 'GET'} :10250/${path}`,
        false,
      );
      if (exec) {
        this.#hop(
          `kubelet/${node}`,
          `container-runtime/${node}`,
          `cri.${sub}`,
          ref,
          { key: `msg.cri.${sub}`, params },
          { exec: 'Exec', attach: 'Attach', portforward: 'PortForward' }[sub],
          false,
        );
      }
    }
    return this.#respond(actor, r, ns, name, { ok: true, value: kv.value }, exec ? 101 : 200);
  }

  /**
   * A client whose requests carry `user` (kubectl's `--as`, the impersonated identity): each is
   * authorized first (RBAC), and a refused one answers Forbidden without reaching storage. The
   * cluster's own components use {@link client}, which is not authorized per request.
   */
  clientAs(actor: Actor, user: UserInfo): ClusterClient {
    const inner = this.client(actor);
    const gate = <T>(
      resource: ResourceName,
      namespace: string | undefined,
      name: string,
      verb: string,
      subresource: string,
      go: () => Result<T>,
      fieldSelector?: string,
    ): Result<T> => {
      const r = this.#def(resource);
      if (!r) return go();
      const ns = r.namespaced
        ? verb === 'list' || verb === 'deletecollection'
          ? namespace
          : this.#ns(r, namespace)
        : undefined;
      const a: Attributes = {
        verb,
        resource: r.resource,
        apiGroup: r.group,
        ...(subresource ? { subresource } : {}),
        ...(ns ? { namespace: ns } : {}),
        ...(name ? { name } : {}),
        ...(fieldSelector ? { fieldSelector } : {}),
      };
      const d = this.authorize(user, a);
      if (d.allowed) return go();
      // The request reaches the API server, which refuses it before any storage.
      const [kind, method] = REQUEST_OF_VERB[verb] ?? ['api.get', 'GET'];
      const collection = verb === 'list' || verb === 'deletecollection' || verb === 'create';
      this.#request(
        actor,
        kind,
        r,
        ns,
        collection ? '' : name,
        method,
        collection ? undefined : name,
        subresource ? `/${subresource}` : '',
        false,
        false,
      );
      return this.#fail(
        actor,
        r,
        ns,
        name,
        forbidden(r, name, forbiddenMessage(user, a, d.reason)),
      );
    };
    const nameOf = (o: KubeObject) => o.metadata?.name ?? '';
    const nsOf = (ns: string | undefined, o: KubeObject) =>
      ns ?? o.metadata?.namespace ?? undefined;
    return {
      // A create names no object in its attributes (the name is not known to the URL).
      create: (r, ns, o, opts) =>
        gate(r, nsOf(ns, o), '', 'create', '', () =>
          this.#escalationCheck(actor, user, r, nsOf(ns, o), o, () => {
            this.#requestUser = user;
            try {
              return inner.create(r, ns, o, opts);
            } finally {
              this.#requestUser = undefined;
            }
          }),
        ),
      get: (r, ns, name) => gate(r, ns, name, 'get', '', () => inner.get(r, ns, name)),
      list: (r, ns, opts) =>
        gate(r, ns, '', 'list', '', () => inner.list(r, ns, opts), opts?.fieldSelector),
      // PUT …/namespaces/NAME/finalize is authorized on namespaces/finalize.
      update: (r, ns, o, opts) =>
        gate(r, nsOf(ns, o), nameOf(o), 'update', opts?.subresource ?? '', () =>
          this.#escalationCheck(actor, user, r, nsOf(ns, o), o, () => inner.update(r, ns, o, opts)),
        ),
      // A patch through a subresource (kubectl scale's PATCH …/scale) is authorized on it.
      patch: (r, ns, name, p, opts) =>
        gate(r, ns, name, 'patch', opts?.subresource ?? '', () =>
          this.#patchEscalationCheck(user, r, ns, () => inner.patch(r, ns, name, p, opts)),
        ),
      // An eviction is a create of the pod's eviction subresource (POST …/pods/NAME/eviction).
      delete: (r, ns, name, opts) =>
        opts?.eviction
          ? gate(r, ns, name, 'create', 'eviction', () => inner.delete(r, ns, name, opts))
          : gate(r, ns, name, 'delete', '', () => inner.delete(r, ns, name, opts)),
      updateStatus: (r, ns, o) =>
        gate(r, nsOf(ns, o), nameOf(o), 'update', 'status', () => inner.updateStatus(r, ns, o)),
      patchStatus: (r, ns, name, p) =>
        gate(r, ns, name, 'patch', 'status', () => inner.patchStatus(r, ns, name, p)),
      bind: (ns, name, node) =>
        gate('pods', ns, name, 'create', 'binding', () => inner.bind(ns, name, node)),
      deleteCollection: (r, ns, opts) =>
        gate(r, ns, '', 'deletecollection', '', () => inner.deleteCollection(r, ns, opts)),
      // pods/exec and pods/log are authorized by the caller (kubectl's authorizePodSubresource).
      connect: (sub, ns, name, container) => this.connect(actor, sub, ns, name, container),
      createToken: (ns, name, request) =>
        gate('serviceaccounts', ns, name, 'create', 'token', () =>
          inner.createToken!(ns, name, request),
        ),
    };
  }

  /**
   * The RBAC storage's escalation check on a create or update of a role or binding by an
   * impersonated user: a role may only grant what its author holds (or may `escalate`), a
   * binding only a role whose rules its author holds (or may `bind`); system:masters may all.
   */
  #escalationCheck<T>(
    actor: Actor,
    user: UserInfo,
    resource: ResourceName,
    namespace: string | undefined,
    obj: KubeObject,
    go: () => Result<T>,
  ): Result<T> {
    const refused = this.#escalationRefusal(user, resource, namespace, obj);
    if (!refused) return go();
    const r = this.#def(resource)!;
    const ns = r.namespaced ? (namespace ?? 'default') : undefined;
    return this.#fail(actor, r, ns, obj.metadata?.name ?? '', refused);
  }

  /**
   * A patch of a role or binding by an impersonated user: the patched object passes the same
   * escalation check as an update (the RBAC storage checks it after the patch is applied).
   */
  #patchEscalationCheck<T>(
    user: UserInfo,
    resource: ResourceName,
    namespace: string | undefined,
    go: () => Result<T>,
  ): Result<T> {
    const r = this.#def(resource);
    if (!r || r.group !== RBAC_GROUP || user.groups.includes('system:masters')) return go();
    this.#updateAdmission = (next) => this.#escalationRefusal(user, resource, namespace, next);
    try {
      return go();
    } finally {
      this.#updateAdmission = undefined;
    }
  }

  /** Set while an impersonated patch runs: #finishUpdate's last check of the patched object. */
  #updateAdmission: ((next: KubeObject) => Status | undefined) | undefined;
  /** The authenticated user of the request being served through clientAs (CSR requester). */
  #requestUser: UserInfo | undefined;

  /** The escalation check's refusal of `obj` written by `user`, or undefined when allowed. */
  #escalationRefusal(
    user: UserInfo,
    resource: ResourceName,
    namespace: string | undefined,
    obj: KubeObject,
  ): Status | undefined {
    const r = this.#def(resource);
    if (!r || r.group !== RBAC_GROUP || user.groups.includes('system:masters')) return undefined;
    const ns = r.namespaced ? (namespace ?? 'default') : '';
    const name = obj.metadata?.name ?? '';
    if (resource === 'roles' || resource === 'clusterroles') {
      if (
        this.authorize(user, {
          verb: 'escalate',
          resource,
          apiGroup: RBAC_GROUP,
          namespace: ns,
          name,
        }).allowed
      )
        return undefined;
      const rules = Array.isArray(obj.rules) ? (obj.rules as PolicyRule[]) : [];
      const why = escalationError(this.#rbacStore, user, ns, rules);
      return why ? forbidden(r, name, why) : undefined;
    }
    const ref = (obj.roleRef ?? {}) as { kind?: string; name?: string };
    const bindAttrs: Attributes = {
      verb: 'bind',
      resource: ref.kind === 'Role' ? 'roles' : 'clusterroles',
      apiGroup: RBAC_GROUP,
      ...(ns ? { namespace: ns } : {}),
      name: ref.name ?? '',
    };
    if (this.authorize(user, bindAttrs).allowed) return undefined;
    const rules = roleRefRules(this.#rbacStore, obj, ns);
    if (typeof rules === 'string') return internalError(rules);
    const why = escalationError(this.#rbacStore, user, ns, rules);
    return why ? forbidden(r, name, why) : undefined;
  }

  /** The roles and bindings as the RBAC authorizer's listers see them (no messages). */
  readonly #rbacStore: RbacStore = {
    clusterRoleBindings: () =>
      this.#etcd.range(`${RESOURCES.clusterrolebindings.etcdPrefix}/`).map((kv) => kv.value),
    roleBindings: (ns) =>
      this.#etcd.range(`${RESOURCES.rolebindings.etcdPrefix}/${ns}/`).map((kv) => kv.value),
    clusterRole: (name) =>
      this.#etcd.get(
        etcdKey(RESOURCES.clusterroles, undefined, name),
        RESOURCES.clusterroles.etcdPrefix,
      )?.value,
    role: (ns, name) =>
      this.#etcd.get(etcdKey(RESOURCES.roles, ns, name), RESOURCES.roles.etcdPrefix)?.value,
  };

  /** What the Node authorizer's graph is built from (no messages). */
  readonly #nodeGraph: NodeGraphSource = {
    pods: () => this.#etcd.range(`${RESOURCES.pods.etcdPrefix}/`).map((kv) => kv.value),
    persistentVolumeClaim: (ns, name) =>
      this.#etcd.get(
        etcdKey(RESOURCES.persistentvolumeclaims, ns, name),
        RESOURCES.persistentvolumeclaims.etcdPrefix,
      )?.value,
    persistentVolume: (name) =>
      this.#etcd.get(
        etcdKey(RESOURCES.persistentvolumes, undefined, name),
        RESOURCES.persistentvolumes.etcdPrefix,
      )?.value,
  };

  /**
   * The authorization chain's decision (what a SubjectAccessReview answers): kubeadm's
   * `--authorization-mode=Node,RBAC` after the system:masters short cut; when both refuse, their
   * reasons are joined as the union authorizer joins them.
   */
  authorize(user: UserInfo, a: Attributes): Decision {
    if (user.groups.includes('system:masters')) return { allowed: true, reason: '' };
    const node = authorizeNodeUser(user, a, this.#nodeGraph);
    if (node?.allowed) return { allowed: true, reason: '' };
    const rbac = authorize(this.#rbacStore, user, a);
    if (rbac.allowed || !node?.reason) return rbac;
    return { allowed: false, reason: rbac.reason ? `${node.reason}\n${rbac.reason}` : node.reason };
  }

  /**
   * What a SelfSubjectRulesReview answers for `user` in `namespace`: RBAC's rules; the Node
   * authorizer cannot list a node's rules, so a node's review is incomplete.
   */
  rulesReview(user: UserInfo, namespace: string): RulesReview {
    const review = rulesFor(this.#rbacStore, user, namespace);
    if (nodeIdentity(user) === undefined) return review;
    const nodeError = 'node authorizer does not support user rule resolution';
    return {
      ...review,
      incomplete: true,
      evaluationError: review.evaluationError
        ? `[${nodeError}, ${review.evaluationError.replace(/^\[|\]$/g, '')}]`
        : nodeError,
    };
  }

  // ---------------------------------------------------------------- helpers

  #def(resource: ResourceName): ResourceDef | undefined {
    return Object.hasOwn(RESOURCES, resource) ? RESOURCES[resource] : undefined;
  }

  /**
   * The message `ref` for an object, shared by a request's messages (request, etcd hop,
   * response) to keep the log compact. Message fields are never mutated.
   */
  #ref(r: ResourceDef, ns: string | undefined, name: string): ObjRef {
    const last = this.#lastRef;
    if (last && last.resource === r.resource && last.namespace === ns && last.name === name)
      return last;
    const ref: ObjRef = ns
      ? { resource: r.resource, namespace: ns, name }
      : { resource: r.resource, name };
    this.#lastRef = ref;
    return ref;
  }

  #ns(r: ResourceDef, namespace: string | undefined): string | undefined {
    return r.namespaced ? (namespace ?? 'default') : undefined;
  }

  /**
   * Record a request: its label is `<method> <REST path>[suffix]`, the path naming the object
   * `pathName` when given (`suffix`: a subresource or a query).
   */
  #request(
    actor: Actor,
    kind: string,
    r: ResourceDef,
    ns: string | undefined,
    name: string,
    method: string,
    pathName: string | undefined,
    suffix: string,
    housekeeping = false,
    memo = true,
    details?: Record<string, string>,
  ): void {
    // The label names verb, resource, namespace and (but for create) the object; with the
    // actor and the shown name it fixes the summary, so repeated requests share both.
    // Requests that will not repeat (a create of a named object, every Event) skip the memo,
    // which would otherwise keep one entry per Event ever created.
    let shared: { label: string; summary: Message['summary'] } | undefined;
    if (details) {
      // A request that carries its body's details (kubectl's patches): its own summary.
      const summary = requestSummary(kind, actor, r, ns, name);
      shared = {
        label: `${method} ${restPath(r, ns, pathName)}${suffix}`,
        summary: { key: summary.key, params: { ...summary.params, ...details } },
      };
    } else if (memo && name !== '') {
      // With a name, kind and suffix fix the label's verb and path: the memo is found by the
      // parts, with no label or key string built for a repeated request.
      const byActor = this.#nameMemo(name).requests;
      const nsKey = ns ?? '';
      let seen = byActor.get(actor);
      if (!seen) {
        seen = [];
        byActor.set(actor, seen);
      }
      // An index loop, not for…of: no iterator protocol on every request.
      for (let i = 0; i < seen.length; i++) {
        const e = seen[i]!;
        if (e.kind === kind && e.r === r && e.ns === nsKey && e.suffix === suffix) {
          shared = e;
          break;
        }
      }
      if (!shared) {
        const label = `${method} ${restPath(r, ns, pathName)}${suffix}`;
        const entry: ObjectRequest = {
          kind,
          r,
          ns: nsKey,
          suffix,
          label,
          summary: requestSummary(kind, actor, r, ns, name),
        };
        seen.push(entry);
        shared = entry;
      }
    } else if (!memo && pathName === undefined && suffix === '') {
      // A create of a named object (every Event): the label is the collection's, one string
      // per method, resource and namespace; the summary names the object.
      shared = {
        label: this.#collectionLabel(method, r, ns),
        summary: requestSummary(kind, actor, r, ns, name),
      };
    } else {
      const label = `${method} ${restPath(r, ns, pathName)}${suffix}`;
      const memoKey = memo ? `${actor}\u0000${name}\u0000${label}` : '';
      shared = memo ? this.#requestMemo.get(memoKey) : undefined;
      if (!shared) {
        shared = { label, summary: requestSummary(kind, actor, r, ns, name) };
        if (memo) this.#requestMemo.set(memoKey, shared);
      }
    }
    // The API server's own loops (the kubernetes Service) call it in-process: no message.
    if (actor === 'api-server') return;
    this.#hop(
      actor,
      'api-server',
      kind,
      this.#ref(r, ns, name),
      shared.summary,
      shared.label,
      housekeeping,
    );
  }

  #nameMemo(name: string): NameMemo {
    if (name === this.#lastName) return this.#lastNameMemo!;
    let m = this.#nameMemos.get(name);
    if (!m) {
      m = { keys: [], requests: new Map() };
      this.#nameMemos.set(name, m);
    }
    this.#lastName = name;
    this.#lastNameMemo = m;
    return m;
  }

  /**
   * `etcdKey(r, ns, name)` for a request naming an object: one flat string per object, kept
   * with its request memo. A key built per request was a new string for etcd to flatten and
   * hash twice (its bucket, then its Map entry) on every read and write by name.
   */
  #objectKey(r: ResourceDef, ns: string | undefined, name: string): string {
    const keys = this.#nameMemo(name).keys;
    const nsKey = ns ?? '';
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (k.r === r && k.ns === nsKey) {
        this.#lastKeyEntry = k;
        return k.key;
      }
    }
    const entry: KeyEntry = { r, ns: nsKey, key: flat(etcdKey(r, ns, name)) };
    keys.push(entry);
    this.#lastKeyEntry = entry;
    return entry.key;
  }

  /** `<method> <collection path>`, one shared string each. */
  #collectionLabel(method: string, r: ResourceDef, ns: string | undefined): string {
    // Creates come in runs (every Event one after another): the last label first.
    const last = this.#lastCollectionLabel;
    if (last && last.method === method && last.r === r && last.ns === ns) return last.label;
    const label = this.#findCollectionLabel(method, r, ns);
    this.#lastCollectionLabel = { method, r, ns, label };
    return label;
  }

  #findCollectionLabel(method: string, r: ResourceDef, ns: string | undefined): string {
    let byNs = this.#collectionLabels.get(r);
    if (!byNs) {
      byNs = new Map();
      this.#collectionLabels.set(r, byNs);
    }
    let byMethod = byNs.get(ns ?? '');
    if (!byMethod) {
      byMethod = new Map();
      byNs.set(ns ?? '', byMethod);
    }
    let label = byMethod.get(method);
    if (label === undefined) {
      label = flat(`${method} ${restPath(r, ns)}`);
      byMethod.set(method, label);
    }
    return label;
  }

  #etcdMessage(
    kind: string,
    r: ResourceDef,
    ns: string | undefined,
    name: string,
    key: string,
    hk: boolean,
  ): void {
    // A write by name follows its #objectKey: the put's summary is kept with the key there,
    // found without a lookup in the (large) memo below.
    const keyed = kind === 'etcd.put' ? this.#lastKeyEntry : undefined;
    if (keyed?.put !== undefined && keyed.key === key) {
      this.#hop('api-server', 'etcd', kind, this.#ref(r, ns, name), keyed.put, keyed.key, hk);
      return;
    }
    // Events are written once and seldom again: a memo entry per Event would only grow.
    let byKey = r.resource === 'events' ? undefined : this.#etcdMemo.get(kind);
    if (!byKey && r.resource !== 'events') {
      byKey = new Map();
      this.#etcdMemo.set(kind, byKey);
    }
    let summary = byKey?.get(key);
    if (!summary) {
      // The key stays in etcd and in the log: flat (see util/flat.ts).
      summary = { key: msgKey(kind), params: { key: flat(key) } };
      byKey?.set(key, summary);
    }
    if (keyed && keyed.key === key && r.resource !== 'events') keyed.put = summary;
    this.#hop(
      'api-server',
      'etcd',
      kind,
      this.#ref(r, ns, name),
      summary,
      (summary.params as { key: string }).key,
      hk,
    );
  }

  #respond<T>(
    actor: Actor,
    r: ResourceDef,
    ns: string | undefined,
    name: string,
    result: Result<T>,
    code = 200,
  ): Result<T> {
    if (EXTERNAL_ACTORS.has(actor)) {
      const status = result.ok ? code : result.status.code;
      this.#record({
        from: 'api-server',
        to: actor,
        kind: 'api.response',
        ref: this.#ref(r, ns, name),
        summary: {
          key: 'msg.api.response',
          params: { code: status, ...(result.ok ? {} : { reason: result.status.reason }) },
        },
        label: String(status),
      });
    }
    return result;
  }

  #err(status: Status): Result<never> {
    return { ok: false, status };
  }

  #fail(
    actor: Actor,
    r: ResourceDef,
    ns: string | undefined,
    name: string,
    status: Status,
  ): Result<never> {
    return this.#respond(actor, r, ns, name, { ok: false, status });
  }

  /** NamespaceLifecycle admission for a create in `ns`. */
  /** The stored PriorityClasses (the Priority admission plugin's lister). */
  /**
   * The stored PriorityClasses, read once per change: the Priority admission needs them on every
   * pod create (the global default), and a range read per create was ~1 % of a big rollout.
   */
  #priorityClasses(): KubeObject[] {
    this.#priorityClassList ??= this.#etcd
      .range(`${RESOURCES.priorityclasses.etcdPrefix}/`)
      .map((kv) => kv.value);
    return this.#priorityClassList;
  }

  /** The objects of `r` in namespace `ns`, memoized in `lists` until one of them changes. */
  #namespaceList(
    lists: Map<string, KubeObject[]>,
    r: ResourceDef,
    ns: string | undefined,
  ): KubeObject[] {
    if (ns === undefined) return [];
    let list = lists.get(ns);
    if (!list) {
      list = this.#etcd.range(`${r.etcdPrefix}/${ns}/`).map((kv) => kv.value);
      lists.set(ns, list);
    }
    return list;
  }

  /**
   * The ResourceQuota admission (validating, the last plugin): refuse an object the namespace's
   * quotas have no room for, else charge it to them (the plugin updates their status itself).
   */
  #admitQuota(
    r: ResourceDef,
    ns: string | undefined,
    name: string,
    obj: KubeObject,
    dryRun: boolean,
    old?: KubeObject,
  ): Status | undefined {
    const quotas = this.#namespaceList(this.#quotaLists, RESOURCES.resourcequotas, ns);
    if (quotas.length === 0) return undefined;
    const verdict = admitQuota(r.resource, obj, quotas, rfc3339(this.#now()), old);
    if (!verdict.ok) return forbidden(r, name, verdict.reason);
    if (dryRun) return undefined;
    const qr = RESOURCES.resourcequotas;
    for (const { quota, used } of verdict.charged) {
      const qname = quota.metadata?.name ?? '';
      const key = etcdKey(qr, ns, qname);
      const kv = this.#etcd.get(key, qr.etcdPrefix);
      if (!kv) continue;
      const next = cloneShared(kv.value) as KubeObject;
      next.metadata = { ...next.metadata };
      next.status = { ...(next.status as Obj), used };
      this.#put(qr, ns, qname, key, next, kv.modRevision, false);
    }
    return undefined;
  }

  /**
   * A new pod's ServiceAccount, read once before defaulting: `spec.serviceAccountName`, else the
   * deprecated `serviceAccount` the v1 conversion copies into it, else `default`.
   */
  #podServiceAccount(ns: string | undefined, pod: KubeObject): KubeObject | undefined {
    if (!ns) return undefined;
    const spec = (pod.spec ?? {}) as Obj;
    const name = String(spec.serviceAccountName || spec.serviceAccount || 'default');
    // One key string per account named, as for namespaces (see #namespaceObject): a key built
    // per pod create was a new string for etcd to flatten and hash.
    const last = this.#lastServiceAccountKey;
    let key: string | undefined;
    if (last && last.ns === ns && last.name === name) key = last.key;
    else {
      key = flat(etcdKey(RESOURCES.serviceaccounts, ns, name));
      this.#lastServiceAccountKey = { ns, name, key };
    }
    return this.#etcd.get(key, RESOURCES.serviceaccounts.etcdPrefix)?.value;
  }

  /** The stored Namespace `ns`, read without a message. */
  #namespaceObject(ns: string): KubeObject | undefined {
    const nsDef = RESOURCES.namespaces;
    // One key string per namespace, hashed once: this runs on every namespaced create.
    let key = this.#namespaceKeys.get(ns);
    if (key === undefined) {
      key = flat(etcdKey(nsDef, undefined, ns));
      this.#namespaceKeys.set(ns, key);
    }
    return this.#etcd.get(key, nsDef.etcdPrefix)?.value;
  }

  #admitNamespace(r: ResourceDef, ns: string | undefined, name: string): Status | undefined {
    if (!r.namespaced || !ns) return undefined;
    const nsObj = this.#namespaceObject(ns);
    if (!nsObj) return notFound(RESOURCES.namespaces, ns);
    const phase = (nsObj.status as { phase?: string } | undefined)?.phase;
    if (phase === 'Terminating' || nsObj.metadata?.deletionTimestamp) {
      // Events too (no exemption in 1.32's NamespaceLifecycle): the kubelet's Killing events
      // of the pods being torn down are refused, and its recorder drops them.
      return forbidden(
        r,
        name,
        `unable to create new content in namespace ${ns} because it is being terminated`,
        {
          type: 'NamespaceTerminating',
          message: `namespace ${ns} is being terminated`,
          field: 'metadata.namespace',
        },
      );
    }
    return undefined;
  }

  /**
   * Persist `obj` at `key` (its etcdKey: the stored entry's own key string when there is one,
   * whose hash is already computed) setting resourceVersion, and record the etcd hop.
   */
  #put(
    r: ResourceDef,
    ns: string | undefined,
    name: string,
    key: string,
    obj: KubeObject,
    expected: number,
    hk: boolean,
  ): KeyValue<KubeObject> | undefined {
    (obj.metadata as Meta).resourceVersion = String(this.#etcd.revision + 1);
    // Only Events have a TTL: each write of one (a count update too) attaches it to a lease.
    const lease = r.resource === 'events' ? this.#leases.getLease(EVENT_TTL_SECONDS) : 0;
    this.#housekeeping = hk;
    this.#writing = r;
    let kv: KeyValue<KubeObject> | undefined;
    try {
      kv = this.#etcd.put(key, obj, expected, r.etcdPrefix, lease);
    } finally {
      this.#housekeeping = false;
      this.#writing = undefined;
    }
    // Recorded after the write, so a snapshot taken at this message shows the new state.
    this.#etcdMessage('etcd.put', r, ns, name, key, hk);
    return kv;
  }

  #remove(r: ResourceDef, ns: string | undefined, name: string, key: string): void {
    this.#writing = r;
    try {
      this.#etcd.delete(key, r.etcdPrefix);
    } finally {
      this.#writing = undefined;
    }
    this.#etcdMessage('etcd.delete', r, ns, name, key, false);
  }

  #isHousekeeping(r: ResourceDef, old: KubeObject | undefined, next: KubeObject): boolean {
    if (r.resource === 'leases') return true;
    if (old === undefined) return false;
    if (r.resource === 'events') return resyncRepeat(old) && sameEventRepeated(old, next);
    return sameIgnoringHeartbeats(old, next);
  }

  /** `sameIgnoringHeartbeats(old.status, status)`, remembered for the write's #finishUpdate. */
  #sameStatus(old: KubeObject, status: unknown): boolean {
    const same = sameIgnoringHeartbeats(old.status, status);
    this.#knownOld = old.status;
    this.#knownNew = status;
    this.#knownSame = same;
    return same;
  }

  // ---------------------------------------------------------------- verbs

  /**
   * Decode a request body as its Go struct (see decode.ts): a type error is a BadRequest, and
   * unknown fields per `opts.fieldValidation`. Returns the body to go on with, or the failure.
   */
  #decode(
    r: ResourceDef,
    body: KubeObject,
    opts: WriteOptions,
    patch?: Record<string, unknown>,
    patchShown?: () => string,
  ): { ok: true; body: KubeObject; warnings?: string[] } | { ok: false; status: Status } {
    const decoded = this.#decodeFields(r, body, opts, patch, patchShown);
    if (!decoded.ok) return decoded;
    // Encoding the decoded struct leaves out empty omitempty maps and lists. A kubectl request
    // (one with field validation) can carry them anywhere; the components' own writes only
    // ever empty labels or annotations, so only those are looked at for them.
    const meta = decoded.body.metadata;
    const emptyMeta =
      meta !== undefined &&
      ((meta.labels !== undefined && isEmptyObject(meta.labels)) ||
        (meta.annotations !== undefined && isEmptyObject(meta.annotations)));
    if (!opts.fieldValidation && !emptyMeta) return decoded;
    // (The struct is looked up only now: most writes, the components' own, stop above.)
    const struct = structFor(r.apiVersion, r.kind);
    if (!struct) return decoded;
    return { ...decoded, body: withoutEmptyOmitted(decoded.body, struct) };
  }

  #decodeFields(
    r: ResourceDef,
    body: KubeObject,
    opts: WriteOptions,
    patch?: Record<string, unknown>,
    patchShown?: () => string,
  ): { ok: true; body: KubeObject; warnings?: string[] } | { ok: false; status: Status } {
    const validation = opts.fieldValidation;
    if (r.resource === 'secrets') {
      // A data value that is not base64 fails the JSON decoding of the []byte.
      const bad = secretDataError(body);
      if (bad) {
        return {
          ok: false,
          status: patchShown
            ? invalidPatch({
                field: 'patch',
                type: 'Invalid value',
                value: patchShown(),
                detail: bad,
              })
            : badRequest(
                `${r.kind} in version "${r.version}" cannot be handled as a ${r.kind}: ${bad}`,
              ),
        };
      }
    }
    const struct = validation && structFor(r.apiVersion, r.kind);
    if (!struct) return { ok: true, body };
    const found = decodeFindings(body, struct);
    const fail = (why: string) =>
      ({
        ok: false,
        status: badRequest(
          `${r.kind} in version "${r.version}" cannot be handled as a ${r.kind}: ${why}`,
        ),
      }) as const;
    if (found.typeError) {
      // A typed patch whose result does not decode: the patch handler's Invalid "patch".
      if (patchShown) {
        return {
          ok: false,
          status: invalidPatch({
            field: 'patch',
            type: 'Invalid value',
            value: patchShown(),
            detail: found.typeError,
          }),
        };
      }
      return fail(found.typeError);
    }
    if (found.unknown.length === 0) return { ok: true, body };
    const texts = found.unknown.map((f) => `unknown field ${JSON.stringify(f)}`);
    if (validation === 'Strict') {
      const why = `strict decoding error: ${texts.join(', ')}`;
      // A patch is decoded after it is merged, and refused as an Invalid "patch" of no kind
      // (patch.go applyPatchToObject), quoting the patch as Go's %+v prints the map.
      if (patch || patchShown) {
        return {
          ok: false,
          status: invalidPatch({
            field: 'patch',
            type: 'Invalid value',
            value: patchShown ? patchShown() : goSprint(patch),
            detail: why,
          }),
        };
      }
      return fail(why);
    }
    const kept = withoutFields(body, found.unknown);
    return validation === 'Warn'
      ? { ok: true, body: kept, warnings: texts }
      : { ok: true, body: kept };
  }

  create(
    actor: Actor,
    resource: ResourceName,
    namespace: string | undefined,
    body: KubeObject,
    opts: WriteOptions = {},
  ): Result<KubeObject> {
    const r = this.#def(resource);
    if (!r) return unknownResource(resource);
    const ns = this.#ns(r, namespace ?? body.metadata?.namespace ?? undefined);
    if (
      opts.owned &&
      !opts.dryRun &&
      !opts.fieldValidation &&
      r.resource === 'events' &&
      isRecordedEvent(body, ns)
    )
      return this.#createRecordedEvent(actor, r, ns!, body);
    const meta0 = body.metadata ?? {};
    const shownName = meta0.name || meta0.generateName || '';
    this.#request(
      actor,
      'api.create',
      r,
      ns,
      shownName,
      'POST',
      undefined,
      '',
      r.resource === 'leases',
      !meta0.name,
    );
    const decoded = this.#decode(r, v2Body(r, body), opts);
    if (!decoded.ok) return this.#fail(actor, r, ns, shownName, decoded.status);
    if (r.namespaced && meta0.namespace && namespace && meta0.namespace !== namespace) {
      return this.#fail(
        actor,
        r,
        ns,
        shownName,
        badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        ),
      );
    }
    const warnings =
      r.resource === 'ingresses'
        ? [...(decoded.warnings ?? []), ...ingressCreateWarnings(decoded.body)]
        : decoded.warnings;
    this.#strategyWarnings = undefined;
    const created = this.#create(actor, r, ns, shownName, decoded.body, opts);
    // A refused pod still carries the Warning headers its strategy added before the refusal
    // (the AppArmor annotation's deprecation).
    const early = this.#strategyWarnings as string[] | undefined;
    this.#strategyWarnings = undefined;
    // A refusal sends the decoder's warnings (added before admission and validation), not the
    // strategy's WarningsOnCreate (added after validation passed: an Ingress's class annotation).
    if (!created.ok)
      return withDecodeWarnings(
        early?.length ? { ...created, warnings: early } : created,
        decoded.warnings,
      );
    return withWarnings(created, warnings);
  }

  /**
   * The create of an Event that the cluster's own recorder built and handed over (see
   * `isRecordedEvent`): the steps of `create` and `#create` whose outcome can differ for such a
   * body, in the same order (the request message, NamespaceLifecycle, the name check of
   * validation, ResourceQuota, the store's existence check, uid and timestamp, the write);
   * decoding, defaulting and the other kinds' admission and validation find nothing to do on
   * it and are skipped. What is stored and recorded is what `#create` stores and records.
   */
  #createRecordedEvent(
    actor: Actor,
    r: ResourceDef,
    ns: string,
    obj: KubeObject,
  ): Result<KubeObject> {
    const meta = obj.metadata as Meta;
    const name = meta.name as string;
    this.#request(actor, 'api.create', r, ns, name, 'POST', undefined, '', false, false);
    const admission = this.#admitNamespace(r, ns, name);
    if (admission) return this.#fail(actor, r, ns, name, admission);
    // validateObject of an Event: its name is a DNS subdomain (no labels, annotations or
    // fields of the checks of other kinds).
    const nameErrs = isDnsSubdomainName(name) ? NO_ERRORS : isDNS1123Subdomain(name);
    if (nameErrs.length > 0) {
      const errors: FieldError[] = nameErrs.map((detail) => ({
        field: 'metadata.name',
        type: 'Invalid value',
        value: name,
        detail,
      }));
      return this.#fail(actor, r, ns, name, invalid(r, name, errors));
    }
    const refused = this.#admitQuota(r, ns, name, obj, false);
    if (refused) return this.#fail(actor, r, ns, name, refused);
    // etcdKey(r, ns, name), from the namespace's flat prefix: one concatenation, not four.
    let prefix = EVENT_KEY_PREFIXES.get(ns);
    if (prefix === undefined) prefix = eventKeyPrefix(r, ns);
    const key = prefix + name;
    const existing = this.#etcd.get(key, r.etcdPrefix);
    if (existing) {
      const st = alreadyExists(r, name);
      if ((existing.value as KubeObject).metadata?.deletionTimestamp)
        st.message = `object is being deleted: ${st.message}`;
      return this.#fail(actor, r, ns, name, st);
    }
    // The metadata #create ends with (uid, creationTimestamp, then #put's resourceVersion), as
    // one literal: all five fields in the object itself, none added one by one.
    obj.metadata = {
      name,
      namespace: ns,
      uid: uuid(this.#rng),
      creationTimestamp: rfc3339(this.#now()),
      resourceVersion: String(this.#etcd.revision + 1),
    };
    const kv = this.#put(r, ns, name, key, obj, 0, false);
    if (!kv) return this.#fail(actor, r, ns, name, alreadyExists(r, name));
    return this.#respond(actor, r, ns, name, { ok: true, value: kv.value }, 201);
  }

  #create(
    actor: Actor,
    r: ResourceDef,
    ns: string | undefined,
    shownName: string,
    input0: KubeObject,
    opts: WriteOptions,
  ): Result<KubeObject> {
    const input = r.resource === 'secrets' ? convertSecret(input0) : input0;
    if (input.kind && input.kind !== r.kind) {
      return this.#fail(
        actor,
        r,
        ns,
        shownName,
        badRequest(
          `the kind of the provided object (${input.kind}) does not match the resource ${r.resource}`,
        ),
      );
    }
    // A new pod shares the frozen parts defaulting leaves alone (see writablePodForCreate); a
    // body handed over (`owned`) is used as it is.
    const obj = ((r.resource === 'pods' ? writablePodForCreate(input) : undefined) ??
      (opts.owned && input === input0 ? input : clone(input))) as KubeObject;
    obj.apiVersion = r.apiVersion;
    obj.kind = r.kind;
    // The clone's metadata, when an object, is already a fresh copy: no spread of it. (V8 gives
    // a spread copy a map on which each property added later, uid, creationTimestamp,
    // resourceVersion, takes a slow path of several µs.)
    const m = obj.metadata as unknown;
    const meta = (
      m !== null && typeof m === 'object' && !Array.isArray(m) ? m : { ...(m ?? {}) }
    ) as Meta;
    obj.metadata = meta;
    if (r.namespaced) meta.namespace = ns;
    else delete meta.namespace;
    // Defaulting happens on decode, then mutating admission. ServiceAccount admission reads the
    // pod's account once: its automount setting here, its existence below.
    const serviceAccount = r.resource === 'pods' ? this.#podServiceAccount(ns, obj) : undefined;
    const automount = serviceAccount?.automountServiceAccountToken;
    applyDefaults(
      r.resource,
      obj,
      this.#rng,
      typeof automount === 'boolean' ? automount : undefined,
    );
    const admission = this.#admitNamespace(r, ns, shownName);
    if (admission) return this.#fail(actor, r, ns, shownName, admission);
    // RuntimeClass admission (mutating): the class must exist, and this cluster has none.
    const runtimeClass =
      r.resource === 'pods' ? (obj.spec as Obj | undefined)?.runtimeClassName : undefined;
    if (typeof runtimeClass === 'string' && runtimeClass !== '') {
      const why = `pod rejected: RuntimeClass ${JSON.stringify(runtimeClass)} not found`;
      return this.#fail(actor, r, ns, shownName, forbidden(r, shownName, why));
    }
    const isMirror = r.resource === 'pods' && !!meta.annotations?.['kubernetes.io/config.mirror'];
    const limitRanges =
      (r.resource === 'pods' && !isMirror) || r.resource === 'persistentvolumeclaims'
        ? this.#namespaceList(this.#limitRangeLists, RESOURCES.limitranges, ns)
        : [];
    // LimitRanger (mutating, before ServiceAccount): the containers' missing requests and limits
    // (a claim is only validated).
    if (limitRanges.length > 0 && r.resource === 'pods') {
      applyLimitRangeDefaults(obj, limitRanges);
      // The strategy's PrepareForCreate computes the QoS class after admission.
      const status = (obj.status ?? {}) as Obj;
      obj.status = { ...status, qosClass: qosClass((obj.spec ?? {}) as Obj) };
    }
    if (r.resource === 'pods' && !isMirror) {
      // ServiceAccount admission (before Priority): the pod's service account must exist. It
      // reads its informer cache, so no etcd request is recorded. For `default` the plugin
      // retries its lookup for up to a second or two while the service-account controller
      // creates it in a new namespace; a request cannot wait here, so `default` passes.
      const sa = String((obj.spec as Obj | undefined)?.serviceAccountName || 'default');
      if (sa !== 'default' && !serviceAccount) {
        const why = `error looking up service account ${ns}/${sa}: serviceaccount "${sa}" not found`;
        return this.#fail(actor, r, ns, shownName, forbidden(r, shownName, why));
      }
    }
    if (r.resource === 'pods') {
      // Priority admission (a name still to be generated is shown as its prefix).
      const why = admitPodPriority(obj.spec as Obj, this.#priorityClasses());
      if (why) return this.#fail(actor, r, ns, shownName, forbidden(r, shownName, why));
    }
    const rng = r.resource === 'endpointslices' ? this.#sliceRng : this.#rng;
    if (!meta.name && meta.generateName) meta.name = generateName(meta.generateName, rng);
    const name = meta.name ?? '';
    if (r.resource === 'namespaces') {
      meta.labels = { ...(meta.labels ?? {}), 'kubernetes.io/metadata.name': name };
    }
    if (r.resource === 'priorityclasses') {
      const why = admitPriorityClass(obj, this.#priorityClasses());
      if (why) return this.#fail(actor, r, ns, name, forbidden(r, name, why));
    }
    if (r.resource === 'pods') applySchedulingGatedCondition(obj, rfc3339(this.#now()));
    // PrepareForCreate's AppArmor sync of annotations and fields (a pod's warnings come from it),
    // a template's warnings from the strategy's WarningsOnCreate.
    const appArmorWarnings =
      r.resource === 'pods'
        ? applyAppArmorVersionSkew(obj)
        : POD_SECURITY_KINDS.has(r.resource)
          ? appArmorTemplateWarnings(r.resource, obj)
          : [];
    // (A template's come after validation: only a pod's precede a refusal.)
    if (r.resource === 'pods' && appArmorWarnings.length > 0)
      this.#strategyWarnings = appArmorWarnings;
    if (r.resource === 'certificatesigningrequests')
      prepareCsrCreate(obj, this.#requestUser ?? KUBEADM_ADMIN_USER);
    if (r.resource === 'persistentvolumes' || r.resource === 'persistentvolumeclaims')
      this.#prepareVolumeCreate(r, obj, meta);
    // The HPA strategy's PrepareForCreate: a new autoscaler's status is the zero status.
    if (r.resource === 'horizontalpodautoscalers') obj.status = { desiredReplicas: 0 };
    if (r.resource === 'ingresses') {
      // The strategy's PrepareForCreate resets the status; DefaultIngressClass admission.
      obj.status = { loadBalancer: {} };
      const classes = this.#etcd.range(`${RESOURCES.ingressclasses.etcdPrefix}/`);
      admitDefaultIngressClass(
        obj,
        classes.map((kv) => kv.value as KubeObject),
      );
    }
    // The Job strategy's PrepareForCreate generates the selector from the uid: draw it first.
    const uid = r.resource === 'jobs' ? uuid(this.#rng) : undefined;
    if (uid !== undefined) {
      meta.uid = uid;
      generateJobSelector(obj);
      // The strategy resets the status of a new Job.
      obj.status = {};
    }
    if (r.resource === 'poddisruptionbudgets') obj.status = initialPdbStatus();
    const errors = validateObject(r.resource, obj);
    if (r.resource === 'pods') errors.push(...validatePodCreate(obj));
    if (errors.length) return this.#fail(actor, r, ns, name, invalid(r, name, errors));
    // Validating admission sees the generated name: LimitRanger, then ResourceQuota.
    if (limitRanges.length > 0) {
      const why = limitRangeViolations(obj, limitRanges);
      if (why) return this.#fail(actor, r, ns, name, forbidden(r, name, why));
    }
    // PodSecurity (validating, before ResourceQuota): the namespace's enforce and warn levels.
    let podSecurityWarnings: string[] | undefined;
    if (POD_SECURITY_KINDS.has(r.resource) && ns) {
      const labels = this.#namespaceObject(ns)?.metadata?.labels;
      if (labels && hasPodSecurityLabel(labels)) {
        const verdict = admitPodSecurity(r.resource, obj, labels);
        if ('forbidden' in verdict)
          return this.#fail(actor, r, ns, name, forbidden(r, name, verdict.forbidden));
        if (verdict.warnings.length > 0) podSecurityWarnings = verdict.warnings;
      }
    }
    const refused = this.#admitQuota(r, ns, name, obj, !!opts.dryRun);
    if (refused) return this.#fail(actor, r, ns, name, refused);
    // The etcd3 store's Create refuses an object that carries a resourceVersion (one that
    // parses as a number other than 0): a 500 without a reason. A dry run never reaches it.
    const rv = (input.metadata as Meta | undefined)?.resourceVersion;
    if (!opts.dryRun && typeof rv === 'string' && /^\d+$/.test(rv) && !/^0+$/.test(rv)) {
      return this.#fail(
        actor,
        r,
        ns,
        name,
        unknownError('resourceVersion should not be set on objects to be created'),
      );
    }
    const key = etcdKey(r, ns, name);
    const existing = this.#etcd.get(key, r.etcdPrefix);
    if (existing) {
      const st = alreadyExists(r, name);
      // store.go Create: the message says so when the stored object is being deleted.
      if ((existing.value as KubeObject).metadata?.deletionTimestamp)
        st.message = `object is being deleted: ${st.message}`;
      return this.#fail(actor, r, ns, name, st);
    }
    meta.uid = uid ?? uuid(rng);
    meta.creationTimestamp = rfc3339(this.#now());
    // `in` first: a delete of a missing property still costs a runtime call.
    if ('resourceVersion' in meta) delete meta.resourceVersion;
    if ('deletionTimestamp' in meta) delete meta.deletionTimestamp;
    if ('deletionGracePeriodSeconds' in meta) delete meta.deletionGracePeriodSeconds;
    if (r.hasGeneration) meta.generation = 1;
    else if ('generation' in meta) delete meta.generation;
    // The DaemonSet strategy numbers template generations in an annotation, from 1.
    if (r.resource === 'daemonsets') {
      meta.annotations = { ...(meta.annotations ?? {}), [DS_TEMPLATE_GENERATION]: '1' };
    }
    if (r.resource === 'services') {
      const refused = this.#allocateServiceIPs(obj);
      if (refused) return this.#fail(actor, r, ns, name, invalid(r, name, [refused]));
    }
    const warnings =
      appArmorWarnings.length > 0
        ? [...appArmorWarnings, ...(podSecurityWarnings ?? [])]
        : podSecurityWarnings;
    // The field manager records a create by a named manager (kubectl's); the components'
    // creates carry no managedFields (see managedFields.ts).
    if (opts.fieldManager !== undefined) this.#recordCreate(actor, r, obj, input0, opts);
    if (opts.dryRun)
      return withWarnings(
        this.#respond(actor, r, ns, name, { ok: true, value: obj }, 201),
        warnings,
      );
    const kv = this.#put(r, ns, name, key, obj, 0, this.#isHousekeeping(r, undefined, obj));
    if (!kv) return this.#fail(actor, r, ns, name, alreadyExists(r, name));
    return withWarnings(
      this.#respond(actor, r, ns, name, { ok: true, value: kv.value }, 201),
      warnings,
    );
  }

  /**
   * The PersistentVolumeClaimResize admission: a claim's storage request may grow only when it is
   * bound and its StorageClass (the same before and after) has `allowVolumeExpansion: true`.
   */
  #admitClaimResize(next: KubeObject, old: KubeObject): string | undefined {
    const size = (o: KubeObject) =>
      ((o.spec as Obj | undefined)?.resources as { requests?: Obj } | undefined)?.requests?.storage;
    const newSize = size(next);
    const oldSize = size(old);
    if (newSize === undefined || compareQuantities(newSize, oldSize ?? '0') <= 0) return undefined;
    if ((old.status as Obj | undefined)?.phase !== 'Bound')
      return 'Only bound persistent volume claims can be expanded';
    const cls = (o: KubeObject) =>
      o.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ??
      String((o.spec as Obj | undefined)?.storageClassName ?? '');
    const name = cls(next);
    const sc =
      name && name === cls(old)
        ? this.#etcd.get(
            etcdKey(RESOURCES.storageclasses, undefined, name),
            RESOURCES.storageclasses.etcdPrefix,
          )
        : undefined;
    if ((sc?.value as KubeObject | undefined)?.allowVolumeExpansion === true) return undefined;
    return 'only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize';
  }

  /** LimitRanger's and ResourceQuota's validation of a claim's update (a resize, mostly). */
  #admitClaimUpdate(
    r: ResourceDef,
    ns: string | undefined,
    name: string,
    next: KubeObject,
    old: KubeObject,
    dryRun: boolean,
  ): Status | undefined {
    // LimitRanger ignores an object marked for deletion (its finalizers must be able to go).
    const limitRanges = old.metadata?.deletionTimestamp
      ? []
      : this.#namespaceList(this.#limitRangeLists, RESOURCES.limitranges, ns);
    const why = limitRanges.length > 0 ? limitRangeViolations(next, limitRanges) : undefined;
    if (why) return forbidden(r, name, why);
    return this.#admitQuota(r, ns, name, next, dryRun, old);
  }

  /**
   * A new PersistentVolume or claim: the strategy's PrepareForCreate resets the status (phase
   * Pending; a volume records when it entered it), the DefaultStorageClass admission gives a claim
   * without `storageClassName` the default class (the newest, when several say so), and the
   * StorageObjectInUseProtection admission adds the protection finalizer.
   */
  #prepareVolumeCreate(r: ResourceDef, obj: KubeObject, meta: Meta): void {
    const isPv = r.resource === 'persistentvolumes';
    obj.status = isPv
      ? { phase: 'Pending', lastPhaseTransitionTime: rfc3339(this.#now()) }
      : { phase: 'Pending' };
    const finalizer = isPv ? PV_PROTECTION_FINALIZER : PVC_PROTECTION_FINALIZER;
    if (!meta.finalizers?.includes(finalizer))
      meta.finalizers = [...(meta.finalizers ?? []), finalizer];
    const spec = obj.spec as Obj | undefined;
    if (isPv || !spec || spec.storageClassName != null) return;
    const classes = this.#etcd.range(`${RESOURCES.storageclasses.etcdPrefix}/`);
    const best = defaultStorageClassName(classes.map((kv) => kv.value as KubeObject));
    if (best !== undefined) spec.storageClassName = best;
  }

  /**
   * The cluster IP and node ports of a new Service (storage/alloc.go): allocated when not given,
   * else checked against the service CIDR (10.96.0.0/12) and the node-port range
   * (30000-32767) and against what other Services hold; a refusal is the Invalid cause.
   */
  #allocateServiceIPs(svc: KubeObject): FieldError | undefined {
    const spec = svc.spec as Obj;
    // alloc.go: an ExternalName Service gets no cluster IP and no node ports.
    if (spec.type === 'ExternalName') return undefined;
    if (spec.clusterIP === 'None') {
      spec.clusterIPs = ['None'];
      return undefined;
    }
    const used = new Set<string>();
    const usedPorts = new Set<number>();
    for (const kv of this.#etcd.range(`${RESOURCES.services.etcdPrefix}/`)) {
      const s = kv.value.spec as {
        clusterIP?: string;
        ports?: { nodePort?: number }[];
        healthCheckNodePort?: number;
      };
      if (s.clusterIP) used.add(s.clusterIP);
      for (const p of s.ports ?? []) if (p.nodePort) usedPorts.add(p.nodePort);
      if (s.healthCheckNodePort) usedPorts.add(s.healthCheckNodePort);
    }
    if (typeof spec.clusterIP !== 'string' || !spec.clusterIP) {
      let ip: string;
      do {
        const n = 2 + this.#rng.int(16 * 65536 - 3);
        ip = `10.${96 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
      } while (used.has(ip) || ip.endsWith('.0') || ip.endsWith('.255') || ip === '10.96.0.10');
      spec.clusterIP = ip;
    } else {
      const ip = spec.clusterIP;
      const octets = ip.split('.').map(Number);
      const inRange =
        octets.length === 4 &&
        octets[0] === 10 &&
        (octets[1] ?? 0) >= 96 &&
        (octets[1] ?? 0) <= 111 &&
        ip !== '10.96.0.0' &&
        ip !== '10.111.255.255';
      const why = !inRange
        ? `the provided IP (${ip}) is not in the valid range. The range of valid IPs is 10.96.0.0/12`
        : used.has(ip)
          ? 'provided IP is already allocated'
          : undefined;
      if (why) {
        return {
          field: 'spec.clusterIPs',
          type: 'Invalid value',
          valueText: `[]string{${JSON.stringify(ip)}}`,
          detail: `failed to allocate IP ${ip}: ${why}`,
        };
      }
    }
    spec.clusterIPs = [spec.clusterIP];
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
      const ports = (spec.ports as Obj[] | undefined) ?? [];
      for (const [i, p] of ports.entries()) {
        if (typeof p.nodePort !== 'number') continue;
        const refused = nodePortRefusal(p.nodePort, i, usedPorts);
        if (refused) return refused;
        usedPorts.add(p.nodePort);
      }
      for (const p of ports) {
        if (typeof p.nodePort === 'number') continue;
        let port: number;
        do port = 30000 + this.#rng.int(2768);
        while (usedPorts.has(port));
        usedPorts.add(port);
        p.nodePort = port;
      }
      this.#allocateHealthCheckNodePort(spec, usedPorts);
    }
    return undefined;
  }

  /**
   * alloc.go's allocHealthCheckNodePort: a LoadBalancer Service with externalTrafficPolicy
   * Local gets a node port of its own, where kube-proxy answers the load balancer's health
   * checks (whether the node has a local endpoint).
   */
  #allocateHealthCheckNodePort(spec: Obj, usedPorts: Set<number>): void {
    if (spec.type !== 'LoadBalancer' || spec.externalTrafficPolicy !== 'Local') return;
    if (typeof spec.healthCheckNodePort === 'number' && spec.healthCheckNodePort !== 0) return;
    let port: number;
    do port = 30000 + this.#rng.int(2768);
    while (usedPorts.has(port));
    usedPorts.add(port);
    spec.healthCheckNodePort = port;
  }

  /**
   * The service REST update's node ports (alloc.go updateNodePorts): a port without one gets
   * one; a node port the old Service did not hold is allocated, and refused (the Invalid cause)
   * when out of the range or held by another Service.
   */
  #updateNodePorts(spec: Obj, oldSpec: Obj | undefined, uid: unknown): FieldError | undefined {
    const ports = (spec.ports as Obj[] | undefined) ?? [];
    // dropTypeDependentFields: no longer LoadBalancer with Local, the health check port goes.
    const needsHealthCheck = spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
    if (!needsHealthCheck && spec.healthCheckNodePort === oldSpec?.healthCheckNodePort) {
      delete spec.healthCheckNodePort;
    }
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
      const hcMissing = needsHealthCheck && !spec.healthCheckNodePort;
      const held = new Set<unknown>(
        ((oldSpec?.ports as Obj[] | undefined) ?? []).map((p) => p.nodePort),
      );
      const asked = ports.some((p) => typeof p.nodePort === 'number' && !held.has(p.nodePort));
      if (ports.every((p) => typeof p.nodePort === 'number') && !hcMissing && !asked) return;
      const usedPorts = new Set<number>();
      for (const kv of this.#etcd.range(`${RESOURCES.services.etcdPrefix}/`)) {
        // The Service's own old ports stay its own.
        if (kv.value.metadata?.uid === uid) continue;
        const s = kv.value.spec as {
          ports?: { nodePort?: number }[];
          healthCheckNodePort?: number;
        };
        for (const p of s.ports ?? []) if (p.nodePort) usedPorts.add(p.nodePort);
        if (s.healthCheckNodePort) usedPorts.add(s.healthCheckNodePort);
      }
      for (const h of held) if (typeof h === 'number') usedPorts.add(h);
      const allocated = new Set<number>();
      for (const [i, p] of ports.entries()) {
        if (typeof p.nodePort !== 'number' || held.has(p.nodePort) || allocated.has(p.nodePort))
          continue;
        const refused = nodePortRefusal(p.nodePort, i, usedPorts);
        if (refused) return refused;
        allocated.add(p.nodePort);
        usedPorts.add(p.nodePort);
      }
      for (const p of ports) {
        if (typeof p.nodePort === 'number') continue;
        let port: number;
        do port = 30000 + this.#rng.int(2768);
        while (usedPorts.has(port));
        usedPorts.add(port);
        p.nodePort = port;
      }
      this.#allocateHealthCheckNodePort(spec, usedPorts);
    } else if (
      (spec.type === 'ClusterIP' || spec.type === undefined) &&
      (oldSpec?.type === 'NodePort' || oldSpec?.type === 'LoadBalancer')
    ) {
      for (const p of ports) delete p.nodePort;
    }
    return undefined;
  }

  get(
    actor: Actor,
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
  ): Result<KubeObject> {
    const r = this.#def(resource);
    if (!r) return unknownResource(resource);
    const ns = this.#ns(r, namespace);
    this.#request(actor, 'api.get', r, ns, name, 'GET', name, '');
    const key = this.#objectKey(r, ns, name);
    this.#etcdMessage('etcd.get', r, ns, name, key, false);
    const kv = this.#etcd.get(key, r.etcdPrefix);
    if (!kv) return this.#fail(actor, r, ns, name, notFound(r, name));
    const value = r.resource === 'leases' ? withVirtualRenewal(kv.value, this.#now()) : kv.value;
    return this.#respond(actor, r, ns, name, { ok: true, value });
  }

  list(
    actor: Actor,
    resource: ResourceName,
    namespace: string | undefined,
    opts: ListOptions = {},
  ): Result<ObjectList> {
    const r = this.#def(resource);
    if (!r) return unknownResource(resource);
    const ns = r.namespaced ? namespace : undefined;
    const query = [
      opts.labelSelector ? `labelSelector=${opts.labelSelector}` : '',
      opts.fieldSelector ? `fieldSelector=${opts.fieldSelector}` : '',
    ].filter(Boolean);
    this.#request(
      actor,
      'api.list',
      r,
      ns,
      '',
      'GET',
      undefined,
      query.length ? `?${query.join('&')}` : '',
    );
    let labels: Requirement[] = [];
    let fields: FieldRequirement[] = [];
    try {
      if (opts.labelSelector) labels = parseLabelSelector(opts.labelSelector);
      if (opts.fieldSelector) fields = parseFieldSelector(opts.fieldSelector);
    } catch (e) {
      return this.#fail(actor, r, ns, '', badRequest((e as Error).message));
    }
    const unsupported = unsupportedFieldLabel(r.resource, fields);
    if (unsupported) return this.#fail(actor, r, ns, '', badRequest(unsupported));
    const prefix = ns ? `${r.etcdPrefix}/${ns}/` : `${r.etcdPrefix}/`;
    this.#etcdMessage('etcd.range', r, ns, '', prefix, false);
    const now = this.#now();
    const items = this.#etcd
      .range(prefix)
      .map((kv) => (r.resource === 'leases' ? withVirtualRenewal(kv.value, now) : kv.value))
      .filter(
        (o) => matchesLabels(labels, o.metadata?.labels) && matchesFields(fields, o, r.resource),
      );
    return this.#respond(actor, r, ns, '', {
      ok: true,
      value: {
        apiVersion: r.apiVersion,
        kind: `${r.kind}List`,
        metadata: { resourceVersion: String(this.#etcd.revision) },
        items,
      },
    });
  }

  update(
    actor: Actor,
    resource: ResourceName,
    namespace: string | undefined,
    body: KubeObject,
    opts: WriteOptions = {},
  ): Result<KubeObject> {
    const r = this.#def(resource);
    if (!r) return unknownResource(resource);
    const ns = this.#ns(r, namespace ?? body.metadata?.namespace ?? undefined);
    const name = body.metadata?.name ?? '';
    const existing = this.#etcd.get(this.#objectKey(r, ns, name), r.etcdPrefix);
    const hk =
      r.resource === 'leases' ||
      (!!existing &&
        sameIgnoringHeartbeats(existing.value, { ...body, status: existing.value.status }) &&
        !r.hasStatus);
    const finalize = opts.subresource === 'finalize';
    this.#request(actor, 'api.update', r, ns, name, 'PUT', name, finalize ? '/finalize' : '', hk);
    if (finalize && r.resource !== 'namespaces') {
      return this.#fail(actor, r, ns, name, {
        ...notFound(r, name),
        message: 'the server could not find the requested resource',
        details: {},
      });
    }
    const decoded = this.#decode(r, v2Body(r, body), opts);
    if (!decoded.ok) return this.#fail(actor, r, ns, name, decoded.status);
    const input = decoded.body;
    if (!existing) return this.#fail(actor, r, ns, name, notFound(r, name));
    if (finalize) {
      // namespaceFinalizeStrategy: the spec (its finalizers) from the request, metadata and
      // status as stored.
      const next = shallowCopy(existing.value);
      const spec = { ...((cloneShared(input.spec ?? {}) as Obj) ?? {}) };
      // An empty list is no list (omitempty).
      if (Array.isArray(spec.finalizers) && spec.finalizers.length === 0) delete spec.finalizers;
      next.spec = spec;
      return this.#finishUpdate(
        actor,
        r,
        ns,
        name,
        existing,
        next,
        input.metadata?.resourceVersion,
        opts,
        true,
      );
    }
    // Frozen parts (taken from a cache or a stored object) are shared, not copied.
    const next = cloneShared(input) as KubeObject;
    if (r.hasStatus) next.status = existing.value.status;
    return withDecodeWarnings(
      this.#finishUpdate(actor, r, ns, name, existing, next, input.metadata?.resourceVersion, opts),
      decoded.warnings,
    );
  }

  updateStatus(
    actor: Actor,
    resource: ResourceName,
    namespace: string | undefined,
    input: KubeObject,
  ): Result<KubeObject> {
    const r = this.#def(resource);
    if (!r) return unknownResource(resource);
    const ns = this.#ns(r, namespace ?? input.metadata?.namespace ?? undefined);
    const name = input.metadata?.name ?? '';
    const existing = this.#etcd.get(this.#objectKey(r, ns, name), r.etcdPrefix);
    // #isHousekeeping(r, stored, { ...stored, status: input.status }) without the copy: the
    // copy differs from the stored object in its status only, and always has a status key.
    // The new status is copied first and compared as stored (a copy compares as its original
    // does), so #finishUpdate finds this comparison's answer for the same pair.
    const status = existing ? cloneShared(input.status) : undefined;
    const hk =
      !!existing &&
      (r.resource === 'leases' ||
        (Object.hasOwn(existing.value, 'status') && this.#sameStatus(existing.value, status)));
    this.#request(actor, 'api.updateStatus', r, ns, name, 'PUT', name, '/status', hk);
    if (!existing) return this.#fail(actor, r, ns, name, notFound(r, name));
    const next = shallowCopy(existing.value);
    next.status = status;
    if (resource === 'deployments') {
      // The Deployment status strategy resets spec and labels only, so annotations written
      // through /status stick: that is how the deployment controller records
      // deployment.kubernetes.io/revision.
      const annotations = input.metadata?.annotations;
      next.metadata = { ...next.metadata, annotations: cloneShared(annotations ?? {}) };
      if (!annotations || Object.keys(annotations).length === 0) delete next.metadata.annotations;
    }
    return this.#finishUpdate(
      actor,
      r,
      ns,
      name,
      existing,
      next,
      input.metadata?.resourceVersion,
      {},
      true,
    );
  }

  patch(
    actor: Actor,
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
    body: Record<string, unknown>,
    opts: WriteOptions = {},
    statusOnly = false,
  ): Result<KubeObject> {
    const r = this.#def(resource);
    if (!r) return unknownResource(resource);
    const ns = this.#ns(r, namespace);
    const existing = this.#etcd.get(this.#objectKey(r, ns, name), r.etcdPrefix);
    // The scale subresource is a Scale object: only its spec.replicas reaches the owner.
    const patch =
      opts.subresource === 'scale'
        ? { spec: { replicas: ((body as Obj).spec as Obj | undefined)?.replicas } }
        : body;
    let next: KubeObject | undefined;
    if (existing) {
      if (statusOnly) {
        next = shallowCopy(existing.value);
        next.status = mergePatchShared(existing.value.status, (patch as Obj).status ?? {});
      } else if (patch !== null && typeof patch === 'object' && !Array.isArray(patch)) {
        // cloneShared(merged) with the status put back, in one pass.
        next = mergePatchShared(existing.value, patch) as KubeObject;
        if (r.hasStatus) next.status = existing.value.status;
      } else {
        next = mergePatch(existing.value, patch) as KubeObject;
        if (r.hasStatus) next.status = existing.value.status;
        next = cloneShared(next);
      }
    }
    // A status patch changes nothing but the status: its comparison is remembered (see
    // sameKnowing) for #finishUpdate's, which compares this same pair again.
    const hk =
      !!existing &&
      !!next &&
      (statusOnly && r.resource !== 'leases'
        ? sameKnowing(
            existing.value,
            next,
            existing.value.status,
            next.status,
            this.#sameStatus(existing.value, next.status),
          )
        : this.#isHousekeeping(r, existing.value, next));
    this.#request(
      actor,
      'api.patch',
      r,
      ns,
      name,
      'PATCH',
      name,
      statusOnly ? '/status' : opts.subresource === 'scale' ? '/scale' : '',
      hk,
    );
    if (!existing || !next) return this.#fail(actor, r, ns, name, notFound(r, name));
    // The patched object is decoded like a body: a patch's unknown fields are found there.
    const decoded = this.#decode(r, v2Body(r, next), opts, patch);
    if (!decoded.ok) return this.#fail(actor, r, ns, name, decoded.status);
    const rv = (patch as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion;
    return withDecodeWarnings(
      this.#finishUpdate(actor, r, ns, name, existing, decoded.body, rv, opts, statusOnly),
      decoded.warnings,
    );
  }

  /**
   * PATCH with a Content-Type (what kubectl patch sends): the patch is applied to the stored
   * object as the patch handler does — a strategic merge patch with the type's patch
   * strategies, a JSON merge patch, or a JSON patch — and the result goes through decoding,
   * defaulting, validation and optimistic concurrency like an update. With `subresource`,
   * through `…/status` (the status only) or `…/scale` (a Scale object: its spec.replicas).
   */
  typedPatch(
    actor: Actor,
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
    body: Record<string, unknown> | unknown[],
    opts: TypedPatchOptions,
  ): Result<KubeObject> {
    const r = this.#def(resource);
    if (!r) return unknownResource(resource);
    const ns = this.#ns(r, namespace);
    const sub = opts.subresource;
    this.#request(
      actor,
      'api.patch',
      r,
      ns,
      name,
      'PATCH',
      name,
      sub ? `/${sub}` : '',
      false,
      true,
      {
        contentType: CONTENT_TYPES[opts.patchType],
        patch: JSON.stringify(body),
      },
    );
    const existing = this.#etcd.get(this.#objectKey(r, ns, name), r.etcdPrefix);
    if (!existing) return this.#fail(actor, r, ns, name, notFound(r, name));
    const approval = sub === 'approval' && r.resource === 'certificatesigningrequests';
    const ephemeral = sub === 'ephemeralcontainers';
    if (
      (ephemeral && r.resource !== 'pods') ||
      (sub === 'scale' && !SCALABLE.has(r.resource)) ||
      (sub === 'status' && !r.hasStatus) ||
      (sub === 'approval' && !approval)
    ) {
      return this.#fail(actor, r, ns, name, {
        ...notFound(r, name),
        message: 'the server could not find the requested resource',
        details: {},
      });
    }
    if (opts.patchType === 'apply')
      return this.#serverSideApply(actor, r, ns, name, existing, body as KubeObject, opts);
    const stored = existing.value;
    const doc =
      sub === 'scale'
        ? (scaleOf(stored) as Obj)
        : r.resource === 'horizontalpodautoscalers' && opts.apiVersion === 'autoscaling/v1'
          ? (hpaToV1(stored) as Obj)
          : (stored as Obj);
    const applied = applyTypedPatch(r, doc, body, opts.patchType);
    if (!applied.ok) return this.#fail(actor, r, ns, name, applied.status);
    const patched = applied.value as KubeObject;
    if (!sub) {
      const misnamed = checkName(patched, name, r.namespaced ? ns : undefined);
      if (misnamed) return this.#fail(actor, r, ns, name, misnamed);
    }
    const shown = (): string =>
      opts.patchType === 'strategic' ? goSprint(body) : JSON.stringify(patched);
    let next: KubeObject;
    if (sub === 'scale') {
      const replicas = (patched.spec as Obj | undefined)?.replicas;
      next = shallowCopy(stored);
      next.spec = { ...(stored.spec as Obj), replicas };
    } else if (sub === 'status') {
      next = shallowCopy(stored);
      next.status = patched.status;
    } else if (ephemeral) {
      // pods/ephemeralcontainers: only spec.ephemeralContainers is taken, and validated here.
      const u = ephemeralContainersUpdate(stored, patched.spec);
      if (u.errors.length > 0) return this.#fail(actor, r, ns, name, invalid(r, name, u.errors));
      next = shallowCopy(stored);
      next.spec = u.spec;
      // PodSecurity admission checks the pod with its new ephemeral container.
      const labels = ns ? this.#namespaceObject(ns)?.metadata?.labels : undefined;
      if (labels && hasPodSecurityLabel(labels)) {
        const verdict = admitPodSecurity('pods', next, labels);
        if ('forbidden' in verdict)
          return this.#fail(actor, r, ns, name, forbidden(r, name, verdict.forbidden));
      }
    } else if (approval) {
      // The approval subresource takes the conditions only (approvalStrategy).
      next = shallowCopy(stored);
      const conditions = defaultCsrConditions(
        (patched.status as Obj | undefined)?.conditions,
        rfc3339(this.#now()),
      );
      next.status = { ...((stored.status as Obj | undefined) ?? {}), conditions };
      const refused = validateCsrApproval(stored, conditions);
      if (refused.length > 0) return this.#fail(actor, r, ns, name, invalid(r, name, refused));
    } else {
      const decoded = this.#decode(r, v2Body(r, patched), opts, undefined, shown);
      if (!decoded.ok) return this.#fail(actor, r, ns, name, decoded.status);
      next = decoded.body;
      if (r.hasStatus) next.status = stored.status;
      const result = this.#finishUpdate(
        actor,
        r,
        ns,
        name,
        existing,
        cloneShared(next) as KubeObject,
        patched.metadata?.resourceVersion,
        opts,
      );
      return withDecodeWarnings(result, decoded.warnings);
    }
    const result = this.#finishUpdate(
      actor,
      r,
      ns,
      name,
      existing,
      cloneShared(next) as KubeObject,
      patched.metadata?.resourceVersion,
      opts,
      sub === 'status' || approval || ephemeral,
    );
    if (!result.ok || sub !== 'scale') return result;
    return { ok: true, value: scaleOf(result.value) };
  }

  /** Who and what a write records in managedFields (managedFields.ts). */
  #managedWrite(
    actor: Actor,
    r: ResourceDef,
    opts: WriteOptions,
    subresource?: string,
  ): ManagedWrite {
    return {
      manager: opts.fieldManager ?? managerOf(actor),
      apiVersion: r.apiVersion,
      now: rfc3339(this.#now()),
      ...(subresource ? { subresource } : {}),
    };
  }

  /** A create's managedFields: its Update, or (server-side apply) the applied fields. */
  #recordCreate(
    actor: Actor,
    r: ResourceDef,
    obj: KubeObject,
    body: KubeObject,
    opts: WriteOptions,
  ): void {
    const w = this.#managedWrite(actor, r, opts);
    if (opts.patchType !== 'apply') {
      const seen = createdAsDecoded(r.resource, obj, body);
      recordUpdate(undefined, seen, w);
      if (seen !== obj) (obj.metadata as Meta).managedFields = seen.metadata?.managedFields;
      return;
    }
    const applied = applyConfiguration(undefined, body, { ...w, force: true });
    if (applied.ok) (obj.metadata as Meta).managedFields = applied.object.metadata?.managedFields;
  }

  /**
   * PATCH with `application/apply-patch+yaml`: the field manager merges the applied
   * configuration into the stored object (or refuses it: a Conflict listing the fields other
   * managers own), then the result is an update like any other.
   */
  #serverSideApply(
    actor: Actor,
    r: ResourceDef,
    ns: string | undefined,
    name: string,
    existing: KeyValue<KubeObject>,
    config: KubeObject,
    opts: WriteOptions,
  ): Result<KubeObject> {
    const applied = applyConfiguration(existing.value, config, {
      ...this.#managedWrite(actor, r, opts),
      force: !!opts.force,
    });
    if (!applied.ok) return this.#fail(actor, r, ns, name, applyConflictStatus(applied.conflicts));
    const shown = (): string => JSON.stringify(applied.object);
    const decoded = this.#decode(r, v2Body(r, applied.object), opts, undefined, shown);
    if (!decoded.ok) return this.#fail(actor, r, ns, name, decoded.status);
    const next = decoded.body;
    if (r.hasStatus) next.status = existing.value.status;
    const result = this.#finishUpdate(
      actor,
      r,
      ns,
      name,
      existing,
      cloneShared(next) as KubeObject,
      config.metadata?.resourceVersion,
      opts,
      false,
      true,
    );
    return withDecodeWarnings(result, decoded.warnings);
  }

  #finishUpdate(
    actor: Actor,
    r: ResourceDef,
    ns: string | undefined,
    name: string,
    existing: KeyValue<KubeObject>,
    next0: KubeObject,
    resourceVersion: string | undefined,
    opts: WriteOptions,
    statusOnly = false,
    managedRecorded = false,
  ): Result<KubeObject> {
    const next = r.resource === 'secrets' && !statusOnly ? convertSecret(next0) : next0;
    if (resourceVersion && resourceVersion !== existing.value.metadata?.resourceVersion) {
      return this.#fail(actor, r, ns, name, conflict(r, name));
    }
    const old = existing.value;
    const oldMeta = old.metadata ?? {};
    const meta = shallowCopy((next.metadata ?? {}) as Meta);
    next.metadata = meta;
    next.apiVersion = r.apiVersion;
    next.kind = r.kind;
    // Fields the server owns.
    meta.name = oldMeta.name;
    if (r.namespaced) meta.namespace = oldMeta.namespace;
    meta.uid = oldMeta.uid;
    meta.creationTimestamp = oldMeta.creationTimestamp;
    // Unrolled, with `in` before each delete: this runs on every update.
    if (oldMeta.deletionTimestamp !== undefined) meta.deletionTimestamp = oldMeta.deletionTimestamp;
    else if ('deletionTimestamp' in meta) delete meta.deletionTimestamp;
    if (oldMeta.deletionGracePeriodSeconds !== undefined)
      meta.deletionGracePeriodSeconds = oldMeta.deletionGracePeriodSeconds;
    else if ('deletionGracePeriodSeconds' in meta) delete meta.deletionGracePeriodSeconds;
    if (oldMeta.generation !== undefined) meta.generation = oldMeta.generation;
    else if ('generation' in meta) delete meta.generation;
    if (r.resource === 'namespaces') {
      meta.labels = { ...(meta.labels ?? {}), 'kubernetes.io/metadata.name': name };
      if (!statusOnly) {
        // namespaceStrategy.PrepareForUpdate: spec.finalizers change only through /finalize.
        const kept = (old.spec as Obj | undefined)?.finalizers;
        const spec = { ...((next.spec as Obj | undefined) ?? {}) };
        if (kept === undefined) delete spec.finalizers;
        else spec.finalizers = kept;
        next.spec = spec;
      }
    }
    if (!statusOnly && DEFAULTED_ON_UPDATE.has(r.resource)) {
      // Defaulting runs on every decode, not only on create: a PUT or PATCH that drops
      // defaulted fields (say, replaces a template's container list) gets them back, so the
      // stored template stays comparable with its ReplicaSet's.
      next.spec = clone(next.spec);
      applyDefaults(r.resource, next, this.#rng);
    }
    /** A node port the update asks for that the allocator refuses (updateNodePorts). */
    let nodePortRefused: FieldError | undefined;
    if (!statusOnly && r.resource === 'services' && next.spec) {
      // The service REST update: a type that needs node ports gets them for the ports that have
      // none; a type back to ClusterIP releases them.
      next.spec = clone(next.spec);
      normalizeClusterIPs(next.spec as Obj, old.spec as Obj | undefined);
      nodePortRefused = this.#updateNodePorts(
        next.spec as Obj,
        old.spec as Obj | undefined,
        old.metadata?.uid,
      );
    }
    if (!statusOnly && r.resource === 'pods' && next.spec) {
      // Priority admission on update: what it set on create stays when the update leaves it out.
      next.spec = keepPodPriority(next.spec as Obj, old.spec as Obj | undefined);
    }
    if (!statusOnly) {
      const rules = validateUpdateRules(r.resource, next, old);
      const errors = [
        ...rules.before,
        ...validateObject(r.resource, defaultedForValidation(r.resource, next), false),
        ...rules.after,
      ];
      if (r.resource === 'pods') errors.push(...validatePodUpdate(next, old));
      if (r.resource === 'priorityclasses') errors.push(...validatePriorityClassUpdate(next, old));
      if (r.resource === 'rolebindings' || r.resource === 'clusterrolebindings')
        errors.push(...validateBindingUpdate(next, old));
      if (errors.length) return this.#fail(actor, r, ns, name, invalid(r, name, errors));
      if (nodePortRefused) {
        return this.#fail(actor, r, ns, name, invalid(r, name, [nodePortRefused]));
      }
      if (r.resource === 'priorityclasses') {
        const why = admitPriorityClass(next, this.#priorityClasses());
        if (why) return this.#fail(actor, r, ns, name, forbidden(r, name, why));
      }
      if (r.resource === 'persistentvolumeclaims') {
        const why = this.#admitClaimResize(next, old);
        if (why) return this.#fail(actor, r, ns, name, forbidden(r, name, why));
      }
      const admitted = this.#updateAdmission?.(next);
      if (admitted) return this.#fail(actor, r, ns, name, admitted);
      if (r.resource === 'persistentvolumeclaims') {
        // LimitRanger and ResourceQuota (the last plugin) validate a claim's update: a resize
        // must fit the LimitRanges and is charged its growth.
        const refused = this.#admitClaimUpdate(r, ns, name, next, old, !!opts.dryRun);
        if (refused) return this.#fail(actor, r, ns, name, refused);
      }
      if (r.hasGeneration && generationChanged(r, old, next))
        meta.generation = (oldMeta.generation ?? 0) + 1;
      if (r.resource === 'daemonsets') {
        // PrepareForUpdate: a new template is the next template generation; the annotation
        // always carries the current one, whatever the request sent.
        const was = Number(oldMeta.annotations?.[DS_TEMPLATE_GENERATION] ?? 1) || 1;
        const oldTemplate = (old.spec as Obj | undefined)?.template;
        const newTemplate = (next.spec as Obj | undefined)?.template;
        const generation = deepEqual(oldTemplate, newTemplate) ? was : was + 1;
        meta.annotations = {
          ...(meta.annotations ?? {}),
          [DS_TEMPLATE_GENERATION]: `${generation}`,
        };
      }
      if (r.resource === 'pods' && oldMeta.deletionTimestamp === undefined) {
        // spec.nodeName is set only through the binding subresource once a pod exists.
        next.spec = shallowCopy((next.spec ?? {}) as Obj);
        (next.spec as Obj).nodeName = (old.spec as Obj | undefined)?.nodeName;
        if ((next.spec as Obj).nodeName === undefined) delete (next.spec as Obj).nodeName;
      }
    }
    // The field manager: a named manager's write, or any write of an object that has
    // managedFields already (see managedFields.ts).
    if (
      !managedRecorded &&
      (opts.fieldManager !== undefined || oldMeta.managedFields !== undefined)
    )
      recordUpdate(
        old,
        next,
        this.#managedWrite(actor, r, opts, opts.subresource ?? (statusOnly ? 'status' : undefined)),
      );
    // A kubectl patch that changes nothing is not written (GuaranteedUpdate compares the new
    // object with the stored one): no new resourceVersion, and the stored object answers.
    if (opts.patchType && sameJson(old, next)) {
      return this.#respond(actor, r, ns, name, { ok: true, value: old });
    }
    if (opts.dryRun) return this.#respond(actor, r, ns, name, { ok: true, value: next });
    // Deletion finishes once the last finalizer is gone.
    const finalizersLeft =
      (meta.finalizers?.length ?? 0) +
      (r.resource === 'namespaces'
        ? (((next.spec as Obj | undefined)?.finalizers as unknown[]) ?? []).length
        : 0);
    // (ShouldDeleteDuringUpdate: a pod still in its grace period waits for the kubelet.)
    if (meta.deletionTimestamp && finalizersLeft === 0 && !meta.deletionGracePeriodSeconds) {
      this.#remove(r, ns, name, existing.key);
      return this.#respond(actor, r, ns, name, { ok: true, value: next });
    }
    const hk =
      statusOnly && r.resource !== 'leases'
        ? sameKnowing(old, next, this.#knownOld, this.#knownNew, this.#knownSame)
        : this.#isHousekeeping(r, old, next);
    this.#knownOld = undefined;
    this.#knownNew = undefined;
    this.#knownSame = true;
    const kv = this.#put(r, ns, name, existing.key, next, existing.modRevision, hk);
    if (!kv) return this.#fail(actor, r, ns, name, conflict(r, name));
    const result = this.#respond(actor, r, ns, name, { ok: true, value: kv.value });
    // A workload's WarningsOnUpdate: its template's, when the spec (generation) changed.
    if (
      !statusOnly &&
      POD_SECURITY_KINDS.has(r.resource) &&
      r.resource !== 'pods' &&
      meta.generation !== oldMeta.generation
    )
      return withWarnings(result, appArmorTemplateWarnings(r.resource, next));
    if (r.resource !== 'namespaces' || statusOnly) return result;
    // PodSecurity's namespace validation: a new enforce level warns about the pods there.
    const pods = this.#etcd.range(`${RESOURCES.pods.etcdPrefix}/${name}/`).map((e) => e.value);
    const warnings = namespaceLevelWarnings(name, oldMeta.labels, meta.labels, pods);
    return warnings.length > 0 ? withWarnings(result, warnings) : result;
  }

  delete(
    actor: Actor,
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
    opts: DeleteOptions = {},
  ): Result<KubeObject> {
    const r = this.#def(resource);
    if (!r) return unknownResource(resource);
    const ns = this.#ns(r, namespace);
    if (opts.eviction && r.resource === 'pods') {
      // policy/v1 Eviction: the pod's budget decides, then a graceful delete.
      this.#request(actor, 'api.evict', r, ns, name, 'POST', name, '/eviction');
      return this.#respond(actor, r, ns, name, this.#evict(r, ns, name, opts), 201);
    }
    this.#request(actor, 'api.delete', r, ns, name, 'DELETE', name, '');
    return this.#respond(actor, r, ns, name, this.#deleteOne(r, ns, name, opts));
  }

  /**
   * EvictionREST.Create (1.32): a pending, finished or terminating pod goes at once; else the
   * one PodDisruptionBudget selecting it must allow a disruption (its status then counts the
   * eviction). The pod gets the DisruptionTarget condition, then a graceful delete.
   */
  #evict(
    r: ResourceDef,
    ns: string | undefined,
    name: string,
    opts: DeleteOptions,
  ): Result<KubeObject> {
    // NamespaceLifecycle admits the Eviction (a create) first: none in a terminating namespace.
    const refused = this.#admitNamespace(r, ns, name);
    if (refused) return this.#err(refused);
    const key = this.#objectKey(r, ns, name);
    const existing = this.#etcd.get(key, r.etcdPrefix);
    if (!existing) return this.#err(notFound(r, name));
    const pod = existing.value;
    if (!canIgnorePdb(pod)) {
      const labels = pod.metadata?.labels;
      const pdbs = this.#namespaceList(this.#pdbLists, RESOURCES.poddisruptionbudgets, ns).filter(
        (p) => pdbSelects(p, labels),
      );
      // Returned as a Status object, not an error: a 500 without a reason.
      if (pdbs.length > 1) return this.#err(unknownError(MULTIPLE_PDBS));
      const pdb = pdbs[0];
      if (pdb) {
        const now = rfc3339(this.#now());
        const verdict = evictionVerdict(pod, pdb, !!opts.dryRun, now);
        if (!verdict.ok) return this.#err(verdict.status);
        if (verdict.status) {
          const pr = RESOURCES.poddisruptionbudgets;
          const pkey = etcdKey(pr, ns, pdb.metadata?.name ?? '');
          const kv = this.#etcd.get(pkey, pr.etcdPrefix);
          if (kv) {
            const next = shallowCopy(kv.value);
            next.metadata = shallowCopy((kv.value.metadata ?? {}) as Meta);
            next.status = verdict.status;
            this.#put(pr, ns, pdb.metadata?.name ?? '', pkey, next, kv.modRevision, false);
          }
        }
      }
    }
    if (!opts.dryRun) {
      // addConditionAndDeletePod: the status store's update, then the delete.
      const next = shallowCopy(pod);
      next.metadata = shallowCopy((pod.metadata ?? {}) as Meta);
      const status = shallowCopy((pod.status ?? {}) as { conditions?: Obj[] });
      const conditions = status.conditions ?? [];
      const old = conditions.find((c) => c.type === 'DisruptionTarget');
      const cond: Obj = {
        type: 'DisruptionTarget',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: old?.status === 'True' ? old.lastTransitionTime : rfc3339(this.#now()),
        reason: 'EvictionByEvictionAPI',
        message: 'Eviction API: evicting',
      };
      status.conditions = old
        ? conditions.map((c) => (c === old ? cond : c))
        : [...conditions, cond];
      next.status = status;
      this.#put(r, ns, name, existing.key, next, existing.modRevision, false);
    }
    return this.#deleteOne(r, ns, name, opts);
  }

  /** Delete one object (graceful for pods, finalizers respected); no request message. */
  #deleteOne(
    r: ResourceDef,
    ns: string | undefined,
    name: string,
    opts: DeleteOptions,
  ): Result<KubeObject> {
    const existing = this.#etcd.get(this.#objectKey(r, ns, name), r.etcdPrefix);
    if (!existing) return this.#err(notFound(r, name));
    if (r.resource === 'priorityclasses' && Object.hasOwn(SYSTEM_PRIORITY_CLASSES, name)) {
      // The PriorityClass REST storage's Delete guards the classes the API server made.
      return this.#err(forbidden(r, name, 'this is a system priority class and cannot be deleted'));
    }
    const old = existing.value;
    const oldMeta = old.metadata ?? {};
    if (r.resource === 'namespaces') {
      if (IMMORTAL_NAMESPACES.includes(name)) {
        return this.#err(forbidden(r, name, 'this namespace may not be deleted'));
      }
      if (oldMeta.deletionTimestamp) {
        const specFinalizers =
          ((old.spec as Obj | undefined)?.finalizers as unknown[] | undefined) ?? [];
        // The namespace REST storage's Delete: while spec.finalizers are there (the namespace
        // controller is still removing the content) a second delete is a Conflict.
        if (specFinalizers.length > 0) {
          return this.#err(
            conflict(
              r,
              name,
              'The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.',
            ),
          );
        }
        if (!oldMeta.finalizers?.length && !opts.dryRun) this.#remove(r, ns, name, existing.key);
        return { ok: true, value: old };
      }
      const next = { ...old, metadata: { ...old.metadata } } as KubeObject;
      (next.metadata as Meta).deletionTimestamp = rfc3339(this.#now());
      (next.metadata as Meta).deletionGracePeriodSeconds = 0;
      next.status = { ...((next.status as Obj | undefined) ?? {}), phase: 'Terminating' };
      if (opts.dryRun) return { ok: true, value: next };
      const kv = this.#put(r, ns, name, existing.key, next, existing.modRevision, false);
      return { ok: true, value: kv!.value };
    }
    let grace = 0;
    if (r.resource === 'pods') {
      const spec = (old.spec ?? {}) as {
        nodeName?: string;
        terminationGracePeriodSeconds?: number;
      };
      const phase = (old.status as { phase?: string } | undefined)?.phase;
      grace = opts.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
      // Unscheduled and finished pods have nothing to stop: they go at once.
      if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') grace = 0;
      if (grace < 0) grace = 0;
    }
    const finalizers = [...(oldMeta.finalizers ?? [])];
    if (opts.propagationPolicy === 'Foreground' && !finalizers.includes('foregroundDeletion')) {
      finalizers.push('foregroundDeletion');
    }
    if (opts.propagationPolicy === 'Orphan' && !finalizers.includes('orphan'))
      finalizers.push('orphan');
    if (grace === 0 && finalizers.length === 0) {
      if (opts.dryRun) return { ok: true, value: old };
      // A pod already being deleted gracefully: BeforeDelete only shortens its grace period, so
      // the store writes deletionGracePeriodSeconds 0 (a MODIFIED event) before it deletes.
      const prevGrace = oldMeta.deletionGracePeriodSeconds ?? 0;
      if (r.resource === 'pods' && oldMeta.deletionTimestamp && prevGrace > 0) {
        const next = shallowCopy(old);
        const meta = shallowCopy(oldMeta as Meta);
        next.metadata = meta;
        meta.deletionTimestamp = rfc3339(
          parseTimestamp(oldMeta.deletionTimestamp) - prevGrace * 1000,
        );
        meta.deletionGracePeriodSeconds = 0;
        this.#put(r, ns, name, existing.key, next, existing.modRevision, false);
        this.#remove(r, ns, name, existing.key);
        return { ok: true, value: next };
      }
      this.#remove(r, ns, name, existing.key);
      return { ok: true, value: old };
    }
    // Graceful deletion: mark and let the kubelet (or the finalizer's owner) finish.
    if (oldMeta.deletionTimestamp) {
      const prevGrace = oldMeta.deletionGracePeriodSeconds ?? 0;
      if (grace >= prevGrace && finalizers.length === (oldMeta.finalizers?.length ?? 0)) {
        return { ok: true, value: old };
      }
    }
    const next = shallowCopy(old);
    const meta = shallowCopy((old.metadata ?? {}) as Meta);
    next.metadata = meta;
    meta.deletionTimestamp = rfc3339(this.#now() + grace * 1000);
    meta.deletionGracePeriodSeconds = grace;
    if (finalizers.length) meta.finalizers = finalizers;
    if (opts.dryRun) return { ok: true, value: next };
    const kv = this.#put(r, ns, name, existing.key, next, existing.modRevision, false);
    return { ok: true, value: kv!.value };
  }

  deleteCollection(
    actor: Actor,
    resource: ResourceName,
    namespace: string,
    opts: DeleteOptions & { labelSelector?: string } = {},
  ): Result<ObjectList> {
    const r = this.#def(resource);
    if (!r) return unknownResource(resource);
    const ns = this.#ns(r, namespace);
    const query = opts.labelSelector ? `?labelSelector=${opts.labelSelector}` : '';
    this.#request(actor, 'api.deleteCollection', r, ns, '', 'DELETE', undefined, query);
    let labels: Requirement[] = [];
    try {
      if (opts.labelSelector) labels = parseLabelSelector(opts.labelSelector);
    } catch (e) {
      return this.#fail(actor, r, ns, '', badRequest((e as Error).message));
    }
    const prefix = ns ? `${r.etcdPrefix}/${ns}/` : `${r.etcdPrefix}/`;
    const items: KubeObject[] = [];
    for (const kv of this.#etcd.range(prefix)) {
      const o = kv.value;
      if (o.kind !== r.kind || !matchesLabels(labels, o.metadata?.labels)) continue;
      const name = o.metadata?.name ?? '';
      const res = this.#deleteOne(r, ns, name, opts);
      if (res.ok) items.push(res.value);
    }
    return this.#respond(actor, r, ns, '', {
      ok: true,
      value: {
        apiVersion: r.apiVersion,
        kind: `${r.kind}List`,
        metadata: { resourceVersion: String(this.#etcd.revision) },
        items,
      },
    });
  }

  bind(actor: Actor, namespace: string, name: string, node: string): Result<KubeObject> {
    const r = RESOURCES.pods;
    this.#request(actor, 'api.bind', r, namespace, name, 'POST', name, '/binding');
    const existing = this.#etcd.get(this.#objectKey(r, namespace, name), r.etcdPrefix);
    if (!existing) return this.#fail(actor, r, namespace, name, notFound(r, name));
    const pod = existing.value;
    const spec = (pod.spec ?? {}) as { nodeName?: string };
    if (pod.metadata?.deletionTimestamp) {
      return this.#fail(
        actor,
        r,
        namespace,
        name,
        conflict(r, name, `pod ${name} is being deleted, cannot be assigned to a host`),
      );
    }
    if (spec.nodeName) {
      return this.#fail(
        actor,
        r,
        namespace,
        name,
        conflict(r, name, `pod ${name} is already assigned to node "${spec.nodeName}"`),
      );
    }
    // A new version sharing the stored one's unchanged (frozen) parts; #put sets metadata.
    const next = shallowCopy(pod);
    next.metadata = shallowCopy((pod.metadata ?? {}) as Meta);
    const nextSpec = shallowCopy((pod.spec ?? {}) as Obj);
    nextSpec.nodeName = node;
    next.spec = nextSpec;
    const status = shallowCopy((pod.status ?? {}) as { conditions?: Obj[] });
    // An index loop: `filter` on a stored (frozen) array leaves V8's fast path.
    const conditions: Obj[] = [];
    const had = status.conditions ?? [];
    for (let i = 0; i < had.length; i++)
      if (had[i]!.type !== 'PodScheduled') conditions.push(had[i]!);
    conditions.push({
      type: 'PodScheduled',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: rfc3339(this.#now()),
    });
    status.conditions = conditions;
    next.status = status;
    const kv = this.#put(r, namespace, name, existing.key, next, existing.modRevision, false);
    if (!kv) return this.#fail(actor, r, namespace, name, conflict(r, name));
    return this.#respond(actor, r, namespace, name, { ok: true, value: kv.value }, 201);
  }

  /** Unsupported verb helper for callers that route arbitrary requests. */
  static methodNotAllowed(message: string): Status {
    return methodNotAllowed(message);
  }

  /**
   * etcd started again from a restored snapshot, without telling its watchers: the listers
   * built from watch events and the Event lease in use start afresh, as in a restarted API
   * server.
   */
  etcdRestarted(): void {
    this.#priorityClassList = undefined;
    this.#quotaLists.clear();
    this.#limitRangeLists.clear();
    this.#pdbLists.clear();
    this.#leases.reset();
  }
}

/**
 * The handlers' checkName (endpoints/handlers/rest.go): the patched object must keep the name
 * and namespace of the URL, so a patch cannot rename or move an object.
 */
function checkName(
  obj: KubeObject,
  name: string,
  namespace: string | undefined,
): Status | undefined {
  const objName = typeof obj.metadata?.name === 'string' ? obj.metadata.name : '';
  if (objName !== name) {
    return badRequest(
      `the name of the object (${objName}) does not match the name on the URL (${name})`,
    );
  }
  const objNs = typeof obj.metadata?.namespace === 'string' ? obj.metadata.namespace : '';
  if (namespace && objNs !== '' && objNs !== namespace) {
    return badRequest(
      `the namespace of the object (${objNs}) does not match the namespace on the request (${namespace})`,
    );
  }
  return undefined;
}

/** The allocator's answer to a Service asking for a node port: out of range, or already held. */
function nodePortRefusal(
  port: number,
  index: number,
  used: ReadonlySet<number>,
): FieldError | undefined {
  const why =
    port < 30000 || port > 32767
      ? 'provided port is not in the valid range. The range of valid ports is 30000-32767'
      : used.has(port)
        ? 'provided port is already allocated'
        : undefined;
  return why
    ? { field: `spec.ports[${index}].nodePort`, type: 'Invalid value', value: port, detail: why }
    : undefined;
}
