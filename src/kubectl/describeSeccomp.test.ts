/**
 * `kubectl describe pod` prints the pod-level seccomp profile (audit 13 C4): describePod writes
 * `SeccompProfile:` after Status/Reason/Message and before IP, and `LocalhostProfile:` for a
 * Localhost profile.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('describe pod SeccompProfile', () => {
  it('shows RuntimeDefault on the control-plane static pods', () => {
    const { run } = engineSession(3);
    const out = run('kubectl describe pod kube-apiserver-control-plane -n kube-system').out;
    expect(out).toMatch(/\nStatus: +Running\nSeccompProfile: +RuntimeDefault\nIP: +\S+\n/);
  });

  it('shows a Localhost profile and its file, and nothing for a pod without one', () => {
    const { run } = engineSession(3);
    run(
      `kubectl run lp --image=nginx --overrides='{"spec":{"securityContext":{"seccompProfile":{"type":"Localhost","localhostProfile":"profiles/audit.json"}}}}'`,
    );
    run('kubectl run plain --image=nginx');
    expect(run('kubectl describe pod lp').out).toMatch(
      /\nSeccompProfile: +Localhost\nLocalhostProfile: +profiles\/audit\.json\nIP:/,
    );
    expect(run('kubectl describe pod plain').out).not.toContain('SeccompProfile');
  });

  it("shows a container's own profile after its host ports, a Localhost file one level in (real kubectl 1.32.5)", () => {
    const { run } = engineSession(1);
    run(
      `kubectl run sc1 --image=nginx --overrides='{"spec":{"containers":[{"name":"a","image":"nginx","securityContext":{"seccompProfile":{"type":"Localhost","localhostProfile":"profiles/audit.json"}},"command":["nginx"],"args":["-g","daemon off;"]},{"name":"b","image":"nginx","securityContext":{"seccompProfile":{"type":"RuntimeDefault"}}}]}}'`,
    );
    run('sleep 20');
    const out = run('kubectl describe pod sc1').out;
    expect(out).toContain(`Containers:
  a:
    Container ID:        containerd://65f0a8a90546dffdd8a0c3cb0ebb9734dac81791d82b65aab2615f8b86f28f38
    Image:               nginx
    Image ID:            docker.io/library/nginx@sha256:6266a3231085abd95edfb51c9f57f8b98fbf057f4fd236f0fd80ac597f55c078
    Port:                <none>
    Host Port:           <none>
    SeccompProfile:      Localhost
      LocalhostProfile:  profiles/audit.json
    Command:
      nginx
    Args:
      -g
      daemon off;
    State:          Running
      Started:      Tue, 06 Jan 2026 00:00:14 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-plrxp (ro)
  b:
    Container ID:    containerd://ff38fd046dc8844684a9c88886c9b785f222a60c7b958474a0f5521cdbeda1f3
    Image:           nginx
    Image ID:        docker.io/library/nginx@sha256:6266a3231085abd95edfb51c9f57f8b98fbf057f4fd236f0fd80ac597f55c078
    Port:            <none>
    Host Port:       <none>
    SeccompProfile:  RuntimeDefault
`);
  });
});
