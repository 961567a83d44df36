/**
 * `kubectl exec POD -- COMMAND`: one command in a running container, beside its program, as
 * the docs' security-context and DNS pages use it.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl exec', () => {
  it("the docs' security-context-demo: id, ps and whoami as uid 1000", () => {
    const { run } = engineSession(5);
    run('kubectl apply -f https://k8s.io/examples/pods/security/security-context.yaml');
    expect(run('kubectl exec security-context-demo -- id')).toEqual({
      out: 'uid=1000 gid=3000 groups=2000,3000,4000\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl exec -it security-context-demo -- ps').out).toBe(
      'PID   USER     TIME  COMMAND\n    1 1000      0:00 sleep 1h\n    7 1000      0:00 ps\n',
    );
    expect(run('kubectl exec security-context-demo -- whoami')).toEqual({
      out: '',
      err: 'whoami: unknown uid 1000\ncommand terminated with exit code 1\n',
      code: 1,
    });
  });

  it("a program the image lacks: containerd's exec fails, the API server's Internal error", () => {
    const { run } = engineSession(5);
    run('kubectl run bb --image=busybox -- sleep 3600');
    const r = run('kubectl exec bb -- bash');
    expect(r.out).toBe('');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH: unknown\n$/,
    );
    expect(run('kubectl exec bb -- /bin/bash -c id').err).toContain(
      ': OCI runtime exec failed: exec failed: unable to start container process: exec: "/bin/bash": stat /bin/bash: no such file or directory: unknown\n',
    );
  });

  it('busybox ps ignores BSD-style words: ps aux lists PID 1 and itself', () => {
    const { run } = engineSession(5);
    run('kubectl run bb --image=busybox -- sleep 3600');
    expect(run('kubectl exec bb -- ps aux').out).toBe(
      'PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n    7 root      0:00 ps aux\n',
    );
  });

  it("kubectl's own errors: no command, the old syntax, a completed pod, an unknown pod", () => {
    const { run } = engineSession(5);
    run('kubectl run done --image=busybox --restart=Never -- true');
    expect(run('kubectl exec done')).toEqual({
      out: '',
      err: 'error: you must specify at least one command for the container\n',
      code: 1,
    });
    expect(run('kubectl exec done date').err).toBe(
      "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
    );
    expect(run('kubectl exec done -- date').err).toBe(
      'error: cannot exec into a container in a completed pod; current phase is Succeeded\n',
    );
    expect(run('kubectl exec nope -- date').err).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    );
  });

  it('a shell without a command: ends at once without -i, refused with -it', () => {
    const { run } = engineSession(5);
    run('kubectl run bb --image=busybox -- sleep 3600');
    expect(run('kubectl exec bb -- sh')).toEqual({ out: '', err: '', code: 0 });
    expect(run('kubectl exec -it bb -- sh').code).toBe(1);
  });

  it("-f names the pod by a file: a missing path is the builder's error (real kubectl 1.32.5)", () => {
    const { run } = engineSession(1);
    run('kubectl run web --image=nginx');
    run('sleep 20');
    expect(run('kubectl exec -f nofile.yaml -- ls')).toEqual({
      out: '',
      err: 'error: the path "nofile.yaml" does not exist\n',
      code: 1,
    });
    run('kubectl get pod web -o yaml > /tmp/web.yaml');
    expect(run('kubectl exec -f /tmp/web.yaml -- hostname')).toEqual({
      out: 'web\n',
      err: '',
      code: 0,
    });
  });
});
