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
import type { Statement } from '../engine/util/shellStatements.ts';
import { CLOSER_OF, head } from './consoleStatements.ts';
import type { RunResult } from './host.ts';

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
      if (/^[|<>]|^\d*>/.test(after))
        return `bash: this console does not pipe or redirect what a compound command prints (\`${w} ${after}'): put the pipe or redirection inside it\n`;
      if (after !== '') return near(head(after));
    }
  }
  if (stack.length > 0) return 'bash: syntax error: unexpected end of file\n';
  // Then each block's parts (`if true; fi` has no `then`): bash stops at the word it did not want.
  for (const [i, st] of list.entries()) {
    const w = head(st.text);
    if ((w === 'if' || w === 'while' || w === 'until') && !controlBlock(list, i))
      return near(CLOSER_OF[w] ?? w);
    if (w === 'for' && !forBlock(list, i)) return near('done');
  }
  return undefined;
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
  /** Where what the statements print goes. */
  printed: { add(r: RunResult): void; err(text: string): void };
}

/** `break N` / `continue N` on its way out of N loops. */
interface Jump {
  kind: 'break' | 'continue';
  levels: number;
}

interface Flow {
  status: number;
  jump?: Jump;
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
    const w = head(st.text);
    if (w === 'if' || w === 'while' || w === 'until') {
      const block = controlBlock(list, i);
      if (!block) return { status: 2 };
      i = block.end;
      if (skip) continue;
      const flow =
        block.kind === 'if'
          ? runIf(block.branches, block.otherwise, sh, loops)
          : runWhile(block.cond, block.body, block.kind === 'until', sh, loops);
      status = flow.status;
      sh.setStatus(status);
      if (flow.jump) return flow;
      continue;
    }
    if (w === 'for') {
      const block = forBlock(list, i);
      if (!block) return { status: 2 };
      i = block.end;
      if (skip) continue;
      const flow = runFor(block, sh, loops);
      status = flow.status;
      sh.setStatus(status);
      if (flow.jump) return flow;
      continue;
    }
    if (skip) continue;
    if (w === 'break' || w === 'continue') {
      const arg = st.text.slice(w.length).trim();
      const levels = arg === '' ? 1 : Number(arg);
      if (!/^\d+$/.test(arg || '1') || levels < 1) {
        sh.printed.err(`bash: ${w}: ${arg}: loop count out of range\n`);
        status = 1;
        sh.setStatus(status);
        continue;
      }
      if (loops === 0) {
        sh.printed.err(`bash: ${w}: only meaningful in a \`for', \`while', or \`until' loop\n`);
        status = 0;
        sh.setStatus(status);
        continue;
      }
      return { status: 0, jump: { kind: w, levels: Math.min(levels, loops) } };
    }
    if (st.text.startsWith('((')) {
      // `((EXPR))`: 0 when EXPR is not 0, 1 when it is (or fails).
      const r = sh.arith(st.text.replace(/^\(\(|\)\)$/g, ''), '((');
      if (r.stderr !== '') sh.printed.err(r.stderr);
      status = r.status;
      sh.setStatus(status);
      continue;
    }
    if (w === '!') {
      // `! PIPELINE`: its status negated.
      const r = sh.simple(st.text.slice(1).trim());
      sh.printed.add(r);
      status = r.exitCode === 0 ? 1 : 0;
      sh.setStatus(status);
      continue;
    }
    const r = sh.simple(st.text);
    sh.printed.add(r);
    status = r.exitCode;
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
    const c = runList(b.cond, sh, loops);
    if (c.jump) return c;
    if (c.status === 0) return runList(b.body, sh, loops);
  }
  return otherwise ? runList(otherwise, sh, loops) : { status: 0 };
}

/** A loop's round after its body ran: go on, or leave (`break`, or a jump out of outer loops). */
function afterRound(flow: Flow): 'next' | 'stop' | Flow {
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
    const c = runList(cond, sh, loops + 1);
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
