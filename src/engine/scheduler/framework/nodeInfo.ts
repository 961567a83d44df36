/**
 * NodeInfo: the scheduler cache's view of one node and the pods assigned to it
 * (`framework.NodeInfo`). Immutable: `addPod` / `removePod` return a new NodeInfo and share
 * everything they do not change, so snapshots can be kept cheaply.
 */
import type { Node, Pod, Taint } from 'kubernetes-types/core/v1';
import { hasAffinity, hasRequiredAntiAffinity } from './plugins/interPodAffinity.ts';
import { type Allocatable, nodeAllocatable, podRequests, type Resources } from './resources.ts';

export interface NodeInfo {
  node: Node;
  /** `node.metadata.name`. */
  name: string;
  /** Pods assigned to the node (bound or assumed), in the order they were added. */
  pods: Pod[];
  /** Sum of the pods' real requests (NodeResourcesFit filter, BalancedAllocation). */
  requested: Resources;
  /** Sum of the pods' non-zero requests (LeastAllocated scoring). */
  nonZeroRequested: Resources;
  /** Sum of the pods' other requests (`ephemeral-storage`, extended resources), by name. */
  requestedOther: Readonly<Record<string, number>>;
  /** The pods with any pod (anti-)affinity term (InterPodAffinity scoring reads only these). */
  podsWithAffinity: Pod[];
  /** The pods with required pod anti-affinity (InterPodAffinity filter reads only these). */
  podsWithRequiredAntiAffinity: Pod[];
  /** Host ports in use, as `PROTOCOL/hostIP/port` (hostIP `0.0.0.0` when unset). */
  usedPorts: Set<string>;
  /** Parsed `status.allocatable`. */
  allocatable: Allocatable;
  /** `spec.taints` (empty when none). */
  taints: readonly Taint[];
  /** Normalized image name → size in bytes, from `status.images`. */
  imageSizes: ReadonlyMap<string, number>;
  /** Node labels (empty object when none). */
  labels: Readonly<Record<string, string>>;
  /** `topology.kubernetes.io/zone` label, if any (read on every cycle by PodTopologySpread). */
  zone: string | undefined;
  /**
   * `kubernetes.io/hostname` label, if any: PodTopologySpread's default constraint reads it for
   * every scored node, so it is kept here rather than looked up in the labels object each time.
   */
  hostname: string | undefined;
  /**
   * `spec.unschedulable` (cordoned), read by NodeUnschedulable on every node of every cycle:
   * kept here so the filter scan does not walk to the Node object and its spec each time.
   */
  unschedulable: boolean;
}

const ZONE_LABEL = 'topology.kubernetes.io/zone';
const HOSTNAME_LABEL = 'kubernetes.io/hostname';
const NO_OTHER: Readonly<Record<string, number>> = Object.freeze({});
const NO_TAINTS: readonly Taint[] = [];
const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});

/** The `PROTOCOL/hostIP/port` keys of a pod's host ports. */
export function podHostPorts(pod: Pod): string[] {
  let out: string[] | undefined;
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      out ??= [];
      out.push(portKey(p.protocol, p.hostIP, p.hostPort));
    }
  }
  return out ?? NO_PORTS;
}
const NO_PORTS: string[] = [];

export function portKey(protocol: string | undefined, hostIP: string | undefined, port: number) {
  return `${protocol || 'TCP'}/${hostIP || '0.0.0.0'}/${port}`;
}

function imageSizes(node: Node): Map<string, number> {
  const m = new Map<string, number>();
  for (const img of node.status?.images ?? []) {
    // As reported: the scheduler's image states key on node.status.images' names verbatim.
    for (const name of img.names ?? []) m.set(name, img.sizeBytes ?? 0);
  }
  return m;
}

/**
 * Every NodeInfo is made by this one literal (the same fields in the same order), whatever
 * changed: copies made by spreading took on several hidden classes, which made the scheduler's
 * reads of NodeInfo fields polymorphic and deoptimized its compiled cycle during warm-up.
 */
function build(b: NodeInfo): NodeInfo {
  return {
    node: b.node,
    name: b.name,
    pods: b.pods,
    podsWithAffinity: b.podsWithAffinity,
    podsWithRequiredAntiAffinity: b.podsWithRequiredAntiAffinity,
    requested: b.requested,
    nonZeroRequested: b.nonZeroRequested,
    requestedOther: b.requestedOther,
    usedPorts: b.usedPorts,
    allocatable: b.allocatable,
    taints: b.taints,
    imageSizes: b.imageSizes,
    labels: b.labels,
    zone: b.zone,
    hostname: b.hostname,
    unschedulable: b.unschedulable,
  };
}

/** Builds the NodeInfo of a node, optionally with pods already assigned to it. */
export function newNodeInfo(node: Node, pods: readonly Pod[] = []): NodeInfo {
  let info: NodeInfo = build({
    node,
    name: node.metadata?.name ?? '',
    pods: [],
    podsWithAffinity: [],
    podsWithRequiredAntiAffinity: [],
    requested: { milliCPU: 0, memory: 0 },
    nonZeroRequested: { milliCPU: 0, memory: 0 },
    requestedOther: NO_OTHER,
    usedPorts: new Set(),
    allocatable: nodeAllocatable(node),
    taints: node.spec?.taints ?? NO_TAINTS,
    imageSizes: imageSizes(node),
    labels: node.metadata?.labels ?? NO_LABELS,
    zone: node.metadata?.labels?.[ZONE_LABEL],
    hostname: node.metadata?.labels?.[HOSTNAME_LABEL],
    unschedulable: !!node.spec?.unschedulable,
  });
  for (const p of pods) info = addPod(info, p);
  return info;
}

/** The same pods on an updated Node object (labels, taints, allocatable, images changed). */
export function setNode(info: NodeInfo, node: Node): NodeInfo {
  return build({
    ...info,
    node,
    name: node.metadata?.name ?? '',
    allocatable: nodeAllocatable(node),
    taints: node.spec?.taints ?? NO_TAINTS,
    imageSizes: imageSizes(node),
    labels: node.metadata?.labels ?? NO_LABELS,
    zone: node.metadata?.labels?.[ZONE_LABEL],
    hostname: node.metadata?.labels?.[HOSTNAME_LABEL],
    unschedulable: !!node.spec?.unschedulable,
  });
}

/**
 * Returns a NodeInfo with `pod` added (the scheduler's `AddPod`, also used when assuming).
 * Adding a pod that is already there (same uid, else namespace/name) replaces it, so a newer
 * copy of an assumed pod never counts twice.
 */
export function addPod(info: NodeInfo, pod: Pod): NodeInfo {
  if (info.pods.some((p) => samePod(p, pod))) info = removePod(info, pod);
  return appendPod(info, pod);
}

/**
 * `addPod` without the look-up for an existing copy: for callers that know the pod is not on
 * the node (the scheduler cache removes a pod before adding its new version), saving a scan
 * of the node's pods on every pod update.
 */
export function appendPod(info: NodeInfo, pod: Pod): NodeInfo {
  const r = podRequests(pod);
  const ports = podHostPorts(pod);
  let usedPorts = info.usedPorts;
  if (ports.length > 0) {
    usedPorts = new Set(usedPorts);
    for (const k of ports) usedPorts.add(k);
  }
  // The literal of `build`, written out (same fields, same order): every scheduled pod comes
  // here, and a spread copy of `info` to pass to `build` was a second object of sixteen
  // fields each time.
  return {
    node: info.node,
    name: info.name,
    pods: [...info.pods, pod],
    podsWithAffinity: hasAffinity(pod) ? [...info.podsWithAffinity, pod] : info.podsWithAffinity,
    podsWithRequiredAntiAffinity: hasRequiredAntiAffinity(pod)
      ? [...info.podsWithRequiredAntiAffinity, pod]
      : info.podsWithRequiredAntiAffinity,
    requested: {
      milliCPU: info.requested.milliCPU + r.requested.milliCPU,
      memory: info.requested.memory + r.requested.memory,
    },
    nonZeroRequested: {
      milliCPU: info.nonZeroRequested.milliCPU + r.nonZero.milliCPU,
      memory: info.nonZeroRequested.memory + r.nonZero.memory,
    },
    requestedOther: addOther(info.requestedOther, r.other, 1),
    usedPorts,
    allocatable: info.allocatable,
    taints: info.taints,
    imageSizes: info.imageSizes,
    labels: info.labels,
    zone: info.zone,
    hostname: info.hostname,
    unschedulable: info.unschedulable,
  };
}

/**
 * `removePod(info, stored)` then `appendPod(…, pod)` for a new copy `pod` of the `stored` pod
 * whose spec is the very same object (a status or metadata change: the common pod update), or
 * shares the very same containers, init containers, overhead and affinity (the API server's
 * bound copy of a pod the scheduler assumed: only `nodeName` was added). Requests, host ports
 * and affinity come from exactly those parts, so they are unchanged and are not recomputed;
 * the pod moves to the end of the lists exactly as remove-then-append does.
 * Returns undefined when `stored` is not on the node or those parts differ.
 */
export function replacePodSameSpec(info: NodeInfo, stored: Pod, pod: Pod): NodeInfo | undefined {
  if (!samePlacementSpec(stored.spec, pod.spec)) return undefined;
  const i = info.pods.indexOf(stored);
  if (i === -1) return undefined;
  // The literal of `build`, written out: most pod events come here, and a spread copy of
  // `info` to pass to `build` was a second object of sixteen fields per event.
  return {
    node: info.node,
    name: info.name,
    pods: moveToEnd(info.pods, i, pod),
    podsWithAffinity: replaced(info.podsWithAffinity, stored, pod),
    podsWithRequiredAntiAffinity: replaced(info.podsWithRequiredAntiAffinity, stored, pod),
    requested: info.requested,
    nonZeroRequested: info.nonZeroRequested,
    requestedOther: info.requestedOther,
    usedPorts: info.usedPorts,
    allocatable: info.allocatable,
    taints: info.taints,
    imageSizes: info.imageSizes,
    labels: info.labels,
    zone: info.zone,
    hostname: info.hostname,
    unschedulable: info.unschedulable,
  };
}

/** The same objects for everything a NodeInfo derives from a pod's spec. */
function samePlacementSpec(a: Pod['spec'], b: Pod['spec']): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return (
    a.containers === b.containers &&
    a.initContainers === b.initContainers &&
    a.overhead === b.overhead &&
    a.affinity === b.affinity
  );
}

/** A copy of `list` without its element `i` and with `pod` appended. */
function moveToEnd(list: readonly Pod[], i: number, pod: Pod): Pod[] {
  const out = new Array<Pod>(list.length);
  let j = 0;
  for (let k = 0; k < list.length; k++) if (k !== i) out[j++] = list[k]!;
  out[j] = pod;
  return out;
}

function replaced(list: Pod[], stored: Pod, pod: Pod): Pod[] {
  const i = list.indexOf(stored);
  return i === -1 ? list : moveToEnd(list, i, pod);
}

function addOther(
  base: Readonly<Record<string, number>>,
  delta: Readonly<Record<string, number>>,
  sign: 1 | -1,
): Readonly<Record<string, number>> {
  const keys = Object.keys(delta);
  if (keys.length === 0) return base;
  const out: Record<string, number> = { ...base };
  for (const k of keys) out[k] = (out[k] ?? 0) + sign * delta[k]!;
  return out;
}

function samePod(a: Pod, b: Pod): boolean {
  if (a === b) return true;
  const ua = a.metadata?.uid;
  const ub = b.metadata?.uid;
  if (ua && ub) return ua === ub;
  return (
    (a.metadata?.namespace ?? '') === (b.metadata?.namespace ?? '') &&
    (a.metadata?.name ?? '') === (b.metadata?.name ?? '')
  );
}

/**
 * Returns a NodeInfo without `pod` (matched by uid, else namespace/name). The requests
 * subtracted are those of the stored pod object, so an updated copy of the pod can be passed.
 * Unknown pods leave the NodeInfo unchanged (same object).
 */
export function removePod(info: NodeInfo, pod: Pod): NodeInfo {
  const i = info.pods.findIndex((p) => samePod(p, pod));
  if (i === -1) return info;
  const stored = info.pods[i]!;
  const r = podRequests(stored);
  const pods = info.pods.slice(0, i).concat(info.pods.slice(i + 1));
  let usedPorts = info.usedPorts;
  if (podHostPorts(stored).length > 0) {
    usedPorts = new Set();
    for (const p of pods) for (const k of podHostPorts(p)) usedPorts.add(k);
  }
  return build({
    ...info,
    pods,
    podsWithAffinity: hasAffinity(stored)
      ? info.podsWithAffinity.filter((p) => p !== stored)
      : info.podsWithAffinity,
    podsWithRequiredAntiAffinity: hasRequiredAntiAffinity(stored)
      ? info.podsWithRequiredAntiAffinity.filter((p) => p !== stored)
      : info.podsWithRequiredAntiAffinity,
    requested: {
      milliCPU: info.requested.milliCPU - r.requested.milliCPU,
      memory: info.requested.memory - r.requested.memory,
    },
    nonZeroRequested: {
      milliCPU: info.nonZeroRequested.milliCPU - r.nonZero.milliCPU,
      memory: info.nonZeroRequested.memory - r.nonZero.memory,
    },
    requestedOther: addOther(info.requestedOther, r.other, -1),
    usedPorts,
  });
}
