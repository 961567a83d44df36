/**
 * hostPath volume types (audit 14b E20): the kubelet checks what is at the path on its node
 * before it mounts it. A `Directory`, `File`, `Socket`, `CharDevice` or `BlockDevice` that is not
 * there keeps the pod in ContainerCreating with FailedMount events, retried with the volume
 * manager's back-off; the `…OrCreate` types create what is missing, on that node alone.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';

type Run = (line: string) => { out: string; err: string; code: number };

/** A busybox pod on `node` with the hostPath `path` (of `type`, if any) mounted at /h. */
function hostPod(run: Run, name: string, node: string, path: string, type?: string) {
  const hostPath = JSON.stringify(type === undefined ? { path } : { path, type });
  return run(
    `kubectl run ${name} --image=busybox --overrides='{"spec":{"nodeName":"${node}","volumes":[{"name":"h","hostPath":${hostPath}}],"containers":[{"name":"${name}","image":"busybox","command":["sleep","3600"],"volumeMounts":[{"name":"h","mountPath":"/h"}]}]}}'`,
  );
}

const status = (run: Run, pod: string) =>
  run(`kubectl get pod ${pod} --no-headers`).out.split(/\s+/).slice(1, 3).join(' ');

/** The pod's FailedMount lines of describe, from the type column on. */
const failedMounts = (run: Run, pod: string) =>
  run(`kubectl describe pod ${pod}`)
    .out.split('\n')
    .filter((l) => l.includes('FailedMount'))
    .map((l) => l.trim());

describe('hostPath volume types', () => {
  it('a Directory that is not on the node: ContainerCreating, FailedMount retried with back-off', () => {
    const { run, cluster } = engineSession(3);
    expect(hostPod(run, 'd', 'node1', '/tmp/nothere', 'Directory').out).toBe('pod/d created\n');
    cluster.advance(20_000);
    expect(status(run, 'd')).toBe('0/1 ContainerCreating');
    // The console waited for the pod as it settled: 75 s in all. Tries at 0, 0.5, 1.5, 3.5,
    // 7.5, 15.5, 31.5 and 63.5 s (the back-off doubles from 500 ms).
    expect(failedMounts(run, 'd')).toEqual([
      'Warning  FailedMount  12s (x8 over 75s)  kubelet  MountVolume.SetUp failed for volume "h" : hostPath type check failed: /tmp/nothere is not a directory',
    ]);
    expect(run('kubectl get pod d -o jsonpath={.status.containerStatuses[0].state}').out).toBe(
      '{"waiting":{"reason":"ContainerCreating"}}',
    );
  });

  it('each type names what it wanted', () => {
    const { run, cluster } = engineSession(3);
    hostPod(run, 'f', 'node1', '/tmp', 'File');
    hostPod(run, 's', 'node1', '/etc/hosts', 'Socket');
    hostPod(run, 'c', 'node1', '/var/log', 'CharDevice');
    hostPod(run, 'b', 'node1', '/dev/null', 'BlockDevice');
    hostPod(run, 'x', 'node1', '/etc/hosts', 'DirectoryOrCreate');
    hostPod(run, 'y', 'node1', '/var/log', 'FileOrCreate');
    hostPod(run, 'z', 'node1', '/tmp/nodir/f', 'FileOrCreate');
    cluster.advance(10_000);
    const message = (pod: string) =>
      failedMounts(run, pod)
        .find((l) => l.includes('MountVolume.SetUp'))
        ?.replace(/^.* kubelet {2}/, '');
    const setUp = 'MountVolume.SetUp failed for volume "h" : ';
    expect(message('f')).toBe(`${setUp}hostPath type check failed: /tmp is not a file`);
    expect(message('s')).toBe(
      `${setUp}hostPath type check failed: /etc/hosts is not a socket file`,
    );
    expect(message('c')).toBe(
      `${setUp}hostPath type check failed: /var/log is not a character device`,
    );
    expect(message('b')).toBe(
      `${setUp}hostPath type check failed: /dev/null is not a block device`,
    );
    expect(message('x')).toBe(`${setUp}hostPath type check failed: /etc/hosts is not a directory`);
    expect(message('y')).toBe(`${setUp}hostPath type check failed: /var/log is not a file`);
    // FileOrCreate opens the file with O_CREATE: its directory must exist.
    expect(message('z')).toBe(`${setUp}open /tmp/nodir/f: no such file or directory`);
  });

  it("what a kubeadm node has: system directories and files, containerd's socket, devices", () => {
    const { run, cluster } = engineSession(3);
    hostPod(run, 'logs', 'node1', '/var/log', 'Directory');
    hostPod(run, 'hosts', 'node1', '/etc/hosts', 'File');
    hostPod(run, 'sock', 'node1', '/run/containerd/containerd.sock', 'Socket');
    // /var/run is a symbolic link to /run (the check follows it: os.Stat).
    hostPod(run, 'sock2', 'node1', '/var/run/containerd/containerd.sock', 'Socket');
    hostPod(run, 'null', 'node1', '/dev/null', 'CharDevice');
    hostPod(run, 'disk', 'node1', '/dev/sda', 'BlockDevice');
    hostPod(run, 'kubelet', 'node1', '/var/lib/kubelet', 'Directory');
    cluster.advance(20_000);
    for (const pod of ['logs', 'hosts', 'sock', 'sock2', 'null', 'disk', 'kubelet']) {
      expect(status(run, pod), pod).toBe('1/1 Running');
    }
  });

  it('DirectoryOrCreate, FileOrCreate and no type create the path on their node only', () => {
    const { run, cluster } = engineSession(3);
    hostPod(run, 'mk', 'node1', '/tmp/made', 'DirectoryOrCreate');
    hostPod(run, 'mkf', 'node1', '/tmp/made.txt', 'FileOrCreate');
    hostPod(run, 'plain', 'node1', '/srv/data/plain');
    cluster.advance(15_000);
    expect(status(run, 'mk')).toBe('1/1 Running');
    expect(status(run, 'mkf')).toBe('1/1 Running');
    expect(status(run, 'plain')).toBe('1/1 Running');
    hostPod(run, 'here', 'node1', '/tmp/made', 'Directory');
    hostPod(run, 'heref', 'node1', '/tmp/made.txt', 'File');
    hostPod(run, 'hered', 'node1', '/srv/data/plain', 'Directory');
    hostPod(run, 'there', 'node2', '/tmp/made', 'Directory');
    cluster.advance(15_000);
    expect(status(run, 'here')).toBe('1/1 Running');
    expect(status(run, 'heref')).toBe('1/1 Running');
    expect(status(run, 'hered')).toBe('1/1 Running');
    expect(status(run, 'there')).toBe('0/1 ContainerCreating');
    expect(failedMounts(run, 'there')[0]).toMatch(
      / kubelet {2}MountVolume\.SetUp failed for volume "h" : hostPath type check failed: \/tmp\/made is not a directory$/,
    );
  });

  it('a file a container wrote into a hostPath directory is there for a File volume', () => {
    const { run, cluster } = engineSession(3);
    hostPod(run, 'w', 'node1', '/tmp/hp', 'DirectoryOrCreate');
    cluster.advance(10_000);
    expect(run(`kubectl exec w -- sh -c 'echo hi > /h/f'`).code).toBe(0);
    hostPod(run, 'r', 'node1', '/tmp/hp/f', 'File');
    hostPod(run, 'r2', 'node2', '/tmp/hp/f', 'File');
    cluster.advance(10_000);
    expect(status(run, 'r')).toBe('1/1 Running');
    expect(status(run, 'r2')).toBe('0/1 ContainerCreating');
  });
});
