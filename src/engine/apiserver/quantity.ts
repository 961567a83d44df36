/**
 * resource.Quantity's canonical text (apimachinery pkg/api/resource, CanonicalizeBytes): what
 * the API server writes back for every quantity it decoded. The suffix family of the input is
 * kept (binary `Ki`…`Ei`, decimal `m`, `k`, `M`…, or an exponent `e6`), and the value is
 * printed with the largest unit that keeps it whole: `0.5` → `500m`, `1000m` → `1`,
 * `1024Mi` → `1Gi`, `1.5Gi` → `1536Mi`, `129e6` → `129e6`.
 */
import { quantityFraction } from '../scheduler/framework/quantity.ts';

const BINARY = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const BINARY_SUFFIX = /^(Ki|Mi|Gi|Ti|Pi|Ei)$/;
const DECIMAL_SUFFIX = /^(n|u|m|k|M|G|T|P|E)?$/;
const DECIMAL_BY_EXPONENT: Record<number, string> = {
  [-9]: 'n',
  [-6]: 'u',
  [-3]: 'm',
  0: '',
  3: 'k',
  6: 'M',
  9: 'G',
  12: 'T',
  15: 'P',
  18: 'E',
};
const NANO = 10n ** 9n;

/** The suffix of a quantity's text (what follows the number). */
function suffixOf(text: string): string {
  return /^[+-]?[0-9]*(?:\.[0-9]*)?(.*)$/.exec(text)?.[1] ?? '';
}

/** `m × 10^e` with e a multiple of 3 and m whole (AsCanonicalBytes). */
function decimalParts(num: bigint, den: bigint): { m: bigint; e: number } {
  let m = num;
  let e = -(den.toString().length - 1); // den is a power of ten
  while (m !== 0n && m % 10n === 0n) {
    m /= 10n;
    e++;
  }
  const r = ((e % 3) + 3) % 3;
  if (r === 1) {
    m *= 10n;
    e -= 1;
  } else if (r === 2) {
    m *= 100n;
    e -= 2;
  }
  return { m, e };
}

/**
 * The canonical text of a quantity (a string or the number a YAML parser produced), or
 * undefined when it is not a quantity.
 */
export function canonicalQuantity(input: unknown): string | undefined {
  if (typeof input !== 'string' && typeof input !== 'number') return undefined;
  const text = typeof input === 'number' ? String(input) : input;
  const exact = quantityFraction(text, 400, true);
  if (!exact) return undefined;
  let { num, den } = exact;
  // ParseQuantity keeps at most nanounits, rounding away from zero.
  if (den > NANO) {
    const q = (num * NANO) / den;
    num = (num * NANO) % den === 0n ? q : q + (num < 0n ? -1n : 1n);
    den = NANO;
  }
  if (num === 0n) return '0';
  const neg = num < 0n;
  const abs = neg ? -num : num;
  const sign = neg ? '-' : '';
  const suffix = suffixOf(text);
  let format: 'bin' | 'dec' | 'exp' = BINARY_SUFFIX.test(suffix)
    ? 'bin'
    : DECIMAL_SUFFIX.test(suffix)
      ? 'dec'
      : 'exp';
  if (format === 'bin' && (abs < 1024n * den || abs % den !== 0n)) format = 'dec';
  if (format === 'bin') {
    let v = abs / den;
    let i = 0;
    while (i < BINARY.length - 1 && v % 1024n === 0n) {
      v /= 1024n;
      i++;
    }
    return `${sign}${v}${BINARY[i]}`;
  }
  const { m, e } = decimalParts(abs, den);
  if (format === 'dec' && DECIMAL_BY_EXPONENT[e] !== undefined)
    return `${sign}${m}${DECIMAL_BY_EXPONENT[e]}`;
  return `${sign}${m}${e === 0 ? '' : `e${e}`}`;
}

/** -1, 0 or 1 as quantity `a` is less than, equal to or greater than `b` (both valid). */
export function compareQuantities(a: unknown, b: unknown): number {
  const x = quantityFraction(String(a));
  const y = quantityFraction(String(b));
  if (!x || !y) return 0;
  const l = x.num * y.den;
  const r = y.num * x.den;
  return l < r ? -1 : l > r ? 1 : 0;
}
