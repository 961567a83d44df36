import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

/**
 * TYPE/NAME arguments of several types: the resource builder visits them in the order given,
 * one Info per tuple (cli-runtime visitByResource), not grouped by type. The get, label and
 * delete outputs below are a real kubectl 1.32.5's, bridged to the same simulated cluster; scale
 * (which the bridge cannot serve) follows scale.go, which returns at the first failed Scale.
 */
describe('TYPE/NAME arguments keep the order they were given', () => {
  function session() {
    const s = engineSession(1);
    s.run('kubectl create deployment web --image=nginx');
    s.run('kubectl create deployment api --image=nginx');
    return s;
  }

  it('get, label and delete visit deploy/web, cm/…, deploy/api in that order', () => {
    const { run } = session();
    expect(run('kubectl get deploy/web cm/kube-root-ca.crt deploy/api -o name').out).toBe(
      'deployment.apps/web\nconfigmap/kube-root-ca.crt\ndeployment.apps/api\n',
    );
    expect(run('kubectl label deploy/web cm/kube-root-ca.crt deploy/api a=b').out).toBe(
      'deployment.apps/web labeled\nconfigmap/kube-root-ca.crt labeled\ndeployment.apps/api labeled\n',
    );
    expect(run('kubectl delete deploy/web cm/nope deploy/api --dry-run=client').out).toBe(
      'deployment.apps "web" deleted (dry run)\nconfigmap "nope" deleted (dry run)\ndeployment.apps "api" deleted (dry run)\n',
    );
    // A kind that comes back after another starts a table of its own.
    expect(run('kubectl get deploy/web cm/kube-root-ca.crt deploy/api').out).toMatch(
      /^NAME +READY[^\n]*\ndeployment\.apps\/web [^\n]*\n\nNAME +DATA +AGE\nconfigmap\/kube-root-ca\.crt [^\n]*\n\nNAME +READY[^\n]*\ndeployment\.apps\/api [^\n]*\n$/,
    );
  });

  it('scale stops at the first object whose scale PATCH fails: what follows is left', () => {
    const { run } = session();
    expect(
      run('kubectl scale deploy/web configmap/kube-root-ca.crt deploy/api --replicas=2'),
    ).toEqual({
      out: 'deployment.apps/web scaled\n',
      err: 'Error from server (NotFound): the server could not find the requested resource\n',
      code: 1,
    });
    expect(run('kubectl get deploy api -o jsonpath={.spec.replicas}').out).toBe('1');
  });
});
