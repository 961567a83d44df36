/**
 * What containers do with their commands, end to end through the kubelet (audit 10 #16, #6):
 * a program the image lacks fails to start (StartError, exit 128) or, inside `sh -c`, exits
 * 127; everyday one-shot commands end and leave their output in the log.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';

const START_ERROR =
  'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "slep": executable file not found in $PATH: unknown';

describe('a misspelled command', () => {
  it('exec of a missing binary: RunContainerError, then CrashLoopBackOff with StartError 128', () => {
    const { run, cluster } = engineSession(3);
    run('kubectl run x --image=busybox -- slep 10');
    cluster.settle();
    const st = JSON.parse(
      run(`kubectl get pod x -o jsonpath='{.status.containerStatuses[0]}'`).out,
    );
    expect(st.lastState.terminated).toEqual({
      exitCode: 128,
      reason: 'StartError',
      message: START_ERROR,
      startedAt: '1970-01-01T00:00:00Z',
      finishedAt: expect.any(String),
      containerID: expect.stringMatching(/^containerd:\/\//),
    });
    expect(['RunContainerError', 'CrashLoopBackOff']).toContain(st.state.waiting.reason);
    const events = run(
      `kubectl get events --field-selector involvedObject.name=x -o jsonpath='{range .items[*]}{.type} {.reason} {.message}{"\\n"}{end}'`,
    ).out;
    expect(events).toContain(`Warning Failed Error: ${START_ERROR}\n`);
    expect(events).not.toContain('Started');
  });

  it('restartPolicy Never: the pod fails with StartError; `sh -c` says "not found", exit 127', () => {
    const { run, cluster } = engineSession(3);
    run('kubectl run x --image=busybox --restart=Never -- slep 10');
    run(`kubectl run z --image=busybox --restart=Never -- sh -c 'slep 10'`);
    cluster.advance(30_000);
    cluster.settle();
    const out = run('kubectl get pods').out;
    expect(out).toMatch(/\nx +0\/1 +StartError +0 /);
    expect(out).toMatch(/\nz +0\/1 +Error +0 /);
    expect(run('kubectl logs z').out).toBe('sh: slep: not found\n');
    expect(
      run(
        `kubectl get pod z -o jsonpath='{.status.containerStatuses[0].state.terminated.exitCode}'`,
      ).out,
    ).toBe('127');
  });
});

describe('one-shot commands', () => {
  it('a for loop, ls and cat end (Completed) and their output is the log', () => {
    const { run, cluster } = engineSession(3);
    run(
      `kubectl run s2 --image=busybox --restart=Never -- sh -c 'for i in 1 2 3; do echo $i; done'`,
    );
    run('kubectl run s7 --image=busybox --restart=Never -- cat /etc/resolv.conf');
    run('kubectl run s5 --image=busybox --restart=Never -- hostname');
    cluster.advance(30_000);
    cluster.settle();
    expect(run('kubectl get pods').out).toMatch(/\ns2 +0\/1 +Completed +0 /);
    expect(run('kubectl logs s2').out).toBe('1\n2\n3\n');
    expect(run('kubectl logs s7').out).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
    expect(run('kubectl logs s5').out).toBe('s5\n');
  });
});

describe("the docs' liveness-exec pod", () => {
  const spec = {
    spec: {
      containers: [
        {
          name: 'liveness',
          image: 'registry.k8s.io/busybox',
          args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
          livenessProbe: {
            exec: { command: ['cat', '/tmp/healthy'] },
            initialDelaySeconds: 5,
            periodSeconds: 5,
          },
        },
      ],
    },
  };

  it('is healthy for 30 s, then fails its probe; PID 1 ignores SIGTERM: killed 30 s later, 137', () => {
    const { run, cluster } = engineSession(3);
    run(
      `kubectl run liveness-exec --image=registry.k8s.io/busybox --overrides='${JSON.stringify(spec)}'`,
    );
    const events = () =>
      run(
        `kubectl get events --field-selector involvedObject.name=liveness-exec -o jsonpath='{range .items[*]}{.reason} {.message}{"\\n"}{end}'`,
      ).out;
    cluster.advance(100_000);
    expect(events()).toContain(
      "Unhealthy Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n",
    );
    expect(events()).toContain(
      'Killing Container liveness failed liveness probe, will be restarted\n',
    );
    const last = JSON.parse(
      run(`kubectl get pod liveness-exec -o jsonpath='{.status.containerStatuses[0].lastState}'`)
        .out,
    );
    expect(last.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    const ran = Date.parse(last.terminated.finishedAt) - Date.parse(last.terminated.startedAt);
    // Healthy until 30 s; three failures 5 s apart (the first at 30 or 35 s, as the probe and
    // the `rm` race); the kill then waits out the 30 s grace period.
    expect(ran).toBeGreaterThanOrEqual(69_000);
    expect(ran).toBeLessThanOrEqual(77_000);
  });
});

describe("the logging docs' streaming sidecar", () => {
  it('the writer logs nothing (its echo goes to files); the sidecar tails the shared emptyDir file', () => {
    const { run, cluster } = engineSession(3);
    const varlog = [{ name: 'varlog', mountPath: '/var/log' }];
    const spec = {
      spec: {
        volumes: [{ name: 'varlog', emptyDir: {} }],
        containers: [
          {
            name: 'count',
            image: 'busybox:1.28',
            args: [
              '/bin/sh',
              '-c',
              'i=0; while true; do echo "$i: $(date)" >> /var/log/1.log; echo "$(date) INFO $i" >> /var/log/2.log; i=$((i+1)); sleep 1; done\n',
            ],
            volumeMounts: varlog,
          },
          {
            name: 'count-log-1',
            image: 'busybox:1.28',
            args: ['/bin/sh', '-c', 'tail -n+1 -F /var/log/1.log'],
            volumeMounts: varlog,
          },
        ],
      },
    };
    run(`kubectl run counter --image=busybox:1.28 --overrides='${JSON.stringify(spec)}'`);
    cluster.advance(20_000);
    expect(run('kubectl logs counter -c count').out).toBe('');
    const tail = run('kubectl logs counter count-log-1').out.split('\n');
    expect(tail[0]).toMatch(/^0: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d UTC 2026$/);
    expect(tail[1]).toMatch(/^1: /);
    expect(tail.length).toBeGreaterThan(20);
  });
});

describe('activeDeadlineSeconds', () => {
  it('the kubelet fails the pod after the deadline: STATUS DeadlineExceeded, its containers stopped', () => {
    const { run, cluster } = engineSession(3);
    run(`kubectl run ad --image=nginx --overrides='{"spec":{"activeDeadlineSeconds":10}}'`);
    cluster.advance(30_000);
    cluster.settle();
    expect(run('kubectl get pods').out).toMatch(/\nad +0\/1 +DeadlineExceeded +0 /);
    const st = JSON.parse(run(`kubectl get pod ad -o jsonpath='{.status}'`).out);
    expect(st).toMatchObject({
      phase: 'Failed',
      reason: 'DeadlineExceeded',
      message: 'Pod was active on the node longer than the specified deadline',
    });
    const events = run(
      `kubectl get events --field-selector involvedObject.name=ad -o jsonpath='{range .items[*]}{.type} {.reason} {.message}{"\\n"}{end}'`,
    ).out;
    expect(events).toContain(
      'Normal DeadlineExceeded Pod was active on the node longer than the specified deadline\nNormal Killing Stopping container ad\n',
    );
  });
});

describe("nginx's access log", () => {
  it('has a line for each HTTP probe of the kubelet (kube-probe/1.32), from the pod network gateway', () => {
    const { run, cluster } = engineSession(3);
    const spec = {
      spec: {
        containers: [
          {
            name: 'pr',
            image: 'nginx',
            readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10 },
          },
        ],
      },
    };
    run(`kubectl run pr --image=nginx --overrides='${JSON.stringify(spec)}'`);
    cluster.advance(35_000);
    const ip = run(`kubectl get pod pr -o jsonpath='{.status.podIP}'`).out;
    const gateway = ip.replace(/\.\d+$/, '.1');
    const lines = run('kubectl logs pr --tail=2').out.split('\n');
    for (const line of lines.slice(0, 2)) {
      expect(line).toMatch(
        new RegExp(
          `^${gateway.replace(/\./g, '\\.')} - - \\[06/Jan/2026:\\d\\d:\\d\\d:\\d\\d \\+0000\\] "GET / HTTP/1\\.1" 200 615 "-" "kube-probe/1\\.32" "-"$`,
        ),
      );
    }
  });
});

describe('ConfigMap and Secret volumes', () => {
  it('ls lists the keys of the mounted ConfigMap; cat prints a key; a Secret key is decoded', () => {
    const { run, cluster } = engineSession(3);
    run(
      'kubectl create configmap special-config --from-literal=SPECIAL_LEVEL=very --from-literal=SPECIAL_TYPE=charm',
    );
    run('kubectl create secret generic creds --from-literal=password=s3cr3t');
    const spec = {
      spec: {
        restartPolicy: 'Never',
        volumes: [
          { name: 'config-volume', configMap: { name: 'special-config' } },
          { name: 'sec', secret: { secretName: 'creds' } },
        ],
        containers: [
          {
            name: 'c',
            image: 'registry.k8s.io/busybox',
            command: [
              '/bin/sh',
              '-c',
              'ls /etc/config/; cat /etc/config/SPECIAL_LEVEL; echo; cat /etc/sec/password',
            ],
            volumeMounts: [
              { name: 'config-volume', mountPath: '/etc/config' },
              { name: 'sec', mountPath: '/etc/sec' },
            ],
          },
        ],
      },
    };
    run(`kubectl run c --image=registry.k8s.io/busybox --overrides='${JSON.stringify(spec)}'`);
    cluster.advance(20_000);
    expect(run('kubectl logs c').out).toBe('SPECIAL_LEVEL\nSPECIAL_TYPE\nvery\ns3cr3t');
    expect(run('kubectl get pods c').out).toMatch(/Completed/);
  });
});
