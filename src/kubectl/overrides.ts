/**
 * `kubectl run --overrides=JSON --override-type=merge|strategic|json`: kubectl builds the Pod,
 * then patches its JSON with the learner's text before sending it (cmdutil.Overrider).
 */
import { mergePatch } from '../engine/apiserver/mergePatch.ts';

export type OverrideType = 'merge' | 'strategic' | 'json';

/** What went wrong, in the words kubectl prints after `error: `. */
export class OverrideError extends Error {}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** `--override-type` must name one of the three patch kinds. */
export function overrideTypeOf(value: string): OverrideType {
  if (value === 'merge' || value === 'strategic' || value === 'json') return value;
  throw new OverrideError('--override-type must be one of (json, merge, strategic)');
}

/**
 * Strategic merge for the lists a Pod spec keys by name (containers, volumes, env…): entries
 * with the same `name` are merged, new ones appended; other lists are replaced, maps merged,
 * and `null` deletes a key — the parts of strategicpatch a `kubectl run` override meets.
 */
function strategicMerge(target: Json | undefined, patch: Json): Json {
  if (Array.isArray(patch)) {
    const keyed =
      Array.isArray(target) &&
      patch.every((p) => isObject(p) && typeof p.name === 'string') &&
      target.every((t) => isObject(t) && typeof t.name === 'string');
    if (!keyed) return patch;
    const out = [...(target as Json[])];
    for (const p of patch as Record<string, Json>[]) {
      const i = out.findIndex((t) => (t as Record<string, Json>).name === p.name);
      if (i < 0) out.push(p);
      else out[i] = strategicMerge(out[i], p);
    }
    return out;
  }
  if (!isObject(patch)) return patch;
  const base: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete base[k];
    else base[k] = strategicMerge(base[k], v);
  }
  return base;
}

/** RFC 6901 pointer tokens (`~1` is `/`, `~0` is `~`). */
function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new OverrideError(`Invalid JSON Patch`);
  return path
    .slice(1)
    .split('/')
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** RFC 6902 add / remove / replace (what overrides use); other ops are refused. */
function jsonPatch(doc: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw new OverrideError('Invalid JSON Patch');
  let root = structuredClone(doc);
  for (const op of ops) {
    if (!isObject(op) || typeof op.op !== 'string' || typeof op.path !== 'string') {
      throw new OverrideError('Invalid JSON Patch');
    }
    const tokens = pointer(op.path);
    if (tokens.length === 0) {
      if (op.op === 'add' || op.op === 'replace') root = structuredClone(op.value ?? null);
      else throw new OverrideError(`Unexpected kind: ${op.op}`);
      continue;
    }
    let parent: Json = root;
    for (const t of tokens.slice(0, -1)) {
      const next: Json | undefined = Array.isArray(parent)
        ? parent[Number(t)]
        : isObject(parent)
          ? parent[t]
          : undefined;
      if (next === undefined) {
        throw new OverrideError(
          `${op.op} operation does not apply: doc is missing path: ${op.path}`,
        );
      }
      parent = next;
    }
    const last = tokens[tokens.length - 1] as string;
    if (Array.isArray(parent)) {
      const i = last === '-' ? parent.length : Number(last);
      if (
        !Number.isInteger(i) ||
        i < 0 ||
        i > parent.length ||
        (op.op !== 'add' && i >= parent.length)
      ) {
        throw new OverrideError(
          `${op.op} operation does not apply: doc is missing path: ${op.path}`,
        );
      }
      if (op.op === 'add') parent.splice(i, 0, structuredClone(op.value ?? null));
      else if (op.op === 'replace') parent[i] = structuredClone(op.value ?? null);
      else if (op.op === 'remove') parent.splice(i, 1);
      else throw new OverrideError(`Unexpected kind: ${op.op}`);
    } else if (isObject(parent)) {
      if ((op.op === 'replace' || op.op === 'remove') && !(last in parent)) {
        throw new OverrideError(
          `${op.op} operation does not apply: doc is missing key: ${op.path}`,
        );
      }
      if (op.op === 'add' || op.op === 'replace') parent[last] = structuredClone(op.value ?? null);
      else if (op.op === 'remove') delete parent[last];
      else throw new OverrideError(`Unexpected kind: ${op.op}`);
    } else {
      throw new OverrideError(`${op.op} operation does not apply: doc is missing path: ${op.path}`);
    }
  }
  return root;
}

/** The generated object with the override applied; throws OverrideError with kubectl's text. */
export function applyOverrides<T>(obj: T, overrides: string, type: OverrideType): T {
  let patch: Json;
  try {
    patch = JSON.parse(overrides) as Json;
  } catch {
    // json-patch answers a patch it cannot parse with ErrBadJSONPatch.
    throw new OverrideError('Invalid JSON Patch');
  }
  const doc = structuredClone(obj) as unknown as Json;
  const out =
    type === 'merge'
      ? (mergePatch(doc, patch) as Json)
      : type === 'strategic'
        ? strategicMerge(doc, patch)
        : jsonPatch(doc, patch);
  return out as unknown as T;
}
