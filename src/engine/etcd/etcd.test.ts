import { describe, expect, it } from 'vitest';
import { Etcd, type EtcdEvent } from './etcd.ts';

const groupOf = (key: string) => key.split('/').slice(0, 3).join('/');

describe('etcd', () => {
  it('keeps one global revision and per-key create/mod revisions', () => {
    const etcd = new Etcd<{ v: number }>(groupOf);
    const a = etcd.put('/registry/pods/default/a', { v: 1 })!;
    const b = etcd.put('/registry/minions/node1', { v: 2 })!;
    const a2 = etcd.put('/registry/pods/default/a', { v: 3 })!;
    expect([a.modRevision, b.modRevision, a2.modRevision]).toEqual([1, 2, 3]);
    expect(a2.createRevision).toBe(1);
    expect(a2.version).toBe(2);
    expect(etcd.revision).toBe(3);
    expect(Object.isFrozen(a2.value)).toBe(true);
  });

  it('compare-and-swap fails on a stale mod revision', () => {
    const etcd = new Etcd<number>(groupOf);
    etcd.put('/registry/pods/default/a', 1);
    expect(etcd.put('/registry/pods/default/a', 2, 0)).toBeUndefined();
    expect(etcd.put('/registry/pods/default/a', 2, 7)).toBeUndefined();
    expect(etcd.put('/registry/pods/default/a', 2, 1)?.value).toBe(2);
    expect(etcd.revision).toBe(2);
  });

  it('ranges by prefix in key order', () => {
    const etcd = new Etcd<number>(groupOf);
    etcd.put('/registry/pods/kube-system/b', 1);
    etcd.put('/registry/pods/default/z', 2);
    etcd.put('/registry/pods/default/a', 3);
    etcd.put('/registry/minions/node1', 4);
    expect(etcd.range('/registry/pods/').map((kv) => kv.key)).toEqual([
      '/registry/pods/default/a',
      '/registry/pods/default/z',
      '/registry/pods/kube-system/b',
    ]);
    expect(etcd.range('/registry/pods/default/').map((kv) => kv.value)).toEqual([3, 2]);
  });

  it('notifies prefix watchers of puts and deletes with the previous value', () => {
    const etcd = new Etcd<number>(groupOf);
    const seen: EtcdEvent<number>[] = [];
    const cancel = etcd.watch('/registry/pods/', (e) => seen.push(e));
    etcd.put('/registry/pods/default/a', 1);
    etcd.put('/registry/minions/n', 1);
    etcd.put('/registry/pods/default/a', 2);
    etcd.delete('/registry/pods/default/a');
    cancel();
    etcd.put('/registry/pods/default/b', 1);
    expect(seen.map((e) => [e.type, e.kv.key, e.prevKv?.value, e.revision])).toEqual([
      ['PUT', '/registry/pods/default/a', undefined, 1],
      ['PUT', '/registry/pods/default/a', 1, 3],
      ['DELETE', '/registry/pods/default/a', 2, 4],
    ]);
  });

  it('snapshots are immutable and share structure', () => {
    const etcd = new Etcd<number>(groupOf);
    for (let i = 0; i < 100; i++) etcd.put(`/registry/pods/default/p${i}`, i);
    const snap = etcd.snapshot();
    etcd.put('/registry/pods/default/p1', 1000);
    etcd.delete('/registry/pods/default/p2');
    const pods = snap.groups.get('/registry/pods')!;
    expect(pods.get('/registry/pods/default/p1')?.value).toBe(1);
    expect(pods.get('/registry/pods/default/p2')?.value).toBe(2);
    expect(pods.size).toBe(100);
    expect(snap.revision).toBe(100);
    expect(etcd.get('/registry/pods/default/p1')?.value).toBe(1000);
    expect(etcd.get('/registry/pods/default/p2')).toBeUndefined();
  });
});

describe('etcd leases', () => {
  const clock = () => {
    let now = 0;
    const timers: { at: number; fn: () => void }[] = [];
    const etcd = new Etcd<number>(groupOf, {
      now: () => now,
      schedule: (at, fn) => timers.push({ at, fn }),
    });
    /** Move the clock to `t`, running the timers due by then (as the runtime's agenda does). */
    const runTo = (t: number) => {
      timers.sort((a, b) => a.at - b.at);
      while (timers.length > 0 && timers[0]!.at <= t) {
        const next = timers.shift()!;
        now = next.at;
        next.fn();
      }
      now = t;
    };
    return { etcd, runTo, timers };
  };

  it('deletes the keys of an expired lease in one revision, in key order, and tells watchers', () => {
    const { etcd, runTo, timers } = clock();
    const seen: EtcdEvent<number>[] = [];
    etcd.watch('/registry/events/', (e) => seen.push(e));
    const lease = etcd.grant(60);
    expect(lease.expiresAt).toBe(60_000);
    expect(timers.map((t) => t.at)).toEqual([60_000]);
    etcd.put('/registry/events/default/b', 1, undefined, undefined, lease.id);
    etcd.put('/registry/events/default/a', 2, undefined, undefined, lease.id);
    etcd.put('/registry/pods/default/p', 3);
    expect(etcd.get('/registry/events/default/a')?.lease).toBe(lease.id);
    expect(etcd.get('/registry/pods/default/p')?.lease).toBe(0);
    runTo(59_999);
    expect(etcd.range('/registry/events/')).toHaveLength(2);
    runTo(3_600_000);
    expect(etcd.range('/registry/events/')).toEqual([]);
    expect(etcd.get('/registry/pods/default/p')?.value).toBe(3);
    expect(etcd.lease(lease.id)).toBeUndefined();
    // Revisions 1–3 were the puts; the revocation is one transaction: revision 4 for both.
    expect(etcd.revision).toBe(4);
    expect(seen.slice(2).map((e) => [e.type, e.kv.key, e.kv.modRevision, e.revision])).toEqual([
      ['DELETE', '/registry/events/default/a', 4, 4],
      ['DELETE', '/registry/events/default/b', 4, 4],
    ]);
  });

  it('a put moves the key to its new lease (or to none); a deleted key leaves its lease', () => {
    const { etcd, runTo } = clock();
    const first = etcd.grant(60);
    etcd.put('/registry/events/default/renewed', 1, undefined, undefined, first.id);
    etcd.put('/registry/events/default/plain', 1, undefined, undefined, first.id);
    etcd.put('/registry/events/default/gone', 1, undefined, undefined, first.id);
    runTo(30_000);
    const second = etcd.grant(60);
    etcd.put('/registry/events/default/renewed', 2, undefined, undefined, second.id);
    etcd.put('/registry/events/default/plain', 2);
    etcd.delete('/registry/events/default/gone');
    expect(etcd.lease(first.id)?.keys).toEqual([]);
    expect(etcd.lease(second.id)?.keys).toEqual(['/registry/events/default/renewed']);
    const revision = etcd.revision;
    // The first lease expires with nothing left on it: no delete, no new revision.
    runTo(60_000);
    expect(etcd.revision).toBe(revision);
    expect(etcd.lease(first.id)).toBeUndefined();
    expect(etcd.get('/registry/events/default/renewed')?.value).toBe(2);
    runTo(90_000);
    expect(etcd.range('/registry/events/').map((kv) => kv.key)).toEqual([
      '/registry/events/default/plain',
    ]);
  });

  it('a key that left a lease and came back (or was deleted and put again) is on it once', () => {
    const revoked: [string[], number][] = [];
    let now = 0;
    const etcd = new Etcd<number>(groupOf, {
      now: () => now,
      onLeaseRevoked: (r) => revoked.push([[...r.keys], r.revision]),
    });
    const first = etcd.grant(60);
    const second = etcd.grant(120);
    etcd.put('/registry/events/default/moved', 1, undefined, undefined, first.id);
    etcd.put('/registry/events/default/moved', 2, undefined, undefined, second.id);
    etcd.put('/registry/events/default/moved', 3, undefined, undefined, first.id);
    etcd.put('/registry/events/default/again', 1, undefined, undefined, first.id);
    etcd.delete('/registry/events/default/again');
    etcd.put('/registry/events/default/again', 2, undefined, undefined, first.id);
    etcd.put('/registry/events/default/left', 1, undefined, undefined, first.id);
    etcd.put('/registry/events/default/left', 2, undefined, undefined, second.id);
    expect(etcd.lease(first.id)?.keys).toEqual([
      '/registry/events/default/again',
      '/registry/events/default/moved',
    ]);
    expect(etcd.lease(second.id)?.keys).toEqual(['/registry/events/default/left']);
    const before = etcd.revision;
    now = 60_000;
    etcd.expireLeases();
    // One delete each, in one transaction.
    expect(revoked).toEqual([
      [['/registry/events/default/again', '/registry/events/default/moved'], before + 1],
    ]);
    expect(etcd.range('/registry/events/').map((kv) => [kv.key, kv.value])).toEqual([
      ['/registry/events/default/left', 2],
    ]);
  });

  it('expires leases at their own times however far the clock jumps, oldest first', () => {
    const revoked: [number, string[], number][] = [];
    let now = 0;
    const etcd = new Etcd<number>(groupOf, {
      now: () => now,
      onLeaseRevoked: (r) => revoked.push([r.at, [...r.keys], r.revision]),
    });
    const late = etcd.grant(120);
    const early = etcd.grant(60);
    etcd.put('/registry/events/default/late', 1, undefined, undefined, late.id);
    etcd.put('/registry/events/default/early', 1, undefined, undefined, early.id);
    // No timer: the caller runs the lessor's check (here once, after a long jump).
    now = 3 * 3_600_000;
    etcd.expireLeases();
    expect(revoked).toEqual([
      [now, ['/registry/events/default/early'], 3],
      [now, ['/registry/events/default/late'], 4],
    ]);
    expect(etcd.leaseCount).toBe(0);
  });

  it('refuses a put with a lease that does not exist', () => {
    const { etcd } = clock();
    expect(() => etcd.put('/registry/events/default/x', 1, undefined, undefined, 99)).toThrow(
      'etcdserver: requested lease not found',
    );
    expect(etcd.revision).toBe(0);
  });
});
