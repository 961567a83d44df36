/**
 * `kubectl delete -i` in the lab waits for its answer as a terminal does: the line prints the
 * objects and `Do you want to continue? (y/n): ` and the next line entered is the answer (kubectl
 * reads its first word: y or Y deletes, anything else, a whole command too, prints "deletion is
 * cancelled"; an empty line leaves it waiting). The answer is echoed after the question in the
 * same console entry. A new command or Ctrl+C ends the wait with `^C`. A reload replays an
 * answered question to the same cluster, and asks an unanswered one again.
 */
import { describe, expect, it } from 'vitest';
import { memoryStorage } from './memoryStorage.ts';
import { createLabSession, type LabStorage } from './session.ts';

const ASK = 'Do you want to continue? (y/n): ';
const LIST = `You are about to delete the following 1 resource(s):\nconfigmap/cfg\n${ASK}`;

function withConfigMap(storage?: LabStorage) {
  const lab = createLabSession(storage ? { storage } : {});
  lab.run('kubectl create configmap cfg --from-literal=a=b');
  return lab;
}

const cfg = (lab: ReturnType<typeof createLabSession>) =>
  lab.run('kubectl get configmap cfg -o name --ignore-not-found').stdout;

describe('kubectl delete -i in the lab', () => {
  it('waits for the answer; y deletes, echoed after the question', () => {
    const lab = withConfigMap();
    const asked = lab.run('kubectl delete configmap cfg -i');
    expect(asked).toMatchObject({ stdout: LIST, stderr: '', exitCode: 0 });
    expect(asked.intent).toEqual({ type: 'question', prompt: ASK });
    expect(lab.state().question).toEqual({ prompt: ASK });
    expect(lab.question()).toBe(ASK);
    const done = lab.answer('y');
    expect(done).toMatchObject({
      line: '',
      answer: 'y',
      stdout: 'configmap "cfg" deleted\n',
      stderr: '',
      exitCode: 0,
    });
    expect(done.intent).toBeUndefined();
    expect(done.steps.length).toBeGreaterThan(0);
    expect(lab.state().question).toBeUndefined();
    expect(cfg(lab)).toBe('');
    // The console's entry reads as the terminal did; the answer is not a command in history.
    expect(lab.transcript().at(-2)).toEqual({
      line: 'kubectl delete configmap cfg -i',
      stdout: `${LIST}y\nconfigmap "cfg" deleted\n`,
      stderr: '',
      exit: 0,
    });
    expect(lab.history()).not.toContain('y');
  });

  it('n cancels with kubectl text, as <<< n prints it', () => {
    const lab = withConfigMap();
    const piped = lab.run('kubectl delete configmap cfg -i <<< n');
    expect(piped.stdout).toBe(`${LIST}deletion is cancelled\n`);
    expect(piped.intent).toBeUndefined();
    lab.run('kubectl delete configmap cfg -i');
    expect(lab.answer('n')).toMatchObject({
      answer: 'n',
      stdout: 'deletion is cancelled\n',
      stderr: '',
      exitCode: 0,
    });
    expect(lab.transcript().at(-1)?.stdout).toBe(`${LIST}n\ndeletion is cancelled\n`);
    expect(cfg(lab)).toBe('configmap/cfg\n');
  });

  it('another command typed as the answer is a no; an empty line waits on; yes is not y', () => {
    const lab = withConfigMap();
    lab.run('kubectl delete configmap cfg -i');
    const empty = lab.answer('');
    expect(empty).toMatchObject({ answer: '', stdout: '', stderr: '', exitCode: 0 });
    expect(empty.intent).toEqual({ type: 'question', prompt: ASK });
    expect(lab.answer('kubectl get pods')).toMatchObject({
      stdout: 'deletion is cancelled\n',
      exitCode: 0,
    });
    expect(lab.transcript().at(-1)?.stdout).toBe(
      `${LIST}\nkubectl get pods\ndeletion is cancelled\n`,
    );
    // The command did not run: nothing listed pods.
    expect(lab.history().at(-1)).toBe('kubectl delete configmap cfg -i');
    lab.run('kubectl delete configmap cfg -i');
    expect(lab.answer('yes').stdout).toBe('deletion is cancelled\n');
    lab.run('kubectl delete configmap cfg -i');
    expect(lab.answer('Y').stdout).toBe('configmap "cfg" deleted\n');
  });

  it('a new command or Ctrl+C ends the wait with ^C and deletes nothing', () => {
    const lab = withConfigMap();
    lab.run('kubectl delete configmap cfg -i');
    const next = lab.run('kubectl get configmap cfg -o name');
    expect(next).toMatchObject({ stdout: 'configmap/cfg\n', interrupted: true });
    expect(lab.transcript().at(-2)).toEqual({
      line: 'kubectl delete configmap cfg -i',
      stdout: `${LIST}^C\n`,
      stderr: '',
      exit: 130,
    });
    lab.run('kubectl delete configmap cfg -i');
    expect(lab.interrupt()).toMatchObject({ answer: '^C', exitCode: 130, stdout: '' });
    expect(lab.question()).toBeUndefined();
    expect(cfg(lab)).toBe('configmap/cfg\n');
  });

  it('only a line that is the delete alone waits: lists, pipes and here-strings read stdin', () => {
    const lab = withConfigMap();
    const listed = lab.run('kubectl delete configmap cfg -i; echo next');
    expect(listed.stdout).toBe(`${LIST}deletion is cancelled\nnext\n`);
    expect(listed.intent).toBeUndefined();
    expect(lab.run('echo y | kubectl delete configmap cfg -i').stdout).toBe(
      `${LIST}configmap "cfg" deleted\n`,
    );
    expect(lab.question()).toBeUndefined();
  });

  it('a reload mid-question asks it again; its answer then replays', () => {
    const storage = memoryStorage();
    const lab = withConfigMap(storage);
    lab.run('kubectl delete configmap cfg -i');
    const again = createLabSession({ storage });
    expect(again.state().question).toEqual({ prompt: ASK });
    expect(again.transcript().at(-1)?.stdout).toBe(LIST);
    expect(again.answer('y').stdout).toBe('configmap "cfg" deleted\n');
    const third = createLabSession({ storage });
    expect(third.question()).toBeUndefined();
    expect(third.transcript().at(-1)?.stdout).toBe(`${LIST}y\nconfigmap "cfg" deleted\n`);
    expect(cfg(third)).toBe('');
  });

  it('a reload after an answer or a Ctrl+C rebuilds the same state', () => {
    const storage = memoryStorage();
    const lab = withConfigMap(storage);
    lab.run('kubectl create configmap keep --from-literal=a=b');
    lab.run('kubectl delete configmap cfg -i');
    lab.answer('y');
    lab.run('kubectl delete configmap keep -i');
    lab.answer('n');
    lab.run('kubectl delete configmap keep -i');
    lab.interrupt();
    const again = createLabSession({ storage });
    expect(again.notice?.key).toBe('lab.notice.restored');
    expect(again.question()).toBeUndefined();
    expect(cfg(again)).toBe('');
    expect(again.run('kubectl get configmap keep -o name').stdout).toBe('configmap/keep\n');
  });
});
