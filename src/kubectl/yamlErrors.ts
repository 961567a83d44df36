/**
 * What kubectl 1.32 prints for a manifest that is not well-formed YAML.
 *
 * kubectl cuts a file into documents at the lines that start with `---` (apimachinery's
 * YAMLReader) and gives each piece to sigs.k8s.io/yaml, which parses it with its copy of
 * go-yaml v2.4, a Go port of libyaml. This module ports the parts of go-yaml's scanner and
 * parser that decide whether a document is well-formed, so that a learner's mistake gets
 * go-yaml's own message and the line go-yaml's `parser.fail()` computes:
 *
 *   error converting YAML to JSON: yaml: line N: did not find expected key
 *
 * It builds no values; the `yaml` library still reads every manifest that passes here.
 * Error contexts ("while scanning a simple key", …) are left out: go-yaml v2 never prints them,
 * only their marks count.
 */

interface Mark {
  /** Characters (code points) from the start of the document. */
  index: number;
  /** 0-based, as libyaml counts. */
  line: number;
  column: number;
}

type TokenType =
  | 'stream-start'
  | 'stream-end'
  | 'version-directive'
  | 'tag-directive'
  | 'document-start'
  | 'document-end'
  | 'block-sequence-start'
  | 'block-mapping-start'
  | 'block-end'
  | 'flow-sequence-start'
  | 'flow-sequence-end'
  | 'flow-mapping-start'
  | 'flow-mapping-end'
  | 'block-entry'
  | 'flow-entry'
  | 'key'
  | 'value'
  | 'alias'
  | 'anchor'
  | 'tag'
  | 'scalar';

/** A token keeps only its start: no error points at a token's end. */
interface Token {
  type: TokenType;
  start: Mark;
  /** The name of an anchor or alias, the handle of a tag or %TAG directive. */
  value?: string;
  /** %YAML directive: major * 1000 + minor. */
  version?: number;
}

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
}

/** A libyaml error: go-yaml reports `problem` at the line of `problemMark`, else of `contextMark`. */
class YamlSyntaxError extends Error {
  constructor(
    readonly scanner: boolean,
    readonly problem: string,
    readonly problemMark: Mark,
    readonly contextMark?: Mark,
  ) {
    super(problem);
  }
}

const isBreak = (c: number) =>
  c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
const isBlank = (c: number) => c === 0x20 || c === 0x09;
/** `c` is 0 past the end of the text (go-yaml pads its buffer with NULs). */
const isBreakZ = (c: number) => c === 0 || isBreak(c);
const isBlankZ = (c: number) => isBlank(c) || isBreakZ(c);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isAlpha = (c: number) =>
  isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d;
const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const hexValue = (c: number) => (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10);
const code = (s: string) => s.charCodeAt(0);
/** Whether the UTF-16 unit `c` at `pos` starts a surrogate pair: one character, two units. */
const isPair = (s: string, pos: number, c: number) =>
  c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(pos + 1) & 0xfc00) === 0xdc00;

// Runs of characters the scanner passes over, as sticky regexes: a native search is fast from
// the first call, where a loop over 900 KB runs slowly until the JIT compiles it.
const BREAKZ = '\\0\\n\\r\\u0085\\u2028\\u2029';
const BLANKZ = `\\t ${BREAKZ}`;
/** Up to a line break: a comment, a line of a block scalar. */
const LINE_RUN = new RegExp(`[^${BREAKZ}]*`, 'y');
/**
 * Non-blank characters of a plain scalar, up to ': ' (written as runs between colons: a
 * per-character alternation makes the regex engine keep a backtrack entry per character).
 */
const PLAIN_RUN = new RegExp(`[^:${BLANKZ}]*(?::(?![${BLANKZ}]|$)[^:${BLANKZ}]*)*`, 'y');
/** The same inside a flow collection, where ,?[]{} end it too. */
const FLOW_OTHER = `[^:,?[\\]{}${BLANKZ}]*`;
const FLOW_PLAIN_RUN = new RegExp(`${FLOW_OTHER}(?::(?![${BLANKZ}]|$)${FLOW_OTHER})*`, 'y');
/** Non-blank characters of a quoted scalar other than quotes and escapes. */
const SINGLE_RUN = new RegExp(`[^'${BLANKZ}]*`, 'y');
const DOUBLE_RUN = new RegExp(`[^"\\\\${BLANKZ}]*`, 'y');

/** Characters that cannot start a plain scalar (go-yaml's list; some get a second chance). */
const INDICATORS = new Set([...'-?:,[]{}#&*!|>\'"%@`'].map(code));
/** Characters of a tag URI besides letters and digits. */
const URI_CHARS = new Set([...";/?:@&=+$,.!~*'()[]%"].map(code));
/** Characters that may follow an anchor or alias name. */
const AFTER_ANCHOR = new Set([...'?:,]}%@`'].map(code));
/** The escapes of a double-quoted scalar that take no hex digits. */
const SIMPLE_ESCAPES = new Set([...'0abt\tnvfre "\'\\N_LP'].map(code));
const MAX_DEPTH = 10_000;

/** go-yaml's scanner (scannerc.go), keeping only what decides errors and the parser's tokens. */
class Scanner {
  private pos = 0;
  private index = 0;
  private line = 0;
  private column = 0;
  private tokens: Token[] = [];
  private head = 0;
  private parsed = 0;
  private available = false;
  private streamStartProduced = false;
  private indent = -1;
  private indents: number[] = [];
  private simpleKeyAllowed = false;
  private simpleKeys: SimpleKey[] = [];
  private keysByToken = new Map<number, number>();
  private flowLevel = 0;

  /** Whether the text has characters outside the BMP, which skipRun must count as one. */
  private readonly astral: boolean;

  constructor(private readonly s: string) {
    this.astral = /[\ud800-\udfff]/.test(s);
    // go-yaml's reader eats a byte order mark before the scanner sees the text.
    if (s.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  /** The next token, scanning as far as go-yaml does before handing it to the parser. */
  peek(): Token {
    if (!this.available) this.fetchMoreTokens();
    return this.tokens[this.head]!;
  }

  skipToken(): void {
    this.available = false;
    this.parsed++;
    this.head++;
  }

  private at(k: number): number {
    return this.s.charCodeAt(this.pos + k) || 0;
  }

  private mark(): Mark {
    return { index: this.index, line: this.line, column: this.column };
  }

  private fail(problem: string, context?: Mark): never {
    const mark = this.mark();
    throw new YamlSyntaxError(true, problem, mark, context ?? mark);
  }

  private skip(): void {
    this.pos += isPair(this.s, this.pos, this.s.charCodeAt(this.pos)) ? 2 : 1;
    this.index++;
    this.column++;
  }

  private skipLine(): void {
    const c = this.at(0);
    if (c === 0x0d && this.at(1) === 0x0a) {
      this.pos += 2;
      this.index += 2;
    } else if (isBreak(c)) {
      this.pos++;
      this.index++;
    } else return;
    this.column = 0;
    this.line++;
  }

  /** Moves past the run `re` matches here, on one line; returns its length in characters. */
  private skipRun(re: RegExp): number {
    re.lastIndex = this.pos;
    re.test(this.s);
    const end = re.lastIndex;
    let n = end - this.pos;
    // A character outside the BMP is one character in two UTF-16 units.
    if (this.astral) {
      for (let i = this.pos; i < end; i++) if ((this.s.charCodeAt(i) & 0xfc00) === 0xdc00) n--;
    }
    this.pos = end;
    this.index += n;
    this.column += n;
    return n;
  }

  /** Moves past the characters before the next line break (or the end). */
  private skipToBreak(): void {
    this.skipRun(LINE_RUN);
  }

  /** go-yaml's yaml_insert_token: `at` counts from the queue's head; a negative one appends. */
  private insert(at: number, token: Token): void {
    // Drop the tokens the parser has taken once the queue runs empty (positions are relative).
    if (this.head >= 1024 && this.head === this.tokens.length) {
      this.tokens = [];
      this.head = 0;
    }
    if (at < 0) this.tokens.push(token);
    else this.tokens.splice(this.head + at, 0, token);
  }

  private token(type: TokenType, start: Mark): Token {
    return { type, start };
  }

  private fetchMoreTokens(): void {
    for (;;) {
      if (this.head !== this.tokens.length) {
        // Scan on only while the head token may still turn out to be a simple key.
        const k = this.keysByToken.get(this.parsed);
        const key = k === undefined ? undefined : this.simpleKeys[k];
        if (key === undefined || !this.keyIsValid(key)) break;
      }
      this.fetchNextToken();
    }
    this.available = true;
  }

  private fetchNextToken(): void {
    if (!this.streamStartProduced) {
      this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: this.mark() });
      this.simpleKeyAllowed = true;
      this.streamStartProduced = true;
      this.insert(-1, this.token('stream-start', this.mark()));
      return;
    }
    this.scanToNextToken();
    this.unrollIndent(this.column);
    const c = this.at(0);
    const next = this.at(1);
    const flow = this.flowLevel > 0;
    if (c === 0) this.fetchStreamEnd();
    else if (this.column === 0 && c === 0x25 /* % */) this.fetchDirective();
    else if (this.atDocumentIndicator())
      this.fetchDocumentIndicator(c === 0x2d ? 'document-start' : 'document-end');
    else if (c === 0x5b /* [ */) this.fetchFlowCollectionStart('flow-sequence-start');
    else if (c === 0x7b /* { */) this.fetchFlowCollectionStart('flow-mapping-start');
    else if (c === 0x5d /* ] */) this.fetchFlowCollectionEnd('flow-sequence-end');
    else if (c === 0x7d /* } */) this.fetchFlowCollectionEnd('flow-mapping-end');
    else if (c === 0x2c /* , */) this.fetchFlowEntry();
    else if (c === 0x2d /* - */ && isBlankZ(next)) this.fetchBlockEntry();
    else if (c === 0x3f /* ? */ && (flow || isBlankZ(next))) this.fetchKey();
    else if (c === 0x3a /* : */ && (flow || isBlankZ(next))) this.fetchValue();
    else if (c === 0x2a /* * */) this.fetchAnchor('alias');
    else if (c === 0x26 /* & */) this.fetchAnchor('anchor');
    else if (c === 0x21 /* ! */) this.fetchTag();
    else if ((c === 0x7c /* | */ || c === 0x3e) /* > */ && !flow) this.fetchBlockScalar();
    else if (c === 0x27 /* ' */ || c === 0x22 /* " */) this.fetchFlowScalar(c === 0x27);
    // A plain scalar starts with anything but a blank or an indicator; '-', and outside a flow
    // '?' and ':', too when a non-blank follows.
    else if (
      !(isBlankZ(c) || INDICATORS.has(c)) ||
      (c === 0x2d && !isBlank(next)) ||
      (!flow && (c === 0x3f || c === 0x3a) && !isBlankZ(next))
    )
      this.fetchPlainScalar();
    else this.fail('found character that cannot start any token');
  }

  /** yaml_simple_key_is_valid: a key must end with ':' on its line, within 1024 characters. */
  private keyIsValid(key: SimpleKey): boolean {
    if (!key.possible) return false;
    if (key.mark.line < this.line || key.mark.index + 1024 < this.index) {
      if (key.required) this.fail("could not find expected ':'", key.mark);
      key.possible = false;
      return false;
    }
    return true;
  }

  private saveSimpleKey(): void {
    if (!this.simpleKeyAllowed) return;
    const key: SimpleKey = {
      possible: true,
      // A key at the indentation of a block collection must be one.
      required: this.flowLevel === 0 && this.indent === this.column,
      tokenNumber: this.parsed + (this.tokens.length - this.head),
      mark: this.mark(),
    };
    this.removeSimpleKey();
    const last = this.simpleKeys.length - 1;
    this.simpleKeys[last] = key;
    this.keysByToken.set(key.tokenNumber, last);
  }

  private removeSimpleKey(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1]!;
    if (!key.possible) return;
    if (key.required) this.fail("could not find expected ':'", key.mark);
    key.possible = false;
    this.keysByToken.delete(key.tokenNumber);
  }

  private rollIndent(column: number, tokenNumber: number, type: TokenType, mark: Mark): void {
    if (this.flowLevel > 0 || this.indent >= column) return;
    this.indents.push(this.indent);
    this.indent = column;
    if (this.indents.length > MAX_DEPTH)
      this.fail(
        `exceeded max depth of ${MAX_DEPTH}`,
        this.simpleKeys[this.simpleKeys.length - 1]!.mark,
      );
    this.insert(tokenNumber > -1 ? tokenNumber - this.parsed : -1, this.token(type, mark));
  }

  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      this.insert(-1, this.token('block-end', this.mark()));
      this.indent = this.indents.pop()!;
    }
  }

  private fetchStreamEnd(): void {
    if (this.column !== 0) {
      this.column = 0;
      this.line++;
    }
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, this.token('stream-end', this.mark()));
  }

  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, this.scanDirective());
  }

  private fetchDocumentIndicator(type: TokenType): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.mark();
    this.skip();
    this.skip();
    this.skip();
    this.insert(-1, this.token(type, start));
  }

  private fetchFlowCollectionStart(type: TokenType): void {
    this.saveSimpleKey();
    this.simpleKeys.push({
      possible: false,
      required: false,
      tokenNumber: this.parsed + (this.tokens.length - this.head),
      mark: this.mark(),
    });
    if (++this.flowLevel > MAX_DEPTH)
      this.fail(
        `exceeded max depth of ${MAX_DEPTH}`,
        this.simpleKeys[this.simpleKeys.length - 1]!.mark,
      );
    this.simpleKeyAllowed = true;
    this.fetchIndicator(type);
  }

  private fetchFlowCollectionEnd(type: TokenType): void {
    this.removeSimpleKey();
    if (this.flowLevel > 0) {
      this.flowLevel--;
      // As in go-yaml: the level's token number is also that of its own `[` or `{`, so this
      // forgets a key saved there too, and a collection used as a key (`[a]: b`) is not awaited.
      this.keysByToken.delete(this.simpleKeys.pop()!.tokenNumber);
    }
    this.simpleKeyAllowed = false;
    this.fetchIndicator(type);
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.fetchIndicator('flow-entry');
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed)
        this.fail('block sequence entries are not allowed in this context');
      this.rollIndent(this.column, -1, 'block-sequence-start', this.mark());
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.fetchIndicator('block-entry');
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.fail('mapping keys are not allowed in this context');
      this.rollIndent(this.column, -1, 'block-mapping-start', this.mark());
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    this.fetchIndicator('key');
  }

  private fetchValue(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1]!;
    if (this.keyIsValid(key)) {
      // The ':' makes the saved scalar a key: the KEY token goes in front of it.
      this.insert(key.tokenNumber - this.parsed, this.token('key', key.mark));
      this.rollIndent(key.mark.column, key.tokenNumber, 'block-mapping-start', key.mark);
      key.possible = false;
      this.keysByToken.delete(key.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) this.fail('mapping values are not allowed in this context');
        this.rollIndent(this.column, -1, 'block-mapping-start', this.mark());
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    this.fetchIndicator('value');
  }

  /** Consumes a one-character indicator and queues its token. */
  private fetchIndicator(type: TokenType): void {
    const start = this.mark();
    this.skip();
    this.insert(-1, this.token(type, start));
  }

  private fetchAnchor(type: 'alias' | 'anchor'): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.mark();
    const from = this.pos + 1;
    this.skip();
    while (isAlpha(this.at(0))) this.skip();
    if (this.pos === from || !(isBlankZ(this.at(0)) || AFTER_ANCHOR.has(this.at(0))))
      this.fail('did not find expected alphabetic or numeric character', start);
    this.insert(-1, { type, start, value: this.s.slice(from, this.pos) });
  }

  private fetchTag(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.mark();
    let handle: string;
    if (this.at(1) === 0x3c /* < */) {
      // The verbatim form !<uri>.
      handle = '';
      this.skip();
      this.skip();
      this.scanTagUri('', start);
      if (this.at(0) !== 0x3e) this.fail("did not find the expected '>'", start);
      this.skip();
    } else {
      handle = this.scanTagHandle(false, start);
      if (handle.length > 1 && handle.endsWith('!')) this.scanTagUri('', start);
      else {
        // Not a handle after all: `!suffix`, or the `!` tag alone.
        handle = this.scanTagUri(handle, start) === 0 ? '' : '!';
      }
    }
    if (!isBlankZ(this.at(0))) this.fail('did not find expected whitespace or line break', start);
    this.insert(-1, { type: 'tag', start, value: handle });
  }

  private fetchBlockScalar(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.insert(-1, this.scanBlockScalar());
  }

  private fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, this.scanFlowScalar(single));
  }

  private fetchPlainScalar(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, this.scanPlainScalar());
  }

  /** Skips spaces, comments and line breaks; tabs only where they cannot be indentation. */
  private scanToNextToken(): void {
    // (go-yaml's "BOM at the start of a line" check looks at the start of its buffer instead, so
    // a BOM after the first character is an ordinary character.)
    for (;;) {
      for (;;) {
        const c = this.at(0);
        if (c === 0x20 || (c === 0x09 && (this.flowLevel > 0 || !this.simpleKeyAllowed)))
          this.skip();
        else break;
      }
      if (this.at(0) === 0x23 /* # */) this.skipToBreak();
      if (!isBreak(this.at(0))) return;
      this.skipLine();
      if (this.flowLevel === 0) this.simpleKeyAllowed = true;
    }
  }

  private skipBlanks(): void {
    while (isBlank(this.at(0))) this.skip();
  }

  /** Skips blanks and a comment, then expects the end of the line and eats it. */
  private endOfLine(start: Mark): void {
    this.skipBlanks();
    if (this.at(0) === 0x23) this.skipToBreak();
    if (!isBreakZ(this.at(0))) this.fail('did not find expected comment or line break', start);
    this.skipLine();
  }

  private scanDirective(): Token {
    const start = this.mark();
    this.skip();
    const from = this.pos;
    while (isAlpha(this.at(0))) this.skip();
    const name = this.s.slice(from, this.pos);
    if (name === '') this.fail('could not find expected directive name', start);
    if (!isBlankZ(this.at(0))) this.fail('found unexpected non-alphabetical character', start);
    let token: Token;
    if (name === 'YAML') {
      this.skipBlanks();
      const major = this.scanVersionNumber(start);
      if (this.at(0) !== 0x2e) this.fail("did not find expected digit or '.' character", start);
      this.skip();
      const minor = this.scanVersionNumber(start);
      token = { type: 'version-directive', start, version: major * 1000 + minor };
    } else if (name === 'TAG') {
      this.skipBlanks();
      const handle = this.scanTagHandle(true, start);
      if (!isBlank(this.at(0))) this.fail('did not find expected whitespace', start);
      this.skipBlanks();
      this.scanTagUri('', start);
      if (!isBlankZ(this.at(0))) this.fail('did not find expected whitespace or line break', start);
      token = { type: 'tag-directive', start, value: handle };
    } else this.fail('found unknown directive name', start);
    this.endOfLine(start);
    return token;
  }

  private scanVersionNumber(start: Mark): number {
    let value = 0;
    let length = 0;
    while (isDigit(this.at(0))) {
      if (++length > 2) this.fail('found extremely long version number', start);
      value = value * 10 + this.at(0) - 0x30;
      this.skip();
    }
    if (length === 0) this.fail('did not find expected version number', start);
    return value;
  }

  private scanTagHandle(directive: boolean, start: Mark): string {
    if (this.at(0) !== 0x21) this.fail("did not find expected '!'", start);
    const from = this.pos;
    this.skip();
    while (isAlpha(this.at(0))) this.skip();
    if (this.at(0) === 0x21) this.skip();
    else if (directive && this.pos - from !== 1) this.fail("did not find expected '!'", start);
    return this.s.slice(from, this.pos);
  }

  /** Scans a tag's URI after `head` (a handle that was not one); returns its length. */
  private scanTagUri(head: string, start: Mark): number {
    let length = Math.max(head.length - 1, 0);
    let hasTag = head.length > 0;
    for (;;) {
      const c = this.at(0);
      if (!isAlpha(c) && !URI_CHARS.has(c)) break;
      if (c === 0x25 /* % */) length += this.scanUriEscapes(start);
      else {
        this.skip();
        length++;
      }
      hasTag = true;
    }
    if (!hasTag) this.fail('did not find expected tag URI', start);
    return length;
  }

  /** One URI-escaped UTF-8 character (`%E2%9C%93`); returns the number of octets. */
  private scanUriEscapes(start: Mark): number {
    let width = 1024;
    let octets = 0;
    while (width > 0) {
      if (!(this.at(0) === 0x25 && isHex(this.at(1)) && isHex(this.at(2))))
        this.fail('did not find URI escaped octet', start);
      const octet = hexValue(this.at(1)) * 16 + hexValue(this.at(2));
      if (width === 1024) {
        width =
          (octet & 0x80) === 0
            ? 1
            : (octet & 0xe0) === 0xc0
              ? 2
              : (octet & 0xf0) === 0xe0
                ? 3
                : (octet & 0xf8) === 0xf0
                  ? 4
                  : 0;
        if (width === 0) this.fail('found an incorrect leading UTF-8 octet', start);
      } else if ((octet & 0xc0) !== 0x80)
        this.fail('found an incorrect trailing UTF-8 octet', start);
      this.skip();
      this.skip();
      this.skip();
      width--;
      octets++;
    }
    return octets;
  }

  private scanBlockScalar(): Token {
    const start = this.mark();
    this.skip();
    // A chomping indicator (+ or -) and an indentation indicator (1-9), in either order.
    let increment = 0;
    for (let i = 0; i < 2; i++) {
      const c = this.at(0);
      if (c === 0x2b || c === 0x2d) {
        if (i === 1 && increment === 0) break;
      } else if (isDigit(c) && increment === 0) {
        if (c === 0x30) this.fail('found an indentation indicator equal to 0', start);
        increment = c - 0x30;
      } else break;
      this.skip();
    }
    this.endOfLine(start);
    let indent = increment > 0 ? (this.indent >= 0 ? this.indent + increment : increment) : 0;
    indent = this.scanBlockScalarBreaks(indent, start);
    while (this.column === indent && this.at(0) !== 0) {
      this.skipToBreak();
      this.skipLine();
      indent = this.scanBlockScalarBreaks(indent, start);
    }
    return this.token('scalar', start);
  }

  /** Eats indentation and empty lines; decides the indentation if it is still 0. */
  private scanBlockScalarBreaks(indent: number, start: Mark): number {
    let maxIndent = 0;
    for (;;) {
      while ((indent === 0 || this.column < indent) && this.at(0) === 0x20) this.skip();
      if (this.column > maxIndent) maxIndent = this.column;
      if ((indent === 0 || this.column < indent) && this.at(0) === 0x09)
        this.fail('found a tab character where an indentation space is expected', start);
      if (!isBreak(this.at(0))) break;
      this.skipLine();
    }
    return indent === 0 ? Math.max(maxIndent, this.indent + 1, 1) : indent;
  }

  private atDocumentIndicator(): boolean {
    const c = this.at(0);
    return (
      this.column === 0 &&
      (c === 0x2d || c === 0x2e) &&
      this.at(1) === c &&
      this.at(2) === c &&
      isBlankZ(this.at(3))
    );
  }

  private scanFlowScalar(single: boolean): Token {
    const start = this.mark();
    const quote = single ? 0x27 : 0x22;
    this.skip();
    for (;;) {
      if (this.atDocumentIndicator()) this.fail('found unexpected document indicator', start);
      if (this.at(0) === 0) this.fail('found unexpected end of stream', start);
      for (let c = this.at(0); !isBlankZ(c); c = this.at(0)) {
        if (single && c === 0x27 && this.at(1) === 0x27) {
          this.skip();
          this.skip();
        } else if (c === quote) break;
        else if (!single && c === 0x5c /* \ */ && isBreak(this.at(1))) {
          this.skip();
          this.skipLine();
          break;
        } else if (!single && c === 0x5c) {
          const e = this.at(1);
          const digits = e === 0x78 ? 2 : e === 0x75 ? 4 : e === 0x55 ? 8 : 0;
          if (digits === 0 && !SIMPLE_ESCAPES.has(e))
            this.fail('found unknown escape character', start);
          this.skip();
          this.skip();
          let value = 0;
          for (let k = 0; k < digits; k++) {
            if (!isHex(this.at(k))) this.fail('did not find expected hexdecimal number', start);
            value = value * 16 + hexValue(this.at(k));
          }
          if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff)
            this.fail('found invalid Unicode character escape code', start);
          for (let k = 0; k < digits; k++) this.skip();
        } else if (this.skipRun(single ? SINGLE_RUN : DOUBLE_RUN) === 0) this.skip();
      }
      if (this.at(0) === quote) break;
      for (let c = this.at(0); isBlank(c) || isBreak(c); c = this.at(0)) {
        if (isBlank(c)) this.skip();
        else this.skipLine();
      }
    }
    this.skip();
    return this.token('scalar', start);
  }

  private scanPlainScalar(): Token {
    const start = this.mark();
    const indent = this.indent + 1;
    const flow = this.flowLevel > 0;
    let leadingBlanks = false;
    for (;;) {
      if (this.atDocumentIndicator() || this.at(0) === 0x23) break;
      if (this.skipRun(flow ? FLOW_PLAIN_RUN : PLAIN_RUN) > 0) leadingBlanks = false;
      const c = this.at(0);
      if (!(isBlank(c) || isBreak(c))) break;
      for (let b = c; isBlank(b) || isBreak(b); b = this.at(0)) {
        if (isBreak(b)) {
          this.skipLine();
          leadingBlanks = true;
        } else if (leadingBlanks && b === 0x09 && this.column < indent) {
          this.fail('found a tab character that violates indentation', start);
        } else this.skip();
      }
      if (!flow && this.column < indent) break;
    }
    if (leadingBlanks) this.simpleKeyAllowed = true;
    return this.token('scalar', start);
  }
}

type EventType =
  | 'stream-start'
  | 'stream-end'
  | 'document-start'
  | 'document-end'
  | 'alias'
  | 'scalar'
  | 'sequence-start'
  | 'sequence-end'
  | 'mapping-start'
  | 'mapping-end';

interface YamlEvent {
  type: EventType;
  /** The anchor a node defines, or the one an alias names. */
  anchor?: string;
}

type State =
  | 'stream-start'
  | 'implicit-document-start'
  | 'document-start'
  | 'document-content'
  | 'document-end'
  | 'block-node'
  | 'block-node-or-indentless-sequence'
  | 'flow-node'
  | 'block-sequence-first-entry'
  | 'block-sequence-entry'
  | 'indentless-sequence-entry'
  | 'block-mapping-first-key'
  | 'block-mapping-key'
  | 'block-mapping-value'
  | 'flow-sequence-first-entry'
  | 'flow-sequence-entry'
  | 'flow-sequence-entry-mapping-key'
  | 'flow-sequence-entry-mapping-value'
  | 'flow-sequence-entry-mapping-end'
  | 'flow-mapping-first-key'
  | 'flow-mapping-key'
  | 'flow-mapping-value'
  | 'flow-mapping-empty-value'
  | 'end';

/** The tokens before which a collection's entry is an empty scalar. */
const ENTRY_STOPS: readonly TokenType[] = ['block-entry', 'block-end'];
const INDENTLESS_STOPS: readonly TokenType[] = ['block-entry', 'key', 'value', 'block-end'];
const MAPPING_STOPS: readonly TokenType[] = ['key', 'value', 'block-end'];
const FLOW_SEQUENCE_STOPS: readonly TokenType[] = ['flow-entry', 'flow-sequence-end'];
const FLOW_KEY_STOPS: readonly TokenType[] = ['value', 'flow-entry', 'flow-mapping-end'];
const FLOW_MAPPING_STOPS: readonly TokenType[] = ['flow-entry', 'flow-mapping-end'];

/** go-yaml's parser (parserc.go): a state machine that turns tokens into events. */
class Parser {
  private readonly scanner: Scanner;
  private state: State = 'stream-start';
  private states: State[] = [];
  private marks: Mark[] = [];
  private tagHandles = new Set<string>();

  constructor(text: string) {
    this.scanner = new Scanner(text);
  }

  private fail(problem: string, problemMark: Mark, contextMark?: Mark): never {
    throw new YamlSyntaxError(false, problem, problemMark, contextMark);
  }

  private peek(): Token {
    return this.scanner.peek();
  }

  private skip(): void {
    this.scanner.skipToken();
  }

  private pop(): State {
    return this.states.pop()!;
  }

  next(): YamlEvent {
    switch (this.state) {
      case 'stream-start':
        this.peek();
        this.skip();
        this.state = 'implicit-document-start';
        return { type: 'stream-start' };
      case 'implicit-document-start':
        return this.documentStart(true);
      case 'document-start':
        return this.documentStart(false);
      case 'document-content':
        return this.documentContent();
      case 'document-end':
        return this.documentEnd();
      case 'block-node':
        return this.node(true, false);
      case 'block-node-or-indentless-sequence':
        return this.node(true, true);
      case 'flow-node':
        return this.node(false, false);
      case 'block-sequence-first-entry':
        return this.blockSequenceEntry(true);
      case 'block-sequence-entry':
        return this.blockSequenceEntry(false);
      case 'indentless-sequence-entry':
        return this.indentlessSequenceEntry();
      case 'block-mapping-first-key':
        return this.blockMappingKey(true);
      case 'block-mapping-key':
        return this.blockMappingKey(false);
      case 'block-mapping-value':
        return this.blockMappingValue();
      case 'flow-sequence-first-entry':
        return this.flowSequenceEntry(true);
      case 'flow-sequence-entry':
        return this.flowSequenceEntry(false);
      case 'flow-sequence-entry-mapping-key':
        return this.flowSequenceEntryMappingKey();
      case 'flow-sequence-entry-mapping-value':
        return this.flowSequenceEntryMappingValue();
      case 'flow-sequence-entry-mapping-end':
        this.state = 'flow-sequence-entry';
        return { type: 'mapping-end' };
      case 'flow-mapping-first-key':
        return this.flowMappingKey(true);
      case 'flow-mapping-key':
        return this.flowMappingKey(false);
      case 'flow-mapping-value':
        return this.flowMappingValue(false);
      case 'flow-mapping-empty-value':
        return this.flowMappingValue(true);
      case 'end':
        return { type: 'stream-end' };
    }
  }

  private documentStart(implicit: boolean): YamlEvent {
    let token = this.peek();
    if (!implicit) {
      while (token.type === 'document-end') {
        this.skip();
        token = this.peek();
      }
    }
    const directive = token.type === 'version-directive' || token.type === 'tag-directive';
    if (implicit && !directive && token.type !== 'document-start' && token.type !== 'stream-end') {
      this.processDirectives();
      this.states.push('document-end');
      this.state = 'block-node';
      return { type: 'document-start' };
    }
    if (token.type === 'stream-end') {
      this.state = 'end';
      this.skip();
      return { type: 'stream-end' };
    }
    this.processDirectives();
    token = this.peek();
    if (token.type !== 'document-start')
      this.fail('did not find expected <document start>', token.start);
    this.states.push('document-end');
    this.state = 'document-content';
    this.skip();
    return { type: 'document-start' };
  }

  private processDirectives(): void {
    let version = false;
    this.tagHandles = new Set(['!', '!!']);
    const declared = new Set<string>();
    for (let token = this.peek(); ; token = this.peek()) {
      if (token.type === 'version-directive') {
        if (version) this.fail('found duplicate %YAML directive', token.start);
        if (token.version !== 1001) this.fail('found incompatible YAML document', token.start);
        version = true;
      } else if (token.type === 'tag-directive') {
        const handle = token.value ?? '';
        if (declared.has(handle)) this.fail('found duplicate %TAG directive', token.start);
        declared.add(handle);
        this.tagHandles.add(handle);
      } else return;
      this.skip();
    }
  }

  private documentContent(): YamlEvent {
    const t = this.peek().type;
    if (
      t === 'version-directive' ||
      t === 'tag-directive' ||
      t === 'document-start' ||
      t === 'document-end' ||
      t === 'stream-end'
    ) {
      this.state = this.pop();
      return { type: 'scalar' };
    }
    return this.node(true, false);
  }

  private documentEnd(): YamlEvent {
    if (this.peek().type === 'document-end') this.skip();
    this.state = 'document-start';
    return { type: 'document-end' };
  }

  private node(block: boolean, indentlessSequence: boolean): YamlEvent {
    let token = this.peek();
    if (token.type === 'alias') {
      this.state = this.pop();
      this.skip();
      return { type: 'alias', anchor: token.value ?? '' };
    }
    const start = token.start;
    let anchor: string | undefined;
    let tag: Token | undefined;
    for (let i = 0; i < 2; i++) {
      if (token.type === 'anchor' && anchor === undefined) anchor = token.value ?? '';
      else if (token.type === 'tag' && tag === undefined) tag = token;
      else break;
      this.skip();
      token = this.peek();
    }
    const handle = tag?.value ?? '';
    if (tag !== undefined && handle !== '' && !this.tagHandles.has(handle))
      this.fail('found undefined tag handle', tag.start, start);
    let type: EventType | undefined;
    if (indentlessSequence && token.type === 'block-entry') {
      this.state = 'indentless-sequence-entry';
      type = 'sequence-start';
    } else if (token.type === 'scalar') {
      this.state = this.pop();
      this.skip();
      type = 'scalar';
    } else if (token.type === 'flow-sequence-start') {
      this.state = 'flow-sequence-first-entry';
      type = 'sequence-start';
    } else if (token.type === 'flow-mapping-start') {
      this.state = 'flow-mapping-first-key';
      type = 'mapping-start';
    } else if (block && token.type === 'block-sequence-start') {
      this.state = 'block-sequence-first-entry';
      type = 'sequence-start';
    } else if (block && token.type === 'block-mapping-start') {
      this.state = 'block-mapping-first-key';
      type = 'mapping-start';
    } else if (anchor !== undefined || tag !== undefined) {
      this.state = this.pop();
      type = 'scalar';
    }
    if (type !== undefined) return anchor === undefined ? { type } : { type, anchor };
    return this.fail('did not find expected node content', token.start, start);
  }

  /** Remembers where a collection starts (the context of its errors) and eats its start. */
  private enterCollection(first: boolean): void {
    if (!first) return;
    this.marks.push(this.peek().start);
    this.skip();
  }

  private leaveCollection(type: EventType, skip: boolean): YamlEvent {
    this.state = this.pop();
    this.marks.pop();
    if (skip) this.skip();
    return { type };
  }

  /** An entry that follows an indicator: a node, or an empty scalar before one of `stops`. */
  private entry(
    next: State,
    stops: readonly TokenType[],
    block: boolean,
    indentless = false,
  ): YamlEvent {
    if (stops.includes(this.peek().type)) {
      this.state = next;
      return { type: 'scalar' };
    }
    this.states.push(next);
    return this.node(block, indentless);
  }

  private blockSequenceEntry(first: boolean): YamlEvent {
    this.enterCollection(first);
    const token = this.peek();
    if (token.type === 'block-entry') {
      this.skip();
      return this.entry('block-sequence-entry', ENTRY_STOPS, true);
    }
    if (token.type === 'block-end') return this.leaveCollection('sequence-end', true);
    return this.fail("did not find expected '-' indicator", token.start, this.marks.pop());
  }

  private indentlessSequenceEntry(): YamlEvent {
    if (this.peek().type === 'block-entry') {
      this.skip();
      return this.entry('indentless-sequence-entry', INDENTLESS_STOPS, true);
    }
    this.state = this.pop();
    return { type: 'sequence-end' };
  }

  private blockMappingKey(first: boolean): YamlEvent {
    this.enterCollection(first);
    const token = this.peek();
    if (token.type === 'key') {
      this.skip();
      return this.entry('block-mapping-value', MAPPING_STOPS, true, true);
    }
    if (token.type === 'block-end') return this.leaveCollection('mapping-end', true);
    return this.fail('did not find expected key', token.start, this.marks.pop());
  }

  private blockMappingValue(): YamlEvent {
    if (this.peek().type === 'value') {
      this.skip();
      return this.entry('block-mapping-key', MAPPING_STOPS, true, true);
    }
    this.state = 'block-mapping-key';
    return { type: 'scalar' };
  }

  private flowSequenceEntry(first: boolean): YamlEvent {
    this.enterCollection(first);
    let token = this.peek();
    if (token.type !== 'flow-sequence-end') {
      if (!first) {
        if (token.type !== 'flow-entry')
          this.fail("did not find expected ',' or ']'", token.start, this.marks.pop());
        this.skip();
        token = this.peek();
      }
      if (token.type === 'key') {
        this.state = 'flow-sequence-entry-mapping-key';
        this.skip();
        return { type: 'mapping-start' };
      }
      if (token.type !== 'flow-sequence-end') {
        this.states.push('flow-sequence-entry');
        return this.node(false, false);
      }
    }
    return this.leaveCollection('sequence-end', true);
  }

  private flowSequenceEntryMappingKey(): YamlEvent {
    const t = this.peek().type;
    if (t !== 'value' && t !== 'flow-entry' && t !== 'flow-sequence-end') {
      this.states.push('flow-sequence-entry-mapping-value');
      return this.node(false, false);
    }
    // go-yaml (like libyaml) eats the token that ends an empty key.
    this.skip();
    this.state = 'flow-sequence-entry-mapping-value';
    return { type: 'scalar' };
  }

  private flowSequenceEntryMappingValue(): YamlEvent {
    if (this.peek().type === 'value') {
      this.skip();
      return this.entry('flow-sequence-entry-mapping-end', FLOW_SEQUENCE_STOPS, false);
    }
    this.state = 'flow-sequence-entry-mapping-end';
    return { type: 'scalar' };
  }

  private flowMappingKey(first: boolean): YamlEvent {
    this.enterCollection(first);
    let token = this.peek();
    if (token.type !== 'flow-mapping-end') {
      if (!first) {
        if (token.type !== 'flow-entry')
          this.fail("did not find expected ',' or '}'", token.start, this.marks.pop());
        this.skip();
        token = this.peek();
      }
      if (token.type === 'key') {
        this.skip();
        return this.entry('flow-mapping-value', FLOW_KEY_STOPS, false);
      }
      if (token.type !== 'flow-mapping-end') {
        this.states.push('flow-mapping-empty-value');
        return this.node(false, false);
      }
    }
    return this.leaveCollection('mapping-end', true);
  }

  private flowMappingValue(empty: boolean): YamlEvent {
    const t = this.peek().type;
    if (!empty && t === 'value') {
      this.skip();
      return this.entry('flow-mapping-key', FLOW_MAPPING_STOPS, false);
    }
    this.state = 'flow-mapping-key';
    return { type: 'scalar' };
  }
}

/**
 * The error go-yaml v2 (as sigs.k8s.io/yaml vendors it) reports for one document, without the
 * "error converting YAML to JSON: " sigs.k8s.io/yaml puts in front; undefined if it reads.
 * Like go-yaml's Unmarshal, it reads only the first YAML document of `text`.
 */
export function goYamlError(text: string): string | undefined {
  const parser = new Parser(text);
  const anchors = new Set<string>();
  try {
    parser.next();
    if (parser.next().type === 'stream-end') return undefined;
    for (;;) {
      const event = parser.next();
      if (event.type === 'document-end') return undefined;
      if (event.anchor === undefined) continue;
      if (event.type !== 'alias') anchors.add(event.anchor);
      else if (!anchors.has(event.anchor))
        return `yaml: unknown anchor '${event.anchor}' referenced`;
    }
  } catch (e) {
    if (!(e instanceof YamlSyntaxError)) throw e;
    // go-yaml v2's parser.fail(): the problem's 0-based line, plus one for a scanner error
    // only; on line 0, the context's line; no line at all when both are 0.
    let line = 0;
    if (e.problemMark.line !== 0) line = e.problemMark.line + (e.scanner ? 1 : 0);
    else if (e.contextMark !== undefined) line = e.contextMark.line;
    return `yaml: ${line !== 0 ? `line ${line}: ` : ''}${e.problem}`;
  }
}

/** Go's unicode.IsSpace, as strings.TrimSpace and bytes.TrimLeftFunc use it. */
const GO_SPACES =
  '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const GO_SPACE = new RegExp(`^[${GO_SPACES}]+`);
const GO_SPACE_END = new RegExp(`[${GO_SPACES}]+$`);
/** kubectl reads a stream as JSON when its first 4096 bytes start, after spaces, with `{`. */
const JSON_STREAM = new RegExp(`^[${GO_SPACES}]*\\{`);

/**
 * What kubectl (apply, create, replace -f) says about a manifest it cannot read as YAML, after
 * "error parsing FILE: "; undefined if every document reads.
 *
 * Like apimachinery's YAMLReader, it cuts the text at lines that start with `---` (with nothing
 * but spaces or a comment after it), so line numbers count from the line after the separator
 * (or from the separator itself when it opens the file), and reads the pieces in order. A text
 * that starts with `{` is a JSON stream to kubectl, which this does not judge.
 */
export function kubectlYamlError(text: string): string | undefined {
  return kubectlYamlErrorAt(text)?.error;
}

/**
 * kubectlYamlError, with where the document that fails starts in `text` (the documents before
 * it read, and kubectl has already handled them when it meets the error).
 */
export function kubectlYamlErrorAt(text: string): { error: string; start: number } | undefined {
  if (JSON_STREAM.test(text.slice(0, 4096))) return undefined;
  let start = 0;
  let buffered = false;
  const decode = (end: number): { error: string; start: number } | undefined => {
    // kubectl's line reader ends every line, the last one too, with a newline, and drops the
    // carriage return of a CRLF (so "\r\r\n" is one line break to go-yaml, not two).
    let chunk = text.slice(start, end);
    if (chunk.includes('\r')) chunk = chunk.replace(/\r\n/g, '\n');
    const error = goYamlError(chunk.endsWith('\n') ? chunk : `${chunk}\n`);
    return error === undefined
      ? undefined
      : { error: `error converting YAML to JSON: ${error}`, start };
  };
  for (let at = 0; at < text.length; ) {
    const nl = text.indexOf('\n', at);
    const next = nl === -1 ? text.length : nl + 1;
    if (text.startsWith('---', at)) {
      const rest = text
        .slice(at + 3, next)
        .replace(GO_SPACE, '')
        .replace(GO_SPACE_END, '');
      if (rest !== '' && !rest.startsWith('#'))
        // The reader fails on the line: the document it was reading is never decoded.
        return { error: `invalid Yaml document separator: ${rest}`, start };
      if (buffered) {
        const error = decode(at);
        if (error !== undefined) return error;
        // The separator line belongs to no document; a separator that follows it opens one.
        start = next;
        buffered = false;
        at = next;
        continue;
      }
    }
    buffered = true;
    at = next;
  }
  return buffered ? decode(text.length) : undefined;
}
