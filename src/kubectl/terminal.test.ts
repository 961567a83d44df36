/**
 * A console whose terminal can wait (the lab's, `enableTerminalQuestions`): `kubectl delete -i`
 * alone on the line leaves its question waiting and goes on with the answer's first word; in a
 * list, a loop, a pipe or with a here-string it reads stdin as before, and a console without
 * such a terminal reads end of input (cancelled, with the console's hint).
 */
import { describe, expect, it } from 'vitest';
import {
  answerQuestion,
  dropQuestion,
  enableTerminalQuestions,
  pendingQuestion,
} from './terminal.ts';
import { engineSession } from './testing/engineSession.ts';

const ASK = 'Do you want to continue? (y/n): ';

function start(terminal: boolean) {
  const s = engineSession(3);
  if (terminal) enableTerminalQuestions(s.host.fs);
  s.run('kubectl create configmap a --from-literal=x=y');
  s.run('kubectl create configmap b --from-literal=x=y');
  return s;
}

describe('a terminal that waits for an answer', () => {
  it('kubectl delete -i waits, and Y with more words after it deletes (an alias too)', () => {
    const s = start(true);
    s.run('alias kd="kubectl delete"');
    expect(s.run('kd configmap a nope -i')).toEqual({
      out: `You are about to delete the following 2 resource(s):\nconfigmap/a\nconfigmap/nope\n${ASK}`,
      err: '',
      code: 0,
    });
    expect(pendingQuestion(s.host.fs)).toEqual({ prompt: ASK });
    // Go's fmt.Fscan skips a bare newline: still waiting.
    expect(answerQuestion(s.host, '  ')).toEqual({
      result: { stdout: '', stderr: '', exitCode: 0 },
      waiting: true,
    });
    expect(answerQuestion(s.host, 'Y please')).toEqual({
      result: {
        stdout: 'configmap "a" deleted\n',
        stderr: 'Error from server (NotFound): configmaps "nope" not found\n',
        exitCode: 1,
      },
      waiting: false,
    });
    expect(pendingQuestion(s.host.fs)).toBeUndefined();
    expect(answerQuestion(s.host, 'y').result).toEqual({
      stdout: '',
      stderr: 'error: no command is waiting for an answer\n',
      exitCode: 1,
    });
  });

  it('only the command alone on the line waits', () => {
    const s = start(true);
    const cancelled = `You are about to delete the following 1 resource(s):\nconfigmap/b\n${ASK}deletion is cancelled\n`;
    const hint =
      '(this console cannot wait for the answer: give it on the same line, as in kubectl delete pod NAME -i <<< y)\n';
    expect(s.run('kubectl delete configmap b -i && echo done')).toEqual({
      out: `${cancelled}done\n`,
      err: hint,
      code: 0,
    });
    expect(s.run('for c in b; do kubectl delete configmap $c -i; done').out).toBe(cancelled);
    expect(s.run('kubectl delete configmap b -i | cat').out).toBe(cancelled);
    expect(s.run('kubectl delete configmap b -i > out.txt; cat out.txt').out).toBe(cancelled);
    expect(s.run('f() { kubectl delete configmap b -i; }; f').out).toBe(cancelled);
    expect(s.run('time kubectl delete configmap b -i').out).toBe(cancelled);
    expect(s.run('kubectl delete configmap b -i <<< n')).toEqual({
      out: cancelled,
      err: '',
      code: 0,
    });
    expect(pendingQuestion(s.host.fs)).toBeUndefined();
    // Dropped (Ctrl+C): nothing deleted.
    s.run('kubectl delete configmap b -i');
    expect(dropQuestion(s.host.fs)).toBe(true);
    expect(s.run('kubectl get configmap b -o name').out).toBe('configmap/b\n');
  });

  it('without such a terminal nothing waits', () => {
    const s = start(false);
    expect(s.run('kubectl delete configmap a -i').out).toContain('deletion is cancelled');
    expect(pendingQuestion(s.host.fs)).toBeUndefined();
  });
});
