/**
 * A pod's view of the network under NetworkPolicy: the Services and addresses it reaches, with
 * what a policy-enforcing CNI drops marked on their ports (networkPolicy.ts judges). A Service
 * port is judged at the endpoint kube-proxy DNATs the connection to (the pod and its target
 * port); one without endpoints by the client's egress to the cluster IP alone; a pod's or a
 * node's address at the port asked. The kube-dns Service's port 53 is judged for UDP too: the
 * resolver's queries.
 */
import {
  connectionAllowed,
  egressAllowed,
  type NetworkPolicyLike,
  type PolicyEndpoint,
  type PolicyPod,
  type PolicyWorld,
  type Protocol,
} from './networkPolicy.ts';
import type { Network, ServiceView } from './program.ts';

/** An API object as the guard reads it (a pod, a namespace). */
interface ObjectLike {
  metadata?: { namespace?: string; name?: string; labels?: Record<string, string> };
  spec?: unknown;
  status?: unknown;
}

/** A pod object as NetworkPolicy sees it: namespace, labels, IP and its containers' ports. */
export function policyPodOf(p: ObjectLike): PolicyPod {
  const spec = p.spec as
    | {
        hostNetwork?: boolean;
        containers?: { ports?: { name?: string; containerPort?: number; protocol?: string }[] }[];
      }
    | undefined;
  const status = p.status as { podIP?: string; hostIP?: string } | undefined;
  const pod: PolicyPod = {
    namespace: p.metadata?.namespace ?? 'default',
    name: p.metadata?.name ?? '',
    ip: status?.podIP ?? '',
    labels: p.metadata?.labels ?? {},
    ports: (spec?.containers ?? []).flatMap((c) => c.ports ?? []),
  };
  if (spec?.hostNetwork) pod.hostNetwork = true;
  if (status?.hostIP) pod.hostIP = status.hostIP;
  return pod;
}

/**
 * `policyNetwork`, built on first use: a container's program that never connects anywhere (most
 * of them) costs nothing.
 */
export function lazyPolicyNetwork(
  base: Network,
  src: () => PolicyEndpoint,
  cluster: () => PolicyCluster,
): Network {
  let guarded: Network | undefined;
  return (namespace, host, port) => {
    guarded ??= policyNetwork(base, src(), cluster());
    return guarded(namespace, host, port);
  };
}

/** What the guard needs besides the policies: who is at an address. */
export interface PolicyCluster extends PolicyWorld {
  /** The pod (not host-network) at `ip`; undefined for any other address. */
  podAt(ip: string): PolicyPod | undefined;
}

type ViewPort = ServiceView['ports'][number];

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * `base` as `src` finds it once NetworkPolicies apply. Without any policy, `base` itself (no
 * work for clusters that have none).
 */
export function policyNetwork(base: Network, src: PolicyEndpoint, cluster: PolicyCluster): Network {
  if (cluster.policies.length === 0) return base;
  const endpoint = (ip: string): PolicyEndpoint => cluster.podAt(ip) ?? { ip };
  const allowed = (ip: string, port: number, protocol: Protocol) =>
    connectionAllowed(cluster, src, endpoint(ip), port, protocol);
  return (namespace, host, port) => {
    const view = base(namespace, host, port);
    if (!view) {
      // An address nothing in the cluster has: a SYN the source's egress drops never gets as far
      // as the node's ARP (no `No route to host`, a timeout).
      if (
        port === undefined ||
        !IPV4.test(host) ||
        egressAllowed(cluster, src, { ip: host }, port)
      ) {
        return view;
      }
      return {
        namespace: '',
        name: host,
        clusterIP: host,
        ports: [{ port, ready: false, dropped: true }],
        direct: true,
      };
    }
    const dns = !view.direct && view.namespace === 'kube-system' && view.name === 'kube-dns';
    const ports: ViewPort[] = view.ports.map((p) => {
      const to = p.endpoint ?? (view.direct ? { ip: view.clusterIP, port: p.port } : undefined);
      const ok = to
        ? allowed(to.ip, to.port, 'TCP')
        : egressAllowed(cluster, src, { ip: view.clusterIP }, p.port);
      let next: ViewPort = ok ? p : { ...p, dropped: true };
      if (dns && p.port === 53 && to && !allowed(to.ip, to.port, 'UDP')) {
        next = { ...next, droppedUdp: true };
      }
      return next;
    });
    // A port nothing listens on is refused by the pod's kernel, unless the policy drops the SYN.
    if (
      port !== undefined &&
      view.direct &&
      !view.ports.some((p) => p.port === port) &&
      !allowed(view.clusterIP, port, 'TCP')
    ) {
      ports.push({ port, ready: false, dropped: true });
    }
    // ICMP (ping) to a pod: judged as a protocol without ports.
    const icmp =
      view.direct && view.backendPod !== undefined && !allowed(view.clusterIP, 0, 'ICMP')
        ? { icmpDropped: true }
        : {};
    return { ...view, ports, ...icmp };
  };
}

/**
 * The cluster as the guard sees it: the NetworkPolicies, and the namespaces and pods, listed on
 * first need (a pod at an IP: a running one, not host-network; finished pods gave theirs up).
 */
export function policyCluster(
  policies: readonly NetworkPolicyLike[],
  namespaces: () => readonly ObjectLike[],
  pods: () => readonly ObjectLike[],
): PolicyCluster {
  let byIP: Map<string, PolicyPod> | undefined;
  let labels: Map<string, Record<string, string>> | undefined;
  return {
    policies,
    namespaceLabels(namespace) {
      labels ??= new Map(
        namespaces().map((n) => [n.metadata?.name ?? '', n.metadata?.labels ?? {}]),
      );
      return labels.get(namespace);
    },
    podAt(ip) {
      if (!byIP) {
        byIP = new Map();
        for (const o of pods()) {
          const status = o.status as { podIP?: string; phase?: string } | undefined;
          if (!status?.podIP || status.phase === 'Succeeded' || status.phase === 'Failed') continue;
          const pod = policyPodOf(o);
          if (!pod.hostNetwork) byIP.set(status.podIP, pod);
        }
      }
      return byIP.get(ip);
    },
  };
}
