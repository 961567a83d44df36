/**
 * The ReplicaSet controller (event source `replicaset-controller`): keeps the number of
 * active pods equal to `spec.replicas`, creating pods from the template and deleting surplus
 * pods in the order of `controller.ActivePodsWithRanks`, and reports the ReplicaSet status.
 *
 * Pod names: the real controller sends `generateName: <rs>-` and learns the name from the
 * API server's answer. Writes here are fire-and-forget, so the controller draws the 5-char
 * suffix itself from the seeded random source with the API server's alphabet and sends both
 * `generateName` and `name`; the `SuccessfulCreate` event can then carry the final name.
 *
 * A create the API server refuses (see `podCreateRefusal`) gets a Warning `FailedCreate`
 * instead, `Error creating: <error>`; the sync stops creating (slow start: the first batch, of
 * one pod, failed), expects none of its pods, sets the `ReplicaFailure` condition and is
 * retried with the work queue's back-off (the runtime requeues a key whose write failed).
 */
import type { KubeObject } from '../api/types.ts';
import { forbidden, invalid } from '../apiserver/errors.ts';
import { validatePodCreate } from '../apiserver/podStrategy.ts';
import { admitPodPriority } from '../apiserver/priority.ts';
import { RESOURCES } from '../apiserver/resources.ts';
import type { Cache, ReconcileContext, Reconciler, Write } from '../runtime/controller.ts';
import { parseTimestamp } from '../util/clock.ts';
import { type PodAdmissionForecast, podAdmissionForecast } from './admissionForecast.ts';
import {
  canonicalJson,
  clone,
  controllerOf,
  controllerRef,
  deepEqual,
  eventRef,
  isDeleting,
  isPodActive,
  isPodAvailable,
  isPodReady,
  keyName,
  keyNamespace,
  type LabelSelector,
  nameOf,
  namespaceOf,
  type OwnerReference,
  ownerReferences,
  podCondition,
  podFacts,
  podNodeName,
  podPhase,
  selectorMatches,
  specOf,
  statusOf,
  uidOf,
  withStatus,
} from './objects.ts';
import { SAFE_ALPHANUMS } from './podTemplateHash.ts';

export const COMPONENT_REPLICASET = 'replicaset-controller';
/** `burstReplicas`: at most this many creations or deletions per sync. */
const BURST_REPLICAS = 500;
const EXPECTATIONS_TTL_MS = 5 * 60 * 1000;
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

interface RSSpec {
  replicas?: number;
  selector?: LabelSelector;
  minReadySeconds?: number;
  template?: {
    metadata?: {
      labels?: Record<string, string>;
      annotations?: Record<string, string>;
      finalizers?: string[];
    };
    spec?: Record<string, unknown>;
  };
}

export interface ReplicaSetStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: unknown[];
}

/**
 * Why the API server refuses to create a pod made from a controller's template, as the error
 * reads (`pods "web-6b57677b6-" is forbidden: no PriorityClass with name high was found`), or
 * undefined when it accepts it. Writes are fire-and-forget, so the controller cannot read the
 * answer: it asks the API server's own create-time rules for pods, in the server's order —
 * Priority admission, then the create-only validation. An admission error names the pod by its
 * `generateName` (no name is generated yet); a validation error by the generated name, here
 * the one the controller drew. A terminating namespace, which also refuses, is the caller's
 * to check (the controllers record nothing for it).
 */
export function podCreateRefusal(
  spec: Record<string, unknown>,
  generateName: string,
  name: string,
  namespace?: string,
  cache?: Cache,
): string | undefined {
  // ServiceAccount admission: the pod's service account must exist (`default` passes: the
  // plugin waits for the controller to create it). A cache holding no service account at all
  // has no such informer, as in unit tests: nothing to check.
  if (namespace !== undefined && cache && cache.list('serviceaccounts').length > 0) {
    const sa = String(spec.serviceAccountName || 'default');
    if (sa !== 'default' && !cache.get('serviceaccounts', namespace, sa)) {
      const why = `error looking up service account ${namespace}/${sa}: serviceaccount "${sa}" not found`;
      return forbidden(RESOURCES.pods, generateName, why).message;
    }
  }
  // Admission fills in `priority` and `preemptionPolicy`: give it a copy. The classes come from
  // the cache when it holds them (the controller manager's does); else the system classes.
  const classes = cache?.list('priorityclasses');
  const why = admitPodPriority({ ...spec }, classes && classes.length > 0 ? classes : undefined);
  if (why !== undefined) return forbidden(RESOURCES.pods, generateName, why).message;
  const errors = validatePodCreate({ metadata: { name }, spec });
  return errors.length > 0 ? invalid(RESOURCES.pods, name, errors).message : undefined;
}

/** A 5-character suffix from the API server's name alphabet. */
export function randomSuffix(random: () => number): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += SAFE_ALPHANUMS[Math.floor(random() * SAFE_ALPHANUMS.length)];
  return s;
}

function phaseOrdinal(pod: KubeObject): number {
  switch (podPhase(pod)) {
    case 'Pending':
      return 0;
    case 'Unknown':
      return 1;
    case 'Running':
      return 2;
    default:
      return 3;
  }
}

function deletionCost(pod: KubeObject): number {
  const v = pod.metadata?.annotations?.[DELETION_COST];
  const n = v === undefined ? 0 : Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : 0;
}

function restarts(pod: KubeObject): number {
  const statuses = statusOf<{ containerStatuses?: { restartCount?: number }[] }>(
    pod,
  ).containerStatuses;
  return Math.max(0, ...(statuses ?? []).map((c) => c.restartCount ?? 0));
}

/** `logarithmicRankDiff`: compare how long ago two times were on a log2 scale of nanoseconds. */
function logRankDiff(t1: number, t2: number, now: number): number {
  const rank = (t: number) => {
    const d = (now - t) * 1e6;
    return d > 0 ? Math.floor(Math.log2(d)) : -1;
  };
  return rank(t1) - rank(t2);
}

export interface RankedPod {
  pod: KubeObject;
  /** Active pods of the same owner family on the same node. */
  rank: number;
}

/**
 * `ActivePodsWithRanks.Less` (with LogarithmicScaleDown, GA since 1.31): true when `a` should
 * be deleted before `b`.
 */
export function deleteBefore(a: RankedPod, b: RankedPod, now: number): boolean {
  const pa = a.pod;
  const pb = b.pod;
  const na = podNodeName(pa);
  const nb = podNodeName(pb);
  // 1. Unassigned < assigned.
  if (na !== nb && (na === '' || nb === '')) return na === '';
  // 2. Pending < Unknown < Running.
  if (phaseOrdinal(pa) !== phaseOrdinal(pb)) return phaseOrdinal(pa) < phaseOrdinal(pb);
  // 3. Not ready < ready.
  if (isPodReady(pa) !== isPodReady(pb)) return !isPodReady(pa);
  // 4. Lower pod-deletion-cost first.
  if (deletionCost(pa) !== deletionCost(pb)) return deletionCost(pa) < deletionCost(pb);
  // 5. Doubled up (more related pods on the same node) first.
  if (a.rank !== b.rank) return a.rank > b.rank;
  // 6. Ready for less time first.
  if (isPodReady(pa) && isPodReady(pb)) {
    const ra = podCondition(pa, 'Ready')?.lastTransitionTime;
    const rb = podCondition(pb, 'Ready')?.lastTransitionTime;
    if (ra !== rb) {
      if (!ra || !rb) return !ra;
      const diff = logRankDiff(parseTimestamp(ra), parseTimestamp(rb), now);
      if (diff === 0) return uidOf(pa) < uidOf(pb);
      return diff < 0;
    }
  }
  // 7. More restarts first.
  if (restarts(pa) !== restarts(pb)) return restarts(pa) > restarts(pb);
  // 8. Newer first.
  const ca = pa.metadata?.creationTimestamp;
  const cb = pb.metadata?.creationTimestamp;
  if (ca !== cb) {
    if (!ca || !cb) return !ca;
    const diff = logRankDiff(parseTimestamp(ca), parseTimestamp(cb), now);
    if (diff === 0) return uidOf(pa) < uidOf(pb);
    return diff < 0;
  }
  return false;
}

/** The `count` pods the controller would delete, in deletion order. */
export function podsToDelete(
  active: readonly KubeObject[],
  related: readonly KubeObject[],
  count: number,
  now: number,
): KubeObject[] {
  const perNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const n = podNodeName(p);
    if (n) perNode.set(n, (perNode.get(n) ?? 0) + 1);
  }
  const ranked: RankedPod[] = active.map((pod) => ({
    pod,
    rank: podNodeName(pod) ? (perNode.get(podNodeName(pod)) ?? 0) : 0,
  }));
  ranked.sort((a, b) => (deleteBefore(a, b, now) ? -1 : deleteBefore(b, a, now) ? 1 : 0));
  return ranked.slice(0, count).map((r) => r.pod);
}

interface Expectations {
  creates: Set<string>;
  deletes: Set<string>;
  at: number;
}

/** Creates the ReplicaSet controller. */
export function createReplicaSetController(): Reconciler {
  const expectations = new Map<string, Expectations>();
  /** ReplicaSets (by key) that must scan their namespace for orphans on the next sync. */
  const scanRequests = new Set<string>();
  /** ReplicaSets (by uid) that have had their first, scanning sync. */
  const scanned = new Set<string>();
  /**
   * Status counts per ReplicaSet uid, kept up to date from the pod events `observe` reports
   * (a pod changed: recount that pod only), so a sync costs O(changed pods) instead of
   * O(owned pods). Used only for the plain case; anything unusual takes the full pass.
   */
  const aggs = new Map<string, Agg>();
  /**
   * The work key of a pod's owning ReplicaSet, by owner uid. The queue hashes a key on every
   * add: a string built anew per pod event is hashed anew, a reused one keeps its hash.
   */
  const ownerKeys = new Map<string, { ns: string; name: string; key: string }>();

  function ownerKey(ns: string, owner: OwnerReference): string {
    const k = ownerKeys.get(owner.uid);
    if (k !== undefined && k.ns === ns && k.name === owner.name) return k.key;
    // Bounded: one entry per ReplicaSet seen, dropped wholesale if that grows large.
    if (ownerKeys.size >= 4096) ownerKeys.clear();
    const key = `${ns}/${owner.name}`;
    ownerKeys.set(owner.uid, { ns, name: owner.name, key });
    return key;
  }
  /** Whether the runtime reports pod events through `observe` (test harnesses may not). */
  let observing = false;

  /** Recount the pod `name` into `agg`, as the claim loop of the full pass would see it. */
  function recount(agg: Agg, cache: Cache, name: string): void {
    const p = cache.get('pods', agg.ns, name);
    let c = 0;
    if (p) {
      const refs = ownerReferences(p);
      for (let i = 0; i < refs.length; i++) {
        if (refs[i]!.uid === agg.uid) {
          c = contribution(p, agg);
          break;
        }
      }
    }
    const before = agg.byName.get(name) ?? 0;
    // Most pod updates (status changes on the way to Running) leave the counts as they were.
    if (c === before) return;
    agg.active += (c & ACTIVE) - (before & ACTIVE);
    agg.full += ((c & FULL) - (before & FULL)) >> 1;
    agg.ready += ((c & READY) - (before & READY)) >> 2;
    agg.odd += ((c & ODD) - (before & ODD)) >> 3;
    if (c === 0) agg.byName.delete(name);
    else agg.byName.set(name, c);
  }

  /** Mark the pod `obj` changed for the running tallies of its owners. */
  function markDirty(obj: KubeObject): void {
    const refs = ownerReferences(obj);
    for (let i = 0; i < refs.length; i++) aggs.get(refs[i]!.uid)?.dirty.add(nameOf(obj));
  }

  /** Whether the expectations of `key` are met; `isOwned(name)`: the pod is among the owned. */
  function satisfied(
    key: string,
    isOwned: (name: string) => KubeObject | undefined,
    now: number,
  ): boolean {
    const e = expectations.get(key);
    if (!e) return true;
    for (const n of e.creates) if (isOwned(n)) e.creates.delete(n);
    for (const n of e.deletes) {
      const p = isOwned(n);
      if (!p || isDeleting(p)) e.deletes.delete(n);
    }
    if ((e.creates.size === 0 && e.deletes.size === 0) || now - e.at > EXPECTATIONS_TTL_MS) {
      expectations.delete(key);
      return true;
    }
    return false;
  }

  return {
    actor: 'controller-manager',
    name: COMPONENT_REPLICASET,
    watches: ['replicasets', 'pods', 'namespaces'],
    onStart() {
      aggs.clear();
      observing = false;
    },
    observe(event) {
      if (event.resource !== 'pods') return;
      observing = true;
      if (aggs.size === 0) return;
      markDirty(event.object);
      // The old version marks the same name for the same owners unless its owners differ.
      const old = event.old;
      if (old && old.metadata?.ownerReferences !== event.object.metadata?.ownerReferences) {
        markDirty(old);
      }
    },
    keysFor(resource, obj) {
      if (resource === 'replicasets') return [`${namespaceOf(obj)}/${nameOf(obj)}`];
      if (resource === 'pods') {
        const owner = controllerOf(obj);
        if (owner) return owner.kind === 'ReplicaSet' ? [ownerKey(namespaceOf(obj), owner)] : [];
        // An orphan pod may be adopted by a ReplicaSet whose selector matches it.
        return isPodActive(obj) ? [`adopt/${namespaceOf(obj)}`] : [];
      }
      return [];
    },
    reconcile(key, cache, ctx) {
      if (key.startsWith('adopt/')) {
        const ns = key.slice('adopt/'.length);
        const orphans = cache.list('pods', ns).filter((p) => !controllerOf(p) && isPodActive(p));
        for (const rs of cache.list('replicasets', ns)) {
          const selector = specOf<{ selector?: LabelSelector }>(rs).selector;
          if (
            !isDeleting(rs) &&
            orphans.some((p) => selectorMatches(selector, p.metadata?.labels))
          ) {
            scanRequests.add(`${ns}/${nameOf(rs)}`);
            ctx.requeueAfter(`${ns}/${nameOf(rs)}`, 0);
          }
        }
        return { writes: [] };
      }
      const ns = keyNamespace(key);
      const name = keyName(key);
      const rs = cache.get('replicasets', ns, name);
      if (!rs) {
        expectations.delete(key);
        scanRequests.delete(key);
        return { writes: [] };
      }
      const spec = specOf<RSSpec>(rs);
      // The owner index answers "my pods" without a scan; orphans (for adoption) need one, on
      // the first sync and when an orphan pod showed up.
      const scan = !cache.owned || scanRequests.delete(key) || !scanned.has(uidOf(rs));
      scanned.add(uidOf(rs));
      // Read only when needed: after pods were added, the first read sorts them again, and a
      // sync from the running tally (below) mostly needs no list at all.
      let podList: readonly KubeObject[] | undefined;
      const nsPods = (): readonly KubeObject[] =>
        (podList ??= scan ? cache.list('pods', ns) : (cache.owned?.('pods', uidOf(rs)) ?? []));
      const selector = spec.selector;
      const rsUid = uidOf(rs);
      const rsDeleting = isDeleting(rs);
      const minReady = spec.minReadySeconds ?? 0;
      const { templateLabels, selKey, tmplKey } = specKeys(spec);
      const fast = cache.owned && observing && !scan && !rsDeleting && minReady === 0;
      let agg = fast ? aggs.get(rsUid) : undefined;
      if (fast) {
        if (!agg || agg.selKey !== selKey || agg.tmplKey !== tmplKey || agg.ns !== ns) {
          agg = {
            uid: rsUid,
            ns,
            selector,
            templateLabels,
            selKey,
            tmplKey,
            byName: new Map(),
            dirty: new Set(),
            active: 0,
            full: 0,
            ready: 0,
            odd: 0,
          };
          aggs.set(rsUid, agg);
          for (const p of nsPods()) if (namespaceOf(p) === ns) agg.dirty.add(nameOf(p));
        }
        for (const n of agg.dirty) recount(agg, cache, n);
        agg.dirty.clear();
        // Releases and adoptions need the full pass.
        if (agg.odd > 0) agg = undefined;
      } else aggs.delete(rsUid);
      const writes: Write[] = [];
      /** The error of a create this sync made and the API server refuses. */
      let failure: string | undefined;
      let status: ReplicaSetStatus;
      let active: KubeObject[] = [];
      const fullPass = (): { status: ReplicaSetStatus; active: KubeObject[] } => {
        // ClaimPods: adopt matching orphans, release owned pods whose labels no longer match.
        const owned: KubeObject[] = [];
        const adopted = new Set<string>();
        for (const p of nsPods()) {
          if (!scan && namespaceOf(p) !== ns) continue;
          const f = podFacts(p);
          if (f.controllerUid === rsUid) {
            if (f.deleting || selectorMatches(selector, p.metadata?.labels)) owned.push(p);
            else if (!rsDeleting)
              writes.push(
                setOwners(
                  p,
                  ownerReferences(p).filter((r) => r.uid !== rsUid),
                ),
              );
          } else if (
            f.controllerUid === undefined &&
            f.active &&
            !rsDeleting &&
            selectorMatches(selector, p.metadata?.labels)
          ) {
            writes.push(setOwners(p, [...ownerReferences(p), controllerRef('replicasets', rs)]));
            owned.push(p);
            adopted.add(nameOf(p));
          }
        }
        const active = owned.filter((p) => podFacts(p).active);

        // A pod by name if it is among `owned` (the same test as the claim loop above).
        const ownedByName = (n: string): KubeObject | undefined => {
          const p = cache.get('pods', ns, n);
          if (!p) return undefined;
          const f = podFacts(p);
          if (f.controllerUid === rsUid)
            return f.deleting || selectorMatches(selector, p.metadata?.labels) ? p : undefined;
          return adopted.has(n) ? p : undefined;
        };
        if (!rsDeleting && satisfied(key, ownedByName, ctx.now)) {
          const managed = manageReplicas(
            rs,
            active.length,
            () => active,
            nsPods,
            cache,
            ctx,
            expectations,
            key,
          );
          writes.push(...managed.writes);
          failure = managed.failure;
        }

        let fullyLabeled = 0;
        let ready = 0;
        let available = 0;
        for (const p of active) {
          const labels = p.metadata?.labels;
          let full = true;
          for (const [k, v] of templateLabels) {
            if (labels?.[k] !== v) {
              full = false;
              break;
            }
          }
          if (full) fullyLabeled++;
          if (podFacts(p).ready?.status === 'True') {
            ready++;
            if (isPodAvailable(p, minReady, ctx.now, parseTimestamp)) available++;
          }
        }
        const status: ReplicaSetStatus = {
          replicas: active.length,
          fullyLabeledReplicas: fullyLabeled,
          readyReplicas: ready,
          availableReplicas: available,
          observedGeneration: rs.metadata?.generation ?? 1,
        };
        return { status, active };
      };
      if (agg) {
        // Owned pods by name (the claim loop would find no pod to adopt or release).
        const ownedByName = (n: string): KubeObject | undefined => {
          const p = cache.get('pods', ns, n);
          return p && podFacts(p).controllerUid === rsUid ? p : undefined;
        };
        if (satisfied(key, ownedByName, ctx.now)) {
          const activeOf = () =>
            nsPods().filter(
              (p) =>
                namespaceOf(p) === ns && podFacts(p).controllerUid === rsUid && podFacts(p).active,
            );
          const managed = manageReplicas(
            rs,
            agg.active,
            activeOf,
            nsPods,
            cache,
            ctx,
            expectations,
            key,
          );
          writes.push(...managed.writes);
          failure = managed.failure;
        }
        status = {
          replicas: agg.active,
          fullyLabeledReplicas: agg.full,
          readyReplicas: agg.ready,
          availableReplicas: agg.ready,
          observedGeneration: rs.metadata?.generation ?? 1,
        };
      } else {
        const full = fullPass();
        status = full.status;
        active = full.active;
      }
      const old = statusOf<ReplicaSetStatus>(rs);
      const conditions = replicaFailure(old.conditions, failure, ctx);
      if (conditions) status.conditions = conditions;
      const compact = compactStatus(status);
      if (!deepEqual(compact, old)) {
        const obj = withStatus(rs, compact);
        writes.push({ verb: 'updateStatus', resource: 'replicasets', namespace: ns, obj });
      }
      if (minReady > 0) {
        for (const p of active) {
          const since = podCondition(p, 'Ready')?.lastTransitionTime;
          if (isPodReady(p) && since) {
            const due = parseTimestamp(since) + minReady * 1000 - ctx.now;
            if (due > 0) ctx.requeueAfter(key, due);
          }
        }
      }
      return { writes };
    },
  };
}

interface ReplicaSetCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/**
 * `calculateStatus`'s conditions: a sync whose creates failed adds `ReplicaFailure`
 * (FailedCreate, the error as message) unless it is there already; a sync without an error
 * removes it.
 */
function replicaFailure(
  conditions: unknown[] | undefined,
  failure: string | undefined,
  ctx: ReconcileContext,
): unknown[] | undefined {
  const list = (conditions ?? []) as ReplicaSetCondition[];
  const has = list.some((c) => c.type === 'ReplicaFailure');
  if (failure !== undefined && !has) {
    return [
      ...list,
      {
        type: 'ReplicaFailure',
        status: 'True',
        lastTransitionTime: ctx.timestamp(),
        reason: 'FailedCreate',
        message: failure,
      },
    ];
  }
  if (failure === undefined && has) {
    const rest = list.filter((c) => c.type !== 'ReplicaFailure');
    return rest.length > 0 ? rest : undefined;
  }
  return conditions;
}

/** A patch replacing a pod's owner references (adoption or release). */
function setOwners(pod: KubeObject, refs: OwnerReference[]): Write {
  return {
    verb: 'patch',
    resource: 'pods',
    namespace: namespaceOf(pod),
    name: nameOf(pod),
    patch: { metadata: { ownerReferences: refs.length > 0 ? refs : null } },
  };
}

/** Status fields with `omitempty`: zero counts are left out, `replicas` always stays. */
function compactStatus(s: ReplicaSetStatus): ReplicaSetStatus {
  const out: ReplicaSetStatus = { replicas: s.replicas };
  if (s.fullyLabeledReplicas) out.fullyLabeledReplicas = s.fullyLabeledReplicas;
  if (s.readyReplicas) out.readyReplicas = s.readyReplicas;
  if (s.availableReplicas) out.availableReplicas = s.availableReplicas;
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration;
  if (s.conditions) out.conditions = s.conditions;
  return out;
}

function manageReplicas(
  rs: KubeObject,
  activeCount: number,
  activeOf: () => readonly KubeObject[],
  nsPods: () => readonly KubeObject[],
  cache: Cache,
  ctx: ReconcileContext,
  expectations: Map<string, Expectations>,
  key: string,
): { writes: Write[]; failure?: string } {
  const ns = namespaceOf(rs);
  const rsName = nameOf(rs);
  const spec = specOf<RSSpec>(rs);
  const replicas = spec.replicas ?? 1;
  const diff = activeCount - replicas;
  const writes: Write[] = [];
  if (diff === 0) return { writes };
  const ref = eventRef('replicasets', rs);
  if (diff < 0) {
    const namespace = cache.get('namespaces', undefined, ns);
    // No creates (and no FailedCreate events) while the namespace is terminating.
    if (namespace && isDeleting(namespace)) return { writes };
    const count = Math.min(-diff, BURST_REPLICAS);
    // Names drawn in this sync; every other taken name is a pod in the cache (the namespace's
    // pods include the ones listed for this sync, so they need no set of their own).
    const taken = new Set<string>();
    const isTaken = (n: string) => taken.has(n) || cache.get('pods', ns, n) !== undefined;
    const e: Expectations = { creates: new Set(), deletes: new Set(), at: ctx.now };
    const prefix = `${rsName}-`.slice(0, 58);
    let forecast: PodAdmissionForecast | undefined;
    for (let i = 0; i < count; i++) {
      let podName = prefix + randomSuffix(() => ctx.random());
      while (isTaken(podName)) podName = prefix + randomSuffix(() => ctx.random());
      taken.add(podName);
      e.creates.add(podName);
      const tmeta = spec.template?.metadata ?? {};
      const metadata: Record<string, unknown> = {
        name: podName,
        generateName: `${rsName}-`,
        namespace: ns,
        labels: { ...tmeta.labels },
        ownerReferences: [controllerRef('replicasets', rs)],
      };
      if (tmeta.annotations) metadata.annotations = { ...tmeta.annotations };
      if (tmeta.finalizers) metadata.finalizers = [...tmeta.finalizers];
      const pod: KubeObject = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata,
        spec: podSpecOf(spec.template?.spec),
      };
      writes.push({ verb: 'create', resource: 'pods', namespace: ns, obj: pod });
      // Every pod comes from the same template: if the first is refused, so is the rest; a quota
      // may take some and refuse the rest.
      if (i === 0) forecast = podAdmissionForecast(ns, cache, ctx.timestamp());
      const refused =
        (i === 0
          ? podCreateRefusal(spec.template?.spec ?? {}, `${rsName}-`, podName, ns, cache)
          : undefined) ?? forecast?.(spec.template?.spec ?? {}, podName, tmeta.annotations);
      if (refused !== undefined) {
        ctx.recordEvent({
          ref,
          type: 'Warning',
          reason: 'FailedCreate',
          message: `Error creating: ${refused}`,
          component: COMPONENT_REPLICASET,
        });
        // The pod will not be observed, nor will the skipped ones: only those created before.
        e.creates.delete(podName);
        if (e.creates.size > 0) expectations.set(key, e);
        return { writes, failure: refused };
      }
      ctx.recordEvent({
        ref,
        type: 'Normal',
        reason: 'SuccessfulCreate',
        message: `Created pod: ${podName}`,
        component: COMPONENT_REPLICASET,
      });
    }
    expectations.set(key, e);
  } else if (diff > 0) {
    const count = Math.min(diff, BURST_REPLICAS);
    // Related pods: those of every ReplicaSet with the same controlling owner (a Deployment).
    const owner = controllerOf(rs);
    const siblings = new Set(
      owner
        ? cache
            .list('replicasets', ns)
            .filter((r) => controllerOf(r)?.uid === owner.uid)
            .map(uidOf)
        : [uidOf(rs)],
    );
    const related = cache.owned
      ? [...siblings].flatMap((uid) =>
          (cache.owned?.('pods', uid) ?? []).filter((p) => controllerOf(p)?.uid === uid),
        )
      : nsPods().filter((p) => siblings.has(controllerOf(p)?.uid ?? ''));
    const victims = podsToDelete(activeOf(), related, count, ctx.now);
    const e: Expectations = { creates: new Set(), deletes: new Set(), at: ctx.now };
    for (const pod of victims) {
      e.deletes.add(nameOf(pod));
      writes.push({ verb: 'delete', resource: 'pods', namespace: ns, name: nameOf(pod) });
      ctx.recordEvent({
        ref,
        type: 'Normal',
        reason: 'SuccessfulDelete',
        message: `Deleted pod: ${nameOf(pod)}`,
        component: COMPONENT_REPLICASET,
      });
    }
    expectations.set(key, e);
  }
  return { writes };
}

/**
 * How one pod counts toward its ReplicaSet's status, as bits (one small integer per pod
 * instead of an object: a large ReplicaSet recounts a pod on each of its changes).
 */
const ACTIVE = 1;
const FULL = 2;
const READY = 4;
/** The full pass would adopt or release this pod. */
const ODD = 8;

interface Agg {
  uid: string;
  ns: string;
  selector: LabelSelector | undefined;
  templateLabels: [string, string][];
  selKey: string;
  tmplKey: string;
  /** The contribution bits of each counted pod (pods that count for nothing are left out). */
  byName: Map<string, number>;
  /** Pods changed since the last sync. */
  dirty: Set<string>;
  active: number;
  full: number;
  ready: number;
  odd: number;
}

/**
 * How one pod counts toward its ReplicaSet's status (minReadySeconds 0, RS not deleting): the
 * tests of `podFacts`, made directly (each pod version is looked at once here, so memoizing
 * its facts would only cost).
 */
/**
 * The spec of a new pod from the template's: the stored (frozen) template spec itself when a
 * copy would equal it (every write's body is copied by the API server anyway, and nothing
 * writes to it before), else `clone` of it as before: a burst of creates deep-copied the same
 * template for every pod.
 */
function podSpecOf(templateSpec: unknown): unknown {
  if (templateSpec === undefined) return {};
  return Object.isFrozen(templateSpec) && jsonNormal(templateSpec)
    ? templateSpec
    : clone(templateSpec);
}

const jsonNormalMemo = new WeakMap<object, boolean>();

/**
 * Whether `clone` (a JSON round trip) gives a value equal to `v` in every key, value and key
 * order: plain objects and arrays only, no `undefined` (dropped or nulled), non-finite numbers
 * or -0 (nulled or 0), and no `__proto__` key. Memoized per frozen object (it never changes).
 */
function jsonNormal(v: unknown): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v) && !Object.is(v, -0);
    case 'object':
      break;
    default:
      return false;
  }
  if (v === null) return true;
  const obj = v as object;
  const known = jsonNormalMemo.get(obj);
  if (known !== undefined) return known;
  let ok: boolean;
  if (Array.isArray(obj)) {
    // An index loop, not `every`: a hole (which `clone` turns into null) reads as undefined.
    ok = true;
    for (let i = 0; i < obj.length && ok; i++) ok = jsonNormal(obj[i]);
  } else {
    const proto = Object.getPrototypeOf(obj);
    ok = proto === Object.prototype || proto === null;
    if (ok) {
      for (const k in obj) {
        if (k === '__proto__' || !jsonNormal((obj as Record<string, unknown>)[k])) {
          ok = false;
          break;
        }
      }
    }
  }
  if (Object.isFrozen(obj)) jsonNormalMemo.set(obj, ok);
  return ok;
}

function contribution(p: KubeObject, agg: Agg): number {
  const controllerUid = controllerOf(p)?.uid;
  if (controllerUid === agg.uid) {
    const deleting = isDeleting(p);
    if (!deleting && !selectorMatches(agg.selector, p.metadata?.labels)) return ODD;
    if (!isPodActive(p)) return 0;
    let c = ACTIVE;
    const labels = p.metadata?.labels;
    let full = true;
    // An index loop: every pod event of a large ReplicaSet comes here (no iterator, no pair).
    const tl = agg.templateLabels;
    for (let i = 0; i < tl.length; i++) {
      const kv = tl[i]!;
      if (labels?.[kv[0]] !== kv[1]) {
        full = false;
        break;
      }
    }
    if (full) c |= FULL;
    if (podCondition(p, 'Ready')?.status === 'True') c |= READY;
    return c;
  }
  if (
    controllerUid === undefined &&
    isPodActive(p) &&
    selectorMatches(agg.selector, p.metadata?.labels)
  ) {
    return ODD;
  }
  return 0;
}

interface SpecKeys {
  /** `Object.entries` of the template labels. */
  templateLabels: [string, string][];
  selKey: string;
  tmplKey: string;
}

const specKeyMemo = new WeakMap<object, SpecKeys>();

/**
 * The template labels, and the selector and template labels as canonical JSON, the identity
 * of a ReplicaSet's running tally; memoized per stored (frozen, so unchanging) spec, because
 * every pod event of a large ReplicaSet asks again.
 */
function specKeys(spec: RSSpec): SpecKeys {
  const memo = specKeyMemo.get(spec);
  if (memo) return memo;
  const templateLabels = Object.entries(spec.template?.metadata?.labels ?? {});
  const keys = {
    templateLabels,
    selKey: canonicalJson(spec.selector ?? null),
    tmplKey: canonicalJson(templateLabels),
  };
  if (Object.isFrozen(spec)) specKeyMemo.set(spec, keys);
  return keys;
}
