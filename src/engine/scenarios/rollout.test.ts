/** A new pod template rolls out: one new ReplicaSet, the old one scaled to zero. */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster.ts';
import { kubectlDeployment, phaseOf, podsOf } from './helpers.ts';

describe('changing the pod template', () => {
  it('a patch that replaces the container list (dropping server defaults) rolls out once', () => {
    const c = createCluster({ seed: 1 });
    const k = c.client('kubectl');
    k.create('deployments', 'default', kubectlDeployment('web', 'nginx'));
    c.settle();
    const patched = k.patch('deployments', 'default', 'web', {
      spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
    });
    expect(patched.ok).toBe(true);
    // The API server defaults the template again, as it does on every write.
    const container = (
      patched.ok
        ? (patched.value.spec as { template: { spec: { containers: Record<string, unknown>[] } } })
            .template.spec.containers[0]
        : {}
    ) as Record<string, unknown>;
    expect(container.imagePullPolicy).toBe('IfNotPresent');
    expect(container.terminationMessagePath).toBe('/dev/termination-log');

    expect(c.settle({ maxMs: 10 * 60_000 }).settled).toBe(true);
    const sets = c.snapshot().list('replicasets', 'default');
    expect(sets).toHaveLength(2);
    const replicas = sets.map((rs) => (rs.spec as { replicas: number }).replicas).sort();
    expect(replicas).toEqual([0, 1]);
    const pods = podsOf(c);
    expect(pods).toHaveLength(1);
    expect(phaseOf(pods[0]!)).toBe('Running');
  });
});
