/**
 * `kubectl rollout status --revision=N`: the Deployment must run revision N, checked before its
 * progress; a negative N is refused before anything is read.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl rollout status --revision', () => {
  it('fails when the Deployment runs another revision, and waits as usual on its own', () => {
    const { run } = engineSession(1);
    run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    run('kubectl set image deploy/web nginx=nginx:bad-w');
    expect(run('kubectl rollout status deploy/web -w=false --revision=1')).toEqual({
      out: '',
      err: 'error: desired revision (1) is different from the running revision (2)\n',
      code: 1,
    });
    expect(run('kubectl rollout status deploy/web --revision=5 --timeout=1s')).toEqual({
      out: '',
      err: 'error: desired revision (5) is different from the running revision (2)\n',
      code: 1,
    });
    expect(run('kubectl rollout status deploy/web -w=false --revision=2')).toEqual({
      out: 'Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated...\n',
      err: '',
      code: 0,
    });
  });

  it('succeeds at the running revision; refuses a negative one first, even for a missing object', () => {
    const { run } = engineSession(1);
    expect(run('kubectl rollout status deploy/nope --revision=-1')).toEqual({
      out: '',
      err: 'error: revision must be a positive integer: -1\n',
      code: 1,
    });
    run('kubectl create deployment web --image=nginx');
    expect(run('kubectl rollout status deploy/web --revision=1').out).toBe(
      'deployment "web" successfully rolled out\n',
    );
  });

  it('is ignored by the DaemonSet and StatefulSet viewers', () => {
    const { run, host } = engineSession(1);
    host.fs.write(
      'ds.yaml',
      `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
      - name: agent
        image: nginx
`,
    );
    run('kubectl apply -f ds.yaml');
    expect(run('kubectl rollout status ds/agent --revision=7')).toMatchObject({
      out: 'daemon set "agent" successfully rolled out\n',
      code: 0,
    });
  });
});
