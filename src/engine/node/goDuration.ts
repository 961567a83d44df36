/**
 * Go's `time.Duration.String()`, exactly: `797ms`, `1.256s`, `1m2.5s`, `1h0m0s`, `1.5µs`,
 * `0s`. The kubelet prints pull times with it after `Truncate(time.Millisecond)`.
 */

const NS_PER_US = 1_000;
const NS_PER_MS = 1_000_000;
const NS_PER_S = 1_000_000_000;

/** Digits of `v / 10^prec` after the point, trailing zeros dropped (Go's `fmtFrac`). */
function fmtFrac(v: number, prec: number): { frac: string; rest: number } {
  let digits = '';
  let print = false;
  let rest = v;
  for (let i = 0; i < prec; i++) {
    const digit = rest % 10;
    print = print || digit !== 0;
    if (print) digits = String(digit) + digits;
    rest = Math.floor(rest / 10);
  }
  return { frac: print ? `.${digits}` : '', rest };
}

/** `time.Duration(ns).String()` for an integer number of nanoseconds. */
export function formatGoDuration(nanoseconds: number): string {
  const neg = nanoseconds < 0;
  let u = Math.abs(Math.trunc(nanoseconds));
  let out: string;
  if (u < NS_PER_S) {
    if (u === 0) return '0s';
    let unit: string;
    let prec: number;
    if (u < NS_PER_US) {
      unit = 'ns';
      prec = 0;
    } else if (u < NS_PER_MS) {
      unit = 'µs';
      prec = 3;
    } else {
      unit = 'ms';
      prec = 6;
    }
    const { frac, rest } = fmtFrac(u, prec);
    out = `${rest}${frac}${unit}`;
  } else {
    const { frac, rest } = fmtFrac(u, 9);
    u = rest;
    out = `${u % 60}${frac}s`;
    u = Math.floor(u / 60);
    if (u > 0) {
      out = `${u % 60}m${out}`;
      u = Math.floor(u / 60);
      if (u > 0) out = `${u}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}

/** A duration given in milliseconds, truncated to whole milliseconds, as Go prints it. */
export function formatMillis(ms: number): string {
  return formatGoDuration(Math.trunc(ms) * NS_PER_MS);
}
