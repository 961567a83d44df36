/**
 * Audit 9 #10: Events expire an hour after their last write (kube-apiserver `--event-ttl`
 * 1h0m0s), so after `sleep 3h` kubectl finds none, as on a real 1.32 cluster.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const HOUR = 3_600_000;

describe('Events after a long sleep', () => {
  it('kubectl get events, kubectl events and describe find none three hours later', () => {
    const { cluster, run } = engineSession();
    expect(run('kubectl run p --image=nginx').out).toBe('pod/p created\n');
    expect(run('kubectl get events').out).toMatch(/Scheduled {3}pod\/p {4}Successfully assigned/);
    expect(run('kubectl describe pod p').out).toMatch(/\nEvents:\n {2}Type {4}Reason/);
    cluster.advance(3 * HOUR);
    expect(run('kubectl get events')).toEqual({
      out: '',
      err: 'No resources found in default namespace.\n',
      code: 0,
    });
    expect(run('kubectl get events -A')).toEqual({
      out: '',
      err: 'No resources found\n',
      code: 0,
    });
    expect(run('kubectl events')).toEqual({
      out: '',
      err: 'No events found in default namespace.\n',
      code: 0,
    });
    const describe = run('kubectl describe pod p').out;
    expect(describe).toMatch(/\nStatus: {11}Running\n/);
    expect(describe.endsWith('\nEvents:                      <none>\n')).toBe(true);
  });
});
