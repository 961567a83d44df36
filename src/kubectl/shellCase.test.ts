/**
 * `case … esac` in the console, one line or several (the `> ` prompt), as bash runs it.
 */
import { describe, expect, it } from 'vitest';
import { needsMoreInput } from './shellHeredoc.ts';
import { engineSession } from './testing/engineSession.ts';

describe('case in the console', () => {
  it('runs the first clause whose pattern matches; none matched is status 0', () => {
    const { run } = engineSession(3);
    expect(run('case abc in a*) echo A;; *) echo other;; esac')).toEqual({
      out: 'A\n',
      err: '',
      code: 0,
    });
    expect(run('case foo in bar) echo bar;; esac; echo "rc=$?"').out).toBe('rc=0\n');
    expect(run('case x in (x) false;; esac; echo $?').out).toBe('1\n');
    // The last clause may leave out its ;; and a clause may be empty.
    expect(run('case b in a) ;; b) echo bee; esac').out).toBe('bee\n');
  });

  it('expands the word and the patterns; quoted characters match themselves', () => {
    const { run } = engineSession(3);
    run('P=web*; x=web-1');
    expect(run('case $x in $P) echo glob;; esac').out).toBe('glob\n');
    expect(run('case $x in "$P") echo literal;; *) echo no;; esac').out).toBe('no\n');
    expect(run("case '*' in '*') echo star;; esac").out).toBe('star\n');
  });

  it('reads clauses over several lines, with the prompt until esac', () => {
    const { run } = engineSession(3);
    expect(needsMoreInput('case $x in\n  web*)')).toBe(true);
    const script = [
      'x=web-1; case $x in',
      '  db*|cache*)',
      '    echo data',
      '    ;;',
      '  web-[0-9])',
      '    echo web',
      '    ;;',
      '  *)',
      '    echo other;;',
      'esac',
    ].join('\n');
    expect(needsMoreInput(script)).toBe(false);
    expect(run(script)).toEqual({ out: 'web\n', err: '', code: 0 });
  });

  it('nests in loops and ifs, and a loop nests in a clause', () => {
    const { run } = engineSession(3);
    expect(
      run(
        'for f in a.yaml b.txt; do case $f in *.yaml) echo "yaml $f";; *) echo "skip $f";; esac; done',
      ).out,
    ).toBe('yaml a.yaml\nskip b.txt\n');
    expect(run('case go in go) for i in 1 2; do echo $i; done;; esac').out).toBe('1\n2\n');
    expect(
      run(
        'for p in $(kubectl get nodes -o name); do case $p in *control*) continue;; esac; echo $p; done',
      ).out,
    ).toBe('node/node1\nnode/node2\nnode/node3\n');
  });

  it('a ;; outside a case, or a clause without its ), is a syntax error', () => {
    const { run } = engineSession(3);
    expect(run('echo a;; echo b')).toEqual({
      out: '',
      err: "bash: syntax error near unexpected token `;;'\n",
      code: 2,
    });
    expect(run('case x in x) echo a;; esac x')).toEqual({
      out: '',
      err: "bash: syntax error near unexpected token `x'\n",
      code: 2,
    });
  });
});
