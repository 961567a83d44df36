/**
 * Commands and expansions of the container shells through `kubectl exec`: busybox (ash and its
 * applets) and Debian (nginx: dash and coreutils), where the two differ, with their exact texts
 * and exit codes; stderr reaches kubectl's stderr.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const session = () => {
  const s = engineSession(3);
  s.run('kubectl run bb --image=busybox:1.36 -- sleep 3600');
  s.run('kubectl run web --image=nginx');
  s.cluster.advance(20_000);
  return s;
};

describe('stderr of sh -c', () => {
  it('what a script writes to stderr reaches the console stderr, in both shells', () => {
    const { run } = session();
    expect(run(`kubectl exec web -- sh -c 'echo one; echo two >&2'`)).toEqual({
      out: 'one\n',
      err: 'two\n',
      code: 0,
    });
    expect(run(`kubectl exec bb -- sh -c 'cat /tmp/nope; echo rc=$?'`)).toEqual({
      out: 'rc=1\n',
      err: "cat: can't open '/tmp/nope': No such file or directory\n",
      code: 0,
    });
    // 2>&1 sends it down stdout; a command substitution takes stdout only.
    expect(run(`kubectl exec bb -- sh -c 'cat /tmp/nope 2>&1'`)).toEqual({
      out: "cat: can't open '/tmp/nope': No such file or directory\n",
      err: 'command terminated with exit code 1\n',
      code: 1,
    });
    expect(run(`kubectl exec web -- sh -c 'x=$(cat /tmp/nope); echo "x=$x"'`)).toEqual({
      out: 'x=\n',
      err: 'cat: /tmp/nope: No such file or directory\n',
      code: 0,
    });
    expect(run(`kubectl exec bb -- sh -c 'cat /tmp/nope | wc -l'`)).toEqual({
      out: '0\n',
      err: "cat: can't open '/tmp/nope': No such file or directory\n",
      code: 0,
    });
  });
});
