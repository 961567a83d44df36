import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/index.ts';
import { lessonProgress, NAMESPACE_LESSON } from './lesson.ts';
import { createLabSession, type LabSession } from './session.ts';

const ctx = (lab: LabSession) => ({
  state: lab.state(),
  history: lab.history(),
  readFile: (p: string) => lab.readFile(p),
});

describe('the namespace lesson', () => {
  it('follows the study note’s commands, each explained in both languages', () => {
    expect(NAMESPACE_LESSON.map((s) => s.command)).toEqual([
      'kubectl create namespace blue',
      'kubectl get namespaces',
      'kubectl create namespace orange',
      'kubectl create namespace green --dry-run=client -o yaml > green-ns.yaml',
      'vim green-ns.yaml',
      'kubectl create -f green-ns.yaml',
      'kubectl create -f nginx.yaml -n blue',
      'kubectl get pods',
      'kubectl get pods -n blue',
      'kubectl config set-context --current --namespace=blue',
      'kubectl get pods',
    ]);
    for (const s of NAMESPACE_LESSON) {
      // The session module registered the lab's text when it loaded.
      expect(translate('en', s.text), s.id).not.toBe(s.text);
      expect(translate('ko', s.text), s.id).toMatch(/[가-힣]/);
    }
  });

  it('checks each step against the live lab, in order, as the learner types', () => {
    const lab = createLabSession();
    expect(lessonProgress(ctx(lab)).done).toEqual([]);
    for (const step of NAMESPACE_LESSON) {
      expect(lessonProgress(ctx(lab)).next?.id).toBe(step.id);
      expect(step.done(ctx(lab)), step.id).toBe(false);
      const r = lab.run(step.command);
      expect(r.exitCode, `${step.command}: ${r.stderr}`).toBe(0);
      expect(step.done(ctx(lab)), step.id).toBe(true);
    }
    expect(lessonProgress(ctx(lab))).toEqual({
      done: NAMESPACE_LESSON.map((s) => s.id),
      next: undefined,
    });
  });

  it('is not fooled by near misses', () => {
    const lab = createLabSession();
    const byId = (id: string) => NAMESPACE_LESSON.find((s) => s.id === id);
    lab.run('kubectl create namespace blue --dry-run=client');
    expect(byId('create-blue')?.done(ctx(lab))).toBe(false);
    lab.run('kubectl create namespace blue');
    lab.run('kubectl get pods -n kube-system');
    expect(byId('get-pods-blue')?.done(ctx(lab))).toBe(false);
    lab.run('kubectl create namespace orange --dry-run=client -o yaml > green-ns.yaml');
    expect(byId('dry-run')?.done(ctx(lab))).toBe(false);
    // `get pods` before switching the context does not count for the last step.
    lab.run('kubectl get pods');
    lab.run('kubectl config set-context --current --namespace=blue');
    expect(byId('get-pods-again')?.done(ctx(lab))).toBe(false);
    lab.run('kubectl get pods -n default');
    expect(byId('get-pods-again')?.done(ctx(lab))).toBe(false);
    lab.run('k get po');
    expect(byId('get-pods-again')?.done(ctx(lab))).toBe(true);
  });
});
