/**
 * terminationMessagePath and terminationMessagePolicy: the kubelet reads the file the container
 * wrote into `state.terminated.message` (describe's `Message:`), and with FallbackToLogsOnError
 * takes the end of the log of a failed container that wrote nothing there.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const pod = (name: string, script: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  restartPolicy: Never
  containers:
  - name: app
    image: busybox
    command: [sh, -c, ${JSON.stringify(script)}]
${extra}`;

const state = "-o jsonpath='{.status.containerStatuses[0].state.terminated}'";

describe('termination messages', () => {
  it('reads /dev/termination-log into state.terminated.message and describe', () => {
    const { run, host } = engineSession(3);
    host.fs.write('t.yaml', pod('term', 'echo bye > /dev/termination-log; exit 2'));
    expect(run('kubectl apply -f t.yaml').out).toBe('pod/term created\n');
    run('sleep 10s');
    expect(run(`kubectl get pod term ${state}`).out).toMatch(
      /^\{"containerID":"containerd:\/\/[0-9a-f]{64}","exitCode":2,"finishedAt":"[^"]+","message":"bye\\n","reason":"Error","startedAt":"[^"]+"\}$/,
    );
    expect(
      run(
        "kubectl get pod term -o jsonpath='{.status.containerStatuses[0].state.terminated.message}'",
      ).out,
    ).toBe('bye\n');
    const d = run('kubectl describe pod term').out;
    expect(d).toContain(
      '    State:      Terminated\n      Reason:   Error\n      Message:  bye\n\n      Exit Code:    2\n',
    );
  });

  it('a custom terminationMessagePath; nothing written means no message', () => {
    const { run, host } = engineSession(3);
    host.fs.write(
      'c.yaml',
      pod(
        'custom',
        'echo -n "all done" > /tmp/status; exit 0',
        '    terminationMessagePath: /tmp/status\n',
      ),
    );
    host.fs.write('n.yaml', pod('none', 'echo failing; exit 1'));
    run('kubectl apply -f c.yaml');
    run('kubectl apply -f n.yaml');
    run('sleep 10s');
    expect(
      run(
        "kubectl get pod custom -o jsonpath='{.status.containerStatuses[0].state.terminated.message}'",
      ).out,
    ).toBe('all done');
    expect(run('kubectl describe pod custom').out).toContain(
      '      Reason:       Completed\n      Message:      all done\n      Exit Code:    0\n',
    );
    expect(run(`kubectl get pod none ${state}`).out).not.toContain('message');
    expect(run('kubectl describe pod none').out).not.toContain('Message:');
  });

  it('FallbackToLogsOnError: the last 80 log lines of a failed container, not of one that succeeded', () => {
    const { run, host } = engineSession(3);
    const policy = '    terminationMessagePolicy: FallbackToLogsOnError\n';
    host.fs.write(
      'f.yaml',
      pod(
        'fail',
        `for i in ${Array.from({ length: 100 }, (_, i) => i + 1).join(' ')}; do echo "line $i"; done; exit 3`,
        policy,
      ),
    );
    host.fs.write('ok.yaml', pod('ok', 'echo fine', policy));
    host.fs.write(
      'w.yaml',
      pod('wrote', 'echo log; echo file > /dev/termination-log; exit 1', policy),
    );
    run('kubectl apply -f f.yaml');
    run('kubectl apply -f ok.yaml');
    run('kubectl apply -f w.yaml');
    run('sleep 10s');
    const msg = (name: string) =>
      run(
        `kubectl get pod ${name} -o jsonpath='{.status.containerStatuses[0].state.terminated.message}'`,
      ).out;
    const lines = Array.from({ length: 80 }, (_, i) => `line ${i + 21}\n`).join('');
    expect(msg('fail')).toBe(lines);
    expect(msg('ok')).toBe('');
    expect(msg('wrote')).toBe('file\n');
  });
});
