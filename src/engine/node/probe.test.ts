import { describe, expect, it } from 'vitest';
import { describeProbe, runProbe } from './probe.ts';

const nginx = { image: 'nginx:1.27' };
const app = { image: 'me/shop:v1', ports: [{ containerPort: 8080, name: 'http' }] };

describe('runProbe: what the prober finds', () => {
  it('http-get: nginx serves / and /index.html on 80; other paths are 404; other ports refuse', () => {
    expect(runProbe({ httpGet: { path: '/', port: 80 } }, nginx, '10.244.1.2')).toEqual({
      ok: true,
      message: '',
    });
    expect(runProbe({ httpGet: { path: '/healthz', port: 80 } }, nginx, '10.244.1.2')).toEqual({
      ok: false,
      message: 'HTTP probe failed with statuscode: 404',
    });
    expect(runProbe({ httpGet: { path: '/healthz', port: 8080 } }, nginx, '10.244.1.2')).toEqual({
      ok: false,
      message:
        'Get "http://10.244.1.2:8080/healthz": dial tcp 10.244.1.2:8080: connect: connection refused',
    });
  });

  it('an app answers on the ports it declares, by number or by name', () => {
    expect(runProbe({ httpGet: { path: '/healthz', port: 'http' } }, app, '10.0.0.9').ok).toBe(
      true,
    );
    expect(runProbe({ tcpSocket: { port: 8080 } }, app, '10.0.0.9').ok).toBe(true);
    expect(runProbe({ tcpSocket: { port: 9090 } }, app, '10.0.0.9')).toEqual({
      ok: false,
      message: 'dial tcp 10.0.0.9:9090: connect: connection refused',
    });
    // nginx with a command of its own is no longer the stock server.
    expect(
      runProbe({ tcpSocket: { port: 80 } }, { ...nginx, args: ['sleep', '3600'] }, 'x').ok,
    ).toBe(false);
  });

  it('exec: fails for false and a non-zero exit, succeeds otherwise', () => {
    expect(runProbe({ exec: { command: ['false'] } }, nginx, '').ok).toBe(false);
    expect(runProbe({ exec: { command: ['sh', '-c', 'exit 2'] } }, nginx, '').ok).toBe(false);
    // A command the simulation does not run is taken to succeed.
    expect(runProbe({ exec: { command: ['pg_isready'] } }, nginx, '').ok).toBe(true);
  });

  it("exec: the docs' liveness-exec finds /tmp/healthy until the script removes it at 30 s", () => {
    const busybox = { image: 'registry.k8s.io/busybox' };
    const files = [
      { atMs: 0, path: '/tmp/healthy', content: '' },
      { atMs: 30_000, path: '/tmp/healthy', content: null },
    ];
    const cat = { exec: { command: ['cat', '/tmp/healthy'] } };
    expect(runProbe(cat, busybox, '', { elapsedMs: 29_000, files })).toEqual({
      ok: true,
      message: '',
    });
    expect(runProbe(cat, busybox, '', { elapsedMs: 35_000, files })).toEqual({
      ok: false,
      message: "cat: can't open '/tmp/healthy': No such file or directory\n",
    });
    const test = { exec: { command: ['test', '-e', '/tmp/healthy'] } };
    expect(runProbe(test, busybox, '', { elapsedMs: 10_000, files }).ok).toBe(true);
    expect(runProbe(test, busybox, '', { elapsedMs: 40_000, files })).toEqual({
      ok: false,
      message: '',
    });
    // In a Debian-based image coreutils' cat words it differently.
    expect(runProbe(cat, nginx, '', { elapsedMs: 0 }).message).toBe(
      'cat: /tmp/healthy: No such file or directory\n',
    );
  });

  it('agnhost liveness: /healthz on 8080 is 200 for 10 s, then 500', () => {
    const agnhost = { image: 'registry.k8s.io/e2e-test-images/agnhost:2.40', args: ['liveness'] };
    const probe = { httpGet: { path: '/healthz', port: 8080 } };
    expect(runProbe(probe, agnhost, '10.244.1.3', { elapsedMs: 9_000 }).ok).toBe(true);
    expect(runProbe(probe, agnhost, '10.244.1.3', { elapsedMs: 12_000 })).toEqual({
      ok: false,
      message: 'HTTP probe failed with statuscode: 500',
    });
  });
});

describe('describeProbe: kubectl describe’s probe line', () => {
  it('prints each handler with its timing', () => {
    const t = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };
    expect(describeProbe({ httpGet: { path: '/healthz', port: 80, scheme: 'HTTP' }, ...t })).toBe(
      'http-get http://:80/healthz delay=0s timeout=1s period=10s #success=1 #failure=3',
    );
    expect(describeProbe({ tcpSocket: { port: 8080 }, initialDelaySeconds: 15, ...t })).toBe(
      'tcp-socket :8080 delay=15s timeout=1s period=10s #success=1 #failure=3',
    );
    expect(
      describeProbe({ exec: { command: ['cat', '/tmp/healthy'] }, ...t, periodSeconds: 5 }),
    ).toBe('exec [cat /tmp/healthy] delay=0s timeout=1s period=5s #success=1 #failure=3');
  });
});
