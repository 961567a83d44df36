/**
 * kubeadm 1.32's probes in the control-plane manifests (audit 16 G23), as `cat` shows them, and
 * a manifest moved away and back running its probes against the component's health endpoint.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../testing/engineSession.ts';

/** The probe blocks of a manifest's container, in the manifest's order. */
function probes(manifest: string): string {
  const out: string[] = [];
  let inProbe = false;
  for (const line of manifest.split('\n')) {
    if (/^ {4}\S/.test(line))
      inProbe = /^ {4}(livenessProbe|readinessProbe|startupProbe):$/.test(line);
    else if (!/^ {6}/.test(line)) inProbe = false;
    if (inProbe) out.push(line);
  }
  return out.join('\n');
}

const HTTP = (host: string, path: string, port: number, scheme: string) =>
  `      httpGet:\n        host: ${host}\n        path: ${path}\n        port: ${port}\n        scheme: ${scheme}`;
const LIVENESS = (get: string) =>
  `    livenessProbe:\n      failureThreshold: 8\n${get}\n      initialDelaySeconds: 10\n      periodSeconds: 10\n      timeoutSeconds: 15`;
const READINESS = (get: string) =>
  `    readinessProbe:\n      failureThreshold: 3\n${get}\n      periodSeconds: 1\n      timeoutSeconds: 15`;
const STARTUP = (get: string) =>
  `    startupProbe:\n      failureThreshold: 24\n${get}\n      initialDelaySeconds: 10\n      periodSeconds: 10\n      timeoutSeconds: 15`;

describe("kubeadm's probes in the control-plane manifests", () => {
  it('the API server on its advertise address (/livez, /readyz), etcd on its metrics port', () => {
    const { run } = engineSession(3);
    run('ssh control-plane');
    expect(probes(run('cat /etc/kubernetes/manifests/kube-apiserver.yaml').out)).toBe(
      [
        LIVENESS(HTTP('172.18.0.2', '/livez', 6443, 'HTTPS')),
        READINESS(HTTP('172.18.0.2', '/readyz', 6443, 'HTTPS')),
        STARTUP(HTTP('172.18.0.2', '/livez', 6443, 'HTTPS')),
      ].join('\n'),
    );
    expect(probes(run('cat /etc/kubernetes/manifests/etcd.yaml').out)).toBe(
      [
        LIVENESS(HTTP('127.0.0.1', '/livez', 2381, 'HTTP')),
        READINESS(HTTP('127.0.0.1', '/readyz', 2381, 'HTTP')),
        STARTUP(HTTP('127.0.0.1', '/readyz', 2381, 'HTTP')),
      ].join('\n'),
    );
  });

  it('the controller manager and the scheduler: /healthz on 127.0.0.1, no readiness probe', () => {
    const { run } = engineSession(3);
    run('ssh control-plane');
    expect(probes(run('cat /etc/kubernetes/manifests/kube-controller-manager.yaml').out)).toBe(
      [
        LIVENESS(HTTP('127.0.0.1', '/healthz', 10257, 'HTTPS')),
        STARTUP(HTTP('127.0.0.1', '/healthz', 10257, 'HTTPS')),
      ].join('\n'),
    );
    expect(probes(run('cat /etc/kubernetes/manifests/kube-scheduler.yaml').out)).toBe(
      [
        LIVENESS(HTTP('127.0.0.1', '/healthz', 10259, 'HTTPS')),
        STARTUP(HTTP('127.0.0.1', '/healthz', 10259, 'HTTPS')),
      ].join('\n'),
    );
  });

  it('the scheduler moved away and back runs with its probes, answered on port 10259: no restart', () => {
    const { run } = engineSession(3);
    run('ssh control-plane');
    run('mv /etc/kubernetes/manifests/kube-scheduler.yaml /tmp/');
    run('mv /tmp/kube-scheduler.yaml /etc/kubernetes/manifests/');
    run('exit');
    run('sim advance 5m');
    expect(
      run(
        'kubectl get pod -n kube-system kube-scheduler-control-plane -o jsonpath={.spec.containers[0].startupProbe.httpGet.port}',
      ).out,
    ).toBe('10259');
    expect(run('kubectl get pod -n kube-system kube-scheduler-control-plane').out).toMatch(
      /\nkube-scheduler-control-plane +1\/1 +Running +0 /,
    );
    expect(run('kubectl get events -n kube-system --field-selector reason=Unhealthy').out).toBe('');
  });

  it("the scheduler's manifest with other requests: the kubelet restarts its pod from it; other flags are refused", () => {
    const { run } = engineSession(3);
    run('ssh control-plane');
    const before = run(
      'kubectl --kubeconfig /etc/kubernetes/admin.conf get pod -n kube-system kube-scheduler-control-plane -o jsonpath={.metadata.uid}',
    ).out;
    expect(
      run("sed -i 's/cpu: 100m/cpu: 150m/' /etc/kubernetes/manifests/kube-scheduler.yaml"),
    ).toEqual({ out: '', err: '', code: 0 });
    expect(
      run(
        "sed -i 's/--leader-elect=true/--leader-elect=false/' /etc/kubernetes/manifests/kube-scheduler.yaml",
      ),
    ).toEqual({
      out: '',
      err: 'sed: /etc/kubernetes/manifests/kube-scheduler.yaml: this console does not simulate changing the image or command of kube-scheduler\n',
      code: 4,
    });
    run('exit');
    run('sim advance 30s');
    const pod = run(
      'kubectl get pod -n kube-system kube-scheduler-control-plane -o jsonpath={.metadata.uid}{.spec.containers[0].resources.requests.cpu}',
    ).out;
    expect(pod.endsWith('150m')).toBe(true);
    expect(pod).not.toContain(before);
    run('kubectl run late --image=nginx');
    run('sim advance 10s');
    expect(run('kubectl get pod late').out).toMatch(/\nlate +1\/1 +Running /);
  });
});
