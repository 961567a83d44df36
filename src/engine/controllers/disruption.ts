/**
 * The disruption controller (pkg/controller/disruption, 1.32): keeps every
 * PodDisruptionBudget's status. For a budget it lists the pods its selector picks, works out
 * how many are expected and how many must stay healthy (getExpectedPodCount), counts the Ready
 * ones that are neither terminating nor just evicted (countHealthyPods), and writes
 * currentHealthy, desiredHealthy, expectedPods, disruptionsAllowed, disruptedPods,
 * observedGeneration and the DisruptionAllowed condition (SufficientPods / InsufficientPods).
 *
 * A percentage, and any maxUnavailable, is taken of the pods' controllers' scale: a Deployment's
 * (through its ReplicaSet), a bare ReplicaSet's or a StatefulSet's `spec.replicas`; a kind with
 * no scale subresource (a DaemonSet, a Job) fails the sync (CalculateExpectedPodCountFailed, and
 * failSafe: no disruption allowed, reason SyncFailed). Pods with no controller are left out of
 * that count with an UnmanagedPods warning. Percentages round up.
 *
 * Cost: pods are offered to it only while their namespace holds a budget (an O(1) check per pod
 * event), so plain Deployments in namespaces without budgets cost nothing more.
 *
 * A pod that several budgets select gets a MultiplePodDisruptionBudgets warning naming the first
 * (by name: upstream's lister order is a map's). Simplified: every one of those budgets syncs
 * (upstream enqueues only the one it chose); the stale DisruptionTarget cleanup (a condition
 * left on a pod not deleted within 2 minutes) is not modelled.
 */
import type { KubeObject } from '../api/types.ts';
import {
  DISRUPTION_ALLOWED,
  pdbSelects,
  SYNC_FAILED,
  setStatusCondition,
  withDisruptionAllowedCondition,
} from '../apiserver/disruption.ts';
import { qualifiedResource, RESOURCES } from '../apiserver/resources.ts';
import type { Cache, ReconcileContext, Reconciler, Write } from '../runtime/controller.ts';
import { parseTimestamp } from '../util/clock.ts';
import {
  controllerOf,
  deepEqual,
  eventRef,
  isDeleting,
  isPodReady,
  keyName,
  keyNamespace,
  nameOf,
  namespaceOf,
  type OwnerReference,
  resourceOfKind,
  uidOf,
} from './objects.ts';

/** The disruption controller's event source (its recorder's component). */
export const COMPONENT_DISRUPTION = 'controllermanager';
/** Work keys of pods that several budgets select (for the warning). */
const MULTIPLE = 'multiple/';

/** `DeletionTimeout`: how long an evicted pod may take to show its deletion. */
export const DELETION_TIMEOUT_MS = 2 * 60_000;

type IntOrString = number | string;

interface PdbSpec {
  minAvailable?: IntOrString | null;
  maxUnavailable?: IntOrString | null;
  selector?: {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
  } | null;
}

interface PdbStatus {
  disruptionsAllowed?: number;
  currentHealthy?: number;
  desiredHealthy?: number;
  expectedPods?: number;
  observedGeneration?: number;
  disruptedPods?: Record<string, string>;
  conditions?: Record<string, unknown>[];
}

/** `intstr.GetScaledValueFromIntOrPercent(v, total, true)`. */
function scaledValue(v: IntOrString, total: number): number | string {
  if (typeof v === 'number') return v;
  const m = /^(-?\d+)%$/.exec(v);
  if (!m) {
    const n = Number.parseInt(v, 10);
    if (String(n) === v) return n;
    return `invalid value for IntOrString: invalid type: string is not a percentage`;
  }
  return Math.ceil((Number(m[1]) * total) / 100);
}

/** `%v` of a *metav1.LabelSelector (its generated String()). */
function goSelectorString(sel: PdbSpec['selector']): string {
  if (!sel) return 'nil';
  const labels = sel.matchLabels ?? {};
  const keys = Object.keys(labels).sort();
  const ml = `map[string]string{${keys.map((k) => `${k}: ${labels[k]},`).join('')}}`;
  const me = (sel.matchExpressions ?? [])
    .map(
      (r) =>
        `LabelSelectorRequirement{Key:${r.key},Operator:${r.operator},Values:[${(r.values ?? []).join(' ')}],},`,
    )
    .join('');
  return `&LabelSelector{MatchLabels:${ml},MatchExpressions:[]LabelSelectorRequirement{${me}},}`;
}

/** The kinds whose resources have a scale subresource. */
const SCALABLE = new Set(['ReplicaSet', 'StatefulSet', 'Deployment']);

/** The group of an apiVersion (`apps/v1` → `apps`, `v1` → ''). */
function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i === -1 ? '' : apiVersion.slice(0, i);
}

/** `{ uid, scale }` of the pod's controller, null when none is found, or an error text. */
function findController(
  ref: OwnerReference,
  ns: string,
  cache: Cache,
): { uid: string; scale: number } | null | string {
  const group = groupOf(ref.apiVersion ?? '');
  const replicas = (o: KubeObject) =>
    ((o.spec as { replicas?: number } | undefined)?.replicas ?? 1) as number;
  // getPodReplicationController: no ReplicationControllers in this cluster.
  if (ref.kind === 'ReplicaSet' && (group === 'apps' || group === 'extensions')) {
    const rs = cache.get('replicasets', ns, ref.name);
    if (rs && uidOf(rs) === ref.uid) {
      const owner = controllerOf(rs);
      // getPodDeployment: a ReplicaSet a Deployment controls counts as the Deployment.
      if (owner?.kind === 'Deployment') {
        const og = groupOf(owner.apiVersion ?? '');
        if (og === 'apps' || og === 'extensions') {
          const d = cache.get('deployments', ns, owner.name);
          if (d && uidOf(d) === owner.uid) return { uid: uidOf(d), scale: replicas(d) };
        }
      } else return { uid: uidOf(rs), scale: replicas(rs) };
    }
  }
  if (ref.kind === 'StatefulSet' && group === 'apps') {
    const sts = cache.get('statefulsets', ns, ref.name);
    if (sts && uidOf(sts) === ref.uid) return { uid: uidOf(sts), scale: replicas(sts) };
  }
  // getScaleController: the scale subresource of whatever kind it is.
  const resource = resourceOfKind(ref.kind);
  if (!resource) return `no matches for kind "${ref.kind}" in version "${ref.apiVersion}"`;
  if (!SCALABLE.has(ref.kind))
    return `${qualifiedResource(RESOURCES[resource])} does not implement the scale subresource`;
  if (ref.kind === 'Deployment') {
    const d = cache.get('deployments', ns, ref.name);
    if (d && uidOf(d) === ref.uid) return { uid: uidOf(d), scale: replicas(d) };
  }
  return null;
}

interface Expected {
  expectedCount: number;
  desiredHealthy: number;
  unmanaged: string[];
}

/** getExpectedPodCount (with getExpectedScale): an error text when a controller fails it. */
function expectedPodCount(
  spec: PdbSpec,
  pods: readonly KubeObject[],
  ns: string,
  cache: Cache,
): Expected | string {
  const expectedScale = (): { count: number; unmanaged: string[] } | string => {
    const scales = new Map<string, number>();
    const seen = new Set<string>();
    const unmanaged: string[] = [];
    for (const pod of pods) {
      const ref = controllerOf(pod);
      if (!ref) {
        unmanaged.push(nameOf(pod));
        continue;
      }
      if (seen.has(ref.uid)) continue;
      const found = findController(ref, ns, cache);
      if (typeof found === 'string') return found;
      if (!found) return `found no controllers for pod ${JSON.stringify(nameOf(pod))}`;
      seen.add(ref.uid);
      scales.set(found.uid, found.scale);
    }
    let count = 0;
    for (const n of scales.values()) count += n;
    return { count, unmanaged };
  };
  if (spec.maxUnavailable != null) {
    const s = expectedScale();
    if (typeof s === 'string') return s;
    const max = scaledValue(spec.maxUnavailable, s.count);
    if (typeof max === 'string') return max;
    return {
      expectedCount: s.count,
      desiredHealthy: Math.max(0, s.count - max),
      unmanaged: s.unmanaged,
    };
  }
  if (spec.minAvailable != null) {
    if (typeof spec.minAvailable === 'number')
      return { expectedCount: pods.length, desiredHealthy: spec.minAvailable, unmanaged: [] };
    const s = expectedScale();
    if (typeof s === 'string') return s;
    const min = scaledValue(spec.minAvailable, s.count);
    if (typeof min === 'string') return min;
    return { expectedCount: s.count, desiredHealthy: min, unmanaged: s.unmanaged };
  }
  return { expectedCount: 0, desiredHealthy: 0, unmanaged: [] };
}

/** trySync (and failSafe when it fails) for one budget. */
function syncBudget(pdb: KubeObject, cache: Cache, ctx: ReconcileContext, key: string): Write[] {
  const ns = namespaceOf(pdb);
  const spec = (pdb.spec ?? {}) as PdbSpec;
  const status = (pdb.status ?? {}) as PdbStatus;
  const ref = eventRef('poddisruptionbudgets', pdb);
  const event = (type: 'Normal' | 'Warning', reason: string, message: string) =>
    ctx.recordEvent({ ref, type, reason, message, component: COMPONENT_DISRUPTION });
  const pods = cache.list('pods', ns).filter((p) => pdbSelects(pdb, p.metadata?.labels));
  if (pods.length === 0) event('Normal', 'NoPods', 'No matching pods found');
  const now = ctx.timestamp();
  const expected = expectedPodCount(spec, pods, ns, cache);
  const statusWrite = (next: PdbStatus): Write => ({
    verb: 'updateStatus',
    resource: 'poddisruptionbudgets',
    namespace: ns,
    obj: { ...pdb, metadata: { ...pdb.metadata }, status: next },
  });
  if (typeof expected === 'string') {
    event(
      'Warning',
      'CalculateExpectedPodCountFailed',
      `Failed to calculate the number of expected pods: ${expected}`,
    );
    // failSafe: no disruption until a sync succeeds.
    const conditions = setStatusCondition(
      status.conditions ?? [],
      {
        type: DISRUPTION_ALLOWED,
        status: 'False',
        reason: SYNC_FAILED,
        message: expected,
        observedGeneration: status.observedGeneration,
      },
      now,
    );
    const next = { ...status, disruptionsAllowed: 0, conditions };
    return deepEqual(next, status) ? [] : [statusWrite(next)];
  }
  if (expected.unmanaged.length > 0)
    event(
      'Warning',
      'UnmanagedPods',
      `Pods selected by this PodDisruptionBudget (selector: ${goSelectorString(spec.selector)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
    );
  // buildDisruptedPodMap: evictions not yet seen as deletions, for at most DeletionTimeout.
  const disrupted: Record<string, string> = {};
  let recheck: number | undefined;
  const recorded = status.disruptedPods ?? {};
  for (const pod of pods) {
    if (isDeleting(pod)) continue;
    const at = recorded[nameOf(pod)];
    if (at === undefined) continue;
    const expires = (parseTimestamp(at) ?? 0) + DELETION_TIMEOUT_MS;
    if (expires < ctx.now) {
      ctx.recordEvent({
        ref: eventRef('pods', pod),
        type: 'Warning',
        reason: 'NotDeleted',
        // Upstream prints the budget's namespace twice.
        message: `Pod was expected by PDB ${ns}/${ns} to be deleted but it wasn't`,
        component: COMPONENT_DISRUPTION,
      });
    } else {
      if (recheck === undefined || expires < recheck) recheck = expires;
      disrupted[nameOf(pod)] = at;
    }
  }
  let currentHealthy = 0;
  for (const pod of pods) {
    if (isDeleting(pod)) continue;
    const at = disrupted[nameOf(pod)];
    if (at !== undefined && (parseTimestamp(at) ?? 0) + DELETION_TIMEOUT_MS > ctx.now) continue;
    if (isPodReady(pod)) currentHealthy++;
  }
  if (recheck !== undefined) ctx.requeueAfter(key, recheck - ctx.now);
  const { expectedCount, desiredHealthy } = expected;
  let disruptionsAllowed = currentHealthy - desiredHealthy;
  if (expectedCount <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0;
  const generation = pdb.metadata?.generation ?? 0;
  if (
    status.currentHealthy === currentHealthy &&
    status.desiredHealthy === desiredHealthy &&
    status.expectedPods === expectedCount &&
    status.disruptionsAllowed === disruptionsAllowed &&
    deepEqual(status.disruptedPods ?? {}, disrupted) &&
    status.observedGeneration === generation &&
    conditionsUpToDate(status, generation)
  )
    return [];
  const next: PdbStatus = {
    disruptionsAllowed,
    currentHealthy,
    desiredHealthy,
    expectedPods: expectedCount,
    observedGeneration: generation,
    ...(Object.keys(disrupted).length > 0 ? { disruptedPods: disrupted } : {}),
    ...(status.conditions ? { conditions: status.conditions } : {}),
  };
  next.conditions = withDisruptionAllowedCondition(next, now);
  return [statusWrite(next)];
}

/** `pdbhelper.ConditionsAreUpToDate`. */
function conditionsUpToDate(status: PdbStatus, generation: number): boolean {
  const cond = (status.conditions ?? []).find((c) => c.type === DISRUPTION_ALLOWED);
  if (!cond || status.observedGeneration !== generation) return false;
  if ((status.disruptionsAllowed ?? 0) > 0)
    return cond.status === 'True' && cond.reason === 'SufficientPods';
  return cond.status === 'False' && cond.reason === 'InsufficientPods';
}

export function createDisruptionController(): Reconciler {
  /** Namespace → its budgets by name (kept by `observe`). */
  const budgets = new Map<string, Map<string, KubeObject>>();
  /** Keys of the budgets a relabelled pod's old labels matched (from `observe`). */
  let previous: string[] = [];
  const keysOf = (pod: KubeObject): string[] => {
    const inNs = budgets.get(namespaceOf(pod));
    if (!inNs) return [];
    const keys: string[] = [];
    for (const pdb of inNs.values())
      if (pdbSelects(pdb, pod.metadata?.labels)) keys.push(`${namespaceOf(pdb)}/${nameOf(pdb)}`);
    return keys;
  };
  return {
    actor: 'controller-manager',
    name: 'disruption-controller',
    // The workload kinds only for the scale lookups (their informers' listers).
    watches: ['poddisruptionbudgets', 'pods', 'replicasets', 'deployments', 'statefulsets'],
    observe(e) {
      if (e.resource === 'poddisruptionbudgets') {
        const ns = namespaceOf(e.object);
        const inNs = budgets.get(ns) ?? new Map<string, KubeObject>();
        if (e.type === 'DELETED') inNs.delete(nameOf(e.object));
        else inNs.set(nameOf(e.object), e.object);
        if (inNs.size === 0) budgets.delete(ns);
        else budgets.set(ns, inNs);
        return;
      }
      previous =
        e.resource === 'pods' &&
        e.old &&
        budgets.has(namespaceOf(e.object)) &&
        !deepEqual(e.old.metadata?.labels, e.object.metadata?.labels)
          ? keysOf(e.old)
          : [];
    },
    keysFor(resource, obj) {
      if (resource === 'poddisruptionbudgets') return [`${namespaceOf(obj)}/${nameOf(obj)}`];
      if (resource !== 'pods') return [];
      const keys = keysOf(obj);
      // getPdbForPod's warning, recorded by the reconcile of a key of its own.
      if (keys.length > 1) keys.push(`${MULTIPLE}${namespaceOf(obj)}/${nameOf(obj)}`);
      if (previous.length === 0) return keys;
      const all = [...new Set([...keys, ...previous])];
      previous = [];
      return all;
    },
    reconcile(key, cache, ctx) {
      if (key.startsWith(MULTIPLE)) {
        const podKey = key.slice(MULTIPLE.length);
        const pod = cache.get('pods', keyNamespace(podKey), keyName(podKey));
        const chosen = pod ? keysOf(pod).sort()[0] : undefined;
        if (pod && chosen && keysOf(pod).length > 1)
          ctx.recordEvent({
            ref: eventRef('pods', pod),
            type: 'Warning',
            reason: 'MultiplePodDisruptionBudgets',
            message: `Pod ${JSON.stringify(namespaceOf(pod))}/${JSON.stringify(nameOf(pod))} matches multiple PodDisruptionBudgets.  Chose ${JSON.stringify(keyName(chosen))} arbitrarily.`,
            component: COMPONENT_DISRUPTION,
          });
        return { writes: [] };
      }
      const pdb = cache.get('poddisruptionbudgets', keyNamespace(key), keyName(key));
      if (!pdb) return { writes: [] };
      return { writes: syncBudget(pdb, cache, ctx, key) };
    },
  };
}
