/**
 * `kubectl logs` of the control-plane static pods and kube-proxy (audit 15 F10): their start-up
 * lines (klog for the Kubernetes components, zap JSON for etcd), stamped from the container's
 * start, instead of nothing.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('control-plane and kube-proxy logs', () => {
  const { run } = engineSession(3);
  const ks = (line: string) => run(`kubectl -n kube-system ${line}`);

  it('kube-scheduler logs its start, serving and the leader lease', () => {
    expect(ks('logs kube-scheduler-control-plane --tail=4').out).toBe(
      `I0101 00:00:02.341330       1 shared_informer.go:320] Caches are synced for client-ca::kube-system::extension-apiserver-authentication::client-ca-file
I0101 00:00:02.341361       1 shared_informer.go:320] Caches are synced for client-ca::kube-system::extension-apiserver-authentication::requestheader-client-ca-file
I0101 00:00:02.342392       1 leaderelection.go:257] attempting to acquire leader lease kube-system/kube-scheduler...
I0101 00:00:02.350423       1 leaderelection.go:271] successfully acquired lease kube-system/kube-scheduler
`,
    );
    expect(ks('logs kube-scheduler-control-plane').out.split('\n').slice(0, 3)).toEqual([
      'I0101 00:00:01.512113       1 serving.go:386] Generated self-signed cert in-memory',
      'I0101 00:00:02.234144       1 server.go:167] "Starting Kubernetes Scheduler" version="v1.32.2"',
      'I0101 00:00:02.234175       1 server.go:169] "Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""',
    ]);
  });

  it('kube-apiserver names its advertise address and serves on 6443', () => {
    const out = ks('logs kube-apiserver-control-plane').out;
    expect(out.split('\n')[0]).toBe(
      'I0101 00:00:00.310113       1 options.go:238] external host was not specified, using 172.18.0.2',
    );
    expect(out).toContain('secure_serving.go:213] Serving securely on [::]:6443\n');
    expect(out).toContain('] Version: v1.32.2\n');
  });

  it('kube-controller-manager starts its controllers after winning the lease', () => {
    const lines = ks('logs kube-controller-manager-control-plane').out.split('\n');
    const lease = lines.findIndex((l) =>
      l.endsWith('successfully acquired lease kube-system/kube-controller-manager'),
    );
    const started = lines.findIndex((l) =>
      l.endsWith('"Started controller" controller="deployment-controller"'),
    );
    expect(lease).toBeGreaterThan(0);
    expect(started).toBeGreaterThan(lease);
  });

  it('etcd writes zap JSON lines ending with the client listeners it serves', () => {
    const lines = ks('logs etcd-control-plane --tail=2').out.split('\n');
    expect(lines).toEqual([
      '{"level":"info","ts":"2026-01-01T00:00:00.613392Z","caller":"embed/serve.go:250","msg":"serving client traffic securely","traffic":"grpc+http","address":"127.0.0.1:2379"}',
      '{"level":"info","ts":"2026-01-01T00:00:00.613423Z","caller":"embed/serve.go:250","msg":"serving client traffic securely","traffic":"grpc+http","address":"172.18.0.2:2379"}',
      '',
    ]);
    for (const l of ks('logs etcd-control-plane').out.trim().split('\n')) {
      expect(Object.keys(JSON.parse(l)).slice(0, 4)).toEqual(['level', 'ts', 'caller', 'msg']);
    }
  });

  it("kube-proxy uses the iptables proxier with its node's IP", () => {
    const pod = ks(
      `get pods -l k8s-app=kube-proxy --field-selector spec.nodeName=node1 -o jsonpath='{.items[0].metadata.name}'`,
    ).out;
    const out = ks(`logs ${pod}`).out;
    expect(out).toMatch(
      /^I0101 00:00:00\.\d{6} {7}1 server_linux\.go:66\] "Using iptables proxy"\nI0101 00:00:00\.\d{6} {7}1 server\.go:698\] "Successfully retrieved node IP\(s\)" IPs=\["172\.18\.0\.3"\]\n/,
    );
    expect(out).toContain('server_linux.go:170] "Using iptables Proxier"\n');
    expect(out).toMatch(
      /\nE0101 [^\n]+server\.go:234\] "Kube-proxy configuration may be incomplete/,
    );
    // A selector prints each pod's log (the last line of each with --tail=1).
    expect(ks('logs -l k8s-app=kube-proxy --tail=1').out.split('\n')).toHaveLength(5);
  });
});
