/**
 * The docs' "Assign Memory Resources to Containers and Pods": a container that holds more
 * memory than its limit is OOM-killed (lastState Terminated, OOMKilled, 137) and restarted into
 * CrashLoopBackOff; one within its limit runs; a request no node can hold stays Pending.
 */
import { describe, expect, it } from 'vitest';
import { runLine } from '../../kubectl/shell.ts';
import { engineSession } from '../../kubectl/testing/engineSession.ts';

const EXAMPLES = 'https://k8s.io/examples/pods/resource';

/** The pod's first container status, as stored. */
function containerStatus(
  cluster: ReturnType<typeof engineSession>['cluster'],
  name: string,
): {
  restartCount?: number;
  state?: { terminated?: { reason?: string; exitCode?: number }; waiting?: { reason?: string } };
  lastState?: { terminated?: { reason?: string; exitCode?: number } };
} {
  const pod = cluster.peek('pods', 'mem-example', name);
  const statuses = (pod?.status as { containerStatuses?: unknown[] } | undefined)
    ?.containerStatuses;
  return (statuses?.[0] ?? {}) as ReturnType<typeof containerStatus>;
}

describe('memory limits', () => {
  it('memory-demo-2 (stress --vm-bytes 250M, limit 100Mi) is OOMKilled with 137, then backs off', () => {
    const { run, cluster, host } = engineSession(3);
    run('kubectl create namespace mem-example');
    // Not settled: the first run is watched as it goes.
    expect(
      runLine(
        host,
        `kubectl apply -f ${EXAMPLES}/memory-request-limit-2.yaml --namespace=mem-example`,
      ).stdout,
    ).toBe('pod/memory-demo-2 created\n');
    // Between the kill and the restart, STATUS is the terminated reason.
    cluster.runUntil(
      (c) => containerStatus(c as typeof cluster, 'memory-demo-2').state?.terminated !== undefined,
      60_000,
    );
    expect(containerStatus(cluster, 'memory-demo-2').state?.terminated).toMatchObject({
      reason: 'OOMKilled',
      exitCode: 137,
    });
    expect(run('kubectl get pod memory-demo-2 -n mem-example').out).toMatch(
      /^NAME +READY +STATUS +RESTARTS +AGE\nmemory-demo-2 +0\/1 +OOMKilled +\d/,
    );
    cluster.runUntil(
      (c) =>
        containerStatus(c as typeof cluster, 'memory-demo-2').state?.waiting?.reason ===
        'CrashLoopBackOff',
      120_000,
    );
    expect(run('kubectl get pod memory-demo-2 -n mem-example').out).toMatch(
      /\nmemory-demo-2 +0\/1 +CrashLoopBackOff +\d+ \(\d+s ago\)/,
    );
    const described = run('kubectl describe pod memory-demo-2 -n mem-example').out;
    expect(described).toContain(
      '    State:          Waiting\n      Reason:       CrashLoopBackOff\n    Last State:     Terminated\n      Reason:       OOMKilled\n      Exit Code:    137\n',
    );
    expect(described).toMatch(
      /Warning +BackOff .*kubelet +Back-off restarting failed container memory-demo-2-ctr in pod memory-demo-2_mem-example\(/,
    );
    // stress printed its start before the kernel killed it.
    expect(run('kubectl logs memory-demo-2 -n mem-example').out).toBe(
      'stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd\n',
    );
  });

  it('memory-demo (stress --vm-bytes 150M, limit 200Mi) runs', () => {
    const { run, cluster } = engineSession(3);
    run('kubectl create namespace mem-example');
    run(`kubectl apply -f ${EXAMPLES}/memory-request-limit.yaml --namespace=mem-example`);
    cluster.advance(60_000);
    expect(run('kubectl get pod memory-demo -n mem-example').out).toMatch(
      /\nmemory-demo +1\/1 +Running +0 +\d/,
    );
    expect(run('kubectl logs memory-demo -n mem-example').out).toBe(
      'stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd\n',
    );
  });

  it('a pod that ends in OOMKilled with restartPolicy Never fails', () => {
    const { run, host } = engineSession(3);
    host.fs.write(
      'oom.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: oom
spec:
  restartPolicy: Never
  containers:
  - name: hog
    image: polinux/stress
    command: ["stress", "--vm", "2", "--vm-bytes", "64M"]
    resources:
      limits:
        memory: 100Mi
`,
    );
    run('kubectl apply -f oom.yaml');
    expect(run('kubectl get pod oom').out).toMatch(/\noom +0\/1 +OOMKilled +0 +\d/);
    expect(run('kubectl get pod oom -o jsonpath={.status.phase}').out).toBe('Failed');
  });

  it('memory-demo-3 (request 1000Gi) is not scheduled: Insufficient memory', () => {
    const { run } = engineSession(3);
    run('kubectl create namespace mem-example');
    run(`kubectl apply -f ${EXAMPLES}/memory-request-limit-3.yaml --namespace=mem-example`);
    expect(run('kubectl get pod memory-demo-3 -n mem-example').out).toMatch(
      /\nmemory-demo-3 +0\/1 +Pending +0 +\d/,
    );
    expect(run('kubectl describe pod memory-demo-3 -n mem-example').out).toMatch(
      /Warning +FailedScheduling +\S+ +default-scheduler +0\/4 nodes are available: 1 node\(s\) had untolerated taint \{node-role.kubernetes.io\/control-plane: \}, 3 Insufficient memory\. preemption: 0\/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod\.\n/,
    );
  });
});
