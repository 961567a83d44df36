/**
 * The network a pod's commands (exec, its program's log) reach, once the cluster's
 * NetworkPolicies apply: what this cluster's CNI enforces (Calico-like; see
 * engine/node/networkPolicy.ts). Without any NetworkPolicy the pod's network is the cluster's.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { NetworkPolicyLike } from '../../engine/node/networkPolicy.ts';
import { policyCluster, policyNetwork, policyPodOf } from '../../engine/node/policyNetwork.ts';
import type { Network } from '../../engine/node/program.ts';
import type { Ctx } from '../context.ts';
import { listAll } from './common.ts';

/** `base` as pod `p` finds it under the cluster's NetworkPolicies. */
export function podPolicyNetwork(ctx: Ctx, p: Pod, base: Network): Network {
  const policies = listAll(ctx, 'networkpolicies', undefined) as NetworkPolicyLike[];
  if (policies.length === 0) return base;
  const cluster = policyCluster(
    policies,
    () => listAll(ctx, 'namespaces', undefined),
    () => listAll(ctx, 'pods', undefined),
  );
  return policyNetwork(base, policyPodOf(p), cluster);
}
