/**
 * What kube-proxy 1.32 reads of the EndpointSlices (discovery.k8s.io/v1) of a Service port, and
 * how it sorts them (pkg/proxy/endpointslicecache.go and topology.go `CategorizeEndpoints`).
 *
 * A slice belongs to the Service its `kubernetes.io/service-name` label names (a slice without
 * that label is ignored); an endpoint is its first address with the port of the slice whose name
 * and protocol are the Service port's. Conditions: `ready` and `serving` are true when unset,
 * `terminating` false. The same address listed twice (two slices, during a move) counts once.
 *
 * Cluster traffic goes to the ready endpoints; when none is ready anywhere, to the ones still
 * serving while terminating (a best effort not to drop connections while the last pods stop).
 * Local traffic (externalTrafficPolicy Local) goes to the node's ready endpoints, else to its
 * serving terminating ones.
 */
import type { KubeObject } from '../api/types.ts';

/** `discovery.LabelServiceName`. */
const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';

/** One endpoint of a Service port as kube-proxy keeps it. */
export interface SliceTarget {
  ip: string;
  port: number;
  nodeName?: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

interface SliceEndpoint {
  addresses?: string[];
  conditions?: { ready?: boolean | null; serving?: boolean | null; terminating?: boolean | null };
  nodeName?: string;
}

interface SlicePort {
  name?: string | null;
  port?: number | null;
  protocol?: string | null;
}

/** The EndpointSlices of each Service (`<namespace>/<name>`), in the order listed. */
export function slicesByService(slices: readonly KubeObject[]): Map<string, KubeObject[]> {
  const out = new Map<string, KubeObject[]>();
  for (const s of slices) {
    const service = s.metadata?.labels?.[LABEL_SERVICE_NAME];
    if (!service) continue;
    if ((s.addressType as string | undefined) !== 'IPv4') continue;
    const id = `${s.metadata?.namespace ?? ''}/${service}`;
    const list = out.get(id);
    if (list) list.push(s);
    else out.set(id, [s]);
  }
  return out;
}

/**
 * The endpoints of the Service port named `portName` (`''` for an unnamed one) with `protocol`,
 * from its slices: sorted by address and port, each once (a ready listing wins over another).
 */
export function portTargets(
  slices: readonly KubeObject[] | undefined,
  portName: string,
  protocol: string,
): SliceTarget[] {
  if (!slices || slices.length === 0) return [];
  const byAddress = new Map<string, SliceTarget>();
  for (const s of slices) {
    const ports = (s.ports as SlicePort[] | null | undefined) ?? [];
    const p = ports.find(
      (sp) => (sp.name ?? '') === portName && (sp.protocol ?? 'TCP') === protocol,
    );
    if (!p || typeof p.port !== 'number') continue;
    for (const e of (s.endpoints as SliceEndpoint[] | null | undefined) ?? []) {
      const ip = e.addresses?.[0];
      if (!ip) continue;
      const c = e.conditions ?? {};
      const t: SliceTarget = {
        ip,
        port: p.port,
        ready: c.ready !== false,
        serving: c.serving !== false,
        terminating: c.terminating === true,
      };
      if (e.nodeName) t.nodeName = e.nodeName;
      const key = `${ip}:${p.port}`;
      const seen = byAddress.get(key);
      if (!seen || (!seen.ready && t.ready)) byAddress.set(key, t);
    }
  }
  return [...byAddress.values()].sort((a, b) =>
    a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : a.port - b.port,
  );
}

/** Serving while terminating: used only when nothing better is there. */
function servingTerminating(t: { ready?: boolean; serving?: boolean; terminating?: boolean }) {
  return t.ready === false && t.serving === true && t.terminating === true;
}

/**
 * The endpoints cluster traffic goes to: the ready ones; when none is ready anywhere, the ones
 * serving while terminating.
 */
export function clusterTargets<T extends SliceTarget>(targets: readonly T[]): T[] {
  const ready = targets.filter((t) => t.ready);
  return ready.length > 0 ? ready : targets.filter(servingTerminating);
}

/**
 * The endpoints local traffic goes to on `node` (externalTrafficPolicy Local): the node's ready
 * ones, else its serving terminating ones.
 */
export function localTargets<
  T extends { nodeName?: string; ready?: boolean; serving?: boolean; terminating?: boolean },
>(targets: readonly T[], node: string): T[] {
  const here = targets.filter((t) => t.nodeName === node);
  const ready = here.filter((t) => t.ready !== false);
  return ready.length > 0 ? ready : here.filter(servingTerminating);
}
