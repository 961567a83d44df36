import { describe, expect, it } from 'vitest';
import { runLine } from '../../kubectl/shell.ts';
import { engineSession } from '../../kubectl/testing/engineSession.ts';

/** A busybox `sleep` (ignores SIGTERM as PID 1) with a 300 s grace period, already terminating. */
function terminatingSleeper() {
  const s = engineSession(3);
  s.run(
    `kubectl run s --image=busybox --overrides='{"spec":{"terminationGracePeriodSeconds":300}}' -- sleep 3600`,
  );
  expect(s.run('kubectl delete pod s --wait=false').out).toBe('pod "s" deleted\n');
  return s;
}

/** Virtual ms from now until pod `s` is gone from the API. */
function msUntilGone(s: ReturnType<typeof engineSession>): number {
  const t0 = s.cluster.now();
  expect(s.cluster.runUntil((c) => !c.peek('pods', 'default', 's'), 600_000)).toBe(true);
  return s.cluster.now() - t0;
}

describe('a second delete with a shorter grace period (pod_workers.go: the grace period only decreases)', () => {
  it('--grace-period=5 kills the container 5 s later, not when the first 300 s run out', () => {
    const s = terminatingSleeper();
    s.cluster.advance(10_000);
    const r = runLine(s.host, 'kubectl delete pod s --grace-period=5 --wait=false');
    expect(r.stdout).toBe('pod "s" deleted\n');
    expect(s.cluster.peek('pods', 'default', 's')?.metadata?.deletionGracePeriodSeconds).toBe(5);
    const ms = msUntilGone(s);
    expect(ms).toBeGreaterThanOrEqual(5000);
    expect(ms).toBeLessThan(6000);
  });

  it('the kubelet stops the container again: Killing is recorded a second time', () => {
    const s = terminatingSleeper();
    s.run('kubectl delete pod s --grace-period=5');
    expect(
      s.run(
        `kubectl get events --field-selector reason=Killing -o jsonpath='{range .items[*]}{.involvedObject.name} {.count} {.message}{"\\n"}{end}'`,
      ).out,
    ).toBe('s 2 Stopping container s\n');
  });

  it('a blocking delete returns once the pod is gone', () => {
    const s = terminatingSleeper();
    const t0 = s.cluster.now();
    expect(s.run('kubectl delete pod s --now')).toEqual({
      out: 'pod "s" deleted\n',
      err: '',
      code: 0,
    });
    // The kill (1 s), then the console's 15 s of quiet: far from the 300 s of the first delete.
    expect(s.cluster.now() - t0).toBeLessThan(30_000);
    expect(s.run('kubectl get pod s').err).toBe(
      'Error from server (NotFound): pods "s" not found\n',
    );
  });

  it('a longer grace period changes nothing: the first kill runs its 300 s', () => {
    const s = terminatingSleeper();
    runLine(s.host, 'kubectl delete pod s --grace-period=600 --wait=false');
    expect(s.cluster.peek('pods', 'default', 's')?.metadata?.deletionGracePeriodSeconds).toBe(300);
    expect(msUntilGone(s)).toBeGreaterThan(250_000);
  });
});
