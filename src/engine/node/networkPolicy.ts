/**
 * NetworkPolicy (networking.k8s.io/v1) as a policy-enforcing CNI (Calico, what CKA/CKAD clusters
 * run) applies it to one connection: pure, given the policies, the namespaces' labels and the two
 * ends.
 *
 * - A policy selects pods of its own namespace by `spec.podSelector` (`{}`: all of them). A pod
 *   is isolated for ingress (egress) when some policy selecting it lists that type in
 *   `policyTypes` (unset: Ingress, plus Egress when the policy has egress rules, as the API
 *   server defaults it). A pod no such policy selects lets everything through that direction.
 * - What an isolated pod allows is the union of the rules of every policy selecting it: a rule
 *   allows a connection when one of its peers (`from` / `to`; absent or empty: everyone)
 *   matches the other end and one of its ports (absent or empty: every port, every protocol)
 *   matches the destination port.
 * - A peer is `podSelector` (pods of the policy's namespace), `namespaceSelector` (every pod of
 *   the selected namespaces), both in one item (the selected pods of the selected namespaces:
 *   AND; two list items are OR), or `ipBlock` (a CIDR less its `except` CIDRs, matched on the
 *   other end's IP, pod or not).
 * - A port is a protocol (default TCP) and a number, a range up to `endPort`, or a name that
 *   the destination pod's container ports give (`containerPort` of the port with that name and
 *   protocol). Without a port, every port of that protocol.
 * - A connection needs both: the source pod's egress and the destination pod's ingress. It is
 *   judged after kube-proxy's DNAT (the endpoint pod and its target port).
 * - Hosts: a node, a host-network pod (it is the node for the network) and any address outside
 *   the pod network are not pods for policies: no policy isolates them, selectors never match
 *   them; a pod's rules reach them by `ipBlock` only (Calico's behaviour for node → pod traffic).
 * - Exceptions the API documents: a pod cannot block access to itself (its own IP, localhost),
 *   and traffic between a pod and the node it runs on (kubelet probes, host-network pods there)
 *   is always allowed.
 */
import type { LabelSelector } from '../controllers/objects.ts';
import { selectorMatches } from '../controllers/objects.ts';

/** ICMP has no port: only a rule without `ports` matches it (see pingCommand.ts). */
export type Protocol = 'TCP' | 'UDP' | 'SCTP' | 'ICMP';

/** A pod as policies see it. */
export interface PolicyPod {
  namespace: string;
  name: string;
  ip: string;
  labels?: Readonly<Record<string, string>>;
  /** Host-network pods are hosts for policies (their IP is the node's). */
  hostNetwork?: boolean;
  /** The IP of the node it runs on: traffic with its own node is always allowed. */
  hostIP?: string;
  /** Its containers' ports: what a named port resolves to. */
  ports?: readonly { name?: string; containerPort?: number; protocol?: string }[];
}

/** One end of a connection: a pod, or an address that is not a pod's (a node, the outside). */
export type PolicyEndpoint = PolicyPod | { ip: string };

interface PolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr?: string; except?: readonly string[] };
}

interface PolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

/** The parts of a NetworkPolicy the evaluator reads. */
export interface NetworkPolicyLike {
  metadata?: { namespace?: string; name?: string };
  spec?: {
    podSelector?: LabelSelector;
    policyTypes?: readonly string[];
    ingress?: readonly { from?: readonly PolicyPeer[]; ports?: readonly PolicyPort[] }[];
    egress?: readonly { to?: readonly PolicyPeer[]; ports?: readonly PolicyPort[] }[];
  };
}

/** What the evaluator knows of the cluster. */
export interface PolicyWorld {
  /** Every NetworkPolicy, of every namespace. */
  policies: readonly NetworkPolicyLike[];
  /** A namespace's labels (undefined: no such namespace). */
  namespaceLabels(namespace: string): Readonly<Record<string, string>> | undefined;
}

/** Whether an endpoint is a pod that policies apply to (not a host). */
export function isPolicyPod(e: PolicyEndpoint | undefined): e is PolicyPod {
  return e !== undefined && 'namespace' in e && e.hostNetwork !== true;
}

/** `a.b.c.d` as an unsigned 32-bit number; undefined when not an IPv4 address. */
function ipv4(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

/** Whether `ip` is in `cidr` (IPv4; an IPv6 CIDR holds no IPv4 address). */
export function inCidr(ip: string, cidr: string): boolean {
  const [base = '', bits = ''] = cidr.split('/');
  const a = ipv4(ip);
  const b = ipv4(base);
  const n = Number(bits);
  if (a === undefined || b === undefined || !/^\d{1,2}$/.test(bits) || n > 32) return false;
  if (n === 0) return true;
  const size = 2 ** (32 - n);
  return Math.floor(a / size) === Math.floor(b / size);
}

/** The labels of a namespace; every namespace carries `kubernetes.io/metadata.name`. */
function namespaceLabels(world: PolicyWorld, namespace: string): Record<string, string> {
  return { ...world.namespaceLabels(namespace), 'kubernetes.io/metadata.name': namespace };
}

/** Whether a peer of a policy in `policyNs` matches the other end `e`. */
function peerMatches(
  world: PolicyWorld,
  peer: PolicyPeer,
  policyNs: string,
  e: PolicyEndpoint,
): boolean {
  if (peer.ipBlock) {
    const { cidr, except } = peer.ipBlock;
    if (!cidr || !inCidr(e.ip, cidr)) return false;
    return !(except ?? []).some((x) => inCidr(e.ip, x));
  }
  if (!isPolicyPod(e)) return false;
  if (peer.namespaceSelector) {
    if (!selectorMatches(peer.namespaceSelector, namespaceLabels(world, e.namespace))) return false;
  } else if (e.namespace !== policyNs) return false;
  return peer.podSelector ? selectorMatches(peer.podSelector, e.labels) : true;
}

/** Whether a rule's port matches `port`/`protocol` at the destination `dst`. */
function portMatches(
  p: PolicyPort,
  port: number,
  protocol: Protocol,
  dst: PolicyEndpoint,
): boolean {
  if ((p.protocol ?? 'TCP') !== protocol) return false;
  if (p.port === undefined) return true;
  if (typeof p.port === 'number') {
    return p.endPort !== undefined ? port >= p.port && port <= p.endPort : port === p.port;
  }
  if (/^\d+$/.test(p.port)) return Number(p.port) === port;
  // A named port: the destination pod's container port of that name and protocol.
  if (!isPolicyPod(dst)) return false;
  return (dst.ports ?? []).some(
    (c) => c.name === p.port && (c.protocol ?? 'TCP') === protocol && c.containerPort === port,
  );
}

/** Whether a rule (its peers and ports) lets `other` through to `port` of `dst`. */
function ruleAllows(
  world: PolicyWorld,
  peers: readonly PolicyPeer[] | undefined,
  ports: readonly PolicyPort[] | undefined,
  policyNs: string,
  other: PolicyEndpoint,
  dst: PolicyEndpoint,
  port: number,
  protocol: Protocol,
): boolean {
  if (ports && ports.length > 0 && !ports.some((p) => portMatches(p, port, protocol, dst))) {
    return false;
  }
  if (!peers || peers.length === 0) return true;
  return peers.some((peer) => peerMatches(world, peer, policyNs, other));
}

/** The policy types of a policy (the API server's default when unset). */
function typesOf(p: NetworkPolicyLike): readonly string[] {
  const types = p.spec?.policyTypes;
  if (types && types.length > 0) return types;
  return (p.spec?.egress?.length ?? 0) > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** The policies of the pod's namespace that select it and have `type`. */
export function isolatingPolicies(
  world: PolicyWorld,
  pod: PolicyPod,
  type: 'Ingress' | 'Egress',
): NetworkPolicyLike[] {
  if (!isPolicyPod(pod)) return [];
  return world.policies.filter(
    (p) =>
      (p.metadata?.namespace ?? 'default') === pod.namespace &&
      typesOf(p).includes(type) &&
      selectorMatches(p.spec?.podSelector ?? {}, pod.labels),
  );
}

/**
 * Whether the policies isolating `subject` for `type` let `peer` through: ingress judges the
 * destination's `from` rules against the source, egress the source's `to` rules against the
 * destination. Ports are always the destination's.
 */
function directionAllowed(
  world: PolicyWorld,
  type: 'Ingress' | 'Egress',
  src: PolicyEndpoint,
  dst: PolicyEndpoint,
  port: number,
  protocol: Protocol,
): boolean {
  const [subject, peer] = type === 'Ingress' ? [dst, src] : [src, dst];
  if (!isPolicyPod(subject)) return true;
  const policies = isolatingPolicies(world, subject, type);
  if (policies.length === 0) return true;
  // Each rule as its peers and ports: `from` for ingress, `to` for egress.
  const rules = (p: (typeof policies)[number]) =>
    type === 'Ingress'
      ? (p.spec?.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports }))
      : (p.spec?.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }));
  return policies.some((p) =>
    rules(p).some((r) =>
      ruleAllows(world, r.peers, r.ports, subject.namespace, peer, dst, port, protocol),
    ),
  );
}

/** Whether `dst`'s ingress policies let `src` reach its `port`. */
export function ingressAllowed(
  world: PolicyWorld,
  src: PolicyEndpoint,
  dst: PolicyEndpoint,
  port: number,
  protocol: Protocol = 'TCP',
): boolean {
  return directionAllowed(world, 'Ingress', src, dst, port, protocol);
}

/** Whether `src`'s egress policies let it reach `port` of `dst`. */
export function egressAllowed(
  world: PolicyWorld,
  src: PolicyEndpoint,
  dst: PolicyEndpoint,
  port: number,
  protocol: Protocol = 'TCP',
): boolean {
  return directionAllowed(world, 'Egress', src, dst, port, protocol);
}

/**
 * Whether a connection from `src` to `port`/`protocol` of `dst` gets through: the source's
 * egress and the destination's ingress must both allow it. A pod reaching itself always does.
 */
export function connectionAllowed(
  world: PolicyWorld,
  src: PolicyEndpoint,
  dst: PolicyEndpoint,
  port: number,
  protocol: Protocol = 'TCP',
): boolean {
  if (world.policies.length === 0) return true;
  if (isPolicyPod(src) && isPolicyPod(dst)) {
    if (src.namespace === dst.namespace && src.name === dst.name) return true;
  } else if (isPolicyPod(dst)) {
    if (dst.hostIP !== undefined && dst.hostIP === src.ip) return true;
  } else if (isPolicyPod(src)) {
    if (src.hostIP !== undefined && src.hostIP === dst.ip) return true;
  }
  return (
    egressAllowed(world, src, dst, port, protocol) &&
    ingressAllowed(world, src, dst, port, protocol)
  );
}
