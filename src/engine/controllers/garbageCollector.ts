/**
 * The garbage collector (pkg/controller/garbagecollector): an object whose owners (by
 * ownerReferences uid) are all gone is deleted (background propagation). An owner deleted with
 * `propagationPolicy: Foreground` (finalizer `foregroundDeletion`) keeps existing until its
 * blocking dependents (`blockOwnerDeletion: true`) are gone: `attemptToDeleteItem` deletes a
 * dependent that itself has dependents with Foreground too (a ReplicaSet shows deleting while
 * its pods terminate), and a dependent that goes re-queues its owners. One deleted with
 * `Orphan` (finalizer `orphan`) has the owner references removed from its dependents. The GC
 * then removes its finalizer and the API server finishes the deletion.
 *
 * Owners of kinds the simulator does not model are assumed present. Dependents are found
 * through the cache's owner index (a namespace scan without it). A pod owns something only
 * when a StatefulSet's retention policy gives it its claims: a deleted pod is looked at as an
 * owner only when it names a claim (no work for the pods of a plain Deployment).
 */
import type { KubeObject, ResourceName } from '../api/types.ts';
import type { Cache, Reconciler, Write } from '../runtime/controller.ts';
import {
  deepEqual,
  isDeleting,
  KINDS,
  nameOf,
  namespaceOf,
  type OwnerReference,
  ownerReferences,
  resourceOfKind,
  uidOf,
} from './objects.ts';
import { podClaimNames } from './persistentVolume.ts';

export const COMPONENT_GC = 'garbage-collector-controller';
export const FINALIZER_FOREGROUND = 'foregroundDeletion';
export const FINALIZER_ORPHAN = 'orphan';

/** Resources whose objects can have owners in the simulator. */
const DEPENDENTS: ResourceName[] = [
  'replicasets',
  'jobs',
  'pods',
  'leases',
  'endpoints',
  'endpointslices',
  'controllerrevisions',
  'persistentvolumeclaims',
];
/** Resources whose objects own others (a Service owns its EndpointSlices). */
const OWNERS: ResourceName[] = [
  'deployments',
  'replicasets',
  'daemonsets',
  'statefulsets',
  'jobs',
  'cronjobs',
  'services',
];

/** Every resource the GC follows for the dependency graph it keeps. */
const GRAPH: ResourceName[] = [
  'deployments',
  'replicasets',
  'daemonsets',
  'statefulsets',
  'jobs',
  'cronjobs',
  'pods',
  'leases',
  'nodes',
  'endpoints',
  'endpointslices',
  'controllerrevisions',
  'services',
  'persistentvolumeclaims',
];
/**
 * The other resources, Events excepted: the GC monitors every resource that can be listed,
 * watched and deleted (all but Events, its default ignored resources), so `kubectl delete cm x
 * --cascade=orphan|foreground` gets its `orphan` or `foregroundDeletion` finalizer removed
 * like any other object's. Here only such a finalizing object is a work item.
 */
const FINALIZED_ONLY: ReadonlySet<ResourceName> = new Set(
  (Object.keys(KINDS) as ResourceName[]).filter((r) => r !== 'events' && !GRAPH.includes(r)),
);
const WATCHED: ResourceName[] = [...GRAPH, ...FINALIZED_ONLY];

type Policy = 'Foreground' | 'Background' | 'Orphan';

function hasFinalizer(obj: KubeObject, finalizer: string): boolean {
  return obj.metadata?.finalizers?.includes(finalizer) ?? false;
}

/** The owner `ref` names, when it is in the cache with the same uid. */
function ownerOf(obj: KubeObject, ref: OwnerReference, cache: Cache): KubeObject | undefined {
  const resource = resourceOfKind(ref.kind);
  if (!resource) return undefined;
  const ns = KINDS[resource].namespaced ? namespaceOf(obj) : undefined;
  const owner = cache.get(resource, ns, ref.name);
  return owner && owner.metadata?.uid === ref.uid ? owner : undefined;
}

/** Whether every verifiable owner of `obj` is gone. */
export function isOrphaned(obj: KubeObject, cache: Cache): boolean {
  const refs = ownerReferences(obj);
  if (refs.length === 0) return false;
  for (const ref of refs) {
    if (!resourceOfKind(ref.kind) || ownerOf(obj, ref, cache)) return false;
  }
  return true;
}

/** Every object with an ownerReference to `owner` (the owner index, or a namespace scan). */
function dependentsOf(owner: KubeObject, cache: Cache): [ResourceName, KubeObject][] {
  const uid = uidOf(owner);
  const out: [ResourceName, KubeObject][] = [];
  for (const resource of DEPENDENTS) {
    const objs = cache.owned
      ? cache.owned(resource, uid)
      : cache.list(resource, namespaceOf(owner));
    for (const obj of objs) {
      if (ownerReferences(obj).some((r) => r.uid === uid)) out.push([resource, obj]);
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

function deleteWrite(resource: ResourceName, obj: KubeObject, policy?: Policy): Write {
  return {
    verb: 'delete',
    resource,
    namespace: namespaceOf(obj),
    name: nameOf(obj),
    ...(policy ? { propagationPolicy: policy } : {}),
  };
}

/**
 * `processDeletingDependentsItem`: an owner being deleted in the foreground loses its
 * finalizer once no dependent with `blockOwnerDeletion: true` is left; until then its
 * dependents not yet being deleted are attempted (`attemptToDeleteItem`).
 */
function deletingDependents(resource: ResourceName, owner: KubeObject, cache: Cache): Write[] {
  const uid = uidOf(owner);
  const deps = dependentsOf(owner, cache);
  const blocking = deps.some(([, dep]) =>
    ownerReferences(dep).some((r) => r.uid === uid && r.blockOwnerDeletion === true),
  );
  if (!blocking) return [withoutFinalizer(resource, owner, FINALIZER_FOREGROUND)];
  const writes: Write[] = [];
  // A dependent already being deleted is followed by its own work item (a Foreground one
  // deletes its own dependents; a terminating pod just goes).
  for (const [depResource, dep] of deps) {
    if (!isDeleting(dep)) writes.push(...attemptToDelete(depResource, dep, cache));
  }
  return writes;
}

/** The orphan finalizer: strip the owner reference from every dependent, then drop it. */
function orphanDependents(resource: ResourceName, owner: KubeObject, cache: Cache): Write[] {
  const writes: Write[] = [];
  for (const [depResource, dep] of dependentsOf(owner, cache)) {
    const left = ownerReferences(dep).filter((r) => r.uid !== uidOf(owner));
    writes.push({
      verb: 'patch',
      resource: depResource,
      namespace: namespaceOf(dep),
      name: nameOf(dep),
      patch: { metadata: { ownerReferences: left.length > 0 ? left : null } },
    });
  }
  writes.push(withoutFinalizer(resource, owner, FINALIZER_ORPHAN));
  return writes;
}

/** Whether any object names `obj` as an owner. */
function hasDependents(obj: KubeObject, cache: Cache): boolean {
  const uid = uidOf(obj);
  for (const resource of DEPENDENTS) {
    if (cache.owned) {
      if (cache.owned(resource, uid).length > 0) return true;
    } else if (
      cache
        .list(resource, namespaceOf(obj))
        .some((o) => ownerReferences(o).some((r) => r.uid === uid))
    ) {
      return true;
    }
  }
  return false;
}

/**
 * `attemptToDeleteItem`: an object whose owners are all gone, or being deleted in the
 * foreground, is deleted; with Foreground itself when an owner waits and it has dependents of
 * its own. References to such owners are dropped from an object that keeps a live owner.
 */
function attemptToDelete(resource: ResourceName, obj: KubeObject, cache: Cache): Write[] {
  if (isDeleting(obj)) {
    if (hasFinalizer(obj, FINALIZER_FOREGROUND)) return deletingDependents(resource, obj, cache);
    if (hasFinalizer(obj, FINALIZER_ORPHAN)) return orphanDependents(resource, obj, cache);
    return [];
  }
  const refs = ownerReferences(obj);
  if (refs.length === 0) return [];
  let solid = 0;
  let waiting = 0;
  // Made only when an owner is gone (a pod's sync mostly finds its owner).
  let gone: Set<string> | undefined;
  for (const ref of refs) {
    // Owners of kinds the simulator does not model are assumed present.
    if (!resourceOfKind(ref.kind)) {
      solid++;
      continue;
    }
    const owner = ownerOf(obj, ref, cache);
    if (owner && !(isDeleting(owner) && hasFinalizer(owner, FINALIZER_FOREGROUND))) {
      solid++;
      continue;
    }
    if (owner) waiting++;
    if (gone === undefined) gone = new Set();
    gone.add(ref.uid);
  }
  if (solid > 0) {
    if (gone === undefined) return [];
    const goneUids = gone;
    const left = refs.filter((r) => !goneUids.has(r.uid));
    return [
      {
        verb: 'patch',
        resource,
        namespace: namespaceOf(obj),
        name: nameOf(obj),
        patch: { metadata: { ownerReferences: left } },
      },
    ];
  }
  if (waiting > 0 && hasDependents(obj, cache)) return [deleteWrite(resource, obj, 'Foreground')];
  if (hasFinalizer(obj, FINALIZER_ORPHAN)) return [deleteWrite(resource, obj, 'Orphan')];
  if (hasFinalizer(obj, FINALIZER_FOREGROUND)) return [deleteWrite(resource, obj, 'Foreground')];
  return [deleteWrite(resource, obj)];
}

/** The resources whose objects the GC looks at when a dependent of theirs goes. */
const OWNER_KEYS: ReadonlySet<ResourceName> = new Set<ResourceName>([...OWNERS, 'nodes']);

/** The namespace scan an owner's change may call for (built only when it does). */
function scanKey(resource: ResourceName, ns: string): string {
  return resource === 'nodes' ? 'ns/kube-node-lease' : `ns/${ns}`;
}

function objKey(resource: ResourceName, ns: string, name: string): string {
  return `obj/${resource}/${ns}/${name}`;
}

export function createGarbageCollector(): Reconciler {
  /**
   * What `observe` said about the event `keysFor` is about to see (plain variables rather
   * than an object per event: every pod update passes here).
   */
  let lastObj: KubeObject | undefined;
  let lastDeleted = false;
  let lastDeleting = false;
  let lastOwnersChanged = false;
  return {
    actor: 'controller-manager',
    name: COMPONENT_GC,
    watches: WATCHED,
    observe(event) {
      lastObj = event.object;
      lastDeleted = event.type === 'DELETED';
      lastDeleting = isDeleting(event.object);
      // The graph builder looks at a dependent again only when it is new or its owner
      // references changed; other updates leave the graph as it was.
      lastOwnersChanged =
        event.type !== 'MODIFIED' ||
        !event.old ||
        (event.old.metadata?.ownerReferences !== event.object.metadata?.ownerReferences &&
          !deepEqual(
            event.old.metadata?.ownerReferences ?? [],
            event.object.metadata?.ownerReferences ?? [],
          ));
    },
    keysFor(resource, obj) {
      const keys: string[] = [];
      const hinted = lastObj === obj;
      lastObj = undefined;
      const ns = namespaceOf(obj);
      const owns = resource === 'nodes' || OWNERS.includes(resource);
      const hasOwners = ownerReferences(obj).length > 0;
      if (!hinted) {
        // Without the `observe` hint, look at the namespace anyway.
        if (owns) keys.push(scanKey(resource, ns));
        if (resource !== 'nodes' && hasOwners) keys.push(objKey(resource, ns, nameOf(obj)));
        return keys;
      }
      if (lastDeleted) {
        // Gone: its dependents (found through the owner index), and its owners, which may be
        // waiting for it to finish a foreground deletion.
        if (owns || (resource === 'pods' && podClaimNames(obj).length > 0)) {
          keys.push(`gone/${uidOf(obj)}/${scanKey(resource, ns)}`);
        }
        for (const ref of ownerReferences(obj)) {
          const owner = resourceOfKind(ref.kind);
          if (!owner || !OWNER_KEYS.has(owner)) continue;
          keys.push(objKey(owner, KINDS[owner].namespaced ? ns : '', ref.name));
        }
        return keys;
      }
      const finalizing =
        lastDeleting &&
        (hasFinalizer(obj, FINALIZER_FOREGROUND) || hasFinalizer(obj, FINALIZER_ORPHAN));
      if (FINALIZED_ONLY.has(resource)) {
        if (finalizing) keys.push(objKey(resource, ns, nameOf(obj)));
        return keys;
      }
      if (finalizing || (resource !== 'nodes' && lastOwnersChanged && hasOwners)) {
        keys.push(objKey(resource, ns, nameOf(obj)));
      }
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
              if (!isDeleting(obj)) writes.push(...attemptToDelete(resource, obj, cache));
            }
          }
          return { writes };
        }
      }
      if (key.startsWith('obj/')) {
        // `obj/<resource>/<ns>/<name>`, read without splitting (one per pod change).
        const a = key.indexOf('/', 4);
        const b = key.indexOf('/', a + 1);
        const c = key.indexOf('/', b + 1);
        const resource = key.slice(4, a);
        const ns = key.slice(a + 1, b);
        const name = c === -1 ? key.slice(b + 1) : key.slice(b + 1, c);
        const obj = cache.get(resource as ResourceName, ns || undefined, name);
        return { writes: obj ? attemptToDelete(resource as ResourceName, obj, cache) : [] };
      }
      const ns = key.slice('ns/'.length);
      const writes: Write[] = [];
      const handled = new Set<string>();
      for (const resource of OWNERS) {
        for (const owner of cache.list(resource, ns)) {
          if (!isDeleting(owner)) continue;
          handled.add(`${resource}/${nameOf(owner)}`);
          if (!hasFinalizer(owner, FINALIZER_FOREGROUND) && !hasFinalizer(owner, FINALIZER_ORPHAN))
            continue;
          for (const [depResource, dep] of dependentsOf(owner, cache))
            handled.add(`${depResource}/${nameOf(dep)}`);
          writes.push(...attemptToDelete(resource, owner, cache));
        }
      }
      for (const resource of DEPENDENTS) {
        for (const obj of cache.list(resource, ns)) {
          if (handled.has(`${resource}/${nameOf(obj)}`)) continue;
          writes.push(...attemptToDelete(resource, obj, cache));
        }
      }
      return { writes };
    },
  };
}
