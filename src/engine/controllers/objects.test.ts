import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, clone, deepEqual, selectorMatches, setCondition } from './objects.ts';

describe('object helpers', () => {
  it('matches label selectors like metav1.LabelSelectorAsSelector', () => {
    const labels = { app: 'web', tier: 'frontend' };
    expect(selectorMatches({ matchLabels: { app: 'web' } }, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { app: 'db' } }, labels)).toBe(false);
    expect(selectorMatches({}, labels)).toBe(true);
    expect(selectorMatches(undefined, labels)).toBe(false);
    expect(
      selectorMatches(
        {
          matchExpressions: [
            { key: 'tier', operator: 'In', values: ['frontend', 'backend'] },
            { key: 'canary', operator: 'DoesNotExist' },
          ],
        },
        labels,
      ),
    ).toBe(true);
    expect(
      selectorMatches(
        { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }] },
        labels,
      ),
    ).toBe(false);
  });

  it('keeps lastTransitionTime when the status does not change and moves changed conditions last', () => {
    const a = {
      type: 'Available',
      status: 'False' as const,
      reason: 'X',
      lastTransitionTime: 't0',
    };
    const p = {
      type: 'Progressing',
      status: 'True' as const,
      reason: 'Y',
      lastTransitionTime: 't0',
    };
    const same = setCondition([a, p], { ...a, reason: 'Z', lastTransitionTime: 't1' });
    expect(same.map((c) => [c.type, c.reason, c.lastTransitionTime])).toEqual([
      ['Progressing', 'Y', 't0'],
      ['Available', 'Z', 't0'],
    ]);
    const flipped = setCondition([a, p], { ...a, status: 'True', lastTransitionTime: 't2' });
    expect(flipped.at(-1)?.lastTransitionTime).toBe('t2');
  });

  it('compares JSON structurally with null and missing fields alike; canonical JSON sorts keys', () => {
    expect(deepEqual({ a: 1, b: null }, { a: 1 })).toBe(true);
    expect(deepEqual({ a: [1, { x: 1 }] }, { a: [1, { x: 2 }] })).toBe(false);
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
  });

  it('clone copies exactly what a JSON round trip would, and nothing is shared', () => {
    const value = fc.letrec((tie) => ({
      any: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(undefined, null, true, 0, -0, 1.5, Number.NaN, Number.POSITIVE_INFINITY),
        fc.string(),
        fc.array(tie('any'), { maxLength: 4 }),
        fc.dictionary(fc.constantFrom('a', 'b', '1', '__proto__', 'status'), tie('any'), {
          maxKeys: 4,
        }),
      ),
    })).any;
    fc.assert(
      fc.property(value, (v) => {
        const copy = clone(v);
        const viaJson = v === undefined ? undefined : JSON.parse(JSON.stringify(v));
        // Same JSON text, same key order, and no undefined left anywhere.
        expect(JSON.stringify(copy)).toBe(JSON.stringify(viaJson));
        expect(copy).toStrictEqual(viaJson);
        if (v !== null && typeof v === 'object') expect(copy).not.toBe(v);
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
