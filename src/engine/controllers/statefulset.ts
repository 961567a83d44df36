/**
 * The StatefulSet controller (`statefulset-controller`), after pkg/controller/statefulset in
 * 1.32: pods with a stable identity, `<set>-<ordinal>`, each with `hostname` = its name and
 * `subdomain` = the governing Service, the labels `statefulset.kubernetes.io/pod-name` and
 * `apps.kubernetes.io/pod-index`, and the revision it was made from in
 * `controller-revision-hash` (the revision's name, `<set>-<hash>`).
 *
 * `OrderedReady` (monotonic) creates one pod at a time and waits for it to be Running and Ready
 * (and available, with minReadySeconds) before the next; scaling down deletes the highest
 * ordinal first, one at a time, once every other pod is healthy. `Parallel` creates and deletes
 * them all at once. A deleted or failed pod comes back under the same name. The
 * RollingUpdate strategy replaces pods from the highest ordinal down to the partition, one at
 * a time, each once the one above is healthy again; pods below the partition keep (or are
 * recreated at) the current revision. OnDelete replaces only the pods the user deletes.
 *
 * Revisions are ControllerRevisions `<set>-<hash>` holding the template patch (as the
 * DaemonSet's; daemonSetHistory.ts), numbered 1, 2, 3…; `status.currentRevision` is the
 * revision the old pods run, `status.updateRevision` the template's. Old revisions no pod
 * runs are kept up to `revisionHistoryLimit`.
 *
 * volumeClaimTemplates: before a pod is made, each template's claim `<template>-<pod>` is created
 * when missing (labels: the template's plus the set's matchLabels; `create Claim … success`);
 * the pod gets a volume `<template>` for it. A Pending pod's missing claims are made again; a
 * claim being deleted stops the pod's creation (`pvc … is being deleted`). Whether the pod
 * runs is then up to the claim binding (persistentVolume.ts) and the scheduler.
 *
 * persistentVolumeClaimRetentionPolicy (statefulSetRetention.ts): the controller puts owner
 * references on the claims (to the set with `whenDeleted: Delete`, to a condemned pod with
 * `whenScaled: Delete`) and the garbage collector deletes them; a claim still owned by an
 * earlier pod of the same name holds that pod's creation back.
 *
 * Not simulated: the MaxUnavailableStatefulSet gate (alpha, off in 1.32), `ordinals.start`
 * beyond name numbering.
 */
import type { KubeObject } from '../api/types.ts';
import type { Cache, ReconcileContext, Reconciler, Write } from '../runtime/controller.ts';
import { parseTimestamp } from '../util/clock.ts';
import { type PodAdmissionForecast, podAdmissionForecast } from './admissionForecast.ts';
import { type ClaimAdmissionForecast, claimAdmissionForecast } from './claimAdmissionForecast.ts';
import {
  daemonSetPatch,
  PendingRevisions,
  revisionMatches,
  revisionNumber,
} from './daemonSetHistory.ts';
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
  type OwnerReference,
  ownerReferences,
  podPhase,
  selectorMatches,
  specOf,
  statusOf,
  uidOf,
  withStatus,
} from './objects.ts';
import { EXPECTATIONS_TIMEOUT_MS } from './podExpectations.ts';
import { computePodTemplateHash } from './podTemplateHash.ts';
import { podCreateRefusal } from './replicaset.ts';
import {
  claimOwnerRefs,
  claimOwnerUpToDate,
  hasConflictingController,
  podClaimIsStale,
} from './statefulSetRetention.ts';

export const COMPONENT_STATEFULSET = 'statefulset-controller';
/** `apps.StatefulSetRevisionLabel` (= ControllerRevisionHashLabelKey): the pod's revision name. */
export const STS_REVISION_LABEL = 'controller-revision-hash';
/** `apps.StatefulSetPodNameLabel`. */
export const STS_POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
/** `apps.PodIndexLabel` (PodIndexLabel gate, beta and on in 1.32). */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

interface StatefulSetSpec {
  replicas?: number;
  selector?: LabelSelector;
  serviceName?: string;
  podManagementPolicy?: 'OrderedReady' | 'Parallel';
  updateStrategy?: { type?: 'RollingUpdate' | 'OnDelete'; rollingUpdate?: { partition?: number } };
  revisionHistoryLimit?: number;
  minReadySeconds?: number;
  ordinals?: { start?: number };
  template?: {
    metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
    spec?: Record<string, unknown> & { volumes?: { name: string }[] };
  };
  volumeClaimTemplates?: {
    metadata?: { name?: string; labels?: Record<string, string> } & Record<string, unknown>;
    spec?: Record<string, unknown>;
  }[];
}

interface StatefulSetStatus {
  observedGeneration?: number;
  replicas: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  collisionCount?: number;
  conditions?: unknown[];
  availableReplicas: number;
}

/** `getParentNameAndOrdinal`: `web-2` → ['web', 2]; -1 when the name has no ordinal. */
function ordinalOf(pod: KubeObject): { parent: string; ordinal: number } {
  const m = /^(.*)-([0-9]+)$/.exec(nameOf(pod));
  if (!m) return { parent: '', ordinal: -1 };
  const n = Number(m[2]);
  // strconv.ParseInt(…, 10, 32) fails beyond int32.
  return n > 2147483647 ? { parent: '', ordinal: -1 } : { parent: m[1] ?? '', ordinal: n };
}

function isMemberOf(set: KubeObject, pod: KubeObject): boolean {
  return ordinalOf(pod).parent === nameOf(set);
}

function podRevision(pod: KubeObject): string {
  return pod.metadata?.labels?.[STS_REVISION_LABEL] ?? '';
}

const isRunningAndReady = (p: KubeObject) => podPhase(p) === 'Running' && isPodReady(p);
const isHealthy = (p: KubeObject) => isRunningAndReady(p) && !isDeleting(p);
const isTerminal = (p: KubeObject) => podPhase(p) === 'Failed' || podPhase(p) === 'Succeeded';

/** Pods a sync decided to create or delete, not yet in the informer cache. */
interface Pending {
  creates: Map<string, KubeObject>;
  deletes: Set<string>;
  at: number;
}

export function createStatefulSetController(): Reconciler {
  /** StatefulSets by namespace (`namespace/name` keys): an orphan pod concerns them. */
  const known = new Map<string, Set<string>>();
  /** Keys whose next sync must scan the namespace for orphans to adopt. */
  const scanOrphans = new Set<string>();
  const pendingPods = new Map<string, Pending>();
  const pendingRevisions = new PendingRevisions(EXPECTATIONS_TIMEOUT_MS);
  /** Claims (`namespace/name`) this controller created, not yet in the cache: when. */
  const createdClaims = new Map<string, number>();
  /** Owner references this controller wrote to claims (`namespace/name`), not yet in the cache. */
  const claimOwnerWrites = new Map<string, { refs: string; at: number }>();

  return {
    actor: 'controller-manager',
    name: COMPONENT_STATEFULSET,
    watches: ['statefulsets', 'pods', 'controllerrevisions', 'persistentvolumeclaims'],
    onStart() {
      createdClaims.clear();
      claimOwnerWrites.clear();
      known.clear();
      scanOrphans.clear();
      pendingPods.clear();
      pendingRevisions.clear();
    },
    keysFor(resource, obj) {
      const ns = namespaceOf(obj);
      if (resource === 'persistentvolumeclaims') {
        createdClaims.delete(`${ns}/${nameOf(obj)}`);
        claimOwnerWrites.delete(`${ns}/${nameOf(obj)}`);
        return [];
      }
      if (resource === 'statefulsets') {
        const key = `${ns}/${nameOf(obj)}`;
        let set = known.get(ns);
        if (!set) {
          set = new Set();
          known.set(ns, set);
        }
        if (!set.has(key)) scanOrphans.add(key);
        set.add(key);
        return [key];
      }
      const owner = controllerOf(obj);
      if (owner) return owner.kind === 'StatefulSet' ? [`${ns}/${owner.name}`] : [];
      // An orphan pod: a StatefulSet of its namespace may adopt it.
      if (resource !== 'pods' || isDeleting(obj)) return [];
      const keys = [...(known.get(ns) ?? [])];
      for (const k of keys) scanOrphans.add(k);
      return keys;
    },
    reconcile(key, cache, ctx) {
      const ns = keyNamespace(key);
      const set = cache.get('statefulsets', ns, keyName(key));
      if (!set) {
        known.get(ns)?.delete(key);
        scanOrphans.delete(key);
        pendingPods.delete(key);
        return { writes: [] };
      }
      return { writes: sync(set, key, cache, ctx) };
    },
  };

  /**
   * `createPersistentVolumeClaims`: each missing claim of the pod is created (and recorded);
   * the error text when one is being deleted.
   */
  function createClaims(
    set: KubeObject,
    pod: KubeObject,
    cache: Cache,
    ctx: ReconcileContext,
    writes: Write[],
    admit: ClaimAdmissionForecast,
  ): string | undefined {
    const errors: string[] = [];
    for (const claim of statefulSetClaims(set, pod)) {
      const ns = namespaceOf(claim);
      const name = nameOf(claim);
      const existing = cache.get('persistentvolumeclaims', ns, name);
      if (existing) {
        if (isDeleting(existing)) errors.push(`pvc ${name} is being deleted`);
        continue;
      }
      const id = `${ns}/${name}`;
      const at = createdClaims.get(id);
      if (at !== undefined && ctx.now - at < EXPECTATIONS_TIMEOUT_MS) continue;
      // The API server's admission (LimitRanger, ResourceQuota) may refuse it.
      const refused = admit(claim);
      if (refused !== undefined) {
        errors.push(`failed to create PVC ${name}: ${refused}`);
        record(
          ctx,
          set,
          'Warning',
          'FailedCreate',
          `create Claim ${name} for Pod ${nameOf(pod)} in StatefulSet ${nameOf(set)} failed error: ${refused}`,
        );
        continue;
      }
      createdClaims.set(id, ctx.now);
      writes.push({
        verb: 'create',
        resource: 'persistentvolumeclaims',
        namespace: ns,
        obj: claim,
      });
      record(
        ctx,
        set,
        'Normal',
        'SuccessfulCreate',
        `create Claim ${name} Pod ${nameOf(pod)} in StatefulSet ${nameOf(set)} success`,
      );
    }
    if (errors.length === 0) return undefined;
    return errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
  }

  /** The claims of a member pod that exist (in the cache), one per claim template. */
  function existingClaims(set: KubeObject, pod: KubeObject, cache: Cache): KubeObject[] {
    const templates = specOf<StatefulSetSpec>(set).volumeClaimTemplates;
    if (!templates?.length) return [];
    const out: KubeObject[] = [];
    for (const t of templates) {
      if (!t.metadata?.name) continue;
      const claim = cache.get(
        'persistentvolumeclaims',
        namespaceOf(set),
        `${t.metadata.name}-${nameOf(pod)}`,
      );
      if (claim) out.push(claim);
    }
    return out;
  }

  /** `podInOrdinalRange`, negated: the pod's ordinal is past the set's replicas (or below start). */
  function scaledDown(set: KubeObject, pod: KubeObject): boolean {
    const spec = specOf<StatefulSetSpec>(set);
    const start = spec.ordinals?.start ?? 0;
    const { ordinal } = ordinalOf(pod);
    return ordinal < start || ordinal > start + (spec.replicas ?? 1) - 1;
  }

  /**
   * `ClaimsMatchRetentionPolicy`: every existing claim of the pod has the references it should
   * (or this controller has just written them and the cache has yet to show it).
   */
  function claimsMatchRetention(
    set: KubeObject,
    pod: KubeObject,
    cache: Cache,
    now: number,
  ): boolean {
    const down = scaledDown(set, pod);
    return existingClaims(set, pod, cache).every(
      (c) => claimOwnerUpToDate(c, set, pod, down) || ownersSent(c, set, pod, down, now),
    );
  }

  /** Whether the references the policy wants on `claim` were written and are not in the cache yet. */
  function ownersSent(
    claim: KubeObject,
    set: KubeObject,
    pod: KubeObject,
    down: boolean,
    now: number,
  ): boolean {
    const sent = claimOwnerWrites.get(`${namespaceOf(claim)}/${nameOf(claim)}`);
    return (
      !!sent &&
      now - sent.at < EXPECTATIONS_TIMEOUT_MS &&
      sent.refs === JSON.stringify(claimOwnerRefs(claim, set, pod, down))
    );
  }

  /**
   * `UpdatePodClaimForRetentionPolicy`: each existing claim of the pod whose references disagree
   * with the policy is updated; a claim with another controller gets a `ConflictingController`
   * warning on the set.
   */
  function fixClaimsForRetention(
    set: KubeObject,
    pod: KubeObject,
    cache: Cache,
    ctx: ReconcileContext,
    writes: Write[],
  ): void {
    const down = scaledDown(set, pod);
    for (const claim of existingClaims(set, pod, cache)) {
      if (hasConflictingController(claim, set, pod)) {
        record(
          ctx,
          set,
          'Warning',
          'ConflictingController',
          `PersistentVolumeClaim ${nameOf(claim)} has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim`,
        );
      }
      if (claimOwnerUpToDate(claim, set, pod, down)) continue;
      if (ownersSent(claim, set, pod, down, ctx.now)) continue;
      const refs = claimOwnerRefs(claim, set, pod, down);
      claimOwnerWrites.set(`${namespaceOf(claim)}/${nameOf(claim)}`, {
        refs: JSON.stringify(refs),
        at: ctx.now,
      });
      const metadata = { ...clone(claim.metadata ?? {}) };
      if (refs.length > 0) metadata.ownerReferences = refs;
      else delete metadata.ownerReferences;
      writes.push({
        verb: 'update',
        resource: 'persistentvolumeclaims',
        namespace: namespaceOf(claim),
        obj: { ...claim, metadata },
      });
    }
  }

  /** `sync` + `UpdateStatefulSet`: claim pods, revisions, replicas, status, history. */
  function sync(set: KubeObject, key: string, cache: Cache, ctx: ReconcileContext): Write[] {
    const writes: Write[] = [];
    const claimed = claimPods(set, key, cache, writes);
    const pending = pendingView(key, cache, ctx.now);
    const pods: KubeObject[] = [];
    for (const p of claimed) pods.push(pending?.deletes.has(nameOf(p)) ? markDeleting(p) : p);
    for (const [name, p] of pending?.creates ?? []) {
      if (!pods.some((x) => nameOf(x) === name)) pods.push(p);
    }
    const revisions = pendingRevisions.view(set, cache, ctx.now);
    revisions.sort((a, b) => revisionNumber(a) - revisionNumber(b));
    const revs = setRevisions(set, revisions, cache, ctx, writes);
    if (!revs) return writes;
    const status = updateStatefulSet(set, key, pods, revs, cache, ctx, writes);
    const statusWrite = statusUpdate(set, status);
    if (statusWrite) writes.push(statusWrite);
    const spec = specOf<StatefulSetSpec>(set);
    const minReady = spec.minReadySeconds ?? 0;
    if (minReady > 0 && status.availableReplicas !== (spec.replicas ?? 1)) {
      ctx.requeueAfter(key, minReady * 1000);
    }
    writes.push(...truncateHistory(set, pods, revisions, revs.current, revs.update));
    return writes;
  }

  /**
   * `getPodsForStatefulSet` (ClaimPods): owned members whose labels still match, plus matching
   * orphan members adopted now; owned pods that stopped matching are released.
   */
  function claimPods(set: KubeObject, key: string, cache: Cache, writes: Write[]): KubeObject[] {
    const ns = namespaceOf(set);
    const uid = uidOf(set);
    const selector = specOf<StatefulSetSpec>(set).selector;
    const deleting = isDeleting(set);
    const claimed: KubeObject[] = [];
    const owned = (cache.owned?.('pods', uid) ?? cache.list('pods', ns)).filter(
      (p) => controllerOf(p)?.uid === uid,
    );
    for (const p of owned) {
      const match = selectorMatches(selector, p.metadata?.labels) && isMemberOf(set, p);
      if (match || isDeleting(p)) claimed.push(p);
      else if (!deleting) {
        writes.push(
          setOwners(
            p,
            ownerReferences(p).filter((r) => r.uid !== uid),
          ),
        );
      }
    }
    if (scanOrphans.delete(key) && !deleting) {
      for (const p of cache.list('pods', ns)) {
        if (controllerOf(p) || isDeleting(p)) continue;
        if (!selectorMatches(selector, p.metadata?.labels) || !isMemberOf(set, p)) continue;
        writes.push(setOwners(p, [...ownerReferences(p), controllerRef('statefulsets', set)]));
        claimed.push(p);
      }
    }
    return claimed;
  }

  /** The sync's pending creates and deletes, minus what the cache now shows. */
  function pendingView(key: string, cache: Cache, now: number): Pending | undefined {
    const p = pendingPods.get(key);
    if (!p) return undefined;
    const ns = keyNamespace(key);
    for (const name of p.creates.keys()) if (cache.get('pods', ns, name)) p.creates.delete(name);
    for (const name of p.deletes) {
      const pod = cache.get('pods', ns, name);
      if (!pod || isDeleting(pod)) p.deletes.delete(name);
    }
    if ((p.creates.size === 0 && p.deletes.size === 0) || now - p.at > EXPECTATIONS_TIMEOUT_MS) {
      pendingPods.delete(key);
      return undefined;
    }
    return p;
  }

  function remember(key: string, now: number): Pending {
    let p = pendingPods.get(key);
    if (!p) {
      p = { creates: new Map(), deletes: new Set(), at: now };
      pendingPods.set(key, p);
    }
    p.at = now;
    return p;
  }

  /**
   * `getStatefulSetRevisions`: the update revision is the template's (the newest revision when
   * it matches, an older matching one renumbered, or a new one); the current revision is the
   * one `status.currentRevision` names, else the update revision.
   */
  function setRevisions(
    set: KubeObject,
    revisions: KubeObject[],
    cache: Cache,
    ctx: ReconcileContext,
    writes: Write[],
  ): { current: KubeObject; update: KubeObject; collisionCount: number } | undefined {
    const ns = namespaceOf(set);
    let collisionCount = statusOf<StatefulSetStatus>(set).collisionCount ?? 0;
    const next = revisions.length > 0 ? revisionNumber(revisions[revisions.length - 1]!) + 1 : 1;
    const equal = revisions.filter((r) => revisionMatches(set, r));
    let update: KubeObject;
    const last = revisions[revisions.length - 1];
    const lastEqual = equal[equal.length - 1];
    if (lastEqual && last && nameOf(lastEqual) === nameOf(last)) {
      update = last;
    } else if (lastEqual) {
      // A rollback: the matching revision takes the next number.
      const { resourceVersion: _, ...metadata } = lastEqual.metadata ?? {};
      update = { ...clone(lastEqual), metadata: clone(metadata), revision: next };
      writes.push({ verb: 'update', resource: 'controllerrevisions', namespace: ns, obj: update });
      pendingRevisions.wrote(update, ctx.now);
    } else {
      // CreateControllerRevision: a name taken by another template is a hash collision.
      let made: KubeObject | undefined;
      for (let attempt = 0; attempt < 10 && !made; attempt++) {
        const candidate = newRevision(set, next, collisionCount);
        const taken = cache.get('controllerrevisions', ns, nameOf(candidate));
        if (!taken) {
          writes.push({
            verb: 'create',
            resource: 'controllerrevisions',
            namespace: ns,
            obj: candidate,
          });
          pendingRevisions.wrote(candidate, ctx.now);
          made = candidate;
        } else if (revisionMatches(set, taken)) made = taken;
        else collisionCount++;
      }
      if (!made) return undefined;
      update = made;
    }
    const currentName = statusOf<StatefulSetStatus>(set).currentRevision;
    const current = revisions.find((r) => nameOf(r) === currentName) ?? update;
    return { current, update, collisionCount };
  }

  /** `updateStatefulSet`: create, heal and delete replicas, then the rolling update. */
  function updateStatefulSet(
    set: KubeObject,
    key: string,
    pods: readonly KubeObject[],
    revs: { current: KubeObject; update: KubeObject; collisionCount: number },
    cache: Cache,
    ctx: ReconcileContext,
    writes: Write[],
  ): StatefulSetStatus {
    const spec = specOf<StatefulSetSpec>(set);
    const ns = namespaceOf(set);
    const minReady = spec.minReadySeconds ?? 0;
    const available = (p: KubeObject) =>
      podPhase(p) === 'Running' && isPodAvailable(p, minReady, ctx.now, parseTimestamp);
    const replicaCount = spec.replicas ?? 1;
    const start = spec.ordinals?.start ?? 0;
    const end = start + replicaCount - 1;
    const replicas: (KubeObject | undefined)[] = new Array(replicaCount).fill(undefined);
    const condemned: KubeObject[] = [];
    for (const p of pods) {
      const { ordinal } = ordinalOf(p);
      if (ordinal >= start && ordinal <= end) replicas[ordinal - start] = p;
      else if (ordinal >= 0) condemned.push(p);
    }
    for (let ord = start; ord <= end; ord++) {
      replicas[ord - start] ??= versionedPod(set, revs, ord);
    }
    condemned.sort((a, b) => ordinalOf(b).ordinal - ordinalOf(a).ordinal);
    const isCreated = (p: KubeObject) => !isNew(p);
    let firstUnhealthy: KubeObject | undefined;
    for (const p of replicas) if (p && !isHealthy(p) && !firstUnhealthy) firstUnhealthy = p;
    for (let i = condemned.length - 1; i >= 0 && !firstUnhealthy; i--) {
      const p = condemned[i]!;
      if (!isHealthy(p)) firstUnhealthy = p;
    }
    const status = (): StatefulSetStatus =>
      computeStatus(
        set,
        [...replicas.filter((p): p is KubeObject => !!p && isCreated(p)), ...condemned],
        revs,
        available,
      );
    if (isDeleting(set)) return status();
    const monotonic = (spec.podManagementPolicy ?? 'OrderedReady') !== 'Parallel';
    const namespace = cache.get('namespaces', undefined, ns);
    const canCreate = !!namespace && !isDeleting(namespace);

    const del = (pod: KubeObject) => {
      writes.push({ verb: 'delete', resource: 'pods', namespace: ns, name: nameOf(pod) });
      remember(key, ctx.now).deletes.add(nameOf(pod));
      record(
        ctx,
        set,
        'Normal',
        'SuccessfulDelete',
        `delete Pod ${nameOf(pod)} in StatefulSet ${nameOf(set)} successful`,
      );
    };

    /** LimitRanger and quota admission foreseen for this sync's creates (null: none apply). */
    let forecast: PodAdmissionForecast | null | undefined;
    let claimForecast: ClaimAdmissionForecast | null | undefined;
    const admitClaim: ClaimAdmissionForecast = (claim) => {
      claimForecast ??= claimAdmissionForecast(ns, cache, ctx.timestamp()) ?? null;
      return claimForecast?.(claim);
    };
    /** `processReplica`: true when the sync must stop here (monotonic blocking, or an error). */
    const processReplica = (i: number): boolean => {
      const pod = replicas[i]!;
      if (isTerminal(pod) && isCreated(pod)) {
        // A failed or succeeded pod is deleted; the next sync makes it again.
        if (!isDeleting(pod)) del(pod);
        return true;
      }
      if (!isCreated(pod)) {
        // `PodClaimIsStale`: a claim still owned by an earlier pod of this name must go first.
        if (podClaimIsStale(set, pod, existingClaims(set, pod, cache))) return true;
        if (!canCreate) return true;
        // `CreateStatefulPod`: the pod's claims first, then the pod.
        const claimError = createClaims(set, pod, cache, ctx, writes, admitClaim);
        if (claimError !== undefined) {
          record(
            ctx,
            set,
            'Warning',
            'FailedCreate',
            `create Pod ${nameOf(pod)} in StatefulSet ${nameOf(set)} failed error: ${claimError}`,
          );
          failed = true;
          return true;
        }
        forecast ??= podAdmissionForecast(ns, cache, ctx.timestamp()) ?? null;
        const refused =
          podCreateRefusal(
            specOf<Record<string, unknown>>(pod),
            // A StatefulSet pod has its name from the start: admission names it.
            nameOf(pod),
            nameOf(pod),
            ns,
            cache,
          ) ?? forecast?.(specOf<Record<string, unknown>>(pod), nameOf(pod));
        if (refused !== undefined) {
          record(
            ctx,
            set,
            'Warning',
            'FailedCreate',
            `create Pod ${nameOf(pod)} in StatefulSet ${nameOf(set)} failed error: ${refused}`,
          );
          failed = true;
          return true;
        }
        writes.push({ verb: 'create', resource: 'pods', namespace: ns, obj: pod });
        remember(key, ctx.now).creates.set(nameOf(pod), pending(pod));
        // Claim references as far as the cache allows (claims made just now are not in it yet).
        fixClaimsForRetention(set, pod, cache, ctx, writes);
        record(
          ctx,
          set,
          'Normal',
          'SuccessfulCreate',
          `create Pod ${nameOf(pod)} in StatefulSet ${nameOf(set)} successful`,
        );
        return monotonic;
      }
      if (isDeleting(pod) && monotonic) return true;
      // `createMissingPersistentVolumeClaims` for a Pending pod, with the claims' references.
      if (
        podPhase(pod) === 'Pending' &&
        !isDeleting(pod) &&
        createClaims(set, pod, cache, ctx, writes, admitClaim) === undefined &&
        inCache(pod)
      ) {
        fixClaimsForRetention(set, pod, cache, ctx, writes);
      }
      if (!isRunningAndReady(pod) && monotonic) return true;
      if (!available(pod) && monotonic) return true;
      // Enforce the invariants (`UpdateStatefulPod`): labels the user removed or changed come
      // back; claims get the references the retention policy asks for.
      if (isNew(pod) || isDeleting(pod)) return false;
      const identityOk = identityMatches(set, pod);
      const retentionOk = !inCache(pod) || claimsMatchRetention(set, pod, cache, ctx.now);
      if (!identityOk || !retentionOk) {
        if (!identityOk) {
          writes.push({
            verb: 'patch',
            resource: 'pods',
            namespace: ns,
            name: nameOf(pod),
            patch: { metadata: { labels: identityLabels(set, ordinalOf(pod).ordinal) } },
          });
        }
        if (!retentionOk) fixClaimsForRetention(set, pod, cache, ctx, writes);
        record(
          ctx,
          set,
          'Normal',
          'SuccessfulUpdate',
          `update Pod ${nameOf(pod)} in StatefulSet ${nameOf(set)} successful`,
        );
      }
      return false;
    };
    let failed = false;
    for (let i = 0; i < replicas.length; i++) {
      if ((processReplica(i) && monotonic) || failed) return status();
    }

    // Fix the claims of condemned pods (whenScaled: Delete gives them to their pods) before any goes.
    for (const pod of condemned) {
      if (inCache(pod) && !claimsMatchRetention(set, pod, cache, ctx.now)) {
        fixClaimsForRetention(set, pod, cache, ctx, writes);
      }
    }

    /** `processCondemned`: scale down, highest ordinal first. */
    for (const pod of condemned) {
      if (isDeleting(pod)) {
        if (monotonic) return status();
        continue;
      }
      if (monotonic && pod !== firstUnhealthy && (!isRunningAndReady(pod) || !available(pod)))
        return status();
      del(pod);
      if (monotonic) return status();
    }

    const result = status();
    if ((spec.updateStrategy?.type ?? 'RollingUpdate') === 'OnDelete') return result;
    // The rolling update: the highest pod not at the update revision goes, once every pod
    // above it is healthy at the update revision.
    const updateMin = spec.updateStrategy?.rollingUpdate?.partition ?? 0;
    for (let target = replicas.length - 1; target >= updateMin; target--) {
      const pod = replicas[target]!;
      if (podRevision(pod) !== nameOf(revs.update) && !isDeleting(pod)) {
        del(pod);
        return { ...result, currentReplicas: (result.currentReplicas ?? 0) - 1 };
      }
      if (!isHealthy(pod)) return result;
    }
    return result;
  }
}

/** A pod object this sync made (not from the cache): it has no uid yet. */
function isNew(pod: KubeObject): boolean {
  return !pod.metadata?.uid;
}

/** A pod read from the cache (not one this controller's earlier sync made and remembers). */
function inCache(pod: KubeObject): boolean {
  return !!pod.metadata?.uid && pod.metadata.uid !== 'pending';
}

/** What a created pod looks like until the cache shows it: Pending, not ready. */
function pending(pod: KubeObject): KubeObject {
  return { ...pod, metadata: { ...pod.metadata, uid: 'pending' }, status: { phase: 'Pending' } };
}

/** A pod whose delete was sent: terminating, as far as this controller is concerned. */
function markDeleting(pod: KubeObject): KubeObject {
  return { ...pod, metadata: { ...pod.metadata, deletionTimestamp: 'pending' } };
}

function identityLabels(set: KubeObject, ordinal: number): Record<string, string> {
  return { [STS_POD_NAME_LABEL]: `${nameOf(set)}-${ordinal}`, [POD_INDEX_LABEL]: `${ordinal}` };
}

/** `identityMatches`: the name, namespace and identity labels are the set's. */
function identityMatches(set: KubeObject, pod: KubeObject): boolean {
  const { parent, ordinal } = ordinalOf(pod);
  const labels = pod.metadata?.labels ?? {};
  return (
    parent === nameOf(set) &&
    namespaceOf(pod) === namespaceOf(set) &&
    labels[STS_POD_NAME_LABEL] === nameOf(pod) &&
    labels[POD_INDEX_LABEL] === `${ordinal}`
  );
}

/**
 * `newVersionedStatefulSetPod`: below the partition (or, without a rollingUpdate, below the
 * current replica count) the pod is made from the current revision, else from the update one.
 */
function versionedPod(
  set: KubeObject,
  revs: { current: KubeObject; update: KubeObject },
  ordinal: number,
): KubeObject {
  const spec = specOf<StatefulSetSpec>(set);
  const start = spec.ordinals?.start ?? 0;
  const strategy = spec.updateStrategy;
  const currentReplicas = statusOf<StatefulSetStatus>(set).currentReplicas ?? 0;
  const useCurrent =
    (strategy?.type === 'RollingUpdate' &&
      !strategy.rollingUpdate &&
      ordinal < start + currentReplicas) ||
    (!!strategy?.rollingUpdate && ordinal < start + (strategy.rollingUpdate.partition ?? 0));
  const revision = useCurrent ? revs.current : revs.update;
  return statefulSetPod(
    set,
    templateOf(revision) ?? spec.template ?? {},
    nameOf(revision),
    ordinal,
  );
}

/** The pod template a revision restores (`ApplyRevision`). */
function templateOf(revision: KubeObject): StatefulSetSpec['template'] | undefined {
  const data = revision.data as { spec?: { template?: Record<string, unknown> } } | undefined;
  const t = data?.spec?.template;
  if (!t || typeof t !== 'object') return undefined;
  const { $patch: _, ...rest } = t;
  return clone(rest) as StatefulSetSpec['template'];
}

/**
 * `newStatefulSetPod`: the template (GetPodFromTemplate: labels, annotations, generateName
 * `<set>-`, the controller reference), the identity (name, labels, hostname, subdomain) and
 * the storage (a volume per claim template, for the claim `<claim>-<pod>`).
 */
export function statefulSetPod(
  set: KubeObject,
  template: NonNullable<StatefulSetSpec['template']>,
  revisionName: string,
  ordinal: number,
): KubeObject {
  const spec = specOf<StatefulSetSpec>(set);
  const name = `${nameOf(set)}-${ordinal}`;
  const podSpec = clone(template.spec ?? {});
  const claims = (spec.volumeClaimTemplates ?? [])
    .map((c) => c.metadata?.name ?? '')
    .filter((c) => c !== '')
    .sort();
  if (claims.length > 0) {
    const volumes: Record<string, unknown>[] = claims.map((claim) => ({
      name: claim,
      persistentVolumeClaim: { claimName: `${claim}-${name}` },
    }));
    for (const v of podSpec.volumes ?? []) if (!claims.includes(v.name)) volumes.push(v);
    podSpec.volumes = volumes as { name: string }[];
  }
  podSpec.hostname = name;
  if (spec.serviceName) podSpec.subdomain = spec.serviceName;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: `${nameOf(set)}-`,
      namespace: namespaceOf(set),
      labels: {
        ...template.metadata?.labels,
        [STS_REVISION_LABEL]: revisionName,
        ...identityLabels(set, ordinal),
      },
      ...(template.metadata?.annotations
        ? { annotations: { ...template.metadata.annotations } }
        : {}),
      ownerReferences: [controllerRef('statefulsets', set)],
    },
    spec: podSpec,
  };
}

/**
 * `getPersistentVolumeClaims`: the claims of a member pod, one per template (by template name),
 * `<template>-<pod>`, labelled with the template's labels and the set's matchLabels.
 */
export function statefulSetClaims(set: KubeObject, pod: KubeObject): KubeObject[] {
  const spec = specOf<StatefulSetSpec>(set);
  const templates = [...(spec.volumeClaimTemplates ?? [])].filter((t) => t.metadata?.name);
  templates.sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
  return templates.map((t) => {
    const { creationTimestamp: _, ...meta } = clone(t.metadata ?? {});
    const template = meta.name ?? '';
    return {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        ...meta,
        name: `${template}-${nameOf(pod)}`,
        namespace: namespaceOf(set),
        labels: { ...(meta.labels ?? {}), ...(spec.selector?.matchLabels ?? {}) },
      },
      spec: clone(t.spec ?? {}),
    };
  });
}

/**
 * `newRevision`: `<set>-<hash>` holding the template patch, labelled with the template's labels
 * and the hash, annotated with the set's annotations. The hash stands in for
 * HashControllerRevision (fnv over the patch and the collision count; podTemplateHash.ts).
 */
export function newRevision(set: KubeObject, revision: number, collisionCount: number): KubeObject {
  const data = daemonSetPatch(set);
  const hash = computePodTemplateHash(data, collisionCount);
  const labels = specOf<StatefulSetSpec>(set).template?.metadata?.labels;
  const annotations = set.metadata?.annotations;
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${nameOf(set).slice(0, 223)}-${hash}`,
      namespace: namespaceOf(set),
      labels: { ...labels, [STS_REVISION_LABEL]: hash },
      ...(annotations ? { annotations: { ...annotations } } : {}),
      ownerReferences: [controllerRef('statefulsets', set)],
    },
    data,
    revision,
  };
}

/** `computeReplicaStatus` over the pods, with the revisions and the observed generation. */
function computeStatus(
  set: KubeObject,
  pods: readonly KubeObject[],
  revs: { current: KubeObject; update: KubeObject; collisionCount: number },
  available: (p: KubeObject) => boolean,
): StatefulSetStatus {
  let replicas = 0;
  let ready = 0;
  let avail = 0;
  let current = 0;
  let updated = 0;
  for (const p of pods) {
    replicas++;
    if (isRunningAndReady(p)) {
      ready++;
      if (available(p)) avail++;
    }
    if (!isDeleting(p)) {
      if (podRevision(p) === nameOf(revs.current)) current++;
      if (podRevision(p) === nameOf(revs.update)) updated++;
    }
  }
  return {
    observedGeneration: set.metadata?.generation ?? 1,
    replicas,
    readyReplicas: ready,
    currentReplicas: current,
    updatedReplicas: updated,
    currentRevision: nameOf(revs.current),
    updateRevision: nameOf(revs.update),
    collisionCount: revs.collisionCount,
    availableReplicas: avail,
  };
}

/**
 * `updateStatefulSetStatus`: a finished rolling update (every replica updated and ready) makes
 * the update revision current; the write goes only when something changed. Fields with
 * `omitempty` are left out at zero.
 */
function statusUpdate(set: KubeObject, s: StatefulSetStatus): Write | undefined {
  let { currentReplicas, currentRevision } = s;
  if (
    (specOf<StatefulSetSpec>(set).updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' &&
    s.updatedReplicas === s.replicas &&
    s.readyReplicas === s.replicas
  ) {
    currentReplicas = s.updatedReplicas;
    currentRevision = s.updateRevision;
  }
  const old = statusOf<StatefulSetStatus>(set);
  const status: StatefulSetStatus = {
    ...(s.observedGeneration ? { observedGeneration: s.observedGeneration } : {}),
    replicas: s.replicas,
    ...(s.readyReplicas ? { readyReplicas: s.readyReplicas } : {}),
    ...(currentReplicas ? { currentReplicas } : {}),
    ...(s.updatedReplicas ? { updatedReplicas: s.updatedReplicas } : {}),
    ...(currentRevision ? { currentRevision } : {}),
    ...(s.updateRevision ? { updateRevision: s.updateRevision } : {}),
    collisionCount: s.collisionCount ?? 0,
    ...(old.conditions?.length ? { conditions: old.conditions } : {}),
    availableReplicas: s.availableReplicas,
  };
  if (deepEqual(status, old)) return undefined;
  return {
    verb: 'updateStatus',
    resource: 'statefulsets',
    namespace: namespaceOf(set),
    obj: withStatus(set, status),
  };
}

/**
 * `truncateHistory`: revisions no pod runs and that are neither current nor update are
 * history; beyond `revisionHistoryLimit` of them, the oldest go.
 */
function truncateHistory(
  set: KubeObject,
  pods: readonly KubeObject[],
  revisions: readonly KubeObject[],
  current: KubeObject,
  update: KubeObject,
): Write[] {
  const live = new Set([nameOf(current), nameOf(update), ...pods.map(podRevision)]);
  const history = revisions.filter((r) => !live.has(nameOf(r)));
  const limit = specOf<StatefulSetSpec>(set).revisionHistoryLimit ?? 10;
  if (history.length <= limit) return [];
  return history.slice(0, history.length - limit).map((r) => ({
    verb: 'delete' as const,
    resource: 'controllerrevisions' as const,
    namespace: namespaceOf(set),
    name: nameOf(r),
  }));
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

function record(
  ctx: ReconcileContext,
  set: KubeObject,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
): void {
  ctx.recordEvent({
    ref: eventRef('statefulsets', set),
    type,
    reason,
    message,
    component: COMPONENT_STATEFULSET,
  });
}
