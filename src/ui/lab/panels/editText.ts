/**
 * The editor's key handling as pure text edits (Tab, Shift+Tab, Enter), so they are testable
 * without a DOM. The editor applies an edit through the browser's own insertText command,
 * which keeps Ctrl+Z working.
 */

/** Replace `text.slice(from, to)` with `insert`, then select `selectionStart`…`selectionEnd`. */
export interface TextEdit {
  from: number;
  to: number;
  insert: string;
  selectionStart: number;
  selectionEnd: number;
}

export const INDENT = '  ';

const lineStartOf = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;

/** The lines a selection touches: from the start of its first line to the end of its last. */
function touchedLines(text: string, start: number, end: number): { from: number; to: number } {
  const from = lineStartOf(text, start);
  // A selection ending at the very start of a line does not touch that line.
  const last = end > start && text[end - 1] === '\n' ? end - 1 : end;
  const nl = text.indexOf('\n', last);
  return { from, to: nl < 0 ? text.length : nl };
}

/** Tab: two spaces at the caret, or every selected line indented by two spaces. */
export function indentEdit(text: string, start: number, end: number): TextEdit {
  if (!text.slice(start, end).includes('\n')) {
    return {
      from: start,
      to: end,
      insert: INDENT,
      selectionStart: start + INDENT.length,
      selectionEnd: start + INDENT.length,
    };
  }
  const { from, to } = touchedLines(text, start, end);
  const insert = text
    .slice(from, to)
    .split('\n')
    .map((l) => (l === '' ? l : INDENT + l))
    .join('\n');
  return { from, to, insert, selectionStart: from, selectionEnd: from + insert.length };
}

/** Shift+Tab: up to two leading spaces removed from every touched line; undefined if none. */
export function outdentEdit(text: string, start: number, end: number): TextEdit | undefined {
  const { from, to } = touchedLines(text, start, end);
  const before = text.slice(from, to);
  const lines = before.split('\n');
  const removed = lines.map((l) => /^ {0,2}/.exec(l)?.[0].length ?? 0);
  if (removed.every((n) => n === 0)) return undefined;
  const insert = lines.map((l, i) => l.slice(removed[i])).join('\n');
  const single = lines.length === 1;
  const caret = Math.max(from, start - (removed[0] ?? 0));
  return {
    from,
    to,
    insert,
    selectionStart: single ? caret : from,
    selectionEnd: single ? Math.max(caret, end - (removed[0] ?? 0)) : from + insert.length,
  };
}

/**
 * Enter: a new line indented like the current one; two more after a key that opens a block
 * (`spec:`, `command: |`), and aligned with the item's keys inside a list item (`- name: x`).
 */
export function newlineEdit(text: string, start: number, end: number): TextEdit {
  const lineStart = lineStartOf(text, start);
  const before = text.slice(lineStart, start);
  const indent = /^ */.exec(before)?.[0].length ?? 0;
  let next = indent;
  const rest = before.slice(indent);
  if (/^- +\S/.test(rest)) next += /^- +/.exec(rest)?.[0].length ?? 2;
  if (/:\s*(?:[|>][-+0-9]*)?\s*$/.test(before) && !/^- *$/.test(rest)) next += INDENT.length;
  const insert = `\n${' '.repeat(next)}`;
  return {
    from: start,
    to: end,
    insert,
    selectionStart: start + insert.length,
    selectionEnd: start + insert.length,
  };
}
