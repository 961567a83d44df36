import type { Node, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import { newNodeInfo } from '../nodeInfo.ts';
import { filter, preFilter, type VolumeLookup } from './volumeBinding.ts';

function pod(...claims: string[]): Pod {
  return {
    metadata: { name: 'p', namespace: 'default' },
    spec: {
      containers: [{ name: 'c', image: 'nginx' }],
      volumes: [
        { name: 'tmp', emptyDir: {} },
        ...claims.map((c) => ({ name: c, persistentVolumeClaim: { claimName: c } })),
      ],
    },
  };
}

function claim(name: string, extra: Record<string, unknown> = {}, phase = 'Pending'): KubeObject {
  return {
    metadata: { name, namespace: 'default', uid: `uid-${name}` },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...extra },
    status: { phase },
  };
}

function localVolume(name: string, node: string, claimRef?: Record<string, string>): KubeObject {
  return {
    metadata: { name },
    spec: {
      capacity: { storage: '1Gi' },
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'local',
      local: { path: '/mnt/disks/a' },
      ...(claimRef ? { claimRef } : {}),
      nodeAffinity: {
        required: {
          nodeSelectorTerms: [
            {
              matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }],
            },
          ],
        },
      },
    },
    status: { phase: claimRef ? 'Bound' : 'Available' },
  };
}

const claims: Record<string, KubeObject> = {
  bound: claim('bound', { volumeName: 'pv1' }, 'Bound'),
  pending: claim('pending'),
  lost: claim('lost', { volumeName: 'gone' }, 'Lost'),
  deleting: {
    ...claim('deleting', { volumeName: 'pv2' }, 'Bound'),
    metadata: { name: 'deleting', deletionTimestamp: '2026-01-06T00:00:00Z' },
  },
  late: claim('late', { storageClassName: 'local' }),
  late2: claim('late2', { storageClassName: 'local' }),
  onNode1: claim('onNode1', { storageClassName: 'local', volumeName: 'local-1' }, 'Bound'),
};
const volumes = [
  localVolume('local-1', 'node1', { namespace: 'default', name: 'onNode1', uid: 'uid-onNode1' }),
  localVolume('local-2', 'node2'),
];
const lookup: VolumeLookup = {
  claim: (_ns, name) => claims[name],
  volume: (name) => volumes.find((v) => v.metadata?.name === name),
  volumes: () => volumes,
  storageClass: (name) =>
    name === 'local'
      ? {
          metadata: { name },
          provisioner: 'kubernetes.io/no-provisioner',
          volumeBindingMode: 'WaitForFirstConsumer',
        }
      : undefined,
};

function node(name: string) {
  const n: Node = { metadata: { name, labels: { 'kubernetes.io/hostname': name } } };
  return newNodeInfo(n, []);
}

describe('VolumeBinding PreFilter', () => {
  it('passes pods without claims or with bound ones', () => {
    expect(preFilter(pod(), lookup)).toBeUndefined();
    expect(preFilter(pod('bound'), lookup)).toBeUndefined();
  });

  it('rejects missing, lost and deleting claims by name, first one first', () => {
    expect(preFilter(pod('bound', 'nope'), lookup)).toEqual({
      reject: 'persistentvolumeclaim "nope" not found',
    });
    expect(preFilter(pod('lost'), lookup)).toEqual({
      reject: 'persistentvolumeclaim "lost" bound to non-existent persistentvolume "gone"',
    });
    expect(preFilter(pod('deleting', 'nope'), lookup)).toEqual({
      reject: 'persistentvolumeclaim "deleting" is being deleted',
    });
  });

  it('an unbound Immediate claim: pod has unbound immediate PersistentVolumeClaims', () => {
    expect(preFilter(pod('pending', 'bound'), lookup)).toEqual({
      reject: 'pod has unbound immediate PersistentVolumeClaims',
    });
    expect(preFilter(pod('pending', 'nope'), lookup)).toEqual({
      reject: 'persistentvolumeclaim "nope" not found',
    });
  });
});

describe('VolumeBinding Filter', () => {
  it('a WaitForFirstConsumer claim goes where a free volume of its class is', () => {
    const state = preFilter(pod('late'), lookup);
    if (!state || 'reject' in state) throw new Error('expected a state');
    expect(state.delayed.map((c) => c.metadata?.name)).toEqual(['late']);
    expect(filter(state, node('node2'), lookup)).toBeUndefined();
    expect(filter(state, node('node1'), lookup)?.reasons).toEqual([
      "node(s) didn't find available persistent volumes to bind",
    ]);
  });

  it('two claims cannot share one volume; a bound volume holds the pod to its node', () => {
    const two = preFilter(pod('late', 'late2'), lookup);
    if (!two || 'reject' in two) throw new Error('expected a state');
    expect(filter(two, node('node2'), lookup)?.reasons).toEqual([
      "node(s) didn't find available persistent volumes to bind",
    ]);
    const both = preFilter(pod('onNode1', 'late'), lookup);
    if (!both || 'reject' in both) throw new Error('expected a state');
    expect(filter(both, node('node1'), lookup)?.reasons).toEqual([
      "node(s) didn't find available persistent volumes to bind",
    ]);
    expect(filter(both, node('node2'), lookup)?.reasons).toEqual([
      'node(s) had volume node affinity conflict',
    ]);
  });
});
