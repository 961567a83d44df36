/**
 * `kubectl delete -i` (--interactive, on by default since 1.29's beta): the objects the builder
 * found, by name and unfetched, then "Do you want to continue? (y/n): " read from stdin. Outputs
 * as the real kubectl 1.32.5 printed them through the oracle (bench/kubectlOracle.ts).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const ASK = 'Do you want to continue? (y/n): ';

describe('kubectl delete --interactive', () => {
  const start = () => {
    const s = engineSession(3);
    s.run('kubectl create deployment web --image=nginx --replicas=2');
    s.run('kubectl create deployment api --image=nginx');
    s.run('kubectl create configmap cfg --from-literal=a=b');
    return s;
  };

  it('anything but y, or nothing piped in, cancels and deletes nothing', () => {
    const { run } = start();
    expect(run('kubectl delete deploy web -i <<< n')).toEqual({
      out: `You are about to delete the following 1 resource(s):\ndeployment.apps/web\n${ASK}deletion is cancelled\n`,
      err: '',
      code: 0,
    });
    // A console line with no stdin reads end of input, as `< /dev/null` does; the console says
    // how to answer.
    expect(run('kubectl delete deploy web -i')).toEqual({
      out: `You are about to delete the following 1 resource(s):\ndeployment.apps/web\n${ASK}deletion is cancelled\n`,
      err: '(this console cannot wait for the answer: give it on the same line, as in kubectl delete pod NAME -i <<< y)\n',
      code: 0,
    });
    expect(run('kubectl delete deploy web --interactive < /dev/null').out).toContain(
      'deletion is cancelled',
    );
    expect(run('kubectl delete deploy web -i <<< yes').out).toContain('deletion is cancelled');
    expect(run('kubectl delete deploy,cm --all -i <<< no').out).toBe(
      `You are about to delete the following 4 resource(s):\ndeployment.apps/api\ndeployment.apps/web\nconfigmap/cfg\nconfigmap/kube-root-ca.crt\n${ASK}deletion is cancelled\n`,
    );
    expect(run('kubectl get deploy web -o name').out).toBe('deployment.apps/web\n');
  });

  it('y (in any case) deletes; names are listed unfetched, so a missing one fails only then', () => {
    const { run } = start();
    expect(run('kubectl delete deploy web nope -i <<< y')).toEqual({
      out: `You are about to delete the following 2 resource(s):\ndeployment.apps/web\ndeployment.apps/nope\n${ASK}deployment.apps "web" deleted\n`,
      err: 'Error from server (NotFound): deployments.apps "nope" not found\n',
      code: 1,
    });
    expect(run('kubectl delete deploy api -i --dry-run=client <<< y').out).toBe(
      `You are about to delete the following 1 resource(s):\ndeployment.apps/api\n${ASK}deployment.apps "api" deleted (dry run)\n`,
    );
    expect(run('kubectl delete deploy api -i <<< Y').out).toBe(
      `You are about to delete the following 1 resource(s):\ndeployment.apps/api\n${ASK}deployment.apps "api" deleted\n`,
    );
    // Nothing found by a selector: no question.
    expect(run('kubectl delete cm -l app=none -i <<< y')).toEqual({
      out: 'No resources found\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl delete cm cfg --interactive=false').out).toBe('configmap "cfg" deleted\n');
  });
});
