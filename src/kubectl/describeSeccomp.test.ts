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
});
