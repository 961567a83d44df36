/**
 * A shell's arithmetic (`$((expr))`, `((expr))`, `let`, `for ((…))`) as bash evaluates it:
 * 64-bit signed integers, every C operator bash knows with its precedence (`,` `=` `+=`… `?:`
 * `||` `&&` `|` `^` `&` `==` `!=` `<` `<=` `>` `>=` `<<` `>>` `+` `-` `*` `/` `%` `**`, unary
 * `- + ! ~`, `++`/`--` before and after a name), decimal, `0x` hex, `0` octal and `BASE#n`
 * constants, and variables with or without `$` (unset or empty ones are 0, a value that is an
 * expression is evaluated). `&&`, `||` and `?:` do not evaluate the side they skip. Shared by the
 * container shells (node/program.ts) and the learner's console.
 */

/**
 * Why `$((expr))` has no value: `division` for a division or remainder by zero (bash: "division
 * by 0"), `syntax` for anything else it cannot read.
 */
export type ArithmeticFailure = { failed: 'division' | 'syntax' };

/** A variable store for arithmetic: reads, and (for `=`, `++`…) writes. */
export interface ArithmeticVars {
  get(name: string): string | undefined;
  /** Sets a variable; without it an assignment is not evaluated (a syntax failure). */
  set?(name: string, value: string): void;
}

/** The value, or bash's message (`division by 0`, `syntax error: …`) and its error token. */
export type ArithmeticResult =
  | { value: bigint }
  | { error: string; token: string; division: boolean };

class ArithError extends Error {
  constructor(
    message: string,
    readonly token: string,
    readonly division = false,
  ) {
    super(message);
  }
}

const OPERATORS = [
  '<<=',
  '>>=',
  '**',
  '++',
  '--',
  '<<',
  '>>',
  '<=',
  '>=',
  '==',
  '!=',
  '&&',
  '||',
  '*=',
  '/=',
  '%=',
  '+=',
  '-=',
  '&=',
  '^=',
  '|=',
];
const ASSIGN_OPS = new Set(['=', '*=', '/=', '%=', '+=', '-=', '<<=', '>>=', '&=', '^=', '|=']);

interface Tok {
  text: string;
  at: number;
  kind: 'num' | 'name' | 'op' | 'end';
}

function tokenize(expr: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = expr.slice(i);
    const num = /^(?:\d+#[0-9A-Za-z@_]+|0[xX][0-9A-Fa-f]*|\d+[0-9A-Za-z]*)/.exec(rest);
    if (num) {
      out.push({ text: num[0], at: i, kind: 'num' });
      i += num[0].length;
      continue;
    }
    const name = /^\$?\{?[A-Za-z_][A-Za-z0-9_]*\}?/.exec(rest);
    if (name) {
      out.push({
        text: name[0].replace(/^\$\{?|\}$/g, '').replace(/^\$/, ''),
        at: i,
        kind: 'name',
      });
      i += name[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => rest.startsWith(o)) ?? c;
    out.push({ text: op, at: i, kind: 'op' });
    i += op.length;
  }
  out.push({ text: '', at: expr.length, kind: 'end' });
  return out;
}

const MIN = -(2n ** 63n);

/** Wraps to 64 bits, as bash's intmax_t arithmetic does. */
function wrap(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

/** A constant's value (`10`, `0x1f`, `017`, `2#101`), or an error for a bad digit. */
function constant(text: string): bigint {
  const bad = () => new ArithError('value too great for base', text);
  let base = 10;
  let digits = text;
  const hash = text.indexOf('#');
  if (hash >= 0) {
    base = Number(text.slice(0, hash));
    digits = text.slice(hash + 1);
    if (base < 2 || base > 64) throw new ArithError('invalid arithmetic base', text);
  } else if (/^0[xX]/.test(text)) {
    base = 16;
    digits = text.slice(2);
    if (digits === '') throw new ArithError('invalid integer constant', text);
  } else if (text.length > 1 && text.startsWith('0')) {
    base = 8;
    digits = text.slice(1);
  }
  let v = 0n;
  for (const ch of digits) {
    let d: number;
    if (/\d/.test(ch)) d = Number(ch);
    else if (/[a-z]/.test(ch)) d = ch.charCodeAt(0) - 87;
    else if (/[A-Z]/.test(ch)) d = base <= 36 ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 29;
    else if (ch === '@') d = 62;
    else d = 63;
    if (d >= base) throw bad();
    v = wrap(v * BigInt(base) + BigInt(d));
  }
  return v;
}

class Parser {
  pos = 0;
  /** Above zero while evaluating the side `&&`, `||` or `?:` skips: no assignments, no errors. */
  skip = 0;
  constructor(
    readonly tokens: Tok[],
    readonly expr: string,
    readonly vars: ArithmeticVars,
    readonly depth: number,
  ) {}

  get tok(): Tok {
    return this.tokens[this.pos] as Tok;
  }

  /** The text from the current token on, as bash's "error token is". */
  errorToken(): string {
    // At the end bash names the last token it read (`5 + ` → "+ ").
    const t = this.tok.kind === 'end' && this.pos > 0 ? this.tokens[this.pos - 1] : this.tok;
    return this.expr.slice(t?.at ?? this.expr.length);
  }

  fail(message: string): never {
    throw new ArithError(message, this.errorToken());
  }

  is(text: string): boolean {
    return this.tok.kind === 'op' && this.tok.text === text;
  }

  variable(name: string): bigint {
    const raw = this.vars.get(name);
    if (raw === undefined || raw.trim() === '') return 0n;
    const v = raw.trim();
    if (/^-?\d+$/.test(v)) return wrap(BigInt(v));
    if (this.depth > 32) throw new ArithError('expression recursion level exceeded', v);
    const r = evaluate(v, this.vars, this.depth + 1);
    if ('error' in r) throw new ArithError(r.error, r.token, r.division);
    return r.value;
  }

  assign(name: string, value: bigint): bigint {
    if (this.skip > 0) return value;
    if (!this.vars.set) throw new ArithError('attempted assignment', name);
    this.vars.set(name, String(value));
    return value;
  }

  comma(): bigint {
    let v = this.assignment();
    while (this.is(',')) {
      this.pos++;
      v = this.assignment();
    }
    return v;
  }

  assignment(): bigint {
    const t = this.tok;
    const next = this.tokens[this.pos + 1];
    if (t.kind === 'name' && next?.kind === 'op' && ASSIGN_OPS.has(next.text)) {
      this.pos += 2;
      const rhs = this.assignment();
      if (next.text === '=') return this.assign(t.text, rhs);
      const lhs = this.variable(t.text);
      return this.assign(t.text, this.binary(next.text.slice(0, -1), lhs, rhs));
    }
    return this.conditional();
  }

  conditional(): bigint {
    const cond = this.logicalOr();
    if (!this.is('?')) return cond;
    this.pos++;
    if (cond === 0n) this.skip++;
    const a = this.comma();
    if (cond === 0n) this.skip--;
    if (!this.is(':')) this.fail("syntax error: `:' expected for conditional expression");
    this.pos++;
    if (cond !== 0n) this.skip++;
    const b = this.conditional();
    if (cond !== 0n) this.skip--;
    return cond !== 0n ? a : b;
  }

  logicalOr(): bigint {
    let v = this.logicalAnd();
    while (this.is('||')) {
      this.pos++;
      if (v !== 0n) this.skip++;
      const r = this.logicalAnd();
      if (v !== 0n) this.skip--;
      v = v !== 0n || r !== 0n ? 1n : 0n;
    }
    return v;
  }

  logicalAnd(): bigint {
    let v = this.level(0);
    while (this.is('&&')) {
      this.pos++;
      if (v === 0n) this.skip++;
      const r = this.level(0);
      if (v === 0n) this.skip--;
      v = v !== 0n && r !== 0n ? 1n : 0n;
    }
    return v;
  }

  /** Left-associative binary levels, loosest first: | ^ & ==/!= comparisons shifts +- * / %. */
  static LEVELS: readonly (readonly string[])[] = [
    ['|'],
    ['^'],
    ['&'],
    ['==', '!='],
    ['<=', '>=', '<', '>'],
    ['<<', '>>'],
    ['+', '-'],
    ['*', '/', '%'],
  ];

  level(n: number): bigint {
    const ops = Parser.LEVELS[n];
    if (!ops) return this.power();
    let v = this.level(n + 1);
    while (this.tok.kind === 'op' && ops.includes(this.tok.text)) {
      const op = this.tok.text;
      this.pos++;
      const at = this.pos;
      const r = this.level(n + 1);
      if ((op === '/' || op === '%') && r === 0n && this.skip === 0) {
        const tok = this.tokens[at] as Tok;
        throw new ArithError('division by 0', this.expr.slice(tok.at), true);
      }
      v = this.binary(op, v, r);
    }
    return v;
  }

  binary(op: string, a: bigint, b: bigint): bigint {
    switch (op) {
      case '|':
        return a | b;
      case '^':
        return a ^ b;
      case '&':
        return a & b;
      case '==':
        return a === b ? 1n : 0n;
      case '!=':
        return a !== b ? 1n : 0n;
      case '<=':
        return a <= b ? 1n : 0n;
      case '>=':
        return a >= b ? 1n : 0n;
      case '<':
        return a < b ? 1n : 0n;
      case '>':
        return a > b ? 1n : 0n;
      case '<<':
        return wrap(a << (b & 63n));
      case '>>':
        return a >> (b & 63n);
      case '+':
        return wrap(a + b);
      case '-':
        return wrap(a - b);
      case '*':
        return wrap(a * b);
      case '/':
      case '%':
        if (b === 0n) {
          if (this.skip > 0) return 0n;
          throw new ArithError('division by 0', String(b), true);
        }
        if (a === MIN && b === -1n) return op === '/' ? MIN : 0n;
        return op === '/' ? a / b : a % b;
    }
    return 0n;
  }

  power(): bigint {
    const base = this.unary();
    if (!this.is('**')) return base;
    this.pos++;
    const exp = this.power();
    if (exp < 0n) {
      if (this.skip > 0) return 0n;
      this.fail('exponent less than 0');
    }
    let v = 1n;
    for (let i = 0n; i < exp && i < 64n; i++) v = wrap(v * base);
    return exp >= 64n && base !== 0n && base !== 1n && base !== -1n ? wrap(base ** exp) : v;
  }

  unary(): bigint {
    const t = this.tok;
    if (t.kind === 'op') {
      if (t.text === '++' || t.text === '--') {
        const name = this.tokens[this.pos + 1];
        if (name?.kind !== 'name') this.fail('syntax error: operand expected');
        this.pos += 2;
        const v = this.variable(name.text) + (t.text === '++' ? 1n : -1n);
        return this.assign(name.text, wrap(v));
      }
      if (t.text === '-' || t.text === '+' || t.text === '!' || t.text === '~') {
        this.pos++;
        const v = this.unary();
        if (t.text === '-') return wrap(-v);
        if (t.text === '!') return v === 0n ? 1n : 0n;
        if (t.text === '~') return ~v;
        return v;
      }
    }
    return this.postfix();
  }

  postfix(): bigint {
    const t = this.tok;
    if (t.kind === 'name') {
      this.pos++;
      if (this.is('++') || this.is('--')) {
        const up = this.tok.text === '++';
        this.pos++;
        const v = this.variable(t.text);
        this.assign(t.text, wrap(v + (up ? 1n : -1n)));
        return v;
      }
      return this.variable(t.text);
    }
    if (t.kind === 'num') {
      this.pos++;
      return constant(t.text);
    }
    if (this.is('(')) {
      this.pos++;
      const v = this.comma();
      if (!this.is(')')) this.fail("syntax error: missing `)'");
      this.pos++;
      return v;
    }
    this.fail('syntax error: operand expected');
  }
}

function evaluate(expr: string, vars: ArithmeticVars, depth: number): ArithmeticResult {
  const tokens = tokenize(expr);
  const p = new Parser(tokens, expr, vars, depth);
  try {
    if (tokens.length === 1) return { value: 0n };
    const value = p.comma();
    if (p.tok.kind !== 'end') {
      const t = p.tok;
      const message =
        t.kind === 'op' && !/^[()]$/.test(t.text)
          ? 'syntax error: invalid arithmetic operator'
          : 'syntax error in expression';
      throw new ArithError(message, p.errorToken());
    }
    return { value };
  } catch (e) {
    if (e instanceof ArithError) return { error: e.message, token: e.token, division: e.division };
    throw e;
  }
}

/**
 * bash's arithmetic over `vars`: the value, or the message and error token bash prints as
 * `bash: EXPR: MESSAGE (error token is "TOKEN")`.
 */
export function arithmetic(expr: string, vars: ArithmeticVars): ArithmeticResult {
  return evaluate(expr, vars, 0);
}

/** bash's complaint about `expr`: `EXPR: MESSAGE (error token is "TOKEN")`, without `bash: `. */
export function arithmeticError(expr: string, r: { error: string; token: string }): string {
  return `${expr.replace(/^\s+/, '')}: ${r.error} (error token is "${r.token}")`;
}

/** The value of `expr`, or why there is none. `lookup` gives a variable's value. */
export function evalArithmetic(
  expr: string,
  lookup: (name: string) => string | undefined,
): number | ArithmeticFailure {
  const r = evaluate(expr, { get: lookup }, 0);
  if ('error' in r) return { failed: r.division ? 'division' : 'syntax' };
  return Number(r.value);
}
