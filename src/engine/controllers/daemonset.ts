/**
 * The DaemonSet controller (`daemonset-controller`), after pkg/controller/daemon: one pod of
 * each DaemonSet on every node its node selector and tolerations allow. A node without its
 * daemon pod (the pod was deleted, or the node's labels or taints changed) gets a new one,
 * pinned there by a required node affinity on `metadata.name` and bound by the scheduler.
 *
 * A template change makes a new revision: a ControllerRevision `<ds>-<hash>` owned by the
 * DaemonSet (daemonSetHistory.ts), whose hash the new pods carry as `controller-revision-hash`.
 * With the default RollingUpdate strategy (maxUnavailable 1, maxSurge 0) the controller deletes
 * one old pod at a time, while the unavailable count allows, and the manage loop creates the
 * new pod on that node once the old one is gone. With maxSurge
 * the new pod starts beside the old one, which goes once the new one is available. With
 * OnDelete only the pods the user deletes are replaced. The status counts desired, current,
 * ready, available, up-to-date and misscheduled pods. kube-proxy is the cluster's DaemonSet.
 *
 * The pods and revisions a DaemonSet works with are the ones it claims (daemonSetClaims.ts):
 * matching orphans of its namespace are adopted (on its first sync, and when an orphan appears
 * or its labels change), controlled ones that stopped matching are released.
 */
import type { KubeObject } from '../api/types.ts';
import type {
  Cache,
  ReconcileContext,
  Reconciler,
  WatchEvent,
  Write,
} from '../runtime/controller.ts';
import { parseTimestamp } from '../util/clock.ts';
import { type PodAdmissionForecast, podAdmissionForecast } from './admissionForecast.ts';
import { claimObjects, PendingAdoptions } from './daemonSetClaims.ts';
import { cleanupHistory, constructHistory, PendingRevisions } from './daemonSetHistory.ts';
import { scaledValue } from './deployment.ts';
import type { NodeTaint } from './nodeLifecycle.ts';
import {
  clone,
  controllerOf,
  controllerRef,
  deepEqual,
  eventRef,
  isDeleting,
  isPodAvailable,
  isPodReady,
  keyName,
  keyNamespace,
  type LabelSelector,
  nameOf,
  namespaceOf,
  podNodeName,
  podPhase,
  selectorMatches,
  specOf,
  statusOf,
  uidOf,
  withStatus,
} from './objects.ts';
import {
  EXPECTATIONS_TIMEOUT_MS,
  type PodExpectations,
  satisfiedExpectations,
} from './podExpectations.ts';
import { podCreateRefusal, randomSuffix } from './replicaset.ts';
import { type Toleration, tolerates } from './taintEviction.ts';

export const COMPONENT_DAEMONSET = 'daemonset-controller';
/** `apps.DefaultDaemonSetUniqueLabelKey`: the revision (template hash) a daemon pod was made from. */
export const DAEMONSET_HASH_LABEL = 'controller-revision-hash';
/** `extensions.DaemonSetTemplateGenerationKey`, kept for backward compatibility. */
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
/** `--concurrent-daemonset-syncs`' companion: at most this many creates (and deletes) per sync. */
const BURST_REPLICAS = 250;
/** The failed-pods back-off of the controller (`flowcontrol.NewBackOff(1s, 15m)`). */
const FAILED_BACKOFF_INITIAL_MS = 1_000;
const FAILED_BACKOFF_MAX_MS = 15 * 60_000;

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

type IntOrString = number | string;

interface DaemonSetSpec {
  template?: {
    metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
    spec?: {
      nodeName?: string;
      nodeSelector?: Record<string, string>;
      tolerations?: Toleration[];
      hostNetwork?: boolean;
      affinity?: Record<string, unknown> & { nodeAffinity?: Record<string, unknown> };
      [k: string]: unknown;
    };
  };
  updateStrategy?: {
    type?: 'RollingUpdate' | 'OnDelete';
    rollingUpdate?: { maxUnavailable?: IntOrString; maxSurge?: IntOrString };
  };
  minReadySeconds?: number;
}

interface DaemonSetStatus {
  collisionCount?: number;
  conditions?: unknown[];
  currentNumberScheduled?: number;
  desiredNumberScheduled?: number;
  numberAvailable?: number;
  numberMisscheduled?: number;
  numberReady?: number;
  numberUnavailable?: number;
  observedGeneration?: number;
  updatedNumberScheduled?: number;
}

/** Daemon pods by the node they run on or are pinned to, nodes in name order. */
type NodePods = Map<string, KubeObject[]>;

/**
 * `NodeShouldRunDaemonPod`: `run` when a new daemon pod may start on the node (node name and
 * selector match, every NoSchedule/NoExecute taint tolerated); `keep` when a daemon pod already
 * there may stay (only NoSchedule taints are untolerated).
 */
function shouldRunOn(node: KubeObject, spec: DaemonSetSpec): { run: boolean; keep: boolean } {
  const podSpec = spec.template?.spec;
  if (podSpec?.nodeName && podSpec.nodeName !== nameOf(node)) return { run: false, keep: false };
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(podSpec?.nodeSelector ?? {})) {
    if (labels[k] !== v) return { run: false, keep: false };
  }
  const tolerations = [
    ...(podSpec?.tolerations ?? []),
    ...daemonTolerations(podSpec?.hostNetwork === true),
  ];
  const untolerated = (specOf<{ taints?: NodeTaint[] }>(node).taints ?? []).filter(
    (taint) =>
      (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') &&
      !tolerations.some((t) => tolerates(t, taint)),
  );
  if (untolerated.length === 0) return { run: true, keep: true };
  return { run: false, keep: !untolerated.some((t) => t.effect === 'NoExecute') };
}

/** The parts of a node a DaemonSet's placement depends on. */
function placementOf(node: KubeObject | undefined): unknown {
  if (!node) return undefined;
  return [node.metadata?.labels ?? {}, specOf<{ taints?: unknown }>(node).taints ?? []];
}

/**
 * The DaemonSet's template generation: the `deprecated.daemonset.template.generation`
 * annotation the API server raises with every template change (`metadata.generation` for an
 * object stored without it).
 */
function templateGeneration(ds: KubeObject): number {
  const annotated = Number(ds.metadata?.annotations?.['deprecated.daemonset.template.generation']);
  return Number.isInteger(annotated) && annotated > 0 ? annotated : (ds.metadata?.generation ?? 1);
}

/** `util.IsPodUpdated`: the pod carries the current hash or the current template generation. */
function isPodUpdated(pod: KubeObject, hash: string, generation: number): boolean {
  const labels = pod.metadata?.labels ?? {};
  return (
    labels[DAEMONSET_HASH_LABEL] === hash || labels[TEMPLATE_GENERATION_LABEL] === `${generation}`
  );
}

/** `podByCreationTimestampAndPhase`: bound pods first, then the oldest, then by name. */
function byCreation(a: KubeObject, b: KubeObject): number {
  const boundA = podNodeName(a) !== '';
  const boundB = podNodeName(b) !== '';
  if (boundA !== boundB) return boundA ? -1 : 1;
  const ta = parseTimestamp(a.metadata?.creationTimestamp ?? '');
  const tb = parseTimestamp(b.metadata?.creationTimestamp ?? '');
  if (ta !== tb) return ta - tb;
  return nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0;
}

/** `findUpdatedPodsOnNode`: the node's one new and one old pod (not deleting), or !ok for more. */
function updatedPodsOn(
  pods: readonly KubeObject[],
  hash: string,
  generation: number,
): { newPod?: KubeObject; oldPod?: KubeObject; ok: boolean } {
  let newPod: KubeObject | undefined;
  let oldPod: KubeObject | undefined;
  for (const p of pods) {
    if (isDeleting(p)) continue;
    if (isPodUpdated(p, hash, generation)) {
      if (newPod) return { ok: false };
      newPod = p;
    } else {
      if (oldPod) return { ok: false };
      oldPod = p;
    }
  }
  return { newPod, oldPod, ok: true };
}

export function createDaemonSetController(): Reconciler {
  /**
   * Every DaemonSet seen, by `namespace/name`, with its selector (a node change concerns them
   * all; an orphan pod or revision those of its namespace that select it).
   */
  const known = new Map<string, { ns: string; selector: LabelSelector | undefined }>();
  /** Whether the node event `keysFor` is about to see changed placement (from `observe`). */
  let nodeMatters = false;
  /** The pod or revision event `keysFor` is about to see (from `observe`). */
  let lastEvent: WatchEvent | undefined;
  /** Keys whose next sync must look for orphans to adopt. */
  const scanOrphans = new Set<string>();
  /** The uid each key had at its last sync: a new DaemonSet under an old name scans too. */
  const synced = new Map<string, string>();
  /** Adoptions not yet in the cache. */
  const adoptions = new PendingAdoptions(EXPECTATIONS_TIMEOUT_MS);
  /** Expectations by `namespace/name` of the DaemonSet. */
  const expectations = new Map<string, PodExpectations>();
  /** The failed-pods back-off: `<ds uid>/<observedGeneration>/<node>` → delay and last update. */
  const failedBackoff = new Map<string, { delay: number; last: number }>();
  /** Revision writes not yet in the cache. */
  const pending = new PendingRevisions(EXPECTATIONS_TIMEOUT_MS);
  return {
    actor: 'controller-manager',
    name: COMPONENT_DAEMONSET,
    watches: ['daemonsets', 'pods', 'nodes', 'controllerrevisions'],
    onStart() {
      known.clear();
      scanOrphans.clear();
      synced.clear();
      adoptions.clear();
      pending.clear();
      expectations.clear();
      failedBackoff.clear();
    },
    observe(event) {
      if (event.resource !== 'nodes') {
        lastEvent = event;
        return;
      }
      nodeMatters =
        event.type !== 'MODIFIED' || !deepEqual(placementOf(event.old), placementOf(event.object));
    },
    keysFor(resource, obj) {
      if (resource === 'daemonsets') {
        const ns = namespaceOf(obj);
        const key = `${ns}/${nameOf(obj)}`;
        known.set(key, { ns, selector: specOf<{ selector?: LabelSelector }>(obj).selector });
        return [key];
      }
      if (resource === 'nodes') return nodeMatters ? [...known.keys()] : [];
      // Pods and ControllerRevisions: their controlling DaemonSet.
      const owner = controllerOf(obj);
      if (owner) return owner.kind === 'DaemonSet' ? [`${namespaceOf(obj)}/${owner.name}`] : [];
      return orphanKeys(obj);
    },
    reconcile(key, cache, ctx) {
      const ns = keyNamespace(key);
      const name = keyName(key);
      const ds = cache.get('daemonsets', ns, name);
      if (!ds) {
        known.delete(key);
        scanOrphans.delete(key);
        synced.delete(key);
        expectations.delete(key);
        return { writes: [] };
      }
      // The controller cannot tell which revisions a DaemonSet being deleted still has.
      if (isDeleting(ds)) return { writes: [] };
      return { writes: sync(ds, key, cache, ctx) };
    },
  };

  /**
   * `addPod`/`updatePod` (and the same for revisions) for an orphan: the DaemonSets of its
   * namespace that select it, when it was added or its labels or controller changed, and not
   * while it is being deleted. They look for orphans on their next sync.
   */
  function orphanKeys(obj: KubeObject): string[] {
    const event = lastEvent;
    if (isDeleting(obj) || !event || event.object !== obj || event.type === 'DELETED') return [];
    const old = event.old;
    if (
      event.type === 'MODIFIED' &&
      old &&
      !controllerOf(old) &&
      deepEqual(old.metadata?.labels ?? {}, obj.metadata?.labels ?? {})
    ) {
      return [];
    }
    const ns = namespaceOf(obj);
    const keys: string[] = [];
    for (const [key, ds] of known) {
      if (ds.ns !== ns || !selectorMatches(ds.selector, obj.metadata?.labels)) continue;
      scanOrphans.add(key);
      keys.push(key);
    }
    return keys;
  }

  /**
   * The claimed objects of `resource` (daemonSetClaims.ts): controlled ones from the owner
   * index plus adoptions the cache has not caught up with, and, when scanning, the
   * namespace's orphans. Adopt and release patches go to `writes`.
   */
  function claim(
    ds: KubeObject,
    resource: 'pods' | 'controllerrevisions',
    controlled: readonly KubeObject[],
    scan: boolean,
    cache: Cache,
    ctx: ReconcileContext,
    writes: Write[],
  ): KubeObject[] {
    const uid = uidOf(ds);
    const late = adoptions.view(resource, uid, cache, ctx.now);
    let all = controlled;
    if (late.length > 0) {
      const names = new Set(controlled.map(nameOf));
      all = [...controlled, ...late.filter((o) => !names.has(nameOf(o)))];
    }
    const candidates = scan ? cache.list(resource, namespaceOf(ds)) : undefined;
    const { claimed, adopted } = claimObjects(ds, resource, all, candidates, writes);
    for (const obj of adopted) adoptions.adopted(resource, obj, ctx.now);
    return claimed;
  }

  /** `syncDaemonSet`. */
  function sync(ds: KubeObject, key: string, cache: Cache, ctx: ReconcileContext): Write[] {
    const ns = namespaceOf(ds);
    const uid = uidOf(ds);
    const scan = scanOrphans.delete(key) || synced.get(key) !== uid;
    synced.set(key, uid);
    const claimWrites: Write[] = [];
    // controlledHistories (ClaimControllerRevisions), then constructHistory: the current
    // revision (made now if the template is new) names the hash.
    const revisions = claim(
      ds,
      'controllerrevisions',
      pending.view(ds, cache, ctx.now),
      scan,
      cache,
      ctx,
      claimWrites,
    );
    // getDaemonPods (ClaimPods).
    const owned = claim(
      ds,
      'pods',
      (cache.owned?.('pods', uid) ?? cache.list('pods', ns)).filter(
        (p) => controllerOf(p)?.uid === uid,
      ),
      scan,
      cache,
      ctx,
      claimWrites,
    );
    const history = constructHistory(ds, revisions, owned, cache);
    const writes: Write[] = [...claimWrites, ...history.writes];
    for (const w of history.writes) {
      if (w.verb === 'bind' || w.resource !== 'controllerrevisions') continue;
      if (w.verb === 'delete') pending.deleted(ns, w.name, ctx.now);
      else if (w.verb === 'create' || w.verb === 'update') pending.wrote(w.obj, ctx.now);
    }
    const hash = history.hash;
    // A hash collision: the collisionCount bump is the sync's only write.
    if (hash === undefined) return writes;
    const nodes = cache.list('nodes');
    const byNode = nodeToDaemonPods(owned);
    const observed = satisfiedExpectations(expectations, key, ns, cache, ctx.now);
    if (observed) {
      const manage = managePods(ds, nodes, byNode, hash, ctx);
      const failed = syncNodes(ds, key, manage.deletes, manage.creates, hash, cache, ctx, writes);
      // The rolling update waits until what manage just asked for has been observed, and does
      // not run after a failed create (manage returned the error); nor does the history cleanup.
      const strategy = specOf<DaemonSetSpec>(ds).updateStrategy?.type ?? 'RollingUpdate';
      if (!failed && !expectations.has(key) && strategy === 'RollingUpdate') {
        const roll = rollingUpdate(ds, nodes, byNode, hash, ctx);
        syncNodes(ds, key, roll.deletes, roll.creates, hash, cache, ctx, writes);
      }
      if (!failed) {
        for (const w of cleanupHistory(ds, history.old, owned)) {
          if (w.verb === 'delete') pending.deleted(ns, w.name, ctx.now);
          writes.push(w);
        }
      }
    }
    const status = daemonSetStatus(ds, nodes, byNode, hash, observed, ctx);
    if (status) writes.push(status);
    return writes;
  }

  /**
   * `manage` (with `podsShouldBeOnNode` and `getUnscheduledPodsWithoutNode`): the nodes that
   * need a daemon pod and the pods to delete (failed or succeeded ones, extra ones, ones on
   * nodes the DaemonSet no longer fits).
   */
  function managePods(
    ds: KubeObject,
    nodes: readonly KubeObject[],
    byNode: NodePods,
    hash: string,
    ctx: ReconcileContext,
  ): { creates: string[]; deletes: string[] } {
    const spec = specOf<DaemonSetSpec>(ds);
    const surge = allowsSurge(spec);
    const creates: string[] = [];
    const deletes: string[] = [];
    for (const node of nodes) {
      const nodeName = nameOf(node);
      const { run, keep } = shouldRunOn(node, spec);
      const pods = byNode.get(nodeName);
      if (run && !pods) {
        creates.push(nodeName);
      } else if (keep) {
        const running: KubeObject[] = [];
        for (const p of pods ?? []) {
          if (isDeleting(p)) continue;
          const phase = podPhase(p);
          if (phase === 'Failed') {
            // The controller often fights a kubelet that rejects the pod: back off.
            const backoffKey = `${uidOf(ds)}/${statusOf<DaemonSetStatus>(ds).observedGeneration ?? 0}/${nodeName}`;
            const b = failedBackoff.get(backoffKey);
            const expired = !b || ctx.now - b.last > 2 * FAILED_BACKOFF_MAX_MS;
            if (b && !expired && ctx.now - b.last < b.delay) {
              ctx.requeueAfter(`${namespaceOf(ds)}/${nameOf(ds)}`, b.delay);
              continue;
            }
            failedBackoff.set(backoffKey, {
              delay:
                !b || expired
                  ? FAILED_BACKOFF_INITIAL_MS
                  : Math.min(b.delay * 2, FAILED_BACKOFF_MAX_MS),
              last: ctx.now,
            });
            record(
              ctx,
              ds,
              'Warning',
              'FailedDaemonPod',
              `Found failed daemon pod ${namespaceOf(p)}/${nameOf(p)} on node ${nodeName}, will try to kill it`,
            );
            deletes.push(nameOf(p));
          } else if (phase === 'Succeeded') {
            record(
              ctx,
              ds,
              'Normal',
              'SucceededDaemonPod',
              `Found succeeded daemon pod ${namespaceOf(p)}/${nameOf(p)} on node ${nodeName}, will try to delete it`,
            );
            deletes.push(nameOf(p));
          } else running.push(p);
        }
        if (!surge) {
          // More than one pod on the node: all but the oldest go.
          running.sort(byCreation);
          for (const p of running.slice(1)) deletes.push(nameOf(p));
          continue;
        }
        if (running.length <= 1) {
          if (running.length === 0 && run) creates.push(nodeName);
          continue;
        }
        // Surging: an old pod and a new one may share the node until the new one is available.
        let oldestNew: KubeObject | undefined;
        let oldestOld: KubeObject | undefined;
        for (const p of running.sort(byCreation)) {
          // Here the hash label alone decides (as podsShouldBeOnNode does).
          if (p.metadata?.labels?.[DAEMONSET_HASH_LABEL] === hash) {
            if (!oldestNew) {
              oldestNew = p;
              continue;
            }
          } else if (!oldestOld) {
            oldestOld = p;
            continue;
          }
          deletes.push(nameOf(p));
        }
        if (oldestNew && oldestOld) {
          const minReady = spec.minReadySeconds ?? 0;
          if (
            !isPodReady(oldestOld) ||
            isPodAvailable(oldestNew, minReady, ctx.now, parseTimestamp)
          ) {
            deletes.push(nameOf(oldestOld));
          }
        }
      } else if (pods) {
        for (const p of pods) if (!isDeleting(p)) deletes.push(nameOf(p));
      }
    }
    // Pods pinned to a node that no longer exists are never scheduled; the pod GC misses them.
    const existing = new Set(nodes.map(nameOf));
    for (const [nodeName, pods] of byNode) {
      if (existing.has(nodeName)) continue;
      for (const p of pods) if (!podNodeName(p)) deletes.push(nameOf(p));
    }
    return { creates, deletes };
  }

  /**
   * `rollingUpdate`: the old pods to delete (maxSurge 0) or the nodes to surge onto, within
   * maxUnavailable / maxSurge. Nodes are taken in name order (Go's map order is random).
   */
  function rollingUpdate(
    ds: KubeObject,
    nodes: readonly KubeObject[],
    byNode: NodePods,
    hash: string,
    ctx: ReconcileContext,
  ): { creates: string[]; deletes: string[] } {
    const spec = specOf<DaemonSetSpec>(ds);
    const minReady = spec.minReadySeconds ?? 0;
    const available = (p: KubeObject) => isPodAvailable(p, minReady, ctx.now, parseTimestamp);
    const generation = templateGeneration(ds);
    // updatedDesiredNodeCounts: every node that should run a pod is considered, pods or not.
    const considered = new Map(byNode);
    let desired = 0;
    const runs = new Map<string, boolean>();
    for (const node of nodes) {
      const { run } = shouldRunOn(node, spec);
      runs.set(nameOf(node), run);
      if (!run) continue;
      desired++;
      if (!considered.has(nameOf(node))) considered.set(nameOf(node), []);
    }
    const ru = spec.updateStrategy?.rollingUpdate ?? {};
    let maxUnavailable = scaledValue(ru.maxUnavailable, desired, true);
    const maxSurge = scaledValue(ru.maxSurge, desired, true);
    if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
    const order = [...considered.keys()].sort();

    if (maxSurge === 0) {
      let numUnavailable = 0;
      const replacements: string[] = [];
      const candidates: string[] = [];
      for (const nodeName of order) {
        const { newPod, oldPod, ok } = updatedPodsOn(
          considered.get(nodeName) ?? [],
          hash,
          generation,
        );
        if (!ok || (!oldPod && !newPod) || (oldPod && newPod)) {
          // The manage loop creates or prunes here; count the node as unavailable.
          numUnavailable++;
        } else if (newPod) {
          if (!available(newPod)) numUnavailable++;
        } else if (oldPod && !available(oldPod)) {
          replacements.push(nameOf(oldPod));
          numUnavailable++;
        } else if (oldPod && numUnavailable < maxUnavailable) {
          candidates.push(nameOf(oldPod));
        }
      }
      const room = Math.min(Math.max(maxUnavailable - numUnavailable, 0), candidates.length);
      return { creates: [], deletes: [...replacements, ...candidates.slice(0, room)] };
    }

    const deletes: string[] = [];
    const shouldNotRun: string[] = [];
    const candidateNodes: string[] = [];
    const allowedNodes: string[] = [];
    let numSurge = 0;
    let numAvailable = 0;
    for (const nodeName of order) {
      const { newPod, oldPod, ok } = updatedPodsOn(
        considered.get(nodeName) ?? [],
        hash,
        generation,
      );
      if (!ok) {
        numSurge++;
        continue;
      }
      if (oldPod ? available(oldPod) : newPod && available(newPod)) numAvailable++;
      if (!oldPod) continue;
      if (!newPod) {
        if (!runs.get(nodeName)) {
          // Not wanted here any more: an unavailable pod goes now, an available one later.
          if (!available(oldPod)) deletes.push(nameOf(oldPod));
          else shouldNotRun.push(nameOf(oldPod));
        } else if (!available(oldPod)) allowedNodes.push(nodeName);
        else if (numSurge < maxSurge) candidateNodes.push(nodeName);
        continue;
      }
      if (!available(newPod)) {
        numSurge++;
        continue;
      }
      deletes.push(nameOf(oldPod));
    }
    // With surge the owner expects full availability: a pod on a node it no longer fits goes
    // only once enough pods elsewhere are available.
    const deletable = Math.min(Math.max(numAvailable - desired, 0), shouldNotRun.length);
    deletes.push(...shouldNotRun.slice(0, deletable));
    const room = Math.min(Math.max(maxSurge - numSurge, 0), candidateNodes.length);
    return { creates: [...allowedNodes, ...candidateNodes.slice(0, room)], deletes };
  }

  /**
   * `syncNodes`: the creates, then the deletes, with their events and expectations. A create
   * the API server refuses gets a Warning `FailedCreate` and ends the creates (slow start: the
   * first batch, of one pod, failed), none of them expected; the deletes still go. Returns
   * whether a create failed: the sync then fails, and the runtime retries it with back-off.
   */
  function syncNodes(
    ds: KubeObject,
    key: string,
    deletes: string[],
    creates: string[],
    hash: string,
    cache: Cache,
    ctx: ReconcileContext,
    writes: Write[],
  ): boolean {
    if (creates.length === 0 && deletes.length === 0) return false;
    const ns = namespaceOf(ds);
    const e: PodExpectations = { creates: new Set(), deletes: new Set(), at: ctx.now };
    const namespace = cache.get('namespaces', undefined, ns);
    // A terminating namespace refuses new pods; the controller ignores that error.
    const canCreate = !!namespace && !isDeleting(namespace);
    let failed = false;
    let forecast: PodAdmissionForecast | undefined;
    for (const nodeName of creates.slice(0, BURST_REPLICAS)) {
      if (!canCreate) break;
      const podName = newPodName(ds, ns, cache, ctx);
      const pod = daemonPod(ds, podName, nodeName, hash);
      writes.push({ verb: 'create', resource: 'pods', namespace: ns, obj: pod });
      // The pods differ only in their node affinity: if the first is refused, so is the rest.
      if (e.creates.size === 0) forecast ??= podAdmissionForecast(ns, cache, ctx.timestamp());
      const refused =
        (e.creates.size === 0
          ? podCreateRefusal(
              specOf<Record<string, unknown>>(pod),
              `${nameOf(ds)}-`,
              podName,
              ns,
              cache,
            )
          : undefined) ?? forecast?.(specOf<Record<string, unknown>>(pod), podName);
      if (refused !== undefined) {
        record(ctx, ds, 'Warning', 'FailedCreate', `Error creating: ${refused}`);
        failed = true;
        break;
      }
      e.creates.add(podName);
      record(ctx, ds, 'Normal', 'SuccessfulCreate', `Created pod: ${podName}`);
    }
    for (const podName of deletes.slice(0, BURST_REPLICAS)) {
      e.deletes.add(podName);
      writes.push({ verb: 'delete', resource: 'pods', namespace: ns, name: podName });
      record(ctx, ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${podName}`);
    }
    if (e.creates.size > 0 || e.deletes.size > 0) expectations.set(key, e);
    return failed;
  }
}

/** Owned daemon pods by target node (`getNodesToDaemonPods`), leaving out deleted terminal ones. */
function nodeToDaemonPods(owned: readonly KubeObject[]): NodePods {
  const byNode: NodePods = new Map();
  for (const p of owned) {
    const phase = podPhase(p);
    if ((phase === 'Succeeded' || phase === 'Failed') && isDeleting(p)) continue;
    const node = podNodeName(p) || nodeOfAffinity(p);
    if (!node) continue;
    const list = byNode.get(node);
    if (list) list.push(p);
    else byNode.set(node, [p]);
  }
  return byNode;
}

/** `util.AllowsSurge`: a RollingUpdate whose maxSurge is more than 0 (of one node). */
function allowsSurge(spec: DaemonSetSpec): boolean {
  if ((spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return false;
  return scaledValue(spec.updateStrategy?.rollingUpdate?.maxSurge, 1, true) > 0;
}

/**
 * `updateDaemonSetStatus`: the counts over the oldest pod of every node. `observedGeneration`
 * moves only when the sync acted on this generation (expectations were satisfied). The fields
 * with `omitempty` in apps/v1 are left out at 0. Undefined when nothing changed.
 */
function daemonSetStatus(
  ds: KubeObject,
  nodes: readonly KubeObject[],
  byNode: NodePods,
  hash: string,
  updateObservedGeneration: boolean,
  ctx: ReconcileContext,
): Write | undefined {
  const spec = specOf<DaemonSetSpec>(ds);
  const minReady = spec.minReadySeconds ?? 0;
  const generation = templateGeneration(ds);
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let updated = 0;
  let available = 0;
  for (const node of nodes) {
    const pods = byNode.get(nameOf(node)) ?? [];
    if (!shouldRunOn(node, spec).run) {
      if (pods.length > 0) misscheduled++;
      continue;
    }
    desired++;
    const pod = [...pods].sort(byCreation)[0];
    if (!pod) continue;
    current++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, ctx.now, parseTimestamp)) available++;
    }
    if (isPodUpdated(pod, hash, generation)) updated++;
  }
  const old = statusOf<DaemonSetStatus>(ds);
  const { collisionCount, conditions } = old;
  const observedGeneration = updateObservedGeneration
    ? (ds.metadata?.generation ?? 1)
    : old.observedGeneration;
  const status: DaemonSetStatus = {
    ...(collisionCount !== undefined ? { collisionCount } : {}),
    ...(conditions?.length ? { conditions } : {}),
    currentNumberScheduled: current,
    desiredNumberScheduled: desired,
    ...(available ? { numberAvailable: available } : {}),
    numberMisscheduled: misscheduled,
    numberReady: ready,
    ...(desired - available ? { numberUnavailable: desired - available } : {}),
    ...(observedGeneration ? { observedGeneration } : {}),
    ...(updated ? { updatedNumberScheduled: updated } : {}),
  };
  // A pod turns available minReadySeconds after it turned ready: look again then.
  if (minReady > 0 && ready !== available) {
    ctx.requeueAfter(`${namespaceOf(ds)}/${nameOf(ds)}`, minReady * 1000);
  }
  if (deepEqual(status, old)) return undefined;
  return {
    verb: 'updateStatus',
    resource: 'daemonsets',
    namespace: namespaceOf(ds),
    obj: withStatus(ds, status),
  };
}

function record(
  ctx: ReconcileContext,
  ds: KubeObject,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
): void {
  ctx.recordEvent({
    ref: eventRef('daemonsets', ds),
    type,
    reason,
    message,
    component: COMPONENT_DAEMONSET,
  });
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

/**
 * A daemon pod for `node` (`util.CreatePodTemplate` + `ReplaceDaemonSetPodNodeNameNodeAffinity`):
 * the template with the controller's tolerations, the template-generation and revision-hash
 * labels, and a required node affinity on the node's name in place of the template's.
 */
function daemonPod(ds: KubeObject, podName: string, node: string, hash: string): KubeObject {
  const spec = specOf<DaemonSetSpec>(ds);
  const template = clone(spec.template ?? {});
  const podSpec = template.spec ?? {};
  const tolerations = [...(podSpec.tolerations ?? [])];
  for (const t of daemonTolerations(podSpec.hostNetwork === true)) {
    if (!tolerations.some((x) => x.key === t.key && x.effect === t.effect)) tolerations.push(t);
  }
  const affinity = podSpec.affinity ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: podName,
      generateName: `${nameOf(ds)}-`,
      namespace: namespaceOf(ds),
      labels: {
        ...template.metadata?.labels,
        [DAEMONSET_HASH_LABEL]: hash,
        [TEMPLATE_GENERATION_LABEL]: `${templateGeneration(ds)}`,
      },
      ...(template.metadata?.annotations ? { annotations: template.metadata.annotations } : {}),
      ownerReferences: [controllerRef('daemonsets', ds)],
    },
    spec: {
      ...podSpec,
      tolerations,
      affinity: {
        ...affinity,
        nodeAffinity: {
          ...affinity.nodeAffinity,
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
