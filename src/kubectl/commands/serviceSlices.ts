/**
 * A Service's endpoints as a container's connection (kubectl exec) and cluster DNS find them:
 * from its EndpointSlices, as kube-proxy 1.32 and CoreDNS read them (proxyEndpoints.ts), not
 * from the Endpoints object (which drops a terminating pod at once, while kube-proxy still
 * sends traffic to a serving terminating endpoint when no ready one is left).
 */
import type { KubeObject } from '../../engine/api/types.ts';
import {
  clusterTargets,
  portTargets,
  type SliceTarget,
  slicesByService,
} from '../../engine/node/proxyEndpoints.ts';
import type { Ctx } from '../context.ts';
import { listAll } from './common.ts';

interface SliceEndpoint {
  addresses?: string[];
  conditions?: { ready?: boolean | null };
  hostname?: string;
  targetRef?: { kind?: string; name?: string; namespace?: string };
}

/** The EndpointSlices of the Service `namespace/name`. */
export function serviceSlices(ctx: Ctx, namespace: string, name: string): KubeObject[] {
  return (
    slicesByService(
      listAll(ctx, 'endpointslices', namespace, `kubernetes.io/service-name=${name}`),
    ).get(`${namespace}/${name}`) ?? []
  );
}

/** Where cluster traffic to the Service port (`portName`, `protocol`) goes, sorted by address. */
export function portEndpoints(
  slices: readonly KubeObject[],
  portName: string,
  protocol: string,
): SliceTarget[] {
  return clusterTargets(portTargets(slices, portName, protocol));
}

/** The slice endpoints of `slices`, each once by address (a ready listing first). */
function sliceEndpoints(slices: readonly KubeObject[]): SliceEndpoint[] {
  const out: SliceEndpoint[] = [];
  for (const s of slices) {
    for (const e of (s.endpoints as SliceEndpoint[] | null | undefined) ?? []) out.push(e);
  }
  return out;
}

/** The ready addresses of a headless Service (CoreDNS's A records), sorted, and their hostnames. */
export function readyAddresses(slices: readonly KubeObject[]): {
  ips: string[];
  hostnames: Map<string, string>;
} {
  const ips = new Set<string>();
  const hostnames = new Map<string, string>();
  for (const e of sliceEndpoints(slices)) {
    const ip = e.addresses?.[0];
    if (!ip || e.conditions?.ready === false) continue;
    ips.add(ip);
    if (e.hostname) hostnames.set(ip, e.hostname);
  }
  return { ips: [...ips].sort(), hostnames };
}

/** The pod behind the endpoint at `ip`, as its slice names it. */
export function endpointTarget(
  slices: readonly KubeObject[],
  ip: string,
): SliceEndpoint['targetRef'] | undefined {
  return sliceEndpoints(slices).find((e) => e.addresses?.[0] === ip)?.targetRef;
}
