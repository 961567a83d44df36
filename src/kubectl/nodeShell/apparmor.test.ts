/**
 * The AppArmor tutorial (kubernetes.io/docs/tutorials/security/apparmor/) end to end: a
 * profile loaded on the nodes with apparmor_parser, listed by the kernel and aa-status, a pod
 * that runs confined by it (writes denied), and one whose profile no node loaded.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../testing/engineSession.ts';

const DENY_WRITE = `#include <tunables/global>

profile k8s-apparmor-example-deny-write flags=(attach_disconnected) {
  #include <abstractions/base>

  file,

  # Deny all file writes.
  deny /** w,
}
`;

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: hello-apparmor
spec:
  securityContext:
    appArmorProfile:
      type: Localhost
      localhostProfile: k8s-apparmor-example-deny-write
  containers:
  - name: hello
    image: busybox:1.28
    command: [ "sh", "-c", "echo 'Hello AppArmor!' && sleep 1h" ]
`;

const NODE_PROFILES = [
  '/usr/bin/man',
  '/usr/lib/NetworkManager/nm-dhcp-client.action',
  '/usr/lib/NetworkManager/nm-dhcp-helper',
  '/usr/lib/connman/scripts/dhclient-script',
  '/{,usr/}sbin/dhclient',
  'cri-containerd.apparmor.d',
];
const MORE_PROFILES = [
  'lsb_release',
  'man_filter',
  'man_groff',
  'nvidia_modprobe',
  'nvidia_modprobe//kmod',
  'rsyslogd',
  'tcpdump',
  'ubuntu_pro_apt_news',
  'ubuntu_pro_esm_cache',
  'unix-chkpwd',
];

function session() {
  const s = engineSession(3);
  s.host.fs.write('deny-write', DENY_WRITE);
  s.host.fs.write('hello-apparmor.yaml', POD);
  return s;
}

describe('apparmor_parser and aa-status on a node', () => {
  it('loads a profile from its file: the kernel lists it, aa-status counts it', () => {
    const { run } = session();
    expect(run('scp deny-write node1:/etc/apparmor.d/k8s-apparmor-example-deny-write').code).toBe(
      0,
    );
    run('ssh node1');
    expect(run('apparmor_parser -q /etc/apparmor.d/k8s-apparmor-example-deny-write')).toEqual({
      out: '',
      err: '',
      code: 0,
    });
    expect(run('cat /sys/kernel/security/apparmor/profiles | grep k8s')).toEqual({
      out: 'k8s-apparmor-example-deny-write (enforce)\n',
      err: '',
      code: 0,
    });
    const names = [...NODE_PROFILES, 'k8s-apparmor-example-deny-write', ...MORE_PROFILES];
    expect(run('aa-status')).toEqual({
      out: `apparmor module is loaded.
17 profiles are loaded.
17 profiles are in enforce mode.
${names.map((n) => `   ${n}\n`).join('')}0 profiles are in complain mode.
0 profiles are in prompt mode.
0 profiles are in kill mode.
0 profiles are in unconfined mode.
0 processes have profiles defined.
0 processes are in enforce mode.
0 processes are in complain mode.
0 processes are in prompt mode.
0 processes are in kill mode.
0 processes are unconfined but have a profile defined.
0 processes are in mixed mode.
`,
      err: '',
      code: 0,
    });
    // Adding it again is refused; -r replaces it; -R removes it, then removing is refused.
    expect(run('apparmor_parser /etc/apparmor.d/k8s-apparmor-example-deny-write')).toEqual({
      out: '',
      err: 'apparmor_parser: Unable to add "k8s-apparmor-example-deny-write".  Profile already exists\n',
      code: 1,
    });
    expect(run('apparmor_parser -r /etc/apparmor.d/k8s-apparmor-example-deny-write').code).toBe(0);
    expect(run('apparmor_parser -R /etc/apparmor.d/k8s-apparmor-example-deny-write').code).toBe(0);
    expect(run('apparmor_status').out).toMatch(/^16 profiles are loaded\.$/m);
    expect(run('apparmor_parser -R /etc/apparmor.d/k8s-apparmor-example-deny-write')).toEqual({
      out: '',
      err: 'apparmor_parser: Unable to remove "k8s-apparmor-example-deny-write".  Profile doesn\'t exist\n',
      code: 1,
    });
    expect(run('apparmor_parser -q /etc/apparmor.d/nothing')).toEqual({
      out: '',
      err: 'File /etc/apparmor.d/nothing not found, skipping...\n',
      code: 2,
    });
    // From stdin, with a complain-mode flag.
    expect(
      run("printf 'profile try flags=(complain) {\\n  file,\\n}\\n' | apparmor_parser -r").code,
    ).toBe(0);
    expect(run('aa-status').out).toContain('1 profiles are in complain mode.\n   try\n');
    // `< FILE` is stdin too.
    expect(run('apparmor_parser -r < /etc/apparmor.d/k8s-apparmor-example-deny-write').code).toBe(
      0,
    );
    expect(run('grep deny-write /sys/kernel/security/apparmor/profiles').out).toBe(
      'k8s-apparmor-example-deny-write (enforce)\n',
    );
    expect(run('aa-enabled').out).toBe('Yes\n');
    run('exit');
    // Only that node has it.
    expect(run('ssh node2 cat /sys/kernel/security/apparmor/profiles').out).not.toContain('try');
  });
});

describe('the AppArmor tutorial', () => {
  it('a pod confined by the deny-write profile cannot write; one with an unloaded profile is not created', () => {
    const { run, host } = session();
    for (const node of ['node1', 'node2', 'node3']) {
      run(`scp deny-write ${node}:/root/`);
      expect(run(`ssh ${node} apparmor_parser -q deny-write`).code).toBe(0);
    }
    run('kubectl apply -f hello-apparmor.yaml');
    run('sleep 10');
    expect(run('kubectl get pod hello-apparmor').out).toMatch(
      /^hello-apparmor +1\/1 +Running +0 /m,
    );
    expect(run('kubectl exec hello-apparmor -- cat /proc/1/attr/current')).toEqual({
      out: 'k8s-apparmor-example-deny-write (enforce)\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl exec hello-apparmor -- touch /tmp/test')).toEqual({
      out: '',
      err: 'touch: /tmp/test: Permission denied\ncommand terminated with exit code 1\n',
      code: 1,
    });
    expect(run("kubectl exec hello-apparmor -- sh -c 'echo hi > /tmp/x'")).toEqual({
      out: '',
      err: "sh: can't create /tmp/x: Permission denied\ncommand terminated with exit code 1\n",
      code: 1,
    });
    // Nothing was written.
    expect(run('kubectl exec hello-apparmor -- ls /tmp').out).toBe('');
    // aa-status on its node lists its process under the profile.
    const node = /^hello-apparmor +\S+ +\S+ +\S+ +\S+ +\S+ +(node\d)/m.exec(
      run('kubectl get pod hello-apparmor -o wide').out,
    )?.[1];
    expect(run(`ssh ${node} aa-status`).out).toMatch(
      /^1 processes are in enforce mode\.\n {3}sh \(\d+\) k8s-apparmor-example-deny-write\n/m,
    );

    // The allow-write profile was loaded nowhere: containerd refuses to create the container.
    host.fs.write(
      'hello-apparmor-2.yaml',
      POD.replace('name: hello-apparmor', 'name: hello-apparmor-2').replace(
        'deny-write',
        'allow-write',
      ),
    );
    run('kubectl apply -f hello-apparmor-2.yaml');
    run('sleep 10');
    expect(run('kubectl get pod hello-apparmor-2').out).toMatch(
      /^hello-apparmor-2 +0\/1 +CreateContainerError +0 /m,
    );
    expect(run('kubectl describe pod hello-apparmor-2').out).toContain(
      'Error: failed to get container spec opts: failed to generate apparmor spec opts: apparmor profile not found k8s-apparmor-example-allow-write',
    );
    // Once its node loads it, the kubelet's next try creates the container: writes are allowed.
    const node2 = /^hello-apparmor-2 +\S+ +\S+ +\S+ +\S+ +\S+ +(node\d)/m.exec(
      run('kubectl get pod hello-apparmor-2 -o wide').out,
    )?.[1];
    host.fs.write(
      'allow-write',
      'profile k8s-apparmor-example-allow-write flags=(attach_disconnected) {\n  file,\n}\n',
    );
    run(`scp allow-write ${node2}:/etc/apparmor.d/`);
    expect(run(`ssh ${node2} apparmor_parser -r /etc/apparmor.d/allow-write`).code).toBe(0);
    run('sleep 60');
    expect(run('kubectl get pod hello-apparmor-2').out).toMatch(
      /^hello-apparmor-2 +1\/1 +Running +0 /m,
    );
    expect(run('kubectl exec hello-apparmor-2 -- touch /tmp/test')).toEqual({
      out: '',
      err: '',
      code: 0,
    });
  });
});
