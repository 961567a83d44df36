/**
 * `kubectl get --sort-by` as kubectl 1.32 sorts (pkg/cmd/get/sorter.go): the first JSONPath
 * result of each object compared by `isLess` on decoded JSON — integers and floats as numbers,
 * strings as resource quantities when both parse as one (`500m` < `1`, `128Mi` < `1Gi`), else as
 * Go compares strings, byte by byte (`web-10` < `web-9`, `X1` < `x01`; RFC 3339 timestamps so
 * sort by time; kubectl 1.32.5 has no natural order yet) — an object without the field first.
 */

import { quantityFraction } from '../engine/scheduler/framework/quantity.ts';
import { goSort } from './goSort.ts';
import { findResults, resultsUnwrapped } from './printers/jsonpath.ts';

/** `printers.RelaxedJSONPathExpression`: `.a.b`, `a.b`, `{a.b}` and `{.a.b}` all become `{.a.b}`. */
export function relaxedJsonPath(spec: string): string | undefined {
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(spec);
  if (!m) return undefined;
  return `{.${m[1] ?? m[2]}}`;
}

const utf8 = new TextEncoder();
/** Go's `<` on strings: their UTF-8 bytes in order. */
export function goStringLess(s1: string, s2: string): boolean {
  const a = utf8.encode(s1);
  const b = utf8.encode(s2);
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) {
    if (a[k] !== b[k]) return (a[k] as number) < (b[k] as number);
  }
  return a.length < b.length;
}

/**
 * isLess met a value it cannot order: `kind` is the reflect Kind of the first value (Less's
 * klog line says it), the message isLess's own error.
 */
export class Unsortable extends Error {
  constructor(
    message: string,
    readonly kind = 'interface',
  ) {
    super(message);
  }
}

/** An exact `resource.ParseQuantity` (sorter.go compares quantities with Cmp). */
const quantity = (s: string) => quantityFraction(s, 1000, true);

/** The dynamic Go type (%T) of a decoded JSON value. */
function goType(v: unknown): string {
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'object') return 'map[string]interface {}';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return 'string';
}

/**
 * sorter.go's `isLess` for two values of an unstructured object. A field's value comes wrapped
 * in an interface (reflect.Interface): nil first, int64 with int64, float64 with float64,
 * strings as quantities when both parse as one (else as Go compares strings, byte by byte);
 * any other pair is an error (a bool, a map, a list: `unsortable type: %T`; an int64 against a
 * string: `unsortable interface: interface`). `direct` values (what `..` gives, unwrapped) go by
 * their own kind: strings and numbers compare plainly, a list element by element, a map or a
 * bool is `unsortable type: map` / `bool`.
 */
export function isLess(a: unknown, b: unknown, direct = false): boolean {
  if (direct) {
    if (typeof a === 'string') return goStringLess(a, b as string);
    if (typeof a === 'number') return a < (b as number);
    if (Array.isArray(a)) {
      const other = b as unknown[];
      for (let i = 0; i < Math.min(a.length, other.length); i++) {
        if (!isLess(a[i], other[i])) return false;
      }
      return true;
    }
    const kind = typeof a === 'boolean' ? 'bool' : 'map';
    throw new Unsortable(`unsortable type: ${kind}`, kind);
  }
  if (a === null && b === null) return false;
  if (a === null) return true;
  if (b === null) return false;
  if (typeof a === 'object' || typeof a === 'boolean')
    throw new Unsortable(`unsortable type: ${goType(a)}`);
  if (typeof a === 'number' && typeof b === 'number' && goType(a) === goType(b)) return a < b;
  if (typeof a === 'string' && typeof b === 'string') {
    const qa = quantity(a);
    const qb = qa && quantity(b);
    if (qa && qb) return qa.num * qb.den < qb.num * qa.den;
    return goStringLess(a, b);
  }
  throw new Unsortable('unsortable interface: interface');
}

/**
 * Sorts `items` in place by the first value the template (`{.a.b}`) finds in each, as Go's
 * sort.Sort does with sorter.go's Less (RuntimeSort and TableSorter alike): an item without
 * one is "less" than any other. sort.Sort is not stable, so ties (a null `lastTimestamp`, equal
 * times to the second) come out in the order Go's pdqsort leaves them, as kubectl prints them.
 */
export function sortByPath<T>(items: T[], template: string, data: (item: T) => unknown): void {
  const keys = new Map<T, unknown[]>(items.map((it) => [it, firstResults(template, data(it))]));
  const direct = resultsUnwrapped(template);
  goSort(items, (x: T, y: T): boolean => {
    const kx = keys.get(x) ?? [];
    const ky = keys.get(y) ?? [];
    if (kx.length === 0) return true;
    if (ky.length === 0) return false;
    return isLess(kx[0], ky[0], direct);
  });
}

/** `values[0]`: what the template's first node found. */
const firstResults = (template: string, data: unknown): unknown[] =>
  findResults(template, data)[0] ?? [];

/** Whether the template finds something in at least one item (else "couldn't find any field"). */
export function foundInAny<T>(items: T[], template: string, data: (item: T) => unknown): boolean {
  return items.some((it) => firstResults(template, data(it)).length > 0);
}
