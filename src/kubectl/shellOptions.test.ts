import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('set -e, -u, -x and -o pipefail in the console', () => {
  it('set -x traces each command on stderr before it runs, quoted as bash quotes it', () => {
    const { run } = engineSession(3);
    expect(run('set -x; echo "a b" $((2+3)); N=$(echo 1)')).toEqual({
      out: 'a b 5\n',
      err: "+ echo 'a b' 5\n++ echo 1\n+ N=1\n",
      code: 0,
      // stderr and stdout interleave as printed
    });
    run('set +x');
    expect(run('echo quiet').err).toBe('');
  });

  it("set -x traces a for loop's head each round and arithmetic commands as (( … ))", () => {
    const { run } = engineSession(3);
    expect(run('set -x; for i in a "b c"; do echo $i; done; ((n=2))').err).toBe(
      "+ for i in a 'b c'\n+ echo a\n+ for i in a 'b c'\n+ echo b c\n+ (( n=2 ))\n",
    );
  });

  it('set -e stops the line at a failure outside conditions, and turns itself off', () => {
    const { run } = engineSession(3);
    expect(run('set -e; if false; then :; fi; false || true; ! true; echo still')).toEqual({
      out: 'still\n',
      err: '',
      code: 0,
    });
    const r = run('false; echo after');
    expect(r.out).toBe('');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^bash: set -e: the last command failed \(exit status 1\)/);
    expect(run('false; echo after').out).toBe('after\n');
    expect(run('set -e; i=0; ((i++)); echo no').out).toBe('');
  });

  it('set -u makes an unset variable an error that abandons the line', () => {
    const { run } = engineSession(3);
    expect(run('set -u; echo ${NOPE:-fallback}; echo $NOPE; echo after')).toEqual({
      out: 'fallback\n',
      err: 'bash: NOPE: unbound variable\n',
      code: 1,
    });
    expect(run('echo $?').out).toBe('1\n');
    expect(run('set +u; echo "[$NOPE]"').out).toBe('[]\n');
  });

  it('pipefail gives a pipeline the status of its last failing command', () => {
    const { run } = engineSession(3);
    expect(run('false | true; echo $?').out).toBe('0\n');
    expect(run('set -o pipefail; false | true; echo $?').out).toBe('1\n');
    expect(run('set -o | grep -E "^(pipefail|errexit) "').out).toBe(
      'errexit        \toff\npipefail       \ton\n',
    );
    expect(run('set -q')).toEqual({
      out: '',
      err: 'bash: set: -q: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n',
      code: 2,
    });
    expect(run('set -- a b c; echo $# $2').out).toBe('3 b\n');
  });
});

describe('time', () => {
  it('prints real/user/sys on stderr after the pipeline, at the virtual clock', () => {
    const { run } = engineSession(3);
    expect(run('time sleep 2')).toEqual({
      out: '',
      err: '\nreal\t0m2.000s\nuser\t0m0.000s\nsys\t0m0.000s\n',
      code: 0,
    });
    expect(run('time -p echo hi')).toEqual({
      out: 'hi\n',
      err: 'real 0.00\nuser 0.00\nsys 0.00\n',
      code: 0,
    });
  });
});
