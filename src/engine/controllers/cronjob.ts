/**
 * The CronJob controller (`cronjob-controller`, pkg/controller/cronjob v2): at each time its
 * schedule names (in virtual time) it creates a Job from the template, named
 * `<cronjob>-<minutes since the Unix epoch of the scheduled time>`, owned by the CronJob and
 * annotated with `batch.kubernetes.io/cronjob-scheduled-timestamp`; it records it in
 * `status.active` and `status.lastScheduleTime`, notes finished Jobs (`SawCompletedJob`,
 * `lastSuccessfulTime`), applies the concurrency policy (Allow, Forbid: skip while one runs,
 * Replace: delete the running one) and `startingDeadlineSeconds`, and deletes the oldest
 * finished Jobs beyond the history limits. It wakes 100 ms after the next scheduled time.
 *
 * With `spec.timeZone` the schedule names wall-clock times of that zone (cronjobTimeZone.ts,
 * zones from util/timeZones.ts); without it, the controller's zone, UTC.
 *
 * Not simulated: the TooManyMissedTimes warning.
 */
import type { KubeObject } from '../api/types.ts';
import type { Cache, ReconcileContext, Reconciler, Write } from '../runtime/controller.ts';
import { epochMs, parseTimestamp, rfc3339 } from '../util/clock.ts';
import { type CronSchedule, parseStandard } from '../util/cron.ts';
import { inTimeZone } from './cronjobTimeZone.ts';
import { isJobFinished, type JobCondition } from './job.ts';
import {
  clone,
  controllerOf,
  controllerRef,
  eventRef,
  isDeleting,
  nameOf,
  namespaceOf,
  specOf,
  statusOf,
  uidOf,
  withStatus,
} from './objects.ts';

export const COMPONENT_CRONJOB = 'cronjob-controller';
/** `batchv1.CronJobScheduledTimestampAnnotation`. */
export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
/** `nextScheduleDelta`: the controller wakes this long after a scheduled time. */
const NEXT_SCHEDULE_DELTA_MS = 100;

interface CronJobSpec {
  schedule?: string;
  timeZone?: string;
  suspend?: boolean;
  concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
  startingDeadlineSeconds?: number;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
  jobTemplate?: {
    metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
    spec?: Record<string, unknown>;
  };
}

interface ObjectReference {
  apiVersion?: string;
  kind?: string;
  name: string;
  namespace?: string;
  resourceVersion?: string;
  uid?: string;
}

interface CronJobStatus {
  active?: ObjectReference[];
  lastScheduleTime?: string;
  lastSuccessfulTime?: string;
}

/** The job's terminal condition type, Complete or Failed. */
function finishedType(job: KubeObject): string | undefined {
  return (statusOf<{ conditions?: JobCondition[] }>(job).conditions ?? []).find(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  )?.type;
}

/**
 * `getMostRecentScheduleTime`: the latest scheduled time in (earliest, now], if any (in Unix ms).
 */
function mostRecent(sched: CronSchedule, earliest: number, now: number): number | undefined {
  let t = sched.next(earliest);
  if (t === undefined || t > now) return undefined;
  for (let i = 0; i < 1000; i++) {
    const n = sched.next(t);
    if (n === undefined || n > now) return t;
    t = n;
  }
  return t;
}

export function createCronJobController(): Reconciler {
  return {
    actor: 'controller-manager',
    name: COMPONENT_CRONJOB,
    watches: ['cronjobs', 'jobs'],
    keysFor(resource, obj) {
      if (resource === 'cronjobs') return [`${namespaceOf(obj)}/${nameOf(obj)}`];
      const owner = controllerOf(obj);
      return owner?.kind === 'CronJob' ? [`${namespaceOf(obj)}/${owner.name}`] : [];
    },
    reconcile(key, cache, ctx) {
      const slash = key.indexOf('/');
      const cj = cache.get('cronjobs', key.slice(0, slash), key.slice(slash + 1));
      if (!cj) return { writes: [] };
      return { writes: sync(cj, key, cache, ctx) };
    },
  };
}

function sync(cj: KubeObject, key: string, cache: Cache, ctx: ReconcileContext): Write[] {
  const ns = namespaceOf(cj);
  const uid = uidOf(cj);
  const spec = specOf<CronJobSpec>(cj);
  const old = statusOf<CronJobStatus>(cj);
  const status: CronJobStatus = { ...old, active: [...(old.active ?? [])] };
  const writes: Write[] = [];
  let update = false;
  const jobs = (cache.owned?.('jobs', uid) ?? cache.list('jobs', ns)).filter(
    (j) => controllerOf(j)?.uid === uid,
  );
  // An active reference made by this controller gets its uid once the Job is seen (the real
  // controller reads it from the create's answer): match those by name.
  const refOf = (j: KubeObject) =>
    (status.active ?? []).find((r) => (r.uid ? r.uid === uidOf(j) : r.name === nameOf(j)));
  const children = new Set(jobs.map(uidOf));
  for (const j of jobs) {
    const ref = refOf(j);
    const found = ref !== undefined;
    const finished = isJobFinished(j);
    if (!found && !finished) {
      record(
        ctx,
        cj,
        'Warning',
        'UnexpectedJob',
        `Saw a job that the controller did not create or forgot: ${nameOf(j)}`,
      );
    } else if (found && finished) {
      status.active = (status.active ?? []).filter((r) => r !== ref);
      record(
        ctx,
        cj,
        'Normal',
        'SawCompletedJob',
        `Saw completed job: ${nameOf(j)}, status: ${finishedType(j)}`,
      );
      update = true;
    } else if (finished) {
      const done = statusOf<{ completionTime?: string }>(j).completionTime;
      if (
        done &&
        (!status.lastSuccessfulTime ||
          parseTimestamp(done) > parseTimestamp(status.lastSuccessfulTime))
      ) {
        status.lastSuccessfulTime = done;
        update = true;
      }
    }
  }
  for (const r of [...(status.active ?? [])]) {
    if (r.uid ? children.has(r.uid) : jobs.some((j) => nameOf(j) === r.name)) continue;
    if (cache.get('jobs', ns, r.name)) continue;
    record(ctx, cj, 'Normal', 'MissingJob', `Active job went missing: ${r.name}`);
    status.active = (status.active ?? []).filter((x) => x !== r);
    update = true;
  }

  let sched: CronSchedule | undefined;
  if (!isDeleting(cj) && spec.suspend !== true) {
    try {
      sched = parseStandard(spec.schedule ?? '');
      // formatSchedule's `TZ=<timeZone> `: the fields name wall-clock times of that zone.
      const zone = spec.timeZone;
      if (zone && zone !== 'UTC' && zone !== 'Etc/UTC' && !/^@every /.test(spec.schedule ?? '')) {
        sched = inTimeZone(sched, zone);
      }
    } catch (e) {
      record(
        ctx,
        cj,
        'Warning',
        'UnparseableSchedule',
        `unparseable schedule: ${JSON.stringify(spec.schedule ?? '')} : ${(e as Error).message}`,
      );
    }
  }
  if (sched) {
    const now = epochMs(ctx.now);
    let earliest = epochMs(
      parseTimestamp(status.lastScheduleTime ?? cj.metadata?.creationTimestamp ?? ''),
    );
    if (spec.startingDeadlineSeconds != null) {
      const deadline = now - spec.startingDeadlineSeconds * 1000;
      if (deadline > earliest) earliest = deadline;
    }
    const scheduled = mostRecent(sched, earliest, now);
    if (scheduled !== undefined) {
      const jobName = `${nameOf(cj)}-${Math.floor(scheduled / 60_000)}`;
      const scheduledAt = rfc3339(ctx.now - (now - scheduled));
      const tooLate =
        spec.startingDeadlineSeconds != null &&
        scheduled + spec.startingDeadlineSeconds * 1000 < now;
      const already =
        (status.active ?? []).some((r) => r.name === jobName) ||
        status.lastScheduleTime === scheduledAt;
      const active = status.active ?? [];
      if (tooLate) {
        record(
          ctx,
          cj,
          'Warning',
          'MissSchedule',
          `Missed scheduled time to start a job: ${new Date(scheduled).toUTCString().replace('GMT', '+0000')}`,
        );
      } else if (!already) {
        if (spec.concurrencyPolicy === 'Forbid' && active.length > 0) {
          record(
            ctx,
            cj,
            'Normal',
            'JobAlreadyActive',
            'Not starting job because prior execution is running and concurrency policy is Forbid',
          );
        } else {
          if (spec.concurrencyPolicy === 'Replace') {
            for (const r of active) {
              writes.push(deleteJob(ns, r.name));
              record(ctx, cj, 'Normal', 'SuccessfulDelete', `Deleted job ${r.name}`);
            }
            status.active = [];
          }
          const existing = cache.get('jobs', ns, jobName);
          if (!existing) {
            const job = jobFromTemplate(cj, spec, jobName, scheduledAt);
            writes.push({ verb: 'create', resource: 'jobs', namespace: ns, obj: job });
            record(ctx, cj, 'Normal', 'SuccessfulCreate', `Created job ${jobName}`);
            // The reference carries the uid the API server gives; the next sync fills it in
            // from the cache (see `refFor`).
            status.active = [
              ...(status.active ?? []),
              { kind: 'Job', namespace: ns, name: jobName, apiVersion: 'batch/v1' },
            ];
            status.lastScheduleTime = scheduledAt;
            update = true;
          }
        }
      }
    }
    // nextScheduledTimeDuration: wake just after the next scheduled time.
    const from = status.lastScheduleTime
      ? epochMs(parseTimestamp(status.lastScheduleTime))
      : epochMs(parseTimestamp(cj.metadata?.creationTimestamp ?? ''));
    const base = mostRecent(sched, from, now) ?? from;
    const next = sched.next(base);
    if (next !== undefined) ctx.requeueAfter(key, Math.max(0, next + NEXT_SCHEDULE_DELTA_MS - now));
  }
  // Fill in the uid and resourceVersion of active references once the Job is in the cache.
  status.active = (status.active ?? []).map((r) => {
    if (r.uid) return r;
    const j = cache.get('jobs', ns, r.name);
    if (!j) return r;
    update = true;
    return refFor(j);
  });

  if (!isDeleting(cj)) {
    const successful = jobs.filter((j) => finishedType(j) === 'Complete');
    const failed = jobs.filter((j) => finishedType(j) === 'Failed');
    for (const [list, limit] of [
      [successful, spec.successfulJobsHistoryLimit],
      [failed, spec.failedJobsHistoryLimit],
    ] as const) {
      if (limit == null || list.length <= limit) continue;
      const oldest = [...list].sort(byStartTime).slice(0, list.length - limit);
      for (const j of oldest) {
        writes.push(deleteJob(ns, nameOf(j)));
        record(ctx, cj, 'Normal', 'SuccessfulDelete', `Deleted job ${nameOf(j)}`);
        status.active = (status.active ?? []).filter((r) => r.uid !== uidOf(j));
        update = true;
      }
    }
  }
  if (update) {
    const out: CronJobStatus = {
      ...(status.active && status.active.length > 0 ? { active: status.active } : {}),
      ...(status.lastScheduleTime ? { lastScheduleTime: status.lastScheduleTime } : {}),
      ...(status.lastSuccessfulTime ? { lastSuccessfulTime: status.lastSuccessfulTime } : {}),
    };
    writes.push({
      verb: 'updateStatus',
      resource: 'cronjobs',
      namespace: ns,
      obj: withStatus(cj, out),
    });
  }
  return writes;
}

/** `byJobStartTimeStar`: by start time (unstarted last), then name. */
function byStartTime(a: KubeObject, b: KubeObject): number {
  const sa = statusOf<{ startTime?: string }>(a).startTime;
  const sb = statusOf<{ startTime?: string }>(b).startTime;
  if (sa && sb && sa !== sb) return sa < sb ? -1 : 1;
  if (sa && !sb) return -1;
  if (!sa && sb) return 1;
  return nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0;
}

function refFor(job: KubeObject): ObjectReference {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    name: nameOf(job),
    namespace: namespaceOf(job),
    resourceVersion: job.metadata?.resourceVersion ?? '',
    uid: uidOf(job),
  };
}

/** `DeleteJob`: background propagation, so the Job's pods follow it. */
function deleteJob(ns: string, name: string): Write {
  return { verb: 'delete', resource: 'jobs', namespace: ns, name, propagationPolicy: 'Background' };
}

/** `getJobFromTemplate2`: the template's labels, annotations (plus the scheduled time) and spec. */
function jobFromTemplate(
  cj: KubeObject,
  spec: CronJobSpec,
  name: string,
  scheduledAt: string,
): KubeObject {
  const t = clone(spec.jobTemplate ?? {});
  const labels = t.metadata?.labels ?? {};
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: namespaceOf(cj),
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
      annotations: {
        ...(t.metadata?.annotations ?? {}),
        [SCHEDULED_TIMESTAMP_ANNOTATION]: scheduledAt,
      },
      ownerReferences: [controllerRef('cronjobs', cj)],
    },
    spec: t.spec ?? {},
  };
}

function record(
  ctx: ReconcileContext,
  cj: KubeObject,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
): void {
  ctx.recordEvent({
    ref: eventRef('cronjobs', cj),
    type,
    reason,
    message,
    component: COMPONENT_CRONJOB,
  });
}
