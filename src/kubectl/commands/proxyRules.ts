/**
 * A container's connections to Services when its node's kube-proxy is gone (its DaemonSet or
 * pod deleted): the node keeps the iptables rules kube-proxy last programmed, since kube-proxy
 * does not flush them on exit. Cluster DNS (CoreDNS watches the API) still names every Service,
 * but a Service created since has no rule on the node (its cluster IP answers nothing: the
 * connection times out), and a Service's endpoints stay as they were (a replaced pod's old IP:
 * no route to host). While kube-proxy runs, the API's view is the node's.
 */
import { internalPortView } from '../../engine/node/kubeProxy.ts';
import type { Network, ServiceView } from '../../engine/node/program.ts';
import type { Ctx } from '../context.ts';

const IPV4 = /^\d+\.\d+\.\d+\.\d+$/;

/** `network` as a container on `node` reaches it through the node's programmed rules. */
export function programmedNetwork(ctx: Ctx, node: string | undefined, network: Network): Network {
  const machines = ctx.host.machines;
  if (!node) return network;
  if (!machines?.proxyStale?.(node)) return nodeLocalNetwork(ctx, node, network);
  const rules = machines.proxyRules?.(node) ?? [];
  const ports = (clusterIP: string): ServiceView['ports'] =>
    rules.filter((r) => r.clusterIP === clusterIP).map((r) => internalPortView(r, node));
  return (namespace, host, port) => {
    const view = network(namespace, host, port);
    if (!view) {
      // A Service deleted since: its cluster IP still has its rules on this node.
      const rule = IPV4.test(host) ? rules.find((r) => r.clusterIP === host) : undefined;
      if (!rule) return view;
      const [ns = '', rest = ''] = rule.servicePort.split('/');
      const name = rest.slice(0, rest.lastIndexOf(':'));
      return { namespace: ns, name, clusterIP: host, ports: ports(host) };
    }
    // Pods, nodes, headless and ExternalName Services are not kube-proxy's.
    if (view.direct || view.externalName !== undefined || view.addresses) return view;
    if (!view.clusterIP || view.clusterIP === 'None') return view;
    return { ...view, ports: ports(view.clusterIP) };
  };
}

/**
 * While kube-proxy runs, the API's view, except for a Service with internalTrafficPolicy Local:
 * a container reaches its cluster IP only through the endpoints on its own node (none here:
 * the node's rules DROP it, the connection times out).
 */
function nodeLocalNetwork(ctx: Ctx, node: string, network: Network): Network {
  return (namespace, host, port) => {
    const view = network(namespace, host, port);
    if (!view || view.direct || view.externalName !== undefined || view.addresses) return view;
    if (!view.clusterIP || view.clusterIP === 'None') return view;
    const local = (ctx.host.machines?.proxyRules?.(node) ?? []).filter(
      (r) => r.internalLocal && r.clusterIP === view.clusterIP,
    );
    if (local.length === 0) return view;
    return {
      ...view,
      ports: view.ports.map((p) => {
        const r = local.find((x) => x.port === p.port);
        return r ? internalPortView(r, node) : p;
      }),
    };
  };
}
