import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { ApiServer } from '../apiserver/apiserver.ts';
import { etcdGroupOf } from '../apiserver/resources.ts';
import { Etcd } from '../etcd/etcd.ts';
import { START_MS } from '../util/clock.ts';
import { createRng } from '../util/rng.ts';
import type { Cache, ReconcileContext, Reconciler } from './controller.ts';
import { Runtime, WATCH_LATENCY_MS } from './runtime.ts';

function setup() {
  const etcd = new Etcd<KubeObject>(etcdGroupOf);
  let rt: Runtime | undefined;
  const api = new ApiServer({
    etcd,
    rng: createRng(3),
    now: () => rt?.now ?? 0,
    record: (m) => rt?.record(m),
  });
  rt = new Runtime({ apiserver: api, etcd, rng: createRng(4) });
  // The learner's clock: 2026-01-06T00:00:00Z.
  rt.now = START_MS;
  const admin = api.client('kubectl');
  admin.create('namespaces', undefined, { metadata: { name: 'default' } });
  return { etcd, api, rt, admin };
}

const cm = (name: string) => ({ metadata: { name }, data: {} });
const pod = (name: string, nodeName?: string): KubeObject => ({
  metadata: { name, labels: { app: 'x' } },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...(nodeName ? { nodeName } : {}) },
});

function runAll(rt: Runtime, limit = 10_000) {
  for (let i = 0; i < limit && rt.runOne(); i++) {}
}

describe('runtime', () => {
  it('delivers watch events as messages and collapses duplicate keys in the work queue', () => {
    const { rt, admin } = setup();
    const seen: string[] = [];
    const rec: Reconciler = {
      actor: 'controller-manager',
      name: 'counter',
      watches: ['pods'],
      keysFor: () => ['all'],
      reconcile: (key, cache) => {
        seen.push(`${key}:${cache.list('pods', 'default').length}`);
        return { writes: [] };
      },
    };
    rt.register([rec]);
    admin.create('pods', 'default', pod('a'));
    admin.create('pods', 'default', pod('b'));
    admin.create('pods', 'default', pod('c'));
    runAll(rt);
    // Three events, one reconcile: the key collapsed while queued.
    expect(seen).toEqual(['all:3']);
    const watch = rt.messages.filter((m) => m.kind === 'watch.event');
    expect(watch.map((m) => [m.from, m.to, m.at, m.ref?.name, m.label])).toEqual([
      ['api-server', 'controller-manager', START_MS + WATCH_LATENCY_MS, 'a', 'watch: Pod added'],
      ['api-server', 'controller-manager', START_MS + WATCH_LATENCY_MS, 'b', 'watch: Pod added'],
      ['api-server', 'controller-manager', START_MS + WATCH_LATENCY_MS, 'c', 'watch: Pod added'],
    ]);
  });

  it('gives every watch message of an object its own event type, sharing one ref per object', () => {
    const { rt, admin } = setup();
    const rec: Reconciler = {
      actor: 'controller-manager',
      name: 'watcher',
      watches: ['pods'],
      keysFor: () => [],
      reconcile: () => ({ writes: [] }),
    };
    rt.register([rec]);
    admin.create('pods', 'default', pod('a'));
    runAll(rt);
    for (const app of ['y', 'z']) {
      const a = admin.get('pods', 'default', 'a');
      if (!a.ok) throw new Error('no pod');
      admin.update('pods', 'default', {
        ...a.value,
        metadata: { ...a.value.metadata, labels: { app } },
      });
      runAll(rt);
    }
    admin.delete('pods', 'default', 'a', { gracePeriodSeconds: 0 });
    admin.create('pods', 'default', pod('b'));
    runAll(rt);
    const watch = rt.messages.filter((m) => m.kind === 'watch.event');
    expect(watch.map((m) => [m.ref, m.summary, m.label])).toEqual([
      ...[
        ['ADDED', 'added'],
        ['MODIFIED', 'modified'],
        ['MODIFIED', 'modified'],
        ['DELETED', 'deleted'],
      ].map(([type, word]) => [
        { resource: 'pods', namespace: 'default', name: 'a' },
        {
          key: 'msg.watch.event',
          params: { type, resource: 'pods', name: 'a', namespace: 'default' },
        },
        `watch: Pod ${word}`,
      ]),
      [
        { resource: 'pods', namespace: 'default', name: 'b' },
        {
          key: 'msg.watch.event',
          params: { type: 'ADDED', resource: 'pods', name: 'b', namespace: 'default' },
        },
        'watch: Pod added',
      ],
    ]);
    // The messages keep one ref per object (the log holds about a dozen per pod).
    expect(new Set(watch.slice(0, 4).map((m) => m.ref)).size).toBe(1);
    expect(watch[4]!.ref).not.toBe(watch[0]!.ref);
  });

  it('performs writes as the actor, retries failures with back-off and fires timers', () => {
    const { rt, admin, etcd } = setup();
    let calls = 0;
    const times: number[] = [];
    const rec: Reconciler = {
      actor: 'controller-manager',
      name: 'maker',
      watches: ['pods'],
      keysFor: () => [],
      initialKeys: () => ['go'],
      reconcile: (_key, _cache: Cache, ctx: ReconcileContext) => {
        calls++;
        times.push(ctx.now);
        // The namespace is missing for the first two attempts: retried after 5 ms, then 10 ms.
        if (calls === 3) admin.create('namespaces', undefined, { metadata: { name: 'blue' } });
        if (calls === 3) ctx.requeueAfter('go', 1000);
        if (calls > 3) return { writes: [] };
        return { writes: [{ verb: 'create', resource: 'pods', namespace: 'blue', obj: pod('p') }] };
      },
    };
    rt.register([rec]);
    runAll(rt, 100);
    expect(etcd.get('/registry/pods/blue/p')).toBeDefined();
    const creates = rt.messages.filter(
      (m) => m.from === 'controller-manager' && m.kind === 'api.create',
    );
    expect(creates.map((m) => m.label)).toEqual(Array(3).fill('POST /api/v1/namespaces/blue/pods'));
    expect(times.map((t) => t - START_MS)).toEqual([1, 6, 16, 1016]);
  });

  it('counts an events.k8s.io Event in a series only when all of its key matches', () => {
    const { rt, admin } = setup();
    const related = { kind: 'Pod', apiVersion: 'v1', name: 'q', namespace: 'default' };
    // Per reconcile: the same Event twice, then with a related object, with another related
    // uid, and with a field path: four Events, the first with a series of 2.
    const variants = [{}, {}, { related }, { related: { ...related, uid: 'u2' } }, { fp: 'x' }];
    const rec: Reconciler = {
      actor: 'scheduler',
      name: 'default-scheduler',
      watches: [],
      keysFor: () => [],
      initialKeys: () => ['go'],
      reconcile: (_key, _cache, ctx) => {
        for (const v of variants) {
          ctx.recordEvent({
            ref: {
              resource: 'pods',
              namespace: 'default',
              name: 'p',
              uid: 'u1',
              kind: 'Pod',
              apiVersion: 'v1',
              ...('fp' in v ? { fieldPath: v.fp } : {}),
            },
            type: 'Normal',
            reason: 'Preempted',
            message: 'Preempted by pod q',
            component: 'default-scheduler',
            host: 'cp',
            action: 'Preempting',
            ...('related' in v ? { related: v.related } : {}),
          });
        }
        return { writes: [] };
      },
    };
    rt.register([rec]);
    runAll(rt, 100);
    const events = admin.list('events', 'default');
    if (!events.ok) throw new Error();
    expect(
      events.value.items.map((e) => [
        (e.involvedObject as { fieldPath?: string }).fieldPath,
        (e.related as { uid?: string } | undefined)?.uid ?? (e.related ? '-' : undefined),
        (e.series as { count: number } | undefined)?.count,
      ]),
    ).toEqual([
      [undefined, undefined, 2],
      [undefined, '-', undefined],
      [undefined, 'u2', undefined],
      ['x', undefined, undefined],
    ]);
  });

  it('keeps the 4096 most recently used events.k8s.io Events: the least recent is forgotten', () => {
    const { rt, admin } = setup();
    // p0 … p4095 fill the cache; p0 again (a series of 2) makes p1 the least recent; a new
    // pod's Event pushes p1 out, so p1's next occurrence starts a new Event (pushing p2 out),
    // while p3's still finds its own.
    const names = [...Array.from({ length: 4096 }, (_, i) => `p${i}`), 'p0', 'new', 'p1', 'p3'];
    const rec: Reconciler = {
      actor: 'scheduler',
      name: 'default-scheduler',
      watches: [],
      keysFor: () => [],
      initialKeys: () => ['go'],
      reconcile: (_key, _cache, ctx) => {
        for (const name of names) {
          ctx.recordEvent({
            ref: { resource: 'pods', namespace: 'default', name, kind: 'Pod', apiVersion: 'v1' },
            type: 'Normal',
            reason: 'Scheduled',
            message: `Successfully assigned default/${name} to n1`,
            component: 'default-scheduler',
            host: 'cp',
            action: 'Binding',
          });
        }
        return { writes: [] };
      },
    };
    rt.register([rec]);
    runAll(rt, 100);
    const events = admin.list('events', 'default');
    if (!events.ok) throw new Error();
    const about = (name: string) =>
      events.value.items
        .filter((e) => (e.involvedObject as { name: string }).name === name)
        .map((e) => (e.series as { count: number } | undefined)?.count ?? 1);
    expect(events.value.items).toHaveLength(4098);
    expect([about('p0'), about('p1'), about('p2'), about('p3'), about('new')]).toEqual([
      [2],
      [1, 1],
      [1],
      [2],
      [1],
    ]);
  });

  it('records events with real names and aggregates repeats', () => {
    const { rt, admin } = setup();
    const rec: Reconciler = {
      actor: 'kubelet/node1',
      name: 'kubelet',
      watches: ['pods'],
      keysFor: (_r, o) => [o.metadata?.name ?? ''],
      reconcile: (key, cache, ctx) => {
        const p = cache.get('pods', 'default', key)!;
        ctx.recordEvent({
          ref: {
            resource: 'pods',
            namespace: 'default',
            name: key,
            uid: p.metadata?.uid ?? '',
            kind: 'Pod',
            apiVersion: 'v1',
          },
          type: 'Warning',
          reason: 'BackOff',
          message: 'Back-off pulling image "nginx:nope"',
          component: 'kubelet',
          host: 'node1',
        });
        if (ctx.now < START_MS + 20_000) ctx.requeueAfter(key, 10_000);
        return { writes: [] };
      },
    };
    rt.register([rec]);
    admin.create('pods', 'default', pod('p', 'node1'));
    admin.create('pods', 'default', pod('elsewhere', 'node2'));
    runAll(rt, 1000);
    const events = admin.list('events', 'default');
    if (!events.ok) throw new Error();
    expect(events.value.items).toHaveLength(1);
    const e = events.value.items[0]!;
    expect(e.metadata?.name).toMatch(/^p\.[0-9a-f]{16}$/);
    expect([e.type, e.reason, e.count, e.firstTimestamp, e.lastTimestamp, e.source]).toEqual([
      'Warning',
      'BackOff',
      3,
      '2026-01-06T00:00:00Z',
      '2026-01-06T00:00:20Z',
      { component: 'kubelet', host: 'node1' },
    ]);
    // The kubelet of node1 never heard of the pod on node2.
    expect(rt.messages.some((m) => m.to === 'kubelet/node1' && m.ref?.name === 'elsewhere')).toBe(
      false,
    );
  });

  it('a stopped actor receives nothing and restarts from a fresh list', () => {
    const { rt, admin } = setup();
    const started: number[] = [];
    const seen: string[] = [];
    const rec: Reconciler = {
      actor: 'kubelet/node1',
      name: 'kubelet',
      watches: ['pods'],
      onStart: () => started.push(rt.now),
      keysFor: (_r, o) => [o.metadata?.name ?? ''],
      reconcile: (key) => {
        seen.push(key);
        return { writes: [] };
      },
    };
    rt.register([rec]);
    rt.stop('kubelet/node1');
    admin.create('pods', 'default', pod('a', 'node1'));
    runAll(rt);
    expect(seen).toEqual([]);
    expect(rt.messages.filter((m) => m.to === 'kubelet/node1')).toEqual([]);
    rt.start('kubelet/node1');
    runAll(rt);
    expect(seen).toEqual(['a']);
    expect(started).toHaveLength(2);
    expect(rt.messages.filter((m) => m.from === 'kubelet/node1').map((m) => m.label)).toEqual([
      'GET /api/v1/pods?fieldSelector=spec.nodeName=node1',
    ]);
  });

  it('passes event types and previous objects to observe()', () => {
    const { rt, admin } = setup();
    const log: string[] = [];
    rt.register([
      {
        actor: 'scheduler',
        name: 'observer',
        watches: ['pods'],
        observe: (e) =>
          log.push(
            `${e.type} ${e.object.metadata?.name} old=${e.old?.metadata?.resourceVersion ?? '-'}`,
          ),
        keysFor: () => [],
        reconcile: () => ({ writes: [] }),
      },
    ]);
    const a = admin.create('pods', 'default', pod('a'));
    admin.patch('pods', 'default', 'a', { metadata: { labels: { x: 'y' } } });
    admin.delete('pods', 'default', 'a');
    runAll(rt);
    const rv = a.ok ? a.value.metadata?.resourceVersion : '';
    expect(log).toEqual([
      'ADDED a old=-',
      `MODIFIED a old=${rv}`,
      `DELETED a old=${Number(rv) + 1}`,
    ]);
    expect(cm('x').metadata.name).toBe('x');
  });
});

describe('informer cache', () => {
  it('indexes objects by owner uid and keeps lists sorted', async () => {
    const { ActorCache } = await import('./cache.ts');
    const cache = new ActorCache();
    const owned = (name: string, ns: string, uid?: string): KubeObject => ({
      metadata: {
        name,
        namespace: ns,
        ...(uid
          ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid }] }
          : {}),
      },
    });
    cache.upsert('pods', owned('b', 'default', 'u1'));
    cache.upsert('pods', owned('a', 'default', 'u1'));
    cache.upsert('pods', owned('c', 'blue', 'u2'));
    cache.upsert('pods', owned('d', 'blue'));
    expect(cache.owned('pods', 'u1').map((p) => p.metadata?.name)).toEqual(['a', 'b']);
    expect(cache.list('pods').map((p) => p.metadata?.name)).toEqual(['c', 'd', 'a', 'b']);
    // Orphaned (ownerReference removed) and deleted objects leave the index.
    cache.upsert('pods', owned('a', 'default'));
    cache.remove('pods', owned('b', 'default', 'u1'));
    expect(cache.owned('pods', 'u1')).toEqual([]);
    expect(cache.owned('pods', 'u2').map((p) => p.metadata?.name)).toEqual(['c']);
    expect(cache.list('pods', 'default').map((p) => p.metadata?.name)).toEqual(['a']);
  });
});
