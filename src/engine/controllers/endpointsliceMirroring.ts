/**
 * The endpointslice mirroring controller (`endpointslicemirroring-controller`,
 * pkg/controller/endpointslicemirroring): for a Service without a selector whose Endpoints
 * were written by hand, EndpointSlices that mirror them, so that whatever reads slices sees the
 * same addresses. One slice per subset (ports), named from `generateName: <endpoints>-`, with the
 * Endpoints' labels plus `kubernetes.io/service-name` and `endpointslice.kubernetes.io/managed-by:
 * endpointslicemirroring-controller.k8s.io`, the Endpoints' annotations but the trigger time and
 * last-applied configuration, and a controller reference to the Endpoints. Endpoints labelled
 * `endpointslice.kubernetes.io/skip-mirror: "true"` (the API server's `kubernetes`) and those of
 * Services with a selector (the endpoints controller's) are not mirrored; mirrored slices go when
 * the Endpoints go or the Service gains a selector.
 */
import type { KubeObject } from '../api/types.ts';
import type { Reconciler, Write } from '../runtime/controller.ts';
import { namespaceKey } from './endpoints.ts';
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from './endpointslice.ts';
import {
  canonicalJson,
  controllerRef,
  deepEqual,
  isDeleting,
  nameOf,
  namespaceOf,
  specOf,
  withoutResourceVersion,
} from './objects.ts';

export const COMPONENT_ENDPOINTSLICE_MIRRORING = 'endpointslicemirroring-controller';
/** The managed-by value of mirrored slices. */
export const MANAGED_BY_MIRRORING = 'endpointslicemirroring-controller.k8s.io';
const SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';
const DROPPED_ANNOTATIONS = new Set([
  'endpoints.kubernetes.io/last-change-trigger-time',
  'kubectl.kubernetes.io/last-applied-configuration',
]);

interface EndpointAddress {
  ip?: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: Record<string, unknown>;
}

interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: { name?: string; port: number; protocol?: string; appProtocol?: string }[];
}

interface MirroredSlice {
  ports: Record<string, unknown>[] | null;
  endpoints: Record<string, unknown>[];
}

/** An address as a mirrored endpoint: its IP, readiness, hostname, node and target. */
function endpointOf(a: EndpointAddress, ready: boolean): Record<string, unknown> {
  const e: Record<string, unknown> = { addresses: [a.ip ?? ''], conditions: { ready } };
  if (a.hostname) e.hostname = a.hostname;
  if (a.nodeName) e.nodeName = a.nodeName;
  if (a.targetRef) e.targetRef = a.targetRef;
  return e;
}

/** What the Endpoints' subsets mirror to: one slice per subset with addresses. */
function mirrored(ep: KubeObject): MirroredSlice[] {
  const subsets = ((ep as { subsets?: EndpointSubset[] }).subsets ?? []).filter(
    (s) => (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0) > 0,
  );
  return subsets.map((s) => ({
    ports: s.ports?.length
      ? s.ports.map((p) => ({
          name: p.name ?? '',
          port: p.port,
          protocol: p.protocol ?? 'TCP',
          ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
        }))
      : null,
    endpoints: [
      ...(s.addresses ?? []).map((a) => endpointOf(a, true)),
      ...(s.notReadyAddresses ?? []).map((a) => endpointOf(a, false)),
    ],
  }));
}

function sliceMeta(ep: KubeObject): {
  labels: Record<string, string>;
  annotations: Record<string, string>;
} {
  const labels: Record<string, string> = { ...(ep.metadata?.labels ?? {}) };
  labels[LABEL_SERVICE_NAME] = nameOf(ep);
  labels[LABEL_MANAGED_BY] = MANAGED_BY_MIRRORING;
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(ep.metadata?.annotations ?? {})) {
    if (!DROPPED_ANNOTATIONS.has(k)) annotations[k] = v;
  }
  return { labels, annotations };
}

/** The writes that make the mirrored slices of Endpoints `name` what they should be. */
function reconcileEndpoints(
  ns: string,
  name: string,
  ep: KubeObject | undefined,
  service: KubeObject | undefined,
  existing: readonly KubeObject[],
): Write[] {
  const selector = service
    ? specOf<{ selector?: Record<string, string> }>(service).selector
    : undefined;
  const mirror =
    ep !== undefined &&
    service !== undefined &&
    !isDeleting(ep) &&
    !(selector && Object.keys(selector).length > 0) &&
    ep.metadata?.labels?.[SKIP_MIRROR] !== 'true';
  const wanted = mirror && ep ? mirrored(ep) : [];
  const writes: Write[] = [];
  const left = [...existing].filter((s) => !isDeleting(s));
  for (const want of wanted) {
    const key = canonicalJson(want.ports ?? []);
    const i = left.findIndex((s) => canonicalJson(s.ports ?? []) === key);
    const meta = sliceMeta(ep as KubeObject);
    if (i >= 0) {
      const slice = left.splice(i, 1)[0] as KubeObject;
      if (
        deepEqual(slice.endpoints ?? null, want.endpoints) &&
        deepEqual(slice.ports ?? null, want.ports) &&
        deepEqual(slice.metadata?.labels ?? {}, meta.labels)
      ) {
        continue;
      }
      const obj = withoutResourceVersion(slice);
      obj.metadata = { ...obj.metadata, labels: meta.labels };
      obj.endpoints = want.endpoints;
      obj.ports = want.ports;
      writes.push({ verb: 'update', resource: 'endpointslices', namespace: ns, obj });
      continue;
    }
    writes.push({
      verb: 'create',
      resource: 'endpointslices',
      namespace: ns,
      obj: {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          generateName: `${name}-`,
          namespace: ns,
          labels: meta.labels,
          ...(Object.keys(meta.annotations).length > 0 ? { annotations: meta.annotations } : {}),
          ownerReferences: [controllerRef('endpoints', ep as KubeObject)],
        },
        addressType: 'IPv4',
        endpoints: want.endpoints,
        ports: want.ports,
      },
    });
  }
  for (const slice of left) {
    writes.push({ verb: 'delete', resource: 'endpointslices', namespace: ns, name: nameOf(slice) });
  }
  return writes;
}

export function createEndpointSliceMirroringController(): Reconciler {
  const nsKeys = new Map<string, string>();
  return {
    actor: 'controller-manager',
    name: COMPONENT_ENDPOINTSLICE_MIRRORING,
    watches: ['services', 'endpoints', 'endpointslices'],
    keysFor(resource, obj) {
      // Only slices this controller manages concern it.
      if (
        resource === 'endpointslices' &&
        obj.metadata?.labels?.[LABEL_MANAGED_BY] !== MANAGED_BY_MIRRORING
      ) {
        return [];
      }
      return [namespaceKey(nsKeys, namespaceOf(obj))];
    },
    reconcile(key, cache, _ctx) {
      const ns = key.slice('ns/'.length);
      const mine = cache
        .list('endpointslices', ns)
        .filter((s) => s.metadata?.labels?.[LABEL_MANAGED_BY] === MANAGED_BY_MIRRORING);
      const names = new Set<string>();
      for (const ep of cache.list('endpoints', ns)) names.add(nameOf(ep));
      for (const s of mine) names.add(s.metadata?.labels?.[LABEL_SERVICE_NAME] ?? '');
      const writes: Write[] = [];
      for (const name of [...names].sort()) {
        const ep = cache.get('endpoints', ns, name);
        const svc = cache.get('services', ns, name);
        // Cheap test first: Endpoints of a selector Service with no mirrored slice: nothing to do.
        const existing = mine.filter((s) => s.metadata?.labels?.[LABEL_SERVICE_NAME] === name);
        if (existing.length === 0) {
          const selector = svc
            ? specOf<{ selector?: Record<string, string> }>(svc).selector
            : undefined;
          if (!svc || (selector && Object.keys(selector).length > 0)) continue;
        }
        writes.push(...reconcileEndpoints(ns, name, ep, svc, existing));
      }
      return { writes };
    },
  };
}
