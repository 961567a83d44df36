/**
 * An actor's informer cache (shared by all reconcilers of that actor, like a shared informer
 * factory). Lists come sorted (namespace, then name); see `SortedIndex` for what that costs.
 */
import type { KubeObject, ResourceName } from '../api/types.ts';
import type { Cache } from './controller.ts';

/** One object of a `SortedIndex`, replaced in place when a newer version arrives. */
interface Entry {
  obj: KubeObject;
  /** Its place in the sorted view, valid while the view is built. */
  pos: number;
  /** The composite namespace/name key of the owner index (set by `ActorCache`, once). */
  ownerKey: string | undefined;
  /** The owner references the object was last indexed under, and its owner-index entries. */
  indexedRefs: OwnerRefs | undefined;
  owners: { idx: SortedIndex; entry: Entry }[] | undefined;
}

/**
 * Objects by key, with a sorted view built on demand. Writes are map operations; the sorted
 * array is rebuilt (O(n log n)) only on the first read after a key was added or removed, and
 * replacing the object of a present key patches a built view in place at the position the
 * entry remembers from the build (a binary search over keys with long common prefixes, as
 * pod names have, cost more than the rest of an update). Keeping the array sorted on every
 * insert instead cost O(n) per insert (a splice), which dominated large clusters: 10,000 pods
 * arrive in a few bursts between reads.
 */
class SortedIndex {
  readonly #byKey = new Map<string, Entry>();
  /** The objects sorted by key, when built. */
  #objs: KubeObject[] | undefined;
  /** Where the last `upsert` replaced an object in the built view (-1: no view, or an insert). */
  lastIndex = -1;
  /** The entry the last `upsert` wrote. */
  lastEntry: Entry | undefined;

  get(key: string): KubeObject | undefined {
    return this.#byKey.get(key)?.obj;
  }

  /** Insert or replace; returns the previous object. */
  upsert(key: string, obj: KubeObject): KubeObject | undefined {
    const e = this.#byKey.get(key);
    if (e === undefined) {
      const entry: Entry = {
        obj,
        pos: -1,
        ownerKey: undefined,
        indexedRefs: undefined,
        owners: undefined,
      };
      this.#byKey.set(key, entry);
      this.#objs = undefined;
      this.lastIndex = -1;
      this.lastEntry = entry;
      return undefined;
    }
    const prev = e.obj;
    e.obj = obj;
    this.lastEntry = e;
    const objs = this.#objs;
    if (objs === undefined) {
      this.lastIndex = -1;
    } else {
      objs[e.pos] = obj;
      this.lastIndex = e.pos;
    }
    return prev;
  }

  /** Replace the object of `e`, an entry of this index. */
  replace(e: Entry, obj: KubeObject): void {
    e.obj = obj;
    const objs = this.#objs;
    if (objs !== undefined) objs[e.pos] = obj;
  }

  /** Every key and its entry, in no particular order. */
  entries(): IterableIterator<[string, Entry]> {
    return this.#byKey.entries();
  }

  /** Remove; returns the removed object. */
  remove(key: string): KubeObject | undefined {
    const e = this.#byKey.get(key);
    if (e === undefined) return undefined;
    this.#byKey.delete(key);
    this.#objs = undefined;
    return e.obj;
  }

  /** The objects sorted by key (a view that is valid until the next write). */
  get objs(): readonly KubeObject[] {
    let objs = this.#objs;
    if (objs === undefined) {
      // The default sort compares UTF-16 code units, as `<` on strings does.
      const keys = [...this.#byKey.keys()].sort();
      objs = new Array<KubeObject>(keys.length);
      for (let i = 0; i < keys.length; i++) {
        const e = this.#byKey.get(keys[i]!)!;
        e.pos = i;
        objs[i] = e.obj;
      }
      this.#objs = objs;
    }
    return objs;
  }
}

const EMPTY: readonly KubeObject[] = Object.freeze([]);

function nsKey(ns: string, name: string): string {
  return `${ns}\u0000${name}`;
}

interface ResourceStore {
  /** namespace → its objects by name (`get` needs no composite key). */
  byNs: Map<string, SortedIndex>;
  /**
   * Every object, by namespace then name: the namespaces' sorted views one after another, built
   * on the first read after an object was added or removed (a replacement is patched in place).
   */
  all: { objs: KubeObject[]; offsets: Map<string, number> } | undefined;
  /**
   * owner uid → the owned objects; built on the first `owned` read of the resource, so the
   * actors that never ask (kubelets, the scheduler) keep no owner index.
   */
  byOwner: Map<string, SortedIndex> | undefined;
  /** The namespace last looked up and its index (reads come in runs about one namespace). */
  lastNs: string | undefined;
  lastIndex: SortedIndex | undefined;
}

/** The index of namespace `ns` in `s`, if any (no map lookup when it was the last one). */
function nsIndex(s: ResourceStore, ns: string): SortedIndex | undefined {
  if (ns === s.lastNs) return s.lastIndex;
  const n = s.byNs.get(ns);
  // Only indexes are remembered: they stay in `byNs` for the life of the store.
  if (n !== undefined) {
    s.lastNs = ns;
    s.lastIndex = n;
  }
  return n;
}

type OwnerRefs = NonNullable<NonNullable<KubeObject['metadata']>['ownerReferences']>;

function ownerRefs(obj: KubeObject | undefined): OwnerRefs | undefined {
  const refs = obj?.metadata?.ownerReferences;
  return refs && refs.length > 0 ? refs : undefined;
}

function hasOwner(refs: OwnerRefs | undefined, uid: string): boolean {
  if (!refs) return false;
  for (const r of refs) if (r.uid === uid) return true;
  return false;
}

export class ActorCache implements Cache {
  readonly #stores = new Map<ResourceName, ResourceStore>();
  /**
   * The resource last looked up and its store: reconcilers read one resource many times in a
   * row. Stores live until `clear`, which forgets this too.
   */
  #lastResource: ResourceName | undefined;
  #lastStore: ResourceStore | undefined;

  #found(resource: ResourceName): ResourceStore | undefined {
    if (resource === this.#lastResource) return this.#lastStore;
    const s = this.#stores.get(resource);
    if (s !== undefined) {
      this.#lastResource = resource;
      this.#lastStore = s;
    }
    return s;
  }

  #store(resource: ResourceName): ResourceStore {
    let s = this.#found(resource);
    if (!s) {
      // Every field from the start (`all` too): stores keep one shape (see ActorState).
      s = {
        byNs: new Map(),
        all: undefined,
        byOwner: undefined,
        lastNs: undefined,
        lastIndex: undefined,
      };
      this.#stores.set(resource, s);
    }
    return s;
  }

  get(resource: ResourceName, namespace: string | undefined, name: string): KubeObject | undefined {
    const s = this.#found(resource);
    if (s === undefined) return undefined;
    return nsIndex(s, namespace ?? '')?.get(name);
  }

  list(resource: ResourceName, namespace?: string): readonly KubeObject[] {
    const s = this.#found(resource);
    if (!s) return EMPTY;
    if (namespace === undefined) return this.#all(s);
    return nsIndex(s, namespace)?.objs ?? EMPTY;
  }

  #all(s: ResourceStore): readonly KubeObject[] {
    if (s.all) return s.all.objs;
    const objs: KubeObject[] = [];
    const offsets = new Map<string, number>();
    // Namespace order is the composite key's order: `\0` sorts before any name character.
    for (const ns of [...s.byNs.keys()].sort()) {
      offsets.set(ns, objs.length);
      for (const o of s.byNs.get(ns)!.objs) objs.push(o);
    }
    s.all = { objs, offsets };
    return objs;
  }

  owned(resource: ResourceName, ownerUid: string): readonly KubeObject[] {
    const s = this.#found(resource);
    if (!s) return EMPTY;
    let byOwner = s.byOwner;
    if (byOwner === undefined) {
      byOwner = new Map();
      s.byOwner = byOwner;
      for (const [ns, n] of s.byNs) {
        for (const [name, entry] of n.entries()) {
          if (ownerRefs(entry.obj) === undefined) continue;
          entry.ownerKey ??= nsKey(ns, name);
          this.#indexOwners(byOwner, entry.ownerKey, undefined, entry.obj, entry);
        }
      }
    }
    return byOwner.get(ownerUid)?.objs ?? EMPTY;
  }

  #indexOwners(
    byOwner: Map<string, SortedIndex>,
    key: string,
    prev: KubeObject | undefined,
    next: KubeObject | undefined,
    entry: Entry | undefined,
  ): void {
    const before = ownerRefs(prev);
    const after = ownerRefs(next);
    // Most updates keep the (frozen, shared) ownerReferences: nothing to compare then.
    if (before && before !== after) {
      for (const r of before) if (!hasOwner(after, r.uid)) byOwner.get(r.uid)?.remove(key);
    }
    if (!after) {
      if (entry) {
        entry.indexedRefs = undefined;
        entry.owners = undefined;
      }
      return;
    }
    const owners: { idx: SortedIndex; entry: Entry }[] = [];
    for (const r of after) {
      let idx = byOwner.get(r.uid);
      if (!idx) {
        idx = new SortedIndex();
        byOwner.set(r.uid, idx);
      }
      idx.upsert(key, next!);
      owners.push({ idx, entry: idx.lastEntry! });
    }
    if (entry) {
      entry.indexedRefs = after;
      entry.owners = owners;
    }
  }

  /** Insert or replace; returns the previous object. */
  upsert(resource: ResourceName, obj: KubeObject): KubeObject | undefined {
    const s = this.#store(resource);
    const ns = obj.metadata?.namespace ?? '';
    const name = obj.metadata?.name ?? '';
    let n = nsIndex(s, ns);
    if (!n) {
      n = new SortedIndex();
      s.byNs.set(ns, n);
    }
    const prev = n.upsert(name, obj);
    const entry = n.lastEntry!;
    const all = s.all;
    if (all) {
      const offset = all.offsets.get(ns);
      // A replacement within a built view: patch it; anything else: rebuild on the next read.
      if (prev && n.lastIndex >= 0 && offset !== undefined) all.objs[offset + n.lastIndex] = obj;
      else s.all = undefined;
    }
    // The owner index (only the stores some reconciler asked `owned` of) is kept in a method
    // of its own: upsert is compiled into the runtime's #apply, and code there that has not run
    // yet when it is compiled makes the whole of #apply be compiled again once it does.
    if (s.byOwner !== undefined) this.#upsertOwned(s.byOwner, entry, ns, name, prev, obj);
    return prev;
  }

  /** The owner-index part of `upsert`: `entry` (`ns`/`name`) now holds `obj`, was `prev`. */
  #upsertOwned(
    byOwner: Map<string, SortedIndex>,
    entry: Entry,
    ns: string,
    name: string,
    prev: KubeObject | undefined,
    obj: KubeObject,
  ): void {
    const refs = ownerRefs(obj);
    if (refs !== undefined && refs === entry.indexedRefs) {
      // The same (frozen, shared) owner references as the version indexed before: its entries
      // in the owner index are where they were, replace the object in place.
      // (An indexed loop: no iterator for the optimizing compiler to build.)
      const owners = entry.owners!;
      for (let i = 0; i < owners.length; i++) owners[i]!.idx.replace(owners[i]!.entry, obj);
    } else if (refs !== undefined || ownerRefs(prev) !== undefined) {
      // The composite key is built once per object name, not on every update.
      let key = entry.ownerKey;
      if (key === undefined) {
        key = nsKey(ns, name);
        entry.ownerKey = key;
      }
      this.#indexOwners(byOwner, key, prev, obj, entry);
    }
  }

  /** Remove; returns the removed object. */
  remove(resource: ResourceName, obj: KubeObject): KubeObject | undefined {
    const s = this.#found(resource);
    if (!s) return undefined;
    const ns = obj.metadata?.namespace ?? '';
    const name = obj.metadata?.name ?? '';
    const prev = nsIndex(s, ns)?.remove(name);
    if (!prev) return undefined;
    s.all = undefined;
    if (s.byOwner !== undefined && ownerRefs(prev)) {
      this.#indexOwners(s.byOwner, nsKey(ns, name), prev, undefined, undefined);
    }
    return prev;
  }

  has(resource: ResourceName, obj: KubeObject): boolean {
    return (
      this.get(resource, obj.metadata?.namespace ?? undefined, obj.metadata?.name ?? '') !==
      undefined
    );
  }

  clear(): void {
    this.#stores.clear();
    this.#lastResource = undefined;
    this.#lastStore = undefined;
  }
}
