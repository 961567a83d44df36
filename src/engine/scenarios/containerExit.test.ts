/**
 * Containers whose process ends: a shell image with nothing to do (busybox) crash-loops under
 * restartPolicy Always; a command that finishes completes the pod under Never; a failing one
 * fails it. STATUS and RESTARTS are read with kubectl's own printer.
 */

import type { ContainerStatus, PodStatus } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { podStatus } from '../../kubectl/printers/columns.ts';
import { stagePods } from '../../story/stage.ts';
import type { KubeObject } from '../api/types.ts';
import { createCluster } from '../cluster.ts';
import { CRASH_BACKOFF_MAX_MS } from '../node/kubelet.ts';
import { eventCounts } from './helpers.ts';

/** What `kubectl run NAME --image=IMAGE [--restart=R] [-- ARGS…]` sends. */
function runPod(name: string, image: string, restart?: string, args?: string[]): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { run: name } },
    spec: {
      containers: [{ name, image, ...(args ? { args } : {}) }],
      ...(restart ? { restartPolicy: restart } : {}),
    },
  };
}

type Row = { at: number; status: string; restarts: number };

/** The pod's STATUS and RESTARTS each time they change, for `ms` of virtual time. */
function timeline(name: string, pod: KubeObject, ms: number, seed = 1) {
  const c = createCluster({ seed });
  c.settle();
  c.client('kubectl').create('pods', 'default', pod);
  const t0 = c.now();
  const rows: Row[] = [];
  c.runUntil((cl) => {
    const p = cl.peek('pods', 'default', name);
    if (p?.status) {
      const s = podStatus(p, cl.nowEpochMs());
      const restarts = Number.parseInt(s.restarts, 10);
      const last = rows[rows.length - 1];
      if (!last || last.status !== s.status || last.restarts !== restarts) {
        rows.push({ at: cl.now() - t0, status: s.status, restarts });
      }
    }
    return false;
  }, ms);
  return { c, rows, pod: c.peek('pods', 'default', name)! };
}

const containerStatus = (p: KubeObject): ContainerStatus =>
  (p.status as PodStatus).containerStatuses![0]!;

describe('a container whose process ends', () => {
  it('busybox with no command: Completed, restarted at once, then CrashLoopBackOff with a back-off that doubles', () => {
    const { c, rows, pod } = timeline('bb', runPod('bb', 'busybox'), 200_000);
    const seq = rows.map((r) => `${r.status}/${r.restarts}`);
    // Pending until bound, the first run, the immediate restart, then a back-off before each
    // further restart. The process ends within the kubelet's relist period, so no status ever
    // shows it Running: from Completed it goes straight to Completed with one more restart.
    expect(seq.slice(0, 9)).toEqual([
      'Pending/0',
      'ContainerCreating/0',
      'Completed/0',
      'Completed/1',
      'CrashLoopBackOff/1',
      'Completed/2',
      'CrashLoopBackOff/2',
      'Completed/3',
      'CrashLoopBackOff/3',
    ]);
    // From one exit to the next: ~1 s at first, then 10 s, 20 s, 40 s (the kubelet's back-off,
    // counted from the exit), plus the image check and pull before the start.
    const exits = rows.filter((r) => r.status === 'Completed').map((r) => r.at);
    const waits = exits.slice(1).map((e, i) => (e - exits[i]!) / 1000);
    expect(waits[0]).toBeLessThan(3);
    expect(waits[1]).toBeGreaterThanOrEqual(10);
    expect(waits[1]).toBeLessThan(13);
    expect(waits[2]).toBeGreaterThanOrEqual(20);
    expect(waits[2]).toBeLessThan(23);
    expect(waits[3]).toBeGreaterThanOrEqual(40);
    expect(waits[3]).toBeLessThan(43);

    // While backing off: Waiting CrashLoopBackOff, the ended run as last state, phase Running.
    c.runUntil(
      (cl) =>
        podStatus(cl.peek('pods', 'default', 'bb')!, cl.nowEpochMs()).status === 'CrashLoopBackOff',
      60_000,
    );
    const now = c.peek('pods', 'default', 'bb')!;
    const cs = containerStatus(now);
    const uid = now.metadata!.uid!;
    expect(cs.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(cs.state?.waiting?.message).toMatch(
      new RegExp(
        `^back-off (1m20s|2m40s|5m0s) restarting failed container=bb pod=bb_default\\(${uid}\\)$`,
      ),
    );
    expect(cs.lastState?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(cs.ready).toBe(false);
    expect((now.status as { phase: string }).phase).toBe('Running');
    // On the stage, Completed between two restarts is not drawn as a success.
    c.runUntil(
      (cl) => podStatus(cl.peek('pods', 'default', 'bb')!, cl.nowEpochMs()).status === 'Completed',
      400_000,
    );
    expect(stagePods(c.snapshot()).find((p) => p.name === 'bb')).toMatchObject({
      status: 'Completed',
      restarting: true,
    });
    const counts = eventCounts(c);
    const backOff =
      counts[`BackOff pod/bb: Back-off restarting failed container bb in pod bb_default(${uid})`];
    expect(backOff).toBeGreaterThan(2);
    expect(pod).toBeDefined();
  });

  it('the back-off stops growing at 5 minutes', () => {
    const { c } = timeline('bb', runPod('bb', 'busybox'), 20 * 60_000);
    const cs = containerStatus(c.peek('pods', 'default', 'bb')!);
    const waiting = cs.state?.waiting?.message ?? '';
    expect(CRASH_BACKOFF_MAX_MS).toBe(300_000);
    // 10, 20, 40, 80, 160, 300, 300… seconds: about nine restarts in twenty minutes.
    expect(cs.restartCount).toBeGreaterThanOrEqual(8);
    expect(cs.restartCount).toBeLessThanOrEqual(10);
    if (waiting) expect(waiting).toMatch(/^back-off 5m0s restarting failed container=bb /);
  });

  it('restartPolicy Never and a command that ends: Completed 0/1, phase Succeeded, not ready because it completed', () => {
    const { c, rows, pod } = timeline(
      'once',
      runPod('once', 'busybox', 'Never', ['sleep', '5']),
      60_000,
    );
    expect(rows.map((r) => r.status)).toEqual([
      'Pending',
      'ContainerCreating',
      'Running',
      'Completed',
    ]);
    const ran = rows[3]!.at - rows[2]!.at;
    expect(ran).toBeGreaterThanOrEqual(5000);
    expect(ran).toBeLessThan(6500);
    const status = pod.status as PodStatus;
    expect(status.phase).toBe('Succeeded');
    expect(podStatus(pod, 0).ready).toBe('0/1');
    const ready = status.conditions?.find((x) => x.type === 'Ready');
    expect([ready?.status, ready?.reason, ready?.message]).toEqual([
      'False',
      'PodCompleted',
      undefined,
    ]);
    const t = containerStatus(pod).state?.terminated;
    expect(t).toMatchObject({ exitCode: 0, reason: 'Completed' });
    // A finished pod's Completed is a success: no restart is coming.
    expect(stagePods(c.snapshot()).find((p) => p.name === 'once')?.restarting).toBeUndefined();
    expect(Date.parse(t?.finishedAt ?? '') - Date.parse(t?.startedAt ?? '')).toBe(5000);
  });

  it('restartPolicy Never and a command that fails: Error, phase Failed, exit code 1', () => {
    const { rows, pod } = timeline('f', runPod('f', 'busybox', 'Never', ['false']), 60_000);
    expect(rows.map((r) => r.status)).toEqual(['Pending', 'ContainerCreating', 'Error']);
    expect((pod.status as { phase: string }).phase).toBe('Failed');
    expect(containerStatus(pod).state?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
  });

  it('restartPolicy OnFailure: a failing command is restarted, a succeeding one completes the pod', () => {
    const failing = timeline(
      'f',
      runPod('f', 'busybox', 'OnFailure', ['sh', '-c', 'exit 3']),
      60_000,
    );
    expect(failing.rows.map((r) => r.status)).toContain('CrashLoopBackOff');
    expect((failing.pod.status as { phase: string }).phase).toBe('Running');
    expect(containerStatus(failing.pod).lastState?.terminated?.exitCode).toBe(3);
    const ok = timeline('ok', runPod('ok', 'busybox', 'OnFailure', ['true']), 60_000);
    expect(ok.rows.map((r) => r.status)).toEqual(['Pending', 'ContainerCreating', 'Completed']);
    expect((ok.pod.status as { phase: string }).phase).toBe('Succeeded');
  });

  it('a server image runs on, and so does a command the simulation does not know', () => {
    const nginx = timeline('web', runPod('web', 'nginx'), 120_000);
    expect(nginx.rows.map((r) => r.status)).toEqual(['Pending', 'ContainerCreating', 'Running']);
    const odd = timeline('odd', runPod('odd', 'busybox', undefined, ['httpd', '-f']), 120_000);
    expect(odd.rows.map((r) => r.status)).toEqual(['Pending', 'ContainerCreating', 'Running']);
  });
});
