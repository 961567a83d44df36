/**
 * The console's compound commands, as bash runs them: `for NAME in WORDS; do …; done`,
 * `while COND; do …; done`, `until COND; do …; done` and
 * `if COND; then …; elif COND; then …; else …; fi`, nested and inside `;`/`&&`/`||` lists, with
 * `break [N]`, `continue [N]` and `! PIPELINE`.
 *
 * A line is cut into statements (program.ts's Statement: its text and the operator before it) at
 * `;`, `&&`, `||` and newlines outside quotes; pipes stay inside a statement. The blocks are found
 * by the container shells' parser (engine/node/shellControl.ts); what each simple statement runs
 * is the console's own (runOneLine in shell.ts), handed in as `simple`.
 *
 * A terminal runs `while true; …` until Ctrl-C. The console cannot be interrupted, so a
 * `while`/`until` loop stops after MAX_WHILE_ROUNDS rounds and a `for` loop after MAX_FOR_ROUNDS,
 * saying so.
 */
import { controlBlock } from '../engine/node/shellControl.ts';
import { type CaseBlock, caseBlock } from '../engine/util/shellCase.ts';
import type { Statement } from '../engine/util/shellStatements.ts';
import { CLOSER_OF, head } from './consoleStatements.ts';
import type { RunResult } from './host.ts';
import {
  closesGroup,
  functionName,
  groupEnd,
  groupSyntaxError,
  opensGroup,
} from './shellGroups.ts';
import { globMatch } from './shellParams.ts';

/** How many rounds a console `for` loop may run. */
export const MAX_FOR_ROUNDS = 1000;
/** How many rounds a console `while` or `until` loop may run (`while true` never ends). */
export const MAX_WHILE_ROUNDS = 100;

/**
 * A `for` block: its variable and the words as written, or the arithmetic for's three
 * expressions (`for ((i=0; i<3; i++))`); the body and the index of its `done`.
 */
interface ForBlock {
  name: string;
  words: string;
  arith?: { init: string; cond: string; step: string };
  body: Statement[];
  end: number;
}

/** `for ((INIT; COND; STEP))`: its three expressions, or undefined for another `for`. */
function arithFor(text: string): ForBlock['arith'] | undefined {
  const m = /^for\s*\(\(([\s\S]*)\)\)\s*$/.exec(text);
  if (!m) return undefined;
  const parts = (m[1] ?? '').split(';');
  if (parts.length !== 3) return undefined;
  const [init, cond, step] = parts as [string, string, string];
  return { init, cond, step };
}

/** The `for` loop starting at `start`, or undefined when it is not well formed. */
function forBlock(list: readonly Statement[], start: number): ForBlock | undefined {
  const text = list[start]?.text ?? '';
  const arith = arithFor(text);
  const m = arith
    ? ['', '', '']
    : /^for\s+([A-Za-z_][A-Za-z0-9_]*)(?:\s+in(?:\s+([\s\S]*))?)?$/.exec(text);
  if (!m || list[start + 1]?.text !== 'do') return undefined;
  let depth = 0;
  for (let j = start + 2; j < list.length; j++) {
    const w = head(list[j]?.text ?? '');
    if (CLOSER_OF[w] !== undefined) depth++;
    else if (w === 'fi' || w === 'done' || w === 'esac') {
      if (depth === 0) {
        if (w !== 'done' || j === start + 2) return undefined;
        const body = list.slice(start + 2, j);
        const first = body[0];
        if (first && first.op !== ';') body[0] = { text: first.text, op: ';' };
        return { name: m[1] ?? '', words: m[2] ?? '', ...(arith ? { arith } : {}), body, end: j };
      }
      depth--;
    }
  }
  return undefined;
}

/**
 * bash's syntax error for the statements, if they have one: a reserved word where it may not
 * stand, or the end of the line inside a compound command. Undefined when they are well formed.
 */
export function syntaxError(list: readonly Statement[]): string | undefined {
  const near = (w: string) => `bash: syntax error near unexpected token \`${w}'\n`;
  const groups = groupSyntaxError(list);
  if (groups !== undefined) return groups;
  // Nesting first: a word out of place, or the end of the line inside a block.
  const stack: string[] = [];
  for (const [i, st] of list.entries()) {
    const w = head(st.text);
    const closer = CLOSER_OF[w];
    if (closer !== undefined) {
      // `for i in 1 2; echo $i`: after the words bash wants `do`.
      const next = list[i + 1];
      if (w === 'for' && next && next.text !== 'do') return near(head(next.text));
      stack.push(closer);
    } else if (w === 'then' || w === 'elif' || w === 'else') {
      if (stack.at(-1) !== 'fi') return near(w);
    } else if (w === 'do') {
      if (stack.at(-1) !== 'done') return near(w);
    } else if (w === 'fi' || w === 'done' || w === 'esac') {
      if (stack.pop() !== w) return near(w);
      const after = st.text.slice(w.length).trim();
      if (after !== '') return near(head(after));
    } else if (st.text === ';;' || st.text === ';&' || st.text === ';;&') {
      if (stack.at(-1) !== 'esac') return near(st.text);
    }
  }
  if (stack.length > 0) return 'bash: syntax error: unexpected end of file\n';
  // Then each block's parts (`if true; fi` has no `then`): bash stops at the word it did not want.
  for (const [i, st] of list.entries()) {
    const w = head(st.text);
    if ((w === 'if' || w === 'while' || w === 'until') && !controlBlock(list, i, true))
      return near(CLOSER_OF[w] ?? w);
    if (w === 'case' && !caseBlock(list, i)) {
      // `case x in a echo; esac`: bash stops at the word after the pattern.
      return /^case\s+\S+\s+in$/.test(st.text)
        ? near(head(list[i + 2]?.text ?? 'esac'))
        : near(head(list[i + 1]?.text ?? 'newline'));
    }
    if (w === 'for' && !forBlock(list, i)) return near('done');
  }
  return undefined;
}

/**
 * Statements written back as one line (a function's body, kept as text): `;` between commands,
 * none after `{`, `(`, `then`, `do`, `else`, a `case` pattern or `;;`.
 */
export function statementsText(list: readonly Statement[]): string {
  let out = '';
  let prev = '';
  for (const st of list) {
    const redirects = CLOSER_REDIRECTS.get(st);
    const text = redirects === undefined ? st.text : `${st.text} ${redirects}`;
    if (out === '') out = text;
    else if (st.op !== ';') out += ` ${st.op} ${text}`;
    else if (
      /^(\{|\(|then|do|else|;;|;&|;;&)$/.test(prev) ||
      /^case\s[\s\S]*\sin$/.test(prev) ||
      (prev.endsWith(')') && prev !== ')' && !prev.startsWith(')') && !prev.startsWith('(('))
    )
      out += ` ${text}`;
    else if (/^(;;|;&|;;&)$/.test(st.text)) out += ` ${text}`;
    else out += `; ${text}`;
    prev = text;
  }
  return out;
}

/**
 * The redirections written after a closer (`done > out.txt`), by closer statement: the closer's
 * own text is then just its word.
 */
const CLOSER_REDIRECTS = new WeakMap<Statement, string>();

/** The first `|` of `text` outside quotes that is a pipe (not `||`, `|&` or `>|`), or -1. */
function pipeAt(text: string): number {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== '') {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '\\') i++;
    else if (c === "'" || c === '"') quote = c;
    else if (c === '|') {
      if (text[i + 1] === '|') {
        i++;
        continue;
      }
      if (text[i + 1] === '&' || text[i - 1] === '>') continue;
      return i;
    }
  }
  return -1;
}

const OPENS = /^(if|while|until|for|case)$/;

/**
 * The statements with the pipes that join a compound command to other commands made operators
 * (`seq 3 | while read n` → `seq 3`, `| while read n`; `done | sort` → `done`, `| sort`), and
 * the redirections after a closer set aside (CLOSER_REDIRECTS).
 */
export function withCompoundPipes(list: readonly Statement[]): Statement[] {
  const out: Statement[] = [];
  const add = (text: string, op: Statement['op'], given?: Statement) => {
    const w = head(text);
    if ((w === 'fi' || w === 'done' || w === 'esac' || w === '}' || w === ')') && text !== w) {
      const suffix = text.slice(w.length);
      const p = pipeAt(suffix);
      const closer: Statement = { text: w, op };
      out.push(closer);
      const redirects = (p < 0 ? suffix : suffix.slice(0, p)).trim();
      if (redirects !== '') CLOSER_REDIRECTS.set(closer, redirects);
      if (p >= 0) add(suffix.slice(p + 1).trim(), '|');
      return;
    }
    // A pipe into a compound command: each command of the pipeline a statement.
    const parts: string[] = [];
    let rest = text;
    for (let p = pipeAt(rest); p >= 0; p = pipeAt(rest)) {
      parts.push(rest.slice(0, p).trim());
      rest = rest.slice(p + 1).trim();
    }
    parts.push(rest);
    if (parts.length > 1 && parts.slice(1).some((t) => OPENS.test(head(t)) || /^[({]/.test(t))) {
      parts.forEach((t, k) => {
        out.push({ text: t, op: k === 0 ? op : '|' });
      });
      return;
    }
    // Unchanged: the statement itself (a closer keeps its redirections).
    out.push(given ?? { text, op });
  };
  for (const st of list) add(st.text, st.op, st);
  return out;
}

/** What the console gives the compound commands to run with. */
export interface CompoundShell {
  /** Runs one statement that is not a compound command, as a command line of its own. */
  simple(text: string): RunResult;
  /** A `for` loop's words as written, expanded (command substitutions run, words split). */
  words(text: string): { words: string[]; stderr: string; failed: boolean };
  /** Sets a shell variable (a `for` loop's name). */
  setVar(name: string, value: string): void;
  /** `((EXPR))`: its status (0 when EXPR is not 0) and bash's complaint, `((` or `let` named. */
  arith(expr: string, who: '((' | ''): { status: number; stderr: string };
  /** Sets `$?` (after a compound command or a negated pipeline). */
  setStatus(status: number): void;
  /** Where what the statements print goes (a pipeline or a redirection swaps it). */
  printed: { add(r: RunResult): void; err(text: string): void };
  /** Somewhere to gather what a redirected compound command prints. */
  capture(): { add(r: RunResult): void; err(text: string): void; result(code: number): RunResult };
  /**
   * Runs `run` with the redirections written after a compound command's closer
   * (`> out.txt 2>&1`, `< in.txt`): the files written, stdin read; what reaches the terminal.
   */
  redirect(suffix: string, run: () => RunResult): RunResult;
  /** Runs `fn` with `stdin` as what its commands read (`read` a line at a time); undefined: as is. */
  withStdin<T>(stdin: string | undefined, fn: () => T): T;
  /** Runs `fn` in a subshell: variables, aliases and the directory it changes are put back. */
  subshell<T>(fn: () => T): T;
  /** A `case` pattern expanded into a glob (quoted characters escaped); undefined on an error. */
  pattern(text: string): string | undefined;
  /** Defines a shell function: its name and its body's text (a line of its own). */
  define(name: string, body: string): void;
  /** `return` ran in a function, or `set -e`/`set -u` stopped the line: nothing more runs. */
  halted(): boolean;
  /** Runs `fn` where `set -e` does not act (a condition, a command before `&&` or `||`). */
  quiet<T>(fn: () => T): T;
  /** `set -e`: what a failed command that is not a simple one (`((0))`) does. */
  failed(status: number): void;
  /** `set -o pipefail` is on. */
  pipefail(): boolean;
  /** `set -x`: a compound command's head (`for i in 1 2`, `(( i < 3 ))`) traced on stderr. */
  trace(head: { for: string; words: readonly string[] } | { arith: string }): void;
}

/** `break N` / `continue N` on its way out of N loops. */
interface Jump {
  kind: 'break' | 'continue';
  levels: number;
}

interface Flow {
  status: number;
  jump?: Jump;
  /** `return`, or `set -e`/`-u` stopping the line: every enclosing command stops too. */
  halt?: true;
}

/**
 * Runs a line's statements (already checked by syntaxError) and returns its exit status.
 */
export function runCompound(list: readonly Statement[], sh: CompoundShell): number {
  return runList(list, sh, 0).status;
}

function runList(list: readonly Statement[], sh: CompoundShell, loops: number): Flow {
  let status = 0;
  for (let i = 0; i < list.length; i++) {
    const st = list[i] as Statement;
    const skip = (st.op === '&&' && status !== 0) || (st.op === '||' && status === 0);
    // The pipeline starting here: a compound command may be one of its commands.
    const elements: [number, number][] = [];
    for (let j = i; ; ) {
      const end = elementEnd(list, j);
      if (end < 0) return { status: 2 };
      elements.push([j, end]);
      if (list[end + 1]?.op !== '|') break;
      j = end + 1;
    }
    i = (elements.at(-1) as [number, number])[1];
    if (skip) continue;
    const run = () =>
      elements.length === 1
        ? runElement(list, elements[0] as [number, number], sh, loops)
        : runPipeline(list, elements, sh, loops);
    // `set -e` does not act on a command followed by `&&` or `||`.
    const next = list[i + 1]?.op;
    const flow = next === '&&' || next === '||' ? sh.quiet(run) : run();
    status = flow.status;
    sh.setStatus(status);
    if (flow.jump || flow.halt) return flow;
    if (sh.halted() || pipes.at(-1)?.broken) return { status, halt: true };
  }
  return { status };
}

/** The index of the last statement of the command starting at `i` (a block's closer), or -1. */
function elementEnd(list: readonly Statement[], i: number): number {
  if (opensGroup(list[i])) return groupEnd(list, i);
  const w = head(list[i]?.text ?? '');
  if (w === 'if' || w === 'while' || w === 'until') return controlBlock(list, i, true)?.end ?? -1;
  if (w === 'for') return forBlock(list, i)?.end ?? -1;
  if (w === 'case') return caseBlock(list, i)?.end ?? -1;
  return i;
}

/**
 * A pipeline with a compound command in it (`for …; done | sort`, `seq 3 | while read n; do …;
 * done`): each command's stdout is the next one's stdin, their stderr goes to the terminal, and
 * each runs in a subshell (what it sets is gone afterwards, as in bash). Its status is the last
 * command's.
 */
function runPipeline(
  list: readonly Statement[],
  elements: readonly [number, number][],
  sh: CompoundShell,
  loops: number,
): Flow {
  const terminal = sh.printed;
  let input: string | undefined;
  let status = 0;
  let failed = 0;
  try {
    for (const [k, element] of elements.entries()) {
      const last = k === elements.length - 1;
      let out = '';
      // `… | head -2`: head exits after its lines, and the next write ends the writer (SIGPIPE).
      const next = elements[k + 1];
      const limit = next && next[0] === next[1] ? headLines(list[next[0]]?.text ?? '') : undefined;
      const pipe = { broken: false };
      sh.printed = last
        ? terminal
        : {
            add(r) {
              if (pipe.broken) return;
              out += r.stdout;
              if (r.stderr !== '') terminal.err(r.stderr);
              if (limit !== undefined && lineCount(out) >= limit) pipe.broken = true;
            },
            err: (text) => terminal.err(text),
          };
      const stdin = k === 0 ? undefined : input;
      if (!last) pipes.push(pipe);
      try {
        status = sh.subshell(() =>
          sh.withStdin(stdin, () => runElement(list, element, sh, loops)),
        ).status;
      } finally {
        if (!last) pipes.pop();
      }
      // 128 + SIGPIPE: bash's status for a command a closed pipe ended.
      if (pipe.broken) status = 141;
      if (status !== 0) failed = status;
      input = out;
    }
  } finally {
    sh.printed = terminal;
  }
  return { status: sh.pipefail() ? failed : status };
}

/** The pipes being written now, innermost last: a closed one stops its writer. */
const pipes: { broken: boolean }[] = [];

/** How many lines `head` reads before it exits (`head`, `head -n N`, `head -N`), else undefined. */
function headLines(text: string): number | undefined {
  const m = /^head(?:\s+(?:-n\s*|-|--lines=)(\d+))?\s*$/.exec(text);
  return m ? Number(m[1] ?? 10) : undefined;
}

function lineCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** One command of a list or pipeline: a compound command (with its redirections) or a simple one. */
function runElement(
  list: readonly Statement[],
  [start, end]: [number, number],
  sh: CompoundShell,
  loops: number,
): Flow {
  if (end > start) {
    const run = () => runBlock(list, start, sh, loops);
    const suffix = CLOSER_REDIRECTS.get(list[end] as Statement);
    return suffix === undefined ? run() : runRedirected(suffix, run, sh);
  }
  const st = list[start] as Statement;
  const w = head(st.text);
  if (w === 'break' || w === 'continue') {
    const arg = st.text.slice(w.length).trim();
    const levels = arg === '' ? 1 : Number(arg);
    if (!/^\d+$/.test(arg || '1') || levels < 1) {
      sh.printed.err(`bash: ${w}: ${arg}: loop count out of range\n`);
      return { status: 1 };
    }
    if (loops === 0) {
      sh.printed.err(`bash: ${w}: only meaningful in a \`for', \`while', or \`until' loop\n`);
      return { status: 0 };
    }
    return { status: 0, jump: { kind: w, levels: Math.min(levels, loops) } };
  }
  if (st.text.startsWith('((')) {
    // `((EXPR))`: 0 when EXPR is not 0, 1 when it is (or fails).
    sh.trace({ arith: st.text.replace(/^\(\(|\)\)$/g, '') });
    const r = sh.arith(st.text.replace(/^\(\(|\)\)$/g, ''), '((');
    if (r.stderr !== '') sh.printed.err(r.stderr);
    if (r.status !== 0) sh.failed(r.status);
    return { status: r.status };
  }
  if (w === '!') {
    // `! PIPELINE`: its status negated (and `set -e` does not act on it).
    const r = sh.quiet(() => sh.simple(st.text.slice(1).trim()));
    sh.printed.add(r);
    return { status: r.exitCode === 0 ? 1 : 0 };
  }
  const r = sh.simple(st.text);
  sh.printed.add(r);
  return { status: r.exitCode };
}

/** The compound command starting at `start` (checked well formed by elementEnd). */
function runBlock(
  list: readonly Statement[],
  start: number,
  sh: CompoundShell,
  loops: number,
): Flow {
  const first = list[start];
  if (opensGroup(first)) {
    const end = groupEnd(list, start);
    const name = functionName(first);
    const open = name === undefined ? start : start + 1;
    const inner = list.slice(open + 1, end);
    const body =
      inner[0] && inner[0].op !== ';'
        ? [{ ...inner[0], op: ';' as const }, ...inner.slice(1)]
        : inner;
    if (name !== undefined) {
      // `f() { …; }`: defined now, run when called.
      const text = statementsText(body);
      sh.define(name, list[open]?.text === '(' ? `( ${text} )` : text);
      return { status: 0 };
    }
    // `{ …; }` runs in this shell, `( … )` in a subshell.
    return list[open]?.text === '('
      ? sh.subshell(() => runList(body, sh, loops))
      : runList(body, sh, loops);
  }
  const w = head(first?.text ?? '');
  if (w === 'for') {
    const block = forBlock(list, start);
    return block ? runFor(block, sh, loops) : { status: 2 };
  }
  if (w === 'case') {
    const block = caseBlock(list, start);
    return block ? runCase(block, sh, loops) : { status: 2 };
  }
  const block = controlBlock(list, start, true);
  if (!block) return { status: 2 };
  return block.kind === 'if'
    ? runIf(block.branches, block.otherwise, sh, loops)
    : runWhile(block.cond, block.body, block.kind === 'until', sh, loops);
}

/**
 * A compound command with redirections after its closer (`done > out.txt`, `done < pods.txt`,
 * `fi 2>&1`): they apply to everything it runs.
 */
function runRedirected(suffix: string, run: () => Flow, sh: CompoundShell): Flow {
  const terminal = sh.printed;
  let flow: Flow = { status: 0 };
  const r = sh.redirect(suffix, () => {
    const captured = sh.capture();
    sh.printed = captured;
    try {
      flow = run();
    } finally {
      sh.printed = terminal;
    }
    return captured.result(flow.status);
  });
  terminal.add(r);
  return { ...flow, status: r.exitCode };
}

/**
 * `case WORD in …`: the word expanded, then the first clause with a pattern that matches it
 * (each pattern expanded, a glob) runs. Its status is that clause's, 0 when none matched.
 */
function runCase(block: CaseBlock, sh: CompoundShell, loops: number): Flow {
  const word = sh.words(block.word);
  if (word.stderr !== '') sh.printed.err(word.stderr);
  if (word.failed) return { status: 1 };
  const value = word.words.join(' ');
  let status = 0;
  let falling = false;
  for (const clause of block.clauses) {
    const hit =
      falling ||
      clause.patterns.some((p) => {
        const pattern = sh.pattern(p);
        return pattern !== undefined && globMatch(value, pattern);
      });
    if (!hit) continue;
    if (clause.body.length > 0) {
      const flow = runList(clause.body, sh, loops);
      if (flow.jump || flow.halt) return flow;
      status = flow.status;
    } else status = 0;
    // `;&`: the next clause's commands run too; `;;&`: its patterns are tested; `;;`: done.
    if (clause.end === undefined) return { status };
    falling = clause.end === ';&';
  }
  return { status };
}

/**
 * `if`: the first branch whose condition succeeds, else the `else` part. Its status is the last
 * command's, or 0 when no condition succeeded and there is no `else`.
 */
function runIf(
  branches: readonly { cond: Statement[]; body: Statement[] }[],
  otherwise: readonly Statement[] | undefined,
  sh: CompoundShell,
  loops: number,
): Flow {
  for (const b of branches) {
    const c = sh.quiet(() => runList(b.cond, sh, loops));
    if (c.jump || c.halt) return c;
    if (c.status === 0) return runList(b.body, sh, loops);
  }
  return otherwise ? runList(otherwise, sh, loops) : { status: 0 };
}

/** A loop's round after its body ran: go on, or leave (`break`, or a jump out of outer loops). */
function afterRound(flow: Flow): 'next' | 'stop' | Flow {
  if (flow.halt) return flow;
  if (!flow.jump) return 'next';
  if (flow.jump.levels > 1)
    return { status: flow.status, jump: { ...flow.jump, levels: flow.jump.levels - 1 } };
  return flow.jump.kind === 'break' ? 'stop' : 'next';
}

/**
 * `while`/`until`: the body runs while the condition succeeds (fails). Its status is the body's
 * last command's, or 0 when the body never ran.
 */
function runWhile(
  cond: readonly Statement[],
  body: readonly Statement[],
  until: boolean,
  sh: CompoundShell,
  loops: number,
): Flow {
  let status = 0;
  for (let round = 0; ; round++) {
    if (round >= MAX_WHILE_ROUNDS) {
      sh.printed.err(
        `bash: the loop stopped after ${MAX_WHILE_ROUNDS} rounds (this console's limit: a terminal would go on until Ctrl-C)\n`,
      );
      return { status: 1 };
    }
    const c = sh.quiet(() => runList(cond, sh, loops + 1));
    if (c.halt) return c;
    if (c.jump) {
      const next = afterRound(c);
      if (next === 'stop') return { status: 0 };
      if (next !== 'next') return next;
      continue;
    }
    if ((c.status === 0) === until) return { status };
    const flow = runList(body, sh, loops + 1);
    status = flow.status;
    const next = afterRound(flow);
    if (next === 'stop') return { status: 0 };
    if (next !== 'next') return next;
  }
}

/**
 * `for NAME in WORDS`: the words are expanded once, then the body runs for each with NAME set to
 * it (and left set afterwards, as bash leaves it). Its status is the body's last command's, or 0
 * when there were no words.
 */
function runFor(block: ForBlock, sh: CompoundShell, loops: number): Flow {
  if (block.arith) return runArithFor(block.arith, block.body, sh, loops);
  const { words, stderr, failed } = sh.words(block.words);
  if (stderr !== '') sh.printed.err(stderr);
  if (failed) return { status: 1 };
  let status = 0;
  for (const [round, word] of words.entries()) {
    if (round >= MAX_FOR_ROUNDS) {
      sh.printed.err(
        `bash: the loop stopped after ${MAX_FOR_ROUNDS} rounds (this console's limit)\n`,
      );
      return { status: 1 };
    }
    sh.trace({ for: block.name, words });
    sh.setVar(block.name, word);
    const flow = runList(block.body, sh, loops + 1);
    status = flow.status;
    const next = afterRound(flow);
    if (next === 'stop') return { status: 0 };
    if (next !== 'next') return next;
  }
  return { status };
}

/**
 * `for ((INIT; COND; STEP))`: INIT once, then the body while COND (empty: true) is not 0, STEP
 * after each round. Its status is the body's last command's, or 0 when the body never ran; an
 * arithmetic error stops it with status 1.
 */
function runArithFor(
  arith: NonNullable<ForBlock['arith']>,
  body: readonly Statement[],
  sh: CompoundShell,
  loops: number,
): Flow {
  const step = (expr: string): number | undefined => {
    if (expr.trim() === '') return 0;
    sh.trace({ arith: expr });
    const r = sh.arith(expr, '((');
    if (r.stderr !== '') {
      sh.printed.err(r.stderr);
      return undefined;
    }
    return r.status;
  };
  if (step(arith.init) === undefined) return { status: 1 };
  let status = 0;
  for (let round = 0; ; round++) {
    const c = step(arith.cond);
    if (c === undefined) return { status: 1 };
    if (c !== 0) return { status };
    if (round >= MAX_FOR_ROUNDS) {
      sh.printed.err(
        `bash: the loop stopped after ${MAX_FOR_ROUNDS} rounds (this console's limit: a terminal would go on until Ctrl-C)\n`,
      );
      return { status: 1 };
    }
    const flow = runList(body, sh, loops + 1);
    status = flow.status;
    const next = afterRound(flow);
    if (next === 'stop') return { status: 0 };
    if (next !== 'next') return next;
    if (step(arith.step) === undefined) return { status: 1 };
  }
}
