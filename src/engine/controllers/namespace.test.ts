import { describe, expect, it } from 'vitest';
import { deployment, namespace, pod } from './fixtures.ts';
import { createNamespaceController } from './namespace.ts';
import type { Condition } from './objects.ts';
import { MiniCluster } from './testing.ts';

describe('namespace controller', () => {
  it('deletes the content, reports what remains, then removes the kubernetes finalizer', () => {
    const c = new MiniCluster([
      ['namespaces', namespace('blue', true)],
      ['deployments', deployment('web', 'nginx', 1, { ns: 'blue' })],
      ['pods', pod('web-1', { ns: 'blue', node: 'node1', phase: 'Running', ready: true })],
      ['pods', pod('web-2', { ns: 'blue', node: 'node2', phase: 'Running', ready: true })],
      ['pods', pod('other', { ns: 'default', node: 'node2', phase: 'Running' })],
    ]);
    const nc = createNamespaceController();
    const writes = c.reconcile(nc, 'blue');
    expect(writes.filter((w) => w.verb !== 'updateStatus')).toEqual([
      { verb: 'deleteCollection', resource: 'deployments', namespace: 'blue' },
      { verb: 'deleteCollection', resource: 'pods', namespace: 'blue' },
      { verb: 'deleteCollection', resource: 'events', namespace: 'blue' },
    ]);
    const conds = () =>
      (c.get('namespaces', undefined, 'blue')!.status as { conditions: Condition[] }).conditions;
    expect(conds().map((x) => [x.type, x.status, x.reason, x.message])).toEqual([
      [
        'NamespaceDeletionDiscoveryFailure',
        'False',
        'ResourcesDiscovered',
        'All resources successfully discovered',
      ],
      [
        'NamespaceDeletionGroupVersionParsingFailure',
        'False',
        'ParsedGroupVersions',
        'All legacy kube types successfully parsed',
      ],
      [
        'NamespaceDeletionContentFailure',
        'False',
        'ContentDeleted',
        'All content successfully deleted, may be waiting on finalization',
      ],
      [
        'NamespaceContentRemaining',
        'True',
        'SomeResourcesRemain',
        'Some resources are remaining: pods. has 2 resource instances',
      ],
      [
        'NamespaceFinalizersRemaining',
        'False',
        'ContentHasNoFinalizers',
        'All content-preserving finalizers finished',
      ],
    ]);
    expect(c.get('namespaces', undefined, 'blue')?.status).toMatchObject({ phase: 'Terminating' });
    expect(c.get('pods', 'default', 'other')).toBeDefined();
    // Pods are Terminating: nothing more to delete, the namespace waits.
    expect(c.reconcile(nc, 'blue')).toEqual([]);
    // The kubelets confirm: the pods are gone.
    c.cache.remove('pods', 'blue', 'web-1');
    c.cache.remove('pods', 'blue', 'web-2');
    const last = c.reconcile(nc, 'blue');
    expect(last.map((w) => w.verb)).toEqual(['updateStatus', 'deleteCollection', 'update']);
    const update = last[2];
    expect(update?.verb === 'update' && update.obj.spec).toEqual({ finalizers: [] });
    // The API server removed the namespace once its finalizers were empty.
    expect(c.get('namespaces', undefined, 'blue')).toBeUndefined();
  });

  it('ignores namespaces that are not being deleted', () => {
    const c = new MiniCluster([
      ['namespaces', namespace('green')],
      ['pods', pod('web-1', { ns: 'green' })],
    ]);
    expect(c.reconcile(createNamespaceController(), 'green')).toEqual([]);
  });
});
