import { describe, expect, it } from 'vitest';
import { indentEdit, newlineEdit, outdentEdit, type TextEdit } from './editText.ts';

/** Apply an edit and show the caret/selection as `|` (or `[…]`). */
function apply(text: string, edit: TextEdit | undefined): string {
  if (!edit) return 'unchanged';
  const out = text.slice(0, edit.from) + edit.insert + text.slice(edit.to);
  if (edit.selectionStart === edit.selectionEnd) {
    return `${out.slice(0, edit.selectionStart)}|${out.slice(edit.selectionStart)}`;
  }
  return `${out.slice(0, edit.selectionStart)}[${out.slice(edit.selectionStart, edit.selectionEnd)}]${out.slice(edit.selectionEnd)}`;
}

describe('Tab and Shift+Tab', () => {
  it('inserts two spaces at the caret (YAML forbids tabs for indentation)', () => {
    expect(apply('spec:\n', indentEdit('spec:\n', 6, 6))).toBe('spec:\n  |');
  });

  it('indents every selected line, leaving empty lines empty', () => {
    const text = 'a: 1\n\nb: 2\nc: 3';
    expect(apply(text, indentEdit(text, 1, 8))).toBe('[  a: 1\n\n  b: 2]\nc: 3');
  });

  it('outdents by at most two spaces per line, and does nothing at the margin', () => {
    const text = 'x:\n   a: 1\n b: 2';
    expect(apply(text, outdentEdit(text, 4, 14))).toBe('x:\n[ a: 1\nb: 2]');
    expect(apply('a: 1', outdentEdit('a: 1', 2, 2))).toBe('unchanged');
    expect(apply('    a: 1', outdentEdit('    a: 1', 6, 6))).toBe('  a:| 1');
  });
});

describe('Enter', () => {
  it('keeps the indentation, and adds a level after a key that opens a block', () => {
    expect(apply('  name: x', newlineEdit('  name: x', 9, 9))).toBe('  name: x\n  |');
    expect(apply('spec:', newlineEdit('spec:', 5, 5))).toBe('spec:\n  |');
    expect(apply('  script: |', newlineEdit('  script: |', 11, 11))).toBe('  script: |\n    |');
  });

  it('lines up with the keys of a list item', () => {
    const text = '  - name: nginx';
    expect(apply(text, newlineEdit(text, text.length, text.length))).toBe(`${text}\n    |`);
    const open = '  - ports:';
    expect(apply(open, newlineEdit(open, open.length, open.length))).toBe(`${open}\n      |`);
  });
});
