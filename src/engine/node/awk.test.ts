/** awk programs as mawk (Ubuntu, Debian images) and busybox awk run them (awk.ts). */
import { describe, expect, it } from 'vitest';
import { awkTool } from './awk.ts';
import type { Family } from './coreutils.ts';

const FILES: Record<string, string> = {
  'p.txt': 'root:x:0:0:root:/root:/bin/bash\nbin:x:1:1::/bin:/usr/sbin/nologin\n',
};
const PODS = `NAME    READY   STATUS             RESTARTS   AGE
web-1   1/1     Running            0          5m
web-2   0/1     CrashLoopBackOff   4          5m
db-0    1/1     Running            1          2m
`;

function awk(args: string[], input?: string, family: Family = 'dash') {
  return awkTool(args, input, (p) => FILES[p] ?? null, family);
}
const out = (args: string[], input?: string) => awk(args, input)?.output;

describe('awk', () => {
  it('prints fields, NR, NF and $NF, with OFS between commas', () => {
    expect(out(['NR>1 {print $1}'], PODS)).toBe('web-1\nweb-2\ndb-0\n');
    expect(out(['{print $NF}'], 'a b  c\n')).toBe('c\n');
    expect(out(['{print NR": "NF, $(NF-1)}'], 'a b c\nd e\n')).toBe('1: 3 b\n2: 2 d\n');
    expect(out(['-v', 'OFS=\\t', '{print $2, $1}'], 'a b\n')).toBe('b\ta\n');
    expect(out(['{print}'], '  keep   spaces \n')).toBe('  keep   spaces \n');
    expect(out(['{$2 = "X"; print}'], 'a  b c\n')).toBe('a X c\n');
  });

  it('splits on -F, one character or a regular expression', () => {
    expect(out(['-F:', '{print $1, $7}', 'p.txt'])).toBe('root /bin/bash\nbin /usr/sbin/nologin\n');
    expect(out(['-F', ',', '{print $2}'], 'a,,c\n')).toBe('\n');
    expect(out(['-F', '[:/]+', '{print $3}'], 'a:/b//c\n')).toBe('c\n');
    expect(out(['-F\\t', '{print $2}'], 'a b\tc\n')).toBe('c\n');
  });

  it('selects records by pattern, comparison and range', () => {
    expect(out(['$3 == "Running" {print $1}'], PODS)).toBe('web-1\ndb-0\n');
    expect(out(['NR>1 && $3 != "Running"'], PODS)).toBe(
      'web-2   0/1     CrashLoopBackOff   4          5m\n',
    );
    expect(out(['/^db/ {print $2}'], PODS)).toBe('1/1\n');
    // The heading's RESTARTS compares as text, greater than "0", as in awk.
    expect(out(['$4 > 0 {print $1}'], PODS)).toBe('NAME\nweb-2\ndb-0\n');
    expect(out(['$1 ~ /^web/ && !/Crash/ {print $1}'], PODS)).toBe('web-1\n');
    expect(out(['/web-2/,/db/ {print NR}'], PODS)).toBe('3\n4\n');
    // Numbers compare as numbers, text as text: "10" > "9" numerically.
    expect(out(['$1 > $2'], '10 9\nabc abd\n')).toBe('10 9\n');
  });

  it('sums in BEGIN/END and formats with printf', () => {
    expect(out(['NR>1 {s += $4} END {print "restarts:", s}'], PODS)).toBe('restarts: 5\n');
    expect(out(['{s+=$1} END {print s/NR}'], '1\n2\n')).toBe('1.5\n');
    expect(out(['BEGIN {printf "%-6s|%5.2f|%03d|%c%%\\n", "ab", 3.14159, 7, 65}'])).toBe(
      'ab    | 3.14|007|A%\n',
    );
    expect(out(['BEGIN {print 1/3, 2^10, 7%3, -"3x"}'])).toBe('0.333333 1024 1 -3\n');
    expect(out(['END {print NR}'], 'a\nb\n')).toBe('2\n');
    expect(out(['{n++} END {print n+0}'], '')).toBe('0\n');
    expect(out(['BEGIN {x = y; print (x == 0), (x == ""), length(x)}'])).toBe('1 1 0\n');
  });

  it('has if/else, next, exit and the string functions', () => {
    expect(out(['{ if ($1 > 1) print "big"; else print "small" }'], '1\n2\n')).toBe('small\nbig\n');
    expect(out(['NR==1 {next} {print}'], 'h\nx\n')).toBe('x\n');
    expect(awk(['{print; exit 3} END {print "end"}'], 'a\nb\n')).toEqual({
      ms: 0,
      output: 'a\nend\n',
      exitCode: 3,
    });
    expect(out(['{print toupper(substr($1, 1, 3)), length($1), index($1, "-")}'], 'web-1\n')).toBe(
      'WEB 5 4\n',
    );
    expect(out(['{ n = gsub(/o/, "0"); print n, $0 }'], 'foo boo\n')).toBe('4 f00 b00\n');
    expect(out(['{ sub(/:.*/, "", $1); print $1 }'], 'a:b c\n')).toBe('a\n');
    expect(out(['{print length}'], 'abc\n')).toBe('3\n');
    expect(out(['{x = sprintf("%5s", $1); print "[" x "]"}'], 'ab\n')).toBe('[   ab]\n');
  });

  it('reports syntax errors and missing files as mawk and busybox do', () => {
    expect(awk(['{print $1'], 'a\n')).toEqual({
      ms: 0,
      output: '',
      error: 'awk: line 1: missing } near end of file\n',
      exitCode: 2,
    });
    expect(awk(['{print $1 }}'], 'a\n')?.error).toBe('awk: line 1: syntax error at or near }\n');
    expect(awk(['{print $1', 'x'], 'a\n', 'busybox')?.error).toBe(
      'awk: cmd. line:1: Unexpected end of string\n',
    );
    expect(awk(['{print}', 'nope'])).toEqual({
      ms: 0,
      output: '',
      error: 'awk: cannot open nope (No such file or directory)\n',
      exitCode: 2,
    });
  });

  it('leaves loops, arrays and redirections unsimulated', () => {
    expect(awk(['{for (i = 1; i <= NF; i++) print $i}'], 'a\n')).toBeUndefined();
    expect(awk(['{a[$1]++}'], 'a\n')).toBeUndefined();
    expect(awk(['{print > "f"}'], 'a\n')).toBeUndefined();
    expect(awk(['{print}'])).toBeUndefined();
  });
});
