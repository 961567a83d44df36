/**
 * The garbage collector (background propagation): an object whose owners (by
 * ownerReferences uid) are all gone is deleted. Owners of kinds the simulator does not model
 * (e.g. DaemonSet for kube-proxy pods) are assumed present. Objects are scanned per
 * namespace, so an owner's deletion finds its dependents without a reverse index.
 */
import type { KubeObject, ResourceName } from '../api/types.ts';
import type { Cache, Reconciler, Write } from '../runtime/controller.ts';
import {
  isDeleting,
  KINDS,
  nameOf,
  namespaceOf,
  ownerReferences,
  resourceOfKind,
} from './objects.ts';

export const COMPONENT_GC = 'garbage-collector-controller';

/** Resources whose objects can have owners (or be owners) in the simulator. */
const DEPENDENTS: ResourceName[] = ['replicasets', 'pods', 'leases', 'endpoints'];

/** Whether every verifiable owner of `obj` is gone. */
export function isOrphaned(obj: KubeObject, cache: Cache): boolean {
  const refs = ownerReferences(obj);
  if (refs.length === 0) return false;
  for (const ref of refs) {
    const resource = resourceOfKind(ref.kind);
    if (!resource) return false;
    const ns = KINDS[resource].namespaced ? namespaceOf(obj) : undefined;
    const owner = cache.get(resource, ns, ref.name);
    if (owner && owner.metadata?.uid === ref.uid) return false;
  }
  return true;
}

export function createGarbageCollector(): Reconciler {
  return {
    actor: 'controller-manager',
    name: COMPONENT_GC,
    watches: ['deployments', 'replicasets', 'pods', 'leases', 'nodes', 'endpoints'],
    keysFor(resource, obj) {
      // Node leases live in kube-node-lease; a node's deletion must look there.
      if (resource === 'nodes') return ['ns/kube-node-lease'];
      return [`ns/${namespaceOf(obj)}`];
    },
    reconcile(key, cache) {
      const ns = key.slice('ns/'.length);
      const writes: Write[] = [];
      for (const resource of DEPENDENTS) {
        for (const obj of cache.list(resource, ns)) {
          if (isDeleting(obj) || !isOrphaned(obj, cache)) continue;
          writes.push({ verb: 'delete', resource, namespace: ns, name: nameOf(obj) });
        }
      }
      return { writes };
    },
  };
}
