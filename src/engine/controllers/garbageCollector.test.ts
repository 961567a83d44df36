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

  const deployment: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'default',
      uid: 'uid-d',
      deletionTimestamp: '2026-01-06T00:00:00Z',
      finalizers: ['foregroundDeletion'],
    },
  };
  const ownedBy = (owner: KubeObject, blockOwnerDeletion: boolean) => ({
    apiVersion: 'apps/v1',
    kind: owner.kind!,
    name: owner.metadata!.name!,
    uid: owner.metadata!.uid!,
    controller: true,
    blockOwnerDeletion,
  });

  it('Foreground: a dependent with dependents of its own is deleted in the foreground too', () => {
    const rs: KubeObject = {
      ...owner('x'),
      metadata: {
        name: 'web-7c79c4bf97',
        namespace: 'default',
        uid: 'uid-rs',
        ownerReferences: [ownedBy(deployment, true)],
      },
    };
    const c = new MiniCluster([
      ['deployments', deployment],
      ['replicasets', rs],
      ['pods', pod('web-7c79c4bf97-x6j7v', { owner: rs, node: 'node1' })],
    ]);
    c.cache.withOwnerIndex();
    const gc = createGarbageCollector();
    expect(c.reconcile(gc, 'obj/deployments/default/web')).toEqual([
      {
        verb: 'delete',
        resource: 'replicasets',
        namespace: 'default',
        name: 'web-7c79c4bf97',
        propagationPolicy: 'Foreground',
      },
    ]);
    // The ReplicaSet's own work item: its pod has no dependents, so a plain delete.
    c.cache.put('replicasets', {
      ...rs,
      metadata: {
        ...owner('foregroundDeletion').metadata,
        ownerReferences: rs.metadata!.ownerReferences,
      },
    });
    expect(c.reconcile(gc, 'obj/replicasets/default/web-7c79c4bf97')).toEqual([
      { verb: 'delete', resource: 'pods', namespace: 'default', name: 'web-7c79c4bf97-x6j7v' },
    ]);
    // Nothing new for the Deployment while its ReplicaSet is being deleted.
    expect(c.reconcile(gc, 'obj/deployments/default/web')).toEqual([]);
  });

  it('Foreground: only dependents with blockOwnerDeletion hold the owner; a second live owner keeps a dependent', () => {
    const other: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'other', namespace: 'default', uid: 'uid-other' },
    };
    const loose = pod('loose', { node: 'node1' });
    loose.metadata!.ownerReferences = [ownedBy(deployment, false)];
    const shared = pod('shared', { node: 'node1' });
    shared.metadata!.ownerReferences = [ownedBy(other, true), ownedBy(deployment, true)];
    const c = new MiniCluster([
      ['deployments', deployment],
      ['replicasets', other],
      ['pods', loose],
      ['pods', shared],
    ]);
    c.cache.withOwnerIndex();
    const gc = createGarbageCollector();
    expect(c.reconcile(gc, 'obj/deployments/default/web')).toEqual([
      { verb: 'delete', resource: 'pods', namespace: 'default', name: 'loose' },
      {
        verb: 'patch',
        resource: 'pods',
        namespace: 'default',
        name: 'shared',
        patch: { metadata: { ownerReferences: [ownedBy(other, true)] } },
      },
    ]);
    // The non-blocking dependent is still terminating, but nothing blocks the owner any more.
    expect(c.reconcile(gc, 'obj/deployments/default/web')).toEqual([
      {
        verb: 'patch',
        resource: 'deployments',
        namespace: 'default',
        name: 'web',
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

  it('looks at the dependents of a deleted owner, the owners of a deleted dependent, and objects whose owners changed', () => {
    const gc = createGarbageCollector();
    gc.observe?.({ type: 'MODIFIED', resource: 'replicasets', object: rs });
    expect(gc.keysFor('replicasets', rs)).toEqual([]);
    gc.observe?.({ type: 'DELETED', resource: 'replicasets', object: rs });
    expect(gc.keysFor('replicasets', rs)).toEqual(['gone/uid-rs/ns/default']);
    const going = (finalizers?: string[]): KubeObject => ({
      ...rs,
      metadata: { ...rs.metadata, deletionTimestamp: '2026-01-06T00:00:00Z', finalizers },
    });
    // Being deleted with one of the GC's finalizers: the owner itself is the work item.
    const fg = going(['foregroundDeletion']);
    gc.observe?.({ type: 'MODIFIED', resource: 'replicasets', object: fg });
    expect(gc.keysFor('replicasets', fg)).toEqual(['obj/replicasets/default/web-7c79c4bf97']);
    const other = going(['example.com/keep']);
    gc.observe?.({ type: 'MODIFIED', resource: 'replicasets', object: other });
    expect(gc.keysFor('replicasets', other)).toEqual([]);
    const p = pod('web-7c79c4bf97-x6j7v', { owner: rs });
    gc.observe?.({ type: 'ADDED', resource: 'pods', object: p });
    expect(gc.keysFor('pods', p)).toEqual(['obj/pods/default/web-7c79c4bf97-x6j7v']);
    // A dependent that goes re-queues its owner (which may wait for it in the foreground).
    gc.observe?.({ type: 'DELETED', resource: 'pods', object: p });
    expect(gc.keysFor('pods', p)).toEqual(['obj/replicasets/default/web-7c79c4bf97']);
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
