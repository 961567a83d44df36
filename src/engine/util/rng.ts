/**
 * Seeded pseudo-random numbers (mulberry32). The engine's only source of randomness: the same
 * seed gives the same names, uids and scheduler tie-breaks.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /**
   * `int(16)` without the floating-point step: the draw's top four bits, the very value
   * `int(16)` gives for it (a uid takes 32 of these).
   */
  nibble(): number;
  /** Current internal state (for diagnostics and tests). */
  readonly state: number;
}

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  /** The next 32-bit draw, as a signed integer (its bits are what matter). */
  const draw = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return t ^ (t >>> 14);
  };
  const next = (): number => (draw() >>> 0) / 4294967296;
  return {
    next,
    int: (n) => Math.floor(next() * n),
    // floor(u / 2^32 * 16) is exactly u >>> 28 (a multiplication by 16 is exact).
    nibble: () => draw() >>> 28,
    get state() {
      return a;
    },
  };
}
