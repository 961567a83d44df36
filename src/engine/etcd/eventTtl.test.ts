/**
 * Events expire: kube-apiserver stores every Event with an etcd lease of `--event-ttl` (1 h),
 * renewed by each write of the Event, and etcd deletes the key when the lease runs out.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { createCluster } from '../cluster.ts';
import type { Reconciler, WatchEvent } from '../runtime/controller.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

function eventsIn(c: ReturnType<typeof createCluster>, ns = 'default') {
  return c
    .snapshot()
    .list('events', ns)
    .map(
      (e) =>
        // events.k8s.io Events (the scheduler's) have no count until they become a series.
        `${(e.involvedObject as { name: string }).name} ${e.reason} x${(e.series as { count?: number } | undefined)?.count ?? e.count ?? 1}`,
    );
}

/** A pod no node can take until a node gets the label disk=ssd. */
function pickyPod(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'big', namespace: 'default' },
    spec: { nodeSelector: { disk: 'ssd' }, containers: [{ name: 'big', image: 'nginx' }] },
  };
}

describe('Event TTL (--event-ttl 1h0m0s)', () => {
  it("a pod's events are there for the hour after their write and gone an hour later", () => {
    const c = createCluster({ seed: 1 });
    c.settle();
    const start = c.now();
    c.client('kubectl').create('pods', 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: { containers: [{ name: 'p', image: 'nginx' }] },
    });
    c.settle();
    expect(eventsIn(c)).toEqual([
      'p Scheduled x1',
      'p Pulling x1',
      'p Pulled x1',
      'p Created x1',
      'p Started x1',
    ]);
    // One lease for the five (written within a minute): 1 h + the 60 s reuse window.
    c.advance(start + 60 * MIN - c.now());
    expect(eventsIn(c)).toHaveLength(5);
    c.advance(2 * MIN);
    expect(eventsIn(c)).toEqual([]);
    const expired = c.messages.filter((m) => m.kind === 'etcd.leaseExpired');
    expect(expired.map((m) => [m.from, m.to, m.label, m.housekeeping])).toEqual([
      ['etcd', 'api-server', 'lease expired: DELETE 5 keys', true],
    ]);
    expect(c.errors).toEqual([]);
  });

  it('a repeating FailedScheduling series stays while its 30-minute refreshes write it', () => {
    const c = createCluster({ seed: 2 });
    c.settle();
    const kubectl = c.client('kubectl');
    kubectl.create('pods', 'default', pickyPod());
    c.settle();
    c.advance(2 * HOUR);
    // The scheduler retries every 5.5 minutes. The first failure's Event (about the pod before
    // its PodScheduled=False write) was never written again: gone after an hour. The second
    // turned into a series at the third failure; the broadcaster writes it again after each
    // 30-minute tick, and each write renews its lease.
    const failures = c
      .snapshot()
      .list('events', 'default')
      .filter((e) => e.reason === 'FailedScheduling');
    expect(failures).toHaveLength(1);
    const [failed] = failures;
    const age = (ts: unknown) => c.nowEpochMs() - Date.parse(ts as string);
    const series = failed?.series as { count: number; lastObservedTime: string };
    expect(age(failed?.eventTime)).toBeGreaterThanOrEqual(2 * HOUR - 6 * MIN);
    expect(age(series.lastObservedTime)).toBeLessThanOrEqual(36 * MIN);
    expect(series.count).toBeGreaterThan(10);
    kubectl.patch('nodes', undefined, 'node1', { metadata: { labels: { disk: 'ssd' } } });
    c.settle();
    const spec = c.peek('pods', 'default', 'big')?.spec as { nodeName?: string } | undefined;
    expect(spec?.nodeName).toBe('node1');
    // Its last write was at the first failure after the 1h30m tick: gone an hour later.
    expect(eventsIn(c)).toContain(`big FailedScheduling x${series.count}`);
    c.advance(HOUR);
    expect(eventsIn(c).filter((e) => e.includes('FailedScheduling'))).toEqual([]);
  });

  it('watchers of Events see DELETED for each expired Event, all at the revision of the expiry', () => {
    const seen: WatchEvent[] = [];
    const watcher: Reconciler = {
      actor: 'controller-manager',
      name: 'event-watcher',
      watches: ['events'],
      keysFor: () => [],
      observe: (e) => {
        seen.push(e);
      },
      reconcile: () => ({ writes: [] }),
    };
    const c = createCluster({ seed: 3, components: () => [watcher] });
    c.settle();
    const kubectl = c.client('kubectl');
    for (const name of ['b.1', 'a.1']) {
      const res = kubectl.create('events', 'default', {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace: 'default' },
        involvedObject: { kind: 'Pod', name: name.slice(0, 1), namespace: 'default' },
        reason: 'Test',
        message: 'hello',
        type: 'Normal',
        count: 1,
      });
      expect(res.ok).toBe(true);
    }
    c.settle();
    expect(seen.map((e) => [e.type, e.object.metadata?.name])).toEqual([
      ['ADDED', 'b.1'],
      ['ADDED', 'a.1'],
    ]);
    const before = c.messages.length;
    c.advance(HOUR + MIN);
    const deleted = seen.slice(2);
    expect(deleted.map((e) => [e.type, e.object.metadata?.name])).toEqual([
      ['DELETED', 'a.1'],
      ['DELETED', 'b.1'],
    ]);
    const rv = deleted[0]?.object.metadata?.resourceVersion;
    expect(deleted[1]?.object.metadata?.resourceVersion).toBe(rv);
    // etcd's own action first, then the API server's two watch deliveries.
    expect(
      c.messages
        .slice(before)
        .filter((m) => m.kind === 'etcd.leaseExpired' || m.ref?.resource === 'events')
        .map((m) => `${m.from} → ${m.to} ${m.kind} ${m.label}`),
    ).toEqual([
      'etcd → api-server etcd.leaseExpired lease expired: DELETE 2 keys',
      'api-server → controller-manager watch.event watch: Event deleted',
      'api-server → controller-manager watch.event watch: Event deleted',
    ]);
  });

  it('a core/v1 Event that repeats after it expired is created again under its old name', () => {
    const c = createCluster({ seed: 4, keepSnapshots: false });
    c.settle();
    const notReady = () =>
      c
        .snapshot()
        .list('events', 'default')
        .filter((e) => e.reason === 'NodeNotReady')
        .map((e) => [e.metadata?.name, e.count, e.firstTimestamp]);
    c.stopNode('node2');
    c.advance(2 * MIN);
    const [first] = notReady();
    expect(first?.[1]).toBe(1);
    c.startNode('node2');
    c.advance(2 * HOUR);
    expect(notReady()).toEqual([]);
    c.stopNode('node2');
    c.advance(2 * MIN);
    // client-go's recorder patches the count; the patch is a 404, so it creates the Event it
    // meant to patch: same name, count 2, first seen two hours ago.
    expect(notReady()).toEqual([[first?.[0], 2, first?.[2]]]);
    const requests = c.messages
      .filter((m) => m.ref?.resource === 'events' && m.ref.name === first?.[0])
      .map((m) => m.kind)
      .filter((k) => k.startsWith('api.'));
    expect(requests).toEqual(['api.create', 'api.patch', 'api.create']);
  });

  it('is deterministic: the same inputs expire the same Events at the same messages', () => {
    const run = () => {
      const c = createCluster({ seed: 5, keepSnapshots: false });
      c.settle();
      c.client('kubectl').create('pods', 'default', pickyPod());
      c.settle();
      c.advance(30 * MIN);
      c.client('kubectl').patch('nodes', undefined, 'node2', {
        metadata: { labels: { disk: 'ssd' } },
      });
      c.settle();
      c.advance(90 * MIN);
      return {
        messages: c.messages.map((m) => JSON.stringify([m.seq, m.at, m.kind, m.label, m.ref])),
        events: eventsIn(c),
        revision: c.snapshot().revision,
      };
    };
    const a = run();
    expect(a.events).toEqual([]);
    expect(a.messages.filter((m) => m.includes('etcd.leaseExpired')).length).toBeGreaterThan(0);
    expect(run()).toEqual(a);
  });
});
