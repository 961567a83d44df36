/**
 * The resource quota controller (`resourcequota-controller`, pkg/controller/resourcequota):
 * keeps every ResourceQuota's status: `hard` as its spec says, `used` as the quota evaluators
 * count the objects in its namespace (pods that have not finished, their requests and limits,
 * object counts). A new or changed quota is synced at once; a change to a charged object in a
 * namespace with a quota (a pod finishing or going away gives its usage back: "replenishment")
 * syncs that namespace's quotas. The ResourceQuota admission charges new objects itself
 * (apiserver/quota.ts), so a sync after a create finds the figure already right and writes
 * nothing.
 *
 * A quota with scopes (or a scope selector) counts only the pods its scopes match. The
 * 5-minute full resync is not needed (every charged object's change is seen).
 */
import type { ResourceName } from '../api/types.ts';
import { computeUsed } from '../apiserver/quota.ts';
import type { Reconciler, Write } from '../runtime/controller.ts';
import { namespaceKey } from './endpoints.ts';
import { deepEqual, nameOf, namespaceOf } from './objects.ts';

export const COMPONENT_RESOURCE_QUOTA = 'resourcequota-controller';

/** The resources whose objects a quota can charge (the ones this simulator stores). */
const CHARGED: ResourceName[] = [
  'pods',
  'services',
  'configmaps',
  'secrets',
  'persistentvolumeclaims',
  'resourcequotas',
  'deployments',
  'replicasets',
  'daemonsets',
  'jobs',
  'cronjobs',
];

export function createResourceQuotaController(): Reconciler {
  const nsKeys = new Map<string, string>();
  /** Namespace → its quotas' names (kept by `observe`). */
  const quotas = new Map<string, Set<string>>();
  return {
    actor: 'controller-manager',
    name: COMPONENT_RESOURCE_QUOTA,
    // LimitRanges and PriorityClasses too: the controllers read them from this actor's cache to
    // foresee admission (admissionForecast.ts, podCreateRefusal).
    watches: [...CHARGED, 'limitranges', 'priorityclasses'],
    observe(e) {
      if (e.resource !== 'resourcequotas') return;
      const ns = namespaceOf(e.object);
      const names = quotas.get(ns) ?? new Set<string>();
      if (e.type === 'DELETED') names.delete(nameOf(e.object));
      else names.add(nameOf(e.object));
      if (names.size === 0) quotas.delete(ns);
      else quotas.set(ns, names);
    },
    keysFor(resource, obj) {
      if (resource === 'limitranges' || resource === 'priorityclasses') return [];
      const ns = namespaceOf(obj);
      return quotas.has(ns) ? [namespaceKey(nsKeys, ns)] : [];
    },
    reconcile(key, cache, ctx) {
      const ns = key.slice('ns/'.length);
      const writes: Write[] = [];
      const now = ctx.timestamp();
      for (const q of cache.list('resourcequotas', ns)) {
        if (q.metadata?.deletionTimestamp) continue;
        const hard = ((q.spec as { hard?: Record<string, unknown> } | undefined)?.hard ??
          {}) as Record<string, unknown>;
        const used = computeUsed(Object.keys(hard), (r) => cache.list(r, ns), CHARGED, now, q);
        const status = (q.status ?? {}) as { hard?: unknown; used?: unknown };
        if (deepEqual(status.hard ?? {}, hard) && deepEqual(status.used ?? {}, used)) continue;
        // With the cached resourceVersion: a quota the admission charged since is a Conflict,
        // and the retry reads it again.
        const obj = { ...q, metadata: { ...q.metadata }, status: { hard: { ...hard }, used } };
        writes.push({ verb: 'updateStatus', resource: 'resourcequotas', namespace: ns, obj });
      }
      return { writes };
    },
  };
}
