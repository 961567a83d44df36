/**
 * Parsing of Kubernetes resource quantities (`500m`, `1Gi`, `2`, `128974848`, `1e3`, `1.5Mi` …).
 *
 * Like `resource.Quantity` the value is kept exact (a BigInt fraction) until it is rounded:
 * `value` rounds up to a whole unit (`Quantity.Value()`), `milli` rounds up to a thousandth
 * (`Quantity.MilliValue()`). The scheduler uses `milli` for CPU and `value` for memory and pods.
 */

/** The error text the API server gives for a malformed quantity (apimachinery `ErrFormatWrong`). */
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** A parsed quantity, rounded the way the scheduler reads it. */
export interface ParsedQuantity {
  /** Whole units, rounded up (bytes for memory, cores for CPU, count for pods). */
  value: number;
  /** Thousandths, rounded up (millicores for CPU). */
  milli: number;
}

export class QuantityError extends Error {
  constructor(readonly input: string) {
    super(QUANTITY_FORMAT_ERROR);
    this.name = 'QuantityError';
  }
}

const BINARY_SUFFIXES: Record<string, bigint> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};

const DECIMAL_SUFFIXES: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

const NUMBER = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(.*)$/;
const EXPONENT = /^[eE]([+-]?[0-9]+)$/;

// Exponents beyond this no longer change a rounded-up result that fits a double (or a value
// that is 0 versus tiny); clamping keeps BigInt arithmetic bounded for inputs like `1e999999`.
const MAX_EXPONENT = 400;

function pow10(e: number): bigint {
  return 10n ** BigInt(e);
}

/** Ceiling of num/den for den > 0. */
function ceilDiv(num: bigint, den: bigint): bigint {
  const q = num / den;
  return num % den > 0n ? q + 1n : q;
}

function toNumber(n: bigint): number {
  return Number(n);
}

/**
 * Parses a quantity. Numbers (as a YAML parser may produce for `cpu: 2`) are accepted too.
 * @throws QuantityError with the API server's message when the text is malformed.
 */
export function parseQuantity(input: string | number): ParsedQuantity {
  const parsed = tryParseQuantity(input);
  if (!parsed) throw new QuantityError(String(input));
  return parsed;
}

/** Like {@link parseQuantity} but returns `undefined` for malformed text. */
export function tryParseQuantity(
  input: string | number | undefined | null,
): ParsedQuantity | undefined {
  if (input === undefined || input === null) return undefined;
  const text = typeof input === 'number' ? numberText(input) : input;
  if (text === undefined) return undefined;
  const exact = quantityFraction(text);
  if (!exact) return undefined;
  const { num, den } = exact;
  return { value: toNumber(ceilDiv(num, den)), milli: toNumber(ceilDiv(num * 1000n, den)) };
}

/**
 * The exact value of a quantity's text, `num / den` with `den > 0`, or undefined when the text
 * is not a quantity. An exponent beyond `maxExponent` is clamped to it, or, with
 * `refuseBeyond`, makes the text no quantity.
 */
export function quantityFraction(
  text: string,
  maxExponent = MAX_EXPONENT,
  refuseBeyond = false,
): { num: bigint; den: bigint } | undefined {
  const m = NUMBER.exec(text);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1n : 1n;
  const whole = m[2] ?? '';
  const frac = m[3] ?? '';
  const suffix = m[4] ?? '';
  if (whole.length + frac.length === 0) return undefined;

  // value = sign × digits / 10^frac.length × multiplier
  let num = sign * BigInt(whole + frac || '0');
  let den = pow10(frac.length);
  const binary = BINARY_SUFFIXES[suffix];
  if (binary !== undefined) {
    num *= binary;
  } else {
    let exp: number | undefined = DECIMAL_SUFFIXES[suffix];
    if (exp === undefined) {
      const e = EXPONENT.exec(suffix);
      if (!e) return undefined;
      exp = Number.parseInt(e[1] ?? '0', 10);
      if (Math.abs(exp) > maxExponent) {
        if (refuseBeyond) return undefined;
        exp = Math.sign(exp) * maxExponent;
      }
    }
    if (exp >= 0) num *= pow10(exp);
    else den *= pow10(-exp);
  }
  return { num, den };
}

function numberText(n: number): string | undefined {
  if (!Number.isFinite(n)) return undefined;
  // String(1e21) is "1e+21", which the exponent form accepts.
  return String(n);
}
