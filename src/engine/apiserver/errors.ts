/**
 * Kubernetes Status errors with the real messages (apimachinery pkg/api/errors).
 */
import { STATUS_CODES, type Status, type StatusCause, type StatusReason } from '../api/types.ts';
import { qualifiedKind, qualifiedResource, type ResourceDef } from './resources.ts';

function status(reason: StatusReason, message: string, details?: Status['details']): Status {
  return {
    apiVersion: 'v1',
    kind: 'Status',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code: STATUS_CODES[reason],
  };
}

/** `deployments.apps "web" not found` */
export function notFound(r: ResourceDef, name: string): Status {
  return status('NotFound', `${qualifiedResource(r)} "${name}" not found`, {
    name,
    ...(r.group ? { group: r.group } : {}),
    kind: r.resource,
  });
}

/** `namespaces "blue" already exists` */
export function alreadyExists(r: ResourceDef, name: string): Status {
  return status('AlreadyExists', `${qualifiedResource(r)} "${name}" already exists`, {
    name,
    ...(r.group ? { group: r.group } : {}),
    kind: r.resource,
  });
}

/** `<resource> "<name>" is forbidden: <why>` (name part omitted when empty). */
export function forbidden(
  r: { resource: string; group: string },
  name: string,
  why: string,
  cause?: StatusCause,
): Status {
  const subject = name ? `${qualifiedResource(r)} "${name}"` : qualifiedResource(r);
  return status('Forbidden', `${subject} is forbidden: ${why}`, {
    ...(name ? { name } : {}),
    ...(r.group ? { group: r.group } : {}),
    kind: r.resource,
    ...(cause ? { causes: [cause] } : {}),
  });
}

/** Optimistic-concurrency failure. */
export function conflict(r: ResourceDef, name: string, why?: string): Status {
  return status(
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(r)} "${name}": ${
      why ??
      'the object has been modified; please apply your changes to the latest version and try again'
    }`,
    { name, ...(r.group ? { group: r.group } : {}), kind: r.resource },
  );
}

/** NewTooManyRequests (429) with one cause, as the eviction subresource answers. */
export function tooManyRequests(
  message: string,
  retryAfterSeconds: number,
  cause: StatusCause,
): Status {
  return status('TooManyRequests', message, { causes: [cause], retryAfterSeconds });
}

export function badRequest(message: string): Status {
  return status('BadRequest', message);
}

/**
 * A 422 with no detail (NewGenericServerResponse): how the API server answers a JSON patch
 * operation that does not apply; the operation's own error is not sent back.
 */
export function patchNotApplied(): Status {
  return status('Invalid', 'the server rejected our request due to an error in our request', {});
}

/** An error that is no API status (ErrorToAPIStatus): 500, no reason, the error's text. */
export function unknownError(message: string): Status {
  return { ...status('InternalError', message), reason: '' as StatusReason };
}

/** NewInternalError: 500 InternalError, `Internal error occurred: <err>`. */
export function internalError(message: string): Status {
  return status('InternalError', `Internal error occurred: ${message}`, {});
}

export function methodNotAllowed(message: string): Status {
  return status('MethodNotAllowed', message);
}

/** One field error, rendered as `<field>: <type>: <detail>` by `fieldErrorText`. */
export interface FieldError {
  field: string;
  type:
    | 'Invalid value'
    | 'Required value'
    | 'Forbidden'
    | 'Unsupported value'
    | 'Duplicate value'
    | 'Not found';
  /** Offending value; absent for Required/Forbidden. */
  value?: unknown;
  /** The value as Go's %#v prints it, when goValue cannot tell (a nil map, a typed struct). */
  valueText?: string;
  detail?: string;
}

/** Render a value the way Go's field.Error does (%q for strings, %#v for maps). */
function goValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const entries = Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${JSON.stringify((v as Record<string, unknown>)[k])}`);
    return `map[string]string{${entries.join(', ')}}`;
  }
  return JSON.stringify(v);
}

export function fieldErrorBody(e: FieldError): string {
  let s = e.type;
  if (
    e.type === 'Invalid value' ||
    e.type === 'Unsupported value' ||
    e.type === 'Duplicate value' ||
    e.type === 'Not found'
  ) {
    s += `: ${e.valueText ?? goValue(e.value)}`;
  }
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

const CAUSE_TYPES: Record<FieldError['type'], string> = {
  'Invalid value': 'FieldValueInvalid',
  'Required value': 'FieldValueRequired',
  Forbidden: 'FieldValueForbidden',
  'Unsupported value': 'FieldValueNotSupported',
  'Duplicate value': 'FieldValueDuplicate',
  'Not found': 'FieldValueNotFound',
};

/** `Deployment.apps "Web_X" is invalid: metadata.name: Invalid value: "Web_X": …` */
/** NewInvalid with an empty GroupKind and name, as the patch handler reports a refused patch. */
export function invalidPatch(e: FieldError): Status {
  const body = fieldErrorBody(e);
  return status('Invalid', ` "" is invalid: ${e.field}: ${body}`, {
    name: '',
    kind: '',
    causes: [{ type: CAUSE_TYPES[e.type], message: body, field: e.field }],
  });
}

export function invalid(r: ResourceDef, name: string, errors: FieldError[]): Status {
  // Each body once: it quotes the value, which may be a huge hostile paste (bench/robustness.ts).
  const bodies = errors.map(fieldErrorBody);
  const texts = errors.map((e, i) => `${e.field}: ${bodies[i]}`);
  const agg = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  return status('Invalid', `${qualifiedKind(r)} "${name}" is invalid: ${agg}`, {
    name,
    ...(r.group ? { group: r.group } : {}),
    kind: r.kind,
    causes: errors.map((e, i) => ({
      type: CAUSE_TYPES[e.type],
      message: bodies[i] ?? '',
      field: e.field,
    })),
  });
}
