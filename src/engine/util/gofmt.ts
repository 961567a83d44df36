/**
 * Go's `fmt.Sprint` of decoded JSON (what an unstructured object holds: maps, slices, strings,
 * int64, float64, bool, nil), as kubectl's custom-columns printer writes a cell and the API
 * server quotes a patch it refused: `map[app:web tier:front]`, `[80 443]`, `<nil>`.
 */

/** `%v` of a float64: strconv's shortest `%g`, in exponent form below 1e-4 and from 1e6 up. */
export function goFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  const [mantissa = '', exp = '0'] = n.toExponential().split('e');
  const e = Number(exp);
  if (e < -4 || e >= 6) {
    const sign = e < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return String(n);
}

/** `fmt.Sprint(v)` for a JSON value; map keys sorted, as fmt prints them. */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v);
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `map[${keys.map((k) => `${k}:${goSprint(o[k])}`).join(' ')}]`;
  }
  return String(v);
}
