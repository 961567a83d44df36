/**
 * How the learner likes the lab laid out, kept across reloads in its own small `localStorage`
 * value (the lab's saved cluster, `kim.lab.v1`, is the session's and loads later, with the
 * engine; a preference must hold from the first paint). Today one choice: the bigger console.
 *
 * Reading never throws and never refuses the page: a missing, unreadable or foreign value
 * gives the defaults; writing into a full or disabled storage is silently skipped.
 */

/** The storage key. A value of another shape (an older or newer version) reads as defaults. */
export const LAB_PREFS_KEY = 'kim.labui.v1';

export interface LabPrefs {
  /** On a one-screen desktop layout the console takes most of the side column. */
  bigConsole: boolean;
}

export const DEFAULT_LAB_PREFS: LabPrefs = { bigConsole: false };

/** What the preferences need of a `Storage`. */
export type PrefsStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The saved preferences, or the defaults when there are none or they cannot be read. */
export function readLabPrefs(storage: PrefsStorage | undefined): LabPrefs {
  if (!storage) return DEFAULT_LAB_PREFS;
  try {
    const raw = storage.getItem(LAB_PREFS_KEY);
    if (raw === null) return DEFAULT_LAB_PREFS;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return DEFAULT_LAB_PREFS;
    }
    const { bigConsole } = parsed as Record<string, unknown>;
    return { bigConsole: bigConsole === true };
  } catch {
    // Storage refused (privacy modes, policy) or not JSON: the defaults.
    return DEFAULT_LAB_PREFS;
  }
}

/** Keep `prefs` for the next visit; a storage that refuses is ignored (the page goes on). */
export function writeLabPrefs(storage: PrefsStorage | undefined, prefs: LabPrefs): void {
  if (!storage) return;
  try {
    storage.setItem(LAB_PREFS_KEY, JSON.stringify({ bigConsole: prefs.bigConsole }));
  } catch {
    // Quota exceeded or storage disabled: the choice lasts for this visit only.
  }
}
