/**
 * `kubectl rollout undo | pause | resume` against the real simulated cluster: kubectl's texts,
 * and what the Deployment controller then does (revision renumbering, no new ReplicaSet while
 * paused, the Progressing condition's DeploymentPaused / DeploymentResumed reasons).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const session = () => engineSession(3);

/** Revision → image of every ReplicaSet of `web`, from `get rs -o jsonpath`. */
function revisions(run: ReturnType<typeof session>['run']): string {
  return run(
    `kubectl get rs -l app=web -o jsonpath='{range .items[*]}{.metadata.annotations.deployment\\.kubernetes\\.io/revision}={.spec.template.spec.containers[0].image}/{.spec.replicas} {end}'`,
  )
    .out.trim()
    .split(' ')
    .sort()
    .join(' ');
}

describe('kubectl rollout undo', () => {
  it('refuses without history, then rolls back to the previous revision, which becomes the newest', () => {
    const { run } = session();
    expect(run('kubectl rollout undo deployment/web')).toEqual({
      out: '',
      err: 'Error from server (NotFound): deployments.apps "web" not found\n',
      code: 1,
    });
    run('kubectl create deployment web --image=nginx --replicas=2');
    expect(run('kubectl rollout undo deployment/web')).toEqual({
      out: '',
      err: 'error: no rollout history found for deployment "web"\n',
      code: 1,
    });
    run('kubectl set image deployment/web nginx=nginx:1.27');
    expect(revisions(run)).toBe('1=nginx/0 2=nginx:1.27/2');

    expect(run('kubectl rollout undo deployment/web').out).toBe(
      'deployment.apps/web rolled back\n',
    );
    // The ReplicaSet of revision 1 is re-used under revision 3; revision 1 leaves the history.
    expect(revisions(run)).toBe('2=nginx:1.27/0 3=nginx/2');
    expect(run('kubectl rollout history deployment/web').out).toBe(
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n',
    );
    expect(run('kubectl rollout status deployment/web').out).toBe(
      'deployment "web" successfully rolled out\n',
    );
    expect(
      run("kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'").out,
    ).toBe('nginx');
  });

  it('--to-revision: a missing revision, the current one (skipped) and an explicit older one', () => {
    const { run } = session();
    run('kubectl create deployment web --image=nginx --replicas=1');
    run('kubectl set image deployment/web nginx=nginx:1.27');
    expect(run('kubectl rollout undo deployment/web --to-revision=7')).toEqual({
      out: '',
      err: 'error: unable to find specified revision 7 in history\n',
      code: 1,
    });
    expect(run('kubectl rollout undo deployment/web --to-revision=2').out).toBe(
      'deployment.apps/web skipped rollback (current template already matches revision 2)\n',
    );
    expect(run('kubectl rollout undo deploy web --to-revision=1').out).toBe(
      'deployment.apps/web rolled back\n',
    );
    expect(revisions(run)).toBe('2=nginx:1.27/0 3=nginx/1');
  });

  it('--dry-run=client prints the pod template it would restore and changes nothing', () => {
    // rollback.go returns printTemplate(&rsForRevision.Spec.Template) before it takes the
    // pod-template-hash label off: the ReplicaSet's template as stored.
    const { run } = session();
    run('kubectl create deployment web --image=nginx --replicas=1');
    run('kubectl set image deployment/web nginx=nginx:1.27');
    const r = run('kubectl rollout undo deployment/web --dry-run=client');
    expect(r.out).toBe(
      [
        'deployment.apps/web Pod Template:',
        '  Labels:\tapp=web',
        '\tpod-template-hash=6dc5cd68db',
        '  Containers:',
        '   nginx:',
        '    Image:\tnginx',
        '    Port:\t<none>',
        '    Host Port:\t<none>',
        '    Environment:\t<none>',
        '    Mounts:\t<none>',
        '  Volumes:\t<none>',
        '  Node-Selectors:\t<none>',
        '  Tolerations:\t<none>',
        ' (dry run)',
        '',
      ].join('\n'),
    );
    expect(revisions(run)).toBe('1=nginx/0 2=nginx:1.27/1');
  });

  it('has no rollbacker for a pod', () => {
    const { run } = session();
    run('kubectl run p --image=nginx');
    expect(run('kubectl rollout undo pod/p').err).toBe(
      'error: no rollbacker has been implemented for "Pod"\n',
    );
  });
});

describe('kubectl rollout pause / resume', () => {
  it('a paused Deployment keeps its pods on a template change; resume rolls it out', () => {
    const { run, cluster } = session();
    run('kubectl create deployment web --image=nginx --replicas=2');
    run('kubectl set image deployment/web nginx=nginx:1.27');
    expect(run('kubectl rollout pause deployment/web').out).toBe('deployment.apps/web paused\n');
    const progressing = () =>
      (
        cluster.peek('deployments', 'default', 'web')?.status as
          | { conditions?: { type: string; status: string; reason: string; message: string }[] }
          | undefined
      )?.conditions?.find((c) => c.type === 'Progressing');
    expect(progressing()).toMatchObject({
      status: 'Unknown',
      reason: 'DeploymentPaused',
      message: 'Deployment is paused',
    });
    expect(run('kubectl rollout pause deployment/web')).toEqual({
      out: '',
      err: 'error: deployments.apps "web" is already paused\n',
      code: 1,
    });
    run('kubectl set image deployment/web nginx=nginx:latest');
    // No new ReplicaSet while paused.
    expect(revisions(run)).toBe('1=nginx/0 2=nginx:1.27/2');
    expect(run('kubectl rollout undo deployment/web').err).toBe(
      "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n",
    );
    // Scaling still works while paused.
    run('kubectl scale deployment web --replicas=3');
    expect(revisions(run)).toBe('1=nginx/0 2=nginx:1.27/3');

    expect(run('kubectl rollout resume deployment/web').out).toBe('deployment.apps/web resumed\n');
    expect(run('kubectl rollout resume deployment/web').err).toBe(
      'error: deployments.apps "web" is not paused\n',
    );
    expect(run('kubectl rollout status deployment/web').out).toContain(
      'deployment "web" successfully rolled out\n',
    );
    expect(revisions(run)).toBe('1=nginx/0 2=nginx:1.27/0 3=nginx:latest/3');
    expect(progressing()).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
  });

  it('only Deployments can be paused', () => {
    const { run } = session();
    run('kubectl run p --image=nginx');
    expect(run('kubectl rollout pause pod/p').err).toBe(
      'error: pods "p" pausing is not supported\n',
    );
    expect(run('kubectl rollout resume pod/p').err).toBe(
      'error: pods "p" resuming is not supported\n',
    );
    expect(run('kubectl rollout pause').err).toBe('error: required resource not specified\n');
  });
});

describe('kubectl rollout restart', () => {
  it('refuses a paused Deployment and leaves its template alone; restarts it once resumed', () => {
    const { run } = session();
    run('kubectl create deployment web --image=nginx --replicas=1');
    run('kubectl rollout pause deployment/web');
    const generation = () => run("kubectl get deploy web -o jsonpath='{.metadata.generation}'").out;
    const before = generation();
    expect(run('kubectl rollout restart deployment/web')).toEqual({
      out: '',
      err: 'error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)\n',
      code: 1,
    });
    expect(run('kubectl rollout restart deployment/web --dry-run=client').code).toBe(1);
    expect(generation()).toBe(before);
    expect(
      run("kubectl get deploy web -o jsonpath='{.spec.template.metadata.annotations}'").out,
    ).toBe('');

    run('kubectl rollout resume deployment/web');
    expect(run('kubectl rollout restart deployment/web')).toEqual({
      out: 'deployment.apps/web restarted\n',
      err: '',
      code: 0,
    });
  });

  it('stamps restartedAt in RFC 3339 seconds and refuses a second restart within that second', () => {
    const { run } = session();
    run('kubectl create deployment web --image=nginx --replicas=1');
    const annotation = () =>
      run(
        "kubectl get deploy web -o jsonpath='{.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}'",
      ).out;
    const generation = () => run("kubectl get deploy web -o jsonpath='{.metadata.generation}'").out;
    // Two restarts in one line run in the same second: the second patch is empty.
    expect(
      run('kubectl rollout restart deployment/web; kubectl rollout restart deployment/web'),
    ).toEqual({
      out: 'deployment.apps/web restarted\n',
      err: 'error: failed to create patch for web: if restart has already been triggered within the past second, please wait before attempting to trigger another\n',
      code: 1,
    });
    const first = annotation();
    expect(first).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(generation()).toBe('2');
    // A second later it is another value, another template, another ReplicaSet.
    run('sleep 1');
    expect(run('kubectl rollout restart deployment/web').out).toBe(
      'deployment.apps/web restarted\n',
    );
    expect(annotation()).not.toBe(first);
    expect(generation()).toBe('3');
    expect(run('kubectl get rs -o name').out.trim().split('\n')).toHaveLength(3);
  });
});
