/** `kubectl rollout pause|resume -o …` prints the patched Deployment through its PrintFlags. */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl rollout pause/resume -o', () => {
  it('prints the patched object', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx');
    expect(run(`kubectl rollout pause deploy/web -o jsonpath='{.spec.paused}'`).out).toBe('true');
    expect(run('kubectl rollout resume deploy/web -o name')).toEqual({
      out: 'deployment.apps/web\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl rollout pause deploy/web').out).toBe('deployment.apps/web paused\n');
  });
});
