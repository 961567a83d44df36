/**
 * `kubectl logs`: the LogsOptions of kubectl 1.32 (Complete, Validate, RunLogs), the client-side
 * choice of containers of polymorphichelpers.LogsForObject, and the kubelet's answer to one
 * GetLogs request (validateContainerLogStatus, then the log lines as kuberuntime's ReadLogs
 * writes them: tail, then since, then the optional timestamp).
 */

import type { Deployment } from 'kubernetes-types/apps/v1';
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../engine/api/types.ts';
import { appArmorProcLabel } from '../../engine/apiserver/appArmor.ts';
import { type NodeAllocatable, processInputs } from '../../engine/node/containerEnv.ts';
import { scriptLoopLines } from '../../engine/node/loopRounds.ts';
import {
  type NginxSetting,
  nginxEntrypoint,
  nginxFailure,
  nginxSettingOf,
} from '../../engine/node/nginxStart.ts';
import { type PodDns, podDnsOf } from '../../engine/node/podDns.ts';
import {
  containerProgram,
  type Follow,
  loopLines,
  type Network,
  type Program,
  type ServiceView,
  type Surroundings,
  servedPorts,
} from '../../engine/node/program.ts';
import { readOnlyRoot } from '../../engine/node/rootfs.ts';
import { processUser, type UserContext } from '../../engine/node/securityContext.ts';
import { untilLines } from '../../engine/node/untilRounds.ts';
import { catalogueVersion } from '../../engine/registry/registry.ts';
import type { Ctx } from '../context.ts';
import { ExitError } from '../errors.ts';
import { encodeQuery } from '../goUrl.ts';
import { authorizePodSubresource } from '../impersonation.ts';
import { sortForLogging } from '../podOrder.ts';
import { type ResourceType, typeByResource } from '../resources.ts';
import { withAppArmorRules } from './appArmorWrites.ts';
import { getFailure, listAll, listError, nsFor, peekObject } from './common.ts';
import { withNodeFiles } from './hostFiles.ts';
import { lineTimestamps } from './logTimestamps.ts';
import { getOrFail, singleTarget } from './misc.ts';
import { numberConnections } from './nginxErrorLog.ts';
import { kubeletDown } from './podContainer.ts';
import { containerFiles, nginxDocRoot } from './podFiles.ts';
import { podPolicyNetwork } from './podPolicyNetwork.ts';
import { podTokenOf } from './podToken.ts';
import { programmedNetwork } from './proxyRules.ts';
import { serviceLinksOf } from './serviceLinks.ts';
import { endpointTarget, portEndpoints, readyAddresses, serviceSlices } from './serviceSlices.ts';
import { syncedVolumes } from './volumeSync.ts';

/** The kernel kubeadm nodes report, for a pod whose node cannot be found. */
const DEFAULT_KERNEL = '6.8.0-51-generic';

/**
 * nginx's start-up lines; `OS: Linux …` is the kernel of the node the container runs on, the
 * version the one of the image's catalogue entry (the current mainline for a tag it does not know).
 */
function nginxLog(
  startedAt: string | undefined,
  kernel: string,
  image: string,
  setting?: NginxSetting,
): string {
  const version = catalogueVersion(image) ?? catalogueVersion('nginx');
  const t = new Date(Date.parse(startedAt ?? '') || 0);
  const p = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${t.getUTCFullYear()}/${p(t.getUTCMonth() + 1)}/${p(t.getUTCDate())} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())}`;
  return `${nginxEntrypoint(setting)}${stamp} [notice] 1#1: using the "epoll" event method
${stamp} [notice] 1#1: nginx/${version}
${stamp} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) 
${stamp} [notice] 1#1: OS: Linux ${kernel}
${stamp} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576
${stamp} [notice] 1#1: start worker processes
${stamp} [notice] 1#1: start worker process 29
${stamp} [notice] 1#1: start worker process 30
`;
}

const LOGS_USAGE =
  "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";

const RFC3339_LAYOUT = '2006-01-02T15:04:05Z07:00';

/** Go's `time.ParseError` text: `parsing time "v" as "layout": cannot parse "rest" as "elem"`. */
function parseError(value: string, rest: string, elem: string, message?: string): string {
  const q = JSON.stringify;
  return message === undefined
    ? `parsing time ${q(value)} as ${q(RFC3339_LAYOUT)}: cannot parse ${q(rest)} as ${q(elem)}`
    : `parsing time ${q(value)}${message}`;
}

/**
 * Go's `time.Parse(time.RFC3339, s)` (kubectl's util.ParseRFC3339 for `--since-time`): the
 * epoch ms, or the error text, with the element by element errors of Go's layout parser.
 */
export function parseRfc3339(value: string): number | { err: string } {
  let rest = value;
  const fields: number[] = [];
  // [layout element, digits (fixed width, or 1-2 for the hour), range check]
  const numbers: [string, number, number, number, string][] = [
    ['2006', 4, 0, 9999, ''],
    ['01', 2, 1, 12, 'month'],
    ['02', 2, 0, 31, 'day'],
    ['15', 0, 0, 23, 'hour'],
    ['04', 2, 0, 59, 'minute'],
    ['05', 2, 0, 59, 'second'],
  ];
  const separators = ['', '-', '-', 'T', ':', ':'];
  for (let i = 0; i < numbers.length; i++) {
    const sep = separators[i] as string;
    if (!rest.startsWith(sep)) return { err: parseError(value, rest, sep) };
    rest = rest.slice(sep.length);
    const [elem, width, min, max, what] = numbers[i] as [string, number, number, number, string];
    const m = width === 0 ? /^\d\d?/.exec(rest) : new RegExp(`^\\d{${width}}`).exec(rest);
    if (!m) return { err: parseError(value, rest, elem) };
    const n = Number(m[0]);
    rest = rest.slice(m[0].length);
    if (n < min || n > max) return { err: parseError(value, rest, elem, `: ${what} out of range`) };
    fields.push(n);
  }
  let ms = 0;
  const frac = /^[.,](\d+)/.exec(rest);
  if (frac) {
    ms = Math.floor(Number(`0.${frac[1]}`) * 1000);
    rest = rest.slice(frac[0].length);
  }
  let offsetMin = 0;
  if (rest.startsWith('Z')) rest = rest.slice(1);
  else {
    const tz = /^([+-])(\d\d):(\d\d)/.exec(rest);
    if (!tz) return { err: parseError(value, rest, 'Z07:00') };
    offsetMin = (tz[1] === '-' ? -1 : 1) * (Number(tz[2]) * 60 + Number(tz[3]));
    rest = rest.slice(tz[0].length);
  }
  if (rest !== '') {
    return { err: parseError(value, rest, '', `: extra text: ${JSON.stringify(rest)}`) };
  }
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = fields;
  const daysIn = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysIn) return { err: parseError(value, '', '', ': day out of range') };
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMin * 60_000;
}

/** The log options kubectl sends with every GetLogs request (its PodLogOptions). */
export interface LogOptions {
  previous: boolean;
  timestamps: boolean;
  /** TailLines; -1 for all. */
  tail: number;
  /** The earliest time a line may have to be returned (since or since-time), epoch ms. */
  since?: number;
  /** The request's query parameters (tailLines, sinceTime…), passed on to the kubelet. */
  params: Record<string, string>;
}

/** One GetLogs request: a container of a pod. */
interface LogRequest {
  pod: Pod;
  container: string;
}

/** What `kubectl logs POD | TYPE/NAME` names: a pod, or a workload whose first pod is read. */
export type LogTarget = { pod: Pod } | { owner: Deployment; name: string };

export function runLogs(ctx: Ctx, args: string[]): void {
  // Complete: the arguments, the log options, then the object(s) from the server.
  const selector = ctx.str('selector');
  if (args.length === 0 && selector === '') ctx.usageError(LOGS_USAGE);
  if (args.length === 1 && selector !== '')
    ctx.usageError('only a selector (-l) or a POD name is allowed');
  if (args.length > 2) ctx.usageError(LOGS_USAGE);
  const container = args.length === 2 ? (args[1] as string) : ctx.str('container');
  const sinceTime = ctx.str('since-time');
  let sinceTimeMs: number | undefined;
  if (sinceTime !== '') {
    const t = parseRfc3339(sinceTime);
    if (typeof t !== 'number') ctx.fail(t.err);
    sinceTimeMs = t;
  }
  const sinceMs = ctx.num('since', 0);
  // With a selector kubectl asks for the last 10 lines of each container unless --tail is given.
  const tail = selector !== '' && !ctx.changed('tail') ? 10 : ctx.num('tail', -1);

  let target: LogTarget | undefined;
  let pods: Pod[] = [];
  if (selector !== '') {
    const r = ctx.host.api.list('pods', ctx.namespace, { labelSelector: selector });
    if (!r.ok) ctx.failStatus(listError(r.status, typeByResource('pods'), selector, ''));
    pods = r.value.items as unknown as Pod[];
    if (pods.length === 0) ctx.err(`No resources found in ${ctx.namespace} namespace.\n`);
  } else target = logTarget(ctx, args[0] as string);

  // Validate.
  if (sinceTime !== '' && sinceMs !== 0) {
    ctx.fail('at most one of `sinceTime` or `sinceSeconds` may be specified');
  }
  const allContainers = ctx.bool('all-containers');
  if (allContainers && container !== '') {
    ctx.fail(`--all-containers=true should not be specified with container name ${container}`);
  }
  if (ctx.changed('container') && args.length === 2) {
    ctx.fail('only one of -c or an inline [CONTAINER] arg is allowed');
  }
  const limitBytes = ctx.num('limit-bytes', 0);
  if (limitBytes < 0) ctx.fail('--limit-bytes must be greater than 0');
  // `--since` is rounded to whole seconds (SinceSeconds).
  const sinceSeconds = sinceMs === 0 ? undefined : goRound(sinceMs / 1000);
  if (sinceSeconds !== undefined && sinceSeconds < 0) ctx.fail('--since must be greater than 0');
  if (tail < -1) ctx.fail('--tail must be greater than or equal to -1');

  // RunLogs: LogsForObject builds every request (or fails) before any is read. With
  // --all-pods (kubectl 1.31+) a workload's every pod, each line prefixed.
  const allPods = ctx.bool('all-pods');
  if (target) pods = allPods ? podsOf(ctx, target) : [podOf(ctx, target)];
  const prefix = ctx.bool('prefix') || allPods;
  const requests: LogRequest[] = [];
  for (const pod of pods) {
    if (allContainers) {
      for (const c of [
        ...(pod.spec?.initContainers ?? []),
        ...(pod.spec?.containers ?? []),
        ...(pod.spec?.ephemeralContainers ?? []),
      ]) {
        requests.push({ pod, container: c.name });
      }
      continue;
    }
    const name = container || defaultContainer(ctx, pod);
    const known = [
      ...(pod.spec?.containers ?? []),
      ...(pod.spec?.initContainers ?? []),
      ...(pod.spec?.ephemeralContainers ?? []),
    ];
    if (!known.some((c) => c.name === name)) {
      ctx.fail(`container ${name} is not valid for pod ${pod.metadata?.name ?? ''}`);
    }
    requests.push({ pod, container: name });
  }
  const follow = ctx.bool('follow');
  const maxRequests = ctx.num('max-log-requests', 5);
  if (follow && requests.length > 1 && requests.length > maxRequests) {
    ctx.fail(
      `you are attempting to follow ${requests.length} log streams, but maximum allowed concurrency is ${maxRequests}, use --max-log-requests to increase the limit`,
    );
  }
  // One request a container; kubectl keeps them in a Go map, so their order is unspecified:
  // here, pods in the API server's list order (by name).
  const params: [string, string][] = [];
  if (follow) params.push(['follow', 'true']);
  if (limitBytes > 0) params.push(['limitBytes', String(limitBytes)]);
  if (ctx.bool('previous')) params.push(['previous', 'true']);
  if (sinceSeconds !== undefined) params.push(['sinceSeconds', String(sinceSeconds)]);
  if (sinceTimeMs !== undefined) {
    params.push(['sinceTime', new Date(sinceTimeMs).toISOString().replace(/\.\d+Z$/, 'Z')]);
  }
  if (tail >= 0) params.push(['tailLines', String(tail)]);
  if (ctx.bool('timestamps')) params.push(['timestamps', 'true']);
  const opts: LogOptions = {
    previous: ctx.bool('previous'),
    timestamps: ctx.bool('timestamps'),
    tail,
    params: Object.fromEntries(params),
  };
  if (sinceSeconds !== undefined) opts.since = ctx.now() - sinceSeconds * 1000;
  // The request carries sinceTime as a metav1.Time, whole seconds: the kubelet never sees the
  // fraction typed after them.
  const sinceWhole = sinceTimeMs === undefined ? undefined : Math.floor(sinceTimeMs / 1000) * 1000;
  if (sinceWhole !== undefined && (opts.since === undefined || sinceWhole > opts.since)) {
    opts.since = sinceWhole;
  }
  const ignoreErrors = ctx.bool('ignore-errors');
  for (const { pod, container: name } of requests) {
    const read = () => {
      // The kubelet stops each container's stream after limitBytes bytes (a line may be cut).
      const text = truncateBytes(containerLog(ctx, pod, name, opts), limitBytes);
      ctx.out(prefix ? withPrefix(text, pod.metadata?.name ?? '', name) : text);
    };
    if (ignoreErrors) readIgnoringErrors(ctx, read);
    else read();
  }
  // A stream ends when its container has exited: kubectl then ends with the logs alone.
  if (follow && requests.some((r) => isRunning(r.pod, r.container))) ctx.err(FOLLOW_NOTE);
}

/**
 * `--ignore-errors` (sequentialConsumeRequest): a stream that fails (the kubelet unreachable,
 * the container not started, a Forbidden) is not fatal: its error goes to stdout as
 * `error: <message>` and the other requests are read.
 */
function readIgnoringErrors(ctx: Ctx, read: () => void): void {
  const errLength = ctx.stderr.length;
  const chunkCount = ctx.chunks.length;
  const lastText = ctx.chunks[chunkCount - 1]?.text;
  try {
    read();
  } catch (e) {
    if (!(e instanceof ExitError)) throw e;
    const printed = ctx.stderr.slice(errLength);
    ctx.stderr = ctx.stderr.slice(0, errLength);
    ctx.chunks.length = chunkCount;
    const last = ctx.chunks[chunkCount - 1];
    if (last && lastText !== undefined) last.text = lastText;
    // The error's own text: a server Status's message, without CheckErr's wording.
    ctx.out(printed.replace(/^(?:Error from server(?: \([^)]*\))?|error): /, 'error: '));
  }
}

/** Whether container `name` of `pod` runs now (its log stream stays open with --follow). */
/** What the console says where a real stream would go on: it cannot keep following. */
export const FOLLOW_NOTE =
  '(this console cannot keep following: those were the logs so far; run the command again to see more)\n';

export function isRunning(pod: Pod, name: string): boolean {
  return [
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.ephemeralContainerStatuses ?? []),
  ].some((s) => s.name === name && s.state?.running !== undefined);
}

/** The first `limit` bytes of UTF-8 text (all of it for 0). */
function truncateBytes(text: string, limit: number): string {
  if (limit <= 0 || text.length <= limit / 4) return text;
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= limit) return text;
  return new TextDecoder().decode(bytes.slice(0, limit));
}

/** Go's math.Round: half away from zero. */
function goRound(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** The kinds polymorphichelpers.SelectorsForObject finds pods for. */
const SELECTABLE = new Set([
  'deployments',
  'replicasets',
  'replicationcontrollers',
  'statefulsets',
  'daemonsets',
  'jobs',
  'services',
]);

/**
 * The object `kubectl logs POD | TYPE/NAME` gets in Complete (NotFound exits here). `verb` is
 * how SelectorsForObject's errors are wrapped: LogsForObject says `cannot get the logs from %T`,
 * AttachablePodForObject (exec, attach) `cannot attach to %T`.
 */
export function logTarget(
  ctx: Ctx,
  target: string,
  verb: 'cannot get the logs from' | 'cannot attach to' = 'cannot get the logs from',
): LogTarget {
  const logs = verb === 'cannot get the logs from';
  const fetch = (type: ResourceType, name: string): KubeObject => {
    if (!logs) return getOrFail(ctx, type, name);
    // logs.go (kubectl 1.29+) wraps the builder's NotFound in a plain error that names the
    // namespace, so it prints as `error: error from server (NotFound): … in namespace "…"`.
    const ns = nsFor(type, ctx.namespace);
    const r = ctx.host.api.get(type.resource, ns, name);
    if (r.ok) return r.value;
    if (r.status.reason !== 'NotFound') ctx.failStatus(r.status);
    const { message } = getFailure(ctx, type, ns, name, r.status);
    ctx.fail(
      `error from server (NotFound): ${message} in namespace ${JSON.stringify(ctx.namespace)}`,
    );
  };
  if (!target.includes('/')) return { pod: fetch(typeByResource('pods'), target) as Pod };
  const { type, name } = singleTarget(ctx, [target]);
  const obj = fetch(type, name);
  if (type.resource === 'pods') return { pod: obj as Pod };
  // %T of the typed object kubectl decoded: the package is the API version.
  const goType = `*${type.version}.${type.kind}`;
  if (!SELECTABLE.has(type.resource)) {
    ctx.fail(`${verb} ${goType}: selector for ${goType} not implemented`);
  }
  if (type.resource === 'services') {
    // SelectorsForObject: a Service selects with spec.selector, and without one it is refused.
    const selector = (obj.spec as { selector?: Record<string, string> } | undefined)?.selector;
    if (!selector || Object.keys(selector).length === 0) {
      ctx.fail(
        `${verb} ${goType}: invalid service '${name}': Service is defined without a selector`,
      );
    }
    return { owner: { spec: { selector: { matchLabels: selector } } } as Deployment, name };
  }
  return { owner: obj as unknown as Deployment, name };
}

/** The pods a target names: the pod itself, or every pod its selector matches (none: waits, in vain). */
function podsOf(ctx: Ctx, target: LogTarget): Pod[] {
  if ('pod' in target) return [target.pod];
  const sel = Object.entries(target.owner.spec?.selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const pods = listAll(ctx, 'pods', ctx.namespace, sel) as Pod[];
  if (pods.length === 0) ctx.fail(`timed out waiting for the condition`);
  return pods;
}

/** The pod of a target: the pod itself, or the first pod of a workload (saying so if several). */
function podOf(ctx: Ctx, target: LogTarget): Pod {
  if ('pod' in target) return target.pod;
  // GetFirstPod: the list sorted by podutils.ByLogging, its first.
  const pods = sortForLogging(podsOf(ctx, target));
  const first = pods[0];
  if (!first) ctx.fail(`timed out waiting for the condition`);
  if (pods.length > 1) ctx.err(`Found ${pods.length} pods, using pod/${first.metadata?.name}\n`);
  return first as Pod;
}

/** podcmd.AllContainerNames: containers, init containers marked ` (init)`, ephemeral ` (ephem)`. */
function allContainerNames(p: Pod): string[] {
  return [
    ...(p.spec?.containers ?? []).map((c) => c.name),
    ...(p.spec?.initContainers ?? []).map((c) => `${c.name} (init)`),
    ...(p.spec?.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
  ];
}

/**
 * The container kubectl asks the logs of when none was named: the default-container annotation
 * when it names one of the pod's containers, else the first container, saying so on stderr when
 * the pod has others (init containers included).
 */
export function defaultContainer(ctx: Ctx, p: Pod, sayMissingAnnotated = true): string {
  const podName = p.metadata?.name ?? '';
  const containers = p.spec?.containers ?? [];
  const annotated = p.metadata?.annotations?.['kubectl.kubernetes.io/default-container'] ?? '';
  if (annotated !== '') {
    const all = [
      ...containers,
      ...(p.spec?.initContainers ?? []),
      ...(p.spec?.ephemeralContainers ?? []),
    ];
    if (all.some((c) => c.name === annotated)) return annotated;
    // logs says so; exec's FindOrDefaultContainerByName only logs it at klog level 4.
    if (sayMissingAnnotated)
      ctx.err(`Default container name ${JSON.stringify(annotated)} not found in pod ${podName}\n`);
  }
  const first = containers[0]?.name ?? '';
  if (
    containers.length > 1 ||
    (p.spec?.initContainers ?? []).length > 0 ||
    (p.spec?.ephemeralContainers ?? []).length > 0
  ) {
    ctx.err(
      `Defaulted container ${JSON.stringify(first)} out of: ${allContainerNames(p).join(', ')}\n`,
    );
  }
  return first;
}

/**
 * The kubelet's validateContainerLogStatus: when the run whose log is asked for started, or the
 * BadRequest message for a container that has no such run.
 */
function runToRead(
  st: ContainerStatus | undefined,
  cname: string,
  podName: string,
  previous: boolean,
): { startedAt: string | undefined } | { error: string } {
  const where = `container ${JSON.stringify(cname)} in pod ${JSON.stringify(podName)}`;
  // A container the kubelet has not reported yet is being created.
  if (!st) return { error: `${where} is waiting to start: ContainerCreating` };
  const last = st.lastState?.terminated;
  const { waiting, running, terminated } = st.state ?? {};
  if (previous) {
    if (!last?.containerID) return { error: `previous terminated ${where} not found` };
    return { startedAt: last.startedAt };
  }
  if (running) return { startedAt: running.startedAt };
  if (terminated) {
    if (terminated.containerID) return { startedAt: terminated.startedAt };
    if (last?.containerID) return { startedAt: last.startedAt };
    return { error: `${where} is terminated` };
  }
  if (last) {
    if (!last.containerID) return { error: `${where} is terminated` };
    return { startedAt: last.startedAt };
  }
  if (waiting) {
    // The most common pending failures are worded for people.
    if (waiting.reason === 'ErrImagePull') {
      return { error: `${where} is waiting to start: image can't be pulled` };
    }
    if (waiting.reason === 'ImagePullBackOff') {
      return { error: `${where} is waiting to start: trying and failing to pull image` };
    }
    return { error: `${where} is waiting to start: ${waiting.reason ?? ''}` };
  }
  return { error: `${where} is waiting to start - no logs yet` };
}

/**
 * The cluster as a container's `wget`, `curl` or `nslookup` reaches it, read from the API: a
 * Service (by name, or by cluster IP), which of its ports have ready endpoints, and the image of
 * the first ready backend (what answers). The kubelet decided the run's outcome from its node's
 * view; the log is told from the cluster as it is now.
 */
export function networkOf(ctx: Ctx): Network {
  const services = serviceNetwork(ctx);
  return (namespace, host, port) =>
    services(namespace, host) ??
    (/^\d+\.\d+\.\d+\.\d+$/.test(host) ? directTarget(ctx, services, host, port) : undefined);
}

/**
 * A pod's IP (the pod, answering on the ports its program listens on while it runs) or a
 * node's (its NodePort Services: kube-proxy forwards a nodePort to the Service's endpoints).
 */
function directTarget(
  ctx: Ctx,
  services: Network,
  ip: string,
  port: number | undefined,
): ServiceView | undefined {
  const pod = listAll(ctx, 'pods', undefined).find(
    (p) => (p.status as { podIP?: string } | undefined)?.podIP === ip,
  ) as Pod | undefined;
  if (pod && !pod.spec?.hostNetwork) {
    const served =
      pod.status?.phase === 'Running'
        ? (pod.spec?.containers ?? []).flatMap((c) =>
            pod.status?.containerStatuses?.find((st) => st.name === c.name)?.state?.running
              ? servedPorts(c.image ?? '', c.ports, !!(c.command?.length || c.args?.length))
              : [],
          )
        : [];
    const view: ServiceView = {
      namespace: pod.metadata?.namespace ?? '',
      name: pod.metadata?.name ?? '',
      clusterIP: ip,
      ports: served.map((p) => ({ port: p, ready: true })),
      backendPod: pod.metadata?.name ?? '',
      direct: true,
    };
    // What answers: the container whose program listens on the port (else the first).
    const containers = pod.spec?.containers ?? [];
    const serving = containers.find(
      (c) =>
        port !== undefined &&
        servedPorts(c.image ?? '', c.ports, !!(c.command?.length || c.args?.length)).includes(port),
    );
    const image = (serving ?? containers[0])?.image;
    if (image) view.backendImage = image;
    const docRoot = nginxDocRoot(ctx, pod, serving ?? containers[0]);
    if (docRoot) view.docRoot = docRoot;
    const ptr = endpointNames(ctx, ip);
    if (ptr.length > 0) view.ptr = ptr;
    return view;
  }
  const node = listAll(ctx, 'nodes', undefined).find((n) =>
    (n.status as { addresses?: { address?: string }[] } | undefined)?.addresses?.some(
      (a) => a.address === ip,
    ),
  );
  if (!node) return undefined;
  const none: ServiceView = { namespace: '', name: ip, clusterIP: ip, ports: [], direct: true };
  if (port === undefined) return none;
  const svc = listAll(ctx, 'services', undefined).find((s) =>
    ((s.spec as { ports?: { nodePort?: number }[] } | undefined)?.ports ?? []).some(
      (p) => p.nodePort === port,
    ),
  );
  const spec = svc?.spec as { clusterIP?: string; ports?: { port: number; nodePort?: number }[] };
  const through = spec?.clusterIP
    ? services(svc?.metadata?.namespace ?? '', spec.clusterIP)
    : undefined;
  const servicePort = spec?.ports?.find((p) => p.nodePort === port)?.port;
  if (!through || servicePort === undefined) return none;
  const sp = through.ports.find((p) => p.port === servicePort);
  return {
    ...through,
    clusterIP: ip,
    ports: [sp ? { ...sp, port } : { port, ready: false }],
    direct: true,
  };
}

/**
 * The names cluster DNS gives a pod's IP in its reverse zone: under each Service that lists it
 * as a ready endpoint, its hostname there or its dashed IP (CoreDNS's serviceRecordForIP).
 */
function endpointNames(ctx: Ctx, ip: string): string[] {
  const names: string[] = [];
  for (const ep of listAll(ctx, 'endpoints', undefined)) {
    const subsets = (ep as { subsets?: { addresses?: { ip?: string; hostname?: string }[] }[] })
      .subsets;
    for (const s of subsets ?? []) {
      for (const a of s.addresses ?? []) {
        if (a.ip !== ip) continue;
        const name = `${a.hostname ?? ip.replace(/\./g, '-')}.${ep.metadata?.name}.${ep.metadata?.namespace}.svc.cluster.local`;
        if (!names.includes(name)) names.push(name);
      }
    }
  }
  return names;
}

/** The Services as a container reaches them, by name or cluster IP (see networkOf). */
function serviceNetwork(ctx: Ctx): Network {
  return (namespace, host) => {
    const svc = /^\d+\.\d+\.\d+\.\d+$/.test(host)
      ? listAll(ctx, 'services', undefined).find(
          (s) => (s.spec as { clusterIP?: string } | undefined)?.clusterIP === host,
        )
      : peekObject(ctx, 'services', namespace, host);
    const spec = svc?.spec as {
      clusterIP?: string;
      type?: string;
      externalName?: string;
      ports?: { port: number; name?: string; protocol?: string }[];
    };
    const ns = svc?.metadata?.namespace ?? namespace;
    const name = svc?.metadata?.name ?? host;
    // An ExternalName Service is a name in cluster DNS alone (a CNAME): no IP, no rules.
    if (svc && spec?.type === 'ExternalName') {
      return {
        namespace: ns,
        name,
        clusterIP: '',
        ports: [],
        externalName: spec.externalName ?? '',
      };
    }
    if (!svc || !spec?.clusterIP) return undefined;
    // kube-proxy's rules for each port (from the EndpointSlices: serving terminating endpoints
    // when no ready one is left); the first, sorted as kube-proxy sorts them, is where a
    // connection goes here.
    const slices = serviceSlices(ctx, ns, name);
    const firsts: string[] = [];
    const view: ServiceView = {
      namespace: ns,
      name,
      clusterIP: spec.clusterIP,
      ports: (spec.ports ?? []).map((p) => {
        const endpoint = portEndpoints(slices, p.name ?? '', p.protocol ?? 'TCP')[0];
        if (!endpoint) return { port: p.port, ready: false };
        firsts.push(endpoint.ip);
        return { port: p.port, ready: true, endpoint: { ip: endpoint.ip, port: endpoint.port } };
      }),
    };
    if (spec.clusterIP === 'None') {
      // CoreDNS answers a headless Service's name with its ready endpoints' addresses.
      const { ips, hostnames } = readyAddresses(slices);
      view.addresses = ips;
      if (hostnames.size > 0) view.hostnames = hostnames;
      if (ips[0]) firsts.push(ips[0]);
    }
    const firstIP = firsts[0];
    const target = firstIP === undefined ? undefined : endpointTarget(slices, firstIP);
    // Endpoints written by hand (a Service without a selector) name no pod: the address does.
    const byIP =
      !target && firstIP
        ? (listAll(ctx, 'pods', undefined).find(
            (p) => (p.status as { podIP?: string } | undefined)?.podIP === firstIP,
          ) as Pod | undefined)
        : undefined;
    if (byIP) {
      const image = byIP.spec?.containers?.[0]?.image;
      if (image) view.backendImage = image;
      view.backendPod = byIP.metadata?.name ?? '';
      const docRoot = nginxDocRoot(ctx, byIP, byIP.spec?.containers?.[0]);
      if (docRoot) view.docRoot = docRoot;
    }
    if (target?.kind === 'Pod' && target.name) {
      const pod = peekObject(ctx, 'pods', target.namespace ?? ns, target.name) as Pod | undefined;
      const image = pod?.spec?.containers?.[0]?.image;
      if (image) view.backendImage = image;
      view.backendPod = target.name;
      const docRoot = pod ? nginxDocRoot(ctx, pod, pod.spec?.containers?.[0]) : undefined;
      if (docRoot) view.docRoot = docRoot;
    }
    return view;
  };
}

/**
 * The API server fetches a log from the pod's kubelet (LogLocation: `https://<node IP>:10250/
 * containerLogs/<ns>/<pod>/<container>?…`). With the node's machine down the connection fails,
 * and the dial error comes back as a Status without a reason.
 */
function kubeletReachable(ctx: Ctx, p: Pod, cname: string, opts: LogOptions): void {
  const nodeName = p.spec?.nodeName;
  if (!nodeName) return;
  const node = peekObject(ctx, 'nodes', undefined, nodeName);
  if (!node) return;
  const status = node.status as
    | {
        addresses?: { type?: string; address?: string }[];
        conditions?: { type?: string; status?: string }[];
      }
    | undefined;
  const why = ctx.host.nodeUp
    ? kubeletDown(ctx, nodeName)
    : status?.conditions?.find((c) => c.type === 'Ready')?.status === 'Unknown'
      ? 'no route to host'
      : undefined;
  if (!why) return;
  const ip = status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? nodeName;
  const path = `/containerLogs/${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}/${cname}`;
  const query = encodeQuery(opts.params);
  const url = `https://${ip}:10250${path}${query ? `?${query}` : ''}`;
  // A Status without a reason: kubectl prints `Error from server: <message>`.
  ctx.err(`Error from server: Get ${JSON.stringify(url)}: dial tcp ${ip}:10250: connect: ${why}\n`);
  throw new ExitError(1);
}

/** One GetLogs request: the container's log as the kubelet returns it, or the server's error. */
export function containerLog(ctx: Ctx, p: Pod, cname: string, opts: LogOptions): string {
  const podName = p.metadata?.name ?? '';
  const container = [
    ...(p.spec?.initContainers ?? []),
    ...(p.spec?.containers ?? []),
    ...(p.spec?.ephemeralContainers ?? []),
  ].find((c) => c.name === cname);
  const st = [
    ...(p.status?.containerStatuses ?? []),
    ...(p.status?.initContainerStatuses ?? []),
    ...(p.status?.ephemeralContainerStatuses ?? []),
  ].find((c) => c.name === cname);
  authorizePodSubresource(ctx, 'get', 'log', p.metadata?.namespace ?? ctx.namespace, podName);
  kubeletReachable(ctx, p, cname, opts);
  if (!p.spec?.nodeName) {
    // LogLocation: a pod not yet on a node has no kubelet to ask, and the API server serves an
    // empty log (LocationStreamer without a location), whatever the container's state.
    ctx.requestLog?.nextQuery('pods', opts.params);
    ctx.host.api.connect?.('log', p.metadata?.namespace ?? ctx.namespace, podName, cname);
    return '';
  }
  const run = runToRead(st, cname, podName, opts.previous);
  if ('error' in run) {
    // The API server refuses the request (-v=6 shows it, with its query).
    ctx.requestLog?.unsent(
      'GET',
      'pods',
      p.metadata?.namespace ?? ctx.namespace,
      podName,
      { container: cname, ...opts.params },
      400,
      'log',
    );
    ctx.failStatus({
      apiVersion: 'v1',
      kind: 'Status',
      metadata: {},
      status: 'Failure',
      reason: 'BadRequest',
      code: 400,
      message: run.error,
    });
  }
  const { startedAt } = run;
  // GET pods/NAME/log: the API server asks the node's kubelet, which reads the log file.
  ctx.requestLog?.nextQuery('pods', opts.params);
  ctx.host.api.connect?.('log', p.metadata?.namespace ?? ctx.namespace, podName, cname);
  const fromHost = opts.previous
    ? undefined
    : ctx.host.logs?.(p.metadata?.namespace ?? ctx.namespace, podName, cname);
  const node = p.spec?.nodeName ? peekObject(ctx, 'nodes', undefined, p.spec.nodeName) : undefined;
  const kernel =
    (node?.status as { nodeInfo?: { kernelVersion?: string } } | undefined)?.nodeInfo
      ?.kernelVersion || DEFAULT_KERNEL;
  const image = container?.image ?? '';
  const nginx =
    /(^|\/)nginx(:|@|$)/.test(image) && !container?.command && !container?.args
      ? nginxSettingOf(p.spec, container, portHeldAt(p, cname, startedAt))
      : undefined;
  // nginx's start-up lines (or how its start failed), or what the container's command printed.
  const program =
    fromHost !== undefined
      ? undefined
      : /(^|\/)nginx(:|@|$)/.test(image) && !container?.command && !container?.args
        ? nginxFailure(
            nginx,
            startedAt ?? '',
            kernel,
            catalogueVersion(image) ?? catalogueVersion('nginx') ?? '',
          )
        : programOf(ctx, p, container, startedAt, node);
  const text = fromHost ?? (program ? program.output : nginxLog(startedAt, kernel, image, nginx));
  // Every line of a run is taken to be written when the run started, but for a loop's.
  const written = Date.parse(startedAt ?? '') || 0;
  // The run ends when its container did, or it is still running now.
  const ran = [st?.state?.running, st?.state?.terminated, st?.lastState?.terminated].find(
    (r) => r?.startedAt === startedAt,
  );
  const finished = (ran as { finishedAt?: string } | undefined)?.finishedAt;
  const end = finished ? Date.parse(finished) : ctx.host.nowEpochMs();
  // Lines keep their newline; a last one without (`echo -n`) is printed without either.
  const split = (t: string, at: number) =>
    (t.match(/[^\n]*\n|[^\n]+$/g) ?? []).map((l) => ({ at, text: l }));
  const timed =
    fromHost === undefined && (program?.runs === 'exits' || program?.runs === 'forever')
      ? program.timed
      : undefined;
  // A script that sleeps between prints has printed only what came before now (or its end).
  let lines: { at: number; text: string }[] = timed
    ? timed.flatMap((t) => split(t.text, written + t.atMs)).filter((l) => l.at <= end)
    : split(text, written);
  if (program?.runs === 'until' && container) {
    // The docs' `until nslookup …` loop: a block per round until the Service resolves.
    const { where } = surroundingsOf(ctx, p, container, node);
    lines = untilLines(
      program,
      where.namespace ?? ctx.namespace,
      where.network,
      written,
      end,
      finished !== undefined,
    );
  }
  // A loop has printed up to now, or until its run ended.
  if (program?.runs === 'forever' && program.loop) {
    lines = [...lines, ...loopLines(program.loop, written, end)];
  }
  if (program?.runs === 'forever' && program.rounds) {
    // Any other endless loop: its rounds, each reading the files of its moment.
    lines = [
      ...lines,
      ...scriptLoopLines(program.rounds, written, end, {
        // What execs and the pod's other containers wrote where it reads.
        ...(container ? { written: containerFiles(ctx, p, container, node, written, end) } : {}),
        ...(opts.tail >= 0 ? { tail: opts.tail } : {}),
        ...(opts.since !== undefined ? { since: opts.since } : {}),
        ended: finished !== undefined,
      }),
    ];
  }
  if (program === undefined && fromHost === undefined && container) {
    // nginx's access log: a line for each HTTP probe the kubelet sent this run, and for each
    // request the learner's wget and curl sent it (kubectl exec).
    const probes = probeAccessLines(container, p.status?.podIP, written, end);
    const requests = (
      ctx.host.storedFiles?.(`access:${p.metadata?.namespace ?? ctx.namespace}/${podName}`) ?? []
    )
      .filter((f) => f.at >= written && f.at <= end && f.content !== null)
      .map((f) => ({ at: f.at, text: f.content ?? '' }));
    if (probes.length + requests.length > 0) {
      lines = [
        ...lines,
        ...numberConnections([...probes, ...requests].sort((a, b) => a.at - b.at)),
      ];
      lines.sort((a, b) => a.at - b.at);
    }
  }
  if (program?.runs === 'forever' && program.follows) {
    // `tail -F FILE` prints what another container of the pod writes to FILE through a
    // volume both mount (the logging docs' streaming sidecar).
    lines = [...lines, ...followedLines(ctx, p, container, program.follows, written, end, node)];
  }
  // Each line's time is the run's (all of its lines), whichever of them are shown.
  let shown: { at: number; text: string; stamp?: string }[] = lines;
  if (opts.timestamps) {
    const stamps = lineTimestamps(lines, `${p.metadata?.uid ?? podName}/${cname}/${written}`);
    shown = lines.map((l, i) => ({ ...l, stamp: stamps[i] ?? '' }));
  }
  if (opts.tail >= 0) shown = shown.slice(Math.max(0, shown.length - opts.tail));
  const since = opts.since;
  if (since !== undefined) shown = shown.filter((l) => l.at >= since);
  return shown.map((l) => `${l.stamp === undefined ? '' : `${l.stamp} `}${l.text}`).join('');
}

/**
 * What a container's program sees, as the kubelet started it: command and args with their
 * `$(NAME)` references expanded, the environment its shell expands `$NAME` from (the
 * ConfigMaps and Secrets as they are now, the pod's IPs from its status), its volumes' files,
 * the network and its user (the securityContext).
 */
export function surroundingsOf(
  ctx: Ctx,
  p: Pod,
  container: NonNullable<Pod['spec']>['containers'][number] | undefined,
  node: KubeObject | undefined,
): {
  where: Surroundings;
  command: readonly string[] | undefined;
  args: readonly string[] | undefined;
} {
  const namespace = p.metadata?.namespace ?? ctx.namespace;
  const live = (resource: 'configmaps' | 'secrets', name: string) => {
    const o = peekObject(ctx, resource, namespace, name) as
      | { data?: Record<string, string>; binaryData?: Record<string, string> }
      | undefined;
    return o ? { ...o.binaryData, ...o.data } : undefined;
  };
  // The environment and subPath mounts keep what the ConfigMaps and Secrets held when the
  // container started (the kubelet resolves them once); whole-volume mounts follow updates at
  // the kubelet's syncs of the pod (volumeSync.ts).
  const containerID = [
    ...(p.status?.containerStatuses ?? []),
    ...(p.status?.initContainerStatuses ?? []),
    ...(p.status?.ephemeralContainerStatuses ?? []),
  ].find((s) => s.name === container?.name)?.containerID;
  const started = containerID ? ctx.host.startInputs?.(containerID) : undefined;
  const data = started
    ? (resource: 'configmaps' | 'secrets', name: string) =>
        started[`${resource}/${name}`] ?? live(resource, name)
    : live;
  const allocatable = (node?.status as { allocatable?: NodeAllocatable } | undefined)?.allocatable;
  const inputs = processInputs(p as KubeObject, container, data, {
    podIP: p.status?.podIP,
    hostIP: p.status?.hostIP,
    allocatable,
  });
  const kernel = (node?.status as { nodeInfo?: { kernelVersion?: string } } | undefined)?.nodeInfo
    ?.kernelVersion;
  // Whole-volume mounts hold what the kubelet wrote at its last sync of the pod (volumeSync.ts).
  const filesAt = container
    ? syncedVolumes(ctx, p, container, data, {
        ...(p.status?.podIP ? { podIP: p.status.podIP } : {}),
        ...(p.status?.hostIP ? { hostIP: p.status.hostIP } : {}),
        ...(allocatable ? { allocatable } : {}),
        token: podTokenOf(ctx, p, node),
      })
    : undefined;
  const vf = filesAt?.(ctx.host.nowEpochMs());
  const user = processUser(
    container?.image ?? '',
    (p.spec as { securityContext?: UserContext } | undefined)?.securityContext,
    (container as { securityContext?: UserContext } | undefined)?.securityContext,
  );
  const fsGroup = (p.spec?.securityContext as { fsGroup?: number } | undefined)?.fsGroup;
  const where: Surroundings = {
    ...(vf ? { files: vf.files, dirs: vf.dirs } : {}),
    ...(vf && filesAt ? { filesAt: (at: number) => filesAt(at)?.files } : {}),
    ...(vf?.readOnly ? { readOnly: vf.readOnly } : {}),
    ...(readOnlyRoot(container) ? { readOnlyRoot: true } : {}),
    ...(vf?.memory ? { memory: vf.memory } : {}),
    ...(p.status?.startTime ? { volumesAt: p.status.startTime } : {}),
    namespace,
    network: podPolicyNetwork(ctx, p, programmedNetwork(ctx, node?.metadata?.name, networkOf(ctx))),
    ...serviceLinksField(serviceLinksOf(ctx, p, container?.name)),
    ...(p.status?.podIP ? { podIP: p.status.podIP } : {}),
    ...podDnsField(podDnsOf(p.spec as Parameters<typeof podDnsOf>[0], namespace)),
    ...(kernel ? { kernel } : {}),
    ...(container?.env ? { env: container.env } : {}),
    vars: inputs.vars,
    ...(user ? { user } : {}),
    ...(fsGroup !== undefined ? { fsGroup } : {}),
    appArmor: appArmorProcLabel(
      p as KubeObject,
      container?.name ?? '',
      (container as { securityContext?: unknown } | undefined)?.securityContext,
    ),
  };
  return {
    where: withAppArmorRules(ctx, p, container, withNodeFiles(ctx, p, container, where)),
    command: inputs.command,
    args: inputs.args,
  };
}

/**
 * Whether, when the run of container `name` that started at `startedAt` began, another
 * container of the pod was running a server on port 80 (they share the pod's network): one
 * started before it, or at the same moment but earlier in the spec (the kubelet starts them in
 * order).
 */
function portHeldAt(p: Pod, name: string, startedAt: string | undefined): boolean {
  const spec = [
    ...(p.spec?.initContainers ?? []),
    ...(p.spec?.containers ?? []),
    ...(p.spec?.ephemeralContainers ?? []),
  ];
  if (spec.length < 2 || !startedAt) return false;
  const start = Date.parse(startedAt);
  const order = spec.findIndex((c) => c.name === name);
  const statuses = [
    ...(p.status?.initContainerStatuses ?? []),
    ...(p.status?.ephemeralContainerStatuses ?? []),
    ...(p.status?.containerStatuses ?? []),
  ];
  return spec.some((c, i) => {
    if (c.name === name) return false;
    const ports = servedPorts(c.image ?? '', c.ports, !!(c.command?.length || c.args?.length));
    if (!ports.includes(80)) return false;
    const st = statuses.find((x) => x.name === c.name);
    const runs = [st?.state?.running, st?.state?.terminated, st?.lastState?.terminated];
    return runs.some((r) => {
      const from = Date.parse(r?.startedAt ?? '');
      const to = Date.parse((r as { finishedAt?: string } | undefined)?.finishedAt ?? '');
      if (Number.isNaN(from) || from > start || (from === start && i > order)) return false;
      return Number.isNaN(to) || to > start;
    });
  });
}

/** The `dns` field of a container's surroundings, when the pod's is not plain ClusterFirst's. */
function podDnsField(dns: PodDns | undefined): { dns?: PodDns } {
  return dns ? { dns } : {};
}

/** The program of a container's run (see surroundingsOf). */
function programOf(
  ctx: Ctx,
  p: Pod,
  container: NonNullable<Pod['spec']>['containers'][number] | undefined,
  startedAt: string | undefined,
  node: KubeObject | undefined,
): Program {
  const { where, command, args } = surroundingsOf(ctx, p, container, node);
  // The program read its volumes as they were when it started (later rounds of a loop read
  // them again: loopRounds.ts).
  const start = Date.parse(startedAt ?? '');
  const files = Number.isNaN(start) ? undefined : where.filesAt?.(start);
  return containerProgram(
    container?.image ?? '',
    command,
    args,
    startedAt,
    files ? { ...where, files } : where,
  );
}

type PodContainer = NonNullable<Pod['spec']>['containers'][number];

/** The kubelet's probe User-Agent (`kube-probe/<major>.<minor>`). */
const PROBE_AGENT = 'kube-probe/1.32';
/** nginx's default page: its size in the access log. */
const NGINX_PAGE_BYTES = 615;

/**
 * The access-log lines of the kubelet's HTTP probes of an nginx container (the image's `main`
 * log format) from `startMs` to `endMs`: the first at each probe's initial delay, then one every
 * period, from the node's address on the pod network (the `.1` of the pod's subnet). Only
 * probes of the pages nginx serves (`/`, `/index.html` on port 80) are written here.
 */
function probeAccessLines(
  c: PodContainer,
  podIP: string | undefined,
  startMs: number,
  endMs: number,
): { at: number; text: string }[] {
  const out: { at: number; text: string }[] = [];
  if (!podIP) return out;
  const source = podIP.replace(/\.\d+$/, '.1');
  const port = (p: number | string | undefined) =>
    typeof p === 'number'
      ? p
      : /^\d+$/.test(p ?? '')
        ? Number(p)
        : c.ports?.find((x) => x.name === p)?.containerPort;
  for (const probe of [c.startupProbe, c.readinessProbe, c.livenessProbe]) {
    const get = probe?.httpGet;
    if (!probe || !get || port(get.port) !== 80) continue;
    const path = get.path || '/';
    if (path !== '/' && path !== '/index.html') continue;
    const period = (probe.periodSeconds ?? 10) * 1000;
    // At most the last 10000 probes: as many rounds as a loop keeps.
    const first = startMs + (probe.initialDelaySeconds ?? 0) * 1000;
    const count = endMs < first ? 0 : Math.floor((endMs - first) / period) + 1;
    for (let i = Math.max(0, count - 10_000); i < count; i++) {
      const at = first + i * period;
      out.push({
        at,
        text: `${source} - - [${accessTime(at)}] "GET ${path} HTTP/1.1" 200 ${NGINX_PAGE_BYTES} "-" "${PROBE_AGENT}" "-"\n`,
      });
    }
  }
  return out;
}

/** nginx's `$time_local` in UTC: `06/Jan/2026:00:05:29 +0000`. */
export function accessTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  const month = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ')[d.getUTCMonth()];
  return `${p(d.getUTCDate())}/${month}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** The volume and the path inside it that `path` of container `c` is, if on a volume. */
function onVolume(c: PodContainer, path: string): { volume: string; sub: string } | undefined {
  let best: { volume: string; sub: string; len: number } | undefined;
  for (const m of c.volumeMounts ?? []) {
    const mount = m.mountPath.replace(/\/+$/, '');
    if (!path.startsWith(`${mount}/`)) continue;
    if (best && best.len >= mount.length) continue;
    const sub = `${m.subPath ? `${m.subPath}/` : ''}${path.slice(mount.length + 1)}`;
    best = { volume: m.name, sub, len: mount.length };
  }
  return best && { volume: best.volume, sub: best.sub };
}

/**
 * The lines `tail -F` of `follows` has printed from `startMs` (its start) to `endMs`: what the
 * pod's other containers' loops write to that file through a shared volume. Without `-n +1`,
 * only the last 10 lines written before the tail started are printed, then all new ones.
 */
function followedLines(
  ctx: Ctx,
  p: Pod,
  reader: PodContainer | undefined,
  follows: Follow,
  startMs: number,
  endMs: number,
  node: KubeObject | undefined,
): { at: number; text: string }[] {
  const target = reader ? onVolume(reader, follows.path) : undefined;
  if (!target) return [];
  const statuses = [
    ...(p.status?.containerStatuses ?? []),
    ...(p.status?.initContainerStatuses ?? []),
    ...(p.status?.ephemeralContainerStatuses ?? []),
  ];
  let out: { at: number; text: string }[] = [];
  for (const c of [
    ...(p.spec?.initContainers ?? []),
    ...(p.spec?.containers ?? []),
    ...(p.spec?.ephemeralContainers ?? []),
  ]) {
    if (c === reader) continue;
    const mount = (c.volumeMounts ?? []).find(
      (m) => m.name === target.volume && target.sub.startsWith(m.subPath ? `${m.subPath}/` : ''),
    );
    if (!mount) continue;
    const sub = mount.subPath ? target.sub.slice(mount.subPath.length + 1) : target.sub;
    const path = `${mount.mountPath.replace(/\/+$/, '')}/${sub}`;
    const started = statuses.find((s) => s.name === c.name)?.state?.running?.startedAt;
    if (!started) continue;
    const writer = programOf(ctx, p, c, started, node);
    if (writer.runs !== 'forever' || !writer.loop) continue;
    out = [...out, ...loopLines(writer.loop, Date.parse(started), endMs, path)];
  }
  out.sort((a, b) => a.at - b.at);
  if (!follows.fromStart) {
    const before = out.filter((l) => l.at < startMs);
    out = [...before.slice(Math.max(0, before.length - 10)), ...out.filter((l) => l.at >= startMs)];
  }
  return out;
}

/**
 * What `kubectl run --attach` (or `-it`) shows of a pod that has already finished: its first
 * container's whole log (run.go handleAttachPod falls back to logOpts).
 */
export function finishedPodLog(
  ctx: Ctx,
  p: Pod,
  cname = p.spec?.containers?.[0]?.name ?? '',
): string {
  return containerLog(ctx, p, cname, { previous: false, timestamps: false, tail: -1, params: {} });
}

/** `--prefix`: `[pod/NAME/CONTAINER] ` before every line. */
function withPrefix(text: string, pod: string, container: string): string {
  return text.replace(/^(?=.)/gm, `[pod/${pod}/${container}] `);
}

/** The `serviceLinks` field of Surroundings, when there are any. */
function serviceLinksField(links: Map<string, string> | undefined): {
  serviceLinks?: Map<string, string>;
} {
  return links ? { serviceLinks: links } : {};
}

/**
 * `cluster-info dump`'s read of one container's log (LogsForObject with only the container
 * named, read with DoRaw): the text, or the request's error in its place. DoRaw does not decode
 * the server's Status: its error is client-go's generic one for the HTTP code
 * (newUnstructuredResponseError: the body of a JSON answer is "unknown"), naming the request.
 */
export function dumpedContainerLog(ctx: Ctx, pod: Pod, container: string): string {
  const before = ctx.stderr;
  try {
    return containerLog(ctx, pod, container, {
      previous: false,
      timestamps: false,
      tail: -1,
      params: {},
    });
  } catch (e) {
    if (!(e instanceof ExitError)) throw e;
    const reason = /^Error from server(?: \((\w+)\))?:/.exec(ctx.stderr.slice(before.length))?.[1];
    ctx.stderr = before;
    const generic =
      reason === 'BadRequest'
        ? 'the server rejected our request for an unknown reason'
        : reason === 'NotFound'
          ? 'the server could not find the requested resource'
          : reason === 'Forbidden'
            ? 'unknown'
            : 'an error on the server ("unknown") has prevented the request from succeeding';
    return `Request log error: ${generic} (get pods ${pod.metadata?.name ?? ''})\n`;
  }
}
