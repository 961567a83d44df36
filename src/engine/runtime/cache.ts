/**
 * An actor's informer cache (shared by all reconcilers of that actor, like a shared informer
 * factory). Lists are kept sorted incrementally (namespace, then name), so a reconciler that
 * lists pods after every event costs O(log n) per update and no re-sorting.
 */
import type { KubeObject, ResourceName } from '../api/types.ts';
import type { Cache } from './controller.ts';

class SortedIndex {
  readonly keys: string[] = [];
  readonly objs: KubeObject[] = [];

  #find(key: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.keys[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  upsert(key: string, obj: KubeObject): void {
    const i = this.#find(key);
    if (this.keys[i] === key) this.objs[i] = obj;
    else {
      this.keys.splice(i, 0, key);
      this.objs.splice(i, 0, obj);
    }
  }

  remove(key: string): void {
    const i = this.#find(key);
    if (this.keys[i] === key) {
      this.keys.splice(i, 1);
      this.objs.splice(i, 1);
    }
  }
}

const EMPTY: readonly KubeObject[] = Object.freeze([]);

function nsKey(ns: string | undefined, name: string): string {
  return `${ns ?? ''}\u0000${name}`;
}

interface ResourceStore {
  byKey: Map<string, KubeObject>;
  all: SortedIndex;
  byNs: Map<string, SortedIndex>;
  /** owner uid → the owned objects. */
  byOwner: Map<string, SortedIndex>;
}

function ownerUids(obj: KubeObject | undefined): string[] {
  const refs = obj?.metadata?.ownerReferences;
  if (!refs || refs.length === 0) return [];
  return refs.map((r) => r.uid);
}

export class ActorCache implements Cache {
  readonly #stores = new Map<ResourceName, ResourceStore>();

  #store(resource: ResourceName): ResourceStore {
    let s = this.#stores.get(resource);
    if (!s) {
      s = { byKey: new Map(), all: new SortedIndex(), byNs: new Map(), byOwner: new Map() };
      this.#stores.set(resource, s);
    }
    return s;
  }

  get(resource: ResourceName, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.#stores.get(resource)?.byKey.get(nsKey(namespace, name));
  }

  list(resource: ResourceName, namespace?: string): readonly KubeObject[] {
    const s = this.#stores.get(resource);
    if (!s) return EMPTY;
    if (namespace === undefined) return s.all.objs;
    return s.byNs.get(namespace)?.objs ?? EMPTY;
  }

  owned(resource: ResourceName, ownerUid: string): readonly KubeObject[] {
    return this.#stores.get(resource)?.byOwner.get(ownerUid)?.objs ?? EMPTY;
  }

  #indexOwners(
    s: ResourceStore,
    key: string,
    prev: KubeObject | undefined,
    next: KubeObject | undefined,
  ): void {
    const before = ownerUids(prev);
    const after = ownerUids(next);
    for (const uid of before) if (!after.includes(uid)) s.byOwner.get(uid)?.remove(key);
    for (const uid of after) {
      let idx = s.byOwner.get(uid);
      if (!idx) {
        idx = new SortedIndex();
        s.byOwner.set(uid, idx);
      }
      idx.upsert(key, next!);
    }
  }

  /** Insert or replace; returns the previous object. */
  upsert(resource: ResourceName, obj: KubeObject): KubeObject | undefined {
    const s = this.#store(resource);
    const ns = obj.metadata?.namespace ?? undefined;
    const name = obj.metadata?.name ?? '';
    const key = nsKey(ns, name);
    const prev = s.byKey.get(key);
    s.byKey.set(key, obj);
    s.all.upsert(key, obj);
    let idx = s.byNs.get(ns ?? '');
    if (!idx) {
      idx = new SortedIndex();
      s.byNs.set(ns ?? '', idx);
    }
    idx.upsert(name, obj);
    this.#indexOwners(s, key, prev, obj);
    return prev;
  }

  /** Remove; returns the removed object. */
  remove(resource: ResourceName, obj: KubeObject): KubeObject | undefined {
    const s = this.#stores.get(resource);
    if (!s) return undefined;
    const ns = obj.metadata?.namespace ?? undefined;
    const name = obj.metadata?.name ?? '';
    const key = nsKey(ns, name);
    const prev = s.byKey.get(key);
    if (!prev) return undefined;
    s.byKey.delete(key);
    s.all.remove(key);
    s.byNs.get(ns ?? '')?.remove(name);
    this.#indexOwners(s, key, prev, undefined);
    return prev;
  }

  has(resource: ResourceName, obj: KubeObject): boolean {
    return (
      this.#stores
        .get(resource)
        ?.byKey.has(nsKey(obj.metadata?.namespace ?? undefined, obj.metadata?.name ?? '')) ?? false
    );
  }

  clear(): void {
    this.#stores.clear();
  }
}
