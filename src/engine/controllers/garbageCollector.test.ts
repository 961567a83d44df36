import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { pod } from './fixtures.ts';
import { createGarbageCollector } from './garbageCollector.ts';
import { MiniCluster } from './testing.ts';

describe('garbage collector', () => {
  it('deletes dependents whose owner is gone (or replaced under the same name)', () => {
    const rs: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-7c79c4bf97', namespace: 'default', uid: 'uid-rs-old' },
    };
    const replaced: KubeObject = { ...rs, metadata: { ...rs.metadata, uid: 'uid-rs-new' } };
    const c = new MiniCluster([
      ['replicasets', replaced],
      ['pods', pod('web-7c79c4bf97-x6j7v', { owner: rs })],
      ['pods', pod('web-7c79c4bf97-2zb68', { owner: replaced })],
      [
        'pods',
        pod('kube-proxy-8zq4k', {
          ns: 'default',
          owner: { metadata: { name: 'kube-proxy', uid: 'ds' } },
          ownerKind: 'DaemonSet',
        }),
      ],
      ['pods', pod('standalone')],
    ]);
    // The DaemonSet the kube-proxy pod names is not in the cache: that pod is orphaned too.
    expect(c.reconcile(createGarbageCollector(), 'ns/default')).toEqual([
      { verb: 'delete', resource: 'pods', namespace: 'default', name: 'kube-proxy-8zq4k' },
      { verb: 'delete', resource: 'pods', namespace: 'default', name: 'web-7c79c4bf97-x6j7v' },
    ]);
  });

  it('cascades: deployment gone → its ReplicaSet, then the ReplicaSet gone → its pods', () => {
    const rs: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'web-7c79c4bf97',
        namespace: 'default',
        uid: 'uid-rs',
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'web',
            uid: 'uid-d',
            controller: true,
          },
        ],
      },
    };
    const c = new MiniCluster([
      ['replicasets', rs],
      ['pods', pod('web-7c79c4bf97-x6j7v', { owner: rs, node: 'node1' })],
    ]);
    const gc = createGarbageCollector();
    expect(c.reconcile(gc, 'ns/default')).toEqual([
      { verb: 'delete', resource: 'replicasets', namespace: 'default', name: 'web-7c79c4bf97' },
    ]);
    expect(c.reconcile(gc, 'ns/default')).toEqual([
      { verb: 'delete', resource: 'pods', namespace: 'default', name: 'web-7c79c4bf97-x6j7v' },
    ]);
    // The pod is now terminating (graceful); it is not deleted again.
    expect(c.reconcile(gc, 'ns/default')).toEqual([]);
  });
});

describe('garbage collector: propagation policies', () => {
  const owner = (finalizer: string): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: 'web-7c79c4bf97',
      namespace: 'default',
      uid: 'uid-rs',
      deletionTimestamp: '2026-01-06T00:00:00Z',
      finalizers: [finalizer],
    },
  });

  it('Orphan: strips the owner reference from dependents, then drops the orphan finalizer', () => {
    const rs = owner('orphan');
    const c = new MiniCluster([
      ['replicasets', rs],
      ['pods', pod('web-7c79c4bf97-x6j7v', { owner: rs, node: 'node1' })],
    ]);
    c.reconcile(createGarbageCollector(), 'ns/default');
    expect(
      c.get('pods', 'default', 'web-7c79c4bf97-x6j7v')?.metadata?.ownerReferences,
    ).toBeUndefined();
    expect(
      c.get('pods', 'default', 'web-7c79c4bf97-x6j7v')?.metadata?.deletionTimestamp,
    ).toBeUndefined();
    expect(c.get('replicasets', 'default', 'web-7c79c4bf97')?.metadata?.finalizers).toBeUndefined();
  });

  it('Foreground: deletes dependents first and releases the owner once they are gone', () => {
    const rs = owner('foregroundDeletion');
    const c = new MiniCluster([
      ['replicasets', rs],
      ['pods', pod('web-7c79c4bf97-x6j7v', { owner: rs, node: 'node1' })],
    ]);
    const gc = createGarbageCollector();
    expect(c.reconcile(gc, 'ns/default')).toEqual([
      { verb: 'delete', resource: 'pods', namespace: 'default', name: 'web-7c79c4bf97-x6j7v' },
    ]);
    // The pod is terminating: the owner still waits.
    expect(c.reconcile(gc, 'ns/default')).toEqual([]);
    c.cache.remove('pods', 'default', 'web-7c79c4bf97-x6j7v');
    expect(c.reconcile(gc, 'ns/default')).toEqual([
      {
        verb: 'patch',
        resource: 'replicasets',
        namespace: 'default',
        name: 'web-7c79c4bf97',
        patch: { metadata: { finalizers: null } },
      },
    ]);
  });
});

describe('garbage collector: work keys', () => {
  const rs: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-7c79c4bf97', namespace: 'default', uid: 'uid-rs' },
  };

  it('scans a namespace only when an owner is deleted, and checks owned objects one by one', () => {
    const gc = createGarbageCollector();
    gc.observe?.({ type: 'MODIFIED', resource: 'replicasets', object: rs });
    expect(gc.keysFor('replicasets', rs)).toEqual([]);
    gc.observe?.({ type: 'DELETED', resource: 'replicasets', object: rs });
    expect(gc.keysFor('replicasets', rs)).toEqual(['gone/uid-rs/ns/default']);
    const going = {
      ...rs,
      metadata: { ...rs.metadata, deletionTimestamp: '2026-01-06T00:00:00Z' },
    };
    gc.observe?.({ type: 'MODIFIED', resource: 'replicasets', object: going });
    expect(gc.keysFor('replicasets', going)).toEqual(['ns/default']);
    const p = pod('web-7c79c4bf97-x6j7v', { owner: rs });
    gc.observe?.({ type: 'ADDED', resource: 'pods', object: p });
    expect(gc.keysFor('pods', p)).toEqual(['obj/pods/default/web-7c79c4bf97-x6j7v']);
  });

  it('deletes an owned object whose owner is missing', () => {
    const c = new MiniCluster([['pods', pod('web-7c79c4bf97-x6j7v', { owner: rs })]]);
    expect(c.reconcile(createGarbageCollector(), 'obj/pods/default/web-7c79c4bf97-x6j7v')).toEqual([
      { verb: 'delete', resource: 'pods', namespace: 'default', name: 'web-7c79c4bf97-x6j7v' },
    ]);
  });

  it('finds the dependents of a deleted owner through the owner index, or by a scan without it', () => {
    const seeds: ['pods', KubeObject][] = [
      ['pods', pod('web-7c79c4bf97-x6j7v', { owner: rs, node: 'node1' })],
      ['pods', pod('other', { node: 'node1' })],
    ];
    const expected = [
      { verb: 'delete', resource: 'pods', namespace: 'default', name: 'web-7c79c4bf97-x6j7v' },
    ];
    const indexed = new MiniCluster(seeds);
    indexed.cache.withOwnerIndex();
    expect(indexed.reconcile(createGarbageCollector(), 'gone/uid-rs/ns/default')).toEqual(expected);
    const plain = new MiniCluster(seeds);
    expect(plain.reconcile(createGarbageCollector(), 'gone/uid-rs/ns/default')).toEqual(expected);
  });
});
