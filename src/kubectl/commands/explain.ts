/**
 * `kubectl explain TYPE[.FIELD…] [--recursive] [--api-version=G/V] [--output=plaintext|plaintext-openapiv2]`
 * as kubectl 1.32 runs it (staging/src/k8s.io/kubectl/pkg/cmd/explain): the resource found the
 * RESTMapper's way, the field path followed through the OpenAPI v3 document of its group version,
 * printed with the plaintext template (explain/plaintext.ts) or the pre-1.27 layout
 * (explain/plaintextV2.ts).
 */
import type { Ctx } from '../context.ts';
import { ExitError } from '../errors.ts';
import { explainSchemaIfLoaded, loadExplainSchema } from '../explain/load.ts';
import { ExplainError, type ExplainTarget, renderPlaintext } from '../explain/plaintext.ts';
import { renderPlaintextV2 } from '../explain/plaintextV2.ts';
import {
  type AnyResourceType,
  OTHER_SERVED_VERSIONS,
  RESOURCE_TYPES,
  SERVED_ONLY_TYPES,
  type ServedOnlyType,
} from '../resources.ts';

type Named = AnyResourceType | ServedOnlyType;

/** What explain's jsonPathParse makes of one node: a field (with its name) or anything else. */
type PathNode = { field: string } | { field?: undefined; kind: string };

/** A rune as Go's %#U prints it: `U+007B '{'`. */
function goRune(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return /\p{L}|\p{N}|\p{P}|\p{S}/u.test(c) ? `U+${hex} '${c}'` : `U+${hex}`;
}

/** client-go jsonpath's isTerminator. */
const TERMINATORS = new Set([' ', '\t', '\r', '\n', '.', ',', '[', ']', '$', '@', '{', '}']);

/**
 * explain's jsonPathParse: the input (one trailing dot dropped) parsed as the client-go JSONPath
 * `{.INPUT}`, the nodes of its one action. Throws the parser's error text.
 */
function jsonPathNodes(input: string): PathNode[] {
  const text = `.${input.endsWith('.') ? input.slice(0, -1) : input}}`;
  const nodes: PathNode[] = [];
  let i = 0;
  const readName = (): string => {
    let v = '';
    while (i < text.length && !TERMINATORS.has(text[i] as string)) {
      if (text[i] === '\\') i++;
      v += text[i] ?? '';
      i++;
    }
    return v;
  };
  for (;;) {
    if (i >= text.length) throw new Error('unclosed action');
    const c = text[i] as string;
    if (c === '}') {
      // Text after the action is a second node of the template.
      if (i + 1 < text.length) throw new Error('must pass in 1 jsonpath string');
      return nodes;
    }
    if (text.startsWith('[?(', i)) {
      const end = text.indexOf(')]', i);
      if (end < 0) throw new Error('unterminated filter');
      nodes.push({ kind: 'filter' });
      i = end + 2;
    } else if (text.startsWith('..', i)) {
      nodes.push({ kind: 'recursive' });
      i += 2;
      if (/[\p{L}\p{N}_]/u.test(text[i] ?? '')) nodes.push({ field: readName() });
    } else if (c === '\n' || c === '\r') {
      throw new Error('unclosed action');
    } else if (c === ' ' || c === '@' || c === '$') {
      i++;
    } else if (c === '[') {
      const end = text.indexOf(']', i);
      if (end < 0) throw new Error('unterminated array');
      nodes.push({ kind: 'array' });
      i = end + 1;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) throw new Error('unterminated quoted string');
      nodes.push({ kind: 'text' });
      i = j + 1;
    } else if (c === '.') {
      i++;
      const name = readName();
      nodes.push(name === '*' ? { kind: 'wildcard' } : { field: name });
    } else if (/[\p{L}\p{N}_+-]/u.test(c)) {
      // A number or an identifier: not a field.
      i++;
      readName();
      nodes.push({ kind: 'identifier' });
    } else {
      throw new Error(`unrecognized character in action: ${goRune(c)}`);
    }
  }
}

/** Every served type, the core group first (the RESTMapper's priority order). */
function servedTypes(): Named[] {
  const all: Named[] = [...RESOURCE_TYPES, ...SERVED_ONLY_TYPES];
  return [...all.filter((t) => t.group === ''), ...all.filter((t) => t.group !== '')];
}

/**
 * The RESTMapper's ResourcesFor({Resource: name}) behind kubectl's shortcut expander: a short
 * name expands to the first type that has it (a warning names each other one); then every type
 * whose plural or singular is the lower-cased name, in priority order.
 */
function resourcesFor(ctx: Ctx, name: string): Named[] {
  // The mapper's input check (what it prints is the empty GroupVersionResource).
  if (name === '') ctx.fail('a resource must be present, got: /, Resource=');
  const types = servedTypes();
  const short = types.filter((t) => t.shortNames.includes(name));
  if (short.length > 0) {
    const [first, ...others] = short as [Named, ...Named[]];
    for (const t of others)
      ctx.err(
        `Warning: short name "${name}" could also match lower priority resource ${groupResource(t)}\n`,
      );
    return [first];
  }
  const lower = name.toLowerCase();
  return types.filter(
    (t) => t.resource === lower || ('singular' in t ? t.singular : t.kind.toLowerCase()) === lower,
  );
}

/** GroupResource.String(): `deployments.apps`, `pods`. */
const groupResource = (t: Named): string => (t.group ? `${t.resource}.${t.group}` : t.resource);

/** The nodes after the first, which must all be fields (explain's `… must be field node`). */
function fieldNames(nodes: readonly PathNode[], which: 'first' | 'all'): string[] {
  return nodes.slice(1).map((n) => {
    if (n.field === undefined)
      throw new Error(
        `invalid jsonpath syntax, ${which} node${which === 'all' ? 's' : ''} must be field node${which === 'all' ? 's' : ''}`,
      );
    return n.field;
  });
}

/** The first node of the input: the resource, which must be a field. */
function resourceNode(input: string): string {
  const first = jsonPathNodes(input)[0];
  if (first?.field === undefined)
    throw new Error('invalid jsonpath syntax, first node must be field node');
  return first.field;
}

/** The mapper's NoResourceMatchError as CheckErr prints it (no `error:` prefix). */
function noResourceType(ctx: Ctx, resource: string): never {
  ctx.err(`the server doesn't have a resource type ${JSON.stringify(resource)}\n`);
  throw new ExitError(1);
}

/**
 * explain.SplitAndParseResourceRequestWithMatchingPrefix: the input's first JSONPath field names
 * the resource; the first type found whose `resource.group` begins the input takes the rest
 * after it as the field path (`deployments.apps.spec`); else the first type found, with every
 * node after the first as the path (`deployments.v1.apps` is fields v1 and apps).
 */
function withMatchingPrefix(ctx: Ctx, input: string): { type: Named; path: string[] } {
  const resource = resourceNode(input);
  const types = resourcesFor(ctx, resource);
  if (types.length === 0) noResourceType(ctx, resource);
  for (const t of types) {
    const gr = groupResource(t);
    if (!input.startsWith(gr)) continue;
    const suffix = input.slice(gr.length);
    // The suffix parses as `{..rest}`: its first node is the recursive descent, skipped.
    return { type: t, path: suffix ? fieldNames(jsonPathNodes(suffix), 'first') : [] };
  }
  return { type: types[0] as Named, path: fieldNames(jsonPathNodes(input), 'first') };
}

/** explain.SplitAndParseResourceRequest (with --api-version): the mapper's one type. */
function splitResourceRequest(ctx: Ctx, input: string): { type: Named; path: string[] } {
  const nodes = jsonPathNodes(input);
  const resource = resourceNode(input);
  const type = resourcesFor(ctx, resource)[0];
  if (!type) noResourceType(ctx, resource);
  return { type, path: fieldNames(nodes, 'all') };
}

/** The group versions the server publishes an OpenAPI v3 document for (`/openapi/v3`). */
function servedGroupVersions(): Set<string> {
  const gvs = new Set<string>(OTHER_SERVED_VERSIONS);
  for (const t of [...RESOURCE_TYPES, ...SERVED_ONLY_TYPES]) {
    gvs.add(t.group ? `${t.group}/${t.version}` : t.version);
  }
  return gvs;
}

/** schema.ParseGroupVersion. */
function parseGroupVersion(ctx: Ctx, gv: string): { group: string; version: string } {
  if (gv === '' || gv === '/') return { group: '', version: '' };
  const parts = gv.split('/');
  if (parts.length === 1) return { group: '', version: gv };
  if (parts.length === 2) return { group: parts[0] as string, version: parts[1] as string };
  return ctx.fail(`unexpected GroupVersion string: ${gv}`);
}

export function runExplain(ctx: Ctx, args: string[]): void {
  if (args.length === 0) {
    ctx.fail(
      'You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.',
    );
  }
  if (args.length > 1) ctx.fail('We accept only this format: explain RESOURCE');
  const input = args[0] as string;
  const apiVersion = ctx.str('api-version');
  const format = ctx.changed('output') ? ctx.str('output') : 'plaintext';

  let type: Named;
  let path: string[];
  try {
    ({ type, path } =
      apiVersion === '' ? withMatchingPrefix(ctx, input) : splitResourceRequest(ctx, input));
  } catch (err) {
    if (err instanceof ExitError) throw err;
    ctx.fail(err instanceof Error ? err.message : String(err));
  }

  const schema = explainSchemaIfLoaded();
  if (!schema) {
    // Whoever runs lines loads the data first (see explain/load.ts); this is the last resort.
    loadExplainSchema().catch(() => undefined);
    ctx.fail('the API documentation is still loading: run the command again');
  }

  const target: ExplainTarget = { group: type.group, version: type.version, kind: type.kind };
  if (format === 'plaintext-openapiv2') {
    if (apiVersion !== '') Object.assign(target, parseGroupVersion(ctx, apiVersion));
    ctx.out(renderOr(ctx, () => renderPlaintextV2(schema, target, path, ctx.bool('recursive'))));
    return;
  }
  if (apiVersion !== '') Object.assign(target, parseGroupVersion(ctx, apiVersion));
  const gvr = `${target.group}/${target.version}, Resource=${type.resource}`;
  const gv = target.group ? `${target.group}/${target.version}` : target.version;
  if (!servedGroupVersions().has(gv)) ctx.fail(`couldn't find resource for "${gvr}"`);
  // The explainer reads the server's OpenAPI v3 index, then the group version's document.
  ctx.requestLog?.openApiV3(target.group, target.version);
  if (format !== 'plaintext') ctx.fail(`unrecognized format: ${format}`);
  // The kind the group version serves under this resource name (`events` in events.k8s.io/v1).
  const named = type.resource;
  const served = [...RESOURCE_TYPES, ...SERVED_ONLY_TYPES].find(
    (t) => t.resource === named && t.group === target.group,
  );
  if (!served) ctx.fail(`GVR (${gvr}) not found in OpenAPI schema`);
  target.kind = served.kind;
  if (schema.kinds[`${target.group}/${target.version}/${served.kind}`] === undefined) {
    const qualified = target.group ? `${named}.${target.group}` : named;
    // Served by a real cluster, but its documentation is not shipped with this console.
    ctx.fail(`the API documentation of ${qualified} is not available in this console`);
  }
  ctx.out(renderOr(ctx, () => renderPlaintext(schema, target, path, ctx.bool('recursive'))));
}

/** The rendered text, or the template's error as kubectl's CheckErr prints it. */
function renderOr(ctx: Ctx, render: () => string): string {
  try {
    return render();
  } catch (err) {
    if (err instanceof ExplainError) {
      // The template wrote what it had (the GROUP/KIND/VERSION lines) before it failed.
      ctx.out(err.printed);
      ctx.fail(err.message.replace(/^error: /, ''));
    }
    throw err;
  }
}
