/**
 * The simulation loop: a virtual clock, an agenda of timed tasks, the message log, and the
 * machinery that turns `Reconciler`s into actors — informer caches fed by watch deliveries,
 * work queues that collapse duplicate keys, timers, events and retries with back-off.
 *
 * Timing (virtual): a watch delivery arrives WATCH_LATENCY_MS after the write; an actor starts
 * on its queue RECONCILE_DELAY_MS after a key was added; its API requests happen at that
 * moment. Everything else (image pulls, lease periods, grace periods) comes from the
 * reconcilers' own `requeueAfter` timers.
 */
import type { KubeObject, ObjectList, ResourceName, Result, WriteOptions } from '../api/types.ts';
import type { ApiServer, ClusterClient, MessageInput } from '../apiserver/apiserver.ts';
import { RESOURCES } from '../apiserver/resources.ts';
import type { Etcd } from '../etcd/etcd.ts';
import { epochMs, rfc3339, rfc3339Micro } from '../util/clock.ts';
import { flat } from '../util/flat.ts';
import { randomHex64Of } from '../util/names.ts';
import type { Rng } from '../util/rng.ts';
import { ActorCache } from './cache.ts';
import type {
  Actor,
  EventRecord,
  Message,
  ObjRef,
  ReconcileContext,
  Reconciler,
  Summary,
  WatchEvent,
  Write,
} from './controller.ts';
import { EVENT_CACHE_SIZE, EventCorrelator } from './eventCorrelator.ts';
import { lateDelivery, type QueuedEvent, seededFraction } from './eventRetry.ts';
import { Agenda } from './heap.ts';
import { connectionRefused } from './unreachable.ts';

/** The default `Runtime.onMessage`: one function for every runtime (see `Runtime.hop`). */
const NO_LISTENER = (_m: Message): void => {};

export const WATCH_LATENCY_MS = 5;
/** Write options of a create whose body the runtime builds and hands over (Events). */
const OWNED: WriteOptions = Object.freeze({ owned: true });
export const RECONCILE_DELAY_MS = 1;
/** controller-runtime's per-item exponential back-off: 5 ms doubling, capped at 1000 s. */
export const RETRY_BASE_MS = 5;
/**
 * Tasks the runtime runs at one virtual instant before it takes a reconciler's work there for
 * a loop (one that requeues itself with no delay): that work is dropped with an engine error
 * instead of running until memory runs out. A 1000-pod Deployment peaks at about 3,000.
 */
export const MAX_TASKS_AT_ONE_INSTANT = 1_000_000;
export const RETRY_MAX_MS = 1_000_000;

/**
 * A controller work queue: keys in the order first added, a key already waiting is not added
 * twice. The same order as a `Set`'s, but taking the first key costs no iterator.
 */
class WorkQueue {
  readonly #waiting = new Set<string>();
  #keys: string[] = [];
  #head = 0;

  get size(): number {
    return this.#waiting.size;
  }

  add(key: string): void {
    // One hash lookup, not `has` then `add`: the set grows exactly when the key is new.
    const waiting = this.#waiting;
    const n = waiting.size;
    waiting.add(key);
    if (waiting.size !== n) this.#keys.push(key);
  }

  /** The first key, removed; undefined when empty. */
  take(): string | undefined {
    if (this.#head === this.#keys.length) return undefined;
    const key = this.#keys[this.#head++]!;
    this.#waiting.delete(key);
    // Drop the taken prefix once it is most of the array.
    if (this.#head > 64 && this.#head * 2 > this.#keys.length) {
      this.#keys = this.#keys.slice(this.#head);
      this.#head = 0;
    }
    return key;
  }

  clear(): void {
    this.#waiting.clear();
    this.#keys = [];
    this.#head = 0;
  }
}

interface RecState {
  rec: Reconciler;
  /**
   * The reconciler's per-event hooks and `reconcile`, read from `rec` once (called with `rec`
   * as `this`): reconcilers are objects of many shapes, so reading them from `rec` per event
   * was a megamorphic property load; RecStates all share one shape.
   */
  keysFor: Reconciler['keysFor'];
  observe: Reconciler['observe'];
  accepts: Reconciler['accepts'];
  reconcile: Reconciler['reconcile'];
  /** `rec.eventsAsRecorded`, read once for the same reason. */
  eventsAsRecorded: boolean;
  podNodeName: string | undefined;
  actor: ActorState;
  queue: WorkQueue;
  runScheduled: boolean;
  timers: Map<string, number>;
  failures: Map<string, number>;
  /**
   * The context handed to `reconcile`, built once (its methods read the live state). Set to
   * undefined when the RecState is made: every field is there from the start (one shape).
   */
  ctx: ReconcileContext | undefined;
  /** Events recorded by the reconcile in progress. */
  events: EventRecord[];
  /** Reconcile calls so far. */
  reconciles: number;
}

/**
 * An actor. Every field is set when it is made (see `register`), so that all actors share one
 * shape: a field added later moves the object to a new hidden class, and optimized code that
 * relied on the old one is thrown away.
 */
interface ActorState {
  name: Actor;
  cache: ActorCache;
  recs: RecState[];
  client: ClusterClient;
  stopped: boolean;
  epoch: number;
  /** Node whose pods (and own Node/Lease) this actor watches, when indexed. */
  node: string | undefined;
  /** Whether `#index` has put the actor in the watcher lists already. */
  indexed: boolean;
  /** The reconcilers watching each resource (built on first use, dropped when recs change). */
  byResource: Map<ResourceName, RecState[]> | undefined;
  /**
   * The resource `recsFor` answered last and its answer: an actor's deliveries come in runs of
   * one resource (a pod's delivery, then its #apply), and a string compare of the interned
   * resource name costs less than the map lookup. Cleared with `byResource`.
   */
  lastRes: ResourceName | undefined;
  lastRecs: readonly RecState[];
}

const NO_RECS: readonly RecState[] = [];
/** The writes of a reconcile that threw (none): one array, not one per reconcile. */
const NO_WRITES: readonly Write[] = Object.freeze([]);

/** The reconcilers of `a` that watch `res`, in registration order. */
function recsFor(a: ActorState, res: ResourceName): readonly RecState[] {
  if (res === a.lastRes) return a.lastRecs;
  // The map is built by a function of its own: the optimizing compiler copies recsFor into
  // #apply, #deliver and the fan-out, and a rarely run loop over Sets made each copy (and each
  // recompilation of those) larger.
  const recs = (a.byResource ?? byResource(a)).get(res) ?? NO_RECS;
  a.lastRes = res;
  a.lastRecs = recs;
  return recs;
}

/** `a.byResource`, built. */
function byResource(a: ActorState): Map<ResourceName, RecState[]> {
  const m = new Map<ResourceName, RecState[]>();
  for (const r of a.recs) {
    for (const w of new Set(r.rec.watches)) {
      const list = m.get(w);
      if (list) list.push(r);
      else m.set(w, [r]);
    }
  }
  a.byResource = m;
  return m;
}

/**
 * Whether reconciler `r`, which watches `res`, is offered `obj` (its node index and its
 * `accepts` filter; `accepts` depends on the object alone, so asking once per event is enough).
 */
function recAccepts(r: RecState, res: ResourceName, obj: KubeObject | undefined): boolean {
  if (!obj) return false;
  if (r.podNodeName !== undefined && res === 'pods' && nodeOf(res, obj) !== r.podNodeName)
    return false;
  return r.accepts ? r.accepts.call(r.rec, res, obj) : true;
}

/** Whether any of `recs` (an actor's reconcilers watching `e.resource`) is offered `e`. */
function wants(recs: readonly RecState[], e: WatchEvent): boolean {
  // (Indexed loops on the per-event paths: no iterator objects before the code is optimized.)
  for (let i = 0; i < recs.length; i++) {
    const r = recs[i]!;
    if (recAccepts(r, e.resource, e.object) || recAccepts(r, e.resource, e.old)) return true;
  }
  return false;
}

type Task =
  | {
      type: 'deliver';
      at: number;
      seq: number;
      actor: ActorState;
      epoch: number;
      event: WatchEvent;
      /** Message fields shared by every delivery of this event (a compact log). */
      shared: SharedDelivery;
    }
  | { type: 'run'; at: number; seq: number; rec: RecState; epoch: number }
  | { type: 'timer'; at: number; seq: number; rec: RecState; epoch: number; key: string }
  | { type: 'call'; at: number; seq: number; fn: () => void };

/** The parts of a watch-delivery message that are the same for every watcher. */
interface SharedDelivery {
  ref: ObjRef;
  summary: Message['summary'];
  label: string;
  housekeeping: boolean;
}

function sharedDelivery(e: WatchEvent, housekeeping: boolean): SharedDelivery {
  const ns = e.object.metadata?.namespace ?? undefined;
  const name = e.object.metadata?.name ?? '';
  return sharedFor(
    ns ? { resource: e.resource, namespace: ns, name } : { resource: e.resource, name },
    e,
    housekeeping,
  );
}

/** The delivery parts of `e` about the object `ref` names. */
function sharedFor(ref: ObjRef, e: WatchEvent, housekeeping: boolean): SharedDelivery {
  const ns = ref.namespace;
  const name = ref.name;
  return {
    ref,
    summary: {
      key: 'msg.watch.event',
      params: ns
        ? { type: e.type, resource: e.resource, name, namespace: ns }
        : { type: e.type, resource: e.resource, name },
    },
    label: watchLabel(e),
    housekeeping,
  };
}

/**
 * The watch-delivery parts of one object (by uid) for its whole life: its ref, and per event
 * type and housekeeping flag the shared parts. An object sees a dozen events and every
 * delivery message keeps its parts for as long as the log: made once per object, not per event.
 */
interface DeliveryParts {
  ref: ObjRef;
  /** Indexed by `partsIndex`. */
  shared: (SharedDelivery | undefined)[];
}

/** The slot of an event type and housekeeping flag in `DeliveryParts.shared`. */
function partsIndex(type: WatchEvent['type'], housekeeping: boolean): number {
  return (type === 'ADDED' ? 0 : type === 'MODIFIED' ? 2 : 4) + (housekeeping ? 1 : 0);
}

/** Per resource, its three labels (no key string built per delivery). */
const WATCH_LABELS = new Map<ResourceName, Record<WatchEvent['type'], string>>();

/** `watch: Pod added`: one string per resource and event type, shared by every message. */
function watchLabel(e: WatchEvent): string {
  let labels = WATCH_LABELS.get(e.resource);
  if (labels === undefined) {
    const kind = RESOURCES[e.resource].kind;
    labels = {
      ADDED: `watch: ${kind} added`,
      MODIFIED: `watch: ${kind} modified`,
      DELETED: `watch: ${kind} deleted`,
    };
    WATCH_LABELS.set(e.resource, labels);
  }
  return labels[e.type];
}

const TWO_32 = 2 ** 32;
/** Two hexadecimal digits of every byte. */
const HEX_BYTES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** An unsigned 32-bit integer as eight hexadecimal digits. */
function hex8(n: number): string {
  return (
    HEX_BYTES[n >>> 24]! +
    HEX_BYTES[(n >>> 16) & 255]! +
    HEX_BYTES[(n >>> 8) & 255]! +
    HEX_BYTES[n & 255]!
  );
}

/**
 * An Event of the events.k8s.io recorder in its broadcaster's cache, by the fields of
 * client-go's `getKey` (action, reason, reportingController, regarding — with its
 * resourceVersion — and related; not the note: its `SeriesKey` fields), with its series.
 * One object per Event: the key's fields, the bucket's chain and the LRU order are its own.
 */
interface AggregatedEvent extends SeriesKey {
  namespace: string;
  name: string;
  /** The Event object's name. */
  eventName: string;
  /** Virtual ms of the Event's eventTime. */
  eventTime: number;
  /** The series count (1: no series yet). */
  count: number;
  /** Virtual ms of the last occurrence. */
  lastObserved: number;
  /** The series count last written to the API. */
  written: number;
  /** The next entry of the same regarding name (see Runtime.#eventAgg). */
  next: AggregatedEvent | undefined;
  /** The entries used just before and just after this one (see Runtime.#aggOldest). */
  older: AggregatedEvent | undefined;
  newer: AggregatedEvent | undefined;
}

/**
 * `getKey` of an events.k8s.io Event but for the regarding name (the bucket): action, reason,
 * reporting controller, the regarding reference (kind, apiVersion, uid, resourceVersion,
 * fieldPath) and the related object. Its fields are copied from the record (absent ones as
 * ''), not joined into a string: the cache keeps one per Event, and a repeat is found by
 * comparing them.
 */
interface SeriesKey {
  action: string;
  reason: string;
  component: string;
  kind: string;
  apiVersion: string;
  uid: string;
  resourceVersion: string;
  fieldPath: string;
  /** The related object's kind, namespace, name and uid; `related` false when there is none. */
  related: boolean;
  relatedKind: string;
  relatedNamespace: string;
  relatedName: string;
  relatedUid: string;
}

/** A new cache entry for `e`, stored as the Event `eventName` at virtual ms `now`. */
function aggregatedEvent(
  e: EventRecord,
  namespace: string,
  eventName: string,
  now: number,
): AggregatedEvent {
  const r = e.ref;
  const rel = e.related;
  return {
    action: e.action ?? '',
    reason: e.reason,
    component: e.component,
    kind: r.kind,
    apiVersion: r.apiVersion,
    uid: r.uid ?? '',
    resourceVersion: r.resourceVersion ?? '',
    fieldPath: r.fieldPath ?? '',
    related: rel !== undefined,
    relatedKind: rel?.kind ?? '',
    relatedNamespace: rel?.namespace ?? '',
    relatedName: rel?.name ?? '',
    relatedUid: rel?.uid ?? '',
    namespace,
    name: r.name,
    eventName,
    eventTime: now,
    count: 1,
    lastObserved: now,
    written: 1,
    next: undefined,
    older: undefined,
    newer: undefined,
  };
}

/** Whether `e` has the series key `k` (no key built for the comparison). */
function hasSeriesKey(k: SeriesKey, e: EventRecord): boolean {
  const r = e.ref;
  if (
    k.action !== (e.action ?? '') ||
    k.reason !== e.reason ||
    k.component !== e.component ||
    k.kind !== r.kind ||
    k.apiVersion !== r.apiVersion ||
    k.uid !== (r.uid ?? '') ||
    k.resourceVersion !== (r.resourceVersion ?? '') ||
    k.fieldPath !== (r.fieldPath ?? '')
  )
    return false;
  const rel = e.related;
  if (rel === undefined) return !k.related;
  return (
    k.related &&
    k.relatedKind === rel.kind &&
    k.relatedNamespace === (rel.namespace ?? '') &&
    k.relatedName === rel.name &&
    k.relatedUid === (rel.uid ?? '')
  );
}

/** The empty `source` of an events.k8s.io Event read through core/v1. */
const NO_SOURCE: Readonly<Record<string, string>> = Object.freeze({});

/** client-go tools/events: a cached Event is finished 6 minutes after its last occurrence… */
const SERIES_FINISH_MS = 6 * 60_000;
/** …checked every 6 minutes; a running series is written again every 30 minutes. */
const SERIES_REFRESH_MS = 30 * 60_000;

/** A reconciler that threw: kept for diagnostics, the simulation goes on. */
export interface ReconcileError {
  at: number;
  reconciler: string;
  key: string;
  error: string;
}

export interface RuntimeDeps {
  apiserver: ApiServer;
  etcd: Etcd<KubeObject>;
  rng: Rng;
}

function nodeOf(resource: ResourceName, obj: KubeObject | undefined): string | undefined {
  if (!obj) return undefined;
  if (resource === 'pods') return (obj.spec as { nodeName?: string } | undefined)?.nodeName;
  if (resource === 'nodes') return obj.metadata?.name;
  if (resource === 'leases')
    return obj.metadata?.namespace === 'kube-node-lease' ? obj.metadata?.name : undefined;
  return undefined;
}

const NODE_INDEXED: ReadonlySet<ResourceName> = new Set(['pods', 'nodes', 'leases']);
/** The field a node-indexed watch selects on. */
const NODE_FIELD: Partial<Record<ResourceName, string>> = {
  pods: 'spec.nodeName',
  nodes: 'metadata.name',
  leases: 'metadata.name',
};

/** The objects an informer's initial list returns, read from etcd once and indexed by node. */
class InitialList {
  readonly #etcd: Etcd<KubeObject>;
  readonly #all = new Map<ResourceName, KubeObject[]>();
  readonly #byNode = new Map<ResourceName, Map<string, KubeObject[]>>();

  constructor(etcd: Etcd<KubeObject>) {
    this.#etcd = etcd;
  }

  all(res: ResourceName): readonly KubeObject[] {
    let list = this.#all.get(res);
    if (!list) {
      const kind = RESOURCES[res].kind;
      list = this.#etcd
        .range(`${RESOURCES[res].etcdPrefix}/`)
        .map((kv) => kv.value)
        .filter((o) => o.kind === kind);
      this.#all.set(res, list);
    }
    return list;
  }

  onNode(res: ResourceName, node: string): readonly KubeObject[] {
    let index = this.#byNode.get(res);
    if (!index) {
      index = new Map();
      for (const o of this.all(res)) {
        const n = nodeOf(res, o);
        if (n === undefined) continue;
        const bucket = index.get(n);
        if (bucket) bucket.push(o);
        else index.set(n, [o]);
      }
      this.#byNode.set(res, index);
    }
    return index.get(node) ?? [];
  }
}

/**
 * One message of the log. The log holds about 50 messages per pod, so each is kept small: its
 * `id` is derived from `seq` rather than stored, and every field is set in the constructor, in
 * one order, so that all messages share one shape with their fields inside the object.
 */
class LoggedMessage implements Message {
  // `declare`: types only. A plain field declaration compiles to a class field, which makes
  // every `new` run an initializer that defines nine fields as undefined before the
  // constructor assigns them (the same fields, in the same order, either way).
  declare readonly seq: number;
  declare readonly at: number;
  declare readonly from: Actor;
  declare readonly to: Actor;
  declare readonly kind: string;
  declare readonly ref: ObjRef | undefined;
  declare readonly summary: Message['summary'];
  declare readonly label: string | undefined;
  declare readonly housekeeping: boolean | undefined;

  constructor(
    seq: number,
    at: number,
    from: Actor,
    to: Actor,
    kind: string,
    ref: ObjRef | undefined,
    summary: Message['summary'],
    label: string | undefined,
    housekeeping: boolean | undefined,
  ) {
    this.seq = seq;
    this.at = at;
    this.from = from;
    this.to = to;
    this.kind = kind;
    this.ref = ref;
    this.summary = summary;
    this.label = label;
    this.housekeeping = housekeeping;
  }

  get id(): string {
    return `m${this.seq}`;
  }
}

// Two messages made once at load and dropped. `ref` and `summary` hold objects of many shapes,
// `label` and `housekeeping` are sometimes undefined; V8 records a field's type from its first
// values and, when a value of another type arrives, throws away the optimized code that relied
// on it (mid-run, for the hottest functions: runOne, hop). Made general here, before any code
// is optimized.
new LoggedMessage(
  0,
  0,
  'api-server',
  'api-server',
  '',
  { resource: 'pods', name: '' },
  { key: '' },
  '',
  true,
);
new LoggedMessage(
  0,
  0,
  'api-server',
  'api-server',
  '',
  undefined,
  { key: '', params: {} },
  undefined,
  undefined,
);

export class Runtime {
  now = 0;
  readonly messages: Message[] = [];
  readonly errors: ReconcileError[] = [];
  /** Tasks processed so far (replay uses it to place client inputs exactly). */
  tasksRun = 0;
  /** Reconcile calls per reconciler name (for benchmarks and diagnostics). */
  get reconcileCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const a of this.#actors.values()) {
      for (const r of a.recs) counts.set(r.rec.name, (counts.get(r.rec.name) ?? 0) + r.reconciles);
    }
    return counts;
  }
  /**
   * Called after every recorded message (snapshots for the UI). By default one function shared
   * by every runtime (see `hop`).
   */
  onMessage: (m: Message) => void = NO_LISTENER;

  readonly #api: ApiServer;
  readonly #etcd: Etcd<KubeObject>;
  readonly #rng: Rng;
  readonly #agenda = new Agenda<Task>();
  #taskSeq = 0;
  readonly #actors = new Map<Actor, ActorState>();
  /** resource → actors that watch it without a node index. */
  readonly #watchers = new Map<ResourceName, ActorState[]>();
  /** node → actors indexed on that node. */
  readonly #nodeWatchers = new Map<string, ActorState[]>();
  /** Per-reconciler flags reused by #apply (no array per delivery). */
  readonly #acceptsScratch: boolean[] = [];
  /** Watch-delivery parts by object uid (see `DeliveryParts`). */
  readonly #deliveryParts = new Map<string, DeliveryParts>();
  /**
   * Events of the events.k8s.io recorder seen so far, by involved object name (the first of
   * a chain linked by `next`): a repeat is found by comparing the fields instead of building a
   * key string per Event.
   */
  readonly #eventAgg = new Map<string, AggregatedEvent>();
  /** The same entries from the least to the most recently used (linked by older/newer). */
  #aggOldest: AggregatedEvent | undefined;
  #aggNewest: AggregatedEvent | undefined;
  #aggCount = 0;
  /**
   * The last Event's Unix nanoseconds (about 2^61, beyond a double's exact integers) as its
   * high and low 32 bits: no BigInt arithmetic per Event. Starts at 0, as client-go's zero.
   */
  #lastNanosHi = 0;
  // -0, not 0: a double from the start. The low half soon exceeds a small integer, and a field
  // that changes from small integer to double gives the Runtime a new hidden class, which throws
  // away every optimized function that reads the Runtime (the same for #clockNanosLo).
  #lastNanosLo = -0;
  /** Events each actor recorded while the API server was away, oldest first (eventRetry.ts). */
  readonly #pendingEvents = new Map<ActorState, QueuedEvent<EventRecord>[]>();
  /** While an Event recorded earlier is posted: when it was recorded (its timestamps, name). */
  #eventAt: number | undefined;
  /** The clock's Unix nanoseconds at virtual time `#clockNanosAt`, split the same way. */
  #clockNanosAt = Number.NaN;
  #clockNanosHi = 0;
  #clockNanosLo = -0;
  /** `#hexHiOf` in hexadecimal (it changes every 2^32 ns, about 4.3 s). */
  #hexHiOf = Number.NaN;
  #hexHi = '';
  readonly #correlator = new EventCorrelator();
  /** The last Event's `involvedObject` (see #involvedObject). */
  #lastInvolved: Readonly<Record<string, unknown>> | undefined;
  /** `<component>-<host>` by component, then host (see #reportingInstance). */
  readonly #reportingInstances = new Map<string, Map<string, string>>();
  /** Frozen `source` objects by component, then host ('' for none). */
  readonly #eventSources = new Map<string, Map<string, Readonly<Record<string, string>>>>();
  /**
   * The API server is down (its node stopped): every request of an actor fails before it
   * reaches the server (no message, nothing written), and no watch event is delivered.
   */
  #apiDown = false;
  /** Where the API server listened (`host:port`), for the refused requests' message. */
  #apiAddress = '';
  /** Tasks run at the current instant (see MAX_TASKS_AT_ONE_INSTANT). */
  #atInstant = 0;

  constructor(deps: RuntimeDeps) {
    this.#api = deps.apiserver;
    this.#etcd = deps.etcd;
    this.#rng = deps.rng;
    this.#api.onWatchEvent = (e, hk) => this.#fanOut(e, hk);
  }

  /** Append a message at the current virtual time. */
  record(m: MessageInput): Message {
    return this.hop(m.from, m.to, m.kind, m.ref, m.summary, m.label, m.housekeeping);
  }

  /**
   * `record` with the fields given one by one (the hot paths: no input object per message). A
   * method, not a function per runtime: optimized code that calls it (every message) is then
   * not tied to the first cluster's function, and a new cluster (a reset, another lesson) does
   * not throw that code away ("wrong call target") to compile it again.
   */
  hop(
    from: Actor,
    to: Actor,
    kind: string,
    ref: ObjRef | undefined,
    summary: Summary,
    label: string | undefined,
    housekeeping?: boolean,
  ): Message {
    const seq = this.messages.length;
    // Messages live as long as the log: keep their strings flat (see util/flat.ts).
    flat(from);
    flat(to);
    flat(label);
    const msg = new LoggedMessage(
      seq,
      this.now,
      from,
      to,
      kind,
      ref,
      summary,
      label,
      housekeeping || undefined,
    );
    this.messages.push(msg);
    this.onMessage(msg);
    return msg;
  }

  /** Forget the messages so far (the cluster's warm-up before the learner arrives). */
  clearLog(): void {
    this.messages.length = 0;
  }

  // ------------------------------------------------------------ actors

  /** Register reconcilers (grouped into actors by `actor`) and start them without messages. */
  register(recs: readonly Reconciler[]): void {
    const touched = new Set<ActorState>();
    for (const rec of recs) {
      let a = this.#actors.get(rec.actor);
      if (!a) {
        a = {
          name: rec.actor,
          cache: new ActorCache(),
          recs: [],
          client: this.#api.client(rec.actor),
          stopped: false,
          epoch: 0,
          node: undefined,
          indexed: false,
          byResource: undefined,
          lastRes: undefined,
          lastRecs: NO_RECS,
        };
        this.#actors.set(rec.actor, a);
      }
      a.byResource = undefined;
      a.lastRes = undefined;
      a.recs.push({
        rec,
        keysFor: rec.keysFor,
        observe: rec.observe,
        accepts: rec.accepts,
        reconcile: rec.reconcile,
        eventsAsRecorded: !!rec.eventsAsRecorded,
        podNodeName: rec.podNodeName,
        actor: a,
        queue: new WorkQueue(),
        runScheduled: false,
        timers: new Map(),
        failures: new Map(),
        ctx: undefined,
        events: [],
        reconciles: 0,
      });
      touched.add(a);
    }
    // One list per resource shared by every starting actor (a node's agents get their node's share).
    const initial = new InitialList(this.#etcd);
    for (const a of touched) {
      this.#index(a);
      this.#start(a, false, initial);
    }
  }

  #index(a: ActorState): void {
    const defaultNode = a.name.startsWith('kubelet/') ? a.name.slice('kubelet/'.length) : undefined;
    const hints = new Set(a.recs.map((r) => r.rec.podNodeName ?? defaultNode));
    const node = hints.size === 1 ? [...hints][0] : undefined;
    // Re-indexing (more reconcilers for a known actor) first takes the actor out; a new actor
    // is in no list, so registering n actors stays O(n).
    if (a.indexed) {
      for (const list of this.#watchers.values()) {
        const i = list.indexOf(a);
        if (i >= 0) list.splice(i, 1);
      }
      if (a.node) {
        const list = this.#nodeWatchers.get(a.node);
        if (list) list.splice(list.indexOf(a), 1);
      }
    }
    a.indexed = true;
    if (node) {
      a.node = node;
      const list = this.#nodeWatchers.get(node) ?? [];
      list.push(a);
      this.#nodeWatchers.set(node, list);
    } else a.node = undefined;
    const resources = new Set(a.recs.flatMap((r) => r.rec.watches));
    for (const res of resources) {
      if (a.node && NODE_INDEXED.has(res)) continue;
      const list = this.#watchers.get(res) ?? [];
      list.push(a);
      this.#watchers.set(res, list);
    }
  }

  /** Actors by name (for stopping a node's components). */
  actorNames(): Actor[] {
    return [...this.#actors.keys()];
  }

  isStopped(actor: Actor): boolean {
    return this.#actors.get(actor)?.stopped ?? false;
  }

  /** Stop an actor: its watches break, its queue and timers are dropped. */
  stop(actor: Actor): void {
    const a = this.#actors.get(actor);
    if (!a || a.stopped) return;
    a.stopped = true;
    a.epoch++;
    // Its broadcaster's queue goes with the process.
    this.#pendingEvents.delete(a);
    for (const r of a.recs) {
      r.queue.clear();
      r.timers.clear();
      r.runScheduled = false;
    }
  }

  /**
   * Queue `key` for `actor`'s reconcilers: something outside the API changed that they read
   * (a kubelet's manifest directory). Nothing happens while the actor is stopped.
   */
  enqueueKey(actor: Actor, key: string): void {
    const a = this.#actors.get(actor);
    if (!a || a.stopped) return;
    for (const r of a.recs) this.#enqueue(r, key);
  }

  /** (Re)start an actor: fresh cache from a list, `onStart`, initial keys. */
  start(actor: Actor): void {
    const a = this.#actors.get(actor);
    if (!a?.stopped) return;
    a.stopped = false;
    a.epoch++;
    this.#start(a, true);
  }

  #start(a: ActorState, withMessages: boolean, initial?: InitialList): void {
    a.cache.clear();
    for (const r of a.recs) r.rec.onStart?.();
    // Started while the API server is down, its informers cannot list: the cache stays empty
    // until the server is back (`apiServerUp` re-lists).
    if (!this.#apiDown) this.#list(a, withMessages, initial ?? new InitialList(this.#etcd), true);
    for (const r of a.recs) for (const k of r.rec.initialKeys?.() ?? []) this.#enqueue(r, k);
  }

  /**
   * The informers' LIST: one request per watched resource (with `withMessages`), then the
   * cache made equal to it, as a reflector's Replace does — objects new or changed since the
   * cache last saw them are handed on as ADDED/MODIFIED, those gone as DELETED. Etcd's values
   * are never mutated, so an unchanged object is the very object the cache holds.
   */
  #list(a: ActorState, withMessages: boolean, list: InitialList, fresh = false): void {
    const resources = [...new Set(a.recs.flatMap((r) => r.rec.watches))];
    for (const res of resources) {
      if (withMessages) {
        // A node's agents list with the field selector of their watch, as the kubelet does.
        const field = a.node && NODE_INDEXED.has(res) ? NODE_FIELD[res] : undefined;
        a.client.list(res, undefined, field ? { fieldSelector: `${field}=${a.node}` } : {});
      }
      const objs = a.node && NODE_INDEXED.has(res) ? list.onNode(res, a.node) : list.all(res);
      if (fresh) {
        // An empty cache (a start): everything is new, nothing can be gone.
        for (const obj of objs) this.#apply(a, { type: 'ADDED', resource: res, object: obj });
        continue;
      }
      const seen = new Set<KubeObject>();
      for (const obj of objs) {
        const old = a.cache.get(
          res,
          obj.metadata?.namespace ?? undefined,
          obj.metadata?.name ?? '',
        );
        if (old) seen.add(old);
        if (old === obj) continue;
        this.#apply(
          a,
          old
            ? { type: 'MODIFIED', resource: res, object: obj, old }
            : { type: 'ADDED', resource: res, object: obj },
        );
        seen.add(obj);
      }
      for (const old of [...a.cache.list(res)]) {
        if (!seen.has(old)) this.#apply(a, { type: 'DELETED', resource: res, object: old, old });
      }
    }
  }

  /** Whether the API server is down (see `apiServerDown`). */
  get apiDown(): boolean {
    return this.#apiDown;
  }

  /**
   * The API server at `address` (`host:port`) stops answering: from now on the actors'
   * requests are refused before they reach it and no watch event is delivered. The actors
   * themselves go on (a worker's kubelet keeps its containers running); the cluster stops
   * the ones that ran on the server's machine.
   */
  apiServerDown(address: string): void {
    this.#apiDown = true;
    this.#apiAddress = address;
  }

  /**
   * The API server answers again: every running actor's informers re-list (a LIST message
   * per watched resource, the cache brought up to date), and the keys whose writes failed
   * meanwhile are retried now rather than after their grown back-off (the kubelet's status
   * manager, for one, syncs every 10 s whatever failed before).
   */
  apiServerUp(): void {
    if (!this.#apiDown) return;
    this.#apiDown = false;
    const list = new InitialList(this.#etcd);
    for (const a of this.#actors.values()) {
      if (a.stopped) continue;
      this.#list(a, true, list);
      for (const r of a.recs) {
        for (const k of r.failures.keys()) this.#enqueue(r, k);
        r.failures.clear();
      }
    }
    for (const [a, queue] of this.#pendingEvents) this.#deliverLate(a, queue);
    this.#pendingEvents.clear();
  }

  /**
   * The Events `a` recorded while the API server was away, posted when its broadcaster's next
   * try finds the server (those that ran out of tries before are lost), with the timestamps of
   * when they were recorded.
   */
  #deliverLate(a: ActorState, queue: QueuedEvent<EventRecord>[]): void {
    const due = lateDelivery(queue, this.now, (i) =>
      seededFraction(`${a.name}/${queue[i]!.at}/${i}`),
    );
    if (due === undefined) return;
    const items = queue.slice(due.from);
    this.schedule(due.at, () => {
      if (a.stopped) return;
      if (this.#apiDown) {
        // Away again: they wait on, ahead of what came since.
        this.#pendingEvents.set(a, [...items, ...(this.#pendingEvents.get(a) ?? [])]);
        return;
      }
      const hi = this.#lastNanosHi;
      const lo = this.#lastNanosLo;
      this.#lastNanosHi = 0;
      this.#lastNanosLo = 0;
      try {
        for (const q of items) {
          this.#eventAt = q.at;
          this.#recordEvent(a, q.event);
        }
      } finally {
        this.#eventAt = undefined;
        if (hi > this.#lastNanosHi || (hi === this.#lastNanosHi && lo > this.#lastNanosLo)) {
          this.#lastNanosHi = hi;
          this.#lastNanosLo = lo;
        }
      }
    });
  }

  /** The time of the Event being recorded: now, or when a late one was recorded. */
  #eventNow(): number {
    return this.#eventAt ?? this.now;
  }

  // ------------------------------------------------------------ watch fan-out

  /** The shared parts of the deliveries of `e` (the object's own, when it has a uid). */
  #shared(e: WatchEvent, hk: boolean): SharedDelivery {
    const meta = e.object.metadata;
    const uid = meta?.uid;
    if (!uid) return sharedDelivery(e, hk);
    const ns = meta.namespace || undefined;
    const name = meta.name ?? '';
    let parts = this.#deliveryParts.get(uid);
    if (parts === undefined) {
      parts = {
        ref: ns ? { resource: e.resource, namespace: ns, name } : { resource: e.resource, name },
        shared: [undefined, undefined, undefined, undefined, undefined, undefined],
      };
      this.#deliveryParts.set(uid, parts);
    } else {
      const ref = parts.ref;
      // A uid is one object's for ever; anything else (a copied uid) gets parts of its own.
      if (ref.resource !== e.resource || ref.name !== name || ref.namespace !== ns)
        return sharedDelivery(e, hk);
    }
    const i = partsIndex(e.type, hk);
    let d = parts.shared[i];
    if (d === undefined) {
      d = sharedFor(parts.ref, e, hk);
      parts.shared[i] = d;
    }
    return d;
  }

  #fanOut(e: WatchEvent, hk: boolean): void {
    // Watchers of the whole resource, then those indexed on the node(s) the object is on:
    // an event costs O(its watchers), not O(actors).
    let shared: SharedDelivery | undefined;
    const all = this.#watchers.get(e.resource);
    if (all) for (let i = 0; i < all.length; i++) shared = this.#deliver(all[i]!, e, hk, shared);
    if (NODE_INDEXED.has(e.resource)) {
      const n1 = nodeOf(e.resource, e.object);
      const n2 = nodeOf(e.resource, e.old);
      if (n2 === n1 || e.type !== 'MODIFIED') {
        shared = this.#fanOutNode(n1, e, hk, shared);
        if (n2 !== n1) this.#fanOutNode(n2, e, hk, shared);
      } else {
        // A node's agents watch with a field selector (spec.nodeName=NODE), and the API
        // server's watch cache tells such a watcher what the change means to it: an object
        // that now matches and did not (a pod just bound) is ADDED; one that no longer
        // matches is DELETED, with its last matching state (cacher's convertToWatchEvent).
        this.#fanOutNode(n1, e, hk, undefined, 'ADDED');
        this.#fanOutNode(n2, e, hk, undefined, 'DELETED');
      }
    }
    // A deleted object sees no more events: its parts go (the messages keep theirs).
    if (e.type === 'DELETED') {
      const uid = e.object.metadata?.uid;
      if (uid) this.#deliveryParts.delete(uid);
    }
  }

  #fanOutNode(
    node: string | undefined,
    e: WatchEvent,
    hk: boolean,
    shared: SharedDelivery | undefined,
    as?: 'ADDED' | 'DELETED',
  ): SharedDelivery | undefined {
    if (!node) return shared;
    const list = this.#nodeWatchers.get(node);
    if (!list) return shared;
    if (as !== undefined) {
      // The message says what the watcher is told; the actor's cache works it out the same way.
      const told: WatchEvent =
        as === 'ADDED'
          ? { ...e, type: 'ADDED' }
          : { ...e, type: 'DELETED', object: e.old ?? e.object };
      shared = this.#shared(told, hk);
    }
    for (let i = 0; i < list.length; i++) shared = this.#deliver(list[i]!, e, hk, shared);
    return shared;
  }

  /** Queue the delivery of `e` to `a` if it wants it; returns the (possibly new) shared part. */
  #deliver(
    a: ActorState,
    e: WatchEvent,
    hk: boolean,
    shared: SharedDelivery | undefined,
  ): SharedDelivery | undefined {
    if (a.stopped || !wants(recsFor(a, e.resource), e)) return shared;
    const d = shared ?? this.#shared(e, hk);
    this.#push({
      type: 'deliver',
      at: this.now + WATCH_LATENCY_MS,
      seq: 0,
      actor: a,
      epoch: a.epoch,
      event: e,
      shared: d,
    });
    return d;
  }

  /** Update the actor's cache with an event and hand it to its reconcilers. */
  #apply(a: ActorState, e: WatchEvent): void {
    const recs = recsFor(a, e.resource);
    // Which reconcilers accept the new object, asked once per reconciler.
    const acceptsNew = this.#acceptsScratch;
    let accepted = false;
    for (let i = 0; i < recs.length; i++) {
      const ok = e.type !== 'DELETED' && recAccepts(recs[i]!, e.resource, e.object);
      acceptsNew[i] = ok;
      if (ok) accepted = true;
    }
    let prev: KubeObject | undefined;
    let type: WatchEvent['type'];
    if (accepted) {
      prev = a.cache.upsert(e.resource, e.object);
      type = prev ? 'MODIFIED' : 'ADDED';
    } else {
      prev = a.cache.remove(e.resource, e.object);
      if (!prev) return;
      type = 'DELETED';
    }
    // Usually the actor's cache held exactly the event's old object: then the event it sees
    // is the API server's own (same fields, same order) and needs no copy per watcher.
    const event: WatchEvent =
      type === e.type && prev === e.old
        ? e
        : prev
          ? { type, resource: e.resource, object: e.object, old: prev }
          : { type, resource: e.resource, object: e.object };
    // `observe` and `keysFor` only enqueue work: #apply never re-enters, so the scratch
    // flags stay valid through this loop.
    const n = recs.length;
    for (let i = 0; i < n; i++) {
      const r = recs[i]!;
      const ok = e.type !== 'DELETED' ? acceptsNew[i]! : recAccepts(r, e.resource, e.object);
      if (!(ok || recAccepts(r, e.resource, prev))) continue;
      r.observe?.call(r.rec, event);
      const keys = r.keysFor.call(r.rec, e.resource, e.object);
      for (let j = 0; j < keys.length; j++) this.#enqueue(r, keys[j]!);
    }
  }

  // ------------------------------------------------------------ agenda

  #push(t: Task): void {
    t.seq = this.#taskSeq++;
    this.#agenda.push(t);
  }

  /** Schedule an engine-level callback (used by the cluster for inputs at a later time). */
  schedule(at: number, fn: () => void): void {
    this.#push({ type: 'call', at: Math.max(at, this.now), seq: 0, fn });
  }

  /** Virtual time of the next task, if any. */
  nextAt(): number | undefined {
    return this.#agenda.nextAt();
  }

  #enqueue(r: RecState, key: string, delay = RECONCILE_DELAY_MS): void {
    r.queue.add(key);
    if (!r.runScheduled && !r.actor.stopped) {
      r.runScheduled = true;
      this.#push({
        type: 'run',
        at: this.now + delay,
        seq: 0,
        rec: r,
        epoch: r.actor.epoch,
      });
    }
  }

  /** Run the next task; returns false when the agenda is empty. */
  runOne(): boolean {
    const t = this.#agenda.pop();
    if (!t) return false;
    this.tasksRun++;
    if (t.at > this.now) {
      this.now = t.at;
      this.#atInstant = 0;
    }
    if (++this.#atInstant > MAX_TASKS_AT_ONE_INSTANT && (t.type === 'timer' || t.type === 'run')) {
      this.#dropLoop(t.rec, t.type === 'timer' ? t.key : undefined);
      return true;
    }
    switch (t.type) {
      case 'call':
        t.fn();
        break;
      case 'deliver': {
        const a = t.actor;
        // A watch event still in flight when the API server went down is lost with its
        // connection; the informer's re-list brings the object back (`apiServerUp`).
        if (a.stopped || t.epoch !== a.epoch || this.#apiDown) break;
        const d = t.shared;
        // The API server's own loops watch in-process: no message from it to itself.
        if (a.name !== 'api-server') {
          this.hop('api-server', a.name, 'watch.event', d.ref, d.summary, d.label, d.housekeeping);
        }
        this.#apply(a, t.event);
        break;
      }
      case 'timer': {
        const r = t.rec;
        if (r.actor.stopped || t.epoch !== r.actor.epoch || r.timers.get(t.key) !== t.at) break;
        r.timers.delete(t.key);
        // A timer hands the key straight to the actor's worker.
        this.#enqueue(r, t.key, 0);
        break;
      }
      case 'run': {
        const r = t.rec;
        if (r.actor.stopped || t.epoch !== r.actor.epoch) break;
        r.runScheduled = false;
        const key = r.queue.take();
        if (key === undefined) break;
        this.#reconcile(r, key);
        if (r.queue.size > 0 && !r.runScheduled && !r.actor.stopped) {
          r.runScheduled = true;
          this.#push({ type: 'run', at: this.now, seq: 0, rec: r, epoch: r.actor.epoch });
        }
        break;
      }
    }
    return true;
  }

  /** A reconciler looping at one instant: its work there is dropped, once reported. */
  #dropLoop(r: RecState, timerKey: string | undefined): void {
    if (timerKey !== undefined) {
      if (r.timers.get(timerKey) === this.now) r.timers.delete(timerKey);
    } else {
      r.runScheduled = false;
      r.queue.clear();
    }
    const last = this.errors.at(-1);
    if (last?.at === this.now && last.reconciler === r.rec.name) return;
    this.errors.push({
      at: this.now,
      reconciler: r.rec.name,
      key: timerKey ?? '',
      error: `engine: more than ${MAX_TASKS_AT_ONE_INSTANT} tasks at virtual time ${this.now} ms: a reconcile loop; its work at that instant was dropped`,
    });
  }

  // ------------------------------------------------------------ reconcile

  /**
   * A reconciler's context: `now` reads the clock, events go to `r.events`. A class defined
   * once for every runtime (not closures made per reconciler), so optimised calls such as
   * `ctx.random()` keep their target when a new cluster is built.
   */
  static readonly #Context = class Context implements ReconcileContext {
    constructor(
      readonly rt: Runtime,
      readonly r: RecState,
    ) {}
    get now(): number {
      return this.rt.now;
    }
    timestamp(): string {
      return rfc3339(this.rt.now);
    }
    random(): number {
      return this.rt.#rng.next();
    }
    randomHex64(): string {
      return randomHex64Of(this.rt.#rng);
    }
    // (An Event recorded while the API server is down waits for the end of the reconcile,
    // when a write of the same reconcile may have brought it back: the broadcaster retries.)
    recordEvent(e: EventRecord): void {
      const r = this.r;
      if (r.eventsAsRecorded && !this.rt.#apiDown) this.rt.#recordEvent(r.actor, e);
      else r.events.push(e);
    }
    send(m: Parameters<ReconcileContext['send']>[0]): void {
      this.rt.hop(
        m.from ?? this.r.actor.name,
        m.to,
        m.kind,
        m.ref || undefined,
        m.summary,
        m.label,
      );
    }
    requeueAfter(k: string, ms: number): void {
      this.rt.#requeueAfter(this.r, k, ms);
    }
  };

  #ctx(r: RecState): ReconcileContext {
    if (r.ctx === undefined) r.ctx = new Runtime.#Context(this, r);
    return r.ctx;
  }

  #reconcile(r: RecState, key: string): void {
    const a = r.actor;
    // One events array per reconciler, emptied here: recording happens after the reconcile
    // returns and never starts another reconcile, so the array is not shared by two.
    const events = r.events;
    // (Most reconciles record nothing: a length set goes through the runtime even when it
    // changes nothing.)
    if (events.length !== 0) events.length = 0;
    const ctx = this.#ctx(r);
    r.reconciles++;
    let writes: readonly Write[] = NO_WRITES;
    try {
      writes = r.reconcile.call(r.rec, key, a.cache, ctx).writes;
    } catch (err) {
      this.errors.push({
        at: this.now,
        reconciler: r.rec.name,
        key,
        error: String((err as Error)?.stack ?? err),
      });
    }
    let failed = false;
    for (let i = 0; i < writes.length; i++) {
      const w = writes[i]!;
      const res = this.#write(a.client, w);
      if (!res.ok && !(w.verb === 'delete' && res.status.reason === 'NotFound')) failed = true;
    }
    for (let i = 0; i < events.length; i++) this.#recordEvent(a, events[i]!);
    if (failed) {
      const n = (r.failures.get(key) ?? 0) + 1;
      r.failures.set(key, n);
      this.#requeueAfter(r, key, Math.min(RETRY_BASE_MS * 2 ** (n - 1), RETRY_MAX_MS));
    } else if (r.failures.size > 0) r.failures.delete(key);
  }

  #requeueAfter(r: RecState, key: string, ms: number): void {
    if (r.actor.stopped) return;
    const at = this.now + Math.max(0, ms);
    const existing = r.timers.get(key);
    if (existing !== undefined && existing <= at) return;
    r.timers.set(key, at);
    this.#push({ type: 'timer', at, seq: 0, rec: r, epoch: r.actor.epoch, key });
  }

  #write(c: ClusterClient, w: Write): Result<KubeObject | ObjectList> {
    if (this.#apiDown) return connectionRefused(this.#apiAddress);
    switch (w.verb) {
      case 'create':
        return c.create(w.resource, w.namespace, w.obj);
      case 'update':
        return w.subresource
          ? c.update(w.resource, w.namespace, w.obj, { subresource: w.subresource })
          : c.update(w.resource, w.namespace, w.obj);
      case 'updateStatus':
        return c.updateStatus(w.resource, w.namespace, w.obj);
      case 'patch':
        return w.subresource === 'status'
          ? c.patchStatus(w.resource, w.namespace, w.name, w.patch)
          : w.subresource === 'scale'
            ? c.patch(w.resource, w.namespace, w.name, w.patch, {
                subresource: 'scale',
                patchType: 'merge',
              })
            : c.patch(w.resource, w.namespace, w.name, w.patch);
      case 'delete':
        return c.delete(w.resource, w.namespace, w.name, {
          ...(w.force
            ? { gracePeriodSeconds: 0 }
            : w.gracePeriodSeconds !== undefined
              ? { gracePeriodSeconds: w.gracePeriodSeconds }
              : {}),
          ...(w.propagationPolicy ? { propagationPolicy: w.propagationPolicy } : {}),
        });
      case 'bind':
        return c.bind(w.namespace, w.name, w.node);
      case 'deleteCollection': {
        const res = c.deleteCollection(w.resource, w.namespace, {
          ...(w.labelSelector ? { labelSelector: w.labelSelector } : {}),
        });
        return res.ok ? { ok: true, value: res.value } : res;
      }
    }
  }

  /**
   * client-go's EventRecorder: an Event named `<object>.<hex nanos>`. Events of the core/v1
   * recorder pass through its correlator first (aggregation, count updates, spam filter: see
   * eventCorrelator.ts); those of the events.k8s.io recorder (with an `action`) go through its
   * broadcaster's series cache (see #recordSeriesEvent).
   */
  #recordEvent(a: ActorState, e: EventRecord): void {
    if (this.#apiDown) {
      // The broadcaster keeps trying (see #deliverLate).
      const queue = this.#pendingEvents.get(a);
      const item = { event: e, at: this.#eventNow() };
      if (queue === undefined) this.#pendingEvents.set(a, [item]);
      else queue.push(item);
      return;
    }
    const namespace = e.ref.namespace ?? 'default';
    if (e.action === undefined) {
      const now = this.#eventNow();
      const c = this.#correlator.correlate(e, now);
      if (c.kind === 'skip') return;
      const ts = rfc3339(now);
      if (c.kind === 'patch') {
        const res = a.client.patch('events', namespace, c.name, {
          count: c.count,
          lastTimestamp: ts,
          message: c.message,
        });
        if (res.ok) return;
      }
      // A patch that failed (the Event expired: --event-ttl) is followed by a create of the
      // same Event, its name and count kept, as client-go's recordEvent does.
      const name = this.#createEvent(
        a,
        e,
        namespace,
        c.message,
        c.count,
        rfc3339(c.firstMs),
        !c.combined,
        c.kind === 'patch' ? c.name : undefined,
      );
      if (name === undefined) this.#correlator.forget(c.key);
      else this.#correlator.stored(c.key, name);
      return;
    }
    this.#recordSeriesEvent(a, e, namespace);
  }

  /**
   * The events.k8s.io recorder (client-go tools/events, as kube-scheduler and kube-proxy use
   * it): a new Event has `eventTime` and no deprecated fields (read through core/v1:
   * firstTimestamp/lastTimestamp null, no count, empty source); the second occurrence of an
   * isomorphic Event adds `series` {count: 2, lastObservedTime}; later ones only count in the
   * broadcaster's cache, written by the 30-minute refresh and when the series finishes (no
   * occurrence for 6 minutes, checked every 6 minutes); a finished Event's next occurrence
   * starts a new Event. The timed writes are done when the next occurrence is recorded.
   */
  #recordSeriesEvent(a: ActorState, e: EventRecord, namespace: string): void {
    const now = this.#eventNow();
    let seen = this.#findAggregated(namespace, e);
    if (seen) {
      // The 6-minute ticks (counted from the start) that passed since the last occurrence.
      const tick = Math.floor(now / SERIES_FINISH_MS) * SERIES_FINISH_MS;
      const finished = seen.lastObserved < tick - SERIES_FINISH_MS;
      const refreshAt = Math.floor(now / SERIES_REFRESH_MS) * SERIES_REFRESH_MS;
      if (
        seen.count > 1 &&
        seen.written !== seen.count &&
        (finished || seen.lastObserved < refreshAt)
      )
        this.#writeSeries(a, seen);
      if (finished) {
        this.#dropAggregated(seen);
        seen = undefined;
      }
    }
    if (seen) {
      seen.count++;
      seen.lastObserved = now;
      if (seen !== this.#aggNewest) {
        this.#unlinkAggregated(seen);
        this.#appendAggregated(seen);
      }
      if (seen.count === 2 && !this.#writeSeries(a, seen)) this.#dropAggregated(seen);
      return;
    }
    const name = this.#createEvent(a, e, namespace, e.message, 1, rfc3339(now), true, undefined);
    if (name !== undefined) {
      const entry = aggregatedEvent(e, namespace, name, now);
      const first = this.#eventAgg.get(entry.name);
      if (first === undefined) this.#eventAgg.set(entry.name, entry);
      else {
        let last = first;
        while (last.next !== undefined) last = last.next;
        last.next = entry;
      }
      this.#appendAggregated(entry);
      // client-go's caches keep 4096 entries; drop the oldest beyond that.
      if (this.#aggCount > EVENT_CACHE_SIZE) this.#dropAggregated(this.#aggOldest!);
    }
  }

  /** Make `s` the most recently used entry (it is in no place of the order). */
  #appendAggregated(s: AggregatedEvent): void {
    const newest = this.#aggNewest;
    s.older = newest;
    s.newer = undefined;
    if (newest) newest.newer = s;
    else this.#aggOldest = s;
    this.#aggNewest = s;
    this.#aggCount++;
  }

  /** Take `s` out of the order of use. */
  #unlinkAggregated(s: AggregatedEvent): void {
    const { older, newer } = s;
    if (older) older.newer = newer;
    else this.#aggOldest = newer;
    if (newer) newer.older = older;
    else this.#aggNewest = older;
    s.older = undefined;
    s.newer = undefined;
    this.#aggCount--;
  }

  /** Write an Event's series as the broadcaster has it; false when the Event is gone. */
  #writeSeries(a: ActorState, s: AggregatedEvent): boolean {
    const res = a.client.patch('events', s.namespace, s.eventName, {
      series: { count: s.count, lastObservedTime: rfc3339Micro(s.lastObserved) },
    });
    if (res.ok) s.written = s.count;
    return res.ok;
  }

  /** The cached events.k8s.io Event isomorphic to `e` (in `namespace`), if any. */
  #findAggregated(namespace: string, e: EventRecord): AggregatedEvent | undefined {
    for (let s = this.#eventAgg.get(e.ref.name); s !== undefined; s = s.next)
      if (s.namespace === namespace && hasSeriesKey(s, e)) return s;
    return undefined;
  }

  /** Forget `entry`: out of its `#eventAgg` chain and out of the order of use. */
  #dropAggregated(entry: AggregatedEvent): void {
    const first = this.#eventAgg.get(entry.name)!;
    if (first === entry) {
      if (entry.next === undefined) this.#eventAgg.delete(entry.name);
      else this.#eventAgg.set(entry.name, entry.next);
    } else {
      let prev = first;
      while (prev.next !== entry) prev = prev.next!;
      prev.next = entry.next;
    }
    entry.next = undefined;
    this.#unlinkAggregated(entry);
  }

  /**
   * `unixNanos(now)` of util/clock.ts (a BigInt) in two doubles, exactly: every product and
   * sum below stays under 2^53.
   */
  #splitClockNanos(t: number): void {
    const ms = Math.floor(epochMs(t));
    // ms · 10^6 = (mh · 2^16 + ml) · 10^6 = x · 2^16 + ml · 10^6, x = mh · 10^6 < 2^45
    const mh = Math.floor(ms / 65_536);
    const ml = ms - mh * 65_536;
    const x = mh * 1_000_000;
    const xh = Math.floor(x / 65_536);
    // = xh · 2^32 + z, z = (x mod 2^16) · 2^16 + ml · 10^6 < 2^37
    const z = (x - xh * 65_536) * 65_536 + ml * 1_000_000;
    const zh = Math.floor(z / TWO_32);
    this.#clockNanosAt = t;
    this.#clockNanosHi = xh + zh;
    this.#clockNanosLo = z - zh * TWO_32;
  }

  /** A new Event name for an object: `<object>.<hex nanos>` (see #createEvent). */
  #eventName(object: string): string {
    // Unique names: the clock's nanoseconds, or one more than the last Event's.
    const t = this.#eventNow();
    if (t !== this.#clockNanosAt) this.#splitClockNanos(t);
    let hi = this.#clockNanosHi;
    let lo = this.#clockNanosLo;
    if (hi < this.#lastNanosHi || (hi === this.#lastNanosHi && lo <= this.#lastNanosLo)) {
      hi = this.#lastNanosHi;
      lo = this.#lastNanosLo + 1;
      if (lo === TWO_32) {
        hi++;
        lo = 0;
      }
    }
    this.#lastNanosHi = hi;
    this.#lastNanosLo = lo;
    // (A double's toString(16) costs more than the BigInt did: the low half goes by table.)
    if (hi !== this.#hexHiOf) {
      this.#hexHiOf = hi;
      this.#hexHi = hi.toString(16);
    }
    const hex = hi === 0 ? lo.toString(16) : this.#hexHi + hex8(lo);
    return flat(`${object}.${hex}`);
  }

  /**
   * An Event's `involvedObject` (client-go's ObjectReference of `ref`: kind, name, apiVersion,
   * then the namespace, uid, resourceVersion and fieldPath it has), frozen as etcd would freeze
   * it. Consecutive Events about the same reference (a container's Created and Started) share
   * one: stored objects are immutable, so sharing a frozen part is safe.
   */
  #involvedObject(ref: EventRecord['ref']): Readonly<Record<string, unknown>> {
    // Compared with the last object itself (frozen), not with the last reference, which its
    // recorder might change and record again.
    const last = this.#lastInvolved;
    if (
      last !== undefined &&
      last.name === ref.name &&
      last.uid === (ref.uid || undefined) &&
      last.resourceVersion === (ref.resourceVersion || undefined) &&
      last.fieldPath === (ref.fieldPath || undefined) &&
      last.kind === ref.kind &&
      last.namespace === (ref.namespace || undefined) &&
      last.apiVersion === ref.apiVersion
    )
      return last;
    const involved: Record<string, unknown> = {
      kind: ref.kind,
      name: ref.name,
      apiVersion: ref.apiVersion,
    };
    if (ref.namespace) involved.namespace = ref.namespace;
    if (ref.uid) involved.uid = ref.uid;
    if (ref.resourceVersion) involved.resourceVersion = ref.resourceVersion;
    if (ref.fieldPath) involved.fieldPath = ref.fieldPath;
    Object.freeze(involved);
    this.#lastInvolved = involved;
    return involved;
  }

  /** A core/v1 Event's `source` ({component, host}): one frozen object per component and host. */
  #eventSource(component: string, host: string | undefined): Readonly<Record<string, string>> {
    let byHost = this.#eventSources.get(component);
    if (byHost === undefined) {
      byHost = new Map();
      this.#eventSources.set(component, byHost);
    }
    const h = host ?? '';
    const known = byHost.get(h);
    if (known !== undefined) return known;
    // An empty host is left out, as `source.host` is omitempty.
    const source: Readonly<Record<string, string>> = Object.freeze<Record<string, string>>(
      host ? { component, host } : { component },
    );
    byHost.set(h, source);
    return source;
  }

  /**
   * An events.k8s.io Event's reporting instance, `<controller>-<hostname>`: one flat string per
   * controller and host (kept in every stored Event), not a new rope per Event.
   */
  #reportingInstance(component: string, host: string): string {
    let byHost = this.#reportingInstances.get(component);
    if (byHost === undefined) {
      byHost = new Map();
      this.#reportingInstances.set(component, byHost);
    }
    let instance = byHost.get(host);
    if (instance === undefined) {
      instance = flat(`${component}-${host}`);
      byHost.set(host, instance);
    }
    return instance;
  }

  /**
   * Create one Event about `e.ref`; returns its name, or undefined if the create failed.
   * `reporting`: whether the reporting fields are set; `recreate`: the name of the Event this
   * one re-creates. (Fields as arguments: no options object per Event.)
   */
  #createEvent(
    a: ActorState,
    e: EventRecord,
    namespace: string,
    message: string,
    count: number,
    firstTimestamp: string,
    reporting: boolean,
    recreate: string | undefined,
  ): string | undefined {
    const name = recreate ?? this.#eventName(e.ref.name);
    flat(message);
    const involved = this.#involvedObject(e.ref);
    let obj: KubeObject;
    if (e.action === undefined)
      obj = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        involvedObject: involved,
        reason: e.reason,
        message,
        source: this.#eventSource(e.component, e.host),
        firstTimestamp,
        lastTimestamp: rfc3339(this.#eventNow()),
        count,
        type: e.type,
        eventTime: null,
        // client-go's aggregate copy of an event leaves the reporting fields empty.
        reportingComponent: reporting ? e.component : '',
        reportingInstance: reporting ? (e.host ?? '') : '',
      };
    else {
      // An events.k8s.io/v1 Event (tools/events makeEvent) as core/v1 reads it back; the
      // reporting instance is `<controller>-<hostname>`.
      obj = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        involvedObject: involved,
        reason: e.reason,
        // core/v1 Event's message is omitempty: an empty note (kube-proxy's Starting) is absent.
        ...(message !== '' ? { message } : {}),
        source: NO_SOURCE,
        firstTimestamp: null,
        lastTimestamp: null,
        type: e.type,
        eventTime: rfc3339Micro(this.#eventNow()),
        action: e.action,
        reportingComponent: e.component,
        reportingInstance: this.#reportingInstance(e.component, e.host ?? ''),
      };
      if (e.related) obj.related = Object.freeze({ ...e.related });
    }
    // Built here and never read again: the API server may store this very object.
    const res = a.client.create('events', namespace, obj, OWNED);
    return res.ok ? name : undefined;
  }
}
