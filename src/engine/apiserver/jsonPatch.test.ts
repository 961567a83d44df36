/** RFC 6902 operations with json-patch v4's quirks and error texts. */
import { describe, expect, it } from 'vitest';
import { applyJsonPatch, decodeJsonPatch, JsonPatchError } from './jsonPatch.ts';

const doc = () => ({ spec: { replicas: 2, list: ['a', 'b'] }, metadata: { labels: { x: '1' } } });
const apply = (ops: unknown) => applyJsonPatch(doc(), decodeJsonPatch(ops));
const error = (ops: unknown) => {
  try {
    apply(ops);
  } catch (e) {
    if (e instanceof JsonPatchError) return e.message;
    throw e;
  }
  return undefined;
};

describe('JSON patch', () => {
  it('add, remove, replace, move, copy, test', () => {
    expect(
      apply([
        { op: 'test', path: '/spec/replicas', value: 2 },
        { op: 'replace', path: '/spec/replicas', value: 5 },
        { op: 'add', path: '/spec/list/-', value: 'c' },
        { op: 'add', path: '/spec/list/0', value: 'z' },
        { op: 'remove', path: '/spec/list/1' },
        { op: 'copy', from: '/metadata/labels/x', path: '/metadata/labels/y' },
        { op: 'move', from: '/metadata/labels/x', path: '/metadata/labels/~1w' },
      ]),
    ).toEqual({
      spec: { replicas: 5, list: ['z', 'b', 'c'] },
      metadata: { labels: { y: '1', '/w': '1' } },
    });
    // Negative indices count from the end; replace of a missing key adds it (v4).
    expect(apply([{ op: 'remove', path: '/spec/list/-1' }])).toMatchObject({
      spec: { list: ['a'] },
    });
    expect(apply([{ op: 'replace', path: '/spec/paused', value: true }])).toMatchObject({
      spec: { paused: true },
    });
  });

  it('fails with json-patch’s texts', () => {
    expect(error([{ op: 'test', path: '/spec/replicas', value: 3 }])).toBe(
      'testing value /spec/replicas failed: test failed',
    );
    expect(error([{ op: 'add', path: '/spec/nope/x', value: 1 }])).toBe(
      'add operation does not apply: doc is missing path: "/spec/nope/x": missing value',
    );
    expect(error([{ op: 'replace', path: '/spec/nope/x', value: 1 }])).toBe(
      'replace operation does not apply: doc is missing path: /spec/nope/x: missing value',
    );
    expect(error([{ op: 'remove', path: '/metadata/labels/nope' }])).toBe(
      "error in remove for path: '/metadata/labels/nope': Unable to remove nonexistent key: nope: missing value",
    );
    expect(error([{ op: 'remove', path: '/spec/list/5' }])).toBe(
      "error in remove for path: '/spec/list/5': Unable to access invalid index: 5: invalid index referenced",
    );
    expect(error([{ op: 'replace', path: '/spec/list/7', value: 'q' }])).toBe(
      'replace operation does not apply: doc is missing key: /spec/list/7: missing value',
    );
    expect(error([{ op: 'frob', path: '/spec' }])).toBe('Unexpected kind: frob');
    expect(error([{ op: 'move', path: '/spec/x' }])).toBe(
      'move operation failed to decode from: operation, missing from field: missing value',
    );
    expect(() => decodeJsonPatch({ op: 'add' })).toThrow(
      'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    );
  });
});
