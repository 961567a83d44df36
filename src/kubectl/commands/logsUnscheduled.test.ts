import { describe, expect, it } from 'vitest';
import { engineSession } from '../testing/engineSession.ts';

describe('kubectl logs of a pod no node was found for (LogLocation without a host)', () => {
  it('prints an empty log and succeeds, --previous too; exec still needs a host', () => {
    const { run } = engineSession(3);
    run(`kubectl run pend --image=nginx --overrides='{"spec":{"nodeSelector":{"x":"y"}}}'`);
    expect(run('kubectl get pod pend').out).toMatch(/^pend {3}0\/1 {5}Pending {3}0 /m);
    expect(run('kubectl logs pend')).toEqual({ out: '', err: '', code: 0 });
    expect(run('kubectl logs pend --previous')).toEqual({ out: '', err: '', code: 0 });
    expect(run('kubectl logs pend -c nope')).toEqual({
      out: '',
      err: 'error: container nope is not valid for pod pend\n',
      code: 1,
    });
    expect(run('kubectl exec pend -- echo hi')).toEqual({
      out: '',
      err: 'Error from server (BadRequest): pod pend does not have a host assigned\n',
      code: 1,
    });
  });

  it('bound, the kubelet answers: an image that cannot be pulled is waiting to start', () => {
    const { run } = engineSession(3);
    run('kubectl run pull --image=nginx:bad-r');
    expect(run('kubectl logs pull')).toEqual({
      out: '',
      err: 'Error from server (BadRequest): container "pull" in pod "pull" is waiting to start: trying and failing to pull image\n',
      code: 1,
    });
  });
});
