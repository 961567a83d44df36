/**
 * Strategic merge patch (application/strategic-merge-patch+json) as
 * k8s.io/apimachinery/pkg/util/strategicpatch applies one on the API server
 * (StrategicMergeMapPatch: MergeParallelList and IgnoreUnmatchedNulls on):
 *
 * - maps merge key by key, `null` deletes a key;
 * - a list whose field is tagged `patchStrategy:"merge"` merges: maps by their merge key
 *   (`containers` by name, `ports` by containerPort…), primitives as a set (`finalizers`);
 *   other lists are replaced whole (`tolerations`, node `taints`);
 * - directives: `$patch: replace|delete` in a map, `{"$patch": "replace"}` and
 *   `{"<key>": …, "$patch": "delete"}` in a merged list, `$deleteFromPrimitiveList/<field>`,
 *   `$retainKeys`, `$setElementOrder/<field>`;
 * - the order of a merged list: items named in the patch in the patch's order, the server's
 *   other items kept where they were relative to them, items new to the server first
 *   (normalizeElementOrder / mergeSortedSlice).
 */
import { goSprint } from '../util/gofmt.ts';
import { fieldMeta, fieldSchema, type PatchSchema } from './patchMeta.ts';

type Obj = Record<string, unknown>;

/**
 * A patch strategicpatch refuses. `kind` is how the API server answers it
 * (interpretStrategicMergePatchError): a BadRequest, a 422 with the generic Invalid message,
 * or an error with no reason (500, `Error from server: <message>`).
 */
export class StrategicMergeError extends Error {
  constructor(
    message: string,
    readonly kind: 'BadRequest' | 'Invalid' | 'Unknown',
  ) {
    super(message);
  }
}

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER = '$setElementOrder';

const BAD_PRIMITIVE_LIST = 'invalid patch format of primitive list';
const BAD_RETAIN_KEYS = 'invalid patch format of retainKeys';
const BAD_SET_ELEMENT_ORDER = 'invalid patch format of setElementOrder list';

function isMap(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** reflect.TypeOf, coarsely: what decides "same type" for merging. */
function kindOf(v: unknown): string {
  if (v === null) return 'nil';
  if (Array.isArray(v)) return 'slice';
  if (typeof v === 'object') return 'map';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return typeof v;
}

/** A deep copy of plain JSON (the engine's stored objects are frozen). */
function copyJson<T>(v: T): T {
  if (Array.isArray(v)) return v.map(copyJson) as T;
  if (isMap(v)) {
    const out: Obj = {};
    for (const k of Object.keys(v)) Object.defineProperty(out, k, own(copyJson(v[k])));
    return out as T;
  }
  return v;
}

/** An own, enumerable property (so a key like `__proto__` stays a plain key). */
function own(value: unknown): PropertyDescriptor {
  return { value, enumerable: true, writable: true, configurable: true };
}

function noMergeKey(m: Obj, key: string): StrategicMergeError {
  return new StrategicMergeError(
    `map: ${goSprint(m)} does not contain declared merge key: ${key}`,
    'Unknown',
  );
}

function badArgType(expected: 'map' | 'slice', actual: unknown): StrategicMergeError {
  const goType = (v: unknown): string =>
    v === null
      ? '%!s(<nil>)'
      : Array.isArray(v)
        ? '[]interface {}'
        : typeof v === 'object'
          ? 'map[string]interface {}'
          : typeof v === 'number'
            ? Number.isInteger(v)
              ? 'int64'
              : 'float64'
            : typeof v;
  const want = expected === 'map' ? 'map[string]interface {}' : '[]interface {}';
  return new StrategicMergeError(`expected a ${want}, but received a ${goType(actual)}`, 'Unknown');
}

/**
 * strategicpatch's MergeOptions. The API server applies a patch with both on; kubectl's
 * CreateThreeWayMergePatch merges its two half-patches (deletions, then the delta) with both
 * off, so directives, parallel lists and nulls are carried into the result instead of acted on.
 */
export interface MergeOptions {
  /** Act on `$retainKeys`, `$setElementOrder/…` and `$deleteFromPrimitiveList/…`. */
  mergeParallelList: boolean;
  /** A `null` deletes the key and is not kept in the result. */
  ignoreUnmatchedNulls: boolean;
}

const SERVER: MergeOptions = { mergeParallelList: true, ignoreUnmatchedNulls: true };

/**
 * Apply a strategic merge patch to `original` for a type described by `schema`. Neither input
 * is changed; throws StrategicMergeError with strategicpatch's words.
 */
export function strategicMergePatch(
  original: Obj,
  patch: Obj,
  schema: PatchSchema,
  options: MergeOptions = SERVER,
): Obj {
  return mergeMap(copyJson(original), copyJson(patch), schema, options);
}

function mergeMap(
  original: Obj | undefined,
  patch: Obj,
  schema: PatchSchema | undefined,
  o: MergeOptions,
): Obj {
  if (Object.hasOwn(patch, DIRECTIVE)) {
    const directive = patch[DIRECTIVE];
    if (directive === 'replace') {
      delete patch[DIRECTIVE];
      return patch;
    }
    if (directive === 'delete') return {};
    throw new StrategicMergeError(
      `unknown patch type: ${goSprint(directive)} in map: ${goSprint(patch)}`,
      'Unknown',
    );
  }
  const base: Obj = original ?? {};
  if (o.mergeParallelList) applyRetainKeys(base, patch);
  else keepRetainKeys(base, patch);
  mergeSetElementOrder(base, patch, schema, o);
  for (const key of Object.keys(patch)) {
    const patchV = patch[key];
    let k = key;
    let isDeleteList = false;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      if (!o.mergeParallelList) {
        // preprocessDeletionListForMerging: the list is carried over as it is.
        Object.defineProperty(base, key, own(patchV));
        continue;
      }
      k = extractKey(key, DELETE_FROM_PRIMITIVE_LIST, BAD_PRIMITIVE_LIST);
      isDeleteList = true;
      // A deletion list for a field the object does not have deletes nothing.
      if (!Object.hasOwn(base, k)) continue;
    }
    if (patchV === null) {
      delete base[k];
      if (o.ignoreUnmatchedNulls) continue;
    }
    if (!Object.hasOwn(base, k)) {
      Object.defineProperty(base, k, own(patchV));
      continue;
    }
    const origV = base[k];
    if (kindOf(origV) !== kindOf(patchV)) {
      base[k] = patchV;
      continue;
    }
    const meta = fieldMeta(schema, k);
    if (isMap(origV)) {
      base[k] = mergeMap(origV, patchV as Obj, fieldSchema(meta), o);
    } else if (Array.isArray(origV)) {
      base[k] = meta.strategy?.startsWith('merge')
        ? mergeSlice(
            origV,
            patchV as unknown[],
            meta.mergeKey ?? '',
            fieldSchema(meta),
            isDeleteList,
            o,
          )
        : patchV;
    } else {
      base[k] = patchV;
    }
  }
  return base;
}

/**
 * Without MergeParallelList (the original is itself a patch): `$retainKeys` moves from the patch
 * to the original, where the two must agree (applyRetainKeysDirective).
 */
function keepRetainKeys(original: Obj, patch: Obj): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS)) return;
  const v = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Object.hasOwn(original, RETAIN_KEYS)) {
    Object.defineProperty(original, RETAIN_KEYS, own(v));
  } else if (JSON.stringify(original[RETAIN_KEYS]) !== JSON.stringify(v)) {
    throw new StrategicMergeError(
      `${goSprint(original[RETAIN_KEYS])} and ${goSprint(v)} are not deep equal: this may happen when calculating the 3-way diff patch`,
      'Unknown',
    );
  }
}

/** `$retainKeys: [...]`: keys of the original not in the list go (applyRetainKeysDirective). */
function applyRetainKeys(original: Obj, patch: Obj): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS)) return;
  const list = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(list)) throw new StrategicMergeError(BAD_RETAIN_KEYS, 'BadRequest');
  const keep = new Set(list);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER))
      continue;
    if (!keep.has(k)) throw new StrategicMergeError(BAD_RETAIN_KEYS, 'BadRequest');
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

/** `<prefix>/<field>` → field. */
function extractKey(key: string, prefix: string, bad: string): string {
  const i = key.indexOf('/');
  if (i < 0 || key.slice(0, i) !== prefix) throw new StrategicMergeError(bad, 'BadRequest');
  return key.slice(i + 1);
}

/** `$setElementOrder/<field>`: merge that list now and put it in the given order (mergePatchIntoOriginal). */
function mergeSetElementOrder(
  original: Obj,
  patch: Obj,
  schema: PatchSchema | undefined,
  o: MergeOptions,
): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    delete patch[key];
    if (!o.mergeParallelList) {
      // mergePatchIntoOriginal: the directive moves to the original (which, being a patch
      // itself, may already carry the same one), and the list is still merged in its order.
      if (!Object.hasOwn(original, key)) Object.defineProperty(original, key, own(order));
      else if (JSON.stringify(original[key]) !== JSON.stringify(order)) {
        throw new StrategicMergeError(BAD_SET_ELEMENT_ORDER, 'BadRequest');
      }
    }
    if (!Array.isArray(order)) throw badArgType('slice', order);
    const k = extractKey(key, SET_ELEMENT_ORDER, BAD_SET_ELEMENT_ORDER);
    const foundOriginal = Object.hasOwn(original, k);
    const foundPatch = Object.hasOwn(patch, k);
    const origList = original[k];
    const patchList = patch[k];
    if (foundOriginal && !Array.isArray(origList)) throw badArgType('slice', origList);
    if (foundPatch && !Array.isArray(patchList)) throw badArgType('slice', patchList);
    const meta = fieldMeta(schema, k);
    const mergeKey = meta.mergeKey ?? '';
    validateOrder((patchList as unknown[] | undefined) ?? [], order, mergeKey);
    let merged: unknown[];
    if (foundOriginal && !foundPatch) merged = origList as unknown[];
    else if (!foundOriginal && foundPatch) merged = patchList as unknown[];
    else if (foundOriginal && foundPatch) {
      merged = meta.strategy?.startsWith('merge')
        ? mergeSlice(
            origList as unknown[],
            patchList as unknown[],
            mergeKey,
            fieldSchema(meta),
            false,
            o,
          )
        : (patchList as unknown[]);
    } else continue;
    const [inOrder, serverOnly] = partition(merged, order, mergeKey);
    const kind = elementKind([(origList as unknown[]) ?? [], (patchList as unknown[]) ?? []]);
    original[k] = normalizeElementOrder(
      inOrder,
      serverOnly,
      order,
      (origList as unknown[]) ?? [],
      mergeKey,
      kind,
    );
    delete patch[k];
  }
}

/** validatePatchWithSetOrderList: the patch's items must come in the order's relative order. */
function validateOrder(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey
    ? patchList.filter((v) => !(isMap(v) && v[DIRECTIVE] === 'delete'))
    : patchList;
  let p = 0;
  let o = 0;
  while (p < nonDelete.length && o < order.length) {
    const item = nonDelete[p];
    if (isMap(item) && Object.hasOwn(item, DIRECTIVE)) {
      p++;
      continue;
    }
    if (sameByKey(item, order[o], mergeKey)) p++;
    o++;
  }
  if (p < nonDelete.length && o >= order.length) {
    throw new StrategicMergeError(
      `The order in patch list:\n${goSprint(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goSprint(order)}\n`,
      'Unknown',
    );
  }
}

function sameByKey(left: unknown, right: unknown, mergeKey: string): boolean {
  if (!mergeKey) return left === right;
  if (!isMap(left)) throw badArgType('map', left);
  if (!isMap(right)) throw badArgType('map', right);
  if (!Object.hasOwn(left, mergeKey)) throw noMergeKey(left, mergeKey);
  if (!Object.hasOwn(right, mergeKey)) throw noMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

/** sliceElementType: the one kind of the lists' elements (no lists of lists, no mixing). */
export function elementKind(lists: unknown[][]): string {
  let kind: string | undefined;
  for (const list of lists) {
    for (const v of list) {
      const k = kindOf(v);
      if (kind === undefined) {
        kind = k;
        if (k === 'slice')
          throw new StrategicMergeError('lists of lists are not supported', 'Invalid');
      } else if (k !== kind) {
        throw new StrategicMergeError(
          `list element types are not identical: ${goSprint(lists)}`,
          'Unknown',
        );
      }
    }
  }
  if (kind === undefined) {
    throw new StrategicMergeError('no elements in any of the given slices', 'Unknown');
  }
  return kind;
}

function mergeSlice(
  original: unknown[],
  patch: unknown[],
  mergeKey: string,
  elemSchema: PatchSchema | undefined,
  isDeleteList: boolean,
  o: MergeOptions,
): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind([original, patch]);
  let merged: unknown[];
  if (kind !== 'map') {
    if (o.mergeParallelList && isDeleteList) return original.filter((v) => !patch.includes(v));
    merged = dedupe([...original, ...patch]);
  } else {
    if (mergeKey === '') {
      throw new StrategicMergeError('cannot merge lists without merge key for type map', 'Unknown');
    }
    [original, patch] = withSpecialElements(original, patch as Obj[], mergeKey);
    merged = withoutSpecialElements(original, patch as Obj[], mergeKey, elemSchema, o);
  }
  const [patchItems, serverOnly] = partition(merged, patch, mergeKey);
  return normalizeElementOrder(patchItems, serverOnly, patch, original, mergeKey, kind);
}

/** deduplicateScalars: the first of equal scalars stays (order is fixed by the caller). */
function dedupe(list: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const v of list) if (!out.includes(v)) out.push(v);
  return out;
}

/** mergeSliceWithSpecialElements: `$patch: delete` items delete, `$patch: replace` replaces. */
function withSpecialElements(
  original: unknown[],
  patch: Obj[],
  mergeKey: string,
): [unknown[], Obj[]] {
  const plain: Obj[] = [];
  let replace = false;
  let out = original;
  for (const v of patch) {
    if (!Object.hasOwn(v, DIRECTIVE)) {
      plain.push(v);
      continue;
    }
    const directive = v[DIRECTIVE];
    if (directive === 'delete') {
      if (!Object.hasOwn(v, mergeKey)) throw noMergeKey(v, mergeKey);
      out = out.filter(
        (o) => !(isMap(o) && Object.hasOwn(o, mergeKey) && o[mergeKey] === v[mergeKey]),
      );
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw new StrategicMergeError(
        'merging lists cannot yet be specified in the patch',
        'Unknown',
      );
    } else {
      throw new StrategicMergeError(
        `unknown patch type: ${goSprint(directive)} in map: ${goSprint(v)}`,
        'Unknown',
      );
    }
  }
  return replace ? [plain, []] : [out, plain];
}

/** mergeSliceWithoutSpecialElements: same merge key → merged maps; a new key is appended. */
function withoutSpecialElements(
  original: unknown[],
  patch: Obj[],
  mergeKey: string,
  elemSchema: PatchSchema | undefined,
  o: MergeOptions,
): unknown[] {
  const out = [...original];
  for (const v of patch) {
    if (!Object.hasOwn(v, mergeKey)) throw noMergeKey(v, mergeKey);
    const i = findByKey(out, mergeKey, v[mergeKey]);
    if (i >= 0) out[i] = mergeMap(out[i] as Obj, v, elemSchema, o);
    else out.push(v);
  }
  return out;
}

function findByKey(list: unknown[], mergeKey: string, value: unknown): number {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!isMap(v)) throw new StrategicMergeError(`value for key ${i} is not a map.`, 'Unknown');
    if (Object.hasOwn(v, mergeKey) && v[mergeKey] === value) return i;
  }
  return -1;
}

/** Items present in `by` (by merge key, or by value for primitives), and the others. */
function partition(list: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const inBy: unknown[] = [];
  const rest: unknown[] = [];
  for (const v of list) {
    let found: boolean;
    if (mergeKey) {
      if (!isMap(v)) throw badArgType('map', v);
      if (!Object.hasOwn(v, mergeKey)) throw noMergeKey(v, mergeKey);
      found = findByKey(by, mergeKey, v[mergeKey]) >= 0;
    } else found = by.includes(v);
    (found ? inBy : rest).push(v);
  }
  return [inBy, rest];
}

function indexIn(list: unknown[], item: unknown, mergeKey: string, kind: string): number {
  if (kind === 'map') {
    const want = isMap(item) ? item[mergeKey] : undefined;
    return list.findIndex((v) => isMap(v) && v[mergeKey] === want);
  }
  return list.indexOf(item);
}

/** normalizeSliceOrder: stable sort by position in `order`; `$patch: delete` items last. */
export function sortByOrder(
  toSort: unknown[],
  order: unknown[],
  mergeKey: string,
  kind: string,
): unknown[] {
  let items = toSort;
  let toDelete: unknown[] = [];
  if (kind === 'map') {
    for (const v of [...toSort, ...order]) {
      if (!isMap(v)) throw badArgType('map', v);
      if (!Object.hasOwn(v, mergeKey)) throw noMergeKey(v, mergeKey);
    }
    items = toSort.filter((v) => (v as Obj)[DIRECTIVE] !== 'delete');
    toDelete = toSort.filter((v) => (v as Obj)[DIRECTIVE] === 'delete');
  }
  // sort.SliceStable with strategicpatch's less: insertion sort, as Go's does in small slices.
  const out = [...items];
  const less = (a: unknown, b: unknown): boolean => {
    const ia = indexIn(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = indexIn(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  };
  for (let i = 1; i < out.length; i++) {
    for (let j = i; j > 0 && less(out[j], out[j - 1]); j--) {
      const t = out[j];
      out[j] = out[j - 1];
      out[j - 1] = t;
    }
  }
  return [...out, ...toDelete];
}

/**
 * normalizeElementOrder + mergeSortedSlice: patch items in the patch's order, server-only items
 * in the server's; each server-only item goes before the next patch item only when both are on
 * the server and it came first there — so items new to the server come first.
 */
function normalizeElementOrder(
  patchItems: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: string,
): unknown[] {
  const right = sortByOrder(patchItems, patchOrder, mergeKey, kind);
  const left = sortByOrder(serverOnly, serverOrder, mergeKey, kind);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}
