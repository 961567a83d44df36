import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/types.ts';
import { preFilter } from './volumeBinding.ts';

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

const claims: Record<string, KubeObject> = {
  bound: { metadata: { name: 'bound' }, spec: { volumeName: 'pv1' }, status: { phase: 'Bound' } },
  pending: { metadata: { name: 'pending' }, spec: {}, status: { phase: 'Pending' } },
  lost: { metadata: { name: 'lost' }, spec: { volumeName: 'gone' }, status: { phase: 'Lost' } },
  deleting: {
    metadata: { name: 'deleting', deletionTimestamp: '2026-01-06T00:00:00Z' },
    spec: { volumeName: 'pv2' },
    status: { phase: 'Bound' },
  },
};
const lookup = (_ns: string, name: string) => claims[name];

describe('VolumeBinding PreFilter', () => {
  it('passes pods without claims or with bound ones', () => {
    expect(preFilter(pod(), lookup)).toBeUndefined();
    expect(preFilter(pod('bound'), lookup)).toBeUndefined();
  });

  it('rejects missing, lost and deleting claims by name, first one first', () => {
    expect(preFilter(pod('bound', 'nope'), lookup)).toBe('persistentvolumeclaim "nope" not found');
    expect(preFilter(pod('lost'), lookup)).toBe(
      'persistentvolumeclaim "lost" bound to non-existent persistentvolume "gone"',
    );
    expect(preFilter(pod('deleting', 'nope'), lookup)).toBe(
      'persistentvolumeclaim "deleting" is being deleted',
    );
  });

  it('an unbound claim: pod has unbound immediate PersistentVolumeClaims (after the per-claim checks)', () => {
    expect(preFilter(pod('pending', 'bound'), lookup)).toBe(
      'pod has unbound immediate PersistentVolumeClaims',
    );
    expect(preFilter(pod('pending', 'nope'), lookup)).toBe(
      'persistentvolumeclaim "nope" not found',
    );
  });
});
