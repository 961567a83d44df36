/**
 * The runtime's guard against a reconcile loop at one virtual instant (audit 17 H8 showed how a
 * loop exhausts memory): after MAX_TASKS_AT_ONE_INSTANT tasks without the clock moving, the
 * looping reconciler's work at that instant is dropped and reported as an engine error; the
 * clock then moves on and the other actors keep working.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { ApiServer } from '../apiserver/apiserver.ts';
import { etcdGroupOf } from '../apiserver/resources.ts';
import { Etcd } from '../etcd/etcd.ts';
import { START_MS } from '../util/clock.ts';
import { createRng } from '../util/rng.ts';
import type { Reconciler } from './controller.ts';
import { MAX_TASKS_AT_ONE_INSTANT, Runtime } from './runtime.ts';

function setup() {
  const etcd = new Etcd<KubeObject>(etcdGroupOf);
  let rt: Runtime | undefined;
  const api = new ApiServer({
    etcd,
    rng: createRng(3),
    now: () => rt?.now ?? 0,
    record: (m) => rt?.record(m),
  });
  rt = new Runtime({ apiserver: api, etcd, rng: createRng(4) });
  rt.now = START_MS;
  return rt;
}

describe('runtime: a loop at one virtual instant', () => {
  it('is cut off with one engine error; a timer due later still fires', () => {
    const rt = setup();
    let spins = 0;
    const later: number[] = [];
    const spinner: Reconciler = {
      actor: 'controller-manager',
      name: 'spinner',
      watches: [],
      keysFor: () => [],
      initialKeys: () => ['spin'],
      reconcile: (key, _cache, ctx) => {
        spins++;
        // A buggy controller: "due now" forever, without a write or a delay.
        ctx.requeueAfter(key, 0);
        return { writes: [] };
      },
    };
    const ticker: Reconciler = {
      actor: 'controller-manager',
      name: 'ticker',
      watches: [],
      keysFor: () => [],
      initialKeys: () => ['tick'],
      reconcile: (key, _cache, ctx) => {
        later.push(ctx.now);
        if (later.length === 1) ctx.requeueAfter(key, 1000);
        return { writes: [] };
      },
    };
    rt.register([spinner, ticker]);
    let tasks = 0;
    while (rt.runOne()) if (++tasks > 3 * MAX_TASKS_AT_ONE_INSTANT) break;
    expect(tasks).toBeLessThanOrEqual(MAX_TASKS_AT_ONE_INSTANT + 10);
    expect(spins).toBeGreaterThan(MAX_TASKS_AT_ONE_INSTANT / 3);
    const at = START_MS + 1;
    expect(rt.errors).toEqual([
      {
        at,
        reconciler: 'spinner',
        key: 'spin',
        error: `engine: more than 1000000 tasks at virtual time ${at} ms: a reconcile loop; its work at that instant was dropped`,
      },
    ]);
    expect(later).toEqual([at, at + 1000]);
  });
});
