/**
 * The network a pod's commands (exec, its program's log) reach, once the cluster's
 * NetworkPolicies apply: what this cluster's CNI enforces (Calico-like; see
 * engine/node/networkPolicy.ts). The CNI's view comes from the host, not from requests kubectl
 * would never send. Without any NetworkPolicy the pod's network is the cluster's.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { policyNetwork, policyPodOf } from '../../engine/node/policyNetwork.ts';
import type { Network } from '../../engine/node/program.ts';
import type { Ctx } from '../context.ts';

/** `base` as pod `p` finds it under the cluster's NetworkPolicies. */
export function podPolicyNetwork(ctx: Ctx, p: Pod, base: Network): Network {
  const cluster = ctx.host.networkPolicies?.();
  return cluster ? policyNetwork(base, policyPodOf(p), cluster) : base;
}
