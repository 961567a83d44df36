/**
 * Reading manifests safely: several YAML (or JSON) documents per file, YAML 1.1 scalars as
 * Go's yaml reads them, alias bombs, oversize input, control characters and `__proto__`-style
 * keys all refused with a clear error instead of an exception.
 */
import { isAlias, isMap, isPair, isSeq, parseAllDocuments, type ScalarTag, type Tags } from 'yaml';
import type { KubeObject } from '../engine/api/types.ts';
import { rfc3339 } from './duration.ts';
import { goJsonStreamError, goJsonStreamNext } from './goJson.ts';
import { MAX_FILE_BYTES } from './workspace.ts';
import { kubectlYamlError, kubectlYamlErrorAt } from './yamlErrors.ts';

export type ManifestResult =
  | { ok: true; docs: KubeObject[] }
  | {
      ok: false;
      error: string;
      /** A document that is no object: its Go JSON kind (`array`, `string`…), for the decoder's error. */
      notObject?: string;
    };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 100;

// Every control character is one UTF-16 unit, so a regex over units finds the same character as
// a walk over code points, and ~10x faster on a 900 KB paste (bench/robustness.ts).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** First control character other than tab, newline and carriage return. */
export function findControlChar(text: string): string | undefined {
  return CONTROL_CHAR.exec(text)?.[0];
}

export function describeChar(c: string): string {
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

class ManifestError extends Error {}

/** Most nodes a document may expand to once aliases are followed (an alias bomb has millions). */
const MAX_EXPANDED_NODES = 10_000;
/** Most alias nodes (`*name`) a manifest may contain. */
const MAX_ALIAS_NODES = 50;

/**
 * Size of a node with every alias expanded, computed in one in-order pass (an alias can only
 * name an anchor defined before it), so an alias bomb is measured in time linear in its text
 * instead of being expanded.
 */
function expandedSize(node: unknown, anchors: Map<string, number>, depth: number): number {
  if (node === null || typeof node !== 'object') return 1;
  if (depth > MAX_DEPTH) return Number.POSITIVE_INFINITY;
  let size = 1;
  if (isAlias(node)) {
    size = anchors.get(node.source) ?? Number.POSITIVE_INFINITY;
  } else if (isMap(node) || isSeq(node)) {
    for (const item of node.items as unknown[]) {
      size += isPair(item)
        ? expandedSize(item.key, anchors, depth + 1) + expandedSize(item.value, anchors, depth + 1)
        : expandedSize(item, anchors, depth + 1);
      if (size > MAX_EXPANDED_NODES) break;
    }
  }
  const anchor = (node as { anchor?: string }).anchor;
  if (anchor) anchors.set(anchor, size);
  return size;
}

const GO_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

/** Go's strconv.Quote, for the ASCII a manifest holds (printable Unicode stays as it is). */
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    out +=
      GO_ESCAPES[ch] ?? (c < 0x20 || c === 0x7f ? `\\x${c.toString(16).padStart(2, '0')}` : ch);
  }
  return `${out}"`;
}

/**
 * The tags go-yaml v3 (kustomize's kyaml) resolves plain scalars with, decoded as kustomize
 * does: go-yaml v2's ints, floats and timestamps (`010` is 8, dates become RFC 3339), `0o17`
 * octal too, but only `true`/`false` are booleans (`yes`, `on`, `n` stay strings).
 */
const kyamlTags = (tags: Tags): Tags => [
  ...goYamlTags(tags).map((t) => {
    if (typeof t !== 'object' || t.tag !== 'tag:yaml.org,2002:bool') return t;
    const truthy = (t as ScalarTag).test?.test('true') === true;
    return { ...t, test: truthy ? /^(?:[Tt]rue|TRUE)$/ : /^(?:[Ff]alse|FALSE)$/ } as ScalarTag;
  }),
  {
    identify: (v: unknown) => typeof v === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^[-+]?0o[0-7_]+$/,
    resolve: (src: string) => {
      const sign = src.startsWith('-') ? -1 : 1;
      return sign * Number.parseInt(src.replace(/^[-+]?0o/, '').replace(/_/g, ''), 8);
    },
  } as ScalarTag,
];

/** The yaml library's YAML 1.1 float without exponent, which takes `.` alone for a float. */
const PLAIN_FLOAT = String(/^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/);

/**
 * The YAML 1.1 tags as go-yaml v2 resolves plain scalars: a float needs a digit, before its
 * exponent (`e3`, a name, stays a string; the yaml library read it as NaN) and around its dot
 * (`.` and `-.` are strings: kustomize's `resources: [.]`, a path; the library read NaN).
 */
export const goYamlTags = (tags: Tags): Tags =>
  tags.map((t) => {
    if (typeof t !== 'object' || t.tag !== 'tag:yaml.org,2002:float') return t;
    if (t.format === 'EXP') {
      return {
        ...t,
        test: /^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)[eE][-+]?[0-9]+$/,
      } as ScalarTag;
    }
    if (String((t as ScalarTag).test) === PLAIN_FLOAT) {
      return { ...t, test: /^[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)$/ } as ScalarTag;
    }
    return t;
  });

/** Go's %v of a float64: the shortest digits, in %e form below 1e-4 and from 1e6 up. */
function goFloat(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
  const [mantissa = '', e = '0'] = n.toExponential().split('e');
  const exp = Number(e);
  if (exp >= -4 && exp < 6) return String(n);
  return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** Where fmt sorts a map's interface{} keys: by type (as Go happens to order them), then value. */
function goKeyRank(k: unknown): number {
  if (k === null || k === undefined) return 0;
  return typeof k === 'boolean' ? 1 : typeof k === 'number' ? 2 : typeof k === 'string' ? 3 : 4;
}

function compareGoKeys(a: unknown, b: unknown): number {
  const rank = goKeyRank(a) - goKeyRank(b);
  if (rank !== 0) return rank;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Go's %#v of a value go-yaml decoded into interface{}, as its "invalid map key" prints it. */
function goSyntax(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (v instanceof Map) {
    const entries = [...v.entries()].sort((a, b) => compareGoKeys(a[0], b[0]));
    const body = entries.map(([k, x]) => `${goSyntax(k)}:${goSyntax(x)}`).join(', ');
    return `map[interface {}]interface {}{${body}}`;
  }
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSyntax).join(', ')}}`;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v);
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return goQuote(rfc3339(v.getTime()));
  return goQuote(String(v));
}

/** The first mapping or sequence used as a key within `v`, in go-yaml's decoding order. */
function findCollectionKey(v: unknown): unknown {
  if (v instanceof Map) {
    for (const [k, x] of v) {
      if (k instanceof Map || Array.isArray(k)) return findCollectionKey(k) ?? k;
      const inner = findCollectionKey(x);
      if (inner !== undefined) return inner;
    }
  } else if (Array.isArray(v)) {
    for (const x of v) {
      const inner = findCollectionKey(x);
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}

/** Converts the `mapAsMap` form to plain JSON-like data, refusing dangerous keys. */
function toPlain(v: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new ManifestError('document is nested too deeply');
  if (v instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, val] of v) {
      // go-yaml reads a mapping or a sequence as a key (a Helm `{{ .Values.x }}` left
      // unquoted is one) but cannot decode it into a Go map.
      if (k instanceof Map || Array.isArray(k)) {
        const key = goSyntax(findCollectionKey(k) ?? k);
        throw new ManifestError(`error converting YAML to JSON: yaml: invalid map key: ${key}`);
      }
      const key = k === null ? 'null' : typeof k === 'object' ? JSON.stringify(k) : String(k);
      if (FORBIDDEN_KEYS.has(key))
        throw new ManifestError(`key ${JSON.stringify(key)} is not allowed`);
      Object.defineProperty(out, key, {
        value: toPlain(val, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  if (Array.isArray(v)) return v.map((x) => toPlain(x, depth + 1));
  if (v instanceof Date) return rfc3339(v.getTime());
  if (v instanceof Set) return Object.fromEntries([...v].map((x) => [String(x), null]));
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' && !Number.isFinite(v)) return null;
  if (v instanceof Uint8Array) return '';
  return v;
}

/** Deeper than any real manifest; the YAML parser recurses per level. */
export const MAX_NESTING_DEPTH = 1000;

const SPACE = 0x20;
const DASH = 0x2d;
const NEWLINE = 0x0a;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const BACKSLASH = 0x5c;
const HASH = 0x23;
const OPEN_SQUARE = 0x5b;
const OPEN_CURLY = 0x7b;
/** The characters `nestingDepth` acts on, outside and inside quotes (searched from lastIndex). */
const OUTSIDE_QUOTES = /[\n"'#[\]{}]/g;
const IN_DOUBLE = /[\n"]/g;
const IN_SINGLE = /[\n']/g;

/**
 * An upper bound of a YAML text's nesting: the deepest flow nesting (`[` / `{`, outside
 * quotes) plus the deepest block indentation in steps of one space. Linear, never throws.
 */
export function nestingDepth(text: string): number {
  const n = text.length;
  let flow = 0;
  let maxFlow = 0;
  let maxIndent = 0;
  let atLineStart = true;
  /** The open quote's char code, 0 outside quotes. A single quote ends at the line's end. */
  let quote = 0;
  let i = 0;
  while (i < n) {
    if (atLineStart) {
      let indent = 0;
      let c = text.charCodeAt(i);
      while (c === SPACE || c === DASH) {
        indent++;
        c = text.charCodeAt(++i);
      }
      if (i >= n) break;
      atLineStart = false;
      // A blank line's spaces are not indentation.
      if (c !== NEWLINE && indent > maxIndent) maxIndent = indent;
    }
    // Jump to the next character that matters instead of visiting every one: a huge plain
    // scalar is then one native search (bench/robustness.ts: 900 KB scalar).
    const next = quote === DQUOTE ? IN_DOUBLE : quote === SQUOTE ? IN_SINGLE : OUTSIDE_QUOTES;
    next.lastIndex = i;
    const found = next.exec(text);
    if (!found) break;
    i = found.index;
    const c = text.charCodeAt(i);
    if (c === NEWLINE) {
      atLineStart = true;
      if (quote === SQUOTE) quote = 0;
    } else if (quote !== 0) {
      if (c === quote && text.charCodeAt(i - 1) !== BACKSLASH) quote = 0;
    } else if (c === DQUOTE || c === SQUOTE) quote = c;
    else if (c === HASH) {
      // A comment runs to the end of the line.
      const end = text.indexOf('\n', i + 1);
      i = end === -1 ? n : end;
      continue;
    } else if (c === OPEN_SQUARE || c === OPEN_CURLY) {
      flow++;
      if (flow > maxFlow) maxFlow = flow;
    } else if (flow > 0) flow--; // `]` or `}`: the only others OUTSIDE_QUOTES finds
    i++;
  }
  return maxFlow + maxIndent;
}

/** The top-level values of a valid JSON stream, as texts (strings and nesting respected). */
function jsonStreamValues(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0 && start >= 0) {
        out.push(text.slice(start, i + 1));
        start = -1;
      }
    } else if (depth === 0 && !' \t\n\r'.includes(c as string)) return [];
  }
  return out;
}

/** The checks on the whole text before any document is read; the error, if one fails. */
function wholeTextError(text: string, source: string): string | undefined {
  if (text.length > MAX_FILE_BYTES) return `error reading ${source}: file is larger than 1 MiB`;
  const bad = findControlChar(text);
  if (bad !== undefined)
    return `error parsing ${source}: control character ${describeChar(bad)} is not allowed in a manifest`;
  // Deep nesting would overflow the parser's stack (slowly), so measure it first.
  if (nestingDepth(text) > MAX_NESTING_DEPTH)
    return `error parsing ${source}: error converting YAML to JSON: yaml: exceeded max depth of ${MAX_NESTING_DEPTH}`;
  // The parser itself slows down on documents full of aliases, so count them first.
  const aliases = text.match(/(?:^|[\s[{,:-])\*[^\s,\]}]+/g)?.length ?? 0;
  if (aliases > MAX_ALIAS_NODES)
    return `error parsing ${source}: error converting YAML to JSON: yaml: document contains excessive aliasing`;
  return undefined;
}

/** A document of a stream: an object, or a value that is none (its Go JSON kind). */
export type StreamItem = KubeObject | { notObject: string };

const goKind = (v: unknown): string =>
  Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : typeof v;

/**
 * The YAML documents of a text go-yaml reads whole, in order (empty ones skipped), up to the
 * first one the yaml library refuses (its error then).
 */
function yamlItems(
  text: string,
  source: string,
  options: ManifestOptions = {},
): { items: StreamItem[]; error?: string } {
  const items: StreamItem[] = [];
  try {
    const docs = parseAllDocuments(text, {
      version: '1.1',
      customTags: options.yaml12 ? kyamlTags : goYamlTags,
      prettyErrors: false,
      // go-yaml v2 (what kubectl decodes with) takes the last of two equal keys without a word.
      uniqueKeys: false,
    });
    const list = Array.isArray(docs) ? docs : [docs];
    for (const doc of list) {
      const e = doc.errors[0];
      if (e) {
        // Only where go-yaml reads the text but the yaml library does not (a duplicate key, an
        // indented document kubectl would read only the first mapping of, …): its own words.
        const line = text.slice(0, e.pos[0]).split('\n').length;
        const msg = e.message.split('\n')[0] ?? e.message;
        return {
          items,
          error: `error parsing ${source}: error converting YAML to JSON: yaml: ${line ? `line ${line}: ` : ''}${msg}`,
        };
      }
      if (expandedSize(doc.contents, new Map(), 0) > MAX_EXPANDED_NODES) {
        return {
          items,
          error: `error parsing ${source}: error converting YAML to JSON: yaml: document contains excessive aliasing`,
        };
      }
      // The expansion is bounded above, so the library's own (slower) alias count is not needed.
      const js = toPlain(doc.toJS({ mapAsMap: true, maxAliasCount: -1 }), 0);
      if (js === null || js === undefined) continue;
      if (typeof js !== 'object' || Array.isArray(js)) items.push({ notObject: goKind(js) });
      else items.push(js as KubeObject);
    }
    return { items };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { items, error: `error parsing ${source}: ${msg}` };
  }
}

/** The client-side validation error of a document that is no object. */
export function invalidObjectError(source: string): string {
  return `error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`;
}

/**
 * How to read a manifest. `yaml12`: as kustomize's kyaml (go-yaml v3) reads resources and
 * patches: `n`, `yes`, `on` are strings there, not booleans (kyamlTags).
 */
export interface ManifestOptions {
  yaml12?: boolean;
}

/**
 * Parses every document of a manifest. Empty documents are skipped, as kubectl does.
 * Never throws.
 */
export function parseManifests(
  text: string,
  source: string,
  options: ManifestOptions = {},
): ManifestResult {
  const whole = wholeTextError(text, source);
  if (whole !== undefined) return { ok: false, error: whole };
  // YAMLOrJSONDecoder: a text that starts with `{` is read as a JSON stream, not as YAML.
  if (/^\s*\{/.test(text)) {
    const jsonError = goJsonStreamError(text);
    if (jsonError !== undefined)
      return { ok: false, error: `error parsing ${source}: ${jsonError}` };
    // Several JSON objects one after another: each is a document (json.Decoder's stream).
    const values = jsonStreamValues(text);
    if (values.length > 1) {
      try {
        const docs = values.map((v) => JSON.parse(v) as unknown);
        if (docs.every((d) => d !== null && typeof d === 'object' && !Array.isArray(d)))
          return { ok: true, docs: docs as KubeObject[] };
      } catch {
        // Not for this path: the YAML reading below reports it.
      }
    }
  }
  // kubectl reads each `---` document with go-yaml, so go-yaml decides which texts fail and
  // with what words and line; the yaml library only builds the values of those that pass.
  const syntax = kubectlYamlError(text);
  if (syntax !== undefined) return { ok: false, error: `error parsing ${source}: ${syntax}` };
  const { items, error } = yamlItems(text, source, options);
  const out: KubeObject[] = [];
  for (const item of items) {
    if ('notObject' in item && typeof item.notObject === 'string')
      return { ok: false, notObject: item.notObject, error: invalidObjectError(source) };
    out.push(item as KubeObject);
  }
  if (error !== undefined) return { ok: false, error };
  return { ok: true, docs: out };
}

/**
 * A manifest read as kubectl's StreamVisitor reads it, one document after another: the
 * documents up to the first one that cannot be decoded, and that one's error. (kubectl has
 * handled the documents before it when it meets the error: `apply -f` of a stream whose last
 * object is cut off applies the others, then says `error parsing FILE: unexpected EOF`.) A value
 * that is no object is an item: client-side validation stops there, the decoder of a command
 * that does not validate reports it and goes on. `null` documents are skipped. Never throws.
 */
export function parseManifestStream(
  text: string,
  source: string,
): { items: StreamItem[]; error?: string } {
  const whole = wholeTextError(text, source);
  if (whole !== undefined) return { items: [], error: whole };
  if (/^\s*\{/.test(text)) {
    // json.Decoder: one value after another, each judged when it is read.
    const values: unknown[] = [];
    let error: string | undefined;
    for (let pos = 0; ; ) {
      const r = goJsonStreamNext(text, pos);
      if ('end' in r) break;
      if ('error' in r) {
        error = `error parsing ${source}: ${r.error}`;
        break;
      }
      pos = r.next;
      try {
        values.push(JSON.parse(r.value) as unknown);
      } catch {
        // (Go and JSON.parse agree on what is JSON; never here.)
        error = `error parsing ${source}: invalid JSON`;
        break;
      }
    }
    // One whole object: the usual reading (the YAML path builds it with its checks).
    if (error === undefined && values.length === 1) {
      const single = parseManifests(text, source);
      if (single.ok) return { items: single.docs };
      return single.notObject
        ? { items: [{ notObject: single.notObject }] }
        : { items: [], error: single.error };
    }
    const items: StreamItem[] = [];
    for (const v of values) {
      if (v === null) continue;
      if (typeof v !== 'object' || Array.isArray(v)) items.push({ notObject: goKind(v) });
      else {
        const keys = JSON.stringify(v).match(/"(__proto__|constructor|prototype)":/);
        if (keys)
          return { items, error: `error parsing ${source}: key "${keys[1]}" is not allowed` };
        items.push(v as KubeObject);
      }
    }
    return error === undefined ? { items } : { items, error };
  }
  // go-yaml reads the documents before the first one it refuses.
  const failed = kubectlYamlErrorAt(text);
  const { items, error } = yamlItems(failed ? text.slice(0, failed.start) : text, source);
  if (error !== undefined) return { items, error };
  return failed ? { items, error: `error parsing ${source}: ${failed.error}` } : { items };
}
