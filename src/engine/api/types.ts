/**
 * The client-facing contract of the simulated API server.
 *
 * kubectl (src/kubectl/), the story layer and the UI talk to the cluster only through
 * these types. The engine implements them; extend this file, never break it.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';

/** Lower-case plural resource names, as in REST paths and etcd keys. */
export type ResourceName =
  | 'namespaces'
  | 'nodes'
  | 'pods'
  | 'deployments'
  | 'replicasets'
  | 'services'
  | 'endpoints'
  | 'events'
  | 'leases'
  | 'configmaps'
  | 'secrets'
  | 'serviceaccounts'
  | 'daemonsets'
  | 'statefulsets'
  | 'controllerrevisions'
  | 'jobs'
  | 'cronjobs'
  | 'endpointslices'
  | 'priorityclasses'
  | 'resourcequotas'
  | 'limitranges'
  | 'persistentvolumes'
  | 'persistentvolumeclaims'
  | 'storageclasses'
  | 'horizontalpodautoscalers'
  | 'poddisruptionbudgets'
  | 'ingresses'
  | 'ingressclasses'
  | 'networkpolicies'
  | 'roles'
  | 'clusterroles'
  | 'rolebindings'
  | 'clusterrolebindings'
  | 'certificatesigningrequests';

/** Any API object: apiVersion, kind, metadata and the rest of its fields. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

/** Reasons of a failed request, as in metav1.StatusReason. */
export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'Forbidden'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'Gone'
  | 'Expired'
  | 'TooManyRequests'
  | 'InternalError';

/** The HTTP code that goes with each reason (a Status object's `code`). */
export const STATUS_CODES: Readonly<Record<StatusReason, number>> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  Forbidden: 403,
  BadRequest: 400,
  MethodNotAllowed: 405,
  Gone: 410,
  Expired: 410,
  TooManyRequests: 429,
  InternalError: 500,
};

export interface StatusCause {
  type: string;
  message: string;
  field?: string;
}

/** A Kubernetes Status object describing a failed request. */
export interface Status {
  apiVersion: 'v1';
  kind: 'Status';
  metadata: Record<string, never>;
  status: 'Failure';
  /** The server's message, e.g. `namespaces "blue" not found`. */
  message: string;
  reason: StatusReason;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: StatusCause[];
    /** A 429's suggested wait (the eviction subresource sends 0 or 10). */
    retryAfterSeconds?: number;
  };
  code: number;
}

/** A request's outcome; `warnings` are the server's Warning headers (kubectl prints them). */
export type Result<T> =
  | { ok: true; value: T; warnings?: string[] }
  | { ok: false; status: Status; warnings?: string[] };

export interface WriteOptions {
  /** Server-side dry run (`--dry-run=server`): validate and default, do not persist. */
  dryRun?: boolean;
  /** Field manager, e.g. `kubectl-create`. */
  fieldManager?: string;
  /** Server-side apply's `force`: take the fields other managers own (`--force-conflicts`). */
  force?: boolean;
  /**
   * What to do with fields the type does not have (`kubectl --validate`): fail the request
   * (Strict), accept it with a warning each (Warn) or drop them (Ignore). Unset: the body is
   * taken as it is (the cluster's own components send typed objects).
   */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  /**
   * A patch through a subresource: `scale` (`…/scale`, what kubectl scale sends: replicas
   * only) or, with a `patchType`, `status` (`…/status`: the status only). For an update of a
   * Namespace, `finalize` (`PUT …/namespaces/NAME/finalize`: the only way to change its
   * spec.finalizers).
   */
  subresource?: 'scale' | 'status' | 'approval' | 'ephemeralcontainers' | 'finalize';
  /**
   * The patch's Content-Type, as `kubectl patch --type` chooses it: a strategic merge patch
   * (`application/strategic-merge-patch+json`), a JSON merge patch (`…merge-patch+json`) or a
   * JSON patch (`…json-patch+json`, a list of operations). Unset: a JSON merge patch sent by the
   * cluster's own components, always written (no no-op detection, no message details).
   */
  patchType?: PatchType;
  /**
   * The group version of the request's path when it is not the stored one: `autoscaling/v1`
   * for a HorizontalPodAutoscaler (a typed patch then applies to the object's v1 form).
   */
  apiVersion?: string;
  /**
   * The body is a new object that the caller hands over and never touches again (the
   * components' Event recorder builds one per Event): the server defaults and stores that very
   * object instead of a deep copy of it. Never set for bodies that are shared or frozen.
   */
  owned?: boolean;
}

/**
 * The three patch formats kubectl sends (`kubectl patch --type`), and server-side apply's
 * (`application/apply-patch+yaml`: the body is the applied configuration).
 */
export type PatchType = 'strategic' | 'merge' | 'json' | 'apply';

export interface ListOptions {
  /** Equality-based selector as kubectl sends it, e.g. `app=web,tier!=db`. */
  labelSelector?: string;
  /** e.g. `spec.nodeName=node1`, `involvedObject.name=web-…`. */
  fieldSelector?: string;
  /**
   * The page size kubectl asks for (`limit=500` from get and describe): shown in `kubectl -v=6`'s
   * request log. The simulated server answers with every item in one page.
   */
  limit?: number;
}

export interface DeleteOptions extends WriteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  /**
   * Through a pod's eviction subresource (`POST …/pods/NAME/eviction`, what kubectl drain
   * sends): the API server checks the pod's PodDisruptionBudget (a 429 TooManyRequests when
   * it allows no disruption), marks the pod DisruptionTarget and deletes it gracefully,
   * answering 201.
   */
  eviction?: boolean;
}

export interface ObjectList {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string };
  items: KubeObject[];
}

/**
 * A client of the API server. Every call is recorded by the engine as a message from the
 * client's actor to the API server (and the API server's own etcd traffic) so the UI can
 * animate it. Calls are synchronous: the simulation is single-threaded and the virtual clock
 * only moves when the cluster is stepped.
 *
 * `namespace` is ignored for cluster-scoped resources; `undefined` in `list` means all
 * namespaces.
 */
export interface ApiClient {
  create(
    resource: ResourceName,
    namespace: string | undefined,
    obj: KubeObject,
    opts?: WriteOptions,
  ): Result<KubeObject>;
  get(resource: ResourceName, namespace: string | undefined, name: string): Result<KubeObject>;
  list(
    resource: ResourceName,
    namespace: string | undefined,
    opts?: ListOptions,
  ): Result<ObjectList>;
  /** Full replace; fails with Conflict when `metadata.resourceVersion` is stale. */
  update(
    resource: ResourceName,
    namespace: string | undefined,
    obj: KubeObject,
    opts?: WriteOptions,
  ): Result<KubeObject>;
  /**
   * PATCH: a JSON merge patch (RFC 7386) unless `opts.patchType` says otherwise (a JSON patch
   * is a list of operations).
   */
  patch(
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
    patch: Record<string, unknown> | unknown[],
    opts?: WriteOptions,
  ): Result<KubeObject>;
  delete(
    resource: ResourceName,
    namespace: string | undefined,
    name: string,
    opts?: DeleteOptions,
  ): Result<KubeObject>;
  /**
   * A pod's connect subresource: `exec`, `attach`, `portforward` (POST …/exec, …) or `log`
   * (GET …/log). The API server reads the pod and forwards the request to its node's kubelet,
   * which for all but log asks the container runtime (CRI Exec, Attach, PortForward); what
   * the stream carries is the console's to work out. The result is the pod.
   */
  connect?(
    subresource: 'exec' | 'log' | 'attach' | 'portforward',
    namespace: string | undefined,
    name: string,
    container: string,
  ): Result<KubeObject>;
  /**
   * POST serviceaccounts/<name>/token: a TokenRequest (authentication.k8s.io/v1) answered with
   * a signed token in its status (apiserver/tokenRequest.ts).
   */
  createToken?(namespace: string, name: string, request: KubeObject): Result<KubeObject>;
}

/** Where a cluster-scoped vs namespaced resource lives, its kind and group. */
export interface ResourceInfo {
  resource: ResourceName;
  kind: string;
  /** '' for the core group. */
  group: string;
  version: string;
  namespaced: boolean;
  shortNames: string[];
}
