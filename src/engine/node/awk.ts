/**
 * `awk`, as mawk (the default awk of Ubuntu, the console's host, and of Debian images) and
 * busybox awk run the one-liners of a terminal: `'{print $1}'`, `$NF`, `NR`, `NF`, `-F:`,
 * `-v var=value`, patterns (`/re/`, `NR>1`, `$3 == "Running"`, ranges), `BEGIN`/`END`,
 * `print` with commas (OFS) and concatenation, `printf`, assignments and `+=`, `if`/`else`,
 * `next`, `exit`, and the functions length, substr, index, tolower, toupper, int, sprintf,
 * sub and gsub. A small interpreter with no loops (while, for, getline, arrays, user
 * functions and output redirections are not simulated: undefined), so its work is bounded by
 * its input.
 */
import { type Family, grepRegex, printfTool, type ReadFile, type ToolRun } from './coreutils.ts';

type Value =
  | { k: 'num'; n: number }
  | { k: 'str'; s: string }
  /** A field or -v value: a number when it looks like one, else a string. */
  | { k: 'strnum'; s: string }
  | { k: 'uninit' };

const num = (n: number): Value => ({ k: 'num', n });
const str = (s: string): Value => ({ k: 'str', s });
const UNINIT: Value = { k: 'uninit' };

const NUMERIC = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

function toNumber(v: Value): number {
  if (v.k === 'num') return v.n;
  if (v.k === 'uninit') return 0;
  const m = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(v.s);
  return m ? Number(m[0]) : 0;
}

/** A number as awk prints it: integers whole, others with %.6g. */
function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  let t = n.toPrecision(6);
  if (t.includes('e')) {
    const [mant = '', exp = ''] = t.split('e');
    const m = mant.includes('.') ? mant.replace(/\.?0+$/, '') : mant;
    const sign = exp.startsWith('-') ? '-' : '+';
    const digits = exp.replace(/^[-+]/, '').padStart(2, '0');
    return `${m}e${sign}${digits}`;
  }
  if (t.includes('.')) t = t.replace(/\.?0+$/, '');
  return t;
}

function toText(v: Value): string {
  if (v.k === 'num') return numberText(v.n);
  if (v.k === 'uninit') return '';
  return v.s;
}

const truthy = (v: Value): boolean =>
  v.k === 'num'
    ? v.n !== 0
    : v.k === 'uninit'
      ? false
      : v.k === 'str'
        ? v.s !== ''
        : NUMERIC.test(v.s)
          ? toNumber(v) !== 0
          : v.s !== '';

/** Numeric when both are numbers (a field that looks like one counts), else as strings. */
function compare(a: Value, b: Value): number {
  const numeric = (v: Value) =>
    v.k === 'num' || v.k === 'uninit' || (v.k === 'strnum' && NUMERIC.test(v.s));
  if (numeric(a) && numeric(b)) {
    const x = toNumber(a);
    const y = toNumber(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = toText(a);
  const y = toText(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

// ---- Syntax ----

type Node =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 're'; re: RegExp }
  | { t: 'var'; name: string }
  | { t: 'field'; e: Node }
  | { t: 'bin'; op: string; a: Node; b: Node }
  | { t: 'un'; op: string; e: Node }
  | { t: 'assign'; op: string; target: Node; e: Node }
  | { t: 'incr'; op: '++' | '--'; prefix: boolean; target: Node }
  | { t: 'cond'; c: Node; a: Node; b: Node }
  | { t: 'match'; neg: boolean; e: Node; re: Node }
  | { t: 'call'; name: string; args: Node[] }
  | { t: 'concat'; a: Node; b: Node }
  | { t: 'group'; e: Node };

type Stmt =
  | { t: 'print'; args: Node[] }
  | { t: 'printf'; args: Node[] }
  | { t: 'expr'; e: Node }
  | { t: 'if'; c: Node; then: Stmt[]; else?: Stmt[] }
  | { t: 'next' }
  | { t: 'exit'; e?: Node };

interface Rule {
  kind: 'begin' | 'end' | 'main';
  pattern?: Node;
  until?: Node;
  inRange?: boolean;
  body?: Stmt[];
}

class AwkSyntax {
  constructor(readonly near: string) {}
}
class Unsimulated {}

const BUILTINS = new Set([
  'length',
  'substr',
  'index',
  'tolower',
  'toupper',
  'int',
  'sprintf',
  'sub',
  'gsub',
]);
const UNSIMULATED_WORDS = new Set([
  'while',
  'for',
  'do',
  'getline',
  'function',
  'func',
  'delete',
  'in',
  'split',
  'match',
  'system',
  'close',
  'srand',
  'rand',
  'sin',
  'cos',
  'atan2',
  'exp',
  'log',
  'sqrt',
  'break',
  'continue',
  'return',
  'nextfile',
  'fflush',
]);

interface Tok {
  type: 'num' | 'str' | 'name' | 'op' | 'nl' | 'eof' | 'func';
  text: string;
  value?: string | number;
  pos: number;
}

const OPS = [
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '^=',
  '==',
  '!=',
  '<=',
  '>=',
  '!~',
  '&&',
  '||',
  '++',
  '--',
  '>>',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ';',
  ',',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '!',
  '>',
  '<',
  '|',
  '?',
  ':',
  '~',
  '$',
  '=',
];

const ESC: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  '"': '"',
  '/': '/',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
};

class Parser {
  private pos = 0;
  private tok: Tok;
  private prevSignificant = '';

  constructor(private readonly src: string) {
    this.tok = this.lex();
  }

  private lex(): Tok {
    const s = this.src;
    let i = this.pos;
    for (;;) {
      while (s[i] === ' ' || s[i] === '\t' || s[i] === '\r') i++;
      if (s[i] === '\\' && s[i + 1] === '\n') {
        i += 2;
        continue;
      }
      if (s[i] === '#') {
        while (i < s.length && s[i] !== '\n') i++;
      }
      break;
    }
    const start = i;
    if (i >= s.length) {
      this.pos = i;
      return { type: 'eof', text: 'end of file', pos: start };
    }
    const c = s[i] as string;
    if (c === '\n') {
      this.pos = i + 1;
      return { type: 'nl', text: 'end of line', pos: start };
    }
    const n = /^(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(s.slice(i));
    if (n) {
      this.pos = i + n[0].length;
      return { type: 'num', text: n[0], value: Number(n[0]), pos: start };
    }
    if (c === '"') {
      let v = '';
      let j = i + 1;
      for (; j < s.length && s[j] !== '"'; j++) {
        if (s[j] === '\n') throw new AwkSyntax('runaway string constant');
        if (s[j] === '\\' && j + 1 < s.length) {
          const e = s[++j] as string;
          v += ESC[e] ?? `\\${e}`;
        } else v += s[j];
      }
      if (j >= s.length) throw new AwkSyntax('runaway string constant');
      this.pos = j + 1;
      return { type: 'str', text: s.slice(i, j + 1), value: v, pos: start };
    }
    const w = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i));
    if (w) {
      this.pos = i + w[0].length;
      const isCall = s[this.pos] === '(';
      return { type: isCall ? 'func' : 'name', text: w[0], pos: start };
    }
    for (const op of OPS) {
      if (s.startsWith(op, i)) {
        this.pos = i + op.length;
        return { type: 'op', text: op, pos: start };
      }
    }
    throw new AwkSyntax(c);
  }

  private next(): Tok {
    const t = this.tok;
    this.prevSignificant = t.text;
    this.tok = this.lex();
    return t;
  }

  private is(text: string): boolean {
    return this.tok.type === 'op' && this.tok.text === text;
  }

  private expect(text: string): void {
    if (!this.is(text)) throw new AwkSyntax(this.tok.text);
    this.next();
  }

  private atEnd(): boolean {
    return this.tok.type === 'eof';
  }

  private skipNl(): void {
    while (this.tok.type === 'nl') this.next();
  }

  private skipTerminators(): void {
    while (this.tok.type === 'nl' || this.is(';')) this.next();
  }

  /** A regex literal starting at the current `/` (or `/=`) token. */
  private regexLiteral(): Node {
    const s = this.src;
    let j = this.tok.pos + 1;
    let body = '';
    let inBracket = false;
    for (; j < s.length; j++) {
      const c = s[j] as string;
      if (c === '\n') throw new AwkSyntax('runaway regular expression');
      if (c === '\\' && j + 1 < s.length) {
        const n = s[++j] as string;
        body += n === '/' ? '/' : `\\${n}`;
        continue;
      }
      if (c === '[') inBracket = true;
      else if (c === ']') inBracket = false;
      else if (c === '/' && !inBracket) break;
      body += c;
    }
    if (j >= s.length) throw new AwkSyntax('runaway regular expression');
    this.pos = j + 1;
    this.tok = this.lex();
    return { t: 're', re: awkRegex(body) };
  }

  program(): Rule[] {
    const rules: Rule[] = [];
    this.skipTerminators();
    while (this.tok.type !== 'eof') {
      if (this.tok.type === 'name' && this.tok.text === 'BEGIN') {
        this.next();
        this.skipNl();
        rules.push({ kind: 'begin', body: this.block() });
      } else if (this.tok.type === 'name' && this.tok.text === 'END') {
        this.next();
        this.skipNl();
        rules.push({ kind: 'end', body: this.block() });
      } else if (
        this.tok.type === 'name' &&
        (this.tok.text === 'function' || this.tok.text === 'func')
      ) {
        throw new Unsimulated();
      } else {
        const rule: Rule = { kind: 'main' };
        if (!this.is('{')) {
          rule.pattern = this.expr();
          if (this.is(',')) {
            this.next();
            this.skipNl();
            rule.until = this.expr();
          }
        }
        if (this.is('{')) rule.body = this.block();
        else if (this.tok.type !== 'nl' && !this.is(';') && !this.atEnd())
          throw new AwkSyntax(this.tok.text);
        rules.push(rule);
      }
      this.skipTerminators();
    }
    return rules;
  }

  private block(): Stmt[] {
    if (!this.is('{')) throw new AwkSyntax(this.tok.text);
    this.next();
    const out: Stmt[] = [];
    this.skipTerminators();
    while (!this.is('}')) {
      if (this.tok.type === 'eof') throw new AwkSyntax('missing }');
      out.push(...this.statement());
      this.skipTerminators();
    }
    this.next();
    return out;
  }

  /** A simple statement ends with `;`, a newline, `}` or the end. */
  private endSimple(): void {
    if (this.is(';') || this.tok.type === 'nl') {
      this.next();
      return;
    }
    if (this.is('}') || this.tok.type === 'eof') return;
    throw new AwkSyntax(this.tok.text);
  }

  private statement(): Stmt[] {
    if (this.is('{')) return this.block();
    const t = this.tok;
    if (t.type === 'name' || t.type === 'func') {
      if (UNSIMULATED_WORDS.has(t.text)) throw new Unsimulated();
      if (t.text === 'print' || t.text === 'printf') {
        this.next();
        let args: Node[] = [];
        if (this.is('>') || this.is('>>') || this.is('|')) throw new Unsimulated();
        if (!this.is(';') && !this.is('}') && this.tok.type !== 'nl' && this.tok.type !== 'eof') {
          args = this.exprList(true);
        }
        // `print(a, b)`: the parenthesized list.
        if (
          args.length === 1 &&
          args[0]?.t === 'group' &&
          (args[0].e as Node & { list?: Node[] }).list
        )
          args = (args[0].e as Node & { list: Node[] }).list;
        if (this.is('>') || this.is('>>') || this.is('|')) throw new Unsimulated();
        if (t.text === 'printf' && args.length === 0) throw new AwkSyntax(this.tok.text);
        this.endSimple();
        return [t.text === 'print' ? { t: 'print', args } : { t: 'printf', args }];
      }
      if (t.text === 'if') {
        this.next();
        this.expect('(');
        const c = this.expr();
        this.expect(')');
        this.skipNl();
        const then = this.statement();
        // An `else` may follow a `;` or newlines.
        const save = { pos: this.pos, tok: this.tok };
        this.skipTerminators();
        if (this.tok.type === 'name' && this.tok.text === 'else') {
          this.next();
          this.skipNl();
          return [{ t: 'if', c, then, else: this.statement() }];
        }
        this.pos = save.pos;
        this.tok = save.tok;
        return [{ t: 'if', c, then }];
      }
      if (t.text === 'next') {
        this.next();
        this.endSimple();
        return [{ t: 'next' }];
      }
      if (t.text === 'exit') {
        this.next();
        const e =
          this.is(';') || this.is('}') || this.tok.type === 'nl' || this.tok.type === 'eof'
            ? undefined
            : this.expr();
        this.endSimple();
        return e ? [{ t: 'exit', e }] : [{ t: 'exit' }];
      }
    }
    if (this.is(';')) {
      this.next();
      return [];
    }
    const e = this.expr();
    this.endSimple();
    return [{ t: 'expr', e }];
  }

  private exprList(noGt: boolean): Node[] {
    const out = [this.expr(noGt)];
    while (this.is(',')) {
      this.next();
      this.skipNl();
      out.push(this.expr(noGt));
    }
    return out;
  }

  expr(noGt = false): Node {
    return this.ternary(noGt);
  }

  private ternary(noGt: boolean): Node {
    const c = this.or(noGt);
    if (this.is('?')) {
      this.next();
      this.skipNl();
      const a = this.ternary(noGt);
      this.skipNl();
      this.expect(':');
      this.skipNl();
      const b = this.ternary(noGt);
      return { t: 'cond', c, a, b };
    }
    if (
      this.tok.type === 'op' &&
      ['=', '+=', '-=', '*=', '/=', '%=', '^='].includes(this.tok.text)
    ) {
      if (c.t !== 'var' && c.t !== 'field') throw new AwkSyntax(this.tok.text);
      const op = this.next().text;
      this.skipNl();
      return { t: 'assign', op, target: c, e: this.ternary(noGt) };
    }
    return c;
  }

  private or(noGt: boolean): Node {
    let a = this.and(noGt);
    while (this.is('||')) {
      this.next();
      this.skipNl();
      a = { t: 'bin', op: '||', a, b: this.and(noGt) };
    }
    return a;
  }

  private and(noGt: boolean): Node {
    let a = this.matchExpr(noGt);
    while (this.is('&&')) {
      this.next();
      this.skipNl();
      a = { t: 'bin', op: '&&', a, b: this.matchExpr(noGt) };
    }
    return a;
  }

  private matchExpr(noGt: boolean): Node {
    let a = this.comparison(noGt);
    while (this.is('~') || this.is('!~')) {
      const neg = this.next().text === '!~';
      a = { t: 'match', neg, e: a, re: this.comparison(noGt) };
    }
    return a;
  }

  private comparison(noGt: boolean): Node {
    const a = this.concat();
    const t = this.tok;
    if (t.type === 'op' && ['<', '<=', '==', '!=', '>=', '>'].includes(t.text)) {
      if (noGt && t.text === '>') return a;
      this.next();
      return { t: 'bin', op: t.text, a, b: this.concat() };
    }
    return a;
  }

  private startsOperand(): boolean {
    const t = this.tok;
    if (t.type === 'num' || t.type === 'str' || t.type === 'func') return true;
    if (t.type === 'name') return !['in', 'else', 'getline'].includes(t.text);
    return t.type === 'op' && ['$', '(', '++', '--'].includes(t.text);
  }

  private concat(): Node {
    let a = this.additive();
    while (this.startsOperand()) a = { t: 'concat', a, b: this.additive() };
    return a;
  }

  private additive(): Node {
    let a = this.multiplicative();
    while (this.is('+') || this.is('-')) {
      const op = this.next().text;
      a = { t: 'bin', op, a, b: this.multiplicative() };
    }
    return a;
  }

  private multiplicative(): Node {
    let a = this.unary();
    while (this.is('*') || this.is('/') || this.is('%')) {
      const op = this.next().text;
      a = { t: 'bin', op, a, b: this.unary() };
    }
    return a;
  }

  private unary(): Node {
    if (this.is('!')) {
      this.next();
      return { t: 'un', op: '!', e: this.unary() };
    }
    if (this.is('-') || this.is('+')) {
      const op = this.next().text;
      return { t: 'un', op, e: this.unary() };
    }
    return this.power();
  }

  private power(): Node {
    const a = this.postfix();
    if (this.is('^')) {
      this.next();
      return { t: 'bin', op: '^', a, b: this.unary() };
    }
    return a;
  }

  private postfix(): Node {
    if (this.is('++') || this.is('--')) {
      const op = this.next().text as '++' | '--';
      const target = this.postfix();
      if (target.t !== 'var' && target.t !== 'field') throw new AwkSyntax(op);
      return { t: 'incr', op, prefix: true, target };
    }
    const e = this.primary();
    if ((e.t === 'var' || e.t === 'field') && (this.is('++') || this.is('--'))) {
      const op = this.next().text as '++' | '--';
      return { t: 'incr', op, prefix: false, target: e };
    }
    return e;
  }

  private primary(): Node {
    const t = this.tok;
    if (t.type === 'num') {
      this.next();
      return { t: 'num', v: t.value as number };
    }
    if (t.type === 'str') {
      this.next();
      return { t: 'str', v: t.value as string };
    }
    if (t.type === 'op' && (t.text === '/' || t.text === '/=')) return this.regexLiteral();
    if (t.type === 'op' && t.text === '$') {
      this.next();
      const e =
        this.is('++') || this.is('--') || this.is('-') || this.is('!')
          ? this.unary()
          : this.primary();
      return { t: 'field', e };
    }
    if (t.type === 'op' && t.text === '(') {
      this.next();
      this.skipNl();
      const list = this.exprList(false);
      this.skipNl();
      this.expect(')');
      const first = list[0] as Node;
      if (list.length > 1) {
        const g: Node & { list?: Node[] } = { t: 'group', e: first };
        (g.e as Node & { list?: Node[] }).list = list;
        if (!this.is(';') && !this.is('}') && this.tok.type !== 'nl' && this.tok.type !== 'eof')
          throw new Unsimulated();
        return g;
      }
      return { t: 'group', e: first };
    }
    if (t.type === 'func' || t.type === 'name') {
      if (UNSIMULATED_WORDS.has(t.text)) throw new Unsimulated();
      this.next();
      if (BUILTINS.has(t.text)) {
        if (t.type === 'name') {
          if (t.text === 'length') return { t: 'call', name: 'length', args: [] };
          throw new AwkSyntax(this.tok.text);
        }
        this.expect('(');
        const args = this.is(')') ? [] : this.exprList(false);
        this.expect(')');
        return { t: 'call', name: t.text, args };
      }
      if (t.type === 'func') throw new Unsimulated();
      if (this.is('[')) throw new Unsimulated();
      if (['BEGIN', 'END', 'if', 'else', 'print', 'printf', 'next', 'exit'].includes(t.text))
        throw new AwkSyntax(t.text);
      return { t: 'var', name: t.text };
    }
    throw new AwkSyntax(t.text);
  }
}

function awkRegex(source: string): RegExp {
  const js = grepRegex(source, true);
  if (js === undefined) throw new Unsimulated();
  return new RegExp(js);
}

// ---- Running ----

class NextRecord {}
class ExitProgram {
  constructor(readonly code: number) {}
}
class RunFault {
  constructor(readonly message: string) {}
}

/** The most statements a run may execute: well above any terminal's one-liner. */
const MAX_STEPS = 2_000_000;

class Machine {
  vars = new Map<string, Value>();
  fields: string[] = [''];
  out = '';
  steps = 0;

  constructor(private readonly family: Family) {
    this.vars.set('FS', str(' '));
    this.vars.set('OFS', str(' '));
    this.vars.set('ORS', str('\n'));
    this.vars.set('NR', num(0));
    this.vars.set('NF', num(0));
    this.vars.set('FNR', num(0));
    this.vars.set('SUBSEP', str('\x1c'));
    this.vars.set('CONVFMT', str('%.6g'));
    this.vars.set('OFMT', str('%.6g'));
    this.vars.set('RS', str('\n'));
  }

  setRecord(line: string): void {
    this.fields = [line, ...this.split(line)];
    this.vars.set('NF', num(this.fields.length - 1));
  }

  private split(line: string): string[] {
    const fs = toText(this.vars.get('FS') ?? str(' '));
    if (fs === ' ') {
      const t = line.replace(/^[ \t\n]+|[ \t\n]+$/g, '');
      return t === '' ? [] : t.split(/[ \t\n]+/);
    }
    if (line === '') return [];
    if (fs.length === 1 && fs !== '\\') return line.split(fs);
    return line.split(awkRegex(fs));
  }

  private getField(i: number): Value {
    if (i < 0) throw new RunFault(`negative field index $${i}`);
    const f = this.fields[i];
    return f === undefined ? UNINIT : { k: 'strnum', s: f };
  }

  private setField(i: number, v: string): void {
    if (i < 0) throw new RunFault(`negative field index $${i}`);
    if (i === 0) {
      this.setRecord(v);
      return;
    }
    if (i > 100_000) throw new Unsimulated();
    while (this.fields.length <= i) this.fields.push('');
    this.fields[i] = v;
    this.vars.set('NF', num(this.fields.length - 1));
    this.rebuild();
  }

  private rebuild(): void {
    const ofs = toText(this.vars.get('OFS') ?? str(' '));
    this.fields[0] = this.fields.slice(1).join(ofs);
  }

  private get(n: Node): Value {
    if (n.t === 'var') return this.vars.get(n.name) ?? UNINIT;
    if (n.t === 'field') return this.getField(Math.trunc(toNumber(this.eval(n.e))));
    throw new Unsimulated();
  }

  private set(n: Node, v: Value): void {
    if (n.t === 'var') {
      this.vars.set(n.name, v);
      if (n.name === 'NF') {
        const nf = Math.max(0, Math.trunc(toNumber(v)));
        if (nf > 100_000) throw new Unsimulated();
        this.fields = this.fields.slice(0, nf + 1);
        while (this.fields.length <= nf) this.fields.push('');
        this.rebuild();
      }
    } else if (n.t === 'field') this.setField(Math.trunc(toNumber(this.eval(n.e))), toText(v));
    else throw new Unsimulated();
  }

  private arith(op: string, x: number, y: number): number {
    switch (op) {
      case '+':
        return x + y;
      case '-':
        return x - y;
      case '*':
        return x * y;
      case '/':
        if (y === 0) throw new RunFault('division by zero');
        return x / y;
      case '%':
        if (y === 0) throw new RunFault('division by zero in %');
        return x % y;
      default:
        return x ** y;
    }
  }

  private regexOf(n: Node): RegExp {
    if (n.t === 're') return n.re;
    return awkRegex(toText(this.eval(n)));
  }

  eval(n: Node): Value {
    if (++this.steps > MAX_STEPS) throw new Unsimulated();
    switch (n.t) {
      case 'num':
        return num(n.v);
      case 'str':
        return str(n.v);
      case 're':
        return num(n.re.test(this.fields[0] ?? '') ? 1 : 0);
      case 'var':
      case 'field':
        return this.get(n);
      case 'group':
        return this.eval(n.e);
      case 'concat':
        return str(toText(this.eval(n.a)) + toText(this.eval(n.b)));
      case 'cond':
        return truthy(this.eval(n.c)) ? this.eval(n.a) : this.eval(n.b);
      case 'match': {
        const hit = this.regexOf(n.re).test(toText(this.eval(n.e)));
        return num(hit !== n.neg ? 1 : 0);
      }
      case 'un': {
        const v = this.eval(n.e);
        if (n.op === '!') return num(truthy(v) ? 0 : 1);
        return num(n.op === '-' ? -toNumber(v) : toNumber(v));
      }
      case 'bin': {
        if (n.op === '&&') return num(truthy(this.eval(n.a)) && truthy(this.eval(n.b)) ? 1 : 0);
        if (n.op === '||') return num(truthy(this.eval(n.a)) || truthy(this.eval(n.b)) ? 1 : 0);
        const a = this.eval(n.a);
        const b = this.eval(n.b);
        if (['<', '<=', '==', '!=', '>=', '>'].includes(n.op)) {
          const c = compare(a, b);
          const r =
            n.op === '<'
              ? c < 0
              : n.op === '<='
                ? c <= 0
                : n.op === '=='
                  ? c === 0
                  : n.op === '!='
                    ? c !== 0
                    : n.op === '>='
                      ? c >= 0
                      : c > 0;
          return num(r ? 1 : 0);
        }
        return num(this.arith(n.op, toNumber(a), toNumber(b)));
      }
      case 'assign': {
        let v = this.eval(n.e);
        // An unset variable copied stays unset: both 0 and "" (x = y; x == 0 holds).
        if (n.op !== '=')
          v = num(this.arith(n.op[0] as string, toNumber(this.get(n.target)), toNumber(v)));
        else if (v.k === 'uninit' && n.target.t === 'field') v = str('');
        this.set(n.target, v);
        return v;
      }
      case 'incr': {
        const old = toNumber(this.get(n.target));
        const now = n.op === '++' ? old + 1 : old - 1;
        this.set(n.target, num(now));
        return num(n.prefix ? now : old);
      }
      case 'call':
        return this.call(n.name, n.args);
    }
  }

  private call(name: string, args: Node[]): Value {
    const arg = (i: number) => {
      const a = args[i];
      return a === undefined ? UNINIT : this.eval(a);
    };
    const arity = (min: number, max: number) => {
      if (args.length < min || args.length > max) throw new AwkSyntax(name);
    };
    switch (name) {
      case 'length':
        arity(0, 1);
        return num([...(args.length === 0 ? (this.fields[0] ?? '') : toText(arg(0)))].length);
      case 'substr': {
        arity(2, 3);
        const s = [...toText(arg(0))];
        // Characters from position m (1-based, rounded), n of them: clipped to the string.
        const m = Math.round(toNumber(arg(1)));
        const n = args.length > 2 ? Math.round(toNumber(arg(2))) : Number.POSITIVE_INFINITY;
        const from = Math.max(m, 1);
        const to = Math.min(m + n, s.length + 1);
        return str(to > from ? s.slice(from - 1, to - 1).join('') : '');
      }
      case 'index': {
        arity(2, 2);
        return num(toText(arg(0)).indexOf(toText(arg(1))) + 1);
      }
      case 'tolower':
        arity(1, 1);
        return str(toText(arg(0)).toLowerCase());
      case 'toupper':
        arity(1, 1);
        return str(toText(arg(0)).toUpperCase());
      case 'int':
        arity(1, 1);
        return num(Math.trunc(toNumber(arg(0))));
      case 'sprintf': {
        if (args.length === 0) throw new AwkSyntax(name);
        return str(this.format(args.map((a) => this.eval(a))));
      }
      default: {
        // sub(re, repl [, target]), gsub(...): the count of replacements.
        arity(2, 3);
        const re = this.regexOf(args[0] as Node);
        const repl = toText(arg(1));
        const target: Node = args[2] ?? { t: 'field', e: { t: 'num', v: 0 } };
        if (target.t !== 'var' && target.t !== 'field') throw new Unsimulated();
        const text = toText(this.get(target));
        const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
        let count = 0;
        const result = text.replace(g, (m) => {
          if (name === 'sub' && count > 0) return m;
          count++;
          return repl.replace(/\\\\|\\&|&/g, (x) => (x === '&' ? m : x.slice(1)));
        });
        if (count > 0) this.set(target, str(result));
        return num(count);
      }
    }
  }

  /** printf's and sprintf's formatting, by the shell printf's conversions. */
  format(values: Value[]): string {
    const fmt = toText(values[0] ?? UNINIT);
    const rest = values.slice(1);
    const argv: string[] = [];
    let k = 0;
    const specs = fmt.matchAll(/%([-+ #0]*)(\d*)(?:\.(\d*))?([a-zA-Z%])/g);
    for (const m of specs) {
      const conv = m[4] as string;
      if (conv === '%') continue;
      if (!'sdicfxXou'.includes(conv)) throw new Unsimulated();
      const v = rest[k++] ?? UNINIT;
      if (conv === 's') argv.push(toText(v));
      else if (conv === 'c') {
        argv.push(v.k === 'num' ? String.fromCharCode(v.n) : toText(v).slice(0, 1));
      } else if (conv === 'f') argv.push(String(toNumber(v)));
      else argv.push(String(Math.trunc(toNumber(v))));
    }
    if (/%[-+ #0]*\*/.test(fmt)) throw new Unsimulated();
    const r = printfTool(['--', fmt.replace(/\\/g, '\\\\'), ...argv]);
    if (!r) throw new Unsimulated();
    return r.output;
  }

  exec(stmts: Stmt[]): void {
    for (const s of stmts) {
      if (++this.steps > MAX_STEPS) throw new Unsimulated();
      switch (s.t) {
        case 'print': {
          const ofs = toText(this.vars.get('OFS') ?? str(' '));
          const ors = toText(this.vars.get('ORS') ?? str('\n'));
          const parts =
            s.args.length === 0 ? [this.fields[0] ?? ''] : s.args.map((a) => toText(this.eval(a)));
          this.out += parts.join(ofs) + ors;
          break;
        }
        case 'printf':
          this.out += this.format(s.args.map((a) => this.eval(a)));
          break;
        case 'expr':
          this.eval(s.e);
          break;
        case 'if':
          if (truthy(this.eval(s.c))) this.exec(s.then);
          else if (s.else) this.exec(s.else);
          break;
        case 'next':
          throw new NextRecord();
        case 'exit':
          throw new ExitProgram(s.e ? Math.trunc(toNumber(this.eval(s.e))) : 0);
      }
    }
  }

  faultText(message: string): string {
    if (this.family === 'busybox') return `awk: cmd. line:1: ${message}\n`;
    const v = (name: string) => toText(this.vars.get(name) ?? UNINIT);
    return `awk: run time error: ${message}\n\tFILENAME="${v('FILENAME')}" FNR=${v('FNR')} NR=${v('NR')}\n`;
  }
}

function syntaxError(family: Family, near: string): string {
  if (family === 'busybox') {
    return near === 'end of file' || near === 'missing }'
      ? 'awk: cmd. line:1: Unexpected end of string\n'
      : 'awk: cmd. line:1: Unexpected token\n';
  }
  if (near === 'missing }') return 'awk: line 1: missing } near end of file\n';
  if (near.startsWith('runaway')) return `awk: line 1: ${near}\n`;
  return `awk: line 1: syntax error at or near ${near}\n`;
}

function linesOf(data: string): string[] {
  return data === '' ? [] : data.replace(/\n$/, '').split('\n');
}

const VAR_ASSIGN = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

/** An assignment's value, with escapes read as in a string constant. */
function assignedValue(text: string): Value {
  const v = text.replace(/\\(.)/g, (_m, c: string) => ESC[c] ?? `\\${c}`);
  return { k: 'strnum', s: v };
}

/**
 * `awk [-F FS] [-v VAR=VALUE]... 'PROGRAM' [FILE | VAR=VALUE]...` over `input` or the files.
 */
export function awkTool(
  args: readonly string[],
  input: string | undefined,
  read: ReadFile,
  family: Family,
): ToolRun | undefined {
  let fs: string | undefined;
  const assigns: [string, string][] = [];
  let program: string | undefined;
  const operands: string[] = [];
  let k = 0;
  for (; k < args.length; k++) {
    const a = args[k] as string;
    if (a === '--') {
      k++;
      break;
    }
    if (a === '-' || !a.startsWith('-')) break;
    if (a === '-F' || a === '-v') {
      const v = args[++k];
      if (v === undefined) return undefined;
      if (a === '-F') fs = v;
      else {
        const m = VAR_ASSIGN.exec(v);
        if (!m) return undefined;
        assigns.push([m[1] as string, m[2] as string]);
      }
    } else if (a.startsWith('-F')) fs = a.slice(2);
    else if (a.startsWith('-v')) {
      const m = VAR_ASSIGN.exec(a.slice(2));
      if (!m) return undefined;
      assigns.push([m[1] as string, m[2] as string]);
    } else return undefined;
  }
  program = args[k];
  if (program === undefined) return undefined;
  operands.push(...args.slice(k + 1));

  let rules: Rule[];
  try {
    rules = new Parser(program).program();
  } catch (e) {
    if (e instanceof AwkSyntax)
      return {
        ms: 0,
        output: '',
        error: syntaxError(family, e.near),
        exitCode: family === 'busybox' ? 1 : 2,
      };
    return undefined;
  }

  const m = new Machine(family);
  if (fs !== undefined) m.vars.set('FS', str(toText(assignedValue(fs))));
  for (const [name, value] of assigns) m.vars.set(name, assignedValue(value));

  let error = '';
  let status = 0;
  let exitCode: number | undefined;
  const finish = (): ToolRun => {
    const code = exitCode ?? status;
    const r: ToolRun = { ms: 0, output: m.out };
    if (error) r.error = error;
    if (code !== 0) r.exitCode = code;
    return r;
  };
  const guard = (f: () => void): 'ok' | 'exit' | 'fault' => {
    try {
      f();
      return 'ok';
    } catch (e) {
      if (e instanceof ExitProgram) {
        exitCode = e.code;
        return 'exit';
      }
      if (e instanceof RunFault) {
        error += m.faultText(e.message);
        exitCode = 2;
        return 'fault';
      }
      throw e;
    }
  };

  try {
    let state = 'ok';
    for (const r of rules) {
      if (r.kind !== 'begin') continue;
      state = guard(() => m.exec(r.body ?? []));
      if (state !== 'ok') break;
    }
    if (state === 'fault') return finish();
    const main = rules.filter((r) => r.kind === 'main');
    const hasEnd = rules.some((r) => r.kind === 'end');
    // Only BEGIN: awk reads no input.
    if (state === 'ok' && (main.length > 0 || hasEnd)) {
      const sources: { name: string; data: string }[] = [];
      const files = operands.filter((o) => !VAR_ASSIGN.test(o));
      if (files.length === 0) {
        if (input === undefined) return undefined;
        sources.push({ name: '', data: input });
      }
      let nr = 0;
      outer: for (const o of files.length === 0 ? [''] : operands) {
        let data: string;
        let name = o;
        if (o === '') data = input ?? '';
        else if (VAR_ASSIGN.test(o)) {
          const a = VAR_ASSIGN.exec(o) as RegExpExecArray;
          m.vars.set(a[1] as string, assignedValue(a[2] as string));
          continue;
        } else if (o === '-') {
          if (input === undefined) return undefined;
          data = input;
        } else {
          const got = read(o);
          if (got === undefined) return undefined;
          if (got === null) {
            error +=
              family === 'busybox'
                ? `awk: ${o}: No such file or directory\n`
                : `awk: cannot open ${o} (No such file or directory)\n`;
            status = 2;
            break;
          }
          data = got;
        }
        if (o === '') name = '';
        m.vars.set('FILENAME', str(name));
        let fnr = 0;
        for (const line of linesOf(data)) {
          nr++;
          fnr++;
          m.vars.set('NR', num(nr));
          m.vars.set('FNR', num(fnr));
          m.setRecord(line);
          const st = guard(() => {
            try {
              for (const r of main) {
                if (!matchRule(m, r)) continue;
                if (r.body) m.exec(r.body);
                else m.out += (m.fields[0] ?? '') + toText(m.vars.get('ORS') ?? str('\n'));
              }
            } catch (e) {
              if (!(e instanceof NextRecord)) throw e;
            }
          });
          if (st === 'fault') return finish();
          if (st === 'exit') break outer;
        }
      }
    }
    if (state !== 'fault') {
      // END runs after exit in the main rules too (not after exit in END itself).
      for (const r of rules) {
        if (r.kind !== 'end') continue;
        if (guard(() => m.exec(r.body ?? [])) !== 'ok') break;
      }
    }
  } catch (e) {
    // Not simulated, or beyond what it runs (a program nested too deep): no made-up answer.
    return undefined;
  }
  return finish();
}

function matchRule(m: Machine, r: Rule): boolean {
  if (!r.pattern) return true;
  if (!r.until) return truthy(m.eval(r.pattern));
  if (r.inRange) {
    if (truthy(m.eval(r.until))) r.inRange = false;
    return true;
  }
  if (!truthy(m.eval(r.pattern))) return false;
  r.inRange = !truthy(m.eval(r.until));
  return true;
}
