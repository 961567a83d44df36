/**
 * A StatefulSet's `persistentVolumeClaimRetentionPolicy` (StatefulSetAutoDeletePVC, GA in 1.32),
 * after pkg/controller/statefulset (stateful_set_utils.go, stateful_pod_control.go). The
 * controller never deletes a claim itself: it sets owner references on the claims and the
 * garbage collector does the rest.
 *
 * - `whenDeleted: Delete`: each claim of a pod in the ordinal range gets a controller reference
 *   to the StatefulSet, so deleting the set deletes its claims.
 * - `whenScaled: Delete`: before a scale-down deletes its pods, each claim of a condemned pod
 *   gets a controller reference to that pod (and loses the set's), so the claim goes once its
 *   pod is gone.
 * - `Retain` (the default for both): no reference to the set or the pods.
 *
 * A claim with another controller is left alone (a `ConflictingController` warning); a reference
 * to an older set or pod of the same name (a stale one) makes the controller keep its hands off
 * the claim, and with `whenScaled: Delete` blocks the creation of the pod it names until the
 * garbage collector has deleted the claim.
 */
import type { KubeObject, ResourceName } from '../api/types.ts';
import {
  controllerRef,
  KINDS,
  nameOf,
  type OwnerReference,
  ownerReferences,
  specOf,
  uidOf,
} from './objects.ts';

type PolicyType = 'Retain' | 'Delete';

export interface RetentionPolicy {
  whenDeleted: PolicyType;
  whenScaled: PolicyType;
}

/** `getPersistentVolumeClaimRetentionPolicy`: Retain for what the spec leaves out. */
export function retentionPolicy(set: KubeObject): RetentionPolicy {
  const p = specOf<{
    persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string; whenScaled?: string };
  }>(set).persistentVolumeClaimRetentionPolicy;
  return {
    whenDeleted: p?.whenDeleted === 'Delete' ? 'Delete' : 'Retain',
    whenScaled: p?.whenScaled === 'Delete' ? 'Delete' : 'Retain',
  };
}

/** `matchesRef`: same API version, kind and name (the uid is not compared). */
function matchesRef(ref: OwnerReference, obj: KubeObject, resource: ResourceName): boolean {
  const info = KINDS[resource];
  return ref.apiVersion === info.apiVersion && ref.kind === info.kind && ref.name === nameOf(obj);
}

/** `hasOwnerRef`: a reference with the owner's uid, controller or not. */
function hasOwnerRef(target: KubeObject, owner: KubeObject): boolean {
  const uid = uidOf(owner);
  return ownerReferences(target).some((r) => r.uid === uid);
}

/** `hasStaleOwnerRef`: the first reference naming the object carries another uid. */
function hasStaleOwnerRef(target: KubeObject, obj: KubeObject, resource: ResourceName): boolean {
  for (const ref of ownerReferences(target)) {
    if (matchesRef(ref, obj, resource)) return ref.uid !== uidOf(obj);
  }
  return false;
}

/**
 * `hasUnexpectedController`: with a Delete policy, a controller of the claim other than the set
 * and the pod (or a reference to either with a uid of theirs that is gone).
 */
function hasUnexpectedController(claim: KubeObject, set: KubeObject, pod: KubeObject): boolean {
  const policy = retentionPolicy(set);
  if (policy.whenScaled === 'Retain' && policy.whenDeleted === 'Retain') return false;
  for (const ref of ownerReferences(claim)) {
    if (matchesRef(ref, set, 'statefulsets')) {
      if (ref.uid !== uidOf(set)) return true;
      continue;
    }
    if (matchesRef(ref, pod, 'pods')) {
      if (ref.uid !== uidOf(pod)) return true;
      continue;
    }
    if (ref.controller === true) return true;
  }
  return false;
}

/** `hasNonControllerOwner`: the set or the pod owns the claim without being its controller. */
function hasNonControllerOwner(claim: KubeObject, set: KubeObject, pod: KubeObject): boolean {
  return ownerReferences(claim).some(
    (r) => (r.uid === uidOf(set) || r.uid === uidOf(pod)) && r.controller !== true,
  );
}

/**
 * `isClaimOwnerUpToDate`: whether the claim's references agree with the policy for a pod in the
 * ordinal range or, `scaledDown`, outside it. A claim in an unknown state (stale references, or
 * another controller and none of ours) counts as up to date: it is not touched.
 */
export function claimOwnerUpToDate(
  claim: KubeObject,
  set: KubeObject,
  pod: KubeObject,
  scaledDown: boolean,
): boolean {
  if (hasStaleOwnerRef(claim, set, 'statefulsets') || hasStaleOwnerRef(claim, pod, 'pods')) {
    return true;
  }
  if (hasUnexpectedController(claim, set, pod)) {
    return !(hasOwnerRef(claim, set) || hasOwnerRef(claim, pod));
  }
  if (hasNonControllerOwner(claim, set, pod)) return false;
  const { whenScaled, whenDeleted } = retentionPolicy(set);
  const setRef = hasOwnerRef(claim, set);
  const podRef = hasOwnerRef(claim, pod);
  if (whenScaled === 'Retain' && whenDeleted === 'Retain') return !setRef && !podRef;
  if (whenScaled === 'Retain') return setRef && !podRef;
  if (whenDeleted === 'Retain') return !setRef && scaledDown === podRef;
  return scaledDown !== setRef && scaledDown === podRef;
}

/**
 * `updateClaimOwnerRefForSetAndPod`: the claim's references with ours scrubbed and put back as
 * the policy says (none at all next to an unexpected controller).
 */
export function claimOwnerRefs(
  claim: KubeObject,
  set: KubeObject,
  pod: KubeObject,
  scaledDown: boolean,
): OwnerReference[] {
  const unexpected = hasUnexpectedController(claim, set, pod);
  const refs = ownerReferences(claim).filter(
    (r) => !matchesRef(r, set, 'statefulsets') && !matchesRef(r, pod, 'pods'),
  );
  if (unexpected) return refs;
  const { whenScaled, whenDeleted } = retentionPolicy(set);
  const add = (resource: ResourceName, owner: KubeObject) => {
    if (!refs.some((r) => r.uid === uidOf(owner))) refs.push(controllerRef(resource, owner));
  };
  if (whenScaled === 'Delete' && scaledDown) add('pods', pod);
  else if (whenDeleted === 'Delete' && (whenScaled === 'Retain' || !scaledDown)) {
    add('statefulsets', set);
  }
  return refs;
}

/** Whether the claim has a controller other than the set and the pod (`ConflictingController`). */
export function hasConflictingController(
  claim: KubeObject,
  set: KubeObject,
  pod: KubeObject,
): boolean {
  return hasUnexpectedController(claim, set, pod);
}

/**
 * `PodClaimIsStale`: with `whenScaled: Delete`, an existing claim of the pod about to be made
 * still references an earlier pod of that name: the pod waits until the claim is gone.
 */
export function podClaimIsStale(
  set: KubeObject,
  pod: KubeObject,
  claims: readonly KubeObject[],
): boolean {
  if (retentionPolicy(set).whenScaled === 'Retain') return false;
  return claims.some((c) => hasStaleOwnerRef(c, pod, 'pods'));
}
