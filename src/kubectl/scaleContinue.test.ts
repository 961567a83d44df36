/**
 * `kubectl scale` of several objects goes on past one it cannot read or scale (audit 13 C13):
 * RunScale's builder runs with ContinueOnError, so the others are scaled and the errors printed
 * at the end.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl scale with several names', () => {
  it('scales the ones that exist and reports the missing one', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx');
    run('kubectl create deployment api --image=nginx');
    expect(run('kubectl scale --replicas=2 deploy/web deploy/nope')).toEqual({
      out: 'deployment.apps/web scaled\n',
      err: 'Error from server (NotFound): deployments.apps "nope" not found\n',
      code: 1,
    });
    expect(run('kubectl scale deploy nope api --replicas=3')).toEqual({
      out: 'deployment.apps/api scaled\n',
      err: 'Error from server (NotFound): deployments.apps "nope" not found\n',
      code: 1,
    });
    expect(run("kubectl get deploy -o jsonpath='{.items[*].spec.replicas}'").out).toBe('3 2');
  });

  it('several errors are each printed; a failed precondition does not stop the rest', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx');
    run('kubectl create deployment api --image=nginx --replicas=2');
    expect(run('kubectl scale deploy api web --current-replicas=1 --replicas=4')).toEqual({
      out: 'deployment.apps/web scaled\n',
      err: 'error: Expected replicas to be 1, was 2\n',
      code: 1,
    });
    // Nothing scaled: the builder's aggregate in scale.go's `no objects passed to scale %w`
    // (kubectl 1.32.5).
    expect(run('kubectl scale deploy a b --replicas=1')).toEqual({
      out: '',
      err: 'error: no objects passed to scale [deployments.apps "a" not found, deployments.apps "b" not found]\n',
      code: 1,
    });
  });
});
