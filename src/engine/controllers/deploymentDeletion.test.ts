/**
 * A Deployment being deleted only has its status synced (`syncStatusOnly`): while a foreground
 * deletion waits for a pod stuck Terminating on a stopped node, READY, UP-TO-DATE and AVAILABLE
 * follow its ReplicaSet down to 0, and Available turns False.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';

describe('Deployment in foreground deletion', () => {
  it('syncs only its status: 0/3 0 0 while the ReplicaSet has no pod left that counts', () => {
    const { run } = engineSession(1);
    run('kubectl create deployment web --image=nginx:1.27 --replicas=3');
    expect(run('kubectl get pods -o wide').out).toContain('node2');
    run('sim stop-node node2');
    run('sleep 60');
    expect(run('kubectl delete deploy web --cascade=foreground --timeout=20s')).toEqual({
      out: 'deployment.apps "web" deleted\n',
      err: 'error: timed out waiting for the condition on deployments/web\n',
      code: 1,
    });
    expect(run('kubectl get deploy,rs').out).toBe(
      [
        'NAME                  READY   UP-TO-DATE   AVAILABLE   AGE',
        'deployment.apps/web   0/3     0            0           2m45s',
        '',
        'NAME                             DESIRED   CURRENT   READY   AGE',
        'replicaset.apps/web-5c94f75b5d   3         0         0       2m45s',
        '',
      ].join('\n'),
    );
    expect(
      run(
        `kubectl get deploy web -o jsonpath='{range .status.conditions[*]}{.type} {.status} {.reason}{"\\n"}{end}'`,
      ).out,
      // SetDeploymentCondition moves a changed condition to the end.
    ).toBe('Progressing True NewReplicaSetAvailable\nAvailable False MinimumReplicasUnavailable\n');
    // The node comes back, the pod goes, and so do the ReplicaSet and the Deployment.
    run('sim start-node node2');
    expect(run('kubectl get deploy,rs,pods').err).toBe(
      'No resources found in default namespace.\n',
    );
  });
});
