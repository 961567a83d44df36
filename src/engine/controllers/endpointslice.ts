/**
 * The endpointslice controller (`endpointslice-controller`, pkg/controller/endpointslice with
 * k8s.io/endpointslice's reconciler): for every Service with a selector, EndpointSlices of
 * address type IPv4 listing the matching pods, one slice per set of resolved ports. A slice is
 * created with `generateName: <service>-` (the API server adds five random characters), the
 * Service's labels plus `kubernetes.io/service-name` and `endpointslice.kubernetes.io/managed-by`,
 * and a controller reference to the Service (the garbage collector deletes it with the Service).
 *
 * Each endpoint is one pod: its IP, conditions (`ready` = ready and not terminating, `serving` =
 * ready, `terminating` = being deleted: terminating pods stay listed), `nodeName` and a
 * `targetRef` to the pod. Pods without an IP or finished are left out. A Service matching no
 * pod keeps one placeholder slice with `endpoints: null` and `ports: null`.
 *
 * A slice holds at most 100 endpoints (`--max-endpoints-per-slice`); an endpoint stays in the
 * slice that lists it. Simplified: endpoints are kept in IP order within a slice, and new ones
 * fill slices in name order (the real reconciler picks the slice closest to full). The Endpoints
 * controller (endpoints.ts) still runs beside this one, as in 1.32.
 */
import type { KubeObject } from '../api/types.ts';
import type { Reconciler, Write } from '../runtime/controller.ts';
import { endpointHostname, namespaceKey } from './endpoints.ts';
import {
  canonicalJson,
  clone,
  controllerRef,
  deepEqual,
  isDeleting,
  isPodReady,
  mapSelectorMatches,
  nameOf,
  namespaceOf,
  ownerReferences,
  podNodeName,
  podPhase,
  specOf,
  statusOf,
  uidOf,
  withoutResourceVersion,
} from './objects.ts';

export const COMPONENT_ENDPOINTSLICE = 'endpointslice-controller';
/** `discovery.LabelServiceName`. */
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
/** `discovery.LabelManagedBy`. */
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
/** The managed-by value of this controller's slices. */
export const MANAGED_BY_CONTROLLER = 'endpointslice-controller.k8s.io';
/** `v1.IsHeadlessService`: on the slices of a Service without a cluster IP. */
const LABEL_HEADLESS = 'service.kubernetes.io/headless';
const TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';

interface ServicePort {
  name?: string;
  port: number;
  protocol?: string;
  targetPort?: number | string;
  appProtocol?: string;
}

interface SlicePort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

interface SliceEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  hostname?: string;
  nodeName?: string;
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string };
}

/** What one slice should hold: its ports and endpoints (null when none, as stored). */
export interface DesiredSlice {
  ports: SlicePort[] | null;
  endpoints: SliceEndpoint[] | null;
}

interface ServiceSpec {
  selector?: Record<string, string>;
  ports?: ServicePort[];
  clusterIP?: string;
  publishNotReadyAddresses?: boolean;
}

/** `FindPort`: a number as it is, a name looked up among the containers' ports of that protocol. */
function findPort(pod: KubeObject, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  const protocol = sp.protocol ?? 'TCP';
  const spec = specOf<{
    containers?: { ports?: { name?: string; containerPort: number; protocol?: string }[] }[];
    initContainers?: {
      restartPolicy?: string;
      ports?: { name?: string; containerPort: number; protocol?: string }[];
    }[];
  }>(pod);
  const sidecars = (spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  for (const c of [...(spec.containers ?? []), ...sidecars]) {
    const p = (c.ports ?? []).find((x) => x.name === target && (x.protocol ?? 'TCP') === protocol);
    if (p) return p.containerPort;
  }
  return undefined;
}

/** The labels a slice of `service` carries (`setEndpointSliceLabels`). */
export function sliceLabels(service: KubeObject): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(service.metadata?.labels ?? {})) {
    if (k === LABEL_SERVICE_NAME || k === LABEL_MANAGED_BY || k === LABEL_HEADLESS) continue;
    labels[k] = v;
  }
  const clusterIP = specOf<ServiceSpec>(service).clusterIP;
  if (!clusterIP || clusterIP === 'None') labels[LABEL_HEADLESS] = '';
  labels[LABEL_SERVICE_NAME] = nameOf(service);
  labels[LABEL_MANAGED_BY] = MANAGED_BY_CONTROLLER;
  return labels;
}

function byAddress(a: SliceEndpoint, b: SliceEndpoint): number {
  const x = a.addresses[0] ?? '';
  const y = b.addresses[0] ?? '';
  if (x !== y) return x < y ? -1 : 1;
  return a.targetRef.uid < b.targetRef.uid ? -1 : a.targetRef.uid > b.targetRef.uid ? 1 : 0;
}

/**
 * What `service` should list given the namespace's `pods`: the endpoints of each set of resolved
 * ports (however many; the reconciler splits them into slices of at most 100), in the order of
 * their ports' JSON; a single placeholder when no pod qualifies.
 */
export function desiredSlices(service: KubeObject, pods: readonly KubeObject[]): DesiredSlice[] {
  const spec = specOf<ServiceSpec>(service);
  const groups = new Map<string, { ports: SlicePort[]; endpoints: SliceEndpoint[] }>();
  for (const pod of pods) {
    if (!mapSelectorMatches(spec.selector, pod.metadata?.labels)) continue;
    const phase = podPhase(pod);
    const ip = statusOf<{ podIP?: string }>(pod).podIP;
    if (!ip || phase === 'Succeeded' || phase === 'Failed') continue;
    const ports: SlicePort[] = [];
    for (const sp of spec.ports ?? []) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const p: SlicePort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
      if (sp.appProtocol) p.appProtocol = sp.appProtocol;
      ports.push(p);
    }
    const serving = isPodReady(pod);
    const terminating = isDeleting(pod);
    const endpoint: SliceEndpoint = {
      addresses: [ip],
      conditions: {
        ready: spec.publishNotReadyAddresses === true || (serving && !terminating),
        serving,
        terminating,
      },
      targetRef: { kind: 'Pod', namespace: namespaceOf(pod), name: nameOf(pod), uid: uidOf(pod) },
    };
    const hostname = endpointHostname(pod, service);
    if (hostname !== undefined) endpoint.hostname = hostname;
    const node = podNodeName(pod);
    if (node) endpoint.nodeName = node;
    const key = canonicalJson(ports);
    let g = groups.get(key);
    if (!g) {
      g = { ports, endpoints: [] };
      groups.set(key, g);
    }
    g.endpoints.push(endpoint);
  }
  if (groups.size === 0) return [{ ports: null, endpoints: null }];
  return [...groups.keys()].sort().map((key) => {
    const g = groups.get(key)!;
    return {
      ports: g.ports.length > 0 ? g.ports : null,
      endpoints: g.endpoints.sort(byAddress),
    };
  });
}

/** A new slice for `service` (the API server names it from `generateName`). */
export function newEndpointSlice(
  service: KubeObject,
  desired: DesiredSlice,
  triggerTime: string,
): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${nameOf(service)}-`,
      namespace: namespaceOf(service),
      labels: sliceLabels(service),
      annotations: { [TRIGGER_TIME_ANNOTATION]: triggerTime },
      ownerReferences: [controllerRef('services', service)],
    },
    addressType: 'IPv4',
    endpoints: desired.endpoints,
    ports: desired.ports,
  };
}

/** Whether `slice` is this controller's slice for `service`. */
function sliceOf(slice: KubeObject, service: KubeObject): boolean {
  const labels = slice.metadata?.labels;
  return (
    labels?.[LABEL_MANAGED_BY] === MANAGED_BY_CONTROLLER &&
    labels[LABEL_SERVICE_NAME] === nameOf(service) &&
    ownerReferences(slice).some((r) => r.uid === uidOf(service) && r.kind === 'Service')
  );
}

/** The writes that bring the slices of one Service to what it should have. */
/** `maxEndpointsPerSlice`: kube-controller-manager's default (--max-endpoints-per-slice). */
export const MAX_ENDPOINTS_PER_SLICE = 100;

function endpointsOf(slice: KubeObject): SliceEndpoint[] {
  return Array.isArray(slice.endpoints) ? (slice.endpoints as SliceEndpoint[]) : [];
}

/** A slice with neither endpoints nor ports: what a Service matching no pod keeps. */
function isPlaceholder(slice: KubeObject): boolean {
  return endpointsOf(slice).length === 0 && (slice.ports ?? null) === null;
}

/**
 * The writes that bring the slices of one Service to what it should have (the reconciler's
 * reconcileByPortMapping and finalize, simplified): per set of ports, an endpoint stays in the
 * slice that lists it; new endpoints fill slices with room, in name order, then new slices of
 * at most 100; a slice left empty goes. A Service with no endpoint keeps one placeholder. A
 * slice that would be deleted takes the place of one that would be created, by an update.
 */
function reconcileService(
  service: KubeObject,
  pods: readonly KubeObject[],
  existing: readonly KubeObject[],
  triggerTime: string,
): Write[] {
  const ns = namespaceOf(service);
  const labels = sliceLabels(service);
  const writes: Write[] = [];
  const toCreate: DesiredSlice[] = [];
  const toDelete: KubeObject[] = [];
  const bySet = new Map<string, KubeObject[]>();
  for (const slice of existing) {
    if (isDeleting(slice)) continue;
    const key = canonicalJson(slice.ports ?? []);
    const list = bySet.get(key) ?? [];
    list.push(slice);
    bySet.set(key, list);
  }
  const wanted = desiredSlices(service, pods).filter((d) => d.endpoints !== null);
  const wantedKeys = new Set(wanted.map((d) => canonicalJson(d.ports ?? [])));
  for (const [key, slices] of bySet) if (!wantedKeys.has(key)) toDelete.push(...slices);
  for (const want of wanted) {
    const ports = want.ports;
    const all = want.endpoints ?? [];
    const byUid = new Map(all.map((e) => [e.targetRef.uid, e]));
    const placed = new Set<string>();
    const plans = (bySet.get(canonicalJson(ports ?? [])) ?? [])
      .sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : 1))
      .map((slice) => {
        const kept: SliceEndpoint[] = [];
        for (const e of endpointsOf(slice)) {
          const uid = e.targetRef?.uid ?? '';
          const now = byUid.get(uid);
          if (now && !placed.has(uid) && kept.length < MAX_ENDPOINTS_PER_SLICE) {
            placed.add(uid);
            kept.push(now);
          }
        }
        return { slice, endpoints: kept };
      });
    const rest = all.filter((e) => !placed.has(e.targetRef.uid));
    for (const plan of plans) {
      while (rest.length > 0 && plan.endpoints.length < MAX_ENDPOINTS_PER_SLICE) {
        plan.endpoints.push(rest.shift()!);
      }
    }
    while (rest.length > 0) {
      toCreate.push({ ports, endpoints: rest.splice(0, MAX_ENDPOINTS_PER_SLICE) });
    }
    for (const plan of plans) {
      if (plan.endpoints.length === 0) toDelete.push(plan.slice);
      else {
        const endpoints = plan.endpoints.sort(byAddress);
        writes.push(...updateIfChanged(plan.slice, { ports, endpoints }, labels, triggerTime));
      }
    }
  }
  // No endpoint at all: one placeholder, the existing one when it is the only slice left.
  if (wanted.length === 0) {
    const [only] = toDelete;
    if (toDelete.length === 1 && only && isPlaceholder(only)) {
      toDelete.length = 0;
      writes.push(...updateIfChanged(only, { ports: null, endpoints: null }, labels, triggerTime));
    } else toCreate.push({ ports: null, endpoints: null });
  }
  // finalize: a slice that would be deleted takes a slice that would be created, by update.
  while (toCreate.length > 0 && toDelete.length > 0) {
    const want = toCreate.pop()!;
    const reuse = toDelete.shift()!;
    writes.push(...updateIfChanged(reuse, want, labels, triggerTime));
  }
  for (const want of toCreate) {
    writes.push({
      verb: 'create',
      resource: 'endpointslices',
      namespace: ns,
      obj: newEndpointSlice(service, want, triggerTime),
    });
  }
  for (const slice of toDelete) {
    writes.push({ verb: 'delete', resource: 'endpointslices', namespace: ns, name: nameOf(slice) });
  }
  return writes;
}

function updateIfChanged(
  slice: KubeObject,
  want: DesiredSlice,
  labels: Record<string, string>,
  triggerTime: string,
): Write[] {
  if (
    deepEqual(slice.endpoints ?? null, want.endpoints) &&
    deepEqual(slice.ports ?? null, want.ports) &&
    deepEqual(slice.metadata?.labels ?? {}, labels)
  ) {
    return [];
  }
  const obj = withoutResourceVersion(slice);
  const meta = clone(obj.metadata ?? {});
  meta.labels = labels;
  meta.annotations = { ...meta.annotations, [TRIGGER_TIME_ANNOTATION]: triggerTime };
  obj.metadata = meta;
  obj.endpoints = want.endpoints;
  obj.ports = want.ports;
  return [{ verb: 'update', resource: 'endpointslices', namespace: namespaceOf(slice), obj }];
}

export function createEndpointSliceController(): Reconciler {
  /** Work keys by namespace ({@link namespaceKey}). */
  const nsKeys = new Map<string, string>();
  return {
    actor: 'controller-manager',
    name: COMPONENT_ENDPOINTSLICE,
    watches: ['services', 'pods', 'endpointslices'],
    keysFor(_resource, obj) {
      return [namespaceKey(nsKeys, namespaceOf(obj))];
    },
    reconcile(key, cache, ctx) {
      const ns = key.slice('ns/'.length);
      const writes: Write[] = [];
      let pods: readonly KubeObject[] | undefined;
      let slices: readonly KubeObject[] | undefined;
      for (const svc of cache.list('services', ns)) {
        const selector = specOf<ServiceSpec>(svc).selector;
        // A Service without a selector gets no slices from this controller (`kubernetes`'s
        // slice is the API server's).
        if (!selector || Object.keys(selector).length === 0 || isDeleting(svc)) continue;
        pods ??= cache.list('pods', ns);
        slices ??= cache.list('endpointslices', ns);
        const mine = slices.filter((s) => sliceOf(s, svc));
        writes.push(...reconcileService(svc, pods, mine, ctx.timestamp()));
      }
      return { writes };
    },
  };
}
