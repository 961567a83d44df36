/**
 * The log of a script's endless loop (shellControl.ts ScriptLoop), worked out when it is read:
 * each round runs with the files of its own moment (`Surroundings.filesAt`: a ConfigMap volume
 * as the kubelet last synced it, the downward API's labels as they were), so a loop that `cat`s
 * a file logs what the file held at each round. Rounds that do not depend on one another are
 * run only for the stretch asked for (the last ones, `--tail`, `--since`); others are run from
 * the first, at most SCRIPT_LOOP_ROUNDS of them.
 */
import { type FileEvent, runStatements, type Shell } from './program.ts';
import { cloneShell, type ScriptLoop } from './shellControl.ts';

/**
 * Rounds kept for a log read whole (no `--tail`): each round is run afresh when the log is
 * read, so fewer than a closed-form loop's LOOP_LOG_ROUNDS (5 hours of a 10 s loop).
 */
export const SCRIPT_LOOP_ROUNDS = 2000;

/** One log line and when it was written (epoch ms). */
export interface LogLine {
  at: number;
  text: string;
}

export interface RoundsOptions {
  /** Only the last N lines are wanted (`--tail`). */
  tail?: number;
  /** Only lines written from this epoch ms are wanted (`--since`). */
  since?: number;
  /**
   * The run has ended: its last line is in the log even without a newline. While it runs, the
   * runtime (containerd's CRI logger) writes a line only once its newline comes.
   */
  ended?: boolean;
  /**
   * Files written in the container by others as it ran (`kubectl exec`, the pod's other
   * containers in a shared volume), timed from its start, in time order: a round sees those
   * written by its moment.
   */
  written?: readonly FileEvent[];
}

/** A round's shell, and how many of the others' writes it has seen. */
interface Reader {
  sh: Shell;
  seen: number;
}

/** What one round printed, at epoch ms, and how long it took; undefined once the loop stops. */
function round(
  loop: ScriptLoop,
  reader: Reader,
  startMs: number,
  written: readonly FileEvent[],
): { printed: LogLine[]; last?: true } | undefined {
  const sh = reader.sh;
  for (let f = written[reader.seen]; f && f.atMs <= sh.ms; f = written[++reader.seen]) {
    sh.files.set(f.path, f.content);
  }
  const base = loop.shell.where;
  if (base.filesAt) {
    const files = base.filesAt(startMs + sh.ms);
    if (files) sh.where = { ...base, files };
  }
  const from = sh.printed.length;
  const c = runStatements(loop.cond, sh, loop.shellName);
  if (c.forever || c.exited || (c.status === 0) === loop.until) return undefined;
  const r = runStatements(loop.body, sh, loop.shellName);
  const printed = sh.printed.slice(from).map((p) => ({ at: startMs + p.atMs, text: p.text }));
  // Only the lines are needed, not the shell's record of them.
  sh.printed.length = from;
  if (r.forever || r.exited) return undefined;
  return r.jump === 'break' ? { printed, last: true } : { printed };
}

/** Chunks of output (in order) joined into lines, each at the time its newline was written. */
function lines(chunks: readonly LogLine[], ended: boolean): LogLine[] {
  const out: LogLine[] = [];
  let buf = '';
  let at = 0;
  for (const c of chunks) {
    for (const piece of c.text.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
      buf += piece;
      at = c.at;
      if (piece.endsWith('\n')) {
        out.push({ at, text: buf });
        buf = '';
      }
    }
  }
  if (buf !== '' && ended) out.push({ at, text: buf });
  return out;
}

/**
 * The lines a loop started at `startMs` (epoch ms, its container's start) has logged by `endMs`.
 * A loop whose round takes no time would print without end at once: not simulated (none).
 */
export function scriptLoopLines(
  loop: ScriptLoop,
  startMs: number,
  endMs: number,
  opts: RoundsOptions = {},
): LogLine[] {
  const first = startMs + loop.shell.ms;
  if (endMs < first) return [];
  const ended = opts.ended ?? false;
  const upTo = (chunks: LogLine[]) => lines(chunks, ended).filter((l) => l.at <= endMs);
  const written = opts.written ?? [];
  const reader = (sh: Shell): Reader => ({ sh, seen: 0 });
  if (loop.independent) {
    const probe = reader(cloneShell(loop.shell));
    const periodMs = round(loop, probe, startMs, written) ? probe.sh.ms - loop.shell.ms : 0;
    if (periodMs <= 0) return [];
    const count = Math.floor((endMs - first) / periodMs) + 1;
    const at = (r: number) => {
      const sh = cloneShell(loop.shell);
      sh.ms = loop.shell.ms + r * periodMs;
      for (const c of loop.counters ?? []) sh.locals.set(c.name, String(c.start + r * c.by));
      return round(loop, reader(sh), startMs, written)?.printed ?? [];
    };
    let from = Math.max(0, count - SCRIPT_LOOP_ROUNDS);
    if (opts.since !== undefined) {
      from = Math.max(from, Math.floor((opts.since - first) / periodMs) - 1);
    }
    const rounds: LogLine[][] = [];
    if (opts.tail !== undefined && opts.tail >= 0) {
      // From the last round back, until the rounds hold more lines than asked for (and than
      // the last round, whose end may lie past endMs).
      let newlines = 0;
      let last = -1;
      for (let r = count - 1; r >= from && newlines <= opts.tail + 1 + last; r--) {
        const printed = at(r);
        const n = printed.reduce((sum, p) => sum + (p.text.match(/\n/g)?.length ?? 0), 0);
        if (last < 0) last = n;
        newlines += n;
        rounds.push(printed);
      }
      const got = upTo(rounds.reverse().flat());
      return got.slice(Math.max(0, got.length - opts.tail));
    }
    for (let r = from; r < count; r++) rounds.push(at(r));
    return upTo(rounds.flat());
  }
  // Rounds that carry state: run them in order from the first.
  const state = reader(cloneShell(loop.shell));
  const chunks: LogLine[] = [];
  for (let r = 0; r < SCRIPT_LOOP_ROUNDS && startMs + state.sh.ms <= endMs; r++) {
    const before = state.sh.ms;
    const got = round(loop, state, startMs, written);
    if (!got) break;
    chunks.push(...got.printed);
    if (got.last) break;
    if (state.sh.ms <= before) return [];
  }
  return upTo(chunks);
}

/**
 * The files an endless loop has written by `endMs` (epoch ms; it started at `startMs`): each
 * path's last write, timed from the container's start, for `kubectl exec` and the pod's other
 * containers to read. Its rounds run in order from the first (at most SCRIPT_LOOP_ROUNDS); a
 * loop that writes nothing is not run at all.
 */
export function scriptLoopWrites(loop: ScriptLoop, startMs: number, endMs: number): FileEvent[] {
  // Writing makes a loop's rounds depend on one another (shellControl.ts independent).
  if (loop.independent) return [];
  const state: Reader = { sh: cloneShell(loop.shell), seen: 0 };
  const before = state.sh.fileLog.length;
  for (let r = 0; r < SCRIPT_LOOP_ROUNDS && startMs + state.sh.ms <= endMs; r++) {
    const ms = state.sh.ms;
    const got = round(loop, state, startMs, []);
    if (!got || got.last || state.sh.ms <= ms) break;
  }
  const last = new Map<string, FileEvent>();
  for (const f of state.sh.fileLog.slice(before)) {
    if (startMs + f.atMs <= endMs) last.set(f.path, f);
  }
  return [...last.values()].sort((a, b) => a.atMs - b.atMs);
}
