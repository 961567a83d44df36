import { describe, expect, it } from 'vitest';
import { newNodeInfo } from '../nodeInfo.ts';
import { podRequests } from '../resources.ts';
import { makeNode, makePod } from '../testing.ts';
import type { CycleState } from '../types.ts';
import { balancedScore, score } from './balancedAllocation.ts';

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

describe('NodeResourcesBalancedAllocation', () => {
  it('is 100 minus 100 × the spread between cpu and memory fractions', () => {
    // fractions .5 and .25 → std = |.5 − .25| / 2 = .125 → 87.5 → 87
    const node = newNodeInfo(makeNode('worker1', { cpu: '4', memory: '8Gi' }), [
      makePod('a', { cpu: '1', memory: '1Gi' }),
    ]);
    expect(score(state(makePod('p', { cpu: '1', memory: '1Gi' })), node)).toBe(87);
  });

  it('uses real requests: a BestEffort pod on an empty node is perfectly balanced', () => {
    expect(score(state(makePod('p')), newNodeInfo(makeNode('worker1')))).toBe(100);
  });

  it('caps fractions at 1 and ignores resources the node does not offer', () => {
    expect(balancedScore([5000, 0], [4000, 8])).toBe(50); // fractions 1 and 0
    expect(balancedScore([1000, 5], [0, 10])).toBe(100); // only memory counts
  });

  it('uses the population standard deviation for more than two resources', () => {
    // fractions .2, .4, .6 → mean .4, variance (.04 + 0 + .04)/3 → std .1633 → 83
    expect(balancedScore([2, 4, 6], [10, 10, 10])).toBe(83);
  });
});
