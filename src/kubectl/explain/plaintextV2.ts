/**
 * `kubectl explain --output=plaintext-openapiv2`: the explain of kubectl before 1.27, which 1.32
 * keeps (staging/src/k8s.io/kubectl/pkg/explain: model_printer.go, fields_printer.go,
 * recursive_fields_printer.go, formatter.go) over the OpenAPI v2 models, where a reference to an
 * object is `<Object>` and Time, Quantity and IntOrString are strings.
 */
import { ExplainError, type ExplainTarget } from './plaintext.ts';
import type { ExplainField, ExplainSchema } from './schema.ts';

/** A proto.Schema of kube-openapi's models, as far as explain looks at it. */
type Model =
  | { k: 'kind'; key: string; desc: string }
  | { k: 'prim'; type: string; desc: string }
  | { k: 'array'; items: Model; desc: string }
  | { k: 'map'; values: Model; desc: string }
  | { k: 'ref'; key: string; desc: string }
  /** Anything (what a map of an object without properties holds: RawExtension, FieldsV1). */
  | { k: 'arbitrary'; desc: string };

const PRIMITIVES: Readonly<Record<string, string>> = { s: 'string', b: 'boolean', i: 'integer' };

/** Indentation of the first-level fields; of descriptions; per level of --recursive. */
const FIELD_INDENT = 3;
const DESCRIPTION_INDENT = 5;
const DESC_INDENT = 2;
const RECURSIVE_INDENT = 3;
const WRAP = 80;

class V2 {
  out = '';
  constructor(private readonly schema: ExplainSchema) {}

  /** The model a type code stands for, with `desc` as its own description. */
  model(code: string, desc: string): Model {
    const head = code[0];
    if (head === '[') return { k: 'array', items: this.model(code.slice(1), ''), desc };
    if (head === '{') return { k: 'map', values: this.model(code.slice(1), ''), desc };
    if (head === '@') return { k: 'ref', key: code.slice(1), desc };
    return { k: 'prim', type: PRIMITIVES[code] ?? 'string', desc };
  }

  /** What a reference points to. */
  sub(key: string): Model {
    const t = this.schema.types[key];
    if (!t) return { k: 'arbitrary', desc: '' };
    if (t.t || !t.f) return { k: 'prim', type: t.t ?? 'string', desc: t.d };
    // proto models read an object without properties as a map of anything: `map[string]`.
    if (Object.keys(t.f).length === 0)
      return { k: 'map', values: { k: 'arbitrary', desc: '' }, desc: t.d };
    return { k: 'kind', key, desc: t.d };
  }

  fieldModel(field: ExplainField): Model {
    return this.model(field[0], field[1]);
  }

  /** GetTypeName. */
  typeName(m: Model): string {
    switch (m.k) {
      case 'array':
        return `[]${this.typeName(m.items)}`;
      case 'map':
        return `map[string]${this.typeName(m.values)}`;
      case 'ref':
        return this.typeName(this.sub(m.key));
      case 'kind':
        return 'Object';
      case 'prim':
        return m.type;
      default:
        return '';
    }
  }

  /** Formatter.Write: the indented line, or an empty line without indentation. */
  write(indent: number, s: string): void {
    this.out += s === '' ? '\n' : `${' '.repeat(indent)}${s}\n`;
  }

  writeWrapped(indent: number, s: string): void {
    for (const line of wrapLines(s, WRAP - indent)) this.write(indent, line);
  }

  /** LookupSchemaForField. */
  lookup(m: Model, path: readonly string[]): Model {
    if (path.length === 0) return m;
    switch (m.k) {
      case 'kind': {
        const first = path[0] as string;
        const fields = this.schema.types[m.key]?.f ?? {};
        const field = Object.hasOwn(fields, first) ? fields[first] : undefined;
        if (!field) throw new ExplainError(`field "${first}" does not exist`);
        return this.lookup(this.fieldModel(field), path.slice(1));
      }
      case 'array':
        return this.lookup(m.items, path);
      case 'map':
        return this.lookup(m.values, path);
      case 'ref':
        return this.lookup(this.sub(m.key), path);
      default:
        // A primitive is returned even when the path goes on.
        return m;
    }
  }

  /** modelPrinter. */
  print(m: Model, name: string, target: ExplainTarget): void {
    const descriptions: string[] = [];
    let type = '';
    let cur = m;
    for (;;) {
      if (cur.k === 'array' || cur.k === 'map') {
        descriptions.push(cur.desc);
        if (type === '') type = this.typeName(cur);
        cur = cur.k === 'array' ? cur.items : cur.values;
      } else if (cur.k === 'ref') {
        descriptions.push(cur.desc);
        cur = this.sub(cur.key);
      } else break;
    }
    const version = target.group ? `${target.group}/${target.version}` : target.version;
    this.write(0, `KIND:     ${target.kind}`);
    this.write(0, `VERSION:  ${version}\n`);
    if (cur.k === 'kind') {
      if (type === '') type = 'Object';
      if (name !== '') this.write(0, `RESOURCE: ${name} <${type}>\n`);
      this.description([...descriptions, cur.desc]);
      this.write(0, '\nFIELDS:');
      this.fields(cur.key, FIELD_INDENT);
    } else if (cur.k === 'prim') {
      if (type === '') type = cur.type;
      this.write(0, `FIELD:    ${name} <${type}>\n`);
      this.description([...descriptions, cur.desc]);
    } else {
      this.description([...descriptions, cur.desc]);
    }
  }

  /** PrintDescription: each non-empty description wrapped, a blank line between. */
  description(descriptions: readonly string[]): void {
    this.write(0, 'DESCRIPTION:');
    let empty = true;
    descriptions.forEach((d, i) => {
      if (d === '') return;
      empty = false;
      if (i !== 0) this.write(0, '');
      this.writeWrapped(DESCRIPTION_INDENT, d);
    });
    if (empty) this.writeWrapped(DESCRIPTION_INDENT, '<empty>');
  }

  recursive = false;

  fields(key: string, indent: number, visited: Set<string> = new Set()): void {
    const t = this.schema.types[key];
    const fields = t?.f ?? {};
    for (const name of Object.keys(fields).sort()) {
      const field = fields[name] as ExplainField;
      const m = this.fieldModel(field);
      if (this.recursive) {
        this.write(indent, `${name}\t<${this.typeName(m)}>`);
        this.recurse(m, indent + RECURSIVE_INDENT, visited);
      } else {
        const required = field[2] ? ' -required-' : '';
        this.write(indent, `${name}\t<${this.typeName(m)}>${required}`);
        this.writeWrapped(indent + DESC_INDENT, field[1]);
        this.write(indent, '');
      }
    }
  }

  /** recursiveFieldsPrinter.PrintFields: through lists, maps and references to the fields. */
  private recurse(m: Model, indent: number, visited: Set<string>): void {
    if (m.k === 'array') this.recurse(m.items, indent, visited);
    else if (m.k === 'map') this.recurse(m.values, indent, visited);
    else if (m.k === 'ref') {
      if (visited.has(m.key)) return;
      visited.add(m.key);
      this.recurse(this.sub(m.key), indent, visited);
      visited.delete(m.key);
    } else if (m.k === 'kind') this.fields(m.key, indent, visited);
  }
}

const BULLET = /^(\d+\.?|-|\*)\s/;

/** formatter.go wrapString: words joined up to `wrap`, keeping breaks that look intended. */
export function wrapLines(str: string, wrap: number): string[] {
  const wrapped: string[] = [];
  let words: string[] = [];
  let length = 0;
  let lastWord = '';
  const flush = () => {
    if (words.length > 0) {
      lastWord = '';
      wrapped.push(words.join(' '));
      words = [];
      length = 0;
    }
  };
  const add = (word: string): boolean => {
    if (length + word.length <= wrap || words.length === 0) {
      words.push(word);
      length += word.length + 1;
      return true;
    }
    return false;
  };
  for (const line of str.split('\n')) {
    if (line.startsWith('    ')) {
      flush();
      wrapped.push(line);
      continue;
    }
    if (wrapped.length > 0 && line.trim() === '') {
      flush();
      wrapped.push('');
      continue;
    }
    const trimmed = line.trim();
    if (lastWord.endsWith(':') || trimmed === '' || BULLET.test(trimmed)) flush();
    for (const word of trimmed.split(/\s+/)) {
      if (word === '') continue;
      lastWord = word;
      if (!add(word)) {
        flush();
        add(word);
      }
    }
  }
  flush();
  return wrapped;
}

/** What `--output=plaintext-openapiv2` prints, or throws {@link ExplainError}. */
export function renderPlaintextV2(
  schema: ExplainSchema,
  target: ExplainTarget,
  fieldPath: readonly string[],
  recursive: boolean,
): string {
  const key = schema.kinds[`${target.group}/${target.version}/${target.kind}`];
  if (key === undefined) {
    throw new ExplainError(
      `couldn't find resource for "${target.group}/${target.version}, Kind=${target.kind}"`,
    );
  }
  const v2 = new V2(schema);
  v2.recursive = recursive;
  const root: Model = { k: 'kind', key, desc: schema.types[key]?.d ?? '' };
  const m = v2.lookup(root, fieldPath);
  v2.print(m, fieldPath.length ? (fieldPath[fieldPath.length - 1] as string) : '', target);
  return v2.out;
}
