/**
 * Deterministic stand-ins for sha256 digests and container ids: 64 hex characters derived
 * from a string with fnv-1a under eight seeds. Not cryptographic; stable and well spread,
 * which is all the simulation needs.
 */
const encoder = new TextEncoder();

const FNV_PRIME = 0x01000193;

/**
 * The starting state of fnv-1a under each of the eight seeds, `0x811c9dc5 ^ seed` for the seed
 * `(i + 1) * 0x9e3779b9`. States are kept as signed 32-bit integers: the same bits as the
 * unsigned ones, but small integers to V8 (an unsigned one above 2^31 is a heap number, one
 * allocated per step while the code is still interpreted).
 */
const STARTS = Array.from({ length: 8 }, (_, i) => 0x811c9dc5 ^ Math.imul(i + 1, 0x9e3779b9));

/** fnv's final avalanche, so nearby seeds give unrelated words (signed in, signed out). */
function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** A character from 0x80 up: without one, the string's char codes are its UTF-8 bytes. */
const NON_ASCII = /[\u0080-\uffff]/;

/** The UTF-8 bytes of `input` as a string of char codes below 256 (one per byte). */
function utf8Chars(input: string): string {
  const bytes = encoder.encode(input);
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i]!);
  return out;
}

const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
/**
 * Scratch buffer for the 64 characters of an id: a plain array of small integers, which
 * `String.fromCharCode.apply` reads on its fast path (a typed array goes the generic way).
 */
const CODES: number[] = new Array<number>(64).fill(0);

/**
 * The 64 characters in CODES as one string. Built at once, not by 64 concatenations: those
 * make a rope of 64 string objects that stays in memory with every id kept in an object.
 */
function codesToString(): string {
  return String.fromCharCode.apply(null, CODES);
}

/** Write the eight hex digits of the 32-bit `word` into CODES from `at`. */
function putWord(word: number, at: number): void {
  for (let j = 0; j < 8; j++) CODES[at + j] = HEX_CODES[(word >>> (28 - 4 * j)) & 15]!;
}

/**
 * 64 lower-case hex characters derived from `input`: fnv-1a of its UTF-8 bytes under eight
 * seeds, one word each. The eight hashes run side by side in one pass over the bytes (one
 * read of each byte, not eight), and an ASCII input (nearly all) is read as it is, without
 * encoding it into a new byte array.
 */
export function hex64(input: string): string {
  const s = NON_ASCII.test(input) ? utf8Chars(input) : input;
  let h0 = STARTS[0]!;
  let h1 = STARTS[1]!;
  let h2 = STARTS[2]!;
  let h3 = STARTS[3]!;
  let h4 = STARTS[4]!;
  let h5 = STARTS[5]!;
  let h6 = STARTS[6]!;
  let h7 = STARTS[7]!;
  for (let k = 0; k < s.length; k++) {
    const b = s.charCodeAt(k);
    h0 = Math.imul(h0 ^ b, FNV_PRIME);
    h1 = Math.imul(h1 ^ b, FNV_PRIME);
    h2 = Math.imul(h2 ^ b, FNV_PRIME);
    h3 = Math.imul(h3 ^ b, FNV_PRIME);
    h4 = Math.imul(h4 ^ b, FNV_PRIME);
    h5 = Math.imul(h5 ^ b, FNV_PRIME);
    h6 = Math.imul(h6 ^ b, FNV_PRIME);
    h7 = Math.imul(h7 ^ b, FNV_PRIME);
  }
  putWord(avalanche(h0), 0);
  putWord(avalanche(h1), 8);
  putWord(avalanche(h2), 16);
  putWord(avalanche(h3), 24);
  putWord(avalanche(h4), 32);
  putWord(avalanche(h5), 40);
  putWord(avalanche(h6), 48);
  putWord(avalanche(h7), 56);
  return codesToString();
}

/** `sha256:<64 hex>` derived from `input`. */
export function fakeDigest(input: string): string {
  return `sha256:${hex64(input)}`;
}

/** 64 hex characters from a random source in [0, 1) (container and sandbox ids). */
export function randomHex64(random: () => number): string {
  // `| 0` floors a number in [0, 16) without a call to Math.floor per character.
  for (let i = 0; i < 64; i++) CODES[i] = HEX_CODES[(random() * 16) | 0]!;
  return codesToString();
}
