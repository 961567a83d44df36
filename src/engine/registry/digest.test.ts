import { describe, expect, it } from 'vitest';
import { fakeDigest, hex64, randomHex64 } from './digest.ts';

/** The digest as first written: fnv-1a over the UTF-8 bytes, one pass per seed. */
function reference(input: string): string {
  const bytes = new TextEncoder().encode(input);
  let out = '';
  for (let i = 0; i < 8; i++) {
    let h = (0x811c9dc5 ^ Math.imul(i + 1, 0x9e3779b9)) >>> 0;
    for (const b of bytes) {
      h ^= b;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h ^= h >>> 16;
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out;
}

describe('hex64', () => {
  it('is fnv-1a of the UTF-8 bytes under eight seeds, for ASCII and other text alike', () => {
    for (const input of [
      '',
      'a',
      'nginx:1.27#layer0',
      'docker.io/library/nginx:latest',
      'café ☕ 日本',
      '\u0000\u007f\u0080\u00ff',
      'emoji 🚀 pair',
      'x'.repeat(5000),
    ]) {
      expect(hex64(input)).toBe(reference(input));
    }
  });

  it('keeps the digests it always gave', () => {
    expect(fakeDigest('nginx')).toBe(`sha256:${reference('nginx')}`);
  });
});

describe('randomHex64', () => {
  it('takes one draw per character, the draw times 16 floored', () => {
    const draws = [0, 0.0624, 0.0625, 0.5, 0.999999];
    let i = 0;
    const id = randomHex64(() => draws[i++ % draws.length]!);
    expect(i).toBe(64);
    expect(id.slice(0, 5)).toBe('0018f');
  });
});
