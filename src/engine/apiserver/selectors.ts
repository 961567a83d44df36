/**
 * Label selectors (equality- and set-based, as kubectl sends them) and field selectors.
 */
import type { KubeObject } from '../api/types.ts';

export type Requirement =
  | { op: '=' | '!='; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | '!exists'; key: string }
  | { op: 'gt' | 'lt'; key: string; value: number };

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

type Tok =
  | 'id'
  | 'in'
  | 'notin'
  | '('
  | ')'
  | ','
  | '!'
  | '='
  | '=='
  | '!='
  | '>'
  | '<'
  | 'eos'
  | 'error';

const SYMBOLS = new Set(['=', '!', '(', ')', ',', '>', '<']);
const SYMBOL_TOKENS: ReadonlySet<string> = new Set([')', ',', '!', '==', '=', '>', '<', '!=', '(']);

/** apimachinery labels.Lexer: identifiers, keywords (in, notin) and the longest symbol. */
function lexSelector(s: string): { tok: Tok; lit: string }[] {
  const out: { tok: Tok; lit: string }[] = [];
  let i = 0;
  for (;;) {
    while (i < s.length && ' \t\r\n'.includes(s[i] as string)) i++;
    if (i >= s.length) {
      out.push({ tok: 'eos', lit: '' });
      return out;
    }
    if (SYMBOLS.has(s[i] as string)) {
      let buf = '';
      let last = '';
      while (i < s.length && SYMBOLS.has(s[i] as string)) {
        const next = buf + s[i];
        if (SYMBOL_TOKENS.has(next)) {
          buf = next;
          last = next;
          i++;
        } else if (last !== '') break;
        else {
          buf = next;
          i++;
        }
      }
      if (last === '') {
        out.push({ tok: 'error', lit: `error expected: keyword found '${buf}'` });
        out.push({ tok: 'eos', lit: '' });
        return out;
      }
      out.push({ tok: last as Tok, lit: last });
      continue;
    }
    let id = '';
    while (i < s.length && !' \t\r\n'.includes(s[i] as string) && !SYMBOLS.has(s[i] as string)) {
      id += s[i];
      i++;
    }
    out.push({ tok: id === 'in' || id === 'notin' ? id : 'id', lit: id });
  }
}

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

/**
 * Parse a label selector as apimachinery's labels.Parser does (token by token); throws an Error
 * with its text when malformed.
 */
export function parseLabelSelector(sel: string): Requirement[] {
  const items = lexSelector(sel);
  let pos = 0;
  // Values context: the keywords in/notin are identifiers there.
  const look = (): { tok: Tok; lit: string } => {
    const it = items[Math.min(pos, items.length - 1)] as { tok: Tok; lit: string };
    return it.tok === 'in' || it.tok === 'notin' ? { tok: 'id', lit: it.lit } : it;
  };
  const consume = (values = true): { tok: Tok; lit: string } => {
    const it = items[Math.min(pos, items.length - 1)] as { tok: Tok; lit: string };
    pos++;
    return values && (it.tok === 'in' || it.tok === 'notin') ? { tok: 'id', lit: it.lit } : it;
  };
  const fail = (msg: string): never => {
    throw new Error(`unable to parse requirement: ${msg}`);
  };
  const identifiersList = (): string[] => {
    const set = new Set<string>();
    for (;;) {
      const { tok, lit } = consume();
      if (tok === 'id') {
        set.add(lit);
        const next = look();
        if (next.tok === ',') continue;
        if (next.tok === ')') return [...set];
        fail(`found '${next.lit}', expected: ',' or ')'`);
      } else if (tok === ',') {
        if (set.size === 0) set.add('');
        const next = look();
        if (next.tok === ')') {
          set.add('');
          return [...set];
        }
        if (next.tok === ',') {
          consume();
          set.add('');
        }
      } else fail(`found '${lit}', expected: ',', or identifier`);
    }
  };
  const values = (): string[] => {
    const open = consume();
    if (open.tok !== '(') fail(`found '${open.lit}' expected: '('`);
    const next = look();
    if (next.tok === 'id' || next.tok === ',') {
      const list = identifiersList();
      const close = consume();
      if (close.tok !== ')') fail(`found '${next.lit}', expected: ')'`);
      return list.sort();
    }
    if (next.tok === ')') {
      consume();
      return [''];
    }
    return fail(`found '${next.lit}', expected: ',', ')' or identifier`);
  };
  const exactValue = (): string => {
    const next = look();
    if (next.tok === 'eos' || next.tok === ',') return '';
    const { tok, lit } = consume();
    if (tok === 'id') return lit;
    return fail(`found '${lit}', expected: identifier`);
  };
  const requirement = (): Requirement => {
    let { tok, lit } = consume();
    let notExists = false;
    if (tok === '!') {
      notExists = true;
      ({ tok, lit } = consume());
    }
    if (tok !== 'id') fail(`found '${lit}', expected: identifier`);
    const key = lit;
    const next = look();
    if (next.tok === 'eos' || next.tok === ',')
      return { op: notExists ? '!exists' : 'exists', key };
    const op = consume(false);
    switch (op.tok) {
      case 'in':
      case 'notin':
        return { op: op.tok, key, values: values() };
      case '=':
      case '==':
        return { op: '=', key, value: exactValue() };
      case '!=':
        return { op: '!=', key, value: exactValue() };
      case '>':
      case '<': {
        const value = exactValue();
        if (!/^[-+]?\d+$/.test(value)) {
          fail(
            `values[0]: Invalid value: "${value}": for 'Gt', 'Lt' operators, the value must be an integer`,
          );
        }
        return { op: op.tok === '>' ? 'gt' : 'lt', key, value: Number(value) };
      }
      default:
        return fail(`found '${op.lit}', expected: ${BINARY_OPERATORS}`);
    }
  };
  const reqs: Requirement[] = [];
  for (;;) {
    const { tok, lit } = look();
    if (tok === 'eos') return reqs;
    if (tok !== 'id' && tok !== '!') {
      throw new Error(`found '${lit}', expected: !, identifier, or 'end of string'`);
    }
    reqs.push(requirement());
    const after = consume();
    if (after.tok === 'eos') return reqs;
    if (after.tok !== ',')
      throw new Error(`found '${after.lit}', expected: ',' or 'end of string'`);
    const next = look();
    if (next.tok !== 'id' && next.tok !== '!') {
      throw new Error(`found '${next.lit}', expected: identifier after ','`);
    }
  }
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
      case 'gt':
      case 'lt': {
        // A label that is no integer matches neither.
        if (!has || !/^[-+]?\d+$/.test(v as string)) return false;
        const n = Number(v);
        if (r.op === 'gt' ? !(n > r.value) : !(n < r.value)) return false;
        break;
      }
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
  // Service: spec.clusterIP since 1.30, spec.type since 1.31 (core/v1 conversion).
  services: {
    'spec.clusterIP': (o) => fieldValue(o, 'spec.clusterIP'),
    'spec.type': (o) => fieldValue(o, 'spec.type'),
  },
  // batch/v1 Job: JobToSelectableFields, status.succeeded as a decimal.
  jobs: { 'status.successful': (o) => fieldValue(o, 'status.succeeded') || '0' },
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

/** One requirement of a metav1.LabelSelector, as the selector's String() prints it. */
interface SelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

/**
 * metav1.LabelSelectorAsSelector(sel).String(): matchLabels as `key=value`, matchExpressions
 * as `key in (a,b)`, `key notin (a,b)`, `key` or `!key` (values sorted), every requirement
 * sorted by key and joined with commas. An absent or empty selector prints as ''.
 */
export function labelSelectorString(
  sel:
    | { matchLabels?: Record<string, string>; matchExpressions?: SelectorRequirement[] }
    | undefined,
): string {
  if (!sel) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {}))
    reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort().join(',');
    let text: string;
    switch (e.operator) {
      case 'In':
        text = `${e.key} in (${vals})`;
        break;
      case 'NotIn':
        text = `${e.key} notin (${vals})`;
        break;
      case 'Exists':
        text = e.key;
        break;
      default:
        text = `!${e.key}`;
    }
    reqs.push({ key: e.key, text });
  }
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return reqs.map((r) => r.text).join(',');
}
