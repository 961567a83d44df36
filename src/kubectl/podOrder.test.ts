/**
 * Which pod of a workload `kubectl logs|exec|attach|port-forward TYPE/NAME` uses: GetFirstPod's
 * sort (podutils.ByLogging for logs, sort.Reverse(ActivePods) for the others), not the list's
 * first. The scenario's answers are the real kubectl 1.32.5's (bench/kubectlOracle.ts).
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { activePodsLess, byLoggingLess, sortForAttaching, sortForLogging } from './podOrder.ts';
import { engineSession } from './testing/engineSession.ts';

const pod = (
  name: string,
  o: { node?: string; phase?: string; readySince?: string; restarts?: number; created?: string },
): Pod => ({
  metadata: { name, creationTimestamp: o.created ?? '2026-01-06T00:00:00Z' },
  spec: { containers: [{ name: 'c' }], ...(o.node ? { nodeName: o.node } : {}) },
  status: {
    phase: o.phase ?? 'Running',
    conditions: o.readySince
      ? [{ type: 'Ready', status: 'True', lastTransitionTime: o.readySince }]
      : [{ type: 'Ready', status: 'False' }],
    containerStatuses: [
      { name: 'c', restartCount: o.restarts ?? 0, ready: !!o.readySince, image: '', imageID: '' },
    ],
  },
});

describe('podutils orders', () => {
  const early = pod('early', { node: 'n1', readySince: '2026-01-06T00:00:10Z' });
  const late = pod('late', { node: 'n1', readySince: '2026-01-06T00:00:20Z' });
  const pending = pod('pending', { phase: 'Pending' });
  const restarted = pod('restarted', { node: 'n1', phase: 'Running', restarts: 3 });
  it('ByLogging: assigned, running and ready for the longest first; then restarts', () => {
    expect(byLoggingLess(early, late)).toBe(true);
    expect(byLoggingLess(late, early)).toBe(false);
    expect(byLoggingLess(pending, early)).toBe(false);
    expect(byLoggingLess(early, restarted)).toBe(true);
    expect(sortForLogging([pending, restarted, late, early]).map((p) => p.metadata?.name)).toEqual([
      'early',
      'late',
      'restarted',
      'pending',
    ]);
  });
  it('ActivePods reversed: the ready pods first, the one ready for the longest first', () => {
    expect(activePodsLess(pending, early)).toBe(true);
    expect(activePodsLess(late, early)).toBe(true);
    expect(
      sortForAttaching([pending, restarted, late, early]).map((p) => p.metadata?.name),
    ).toEqual(['early', 'late', 'restarted', 'pending']);
  });
});

describe('the pod of a Deployment, as the real kubectl picks it', () => {
  it('logs, exec and port-forward deploy/six use the pod ready the longest, not the first by name', () => {
    const { run } = engineSession(1);
    run('kubectl create deployment six --image=nginx --replicas=6');
    run('sleep 30');
    const logs = run('kubectl logs deploy/six --tail=1');
    expect(logs.err).toBe('Found 6 pods, using pod/six-65d458ccb8-929kp\n');
    expect(logs.out).toBe('2026/01/06 00:00:14 [notice] 1#1: start worker process 30\n');
    expect(run('kubectl exec deploy/six -- hostname').out).toBe('six-65d458ccb8-929kp\n');
    expect(run('kubectl get pods -o name').out.split('\n')[0]).not.toBe('pod/six-65d458ccb8-929kp');
  });

  it('exec does not say that the default-container annotation names no container (logs does)', () => {
    const { run } = engineSession(1);
    run(
      `kubectl run anno2 --image=nginx --overrides='{"metadata":{"annotations":{"kubectl.kubernetes.io/default-container":"nope"}},"spec":{"containers":[{"name":"main","image":"nginx"},{"name":"side","image":"busybox","command":["sh","-c","echo side-log; sleep 3600"]}]}}'`,
    );
    run('sleep 30');
    expect(run('kubectl exec anno2 -- echo hi')).toEqual({
      out: 'hi\n',
      err: 'Defaulted container "main" out of: main, side\n',
      code: 0,
    });
    expect(run('kubectl logs anno2 --tail=1').err).toBe(
      'Default container name "nope" not found in pod anno2\nDefaulted container "main" out of: main, side\n',
    );
  });
});
