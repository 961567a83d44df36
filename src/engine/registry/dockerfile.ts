/**
 * A Dockerfile parser as the classic builder reads one (BuildKit's `frontend/dockerfile/parser`
 * and `instructions` packages, which moby's legacy builder uses too): parser directives at the
 * top, `#` comments, lines continued with the escape character (`\`, or the one an `escape`
 * directive names), instructions in any case, JSON (exec) or shell form, leading `--flag=value`
 * words. Errors carry the words BuildKit gives them; the builder adds `dockerfile parse error on
 * line N: ` where BuildKit does.
 */

/** One instruction, as written and as split into arguments. */
export interface Instruction {
  /** Upper-case name: `FROM`, `RUN`… */
  name: string;
  /** The instruction's text, continuation lines joined, trimmed (what `Step N/M :` prints). */
  original: string;
  /** The first line of the instruction (1-based). */
  line: number;
  /** The text after the name and the flags. */
  rest: string;
  /** `--name=value` flags in front of the arguments (`--link` alone is `true`). */
  flags: Record<string, string>;
  /** The arguments: the JSON array's strings, or the words of the shell form. */
  args: string[];
  /** Whether the arguments were a JSON array (exec form). */
  json: boolean;
}

export type ParseResult =
  | { ok: true; instructions: Instruction[] }
  | {
      ok: false;
      /** The daemon's message, e.g. `dockerfile parse error on line 1: unknown instruction: FORM (did you mean FROM?)`. */
      message: string;
    };

/** Every instruction the legacy builder knows, sorted as BuildKit lists them for suggestions. */
export const INSTRUCTIONS: readonly string[] = [
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
];

/** The flags each instruction accepts (BuildKit's instructions/parse.go). */
const FLAGS: Readonly<Record<string, readonly string[]>> = {
  ADD: ['chown', 'chmod', 'link', 'keep-git-dir', 'checksum', 'exclude'],
  COPY: ['chown', 'from', 'chmod', 'link', 'parents', 'exclude'],
  FROM: ['platform'],
  RUN: ['mount', 'network', 'security'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};

/** Instructions whose arguments may be a JSON array. */
const JSON_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'COPY', 'ADD', 'VOLUME']);

/** Levenshtein distance (small strings only). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[b.length] as number;
}

/**
 * BuildKit's `suggest.WrapError`: the closest instruction name under distance 3, in the case
 * the learner typed it (`FORM` → `FROM`, `form` → `from`, `Form` → `from`).
 */
function suggestion(word: string): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let min = 3;
  for (const name of INSTRUCTIONS) {
    const d = distance(lower, name.toLowerCase());
    if (d < min) {
      min = d;
      best = name;
    }
  }
  if (best === undefined) return undefined;
  return word === word.toUpperCase() && word !== lower ? best : best.toLowerCase();
}

/** One logical line: its text (continuations joined) and where it starts. */
interface Logical {
  text: string;
  line: number;
}

/** The parser directives at the top (`# escape=\``), then the logical lines. */
function logicalLines(source: string): Logical[] {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  let escapeChar = '\\';
  let i = 0;
  // Directives: `# key=value` lines before anything else (an unknown key ends them).
  for (; i < lines.length; i++) {
    const m = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/.exec(lines[i] as string);
    if (!m) break;
    const key = (m[1] as string).toLowerCase();
    if (key === 'escape' && (m[2] === '`' || m[2] === '\\')) escapeChar = m[2] as string;
    else if (key !== 'syntax' && key !== 'check') break;
  }
  const continued = new RegExp(`${escapeChar === '\\' ? '\\\\' : '`'}[ \\t]*$`);
  const out: Logical[] = [];
  let current: Logical | undefined;
  for (; i < lines.length; i++) {
    const raw = lines[i] as string;
    const trimmed = raw.trim();
    // Comments and (inside an instruction) empty lines are dropped, wherever they are.
    if (trimmed.startsWith('#')) continue;
    if (trimmed === '' && current === undefined) continue;
    if (trimmed === '') continue;
    const more = continued.test(raw);
    const text = more ? raw.replace(continued, '') : raw;
    if (current === undefined) current = { text, line: i + 1 };
    else current.text += text;
    if (!more) {
      out.push(current);
      current = undefined;
    }
  }
  if (current !== undefined && current.text.trim() !== '') out.push(current);
  return out;
}

/** The strings of a JSON array of strings, or undefined when `text` is not one. */
function jsonArray(text: string): string[] | undefined {
  const t = text.trim();
  if (!t.startsWith('[')) return undefined;
  try {
    const v: unknown = JSON.parse(t);
    return Array.isArray(v) && v.every((s) => typeof s === 'string') ? v : undefined;
  } catch {
    return undefined;
  }
}

/** BuildKit's errors for an instruction's argument count. */
const atLeastOne = (name: string) => `${name} requires at least one argument`;
const exactlyOne = (name: string) => `${name} requires exactly one argument`;

/** Parse a Dockerfile. */
export function parseDockerfile(source: string): ParseResult {
  const instructions: Instruction[] = [];
  for (const { text, line } of logicalLines(source)) {
    const original = text.trim();
    const m = /^(\S+)\s*([\s\S]*)$/.exec(original);
    const word = m?.[1] ?? '';
    const name = word.toUpperCase();
    const fail = (why: string): ParseResult => ({
      ok: false,
      message: `dockerfile parse error on line ${line}: ${why}`,
    });
    if (!INSTRUCTIONS.includes(name)) {
      const hint = suggestion(word);
      return fail(`unknown instruction: ${word}${hint ? ` (did you mean ${hint}?)` : ''}`);
    }
    let rest = m?.[2] ?? '';
    const flags: Record<string, string> = {};
    // Leading `--flag[=value]` words (not for instructions whose text is a command line).
    if (name !== 'RUN' || /^--/.test(rest)) {
      for (;;) {
        const f = /^--([a-zA-Z][a-zA-Z0-9-]*)(?:=(\S*))?(?:\s+|$)/.exec(rest);
        if (!f) break;
        const flag = f[1] as string;
        if (!(FLAGS[name] ?? []).includes(flag)) return fail(`unknown flag: ${flag}`);
        flags[flag] = f[2] ?? 'true';
        rest = rest.slice(f[0].length);
      }
    }
    rest = rest.trim();
    const asJson = JSON_FORM.has(name) ? jsonArray(rest) : undefined;
    const args = asJson ?? (rest === '' ? [] : rest.split(/\s+/));
    const ins: Instruction = {
      name,
      original,
      line,
      rest,
      flags,
      args,
      json: asJson !== undefined,
    };
    const why = checkArgs(ins);
    if (why) return fail(why);
    instructions.push(ins);
  }
  return { ok: true, instructions };
}

/** BuildKit's argument checks, the ones a learner meets. */
function checkArgs(ins: Instruction): string | undefined {
  const { name, args } = ins;
  switch (name) {
    case 'FROM':
      if (args.length === 3 && args[1]?.toLowerCase() === 'as') {
        const stage = (args[2] as string).toLowerCase();
        if (!/^[a-z][a-z0-9-_.]*$/.test(stage)) {
          return `invalid name for build stage: "${args[2]}", name can't start with a number or contain symbols`;
        }
        return undefined;
      }
      return args.length === 1 ? undefined : 'FROM requires either one or three arguments';
    case 'COPY':
    case 'ADD':
      return args.length < 2
        ? `${name} requires at least two arguments, but only one was provided. Destination could not be determined`
        : undefined;
    case 'WORKDIR':
    case 'USER':
    case 'STOPSIGNAL':
    case 'MAINTAINER':
      return args.length === 0 ? exactlyOne(name) : undefined;
    case 'ENV':
    case 'LABEL':
    case 'ARG':
    case 'EXPOSE':
    case 'VOLUME':
    case 'ONBUILD':
    case 'HEALTHCHECK':
      return args.length === 0 ? atLeastOne(name) : undefined;
    case 'SHELL':
      return ins.json ? undefined : 'SHELL requires the arguments to be in JSON form';
    default:
      return undefined;
  }
}

/**
 * `KEY=value KEY2="two words"` pairs (ENV, LABEL, ARG), quotes removed; the legacy
 * `ENV KEY value with spaces` form as one pair.
 */
export function keyValues(rest: string): [string, string][] {
  const words = shellWords(rest);
  if (words.length > 0 && !(words[0] as string).includes('=')) {
    const [key, ...value] = rest.trim().split(/\s+/);
    return [[key as string, unquote(value.join(' '))]];
  }
  return words.map((w) => {
    const eq = w.indexOf('=');
    return eq < 0 ? [w, ''] : [w.slice(0, eq), w.slice(eq + 1)];
  });
}

/** Whitespace-separated words, quotes kept together and removed. */
function shellWords(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let any = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) cur += text[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      any = true;
    } else if (c === '\\' && i + 1 < text.length) {
      cur += text[++i];
      any = true;
    } else if (/\s/.test(c)) {
      if (any || cur !== '') out.push(cur);
      cur = '';
      any = false;
    } else {
      cur += c;
      any = true;
    }
  }
  if (any || cur !== '') out.push(cur);
  return out;
}

function unquote(s: string): string {
  return shellWords(s).join(' ');
}

/**
 * The builder's variable expansion (`$X`, `${X}`, `${X:-default}`, `${X:+alt}`) for the
 * instructions it expands (not RUN, CMD or ENTRYPOINT: the shell does that).
 */
export function expand(text: string, vars: ReadonlyMap<string, string>): string {
  return text.replace(
    /\\\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (whole, braced?: string, op?: string, word?: string, bare?: string) => {
      if (whole === '\\$') return '$';
      const key = braced ?? bare ?? '';
      const value = vars.get(key);
      if (op === '-') return value ? value : (word ?? '');
      if (op === '+') return value ? (word ?? '') : '';
      return value ?? '';
    },
  );
}
