/**
 * The endpoints controller (`endpoint-controller`): for every Service with a selector, an
 * Endpoints object of the same name listing the matching pods — ready ones under `addresses`,
 * the others under `notReadyAddresses` — with the service's ports resolved against the pods'
 * container ports. Pods without an IP, finished or being deleted are left out.
 */
import type { KubeObject } from '../api/types.ts';
import type { Reconciler, Write } from '../runtime/controller.ts';
import {
  canonicalJson,
  clone,
  deepEqual,
  isDeleting,
  isPodReady,
  mapSelectorMatches,
  nameOf,
  namespaceOf,
  podNodeName,
  podPhase,
  specOf,
  statusOf,
  uidOf,
  withoutResourceVersion,
} from './objects.ts';

export const COMPONENT_ENDPOINTS = 'endpoint-controller';
export const TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';

interface ServicePort {
  name?: string;
  port: number;
  protocol?: string;
  targetPort?: number | string;
}

interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string };
}

interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

/**
 * `ShouldSetHostname`: a pod with `spec.hostname` whose `spec.subdomain` names this Service (in
 * its namespace) is listed under that hostname, which cluster DNS turns into the pod's own name
 * (`web-0.nginx.default.svc.cluster.local`, a StatefulSet's pods). Undefined otherwise.
 */
export function endpointHostname(pod: KubeObject, service: KubeObject): string | undefined {
  const spec = specOf<{ hostname?: string; subdomain?: string }>(pod);
  if (!spec.hostname || spec.subdomain !== nameOf(service)) return undefined;
  return namespaceOf(pod) === namespaceOf(service) ? spec.hostname : undefined;
}

/** podutil.FindPort for a named target port: a container port of that name and protocol. */
function containerPort(pod: KubeObject, name: string, protocol: string): number | undefined {
  const containers =
    specOf<{
      containers?: { ports?: { name?: string; containerPort: number; protocol?: string }[] }[];
    }>(pod).containers ?? [];
  for (const c of containers) {
    const p = (c.ports ?? []).find((x) => x.name === name && (x.protocol ?? 'TCP') === protocol);
    if (p) return p.containerPort;
  }
  return undefined;
}

function byIP(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  return a.targetRef.uid < b.targetRef.uid ? -1 : a.targetRef.uid > b.targetRef.uid ? 1 : 0;
}

/** The subsets of a Service's Endpoints, grouped by port set as `RepackSubsets` does. */
export function endpointSubsets(
  service: KubeObject,
  pods: readonly KubeObject[],
): EndpointSubset[] {
  const spec = specOf<{
    selector?: Record<string, string>;
    ports?: ServicePort[];
    publishNotReadyAddresses?: boolean;
  }>(service);
  const groups = new Map<
    string,
    { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }
  >();
  for (const pod of pods) {
    if (!mapSelectorMatches(spec.selector, pod.metadata?.labels)) continue;
    const ip = statusOf<{ podIP?: string }>(pod).podIP;
    const phase = podPhase(pod);
    if (!ip || phase === 'Succeeded' || phase === 'Failed') continue;
    if (isDeleting(pod) && !spec.publishNotReadyAddresses) continue;
    const ports: EndpointPort[] = [];
    for (const sp of spec.ports ?? []) {
      const target = sp.targetPort ?? sp.port;
      const protocol = sp.protocol ?? 'TCP';
      // FindPort: a named port the pod does not have leaves the pod out of that port.
      const port = typeof target === 'number' ? target : containerPort(pod, target, protocol);
      if (port === undefined || !Number.isFinite(port)) continue;
      const ep: EndpointPort = { port, protocol };
      if (sp.name) ep.name = sp.name;
      ports.push(ep);
    }
    // A pod that has none of the Service's ports is in no subset (only a headless Service
    // without ports lists bare addresses).
    if (ports.length === 0 && (spec.ports ?? []).length > 0) continue;
    const address: EndpointAddress = {
      ip,
      targetRef: { kind: 'Pod', namespace: namespaceOf(pod), name: nameOf(pod), uid: uidOf(pod) },
    };
    const hostname = endpointHostname(pod, service);
    if (hostname !== undefined) address.hostname = hostname;
    const node = podNodeName(pod);
    if (node) address.nodeName = node;
    const key = canonicalJson(ports);
    let g = groups.get(key);
    if (!g) {
      g = { ports, ready: [], notReady: [] };
      groups.set(key, g);
    }
    if (isPodReady(pod) || spec.publishNotReadyAddresses) g.ready.push(address);
    else g.notReady.push(address);
  }
  const subsets: EndpointSubset[] = [];
  for (const key of [...groups.keys()].sort()) {
    const g = groups.get(key)!;
    const s: EndpointSubset = {};
    if (g.ready.length > 0) s.addresses = [...g.ready].sort(byIP);
    if (g.notReady.length > 0) s.notReadyAddresses = [...g.notReady].sort(byIP);
    if (g.ports.length > 0) s.ports = g.ports;
    subsets.push(s);
  }
  return subsets;
}

/**
 * The work key `ns/<namespace>` of a controller that syncs whole namespaces, made once per
 * namespace in `keys`: the queue hashes a key on every add (each pod event), and a string built
 * anew is hashed anew while a reused one keeps its hash. Bounded by the namespaces seen; dropped
 * wholesale should that grow large.
 */
export function namespaceKey(keys: Map<string, string>, ns: string): string {
  let key = keys.get(ns);
  if (key === undefined) {
    if (keys.size >= 4096) keys.clear();
    key = `ns/${ns}`;
    keys.set(ns, key);
  }
  return key;
}

export function createEndpointsController(): Reconciler {
  /** Work keys by namespace ({@link namespaceKey}). */
  const nsKeys = new Map<string, string>();
  return {
    actor: 'controller-manager',
    name: COMPONENT_ENDPOINTS,
    watches: ['services', 'pods', 'endpoints'],
    keysFor(_resource, obj) {
      return [namespaceKey(nsKeys, namespaceOf(obj))];
    },
    reconcile(key, cache, ctx) {
      const ns = key.slice('ns/'.length);
      const writes: Write[] = [];
      // Listed only for a Service with a selector: a list after pods came or went sorts them
      // again, which namespaces without such a Service never need.
      let pods: readonly KubeObject[] | undefined;
      const services = cache.list('services', ns);
      const names = new Set(services.map(nameOf));
      for (const svc of services) {
        const selector = specOf<{ selector?: Record<string, string> }>(svc).selector;
        // Services without a selector have manually managed Endpoints (like `kubernetes`).
        if (!selector || Object.keys(selector).length === 0) continue;
        pods ??= cache.list('pods', ns);
        const subsets = endpointSubsets(svc, pods);
        const existing = cache.get('endpoints', ns, nameOf(svc));
        const labels = { ...svc.metadata?.labels };
        if (!existing) {
          const metadata: Record<string, unknown> = {
            name: nameOf(svc),
            namespace: ns,
            annotations: { [TRIGGER_TIME_ANNOTATION]: ctx.timestamp() },
          };
          if (Object.keys(labels).length > 0) metadata.labels = labels;
          const obj: KubeObject = { apiVersion: 'v1', kind: 'Endpoints', metadata };
          if (subsets.length > 0) obj.subsets = subsets;
          writes.push({ verb: 'create', resource: 'endpoints', namespace: ns, obj });
          continue;
        }
        const oldSubsets = (existing.subsets as EndpointSubset[] | undefined) ?? [];
        const oldLabels = existing.metadata?.labels ?? {};
        if (deepEqual(oldSubsets, subsets) && deepEqual(oldLabels, labels)) continue;
        const obj = withoutResourceVersion(existing);
        const meta = clone(obj.metadata ?? {});
        meta.labels = labels;
        meta.annotations = { ...meta.annotations, [TRIGGER_TIME_ANNOTATION]: ctx.timestamp() };
        obj.metadata = meta;
        if (subsets.length > 0) obj.subsets = subsets;
        else delete obj.subsets;
        writes.push({ verb: 'update', resource: 'endpoints', namespace: ns, obj });
      }
      // Endpoints this controller made for a Service that is gone.
      for (const ep of cache.list('endpoints', ns)) {
        if (names.has(nameOf(ep)) || isDeleting(ep)) continue;
        if (ep.metadata?.annotations?.[TRIGGER_TIME_ANNOTATION] === undefined) continue;
        writes.push({ verb: 'delete', resource: 'endpoints', namespace: ns, name: nameOf(ep) });
      }
      return { writes };
    },
  };
}
