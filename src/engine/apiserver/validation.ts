/**
 * Validation with the real messages (apimachinery pkg/util/validation, pkg/api/validation).
 */

import type { KubeObject, ResourceName } from '../api/types.ts';
import { isKnownZone, parseStandard } from '../util/cron.ts';
import { validateAppArmorAnnotations } from './appArmor.ts';
import { validateCertificateSigningRequest } from './certificates.ts';
import { validateDeploymentTail } from './deploymentValidation.ts';
import { validatePodDisruptionBudget } from './disruption.ts';
import { ephemeralContainersOnCreate, validateEphemeralContainers } from './ephemeralContainers.ts';
import type { FieldError } from './errors.ts';
import { validateHpa } from './hpa.ts';
import { policyRestartPolicyError, validateJobPolicies } from './jobPolicyValidation.ts';
import { validateIngress, validateIngressClass, validateNetworkPolicy } from './networking.ts';
import { portNameErrors, validatePodSpec } from './podSpecValidation.ts';
import { knownValidPodSpec, rememberValidPodSpec } from './podSpecVerdict.ts';
import { validatePriorityClass } from './priority.ts';
import { validateLimitRange, validateResourceQuota } from './quota.ts';
import { validateBindingObject, validatePathSegmentName, validateRoleObject } from './rbac.ts';
import { validateServiceAccountTokenSecret } from './serviceAccountToken.ts';
import { validateStatefulSetSpec } from './statefulSetValidation.ts';
import {
  validatePersistentVolume,
  validatePersistentVolumeClaim,
  validateStorageClass,
} from './storage.ts';

/** ValidateRBACName: the RBAC kinds' names are path segments (`system:node` is fine). */
const RBAC_RESOURCES: ReadonlySet<ResourceName> = new Set<ResourceName>([
  'roles',
  'clusterroles',
  'rolebindings',
  'clusterrolebindings',
]);

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The RegexError text; note the double space after `'my-name',` (an upstream quirk). */
export const DNS1123_LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

export const DNS1123_SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/** Messages of IsDNS1123Label (empty when valid). */
export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!DNS1123_LABEL.test(value)) errs.push(DNS1123_LABEL_MESSAGE);
  return errs;
}

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export const DNS1035_LABEL_MESSAGE =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

/** Messages of IsDNS1035Label (empty when valid): what a Service name must be. */
export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!DNS1035_LABEL.test(value)) errs.push(DNS1035_LABEL_MESSAGE);
  return errs;
}

/** Messages of IsDNS1123Subdomain (empty when valid). */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(value)) errs.push(DNS1123_SUBDOMAIN_MESSAGE);
  return errs;
}

/**
 * Whether `name` is a DNS-1123 subdomain (what isDNS1123Subdomain finds nothing in): at most
 * 253 characters, dot-separated labels of lower-case letters, digits and '-', each starting
 * and ending with a letter or digit. A loop over the characters, for the name of every Event:
 * no pattern match and no array of findings.
 */
export function isDnsSubdomainName(name: string): boolean {
  const n = name.length;
  if (n === 0 || n > 253) return false;
  let labelStart = true;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const c = name.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) labelStart = false;
    else if (c === 45) {
      if (labelStart) return false;
    } else if (c === 46) {
      if (labelStart || prev === 45) return false;
      labelStart = true;
    } else return false;
    prev = c;
  }
  return !labelStart && prev !== 45;
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

const LABEL_VALUE_MESSAGE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const QUALIFIED_NAME_MESSAGE =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

/** Messages of IsValidLabelValue: the length and the pattern are separate findings. */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!LABEL_VALUE.test(value)) errs.push(LABEL_VALUE_MESSAGE);
  return errs;
}

/** Messages of IsQualifiedName (a label key: an optional DNS subdomain prefix and `/`). */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0]!;
  else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else for (const msg of isDNS1123Subdomain(prefix)) errs.push(`prefix part ${msg}`);
  } else {
    return [
      `a qualified name ${QUALIFIED_NAME_MESSAGE} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (!QUALIFIED_NAME.test(name)) errs.push(`name part ${QUALIFIED_NAME_MESSAGE}`);
  return errs;
}

/** ValidateLabels: per label, the key's findings, then the value's, each at `field`. */
export function validateLabels(labels: unknown, field: string): FieldError[] {
  if (!labels || typeof labels !== 'object') return [];
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels)) {
    for (const detail of isQualifiedName(k))
      errs.push({ field, type: 'Invalid value', value: k, detail });
    // A value that is not a string never decodes in the real API server; report the pattern.
    const msgs = typeof v === 'string' ? isValidLabelValue(v) : [LABEL_VALUE_MESSAGE];
    for (const detail of msgs) errs.push({ field, type: 'Invalid value', value: v, detail });
  }
  return errs;
}

/**
 * ValidateAnnotations (ValidateObjectMeta, right after the labels): each key is a qualified
 * name once lower-cased, reported at `metadata.annotations` with the key as typed.
 */
function validateAnnotationKeys(annotations: unknown): FieldError[] {
  if (!annotations || typeof annotations !== 'object') return [];
  const errs: FieldError[] = [];
  for (const k of Object.keys(annotations)) {
    for (const detail of isQualifiedName(k.toLowerCase()))
      errs.push({ field: 'metadata.annotations', type: 'Invalid value', value: k, detail });
  }
  return errs;
}

function matchesSelector(selector: unknown, labels: Record<string, string>): boolean {
  const sel = (selector ?? {}) as { matchLabels?: Record<string, string> };
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  return true;
}

function validateTemplated(obj: KubeObject): FieldError[] {
  const spec = (obj.spec ?? {}) as {
    selector?: { matchLabels?: Record<string, string> };
    template?: { metadata?: { labels?: Record<string, string> }; spec?: unknown };
    replicas?: number;
  };
  const errs: FieldError[] = [];
  if (typeof spec.replicas === 'number' && spec.replicas < 0) {
    errs.push({
      field: 'spec.replicas',
      type: 'Invalid value',
      value: spec.replicas,
      detail: 'must be greater than or equal to 0',
    });
  }
  // ValidateReplicaSetSpec checks minReadySeconds right after the replicas.
  if (obj.kind === 'ReplicaSet')
    errs.push(
      ...nonNegative(
        (spec as { minReadySeconds?: unknown }).minReadySeconds,
        'spec.minReadySeconds',
      ),
    );
  const sel = spec.selector as Record<string, unknown> | undefined;
  const hasSelector =
    !!sel && (Object.keys(sel.matchLabels ?? {}).length > 0 || Array.isArray(sel.matchExpressions));
  const labels = spec.template?.metadata?.labels;
  if (obj.kind !== 'DaemonSet' && (sel === undefined || sel === null)) {
    // ValidateDeploymentSpec / ValidateReplicaSetSpec: Required, and then the template check
    // with LabelSelectorAsSelector(nil) = labels.Nothing(), which matches no labels at all.
    errs.push({ field: 'spec.selector', type: 'Required value' });
    errs.push({
      field: 'spec.template.metadata.labels',
      type: 'Invalid value',
      value: labels ?? {},
      ...(labels ? {} : { valueText: 'map[string]string(nil)' }),
      detail: '`selector` does not match template `labels`',
    });
  } else if (obj.kind !== 'DaemonSet' && !hasSelector) {
    // An empty selector selects everything: refused for itself, the template check passes.
    const s = sel as { matchLabels?: unknown; matchExpressions?: unknown };
    errs.push({
      field: 'spec.selector',
      type: 'Invalid value',
      valueText: `v1.LabelSelector{MatchLabels:map[string]string${s.matchLabels ? '{}' : '(nil)'}, MatchExpressions:[]v1.LabelSelectorRequirement${s.matchExpressions ? '{}' : '(nil)'}}`,
      detail: 'empty selector is invalid for deployment',
    });
  } else if (!hasSelector) {
    errs.push({ field: 'spec.selector', type: 'Required value' });
  } else {
    if (!matchesSelector(spec.selector, labels ?? {})) {
      errs.push({
        field: 'spec.template.metadata.labels',
        type: 'Invalid value',
        value: labels ?? {},
        ...(labels ? {} : { valueText: 'map[string]string(nil)' }),
        detail: '`selector` does not match template `labels`',
      });
    }
  }
  errs.push(...validatePodSpec(spec.template?.spec, 'spec.template.spec'));
  // ValidatePodTemplateSpecForReplicaSet / ValidateDaemonSetSpec: pods that always restart.
  const tspec = (spec.template?.spec ?? {}) as {
    restartPolicy?: unknown;
    activeDeadlineSeconds?: unknown;
  };
  if (tspec.restartPolicy !== 'Always') {
    errs.push({
      field: 'spec.template.spec.restartPolicy',
      type: 'Unsupported value',
      value: tspec.restartPolicy ?? '',
      detail: 'supported values: "Always"',
    });
  }
  if (tspec.activeDeadlineSeconds !== undefined && tspec.activeDeadlineSeconds !== null) {
    const kindName = obj.kind === 'DaemonSet' ? 'DaemonSet' : 'ReplicaSet';
    errs.push(
      obj.kind === 'DaemonSet'
        ? {
            field: 'spec.template.spec.activeDeadlineSeconds',
            type: 'Invalid value',
            value: tspec.activeDeadlineSeconds,
            detail: `activeDeadlineSeconds in ${kindName} is not Supported`,
          }
        : {
            field: 'spec.template.spec.activeDeadlineSeconds',
            type: 'Forbidden',
            detail: `activeDeadlineSeconds in ${kindName} is not Supported`,
          },
    );
  }
  if (obj.kind === 'Deployment')
    errs.push(...validateDeploymentTail(spec as Record<string, unknown>));
  return errs;
}

/** `ValidateNonnegativeField`. */
function nonNegative(value: unknown, field: string): FieldError[] {
  return typeof value === 'number' && value < 0
    ? [{ field, type: 'Invalid value', value, detail: 'must be greater than or equal to 0' }]
    : [];
}

/** `ValidateHasLabel`: a label the generated selector relies on must carry its value. */
function hasLabel(labels: Record<string, string>, key: string, want: string): FieldError[] {
  const field = `spec.template.metadata.labels[${key}]`;
  if (!(key in labels)) return [{ field, type: 'Required value', detail: `must be '${want}'` }];
  return labels[key] === want
    ? []
    : [{ field, type: 'Invalid value', value: labels, detail: `must be '${want}'` }];
}

/**
 * ValidateJob (pkg/apis/batch/validation): the generated selector's labels (unless
 * `manualSelector`), the counts, the completion mode and replacement policy, the pod template
 * (whose restartPolicy must be OnFailure or Never), and a selector matching the template.
 */
function validateJob(obj: KubeObject): FieldError[] {
  const spec = (obj.spec ?? {}) as {
    manualSelector?: boolean;
    parallelism?: number;
    completions?: number;
    activeDeadlineSeconds?: number;
    backoffLimit?: number;
    ttlSecondsAfterFinished?: number;
    completionMode?: string;
    podReplacementPolicy?: string;
    podFailurePolicy?: unknown;
    selector?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
    template?: {
      metadata?: { labels?: Record<string, string> };
      spec?: { restartPolicy?: string };
    };
  };
  const errs: FieldError[] = [];
  const labels = spec.template?.metadata?.labels ?? {};
  if (spec.manualSelector !== true) {
    const uid = obj.metadata?.uid ?? '';
    const name = obj.metadata?.name ?? '';
    errs.push(...hasLabel(labels, 'controller-uid', uid), ...hasLabel(labels, 'job-name', name));
    errs.push(
      ...hasLabel(labels, 'batch.kubernetes.io/controller-uid', uid),
      ...hasLabel(labels, 'batch.kubernetes.io/job-name', name),
    );
    const expected: Record<string, string> = {
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': name,
      'controller-uid': uid,
      'job-name': name,
    };
    if (spec.selector && !matchesSelector(spec.selector, expected)) {
      errs.push({
        field: 'spec.selector',
        type: 'Invalid value',
        value: spec.selector,
        detail: '`selector` not auto-generated',
      });
    }
  }
  errs.push(...nonNegative(spec.parallelism, 'spec.parallelism'));
  errs.push(...nonNegative(spec.completions, 'spec.completions'));
  errs.push(...nonNegative(spec.activeDeadlineSeconds, 'spec.activeDeadlineSeconds'));
  errs.push(...nonNegative(spec.backoffLimit, 'spec.backoffLimit'));
  errs.push(...nonNegative(spec.ttlSecondsAfterFinished, 'spec.ttlSecondsAfterFinished'));
  const mode = spec.completionMode;
  if (mode !== undefined && mode !== 'NonIndexed' && mode !== 'Indexed') {
    errs.push({
      field: 'spec.completionMode',
      type: 'Unsupported value',
      value: mode,
      detail: 'supported values: "NonIndexed", "Indexed"',
    });
  }
  if (mode === 'Indexed' && spec.completions === undefined) {
    errs.push({
      field: 'spec.completions',
      type: 'Required value',
      detail: 'when completion mode is Indexed',
    });
  }
  errs.push(...validateJobPolicies(spec as Record<string, unknown>));
  const replacement = spec.podReplacementPolicy;
  if (replacement !== undefined) {
    const allowed = spec.podFailurePolicy != null ? ['Failed'] : ['Failed', 'TerminatingOrFailed'];
    if (!allowed.includes(replacement)) {
      errs.push({
        field: 'spec.podReplacementPolicy',
        type: 'Unsupported value',
        value: replacement,
        detail: `supported values: ${allowed.map((a) => `"${a}"`).join(', ')}`,
      });
    }
  }
  errs.push(...validatePodSpec(spec.template?.spec, 'spec.template.spec'));
  const restart = spec.template?.spec?.restartPolicy ?? '';
  if (restart === 'Always' || restart === '') {
    errs.push({
      field: 'spec.template.spec.restartPolicy',
      type: 'Required value',
      detail: 'valid values: "OnFailure", "Never"',
    });
  } else if (restart !== 'OnFailure' && restart !== 'Never') {
    errs.push({
      field: 'spec.template.spec.restartPolicy',
      type: 'Unsupported value',
      value: restart,
      detail: 'supported values: "OnFailure", "Never"',
    });
  } else {
    const policyError = policyRestartPolicyError(spec as Record<string, unknown>, restart);
    if (policyError) errs.push(policyError);
  }
  const sel = spec.selector;
  if (!sel) errs.push({ field: 'spec.selector', type: 'Required value' });
  else if (!matchesSelector(sel, labels)) {
    errs.push({
      field: 'spec.template.metadata.labels',
      type: 'Invalid value',
      value: labels,
      detail: '`selector` does not match template `labels`',
    });
  }
  return errs;
}

/** The restartPolicy rule of a Job's pod template, at `field`. */
function jobRestartPolicy(restart: string, field: string): FieldError[] {
  if (restart === 'Always' || restart === '') {
    return [{ field, type: 'Required value', detail: 'valid values: "OnFailure", "Never"' }];
  }
  if (restart !== 'OnFailure' && restart !== 'Never') {
    return [
      {
        field,
        type: 'Unsupported value',
        value: restart,
        detail: 'supported values: "OnFailure", "Never"',
      },
    ];
  }
  return [];
}

/**
 * ValidateCronJobCreate: a name short enough for its Jobs' names (52), a schedule robfig/cron
 * parses (no TZ= in it), a known time zone and concurrency policy, and the Job template's
 * counts and pod template (restartPolicy OnFailure or Never).
 */
function validateCronJob(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const name = obj.metadata?.name ?? '';
  if (name.length > 52) {
    errs.push({
      field: 'metadata.name',
      type: 'Invalid value',
      value: name,
      detail: 'must be no more than 52 characters',
    });
  }
  const spec = (obj.spec ?? {}) as {
    schedule?: string;
    timeZone?: string;
    concurrencyPolicy?: string;
    startingDeadlineSeconds?: number;
    successfulJobsHistoryLimit?: number;
    failedJobsHistoryLimit?: number;
    jobTemplate?: {
      spec?: {
        parallelism?: number;
        completions?: number;
        backoffLimit?: number;
        template?: { spec?: { restartPolicy?: string } };
      };
    };
  };
  const schedule = spec.schedule ?? '';
  if (schedule === '') errs.push({ field: 'spec.schedule', type: 'Required value' });
  else {
    try {
      parseStandard(schedule);
    } catch (e) {
      errs.push({
        field: 'spec.schedule',
        type: 'Invalid value',
        value: schedule,
        detail: (e as Error).message,
      });
    }
    if (schedule.includes('TZ')) {
      errs.push({
        field: 'spec.schedule',
        type: 'Invalid value',
        value: schedule,
        detail:
          spec.timeZone !== undefined
            ? 'cannot use both timeZone field and TZ or CRON_TZ in schedule'
            : 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
      });
    }
  }
  if (spec.timeZone !== undefined && !isKnownZone(spec.timeZone)) {
    errs.push({
      field: 'spec.timeZone',
      type: 'Invalid value',
      value: spec.timeZone,
      detail: `unknown time zone ${spec.timeZone}`,
    });
  }
  const policy = spec.concurrencyPolicy ?? '';
  if (!['Allow', 'Forbid', 'Replace'].includes(policy)) {
    errs.push(
      policy === ''
        ? { field: 'spec.concurrencyPolicy', type: 'Required value' }
        : {
            field: 'spec.concurrencyPolicy',
            type: 'Unsupported value',
            value: policy,
            detail: 'supported values: "Allow", "Forbid", "Replace"',
          },
    );
  }
  errs.push(...nonNegative(spec.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
  errs.push(...nonNegative(spec.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'));
  errs.push(...nonNegative(spec.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
  const js = spec.jobTemplate?.spec ?? {};
  errs.push(...nonNegative(js.parallelism, 'spec.jobTemplate.spec.parallelism'));
  errs.push(...nonNegative(js.completions, 'spec.jobTemplate.spec.completions'));
  errs.push(...nonNegative(js.backoffLimit, 'spec.jobTemplate.spec.backoffLimit'));
  errs.push(...validatePodSpec(js.template?.spec, 'spec.jobTemplate.spec.template.spec'));
  errs.push(
    ...jobRestartPolicy(
      js.template?.spec?.restartPolicy ?? '',
      'spec.jobTemplate.spec.template.spec.restartPolicy',
    ),
  );
  return errs;
}

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

/** `%#v` of the internal core.ServicePort key ValidateService uses to find duplicate ports. */
function goServicePortKey(protocol: unknown, port: unknown): string {
  return `core.ServicePort{Name:"", Protocol:${JSON.stringify(String(protocol ?? ''))}, AppProtocol:(*string)(nil), Port:${typeof port === 'number' ? port : 0}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
}

/**
 * ValidateService's checks of the ports and the type (after defaulting), in its order: ports
 * required, each port (a name when there are several, unique names, number, protocol, target
 * port), the type, node ports only for NodePort/LoadBalancer, duplicate node ports, duplicate
 * port/protocol pairs.
 */
function validateServiceSpec(spec: unknown): FieldError[] {
  const s = (spec ?? {}) as {
    type?: unknown;
    clusterIP?: unknown;
    ports?: unknown;
    externalName?: unknown;
  };
  const errs: FieldError[] = [];
  const type = s.type ?? 'ClusterIP';
  const ports = Array.isArray(s.ports) ? (s.ports as Record<string, unknown>[]) : [];
  if (ports.length === 0 && s.clusterIP !== 'None' && type !== 'ExternalName') {
    errs.push({ field: 'spec.ports', type: 'Required value' });
  }
  // The type's own checks: a headless service cannot be a NodePort or LoadBalancer one, and an
  // ExternalName one needs its name (a DNS subdomain, a trailing dot allowed).
  if ((type === 'LoadBalancer' || type === 'NodePort') && s.clusterIP === 'None') {
    errs.push({
      field: 'spec.clusterIPs[0]',
      type: 'Invalid value',
      value: 'None',
      detail: `may not be set to 'None' for ${type} services`,
    });
  } else if (type === 'ExternalName') {
    const cname = typeof s.externalName === 'string' ? s.externalName.replace(/\.$/, '') : '';
    if (cname === '') errs.push({ field: 'spec.externalName', type: 'Required value' });
    else
      for (const detail of isDNS1123Subdomain(cname))
        errs.push({ field: 'spec.externalName', type: 'Invalid value', value: cname, detail });
  }
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const f = `spec.ports[${i}]`;
    const name = typeof p.name === 'string' ? p.name : '';
    if (ports.length > 1 && !name) errs.push({ field: `${f}.name`, type: 'Required value' });
    else if (name) {
      for (const detail of isDNS1123Label(name))
        errs.push({ field: `${f}.name`, type: 'Invalid value', value: name, detail });
      if (names.has(name)) errs.push({ field: `${f}.name`, type: 'Duplicate value', value: name });
      else names.add(name);
    }
    const port = p.port;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
      errs.push({
        field: `${f}.port`,
        type: 'Invalid value',
        value: port ?? 0,
        detail: 'must be between 1 and 65535, inclusive',
      });
    }
    const proto = p.protocol;
    if (proto !== undefined && !['SCTP', 'TCP', 'UDP'].includes(String(proto)))
      errs.push({
        field: `${f}.protocol`,
        type: 'Unsupported value',
        value: proto,
        detail: 'supported values: "SCTP", "TCP", "UDP"',
      });
    const tp = p.targetPort;
    if (typeof tp === 'number' && (tp < 1 || tp > 65535))
      errs.push({
        field: `${f}.targetPort`,
        type: 'Invalid value',
        value: tp,
        detail: 'must be between 1 and 65535, inclusive',
      });
    else if (typeof tp === 'string')
      for (const detail of portNameErrors(tp))
        errs.push({ field: `${f}.targetPort`, type: 'Invalid value', value: tp, detail });
  });
  if (typeof type !== 'string' || !SERVICE_TYPES.includes(type)) {
    errs.push({
      field: 'spec.type',
      type: 'Unsupported value',
      value: type,
      detail: `supported values: ${SERVICE_TYPES.map((t) => `"${t}"`).join(', ')}`,
    });
  }
  if (type === 'ClusterIP')
    ports.forEach((p, i) => {
      if (typeof p.nodePort === 'number' && p.nodePort !== 0)
        errs.push({
          field: `spec.ports[${i}].nodePort`,
          type: 'Forbidden',
          detail: "may not be used when `type` is 'ClusterIP'",
        });
    });
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (typeof p.nodePort !== 'number' || p.nodePort === 0) return;
    const key = `${p.protocol}/${p.nodePort}`;
    if (nodePorts.has(key))
      errs.push({ field: `spec.ports[${i}].nodePort`, type: 'Duplicate value', value: p.nodePort });
    nodePorts.add(key);
  });
  const pairs = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol}/${p.port}`;
    if (pairs.has(key))
      errs.push({
        field: `spec.ports[${i}]`,
        type: 'Duplicate value',
        valueText: goServicePortKey(p.protocol, p.port),
      });
    pairs.add(key);
  });
  return errs;
}

/** Name and per-kind checks for a create or update. */
/** `creating` is false for an update (whose validators skip some create-only checks). */
export function validateObject(
  resource: ResourceName,
  obj: KubeObject,
  creating = true,
): FieldError[] {
  const meta = obj.metadata ?? {};
  const errs: FieldError[] = [];
  const name = meta.name ?? '';
  if (!name) {
    errs.push({
      field: 'metadata.name',
      type: 'Required value',
      detail: 'name or generateName is required',
    });
  } else {
    // ValidateNamespaceName and ValidateServiceName are labels; the rest are subdomains.
    const nameErrs = RBAC_RESOURCES.has(resource)
      ? validatePathSegmentName(name)
      : resource === 'namespaces'
        ? isDNS1123Label(name)
        : resource === 'services'
          ? isDNS1035Label(name)
          : resource === 'statefulsets'
            ? isDNS1123Label(name)
            : isDNS1123Subdomain(name);
    for (const msg of nameErrs)
      errs.push({ field: 'metadata.name', type: 'Invalid value', value: name, detail: msg });
  }
  errs.push(...validateLabels(meta.labels, 'metadata.labels'));
  errs.push(...validateAnnotationKeys(meta.annotations));
  errs.push(...validateAppArmorAnnotations(resource, obj, creating));
  switch (resource) {
    case 'pods': {
      // A new pod whose spec matches the last one that passed (see podSpecVerdict.ts) passes.
      if (creating && knownValidPodSpec(obj.spec)) break;
      const before = errs.length;
      errs.push(...validatePodSpec(obj.spec, 'spec'));
      errs.push(...validateEphemeralContainers(obj.spec, 'spec.ephemeralContainers'));
      if (creating) {
        errs.push(...ephemeralContainersOnCreate(obj.spec));
        if (errs.length === before) rememberValidPodSpec(obj.spec);
      }
      break;
    }
    case 'deployments':
    case 'replicasets':
    case 'daemonsets':
      errs.push(...validateTemplated(obj));
      break;
    case 'statefulsets':
      errs.push(...validateStatefulSetSpec(obj));
      break;
    case 'jobs':
      errs.push(...validateJob(obj));
      break;
    case 'cronjobs':
      errs.push(...validateCronJob(obj));
      break;
    case 'services':
      errs.push(...validateServiceSpec(obj.spec));
      break;
    case 'priorityclasses':
      errs.push(...validatePriorityClass(obj));
      break;
    case 'roles':
    case 'clusterroles':
      errs.push(...validateRoleObject(obj, resource === 'roles'));
      break;
    case 'rolebindings':
    case 'clusterrolebindings':
      errs.push(...validateBindingObject(obj, resource === 'rolebindings'));
      break;
    case 'limitranges':
      errs.push(...validateLimitRange(obj));
      break;
    case 'resourcequotas':
      errs.push(...validateResourceQuota(obj));
      break;
    case 'poddisruptionbudgets':
      errs.push(...validatePodDisruptionBudget(obj));
      break;
    case 'persistentvolumes':
      errs.push(...validatePersistentVolume(obj));
      break;
    case 'persistentvolumeclaims':
      errs.push(...validatePersistentVolumeClaim(obj));
      break;
    case 'storageclasses':
      errs.push(...validateStorageClass(obj));
      break;
    case 'horizontalpodautoscalers':
      errs.push(...validateHpa(obj));
      break;
    case 'ingresses':
      errs.push(...validateIngress(obj, creating));
      break;
    case 'ingressclasses':
      errs.push(...validateIngressClass(obj));
      break;
    case 'networkpolicies':
      errs.push(...validateNetworkPolicy(obj));
      break;
    case 'endpoints':
      errs.push(...validateEndpointAddresses(obj));
      break;
    case 'certificatesigningrequests':
      errs.push(...validateCertificateSigningRequest(obj));
      break;
    case 'secrets':
      errs.push(...validateServiceAccountTokenSecret(obj));
      break;
    case 'controllerrevisions':
      // ValidateControllerRevision: data is mandatory, revision non-negative.
      if (obj.data === undefined || obj.data === null)
        errs.push({ field: 'data', type: 'Required value', detail: 'data is mandatory' });
      if (typeof obj.revision === 'number' && obj.revision < 0)
        errs.push({
          field: 'revision',
          type: 'Invalid value',
          value: obj.revision,
          detail: 'must be greater than or equal to 0',
        });
      break;
    default:
      break;
  }
  return errs;
}

/** An IPv4 address in dotted decimal (what the simulated cluster's addresses are). */
const IPV4_ADDRESS = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * validateEndpointAddress's IP checks (IsValidIP, then ValidateNonSpecialIP) for every address
 * and not-ready address of every subset: a valid IP that is not unspecified, loopback or
 * link-local (a hand-written Endpoints pointing at 127.0.0.1 is refused).
 */
function validateEndpointAddresses(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const subsets = (
    obj as { subsets?: { addresses?: { ip?: string }[]; notReadyAddresses?: { ip?: string }[] }[] }
  ).subsets;
  (subsets ?? []).forEach((subset, i) => {
    for (const list of ['addresses', 'notReadyAddresses'] as const) {
      (subset[list] ?? []).forEach((a, j) => {
        const ip = a.ip ?? '';
        const field = `subsets[${i}].${list}[${j}].ip`;
        const invalid = (detail: string) =>
          errs.push({ field, type: 'Invalid value', value: ip, detail });
        if (!IPV4_ADDRESS.test(ip) && !/^[0-9a-fA-F:]+:[0-9a-fA-F:.]*$/.test(ip)) {
          invalid('must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)');
          invalid('must be a valid IP address');
          return;
        }
        if (ip === '0.0.0.0' || ip === '::') invalid('may not be unspecified (0.0.0.0)');
        else if (ip.startsWith('127.') || ip === '::1')
          invalid('may not be in the loopback range (127.0.0.0/8, ::1/128)');
        else if (ip.startsWith('169.254.') || /^fe[89ab]/i.test(ip))
          invalid('may not be in the link-local range (169.254.0.0/16, fe80::/10)');
        else if (ip.startsWith('224.0.0.') || /^ff02:/i.test(ip))
          invalid('may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)');
      });
    }
  });
  return errs;
}
