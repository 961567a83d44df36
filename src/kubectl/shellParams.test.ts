/**
 * bash's parameter expansion operators in the console, as tutorials use them:
 * `${VAR:-default}`, `${#VAR}`, `${name#node/}`, `${file%.yaml}`, `${VAR//a/b}`, `${VAR:0:3}`.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('parameter expansion in the console', () => {
  it('defaults, alternatives and assignments', () => {
    const { run } = engineSession(3);
    run('X=hello');
    expect(run('echo ${X:-default} ${Y:-default} ${Y-unset} "${E:+set}x" ${X:+set}').out).toBe(
      'hello default unset x set\n',
    );
    expect(run('E=; echo "[${E-unset}]" "[${E:-empty}]"').out).toBe('[] [empty]\n');
    expect(run('echo ${Z:=zed} $Z').out).toBe('zed zed\n');
    expect(run('echo ${NOPE:?must be set}; echo after')).toEqual({
      out: '',
      err: 'bash: NOPE: must be set\n',
      code: 1,
    });
    expect(run('echo ${NOPE:?}').err).toBe('bash: NOPE: parameter null or not set\n');
    // The word is expanded only when it is used.
    expect(run('echo "${X:-$(echo sub)}" ${U:-$(echo sub2)}').out).toBe('hello sub2\n');
  });

  it('length, prefix and suffix removal, replacement, substrings, case', () => {
    const { run } = engineSession(3);
    run('X=hello; F=/a/b/c.tar.gz');
    expect(run('echo ${#X} ${X^^} ${X^} ${X:1:3} ${X: -2} ${X:2} ${X/l/L} ${X//l/L}').out).toBe(
      '5 HELLO Hello ell lo llo heLlo heLLo\n',
    );
    expect(run('echo ${F##*/} ${F%.*} ${F%%.*} ${F#*/} ${F/#\\/a/A} ${F/%gz/bz2}').out).toBe(
      'c.tar.gz /a/b/c.tar /a/b/c a/b/c.tar.gz A/b/c.tar.gz /a/b/c.tar.bz2\n',
    );
    expect(run('echo ${X!}')).toEqual({ out: '', err: 'bash: ${X!}: bad substitution\n', code: 1 });
  });

  it('strips the resource prefix of kubectl get -o name in a loop', () => {
    const { run } = engineSession(3);
    expect(run('for n in $(kubectl get nodes -o name); do echo ${n#node/}; done').out).toBe(
      'control-plane\nnode1\nnode2\nnode3\n',
    );
  });

  it('$0 is bash and $# is 0', () => {
    const { run } = engineSession(3);
    expect(run('echo $0 $#').out).toBe('bash 0\n');
  });
});
