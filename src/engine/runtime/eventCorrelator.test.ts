import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster.ts';
import type { EventRecord } from './controller.ts';
import { type Correlation, EVENT_CACHE_SIZE, EventCorrelator } from './eventCorrelator.ts';

const created = (pod: string, rs = 'web-1'): EventRecord => ({
  ref: {
    resource: 'replicasets',
    namespace: 'default',
    name: rs,
    uid: `uid-${rs}`,
    kind: 'ReplicaSet',
    apiVersion: 'apps/v1',
  },
  type: 'Normal',
  reason: 'SuccessfulCreate',
  message: `Created pod: ${pod}`,
  component: 'replicaset-controller',
});

/** Correlate, and when a write is asked for, store it as the runtime does. */
function record(c: EventCorrelator, e: EventRecord, at: number, name = `ev${at}`): Correlation {
  const r = c.correlate(e, at);
  if (r.kind === 'create') c.stored(r.key, name);
  return r;
}

describe('EventCorrelator (client-go tools/record)', () => {
  it('creates 9 events with distinct messages, then one combined event whose count grows', () => {
    const c = new EventCorrelator();
    const out = Array.from({ length: 12 }, (_, i) => record(c, created(`web-1-p${i}`), i, `e${i}`));
    expect(out.slice(0, 9).map((r) => [r.kind, r.kind !== 'skip' && r.message])).toEqual(
      Array.from({ length: 9 }, (_, i) => ['create', `Created pod: web-1-p${i}`]),
    );
    expect(out[9]).toMatchObject({
      kind: 'create',
      combined: true,
      count: 1,
      message: '(combined from similar events): Created pod: web-1-p9',
    });
    // The combined event is patched: its count and its message (the latest pod) change.
    expect(out[10]).toMatchObject({ kind: 'patch', name: 'e9', count: 2, combined: true });
    expect(out[11]).toMatchObject({
      kind: 'patch',
      name: 'e9',
      count: 3,
      message: '(combined from similar events): Created pod: web-1-p11',
    });
  });

  it('counts a repeated message on its own event, and aggregates per object and reason', () => {
    const c = new EventCorrelator();
    expect(record(c, created('a'), 0, 'first')).toMatchObject({ kind: 'create', count: 1 });
    expect(record(c, created('a'), 1)).toMatchObject({ kind: 'patch', name: 'first', count: 2 });
    // Another ReplicaSet, or another reason, keeps its own tally.
    for (let i = 0; i < 9; i++) {
      expect(record(c, created(`b${i}`, 'web-2'), 2 + i).kind).toBe('create');
    }
    expect(record(c, { ...created('x'), reason: 'SuccessfulDelete' }, 20).kind).toBe('create');
  });

  it('starts a fresh aggregation once 10 minutes passed since the last similar event', () => {
    const c = new EventCorrelator();
    for (let i = 0; i < 9; i++) record(c, created(`p${i}`), i * 1000);
    const r = record(c, created('late'), 8000 + 600_001);
    expect(r).toMatchObject({ kind: 'create', combined: false, message: 'Created pod: late' });
  });

  it('lets 25 events about one object through, then one per 5 minutes, carrying the full count', () => {
    const c = new EventCorrelator();
    const e: EventRecord = {
      ref: {
        resource: 'pods',
        namespace: 'default',
        name: 'p',
        uid: 'u',
        kind: 'Pod',
        apiVersion: 'v1',
      },
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off pulling image "nginx:nope"',
      component: 'kubelet',
      host: 'node1',
    };
    const kinds = Array.from({ length: 30 }, () => record(c, e, 0, 'bo').kind);
    expect(kinds.filter((k) => k !== 'skip')).toHaveLength(25);
    expect(kinds.slice(25)).toEqual(Array(5).fill('skip'));
    // 299.999 s later not quite one token is back; at 300 s, one.
    expect(record(c, e, 299_999).kind).toBe('skip');
    const next = record(c, e, 300_000);
    expect(next).toMatchObject({ kind: 'patch', name: 'bo', count: 32 });
    // Another object from the same source has its own bucket.
    expect(record(c, { ...e, ref: { ...e.ref, name: 'q', uid: 'v' } }, 400_000).kind).toBe(
      'create',
    );
  });

  it('forgets an event whose write failed', () => {
    const c = new EventCorrelator();
    const r = c.correlate(created('a'), 0);
    if (r.kind !== 'create') throw new Error(r.kind);
    c.forget(r.key);
    expect(c.correlate(created('a'), 1)).toMatchObject({ kind: 'create', count: 1 });
  });
});

describe('events of a big ReplicaSet, as kubectl shows them', () => {
  it('remembers the 4096 most recently used objects: a used one stays, the least recent goes', () => {
    const c = new EventCorrelator();
    // Objects rs-0 … rs-4095 fill the cache; rs-0 is used again, so rs-1 is the least recent.
    for (let i = 0; i < EVENT_CACHE_SIZE; i++) record(c, created('p', `rs-${i}`), i);
    expect(record(c, created('p', 'rs-0'), 5000)).toMatchObject({ kind: 'patch', count: 2 });
    record(c, created('p', 'rs-new'), 5001);
    // rs-1 was forgotten: its event starts afresh; rs-0 and rs-2 are still counted.
    expect(record(c, created('p', 'rs-1'), 5002)).toMatchObject({ kind: 'create', count: 1 });
    expect(record(c, created('p', 'rs-0'), 5003)).toMatchObject({ kind: 'patch', count: 3 });
    // rs-1 coming back pushed out rs-2, the least recent then.
    expect(record(c, created('p', 'rs-2'), 5004)).toMatchObject({ kind: 'create', count: 1 });
    expect(record(c, created('p', 'rs-3'), 5005)).toMatchObject({ kind: 'create', count: 1 });
  });

  it('forgets only the failed event among those of its object', () => {
    const c = new EventCorrelator();
    const a = c.correlate(created('a'), 0);
    const b = c.correlate(created('b'), 1);
    const d = c.correlate(created('d'), 2);
    if (a.kind !== 'create' || b.kind !== 'create' || d.kind !== 'create')
      throw new Error('create');
    c.stored(a.key, 'ea');
    c.stored(d.key, 'ed');
    c.forget(b.key);
    expect(record(c, created('a'), 3)).toMatchObject({ kind: 'patch', name: 'ea', count: 2 });
    expect(record(c, created('b'), 4)).toMatchObject({ kind: 'create', count: 1 });
    expect(record(c, created('d'), 5)).toMatchObject({ kind: 'patch', name: 'ed', count: 2 });
  });

  it('30 replicas: 9 SuccessfulCreate events and one combined event counted to 16', () => {
    const cluster = createCluster({ seed: 3, workers: 3 });
    cluster.settle();
    const kubectl = cluster.client('kubectl');
    kubectl.create('deployments', 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 30,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
        },
      },
    });
    cluster.settle();
    const events = kubectl.list('events', 'default');
    if (!events.ok) throw new Error(events.status.message);
    const rsEvents = events.value.items.filter(
      (e) => (e.involvedObject as { kind: string }).kind === 'ReplicaSet',
    );
    const rows = rsEvents.map((e) => [e.reason, e.count, e.message, e.reportingComponent]);
    expect(rows).toHaveLength(10);
    expect(rows.slice(0, 9).every((r) => r[1] === 1 && r[3] === 'replicaset-controller')).toBe(
      true,
    );
    const combined = rsEvents.find((e) => (e.count as number) > 1);
    expect(combined).toBeDefined();
    expect(combined?.count).toBe(16);
    expect(combined?.reportingComponent).toBe('');
    expect(combined?.message).toMatch(
      /^\(combined from similar events\): Created pod: web-[a-z0-9]{10}-[a-z0-9]{5}$/,
    );
    // Its message names the 25th pod created: the last occurrence the spam filter let through.
    const order: string[] = [];
    for (const m of cluster.messages) {
      const name = m.ref?.name;
      if (m.kind === 'etcd.put' && m.ref?.resource === 'pods' && name && !order.includes(name)) {
        order.push(name);
      }
    }
    expect(order).toHaveLength(30);
    expect(combined?.message).toBe(`(combined from similar events): Created pod: ${order[24]}`);
  });
});
