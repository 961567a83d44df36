/**
 * The cluster as a container on `node` reaches it: Services through that node's kube-proxy
 * rules. A Service kube-proxy never programmed there (no kube-proxy pod ran since it was made)
 * still has a name in cluster DNS, but its cluster IP leads nowhere: a connection times out.
 */
import type { Cluster } from '../../engine/index.ts';
import type { KubeProxy } from '../../engine/node/kubeProxy.ts';
import type { Network } from '../../engine/node/program.ts';
import type { Ctx } from '../context.ts';

/** Whether `node`'s kube-proxy has rules for `clusterIP` (true when the node has none to ask). */
export function proxyRoutes(cluster: Cluster, node: string, clusterIP: string): boolean {
  const actor = `kube-proxy/${node}`;
  const proxy = cluster.reconcilers.find((r) => r.actor === actor) as KubeProxy | undefined;
  return proxy ? proxy.rules().some((r) => r.clusterIP === clusterIP) : true;
}

/** `network` as seen from `node`: Services its kube-proxy did not program are not routed. */
export function throughNodeProxy(ctx: Ctx, network: Network, node: string | undefined): Network {
  const routes = ctx.host.proxyRoutes;
  if (!routes || !node) return network;
  return (namespace, host, port) => {
    const view = network(namespace, host, port);
    if (!view || view.direct || view.externalName !== undefined || view.addresses) return view;
    if (!view.clusterIP || view.clusterIP === 'None' || routes(node, view.clusterIP)) return view;
    return /^\d+\.\d+\.\d+\.\d+$/.test(host) ? undefined : { ...view, unprogrammed: true };
  };
}
