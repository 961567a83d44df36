/**
 * Stopping the control-plane node (audit 9 #13): kubeadm runs kube-apiserver, etcd, the
 * scheduler and the controller manager as static pods of that node's kubelet, so they stop
 * with it. Nothing answers on 172.18.0.2:6443 until the node is started again; the workers
 * keep their containers running, and when the control plane is back its controllers start
 * with fresh observations (no node is taken for dead because its lease looks old).
 */
import { describe, expect, it } from 'vitest';
import { runAction } from '../cli/actions.ts';
import { engineSession } from '../kubectl/testing/engineSession.ts';
import { refusedPattern } from '../kubectl/testing/refused.ts';
import { replay } from './cluster.ts';
import { CONTROL_PLANE } from './index.ts';

const REFUSED = expect.stringMatching(refusedPattern('172.18.0.2:6443'));
/** The machine is off: no route to its address (audit 17 H6). */
const UNREACHABLE =
  'Unable to connect to the server: dial tcp 172.18.0.2:6443: connect: no route to host\n';

/** kubectl's stderr: discovery's five klog lines, then CheckErr's. */
function discoveryFailed(err: string): string {
  const lines = err.split('\n');
  for (const l of lines.slice(0, 5))
    expect(l).toMatch(
      /^E\d{4} \d\d:\d\d:\d\d\.\d{6} {4}4242 memcache\.go:265\] "Unhandled Error" err="couldn't get current server API group list: Get \\"https:\/\/172\.18\.0\.2:6443\/api\?timeout=32s\\": dial tcp 172\.18\.0\.2:6443: connect: no route to host"$/,
    );
  return lines.slice(5).join('\n');
}

/** A session with three nginx pods Running, one per worker. */
function withWeb() {
  const s = engineSession(1);
  expect(s.run('kubectl create deployment web --image=nginx --replicas=3').code).toBe(0);
  return s;
}

/** NAME STATUS RESTARTS NODE of every pod in the default namespace. */
function podRows(run: ReturnType<typeof engineSession>['run']): string {
  return run(
    'kubectl get pods -o custom-columns=NAME:.metadata.name,PHASE:.status.phase,RESTARTS:.status.containerStatuses[0].restartCount,NODE:.spec.nodeName,STARTED:.status.containerStatuses[0].state.running.startedAt',
  ).out;
}

describe('sim stop-node control-plane', () => {
  it('every command that needs the server fails to connect; config and version --client work', () => {
    const { run, cluster } = withWeb();
    const stop = runAction(cluster, 'sim stop-node control-plane');
    expect(stop).toEqual({
      stdout:
        'node "control-plane" stopped: its kubelet, kube-proxy and container runtime are down, and with them the control plane\'s static pods (kube-apiserver, etcd, kube-scheduler, kube-controller-manager): the API server no longer answers\n',
      stderr: '',
      exitCode: 0,
    });
    expect(cluster.apiServerUp()).toBe(false);
    // Right away, not only after a grace period: the static pods are not "1/1 Running".
    for (const line of [
      'kubectl get pods -A',
      'sleep 120',
      'kubectl get nodes',
      'kubectl run x --image=nginx',
      'kubectl cluster-info',
    ]) {
      if (line.startsWith('sleep')) {
        cluster.advance(120_000);
        continue;
      }
      const r = run(line);
      expect([r.out, discoveryFailed(r.err), r.code]).toEqual(['', UNREACHABLE, 1]);
    }
    expect(run('kubectl version')).toEqual({
      out: 'Client Version: v1.32.5\nKustomize Version: v5.5.0\n',
      err: UNREACHABLE,
      code: 1,
    });
    expect(run('kubectl version --client')).toEqual({
      out: 'Client Version: v1.32.5\nKustomize Version: v5.5.0\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl config view -o jsonpath={.clusters[0].cluster.server}')).toEqual({
      out: 'https://172.18.0.2:6443',
      err: '',
      code: 0,
    });
    // The developer's laptop and Docker Hub do not need the cluster.
    expect(runAction(cluster, 'docker build -t learner/myapp:1 .')?.exitCode).toBe(0);
    expect(runAction(cluster, 'docker push learner/myapp:1')?.exitCode).toBe(0);
  });

  it('the machine up without its API server: the connection is refused, not unroutable', () => {
    const { run } = withWeb();
    // Booted with its kubelet disabled, the node runs but no static pod does: nothing listens
    // on 6443, and the host answers with a TCP reset.
    run('ssh control-plane systemctl disable kubelet');
    run('sim stop-node control-plane');
    run('sim start-node control-plane');
    expect(run('kubectl get pods')).toEqual({ out: '', err: REFUSED, code: 1 });
    // `version` asks for the server's version alone: no discovery, no memcache lines.
    expect(run('kubectl version')).toEqual({
      out: 'Client Version: v1.32.5\nKustomize Version: v5.5.0\n',
      err: 'The connection to the server 172.18.0.2:6443 was refused - did you specify the right host or port?\n',
      code: 1,
    });
  });

  it('while it is down nothing reaches the API server or etcd, and nothing is scheduled', () => {
    const { run, cluster } = withWeb();
    const before = cluster.messages.length;
    cluster.stopNode(CONTROL_PLANE);
    run('kubectl run x --image=nginx');
    cluster.advance(5 * 60_000);
    run('kubectl get pods');
    const during = cluster.messages.slice(before);
    expect(
      during.filter((m) => ['api-server', 'etcd'].includes(m.from) || m.to === 'api-server'),
    ).toEqual([]);
    cluster.startNode(CONTROL_PLANE);
    cluster.settle();
    // The refused `kubectl run` created nothing.
    expect(run('kubectl get pod x')).toEqual({
      out: '',
      err: 'Error from server (NotFound): pods "x" not found\n',
      code: 1,
    });
  });

  it('workers keep their containers: after the restart the pods are Running, not restarted', () => {
    const { run, cluster } = withWeb();
    const rows = podRows(run);
    expect(rows.match(/Running {3}0 /g)).toHaveLength(3);
    cluster.stopNode(CONTROL_PLANE);
    // Longer than node-monitor-grace-period and the 300 s NoExecute toleration together.
    cluster.advance(8 * 60_000);
    cluster.startNode(CONTROL_PLANE);
    cluster.settle();
    cluster.advance(2 * 60_000);
    expect(podRows(run)).toBe(rows);
  });

  it('after the restart the nodes stay Ready: the node controller starts with fresh observations', () => {
    const { run, cluster } = withWeb();
    cluster.stopNode(CONTROL_PLANE);
    cluster.advance(8 * 60_000);
    const restart = runAction(cluster, 'sim start-node control-plane');
    expect(restart?.stdout).toBe(
      'node "control-plane" started: its kubelet restarts the control plane\'s static pods and the API server answers again\n',
    );
    expect(cluster.apiServerUp()).toBe(true);
    cluster.settle();
    // Past node-monitor-grace-period (50 s) after the controller manager's start.
    cluster.advance(90_000);
    expect(run('kubectl get nodes').out).toBe(
      [
        'NAME            STATUS   ROLES           AGE   VERSION',
        'control-plane   Ready    control-plane   5d    v1.32.2',
        'node1           Ready    <none>          5d    v1.32.2',
        'node2           Ready    <none>          5d    v1.32.2',
        'node3           Ready    <none>          5d    v1.32.2',
        '',
      ].join('\n'),
    );
    expect(run('kubectl get nodes -o jsonpath={.items[*].spec.taints[*].key}').out).toBe(
      'node-role.kubernetes.io/control-plane',
    );
    const events = run(
      'kubectl get events -o custom-columns=REASON:.reason,OBJECT:.involvedObject.name --sort-by=.metadata.name',
    ).out;
    expect(events).not.toMatch(/NodeNotReady|Taint|Killing/);
    // classifyNodes of a restarted node controller: every node is new to it.
    for (const node of ['control-plane', 'node1', 'node2', 'node3']) {
      expect(events).toMatch(new RegExp(`\nRegisteredNode +${node}\n`));
    }
  });

  it('a worker tainted unreachable before the outage and back during it keeps its pods', () => {
    const { run, cluster } = withWeb();
    cluster.stopNode('node1');
    // NotReady and the unreachable NoExecute taint (about 50 s), not yet the evictions (300 s).
    cluster.advance(70_000);
    expect(run('kubectl get node node1 -o jsonpath={.spec.taints[*].effect}').out).toBe(
      'NoSchedule NoExecute',
    );
    cluster.stopNode(CONTROL_PLANE);
    cluster.advance(6 * 60_000);
    cluster.startNode('node1');
    cluster.advance(30_000);
    cluster.startNode(CONTROL_PLANE);
    cluster.settle();
    cluster.advance(2 * 60_000);
    // The taint manager counts the toleration from its own start, as the real one schedules
    // each eviction when it processes the pod; the kubelet reports Ready long before that.
    expect(run('kubectl get node node1 -o jsonpath={.spec.taints}').out).toBe('');
    // Scheduled at the restart, cancelled once the kubelet's Ready took the taint away.
    expect(
      run(
        'kubectl get events --field-selector reason=TaintManagerEviction -o jsonpath={.items[*].message}',
      ).out,
    ).toMatch(/^Cancelling deletion of Pod default\/web-[a-z0-9]+-[a-z0-9]{5}$/);
    expect(run('kubectl get pods --field-selector spec.nodeName=node1 -o name').out).toMatch(
      /^pod\/web-[a-z0-9]+-[a-z0-9]{5}\n$/,
    );
  });

  it('the kubelet restarts the static pods, as after any reboot', () => {
    const { run, cluster } = withWeb();
    cluster.stopNode(CONTROL_PLANE);
    cluster.advance(60_000);
    cluster.startNode(CONTROL_PLANE);
    cluster.settle();
    const out = run(
      'kubectl get pods -n kube-system -o custom-columns=NAME:.metadata.name,PHASE:.status.phase,RESTARTS:.status.containerStatuses[0].restartCount,LAST:.status.containerStatuses[0].lastState.terminated.reason --field-selector spec.nodeName=control-plane',
    ).out;
    expect(out).toMatch(/\nkube-apiserver-control-plane +Running +1 +Unknown\n/);
    expect(out).toMatch(/\netcd-control-plane +Running +1 +Unknown\n/);
    expect(out).toMatch(/\nkube-scheduler-control-plane +Running +1 +Unknown\n/);
    expect(run('kubectl get events --field-selector reason=Rebooted -o name').out).toMatch(
      /^event\/control-plane\.[0-9a-f]+\n$/,
    );
  });

  it('scheduling and reconciling resume once it is back', () => {
    const { run, cluster } = withWeb();
    cluster.stopNode(CONTROL_PLANE);
    cluster.advance(30_000);
    cluster.startNode(CONTROL_PLANE);
    cluster.settle();
    expect(run('kubectl run x --image=nginx').out).toBe('pod/x created\n');
    expect(run('kubectl scale deployment web --replicas=4').code).toBe(0);
    expect(run('kubectl get pod x -o jsonpath={.status.phase}').out).toBe('Running');
    expect(run('kubectl get deployment web -o jsonpath={.status.readyReplicas}').out).toBe('4');
  });

  it('is deterministic: the same inputs give the same log, and replay rebuilds it', () => {
    const script = (s: ReturnType<typeof engineSession>) => {
      s.run('kubectl create deployment web --image=nginx --replicas=2');
      s.cluster.stopNode(CONTROL_PLANE);
      s.run('kubectl get pods');
      s.cluster.advance(75_000);
      s.cluster.startNode(CONTROL_PLANE);
      s.cluster.settle();
      s.run('kubectl get pods');
      return s.cluster;
    };
    const a = script(engineSession(7));
    const b = script(engineSession(7));
    const log = (c: typeof a) => c.messages.map((m) => `${m.at} ${m.from}>${m.to} ${m.label}`);
    expect(log(b)).toEqual(log(a));
    const r = replay(a.inputs, { seed: 7 });
    r.runUntil(() => r.messages.length >= a.messages.length, 60 * 60_000);
    expect(log(r).slice(0, a.messages.length)).toEqual(log(a));
  });
});
