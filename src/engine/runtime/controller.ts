/**
 * The shape every in-cluster actor's logic takes (controllers, scheduler, kubelet, kube-proxy),
 * in the controller-runtime way: which resources it watches, which work-queue key an object
 * maps to, and a level-based `reconcile(key)` that reads an informer cache and returns the
 * writes it wants. Reconcilers never mutate objects read from the cache.
 *
 * The engine's runtime (src/engine/runtime/) delivers watch events, keeps the caches,
 * collapses duplicate keys in a work queue, performs the writes through the API server and
 * records every hop as a Message. Extend this file, never break it.
 */
import type { KubeObject, ResourceName } from '../api/types.ts';

/** Who sends or receives a message. Per-node actors carry the node name. */
export type Actor =
  | 'developer'
  | 'kubectl'
  | 'registry'
  | 'api-server'
  | 'etcd'
  | 'scheduler'
  | 'controller-manager'
  | `kubelet/${string}`
  | `kube-proxy/${string}`
  | `container-runtime/${string}`;

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** A watch event as delivered to an actor (objects are frozen). */
export interface WatchEvent {
  type: WatchEventType;
  resource: ResourceName;
  /** The new object, or for DELETED the last state. */
  object: KubeObject;
  /** The object before the change (MODIFIED and DELETED). */
  old?: KubeObject;
}

/** A reference to the object a message is about. */
export interface ObjRef {
  resource: ResourceName;
  namespace?: string;
  name: string;
}

/** An i18n key with parameters; the UI turns it into Korean or English prose. */
export interface Summary {
  key: string;
  params?: Record<string, string | number>;
}

/** One hop between two components: the unit the UI animates. */
export interface Message {
  id: string;
  seq: number;
  /** Virtual milliseconds since the cluster started. */
  at: number;
  from: Actor;
  to: Actor;
  /** Dotted kind: 'api.create', 'api.bind', 'etcd.put', 'watch.event', 'cri.pull', 'image.pull'… */
  kind: string;
  ref?: ObjRef;
  summary: Summary;
  /** Short label for the travelling packet, e.g. `POST /apis/apps/v1/namespaces/default/deployments`. */
  label?: string;
  /**
   * Periodic upkeep that changes nothing a learner would notice (lease renewals, heartbeat-only
   * node status updates and their watch deliveries). `settle()` ignores these; the UI may hide them.
   */
  housekeeping?: boolean;
}

/**
 * Record one message from its fields (no input object per message: the hot paths use this).
 * The runtime's `hop`; the API server calls it through its deps.
 */
export type Hop = (
  from: Actor,
  to: Actor,
  kind: string,
  ref: ObjRef | undefined,
  summary: Summary,
  label: string | undefined,
  housekeeping?: boolean,
) => Message;

/** Read-only view of an informer cache. Objects are frozen; never mutate them. */
export interface Cache {
  get(resource: ResourceName, namespace: string | undefined, name: string): KubeObject | undefined;
  /** `namespace` undefined lists every namespace. Order: by namespace, then name. */
  list(resource: ResourceName, namespace?: string): readonly KubeObject[];
  /**
   * Objects of `resource` with an ownerReference to `ownerUid` (an index, like the
   * controllers' `controllerUIDIndex`): O(owned) instead of scanning the namespace.
   * Order: by namespace, then name. Optional so test caches need not implement it.
   */
  owned?(resource: ResourceName, ownerUid: string): readonly KubeObject[];
}

/**
 * A write a reconciler wants the API server to perform on its behalf.
 *
 * Semantics follow the real API server: `update` replaces spec and metadata but keeps the
 * stored `status` for resources with a status subresource; `updateStatus` replaces only
 * `status`. A stale `metadata.resourceVersion` fails with Conflict and the runtime requeues
 * the key with back-off. Leave `resourceVersion` unset to skip the check. A namespace whose
 * deletion has started is removed once its `finalize` update leaves `spec.finalizers` empty.
 */
export type Write =
  | { verb: 'create'; resource: ResourceName; namespace?: string; obj: KubeObject }
  | {
      verb: 'update';
      resource: ResourceName;
      namespace?: string;
      obj: KubeObject;
      /** `finalize`: a Namespace's `PUT …/finalize`, the only update of its spec.finalizers. */
      subresource?: 'finalize';
    }
  | {
      verb: 'updateStatus';
      resource: ResourceName;
      namespace?: string;
      obj: KubeObject;
    }
  | {
      verb: 'patch';
      resource: ResourceName;
      namespace?: string;
      name: string;
      /** JSON merge patch (RFC 7386). */
      patch: Record<string, unknown>;
      /**
       * 'status' patches the status subresource (like the kubelet's status manager does for
       * pods). Without it, as on a real API server, `status` in the patch is ignored for
       * resources that have a status subresource (pods, nodes, namespaces, deployments,
       * replicasets, services). 'scale' patches the scale subresource (only `spec.replicas`
       * counts), as the HPA controller's scale client does.
       */
      subresource?: 'status' | 'scale';
    }
  | {
      verb: 'delete';
      resource: ResourceName;
      namespace?: string;
      name: string;
      gracePeriodSeconds?: number;
      /** Set by the kubelet when it confirms a terminated pod is gone. */
      force?: boolean;
      /** `DeleteOptions.propagationPolicy` (the garbage collector's Foreground cascades). */
      propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
    }
  | { verb: 'bind'; namespace: string; name: string; node: string }
  | {
      /**
       * DELETE on a collection (what the namespace controller uses): every object of the
       * resource in the namespace (matching the selector), each deleted as by `delete` (pods
       * gracefully). Works without having the objects in the cache, e.g. events.
       */
      verb: 'deleteCollection';
      resource: ResourceName;
      namespace: string;
      labelSelector?: string;
    };

/** An event to record, as client-go's EventRecorder would (aggregated by the runtime). */
export interface EventRecord {
  /** The involved object. */
  ref: ObjRef & {
    uid?: string;
    kind: string;
    apiVersion: string;
    /** The object's resourceVersion when the event was recorded (client-go's reference). */
    resourceVersion?: string;
    /** The part of the object, e.g. `spec.containers{nginx}` for a kubelet container event. */
    fieldPath?: string;
  };
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /**
   * `source.component`, e.g. `deployment-controller`, `kubelet`; for an events.k8s.io Event
   * (one with an `action`) the reporting controller, e.g. `default-scheduler`.
   */
  component: string;
  /**
   * `source.host` for kubelet events; for an events.k8s.io Event the recorder's hostname
   * (its reporting instance is `<component>-<host>`).
   */
  host?: string;
  /** Set for Events of the events.k8s.io recorder (kube-scheduler, kube-proxy). */
  action?: string;
  /** The secondary object (events.k8s.io `related`), e.g. the preemptor of a victim. */
  related?: { kind: string; apiVersion: string; name: string; namespace?: string; uid?: string };
}

/** What a reconciler may use besides its cache. */
export interface ReconcileContext {
  /** Virtual milliseconds since the cluster started. */
  now: number;
  /** RFC 3339 timestamp of `now` (the virtual clock maps to a fixed wall-clock epoch). */
  timestamp(): string;
  /** Seeded random source in [0, 1). Never Math.random. */
  random(): number;
  /**
   * 64 random hex characters (a container or sandbox id): the same draws, and the same
   * characters, as 64 `random()` calls turned into hex digits.
   */
  randomHex64(): string;
  /** Record a Kubernetes Event (becomes an `events` write plus a message). */
  recordEvent(event: EventRecord): void;
  /** A non-API hop, e.g. kubelet → container runtime, container runtime → registry. */
  send(
    msg: Pick<Message, 'to' | 'kind' | 'summary' | 'label' | 'ref'> & {
      /**
       * Sender when it is not this reconciler's own actor: a kubelet drives its node's
       * container runtime in-process, so the runtime's hops to the registry (and the replies)
       * are sent through the kubelet's context with `from: 'container-runtime/<node>'` or
       * `from: 'registry'`. Defaults to the reconciler's actor.
       */
      from?: Actor;
    },
  ): void;
  /** Reconcile `key` again after `ms` virtual milliseconds (timers, back-off, pulls). */
  requeueAfter(key: string, ms: number): void;
}

export interface ReconcileResult {
  writes: Write[];
}

/** One reconciling actor: a controller loop, the scheduler, a kubelet, a kube-proxy. */
export interface Reconciler {
  /** Actor that sends this reconciler's requests (e.g. 'controller-manager', 'kubelet/node1'). */
  actor: Actor;
  /** Name used in logs and events, e.g. 'deployment-controller'. */
  name: string;
  /** Resources whose watch events this reconciler receives. */
  watches: ResourceName[];
  /**
   * Optional server-side filter of the watch, e.g. the kubelet only watches pods with
   * `spec.nodeName=<its node>`. Return false to drop the event for this reconciler.
   * Like a field selector it should depend on the object alone: an object dropped once is not
   * offered again until it changes (so events filtered by their namespace's phase are never
   * in the cache; clear them with a `deleteCollection` write instead).
   */
  accepts?(resource: ResourceName, obj: KubeObject): boolean;
  /** Work-queue keys an observed object maps to (duplicates collapse); [] to ignore it. */
  keysFor(resource: ResourceName, obj: KubeObject): string[];
  /** Keys to reconcile when the actor starts (e.g. a kubelet's lease and node-status loops). */
  initialKeys?(): string[];
  /**
   * Called when the actor (re)starts, e.g. a stopped node boots again: reset volatile state
   * (a rebooted node has no running containers).
   */
  onStart?(): void;
  /**
   * Index hint (like the kubelet's `spec.nodeName=<node>` field selector): when set, the
   * runtime offers this reconciler only pods bound to this node (before or after the change),
   * so watch fan-out costs O(1) per pod event instead of O(nodes). Actors named
   * `kubelet/<node>` get this by default.
   */
  podNodeName?: string;
  /**
   * Optional hook called for every watch event this reconciler receives, before `keysFor`,
   * with the event type and the previous object (for MODIFIED/DELETED). The scheduler uses it
   * to keep its node-info cache incrementally. Must not mutate the objects.
   */
  observe?(event: WatchEvent): void;
  /**
   * Each Event is posted as the reconcile records it, before the writes it returns are sent. The
   * kubelet records each Event as its sync does the work (Pulled after the pull, then the
   * CreateContainer call and Created, then StartContainer and Started), and its status manager
   * sends the pod's status after the sync. Controllers record theirs after the request they
   * report on (SuccessfulCreate after the create): without this flag Events are posted after the
   * writes.
   */
  eventsAsRecorded?: boolean;
  /** Level-based: look at the cache now, return the writes that move the world toward the goal. */
  reconcile(key: string, cache: Cache, ctx: ReconcileContext): ReconcileResult;
}
