/**
 * The Job controller (`job-controller`), after pkg/controller/job of Kubernetes 1.32: runs a
 * Job's pods to completion. It keeps up to `parallelism` pods active (never more than the
 * completions still missing), creating them from the template with `generateName: <job>-`, the
 * controller owner reference and the `batch.kubernetes.io/job-tracking` finalizer. A finished
 * pod is counted through `status.uncountedTerminatedPods`: its uid goes there first, then the
 * finalizer is removed, then the uid moves into `succeeded` or `failed` (two status writes in
 * one sync, as `trackJobStatusAndRemoveFinalizers` does).
 *
 * A failed pod is replaced after a back-off of 10 s doubling per failure since the last success,
 * capped at 10 min (`DefaultJobPodFailureBackOff`, `MaxJobPodFailureBackOff`), counted from the
 * time the pod finished. More than `backoffLimit` failures fail the Job: the interim
 * `FailureTarget` condition (reason BackoffLimitExceeded) comes first, active pods are deleted,
 * and `Failed` follows once no pod is terminating, with a Warning event carrying the reason.
 * Enough successes give `SuccessCriteriaMet` then `Complete` (reason CompletionsReached) and a
 * `Completed` event; the 1.32 gates JobPodReplacementPolicy and JobSuccessPolicy are on, so the
 * terminal condition always follows its interim one and `status.terminating` is reported.
 *
 * Pod events reach a Job 1 s later (`syncJobBatchPeriod`), Job events at once. A pod still
 * carrying the finalizer whose Job is gone or finished loses it (the orphan-pod queue), so a
 * deleted Job's pods can go. Suspending deletes the active pods (condition Suspended).
 *
 * Indexed Jobs (`completionMode: Indexed`) give each pod an index below `completions` (the
 * `batch.kubernetes.io/job-completion-index` annotation and label, hostname `<job>-<index>`,
 * env `JOB_COMPLETION_INDEX`, name `<job>-<index>-xxxxx`), start the lowest pending indexes
 * first, replace a failed pod with one of the same index, and count succeeded indexes in
 * `status.completedIndexes` (jobIndexes.ts).
 *
 * A pod failure policy (Ignore / Count / FailJob / FailIndex rules), `podReplacementPolicy: Failed`,
 * `backoffLimitPerIndex` with `maxFailedIndexes` (status.failedIndexes, reasons FailedIndexes and
 * MaxFailedIndexesExceeded, the per-index failure-count annotations and back-off) and an Indexed
 * Job's successPolicy (SuccessCriteriaMet, reason SuccessPolicy) follow jobFailurePolicy.ts.
 *
 * Not simulated: managedBy, adoption of orphan pods by a selector, the API server's
 * successPolicy validation.
 */
import type { KubeObject } from '../api/types.ts';
import type { Cache, ReconcileContext, Reconciler, Write } from '../runtime/controller.ts';
import { parseTimestamp } from '../util/clock.ts';
import { type PodAdmissionForecast, podAdmissionForecast } from './admissionForecast.ts';
import {
  type FailurePolicySpec,
  failJobMessage,
  hasBackoffLimitPerIndex,
  indexAbsoluteFailureCount,
  indexFailureAnnotations,
  isIndexFailed,
  isJobPodFailed,
  matchPodFailurePolicy,
  matchSuccessPolicy,
  onlyReplaceFailedPods,
  podsOfIndexes,
  podsWithDelayedDeletion,
} from './jobFailurePolicy.ts';
import {
  COMPLETION_INDEX_ENV,
  COMPLETION_INDEX_KEY,
  completionIndexOf,
  duplicatedIndexPods,
  firstPendingIndexes,
  formatIndexes,
  hasIndex,
  type Intervals,
  indexedGenerateName,
  parseIndexes,
  totalIndexes,
  withIndexes,
} from './jobIndexes.ts';
import {
  clone,
  controllerOf,
  controllerRef,
  eventRef,
  isDeleting,
  isPodActive,
  isPodReady,
  nameOf,
  namespaceOf,
  podNodeName,
  podPhase,
  specOf,
  statusOf,
  uidOf,
  withStatus,
} from './objects.ts';
import { type PodExpectations, satisfiedExpectations } from './podExpectations.ts';
import { podCreateRefusal, randomSuffix } from './replicaset.ts';

export const COMPONENT_JOB = 'job-controller';
/** `batch.JobTrackingFinalizer`. */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
/** `DefaultJobPodFailureBackOff` and `MaxJobPodFailureBackOff`. */
const POD_FAILURE_BACKOFF_MS = 10_000;
const MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000;
/** `syncJobBatchPeriod`: pod events sync their Job this much later. */
const SYNC_BATCH_PERIOD_MS = 1_000;
/** `MaxPodCreateDeletePerSync`. */
const MAX_CREATE_DELETE_PER_SYNC = 500;

/** Work-queue key prefixes besides the Job's own `namespace/name`. */
const BATCHED = 'batched:';
const ORPHAN = 'orphan:';

export interface JobCondition {
  type: string;
  status: 'True' | 'False';
  lastProbeTime: string;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

interface JobSpec extends FailurePolicySpec {
  parallelism?: number;
  completions?: number;
  backoffLimit?: number;
  suspend?: boolean;
  activeDeadlineSeconds?: number;
  completionMode?: string;
  template?: {
    metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
    spec?: Record<string, unknown> & { restartPolicy?: string };
  };
}

interface JobStatus {
  startTime?: string;
  completionTime?: string;
  active?: number;
  ready?: number;
  terminating?: number;
  succeeded?: number;
  failed?: number;
  completedIndexes?: string;
  failedIndexes?: string;
  conditions?: JobCondition[];
  uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] };
  [k: string]: unknown;
}

/** The pod-failure back-off of one Job (`backoffRecord`). */
interface BackoffRecord {
  failuresAfterLastSuccess: number;
  /** Virtual ms of the last failure, when there is one. */
  lastFailureTime?: number;
}

function hasFinalizer(pod: KubeObject): boolean {
  return pod.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;
}

/** `IsJobFinished`: a Complete or Failed condition that is True. */
export function isJobFinished(job: KubeObject): boolean {
  return (statusOf<JobStatus>(job).conditions ?? []).some(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
}

function findCondition(job: KubeObject, type: string): JobCondition | undefined {
  return (statusOf<JobStatus>(job).conditions ?? []).find((c) => c.type === type);
}

/** `controller.CountTerminatingPods`: being deleted and not finished. */
function isTerminating(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  return isDeleting(pod) && phase !== 'Succeeded' && phase !== 'Failed';
}

/**
 * `getFinishedTime`: when the last container finished, else when a finished pod turned not
 * ready, else when it was deleted, else its creation.
 */
function finishedTime(pod: KubeObject, now: number): number {
  const status = statusOf<{
    containerStatuses?: { state?: { terminated?: { finishedAt?: string } } }[];
    initContainerStatuses?: { state?: { terminated?: { finishedAt?: string } } }[];
  }>(pod);
  let last: number | undefined;
  for (const c of [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? [])]) {
    const at = c.state?.terminated?.finishedAt;
    if (!at) continue;
    const t = parseTimestamp(at);
    if (last === undefined || t > last) last = t;
  }
  if (last !== undefined) return last;
  const phase = podPhase(pod);
  if (phase === 'Succeeded' || phase === 'Failed') {
    const ready = (pod.status as { conditions?: JobCondition[] } | undefined)?.conditions?.find(
      (c) => c.type === 'Ready' && c.status === 'False',
    );
    if (ready?.lastTransitionTime) return parseTimestamp(ready.lastTransitionTime);
  }
  // A pod being deleted finished when the delete came: its deletionTimestamp less the grace.
  const deleted = pod.metadata?.deletionTimestamp;
  if (deleted)
    return parseTimestamp(deleted) - (pod.metadata?.deletionGracePeriodSeconds ?? 0) * 1000;
  const created = pod.metadata?.creationTimestamp;
  return created ? parseTimestamp(created) : now;
}

/** `getRemainingTimeForFailuresCount`: how long pod creation still waits. */
function remainingBackoff(record: BackoffRecord, now: number): number {
  if (record.failuresAfterLastSuccess === 0 || record.lastFailureTime === undefined) return 0;
  let delay = POD_FAILURE_BACKOFF_MS;
  for (let i = 1; i < record.failuresAfterLastSuccess; i++) {
    delay *= 2;
    if (delay >= MAX_POD_FAILURE_BACKOFF_MS) {
      delay = MAX_POD_FAILURE_BACKOFF_MS;
      break;
    }
  }
  const elapsed = now - record.lastFailureTime;
  return delay < elapsed ? 0 : delay - elapsed;
}

/** `newBackoffRecord`: the record after this sync's newly finished pods. */
function nextBackoff(
  prev: BackoffRecord,
  succeeded: readonly KubeObject[],
  failed: readonly KubeObject[],
  now: number,
): BackoffRecord {
  const failedTimes = failed.map((p) => finishedTime(p, now)).sort((a, b) => a - b);
  if (succeeded.length === 0) {
    if (failed.length === 0) return prev;
    return {
      failuresAfterLastSuccess: prev.failuresAfterLastSuccess + failed.length,
      lastFailureTime: failedTimes[failedTimes.length - 1],
    };
  }
  const lastSuccess = Math.max(...succeeded.map((p) => finishedTime(p, now)));
  const after = failedTimes.filter((t) => t > lastSuccess);
  return after.length === 0
    ? { failuresAfterLastSuccess: 0 }
    : { failuresAfterLastSuccess: after.length, lastFailureTime: after[after.length - 1] };
}

/**
 * `controller.ActivePods` order: the pods to delete first, earlier stages before later ones
 * (unscheduled < scheduled, pending < running, not ready < ready), newest first.
 */
function lessActiveFirst(a: KubeObject, b: KubeObject): number {
  const rank = (p: KubeObject) =>
    (podNodeName(p) ? 4 : 0) + (podPhase(p) === 'Running' ? 2 : 0) + (isPodReady(p) ? 1 : 0);
  const d = rank(a) - rank(b);
  if (d !== 0) return d;
  const ta = a.metadata?.creationTimestamp ?? '';
  const tb = b.metadata?.creationTimestamp ?? '';
  return ta === tb ? (nameOf(a) < nameOf(b) ? -1 : 1) : ta < tb ? 1 : -1;
}

/**
 * `activePodsForRemoval`: at least `n` pods, the least active first. An Indexed Job first gives
 * up pods without a valid index and all but one pod of a repeated index (possibly more than `n`).
 */
function podsForRemoval(spec: JobSpec, pods: readonly KubeObject[], n: number): KubeObject[] {
  let remove: KubeObject[] = [];
  let left: readonly KubeObject[] = pods;
  if (isIndexed(spec)) {
    ({ remove, keep: left } = duplicatedIndexPods(pods, spec.completions ?? 0, lessActiveFirst));
  }
  if (remove.length < n)
    remove.push(...[...left].sort(lessActiveFirst).slice(0, n - remove.length));
  return remove;
}

function isIndexed(spec: JobSpec): boolean {
  return spec.completionMode === 'Indexed' && spec.completions !== undefined;
}

/** An Indexed Job's pod with an index it counts (below `completions`). */
function hasValidIndex(spec: JobSpec, pod: KubeObject): boolean {
  const ix = completionIndexOf(pod);
  return ix >= 0 && ix < (spec.completions ?? 0);
}

/** `ensureJobConditionStatus`: add a True condition, or flip an existing one. */
function ensureCondition(
  conditions: JobCondition[],
  type: string,
  status: 'True' | 'False',
  reason: string,
  message: string,
  now: string,
): { conditions: JobCondition[]; changed: boolean } {
  const i = conditions.findIndex((c) => c.type === type);
  if (i === -1) {
    if (status === 'False') return { conditions, changed: false };
    return {
      conditions: [...conditions, newCondition(type, status, reason, message, now)],
      changed: true,
    };
  }
  const c = conditions[i]!;
  if (c.status === status) return { conditions, changed: false };
  const next = [...conditions];
  next[i] = newCondition(type, status, reason, message, now);
  return { conditions: next, changed: true };
}

function newCondition(
  type: string,
  status: 'True' | 'False',
  reason: string,
  message: string,
  now: string,
): JobCondition {
  return {
    type,
    status,
    lastProbeTime: now,
    lastTransitionTime: now,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

/** The status the API returns: zero counters and empty lists are omitted (omitempty). */
function cleanStatus(s: JobStatus): JobStatus {
  const out: JobStatus = {};
  for (const [k, v] of Object.entries(s)) {
    if (v === undefined) continue;
    if ((k === 'active' || k === 'succeeded' || k === 'failed') && v === 0) continue;
    if (k === 'completedIndexes' && v === '') continue;
    if (k === 'conditions' && Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  const u = s.uncountedTerminatedPods;
  if (u) {
    out.uncountedTerminatedPods = {
      ...(u.succeeded?.length ? { succeeded: u.succeeded } : {}),
      ...(u.failed?.length ? { failed: u.failed } : {}),
    };
  }
  return out;
}

export function createJobController(): Reconciler {
  const expectations = new Map<string, PodExpectations>();
  /** Pod uids whose finalizer this controller removed, by Job key (`finalizerExpectations`). */
  const removedFinalizers = new Map<string, Set<string>>();
  const backoffs = new Map<string, BackoffRecord>();
  return {
    actor: 'controller-manager',
    name: COMPONENT_JOB,
    watches: ['jobs', 'pods'],
    onStart() {
      expectations.clear();
      removedFinalizers.clear();
      backoffs.clear();
    },
    keysFor(resource, obj) {
      if (resource === 'jobs') return [`${namespaceOf(obj)}/${nameOf(obj)}`];
      const owner = controllerOf(obj);
      if (owner?.kind !== 'Job' || owner.apiVersion !== 'batch/v1') return [];
      const keys = [`${BATCHED}${namespaceOf(obj)}/${owner.name}`];
      if (hasFinalizer(obj)) keys.push(`${ORPHAN}${namespaceOf(obj)}/${nameOf(obj)}`);
      return keys;
    },
    reconcile(key, cache, ctx) {
      if (key.startsWith(BATCHED)) {
        ctx.requeueAfter(key.slice(BATCHED.length), SYNC_BATCH_PERIOD_MS);
        return { writes: [] };
      }
      if (key.startsWith(ORPHAN)) return { writes: syncOrphanPod(key.slice(ORPHAN.length), cache) };
      const slash = key.indexOf('/');
      const ns = key.slice(0, slash);
      const name = key.slice(slash + 1);
      const job = cache.get('jobs', ns, name);
      if (!job) {
        expectations.delete(key);
        removedFinalizers.delete(key);
        backoffs.delete(key);
        return { writes: [] };
      }
      if (isJobFinished(job)) {
        backoffs.delete(key);
        return { writes: [] };
      }
      return { writes: syncJob(job, key, cache, ctx) };
    },
  };

  /** `syncOrphanPod`: the finalizer goes once the pod's Job is gone or finished. */
  function syncOrphanPod(podKey: string, cache: Cache): Write[] {
    const slash = podKey.indexOf('/');
    const ns = podKey.slice(0, slash);
    const pod = cache.get('pods', ns, podKey.slice(slash + 1));
    if (!pod || !hasFinalizer(pod)) return [];
    const owner = controllerOf(pod);
    if (owner && (owner.kind !== 'Job' || owner.apiVersion !== 'batch/v1')) return [];
    if (owner) {
      const job = cache.get('jobs', ns, owner.name);
      if (job && uidOf(job) === owner.uid && !isJobFinished(job)) return [];
    }
    return [removeFinalizer(pod)];
  }

  function syncJob(job: KubeObject, key: string, cache: Cache, ctx: ReconcileContext): Write[] {
    const ns = namespaceOf(job);
    const uid = uidOf(job);
    const spec = specOf<JobSpec>(job);
    const old = statusOf<JobStatus>(job);
    const now = ctx.timestamp();
    const writes: Write[] = [];
    const pods = (cache.owned?.('pods', uid) ?? cache.list('pods', ns)).filter(
      (p) => controllerOf(p)?.uid === uid,
    );
    // Finalizers removed earlier and not yet seen gone.
    const removed = removedFinalizers.get(key) ?? new Set<string>();
    for (const u of [...removed]) {
      const p = pods.find((x) => uidOf(x) === u);
      if (!p || !hasFinalizer(p)) removed.delete(u);
    }
    const tracked = (p: KubeObject) => hasFinalizer(p) && !removed.has(uidOf(p));
    const observed = satisfiedExpectations(expectations, key, ns, cache, ctx.now);

    const status: JobStatus = {
      ...old,
      conditions: [...(old.conditions ?? [])],
      uncountedTerminatedPods: {
        succeeded: [...(old.uncountedTerminatedPods?.succeeded ?? [])],
        failed: [...(old.uncountedTerminatedPods?.failed ?? [])],
      },
    };
    const uncounted = status.uncountedTerminatedPods as { succeeded: string[]; failed: string[] };
    let activePods = pods.filter(isPodActive);
    let ready = activePods.filter(isPodReady).length;
    let terminating = pods.filter(isTerminating).length;
    const indexed = isIndexed(spec);
    // getValidPodsWithFilter: an Indexed Job only counts pods with an index below completions.
    const counts = (p: KubeObject) => tracked(p) && (!indexed || hasValidIndex(spec, p));
    const newSucceeded = pods.filter(
      (p) => counts(p) && podPhase(p) === 'Succeeded' && !uncounted.succeeded.includes(uidOf(p)),
    );
    const newFailed = pods.filter(
      (p) => counts(p) && isJobPodFailed(p, spec) && !uncounted.failed.includes(uidOf(p)),
    );
    // calculateSucceededIndexes: the indexes already listed, and those of succeeded pods still
    // carrying the finalizer (not counted yet).
    let prevSucceededIndexes: Intervals = [];
    let succeededIndexes: Intervals = [];
    let succeeded: number;
    if (indexed) {
      prevSucceededIndexes = parseIndexes(old.completedIndexes, spec.completions ?? 0);
      const fresh = pods
        .filter((p) => podPhase(p) === 'Succeeded' && hasFinalizer(p) && hasValidIndex(spec, p))
        .map(completionIndexOf);
      succeededIndexes = withIndexes(
        prevSucceededIndexes,
        [...new Set(fresh)].sort((a, b) => a - b),
      );
      succeeded = totalIndexes(succeededIndexes);
    } else {
      succeeded = (old.succeeded ?? 0) + newSucceeded.length + uncounted.succeeded.length;
    }
    // nonIgnoredFailedPodsCount: a failure the pod failure policy ignores does not count.
    const newCountedFailures =
      spec.podFailurePolicy != null
        ? newFailed.filter((p) => matchPodFailurePolicy(spec, p).countFailed).length
        : newFailed.length;
    const failed = (old.failed ?? 0) + newCountedFailures + uncounted.failed.length;
    const suspended = spec.suspend === true;
    if (!status.startTime && !suspended) status.startTime = now;
    const backoff = nextBackoff(
      backoffs.get(key) ?? { failuresAfterLastSuccess: 0 },
      newSucceeded,
      newFailed,
      ctx.now,
    );

    const backoffLimit = spec.backoffLimit ?? 6;
    /** The condition the Job is heading for (interim or terminal). */
    let finished: JobCondition | undefined = findCondition(job, 'SuccessCriteriaMet');
    if (finished?.status !== 'True') finished = undefined;
    if (!finished) {
      const target = findCondition(job, 'FailureTarget');
      if (target?.status === 'True') {
        finished = newCondition('Failed', 'True', target.reason ?? '', target.message ?? '', now);
      } else {
        // getFailJobMessage: a FailJob rule matched; the interim condition records the message
        // before the finalizers go.
        const message = failJobMessage(spec, pods);
        if (message !== undefined) {
          finished = newCondition('FailureTarget', 'True', 'PodFailurePolicy', message, now);
        }
      }
    }
    if (!finished) {
      if (failed > backoffLimit || pastBackoffLimitOnFailure(spec, pods)) {
        finished = newCondition(
          'FailureTarget',
          'True',
          'BackoffLimitExceeded',
          'Job has reached the specified backoff limit',
          now,
        );
      } else if (pastActiveDeadline(spec, status.startTime, ctx.now, suspended)) {
        finished = newCondition(
          'FailureTarget',
          'True',
          'DeadlineExceeded',
          'Job was active longer than specified deadline',
          now,
        );
      } else if (spec.activeDeadlineSeconds !== undefined && !suspended && status.startTime) {
        const left =
          spec.activeDeadlineSeconds * 1000 - (ctx.now - parseTimestamp(status.startTime));
        ctx.requeueAfter(key, Math.max(left, 0));
      }
    }

    // Indexed Jobs: the indexes that used up backoffLimitPerIndex, then the success policy.
    let failedIndexes: Intervals | undefined;
    let delayed: Map<number, KubeObject> | undefined;
    if (indexed && hasBackoffLimitPerIndex(spec)) {
      failedIndexes = calculateFailedIndexes(spec, old, pods);
      const total = totalIndexes(failedIndexes);
      if (!finished) {
        if (spec.maxFailedIndexes != null && total > spec.maxFailedIndexes) {
          finished = newCondition(
            'FailureTarget',
            'True',
            'MaxFailedIndexesExceeded',
            'Job has exceeded the specified maximal number of failed indexes',
            now,
          );
        } else if (total > 0 && total + totalIndexes(succeededIndexes) >= (spec.completions ?? 0)) {
          finished = newCondition(
            'FailureTarget',
            'True',
            'FailedIndexes',
            'Job has failed indexes',
            now,
          );
        }
      }
      delayed = podsWithDelayedDeletion(
        spec,
        pods.filter(tracked),
        activePods,
        succeededIndexes,
        failedIndexes,
        (p) => finishedTime(p, ctx.now),
      );
    }
    if (indexed && !finished && spec.successPolicy != null) {
      const message = matchSuccessPolicy(spec, succeededIndexes, parseIndexes);
      if (message !== undefined) {
        finished = newCondition('SuccessCriteriaMet', 'True', 'SuccessPolicy', message, now);
      }
    }

    let active = activePods.length;
    let suspendChanged = false;
    if (finished) {
      // deleteActivePods: the finalizers stay, and are removed below.
      for (const p of activePods) {
        writes.push(deletePod(p));
        record(ctx, job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${nameOf(p)}`);
      }
      const deleted = activePods.length;
      ready -= activePods.filter(isPodReady).length;
      terminating += deleted;
      active -= deleted;
      // Pods not yet in the cache may still come: not finished yet.
      if (!observed) finished = undefined;
      activePods = [];
    } else {
      let manageCalled = false;
      if (observed && !isDeleting(job)) {
        manageCalled = true;
        const managed = manageJob(
          job,
          key,
          spec,
          activePods,
          succeeded,
          succeededIndexes,
          backoff,
          cache,
          ctx,
          { pods, terminating, failedIndexes, delayed },
        );
        writes.push(...managed.writes);
        active = managed.active;
        ready -= managed.deletedReady;
        terminating += managed.deleted;
      }
      const complete =
        spec.completions === undefined
          ? succeeded > 0 && active === 0
          : succeeded >= spec.completions && active === 0;
      if (complete) {
        finished = newCondition(
          'SuccessCriteriaMet',
          'True',
          'CompletionsReached',
          'Reached expected number of succeeded pods',
          now,
        );
      } else if (manageCalled) {
        const next = suspended
          ? ensureCondition(
              status.conditions ?? [],
              'Suspended',
              'True',
              'JobSuspended',
              'Job suspended',
              now,
            )
          : ensureCondition(
              status.conditions ?? [],
              'Suspended',
              'False',
              'JobResumed',
              'Job resumed',
              now,
            );
        if (next.changed) {
          suspendChanged = true;
          status.conditions = next.conditions;
          record(
            ctx,
            job,
            'Normal',
            suspended ? 'Suspended' : 'Resumed',
            suspended ? 'Job suspended' : 'Job resumed',
          );
          if (!suspended) status.startTime = now;
        }
      }
    }

    let needsFlush =
      suspendChanged ||
      active !== (old.active ?? 0) ||
      ready !== old.ready ||
      terminating !== old.terminating ||
      old.uncountedTerminatedPods === undefined;
    status.active = active;
    status.ready = ready;
    status.terminating = terminating;

    // trackJobStatusAndRemoveFinalizers.
    const withFinalizer = new Set(pods.filter(tracked).map(uidOf));
    if (moveCounted(status, uncounted, withFinalizer)) needsFlush = true;
    const toUnfinalize: KubeObject[] = [];
    const newSucceededIndexes: number[] = [];
    // An Indexed Job introduces completed indexes in order.
    const tracking = indexed
      ? [...pods].sort((a, b) => completionIndexOf(a) - completionIndexOf(b))
      : pods;
    for (const p of tracking) {
      if (!tracked(p)) continue;
      const podFailed = isJobPodFailed(p, spec);
      let canRemove =
        isDeleting(job) || finished !== undefined || podPhase(p) === 'Succeeded' || podFailed;
      // canRemoveFinalizer: an index's last failed pod keeps its finalizer until replaced.
      if (canRemove && !isDeleting(job) && !finished && podPhase(p) !== 'Succeeded' && delayed) {
        const last = delayed.get(completionIndexOf(p));
        if (last && uidOf(last) === uidOf(p)) canRemove = false;
      }
      if (!canRemove) continue;
      toUnfinalize.push(p);
      const u = uidOf(p);
      if (podPhase(p) === 'Succeeded' && !uncounted.failed.includes(u)) {
        if (indexed) {
          // The completion index is enough not to count a pod twice: no uid is kept.
          const ix = completionIndexOf(p);
          if (hasValidIndex(spec, p) && !hasIndex(prevSucceededIndexes, ix)) {
            newSucceededIndexes.push(ix);
            needsFlush = true;
          }
        } else if (!uncounted.succeeded.includes(u)) {
          uncounted.succeeded.push(u);
          needsFlush = true;
        }
      } else if (podFailed || (finished && finished.type !== 'SuccessCriteriaMet')) {
        if (
          !uncounted.failed.includes(u) &&
          (!indexed || hasValidIndex(spec, p)) &&
          matchPodFailurePolicy(spec, p).countFailed
        ) {
          uncounted.failed.push(u);
          needsFlush = true;
        }
      }
    }
    if (indexed) {
      succeededIndexes = withIndexes(succeededIndexes, newSucceededIndexes);
      const text = formatIndexes(succeededIndexes);
      if (text !== (old.completedIndexes ?? '')) needsFlush = true;
      status.succeeded = totalIndexes(succeededIndexes);
      status.completedIndexes = text;
      if (failedIndexes) {
        const failedText = formatIndexes(failedIndexes);
        if (failedText !== old.failedIndexes) needsFlush = true;
        status.failedIndexes = failedText;
      }
    }
    if (finished?.type === 'FailureTarget') {
      status.conditions = [...(status.conditions ?? []), finished];
      needsFlush = true;
      finished = newCondition('Failed', 'True', finished.reason ?? '', finished.message ?? '', now);
    }
    if (finished?.type === 'SuccessCriteriaMet') {
      if (!findCondition(job, 'SuccessCriteriaMet')) {
        status.conditions = [...(status.conditions ?? []), finished];
        needsFlush = true;
      }
      finished = newCondition(
        'Complete',
        'True',
        finished.reason ?? '',
        finished.message ?? '',
        now,
      );
    }
    // flushUncountedAndRemoveFinalizers.
    if (needsFlush) {
      writes.push(statusWrite(job, status));
      backoffs.set(key, backoff);
      needsFlush = false;
    } else if (backoff !== backoffs.get(key)) backoffs.set(key, backoff);
    if (toUnfinalize.length > 0) {
      for (const p of toUnfinalize) {
        writes.push(removeFinalizer(p));
        removed.add(uidOf(p));
        withFinalizer.delete(uidOf(p));
      }
      removedFinalizers.set(key, removed);
    }
    if (moveCounted(status, uncounted, withFinalizer)) needsFlush = true;
    // enactJobFinished: the terminal condition once every pod is counted and none terminates.
    let jobFinished = false;
    if (
      finished &&
      uncounted.succeeded.length + uncounted.failed.length === 0 &&
      terminating === 0
    ) {
      const next = ensureCondition(
        status.conditions ?? [],
        finished.type,
        'True',
        finished.reason ?? '',
        finished.message ?? '',
        now,
      );
      status.conditions = next.conditions;
      if (finished.type === 'Complete') status.completionTime = now;
      jobFinished = true;
      needsFlush = true;
    }
    if (needsFlush) {
      writes.push(statusWrite(job, status));
      if (jobFinished && finished) {
        if (finished.type === 'Complete') {
          if (spec.completions !== undefined && (status.succeeded ?? 0) > spec.completions) {
            record(
              ctx,
              job,
              'Warning',
              'TooManySucceededPods',
              'Too many succeeded pods running after completion count reached',
            );
          }
          record(ctx, job, 'Normal', 'Completed', 'Job completed');
        } else record(ctx, job, 'Warning', finished.reason ?? '', finished.message ?? '');
      }
    }
    return writes;
  }

  /**
   * `manageJob`: delete the surplus active pods, or create the missing ones once the failure
   * back-off has passed. Returns the writes and the active count after them.
   */
  function manageJob(
    job: KubeObject,
    key: string,
    spec: JobSpec,
    activePods: readonly KubeObject[],
    succeeded: number,
    succeededIndexes: Intervals,
    backoff: BackoffRecord,
    cache: Cache,
    ctx: ReconcileContext,
    more: {
      pods: readonly KubeObject[];
      terminating: number;
      failedIndexes: Intervals | undefined;
      delayed: ReadonlyMap<number, KubeObject> | undefined;
    },
  ): { writes: Write[]; active: number; deleted: number; deletedReady: number } {
    const writes: Write[] = [];
    let active = activePods.length;
    const ns = namespaceOf(job);
    if (spec.suspend === true) {
      return removePods(job, key, activePods, active, ctx, writes);
    }
    // The active pods of failed indexes go first.
    if (more.failedIndexes) {
      const doomed = podsOfIndexes(activePods, more.failedIndexes);
      if (doomed.length > 0) return removePods(job, key, doomed, active, ctx, writes);
    }
    // onlyReplaceFailedPods: a terminating pod still counts until it has failed.
    const terminating = onlyReplaceFailedPods(spec) ? more.terminating : 0;
    const parallelism = spec.parallelism ?? 1;
    let want: number;
    if (spec.completions === undefined) want = succeeded > 0 ? active : parallelism;
    else want = Math.max(0, Math.min(spec.completions - succeeded, parallelism));
    const surplus = Math.max(0, active - want);
    // Deleting takes precedence: a sync that deletes creates nothing (an Indexed Job may need
    // both, for a repeated index).
    const victims = podsForRemoval(spec, activePods, surplus).slice(0, MAX_CREATE_DELETE_PER_SYNC);
    if (victims.length > 0) return removePods(job, key, victims, active, ctx, writes);
    if (want - active <= 0) return { writes, active, deleted: 0, deletedReady: 0 };
    // With backoffLimitPerIndex each index has its own back-off (below).
    const wait = more.delayed ? 0 : remainingBackoff(backoff, ctx.now);
    if (wait > 0) {
      ctx.requeueAfter(key, wait);
      return { writes, active: 0, deleted: 0, deletedReady: 0 };
    }
    let diff = want - active - terminating;
    if (diff <= 0) return { writes, active, deleted: 0, deletedReady: 0 };
    diff = Math.min(diff, MAX_CREATE_DELETE_PER_SYNC);
    let indexes: number[] | undefined;
    if (isIndexed(spec)) {
      // firstPendingIndexes: failed indexes, those whose failed pod awaits its replacement's
      // count, and (onlyReplaceFailedPods) those of terminating pods are not pending either.
      const completions = spec.completions ?? 0;
      const notPending = [
        ...expandIndexes(more.failedIndexes ?? []),
        ...(onlyReplaceFailedPods(spec)
          ? more.pods.filter(isTerminating).map(completionIndexOf)
          : []),
      ].filter((i) => i >= 0 && i < completions);
      indexes = firstPendingIndexes(
        withIndexes(
          succeededIndexes,
          [...new Set(notPending)].sort((a, b) => a - b),
        ),
        activePods,
        diff,
        completions,
      );
      if (more.delayed) {
        // getPodCreationInfoForIndependentIndexes: an index waits out its own back-off.
        const now: number[] = [];
        let minWait: number | undefined;
        for (const ix of indexes) {
          const last = more.delayed.get(ix);
          const left = last
            ? remainingBackoff(
                {
                  failuresAfterLastSuccess: indexAbsoluteFailureCount(last) + 1,
                  lastFailureTime: finishedTime(last, ctx.now),
                },
                ctx.now,
              )
            : 0;
          if (left === 0) now.push(ix);
          else if (minWait === undefined || left < minWait) minWait = left;
        }
        if (now.length === 0 && minWait !== undefined) {
          // As for the Job-wide back-off above, manageJob reports 0 active while it waits.
          ctx.requeueAfter(key, minWait);
          return { writes, active: 0, deleted: 0, deletedReady: 0 };
        }
        indexes = now;
      }
      diff = indexes.length;
    }
    const namespace = cache.get('namespaces', undefined, ns);
    // A terminating namespace refuses new pods; the controller ignores that error.
    if (!namespace || isDeleting(namespace)) return { writes, active, deleted: 0, deletedReady: 0 };
    const e: PodExpectations = { creates: new Set(), deletes: new Set(), at: ctx.now };
    let forecast: PodAdmissionForecast | undefined;
    for (let i = 0; i < diff; i++) {
      const index = indexes?.[i];
      const generateName =
        index === undefined ? `${nameOf(job)}-` : indexedGenerateName(nameOf(job), index);
      const podName = newPodName(generateName, ns, cache, ctx);
      const pod = jobPod(
        job,
        spec,
        podName,
        generateName,
        index,
        more.delayed && index !== undefined
          ? indexFailureAnnotations(spec, more.delayed.get(index))
          : undefined,
      );
      writes.push({ verb: 'create', resource: 'pods', namespace: ns, obj: pod });
      if (i === 0) forecast = podAdmissionForecast(ns, cache, ctx.timestamp());
      const refused =
        (i === 0
          ? podCreateRefusal(specOf<Record<string, unknown>>(pod), generateName, podName, ns, cache)
          : undefined) ?? forecast?.(specOf<Record<string, unknown>>(pod), podName);
      if (refused !== undefined) {
        writes.pop();
        record(ctx, job, 'Warning', 'FailedCreate', `Error creating: ${refused}`);
        break;
      }
      e.creates.add(podName);
      active++;
      record(ctx, job, 'Normal', 'SuccessfulCreate', `Created pod: ${podName}`);
    }
    if (e.creates.size > 0) expectations.set(key, e);
    return { writes, active, deleted: 0, deletedReady: 0 };
  }

  /** `deleteJobPods`: the finalizer goes, then the pod (each with its event). */
  function removePods(
    job: KubeObject,
    key: string,
    pods: readonly KubeObject[],
    active: number,
    ctx: ReconcileContext,
    writes: Write[],
  ): { writes: Write[]; active: number; deleted: number; deletedReady: number } {
    if (pods.length === 0) return { writes, active, deleted: 0, deletedReady: 0 };
    const e: PodExpectations = { creates: new Set(), deletes: new Set(), at: ctx.now };
    for (const p of pods) {
      if (hasFinalizer(p)) writes.push(removeFinalizer(p));
      writes.push(deletePod(p));
      e.deletes.add(nameOf(p));
      record(ctx, job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${nameOf(p)}`);
    }
    expectations.set(key, e);
    return {
      writes,
      active: active - pods.length,
      deleted: pods.length,
      deletedReady: pods.filter(isPodReady).length,
    };
  }
}

/** The indexes of `intervals`, one by one. */
function expandIndexes(intervals: Intervals): number[] {
  const out: number[] = [];
  for (const [first, last] of intervals) for (let i = first; i <= last; i++) out.push(i);
  return out;
}

/**
 * `calculateFailedIndexes`: the failed indexes listed, and those of tracked pods whose index
 * just failed.
 */
function calculateFailedIndexes(
  spec: JobSpec,
  old: JobStatus,
  pods: readonly KubeObject[],
): Intervals {
  const completions = spec.completions ?? 0;
  const prev = parseIndexes(old.failedIndexes, completions);
  const fresh: number[] = [];
  for (const p of pods) {
    if (!hasFinalizer(p) || !isIndexFailed(spec, p)) continue;
    const ix = completionIndexOf(p);
    if (ix >= 0 && ix < completions) fresh.push(ix);
  }
  return withIndexes(
    prev,
    [...new Set(fresh)].sort((a, b) => a - b),
  );
}

/** Uids no longer carrying the finalizer move from the uncounted lists into the counters. */
function moveCounted(
  status: JobStatus,
  uncounted: { succeeded: string[]; failed: string[] },
  withFinalizer: ReadonlySet<string>,
): boolean {
  let changed = false;
  const s = uncounted.succeeded.filter((u) => withFinalizer.has(u));
  if (s.length !== uncounted.succeeded.length) {
    status.succeeded = (status.succeeded ?? 0) + uncounted.succeeded.length - s.length;
    uncounted.succeeded = s;
    changed = true;
  }
  const f = uncounted.failed.filter((u) => withFinalizer.has(u));
  if (f.length !== uncounted.failed.length) {
    status.failed = (status.failed ?? 0) + uncounted.failed.length - f.length;
    uncounted.failed = f;
    changed = true;
  }
  status.uncountedTerminatedPods = uncounted;
  return changed;
}

/** `pastBackoffLimitOnFailure`: restarts of running or pending pods reach the limit (OnFailure). */
function pastBackoffLimitOnFailure(spec: JobSpec, pods: readonly KubeObject[]): boolean {
  if (spec.template?.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const p of pods) {
    const phase = podPhase(p);
    if (phase !== 'Running' && phase !== 'Pending') continue;
    const s = statusOf<{
      containerStatuses?: { restartCount?: number }[];
      initContainerStatuses?: { restartCount?: number }[];
    }>(p);
    for (const c of [...(s.initContainerStatuses ?? []), ...(s.containerStatuses ?? [])]) {
      restarts += c.restartCount ?? 0;
    }
  }
  const limit = spec.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

function pastActiveDeadline(
  spec: JobSpec,
  startTime: string | undefined,
  now: number,
  suspended: boolean,
): boolean {
  if (spec.activeDeadlineSeconds === undefined || !startTime || suspended) return false;
  return now - parseTimestamp(startTime) >= spec.activeDeadlineSeconds * 1000;
}

function statusWrite(job: KubeObject, status: JobStatus): Write {
  return {
    verb: 'updateStatus',
    resource: 'jobs',
    namespace: namespaceOf(job),
    obj: withStatus(job, clone(cleanStatus(status))),
  };
}

function removeFinalizer(pod: KubeObject): Write {
  const left = (pod.metadata?.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
  return {
    verb: 'patch',
    resource: 'pods',
    namespace: namespaceOf(pod),
    name: nameOf(pod),
    patch: { metadata: { finalizers: left.length > 0 ? left : null } },
  };
}

function deletePod(pod: KubeObject): Write {
  return { verb: 'delete', resource: 'pods', namespace: namespaceOf(pod), name: nameOf(pod) };
}

function record(
  ctx: ReconcileContext,
  job: KubeObject,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
): void {
  ctx.recordEvent({ ref: eventRef('jobs', job), type, reason, message, component: COMPONENT_JOB });
}

/** `<generateName>xxxxx`, drawn like the API server's generateName and not taken. */
function newPodName(generateName: string, ns: string, cache: Cache, ctx: ReconcileContext): string {
  const prefix = generateName.slice(0, 58);
  let name = prefix + randomSuffix(() => ctx.random());
  while (cache.get('pods', ns, name)) name = prefix + randomSuffix(() => ctx.random());
  return name;
}

/**
 * A pod from the Job's template with the tracking finalizer and the controller reference; an
 * Indexed Job's pod also carries its index (annotation, label, hostname `<job>-<index>` and the
 * `JOB_COMPLETION_INDEX` env var of every container that does not set it).
 */
function jobPod(
  job: KubeObject,
  spec: JobSpec,
  podName: string,
  generateName: string,
  index: number | undefined,
  failureCounts?: Record<string, string>,
): KubeObject {
  const template = clone(spec.template ?? {});
  let labels = template.metadata?.labels;
  let annotations = template.metadata?.annotations;
  let podSpec = template.spec ?? {};
  if (index !== undefined) {
    annotations = { ...annotations, [COMPLETION_INDEX_KEY]: String(index), ...failureCounts };
    labels = { ...labels, [COMPLETION_INDEX_KEY]: String(index) };
    podSpec = withCompletionIndexEnv(podSpec);
    podSpec.hostname = `${nameOf(job)}-${index}`;
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: podName,
      generateName,
      namespace: namespaceOf(job),
      ...(labels ? { labels } : {}),
      ...(annotations ? { annotations } : {}),
      finalizers: [JOB_TRACKING_FINALIZER],
      ownerReferences: [controllerRef('jobs', job)],
    },
    spec: podSpec,
  };
}

/** `addCompletionIndexEnvVariables`: the env var reads the index annotation (downward API). */
function withCompletionIndexEnv(podSpec: Record<string, unknown>): Record<string, unknown> {
  type Container = { env?: { name: string; valueFrom?: unknown }[] };
  const add = (c: Container): Container =>
    (c.env ?? []).some((e) => e.name === COMPLETION_INDEX_ENV)
      ? c
      : {
          ...c,
          env: [
            ...(c.env ?? []),
            {
              name: COMPLETION_INDEX_ENV,
              valueFrom: {
                fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX_KEY}']` },
              },
            },
          ],
        };
  const out = { ...podSpec };
  for (const key of ['initContainers', 'containers']) {
    const list = out[key];
    if (Array.isArray(list)) out[key] = (list as Container[]).map(add);
  }
  return out;
}

export const COMPONENT_TTL_AFTER_FINISHED = 'ttl-after-finished-controller';

/**
 * The TTL-after-finished controller (pkg/controller/ttlafterfinished): a finished Job with
 * `spec.ttlSecondsAfterFinished` is deleted that many seconds after it finished (its Complete or
 * Failed condition's transition time), with Foreground propagation so its pods go first.
 */
export function createTTLAfterFinishedController(): Reconciler {
  return {
    actor: 'controller-manager',
    name: COMPONENT_TTL_AFTER_FINISHED,
    watches: ['jobs'],
    keysFor(_resource, obj) {
      const ttl = specOf<{ ttlSecondsAfterFinished?: number }>(obj).ttlSecondsAfterFinished;
      return ttl != null && !isDeleting(obj) && isJobFinished(obj)
        ? [`${namespaceOf(obj)}/${nameOf(obj)}`]
        : [];
    },
    reconcile(key, cache, ctx) {
      const slash = key.indexOf('/');
      const job = cache.get('jobs', key.slice(0, slash), key.slice(slash + 1));
      if (!job || isDeleting(job) || !isJobFinished(job)) return { writes: [] };
      const ttl = specOf<{ ttlSecondsAfterFinished?: number }>(job).ttlSecondsAfterFinished;
      if (ttl == null) return { writes: [] };
      const finishedAt = (statusOf<JobStatus>(job).conditions ?? []).find(
        (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
      )?.lastTransitionTime;
      if (!finishedAt) return { writes: [] };
      const expireAt = parseTimestamp(finishedAt) + ttl * 1000;
      if (ctx.now < expireAt) {
        ctx.requeueAfter(key, expireAt - ctx.now);
        return { writes: [] };
      }
      return {
        writes: [
          {
            verb: 'delete',
            resource: 'jobs',
            namespace: namespaceOf(job),
            name: nameOf(job),
            propagationPolicy: 'Foreground',
          },
        ],
      };
    },
  };
}
