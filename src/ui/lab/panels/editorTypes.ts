/**
 * The editor's props, in a module of their own so `LazyEditor` can name them without pulling
 * the editor (and the YAML parser) into the first bundle.
 */

/** A workspace file as the file list shows it (`LabState.files`). */
export interface EditorFile {
  name: string;
  /** Bytes (UTF-8). */
  size: number;
}

/** Unsaved text of one file. */
export interface EditorDraft {
  text: string;
  /** The saved text the draft started from (to notice a console command rewriting the file). */
  base: string;
}

export type SaveResult = { ok: true } | { ok: false; error: string };

export interface EditorProps {
  /** Every workspace file (`session.files()`). */
  files: readonly EditorFile[];
  /**
   * The open file's path, or undefined when none is open. It may name a file that does not
   * exist yet (`vim new.yaml`): the editor starts empty and Save creates it.
   */
  path: string | undefined;
  /**
   * The open file's saved content (`session.readFile(path)`), undefined if it does not exist.
   * After `save` returns ok (or the console rewrites the file), the parent passes the new text.
   */
  content: string | undefined;
  /** Open another file (the parent sets `path` and `content`). */
  open(path: string): void;
  /** Save the file (`session.writeFile`); an error (`File too large`) is shown to the learner. */
  save(path: string, text: string): SaveResult;
  /** Delete the file (`session.removeFile`), after the learner confirmed it. */
  remove(path: string): void;
  /**
   * Make a new file with this name (already checked: a relative path of letters, digits, `.`,
   * `-`, `_`, not an existing file) and open it. Writing it empty is the parent's choice.
   */
  newFile(name: string): void;
  /** Called whenever "some file has unsaved changes" flips (to warn before leaving). */
  onDirtyChange?(dirty: boolean): void;
  /**
   * A box the parent keeps (`useRef({})`) so unsaved drafts survive the editor being
   * unmounted (another tab shown). Without it, drafts live only as long as the editor.
   */
  keepDrafts?: { current: Record<string, EditorDraft> };
}

/** The editor opens and saves texts up to this many bytes (UTF-8): 64 KiB. */
export const MAX_EDITOR_BYTES = 64 * 1024;

/** UTF-8 length of a string without encoding it. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Kilobytes with one decimal, for messages (`1.2`). */
export function kb(bytes: number): string {
  return (Math.ceil((bytes / 1024) * 10) / 10).toFixed(1);
}

/** A name the new-file form accepts: relative, segments of `[A-Za-z0-9._-]`, no `.`/`..`. */
export function validNewFileName(name: string): boolean {
  if (name.length === 0 || name.length > 200) return false;
  return name
    .split('/')
    .every((seg) => /^[A-Za-z0-9._-]+$/.test(seg) && seg !== '.' && seg !== '..');
}
