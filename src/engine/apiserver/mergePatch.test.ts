import { describe, expect, it } from 'vitest';
import { cloneShared, deepFreeze } from '../util/persistentMap.ts';
import { mergePatch, mergePatchShared } from './mergePatch.ts';

describe('mergePatchShared', () => {
  const target = deepFreeze({
    a: 1,
    b: { x: 1, y: [1, 2] },
    c: { keep: true },
    d: 'gone',
  });
  const patch = { d: null, b: { y: [3], z: { n: 1 } }, e: [{ f: 1 }], a: 2 };

  it('is cloneShared(mergePatch(…)): same value, same key order', () => {
    const merged = mergePatchShared(target, patch);
    expect(JSON.stringify(merged)).toBe(JSON.stringify(cloneShared(mergePatch(target, patch))));
    expect(Object.keys(merged as object)).toEqual(['a', 'b', 'c', 'e']);
    expect(Object.keys((merged as { b: object }).b)).toEqual(['x', 'y', 'z']);
  });

  it('shares the frozen parts it keeps and copies the patch', () => {
    const merged = mergePatchShared(target, patch) as Record<string, unknown>;
    expect(merged.c).toBe(target.c);
    expect(Object.isFrozen(merged)).toBe(false);
    expect(merged.e).not.toBe(patch.e);
    expect((merged.e as object[])[0]).not.toBe(patch.e[0]);
    expect((merged.b as { y: unknown }).y).not.toBe(patch.b.y);
  });

  it('copies a patch that is not a map, as cloneShared does', () => {
    const list = deepFreeze([{ a: 1 }]);
    const out = mergePatchShared(target, list) as unknown[];
    expect(out).toEqual(list);
    expect(out).not.toBe(list);
    expect(out[0]).toBe(list[0]);
    expect(mergePatchShared(target, 'x')).toBe('x');
  });
});
