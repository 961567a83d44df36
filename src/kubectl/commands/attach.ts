/**
 * `kubectl attach (POD | TYPE/NAME) [-c CONTAINER]`: kubectl 1.32's AttachOptions. Attaching
 * connects to the streams of the container's running process (pods/NAME/attach, the kubelet's
 * CRI Attach): it shows what the process prints from that moment on, not what it printed
 * before (that is `kubectl logs`). The console cannot stay attached, so it says so after the
 * checks and the prompt hint; with -i there would be a terminal to type into, which the console
 * does not have, so -i is refused as `exec -it … -- sh` is.
 */
import type { Ctx } from '../context.ts';
import { authorizePodSubresource } from '../impersonation.ts';
import { logTarget } from './logs.ts';
import { attachablePod, findOrDefaultContainer, runningContainer } from './podContainer.ts';

export function runAttach(ctx: Ctx, args: string[]): void {
  // ToOptions, then Validate.
  if (ctx.num('pod-running-timeout', 60_000) <= 0) {
    ctx.usageError('--pod-running-timeout must be higher than zero');
  }
  if (args.length === 0) ctx.fail('at least 1 argument is required for attach');
  if (args.length > 2) {
    ctx.fail(
      `expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${args.length}: [${args.join(' ')}]`,
    );
  }

  // Run: the pod (a workload's first), not completed, then its container.
  const resource = args.length === 2 ? `${args[0]}/${args[1]}` : (args[0] as string);
  const pod = attachablePod(ctx, logTarget(ctx, resource, 'cannot attach to'));
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') {
    ctx.fail(`cannot attach a container in a completed pod; current phase is ${phase}`);
  }
  const quiet = ctx.bool('quiet');
  const found = findOrDefaultContainer(pod, ctx.str('container'), quiet, (t) => ctx.err(t));
  if ('error' in found) ctx.fail(`cannot attach to the container: ${found.error}`);
  if (ctx.bool('tty') && !found.tty && !quiet) {
    ctx.err(`error: Unable to use a TTY - container ${found.name} did not allocate one\n`);
  }
  if (ctx.bool('stdin')) {
    ctx.fail(
      'interactive attach (-i) is not available in this console: it has no terminal to type into; without -i, kubectl attach shows what the container prints',
    );
  }
  if (!quiet) ctx.err("If you don't see a command prompt, try pressing enter.\n");

  // POST pods/NAME/attach: authorized, then the kubelet of the pod's node finds the container.
  const namespace = pod.metadata?.namespace ?? ctx.namespace;
  authorizePodSubresource(ctx, 'create', 'attach', namespace, pod.metadata?.name ?? '');
  runningContainer(ctx, pod, found.name, 'attach');
  ctx.host.api.connect?.('attach', namespace, pod.metadata?.name ?? '', found.name);
  ctx.err(
    '(this console cannot stay attached: attach shows what the container prints from now on; kubectl logs shows what it printed so far)\n',
  );
}
