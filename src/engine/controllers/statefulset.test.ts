/**
 * The StatefulSet controller: one reconcile at a time over a seeded cache (OrderedReady waits
 * for the previous pod to be Running and Ready, Parallel does not; scale-down takes the highest
 * ordinal first; the rolling update goes from the highest ordinal down to the partition), then
 * on the real cluster: the pods' identity and the order of the controller's events.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { createCluster } from '../index.ts';
import type { Write } from '../runtime/controller.ts';
import { namespace, pod } from './fixtures.ts';
import { createStatefulSetController, newRevision } from './statefulset.ts';
import { FakeCache, FakeContext } from './testing.ts';

function statefulSet(
  o: {
    replicas?: number;
    policy?: 'OrderedReady' | 'Parallel';
    image?: string;
    partition?: number;
    status?: Record<string, unknown>;
  } = {},
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default', uid: 'uid-sts-web', generation: 1 },
    spec: {
      replicas: o.replicas ?? 2,
      serviceName: 'nginx',
      podManagementPolicy: o.policy ?? 'OrderedReady',
      selector: { matchLabels: { app: 'nginx' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: o.partition ?? 0 } },
      revisionHistoryLimit: 10,
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: {
          containers: [{ name: 'nginx', image: o.image ?? 'registry.k8s.io/nginx-slim:0.24' }],
          restartPolicy: 'Always',
        },
      },
    },
    status: o.status ?? {},
  };
}

/** A pod of the set at `revision`, Running and Ready unless told otherwise. */
function member(
  set: KubeObject,
  ordinal: number,
  revision: string,
  o: { ready?: boolean; deleting?: boolean } = {},
): KubeObject {
  const p = pod(`web-${ordinal}`, {
    owner: set,
    ownerKind: 'StatefulSet',
    phase: 'Running',
    ready: o.ready ?? true,
    node: 'node1',
    deleting: o.deleting,
    labels: {
      app: 'nginx',
      'controller-revision-hash': revision,
      'statefulset.kubernetes.io/pod-name': `web-${ordinal}`,
      'apps.kubernetes.io/pod-index': `${ordinal}`,
    },
  });
  return p;
}

function reconcileOnce(seeds: [Parameters<FakeCache['put']>[0], KubeObject][]) {
  const cache = new FakeCache([['namespaces', namespace('default')], ...seeds]);
  const ctx = new FakeContext();
  const controller = createStatefulSetController();
  const { writes } = controller.reconcile('default/web', cache, ctx);
  const podWrites = writes
    .filter((w): w is Extract<Write, { resource: string }> => 'resource' in w)
    .filter((w) => w.resource === 'pods')
    .map((w) =>
      w.verb === 'create'
        ? `create ${w.obj.metadata?.name}`
        : `${w.verb} ${'name' in w ? w.name : ''}`,
    );
  return { writes, podWrites, events: ctx.eventLines() };
}

describe('StatefulSet controller, one reconcile', () => {
  it('OrderedReady: creates web-0 only, with its identity, storage-free template and revision', () => {
    const set = statefulSet();
    const { writes, podWrites, events } = reconcileOnce([['statefulsets', set]]);
    expect(podWrites).toEqual(['create web-0']);
    expect(events).toEqual([
      'Normal SuccessfulCreate create Pod web-0 in StatefulSet web successful',
    ]);
    const rev = writes.find((w) => w.verb === 'create' && w.resource === 'controllerrevisions');
    const revName = rev && 'obj' in rev ? rev.obj.metadata?.name : '';
    expect(revName).toMatch(/^web-[a-z0-9]+$/);
    const created = writes.find((w) => w.verb === 'create' && w.resource === 'pods');
    const obj = created && 'obj' in created ? created.obj : {};
    expect(obj.metadata?.labels).toEqual({
      app: 'nginx',
      'controller-revision-hash': revName,
      'statefulset.kubernetes.io/pod-name': 'web-0',
      'apps.kubernetes.io/pod-index': '0',
    });
    expect(obj.metadata?.generateName).toBe('web-');
    expect(obj.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'StatefulSet', name: 'web' });
    expect(obj.spec).toMatchObject({ hostname: 'web-0', subdomain: 'nginx' });
  });

  it('OrderedReady: waits while web-0 is not Ready, then creates web-1', () => {
    const set = statefulSet();
    const rev = newRevision(set, 1, 0);
    const name = rev.metadata?.name ?? '';
    const waiting = reconcileOnce([
      ['statefulsets', set],
      ['controllerrevisions', rev],
      ['pods', member(set, 0, name, { ready: false })],
    ]);
    expect(waiting.podWrites).toEqual([]);
    const ready = reconcileOnce([
      ['statefulsets', set],
      ['controllerrevisions', rev],
      ['pods', member(set, 0, name)],
    ]);
    expect(ready.podWrites).toEqual(['create web-1']);
  });

  it('Parallel: creates every missing pod in one sync, whatever their readiness', () => {
    const set = statefulSet({ replicas: 3, policy: 'Parallel' });
    const { podWrites, events } = reconcileOnce([['statefulsets', set]]);
    expect(podWrites).toEqual(['create web-0', 'create web-1', 'create web-2']);
    expect(events).toHaveLength(3);
  });

  it('scale-down deletes the highest ordinal first, one at a time (OrderedReady)', () => {
    const set = statefulSet({ replicas: 1 });
    const rev = newRevision(set, 1, 0);
    const name = rev.metadata?.name ?? '';
    const r = reconcileOnce([
      ['statefulsets', set],
      ['controllerrevisions', rev],
      ['pods', member(set, 0, name)],
      ['pods', member(set, 1, name)],
      ['pods', member(set, 2, name)],
    ]);
    expect(r.podWrites).toEqual(['delete web-2']);
    expect(r.events).toEqual([
      'Normal SuccessfulDelete delete Pod web-2 in StatefulSet web successful',
    ]);
    // While web-2 terminates, web-1 stays.
    const next = reconcileOnce([
      ['statefulsets', set],
      ['controllerrevisions', rev],
      ['pods', member(set, 0, name)],
      ['pods', member(set, 1, name)],
      ['pods', member(set, 2, name, { deleting: true })],
    ]);
    expect(next.podWrites).toEqual([]);
  });

  it('rolling update: the highest pod not at the update revision goes, down to the partition', () => {
    const old = statefulSet({ replicas: 3 });
    const oldRev = newRevision(old, 1, 0);
    const set = statefulSet({
      replicas: 3,
      image: 'registry.k8s.io/nginx-slim:0.21',
      status: { currentRevision: oldRev.metadata?.name },
    });
    const newRev = newRevision(set, 2, 0);
    const oldName = oldRev.metadata?.name ?? '';
    const newName = newRev.metadata?.name ?? '';
    const seeds = (
      pods: KubeObject[],
      s = set,
    ): [Parameters<FakeCache['put']>[0], KubeObject][] => [
      ['statefulsets', s],
      ['controllerrevisions', oldRev],
      ['controllerrevisions', newRev],
      ...pods.map((p): [Parameters<FakeCache['put']>[0], KubeObject] => ['pods', p]),
    ];
    expect(
      reconcileOnce(
        seeds([member(set, 0, oldName), member(set, 1, oldName), member(set, 2, oldName)]),
      ).podWrites,
    ).toEqual(['delete web-2']);
    // web-2 back at the new revision but not Ready yet: wait.
    expect(
      reconcileOnce(
        seeds([
          member(set, 0, oldName),
          member(set, 1, oldName),
          member(set, 2, newName, { ready: false }),
        ]),
      ).podWrites,
    ).toEqual([]);
    expect(
      reconcileOnce(
        seeds([member(set, 0, oldName), member(set, 1, oldName), member(set, 2, newName)]),
      ).podWrites,
    ).toEqual(['delete web-1']);
    // With partition 2, web-1 and web-0 keep the old revision.
    const partitioned = statefulSet({
      replicas: 3,
      image: 'registry.k8s.io/nginx-slim:0.21',
      partition: 2,
      status: { currentRevision: oldRev.metadata?.name },
    });
    expect(
      reconcileOnce(
        seeds(
          [member(set, 0, oldName), member(set, 1, oldName), member(set, 2, newName)],
          partitioned,
        ),
      ).podWrites,
    ).toEqual([]);
  });

  it('a deleted pod is made again under the same name', () => {
    const set = statefulSet();
    const rev = newRevision(set, 1, 0);
    const name = rev.metadata?.name ?? '';
    const r = reconcileOnce([
      ['statefulsets', set],
      ['controllerrevisions', rev],
      ['pods', member(set, 1, name)],
    ]);
    expect(r.podWrites).toEqual(['create web-0']);
  });
});

describe('StatefulSet controller on the cluster', () => {
  it('makes web-1 only once web-0 is Running and Ready, and reports the status', () => {
    const c = createCluster({ seed: 3 });
    c.settle();
    const kubectl = c.client('kubectl');
    const created = kubectl.create('statefulsets', 'default', statefulSet());
    expect(created.ok).toBe(true);
    c.settle();
    const pods = kubectl.list('pods', 'default', { labelSelector: 'app=nginx' });
    const items = pods.ok ? pods.value.items : [];
    expect(items.map((p) => p.metadata?.name)).toEqual(['web-0', 'web-1']);
    const web0 = items[0] as KubeObject;
    const readyAt = (
      web0.status as { conditions?: { type: string; lastTransitionTime: string }[] }
    ).conditions?.find((x) => x.type === 'Ready')?.lastTransitionTime;
    const web1Created = items[1]?.metadata?.creationTimestamp ?? '';
    expect(readyAt).toBeDefined();
    expect(web1Created >= (readyAt ?? '')).toBe(true);
    const sts = c.peek('statefulsets', 'default', 'web');
    const status = sts?.status as Record<string, unknown>;
    expect(status).toMatchObject({
      availableReplicas: 2,
      collisionCount: 0,
      currentReplicas: 2,
      observedGeneration: 1,
      readyReplicas: 2,
      replicas: 2,
      updatedReplicas: 2,
    });
    expect(status.currentRevision).toBe(status.updateRevision);
    expect(web0.metadata?.labels?.['controller-revision-hash']).toBe(status.currentRevision);
  });
});
