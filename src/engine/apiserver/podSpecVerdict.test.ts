import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { createCluster } from '../index.ts';
import { clone, deepFreeze } from '../util/persistentMap.ts';
import { validatePodSpec } from './podSpecValidation.ts';
import { knownValidPodSpec, rememberValidPodSpec } from './podSpecVerdict.ts';

type Obj = Record<string, unknown>;

/** A pod spec as admission leaves it, with its token volume named `kube-api-access-<suffix>`. */
function admitted(suffix: string): Obj {
  const name = `kube-api-access-${suffix}`;
  return {
    containers: [
      {
        name: 'nginx',
        image: 'nginx',
        resources: {},
        volumeMounts: [
          { name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' },
        ],
      },
    ],
    restartPolicy: 'Always',
    dnsPolicy: 'ClusterFirst',
    volumes: [{ name, projected: { defaultMode: 420, sources: [] } }],
  };
}

describe('podSpecVerdict: a passing pod spec vouches for its renamed copies', () => {
  it('knows a spec equal up to the token volume name, once the passing one is frozen', () => {
    const first = admitted('x6j7v');
    expect(validatePodSpec(first, 'spec')).toEqual([]);
    rememberValidPodSpec(first);
    // Not stored (frozen) yet: it could still change.
    expect(knownValidPodSpec(admitted('bcdfg'))).toBe(false);
    deepFreeze(first);
    expect(knownValidPodSpec(admitted('bcdfg'))).toBe(true);
    // Any other difference is validated again.
    const other = admitted('bcdfg');
    (other.containers as Obj[])[0]!.image = 'nginx:1.27';
    expect(knownValidPodSpec(other)).toBe(false);
    // A name that admission would not generate is no renaming of the token volume.
    expect(knownValidPodSpec(admitted('aaaaa'))).toBe(false);
  });

  it('does not vouch for a copy whose mount still names the old volume', () => {
    const first = deepFreeze(admitted('x6j7v'));
    rememberValidPodSpec(first);
    const renamedVolumeOnly = clone(first) as Obj;
    (renamedVolumeOnly.volumes as Obj[])[0]!.name = 'kube-api-access-bcdfg';
    expect(knownValidPodSpec(renamedVolumeOnly)).toBe(false);
    expect(validatePodSpec(renamedVolumeOnly, 'spec')).toEqual([
      {
        field: 'spec.containers[0].volumeMounts[0].name',
        type: 'Not found',
        value: 'kube-api-access-x6j7v',
      },
    ]);
    // Nor for one where the new name was already another volume's (two volumes of one name).
    const twice = admitted('bcdfg');
    (twice.volumes as Obj[]).push({ name: 'kube-api-access-bcdfg', emptyDir: {} });
    const before = clone(first) as Obj;
    (before.volumes as Obj[]).push({ name: 'kube-api-access-bcdfg', emptyDir: {} });
    rememberValidPodSpec(deepFreeze(before));
    expect(knownValidPodSpec(twice)).toBe(false);
  });

  it('a Deployment’s pods pass, and a pod copied from one with a dangling mount is refused', () => {
    const cluster = createCluster({ seed: 1, workers: 2 });
    cluster.settle();
    const kubectl = cluster.client('kubectl');
    const created = kubectl.create('deployments', 'default', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
        },
      },
    } as KubeObject);
    expect(created.ok).toBe(true);
    cluster.settle();
    const pods = kubectl.list('pods', 'default', { labelSelector: 'app=web' });
    if (!pods.ok) throw new Error('no pods');
    expect(pods.value.items).toHaveLength(3);
    // Each web pod's spec (one of them the last to pass) with its volume renamed but not its
    // mount: every copy is refused.
    pods.value.items.forEach((pod, i) => {
      const spec = clone(pod.spec) as Obj;
      delete spec.nodeName;
      const mountName = (spec.volumes as Obj[])[0]!.name as string;
      (spec.volumes as Obj[])[0]!.name = 'kube-api-access-zzzzz';
      const refused = kubectl.create('pods', 'default', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `copy-${i}` },
        spec,
      } as KubeObject);
      expect(refused.ok ? 'created' : refused.status.message).toBe(
        `Pod "copy-${i}" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "${mountName}"`,
      );
    });
  });
});
