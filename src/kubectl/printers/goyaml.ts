/**
 * YAML output as kubectl writes it: sigs.k8s.io/yaml turns the JSON form into YAML with its
 * go-yaml v2 fork. So map keys are sorted at every level (go-yaml's "natural" key order),
 * sequences inside mappings are not indented, strings that would read back as another type
 * (`"80"`, `"true"`, timestamps, `""`) are double-quoted, strings that cannot be plain
 * (`'*'`, `': x'`) are single-quoted, multi-line strings use literal blocks, and long
 * scalars are folded after column 80 like go-yaml's emitter does.
 */

const BEST_WIDTH = 80;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isLetter = (c: string): boolean => /\p{L}/u.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/** go-yaml v2 `keyList.Less` for string keys: letters after non-letters, digit runs by value. */
export function goYamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i] as string;
    const bc = br[i] as string;
    if (ac === bc) continue;
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return ac < bc;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ac === '0' || bc === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j] as string); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai] as string); ai++) an = an * 10 + Number(ar[ai]);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi] as string); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ac < bc;
  }
  return ar.length < br.length;
}

export function sortedKeys(obj: object): string[] {
  return Object.keys(obj).sort((x, y) => (goYamlKeyLess(x, y) ? -1 : goYamlKeyLess(y, x) ? 1 : 0));
}

const RESOLVE_MAP = new Set([
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'true',
  'True',
  'TRUE',
  'on',
  'On',
  'ON',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'false',
  'False',
  'FALSE',
  'off',
  'Off',
  'OFF',
  '',
  '~',
  'null',
  'Null',
  'NULL',
  '.nan',
  '.NaN',
  '.NAN',
  '.inf',
  '.Inf',
  '.INF',
  '+.inf',
  '+.Inf',
  '+.INF',
  '-.inf',
  '-.Inf',
  '-.INF',
  '<<',
]);

const GO_INT = /^[+-]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/;
const GO_FLOAT =
  /^[+-]?((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?\d+|inf|infinity|nan)$/i;
const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const TIMESTAMP =
  /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d*)?(?:[ \t]*(?:Z|[+-]\d{1,2}(?::\d{2})?))?)?$/;

/** Whether go-yaml would read this plain text back as something other than a string. */
function resolvesToNonString(s: string): boolean {
  if (RESOLVE_MAP.has(s)) return true;
  const c = s[0] ?? '';
  const hint = isDigit(c) ? 'D' : c === '+' || c === '-' ? 'S' : c === '.' ? '.' : '';
  if (hint === '') return false;
  const plain = s.replaceAll('_', '');
  if (hint === '.') return GO_FLOAT.test(plain);
  if (GO_INT.test(plain) || GO_FLOAT.test(plain)) return true;
  if (hint === 'D' && TIMESTAMP.test(s)) return true;
  return false;
}

function isBreak(c: string): boolean {
  return c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
}

/** go-yaml's `is_printable` (4-byte UTF-8 characters are not printable there). */
function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0) ?? 0;
  if (cp === 0x0a) return true;
  if (cp >= 0x20 && cp <= 0x7e) return true;
  if (cp >= 0xa0 && cp <= 0xd7ff) return true;
  if (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) return true;
  return false;
}

interface Analysis {
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
  multiline: boolean;
}

/** go-yaml's `yaml_emitter_analyze_scalar`, block context only. */
function analyze(value: string): Analysis {
  const chars = [...value];
  if (chars.length === 0) {
    return {
      blockPlainAllowed: true,
      singleQuotedAllowed: true,
      blockAllowed: false,
      multiline: false,
    };
  }
  let blockIndicators = false;
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  if (value.startsWith('---') || value.startsWith('...')) blockIndicators = true;
  let precededByWhitespace = true;
  const blankz = (c: string | undefined): boolean =>
    c === undefined || c === ' ' || c === '\t' || isBreak(c) || c === '\0';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    const followedByWhitespace = blankz(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      if ((c === '?' || c === ':') && followedByWhitespace) blockIndicators = true;
      if (c === '-' && followedByWhitespace) blockIndicators = true;
    } else {
      if (c === ':' && followedByWhitespace) blockIndicators = true;
      if (c === '#' && precededByWhitespace) blockIndicators = true;
    }
    if (!isPrintable(c) || c === '\ufeff') specialCharacters = true;
    if (isBreak(c)) lineBreaks = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = blankz(c);
  }
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { blockPlainAllowed, singleQuotedAllowed, blockAllowed, multiline: lineBreaks };
}

/** Output buffer that tracks the column like go-yaml's emitter. */
class Out {
  text = '';
  column = 0;
  put(s: string): void {
    for (const c of s) {
      if (c === '\n') {
        this.text += '\n';
        this.column = 0;
      } else {
        this.text += c;
        this.column++;
      }
    }
  }
  /** A line break (unless already at the start of a line) and `indent` spaces. */
  indent(indent: number): void {
    if (this.column > 0) this.put('\n');
    this.put(' '.repeat(indent));
  }
  breakAndIndent(indent: number): void {
    this.put('\n');
    this.put(' '.repeat(indent));
  }
}

const ESCAPES: Record<string, string> = {
  '\0': '0',
  '\x07': 'a',
  '\b': 'b',
  '\t': 't',
  '\n': 'n',
  '\v': 'v',
  '\f': 'f',
  '\r': 'r',
  '\x1b': 'e',
  '"': '"',
  '\\': '\\',
  '\u0085': 'N',
  '\u00a0': '_',
  '\u2028': 'L',
  '\u2029': 'P',
};

function writeDoubleQuoted(out: Out, value: string, indent: number, allowBreaks: boolean): void {
  const chars = [...value];
  out.put('"');
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (!isPrintable(c) || c === '\ufeff' || isBreak(c) || c === '"' || c === '\\') {
      const esc = ESCAPES[c];
      if (esc !== undefined) {
        out.put(`\\${esc}`);
      } else {
        const cp = c.codePointAt(0) ?? 0;
        const hex = cp.toString(16).toUpperCase();
        if (cp <= 0xff) out.put(`\\x${hex.padStart(2, '0')}`);
        else if (cp <= 0xffff) out.put(`\\u${hex.padStart(4, '0')}`);
        else out.put(`\\U${hex.padStart(8, '0')}`);
      }
      spaces = false;
    } else if (c === ' ') {
      if (allowBreaks && !spaces && out.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
        out.breakAndIndent(indent);
        if (chars[i + 1] === ' ') out.put('\\');
      } else {
        out.put(c);
      }
      spaces = true;
    } else {
      out.put(c);
      spaces = false;
    }
  }
  out.put('"');
}

function writeSingleQuoted(out: Out, value: string, indent: number, allowBreaks: boolean): void {
  const chars = [...value];
  out.put("'");
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c === ' ') {
      if (
        allowBreaks &&
        !spaces &&
        out.column > BEST_WIDTH &&
        i > 0 &&
        i < chars.length - 1 &&
        chars[i + 1] !== ' '
      ) {
        out.breakAndIndent(indent);
      } else {
        out.put(c);
      }
      spaces = true;
    } else {
      out.put(c === "'" ? "''" : c);
      spaces = false;
    }
  }
  out.put("'");
}

function writePlain(out: Out, value: string, indent: number, allowBreaks: boolean): void {
  const chars = [...value];
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c === ' ') {
      if (allowBreaks && !spaces && out.column > BEST_WIDTH && chars[i + 1] !== ' ') {
        out.breakAndIndent(indent);
      } else {
        out.put(c);
      }
      spaces = true;
    } else {
      out.put(c);
      spaces = false;
    }
  }
}

function writeLiteral(out: Out, value: string, indent: number): void {
  const chars = [...value];
  let hints = '';
  if (chars[0] === ' ' || isBreak(chars[0] ?? 'x')) hints += '2';
  const last = chars[chars.length - 1] ?? '';
  if (!isBreak(last)) hints += '-';
  else if (chars.length === 1 || isBreak(chars[chars.length - 2] ?? '')) hints += '+';
  out.put(`|${hints}`);
  out.put('\n');
  let breaks = true;
  for (const c of chars) {
    if (isBreak(c)) {
      out.put('\n');
      breaks = true;
    } else {
      if (breaks) {
        out.put(' '.repeat(indent));
        breaks = false;
      }
      out.put(c);
    }
  }
}

/** Writes a string scalar in the style go-yaml picks; `indent` is for continuation lines. */
function writeString(out: Out, value: string, indent: number, simpleKey: boolean): void {
  const a = analyze(value);
  const canUsePlain = !resolvesToNonString(value) && !BASE60.test(value);
  let style: 'plain' | 'single' | 'double' | 'literal';
  if (value.includes('\n')) style = 'literal';
  else if (canUsePlain) style = 'plain';
  else style = 'double';
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
  if (style === 'plain') {
    if (!a.blockPlainAllowed || (value === '' && simpleKey)) style = 'single';
  }
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  const allowBreaks = !simpleKey;
  switch (style) {
    case 'plain':
      writePlain(out, value, indent, allowBreaks);
      break;
    case 'single':
      writeSingleQuoted(out, value, indent, allowBreaks);
      break;
    case 'double':
      writeDoubleQuoted(out, value, indent, allowBreaks);
      break;
    case 'literal':
      writeLiteral(out, value, indent);
      break;
  }
}

/** Go's `strconv.FormatFloat(f, 'g', -1, 64)` as go-yaml prints floats. */
function formatNumber(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Number.POSITIVE_INFINITY) return '.inf';
  if (n === Number.NEGATIVE_INFINITY) return '-.inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) {
    return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return String(n);
}

function isEmptyCollection(v: unknown): boolean {
  if (Array.isArray(v)) return v.length === 0;
  return v !== null && typeof v === 'object' && Object.keys(v).length === 0;
}

function writeScalar(out: Out, v: unknown, indent: number): void {
  if (v === null || v === undefined) out.put('null');
  else if (typeof v === 'boolean') out.put(v ? 'true' : 'false');
  else if (typeof v === 'number') out.put(formatNumber(v));
  else if (typeof v === 'string') writeString(out, v, indent, false);
  else if (Array.isArray(v)) out.put('[]');
  else out.put('{}');
}

function writeMapping(out: Out, obj: Record<string, unknown>, indent: number): void {
  let first = true;
  for (const key of sortedKeys(obj)) {
    const v = obj[key];
    if (v === undefined) continue;
    if (!first) out.indent(indent);
    first = false;
    writeString(out, key, indent + 2, true);
    out.put(':');
    if (v !== null && typeof v === 'object' && !isEmptyCollection(v)) {
      if (Array.isArray(v)) {
        out.breakAndIndent(indent);
        writeSequence(out, v, indent);
      } else {
        out.breakAndIndent(indent + 2);
        writeMapping(out, v as Record<string, unknown>, indent + 2);
      }
    } else {
      out.put(' ');
      writeScalar(out, v, indent + 2);
    }
  }
}

function writeSequence(out: Out, list: unknown[], indent: number): void {
  let first = true;
  for (const item of list) {
    if (!first) out.indent(indent);
    first = false;
    out.put('- ');
    if (item !== null && typeof item === 'object' && !isEmptyCollection(item)) {
      if (Array.isArray(item)) writeSequence(out, item, indent + 2);
      else writeMapping(out, item as Record<string, unknown>, indent + 2);
    } else {
      writeScalar(out, item, indent + 2);
    }
  }
}

/** Marshals a JSON-like value to YAML exactly as `kubectl … -o yaml` prints one object. */
export function toGoYaml(value: unknown): string {
  const out = new Out();
  const v = JSON.parse(JSON.stringify(value ?? null)) as Json;
  if (v !== null && typeof v === 'object' && !isEmptyCollection(v)) {
    if (Array.isArray(v)) writeSequence(out, v, 0);
    else writeMapping(out, v, 0);
  } else {
    writeScalar(out, v, 0);
  }
  if (out.column > 0) out.put('\n');
  return out.text;
}
