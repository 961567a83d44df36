/**
 * The shell's own commands (cd, export, unset, exec…) run in `sh -c` scripts, in a pod's
 * command and in `kubectl exec`; busybox `ls -l` lists the files the simulation knows (the
 * docs' "Configure a Security Context": a file written in the fsGroup volume belongs to 2000).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';

describe('shell builtins', () => {
  it("cd and export in a pod's command: the script runs on and Completes", () => {
    const { run } = engineSession(3);
    run(
      "kubectl run cdtest --image busybox:1.36 --restart=Never -- sh -c 'cd /tmp && pwd && echo ok'",
    );
    run(
      'kubectl run vars --image busybox:1.36 --restart=Never -- sh -c \'pwd; export X=1; echo $X; printenv X; unset X; echo "[$X]"\'',
    );
    run('sleep 20');
    expect(run('kubectl get pod cdtest -o jsonpath={.status.phase}').out).toBe('Succeeded');
    expect(run('kubectl logs cdtest').out).toBe('/tmp\nok\n');
    expect(run('kubectl logs vars').out).toBe('/\n1\n1\n[]\n');
  });

  it('cd into the fsGroup volume, write a file, ls -l: its group is the fsGroup', () => {
    const { run, host } = engineSession(3);
    host.fs.write(
      'sc.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: security-context-demo
spec:
  securityContext:
    runAsUser: 1000
    runAsGroup: 3000
    fsGroup: 2000
  volumes:
  - name: sec-ctx-vol
    emptyDir: {}
  containers:
  - name: sec-ctx-demo
    image: busybox:1.28
    command: [ "sh", "-c", "sleep 1h" ]
    volumeMounts:
    - name: sec-ctx-vol
      mountPath: /data/demo
`,
    );
    run('kubectl apply -f sc.yaml');
    run('sleep 10');
    const l = run('kubectl exec security-context-demo -- ls -l /data');
    expect(l.out).toMatch(
      /^total 4\ndrwxrwsrwx {4}2 root {5}2000 {10}4096 [A-Z][a-z]{2} [ \d]\d \d\d:\d\d demo\n$/,
    );
    const r = run(
      "kubectl exec security-context-demo -- sh -c 'cd /data/demo && echo hello > testfile && ls -l && cat testfile'",
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^total 4\n-rw-r--r-- {4}1 1000 {5}2000 {13}6 [A-Z][a-z]{2} [ \d]\d \d\d:\d\d testfile\nhello\n$/,
    );
    // A file's path is not a directory: ash's message, exit 2.
    const bad = run("kubectl exec security-context-demo -- sh -c 'echo x > /tmp/f; cd /tmp/f'");
    expect(bad.out + bad.err).toBe(
      "sh: cd: can't cd to /tmp/f: Not a directory\ncommand terminated with exit code 2\n",
    );
    expect(bad.code).toBe(2);
  });
});
