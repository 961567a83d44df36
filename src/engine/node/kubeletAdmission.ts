/**
 * The kubelet's admission of a pod bound to its node (lifecycle/predicate.go, the general
 * predicates): a pod placed with `spec.nodeName` skips the scheduler, but not this. The pod must
 * fit the node's allocatable pods, CPU and memory beside the pods already admitted there, and
 * match the node's labels if it asks for some; otherwise the kubelet rejects it: a Warning
 * event, and the pod Failed with the reason (`OutOfcpu`, `OutOfmemory`, `OutOfpods`,
 * `NodeAffinity`) and `Pod was rejected: …`. Only the first failure is reported.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/types.ts';
import { newNodeInfo } from '../scheduler/framework/nodeInfo.ts';
import { required } from '../scheduler/framework/plugins/nodeAffinity.ts';
import {
  type Allocatable,
  nodeAllocatable,
  podRequests,
} from '../scheduler/framework/resources.ts';

export interface Rejection {
  reason: string;
  message: string;
}

/** InsufficientResourceError's text. */
function insufficient(resource: string, requested: number, used: number, capacity: number) {
  return {
    reason: `OutOf${resource}`,
    message: `Node didn't have enough resource: ${resource}, requested: ${requested}, used: ${used}, capacity: ${capacity}`,
  };
}

/**
 * The pods the kubelet has admitted (active ones), listed only when needed: most admissions
 * ask for no CPU or memory and fit the pod count whatever the others are, so `atMost` (an upper
 * bound on their number, known without looking them up) answers them.
 */
export interface AdmittedPods {
  readonly atMost: number;
  list(): readonly KubeObject[];
}

/** `nodeAllocatable` per stored (frozen, so unchanging) `status.allocatable`. */
const allocatableMemo = new WeakMap<object, Allocatable>();

function allocatableOf(n: Node): Allocatable {
  const a = n.status?.allocatable;
  if (a === undefined || !Object.isFrozen(a)) return nodeAllocatable(n);
  let memo = allocatableMemo.get(a);
  if (memo === undefined) {
    memo = nodeAllocatable(n);
    allocatableMemo.set(a, memo);
  }
  return memo;
}

/**
 * Why the kubelet of `node` rejects `pod`, given the pods it has admitted (active ones), or
 * undefined when the pod is admitted.
 */
export function kubeletRejection(
  pod: KubeObject,
  node: KubeObject,
  admitted: readonly KubeObject[] | AdmittedPods,
): Rejection | undefined {
  const p = pod as unknown as Pod;
  const n = node as unknown as Node;
  const allocatable = allocatableOf(n);
  let others = Array.isArray(admitted) ? (admitted as readonly KubeObject[]) : undefined;
  const list = () => (others ??= (admitted as AdmittedPods).list());
  const atMost = others ? others.length : (admitted as AdmittedPods).atMost;
  // NodeResourcesFit's order: the pod count, then CPU, then memory.
  if (atMost + 1 > allocatable.pods && list().length + 1 > allocatable.pods) {
    return insufficient('pods', 1, list().length, allocatable.pods);
  }
  const req = podRequests(p).requested;
  if (req.milliCPU > 0 || req.memory > 0) {
    let cpu = 0;
    let memory = 0;
    for (const other of list()) {
      const r = podRequests(other as unknown as Pod).requested;
      cpu += r.milliCPU;
      memory += r.memory;
    }
    if (req.milliCPU > 0 && req.milliCPU > allocatable.milliCPU - cpu)
      return insufficient('cpu', req.milliCPU, cpu, allocatable.milliCPU);
    if (req.memory > 0 && req.memory > allocatable.memory - memory)
      return insufficient('memory', req.memory, memory, allocatable.memory);
  }
  const affinity = required(p);
  if (affinity && !affinity.match(newNodeInfo(n))) {
    return {
      reason: 'NodeAffinity',
      message: "Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector",
    };
  }
  return undefined;
}
