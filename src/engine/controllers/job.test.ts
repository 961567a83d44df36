/**
 * The job-controller on a whole simulated cluster: pods to completion, the failure back-off up
 * to BackoffLimitExceeded, parallelism and completions, the tracking finalizer, the cascade when
 * a Job goes, and the API server's defaulting and validation of Jobs.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { createCluster } from '../cluster.ts';
import { parseTimestamp } from '../util/clock.ts';
import { JOB_TRACKING_FINALIZER } from './job.ts';

/** What `kubectl create job NAME --image=IMAGE -- COMMAND…` sends. */
function jobManifest(
  name: string,
  command: string[],
  spec: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      ...spec,
      template: {
        spec: {
          containers: [{ name, image: 'busybox', command }],
          restartPolicy: 'Never',
        },
      },
    },
  };
}

function started(name: string, command: string[], spec?: Record<string, unknown>, seed = 1) {
  const c = createCluster({ seed });
  c.settle();
  const t0 = c.now();
  const r = c.client('kubectl').create('jobs', 'default', jobManifest(name, command, spec));
  if (!r.ok) throw new Error(r.status.message);
  return { c, t0 };
}

type Status = {
  active?: number;
  ready?: number;
  succeeded?: number;
  failed?: number;
  terminating?: number;
  startTime?: string;
  completionTime?: string;
  conditions?: { type: string; status: string; reason?: string; message?: string }[];
  uncountedTerminatedPods?: Record<string, unknown>;
};

const statusOf = (job: KubeObject | undefined) => (job?.status ?? {}) as Status;

function podsOf(c: ReturnType<typeof createCluster>, job: string): KubeObject[] {
  const r = c.client('kubectl').list('pods', 'default', { labelSelector: `job-name=${job}` });
  return r.ok ? [...r.value.items] : [];
}

function jobEvents(c: ReturnType<typeof createCluster>, job: string): string[] {
  const r = c.client('kubectl').list('events', 'default');
  if (!r.ok) return [];
  return r.value.items
    .filter(
      (e) =>
        (e as { involvedObject?: { name?: string; kind?: string } }).involvedObject?.name === job,
    )
    .map((e) => {
      const ev = e as {
        type?: string;
        reason?: string;
        message?: string;
        source?: { component?: string };
      };
      return `${ev.type} ${ev.reason} ${ev.source?.component}: ${ev.message}`;
    });
}

describe('the API server and Jobs', () => {
  it('defaults a Job as SetDefaults_Job does and generates its selector and labels', () => {
    const { c } = started('hello', ['echo', 'hi']);
    const job = c.peek('jobs', 'default', 'hello')!;
    const uid = job.metadata?.uid ?? '';
    expect(uid).not.toBe('');
    const spec = job.spec as Record<string, unknown>;
    expect({
      backoffLimit: spec.backoffLimit,
      completionMode: spec.completionMode,
      completions: spec.completions,
      manualSelector: spec.manualSelector,
      parallelism: spec.parallelism,
      podReplacementPolicy: spec.podReplacementPolicy,
      suspend: spec.suspend,
      selector: spec.selector,
    }).toEqual({
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      completions: 1,
      manualSelector: false,
      parallelism: 1,
      podReplacementPolicy: 'TerminatingOrFailed',
      suspend: false,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
    });
    const labels = {
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': 'hello',
      'controller-uid': uid,
      'job-name': 'hello',
    };
    expect((spec.template as { metadata?: { labels?: unknown } }).metadata?.labels).toEqual(labels);
    expect(job.metadata?.labels).toEqual(labels);
    expect(job.metadata?.generation).toBe(1);
  });

  it('keeps a Job’s own labels and a parallelism without completions (a work queue)', () => {
    const c = createCluster({ seed: 1 });
    c.settle();
    const m = jobManifest('q', ['true'], { parallelism: 3 });
    m.metadata = { name: 'q', labels: { team: 'a' } };
    const r = c.client('kubectl').create('jobs', 'default', m);
    expect(r.ok).toBe(true);
    const job = c.peek('jobs', 'default', 'q')!;
    expect(job.metadata?.labels).toEqual({ team: 'a' });
    expect((job.spec as { completions?: number }).completions).toBeUndefined();
    expect((job.spec as { parallelism?: number }).parallelism).toBe(3);
  });

  it('refuses restartPolicy Always (or unset) with ValidateJob’s message', () => {
    const c = createCluster({ seed: 1 });
    c.settle();
    for (const policy of [undefined, 'Always']) {
      const m = jobManifest('bad', ['true']);
      const tspec = (m.spec as { template: { spec: Record<string, unknown> } }).template.spec;
      if (policy) tspec.restartPolicy = policy;
      else delete tspec.restartPolicy;
      const r = c.client('kubectl').create('jobs', 'default', m);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.status.message).toBe(
          'Job.batch "bad" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
        );
      }
    }
    const neg = jobManifest('neg', ['true'], { backoffLimit: -1 });
    const r = c.client('kubectl').create('jobs', 'default', neg);
    expect(!r.ok && r.status.message).toBe(
      'Job.batch "neg" is invalid: spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0',
    );
    expect(c.peek('jobs', 'default', 'bad')).toBeUndefined();
  });
});

describe('the job-controller', () => {
  it('runs one pod to completion: SuccessCriteriaMet, then Complete, and the finalizer goes', () => {
    const { c, t0 } = started('hello', ['echo', 'hi']);
    c.settle();
    const job = c.peek('jobs', 'default', 'hello')!;
    const s = statusOf(job);
    const pods = podsOf(c, 'hello');
    expect(pods.map((p) => p.metadata?.name)).toEqual(['hello-6k6p5']);
    const pod = pods[0]!;
    expect(pod.metadata?.generateName).toBe('hello-');
    expect(pod.metadata?.finalizers).toBeUndefined();
    expect(pod.metadata?.ownerReferences).toEqual([
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        name: 'hello',
        uid: job.metadata?.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect((pod.status as { phase?: string }).phase).toBe('Succeeded');
    expect(s.succeeded).toBe(1);
    expect(s.active).toBeUndefined();
    expect(s.failed).toBeUndefined();
    expect(s.ready).toBe(0);
    expect(s.terminating).toBe(0);
    expect(s.uncountedTerminatedPods).toEqual({});
    expect(s.conditions?.map((x) => [x.type, x.status, x.reason, x.message])).toEqual([
      [
        'SuccessCriteriaMet',
        'True',
        'CompletionsReached',
        'Reached expected number of succeeded pods',
      ],
      ['Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
    ]);
    // Started when the controller first saw it; complete a second after the pod finished.
    expect(parseTimestamp(s.startTime!)).toBe(parseTimestamp(job.metadata!.creationTimestamp!));
    const finished = (
      pod.status as { containerStatuses: { state: { terminated: { finishedAt: string } } }[] }
    ).containerStatuses[0]!.state.terminated.finishedAt;
    expect(parseTimestamp(s.completionTime!) - parseTimestamp(finished)).toBe(1000);
    expect(c.now() - t0).toBeGreaterThan(0);
    expect(jobEvents(c, 'hello')).toEqual([
      'Normal SuccessfulCreate job-controller: Created pod: hello-6k6p5',
      'Normal Completed job-controller: Job completed',
    ]);
  });

  it('keeps the tracking finalizer on a running pod until it is counted', () => {
    const { c } = started('sleeper', ['sleep', '3600']);
    c.advance(20_000);
    const [pod] = podsOf(c, 'sleeper');
    expect(pod?.metadata?.finalizers).toEqual([JOB_TRACKING_FINALIZER]);
    const s = statusOf(c.peek('jobs', 'default', 'sleeper'));
    expect([s.active, s.ready, s.succeeded ?? 0]).toEqual([1, 1, 0]);
  });

  it('backs off 10s, 20s, 40s… after each failure and fails with BackoffLimitExceeded after 7', () => {
    const { c } = started('fail', ['false']);
    c.advance(20 * 60_000);
    const pods = podsOf(c, 'fail').sort(
      (a, b) =>
        parseTimestamp(a.metadata!.creationTimestamp!) -
        parseTimestamp(b.metadata!.creationTimestamp!),
    );
    expect(pods).toHaveLength(7);
    const finishedAt = (p: KubeObject) =>
      parseTimestamp(
        (p.status as { containerStatuses: { state: { terminated: { finishedAt: string } } }[] })
          .containerStatuses[0]!.state.terminated.finishedAt,
      );
    // Each replacement waits 10s × 2^(failures-1) after the previous pod finished (timestamps
    // have second precision, so allow the sub-second rest).
    const gaps = pods.slice(1).map((p, i) => {
      const created = parseTimestamp(p.metadata!.creationTimestamp!);
      return Math.round((created - finishedAt(pods[i]!)) / 1000);
    });
    for (const [i, g] of gaps.entries()) {
      expect(g).toBeGreaterThanOrEqual(10 * 2 ** i);
      expect(g).toBeLessThanOrEqual(10 * 2 ** i + 1);
    }
    const s = statusOf(c.peek('jobs', 'default', 'fail'));
    expect(s.failed).toBe(7);
    expect(s.succeeded).toBeUndefined();
    expect(s.completionTime).toBeUndefined();
    expect(s.conditions?.map((x) => [x.type, x.reason, x.message])).toEqual([
      ['FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
      ['Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
    ]);
    const events = jobEvents(c, 'fail');
    expect(events).toHaveLength(8);
    expect(events[7]).toBe(
      'Warning BackoffLimitExceeded job-controller: Job has reached the specified backoff limit',
    );
    // Every pod was counted: none keeps the finalizer.
    expect(pods.every((p) => !p.metadata?.finalizers)).toBe(true);
  });

  it('never runs more than parallelism pods and stops at completions', () => {
    const { c } = started('multi', ['sh', '-c', 'echo working'], {
      completions: 3,
      parallelism: 2,
    });
    let maxActive = 0;
    c.runUntil((cl) => {
      const pods = podsOf(cl, 'multi').filter(
        (p) => !['Succeeded', 'Failed'].includes((p.status as { phase?: string }).phase ?? ''),
      );
      maxActive = Math.max(maxActive, pods.length);
      return false;
    }, 60_000);
    expect(maxActive).toBe(2);
    expect(podsOf(c, 'multi')).toHaveLength(3);
    const s = statusOf(c.peek('jobs', 'default', 'multi'));
    expect(s.succeeded).toBe(3);
    expect(s.conditions?.map((x) => x.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
  });

  it('replaces a deleted running pod 10s later (a failure), without waiting for it to go', () => {
    const { c } = started('sleeper', ['sleep', '3600']);
    c.advance(20_000);
    const [first] = podsOf(c, 'sleeper');
    c.client('kubectl').delete('pods', 'default', first!.metadata!.name!);
    const deletedAt = c.now();
    c.runUntil((cl) => podsOf(cl, 'sleeper').length > 1, 60_000);
    // Created once the 10s back-off from the delete has passed, the old pod still terminating.
    expect(Math.round((c.now() - deletedAt) / 1000)).toBe(10);
    expect(podsOf(c, 'sleeper').some((p) => p.metadata?.deletionTimestamp)).toBe(true);
    c.advance(60_000);
    const names = podsOf(c, 'sleeper').map((p) => p.metadata?.name);
    expect(names).toHaveLength(1);
    expect(names[0]).not.toBe(first!.metadata!.name);
    const s = statusOf(c.peek('jobs', 'default', 'sleeper'));
    expect([s.active, s.failed]).toEqual([1, 1]);
  });

  it('takes a deleted Job’s pods with it (background propagation), finalizers and all', () => {
    const { c } = started('sleeper', ['sleep', '3600']);
    c.advance(20_000);
    expect(podsOf(c, 'sleeper')).toHaveLength(1);
    const r = c.client('kubectl').delete('jobs', 'default', 'sleeper', {
      propagationPolicy: 'Background',
    });
    expect(r.ok).toBe(true);
    c.advance(60_000);
    expect(c.peek('jobs', 'default', 'sleeper')).toBeUndefined();
    expect(podsOf(c, 'sleeper')).toEqual([]);
  });

  it('deletes a finished Job and its pod ttlSecondsAfterFinished after it finished', () => {
    const { c } = started('short', ['true'], { ttlSecondsAfterFinished: 30 });
    c.runUntil((cl) => (statusOf(cl.peek('jobs', 'default', 'short')).succeeded ?? 0) > 0, 60_000);
    const done = statusOf(c.peek('jobs', 'default', 'short')).completionTime!;
    c.runUntil((cl) => cl.timestamp() >= done, 10_000);
    c.advance(25_000);
    expect(c.peek('jobs', 'default', 'short')).toBeDefined();
    expect(podsOf(c, 'short')).toHaveLength(1);
    c.advance(10_000);
    expect(c.peek('jobs', 'default', 'short')).toBeUndefined();
    expect(podsOf(c, 'short')).toEqual([]);
  });

  it('is deterministic: the same seed gives the same messages', () => {
    const run = () => {
      const { c } = started('fail', ['false'], { backoffLimit: 1 });
      c.advance(5 * 60_000);
      return c.messages.map((m) => `${m.at} ${m.from}>${m.to} ${m.kind} ${m.label ?? ''}`);
    };
    const a = run();
    expect(a.length).toBeGreaterThan(100);
    expect(run()).toEqual(a);
  });
});
