/**
 * The console shell's options, as bash's `set` sets them: `-e` (errexit), `-u` (nounset),
 * `-x` (xtrace: each command traced on stderr as `+ WORDS`), `-o pipefail`, their `+` forms and
 * `-o NAME`/`+o NAME`; `set -o` lists them; `set -- ARGS` sets the positional parameters.
 */
import type { RunResult } from './host.ts';
import { orderedOutput, outputChunks, pushChunk } from './host.ts';

/** The options the console simulates. */
export interface ShellOptions {
  errexit: boolean;
  nounset: boolean;
  xtrace: boolean;
  pipefail: boolean;
}

/** bash's `set -o` names, each with its value in a new interactive bash (all off but these). */
const OPTION_NAMES = [
  'allexport',
  'braceexpand',
  'emacs',
  'errexit',
  'errtrace',
  'functrace',
  'hashall',
  'histexpand',
  'history',
  'ignoreeof',
  'interactive-comments',
  'keyword',
  'monitor',
  'noclobber',
  'noexec',
  'noglob',
  'nolog',
  'notify',
  'nounset',
  'onecmd',
  'physical',
  'pipefail',
  'posix',
  'privileged',
  'verbose',
  'vi',
  'xtrace',
] as const;
const ON_BY_DEFAULT = new Set([
  'braceexpand',
  'emacs',
  'hashall',
  'histexpand',
  'history',
  'interactive-comments',
  'monitor',
]);

/** One-letter flags bash's `set` takes, by the option they stand for. */
const LETTERS: Readonly<Record<string, string>> = {
  a: 'allexport',
  b: 'notify',
  e: 'errexit',
  f: 'noglob',
  h: 'hashall',
  k: 'keyword',
  m: 'monitor',
  n: 'noexec',
  p: 'privileged',
  t: 'onecmd',
  u: 'nounset',
  v: 'verbose',
  x: 'xtrace',
  B: 'braceexpand',
  C: 'noclobber',
  E: 'errtrace',
  H: 'histexpand',
  P: 'physical',
  T: 'functrace',
};

const SIMULATED = new Set<string>(['errexit', 'nounset', 'xtrace', 'pipefail']);

const USAGE = 'set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n';

/** What `set ARGS` did: options changed, positional parameters set, or bash's complaint. */
export interface SetResult {
  result: RunResult;
  /** The positional parameters after `--` (or after the options), when given. */
  positional?: string[];
}

/** `set` with arguments (without: the shell lists its variables). */
export function setBuiltin(opts: ShellOptions, args: readonly string[]): SetResult {
  const fail = (stderr: string, exitCode = 2): SetResult => ({
    result: { stdout: '', stderr, exitCode },
  });
  const notes: string[] = [];
  const turn = (name: string, on: boolean) => {
    if (SIMULATED.has(name)) opts[name as keyof ShellOptions] = on;
    else if (on !== ON_BY_DEFAULT.has(name)) notes.push(name);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') return { result: ok(notes), positional: args.slice(i + 1) };
    if (a === '-' || !/^[-+]/.test(a)) return { result: ok(notes), positional: args.slice(i) };
    const on = a.startsWith('-');
    if (a === '-o' || a === '+o') {
      const name = args[i + 1];
      if (name === undefined) return { result: listOptions(opts, on) };
      if (!(OPTION_NAMES as readonly string[]).includes(name))
        return fail(`bash: set: ${name}: invalid option name\n${USAGE}`);
      turn(name, on);
      i++;
      continue;
    }
    for (const letter of a.slice(1)) {
      if (letter === 'o') {
        const name = args[i + 1];
        if (name === undefined) return { result: listOptions(opts, on) };
        if (!(OPTION_NAMES as readonly string[]).includes(name))
          return fail(`bash: set: ${name}: invalid option name\n${USAGE}`);
        turn(name, on);
        i++;
        continue;
      }
      const name = LETTERS[letter];
      if (name === undefined) return fail(`bash: set: ${a[0]}${letter}: invalid option\n${USAGE}`);
      turn(name, on);
    }
  }
  return { result: ok(notes) };
}

function ok(notes: readonly string[]): RunResult {
  // Options the console does not simulate keep their defaults, and the console says so.
  const stderr =
    notes.length === 0
      ? ''
      : `bash: set: this console simulates errexit, nounset, xtrace and pipefail only; ${notes.join(', ')} keeps its default\n`;
  return { stdout: '', stderr, exitCode: 0 };
}

function value(opts: ShellOptions, name: string): boolean {
  return SIMULATED.has(name) ? opts[name as keyof ShellOptions] : ON_BY_DEFAULT.has(name);
}

/** `set -o` (a table) or `set +o` (the commands that would set them again). */
function listOptions(opts: ShellOptions, table: boolean): RunResult {
  const stdout = OPTION_NAMES.map((name) =>
    table
      ? `${name.padEnd(15)}\t${value(opts, name) ? 'on' : 'off'}\n`
      : `set ${value(opts, name) ? '-' : '+'}o ${name}\n`,
  ).join('');
  return { stdout, stderr: '', exitCode: 0 };
}

/** A word as xtrace shows it: quoted with '…' when bash would need quotes to read it back. */
function traceWord(word: string, first = false): string {
  const assignment = first ? /^([A-Za-z_][A-Za-z0-9_]*=)([\s\S]*)$/.exec(word) : null;
  if (assignment)
    return `${assignment[1]}${assignment[2] === '' ? '' : traceWord(assignment[2] ?? '')}`;
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, "'\\''")}'`;
}

/** The xtrace line of a command about to run: `+ echo 'a b'` (one `+` more per nesting level). */
export function traceLine(words: readonly string[], depth: number): string {
  let assigning = true;
  const shown = words.map((w) => {
    assigning &&= /^[A-Za-z_][A-Za-z0-9_]*=/.test(w);
    return traceWord(w, assigning);
  });
  return `${'+'.repeat(depth + 1)} ${shown.join(' ')}\n`;
}

/**
 * The xtrace line of a compound command's head: `for NAME in WORDS` (its words expanded and
 * quoted), or an arithmetic command `(( EXPR ))` as written.
 */
export function traceHead(
  head: { for: string; words: readonly string[] } | { arith: string },
  depth: number,
): string {
  const text =
    'arith' in head
      ? `(( ${head.arith.trim()} ))`
      : `for ${head.for} in ${head.words.map((w) => traceWord(w)).join(' ')}`;
  return `${'+'.repeat(depth + 1)} ${text}\n`;
}

/** `r` with `text` printed on stderr before anything it printed. */
export function withStderrFirst(text: string, r: RunResult): RunResult {
  if (text === '') return r;
  const chunks = [{ err: true, text }];
  for (const c of outputChunks(r)) pushChunk(chunks, c.err, c.text);
  const output = orderedOutput(chunks);
  return {
    stdout: r.stdout,
    stderr: text + r.stderr,
    exitCode: r.exitCode,
    ...(output ? { output } : {}),
  };
}

/**
 * What `time` prints on stderr after its pipeline: bash's default TIMEFORMAT
 * (`\nreal\t%3lR\nuser\t%3lU\nsys\t%3lS`), or POSIX's with `time -p`. The simulation spends no
 * CPU time of the learner's machine: user and sys are 0.
 */
export function timeReport(realMs: number, posix: boolean): string {
  if (posix) return `real ${(realMs / 1000).toFixed(2)}\nuser 0.00\nsys 0.00\n`;
  const long = (ms: number) => `${Math.floor(ms / 60000)}m${((ms % 60000) / 1000).toFixed(3)}s`;
  return `\nreal\t${long(realMs)}\nuser\t${long(0)}\nsys\t${long(0)}\n`;
}
