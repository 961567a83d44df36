/**
 * Audit-10 #17 and #41: what the API server writes back — canonical quantities, and the host
 * ports of a host-network pod.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('defaults written on create', () => {
  it('stores resource quantities in canonical form', () => {
    const { run } = engineSession();
    run(
      `kubectl run q --image=nginx --overrides='{"spec":{"containers":[{"name":"q","image":"nginx","resources":{"requests":{"cpu":"0.5","memory":"1024Mi"},"limits":{"cpu":"1000m","memory":"2G"}}}]}}'`,
    );
    expect(run(`kubectl get pod q -o jsonpath='{.spec.containers[0].resources}'`).out).toBe(
      '{"limits":{"cpu":"1","memory":"2G"},"requests":{"cpu":"500m","memory":"1Gi"}}',
    );
    run('kubectl create deployment d --image=nginx');
    run(
      `kubectl patch deploy d -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","resources":{"requests":{"cpu":0.25,"memory":"0.5Gi"}}}]}}}}'`,
    );
    expect(
      run(
        `kubectl get deploy d -o jsonpath='{.spec.template.spec.containers[0].resources.requests}'`,
      ).out,
    ).toBe('{"cpu":"250m","memory":"512Mi"}');
  });

  it('gives a host-network pod host ports equal to its container ports', () => {
    const { run } = engineSession();
    run(`kubectl run hn --image=nginx --port=80 --overrides='{"spec":{"hostNetwork":true}}'`);
    expect(run(`kubectl get pod hn -o jsonpath='{.spec.containers[0].ports}'`).out).toBe(
      '[{"containerPort":80,"hostPort":80,"protocol":"TCP"}]',
    );
  });
});
