/**
 * The text tools of the container images (busybox applets, GNU coreutils): outputs and exit
 * codes of the forms learners type, and undefined (the console refuses) for those not simulated.
 */
import { describe, expect, it } from 'vitest';
import {
  cutTool,
  dashEcho,
  grepTool,
  headTailTool,
  printfTool,
  seqTool,
  sortUniqTool,
  trTool,
  wcTool,
} from './coreutils.ts';

const files: Record<string, string> = {
  '/f1': 'a\n',
  '/f2': 'b\nc\n',
  '/log': 'foo bar\nfoobar\nFOO\n',
};
const read = (path: string) => files[path] ?? null;

describe('printf', () => {
  it('conversions, flags, widths and precision', () => {
    expect(
      printfTool([
        '%x %o %X %#x|%5.2f|%-6.1f|%+d|%.3s\n',
        '255',
        '8',
        '255',
        '255',
        '3.14159',
        '2.5',
        '4',
        'abcdef',
      ])?.output,
    ).toBe('ff 10 FF 0xff| 3.14|2.5   |+4|abc\n');
    expect(printfTool(['%c%c\n', 'xyz', 'q'])?.output).toBe('xq\n');
    expect(printfTool(['%d\n', "'A"])?.output).toBe('65\n');
    expect(printfTool(['a\\101\\x42\\c never'])?.output).toBe('aAB');
    expect(printfTool(['%b', 'one\\ctwo'])?.output).toBe('one');
  });

  it('a number that is not one is refused', () => {
    expect(printfTool(['%d', 'abc'])).toBeUndefined();
    expect(printfTool(['%q', 'x'])).toBeUndefined();
  });
});

describe('seq, cut, head, tail', () => {
  it('seq -w pads to the widest; an empty range prints nothing', () => {
    expect(seqTool(['-w', '8', '10'])?.output).toBe('08\n09\n10\n');
    expect(seqTool(['5', '-2', '1'])?.output).toBe('5\n3\n1\n');
    expect(seqTool(['3', '1'])?.output).toBe('');
    expect(seqTool(['1.5'])).toBeUndefined();
  });

  it('cut -c and -f, lines without the delimiter kept unless -s', () => {
    expect(cutTool(['-c', '2-3'], 'abcd\n', read)?.output).toBe('bc\n');
    expect(cutTool(['-d,', '-f2'], 'a,b\nnone\n', read)?.output).toBe('b\nnone\n');
    expect(cutTool(['-s', '-d,', '-f2'], 'a,b\nnone\n', read)?.output).toBe('b\n');
    expect(cutTool(['-f1'], undefined, read)).toBeUndefined();
  });

  it('head -n -N (all but the last N), tail -c, a missing file', () => {
    expect(headTailTool('head', ['-n', '-1'], 'a\nb\nc\n', read, 'dash')?.output).toBe('a\nb\n');
    expect(headTailTool('tail', ['-c', '3'], 'abcdef\n', read, 'busybox')?.output).toBe('ef\n');
    expect(headTailTool('tail', ['/nope'], undefined, read, 'busybox')).toEqual({
      ms: 0,
      exitCode: 1,
      output: '',
      error: "tail: can't open '/nope': No such file or directory\n",
    });
    expect(headTailTool('tail', ['/nope'], undefined, read, 'dash')?.error).toBe(
      "tail: cannot open '/nope' for reading: No such file or directory\n",
    );
  });
});

describe('grep', () => {
  it('-o, -x, -w, -l, several files, basic and extended expressions', () => {
    expect(grepTool(['-o', 'o'], 'foo\n', read)?.output).toBe('o\no\n');
    expect(grepTool(['-x', 'foobar', '/log'], undefined, read)?.output).toBe('foobar\n');
    expect(grepTool(['-w', 'foo', '/log'], undefined, read)?.output).toBe('foo bar\n');
    expect(grepTool(['-il', 'foo', '/log', '/f1'], undefined, read)?.output).toBe('/log\n');
    expect(grepTool(['-c', 'a', '/f1', '/f2'], undefined, read)?.output).toBe('/f1:1\n/f2:0\n');
    // Basic: + is a character, \+ repeats (GNU and busybox); extended: + repeats.
    expect(grepTool(['o+'], 'fo+\nfoo\n', read)?.output).toBe('fo+\n');
    expect(grepTool(['o\\+'], 'fo+\nfoo\n', read)?.output).toBe('fo+\nfoo\n');
    expect(grepTool(['-E', 'bar|FOO', '/log'], undefined, read)?.output).toBe(
      'foo bar\nfoobar\nFOO\n',
    );
    expect(grepTool(['[[:upper:]]', '/log'], undefined, read)?.output).toBe('FOO\n');
  });

  it('a missing file is exit 2 even when another matches', () => {
    expect(grepTool(['a', '/f1', '/nope'], undefined, read)).toEqual({
      ms: 0,
      exitCode: 2,
      output: '/f1:a\n',
      error: 'grep: /nope: No such file or directory\n',
    });
  });

  it('context lines: -A/-B/-C N, -AN, -N, --after-context=N; groups split by --, context marked with -', () => {
    const text = 'a\nb\nX1\nc\nd\ne\nX2\nf\ng\nh\ni\nX3\n';
    const grep = (...args: string[]) => grepTool(args, text, read)?.output;
    expect(grep('-A1', 'X')).toBe('X1\nc\n--\nX2\nf\n--\nX3\n');
    expect(grep('-A', '1', 'X')).toBe(grep('-A1', 'X'));
    expect(grep('--after-context=1', 'X')).toBe(grep('-A1', 'X'));
    expect(grep('-B', '2', '-n', 'X')).toBe(
      '1-a\n2-b\n3:X1\n--\n5-d\n6-e\n7:X2\n--\n10-h\n11-i\n12:X3\n',
    );
    // Touching groups merge: no separator between c..e.
    expect(grep('-C2', 'X[12]')).toBe('a\nb\nX1\nc\nd\ne\nX2\nf\ng\n');
    expect(grep('-1', 'X2')).toBe('e\nX2\nf\n');
    expect(grep('-c', '-A3', 'X')).toBe('3\n');
    expect(grepTool(['-A', 'x', 'X'], text, read)).toBeUndefined();
  });
});

describe('wc, sort, uniq, tr', () => {
  it('several files end with a total; GNU pads to the total size, busybox to 9', () => {
    expect(wcTool(['-l', '/f1', '/f2'], undefined, read, 'dash')?.output).toBe(
      '1 /f1\n2 /f2\n3 total\n',
    );
    expect(wcTool(['/f2'], undefined, read, 'dash')?.output).toBe('2 2 4 /f2\n');
    expect(wcTool(['/f2'], undefined, read, 'busybox')?.output).toBe(
      '        2         2         4 /f2\n',
    );
  });

  it('sort -u and -rn, uniq -d and -u', () => {
    expect(sortUniqTool('sort', ['-u'], 'b\na\nb\n', read, 'dash')?.output).toBe('a\nb\n');
    expect(sortUniqTool('sort', ['-rn'], '2\n10\n1\n', read, 'dash')?.output).toBe('10\n2\n1\n');
    expect(sortUniqTool('uniq', ['-d'], 'a\na\nb\n', read, 'dash')?.output).toBe('a\n');
    expect(sortUniqTool('uniq', ['-u'], 'a\na\nb\n', read, 'dash')?.output).toBe('b\n');
    expect(sortUniqTool('sort', ['/nope'], undefined, read, 'dash')).toEqual({
      ms: 0,
      exitCode: 2,
      output: '',
      error: 'sort: cannot read: /nope: No such file or directory\n',
    });
  });

  it('tr pads SET2 with its last character; -ds; an unread set is refused', () => {
    expect(trTool(['abc', 'x'], 'aabbcc\n')?.output).toBe('xxxxxx\n');
    expect(trTool(['-ds', 'a', 'b'], 'abbbc\n')?.output).toBe('bc\n');
    expect(trTool(['-c', 'a', 'b'], 'abc')).toBeUndefined();
    expect(trTool(['[=a=]', 'b'], 'abc')).toBeUndefined();
  });

  it("dash's echo: -n only first, escapes always", () => {
    expect(dashEcho(['-n', 'a\\tb']).output).toBe('a\tb');
    expect(dashEcho(['-e', 'x\\0101']).output).toBe('-e xA\n');
  });
});
