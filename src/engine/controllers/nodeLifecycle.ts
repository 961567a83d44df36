/**
 * The node lifecycle controller (kube-controller-manager, events from `node-controller`):
 * every `node-monitor-period` (5 s) it checks each node's heartbeat (its Lease in
 * kube-node-lease, or the Ready condition's lastHeartbeatTime). A node not heard from for
 * more than `node-monitor-grace-period` (50 s in 1.32) gets its conditions set to Unknown,
 * the `node.kubernetes.io/unreachable` NoSchedule and NoExecute taints, a NodeNotReady event,
 * and its pods marked Ready=False. When the heartbeat is back and the kubelet posts Ready,
 * the taints go away.
 *
 * TaintNodesByCondition's `doNoScheduleTaintingPass` also runs on every Node update: a
 * cordoned node (`spec.unschedulable: true`) gets `node.kubernetes.io/unschedulable:NoSchedule`
 * (with timeAdded, as SwapNodeControllerTaint stamps every taint it adds), removed on uncordon;
 * the memory-, disk-, PID-pressure and network-unavailable NoSchedule taints follow their
 * conditions the same way.
 */
import type { KubeObject } from '../api/types.ts';
import type { EventRecord, ReconcileContext, Reconciler, Write } from '../runtime/controller.ts';
import { parseTimestamp } from '../util/clock.ts';
import { findIn } from '../util/persistentMap.ts';
import {
  type Condition,
  deepEqual,
  eventRef,
  isDeleting,
  nameOf,
  podConditions,
  podNodeName,
  specOf,
  statusOf,
} from './objects.ts';

export const COMPONENT_NODE = 'node-controller';
export const NODE_MONITOR_PERIOD_MS = 5_000;
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000;
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

export interface NodeTaint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

interface Health {
  /** The Node's uid, for the RemovingNode event once the Node is gone. */
  uid: string | undefined;
  probeAt: number;
  renewTime: string | undefined;
  heartbeat: string | undefined;
}

const CONDITION_TYPES = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'];

export function nodeCondition(node: KubeObject, type: string): Condition | undefined {
  return findIn(
    statusOf<{ conditions?: Condition[] }>(node).conditions ?? [],
    (c) => c.type === type,
  );
}

export function createNodeLifecycleController(): Reconciler {
  const health = new Map<string, Health>();
  /** Starts so far: after a restart every node is new to the controller again. */
  let starts = 0;

  /**
   * `RecordNodeEvent` / `RecordNodeStatusChange`: the reference names the Node by name and uid
   * only (no resourceVersion), in the default namespace as every cluster-scoped event.
   */
  function nodeEvent(
    ctx: ReconcileContext,
    name: string,
    uid: string | undefined,
    reason: string,
    message: string,
  ) {
    const ref: EventRecord['ref'] = { resource: 'nodes', name, kind: 'Node', apiVersion: 'v1' };
    if (uid) ref.uid = uid;
    ctx.recordEvent({
      ref,
      type: 'Normal',
      reason,
      message,
      component: COMPONENT_NODE,
    });
  }

  function monitor(
    node: KubeObject,
    cache: Parameters<Reconciler['reconcile']>[1],
    ctx: ReconcileContext,
  ): Write[] {
    const name = nameOf(node);
    const writes: Write[] = [];
    const lease = cache.get('leases', 'kube-node-lease', name);
    const renewTime = specOf<{ renewTime?: string }>(lease ?? {}).renewTime;
    const heartbeat = nodeCondition(node, 'Ready')?.lastHeartbeatTime;
    let h = health.get(name);
    if (!h) {
      h = { uid: node.metadata?.uid, probeAt: ctx.now, renewTime, heartbeat };
      health.set(name, h);
      const created = node.metadata?.creationTimestamp;
      // classifyNodes registers every node it has not seen: at the cluster's first start the
      // bootstrap nodes' events are long gone (the learner arrives later), but a restarted
      // controller manager (the control-plane node came back) registers them all again.
      if (starts > 1 || (created && parseTimestamp(created) >= ctx.now - 60_000)) {
        nodeEvent(
          ctx,
          name,
          h.uid,
          'RegisteredNode',
          `Node ${name} event: Registered Node ${name} in Controller`,
        );
      }
    }
    if (renewTime !== h.renewTime || heartbeat !== h.heartbeat) {
      h.renewTime = renewTime;
      h.heartbeat = heartbeat;
      h.probeAt = ctx.now;
    }

    let conditions = statusOf<{ conditions?: Condition[] }>(node).conditions ?? [];
    const wasReady = nodeCondition(node, 'Ready');
    // A node that never posted its status gets node-startup-grace-period (60 s) instead.
    const grace = wasReady ? NODE_MONITOR_GRACE_PERIOD_MS : NODE_STARTUP_GRACE_PERIOD_MS;
    if (ctx.now > h.probeAt + grace) {
      const ts = ctx.timestamp();
      const next: Condition[] = [];
      let changed = false;
      for (const type of CONDITION_TYPES) {
        const cur = findIn(conditions, (c) => c.type === type);
        if (!cur) {
          next.push({
            type,
            status: 'Unknown',
            reason: 'NodeStatusNeverUpdated',
            message: 'Kubelet never posted node status.',
            lastHeartbeatTime: node.metadata?.creationTimestamp ?? ts,
            lastTransitionTime: ts,
          });
          changed = true;
        } else if (cur.status !== 'Unknown') {
          next.push({
            ...cur,
            status: 'Unknown',
            reason: 'NodeStatusUnknown',
            message: 'Kubelet stopped posting node status.',
            lastTransitionTime: ts,
          });
          changed = true;
        } else next.push(cur);
      }
      for (const c of conditions) if (!CONDITION_TYPES.includes(c.type)) next.push(c);
      if (changed) {
        conditions = next;
        writes.push({
          verb: 'patch',
          resource: 'nodes',
          name,
          subresource: 'status',
          patch: { status: { conditions: next } },
        });
        if (wasReady?.status === 'True') {
          nodeEvent(ctx, name, h.uid, 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
          writes.push(...markPodsNotReady(name, cache, ctx));
        }
      }
    }

    // Taints follow the Ready condition (TaintNodesByCondition + the NoExecute pass).
    const ready = findIn(conditions, (c) => c.type === 'Ready')?.status;
    const wantKey =
      ready === 'Unknown' ? TAINT_UNREACHABLE : ready === 'False' ? TAINT_NOT_READY : undefined;
    const taints = specOf<{ taints?: NodeTaint[] }>(node).taints ?? [];
    // The usual case, a Ready node without condition taints: nothing to add or drop.
    if (
      wantKey === undefined &&
      !taints.some((t) => t.key === TAINT_UNREACHABLE || t.key === TAINT_NOT_READY)
    ) {
      return writes;
    }
    const others = taints.filter((t) => t.key !== TAINT_UNREACHABLE && t.key !== TAINT_NOT_READY);
    const desired = [...others];
    if (wantKey) {
      for (const effect of ['NoSchedule', 'NoExecute']) {
        const existing = taints.find((t) => t.key === wantKey && t.effect === effect);
        desired.push(existing ?? { key: wantKey, effect, timeAdded: ctx.timestamp() });
      }
    }
    if (!deepEqual(desired, taints)) {
      writes.push({
        verb: 'patch',
        resource: 'nodes',
        name,
        patch: { spec: { taints: desired.length > 0 ? desired : null } },
      });
    }
    return writes;
  }

  return {
    actor: 'controller-manager',
    name: 'node-lifecycle-controller',
    watches: ['nodes', 'leases', 'pods'],
    keysFor(resource, obj) {
      // The monitor loop looks at every node each period on its own timer. A Node update goes
      // to the NoSchedule tainting pass, queued only when the pass would change the taints.
      if (resource !== 'nodes' || isDeleting(obj)) return [];
      return noScheduleTaintsOff(obj) ? [`node/${nameOf(obj)}`] : [];
    },
    initialKeys() {
      return ['monitor'];
    },
    onStart() {
      starts++;
      health.clear();
    },
    reconcile(key, cache, ctx) {
      if (key.startsWith('node/')) {
        const node = cache.get('nodes', undefined, key.slice('node/'.length));
        if (!node || isDeleting(node)) return { writes: [] };
        return { writes: noScheduleTaintingPass(node, ctx) };
      }
      if (key !== 'monitor') return { writes: [] };
      ctx.requeueAfter('monitor', NODE_MONITOR_PERIOD_MS);
      const writes: Write[] = [];
      const nodes = cache.list('nodes');
      const names = new Set(nodes.map(nameOf));
      // classifyNodes: a node known from an earlier pass and now gone was deleted.
      for (const [n, h] of health) {
        if (names.has(n)) continue;
        health.delete(n);
        nodeEvent(
          ctx,
          n,
          h.uid,
          'RemovingNode',
          `Node ${n} event: Removing Node ${n} from Controller`,
        );
      }
      for (const node of nodes) if (!isDeleting(node)) writes.push(...monitor(node, cache, ctx));
      return { writes };
    },
  };
}

/**
 * nodeConditionToTaintKeyStatusMap without the Ready entries (the monitor keeps the not-ready
 * and unreachable taints, NoSchedule and NoExecute, in step with Ready): the condition status
 * that calls for each NoSchedule taint.
 */
const CONDITION_TAINTS: readonly { type: string; key: string }[] = [
  { type: 'MemoryPressure', key: 'node.kubernetes.io/memory-pressure' },
  { type: 'DiskPressure', key: 'node.kubernetes.io/disk-pressure' },
  { type: 'NetworkUnavailable', key: 'node.kubernetes.io/network-unavailable' },
  { type: 'PIDPressure', key: 'node.kubernetes.io/pid-pressure' },
];

/** A NoSchedule taint the tainting pass owns: the cordon taint or a condition's (not Ready's). */
function passOwns(t: NodeTaint): boolean {
  return (
    t.effect === 'NoSchedule' &&
    (t.key === TAINT_UNSCHEDULABLE || CONDITION_TAINTS.some((c) => c.key === t.key))
  );
}

/**
 * The NoSchedule taints `doNoScheduleTaintingPass` wants (a condition's when it is True, in the
 * order of the node's conditions, then the cordon taint) and the ones it finds, by key.
 */
function noScheduleTaintKeys(node: KubeObject): { want: string[]; have: string[] } {
  const spec = specOf<{ unschedulable?: boolean; taints?: NodeTaint[] }>(node);
  const want: string[] = [];
  for (const c of statusOf<{ conditions?: Condition[] }>(node).conditions ?? []) {
    if (c.status !== 'True') continue;
    const key = CONDITION_TAINTS.find((t) => t.type === c.type)?.key;
    if (key && !want.includes(key)) want.push(key);
  }
  if (spec.unschedulable === true) want.push(TAINT_UNSCHEDULABLE);
  const have: string[] = [];
  for (const t of spec.taints ?? []) if (passOwns(t)) have.push(t.key);
  return { want, have };
}

/** Whether the tainting pass would change the node's taints (the cordon or a condition's). */
function noScheduleTaintsOff(node: KubeObject): boolean {
  const { want, have } = noScheduleTaintKeys(node);
  return want.some((k) => !have.includes(k)) || have.some((k) => !want.includes(k));
}

/**
 * `doNoScheduleTaintingPass` (TaintNodesByCondition), run on every Node update: the cordon
 * taint follows spec.unschedulable, and a memory-, disk-, PID-pressure or network-unavailable
 * NoSchedule taint follows its condition (one added by hand on a healthy node is taken off
 * again). SwapNodeControllerTaint appends what it adds (with timeAdded) and drops the rest.
 */
function noScheduleTaintingPass(node: KubeObject, ctx: ReconcileContext): Write[] {
  const { want, have } = noScheduleTaintKeys(node);
  const add = want.filter((k) => !have.includes(k));
  const del = have.filter((k) => !want.includes(k));
  if (add.length === 0 && del.length === 0) return [];
  const taints = specOf<{ taints?: NodeTaint[] }>(node).taints ?? [];
  const desired: NodeTaint[] = taints.filter((t) => !(passOwns(t) && del.includes(t.key)));
  for (const key of add) desired.push({ key, effect: 'NoSchedule', timeAdded: ctx.timestamp() });
  return [
    {
      verb: 'patch',
      resource: 'nodes',
      name: nameOf(node),
      patch: { spec: { taints: desired.length > 0 ? desired : null } },
    },
  ];
}

/** `MarkPodsNotReady`: every pod on the node gets Ready=False and a NodeNotReady event. */
function markPodsNotReady(
  node: string,
  cache: Parameters<Reconciler['reconcile']>[1],
  ctx: ReconcileContext,
): Write[] {
  const writes: Write[] = [];
  for (const pod of cache.list('pods')) {
    if (podNodeName(pod) !== node) continue;
    const conditions = podConditions(pod);
    const ready = findIn(conditions, (c) => c.type === 'Ready');
    if (!ready || ready.status === 'False') continue;
    const next = conditions.map((c) =>
      c.type === 'Ready'
        ? { ...c, status: 'False' as const, lastTransitionTime: ctx.timestamp() }
        : c,
    );
    writes.push({
      verb: 'patch',
      resource: 'pods',
      namespace: pod.metadata?.namespace ?? '',
      name: nameOf(pod),
      subresource: 'status',
      patch: { status: { conditions: next } },
    });
    ctx.recordEvent({
      ref: eventRef('pods', pod),
      type: 'Warning',
      reason: 'NodeNotReady',
      message: 'Node is not ready',
      component: COMPONENT_NODE,
    });
  }
  return writes;
}
