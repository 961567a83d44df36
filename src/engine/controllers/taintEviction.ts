/**
 * The taint-eviction controller (NoExecute taint manager): a pod on a node with a NoExecute
 * taint it does not tolerate is deleted at once; one it tolerates for `tolerationSeconds`
 * (300 s by default admission) is deleted when that time has passed since the taint was
 * added. The pod first gets the DisruptionTarget condition (DeletionByTaintManager).
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

export function createTaintEvictionController(): Reconciler {
  /** When this controller first saw each NoExecute taint (when it carries no timeAdded). */
  const seen = new Map<string, number>();
  /** Pods waiting for their toleration to run out, per node: `ns/name` → pod. */
  const scheduled = new Map<string, Map<string, KubeObject>>();
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

  /** `cancelWorkWithEvent`: a scheduled eviction that is no longer needed. */
  function cancel(
    nodeName: string,
    keep: ReadonlySet<string>,
    cache: Parameters<Reconciler['reconcile']>[1],
    ctx: Parameters<Reconciler['reconcile']>[2],
  ): void {
    const pending = scheduled.get(nodeName);
    if (!pending) return;
    for (const [id, pod] of pending) {
      if (keep.has(id)) continue;
      pending.delete(id);
      const current = cache.get('pods', namespaceOf(pod), nameOf(pod));
      if (!current || isDeleting(current)) continue;
      ctx.recordEvent({
        ref: eventRef('pods', current),
        type: 'Normal',
        reason: 'TaintManagerEviction',
        message: `Cancelling deletion of Pod ${id}`,
        component: COMPONENT_TAINT_EVICTION,
      });
    }
    if (pending.size === 0) scheduled.delete(nodeName);
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
      return node && (tainted.has(node) || scheduled.has(node)) ? [`node/${node}`] : [];
    },
    onStart() {
      starts++;
      restartedAt = undefined;
      seen.clear();
      scheduled.clear();
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
      if (taints.length === 0) {
        cancel(nodeName, new Set(), cache, ctx);
        return { writes: [] };
      }
      let since = Number.POSITIVE_INFINITY;
      for (const t of taints) {
        const id = `${nodeName}|${t.key}|${t.value ?? ''}`;
        let at = seen.get(id);
        if (at === undefined) {
          at = t.timeAdded
            ? Math.max(Math.min(parseTimestamp(t.timeAdded), ctx.now), restartedAt ?? 0)
            : ctx.now;
          seen.set(id, at);
        }
        // The eviction was scheduled when the first NoExecute taint was seen.
        since = Math.min(since, at);
      }
      const writes: Write[] = [];
      const waiting = new Map<string, KubeObject>();
      let nextDue = Number.POSITIVE_INFINITY;
      for (const pod of cache.list('pods')) {
        if (podNodeName(pod) !== nodeName || isDeleting(pod)) continue;
        const phase = podPhase(pod);
        if (phase === 'Succeeded' || phase === 'Failed') continue;
        const delay = evictionDelayMs(
          specOf<{ tolerations?: Toleration[] }>(pod).tolerations ?? [],
          taints,
        );
        if (delay === Number.POSITIVE_INFINITY) continue;
        const due = since + delay;
        if (ctx.now < due) {
          nextDue = Math.min(nextDue, due);
          waiting.set(`${namespaceOf(pod)}/${nameOf(pod)}`, pod);
          continue;
        }
        writes.push(...evict(pod, ctx));
        scheduled.get(nodeName)?.delete(`${namespaceOf(pod)}/${nameOf(pod)}`);
      }
      cancel(nodeName, new Set(waiting.keys()), cache, ctx);
      if (waiting.size > 0) scheduled.set(nodeName, waiting);
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
