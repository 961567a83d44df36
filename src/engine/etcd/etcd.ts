/**
 * A small etcd: a revisioned key-value store with one global revision, per-key create/mod
 * revisions and versions, watches by key prefix, and leases (a key written with a lease is
 * deleted when the lease expires). Only the API server talks to it.
 * Keys follow the real layout (`/registry/pods/default/web-…`, `/registry/minions/node1`).
 */
import { Heap } from '../runtime/heap.ts';
import { deepFreeze, type FrozenMap, PersistentMap } from '../util/persistentMap.ts';

export interface KeyValue<V> {
  key: string;
  value: V;
  createRevision: number;
  modRevision: number;
  /** Number of writes since creation (1 after create). */
  version: number;
  /** The lease the key is attached to, 0 for none (etcd's `KeyValue.lease`). */
  lease: number;
}

export interface EtcdEvent<V> {
  type: 'PUT' | 'DELETE';
  kv: KeyValue<V>;
  prevKv?: KeyValue<V>;
  revision: number;
}

export type EtcdWatcher<V> = (event: EtcdEvent<V>) => void;

/** A granted lease, as `grant` returns it. */
export interface LeaseGrant {
  /** The lease ID (etcd numbers them one after another from a member-specific base). */
  id: number;
  /** Seconds, as granted. */
  ttl: number;
  /** Virtual ms at which the lease expires and its keys are deleted. */
  expiresAt: number;
}

/** What one lease expiry did (see `EtcdOptions.onLeaseRevoked`). */
export interface LeaseRevocation {
  id: number;
  /** Virtual ms of the revocation. */
  at: number;
  /** The keys deleted, in key order (empty when every key had left the lease before). */
  keys: readonly string[];
  /** The revision of the deletes (they are one transaction), or 0 when nothing was deleted. */
  revision: number;
}

/** The clock and timer etcd's lessor needs; without them leases are granted but never expire. */
export interface EtcdOptions {
  /** The current virtual ms. */
  now?: () => number;
  /**
   * Call `fn` at virtual ms `at`: the lessor asks for one call at each lease's expiry, so
   * nothing runs in between however far the clock jumps. Without it, call `expireLeases`.
   */
  schedule?: (at: number, fn: () => void) => void;
  /** Told after a lease expired and its keys were deleted (for the message log). */
  onLeaseRevoked?: (r: LeaseRevocation) => void;
}

interface Lease {
  id: number;
  ttl: number;
  expiresAt: number;
  keys: Set<string>;
}

/** A lease in the lessor's expiry queue, ordered by (expiry, grant order). */
interface Expiry {
  at: number;
  seq: number;
  lease: Lease;
}

/**
 * The hexadecimal form etcdctl prints of lease `id`: etcd's ID generator starts from a
 * member-specific base (the member ID's low bytes and the start time) and counts up by one.
 * A fixed base here; the low 32 bits count.
 */
export function leaseIdHex(id: number): string {
  return `694d9b6a${(0x3c2e0000 + id).toString(16).padStart(8, '0')}`;
}

/** Frozen store contents at one revision. */
export interface EtcdSnapshot<V> {
  revision: number;
  /** Key group (see `groupOf`) → entries. */
  groups: ReadonlyMap<string, FrozenMap<KeyValue<V>>>;
}

/**
 * The group a key is stored under: its prefix up to the namespace/name part. Keys are grouped
 * so that ranges and snapshots of one resource do not touch the others.
 */
export type GroupOf = (key: string) => string;

export class Etcd<V> {
  #revision = 0;
  readonly #groups = new Map<string, PersistentMap<KeyValue<V>>>();
  readonly #watchers: { prefix: string; fn: EtcdWatcher<V> }[] = [];
  readonly #groupOf: GroupOf;
  readonly #opts: EtcdOptions;
  readonly #leases = new Map<number, Lease>();
  readonly #expiries = new Heap<Expiry>();
  #leaseSeq = 0;

  constructor(groupOf: GroupOf, opts: EtcdOptions = {}) {
    this.#groupOf = groupOf;
    this.#opts = opts;
  }

  /** The current global revision (0 when empty). */
  get revision(): number {
    return this.#revision;
  }

  #group(key: string, group: string | undefined): PersistentMap<KeyValue<V>> {
    const g = group ?? this.#groupOf(key);
    let m = this.#groups.get(g);
    if (!m) {
      m = new PersistentMap({ byTail: true });
      this.#groups.set(g, m);
    }
    return m;
  }

  /**
   * The entry at `key`. `group`, when the caller knows it, must be `groupOf(key)`: the API
   * server, which builds keys from their resource, passes it and saves the lookup.
   */
  get(key: string, group?: string): KeyValue<V> | undefined {
    return this.#groups.get(group ?? this.#groupOf(key))?.get(key);
  }

  /** Entries whose key starts with `prefix`, sorted by key. */
  range(prefix: string): KeyValue<V>[] {
    const out: KeyValue<V>[] = [];
    for (const [g, m] of this.#groups) {
      if (!(g.startsWith(prefix) || prefix.startsWith(g))) continue;
      for (const kv of m.values()) if (kv.key.startsWith(prefix)) out.push(kv);
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /**
   * Write `value` (frozen on the way in). With `expectedModRevision` the put is a
   * compare-and-swap: it fails (returns undefined) when the key's mod revision differs
   * (0 means "must not exist"). `group` as for `get`. With `lease` (from `grant`) the key is
   * attached to that lease, and leaves the lease it had; without, it is attached to none, as
   * etcd does. Throws on a lease that does not exist (etcd: "requested lease not found").
   */
  put(
    key: string,
    value: V,
    expectedModRevision?: number,
    group?: string,
    lease = 0,
  ): KeyValue<V> | undefined {
    const m = this.#group(key, group);
    const prev = m.get(key);
    if (expectedModRevision !== undefined && (prev?.modRevision ?? 0) !== expectedModRevision) {
      return undefined;
    }
    if (lease !== 0 || prev?.lease) this.#attach(key, prev?.lease ?? 0, lease);
    const revision = ++this.#revision;
    const kv: KeyValue<V> = Object.freeze({
      key,
      value: deepFreeze(value),
      createRevision: prev?.createRevision ?? revision,
      modRevision: revision,
      version: (prev?.version ?? 0) + 1,
      lease,
    });
    m.set(key, kv);
    // Two literals rather than a spread in one: no temporary object to build and copy.
    this.#notify(
      prev ? { type: 'PUT', kv, prevKv: prev, revision } : { type: 'PUT', kv, revision },
    );
    return kv;
  }

  /** Delete a key; returns the deleted entry, or undefined when absent. `group` as for `get`. */
  delete(key: string, group?: string): KeyValue<V> | undefined {
    const m = this.#groups.get(group ?? this.#groupOf(key));
    const prev = m?.get(key);
    if (!m || !prev) return undefined;
    if (prev.lease) this.#attach(key, prev.lease, 0);
    const revision = ++this.#revision;
    m.delete(key);
    this.#notifyDelete(prev, revision);
    return prev;
  }

  #notifyDelete(prev: KeyValue<V>, revision: number): void {
    this.#notify({
      type: 'DELETE',
      kv: {
        key: prev.key,
        value: prev.value,
        createRevision: prev.createRevision,
        modRevision: revision,
        version: prev.version,
        lease: prev.lease,
      },
      prevKv: prev,
      revision,
    });
  }

  // ---------------------------------------------------------------- leases

  /**
   * LeaseGrant: a lease of `ttl` seconds from now. Its expiry is queued with the lessor; when
   * it comes, every key still attached is deleted (see `expireLeases`).
   */
  grant(ttl: number): LeaseGrant {
    const now = this.#opts.now?.() ?? 0;
    const lease: Lease = {
      id: ++this.#leaseSeq,
      ttl,
      expiresAt: now + ttl * 1000,
      keys: new Set(),
    };
    this.#leases.set(lease.id, lease);
    this.#expiries.push({ at: lease.expiresAt, seq: lease.id, lease });
    this.#opts.schedule?.(lease.expiresAt, () => this.expireLeases());
    return { id: lease.id, ttl, expiresAt: lease.expiresAt };
  }

  /** The lease `id` while it lives: its TTL, expiry and attached keys (etcdctl lease timetolive). */
  lease(id: number): (LeaseGrant & { keys: string[] }) | undefined {
    const l = this.#leases.get(id);
    return l && { id, ttl: l.ttl, expiresAt: l.expiresAt, keys: [...l.keys].sort() };
  }

  /** Leases alive now. */
  get leaseCount(): number {
    return this.#leases.size;
  }

  /**
   * The lessor's expiry check: revoke every lease whose time has come (oldest first). With
   * `EtcdOptions.schedule` it runs by itself at each expiry; tests call it directly.
   */
  expireLeases(): void {
    const now = this.#opts.now?.() ?? 0;
    for (let e = this.#expiries.peek(); e && e.at <= now; e = this.#expiries.peek()) {
      this.#expiries.pop();
      if (this.#leases.get(e.lease.id) === e.lease) this.revoke(e.lease.id);
    }
  }

  /**
   * LeaseRevoke: delete every key attached to the lease in one transaction (one new revision
   * shared by all the deletes, keys in order, as etcd's lessor does) and forget the lease.
   */
  revoke(id: number): LeaseRevocation | undefined {
    const lease = this.#leases.get(id);
    if (!lease) return undefined;
    this.#leases.delete(id);
    const keys = [...lease.keys].sort();
    // A write transaction with no change leaves the revision as it is.
    const revision = keys.length > 0 ? ++this.#revision : 0;
    for (const key of keys) {
      const m = this.#groups.get(this.#groupOf(key))!;
      const prev = m.get(key)!;
      m.delete(key);
      this.#notifyDelete(prev, revision);
    }
    const r: LeaseRevocation = { id, at: this.#opts.now?.() ?? 0, keys, revision };
    this.#opts.onLeaseRevoked?.(r);
    return r;
  }

  /** Move `key` from lease `from` to lease `to` (0: none). */
  #attach(key: string, from: number, to: number): void {
    if (from === to) return;
    if (to !== 0) {
      const l = this.#leases.get(to);
      if (!l) throw new Error(`etcdserver: requested lease not found (${leaseIdHex(to)})`);
      l.keys.add(key);
    }
    if (from !== 0) this.#leases.get(from)?.keys.delete(key);
  }

  /** Write directly with a given revision history (bootstrap only; no watch notification). */
  seed(key: string, value: V): KeyValue<V> {
    const revision = ++this.#revision;
    const kv: KeyValue<V> = Object.freeze({
      key,
      value: deepFreeze(value),
      createRevision: revision,
      modRevision: revision,
      version: 1,
      lease: 0,
    });
    this.#group(key, undefined).set(key, kv);
    return kv;
  }

  /** Watch every change under `prefix`; returns a function that cancels the watch. */
  watch(prefix: string, fn: EtcdWatcher<V>): () => void {
    const w = { prefix, fn };
    this.#watchers.push(w);
    return () => {
      const i = this.#watchers.indexOf(w);
      if (i >= 0) this.#watchers.splice(i, 1);
    };
  }

  #notify(event: EtcdEvent<V>): void {
    // An index loop, not for…of: this runs on every write.
    const watchers = this.#watchers;
    const key = event.kv.key;
    for (let i = 0; i < watchers.length; i++) {
      const w = watchers[i]!;
      if (key.startsWith(w.prefix)) w.fn(event);
    }
  }

  /** O(groups) immutable snapshot (structural sharing). */
  snapshot(): EtcdSnapshot<V> {
    const groups = new Map<string, FrozenMap<KeyValue<V>>>();
    for (const [g, m] of this.#groups) groups.set(g, m.freeze());
    return { revision: this.#revision, groups };
  }

  /** The leases alive now and their TTLs (what a snapshot of the store keeps of the lessor). */
  leaseTable(): { id: number; ttl: number }[] {
    return [...this.#leases.values()].map((l) => ({ id: l.id, ttl: l.ttl }));
  }

  /**
   * Start over from a snapshot (etcd restarted on a restored data directory): the keys and the
   * revision are the snapshot's, plus `bumpRevision` (`etcdutl snapshot restore
   * --bump-revision`); the snapshot's leases live on from now for their TTL, as a new leader's
   * lessor promotes them, and the others are gone. Watchers are not told: a restart breaks
   * their watches and clients list again. O(keys); only a restore pays it.
   */
  restore(
    snap: EtcdSnapshot<V>,
    leases: readonly { id: number; ttl: number }[],
    bumpRevision = 0,
  ): void {
    this.#groups.clear();
    for (const [g, frozen] of snap.groups) {
      const m = new PersistentMap<KeyValue<V>>({ byTail: true });
      for (const [key, kv] of frozen.entries()) m.set(key, kv);
      this.#groups.set(g, m);
    }
    this.#revision = snap.revision + bumpRevision;
    // Expiries queued for the old leases find them gone (`expireLeases` checks identity).
    this.#leases.clear();
    const now = this.#opts.now?.() ?? 0;
    for (const { id, ttl } of leases) {
      const lease: Lease = { id, ttl, expiresAt: now + ttl * 1000, keys: new Set() };
      this.#leases.set(id, lease);
      this.#expiries.push({ at: lease.expiresAt, seq: id, lease });
      this.#opts.schedule?.(lease.expiresAt, () => this.expireLeases());
    }
    for (const m of this.#groups.values()) {
      for (const kv of m.values()) if (kv.lease) this.#leases.get(kv.lease)?.keys.add(kv.key);
    }
  }
}
