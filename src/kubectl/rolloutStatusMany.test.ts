/**
 * `kubectl rollout status` over several objects, as the real kubectl 1.32.5 answers (checked
 * with bench/kubectlOracle.ts): each visited in turn, a missing one or a kind without a status
 * viewer gathered and printed after the others, nothing selected said without an error.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

function cluster() {
  const s = engineSession(3);
  s.run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
  s.run('kubectl create deployment api --image=httpd:2.4');
  s.run('sleep 20');
  return s;
}

describe('kubectl rollout status with several objects', () => {
  it('reports each named object in the order given', () => {
    const { run } = cluster();
    expect(run('kubectl rollout status deployment/web deployment/api --watch=false')).toEqual({
      out: 'deployment "web" successfully rolled out\ndeployment "api" successfully rolled out\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl rollout status deployment --watch=false')).toEqual({
      out: 'deployment "api" successfully rolled out\ndeployment "web" successfully rolled out\n',
      err: '',
      code: 0,
    });
  });

  it('a missing object is NotFound after the others, whatever its place', () => {
    const { run } = cluster();
    const want = {
      out: 'deployment "web" successfully rolled out\n',
      err: 'Error from server (NotFound): deployments.apps "nope" not found\n',
      code: 1,
    };
    expect(run('kubectl rollout status deployment/nope deployment/web')).toEqual(want);
    expect(run('kubectl rollout status deployment/web deployment/nope')).toEqual(want);
    expect(run('kubectl rollout status deployment/web rs/xyz')).toEqual({
      ...want,
      err: 'Error from server (NotFound): replicasets.apps "xyz" not found\n',
    });
  });

  it('nothing selected is no error', () => {
    const { run } = cluster();
    expect(run('kubectl rollout status deployment -l app=nothing')).toEqual({
      out: '',
      err: 'No resources found in default namespace.\n',
      code: 0,
    });
  });
});

describe('the other rollout commands with a missing object', () => {
  it('act on the others and print the errors last (kubectl 1.32.5)', () => {
    const { run } = cluster();
    expect(run('kubectl rollout history deployment/nope deployment/web')).toEqual({
      out: 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n\n',
      err: 'Error from server (NotFound): deployments.apps "nope" not found\n',
      code: 1,
    });
    expect(run('kubectl rollout pause deployment/nope deployment/web')).toEqual({
      out: 'deployment.apps/web paused\n',
      err: 'Error from server (NotFound): deployments.apps "nope" not found\n',
      code: 1,
    });
    expect(run('kubectl rollout resume deployment/nope deployment/web')).toEqual({
      out: 'deployment.apps/web resumed\n',
      err: 'Error from server (NotFound): deployments.apps "nope" not found\n',
      code: 1,
    });
    expect(run('kubectl rollout restart deployment/nope deployment/api')).toEqual({
      out: 'deployment.apps/api restarted\n',
      err: 'Error from server (NotFound): deployments.apps "nope" not found\n',
      code: 1,
    });
  });

  it('several errors are a line each, without error: (MultipleErrors)', () => {
    const { run } = cluster();
    run('kubectl create job once --image=busybox -- true');
    expect(run('kubectl rollout undo deployment/nope deployment/web')).toEqual({
      out: '',
      err: 'Error from server (NotFound): deployments.apps "nope" not found\nno rollout history found for deployment "web"\n',
      code: 1,
    });
    expect(run('kubectl rollout undo job/once deployment/web')).toEqual({
      out: '',
      err: 'no rollbacker has been implemented for "Job.batch"\nno rollout history found for deployment "web"\n',
      code: 1,
    });
    expect(run('kubectl rollout history job/once deployment/web')).toEqual({
      out: 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n\n',
      err: 'error: no history viewer has been implemented for "Job.batch"\n',
      code: 1,
    });
  });
});

describe('rollout with -l and names', () => {
  it("is the builder's refusal (kubectl 1.32.5)", () => {
    const { run } = cluster();
    for (const sub of ['restart', 'status', 'history', 'pause', 'undo']) {
      expect(run(`kubectl rollout ${sub} deploy/web --selector=app=web`)).toEqual({
        out: '',
        err: 'error: selectors and the all flag cannot be used when passing resource/name arguments\n',
        code: 1,
      });
    }
  });
});

describe('kubectl rollout status --timeout below zero', () => {
  it('ContextWithOptionalTimeout logs it for each object watched, then waits without one', () => {
    const { run } = cluster();
    const r = run('kubectl rollout status deployment/web deployment/api --timeout=-5s');
    expect(r.out).toBe(
      'deployment "web" successfully rolled out\ndeployment "api" successfully rolled out\n',
    );
    expect(r.err.split('\n')).toEqual([
      expect.stringMatching(
        /^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ until\.go:159\] Timeout for context shall not be negative!$/,
      ),
      expect.stringMatching(/until\.go:159\] Timeout for context shall not be negative!$/),
      '',
    ]);
    expect(r.code).toBe(0);
    // A kind with no status viewer fails before any watch.
    expect(run('kubectl rollout status pod/nope --timeout=-5s').err).not.toMatch(/until\.go/);
  });
});

describe('kubectl rollout status: the errors of several objects', () => {
  it('are printed in the order of the visit, a NotFound in its place among the others', () => {
    const s = engineSession(3);
    s.run('kubectl create deployment bad --image=nginx:nope');
    s.run('kubectl run one --image=nginx');
    s.run('sleep 20');
    const waiting =
      'Waiting for deployment "bad" rollout to finish: 0 of 1 updated replicas are available...\n';
    const timedOut = 'timed out waiting for the condition\n';
    const notFound = 'Error from server (NotFound): deployments.apps "nope" not found\n';
    expect(s.run('kubectl rollout status deploy/bad deploy/nope --timeout=1s')).toEqual({
      out: waiting,
      err: timedOut + notFound,
      code: 1,
    });
    expect(s.run('kubectl rollout status deploy/nope deploy/bad --timeout=1s')).toEqual({
      out: waiting,
      err: notFound + timedOut,
      code: 1,
    });
    expect(s.run('kubectl rollout status deploy/nope pod/one deploy/bad --timeout=1s')).toEqual({
      out: waiting,
      err: `${notFound}no status viewer has been implemented for Pod\n${timedOut}`,
      code: 1,
    });
  });
});
