/**
 * Two small loops of kube-controller-manager that give every namespace its basics:
 * - `serviceaccount-controller` makes the `default` ServiceAccount in each active namespace
 *   (and makes it again if it is deleted);
 * - `root-ca-cert-publisher` keeps a `kube-root-ca.crt` ConfigMap with the cluster CA in each
 *   namespace (the file every pod's kube-api-access volume projects as ca.crt), restoring its
 *   data if someone changes it.
 * Neither acts in a terminating namespace: the namespace controller is emptying it.
 */
import type { KubeObject } from '../api/types.ts';
import {
  clusterCaCertificate,
  DEFAULT_SERVICE_ACCOUNT,
  defaultServiceAccount,
  ROOT_CA_CONFIGMAP,
  rootCaConfigMap,
} from '../bootstrap/namespaceContent.ts';
import type { Cache, Reconciler } from '../runtime/controller.ts';
import { deepEqual, isDeleting, nameOf, namespaceOf, statusOf } from './objects.ts';

export const COMPONENT_SERVICE_ACCOUNT = 'serviceaccount-controller';
export const COMPONENT_ROOT_CA = 'root-ca-cert-publisher';

/** A namespace that exists, is Active and is not being deleted. */
function activeNamespace(cache: Cache, name: string): KubeObject | undefined {
  const ns = cache.get('namespaces', undefined, name);
  if (!ns || isDeleting(ns)) return undefined;
  return statusOf<{ phase?: string }>(ns).phase === 'Terminating' ? undefined : ns;
}

export function createServiceAccountController(): Reconciler {
  return {
    actor: 'controller-manager',
    name: COMPONENT_SERVICE_ACCOUNT,
    watches: ['namespaces', 'serviceaccounts'],
    keysFor(resource, obj) {
      if (resource === 'namespaces') return [nameOf(obj)];
      return nameOf(obj) === DEFAULT_SERVICE_ACCOUNT ? [namespaceOf(obj)] : [];
    },
    reconcile(key, cache) {
      if (!activeNamespace(cache, key)) return { writes: [] };
      if (cache.get('serviceaccounts', key, DEFAULT_SERVICE_ACCOUNT)) return { writes: [] };
      return {
        writes: [
          {
            verb: 'create',
            resource: 'serviceaccounts',
            namespace: key,
            obj: defaultServiceAccount(key),
          },
        ],
      };
    },
  };
}

export function createRootCaPublisher(): Reconciler {
  return {
    actor: 'controller-manager',
    name: COMPONENT_ROOT_CA,
    watches: ['namespaces', 'configmaps'],
    keysFor(resource, obj) {
      if (resource === 'namespaces') return [nameOf(obj)];
      return nameOf(obj) === ROOT_CA_CONFIGMAP ? [namespaceOf(obj)] : [];
    },
    reconcile(key, cache) {
      if (!activeNamespace(cache, key)) return { writes: [] };
      const want = rootCaConfigMap(key, clusterCaCertificate());
      const have = cache.get('configmaps', key, ROOT_CA_CONFIGMAP);
      if (!have)
        return { writes: [{ verb: 'create', resource: 'configmaps', namespace: key, obj: want }] };
      const annotations = { ...have.metadata?.annotations, ...want.metadata?.annotations };
      if (
        deepEqual(have.data, want.data) &&
        deepEqual(have.metadata?.annotations ?? {}, annotations)
      ) {
        return { writes: [] };
      }
      // The publisher overwrites the data and its annotation, keeping everything else.
      const { resourceVersion: _rv, ...meta } = have.metadata ?? {};
      return {
        writes: [
          {
            verb: 'update',
            resource: 'configmaps',
            namespace: key,
            obj: { ...have, metadata: { ...meta, annotations }, data: want.data },
          },
        ],
      };
    },
  };
}
