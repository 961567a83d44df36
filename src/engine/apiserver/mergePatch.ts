import { shallowCopy } from '../util/persistentMap.ts';

/** JSON merge patch (RFC 7386) on plain JSON values; returns a new value. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  // shallowCopy, not a spread: the patch adds keys to the copy (see shallowCopy).
  const base: Record<string, unknown> =
    target !== null && typeof target === 'object' && !Array.isArray(target)
      ? shallowCopy(target as Record<string, unknown>)
      : {};
  for (const k of Object.keys(patch)) {
    const v = (patch as Record<string, unknown>)[k];
    if (v === null) delete base[k];
    else base[k] = mergePatch(base[k], v);
  }
  return base;
}
