/**
 * The rollout commands' builder (ResourceTypeOrNameArgs(true, …), audit 9 #20): a bare type
 * selects every object of it; a missing object is NotFound before any "not implemented"
 * error, which names the GroupKind (`ReplicaSet.apps`).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl rollout with a bare type', () => {
  it('history, restart, pause, status act on every deployment', () => {
    const { run } = engineSession(7);
    // kubectl 1.32: nothing selected is said on stderr, exit 0.
    expect(run('kubectl rollout status deployment')).toEqual({
      out: '',
      err: 'No resources found in default namespace.\n',
      code: 0,
    });
    expect(run('kubectl rollout restart deployment')).toEqual({
      out: '',
      err: 'No resources found in default namespace.\n',
      code: 0,
    });
    run('kubectl create deployment web --image=nginx:1.25');
    expect(run('kubectl rollout status deployment').out).toBe(
      'deployment "web" successfully rolled out\n',
    );
    run('kubectl create deployment api --image=nginx:1.25');
    expect(run('kubectl rollout history deployment')).toEqual({
      out: 'deployment.apps/api \nREVISION  CHANGE-CAUSE\n1         <none>\n\ndeployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl rollout restart deployment').out).toBe(
      'deployment.apps/api restarted\ndeployment.apps/web restarted\n',
    );
    // Each in turn, watched until rolled out (kubectl 1.32 visits them all).
    const both = run('kubectl rollout status deployment');
    expect(both.code).toBe(0);
    expect(both.out).toMatch(/^(Waiting for .*\n)*deployment "api" successfully rolled out\n/);
    expect(both.out).toMatch(/\ndeployment "web" successfully rolled out\n$/);
    expect(run('kubectl rollout pause deploy -l app=web').out).toBe('deployment.apps/web paused\n');
  });

  it('other kinds: NotFound first, then the GroupKind in the error', () => {
    const { run } = engineSession(8);
    for (const sub of ['status', 'undo', 'history']) {
      expect(run(`kubectl rollout ${sub} rs/nope`)).toEqual({
        out: '',
        err: 'Error from server (NotFound): replicasets.apps "nope" not found\n',
        code: 1,
      });
    }
    run('kubectl create deployment web --image=nginx');
    const rs = run('kubectl get rs -o name').out.trim();
    expect(rs).toMatch(/^replicaset\.apps\/web-\w+$/);
    expect(run(`kubectl rollout status ${rs}`).err).toBe(
      'error: no status viewer has been implemented for ReplicaSet.apps\n',
    );
    expect(run(`kubectl rollout undo ${rs}`).err).toBe(
      'error: no rollbacker has been implemented for "ReplicaSet.apps"\n',
    );
    expect(run(`kubectl rollout history ${rs}`).err).toBe(
      'error: no history viewer has been implemented for "ReplicaSet.apps"\n',
    );
    expect(run(`kubectl rollout restart ${rs}`).err).toBe(
      `error: replicasets.apps "${rs.slice('replicaset.apps/'.length)}" restarting is not supported\n`,
    );
  });
});
