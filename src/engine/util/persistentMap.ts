/**
 * A map with cheap immutable snapshots by structural sharing: entries live in 32 buckets;
 * `freeze()` hands out the current bucket array in O(32) and the next write to a bucket copies
 * only that bucket (copy-on-write). Without snapshots no copying happens at all.
 */
export const BUCKETS = 32;

/** The bucket of `key` by a hash of all its characters (FNV-1a). */
function hash(key: string): number {
  // A write looks its key up two or three times in a row (get, then get and set in put).
  if (key === lastKey) return lastHash;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  lastKey = key;
  lastHash = (h >>> 0) % BUCKETS;
  return lastHash;
}
let lastKey: string | undefined;
let lastHash = 0;

/**
 * The bucket of `key` by its length and last three characters, which is where the keys of one
 * etcd group differ (a generated name's random suffix, an Event's hex timestamp, a node's
 * number): no loop over the whole key (60 characters and more) on each of the several lookups
 * of every etcd read and write. Buckets only bound what a copy-on-write copies, but they also
 * fix the order in which a map's values are iterated: a map whose iteration order is seen
 * unsorted (the scheduler's decisions) keeps `hash`.
 */
export function tailBucket(key: string): number {
  const n = key.length;
  if (n < 3) return n;
  return (
    (n + key.charCodeAt(n - 1) + key.charCodeAt(n - 2) * 3 + key.charCodeAt(n - 3) * 7) &
    (BUCKETS - 1)
  );
}

/** An immutable view of a PersistentMap at one moment. */
export class FrozenMap<V> {
  readonly #buckets: readonly ReadonlyMap<string, V>[];
  readonly size: number;
  readonly #byTail: boolean;
  constructor(buckets: readonly ReadonlyMap<string, V>[], size: number, byTail = false) {
    this.#buckets = buckets;
    this.size = size;
    this.#byTail = byTail;
  }
  get(key: string): V | undefined {
    return this.#buckets[this.#byTail ? tailBucket(key) : hash(key)]?.get(key);
  }
  has(key: string): boolean {
    return this.#buckets[this.#byTail ? tailBucket(key) : hash(key)]?.has(key) ?? false;
  }
  *entries(): IterableIterator<[string, V]> {
    for (const b of this.#buckets) yield* b.entries();
  }
  *values(): IterableIterator<V> {
    for (const b of this.#buckets) yield* b.values();
  }
}

export class PersistentMap<V> {
  #buckets: Map<string, V>[] = Array.from({ length: BUCKETS }, () => new Map());
  /** Buckets handed out by freeze() that must be copied before the next write. */
  #shared: boolean[] = new Array<boolean>(BUCKETS).fill(false);
  #size = 0;
  /** Buckets by `tailBucket` rather than `hash` (see there). */
  readonly #byTail: boolean;

  constructor(opts: { byTail?: boolean } = {}) {
    this.#byTail = opts.byTail ?? false;
  }
  #bucket(key: string): number {
    return this.#byTail ? tailBucket(key) : hash(key);
  }

  get size(): number {
    return this.#size;
  }
  get(key: string): V | undefined {
    return this.#buckets[this.#bucket(key)]!.get(key);
  }
  has(key: string): boolean {
    return this.#buckets[this.#bucket(key)]!.has(key);
  }
  #writable(i: number): Map<string, V> {
    if (this.#shared[i]) {
      this.#buckets[i] = new Map(this.#buckets[i]);
      this.#shared[i] = false;
    }
    return this.#buckets[i]!;
  }
  set(key: string, value: V): void {
    const b = this.#writable(this.#bucket(key));
    // The bucket's size tells whether the key is new: one hash lookup instead of two.
    const before = b.size;
    b.set(key, value);
    this.#size += b.size - before;
  }
  delete(key: string): boolean {
    const i = this.#bucket(key);
    if (!this.#buckets[i]!.has(key)) return false;
    this.#writable(i).delete(key);
    this.#size--;
    return true;
  }
  values(): IterableIterator<V> {
    return new FrozenMap<V>(this.#buckets, this.#size, this.#byTail).values();
  }
  /** O(32) immutable snapshot; later writes do not show in it. */
  freeze(): FrozenMap<V> {
    this.#shared.fill(true);
    return new FrozenMap<V>(this.#buckets.slice(), this.#size, this.#byTail);
  }
}

/** Recursively freeze a plain JSON-like value (objects stored in etcd are shared everywhere). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) freezeTree(value);
  return value;
}

/** Freeze `value` (an object not frozen yet) and every unfrozen object below it. */
function freezeTree(value: object): void {
  Object.freeze(value);
  // Arrays by index (for…in would make a string of every index); objects with for…in rather
  // than Object.values, so no array per object: this runs on every etcd write.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) freezeTree(v);
    }
    return;
  }
  for (const k in value) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) freezeTree(v);
  }
}

/**
 * A writable one-level copy of a plain object, keys in the same order: `{ ...value }`, but
 * built by for…in. On a spread copy of an unfrozen object V8 gives every property added
 * afterwards (a new version's resourceVersion, nodeName, …) a slow path of a few µs: 20,000
 * spread copies with one property added took 60–100 ms in Node 20, for…in copies 5–15 ms.
 */
export function shallowCopy<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const k in value) out[k] = (value as Record<string, unknown>)[k];
  return out as T;
}

/**
 * `value.slice(0, end)` (the whole array without `end`), copied element by element: on a
 * frozen array `slice` takes V8's slow generic path (Node 20: about 0.6 µs for a few elements
 * against 0.05 µs for this loop), and stored arrays are frozen.
 */
export function copyArray<T>(value: readonly T[], end = value.length): T[] {
  const n = Math.min(end, value.length);
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(value[i]!);
  return out;
}

/**
 * `list.find(pred)` by an index loop. On a frozen array (every array of a stored object) V8's
 * `find`, `some`, `every`, `filter` and `findIndex` leave their fast path (Node 20: ~0.35 µs
 * against ~0.06 µs for this loop on a 4-element array): for the lookups done on every sync
 * (a condition by type, a container's spec by name).
 */
export function findIn<T>(list: readonly T[], pred: (item: T) => boolean): T | undefined {
  for (let i = 0; i < list.length; i++) {
    const item = list[i]!;
    if (pred(item)) return item;
  }
  return undefined;
}

/** `list.some(pred)` by an index loop (see {@link findIn}). */
export function someIn<T>(list: readonly T[], pred: (item: T) => boolean): boolean {
  for (let i = 0; i < list.length; i++) if (pred(list[i]!)) return true;
  return false;
}

/** Deep copy of a JSON-like value (for building a new object from a frozen one). */
export function clone<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(clone) as T;
  const out: Record<string, unknown> = {};
  for (const k in value as object) out[k] = clone((value as Record<string, unknown>)[k]);
  return out as T;
}

/**
 * Copy of a JSON-like value that shares every frozen part (frozen values are immutable, so
 * sharing them is safe) and copies the rest; the top level is always a fresh, writable copy.
 * Writing a new version of a stored object this way copies only what changed, and
 * `deepFreeze` then stops at the shared parts.
 */
export function cloneShared<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneUnfrozen) as T;
  const out: Record<string, unknown> = {};
  for (const k in value as object) out[k] = cloneUnfrozen((value as Record<string, unknown>)[k]);
  return out as T;
}

/** `value` itself when frozen or not an object, else `cloneShared(value)`. */
export function cloneUnfrozen<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  return cloneShared(value);
}
