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
