/**
 * A small line-based YAML highlighter for the lab's editor. It only colours: the parser
 * (`yamlCheck.ts`) decides what is valid. Lines are tokenized one at a time with a little
 * state carried between them (inside a block scalar, inside a multi-line quoted string), so
 * the editor can cache each line and re-render only the lines that changed.
 *
 * Invariant: the texts of a line's tokens, joined, are exactly the line.
 */

export type YamlTokenType =
  /** A mapping key (`name` in `name: web`). */
  | 'key'
  /** A quoted scalar, or the content of a block scalar (`|`, `>`). */
  | 'string'
  /** An unquoted scalar that is not a number, boolean or null. */
  | 'plain'
  | 'number'
  /** `true`/`false` and the YAML 1.1 forms Go's parser (and so kubectl) reads (`yes`, `off` …). */
  | 'boolean'
  | 'null'
  | 'comment'
  /** `---` and `...` at the start of a line. */
  | 'document'
  /** The `-` of a block sequence item. */
  | 'dash'
  /** `:` `,` `[` `]` `{` `}` `?` and block scalar headers (`|`, `>-`). */
  | 'punct'
  /** `&anchor` and `*alias`. */
  | 'anchor'
  /** `!tag`, `!!str`. */
  | 'tag'
  /** Whitespace. */
  | 'space';

export interface YamlToken {
  type: YamlTokenType;
  text: string;
}

/** What a line leaves for the next one. */
export interface LineState {
  /**
   * Inside a block scalar: lines indented more than this many columns (and blank lines) are
   * its content.
   */
  block?: number;
  /** Inside a quoted scalar that continues on the next line. */
  quote?: '"' | "'";
}

export const START: LineState = {};

const BOOLEAN =
  /^(?:true|false|True|False|TRUE|FALSE|yes|no|Yes|No|YES|NO|on|off|On|Off|ON|OFF|y|n|Y|N)$/;
const NULL = /^(?:null|Null|NULL|~)$/;
const NUMBER =
  /^(?:[-+]?(?:\d[\d_]*)(?:\.\d*)?(?:[eE][-+]?\d+)?|[-+]?\.\d+(?:[eE][-+]?\d+)?|0x[0-9a-fA-F_]+|0o?[0-7_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const FLOW = '[]{},';

function scalarType(text: string): YamlTokenType {
  if (BOOLEAN.test(text)) return 'boolean';
  if (NULL.test(text)) return 'null';
  if (NUMBER.test(text)) return 'number';
  return 'plain';
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t';
/** A `:` or `#` ends a plain scalar only when followed by whitespace or the end of the line. */
const endsHere = (c: string | undefined, flow: boolean) =>
  c === undefined || isSpace(c) || (flow && c !== undefined && FLOW.includes(c));

/**
 * Index just after the closing quote of a quoted scalar starting at `from` (which is after the
 * opening quote), or -1 when the line ends inside it.
 */
function closeQuote(line: string, from: number, quote: '"' | "'"): number {
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (quote === '"' && c === '\\') {
      i++;
      continue;
    }
    if (c === quote) {
      if (quote === "'" && line[i + 1] === "'") {
        i++;
        continue;
      }
      return i + 1;
    }
  }
  return -1;
}

/** Tokenize one line, given the state the previous line left. Never throws. */
export function tokenizeLine(
  line: string,
  state: LineState,
): { tokens: YamlToken[]; state: LineState } {
  const tokens: YamlToken[] = [];
  const push = (type: YamlTokenType, text: string) => {
    if (text === '') return;
    const last = tokens[tokens.length - 1];
    // Neighbours of one type merge, so a line has few spans.
    if (last && last.type === type && type !== 'key') last.text += text;
    else tokens.push({ type, text });
  };
  const indent = line.length - line.replace(/^ +/, '').length;

  if (state.block !== undefined) {
    if (line.trim() === '' || indent > state.block) {
      push('space', line.slice(0, indent));
      push('string', line.slice(indent));
      return { tokens, state };
    }
  }

  let i = 0;
  let next: LineState = START;
  if (state.quote) {
    const end = closeQuote(line, 0, state.quote);
    if (end < 0) {
      push('string', line);
      return { tokens, state: { quote: state.quote } };
    }
    push('string', line.slice(0, end));
    i = end;
  }

  let flow = 0;
  /** At the start of a node: a `-` here is a sequence item, `---` a document marker. */
  let nodeStart = i === 0;
  /** Column of the last key on this line (a block scalar's content must be indented more). */
  let keyColumn = -1;

  if (i === 0 && /^(?:---|\.\.\.)(?=\s|$)/.test(line)) {
    push('document', line.slice(0, 3));
    i = 3;
  }

  while (i < line.length) {
    const c = line[i] as string;
    if (isSpace(c)) {
      let j = i;
      while (j < line.length && isSpace(line[j])) j++;
      push('space', line.slice(i, j));
      i = j;
      continue;
    }
    if (c === '#' && (i === 0 || isSpace(line[i - 1]))) {
      push('comment', line.slice(i));
      break;
    }
    if (c === '-' && nodeStart && endsHere(line[i + 1], false)) {
      push('dash', '-');
      i++;
      continue;
    }
    if (c === '?' && nodeStart && endsHere(line[i + 1], false)) {
      push('punct', '?');
      i++;
      continue;
    }
    if (FLOW.includes(c)) {
      if (c === '[' || c === '{') flow++;
      else if ((c === ']' || c === '}') && flow > 0) flow--;
      push('punct', c);
      nodeStart = c !== ',' ? nodeStart : true;
      i++;
      continue;
    }
    if (c === ':' && endsHere(line[i + 1], flow > 0)) {
      push('punct', ':');
      nodeStart = false;
      i++;
      continue;
    }
    if (c === '&' || c === '*' || c === '!') {
      let j = i + 1;
      while (j < line.length && !isSpace(line[j]) && !(flow > 0 && FLOW.includes(line[j] ?? '')))
        j++;
      push(c === '!' ? 'tag' : 'anchor', line.slice(i, j));
      i = j;
      continue;
    }
    if ((c === '|' || c === '>') && flow === 0) {
      const m = /^[|>][-+0-9]*/.exec(line.slice(i));
      const header = m ? m[0] : c;
      const after = line.slice(i + header.length);
      if (/^\s*(?:#.*)?$/.test(after)) {
        push('punct', header);
        i += header.length;
        next = { block: keyColumn >= 0 ? keyColumn : indent };
        continue;
      }
    }
    if (c === '"' || c === "'") {
      const end = closeQuote(line, i + 1, c);
      if (end < 0) {
        push('string', line.slice(i));
        return { tokens, state: { quote: c } };
      }
      const rest = line.slice(end);
      const isKey = /^\s*:(?:\s|$)/.test(rest) || (flow > 0 && /^\s*:/.test(rest));
      if (isKey) keyColumn = i;
      push(isKey ? 'key' : 'string', line.slice(i, end));
      i = end;
      nodeStart = false;
      continue;
    }
    // A plain scalar: up to ": ", " #", the end of the line, or (in flow) a flow indicator.
    let j = i;
    while (j < line.length) {
      const d = line[j];
      if (d === ':' && endsHere(line[j + 1], flow > 0)) break;
      if (d === '#' && isSpace(line[j - 1])) break;
      if (flow > 0 && d !== undefined && FLOW.includes(d)) break;
      j++;
    }
    // Trailing spaces before a comment belong to the whitespace, not the scalar.
    let k = j;
    while (k > i && isSpace(line[k - 1])) k--;
    const text = line.slice(i, k);
    if (line[j] === ':') {
      keyColumn = i;
      push('key', text);
    } else push(scalarType(text), text);
    push('space', line.slice(k, j));
    i = j;
    nodeStart = false;
  }
  return { tokens, state: next };
}

/** A stable key for a state, for caches. */
export function stateKey(state: LineState): string {
  if (state.block !== undefined) return `b${state.block}`;
  if (state.quote) return `q${state.quote}`;
  return '';
}

/**
 * Tokenize a whole text, one token list per line (`\n` separated; a `\r` before it stays in
 * the line). With a cache (see `createLineCache`), unchanged lines return the same array, so
 * React can skip re-rendering them.
 */
export function tokenizeYaml(text: string, cache?: LineCache): YamlToken[][] {
  const out: YamlToken[][] = [];
  let state: LineState = START;
  for (const line of text.split('\n')) {
    const r = cache ? cache.get(line, state) : tokenizeLine(line, state);
    out.push(r.tokens);
    state = r.state;
  }
  return out;
}

export interface LineCache {
  get(line: string, state: LineState): { tokens: YamlToken[]; state: LineState };
}

/** A per-editor cache of tokenized lines, keyed by the line and the state it starts in. */
export function createLineCache(limit = 4000): LineCache {
  let map = new Map<string, { tokens: YamlToken[]; state: LineState }>();
  return {
    get(line, state) {
      const key = `${stateKey(state)}\u0000${line}`;
      const hit = map.get(key);
      if (hit) return hit;
      const r = tokenizeLine(line, state);
      // Dropping everything now and then is simpler than an LRU and costs one re-tokenize.
      if (map.size >= limit) map = new Map();
      map.set(key, r);
      return r;
    },
  };
}

/** A piece of a token, squiggled when it lies inside an error mark. */
export interface Segment {
  type: YamlTokenType;
  text: string;
  marked: boolean;
}

/**
 * Cut a line's tokens at the edges of its error marks (columns, 0-based, `to` exclusive).
 * A mark that is empty or lies past the end of the line (the parser reports many errors at
 * the end of a line) squiggles one extra space after the text, so it is never invisible.
 */
export function markSegments(
  tokens: readonly YamlToken[],
  marks: readonly { from: number; to: number }[],
): Segment[] {
  const length = tokens.reduce((n, t) => n + t.text.length, 0);
  const ranges = marks.map((m) => {
    const from = Math.max(0, Math.min(m.from, length));
    return { from, to: Math.max(from + 1, m.to) };
  });
  const inMark = (col: number) => ranges.some((r) => col >= r.from && col < r.to);
  const out: Segment[] = [];
  let col = 0;
  for (const token of tokens) {
    let start = 0;
    for (let i = 1; i <= token.text.length; i++) {
      if (i === token.text.length || inMark(col + i) !== inMark(col + start)) {
        out.push({
          type: token.type,
          text: token.text.slice(start, i),
          marked: inMark(col + start),
        });
        start = i;
      }
    }
    col += token.text.length;
  }
  if (ranges.some((r) => r.to > length)) out.push({ type: 'space', text: ' ', marked: true });
  return out;
}
