/**
 * kubectl's JSONPath (k8s.io/client-go/util/jsonpath), in two steps as client-go runs it: the
 * whole template is parsed first into a tree (so a broken piece fails even where no data would
 * reach it: inside a range over no items, a filter over an empty list, after a missing key),
 * then the tree runs against the object. `{.a.b}`, `{.items[*].metadata.name}`, `['key']`,
 * `..name`, `{range .items[*]}…{end}`, `{"\n"}` literals, `[?(@.x=="y")]` filters, unions
 * `[0,1]`, slices `[1:3:2]`. Missing keys print nothing unless --allow-missing-template-keys=false.
 */

import { goFloat, goSprint } from '../../engine/util/gofmt.ts';
import { unquoteBody } from './goUnquote.ts';

export class JsonPathError extends Error {}

/** An error while executing a template that parsed (client-go's Execute, not Parse). */
export class JsonPathExecError extends JsonPathError {}

/** One bound of a slice (client-go's ParamsEntry). */
interface Param {
  known: boolean;
  value: number;
  /** The end of `[i]`: i + 1. */
  derived?: boolean;
}

/** An action's pieces, each applied to the values the previous one gave. */
interface ListNode {
  t: 'list';
  nodes: PathNode[];
}

type PathNode =
  | ListNode
  | { t: 'text'; text: string }
  | { t: 'field'; name: string }
  | { t: 'wildcard' }
  | { t: 'recursive' }
  | { t: 'array'; params: [Param, Param, Param] }
  | { t: 'union'; lists: ListNode[] }
  | { t: 'filter'; left: ListNode; right: ListNode; op: string }
  | { t: 'int'; value: number }
  | { t: 'float'; value: number }
  | { t: 'bool'; value: boolean }
  /** A bare word: `range` and `end` run; any other fails when run (not when parsed). */
  | { t: 'ident'; name: string };

/** The template's top level: text between actions, and one list per `{…}`. */
type TopNode = { t: 'text'; text: string } | ListNode;

const isSpace = (c: string) => c === ' ' || c === '\t';
const isEndOfLine = (c: string) => c === '\r' || c === '\n';
const isDigit = (c: string) => /^\p{Nd}$/u.test(c);
const isAlphaNumeric = (c: string) => c === '_' || /^[\p{L}\p{Nd}]$/u.test(c);
/** Where a field name or a word ends (eof is ''). */
const isTerminator = (c: string) =>
  c === '' || isSpace(c) || isEndOfLine(c) || '.,[]$@{}'.includes(c);

/** Go's `%#U` of one character: `U+0023 '#'`. */
function goRuneU(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return /\p{L}|\p{M}|\p{N}|\p{P}|\p{S}| /u.test(c) ? `${hex} '${c}'` : hex;
}

const MAX_INT64 = 2n ** 63n - 1n;

/**
 * strconv.UnquoteChar's escapes for a string quoted with `quote`: \a \b \f \n \r \t \v \\, the
 * quote itself (not the other quote), \xHH, \uHHHH, \UHHHHHHHH and \OOO. Undefined: invalid.
 */
function unquoteExtend(s: string): string | undefined {
  const quote = s[0];
  if (s.length < 2 || s[s.length - 1] !== quote || (quote !== '"' && quote !== "'"))
    return undefined;
  return unquoteBody(s.slice(1, -1), quote);
}

/**
 * client-go's Parser: a hand-written scanner over the template. Each `{` opens an action that
 * runs to its `}`; inside, the first character picks what is read (a field, a bracket, a
 * quote, a number, a word) and the first error ends the parse with client-go's message.
 */
class Parser {
  private pos = 0;
  private start = 0;
  readonly root: ListNode = { t: 'list', nodes: [] };

  constructor(private readonly input: string) {}

  parse(): ListNode {
    const top = this.root.nodes as TopNode[];
    for (;;) {
      const open = this.input.indexOf('{', this.pos);
      if (open < 0) {
        if (this.input.length > this.start)
          top.push({ t: 'text', text: this.input.slice(this.start) });
        return this.root;
      }
      if (open > this.start) top.push({ t: 'text', text: this.input.slice(this.start, open) });
      this.pos = open + 1;
      this.start = this.pos;
      const action: ListNode = { t: 'list', nodes: [] };
      top.push(action);
      this.insideAction(action);
    }
  }

  private peekChar(): string {
    const cp = this.input.codePointAt(this.pos);
    return cp === undefined ? '' : String.fromCodePoint(cp);
  }

  private next(): string {
    const c = this.peekChar();
    this.pos += c.length;
    return c;
  }

  private consume(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }

  /** parseInsideAction, as a loop: returns at the action's `}`. */
  private insideAction(cur: ListNode): void {
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (rest.startsWith('}')) {
        this.pos++;
        this.consume();
        return;
      }
      if (rest.startsWith('[?(')) {
        this.filter(cur);
        continue;
      }
      if (rest.startsWith('..')) {
        if (cur.nodes[cur.nodes.length - 1]?.t === 'recursive')
          throw new JsonPathError('invalid multiple recursive descent');
        this.pos += 2;
        this.consume();
        cur.nodes.push({ t: 'recursive' });
        if (isAlphaNumeric(this.peekChar())) this.field(cur);
        continue;
      }
      const c = this.next();
      if (c === '' || isEndOfLine(c)) throw new JsonPathError('unclosed action');
      if (c === ' ' || c === '@' || c === '$') this.consume();
      else if (c === '[') this.array(cur);
      else if (c === '"' || c === "'") this.quote(cur, c);
      else if (c === '.') this.field(cur);
      else if (c === '+' || c === '-' || isDigit(c)) {
        this.pos -= c.length;
        this.number(cur);
      } else if (isAlphaNumeric(c)) {
        this.pos -= c.length;
        this.identifier(cur);
      } else throw new JsonPathError(`unrecognized character in action: ${goRuneU(c)}`);
    }
  }

  /** A field name runs to a terminator; a backslash keeps the next character (and is dropped). */
  private field(cur: ListNode): void {
    this.consume();
    for (;;) {
      const c = this.next();
      if (c === '\\') this.next();
      else if (isTerminator(c)) {
        this.pos -= c.length;
        break;
      }
    }
    const value = this.consume();
    if (value === '*') cur.nodes.push({ t: 'wildcard' });
    else cur.nodes.push({ t: 'field', name: value.replaceAll('\\', '') });
  }

  /** A word to the next terminator: true/false are bools, the rest identifiers. */
  private identifier(cur: ListNode): void {
    for (;;) {
      const c = this.next();
      if (isTerminator(c)) {
        this.pos -= c.length;
        break;
      }
    }
    const value = this.consume();
    if (value === 'true' || value === 'false')
      cur.nodes.push({ t: 'bool', value: value === 'true' });
    else cur.nodes.push({ t: 'ident', name: value });
  }

  /** An optional sign, then digits and dots: an int (Atoi), else a float (ParseFloat). */
  private number(cur: ListNode): void {
    const first = this.peekChar();
    if (first === '+' || first === '-') this.next();
    for (;;) {
      const c = this.next();
      if (c !== '.' && !isDigit(c)) {
        this.pos -= c.length;
        break;
      }
    }
    const value = this.consume();
    if (/^[+-]?[0-9]+$/.test(value)) {
      const n = BigInt(value);
      if (n <= MAX_INT64 && n >= -MAX_INT64 - 1n) {
        cur.nodes.push({ t: 'int', value: Number(n) });
        return;
      }
    }
    if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(value)) {
      cur.nodes.push({ t: 'float', value: Number(value) });
      return;
    }
    throw new JsonPathError(`cannot parse number ${value}`);
  }

  /** A quoted string (to the same quote not after a backslash) is a text node. */
  private quote(cur: ListNode, end: string): void {
    for (;;) {
      const c = this.next();
      if (c === '' || c === '\n') throw new JsonPathError('unterminated quoted string');
      if (c === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consume();
    const s = unquoteExtend(value);
    if (s === undefined) throw new JsonPathError(`unquote string ${value} error invalid syntax`);
    cur.nodes.push({ t: 'text', text: s });
  }

  /**
   * parseArray: the text up to the first `]` (quotes or not): `*`; a union split at commas
   * (each part trimmed of spaces and parsed as `[part]`); `'key'` (parsed as the action `{.key}`,
   * whose nodes join this list); else a slice `start:end:step`, or an invalid array index.
   */
  private array(cur: ListNode): void {
    for (;;) {
      const c = this.next();
      if (c === '' || c === '\n') throw new JsonPathError('unterminated array');
      if (c === ']') break;
    }
    let text = this.consume().slice(1, -1);
    if (text === '*') text = ':';
    const parts = text.split(',');
    if (parts.length > 1) {
      const lists = parts.map((p) => parseAction(`[${p.replace(/^ +| +$/g, '')}]`));
      cur.nodes.push({ t: 'union', lists });
      return;
    }
    const key = /^'([^']*)'$/.exec(text);
    if (key) {
      cur.nodes.push(...parseAction(`.${key[1]}`).nodes);
      return;
    }
    const m = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/.exec(text);
    if (!m) throw new JsonPathError(`invalid array index ${text}`);
    const bound = (t: string): number => {
      if (!/^[+-]?[0-9]+$/.test(t)) throw new JsonPathError(`array index ${t} is not a number`);
      return Number(t);
    };
    const start: Param = m[1] ? { known: true, value: bound(m[1]) } : { known: false, value: 0 };
    const endText = m[2]?.slice(1);
    const end: Param =
      endText === undefined
        ? { known: true, value: start.value + 1, derived: true }
        : endText === ''
          ? { known: false, value: 0 }
          : { known: true, value: bound(endText) };
    const stepText = m[3]?.slice(1);
    const step: Param =
      stepText === undefined || stepText === ''
        ? { known: false, value: 0 }
        : { known: true, value: bound(stepText) };
    cur.nodes.push({ t: 'array', params: [start, end, step] });
  }

  /**
   * parseFilter: `[?(` to the first `)` outside a quoted operand, then `]`. `left OP right` is
   * split where the first run of `!<>=` is (so `&&` and `||` stay in an operand, where they do
   * not parse); without an operator the filter keeps the items where the path exists.
   */
  private filter(cur: ListNode): void {
    this.pos += 3;
    this.consume();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const c = this.next();
      if (c === '' || c === '\n') throw new JsonPathError('unterminated filter');
      if (c === '"' || c === "'") {
        if (!begin) {
          begin = true;
          pair = c;
        } else if (this.input[this.pos - 2] !== '\\' && c === pair) end = true;
      } else if (c === ')' && begin === end) break;
    }
    if (this.next() !== ']') throw new JsonPathError('unclosed array expect ]');
    const text = this.consume().slice(0, -2);
    const m = /^([^!<>=]+)([!<>=]+)(.+?)$/.exec(text);
    if (!m) {
      cur.nodes.push({ t: 'filter', left: parseAction(text), right: emptyList(), op: 'exists' });
    } else {
      const left = parseAction(m[1] as string);
      const right = parseAction(m[3] as string);
      cur.nodes.push({ t: 'filter', left, right, op: m[2] as string });
    }
  }
}

const emptyList = (): ListNode => ({ t: 'list', nodes: [] });

/** parseAction: `text` parsed as the template `{text}`, and its first action taken. */
function parseAction(text: string): ListNode {
  const root = new Parser(`{${text}}`).parse();
  return root.nodes[0] as ListNode;
}

/** Parses a whole template (client-go's Parse): its top level, or the parse error thrown. */
export function parseJsonPath(template: string): TopNode[] {
  return new Parser(template).parse().nodes as TopNode[];
}

/**
 * Whether the first values a template finds come unwrapped (a reflect.Value of the map, list
 * or string itself, as `..` and literals give them) rather than as a map's or a list's element
 * (an interface): sorter.go's isLess tells the two apart.
 */
export function resultsUnwrapped(template: string): boolean {
  let list = parseJsonPath(template).find((n) => n.t === 'list') as ListNode | undefined;
  for (;;) {
    const last = list?.nodes[list.nodes.length - 1];
    if (last === undefined) return true;
    if (last.t === 'union') {
      list = last.lists[0];
      continue;
    }
    if (last.t === 'list') {
      list = last;
      continue;
    }
    return ['recursive', 'int', 'float', 'bool', 'text'].includes(last.t);
  }
}

/** FindResults of a whole template (missing keys allowed): one list of values per node run. */
export function findResults(template: string, data: unknown): unknown[][] {
  return new Executor(parseJsonPath(template), true).findResults(data);
}

/** A number literal written with a dot: a float64 even when whole (`1.0`). */
class FloatLiteral {
  constructor(readonly value: number) {}
}

/** The zero reflect.Value a range over no items runs its body on (it finds nothing). */
const NO_VALUE: unique symbol = Symbol('no value');

/** The Go type of a decoded JSON value, as `%v` of reflect.Type prints it. */
function goTypeName(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof FloatLiteral) return 'float64';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** A map's values, a list's elements, a string's bytes (reflect's Len and Index). */
function children(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return [...new TextEncoder().encode(v)];
  if (v !== null && typeof v === 'object' && !(v instanceof FloatLiteral)) return Object.values(v);
  return [];
}

const isNil = (v: unknown) => v === null || v === undefined;

/** text/template's basic kinds, which eq/lt compare. */
function kindOf(v: unknown): { kind: string; value: unknown } {
  if (v instanceof FloatLiteral) return { kind: 'float', value: v.value };
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  if (typeof v === 'string') return { kind: 'string', value: v };
  if (typeof v === 'number') return { kind: Number.isInteger(v) ? 'int' : 'float', value: v };
  return { kind: 'invalid', value: v };
}

/** text/template's eq, ne, lt, gt, le, ge on one value each side. */
function compare(op: string, left: unknown, right: unknown): boolean {
  const a = kindOf(left);
  const b = kindOf(right);
  if (a.kind === 'invalid' || b.kind === 'invalid')
    throw new JsonPathExecError('invalid type for comparison');
  if (a.kind !== b.kind) throw new JsonPathExecError('incompatible types for comparison');
  if (op === '==') return a.value === b.value;
  if (op === '!=') return a.value !== b.value;
  if (a.kind === 'bool') throw new JsonPathExecError('invalid type for comparison');
  const x = a.value as number | string;
  const y = b.value as number | string;
  return op === '<' ? x < y : op === '>' ? x > y : op === '<=' ? x <= y : x >= y;
}

/**
 * client-go's JSONPath executor. Its range machine is kept as client-go has it (counters for
 * ranges begun, entered and ended, and the last {end} met), since its quirks show in output:
 * a range with no {end} runs its body once more on the data it was in, after the last {end}
 * met inside it; a range over no items still runs its body once (on nothing) to find its end.
 */
class Executor {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEnd: TopNode | undefined;
  private rootNodes: TopNode[];

  constructor(
    nodes: TopNode[],
    private readonly allowMissingKeys: boolean,
  ) {
    this.rootNodes = nodes;
  }

  /** FindResults: one list of values per top-level node run. */
  findResults(data: unknown): unknown[][] {
    const cur = [data];
    const nodes = this.rootNodes;
    const full: unknown[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i] as TopNode;
      const results = this.walk(cur, node);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEnd = node;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const value of results) {
            this.rootNodes = nodes.slice(i + 1);
            full.push(...this.findResults(value));
          }
        } else {
          this.rootNodes = nodes.slice(i + 1);
          this.findResults(NO_VALUE);
        }
        this.inRange--;
        const k = nodes.indexOf(this.lastEnd as TopNode, i + 1);
        if (k > i) i = k;
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private walk(input: unknown[], node: PathNode): unknown[] {
    switch (node.t) {
      case 'list': {
        let cur = input;
        for (const n of node.nodes) cur = this.walk(cur, n);
        return cur;
      }
      case 'text':
        return [node.text];
      case 'field':
        return this.field(input, node.name);
      case 'wildcard':
        return input.flatMap((v) => (isNil(v) ? [] : children(v)));
      case 'recursive':
        return this.recursive(input);
      case 'array':
        return this.array(input, node.params);
      case 'union':
        return node.lists.flatMap((l) => this.walk(input, l));
      case 'filter':
        return this.filter(input, node);
      case 'int':
        return input.map(() => node.value);
      case 'float':
        return input.map(() => new FloatLiteral(node.value));
      case 'bool':
        return input.map(() => node.value);
      case 'ident':
        if (node.name === 'range') {
          this.beginRange++;
          return input;
        }
        if (node.name === 'end') {
          if (this.inRange > 0) {
            this.endRange++;
            return [];
          }
          throw new JsonPathExecError('not in range, nothing to end');
        }
        throw new JsonPathExecError(`unrecognized identifier ${node.name}`);
    }
  }

  /**
   * evalList as an `exists` filter reads it, error ignored: the values the failing step returned
   * along with its error (client-go's: nothing for a missing key or a stray {end}, its input for
   * an index or a word it does not know).
   */
  private walkUntilError(input: unknown[], list: ListNode): unknown[] {
    let cur = input;
    for (const n of list.nodes) {
      try {
        cur = this.walk(cur, n);
      } catch (e) {
        if (!(e instanceof JsonPathExecError)) throw e;
        const nothing = n.t === 'field' || (n.t === 'ident' && n.name === 'end');
        return nothing ? [] : cur;
      }
    }
    return cur;
  }

  /** evalField: a map's key; with missing keys refused, one none of the inputs has fails. */
  private field(input: unknown[], name: string): unknown[] {
    if (input.length === 0) return [];
    const out: unknown[] = [];
    for (const v of input) {
      if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, name))
        out.push((v as Record<string, unknown>)[name]);
    }
    if (out.length === 0 && !this.allowMissingKeys)
      throw new JsonPathExecError(`${name} is not found`);
    return out;
  }

  /** evalRecursive: each value that holds something, then its insides, depth first. */
  private recursive(input: unknown[]): unknown[] {
    const out: unknown[] = [];
    for (const v of input) {
      if (isNil(v) || v === NO_VALUE) continue;
      const inner = children(v);
      if (inner.length > 0) out.push(v, ...this.recursive(inner));
    }
    return out;
  }

  /** evalArray: each value sliced (negative bounds count from the end). */
  private array(input: unknown[], [s, e, st]: [Param, Param, Param]): unknown[] {
    const result: unknown[] = [];
    for (const v of input) {
      if (isNil(v) || v === NO_VALUE) continue;
      if (!Array.isArray(v)) throw new JsonPathExecError(`${goTypeName(v)} is not array or slice`);
      const len = v.length;
      let start = s.known ? s.value : 0;
      if (start < 0) start += len;
      let end = e.known ? e.value : len;
      if (end < 0 || (end === 0 && e.derived)) end += len;
      // Zero elements asked for: allowed, and the values after this one are not looked at.
      if (end === start) return result;
      if (start >= len || start < 0)
        throw new JsonPathExecError(`array index out of bounds: index ${start}, length ${len}`);
      if (end > len || end < 0)
        throw new JsonPathExecError(`array index out of bounds: index ${end - 1}, length ${len}`);
      if (start > end)
        throw new JsonPathExecError(`starting index ${start} is greater than ending index ${end}`);
      let step = 1;
      if (st.known) {
        if (st.value <= 0) throw new JsonPathExecError('step must be > 0');
        step = st.value;
      }
      for (let i = start; i < end; i += step) result.push(v[i]);
    }
    return result;
  }

  /**
   * evalFilter: the items of each list for which the left path exists, or for which `left OP
   * right` holds (one value each side; an item where either side finds nothing is left out).
   */
  private filter(
    input: unknown[],
    node: { left: ListNode; right: ListNode; op: string },
  ): unknown[] {
    const results: unknown[] = [];
    for (const v of input) {
      if (!Array.isArray(v)) {
        const shown = v === NO_VALUE ? '<invalid reflect.Value>' : goSprint(v);
        throw new JsonPathExecError(`${shown} is not array or slice and cannot be filtered`);
      }
      for (const item of v) {
        if (node.op === 'exists') {
          // The error is not looked at: what the path gave up to it counts.
          if (this.walkUntilError([item], node.left).length > 0) results.push(item);
          continue;
        }
        const lefts = this.walk([item], node.left);
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathExecError('can only compare one element at a time');
        const rights = this.walk([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1)
          throw new JsonPathExecError('can only compare one element at a time');
        if (!['<', '>', '==', '!=', '<=', '>='].includes(node.op))
          throw new JsonPathExecError(`unrecognized filter operator ${node.op}`);
        if (compare(node.op, lefts[0], rights[0])) results.push(item);
      }
    }
    return results;
  }
}

/**
 * Evaluates one path (`.items[*].metadata.name`, no braces) against `data`: every value it
 * finds, in order. Parse errors are JsonPathError, run errors JsonPathExecError.
 */
export function evaluate(path: string, data: unknown): unknown[] {
  return new Executor(parseJsonPath(`{${path}}`), true).findResults(data).flat();
}

/** Go's json.Marshal of decoded JSON: compact, map keys sorted at every level. */
function goJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  if (v instanceof FloatLiteral) return String(v.value);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${goJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** PrintResults of one value: a map or a list as JSON, a string as it is, a float as %v. */
function text(v: unknown): string {
  if (typeof v === 'string') return v;
  // evalToText: a null value prints as `null` (a template's `creationTimestamp: null`).
  if (v === null) return 'null';
  if (v === undefined) return '';
  if (v instanceof FloatLiteral) return goFloat(v.value);
  if (typeof v === 'number' && !Number.isInteger(v)) return goFloat(v);
  if (typeof v === 'object') return goJson(v);
  return String(v);
}

/** Go's json.MarshalIndent(v, "", "    ") of decoded JSON: map keys sorted, <>& escaped. */
function goJsonIndent(v: unknown, level = 0): string {
  const pad = '    '.repeat(level + 1);
  const end = '    '.repeat(level);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => pad + goJsonIndent(x, level + 1)).join(',\n')}\n${end}]`;
  }
  if (v instanceof FloatLiteral) return String(v.value);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    if (keys.length === 0) return '{}';
    return `{\n${keys.map((k) => `${pad}${goString(k)}: ${goJsonIndent(o[k], level + 1)}`).join(',\n')}\n${end}}`;
  }
  return typeof v === 'string' ? goString(v) : (JSON.stringify(v) ?? 'null');
}

/** encoding/json's string: HTML-safe escapes for <, > and &. */
function goString(s: string): string {
  return JSON.stringify(s).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

/**
 * `-o jsonpath-as-json=…` (JSONPath.EnableJSONOutput): each result list gives one JSON array,
 * indented by four spaces, on lines of its own.
 */
export function jsonPathAsJson(template: string, data: unknown): string {
  const groups = new Executor(parseJsonPath(template), true).findResults(data);
  return groups.map((g) => `${goJsonIndent(g)}\n`).join('');
}

/**
 * One JSONPathPrinter: the template parsed once, and one executor for every object it prints.
 * client-go's executor keeps its state between objects: a range it ran leaves the template's
 * start after the range (and its counters as they were), so a printer given a second object
 * runs only what followed the first `{range}` (often `… {end}`: "not in range, nothing to
 * end"), as kubectl does when one printer prints several objects (annotate, wait).
 */
export class JsonPathPrinter {
  private readonly executor: Executor;
  constructor(
    template: string,
    private readonly opts: { allowMissingKeys?: boolean; json?: boolean } = {},
  ) {
    this.executor = new Executor(parseJsonPath(template), opts.allowMissingKeys ?? true);
  }

  print(data: unknown): string {
    const groups = this.executor.findResults(data);
    return this.opts.json
      ? groups.map((g) => `${goJsonIndent(g)}\n`).join('')
      : groups.map((g) => g.map(text).join(' ')).join('');
  }
}

/** Renders a kubectl JSONPath template (the part after `jsonpath=`): parsed, then run. */
export function jsonPath(
  template: string,
  data: unknown,
  opts: { allowMissingKeys?: boolean } = {},
): string {
  const nodes = parseJsonPath(template);
  const groups = new Executor(nodes, opts.allowMissingKeys ?? true).findResults(data);
  return groups.map((g) => g.map(text).join(' ')).join('');
}

/**
 * Go's `%#v` of decoded JSON, as kubectl's jsonpath printer dumps the object after an execution
 * error: `map[string]interface {}{"kind":"List", "items":[]interface {}{}}`, keys sorted.
 */
export function goSyntax(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSyntax).join(', ')}}`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `map[string]interface {}{${keys.map((k) => `${JSON.stringify(k)}:${goSyntax(o[k])}`).join(', ')}}`;
  }
  return String(v);
}
