/**
 * A shell given standard input (`stdin: true`, what `kubectl run -i` and `kubectl debug -i`
 * set) waits for what is typed into it and keeps running; without stdin it reads end-of-input
 * at once and exits, so busybox's default `sh` crash-loops.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';
import { readsInput } from './interactiveShell.ts';

describe('a shell with stdin', () => {
  it('busybox with stdin and tty stays Running; without, its sh exits and is restarted', () => {
    const { run, host } = engineSession(4);
    host.fs.write(
      'sh.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: sh\nspec:\n  containers:\n  - name: sh\n    image: busybox\n    stdin: true\n    tty: true\n',
    );
    run('kubectl create -f sh.yaml');
    run('kubectl run plain --image=busybox');
    run('sleep 60');
    const out = run('kubectl get pods').out;
    expect(out).toMatch(/\nsh +1\/1 +Running +0 +/);
    expect(out).toMatch(/\nplain +0\/1 +CrashLoopBackOff +\d/);
  });

  it('readsInput: the image default shell, or a shell given no script', () => {
    expect(readsInput('busybox', undefined, undefined)).toBe(true);
    expect(readsInput('nginx', undefined, undefined)).toBe(false);
    expect(readsInput('busybox', ['sh'], undefined)).toBe(true);
    expect(readsInput('ubuntu', ['/bin/bash', '-l'], undefined)).toBe(true);
    expect(readsInput('busybox', ['sh', '-c', 'echo hi'], undefined)).toBe(false);
    expect(readsInput('busybox', undefined, ['sleep', '3600'])).toBe(false);
    expect(readsInput('busybox', ['sh', 'script.sh'], undefined)).toBe(false);
  });
});
