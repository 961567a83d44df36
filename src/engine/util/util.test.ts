import { describe, expect, it } from 'vitest';
import { randomHex64 } from '../registry/digest.ts';
import { parseTimestamp, rfc3339, rfc3339Micro, START_MS, unixNanos } from './clock.ts';
import { generateName, NAME_ALPHABET, randomHex64Of, uuid } from './names.ts';
import { createRng } from './rng.ts';

describe('clock', () => {
  it('maps the learner start to five days after the cluster epoch', () => {
    expect(START_MS).toBe(30_000);
    expect(rfc3339(START_MS)).toBe('2026-01-06T00:00:00Z');
    expect(rfc3339(0)).toBe('2026-01-05T23:59:30Z');
    expect(rfc3339(START_MS - 5 * 86_400_000)).toBe('2026-01-01T00:00:00Z');
    expect(rfc3339(START_MS + 61_999)).toBe('2026-01-06T00:01:01Z');
    expect(rfc3339Micro(START_MS + 1_234)).toBe('2026-01-06T00:00:01.234000Z');
    // The last millisecond's text is kept: the same again, then the next one, then back.
    expect(rfc3339Micro(START_MS + 1_234.5)).toBe('2026-01-06T00:00:01.234000Z');
    expect(rfc3339Micro(START_MS + 1_235)).toBe('2026-01-06T00:00:01.235000Z');
    expect(rfc3339Micro(START_MS + 1_234)).toBe('2026-01-06T00:00:01.234000Z');
    expect(parseTimestamp('2026-01-06T00:01:01Z')).toBe(START_MS + 61_000);
  });
  it('gives unix nanoseconds exactly', () => {
    expect(unixNanos(START_MS)).toBe(1_767_657_600_000_000_000n);
  });
});

describe('rng and names', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = [a.next(), a.next(), a.next()];
    expect([b.next(), b.next(), b.next()]).toEqual(xs);
    expect(c.next()).not.toBe(xs[0]);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
  it('generates names with the Kubernetes alphabet and truncates the base to 58', () => {
    const rng = createRng(1);
    const name = generateName('web-7c79c4bf97-', rng);
    expect(name).toMatch(/^web-7c79c4bf97-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const long = generateName('a'.repeat(70), rng);
    expect(long).toHaveLength(63);
    expect(long.startsWith('a'.repeat(58))).toBe(true);
    expect(NAME_ALPHABET).toHaveLength(27);
  });
  it('draws a nibble exactly as int(16) does, from the same state', () => {
    for (const seed of [0, 1, 7, 42, 0xffffffff]) {
      const a = createRng(seed);
      const b = createRng(seed);
      for (let i = 0; i < 20_000; i++) {
        expect(a.nibble()).toBe(b.int(16));
        expect(a.state).toBe(b.state);
      }
    }
  });
  it('draws nibbles in bulk exactly as one nibble() at a time, leaving the same state', () => {
    for (const seed of [0, 1, 7, 42, 0xffffffff]) {
      const a = createRng(seed);
      const b = createRng(seed);
      const out = new Array<number>(64).fill(-1);
      for (const count of [32, 64, 1, 0, 17]) {
        a.nibbles(out, count);
        for (let i = 0; i < count; i++) expect(out[i]).toBe(b.nibble());
        expect(a.state).toBe(b.state);
      }
    }
  });
  it('makes container ids from the same draws as 64 next() calls taken as hex digits', () => {
    const a = createRng(3);
    const b = createRng(3);
    for (let k = 0; k < 50; k++) {
      expect(randomHex64Of(a)).toBe(randomHex64(() => b.next()));
      expect(a.state).toBe(b.state);
    }
  });
  it('makes uuid-shaped uids', () => {
    const id = uuid(createRng(7));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
