/**
 * Field sets as server-side apply keeps them (sigs.k8s.io/structured-merge-diff): a tree of
 * path elements whose nodes may be members. A member with no children is a leaf (`{}` in
 * fieldsV1); a member with children is written `.: {}` beside them.
 *
 * Path elements use their fieldsV1 spelling: `f:name` (a struct or map field), `k:{"name":"nginx"}`
 * (an element of a list keyed by its fields), `v:"finalizer"` (an element of a set).
 *
 * The schema walk here is the one the API server's typed values follow: the struct tree of the
 * generated API schema plus what SSA reads from the OpenAPI extensions — which lists are maps
 * (and their keys), which are sets, and which structs are atomic.
 */
import { API_STRUCTS } from './apiSchema.generated.ts';

/** A node of a field set: `m` when the path itself is a member, `c` its children by element. */
export interface FieldSet {
  m?: boolean;
  c?: Map<string, FieldSet>;
}

/** A field's SSA type. */
export type FieldType =
  | { k: 'struct'; name: string }
  | { k: 'map'; elem: FieldType }
  | { k: 'list'; elem: FieldType; keys?: readonly string[]; set?: boolean }
  | { k: 'leaf' }
  | { k: 'deduced' };

const LEAF: FieldType = { k: 'leaf' };
const DEDUCED: FieldType = { k: 'deduced' };

/**
 * `x-kubernetes-list-type: map` lists and their keys; the rest of the lists with a patch merge
 * key are maps keyed by it (kube-openapi turns `patchStrategy: merge` + `patchMergeKey` into an
 * associative list). Lists not here are atomic.
 */
const LIST_KEYS: Readonly<Record<string, readonly string[]>> = {
  'ObjectMeta.ownerReferences': ['uid'],
  'PodSpec.containers': ['name'],
  'PodSpec.initContainers': ['name'],
  'PodSpec.ephemeralContainers': ['name'],
  'PodSpec.volumes': ['name'],
  'PodSpec.imagePullSecrets': ['name'],
  'PodSpec.hostAliases': ['ip'],
  'PodSpec.schedulingGates': ['name'],
  'PodSpec.resourceClaims': ['name'],
  'PodSpec.topologySpreadConstraints': ['topologyKey', 'whenUnsatisfiable'],
  'Container.ports': ['containerPort', 'protocol'],
  'Container.env': ['name'],
  'Container.volumeMounts': ['mountPath'],
  'Container.volumeDevices': ['devicePath'],
  'EphemeralContainer.ports': ['containerPort', 'protocol'],
  'EphemeralContainer.env': ['name'],
  'EphemeralContainer.volumeMounts': ['mountPath'],
  'EphemeralContainer.volumeDevices': ['devicePath'],
  'PodStatus.conditions': ['type'],
  'PodStatus.podIPs': ['ip'],
  'PodStatus.hostIPs': ['ip'],
  'NodeStatus.conditions': ['type'],
  'NodeStatus.addresses': ['type'],
  'ServiceSpec.ports': ['port', 'protocol'],
  'NamespaceStatus.conditions': ['type'],
  'DeploymentStatus.conditions': ['type'],
  'ReplicaSetStatus.conditions': ['type'],
  'DaemonSetStatus.conditions': ['type'],
  'StatefulSetStatus.conditions': ['type'],
  'JobStatus.conditions': ['type'],
  'PodDisruptionBudgetStatus.conditions': ['type'],
  'HorizontalPodAutoscalerStatus.conditions': ['type'],
  'ServiceAccount.secrets': ['name'],
};

/** `x-kubernetes-list-type: set` (or a merge strategy without a key on scalars). */
const SET_LISTS: ReadonlySet<string> = new Set(['ObjectMeta.finalizers', 'NodeSpec.podCIDRs']);

/** Structs marked `+structType=atomic` (`x-kubernetes-map-type: atomic`): owned whole. */
const ATOMIC_STRUCTS: ReadonlySet<string> = new Set([
  'LabelSelector',
  'LocalObjectReference',
  'ObjectReference',
  'TypedLocalObjectReference',
  'OwnerReference',
  'NodeSelector',
  'NodeSelectorTerm',
  'ConfigMapKeySelector',
  'SecretKeySelector',
  'ObjectFieldSelector',
  'ResourceFieldSelector',
  'SecretReference',
  'RoleRef',
]);

function parseCode(owner: string, field: string, code: string): FieldType {
  if (code.startsWith('[')) {
    const id = `${owner}.${field}`;
    const elem = parseCode('', '', code.slice(1));
    const keys = LIST_KEYS[id];
    if (keys) return { k: 'list', elem, keys };
    if (SET_LISTS.has(id)) return { k: 'list', elem, set: true };
    return LEAF;
  }
  if (code.startsWith('{')) return { k: 'map', elem: parseCode('', '', code.slice(1)) };
  if (code === '*') return DEDUCED;
  if (code.length === 1) return LEAF;
  if (ATOMIC_STRUCTS.has(code) || !API_STRUCTS[code]) return LEAF;
  return { k: 'struct', name: code };
}

const fieldTypes = new Map<string, FieldType>();

/** The type of `field` in `t` (a struct's field, a map's element). */
export function childType(t: FieldType, field: string): FieldType {
  if (t.k === 'map') return t.elem;
  if (t.k === 'deduced') return DEDUCED;
  if (t.k !== 'struct') return LEAF;
  const id = `${t.name}.${field}`;
  let ft = fieldTypes.get(id);
  if (ft === undefined) {
    const code = API_STRUCTS[t.name]?.[field];
    ft = code === undefined ? DEDUCED : parseCode(t.name, field, code);
    fieldTypes.set(id, ft);
  }
  return ft;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Whether a value of type `t` is owned whole (a leaf of the field set). */
function isAtomic(t: FieldType, v: unknown): boolean {
  if (t.k === 'leaf') return true;
  if (t.k === 'deduced') return !isObj(v);
  return false;
}

/** The path element of a list item: its keys, or (a set) its value. */
export function itemElement(t: FieldType & { k: 'list' }, item: unknown): string {
  if (t.set) return `v:${JSON.stringify(item)}`;
  const o = isObj(item) ? item : {};
  const keys: Obj = {};
  for (const k of [...(t.keys ?? [])].sort()) {
    let v = o[k];
    // A key the item leaves out is defaulted: the protocol of a port.
    if (v === undefined && k === 'protocol') v = 'TCP';
    if (v !== undefined) keys[k] = v;
  }
  return `k:${JSON.stringify(keys)}`;
}

// ------------------------------------------------------------------ set operations

function child(s: FieldSet, pe: string): FieldSet {
  s.c ??= new Map();
  let n = s.c.get(pe);
  if (!n) {
    n = {};
    s.c.set(pe, n);
  }
  return n;
}

function put(s: FieldSet, pe: string, n: FieldSet): void {
  s.c ??= new Map();
  s.c.set(pe, n);
}

/** Insert the path `path` as a member of `s`. */
export function insert(s: FieldSet, path: readonly string[]): void {
  let n = s;
  for (const pe of path) n = child(n, pe);
  n.m = true;
}

export function isEmpty(s: FieldSet | undefined): boolean {
  if (!s) return true;
  if (s.m) return false;
  for (const n of s.c?.values() ?? []) if (!isEmpty(n)) return false;
  return true;
}

export function union(a: FieldSet | undefined, b: FieldSet | undefined): FieldSet {
  // (Unchanged sets are returned as they are: their fieldsV1 is cached by identity.)
  if (!b || isEmpty(b)) return a ?? {};
  if (!a || isEmpty(a)) return b;
  if (contains(a, b)) return a;
  const out: FieldSet = {};
  if (a.m || b.m) out.m = true;
  const keys = new Set([...(a.c?.keys() ?? []), ...(b.c?.keys() ?? [])]);
  for (const k of keys) {
    const n = union(a.c?.get(k), b.c?.get(k));
    if (!isEmpty(n)) put(out, k, n);
  }
  return out;
}

/** Whether every member of `b` is a member of `a`. */
function contains(a: FieldSet, b: FieldSet): boolean {
  if (b.m && !a.m) return false;
  for (const [k, n] of b.c ?? []) {
    const o = a.c?.get(k);
    if (o ? !contains(o, n) : !isEmpty(n)) return false;
  }
  return true;
}

/** The members of `a` that are not members of `b` (`a` itself when there are none). */
export function difference(a: FieldSet | undefined, b: FieldSet | undefined): FieldSet {
  if (!a) return {};
  if (!b) return a;
  const dropSelf = !!a.m && !!b.m;
  let kids: Map<string, FieldSet> | undefined;
  let changed = dropSelf;
  for (const [k, n] of a.c ?? []) {
    const other = b.c?.get(k);
    const d = other ? difference(n, other) : n;
    if (d !== n) changed = true;
    if (!isEmpty(d)) {
      kids ??= new Map();
      kids.set(k, d);
    }
  }
  if (!changed) return a;
  const out: FieldSet = {};
  if (a.m && !dropSelf) out.m = true;
  if (kids) out.c = kids;
  return out;
}

export function intersection(a: FieldSet | undefined, b: FieldSet | undefined): FieldSet {
  const out: FieldSet = {};
  if (a?.m && b?.m) out.m = true;
  for (const [k, n] of a?.c ?? []) {
    const other = b?.c?.get(k);
    if (!other) continue;
    const i = intersection(n, other);
    if (!isEmpty(i)) put(out, k, i);
  }
  return out;
}

/** `a` without the subtrees rooted at `b`'s members (RecursiveDifference). */
export function withoutSubtrees(a: FieldSet, b: FieldSet): FieldSet {
  if (b.m) return {};
  const out: FieldSet = a.m ? { m: true } : {};
  for (const [k, n] of a.c ?? []) {
    const o = b.c?.get(k);
    const d = o ? withoutSubtrees(n, o) : n;
    if (!isEmpty(d)) put(out, k, d);
  }
  return out;
}

/** Whether `s` has the member `path` or any member below it. */
export function hasAtOrBelow(s: FieldSet, path: readonly string[]): boolean {
  let n: FieldSet | undefined = s;
  for (const pe of path) {
    n = n.c?.get(pe);
    if (!n) return false;
  }
  return !isEmpty(n);
}

/** Compare path elements as structured-merge-diff orders them: fields, then keys, then values. */
export function comparePe(a: string, b: string): number {
  const rank = (s: string) => ({ f: 0, k: 1, v: 2, i: 3 })[s[0] as 'f'] ?? 4;
  const d = rank(a) - rank(b);
  if (d !== 0) return d;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every member path in set order (a node's own members before its children's). */
export function members(s: FieldSet, prefix: string[] = [], out: string[][] = []): string[][] {
  const kids = [...(s.c ?? [])].sort((x, y) => comparePe(x[0], y[0]));
  for (const [k, n] of kids) if (n.m) out.push([...prefix, k]);
  for (const [k, n] of kids) members(n, [...prefix, k], out);
  return out;
}

const encoded = new WeakMap<FieldSet, Obj>();

/** The fieldsV1 JSON of a set (the same object for the same set: never change it). */
export function toFieldsV1(s: FieldSet): Obj {
  const known = encoded.get(s);
  if (known) return known;
  const out = encodeSet(s);
  encoded.set(s, out);
  return out;
}

function encodeSet(s: FieldSet): Obj {
  const out: Obj = {};
  const kids = [...(s.c ?? [])].sort((x, y) => comparePe(x[0], y[0]));
  if (s.m && kids.length > 0) out['.'] = {};
  for (const [k, n] of kids) out[k] = encodeSet(n);
  return out;
}

/** A set from its fieldsV1 JSON. */
export function fromFieldsV1(v: unknown): FieldSet {
  const s: FieldSet = {};
  if (!isObj(v)) return s;
  const keys = Object.keys(v);
  if (keys.length === 0) return { m: true };
  for (const k of keys) {
    if (k === '.') s.m = true;
    else put(s, k, fromFieldsV1(v[k]));
  }
  return s;
}

/** A path as conflict messages print it: `.spec.template.spec.containers[name="nginx"].image`. */
export function pathString(path: readonly string[]): string {
  let out = '';
  for (const pe of path) {
    const rest = pe.slice(2);
    if (pe.startsWith('f:')) out += `.${rest}`;
    else if (pe.startsWith('k:')) {
      let keys: Obj = {};
      try {
        const parsed: unknown = JSON.parse(rest);
        if (isObj(parsed)) keys = parsed;
      } catch {
        keys = {};
      }
      out += `[${Object.entries(keys)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(',')}]`;
    } else if (pe.startsWith('v:')) out += `[=${rest}]`;
    else out += `[${rest}]`;
  }
  return out;
}

// ------------------------------------------------------------------ typed walks

/** The field set of an applied configuration (typed.ToFieldSet). */
export function toFieldSet(
  v: unknown,
  t: FieldType,
  out: FieldSet = {},
  path: string[] = [],
): FieldSet {
  if (isAtomic(t, v)) {
    insert(out, path);
    return out;
  }
  if (t.k === 'list') {
    // A null or empty list of items owns nothing (only its items are members).
    if (!Array.isArray(v)) return out;
    for (const item of v) {
      const pe = itemElement(t, item);
      if (t.set || isAtomic(t.elem, item)) insert(out, [...path, pe]);
      else {
        insert(out, [...path, pe]);
        toFieldSet(item, t.elem, out, [...path, pe]);
      }
    }
    return out;
  }
  // A null or empty map owns nothing: its fields are the members.
  if (!isObj(v)) return out;
  for (const [k, x] of Object.entries(v)) toFieldSet(x, childType(t, k), out, [...path, `f:${k}`]);
  return out;
}

/** What changed between two values of a type (typed.Compare). */
export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

const empty = (v: unknown) =>
  v === undefined ||
  v === null ||
  (Array.isArray(v) ? v.length === 0 : isObj(v) && Object.keys(v).length === 0);

/** Compare `lhs` with `rhs` (undefined: absent; null: present and null). */
export function compare(
  lhs: unknown,
  rhs: unknown,
  t: FieldType,
  cmp: Comparison = { added: {}, modified: {}, removed: {} },
  path: string[] = [],
): Comparison {
  if (lhs === undefined && rhs === undefined) return cmp;
  const leaf = () => {
    if (lhs === undefined) insert(cmp.added, path);
    else if (rhs === undefined) insert(cmp.removed, path);
    else if (
      lhs !== rhs &&
      (typeof lhs !== 'object' || JSON.stringify(lhs) !== JSON.stringify(rhs))
    )
      insert(cmp.modified, path);
  };
  const isList = t.k === 'list' && (Array.isArray(lhs) || Array.isArray(rhs));
  const isMap = t.k !== 'list' && !isAtomic(t, rhs ?? lhs) && (isObj(lhs) || isObj(rhs));
  if (isAtomic(t, rhs ?? lhs) || (!isList && !isMap) || (empty(lhs) && empty(rhs))) {
    leaf();
    return cmp;
  }
  if (isList && t.k === 'list') {
    const l = Array.isArray(lhs) ? lhs : [];
    const r = Array.isArray(rhs) ? rhs : [];
    const li = new Map(l.map((x) => [itemElement(t, x), x] as const));
    const ri = new Map(r.map((x) => [itemElement(t, x), x] as const));
    for (const [pe, x] of ri) compare(li.get(pe), x, t.set ? LEAF : t.elem, cmp, [...path, pe]);
    for (const [pe, x] of li)
      if (!ri.has(pe)) compare(x, undefined, t.set ? LEAF : t.elem, cmp, [...path, pe]);
  } else {
    const l = isObj(lhs) ? lhs : {};
    const r = isObj(rhs) ? rhs : {};
    for (const k of Object.keys(r)) compare(l[k], r[k], childType(t, k), cmp, [...path, `f:${k}`]);
    for (const k of Object.keys(l))
      if (!(k in r)) compare(l[k], undefined, childType(t, k), cmp, [...path, `f:${k}`]);
  }
  if (lhs === undefined) insert(cmp.added, path);
  else if (rhs === undefined) insert(cmp.removed, path);
  return cmp;
}

/** The live object with the applied configuration merged in (typed.Merge). */
export function merge(live: unknown, config: unknown, t: FieldType): unknown {
  if (config === undefined) return live;
  if (isAtomic(t, config)) return config;
  if (t.k === 'list') {
    if (!Array.isArray(config) || !Array.isArray(live)) return config;
    const ri = new Map(config.map((x) => [itemElement(t, x), x] as const));
    const out: unknown[] = [];
    const seen = new Set<string>();
    for (const x of live) {
      const pe = itemElement(t, x);
      seen.add(pe);
      out.push(ri.has(pe) ? (t.set ? x : merge(x, ri.get(pe), t.elem)) : x);
    }
    for (const [pe, x] of ri) if (!seen.has(pe)) out.push(x);
    return out;
  }
  if (!isObj(config) || !isObj(live)) return config;
  const out: Obj = { ...live };
  for (const [k, v] of Object.entries(config)) {
    if (v === null) delete out[k];
    else out[k] = merge(live[k], v, childType(t, k));
  }
  return out;
}

/** `value` without the node at `path` (a field, a list item); a copy along the path. */
export function removePath(value: unknown, path: readonly string[], t: FieldType): unknown {
  const [pe, ...rest] = path;
  if (pe === undefined) return undefined;
  if (t.k === 'list' && Array.isArray(value)) {
    const i = value.findIndex((x) => itemElement(t, x) === pe);
    if (i < 0) return value;
    const out = [...value];
    if (rest.length === 0) out.splice(i, 1);
    else out[i] = removePath(out[i], rest, t.set ? LEAF : t.elem);
    return out;
  }
  if (!isObj(value) || !pe.startsWith('f:')) return value;
  const k = pe.slice(2);
  if (!(k in value)) return value;
  const out: Obj = { ...value };
  if (rest.length === 0) delete out[k];
  else out[k] = removePath(value[k], rest, childType(t, k));
  return out;
}
