/**
 * The garbage collector: an object whose owners (by ownerReferences uid) are all gone is
 * deleted (background propagation). An owner deleted with `propagationPolicy: Foreground`
 * (finalizer `foregroundDeletion`) keeps existing until its dependents are gone; one deleted
 * with `Orphan` (finalizer `orphan`) has the owner references removed from its dependents.
 * The GC then removes its finalizer and the API server finishes the deletion.
 *
 * Owners of kinds the simulator does not model (e.g. DaemonSet for kube-proxy pods) are
 * assumed present. Objects are scanned per namespace, so an owner's deletion finds its
 * dependents without a reverse index.
 */
import type { KubeObject, ResourceName } from '../api/types.ts';
import type { Cache, Reconciler, Write } from '../runtime/controller.ts';
import {
  deepEqual,
  isDeleting,
  KINDS,
  nameOf,
  namespaceOf,
  ownerReferences,
  resourceOfKind,
  uidOf,
} from './objects.ts';

export const COMPONENT_GC = 'garbage-collector-controller';
export const FINALIZER_FOREGROUND = 'foregroundDeletion';
export const FINALIZER_ORPHAN = 'orphan';

/** Resources whose objects can have owners in the simulator. */
const DEPENDENTS: ResourceName[] = ['replicasets', 'pods', 'leases', 'endpoints'];
/** Resources whose objects own others. */
const OWNERS: ResourceName[] = ['deployments', 'replicasets', 'daemonsets'];

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

function dependentsOf(owner: KubeObject, cache: Cache): [ResourceName, KubeObject][] {
  const out: [ResourceName, KubeObject][] = [];
  for (const resource of DEPENDENTS) {
    for (const obj of cache.list(resource, namespaceOf(owner))) {
      if (ownerReferences(obj).some((r) => r.uid === uidOf(owner))) out.push([resource, obj]);
    }
  }
  return out;
}

function withoutFinalizer(resource: ResourceName, owner: KubeObject, finalizer: string): Write {
  const left = (owner.metadata?.finalizers ?? []).filter((f) => f !== finalizer);
  return {
    verb: 'patch',
    resource,
    namespace: namespaceOf(owner),
    name: nameOf(owner),
    patch: { metadata: { finalizers: left.length > 0 ? left : null } },
  };
}

export function createGarbageCollector(): Reconciler {
  /** What `observe` said about the event `keysFor` is about to see. */
  let last:
    | { obj: KubeObject; deleted: boolean; deleting: boolean; ownersChanged: boolean }
    | undefined;
  return {
    actor: 'controller-manager',
    name: COMPONENT_GC,
    watches: ['deployments', 'replicasets', 'daemonsets', 'pods', 'leases', 'nodes', 'endpoints'],
    observe(event) {
      last = {
        obj: event.object,
        deleted: event.type === 'DELETED',
        deleting: isDeleting(event.object),
        // The graph builder looks at a dependent again only when it is new or its owner
        // references changed; other updates leave the graph as it was.
        ownersChanged:
          event.type !== 'MODIFIED' ||
          !event.old ||
          (event.old.metadata?.ownerReferences !== event.object.metadata?.ownerReferences &&
            !deepEqual(
              event.old.metadata?.ownerReferences ?? [],
              event.object.metadata?.ownerReferences ?? [],
            )),
      };
    },
    keysFor(resource, obj) {
      const keys: string[] = [];
      if (resource === 'nodes' || OWNERS.includes(resource)) {
        const hint = last?.obj === obj ? last : undefined;
        const scanKey = resource === 'nodes' ? 'ns/kube-node-lease' : `ns/${namespaceOf(obj)}`;
        // Gone: its dependents (found through the owner index). Going with a finalizer
        // (Foreground/Orphan): the namespace. Without the `observe` hint, look anyway.
        if (!hint) keys.push(scanKey);
        else if (hint.deleted) keys.push(`gone/${uidOf(obj)}/${scanKey}`);
        else if (hint.deleting) keys.push(scanKey);
      }
      const ownersChanged = last?.obj === obj ? last.ownersChanged : true;
      if (resource !== 'nodes' && ownersChanged && ownerReferences(obj).length > 0) {
        keys.push(`obj/${resource}/${namespaceOf(obj)}/${nameOf(obj)}`);
      }
      last = undefined;
      return keys;
    },
    reconcile(workKey, cache) {
      let key = workKey;
      if (key.startsWith('gone/')) {
        const [, uid = '', ...rest] = key.split('/');
        // Without the owner index, fall back to scanning the namespace.
        if (!cache.owned) key = rest.join('/');
        else {
          const writes: Write[] = [];
          for (const resource of DEPENDENTS) {
            for (const obj of cache.owned(resource, uid)) {
              if (isDeleting(obj) || !isOrphaned(obj, cache)) continue;
              writes.push({
                verb: 'delete',
                resource,
                namespace: namespaceOf(obj),
                name: nameOf(obj),
              });
            }
          }
          return { writes };
        }
      }
      if (key.startsWith('obj/')) {
        const [, resource = '', ns = '', name = ''] = key.split('/');
        const obj = cache.get(resource as ResourceName, ns, name);
        if (!obj || isDeleting(obj) || !isOrphaned(obj, cache)) return { writes: [] };
        return {
          writes: [{ verb: 'delete', resource: resource as ResourceName, namespace: ns, name }],
        };
      }
      const ns = key.slice('ns/'.length);
      const writes: Write[] = [];
      const handled = new Set<string>();
      for (const resource of OWNERS) {
        for (const owner of cache.list(resource, ns)) {
          if (!isDeleting(owner)) continue;
          const finalizers = owner.metadata?.finalizers ?? [];
          const deps = dependentsOf(owner, cache);
          if (finalizers.includes(FINALIZER_ORPHAN)) {
            for (const [depResource, dep] of deps) {
              const left = ownerReferences(dep).filter((r) => r.uid !== uidOf(owner));
              writes.push({
                verb: 'patch',
                resource: depResource,
                namespace: ns,
                name: nameOf(dep),
                patch: { metadata: { ownerReferences: left.length > 0 ? left : null } },
              });
              handled.add(`${depResource}/${nameOf(dep)}`);
            }
            writes.push(withoutFinalizer(resource, owner, FINALIZER_ORPHAN));
          } else if (finalizers.includes(FINALIZER_FOREGROUND)) {
            for (const [depResource, dep] of deps) {
              handled.add(`${depResource}/${nameOf(dep)}`);
              if (!isDeleting(dep)) {
                writes.push({
                  verb: 'delete',
                  resource: depResource,
                  namespace: ns,
                  name: nameOf(dep),
                });
              }
            }
            if (deps.length === 0)
              writes.push(withoutFinalizer(resource, owner, FINALIZER_FOREGROUND));
          }
        }
      }
      for (const resource of DEPENDENTS) {
        for (const obj of cache.list(resource, ns)) {
          if (handled.has(`${resource}/${nameOf(obj)}`)) continue;
          if (isDeleting(obj) || !isOrphaned(obj, cache)) continue;
          writes.push({ verb: 'delete', resource, namespace: ns, name: nameOf(obj) });
        }
      }
      return { writes };
    },
  };
}
