/**
 * Container lifecycle hooks as the 1.32 kubelet runs them (pkg/kubelet/lifecycle/handlers.go
 * `Run`): an exec hook runs its command in the container (program.ts) and fails on a non-zero
 * exit; an httpGet hook fails only when the request cannot be made (a refused connection, a
 * port name the container does not declare), never on the HTTP status; a sleep hook waits its
 * seconds; a tcpSocket hook is no handler the kubelet knows (kept in the API for compatibility)
 * and always fails. What a failure returns is the handler's message: the kubelet keeps it out of
 * the event ("PostStartHook failed", "PreStopHook failed") and shows it as the waiting message.
 */
import { randomHex64 } from '../registry/digest.ts';
import { imageBinaries } from './imageFiles.ts';
import { runProbe } from './probe.ts';
import { execInContainer, type FileEvent, repository } from './program.ts';

export interface LifecycleHandler {
  exec?: { command?: string[] };
  httpGet?: { path?: string; port?: number | string; scheme?: string; host?: string };
  tcpSocket?: { port?: number | string; host?: string };
  sleep?: { seconds?: number };
}

export interface LifecycleSpec {
  postStart?: LifecycleHandler;
  preStop?: LifecycleHandler;
}

/** The container a hook runs in, and the pod as `format.Pod` names it (`name_ns(uid)`). */
export interface HookTarget {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  ports?: { containerPort?: number; name?: string }[];
  podFullName: string;
  podIP: string;
  /** How long the container has run, and the files its process wrote (what an exec sees). */
  elapsedMs: number;
  files?: readonly FileEvent[];
  /** The runtime's random source (an exec's id). */
  random?: () => number;
}

/** How long a hook took, and its failure message (undefined when it succeeded). */
export interface HookResult {
  ms: number;
  error?: string;
  /** Files an exec hook wrote, timed from the hook's start: the container sees them after. */
  written?: readonly FileEvent[];
}

/** Go's `%q` of a string (ASCII text: what JSON writes, but for `\u` escapes Go does not use). */
function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\\u00([0-9a-f]{2})/g, '\\x$1');
}

/** Go's `%v` of a TCPSocketAction's port (an IntOrString struct: `{Type IntVal StrVal}`). */
function intOrString(port: number | string | undefined): string {
  return typeof port === 'string' ? `{1 0 ${port}}` : `{0 ${port ?? 0} }`;
}

/**
 * containerd's ExecSync error when runc cannot start the command: it is not in the image (as
 * imageFiles.ts knows the image). Undefined when it is there, or the image is not known.
 */
function missingExecutable(t: HookTarget, cmd: string): string | undefined {
  const tag = (t.image.split('@')[0] ?? t.image).split('/').pop()?.split(':')[1] ?? '';
  const bins = imageBinaries(repository(t.image), tag);
  if (!bins || bins.has(cmd.split('/').pop() ?? '')) return undefined;
  const why = cmd.includes('/')
    ? `exec: "${cmd}": stat ${cmd}: no such file or directory`
    : `exec: "${cmd}": executable file not found in $PATH`;
  const id = randomHex64(t.random ?? (() => 0));
  return `rpc error: code = Unknown desc = failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: ${why}: unknown`;
}

/** Run `handler` in the container `t`. */
export function runHook(handler: LifecycleHandler, t: HookTarget): HookResult {
  const where = `for Container ${goQuote(t.name)} in Pod ${goQuote(t.podFullName)}`;
  if (handler.exec) {
    const argv = handler.exec.command ?? [];
    const missing = missingExecutable(t, argv[0] ?? '');
    if (missing !== undefined) {
      return {
        ms: 0,
        error: `Exec lifecycle hook ([${argv.join(' ')}]) ${where} failed - error: ${missing}, message: ""`,
      };
    }
    const r = execInContainer(t.image, argv, t.elapsedMs, t.files);
    const written = r?.written ? { written: r.written } : {};
    // A command that is not simulated is taken to succeed at once.
    if (!r || r.exitCode === 0) return { ms: r?.ms ?? 0, ...written };
    const err = `command '${argv.join(' ')}' exited with ${r.exitCode}: `;
    return {
      ms: r.ms,
      ...written,
      error: `Exec lifecycle hook ([${argv.join(' ')}]) ${where} failed - error: ${err}, message: ${goQuote(r.output)}`,
    };
  }
  if (handler.httpGet) {
    const res = runProbe({ httpGet: handler.httpGet }, t, t.podIP, {
      elapsedMs: t.elapsedMs,
      ...(t.files ? { files: t.files } : {}),
    });
    // Any answer is a success: the hook discards the response whatever its status.
    if (res.ok || /^HTTP probe failed with statuscode/.test(res.message)) return { ms: 0 };
    return {
      ms: 0,
      error: `HTTP lifecycle hook (${handler.httpGet.path ?? ''}) ${where} failed - error: ${res.message}`,
    };
  }
  if (handler.sleep) return { ms: Math.max(0, handler.sleep.seconds ?? 0) * 1000 };
  const tcp = handler.tcpSocket;
  const shown = tcp
    ? `&LifecycleHandler{Exec:nil,HTTPGet:nil,TCPSocket:&TCPSocketAction{Port:${intOrString(tcp.port)},Host:${tcp.host ?? ''},},Sleep:nil,}`
    : '&LifecycleHandler{Exec:nil,HTTPGet:nil,TCPSocket:nil,Sleep:nil,}';
  return { ms: 0, error: `Cannot run handler: invalid handler: ${shown}` };
}

/** `minimumGracePeriodInSeconds`: what a kill leaves a container after a long preStop hook. */
export const MINIMUM_GRACE_PERIOD_SECONDS = 2;

/**
 * How long killContainer takes to stop a container (ms): its preStop hook (`preStopMs`, cut at
 * the grace period), then SIGTERM with what is left of the grace period (whole seconds are
 * subtracted, at least 2 s remain): a process that ignores SIGTERM runs all of it, another
 * ends after `quickMs`.
 */
export function stopAfterPreStopMs(
  graceSeconds: number,
  preStopMs: number | undefined,
  stubborn: boolean,
  quickMs: number,
): number {
  const graceMs = graceSeconds * 1000;
  if (preStopMs === undefined) return stubborn ? graceMs : Math.min(graceMs, quickMs);
  const hook = Math.min(preStopMs, graceMs);
  const left =
    Math.max(graceSeconds - Math.floor(hook / 1000), MINIMUM_GRACE_PERIOD_SECONDS) * 1000;
  return hook + (stubborn ? left : Math.min(left, quickMs));
}
