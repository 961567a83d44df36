/**
 * What a pod asks of a node, computed the way kube-scheduler 1.32 does
 * (`resourcehelper.PodRequests`, `schedutil.GetNonzeroRequests`).
 */
import type { Container, Node, Pod } from 'kubernetes-types/core/v1';
import { type ParsedQuantity, tryParseQuantity } from './quantity.ts';

/** CPU in millicores and memory in bytes. */
export interface Resources {
  milliCPU: number;
  memory: number;
}

/** What a node offers: CPU in millicores, memory in bytes and the number of pods. */
export interface Allocatable extends Resources {
  pods: number;
  /** Every other allocatable resource by name, in units (e.g. `ephemeral-storage` bytes). */
  other: Readonly<Record<string, number>>;
}

/** A pod's effective requests. */
export interface PodRequests {
  /**
   * The real requests: what NodeResourcesFit's filter and BalancedAllocation use. A container
   * without requests adds nothing, so a BestEffort pod requests 0 / 0.
   */
  requested: Resources;
  /**
   * The "non-zero" requests LeastAllocated scoring uses: a container with no CPU request
   * counts as 100m, one with no memory request as 200 MiB (`DefaultMilliCPURequest`,
   * `DefaultMemoryRequest`), so that piling BestEffort pods onto one node still looks costly.
   */
  nonZero: Resources;
  /** Other requested resources by name (`ephemeral-storage`, `nvidia.com/gpu`…), in units. */
  other: OtherResources;
}

/** `schedutil.DefaultMilliCPURequest`. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** `schedutil.DefaultMemoryRequest`: 200 MiB. */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

type ResourceList = { [name: string]: string | number } | undefined;

const cache = new WeakMap<Pod, PodRequests>();

/**
 * The same, keyed by the pod's containers array: a pod's requests come from its containers,
 * init containers and overhead only, and the copies of a pod (each status update, the
 * scheduler's assumed copy, the bound pod) share those objects while being new Pod objects.
 * One entry then serves every copy.
 */
const byContainers = new WeakMap<
  readonly Container[],
  { initContainers: unknown; overhead: unknown; requests: PodRequests }
>();

function lookup(list: ResourceList, name: string): string | number | undefined {
  if (!list || !Object.hasOwn(list, name)) return undefined;
  return list[name];
}

/**
 * A container's request for one resource. The API server copies limits into missing requests
 * when it defaults a pod; doing the same here keeps pods that skipped defaulting honest.
 */
function containerRequest(c: Container, name: string): string | number | undefined {
  const res = c.resources as { requests?: ResourceList; limits?: ResourceList } | undefined;
  return lookup(res?.requests, name) ?? lookup(res?.limits, name);
}

/**
 * Parsed quantities by their text: every node update re-reads the same allocatable strings
 * (`4`, `16Gi`, `110`…), and parsing one exactly takes BigInt arithmetic. Parsing is a pure
 * function of the text; the table is cleared when it grows past {@link MAX_PARSED}.
 */
const parsedQuantities = new Map<string | number, ParsedQuantity | undefined>();
const MAX_PARSED = 4096;

function parsed(q: string | number | undefined): ParsedQuantity | undefined {
  if (q === undefined) return undefined;
  const hit = parsedQuantities.get(q);
  if (hit !== undefined || parsedQuantities.has(q)) return hit;
  const p = tryParseQuantity(q);
  if (parsedQuantities.size >= MAX_PARSED) parsedQuantities.clear();
  parsedQuantities.set(q, p);
  return p;
}

function milliOf(q: string | number | undefined): number {
  return parsed(q)?.milli ?? 0;
}

function unitsOf(q: string | number | undefined): number {
  return parsed(q)?.value ?? 0;
}

/** Other resources (ephemeral-storage, extended resources such as nvidia.com/gpu), in units. */
export type OtherResources = Readonly<Record<string, number>>;

const NO_OTHER: OtherResources = Object.freeze({});

interface Vec {
  cpu: number;
  mem: number;
  cpuNZ: number;
  memNZ: number;
  other: OtherResources;
}

function containerVec(c: Container): Vec {
  const cpuQ = containerRequest(c, 'cpu');
  const memQ = containerRequest(c, 'memory');
  const cpu = milliOf(cpuQ);
  const mem = unitsOf(memQ);
  return {
    cpu,
    mem,
    cpuNZ: cpuQ === undefined ? DEFAULT_MILLI_CPU_REQUEST : cpu,
    memNZ: memQ === undefined ? DEFAULT_MEMORY_REQUEST : mem,
    other: otherOf(c),
  };
}

function otherOf(c: Container): OtherResources {
  const res = c.resources as { requests?: ResourceList; limits?: ResourceList } | undefined;
  let out: Record<string, number> | undefined;
  for (const list of [res?.requests, res?.limits]) {
    for (const name of Object.keys(list ?? {})) {
      if (name === 'cpu' || name === 'memory' || (out && Object.hasOwn(out, name))) continue;
      out ??= {};
      out[name] = unitsOf(containerRequest(c, name));
    }
  }
  return out ?? NO_OTHER;
}

function combineOther(
  a: OtherResources,
  b: OtherResources,
  f: (x: number, y: number) => number,
): OtherResources {
  if (b === NO_OTHER) return a;
  if (a === NO_OTHER) return b;
  const out: Record<string, number> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = f(out[k] ?? 0, v);
  return out;
}

const plus = (x: number, y: number) => x + y;

function add(a: Vec, b: Vec): Vec {
  return {
    cpu: a.cpu + b.cpu,
    mem: a.mem + b.mem,
    cpuNZ: a.cpuNZ + b.cpuNZ,
    memNZ: a.memNZ + b.memNZ,
    other: combineOther(a.other, b.other, plus),
  };
}

function max(a: Vec, b: Vec): Vec {
  return {
    cpu: Math.max(a.cpu, b.cpu),
    mem: Math.max(a.mem, b.mem),
    cpuNZ: Math.max(a.cpuNZ, b.cpuNZ),
    memNZ: Math.max(a.memNZ, b.memNZ),
    other: combineOther(a.other, b.other, Math.max),
  };
}

const ZERO: Vec = { cpu: 0, mem: 0, cpuNZ: 0, memNZ: 0, other: NO_OTHER };

/** Whether a resource list has no entry at all (absent, or an empty object). */
function isEmptyList(list: ResourceList): boolean {
  if (!list) return true;
  for (const k in list) if (Object.hasOwn(list, k)) return false;
  return !Object.hasOwn(list, 'cpu') && !Object.hasOwn(list, 'memory');
}

/**
 * What {@link podRequests} computes for a pod of one container that sets no requests and no
 * limits, without init containers or overhead (a BestEffort pod such as `kubectl create
 * deployment web --image=nginx` makes): nothing real, the default CPU and memory as non-zero
 * requests. Shared and frozen.
 */
const ONE_REQUESTLESS_CONTAINER: PodRequests = Object.freeze({
  requested: Object.freeze({ milliCPU: 0, memory: 0 }),
  nonZero: Object.freeze({ milliCPU: DEFAULT_MILLI_CPU_REQUEST, memory: DEFAULT_MEMORY_REQUEST }),
  other: NO_OTHER,
});

/**
 * The effective requests of a pod: the sum over its containers, raised to the largest init
 * container (sidecars — init containers with `restartPolicy: Always` — add to both), plus
 * `spec.overhead`. Cached per pod object, so treat pods as immutable.
 */
export function podRequests(pod: Pod): PodRequests {
  const spec = pod.spec;
  const containers = spec?.containers;
  if (containers) {
    // Every new pod misses the caches below (the API server's pods share no objects), and
    // summing vectors allocated a dozen objects per pod. The common requestless single
    // container is answered at once: the sum below would give exactly these numbers.
    if (
      containers.length === 1 &&
      !spec.initContainers?.length &&
      (spec.overhead === undefined || spec.overhead === null)
    ) {
      const res = containers[0]!.resources as
        | { requests?: ResourceList; limits?: ResourceList }
        | undefined;
      if (isEmptyList(res?.requests) && isEmptyList(res?.limits)) return ONE_REQUESTLESS_CONTAINER;
    }
    const hit = byContainers.get(containers);
    if (hit && hit.initContainers === spec.initContainers && hit.overhead === spec.overhead)
      return hit.requests;
  } else {
    const hit = cache.get(pod);
    if (hit) return hit;
  }
  let sum = ZERO;
  for (const c of spec?.containers ?? []) sum = add(sum, containerVec(c));
  let sidecars = ZERO;
  let initMax = ZERO;
  for (const c of spec?.initContainers ?? []) {
    const own = containerVec(c);
    if (c.restartPolicy === 'Always') {
      sum = add(sum, own);
      sidecars = add(sidecars, own);
      initMax = max(initMax, sidecars);
    } else {
      initMax = max(initMax, add(own, sidecars));
    }
  }
  sum = max(sum, initMax);
  const overhead = spec?.overhead as ResourceList;
  if (overhead) {
    const cpu = milliOf(lookup(overhead, 'cpu'));
    const mem = unitsOf(lookup(overhead, 'memory'));
    const other = otherOf({
      name: 'overhead',
      resources: { requests: overhead as Record<string, string> },
    });
    sum = add(sum, { cpu, mem, cpuNZ: cpu, memNZ: mem, other });
  }
  const result: PodRequests = {
    requested: { milliCPU: sum.cpu, memory: sum.mem },
    nonZero: { milliCPU: sum.cpuNZ, memory: sum.memNZ },
    other: sum.other,
  };
  if (containers) {
    byContainers.set(containers, {
      initContainers: spec.initContainers,
      overhead: spec.overhead,
      requests: result,
    });
  } else {
    cache.set(pod, result);
  }
  return result;
}

/**
 * A node's `status.allocatable` (the scheduler reads allocatable only, never capacity: a node
 * that reports no allocatable pods fits no pod, `Too many pods`).
 */
export function nodeAllocatable(node: Node): Allocatable {
  const a = node.status?.allocatable as ResourceList;
  const other: Record<string, number> = {};
  for (const name of Object.keys(a ?? {})) {
    if (name !== 'cpu' && name !== 'memory' && name !== 'pods')
      other[name] = unitsOf(lookup(a, name));
  }
  return {
    milliCPU: milliOf(lookup(a, 'cpu')),
    memory: unitsOf(lookup(a, 'memory')),
    pods: unitsOf(lookup(a, 'pods')),
    other,
  };
}
