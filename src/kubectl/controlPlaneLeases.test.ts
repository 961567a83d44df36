/**
 * kube-system's leases on a kubeadm cluster: the controller manager's and the scheduler's leader
 * election and the API server's identity, renewed (as reads show them) without a write each time.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('control-plane leases', () => {
  it('lists the leader-election and identity leases beside the node leases', () => {
    const { run } = engineSession(1);
    const out = run('kubectl get leases -n kube-system').out;
    expect(out).toMatch(
      /^NAME +HOLDER +AGE\napiserver-6vzvajxlkf7lcarzgdc4jnyaru +apiserver-6vzvajxlkf7lcarzgdc4jnyaru_[0-9a-f-]{36} +5d\nkube-controller-manager +control-plane_[0-9a-f-]{36} +5d\nkube-scheduler +control-plane_[0-9a-f-]{36} +5d\n$/,
    );
    expect(run('kubectl get leases -A --no-headers').out.split('\n').filter(Boolean)).toHaveLength(
      7,
    );
    const identity = run(
      'kubectl get lease -n kube-system -l apiserver.kubernetes.io/identity=kube-apiserver -o yaml',
    ).out;
    expect(identity).toContain(
      '    labels:\n      apiserver.kubernetes.io/identity: kube-apiserver\n      kubernetes.io/hostname: control-plane\n',
    );
    expect(identity).toContain('    leaseDurationSeconds: 3600\n');
  });

  it('shows renewTime at the latest 2 s renewal while the resourceVersion stays', () => {
    const { run, cluster } = engineSession(1);
    const read = () =>
      run(
        "kubectl get lease kube-scheduler -n kube-system -o jsonpath='{.spec.renewTime} {.metadata.resourceVersion} {.spec.leaseDurationSeconds} {.spec.acquireTime}'",
      ).out.split(' ');
    const [renew1 = '', rv1, duration, acquired] = read();
    expect(duration).toBe('15');
    expect(acquired).toBe('2026-01-01T00:00:00.000000Z');
    cluster.advance(5_000);
    const [renew2 = '', rv2] = read();
    expect(rv2).toBe(rv1);
    const seconds = (t: string) => Date.parse(t) / 1000;
    expect(seconds(renew2) - seconds(renew1)).toBeGreaterThanOrEqual(4);
    expect(seconds(renew2) % 2).toBe(0);
  });
});
