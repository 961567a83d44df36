/**
 * `kubectl rollout undo --dry-run=server` on a Deployment already at that revision: the name
 * printer adds the dry-run suffix to the "skipped rollback" operation too (kubectl 1.32.5).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('rollout undo --dry-run=server', () => {
  it('says skipped rollback … (server dry run)', () => {
    const { run } = engineSession();
    run('kubectl create deployment auth --image=nginx');
    expect(run('kubectl rollout undo deployment/auth --to-revision=1 --dry-run=server')).toEqual({
      out: 'deployment.apps/auth skipped rollback (current template already matches revision 1) (server dry run)\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl rollout undo deployment/auth --to-revision=1').out).toBe(
      'deployment.apps/auth skipped rollback (current template already matches revision 1)\n',
    );
  });
});
