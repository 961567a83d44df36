/**
 * `kubectl run` checks the image reference before sending anything (audit 13 C23): RunOptions.Run
 * matches it against the distribution reference grammar; and `--pod-running-timeout` is one of
 * run's flags (GetPodRunningTimeoutFlag: higher than zero).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl run --image validation', () => {
  it('refuses an invalid reference and creates nothing', () => {
    const { run } = engineSession(3);
    expect(run('kubectl run n --image=UPPER')).toEqual({
      out: '',
      err: 'error: Invalid image name "UPPER": invalid reference format\n',
      code: 1,
    });
    expect(run('kubectl run o --image="nginx latest"').err).toBe(
      'error: Invalid image name "nginx latest": invalid reference format\n',
    );
    expect(run('kubectl run o --image=nginx: --dry-run=client -o name').err).toBe(
      'error: Invalid image name "nginx:": invalid reference format\n',
    );
    expect(run('kubectl get pods').err).toBe('No resources found in default namespace.\n');
  });

  it('accepts registries with ports, tags and digests', () => {
    const { run } = engineSession(3);
    expect(
      run('kubectl run r --image=localhost:5000/team/my-app:v1.2 --dry-run=client -o name').out,
    ).toBe('pod/r\n');
    expect(
      run(
        'kubectl run s --image=nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef -o name',
      ).out,
    ).toBe('pod/s\n');
  });

  it('takes --pod-running-timeout, which must be higher than zero', () => {
    const { run } = engineSession(3);
    expect(run('kubectl run p --image=nginx --pod-running-timeout=1s')).toEqual({
      out: 'pod/p created\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl run q --image=nginx --pod-running-timeout=0s')).toEqual({
      out: '',
      err: "error: --pod-running-timeout must be higher than zero\nSee 'kubectl run -h' for help and examples\n",
      code: 1,
    });
  });
});
