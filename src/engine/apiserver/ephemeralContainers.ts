/**
 * Ephemeral containers (pkg/apis/core/validation, 1.32): what `validateEphemeralContainers`
 * checks of `spec.ephemeralContainers` (each container's common checks, a name unique across
 * every container of the pod, a target that is one of the pod's other containers, and the
 * allow-list of fields an ephemeral container may set), `ValidatePodEphemeralContainersUpdate`
 * (the `pods/ephemeralcontainers` subresource: existing ones may be neither changed nor
 * removed; static pods have none), and ValidatePodCreate's refusal of them on create.
 */

import { defaultPodSpec } from './defaults.ts';
import type { FieldError } from './errors.ts';
import { validateContainerCommon } from './podSpecValidation.ts';

type Obj = Record<string, unknown>;

const list = (v: unknown): Obj[] =>
  Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as Obj[]) : [];

/**
 * The EphemeralContainerCommon fields outside allowedEphemeralContainerFields, in the struct's
 * order (validateFieldAllowList reports each one set: `cannot be set for an Ephemeral Container`).
 */
const FORBIDDEN_FIELDS = [
  'ports',
  'resources',
  'resizePolicy',
  'restartPolicy',
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
  'lifecycle',
] as const;

/** Whether a field's value is Go's zero value (an empty struct, list or string; false). */
function isZero(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === false || v === 0) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.values(v as Obj).every(isZero);
  return false;
}

/** ValidatePodCreate: ephemeral containers are added only through their subresource. */
export function ephemeralContainersOnCreate(spec: unknown): FieldError[] {
  const s = (spec && typeof spec === 'object' ? spec : {}) as Obj;
  return list(s.ephemeralContainers).length > 0
    ? [{ field: 'spec.ephemeralContainers', type: 'Forbidden', detail: 'cannot be set on create' }]
    : [];
}

/** validateEphemeralContainers of a pod spec (`field`: its path, `spec.ephemeralContainers`). */
export function validateEphemeralContainers(spec: unknown, field: string): FieldError[] {
  const s = (spec && typeof spec === 'object' ? spec : {}) as Obj;
  const ephemeral = list(s.ephemeralContainers);
  if (ephemeral.length === 0) return [];
  const others = new Set<string>();
  for (const c of [...list(s.containers), ...list(s.initContainers)]) {
    if (typeof c.name === 'string') others.add(c.name);
  }
  const all = new Set(others);
  const volumes = new Set(
    list(s.volumes)
      .map((v) => v.name)
      .filter((n): n is string => typeof n === 'string'),
  );
  const errs: FieldError[] = [];
  ephemeral.forEach((c, i) => {
    const f = `${field}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, f));
    const name = typeof c.name === 'string' ? c.name : '';
    if (all.has(name)) errs.push({ field: `${f}.name`, type: 'Duplicate value', value: name });
    else all.add(name);
    const target = c.targetContainerName;
    if (typeof target === 'string' && target !== '' && !others.has(target)) {
      errs.push({ field: `${f}.targetContainerName`, type: 'Not found', value: target });
    }
    for (const k of FORBIDDEN_FIELDS) {
      if (!isZero(c[k])) {
        errs.push({
          field: `${f}.${k}`,
          type: 'Forbidden',
          detail: 'cannot be set for an Ephemeral Container',
        });
      }
    }
    list(c.volumeMounts).forEach((m, j) => {
      for (const k of ['subPath', 'subPathExpr']) {
        if (typeof m[k] === 'string' && m[k] !== '') {
          errs.push({
            field: `${f}.volumeMounts[${j}].${k}`,
            type: 'Forbidden',
            detail: 'cannot be set for an Ephemeral Container',
          });
        }
      }
    });
  });
  return errs;
}

/** A container's fields that differ between two versions (for the "may not be changed" text). */
function changedFields(a: Obj, b: Obj): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/**
 * ValidatePodEphemeralContainersUpdate's own part (after the spec's validation): a static pod
 * (its mirror) takes none, and the ephemeral containers already there stay as they are.
 * `newSpec` is the defaulted spec of the update.
 */
export function validateEphemeralContainersUpdate(
  newSpec: Obj,
  oldPod: { metadata?: { annotations?: Record<string, string> }; spec?: unknown },
): FieldError[] {
  if (oldPod.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined) {
    return [
      { field: '', type: 'Forbidden', detail: 'static pods do not support ephemeral containers' },
    ];
  }
  const errs: FieldError[] = [];
  const byName = new Map(list(newSpec.ephemeralContainers).map((c) => [c.name, c]));
  for (const old of list((oldPod.spec as Obj | undefined)?.ephemeralContainers)) {
    const now = byName.get(old.name);
    const name = typeof old.name === 'string' ? old.name : '';
    if (!now) {
      errs.push({
        field: 'spec.ephemeralContainers',
        type: 'Forbidden',
        detail: `existing ephemeral containers ${JSON.stringify(name)} may not be removed\n`,
      });
    } else if (JSON.stringify(old) !== JSON.stringify(now)) {
      // The real text ends with cmp.Diff of the two containers; the fields that differ stand in.
      const diff = changedFields(old, now)
        .map((k) => `  \t${k}: ${JSON.stringify(old[k])} → ${JSON.stringify(now[k])},`)
        .join('\n');
      errs.push({
        field: `spec.ephemeralContainers[${name}]`,
        type: 'Forbidden',
        detail: `existing ephemeral containers ${JSON.stringify(name)} may not be changed\n${diff}`,
      });
    }
  }
  return errs;
}

/**
 * The pod an update of `pods/NAME/ephemeralcontainers` makes of `stored`: only the request's
 * `spec.ephemeralContainers` is taken (the ephemeralContainersStrategy), defaulted as any
 * decoded container is (SetDefaults_EphemeralContainer). Returns the new spec and the errors.
 */
export function ephemeralContainersUpdate(
  stored: { metadata?: { annotations?: Record<string, string> }; spec?: unknown },
  requested: unknown,
): { spec: Obj; errors: FieldError[] } {
  const oldSpec = (stored.spec ?? {}) as Obj;
  const wanted = list((requested as Obj | undefined)?.ephemeralContainers).map((c) =>
    JSON.parse(JSON.stringify(c)),
  );
  const spec: Obj = { ...oldSpec };
  if (wanted.length > 0) {
    const only: Obj = { ephemeralContainers: wanted };
    defaultPodSpec(only);
    spec.ephemeralContainers = only.ephemeralContainers;
  } else delete spec.ephemeralContainers;
  // A static pod's answer is that alone (the validation before it is dropped).
  const own = validateEphemeralContainersUpdate(spec, stored);
  const errors =
    own[0]?.field === ''
      ? own
      : [...validateEphemeralContainers(spec, 'spec.ephemeralContainers'), ...own];
  return { spec, errors };
}
