/**
 * `kubectl logs` against the real simulated cluster: by label selector (last 10 lines of each
 * pod unless --tail, `--prefix`, the follow limit) and nginx's start-up lines naming the kernel
 * of the node the pod runs on.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { runLine } from './shell.ts';
import { engineSession } from './testing/engineSession.ts';

const session = () => {
  const s = engineSession(3);
  s.run('kubectl create deployment web --image=nginx --replicas=2');
  s.run('kubectl rollout status deployment/web');
  const pods = s.run(`kubectl get pods -l app=web -o jsonpath='{.items[*].metadata.name}'`).out;
  return { ...s, pods: pods.split(' ') };
};

describe('kubectl logs -l', () => {
  it('prints the last 10 lines of every matching pod, in list order', () => {
    const { run, pods } = session();
    const one = run(`kubectl logs ${pods[0]}`).out.split('\n').slice(0, -1);
    expect(one).toHaveLength(17);
    const r = run('kubectl logs -l app=web');
    expect(r.err).toBe('');
    const lines = r.out.split('\n').slice(0, -1);
    expect(lines).toHaveLength(20);
    expect(lines.slice(0, 10)).toEqual(one.slice(-10));
    expect(lines[9]).toMatch(/\[notice\] 1#1: start worker process 30$/);
  });

  it('--prefix and --tail', () => {
    const { run, pods } = session();
    const r = run('kubectl logs -l app=web --tail=1 --prefix');
    expect(r.out).toMatch(
      new RegExp(
        `^\\[pod/${pods[0]}/nginx\\] \\S+ \\S+ \\[notice\\] 1#1: start worker process 30\\n\\[pod/${pods[1]}/nginx\\] \\S+ \\S+ \\[notice\\] 1#1: start worker process 30\\n$`,
      ),
    );
  });

  it('no matching pods, a selector with a pod name, no arguments', () => {
    const { run, pods } = session();
    expect(run('kubectl logs -l app=nope')).toEqual({
      out: '',
      err: 'No resources found in default namespace.\n',
      code: 0,
    });
    expect(run(`kubectl logs ${pods[0]} -l app=web`)).toEqual({
      out: '',
      err: "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n",
      code: 1,
    });
    expect(run('kubectl logs').err).toBe(
      "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
    );
  });

  it('--max-log-requests limits only followed streams', () => {
    const { run } = session();
    expect(run('kubectl logs -l app=web -f --max-log-requests=1')).toEqual({
      out: '',
      err: 'error: you are attempting to follow 2 log streams, but maximum allowed concurrency is 1, use --max-log-requests to increase the limit\n',
      code: 1,
    });
    expect(
      run('kubectl logs -l app=web --max-log-requests=1 --tail=1').out.split('\n'),
    ).toHaveLength(3);
  });
});

describe('kubectl logs -f', () => {
  it('of a container that has exited prints its logs alone; of a running one, the console note too', () => {
    const { run, cluster } = engineSession(3);
    run(
      "kubectl run once --image=busybox --restart=Never -- sh -c 'echo start; sleep 3; echo end'",
    );
    run("kubectl run loop --image=busybox -- sh -c 'echo up; sleep 3600'");
    cluster.advance(30_000);
    expect(run('kubectl get pod once -o jsonpath={.status.phase}').out).toBe('Succeeded');
    expect(run('kubectl logs once -f')).toEqual({ out: 'start\nend\n', err: '', code: 0 });
    expect(run('kubectl logs loop -f')).toEqual({
      out: 'up\n',
      err: '(this console cannot keep following: those were the logs so far; run the command again to see more)\n',
      code: 0,
    });
  });
});

describe('nginx start-up log', () => {
  it('names the kernel of the node the pod runs on', () => {
    const { run, pods } = session();
    const node = run(`kubectl get pod ${pods[0]} -o jsonpath='{.spec.nodeName}'`).out;
    const kernel = run(
      `kubectl get node ${node} -o jsonpath='{.status.nodeInfo.kernelVersion}'`,
    ).out;
    expect(kernel).toBe('6.8.0-51-generic');
    expect(run(`kubectl logs ${pods[0]}`).out).toMatch(
      new RegExp(`\\[notice\\] 1#1: OS: Linux ${kernel.replaceAll('.', '\\.')}\\n`),
    );
  });
});

/** A pod whose containers are `a` (nginx) and `b` (busybox printing hello), after `init`. */
const TWO = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'two', namespace: 'default' },
  spec: {
    initContainers: [{ name: 'init', image: 'busybox', command: ['sh', '-c', 'echo init done'] }],
    containers: [
      { name: 'a', image: 'nginx' },
      { name: 'b', image: 'busybox', command: ['sh', '-c', 'echo hello; sleep 3600'] },
    ],
  },
};

describe('kubectl logs: what the kubelet answers', () => {
  it('an image that cannot be pulled: the kubelet words ErrImagePull and ImagePullBackOff', () => {
    const { run, host, cluster } = engineSession(3);
    runLine(host, 'kubectl run bad --image=nginx:nope');
    const reason = () =>
      (cluster.peek('pods', 'default', 'bad') as Pod | undefined)?.status?.containerStatuses?.[0]
        ?.state?.waiting?.reason;
    expect(cluster.runUntil(() => reason() === 'ErrImagePull', 60_000)).toBe(true);
    expect(runLine(host, 'kubectl logs bad')).toMatchObject({
      stdout: '',
      stderr:
        'Error from server (BadRequest): container "bad" in pod "bad" is waiting to start: image can\'t be pulled\n',
      exitCode: 1,
    });
    expect(cluster.runUntil(() => reason() === 'ImagePullBackOff', 60_000)).toBe(true);
    expect(run('kubectl logs bad')).toEqual({
      out: '',
      err: 'Error from server (BadRequest): container "bad" in pod "bad" is waiting to start: trying and failing to pull image\n',
      code: 1,
    });
    // --previous is answered first: there was no run before.
    expect(run('kubectl logs bad -p').err).toBe(
      'Error from server (BadRequest): previous terminated container "bad" in pod "bad" not found\n',
    );
  });

  it('--previous: the run before a restart, or the error when there was none', () => {
    const { run } = engineSession(3);
    run('kubectl run web --image=nginx');
    expect(run('kubectl logs web --previous')).toEqual({
      out: '',
      err: 'Error from server (BadRequest): previous terminated container "web" in pod "web" not found\n',
      code: 1,
    });
    run('kubectl run bb --image=busybox -- sh -c "echo hi; exit 1"');
    expect(
      run('kubectl get pod bb -o jsonpath={.status.containerStatuses[0].state.waiting.reason}').out,
    ).toBe('CrashLoopBackOff');
    expect(run('kubectl logs bb -p')).toEqual({ out: 'hi\n', err: '', code: 0 });
  });

  it('--timestamps, --since and --since-time', () => {
    const { run, cluster } = engineSession(3);
    run('kubectl run web --image=nginx');
    cluster.advance(120_000);
    const started = run(
      'kubectl get pod web -o jsonpath={.status.containerStatuses[0].state.running.startedAt}',
    ).out;
    const last = run('kubectl logs web --tail=1').out;
    // containerd's write time: RFC3339Nano with nine digits, within the run's first second.
    const stamped = run('kubectl logs web --timestamps --tail=1').out;
    expect(stamped.startsWith(`${started.slice(0, 19)}.`)).toBe(true);
    expect(stamped).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z /);
    expect(stamped.slice(20, 29)).not.toBe('000000000');
    expect(stamped.slice(31)).toBe(last);
    // The same line keeps its time, shown alone or with the others (which come before it).
    const all = run('kubectl logs web --timestamps')
      .out.split('\n')
      .filter((l) => l !== '');
    expect(`${all.at(-1)}\n`).toBe(stamped);
    const times = all.map((l) => l.slice(0, 30));
    expect(times).toEqual([...times].sort());
    expect(new Set(times).size).toBe(times.length);
    expect(run('kubectl logs web --since=5s')).toEqual({ out: '', err: '', code: 0 });
    expect(run('kubectl logs web --since=1h --tail=1').out).toBe(last);
    expect(run('kubectl logs web --since-time=2020-01-01T00:00:00Z --tail=1').out).toBe(last);
    expect(run('kubectl logs web --since-time=2099-01-01T00:00:00+02:00')).toEqual({
      out: '',
      err: '',
      code: 0,
    });
    // The request carries sinceTime in whole seconds (a metav1.Time): a time typed within the
    // lines' second, after their fraction, still returns them all (as a real kubectl 1.32.5).
    const within = `${stamped.slice(0, 20)}999999Z`;
    expect(stamped.slice(0, 30) < within).toBe(true);
    expect(run(`kubectl logs web --timestamps --since-time=${within}`).out).toBe(
      `${all.join('\n')}\n`,
    );
    expect(run('kubectl logs web --since=5s --since-time=2020-01-01T00:00:00Z')).toEqual({
      out: '',
      err: 'error: at most one of `sinceTime` or `sinceSeconds` may be specified\n',
      code: 1,
    });
    expect(run('kubectl logs web --since-time=2024-01-01').err).toBe(
      'error: parsing time "2024-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"\n',
    );
    expect(run('kubectl logs web --since-time=2024-13-01T00:00:00Z').err).toBe(
      'error: parsing time "2024-13-01T00:00:00Z": month out of range\n',
    );
    expect(run('kubectl logs web --since=-5s').err).toBe('error: --since must be greater than 0\n');
    expect(run('kubectl logs web --since=abc').err).toBe(
      'error: invalid argument "abc" for "--since" flag: time: invalid duration "abc"\nSee \'kubectl logs --help\' for usage.\n',
    );
  });

  it("a container the pod does not have is kubectl's own error; checks come after the get", () => {
    const { run } = engineSession(3);
    run('kubectl run web --image=nginx');
    expect(run('kubectl logs web -c nope')).toEqual({
      out: '',
      err: 'error: container nope is not valid for pod web\n',
      code: 1,
    });
    expect(run('kubectl logs nope -c x --all-containers').err).toBe(
      'error: error from server (NotFound): pods "nope" not found in namespace "default"\n',
    );
    expect(run('kubectl logs web x -c y --all-containers').err).toBe(
      'error: --all-containers=true should not be specified with container name x\n',
    );
  });

  it('the default container: init containers count, and the annotation must name one', () => {
    const { run, cluster } = engineSession(3);
    cluster.client('kubectl').create('pods', 'default', TWO);
    const one = {
      ...TWO,
      metadata: {
        name: 'one',
        namespace: 'default',
        annotations: { 'kubectl.kubernetes.io/default-container': 'gone' },
      },
      spec: { ...TWO.spec, containers: [TWO.spec.containers[1]] },
    };
    cluster.client('kubectl').create('pods', 'default', one);
    cluster.settle();
    expect(run('kubectl logs two --tail=1')).toMatchObject({
      err: 'Defaulted container "a" out of: a, b, init (init)\n',
      code: 0,
    });
    expect(run('kubectl logs one')).toEqual({
      out: 'hello\n',
      err: 'Default container name "gone" not found in pod one\nDefaulted container "b" out of: b, init (init)\n',
      code: 0,
    });
    expect(run('kubectl logs two -c init')).toEqual({ out: 'init done\n', err: '', code: 0 });
  });
});

describe('kubectl logs of a looping container', () => {
  it("the logging docs' counter prints a line a second; --tail, --since and --timestamps per line", () => {
    const { run, host, cluster } = engineSession(3);
    run(
      `kubectl run counter --image=busybox -- /bin/sh -c 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done'`,
    );
    const started = run(
      `kubectl get pod counter -o jsonpath='{.status.containerStatuses[0].state.running.startedAt}'`,
    ).out;
    cluster.advance(60_000);
    // Rounds printed by now (after each console line the cluster settles: time moves on).
    const roundsNow = () => Math.floor((host.nowEpochMs() - Date.parse(started)) / 1000) + 1;
    const rounds = roundsNow();
    const line = (i: number) => {
      const d = new Date(Date.parse(started) + i * 1000);
      return `${i}: ${d.toUTCString().slice(0, 3)} Jan  6 ${d.toISOString().slice(11, 19)} UTC 2026\n`;
    };
    expect(run('kubectl logs counter --tail=2')).toEqual({
      out: line(rounds - 2) + line(rounds - 1),
      err: '',
      code: 0,
    });
    const before = roundsNow();
    const all = run('kubectl logs counter').out.split('\n');
    expect(all).toHaveLength(before + 1);
    expect(all[0]).toBe(line(0).trimEnd());
    expect(run('kubectl logs counter --since=3s').out.split('\n')).toHaveLength(4);
    const last = roundsNow() - 1;
    const stamped = run('kubectl logs counter --tail=1 --timestamps').out;
    const second = new Date(Date.parse(started) + last * 1000).toISOString().slice(0, 19);
    expect(stamped).toMatch(new RegExp(`^${second}\\.\\d{9}Z `));
    expect(stamped.slice(31)).toBe(line(last));
  });
});

describe('the image catalogue of the simulated date (January 2026)', () => {
  it("pulls nginx 1.28 and 1.29, and nginx's start-up log names the release its tag points at", () => {
    const { run } = engineSession(3);
    run('kubectl run latest --image=nginx');
    run('kubectl run stable --image=nginx:1.28');
    run('kubectl run old --image=nginx:1.27.3');
    run('kubectl run alp --image=nginx:1.29-alpine');
    run('kubectl wait --for=condition=Ready pod --all --timeout=120s');
    expect(run('kubectl get pods').out).toMatch(
      /^NAME +READY +STATUS +RESTARTS +AGE\nalp +1\/1 +Running +0 .*\nlatest +1\/1 +Running .*\nold +1\/1 +Running .*\nstable +1\/1 +Running /,
    );
    const version = (pod: string) =>
      /\[notice\] 1#1: (nginx\/\S+)\n/.exec(run(`kubectl logs ${pod}`).out)?.[1];
    expect(version('latest')).toBe('nginx/1.29.3');
    expect(version('stable')).toBe('nginx/1.28.0');
    expect(version('old')).toBe('nginx/1.27.3');
    expect(version('alp')).toBe('nginx/1.29.3');
  });
});
