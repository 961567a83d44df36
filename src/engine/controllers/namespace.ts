/**
 * The namespace controller (`namespace-controller`): once a namespace has a
 * deletionTimestamp it deletes everything in it, reports progress in the namespace's
 * deletion conditions, and when nothing is left removes the `kubernetes` finalizer from
 * `spec.finalizers` so the API server can delete the namespace itself.
 */
import type { KubeObject, ResourceName } from '../api/types.ts';
import type { ReconcileContext, Reconciler, Write } from '../runtime/controller.ts';
import {
  type Condition,
  deepEqual,
  isDeleting,
  nameOf,
  podNodeName,
  specOf,
  statusOf,
  withoutResourceVersion,
} from './objects.ts';

export const COMPONENT_NAMESPACE = 'namespace-controller';
export const FINALIZER_KUBERNETES = 'kubernetes';

/** Namespaced resources, in the order the controller deletes them. */
const CONTENT: { resource: ResourceName; group: string }[] = [
  { resource: 'deployments', group: 'apps' },
  { resource: 'replicasets', group: 'apps' },
  { resource: 'daemonsets', group: 'apps' },
  { resource: 'statefulsets', group: 'apps' },
  { resource: 'controllerrevisions', group: 'apps' },
  { resource: 'horizontalpodautoscalers', group: 'autoscaling' },
  { resource: 'cronjobs', group: 'batch' },
  { resource: 'jobs', group: 'batch' },
  { resource: 'pods', group: '' },
  { resource: 'persistentvolumeclaims', group: '' },
  { resource: 'services', group: '' },
  { resource: 'endpoints', group: '' },
  { resource: 'endpointslices', group: 'discovery.k8s.io' },
  { resource: 'ingresses', group: 'networking.k8s.io' },
  { resource: 'networkpolicies', group: 'networking.k8s.io' },
  { resource: 'leases', group: 'coordination.k8s.io' },
  { resource: 'configmaps', group: '' },
  { resource: 'secrets', group: '' },
  { resource: 'serviceaccounts', group: '' },
  { resource: 'poddisruptionbudgets', group: 'policy' },
];

function cond(
  ctx: ReconcileContext,
  type: string,
  status: 'True' | 'False',
  reason: string,
  message: string,
): Condition {
  return { type, status, lastTransitionTime: ctx.timestamp(), reason, message };
}

/** Whether a delete takes effect at once (no graceful pod termination, no finalizers). */
function goneAfterDelete(resource: ResourceName, obj: KubeObject): boolean {
  if ((obj.metadata?.finalizers ?? []).length > 0) return false;
  if (resource === 'pods' && podNodeName(obj)) return false;
  return true;
}

export function createNamespaceController(): Reconciler {
  /** Namespaces whose deletion has started, as last observed. */
  const terminating = new Set<string>();
  /** The object of the DELETED event `keysFor` is about to see (from `observe`). */
  let deleted: KubeObject | undefined;
  return {
    actor: 'controller-manager',
    name: COMPONENT_NAMESPACE,
    // Events are not watched (every recorded event would travel to the controller manager);
    // they are cleared with a DELETE on the collection, as the real controller does.
    watches: ['namespaces', ...CONTENT.map((c) => c.resource)],
    onStart() {
      terminating.clear();
    },
    observe(event) {
      deleted = event.type === 'DELETED' ? event.object : undefined;
    },
    keysFor(resource, obj) {
      if (resource === 'namespaces') {
        if (isDeleting(obj) && obj !== deleted) terminating.add(nameOf(obj));
        else terminating.delete(nameOf(obj));
        return [nameOf(obj)];
      }
      // Content matters only while its namespace is terminating (otherwise a sync is a no-op).
      const ns = obj.metadata?.namespace;
      return ns && terminating.has(ns) ? [ns] : [];
    },
    reconcile(key, cache, ctx) {
      const ns = cache.get('namespaces', undefined, key);
      if (!ns || !isDeleting(ns)) return { writes: [] };
      const writes: Write[] = [];
      const remaining = new Map<string, number>();
      const finalizers = new Map<string, number>();
      let deleted = 0;
      for (const { resource, group } of CONTENT) {
        const objs = cache.list(resource, key);
        if (objs.some((o) => !isDeleting(o))) {
          writes.push({ verb: 'deleteCollection', resource, namespace: key });
          deleted++;
        }
        for (const obj of objs) {
          if (!isDeleting(obj) && goneAfterDelete(resource, obj)) continue;
          const gr = `${resource}.${group}`;
          remaining.set(gr, (remaining.get(gr) ?? 0) + 1);
          for (const f of obj.metadata?.finalizers ?? [])
            finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
        }
      }
      const finishing = deleted === 0 && remaining.size === 0;
      // Events: with the first sweep, and once more just before the namespace goes (the
      // kubelets record Killing events while pods terminate).
      if (deleted > 0 || finishing) {
        writes.push({ verb: 'deleteCollection', resource: 'events', namespace: key });
      }
      const list = (m: Map<string, number>, what: string) =>
        [...m.entries()]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([k, n]) => `${k} ${what} ${n} resource instances`)
          .join(', ');
      const desired: Condition[] = [
        cond(
          ctx,
          'NamespaceDeletionDiscoveryFailure',
          'False',
          'ResourcesDiscovered',
          'All resources successfully discovered',
        ),
        cond(
          ctx,
          'NamespaceDeletionGroupVersionParsingFailure',
          'False',
          'ParsedGroupVersions',
          'All legacy kube types successfully parsed',
        ),
        cond(
          ctx,
          'NamespaceDeletionContentFailure',
          'False',
          'ContentDeleted',
          'All content successfully deleted, may be waiting on finalization',
        ),
        remaining.size > 0
          ? cond(
              ctx,
              'NamespaceContentRemaining',
              'True',
              'SomeResourcesRemain',
              `Some resources are remaining: ${list(remaining, 'has')}`,
            )
          : cond(
              ctx,
              'NamespaceContentRemaining',
              'False',
              'ContentRemoved',
              'All content successfully removed',
            ),
        finalizers.size > 0
          ? cond(
              ctx,
              'NamespaceFinalizersRemaining',
              'True',
              'SomeFinalizersRemain',
              `Some content in the namespace has finalizers remaining: ${list(finalizers, 'in')}`,
            )
          : cond(
              ctx,
              'NamespaceFinalizersRemaining',
              'False',
              'ContentHasNoFinalizers',
              'All content-preserving finalizers finished',
            ),
      ];
      const status = statusOf<{ phase?: string; conditions?: Condition[] }>(ns);
      const old = status.conditions ?? [];
      const conditions = desired.map((d) => {
        const prev = old.find((c) => c.type === d.type);
        return prev &&
          prev.status === d.status &&
          prev.reason === d.reason &&
          prev.message === d.message
          ? prev
          : d;
      });
      if (!deepEqual(conditions, old)) {
        const obj = withoutResourceVersion(ns);
        obj.status = { ...status, phase: 'Terminating', conditions };
        writes.unshift({ verb: 'updateStatus', resource: 'namespaces', obj });
      }
      const specFinalizers = specOf<{ finalizers?: string[] }>(ns).finalizers ?? [];
      if (finishing && specFinalizers.includes(FINALIZER_KUBERNETES)) {
        const obj = withoutResourceVersion(ns);
        obj.spec = {
          ...specOf<Record<string, unknown>>(ns),
          finalizers: specFinalizers.filter((f) => f !== FINALIZER_KUBERNETES),
        };
        writes.push({ verb: 'update', resource: 'namespaces', obj, subresource: 'finalize' });
      }
      return { writes };
    },
  };
}
