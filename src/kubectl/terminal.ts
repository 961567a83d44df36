/**
 * A console whose terminal waits for an answer, as a real one does: a command that asks on the
 * terminal (`kubectl delete -i`'s `Do you want to continue? (y/n): `) with nothing piped or
 * redirected into it, alone on the line the learner typed, leaves its question waiting instead
 * of reading end of input; the next line the learner enters is the answer (`answerQuestion`).
 *
 * Only the page's lab has such a terminal (`enableTerminalQuestions`); the transcript runner
 * and the tests keep reading end of input (the question is cancelled at once). Keyed by the
 * workspace, as `kubectl edit`'s editor is: hosts are copied (impersonation, a node's shell).
 *
 * ```ts
 * enableTerminalQuestions(fs);
 * runLine(host, 'kubectl delete pod web-1 -i'); // the list, then "Do you want to continue? (y/n): "
 * pendingQuestion(fs);                           // { prompt: 'Do you want to continue? (y/n): ' }
 * answerQuestion(host, 'y').result.stdout;       // 'pod "web-1" deleted\n'
 * ```
 */
import { Ctx } from './context.ts';
import { ExitError } from './errors.ts';
import type { ParsedFlags } from './flags.ts';
import type { KubectlHost, RunResult } from './host.ts';
import type { Workspace } from './workspace.ts';

interface Waiting {
  prompt: string;
  /** The host the command ran with (its kubeconfig and impersonation). */
  host: KubectlHost;
  flags: ParsedFlags;
  path: string[];
  /** The rest of the command, given the answer's first word (what Go's fmt.Fscan reads). */
  resume: (word: string, ctx: Ctx) => void;
}

/** Workspaces whose console's terminal can wait (the lab's). */
const TERMINALS = new WeakSet<Workspace>();
/** Set by the shell while the command alone on the line runs, reading the terminal. */
const READING = new WeakSet<Workspace>();
const WAITING = new WeakMap<Workspace, Waiting>();

/** Let commands of this workspace's console wait for an answer (the lab calls it). */
export function enableTerminalQuestions(fs: Workspace): void {
  TERMINALS.add(fs);
}

/**
 * The shell says whether the command it starts now reads the terminal: alone on the line,
 * nothing piped, redirected or fed by a here-document into it.
 */
export function setReadsTerminal(host: KubectlHost, on: boolean): void {
  if (on) READING.add(host.fs);
  else READING.delete(host.fs);
}

/**
 * The command (`ctx`, which printed the question, `prompt` its last line) waits for the answer,
 * when its console can: then it returns true and the command ends here for now; `resume` runs
 * with the answer's first word once the learner answers. False: nothing waits (no terminal, a
 * command in a list or a pipe, a question already waiting), read end of input as before.
 */
export function askOnTerminal(
  ctx: Ctx,
  prompt: string,
  resume: (word: string, ctx: Ctx) => void,
): boolean {
  const fs = ctx.host.fs;
  if (!TERMINALS.has(fs) || !READING.has(fs) || WAITING.has(fs)) return false;
  READING.delete(fs);
  const path = ctx.commandPath.split(' ').slice(1);
  WAITING.set(fs, { prompt, host: ctx.host, flags: ctx.flags, path, resume });
  return true;
}

/** The question waiting for an answer, if any. */
export function pendingQuestion(fs: Workspace): { prompt: string } | undefined {
  const w = WAITING.get(fs);
  return w ? { prompt: w.prompt } : undefined;
}

/**
 * The learner entered `text` at the waiting question. kubectl reads one word with fmt.Fscan,
 * which skips newlines: an empty line leaves the question waiting (`waiting` true, nothing
 * printed). Otherwise the command goes on with the first word (a whole command typed there is
 * an answer like any other). Never throws.
 */
export function answerQuestion(
  host: KubectlHost,
  text: string,
): { result: RunResult; waiting: boolean } {
  const w = WAITING.get(host.fs);
  if (!w) {
    return {
      result: { stdout: '', stderr: 'error: no command is waiting for an answer\n', exitCode: 1 },
      waiting: false,
    };
  }
  const word = text.trim().split(/\s+/)[0] ?? '';
  if (word === '') return { result: { stdout: '', stderr: '', exitCode: 0 }, waiting: true };
  WAITING.delete(host.fs);
  const ctx = new Ctx(w.host, w.flags, w.path);
  try {
    w.resume(word, ctx);
  } catch (e) {
    if (e instanceof ExitError) ctx.exitCode = e.code;
    else {
      ctx.err(`error: ${e instanceof Error ? e.message : String(e)}\n`);
      ctx.exitCode = 1;
    }
  }
  return { result: ctx.result(ctx.exitCode), waiting: false };
}

/** Ctrl+C, or a new command: the waiting command is gone, nothing done. Whether one waited. */
export function dropQuestion(fs: Workspace): boolean {
  return WAITING.delete(fs);
}

/** Moves a waiting question (and the terminal) to a workspace that replaces `from`. */
export function carryQuestion(from: Workspace, to: Workspace): void {
  const w = WAITING.get(from);
  if (w) WAITING.set(to, w);
  if (TERMINALS.has(from)) TERMINALS.add(to);
}
