/** go-wordwrap's WrapString and templates.flagsUsages, as kubectl 1.32 lays out its options. */
import { describe, expect, it } from 'vitest';
import { flagsUsages, wrapString } from './helpFormat.ts';

describe('wrapString (go-wordwrap v1.0.1)', () => {
  it('breaks at the last space that keeps a line within the limit, dropping that space', () => {
    expect(wrapString('foo bar baz', 7)).toBe('foo bar\nbaz');
    expect(wrapString('foo bar baz', 3)).toBe('foo\nbar\nbaz');
  });

  it('never splits a word longer than the limit', () => {
    expect(wrapString('a verylongword b', 5)).toBe('a\nverylongword\nb');
  });

  it('starts counting afresh after a newline and keeps leading spaces', () => {
    expect(wrapString('  one two\nthree four', 9)).toBe('  one two\nthree\nfour');
  });
});

describe('flagsUsages', () => {
  it('sorts by name, indents usages by a tab and wraps them at 30 columns for a 40-column limit', () => {
    const out = flagsUsages(
      [
        { name: 'watch', short: 'w', def: 'false', usage: 'Watch.' },
        {
          name: 'all',
          def: 'false',
          usage: 'one two three four five six seven eight nine ten eleven twelve',
        },
      ],
      40,
    );
    expect(out).toBe(
      [
        '    --all=false:',
        '\tone two three four five six',
        '\tseven eight nine ten eleven',
        '\ttwelve',
        '',
        '    -w, --watch=false:',
        '\tWatch.',
        '',
        '',
      ].join('\n'),
    );
  });

  it("joins a usage's own lines with a space before wrapping", () => {
    expect(flagsUsages([{ name: 'x', def: "''", usage: 'a\n\tb' }])).toBe(
      "    --x='':\n\ta \tb\n\n",
    );
  });
});
