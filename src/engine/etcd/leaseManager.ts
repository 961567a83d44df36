/**
 * The API server's side of etcd leases (k8s.io/apiserver storage/etcd3/lease_manager.go):
 * objects stored with a TTL (only Events, `--event-ttl`) do not get a lease each. A lease is
 * granted a little longer than asked and reused by the writes that follow, as long as it
 * still outlives their TTL and holds fewer than `maxObjectCount` objects. So an Event written
 * at t is deleted between t + ttl and t + ttl + reuse (60 s for the 1 h event TTL).
 */
import type { LeaseGrant } from './etcd.ts';

/** What the manager needs of etcd: LeaseGrant. */
export interface LeaseGrantor {
  grant(ttl: number): LeaseGrant;
}

export interface LeaseManagerConfig {
  /** Upper bound of the reuse window (`ReuseDurationSeconds`, default 60). */
  reuseDurationSeconds: number;
  /** The reuse window as a share of the TTL, capped by the above (5 %). */
  reuseDurationPercent: number;
  /** Objects attached to one lease at most (`MaxObjectCount`, default 1000). */
  maxObjectCount: number;
}

/** The API server's defaults (`NewDefaultLeaseManagerConfig`). */
export const DEFAULT_LEASE_MANAGER_CONFIG: Readonly<LeaseManagerConfig> = Object.freeze({
  reuseDurationSeconds: 60,
  reuseDurationPercent: 0.05,
  maxObjectCount: 1000,
});

export class LeaseManager {
  readonly #etcd: LeaseGrantor;
  readonly #clock: { now(): number };
  readonly #config: LeaseManagerConfig;
  #prevId = 0;
  /** Virtual ms at which the previous lease expires. */
  #prevExpiresAt = Number.NEGATIVE_INFINITY;
  #attached = 0;

  constructor(
    etcd: LeaseGrantor,
    clock: { now(): number },
    config: LeaseManagerConfig = DEFAULT_LEASE_MANAGER_CONFIG,
  ) {
    this.#etcd = etcd;
    this.#clock = clock;
    this.#config = config;
  }

  /** A lease for one object written now with `ttl` seconds to live (GetLease). */
  getLease(ttl: number): number {
    const now = this.#clock.now();
    const reuse = Math.min(
      Math.floor(this.#config.reuseDurationPercent * ttl),
      this.#config.reuseDurationSeconds,
    );
    const valid = now + ttl * 1000 < this.#prevExpiresAt;
    // `>=` where the original has `After`: its clock has moved on by some nanoseconds since the
    // grant, the virtual one often has not (many writes share one millisecond).
    const sufficient = now + (ttl + reuse) * 1000 >= this.#prevExpiresAt;
    // Every request counts, whether its write then succeeds or not (as in the original).
    this.#attached++;
    if (valid && sufficient && this.#attached <= this.#config.maxObjectCount) return this.#prevId;
    const grant = this.#etcd.grant(ttl + reuse);
    this.#prevId = grant.id;
    this.#prevExpiresAt = grant.expiresAt;
    this.#attached = 1;
    return grant.id;
  }

  /** Forget the lease in use (a restarted API server's fresh manager; etcd restored). */
  reset(): void {
    this.#prevId = 0;
    this.#prevExpiresAt = Number.NEGATIVE_INFINITY;
    this.#attached = 0;
  }
}
