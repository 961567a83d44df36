/** `kubectl set image` on the kinds with a pod template, and its refusal for the others. */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const AGENT = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: busybox:1.36
        command: ["sleep", "infinity"]
`;

describe('kubectl set image', () => {
  it('updates the pod template of a DaemonSet', () => {
    const { host, run } = engineSession(1);
    host.fs.write('agent.yaml', AGENT);
    expect(run('kubectl apply -f agent.yaml').out).toBe('daemonset.apps/agent created\n');
    expect(run('kubectl set image ds/agent agent=busybox:1.37')).toEqual({
      out: 'daemonset.apps/agent image updated\n',
      err: '',
      code: 0,
    });
    expect(
      run("kubectl get ds agent -o jsonpath='{.spec.template.spec.containers[0].image}'").out,
    ).toBe('busybox:1.37');
    // Nothing to change: kubectl sends no patch and prints nothing.
    expect(run('kubectl set image ds/agent agent=busybox:1.37')).toEqual({
      out: '',
      err: '',
      code: 0,
    });
  });

  it('refuses an object without a pod template with one "error:" and the Go type', () => {
    const { run } = engineSession(1);
    run('kubectl create service clusterip web --tcp=80');
    expect(run('kubectl set image svc/web web=nginx')).toEqual({
      out: '',
      err: 'error: services/web the object is not a pod or does not have a pod template: *v1.Service\n',
      code: 1,
    });
    expect(run('kubectl set image svc/nope web=nginx').err).toBe(
      'Error from server (NotFound): services "nope" not found\n',
    );
  });
});
