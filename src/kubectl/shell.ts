/**
 * The console's tiny shell: real word splitting and quoting (shell-quote), redirection into the
 * workspace (`>`, `>>`, `2>`, `2>&1`, `&>`: shellRedirects.ts; `< FILE` as stdin), `;`/`&&`/`||`
 * lists, globbing over workspace files, tilde expansion (`~` is $HOME), a working directory
 * (`cd`, `pwd`; relative paths start there: workspace.ts), shell
 * variables (`export do="--dry-run=client -o yaml"`, `NAME=value`, `$NAME`/`${NAME}`/`$?`
 * expanded per command, split into words when unquoted, unset ones expanding to nothing),
 * aliases (`alias k=kubectl`), and the commands `kubectl` (also `k`), `cat`, `ls`, `mkdir`, `rmdir`,
 * `echo`, `printf`, `rm` (consoleFiles.ts),
 * `clear`, `cd`, `pwd`, `export`, `unset`, `alias`, `unalias`, `exit` (a note: this terminal
 * stays open). Anything else answers like bash would.
 * A text of several lines runs line by line, here-documents feeding their command's stdin
 * (shellHeredoc.ts). Nothing ever throws out of `runLine`.
 */
import { type ParseEntry, parse } from 'shell-quote';
import { dateCommand } from '../engine/node/shellDate.ts';
import { shellTest } from '../engine/node/shellTest.ts';
import { arithmetic, arithmeticError } from '../engine/util/shellArithmetic.ts';
import type { Statement } from '../engine/util/shellStatements.ts';
import { runKubectl } from './cli.ts';
import { cp, ls, mkdir, mv, rm, rmdir, touch } from './consoleFiles.ts';
import {
  commandV,
  DOCKER_PROGRAM,
  envCommand,
  historyBuiltin,
  SIM_PROGRAM,
  typeBuiltin,
  watchCommand,
  whichCommand,
} from './consoleInfo.ts';
import {
  fgBuiltin,
  finishedJobs,
  type JobTable,
  jobsBuiltin,
  killBuiltin,
  newJobTable,
  startJob,
  waitBuiltin,
} from './consoleJobs.ts';
import { hasCompound, head, statementsOf } from './consoleStatements.ts';
import { CONSOLE_TOOLS, notSimulated, runConsoleTool } from './consoleTools.ts';
import { expandHereDoc } from './hereDocExpansion.ts';
import {
  type KubectlHost,
  type OutputChunk,
  orderedOutput,
  outputChunks,
  pushChunk,
  type RunResult,
} from './host.ts';
import { describeChar, findControlChar } from './manifest.ts';
import {
  activeHost,
  loginEnv,
  loginsSnapshot,
  restoreLogins,
  runNodeCommand,
} from './nodeShell/index.ts';
import { braceExpandText } from './shellBraces.ts';
import { runCompound, syntaxError, withCompoundPipes } from './shellCompound.ts';
import { closesGroup, functionText, opensGroup, splitGroups } from './shellGroups.ts';
import { type HereDoc, hereDocIndex, splitScript, withoutMarkers } from './shellHeredoc.ts';
import {
  type ShellOptions,
  setBuiltin,
  timeReport,
  traceHead,
  traceLine,
  withStderrFirst,
} from './shellOptions.ts';
import { expandParam, expandPattern, globMatch, ParamError, paramEnd } from './shellParams.ts';
import { echo, printf } from './shellPrintf.ts';
import {
  isRedirectOp,
  markDescriptors,
  markedDescriptor,
  plainChars,
  type Redirect,
  redirectOf,
  withRedirects,
} from './shellRedirects.ts';
import {
  placeholderIndex,
  placeholderName,
  type Substitution,
  substitutionSpans,
  withPlaceholders,
} from './shellSubstitution.ts';
import { setStdin } from './stdin.ts';
import { setReadsTerminal } from './terminal.ts';
import { HOME_DIR, type Workspace } from './workspace.ts';

/** Longest command line the console accepts. */
export const MAX_LINE_LENGTH = 64 * 1024;

const ENV: Record<string, string> = {
  HOME: HOME_DIR,
  PWD: HOME_DIR,
  USER: 'learner',
  SHELL: '/bin/bash',
  KUBECONFIG: `${HOME_DIR}/.kube/config`,
};

/** One console session's shell state: variables (exported or not), aliases, `$?`. */
interface ShellState {
  vars: Map<string, { value: string; exported: boolean }>;
  aliases: Map<string, string>;
  status: number;
  /** The state of $RANDOM's generator. */
  random?: number;
  /** Shell functions by name: the body's text as written, and its here-documents. */
  functions: Map<string, ShellFunction>;
  /** `$1`… outside any function (`set -- a b`). */
  positional: string[];
  /** The functions running now, innermost last. */
  frames: Frame[];
  /** `set -e`, `-u`, `-x`, `-o pipefail`. */
  options: ShellOptions;
  /** `return N` ran: the function's commands stop. */
  returning?: number;
  /** `set -e` or `set -u` stopped the line: nothing more of it runs. */
  halted?: boolean;
  /** How deep the commands running now sit in conditions, where `set -e` does not act. */
  quiet: number;
  /** Background jobs (`CMD &`: consoleJobs.ts). */
  jobs: JobTable;
  /** `trap ACTION SIGNAL`: kept for `trap` to list. */
  traps?: Map<string, string>;
}

/** A shell function: its body's text (run as a line of its own) and its here-documents. */
interface ShellFunction {
  body: string;
  docs: HereDoc[];
}

/** A function call: its arguments, and the variables `local` shadowed (put back at its end). */
interface Frame {
  name: string;
  positional: string[];
  saved: Map<string, { value: string; exported: boolean } | undefined>;
}

/**
 * Shell state per host: a console session keeps one host for its life, as a terminal keeps one
 * bash. (A WeakMap rather than a host field: hosts are built in several places.)
 */
const STATES = new WeakMap<KubectlHost, ShellState>();

function stateOf(host: KubectlHost): ShellState {
  let st = STATES.get(host);
  if (!st) {
    st = {
      vars: new Map(),
      aliases: new Map(),
      status: 0,
      functions: new Map(),
      positional: [],
      frames: [],
      options: { errexit: false, nounset: false, xtrace: false, pipefail: false },
      quiet: 0,
      jobs: newJobTable(),
    };
    for (const [k, v] of Object.entries(loginEnv(host) ?? ENV))
      st.vars.set(k, { value: v, exported: true });
    STATES.set(host, st);
  }
  return st;
}

/**
 * The session's variables and aliases as one string (equal strings, equal state): the lab
 * journals a line that changed it so a reload replays it, and carries it to a rebuilt host.
 */
export function shellSnapshot(host: KubectlHost): string {
  const st = stateOf(host);
  // Open `ssh` logins to nodes, each with its own shell state.
  const logins = loginsSnapshot(host, shellSnapshot);
  const cwd = host.fs.workingDir();
  return JSON.stringify({
    vars: [...st.vars],
    aliases: [...st.aliases],
    ...(cwd !== HOME_DIR ? { cwd } : {}),
    ...(logins.length > 0 ? { logins } : {}),
    ...(st.functions.size > 0 ? { functions: [...st.functions] } : {}),
    ...(Object.values(st.options).some((on) => on) ? { options: st.options } : {}),
  });
}

/** Restores what `shellSnapshot` saved (ignores anything malformed). */
export function restoreShell(host: KubectlHost, snapshot: string): void {
  try {
    const parsed: unknown = JSON.parse(snapshot);
    if (typeof parsed !== 'object' || parsed === null) return;
    const { vars, aliases, logins, cwd, functions, options } = parsed as {
      vars?: unknown;
      aliases?: unknown;
      logins?: unknown;
      cwd?: unknown;
      functions?: unknown;
      options?: unknown;
    };
    const st = stateOf(host);
    restoreFunctions(st, functions, options);
    // The working directory (`cd`), if it still exists.
    host.fs.changeDir(typeof cwd === 'string' ? cwd : HOME_DIR);
    restoreLogins(host, logins, restoreShell);
    if (Array.isArray(vars)) {
      st.vars.clear();
      for (const e of vars) {
        if (!Array.isArray(e) || typeof e[0] !== 'string') continue;
        const v = e[1] as { value?: unknown; exported?: unknown } | null;
        if (v && typeof v.value === 'string')
          st.vars.set(e[0], { value: v.value, exported: v.exported === true });
      }
    }
    // A snapshot from before the console had a working directory has no $PWD.
    if (!st.vars.has('PWD') && loginEnv(host) === undefined)
      st.vars.set('PWD', { value: host.fs.workingDir(), exported: true });
    if (Array.isArray(aliases)) {
      st.aliases.clear();
      for (const e of aliases) {
        if (Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string')
          st.aliases.set(e[0], e[1]);
      }
    }
  } catch {
    // A snapshot that does not parse restores nothing.
  }
}

/** The functions and options of a snapshot (shellSnapshot), what is well formed of them. */
function restoreFunctions(st: ShellState, functions: unknown, options: unknown): void {
  st.functions.clear();
  if (Array.isArray(functions)) {
    for (const e of functions) {
      if (!Array.isArray(e) || typeof e[0] !== 'string') continue;
      const f = e[1] as { body?: unknown; docs?: unknown } | null;
      if (f && typeof f.body === 'string' && Array.isArray(f.docs))
        st.functions.set(e[0], { body: f.body, docs: f.docs as HereDoc[] });
    }
  }
  const o = (typeof options === 'object' && options !== null ? options : {}) as Record<
    string,
    unknown
  >;
  for (const k of ['errexit', 'nounset', 'xtrace', 'pipefail'] as const)
    st.options[k] = o[k] === true;
}

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ASSIGNMENT_RE = /^([A-Za-z_][A-Za-z0-9_]*)=/;

/** `'text'` with embedded single quotes closed, escaped and reopened (`'\''`). */
function singleQuote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

/**
 * Splits a line into its simple commands' source text at `;`, `&&` and `||` outside quotes,
 * escapes and comments, so each command's variables expand just before it runs (`export x=1;
 * echo $x` prints 1, as in bash).
 */
function splitCommands(line: string): string[] {
  const out: string[] = [];
  const plain = plainChars(line);
  let cur = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (!plain[i]) {
      cur += c;
      continue;
    }
    if (c === '#' && (cur === '' || /\s$/.test(cur))) {
      // A comment runs to the end of the line.
      cur += line.slice(i);
      break;
    }
    const two = line.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      out.push(cur);
      cur = '';
      i++;
      continue;
    }
    if (c === ';') {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out.filter((seg) => seg.trim() !== '');
}

/**
 * Expands `$NAME`, `${NAME}` and `$?` in one command's source text, returning text for
 * shell-quote: inside double quotes the value stays one word; unquoted it is split into words at
 * blanks (so `k run x --image=nginx $do` gets three more arguments), except in an assignment
 * (`x=$do`), which bash never splits. An unset variable expands to nothing.
 */
function expandVariables(
  text: string,
  st: ShellState,
  special?: (name: string) => string | undefined,
): string {
  let out = '';
  let quote: '' | "'" | '"' = '';
  let inAssignment = false;
  let atWordStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote === '' && atWordStart && !/\s/.test(c)) {
      inAssignment = ASSIGNMENT_RE.test(text.slice(i));
      atWordStart = false;
    }
    if (quote === "'") {
      out += c;
      if (c === "'") quote = '';
      continue;
    }
    if (c === '\\') {
      out += c + (text[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') {
      quote = quote === '"' ? '' : '"';
      out += c;
      continue;
    }
    if (c === "'" && quote === '') {
      quote = "'";
      out += c;
      continue;
    }
    if (quote === '' && /\s/.test(c)) {
      atWordStart = true;
      out += c;
      continue;
    }
    if (c === '~' && quote === '' && tildePrefix(text, i, inAssignment)) {
      // Tilde expansion: `~` alone or before `/` is $HOME (the user's home when unset).
      const home = st.vars.get('HOME')?.value ?? HOME_DIR;
      out += /^[\w/.-]+$/.test(home) ? home : singleQuote(home);
      continue;
    }
    if (c !== '$') {
      out += c;
      continue;
    }
    const rest = text.slice(i + 1);
    let value: string;
    if (rest.startsWith('{') && paramEnd(text, i) > 0) {
      // `${NAME}` and bash's operators (`${V:-word}`, `${#V}`, `${V#pat}`…: shellParams.ts).
      const end = paramEnd(text, i);
      value = paramValue(text.slice(i + 2, end), st, special);
      i = end;
    } else {
      const m = /^(?:([A-Za-z_][A-Za-z0-9_]*)|([?0$#@*!]|[1-9]))/.exec(rest);
      if (!m || m[0] === '') {
        out += c;
        continue;
      }
      i += m[0].length;
      if (m[2] === '@' && quote === '"') {
        // `"$@"`: each positional parameter a word of its own.
        out += positionals(st)
          .map((p) => p.replace(/[\\"$`]/g, '\\$&'))
          .join('" "');
        continue;
      }
      value =
        m[1] !== undefined ? lookupParam(m[1], st, special) : (specialParam(m[2] ?? '', st) ?? '');
      if (m[2] !== undefined && /^[1-9]$/.test(m[2]) && st.options.nounset) {
        if (specialParam(m[2], st) === undefined) unbound(`$${m[2]}`);
      }
    }
    if (quote === '"') out += value.replace(/[\\"$`]/g, '\\$&');
    else if (inAssignment) out += value === '' ? "''" : singleQuote(value);
    else if (value !== '') {
      const words = value.split(/[ \t\n]+/).filter((w) => w !== '');
      out += `${/^[ \t\n]/.test(value) ? ' ' : ''}${words.map(singleQuote).join(' ')}${/[ \t\n]$/.test(value) ? ' ' : ''}`;
    }
  }
  return out;
}

/** `$?`, `$0` (`bash`), `$#` (no positional parameters: 0), `$$` (the shell's process id). */
function specialParam(name: string, st: ShellState): string | undefined {
  if (name === '?') return String(st.status);
  if (name === 'RANDOM' && !st.vars.has('RANDOM')) {
    // 0…32767, a new one each time: a seeded generator (the simulation draws no real chance).
    st.random = ((st.random ?? 1) * 1103515245 + 12345) % 2147483648;
    return String(Math.floor(st.random / 65536) % 32768);
  }
  if (name === '0') return 'bash';
  if (name === '#') return String(positionals(st).length);
  if (name === '@' || name === '*') return positionals(st).join(' ');
  if (/^[1-9][0-9]*$/.test(name)) return positionals(st)[Number(name) - 1];
  if (name === '$') return '2417';
  if (name === '!') return st.jobs.lastPid === undefined ? undefined : String(st.jobs.lastPid);
  return undefined;
}

/** The learner's bash (Ubuntu 24.04's). */
const BASH_VERSION = '5.2.21(1)-release';

/** `$1`…: the innermost function's arguments, else the shell's (`set -- a b`). */
function positionals(st: ShellState): string[] {
  return st.frames.at(-1)?.positional ?? st.positional;
}

/** `set -u`: bash's error for an unset parameter, which abandons the line. */
function unbound(name: string): never {
  throw new ShellError(`bash: ${name}: unbound variable`, 1, true);
}

/** A variable's value (a substitution's placeholder first), undefined when unset. */
function lookupParam(
  name: string,
  st: ShellState,
  special?: (name: string) => string | undefined,
): string {
  const value =
    special?.(name) ??
    (name === 'RANDOM' ? specialParam(name, st) : undefined) ??
    st.vars.get(name)?.value ??
    (name === 'BASH_VERSION' ? BASH_VERSION : undefined);
  if (value === undefined && st.options.nounset) unbound(name);
  return value ?? '';
}

/** `${inner}`'s value; bash's expansion error (`${V:?}`, a bad substitution) stops the line. */
function paramValue(
  inner: string,
  st: ShellState,
  special?: (name: string) => string | undefined,
): string {
  const get = (n: string) => specialParam(n, st) ?? special?.(n) ?? st.vars.get(n)?.value;
  if (st.options.nounset && /^(?:[A-Za-z_][A-Za-z0-9_]*|[1-9][0-9]*)$/.test(inner)) {
    // `${NAME}` alone; the operators (`${NAME:-word}`) decide for themselves.
    if (get(inner) === undefined) unbound(/^\d/.test(inner) ? `$${inner}` : inner);
  }
  try {
    return expandParam(inner, {
      get,
      set: (n, value) => {
        st.vars.set(n, { value, exported: st.vars.get(n)?.exported ?? false });
      },
      arith: (expr) => {
        const r = arithmetic(expr, { get });
        return 'value' in r ? Number(r.value) : undefined;
      },
    });
  } catch (e) {
    if (e instanceof ParamError) throw new ShellError(`bash: ${e.message}`, 1);
    throw e;
  }
}

/**
 * Whether the `~` at `i` starts a tilde prefix bash expands: at the start of a word (or of a
 * redirection's target), or after the `=` or a `:` of an assignment, and followed by `/`, the
 * end of the word or the line.
 */
function tildePrefix(text: string, i: number, inAssignment: boolean): boolean {
  const prev = text[i - 1];
  const next = text[i + 1];
  const starts =
    prev === undefined ||
    /[\s<>;|&(]/.test(prev) ||
    (inAssignment && (prev === '=' || prev === ':'));
  const ends = next === undefined || /[\s/;|&<>)]/.test(next) || (inAssignment && next === ':');
  return starts && ends;
}

type Token = { word: string } | { op: string };

interface Simple {
  words: string[];
  /** Its redirections, in the order written (shellRedirects.ts). */
  redirects: Redirect[];
  /** The next command of a pipeline (`… | grep x`): it reads this one's stdout. */
  pipeTo?: Simple;
  /** `< FILE`: the file it reads as its stdin (the last one given wins). */
  input?: string;
  /** `<<< WORD`: a here-string, its stdin. */
  hereString?: string;
}

class ShellError extends Error {
  constructor(
    message: string,
    readonly code: number,
    /** An expansion error that abandons the whole line (bash returns to its prompt). */
    readonly abandons = false,
  ) {
    super(message);
  }
}

function globToRegExp(pattern: string): RegExp {
  let re = '^';
  for (const c of pattern) {
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`${re}$`);
}

/**
 * Pathname expansion of `pattern` over the file system the shell sees (the learner's files,
 * or a node's after `ssh`): component by component from the working directory (or `/`), a
 * leading `.` matched only by a pattern that starts with one, matches in C-locale order;
 * none: the pattern itself.
 */
export function expandGlob(fs: Workspace, pattern: string): string[] {
  const parts = pattern.split('/');
  let paths: string[] = [pattern.startsWith('/') ? '/' : ''];
  const join = (prefix: string, name: string) =>
    prefix === '' ? name : prefix.endsWith('/') ? `${prefix}${name}` : `${prefix}/${name}`;
  for (const [i, part] of parts.entries()) {
    if (i === 0 && part === '') continue;
    const last = i === parts.length - 1;
    if (part === '' || !/[*?]/.test(part)) {
      paths = paths.map((p) => (part === '' ? `${p}/` : join(p, part)));
      continue;
    }
    const re = globToRegExp(part);
    const next: string[] = [];
    for (const p of paths) {
      for (const e of fs.entries(p === '' ? '.' : p)) {
        if (e.name.startsWith('.') && !part.startsWith('.')) continue;
        if (!last && !e.dir) continue;
        if (re.test(e.name)) next.push(join(p, e.name));
      }
    }
    paths = next;
  }
  const found = paths.filter((p) =>
    p.endsWith('/') ? fs.isDirectory(p) : fs.has(p) || fs.isDirectory(p),
  );
  return found.length === 0 ? [pattern] : found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * bash starts a comment only at the beginning of a word: a `#` inside one (`a#b`,
 * `--sort-by=.x#y`) is a character, which shell-quote would take for a comment. Escaped so;
 * `$#` and the `#` of `${…}` are left alone.
 */
function escapeWordHashes(line: string): string {
  if (!line.includes('#')) return line;
  const plain = plainChars(line);
  let out = '';
  let braces = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (plain[i] && c === '{' && line[i - 1] === '$') braces++;
    else if (plain[i] && c === '}' && braces > 0) braces--;
    const prev = line[i - 1] ?? ' ';
    if (plain[i] && c === '#' && braces === 0 && !/[\s$;&|()<>]/.test(prev)) out += '\\#';
    else out += c;
  }
  return out;
}

function tokenize(host: KubectlHost, line: string): Token[] {
  const st = stateOf(host);
  line = escapeWordHashes(line);
  const entries: ParseEntry[] = parse(line, (key: string) =>
    key === '?' ? String(st.status) : (st.vars.get(key)?.value ?? ''),
  );
  const out: Token[] = [];
  for (const e of entries) {
    if (typeof e === 'string') out.push({ word: e });
    else if ('comment' in e) break;
    else if (e.op === 'glob') {
      for (const m of expandGlob(host.fs, (e as { pattern: string }).pattern))
        out.push({ word: m });
    } else out.push({ op: e.op });
  }
  return out;
}

/** Splits tokens into simple commands joined by `;`, `&&`, `||`. */
function parseList(tokens: Token[]): { cmd: Simple; next?: string }[] {
  const list: { cmd: Simple; next?: string }[] = [];
  let cur: Simple = { words: [], redirects: [] };
  // The pipeline's first command, which the list holds (`cur` is its last).
  let first = cur;
  for (let i = 0; i < tokens.length; i++) {
    let t = tokens[i] as Token;
    // `2>`: the descriptor (marked by markDescriptors) and its operator.
    const fd = 'word' in t ? markedDescriptor(t.word) : undefined;
    if (fd !== undefined) {
      const next = tokens[i + 1];
      if (next && 'op' in next && isRedirectOp(next.op)) {
        t = next;
        i++;
      } else t = { word: String(fd) };
    }
    if ('word' in t) {
      cur.words.push(t.word);
      continue;
    }
    if (isRedirectOp(t.op)) {
      const target = tokens[i + 1];
      if (!target || !('word' in target) || markedDescriptor(target.word) !== undefined) {
        throw new ShellError(
          `bash: syntax error near unexpected token \`${target && 'op' in target ? target.op : target ? '>' : 'newline'}'`,
          2,
        );
      }
      const r = redirectOf(fd, t.op, target.word);
      if (!r) throw new ShellError(`bash: ${target.word}: ambiguous redirect`, 1);
      cur.redirects.push(r);
      i++;
      continue;
    }
    if (t.op === '<<<' && fd === undefined) {
      const target = tokens[i + 1];
      if (!target || !('word' in target)) {
        throw new ShellError(
          `bash: syntax error near unexpected token \`${target && 'op' in target ? target.op : 'newline'}'`,
          2,
        );
      }
      cur.hereString = target.word;
      cur.input = undefined;
      i++;
      continue;
    }
    if (t.op === '<' && fd === undefined) {
      const target = tokens[i + 1];
      if (!target || !('word' in target) || markedDescriptor(target.word) !== undefined) {
        throw new ShellError(
          `bash: syntax error near unexpected token \`${target && 'op' in target ? target.op : 'newline'}'`,
          2,
        );
      }
      cur.input = target.word;
      cur.hereString = undefined;
      i++;
      continue;
    }
    if (t.op === ';' || t.op === '&&' || t.op === '||') {
      if (cur.words.length === 0)
        throw new ShellError(`bash: syntax error near unexpected token \`${t.op}'`, 2);
      list.push({ cmd: first, next: t.op });
      cur = { words: [], redirects: [] };
      first = cur;
      continue;
    }
    if (t.op === '|') {
      if (cur.words.length === 0)
        throw new ShellError("bash: syntax error near unexpected token `|'", 2);
      const stage: Simple = { words: [], redirects: [] };
      cur.pipeTo = stage;
      cur = stage;
      continue;
    }
    if (t.op === '<<' || t.op === '<<-') {
      // A here-document without its word (shellHeredoc.ts reads the ones that have one).
      const target = tokens[i + 1];
      throw new ShellError(
        `bash: syntax error near unexpected token \`${target && 'op' in target ? target.op : 'newline'}'`,
        2,
      );
    }
    if (t.op === '(' && cur.words.length === 1) {
      const next = tokens[i + 1];
      if (next && 'op' in next && next.op === ')') {
        // `name() { …; }`: a function definition.
        throw new ShellError(
          `bash: this console does not define shell functions (${cur.words[0]}() { … }): write the commands out, or use an alias`,
          2,
        );
      }
    }
    if (t.op === '(' || t.op === ')' || t.op === ';;' || t.op === ';&' || t.op === ';;&') {
      throw new ShellError(`bash: syntax error near unexpected token \`${t.op}'`, 2);
    }
    if (t.op === '|&') {
      throw new ShellError(
        "bash: '|&' is not supported in this console; pipe stdout with | (add 2>&1 before it)",
        2,
      );
    }
    throw new ShellError(
      `bash: '${t.op}' is not supported in this console; only redirection into files (>, >>, 2>, 2>&1)`,
      2,
    );
  }
  if (
    cur.words.length > 0 ||
    cur.redirects.length > 0 ||
    cur.input !== undefined ||
    cur.hereString !== undefined
  )
    list.push({ cmd: first });
  else if (cur !== first || (list.length > 0 && list[list.length - 1]?.next !== ';')) {
    throw new ShellError('bash: syntax error: unexpected end of line', 2);
  }
  return list;
}

function cat(host: KubectlHost, args: string[]): RunResult {
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  for (const f of args.filter((a) => a !== '-n' && a !== '--')) {
    const text = f === '/dev/null' ? '' : host.fs.read(f);
    if (text !== undefined) stdout += text;
    else if (host.fs.isDirectory(f)) {
      stderr += `cat: ${f}: Is a directory\n`;
      exitCode = 1;
    } else {
      const through = /\/$/.test(f) && host.fs.has(f.replace(/\/+$/, ''));
      stderr += `cat: ${f}: ${through ? 'Not a directory' : 'No such file or directory'}\n`;
      exitCode = 1;
    }
  }
  return { stdout, stderr, exitCode };
}

const EDITORS = new Set(['vi', 'vim', 'nano', 'emacs']);

/** `declare -x NAME="value"` as bash's `export` (no arguments) lists a variable. */
function declareLine(name: string, value: string): string {
  return `declare -x ${name}="${value.replace(/[\\"$`]/g, '\\$&')}"\n`;
}

/** `export [-p] [NAME[=value]…]`: sets and exports; with no names lists the exported ones. */
function exportBuiltin(st: ShellState, args: string[]): RunResult {
  const names = args.filter((a) => a !== '-p' && a !== '--');
  if (names.length === 0) {
    const stdout = [...st.vars]
      .filter(([, v]) => v.exported)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => declareLine(k, v.value))
      .join('');
    return { stdout, stderr: '', exitCode: 0 };
  }
  let stderr = '';
  for (const arg of names) {
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!NAME_RE.test(name)) {
      stderr += `bash: export: \`${arg}': not a valid identifier\n`;
      continue;
    }
    const prev = st.vars.get(name);
    if (eq >= 0) st.vars.set(name, { value: arg.slice(eq + 1), exported: true });
    else if (prev) prev.exported = true;
    // `export NAME` of an unset variable marks it for export once it is set; nothing to show.
  }
  return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
}

/** `alias [NAME[=value]…]`: defines, shows one, or lists every alias (`alias k='kubectl'`). */
function aliasBuiltin(st: ShellState, args: string[]): RunResult {
  const show = (k: string, v: string) => `alias ${k}=${singleQuote(v)}\n`;
  const names = args.filter((a) => a !== '-p');
  if (names.length === 0) {
    const stdout = [...st.aliases]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => show(k, v))
      .join('');
    return { stdout, stderr: '', exitCode: 0 };
  }
  let stdout = '';
  let stderr = '';
  for (const arg of names) {
    const eq = arg.indexOf('=');
    if (eq > 0) {
      st.aliases.set(arg.slice(0, eq), arg.slice(eq + 1));
      continue;
    }
    const v = st.aliases.get(arg);
    if (v === undefined) stderr += `bash: alias: ${arg}: not found\n`;
    else stdout += show(arg, v);
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}

/** `unset NAME…` and `unalias NAME…`. */
function unsetBuiltin(st: ShellState, which: 'unset' | 'unalias', args: string[]): RunResult {
  let stderr = '';
  for (const arg of args.filter((a) => !a.startsWith('-'))) {
    if (which === 'unset') {
      if (!NAME_RE.test(arg) && !(args.includes('-f') && st.functions.has(arg)))
        stderr += `bash: unset: \`${arg}': not a valid identifier\n`;
      else if (args.includes('-f')) st.functions.delete(arg);
      // `unset NAME`: the variable, else the function of that name.
      else if (!st.vars.delete(arg) && !args.includes('-v')) st.functions.delete(arg);
    } else if (!st.aliases.delete(arg)) stderr += `bash: unalias: ${arg}: not found\n`;
  }
  if (which === 'unalias' && args.includes('-a')) st.aliases.clear();
  return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
}

/** `cd [-L|-P] [DIR]`: bash's builtin (`cd` alone is `cd $HOME`, `cd -` is `cd $OLDPWD`). */
function cdBuiltin(host: KubectlHost, st: ShellState, args: string[]): RunResult {
  const fail = (text: string, exitCode = 1): RunResult => ({ stdout: '', stderr: text, exitCode });
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') {
      i++;
      break;
    }
    if (a === '-' || !a.startsWith('-')) break;
    if (!/^-[LPe@]+$/.test(a)) {
      return fail(
        `bash: cd: ${a.slice(0, 2)}: invalid option\ncd: usage: cd [-L|[-P [-e]] [-@]] [dir]\n`,
        2,
      );
    }
  }
  const operands = args.slice(i);
  if (operands.length > 1) return fail('bash: cd: too many arguments\n');
  let target = operands[0];
  let print = false;
  if (target === undefined) {
    const home = st.vars.get('HOME');
    if (!home) return fail('bash: cd: HOME not set\n');
    target = home.value;
  } else if (target === '-') {
    const old = st.vars.get('OLDPWD');
    if (!old || old.value === '') return fail('bash: cd: OLDPWD not set\n');
    target = old.value;
    print = true;
  }
  // `cd ""` changes nothing.
  if (target === '') return { stdout: '', stderr: '', exitCode: 0 };
  const before = host.fs.workingDir();
  const r = host.fs.changeDir(target);
  if (!r.ok) return fail(`bash: cd: ${target}: ${r.error}\n`);
  st.vars.set('OLDPWD', { value: st.vars.get('PWD')?.value ?? before, exported: true });
  st.vars.set('PWD', { value: r.value, exported: st.vars.get('PWD')?.exported ?? true });
  return { stdout: print ? `${r.value}\n` : '', stderr: '', exitCode: 0 };
}

/** `pwd [-LP]`: the working directory. */
function pwdBuiltin(host: KubectlHost, args: string[]): RunResult {
  const bad = args.find((a) => a.startsWith('-') && a !== '--' && !/^-[LP]+$/.test(a));
  if (bad) {
    return {
      stdout: '',
      stderr: `bash: pwd: ${bad.slice(0, 2)}: invalid option\npwd: usage: pwd [-LP]\n`,
      exitCode: 2,
    };
  }
  return { stdout: `${host.fs.workingDir()}\n`, stderr: '', exitCode: 0 };
}

/**
 * What `< FILE` or `<<WORD` gives a command to read (a quoted here-document's body as written,
 * an unquoted one expanded), or the error that stops it; undefined without one.
 */
function inputOf(host: KubectlHost, cmd: Simple): { text: string } | RunResult | undefined {
  if (cmd.input === undefined) return undefined;
  const doc = hereDocIndex(cmd.input);
  if (doc !== undefined) {
    const d = hereDocs[doc] ?? { body: '', expand: false };
    if (!d.expand) return { text: d.body };
    const x = expandedHereDoc(host, d.body);
    if (x.failed) return { stdout: '', stderr: x.stderr, exitCode: 1 };
    return { text: x.text };
  }
  // `< FILE` is opened before the command runs; a file that cannot be read stops it.
  if (cmd.input === '/dev/null') return { text: '' };
  const text = host.fs.read(cmd.input);
  if (text === undefined) {
    const why = host.fs.isDirectory(cmd.input) ? 'Is a directory' : 'No such file or directory';
    return { stdout: '', stderr: `bash: ${cmd.input}: ${why}\n`, exitCode: 1 };
  }
  return { text };
}

/**
 * bash's `read [-r] [-p PROMPT] [NAME…]`: one line of stdin split at blanks into the names (the
 * last takes the rest; REPLY without names); without -r a backslash escapes the next character
 * and a backslash-newline continues the line. Status 1 at the end of the input. In a pipeline
 * it runs in a subshell, so the variables it sets are gone afterwards (as in bash).
 */
function readBuiltin(
  host: KubectlHost,
  args: string[],
  stdin: string | undefined,
  inPipeline: boolean,
  ifsPrefix?: string,
): RunResult {
  const st = stateOf(host);
  // IFS: its blanks are trimmed and run together, its other characters each end a field.
  const ifs = ifsPrefix ?? st.vars.get('IFS')?.value ?? ' \t\n';
  let raw = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    if (a === '-r') raw = true;
    else if (a === '-p' || a === '-t' || a === '-n' || a === '-d' || a === '-u') i++;
    else if (!/^-[rsea]+$/.test(a)) {
      return {
        stdout: '',
        stderr: `bash: read: ${a.slice(0, 2)}: invalid option\nread: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n`,
        exitCode: 2,
      };
    } else if (a.includes('r')) raw = true;
  }
  const names = args.slice(i);
  const bad = names.find((n) => !NAME_RE.test(n));
  if (bad)
    return { stdout: '', stderr: `bash: read: \`${bad}': not a valid identifier\n`, exitCode: 1 };
  if (stdin === undefined) {
    return {
      stdout: '',
      stderr:
        'bash: read: reading the terminal is not supported in this console: pipe a command into it or use < FILE\n',
      exitCode: 1,
    };
  }
  // The line's characters, each with whether a backslash escaped it (then never a separator).
  const line: { c: string; esc: boolean }[] = [];
  let ended = true;
  for (let k = 0; k < stdin.length; k++) {
    const c = stdin[k] as string;
    if (c === '\n') {
      ended = false;
      break;
    }
    if (c === '\\' && !raw) {
      const n = stdin[++k];
      if (n !== undefined && n !== '\n') line.push({ c: n, esc: true });
      continue;
    }
    line.push({ c, esc: false });
  }
  const blank = (x: { c: string; esc: boolean } | undefined) =>
    x !== undefined && !x.esc && /[ \t\n]/.test(x.c) && ifs.includes(x.c);
  const delim = (x: { c: string; esc: boolean } | undefined) =>
    x !== undefined && !x.esc && !/[ \t\n]/.test(x.c) && ifs.includes(x.c);
  const text = (from: number, to: number) =>
    line
      .slice(from, to)
      .map((x) => x.c)
      .join('');
  // Split at unescaped blanks; the last name takes the rest of the line, blanks trimmed.
  const targets = names.length === 0 ? ['REPLY'] : names;
  const values: string[] = [];
  let at = 0;
  if (names.length === 0) values.push(text(0, line.length));
  else {
    for (let k = 0; k < targets.length; k++) {
      while (blank(line[at])) at++;
      if (k === targets.length - 1) {
        let end = line.length;
        while (end > at && blank(line[end - 1])) end--;
        values.push(text(at, end));
        break;
      }
      const from = at;
      while (at < line.length && !blank(line[at]) && !delim(line[at])) at++;
      values.push(text(from, at));
      // One delimiter (with the blanks around it) ends the field.
      while (blank(line[at])) at++;
      if (delim(line[at])) at++;
    }
  }
  if (!inPipeline) {
    targets.forEach((name, k) => {
      st.vars.set(name, { value: values[k] ?? '', exported: st.vars.get(name)?.exported ?? false });
    });
  }
  return { stdout: '', stderr: '', exitCode: ended ? 1 : 0 };
}

/**
 * An unquoted here-document's body expanded as bash does when the command runs: variables,
 * `${…}`, `$(…)` (each a subshell), `$((…))`. What the substitutions wrote to stderr, and whether
 * an expansion error stops the command.
 */
function expandedHereDoc(
  host: KubectlHost,
  body: string,
): { text: string; stderr: string; failed: boolean } {
  const st = stateOf(host);
  let stderr = '';
  let failed = false;
  const text = expandHereDoc(body, {
    lookup: (n) => specialParam(n, st) ?? st.vars.get(n)?.value ?? '',
    param: (inner) => {
      try {
        return paramValue(inner, st);
      } catch (e) {
        if (!(e instanceof ShellError)) throw e;
        stderr += `${e.message}\n`;
        failed = true;
        return '';
      }
    },
    command: (inner) => {
      const span = { start: 0, end: 0, inner, text: '', arithmetic: false };
      const subs = substitutions(host, [span]);
      const v = subs.value(placeholderName(0)) ?? '';
      stderr += subs.stderr;
      if (subs.failed) failed = true;
      return v;
    },
    arith: (expr) => {
      const r = arithmeticExpansion(host, expr);
      stderr += r.stderr;
      if (r.value === undefined) failed = true;
      return r.value ?? '';
    },
  });
  return { text, stderr, failed };
}

/**
 * One command of a line with its redirections, reading `stdin` when a pipe feeds it; `toPipe`
 * when its stdout goes into the next command of a pipeline.
 */
function runCommand(host: KubectlHost, cmd: Simple, piped?: string, toPipe = false): RunResult {
  const st = stateOf(host);
  // `set -x`: the command as it will run, on stderr first.
  if (!st.options.xtrace || cmd.words.length === 0) return runTraced(host, cmd, piped, toPipe);
  const trace = traceLine(cmd.words, substitutionDepth);
  return withStderrFirst(trace, runTraced(host, cmd, piped, toPipe));
}

function runTraced(host: KubectlHost, cmd: Simple, piped?: string, toPipe = false): RunResult {
  const words = cmd.words;
  // The command's name, after its `NAME=value` prefixes.
  let assignments = 0;
  while (assignments < words.length && ASSIGNMENT_RE.test(words[assignments] ?? '')) assignments++;
  const command = words[assignments];
  let stdin = piped;
  const doc = cmd.input === undefined ? undefined : hereDocIndex(cmd.input);
  if (doc !== undefined && hereDocs[doc]?.expand) {
    // `<<WORD`: the here-document's body, expanded now when its word was not quoted.
    const x = expandedHereDoc(host, hereDocs[doc]?.body ?? '');
    if (x.failed) return { stdout: '', stderr: x.stderr, exitCode: 1 };
    if (x.stderr !== '') {
      // What its command substitutions wrote to stderr comes before the command runs.
      const printed = new Printed();
      printed.err(x.stderr);
      printed.add(runCommand(host, { ...cmd, input: undefined }, x.text, toPipe));
      return printed.result(printed.last);
    }
    stdin = x.text;
  } else if (cmd.input !== undefined) {
    const input = inputOf(host, cmd);
    if (input && 'exitCode' in input) return input;
    stdin = input?.text;
  } else if (cmd.hereString !== undefined) {
    // `<<< WORD`: the word and a newline.
    stdin = `${cmd.hereString}\n`;
  } else if (stdin === undefined && blockStdin !== undefined) {
    // Inside a compound command that is fed: `read` takes a line, a reader the rest.
    if (command === 'read') {
      const nl = blockStdin.rest.indexOf('\n');
      stdin = nl < 0 ? blockStdin.rest : blockStdin.rest.slice(0, nl + 1);
      blockStdin.rest = blockStdin.rest.slice(stdin.length);
    } else {
      stdin = blockStdin.rest;
      if (readsStdin(words.slice(assignments))) blockStdin.rest = '';
    }
  }
  if (command === 'read') {
    // `IFS=/ read a b`: the prefix sets IFS for this read only.
    const prefix = words.slice(0, assignments).find((w) => w.startsWith('IFS='));
    return readBuiltin(
      host,
      words.slice(assignments + 1),
      stdin,
      piped !== undefined || toPipe,
      prefix === undefined ? undefined : prefix.slice(4),
    );
  }
  // Whether its stdout is the terminal (ls fills columns there, else one name a line).
  const tty =
    !toPipe && !cmd.redirects.some((r) => 'target' in r && (r.fd === 1 || r.fd === 'both'));
  return cmd.redirects.length > 0
    ? withRedirects(host, cmd.redirects, () => runSimple(host, words, stdin, tty))
    : runSimple(host, words, stdin, tty);
}

/**
 * A pipeline: each command's stdout (after its own redirections: `2>&1 |` sends its errors
 * too) is the next one's stdin; the other output goes to the terminal; the last command's exit
 * code is the pipeline's.
 */
function runPipeline(host: KubectlHost, cmd: Simple): RunResult {
  let stdin: string | undefined;
  let stderr = '';
  let r: RunResult = { stdout: '', stderr: '', exitCode: 0 };
  // `set -o pipefail`: the last command that failed gives the pipeline's status.
  let failed = 0;
  for (let stage: Simple | undefined = cmd; stage; stage = stage.pipeTo) {
    const head = stage.pipeTo ? headCount(stage.pipeTo.words) : undefined;
    if (stage.words[0] === 'yes' && head !== undefined && stage.redirects.length === 0) {
      // `yes | head -N`: coreutils yes writes until head has its lines and exits (SIGPIPE).
      const line = `${stage.words.length > 1 ? stage.words.slice(1).join(' ') : 'y'}\n`;
      r = { stdout: line.repeat(head), stderr: '', exitCode: 141 };
    } else r = runCommand(host, stage, stdin, stage.pipeTo !== undefined);
    if (r.exitCode !== 0) failed = r.exitCode;
    if (!stage.pipeTo) break;
    stderr += r.stderr;
    stdin = r.stdout;
  }
  const exitCode = stateOf(host).options.pipefail ? failed : r.exitCode;
  return { stdout: r.stdout, stderr: stderr + r.stderr, exitCode };
}

/** How many lines `head` (`head`, `head -n N`, `head -N`) reads before it exits, else undefined. */
function headCount(words: readonly string[]): number | undefined {
  const m = /^head(?: (?:-n ?|-|--lines=)(\d+))?$/.exec(words.join(' '));
  return m ? Number(m[1] ?? 10) : undefined;
}

function runSimple(host: KubectlHost, allWords: string[], stdin?: string, tty = true): RunResult {
  // Only the command alone on the learner's line reads the terminal (not one it runs in turn).
  const terminal = aloneOnLine && stdin === undefined;
  aloneOnLine = false;
  const st = stateOf(host);
  let start = 0;
  while (start < allWords.length && ASSIGNMENT_RE.test(allWords[start] ?? '')) start++;
  if (start === allWords.length) {
    // Only assignments (`do="--dry-run=client -o yaml"`): they set shell variables.
    for (const w of allWords) {
      const eq = w.indexOf('=');
      const name = w.slice(0, eq);
      st.vars.set(name, { value: w.slice(eq + 1), exported: st.vars.get(name)?.exported ?? false });
    }
    return { stdout: '', stderr: '', exitCode: 0 };
  }
  // Leading NAME=value assignments before a command only set that command's environment;
  // nothing here reads it.
  let words = allWords.slice(start);
  const alias = st.aliases.get(words[0] ?? '');
  if (alias !== undefined) {
    // One level of alias expansion (bash stops at a word that names the alias being expanded).
    const expanded = parse(alias).filter((e): e is string => typeof e === 'string');
    words = [...expanded, ...words.slice(1)];
  }
  const [name, ...args] = words;
  const fn = name === undefined ? undefined : st.functions.get(name);
  if (fn && name !== undefined) return callFunction(host, st, name, fn, args, stdin);
  // The command's environment: exported variables, then its own `NAME=value` prefixes.
  const env = (): Record<string, string> => {
    const e: Record<string, string> = {};
    for (const [k, v] of st.vars) if (v.exported) e[k] = v.value;
    for (const w of allWords.slice(0, start))
      e[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1);
    return e;
  };
  // `ssh NODE`, and the commands of a node's root shell (nodeShell/).
  const onNode = runNodeCommand(host, words, {
    runWords: (w) => runSimple(host, w, stdin),
    runLine,
    env,
    stdin,
    tty,
  });
  if (onNode) return onNode;
  switch (name) {
    case undefined:
      return { stdout: '', stderr: '', exitCode: 0 };
    case 'kubectl':
    case 'k': {
      // kubectl reads $KUBECONFIG when the shell exports it (or the command sets it).
      const kcValue = env().KUBECONFIG;
      const kc = kcValue === undefined ? undefined : { value: kcValue, exported: true };
      setStdin(host, stdin);
      // `kubectl delete -i` may wait for its answer there (terminal.ts).
      setReadsTerminal(host, terminal);
      try {
        return runKubectl(host, args, kc?.exported ? { KUBECONFIG: kc.value } : {});
      } finally {
        setStdin(host, undefined);
        setReadsTerminal(host, false);
      }
    }
    case 'docker':
      // The laptop's docker (the host's hook), in the shell's working directory.
      if (!host.docker)
        return { stdout: '', stderr: `bash: ${name}: command not found\n`, exitCode: 127 };
      return host.docker(args, {
        cwd: host.fs.workingDir(),
        ...(stdin !== undefined ? { stdin } : {}),
      });
    case 'sim':
      // The simulation's own command (the host's hook), in a list or a loop as alone.
      if (!host.sim)
        return { stdout: '', stderr: `bash: ${name}: command not found\n`, exitCode: 127 };
      return host.sim(args);
    case 'cat':
      // `cat` or `cat -` in a pipeline copies its stdin.
      if (stdin !== undefined && args.filter((a) => a !== '-n').every((a) => a === '-'))
        return { stdout: stdin, stderr: '', exitCode: 0 };
      return cat(host, args);
    case 'ls':
      return ls(host, args, tty);
    case 'mkdir':
      return mkdir(host, args);
    case 'rmdir':
      return rmdir(host, args);
    case 'touch':
      return touch(host, args);
    case 'cp':
      return cp(host, args);
    case 'mv':
      return mv(host, args);
    case 'echo':
      return echo(args);
    case 'printf':
      return printf(args, (v, value) => {
        st.vars.set(v, { value, exported: st.vars.get(v)?.exported ?? false });
      });
    case 'clear':
    case 'true':
    case ':':
      return { stdout: '', stderr: '', exitCode: 0 };
    case 'false':
      return { stdout: '', stderr: '', exitCode: 1 };
    case 'date': {
      // The learner's machine keeps the cluster's (virtual) time, in UTC.
      const r = dateCommand(args, host.nowEpochMs(), 'gnu');
      if (!r) return notSimulated(words);
      return { stdout: r.output, stderr: r.error ?? '', exitCode: r.exitCode ?? 0 };
    }
    case 'cd':
      return cdBuiltin(host, st, args);
    case 'pwd':
      return pwdBuiltin(host, args);
    case 'exit':
    case 'logout':
      // The console is the learner's own terminal: closing it would end the lab.
      return {
        stdout: '',
        stderr: `bash: ${name}: this console is your own terminal and stays open (after ssh NODE, ${name} leaves the node's shell)\n`,
        exitCode: 0,
      };
    case 'export':
      return exportBuiltin(st, args);
    case 'alias':
      return aliasBuiltin(st, args);
    case 'unset':
    case 'unalias':
      return unsetBuiltin(st, name, args);
    case 'rm':
      return rm(host, args);
    case 'tee':
      return tee(host, args, stdin);
    case 'set': {
      if (args.length === 0) {
        // `set` alone lists the shell's variables, sorted, quoted where bash quotes them.
        const stdout = [...st.vars]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(
            ([k, v]) =>
              `${k}=${/^[\w/.:@%+,-]*$/.test(v.value) ? v.value : singleQuote(v.value)}\n`,
          )
          .join('');
        return { stdout, stderr: '', exitCode: 0 };
      }
      // `set -e`, `-u`, `-x`, `-o pipefail` (shellOptions.ts); `set -- ARGS`: $1….
      const r = setBuiltin(st.options, args);
      if (r.positional) {
        const frame = st.frames.at(-1);
        if (frame) frame.positional = r.positional;
        else st.positional = r.positional;
      }
      return r.result;
    }
    case 'local':
      return localBuiltin(st, args);
    case 'return':
      return returnBuiltin(st, args);
    case 'shift': {
      const n = args[0] === undefined ? 1 : Number(args[0]);
      const list = positionals(st);
      if (!Number.isInteger(n) || n < 0)
        return {
          stdout: '',
          stderr: `bash: shift: ${args[0]}: numeric argument required\n`,
          exitCode: 1,
        };
      if (n > list.length) return { stdout: '', stderr: '', exitCode: 1 };
      list.splice(0, n);
      return { stdout: '', stderr: '', exitCode: 0 };
    }
    case 'type':
      return typeWithFunctions(st, args, laptopPrograms(host));
    case 'declare':
    case 'typeset':
      return declareBuiltin(st, name, args);
    case 'trap':
      return trapBuiltin(st, args);
    case 'which':
      return whichCommand(args, laptopPrograms(host));
    case 'command':
      if (args[0] === '-v') return commandV(args.slice(1), st.aliases, laptopPrograms(host));
      return args.length === 0
        ? { stdout: '', stderr: '', exitCode: 0 }
        : runSimple(host, args, stdin, tty);
    case 'env':
    case 'printenv':
      return envCommand(name, args, new Map(Object.entries(env()))) ?? notSimulated(words);
    case 'watch':
      return watchCommand();
    case 'history':
      return historyBuiltin();
    case 'complete':
      // Tab completion is the console's own: `complete -F __start_kubectl k` changes nothing.
      return { stdout: '', stderr: '', exitCode: 0 };
    case 'source':
    case '.': {
      // Runs the file's lines in this shell (`source ~/.bashrc`).
      if (args.length === 0) {
        return {
          stdout: '',
          stderr: `bash: ${name}: filename argument required\n${name}: usage: ${name} filename [arguments]\n`,
          exitCode: 2,
        };
      }
      const text = host.fs.read(args[0] as string);
      if (text === undefined)
        return { stdout: '', stderr: `bash: ${args[0]}: No such file or directory\n`, exitCode: 1 };
      return runLine(host, text);
    }
    case 'xargs':
      return xargs(host, args, stdin);
    case 'break':
    case 'continue':
      // Inside a loop these are the loop's (shellCompound.ts); anywhere else bash says this.
      return {
        stdout: '',
        stderr: `bash: ${name}: only meaningful in a \`for', \`while', or \`until' loop\n`,
        exitCode: 0,
      };
    case 'let': {
      // `let EXPR…`: each argument evaluated; the status follows the last one's value.
      if (args.length === 0)
        return { stdout: '', stderr: 'bash: let: expression expected\n', exitCode: 1 };
      let status = 0;
      let stderr = '';
      for (const a of args) {
        const r = arithCommand(host, a, 'let');
        stderr += r.stderr;
        status = r.status;
        if (r.stderr !== '') break;
      }
      return { stdout: '', stderr, exitCode: status };
    }
    case 'test':
    case '[':
    case '[[':
      return testBuiltin(host, name, args);
    case 'for':
    case 'while':
    case 'until':
    case 'if':
    case 'case':
    case 'select':
    case 'function':
      // A reserved word reached as a command some other way (an alias, a variable).
      return compoundInList(name);
    case 'jobs':
      return jobsBuiltin(st.jobs, host.nowEpochMs());
    case 'yes':
      // It writes for ever: only a reader that stops it (`yes | head -3`) lets it end here.
      return {
        stdout: '',
        stderr:
          'bash: yes: it prints its line for ever (a terminal would go on until Ctrl-C); this console runs it only into head: yes | head -3\n',
        exitCode: 130,
      };
    case 'wait':
      return waitBuiltin(st.jobs, args, host.nowEpochMs(), host.advance?.bind(host));
    case 'fg':
      return fgBuiltin(st.jobs, args, host.nowEpochMs(), host.advance?.bind(host));
    case 'kill':
      return killBuiltin(st.jobs, args);
    case 'sleep':
      // In a background job its time passes there (consoleJobs.ts), not before the prompt.
      if (backgroundSleep) return sleep(backgroundSleep, args);
      if (host.advance) return sleep(host.advance, args);
      return { stdout: '', stderr: `bash: ${name}: command not found\n`, exitCode: 127 };
    default:
      if (CONSOLE_TOOLS.has(name)) return runConsoleTool(host, name, args, stdin);
      if (EDITORS.has(name)) {
        return {
          stdout: '',
          stderr: `bash: ${name}: editors are not available in this console; write files with echo '...' > FILE or kubectl ... -o yaml > FILE\n`,
          exitCode: 127,
        };
      }
      return { stdout: '', stderr: `bash: ${name}: command not found\n`, exitCode: 127 };
  }
}

/**
 * The programs this host has beyond every machine's: docker, when it is the laptop's, and the
 * simulation's `sim`, when the console has it.
 */
function laptopPrograms(host: KubectlHost): Readonly<Record<string, string>> | undefined {
  if (!host.sim) return host.docker ? DOCKER_PROGRAM : undefined;
  return host.docker ? { ...DOCKER_PROGRAM, ...SIM_PROGRAM } : SIM_PROGRAM;
}

/** A function's definition as bash prints it (`type f`, `declare -f f`). */
function functionListing(name: string, fn: ShellFunction): string {
  return functionText(name, compoundStatements(fn.body));
}

/** `type NAME…`, functions included (`f is a function` and its definition). */
function typeWithFunctions(
  st: ShellState,
  args: string[],
  extra: Readonly<Record<string, string>> | undefined,
): RunResult {
  const terse = args.includes('-t');
  const printed = new Printed();
  let code = 0;
  for (const n of args.filter((a) => a !== '-t' && a !== '--')) {
    const fn = st.aliases.has(n) ? undefined : st.functions.get(n);
    if (fn) {
      printed.add({
        stdout: terse ? 'function\n' : `${n} is a function\n${functionListing(n, fn)}`,
        stderr: '',
        exitCode: 0,
      });
      continue;
    }
    const r = typeBuiltin(terse ? ['-t', n] : [n], st.aliases, extra);
    printed.add(r);
    if (r.exitCode !== 0) code = r.exitCode;
  }
  return printed.result(code);
}

/**
 * `declare`/`typeset`: `-f` prints functions (all, or those named), `-F` their names, `-p` a
 * variable; `NAME=VALUE` sets one (`-x` exports it). Other attributes (`-i`, `-r`, `-a`) are not
 * simulated: the value is set as a plain string.
 */
function declareBuiltin(st: ShellState, who: string, args: string[]): RunResult {
  const flags = args.filter((a) => /^[-+][a-zA-Z]+$/.test(a)).join('');
  const names = args.filter((a) => !/^[-+][a-zA-Z]+$/.test(a));
  const sorted = (m: Map<string, unknown>) =>
    [...m.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (flags.includes('f') || flags.includes('F')) {
    const list = names.length > 0 ? names : sorted(st.functions);
    let stdout = '';
    let code = 0;
    for (const n of list) {
      const fn = st.functions.get(n);
      if (!fn) {
        code = 1;
        continue;
      }
      stdout += flags.includes('F')
        ? names.length > 0
          ? `${n}\n`
          : `declare -f ${n}\n`
        : functionListing(n, fn);
    }
    return { stdout, stderr: '', exitCode: code };
  }
  if (flags.includes('p') || (names.length === 0 && flags === '')) {
    const list = names.length > 0 ? names : sorted(st.vars);
    let stdout = '';
    let stderr = '';
    for (const n of list) {
      const v = st.vars.get(n);
      if (!v) stderr += `bash: ${who}: ${n}: not found\n`;
      else
        stdout += `declare ${v.exported ? '-x' : '--'} ${n}="${v.value.replace(/[\\"$`]/g, '\\$&')}"\n`;
    }
    return { stdout, stderr, exitCode: stderr === '' ? 0 : 1 };
  }
  let stderr = '';
  for (const a of names) {
    const eq = a.indexOf('=');
    const n = eq < 0 ? a : a.slice(0, eq);
    if (!NAME_RE.test(n)) {
      stderr += `bash: ${who}: \`${a}': not a valid identifier\n`;
      continue;
    }
    const old = st.vars.get(n);
    const exported = flags.includes('+x') ? false : flags.includes('x') || (old?.exported ?? false);
    const frame = st.frames.at(-1);
    // In a function, declare makes the variable local (as `local` does).
    if (frame && !flags.includes('g') && !frame.saved.has(n))
      frame.saved.set(n, old ? { ...old } : undefined);
    if (eq >= 0 || old)
      st.vars.set(n, { value: eq >= 0 ? a.slice(eq + 1) : (old?.value ?? ''), exported });
  }
  return { stdout: '', stderr, exitCode: stderr === '' ? 0 : 1 };
}

/**
 * `trap [ACTION] SIGNAL…`: kept and listed (`trap`, `trap -p`). This terminal never exits and
 * receives no signal, so an action never runs.
 */
function trapBuiltin(st: ShellState, args: string[]): RunResult {
  st.traps ??= new Map();
  const list = args.filter((a) => a !== '--');
  if (list.length === 0 || list[0] === '-p') {
    const stdout = [...st.traps]
      .map(([sig, action]) => `trap -- ${singleQuote(action)} ${sig}\n`)
      .join('');
    return { stdout, stderr: '', exitCode: 0 };
  }
  if (list[0] === '-l') return { stdout: '', stderr: '', exitCode: 0 };
  const [action, ...signals] = list;
  for (const s of signals) {
    const sig = s.toUpperCase().replace(/^SIG/, '');
    if (action === '-' || action === undefined) st.traps.delete(sig);
    else st.traps.set(sig, action);
  }
  return { stdout: '', stderr: '', exitCode: 0 };
}

/** How deep functions may call one another before the console stops them (bash: FUNCNEST). */
const MAX_FUNCTION_NESTING = 100;

/**
 * Runs a shell function: its arguments are `$1`…, a pipe into it is what its commands read,
 * `return N` ends it with status N, and the variables `local` shadowed are put back after it.
 */
function callFunction(
  host: KubectlHost,
  st: ShellState,
  name: string,
  fn: ShellFunction,
  args: string[],
  stdin: string | undefined,
): RunResult {
  if (st.frames.length >= MAX_FUNCTION_NESTING) {
    return {
      stdout: '',
      stderr: `bash: ${name}: maximum function nesting level exceeded (${MAX_FUNCTION_NESTING})\n`,
      exitCode: 1,
    };
  }
  const frame: Frame = { name, positional: [...args], saved: new Map() };
  st.frames.push(frame);
  const outer = blockStdin;
  if (stdin !== undefined) blockStdin = { rest: stdin };
  try {
    const r = runOneLine(host, fn.body, fn.docs);
    return st.returning === undefined ? r : { ...r, exitCode: st.returning };
  } finally {
    blockStdin = outer;
    st.frames.pop();
    st.returning = undefined;
    for (const [k, v] of frame.saved) {
      if (v) st.vars.set(k, v);
      else st.vars.delete(k);
    }
  }
}

/** `local NAME[=VALUE]…`: the variables belong to the running function until it returns. */
function localBuiltin(st: ShellState, args: string[]): RunResult {
  const frame = st.frames.at(-1);
  if (!frame)
    return { stdout: '', stderr: 'bash: local: can only be used in a function\n', exitCode: 1 };
  let stderr = '';
  for (const a of args) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!NAME_RE.test(name)) {
      stderr += `bash: local: \`${a}': not a valid identifier\n`;
      continue;
    }
    if (!frame.saved.has(name)) {
      const old = st.vars.get(name);
      frame.saved.set(name, old ? { ...old } : undefined);
    }
    if (eq < 0) st.vars.delete(name);
    else st.vars.set(name, { value: a.slice(eq + 1), exported: false });
  }
  return { stdout: '', stderr, exitCode: stderr === '' ? 0 : 1 };
}

/** `return [N]`: the running function ends with status N (the last command's when left out). */
function returnBuiltin(st: ShellState, args: string[]): RunResult {
  if (st.frames.length === 0) {
    return {
      stdout: '',
      stderr: "bash: return: can only `return' from a function or sourced script\n",
      exitCode: 1,
    };
  }
  const arg = args[0];
  if (arg !== undefined && !/^[-+]?\d+$/.test(arg)) {
    st.returning = 2;
    return {
      stdout: '',
      stderr: `bash: return: ${arg}: numeric argument required\n`,
      exitCode: 2,
    };
  }
  const code = arg === undefined ? st.status : ((Number(arg) % 256) + 256) % 256;
  st.returning = code;
  return { stdout: '', stderr: '', exitCode: code };
}

/**
 * What several commands print, gathered as a terminal shows it: each stream joined, and their
 * interleaving when stderr came before some stdout.
 */
class Printed {
  stdout = '';
  stderr = '';
  readonly #chunks: OutputChunk[] = [];

  add(r: RunResult): void {
    this.last = r.exitCode;
    this.stdout += r.stdout;
    this.stderr += r.stderr;
    for (const c of outputChunks(r)) pushChunk(this.#chunks, c.err, c.text);
  }

  err(text: string): void {
    this.stderr += text;
    pushChunk(this.#chunks, true, text);
  }

  /** The exit code of the last result added. */
  last = 0;

  result(exitCode: number): RunResult {
    const output = orderedOutput(this.#chunks);
    return { stdout: this.stdout, stderr: this.stderr, exitCode, ...(output ? { output } : {}) };
  }
}

/** GNU `tee [-a] FILE…`: stdin copied to the files and to stdout. */
function tee(host: KubectlHost, args: string[], stdin: string | undefined): RunResult {
  const append = args.some((a) => a === '-a' || a === '--append');
  const bad = args.find((a) => a.startsWith('-') && a !== '-a' && a !== '--append' && a !== '-');
  if (bad) return notSimulated(['tee', ...args]);
  if (stdin === undefined) {
    return {
      stdout: '',
      stderr:
        'tee: reading the terminal is not supported in this console: pipe a command into tee\n',
      exitCode: 2,
    };
  }
  let stderr = '';
  for (const f of args.filter((a) => !a.startsWith('-'))) {
    const r = host.fs.write(f, append ? (host.fs.read(f) ?? '') + stdin : stdin);
    if (!r.ok) stderr += `tee: ${f}: ${r.error}\n`;
  }
  return { stdout: stdin, stderr, exitCode: stderr === '' ? 0 : 1 };
}

/**
 * GNU `xargs [-r] [-n N] [-I REPLACE] [COMMAND [ARGS]]`: runs COMMAND (echo by default) with the
 * words of its stdin (blanks and newlines separate them; quotes group), N at a time with `-n`,
 * or once per input line with REPLACE in ARGS replaced by it (`-I {}`). Without `-r` it runs the
 * command once even when there is no input. Exit 123 when a run failed, as GNU xargs does.
 */
function xargs(host: KubectlHost, args: string[], stdin: string | undefined): RunResult {
  let maxArgs: number | undefined;
  let replace: string | undefined;
  let noEmpty = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith('-') || a === '-') break;
    if (a === '--') {
      i++;
      break;
    }
    if (a === '-r' || a === '--no-run-if-empty') noEmpty = true;
    else if (a === '-n' || a.startsWith('-n') || a.startsWith('--max-args=')) {
      const v = a === '-n' ? args[++i] : a.startsWith('-n') ? a.slice(2) : a.slice(11);
      if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1) {
        return {
          stdout: '',
          stderr: `xargs: value ${v ?? ''} for -n option should be >= 1\n`,
          exitCode: 1,
        };
      }
      maxArgs = Number(v);
    } else if (a === '-I' || a.startsWith('-I')) {
      replace = a === '-I' ? args[++i] : a.slice(2);
      if (replace === undefined) {
        return {
          stdout: '',
          stderr:
            "xargs: option requires an argument -- 'I'\nUsage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...\nTry 'xargs --help' for more information.\n",
          exitCode: 1,
        };
      }
    } else return notSimulated(['xargs', ...args]);
  }
  if (stdin === undefined) {
    return {
      stdout: '',
      stderr:
        'xargs: reading the terminal is not supported in this console: pipe a command into xargs\n',
      exitCode: 2,
    };
  }
  const command = args.slice(i);
  if (command.length === 0) command.push('echo');
  const runs: string[][] = [];
  if (replace !== undefined) {
    // -I: one run per non-blank input line, leading blanks removed.
    for (const line of stdin.split('\n')) {
      const item = line.replace(/^[ \t]+/, '');
      if (item === '') continue;
      runs.push(command.map((w) => w.split(replace as string).join(item)));
    }
  } else {
    const items = parse(stdin.replace(/#/g, '\\#')).filter(
      (e): e is string => typeof e === 'string',
    );
    if (items.length === 0) {
      if (!noEmpty) runs.push(command);
    } else {
      const per = maxArgs ?? items.length;
      for (let k = 0; k < items.length; k += per)
        runs.push([...command, ...items.slice(k, k + per)]);
    }
  }
  const printed = new Printed();
  let exitCode = 0;
  for (const words of runs) {
    let r = runSimple(host, words, undefined, true);
    // xargs runs the program itself, without a shell: a name no program has is its error.
    if (r.exitCode === 127 && r.stderr === `bash: ${words[0]}: command not found\n`)
      r = { stdout: '', stderr: `xargs: ${words[0]}: No such file or directory\n`, exitCode: 127 };
    printed.add(r);
    if (r.exitCode === 127) {
      exitCode = 127;
      break;
    }
    if (r.exitCode !== 0) exitCode = 123;
  }
  return printed.result(exitCode);
}

/**
 * bash's `test`, `[ … ]` and `[[ … ]]` over the console's files (engine/node/shellTest.ts): file
 * tests, string tests and integer comparisons.
 */
function testBuiltin(host: KubectlHost, name: string, args: string[]): RunResult {
  if (name === '[' && args.at(-1) !== ']')
    return { stdout: '', stderr: "bash: [: missing `]'\n", exitCode: 2 };
  if (name === '[[' && args.at(-1) !== ']]')
    return { stdout: '', stderr: "bash: syntax error: expected `]]'\n", exitCode: 2 };
  if (name === '[[' && args.length === 4 && ['==', '=', '!=', '=~'].includes(args[1] as string)) {
    // `[[ STRING == PATTERN ]]` matches a glob; `=~` an extended regular expression.
    const [left = '', op, right = ''] = args;
    let hit: boolean;
    if (op === '=~') {
      try {
        hit = new RegExp(right).test(left);
      } catch {
        return { stdout: '', stderr: '', exitCode: 2 };
      }
    } else hit = globMatch(left, right) === (op !== '!=');
    return { stdout: '', stderr: '', exitCode: hit ? 0 : 1 };
  }
  const fs = host.fs;
  const r = shellTest(
    name,
    args,
    {
      read: (path) => (fs.isDirectory(path) ? '' : (fs.read(path) ?? null)),
      isDir: (path) => fs.isDirectory(path),
      root: false,
    },
    'bash',
  );
  if (!r) {
    return {
      stdout: '',
      stderr: `bash: ${name}: this console's test knows -e -f -d -s, -z -n, = == != and -eq -ne -lt -le -gt -ge (with ! -a -o and parentheses)\n`,
      exitCode: 2,
    };
  }
  return { stdout: '', stderr: r.error ?? '', exitCode: r.status };
}

/** The longest `sleep` of a command list: a day of virtual time, as `sleep` alone allows. */
const MAX_SLEEP_MS = 24 * 60 * 60 * 1000;

/**
 * GNU `sleep NUMBER[smhd]…` inside a command list (`kubectl delete pod x; sleep 5; kubectl get
 * pods`): the cluster's virtual time passes, the cluster acting meanwhile. (A line that is only
 * `sleep N` is the lab's own action, which does the same.)
 */
function sleep(advance: (ms: number) => void, args: string[]): RunResult {
  const usage = "Try 'sleep --help' for more information.\n";
  if (args.length === 0)
    return { stdout: '', stderr: `sleep: missing operand\n${usage}`, exitCode: 1 };
  const unit: Record<string, number> = {
    '': 1000,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
    d: 86_400_000,
  };
  let ms = 0;
  for (const a of args) {
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) {
      return {
        stdout: '',
        stderr: `sleep: invalid time interval '${a}'\n${usage}`,
        exitCode: 1,
      };
    }
    ms += Number(m[1]) * (unit[m[2] ?? ''] ?? 1000);
  }
  if (ms > MAX_SLEEP_MS)
    return { stdout: '', stderr: 'sleep: at most 24h of virtual time at once\n', exitCode: 1 };
  advance(Math.round(ms));
  return { stdout: '', stderr: '', exitCode: 0 };
}

/**
 * What the commands of a compound command read when it is fed (`… | while read l`, `done <
 * FILE`): `read` takes a line at a time, a command that reads its stdin takes the rest.
 */
let blockStdin: { rest: string } | undefined;

/** Commands that read their stdin to the end (`cat`, `grep`…; kubectl only with `-f -`). */
function readsStdin(words: readonly string[]): boolean {
  const [name, ...args] = words;
  if (name === undefined) return false;
  if (name === 'kubectl' || name === 'k')
    return args.some((a) => a === '-' || a === '--filename=-' || a === '-f-');
  // `docker build -` (a Dockerfile on stdin), `docker login --password-stdin`.
  if (name === 'docker') return args.includes('-') || args.includes('--password-stdin');
  return name === 'cat' || name === 'xargs' || (CONSOLE_TOOLS.has(name) && name !== 'seq');
}

/**
 * The redirections after a compound command's closer (`> out.txt 2>&1`, `< in.txt`, a
 * here-document), applied around `run`: stdin read first, then the files written.
 */
function blockRedirect(
  host: KubectlHost,
  suffix: string,
  docs: HereDoc[],
  run: () => RunResult,
): RunResult {
  const outer = hereDocs;
  hereDocs = docs;
  try {
    const scan = substitutionSpans(suffix);
    const spans = 'spans' in scan ? scan.spans : [];
    const subs = spans.length > 0 ? substitutions(host, spans) : undefined;
    const placeheld = subs ? withPlaceholders(suffix, spans) : suffix;
    const expanded = expandVariables(placeheld, stateOf(host), subs?.value);
    if (subs?.failed) return { stdout: '', stderr: subs.stderr, exitCode: 1 };
    const list = parseList(tokenize(host, markDescriptors(`: ${expanded}`)));
    const cmd = list[0]?.cmd;
    if (!cmd || list.length !== 1 || cmd.pipeTo || cmd.words.length !== 1)
      throw new ShellError(`bash: syntax error near unexpected token \`${head(suffix)}'`, 2);
    const input = inputOf(host, cmd);
    if (input && 'exitCode' in input) return input;
    const withInput = () => {
      if (input === undefined) return run();
      const saved = blockStdin;
      blockStdin = { rest: input.text };
      try {
        return run();
      } finally {
        blockStdin = saved;
      }
    };
    return cmd.redirects.length > 0 ? withRedirects(host, cmd.redirects, withInput) : withInput();
  } catch (e) {
    if (e instanceof ShellError) {
      if (e.abandons) {
        halt(stateOf(host));
        stateOf(host).status = e.code;
      }
      return { stdout: '', stderr: `${e.message}\n`, exitCode: e.code };
    }
    throw e;
  } finally {
    hereDocs = outer;
  }
}

/** The here-documents of the line running now (shellHeredoc.ts), by marker index. */
let hereDocs: HereDoc[] = [];

/**
 * Runs what the console was given and returns what it printed. Never throws. A text of several
 * lines (or with a here-document) runs one command line after another, as bash reads a script.
 */
export function runLine(host: KubectlHost, line: string): RunResult {
  lineDepth++;
  let r: RunResult;
  try {
    r = runLines(host, line);
  } finally {
    lineDepth--;
    if (lineDepth === 0) {
      // The next line the learner types runs again.
      for (const st of haltedStates) st.halted = false;
      haltedStates.clear();
    }
  }
  if (lineDepth > 0) return r;
  // Jobs that finished meanwhile: bash says so before its next prompt.
  const done = finishedJobs(stateOf(host).jobs, host.nowEpochMs());
  if (done === '') return r;
  const chunks = [...outputChunks(r)];
  pushChunk(chunks, true, done);
  const output = orderedOutput(chunks);
  return { ...r, stderr: r.stderr + done, ...(output ? { output } : {}) };
}

/** While a background job runs: where its `sleep`s go (consoleJobs.ts). */
let backgroundSleep: ((ms: number) => void) | undefined;

/**
 * `line` cut at each `&` that puts a command in the background (not `&&`, `&>`, `>&`, `|&`),
 * or undefined when it has none (or has compound commands, which keep bash's refusal).
 */
function backgroundParts(line: string): { text: string; background: boolean }[] | undefined {
  if (!line.includes('&') || COMPOUND_ANYWHERE.test(line) || GROUP_ANYWHERE.test(line))
    return undefined;
  const plain = plainChars(line);
  const parts: { text: string; background: boolean }[] = [];
  let from = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] !== '&' || !plain[i]) continue;
    const before = line[i - 1] ?? '';
    const after = line[i + 1] ?? '';
    if (after === '&' || after === '>' || before === '&' || /[<>|;]/.test(before)) {
      if (after === '&') i++;
      continue;
    }
    parts.push({ text: line.slice(from, i), background: true });
    from = i + 1;
  }
  if (parts.length === 0) return undefined;
  const rest = line.slice(from);
  if (rest.trim() !== '') parts.push({ text: rest, background: false });
  return parts;
}

/**
 * `CMD & …`: each background command runs now, after bash's `[N] PID`, its sleeps kept as the
 * job's time (consoleJobs.ts); `$?` is 0 after it. The others run as usual.
 */
function runBackground(
  host: KubectlHost,
  parts: { text: string; background: boolean }[],
  docs: HereDoc[],
): RunResult {
  const st = stateOf(host);
  const printed = new Printed();
  let exitCode = 0;
  for (const part of parts) {
    if (part.text.trim() === '') {
      return { stdout: '', stderr: "bash: syntax error near unexpected token `&'\n", exitCode: 2 };
    }
  }
  for (const part of parts) {
    if (!part.background) {
      const r = runOneLine(host, part.text, docs);
      printed.add(r);
      exitCode = r.exitCode;
      continue;
    }
    let slept = 0;
    const outer = backgroundSleep;
    backgroundSleep = (ms) => {
      slept += ms;
    };
    let r: RunResult;
    try {
      r = runOneLine(host, part.text, docs);
    } finally {
      backgroundSleep = outer;
    }
    const job = startJob(st.jobs, part.text, host.nowEpochMs(), slept, r.exitCode);
    printed.err(`[${job.id}] ${job.pid}\n`);
    printed.add(r);
    exitCode = 0;
    st.status = 0;
  }
  return printed.result(exitCode);
}

/** How many runLine calls are running (`source FILE` runs one inside another). */
let lineDepth = 0;
/** The shells whose line `set -e`/`set -u` stopped. */
const haltedStates = new Set<ShellState>();

/** Stops what is left of the line (`set -e` after a failure, `set -u`'s unbound variable). */
function halt(st: ShellState): void {
  st.halted = true;
  haltedStates.add(st);
}

function runLines(host: KubectlHost, line: string): RunResult {
  if (!line.includes('\n') && !line.includes('<<')) return runOneLine(host, line, []);
  // Too long, or a control character: the single-line checks answer.
  if (line.length > MAX_LINE_LENGTH || findControlChar(line) !== undefined)
    return runOneLine(host, line, []);
  const { lines } = splitScript(line);
  const printed = new Printed();
  let exitCode = 0;
  const outer = scriptText;
  scriptText = outer || lines.filter((l) => l.text.trim() !== '').length > 1;
  try {
    for (const l of lines) {
      if (stateOf(activeHost(host)).halted) break;
      for (const w of l.warnings) printed.err(w);
      if (l.text.trim() === '') continue;
      const r = runOneLine(host, l.text, l.hereDocs);
      printed.add(r);
      exitCode = r.exitCode;
    }
  } finally {
    scriptText = outer;
  }
  return printed.result(exitCode);
}

/** How deep command substitutions may nest (`$(… $(…) …)`) before the console stops. */
const MAX_SUBSTITUTION_DEPTH = 8;
let substitutionDepth = 0;

/** The substitutions of one line while its commands run (shellSubstitution.ts). */
interface LineSubstitutions {
  /** A placeholder variable's value: the substitution run now; undefined for other names. */
  value: (name: string) => string | undefined;
  /** What they wrote to stderr since the last command ran. */
  stderr: string;
  /** The exit status of the last command substitution of the command being expanded. */
  status: number | undefined;
  /** An expansion error stopped the line. */
  failed: boolean;
}

/**
 * `$((EXPR))` / `((EXPR))` / `let`: EXPR's own command substitutions run first, then bash's
 * arithmetic over the shell's variables (assignments set them). The value, or bash's error.
 */
function arithmeticExpansion(host: KubectlHost, expr: string): { value?: string; stderr: string } {
  const st = stateOf(host);
  let text = expr;
  let stderr = '';
  const scan = substitutionSpans(expr);
  if ('spans' in scan && scan.spans.length > 0) {
    const subs = substitutions(host, scan.spans);
    text = '';
    let at = 0;
    for (const [i, span] of scan.spans.entries()) {
      text += expr.slice(at, span.start) + (subs.value(placeholderName(i)) ?? '');
      at = span.end;
    }
    text += expr.slice(at);
    stderr += subs.stderr;
    if (subs.failed) return { stderr };
  }
  const r = arithmetic(text, {
    get: (n) => st.vars.get(n)?.value,
    set: (n, value) => {
      st.vars.set(n, { value, exported: st.vars.get(n)?.exported ?? false });
    },
  });
  if ('value' in r) return { value: String(r.value), stderr };
  return { stderr: `${stderr}bash: ${arithmeticError(text, r)}\n` };
}

/**
 * `((EXPR))` and each argument of `let`: status 0 when the value is not 0, else 1; an error
 * (status 1) is bash's, after the command's name (`bash: ((: 1/0: division by 0 …`).
 */
function arithCommand(
  host: KubectlHost,
  expr: string,
  who: '((' | 'let' | '',
): { status: number; stderr: string } {
  const r = arithmeticExpansion(host, expr);
  const stderr = who === '' ? r.stderr : r.stderr.replace(/^bash: /m, `bash: ${who}: `);
  if (r.value === undefined) return { status: 1, stderr };
  return { status: r.value === '0' ? 1 : 0, stderr };
}

/**
 * Runs the line's substitutions as their placeholders are expanded: a command substitution runs
 * its text as a line of its own in a subshell (variables, aliases and the working directory it
 * changes are put back), its stdout with the trailing newlines removed being the value; an
 * arithmetic expansion is computed from the shell's variables.
 */
function substitutions(host: KubectlHost, spans: readonly Substitution[]): LineSubstitutions {
  const st = stateOf(host);
  const subs: LineSubstitutions = {
    stderr: '',
    status: undefined,
    failed: false,
    value(name) {
      const index = placeholderIndex(name);
      const span = index === undefined ? undefined : spans[index];
      if (!span) return undefined;
      if (subs.failed) return '';
      if (span.arithmetic) {
        const r = arithmeticExpansion(host, span.inner);
        if (r.stderr !== '') subs.stderr += r.stderr;
        if (r.value !== undefined) return r.value;
        subs.failed = true;
        return '';
      }
      if (substitutionDepth >= MAX_SUBSTITUTION_DEPTH) {
        subs.failed = true;
        subs.stderr += `bash: command substitutions nested more than ${MAX_SUBSTITUTION_DEPTH} deep are not run in this console\n`;
        return '';
      }
      const file = /^\s*<\s*([^\s<>|;&]+)\s*$/.exec(span.inner)?.[1];
      if (file !== undefined) {
        // `$(< FILE)`: the file's text, as `$(cat FILE)` without running cat.
        const text = host.fs.read(file);
        if (text === undefined) {
          subs.stderr += `bash: ${file}: No such file or directory\n`;
          subs.status = 1;
          return '';
        }
        subs.status = 0;
        return text.replace(/\n+$/, '');
      }
      const vars = new Map([...st.vars].map(([k, v]) => [k, { ...v }]));
      const aliases = new Map(st.aliases);
      const cwd = host.fs.workingDir();
      substitutionDepth++;
      let r: RunResult;
      try {
        // A here-document of the line may feed a command inside (`X=$(cat <<EOF`).
        r = runOneLine(host, span.inner, hereDocs);
      } finally {
        substitutionDepth--;
        st.vars.clear();
        for (const [k, v] of vars) st.vars.set(k, v);
        st.aliases.clear();
        for (const [k, v] of aliases) st.aliases.set(k, v);
        if (host.fs.workingDir() !== cwd) host.fs.changeDir(cwd);
      }
      subs.stderr += r.stderr;
      subs.status = r.exitCode;
      st.status = r.exitCode;
      return r.stdout.replace(/\n+$/, '');
    },
  };
  return subs;
}

/** A quick test before the line is cut into statements: a reserved word anywhere. */
const COMPOUND_ANYWHERE =
  /(^|[\s;&|])(if|then|elif|else|fi|while|until|for|do|done|case|esac|select|function|!)(?=[\s;&|]|$)|(^|[\s;&|(])(for\s*)?\(\(/;

/** A quick test for a group (`{ …; }`, `( … )`) or a function definition (`f() …`). */
const GROUP_ANYWHERE = /(^|[\s;&|])[{(]|\(\s*\)|(^|[\s;&|])[})]/;

/**
 * A line as statements: cut at `;`, `&&`, `||` and newlines, with the pipes into and out of
 * compound commands and the groups (shellGroups.ts) made statements of their own.
 */
function compoundStatements(line: string): Statement[] {
  return withCompoundPipes(splitGroups(withCompoundPipes(statementsOf(line, plainChars(line)))));
}

/** The refusal of a compound command reached as a command (through an alias or a variable). */
function compoundInList(word: string): RunResult {
  return {
    stdout: '',
    stderr: `bash: '${word}' here: this console runs compound commands written out in the line itself, not through an alias or a variable\n`,
    exitCode: 2,
  };
}

/** The refusal of a compound command the console does not run. */
function notCompound(keyword: string): RunResult {
  return {
    stdout: '',
    stderr: `bash: this console runs for, while, until, if, case, groups and functions, but not '${keyword}' compound commands: run the commands one by one\n`,
    exitCode: 2,
  };
}

/**
 * A line with compound commands (`line` with its substitutions as placeholders): checked whole
 * first, as bash parses it before running anything, then run statement by statement
 * (shellCompound.ts). Each simple statement runs as a line of its own with its substitutions as
 * written, so a loop's condition and body expand them again every round.
 */
function compoundLine(
  host: KubectlHost,
  line: string,
  spans: readonly Substitution[],
  docs: HereDoc[],
): RunResult {
  const list = compoundStatements(line);
  const unsupported = list
    .map((st) => /^(select)(\s|$)/.exec(st.text)?.[1])
    .find((w) => w !== undefined);
  if (unsupported) return notCompound(unsupported);
  // `function` not followed by a name and a body (shellGroups.ts took the well-formed ones).
  const fn = list.findIndex((st) => head(st.text) === 'function');
  if (fn >= 0) {
    const rest = (list[fn]?.text ?? '').slice('function'.length).trim();
    const next = rest === '' ? list[fn + 1]?.text : rest;
    return {
      stdout: '',
      stderr: `bash: syntax error near unexpected token \`${next === undefined ? 'newline' : head(next)}'\n`,
      exitCode: 2,
    };
  }
  const bad = syntaxError(list);
  if (bad !== undefined) return { stdout: '', stderr: bad, exitCode: 2 };
  const asWritten = (text: string) =>
    text.replace(/\$\{(__kim_sub_\d+)\}/g, (all, p: string) => {
      const span = spans[placeholderIndex(p) ?? -1];
      return span ? span.text : all;
    });
  const st = stateOf(host);
  const printed = new Printed();
  const status = runCompound(list, {
    simple: (text) => runOneLine(host, asWritten(text), docs),
    words: (text) => expandWords(host, asWritten(text)),
    setVar: (name, value) => {
      st.vars.set(name, { value, exported: st.vars.get(name)?.exported ?? false });
    },
    setStatus: (status) => {
      st.status = status;
    },
    arith: (expr, who) => arithCommand(host, asWritten(expr), who),
    printed,
    capture: () => new Printed(),
    redirect: (suffix, run) => blockRedirect(host, asWritten(suffix), docs, run),
    withStdin: (stdin, fn) => {
      if (stdin === undefined) return fn();
      const outer = blockStdin;
      blockStdin = { rest: stdin };
      try {
        return fn();
      } finally {
        blockStdin = outer;
      }
    },
    subshell: (fn) => {
      const vars = new Map([...st.vars].map(([k, v]) => [k, { ...v }]));
      const aliases = new Map(st.aliases);
      const cwd = host.fs.workingDir();
      try {
        return fn();
      } finally {
        st.vars.clear();
        for (const [k, v] of vars) st.vars.set(k, v);
        st.aliases.clear();
        for (const [k, v] of aliases) st.aliases.set(k, v);
        if (host.fs.workingDir() !== cwd) host.fs.changeDir(cwd);
      }
    },
    pattern: (text) => {
      const subs = spans.length > 0 ? substitutions(host, spans) : undefined;
      const get = (n: string) => specialParam(n, st) ?? subs?.value(n) ?? st.vars.get(n)?.value;
      try {
        const glob = expandPattern(text, {
          get,
          set: (n, value) => {
            st.vars.set(n, { value, exported: st.vars.get(n)?.exported ?? false });
          },
          arith: () => undefined,
        });
        if (subs?.stderr) printed.err(subs.stderr);
        return subs?.failed ? undefined : glob;
      } catch (e) {
        if (!(e instanceof ParamError)) throw e;
        printed.err(`bash: ${e.message}\n`);
        return undefined;
      }
    },
    define: (name, body) => {
      st.functions.set(name, { body: asWritten(body), docs });
    },
    halted: () => st.returning !== undefined || st.halted === true,
    pipefail: () => st.options.pipefail,
    trace: (h) => {
      if (st.options.xtrace) printed.err(traceHead(h, substitutionDepth));
    },
    quiet: (fn) => {
      st.quiet++;
      try {
        return fn();
      } finally {
        st.quiet--;
      }
    },
    failed: (status) => {
      st.status = status;
      errexit(st, printed);
    },
  });
  st.status = status;
  return printed.result(status);
}

/**
 * The words of `text` as a command's arguments are expanded: its command substitutions run,
 * variables expanded, unquoted results split. What the substitutions wrote to stderr comes back.
 */
function expandWords(
  host: KubectlHost,
  text: string,
): { words: string[]; stderr: string; failed: boolean } {
  const scan = substitutionSpans(text);
  if ('unclosed' in scan) {
    return {
      words: [],
      stderr: `bash: unexpected EOF while looking for matching \`${scan.unclosed}'\n`,
      failed: true,
    };
  }
  const subs = scan.spans.length > 0 ? substitutions(host, scan.spans) : undefined;
  const placeheld = subs ? withPlaceholders(text, scan.spans) : text;
  const words = tokenize(
    host,
    expandVariables(braceExpandText(placeheld), stateOf(host), subs?.value),
  ).flatMap((t) => ('word' in t ? [t.word] : []));
  return { words, stderr: subs?.stderr ?? '', failed: subs?.failed ?? false };
}

/**
 * `line` with each `${…}` that uses an operator (`${V:-a b}`, `${V: -2}`) as a plain `${V}`, for
 * the parse that checks the line's shape before any of it runs (shell-quote reads only names).
 */
function maskParams(line: string): string {
  if (!line.includes('${')) return line;
  let out = '';
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote === "'") {
      if (c === "'") quote = '';
    } else if (c === '\\') {
      out += c + (line[i + 1] ?? '');
      i++;
      continue;
    } else if (c === '"') quote = quote === '"' ? '' : '"';
    else if (c === "'" && quote === '') quote = "'";
    else if (c === '$' && line[i + 1] === '{') {
      const end = paramEnd(line, i);
      const name = /^#?([A-Za-z_][A-Za-z0-9_]*)/.exec(line.slice(i + 2, end))?.[1];
      if (end > 0 && name !== undefined) {
        out += `\${${name}}`;
        i = end;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/**
 * `set -e` after a command failed outside a condition: an interactive bash exits, closing the
 * terminal. The console stays open: it stops the line and turns -e off, as a new terminal starts.
 */
function errexit(st: ShellState, printed: Printed): void {
  if (!st.options.errexit || st.quiet > 0 || st.halted) return;
  st.options.errexit = false;
  halt(st);
  printed.err(
    `bash: set -e: the last command failed (exit status ${st.status}): bash would exit here, closing the terminal; this console stops the line instead and turns -e off\n`,
  );
}

/**
 * `time PIPELINE` (`time -p`): the pipeline, then on stderr how long it took on the virtual
 * clock (`sleep` advances it).
 */
function timed(host: KubectlHost, cmd: Simple, run: (cmd: Simple) => RunResult): RunResult {
  if (cmd.words[0] !== 'time') return run(cmd);
  const posix = cmd.words[1] === '-p';
  const words = cmd.words.slice(posix ? 2 : 1);
  const start = host.nowEpochMs();
  const r =
    words.length === 0 && !cmd.pipeTo
      ? { stdout: '', stderr: '', exitCode: 0 }
      : run({ ...cmd, words });
  const report = timeReport(host.nowEpochMs() - start, posix);
  const chunks = [...outputChunks(r)];
  pushChunk(chunks, true, report);
  const output = orderedOutput(chunks);
  return { ...r, stderr: r.stderr + report, ...(output ? { output } : {}) };
}

/** Runs one command line (its here-documents already read). Never throws. */
function runOneLine(host: KubectlHost, line: string, docs: HereDoc[]): RunResult {
  const outer = hereDocs;
  hereDocs = docs;
  oneLineDepth++;
  try {
    // After `ssh NODE`, lines run in that node's root shell.
    host = activeHost(host);
    if (line.length > MAX_LINE_LENGTH) {
      return {
        stdout: '',
        stderr: `bash: line too long (${line.length} characters; the limit is ${MAX_LINE_LENGTH}). Save large manifests as files and use kubectl create -f FILE\n`,
        exitCode: 2,
      };
    }
    const bad = findControlChar(withoutMarkers(line).replace(/\r?\n$/, ''));
    if (bad !== undefined) {
      return {
        stdout: '',
        stderr: `bash: the line contains the control character ${describeChar(bad)}; remove it and try again\n`,
        exitCode: 2,
      };
    }
    // The kubectl docs' `source <(kubectl completion bash)`: Tab completion is already on, so
    // it does what `:` does.
    line = line.replace(
      /(^|[;&|]\s*)(?:source|\.)\s+<\(\s*(?:kubectl|k)\s+completion\s+(?:bash|zsh)\s*\)/g,
      '$1:',
    );
    // `CMD &`: a background job (consoleJobs.ts).
    const background = backgroundParts(line);
    if (background) return runBackground(host, background, docs);
    const scan = substitutionSpans(line);
    if ('unclosed' in scan) {
      return {
        stdout: '',
        stderr: `bash: unexpected EOF while looking for matching \`${scan.unclosed}'\n`,
        exitCode: 2,
      };
    }
    // Substitutions are set aside (a placeholder variable each) while the line is parsed, and
    // run when their command's words are expanded.
    const spans = scan.spans;
    const subs = spans.length > 0 ? substitutions(host, spans) : undefined;
    if (subs) line = withPlaceholders(line, spans);
    // for/while/until/if/case, groups and functions, alone or in a list (shellCompound.ts).
    if (COMPOUND_ANYWHERE.test(line) || GROUP_ANYWHERE.test(line)) {
      const list = compoundStatements(line);
      if (hasCompound(list) || list.some(opensGroup) || list.some((s) => closesGroup(s.text)))
        return compoundLine(host, line, spans, docs);
    }
    // The whole line is parsed first, as bash does, so a syntax error runs nothing; each
    // command is then parsed again from its own text just before it runs, with the variables
    // as the commands before it left them.
    const list = parseList(tokenize(host, markDescriptors(maskParams(line))));
    const sources = splitCommands(line);
    const st = stateOf(host);
    const printed = new Printed();
    let exitCode = 0;
    let skip = false;
    for (const [i, entry] of list.entries()) {
      if (st.returning !== undefined || st.halted) break;
      const next = entry.next;
      if (!skip) {
        let cmd = entry.cmd;
        const source = sources.length === list.length ? sources[i] : undefined;
        if (source !== undefined) {
          let expanded: string;
          try {
            expanded = expandVariables(braceExpandText(source), st, subs?.value);
          } catch (e) {
            // `set -u`'s unbound variable: what ran before it stays printed.
            if (!(e instanceof ShellError && e.abandons)) throw e;
            printed.err(`${e.message}\n`);
            halt(st);
            exitCode = e.code;
            st.status = e.code;
            break;
          }
          if (subs?.failed) {
            // An expansion error (division by 0…) runs nothing more of the line.
            printed.err(subs.stderr);
            exitCode = 1;
            st.status = 1;
            break;
          }
          const again = parseList(tokenize(host, markDescriptors(expanded)));
          if (again.length === 1 && again[0]) cmd = again[0].cmd;
          // `$unset` alone expands to no words at all: bash runs nothing and succeeds.
          else if (again.length === 0) cmd = { words: [], redirects: [] };
        }
        if (subs && subs.stderr !== '') {
          // What the substitutions wrote to stderr reaches the terminal before the command runs.
          printed.err(subs.stderr);
          subs.stderr = '';
        }
        // The learner's line is this one command, reading the terminal: a question it asks
        // can wait for the next line (terminal.ts).
        aloneOnLine =
          list.length === 1 &&
          oneLineDepth === 1 &&
          lineDepth === 1 &&
          !scriptText &&
          substitutionDepth === 0 &&
          blockStdin === undefined &&
          cmd.words[0] !== 'time' &&
          !cmd.pipeTo &&
          cmd.redirects.length === 0 &&
          cmd.input === undefined &&
          cmd.hereString === undefined;
        let ran: RunResult;
        try {
          ran = timed(host, cmd, (c) => (c.pipeTo ? runPipeline(host, c) : runCommand(host, c)));
        } finally {
          aloneOnLine = false;
        }
        // A command of assignments only (`x=$(…)`, or a substitution that expanded to no
        // words) has the exit status of its last command substitution.
        const r =
          subs?.status !== undefined && !cmd.pipeTo && cmd.words.every((w) => ASSIGNMENT_RE.test(w))
            ? { ...ran, exitCode: ran.exitCode === 0 ? subs.status : ran.exitCode }
            : ran;
        if (subs) subs.status = undefined;
        printed.add(r);
        exitCode = r.exitCode;
        st.status = exitCode;
        if (exitCode !== 0 && next !== '&&' && next !== '||') errexit(st, printed);
      }
      if (next === '&&') skip = exitCode !== 0;
      else if (next === '||') skip = exitCode === 0;
      else skip = false;
    }
    return printed.result(exitCode);
  } catch (e) {
    if (e instanceof ShellError) {
      if (e.abandons) {
        halt(stateOf(host));
        stateOf(host).status = e.code;
      }
      return { stdout: '', stderr: `${e.message}\n`, exitCode: e.code };
    }
    const msg = e instanceof Error ? e.message : String(e);
    return { stdout: '', stderr: `error: internal error: ${msg}\n`, exitCode: 1 };
  } finally {
    hereDocs = outer;
    oneLineDepth--;
  }
}

/** runOneLine calls running: more than one is a function's, a compound's or a job's body. */
let oneLineDepth = 0;
/** The text run has several command lines (a script): none is alone on the learner's line. */
let scriptText = false;
/** The command starting now is alone on the learner's line; the first runSimple takes it. */
let aloneOnLine = false;
