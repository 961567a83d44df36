/**
 * A deleted mirror pod comes back as it was (audit 13 C3): the ServiceAccount admission does
 * not touch mirror pods, so the recreated one has no service account and no token volume.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('mirror pod re-creation', () => {
  it('has no service account or kube-api-access volume after a delete', () => {
    const { run } = engineSession(3);
    const ns = '-n kube-system';
    const pod = 'kube-scheduler-control-plane';
    const before = run(`kubectl get pod ${pod} ${ns} -o yaml`).out;
    expect(before).not.toContain('serviceAccountName');
    expect(run(`kubectl delete pod ${pod} ${ns}`).out).toBe(`pod "${pod}" deleted\n`);
    run('sleep 10s');
    const after = run(`kubectl get pod ${pod} ${ns} -o yaml`).out;
    expect(after).toContain('kubernetes.io/config.mirror');
    expect(after).not.toContain('serviceAccountName');
    expect(after).not.toContain('kube-api-access-');
    // The status manager keeps the static pod's status: its conditions keep their times.
    const times = (y: string) => [...y.matchAll(/lastTransitionTime: "([^"]+)"/g)].map((m) => m[1]);
    expect(times(after)).toEqual(times(before));
    expect(times(before).length).toBe(5);
    const described = run(`kubectl describe pod ${pod} ${ns}`).out;
    expect(described).not.toContain('Service Account:');
    expect(described).not.toContain('/var/run/secrets/kubernetes.io/serviceaccount');
  });
});
