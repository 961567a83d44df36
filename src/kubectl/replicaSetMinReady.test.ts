/**
 * The ReplicaSet a Deployment makes: ReplicaSetSpec.minReadySeconds is `omitempty`, so a
 * Deployment without minReadySeconds gives a ReplicaSet whose stored spec has none (a real
 * kube-apiserver never shows `minReadySeconds: 0` there; the real kubectl 1.32.5's typed
 * `rollout history -o yaml` dropped it from ours), and the field follows the Deployment's.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe("a Deployment's ReplicaSet: minReadySeconds", () => {
  it('is absent at 0 and follows the Deployment otherwise', () => {
    const { run } = engineSession(2);
    run('kubectl create deployment web --image=nginx:1.27');
    run('sleep 10');
    const spec = () => run("kubectl get rs -l app=web -o jsonpath='{.items[0].spec}'").out;
    expect(spec()).not.toContain('minReadySeconds');
    expect(run('kubectl get rs -l app=web -o yaml').out).not.toContain('minReadySeconds');
    run(`kubectl patch deploy web -p '{"spec":{"minReadySeconds":5}}'`);
    run('sleep 5');
    expect(
      run("kubectl get rs -l app=web -o jsonpath='{.items[0].spec.minReadySeconds}'").out,
    ).toBe('5');
    run(`kubectl patch deploy web -p '{"spec":{"minReadySeconds":0}}'`);
    run('sleep 5');
    expect(spec()).not.toContain('minReadySeconds');
  });
});
