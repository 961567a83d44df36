import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('shell functions and groups in the console', () => {
  it('defines functions both ways, with $1, $#, "$@", return and local', () => {
    const { run } = engineSession(3);
    expect(run('f() { echo "hi $1 $#"; }; f a b')).toEqual({ out: 'hi a 2\n', err: '', code: 0 });
    expect(run('function g { printf "[%s]" "$@"; echo; return 3; }; g "x y" z; echo $?').out).toBe(
      '[x y][z]\n3\n',
    );
    // Defined once, called from later lines; a function takes precedence over a command.
    expect(run('f c').out).toBe('hi c 1\n');
    run('x=outer');
    expect(run('h() { local x=inner; echo $x; }; h; echo "x=$x"').out).toBe('inner\nx=outer\n');
    expect(run('kp() { kubectl get ns "$@"; }; kp default -o name').out).toBe(
      'namespace/default\n',
    );
  });

  it('return ends the function at once, even inside a loop; outside one it is an error', () => {
    const { run } = engineSession(3);
    run(
      'first() { for i in 1 2 3; do if [ $i = 2 ]; then return $i; fi; echo $i; done; echo never; }',
    );
    expect(run('first; echo "status $?"').out).toBe('1\nstatus 2\n');
    expect(run('return 1')).toEqual({
      out: '',
      err: "bash: return: can only `return' from a function or sourced script\n",
      code: 1,
    });
    expect(run('local v=1').err).toBe('bash: local: can only be used in a function\n');
  });

  it('a function reads what is piped into it, and a multi-line definition waits for its }', () => {
    const { run } = engineSession(3);
    expect(run('up() {\n  while read l; do echo "> $l"; done\n}\nprintf "a\\nb\\n" | up').out).toBe(
      '> a\n> b\n',
    );
  });

  it('runs { …; } in this shell and ( … ) in a subshell, with pipes and redirections', () => {
    const { run } = engineSession(3);
    expect(run('{ echo a; echo b; } | wc -l').out).toBe('2\n');
    expect(run('(cd /tmp && pwd); pwd').out).toBe('/tmp\n/home/learner\n');
    expect(run('(v=1); { w=2; }; echo "[$v][$w]"').out).toBe('[][2]\n');
    expect(run('{ echo one; echo two; } > out.txt; cat out.txt').out).toBe('one\ntwo\n');
    expect(run('{ echo a; ')).toEqual({
      out: '',
      err: 'bash: syntax error: unexpected end of file\n',
      code: 2,
    });
    expect(run('echo a; }').err).toBe("bash: syntax error near unexpected token `}'\n");
  });

  it('stops a function that calls itself for ever', () => {
    const { run } = engineSession(3);
    expect(run('r() { r; }; r')).toEqual({
      out: '',
      err: 'bash: r: maximum function nesting level exceeded (100)\n',
      code: 1,
    });
  });
});

describe('type, declare -f, unset -f, trap, $BASH_VERSION', () => {
  it('prints a function as bash does, lists, forgets it', () => {
    const { run } = engineSession(3);
    run('f() { echo "hi $1"; }; g() { for i in 1 2; do echo $i; done; kubectl get pods | wc -l; }');
    expect(run('type f').out).toBe('f is a function\nf () \n{ \n    echo "hi $1"\n}\n');
    expect(run('declare -f g').out).toBe(
      'g () \n{ \n    for i in 1 2;\n    do\n        echo $i;\n    done;\n    kubectl get pods | wc -l\n}\n',
    );
    expect(run('declare -F').out).toBe('declare -f f\ndeclare -f g\n');
    expect(run('type -t f; unset -f f; type f')).toEqual({
      out: 'function\n',
      err: 'bash: type: f: not found\n',
      code: 1,
    });
    expect(run("trap 'echo bye' EXIT; trap").out).toBe("trap -- 'echo bye' EXIT\n");
    expect(run('echo $BASH_VERSION').out).toBe('5.2.21(1)-release\n');
  });
});

describe('case ;& and ;;&', () => {
  it('falls through with ;& and tests on with ;;&', () => {
    const { run } = engineSession(3);
    expect(run('case a in a) echo one;& b) echo two;; c) echo three;; esac').out).toBe(
      'one\ntwo\n',
    );
    expect(
      run('case ab in a*) echo one;;& x) echo no;; *b) echo two;; *) echo all;; esac').out,
    ).toBe('one\ntwo\n');
    expect(run('echo a;& echo b').err).toBe("bash: syntax error near unexpected token `;&'\n");
  });
});

describe('a here-document inside $(…)', () => {
  it('feeds the command of the substitution, which goes on after the body', () => {
    const { run } = engineSession(3);
    expect(run('X=$(cat <<EOF\nname: $((1+1))\nEOF\n)\necho "$X"').out).toBe('name: 2\n');
  });
});
