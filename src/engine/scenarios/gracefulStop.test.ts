/**
 * Stopping a pod: the kubelet sends SIGTERM and waits up to the grace period (30 s by default)
 * before the runtime kills what is left. nginx handles SIGTERM and is gone within a second; a
 * `sleep` run as PID 1 has no handler, PID 1 ignores the signal, and the pod stays Terminating
 * for the whole grace period — the classic "why does deleting my busybox pod take 30 seconds".
 */

import { describe, expect, it } from 'vitest';
import { podStatus } from '../../kubectl/printers/columns.ts';
import type { KubeObject } from '../api/types.ts';
import { createCluster } from '../cluster.ts';

function pod(name: string, image: string, args?: string[], grace?: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'shop' },
    spec: {
      containers: [{ name, image, ...(args ? { args } : {}) }],
      ...(grace === undefined ? {} : { terminationGracePeriodSeconds: grace }),
    },
  };
}

/** How long (virtual ms) each pod of `pods` stays in the API after `delete`, and its STATUS then. */
function stopTimes(pods: KubeObject[], deleteNamespace = false) {
  const c = createCluster({ seed: 3 });
  c.settle();
  const k = c.client('kubectl');
  k.create('namespaces', undefined, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'shop' },
  });
  for (const p of pods) k.create('pods', 'shop', p);
  c.settle();
  const names = pods.map((p) => p.metadata?.name as string);
  for (const name of names) {
    expect(podStatus(c.peek('pods', 'shop', name)!, c.nowEpochMs()).status).toBe('Running');
  }
  if (deleteNamespace) k.delete('namespaces', undefined, 'shop');
  else for (const name of names) k.delete('pods', 'shop', name);
  const t0 = c.now();
  const gone = new Map<string, number>();
  const statuses = new Map<string, string>();
  let namespaceGone: number | undefined;
  c.runUntil((cl) => {
    for (const name of names) {
      const p = cl.peek('pods', 'shop', name);
      if (p && !statuses.has(name)) statuses.set(name, podStatus(p, cl.nowEpochMs()).status);
      if (!p && !gone.has(name)) gone.set(name, cl.now() - t0);
    }
    if (namespaceGone === undefined && !cl.peek('namespaces', undefined, 'shop')) {
      namespaceGone = cl.now() - t0;
    }
    return gone.size === names.length && (!deleteNamespace || namespaceGone !== undefined);
  }, 120_000);
  return { gone, statuses, namespaceGone };
}

describe('stopping a pod', () => {
  it('nginx stops on SIGTERM within a second; `sleep` as PID 1 takes the whole 30 s grace period', () => {
    const { gone, statuses } = stopTimes([
      pod('web', 'nginx'),
      pod('bb', 'busybox', ['sleep', '3600']),
      pod('sh', 'busybox', ['sh', '-c', 'while true; do sleep 1; done']),
    ]);
    expect(statuses.get('web')).toBe('Terminating');
    expect(statuses.get('bb')).toBe('Terminating');
    expect(gone.get('web')).toBeLessThan(1_500);
    // SIGKILL when the grace period ends, then the kubelet removes the pod from the API.
    expect(gone.get('bb')).toBeGreaterThanOrEqual(30_000);
    expect(gone.get('bb')).toBeLessThan(31_500);
    expect(gone.get('sh')).toBeGreaterThanOrEqual(30_000);
    expect(gone.get('sh')).toBeLessThan(31_500);
  });

  it('a shorter terminationGracePeriodSeconds shortens the wait', () => {
    const { gone } = stopTimes([pod('bb', 'busybox', ['sleep', 'infinity'], 5)]);
    expect(gone.get('bb')).toBeGreaterThanOrEqual(5_000);
    expect(gone.get('bb')).toBeLessThan(6_500);
  });

  it('a namespace holding a `sleep` pod stays Terminating until that pod is killed', () => {
    const { gone, namespaceGone } = stopTimes(
      [pod('web', 'nginx'), pod('bb', 'busybox', ['sleep', '3600'])],
      true,
    );
    expect(gone.get('web')).toBeLessThan(1_500);
    expect(gone.get('bb')).toBeGreaterThanOrEqual(30_000);
    expect(namespaceGone).toBeGreaterThan(gone.get('bb') as number);
  });
});
