/**
 * A small etcd: a revisioned key-value store with one global revision, per-key create/mod
 * revisions and versions, and watches by key prefix. Only the API server talks to it.
 * Keys follow the real layout (`/registry/pods/default/web-…`, `/registry/minions/node1`).
 */
import { deepFreeze, type FrozenMap, PersistentMap } from '../util/persistentMap.ts';

export interface KeyValue<V> {
  key: string;
  value: V;
  createRevision: number;
  modRevision: number;
  /** Number of writes since creation (1 after create). */
  version: number;
}

export interface EtcdEvent<V> {
  type: 'PUT' | 'DELETE';
  kv: KeyValue<V>;
  prevKv?: KeyValue<V>;
  revision: number;
}

export type EtcdWatcher<V> = (event: EtcdEvent<V>) => void;

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

  constructor(groupOf: GroupOf) {
    this.#groupOf = groupOf;
  }

  /** The current global revision (0 when empty). */
  get revision(): number {
    return this.#revision;
  }

  #group(key: string, group: string | undefined): PersistentMap<KeyValue<V>> {
    const g = group ?? this.#groupOf(key);
    let m = this.#groups.get(g);
    if (!m) {
      m = new PersistentMap();
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
   * (0 means "must not exist"). `group` as for `get`.
   */
  put(
    key: string,
    value: V,
    expectedModRevision?: number,
    group?: string,
  ): KeyValue<V> | undefined {
    const m = this.#group(key, group);
    const prev = m.get(key);
    if (expectedModRevision !== undefined && (prev?.modRevision ?? 0) !== expectedModRevision) {
      return undefined;
    }
    const revision = ++this.#revision;
    const kv: KeyValue<V> = Object.freeze({
      key,
      value: deepFreeze(value),
      createRevision: prev?.createRevision ?? revision,
      modRevision: revision,
      version: (prev?.version ?? 0) + 1,
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
    const revision = ++this.#revision;
    m.delete(key);
    this.#notify({
      type: 'DELETE',
      kv: {
        key: prev.key,
        value: prev.value,
        createRevision: prev.createRevision,
        modRevision: revision,
        version: prev.version,
      },
      prevKv: prev,
      revision,
    });
    return prev;
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
    for (const w of this.#watchers) if (event.kv.key.startsWith(w.prefix)) w.fn(event);
  }

  /** O(groups) immutable snapshot (structural sharing). */
  snapshot(): EtcdSnapshot<V> {
    const groups = new Map<string, FrozenMap<KeyValue<V>>>();
    for (const [g, m] of this.#groups) groups.set(g, m.freeze());
    return { revision: this.#revision, groups };
  }
}
