/**
 * A 1.32 kubelet reports each created container's mounts in its status (RecursiveReadOnlyMounts
 * is on by default since 1.31): name and path, and for a read-only mount `readOnly: true` with
 * `recursiveReadOnly: Disabled`. A container the runtime has not created yet has none.
 */
import type { ContainerStatus, PodSpec, PodStatus } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { createCluster } from '../cluster.ts';

function pod(name: string, image: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      containers: [{ name, image, volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }] }],
      volumes: [{ name: 'scratch', emptyDir: {} }],
    },
  };
}

describe('container status mounts', () => {
  it('lists the mounts of a created container, the service account token read-only', () => {
    const c = createCluster({ seed: 4 });
    c.settle();
    const k = c.client('kubectl');
    expect(k.create('pods', 'default', pod('web', 'nginx')).ok).toBe(true);
    expect(k.create('pods', 'default', pod('bad', 'nginx:doesnotexist')).ok).toBe(true);
    c.settle();
    const web = c.peek('pods', 'default', 'web')!;
    const token = (web.spec as PodSpec).volumes?.find((v) => v.name.startsWith('kube-api-access-'));
    expect(token).toBeDefined();
    const status = (p: KubeObject): ContainerStatus =>
      (p.status as PodStatus).containerStatuses![0]!;
    expect(status(web).state?.running).toBeDefined();
    expect(status(web).volumeMounts).toEqual([
      { mountPath: '/scratch', name: 'scratch' },
      {
        mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
        name: token?.name,
        readOnly: true,
        recursiveReadOnly: 'Disabled',
      },
    ]);
    // Never created (its image cannot be pulled): no mounts reported.
    const bad = status(c.peek('pods', 'default', 'bad')!);
    expect(bad.state?.waiting?.reason).toMatch(/ErrImagePull|ImagePullBackOff/);
    expect(bad.volumeMounts).toBeUndefined();
  });
});
