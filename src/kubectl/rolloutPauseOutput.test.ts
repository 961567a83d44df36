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

describe('kubectl rollout pause/resume/restart: several errors (kubectl 1.32.5, oracle-checked)', () => {
  it("set.CalculatePatches' errors keep their own `error: ` among the builder's", () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx');
    run('kubectl run big --image=nginx');
    const notFound = 'Error from server (NotFound): deployments.apps "nope" not found\n';
    expect(run('kubectl rollout resume deploy/web deploy/nope')).toEqual({
      out: '',
      err: `${notFound}error: deployments.apps "web" is not paused\n`,
      code: 1,
    });
    expect(run('kubectl rollout restart deploy/nope pod/big')).toEqual({
      out: '',
      err: `${notFound}error: pods "big" restarting is not supported\n`,
      code: 1,
    });
    expect(run('kubectl rollout pause pod/big deploy/nope')).toEqual({
      out: '',
      err: `${notFound}error: pods "big" pausing is not supported\n`,
      code: 1,
    });
    // One error alone is CheckErr's `error: ` line, not doubled.
    expect(run('kubectl rollout resume deploy/web').err).toBe(
      'error: deployments.apps "web" is not paused\n',
    );
  });
});
