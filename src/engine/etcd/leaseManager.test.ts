import { describe, expect, it } from 'vitest';
import { Etcd } from './etcd.ts';
import { LeaseManager } from './leaseManager.ts';

describe('the API server lease manager', () => {
  const setup = (maxObjectCount?: number) => {
    let now = 0;
    const etcd = new Etcd<number>((k) => k, { now: () => now });
    const leases = new LeaseManager(
      etcd,
      { now: () => now },
      maxObjectCount === undefined
        ? undefined
        : { reuseDurationSeconds: 60, reuseDurationPercent: 0.05, maxObjectCount },
    );
    return {
      etcd,
      leases,
      at: (ms: number) => {
        now = ms;
      },
    };
  };

  it('grants TTL + 60 s for the 1 h event TTL and reuses the lease for the next minute', () => {
    const { etcd, leases, at } = setup();
    const a = leases.getLease(3600);
    expect(etcd.lease(a)?.ttl).toBe(3660);
    expect(etcd.lease(a)?.expiresAt).toBe(3_660_000);
    at(59_999);
    expect(leases.getLease(3600)).toBe(a);
    // From 60 s on the lease would expire less than an hour after the write: a new one.
    at(60_000);
    const b = leases.getLease(3600);
    expect(b).not.toBe(a);
    expect(etcd.lease(b)?.expiresAt).toBe(3_720_000);
  });

  it('the reuse window is 5 % of a short TTL', () => {
    const { etcd, leases, at } = setup();
    const a = leases.getLease(100);
    expect(etcd.lease(a)?.ttl).toBe(105);
    at(4_999);
    expect(leases.getLease(100)).toBe(a);
    at(5_000);
    expect(leases.getLease(100)).not.toBe(a);
  });

  it('attaches at most maxObjectCount objects to one lease', () => {
    const { leases } = setup(3);
    const ids = [1, 2, 3, 4, 5, 6, 7].map(() => leases.getLease(3600));
    expect(ids).toEqual([1, 1, 1, 2, 2, 2, 3]);
  });
});
