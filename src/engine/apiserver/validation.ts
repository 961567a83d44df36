/**
 * Validation with the real messages (apimachinery pkg/util/validation, pkg/api/validation).
 */
import type { KubeObject, ResourceName } from '../api/types.ts';
import type { FieldError } from './errors.ts';

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
function validateLabels(labels: unknown, field: string): FieldError[] {
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

function validatePodSpec(spec: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const s = (spec ?? {}) as { containers?: unknown };
  const containers = Array.isArray(s.containers) ? (s.containers as Record<string, unknown>[]) : [];
  if (containers.length === 0) {
    errs.push({ field: `${field}.containers`, type: 'Required value' });
    return errs;
  }
  const seen = new Set<string>();
  containers.forEach((c, i) => {
    const f = `${field}.containers[${i}]`;
    const name = typeof c.name === 'string' ? c.name : '';
    if (!name) errs.push({ field: `${f}.name`, type: 'Required value' });
    else {
      for (const msg of isDNS1123Label(name)) {
        errs.push({ field: `${f}.name`, type: 'Invalid value', value: name, detail: msg });
      }
      if (seen.has(name)) errs.push({ field: `${f}.name`, type: 'Duplicate value', value: name });
      seen.add(name);
    }
    if (typeof c.image !== 'string' || c.image.trim() === '') {
      errs.push({ field: `${f}.image`, type: 'Required value' });
    }
  });
  errs.push(
    ...validateSchedulingGates((spec as { schedulingGates?: unknown }).schedulingGates, field),
  );
  return errs;
}

/** validateSchedulingGates: each name a qualified name, none twice. */
function validateSchedulingGates(gates: unknown, specField: string): FieldError[] {
  if (!Array.isArray(gates)) return [];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  gates.forEach((g, i) => {
    const field = `${specField}.schedulingGates[${i}]`;
    const name = String((g as { name?: unknown } | null)?.name ?? '');
    for (const detail of isQualifiedName(name))
      errs.push({ field, type: 'Invalid value', value: name, detail });
    if (seen.has(name)) errs.push({ field, type: 'Duplicate value', value: name });
    seen.add(name);
  });
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
  return errs;
}

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

/** ValidateService's checks of the type and the ports (after defaulting). */
function validateServiceSpec(spec: unknown): FieldError[] {
  const s = (spec ?? {}) as { type?: unknown; clusterIP?: unknown; ports?: unknown };
  const errs: FieldError[] = [];
  const type = s.type ?? 'ClusterIP';
  if (typeof type !== 'string' || !SERVICE_TYPES.includes(type)) {
    errs.push({
      field: 'spec.type',
      type: 'Unsupported value',
      value: type,
      detail: `supported values: ${SERVICE_TYPES.map((t) => `"${t}"`).join(', ')}`,
    });
  }
  const ports = Array.isArray(s.ports) ? (s.ports as Record<string, unknown>[]) : [];
  if (ports.length === 0 && s.clusterIP !== 'None' && type !== 'ExternalName') {
    errs.push({ field: 'spec.ports', type: 'Required value' });
  }
  ports.forEach((p, i) => {
    const port = p.port;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
      errs.push({
        field: `spec.ports[${i}].port`,
        type: 'Invalid value',
        value: port ?? 0,
        detail: 'must be between 1 and 65535, inclusive',
      });
    }
  });
  return errs;
}

/** Name and per-kind checks for a create or update. */
export function validateObject(resource: ResourceName, obj: KubeObject): FieldError[] {
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
    const nameErrs =
      resource === 'namespaces'
        ? isDNS1123Label(name)
        : resource === 'services'
          ? isDNS1035Label(name)
          : isDNS1123Subdomain(name);
    for (const msg of nameErrs)
      errs.push({ field: 'metadata.name', type: 'Invalid value', value: name, detail: msg });
  }
  errs.push(...validateLabels(meta.labels, 'metadata.labels'));
  switch (resource) {
    case 'pods':
      errs.push(...validatePodSpec(obj.spec, 'spec'));
      break;
    case 'deployments':
    case 'replicasets':
    case 'daemonsets':
      errs.push(...validateTemplated(obj));
      break;
    case 'services':
      errs.push(...validateServiceSpec(obj.spec));
      break;
    default:
      break;
  }
  return errs;
}
