/**
 * ErrImageNeverPull and InvalidImageName are not final: every pod worker sync (the failed one is
 * retried after 10 s jittered by half) checks the image again and records both events again.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const count = (out: string, reason: string): number => {
  const line = out.split('\n').find((l) => new RegExp(`\\s${reason}\\s`).test(l)) ?? '';
  return Number(/\(x(\d+) over /.exec(line)?.[1] ?? (line ? 1 : 0));
};

describe('image errors the kubelet retries', () => {
  it('ErrImageNeverPull is reported again on every sync', () => {
    const { run } = engineSession(3);
    run('kubectl run d --image=nginx:1.99 --image-pull-policy=Never');
    expect(run('kubectl get pod d --no-headers').out).toMatch(/^d +0\/1 +ErrImageNeverPull +0 /);
    run('sleep 3m');
    const later = run('kubectl events --for pod/d').out;
    expect(later).toMatch(
      /\n\S+ \(x\d+ over \S+\) +Warning +ErrImageNeverPull +Pod\/d +Container image "nginx:1.99" is not present with pull policy of Never\n/,
    );
    expect(later).toMatch(/ +Warning +Failed +Pod\/d +Error: ErrImageNeverPull\n/);
    expect(count(later, 'ErrImageNeverPull')).toBeGreaterThan(5);
    expect(run('kubectl get pod d --no-headers').out).toMatch(/^d +0\/1 +ErrImageNeverPull +0 /);
  });

  it('InvalidImageName is reported again on every sync', () => {
    const { run } = engineSession(3);
    run(
      `kubectl run bad --image=nginx --overrides='{"spec":{"containers":[{"name":"bad","image":"NGINX"}]}}'`,
    );
    run('sleep 3m');
    const out = run('kubectl events --for pod/bad').out;
    expect(out).toMatch(/\(x\d+ over \S+\) +Warning +Failed +Pod\/bad +Error: InvalidImageName\n/);
    expect(count(out, 'InspectFailed')).toBeGreaterThan(5);
    expect(run('kubectl get pod bad --no-headers').out).toMatch(/^bad +0\/1 +InvalidImageName +0 /);
  });
});
