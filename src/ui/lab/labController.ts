/**
 * The lab's non-React half: loads the live session on first use (a dynamic `import()`, so the
 * engine and kubectl never weigh on the first view), runs console lines through it, and turns
 * each result into store events and player moves (new steps auto-play on the stage).
 */

// No imports of its own (labPrefs.ts is a few lines): the input line asks it without loading
// the session.
import type { Lang } from '../../i18n/index.ts';
import type { LabResult, LabSession, LabStorage } from '../../lab/session.ts';
import type { LabLive, LabMode, LabState, LabStore } from '../../store/labStore.ts';
import { applyCompletion } from '../../store/labStore.ts';
import type { PlayerStore } from '../../store/player.ts';
import { writeLabPrefs } from './labPrefs.ts';

/**
 * The console's "does this command go on?" check (here-documents, quotes, compounds, `\`):
 * fetched as the page starts rather than carried in the first view's script. Until it arrives
 * (milliseconds after load) only a trailing `\` continues a line.
 */
let needsMoreInput = (text: string): boolean => text.endsWith('\\');
void import('../../kubectl/shellHeredoc.ts').then((m) => {
  needsMoreInput = m.needsMoreInput;
});

/** What the controller needs from `src/lab/session.ts` (injected in tests). */
export interface LabSessionModule {
  createLabSession: (opts: { storage?: LabStorage; lang?: () => Lang }) => LabSession;
}

export interface LabControllerOptions {
  store: LabStore;
  /** The lab timeline's own player (same state machine as the tour's). */
  player: PlayerStore;
  /** Loads the session module; default: `import('../../lab/session.ts')`. */
  load?: () => Promise<LabSessionModule>;
  /** Where the session keeps the lab across reloads (absent: nothing is kept). */
  storage?: LabStorage;
  /** The page's language now (the lab's own commands print in it). */
  lang?: () => Lang;
  /**
   * Runs `fn` after the browser has had a chance to paint "Starting the cluster…": building the
   * cluster is synchronous and takes a moment. Default: a short timeout.
   */
  defer?: (fn: () => void) => void;
}

export interface LabController {
  /** Load the session if it is not loaded or loading yet. Resolves when it is ready (or failed). */
  ensureLoaded(): Promise<void>;
  /** Send the console's input line (or `line`): history, then run now or once loaded. */
  submit(line?: string): void;
  /**
   * Tab: complete the word at `cursor` in the input line. Returns the new cursor, or undefined
   * when the session is not ready (loading starts).
   */
  complete(cursor: number): number | undefined;
  /** Run `line` as if typed (lesson buttons), leaving the learner's input line alone. */
  run(line: string): void;
  /** Results of lines run elsewhere (what-if buttons): kept, shown and played like typed ones. */
  applyResults(results: readonly LabResult[]): void;
  /**
   * The editor's "Save and apply" (`text`) or "Cancel edit" (none) for a waiting `kubectl edit`:
   * what kubectl prints then joins the console, and a reopened file opens in the editor.
   */
  finishEdit(text?: string): void;
  /**
   * Ctrl+C while a command waits for an answer (`kubectl delete -i`): it ends, nothing done, and
   * `^C` shows after its question. Returns whether one was waiting.
   */
  interrupt(): boolean;
  /** The console's Clear button: empty the output, here and in what a reload brings back. */
  clearOutput(): void;
  setMode(mode: LabMode): void;
  /** "Bigger console" on or off, kept for the next visit (`labPrefs.ts`). */
  setBigConsole(on: boolean): void;
  /** The live session, once loaded (panels read `state()`, `describe()`, files). */
  session(): LabSession | undefined;
}

const defaultLoad = (): Promise<LabSessionModule> => import('../../lab/session.ts');
const defaultDefer = (fn: () => void) => {
  setTimeout(fn, 30);
};

/** The page's view of the live cluster: `state()` as a stage model with nothing in flight. */
export function liveOf(session: LabSession): LabLive {
  const state = session.state();
  return {
    model: { nodes: state.nodes, pods: state.pods, active: [], packets: [], stepId: 'lab' },
    namespaces: state.namespaces,
    context: state.context,
    prompt: state.prompt,
    ...(state.question ? { question: state.question.prompt } : {}),
  };
}

/** Create the controller for one lab store and its player. */
export function createLabController(opts: LabControllerOptions): LabController {
  const { store, player } = opts;
  const load = opts.load ?? defaultLoad;
  const defer = opts.defer ?? defaultDefer;
  let session: LabSession | undefined;
  let loading: Promise<void> | undefined;
  const dispatch: LabState['dispatch'] = (event) => store.getState().dispatch(event);

  /**
   * Whether a result shown now belongs to the same action as the one before: lines run in one
   * go (a paste, the lines queued while the cluster started, a what-if's lines) are one action
   * and their stories play in order. The flag falls at the end of the current task's microtasks.
   */
  let inAction = false;

  const show = (result: LabResult, s: LabSession): void => {
    const before = store.getState().steps;
    dispatch({ type: 'ran', result, live: liveOf(s) });
    const after = store.getState().steps;
    if (after === before) return;
    const sameAction = inAction;
    if (!inAction) {
      inAction = true;
      queueMicrotask(() => {
        inAction = false;
      });
    }
    const { status, cursor } = player.getState();
    player.getState().setStepCount(after.length);
    // The same action's further lines join the queue behind its first.
    if (sameAction && status === 'playing') return;
    // A new action: its steps play at once (trimming may have dropped old steps from the
    // front). Earlier steps still waiting to play are skipped, not lost: the page says how many
    // and offers to play them (LabCatchUp.tsx); Previous reaches them too.
    const first = Math.max(0, after.length - result.steps.length);
    const unplayed = sameAction || status !== 'playing' ? 0 : Math.max(0, first - cursor - 1);
    dispatch({ type: 'skipped', from: cursor + 1, count: unplayed });
    player.getState().seek(first);
    // On the last step already (a one-step line): done. `play` there would start over from 0.
    if (player.getState().status !== 'finished') player.getState().play();
  };

  /** Run `line`; a typed one answers a command that waits for an answer (a button's does not). */
  const runLine = (line: string, typed: boolean): void => {
    if (!session) return;
    let result: LabResult;
    try {
      result =
        typed && session.question?.() !== undefined ? session.answer(line) : session.run(line);
    } catch (err) {
      // The session promises not to throw; if it does anyway, the console says so like a shell.
      result = {
        line,
        stdout: '',
        stderr: `error: ${(err as Error).message}\n`,
        exitCode: 1,
        steps: [],
      };
    }
    show(result, session);
  };

  /** Run `line` now, or once what it needs has loaded (and the lines before it have run). */
  const runInTurn = (line: string, typed = true): void => {
    const ready = session?.prepare?.(line);
    if (ready) void ready.then(() => runLine(line, typed));
    else runLine(line, typed);
  };

  const drain = (): void => {
    while (session && store.getState().pending.length > 0) {
      const line = store.getState().pending[0] as string;
      dispatch({ type: 'dequeued' });
      runInTurn(line);
    }
  };

  const ensureLoaded = (): Promise<void> => {
    if (session) return Promise.resolve();
    if (loading) return loading;
    dispatch({ type: 'loadStarted' });
    loading = load()
      .then(
        (mod) =>
          new Promise<void>((resolve, reject) => {
            defer(() => {
              try {
                const s = mod.createLabSession({ storage: opts.storage, lang: opts.lang });
                session = s;
                const live = liveOf(s);
                dispatch({ type: 'loaded', history: s.history(), notice: s.notice, live });
                // The console shows again what it showed before the reload (no steps: what
                // those lines did is already the cluster on the stage).
                for (const e of s.transcript()) {
                  const { line, stdout, stderr, exit: exitCode, output } = e;
                  dispatch({
                    type: 'ran',
                    result: {
                      line,
                      stdout,
                      stderr,
                      exitCode,
                      steps: [],
                      ...(output ? { output } : {}),
                    },
                    live,
                  });
                }
                drain();
                resolve();
              } catch (err) {
                reject(err);
              }
            });
          }),
      )
      .catch((err: unknown) => {
        loading = undefined;
        dispatch({
          type: 'loadFailed',
          error: err instanceof Error ? err.message : String(err),
        });
      });
    return loading;
  };

  const send = (line: string, keepInput: boolean): void => {
    if (!keepInput && session?.question?.() !== undefined) {
      // A command waits for an answer: the line is that answer, as the terminal gives it to the
      // program (not a command: no `> ` continuation, not kept in the history).
      dispatch({ type: 'answered' });
      show(session.answer(line), session);
      return;
    }
    let full = line;
    if (!keepInput) {
      // Enter at bash's `> ` prompt adds the line to the open command; an incomplete command
      // (an open here-document, quote, trailing `\`, `|` or `&&`) waits for the next line.
      const open = store.getState().continuation;
      if (open !== undefined) full = `${open}\n${line}`;
      if (needsMoreInput(full)) {
        dispatch({ type: 'continued', text: full });
        return;
      }
    }
    const text = full.trim();
    dispatch({ type: 'submitted', line: text, keepInput });
    if (text === '') return;
    // Typing a command is the way into the live cluster (from the tour, the page says so).
    dispatch({ type: 'setMode', mode: 'lab', typed: !keepInput });
    if (session) runInTurn(text, !keepInput);
    else void ensureLoaded();
  };

  return {
    ensureLoaded,
    submit(line?: string): void {
      send(line ?? store.getState().input, false);
    },
    run(line: string): void {
      send(line, true);
    },
    complete(cursor: number): number | undefined {
      if (!session) {
        void ensureLoaded();
        return undefined;
      }
      const input = store.getState().input;
      const completion = session.completions(input, cursor);
      const applied = applyCompletion(input, cursor, completion);
      dispatch({ type: 'completed', value: applied.value, choices: applied.choices });
      return applied.cursor;
    },
    applyResults(results: readonly LabResult[]): void {
      if (!session) return;
      dispatch({ type: 'setMode', mode: 'lab' });
      for (const r of results) {
        dispatch({ type: 'remembered', line: r.line });
        show(r, session);
      }
    },
    finishEdit(text?: string): void {
      if (!session) return;
      show(session.finishEdit(text), session);
    },
    interrupt(): boolean {
      if (!session?.question?.()) return false;
      show(session.interrupt(), session);
      return true;
    },
    clearOutput(): void {
      dispatch({ type: 'cleared' });
      session?.clearTranscript();
    },
    setMode(mode: LabMode): void {
      dispatch({ type: 'setMode', mode });
      if (mode === 'lab') void ensureLoaded();
    },
    setBigConsole(on: boolean): void {
      dispatch({ type: 'setBigConsole', on });
      writeLabPrefs(opts.storage, { bigConsole: store.getState().bigConsole });
    },
    session: () => session,
  };
}

/**
 * `localStorage` when the browser lets the page use it. Reading the property itself throws in
 * some privacy modes; the session copes with a storage that throws on use.
 */
export function browserStorage(): LabStorage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}
