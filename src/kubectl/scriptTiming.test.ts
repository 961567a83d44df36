/**
 * A script that sleeps between prints: each line is in the log from the moment it is printed,
 * with that moment as its timestamp (the audit's `echo a; sleep 120; echo b`).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('script output over time', () => {
  it('echo a; sleep 120; echo b: b appears 120 s after a, when it is printed', () => {
    const { run, host } = engineSession(3);
    run(`kubectl run s --image=busybox:1.36 --restart=Never -- sh -c 'echo a; sleep 120; echo b'`);
    const first = run('kubectl logs s --timestamps').out;
    expect(first).toMatch(/^\S+Z a\n$/);
    host.runUntil(() => false, 120000);
    const both = run('kubectl logs s --timestamps').out.split('\n');
    const [a, b] = both.map((l) => Date.parse(l.split(' ')[0] ?? ''));
    expect(both.map((l) => l.split(' ')[1])).toEqual(['a', 'b', undefined]);
    // containerd stamps each write to the nanosecond: 120 s apart, give or take the write.
    expect(Math.abs((b ?? 0) - (a ?? 0) - 120_000)).toBeLessThanOrEqual(1);
    expect(run('kubectl get pod s').out).toMatch(/s {6}0\/1 {5}Completed {3}0 /);
  });

  it('a for loop with a sleep prints one line per round', () => {
    const { run, host } = engineSession(3);
    run(
      `kubectl run f --image=busybox:1.36 --restart=Never -- sh -c 'for i in 1 2 3; do echo n$i; sleep 30; done'`,
    );
    expect(run('kubectl logs f').out).toBe('n1\n');
    host.runUntil(() => false, 100_000);
    const lines = run('kubectl logs f --timestamps').out.trimEnd().split('\n');
    expect(lines.map((l) => l.split(' ')[1])).toEqual(['n1', 'n2', 'n3']);
    const times = lines.map((l) => Date.parse(l.split(' ')[0] ?? ''));
    for (const gap of [(times[1] ?? 0) - (times[0] ?? 0), (times[2] ?? 0) - (times[1] ?? 0)]) {
      expect(Math.abs(gap - 30_000)).toBeLessThanOrEqual(1);
    }
    expect(run('kubectl logs f --tail=1').out).toBe('n3\n');
  });
});
