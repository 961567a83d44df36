/**
 * The shell's compound commands over a script's statements (program.ts splits a script at `;`,
 * newlines, `&&`, `||` and `|`): `if COND; then …; elif COND; then …; else …; fi` and
 * `while COND; do …; done` / `until COND; do …; done`. A loop that is still going after
 * LOOP_ROUNDS rounds (or `while true`) is endless: a container's program hands it over whole
 * (ScriptLoop) to be run round by round when its log is read (loopRounds.ts), with the files of
 * each round's moment; elsewhere (exec) it is not simulated.
 */
import type { Statement } from '../util/shellStatements.ts';
import type { ScriptRun, Shell } from './program.ts';

/** `if`: its branches in order, the `else` part, and the index of its `fi`. */
export interface IfBlock {
  kind: 'if';
  branches: { cond: Statement[]; body: Statement[] }[];
  otherwise?: Statement[];
  end: number;
}

/** `while` or `until`: condition, body and the index of its `done`. */
export interface LoopBlock {
  kind: 'while' | 'until';
  cond: Statement[];
  body: Statement[];
  end: number;
}

/** A script's endless loop, from the shell's state as it starts (see loopRounds.ts). */
export interface ScriptLoop {
  /** The shell as the loop starts: variables, directory, files, time (`ms` from the start). */
  shell: Shell;
  shellName: string;
  cond: readonly Statement[];
  body: readonly Statement[];
  until: boolean;
  /**
   * Rounds do not depend on one another (no variable set but counters, no file written, no
   * `cd`) and last the same (no sleep inside a branch): any round can be run without the ones
   * before it.
   */
  independent: boolean;
  /**
   * `i=$((i+1))` run once every round: round r starts with `start + r × by` (the rounds stay
   * independent).
   */
  counters?: readonly { name: string; start: number; by: number }[];
}

/** Rounds a loop may run when the script is read, before it is taken for endless. */
export const LOOP_ROUNDS = 200;

const OPENER = /^(if|while|until|for|case)(?=\s|$)/;
const CLOSER = /^(fi|done|esac)$/;

/** The first word of a statement. */
function head(st: Statement | undefined): string {
  return /^\S*/.exec(st?.text ?? '')?.[0] ?? '';
}

/** A sub-list's first statement runs unconditionally. */
function fresh(list: Statement[]): Statement[] {
  const first = list[0];
  if (first && first.op !== ';') list[0] = { text: first.text, op: ';' };
  return list;
}

/**
 * The `if`, `while` or `until` block starting at `start`, or undefined when it is not closed or
 * not well formed (a `then` missing, a `case` inside: not simulated).
 */
export function controlBlock(
  list: readonly Statement[],
  start: number,
  /** The console runs `case` blocks (kubectl/shellCase.ts); the container shells do not. */
  allowCase = false,
): IfBlock | LoopBlock | undefined {
  const first = list[start];
  const kind = head(first);
  if (!first || (kind !== 'if' && kind !== 'while' && kind !== 'until')) return undefined;
  const opening = first.text.slice(kind.length).trim();
  let depth = 0;
  let part: Statement[] = opening === '' ? [] : [{ text: opening, op: ';' }];
  let cond: Statement[] | undefined;
  const branches: { cond: Statement[]; body: Statement[] }[] = [];
  let otherwise: Statement[] | undefined;
  for (let j = start + 1; j < list.length; j++) {
    const st = list[j];
    if (!st) continue;
    const word = head(st);
    if (depth === 0) {
      if (kind === 'if') {
        if (st.text === 'then' && cond === undefined && otherwise === undefined) {
          cond = fresh(part);
          part = [];
          continue;
        }
        if (word === 'elif' && cond !== undefined && otherwise === undefined) {
          branches.push({ cond, body: fresh(part) });
          cond = undefined;
          const rest = st.text.slice(4).trim();
          part = rest === '' ? [] : [{ text: rest, op: ';' }];
          continue;
        }
        if (st.text === 'else' && cond !== undefined && otherwise === undefined) {
          branches.push({ cond, body: fresh(part) });
          cond = undefined;
          otherwise = part = [];
          continue;
        }
        if (st.text === 'fi') {
          if (otherwise !== undefined) fresh(otherwise);
          else if (cond !== undefined) branches.push({ cond, body: fresh(part) });
          else return undefined;
          if (branches.some((b) => b.cond.length === 0 || b.body.length === 0)) return undefined;
          return otherwise !== undefined
            ? { kind, branches, otherwise, end: j }
            : { kind, branches, end: j };
        }
      } else {
        if (st.text === 'do' && cond === undefined) {
          cond = fresh(part);
          part = [];
          continue;
        }
        if (st.text === 'done') {
          if (cond === undefined || cond.length === 0 || part.length === 0) return undefined;
          return { kind, cond, body: fresh(part), end: j };
        }
      }
    }
    if (word === 'case' && !allowCase) return undefined;
    if (OPENER.test(st.text)) depth++;
    else if (CLOSER.test(st.text)) {
      depth--;
      if (depth < 0) return undefined;
    }
    part.push(st);
  }
  return undefined;
}

/** Run an `if` block: the first branch whose condition succeeds, else the `else` part. */
export function runIf(block: IfBlock, run: (list: readonly Statement[]) => ScriptRun): ScriptRun {
  let output = '';
  for (const b of block.branches) {
    const c = run(b.cond);
    output += c.output;
    if (c.forever || c.exited) return { ...c, output };
    if (c.status !== 0) continue;
    const r = run(b.body);
    return { ...r, output: output + r.output };
  }
  if (!block.otherwise) return { status: 0, output, forever: false, exited: false };
  const r = run(block.otherwise);
  return { ...r, output: output + r.output };
}

/** A copy of the shell's state that later commands do not change. */
export function cloneShell(sh: Shell): Shell {
  return {
    ...sh,
    locals: new Map(sh.locals),
    exported: new Set(sh.exported),
    files: new Map(sh.files),
    fileLog: [...sh.fileLog],
    printed: [...sh.printed],
  };
}

/** Put `from`'s state back into `sh` (a loop taken for endless is undone). */
function restore(sh: Shell, from: Shell): void {
  sh.locals = from.locals;
  sh.exported = from.exported;
  sh.files = from.files;
  sh.fileLog = from.fileLog;
  sh.printed = from.printed;
  sh.cwd = from.cwd;
  sh.ms = from.ms;
}

/** `true` or `:`: a condition that never fails. */
function always(cond: readonly Statement[]): boolean {
  return cond.length === 1 && /^(true|:)$/.test(cond[0]?.text ?? '');
}

/** Statements that change the shell's state (a variable, a file, the directory). */
const STATEFUL =
  /^(?:[A-Za-z_][A-Za-z0-9_]*=|(?:export|unset|readonly|cd|read|set|shift|local|let|touch|rm|mkdir|cp|mv)(?:\s|$))|>(?!\s*\/dev\/null|&)/;
/** Commands that take time. */
const TIMED = /^(?:sleep|ping|perl|wait)(?:\s|$)/;

/** `i=$((i+1))`, `i=$(( $i - 2 ))`. */
const COUNTER =
  /^([A-Za-z_][A-Za-z0-9_]*)=\$\(\(\s*\$?([A-Za-z_][A-Za-z0-9_]*)\s*([+-])\s*(\d+)\s*\)\)$/;

/**
 * Whether the rounds of a loop are independent (see ScriptLoop.independent), with the counters
 * that step once a round; undefined when they are not.
 */
function independent(
  cond: readonly Statement[],
  body: readonly Statement[],
  sh: Shell,
): { counters: { name: string; start: number; by: number }[] } | undefined {
  const counters: { name: string; start: number; by: number }[] = [];
  const body0 = new Set(body);
  let depth = 0;
  for (const st of [...cond, ...body]) {
    const t = st.text.replace(/^(?:if|elif|while|until)\s+/, '');
    const counter = COUNTER.exec(t);
    if (counter && counter[1] === counter[2] && depth === 0 && st.op === ';' && body0.has(st)) {
      const name = counter[1] ?? '';
      const value = sh.locals.get(name) ?? '0';
      if (!/^-?\d+$/.test(value) || counters.some((c) => c.name === name)) return undefined;
      const by = (counter[3] === '-' ? -1 : 1) * Number(counter[4]);
      counters.push({ name, start: Number(value), by });
      continue;
    }
    // A `break` ends the rounds after it: they must be run in order to know when.
    if (STATEFUL.test(t) || /^break(\s|$)/.test(t)) return undefined;
    if (depth > 0 && TIMED.test(t)) return undefined;
    if (OPENER.test(st.text)) depth++;
    else if (CLOSER.test(st.text)) depth--;
  }
  return { counters };
}

/**
 * Run a `while`/`until` block. One still going after LOOP_ROUNDS rounds, or `while true`, is
 * endless: the shell is put back as it was at the loop's start and, when `sh.lazyLoops`, kept
 * in `sh.endless` for loopRounds.ts. Either way the run goes on for good.
 */
export function runLoop(
  block: LoopBlock,
  sh: Shell,
  shellName: string,
  run: (list: readonly Statement[]) => ScriptRun,
  /** `done | head -N`: whether head has its lines (the loop then ends, as by SIGPIPE). */
  enough?: () => boolean,
): ScriptRun {
  const until = block.kind === 'until';
  const start = cloneShell(sh);
  const endless = (): ScriptRun => {
    restore(sh, start);
    if (sh.lazyLoops) {
      const free = independent(block.cond, block.body, start);
      sh.endless = {
        shell: cloneShell(start),
        shellName,
        cond: block.cond,
        body: block.body,
        until,
        independent: free !== undefined,
        ...(free?.counters.length ? { counters: free.counters } : {}),
      };
    }
    return { status: 0, output: '', forever: true, exited: false };
  };
  const breaks = block.body.some((st) => /^break(\s|$)/.test(st.text));
  if (!until && always(block.cond) && !breaks && !enough) return endless();
  let output = '';
  let status = 0;
  for (let round = 0; round < LOOP_ROUNDS; round++) {
    const c = run(block.cond);
    output += c.output;
    if (c.forever || c.exited) return { ...c, output };
    if ((c.status === 0) === until) return { status, output, forever: false, exited: false };
    const r = run(block.body);
    output += r.output;
    status = r.status;
    if (r.forever || r.exited) return { ...r, output };
    if (r.jump === 'break') return { status: 0, output, forever: false, exited: false };
    if (enough?.()) return { status: 141, output, forever: false, exited: false };
  }
  return endless();
}
