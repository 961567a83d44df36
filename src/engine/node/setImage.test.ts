/**
 * A running pod's image changed (`kubectl set image pod/…`, audit 9 #5): the kubelet sees the
 * container's definition changed, kills it and starts it again with the new image.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';

const events = (out: string) =>
  out
    .slice(out.indexOf('Events:'))
    .split('\n')
    .slice(3)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [type = '', reason = ''] = l.trim().split(/\s+/);
      const message = l.split('kubelet').slice(1).join('kubelet').trim();
      return `${type} ${reason} ${message}`.trim();
    });

describe('kubectl set image pod/p', () => {
  it('restarts the container with the new image: Killing, Pulling, Pulled, Created, Started', () => {
    const { run, cluster } = engineSession(2);
    run('kubectl run p --image=nginx:1.25');
    cluster.advance(30_000);
    const before = run(
      `kubectl get pod p -o jsonpath='{.status.containerStatuses[0].imageID}'`,
    ).out;
    expect(run('kubectl set image pod/p p=nginx:1.26').out).toBe('pod/p image updated\n');
    cluster.advance(10_000);
    expect(run('kubectl get pod p --no-headers').out).toMatch(
      /^p\s+1\/1\s+Running\s+1 \(\S+ ago\)/,
    );
    const st = JSON.parse(
      run(`kubectl get pod p -o jsonpath='{.status.containerStatuses[0]}'`).out,
    );
    expect(st.image).toBe('docker.io/library/nginx:1.26');
    expect(st.imageID).not.toBe(before);
    expect(st.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:/);
    expect(st.lastState.terminated).toMatchObject({ reason: 'Completed', exitCode: 0 });
    const ev = events(run('kubectl describe pod p').out);
    const i = ev.indexOf('Normal Killing Container p definition changed, will be restarted');
    expect(i).toBeGreaterThan(0);
    expect(ev[i + 1]).toBe('Normal Pulling Pulling image "nginx:1.26"');
    expect(ev.slice(i + 1)).toContainEqual(
      expect.stringMatching(/^Normal Pulled Successfully pulled image "nginx:1\.26" in /),
    );
    expect(run('kubectl describe pod p').out).toMatch(
      /\n {2}Normal {2}Started {4}\S+ \(x2 over \S+\) +kubelet +Started container p\n/,
    );
  });

  // The restart count is the last container's (the killed one, 0) until a new one is created.
  it('a bad new image: ImagePullBackOff on the pod; a good one fixes it', () => {
    const { run, cluster } = engineSession(2);
    run('kubectl run p --image=nginx:1.25');
    cluster.advance(30_000);
    run('kubectl set image pod/p p=nginx:nope');
    cluster.advance(30_000);
    expect(run('kubectl get pod p --no-headers').out).toMatch(
      /^p\s+0\/1\s+(ErrImagePull|ImagePullBackOff)\s+0 /,
    );
    const st = JSON.parse(
      run(`kubectl get pod p -o jsonpath='{.status.containerStatuses[0]}'`).out,
    );
    expect(st.state.waiting.reason).toMatch(/ErrImagePull|ImagePullBackOff/);
    expect(st.lastState.terminated.exitCode).toBe(0);
    run('kubectl set image pod/p p=nginx:1.27');
    cluster.advance(30_000);
    expect(run('kubectl get pod p --no-headers').out).toMatch(/^p\s+1\/1\s+Running\s+1 /);
  });

  it('a sleeping busybox ignores SIGTERM: the replaced run ends killed (137, Error)', () => {
    const { run } = engineSession(2);
    run('kubectl run s --image=busybox -- sleep 3600');
    run('kubectl set image pod/s s=busybox:1.36');
    const st = JSON.parse(
      run(`kubectl get pod s -o jsonpath='{.status.containerStatuses[0]}'`).out,
    );
    expect(st.restartCount).toBe(1);
    expect(st.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(st.image).toBe('docker.io/library/busybox:1.36');
  });
});
