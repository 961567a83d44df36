/**
 * What a hostPath volume finds on its node, and the kubelet's type check of it
 * (pkg/volume/hostpath host_path.go `checkTypeInternal`): `Directory`, `File`, `Socket`,
 * `CharDevice` and `BlockDevice` need that kind of thing at the path; `DirectoryOrCreate` makes
 * the directory (and its parents, MkdirAll 0755) when nothing is there, `FileOrCreate` an empty
 * file (in a directory that must exist: a plain open with O_CREATE); an unset type ("") is not
 * checked, and containerd creates a missing source as a directory when it bind-mounts it.
 *
 * A node's file system, as far as a hostPath can see it: a small table of what a kubeadm node
 * (Ubuntu, containerd, flannel's CNI files) has from the start, the paths earlier hostPath
 * mounts created on that node, and the files containers wrote in hostPath volumes there.
 */

export type HostFileType = 'dir' | 'file' | 'socket' | 'char' | 'block';

/** What every node has: the system's own directories and files, the kubelet's, containerd's. */
const NODE_PATHS: Readonly<Record<string, HostFileType>> = {
  '/bin': 'dir',
  '/boot': 'dir',
  '/dev': 'dir',
  '/dev/null': 'char',
  '/dev/zero': 'char',
  '/dev/full': 'char',
  '/dev/random': 'char',
  '/dev/urandom': 'char',
  '/dev/tty': 'char',
  '/dev/console': 'char',
  '/dev/kmsg': 'char',
  '/dev/fuse': 'char',
  // The machine's disk (a virtual machine's first SCSI disk and its root partition).
  '/dev/sda': 'block',
  '/dev/sda1': 'block',
  '/dev/shm': 'dir',
  '/etc/hostname': 'file',
  '/etc/hosts': 'file',
  '/etc/resolv.conf': 'file',
  '/etc/os-release': 'file',
  '/etc/passwd': 'file',
  '/etc/group': 'file',
  '/etc/machine-id': 'file',
  '/etc/localtime': 'file',
  '/etc/containerd/config.toml': 'file',
  '/etc/cni/net.d/10-flannel.conflist': 'file',
  '/etc/kubernetes/kubelet.conf': 'file',
  '/etc/kubernetes/manifests': 'dir',
  '/etc/kubernetes/pki/ca.crt': 'file',
  '/etc/ssl/certs/ca-certificates.crt': 'file',
  '/home': 'dir',
  '/lib/modules': 'dir',
  '/media': 'dir',
  '/mnt': 'dir',
  '/opt/cni/bin/flannel': 'file',
  '/opt/cni/bin/bridge': 'file',
  '/opt/cni/bin/host-local': 'file',
  '/opt/cni/bin/loopback': 'file',
  '/opt/cni/bin/portmap': 'file',
  '/proc': 'dir',
  '/root': 'dir',
  '/run/containerd/containerd.sock': 'socket',
  '/run/flannel/subnet.env': 'file',
  '/run/systemd': 'dir',
  '/sbin': 'dir',
  '/srv': 'dir',
  '/sys/fs/cgroup': 'dir',
  '/tmp': 'dir',
  '/usr/bin/containerd': 'file',
  '/usr/bin/kubelet': 'file',
  '/usr/libexec/kubernetes/kubelet-plugins/volume/exec': 'dir',
  '/usr/local/bin': 'dir',
  '/usr/local/share/ca-certificates': 'dir',
  '/usr/share/ca-certificates': 'dir',
  '/var/lib/containerd': 'dir',
  '/var/lib/kubelet/config.yaml': 'file',
  '/var/lib/kubelet/kubeadm-flags.env': 'file',
  '/var/lib/kubelet/device-plugins/kubelet.sock': 'socket',
  '/var/lib/kubelet/pod-resources/kubelet.sock': 'socket',
  '/var/lib/kubelet/pods': 'dir',
  '/var/lib/kubelet/plugins': 'dir',
  '/var/lib/kubelet/plugins_registry': 'dir',
  '/var/log/containers': 'dir',
  '/var/log/pods': 'dir',
  '/var/log/syslog': 'file',
  '/var/tmp': 'dir',
};

/** The control-plane node's own: kubeadm's kubeconfigs, certificates, manifests, etcd's data. */
const CONTROL_PLANE_PATHS: Readonly<Record<string, HostFileType>> = {
  '/etc/kubernetes/admin.conf': 'file',
  '/etc/kubernetes/super-admin.conf': 'file',
  '/etc/kubernetes/controller-manager.conf': 'file',
  '/etc/kubernetes/scheduler.conf': 'file',
  '/etc/kubernetes/manifests/etcd.yaml': 'file',
  '/etc/kubernetes/manifests/kube-apiserver.yaml': 'file',
  '/etc/kubernetes/manifests/kube-controller-manager.yaml': 'file',
  '/etc/kubernetes/manifests/kube-scheduler.yaml': 'file',
  '/etc/kubernetes/pki/ca.key': 'file',
  '/etc/kubernetes/pki/apiserver.crt': 'file',
  '/etc/kubernetes/pki/apiserver.key': 'file',
  '/etc/kubernetes/pki/sa.key': 'file',
  '/etc/kubernetes/pki/sa.pub': 'file',
  '/etc/kubernetes/pki/etcd/ca.crt': 'file',
  '/etc/kubernetes/pki/etcd/ca.key': 'file',
  '/var/lib/etcd/member': 'dir',
};

/**
 * `/a/b/./c/` → `/a/b/c` (the API server refuses a hostPath with `..` in it). The node's
 * /var/run is a symbolic link to /run, which the check follows (os.Stat).
 */
function clean(path: string): string {
  const out = path.split('/').filter((part) => part !== '' && part !== '.');
  if (out[0] === 'var' && out[1] === 'run') out.splice(0, 2, 'run');
  return `/${out.join('/')}`;
}

/** `/a/b/c` → `/a/b`, `/a`, `/`. */
function ancestors(path: string): string[] {
  const out: string[] = [];
  let p = path;
  while (p !== '/') {
    p = p.slice(0, p.lastIndexOf('/')) || '/';
    out.push(p);
  }
  return out;
}

/** A table with every listed path's ancestors as directories (a file's directory exists). */
function withParents(
  ...tables: Readonly<Record<string, HostFileType>>[]
): Map<string, HostFileType> {
  const out = new Map<string, HostFileType>();
  for (const t of tables) {
    for (const [path, type] of Object.entries(t)) {
      out.set(path, type);
      for (const a of ancestors(path)) if (!out.has(a)) out.set(a, 'dir');
    }
  }
  return out;
}

let workerPaths: Map<string, HostFileType> | undefined;
let controlPlanePaths: Map<string, HostFileType> | undefined;

/** Where files written into hostPath volumes are kept: `hostPath:<node>:<volume path>`. */
export function hostPathScope(node: string, path: string): string {
  return `hostPath:${node}:${clean(path)}`;
}

/** A node's file system as hostPath volumes see it. */
export interface HostFileSystem {
  /** What is at `path` (after `..` and `.` are resolved), undefined when nothing is. */
  typeOf(path: string): HostFileType | undefined;
  /**
   * The kubelet's SetUp of a hostPath volume of type `type` at `path`: undefined when it can be
   * mounted (creating what the type and containerd create), else the error the volume manager
   * reports (`MountVolume.SetUp failed for volume "h" : <error>`).
   */
  setUp(path: string, type: string | undefined): string | undefined;
}

/**
 * The file system of node `node`. `stored(scope)` gives the files containers wrote in a hostPath
 * volume of that node (by the volume's path, see hostPathScope; a file's path under it).
 */
export function hostFileSystem(
  node: string,
  controlPlane: boolean,
  stored?: (scope: string) => readonly { path: string; content: string | null }[],
): HostFileSystem {
  if (controlPlane) controlPlanePaths ??= withParents(NODE_PATHS, CONTROL_PLANE_PATHS);
  else workerPaths ??= withParents(NODE_PATHS);
  const base = (controlPlane ? controlPlanePaths : workerPaths) ?? new Map<string, HostFileType>();
  /** What hostPath mounts created on this node (mkdir, an empty file). */
  const created = new Map<string, HostFileType>();

  /** What containers wrote under a hostPath volume's directory makes `path` a file or a dir. */
  function written(path: string): HostFileType | undefined {
    if (!stored) return undefined;
    // The volume is `path` itself (files in it: a directory) or one of its ancestors.
    for (const file of stored(hostPathScope(node, path))) {
      if (file.content !== null) return 'dir';
    }
    for (const dir of ancestors(path)) {
      const rel = path.slice(dir === '/' ? 0 : dir.length);
      for (const file of stored(hostPathScope(node, dir))) {
        if (file.content === null) continue;
        const p = clean(file.path);
        if (p === rel) return 'file';
        if (p.startsWith(`${rel}/`)) return 'dir';
      }
    }
    return undefined;
  }

  function typeOf(given: string): HostFileType | undefined {
    const path = clean(given);
    return created.get(path) ?? base.get(path) ?? written(path);
  }

  function mkdirAll(path: string): void {
    for (const a of ancestors(path)) if (!typeOf(a)) created.set(a, 'dir');
    created.set(path, 'dir');
  }

  function setUp(given: string, type: string | undefined): string | undefined {
    const path = clean(given);
    const found = typeOf(path);
    switch (type ?? '') {
      case '':
        // No check; containerd makes a missing source a directory.
        if (!found) mkdirAll(path);
        return undefined;
      case 'DirectoryOrCreate':
        if (!found) {
          // MkdirAll fails where a parent is not a directory.
          const blocked = ancestors(path).find((a) => {
            const t = typeOf(a);
            return t !== undefined && t !== 'dir';
          });
          if (blocked) return `mkdir ${blocked}: not a directory`;
          mkdirAll(path);
          return undefined;
        }
        return found === 'dir'
          ? undefined
          : `hostPath type check failed: ${given} is not a directory`;
      case 'Directory':
        return found === 'dir'
          ? undefined
          : `hostPath type check failed: ${given} is not a directory`;
      case 'FileOrCreate': {
        if (!found) {
          const parent = ancestors(path)[0] ?? '/';
          const t = typeOf(parent);
          if (t === undefined) return `open ${given}: no such file or directory`;
          if (t !== 'dir') return `open ${given}: not a directory`;
          created.set(path, 'file');
          return undefined;
        }
        return found === 'file' ? undefined : `hostPath type check failed: ${given} is not a file`;
      }
      case 'File':
        return found === 'file' ? undefined : `hostPath type check failed: ${given} is not a file`;
      case 'Socket':
        return found === 'socket'
          ? undefined
          : `hostPath type check failed: ${given} is not a socket file`;
      case 'CharDevice':
        return found === 'char'
          ? undefined
          : `hostPath type check failed: ${given} is not a character device`;
      case 'BlockDevice':
        return found === 'block'
          ? undefined
          : `hostPath type check failed: ${given} is not a block device`;
      default:
        // The API server's validation refuses any other type.
        return `${type} is an invalid volume type`;
    }
  }

  return { typeOf, setUp };
}
