/**
 * What a container's liveness, readiness or startup probe finds: the simulation's stand-in for
 * the kubelet's prober reaching into the container.
 *
 * Who listens where: nginx and httpd serve port 80 (`/` and `/index.html`; other paths are 404);
 * any other running container answers on the ports its spec declares, 200 on every path. A
 * probe on a port nobody listens on is refused. agnhost's `liveness` server answers /healthz on
 * 8080 with 200 for its first 10 seconds, then 500. An exec probe runs its command in the
 * container (program.ts): `cat /tmp/healthy` finds the files the container's script has
 * written or removed by then; a command that is not simulated succeeds.
 */

import { execInContainer, type FileEvent, repository } from './program.ts';

export interface ProbeSpec {
  httpGet?: { path?: string; port?: number | string; scheme?: string; host?: string };
  tcpSocket?: { port?: number | string; host?: string };
  exec?: { command?: string[] };
  grpc?: { port?: number };
  initialDelaySeconds?: number;
  /** The grace period of a kill this (liveness or startup) probe orders. */
  terminationGracePeriodSeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
}

export interface ProbedContainer {
  image: string;
  command?: string[];
  args?: string[];
  ports?: { containerPort?: number; name?: string }[];
}

/** What the probe finds of the container's run: how long it has run, the files it wrote. */
export interface ProbedRun {
  elapsedMs: number;
  files?: readonly FileEvent[];
}

export interface ProbeResult {
  ok: boolean;
  /** The kubelet's failure text (the `Unhealthy` event says `<Kind> probe failed: <message>`). */
  message: string;
  /**
   * The probe could not be run at all (a named port the container does not declare): the
   * prober reports an error, the worker throws the result away (no failure counted, nothing
   * restarted), and the event says `<Kind> probe errored and resulted in unknown state: …`.
   */
  errored?: boolean;
}

/** Paths a stock web server answers with 200. */
const STOCK_PAGES = new Set(['/', '/index.html']);

/**
 * The control-plane components' health endpoints (kubeadm's probes): the API server's secure
 * port, etcd's metrics port, the controller manager's and the scheduler's secure ports. The
 * simulated components are healthy while they run.
 */
const CONTROL_PLANE_HEALTH: Readonly<Record<string, { port: number; paths: ReadonlySet<string> }>> =
  {
    'kube-apiserver': { port: 6443, paths: new Set(['/livez', '/readyz', '/healthz']) },
    etcd: { port: 2381, paths: new Set(['/livez', '/readyz', '/health']) },
    'kube-controller-manager': { port: 10257, paths: new Set(['/healthz']) },
    'kube-scheduler': { port: 10259, paths: new Set(['/healthz', '/livez', '/readyz']) },
  };

/** The HTTP status the container answers on `port` and `path`, or undefined if nothing listens. */
function answer(
  c: ProbedContainer,
  port: number,
  path: string,
  run: ProbedRun | undefined,
): number | undefined {
  const repo = repository(c.image);
  const ownCommand = (c.command?.length ?? 0) > 0 || (c.args?.length ?? 0) > 0;
  if (repo === 'agnhost' && !c.command?.length && c.args?.[0] === 'liveness') {
    // test/images/agnhost/liveness: healthy for 10 s, then `error: …` with 500.
    if (port !== 8080) return undefined;
    if (path !== '/healthz') return 404;
    return (run?.elapsedMs ?? 0) < 10_000 ? 200 : 500;
  }
  if ((repo === 'nginx' || repo === 'httpd') && !ownCommand) {
    if (port !== 80) return undefined;
    return STOCK_PAGES.has(path || '/') ? 200 : 404;
  }
  const health = CONTROL_PLANE_HEALTH[repo];
  if (health && c.image.startsWith('registry.k8s.io/')) {
    if (port !== health.port) return undefined;
    return health.paths.has(path.split('?')[0] ?? '') ? 200 : 404;
  }
  return (c.ports ?? []).some((p) => p.containerPort === port) ? 200 : undefined;
}

/**
 * `ResolveContainerPort`: a number, or the name of one of the container's ports, or (the "last
 * ditch effort") a number written as a string. A name the container does not declare is an
 * error: strconv.Atoi's, since that last attempt's error is the one returned.
 */
function portOf(
  c: ProbedContainer,
  port: number | string | undefined,
): number | { error: string } | undefined {
  if (typeof port === 'number') return port;
  if (typeof port !== 'string') return undefined;
  const named = c.ports?.find((p) => p.name === port)?.containerPort;
  if (named !== undefined) return named;
  if (/^[+-]?\d+$/.test(port)) return Number(port);
  return { error: `strconv.Atoi: parsing ${JSON.stringify(port)}: invalid syntax` };
}

/** The errored result of a port that did not resolve. */
function portError(error: string): ProbeResult {
  return { ok: false, errored: true, message: error };
}

/** Run `probe` against container `c` of a pod at `podIP`. */
export function runProbe(
  probe: ProbeSpec,
  c: ProbedContainer,
  podIP: string,
  run?: ProbedRun,
): ProbeResult {
  if (probe.httpGet) {
    const port = portOf(c, probe.httpGet.port);
    const path = probe.httpGet.path ?? '';
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    const host = probe.httpGet.host || podIP;
    if (port === undefined) {
      return { ok: false, message: `unable to find port: ${String(probe.httpGet.port)}` };
    }
    if (typeof port === 'object') return portError(port.error);
    const code = answer(c, port, path, run);
    if (code === undefined) {
      return {
        ok: false,
        message: `Get "${scheme}://${host}:${port}${path}": dial tcp ${host}:${port}: connect: connection refused`,
      };
    }
    return code >= 200 && code < 400
      ? { ok: true, message: '' }
      : { ok: false, message: `HTTP probe failed with statuscode: ${code}` };
  }
  if (probe.tcpSocket || probe.grpc) {
    const resolved = portOf(c, probe.tcpSocket?.port ?? probe.grpc?.port);
    if (typeof resolved === 'object') return portError(resolved.error);
    const port = resolved;
    const host = probe.tcpSocket?.host || podIP;
    if (port !== undefined && answer(c, port, '/', run) !== undefined)
      return { ok: true, message: '' };
    return {
      ok: false,
      message: `dial tcp ${host}:${port ?? 0}: connect: connection refused`,
    };
  }
  const argv = probe.exec?.command ?? [];
  const r = execInContainer(c.image, argv, run?.elapsedMs ?? 0, run?.files);
  // The probe's message is the command's combined output, as the exec prober returns it.
  return !r || r.exitCode === 0 ? { ok: true, message: '' } : { ok: false, message: r.output };
}

/** How describe prints a probe: `http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function describeProbe(p: ProbeSpec): string {
  let what: string;
  if (p.httpGet) {
    const scheme = (p.httpGet.scheme ?? 'HTTP').toLowerCase();
    what = `http-get ${scheme}://${p.httpGet.host ?? ''}:${p.httpGet.port ?? ''}${p.httpGet.path ?? ''}`;
  } else if (p.tcpSocket) {
    what = `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port ?? ''}`;
  } else if (p.grpc) {
    what = `grpc <pod>:${p.grpc.port ?? ''}`;
  } else {
    what = `exec [${(p.exec?.command ?? []).join(' ')}]`;
  }
  return `${what} delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
}
