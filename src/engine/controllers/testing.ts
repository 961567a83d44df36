/**
 * Test helpers for reconcilers (used by the *.test.ts files of controllers/, node/ and
 * registry/): an in-memory Cache, a recording ReconcileContext and a tiny API-server stand-in
 * that applies writes, so a test can seed objects, run `reconcile` and assert on the writes,
 * events and messages — and, for timing rules, step a reconciler through virtual time.
 */
import type { KubeObject, ResourceName } from '../api/types.ts';
import type {
  Cache,
  EventRecord,
  Message,
  ReconcileContext,
  Reconciler,
  Write,
} from '../runtime/controller.ts';
import { rfc3339 } from '../util/clock.ts';
import { randomHex64Of } from '../util/names.ts';
import { createRng } from '../util/rng.ts';
import { clone, KINDS } from './objects.ts';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** A seeded object with the resource it belongs to. */
export type Seed = [ResourceName, KubeObject];

/** An informer cache over a mutable store; reads hand out frozen objects. */
export class FakeCache implements Cache {
  readonly store = new Map<ResourceName, Map<string, KubeObject>>();

  constructor(seeds: Seed[] = []) {
    for (const [resource, obj] of seeds) this.put(resource, obj);
  }

  private static key(namespace: string | undefined, name: string): string {
    return `${namespace ?? ''}/${name}`;
  }

  put(resource: ResourceName, obj: KubeObject): KubeObject {
    const frozen = deepFreeze(clone(obj));
    let m = this.store.get(resource);
    if (!m) {
      m = new Map();
      this.store.set(resource, m);
    }
    m.set(FakeCache.key(frozen.metadata?.namespace, frozen.metadata?.name ?? ''), frozen);
    return frozen;
  }

  /** The runtime cache's optional owner index; off unless `withOwnerIndex()` turns it on. */
  owned?: (resource: ResourceName, ownerUid: string) => readonly KubeObject[];

  /** Turn on the owner index (`Cache.owned`), as the engine's runtime cache has it. */
  withOwnerIndex(): this {
    this.owned = (resource, ownerUid) =>
      this.list(resource).filter((o) =>
        o.metadata?.ownerReferences?.some((r) => r.uid === ownerUid),
      );
    return this;
  }

  remove(resource: ResourceName, namespace: string | undefined, name: string): void {
    this.store.get(resource)?.delete(FakeCache.key(namespace, name));
  }

  get(resource: ResourceName, namespace: string | undefined, name: string): KubeObject | undefined {
    const ns = KINDS[resource].namespaced ? namespace : undefined;
    return this.store.get(resource)?.get(FakeCache.key(ns, name));
  }

  list(resource: ResourceName, namespace?: string): readonly KubeObject[] {
    const all = [...(this.store.get(resource)?.values() ?? [])];
    return all
      .filter((o) => namespace === undefined || o.metadata?.namespace === namespace)
      .sort((a, b) => {
        const an = `${a.metadata?.namespace ?? ''}\u0000${a.metadata?.name ?? ''}`;
        const bn = `${b.metadata?.namespace ?? ''}\u0000${b.metadata?.name ?? ''}`;
        return an < bn ? -1 : an > bn ? 1 : 0;
      });
  }
}

export type SentMessage = Parameters<ReconcileContext['send']>[0] & { at: number };

/** A ReconcileContext that records what the reconciler asked for. */
export class FakeContext implements ReconcileContext {
  now: number;
  readonly events: (EventRecord & { at: number })[] = [];
  readonly sent: SentMessage[] = [];
  readonly requeues: { key: string; at: number }[] = [];
  private readonly rng;

  constructor(now = 0, seed = 1) {
    this.now = now;
    this.rng = createRng(seed);
  }

  timestamp(): string {
    return rfc3339(this.now);
  }

  random(): number {
    return this.rng.next();
  }

  randomHex64(): string {
    return randomHex64Of(this.rng);
  }

  recordEvent(event: EventRecord): void {
    this.events.push({ ...event, at: this.now });
  }

  send(msg: Parameters<ReconcileContext['send']>[0]): void {
    this.sent.push({ ...msg, at: this.now });
  }

  requeueAfter(key: string, ms: number): void {
    this.requeues.push({ key, at: this.now + ms });
  }

  /** `"<type> <reason> <message>"` lines, the way `kubectl get events` reads them. */
  eventLines(): string[] {
    return this.events.map((e) => `${e.type} ${e.reason} ${e.message}`);
  }
}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return clone(patch);
  const base: Record<string, unknown> =
    target && typeof target === 'object' && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete base[k];
    else base[k] = mergePatch(base[k], v);
  }
  return base;
}

const STATUS_SUBRESOURCE: ReadonlySet<ResourceName> = new Set([
  'pods',
  'nodes',
  'namespaces',
  'deployments',
  'replicasets',
  'services',
]);

/**
 * A minimal API server over a FakeCache: applies writes like the real one would for the
 * cases these tests need (generateName, uid, status subresource, graceful pod deletion,
 * namespace finalization) and runs reconcilers at their requeue times.
 */
export class MiniCluster {
  readonly cache: FakeCache;
  readonly ctx: FakeContext;
  readonly log: Write[] = [];
  private uids = 0;
  private rv = 100;

  constructor(seeds: Seed[] = [], now = 0, seed = 1) {
    this.cache = new FakeCache(seeds);
    this.ctx = new FakeContext(now, seed);
  }

  get now(): number {
    return this.ctx.now;
  }

  objects(resource: ResourceName, namespace?: string): readonly KubeObject[] {
    return this.cache.list(resource, namespace);
  }

  get(resource: ResourceName, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.cache.get(resource, namespace, name);
  }

  /** Apply writes the way the API server would. */
  apply(writes: readonly Write[]): void {
    for (const w of writes) {
      this.log.push(w);
      this.applyOne(w);
    }
  }

  private meta(obj: KubeObject): Record<string, unknown> {
    return (obj.metadata ?? {}) as Record<string, unknown>;
  }

  private applyOne(w: Write): void {
    const ts = rfc3339(this.now);
    switch (w.verb) {
      case 'create': {
        const obj = clone(w.obj);
        const meta = this.meta(obj);
        if (!meta.name && typeof meta.generateName === 'string') {
          meta.name = `${meta.generateName}${String(this.uids).padStart(5, 'x')}`;
        }
        if (w.namespace && KINDS[w.resource].namespaced) meta.namespace = w.namespace;
        meta.uid = `uid-${++this.uids}`;
        meta.creationTimestamp = ts;
        meta.resourceVersion = String(++this.rv);
        if (meta.generation === undefined && w.resource !== 'pods') meta.generation = 1;
        obj.metadata = meta;
        this.cache.put(w.resource, obj);
        return;
      }
      case 'update':
      case 'updateStatus': {
        const meta = this.meta(w.obj);
        const cur = this.cache.get(w.resource, meta.namespace as string, meta.name as string);
        if (!cur) return;
        let next: KubeObject;
        if (w.verb === 'updateStatus') {
          next = { ...clone(cur), status: clone(w.obj.status) };
          // As in the API server: Deployment status writes carry annotations too.
          if (w.resource === 'deployments') {
            const annotations = this.meta(w.obj).annotations;
            const meta = this.meta(next);
            if (annotations && Object.keys(annotations).length > 0)
              meta.annotations = clone(annotations);
            else delete meta.annotations;
          }
        } else {
          next = clone(w.obj);
          if (STATUS_SUBRESOURCE.has(w.resource)) next.status = clone(cur.status);
          if (JSON.stringify(cur.spec) !== JSON.stringify(next.spec)) {
            this.meta(next).generation = Number(this.meta(cur).generation ?? 1) + 1;
          }
        }
        this.meta(next).resourceVersion = String(++this.rv);
        this.finishWrite(w.resource, next);
        return;
      }
      case 'patch': {
        const cur = this.cache.get(w.resource, w.namespace, w.name);
        if (!cur) return;
        let patch = w.patch;
        if (STATUS_SUBRESOURCE.has(w.resource)) {
          patch =
            w.subresource === 'status'
              ? { status: w.patch.status }
              : Object.fromEntries(Object.entries(w.patch).filter(([k]) => k !== 'status'));
        }
        const next = mergePatch(clone(cur), patch) as KubeObject;
        this.meta(next).resourceVersion = String(++this.rv);
        this.finishWrite(w.resource, next);
        return;
      }
      case 'delete': {
        const cur = this.cache.get(w.resource, w.namespace, w.name);
        if (!cur) return;
        const graceful =
          (w.resource === 'pods' && !w.force && w.gracePeriodSeconds !== 0 && podBound(cur)) ||
          (w.resource === 'namespaces' &&
            ((cur.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).length > 0);
        if (!graceful) {
          this.cache.remove(w.resource, w.namespace, w.name);
          return;
        }
        if (cur.metadata?.deletionTimestamp) return;
        const next = clone(cur);
        const meta = this.meta(next);
        meta.deletionTimestamp = ts;
        if (w.resource === 'pods') meta.deletionGracePeriodSeconds = w.gracePeriodSeconds ?? 30;
        if (w.resource === 'namespaces') next.status = { phase: 'Terminating' };
        meta.resourceVersion = String(++this.rv);
        this.cache.put(w.resource, next);
        return;
      }
      case 'deleteCollection': {
        for (const obj of this.cache.list(w.resource, w.namespace)) {
          this.applyOne({
            verb: 'delete',
            resource: w.resource,
            namespace: w.namespace,
            name: obj.metadata?.name ?? '',
          });
        }
        return;
      }
      case 'bind': {
        const cur = this.cache.get('pods', w.namespace, w.name);
        if (!cur) return;
        this.cache.put('pods', {
          ...clone(cur),
          spec: { ...(clone(cur.spec) as Record<string, unknown>), nodeName: w.node },
        });
        return;
      }
    }
  }

  private finishWrite(resource: ResourceName, next: KubeObject): void {
    const meta = this.meta(next);
    if (
      resource === 'namespaces' &&
      meta.deletionTimestamp &&
      ((next.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).length === 0
    ) {
      this.cache.remove(resource, undefined, meta.name as string);
      return;
    }
    this.cache.put(resource, next);
  }

  /** Run one reconcile at the current time and apply its writes. */
  reconcile(r: Reconciler, key: string): Write[] {
    const { writes } = r.reconcile(key, this.cache, this.ctx);
    this.apply(writes);
    return writes;
  }

  /**
   * Advance the clock to `until`, running each requeued key of `r` at its time. Returns the writes, in order.
   */
  runUntil(r: Reconciler, until: number): Write[] {
    const out: Write[] = [];
    for (;;) {
      const pending = this.ctx.requeues.filter((q) => q.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!pending) break;
      this.ctx.requeues.splice(this.ctx.requeues.indexOf(pending), 1);
      // Several requeues of the same key at the same time collapse, like the work queue.
      for (let i = this.ctx.requeues.length - 1; i >= 0; i--) {
        const q = this.ctx.requeues[i];
        if (q && q.key === pending.key && q.at === pending.at) this.ctx.requeues.splice(i, 1);
      }
      this.ctx.now = Math.max(this.ctx.now, pending.at);
      out.push(...this.reconcile(r, pending.key));
    }
    this.ctx.now = Math.max(this.ctx.now, until);
    return out;
  }
}

function podBound(pod: KubeObject): boolean {
  return Boolean((pod.spec as { nodeName?: string } | undefined)?.nodeName);
}

/** Messages as `"<from?> -> <to> <kind>"` lines for compact assertions. */
export function messageLines(sent: readonly SentMessage[]): string[] {
  return sent.map((m) => `${m.from ?? '-'} -> ${m.to} ${m.kind}`);
}

export type { Message };
