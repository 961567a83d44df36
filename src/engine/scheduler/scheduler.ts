/**
 * The kube-scheduler actor: watches pods and nodes, keeps a NodeInfo cache incrementally
 * (bound and assumed pods), queues unscheduled pods whose `schedulerName` is
 * `default-scheduler` and that carry no scheduling gates, runs the framework's `schedulePod`,
 * binds through the `pods/binding` subresource and records `Scheduled` / `FailedScheduling`
 * events. Unschedulable pods wait for a cluster change (a node added or changed in a way the
 * queueing hints of the plugins that rejected them accept, see queueingHints.ts; a pod
 * removed) and a back-off of 1 s doubling to 10 s, or for the flush that every 30 s retries the
 * pods whose last failure is more than 5 minutes old. Every decision is kept in `decisions` for
 * the UI.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject, ResourceName } from '../api/types.ts';
import type { ClusterClient } from '../apiserver/apiserver.ts';
import type {
  Cache,
  EventRecord,
  ReconcileContext,
  ReconcileResult,
  Reconciler,
  WatchEvent,
  Write,
} from '../runtime/controller.ts';
import { findIn, PersistentMap } from '../util/persistentMap.ts';
import {
  appendPod,
  type NodeInfo,
  newNodeInfo,
  noteChange,
  notePodChange,
  removePod,
  replacePodSameSpec,
  type ScheduleResult,
  schedulePod,
  setNode,
  trackChanges,
} from './framework/index.ts';
import * as volumeBinding from './framework/plugins/volumeBinding.ts';
import { PREEMPTION_BY_SCHEDULER } from './framework/preemption.ts';
import { nodeChangeRequeues } from './queueingHints.ts';

export const SCHEDULER_NAME = 'default-scheduler';
export const INITIAL_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 10_000;
/**
 * podMaxInUnschedulablePodsDuration: a pod that has waited longer than this since its last
 * failed attempt is retried by the next flush.
 */
export const UNSCHEDULABLE_FLUSH_MS = 5 * 60_000;
/** How often `flushUnschedulablePodsLeftover` looks for such pods. */
export const UNSCHEDULABLE_FLUSH_PERIOD_MS = 30_000;
/** The work-queue key of that loop (pod keys always hold a `/`). */
const FLUSH_KEY = 'flushUnschedulablePodsLeftover';
/** Event notes are cut to this length with a ` ...` suffix (`truncateMessage`). */
const NOTE_LENGTH_LIMIT = 1024;

/** A scheduling attempt as kept for the UI. */
export interface Decision extends ScheduleResult {
  /** `namespace/name` of the pod. */
  pod: string;
  /** Virtual ms of the attempt. */
  at: number;
  /** 1 for the first attempt of this pod. */
  attempt: number;
}

export interface SchedulerActor extends Reconciler {
  /** Last decision per pod (`namespace/name`), frozen into snapshots. */
  readonly decisions: PersistentMap<Decision>;
  /** The API client the scheduler binds with (set by the cluster). */
  attach(client: ClusterClient): void;
}

export interface SchedulerOptions {
  /** Keep per-node verdicts and per-plugin scores (default true; benchmarks may turn it off). */
  explain?: boolean;
  /**
   * The hostname the scheduler runs on (its static pod's node): its events' reporting
   * instance is `default-scheduler-<host>`.
   */
  host?: string;
}

/** VolumeBinding's view of the scheduler's informer cache. */
function volumeLookup(cache: Cache): volumeBinding.VolumeLookup {
  return {
    claim: (ns, name) => cache.get('persistentvolumeclaims', ns, name),
    volume: (name) => cache.get('persistentvolumes', undefined, name),
    volumes: () => cache.list('persistentvolumes'),
    storageClass: (name) => cache.get('storageclasses', undefined, name),
  };
}

function nodeName(o: KubeObject | undefined): string | undefined {
  return (o?.spec as { nodeName?: string } | undefined)?.nodeName || undefined;
}

function isTerminal(o: KubeObject): boolean {
  const phase = (o.status as { phase?: string } | undefined)?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/**
 * Whether the pod is this scheduler's to place now. A pod with scheduling gates is held back
 * (the SchedulingGates PreEnqueue plugin keeps it out of activeQ: no attempt, no event) until an
 * update removes its last gate.
 */
function wantsScheduling(o: KubeObject): boolean {
  const spec = (o.spec ?? {}) as {
    nodeName?: string;
    schedulerName?: string;
    schedulingGates?: unknown[];
  };
  return (
    !spec.nodeName &&
    (spec.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME &&
    !o.metadata?.deletionTimestamp &&
    !isTerminal(o) &&
    !(spec.schedulingGates && spec.schedulingGates.length > 0)
  );
}

/** What about a node matters to scheduling (changes to it retry unschedulable pods). */
function nodeSchedulingFacts(n: KubeObject): string {
  const status = (n.status ?? {}) as {
    allocatable?: unknown;
    conditions?: { type: string; status: string }[];
  };
  const ready = status.conditions
    ? findIn(status.conditions, (c) => c.type === 'Ready')?.status
    : undefined;
  return JSON.stringify([n.spec ?? {}, n.metadata?.labels ?? {}, status.allocatable ?? {}, ready]);
}

/** Equal apart from status, resourceVersion and managedFields (the scheduler's `isPodUpdated` test). */
function sameButStatus(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) =>
    JSON.stringify({
      ...o,
      status: undefined,
      metadata: { ...o.metadata, resourceVersion: undefined, managedFields: undefined },
    });
  return strip(a) === strip(b);
}

function truncate(message: string): string {
  return message.length > NOTE_LENGTH_LIMIT
    ? `${message.slice(0, NOTE_LENGTH_LIMIT - 4)} ...`
    : message;
}

/** A NodeInfo write that keeps the node's pods (a Node update). */
const NO_POD_CHANGE = Object.freeze({ removed: undefined, added: undefined });

export function createScheduler(opts: SchedulerOptions = {}): SchedulerActor {
  const explain = opts.explain !== false;
  const host = opts.host ?? 'control-plane';
  const decisions = new PersistentMap<Decision>();
  let client: ClusterClient | undefined;
  /**
   * NodeInfos in the order nodes were added (the scan order). Every in-place write goes to
   * `log` too (the framework's per-array caches read it to find what changed).
   */
  let infos: NodeInfo[] = [];
  let log = trackChanges(infos);
  let index = new Map<string, number>();
  /** Pods counted on a node (bound or assumed), by pod key. */
  const placed = new Map<string, { node: string; pod: Pod }>();
  /**
   * The same pods by node (pod key → pod, in the order they were placed), for the nodes that
   * are not in `infos` (not seen yet, or deleted): a node's NodeInfo is built from them when
   * the node comes. A node in `infos` keeps its pods in its NodeInfo, in that very order (every
   * place and unplace moves a pod exactly as a delete and re-insert here would), so most pod
   * events, status updates of pods on known nodes, touch no map here.
   */
  const placedOn = new Map<string, Map<string, Pod>>();
  const assumed = new Set<string>();
  /**
   * How many placed pods have each priority: the lowest tells a failing pod at once whether
   * preemption could find any victim (plain clusters: all 0, so never).
   */
  const priorityCounts = new Map<number, number>();
  const countPriority = (pod: Pod, delta: 1 | -1) => {
    const pr = pod.spec?.priority ?? 0;
    const c = (priorityCounts.get(pr) ?? 0) + delta;
    if (c === 0) priorityCounts.delete(pr);
    else priorityCounts.set(pr, c);
  };
  const lowestPriority = (): number => {
    let low = Number.POSITIVE_INFINITY;
    for (const pr of priorityCounts.keys()) if (pr < low) low = pr;
    return low;
  };
  /**
   * The scheduler's nominator: unbound pods nominated to a node (status.nominatedNodeName, or
   * set by this scheduler's preemption before the status write comes back), by pod key.
   */
  const nominated = new Map<string, { node: string; pod: Pod }>();
  /**
   * Pods whose last attempt failed: failures so far, back-off end, time of the last failure,
   * and the pod as tried with the plugins that rejected it (for the queueing hints).
   */
  const unschedulable = new Map<
    string,
    {
      attempts: number;
      backoffUntil: number;
      failedAt: number;
      pod: Pod;
      rejectors: readonly string[] | undefined;
    }
  >();
  const attempts = new Map<string, number>();
  let nextStartIndex = 0;
  let moveRequested = false;
  /** Unschedulable pods a node change may help (their rejectors' queueing hints said so). */
  const hinted = new Set<string>();
  /** A node was added or changed: queue the waiting pods whose hints say it may help. */
  const nodeChanged = (before: NodeInfo | undefined, after: NodeInfo) => {
    for (const [key, w] of unschedulable) {
      if (!hinted.has(key) && nodeChangeRequeues(w.pod, w.rejectors, before, after))
        hinted.add(key);
    }
  };
  /** A status-only update of a waiting pod (e.g. our own PodScheduled=False) is no reason to retry. */
  let ignoreKey: string | undefined;
  /**
   * namespace → name → `namespace/name`: every pod event needs its pod's key for several map
   * look-ups, and a key built afresh each time had to be concatenated, flattened and hashed
   * (~0.5 µs); the stored one comes from two look-ups of strings whose hashes V8 keeps (the
   * names and namespaces of a pod's versions are the same string objects).
   */
  const podKeys = new Map<string, Map<string, string>>();
  const podKey = (o: { metadata?: { namespace?: string; name?: string } }): string => {
    const ns = o.metadata?.namespace ?? '';
    const name = o.metadata?.name ?? '';
    let byName = podKeys.get(ns);
    if (byName === undefined) {
      byName = new Map();
      podKeys.set(ns, byName);
    }
    let key = byName.get(name);
    if (key === undefined) {
      key = `${ns}/${name}`;
      byName.set(name, key);
    }
    return key;
  };
  /**
   * The pod of the last DELETED event: its stored key is dropped (the map holds only pods that
   * exist), and `keysFor`, called next with the same object, must not store it again.
   */
  let deletedPod: KubeObject | undefined;
  const forgetPodKey = (o: KubeObject) => {
    deletedPod = o;
    const ns = o.metadata?.namespace ?? '';
    const byName = podKeys.get(ns);
    if (byName === undefined) return;
    byName.delete(o.metadata?.name ?? '');
    if (byName.size === 0) podKeys.delete(ns);
  };

  /** Normalized image → how many nodes in `infos` hold it (kube-scheduler's image states). */
  const imageNodeCounts = new Map<string, number>();
  const countImages = (info: NodeInfo, delta: 1 | -1) => {
    for (const img of info.imageSizes.keys()) {
      const n = (imageNodeCounts.get(img) ?? 0) + delta;
      if (n === 0) imageNodeCounts.delete(img);
      else imageNodeCounts.set(img, n);
    }
  };

  /**
   * Pods with any pod (anti-)affinity, and with required anti-affinity, over all of `infos`
   * (the snapshot's "have pods with affinity" lists, as counts): when there are none,
   * InterPodAffinity need not visit every node to find out.
   */
  let podsWithAffinity = 0;
  let podsWithRequiredAntiAffinity = 0;
  const count = (info: NodeInfo, sign: 1 | -1) => {
    podsWithAffinity += sign * info.podsWithAffinity.length;
    podsWithRequiredAntiAffinity += sign * info.podsWithRequiredAntiAffinity.length;
  };
  /**
   * Replace the NodeInfo at `i`, keeping the counts right. `change` says how its pods differ
   * from the previous NodeInfo's (one pod object removed, one appended) when that is known.
   */
  const setInfo = (
    i: number,
    next: NodeInfo,
    change?: { removed: Pod | undefined; added: Pod | undefined },
  ) => {
    count(infos[i]!, -1);
    infos[i] = next;
    if (change) notePodChange(log, i, change.removed, change.added);
    else noteChange(log, i);
    count(next, 1);
  };

  const reindex = () => {
    index = new Map(infos.map((info, i) => [info.name, i]));
  };
  const unplace = (key: string) => {
    const p = placed.get(key);
    if (!p) return;
    placed.delete(key);
    countPriority(p.pod, -1);
    const i = index.get(p.node);
    if (i === undefined) placedOn.get(p.node)?.delete(key);
    else setInfo(i, removePod(infos[i]!, p.pod));
  };
  const place = (key: string, node: string, pod: Pod) => {
    const p = placed.get(key);
    if (p && p.node === node) {
      // A new copy of a pod on the same node with the same spec (status and metadata updates,
      // most pod events): swap the object without recomputing the node's sums.
      const i = index.get(node);
      const next = i === undefined ? undefined : replacePodSameSpec(infos[i]!, p.pod, pod);
      if (next) {
        setInfo(i!, next, { removed: p.pod, added: pod });
        // `placed` is only looked up, never iterated: its entry can change in place.
        p.pod = pod;
        return;
      }
    }
    unplace(key);
    placed.set(key, { node, pod });
    countPriority(pod, 1);
    const i = index.get(node);
    if (i === undefined) {
      let onNode = placedOn.get(node);
      if (!onNode) {
        onNode = new Map();
        placedOn.set(node, onNode);
      }
      onNode.set(key, pod);
      return;
    }
    // unplace() took any earlier copy off its node, so the pod is on no NodeInfo now.
    setInfo(i, appendPod(infos[i]!, pod), { removed: undefined, added: pod });
  };

  const observePod = (e: WatchEvent) => {
    const key = podKey(e.object);
    const node = nodeName(e.object);
    if (nominated.size > 0) nominated.delete(key);
    if (e.type === 'DELETED' || isTerminal(e.object)) {
      if (placed.has(key)) moveRequested = true;
      unplace(key);
      assumed.delete(key);
      unschedulable.delete(key);
      attempts.delete(key);
      if (e.type === 'DELETED') {
        decisions.delete(key);
        forgetPodKey(e.object);
      }
      return;
    }
    if (
      !node &&
      e.type === 'MODIFIED' &&
      e.old &&
      unschedulable.has(key) &&
      sameButStatus(e.old, e.object)
    ) {
      ignoreKey = key;
    }
    if (!node) {
      const nn = (e.object.status as { nominatedNodeName?: string } | undefined)?.nominatedNodeName;
      if (nn && !e.object.metadata?.deletionTimestamp)
        nominated.set(key, { node: nn, pod: e.object as Pod });
    }
    if (node) {
      // (Size checks first: every status update of a running pod comes here, and both are
      // usually empty by then; a delete of a missing key still hashes it.)
      if (assumed.size > 0) assumed.delete(key);
      if (unschedulable.size > 0) unschedulable.delete(key);
      const p = placed.get(key);
      if (!p || p.node !== node || p.pod !== e.object) place(key, node, e.object as Pod);
    }
  };

  const observeNode = (e: WatchEvent) => {
    const name = e.object.metadata?.name ?? '';
    if (e.type === 'DELETED') {
      const i = index.get(name);
      if (i !== undefined) {
        // The node's pods wait in `placedOn` again, in their NodeInfo's order.
        const onNode = new Map<string, Pod>();
        for (const pod of infos[i]!.pods) onNode.set(podKey(pod), pod);
        placedOn.set(name, onNode);
        countImages(infos[i]!, -1);
        count(infos[i]!, -1);
        infos = infos.filter((_, j) => j !== i);
        log = trackChanges(infos);
        reindex();
      }
      return;
    }
    const node = e.object as Node;
    const i = index.get(name);
    if (i === undefined) {
      // O(pods on the node), not O(all pods) and a rebuilt index per added node.
      const pods = [...(placedOn.get(name)?.values() ?? [])];
      placedOn.delete(name);
      const info = newNodeInfo(node, pods);
      infos.push(info);
      noteChange(log, infos.length - 1);
      count(info, 1);
      countImages(info, 1);
      index.set(name, infos.length - 1);
      if (unschedulable.size > 0) nodeChanged(undefined, info);
    } else {
      const before = infos[i]!;
      const after = setNode(before, node);
      setInfo(i, after, NO_POD_CHANGE);
      countImages(before, -1);
      countImages(after, 1);
      if (
        unschedulable.size > 0 &&
        (!e.old || nodeSchedulingFacts(e.old) !== nodeSchedulingFacts(e.object))
      )
        nodeChanged(before, after);
    }
  };

  const retryKeys = (): string[] => [...unschedulable.keys()];

  const nominatedByNode = (): Map<string, Pod[]> => {
    const m = new Map<string, Pod[]>();
    for (const { node, pod } of nominated.values()) {
      const list = m.get(node);
      if (list) list.push(pod);
      else m.set(node, [pod]);
    }
    return m;
  };

  /**
   * DefaultPreemption's `prepareCandidate`: each victim gets the DisruptionTarget condition and
   * is deleted (gracefully), with a `Preempted` event; lower-priority pods nominated to the
   * node lose their nomination.
   */
  const preemptVictims = (
    ctx: ReconcileContext,
    preemptor: Pod,
    node: string,
    victims: readonly Pod[],
    writes: Write[],
  ) => {
    for (const v of victims) {
      const vns = v.metadata?.namespace ?? '';
      const vname = v.metadata?.name ?? '';
      const conditions: Record<string, unknown>[] = (
        (v.status?.conditions ?? []) as unknown as Record<string, unknown>[]
      ).filter((c) => c.type !== 'DisruptionTarget');
      conditions.push({
        type: 'DisruptionTarget',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: ctx.timestamp(),
        reason: PREEMPTION_BY_SCHEDULER,
        message: `${preemptor.spec?.schedulerName ?? SCHEDULER_NAME}: preempting to accommodate a higher priority pod`,
      });
      writes.push({
        verb: 'patch',
        resource: 'pods',
        namespace: vns,
        name: vname,
        subresource: 'status',
        patch: { status: { conditions } },
      });
      writes.push({ verb: 'delete', resource: 'pods', namespace: vns, name: vname });
      const ref: EventRecord['ref'] = {
        resource: 'pods',
        namespace: vns,
        name: vname,
        kind: 'Pod',
        apiVersion: 'v1',
      };
      if (v.metadata?.uid) ref.uid = v.metadata.uid;
      if (v.metadata?.resourceVersion) ref.resourceVersion = v.metadata.resourceVersion;
      ctx.recordEvent({
        ref,
        type: 'Normal',
        reason: 'Preempted',
        message: `Preempted by pod ${preemptor.metadata?.uid ?? ''} on node ${node}`,
        component: SCHEDULER_NAME,
        host,
        action: 'Preempting',
        related: {
          kind: 'Pod',
          apiVersion: 'v1',
          name: preemptor.metadata?.name ?? '',
          namespace: preemptor.metadata?.namespace ?? '',
          ...(preemptor.metadata?.uid ? { uid: preemptor.metadata.uid } : {}),
        },
      });
    }
    const priority = preemptor.spec?.priority ?? 0;
    for (const [key, n] of nominated) {
      if (n.node !== node || (n.pod.spec?.priority ?? 0) >= priority) continue;
      if (n.pod.metadata?.uid === preemptor.metadata?.uid) continue;
      nominated.delete(key);
      writes.push({
        verb: 'patch',
        resource: 'pods',
        namespace: n.pod.metadata?.namespace ?? '',
        name: n.pod.metadata?.name ?? '',
        subresource: 'status',
        patch: { status: { nominatedNodeName: null } },
      });
    }
  };

  /**
   * `flushUnschedulablePodsLeftover`: every 30 s, the pods that have waited more than 5 minutes
   * since their last failure go back to the queue (measured from the last failure, not the
   * first: each failure re-adds the pod with a new timestamp).
   */
  const flush = (ctx: ReconcileContext): ReconcileResult => {
    ctx.requeueAfter(FLUSH_KEY, UNSCHEDULABLE_FLUSH_PERIOD_MS);
    for (const [key, w] of unschedulable) {
      if (ctx.now - w.failedAt > UNSCHEDULABLE_FLUSH_MS) ctx.requeueAfter(key, 0);
    }
    return { writes: [] };
  };

  /**
   * `BindPodVolumes`: each WaitForFirstConsumer claim of the pod gets the volume Filter found for
   * it on the chosen node (the volume's claimRef, as the binder would set it); the
   * persistentvolume-binder-controller then completes the claim.
   */
  const bindPodVolumes = (pod: KubeObject, node: string, cache: Cache): void => {
    const lookup = volumeLookup(cache);
    const state = volumeBinding.preFilter(pod as Pod, lookup);
    const i = index.get(node);
    if (!state || 'reject' in state || state.delayed.length === 0 || i === undefined) return;
    const chosen = volumeBinding.findVolumes(state, infos[i]!, lookup);
    for (const [pvc, pv] of chosen ?? []) {
      const { resourceVersion: _rv, ...meta } = pv.metadata ?? {};
      client?.update('persistentvolumes', undefined, {
        ...pv,
        metadata: {
          ...meta,
          annotations: {
            ...(meta.annotations ?? {}),
            'pv.kubernetes.io/bound-by-controller': 'yes',
          },
        },
        spec: {
          ...(pv.spec as object),
          claimRef: {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            name: pvc.metadata?.name ?? '',
            namespace: pvc.metadata?.namespace ?? '',
            resourceVersion: pvc.metadata?.resourceVersion ?? '',
            uid: pvc.metadata?.uid ?? '',
          },
        },
      });
    }
  };

  /**
   * The VolumeBinding lookup and the PDB lister over the last cache seen: the runtime hands the
   * same informer cache to every call, and building five closures per cycle was garbage.
   */
  let lookupCache: Cache | undefined;
  let lookupOfCache: volumeBinding.VolumeLookup | undefined;
  let pdbsOfCache: (() => readonly KubeObject[]) | undefined;
  const listersOf = (cache: Cache) => {
    if (lookupCache !== cache || !lookupOfCache || !pdbsOfCache) {
      lookupCache = cache;
      lookupOfCache = volumeLookup(cache);
      pdbsOfCache = () => cache.list('poddisruptionbudgets');
    }
  };

  const reconcile = (key: string, cache: Cache, ctx: ReconcileContext): ReconcileResult => {
    if (key === FLUSH_KEY) return flush(ctx);
    const slash = key.indexOf('/');
    const ns = key.slice(0, slash);
    const name = key.slice(slash + 1);
    const pod = cache.get('pods', ns, name);
    if (!pod || !wantsScheduling(pod)) {
      // Gone or no longer ours: nothing for the flush to retry.
      unschedulable.delete(key);
      return { writes: [] };
    }
    if (assumed.has(key)) return { writes: [] };
    const waiting = unschedulable.get(key);
    if (waiting && waiting.backoffUntil > ctx.now) {
      ctx.requeueAfter(key, waiting.backoffUntil - ctx.now);
      return { writes: [] };
    }
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    listersOf(cache);
    const result = schedulePod(pod as Pod, infos, {
      // (A closure per attempt, from one site: the tie-break's call keeps one target shape.)
      random: () => ctx.random(),
      startIndex: nextStartIndex,
      explain,
      imageNodeCounts,
      podsWithAffinity,
      podsWithRequiredAntiAffinity,
      nominatedPods: nominated.size > 0 ? nominatedByNode() : undefined,
      lowestPriority: lowestPriority(),
      volumes: lookupOfCache,
      pdbs: pdbsOfCache,
    });
    nextStartIndex = result.nextStartIndex;
    // The result is this cycle's own object: extend it in place (same keys in the same order
    // as a spread copy) rather than copying its nine fields for every pod, and field by field
    // rather than through Object.assign of a temporary object.
    const decision = result as Decision;
    decision.pod = key;
    decision.at = ctx.now;
    decision.attempt = attempt;
    decisions.set(key, decision);
    const ref: {
      resource: 'pods';
      namespace: string;
      name: string;
      kind: string;
      apiVersion: string;
      uid?: string;
      resourceVersion?: string;
    } = { resource: 'pods', namespace: ns, name, kind: 'Pod', apiVersion: 'v1' };
    if (pod.metadata?.uid) ref.uid = pod.metadata.uid;
    if (pod.metadata?.resourceVersion) ref.resourceVersion = pod.metadata.resourceVersion;
    if (result.feasible && result.selectedNode) {
      const node = result.selectedNode;
      // Assume the pod on the node at once, so the next cycle sees the node's new load. The
      // cache's own object is placed, not a copy with `spec.nodeName` set: a NodeInfo's pods
      // are on that node by membership, and nothing the framework computes from them reads
      // `nodeName` (requests, ports, affinity, labels, priority). A spread copy of a frozen
      // pod and its spec was one of the costliest lines of the cycle. The bound pod that comes
      // back from the API server replaces it as it replaced the copy (same containers,
      // overhead and affinity objects: `replacePodSameSpec`).
      place(key, node, pod as Pod);
      assumed.add(key);
      // VolumeBinding's PreBind: the volumes chosen for the claims that waited for this pod.
      bindPodVolumes(pod, node, cache);
      const res = client?.bind(ns, name, node);
      if (res && !res.ok) {
        assumed.delete(key);
        unplace(key);
        ctx.requeueAfter(key, INITIAL_BACKOFF_MS);
        return { writes: [] };
      }
      unschedulable.delete(key);
      ctx.recordEvent({
        ref,
        type: 'Normal',
        reason: 'Scheduled',
        message: `Successfully assigned ${ns}/${name} to ${node}`,
        component: SCHEDULER_NAME,
        host,
        action: 'Binding',
      });
      return { writes: [] };
    }
    const message = result.message ?? '';
    const writes: Write[] = [];
    const preemption = result.preemption;
    if (preemption) {
      preemptVictims(ctx, pod as Pod, preemption.node, preemption.victims, writes);
      nominated.set(key, { node: preemption.node, pod: pod as Pod });
    } else if (result.clearNomination) nominated.delete(key);
    const failures = (waiting?.attempts ?? 0) + 1;
    const backoff = Math.min(INITIAL_BACKOFF_MS * 2 ** (failures - 1), MAX_BACKOFF_MS);
    unschedulable.set(key, {
      attempts: failures,
      backoffUntil: ctx.now + backoff,
      failedAt: ctx.now,
      pod: pod as Pod,
      rejectors: result.rejectors,
    });
    ctx.recordEvent({
      ref,
      type: 'Warning',
      reason: 'FailedScheduling',
      message: truncate(message),
      component: SCHEDULER_NAME,
      host,
      action: 'Scheduling',
    });
    const conditions =
      (pod.status as { conditions?: Record<string, unknown>[] } | undefined)?.conditions ?? [];
    const current = conditions.find((c) => c.type === 'PodScheduled');
    const nominatedNow = (pod.status as { nominatedNodeName?: string } | undefined)
      ?.nominatedNodeName;
    // handleSchedulingFailure's status update: the condition, and the nominated node that
    // PostFilter set (a node) or cleared (none found).
    const nominatedNext = preemption
      ? preemption.node
      : result.clearNomination
        ? undefined
        : nominatedNow;
    const status: Record<string, unknown> = {};
    if (nominatedNext !== nominatedNow) status.nominatedNodeName = nominatedNext ?? null;
    if (
      current?.status !== 'False' ||
      current.reason !== 'Unschedulable' ||
      current.message !== message
    ) {
      const next = conditions.filter((c) => c.type !== 'PodScheduled');
      next.push({
        type: 'PodScheduled',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime:
          current?.status === 'False' ? current.lastTransitionTime : ctx.timestamp(),
        reason: 'Unschedulable',
        message,
      });
      status.conditions = next;
    }
    if (status.conditions || 'nominatedNodeName' in status)
      writes.push({
        verb: 'patch',
        resource: 'pods',
        namespace: ns,
        name,
        subresource: 'status',
        patch: { status },
      });
    return { writes };
  };

  return {
    actor: 'scheduler',
    name: SCHEDULER_NAME,
    // Claims, volumes and classes too: VolumeBinding reads them, and a change of one retries the
    // waiting pods.
    // PodDisruptionBudgets for DefaultPreemption's choice of victims (no retries on their change).
    watches: [
      'pods',
      'nodes',
      'persistentvolumeclaims',
      'persistentvolumes',
      'storageclasses',
      'poddisruptionbudgets',
    ],
    decisions,
    attach(c) {
      client = c;
    },
    initialKeys() {
      return [FLUSH_KEY];
    },
    onStart() {
      lookupCache = undefined;
      lookupOfCache = undefined;
      pdbsOfCache = undefined;
      infos = [];
      log = trackChanges(infos);
      podsWithAffinity = 0;
      podsWithRequiredAntiAffinity = 0;
      index = new Map();
      imageNodeCounts.clear();
      placed.clear();
      placedOn.clear();
      assumed.clear();
      unschedulable.clear();
      hinted.clear();
      attempts.clear();
      priorityCounts.clear();
      nominated.clear();
      podKeys.clear();
      deletedPod = undefined;
      nextStartIndex = 0;
    },
    observe(e) {
      if (e.resource === 'pods') observePod(e);
      else if (e.resource === 'nodes') observeNode(e);
    },
    keysFor(resource: ResourceName, obj: KubeObject): string[] {
      if (resource === 'poddisruptionbudgets') return [];
      if (
        resource === 'persistentvolumeclaims' ||
        resource === 'persistentvolumes' ||
        resource === 'storageclasses'
      )
        return retryKeys();
      const keys: string[] = [];
      const deleted = obj === deletedPod;
      deletedPod = undefined;
      if (resource === 'pods' && wantsScheduling(obj)) {
        const key = deleted
          ? `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`
          : podKey(obj);
        if (ignoreKey !== key) keys.push(key);
        ignoreKey = undefined;
      }
      if (moveRequested) {
        moveRequested = false;
        hinted.clear();
        keys.push(...retryKeys());
      } else if (hinted.size > 0) {
        for (const key of hinted) if (unschedulable.has(key)) keys.push(key);
        hinted.clear();
      }
      return keys;
    },
    reconcile,
  };
}
