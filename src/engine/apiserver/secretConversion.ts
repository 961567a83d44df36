/**
 * What the v1 → internal conversion of a Secret does on every write (pkg/apis/core/v1
 * conversion.go Convert_v1_Secret_To_core_Secret): `data` values are decoded from base64 (Go's
 * encoding/json refuses an illegal one), and each `stringData` entry is written into `data`,
 * overriding a key of the same name. `stringData` itself is never stored or returned.
 */
import type { KubeObject } from '../api/types.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Map([...ALPHABET].map((c, i) => [c.charCodeAt(0), i]));
const NL = 10;
const CR = 13;
const PAD = 61; // '='

/**
 * The offset base64.StdEncoding.Decode reports for `text` (CorruptInputError), or undefined
 * when it decodes. Mirrors decodeQuantum: newlines are skipped, padding is strict.
 */
export function base64ErrorOffset(text: string): number | undefined {
  const src = new TextEncoder().encode(text);
  let si = 0;
  for (;;) {
    let j = 0;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return undefined;
        return si - j;
      }
      const c = src[si++]!;
      if (DECODE.has(c)) continue;
      if (c === NL || c === CR) {
        j--;
        continue;
      }
      if (c !== PAD) return si - 1;
      if (j < 2) return si - 1;
      if (j === 2) {
        while (si < src.length && (src[si] === NL || src[si] === CR)) si++;
        if (si === src.length) return src.length;
        if (src[si] !== PAD) return si - 1;
        si++;
      }
      while (si < src.length && (src[si] === NL || src[si] === CR)) si++;
      return si < src.length ? si : undefined;
    }
  }
}

/** The decode error of a Secret's `data` (first key in sorted order, as kubectl sends JSON). */
export function secretDataError(obj: KubeObject): string | undefined {
  const data = (obj as { data?: unknown }).data;
  if (!data || typeof data !== 'object') return undefined;
  const d = data as Record<string, unknown>;
  for (const k of Object.keys(d).sort()) {
    const v = d[k];
    if (typeof v !== 'string') continue;
    const at = base64ErrorOffset(v);
    if (at !== undefined) return `illegal base64 data at input byte ${at}`;
  }
  return undefined;
}

/** UTF-8 text as base64. */
function base64(text: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** Merge `stringData` into `data` and drop it; returns the object (a copy when changed). */
export function convertSecret(obj: KubeObject): KubeObject {
  const o = obj as KubeObject & { stringData?: unknown; data?: unknown };
  if (!('stringData' in o)) return obj;
  const { stringData, ...rest } = o;
  if (!stringData || typeof stringData !== 'object') return rest as KubeObject;
  const data: Record<string, unknown> = { ...((o.data as Record<string, unknown>) ?? {}) };
  for (const [k, v] of Object.entries(stringData as Record<string, unknown>))
    data[k] = base64(typeof v === 'string' ? v : String(v ?? ''));
  return { ...rest, data } as KubeObject;
}
