/**
 * Label selectors (equality- and set-based, as kubectl sends them) and field selectors.
 */
import type { KubeObject } from '../api/types.ts';

export type Requirement =
  | { op: '=' | '!='; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | '!exists'; key: string };

/** Split on commas that are not inside parentheses. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** Parse a label selector; throws an Error with the apimachinery-style text when malformed. */
export function parseLabelSelector(sel: string): Requirement[] {
  const reqs: Requirement[] = [];
  for (const part of splitTop(sel)) {
    let m = /^([^\s!=(),]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part);
    if (m) {
      const values = m[3]!
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
      reqs.push({ op: m[2] as 'in' | 'notin', key: m[1]!, values });
      continue;
    }
    m = /^([^\s!=(),]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/.exec(part);
    if (m) {
      reqs.push({ op: m[2] === '!=' ? '!=' : '=', key: m[1]!, value: m[3]! });
      continue;
    }
    m = /^(!?)\s*([^\s!=(),]+)$/.exec(part);
    if (m) {
      reqs.push({ op: m[1] ? '!exists' : 'exists', key: m[2]! });
      continue;
    }
    throw new Error(
      `unable to parse requirement: found '${part}', expected: in, notin, =, ==, !=, gt, lt`,
    );
  }
  return reqs;
}

export function matchesLabels(
  reqs: readonly Requirement[],
  labels: Record<string, string> | undefined,
): boolean {
  const l = labels ?? {};
  for (const r of reqs) {
    const has = Object.hasOwn(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case '=':
        if (v !== r.value) return false;
        break;
      case '!=':
        if (v === r.value) return false;
        break;
      case 'in':
        if (!has || !r.values.includes(v!)) return false;
        break;
      case 'notin':
        if (has && r.values.includes(v!)) return false;
        break;
      case 'exists':
        if (!has) return false;
        break;
      case '!exists':
        if (has) return false;
        break;
    }
  }
  return true;
}

export interface FieldRequirement {
  path: string;
  op: '=' | '!=';
  value: string;
}

export function parseFieldSelector(sel: string): FieldRequirement[] {
  return splitTop(sel).map((part) => {
    const m = /^([^\s!=]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (!m) throw new Error(`invalid selector: '${sel}'; can't understand '${part}'`);
    return { path: m[1]!, op: m[2] === '!=' ? '!=' : '=', value: m[3]! };
  });
}

function fieldValue(obj: KubeObject, path: string): string {
  let cur: unknown = obj;
  for (const seg of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur === undefined || cur === null ? '' : String(cur);
}

/**
 * The field labels each resource's field-label conversion accepts besides metadata.name and
 * metadata.namespace (pkg/apis/core/v1/conversion.go, apps/v1), with the value the selectable
 * fields set holds: booleans as Go prints them (an unset `spec.hostNetwork` is "false").
 */
const SELECTABLE: Partial<Record<string, Record<string, (o: KubeObject) => string>>> = {
  pods: {
    'spec.nodeName': (o) => fieldValue(o, 'spec.nodeName'),
    'spec.restartPolicy': (o) => fieldValue(o, 'spec.restartPolicy'),
    'spec.schedulerName': (o) => fieldValue(o, 'spec.schedulerName'),
    'spec.serviceAccountName': (o) => fieldValue(o, 'spec.serviceAccountName'),
    'spec.hostNetwork': (o) => String(fieldValue(o, 'spec.hostNetwork') === 'true'),
    'status.phase': (o) => fieldValue(o, 'status.phase'),
    'status.podIP': (o) => fieldValue(o, 'status.podIP'),
    'status.nominatedNodeName': (o) => fieldValue(o, 'status.nominatedNodeName'),
  },
  nodes: { 'spec.unschedulable': (o) => String(fieldValue(o, 'spec.unschedulable') === 'true') },
  namespaces: { 'status.phase': (o) => fieldValue(o, 'status.phase') },
  secrets: { type: (o) => fieldValue(o, 'type') },
  replicasets: { 'status.replicas': (o) => fieldValue(o, 'status.replicas') || '0' },
  events: Object.fromEntries(
    [
      'involvedObject.kind',
      'involvedObject.namespace',
      'involvedObject.name',
      'involvedObject.uid',
      'involvedObject.apiVersion',
      'involvedObject.resourceVersion',
      'involvedObject.fieldPath',
      'reason',
      'reportingComponent',
      'type',
    ]
      .map((k): [string, (o: KubeObject) => string] => [k, (o) => fieldValue(o, k)])
      .concat([['source', (o) => fieldValue(o, 'source.component')]]),
  ),
};

/**
 * The API server's check of a field selector's labels (ConvertFieldLabel): the error text for
 * the first one the resource does not support, else undefined.
 */
export function unsupportedFieldLabel(
  resource: string,
  reqs: readonly FieldRequirement[],
): string | undefined {
  const extra = SELECTABLE[resource];
  for (const r of reqs) {
    if (r.path === 'metadata.name' || r.path === 'metadata.namespace') continue;
    if (extra && Object.hasOwn(extra, r.path)) continue;
    return extra
      ? `field label not supported: ${r.path}`
      : `"${r.path}" is not a known field selector: only "metadata.name", "metadata.namespace"`;
  }
  return undefined;
}

export function matchesFields(
  reqs: readonly FieldRequirement[],
  obj: KubeObject,
  resource?: string,
): boolean {
  const extra = resource ? SELECTABLE[resource] : undefined;
  for (const r of reqs) {
    const get = extra && Object.hasOwn(extra, r.path) ? extra[r.path] : undefined;
    const v = get ? get(obj) : fieldValue(obj, r.path);
    if (r.op === '=' ? v !== r.value : v === r.value) return false;
  }
  return true;
}
