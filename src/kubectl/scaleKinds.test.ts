/**
 * `kubectl scale` does not check kinds: it PATCHes the scale subresource, and the API server
 * answers a kind without one with a plain 404. Every named object is read before any is scaled.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const NO_SUBRESOURCE = {
  out: '',
  err: 'Error from server (NotFound): the server could not find the requested resource\n',
  code: 1,
};

describe('kubectl scale of kinds without a scale subresource', () => {
  it('answers the 404 of the scale subresource', () => {
    const { run } = engineSession();
    run('kubectl create job j --image=busybox -- sleep 5');
    expect(run('kubectl scale job j --replicas=2')).toEqual(NO_SUBRESOURCE);
    expect(run('kubectl scale ds kube-proxy -n kube-system --replicas=2')).toEqual(NO_SUBRESOURCE);
    // A client dry run sends nothing, so nothing refuses it.
    expect(run('kubectl scale job j --replicas=2 --dry-run=client').out).toBe(
      'job.batch/j scaled (dry run)\n',
    );
  });

  it('goes on past a missing object (ContinueOnError) and reports it at the end', () => {
    const { run } = engineSession();
    run('kubectl create deployment web --image=nginx');
    expect(run('kubectl scale deploy/web job/nope --replicas=2')).toEqual({
      out: 'deployment.apps/web scaled\n',
      err: 'Error from server (NotFound): jobs.batch "nope" not found\n',
      code: 1,
    });
    expect(run("kubectl get deploy web -o jsonpath='{.spec.replicas}'").out).toBe('2');
  });
});
