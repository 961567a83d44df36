/**
 * The `kubernetes` Service belongs to the API server: deleted (by name, or by a learner's
 * `kubectl delete svc --all`), it is back at the API server's next 10-second tick with the same
 * cluster IP, and so are its Endpoints. The loop runs inside the API server: no message from it
 * to itself, only its etcd writes.
 */
import { describe, expect, it } from 'vitest';
import { KUBERNETES_SERVICE_INTERVAL_MS } from '../apiserver/kubernetesService.ts';
import { createCluster } from '../cluster.ts';

describe('the kubernetes Service', () => {
  it('comes back within 10 s of being deleted, with its cluster IP and its Endpoints', () => {
    const c = createCluster({ seed: 5 });
    c.settle();
    const k = c.client('kubectl');
    const before = c.peek('services', 'default', 'kubernetes');
    expect(k.delete('services', 'default', 'kubernetes').ok).toBe(true);
    expect(k.delete('endpoints', 'default', 'kubernetes').ok).toBe(true);
    const t0 = c.now();
    const firstMessage = c.messages.length;
    let backAt: number | undefined;
    c.runUntil((cl) => {
      if (
        cl.peek('services', 'default', 'kubernetes') &&
        cl.peek('endpoints', 'default', 'kubernetes')
      ) {
        backAt = cl.now() - t0;
        return true;
      }
      return false;
    }, 60_000);
    expect(backAt).toBeDefined();
    expect(backAt).toBeLessThanOrEqual(KUBERNETES_SERVICE_INTERVAL_MS);
    const after = c.peek('services', 'default', 'kubernetes')!;
    expect(after.metadata?.uid).not.toBe(before?.metadata?.uid);
    expect(after.spec).toEqual(before?.spec);
    expect(after.metadata?.labels).toEqual({ component: 'apiserver', provider: 'kubernetes' });
    expect((c.peek('endpoints', 'default', 'kubernetes') as { subsets?: unknown }).subsets).toEqual(
      [
        {
          addresses: [{ ip: '172.18.0.2' }],
          ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
        },
      ],
    );
    const since = c.messages.slice(firstMessage);
    expect(since.some((m) => m.from === 'api-server' && m.to === 'api-server')).toBe(false);
    expect(
      since.some(
        (m) =>
          m.from === 'api-server' &&
          m.to === 'etcd' &&
          m.label === '/registry/services/specs/default/kubernetes',
      ),
    ).toBe(true);
  });
});
