/**
 * `ps -ef` / `ps aux` on a node: the processes a kubeadm node runs (systemd, containerd, the
 * kubelet with its flags) and one per running container, with the container's command line, so
 * `ps aux | grep kube-apiserver` shows the API server's flags as on a real control plane.
 * PIDs, CPU and memory figures are stand-ins.
 */
import type { KubeObject } from '../../engine/api/types.ts';
import { appArmorProcLabel } from '../../engine/apiserver/appArmor.ts';
import type { RunResult } from '../host.ts';

export interface Process {
  pid: number;
  ppid: number;
  command: string;
  /** Its AppArmor label (`PROFILE (MODE)`), when a profile confines it. */
  label?: string;
}

type Container = {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  securityContext?: unknown;
};
type Status = { name: string; state?: { running?: unknown } };

/** A container's command line as ps shows it. */
function commandLine(pod: KubeObject, c: Container): string {
  const words = [...(c.command ?? []), ...(c.args ?? [])];
  if (words.length > 0) {
    // The kubelet expands $(VAR) from the container's env (kube-proxy's NODE_NAME).
    const node = (pod.spec as { nodeName?: string } | undefined)?.nodeName ?? '';
    return words.join(' ').replace(/\$\(NODE_NAME\)/g, node);
  }
  const image = c.image ?? '';
  if (/(^|\/)nginx(:|@|$)/.test(image)) return 'nginx: master process nginx -g daemon off;';
  if (/kube-proxy/.test(image))
    return `/usr/local/bin/kube-proxy --config=/var/lib/kube-proxy/config.conf --hostname-override=${(pod.spec as { nodeName?: string } | undefined)?.nodeName ?? ''}`;
  if (/coredns/.test(image)) return '/coredns -conf /etc/coredns/Corefile';
  return image.replace(/^.*\//, '').replace(/[:@].*$/, '');
}

/** The node's processes: the system's, the kubelet (when `kubelet` is its command line). */
export function nodeProcesses(
  pods: readonly KubeObject[],
  kubelet: { pid: number; command: string } | undefined,
): Process[] {
  const procs: Process[] = [
    { pid: 1, ppid: 0, command: '/sbin/init' },
    { pid: 312, ppid: 1, command: '/usr/lib/systemd/systemd-journald' },
    { pid: 512, ppid: 1, command: '/usr/bin/containerd' },
  ];
  if (kubelet) procs.push({ pid: kubelet.pid, ppid: 1, command: kubelet.command });
  let pid = 2001;
  for (const p of pods) {
    const spec = (p.spec ?? {}) as { containers?: Container[] };
    const statuses = ((p.status ?? {}) as { containerStatuses?: Status[] }).containerStatuses ?? [];
    const running = spec.containers?.filter((c) =>
      statuses.some((s) => s.name === c.name && s.state?.running),
    );
    if (!running || running.length === 0) continue;
    const shim = pid;
    procs.push({
      pid: shim,
      ppid: 1,
      command: `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${(p.metadata?.uid ?? '').replace(/-/g, '').slice(0, 12)} -address /run/containerd/containerd.sock`,
    });
    procs.push({ pid: shim + 20, ppid: shim, command: '/pause' });
    pid += 40;
    for (const c of running) {
      const label = appArmorProcLabel(p, c.name, c.securityContext);
      procs.push({
        pid,
        ppid: shim,
        command: commandLine(p, c),
        ...(label === 'unconfined' ? {} : { label }),
      });
      pid += 17;
    }
    pid += 23;
  }
  return procs.sort((a, b) => a.pid - b.pid);
}

/** `ps -ef`, `ps aux` (and `ps`: the shell and ps itself). */
export function ps(args: string[], procs: Process[]): RunResult {
  const flags = args.join('');
  const full = /e|a|x/.test(flags);
  if (!full)
    return {
      stdout:
        '    PID TTY          TIME CMD\n   4410 pts/0    00:00:00 bash\n   4471 pts/0    00:00:00 ps\n',
      stderr: '',
      exitCode: 0,
    };
  if (flags.includes('u') || /^a?ux$/.test(flags.replace(/-/g, ''))) {
    const head = 'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n';
    const rows = procs.map(
      (p) =>
        `root     ${String(p.pid).padStart(7)}  0.1  0.5 ${String(1200000 + p.pid * 13).padStart(7)} ${String(40000 + p.pid * 3).padStart(5)} ?        Ssl  Jan01   0:05 ${p.command}\n`,
    );
    return { stdout: head + rows.join(''), stderr: '', exitCode: 0 };
  }
  const head = 'UID          PID    PPID  C STIME TTY          TIME CMD\n';
  const rows = procs.map(
    (p) =>
      `root     ${String(p.pid).padStart(7)} ${String(p.ppid).padStart(7)}  0 Jan01 ?        00:00:05 ${p.command}\n`,
  );
  return { stdout: head + rows.join(''), stderr: '', exitCode: 0 };
}
