/**
 * What a node's kubelet logs while the API server does not answer (kubelet 1.32, klog):
 *
 * - its node lease (component-helpers' lease controller, renewed every 10 s): the renewal fails
 *   five times in a row (`"Failed to update lease"`), it falls back to ensuring the lease, and
 *   that GET is retried with a doubling back-off from 200 ms capped at 7 s (`"Failed to ensure
 *   lease exists, will retry" … interval="7s"`) until the server is back;
 * - its node status (every 10 s, `nodeStatusUpdateFrequency`): five tries of the GET of its Node
 *   (`"Error updating node status, will retry"`; the first from the API server's cache,
 *   `resourceVersion=0`), then `"Unable to update node status" err="update node status exceeds
 *   retry count"`.
 *
 * The dial's error tells what is down: the control-plane machine off answers nothing (`connect:
 * no route to host`, after the ARP timeout), the machine up without kube-apiserver refuses the
 * connection (`connect: connection refused`). Line numbers are those of 1.32 builds as far as
 * known.
 */
import { formatMillis } from '../../engine/node/goDuration.ts';

/** One journal entry: Unix ms, klog level, `file:line`, structured message. */
export interface OutageLogLine {
  at: number;
  level: 'E' | 'I';
  where: string;
  msg: string;
}

/** `lease.renewInterval` (0.25 × the 40 s lease) and the node status loop's period. */
const RENEW_MS = 10_000;
const STATUS_MS = 10_000;
/** nodeStatusUpdateRetry, and the lease controller's maxUpdateRetries. */
const TRIES = 5;
const ENSURE_FIRST_MS = 200;
const ENSURE_MAX_MS = 7_000;
/** How long a dial to a machine that is off takes to fail (the ARP resolution's timeout). */
const UNREACHABLE_DIAL_MS = 3_000;
/** Lines kept per outage (the journal of a long outage keeps its last ones). */
const MAX_LINES = 2_000;

/** A deterministic phase in [0, period) for `node`'s periodic loops. */
function phase(node: string, salt: number, period: number): number {
  let h = salt;
  for (const ch of node) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  return h % period;
}

/**
 * The kubelet of `node`'s lines for an outage from `from` to `to` (Unix ms), with the API
 * server at `server` (`host:port`): `machine` off (unroutable) or only its `process` gone.
 */
export function apiOutageLog(
  node: string,
  server: string,
  cause: 'machine' | 'process',
  from: number,
  to: number,
): OutageLogLine[] {
  const why =
    cause === 'machine'
      ? `dial tcp ${server}: connect: no route to host`
      : `dial tcp ${server}: connect: connection refused`;
  const dial = cause === 'machine' ? UNREACHABLE_DIAL_MS : 1;
  const q = (s: string) => JSON.stringify(s);
  const lease = `https://${server}/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${node}?timeout=10s`;
  const nodeUrl = (first: boolean) =>
    `https://${server}/api/v1/nodes/${node}?${first ? 'resourceVersion=0&' : ''}timeout=10s`;
  const lines: OutageLogLine[] = [];

  // The lease: the first renewal due after the outage began fails, then ensure's back-off.
  let t = from + ((phase(node, 7, RENEW_MS) - (from % RENEW_MS) + RENEW_MS) % RENEW_MS);
  if (t < to) {
    for (let i = 0; i < TRIES && t < to; i++) {
      t += dial;
      lines.push({
        at: t,
        level: 'E',
        where: 'controller.go:195',
        msg: `"Failed to update lease" err=${q(`Put ${q(lease)}: ${why}`)}`,
      });
    }
    lines.push({
      at: t,
      level: 'I',
      where: 'controller.go:115',
      msg: `"failed to update lease using latest lease, fallback to ensure lease" err="failed ${TRIES} attempts to update lease"`,
    });
    let sleep = ENSURE_FIRST_MS / 2;
    while (t < to) {
      t += dial;
      if (t >= to) break;
      sleep = Math.min(2 * sleep, ENSURE_MAX_MS);
      lines.push({
        at: t,
        level: 'E',
        where: 'controller.go:145',
        msg: `"Failed to ensure lease exists, will retry" err=${q(`Get ${q(lease)}: ${why}`)} interval=${q(formatMillis(sleep))}`,
      });
      t += sleep;
    }
  }

  // The node status: five tries, the give-up line, and the period again from the end (the
  // loop's wait.Until slides).
  let s = from + ((phase(node, 13, STATUS_MS) - (from % STATUS_MS) + STATUS_MS) % STATUS_MS);
  while (s < to) {
    let at = s;
    for (let i = 0; i < TRIES && at < to; i++) {
      at += dial;
      lines.push({
        at,
        level: 'E',
        where: 'kubelet_node_status.go:549',
        msg: `"Error updating node status, will retry" err=${q(`error getting node ${q(node)}: Get ${q(nodeUrl(i === 0))}: ${why}`)}`,
      });
    }
    if (at < to)
      lines.push({
        at,
        level: 'E',
        where: 'kubelet_node_status.go:536',
        msg: '"Unable to update node status" err="update node status exceeds retry count"',
      });
    s = at + STATUS_MS;
  }
  lines.sort((a, b) => a.at - b.at);
  return lines.length > MAX_LINES ? lines.slice(-MAX_LINES) : lines;
}
