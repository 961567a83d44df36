/**
 * The listening sockets of a pod's network namespace for `netstat` in an exec (netstat.ts):
 * each running container's served ports, named by their process when the exec's PID namespace
 * shows it (the same namespaces podProcesses.ts lays out: the pod's shared one with the pause
 * process first, an ephemeral container's target as PID 1, else the container's own).
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { ListeningSocket } from '../../engine/node/netstat.ts';
import { pid1CommandLine, repository, servedPorts } from '../../engine/node/program.ts';

/** busybox netstat's name for a process: its PID and its argv[0]'s last part. */
function programName(pid: number, c: Container): string {
  const cmdline = pid1CommandLine(c.image ?? '', c.command, c.args);
  // nginx writes its title over its arguments: one string, spaces and all.
  const argv0 = cmdline.startsWith('nginx: ') ? cmdline : (cmdline.split(' ')[0] ?? '');
  return `${pid}/${argv0.slice(argv0.lastIndexOf('/') + 1)}`;
}

/**
 * The pod's listening sockets, seen from an exec in container `name`; undefined for a pod on
 * its node's network (the node's own sockets: not modelled).
 */
export function podSockets(pod: Pod, name: string): ListeningSocket[] | undefined {
  const spec = pod.spec;
  if (spec?.hostNetwork) return undefined;
  const running = new Set(
    [...(pod.status?.containerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])]
      .filter((s) => s.state?.running)
      .map((s) => s.name),
  );
  const all = [
    ...(spec?.initContainers ?? []),
    ...(spec?.containers ?? []),
    ...(spec?.ephemeralContainers ?? []),
  ] as Container[];
  // The PID each container's program has in the exec's PID namespace, if it is there.
  const pids = new Map<string, number>();
  if (spec?.shareProcessNamespace) {
    let i = 1;
    for (const c of all) if (running.has(c.name)) pids.set(c.name, 1 + 6 * i++);
  } else {
    const target = spec?.ephemeralContainers?.find((c) => c.name === name)?.targetContainerName;
    pids.set(target && running.has(target) ? target : name, 1);
  }
  const out: ListeningSocket[] = [];
  for (const c of spec?.containers ?? []) {
    if (!running.has(c.name)) continue;
    const pid = pids.get(c.name);
    for (const port of servedPorts(
      c.image ?? '',
      c.ports,
      !!(c.command?.length || c.args?.length),
    )) {
      out.push({
        port,
        ipv6: repository(c.image ?? '') === 'nginx',
        ...(pid !== undefined ? { program: programName(pid, c) } : {}),
      });
    }
  }
  return out;
}
