import { createStore } from 'zustand/vanilla';
import type { OutputChunk } from '../kubectl/host.ts';
// Small (text only): how an answer joins the entry of the line that asked.
import { withAnswer } from '../lab/answerEcho.ts';
// Types only: the session itself (engine + kubectl, ~130 KB gzip) is loaded with `import()`.
import type { LabNamespace, LabNotice, LabResult, LabStep } from '../lab/session.ts';
import type { StageModel } from '../ui/stage/model.ts';

/**
 * The hands-on lab's page state: whether the live session has loaded, the console (entries,
 * input line, history navigation, completion choices), the lab timeline (the `LabStep`s every
 * command appended) and what the session last reported (stage model, namespaces, context).
 * How the stage groups pods and which namespaces it hides are view settings (`viewStore.ts`):
 * they apply to the guided tour too.
 *
 * Like the player, every change is an event applied by the pure `reduceLab`; the zustand store
 * only applies it. The timeline's cursor is *not* here: the lab uses its own player store (the
 * same state machine as the guided tour), so Next, Previous, Play and the keys work unchanged.
 */

/** Where the live session is. */
export type LabStatus = 'idle' | 'loading' | 'ready' | 'failed';

/** Which picture the page shows: the precomputed guided tour or the live cluster. */
export type LabMode = 'guided' | 'lab';

/** One console line and what it printed. Text only: the console never renders it as HTML. */
export interface ConsoleEntry {
  id: number;
  line: string;
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Both streams in print order, when a warning or error came before some stdout. */
  output?: OutputChunk[];
  /** The prompt the line was typed at, when it was not the learner's own `$` (a node shell). */
  prompt?: string;
}

/** What the page shows of the live cluster when no step is selected (and the panels' data). */
export interface LabLive {
  model: StageModel;
  namespaces: LabNamespace[];
  context: { name: string; namespace: string };
  /** The console's prompt: `$`, or `root@node1:~#` after `ssh node1`. */
  prompt?: string;
  /**
   * A command waits for the learner's answer (`kubectl delete -i`): its question's line. The
   * next line entered is the answer, not a command.
   */
  question?: string;
}

export interface LabSnapshot {
  status: LabStatus;
  /** Why loading failed (the error's message), for the learner. */
  error?: string;
  mode: LabMode;
  entries: ConsoleEntry[];
  nextEntryId: number;
  /** The console's input line. */
  input: string;
  /**
   * The lines of a command still open (a here-document, a quote, a trailing `\`): the console
   * shows bash's `> ` prompt and the next line joins them. Absent: a new command.
   */
  continuation?: string;
  /** Lines typed, oldest first (restored from the session, then appended). */
  history: string[];
  /** Which history line ↑/↓ shows, or null while editing a new line. */
  historyIndex: number | null;
  /** The new line being typed before ↑ was pressed (↓ past the newest line brings it back). */
  draft: string;
  /** Tab found several candidates: listed under the input until the line changes. */
  choices: string[];
  /** Lines entered before the session was ready, run in order once it is. */
  pending: string[];
  /** The lab timeline: every step of every command, in order. */
  steps: LabStep[];
  live?: LabLive;
  notice?: LabNotice;
  /**
   * Steps of an earlier command that were not played because a new command's steps started at
   * once (`from`: the first of them, an index into `steps`; `count` of them). The player offers
   * to play them; absent when nothing was skipped.
   */
  skipped?: { from: number; count: number };
  /**
   * The learner typed into the console during the guided tour, which switched the stage to the
   * live cluster: the page says so until dismissed or the tour is back.
   */
  typedIn?: boolean;
  /**
   * A workspace file a `vim FILE` line (or `kubectl edit`'s temp file) asked to open (the editor
   * panel clears it).
   */
  openFile?: string;
  /**
   * The learner gave the console most of the side column ("Bigger console"): on the one-screen
   * desktop layout the narration folds to its title. A preference (`labPrefs.ts`), not state.
   */
  bigConsole: boolean;
}

/** At most this many console entries are kept (the oldest go first). */
export const MAX_ENTRIES = 300;
/** At most this many steps are kept in the lab timeline (the oldest go first). */
export const MAX_STEPS = 500;

/** Everything that can happen to the lab's page state, as data. */
export type LabEvent =
  | { type: 'loadStarted' }
  | {
      type: 'loaded';
      history: readonly string[];
      notice?: LabNotice;
      live: LabLive;
    }
  | { type: 'loadFailed'; error: string }
  | { type: 'input'; value: string }
  | { type: 'historyUp' }
  | { type: 'historyDown' }
  | { type: 'completed'; value: string; choices: readonly string[] }
  /**
   * A line was sent: kept in history, and queued if the session is not ready. From the input
   * line (which empties), or from a button (`keepInput`: what the learner is typing stays).
   */
  | { type: 'submitted'; line: string; keepInput?: boolean }
  /** Enter on an incomplete command: `text` (every line so far) waits for more at `> `. */
  | { type: 'continued'; text: string }
  /** Ctrl+C at the `> ` prompt: the open command is dropped, as bash drops it. */
  | { type: 'continuationCancelled' }
  /** Enter while a command waits for an answer: the input line is the answer (not history). */
  | { type: 'answered' }
  /** A line ran without going through `submitted` (a what-if button): history only. */
  | { type: 'remembered'; line: string }
  /** A pending line was taken from the queue to run. */
  | { type: 'dequeued' }
  | { type: 'ran'; result: LabResult; live: LabLive }
  | { type: 'cleared' }
  /** `typed`: the console's first line switched to the lab (the page says so). */
  | { type: 'setMode'; mode: LabMode; typed?: boolean }
  /** A new command's steps started at once, leaving `count` earlier steps unplayed (0: none). */
  | { type: 'skipped'; from: number; count: number }
  /** The note about typing in the tour was read. */
  | { type: 'typedInDismissed' }
  | { type: 'dismissNotice' }
  | { type: 'fileOpened' }
  /** "Bigger console" pressed (`on`) or released. */
  | { type: 'setBigConsole'; on: boolean };

/** The state a new lab page starts in. */
export function initialLab(options: { mode?: LabMode; bigConsole?: boolean } = {}): LabSnapshot {
  return {
    status: 'idle',
    mode: options.mode ?? 'guided',
    bigConsole: options.bigConsole ?? false,
    entries: [],
    nextEntryId: 1,
    input: '',
    history: [],
    historyIndex: null,
    draft: '',
    choices: [],
    pending: [],
    steps: [],
  };
}

const keepLast = <T>(list: readonly T[], max: number): T[] =>
  list.length > max ? list.slice(list.length - max) : [...list];

/** The input line ↑/↓ shows for `index` (null: the draft). */
function recalled(s: LabSnapshot, index: number | null): LabSnapshot {
  return {
    ...s,
    historyIndex: index,
    input: index === null ? s.draft : (s.history[index] ?? ''),
    choices: [],
  };
}

/** Apply one event (pure; returns the same object when nothing changes). */
export function reduceLab(s: LabSnapshot, e: LabEvent): LabSnapshot {
  switch (e.type) {
    case 'loadStarted':
      return s.status === 'loading' || s.status === 'ready'
        ? s
        : { ...s, status: 'loading', error: undefined };
    case 'loaded': {
      // The session's history is older than anything typed while it loaded (those lines are
      // still pending and join the session's history when they run).
      const history = [...e.history, ...s.history.slice(s.history.length - s.pending.length)];
      return {
        ...s,
        status: 'ready',
        error: undefined,
        history: keepLast(history, 200),
        historyIndex: null,
        live: e.live,
        notice: e.notice,
      };
    }
    case 'loadFailed':
      return { ...s, status: 'failed', error: e.error, pending: [] };
    case 'input':
      return e.value === s.input && s.historyIndex === null && s.choices.length === 0
        ? s
        : { ...s, input: e.value, draft: e.value, historyIndex: null, choices: [] };
    case 'historyUp': {
      if (s.history.length === 0) return s;
      if (s.historyIndex === null) return recalled({ ...s, draft: s.input }, s.history.length - 1);
      return s.historyIndex === 0 ? s : recalled(s, s.historyIndex - 1);
    }
    case 'historyDown': {
      if (s.historyIndex === null) return s;
      return recalled(s, s.historyIndex < s.history.length - 1 ? s.historyIndex + 1 : null);
    }
    case 'completed':
      return {
        ...s,
        input: e.value,
        draft: e.value,
        historyIndex: null,
        choices: e.choices.length > 1 ? [...e.choices] : [],
      };
    case 'submitted': {
      const line = e.line.trim();
      const reset = e.keepInput
        ? { ...s, historyIndex: null }
        : { ...s, input: '', draft: '', historyIndex: null, choices: [], continuation: undefined };
      if (line === '') return reset;
      return {
        ...reset,
        history: keepLast([...s.history, line], 200),
        pending: s.status === 'ready' ? s.pending : [...s.pending, line],
      };
    }
    case 'continued':
      return {
        ...s,
        continuation: e.text,
        input: '',
        draft: '',
        historyIndex: null,
        choices: [],
      };
    case 'continuationCancelled':
      return s.continuation === undefined
        ? s
        : { ...s, continuation: undefined, input: '', draft: '', historyIndex: null, choices: [] };
    case 'answered':
      return { ...s, input: '', draft: '', historyIndex: null, choices: [] };
    case 'remembered': {
      const line = e.line.trim();
      return line === '' ? s : { ...s, history: keepLast([...s.history, line], 200) };
    }
    case 'dequeued':
      return s.pending.length === 0 ? s : { ...s, pending: s.pending.slice(1) };
    case 'ran': {
      const r = e.result;
      if (r.intent?.type === 'clear') {
        return { ...s, entries: [], live: e.live };
      }
      const steps = r.steps.length > 0 ? keepLast([...s.steps, ...r.steps], MAX_STEPS) : s.steps;
      // Trimming drops the oldest steps: the skipped ones move down with the rest.
      const dropped = s.steps.length + r.steps.length - steps.length;
      const skipped =
        s.skipped && dropped > 0
          ? s.skipped.from - dropped >= 0
            ? { ...s.skipped, from: s.skipped.from - dropped }
            : undefined
          : s.skipped;
      let entries = s.entries;
      const last = entries[entries.length - 1];
      if (r.interrupted && last && s.live?.question !== undefined) {
        // The command that waited for an answer was interrupted first: `^C` under its question.
        const stopped = { stdout: '', stderr: '', exitCode: 130 };
        entries = [...entries.slice(0, -1), { ...withAnswer(last, '^C', stopped), exitCode: 130 }];
      }
      if (r.answer !== undefined) {
        // An answer: echoed after the question, then what the command printed, in the entry of
        // the line that asked (a new one when Clear emptied the console meanwhile).
        const asked: ConsoleEntry = last ?? {
          id: s.nextEntryId,
          line: '',
          stdout: '',
          stderr: '',
          exitCode: 0,
        };
        return {
          ...s,
          entries: [
            ...entries.slice(0, last ? -1 : undefined),
            { ...withAnswer(asked, r.answer, r), exitCode: r.exitCode },
          ],
          nextEntryId: last ? s.nextEntryId : s.nextEntryId + 1,
          steps,
          skipped,
          live: e.live,
        };
      }
      const entry: ConsoleEntry = {
        id: s.nextEntryId,
        line: r.line,
        stdout: r.stdout,
        stderr: r.stderr,
        exitCode: r.exitCode,
        ...(r.output ? { output: r.output } : {}),
        ...(s.live?.prompt !== undefined && s.live.prompt !== '$' ? { prompt: s.live.prompt } : {}),
      };
      return {
        ...s,
        entries: keepLast([...entries, entry], MAX_ENTRIES),
        nextEntryId: s.nextEntryId + 1,
        steps,
        skipped,
        live: e.live,
        openFile:
          r.intent?.type === 'edit' || r.intent?.type === 'kubectl-edit'
            ? r.intent.path
            : s.openFile,
      };
    }
    case 'cleared':
      return s.entries.length === 0 ? s : { ...s, entries: [] };
    case 'setMode':
      if (e.mode === s.mode) return s;
      return e.mode === 'lab'
        ? { ...s, mode: e.mode, typedIn: e.typed === true || undefined }
        : { ...s, mode: e.mode, typedIn: undefined };
    case 'skipped':
      if (e.count <= 0) return s.skipped === undefined ? s : { ...s, skipped: undefined };
      return { ...s, skipped: { from: e.from, count: e.count } };
    case 'typedInDismissed':
      return s.typedIn ? { ...s, typedIn: undefined } : s;
    case 'dismissNotice':
      return s.notice === undefined ? s : { ...s, notice: undefined };
    case 'fileOpened':
      return s.openFile === undefined ? s : { ...s, openFile: undefined };
    case 'setBigConsole':
      return s.bigConsole === e.on ? s : { ...s, bigConsole: e.on };
  }
}

/** The lab store: its snapshot plus `dispatch`. */
export interface LabState extends LabSnapshot {
  dispatch: (event: LabEvent) => void;
}

export type LabStore = ReturnType<typeof createLabStore>;

/** One store per provider, so tests and embedded copies never share state. */
export function createLabStore(initial: Partial<Pick<LabSnapshot, 'mode' | 'bigConsole'>> = {}) {
  return createStore<LabState>()((set, get) => ({
    ...initialLab(initial),
    dispatch: (event) => {
      const { dispatch, ...snapshot } = get();
      const next = reduceLab(snapshot, event);
      if (next !== snapshot) set(next);
    },
  }));
}

/**
 * Where the word under the cursor is replaced by a completion: one candidate → that word and a
 * space; several → their longest common prefix (the candidates are listed); none → unchanged.
 */
export function applyCompletion(
  input: string,
  cursor: number,
  completion: { from: number; items: readonly string[] },
): { value: string; cursor: number; choices: string[] } {
  const { items } = completion;
  const from = Math.max(0, Math.min(completion.from, input.length));
  const end = Math.max(from, Math.min(cursor, input.length));
  const typed = input.slice(from, end);
  if (items.length === 0) return { value: input, cursor, choices: [] };
  const first = items[0] as string;
  let word: string;
  if (items.length === 1) {
    word = `${first} `;
  } else {
    let prefix = first;
    for (const item of items) {
      let i = 0;
      while (i < prefix.length && i < item.length && prefix[i] === item[i]) i++;
      prefix = prefix.slice(0, i);
    }
    word = prefix.length >= typed.length ? prefix : typed;
  }
  const rest = input.slice(end);
  // A space is not doubled when the rest of the line already starts with one.
  if (word.endsWith(' ') && rest.startsWith(' ')) word = word.slice(0, -1);
  const value = input.slice(0, from) + word + rest;
  return { value, cursor: from + word.length, choices: items.length > 1 ? [...items] : [] };
}

/** The namespaces a guided-tour picture shows: those its pods are in, sorted by name. */
export function namespacesOfModel(model: Pick<StageModel, 'pods'>): LabNamespace[] {
  const names = [...new Set(model.pods.map((p) => p.namespace))].sort();
  return names.map((name) => ({ name, phase: 'Active' }));
}

export const selectStatus = (s: LabState) => s.status;
export const selectMode = (s: LabState) => s.mode;
export const selectEntries = (s: LabState) => s.entries;
export const selectInput = (s: LabState) => s.input;
export const selectContinuation = (s: LabState) => s.continuation;
export const selectChoices = (s: LabState) => s.choices;
export const selectPendingCount = (s: LabState) => s.pending.length;
export const selectSteps = (s: LabState) => s.steps;
export const selectLive = (s: LabState) => s.live;
export const selectNotice = (s: LabState) => s.notice;
export const selectError = (s: LabState) => s.error;
export const selectOpenFile = (s: LabState) => s.openFile;
export const selectSkipped = (s: LabState) => s.skipped;
export const selectTypedIn = (s: LabState) => s.typedIn;
export const selectQuestion = (s: LabState) => s.live?.question;
export const selectBigConsole = (s: LabState) => s.bigConsole;
