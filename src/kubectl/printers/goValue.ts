/**
 * Go values as kubectl's go-template printer sees an object: `json.Unmarshal` into
 * `map[string]interface{}` with apimachinery's json (a whole number an int64, any other a float64,
 * null a nil interface), plus the few other
 * types template constants and functions make (int, uint8, string, bool). `fmt`'s printing of
 * them (`Sprint`, `Sprintln`, `Sprintf` with its verbs and `%!verb(type=value)` complaints).
 */

export type GoKind =
  | 'invalid'
  | 'nil'
  | 'string'
  | 'float64'
  | 'int64'
  | 'int'
  | 'uint8'
  | 'bool'
  | 'map'
  | 'slice';

/**
 * One reflect.Value. `iface`: held in an `interface {}` (what a map index or slice element of
 * decoded JSON is); kind `nil` only appears so, as a nil interface.
 */
export interface GoVal {
  k: GoKind;
  // biome-ignore lint/suspicious/noExplicitAny: the payload's type follows `k`.
  v?: any;
  iface?: boolean;
}

export const INVALID: GoVal = { k: 'invalid' };

/**
 * An empty struct value (`struct{}{}`), for callers whose data is a typed Go struct rather
 * than decoded JSON: docker's `nat.PortSet` and volume sets are `map[string]struct{}`, whose
 * values `fmt` prints as `{}` (a map would print `map[]`).
 */
export const GO_EMPTY_STRUCT: Readonly<Record<string, never>> = Object.freeze({});

/** A decoded JSON value as the element of a map or slice: inside an interface. */
export function fromJson(x: unknown): GoVal {
  return { ...concrete(x), iface: true };
}

/** A decoded JSON value as a concrete Go value (null: a nil interface). */
export function concrete(x: unknown): GoVal {
  if (x === null || x === undefined) return { k: 'nil' };
  if (typeof x === 'string') return { k: 'string', v: x };
  // util/json.Unmarshal: a json.Number that parses as an int64 is one, any other a float64.
  if (typeof x === 'number') return { k: Number.isInteger(x) ? 'int64' : 'float64', v: x };
  if (typeof x === 'boolean') return { k: 'bool', v: x };
  if (Array.isArray(x)) return { k: 'slice', v: x };
  return { k: 'map', v: x };
}

/** reflect.ValueOf(v.Interface()): the value out of its interface; a nil interface is invalid. */
export function unwrap(v: GoVal): GoVal {
  if (!v.iface) return v;
  if (v.k === 'nil') return INVALID;
  return { k: v.k, v: v.v };
}

/** The Go type's name as reflect prints it. */
export function typeName(v: GoVal): string {
  if (v.iface) return 'interface {}';
  switch (v.k) {
    case 'map':
      return 'map[string]interface {}';
    case 'slice':
      return '[]interface {}';
    case 'nil':
      return 'interface {}';
    default:
      return v.k;
  }
}

/** The JS value a GoVal carries back into JSON terms (for nested elements). */
export function toJs(v: GoVal): unknown {
  return v.k === 'nil' || v.k === 'invalid' ? null : v.v;
}

// ---------------------------------------------------------------- numbers

/** Decimal digits and decimal point position of |x|: x = 0.DIGITS × 10^dp. */
interface Digits {
  d: string;
  dp: number;
}

function fromExponential(s: string): Digits {
  const [mant = '0', exp = '0'] = s.split('e');
  let d = mant.replace('.', '').replace('-', '');
  d = d.replace(/0+$/, '');
  if (d === '') return { d: '0', dp: 1 };
  return { d, dp: Number(exp) + 1 };
}

function shortestDigits(x: number): Digits {
  return fromExponential(Math.abs(x).toExponential());
}

/** |x| = mant × 2^exp exactly, as BigInts. */
function exactBinary(x: number): { mant: bigint; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (bexp !== 0) mant |= 1n << 52n;
  return { mant, exp: (bexp === 0 ? 1 : bexp) - 1075 };
}

/** round(|x| × 10^shift) to an integer, ties to even (the exact decimal value, as strconv). */
function scaledRound(x: number, shift: number): bigint {
  const { mant, exp } = exactBinary(x);
  let num = mant;
  let den = 1n;
  if (exp >= 0) num <<= BigInt(exp);
  else den <<= BigInt(-exp);
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den *= 10n ** BigInt(-shift);
  const q = num / den;
  const r2 = (num % den) * 2n;
  if (r2 > den || (r2 === den && q % 2n === 1n)) return q + 1n;
  return q;
}

/** |x| rounded to `n` significant digits (n ≥ 1). */
function roundedDigits(x: number, n: number): Digits {
  if (x === 0) return { d: '0', dp: 1 };
  let e = Math.floor(Math.log10(Math.abs(x)));
  let q = scaledRound(x, n - 1 - e);
  if (q.toString().length > n) {
    e++;
    q = scaledRound(x, n - 1 - e);
  } else if (q.toString().length < n) {
    e--;
    q = scaledRound(x, n - 1 - e);
  }
  const d = q.toString().replace(/0+$/, '');
  return d === '' ? { d: '0', dp: 1 } : { d, dp: e + 1 };
}

/** |x| rounded to `prec` decimals. */
function fixedDigits(x: number, prec: number): Digits {
  const q = scaledRound(x, prec).toString();
  if (q === '0') return { d: '0', dp: 1 };
  const dp = q.length - prec;
  const d = q.replace(/0+$/, '');
  return { d: d === '' ? '0' : d, dp };
}

function fmtE(dg: Digits, prec: number, e: string): string {
  let s = dg.d[0] ?? '0';
  if (prec > 0) s += `.${dg.d.slice(1, prec + 1).padEnd(prec, '0')}`;
  const exp = dg.d === '0' ? 0 : dg.dp - 1;
  return `${s}${e}${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

function fmtF(dg: Digits, prec: number): string {
  let s = '';
  if (dg.dp > 0) s = dg.d.slice(0, dg.dp).padEnd(dg.dp, '0');
  else s = '0';
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) {
      const j = dg.dp + i - 1;
      s += j >= 0 && j < dg.d.length ? dg.d[j] : '0';
    }
  }
  return s;
}

/** strconv.FormatFloat(|x|, fmt, prec, 64) without the sign. */
function formatFloatAbs(x: number, verb: string, prec: number): string {
  const a = Math.abs(x);
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(a)) return 'Inf';
  switch (verb) {
    case 'e':
    case 'E': {
      const dg = prec < 0 ? shortestDigits(a) : roundedDigits(a, prec + 1);
      return fmtE(dg, prec < 0 ? dg.d.length - 1 : prec, verb);
    }
    case 'f':
    case 'F': {
      if (prec < 0) {
        const dg = shortestDigits(a);
        return fmtF(dg, Math.max(dg.d.length - dg.dp, 0));
      }
      return fmtF(fixedDigits(a, prec), prec);
    }
    default: {
      // 'g' / 'G'
      const e = verb === 'G' ? 'E' : 'e';
      let dg: Digits;
      let eprec: number;
      let p = prec;
      if (prec < 0) {
        dg = shortestDigits(a);
        p = dg.d.length;
        eprec = 6;
      } else {
        if (p === 0) p = 1;
        dg = roundedDigits(a, p);
        eprec = p;
        if (eprec > dg.d.length && dg.d.length >= dg.dp) eprec = dg.d.length;
      }
      const exp = dg.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (p > dg.d.length) p = dg.d.length;
        return fmtE(dg, p - 1, e);
      }
      if (p > dg.dp) p = dg.d.length;
      return fmtF(dg, Math.max(p - dg.dp, 0));
    }
  }
}

// ---------------------------------------------------------------- fmt

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  wid?: number;
  prec?: number;
}

const NO_FLAGS: Flags = { plus: false, minus: false, sharp: false, space: false, zero: false };

function pad(s: string, f: Flags): string {
  const w = f.wid;
  const n = [...s].length;
  if (w === undefined || n >= w) return s;
  if (f.minus) return s + ' '.repeat(w - n);
  return (f.zero ? '0' : ' ').repeat(w - n) + s;
}

/** A number with sign handling and zero padding after the sign. */
function padNumber(body: string, neg: boolean, f: Flags): string {
  const sign = neg ? '-' : f.plus ? '+' : f.space ? ' ' : '';
  if (f.zero && !f.minus && f.wid !== undefined) {
    const n = sign.length + body.length;
    if (n < f.wid) return sign + '0'.repeat(f.wid - n) + body;
    return sign + body;
  }
  return pad(sign + body, f);
}

/** strconv.Quote. */
export function goQuote(s: string): string {
  return quoteGo(s);
}

function quoteGo(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c === 0xfffd) out += '\\ufffd';
    else if ((c >= 0x80 && c < 0xa0) || c === 0xad) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function hexOf(s: string, upper: boolean, f: Flags): string {
  const bytes = new TextEncoder().encode(s);
  let out = '';
  for (const [i, b] of bytes.entries()) {
    if (f.space && i > 0) out += ' ';
    if (f.sharp && (f.space || i === 0)) out += upper ? '0X' : '0x';
    const h = b.toString(16).padStart(2, '0');
    out += upper ? h.toUpperCase() : h;
  }
  return out;
}

class Printer {
  buf = '';

  /** printArg / printValue of one value with one verb. */
  print(v: GoVal, verb: string, f: Flags, depth: number): void {
    if (verb === 'T') {
      this.buf += pad(v.k === 'nil' || v.k === 'invalid' ? '<nil>' : typeName({ k: v.k }), f);
      return;
    }
    if (v.k === 'nil' || v.k === 'invalid') {
      if (depth > 0 || verb === 'v') this.buf += pad('<nil>', f);
      else this.bad(verb, v);
      return;
    }
    switch (v.k) {
      case 'bool':
        if (verb === 't' || verb === 'v') this.buf += pad(String(v.v), f);
        else this.bad(verb, v);
        return;
      case 'int':
      case 'int64':
      case 'uint8':
        this.int(v, verb, f);
        return;
      case 'float64':
        this.float(v, verb, f);
        return;
      case 'string':
        this.str(v, verb, f);
        return;
      case 'map': {
        if (f.sharp && verb === 'v') {
          this.buf += goSyntax(v.v);
          return;
        }
        const o = v.v as Record<string, unknown>;
        if (o === GO_EMPTY_STRUCT) {
          this.buf += '{}';
          return;
        }
        const keys = Object.keys(o)
          .filter((k) => o[k] !== undefined)
          .sort();
        this.buf += 'map[';
        keys.forEach((k, i) => {
          if (i > 0) this.buf += ' ';
          this.print({ k: 'string', v: k }, verb, f, depth + 1);
          this.buf += ':';
          this.print(concrete(o[k]), verb, f, depth + 1);
        });
        this.buf += ']';
        return;
      }
      case 'slice': {
        if (f.sharp && verb === 'v') {
          this.buf += goSyntax(v.v);
          return;
        }
        const a = v.v as unknown[];
        this.buf += '[';
        a.forEach((x, i) => {
          if (i > 0) this.buf += ' ';
          this.print(concrete(x), verb, f, depth + 1);
        });
        this.buf += ']';
        return;
      }
    }
  }

  bad(verb: string, v: GoVal): void {
    this.buf += `%!${verb}(`;
    if (v.k === 'nil' || v.k === 'invalid') this.buf += '<nil>';
    else {
      this.buf += `${typeName({ k: v.k })}=`;
      this.print({ k: v.k, v: v.v }, 'v', NO_FLAGS, 0);
    }
    this.buf += ')';
  }

  int(v: GoVal, verb: string, f: Flags): void {
    const n = v.v as number;
    const neg = n < 0;
    const a = Math.abs(n);
    let body: string;
    switch (verb) {
      case 'v':
      case 'd':
        body = String(a);
        break;
      case 'b':
        body = a.toString(2);
        break;
      case 'o':
      case 'O':
        body = (verb === 'O' ? '0o' : f.sharp ? '0' : '') + a.toString(8);
        break;
      case 'x':
        body = (f.sharp ? '0x' : '') + a.toString(16);
        break;
      case 'X':
        body = (f.sharp ? '0X' : '') + a.toString(16).toUpperCase();
        break;
      case 'c':
        this.buf += pad(String.fromCodePoint(a), f);
        return;
      case 'q':
        this.buf += pad(`'${String.fromCodePoint(a)}'`, f);
        return;
      case 'U':
        this.buf += pad(`U+${a.toString(16).toUpperCase().padStart(4, '0')}`, f);
        return;
      default:
        this.bad(verb, v);
        return;
    }
    if (f.prec !== undefined) {
      body = body.padStart(f.prec, '0');
      this.buf += padNumber(body, neg, { ...f, zero: false });
      return;
    }
    this.buf += padNumber(body, neg, f);
  }

  float(v: GoVal, verb: string, f: Flags): void {
    const x = v.v as number;
    let fv: string;
    let prec = f.prec ?? -1;
    switch (verb) {
      case 'v':
      case 'g':
      case 'G':
        fv = verb === 'v' ? 'g' : verb;
        break;
      case 'e':
      case 'E':
      case 'f':
      case 'F':
        fv = verb;
        if (f.prec === undefined) prec = 6;
        break;
      default:
        this.bad(verb, v);
        return;
    }
    let body = formatFloatAbs(x, fv, prec);
    if (f.sharp && !body.includes('.') && /^[0-9]/.test(body) && !/e/i.test(body)) body += '.';
    const neg = x < 0 || Object.is(x, -0);
    if (!Number.isFinite(x)) {
      // Infinities and NaN are never zero padded.
      this.buf += padNumber(Number.isNaN(x) ? 'NaN' : 'Inf', neg && !Number.isNaN(x), {
        ...f,
        zero: false,
        plus: f.plus,
      });
      return;
    }
    this.buf += padNumber(body, neg, f);
  }

  str(v: GoVal, verb: string, f: Flags): void {
    let s = v.v as string;
    switch (verb) {
      case 'v':
      case 's':
        if (f.sharp && verb === 'v') {
          this.buf += pad(quoteGo(s), f);
          return;
        }
        if (f.prec !== undefined) s = [...s].slice(0, f.prec).join('');
        this.buf += pad(s, f);
        return;
      case 'q':
        if (f.prec !== undefined) s = [...s].slice(0, f.prec).join('');
        this.buf += pad(f.sharp && !s.includes('`') ? `\`${s}\`` : quoteGo(s), f);
        return;
      case 'x':
      case 'X':
        if (f.prec !== undefined) s = [...s].slice(0, f.prec).join('');
        this.buf += pad(hexOf(s, verb === 'X', f), f);
        return;
      default:
        this.bad(verb, v);
    }
  }
}

/** Go's `%#v` of decoded JSON: `map[string]interface {}{"a":1}`. */
function goSyntax(x: unknown): string {
  if (x === null || x === undefined) return 'interface {}(nil)';
  if (typeof x === 'string') return quoteGo(x);
  if (typeof x === 'number')
    return Number.isInteger(x)
      ? String(x)
      : formatFloatAbs(x, 'g', -1).replace(/^/, x < 0 ? '-' : '');
  if (Array.isArray(x)) return `[]interface {}{${x.map(goSyntax).join(', ')}}`;
  if (typeof x === 'object') {
    const o = x as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `map[string]interface {}{${keys.map((k) => `${quoteGo(k)}:${goSyntax(o[k])}`).join(', ')}}`;
  }
  return String(x);
}

/** fmt.Sprint: operands side by side, a space between two that are not strings. */
export function sprint(args: GoVal[]): string {
  const p = new Printer();
  let prevString = false;
  args.forEach((a, i) => {
    const isString = a.k === 'string';
    if (i > 0 && !isString && !prevString) p.buf += ' ';
    p.print(a, 'v', NO_FLAGS, 0);
    prevString = isString;
  });
  return p.buf;
}

/** fmt.Sprintln: operands separated by spaces, then a newline. */
export function sprintln(args: GoVal[]): string {
  const p = new Printer();
  args.forEach((a, i) => {
    if (i > 0) p.buf += ' ';
    p.print(a, 'v', NO_FLAGS, 0);
  });
  return `${p.buf}\n`;
}

/** fmt.Sprintf with Go's verbs, flags, width and precision (`*` too) and its error forms. */
export function sprintf(format: string, args: GoVal[]): string {
  const p = new Printer();
  let argNum = 0;
  const chars = [...format];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i] as string;
    if (c !== '%') {
      p.buf += c;
      i++;
      continue;
    }
    i++;
    const f: Flags = { ...NO_FLAGS };
    // Flags.
    for (; i < chars.length; i++) {
      const ch = chars[i];
      if (ch === '#') f.sharp = true;
      else if (ch === '0') f.zero = !f.minus;
      else if (ch === '+') f.plus = true;
      else if (ch === '-') {
        f.minus = true;
        f.zero = false;
      } else if (ch === ' ') f.space = true;
      else break;
    }
    // Width.
    if (chars[i] === '*') {
      i++;
      const a = args[argNum++];
      if (a && (a.k === 'int' || a.k === 'int64' || a.k === 'uint8')) {
        f.wid = a.v as number;
        if (f.wid < 0) {
          f.minus = true;
          f.zero = false;
          f.wid = -f.wid;
        }
      } else p.buf += '%!(BADWIDTH)';
    } else {
      let w = '';
      while (i < chars.length && /[0-9]/.test(chars[i] as string)) w += chars[i++];
      if (w !== '') f.wid = Number(w);
    }
    // Precision.
    if (chars[i] === '.') {
      i++;
      if (chars[i] === '*') {
        i++;
        const a = args[argNum++];
        if (a && (a.k === 'int' || a.k === 'int64' || a.k === 'uint8') && (a.v as number) >= 0)
          f.prec = a.v as number;
        else p.buf += '%!(BADPREC)';
      } else {
        let w = '';
        while (i < chars.length && /[0-9]/.test(chars[i] as string)) w += chars[i++];
        f.prec = w === '' ? 0 : Number(w);
      }
    }
    if (i >= chars.length) {
      p.buf += '%!(NOVERB)';
      break;
    }
    const verb = chars[i++] as string;
    if (verb === '%') {
      p.buf += '%';
      continue;
    }
    const a = args[argNum];
    if (a === undefined) {
      p.buf += `%!${verb}(MISSING)`;
      continue;
    }
    argNum++;
    if (verb === 'v' && f.plus) f.plus = false; // %+v: struct field names, not a sign.
    p.print(a, verb, f, 0);
  }
  if (argNum < args.length) {
    p.buf += '%!(EXTRA ';
    args.slice(argNum).forEach((a, j) => {
      if (j > 0) p.buf += ', ';
      if (a.k === 'nil' || a.k === 'invalid') p.buf += '<nil>';
      else {
        p.buf += `${typeName({ k: a.k })}=`;
        p.print({ k: a.k, v: a.v }, 'v', NO_FLAGS, 0);
      }
    });
    p.buf += ')';
  }
  return p.buf;
}

/** `%v` of one value (what a template action prints). */
export function formatValue(v: GoVal): string {
  return sprint([v]);
}
