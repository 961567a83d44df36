import type { NodeSelectorRequirement } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { newNodeInfo } from '../nodeInfo.ts';
import { schedulePod } from '../schedule.ts';
import { makeNode, makePod } from '../testing.ts';
import { compileTerm, required } from './nodeAffinity.ts';

const labels = { 'kubernetes.io/hostname': 'worker1', disktype: 'ssd', cores: '16', zone: 'a' };

describe('node selector terms', () => {
  it.each<[string, NodeSelectorRequirement, boolean]>([
    ['In (match)', { key: 'disktype', operator: 'In', values: ['ssd', 'nvme'] }, true],
    ['In (no match)', { key: 'disktype', operator: 'In', values: ['hdd'] }, false],
    ['In (missing label)', { key: 'gpu', operator: 'In', values: ['true'] }, false],
    ['NotIn (other value)', { key: 'disktype', operator: 'NotIn', values: ['hdd'] }, true],
    ['NotIn (missing label matches)', { key: 'gpu', operator: 'NotIn', values: ['true'] }, true],
    ['NotIn (listed value)', { key: 'disktype', operator: 'NotIn', values: ['ssd'] }, false],
    ['Exists', { key: 'zone', operator: 'Exists' }, true],
    ['Exists (missing)', { key: 'gpu', operator: 'Exists' }, false],
    ['DoesNotExist', { key: 'gpu', operator: 'DoesNotExist' }, true],
    ['DoesNotExist (present)', { key: 'zone', operator: 'DoesNotExist' }, false],
    ['Gt', { key: 'cores', operator: 'Gt', values: ['8'] }, true],
    ['Gt (equal is not greater)', { key: 'cores', operator: 'Gt', values: ['16'] }, false],
    ['Lt', { key: 'cores', operator: 'Lt', values: ['32'] }, true],
    ['Gt on a non-integer label', { key: 'disktype', operator: 'Gt', values: ['1'] }, false],
    ['Gt with two values is invalid', { key: 'cores', operator: 'Gt', values: ['1', '2'] }, false],
    ['In without values is invalid', { key: 'disktype', operator: 'In', values: [] }, false],
    ['Exists with values is invalid', { key: 'zone', operator: 'Exists', values: ['a'] }, false],
    ['unknown operator', { key: 'zone', operator: 'Like', values: ['a'] }, false],
  ])('%s', (_name, req, want) => {
    expect(compileTerm({ matchExpressions: [req] })(labels, 'worker1')).toBe(want);
  });

  it('ANDs the expressions of a term', () => {
    const term = compileTerm({
      matchExpressions: [
        { key: 'disktype', operator: 'In', values: ['ssd'] },
        { key: 'zone', operator: 'In', values: ['b'] },
      ],
    });
    expect(term(labels, 'worker1')).toBe(false);
  });

  it('matches metadata.name through matchFields', () => {
    const term = compileTerm({
      matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker1'] }],
    });
    expect(term(labels, 'worker1')).toBe(true);
    expect(term(labels, 'worker2')).toBe(false);
  });

  it('an empty term matches nothing', () => {
    expect(compileTerm({})(labels, 'worker1')).toBe(false);
  });
});

describe('NodeAffinity filter', () => {
  const nodes = [
    makeNode('worker1', { labels: { disktype: 'ssd', zone: 'a' } }),
    makeNode('worker2', { labels: { disktype: 'hdd', zone: 'b' } }),
    makeNode('worker3', { labels: { zone: 'c' } }),
  ].map((n) => newNodeInfo(n));

  const feasible = (pod: ReturnType<typeof makePod>) =>
    schedulePod(pod, nodes, { random: () => 0 })
      .verdicts.filter((v) => v.passed)
      .map((v) => v.node);

  it('ORs the required terms', () => {
    const pod = makePod('web', {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] },
              { matchExpressions: [{ key: 'zone', operator: 'In', values: ['c'] }] },
            ],
          },
        },
      },
    });
    expect(feasible(pod)).toEqual(['worker1', 'worker3']);
  });

  it('requires nodeSelector and affinity together', () => {
    const pod = makePod('web', {
      nodeSelector: { zone: 'a' },
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'disktype', operator: 'Exists' }] }],
          },
        },
      },
    });
    expect(feasible(pod)).toEqual(['worker1']);
  });

  it('pods without selector or affinity skip the plugin', () => {
    expect(required(makePod('web'))).toBeUndefined();
    expect(feasible(makePod('web'))).toEqual(['worker1', 'worker2', 'worker3']);
  });
});

describe('NodeAffinity score', () => {
  it('sums the weights of matching preferred terms, normalized by the best node', () => {
    const nodes = [
      makeNode('worker1', { labels: { zone: 'a', disktype: 'ssd' } }),
      makeNode('worker2', { labels: { zone: 'a' } }),
      makeNode('worker3', { labels: { disktype: 'ssd' } }),
      makeNode('worker4'),
    ].map((n) => newNodeInfo(n));
    const pod = makePod('web', {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 40,
              preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] },
            },
            {
              weight: 20,
              preference: {
                matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }],
              },
            },
          ],
        },
      },
    });
    const r = schedulePod(pod, nodes, { random: () => 0 });
    const na = r.scores.map((s) => s.plugins.find((p) => p.plugin === 'NodeAffinity')?.score);
    // raw 60, 40, 20, 0 → ×100/60 → 100, 66, 33, 0
    expect(na).toEqual([100, 66, 33, 0]);
    expect(r.skippedScorePlugins).not.toContain('NodeAffinity');
    expect(r.selectedNode).toBe('worker1');
  });
});
