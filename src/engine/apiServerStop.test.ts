/**
 * The API server stopped on its own: its static pod manifest moved out of
 * /etc/kubernetes/manifests on the control-plane node. The kubelet stops kube-apiserver; the
 * machine still answers, so kubectl's dial to 172.18.0.2:6443 is refused (discovery logs its
 * five attempts first); the workers' containers go on; the manifest back, it serves again.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../kubectl/testing/engineSession.ts';
import { refusedPattern } from '../kubectl/testing/refused.ts';

const MANIFEST = '/etc/kubernetes/manifests/kube-apiserver.yaml';
const REFUSED = expect.stringMatching(refusedPattern('172.18.0.2:6443'));

function withDeployment() {
  const s = engineSession(3);
  s.run('kubectl create deployment web --image=nginx --replicas=2');
  s.run('sleep 20');
  return s;
}

describe('kube-apiserver.yaml moved away', () => {
  it('refuses every request until the manifest is back; pods keep running', () => {
    const { run, cluster } = withDeployment();
    run('ssh control-plane');
    expect(run(`mv ${MANIFEST} /tmp/`)).toEqual({ out: '', err: '', code: 0 });
    run('exit');
    expect(cluster.apiServerUp()).toBe(false);
    expect(run('kubectl get pods')).toEqual({ out: '', err: REFUSED, code: 1 });
    expect(run('kubectl scale deployment web --replicas=3')).toEqual({
      out: '',
      err: REFUSED,
      code: 1,
    });
    run('sleep 2m');
    // The outage is the process's: the machine is up.
    expect(cluster.apiOutages()).toEqual([{ from: expect.any(Number), cause: 'process' }]);

    run('ssh control-plane');
    expect(run(`mv /tmp/kube-apiserver.yaml ${MANIFEST}`).code).toBe(0);
    run('exit');
    expect(cluster.apiServerUp()).toBe(true);
    const [outage] = cluster.apiOutages();
    expect((outage?.to ?? 0) - (outage?.from ?? 0)).toBeGreaterThanOrEqual(120_000);
    // The scale never reached the server; the pods ran on, not restarted.
    expect(run('kubectl get pods').out).toMatch(
      /^NAME +READY +STATUS +RESTARTS +AGE\nweb-\S+ +1\/1 +Running +0 +\S+\nweb-\S+ +1\/1 +Running +0 +\S+\n$/,
    );
    expect(run('kubectl get pods -n kube-system kube-apiserver-control-plane').out).toMatch(
      /\nkube-apiserver-control-plane +1\/1 +Running +/,
    );
    expect(run('kubectl get nodes').out).not.toContain('NotReady');
  });

  it('the kubelet kills kube-apiserver at once: crictl lists no such container until it is back', () => {
    const { run } = withDeployment();
    run('ssh control-plane');
    expect(run('crictl ps --name kube-apiserver -q').out).toMatch(/^[0-9a-f]{64}\n$/);
    run(`mv ${MANIFEST} /root/`);
    // The API server could not be told to delete the mirror pod; the runtime holds nothing.
    expect(run('crictl ps --name kube-apiserver -q').out).toBe('');
    expect(run('crictl ps --name kube-scheduler -q').out).toMatch(/^[0-9a-f]{64}\n$/);
    run(`mv /root/kube-apiserver.yaml ${MANIFEST}`);
    expect(run('crictl ps --name kube-apiserver -q').out).toMatch(/^[0-9a-f]{64}\n$/);
  });

  it('a reboot of the control plane does not bring it back without its manifest', () => {
    const { run, cluster } = withDeployment();
    run(`ssh control-plane mv ${MANIFEST} /root/`);
    run('sim stop-node control-plane');
    run('sim start-node control-plane');
    expect(run('kubectl get nodes')).toEqual({ out: '', err: REFUSED, code: 1 });
    // Off, then on without the API server: unroutable, then refused.
    expect(cluster.apiOutages().map((o) => o.cause)).toEqual(['process', 'machine', 'process']);
    run(`ssh control-plane mv /root/kube-apiserver.yaml ${MANIFEST}`);
    expect(run('kubectl get nodes').code).toBe(0);
  });
});

describe('leaders lose their leases while the API server is away', () => {
  const LEADERS =
    /^kube-(controller-manager|scheduler)-control-plane +1\/1 +Running +(\S+(?: \([^)]+\))?) +\S+$/gm;
  const restarts = (out: string) => [...out.matchAll(LEADERS)].map((m) => `${m[1]}: ${m[2]}`);

  it('away past the renew deadline: the scheduler and the controller manager exit and restart once', () => {
    const { run } = withDeployment();
    run(`ssh control-plane mv ${MANIFEST} /root/`);
    run('sleep 1m');
    run(`ssh control-plane mv /root/kube-apiserver.yaml ${MANIFEST}`);
    run('sleep 30');
    const out = run('kubectl get pods -n kube-system').out;
    // Each lost its lease 11 s into the outage and was restarted by the kubelet at once.
    expect(restarts(out)).toEqual([
      expect.stringMatching(/^controller-manager: 1 \(\S+ ago\)$/),
      expect.stringMatching(/^scheduler: 1 \(\S+ ago\)$/),
    ]);
    // The same static pod (same config hash, same mirror pod): its new container is a restart.
    expect(out).toMatch(/\nkube-apiserver-control-plane +1\/1 +Running +1 \(\S+ ago\) +5d\n/);
    const describe = run('kubectl describe pod -n kube-system kube-scheduler-control-plane').out;
    expect(describe).toMatch(
      / {4}Last State: {5}Terminated\n {6}Reason: {7}Error\n {6}Exit Code: {4}1\n/,
    );
    expect(describe).toContain('    Restart Count:  1\n');
    // Scheduling works again after the restart.
    run('kubectl scale deployment web --replicas=3');
    expect(run('kubectl get deploy web').out).toMatch(/\nweb +3\/3 /);
  });

  it('back within the renew deadline: nobody restarts', () => {
    const { run, cluster } = withDeployment();
    run('ssh control-plane');
    run(`mv ${MANIFEST} /root/; sleep 5; mv /root/kube-apiserver.yaml ${MANIFEST}`);
    run('exit');
    const [outage] = cluster.apiOutages();
    expect((outage?.to ?? 0) - (outage?.from ?? 0)).toBe(5_000);
    run('sleep 30');
    expect(restarts(run('kubectl get pods -n kube-system').out)).toEqual([
      'controller-manager: 0',
      'scheduler: 0',
    ]);
  });

  it('the machine off is no lost lease: the components stopped with it (a reboot, not a crash)', () => {
    const { run } = withDeployment();
    run('sim stop-node control-plane');
    run('sleep 1m');
    run('sim start-node control-plane');
    run('sleep 30');
    expect(restarts(run('kubectl get pods -n kube-system').out)).toEqual([
      expect.stringMatching(/^controller-manager: 1 \(/),
      expect.stringMatching(/^scheduler: 1 \(/),
    ]);
    expect(
      run('kubectl describe pod -n kube-system kube-scheduler-control-plane').out,
    ).not.toContain('Exit Code:    1\n');
  });
});

describe('a control-plane manifest moved away and back unchanged', () => {
  const IDENTITY = `-o jsonpath='{.metadata.uid} {.metadata.creationTimestamp}'`;

  it('kube-apiserver: the mirror pod the API server could not delete is kept (same config hash)', () => {
    const { run } = withDeployment();
    const before = run(`kubectl get pod -n kube-system kube-apiserver-control-plane ${IDENTITY}`);
    expect(before.out).toMatch(/^[0-9a-f-]{36} 2026-01-01T00:00:00Z$/);
    run('ssh control-plane');
    run(`mv ${MANIFEST} /root/`);
    run('sleep 20');
    run(`mv /root/kube-apiserver.yaml ${MANIFEST}`);
    run('exit');
    run('sleep 20');
    expect(run(`kubectl get pod -n kube-system kube-apiserver-control-plane ${IDENTITY}`)).toEqual(
      before,
    );
    expect(run('kubectl get pods -n kube-system kube-apiserver-control-plane').out).toMatch(
      /\nkube-apiserver-control-plane +1\/1 +Running +\S+(?: \(\S+ ago\))? +5d\n$/,
    );
  });

  it('kube-scheduler (the API server up): its mirror pod was deleted, a new one is made', () => {
    const { run } = withDeployment();
    const before = run(`kubectl get pod -n kube-system kube-scheduler-control-plane ${IDENTITY}`);
    run('ssh control-plane');
    run('mv /etc/kubernetes/manifests/kube-scheduler.yaml /root/');
    run('exit');
    expect(run('kubectl get pod -n kube-system kube-scheduler-control-plane')).toEqual({
      out: '',
      err: 'Error from server (NotFound): pods "kube-scheduler-control-plane" not found\n',
      code: 1,
    });
    run('ssh control-plane');
    run('mv /root/kube-scheduler.yaml /etc/kubernetes/manifests/');
    run('exit');
    const after = run(`kubectl get pod -n kube-system kube-scheduler-control-plane ${IDENTITY}`);
    expect(after.code).toBe(0);
    expect(after.out.split(' ')[0]).not.toBe(before.out.split(' ')[0]);
    expect(after.out.split(' ')[1]).not.toBe('2026-01-01T00:00:00Z');
  });

  it('kube-apiserver changed while away (another config hash): a new mirror pod', () => {
    const { run } = withDeployment();
    const before = run(`kubectl get pod -n kube-system kube-apiserver-control-plane ${IDENTITY}`);
    run('ssh control-plane');
    run(`mv ${MANIFEST} /root/`);
    run("sed -i 's/cpu: 250m/cpu: 300m/' /root/kube-apiserver.yaml");
    run(`mv /root/kube-apiserver.yaml ${MANIFEST}`);
    run('exit');
    run('sleep 20');
    const after = run(`kubectl get pod -n kube-system kube-apiserver-control-plane ${IDENTITY}`);
    expect(after.code).toBe(0);
    expect(after.out.split(' ')[0]).not.toBe(before.out.split(' ')[0]);
  });
});
