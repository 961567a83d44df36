/**
 * The kube-system Leases of a kubeadm control plane: `kube-controller-manager` and
 * `kube-scheduler` (leader election: holder `<hostname>_<uuid>`, 15 s lease, renewed every 2 s)
 * and kube-apiserver's identity lease `apiserver-<hash>` (holder `<id>_<uuid>`, 3600 s lease,
 * renewed every 10 s, labelled `apiserver.kubernetes.io/identity` and `kubernetes.io/hostname`).
 *
 * Why no renewal writes: the real components write these leases every 2 and 10 seconds, which
 * here would flood the animated message log and the benchmarks with writes that change nothing
 * a learner looks at. Instead the leases are seeded once, and the API server, when it answers a
 * read, shows `renewTime` at the latest renewal tick (the acquire time plus whole renew periods)
 * as long as the lease still names the seeded holder. Its resourceVersion does not move, which
 * is the one visible difference from a real cluster.
 */
import type { KubeObject } from '../api/types.ts';
import { BOOTSTRAP_AT, rfc3339Micro } from '../util/clock.ts';

/**
 * kube-apiserver's identity on the `control-plane` host: `apiserver-` and the lower-cased,
 * unpadded base32 of the first 16 bytes of the SHA-256 of the length-prefixed hostname and
 * `kube-apiserver` (computed once; the engine carries no hash for it).
 */
export const APISERVER_IDENTITY = 'apiserver-6vzvajxlkf7lcarzgdc4jnyaru';

/** Leader-election leases: RetryPeriod 2 s, LeaseDuration 15 s (component-base defaults). */
const LEADER_RENEW_MS = 2_000;
const LEADER_DURATION_S = 15;
/** IdentityLeaseRenewIntervalPeriod and IdentityLeaseDurationSeconds. */
const IDENTITY_RENEW_MS = 10_000;
const IDENTITY_DURATION_S = 3600;

/** Renew period by lease name (all in kube-system). */
const RENEW_MS: Readonly<Record<string, number>> = {
  'kube-controller-manager': LEADER_RENEW_MS,
  'kube-scheduler': LEADER_RENEW_MS,
  [APISERVER_IDENTITY]: IDENTITY_RENEW_MS,
};

/**
 * The three leases as seeded: each holder a hostname or identity plus a uuid from `uuids`,
 * acquired (and last renewed) when the cluster was made.
 */
export function controlPlaneLeases(
  hostname: string,
  uuids: () => string,
): { name: string; labels?: Record<string, string>; spec: Record<string, unknown> }[] {
  const stamp = rfc3339Micro(BOOTSTRAP_AT);
  const leader = (name: string) => ({
    name,
    spec: {
      acquireTime: stamp,
      holderIdentity: `${hostname}_${uuids()}`,
      leaseDurationSeconds: LEADER_DURATION_S,
      leaseTransitions: 0,
      renewTime: stamp,
    },
  });
  return [
    {
      name: APISERVER_IDENTITY,
      labels: {
        'apiserver.kubernetes.io/identity': 'kube-apiserver',
        'kubernetes.io/hostname': hostname,
      },
      spec: {
        holderIdentity: `${APISERVER_IDENTITY}_${uuids()}`,
        leaseDurationSeconds: IDENTITY_DURATION_S,
        renewTime: stamp,
      },
    },
    leader('kube-controller-manager'),
    leader('kube-scheduler'),
  ];
}

/** The seeded holder prefixes: a lease taken over by anyone else is shown as stored. */
function renewedBySeededHolder(lease: KubeObject): boolean {
  const holder = (lease.spec as { holderIdentity?: unknown } | undefined)?.holderIdentity;
  if (typeof holder !== 'string') return false;
  return holder.startsWith(`${APISERVER_IDENTITY}_`) || holder.startsWith('control-plane_');
}

/**
 * `lease` as a read at `now` shows it: a control-plane lease still held by its seeded holder
 * carries `renewTime` at its latest renewal tick; any other lease is returned as it is.
 */
export function withVirtualRenewal(lease: KubeObject, now: number): KubeObject {
  const meta = lease.metadata;
  if (meta?.namespace !== 'kube-system') return lease;
  const period = Object.hasOwn(RENEW_MS, meta.name ?? '') ? RENEW_MS[meta.name ?? ''] : undefined;
  if (period === undefined || !renewedBySeededHolder(lease)) return lease;
  const tick = BOOTSTRAP_AT + Math.floor((now - BOOTSTRAP_AT) / period) * period;
  return { ...lease, spec: { ...(lease.spec as object), renewTime: rfc3339Micro(tick) } };
}
