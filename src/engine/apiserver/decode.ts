/**
 * Decoding a request body into its Go struct, as the real API server does before anything else:
 * a JSON value of the wrong type fails the request (`json: cannot unmarshal string into Go struct
 * field DeploymentSpec.spec.replicas of type int32`), and fields the struct does not have are
 * collected (`spec.template.spec.containers[0].imagePullPolicyy`). Whether unknown fields fail
 * the request, come back as warnings or are dropped is the request's field validation
 * (`kubectl --validate=strict|warn|ignore`, strict by default).
 *
 * The structs come from `apiSchema.generated.ts` (scripts/gen-api-schema.mjs).
 */
import type { KubeObject } from '../api/types.ts';
import { API_KINDS, API_STRUCTS } from './apiSchema.generated.ts';
import { canonicalQuantity } from './quantity.ts';

/** What decoding found: the first type error, and every unknown field in JSON key order. */
export interface DecodeFindings {
  /** `json: cannot unmarshal …` (the decoder stops being useful there: the request fails). */
  typeError?: string;
  /** Paths of fields the struct has no place for, e.g. `spec.foo`, `spec.containers[0].x`. */
  unknown: string[];
}

type Json = unknown;

/** The JSON type name Go's decoder uses in its errors. */
function jsonKind(v: Json): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'number';
  return Array.isArray(v) ? 'array' : 'object';
}

/** The Go type of a field code, as `%v` of its reflect.Type prints it. */
function goType(code: string): string {
  switch (code) {
    case 's':
      return 'string';
    case 'b':
      return 'bool';
    case 'i':
      return 'int32';
    case 'l':
      return 'int64';
    case '{q':
      return 'v1.ResourceList';
  }
  if (code.startsWith('[')) return `[]${goType(code.slice(1))}`;
  if (code.startsWith('{')) return `map[string]${goType(code.slice(1))}`;
  return `v1.${code}`;
}

const INT_RANGE: Record<string, readonly [number, number]> = {
  i: [-(2 ** 31), 2 ** 31 - 1],
  l: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** Keys in the order the body has them: kubectl sends JSON marshalled from maps, keys sorted. */
function sortedKeys(o: object): string[] {
  return Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** resource.ParseQuantity's format (splitREString). */
const QUANTITY_FORMAT = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const QUANTITY_SUFFIXES = new Set(
  ['', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E'].concat(['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei']),
);

/**
 * Why Quantity.UnmarshalJSON refuses `text` (ErrFormatWrong, ErrSuffix, ErrNumeric), or
 * undefined when it parses.
 */
export function quantityError(text: string): string | undefined {
  const s = text.trim();
  const m = QUANTITY_FORMAT.exec(s);
  if (!m) return `quantities must match the regular expression '${QUANTITY_FORMAT.source}'`;
  const suffix = m[2] ?? '';
  if (!QUANTITY_SUFFIXES.has(suffix) && !/^[eE][-+]?[0-9]+$/.test(suffix))
    return "unable to parse quantity's suffix";
  if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)$/.test(m[1] ?? ''))
    return 'unable to parse numeric part of quantity';
  return undefined;
}

class Decoder {
  typeError: string | undefined;
  readonly unknown: string[] = [];

  /** `struct` and `fieldPath` name the Go struct field being filled, for the type error. */
  private mismatch(v: Json, code: string, struct: string, fieldPath: string, number = false): void {
    if (this.typeError) return;
    const what = number ? `number ${String(v)}` : jsonKind(v);
    this.typeError = `json: cannot unmarshal ${what} into Go struct field ${struct}.${fieldPath} of type ${goType(code)}`;
  }

  /** Check `v` against `code`; `path` is the unknown-field path, `fieldPath` the error's. */
  value(v: Json, code: string, struct: string, fieldPath: string, path: string): void {
    if (v === null || v === undefined || code === '*' || code === 'q') return;
    switch (code) {
      case 's':
        if (typeof v !== 'string') this.mismatch(v, code, struct, fieldPath);
        return;
      case 'b':
        if (typeof v !== 'boolean') this.mismatch(v, code, struct, fieldPath);
        return;
      case 'i':
      case 'l': {
        if (typeof v !== 'number') {
          this.mismatch(v, code, struct, fieldPath);
          return;
        }
        const [lo, hi] = INT_RANGE[code] as readonly [number, number];
        if (!Number.isInteger(v) || v < lo || v > hi)
          this.mismatch(v, code, struct, fieldPath, true);
        return;
      }
    }
    if (code.startsWith('[')) {
      if (!Array.isArray(v)) {
        this.mismatch(v, code, struct, fieldPath);
        return;
      }
      const item = code.slice(1);
      v.forEach((x, i) => {
        this.value(x, item, struct, fieldPath, `${path}[${i}]`);
      });
      return;
    }
    if (code === '{q' && typeof v === 'object' && !Array.isArray(v)) {
      // A ResourceList: each value is a resource.Quantity, parsed as it is unmarshalled.
      for (const k of sortedKeys(v)) {
        const q = (v as Record<string, Json>)[k];
        if (q === null || this.typeError) continue;
        const why = quantityError(typeof q === 'string' ? q : JSON.stringify(q));
        if (why) this.typeError = why;
      }
      return;
    }
    if (code.startsWith('{')) {
      if (typeof v !== 'object' || Array.isArray(v)) {
        this.mismatch(v, code, struct, fieldPath);
        return;
      }
      const item = code.slice(1);
      for (const k of sortedKeys(v)) {
        this.value((v as Record<string, Json>)[k], item, struct, fieldPath, `${path}[${k}]`);
      }
      return;
    }
    if (typeof v !== 'object' || Array.isArray(v)) {
      this.mismatch(v, code, struct, fieldPath);
      return;
    }
    this.struct(v as Record<string, Json>, code, fieldPath, path);
  }

  struct(o: Record<string, Json>, name: string, fieldPath: string, path: string): void {
    const fields = API_STRUCTS[name];
    if (!fields) return;
    for (const k of sortedKeys(o)) {
      const code = fields[k];
      const at = path ? `${path}.${k}` : k;
      if (code === undefined) {
        this.unknown.push(at);
        continue;
      }
      this.value(o[k], code, name, fieldPath ? `${fieldPath}.${k}` : k, at);
    }
  }
}

/** The Go struct an object of `apiVersion`/`kind` decodes into, if the server serves it. */
export function structFor(apiVersion: string, kind: string): string | undefined {
  return API_KINDS[`${apiVersion}/${kind}`];
}

/** Decode `obj` as `struct` (see {@link structFor}). */
export function decodeFindings(obj: KubeObject, struct: string): DecodeFindings {
  const d = new Decoder();
  d.struct(obj as Record<string, Json>, struct, '', '');
  return d.typeError ? { typeError: d.typeError, unknown: d.unknown } : { unknown: d.unknown };
}

/**
 * What cli-runtime's metadataValidatingDecoder finds decoding a manifest into its
 * `metadataOnlyObject` (TypeMeta inline, `metadata` an ObjectMeta): the first type error in
 * `metadata` (`json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of
 * type string`), if any.
 */
export function metadataTypeError(obj: Readonly<Record<string, unknown>>): string | undefined {
  const d = new Decoder();
  d.value(obj.metadata, 'ObjectMeta', 'metadataOnlyObject', 'metadata', 'metadata');
  return d.typeError;
}

/** A copy of `obj` without the fields at `paths` (what decoding into the struct keeps). */
export function withoutFields<T>(obj: T, paths: readonly string[]): T {
  if (paths.length === 0) return obj;
  const copy = structuredClone(obj) as Record<string, Json>;
  for (const p of paths) {
    const steps = p.match(/[^.[\]]+|\[[^\]]*\]/g) ?? [];
    let at: Json = copy;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i] as string;
      const key = step.startsWith('[') ? step.slice(1, -1) : step;
      if (at === null || typeof at !== 'object') break;
      const holder = at as Record<string, Json>;
      if (i === steps.length - 1) delete holder[Array.isArray(at) ? Number(key) : key];
      else at = Array.isArray(at) ? (at as Json[])[Number(key)] : holder[key];
    }
  }
  return copy as T;
}

/**
 * The map and list fields whose json tag has no `omitempty`: Go encodes them even when empty
 * (`[]`), so they are kept. Every other map or list field of the API types is `omitempty`.
 */
const NOT_OMITEMPTY: ReadonlySet<string> = new Set([
  'PodSpec.containers',
  'NodeSelector.nodeSelectorTerms',
  'ProjectedVolumeSource.sources',
  'EndpointSlice.endpoints',
  'EndpointSlice.ports',
  'Endpoint.addresses',
  'ContainerImage.names',
]);

function isEmptyCollection(v: Json): boolean {
  if (Array.isArray(v)) return v.length === 0;
  return v !== null && typeof v === 'object' && Object.keys(v).length === 0;
}

/**
 * `obj` as the API server stores it after decoding it into `struct` and encoding it again: an
 * empty map or list in an `omitempty` field (labels after the last one was removed, an empty
 * nodeSelector, `env: []`…) is gone, as Go's encoder leaves it out, and a resource list's
 * quantities read as resource.Quantity prints them. Structs stay, even empty
 * (`resources: {}`). Returns `obj` itself when nothing is dropped.
 */
export function withoutEmptyOmitted<T>(obj: T, struct: string): T {
  return pruneStruct(obj as Json, struct) as T;
}

function pruneStruct(v: Json, struct: string): Json {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const fields = Object.hasOwn(API_STRUCTS, struct) ? API_STRUCTS[struct] : undefined;
  if (!fields) return v;
  const o = v as Record<string, Json>;
  let out: Record<string, Json> | undefined;
  for (const k of Object.keys(o)) {
    const code = Object.hasOwn(fields, k) ? fields[k] : undefined;
    if (code === undefined) continue;
    const value = o[k];
    let next: Json = value;
    if ((code.startsWith('[') || code.startsWith('{')) && isEmptyCollection(value)) {
      if (!NOT_OMITEMPTY.has(`${struct}.${k}`)) next = undefined;
    } else {
      next = pruneValue(value, code);
    }
    if (next === value) continue;
    if (!out) {
      out = {};
      for (const key of Object.keys(o)) {
        Object.defineProperty(out, key, {
          value: o[key],
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    }
    if (next === undefined) delete out[k];
    else out[k] = next;
  }
  return out ?? v;
}

function pruneValue(v: Json, code: string): Json {
  if (v === null || typeof v !== 'object') return v;
  if (code.startsWith('[')) {
    if (!Array.isArray(v)) return v;
    const elem = code.slice(1);
    let out: Json[] | undefined;
    v.forEach((item, i) => {
      const next = pruneValue(item, elem);
      if (next !== item) {
        out ??= [...v];
        out[i] = next;
      }
    });
    return out ?? v;
  }
  if (code === '{q') {
    // A ResourceList: each quantity encoded again as resource.Quantity prints it (`0.5` is
    // `500m`, `1` is "1", `1024Mi` is `1Gi`).
    if (Array.isArray(v)) return v;
    const o = v as Record<string, Json>;
    let out: Record<string, Json> | undefined;
    for (const k of Object.keys(o)) {
      const q = o[k];
      if (typeof q !== 'string' && typeof q !== 'number') continue;
      const canonical = canonicalQuantity(q);
      if (canonical === undefined || canonical === q) continue;
      out ??= { ...o };
      out[k] = canonical;
    }
    return out ?? v;
  }
  if (code.startsWith('{')) {
    if (Array.isArray(v)) return v;
    const elem = code.slice(1);
    if (elem.length <= 1) return v;
    const o = v as Record<string, Json>;
    let out: Record<string, Json> | undefined;
    for (const k of Object.keys(o)) {
      const next = pruneValue(o[k], elem);
      if (next !== o[k]) {
        out ??= { ...o };
        out[k] = next;
      }
    }
    return out ?? v;
  }
  if (code.length <= 1) return v;
  return pruneStruct(v, code);
}
