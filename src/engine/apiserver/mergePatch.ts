import { cloneShared, cloneUnfrozen, shallowCopy } from '../util/persistentMap.ts';

type Obj = Record<string, unknown>;

function isMap(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** JSON merge patch (RFC 7386) on plain JSON values; returns a new value. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isMap(patch)) return patch;
  // shallowCopy, not a spread: the patch adds keys to the copy (see shallowCopy).
  const base: Obj = isMap(target) ? shallowCopy(target) : {};
  for (const k of Object.keys(patch)) {
    const v = patch[k];
    if (v === null) delete base[k];
    else base[k] = mergePatch(base[k], v);
  }
  return base;
}

/**
 * `cloneShared(mergePatch(target, patch))` in one pass: the merged value, sharing the frozen
 * parts of both and copying the rest, without building the intermediate merge first.
 */
export function mergePatchShared(target: unknown, patch: unknown): unknown {
  return isMap(patch) ? mergeShared(target, patch) : cloneShared(patch);
}

function mergeShared(target: unknown, patch: Obj): Obj {
  const base: Obj = {};
  if (isMap(target)) for (const k in target) base[k] = cloneUnfrozen(target[k]);
  for (const k of Object.keys(patch)) {
    const v = patch[k];
    if (v === null) delete base[k];
    else base[k] = isMap(v) ? mergeShared(base[k], v) : cloneUnfrozen(v);
  }
  return base;
}
