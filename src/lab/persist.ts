/**
 * The lab's saved state: one versioned JSON value in `localStorage` (or any `Storage`-like
 * object). It holds the workspace files, the console history and a journal of what changed
 * the cluster, the kubeconfig or the files, each entry with the virtual time it happened at,
 * so that replaying the journal on a fresh cluster from the same seed rebuilds the same lab.
 *
 * Reading never throws: anything unexpected gives a reason the session turns into a notice.
 */

/** The storage key. Bump the version when the shape changes (old values are then ignored). */
import type { OutputChunk } from '../kubectl/host.ts';
export const STORAGE_KEY = 'kim.lab.v1';
/** Console history kept (and saved): the last 200 lines. */
export const MAX_HISTORY = 200;
/** Journal entries replayed at most; a longer lab restores files and history only. */
export const MAX_JOURNAL = 300;
/**
 * The largest saved value, in UTF-16 code units (what browsers count against their ~5 M
 * quota per origin). Leaves room for the rest of the page's storage.
 */
export const MAX_STORED_CHARS = 2_000_000;
/** Console entries kept for the next visit: the last 200 … */
export const MAX_TRANSCRIPT = 200;
/** … and at most this many characters of them (line, stdout and stderr), newest kept. */
export const MAX_TRANSCRIPT_CHARS = 64 * 1024;

/** The storage the lab needs (a subset of the DOM `Storage`). */
export type LabStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** One thing that changed the lab, at virtual time `at` (ms since the cluster started). */
export type JournalEntry =
  | { t: 'line'; at: number; line: string; exit: number }
  | { t: 'write'; at: number; path: string; content: string }
  | { t: 'rm'; at: number; path: string }
  /** A `kubectl edit`'s editor closed: "Save and apply" with `text`, or "Cancel edit" without. */
  | { t: 'editDone'; at: number; text?: string; exit: number }
  /** The learner answered a command's question (`kubectl delete -i`): the line entered. */
  | { t: 'answer'; at: number; text: string; exit: number }
  /** Ctrl+C (or a new line) ended a command waiting for an answer. */
  | { t: 'interrupt'; at: number };

/** One console line as the console showed it: what was typed and what it printed. */
export interface TranscriptEntry {
  line: string;
  stdout: string;
  stderr: string;
  exit: number;
  /** Both streams in print order, when that mattered (see `RunResult.output`). */
  output?: OutputChunk[];
}

/** What is saved. */
export interface SavedLab {
  v: 1;
  seed: number;
  /** Virtual time when saved (the clock is moved there after the replay). */
  now: number;
  files: Record<string, string>;
  /** The files when the journal starts (the replay begins with these). */
  base: Record<string, string>;
  history: string[];
  journal: JournalEntry[];
  /** Set when the journal was left out (too long or too large): restore files and history only. */
  partial?: 'tooLong' | 'tooLarge';
  /**
   * The console's output, so it is on screen again after a reload (bounded by
   * `boundTranscript`). Optional: labs saved before it existed load without it.
   */
  transcript?: TranscriptEntry[];
  /**
   * Set by labs whose home directory started with the starter project (Dockerfile and
   * index.html). A lab saved before has neither: `withStarterProject` adds them.
   */
  starterProject?: true;
  /**
   * Set by labs whose ~/.kube/config is a file (kubectl's config). A lab saved before has none:
   * its restore writes the file from the config its replay rebuilt.
   */
  kubeconfigFile?: true;
}

/** Home-directory files every lab starts with since the starter project (absolute paths). */
export interface StarterFiles {
  readonly [path: string]: string;
}

/**
 * A lab saved before the starter project, with it: the starter files join its files and the
 * files its journal starts from, unless the learner had a file of that name already (theirs
 * stays). Its journal's `docker build -t x .` then finds the Dockerfile on replay, as it
 * found the (then file-less) build before. A newer save comes back as it is.
 */
export function withStarterProject(saved: SavedLab, starter: StarterFiles): SavedLab {
  if (saved.starterProject) return saved;
  const add = (files: Record<string, string>, other: Record<string, string>) => {
    const out = { ...files };
    for (const [abs, text] of Object.entries(starter)) {
      // Keys of an older save may be relative to the home directory.
      const rel = abs.replace(/^\/home\/learner\//, '');
      const taken = [abs, rel].some((k) => k in files || k in other);
      if (!taken) out[abs] = text;
    }
    return out;
  };
  return {
    ...saved,
    files: add(saved.files, saved.base),
    base: add(saved.base, saved.files),
    starterProject: true,
  };
}

export type LoadResult =
  | { ok: true; saved: SavedLab | undefined }
  | { ok: false; reason: 'corrupt' | 'unavailable' };

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === 'string';

function isEntry(v: unknown): v is JournalEntry {
  if (!isObj(v) || !isNum(v.at)) return false;
  if (v.t === 'line') return isStr(v.line) && isNum(v.exit);
  if (v.t === 'write') return isStr(v.path) && isStr(v.content);
  if (v.t === 'rm') return isStr(v.path);
  if (v.t === 'editDone') return (v.text === undefined || isStr(v.text)) && isNum(v.exit);
  if (v.t === 'answer') return isStr(v.text) && isNum(v.exit);
  if (v.t === 'interrupt') return true;
  return false;
}

const isChunk = (v: unknown): v is OutputChunk =>
  isObj(v) && typeof v.err === 'boolean' && isStr(v.text);

function isTranscriptEntry(v: unknown): v is TranscriptEntry {
  return (
    isObj(v) &&
    isStr(v.line) &&
    isStr(v.stdout) &&
    isStr(v.stderr) &&
    isNum(v.exit) &&
    (v.output === undefined || (Array.isArray(v.output) && v.output.every(isChunk)))
  );
}

/** The output in print order holds the same text again: it counts too. */
const entryChars = (e: TranscriptEntry) =>
  e.line.length + (e.stdout.length + e.stderr.length) * (e.output ? 2 : 1);

/** What is left of an output cut to its first `max` characters (the cut is marked). */
function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max))}\n[…]\n`;
}

/**
 * The newest console entries within `MAX_TRANSCRIPT` entries and `MAX_TRANSCRIPT_CHARS`
 * characters. An entry too large on its own (a long `-o yaml`) keeps its line and the start of
 * its output, marked `[…]`. Returns the same array when nothing had to go.
 */
export function boundTranscript(entries: readonly TranscriptEntry[]): TranscriptEntry[] {
  const out: TranscriptEntry[] = [];
  let chars = 0;
  for (let i = entries.length - 1; i >= 0 && out.length < MAX_TRANSCRIPT; i--) {
    const e = entries[i] as TranscriptEntry;
    const size = entryChars(e);
    if (chars + size <= MAX_TRANSCRIPT_CHARS) {
      out.push(e);
      chars += size;
      continue;
    }
    if (out.length === 0) {
      // The newest entry alone is too large: keep it, cut (the learner just saw it). Errors
      // are short; the output gets the room that is left (less the two `[…]` marks).
      const line = e.line.slice(0, 4096);
      const stderr = cut(e.stderr, 4096);
      const stdout = cut(e.stdout, MAX_TRANSCRIPT_CHARS - line.length - stderr.length - 10);
      // The cut output is shown stdout first, then stderr (the order is not kept).
      out.push({ line, stdout, stderr, exit: e.exit });
    }
    break;
  }
  if (out.length === entries.length) return entries as TranscriptEntry[];
  return out.reverse();
}

/** Whether `v` has the saved shape (every field checked: storage is user-editable). */
export function isSavedLab(v: unknown): v is SavedLab {
  if (!isObj(v) || v.v !== 1 || !isNum(v.seed) || !Number.isInteger(v.seed) || !isNum(v.now)) {
    return false;
  }
  if (!isObj(v.files) || !Object.values(v.files).every(isStr)) return false;
  if (!isObj(v.base) || !Object.values(v.base).every(isStr)) return false;
  if (!Array.isArray(v.history) || !v.history.every(isStr)) return false;
  if (!Array.isArray(v.journal) || !v.journal.every(isEntry)) return false;
  if (v.partial !== undefined && v.partial !== 'tooLong' && v.partial !== 'tooLarge') return false;
  if (v.starterProject !== undefined && v.starterProject !== true) return false;
  if (v.kubeconfigFile !== undefined && v.kubeconfigFile !== true) return false;
  if (
    v.transcript !== undefined &&
    (!Array.isArray(v.transcript) || !v.transcript.every(isTranscriptEntry))
  ) {
    return false;
  }
  return true;
}

/** Read the saved lab. Missing value: `{ ok: true, saved: undefined }`. */
export function loadLab(storage: LabStorage | undefined): LoadResult {
  if (!storage) return { ok: false, reason: 'unavailable' };
  let raw: string | null;
  try {
    raw = storage.getItem(STORAGE_KEY);
  } catch {
    // Safari in some private modes, or storage disabled by policy.
    return { ok: false, reason: 'unavailable' };
  }
  if (raw === null) return { ok: true, saved: undefined };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'corrupt' };
  }
  return isSavedLab(parsed) ? { ok: true, saved: parsed } : { ok: false, reason: 'corrupt' };
}

/**
 * Serialise `lab`, dropping the journal when it is too long or too large (files and history
 * are worth more than the cluster: the cluster can be rebuilt by typing, the files cannot).
 * Returns undefined when even files and history do not fit.
 */
export function serializeLab(
  lab: SavedLab,
): { text: string; partial?: SavedLab['partial'] } | undefined {
  if (lab.journal.length > MAX_JOURNAL) {
    const text = JSON.stringify({ ...lab, journal: [], partial: 'tooLong' });
    return text.length <= MAX_STORED_CHARS ? { text, partial: 'tooLong' } : undefined;
  }
  const full = JSON.stringify(lab);
  if (full.length <= MAX_STORED_CHARS)
    return lab.partial ? { text: full, partial: lab.partial } : { text: full };
  const text = JSON.stringify({ ...lab, journal: [], partial: 'tooLarge' });
  return text.length <= MAX_STORED_CHARS ? { text, partial: 'tooLarge' } : undefined;
}

/** Save `lab`. Returns what happened; never throws (quota errors included). */
export function saveLab(
  storage: LabStorage | undefined,
  lab: SavedLab,
): 'saved' | 'partial' | 'failed' | 'unavailable' {
  if (!storage) return 'unavailable';
  const out = serializeLab(lab);
  if (!out) return 'failed';
  try {
    storage.setItem(STORAGE_KEY, out.text);
  } catch {
    return 'failed';
  }
  return out.partial ? 'partial' : 'saved';
}

/** Forget the saved lab (reset). Never throws. */
export function clearLab(storage: LabStorage | undefined): void {
  try {
    storage?.removeItem(STORAGE_KEY);
  } catch {
    // Nothing to do: the next save overwrites it anyway.
  }
}
