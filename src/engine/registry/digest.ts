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

/** 64 lower-case hex characters derived from `input`. */
export function hex64(input: string): string {
  const bytes = encoder.encode(input);
  let out = '';
  for (let i = 0; i < 8; i++)
    out += fnv(bytes, Math.imul(i + 1, 0x9e3779b9))
      .toString(16)
      .padStart(8, '0');
  return out;
}

/** `sha256:<64 hex>` derived from `input`. */
export function fakeDigest(input: string): string {
  return `sha256:${hex64(input)}`;
}

/** 64 hex characters from a random source in [0, 1) (container and sandbox ids). */
export function randomHex64(random: () => number): string {
  let out = '';
  for (let i = 0; i < 64; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}
