/**
 * The horizontal-pod-autoscaler controller's reconcile on a seeded cache: when it looks (15 s
 * after it first sees an autoscaler, then every 15 s), and the writes and events of one pass.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import type { Write } from '../runtime/controller.ts';
import { deployment } from './fixtures.ts';
import {
  createHorizontalPodAutoscalerController,
  HPA_SYNC_PERIOD_MS,
} from './horizontalPodAutoscaler.ts';
import { FakeCache, FakeContext } from './testing.ts';

function hpa(spec: Record<string, unknown>, name = 'web'): KubeObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '7' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 1,
      maxReplicas: 5,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
        },
      ],
      ...spec,
    },
    status: { desiredReplicas: 0 },
  };
}

function summary(writes: Write[]): string[] {
  return writes.map((w) =>
    w.verb === 'patch'
      ? `patch ${w.resource}/${w.name}${w.subresource ? `/${w.subresource}` : ''} ${JSON.stringify(w.patch)}`
      : w.verb === 'updateStatus'
        ? `updateStatus ${JSON.stringify(w.obj.status)}`
        : w.verb,
  );
}

describe('horizontal-pod-autoscaler reconcile', () => {
  it('waits one sync period after it first sees an autoscaler, whatever happens meanwhile', () => {
    const c = createHorizontalPodAutoscalerController();
    const cache = new FakeCache([
      ['deployments', deployment('web', 'nginx', 1)],
      ['horizontalpodautoscalers', hpa({})],
    ]);
    const ctx = new FakeContext(1_000);
    expect(c.reconcile('default/web', cache, ctx).writes).toEqual([]);
    expect(ctx.requeues).toEqual([{ key: 'default/web', at: 1_000 + HPA_SYNC_PERIOD_MS }]);
    // A change to the autoscaler brings nothing forward.
    ctx.now = 9_000;
    expect(c.reconcile('default/web', cache, ctx).writes).toEqual([]);
    expect(ctx.requeues.at(-1)).toEqual({ key: 'default/web', at: 16_000 });
    expect(ctx.events).toEqual([]);
    ctx.now = 16_000;
    expect(c.reconcile('default/web', cache, ctx).writes).toHaveLength(1);
    expect(ctx.requeues.at(-1)).toEqual({ key: 'default/web', at: 31_000 });
  });

  it('scales below minReplicas up through the scale subresource, then records the status', () => {
    const c = createHorizontalPodAutoscalerController();
    const cache = new FakeCache([
      ['deployments', deployment('web', 'nginx', 1)],
      ['horizontalpodautoscalers', hpa({ minReplicas: 3 })],
    ]);
    const ctx = new FakeContext(0);
    c.reconcile('default/web', cache, ctx);
    ctx.now = HPA_SYNC_PERIOD_MS;
    const at = ctx.timestamp();
    expect(summary(c.reconcile('default/web', cache, ctx).writes)).toEqual([
      'patch deployments/web/scale {"spec":{"replicas":3}}',
      `updateStatus ${JSON.stringify({
        conditions: [
          {
            type: 'AbleToScale',
            status: 'True',
            lastTransitionTime: at,
            reason: 'SucceededRescale',
            message: 'the HPA controller was able to update the target scale to 3',
          },
        ],
        currentReplicas: 1,
        desiredReplicas: 3,
        lastScaleTime: at,
      })}`,
    ]);
    expect(ctx.eventLines()).toEqual([
      'Normal SuccessfulRescale New size: 3; reason: Current number of replicas below Spec.MinReplicas',
    ]);
  });

  it('writes no status when a pass changes nothing, but warns again', () => {
    const c = createHorizontalPodAutoscalerController();
    const cache = new FakeCache([['horizontalpodautoscalers', hpa({})]]);
    const ctx = new FakeContext(0);
    c.reconcile('default/web', cache, ctx);
    ctx.now = HPA_SYNC_PERIOD_MS;
    const first = c.reconcile('default/web', cache, ctx).writes;
    expect(summary(first)).toHaveLength(1);
    cache.put('horizontalpodautoscalers', (first[0] as Write & { obj: KubeObject }).obj);
    ctx.now = 2 * HPA_SYNC_PERIOD_MS;
    expect(c.reconcile('default/web', cache, ctx).writes).toEqual([]);
    expect(ctx.eventLines()).toEqual([
      'Warning FailedGetScale deployments.apps "web" not found',
      'Warning FailedGetScale deployments.apps "web" not found',
    ]);
  });

  it('refuses a scale target kind it cannot map, or one without a scale subresource', () => {
    const c = createHorizontalPodAutoscalerController();
    const cache = new FakeCache([
      [
        'horizontalpodautoscalers',
        hpa({ scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Widget', name: 'w' } }, 'a'),
      ],
      [
        'horizontalpodautoscalers',
        hpa({ scaleTargetRef: { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'd' } }, 'b'),
      ],
    ]);
    const ctx = new FakeContext(0);
    c.reconcile('default/a', cache, ctx);
    c.reconcile('default/b', cache, ctx);
    ctx.now = HPA_SYNC_PERIOD_MS;
    c.reconcile('default/a', cache, ctx);
    c.reconcile('default/b', cache, ctx);
    expect(ctx.eventLines()).toEqual([
      'Warning FailedGetScale no matches for kind "Widget" in group "apps"',
      'Warning FailedGetScale the server could not find the requested resource',
    ]);
  });
});
