/**
 * The container shells' `case`, bash's `for ((…))` (busybox ash and dash refuse it), pipes
 * after a block's closer and shell functions, through `kubectl exec … -- sh -c`.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';

function session() {
  const s = engineSession(3);
  s.run('kubectl run bb --image=busybox -- sleep 3600');
  s.run('kubectl run web --image=nginx');
  s.run('sleep 20');
  return s;
}

describe('container shells: case, for ((…)), pipes after done/fi', () => {
  it('runs case with globs and |, nested in a loop', () => {
    const { run } = session();
    expect(
      run(`kubectl exec bb -- sh -c 'case $HOSTNAME in b*) echo yes;; *) echo no;; esac'`),
    ).toEqual({ out: 'yes\n', err: '', code: 0 });
    expect(
      run(
        `kubectl exec bb -- sh -c 'for x in a.yaml b.txt; do case "$x" in *.yaml|*.yml) echo "yaml $x";; *) echo "skip $x";; esac; done'`,
      ).out,
    ).toBe('yaml a.yaml\nskip b.txt\n');
    expect(
      run(`kubectl exec web -- bash -c 'case x in x) echo one;& y) echo two;; esac'`).out,
    ).toBe('one\ntwo\n');
    // The clause's patterns are read as the console reads them (the shared parser): a quoted
    // `|` is part of the pattern, not a separator.
    expect(
      run(`kubectl exec bb -- sh -c 'case "a|b" in "a|b") echo quoted;; *) echo no;; esac'`).out,
    ).toBe('quoted\n');
  });

  it('for ((…)) is bash only: ash and dash stop at a syntax error', () => {
    const { run } = session();
    expect(run(`kubectl exec web -- bash -c 'for ((i=0; i<3; i++)); do echo $i; done'`).out).toBe(
      '0\n1\n2\n',
    );
    expect(run(`kubectl exec bb -- sh -c 'for ((i=0;i<3;i++)); do echo $i; done'`)).toEqual({
      out: '',
      err: 'sh: syntax error: bad for loop variable\ncommand terminated with exit code 2\n',
      code: 2,
    });
    expect(run(`kubectl exec web -- sh -c 'for ((i=0;i<3;i++)); do echo $i; done'`).err).toBe(
      'sh: 1: Syntax error: Bad for loop variable\ncommand terminated with exit code 2\n',
    );
  });

  it('pipes the output of while, if and case blocks; head ends an endless loop', () => {
    const { run } = session();
    expect(
      run(
        `kubectl exec bb -- sh -c 'i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done | wc -l'`,
      ).out,
    ).toBe('3\n');
    expect(run(`kubectl exec bb -- sh -c 'if true; then echo a; echo b; fi | wc -l'`).out).toBe(
      '2\n',
    );
    expect(run(`kubectl exec bb -- sh -c 'while true; do echo y; done | head -2'`)).toEqual({
      out: 'y\ny\n',
      err: '',
      code: 0,
    });
  });

  it('defines and calls functions, with $1, $#, return and local', () => {
    const { run } = session();
    expect(run(`kubectl exec bb -- sh -c 'f() { echo in f $1 $#; }; f x y; echo after'`).out).toBe(
      'in f x 2\nafter\n',
    );
    expect(
      run(
        `kubectl exec bb -- sh -c 'g() { for i in 1 2 3; do if [ $i = 2 ]; then return 7; fi; echo $i; done; }; g; echo status $?'`,
      ).out,
    ).toBe('1\nstatus 7\n');
    expect(
      run(`kubectl exec bb -- sh -c 'x=out; h() { local x=in; echo $x; }; h; echo $x'`).out,
    ).toBe('in\nout\n');
  });

  it('set -x traces commands and assignments on stderr; set -- sets $1…; set -euo pipefail is taken', () => {
    const { run } = session();
    expect(run(`kubectl exec bb -- sh -c 'set -x; echo "a b"; x=1; echo $x'`)).toEqual({
      out: 'a b\n1\n',
      err: "+ echo 'a b'\n+ x=1\n+ echo 1\n",
      code: 0,
    });
    expect(run(`kubectl exec bb -- sh -c 'set -- p q; echo $2 $#'`).out).toBe('q 2\n');
    expect(run(`kubectl exec bb -- sh -c 'set -euo pipefail; false; echo never'`)).toEqual({
      out: '',
      err: 'command terminated with exit code 1\n',
      code: 1,
    });
  });
});
