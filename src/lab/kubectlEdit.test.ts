/**
 * `kubectl edit` in the lab: the line opens kubectl's temp file in the editor, the editor's
 * "Save and apply" / "Cancel edit" finish it as kubectl does, and a reload brings back both a
 * finished edit and one still waiting.
 */
import { describe, expect, it } from 'vitest';
import { memoryStorage } from './memoryStorage.ts';
import { createLabSession } from './session.ts';

const replicas = (lab: ReturnType<typeof createLabSession>) =>
  lab.run("kubectl get deploy web -o jsonpath='{.spec.replicas}'").stdout;

describe('kubectl edit in the lab', () => {
  it('opens the temp file, and Save and apply patches the object', () => {
    const lab = createLabSession();
    lab.run('kubectl create deployment web --image=nginx');
    const opened = lab.run('kubectl edit deployment web');
    expect(opened.exitCode).toBe(0);
    expect(opened.stdout + opened.stderr).toBe('');
    expect(opened.intent?.type).toBe('kubectl-edit');
    const path = opened.intent?.type === 'kubectl-edit' ? opened.intent.path : '';
    expect(path).toMatch(/^\/tmp\/kubectl-edit-\d+\.yaml$/);
    expect(lab.state().kubectlEdit).toEqual({ path });
    expect(lab.run(`cat /${path}`).stdout).toMatch(/^# Please edit the object below\./);
    const text = (lab.readFile(path) ?? '').replace('  replicas: 1\n', '  replicas: 2\n');
    const done = lab.finishEdit(text);
    expect(done).toMatchObject({ line: '', stdout: 'deployment.apps/web edited\n', exitCode: 0 });
    expect(done.intent).toBeUndefined();
    expect(done.steps.length).toBeGreaterThan(0);
    expect(lab.state().kubectlEdit).toBeUndefined();
    expect(lab.readFile(path)).toBeUndefined();
    expect(replicas(lab)).toBe('2');
    expect(lab.transcript().at(-2)).toEqual({
      line: '',
      stdout: 'deployment.apps/web edited\n',
      stderr: '',
      exit: 0,
    });
  });

  it('Cancel edit leaves the object alone', () => {
    const lab = createLabSession();
    lab.run('kubectl create deployment web --image=nginx');
    lab.run('kubectl edit deployment web');
    expect(lab.finishEdit()).toMatchObject({
      stderr: 'Edit cancelled, no changes made.\n',
      exitCode: 0,
    });
    expect(lab.state().kubectlEdit).toBeUndefined();
  });

  it('an invalid edit reopens the file in the editor', () => {
    const lab = createLabSession();
    lab.run('kubectl run nginx --image=nginx');
    const opened = lab.run('kubectl edit pod nginx');
    const path = opened.intent?.type === 'kubectl-edit' ? opened.intent.path : '';
    const text = (lab.readFile(path) ?? '').replace(
      'restartPolicy: Always',
      'restartPolicy: Never',
    );
    const r = lab.finishEdit(text);
    expect(r.stderr).toBe('error: pods "nginx" is invalid\n');
    expect(r.intent?.type).toBe('kubectl-edit');
    const again = r.intent?.type === 'kubectl-edit' ? r.intent.path : '';
    expect(again).not.toBe(path);
    expect(lab.state().kubectlEdit).toEqual({ path: again });
    expect(lab.readFile(again)).toContain('# pods "nginx" was not valid:\n# * spec: Forbidden: ');
    expect(lab.finishEdit()).toMatchObject({
      stderr: `A copy of your changes has been stored to "${again}"\nerror: Edit cancelled, no valid changes were saved.\n`,
      exitCode: 1,
    });
  });

  it('a reload replays a finished edit and restores a waiting one', () => {
    const storage = memoryStorage();
    const a = createLabSession({ storage });
    a.run('kubectl create deployment web --image=nginx');
    a.run('kubectl edit deployment web');
    const first = a.state().kubectlEdit?.path ?? '';
    a.finishEdit((a.readFile(first) ?? '').replace('  replicas: 1\n', '  replicas: 3\n'));
    a.run('kubectl edit deployment web');
    const waiting = a.state().kubectlEdit;
    const b = createLabSession({ storage });
    expect(b.notice?.key).toBe('lab.notice.restored');
    expect(replicas(b)).toBe('3');
    expect(b.state().kubectlEdit).toEqual(waiting);
    const text = (b.readFile(waiting?.path ?? '') ?? '').replace(
      '  replicas: 3\n',
      '  replicas: 4\n',
    );
    expect(b.finishEdit(text).stdout).toBe('deployment.apps/web edited\n');
    expect(replicas(b)).toBe('4');
  });
});
