/** `kubectl describe node` taints, on the real simulated cluster. */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl describe node: Taints', () => {
  it('prints taints sorted by effect, then key, one a line', () => {
    const { run } = engineSession(1);
    run('kubectl taint nodes node1 zone=a:NoSchedule');
    run('kubectl taint nodes node1 gpu:PreferNoSchedule');
    run('kubectl taint nodes node1 dedicated=db:NoSchedule');
    run('kubectl taint nodes node1 maint=yes:NoExecute');
    const out = run('kubectl describe node node1').out;
    const from = out.indexOf('Taints:');
    expect(out.slice(from, out.indexOf('Unschedulable:'))).toBe(
      [
        'Taints:             maint=yes:NoExecute',
        '                    dedicated=db:NoSchedule',
        '                    zone=a:NoSchedule',
        '                    gpu:PreferNoSchedule',
        '',
      ].join('\n'),
    );
  });
});

describe('kubectl describe node: requests of a pod with an init container (audit 9 #17)', () => {
  it('counts the larger of the init container and the app containers, as PodRequestsAndLimits', () => {
    const { run, host } = engineSession(1);
    host.fs.write(
      'ic.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: ic
spec:
  nodeName: node2
  initContainers:
  - name: init
    image: busybox
    command: ["sh", "-c", "true"]
    resources:
      requests: {cpu: 800m, memory: 300Mi}
  containers:
  - name: a
    image: nginx
    resources:
      requests: {cpu: 100m, memory: 100Mi}
      limits: {cpu: 200m, memory: 200Mi}
  - name: b
    image: nginx
    resources:
      requests: {cpu: 100m}
`,
    );
    expect(run('kubectl create -f ic.yaml').out).toBe('pod/ic created\n');
    const out = run('kubectl describe node node2').out;
    const row = out.split('\n').find((l) => /^\s+default\s+ic\s/.test(l)) ?? '';
    expect(
      row
        .trim()
        .split(/\s{2,}/)
        .slice(2, 6),
    ).toEqual(['800m (40%)', '200m (10%)', '300Mi (3%)', '200Mi (2%)']);
    expect(out).toMatch(/\n {2}cpu {16}\d+m \(\d+%\) +\d+m \(\d+%\)\n/);
  });
});
