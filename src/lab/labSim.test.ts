/**
 * `sim` in the lab's shell (lists and loops, through the host's `sim` hook): the lab's own limit
 * on one `sim advance` holds there too, and a reload replays a loop of `sim stop-node` to the
 * same stopped nodes.
 */
import { describe, expect, it } from 'vitest';
import { createLabSession, type LabStorage } from './session.ts';

function memoryStorage(): LabStorage {
  const data = new Map<string, string>();
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      data.set(k, v);
    },
    removeItem: (k) => {
      data.delete(k);
    },
  };
}

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
    expect(lab.run('kubectl get ns default -o name && sim advance 2m')).toMatchObject({
      stdout: 'namespace/default\n',
      exitCode: 0,
    });
    expect(lab.state().now - before).toBeGreaterThanOrEqual(120_000);
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
