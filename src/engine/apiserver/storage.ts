/**
 * PersistentVolumes, PersistentVolumeClaims and StorageClasses on the API server, after 1.32's
 * pkg/apis/core/v1/defaults.go, pkg/apis/core/validation (ValidatePersistentVolume(Claim)(Update))
 * and pkg/apis/storage/validation: their defaults, the main validation rules with their texts,
 * and the claim's immutable spec.
 *
 * Simplified: of the volume sources only the "exactly one" rule and hostPath's path are checked;
 * a PV's source is not held immutable; node affinity is not validated.
 */
import type { KubeObject } from '../api/types.ts';
import { deepEqual } from '../controllers/objects.ts';
import type { FieldError } from './errors.ts';
import { canonicalQuantity, compareQuantities } from './quantity.ts';

type Obj = Record<string, unknown>;

/** The finalizers the StorageObjectInUseProtection admission plugin adds on create. */
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';

/** The volume sources a PersistentVolumeSpec may carry, in the validator's order. */
const PV_SOURCES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'glusterfs',
  'flocker',
  'nfs',
  'rbd',
  'quobyte',
  'cinder',
  'cephfs',
  'iscsi',
  'fc',
  'azureFile',
  'vsphereVolume',
  'photonPersistentDisk',
  'portworxVolume',
  'azureDisk',
  'scaleIO',
  'local',
  'storageos',
  'csi',
];

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
const VOLUME_MODES = ['Block', 'Filesystem'];

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function child(o: Obj, key: string): Obj {
  const v = o[key];
  if (isObj(v)) return v;
  const fresh: Obj = {};
  o[key] = fresh;
  return fresh;
}

function quoted(values: string[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

/** Canonical quantities in a resource list (the decoder's resource.Quantity round trip). */
function canonicalList(list: unknown): void {
  if (!isObj(list)) return;
  for (const [k, v] of Object.entries(list)) {
    const c = canonicalQuantity(v);
    if (c !== undefined) list[k] = c;
  }
}

/** SetDefaults_PersistentVolume: Retain, Filesystem, phase Pending; hostPath's type "". */
export function defaultPersistentVolume(o: KubeObject): void {
  const spec = child(o as Obj, 'spec');
  if (spec.persistentVolumeReclaimPolicy == null) spec.persistentVolumeReclaimPolicy = 'Retain';
  if (spec.volumeMode == null) spec.volumeMode = 'Filesystem';
  if (isObj(spec.hostPath) && spec.hostPath.type == null) spec.hostPath.type = '';
  canonicalList(spec.capacity);
  const status = child(o as Obj, 'status');
  if (status.phase == null) status.phase = 'Pending';
}

/** SetDefaults_PersistentVolumeClaim(Spec): Filesystem, phase Pending. */
export function defaultPersistentVolumeClaim(o: KubeObject): void {
  const spec = child(o as Obj, 'spec');
  if (spec.volumeMode == null) spec.volumeMode = 'Filesystem';
  if (isObj(spec.resources)) {
    canonicalList(spec.resources.requests);
    canonicalList(spec.resources.limits);
  }
  const status = child(o as Obj, 'status');
  if (status.phase == null) status.phase = 'Pending';
}

/** SetDefaults_StorageClass: reclaim policy Delete, binding mode Immediate. */
export function defaultStorageClass(o: KubeObject): void {
  const x = o as Obj;
  if (x.reclaimPolicy == null) x.reclaimPolicy = 'Delete';
  if (x.volumeBindingMode == null) x.volumeBindingMode = 'Immediate';
}

function accessModeErrors(modes: unknown, field: string, required: string): FieldError[] {
  const list = Array.isArray(modes) ? modes : [];
  const errs: FieldError[] = [];
  if (list.length === 0) errs.push({ field, type: 'Required value', detail: required });
  let once = false;
  let other = false;
  for (const m of list) {
    if (!ACCESS_MODES.includes(String(m)))
      errs.push({
        field,
        type: 'Unsupported value',
        value: m,
        detail: `supported values: ${quoted(ACCESS_MODES)}`,
      });
    if (m === 'ReadWriteOncePod') once = true;
    else other = true;
  }
  if (once && other)
    errs.push({
      field,
      type: 'Forbidden',
      detail: 'may not use ReadWriteOncePod with other access modes',
    });
  return errs;
}

function positiveQuantity(v: unknown, field: string): FieldError[] {
  const c = canonicalQuantity(v);
  if (c === undefined) return [];
  if (compareQuantities(c, '0') <= 0)
    return [{ field, type: 'Invalid value', value: c, detail: 'must be greater than zero' }];
  return [];
}

function volumeModeErrors(mode: unknown, field: string): FieldError[] {
  if (mode == null || VOLUME_MODES.includes(String(mode))) return [];
  return [
    {
      field,
      type: 'Unsupported value',
      value: mode,
      detail: `supported values: ${quoted(VOLUME_MODES)}`,
    },
  ];
}

/** ValidatePersistentVolumeSpec's main rules. */
export function validatePersistentVolume(o: KubeObject): FieldError[] {
  const spec = isObj(o.spec) ? o.spec : {};
  const errs = accessModeErrors(spec.accessModes, 'spec.accessModes', '');
  const capacity = isObj(spec.capacity) ? spec.capacity : {};
  const keys = Object.keys(capacity);
  if (keys.length === 0) errs.push({ field: 'spec.capacity', type: 'Required value', detail: '' });
  if (!('storage' in capacity) || keys.length > 1)
    errs.push({
      field: 'spec.capacity',
      type: 'Unsupported value',
      valueText:
        keys.length === 0
          ? 'core.ResourceList(nil)'
          : `core.ResourceList{${keys.map((k) => `${JSON.stringify(k)}:${String(capacity[k])}`).join(', ')}}`,
      detail: 'supported values: "storage"',
    });
  for (const k of keys) errs.push(...positiveQuantity(capacity[k], `spec.capacity[${k}]`));
  const policy = spec.persistentVolumeReclaimPolicy;
  if (typeof policy === 'string' && policy && !RECLAIM_POLICIES.includes(policy))
    errs.push({
      field: 'spec.persistentVolumeReclaimPolicy',
      type: 'Unsupported value',
      value: policy,
      detail: `supported values: ${quoted(RECLAIM_POLICIES)}`,
    });
  let sources = 0;
  for (const source of PV_SOURCES) {
    if (!isObj(spec[source])) continue;
    if (sources > 0) {
      errs.push({
        field: `spec.${source}`,
        type: 'Forbidden',
        detail: 'may not specify more than 1 volume type',
      });
      continue;
    }
    sources++;
    if (source === 'hostPath') {
      const path = (spec.hostPath as Obj).path;
      if (typeof path !== 'string' || path === '')
        errs.push({ field: 'spec.hostPath.path', type: 'Required value', detail: '' });
    }
  }
  if (sources === 0)
    errs.push({ field: 'spec', type: 'Required value', detail: 'must specify a volume type' });
  errs.push(...volumeModeErrors(spec.volumeMode, 'spec.volumeMode'));
  return errs;
}

/** ValidatePersistentVolumeClaimSpec's main rules. */
export function validatePersistentVolumeClaim(o: KubeObject): FieldError[] {
  const spec = isObj(o.spec) ? o.spec : {};
  const errs = accessModeErrors(
    spec.accessModes,
    'spec.accessModes',
    'at least 1 access mode is required',
  );
  const requests =
    isObj(spec.resources) && isObj(spec.resources.requests) ? spec.resources.requests : {};
  if (!('storage' in requests))
    errs.push({ field: 'spec.resources[storage]', type: 'Required value', detail: '' });
  else errs.push(...positiveQuantity(requests.storage, 'spec.resources[storage]'));
  errs.push(...volumeModeErrors(spec.volumeMode, 'spec.volumeMode'));
  return errs;
}

/** ValidateStorageClass's main rules. */
export function validateStorageClass(o: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  if (typeof o.provisioner !== 'string' || o.provisioner === '')
    errs.push({ field: 'provisioner', type: 'Required value', detail: '' });
  const policies = ['Delete', 'Retain'];
  if (typeof o.reclaimPolicy === 'string' && !policies.includes(o.reclaimPolicy))
    errs.push({
      field: 'reclaimPolicy',
      type: 'Unsupported value',
      value: o.reclaimPolicy,
      detail: `supported values: ${quoted(policies)}`,
    });
  const modes = ['Immediate', 'WaitForFirstConsumer'];
  if (typeof o.volumeBindingMode === 'string' && !modes.includes(o.volumeBindingMode))
    errs.push({
      field: 'volumeBindingMode',
      type: 'Unsupported value',
      value: o.volumeBindingMode,
      detail: `supported values: ${quoted(modes)}`,
    });
  return errs;
}

/** ValidateStorageClassUpdate: parameters, provisioner and reclaim policy are fixed. */
export function storageClassUpdate(next: KubeObject, old: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  if (!deepEqual(next.parameters ?? {}, old.parameters ?? {}))
    errs.push({
      field: 'parameters',
      type: 'Forbidden',
      detail: 'updates to parameters are forbidden.',
    });
  if (next.provisioner !== old.provisioner)
    errs.push({
      field: 'provisioner',
      type: 'Forbidden',
      detail: 'updates to provisioner are forbidden.',
    });
  if ((next.reclaimPolicy ?? 'Delete') !== (old.reclaimPolicy ?? 'Delete'))
    errs.push({
      field: 'reclaimPolicy',
      type: 'Forbidden',
      detail: 'updates to reclaimPolicy are forbidden.',
    });
  if (next.volumeBindingMode !== old.volumeBindingMode)
    errs.push({
      field: 'volumeBindingMode',
      type: 'Invalid value',
      value: next.volumeBindingMode,
      detail: 'field is immutable',
    });
  return errs;
}

/**
 * ValidatePersistentVolumeClaimUpdate: the spec is immutable, except that `volumeName` may be set
 * once (by the binder) and a bound claim's storage request may grow (expansion); it may not
 * shrink (RecoverVolumeExpansionFailure is off in 1.32). The real message goes on with a
 * cmp.Diff of the two specs, which is not reproduced here.
 */
export function persistentVolumeClaimUpdate(next: KubeObject, old: KubeObject): FieldError[] {
  const ns = (isObj(next.spec) ? { ...next.spec } : {}) as Obj;
  const os = (isObj(old.spec) ? { ...old.spec } : {}) as Obj;
  if (!os.volumeName) os.volumeName = ns.volumeName;
  // RetroactiveDefaultStorageClass: a claim without a class may be given one, once.
  const beta = 'volume.beta.kubernetes.io/storage-class';
  if (
    os.storageClassName == null &&
    typeof ns.storageClassName === 'string' &&
    old.metadata?.annotations?.[beta] === undefined &&
    next.metadata?.annotations?.[beta] === undefined
  )
    os.storageClassName = ns.storageClassName;
  if (os.volumeName === undefined) delete os.volumeName;
  if (ns.volumeName === undefined) delete ns.volumeName;
  const bound = (next.status as Obj | undefined)?.phase === 'Bound';
  const request = (spec: Obj) =>
    isObj(spec.resources) && isObj(spec.resources.requests)
      ? spec.resources.requests.storage
      : undefined;
  const oldSize = request(os);
  const newSize = request(ns);
  if (bound && isObj(ns.resources) && isObj(ns.resources.requests)) {
    ns.resources = { ...ns.resources, requests: { ...ns.resources.requests, storage: oldSize } };
  }
  if (bound) {
    if (ns.volumeAttributesClassName !== undefined)
      ns.volumeAttributesClassName = os.volumeAttributesClassName;
    if (ns.volumeAttributesClassName === undefined) delete ns.volumeAttributesClassName;
  }
  const errs: FieldError[] = [];
  if (!deepEqual(ns, os))
    errs.push({
      field: 'spec',
      type: 'Forbidden',
      detail:
        'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    });
  if (newSize !== undefined && oldSize !== undefined && compareQuantities(newSize, oldSize) < 0)
    errs.push({
      field: 'spec.resources.requests.storage',
      type: 'Forbidden',
      detail: 'field can not be less than previous value',
    });
  return errs;
}
