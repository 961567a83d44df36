import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { rfc3339 } from '../util/clock.ts';
import { pod } from './fixtures.ts';
import { clone, nameOf } from './objects.ts';
import { createReplicaSetController, podsToDelete } from './replicaset.ts';
import { MiniCluster } from './testing.ts';

function replicaSet(replicas: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: 'web-7c79c4bf97',
      namespace: 'default',
      uid: 'uid-rs',
      generation: 2,
      labels: { app: 'web', 'pod-template-hash': '7c79c4bf97' },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'uid-d', controller: true },
      ],
    },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': '7c79c4bf97' } },
      template: {
        metadata: { labels: { app: 'web', 'pod-template-hash': '7c79c4bf97' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
      },
    },
  };
}

const labels = { app: 'web', 'pod-template-hash': '7c79c4bf97' };

describe('replicaset controller', () => {
  it('creates pods named <rs>-<5 chars> with owner reference and template labels', () => {
    const rs = replicaSet(3);
    const c = new MiniCluster([['replicasets', rs]]);
    const writes = c.reconcile(createReplicaSetController(), 'default/web-7c79c4bf97');
    const creates = writes.filter((w) => w.verb === 'create');
    expect(creates).toHaveLength(3);
    const names: string[] = [];
    for (const w of creates) {
      if (w.verb !== 'create') continue;
      const meta = w.obj.metadata!;
      names.push(meta.name!);
      expect(meta.name).toMatch(/^web-7c79c4bf97-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(meta.generateName).toBe('web-7c79c4bf97-');
      expect(meta.labels).toEqual(labels);
      expect(meta.ownerReferences).toEqual([
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web-7c79c4bf97',
          uid: 'uid-rs',
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
      expect(w.obj.spec).toEqual({ containers: [{ name: 'nginx', image: 'nginx' }] });
    }
    expect(new Set(names).size).toBe(3);
    expect(c.ctx.eventLines()).toEqual(
      names.map((n) => `Normal SuccessfulCreate Created pod: ${n}`),
    );
    expect(c.ctx.events.every((e) => e.component === 'replicaset-controller')).toBe(true);
    expect(c.ctx.events[0]?.ref).toMatchObject({ kind: 'ReplicaSet', name: 'web-7c79c4bf97' });
  });

  it('waits for its creations to be observed before creating again (expectations)', () => {
    const c = new MiniCluster([['replicasets', replicaSet(2)]]);
    const rsc = createReplicaSetController();
    const first = rsc.reconcile('default/web-7c79c4bf97', c.cache, c.ctx).writes;
    const again = rsc.reconcile('default/web-7c79c4bf97', c.cache, c.ctx).writes;
    expect(first.filter((w) => w.verb === 'create')).toHaveLength(2);
    expect(again.filter((w) => w.verb === 'create')).toHaveLength(0);
    c.apply(first);
    const third = c.reconcile(rsc, 'default/web-7c79c4bf97');
    expect(third.filter((w) => w.verb === 'create')).toHaveLength(0);
  });

  it('replaces a pod that is being deleted (not active) and counts only active pods', () => {
    const rs = replicaSet(1);
    const c = new MiniCluster([
      ['replicasets', rs],
      [
        'pods',
        pod('web-7c79c4bf97-x6j7v', {
          owner: rs,
          labels,
          node: 'node2',
          phase: 'Running',
          ready: false,
          deleting: true,
        }),
      ],
    ]);
    const writes = c.reconcile(createReplicaSetController(), 'default/web-7c79c4bf97');
    expect(writes.filter((w) => w.verb === 'create')).toHaveLength(1);
    expect(c.ctx.eventLines()[0]).toMatch(/^Normal SuccessfulCreate Created pod: web-7c79c4bf97-/);
  });

  it('reports replicas, fullyLabeledReplicas, readyReplicas, availableReplicas, observedGeneration', () => {
    const rs = replicaSet(3);
    // The template carries one label more than the selector; a pod without it is not "fully labeled".
    const tpl = (rs.spec as { template: { metadata: { labels: Record<string, string> } } })
      .template;
    tpl.metadata.labels = { ...labels, tier: 'frontend' };
    const full = { ...labels, tier: 'frontend' };
    const c = new MiniCluster([
      ['replicasets', rs],
      [
        'pods',
        pod('web-7c79c4bf97-aaaaa', {
          owner: rs,
          labels: full,
          node: 'n1',
          phase: 'Running',
          ready: true,
        }),
      ],
      [
        'pods',
        pod('web-7c79c4bf97-bbbbb', {
          owner: rs,
          labels: full,
          node: 'n1',
          phase: 'Running',
          ready: false,
        }),
      ],
      ['pods', pod('web-7c79c4bf97-ccccc', { owner: rs, labels, phase: 'Pending' })],
      ['pods', pod('web-7c79c4bf97-ddddd', { owner: rs, labels: full, phase: 'Failed' })],
    ]);
    c.reconcile(createReplicaSetController(), 'default/web-7c79c4bf97');
    expect(c.get('replicasets', 'default', 'web-7c79c4bf97')?.status).toEqual({
      replicas: 3,
      fullyLabeledReplicas: 2,
      readyReplicas: 1,
      availableReplicas: 1,
      observedGeneration: 2,
    });
  });

  it('deletes surplus pods like the real controller: unscheduled, pending, not ready, then newest', () => {
    const rs = replicaSet(1);
    const o = { owner: rs, labels };
    const pods = [
      pod('ready-old', {
        ...o,
        node: 'n1',
        phase: 'Running',
        ready: true,
        readySince: 0,
        created: 0,
      }),
      pod('ready-new', {
        ...o,
        node: 'n2',
        phase: 'Running',
        ready: true,
        readySince: 3_600_000,
        created: 3_500_000,
      }),
      pod('notready', { ...o, node: 'n3', phase: 'Running', ready: false, created: 0 }),
      pod('pending', { ...o, node: 'n4', phase: 'Pending', created: 0 }),
      pod('unscheduled', { ...o, phase: 'Pending', created: 0 }),
    ];
    const c = new MiniCluster([
      ['replicasets', rs],
      ...pods.map((p) => ['pods', p] as ['pods', KubeObject]),
    ]);
    c.ctx.now = 4_000_000;
    const writes = c.reconcile(createReplicaSetController(), 'default/web-7c79c4bf97');
    const deleted = writes.flatMap((w) => (w.verb === 'delete' ? [w.name] : []));
    expect(deleted).toEqual(['unscheduled', 'pending', 'notready', 'ready-new']);
    expect(c.ctx.eventLines()).toEqual(
      deleted.map((n) => `Normal SuccessfulDelete Deleted pod: ${n}`),
    );
  });

  it('prefers deleting pods doubled up on a node, then ones with more restarts', () => {
    const rs = replicaSet(0);
    const o = { owner: rs, labels, phase: 'Running' as const, ready: true, readySince: 0 };
    const alone = pod('alone', { ...o, node: 'n1' });
    const twinA = pod('twin-a', { ...o, node: 'n2' });
    const twinB = pod('twin-b', { ...o, node: 'n2', restarts: 2 });
    const ranked = podsToDelete([alone, twinA, twinB], [alone, twinA, twinB], 3, 1000);
    expect(ranked.map(nameOf)).toEqual(['twin-b', 'twin-a', 'alone']);
  });

  it('treats ready times on a log2 scale: pods ready within the same power of two tie', () => {
    const rs = replicaSet(0);
    const o = { owner: rs, labels, node: 'n1', phase: 'Running' as const, ready: true };
    // 100 s and 101 s ago fall in the same log2(ns) bucket, so the uid decides.
    const a = pod('a', { ...o, readySince: 900_000, uid: 'uid-b' });
    const b = pod('b', { ...o, readySince: 899_000, uid: 'uid-a' });
    expect(podsToDelete([a, b], [], 1, 1_000_000).map(nameOf)).toEqual(['b']);
  });

  it('records FailedCreate for a refused create, expects nothing and retries at the next sync', () => {
    const rs = replicaSet(3);
    (rs.spec as { template: { spec: Record<string, unknown> } }).template.spec.priorityClassName =
      'high';
    const c = new MiniCluster([['replicasets', rs]]);
    const rsc = createReplicaSetController();
    const key = 'default/web-7c79c4bf97';
    // The API server refuses the create: apply everything but it.
    const sync = () => {
      const { writes } = rsc.reconcile(key, c.cache, c.ctx);
      c.apply(writes.filter((w) => w.verb !== 'create'));
      return writes;
    };
    const first = sync();
    // Slow start: the first batch (one pod) failed, so no other create is tried.
    expect(first.map((w) => w.verb)).toEqual(['create', 'updateStatus']);
    const message =
      'pods "web-7c79c4bf97-" is forbidden: no PriorityClass with name high was found';
    expect(c.ctx.eventLines()).toEqual([`Warning FailedCreate Error creating: ${message}`]);
    expect(c.ctx.events[0]?.component).toBe('replicaset-controller');
    expect(c.get('replicasets', 'default', 'web-7c79c4bf97')?.status).toEqual({
      replicas: 0,
      observedGeneration: 2,
      conditions: [
        {
          type: 'ReplicaFailure',
          status: 'True',
          lastTransitionTime: rfc3339(0),
          reason: 'FailedCreate',
          message,
        },
      ],
    });
    // No creation is expected, so the next sync tries again; the condition stays as it was.
    c.ctx.now = 5;
    expect(sync().map((w) => w.verb)).toEqual(['create']);
    expect(c.ctx.eventLines()).toHaveLength(2);
    expect(c.ctx.eventLines()[1]).toBe(`Warning FailedCreate Error creating: ${message}`);
    // Fixed (the class removed from the template): the pods are created, the condition goes.
    const fixed = clone(c.get('replicasets', 'default', 'web-7c79c4bf97')!);
    delete (fixed.spec as { template: { spec: Record<string, unknown> } }).template.spec
      .priorityClassName;
    c.cache.put('replicasets', fixed);
    c.ctx.now = 15;
    const last = c.reconcile(rsc, key);
    expect(last.map((w) => w.verb)).toEqual(['create', 'create', 'create', 'updateStatus']);
    expect(
      c.ctx
        .eventLines()
        .slice(2)
        .map((l) => l.split(':')[0]),
    ).toEqual([
      'Normal SuccessfulCreate Created pod',
      'Normal SuccessfulCreate Created pod',
      'Normal SuccessfulCreate Created pod',
    ]);
    expect(c.get('replicasets', 'default', 'web-7c79c4bf97')?.status).toEqual({
      replicas: 0,
      observedGeneration: 2,
    });
  });

  it('names the pod it drew in the error of a create that fails validation', () => {
    const rs = replicaSet(1);
    Object.assign((rs.spec as { template: { spec: Record<string, unknown> } }).template.spec, {
      nodeName: 'node1',
      schedulingGates: [{ name: 'example.com/wait' }],
    });
    const c = new MiniCluster([['replicasets', rs]]);
    const { writes } = createReplicaSetController().reconcile(
      'default/web-7c79c4bf97',
      c.cache,
      c.ctx,
    );
    const create = writes.find((w) => w.verb === 'create');
    const name = create?.verb === 'create' ? create.obj.metadata?.name : '';
    expect(c.ctx.eventLines()).toEqual([
      `Warning FailedCreate Error creating: Pod "${name}" is invalid: spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared`,
    ]);
  });

  it('does not create pods in a terminating namespace', () => {
    const c = new MiniCluster([
      ['replicasets', replicaSet(2)],
      [
        'namespaces',
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'default', deletionTimestamp: '2026-01-01T00:00:00Z' },
        },
      ],
    ]);
    const writes = c.reconcile(createReplicaSetController(), 'default/web-7c79c4bf97');
    expect(writes.filter((w) => w.verb === 'create')).toEqual([]);
    expect(c.ctx.events).toEqual([]);
  });

  it('adopts a matching orphan pod and releases a pod relabelled out of its selector', () => {
    const rs = replicaSet(1);
    const c = new MiniCluster([
      ['replicasets', rs],
      ['pods', pod('orphan', { labels, node: 'n1', phase: 'Running', ready: true })],
      [
        'pods',
        pod('relabelled', {
          owner: rs,
          labels: { app: 'debug' },
          node: 'n2',
          phase: 'Running',
          ready: true,
        }),
      ],
    ]);
    const writes = c.reconcile(createReplicaSetController(), 'default/web-7c79c4bf97');
    expect(writes.filter((w) => w.verb === 'create')).toEqual([]);
    expect(c.get('pods', 'default', 'orphan')?.metadata?.ownerReferences).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: 'web-7c79c4bf97',
        uid: 'uid-rs',
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(c.get('pods', 'default', 'relabelled')?.metadata?.ownerReferences).toBeUndefined();
    expect(c.get('replicasets', 'default', 'web-7c79c4bf97')?.status).toMatchObject({
      replicas: 1,
    });
  });

  it('an orphan pod event wakes the ReplicaSets whose selector matches it', () => {
    const c = new MiniCluster([
      ['replicasets', replicaSet(1)],
      ['pods', pod('orphan', { labels, node: 'n1', phase: 'Running' })],
    ]);
    const rsc = createReplicaSetController();
    const orphan = c.get('pods', 'default', 'orphan')!;
    expect(rsc.keysFor('pods', orphan)).toEqual(['adopt/default']);
    c.reconcile(rsc, 'adopt/default');
    expect(c.ctx.requeues).toEqual([{ key: 'default/web-7c79c4bf97', at: 0 }]);
  });

  it('with the owner index, looks for orphans only on its first sync or when one shows up', () => {
    const rs = replicaSet(2);
    const c = new MiniCluster([
      ['replicasets', rs],
      ['pods', pod('mine', { owner: rs, labels, node: 'n1', phase: 'Running', ready: true })],
      ['pods', pod('orphan-a', { labels, node: 'n1', phase: 'Running', ready: true })],
    ]);
    c.cache.withOwnerIndex();
    const rsc = createReplicaSetController();
    c.reconcile(rsc, 'default/web-7c79c4bf97');
    expect(c.get('pods', 'default', 'orphan-a')?.metadata?.ownerReferences).toHaveLength(1);
    // Scale up to 3; a new orphan appears and its watch event (adopt/<ns>) asks for a scan.
    c.apply([
      {
        verb: 'patch',
        resource: 'replicasets',
        namespace: 'default',
        name: 'web-7c79c4bf97',
        patch: { spec: { replicas: 3 } },
      },
    ]);
    c.cache.put('pods', pod('orphan-b', { labels, node: 'n2', phase: 'Running', ready: true }));
    c.reconcile(rsc, 'adopt/default');
    const writes = c.reconcile(rsc, 'default/web-7c79c4bf97');
    expect(writes.filter((w) => w.verb === 'create')).toEqual([]);
    expect(c.get('pods', 'default', 'orphan-b')?.metadata?.ownerReferences).toHaveLength(1);
  });
});
