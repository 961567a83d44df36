/**
 * Init containers: the kubelet runs them one at a time, in order, each to completion, before
 * the pod's containers start. kubectl reads `Init:N/M`, then `PodInitializing`, then `Running`;
 * a failing one is restarted with the back-off (`Init:Error`, `Init:CrashLoopBackOff`) or,
 * under restartPolicy Never, fails the pod. Sidecars (`restartPolicy: Always`) start in order
 * and keep running.
 */
import type { ContainerStatus, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { podStatus } from '../../kubectl/printers/columns.ts';
import { engineSession } from '../../kubectl/testing/engineSession.ts';
import type { KubeObject } from '../api/types.ts';
import { type Cluster, createCluster } from '../cluster.ts';

type Spec = Record<string, unknown>;

const busybox = (name: string, script: string, extra: Spec = {}) => ({
  name,
  image: 'busybox:1.28',
  command: ['sh', '-c', script],
  ...extra,
});

/** The app container of the Kubernetes docs' init container example. */
const APP = busybox('myapp-container', 'echo The app is running! && sleep 3600');

function pod(name: string, initContainers: Spec[], containers: Spec[], policy?: string) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { initContainers, containers, ...(policy ? { restartPolicy: policy } : {}) },
  } as KubeObject;
}

type Row = { at: number; ready: string; status: string; restarts: number; phase: string };

/** READY, STATUS, RESTARTS (and the phase) of pod `name` each time they change, for `ms`. */
function watch(c: Cluster, name: string, ms: number): Row[] {
  const t0 = c.now();
  const rows: Row[] = [];
  c.runUntil((cl) => {
    const x = cl.peek('pods', 'default', name);
    if (x?.status) {
      const s = podStatus(x, cl.nowEpochMs());
      const row = {
        at: cl.now() - t0,
        ready: s.ready,
        status: s.status,
        restarts: Number.parseInt(s.restarts, 10),
        phase: (x.status as PodStatus).phase ?? '',
      };
      const last = rows[rows.length - 1];
      if (
        !last ||
        (['ready', 'status', 'restarts', 'phase'] as const).some((k) => last[k] !== row[k])
      ) {
        rows.push(row);
      }
    }
    return false;
  }, ms);
  return rows;
}

/** Create the pod, then watch it for `ms`. */
function timeline(c: Cluster, p: KubeObject, ms: number): Row[] {
  c.client('kubectl').create('pods', 'default', p);
  return watch(c, p.metadata!.name!, ms);
}

const seq = (rows: Row[]) => rows.map((r) => `${r.ready} ${r.status} ${r.restarts} ${r.phase}`);
const statusOf = (c: Cluster, name: string) => c.peek('pods', 'default', name)!.status as PodStatus;
const condition = (s: PodStatus, type: string) => {
  const {
    lastProbeTime: _p,
    lastTransitionTime: _t,
    ...rest
  } = s.conditions!.find((x) => x.type === type) as PodCondition;
  return rest;
};
const init = (s: PodStatus, i = 0) => s.initContainerStatuses![i] as ContainerStatus;

/** The pod's events as `reason fieldPath: message`, in the order they were recorded. */
function events(c: Cluster, name: string): string[] {
  return c
    .snapshot()
    .list('events', 'default')
    .filter((e) => (e.involvedObject as { name: string }).name === name)
    .sort((a, b) => {
      const seqOf = (e: KubeObject) => BigInt(`0x${e.metadata!.name!.split('.').pop()}`);
      return seqOf(a) < seqOf(b) ? -1 : 1;
    })
    .map((e) => {
      const path = (e.involvedObject as { fieldPath?: string }).fieldPath;
      return `${e.reason}${path ? ` ${path}` : ''}: ${e.message}`;
    });
}

describe('init containers', () => {
  it('one init container (sleep 20): Init:0/1, then PodInitializing, then Running', () => {
    const c = createCluster({ seed: 1 });
    c.settle();
    const rows = timeline(c, pod('myapp', [busybox('init-myservice', 'sleep 20')], [APP]), 10_000);
    expect(seq(rows)).toEqual(['0/1 Pending 0 Pending', '0/1 Init:0/1 0 Pending']);

    // Ten seconds in: the init container runs; the app container waits for it.
    let s = statusOf(c, 'myapp');
    expect(s.phase).toBe('Pending');
    expect(init(s)).toMatchObject({
      name: 'init-myservice',
      image: 'docker.io/library/busybox:1.28',
      ready: false,
      started: true,
      restartCount: 0,
      state: { running: {} },
    });
    expect(init(s).containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(init(s).imageID).toMatch(/^docker\.io\/library\/busybox@sha256:/);
    expect(s.containerStatuses![0]).toMatchObject({
      name: 'myapp-container',
      ready: false,
      started: false,
      state: { waiting: { reason: 'PodInitializing' } },
    });
    expect(condition(s, 'Initialized')).toEqual({
      type: 'Initialized',
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [init-myservice]',
    });
    expect(condition(s, 'Ready')).toEqual({
      type: 'Ready',
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [myapp-container]',
    });

    // It ends after 20 s; the kubelet sees it at its next relist and starts the app container.
    const more = watch(c, 'myapp', 30_000);
    expect(seq(more)).toEqual([
      '0/1 Init:0/1 0 Pending',
      '0/1 PodInitializing 0 Pending',
      '1/1 Running 0 Running',
    ]);
    // About a second of PodInitializing: the image is on the node already.
    expect(more[2]!.at - more[1]!.at).toBe(1000);

    s = statusOf(c, 'myapp');
    expect(init(s)).toMatchObject({
      ready: true,
      started: false,
      restartCount: 0,
      lastState: {},
      state: { terminated: { exitCode: 0, reason: 'Completed' } },
    });
    const ran = init(s).state!.terminated!;
    expect(Date.parse(ran.finishedAt!) - Date.parse(ran.startedAt!)).toBe(20_000);
    expect(condition(s, 'Initialized')).toEqual({ type: 'Initialized', status: 'True' });
    expect(condition(s, 'Ready')).toEqual({ type: 'Ready', status: 'True' });

    // Each container is pulled, created and started, the init container first.
    expect(events(c, 'myapp')).toEqual([
      'Scheduled: Successfully assigned default/myapp to node3',
      'Pulling spec.initContainers{init-myservice}: Pulling image "busybox:1.28"',
      'Pulled spec.initContainers{init-myservice}: Successfully pulled image "busybox:1.28" in 613ms (613ms including waiting). Image size: 727869 bytes.',
      'Created spec.initContainers{init-myservice}: Created container init-myservice',
      'Started spec.initContainers{init-myservice}: Started container init-myservice',
      'Pulled spec.containers{myapp-container}: Container image "busybox:1.28" already present on machine',
      'Created spec.containers{myapp-container}: Created container myapp-container',
      'Started spec.containers{myapp-container}: Started container myapp-container',
    ]);
  });

  it('reads as the docs show it in kubectl get and describe', () => {
    const s = engineSession();
    s.cluster
      .client('kubectl')
      .create('pods', 'default', pod('myapp', [busybox('init-myservice', 'sleep 60')], [APP]));
    s.cluster.advance(10_000);
    expect(s.run('kubectl get pods').out).toBe(
      'NAME    READY   STATUS     RESTARTS   AGE\nmyapp   0/1     Init:0/1   0          10s\n',
    );
    const during = s.run('kubectl describe pod myapp').out;
    expect(during).toContain('Status:           Pending\n');
    const section = (out: string) =>
      out.slice(out.indexOf('Init Containers:'), out.indexOf('Containers:\n  myapp-container'));
    expect(section(during).split('\n')).toEqual([
      'Init Containers:',
      '  init-myservice:',
      expect.stringMatching(/^ {4}Container ID: {2}containerd:\/\/[0-9a-f]{64}$/),
      '    Image:         busybox:1.28',
      expect.stringMatching(/^ {4}Image ID: {6}docker\.io\/library\/busybox@sha256:[0-9a-f]{64}$/),
      '    Port:          <none>',
      '    Host Port:     <none>',
      '    Command:',
      '      sh',
      '      -c',
      '      sleep 60',
      '    State:          Running',
      '      Started:      Tue, 06 Jan 2026 00:00:11 +0000',
      '    Ready:          False',
      '    Restart Count:  0',
      '    Environment:    <none>',
      // The ServiceAccount admission mounts the token into init containers too.
      '    Mounts:',
      '      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-plrxp (ro)',
      '',
    ]);
    expect(during).toContain(
      '    State:          Waiting\n      Reason:       PodInitializing\n    Ready:          False\n',
    );
    expect(during).toMatch(/ {2}Initialized {17}False \n/);

    s.cluster.advance(60_000);
    expect(s.run('kubectl get pods').out).toMatch(/^myapp {3}1\/1 {5}Running {3}0 {10}\d+s\n$/m);
    const after = section(s.run('kubectl describe pod myapp').out);
    expect(after).toContain(
      [
        '    State:          Terminated',
        '      Reason:       Completed',
        '      Exit Code:    0',
        '      Started:      Tue, 06 Jan 2026 00:00:11 +0000',
        '      Finished:     Tue, 06 Jan 2026 00:01:11 +0000',
        '    Ready:          True',
        '    Restart Count:  0',
      ].join('\n'),
    );
  });

  it('two init containers run one after the other, in order', () => {
    const c = createCluster({ seed: 1 });
    c.settle();
    const rows = timeline(
      c,
      pod(
        'two',
        [busybox('init-a', 'sleep 5'), busybox('init-b', 'echo b; sleep 3')],
        [busybox('app', 'sleep 3600')],
      ),
      30_000,
    );
    expect(seq(rows)).toEqual([
      '0/1 Pending 0 Pending',
      '0/1 Init:0/2 0 Pending',
      '0/1 Init:1/2 0 Pending',
      '0/1 PodInitializing 0 Pending',
      '1/1 Running 0 Running',
    ]);
    const s = statusOf(c, 'two');
    const [a, b] = [init(s, 0).state!.terminated!, init(s, 1).state!.terminated!];
    // init-b starts a second after init-a ended (the kubelet's next relist), the app after init-b.
    expect(Date.parse(b.startedAt!) - Date.parse(a.finishedAt!)).toBe(1000);
    const app = s.containerStatuses![0]!.state!.running!;
    expect(Date.parse(app.startedAt!) - Date.parse(b.finishedAt!)).toBe(1000);
    expect(
      events(c, 'two')
        .filter((e) => e.startsWith('Started'))
        .map((e) => e.slice(e.lastIndexOf(' ') + 1)),
    ).toEqual(['init-a', 'init-b', 'app']);
  });

  it('lists every init container not done yet in the Initialized condition', () => {
    const c = createCluster({ seed: 1 });
    c.settle();
    timeline(
      c,
      pod('two', [busybox('init-a', 'sleep 30'), busybox('init-b', 'sleep 30')], [APP]),
      10_000,
    );
    expect(condition(statusOf(c, 'two'), 'Initialized').message).toBe(
      'containers with incomplete status: [init-a init-b]',
    );
    c.advance(30_000);
    expect(condition(statusOf(c, 'two'), 'Initialized').message).toBe(
      'containers with incomplete status: [init-b]',
    );
    expect(init(statusOf(c, 'two'), 1)).toMatchObject({ state: { running: {} }, ready: false });
  });

  it('a failing init container under restartPolicy Always: Init:Error, then Init:CrashLoopBackOff', () => {
    const c = createCluster({ seed: 1 });
    c.settle();
    const rows = timeline(c, pod('fail', [busybox('init', 'sleep 2; exit 1')], [APP]), 60_000);
    expect(seq(rows)).toEqual([
      '0/1 Pending 0 Pending',
      '0/1 Init:0/1 0 Pending',
      '0/1 Init:Error 0 Pending',
      '0/1 Init:0/1 1 Pending',
      '0/1 Init:Error 1 Pending',
      '0/1 Init:CrashLoopBackOff 1 Pending',
      '0/1 Init:0/1 2 Pending',
      '0/1 Init:Error 2 Pending',
      '0/1 Init:CrashLoopBackOff 2 Pending',
      '0/1 Init:0/1 3 Pending',
      '0/1 Init:Error 3 Pending',
      '0/1 Init:CrashLoopBackOff 3 Pending',
    ]);
    // Restarted at once, then after 10 s and 20 s of back-off, counted from each exit.
    const errors = rows.filter((r) => r.status === 'Init:Error').map((r) => r.at);
    const restarts = rows.filter((r) => r.status === 'Init:0/1').map((r) => r.at);
    expect(restarts.slice(1).map((r, i) => Math.round((r - errors[i]!) / 1000))).toEqual([
      1, 10, 20,
    ]);
    const s = statusOf(c, 'fail');
    expect(init(s)).toMatchObject({
      ready: false,
      restartCount: 3,
      state: {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: expect.stringMatching(
            /^back-off 40s restarting failed container=init pod=fail_default\(/,
          ),
        },
      },
      lastState: { terminated: { exitCode: 1, reason: 'Error' } },
    });
    expect(s.containerStatuses![0]!.state).toEqual({ waiting: { reason: 'PodInitializing' } });
    const ev = events(c, 'fail');
    expect(ev).toContain(
      `BackOff spec.initContainers{init}: Back-off restarting failed container init in pod fail_default(${c.peek('pods', 'default', 'fail')!.metadata!.uid})`,
    );
    // The app container never started.
    expect(ev.filter((e) => e.includes('myapp-container'))).toEqual([]);
  });

  it('a failing init container under restartPolicy Never fails the pod', () => {
    const c = createCluster({ seed: 1 });
    c.settle();
    const rows = timeline(
      c,
      pod('fail', [busybox('init', 'sleep 2; exit 3')], [APP], 'Never'),
      60_000,
    );
    expect(seq(rows)).toEqual([
      '0/1 Pending 0 Pending',
      '0/1 Init:0/1 0 Pending',
      '0/1 Init:Error 0 Failed',
    ]);
    const s = statusOf(c, 'fail');
    expect(init(s)).toMatchObject({
      ready: false,
      started: false,
      restartCount: 0,
      state: { terminated: { exitCode: 3, reason: 'Error' } },
    });
    expect(s.containerStatuses![0]!.state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(condition(s, 'Initialized')).toEqual({
      type: 'Initialized',
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [init]',
    });
    expect(events(c, 'fail').filter((e) => e.startsWith('Started'))).toEqual([
      'Started spec.initContainers{init}: Started container init',
    ]);
  });

  it("the docs' `until nslookup` init containers wait for their Services", () => {
    const s = engineSession();
    const wait = (svc: string) =>
      busybox(
        `init-${svc}`,
        `until nslookup ${svc}.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for ${svc}; sleep 2; done`,
      );
    s.cluster
      .client('kubectl')
      .create('pods', 'default', pod('myapp-pod', [wait('myservice'), wait('mydb')], [APP]));
    s.cluster.advance(60_000);
    expect(s.run('kubectl get pods').out).toContain('myapp-pod   0/1     Init:0/2   0');
    // A failed lookup and the echo every round (busybox 1.28's nslookup).
    expect(s.run('kubectl logs myapp-pod -c init-myservice --tail=5').out).toBe(
      "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nnslookup: can't resolve 'myservice.default.svc.cluster.local'\nwaiting for myservice\n",
    );
    s.run('kubectl create service clusterip myservice --tcp=80:9376');
    expect(s.run('kubectl get pods').out).toContain('myapp-pod   0/1     Init:1/2   0');
    s.run('kubectl create service clusterip mydb --tcp=80:9377');
    expect(s.run('kubectl get pods').out).toContain('myapp-pod   1/1     Running   0');
  });

  it('a sidecar starts before the next init container and runs until the pod is done', () => {
    const c = createCluster({ seed: 1 });
    c.settle();
    const rows = timeline(
      c,
      pod(
        'sc',
        [{ name: 'proxy', image: 'nginx', restartPolicy: 'Always' }, busybox('init', 'sleep 3')],
        [busybox('app', 'sleep 10')],
        'Never',
      ),
      60_000,
    );
    // READY counts the sidecar; Init:1/2 once it has started.
    expect(seq(rows)).toEqual([
      '0/2 Pending 0 Pending',
      '0/2 Init:0/2 0 Pending',
      '1/2 Init:1/2 0 Pending',
      '1/2 PodInitializing 0 Pending',
      '2/2 Running 0 Running',
      '1/2 Completed 0 Running',
      '0/2 Completed 0 Succeeded',
    ]);
    const s = statusOf(c, 'sc');
    expect(init(s, 0)).toMatchObject({
      name: 'proxy',
      state: { terminated: { exitCode: 0, reason: 'Completed' } },
    });
    expect(condition(s, 'Initialized')).toEqual({
      type: 'Initialized',
      status: 'True',
      reason: 'PodCompleted',
    });
    expect(events(c, 'sc').slice(-1)).toEqual([
      'Killing spec.initContainers{proxy}: Stopping container proxy',
    ]);
  });
});
