/**
 * Kubernetes naming helpers: generateName suffixes (apiserver `names.SimpleNameGenerator`)
 * and uuid-shaped uids, both driven by the seeded random source.
 */
import type { Rng } from './rng.ts';

/** The alphabet of `rand.String` in apimachinery: no vowels, no 0/1/3, avoids bad words. */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
/** Random suffix length used by generateName. */
export const RANDOM_LENGTH = 5;
/** 63 - 5: the generateName base is cut to this length first. */
export const MAX_GENERATED_NAME_LENGTH = 58;

/** `n` random characters from the Kubernetes alphabet, e.g. `x6j7v`. */
export function randomString(rng: Rng, n = RANDOM_LENGTH): string {
  let s = '';
  for (let i = 0; i < n; i++) s += NAME_ALPHABET[rng.int(NAME_ALPHABET.length)];
  return s;
}

/** `base` (truncated to 58 characters) plus 5 random characters. */
export function generateName(base: string, rng: Rng): string {
  return base.slice(0, MAX_GENERATED_NAME_LENGTH) + randomString(rng);
}

const HEX = '0123456789abcdef';

/** A version-4-shaped UUID from the seeded source, e.g. `3f2a…-…-4…-8…-…`. */
export function uuid(rng: Rng): string {
  // Character codes first, one string at the end: 36 concatenations would build a rope
  // that every later comparison or hash of the uid has to flatten.
  const codes = UUID_CODES;
  const nibbles = UUID_NIBBLES;
  rng.nibbles(nibbles, 32);
  let j = 0;
  for (let i = 0; i < 32; i++) {
    let d = nibbles[i]!;
    if (i === 12) d = 4;
    if (i === 16) d = 8 + (d & 3);
    codes[j++] = HEX_CODES[d]!;
    if (i === 7 || i === 11 || i === 15 || i === 19) codes[j++] = DASH;
  }
  return String.fromCharCode.apply(null, codes);
}
const HEX_CODES = Array.from(HEX, (c) => c.charCodeAt(0));

/**
 * 64 random hex characters (container and sandbox ids): one draw each, the very characters
 * of 64 `rng.next()` draws taken as `floor(x * 16)`, the 64 draws made at once.
 */
export function randomHex64Of(rng: Rng): string {
  const codes = HEX64_CODES;
  rng.nibbles(codes, 64);
  for (let i = 0; i < 64; i++) codes[i] = HEX_CODES[codes[i]!]!;
  return String.fromCharCode.apply(null, codes);
}
/** Scratch buffer for `randomHex64Of`: a plain array, as for `uuid`. */
const HEX64_CODES: number[] = new Array<number>(64).fill(0);
const DASH = '-'.charCodeAt(0);
/**
 * Scratch buffer for `uuid` (36 characters): a plain array, which `apply` takes on its fast
 * path (a typed array costs it about twice as much).
 */
const UUID_CODES: number[] = new Array<number>(36).fill(0);
/** Scratch buffer for the 32 draws of a uuid. */
const UUID_NIBBLES: number[] = new Array<number>(32).fill(0);
