/**
 * kubectl's `--append-hash` (k8s.io/kubectl/pkg/util/hash): the name suffix is the SHA-256 of a
 * small JSON document (Go's json.Marshal of a map: keys sorted, compact, HTML characters
 * escaped), cut to 10 hex characters whose `0 1 3 a e` become `g h k m t` so that no words form.
 * - ConfigMap: `{"binaryData":…?,"data":…,"kind":"ConfigMap","name":…}` (binaryData only when
 *   not empty);
 * - Secret: `{"data":…,"kind":"Secret","name":…,"type":…}` with the data base64, as []byte
 *   values marshal.
 */
import { sha256Hex } from './sha256.ts';

/** A Go json.Marshal string: `<`, `>`, `&`, U+2028 and U+2029 escaped. */
function goString(v: string): string {
  return JSON.stringify(v).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** json.Marshal of a map[string]string (or nil, `null`). */
function goMap(m: Readonly<Record<string, string>> | null): string {
  if (m === null) return 'null';
  const keys = Object.keys(m).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${goString(k)}:${goString(m[k] as string)}`).join(',')}}`;
}

/** encodeHash: the first 10 hex characters, vowel-like ones swapped for consonants. */
function encodeHash(hex: string): string {
  const swap: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hex.slice(0, 10)].map((c) => swap[c] ?? c).join('');
}

/** hash.ConfigMapHash. */
export function configMapHash(
  name: string,
  data: Readonly<Record<string, string>> | null,
  binaryData: Readonly<Record<string, string>> = {},
): string {
  const binary = Object.keys(binaryData).length > 0 ? `"binaryData":${goMap(binaryData)},` : '';
  const doc = `{${binary}"data":${goMap(data)},"kind":"ConfigMap","name":${goString(name)}}`;
  return encodeHash(sha256Hex(doc));
}

/** hash.SecretHash; `data` holds the values base64-encoded, as the Secret does. */
export function secretHash(
  name: string,
  type: string,
  data: Readonly<Record<string, string>> | null,
): string {
  const doc = `{"data":${goMap(data)},"kind":"Secret","name":${goString(name)},"type":${goString(type)}}`;
  return encodeHash(sha256Hex(doc));
}

/**
 * kustomize's hasher (api/hasher): the same document and encoding, but its lookup of the name
 * (`metadata/name` as one key) finds nothing, so the name is always `""`: a generated
 * ConfigMap's or Secret's suffix depends on its content (and a Secret's type) only. A missing
 * `data` is `""`; `binaryData` (ConfigMap) and `stringData` (Secret) are in only when present.
 */
export function kustomizeHash(
  kind: 'ConfigMap' | 'Secret',
  maps: {
    data?: Readonly<Record<string, string>>;
    binaryData?: Readonly<Record<string, string>>;
    stringData?: Readonly<Record<string, string>>;
  },
  type = '',
): string {
  const data = maps.data ? goMap(maps.data) : '""';
  const doc =
    kind === 'ConfigMap'
      ? `{${maps.binaryData ? `"binaryData":${goMap(maps.binaryData)},` : ''}"data":${data},"kind":"ConfigMap","name":""}`
      : `{"data":${data},"kind":"Secret","name":""${maps.stringData ? `,"stringData":${goMap(maps.stringData)}` : ''},"type":${goString(type)}}`;
  return encodeHash(sha256Hex(doc));
}
