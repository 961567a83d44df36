import { describe, expect, it } from 'vitest';
import { shellTest, type TestFiles } from './shellTest.ts';

const FILES: Record<string, string> = { '/cfg/color': 'blue', '/cfg/empty': '' };
const files: TestFiles = {
  read: (p) => FILES[p] ?? (p.startsWith('/cfg/') ? null : undefined),
  isDir: (p) => (p === '/cfg' || p === '/tmp' ? true : undefined),
  root: true,
};
const status = (cmd: string, ...args: string[]) => shellTest(cmd, args, files, 'busybox')?.status;

describe('test, [ ] and [[ ]]', () => {
  it('POSIX rules by argument count: one word is true when not empty, whatever it says', () => {
    expect(status('test')).toBe(1);
    expect(status('[', '-n', ']')).toBe(0);
    expect(status('[', '', ']')).toBe(1);
    expect(status('[', '!', ']')).toBe(0);
    expect(status('[', '!', '', ']')).toBe(0);
    expect(status('[', '!', '-z', '', ']')).toBe(1);
    expect(status('[', '(', 'x', ')', ']')).toBe(0);
  });

  it('files: exists, regular, directory, not empty', () => {
    expect(status('[', '-e', '/cfg/color', ']')).toBe(0);
    expect(status('[', '-f', '/cfg', ']')).toBe(1);
    expect(status('[', '-d', '/cfg', ']')).toBe(0);
    expect(status('[', '-s', '/cfg/empty', ']')).toBe(1);
    expect(status('[[', '-e', '/cfg/nope', ']]')).toBe(1);
    // Root may read and write any file there is (busybox and dash look at no mount flags).
    expect(status('test', '-w', '/cfg/color')).toBe(0);
    // The simulation does not know what lies elsewhere: not answered.
    expect(status('test', '-e', '/opt/x')).toBeUndefined();
  });

  it('strings and integers; -a binds tighter than -o', () => {
    expect(status('[', 'a', '=', 'a', ']')).toBe(0);
    expect(status('[', 'a', '!=', 'a', ']')).toBe(1);
    expect(status('[', '10', '-gt', '9', ']')).toBe(0);
    expect(status('[', '-1', '-lt', '0', ']')).toBe(0);
    expect(status('[', 'x', '=', 'y', '-o', 'a', '=', 'a', '-a', 'b', '=', 'b', ']')).toBe(0);
    expect(status('[', 'x', '=', 'x', '-a', 'a', '=', 'b', '-o', '1', '-eq', '2', ']')).toBe(1);
    expect(status('[', '(', 'x', '=', 'y', '-o', 'a', '=', 'a', ')', '-a', '-n', 'z', ']')).toBe(0);
    // A word that is not a number: its error text is not known here, so not simulated.
    expect(status('[', 'a', '-eq', '1', ']')).toBeUndefined();
  });

  it('a missing ] or ]]: busybox and dash complain (exit 2), each in its words', () => {
    expect(shellTest('[', ['-e', '/cfg'], files, 'busybox')).toEqual({
      status: 2,
      error: 'sh: missing ]\n',
    });
    expect(shellTest('[[', ['-e', '/cfg'], files, 'busybox')).toEqual({
      status: 2,
      error: 'sh: missing ]]\n',
    });
    expect(shellTest('[', ['-e', '/cfg'], files, 'dash')).toEqual({
      status: 2,
      error: 'sh: 1: [: missing ]\n',
    });
  });
});
