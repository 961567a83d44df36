import { describe, expect, it } from 'vitest';
import { unifiedHunks } from './unifiedDiff.ts';

const text = (lines: string[]): string => lines.map((l) => `${l}\n`).join('');
const abc = 'abcdefghijklmn'.split('');

describe('diff -u hunks', () => {
  it('merges changes six unchanged lines apart into one hunk, not seven', () => {
    const six = [...abc];
    six[3] = 'D';
    six[10] = 'K';
    expect(unifiedHunks(text(abc), text(six))).toBe(
      '@@ -1,14 +1,14 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n h\n i\n j\n-k\n+K\n l\n m\n n\n',
    );
    const seven = [...abc];
    seven[3] = 'D';
    seven[11] = 'L';
    expect(unifiedHunks(text(abc), text(seven))).toBe(
      '@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n@@ -9,6 +9,6 @@\n i\n j\n k\n-l\n+L\n m\n n\n',
    );
  });

  it('names the line before an empty range: a new file is -0,0', () => {
    expect(unifiedHunks('', text(['x', 'y']))).toBe('@@ -0,0 +1,2 @@\n+x\n+y\n');
    expect(unifiedHunks(text(['x']), '')).toBe('@@ -1 +0,0 @@\n-x\n');
    expect(unifiedHunks(text(['a', 'b']), text(['a', 'b']))).toBe('');
  });

  it('slides an insertion of a repeated line as far down as it goes, as GNU diff does', () => {
    expect(unifiedHunks(text(['a', 'x', 'b']), text(['a', 'x', 'x', 'b']))).toBe(
      '@@ -1,3 +1,4 @@\n a\n x\n+x\n b\n',
    );
    // A replacement stays lined up with the line it replaces.
    expect(unifiedHunks(text(['x', 'x']), text(['y', 'x']))).toBe('@@ -1,2 +1,2 @@\n-x\n+y\n x\n');
  });
});
