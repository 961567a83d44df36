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
