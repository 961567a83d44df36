/**
 * `-o json` as kubectl prints it: Go's `json.MarshalIndent(obj, "", "    ")` plus a newline.
 * Objects read from the server are unstructured maps, so their keys come out sorted (Go
 * sorts map keys bytewise); objects kubectl builds itself (`--dry-run=client`) are typed
 * structs and keep their field order. Go escapes `<`, `>`, `&`, U+2028 and U+2029.
 */
import { structFields } from './structOrder.ts';

function goString(s: string): string {
  let out = '"';
  for (const c of s) {
    const cp = c.codePointAt(0) ?? 0;
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (cp < 0x20 || c === '<' || c === '>' || c === '&' || cp === 0x2028 || cp === 0x2029) {
      out += `\\u${cp.toString(16).padStart(4, '0')}`;
    } else out += c;
  }
  return `${out}"`;
}

function goKeyCompare(a: string, b: string): number {
  // Go compares UTF-8 bytes; for our keys code-unit order is the same.
  return a < b ? -1 : a > b ? 1 : 0;
}

function write(v: unknown, indent: string, sortKeys: boolean): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (typeof v === 'string') return goString(v);
  const inner = `${indent}    `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => inner + write(x, inner, sortKeys)).join(',\n')}\n${indent}]`;
  }
  const obj = v as Record<string, unknown>;
  let keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
  if (sortKeys) keys = keys.sort(goKeyCompare);
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${goString(k)}: ${write(obj[k], inner, sortKeys)}`).join(',\n')}\n${indent}}`;
}

/** Prints one object (or List) as `-o json` does, with the trailing newline. */
export function toGoJson(value: unknown, opts: { sortKeys?: boolean } = {}): string {
  return `${write(value, '', opts.sortKeys ?? true)}\n`;
}

const TOP_ORDER = ['kind', 'apiVersion', 'metadata', 'spec', 'status'];
/** ObjectMeta's fields in the order of its Go struct. */
export const META_ORDER: readonly string[] = structFields('ObjectMeta');

function ordered(obj: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of order) if (Object.hasOwn(obj, k)) out[k] = obj[k];
  for (const [k, v] of Object.entries(obj)) if (!Object.hasOwn(out, k)) out[k] = v;
  return out;
}

/**
 * An object in Go struct field order (TypeMeta's kind before apiVersion, then ObjectMeta's
 * fields), as a typed client prints what the server returned. Nested fields keep their order.
 */
export function typedOrder(obj: Record<string, unknown>): Record<string, unknown> {
  const top = ordered(obj, TOP_ORDER);
  const meta = top.metadata;
  if (meta !== null && typeof meta === 'object' && !Array.isArray(meta)) {
    top.metadata = ordered(meta as Record<string, unknown>, META_ORDER);
  }
  const spec = top.spec;
  if (top.kind === 'Service' && spec !== null && typeof spec === 'object' && !Array.isArray(spec)) {
    top.spec = ordered(spec as Record<string, unknown>, SERVICE_SPEC_ORDER);
  }
  if (top.kind === 'Pod' && spec !== null && typeof spec === 'object' && !Array.isArray(spec)) {
    top.spec = typedPodSpec(spec as Record<string, unknown>);
  }
  if (top.kind === 'Event' && top.apiVersion === 'v1') return typedEvent(top);
  const status = top.status;
  if (top.kind === 'Node' && status !== null && typeof status === 'object') {
    // NodeStatus's capacity and allocatable are ResourceLists, Go maps: their keys sorted.
    const st = { ...(status as Record<string, unknown>) };
    for (const k of ['capacity', 'allocatable']) {
      const m = st[k];
      if (m !== null && typeof m === 'object' && !Array.isArray(m))
        st[k] = Object.fromEntries(
          Object.entries(m as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        );
    }
    top.status = st;
  }
  return top;
}

/** core/v1 Event's fields in the order of its Go struct. */
const EVENT_ORDER: readonly string[] = structFields('Event');
/** core/v1 ObjectReference's fields in the order of its Go struct. */
const OBJECT_REFERENCE_ORDER: readonly string[] = structFields('ObjectReference');

function typedEvent(e: Record<string, unknown>): Record<string, unknown> {
  const out = ordered(e, EVENT_ORDER);
  for (const key of ['involvedObject', 'related']) {
    const ref = out[key];
    if (ref !== null && typeof ref === 'object' && !Array.isArray(ref))
      out[key] = ordered(ref as Record<string, unknown>, OBJECT_REFERENCE_ORDER);
  }
  const source = out.source;
  if (source !== null && typeof source === 'object' && !Array.isArray(source))
    out.source = ordered(source as Record<string, unknown>, structFields('EventSource'));
  const series = out.series;
  if (series !== null && typeof series === 'object' && !Array.isArray(series))
    out.series = ordered(series as Record<string, unknown>, structFields('EventSeries'));
  return out;
}

/** core/v1 PodSpec's fields in the order of its Go struct. */
const POD_SPEC_ORDER: readonly string[] = structFields('PodSpec');

/** core/v1 Container's fields in the order of its Go struct (EphemeralContainerCommon's too). */
const CONTAINER_ORDER: readonly string[] = structFields('Container');

/**
 * A PodSpec as a typed client re-encodes it: fields in struct order, and each container's
 * `resources` (a struct, which omitempty never drops) present, `{}` at least.
 */
function typedPodSpec(spec: Record<string, unknown>): Record<string, unknown> {
  const out = ordered(spec, POD_SPEC_ORDER);
  if (Array.isArray(out.volumes)) out.volumes = out.volumes.map(typedVolume);
  if (Array.isArray(out.tolerations))
    out.tolerations = orderedList(out.tolerations, TOLERATION_ORDER);
  for (const key of ['initContainers', 'containers', 'ephemeralContainers']) {
    const list = out[key];
    if (!Array.isArray(list)) continue;
    out[key] = list.map((c) => {
      if (c === null || typeof c !== 'object' || Array.isArray(c)) return c;
      const container = ordered(
        c.resources === undefined ? { ...c, resources: {} } : (c as Record<string, unknown>),
        CONTAINER_ORDER,
      );
      for (const [field, order] of Object.entries(CONTAINER_LISTS)) {
        const items = container[field];
        if (Array.isArray(items)) container[field] = orderedList(items, order);
      }
      return container;
    });
  }
  return out;
}

/** core/v1 Toleration's fields in the order of its Go struct. */
const TOLERATION_ORDER: readonly string[] = structFields('Toleration');

/** A container's lists of structs, each struct's fields in Go order. */
const CONTAINER_LISTS: Readonly<Record<string, readonly string[]>> = {
  ports: structFields('ContainerPort'),
  env: structFields('EnvVar'),
  volumeMounts: structFields('VolumeMount'),
};

function orderedList(list: unknown[], order: readonly string[]): unknown[] {
  return list.map((x) =>
    x !== null && typeof x === 'object' && !Array.isArray(x)
      ? ordered(x as Record<string, unknown>, order)
      : x,
  );
}

/** The volume sources whose fields the API server's defaults add out of Go struct order. */
const VOLUME_SOURCE_ORDER: Readonly<Record<string, readonly string[]>> = {
  projected: structFields('ProjectedVolumeSource'),
  configMap: structFields('ConfigMapVolumeSource'),
  secret: structFields('SecretVolumeSource'),
  downwardAPI: structFields('DownwardAPIVolumeSource'),
};

function typedVolume(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const out: Record<string, unknown> = { ...(v as Record<string, unknown>) };
  for (const [key, order] of Object.entries(VOLUME_SOURCE_ORDER)) {
    const src = out[key];
    if (src !== null && typeof src === 'object' && !Array.isArray(src))
      out[key] = ordered(src as Record<string, unknown>, order);
  }
  return out;
}

/** core/v1 ServiceSpec's fields in the order of its Go struct. */
const SERVICE_SPEC_ORDER: readonly string[] = structFields('ServiceSpec');
