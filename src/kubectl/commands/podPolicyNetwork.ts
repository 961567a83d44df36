/**
 * The network a pod's commands (exec, its program's log) reach, once the cluster's
 * NetworkPolicies apply: what this cluster's CNI enforces (Calico-like; see
 * engine/node/networkPolicy.ts). Without any NetworkPolicy the pod's network is the cluster's.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { NetworkPolicyLike, PolicyPod } from '../../engine/node/networkPolicy.ts';
import { type PolicyCluster, policyNetwork } from '../../engine/node/policyNetwork.ts';
import type { Network } from '../../engine/node/program.ts';
import type { Ctx } from '../context.ts';
import { listAll } from './common.ts';

/** A pod as NetworkPolicy sees it: namespace, labels, IP and its containers' ports. */
export function policyPodOf(p: Pod): PolicyPod {
  const pod: PolicyPod = {
    namespace: p.metadata?.namespace ?? 'default',
    name: p.metadata?.name ?? '',
    ip: p.status?.podIP ?? '',
    labels: p.metadata?.labels ?? {},
    ports: (p.spec?.containers ?? []).flatMap((c) => c.ports ?? []),
  };
  if (p.spec?.hostNetwork) pod.hostNetwork = true;
  return pod;
}

/** `base` as pod `p` finds it under the cluster's NetworkPolicies. */
export function podPolicyNetwork(ctx: Ctx, p: Pod, base: Network): Network {
  const policies = listAll(ctx, 'networkpolicies', undefined) as NetworkPolicyLike[];
  if (policies.length === 0) return base;
  let pods: Map<string, PolicyPod> | undefined;
  let namespaces: Map<string, Record<string, string>> | undefined;
  const cluster: PolicyCluster = {
    policies,
    namespaceLabels(namespace) {
      namespaces ??= new Map(
        listAll(ctx, 'namespaces', undefined).map((n) => [
          n.metadata?.name ?? '',
          n.metadata?.labels ?? {},
        ]),
      );
      return namespaces.get(namespace);
    },
    podAt(ip) {
      if (!pods) {
        pods = new Map();
        for (const o of listAll(ctx, 'pods', undefined) as Pod[]) {
          const phase = o.status?.phase;
          if (!o.status?.podIP || o.spec?.hostNetwork) continue;
          if (phase === 'Succeeded' || phase === 'Failed') continue;
          pods.set(o.status.podIP, policyPodOf(o));
        }
      }
      return pods.get(ip);
    },
  };
  return policyNetwork(base, policyPodOf(p), cluster);
}
