/**
 * NodePorts: a pod's host ports must be free on the node. A port bound on `0.0.0.0` conflicts
 * with the same protocol and port on any IP, and vice versa.
 * Code `Unschedulable` (not Unresolvable): evicting the pod holding the port would free it,
 * so preemption considers such nodes.
 */
import type { NodeInfo } from '../nodeInfo.ts';
import type { CycleState, Rejection } from '../types.ts';

export const NAME = 'NodePorts';
export const REASON = "node(s) didn't have free ports for the requested pod ports";

const ANY_IP = '0.0.0.0';

function conflicts(used: ReadonlySet<string>, key: string): boolean {
  const [protocol, ip, port] = key.split('/') as [string, string, string];
  if (ip === ANY_IP) {
    for (const u of used) {
      const [p2, , port2] = u.split('/');
      if (p2 === protocol && port2 === port) return true;
    }
    return false;
  }
  return used.has(key) || used.has(`${protocol}/${ANY_IP}/${port}`);
}

export function filter(state: CycleState, node: NodeInfo): Rejection | undefined {
  if (state.hostPorts.length === 0 || node.usedPorts.size === 0) return undefined;
  for (const key of state.hostPorts) {
    if (conflicts(node.usedPorts, key)) {
      return { plugin: NAME, code: 'Unschedulable', reasons: [REASON] };
    }
  }
  return undefined;
}
