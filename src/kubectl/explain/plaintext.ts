/**
 * `kubectl explain` as kubectl 1.32 prints it by default: the `plaintext` template of
 * staging/src/k8s.io/kubectl/pkg/explain/v2/templates, walked over the OpenAPI v3 shapes the API
 * server publishes (a field naming another type is `allOf: [{$ref}]` beside its description; a
 * list has `items`, a map `additionalProperties`).
 */
import { wrapString } from '../helpFormat.ts';
import type { ExplainField, ExplainSchema, ExplainType } from './schema.ts';

/** An OpenAPI v3 schema as the template sees it. */
type Node =
  | { k: 'prim'; type: string; desc?: string; enum?: readonly string[] }
  | { k: 'array'; items: Node; desc?: string }
  | { k: 'map'; values: Node; desc?: string }
  /** A field of a named type: `{description, allOf: [{$ref}]}`. */
  | { k: 'field'; ref: Node; desc?: string }
  /** `{$ref: key}` */
  | { k: 'ref'; key: string };

/**
 * What a thrown template error says (`error: field "foo" does not exist`), and what the
 * template had written before it (kubectl prints that on stdout first).
 */
export class ExplainError extends Error {
  constructor(
    message: string,
    readonly printed = '',
  ) {
    super(message);
  }
}

const PRIMITIVES: Readonly<Record<string, string>> = { s: 'string', b: 'boolean', i: 'integer' };

/** The schema a type code stands for, without a description (list items, map values). */
function codeNode(code: string): Node {
  const head = code[0];
  if (head === '[') return { k: 'array', items: codeNode(code.slice(1)) };
  if (head === '{') return { k: 'map', values: codeNode(code.slice(1)) };
  if (head === '@') return { k: 'ref', key: code.slice(1) };
  return { k: 'prim', type: PRIMITIVES[code] ?? 'string' };
}

/** A property's schema. */
function fieldNode(field: ExplainField): Node {
  const [code, desc, , values] = field;
  const inner = codeNode(code);
  switch (inner.k) {
    case 'ref':
      return { k: 'field', ref: inner, desc };
    case 'prim':
      return values ? { ...inner, desc, enum: values } : { ...inner, desc };
    default:
      return { ...inner, desc };
  }
}

/** Renders one explain request against one schema document. */
class Renderer {
  constructor(
    private readonly schema: ExplainSchema,
    private readonly recursive: boolean,
  ) {}

  private type(key: string): ExplainType | undefined {
    return this.schema.types[key];
  }

  /** The template's "typeGuess". */
  typeGuess(node: Node): string {
    switch (node.k) {
      case 'array':
        return `[]${this.typeGuess(node.items)}`;
      case 'map':
        return `map[string]${this.typeGuess(node.values)}`;
      case 'field':
        return this.typeGuess(node.ref);
      case 'ref': {
        const t = this.type(node.key);
        // Only an object (or a schema without a type, like Quantity) is named.
        if (!t?.t || t.t === 'object') return t?.n || 'Object';
        return t.t;
      }
      default:
        return node.type === 'object' ? 'Object' : node.type || 'Object';
    }
  }

  /** The template's "description": this schema's and every sibling schema's, a line each. */
  description(node: Node): string {
    if (node.k === 'ref') {
      const t = this.type(node.key);
      return t?.d ? `${t.d}\n` : '';
    }
    let s = node.desc ? `${node.desc}\n` : '';
    if (node.k === 'field') s += this.description(node.ref);
    else if (node.k === 'array') s += this.description(node.items);
    else if (node.k === 'map') s += this.description(node.values);
    return s;
  }

  private properties(node: Node): Readonly<Record<string, ExplainField>> | undefined {
    return node.k === 'ref' ? this.type(node.key)?.f : undefined;
  }

  /** The template's "fieldList". */
  fieldList(node: Node, level: number, history: ReadonlySet<string>): string {
    if (node.k === 'ref' && history.has(node.key)) return '';
    const next = node.k === 'ref' ? new Set([...history, node.key]) : history;
    let s = '';
    const props = this.properties(node);
    if (props) {
      for (const name of Object.keys(props).sort(byteOrder)) {
        const field = props[name] as ExplainField;
        s += this.fieldDetail(name, field, level);
        if (this.recursive) s += this.fieldList(fieldNode(field), level + 1, next);
      }
    }
    if (node.k === 'field') s += this.fieldList(node.ref, level, next);
    else if (node.k === 'array') s += this.fieldList(node.items, level, next);
    else if (node.k === 'map') s += this.fieldList(node.values, level, next);
    return s;
  }

  /** The template's "fieldDetail". */
  private fieldDetail(name: string, field: ExplainField, level: number): string {
    const indentAmount = level * 2;
    const node = fieldNode(field);
    let s = `${indent(name, indentAmount)}\t<${this.typeGuess(node)}>`;
    if (field[2]) s += ' -required-';
    s += shortEnum(field[3], indentAmount);
    s += '\n';
    if (!this.recursive) {
      s += `${indent(wrap(field[1] || '<no description>', 78 - indentAmount), indentAmount + 2)}\n`;
      s += '\n';
    }
    return s;
  }

  /** The template's "output": follows the field path, then describes what it reached. */
  output(node: Node, path: readonly string[], history: ReadonlySet<string>): string {
    if (path.length === 0) {
      let s = 'DESCRIPTION:\n';
      s += `${indent(wrap(this.description(node) || '<empty>', 76), 4)}\n`;
      const fields = this.fieldList(node, 1, new Set());
      if (fields) s += `FIELDS:\n${fields}`;
      return s;
    }
    if (node.k === 'ref' && history.has(node.key)) return '';
    const next = node.k === 'ref' ? new Set([...history, node.key]) : history;
    const [first, ...rest] = path as [string, ...string[]];
    const props = this.properties(node);
    const field = props && Object.hasOwn(props, first) ? props[first] : undefined;
    if (field) {
      const sub = fieldNode(field);
      let s = '';
      if (rest.length === 0) {
        s += `FIELD: ${first} <${this.typeGuess(sub)}>\n`;
        s += `${longEnum(field[3])}\n`;
        s += '\n';
      }
      return s + this.output(sub, rest, new Set());
    }
    if (node.k === 'array') return this.output(node.items, path, next);
    if (node.k === 'map') return this.output(node.values, path, next);
    if (node.k === 'field') return this.output(node.ref, path, next);
    return '';
  }
}

/** Go's string order (bytes; the field names are ASCII). */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The template's `indent`: the pad before the text and after every newline in it. */
function indent(s: string, n: number): string {
  const pad = ' '.repeat(n);
  return pad + s.replaceAll('\n', `\n${pad}`);
}

/**
 * The template's `wrap` (kubectl's WordWrapWriter: go-wordwrap), line breaks kept.
 * kubernetes#126533 (in the 1.32.0 notes) made it drop every line break first, gluing paragraphs
 * ("updated.A single…"); cluster-api reported the breakage in November 2024, before 1.32.0, and
 * today's kubectl keeps the breaks. Which of the two 1.32.0 shipped is not certain; this keeps
 * them.
 */
function wrap(s: string, limit: number): string {
  return wrapString(s, limit);
}

const enumValue = (v: string): string => (v === '' ? '""' : v);

/** "extractEnum" in the field list: `enum: A, B, C, D, ....` on its own line. */
function shortEnum(values: readonly string[] | undefined, indentAmount: number): string {
  if (!values || values.length === 0) return '';
  let s = `\n${' '.repeat(indentAmount)}enum: `;
  for (let i = 0; i < values.length; i++) {
    if (i >= 4) {
      s += ', ....';
      break;
    }
    if (i > 0) s += ', ';
    s += enumValue(values[i] as string);
  }
  return s;
}

/** "extractEnum" under `FIELD:`: `ENUM:` and a value a line. */
function longEnum(values: readonly string[] | undefined): string {
  if (!values || values.length === 0) return '';
  return `ENUM:${values.map((v) => `\n    ${enumValue(v)}`).join('')}`;
}

export interface ExplainTarget {
  group: string;
  version: string;
  kind: string;
}

/**
 * What `kubectl explain` prints for `kind` (as found by its GVR) and a field path, or throws
 * {@link ExplainError} with the template's error.
 */
export function renderPlaintext(
  schema: ExplainSchema,
  target: ExplainTarget,
  fieldPath: readonly string[],
  recursive: boolean,
): string {
  const key = schema.kinds[`${target.group}/${target.version}/${target.kind}`];
  if (key === undefined) {
    throw new ExplainError(
      `error: GVK ${target.group}/${target.version}, Kind=${target.kind} not found in OpenAPI schema`,
    );
  }
  let s = target.group ? `GROUP:      ${target.group}\n` : '';
  s += `KIND:       ${target.kind}\nVERSION:    ${target.version}\n\n`;
  const r = new Renderer(schema, recursive);
  const body = r.output({ k: 'ref', key }, fieldPath, new Set());
  if (!body) {
    throw new ExplainError(`error: field "${fieldPath[fieldPath.length - 1]}" does not exist`, s);
  }
  return `${s}${body}\n`;
}
