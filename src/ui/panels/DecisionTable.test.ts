import { describe, expect, it } from 'vitest';
import type { DecisionRow } from '../../story/types.ts';
import { sharedTopScore } from './DecisionTable.tsx';

const tainted: DecisionRow = {
  node: 'control-plane',
  feasible: false,
  chosen: false,
  reason: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
};
const worker = (node: string, total: number, chosen = false): DecisionRow => ({
  node,
  feasible: true,
  chosen,
  scores: { TaintToleration: 300 },
  total,
});

describe('sharedTopScore', () => {
  it('is true when equal best totals left the choice to chance', () => {
    expect(
      sharedTopScore({ rows: [tainted, worker('node1', 692, true), worker('node2', 692)] }),
    ).toBe(true);
  });

  it('is false when one node scored best, and ignores rejected nodes', () => {
    expect(
      sharedTopScore({ rows: [tainted, worker('node1', 700, true), worker('node2', 692)] }),
    ).toBe(false);
    expect(sharedTopScore({ rows: [tainted, worker('node1', 692, true)] })).toBe(false);
    expect(sharedTopScore({ rows: [tainted] })).toBe(false);
  });
});
