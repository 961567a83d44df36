/**
 * Container lifecycle hooks as the 1.32 kubelet runs them: postStart right after the start (the
 * container is not seen running till it returns; a failure is FailedPostStartHook, the kill
 * "FailedPostStartHook", PostStartHookError, then the restart loop), preStop before SIGTERM within
 * the grace period (a failure is FailedPreStopHook), and the API's validation of the handlers.
 */
import { describe, expect, it } from 'vitest';
import { runLine } from './shell.ts';
import { engineSession } from './testing/engineSession.ts';

const hookPod = (name: string, lifecycle: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${extra}  containers:
  - name: app
    image: nginx
    lifecycle:
${lifecycle}`;

type PodView = {
  status?: { containerStatuses?: { state?: { waiting?: { reason?: string } } }[] };
};

/** Run the cluster (no settling) until the pod's container waits with `reason`. */
const waitFor = (
  cluster: ReturnType<typeof engineSession>['cluster'],
  pod: string,
  reason: string,
) =>
  cluster.runUntil(
    () =>
      (cluster.peek('pods', 'default', pod) as PodView | undefined)?.status?.containerStatuses?.[0]
        ?.state?.waiting?.reason === reason,
    60_000,
  );

describe('postStart', () => {
  it('a failing exec hook: FailedPostStartHook, Killing, PostStartHookError, then CrashLoopBackOff', () => {
    const { run, host, cluster } = engineSession(3);
    host.fs.write(
      'h.yaml',
      hookPod('hook', '      postStart: {exec: {command: [sh, -c, "exit 1"]}}\n'),
    );
    expect(runLine(host, 'kubectl apply -f h.yaml').stdout).toBe('pod/hook created\n');
    expect(waitFor(cluster, 'hook', 'PostStartHookError')).toBe(true);
    const uid = runLine(host, "kubectl get pod hook -o jsonpath='{.metadata.uid}'").stdout;
    expect(runLine(host, 'kubectl get pod hook --no-headers').stdout).toMatch(
      /^hook +0\/1 +PostStartHookError +0 +\S+\n$/,
    );
    expect(
      runLine(
        host,
        "kubectl get pod hook -o jsonpath='{.status.containerStatuses[0].state.waiting.message}'",
      ).stdout,
    ).toBe(
      `Exec lifecycle hook ([sh -c exit 1]) for Container "app" in Pod "hook_default(${uid})" failed - error: command 'sh -c exit 1' exited with 1: , message: ""`,
    );
    run('sleep 30s');
    expect(run('kubectl get pod hook --no-headers').out).toMatch(
      /^hook +0\/1 +CrashLoopBackOff +\d+ \(\S+ ago\) +\S+\n$/,
    );
    const events = run('kubectl events --for pod/hook').out;
    expect(events).toMatch(/ +Normal +Started +Pod\/hook +Started container app\n/);
    expect(events).toMatch(
      /\(x\d+ over \S+\) +Warning +FailedPostStartHook +Pod\/hook +PostStartHook failed\n/,
    );
    expect(events).toMatch(/\(x\d+ over \S+\) +Normal +Killing +Pod\/hook +FailedPostStartHook\n/);
    expect(run('kubectl describe pod hook').out).toMatch(
      / {4}State: {10}Waiting\n {6}Reason: {7}CrashLoopBackOff\n {4}Last State: {5}Terminated\n {6}Reason: {7}Completed\n {6}Exit Code: {4}0\n/,
    );
  });

  it('a hook that takes 5 s: the container is reported running (and ready) only after it', () => {
    const { run, host } = engineSession(3);
    host.fs.write(
      's.yaml',
      hookPod('slow', '      postStart: {exec: {command: [sh, -c, "sleep 5"]}}\n'),
    );
    run('kubectl apply -f s.yaml');
    const [started, ready] = run(
      `kubectl get pod slow -o jsonpath='{.status.containerStatuses[0].state.running.startedAt} {.status.conditions[?(@.type=="Ready")].lastTransitionTime}'`,
    ).out.split(' ');
    expect(Date.parse(ready ?? '') - Date.parse(started ?? '')).toBe(5000);
    expect(run('kubectl get pod slow --no-headers').out).toMatch(/^slow +1\/1 +Running +0 /);
  });

  it('an httpGet hook fails only when nothing answers, never on the status code', () => {
    const { run, host, cluster } = engineSession(3);
    host.fs.write(
      'a.yaml',
      hookPod('a404', '      postStart: {httpGet: {path: /nope, port: 80}}\n'),
    );
    host.fs.write('r.yaml', hookPod('refused', '      postStart: {httpGet: {port: 8080}}\n'));
    run('kubectl apply -f a.yaml');
    expect(run('kubectl get pod a404 --no-headers').out).toMatch(/^a404 +1\/1 +Running +0 /);
    runLine(host, 'kubectl apply -f r.yaml');
    expect(waitFor(cluster, 'refused', 'PostStartHookError')).toBe(true);
    const pod = JSON.parse(runLine(host, 'kubectl get pod refused -o json').stdout) as {
      metadata: { uid: string };
      status: { podIP: string; containerStatuses: { state: { waiting: { message: string } } }[] };
    };
    const ip = pod.status.podIP;
    expect(pod.status.containerStatuses[0]?.state.waiting.message).toBe(
      `HTTP lifecycle hook (/) for Container "app" in Pod "refused_default(${pod.metadata.uid})" failed - error: Get "http://${ip}:8080/": dial tcp ${ip}:8080: connect: connection refused`,
    );
  });
});

describe('postStart: what it writes', () => {
  it('the docs’ lifecycle-demo: the file the hook wrote is there for kubectl exec', () => {
    const { run } = engineSession(2);
    expect(run('kubectl apply -f https://k8s.io/examples/pods/lifecycle-events.yaml').out).toBe(
      'pod/lifecycle-demo created\n',
    );
    run('kubectl wait --for=condition=Ready pod/lifecycle-demo');
    expect(run('kubectl exec -it lifecycle-demo -- cat /usr/share/message')).toEqual({
      out: 'Hello from the postStart handler\n',
      err: '',
      code: 0,
    });
  });
});

describe('preStop', () => {
  /** How long `kubectl delete` of a running pod with these hooks takes, and the events then. */
  const deleteTakes = (lifecycle: string, extra = '') => {
    const { run, host, cluster } = engineSession(3);
    host.fs.write('p.yaml', hookPod('p', lifecycle, extra));
    run('kubectl apply -f p.yaml');
    const before = cluster.now();
    expect(runLine(host, 'kubectl delete pod p --wait=false').stdout).toBe('pod "p" deleted\n');
    expect(cluster.runUntil(() => !cluster.peek('pods', 'default', 'p'), 120_000)).toBe(true);
    const at = (reason: string) =>
      Date.parse(
        run(
          `kubectl get events --field-selector reason=${reason} -o jsonpath='{.items[0].lastTimestamp}'`,
        ).out,
      );
    return {
      ms: cluster.now() - before,
      events: run('kubectl events').out,
      hookFailedAfterKill: at('FailedPreStopHook') - at('Killing'),
    };
  };

  it('runs before SIGTERM and delays the deletion by its length', () => {
    const plain = deleteTakes('      postStart: {sleep: {seconds: 1}}\n');
    const slept = deleteTakes('      preStop: {sleep: {seconds: 5}}\n');
    expect(plain.ms).toBeLessThan(2000);
    expect(slept.ms - plain.ms).toBeGreaterThanOrEqual(4000);
    expect(slept.ms).toBeGreaterThanOrEqual(5000);
    expect(slept.ms).toBeLessThan(7000);
    expect(slept.events).toMatch(/Normal +Killing +Pod\/p +Stopping container app\n$/);
  });

  it('a failing hook is FailedPreStopHook; one longer than the grace period is cut at its end', () => {
    const failed = deleteTakes('      preStop: {exec: {command: [sh, -c, "sleep 3; exit 1"]}}\n');
    expect(failed.events).toMatch(
      /Normal +Killing +Pod\/p +Stopping container app\n\S+ +Warning +FailedPreStopHook +Pod\/p +PreStopHook failed\n$/,
    );
    // Recorded when the hook ends, 3 s after the kill began.
    expect(failed.hookFailedAfterKill).toBe(3000);
    const long = deleteTakes(
      '      preStop: {exec: {command: [sh, -c, "sleep 60"]}}\n',
      '  terminationGracePeriodSeconds: 10\n',
    );
    expect(long.ms).toBeGreaterThanOrEqual(10_000);
    expect(long.ms).toBeLessThan(12_500);
  });
});

describe('preStop on a liveness kill', () => {
  it('runs before the SIGTERM of a container its liveness probe kills', () => {
    const runFor = (lifecycle: string) => {
      const { run, host } = engineSession(3);
      host.fs.write(
        'l.yaml',
        `apiVersion: v1
kind: Pod
metadata:
  name: live
spec:
  containers:
  - name: app
    image: nginx
    livenessProbe: {exec: {command: [cat, /tmp/nope]}, failureThreshold: 1}
${lifecycle}`,
      );
      run('kubectl apply -f l.yaml');
      const [started, finished] = run(
        "kubectl get pod live -o jsonpath='{.status.containerStatuses[0].lastState.terminated.startedAt} {.status.containerStatuses[0].lastState.terminated.finishedAt}'",
      ).out.split(' ');
      const events = run('kubectl events --for pod/live').out;
      expect(events).toMatch(
        /Normal +Killing +Pod\/live +Container app failed liveness probe, will be restarted\n/,
      );
      return Date.parse(finished ?? '') - Date.parse(started ?? '');
    };
    expect(runFor('')).toBe(0);
    expect(runFor('    lifecycle: {preStop: {sleep: {seconds: 5}}}\n')).toBe(5000);
  });
});

describe('lifecycle validation', () => {
  it('exactly one handler, each well-formed; sleep within the grace period', () => {
    const { run, host } = engineSession(3);
    host.fs.write(
      'v.yaml',
      hookPod(
        'v',
        '      postStart: {exec: {command: ["true"]}, httpGet: {port: 80}}\n      preStop: {}\n',
      ),
    );
    const r = run('kubectl apply -f v.yaml');
    expect(r.err).toBe(
      'The Pod "v" is invalid: \n* spec.containers[0].lifecycle.postStart.httpGet: Forbidden: may not specify more than 1 handler type\n* spec.containers[0].lifecycle.preStop: Required value: must specify a handler type\n',
    );
    expect(r.code).toBe(1);
    host.fs.write('s.yaml', hookPod('s', '      preStop: {sleep: {seconds: 31}}\n'));
    expect(run('kubectl apply -f s.yaml').err).toBe(
      'The Pod "s" is invalid: spec.containers[0].lifecycle.preStop.sleep: Invalid value: 31: must be greater than 0 and less than terminationGracePeriodSeconds (30). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.\n',
    );
    host.fs.write('e.yaml', hookPod('e', '      postStart: {exec: {}}\n'));
    expect(run('kubectl apply -f e.yaml').err).toBe(
      'The Pod "e" is invalid: spec.containers[0].lifecycle.postStart.exec.command: Required value\n',
    );
    expect(run('kubectl get pods').err).toBe('No resources found in default namespace.\n');
  });
});
