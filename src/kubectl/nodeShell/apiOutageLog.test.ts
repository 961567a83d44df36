/**
 * A worker's kubelet journal while the API server is away: its lease and node status cannot be
 * sent, and the dial's error says whether the control-plane machine is off (no route to host)
 * or only kube-apiserver is gone (connection refused).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../testing/engineSession.ts';
import { apiOutageLog } from './apiOutageLog.ts';

const SERVER = '172.18.0.2:6443';
const LEASE = `https://${SERVER}/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node1?timeout=10s`;

describe('apiOutageLog', () => {
  it('the lease: five failed renewals, the fallback, then ensure backing off to 7 s', () => {
    const lines = apiOutageLog('node1', SERVER, 'process', 0, 60_000).filter((l) =>
      l.where.startsWith('controller.go'),
    );
    const refused = `dial tcp ${SERVER}: connect: connection refused`;
    expect(lines.slice(0, 6).map((l) => `${l.level} ${l.where}] ${l.msg}`)).toEqual([
      ...Array(5).fill(
        `E controller.go:195] "Failed to update lease" err="Put \\"${LEASE}\\": ${refused}"`,
      ),
      'I controller.go:115] "failed to update lease using latest lease, fallback to ensure lease" err="failed 5 attempts to update lease"',
    ]);
    const intervals = lines.slice(6).map((l) => /interval="([^"]+)"$/.exec(l.msg)?.[1]);
    expect(intervals.slice(0, 8)).toEqual([
      '200ms',
      '400ms',
      '800ms',
      '1.6s',
      '3.2s',
      '6.4s',
      '7s',
      '7s',
    ]);
    expect(lines[6]?.msg).toBe(
      `"Failed to ensure lease exists, will retry" err="Get \\"${LEASE}\\": ${refused}" interval="200ms"`,
    );
    // Every line falls within the outage.
    expect(lines.every((l) => l.at >= 0 && l.at < 60_000)).toBe(true);
  });

  it('the node status: five GETs (the first from the cache), then the give-up line, every 10 s', () => {
    const lines = apiOutageLog('node1', SERVER, 'machine', 0, 40_000).filter((l) =>
      l.where.startsWith('kubelet_node_status'),
    );
    const why = `dial tcp ${SERVER}: connect: no route to host`;
    const url = (q: string) => `https://${SERVER}/api/v1/nodes/node1?${q}timeout=10s`;
    expect(lines.slice(0, 6).map((l) => l.msg)).toEqual([
      `"Error updating node status, will retry" err="error getting node \\"node1\\": Get \\"${url('resourceVersion=0&')}\\": ${why}"`,
      ...Array(4).fill(
        `"Error updating node status, will retry" err="error getting node \\"node1\\": Get \\"${url('')}\\": ${why}"`,
      ),
      '"Unable to update node status" err="update node status exceeds retry count"',
    ]);
    expect(lines[5]?.where).toBe('kubelet_node_status.go:536');
    // Each unroutable dial waits for ARP (3 s); the next round starts 10 s after the last.
    expect((lines[6]?.at ?? 0) - (lines[5]?.at ?? 0)).toBe(13_000);
  });
});

describe("a worker's kubelet journal while the API server is away", () => {
  it('says no route to host while the control-plane machine is off, connection refused when only kube-apiserver is gone', () => {
    const { run } = engineSession(3);
    run('sim stop-node control-plane');
    run('sleep 1m');
    const off = run('ssh node1 journalctl -u kubelet -n 12').out;
    expect(off).toContain('kubelet_node_status.go:536] "Unable to update node status"');
    expect(off).toMatch(
      /node1 kubelet\[\d+\]: E\d{4} [\d:.]+ +\d+ controller\.go:145\] "Failed to ensure lease exists, will retry" err="Get \\"https:\/\/172\.18\.0\.2:6443\/apis\/coordination\.k8s\.io\/v1\/namespaces\/kube-node-lease\/leases\/node1\?timeout=10s\\": dial tcp 172\.18\.0\.2:6443: connect: no route to host" interval="7s"\n/,
    );
    expect(off).not.toContain('connection refused');
    run('sim start-node control-plane');
    run('sleep 1m');
    // Back: nothing more is logged.
    const last = run('ssh node1 journalctl -u kubelet -n 1').out;
    expect(last).toContain('node1 kubelet');
    run('sleep 1m');
    expect(run('ssh node1 journalctl -u kubelet -n 1').out).toBe(last);
    run('ssh control-plane mv /etc/kubernetes/manifests/kube-apiserver.yaml /root/');
    run('sleep 1m');
    const refused = run('ssh node2 journalctl -u kubelet -n 12').out;
    expect(refused).toContain('dial tcp 172.18.0.2:6443: connect: connection refused');
    expect(refused.split('\n').filter((l) => l.includes('no route to host'))).toEqual([]);
  });
});
