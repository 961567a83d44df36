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
  /**
   * `count` nibbles at once into `out[0..count)`: exactly the draws and values of `count`
   * `nibble()` calls, without a method call per draw (ids and uids take 32 or 64).
   */
  nibbles(out: number[], count: number): void;
  /** Current internal state (for diagnostics and tests). */
  readonly state: number;
}

/**
 * A class, not closures: every Rng shares one set of methods, so the JavaScript engine's
 * optimised code for a call like `rng.next()` stays valid when a new cluster (with new Rngs)
 * is built, instead of being thrown away for "wrong call target".
 */
class Mulberry32 implements Rng {
  #a: number;
  constructor(seed: number) {
    this.#a = seed >>> 0;
  }
  /** The next 32-bit draw, as a signed integer (its bits are what matter). */
  #draw(): number {
    const a = (this.#a + 0x6d2b79f5) >>> 0;
    this.#a = a;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return t ^ (t >>> 14);
  }
  next(): number {
    return (this.#draw() >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  // floor(u / 2^32 * 16) is exactly u >>> 28 (a multiplication by 16 is exact).
  nibble(): number {
    return this.#draw() >>> 28;
  }
  // #draw written out in a loop over a local state: while the code is still interpreted, a
  // call (and a private-field read and write) per nibble was most of an id's cost.
  nibbles(out: number[], count: number): void {
    let a = this.#a;
    for (let i = 0; i < count; i++) {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      out[i] = (t ^ (t >>> 14)) >>> 28;
    }
    this.#a = a;
  }
  get state(): number {
    return this.#a;
  }
}

export function createRng(seed: number): Rng {
  return new Mulberry32(seed);
}
