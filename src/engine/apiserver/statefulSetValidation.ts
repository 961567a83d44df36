/**
 * StatefulSet validation as 1.32's pkg/apis/apps/validation (ValidateStatefulSet,
 * ValidateStatefulSetSpec, ValidateStatefulSetUpdate), with the real messages and their order:
 * pod management policy, update strategy, PVC retention policy, replicas, minReadySeconds,
 * ordinals, selector, template labels, pod template, restart policy, activeDeadlineSeconds.
 *
 * The name is an RFC 1123 label (`ValidateStatefulSetName` = NameIsDNSLabel: the pods' hostnames
 * are `<name>-<ordinal>`). `serviceName` is optional and not checked in 1.32.
 */
import type { KubeObject } from '../api/types.ts';
import { deepEqual, type LabelSelector, selectorMatches } from '../controllers/objects.ts';
import type { FieldError } from './errors.ts';
import { validatePodSpec } from './podSpecValidation.ts';
import { goLabelSelector, goMapStringString } from './updateValidation.ts';

type Obj = Record<string, unknown>;

interface StatefulSetSpec {
  podManagementPolicy?: unknown;
  updateStrategy?: { type?: unknown; rollingUpdate?: { partition?: unknown } | null };
  persistentVolumeClaimRetentionPolicy?: { whenDeleted?: unknown; whenScaled?: unknown } | null;
  replicas?: unknown;
  minReadySeconds?: unknown;
  ordinals?: { start?: unknown } | null;
  selector?: LabelSelector | null;
  template?: {
    metadata?: { labels?: Record<string, string> };
    spec?: { restartPolicy?: unknown; activeDeadlineSeconds?: unknown };
  };
}

function nonNegative(value: unknown, field: string): FieldError[] {
  return typeof value === 'number' && value < 0
    ? [{ field, type: 'Invalid value', value, detail: 'must be greater than or equal to 0' }]
    : [];
}

/** `%#v` of the internal RollingUpdateStatefulSetStrategy pointer (nil, or its fields). */
function goRollingUpdate(ru: unknown): string {
  if (!ru || typeof ru !== 'object') return '(*apps.RollingUpdateStatefulSetStrategy)(nil)';
  // Go prints a pointer's address here; the simulator has none to show.
  return '(*apps.RollingUpdateStatefulSetStrategy)(0xc000a1c2f0)';
}

/** ValidatePersistentVolumeClaimRetentionPolicyType. */
function retentionType(value: unknown, field: string): FieldError[] {
  if (value === 'Retain' || value === 'Delete') return [];
  return [
    {
      field,
      type: 'Unsupported value',
      value: value ?? '',
      detail: 'supported values: "Retain", "Delete"',
    },
  ];
}

/** ValidateStatefulSetSpec. */
export function validateStatefulSetSpec(obj: KubeObject): FieldError[] {
  const spec = (obj.spec ?? {}) as StatefulSetSpec;
  const errs: FieldError[] = [];
  const policy = spec.podManagementPolicy;
  if (policy === undefined || policy === null || policy === '') {
    errs.push({ field: 'spec.podManagementPolicy', type: 'Required value' });
  } else if (policy !== 'OrderedReady' && policy !== 'Parallel') {
    errs.push({
      field: 'spec.podManagementPolicy',
      type: 'Invalid value',
      value: policy,
      detail: "must be 'OrderedReady' or 'Parallel'",
    });
  }
  const strategy = spec.updateStrategy ?? {};
  const type = strategy.type;
  if (type === undefined || type === null || type === '') {
    errs.push({ field: 'spec.updateStrategy', type: 'Required value' });
  } else if (type === 'OnDelete') {
    if (strategy.rollingUpdate) {
      errs.push({
        field: 'spec.updateStrategy.rollingUpdate',
        type: 'Invalid value',
        valueText: `&apps.RollingUpdateStatefulSetStrategy{Partition:${Number(strategy.rollingUpdate.partition ?? 0)}, MaxUnavailable:(*intstr.IntOrString)(nil)}`,
        detail: "only allowed for updateStrategy 'RollingUpdate'",
      });
    }
  } else if (type === 'RollingUpdate') {
    if (strategy.rollingUpdate) {
      errs.push(
        ...nonNegative(
          strategy.rollingUpdate.partition,
          'spec.updateStrategy.rollingUpdate.partition',
        ),
      );
    }
  } else {
    errs.push({
      field: 'spec.updateStrategy',
      type: 'Invalid value',
      valueText: `apps.StatefulSetUpdateStrategy{Type:${JSON.stringify(String(type))}, RollingUpdate:${goRollingUpdate(strategy.rollingUpdate)}}`,
      detail: "must be 'RollingUpdate' or 'OnDelete'",
    });
  }
  const retention = spec.persistentVolumeClaimRetentionPolicy;
  if (retention) {
    errs.push(
      ...retentionType(
        retention.whenDeleted,
        'spec.persistentVolumeClaimRetentionPolicy.whenDeleted',
      ),
      ...retentionType(
        retention.whenScaled,
        'spec.persistentVolumeClaimRetentionPolicy.whenScaled',
      ),
    );
  }
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  if (spec.ordinals) errs.push(...nonNegative(spec.ordinals.start, 'spec.ordinals.start'));
  const sel = spec.selector;
  const labels = spec.template?.metadata?.labels;
  if (sel === undefined || sel === null) {
    errs.push({ field: 'spec.selector', type: 'Required value' });
    // LabelSelectorAsSelector(nil) is labels.Nothing(): Empty() is false and it matches no
    // labels, so the template check fails too.
    errs.push(templateMismatch(labels));
  } else {
    const count = Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions?.length ?? 0);
    if (count === 0) {
      errs.push({
        field: 'spec.selector',
        type: 'Invalid value',
        valueText: `&${goLabelSelector(sel)}`,
        detail: 'empty selector is invalid for statefulset',
      });
    } else if (!selectorMatches(sel, labels ?? {})) {
      errs.push(templateMismatch(labels));
    }
  }
  errs.push(...validatePodSpec(withClaimVolumes(spec), 'spec.template.spec'));
  const tspec = spec.template?.spec ?? {};
  if (tspec.restartPolicy !== 'Always') {
    errs.push({
      field: 'spec.template.spec.restartPolicy',
      type: 'Unsupported value',
      value: tspec.restartPolicy ?? '',
      detail: 'supported values: "Always"',
    });
  }
  if (tspec.activeDeadlineSeconds !== undefined && tspec.activeDeadlineSeconds !== null) {
    errs.push({
      field: 'spec.template.spec.activeDeadlineSeconds',
      type: 'Forbidden',
      detail: 'activeDeadlineSeconds in StatefulSet is not Supported',
    });
  }
  return errs;
}

/**
 * The template's pod spec with a volume per claim template, as the controller gives each pod
 * (so a mount of a claim is found). Validating the template whole this way is the simulator's
 * choice: whether 1.32 checks a StatefulSet's pod template at all is not established here.
 */
function withClaimVolumes(spec: StatefulSetSpec & { volumeClaimTemplates?: unknown }): unknown {
  const podSpec = spec.template?.spec;
  const claims = Array.isArray(spec.volumeClaimTemplates)
    ? (spec.volumeClaimTemplates as { metadata?: { name?: unknown } }[])
        .map((c) => c?.metadata?.name)
        .filter((n): n is string => typeof n === 'string' && n !== '')
    : [];
  if (claims.length === 0 || !podSpec || typeof podSpec !== 'object') return podSpec;
  const volumes = Array.isArray((podSpec as Obj).volumes)
    ? ((podSpec as Obj).volumes as Obj[])
    : [];
  const kept = volumes.filter((v) => !claims.includes(String(v?.name)));
  return {
    ...podSpec,
    volumes: [
      ...claims.map((name) => ({ name, persistentVolumeClaim: { claimName: name } })),
      ...kept,
    ],
  };
}

function templateMismatch(labels: Record<string, string> | undefined): FieldError {
  return {
    field: 'spec.template.metadata.labels',
    type: 'Invalid value',
    ...(labels ? { value: labels } : { valueText: goMapStringString(undefined) }),
    detail: '`selector` does not match template `labels`',
  };
}

/** The spec fields 1.32 lets an update change (ValidateStatefulSetUpdate). */
const MUTABLE = [
  'replicas',
  'template',
  'updateStrategy',
  'minReadySeconds',
  'ordinals',
  'persistentVolumeClaimRetentionPolicy',
];

/**
 * ValidateStatefulSetUpdate's own finding: any spec change beyond the mutable fields is one
 * Forbidden on `spec` (1.32's list; `revisionHistoryLimit` joined it in a later release).
 */
export function statefulSetSpecUpdate(next: KubeObject, old: KubeObject): FieldError[] {
  const strip = (spec: unknown): Obj => {
    const out: Obj = { ...((spec ?? {}) as Obj) };
    for (const f of MUTABLE) delete out[f];
    return out;
  };
  if (deepEqual(strip(next.spec), strip(old.spec))) return [];
  return [
    {
      field: 'spec',
      type: 'Forbidden',
      detail:
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    },
  ];
}
