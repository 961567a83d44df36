import { describe, expect, it } from 'vitest';
import { newNodeInfo } from '../nodeInfo.ts';
import { podRequests } from '../resources.ts';
import { makeNode, makePod } from '../testing.ts';
import type { CycleState } from '../types.ts';
import { filter, leastRequestedScore, score } from './nodeResourcesFit.ts';

function state(pod: ReturnType<typeof makePod>): CycleState {
  return {
    pod,
    namespace: 'default',
    requests: podRequests(pod),
    hostPorts: [],
    tolerations: [],
    allNodes: [],
  };
}

describe('NodeResourcesFit filter', () => {
  const node = newNodeInfo(makeNode('worker1', { cpu: '2', memory: '4Gi', pods: '3' }), [
    makePod('a', { cpu: '1500m', memory: '1Gi' }),
    makePod('b'),
  ]);

  it('fits exactly what is left', () => {
    // 2000m − 1500m = 500m left; 4Gi − 1Gi = 3Gi left
    expect(filter(state(makePod('p', { cpu: '500m', memory: '3Gi' })), node)).toBeUndefined();
  });

  it('reports every insufficient resource', () => {
    expect(filter(state(makePod('p', { cpu: '501m', memory: '4Gi' })), node)).toEqual({
      plugin: 'NodeResourcesFit',
      code: 'Unschedulable',
      reasons: ['Insufficient cpu', 'Insufficient memory'],
    });
  });

  it('BestEffort pods only need a pod slot, even on a node whose CPU is fully requested', () => {
    const full = newNodeInfo(makeNode('worker1', { cpu: '1', pods: '2' }), [
      makePod('a', { cpu: '1' }),
    ]);
    expect(filter(state(makePod('p')), full)).toBeUndefined();
    const two = newNodeInfo(makeNode('worker1', { cpu: '1', pods: '2' }), [
      makePod('a'),
      makePod('b'),
    ]);
    expect(filter(state(makePod('p')), two)?.reasons).toEqual(['Too many pods']);
  });

  it('stays Unschedulable (preemption may help) even when the request exceeds the whole node', () => {
    expect(filter(state(makePod('p', { cpu: '64' })), node)?.code).toBe('Unschedulable');
  });
});

describe('LeastAllocated score', () => {
  it('leastRequestedScore is (capacity − requested) × 100 / capacity, truncated', () => {
    expect(leastRequestedScore(1500, 4000)).toBe(62); // 62.5
    expect(leastRequestedScore(0, 4000)).toBe(100);
    expect(leastRequestedScore(4001, 4000)).toBe(0);
    expect(leastRequestedScore(10, 0)).toBe(0);
  });

  it('averages cpu and memory using non-zero requests including the incoming pod', () => {
    const node = newNodeInfo(makeNode('worker1', { cpu: '4', memory: '8Gi' }), [
      makePod('a', { cpu: '1', memory: '2Gi' }),
    ]);
    // cpu: 1000 + 500 = 1500 of 4000 → 62; memory: 2Gi + 1Gi = 3Gi of 8Gi → 62.5 → 62
    expect(score(state(makePod('p', { cpu: '500m', memory: '1Gi' })), node)).toBe(62);
    // A BestEffort pod on an empty 2 CPU / 4Gi node counts as 100m / 200Mi:
    // cpu 1900·100/2000 = 95; memory (4096−200)·100/4096 = 95.1 → 95
    const empty = newNodeInfo(makeNode('worker2', { cpu: '2', memory: '4Gi' }));
    expect(score(state(makePod('p')), empty)).toBe(95);
  });
});

describe('NodeResourcesFit: ephemeral-storage and extended resources', () => {
  const gpuNode = (name: string) => {
    const node = makeNode(name);
    node.status!.allocatable = {
      ...node.status!.allocatable,
      'nvidia.com/gpu': '1',
      'ephemeral-storage': '10Gi',
    };
    return node;
  };
  const trainer = (name: string, gpus: string) =>
    makePod(name, {
      containers: [
        { name: 't', image: 'trainer', resources: { limits: { 'nvidia.com/gpu': gpus } } },
      ],
    });

  it('counts GPUs already requested on the node', () => {
    const busy = newNodeInfo(gpuNode('gpu-1'), [trainer('a', '1')]);
    expect(busy.requestedOther).toEqual({ 'nvidia.com/gpu': 1 });
    expect(filter(state(trainer('b', '1')), busy)?.reasons).toEqual([
      'Insufficient nvidia.com/gpu',
    ]);
    expect(filter(state(trainer('b', '1')), newNodeInfo(gpuNode('gpu-2')))).toBeUndefined();
  });

  it('a node without the extended resource cannot run the pod', () => {
    expect(filter(state(trainer('b', '1')), newNodeInfo(makeNode('worker1')))?.reasons).toEqual([
      'Insufficient nvidia.com/gpu',
    ]);
  });

  it('checks ephemeral-storage before extended resources; ignores non-extended names', () => {
    const pod = makePod('p', {
      containers: [
        {
          name: 'c',
          image: 'nginx',
          resources: {
            requests: { 'ephemeral-storage': '20Gi', 'example.com/foo': '1', storage: '1Gi' },
          },
        },
      ],
    });
    expect(filter(state(pod), newNodeInfo(gpuNode('gpu-1')))?.reasons).toEqual([
      'Insufficient ephemeral-storage',
      'Insufficient example.com/foo',
    ]);
  });
});
