/**
 * The immutability rules of the update validators (pkg/apis/{apps,batch,core}/validation
 * ValidateXUpdate and the registry strategies' ValidateUpdate) in 1.32, with their messages:
 * `field is immutable` (ValidateImmutableField), `may not change once set` (a Service's cluster
 * IPs) and `field is immutable when \`immutable\` is set` (ConfigMap/Secret).
 */
import type { KubeObject, ResourceName } from '../api/types.ts';
import { deepEqual } from '../controllers/objects.ts';
import type { FieldError } from './errors.ts';
import { ingressClassUpdate } from './networking.ts';
import { statefulSetSpecUpdate } from './statefulSetValidation.ts';
import { persistentVolumeClaimUpdate, storageClassUpdate } from './storage.ts';

type Obj = Record<string, unknown>;

/** Go's %q of a string (JSON's escaping matches it for the text users write). */
function q(s: unknown): string {
  return JSON.stringify(String(s ?? ''));
}

/** `%#v` of a map[string]string: keys sorted, `(nil)` when absent. */
export function goMapStringString(m: unknown): string {
  if (!m || typeof m !== 'object') return 'map[string]string(nil)';
  const o = m as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  return `map[string]string{${keys.map((k) => `${q(k)}:${q(o[k])}`).join(', ')}}`;
}

/** `%#v` of a []string: `[]string(nil)` when absent. */
function goStringSlice(v: unknown): string {
  if (!Array.isArray(v)) return '[]string(nil)';
  return `[]string{${v.map(q).join(', ')}}`;
}

/** `%#v` of a metav1.LabelSelector, as field.Invalid prints a dereferenced *LabelSelector. */
export function goLabelSelector(sel: unknown): string {
  if (!sel || typeof sel !== 'object') return 'null';
  const s = sel as { matchLabels?: unknown; matchExpressions?: unknown };
  const exprs = Array.isArray(s.matchExpressions)
    ? `[]v1.LabelSelectorRequirement{${(s.matchExpressions as Obj[])
        .map(
          (e) =>
            `v1.LabelSelectorRequirement{Key:${q(e.key)}, Operator:${q(e.operator)}, Values:${goStringSlice(e.values)}}`,
        )
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${goMapStringString(s.matchLabels)}, MatchExpressions:${exprs}}`;
}

/**
 * The head of `%#v` of an internal core.PodTemplateSpec (what the Job template error prints).
 * The real dump runs to several thousand characters; the rest is elided honestly with `…`.
 */
function goPodTemplateHead(template: unknown): string {
  const meta = ((template as Obj | undefined)?.metadata ?? {}) as Obj;
  return `core.PodTemplateSpec{ObjectMeta:v1.ObjectMeta{Name:${q(meta.name)}, GenerateName:${q(meta.generateName)}, Namespace:${q(meta.namespace)}, SelfLink:"", UID:"", ResourceVersion:"", Generation:0, CreationTimestamp:time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC), DeletionTimestamp:<nil>, DeletionGracePeriodSeconds:(*int64)(nil), Labels:${goMapStringString(meta.labels)}, …}`;
}

/** ValidateImmutableField for a selector. */
function immutableSelector(next: unknown, old: unknown, field: string): FieldError[] {
  if (deepEqual(next ?? null, old ?? null)) return [];
  return [
    {
      field,
      type: 'Invalid value',
      valueText: goLabelSelector(next),
      detail: 'field is immutable',
    },
  ];
}

/** ValidateImmutableField for a scalar pointer field (nil prints `null`). */
function immutableScalar(next: unknown, old: unknown, field: string): FieldError[] {
  if (deepEqual(next ?? null, old ?? null)) return [];
  return next === undefined || next === null
    ? [{ field, type: 'Invalid value', valueText: 'null', detail: 'field is immutable' }]
    : [{ field, type: 'Invalid value', value: next, detail: 'field is immutable' }];
}

/**
 * validatePodTemplateUpdate (batch): the template is immutable, except that a suspended Job
 * that never started may change its template's labels, annotations, nodeSelector,
 * tolerations, affinity and scheduling gates (AllowMutableSchedulingDirectives).
 */
function jobTemplateUpdate(next: Obj, old: Obj, oldStatus: Obj): FieldError[] {
  let oldTemplate = (old.template ?? {}) as Obj;
  const newTemplate = (next.template ?? {}) as Obj;
  if (next.suspend === true && oldStatus.startTime === undefined) {
    const nm = (newTemplate.metadata ?? {}) as Obj;
    const ns = (newTemplate.spec ?? {}) as Obj;
    const om = { ...((oldTemplate.metadata ?? {}) as Obj) };
    const os = { ...((oldTemplate.spec ?? {}) as Obj) };
    for (const k of ['labels', 'annotations']) {
      if (nm[k] === undefined) delete om[k];
      else om[k] = nm[k];
    }
    for (const k of ['nodeSelector', 'tolerations', 'affinity', 'schedulingGates']) {
      if (ns[k] === undefined) delete os[k];
      else os[k] = ns[k];
    }
    oldTemplate = { ...oldTemplate, metadata: om, spec: os };
  }
  if (deepEqual(newTemplate, oldTemplate)) return [];
  return [
    {
      field: 'spec.template',
      type: 'Invalid value',
      valueText: goPodTemplateHead(newTemplate),
      detail: 'field is immutable',
    },
  ];
}

/** ValidateJobSpecUpdate's immutability checks, in its order (after ValidateJobSpec). */
function jobUpdate(next: KubeObject, old: KubeObject): FieldError[] {
  const ns = (next.spec ?? {}) as Obj;
  const os = (old.spec ?? {}) as Obj;
  const errs: FieldError[] = [];
  // validateCompletions: elastic Indexed Jobs (on by default since 1.27) may change
  // completions, in tandem with parallelism; every other Job may not.
  if (ns.completionMode === 'Indexed') {
    if (
      !deepEqual(ns.completions ?? null, os.completions ?? null) &&
      typeof ns.completions === 'number' &&
      ns.completions !== ns.parallelism
    ) {
      errs.push({
        field: 'spec.completions',
        type: 'Invalid value',
        value: ns.completions,
        detail: 'can only be modified in tandem with spec.parallelism',
      });
    }
  } else errs.push(...immutableScalar(ns.completions, os.completions, 'spec.completions'));
  errs.push(...immutableSelector(ns.selector, os.selector, 'spec.selector'));
  errs.push(...jobTemplateUpdate(ns, os, (old.status ?? {}) as Obj));
  errs.push(...immutableScalar(ns.completionMode, os.completionMode, 'spec.completionMode'));
  errs.push(
    ...immutableScalar(
      ns.backoffLimitPerIndex,
      os.backoffLimitPerIndex,
      'spec.backoffLimitPerIndex',
    ),
  );
  errs.push(...immutableScalar(ns.managedBy, os.managedBy, 'spec.managedBy'));
  return errs;
}

/**
 * validateUpgradeDowngradeClusterIPs: the primary cluster IP may not change (the classic
 * "make my Service headless" error), unless the Service is or was an ExternalName one.
 */
function serviceClusterIPsUpdate(next: KubeObject, old: KubeObject): FieldError[] {
  const ns = (next.spec ?? {}) as Obj;
  const os = (old.spec ?? {}) as Obj;
  if (ns.type === 'ExternalName' || os.type === 'ExternalName') return [];
  const nIPs = Array.isArray(ns.clusterIPs) ? (ns.clusterIPs as string[]) : [];
  const oIPs = Array.isArray(os.clusterIPs) ? (os.clusterIPs as string[]) : [];
  if (ns.clusterIP === 'None' && os.clusterIP === 'None') return [];
  const bad = (detail: string): FieldError => ({
    field: 'spec.clusterIPs[0]',
    type: 'Invalid value',
    valueText: goStringSlice(nIPs.length ? nIPs : undefined),
    detail,
  });
  const errs: FieldError[] = [];
  if (oIPs.length === nIPs.length) {
    oIPs.forEach((ip, i) => {
      if (ip !== nIPs[i])
        errs.push({ ...bad('may not change once set'), field: `spec.clusterIPs[${i}]` });
    });
  } else if (oIPs.length > nIPs.length) {
    if (nIPs.length === 0) errs.push(bad('primary clusterIP can not be unset'));
    else if (nIPs[0] !== oIPs[0]) errs.push(bad('may not change once set'));
  } else if (oIPs.length > 0 && nIPs[0] !== oIPs[0]) errs.push(bad('may not change once set'));
  return errs;
}

/** ValidateConfigMapUpdate / ValidateSecretUpdate: an immutable object keeps its data. */
function immutableData(next: KubeObject, old: KubeObject, fields: string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  const detail = 'field is immutable when `immutable` is set';
  if (next.immutable !== true) errs.push({ field: 'immutable', type: 'Forbidden', detail });
  for (const f of fields) {
    if (!deepEqual(next[f] ?? null, old[f] ?? null))
      errs.push({ field: f, type: 'Forbidden', detail });
  }
  return errs;
}

/**
 * The update-only findings of `resource`, split by where the real validator puts them:
 * `before` the object's own (create-time) validation, or `after` it.
 */
export function validateUpdateRules(
  resource: ResourceName,
  next: KubeObject,
  old: KubeObject,
): { before: FieldError[]; after: FieldError[] } {
  const none: FieldError[] = [];
  switch (resource) {
    case 'deployments':
    case 'replicasets':
    case 'daemonsets':
      // The apps/v1 strategies append the selector check after ValidateXUpdate.
      return {
        before: none,
        after: immutableSelector(
          (next.spec as Obj | undefined)?.selector,
          (old.spec as Obj | undefined)?.selector,
          'spec.selector',
        ),
      };
    case 'statefulsets':
      return { before: none, after: statefulSetSpecUpdate(next, old) };
    case 'jobs':
      return { before: none, after: jobUpdate(next, old) };
    case 'persistentvolumeclaims':
      return { before: none, after: persistentVolumeClaimUpdate(next, old) };
    case 'storageclasses':
      return { before: none, after: storageClassUpdate(next, old) };
    case 'ingressclasses':
      return { before: ingressClassUpdate(next, old), after: none };
    case 'services':
      return { before: serviceClusterIPsUpdate(next, old), after: none };
    case 'configmaps':
      return { before: immutableData(next, old, ['data', 'binaryData']), after: none };
    case 'secrets': {
      const before: FieldError[] = [];
      const nt = next.type ?? 'Opaque';
      if (nt !== (old.type ?? 'Opaque'))
        before.push({
          field: 'type',
          type: 'Invalid value',
          value: nt,
          detail: 'field is immutable',
        });
      before.push(...immutableData(next, old, ['data']));
      return { before, after: none };
    }
    default:
      return { before: none, after: none };
  }
}
