/**
 * `kubectl run --rm -it … -- wget -qO- http://web`, the classic way to try a Service from inside
 * the cluster: the pod's output, then `pod "tmp" deleted`, and the exit code of the command.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl run attached to a command that ends by itself', () => {
  it('--rm -it wget prints the page, deletes the pod and exits 0', () => {
    const { run } = engineSession(2);
    run('kubectl create deployment web --image=nginx');
    run('kubectl expose deployment web --port=80');
    const r = run(
      'kubectl run tmp --rm -it --image=busybox --restart=Never -- wget -qO- http://web',
    );
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!<\/title>\n/);
    expect(r.out.endsWith('</html>\npod "tmp" deleted\n')).toBe(true);
    expect(run('kubectl get pod tmp').err).toBe(
      'Error from server (NotFound): pods "tmp" not found\n',
    );
  });

  it('a failing command: its output, the deletion, then the exit code and reason', () => {
    const { run } = engineSession(2);
    expect(
      run('kubectl run tmp --rm -it --image=busybox --restart=Never -- wget -qO- http://nosvc'),
    ).toEqual({
      out: 'wget: bad address \'nosvc\'\npod "tmp" deleted\n',
      err: 'pod default/tmp terminated (Error)\n',
      code: 1,
    });
  });

  it('-i without --rm keeps the pod; with restartPolicy Always it returns after the first run', () => {
    const { run } = engineSession(2);
    expect(run('kubectl run once -i --image=busybox --restart=Never -- echo hi')).toEqual({
      out: 'hi\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl get pod once -o jsonpath={.status.phase}').out).toBe('Succeeded');
    expect(run('kubectl run t --rm -it --image=busybox -- echo hello')).toEqual({
      out: 'hello\npod "t" deleted\n',
      err: '',
      code: 0,
    });
  });

  it('an interactive shell is refused before anything is created', () => {
    const { run } = engineSession(2);
    const r = run('kubectl run sh --rm -it --image=busybox -- sh');
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'error: interactive pods (-i, -t, --attach) are not available in this console: only a command that ends by itself can be attached; run the pod, then use kubectl logs\n',
    );
    expect(run('kubectl get pods').err).toBe('No resources found in default namespace.\n');
  });
});
