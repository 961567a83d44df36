/**
 * The console's own shell redirects file descriptors as bash does (audit 15 F26): `2>` and
 * `1>` name a descriptor (not an argument `2`), `2>/dev/null` drops stderr, `2>&1` copies
 * stdout's destination as it is at that point, `&>` sends both.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const NOPE = 'error: the server doesn\'t have a resource type "nope"\n';
const NAMESPACES =
  'NAME              STATUS   AGE\ndefault           Active   5d\nkube-node-lease   Active   5d\nkube-public       Active   5d\nkube-system       Active   5d\n';

describe('console redirections', () => {
  it('2> and 2>/dev/null take stderr; 1> is stdout', () => {
    const { run, host } = engineSession(3);
    expect(run('kubectl get nope 2> err.txt')).toEqual({ out: '', err: '', code: 1 });
    expect(host.fs.read('err.txt')).toBe(NOPE);
    expect(run('kubectl get nope 2>/dev/null')).toEqual({ out: '', err: '', code: 1 });
    expect(run('kubectl get ns 2>/dev/null')).toEqual({ out: NAMESPACES, err: '', code: 0 });
    expect(run('kubectl get ns 1> ns.txt')).toEqual({ out: '', err: '', code: 0 });
    expect(host.fs.read('ns.txt')).toBe(NAMESPACES);
    run('kubectl get nope 2>>err.txt');
    expect(host.fs.read('err.txt')).toBe(NOPE + NOPE);
  });

  it('2>&1 follows where stdout points at that moment; &> sends both', () => {
    const { run, host } = engineSession(3);
    expect(run('kubectl get nope > out.txt 2>&1')).toEqual({ out: '', err: '', code: 1 });
    expect(host.fs.read('out.txt')).toBe(NOPE);
    // stderr became a copy of the terminal's stdout before stdout went to the file.
    expect(run('kubectl get nope 2>&1 > o2.txt')).toEqual({ out: NOPE, err: '', code: 1 });
    expect(host.fs.read('o2.txt')).toBe('');
    // To the terminal's stdout.
    expect(run('kubectl get nope 2>&1')).toEqual({ out: NOPE, err: '', code: 1 });
    expect(run('kubectl get nope &> both.txt')).toEqual({ out: '', err: '', code: 1 });
    expect(host.fs.read('both.txt')).toBe(NOPE);
    run('kubectl get ns --no-headers &>> both.txt');
    expect(host.fs.read('both.txt')).toBe(
      `${NOPE}default           Active   5d\nkube-node-lease   Active   5d\nkube-public       Active   5d\nkube-system       Active   5d\n`,
    );
  });

  it('reads a digit as a descriptor only when it starts the word', () => {
    const { run, host } = engineSession(3);
    expect(run('echo a2>y')).toEqual({ out: '', err: '', code: 0 });
    expect(host.fs.read('y')).toBe('a2\n');
    expect(run("echo '2>x' hi 2>/dev/null")).toEqual({ out: '2>x hi\n', err: '', code: 0 });
    expect(run('kubectl get ns 2>&3')).toEqual({
      out: '',
      err: 'bash: 3: Bad file descriptor\n',
      code: 1,
    });
    expect(run('kubectl get ns 2>')).toEqual({
      out: '',
      err: "bash: syntax error near unexpected token `newline'\n",
      code: 2,
    });
  });
});
