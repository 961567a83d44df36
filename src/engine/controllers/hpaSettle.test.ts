import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';

const HPA_EVENTS = `kubectl get events --field-selector involvedObject.kind=HorizontalPodAutoscaler -o jsonpath='{range .items[*]}{.reason} {.count} {.firstTimestamp} {.lastTimestamp}{"\\n"}{end}'`;

describe('an HPA without a metrics API and the console clock', () => {
  it('its repeated warnings every 15 s do not keep the console line running', () => {
    const s = engineSession(3);
    s.run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    s.run('kubectl autoscale deploy web --min=2 --max=4 --cpu-percent=50');
    const t0 = s.cluster.now();
    const r = s.run('kubectl get hpa');
    expect(r.out).toMatch(
      /^web {4}Deployment\/web {3}cpu: <unknown>\/50% {3}2 {9}4 {9}\d {10}\d+s\n$/m,
    );
    // The line and the console's 15 s of quiet, not minutes of warnings.
    expect(s.cluster.now() - t0).toBeLessThan(20_000);
    s.run('sleep 60');
    // The HPA still records its warnings every 15 s (counted, not dropped).
    const lines = s.run(HPA_EVENTS).out.trim().split('\n');
    expect(lines.map((l) => l.split(' ')[0])).toEqual([
      'FailedGetResourceMetric',
      'FailedComputeMetricsReplicas',
    ]);
    for (const l of lines) {
      const [, count, first, last] = l.split(' ');
      const spanMs = Date.parse(last!) - Date.parse(first!);
      expect(Number(count)).toBe(spanMs / 15_000 + 1);
      expect(Number(count)).toBeGreaterThanOrEqual(5);
      expect(Number(count)).toBeLessThanOrEqual(8);
    }
  });
});
