/**
 * What a DaemonSet claims, after pkg/controller/controller_ref_manager.go `ClaimObject` as the
 * DaemonSet controller uses it (`getDaemonPods` → ClaimPods, `controlledHistories` →
 * ClaimControllerRevisions):
 *
 * - an object the DaemonSet controls whose labels still match its selector stays its own;
 * - one it controls that stopped matching is released (its controller reference removed),
 *   unless the DaemonSet is being deleted;
 * - an orphan of its namespace (no controller reference) that matches and is not being
 *   deleted is adopted: a patch adds the DaemonSet's controller reference.
 *
 * So a DaemonSet deleted with `--cascade=orphan` and created again with the same selector takes
 * its old pods back (one pod per node, nothing created) and its old ControllerRevisions (the
 * rollout history goes on). Objects controlled by anything else are never touched.
 */
import type { KubeObject } from '../api/types.ts';
import type { Cache, Write } from '../runtime/controller.ts';
import {
  controllerOf,
  controllerRef,
  isDeleting,
  type LabelSelector,
  nameOf,
  namespaceOf,
  type OwnerReference,
  ownerReferences,
  selectorMatches,
  specOf,
  uidOf,
} from './objects.ts';

type Claimable = 'pods' | 'controllerrevisions';

/**
 * `ClaimObject` over `controlled` (the objects whose controller reference is the DaemonSet's)
 * and, when given, the namespace's `candidates` for adoption. Pushes the adopt and release
 * patches to `writes`; returns the claimed objects (adopted ones as they will read, with the
 * new controller reference) and the adopted ones alone.
 */
export function claimObjects(
  ds: KubeObject,
  resource: Claimable,
  controlled: readonly KubeObject[],
  candidates: readonly KubeObject[] | undefined,
  writes: Write[],
): { claimed: KubeObject[]; adopted: KubeObject[] } {
  const uid = uidOf(ds);
  const selector = specOf<{ selector?: LabelSelector }>(ds).selector;
  const deleting = isDeleting(ds);
  const claimed: KubeObject[] = [];
  const adopted: KubeObject[] = [];
  const seen = new Set<string>();
  for (const obj of controlled) {
    seen.add(nameOf(obj));
    if (selectorMatches(selector, obj.metadata?.labels)) claimed.push(obj);
    else if (!deleting) {
      // Owned but no longer selected: release it.
      writes.push(
        ownersPatch(
          resource,
          obj,
          ownerReferences(obj).filter((r) => r.uid !== uid),
        ),
      );
    }
  }
  if (!candidates || deleting) return { claimed, adopted };
  const ns = namespaceOf(ds);
  for (const obj of candidates) {
    if (seen.has(nameOf(obj)) || controllerOf(obj) || isDeleting(obj)) continue;
    if (namespaceOf(obj) !== ns || !selectorMatches(selector, obj.metadata?.labels)) continue;
    const refs = [...ownerReferences(obj), controllerRef('daemonsets', ds)];
    writes.push(ownersPatch(resource, obj, refs));
    const taken = { ...obj, metadata: { ...obj.metadata, ownerReferences: refs } };
    claimed.push(taken);
    adopted.push(taken);
  }
  return { claimed, adopted };
}

/** A patch replacing an object's owner references (adoption or release). */
function ownersPatch(resource: Claimable, obj: KubeObject, refs: OwnerReference[]): Write {
  return {
    verb: 'patch',
    resource,
    namespace: namespaceOf(obj),
    name: nameOf(obj),
    patch: { metadata: { ownerReferences: refs.length > 0 ? refs : null } },
  };
}

/**
 * Adoptions sent but not yet seen in the informer cache: a sync in between must count the
 * adopted pods (or it would create a second pod on their nodes) and must not adopt them twice.
 * An entry goes once the cache shows the object controlled by the DaemonSet, or gone, or
 * controlled by someone else, or after `ttl`.
 */
export class PendingAdoptions {
  readonly #adopted = new Map<string, { resource: Claimable; obj: KubeObject; at: number }>();
  constructor(private readonly ttl: number) {}

  clear(): void {
    this.#adopted.clear();
  }

  adopted(resource: Claimable, obj: KubeObject, now: number): void {
    this.#adopted.set(`${resource}/${namespaceOf(obj)}/${nameOf(obj)}`, { resource, obj, at: now });
  }

  /** The objects of `resource` adopted for the DaemonSet `uid` that the cache does not show yet. */
  view(resource: Claimable, uid: string, cache: Cache, now: number): KubeObject[] {
    if (this.#adopted.size === 0) return [];
    const out: KubeObject[] = [];
    for (const [key, entry] of this.#adopted) {
      if (entry.resource !== resource || controllerOf(entry.obj)?.uid !== uid) continue;
      const cached = cache.get(resource, namespaceOf(entry.obj), nameOf(entry.obj));
      if (!cached || controllerOf(cached) || now - entry.at > this.ttl) {
        this.#adopted.delete(key);
      } else out.push(entry.obj);
    }
    return out;
  }
}
