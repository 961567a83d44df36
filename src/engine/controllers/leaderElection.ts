/**
 * Leader election of kube-scheduler and kube-controller-manager (client-go leaderelection,
 * LeaseLock in kube-system). At the cluster's first start the leases are seeded with their
 * holders (controlPlaneLeases.ts); a component that starts again (its machine rebooted, or it
 * exited after losing its lease while the API server was away) takes its lease anew once the
 * API server answers: a new holder `<hostname>_<uuid>`, acquireTime and renewTime now, one
 * more leaseTransition, and the Normal `LeaderElection` event `<holder> became leader` on the
 * Lease (from `default-scheduler`, the scheduler's first profile, or from
 * `kube-controller-manager`).
 *
 * It watches nothing (the scheduler's informers hold no leases): the lease is read as a GET
 * would read it, through `read`.
 */
import type { KubeObject } from '../api/types.ts';
import type { Actor, Reconciler } from '../runtime/controller.ts';
import { rfc3339Micro } from '../util/clock.ts';

/** A uuid (version 4 layout) drawn from `seed`, not from the cluster's random stream. */
function uuidFrom(seed: string): string {
  const hex: string[] = [];
  let h = 0x811c9dc5;
  for (let i = 0; i < 32; i++) {
    for (const ch of `${seed}/${i}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    hex.push((h & 15).toString(16));
  }
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16] ?? '0', 16) & 3) | 8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export function createLeaderElection(opts: {
  actor: Actor;
  /** The Lease in kube-system (`kube-scheduler`, `kube-controller-manager`). */
  lease: string;
  /** The event source's component. */
  component: string;
  /** The holder's hostname. */
  hostname: string;
  /** The stored lease, as a GET returns it. */
  read: () => KubeObject | undefined;
}): Reconciler {
  let starts = 0;
  let holder: string | undefined;
  return {
    actor: opts.actor,
    name: `leader-election/${opts.lease}`,
    watches: [],
    keysFor: () => [],
    onStart() {
      starts++;
      holder = undefined;
    },
    // The first start finds the seeded lease its own.
    initialKeys: () => (starts > 1 ? ['acquire'] : []),
    reconcile(key, _cache, ctx) {
      const lease = key === 'acquire' ? opts.read() : undefined;
      if (!lease) return { writes: [] };
      holder ??= `${opts.hostname}_${uuidFrom(`${opts.lease}/${ctx.now}`)}`;
      const spec = (lease.spec ?? {}) as Record<string, unknown>;
      if (spec.holderIdentity === holder) return { writes: [] };
      const transitions = typeof spec.leaseTransitions === 'number' ? spec.leaseTransitions : 0;
      const stamp = rfc3339Micro(ctx.now);
      const { resourceVersion: _rv, ...metadata } = lease.metadata ?? {};
      ctx.recordEvent({
        ref: {
          resource: 'leases',
          namespace: 'kube-system',
          name: opts.lease,
          kind: 'Lease',
          apiVersion: 'coordination.k8s.io/v1',
          ...(metadata.uid ? { uid: metadata.uid } : {}),
        },
        type: 'Normal',
        reason: 'LeaderElection',
        message: `${holder} became leader`,
        component: opts.component,
      });
      return {
        writes: [
          {
            verb: 'update',
            resource: 'leases',
            namespace: 'kube-system',
            obj: {
              ...lease,
              metadata,
              spec: {
                ...spec,
                holderIdentity: holder,
                acquireTime: stamp,
                renewTime: stamp,
                leaseTransitions: transitions + 1,
              },
            },
          },
        ],
      };
    },
  };
}
