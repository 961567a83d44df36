import { describe, expect, it } from 'vitest';
import { generateName } from './names.ts';
import { BUCKETS, PersistentMap, tailBucket } from './persistentMap.ts';
import { createRng } from './rng.ts';

/** The largest bucket's share over the even share, for `keys`. */
function skew(keys: string[]): number {
  const sizes = new Array<number>(BUCKETS).fill(0);
  for (const k of keys) sizes[tailBucket(k)]!++;
  return Math.max(...sizes) / (keys.length / BUCKETS);
}

describe('PersistentMap buckets', () => {
  it('spread the keys of one etcd group, which differ only at their end', () => {
    const rng = createRng(7);
    const pods = Array.from(
      { length: 1000 },
      () => `/registry/pods/default/${generateName('web-6dc5cd68db-', rng)}`,
    );
    expect(skew(pods)).toBeLessThan(1.8);
    const nodes = Array.from({ length: 100 }, (_, i) => `/registry/minions/node${i + 1}`);
    expect(skew(nodes)).toBeLessThan(2.6);
    const events = Array.from(
      { length: 1000 },
      (_, i) =>
        `/registry/events/default/web-6dc5cd68db-x6j7v.${(0x1887fb3b19ff1a02n + BigInt(i * 7919)).toString(16)}`,
    );
    expect(skew(events)).toBeLessThan(1.8);
    // Short keys too.
    expect(tailBucket('')).toBe(0);
    expect(tailBucket('ab')).toBe(2);
  });

  it.each([false, true])(
    'a snapshot keeps what it saw while the map goes on (byTail %s)',
    (byTail) => {
      const m = new PersistentMap<number>({ byTail });
      for (let i = 0; i < 200; i++) m.set(`/registry/pods/default/p${i}`, i);
      const snap = m.freeze();
      m.set('/registry/pods/default/p7', -7);
      m.delete('/registry/pods/default/p8');
      m.set('/registry/pods/default/new', 1);
      expect(snap.get('/registry/pods/default/p7')).toBe(7);
      expect(snap.has('/registry/pods/default/p8')).toBe(true);
      expect(snap.has('/registry/pods/default/new')).toBe(false);
      expect(snap.size).toBe(200);
      expect(m.get('/registry/pods/default/p7')).toBe(-7);
      expect(m.has('/registry/pods/default/p8')).toBe(false);
      expect(m.size).toBe(200);
      expect([...snap.values()].sort((a, b) => a - b)).toEqual(
        Array.from({ length: 200 }, (_, i) => i),
      );
    },
  );
});
