/**
 * The taint-eviction controller (NoExecute taint manager, 1.32's pkg/controller/tainteviction):
 * a pod on a node with a NoExecute taint it does not tolerate is deleted at once; one it
 * tolerates for `tolerationSeconds` (300 s by default admission; the smallest over the
 * matching tolerations) is deleted that long after the controller processed it on the tainted
 * node: when the taint was added for the pods already there, when it arrived for a pod placed
 * on a node tainted long before. Each pod has its own timer; one tolerating every taint
 * forever is never evicted. The pod first gets the DisruptionTarget condition
 * (DeletionByTaintManager).
 */
import type { KubeObject } from '../api/types.ts';
import type { Reconciler, Write } from '../runtime/controller.ts';
import { parseTimestamp } from '../util/clock.ts';
import type { NodeTaint } from './nodeLifecycle.ts';
import {
  eventRef,
  isDeleting,
  nameOf,
  namespaceOf,
  podConditions,
  podNodeName,
  podPhase,
  specOf,
} from './objects.ts';

export const COMPONENT_TAINT_EVICTION = 'taint-eviction-controller';

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** `v1.Toleration.ToleratesTaint`. */
export function tolerates(t: Toleration, taint: NodeTaint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (!t.key && t.operator !== 'Exists') return false;
  if (t.operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

/**
 * Milliseconds after the taints appeared when the pod must go: 0 if some taint is not
 * tolerated, Infinity if all are tolerated forever, else the smallest tolerationSeconds.
 */
export function evictionDelayMs(
  tolerations: readonly Toleration[],
  taints: readonly NodeTaint[],
): number {
  let min = Number.POSITIVE_INFINITY;
  for (const taint of taints) {
    const used = tolerations.filter((t) => tolerates(t, taint));
    if (used.length === 0) return 0;
    for (const t of used) {
      if (t.tolerationSeconds !== undefined)
        min = Math.min(min, Math.max(0, t.tolerationSeconds) * 1000);
    }
  }
  return min;
}

/** A scheduled eviction (the timed-workers queue's entry, keyed by `ns/name`). */
interface Work {
  node: string;
  uid: string | undefined;
  /** When the controller processed the pod on the tainted node (`CreatedAt`). */
  createdAt: number;
  /** When it fires; undefined once fired (the key stays, so the pod is not scheduled again). */
  fireAt: number | undefined;
}

export function createTaintEvictionController(): Reconciler {
  /** When this controller first saw each NoExecute taint (when it carries no timeAdded). */
  const seen = new Map<string, number>();
  /** Scheduled (and fired) evictions by pod, `ns/name` → work: `taintEvictionQueue`. */
  const works = new Map<string, Work>();
  /** The pods with a work, per node. */
  const byNode = new Map<string, Set<string>>();
  /** Nodes that carry a NoExecute taint, as last observed. */
  const tainted = new Set<string>();
  /** The object of the DELETED event `keysFor` is about to see (from `observe`). */
  let deleted: KubeObject | undefined;
  /** Starts so far (see `restartedAt`). */
  let starts = 0;
  /**
   * After a restart (the control-plane node came back), its first reconcile, a millisecond
   * after the start: the real taint manager schedules each eviction from when it processes
   * the pod, so a taint added long before the restart counts from here, not from timeAdded.
   * (At the first start the taint's timeAdded stands for the moment it was seen.)
   */
  let restartedAt: number | undefined;

  function addWork(id: string, work: Work): void {
    works.set(id, work);
    let ids = byNode.get(work.node);
    if (!ids) {
      ids = new Set();
      byNode.set(work.node, ids);
    }
    ids.add(id);
  }

  function dropWork(id: string): void {
    const work = works.get(id);
    if (!work) return;
    works.delete(id);
    const ids = byNode.get(work.node);
    ids?.delete(id);
    if (ids?.size === 0) byNode.delete(work.node);
  }

  /**
   * `cancelWorkWithEvent`: forget the pod's work; a pending (not yet fired) one is announced,
   * also for a pod that is gone (`handlePodUpdate` on NotFound: the event names the pod by
   * namespace and name only). No event for a pod being deleted.
   */
  function cancel(
    id: string,
    cache: Parameters<Reconciler['reconcile']>[1],
    ctx: Parameters<Reconciler['reconcile']>[2],
  ): void {
    const work = works.get(id);
    if (!work) return;
    dropWork(id);
    if (work.fireAt === undefined) return;
    const slash = id.indexOf('/');
    const namespace = id.slice(0, slash);
    const name = id.slice(slash + 1);
    const current = cache.get('pods', namespace, name);
    if (current && isDeleting(current)) return;
    ctx.recordEvent({
      ref: current
        ? eventRef('pods', current)
        : { resource: 'pods', kind: 'Pod', apiVersion: 'v1', namespace, name },
      type: 'Normal',
      reason: 'TaintManagerEviction',
      message: `Cancelling deletion of Pod ${id}`,
      component: COMPONENT_TAINT_EVICTION,
    });
  }

  return {
    actor: 'controller-manager',
    name: COMPONENT_TAINT_EVICTION,
    watches: ['nodes', 'pods'],
    observe(event) {
      deleted = event.type === 'DELETED' ? event.object : undefined;
    },
    keysFor(resource, obj) {
      if (resource === 'nodes') {
        const name = nameOf(obj);
        const noExecute = (specOf<{ taints?: NodeTaint[] }>(obj).taints ?? []).some(
          (t) => t.effect === 'NoExecute',
        );
        if (noExecute && obj !== deleted) tainted.add(name);
        else tainted.delete(name);
        return [`node/${name}`];
      }
      const node = podNodeName(obj);
      // A pod matters only on a node with NoExecute taints or with evictions still scheduled
      // (elsewhere the node's sync is a no-op).
      return node && (tainted.has(node) || byNode.has(node)) ? [`node/${node}`] : [];
    },
    onStart() {
      starts++;
      restartedAt = undefined;
      seen.clear();
      works.clear();
      byNode.clear();
      tainted.clear();
    },
    reconcile(key, cache, ctx) {
      if (starts > 1) restartedAt ??= ctx.now;
      const nodeName = key.slice('node/'.length);
      const node = cache.get('nodes', undefined, nodeName);
      const taints = node
        ? (specOf<{ taints?: NodeTaint[] }>(node).taints ?? []).filter(
            (t) => t.effect === 'NoExecute',
          )
        : [];
      const ids = new Set(taints.map((t) => `${nodeName}|${t.key}|${t.value ?? ''}`));
      for (const k of seen.keys()) if (k.startsWith(`${nodeName}|`) && !ids.has(k)) seen.delete(k);
      if (!node) {
        // The Node deleted: `handleNodeUpdate` only forgets its taints. The evictions already
        // scheduled stay; each is cancelled (with its event) when its pod goes, which PodGC
        // sees to once the node has been missing for its quarantine.
        for (const id of [...(byNode.get(nodeName) ?? [])]) {
          const slash = id.indexOf('/');
          if (!cache.get('pods', id.slice(0, slash), id.slice(slash + 1))) cancel(id, cache, ctx);
        }
        return { writes: [] };
      }
      if (taints.length === 0) {
        for (const id of [...(byNode.get(nodeName) ?? [])]) cancel(id, cache, ctx);
        return { writes: [] };
      }
      // The node update that brought a new NoExecute taint is handled when the taint was added
      // (its timeAdded, or after a restart the first reconcile): the pods on the node then are
      // processed at that moment. A pod processed later (it arrived on the tainted node, or
      // its tolerations changed) starts its own clock now.
      let processedAt = ctx.now;
      let fresh = false;
      for (const t of taints) {
        const id = `${nodeName}|${t.key}|${t.value ?? ''}`;
        if (seen.has(id)) continue;
        const at = t.timeAdded
          ? Math.max(Math.min(parseTimestamp(t.timeAdded), ctx.now), restartedAt ?? 0)
          : ctx.now;
        seen.set(id, at);
        processedAt = fresh ? Math.max(processedAt, at) : at;
        fresh = true;
      }
      const writes: Write[] = [];
      const present = new Set<string>();
      let nextDue = Number.POSITIVE_INFINITY;
      for (const pod of cache.list('pods')) {
        if (podNodeName(pod) !== nodeName || isDeleting(pod)) continue;
        const phase = podPhase(pod);
        if (phase === 'Succeeded' || phase === 'Failed') continue;
        const id = `${namespaceOf(pod)}/${nameOf(pod)}`;
        const uid = pod.metadata?.uid;
        present.add(id);
        let work = works.get(id);
        if (work && (work.uid !== uid || work.node !== nodeName)) {
          // Another pod of the same name: the old one's deletion was not seen in between.
          dropWork(id);
          work = undefined;
        }
        const delay = evictionDelayMs(
          specOf<{ tolerations?: Toleration[] }>(pod).tolerations ?? [],
          taints,
        );
        // `processPodOnNode`.
        if (delay === Number.POSITIVE_INFINITY) {
          cancel(id, cache, ctx);
          continue;
        }
        if (work?.fireAt === undefined) {
          // Fired: the key stays and blocks a new work until the pod is gone.
          if (work) continue;
        } else if (delay === 0) {
          // A taint it no longer tolerates: cancelled, and deleted at once.
          cancel(id, cache, ctx);
          work = undefined;
        }
        // A scheduled eviction keeps its time (`CreatedAt` + the minimum then).
        if (!work) {
          const start = delay === 0 ? ctx.now : processedAt;
          work = { node: nodeName, uid, createdAt: start, fireAt: start + delay };
          addWork(id, work);
        }
        const due = work.fireAt as number;
        if (ctx.now < due) {
          nextDue = Math.min(nextDue, due);
          continue;
        }
        work.fireAt = undefined;
        writes.push(...evict(pod, ctx));
      }
      // Pods gone from the node (deleted, finished, being deleted) lose their work.
      for (const id of [...(byNode.get(nodeName) ?? [])])
        if (!present.has(id)) cancel(id, cache, ctx);
      if (nextDue !== Number.POSITIVE_INFINITY) ctx.requeueAfter(key, nextDue - ctx.now);
      return { writes };
    },
  };
}

function evict(pod: KubeObject, ctx: Parameters<Reconciler['reconcile']>[2]): Write[] {
  const ns = namespaceOf(pod);
  const name = nameOf(pod);
  ctx.recordEvent({
    ref: eventRef('pods', pod),
    type: 'Normal',
    reason: 'TaintManagerEviction',
    message: `Marking for deletion Pod ${ns}/${name}`,
    component: COMPONENT_TAINT_EVICTION,
  });
  const conditions = [
    ...podConditions(pod).filter((c) => c.type !== 'DisruptionTarget'),
    {
      type: 'DisruptionTarget',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: ctx.timestamp(),
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
    },
  ];
  return [
    {
      verb: 'patch',
      resource: 'pods',
      namespace: ns,
      name,
      subresource: 'status',
      patch: { status: { conditions } },
    },
    { verb: 'delete', resource: 'pods', namespace: ns, name },
  ];
}
