/**
 * The JSONPath subset kubectl users type most: `{.a.b}`, `{.items[*].metadata.name}`,
 * `{.items[0]}`, `['key.with.dots']`, `..name`, `{range .items[*]}…{end}`, `{"\n"}` literals,
 * and `[?(@.x=="y")]` filters. Missing keys print nothing (allow-missing-template-keys).
 */

export class JsonPathError extends Error {}

/** An error while executing a template that parsed (client-go's Execute, not Parse). */
export class JsonPathExecError extends JsonPathError {}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'expr'; path: string }
  | { kind: 'range'; path: string; body: Node[] }
  /** An {end} with no range open: it parses, and fails when the template runs to it. */
  | { kind: 'stray-end' };

function tokenize(template: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      (stack[stack.length - 1] as Node[]).push({ kind: 'text', text: template.slice(i) });
      break;
    }
    if (open > i)
      (stack[stack.length - 1] as Node[]).push({ kind: 'text', text: template.slice(i, open) });
    let depth = 0;
    let close = -1;
    let quote = '';
    for (let j = open; j < template.length; j++) {
      const c = template[j];
      if (quote) {
        if (c === '\\') j++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        close = j;
        break;
      }
    }
    if (close < 0) throw new JsonPathError(unclosedReason(template.slice(open + 1)));
    const inner = template.slice(open + 1, close).trim();
    const top = stack[stack.length - 1] as Node[];
    if (inner.startsWith('range ')) {
      const node: Node = { kind: 'range', path: inner.slice(6).trim(), body: [] };
      top.push(node);
      stack.push(node.body);
    } else if (inner === 'end') {
      if (stack.length === 1) top.push({ kind: 'stray-end' });
      else stack.pop();
    } else if (/^".*"$/s.test(inner) || /^'.*'$/s.test(inner)) {
      top.push({ kind: 'text', text: unquote(inner) });
    } else {
      top.push({ kind: 'expr', path: inner });
    }
    i = close + 1;
  }
  // client-go's parser does not check that a range has its {end}: the body runs to the end of
  // the template.
  return root;
}

/**
 * Why an action that never closes fails to parse, as client-go's parser finds it walking the
 * action: a quoted string, an array index or a filter that runs to the end fails first.
 */
function unclosedReason(action: string): string {
  for (let i = 0; i < action.length; i++) {
    const c = action[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      for (; j < action.length && action[j] !== c && action[j] !== '\n'; j++) {
        if (action[j] === '\\') j++;
      }
      if (j >= action.length || action[j] === '\n') return 'unterminated quoted string';
      i = j;
    } else if (c === '[') {
      const filter = action.startsWith('[?(', i);
      const end = action.indexOf(filter ? ')]' : ']', i);
      const line = action.indexOf('\n', i);
      if (end < 0 || (line >= 0 && line < end))
        return filter ? 'unterminated filter' : 'unterminated array';
      i = end;
    }
  }
  return 'unclosed action';
}

function unquote(s: string): string {
  return s
    .slice(1, -1)
    .replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}

function children(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v !== null && typeof v === 'object') return Object.values(v);
  return [];
}

function descend(v: unknown, name: string): unknown[] {
  const out: unknown[] = [];
  const walk = (x: unknown): void => {
    if (x !== null && typeof x === 'object') {
      if (!Array.isArray(x) && Object.hasOwn(x, name))
        out.push((x as Record<string, unknown>)[name]);
      for (const c of children(x)) walk(c);
    }
  };
  walk(v);
  return out;
}

/** `--allow-missing-template-keys` (kubectl's default true), for the template being run. */
let allowMissingKeys = true;

/** client-go evalField: with missing keys refused, a field none of the inputs has is an error. */
function fields(cur: unknown[], name: string): unknown[] {
  const out = cur.flatMap((v) => field(v, name));
  if (out.length === 0 && cur.length > 0 && !allowMissingKeys) {
    throw new JsonPathExecError(`${name} is not found`);
  }
  return out;
}

function field(v: unknown, name: string): unknown[] {
  if (name === '*') return children(v);
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, name)) {
    return [(v as Record<string, unknown>)[name]];
  }
  return [];
}

interface Step {
  re: RegExp;
  apply(cur: unknown[], m: RegExpExecArray): unknown[];
}

/**
 * A field name runs to the next terminator (space, `,` `.` `[` `]` `$` `@` `{` `}` `(` `)`), and a
 * backslash escapes one character: `.metadata.annotations.deployment\.kubernetes\.io/revision`
 * (client-go's parseField drops the backslashes).
 */
const FIELD = String.raw`((?:\\.|[^\s,.\[\]$@{}()\\])+)`;
const unescapeField = (name: string) => name.replace(/\\(.)/g, '$1');

const STEPS: Step[] = [
  // parseInsideAction passes over `@` and `$` (the current object) and spaces anywhere in an
  // action outside a filter: `{@}`, `{@.metadata.name}`, `{$.items[0]}`.
  { re: /^[@$ ]/, apply: (cur) => cur },
  {
    re: new RegExp(`^\\.\\.${FIELD}`),
    apply: (cur, m) => cur.flatMap((v) => descend(v, unescapeField(m[1] ?? ''))),
  },
  { re: /^\.\*/, apply: (cur) => cur.flatMap((v) => field(v, '*')) },
  {
    re: new RegExp(`^\\.${FIELD}`),
    apply: (cur, m) => fields(cur, unescapeField(m[1] ?? '')),
  },
  // A lone dot before a bracket (`.['key']`, `.[*]`) or at the end selects the current value.
  { re: /^\.(?=\[|$)/, apply: (cur) => cur },
  {
    // parseArray's union: `[a,b]` (not a filter) is each part as `[part]` in turn, the results
    // of the first part for every value before those of the next.
    re: /^\[(?!\?)([^\]]*,[^\]]*)\]/,
    apply: (cur, m) =>
      (m[1] ?? '')
        .split(',')
        .flatMap((part) => cur.flatMap((v) => evaluate(`[${part.trim()}]`, v))),
  },
  // parseArray's dict key: `['KEY']` exactly (single quotes, nothing around them) is parsed as
  // `{.KEY}`, so a dot in KEY steps into a field (`\.` keeps it: `['kubernetes\.io/name']`).
  // Double quotes, or spaces inside the brackets, are no key: an invalid array index.
  {
    re: /^\['([^'\]]*)'\]/,
    // (`['']` is the field named "": nothing.)
    apply: (cur, m) => (m[1] ? cur.flatMap((v) => evaluate(`.${m[1]}`, v)) : fields(cur, '')),
  },
  // parseArray takes the text between the brackets as it is: no spaces (`[ * ]`, `[ 0 ]` are
  // invalid array indexes in kubectl 1.32.5).
  { re: /^\[\*\]/, apply: (cur) => cur.flatMap(children) },
  {
    // A slice with a step: every step-th of the slice (evalArray; a step of 0 or less fails).
    re: /^\[(-?\d*):(-?\d*):(-?\d*)\]/,
    apply: (cur, m) => {
      const step = m[3] ? Number(m[3]) : 1;
      if (step <= 0) throw new JsonPathExecError('step must be > 0');
      return cur.flatMap((v) =>
        Array.isArray(v)
          ? v
              .slice(m[1] ? Number(m[1]) : 0, m[2] ? Number(m[2]) : undefined)
              .filter((_, i) => i % step === 0)
          : [],
      );
    },
  },
  {
    re: /^\[(-?\d*):(-?\d*)\]/,
    apply: (cur, m) =>
      cur.flatMap((v) =>
        Array.isArray(v) ? v.slice(m[1] ? Number(m[1]) : 0, m[2] ? Number(m[2]) : undefined) : [],
      ),
  },
  {
    // An empty subscript is a slice whose end is derived from its (missing) start: `[0]`.
    re: /^\[(-?\d*)\]/,
    apply: (cur, m) => {
      const n = Number(m[1] || 0);
      return cur.flatMap((v) => {
        if (!Array.isArray(v)) return [];
        const i = n < 0 ? v.length + n : n;
        if (i < 0 || i >= v.length) {
          throw new JsonPathExecError(`array index out of bounds: index ${n}, length ${v.length}`);
        }
        return [v[i]];
      });
    },
  },
  {
    // parseFilter: `[?(…)]` up to the first `)]` outside quotes.
    re: /^\[\?\(((?:"(?:\\.|[^"\\])*"|'[^']*'|[^"'])*?)\)\]/,
    apply: (cur, m) => cur.flatMap(children).filter((v) => filterPasses(m[1] ?? '', v)),
  },
];

/**
 * One operand of a filter (parseAction of its text): a quoted string, a number (an int, or a
 * float with a dot), true/false, or a path from the item (`@.status.phase`).
 */
function operand(text: string, item: unknown): unknown[] {
  const t = text.trim();
  if (/^"(?:\\.|[^"\\])*"$/.test(t) || /^'[^']*'$/.test(t)) return [unquote(t)];
  if (/^-?\d+(\.\d*)?$/.test(t)) return [t.includes('.') ? new FloatLiteral(Number(t)) : Number(t)];
  if (t === 'true' || t === 'false') return [t === 'true'];
  return evaluate(t, item);
}

/** A number literal written with a dot: a float64 even when whole (`1.0`). */
class FloatLiteral {
  constructor(readonly value: number) {}
}

/** text/template's basic kinds, which eq/lt compare. */
function kindOf(v: unknown): { kind: string; value: unknown } {
  if (v instanceof FloatLiteral) return { kind: 'float', value: v.value };
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  if (typeof v === 'string') return { kind: 'string', value: v };
  if (typeof v === 'number') return { kind: Number.isInteger(v) ? 'int' : 'float', value: v };
  return { kind: 'invalid', value: v };
}

/**
 * evalFilter: `@.x` alone keeps the items where it exists; `left OP right` (split as client-go
 * does, the left part free of `!<>=`) compares one value with one, by text/template's rules:
 * the same kind on both sides, else "incompatible types for comparison".
 */
function filterPasses(text: string, item: unknown): boolean {
  const m = /^([^!<>=]+)([!<>=]+)(.+?)$/s.exec(text);
  if (!m) return evaluate(text, item).length > 0;
  const op = m[2] as string;
  const left = operand(m[1] as string, item);
  const right = operand(m[3] as string, item);
  if (left.length === 0 || right.length === 0) return false;
  if (left.length > 1 || right.length > 1)
    throw new JsonPathExecError('can only compare one element at a time');
  const a = kindOf(left[0]);
  const b = kindOf(right[0]);
  if (!['==', '!=', '<', '>', '<=', '>='].includes(op))
    throw new JsonPathExecError(`unrecognized filter operator ${op}`);
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

/** Go's `%#U` of the first character of `s`: `U+0023 '#'`. */
function goRuneU(s: string): string {
  const cp = s.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return /\p{L}|\p{M}|\p{N}|\p{P}|\p{S}| /u.test(String.fromCodePoint(cp))
    ? `${hex} '${String.fromCodePoint(cp)}'`
    : hex;
}

/** Evaluates one path (`.items[*].metadata.name`) against `data`. */
export function evaluate(path: string, data: unknown): unknown[] {
  let cur: unknown[] = [data];
  let p = path.trim();
  if (p.startsWith('$')) p = p.slice(1);
  while (p.length > 0) {
    let matched = false;
    for (const step of STEPS) {
      const m = step.re.exec(p);
      if (!m) continue;
      cur = step.apply(cur, m);
      p = p.slice(Math.max(1, m[0].length));
      matched = true;
      break;
    }
    if (!matched) {
      // parseArray / parseFilter: a bracket that never closes fails before its contents do.
      if (p.startsWith('[?(') && !p.includes(')]')) throw new JsonPathError('unterminated filter');
      if (p.startsWith('[') && !p.includes(']')) throw new JsonPathError('unterminated array');
      // parseArray: what is between the brackets, as written, is no index, slice or key.
      if (p.startsWith('[') && !p.startsWith('[?'))
        throw new JsonPathError(`invalid array index ${p.slice(1, p.indexOf(']'))}`);
      throw new JsonPathError(`unrecognized character in action: ${goRuneU(p)}`);
    }
  }
  return cur;
}

/** Go's json.Marshal of decoded JSON: compact, map keys sorted at every level. */
function goJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
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

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  // evalToText: a null value prints as `null` (a template's `creationTimestamp: null`).
  if (v === null) return 'null';
  if (v === undefined) return '';
  if (typeof v === 'object') return goJson(v);
  return String(v);
}

function render(nodes: Node[], data: unknown): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') out += n.text;
    else if (n.kind === 'stray-end') throw new JsonPathExecError('not in range, nothing to end');
    else if (n.kind === 'expr') out += evaluate(n.path, data).map(text).join(' ');
    else for (const item of evaluate(n.path, data)) out += render(n.body, item);
  }
  return out;
}

/** Go's json.MarshalIndent(v, "", "    ") of decoded JSON: map keys sorted, <>& escaped. */
function goJsonIndent(v: unknown, level = 0): string {
  const pad = '    '.repeat(level + 1);
  const end = '    '.repeat(level);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => pad + goJsonIndent(x, level + 1)).join(',\n')}\n${end}]`;
  }
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
 * `-o jsonpath-as-json=…` (JSONPath.EnableJSONOutput): each node of the template gives one
 * JSON array of its results, indented by four spaces, on lines of its own.
 */
export function jsonPathAsJson(template: string, data: unknown): string {
  const groups: unknown[][] = [];
  const collect = (nodes: Node[], d: unknown) => {
    for (const n of nodes) {
      if (n.kind === 'text') groups.push([n.text]);
      else if (n.kind === 'stray-end') throw new JsonPathExecError('not in range, nothing to end');
      else if (n.kind === 'expr') groups.push(evaluate(n.path, d));
      else for (const item of evaluate(n.path, d)) collect(n.body, item);
    }
  };
  collect(tokenize(template), data);
  return groups.map((g) => `${goJsonIndent(g)}\n`).join('');
}

/** Renders a kubectl JSONPath template (the part after `jsonpath=`). */
export function jsonPath(
  template: string,
  data: unknown,
  opts: { allowMissingKeys?: boolean } = {},
): string {
  const nodes = tokenize(template);
  allowMissingKeys = opts.allowMissingKeys ?? true;
  try {
    return render(nodes, data);
  } finally {
    allowMissingKeys = true;
  }
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
