/**
 * client-go's EventCorrelator (tools/record/events_cache.go), which every component that records
 * core/v1 Events runs before writing one: the kubelet and the controllers of the controller
 * manager. Three steps, each with a 4096-entry LRU cache:
 *
 * 1. Aggregation. Events with the same source, object, type and reason but different messages
 *    ("Created pod: web-1", "Created pod: web-2", …) are counted per message within 10 minutes;
 *    from the 10th distinct message on, the event becomes one shared Event whose message reads
 *    `(combined from similar events): <latest message>` and whose count grows.
 * 2. Observation. An event seen before (same key) is not created again: its count goes up and
 *    the stored Event is patched (count, lastTimestamp, message).
 * 3. Spam filter. Each source and object has a token bucket of 25 that refills one token every
 *    5 minutes; an event (or a count update) without a token is dropped. The count is still
 *    kept, so the next update that gets through carries every occurrence.
 *
 * client-go keeps each of the three caches as an LRU of 4096 keys. Here the state is kept per
 * involved object (found by its uid, whose hash the string already carries), in an LRU of 4096
 * objects: the same decisions, at a fraction of the cost of building and hashing three long keys
 * per event. The two differ only in what is forgotten first in a very busy cluster.
 *
 * Events of the newer events.k8s.io recorder (the scheduler's, kube-proxy's; they carry an
 * `action`) do not pass through here: that recorder has neither aggregation nor spam filter.
 */
import type { EventRecord } from './controller.ts';

/** client-go's `maxLruCacheEntries`. */
export const EVENT_CACHE_SIZE = 4096;
/** `defaultAggregateMaxEvents`: distinct messages before aggregating. */
export const AGGREGATE_MAX_EVENTS = 10;
/** `defaultAggregateIntervalInSeconds`, in ms. */
export const AGGREGATE_INTERVAL_MS = 600_000;
/** `defaultSpamBurst`. */
export const SPAM_BURST = 25;
/** `defaultSpamQPS` (one token per 300 s), per millisecond. */
export const SPAM_TOKENS_PER_MS = 1 / 300_000;
/** `EventAggregatorByReasonMessageFunc`'s prefix. */
export const COMBINED_PREFIX = '(combined from similar events): ';

/** What to write for one recorded event. */
export type Correlation =
  /** Dropped by the spam filter. */
  | { kind: 'skip' }
  /**
   * A new Event (`count` is above 1 when earlier occurrences were dropped by the spam filter).
   * `combined`: the aggregate event (its message is prefixed and, as in client-go's copy, it
   * carries no reporting controller or instance).
   */
  | {
      kind: 'create';
      key: ObservedEvent;
      message: string;
      combined: boolean;
      count: number;
      /** Virtual time of the first occurrence (`firstTimestamp`). */
      firstMs: number;
    }
  /** A count update of the stored Event `name`; if it is gone, create it as above instead. */
  | {
      kind: 'patch';
      key: ObservedEvent;
      name: string;
      namespace: string;
      message: string;
      combined: boolean;
      count: number;
      firstMs: number;
    };

/** One event as observed (eventObserve's cache entry); `message` undefined for a combined one. */
export interface ObservedEvent {
  source: string;
  /** The involved object's part (`spec.containers{nginx}`), part of client-go's event key. */
  fieldPath: string | undefined;
  type: string;
  reason: string;
  message: string | undefined;
  /** The stored Event, once one was written. */
  name?: string;
  count: number;
  firstMs: number;
  /** The next observed event of the same object (see `ObjectState`). */
  next: ObservedEvent | undefined;
}

interface AggregateRecord {
  source: string;
  type: string;
  reason: string;
  /**
   * Distinct messages seen, oldest first: while there is only one (most objects see one
   * message per reason), just that message, and the Set only from the second on.
   */
  first: string | undefined;
  messages: Set<string> | undefined;
  lastMs: number;
  next: AggregateRecord | undefined;
}

interface Bucket {
  source: string;
  tokens: number;
  lastMs: number;
  next: Bucket | undefined;
}

/**
 * What the correlator remembers about one involved object. Its records are singly linked lists
 * (each key appears once in its list, so the order of a list decides nothing): three arrays per
 * object would each get a backing store of 17 slots at their first push. The objects are a
 * doubly linked list from the least to the most recently used.
 */
interface ObjectState {
  id: string;
  buckets: Bucket | undefined;
  aggregates: AggregateRecord | undefined;
  observed: ObservedEvent | undefined;
  older: ObjectState | undefined;
  newer: ObjectState | undefined;
}

/** Add `message` to the distinct messages of `record` (a Set from the second one on). */
function addMessage(record: AggregateRecord, message: string): void {
  const messages = record.messages;
  if (messages !== undefined) {
    // Emptied by the interval: the Set is kept and filled again.
    messages.add(message);
    return;
  }
  const first = record.first;
  if (first === undefined) record.first = message;
  else if (first !== message) {
    record.messages = new Set([first, message]);
    record.first = undefined;
  }
}

export class EventCorrelator {
  readonly #objects = new Map<string, ObjectState>();
  /** The least and the most recently used object (client-go's LRU order, see #state). */
  #oldest: ObjectState | undefined;
  #newest: ObjectState | undefined;
  /**
   * The object `#state` returned last, which is the most recently used one: events come in
   * runs about one object (a pod's Created and Started), and the next event about it needs no
   * lookup.
   */
  #lastId: string | undefined;
  #lastState: ObjectState | undefined;
  /** Component → host → `component@host`: one source string each, not one per event. */
  readonly #sources = new Map<string, Map<string, string>>();

  /** Decide what recording `e` at virtual time `nowMs` writes. */
  correlate(e: EventRecord, nowMs: number): Correlation {
    const namespace = e.ref.namespace ?? 'default';
    // The source: component and host (the reporting controller and instance are the same).
    const source = e.host ? this.#source(e.component, e.host) : e.component;
    const state = this.#state(e);

    // EventAggregate: distinct messages per source, type and reason within 10 minutes.
    // (Loops rather than find with a closure: this runs for every event.)
    let record = state.aggregates;
    while (
      record !== undefined &&
      !(record.source === source && record.type === e.type && record.reason === e.reason)
    )
      record = record.next;
    if (!record) {
      record = {
        source,
        type: e.type,
        reason: e.reason,
        first: e.message,
        messages: undefined,
        lastMs: nowMs,
        next: state.aggregates,
      };
      state.aggregates = record;
    } else {
      if (nowMs - record.lastMs > AGGREGATE_INTERVAL_MS) {
        record.first = undefined;
        record.messages?.clear();
      }
      addMessage(record, e.message);
    }
    record.lastMs = nowMs;
    let message = e.message;
    let combined = false;
    const messages = record.messages;
    if (messages !== undefined && messages.size >= AGGREGATE_MAX_EVENTS) {
      // client-go pops an arbitrary message to stay at the limit; the oldest, here.
      const oldest = messages.values().next().value;
      if (oldest !== undefined) messages.delete(oldest);
      message = `${COMBINED_PREFIX}${e.message}`;
      combined = true;
    }

    // eventObserve: the count grows whether or not the spam filter lets the write through.
    const own = combined ? undefined : e.message;
    const fieldPath = e.ref.fieldPath;
    let seen = state.observed;
    while (
      seen !== undefined &&
      !(
        seen.message === own &&
        seen.source === source &&
        seen.type === e.type &&
        seen.reason === e.reason &&
        seen.fieldPath === fieldPath
      )
    )
      seen = seen.next;
    if (seen) seen.count++;
    else {
      seen = {
        source,
        fieldPath,
        type: e.type,
        reason: e.reason,
        message: own,
        count: 1,
        firstMs: nowMs,
        next: state.observed,
      };
      state.observed = seen;
    }
    if (!this.#allow(state, source, nowMs)) return { kind: 'skip' };
    const { count, firstMs } = seen;
    if (seen.name !== undefined) {
      return {
        kind: 'patch',
        key: seen,
        name: seen.name,
        namespace,
        message,
        combined,
        count,
        firstMs,
      };
    }
    return { kind: 'create', key: seen, message, combined, count, firstMs };
  }

  /** The Event stored for `key` is `name` (after a create, or a create that replaced a patch). */
  stored(key: ObservedEvent, name: string): void {
    key.name = name;
  }

  /** Writing the Event for `key` failed: forget it (the next occurrence starts afresh). */
  forget(key: ObservedEvent): void {
    for (const state of this.#objects.values()) {
      if (state.observed === key) {
        state.observed = key.next;
        return;
      }
      for (let o = state.observed; o !== undefined; o = o.next) {
        if (o.next === key) {
          o.next = key.next;
          return;
        }
      }
    }
  }

  /** `component@host`, the same string each time. */
  #source(component: string, host: string): string {
    let byHost = this.#sources.get(component);
    if (!byHost) {
      byHost = new Map();
      this.#sources.set(component, byHost);
    }
    let source = byHost.get(host);
    if (source === undefined) {
      source = `${component}@${host}`;
      byHost.set(host, source);
    }
    return source;
  }

  /** The state of `e`'s involved object, made the most recently used. */
  #state(e: EventRecord): ObjectState {
    const id = e.ref.uid || `${e.ref.kind}/${e.ref.namespace ?? ''}/${e.ref.name}`;
    if (id === this.#lastId) return this.#lastState!;
    const objects = this.#objects;
    let state = objects.get(id);
    if (state) {
      // Made the most recently used: out of its place in the list, onto its end.
      if (state !== this.#newest) {
        const { older, newer } = state;
        if (older) older.newer = newer;
        else this.#oldest = newer;
        newer!.older = older;
        state.older = this.#newest;
        state.newer = undefined;
        this.#newest!.newer = state;
        this.#newest = state;
      }
    } else {
      state = {
        id,
        buckets: undefined,
        aggregates: undefined,
        observed: undefined,
        older: this.#newest,
        newer: undefined,
      };
      if (this.#newest) this.#newest.newer = state;
      else this.#oldest = state;
      this.#newest = state;
      objects.set(id, state);
      if (objects.size > EVENT_CACHE_SIZE) {
        const oldest = this.#oldest!;
        objects.delete(oldest.id);
        this.#oldest = oldest.newer;
        this.#oldest!.older = undefined;
      }
    }
    this.#lastId = id;
    this.#lastState = state;
    return state;
  }

  /** The source-and-object token bucket (golang.org/x/time/rate, as flowcontrol wraps it). */
  #allow(state: ObjectState, source: string, nowMs: number): boolean {
    let bucket = state.buckets;
    while (bucket !== undefined && bucket.source !== source) bucket = bucket.next;
    if (!bucket) {
      bucket = { source, tokens: SPAM_BURST, lastMs: nowMs, next: state.buckets };
      state.buckets = bucket;
    } else {
      bucket.tokens = Math.min(
        SPAM_BURST,
        bucket.tokens + (nowMs - bucket.lastMs) * SPAM_TOKENS_PER_MS,
      );
      bucket.lastMs = nowMs;
    }
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
