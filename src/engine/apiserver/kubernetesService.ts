/**
 * kube-apiserver's own loop for the `kubernetes` Service: every 10 seconds it makes sure the
 * Service exists in `default` (its kubernetesservice controller) and that its Endpoints name the
 * API server (the lease endpoint reconciler). Delete either, and it is back within 10 s, with the
 * same cluster IP. Its EndpointsAdapter keeps the `kubernetes` EndpointSlice beside the Endpoints
 * the same way. The loop runs inside the API server: its reads and writes are no messages
 * between components, only the etcd writes they cause.
 */
import {
  kubernetesEndpointSlice,
  kubernetesEndpoints,
  kubernetesService,
} from '../bootstrap/bootstrap.ts';
import { nameOf, namespaceOf } from '../controllers/objects.ts';
import type { Reconciler, Write } from '../runtime/controller.ts';

/** How often the loop runs (kube-apiserver's `--endpoint-reconciler` interval, 10 s). */
export const KUBERNETES_SERVICE_INTERVAL_MS = 10_000;

const KEY = 'default/kubernetes';

export function createKubernetesServiceController(): Reconciler {
  return {
    actor: 'api-server',
    name: 'kubernetes-service-controller',
    watches: ['services', 'endpoints', 'endpointslices'],
    keysFor(_resource, obj) {
      return namespaceOf(obj) === 'default' && nameOf(obj) === 'kubernetes' ? [KEY] : [];
    },
    reconcile(_key, cache, ctx) {
      const service = cache.get('services', 'default', 'kubernetes');
      const endpoints = cache.get('endpoints', 'default', 'kubernetes');
      const slice = cache.get('endpointslices', 'default', 'kubernetes');
      if (service && endpoints && slice) return { writes: [] };
      // A loop, not a watch: the missing object comes back at the loop's next tick.
      const tick =
        Math.ceil(ctx.now / KUBERNETES_SERVICE_INTERVAL_MS) * KUBERNETES_SERVICE_INTERVAL_MS;
      if (ctx.now < tick) {
        ctx.requeueAfter(KEY, tick - ctx.now);
        return { writes: [] };
      }
      const writes: Write[] = [];
      if (!service) {
        writes.push({
          verb: 'create',
          resource: 'services',
          namespace: 'default',
          obj: kubernetesService(),
        });
      }
      if (!endpoints) {
        writes.push({
          verb: 'create',
          resource: 'endpoints',
          namespace: 'default',
          obj: kubernetesEndpoints(),
        });
      }
      if (!slice) {
        writes.push({
          verb: 'create',
          resource: 'endpointslices',
          namespace: 'default',
          obj: kubernetesEndpointSlice(),
        });
      }
      return { writes };
    },
  };
}
