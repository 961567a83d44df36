/**
 * Containers under their securityContext and their pod's other containers, as containerd and
 * the images behave on 1.32: a read-only root filesystem, nginx as non-root or without
 * capabilities, two servers on one port; busybox's usage errors; the docs' init containers.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('busybox sleep without an operand', () => {
  it('prints its usage on stderr and exits 1: Error, then CrashLoopBackOff', () => {
    const { run, host } = engineSession(3);
    host.fs.write(
      's1.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: s1\nspec:\n  containers:\n  - name: s1\n    image: busybox\n    command: ["sleep"]\n',
    );
    expect(run('kubectl apply -f s1.yaml').out).toBe('pod/s1 created\n');
    run('sleep 60');
    expect(run('kubectl get pod s1').out).toMatch(
      /^NAME +READY +STATUS +RESTARTS +AGE\ns1 +0\/1 +CrashLoopBackOff +\d+ \(\d+s ago\) +\S+\n$/,
    );
    expect(run('kubectl logs s1').out).toBe(
      'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: sleep [N]...\n\nPause for a time equal to the total of the args given, where each arg can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays\n',
    );
    run('kubectl run bb --image=busybox:1.28 -- sleep 3600');
    expect(run('kubectl exec bb -- sleep')).toEqual({
      out: '',
      err: 'BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n\nUsage: sleep [N]...\n\nPause for a time equal to the total of the args given, where each arg can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays\ncommand terminated with exit code 1\n',
      code: 1,
    });
  });

  it('in a Debian image, coreutils says the operand is missing', () => {
    const { run } = engineSession(3);
    run('kubectl run u --image=ubuntu --command -- sleep');
    run('sleep 30');
    expect(run('kubectl logs u').out).toBe(
      "sleep: missing operand\nTry 'sleep --help' for more information.\n",
    );
  });
});

describe('securityContext validation', () => {
  it('privileged with allowPrivilegeEscalation false is invalid (the struct as %#v)', () => {
    const { run } = engineSession(3);
    const r = run(
      `kubectl run bad1 --image=nginx --overrides='{"spec":{"containers":[{"name":"bad1","image":"nginx","securityContext":{"privileged":true,"allowPrivilegeEscalation":false}}]}}'`,
    );
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'The Pod "bad1" is invalid: spec.containers[0].securityContext: Invalid value: core.SecurityContext{Capabilities:(*core.Capabilities)(nil), Privileged:(*bool)(0xc0005a1c08), SELinuxOptions:(*core.SELinuxOptions)(nil), WindowsOptions:(*core.WindowsSecurityContextOptions)(nil), RunAsUser:(*int64)(nil), RunAsGroup:(*int64)(nil), RunAsNonRoot:(*bool)(nil), ReadOnlyRootFilesystem:(*bool)(nil), AllowPrivilegeEscalation:(*bool)(0xc0005a1c40), ProcMount:(*core.ProcMountType)(nil), SeccompProfile:(*core.SeccompProfile)(nil), AppArmorProfile:(*core.AppArmorProfile)(nil)}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true\n',
    );
    expect(run('kubectl get pods').err).toBe('No resources found in default namespace.\n');
  });

  it('CAP_SYS_ADMIN added with allowPrivilegeEscalation false is invalid; privileged alone is fine', () => {
    const { run } = engineSession(3);
    const r = run(
      `kubectl run bad2 --image=nginx --overrides='{"spec":{"containers":[{"name":"bad2","image":"nginx","securityContext":{"capabilities":{"add":["CAP_SYS_ADMIN"]},"allowPrivilegeEscalation":false}}]}}'`,
    );
    expect(r.err).toContain(
      ': cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN\n',
    );
    expect(
      run(
        `kubectl run ok --image=nginx --overrides='{"spec":{"containers":[{"name":"ok","image":"nginx","securityContext":{"privileged":true}}]}}'`,
      ).out,
    ).toBe('pod/ok created\n');
  });
});

const RO_POD = `apiVersion: v1
kind: Pod
metadata:
  name: ro
spec:
  containers:
  - name: c
    image: busybox
    command: ["sleep", "3600"]
    securityContext:
      readOnlyRootFilesystem: true
    volumeMounts:
    - name: tmp
      mountPath: /data
  volumes:
  - name: tmp
    emptyDir: {}
`;

describe('readOnlyRootFilesystem', () => {
  it('exec writes outside the volumes fail with EROFS; the emptyDir and /dev stay writable', () => {
    const { run, host } = engineSession(3);
    host.fs.write('ro.yaml', RO_POD);
    run('kubectl apply -f ro.yaml');
    expect(run('kubectl exec ro -- touch /tmp/x')).toEqual({
      out: '',
      err: 'touch: /tmp/x: Read-only file system\ncommand terminated with exit code 1\n',
      code: 1,
    });
    expect(run(`kubectl exec ro -- sh -c 'echo hi > /etc/x'`)).toEqual({
      out: '',
      err: "sh: can't create /etc/x: Read-only file system\ncommand terminated with exit code 1\n",
      code: 1,
    });
    expect(run('kubectl exec ro -- mkdir /data/d /opt/d').err).toBe(
      "mkdir: can't create directory '/opt/d': Read-only file system\ncommand terminated with exit code 1\n",
    );
    expect(run(`kubectl exec ro -- sh -c 'echo hi > /data/x'`).code).toBe(0);
    expect(run('kubectl exec ro -- cat /data/x').out).toBe('hi\n');
    expect(run(`kubectl exec ro -- sh -c 'echo x > /dev/null; echo ok'`).out).toBe('ok\n');
  });

  it("a script of the container's own fails the same way (coreutils' touch in Debian)", () => {
    const { run } = engineSession(3);
    run(
      `kubectl run u --image=ubuntu --restart=Never --overrides='{"spec":{"containers":[{"name":"u","image":"ubuntu","command":["sh","-c","touch /var/x; echo done"],"securityContext":{"readOnlyRootFilesystem":true}}]}}'`,
    );
    run('sleep 10');
    expect(run('kubectl logs u').out).toBe(
      "touch: cannot touch '/var/x': Read-only file system\ndone\n",
    );
  });
});

/** `kubectl run NAME --image=nginx` with the pod spec given as overrides. */
const runNginx = (name: string, spec: string) =>
  `kubectl run ${name} --image=nginx --overrides='{"spec":${spec}}'`;

const ENTRYPOINT_RO = `/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration
/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/
/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh
10-listen-on-ipv6-by-default.sh: info: can not modify /etc/nginx/conf.d/default.conf (read-only file system?)
/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh
/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh
/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh
/docker-entrypoint.sh: Configuration complete; ready for start up
`;

/** The log with its error-log times made uniform, for comparing. */
const untimed = (log: string) => log.replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d /gm, 'T ');

describe('nginx under its securityContext', () => {
  it('a read-only root: the entrypoint cannot edit default.conf, mkdir fails (EROFS), CrashLoopBackOff', () => {
    const { run } = engineSession(3);
    run(
      runNginx(
        'ng',
        '{"containers":[{"name":"ng","image":"nginx","securityContext":{"readOnlyRootFilesystem":true}}]}',
      ),
    );
    run('sleep 60');
    expect(run('kubectl get pod ng').out).toMatch(/\nng +0\/1 +CrashLoopBackOff +\d+ /);
    expect(untimed(run('kubectl logs ng').out)).toBe(
      `${ENTRYPOINT_RO}T [emerg] 1#1: mkdir() "/var/cache/nginx/client_temp" failed (30: Read-only file system)
nginx: [emerg] mkdir() "/var/cache/nginx/client_temp" failed (30: Read-only file system)
`,
    );
    expect(run('kubectl describe pod ng').out).toMatch(
      /Last State: +Terminated\n +Reason: +Error\n +Exit Code: +1\n/,
    );
  });

  it('with an emptyDir at /var/cache/nginx it gets to the pid file; with one at /var/run too, it runs', () => {
    const { run } = engineSession(3);
    const vol = (mounts: string, vols: string) =>
      `{"containers":[{"name":"ng","image":"nginx","securityContext":{"readOnlyRootFilesystem":true},"volumeMounts":[${mounts}]}],"volumes":[${vols}]}`;
    run(
      runNginx(
        'cache',
        vol('{"name":"c","mountPath":"/var/cache/nginx"}', '{"name":"c","emptyDir":{}}'),
      ),
    );
    run(
      runNginx(
        'fixed',
        vol(
          '{"name":"c","mountPath":"/var/cache/nginx"},{"name":"r","mountPath":"/var/run"}',
          '{"name":"c","emptyDir":{}},{"name":"r","emptyDir":{}}',
        ),
      ),
    );
    run('sleep 60');
    const pods = run('kubectl get pods').out;
    expect(pods).toMatch(/\ncache +0\/1 +CrashLoopBackOff /);
    expect(pods).toMatch(/\nfixed +1\/1 +Running +0 /);
    expect(untimed(run('kubectl logs cache --tail=3').out)).toBe(
      `T [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576
T [emerg] 1#1: open() "/var/run/nginx.pid" failed (30: Read-only file system)
nginx: [emerg] open() "/var/run/nginx.pid" failed (30: Read-only file system)
`,
    );
    const fixed = run('kubectl logs fixed').out;
    expect(fixed.startsWith(ENTRYPOINT_RO)).toBe(true);
    expect(untimed(fixed).endsWith('T [notice] 1#1: start worker process 30\n')).toBe(true);
  });

  it('as user 1000: the user directive is ignored and mkdir is denied (EACCES)', () => {
    const { run } = engineSession(3);
    run(
      runNginx(
        'ngu',
        '{"securityContext":{"runAsUser":1000},"containers":[{"name":"ngu","image":"nginx"}]}',
      ),
    );
    run('sleep 60');
    expect(run('kubectl get pod ngu').out).toMatch(/\nngu +0\/1 +CrashLoopBackOff /);
    expect(untimed(run('kubectl logs ngu --tail=4').out)).toBe(
      `T [warn] 1#1: the "user" directive makes sense only if the master process runs with super-user privileges, ignored in /etc/nginx/nginx.conf:2
nginx: [warn] the "user" directive makes sense only if the master process runs with super-user privileges, ignored in /etc/nginx/nginx.conf:2
T [emerg] 1#1: mkdir() "/var/cache/nginx/client_temp" failed (13: Permission denied)
nginx: [emerg] mkdir() "/var/cache/nginx/client_temp" failed (13: Permission denied)
`,
    );
  });

  it('runAsNonRoot with a numeric user fails the same way; with all capabilities dropped, chown fails', () => {
    const { run } = engineSession(3);
    run(
      runNginx(
        'nr',
        '{"securityContext":{"runAsNonRoot":true,"runAsUser":101},"containers":[{"name":"nr","image":"nginx"}]}',
      ),
    );
    run(
      runNginx(
        'capdrop',
        '{"containers":[{"name":"capdrop","image":"nginx","securityContext":{"capabilities":{"drop":["ALL"]}}}]}',
      ),
    );
    run('sleep 60');
    expect(untimed(run('kubectl logs nr --tail=1').out)).toBe(
      'nginx: [emerg] mkdir() "/var/cache/nginx/client_temp" failed (13: Permission denied)\n',
    );
    expect(untimed(run('kubectl logs capdrop --tail=3').out)).toBe(
      `/docker-entrypoint.sh: Configuration complete; ready for start up
T [emerg] 1#1: chown("/var/cache/nginx/client_temp", 101) failed (1: Operation not permitted)
nginx: [emerg] chown("/var/cache/nginx/client_temp", 101) failed (1: Operation not permitted)
`,
    );
    expect(run('kubectl get pod capdrop').out).toMatch(/\ncapdrop +0\/1 +CrashLoopBackOff /);
  });
});

describe('two containers of a pod on one port', () => {
  it('the second nginx cannot bind :80 (they share the network namespace): 1/2, CrashLoopBackOff', () => {
    const { run } = engineSession(3);
    run(
      runNginx(
        'portclash',
        '{"containers":[{"name":"a","image":"nginx"},{"name":"b","image":"nginx"}]}',
      ),
    );
    run('sleep 60');
    expect(run('kubectl get pod portclash').out).toMatch(/\nportclash +1\/2 +CrashLoopBackOff /);
    const clash = (addr: string) =>
      `T [emerg] 1#1: bind() to ${addr} failed (98: Address already in use)\nnginx: [emerg] bind() to ${addr} failed (98: Address already in use)\n`;
    const round = `${clash('0.0.0.0:80')}${clash('[::]:80')}T [notice] 1#1: try again to bind() after 500ms\n`;
    const log = run('kubectl logs portclash -c b').out;
    expect(untimed(log)).toBe(
      `/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration
/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/
/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh
10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf
10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf
/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh
/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh
/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh
/docker-entrypoint.sh: Configuration complete; ready for start up
${round.repeat(5)}T [emerg] 1#1: still could not bind()
nginx: [emerg] still could not bind()
`,
    );
    // The retries take 2.5 s of its run.
    const times = [...log.matchAll(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:(\d\d) /gm)].map((m) =>
      Number(m[1]),
    );
    expect(((times.at(-1) ?? 0) - (times[0] ?? 0) + 60) % 60).toBeGreaterThanOrEqual(2);
    expect(untimed(run('kubectl logs portclash -c a --tail=1').out)).toBe(
      'T [notice] 1#1: start worker process 30\n',
    );
  });

  it('nginx beside a busybox sidecar on another port runs', () => {
    const { run } = engineSession(3);
    run(
      runNginx(
        'ok',
        '{"containers":[{"name":"web","image":"nginx"},{"name":"side","image":"busybox","command":["sleep","3600"]}]}',
      ),
    );
    run('sleep 30');
    expect(run('kubectl get pod ok').out).toMatch(/\nok +2\/2 +Running +0 /);
  });
});

describe("the docs' init container that downloads a page (pods/init-containers.yaml)", () => {
  it('wget of a host outside the cluster ends: no name resolution offline, Init:CrashLoopBackOff', () => {
    const { run } = engineSession(3);
    run('kubectl apply -f https://k8s.io/examples/pods/init-containers.yaml');
    run('sleep 60');
    expect(run('kubectl get pod init-demo').out).toMatch(
      /\ninit-demo +0\/1 +Init:CrashLoopBackOff +\d+ \(\d+s ago\) /,
    );
    expect(run('kubectl logs init-demo -c install')).toEqual({
      out: "wget: bad address 'info.cern.ch'\n",
      err: '',
      code: 0,
    });
    expect(run('kubectl describe pod init-demo').out).toMatch(
      / {2}install:\n[\s\S]*? {4}State: +Waiting\n {6}Reason: +CrashLoopBackOff\n {4}Last State: +Terminated\n {6}Reason: +Error\n {6}Exit Code: +1\n/,
    );
  });

  it('wget -O FILE from a Service saves the page there (what the script reads next)', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx');
    run('kubectl expose deployment web --port=80');
    run('sleep 20');
    run('kubectl run w --image=busybox --restart=Never -- wget -O /tmp/p.html http://web');
    run(
      `kubectl run w2 --image=busybox --restart=Never -- sh -c 'wget -q -O /tmp/p.html http://web && wc -c /tmp/p.html'`,
    );
    run('sleep 10');
    expect(run('kubectl logs w').out).toMatch(
      /^Connecting to web \(10\.\d+\.\d+\.\d+:80\)\nsaving to '\/tmp\/p\.html'\np\.html {15}100% \|\*{32}\| {3}615 {2}0:00:00 ETA\n'\/tmp\/p\.html' saved\n$/,
    );
    expect(run('kubectl logs w2').out).toBe('615 /tmp/p.html\n');
  });
});

const MYAPP = `apiVersion: v1
kind: Pod
metadata:
  name: myapp-pod
spec:
  containers:
  - name: myapp-container
    image: busybox:1.28
    command: ['sh', '-c', 'echo The app is running! && sleep 3600']
  initContainers:
  - name: init-myservice
    image: busybox:1.28
    command: ['sh', '-c', "until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done"]
`;

describe("the docs' init container that waits for a Service (until nslookup …)", () => {
  it('logs a failed lookup and its echo every round, then the answer once the Service exists', () => {
    const { run, host } = engineSession(3);
    host.fs.write('myapp.yaml', MYAPP);
    run('kubectl apply -f myapp.yaml');
    run('sleep 10');
    const failed = `Server:    10.96.0.10
Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local

nslookup: can't resolve 'myservice.default.svc.cluster.local'
waiting for myservice
`;
    expect(run('kubectl get pod myapp-pod').out).toMatch(/\nmyapp-pod +0\/1 +Init:0\/1 +0 /);
    const log = run('kubectl logs myapp-pod -c init-myservice').out;
    expect(log.length).toBeGreaterThan(failed.length * 4);
    expect(log).toBe(failed.repeat(log.length / failed.length));
    // Each round two seconds after the one before.
    const stamps = run('kubectl logs myapp-pod -c init-myservice --timestamps')
      .out.split('\n')
      .filter((l) => l.endsWith(' waiting for myservice'))
      .map((l) => Date.parse(l.slice(0, 30)));
    expect(stamps.slice(1).map((t, i) => Math.round((t - (stamps[i] ?? 0)) / 1000))).toEqual(
      stamps.slice(1).map(() => 2),
    );
    run('kubectl create service clusterip myservice --tcp=80:9376');
    run('sleep 10');
    expect(run('kubectl get pod myapp-pod').out).toMatch(/\nmyapp-pod +1\/1 +Running +0 /);
    const ip = run('kubectl get svc myservice -o jsonpath={.spec.clusterIP}').out;
    expect(run('kubectl logs myapp-pod -c init-myservice --tail=10').out).toBe(
      `${failed}Server:    10.96.0.10
Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local

Name:      myservice.default.svc.cluster.local
Address 1: ${ip} myservice.default.svc.cluster.local
`,
    );
  });
});
