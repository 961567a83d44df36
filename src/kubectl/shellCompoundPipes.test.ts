/**
 * Compound commands in pipelines and with redirections, as bash runs them: `for …; done | grep`,
 * `done > FILE`, `fi 2>&1 | wc -l`, `… | while read LINE; do …; done`, `done < FILE`,
 * `done <<EOF`, and the `read` builtin.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('compound commands in pipelines', () => {
  it('pipes what a loop or an if prints into the next command', () => {
    const { run } = engineSession(3);
    expect(run('for i in 1 2 3; do echo $i; done | grep 2')).toEqual({
      out: '2\n',
      err: '',
      code: 0,
    });
    expect(run('for i in 3 1 2; do echo $i; done | sort | head -2').out).toBe('1\n2\n');
    expect(run('if kubectl get ns nope; then :; fi 2>&1 | wc -l').out).toBe('1\n');
    // Without 2>&1 the errors go to the terminal.
    expect(run('for n in nope; do kubectl get ns $n; done | wc -l')).toEqual({
      out: '0\n',
      err: 'Error from server (NotFound): namespaces "nope" not found\n',
      code: 0,
    });
  });

  it('redirects what a compound command prints into a file', () => {
    const { run } = engineSession(3);
    expect(run('for i in 1 2; do echo $i; done > out.txt; cat out.txt').out).toBe('1\n2\n');
    expect(run('for i in 3; do echo $i; done >> out.txt; cat out.txt').out).toBe('1\n2\n3\n');
    expect(run('if true; then kubectl get ns nope; fi 2> err.txt; cat err.txt').out).toBe(
      'Error from server (NotFound): namespaces "nope" not found\n',
    );
  });

  it('feeds a while read loop from a pipe, a file or a here-document', () => {
    const { run } = engineSession(3);
    expect(run('seq 3 | while read line; do echo "got $line"; done').out).toBe(
      'got 1\ngot 2\ngot 3\n',
    );
    expect(
      run(
        'kubectl get nodes --no-headers | while read name status rest; do echo "$name is $status"; done',
      ).out,
    ).toBe('control-plane is Ready\nnode1 is Ready\nnode2 is Ready\nnode3 is Ready\n');
    run('printf "a\\nb\\n" > in.txt');
    expect(run('while read l; do echo "[$l]"; done < in.txt').out).toBe('[a]\n[b]\n');
    expect(
      run('while read a b; do echo "$b-$a"; done <<EOF\none two three\nfour five\nEOF').out,
    ).toBe('two three-one\nfive-four\n');
    expect(run('while read l; do echo $l; done < nope.txt')).toEqual({
      out: '',
      err: 'bash: nope.txt: No such file or directory\n',
      code: 1,
    });
  });

  it('runs each command of a pipeline in a subshell: what it sets is gone', () => {
    const { run } = engineSession(3);
    expect(run('n=0; seq 3 | while read x; do n=$x; done; echo "n=$n"').out).toBe('n=0\n');
    expect(run('echo hi | read v; echo "v=[$v]"').out).toBe('v=[]\n');
    // Fed from a file instead, the loop runs in the shell itself.
    run('seq 3 > three.txt');
    expect(run('n=0; while read x; do n=$x; done < three.txt; echo "n=$n"').out).toBe('n=3\n');
  });

  it('read splits a line, keeps backslashes with -r, and fails at the end of input', () => {
    const { run } = engineSession(3);
    run('printf "a  b  c d\\n" > l.txt; printf "x\\\\y\\n" > b.txt; printf "last" > n.txt');
    expect(run('read one two < l.txt; echo "[$one][$two]"').out).toBe('[a][b  c d]\n');
    expect(run('read v < b.txt; echo "$v"; read -r v < b.txt; echo "$v"').out).toBe('xy\nx\\y\n');
    expect(run('read v < n.txt; echo "$? $v"').out).toBe('1 last\n');
    expect(run('read < l.txt; echo "$REPLY"').out).toBe('a  b  c d\n');
    expect(run('read v')).toEqual({
      out: '',
      err: 'bash: read: reading the terminal is not supported in this console: pipe a command into it or use < FILE\n',
      code: 1,
    });
  });

  it('a loop piped into head ends when head has its lines (SIGPIPE), as in a terminal', () => {
    const { run } = engineSession(3);
    expect(run('while true; do echo y; done | head -2; echo $?')).toEqual({
      out: 'y\ny\n0\n',
      err: '',
      code: 0,
    });
    expect(run('i=0; while :; do i=$((i+1)); echo $i; done | head | tail -1').out).toBe('10\n');
    // The writer's status is 128 + SIGPIPE (13): pipefail shows it.
    expect(run('set -o pipefail; until false; do echo n; done | head -n 1; echo $?').out).toBe(
      'n\n141\n',
    );
  });
});
