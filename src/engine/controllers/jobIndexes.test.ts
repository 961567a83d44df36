import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import {
  COMPLETION_INDEX_KEY,
  duplicatedIndexPods,
  firstPendingIndexes,
  formatIndexes,
  indexedGenerateName,
  parseIndexes,
  totalIndexes,
  withIndexes,
} from './jobIndexes.ts';

const pod = (name: string, index?: string): KubeObject => ({
  metadata: {
    name,
    ...(index === undefined ? {} : { annotations: { [COMPLETION_INDEX_KEY]: index } }),
  },
});

describe('completion indexes (indexed_job_utils.go)', () => {
  it('prints intervals as the API does: a pair with a comma, three or more with a dash', () => {
    expect(formatIndexes([[0, 0]])).toBe('0');
    expect(formatIndexes([[0, 1]])).toBe('0,1');
    expect(
      formatIndexes([
        [0, 2],
        [4, 4],
        [6, 7],
      ]),
    ).toBe('0-2,4,6,7');
    expect(formatIndexes([])).toBe('');
  });

  it('reads completedIndexes back, dropping indexes at or past completions', () => {
    expect(parseIndexes('0-2,4,9', 5)).toEqual([
      [0, 2],
      [4, 4],
    ]);
    expect(parseIndexes('1,2,3', 10)).toEqual([[1, 3]]);
    expect(parseIndexes('0-8', 4)).toEqual([[0, 3]]);
    expect(parseIndexes('x,3', 5)).toEqual([[3, 3]]);
    expect(parseIndexes('', 5)).toEqual([]);
  });

  it('merges new indexes into touching intervals and counts them', () => {
    const merged = withIndexes(
      [
        [0, 1],
        [5, 5],
      ],
      [2, 4, 7],
    );
    expect(merged).toEqual([
      [0, 2],
      [4, 5],
      [7, 7],
    ]);
    expect(totalIndexes(merged)).toBe(6);
  });

  it('starts the lowest indexes that neither succeeded nor run', () => {
    expect(firstPendingIndexes([[0, 1]], [pod('a', '3')], 3, 6)).toEqual([2, 4, 5]);
    expect(firstPendingIndexes([], [], 2, 5)).toEqual([0, 1]);
    expect(firstPendingIndexes([[0, 4]], [], 2, 5)).toEqual([]);
  });

  it('gives up pods without a valid index and the less advanced of a repeated index', () => {
    const byName = (a: KubeObject, b: KubeObject) =>
      (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1;
    const { remove, keep } = duplicatedIndexPods(
      [pod('b', '1'), pod('a', '1'), pod('c', '7'), pod('d'), pod('e', '0')],
      5,
      byName,
    );
    expect(remove.map((p) => p.metadata?.name)).toEqual(['c', 'd', 'a']);
    expect(keep.map((p) => p.metadata?.name)).toEqual(['e', 'b']);
  });

  it('names pods <job>-<index>-, cutting the job name to fit', () => {
    expect(indexedGenerateName('sample', 3)).toBe('sample-3-');
    expect(indexedGenerateName('x'.repeat(60), 12)).toBe(`${'x'.repeat(54)}-12-`);
  });
});
