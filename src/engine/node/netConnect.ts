/**
 * What a TCP connection from a container finds, and how busybox `wget` and `curl` report it
 * when nothing answers.
 *
 * - A Service port without endpoints: kube-proxy's REJECT rule (iptables mode) answers at once
 *   with ICMP port unreachable, read as ECONNREFUSED.
 * - A port the Service does not define: iptables mode has no rule for it, so the packet
 *   follows the default route to a cluster IP no host owns and is never answered (only
 *   nftables mode rejects such ports).
 * - A Service port with endpoints: kube-proxy DNATs the connection to one of them; what
 *   happens is what a connection to that address and port finds (the client still sees the
 *   cluster IP it dialled).
 * - A pod's address: its program answers on the ports it listens on; on any other port the
 *   pod's kernel resets the connection (ECONNREFUSED).
 * - An address of the pod network (10.244.0.0/16) where no pod is: the node that routes it
 *   asks for it by ARP on its bridge, nobody replies, and after ~3 s (3 probes a second apart)
 *   an ICMP host unreachable comes back (EHOSTUNREACH, "No route to host").
 * - Any other address (192.0.2.42, the world outside this offline cluster): the SYNs go out
 *   and nothing answers; Linux retries 6 times (1, 2, 4 … 64 s) and gives up after 127 s
 *   (ETIMEDOUT), unless the tool's own timeout (wget -T, curl -m / --connect-timeout) ends
 *   it first. busybox wget's default timeout is 900 s, curl's connect timeout 300 s: the
 *   kernel's 127 s comes first.
 */
import type { Network, ServiceView } from './program.ts';

/** The outcome of a connection attempt. */
export type Connection =
  /** A program accepted it: `server` tells what answers (its image, its files). */
  | { kind: 'answered'; server: ServiceView }
  | { kind: 'refused' }
  | { kind: 'unreachable' }
  | { kind: 'silent' };

/** The pod network's addresses (flannel's 10.244.0.0/16, one /24 per node). */
const POD_NETWORK = /^10\.244\.\d{1,3}\.\d{1,3}$/;

/** ARP gives up after 3 probes a second apart. */
export const ARP_FAILURE_MS = 3000;
/** tcp_syn_retries = 6: SYNs at 0, 1, 3, 7, 15, 31, 63 s, given up at 127 s. */
export const SYN_GIVE_UP_MS = 127_000;

/** A connection to an address nothing in the cluster has. */
export function unknownAddress(ip: string): Connection {
  return POD_NETWORK.test(ip) ? { kind: 'unreachable' } : { kind: 'silent' };
}

/**
 * A connection to `port` of `target` (a Service as kube-proxy routes it, a pod, a node).
 * For a Service port with endpoints, the endpoint it is sent to is looked up in `network`.
 */
export function connect(
  target: ServiceView,
  port: number,
  namespace: string,
  network: Network | undefined,
): Connection {
  const p = target.ports.find((x) => x.port === port);
  // A policy-enforcing CNI drops what NetworkPolicy does not allow: the SYN goes unanswered.
  if (p?.dropped) return { kind: 'silent' };
  if (!p && !target.direct) return { kind: 'silent' };
  if (!p?.ready) return { kind: 'refused' };
  // A pod answers itself; a Service port (or a node's nodePort) is sent on to an endpoint.
  const endpoint = p.endpoint;
  if (!endpoint) return { kind: 'answered', server: target };
  const dest = network?.(namespace, endpoint.ip, endpoint.port);
  if (!dest) return unknownAddress(endpoint.ip);
  if (!dest.ports.some((x) => x.port === endpoint.port && x.ready)) return { kind: 'refused' };
  return { kind: 'answered', server: dest };
}

/** When a connection that nothing answers fails by itself, in ms. */
export function failsAfterMs(c: Connection): number {
  if (c.kind === 'unreachable') return ARP_FAILURE_MS;
  if (c.kind === 'silent') return SYN_GIVE_UP_MS;
  return 0;
}

/** The errno text of a failed connect(2). */
export function connectError(c: Connection): string {
  if (c.kind === 'unreachable') return 'No route to host';
  if (c.kind === 'silent') return 'Connection timed out';
  return 'Connection refused';
}
