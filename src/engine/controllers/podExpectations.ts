/**
 * `controller.ControllerExpectations` for the controllers that create and delete pods one by
 * one (DaemonSet, Job): the pods a sync sent creates or deletes for and has not seen in its cache
 * yet. Until they show, or until they expire, the next sync waits instead of acting twice.
 */
import type { Cache } from '../runtime/controller.ts';
import { isDeleting } from './objects.ts';

/** `controller.ExpectationsTimeout`: creations or deletions never observed stop blocking after this. */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60_000;

export interface PodExpectations {
  /** Pod names created, not yet in the cache. */
  creates: Set<string>;
  /** Pod names deleted, still in the cache without a deletionTimestamp. */
  deletes: Set<string>;
  /** When they were set (they expire after EXPECTATIONS_TIMEOUT_MS). */
  at: number;
}

/** `SatisfiedExpectations` of `key`, after dropping what the cache of namespace `ns` now shows. */
export function satisfiedExpectations(
  expectations: Map<string, PodExpectations>,
  key: string,
  ns: string,
  cache: Cache,
  now: number,
): boolean {
  const e = expectations.get(key);
  if (!e) return true;
  for (const pod of e.creates) if (cache.get('pods', ns, pod)) e.creates.delete(pod);
  for (const pod of e.deletes) {
    const p = cache.get('pods', ns, pod);
    if (!p || isDeleting(p)) e.deletes.delete(pod);
  }
  if ((e.creates.size === 0 && e.deletes.size === 0) || now - e.at > EXPECTATIONS_TIMEOUT_MS) {
    expectations.delete(key);
    return true;
  }
  return false;
}
