/** sed's scripts as GNU sed 4.9 and busybox sed run them (sed.ts). */
import { describe, expect, it } from 'vitest';
import type { Family } from './coreutils.ts';
import { sedTool } from './sed.ts';

const FILES: Record<string, string> = {
  'deploy.yaml': 'image: nginx:1.25\nreplicas: 1\n',
  'b.txt': 'one\ntwo\n',
};

function sed(args: string[], input?: string, family: Family = 'dash') {
  const written: Record<string, string> = {};
  const r = sedTool(
    args,
    input,
    (p) => written[p] ?? FILES[p] ?? null,
    family,
    (p, c) => {
      written[p] = c;
      return undefined;
    },
  );
  return { r, written };
}

const out = (args: string[], input?: string) => sed(args, input).r?.output;
const LINES = 'alpha 1\nbeta 2\ngamma 3\ndelta 4\n';

describe('sed', () => {
  it('substitutes with any delimiter, g, a count, & and groups', () => {
    expect(out(['s/a/A/'], LINES)).toBe('Alpha 1\nbetA 2\ngAmma 3\ndeltA 4\n');
    expect(out(['s|a|A|g'], 'banana\n')).toBe('bAnAnA\n');
    expect(out(['s/a/A/2'], 'banana\n')).toBe('banAna\n');
    expect(out(['s/a/A/2g'], 'banana\n')).toBe('banAnA\n');
    expect(out(['s/[0-9]/<&>/'], 'x1y\n')).toBe('x<1>y\n');
    expect(out(['s/\\([a-z]*\\) \\([0-9]\\)/\\2 \\1/'], 'web 3\n')).toBe('3 web\n');
    expect(out(['-E', 's/([a-z]+) ([0-9])/\\2-\\1/'], 'web 3\n')).toBe('3-web\n');
    expect(out(['-r', 's/(a|b)+/X/'], 'abba cd\n')).toBe('X cd\n');
    expect(out(['s/a\\{2\\}/X/'], 'baaa\n')).toBe('bXa\n');
    expect(out(['s/a\\+/X/'], 'baaa\n')).toBe('bX\n');
    expect(out(['s/(x)/y/'], 'f(x)\n')).toBe('fy\n');
    expect(out(['s/NGINX/web/I'], 'nginx\n')).toBe('web\n');
    expect(out(['s#/usr/share#/srv#'], '/usr/share/nginx\n')).toBe('/srv/nginx\n');
    expect(out(['s/x/a\\/b/'], 'x\n')).toBe('a/b\n');
  });

  it('selects lines by number, $, regex and ranges, with -n, p, d, q, = and !', () => {
    expect(out(['-n', '2p'], LINES)).toBe('beta 2\n');
    expect(out(['-n', '$p'], LINES)).toBe('delta 4\n');
    expect(out(['-n', '2,3p'], LINES)).toBe('beta 2\ngamma 3\n');
    expect(out(['-n', '/beta/,/delta/p'], LINES)).toBe('beta 2\ngamma 3\ndelta 4\n');
    expect(out(['-n', '/^g/p'], LINES)).toBe('gamma 3\n');
    expect(out(['1d'], LINES)).toBe('beta 2\ngamma 3\ndelta 4\n');
    expect(out(['/a 1/,2!d'], LINES)).toBe('alpha 1\nbeta 2\n');
    expect(out(['2q'], LINES)).toBe('alpha 1\nbeta 2\n');
    expect(out(['-n', '$='], LINES)).toBe('4\n');
    expect(out(['p'], 'x\n')).toBe('x\nx\n');
    expect(out(['-n', '3,1p'], LINES)).toBe('gamma 3\n');
    expect(sed(['5q3'], 'a\n').r).toEqual({ ms: 0, output: 'a\n' });
    expect(sed(['q3'], 'a\nb\n').r).toEqual({ ms: 0, output: 'a\n', exitCode: 3 });
  });

  it('runs several -e expressions and ;-separated commands in order', () => {
    expect(out(['-e', 's/a/b/', '-e', 's/b/c/'], 'a\n')).toBe('c\n');
    expect(out(['-n', 's/beta/BETA/p;4p'], LINES)).toBe('BETA 2\ndelta 4\n');
    expect(out(['-ne', '1p'], LINES)).toBe('alpha 1\n');
    expect(out(['y/abc/xyz/'], 'aabbcc\n')).toBe('xxyyzz\n');
    expect(out(['1i first', '-'], 'x\n')).toBe('first\nx\n');
    expect(out(['$a last'], 'x\ny\n')).toBe('x\ny\nlast\n');
    expect(out(['2c two'], 'x\ny\nz\n')).toBe('x\ntwo\nz\n');
  });

  it('keeps a last line without a newline as it was', () => {
    expect(out(['s/a/b/'], 'a\na')).toBe('b\nb');
  });

  it('edits files in place, with a backup suffix', () => {
    const { r, written } = sed(['-i', 's/nginx:1.25/nginx:1.26/', 'deploy.yaml']);
    expect(r).toEqual({ ms: 0, output: '' });
    expect(written).toEqual({ 'deploy.yaml': 'image: nginx:1.26\nreplicas: 1\n' });
    const bak = sed(['-i.bak', '-e', '1d', 'b.txt']).written;
    expect(bak).toEqual({ 'b.txt.bak': 'one\ntwo\n', 'b.txt': 'two\n' });
  });

  it('says what GNU sed says of a bad script or a missing file', () => {
    const err = (args: string[], family: Family = 'dash') => {
      const r = sed(args, 'x\n', family).r;
      return [r?.error, r?.exitCode];
    };
    expect(err(['s/a/b'])).toEqual([
      "sed: -e expression #1, char 5: unterminated `s' command\n",
      1,
    ]);
    expect(err(['s/a/b/x'])).toEqual(["sed: -e expression #1, char 7: unknown option to `s'\n", 1]);
    expect(err(['-e', 'p', '-e', 'k'])).toEqual([
      "sed: -e expression #2, char 1: unknown command: `k'\n",
      1,
    ]);
    expect(err(['y/ab/c/'])).toEqual([
      "sed: -e expression #1, char 7: strings for `y' command are different lengths\n",
      1,
    ]);
    expect(err(['p', 'nope.txt'])).toEqual([
      "sed: can't read nope.txt: No such file or directory\n",
      2,
    ]);
    expect(err(['s/a/b'], 'busybox')).toEqual(["sed: unmatched '/'\n", 1]);
    expect(err(['k'], 'busybox')).toEqual(['sed: unsupported command k\n', 1]);
    expect(err(['-i', 'p'])).toEqual(['sed: no input files\n', 4]);
  });

  it('groups commands in blocks and opens 0,/re/ before the first line', () => {
    expect(out(['-n', '/beta/,/gamma/{s/ [0-9]//;p}'], LINES)).toBe('beta\ngamma\n');
    expect(out(['2,3{/gamma/!d}'], LINES)).toBe('alpha 1\ngamma 3\ndelta 4\n');
    expect(out(['-n', '/a/{/l/{p;q}}'], LINES)).toBe('alpha 1\n');
    expect(out(['0,/a/s//X/'], 'a\na\n')).toBe('X\na\n');
    expect(out(['1,/a/s/a/X/'], 'a\na\nb\n')).toBe('X\nX\nb\n');
    const err = (args: string[]) => sed(args, 'x\n').r?.error;
    expect(err(['/a/{p'])).toBe("sed: -e expression #1, char 0: unmatched `{'\n");
    expect(err(['p;}'])).toBe("sed: -e expression #1, char 3: unexpected `}'\n");
    expect(err(['0,5p'])).toBe('sed: -e expression #1, char 3: invalid usage of line address 0\n');
  });

  it('leaves forms it does not simulate to the caller', () => {
    expect(sed(['N;P;D'], 'x\n').r).toBeUndefined();
    expect(sed(['/a/,+2p'], 'x\n').r).toBeUndefined();
    expect(sed(['--posix', 'p'], 'x\n').r).toBeUndefined();
  });
});
