/**
 * `kubectl run --overrides=JSON --override-type=merge|strategic|json`: kubectl builds the Pod,
 * then patches its JSON with the learner's text before sending it (cmdutil.Overrider), with the
 * same patch code the API server applies a PATCH with (src/engine/apiserver).
 */
import { applyJsonPatch, decodeJsonPatch, JsonPatchError } from '../engine/apiserver/jsonPatch.ts';
import { mergePatch } from '../engine/apiserver/mergePatch.ts';
import { POD_SCHEMA } from '../engine/apiserver/patchMeta.ts';
import { StrategicMergeError, strategicMergePatch } from '../engine/apiserver/strategicMerge.ts';

export type OverrideType = 'merge' | 'strategic' | 'json';

/** What went wrong, in the words kubectl prints after `error: `. */
export class OverrideError extends Error {}

/**
 * `--override-type` names one of the three patch kinds. Overrider.Apply switches on it, only
 * when there are overrides, and before it reads them: any other value is its default case.
 */
export function overrideTypeOf(value: string): OverrideType {
  if (value === 'merge' || value === 'strategic' || value === 'json') return value;
  throw new OverrideError(`invalid override type: ${value}`);
}

/** The generated object with the override applied; throws OverrideError with kubectl's text. */
export function applyOverrides<T>(obj: T, overrides: string, type: OverrideType): T {
  let patch: unknown;
  try {
    patch = JSON.parse(overrides);
  } catch {
    // json-patch answers a patch it cannot parse with ErrBadJSONPatch.
    throw new OverrideError('Invalid JSON Patch');
  }
  const doc = obj as unknown as Record<string, unknown>;
  try {
    if (type === 'merge') return mergePatch(doc, patch) as T;
    if (type === 'json') {
      let ops: Record<string, unknown>[];
      try {
        ops = decodeJsonPatch(patch);
      } catch {
        throw new OverrideError('Invalid JSON Patch');
      }
      return applyJsonPatch(doc, ops) as T;
    }
    if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
      throw new OverrideError('invalid JSON document');
    }
    return strategicMergePatch(doc, patch as Record<string, unknown>, POD_SCHEMA) as T;
  } catch (e) {
    if (e instanceof JsonPatchError || e instanceof StrategicMergeError) {
      throw new OverrideError(e.message);
    }
    throw e;
  }
}
