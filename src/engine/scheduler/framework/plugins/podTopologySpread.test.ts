import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { newNodeInfo } from '../nodeInfo.ts';
import { schedulePod } from '../schedule.ts';
import { makeNode, makePod } from '../testing.ts';
import { defaultSpreadSelector } from './podTopologySpread.ts';

const RS = 'web-7c79c4bf97';
const LABELS = { app: 'web', 'pod-template-hash': '7c79c4bf97' };
const replica = (name: string, extra: { namespace?: string } = {}) =>
  makePod(name, { labels: LABELS, ownerReplicaSet: RS, ...extra });

function spreadScores(pod: Pod, nodes: ReturnType<typeof newNodeInfo>[]) {
  const r = schedulePod(pod, nodes, { random: () => 0 });
  return r.scores.map((s) => [
    s.node,
    s.plugins.find((p) => p.plugin === 'PodTopologySpread')?.score,
  ]);
}

describe('PodTopologySpread (system default constraints)', () => {
  it('applies to controller-owned pods only', () => {
    expect(defaultSpreadSelector(replica('web-1'))).toEqual(LABELS);
    expect(defaultSpreadSelector(makePod('bare', { labels: LABELS }))).toBeUndefined();
    const r = schedulePod(
      makePod('bare', { labels: LABELS }),
      [newNodeInfo(makeNode('worker1')), newNodeInfo(makeNode('worker2'))],
      { random: () => 0 },
    );
    expect(r.skippedScorePlugins).toContain('PodTopologySpread');
  });

  it('hostname spreading: fewer replicas on a node scores higher', () => {
    // 3 feasible nodes → weight ln(3 + 2) = 1.609; maxSkew 3 adds 2.
    // worker1 (2 replicas): 2·1.609 + 2 = 5.22 → 5; worker2 (1): 3.61 → 4; worker3 (0): 2.
    // Normalized 100·(max + min − s)/max with max 5, min 2: 40, 60, 100.
    const nodes = [
      newNodeInfo(makeNode('worker1'), [replica('web-a'), replica('web-b')]),
      newNodeInfo(makeNode('worker2'), [
        replica('web-c'),
        // neither of these counts: another namespace, and a terminating replica
        replica('web-x', { namespace: 'blue' }),
        {
          ...replica('web-y'),
          metadata: { ...replica('web-y').metadata, deletionTimestamp: '2024-01-01T00:00:00Z' },
        },
      ]),
      newNodeInfo(makeNode('worker3'), [makePod('other', { labels: { app: 'db' } })]),
    ];
    expect(spreadScores(replica('web-new'), nodes)).toEqual([
      ['worker1', 40],
      ['worker2', 60],
      ['worker3', 100],
    ]);
  });

  it('adds zone spreading for nodes labelled with a zone', () => {
    // hostname weight ln(5) = 1.609, zone weight ln(2 zones + 2) = 1.386, zone maxSkew 5 adds 4.
    // worker1 (1 replica, zone a has 1): 1.609 + 2 + 1.386 + 4 = 8.996 → 9
    // worker2 (0, zone a has 1): 2 + 5.386 = 7.386 → 7;  worker3 (0, zone b has 0): 2 + 4 = 6
    // max 9, min 6 → 100·(15 − s)/9: 66, 88, 100
    const zone = (z: string) => ({ 'topology.kubernetes.io/zone': z });
    const nodes = [
      newNodeInfo(makeNode('worker1', { labels: zone('a') }), [replica('web-a')]),
      newNodeInfo(makeNode('worker2', { labels: zone('a') })),
      newNodeInfo(makeNode('worker3', { labels: zone('b') })),
    ];
    expect(spreadScores(replica('web-new'), nodes)).toEqual([
      ['worker1', 66],
      ['worker2', 88],
      ['worker3', 100],
    ]);
  });

  it('all nodes score 100 when no node has a matching replica', () => {
    const nodes = [newNodeInfo(makeNode('worker1')), newNodeInfo(makeNode('worker2'))];
    // raw 2 and 2 → 100·(2 + 2 − 2)/2 = 100
    expect(spreadScores(replica('web-new'), nodes)).toEqual([
      ['worker1', 100],
      ['worker2', 100],
    ]);
  });
});
