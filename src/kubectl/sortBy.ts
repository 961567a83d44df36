/**
 * `kubectl get --sort-by` as kubectl 1.32 sorts (pkg/cmd/get/sorter.go): the first JSONPath
 * result of each object compared by `isLess` on decoded JSON — integers and floats as numbers,
 * strings as resource quantities when both parse as one (`500m` < `1`, `128Mi` < `1Gi`), else in
 * natural order (`web-2` < `web-10`; RFC 3339 timestamps so sort by time) — an object without the
 * field first.
 */

import { quantityFraction } from '../engine/scheduler/framework/quantity.ts';
import { goSort } from './goSort.ts';
import { evaluate } from './printers/jsonpath.ts';

/** `printers.RelaxedJSONPathExpression`: `.a.b`, `a.b`, `{a.b}` and `{.a.b}` all become `{.a.b}`. */
export function relaxedJsonPath(spec: string): string | undefined {
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(spec);
  if (!m) return undefined;
  return `{.${m[1] ?? m[2]}}`;
}

const utf8 = new TextEncoder();
const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;

/**
 * `sortorder.NaturalLess`: digit runs compare as numbers (fewer leading zeros first on a tie),
 * other bytes bytewise, a digit before any other byte.
 */
export function naturalLess(s1: string, s2: string): boolean {
  const a = utf8.encode(s1);
  const b = utf8.encode(s2);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const c1 = a[i] as number;
    const c2 = b[j] as number;
    const d1 = isDigit(c1);
    const d2 = isDigit(c2);
    if (d1 !== d2) return d1;
    if (!d1) {
      if (c1 !== c2) return c1 < c2;
      i++;
      j++;
      continue;
    }
    while (i < a.length && a[i] === 0x30) i++;
    while (j < b.length && b[j] === 0x30) j++;
    const nz1 = i;
    const nz2 = j;
    while (i < a.length && isDigit(a[i])) i++;
    while (j < b.length && isDigit(b[j])) j++;
    if (i - nz1 !== j - nz2) return i - nz1 < j - nz2;
    for (let k = 0; k < i - nz1; k++) {
      if (a[nz1 + k] !== b[nz2 + k]) return (a[nz1 + k] as number) < (b[nz2 + k] as number);
    }
    if (nz1 !== nz2) return nz1 < nz2;
  }
  return a.length < b.length;
}

/** isLess met a value it cannot order: `goType` is its Go type (%T). */
export class Unsortable extends Error {
  constructor(readonly goType: string) {
    super(`unsortable type: ${goType}`);
  }
}

/** An exact `resource.ParseQuantity` (sorter.go compares quantities with Cmp). */
const quantity = (s: string) => quantityFraction(s, 1000, true);

/**
 * sorter.go's `isLess` for two values of an unstructured object. A map or a list cannot be
 * ordered: Less's klog.Fatalf (thrown as Unsortable, with the Go type of the first value). Other
 * pairs it cannot order (a bool, an integer against a string) count as equal here.
 */
export function isLess(a: unknown, b: unknown): boolean {
  if (a === null && b === null) return false;
  if (a === null) return true;
  if (b === null) return false;
  if (Array.isArray(a)) throw new Unsortable('[]interface {}');
  if (typeof a === 'object') throw new Unsortable('map[string]interface {}');
  if (typeof a === 'number' && typeof b === 'number') {
    // An integer decodes to int64 and a fraction to float64; the two do not compare.
    return Number.isInteger(a) === Number.isInteger(b) && a < b;
  }
  if (typeof a === 'string' && typeof b === 'string') {
    const qa = quantity(a);
    const qb = qa && quantity(b);
    if (qa && qb) return qa.num * qb.den < qb.num * qa.den;
    return naturalLess(a, b);
  }
  return false;
}

/**
 * Sorts `items` in place by the first result of `path` ({.a.b} form), as Go's sort.Sort does
 * with sorter.go's Less (RuntimeSort and TableSorter alike): an item without a result is "less"
 * than any other. sort.Sort is not stable, so ties (a null `lastTimestamp`, equal times to the
 * second) come out in the order Go's pdqsort leaves them, as the real kubectl prints them.
 */
export function sortByPath<T>(items: T[], path: string, data: (item: T) => unknown): void {
  const keys = new Map<T, unknown[]>(items.map((it) => [it, evaluate(path, data(it))]));
  goSort(items, (x: T, y: T): boolean => {
    const kx = keys.get(x) ?? [];
    const ky = keys.get(y) ?? [];
    if (kx.length === 0) return true;
    if (ky.length === 0) return false;
    return isLess(kx[0], ky[0]);
  });
}

/** Whether `path` finds something in at least one item (else kubectl's "couldn't find" error). */
export function foundInAny<T>(items: T[], path: string, data: (item: T) => unknown): boolean {
  return items.some((it) => evaluate(path, data(it)).length > 0);
}
