/**
 * `pod-template-hash` as the deployment controller computes it (`controller.ComputeHash`, which
 * the daemonset controller uses too for its revision names): fnv-1a 32-bit over the pod template
 * (plus the collision count as 8 bytes, little-endian), the decimal string of that uint32, then
 * `rand.SafeEncodeString`. Go hashes a `DeepHashObject` dump that
 * cannot be reproduced outside Go; a canonical JSON serialization stands in for it, so the
 * hashes have the real shape (`7c79c4bf97`) and the real stability, not the real values.
 */
import { canonicalJson } from './objects.ts';

/** The alphabet of apimachinery's `rand.SafeEncodeString`. */
export const SAFE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** fnv-1a 32-bit over bytes. */
export function fnv1a32(bytes: Uint8Array, seed = FNV_OFFSET): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, FNV_PRIME) >>> 0;
  }
  return h >>> 0;
}

/** `rand.SafeEncodeString`: each character c becomes `alphanums[c % 27]`. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += SAFE_ALPHANUMS[s.charCodeAt(i) % SAFE_ALPHANUMS.length];
  return out;
}

const encoder = new TextEncoder();

/** The pod-template-hash of a Deployment's `spec.template` and `status.collisionCount`. */
export function computePodTemplateHash(template: unknown, collisionCount?: number): string {
  const body = encoder.encode(canonicalJson(template ?? {}));
  let bytes = body;
  if (collisionCount !== undefined && collisionCount !== null) {
    // `make([]byte, 8)` with the uint32 put little-endian in the first four: 4 zero bytes follow.
    bytes = new Uint8Array(body.length + 8);
    bytes.set(body);
    const c = collisionCount >>> 0;
    bytes[body.length] = c & 0xff;
    bytes[body.length + 1] = (c >>> 8) & 0xff;
    bytes[body.length + 2] = (c >>> 16) & 0xff;
    bytes[body.length + 3] = (c >>> 24) & 0xff;
  }
  return safeEncodeString(String(fnv1a32(bytes)));
}
