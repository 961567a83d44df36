/**
 * The cronjob-controller in virtual time: Jobs named after the scheduled minute, the active list
 * and last schedule time, the history limits, Forbid, suspend, and the cascade on delete.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { createCluster } from '../cluster.ts';
import { epochMs } from '../util/clock.ts';
import { SCHEDULED_TIMESTAMP_ANNOTATION } from './cronjob.ts';

function cronJob(name: string, command: string[], spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: {
      schedule: '*/1 * * * *',
      ...spec,
      jobTemplate: {
        metadata: { name },
        spec: {
          template: {
            spec: {
              containers: [{ name, image: 'busybox', command }],
              restartPolicy: 'OnFailure',
            },
          },
        },
      },
    },
  };
}

function started(obj: KubeObject) {
  const c = createCluster({ seed: 1 });
  c.settle();
  const r = c.client('kubectl').create('cronjobs', 'default', obj);
  if (!r.ok) throw new Error(r.status.message);
  return c;
}

const jobNames = (c: ReturnType<typeof createCluster>) => {
  const r = c.client('kubectl').list('jobs', 'default');
  return r.ok ? r.value.items.map((j) => j.metadata?.name ?? '') : [];
};

const events = (c: ReturnType<typeof createCluster>, kind: string) => {
  const r = c.client('kubectl').list('events', 'default');
  if (!r.ok) return [];
  return r.value.items
    .filter((e) => (e as { involvedObject?: { kind?: string } }).involvedObject?.kind === kind)
    .map((e) => `${(e as { reason?: string }).reason}: ${(e as { message?: string }).message}`);
};

describe('the cronjob-controller', () => {
  it('makes one Job per scheduled minute, named <cronjob>-<minutes since the epoch>', () => {
    const c = started(cronJob('hello', ['echo', 'hi']));
    const minute = Math.floor(epochMs(c.now()) / 60_000);
    c.advance(150_000);
    expect(jobNames(c)).toEqual([`hello-${minute + 1}`, `hello-${minute + 2}`]);
    const job = c.peek('jobs', 'default', `hello-${minute + 1}`)!;
    expect(job.metadata?.annotations?.[SCHEDULED_TIMESTAMP_ANNOTATION]).toBe(
      new Date((minute + 1) * 60_000).toISOString().replace('.000Z', 'Z'),
    );
    expect(job.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'CronJob',
      name: 'hello',
      controller: true,
      blockOwnerDeletion: true,
    });
    // Created 100ms after the minute turned.
    expect(job.metadata?.creationTimestamp).toBe(
      new Date((minute + 1) * 60_000).toISOString().replace('.000Z', 'Z'),
    );
    const status = c.peek('cronjobs', 'default', 'hello')?.status as Record<string, unknown>;
    expect(status.lastScheduleTime).toBe(
      new Date((minute + 2) * 60_000).toISOString().replace('.000Z', 'Z'),
    );
    expect(status.active).toBeUndefined();
    expect(events(c, 'CronJob')).toEqual([
      `SuccessfulCreate: Created job hello-${minute + 1}`,
      `SawCompletedJob: Saw completed job: hello-${minute + 1}, status: Complete`,
      `SuccessfulCreate: Created job hello-${minute + 2}`,
      `SawCompletedJob: Saw completed job: hello-${minute + 2}, status: Complete`,
    ]);
  });

  it('keeps successfulJobsHistoryLimit finished Jobs, deleting the oldest', () => {
    const c = started(cronJob('hello', ['true'], { successfulJobsHistoryLimit: 2 }));
    const minute = Math.floor(epochMs(c.now()) / 60_000);
    c.advance(5 * 60_000 + 30_000);
    expect(jobNames(c)).toEqual([`hello-${minute + 4}`, `hello-${minute + 5}`]);
    expect(events(c, 'CronJob')).toContain(`SuccessfulDelete: Deleted job hello-${minute + 1}`);
  });

  it('with Forbid, starts nothing while a Job still runs', () => {
    const c = started(cronJob('slow', ['sleep', '150'], { concurrencyPolicy: 'Forbid' }));
    const minute = Math.floor(epochMs(c.now()) / 60_000);
    c.advance(2 * 60_000 + 30_000);
    expect(jobNames(c)).toEqual([`slow-${minute + 1}`]);
    expect(events(c, 'CronJob')).toContain(
      'JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid',
    );
    const status = (c.peek('cronjobs', 'default', 'slow')?.status ?? {}) as {
      active?: { name: string }[];
    };
    const active = status.active;
    expect(active?.map((r) => r.name)).toEqual([`slow-${minute + 1}`]);
  });

  it('does nothing while suspended', () => {
    const c = started(cronJob('idle', ['true'], { suspend: true }));
    c.advance(3 * 60_000);
    expect(jobNames(c)).toEqual([]);
  });

  it('takes its Jobs and their pods when deleted', () => {
    const c = started(cronJob('hello', ['sleep', '600']));
    c.advance(70_000);
    expect(jobNames(c)).toHaveLength(1);
    c.client('kubectl').delete('cronjobs', 'default', 'hello', { propagationPolicy: 'Background' });
    c.advance(60_000);
    expect(jobNames(c)).toEqual([]);
    const pods = c.client('kubectl').list('pods', 'default');
    expect(pods.ok && pods.value.items).toEqual([]);
  });

  it('refuses a schedule robfig/cron cannot read, and a name too long for its Jobs', () => {
    const c = createCluster({ seed: 1 });
    c.settle();
    const bad = c
      .client('kubectl')
      .create('cronjobs', 'default', cronJob('bad', ['true'], { schedule: '61 * * * *' }));
    expect(!bad.ok && bad.status.message).toBe(
      'CronJob.batch "bad" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61',
    );
    const name = 'x'.repeat(53);
    const long = c.client('kubectl').create('cronjobs', 'default', cronJob(name, ['true']));
    expect(!long.ok && long.status.message).toBe(
      `CronJob.batch "${name}" is invalid: metadata.name: Invalid value: "${name}": must be no more than 52 characters`,
    );
  });
});
