/**
 * The patch client-side `kubectl apply` sends for an object that exists: apimachinery
 * strategicpatch's CreateThreeWayMergePatch(original, modified, current, schema, overwrite=true).
 *
 * - `original`: the last-applied configuration (the annotation), `modified`: the file as applied
 *   now (with its new annotation), `current`: the live object.
 * - The delta is current → modified without deletions (what the file sets that the live object
 *   does not have, so server defaults and other writers' fields stay); the deletions are
 *   original → modified without changes or additions (what the file set last time and no longer
 *   does). The patch is the deletions merged with the delta, directives kept.
 * - Both diffs follow the patch metadata: lists tagged `merge` are diffed item by item by their
 *   merge key (`containers` by name, `ports` by containerPort, `env` by name…), so a field
 *   dropped inside an item becomes `null` in that item and a dropped item a
 *   `{"<key>": …, "$patch": "delete"}`; merged lists carry `$setElementOrder/<field>`, primitive
 *   ones `$deleteFromPrimitiveList/<field>`; a `retainKeys` field (Deployment `spec.strategy`,
 *   `volumes`) carries `$retainKeys`, so the server drops the keys the file no longer names.
 */
import { fieldMeta, fieldSchema, type PatchSchema } from '../engine/apiserver/patchMeta.ts';
import {
  elementKind,
  StrategicMergeError,
  sortByOrder,
  strategicMergePatch,
} from '../engine/apiserver/strategicMerge.ts';
import { goSprint } from '../engine/util/gofmt.ts';

type Obj = Record<string, unknown>;

interface DiffOptions {
  ignoreChangesAndAdditions: boolean;
  ignoreDeletions: boolean;
  /** The map being diffed is a `retainKeys` field: list its keys in `$retainKeys`. */
  buildRetainKeys: boolean;
}

const DIRECTIVE = '$patch';

function isMap(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** reflect.TypeOf of a decoded JSON value (every number is a float64). */
function goType(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'slice';
  return typeof v;
}

/** fmt.Sprintf("%v", v) as the sorting of scalars and merge keys compares it. */
function sprintV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  return typeof v === 'string' ? v : goSprint(v);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isMap(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

const deepEqual = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

function set(o: Obj, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

function noMergeKey(m: Obj, key: string): StrategicMergeError {
  return new StrategicMergeError(
    `map: ${goSprint(m)} does not contain declared merge key: ${key}`,
    'Unknown',
  );
}

/** sortScalars: by their `%v` text (sort.Sort; in place, as Go's is). */
function sortScalars(list: unknown[]): unknown[] {
  return list.sort((a, b) => {
    const x = sprintV(a);
    const y = sprintV(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** A strategic merge patch that turns `original` into `modified` (diffMaps). */
function diffMaps(
  original: Obj,
  modified: Obj,
  schema: PatchSchema | undefined,
  o: DiffOptions,
): Obj {
  const patch: Obj = {};
  const retainKeys: string[] = [];
  for (const key of Object.keys(modified)) {
    const mod = modified[key];
    if (o.buildRetainKeys && mod !== null) retainKeys.push(key);
    if (!Object.hasOwn(original, key)) {
      if (!o.ignoreChangesAndAdditions) set(patch, key, mod);
      continue;
    }
    const orig = original[key];
    if (key === DIRECTIVE) {
      if (typeof orig !== 'string' || typeof mod !== 'string') {
        throw new StrategicMergeError(`invalid value for special key: ${DIRECTIVE}`, 'Unknown');
      }
      if (orig !== mod) set(patch, DIRECTIVE, mod);
      continue;
    }
    if (goType(orig) !== goType(mod)) {
      if (!o.ignoreChangesAndAdditions) set(patch, key, mod);
      continue;
    }
    const meta = fieldMeta(schema, key);
    const retain = meta.strategy?.includes('retainKeys') ?? false;
    if (isMap(orig)) {
      const sub = diffMaps(orig, mod as Obj, fieldSchema(meta), { ...o, buildRetainKeys: retain });
      if (Object.keys(sub).length > 0) set(patch, key, sub);
    } else if (Array.isArray(orig) && meta.strategy?.startsWith('merge')) {
      const mergeKey = meta.mergeKey ?? '';
      const [add, del, order] = diffLists(orig, mod as unknown[], fieldSchema(meta), mergeKey, {
        ...o,
        buildRetainKeys: retain,
      });
      if (add.length > 0) set(patch, key, add);
      if (del.length > 0) set(patch, `$deleteFromPrimitiveList/${key}`, del);
      if (order.length > 0) set(patch, `$setElementOrder/${key}`, order);
    } else if (!o.ignoreChangesAndAdditions && !deepEqual(orig, mod)) {
      set(patch, key, mod);
    }
  }
  if (!o.ignoreDeletions) {
    for (const key of Object.keys(original))
      if (!Object.hasOwn(modified, key)) set(patch, key, null);
  }
  // hasAdditionalNewField: the original has a non-null key the modified map dropped.
  const dropped = Object.keys(original).some(
    (k) => original[k] !== null && !Object.hasOwn(modified, k),
  );
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || dropped)) {
    set(patch, '$retainKeys', sortScalars(retainKeys));
  }
  return patch;
}

/** diffLists: the patch list, the parallel deletion list and the `$setElementOrder` list. */
function diffLists(
  original: unknown[],
  modified: unknown[],
  schema: PatchSchema | undefined,
  mergeKey: string,
  o: DiffOptions,
): [unknown[], unknown[], unknown[]] {
  if (original.length === 0) {
    if (modified.length === 0 || o.ignoreChangesAndAdditions) return [[], [], []];
    return [modified, [], []];
  }
  const kind = elementKind([original, modified]);
  if (kind === 'map') {
    const [changed, deleted] = diffListsOfMaps(original, modified, schema, mergeKey, o);
    const patchList = [...sortByOrder(changed, modified, mergeKey, kind), ...deleted];
    const orderSame = isOrderSame(original, modified, mergeKey);
    const wantOrder =
      (!o.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) ||
      (!o.ignoreDeletions && patchList.length > 0);
    const order = wantOrder
      ? modified.map((v) => {
          const item: Obj = {};
          set(item, mergeKey, (v as Obj)[mergeKey]);
          return item;
        })
      : [];
    return [patchList, [], order];
  }
  // Go sorts the original in place; the order check below sees it sorted.
  const sortedOriginal = sortScalars([...original]);
  const sortedModified = sortScalars([...modified]);
  const add: unknown[] = [];
  const del: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < sortedOriginal.length || j < sortedModified.length) {
    const a = i < sortedOriginal.length ? sprintV(sortedOriginal[i]) : undefined;
    const b = j < sortedModified.length ? sprintV(sortedModified[j]) : undefined;
    if (a !== undefined && b !== undefined && a === b) {
      i++;
      j++;
    } else if (a === undefined || (b !== undefined && a > b)) {
      if (!o.ignoreChangesAndAdditions) add.push(sortedModified[j]);
      j++;
    } else {
      if (!o.ignoreDeletions) del.push(sortedOriginal[i]);
      i++;
    }
  }
  const dedupedDel = del.filter((v, k) => del.indexOf(v) === k);
  const patchList = sortByOrder(add, modified, '', kind);
  const wantOrder =
    (!o.ignoreDeletions && dedupedDel.length > 0) ||
    (!o.ignoreChangesAndAdditions && !deepEqual(sortedOriginal, modified));
  return [patchList, dedupedDel, wantOrder ? modified : []];
}

function mergeKeyOf(v: unknown, mergeKey: string): unknown {
  if (!isMap(v)) {
    throw new StrategicMergeError(
      `expected a map[string]interface {}, but received a ${goType(v)}`,
      'Unknown',
    );
  }
  if (!Object.hasOwn(v, mergeKey)) throw noMergeKey(v, mergeKey);
  return v[mergeKey];
}

/** diffListsOfMaps: items matched by merge key are diffed; new ones added; gone ones deleted. */
function diffListsOfMaps(
  original: unknown[],
  modified: unknown[],
  schema: PatchSchema | undefined,
  mergeKey: string,
  o: DiffOptions,
): [unknown[], unknown[]] {
  const byKey = (list: unknown[]) =>
    list
      .map((v) => ({ v: v as Obj, key: mergeKeyOf(v, mergeKey) }))
      .sort((x, y) => {
        const a = sprintV(x.key);
        const b = sprintV(y.key);
        return a < b ? -1 : a > b ? 1 : 0;
      });
  const orig = byKey(original);
  const mod = byKey(modified);
  const patch: unknown[] = [];
  const deletions: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < orig.length || j < mod.length) {
    const a = orig[i];
    const b = mod[j];
    const as = a && sprintV(a.key);
    const bs = b && sprintV(b.key);
    if (a && b && as === bs) {
      const sub = diffMaps(a.v, b.v, schema, o);
      if (Object.keys(sub).length > 0) {
        set(sub, mergeKey, b.key);
        patch.push(sub);
      }
      i++;
      j++;
    } else if (b && (!a || (as as string) > (bs as string))) {
      if (!o.ignoreChangesAndAdditions) patch.push(b.v);
      j++;
    } else if (a) {
      if (!o.ignoreDeletions) {
        const item: Obj = {};
        set(item, mergeKey, a.key);
        set(item, DIRECTIVE, 'delete');
        deletions.push(item);
      }
      i++;
    }
  }
  return [patch, deletions];
}

function isOrderSame(original: unknown[], modified: unknown[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  return modified.every((m, i) => mergeKeyOf(original[i], mergeKey) === mergeKeyOf(m, mergeKey));
}

/**
 * CreateThreeWayMergePatch with overwrite on. Inputs are decoded JSON and are not changed;
 * throws StrategicMergeError with strategicpatch's words.
 */
export function threeWayMergePatch(
  original: Obj | undefined,
  modified: Obj,
  current: Obj,
  schema: PatchSchema,
): Obj {
  const delta = diffMaps(current, modified, schema, {
    ignoreChangesAndAdditions: false,
    ignoreDeletions: true,
    buildRetainKeys: false,
  });
  const deletions = diffMaps(original ?? {}, modified, schema, {
    ignoreChangesAndAdditions: true,
    ignoreDeletions: false,
    buildRetainKeys: false,
  });
  return strategicMergePatch(deletions, delta, schema, {
    mergeParallelList: false,
    ignoreUnmatchedNulls: false,
  });
}
