/**
 * The OpenAPI v3 documents the oracle's bridge serves (`/openapi/v3` and
 * `/openapi/v3/api/v1`, `/openapi/v3/apis/<group>/<version>`), built from the very data this
 * console's `kubectl explain` reads (src/kubectl/explain/explainSchema.generated.ts) and from the
 * discovery entries `kubectl api-resources` prints, so a real kubectl's `explain` (and the
 * field-validation support check of its create/apply/replace) sees our cluster's schema.
 *
 * The shapes are kube-openapi's: a field naming another type is `{description, allOf: [{$ref}]}`,
 * a list has `items`, a map `additionalProperties`; a kind's schema carries
 * `x-kubernetes-group-version-kind`, and so does every operation of its paths. The PATCH
 * operations list the `fieldValidation` query parameter (kubectl's QueryParamVerifierV3 looks for
 * it) but no request body: the explain data has no patch strategies, so a real kubectl's apply
 * keeps computing its strategic merge patches from its own Go types, as it did without OpenAPI.
 */
import { createHash } from 'node:crypto';
import type { DiscoveryEntry } from '../src/kubectl/commands/misc.ts';
import type { ExplainField, ExplainSchema } from '../src/kubectl/explain/schema.ts';

const REF = '#/components/schemas/';
const PRIMITIVES: Readonly<Record<string, { type: string; format?: string }>> = {
  s: { type: 'string' },
  b: { type: 'boolean' },
  i: { type: 'integer', format: 'int32' },
};

/** The schema of a type code without a description (list items, map values). */
function codeSchema(code: string, refs: Set<string>): Record<string, unknown> {
  const head = code[0];
  if (head === '[') return { type: 'array', items: codeSchema(code.slice(1), refs) };
  if (head === '{')
    return { type: 'object', additionalProperties: codeSchema(code.slice(1), refs) };
  if (head === '@') {
    refs.add(code.slice(1));
    return { $ref: `${REF}${code.slice(1)}` };
  }
  return { ...(PRIMITIVES[code] ?? { type: 'string' }) };
}

/** A property's schema. */
function fieldSchema(field: ExplainField, refs: Set<string>): Record<string, unknown> {
  const [code, description, , values] = field;
  const desc = description ? { description } : {};
  const inner = codeSchema(code, refs);
  if (inner.$ref) return { ...desc, allOf: [inner] };
  return { ...desc, ...inner, ...(values ? { enum: [...values] } : {}) };
}

const gvOf = (group: string, version: string) => (group ? `${group}/${version}` : version);
const pathPrefix = (gv: string) => (gv.includes('/') ? `apis/${gv}` : `api/${gv}`);

/** The group versions served: every discovery entry's, and the extra ones. */
export function servedGroupVersions(
  entries: readonly DiscoveryEntry[],
  otherVersions: readonly string[],
): string[] {
  return [...new Set([...entries.map((e) => e.apiVersion), ...otherVersions])];
}

/**
 * The entries a group version serves: its own, and (for a version served beside the preferred
 * one, autoscaling/v1) the group's kinds the schema has in that version.
 */
export function entriesOf(
  entries: readonly DiscoveryEntry[],
  gv: string,
  schema?: ExplainSchema,
): DiscoveryEntry[] {
  const own = entries.filter((e) => e.apiVersion === gv);
  if (own.length > 0) return own;
  const [group = '', version = ''] = gv.split('/');
  return entries
    .filter(
      (e) =>
        e.group === group &&
        (!schema || schema.kinds[`${group}/${version}/${e.kind}`] !== undefined),
    )
    .map((e) => ({ ...e, apiVersion: gv }));
}

/** `/openapi/v3/<path>`: one group version's document. */
export function openApiV3Document(
  schema: ExplainSchema,
  entries: readonly DiscoveryEntry[],
  gv: string,
  serverVersion: string,
): Record<string, unknown> {
  const [group, version] = gv.includes('/') ? (gv.split('/') as [string, string]) : ['', gv];
  const paths: Record<string, Record<string, unknown>> = {};
  const wanted = new Set<string>();
  const params = (...names: string[]) =>
    names.map((name) => ({ name, in: 'query', schema: { type: 'string' } }));
  for (const e of entriesOf(entries, gv, schema)) {
    const key = schema.kinds[`${group}/${version}/${e.kind}`];
    if (key === undefined) continue;
    wanted.add(key);
    const gvk = { group, kind: e.kind, version };
    const op = (action: string, names: string[] = []) => ({
      'x-kubernetes-action': action,
      'x-kubernetes-group-version-kind': gvk,
      ...(names.length > 0 ? { parameters: params(...names) } : {}),
    });
    const list = `/${pathPrefix(gv)}/${e.namespaced ? 'namespaces/{namespace}/' : ''}${e.resource}`;
    const listOps: Record<string, unknown> = {};
    if (e.verbs.includes('list')) listOps.get = op('list');
    if (e.verbs.includes('create'))
      listOps.post = op('post', ['dryRun', 'fieldManager', 'fieldValidation']);
    if (Object.keys(listOps).length > 0) paths[list] = listOps;
    const oneOps: Record<string, unknown> = {};
    if (e.verbs.includes('get')) oneOps.get = op('get');
    if (e.verbs.includes('update'))
      oneOps.put = op('put', ['dryRun', 'fieldManager', 'fieldValidation']);
    if (e.verbs.includes('patch'))
      oneOps.patch = op('patch', ['dryRun', 'fieldManager', 'fieldValidation', 'force']);
    if (e.verbs.includes('delete')) oneOps.delete = op('delete', ['dryRun']);
    if (Object.keys(oneOps).length > 0) paths[`${list}/{name}`] = oneOps;
  }
  // Every schema the kinds reach, each kind's with its group version kind.
  const kindOf = new Map<string, { group: string; kind: string; version: string }[]>();
  for (const [gvk, key] of Object.entries(schema.kinds)) {
    const [g = '', v = '', kind = ''] = gvk.split('/');
    if (gvOf(g, v) !== gv) continue;
    kindOf.set(key, [...(kindOf.get(key) ?? []), { group: g, kind, version: v }]);
  }
  const schemas: Record<string, unknown> = {};
  const queue = [...wanted];
  while (queue.length > 0) {
    const key = queue.shift() as string;
    if (Object.hasOwn(schemas, key)) continue;
    const t = schema.types[key];
    if (!t) continue;
    const refs = new Set<string>();
    const props = t.f
      ? Object.fromEntries(Object.entries(t.f).map(([name, f]) => [name, fieldSchema(f, refs)]))
      : undefined;
    const required = t.f ? Object.keys(t.f).filter((name) => t.f?.[name]?.[2] === 1) : [];
    schemas[key] = {
      ...(t.d ? { description: t.d } : {}),
      ...(t.t ? { type: t.t } : t.f ? { type: 'object' } : {}),
      ...(props ? { properties: props } : {}),
      ...(required.length > 0 ? { required } : {}),
      ...(kindOf.has(key) ? { 'x-kubernetes-group-version-kind': kindOf.get(key) } : {}),
    };
    for (const r of refs) if (!Object.hasOwn(schemas, r)) queue.push(r);
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: serverVersion },
    paths,
    components: { schemas },
  };
}

/** `/openapi/v3`: each group version's document path and a hash of its content. */
export function openApiV3Index(
  docs: ReadonlyMap<string, Record<string, unknown>>,
): Record<string, unknown> {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const [gv, doc] of docs) {
    const hash = createHash('sha512').update(JSON.stringify(doc)).digest('hex').toUpperCase();
    paths[pathPrefix(gv)] = { serverRelativeURL: `/openapi/v3/${pathPrefix(gv)}?hash=${hash}` };
  }
  return { paths };
}
