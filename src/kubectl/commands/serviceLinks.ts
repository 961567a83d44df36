/**
 * The Service link variables the kubelet puts in a container's environment (enableServiceLinks,
 * true by default): for each Service of the pod's namespace with a cluster IP that existed when
 * the container started, `<NAME>_SERVICE_HOST`, `<NAME>_SERVICE_PORT` (the first port),
 * `<NAME>_SERVICE_PORT_<PORT NAME>` for named ports, and the Docker-style link variables
 * (`<NAME>_PORT=tcp://IP:PORT`, `<NAME>_PORT_<PORT>_<PROTO>…`) — pkg/kubelet/envvars. A Service
 * created after the container started is not there until the container starts again. The
 * `kubernetes` Service's variables every container has (program.ts) are left to it.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../engine/api/types.ts';
import type { Ctx } from '../context.ts';
import { listAll } from './common.ts';

interface ServiceSpec {
  clusterIP?: string;
  ports?: { name?: string; port: number; protocol?: string }[];
}

/** makeEnvVariableName: upper case, dashes to underscores. */
const envName = (s: string) => s.toUpperCase().replace(/-/g, '_');

/** envvars.FromServices for one Service: its variables in the kubelet's order. */
export function serviceLinkVariables(name: string, spec: ServiceSpec): [string, string][] {
  const ip = spec.clusterIP;
  const ports = spec.ports ?? [];
  if (!ip || ip === 'None' || ports.length === 0) return [];
  const prefix = envName(name);
  const out: [string, string][] = [
    [`${prefix}_SERVICE_HOST`, ip],
    [`${prefix}_SERVICE_PORT`, String(ports[0]?.port)],
  ];
  for (const p of ports) {
    if (p.name) out.push([`${prefix}_SERVICE_PORT_${envName(p.name)}`, String(p.port)]);
  }
  ports.forEach((p, i) => {
    const proto = (p.protocol ?? 'TCP').toLowerCase();
    const url = `${proto}://${ip}:${p.port}`;
    if (i === 0) out.push([`${prefix}_PORT`, url]);
    const portPrefix = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
    out.push(
      [portPrefix, url],
      [`${portPrefix}_PROTO`, proto],
      [`${portPrefix}_PORT`, String(p.port)],
      [`${portPrefix}_ADDR`, ip],
    );
  });
  return out;
}

/**
 * The link variables of the Services in the pod's namespace when `container` started (by
 * creation time; by name), or undefined when the pod turns them off or there are none.
 */
export function serviceLinksOf(
  ctx: Ctx,
  pod: Pod,
  container: string | undefined,
): Map<string, string> | undefined {
  if (pod.spec?.enableServiceLinks === false) return undefined;
  const namespace = pod.metadata?.namespace ?? ctx.namespace;
  const status = [
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.ephemeralContainerStatuses ?? []),
  ].find((s) => s.name === container);
  const startedAt =
    status?.state?.running?.startedAt ?? status?.state?.terminated?.startedAt ?? undefined;
  const startMs = startedAt ? Date.parse(startedAt) : ctx.host.nowEpochMs();
  // The kubelet's informer, not a request of kubectl's: read without one when the host can.
  const all: readonly KubeObject[] = ctx.host.machines
    ? ctx.host.machines.list('services').filter((s) => s.metadata?.namespace === namespace)
    : listAll(ctx, 'services', namespace);
  const services = all
    .filter((s) => {
      if (namespace === 'default' && s.metadata?.name === 'kubernetes') return false;
      const created = Date.parse(s.metadata?.creationTimestamp ?? '');
      return Number.isFinite(created) && created <= startMs;
    })
    .sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
  const out = new Map<string, string>();
  for (const s of services) {
    for (const [k, v] of serviceLinkVariables(s.metadata?.name ?? '', s.spec as ServiceSpec)) {
      out.set(k, v);
    }
  }
  return out.size > 0 ? out : undefined;
}
