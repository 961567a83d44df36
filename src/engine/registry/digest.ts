/**
 * Deterministic stand-ins for sha256 digests and container ids: 64 hex characters derived
 * from a string with fnv-1a under eight seeds. Not cryptographic; stable and well spread,
 * which is all the simulation needs.
 */
const encoder = new TextEncoder();

function fnv(bytes: Uint8Array, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // A final avalanche so nearby seeds give unrelated words.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
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

/** 64 lower-case hex characters derived from `input`. */
export function hex64(input: string): string {
  const bytes = encoder.encode(input);
  for (let i = 0; i < 8; i++) {
    const word = fnv(bytes, Math.imul(i + 1, 0x9e3779b9));
    for (let j = 0; j < 8; j++) CODES[i * 8 + j] = HEX_CODES[(word >>> (28 - 4 * j)) & 15]!;
  }
  return codesToString();
}

/** `sha256:<64 hex>` derived from `input`. */
export function fakeDigest(input: string): string {
  return `sha256:${hex64(input)}`;
}

/** 64 hex characters from a random source in [0, 1) (container and sandbox ids). */
export function randomHex64(random: () => number): string {
  for (let i = 0; i < 64; i++) CODES[i] = HEX_CODES[Math.floor(random() * 16)]!;
  return codesToString();
}
