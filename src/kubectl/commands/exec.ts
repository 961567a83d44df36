/**
 * `kubectl exec POD [-c CONTAINER] -- COMMAND [args...]`: run one command in a running
 * container, beside its program, and print what it prints (stdout, stderr); a non-zero exit is
 * `command terminated with exit code N` and kubectl's own exit code. The console has no
 * terminal: an interactive shell (`-it … -- sh`) is refused; a one-shot command with `-it`
 * runs as without.
 */

import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../engine/api/types.ts';
import {
  execCommand,
  httpAnswer,
  httpRequest,
  type ProcRoot,
  pid1CommandLine,
  repository,
  type ServiceView,
} from '../../engine/node/program.ts';
import { hex64 } from '../../engine/registry/digest.ts';
import type { Ctx } from '../context.ts';
import { ExitError } from '../errors.ts';
import { authorizePodSubresource } from '../impersonation.ts';
import { chrootOf, jailWrites } from './chroot.ts';
import { peekObject, readFilenames } from './common.ts';
import { apiServerFor } from './execApiServer.ts';
import { execRefusal } from './execRefusals.ts';
import { refusedOnNode } from './hostFiles.ts';
import { accessTime, defaultContainer, logTarget, surroundingsOf } from './logs.ts';
import { nginxErrorLine } from './nginxErrorLog.ts';
import { attachablePod, runningContainer } from './podContainer.ts';
import { containerFiles, keepExecWrites } from './podFiles.ts';
import { sharedProcesses } from './podProcesses.ts';
import { podSockets } from './podSockets.ts';
import { targetProcRoot } from './procRoot.ts';

const SHELLS = new Set(['sh', 'bash', 'ash', 'zsh', 'dash']);

export function runExec(ctx: Ctx, args: string[]): void {
  // Complete.
  const dash = ctx.flags.argsLenAtDash;
  let resource = args.length > 0 && dash !== 0 ? (args[0] as string) : '';
  let command = dash > -1 ? args.slice(dash) : [];
  if (dash === -1 && args.length > 1) {
    ctx.usageError(
      'exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead',
    );
  }
  // Validate: a pod, a TYPE/NAME or -f. Run reads a file's object (the builder's FilenameParam:
  // a path that is not there is its error) and execs in it as if it were named.
  const filenames = ctx.list('filename');
  if (resource === '' && filenames.length === 0)
    ctx.fail('pod, type/name or --filename must be specified');
  if (command.length === 0) ctx.fail('you must specify at least one command for the container');
  if (resource === '') {
    const first = readFilenames(ctx, filenames)[0]?.obj;
    resource = `${String(first?.kind ?? '').toLowerCase()}/${first?.metadata?.name ?? ''}`;
  }

  // Run: the pod (the first of a workload's), then its container.
  const pod = attachablePod(ctx, logTarget(ctx, resource, 'cannot attach to'));
  const podName = pod.metadata?.name ?? '';
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') {
    ctx.fail(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  }
  authorizePodSubresource(ctx, 'create', 'exec', pod.metadata?.namespace ?? ctx.namespace, podName);
  const cname = ctx.str('container') || defaultContainer(ctx, pod, false);
  const { container, startedAt } = runningContainer(ctx, pod, cname);

  // POST pods/NAME/exec: the API server hands it to the node's kubelet, the kubelet to the runtime.
  ctx.host.api.connect?.('exec', pod.metadata?.namespace ?? ctx.namespace, podName, cname);
  const node = peekObject(ctx, 'nodes', undefined, pod.spec?.nodeName ?? '') as
    | KubeObject
    | undefined;
  const { where, command: pCommand, args: pArgs } = surroundingsOf(ctx, pod, container, node);
  const startMs = startedAt ? Date.parse(startedAt) : ctx.host.nowEpochMs();
  const nowMs = ctx.host.nowEpochMs();
  // What its program, its hook, the pod's other containers (in shared volumes) and earlier
  // execs wrote.
  let files = containerFiles(ctx, pod, container, node, startMs, nowMs);
  let image = container.image ?? '';
  let inRoot = where;
  // `chroot DIR COMMAND`: the command sees DIR as its root (the node's, in a debugging pod).
  const jail = chrootOf(command, files, where);
  if (jail && 'error' in jail) {
    ctx.err(jail.error);
    ctx.err(`command terminated with exit code ${jail.exitCode}\n`);
    throw new ExitError(jail.exitCode);
  }
  if (jail) {
    ({ files, image, where: inRoot } = jail);
    command = jail.command;
  }
  // The server that answers a wget or curl (nginx logs the request).
  let reached: ServiceView | undefined;
  const r = execCommand(image, command, nowMs - startMs, files, {
    ...inRoot,
    answered: (server) => {
      reached = server;
    },
    pid1: pid1CommandLine(container.image ?? '', pCommand, pArgs),
    ...sharedPid(pod, cname, pid1CommandLine(container.image ?? '', pCommand, pArgs)),
    now: new Date(nowMs).toISOString(),
    ...(ctx.bool('tty') ? { tty: true } : {}),
    ...withApiServer(ctx),
    ...withProcRoot(targetProcRoot(ctx, pod, cname, node, nowMs)),
    sockets: () => podSockets(pod, cname),
  });
  if (r !== undefined && 'notFound' in r) {
    // containerd fails the CRI Exec call before any stream opens (runc cannot start the
    // process), so the API server answers with an Internal error naming the exec's id.
    const execId = hex64(
      `${pod.metadata?.uid ?? podName}/${cname}/${ctx.host.nowEpochMs()}/${command.join(' ')}`,
    );
    ctx.fail(
      `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${execId}": ${r.notFound}`,
    );
  }
  const shell = command[0]?.split('/').pop() ?? '';
  if (SHELLS.has(shell) && command.length === 1) {
    // With no input the shell reads end-of-file and exits; with -i it would wait for a terminal.
    if (!ctx.bool('stdin')) return;
    ctx.fail(
      'interactive shells are not available in this console: run one command at a time (kubectl exec POD -- COMMAND), or a script with sh -c',
    );
  }
  if (r === undefined || 'runsOn' in r) {
    ctx.fail(
      `this console cannot run ${JSON.stringify(command.join(' '))} inside the container: ${execRefusal(command, r !== undefined)}`,
    );
  }
  if ('notFound' in r) return;
  // What it wrote stays, in the container's layer or the volume it wrote in.
  let refusals = '';
  if (r.written) {
    const all = jail ? jailWrites(jail.root, r.written) : r.written;
    // The node's control-plane manifests change only as its shell may change them.
    // One complaint per file: a redirection's truncation is refused before its write is.
    const refusedPaths = new Set<string>();
    const written = all.filter((f) => {
      const why = refusedOnNode(ctx, pod, container, f.path, f.content);
      if (why && !refusedPaths.has(f.path)) refusals += `${why}\n`;
      if (why) refusedPaths.add(f.path);
      return !why;
    });
    keepExecWrites(ctx, pod, container, written, nowMs);
  }
  logAccess(ctx, pod, container.image ?? '', command, reached, nowMs);
  // With a terminal (-t) both streams are one.
  if (ctx.bool('tty')) ctx.out(r.stdout + r.stderr);
  else {
    ctx.out(r.stdout);
    ctx.err(r.stderr);
  }
  ctx.err(refusals);
  if (r.exitCode !== 0) {
    ctx.err(`command terminated with exit code ${r.exitCode}\n`);
    throw new ExitError(r.exitCode);
  }
}

/** The User-Agent of the image's wget (busybox's) or curl. */
function userAgent(tool: 'wget' | 'curl', image: string): string {
  if (tool === 'wget') return 'Wget';
  const tag = (image.split('@')[0] ?? image).split(':')[1];
  if (repository(image) === 'curl') return `curl/${tag && /^\d/.test(tag) ? tag : '8.12.1'}`;
  // Debian bookworm's curl, in the Debian-based images (nginx, httpd…).
  return 'curl/7.88.1';
}

/**
 * nginx's access log line for a request an exec's wget or curl sent to it (through a Service,
 * to its pod IP, or to localhost), kept with the serving pod for `kubectl logs`.
 */
function logAccess(
  ctx: Ctx,
  pod: Pod,
  image: string,
  command: readonly string[],
  reached: ServiceView | undefined,
  nowMs: number,
): void {
  const req = httpRequest(command);
  if (!req || !reached?.backendPod || !reached.backendImage) return;
  if (repository(reached.backendImage) !== 'nginx') return;
  if (!reached.ports.some((p) => p.ready)) return;
  const local = req.host === 'localhost' || req.host === '127.0.0.1';
  const client = local ? '127.0.0.1' : (pod.status?.podIP ?? '');
  const answer = httpAnswer(reached, req.path);
  // A HEAD request gets the headers alone: no body bytes.
  const bytes = req.method === 'HEAD' ? 0 : answer.bytes;
  const line = `${client} - - [${accessTime(nowMs)}] "${req.method} ${req.path} HTTP/1.1" ${answer.code} ${bytes} "-" "${userAgent(req.tool, image)}" "-"\n`;
  const scope = `access:${reached.namespace || (pod.metadata?.namespace ?? '')}/${reached.backendPod}`;
  const n = ctx.host.storedFiles?.(scope).length ?? 0;
  // A file it does not have is an error first (its error log), then the access line.
  const error = nginxErrorLine(answer.code, req.path, client, req.hostHeader, nowMs);
  const lines = error ? [error, line] : [line];
  ctx.host.writeFiles?.(
    scope,
    lines.map((content, i) => ({ path: `${n + i}`, content, at: nowMs })),
  );
}

/** The API server's answers to the container's authenticated requests (execApiServer.ts). */
function withApiServer(ctx: Ctx): { apiServer?: ReturnType<typeof apiServerFor> & {} } {
  const apiServer = apiServerFor(ctx);
  return apiServer ? { apiServer } : {};
}

/** PID 1's root of an ephemeral container's target (procRoot.ts). */
function withProcRoot(procRoot: ReturnType<typeof targetProcRoot>): {
  procRoot?: () => ProcRoot | undefined;
} {
  return procRoot ? { procRoot } : {};
}

/** `processes` of an exec's surroundings when its container shares a PID namespace. */
function sharedPid(pod: Pod, name: string, own: string): { processes?: { cmd: string }[] } {
  const processes = sharedProcesses(pod, name, own);
  return processes ? { processes } : {};
}
