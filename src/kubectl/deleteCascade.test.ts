/**
 * `kubectl delete --cascade` as the real kubectl 1.32.5 parses it (delete_flags.go
 * parseCascadingFlag, before anything is read): background, foreground, orphan, or the
 * deprecated boolean form with a warning — `false` orphans, `true` is background.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

function cluster() {
  const s = engineSession(5);
  s.run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
  s.run('sleep 20');
  return s;
}

const owners =
  'kubectl get rs -l app=web -o jsonpath=\'{range .items[*]}{.metadata.name} [{.metadata.ownerReferences[*].kind}]{"\\n"}{end}\'';

describe('kubectl delete --cascade', () => {
  it('a bad value is refused first, without a trailing period', () => {
    const { run } = cluster();
    expect(run('kubectl delete deployment nope --cascade=bogus')).toEqual({
      out: '',
      err: 'error: invalid cascade value (bogus). Must be "background", "foreground", or "orphan"\n',
      code: 1,
    });
  });

  it('--cascade=false warns and orphans the ReplicaSet', () => {
    const { run } = cluster();
    expect(run('kubectl delete deployment web --cascade=false')).toEqual({
      out: 'deployment.apps "web" deleted\n',
      err: 'warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n',
      code: 0,
    });
    expect(run(owners).out).toMatch(/^web-\w+ \[\]\n$/);
  });

  it('--cascade=1 is true: background, the warning naming the value given', () => {
    const { run } = cluster();
    expect(run('kubectl delete deployment web --cascade=1')).toEqual({
      out: 'deployment.apps "web" deleted\n',
      err: 'warning: --cascade=1 is deprecated (boolean value) and can be replaced with --cascade=background.\n',
      code: 0,
    });
    run('sleep 5');
    expect(run(owners)).toEqual({ out: '', err: '', code: 0 });
    expect(run('kubectl delete deployment nope --cascade=F').err).toBe(
      'warning: --cascade=F is deprecated (boolean value) and can be replaced with --cascade=orphan.\nError from server (NotFound): deployments.apps "nope" not found\n',
    );
  });
});
