/**
 * etcd stopped alone: its static pod manifest moved out of /etc/kubernetes/manifests. The
 * kubelet kills etcd; kube-apiserver runs on without it (requests time out after a minute)
 * until its liveness probe (/livez checks etcd; every 10 s, 8 failures) gets it killed; it then
 * crash-loops (connection refused) until etcd is back. Pods keep running throughout.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../kubectl/testing/engineSession.ts';
import { refusedPattern } from '../kubectl/testing/refused.ts';
import { ETCD_MANIFEST } from './etcd/backup.ts';
import {
  API_GIVE_UP_MS,
  API_START_MS,
  crashLoopStarts,
  livenessKillAt,
  servesAgainAt,
} from './etcdOutage.ts';
import { nodeFileScope } from './node/staticPodFiles.ts';

const TIMEOUT =
  'Error from server (Timeout): Timeout: request did not complete within requested timeout - context deadline exceeded\n';
const REFUSED_ONLY =
  'The connection to the server 172.18.0.2:6443 was refused - did you specify the right host or port?\n';
const REFUSED = expect.stringMatching(refusedPattern('172.18.0.2:6443'));

function withDeployment() {
  const s = engineSession(3);
  s.run('kubectl create deployment web --image=nginx --replicas=2');
  s.run('sleep 20');
  return s;
}

/** etcd's manifest taken away (as `mv` does) with no settle after it. */
function etcdAway(s: ReturnType<typeof engineSession>): number {
  const text = s.run('ssh control-plane cat /etc/kubernetes/manifests/etcd.yaml').out;
  s.host.writeFiles?.(nodeFileScope('control-plane'), [
    { path: ETCD_MANIFEST, content: null, at: s.cluster.nowEpochMs() },
  ]);
  expect(text).toContain('name: etcd\n');
  return s.cluster.now();
}

describe('timings', () => {
  it('the liveness kill comes at the 8th failed probe, 10 s apart from the container start', () => {
    expect(livenessKillAt(0, 125_000)).toBe(130_000 + 70_000);
    expect(livenessKillAt(3_000, 125_000)).toBe(133_000 + 70_000);
  });

  it('the crash loop: 20 s runs, back-off 10 s doubling to 5 min', () => {
    expect(crashLoopStarts(0, 1_000_000)).toEqual([
      0, 30_000, 70_000, 130_000, 230_000, 410_000, 730_000,
    ]);
    // etcd back while a container waits for it, or between two containers.
    expect(servesAgainAt(0, 35_000)).toBe(35_000 + API_START_MS);
    expect(servesAgainAt(0, 30_000 + API_GIVE_UP_MS + 1)).toBe(70_000 + API_START_MS);
  });
});

describe('etcd.yaml moved away', () => {
  it('requests time out after a minute while kube-apiserver runs without etcd', () => {
    const s = withDeployment();
    const t0 = etcdAway(s);
    expect(s.cluster.apiServerUp()).toBe(true);
    expect(s.cluster.apiStorageDown()).toBe(true);
    expect(s.run('kubectl get pods')).toEqual({ out: '', err: TIMEOUT, code: 1 });
    expect(s.cluster.now() - t0).toBeGreaterThanOrEqual(60_000);
  });

  it('the liveness probe kills kube-apiserver: refused from then on; pods keep running', () => {
    const s = withDeployment();
    const t0 = etcdAway(s);
    s.run('sleep 30');
    // A request still waiting when the server is killed: client-go's retry is refused.
    expect(s.run('kubectl scale deployment web --replicas=3')).toEqual({
      out: '',
      err: REFUSED_ONLY,
      code: 1,
    });
    const kill = s.cluster.apiOutages()[0]?.to ?? 0;
    expect(kill).toBe(livenessKillAt(0, t0));
    // The 8th failed probe: 70-80 s after etcd went.
    expect(kill - t0).toBeGreaterThan(70_000);
    expect(kill - t0).toBeLessThanOrEqual(80_000);
    expect(s.run('kubectl get pods')).toEqual({ out: '', err: REFUSED, code: 1 });
    expect(s.cluster.apiOutages().map((o) => o.cause)).toEqual(['etcd', 'process']);
    s.run('sleep 3m');
    const web = s.cluster
      .nodes()
      .flatMap((n) => s.cluster.kubeletPods(n))
      .filter((p) => p.startsWith('default/web-'));
    expect(web).toHaveLength(2);
  });

  it('etcd back: kube-apiserver serves at its next start; it restarted in the crash loop', () => {
    const s = withDeployment();
    s.run('ssh control-plane');
    expect(s.run('mv /etc/kubernetes/manifests/etcd.yaml /tmp/')).toEqual({
      out: '',
      err: '',
      code: 0,
    });
    const t0 = s.cluster.apiOutages()[0]?.from ?? 0;
    s.run('sleep 3m');
    const kill = s.cluster.apiOutages()[1]?.from ?? 0;
    expect(s.cluster.apiServerUp()).toBe(false);
    const back = s.cluster.now();
    expect(s.run('mv /tmp/etcd.yaml /etc/kubernetes/manifests/').code).toBe(0);
    const serves = servesAgainAt(kill, back);
    expect(serves).toBeGreaterThan(back);
    s.run('sleep 5m');
    s.run('exit');
    expect(s.cluster.apiServerUp()).toBe(true);
    expect(s.cluster.apiOutages()).toEqual([
      { from: t0, to: kill, cause: 'etcd' },
      { from: kill, to: serves, cause: 'process' },
    ]);
    // The liveness kill, then each container that gave up before etcd was back.
    const crashed = crashLoopStarts(kill, back).filter((at) => at + API_GIVE_UP_MS <= back);
    const restarts = 1 + crashed.length;
    expect(s.run('kubectl get pods -n kube-system kube-apiserver-control-plane').out).toMatch(
      new RegExp(
        `\\nkube-apiserver-control-plane +1/1 +Running +${restarts} \\(\\S+ ago\\) +5d\\n$`,
      ),
    );
    expect(s.run('kubectl describe pod -n kube-system kube-apiserver-control-plane').out).toMatch(
      / {4}Last State: {5}Terminated\n {6}Reason: {7}Error\n {6}Exit Code: {4}1\n/,
    );
    // etcd's file back unchanged: the same static pod (config hash), its mirror pod kept.
    expect(s.run('kubectl get pods -n kube-system etcd-control-plane').out).toMatch(
      /\netcd-control-plane +1\/1 +Running +1 \(\S+ ago\) +5d\n$/,
    );
    // The workers' containers ran on: not restarted.
    expect(s.run('kubectl get pods').out).toMatch(
      /^NAME +READY +STATUS +RESTARTS +AGE\nweb-\S+ +1\/1 +Running +0 +\S+\nweb-\S+ +1\/1 +Running +0 +\S+\n$/,
    );
  });

  it('etcd back before the liveness kill: kube-apiserver serves again at once, not restarted', () => {
    const s = withDeployment();
    const text = s.run('ssh control-plane cat /etc/kubernetes/manifests/etcd.yaml').out;
    const t0 = etcdAway(s);
    s.run('sleep 20');
    const back = s.cluster.now();
    s.host.writeFiles?.(nodeFileScope('control-plane'), [
      { path: ETCD_MANIFEST, content: text, at: s.cluster.nowEpochMs() },
    ]);
    expect(s.cluster.apiServerUp()).toBe(true);
    expect(s.cluster.apiStorageDown()).toBe(false);
    expect(s.cluster.apiOutages()).toEqual([{ from: t0, to: back, cause: 'etcd' }]);
    expect(s.run('kubectl get pods -n kube-system kube-apiserver-control-plane').out).toMatch(
      /\nkube-apiserver-control-plane +1\/1 +Running +0 +5d\n$/,
    );
  });
});
