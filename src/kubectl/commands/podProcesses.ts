/**
 * What `ps` in an exec sees of a PID namespace that other containers share. A pod with
 * `shareProcessNamespace: true` has one: the pause process is PID 1 (user 65535), then each
 * running container's program. An ephemeral container with a `targetContainerName` joins its
 * target's: the target's program is PID 1, then the ephemeral containers that joined it.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { pid1CommandLine } from '../../engine/node/program.ts';

type Process = { cmd: string; uid?: number };

/** The pause image's user (65535), as ps shows a process with no name in /etc/passwd. */
const PAUSE_UID = 65535;

/**
 * The processes before the exec's own in container `name` of `pod` (whose own program's
 * command line is `own`), or undefined when the container has its own PID namespace.
 */
export function sharedProcesses(pod: Pod, name: string, own: string): Process[] | undefined {
  const spec = pod.spec;
  const running = new Set(
    [
      ...(pod.status?.initContainerStatuses ?? []),
      ...(pod.status?.containerStatuses ?? []),
      ...(pod.status?.ephemeralContainerStatuses ?? []),
    ]
      .filter((s) => s.state?.running)
      .map((s) => s.name),
  );
  const all = [
    ...(spec?.initContainers ?? []),
    ...(spec?.containers ?? []),
    ...(spec?.ephemeralContainers ?? []),
  ];
  const cmdOf = (c: (typeof all)[number]) =>
    c.name === name ? own : pid1CommandLine(c.image ?? '', c.command, c.args);
  if (spec?.shareProcessNamespace) {
    const out: Process[] = [{ cmd: '/pause', uid: PAUSE_UID }];
    for (const c of all) if (running.has(c.name)) out.push({ cmd: cmdOf(c) });
    return out;
  }
  // The container whose namespace it is (an ephemeral container's target, if running), then the
  // ephemeral containers that joined it.
  const target = spec?.ephemeralContainers?.find((c) => c.name === name)?.targetContainerName;
  const root = target && running.has(target) ? target : name;
  const members = all.filter(
    (c) =>
      c.name === root ||
      (running.has(c.name) &&
        spec?.ephemeralContainers?.some(
          (e) => e.name === c.name && e.targetContainerName === root,
        )),
  );
  if (members.length < 2) return undefined;
  return members.map((c) => ({ cmd: cmdOf(c) }));
}
