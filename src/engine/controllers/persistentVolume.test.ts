import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import type { Write } from '../runtime/controller.ts';
import {
  createPersistentVolumeBinder,
  createPvcProtectionController,
  createPvProtectionController,
  findMatchingVolume,
} from './persistentVolume.ts';
import { FakeCache, FakeContext } from './testing.ts';

function pv(
  name: string,
  size: string,
  extra: Record<string, unknown> = {},
  phase = 'Available',
  meta: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, uid: `uid-${name}`, resourceVersion: '1', ...meta },
    spec: {
      capacity: { storage: size },
      accessModes: ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Retain',
      volumeMode: 'Filesystem',
      hostPath: { path: `/mnt/${name}` },
      ...extra,
    },
    status: { phase },
  };
}

function pvc(
  name: string,
  size: string,
  extra: Record<string, unknown> = {},
  meta: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '7', ...meta },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: size } },
      volumeMode: 'Filesystem',
      ...extra,
    },
    status: { phase: extra.volumeName ? 'Bound' : 'Pending' },
  };
}

const names = (v: KubeObject | undefined) => v?.metadata?.name;

/** `<verb> <resource>/<name>` of each write, for a readable sequence. */
function summary(writes: Write[]): string[] {
  return writes.map((w) => {
    const name = 'obj' in w ? w.obj.metadata?.name : 'name' in w ? w.name : '';
    return `${w.verb} ${'resource' in w ? w.resource : 'pods'}/${name}`;
  });
}

describe('findMatchingVolume (the binder index)', () => {
  it('takes the smallest Available volume that is big enough', () => {
    const volumes = [
      pv('a', '10Gi'),
      pv('b', '2Gi'),
      pv('c', '500Mi'),
      pv('d', '1Gi', {}, 'Released'),
    ];
    expect(names(findMatchingVolume(pvc('x', '1Gi'), volumes))).toBe('b');
    expect(names(findMatchingVolume(pvc('x', '20Gi'), volumes))).toBeUndefined();
  });

  it('matches the class exactly ("" only to volumes without one), the modes and the volume mode', () => {
    const volumes = [
      pv('fast', '1Gi', { storageClassName: 'fast' }),
      pv('rwx', '1Gi', { accessModes: ['ReadWriteOnce', 'ReadWriteMany'] }),
      pv('block', '1Gi', { volumeMode: 'Block' }),
    ];
    expect(names(findMatchingVolume(pvc('x', '1Gi'), volumes))).toBe('rwx');
    expect(names(findMatchingVolume(pvc('x', '1Gi', { storageClassName: 'fast' }), volumes))).toBe(
      'fast',
    );
    expect(
      names(findMatchingVolume(pvc('x', '1Gi', { accessModes: ['ReadWriteMany'] }), volumes)),
    ).toBe('rwx');
    expect(names(findMatchingVolume(pvc('x', '1Gi', { volumeMode: 'Block' }), volumes))).toBe(
      'block',
    );
    expect(
      names(findMatchingVolume(pvc('x', '1Gi', { storageClassName: 'slow' }), volumes)),
    ).toBeUndefined();
  });

  it('prefers the volume with the fewest access modes, and honours the selector', () => {
    const volumes = [
      pv('many', '1Gi', { accessModes: ['ReadWriteOnce', 'ReadOnlyMany'] }, 'Available', {
        labels: { tier: 'silver' },
      }),
      pv('one', '5Gi', {}, 'Available', { labels: { tier: 'gold' } }),
    ];
    expect(names(findMatchingVolume(pvc('x', '1Gi'), volumes))).toBe('one');
    expect(
      names(
        findMatchingVolume(
          pvc('x', '1Gi', { selector: { matchLabels: { tier: 'silver' } } }),
          volumes,
        ),
      ),
    ).toBe('many');
  });

  it('a volume pre-bound to the claim wins; one pre-bound to another claim is skipped', () => {
    const volumes = [
      pv('small', '1Gi'),
      pv('mine', '5Gi', { claimRef: { namespace: 'default', name: 'x' } }),
      pv('theirs', '1Gi', { claimRef: { namespace: 'default', name: 'y' } }),
    ];
    expect(names(findMatchingVolume(pvc('x', '1Gi'), volumes))).toBe('mine');
    expect(names(findMatchingVolume(pvc('z', '1Gi'), volumes))).toBe('small');
  });
});

describe('persistentvolume-binder-controller', () => {
  it('binds: the volume claimRef and phase, then the claim volumeName, annotations and status', () => {
    const cache = new FakeCache([
      ['persistentvolumes', pv('vol', '10Gi', { storageClassName: 'manual' })],
      ['persistentvolumeclaims', pvc('data', '3Gi', { storageClassName: 'manual' })],
    ]);
    const ctx = new FakeContext(5_000);
    const { writes } = createPersistentVolumeBinder().reconcile('claim/default/data', cache, ctx);
    expect(summary(writes)).toEqual([
      'update persistentvolumes/vol',
      'updateStatus persistentvolumes/vol',
      'update persistentvolumeclaims/data',
      'updateStatus persistentvolumeclaims/data',
    ]);
    const [volume, volumeStatus, claim, claimStatus] = writes.map((w) =>
      'obj' in w ? w.obj : undefined,
    );
    expect(volume?.spec).toMatchObject({
      claimRef: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        namespace: 'default',
        name: 'data',
        uid: 'uid-data',
        resourceVersion: '7',
      },
    });
    expect(volume?.metadata?.annotations).toEqual({
      'pv.kubernetes.io/bound-by-controller': 'yes',
    });
    expect(volumeStatus?.status).toEqual({
      phase: 'Bound',
      lastPhaseTransitionTime: ctx.timestamp(),
    });
    expect((claim?.spec as { volumeName?: string } | undefined)?.volumeName).toBe('vol');
    expect(claim?.metadata?.annotations).toEqual({
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
    });
    expect(claimStatus?.status).toEqual({
      phase: 'Bound',
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '10Gi' },
    });
    expect(ctx.events).toEqual([]);
  });

  it('records why a claim waits: no class, a missing class, a class waiting for a consumer', () => {
    const cache = new FakeCache([
      ['persistentvolumeclaims', pvc('plain', '1Gi')],
      ['persistentvolumeclaims', pvc('missing', '1Gi', { storageClassName: 'x' })],
      ['persistentvolumeclaims', pvc('later', '1Gi', { storageClassName: 'local' })],
      [
        'storageclasses',
        {
          apiVersion: 'storage.k8s.io/v1',
          kind: 'StorageClass',
          metadata: { name: 'local' },
          provisioner: 'kubernetes.io/no-provisioner',
          volumeBindingMode: 'WaitForFirstConsumer',
        },
      ],
    ]);
    const ctx = new FakeContext();
    const binder = createPersistentVolumeBinder();
    for (const key of ['claim/default/plain', 'claim/default/missing', 'claim/default/later'])
      expect(binder.reconcile(key, cache, ctx).writes).toEqual([]);
    expect(ctx.eventLines()).toEqual([
      'Normal FailedBinding no persistent volumes available for this claim and no storage class is set',
      'Warning ProvisioningFailed storageclass.storage.k8s.io "x" not found',
      'Normal WaitForFirstConsumer waiting for first consumer to be created before binding',
    ]);
    expect(ctx.events.every((e) => e.component === 'persistentvolume-controller')).toBe(true);
  });

  it('makes a new volume Available, and a volume whose claim went Released, then reclaims it', () => {
    const ctx = new FakeContext();
    const binder = createPersistentVolumeBinder();
    const bound = { claimRef: { namespace: 'default', name: 'gone', uid: 'uid-gone' } };
    const cache = new FakeCache([
      ['persistentvolumes', pv('new', '1Gi', {}, 'Pending')],
      ['persistentvolumes', pv('kept', '1Gi', bound, 'Bound')],
      [
        'persistentvolumes',
        pv(
          'tmp',
          '1Gi',
          { ...bound, persistentVolumeReclaimPolicy: 'Delete', hostPath: { path: '/tmp/x' } },
          'Released',
        ),
      ],
    ]);
    const phase = (w: Write[]) =>
      w.map((x) => ('obj' in x ? (x.obj.status as { phase: string }).phase : x.verb));
    expect(phase(binder.reconcile('volume/new', cache, ctx).writes)).toEqual(['Available']);
    expect(phase(binder.reconcile('volume/kept', cache, ctx).writes)).toEqual(['Released']);
    expect(summary(binder.reconcile('volume/tmp', cache, ctx).writes)).toEqual([
      'delete persistentvolumes/tmp',
    ]);
  });
});

describe('storage protection', () => {
  const deleting = {
    deletionTimestamp: '2026-01-06T00:00:00Z',
    finalizers: ['kubernetes.io/pvc-protection'],
  };
  const pod = (nodeName?: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'db', namespace: 'default' },
    spec: {
      ...(nodeName ? { nodeName } : {}),
      containers: [{ name: 'db', image: 'nginx' }],
      volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }],
    },
  });

  it('keeps a deleted claim while a scheduled pod names it', () => {
    const controller = createPvcProtectionController();
    expect(controller.keysFor('pods', pod('node1'))).toEqual(['default/data']);
    const inUse = new FakeCache([
      ['persistentvolumeclaims', pvc('data', '1Gi', {}, deleting)],
      ['pods', pod('node1')],
    ]);
    expect(controller.reconcile('default/data', inUse, new FakeContext()).writes).toEqual([]);
    // An unscheduled pod does not hold it (the kubelet would not start it on a deleted claim).
    const free = new FakeCache([
      ['persistentvolumeclaims', pvc('data', '1Gi', {}, deleting)],
      ['pods', pod()],
    ]);
    const [w] = controller.reconcile('default/data', free, new FakeContext()).writes;
    expect(w && 'obj' in w ? w.obj.metadata?.finalizers : undefined).toEqual([]);
  });

  it('keeps a deleted volume while it is Bound', () => {
    const controller = createPvProtectionController();
    const meta = {
      deletionTimestamp: '2026-01-06T00:00:00Z',
      finalizers: ['kubernetes.io/pv-protection'],
    };
    const bound = new FakeCache([['persistentvolumes', pv('v', '1Gi', {}, 'Bound', meta)]]);
    expect(controller.reconcile('v', bound, new FakeContext()).writes).toEqual([]);
    const released = new FakeCache([['persistentvolumes', pv('v', '1Gi', {}, 'Released', meta)]]);
    expect(summary(controller.reconcile('v', released, new FakeContext()).writes)).toEqual([
      'update persistentvolumes/v',
    ]);
  });
});
