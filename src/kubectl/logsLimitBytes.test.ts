/**
 * `kubectl logs --limit-bytes` (audit 13 C10): the kubelet returns at most that many bytes of the
 * container's log, cutting a line if need be; 0 is no limit, a negative value kubectl's error.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl logs --limit-bytes', () => {
  it('returns the first bytes of the log', () => {
    const { run } = engineSession(3);
    run(`kubectl run t --image=busybox:1.36 -- sh -c 'echo line 1; echo line 2; sleep 3600'`);
    expect(run('kubectl logs t').out).toBe('line 1\nline 2\n');
    expect(run('kubectl logs t --limit-bytes=10')).toEqual({
      out: 'line 1\nlin',
      err: '',
      code: 0,
    });
    expect(run('kubectl logs t --limit-bytes=0').out).toBe('line 1\nline 2\n');
    expect(run('kubectl logs t --limit-bytes=-1')).toEqual({
      out: '',
      err: 'error: --limit-bytes must be greater than 0\n',
      code: 1,
    });
  });
});
