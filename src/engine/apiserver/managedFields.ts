/**
 * metadata.managedFields as the API server's field manager keeps them
 * (k8s.io/apimachinery/pkg/util/managedfields, sigs.k8s.io/structured-merge-diff):
 *
 * - an Update (create, update, patch; through a subresource too) gives its manager the fields it
 *   added or changed and takes them from every other manager; removed fields leave every set;
 * - an Apply (server-side apply) makes the applied configuration's fields the applier's set,
 *   removes the fields it applied before and no longer applies (unless someone else owns them),
 *   and fails with a Conflict when it changes a field another manager owns, unless forced.
 *
 * Only writes that name a field manager (kubectl's) start the bookkeeping; once an object has
 * managedFields, every later write (the controllers' and kubelets' too) keeps them. Objects the
 * cluster's own components create carry none: none of their writes pays for it.
 */
import type { KubeObject, Status } from '../api/types.ts';
import { API_STRUCTS } from './apiSchema.generated.ts';
import {
  type Comparison,
  compare,
  difference,
  type FieldSet,
  type FieldType,
  fromFieldsV1,
  hasAtOrBelow,
  intersection,
  isEmpty,
  members,
  merge,
  pathString,
  removePath,
  toFieldSet,
  toFieldsV1,
  union,
} from './fieldSet.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export type Operation = 'Apply' | 'Update';

/** One manager's entry, with its field set decoded. */
interface Entry {
  manager: string;
  operation: Operation;
  apiVersion: string;
  subresource?: string;
  time?: string;
  set: FieldSet;
}

/** BuildManagerIdentifier: an applier's apiVersion is not part of its identity. */
const identity = (e: Pick<Entry, 'manager' | 'operation' | 'apiVersion' | 'subresource'>) =>
  `${e.manager}\u0000${e.operation}\u0000${e.operation === 'Apply' ? '' : e.apiVersion}\u0000${e.subresource ?? ''}`;

/** Decoded entries by the stored managedFields list they were encoded as (never changed). */
const decodedLists = new WeakMap<object, readonly Entry[]>();

/** The entries of `obj`, each a fresh copy the caller may change (their sets are shared). */
function decodeEntries(obj: KubeObject | undefined): Entry[] {
  const raw = obj?.metadata?.managedFields;
  if (!Array.isArray(raw)) return [];
  const known = decodedLists.get(raw);
  if (known) return known.map((e) => ({ ...e }));
  const out: Entry[] = [];
  for (const e of raw as Obj[]) {
    if (!isObj(e) || typeof e.manager !== 'string') continue;
    out.push({
      manager: e.manager,
      operation: e.operation === 'Apply' ? 'Apply' : 'Update',
      apiVersion: typeof e.apiVersion === 'string' ? e.apiVersion : '',
      ...(typeof e.subresource === 'string' && e.subresource ? { subresource: e.subresource } : {}),
      ...(typeof e.time === 'string' ? { time: e.time } : {}),
      set: fromFieldsV1(e.fieldsV1),
    });
  }
  decodedLists.set(
    raw,
    out.map((e) => ({ ...e })),
  );
  return out;
}

/** encodeManagedFields, sorted as sortEncodedManagedFields sorts them. */
function encodeEntries(entries: Entry[]): Obj[] {
  const sorted = entries
    .filter((e) => !isEmpty(e.set))
    .sort(
      (a, b) =>
        cmpStr(a.operation, b.operation) ||
        cmpStr(a.time ?? '', b.time ?? '') ||
        cmpStr(a.manager, b.manager) ||
        cmpStr(a.apiVersion, b.apiVersion) ||
        cmpStr(a.subresource ?? '', b.subresource ?? ''),
    );
  return sorted.map((e) => ({
    apiVersion: e.apiVersion,
    fieldsType: 'FieldsV1',
    fieldsV1: toFieldsV1(e.set),
    manager: e.manager,
    operation: e.operation,
    ...(e.subresource ? { subresource: e.subresource } : {}),
    ...(e.time ? { time: e.time } : {}),
  }));
}

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Set the entries on `obj`, whose metadata must be its own (a copy): it is changed in place. */
function setEntries(obj: KubeObject, entries: Entry[]): void {
  const encoded = encodeEntries(entries);
  decodedLists.set(
    encoded,
    entries.filter((e) => !isEmpty(e.set)).map((e) => ({ ...e })),
  );
  obj.metadata ??= {};
  const meta = obj.metadata as Obj;
  if (encoded.length > 0) meta.managedFields = encoded;
  else if ('managedFields' in meta) delete meta.managedFields;
}

/** The metadata fields no manager owns (stripmeta.go). */
const SYSTEM_META = [
  'name',
  'namespace',
  'creationTimestamp',
  'selfLink',
  'uid',
  'generation',
  'managedFields',
  'resourceVersion',
];

/**
 * The part of an object a write through `subresource` can own: without apiVersion, kind and the
 * system metadata; the main resource resets its status, the status subresource its spec.
 */
function ownable(obj: KubeObject, subresource: string | undefined): Obj {
  const { apiVersion: _a, kind: _k, ...rest } = obj as Obj;
  if (subresource === 'status') delete rest.spec;
  else delete rest.status;
  if (isObj(rest.metadata)) {
    const meta = { ...rest.metadata };
    for (const k of SYSTEM_META) delete meta[k];
    rest.metadata = meta;
  }
  return rest;
}

/**
 * The struct fields a kind's zero value already has (non-pointer structs, and non-omitempty
 * lists as null): a create compares the new object with that zero value, so these never get
 * a `.` member of their own.
 */
const ZERO: Readonly<Record<string, Readonly<Record<string, string | null>>>> = {
  DeploymentSpec: { template: 'PodTemplateSpec', strategy: '' },
  ReplicaSetSpec: { template: 'PodTemplateSpec' },
  DaemonSetSpec: { template: 'PodTemplateSpec', updateStrategy: '' },
  StatefulSetSpec: { template: 'PodTemplateSpec', updateStrategy: '' },
  JobSpec: { template: 'PodTemplateSpec' },
  CronJobSpec: { jobTemplate: 'JobTemplateSpec' },
  JobTemplateSpec: { metadata: 'ObjectMeta', spec: 'JobSpec' },
  PodTemplateSpec: { metadata: 'ObjectMeta', spec: 'PodSpec' },
  ObjectMeta: { creationTimestamp: null },
  PodSpec: { containers: null },
  PersistentVolumeClaimSpec: { resources: '' },
  HorizontalPodAutoscalerSpec: { scaleTargetRef: '' },
};

function zeroOf(struct: string): Obj {
  const out: Obj = {};
  for (const [k, t] of Object.entries(ZERO[struct] ?? {})) out[k] = t === null ? null : zeroOf(t);
  return out;
}

/** The zero value of a kind: metadata, and spec and status when the kind has them. */
function zeroObject(kind: string): Obj {
  const out: Obj = { metadata: {} };
  for (const part of ['spec', 'status']) {
    const t = rootFields(kind)[part];
    if (t !== undefined) out[part] = zeroOf(t);
  }
  return out;
}

function rootFields(kind: string): Readonly<Record<string, string>> {
  return API_STRUCTS[kind] ?? {};
}

const rootType = (kind: string): FieldType =>
  API_STRUCTS[kind] ? { k: 'struct', name: kind } : { k: 'deduced' };

/** What a write records: who, how, and when. */
export interface ManagedWrite {
  manager: string;
  /** The object's group version (`apps/v1`). */
  apiVersion: string;
  subresource?: string;
  /** RFC 3339 time of the write. */
  now: string;
}

/**
 * Record an Update of `old` (undefined: a create) into `next`: `next.metadata.managedFields`
 * becomes the new entries. A client that sends no managedFields keeps the stored ones.
 */
export function recordUpdate(old: KubeObject | undefined, next: KubeObject, w: ManagedWrite): void {
  const kind = next.kind ?? old?.kind ?? '';
  const entries = decodeEntries(old);
  const lhs = old ? ownable(old, w.subresource) : zeroObject(kind);
  const cmp = compare(lhs, ownable(next, w.subresource), rootType(kind));
  const taken = union(union(cmp.added, cmp.modified), cmp.removed);
  const mine = union(cmp.added, cmp.modified);
  for (const e of entries) e.set = difference(e.set, taken);
  if (!isEmpty(mine)) {
    const id = identity({ ...w, operation: 'Update' });
    const own = entries.find((e) => identity(e) === id);
    if (own) {
      own.set = union(own.set, mine);
      own.time = w.now;
    } else
      entries.push({
        manager: w.manager,
        operation: 'Update',
        apiVersion: w.apiVersion,
        ...(w.subresource ? { subresource: w.subresource } : {}),
        time: w.now,
        set: mine,
      });
  }
  setEntries(next, entries);
}

const TOKEN_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * A new object as the create handler's field manager saw it: decoded and defaulted, before
 * admission and the strategy's PrepareForCreate (a namespace's `kubernetes` finalizer, a
 * DaemonSet's template generation annotation, a pod's admission additions), which no one owns.
 */
export function createdAsDecoded(resource: string, obj: KubeObject, body: KubeObject): KubeObject {
  if (resource === 'pods') return podBeforeAdmission(obj, body);
  if (resource === 'namespaces' && isObj(obj.spec)) {
    const { finalizers: _f, ...spec } = obj.spec;
    return { ...obj, spec };
  }
  if (resource === 'daemonsets' && obj.metadata?.annotations) {
    const { 'deprecated.daemonset.template.generation': _g, ...annotations } =
      obj.metadata.annotations;
    const { annotations: _a, ...rest } = obj.metadata;
    const metadata = Object.keys(annotations).length > 0 ? { ...rest, annotations } : rest;
    return { ...obj, metadata };
  }
  return obj;
}

/**
 * A new pod as the field manager saw it: the create handler records the decoded (defaulted)
 * body before admission runs, so what the ServiceAccount, DefaultTolerationSeconds and Priority
 * admission plugins add to `pod` (the token volume and its mounts, the service account, the
 * default tolerations, the priority) is owned by no one. `body` is the request's pod.
 */
function podBeforeAdmission(pod: KubeObject, body: KubeObject): KubeObject {
  const sent = (body.spec ?? {}) as Obj;
  const spec = { ...((pod.spec ?? {}) as Obj) };
  for (const k of [
    'serviceAccountName',
    'serviceAccount',
    'tolerations',
    'priority',
    'preemptionPolicy',
  ]) {
    if (sent[k] === undefined) delete spec[k];
  }
  const sentVolumes = new Set(((sent.volumes as Obj[] | undefined) ?? []).map((v) => v?.name));
  if (Array.isArray(spec.volumes)) {
    const kept = (spec.volumes as Obj[]).filter(
      (v) => sentVolumes.has(v.name) || !String(v.name ?? '').startsWith('kube-api-access-'),
    );
    if (kept.length > 0 || sent.volumes !== undefined) spec.volumes = kept;
    else delete spec.volumes;
  }
  for (const key of ['initContainers', 'containers']) {
    const list = spec[key];
    if (!Array.isArray(list)) continue;
    const sentList = (sent[key] as Obj[] | undefined) ?? [];
    spec[key] = (list as Obj[]).map((c) => {
      const original = sentList.find((x) => x?.name === c.name);
      const mounts = c.volumeMounts as Obj[] | undefined;
      if (!Array.isArray(mounts) || original?.volumeMounts !== undefined) return c;
      const kept = mounts.filter((m) => m.mountPath !== TOKEN_MOUNT);
      const out = { ...c };
      if (kept.length > 0) out.volumeMounts = kept;
      else delete out.volumeMounts;
      return out;
    });
  }
  return { ...pod, spec };
}

/** One field another manager owns and an apply would change. */
export interface ApplyConflict {
  /** printManager: `"kubectl-set" using apps/v1`, `"kubectl" with subresource "scale" using apps/v1`. */
  manager: string;
  path: string;
}

/**
 * A server-side apply of `config` (the applied configuration) to `live` (undefined: the object
 * is created): the merged object, its managedFields set, or the conflicts.
 */
export function applyConfiguration(
  live: KubeObject | undefined,
  config: KubeObject,
  w: ManagedWrite & { force: boolean },
): { ok: true; object: KubeObject; changed: boolean } | { ok: false; conflicts: ApplyConflict[] } {
  const kind = config.kind ?? live?.kind ?? '';
  const t = rootType(kind);
  const entries = decodeEntries(live);
  const cfg = ownable(config, undefined);
  const configSet = toFieldSet(cfg, t);
  const liveOwnable = live ? ownable(live, undefined) : zeroObject(kind);
  let merged = merge(liveOwnable, cfg, t) as Obj;
  const id = identity({ manager: w.manager, operation: 'Apply', apiVersion: w.apiVersion });
  const applier = entries.find((e) => identity(e) === id);
  const others = entries.filter((e) => e !== applier);
  // prune: what this manager applied before and applies no more goes, unless another manager
  // owns it (or something below it).
  if (applier) {
    const dropped = difference(applier.set, configSet);
    for (const path of members(dropped)) {
      if (hasAtOrBelow(configSet, path) || others.some((e) => hasAtOrBelow(e.set, path))) continue;
      merged = removePath(merged, path, t) as Obj;
    }
  }
  const cmp: Comparison = compare(liveOwnable, merged, t);
  const changed = union(cmp.added, cmp.modified);
  const conflicts: ApplyConflict[] = [];
  for (const e of others) {
    const clash = intersection(e.set, changed);
    for (const p of members(clash))
      conflicts.push({ manager: printManager(e), path: pathString(p) });
  }
  if (conflicts.length > 0 && !w.force && !allowedByLastApplied(live, conflicts, w.manager, t))
    return { ok: false, conflicts };
  for (const e of others) e.set = difference(difference(e.set, changed), cmp.removed);
  const noop = isEmpty(changed) && isEmpty(cmp.removed);
  const entry: Entry = {
    manager: w.manager,
    operation: 'Apply',
    apiVersion: w.apiVersion,
    set: configSet,
  };
  // managedFieldsUpdater: an apply that changes nothing leaves the entry's time as it was.
  const time = noop ? applier?.time : w.now;
  if (time) entry.time = time;
  const object = { ...(live ?? {}), ...merged } as KubeObject;
  object.metadata = { ...((merged.metadata as Obj | undefined) ?? {}) };
  // The system metadata stays as stored (the resourceVersion a precondition compares is the
  // configuration's, which the caller checks).
  for (const k of SYSTEM_META) {
    const v = (live?.metadata as Obj | undefined)?.[k];
    if (v !== undefined && k !== 'managedFields') (object.metadata as Obj)[k] = v;
  }
  if (!live) {
    // A create: the name and namespace of the configuration (the rest the server sets).
    for (const k of ['name', 'generateName', 'namespace'] as const) {
      const v = config.metadata?.[k];
      if (v !== undefined) (object.metadata as Obj)[k] = v;
    }
    if (config.apiVersion) object.apiVersion = config.apiVersion;
    if (config.kind) object.kind = config.kind;
  }
  // lastAppliedUpdater: kubectl's server-side apply keeps an existing client-side apply
  // annotation in step with what it applied.
  const annotations = live?.metadata?.annotations;
  if (w.manager === 'kubectl' && annotations?.[LAST_APPLIED] !== undefined) {
    const meta = object.metadata as Obj;
    meta.annotations = {
      ...((meta.annotations as Obj | undefined) ?? {}),
      [LAST_APPLIED]: lastAppliedOf(config),
    };
  }
  setEntries(object, [...others, entry]);
  return { ok: true, object, changed: !noop };
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** buildLastApplied: the applied object without the annotation, as JSON with a newline. */
function lastAppliedOf(config: KubeObject): string {
  const meta = { ...(config.metadata ?? {}) };
  const annotations = { ...(meta.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  if (Object.keys(annotations).length > 0) meta.annotations = annotations;
  else delete meta.annotations;
  return `${JSON.stringify(sortKeys({ ...config, metadata: meta }))}\n`;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]);
  return out;
}

/**
 * lastAppliedManager: kubectl's first server-side apply over a client-side apply may take the
 * fields whose live values are still those of the last-applied configuration.
 */
function allowedByLastApplied(
  live: KubeObject | undefined,
  conflicts: ApplyConflict[],
  manager: string,
  t: FieldType,
): boolean {
  const text = live?.metadata?.annotations?.[LAST_APPLIED];
  if (manager !== 'kubectl' || !live || typeof text !== 'string' || text === '') return false;
  let last: unknown;
  try {
    last = JSON.parse(text);
  } catch {
    return false;
  }
  if (!isObj(last)) return false;
  const lastOwnable = ownable(last as KubeObject, undefined);
  const lastSet = toFieldSet(lastOwnable, t);
  const cmp = compare(lastOwnable, ownable(live, undefined), t);
  const allowed = difference(lastSet, union(cmp.modified, cmp.removed));
  const allowedPaths = new Set(members(allowed).map(pathString));
  return conflicts.every((c) => allowedPaths.has(c.path));
}

function printManager(e: Entry): string {
  let s = JSON.stringify(e.manager);
  if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`;
  if (e.operation === 'Update') s += ` using ${e.apiVersion}`;
  return s;
}

/** NewApplyConflict: a 409 whose message lists the conflicts (getConflictMessage). */
export function applyConflictStatus(conflicts: ApplyConflict[]): Status {
  let message: string;
  const first = conflicts[0];
  if (conflicts.length === 1 && first) {
    message = `Apply failed with 1 conflict: conflict with ${first.manager}: ${first.path}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const c of conflicts)
      byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), c.path]);
    const lines: string[] = [];
    for (const m of [...byManager.keys()].sort()) {
      lines.push(`conflicts with ${m}:`);
      for (const p of byManager.get(m) ?? []) lines.push(`- ${p}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return {
    apiVersion: 'v1',
    kind: 'Status',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'Conflict',
    details: {
      causes: conflicts.map((c) => ({
        type: 'FieldManagerConflict',
        message: `conflict with ${c.manager}`,
        field: c.path,
      })),
    },
    code: 409,
  };
}
