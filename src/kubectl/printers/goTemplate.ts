/**
 * Go's text/template as kubectl's go-template printer runs it (cli-runtime printers/template.go):
 * a template named "output" with the builtins plus kubectl's `exists` and `base64decode`, run on
 * the object decoded into `map[string]interface{}`. Lexer, parser and executor follow
 * text/template and text/template/parse (Go 1.23) closely enough to give the same output and
 * the same error texts: `template: output:1: function "nope" not defined`,
 * `template: output:1:2: executing "output" at <.x.y>: map has no entry for key "y"`.
 */

import { queryEscape } from '../goUrl.ts';
import { unquoteBody } from './goUnquote.ts';
import {
  concrete,
  formatValue,
  fromJson,
  type GoVal,
  INVALID,
  sprint,
  sprintf,
  sprintln,
  toJs,
  typeName,
  unwrap,
} from './goValue.ts';

/** A template that does not parse: the message is text/template's. */
export class TemplateParseError extends Error {}

/** A template that failed while running. */
export class TemplateExecError extends Error {}

// ---------------------------------------------------------------- lexer

type ItemType =
  | 'error'
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'complex'
  | 'assign'
  | 'declare'
  | 'eof'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  // keywords
  | 'block'
  | 'break'
  | 'continue'
  | 'dot'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with';

const KEYWORDS: Record<string, ItemType> = {
  '.': 'dot',
  block: 'block',
  break: 'break',
  continue: 'continue',
  define: 'define',
  else: 'else',
  end: 'end',
  if: 'if',
  range: 'range',
  nil: 'nil',
  template: 'template',
  with: 'with',
};
const KEYWORD_TYPES = new Set<ItemType>(Object.values(KEYWORDS));

interface Item {
  typ: ItemType;
  pos: number;
  val: string;
  line: number;
}

/** item.String(): how a parse error names a token. */
function itemString(i: Item): string {
  if (i.typ === 'eof') return 'EOF';
  if (i.typ === 'error') return i.val;
  if (KEYWORD_TYPES.has(i.typ)) return `<${i.val}>`;
  if ([...i.val].length > 10) return `${goQuote([...i.val].slice(0, 10).join(''))}...`;
  return goQuote(i.val);
}

function goQuote(s: string): string {
  return sprintf('%q', [{ k: 'string', v: s }]);
}

const isSpace = (c: string | undefined): boolean =>
  c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlphaNumeric = (c: string | undefined): boolean =>
  c !== undefined && (c === '_' || /^[\p{L}\p{Nd}]$/u.test(c));

/** `%#U`: U+0021 '!'. */
function runeU(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  return /\p{L}|\p{N}|\p{P}|\p{S}/u.test(c) || c === ' ' ? `U+${hex} '${c}'` : `U+${hex}`;
}

const L = '{{';
const R = '}}';

/** Runs text/template's lexer to the end (or its first error). */
function lex(input: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let parenDepth = 0;
  const emit = (typ: ItemType): void => {
    items.push({ typ, pos: start, val: input.slice(start, pos), line: startLine });
    start = pos;
    startLine = line;
  };
  const ignore = (): void => {
    line += count(input.slice(start, pos), '\n');
    start = pos;
    startLine = line;
  };
  const next = (): string | undefined => {
    if (pos >= input.length) {
      pos++;
      return undefined;
    }
    const c = String.fromCodePoint(input.codePointAt(pos) ?? 0);
    pos += c.length;
    if (c === '\n') line++;
    return c;
  };
  const backup = (c: string | undefined): void => {
    pos -= c === undefined ? 1 : c.length;
    if (c === '\n') line--;
  };
  const peek = (): string | undefined => {
    const c = next();
    backup(c);
    return c;
  };
  const accept = (valid: string): boolean => {
    const c = next();
    if (c !== undefined && valid.includes(c)) return true;
    backup(c);
    return false;
  };
  const acceptRun = (valid: string): void => {
    while (accept(valid)) {
      /* absorb */
    }
  };
  const error = (msg: string): Item[] => {
    items.push({ typ: 'error', pos: start, val: msg, line: startLine });
    return items;
  };
  const hasLeftTrim = (s: string): boolean => s[0] === '-' && isSpace(s[1]);
  const hasRightTrim = (s: string): boolean => isSpace(s[0]) && s[1] === '-';
  const atRightDelim = (): [boolean, boolean] => {
    const rest = input.slice(pos);
    if (hasRightTrim(rest) && rest.slice(2).startsWith(R)) return [true, true];
    if (rest.startsWith(R)) return [true, false];
    return [false, false];
  };
  const atTerminator = (): boolean => {
    const c = peek();
    if (c === undefined || isSpace(c)) return true;
    if ('.,|:)('.includes(c)) return true;
    // Go 1.23's lexer (kubectl 1.32): the whole right delimiter must follow, so the lone `}`
    // of "{{.x}" is a bad character.
    return input.startsWith(R, pos);
  };
  const scanNumber = (): boolean => {
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    if (isAlphaNumeric(peek())) {
      next();
      return false;
    }
    return true;
  };

  let inside = false;
  for (;;) {
    if (!inside) {
      // lexText
      const x = input.indexOf(L, pos);
      if (x < 0) {
        pos = input.length;
        if (pos > start) {
          line += count(input.slice(start, pos), '\n');
          emit('text');
        }
        items.push({ typ: 'eof', pos, val: '', line });
        return items;
      }
      if (x > pos || x > start) {
        pos = x;
        let trim = 0;
        if (hasLeftTrim(input.slice(pos + L.length))) {
          const s = input.slice(start, pos);
          trim = s.length - s.replace(/[ \t\r\n]+$/, '').length;
        }
        pos -= trim;
        line += count(input.slice(start, pos), '\n');
        const text = input.slice(start, pos);
        const item: Item = { typ: 'text', pos: start, val: text, line: startLine };
        start = pos;
        startLine = line;
        pos += trim;
        ignore();
        if (text.length > 0) items.push(item);
      }
      // lexLeftDelim
      pos += L.length;
      const trimSpace = hasLeftTrim(input.slice(pos));
      const after = trimSpace ? 2 : 0;
      if (input.slice(pos + after).startsWith('/*')) {
        pos += after;
        ignore();
        // lexComment
        pos += 2;
        const y = input.indexOf('*/', pos);
        if (y < 0) return error('unclosed comment');
        pos = y + 2;
        const [delim, trim] = atRightDelim();
        if (!delim) return error('comment ends before closing delimiter');
        if (trim) pos += 2;
        pos += R.length;
        if (trim) pos += leftTrimLength(input.slice(pos));
        ignore();
        continue;
      }
      items.push({ typ: 'leftDelim', pos: start, val: L, line: startLine });
      start = pos;
      inside = true;
      pos += after;
      ignore();
      parenDepth = 0;
      continue;
    }
    // lexInsideAction
    const [delim, trimR] = atRightDelim();
    if (delim) {
      if (parenDepth !== 0) return error('unclosed left paren');
      if (trimR) {
        pos += 2;
        ignore();
      }
      pos += R.length;
      emit('rightDelim');
      if (trimR) {
        pos += leftTrimLength(input.slice(pos));
        ignore();
      }
      inside = false;
      continue;
    }
    const r = next();
    if (r === undefined) return error('unclosed action');
    if (isSpace(r)) {
      backup(r);
      // lexSpace
      let n = 0;
      while (isSpace(peek())) {
        next();
        n++;
      }
      const rest = input.slice(pos - 1);
      if (hasRightTrim(rest) && rest.slice(2).startsWith(R)) {
        backup(input[pos - 1]);
        if (n === 1) continue;
      }
      emit('space');
      continue;
    }
    if (r === '=') {
      emit('assign');
      continue;
    }
    if (r === ':') {
      const c = next();
      if (c !== '=') return error('expected :=');
      emit('declare');
      continue;
    }
    if (r === '|') {
      emit('pipe');
      continue;
    }
    if (r === '"') {
      for (;;) {
        const c = next();
        if (c === '\\') {
          const d = next();
          if (d !== undefined && d !== '\n') continue;
          return error('unterminated quoted string');
        }
        if (c === undefined || c === '\n') return error('unterminated quoted string');
        if (c === '"') break;
      }
      emit('string');
      continue;
    }
    if (r === '`') {
      for (;;) {
        const c = next();
        if (c === undefined) return error('unterminated raw quoted string');
        if (c === '`') break;
      }
      emit('rawString');
      continue;
    }
    if (r === "'") {
      for (;;) {
        const c = next();
        if (c === '\\') {
          const d = next();
          if (d !== undefined && d !== '\n') continue;
          return error('unterminated character constant');
        }
        if (c === undefined || c === '\n') return error('unterminated character constant');
        if (c === "'") break;
      }
      emit('charConstant');
      continue;
    }
    if (r === '$' || (r === '.' && !/[0-9]/.test(input[pos] ?? ''))) {
      // lexVariable / lexField
      const typ: ItemType = r === '$' ? 'variable' : 'field';
      if (atTerminator()) {
        emit(typ === 'variable' ? 'variable' : 'dot');
        continue;
      }
      let c: string | undefined;
      for (;;) {
        c = next();
        if (!isAlphaNumeric(c)) {
          backup(c);
          break;
        }
      }
      if (!atTerminator()) return error(`bad character ${runeU(c ?? '')}`);
      emit(typ);
      continue;
    }
    if (r === '.' || r === '+' || r === '-' || (r >= '0' && r <= '9')) {
      backup(r);
      if (!scanNumber()) return error(`bad number syntax: ${goQuote(input.slice(start, pos))}`);
      const sign = peek();
      if (sign === '+' || sign === '-') {
        if (!scanNumber() || input[pos - 1] !== 'i')
          return error(`bad number syntax: ${goQuote(input.slice(start, pos))}`);
        emit('complex');
        continue;
      }
      emit('number');
      continue;
    }
    if (isAlphaNumeric(r)) {
      let c: string | undefined;
      for (;;) {
        c = next();
        if (!isAlphaNumeric(c)) {
          backup(c);
          break;
        }
      }
      const word = input.slice(start, pos);
      if (!atTerminator()) return error(`bad character ${runeU(c ?? '')}`);
      const kw = KEYWORDS[word];
      if (kw && kw !== 'dot') emit(kw);
      else if (word === 'true' || word === 'false') emit('bool');
      else emit('identifier');
      continue;
    }
    if (r === '(') {
      parenDepth++;
      emit('leftParen');
      continue;
    }
    if (r === ')') {
      parenDepth--;
      if (parenDepth < 0) return error(`unexpected right paren ${runeU(r)}`);
      emit('rightParen');
      continue;
    }
    const cp = r.codePointAt(0) ?? 0;
    if (cp <= 0x7f && cp >= 0x20 && cp !== 0x7f) {
      emit('char');
      continue;
    }
    return error(`unrecognized character in action: ${runeU(r)}`);
  }
}

function leftTrimLength(s: string): number {
  return s.length - s.replace(/^[ \t\r\n]+/, '').length;
}

function count(s: string, c: string): number {
  let n = 0;
  for (const ch of s) if (ch === c) n++;
  return n;
}

// ---------------------------------------------------------------- nodes

interface PipeNode {
  type: 'pipe';
  pos: number;
  line: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
interface CommandNode {
  type: 'command';
  pos: number;
  args: ArgNode[];
}
interface FieldNode {
  type: 'field';
  pos: number;
  ident: string[];
}
interface VariableNode {
  type: 'variable';
  pos: number;
  ident: string[];
}
interface ChainNode {
  type: 'chain';
  pos: number;
  node: ArgNode;
  field: string[];
}
interface IdentifierNode {
  type: 'identifier';
  pos: number;
  ident: string;
}
interface NumberNode {
  type: 'number';
  pos: number;
  text: string;
  isInt: boolean;
  isFloat: boolean;
  int: number;
  float: number;
}
type ArgNode =
  | FieldNode
  | VariableNode
  | ChainNode
  | IdentifierNode
  | NumberNode
  | PipeNode
  | { type: 'dot'; pos: number }
  | { type: 'nil'; pos: number }
  | { type: 'bool'; pos: number; val: boolean }
  | { type: 'string'; pos: number; quoted: string; text: string };

interface ListNode {
  type: 'list';
  pos: number;
  nodes: Node[];
}
interface BranchNode {
  type: 'if' | 'range' | 'with';
  pos: number;
  line: number;
  pipe: PipeNode;
  list: ListNode;
  elseList?: ListNode;
}
type Node =
  | { type: 'text'; pos: number; text: string }
  | { type: 'action'; pos: number; line: number; pipe: PipeNode }
  | BranchNode
  | { type: 'template'; pos: number; line: number; name: string; pipe?: PipeNode }
  | { type: 'break' | 'continue'; pos: number; line: number }
  | { type: 'end' | 'else'; pos: number; line: number }
  | ListNode;

function nodeString(n: Node | ArgNode | CommandNode): string {
  switch (n.type) {
    case 'text':
      return goQuote(n.text);
    case 'action':
      return `{{${nodeString(n.pipe)}}}`;
    case 'pipe': {
      let s = '';
      if (n.decl.length > 0) {
        s = `${n.decl.map(nodeString).join(', ')} ${n.isAssign ? '=' : ':='} `;
      }
      return s + n.cmds.map(nodeString).join(' | ');
    }
    case 'command':
      return n.args
        .map((a) => (a.type === 'pipe' ? `(${nodeString(a)})` : nodeString(a)))
        .join(' ');
    case 'field':
      return n.ident.map((i) => `.${i}`).join('');
    case 'variable':
      return n.ident.join('.');
    case 'chain':
      return (
        (n.node.type === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node)) +
        n.field.map((f) => `.${f}`).join('')
      );
    case 'identifier':
      return n.ident;
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(n.val);
    case 'list':
      return n.nodes.map(nodeString).join('');
    case 'if':
    case 'range':
    case 'with':
      return `{{${n.type} ${nodeString(n.pipe)}}}${nodeString(n.list)}${n.elseList ? `{{else}}${nodeString(n.elseList)}` : ''}{{end}}`;
    case 'template':
      return n.pipe
        ? `{{template ${goQuote(n.name)} ${nodeString(n.pipe)}}}`
        : `{{template ${goQuote(n.name)}}}`;
    case 'break':
      return '{{break}}';
    case 'continue':
      return '{{continue}}';
    case 'end':
      return '{{end}}';
    case 'else':
      return '{{else}}';
  }
}

// ---------------------------------------------------------------- parser

const FUNCS = new Set([
  'and',
  'call',
  'html',
  'index',
  'slice',
  'js',
  'len',
  'not',
  'or',
  'print',
  'printf',
  'println',
  'urlquery',
  'eq',
  'ge',
  'gt',
  'le',
  'lt',
  'ne',
  'exists',
  'base64decode',
]);

/** A parsed template and the ones it defines. */
export interface Template {
  name: string;
  root: ListNode;
  text: string;
  defs: Map<string, ListNode>;
}

class Parser {
  private i = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private actionLine = 0;
  /** The last token returned (what t.token[0] holds for error lines). */
  private last: Item | undefined;

  constructor(
    private readonly items: Item[],
    private readonly name: string,
    readonly defs: Map<string, ListNode>,
  ) {}

  private errorf(msg: string): never {
    const line = this.last?.line ?? 1;
    throw new TemplateParseError(`template: ${this.name}:${line}: ${msg}`);
  }

  private next(): Item {
    const it = this.items[Math.min(this.i, this.items.length - 1)] as Item;
    this.i++;
    this.last = it;
    return it;
  }
  private backup(): void {
    this.i--;
  }
  private peek(): Item {
    return this.items[Math.min(this.i, this.items.length - 1)] as Item;
  }
  private nextNonSpace(): Item {
    let t = this.next();
    while (t.typ === 'space') t = this.next();
    return t;
  }
  private peekNonSpace(): Item {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }
  private unexpected(token: Item, context: string): never {
    if (token.typ === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.name}:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${itemString(token)}${extra}`);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }
  private expect(typ: ItemType, context: string): Item {
    const t = this.nextNonSpace();
    if (t.typ !== typ) this.unexpected(t, context);
    return t;
  }

  parse(): ListNode {
    const root: ListNode = { type: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().typ !== 'eof') {
      if (this.peek().typ === 'leftDelim') {
        const save = this.i;
        this.next();
        if (this.nextNonSpace().typ === 'define') {
          this.parseDefinition();
          continue;
        }
        this.i = save;
      }
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      root.nodes.push(n);
    }
    return root;
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const t = this.nextNonSpace();
    if (t.typ !== 'string' && t.typ !== 'rawString') this.unexpected(t, context);
    const name = unquote(t.val);
    if (name === undefined) this.errorf('invalid syntax');
    this.expect('rightDelim', context);
    const savedVars = this.vars;
    this.vars = ['$'];
    const [list, end] = this.itemList();
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.vars = savedVars;
    this.addDefinition(name, list);
  }

  private addDefinition(name: string, list: ListNode): void {
    const old = this.defs.get(name);
    // A definition with only spaces does not replace one with content (parse.IsEmptyTree).
    if (old && isEmptyList(list)) return;
    this.defs.set(name, list);
  }

  private itemList(): [ListNode, Node] {
    const list: ListNode = { type: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().typ !== 'eof') {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const token = this.nextNonSpace();
    if (token.typ === 'text') return { type: 'text', pos: token.pos, text: token.val };
    if (token.typ === 'leftDelim') {
      this.actionLine = token.line;
      try {
        return this.action();
      } finally {
        this.actionLine = 0;
      }
    }
    this.unexpected(token, 'input');
  }

  private action(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'block':
        return this.blockControl();
      case 'break':
      case 'continue': {
        const t = this.nextNonSpace();
        if (t.typ !== 'rightDelim') this.unexpected(t, `{{${token.typ}}}`);
        if (this.rangeDepth === 0) this.errorf(`{{${token.typ}}} outside {{range}}`);
        return { type: token.typ, pos: token.pos, line: token.line };
      }
      case 'else':
        return this.elseControl();
      case 'end': {
        const t = this.expect('rightDelim', 'end');
        return { type: 'end', pos: t.pos, line: t.line };
      }
      case 'if':
        return this.branch('if');
      case 'range':
        return this.branch('range');
      case 'template':
        return this.templateControl();
      case 'with':
        return this.branch('with');
    }
    this.backup();
    const t = this.peek();
    return {
      type: 'action',
      pos: t.pos,
      line: t.line,
      pipe: this.pipeline('command', 'rightDelim'),
    };
  }

  private elseControl(): Node {
    const p = this.peekNonSpace();
    if (p.typ === 'if' || p.typ === 'with') return { type: 'else', pos: p.pos, line: p.line };
    const t = this.expect('rightDelim', 'else');
    return { type: 'else', pos: t.pos, line: t.line };
  }

  private branch(context: 'if' | 'range' | 'with'): BranchNode {
    const depth = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') this.rangeDepth++;
      const [list, first] = this.itemList();
      let next = first;
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | undefined;
      if (next.type === 'else') {
        if (context === 'if' && this.peek().typ === 'if') {
          this.next();
          elseList = { type: 'list', pos: next.pos, nodes: [this.branch('if')] };
        } else if (context === 'with' && this.peek().typ === 'with') {
          this.next();
          elseList = { type: 'list', pos: next.pos, nodes: [this.branch('with')] };
        } else {
          [elseList, next] = this.itemList();
          if (next.type !== 'end') this.errorf(`expected end; found ${nodeString(next)}`);
        }
      }
      return {
        type: context,
        pos: pipe.pos,
        line: pipe.line,
        pipe,
        list,
        ...(elseList ? { elseList } : {}),
      };
    } finally {
      this.vars.length = depth;
    }
  }

  private blockControl(): Node {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const savedVars = this.vars;
    this.vars = ['$'];
    const [list, end] = this.itemList();
    if (end.type !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.vars = savedVars;
    this.addDefinition(name, list);
    return { type: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  private templateControl(): Node {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().typ !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { type: 'template', pos: token.pos, line: token.line, name, ...(pipe ? { pipe } : {}) };
  }

  private templateName(token: Item, context: string): string {
    if (token.typ !== 'string' && token.typ !== 'rawString') this.unexpected(token, context);
    const s = unquote(token.val);
    if (s === undefined) this.errorf('invalid syntax');
    return s;
  }

  private pipeline(context: string, end: ItemType): PipeNode {
    const token = this.peekNonSpace();
    const pipe: PipeNode = {
      type: 'pipe',
      pos: token.pos,
      line: token.line,
      isAssign: false,
      decl: [],
      cmds: [],
    };
    for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== 'variable') break;
      this.nextNonSpace();
      const save = this.i;
      const tokenAfter = this.peek();
      const next = this.peekNonSpace();
      if (next.typ === 'assign' || next.typ === 'declare') {
        pipe.isAssign = next.typ === 'assign';
        this.nextNonSpace();
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
      } else if (next.typ === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const p = this.peekNonSpace().typ;
          if (p === 'variable' || p === 'rightDelim' || p === 'rightParen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      } else {
        this.i = save - 1;
        void tokenAfter;
      }
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      if (token.typ === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (token.typ) {
        case 'bool':
        case 'charConstant':
        case 'complex':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(token, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const t = c.args[0]?.type;
      if (t === 'bool' || t === 'dot' || t === 'nil' || t === 'number' || t === 'string')
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.typ === 'space') continue;
      if (token.typ === 'rightDelim' || token.typ === 'rightParen') this.backup();
      else if (token.typ !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): ArgNode | undefined {
    let node = this.term();
    if (!node) return undefined;
    if (this.peek().typ === 'field') {
      const pos = this.peek().pos;
      const fields: string[] = [];
      while (this.peek().typ === 'field') fields.push(this.next().val.slice(1));
      switch (node.type) {
        case 'field':
          node = { type: 'field', pos, ident: [...node.ident, ...fields] };
          break;
        case 'variable':
          node = { type: 'variable', pos, ident: [...node.ident, ...fields] };
          break;
        case 'bool':
        case 'string':
        case 'number':
        case 'nil':
        case 'dot':
          this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
          break;
        default:
          node = { type: 'chain', pos, node, field: fields };
      }
    }
    return node;
  }

  private term(): ArgNode | undefined {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'identifier':
        if (!FUNCS.has(token.val)) this.errorf(`function ${goQuote(token.val)} not defined`);
        return { type: 'identifier', pos: token.pos, ident: token.val };
      case 'dot':
        return { type: 'dot', pos: token.pos };
      case 'nil':
        return { type: 'nil', pos: token.pos };
      case 'variable': {
        const name = token.val.split('.')[0] as string;
        if (!this.vars.includes(name)) this.errorf(`undefined variable ${goQuote(name)}`);
        return { type: 'variable', pos: token.pos, ident: [token.val] };
      }
      case 'field':
        return { type: 'field', pos: token.pos, ident: [token.val.slice(1)] };
      case 'bool':
        return { type: 'bool', pos: token.pos, val: token.val === 'true' };
      case 'charConstant':
      case 'complex':
      case 'number':
        return this.number(token);
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString': {
        const s = unquote(token.val);
        if (s === undefined) this.errorf('invalid syntax');
        return { type: 'string', pos: token.pos, quoted: token.val, text: s };
      }
    }
    this.backup();
    return undefined;
  }

  private number(token: Item): NumberNode {
    const text = token.val;
    const n: NumberNode = {
      type: 'number',
      pos: token.pos,
      text,
      isInt: false,
      isFloat: false,
      int: 0,
      float: 0,
    };
    if (token.typ === 'charConstant') {
      const s = unquote(`"${text.slice(1, -1).replace(/"/g, '\\"')}"`);
      const cp = s === undefined ? undefined : s.codePointAt(0);
      if (s === undefined || cp === undefined || [...s].length !== 1)
        this.errorf(`malformed character constant: ${text}`);
      return { ...n, isInt: true, isFloat: true, int: cp, float: cp };
    }
    if (token.typ === 'complex') this.errorf(`illegal number syntax: ${goQuote(text)}`);
    const clean = text.replace(/_/g, '');
    const intLike = /^[+-]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.test(
      clean,
    );
    if (intLike) {
      const neg = clean.startsWith('-');
      const body = clean.replace(/^[+-]/, '');
      let big: bigint;
      if (/^0[0-7]+$/.test(body)) big = BigInt(`0o${body.slice(1)}`);
      else big = BigInt(body.replace(/^0[oO]/, '0o'));
      if (neg) big = -big;
      const asNum = Number(big);
      if (big >= -(2n ** 63n) && big < 2n ** 63n)
        return { ...n, isInt: true, isFloat: true, int: asNum, float: asNum };
      return { ...n, isFloat: true, float: asNum };
    }
    if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(clean)) {
      const f = Number(clean);
      const isInt = Number.isInteger(f) && Math.abs(f) < 2 ** 63;
      return { ...n, isFloat: true, float: f, isInt, int: isInt ? f : 0 };
    }
    this.errorf(`illegal number syntax: ${goQuote(text)}`);
  }
}

function isEmptyList(l: ListNode): boolean {
  return l.nodes.every((n) => n.type === 'text' && n.text.trim() === '');
}

/** strconv.Unquote for "…" and `…` literals. */
function unquote(s: string): string | undefined {
  if (s.startsWith('`')) return s.length >= 2 && s.endsWith('`') ? s.slice(1, -1) : undefined;
  if (!(s.length >= 2 && s.startsWith('"') && s.endsWith('"'))) return undefined;
  return unquoteBody(s.slice(1, -1), '"');
}

/** Parses a template named `name` (kubectl: "output"). Throws TemplateParseError. */
export function parseTemplate(name: string, text: string): Template {
  const defs = new Map<string, ListNode>();
  const p = new Parser(lex(text), name, defs);
  const root = p.parse();
  // The top-level tree is the template itself unless it is empty and a definition names it.
  if (!(defs.has(name) && isEmptyList(root))) defs.set(name, root);
  return { name, root: defs.get(name) ?? root, text, defs };
}

// ---------------------------------------------------------------- executor

class BreakSignal {}
class ContinueSignal {}
const BREAK = new BreakSignal();
const CONTINUE = new ContinueSignal();

/** A missing argument (no pipeline value flowing into a command). */
const MISSING: GoVal = { k: 'invalid', v: 'missing' };
const isMissing = (v: GoVal): boolean => v === MISSING;

/** How a function takes one argument: reflect.Value, interface{}, string. */
type ArgType = 'value' | 'any' | 'string';

interface Func {
  fixed: ArgType[];
  variadic?: ArgType;
  call: (args: GoVal[]) => GoVal;
}

class FuncError extends Error {}

const bool = (b: boolean): GoVal => ({ k: 'bool', v: b });
const str = (s: string): GoVal => ({ k: 'string', v: s });
const int = (n: number): GoVal => ({ k: 'int', v: n });

/** indirectInterface: the value inside an interface; a nil interface is invalid. */
const indirectInterface = unwrap;

function isTrue(v: GoVal): [boolean, boolean] {
  switch (v.k) {
    case 'invalid':
      return [false, true];
    case 'nil':
      return [false, true];
    case 'string':
      return [(v.v as string).length > 0, true];
    case 'map':
      return [Object.keys(v.v as object).length > 0, true];
    case 'slice':
      return [(v.v as unknown[]).length > 0, true];
    case 'bool':
      return [v.v as boolean, true];
    default:
      return [(v.v as number) !== 0, true];
  }
}

type BasicKind = 'bool' | 'int' | 'float' | 'string' | 'invalid';
function basicKind(v: GoVal): BasicKind {
  switch (v.k) {
    case 'bool':
      return 'bool';
    case 'int':
    case 'int64':
    case 'uint8':
      return 'int';
    case 'float64':
      return 'float';
    case 'string':
      return 'string';
    default:
      return 'invalid';
  }
}

const errBadComparisonType = 'invalid type for comparison';
const errBadComparison = 'incompatible types for comparison';
const errNoComparison = 'missing argument for comparison';

function eq(a1: GoVal, ...rest: GoVal[]): boolean {
  const arg1 = indirectInterface(a1);
  if (rest.length === 0) throw new FuncError(errNoComparison);
  const k1 = basicKind(arg1);
  for (const a of rest) {
    const arg = indirectInterface(a);
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if (arg1.k !== 'invalid' && arg.k !== 'invalid') throw new FuncError(errBadComparison);
    } else if (k1 === 'invalid') {
      if (arg1.k === 'invalid' || arg.k === 'invalid') truth = arg1.k === arg.k;
      else
        throw new FuncError(
          `non-comparable types ${formatValue(arg1)}: ${typeName(arg1)}, ${typeName(arg)}: ${formatValue(arg)}`,
        );
    } else truth = arg1.v === arg.v;
    if (truth) return true;
  }
  return false;
}

function lt(a1: GoVal, a2: GoVal): boolean {
  const arg1 = indirectInterface(a1);
  const k1 = basicKind(arg1);
  if (k1 === 'invalid') throw new FuncError(errBadComparisonType);
  const arg2 = indirectInterface(a2);
  const k2 = basicKind(arg2);
  if (k2 === 'invalid') throw new FuncError(errBadComparisonType);
  if (k1 !== k2) throw new FuncError(errBadComparison);
  if (k1 === 'bool') throw new FuncError(errBadComparisonType);
  if (k1 === 'string') return (arg1.v as string) < (arg2.v as string);
  return (arg1.v as number) < (arg2.v as number);
}

function length(item: GoVal): number {
  if (item.iface && item.k === 'nil') throw new FuncError('len of nil pointer');
  const v = unwrap(item);
  switch (v.k) {
    case 'map':
      return Object.keys(v.v as object).length;
    case 'slice':
      return (v.v as unknown[]).length;
    case 'string':
      return new TextEncoder().encode(v.v as string).length;
    case 'invalid':
      throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
    default:
      throw new FuncError(`len of type ${typeName(v)}`);
  }
}

/** indexArg: an int kind (index indirects its arguments first, slice does not). */
function indexArg(i: GoVal, cap: number): number {
  if (i.k === 'invalid') throw new FuncError('cannot index slice/array with nil');
  if (i.iface || (i.k !== 'int' && i.k !== 'int64' && i.k !== 'uint8'))
    throw new FuncError(`cannot index slice/array with type ${typeName(i)}`);
  const x = i.v as number;
  if (x < 0 || x > cap) throw new FuncError(`index out of range: ${x}`);
  return x;
}

function index(item0: GoVal, ...indexes: GoVal[]): GoVal {
  let item = indirectInterface(item0);
  if (item.k === 'invalid') throw new FuncError('index of untyped nil');
  for (const ix of indexes) {
    item = unwrap(item);
    if (item.k === 'invalid') throw new FuncError('index of nil pointer');
    switch (item.k) {
      case 'slice':
      case 'string': {
        const bytes = item.k === 'string' ? new TextEncoder().encode(item.v as string) : undefined;
        const len = bytes ? bytes.length : (item.v as unknown[]).length;
        const x = indexArg(indirectInterface(ix), len);
        if (x === len) throw new FuncError(`index out of range: ${x}`);
        item = bytes ? { k: 'uint8', v: bytes[x] } : fromJson((item.v as unknown[])[x]);
        break;
      }
      case 'map': {
        const key = indirectInterface(ix);
        if (key.k === 'invalid') throw new FuncError('value is nil; should be of type string');
        if (key.k !== 'string')
          throw new FuncError(`value has type ${typeName(key)}; should be string`);
        const o = item.v as Record<string, unknown>;
        item = Object.hasOwn(o, key.v as string)
          ? fromJson(o[key.v as string])
          : { k: 'nil', iface: true };
        break;
      }
      default:
        throw new FuncError(`can't index item of type ${typeName(item)}`);
    }
  }
  return item;
}

function slice(item0: GoVal, ...indexes: GoVal[]): GoVal {
  const item = indirectInterface(item0);
  if (item.k === 'invalid') throw new FuncError('slice of untyped nil');
  if (indexes.length > 3) throw new FuncError(`too many slice indexes: ${indexes.length}`);
  let cap: number;
  switch (item.k) {
    case 'string':
      if (indexes.length === 3) throw new FuncError('cannot 3-index slice a string');
      cap = new TextEncoder().encode(item.v as string).length;
      break;
    case 'slice':
      cap = (item.v as unknown[]).length;
      break;
    default:
      throw new FuncError(`can't slice item of type ${typeName(item)}`);
  }
  const idx = [0, cap];
  indexes.forEach((ix, i) => {
    idx[i] = indexArg(ix, cap);
  });
  const [lo = 0, hi = cap] = idx;
  if (lo > hi) throw new FuncError(`invalid slice index: ${lo} > ${hi}`);
  if (indexes.length < 3) {
    if (item.k === 'string') {
      const bytes = new TextEncoder().encode(item.v as string).slice(lo, hi);
      return str(new TextDecoder().decode(bytes));
    }
    return { k: 'slice', v: (item.v as unknown[]).slice(lo, hi) };
  }
  const max = idx[2] ?? cap;
  if (hi > max) throw new FuncError(`invalid slice index: ${hi} > ${max}`);
  return { k: 'slice', v: (item.v as unknown[]).slice(lo, hi) };
}

/** evalArgs of html/js/urlquery: one string as is, else fmt.Sprint of the arguments. */
function evalArgs(args: GoVal[]): string {
  if (args.length === 1 && args[0]?.k === 'string') return args[0].v as string;
  return sprint(args);
}

function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) =>
    c === '\0'
      ? '\uFFFD'
      : c === '"'
        ? '&#34;'
        : c === "'"
          ? '&#39;'
          : c === '&'
            ? '&amp;'
            : c === '<'
              ? '&lt;'
              : '&gt;',
  );
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '\\':
        out += '\\\\';
        continue;
      case "'":
        out += "\\'";
        continue;
      case '"':
        out += '\\"';
        continue;
      case '<':
        out += '\\u003C';
        continue;
      case '>':
        out += '\\u003E';
        continue;
      case '&':
        out += '\\u0026';
        continue;
      case '=':
        out += '\\u003D';
        continue;
    }
    if (c < 0x20 || c === 0x7f || (c >= 0x80 && !/[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]/u.test(ch)))
      out += `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

function base64decode(v: string): string {
  const clean = v.replace(/[\r\n]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) {
    const bad = firstBadBase64(clean);
    throw new FuncError(`base64 decode failed: illegal base64 data at input byte ${bad}`);
  }
  const bin = atob(clean);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** Where Go's base64 StdEncoding decoder reports corrupt input (roughly: the first bad byte). */
function firstBadBase64(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (/[A-Za-z0-9+/\r\n]/.test(c)) continue;
    return i;
  }
  return s.length - (s.length % 4);
}

function exists(item: GoVal, ...indices: GoVal[]): boolean {
  let v = item;
  for (const ix of indices) {
    v = unwrap(v);
    if (v.k === 'invalid') return false;
    const i = unwrap(ix);
    if (v.k === 'slice' || v.k === 'string') {
      if (i.k !== 'int' && i.k !== 'int64' && i.k !== 'uint8') return false;
      const len =
        v.k === 'string'
          ? new TextEncoder().encode(v.v as string).length
          : (v.v as unknown[]).length;
      const x = i.v as number;
      if (x < 0 || x >= len) return false;
      v = v.k === 'string' ? { k: 'uint8', v: 0 } : fromJson((v.v as unknown[])[x]);
    } else if (v.k === 'map') {
      if (i.k !== 'string') return false;
      const o = v.v as Record<string, unknown>;
      v = Object.hasOwn(o, i.v as string) ? fromJson(o[i.v as string]) : { k: 'nil', iface: true };
    } else return false;
  }
  return unwrap(v).k !== 'invalid';
}

const FUNC_TABLE: Record<string, Func> = {
  and: { fixed: ['value'], variadic: 'value', call: () => INVALID },
  or: { fixed: ['value'], variadic: 'value', call: () => INVALID },
  call: {
    fixed: ['value'],
    variadic: 'value',
    call: (a) => {
      throw new FuncError(`non-function of type ${typeName(unwrap(a[0] ?? INVALID))}`);
    },
  },
  not: { fixed: ['value'], call: (a) => bool(!isTrue(indirectInterface(a[0] ?? INVALID))[0]) },
  len: { fixed: ['value'], call: (a) => int(length(a[0] ?? INVALID)) },
  index: {
    fixed: ['value'],
    variadic: 'value',
    call: (a) => index(a[0] ?? INVALID, ...a.slice(1)),
  },
  slice: {
    fixed: ['value'],
    variadic: 'value',
    call: (a) => slice(a[0] ?? INVALID, ...a.slice(1)),
  },
  print: { fixed: [], variadic: 'any', call: (a) => str(sprint(a)) },
  printf: {
    fixed: ['string'],
    variadic: 'any',
    call: (a) => str(sprintf(a[0]?.v as string, a.slice(1))),
  },
  println: { fixed: [], variadic: 'any', call: (a) => str(sprintln(a)) },
  html: { fixed: [], variadic: 'any', call: (a) => str(htmlEscape(evalArgs(a))) },
  js: { fixed: [], variadic: 'any', call: (a) => str(jsEscape(evalArgs(a))) },
  urlquery: { fixed: [], variadic: 'any', call: (a) => str(queryEscape(evalArgs(a))) },
  eq: {
    fixed: ['value'],
    variadic: 'value',
    call: (a) => bool(eq(a[0] ?? INVALID, ...a.slice(1))),
  },
  ne: {
    fixed: ['value', 'value'],
    call: (a) => bool(!eq(a[0] ?? INVALID, a[1] ?? INVALID)),
  },
  lt: { fixed: ['value', 'value'], call: (a) => bool(lt(a[0] ?? INVALID, a[1] ?? INVALID)) },
  le: {
    fixed: ['value', 'value'],
    call: (a) => bool(lt(a[0] ?? INVALID, a[1] ?? INVALID) || eq(a[0] ?? INVALID, a[1] ?? INVALID)),
  },
  gt: {
    fixed: ['value', 'value'],
    call: (a) =>
      bool(!(lt(a[0] ?? INVALID, a[1] ?? INVALID) || eq(a[0] ?? INVALID, a[1] ?? INVALID))),
  },
  ge: { fixed: ['value', 'value'], call: (a) => bool(!lt(a[0] ?? INVALID, a[1] ?? INVALID)) },
  exists: {
    fixed: ['any'],
    variadic: 'any',
    call: (a) => bool(exists(a[0] ?? INVALID, ...a.slice(1))),
  },
  base64decode: { fixed: ['string'], call: (a) => str(base64decode(a[0]?.v as string)) },
};

interface Options {
  /** `--allow-missing-template-keys=false`: missingkey=error. */
  missingKeyError: boolean;
}

const MAX_DEPTH = 100000;

class State {
  out = '';
  node: Node | ArgNode | CommandNode | undefined;
  vars: { name: string; value: GoVal }[] = [];
  depth = 0;

  constructor(
    private readonly tmpl: Template,
    private name: string,
    private readonly opts: Options,
  ) {}

  errorf(msg: string): never {
    if (this.node === undefined) throw new TemplateExecError(`template: ${this.name}: ${msg}`);
    const pos = this.node.pos;
    const text = this.tmpl.text.slice(0, pos);
    const nl = text.lastIndexOf('\n');
    const col = nl < 0 ? pos : pos - (nl + 1);
    const line = 1 + count(text, '\n');
    throw new TemplateExecError(
      `template: ${this.tmpl.name}:${line}:${col}: executing ${goQuote(this.name)} at <${nodeString(this.node)}>: ${msg}`,
    );
  }

  private mark(): number {
    return this.vars.length;
  }
  private pop(mark: number): void {
    this.vars.length = mark;
  }
  private setVar(name: string, value: GoVal): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i];
      if (v && v.name === name) {
        v.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }
  private setTopVar(n: number, value: GoVal): void {
    const v = this.vars[this.vars.length - n];
    if (v) v.value = value;
  }
  private varValue(name: string): GoVal {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i];
      if (v && v.name === name) return v.value;
    }
    this.errorf(`undefined variable: ${name}`);
  }

  run(dot: GoVal, root: ListNode): void {
    this.vars = [{ name: '$', value: dot }];
    this.walk(dot, root);
  }

  walk(dot: GoVal, node: Node): void {
    this.node = node;
    switch (node.type) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) {
          this.node = node;
          // printableValue: an invalid value (a missing key, a nil) prints as <no value>.
          this.out += val.k === 'invalid' ? '<no value>' : formatValue(val);
        }
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'if':
      case 'with': {
        const mark = this.mark();
        try {
          const val = this.evalPipeline(dot, node.pipe);
          const [truth] = isTrue(indirectInterface(val));
          if (truth) this.walk(node.type === 'with' ? val : dot, node.list);
          else if (node.elseList) this.walk(dot, node.elseList);
        } finally {
          this.pop(mark);
        }
        return;
      }
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        this.walkRange(dot, node);
        return;
      case 'template':
        this.walkTemplate(dot, node);
        return;
      case 'text':
        this.out += node.text;
        return;
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  private walkRange(dot: GoVal, r: BranchNode): void {
    this.node = r;
    const mark0 = this.mark();
    try {
      const val = unwrap(this.evalPipeline(dot, r.pipe));
      const mark = this.mark();
      const one = (idx: GoVal, elem: GoVal): boolean => {
        const decl = r.pipe.decl;
        if (decl.length > 0) {
          if (r.pipe.isAssign) {
            this.setVar(decl[0]?.ident[0] as string, decl.length > 1 ? idx : elem);
          } else this.setTopVar(1, elem);
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1]?.ident[0] as string, elem);
          else this.setTopVar(2, idx);
        }
        try {
          this.walk(elem, r.list);
        } catch (e) {
          if (e === BREAK) return false;
          if (e !== CONTINUE) throw e;
        } finally {
          this.pop(mark);
        }
        return true;
      };
      switch (val.k) {
        case 'slice': {
          const a = val.v as unknown[];
          if (a.length === 0) break;
          for (let i = 0; i < a.length; i++) if (!one(int(i), fromJson(a[i]))) break;
          return;
        }
        case 'map': {
          const o = val.v as Record<string, unknown>;
          const keys = Object.keys(o)
            .filter((k) => o[k] !== undefined)
            .sort();
          if (keys.length === 0) break;
          for (const k of keys) if (!one(str(k), fromJson(o[k]))) break;
          return;
        }
        case 'int':
        case 'int64': {
          const n = val.v as number;
          if (r.pipe.decl.length > 1)
            this.errorf(`can't use ${n} to iterate over more than one variable`);
          if (n <= 0) break;
          // (The elements have the integer's own type.)
          for (let i = 0; i < n; i++) if (!one(int(i), { k: val.k, v: i })) break;
          return;
        }
        case 'invalid':
          break;
        default:
          this.errorf(`range can't iterate over ${formatValue(val)}`);
      }
      if (r.elseList) this.walk(dot, r.elseList);
    } finally {
      this.pop(mark0);
    }
  }

  private walkTemplate(dot: GoVal, t: Extract<Node, { type: 'template' }>): void {
    this.node = t;
    const list = this.tmpl.defs.get(t.name);
    if (!list) this.errorf(`template ${goQuote(t.name)} not defined`);
    if (this.depth === MAX_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_DEPTH})`);
    const newDot = t.pipe ? this.evalPipeline(dot, t.pipe) : INVALID;
    const saved = { vars: this.vars, name: this.name };
    this.vars = [{ name: '$', value: newDot }];
    this.name = t.name;
    this.depth++;
    try {
      this.walk(newDot, list);
    } finally {
      this.depth--;
      this.vars = saved.vars;
      this.name = saved.name;
    }
  }

  evalPipeline(dot: GoVal, pipe: PipeNode): GoVal {
    this.node = pipe;
    let value: GoVal = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // An interface{} result: dig down to the thing inside.
      if (value.iface) value = unwrap(value);
    }
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0] as string, value);
      else this.vars.push({ name: v.ident[0] as string, value });
    }
    return value === MISSING ? INVALID : value;
  }

  private notAFunction(args: ArgNode[], final: GoVal): void {
    if (args.length > 1 || !isMissing(final))
      this.errorf(`can't give argument to non-function ${nodeString(args[0] as ArgNode)}`);
  }

  private evalCommand(dot: GoVal, cmd: CommandNode, final: GoVal): GoVal {
    const first = cmd.args[0] as ArgNode;
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.node = first;
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return bool(first.val);
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
        break;
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return str(first.text);
    }
    this.errorf(`can't evaluate command ${goQuote(nodeString(first))}`);
  }

  private idealConstant(n: NumberNode): GoVal {
    this.node = n;
    if (
      n.isFloat &&
      !/^[+-]?0[xX]/.test(n.text) &&
      !n.text.startsWith("'") &&
      /[.eEpP]/.test(n.text)
    )
      return { k: 'float64', v: n.float };
    if (n.isInt) return int(n.int);
    if (n.isFloat) this.errorf(`${n.text} overflows int`);
    return INVALID;
  }

  private evalFieldNode(dot: GoVal, field: FieldNode, args: ArgNode[], final: GoVal): GoVal {
    this.node = field;
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  private evalChainNode(dot: GoVal, chain: ChainNode, args: ArgNode[], final: GoVal): GoVal {
    this.node = chain;
    if (chain.node.type === 'nil')
      this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, undefined, chain.node);
    return this.evalFieldChain(dot, pipe, chain, chain.field, args, final);
  }

  private evalVariableNode(dot: GoVal, v: VariableNode, args: ArgNode[], final: GoVal): GoVal {
    this.node = v;
    const [name, ...fields] = (v.ident[0] as string).split('.');
    const value = this.varValue(name as string);
    const idents = [...fields, ...v.ident.slice(1)];
    if (idents.length === 0) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, idents, args, final);
  }

  private evalFieldChain(
    _dot: GoVal,
    receiver: GoVal,
    node: ArgNode,
    ident: string[],
    args: ArgNode[],
    final: GoVal,
  ): GoVal {
    let r = receiver;
    for (let i = 0; i < ident.length - 1; i++)
      r = this.evalField(ident[i] as string, node, [], MISSING, r);
    return this.evalField(ident[ident.length - 1] as string, node, args, final, r);
  }

  private evalField(
    name: string,
    node: ArgNode,
    args: ArgNode[],
    final: GoVal,
    receiver: GoVal,
  ): GoVal {
    void node;
    if (receiver.k === 'invalid') {
      if (this.opts.missingKeyError) this.errorf(`nil data; no entry for key ${goQuote(name)}`);
      return INVALID;
    }
    const typ = typeName(receiver);
    if (receiver.iface && receiver.k === 'nil')
      this.errorf(`nil pointer evaluating ${typ}.${name}`);
    const r = unwrap(receiver);
    const hasArgs = args.length > 1 || !isMissing(final);
    if (r.k === 'map') {
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      const o = r.v as Record<string, unknown>;
      if (Object.hasOwn(o, name) && o[name] !== undefined) return fromJson(o[name]);
      if (this.opts.missingKeyError) this.errorf(`map has no entry for key ${goQuote(name)}`);
      return INVALID;
    }
    this.errorf(`can't evaluate field ${name} in type ${typ}`);
  }

  private evalFunction(
    dot: GoVal,
    node: IdentifierNode,
    cmd: CommandNode,
    args: ArgNode[],
    final: GoVal,
  ): GoVal {
    this.node = node;
    const fn = FUNC_TABLE[node.ident];
    if (!fn) this.errorf(`${goQuote(node.ident)} is not a defined function`);
    return this.evalCall(dot, fn, cmd, node.ident, args, final);
  }

  private evalCall(
    dot: GoVal,
    fn: Func,
    node: CommandNode,
    name: string,
    allArgs: ArgNode[],
    final: GoVal,
  ): GoVal {
    const args = allArgs.slice(1);
    let numIn = args.length;
    if (!isMissing(final)) numIn++;
    const numParams = fn.fixed.length + (fn.variadic ? 1 : 0);
    if (fn.variadic) {
      if (numIn < fn.fixed.length)
        this.errorf(
          `wrong number of args for ${name}: want at least ${fn.fixed.length} got ${args.length}`,
        );
    } else if (numIn !== numParams) {
      this.errorf(`wrong number of args for ${name}: want ${numParams} got ${numIn}`);
    }
    // and/or evaluate their arguments in turn and stop at the first that decides.
    if (name === 'and' || name === 'or') {
      let v: GoVal = INVALID;
      for (const a of args) {
        v = this.evalArg(dot, 'value', a);
        if (isTrue(indirectInterface(v))[0] === (name === 'or')) return v;
      }
      if (!isMissing(final)) v = final;
      return v;
    }
    const argv: GoVal[] = [];
    let i = 0;
    for (; i < fn.fixed.length && i < args.length; i++)
      argv.push(this.evalArg(dot, fn.fixed[i] as ArgType, args[i] as ArgNode));
    if (fn.variadic)
      for (; i < args.length; i++) argv.push(this.evalArg(dot, fn.variadic, args[i] as ArgNode));
    if (!isMissing(final)) {
      let t: ArgType;
      if (fn.variadic)
        t = numIn - 1 < fn.fixed.length ? (fn.fixed[numIn - 1] as ArgType) : fn.variadic;
      else t = fn.fixed[fn.fixed.length - 1] as ArgType;
      argv.push(this.validateType(final, t));
    }
    try {
      // The call builtin is told its callee's text (Go 1.21+ evalCall): `non-function .data …`.
      if (name === 'call' && args[0] !== undefined) {
        const callee = indirectInterface(argv[0] ?? INVALID);
        if (callee.k === 'invalid') throw new FuncError('call of nil');
        throw new FuncError(
          `non-function ${nodeString(args[0] as ArgNode)} of type ${typeName(unwrap(callee))}`,
        );
      }
      return fn.call(argv);
    } catch (e) {
      if (!(e instanceof FuncError)) throw e;
      this.node = node;
      this.errorf(`error calling ${name}: ${e.message}`);
    }
  }

  private validateType(value: GoVal, typ: ArgType | undefined): GoVal {
    if (value.k === 'invalid') {
      if (typ === undefined) return INVALID;
      if (typ === 'any') return { k: 'nil' };
      if (typ === 'value') return INVALID;
      this.errorf(`invalid value; expected ${typ}`);
    }
    if (typ === 'string') {
      const v = unwrap(value);
      if (v.k !== 'string')
        this.errorf(
          `wrong type for value; expected string; got ${typeName(v.k === 'invalid' ? value : v)}`,
        );
      return v;
    }
    if (typ === 'any') {
      // Passed as interface{}: the function sees the concrete value (nil for a nil interface).
      return value.iface ? (value.k === 'nil' ? { k: 'nil' } : unwrap(value)) : value;
    }
    return value;
  }

  private evalArg(dot: GoVal, typ: ArgType | undefined, n: ArgNode): GoVal {
    this.node = n;
    switch (n.type) {
      case 'dot':
        return this.validateType(dot, typ);
      case 'nil':
        if (typ === 'any' || typ === 'value') return typ === 'any' ? { k: 'nil' } : INVALID;
        this.errorf(`cannot assign nil to ${typ ?? 'interface {}'}`);
        break;
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), typ);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, [], MISSING), typ);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier': {
        const fn = FUNC_TABLE[n.ident];
        if (!fn) this.errorf(`${goQuote(n.ident)} is not a defined function`);
        return this.validateType(
          this.evalCall(dot, fn, { type: 'command', pos: n.pos, args: [n] }, n.ident, [n], MISSING),
          typ,
        );
      }
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, [], MISSING), typ);
    }
    this.node = n;
    switch (typ) {
      case 'string':
        if (n.type === 'string') return str(n.text);
        this.errorf(`expected string; found ${nodeString(n)}`);
        break;
      default:
        // interface{} / reflect.Value: an untyped constant takes its natural type.
        switch (n.type) {
          case 'bool':
            return bool(n.val);
          case 'number':
            return this.idealConstant(n);
          case 'string':
            return str(n.text);
        }
    }
    this.errorf(`can't handle ${nodeString(n)} for arg of type ${typ}`);
  }
}

/** What running a template gave: its output so far, and the error that stopped it. */
export interface ExecResult {
  out: string;
  error?: string;
}

/** Runs `tmpl` on decoded JSON `data`. */
export function executeTemplate(tmpl: Template, data: unknown, opts: Options): ExecResult {
  const s = new State(tmpl, tmpl.name, opts);
  try {
    s.run(concrete(data), tmpl.root);
    return { out: s.out };
  } catch (e) {
    if (e instanceof TemplateExecError) return { out: s.out, error: e.message };
    if (e === BREAK || e === CONTINUE) return { out: s.out };
    if (e instanceof RangeError) return { out: s.out, error: `caught panic: ${e.message}` };
    throw e;
  }
}

/** `%v` of the object, as kubectl dumps "object given to template engine" (`%+v`). */
export function goPrint(data: unknown): string {
  return formatValue(concrete(data));
}

export { toJs };
