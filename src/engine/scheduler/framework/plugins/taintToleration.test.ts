import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { newNodeInfo } from '../nodeInfo.ts';
import { schedulePod } from '../schedule.ts';
import { makeNode, makePod } from '../testing.ts';
import { findUntoleratedTaint, toleratesTaint } from './taintToleration.ts';

const taint = (key: string, value: string | undefined, effect: string): Taint =>
  value === undefined ? { key, effect } : { key, value, effect };

describe('toleratesTaint', () => {
  const gpu = taint('nvidia.com/gpu', 'present', 'NoSchedule');
  it.each<[string, Toleration, boolean]>([
    [
      'Equal with the same value',
      { key: 'nvidia.com/gpu', operator: 'Equal', value: 'present', effect: 'NoSchedule' },
      true,
    ],
    [
      'empty operator means Equal',
      { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' },
      true,
    ],
    [
      'Equal with another value',
      { key: 'nvidia.com/gpu', operator: 'Equal', value: 'absent', effect: 'NoSchedule' },
      false,
    ],
    [
      'Exists ignores the value',
      { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
      true,
    ],
    ['empty effect matches all effects', { key: 'nvidia.com/gpu', operator: 'Exists' }, true],
    [
      'another effect does not match',
      { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoExecute' },
      false,
    ],
    ['empty key with Exists matches every taint', { operator: 'Exists' }, true],
    ['another key does not match', { key: 'dedicated', operator: 'Exists' }, false],
  ])('%s', (_name, t, want) => {
    expect(toleratesTaint(t, gpu)).toBe(want);
  });
});

describe('TaintToleration filter', () => {
  const taints = [
    taint('dedicated', 'db', 'PreferNoSchedule'),
    taint('dedicated', 'db', 'NoSchedule'),
    taint('node.kubernetes.io/unreachable', undefined, 'NoExecute'),
    taint('team', 'blue', 'NoExecute'),
  ];

  it('ignores PreferNoSchedule and reports the first untolerated NoSchedule/NoExecute taint', () => {
    // The default 300 s tolerations cover unreachable:NoExecute but not the others.
    const pod = makePod('web');
    expect(findUntoleratedTaint(taints, pod.spec!.tolerations!)).toEqual(taints[1]);
    const tolerant = [
      ...pod.spec!.tolerations!,
      { key: 'dedicated', operator: 'Equal', value: 'db' },
    ];
    expect(findUntoleratedTaint(taints, tolerant)).toEqual(taints[3]);
  });

  it('prints the taint value in the reason', () => {
    const nodes = [newNodeInfo(makeNode('db-1', { taints }))];
    expect(schedulePod(makePod('web'), nodes, { random: () => 0 }).verdicts[0]!.reasons).toEqual([
      { plugin: 'TaintToleration', reason: 'node(s) had untolerated taint {dedicated: db}' },
    ]);
  });
});

describe('TaintToleration score', () => {
  it('counts intolerable PreferNoSchedule taints and normalizes inversely', () => {
    const soft = (key: string) => taint(key, 'x', 'PreferNoSchedule');
    const nodes = [
      makeNode('clean'),
      makeNode('one', { taints: [soft('a')] }),
      makeNode('two', { taints: [soft('a'), soft('b')] }),
      // tolerated by the pod below (empty effect covers PreferNoSchedule)
      makeNode('tolerated', { taints: [soft('c')] }),
    ].map((n) => newNodeInfo(n));
    const pod = makePod('web', { tolerations: [{ key: 'c', operator: 'Exists' }] });
    const r = schedulePod(pod, nodes, { random: () => 0 });
    const tt = r.scores.map((s) => [
      s.node,
      s.plugins.find((p) => p.plugin === 'TaintToleration')?.score,
    ]);
    // raw 0,1,2,0; max 2 → 100 − 100·raw/2
    expect(tt).toEqual([
      ['clean', 100],
      ['one', 50],
      ['two', 0],
      ['tolerated', 100],
    ]);
    expect(r.scores[0]!.plugins[0]!.weight).toBe(3);
  });
});
