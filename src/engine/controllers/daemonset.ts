/**
 * The DaemonSet controller (`daemonset-controller`): one pod of each DaemonSet on every node
 * its node selector and tolerations allow. A node without its daemon pod (the pod was deleted,
 * or the node's labels or taints changed) gets a new one, pinned there by a required node
 * affinity on `metadata.name` and bound by the scheduler; the status counts desired, current,
 * ready, available and misscheduled pods. kube-proxy is the cluster's DaemonSet.
 */
import type { KubeObject } from '../api/types.ts';
import type { Cache, ReconcileContext, Reconciler, Write } from '../runtime/controller.ts';
import type { NodeTaint } from './nodeLifecycle.ts';
import {
  clone,
  controllerOf,
  controllerRef,
  deepEqual,
  eventRef,
  isDeleting,
  isPodActive,
  isPodReady,
  nameOf,
  namespaceOf,
  podNodeName,
  specOf,
  statusOf,
  uidOf,
  withStatus,
} from './objects.ts';
import { randomSuffix } from './replicaset.ts';
import { type Toleration, tolerates } from './taintEviction.ts';

export const COMPONENT_DAEMONSET = 'daemonset-controller';

/**
 * Tolerations the controller adds to every daemon pod (util.AddOrUpdateDaemonPodTolerations):
 * it stays on a node that is not ready or under pressure, and a host-network pod also where
 * the network is not set up yet.
 */
export function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const t = (key: string, effect: string): Toleration => ({
    key: `node.kubernetes.io/${key}`,
    operator: 'Exists',
    effect,
  });
  return [
    t('not-ready', 'NoExecute'),
    t('unreachable', 'NoExecute'),
    t('disk-pressure', 'NoSchedule'),
    t('memory-pressure', 'NoSchedule'),
    t('pid-pressure', 'NoSchedule'),
    t('unschedulable', 'NoSchedule'),
    ...(hostNetwork ? [t('network-unavailable', 'NoSchedule')] : []),
  ];
}

interface DaemonSetSpec {
  template?: {
    metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
    spec?: {
      nodeSelector?: Record<string, string>;
      tolerations?: Toleration[];
      hostNetwork?: boolean;
      [k: string]: unknown;
    };
  };
}

interface DaemonSetStatus {
  currentNumberScheduled?: number;
  desiredNumberScheduled?: number;
  numberAvailable?: number;
  numberMisscheduled?: number;
  numberReady?: number;
  numberUnavailable?: number;
  observedGeneration?: number;
  updatedNumberScheduled?: number;
}

/** nodeShouldRunDaemonPod: the node selector matches and every NoSchedule/NoExecute taint is tolerated. */
function shouldRun(node: KubeObject, spec: DaemonSetSpec): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(spec.template?.spec?.nodeSelector ?? {})) {
    if (labels[k] !== v) return false;
  }
  const tolerations = [
    ...(spec.template?.spec?.tolerations ?? []),
    ...daemonTolerations(spec.template?.spec?.hostNetwork === true),
  ];
  const taints = (specOf<{ taints?: NodeTaint[] }>(node).taints ?? []).filter(
    (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute',
  );
  return taints.every((taint) => tolerations.some((t) => tolerates(t, taint)));
}

/** The parts of a node a DaemonSet's placement depends on. */
function placementOf(node: KubeObject | undefined): unknown {
  if (!node) return undefined;
  return [node.metadata?.labels ?? {}, specOf<{ taints?: unknown }>(node).taints ?? []];
}

export function createDaemonSetController(): Reconciler {
  /** `namespace/name` of every DaemonSet seen (a node change concerns them all). */
  const known = new Set<string>();
  /** Whether the node event `keysFor` is about to see changed placement (from `observe`). */
  let nodeMatters = false;
  /** Pods created but not seen yet: `namespace/name` of the DaemonSet → node → pod name. */
  const pending = new Map<string, Map<string, string>>();
  return {
    actor: 'controller-manager',
    name: COMPONENT_DAEMONSET,
    watches: ['daemonsets', 'pods', 'nodes'],
    onStart() {
      known.clear();
      pending.clear();
    },
    observe(event) {
      if (event.resource !== 'nodes') return;
      nodeMatters =
        event.type !== 'MODIFIED' || !deepEqual(placementOf(event.old), placementOf(event.object));
    },
    keysFor(resource, obj) {
      if (resource === 'daemonsets') {
        const key = `${namespaceOf(obj)}/${nameOf(obj)}`;
        known.add(key);
        return [key];
      }
      if (resource === 'nodes') return nodeMatters ? [...known] : [];
      const owner = controllerOf(obj);
      return owner?.kind === 'DaemonSet' ? [`${namespaceOf(obj)}/${owner.name}`] : [];
    },
    reconcile(key, cache, ctx) {
      const [ns = '', name = ''] = key.split('/');
      const ds = cache.get('daemonsets', ns, name);
      if (!ds) {
        known.delete(key);
        pending.delete(key);
        return { writes: [] };
      }
      if (isDeleting(ds)) return { writes: [] };
      return { writes: sync(ds, key, cache, ctx) };
    },
  };

  function sync(ds: KubeObject, key: string, cache: Cache, ctx: ReconcileContext): Write[] {
    const ns = namespaceOf(ds);
    const spec = specOf<DaemonSetSpec>(ds);
    const uid = uidOf(ds);
    const owned = (cache.owned?.('pods', uid) ?? cache.list('pods', ns)).filter(
      (p) => controllerOf(p)?.uid === uid && isPodActive(p) && !isDeleting(p),
    );
    const byNode = new Map<string, KubeObject[]>();
    for (const p of owned) {
      const node = podNodeName(p) || nodeOfAffinity(p);
      if (!node) continue;
      const list = byNode.get(node);
      if (list) list.push(p);
      else byNode.set(node, [p]);
    }
    const waiting = pending.get(key) ?? new Map<string, string>();
    for (const [node, pod] of waiting) {
      if (cache.get('pods', ns, pod)) waiting.delete(node);
    }
    const writes: Write[] = [];
    let desired = 0;
    let current = 0;
    let ready = 0;
    let misscheduled = 0;
    const namespace = cache.get('namespaces', undefined, ns);
    const canCreate = !!namespace && !isDeleting(namespace);
    for (const node of cache.list('nodes')) {
      const nodeName = nameOf(node);
      const pods = byNode.get(nodeName) ?? [];
      if (!shouldRun(node, spec)) {
        // A daemon pod where it should not run (the node's labels or taints changed) goes.
        if (pods.length > 0) misscheduled++;
        for (const p of pods) {
          writes.push({ verb: 'delete', resource: 'pods', namespace: ns, name: nameOf(p) });
          ctx.recordEvent({
            ref: eventRef('daemonsets', ds),
            type: 'Normal',
            reason: 'SuccessfulDelete',
            message: `Deleted pod: ${nameOf(p)}`,
            component: COMPONENT_DAEMONSET,
          });
        }
        continue;
      }
      desired++;
      if (pods.length > 0) {
        current++;
        if (pods.some(isPodReady)) ready++;
        continue;
      }
      if (!canCreate || waiting.has(nodeName)) continue;
      const podName = newPodName(ds, ns, cache, ctx);
      waiting.set(nodeName, podName);
      writes.push({
        verb: 'create',
        resource: 'pods',
        namespace: ns,
        obj: daemonPod(ds, podName, nodeName),
      });
      ctx.recordEvent({
        ref: eventRef('daemonsets', ds),
        type: 'Normal',
        reason: 'SuccessfulCreate',
        message: `Created pod: ${podName}`,
        component: COMPONENT_DAEMONSET,
      });
    }
    if (waiting.size > 0) pending.set(key, waiting);
    else pending.delete(key);
    const old = statusOf<DaemonSetStatus>(ds);
    const status: DaemonSetStatus = {
      currentNumberScheduled: current,
      desiredNumberScheduled: desired,
      numberAvailable: ready,
      numberMisscheduled: misscheduled,
      numberReady: ready,
      observedGeneration: ds.metadata?.generation ?? 1,
      updatedNumberScheduled: current,
    };
    if (desired - ready > 0) status.numberUnavailable = desired - ready;
    if (!deepEqual(status, old)) {
      writes.push({
        verb: 'updateStatus',
        resource: 'daemonsets',
        namespace: ns,
        obj: withStatus(ds, status),
      });
    }
    return writes;
  }
}

/** The node a daemon pod is pinned to by its `metadata.name` node affinity, before binding. */
function nodeOfAffinity(pod: KubeObject): string | undefined {
  const terms =
    specOf<{
      affinity?: {
        nodeAffinity?: {
          requiredDuringSchedulingIgnoredDuringExecution?: {
            nodeSelectorTerms?: { matchFields?: { key: string; values?: string[] }[] }[];
          };
        };
      };
    }>(pod).affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    const field = term.matchFields?.find((f) => f.key === 'metadata.name');
    if (field?.values?.length === 1) return field.values[0];
  }
  return undefined;
}

/** `<daemonset>-xxxxx`, drawn like the API server's generateName and not taken. */
function newPodName(ds: KubeObject, ns: string, cache: Cache, ctx: ReconcileContext): string {
  const prefix = `${nameOf(ds)}-`.slice(0, 58);
  let name = prefix + randomSuffix(() => ctx.random());
  while (cache.get('pods', ns, name)) name = prefix + randomSuffix(() => ctx.random());
  return name;
}

/** A daemon pod for `node`: the template, the controller's labels and tolerations, pinned by affinity. */
function daemonPod(ds: KubeObject, podName: string, node: string): KubeObject {
  const spec = specOf<DaemonSetSpec>(ds);
  const template = clone(spec.template ?? {});
  const podSpec = (template.spec ?? {}) as Record<string, unknown> & { tolerations?: Toleration[] };
  const tolerations = [...(podSpec.tolerations ?? [])];
  for (const t of daemonTolerations(podSpec.hostNetwork === true)) {
    if (!tolerations.some((x) => x.key === t.key && x.effect === t.effect)) tolerations.push(t);
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: podName,
      generateName: `${nameOf(ds)}-`,
      namespace: namespaceOf(ds),
      labels: {
        ...template.metadata?.labels,
        'controller-revision-hash': '7bb84c4984',
        'pod-template-generation': String(ds.metadata?.generation ?? 1),
      },
      ...(template.metadata?.annotations ? { annotations: template.metadata.annotations } : {}),
      ownerReferences: [controllerRef('daemonsets', ds)],
    },
    spec: {
      ...podSpec,
      tolerations,
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] },
            ],
          },
        },
      },
    },
  };
}
