/**
 * The container of a pod that a streaming command (`kubectl cp`, `attach`, `port-forward`) works
 * with: podcmd.FindOrDefaultContainerByName on the client, then the API server's and kubelet's
 * checks of the pods/exec (or attach) request.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { Ctx } from '../context.ts';
import { ExitError } from '../errors.ts';
import { sortForAttaching } from '../podOrder.ts';
import { listAll, peekObject } from './common.ts';
import type { LogTarget } from './logs.ts';

/** podcmd.AllContainerNames: containers, init containers marked ` (init)`, ephemeral ` (ephem)`. */
function allContainerNames(p: Pod): string {
  return [
    ...(p.spec?.containers ?? []).map((c) => c.name),
    ...(p.spec?.initContainers ?? []).map((c) => `${c.name} (init)`),
    ...(p.spec?.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
  ].join(', ');
}

/**
 * podcmd.FindOrDefaultContainerByName: the named container (init containers too), else the one
 * the default-container annotation names, else the first, saying so through `say` (unless
 * `quiet`) when the pod has others. An error text when the named one is not in the pod.
 */
export function findOrDefaultContainer(
  pod: Pod,
  name: string,
  quiet: boolean,
  say: (text: string) => void,
): Container | { error: string } {
  const all = [
    ...(pod.spec?.containers ?? []),
    ...(pod.spec?.initContainers ?? []),
    ...(pod.spec?.ephemeralContainers ?? []),
  ];
  if (name !== '') {
    return (
      all.find((c) => c.name === name) ?? {
        error: `container ${name} not found in pod ${pod.metadata?.name ?? ''}`,
      }
    );
  }
  const annotated = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'] ?? '';
  const byAnnotation = annotated === '' ? undefined : all.find((c) => c.name === annotated);
  if (byAnnotation) return byAnnotation;
  const first = pod.spec?.containers?.[0];
  if (!first) {
    return {
      error: `pod ${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''} does not have any containers`,
    };
  }
  if (!quiet && (all.length > 1 || (pod.spec?.ephemeralContainers ?? []).length > 0)) {
    say(`Defaulted container ${JSON.stringify(first.name)} out of: ${allContainerNames(pod)}\n`);
  }
  return first;
}

/**
 * The pod a streaming command acts on (AttachablePodForObject): the pod named, or the first pod
 * of a workload or Service (kubectl waits for one; the console looks once).
 */
export function attachablePod(ctx: Ctx, target: LogTarget): Pod {
  if ('pod' in target) return target.pod;
  const sel = Object.entries(target.owner.spec?.selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  // GetFirstPod: the list sorted by sort.Reverse(podutils.ActivePods), its first.
  const first = sortForAttaching(listAll(ctx, 'pods', ctx.namespace, sel) as Pod[])[0];
  if (!first) ctx.fail('timed out waiting for the condition');
  return first;
}

/**
 * The API server's and the kubelet's answer to a pods/exec or pods/attach request for container
 * `name`: a container the pod does not have is a BadRequest, a pod not yet scheduled has no
 * node to send it to, and a container that is not running cannot be streamed from (the
 * kubelet's GetExec and GetAttach word it differently). Returns the container when it runs,
 * with when its run started.
 */
export function runningContainer(
  ctx: Ctx,
  pod: Pod,
  name: string,
  request: 'exec' | 'attach' = 'exec',
): { container: Container; startedAt: string | undefined } {
  const podName = pod.metadata?.name ?? '';
  const container = [
    ...(pod.spec?.containers ?? []),
    ...(pod.spec?.initContainers ?? []),
    ...(pod.spec?.ephemeralContainers ?? []),
  ].find((c) => c.name === name);
  if (!container) {
    ctx.err(`Error from server (BadRequest): container ${name} is not valid for pod ${podName}\n`);
    throw new ExitError(1);
  }
  if (!pod.spec?.nodeName) {
    ctx.err(`Error from server (BadRequest): pod ${podName} does not have a host assigned\n`);
    throw new ExitError(1);
  }
  const dial = kubeletDialError(ctx, pod);
  if (dial) {
    // A Status without a reason: kubectl prints `Error from server: <message>`.
    ctx.err(`Error from server: ${dial}\n`);
    throw new ExitError(1);
  }
  const status = [
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.ephemeralContainerStatuses ?? []),
  ].find((s) => s.name === name);
  const running = status?.state?.running;
  if (!running) {
    ctx.fail(
      request === 'exec'
        ? `unable to upgrade connection: container not found ("${name}")`
        : `unable to upgrade connection: container ${name} not found in pod ${podName}_${pod.metadata?.namespace ?? ''}`,
    );
  }
  return { container, startedAt: running.startedAt };
}

/**
 * The API server's error when it cannot reach the kubelet of the pod's node to hand it an exec,
 * attach or port forward (the node's machine is down), or undefined when it can.
 */
export function kubeletDialError(ctx: Ctx, pod: Pod): string | undefined {
  const nodeName = pod.spec?.nodeName;
  const why = nodeName ? kubeletDown(ctx, nodeName) : undefined;
  if (!nodeName || !why) return undefined;
  const node = peekObject(ctx, 'nodes', undefined, nodeName);
  const addresses = (node?.status as { addresses?: { type?: string; address?: string }[] })
    ?.addresses;
  const ip = addresses?.find((a) => a.type === 'InternalIP')?.address ?? nodeName;
  return `error dialing backend: dial tcp ${ip}:10250: connect: ${why}`;
}

/**
 * Why the API server cannot reach the kubelet on `nodeName` (port 10250), if it cannot: the
 * machine is down (no route to host), or it is up with its kubelet service stopped
 * (`systemctl stop kubelet`: the port is closed, connection refused).
 */
export function kubeletDown(ctx: Ctx, nodeName: string): string | undefined {
  if (ctx.host.nodeUp && !ctx.host.nodeUp(nodeName)) return 'no route to host';
  if (ctx.host.machines && !ctx.host.machines.kubeletRunning(nodeName)) return 'connection refused';
  return undefined;
}
