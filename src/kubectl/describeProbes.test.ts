/** Probes as `kubectl describe pod` shows them, on the real simulated cluster. */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl describe pod with probes', () => {
  it('prints Liveness and Readiness after Restart Count, and the failing readiness in events', () => {
    const { run } = engineSession(1);
    const overrides = JSON.stringify({
      spec: {
        containers: [
          {
            name: 'probed',
            image: 'nginx',
            readinessProbe: { httpGet: { path: '/healthz', port: 80 } },
            livenessProbe: { tcpSocket: { port: 80 }, initialDelaySeconds: 5 },
          },
        ],
      },
    });
    expect(run(`kubectl run probed --image=nginx --overrides='${overrides}'`).out).toBe(
      'pod/probed created\n',
    );
    const out = run('kubectl describe pod probed').out;
    expect(out).toContain(
      [
        '    Ready:          False',
        '    Restart Count:  0',
        '    Liveness:       tcp-socket :80 delay=5s timeout=1s period=10s #success=1 #failure=3',
        '    Readiness:      http-get http://:80/healthz delay=0s timeout=1s period=10s #success=1 #failure=3',
        '    Environment:    <none>',
      ].join('\n'),
    );
    expect(out).toMatch(
      /Warning {2}Unhealthy {2}.+ {2}kubelet {12}Readiness probe failed: HTTP probe failed with statuscode: 404\n/,
    );
    expect(run('kubectl get pod probed').out).toMatch(
      /^NAME +READY +STATUS +RESTARTS +AGE\nprobed +0\/1 +Running +0 +/,
    );
  });
});
