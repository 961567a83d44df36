import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import type { Reconciler, Write } from '../runtime/controller.ts';
import { pod } from './fixtures.ts';
import { createPodGCController, GC_CHECK_PERIOD_MS, QUARANTINE_MS } from './podGC.ts';
import { FakeCache, FakeContext } from './testing.ts';

function node(name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

/** Deliver the cache's objects to the controller as the watch would (ADDED events). */
function watchAll(gc: Reconciler, cache: FakeCache): void {
  for (const resource of ['nodes', 'pods'] as const) {
    for (const obj of cache.list(resource)) {
      gc.observe?.({ type: 'ADDED', resource, object: obj });
      gc.keysFor(resource, obj);
    }
  }
}

function lines(writes: Write[]): string[] {
  return writes.map((w) =>
    w.verb === 'patch'
      ? `patch ${w.namespace}/${w.name} ${JSON.stringify(w.patch)}`
      : w.verb === 'delete'
        ? `delete ${w.namespace}/${w.name} grace=${w.gracePeriodSeconds}`
        : w.verb,
  );
}

describe('PodGC controller', () => {
  it('lists no pods on a pass when every pod is on a known node', () => {
    const cache = new FakeCache([
      ['nodes', node('node1')],
      ['pods', pod('a', { node: 'node1', phase: 'Running' })],
      ['pods', pod('b', { node: 'node1', phase: 'Running' })],
    ]);
    const gc = createPodGCController();
    watchAll(gc, cache);
    let podLists = 0;
    const list = cache.list.bind(cache);
    cache.list = (resource, ns) => {
      if (resource === 'pods') podLists++;
      return list(resource, ns);
    };
    const ctx = new FakeContext(0);
    for (let i = 0; i < 5; i++) {
      ctx.now = i * GC_CHECK_PERIOD_MS;
      expect(gc.reconcile('gc', cache, ctx).writes).toEqual([]);
    }
    expect(podLists).toBe(0);
    expect(ctx.requeues.map((r) => r.at)).toEqual([20_000, 40_000, 60_000, 80_000, 100_000]);
  });

  it('collects the pods of a missing node only once its 40-s quarantine is over', () => {
    const cache = new FakeCache([
      ['nodes', node('node1')],
      ['pods', pod('keep', { node: 'node1', phase: 'Running' })],
      ['pods', pod('lost', { node: 'node9', phase: 'Running' })],
      ['pods', pod('done', { node: 'node9', phase: 'Succeeded' })],
    ]);
    const gc = createPodGCController();
    watchAll(gc, cache);
    const ctx = new FakeContext(1_000);
    expect(gc.reconcile('gc', cache, ctx).writes).toEqual([]);
    ctx.now = 1_000 + QUARANTINE_MS - 1;
    expect(gc.reconcile('gc', cache, ctx).writes).toEqual([]);
    ctx.now = 1_000 + QUARANTINE_MS;
    // The new condition goes after the pod's own (UpdatePodCondition appends it).
    const scheduled = JSON.stringify(
      (cache.get('pods', 'default', 'lost')!.status as { conditions: unknown[] }).conditions[0],
    );
    expect(lines(gc.reconcile('gc', cache, ctx).writes)).toEqual([
      'delete default/done grace=0',
      `patch default/lost {"status":{"phase":"Failed","conditions":[${scheduled},{"type":"DisruptionTarget","status":"True","lastProbeTime":null,"lastTransitionTime":"${ctx.timestamp()}","reason":"DeletionByPodGC","message":"PodGC: node no longer exists"}]}}`,
      'delete default/lost grace=0',
    ]);
  });

  it('lets a node that shows up during its quarantine keep its pods', () => {
    const cache = new FakeCache([['pods', pod('early', { node: 'node4', phase: 'Pending' })]]);
    const gc = createPodGCController();
    watchAll(gc, cache);
    const ctx = new FakeContext(0);
    gc.reconcile('gc', cache, ctx);
    // The kubelet registers node4 10 s later.
    const n = cache.put('nodes', node('node4'));
    gc.observe?.({ type: 'ADDED', resource: 'nodes', object: n });
    gc.keysFor('nodes', n);
    ctx.now = QUARANTINE_MS;
    expect(gc.reconcile('gc', cache, ctx).writes).toEqual([]);
  });
});
