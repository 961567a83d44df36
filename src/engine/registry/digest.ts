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

/**
 * 64 lower-case hex characters derived from `input`: fnv-1a of its UTF-8 bytes under eight
 * seeds, one word each. The bytes are read by index (a for…of over them ran the iterator
 * protocol per byte while the code is interpreted), and the function stays small: it is hot
 * only while a cluster is built, and a big one costs more to optimise than it saves.
 */
export function hex64(input: string): string {
  const bytes = encoder.encode(input);
  const n = bytes.length;
  for (let i = 0; i < 8; i++) {
    let h = STARTS[i]!;
    for (let k = 0; k < n; k++) h = Math.imul(h ^ bytes[k]!, FNV_PRIME);
    // A final avalanche so nearby seeds give unrelated words.
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    for (let j = 0; j < 8; j++) CODES[i * 8 + j] = HEX_CODES[(h >>> (28 - 4 * j)) & 15]!;
  }
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
