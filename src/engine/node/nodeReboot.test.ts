/**
 * A node that went down (audit 9 #22, #9): `kubectl logs` of its pods fails as the API server's
 * dial to the kubelet does, and after the reboot the restarted container's Last State is the
 * run containerd lost (Unknown, exit code 255).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';

describe('a node that went down', () => {
  it('kubectl logs cannot reach its kubelet', () => {
    const { run, cluster } = engineSession(6);
    run(`kubectl run p1 --image=nginx --overrides='{"spec":{"nodeName":"node1"}}'`);
    expect(run('kubectl logs p1 --tail=1').out).toMatch(/start worker process 30\n$/);
    cluster.stopNode('node1');
    cluster.advance(60_000);
    expect(run('kubectl logs p1 --tail=2')).toEqual({
      out: '',
      err: 'Error from server: Get "https://172.18.0.3:10250/containerLogs/default/p1/p1?tailLines=2": dial tcp 172.18.0.3:10250: connect: no route to host\n',
      code: 1,
    });
    expect(run('kubectl logs p1 --since=1h --timestamps').err).toBe(
      'Error from server: Get "https://172.18.0.3:10250/containerLogs/default/p1/p1?sinceSeconds=3600&timestamps=true": dial tcp 172.18.0.3:10250: connect: no route to host\n',
    );
    cluster.startNode('node1');
    cluster.settle();
    expect(run('kubectl logs p1 --tail=1').code).toBe(0);
  });

  it('after the reboot the container shows the lost run as Last State: Unknown, 255', () => {
    const { run, cluster } = engineSession(6);
    run(`kubectl run p1 --image=nginx --overrides='{"spec":{"nodeName":"node1"}}'`);
    const started = run(
      `kubectl get pod p1 -o jsonpath='{.status.containerStatuses[0].state.running.startedAt}'`,
    ).out;
    cluster.stopNode('node1');
    cluster.advance(90_000);
    cluster.startNode('node1');
    cluster.settle();
    const st = JSON.parse(
      run(`kubectl get pod p1 -o jsonpath='{.status.containerStatuses[0]}'`).out,
    );
    expect(st.restartCount).toBe(1);
    expect(st.lastState.terminated).toMatchObject({
      exitCode: 255,
      reason: 'Unknown',
      startedAt: started,
    });
    expect(Date.parse(st.lastState.terminated.finishedAt)).toBeLessThanOrEqual(
      Date.parse(st.state.running.startedAt),
    );
    expect(run('kubectl describe pod p1').out).toMatch(
      /\n {4}Last State: {5}Terminated\n {6}Reason: {7}Unknown\n {6}Exit Code: {4}255\n {6}Started: {6}[^\n]+\n {6}Finished: {5}[^\n]+\n {4}Ready: {10}True\n {4}Restart Count: {2}1\n/,
    );
  });

  it('a restartPolicy Never pod is not restarted after the reboot: its lost run ends it (Unknown, 255)', () => {
    const { run, cluster } = engineSession(6);
    run(
      `kubectl run nv --image=busybox --restart=Never --overrides='{"spec":{"nodeName":"node1"}}' -- sleep 3600`,
    );
    cluster.stopNode('node1');
    cluster.advance(60_000);
    cluster.startNode('node1');
    cluster.settle();
    cluster.advance(60_000);
    expect(run('kubectl get pod nv').out).toMatch(/\nnv +0\/1 +Unknown +0 /);
    const st = JSON.parse(run(`kubectl get pod nv -o jsonpath='{.status}'`).out);
    expect(st.phase).toBe('Failed');
    expect(st.containerStatuses[0]).toMatchObject({
      restartCount: 0,
      state: { terminated: { exitCode: 255, reason: 'Unknown' } },
      lastState: {},
    });
  });
});
