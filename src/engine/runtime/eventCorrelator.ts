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
      key: string;
      message: string;
      combined: boolean;
      count: number;
      /** Virtual time of the first occurrence (`firstTimestamp`). */
      firstMs: number;
    }
  /** A count update of the stored Event `name`; if it is gone, create it as above instead. */
  | {
      kind: 'patch';
      key: string;
      name: string;
      namespace: string;
      message: string;
      combined: boolean;
      count: number;
      firstMs: number;
    };

interface Observation {
  /** The stored Event, once one was written. */
  name?: string;
  namespace: string;
  count: number;
  firstMs: number;
}

interface AggregateRecord {
  /** Distinct messages seen, oldest first. */
  messages: Set<string>;
  lastMs: number;
}

interface Bucket {
  tokens: number;
  lastMs: number;
}

/** A Map used as an LRU: `touch` moves a key to the newest end, the oldest falls off. */
function touch<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > EVENT_CACHE_SIZE) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
}

export class EventCorrelator {
  readonly #aggregates = new Map<string, AggregateRecord>();
  readonly #observed = new Map<string, Observation>();
  readonly #buckets = new Map<string, Bucket>();

  /** Decide what recording `e` at virtual time `nowMs` writes. */
  correlate(e: EventRecord, nowMs: number): Correlation {
    const namespace = e.ref.namespace ?? 'default';
    const host = e.host ?? '';
    // getSpamKey: source and involved object.
    const spamKey = `${e.component}\u0000${host}\u0000${e.ref.kind}\u0000${namespace}\u0000${e.ref.name}\u0000${e.ref.uid ?? ''}\u0000${e.ref.apiVersion}`;
    // EventAggregatorByReasonFunc: …and type, reason, reporting controller and instance.
    const aggregateKey = `${spamKey}\u0000${e.type}\u0000${e.reason}\u0000${e.component}\u0000${host}`;
    // getEventKey: …and the message.
    const eventKey = `${aggregateKey}\u0000${e.message}`;

    let record = this.#aggregates.get(aggregateKey);
    if (!record || nowMs - record.lastMs > AGGREGATE_INTERVAL_MS) {
      record = { messages: new Set(), lastMs: nowMs };
    }
    record.messages.add(e.message);
    record.lastMs = nowMs;
    touch(this.#aggregates, aggregateKey, record);
    let key = eventKey;
    let message = e.message;
    let combined = false;
    if (record.messages.size >= AGGREGATE_MAX_EVENTS) {
      // client-go pops an arbitrary message to stay at the limit; the oldest, here.
      const oldest = record.messages.values().next().value;
      if (oldest !== undefined) record.messages.delete(oldest);
      key = aggregateKey;
      message = `${COMBINED_PREFIX}${e.message}`;
      combined = true;
    }

    // eventObserve: the count grows whether or not the spam filter lets the write through.
    const seen = this.#observed.get(key);
    const count = seen ? seen.count + 1 : 1;
    const firstMs = seen ? seen.firstMs : nowMs;
    touch(this.#observed, key, {
      ...(seen?.name ? { name: seen.name } : {}),
      namespace,
      count,
      firstMs,
    });
    if (!this.#allow(spamKey, nowMs)) return { kind: 'skip' };
    if (seen?.name) {
      return { kind: 'patch', key, name: seen.name, namespace, message, combined, count, firstMs };
    }
    return { kind: 'create', key, message, combined, count, firstMs };
  }

  /** The Event stored for `key` is `name` (after a create, or a create that replaced a patch). */
  stored(key: string, name: string): void {
    const seen = this.#observed.get(key);
    if (seen) seen.name = name;
  }

  /** Writing the Event for `key` failed: forget it (the next occurrence starts afresh). */
  forget(key: string): void {
    this.#observed.delete(key);
  }

  /** The source-and-object token bucket (golang.org/x/time/rate, as flowcontrol wraps it). */
  #allow(spamKey: string, nowMs: number): boolean {
    let bucket = this.#buckets.get(spamKey);
    if (!bucket) bucket = { tokens: SPAM_BURST, lastMs: nowMs };
    else {
      bucket.tokens = Math.min(
        SPAM_BURST,
        bucket.tokens + (nowMs - bucket.lastMs) * SPAM_TOKENS_PER_MS,
      );
      bucket.lastMs = nowMs;
    }
    touch(this.#buckets, spamKey, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
