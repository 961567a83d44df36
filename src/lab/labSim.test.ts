/**
 * `sim` in the lab's shell (lists and loops, through the host's `sim` hook): the lab's own limit
 * on one `sim advance` holds there too, and a reload replays a loop of `sim stop-node` to the
 * same stopped nodes.
 */
import { describe, expect, it } from 'vitest';
import { memoryStorage } from './memoryStorage.ts';
import { createLabSession } from './session.ts';

describe('sim in the lab shell', () => {
  it('keeps the lab limit of 30m for one advance inside a list', () => {
    const lab = createLabSession();
    const before = lab.state().now;
    expect(lab.run('sim advance 45m || echo refused')).toMatchObject({
      stdout: 'refused\n',
      stderr: 'sim advance: at most 30m of virtual time at once in the lab\n',
      exitCode: 0,
    });
    // The whole line says the same.
    expect(lab.run('sim advance 45m')).toMatchObject({
      stderr: 'sim advance: at most 30m of virtual time at once in the lab\n',
      exitCode: 1,
    });
    // The lab's clock line, as a whole `sim advance 2m` prints it.
    const now = lab.state().now;
    const clock = Math.round((now + 120_000) / 1000);
    const shown = `${Math.floor(clock / 60)}m ${clock % 60}s`.replace(/ 0s$/, '');
    expect(lab.run('kubectl get ns default -o name && sim advance 2m')).toMatchObject({
      stdout: `namespace/default\nvirtual clock: +2m (${shown} since you arrived)\n`,
      exitCode: 0,
    });
    expect(lab.state().now - before).toBeGreaterThanOrEqual(120_000);
  });

  it('says it in the page language, in a list as in a whole line, and the stage narrates the stop', () => {
    const lab = createLabSession({ lang: () => 'ko' });
    const whole = lab.run('sim stop-node node2');
    const listed = lab.run('for n in node3; do sim stop-node $n; done');
    expect(listed.stdout).toBe(whole.stdout.replace('node2', 'node3'));
    expect(listed.stdout).toBe(
      '노드 "node3" 정지: kubelet, kube-proxy, 컨테이너 런타임이 멈췄습니다\n',
    );
    expect(listed.steps.map((s) => [s.title.key, s.title.params])).toEqual(
      whole.steps.map((s) => [s.title.key, { ...s.title.params, node: 'node3' }]),
    );
    const started = lab.run('sim start-node node2; sim start-node node3');
    expect(started.stdout).toBe(
      '노드 "node2" 시작: kubelet이 노드를 다시 등록합니다\n노드 "node3" 시작: kubelet이 노드를 다시 등록합니다\n',
    );
    expect(started.steps).toHaveLength(1);
  });

  it('stops nodes in a loop, and a reload replays it', () => {
    const storage = memoryStorage();
    const lab = createLabSession({ storage });
    const r = lab.run('for n in node2 node3; do sim stop-node $n; done');
    expect(r.stdout).toBe(
      'node "node2" stopped: its kubelet, kube-proxy and container runtime are down\nnode "node3" stopped: its kubelet, kube-proxy and container runtime are down\n',
    );
    expect(lab.cluster.stoppedNodes()).toEqual(['node2', 'node3']);
    const again = createLabSession({ storage });
    expect(again.notice).toEqual({ key: 'lab.notice.restored', params: { count: 1 } });
    expect(again.cluster.stoppedNodes()).toEqual(['node2', 'node3']);
  });
});
