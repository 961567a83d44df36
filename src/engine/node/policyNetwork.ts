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
  type PolicyEndpoint,
  type PolicyPod,
  type PolicyWorld,
  type Protocol,
} from './networkPolicy.ts';
import type { Network, ServiceView } from './program.ts';

/** What the guard needs besides the policies: who is at an address. */
export interface PolicyCluster extends PolicyWorld {
  /** The pod (not host-network) at `ip`; undefined for any other address. */
  podAt(ip: string): PolicyPod | undefined;
}

type ViewPort = ServiceView['ports'][number];

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
    if (!view) return view;
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
    return { ...view, ports };
  };
}
