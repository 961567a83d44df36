/**
 * The kubelet's container log files on a node (pkg/kubelet/kuberuntime/helpers.go and
 * kuberuntime_container.go): `/var/log/pods/<namespace>_<pod>_<uid>/<container>/<restart>.log`,
 * the current run's and the one before it, in the CRI log format containerd writes
 * (`2026-01-06T00:01:02.123456789Z stdout F text`), and the symlinks
 * `/var/log/containers/<pod>_<namespace>_<container>-<container id>.log` that point at the
 * current one. A static pod's directory carries its config hash, not its mirror pod's UID.
 * The text is what the kubelet serves `kubectl logs` from.
 */
import type { KubeObject } from '../../engine/api/types.ts';
import { runKubectl } from '../cli.ts';
import type { KubectlHost } from '../host.ts';
import { terminalOf } from './session.ts';

type Status = {
  name: string;
  restartCount?: number;
  containerID?: string;
  state?: { waiting?: unknown };
  lastState?: { terminated?: unknown };
};

/** A container's log file: its path, and the symlink in /var/log/containers (current only). */
interface LogFile {
  path: string;
  link?: string;
  read: () => string;
}

/** nginx's error log line (`2026/01/06 00:00:14 [notice] 1#1: …`): the image sends it to stderr. */
const NGINX_ERROR_LOG = /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[[a-z]+\] /;

/**
 * CRI log lines from `kubectl logs --timestamps` output: `TS text` → `TS stdout F text` (F: a
 * full line; the stream is stdout but for nginx's error log).
 */
function criLines(out: string): string {
  if (out === '') return '';
  return `${out
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => {
      const sp = l.indexOf(' ');
      const text = sp < 0 ? '' : l.slice(sp + 1);
      const stream = NGINX_ERROR_LOG.test(text) ? 'stderr' : 'stdout';
      return `${sp < 0 ? l : l.slice(0, sp)} ${stream} F ${text}`;
    })
    .join('\n')}\n`;
}

function files(host: KubectlHost, pod: KubeObject): LogFile[] {
  const meta = pod.metadata ?? {};
  const ns = meta.namespace ?? 'default';
  const name = meta.name ?? '';
  const uid = meta.annotations?.['kubernetes.io/config.mirror'] ?? meta.uid ?? '';
  const status = (pod.status ?? {}) as {
    initContainerStatuses?: Status[];
    containerStatuses?: Status[];
  };
  const out: LogFile[] = [];
  for (const st of [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])]) {
    const id = st.containerID?.replace(/^[a-z]+:\/\//, '');
    // No file until the container was created once.
    if (!id) continue;
    const dir = `/var/log/pods/${ns}_${name}_${uid}/${st.name}`;
    const logs = (previous: boolean) => () => {
      const r = runKubectl(terminalOf(host), [
        'logs',
        '-n',
        ns,
        name,
        '-c',
        st.name,
        '--timestamps',
        ...(previous ? ['--previous'] : []),
      ]);
      return r.exitCode === 0 ? criLines(r.stdout) : '';
    };
    const restarts = st.restartCount ?? 0;
    out.push({
      path: `${dir}/${restarts}.log`,
      link: `/var/log/containers/${name}_${ns}_${st.name}-${id}.log`,
      read: logs(false),
    });
    if (restarts > 0 && st.lastState?.terminated)
      out.push({ path: `${dir}/${restarts - 1}.log`, read: logs(true) });
  }
  return out;
}

/** The log files of the pods on `node`, by path (symlinks read as their target). */
export function podLogFiles(host: KubectlHost, node: string): Map<string, () => string> {
  const map = new Map<string, () => string>();
  for (const pod of host.machines?.podsOn(node) ?? []) {
    for (const f of files(host, pod)) {
      map.set(f.path, f.read);
      if (f.link) map.set(f.link, f.read);
    }
  }
  return map;
}

/** Where a /var/log/containers symlink points, for `ls -l`. */
export function podLogLink(host: KubectlHost, node: string, path: string): string | undefined {
  if (!path.startsWith('/var/log/containers/')) return undefined;
  for (const pod of host.machines?.podsOn(node) ?? []) {
    for (const f of files(host, pod)) if (f.link === path) return f.path;
  }
  return undefined;
}
