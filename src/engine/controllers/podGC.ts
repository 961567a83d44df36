/**
 * The pod garbage collector (kube-controller-manager's PodGC, pkg/controller/podgc in 1.32).
 * Every 20 s (`gcCheckPeriod`) it runs, in this order:
 *
 * - gcTerminating: a terminating pod on a node that is not Ready and carries the
 *   `node.kubernetes.io/out-of-service` taint is force-deleted (non-graceful node shutdown).
 * - gcOrphaned: a pod bound to a node that does not exist puts that node name in quarantine
 *   for 40 s (`quarantineTime`); a node still missing when the quarantine is over is taken as
 *   deleted, and each of its pods is marked Failed with the DisruptionTarget condition
 *   (DeletionByPodGC) and force-deleted.
 * - gcUnscheduledTerminating: a terminating pod that was never scheduled is force-deleted.
 *
 * "Force-deleted" is `markFailedAndDeletePod`: a status patch to phase Failed (unless the pod
 * already finished), then DELETE with a grace period of 0. PodGC records no events.
 *
 * gcTerminated (delete the oldest finished pods above `--terminated-pod-gc-threshold`, 12500 by
 * default) is not modelled: a simulated cluster never holds that many finished pods.
 *
 * Cost: the loop does not list every pod on each tick. The watch handlers note, in O(1) per
 * event, the node names a pod refers to that are not known nodes (and deleted nodes), the
 * terminating pods without a node, and the out-of-service nodes; a tick with none of these does
 * nothing, and pods are listed only when a quarantined node turns out to be gone or an
 * out-of-service node exists. Upstream asks the API server (GET) whether a quarantined node
 * really is gone; here the informer cache answers.
 */
import type { KubeObject } from '../api/types.ts';
import type { Cache, ReconcileContext, Reconciler, Write } from '../runtime/controller.ts';
import {
  type Condition,
  isDeleting,
  nameOf,
  namespaceOf,
  podConditions,
  podNodeName,
  podPhase,
  specOf,
  statusOf,
} from './objects.ts';

/** The controller's name in kube-controller-manager (`names.PodGarbageCollectorController`). */
export const POD_GC_NAME = 'pod-garbage-collector-controller';
/** `gcCheckPeriod`. */
export const GC_CHECK_PERIOD_MS = 20_000;
/** `quarantineTime`: how long a missing node may take to show up before its pods go. */
export const QUARANTINE_MS = 40_000;
/** `v1.TaintNodeOutOfService`. */
export const TAINT_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

const GC_KEY = 'gc';

export function createPodGCController(): Reconciler {
  /** Nodes seen in the watch (not deleted). */
  const nodes = new Set<string>();
  /** Node names that may not exist: referenced by a pod while unknown, or deleted. */
  const suspects = new Set<string>();
  /** The node queue: name → when its quarantine is over (the earliest AddAfter wins). */
  const quarantine = new Map<string, number>();
  /** `ns/name` of terminating pods with no node (gcUnscheduledTerminating's candidates). */
  const unscheduledTerminating = new Set<string>();
  /** Not-Ready nodes with the out-of-service taint (gcTerminating's nodes). */
  const outOfService = new Set<string>();
  /** The object of the DELETED event `keysFor` is about to see (from `observe`). */
  let deleted: KubeObject | undefined;

  function observeNode(node: KubeObject): void {
    const name = nameOf(node);
    if (node === deleted) {
      nodes.delete(name);
      outOfService.delete(name);
      suspects.add(name);
      return;
    }
    nodes.add(name);
    if (isOutOfService(node)) outOfService.add(name);
    else outOfService.delete(name);
  }

  function observePod(pod: KubeObject): void {
    const node = podNodeName(pod);
    if (node !== '' && !nodes.has(node)) suspects.add(node);
    if (node === '' && isDeleting(pod)) {
      const key = `${namespaceOf(pod)}/${nameOf(pod)}`;
      if (pod === deleted) unscheduledTerminating.delete(key);
      else unscheduledTerminating.add(key);
    }
  }

  /** gcOrphaned: quarantine unknown node names, then collect the pods of the ones gone. */
  function gcOrphaned(cache: Cache, ctx: ReconcileContext, writes: Write[]): void {
    for (const name of suspects) {
      if (cache.get('nodes', undefined, name)) {
        suspects.delete(name);
        quarantine.delete(name);
      } else if (!quarantine.has(name)) quarantine.set(name, ctx.now + QUARANTINE_MS);
    }
    const gone = new Set<string>();
    for (const [name, readyAt] of quarantine) {
      if (readyAt > ctx.now) continue;
      quarantine.delete(name);
      suspects.delete(name);
      if (!cache.get('nodes', undefined, name)) gone.add(name);
    }
    if (gone.size === 0) return;
    for (const pod of cache.list('pods')) {
      if (!gone.has(podNodeName(pod))) continue;
      writes.push(
        ...markFailedAndDelete(pod, ctx, {
          type: 'DisruptionTarget',
          status: 'True',
          reason: 'DeletionByPodGC',
          message: 'PodGC: node no longer exists',
        }),
      );
    }
  }

  /** gcTerminating: terminating pods on not-Ready, out-of-service nodes. */
  function gcTerminating(cache: Cache, ctx: ReconcileContext, writes: Write[]): void {
    if (outOfService.size === 0) return;
    const pods = cache
      .list('pods')
      .filter((p) => isDeleting(p) && outOfService.has(podNodeName(p)))
      .sort(byEvictionAndCreation);
    for (const pod of pods) writes.push(...markFailedAndDelete(pod, ctx));
  }

  /** gcUnscheduledTerminating: terminating pods that never got a node. */
  function gcUnscheduledTerminating(cache: Cache, ctx: ReconcileContext, writes: Write[]): void {
    for (const key of [...unscheduledTerminating].sort()) {
      const slash = key.indexOf('/');
      const pod = cache.get('pods', key.slice(0, slash), key.slice(slash + 1));
      if (!pod || !isDeleting(pod) || podNodeName(pod) !== '') {
        unscheduledTerminating.delete(key);
        continue;
      }
      writes.push(...markFailedAndDelete(pod, ctx));
    }
  }

  return {
    actor: 'controller-manager',
    name: POD_GC_NAME,
    watches: ['nodes', 'pods'],
    observe(event) {
      deleted = event.type === 'DELETED' ? event.object : undefined;
    },
    keysFor(resource, obj) {
      if (resource === 'nodes') observeNode(obj);
      else if (resource === 'pods') observePod(obj);
      // The loop runs on its own timer; watch events only feed the indexes above.
      return [];
    },
    initialKeys() {
      return [GC_KEY];
    },
    onStart() {
      nodes.clear();
      suspects.clear();
      quarantine.clear();
      unscheduledTerminating.clear();
      outOfService.clear();
    },
    reconcile(key, cache, ctx) {
      if (key !== GC_KEY) return { writes: [] };
      ctx.requeueAfter(GC_KEY, GC_CHECK_PERIOD_MS);
      const writes: Write[] = [];
      gcTerminating(cache, ctx, writes);
      gcOrphaned(cache, ctx, writes);
      gcUnscheduledTerminating(cache, ctx, writes);
      return { writes };
    },
  };
}

/** Not Ready (`nodeutil.IsNodeReady`) and tainted `node.kubernetes.io/out-of-service`. */
function isOutOfService(node: KubeObject): boolean {
  const taints = specOf<{ taints?: { key?: string }[] }>(node).taints;
  if (!taints?.some((t) => t.key === TAINT_OUT_OF_SERVICE)) return false;
  const conditions = statusOf<{ conditions?: Condition[] }>(node).conditions ?? [];
  return conditions.find((c) => c.type === 'Ready')?.status !== 'True';
}

/** `byEvictionAndCreationTimestamp`: evicted pods first, then oldest, then by name. */
function byEvictionAndCreation(a: KubeObject, b: KubeObject): number {
  const evicted = (p: KubeObject) =>
    podPhase(p) === 'Failed' && statusOf<{ reason?: string }>(p).reason === 'Evicted';
  if (evicted(a) !== evicted(b)) return evicted(a) ? -1 : 1;
  const ta = a.metadata?.creationTimestamp ?? '';
  const tb = b.metadata?.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0;
}

/**
 * `markFailedAndDeletePodWithCondition`: phase Failed (plus `condition`, set as
 * `UpdatePodCondition` does) unless the pod already finished, then DELETE with grace period 0.
 */
function markFailedAndDelete(
  pod: KubeObject,
  ctx: ReconcileContext,
  condition?: Omit<Condition, 'lastTransitionTime' | 'lastProbeTime'>,
): Write[] {
  const ns = namespaceOf(pod);
  const name = nameOf(pod);
  const writes: Write[] = [];
  const phase = podPhase(pod);
  if (phase !== 'Succeeded' && phase !== 'Failed') {
    const status: Record<string, unknown> = { phase: 'Failed' };
    if (condition) status.conditions = updatePodCondition(podConditions(pod), condition, ctx);
    writes.push({
      verb: 'patch',
      resource: 'pods',
      namespace: ns,
      name,
      subresource: 'status',
      patch: { status },
    });
  }
  writes.push({ verb: 'delete', resource: 'pods', namespace: ns, name, gracePeriodSeconds: 0 });
  return writes;
}

/**
 * `UpdatePodCondition`: a new condition is appended; an existing one is replaced where it is,
 * keeping its lastTransitionTime when the status does not change.
 */
function updatePodCondition(
  conditions: readonly Condition[],
  next: Omit<Condition, 'lastTransitionTime' | 'lastProbeTime'>,
  ctx: ReconcileContext,
): Condition[] {
  const i = conditions.findIndex((c) => c.type === next.type);
  const old = i < 0 ? undefined : conditions[i];
  const condition: Condition = {
    type: next.type,
    status: next.status,
    lastProbeTime: null,
    lastTransitionTime:
      old && old.status === next.status && old.lastTransitionTime
        ? old.lastTransitionTime
        : ctx.timestamp(),
    ...(next.reason ? { reason: next.reason } : {}),
    ...(next.message ? { message: next.message } : {}),
  };
  if (i < 0) return [...conditions, condition];
  return conditions.map((c, j) => (j === i ? condition : c));
}
