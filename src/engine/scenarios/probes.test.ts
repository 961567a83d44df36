/**
 * Liveness and readiness probes: a readiness probe on a page nginx does not have keeps the pod
 * unready; a liveness probe on a port nobody listens on makes the kubelet restart the container.
 */
import type { ContainerStatus, PodStatus } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { podStatus } from '../../kubectl/printers/columns.ts';
import { stagePods } from '../../story/stage.ts';
import type { KubeObject } from '../api/types.ts';
import { createCluster } from '../cluster.ts';
import { eventRows } from './helpers.ts';

function nginxPod(name: string, probes: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{ name: 'nginx', image: 'nginx', ...probes }] },
  };
}

function run(pod: KubeObject, ms: number) {
  const c = createCluster({ seed: 1 });
  c.settle();
  c.client('kubectl').create('pods', 'default', pod);
  c.advance(ms);
  const p = c.peek('pods', 'default', pod.metadata!.name!)!;
  const cs = (p.status as PodStatus).containerStatuses![0] as ContainerStatus;
  return { c, p, cs, printed: podStatus(p, c.nowEpochMs()) };
}

describe('probes', () => {
  it('readiness on a path nginx does not serve: Running but 0/1, Unhealthy events with the status code', () => {
    const { c, p, cs, printed } = run(
      nginxPod('web', { readinessProbe: { httpGet: { path: '/healthz', port: 80 } } }),
      60_000,
    );
    expect([printed.ready, printed.status, cs.ready, cs.started]).toEqual([
      '0/1',
      'Running',
      false,
      true,
    ]);
    // The stage draws it as not serving yet.
    expect(stagePods(c.snapshot()).find((x) => x.name === 'web')).toMatchObject({
      status: 'Running',
      unready: true,
    });
    const ready = (p.status as PodStatus).conditions?.find((x) => x.type === 'Ready');
    expect([ready?.status, ready?.reason]).toEqual(['False', 'ContainersNotReady']);
    const unhealthy = eventRows(c).filter((r) => r[1] === 'Unhealthy');
    expect(unhealthy).toEqual([
      [
        'Warning',
        'Unhealthy',
        'pod/web',
        'Readiness probe failed: HTTP probe failed with statuscode: 404',
      ],
    ]);
    // The API server defaulted the probe as the real one does.
    expect(
      (p.spec as { containers: Record<string, unknown>[] }).containers[0]!.readinessProbe,
    ).toEqual({
      httpGet: { path: '/healthz', port: 80, scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
  });

  it("readiness on nginx's own page: ready after the first probe", () => {
    const { printed, cs } = run(
      nginxPod('web', {
        readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5 },
      }),
      60_000,
    );
    expect([printed.ready, printed.status, cs.ready]).toEqual(['1/1', 'Running', true]);
  });

  it('startup probe: liveness and readiness wait for it; a failing one restarts the container', () => {
    // Passing: the container is not started (nor ready) until its startup probe passes.
    const ok = run(
      nginxPod('slow', {
        startupProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 20 },
        readinessProbe: { httpGet: { path: '/', port: 80 } },
      }),
      12_000,
    );
    expect([ok.cs.started, ok.cs.ready, ok.printed.ready]).toEqual([false, false, '0/1']);
    ok.c.advance(20_000);
    const later = ok.c.peek('pods', 'default', 'slow')!;
    const cs = (later.status as PodStatus).containerStatuses![0]!;
    expect([cs.started, cs.ready]).toEqual([true, true]);
    // Failing: three failures, then the kubelet kills the container as for liveness.
    const bad = run(
      nginxPod('bad', { startupProbe: { tcpSocket: { port: 9000 }, periodSeconds: 5 } }),
      30_000,
    );
    const rows = eventRows(bad.c)
      .filter((r) => r[2] === 'pod/bad')
      .map((r) => `${r[1]}: ${r[3]}`);
    expect(rows).toContain(
      'Unhealthy: Startup probe failed: dial tcp 10.244.3.2:9000: connect: connection refused',
    );
    expect(rows).toContain('Killing: Container nginx failed startup probe, will be restarted');
    expect(bad.cs.restartCount).toBeGreaterThanOrEqual(1);
  });

  it('liveness on a port nobody listens on: three failures, Killing, a restart', () => {
    const { c, cs, printed } = run(
      nginxPod('live', { livenessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 3 } }),
      45_000,
    );
    const rows = eventRows(c)
      .filter((r) => r[2] === 'pod/live')
      .map((r) => `${r[1]}: ${r[3]}`);
    expect(rows).toContain(
      'Unhealthy: Liveness probe failed: dial tcp 10.244.3.2:8080: connect: connection refused',
    );
    expect(rows).toContain('Killing: Container nginx failed liveness probe, will be restarted');
    expect(cs.restartCount).toBeGreaterThanOrEqual(1);
    expect(cs.lastState?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(printed.status).toBe('Running');
  });
});
