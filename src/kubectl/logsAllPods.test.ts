/**
 * `kubectl logs TYPE/NAME --all-pods` (kubectl 1.31+, audit 15 F32): the logs of every pod the
 * workload selects, each line prefixed with its source (the flag sets --prefix).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl logs --all-pods', () => {
  it("reads every pod of a Deployment, prefixed; without it only the first pod's", () => {
    const { run } = engineSession(3);
    run(
      `kubectl create deployment web --image=busybox --replicas=2 -- sh -c 'echo started $(hostname); sleep 3600'`,
    );
    run('sleep 10');
    const pods = run('kubectl get pods -l app=web -o name').out.trim().split('\n');
    expect(pods).toHaveLength(2);
    const names = pods.map((p) => p.replace('pod/', ''));
    const prefixed = names.map((n) => `[pod/${n}/busybox] started ${n}\n`).join('');
    expect(run('kubectl logs deploy/web --all-pods')).toEqual({ out: prefixed, err: '', code: 0 });
    expect(run('kubectl logs deployment/web --all-pods=true --prefix').out).toBe(prefixed);
    expect(run('kubectl logs deploy/web')).toEqual({
      out: `started ${names[0]}\n`,
      err: `Found 2 pods, using pod/${names[0]}\n`,
      code: 0,
    });
    // A pod is its own only pod.
    expect(run(`kubectl logs ${names[1]} --all-pods`).out).toBe(
      `[pod/${names[1]}/busybox] started ${names[1]}\n`,
    );
  });
});
