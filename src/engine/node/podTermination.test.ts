/**
 * A deleted pod's last moments, as a 1.32 kubelet gives them: it stops the containers
 * (Killing), syncTerminatingPod writes the stopped status (containers terminated, none ready,
 * the phase terminal: Succeeded when all exited 0, else Failed), then the status manager deletes
 * the pod with grace 0, which the API server first records (deletionGracePeriodSeconds 0) and
 * then carries out. kubectl (since kubernetes#122038) shows a terminal pod's reason, not
 * Terminating.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';

const HELD = `cat <<'EOF' | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata:
  name: held
  finalizers: ["example.com/keep"]
spec:
  containers:
  - name: web
    image: nginx
EOF`;

describe('a deleted pod: the final status, then the delete', () => {
  it('nginx quits on SIGQUIT: MODIFIED 0/1 Completed twice, then DELETED', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx');
    const name = run('kubectl get pods -o name').out.trim().slice('pod/'.length);
    const r = run(
      `kubectl delete pod ${name} --wait=false; kubectl get pod ${name} -w --output-watch-events`,
    );
    expect(r.out).toBe(
      [
        `pod "${name}" deleted`,
        // The header is sized by the first row (ADDED): a wider EVENT widens it from then on.
        'EVENT   NAME                   READY   STATUS        RESTARTS   AGE',
        `ADDED   ${name}   1/1     Terminating   0          40s`,
        `MODIFIED   ${name}   0/1     Completed     0          40s`,
        `MODIFIED   ${name}   0/1     Completed     0          40s`,
        `DELETED    ${name}   0/1     Completed     0          40s`,
        '',
      ].join('\n'),
    );
    expect(
      run(`kubectl get events --field-selector involvedObject.name=${name},reason=Killing`).out,
    ).toContain('Normal   Killing   pod/' + name + '   Stopping container nginx');
  });

  it('a crash-looping pod is not restarted once deleted: its last run is its state, Error', () => {
    const { run } = engineSession(3);
    run('kubectl run c --image=busybox -- sh -c "exit 1"');
    run('sleep 30');
    expect(run('kubectl get pod c --no-headers').out).toMatch(/^c +0\/1 +CrashLoopBackOff +\d /);
    const r = run(
      'kubectl delete pod c --wait=false; kubectl get pod c -w -o jsonpath=\'{.metadata.deletionGracePeriodSeconds} {.status.phase} {.status.containerStatuses[0].state} {.status.conditions[3].reason}{"\\n"}\'',
    );
    const lines = r.out.trim().split('\n').slice(1);
    expect(lines[0]).toMatch(
      /^30 Running \{"waiting":\{.*"reason":"CrashLoopBackOff"\}\} ContainersNotReady$/,
    );
    expect(lines.slice(1)).toHaveLength(3);
    expect(lines[1]).toMatch(
      /^30 Failed \{"terminated":\{.*"exitCode":1,.*"reason":"Error".*\}\} PodFailed$/,
    );
    expect(lines[2]).toMatch(/^0 Failed .* PodFailed$/);
  });

  it('a pod a finalizer keeps shows its terminal phase: get says Completed, describe Succeeded', () => {
    const { run } = engineSession(3);
    run(HELD);
    run('kubectl delete pod held --wait=false');
    expect(run('kubectl get pod held').out).toBe(
      'NAME   READY   STATUS      RESTARTS   AGE\nheld   0/1     Completed   0          40s\n',
    );
    const d = run('kubectl describe pod held').out;
    expect(d).toContain('\nStatus:           Succeeded\n');
    expect(d).not.toContain('Termination Grace Period');
    expect(d).toContain(
      '    State:          Terminated\n      Reason:       Completed\n      Exit Code:    0\n',
    );
    expect(
      run(
        "kubectl get pod held -o jsonpath='{.metadata.deletionGracePeriodSeconds} {.status.conditions[*].reason}'",
      ).out,
    ).toBe('0 PodCompleted PodCompleted PodCompleted');
  });

  it('a container that never started (bad image) is reported lost: ContainerStatusUnknown, 137', () => {
    const { run } = engineSession(3);
    run(HELD.replace('image: nginx', 'image: nginx:nope'));
    expect(run('kubectl get pod held --no-headers').out).toMatch(/ImagePullBackOff/);
    run('kubectl delete pod held --wait=false');
    expect(run('kubectl get pod held --no-headers').out).toMatch(
      /^held +0\/1 +ContainerStatusUnknown +0 +2m\d+s\n$/,
    );
    const d = run('kubectl describe pod held').out;
    expect(d).toContain('\nStatus:           Failed\n');
    expect(d).toContain(
      [
        '    State:          Terminated',
        '      Reason:       ContainerStatusUnknown',
        '      Message:      The container could not be located when the pod was terminated',
        '      Exit Code:    137',
        '      Started:      Mon, 01 Jan 0001 00:00:00 +0000',
        '      Finished:     Mon, 01 Jan 0001 00:00:00 +0000',
        '',
      ].join('\n'),
    );
  });

  it('exit codes by how the process takes its stop signal: servers 0, a stubborn PID 1 137', () => {
    const { run } = engineSession(3);
    run('kubectl run r --image=redis');
    run('kubectl run s --image=busybox --command -- sleep 3600');
    const r = run(
      'kubectl delete pod r s --wait=false; kubectl get pods -w -o jsonpath=\'{.metadata.name} {.status.phase} {.status.containerStatuses[0].state.terminated.exitCode}{"\\n"}\'',
    );
    const ends = r.out.split('\n').filter((l) => / (Succeeded|Failed) /.test(l));
    // Each: the kubelet's status, the grace-0 update, the DELETED event.
    expect(ends).toEqual([
      'r Succeeded 0',
      'r Succeeded 0',
      'r Succeeded 0',
      's Failed 137',
      's Failed 137',
      's Failed 137',
    ]);
  });
});
