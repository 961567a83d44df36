/**
 * `kubectl explain TYPE[.FIELD…] [--recursive] [--api-version=G/V] [--output=plaintext|plaintext-openapiv2]`
 * as kubectl 1.32 runs it (staging/src/k8s.io/kubectl/pkg/cmd/explain): the resource found the
 * RESTMapper's way, the field path followed through the OpenAPI v3 document of its group version,
 * printed with the plaintext template (explain/plaintext.ts) or the pre-1.27 layout
 * (explain/plaintextV2.ts).
 */
import type { Ctx } from '../context.ts';
import { explainSchemaIfLoaded, loadExplainSchema } from '../explain/load.ts';
import { ExplainError, type ExplainTarget, renderPlaintext } from '../explain/plaintext.ts';
import { renderPlaintextV2 } from '../explain/plaintextV2.ts';
import {
  type AnyResourceType,
  OTHER_SERVED_VERSIONS,
  RESOURCE_TYPES,
  resolveType,
  SERVED_ONLY_TYPES,
  type ServedOnlyType,
  servedOnlyType,
} from '../resources.ts';

type Named = AnyResourceType | ServedOnlyType;

const find = (arg: string): Named | undefined => resolveType(arg) ?? servedOnlyType(arg);

/**
 * explain.SplitAndParseResourceRequestWithMatchingPrefix: the longest dotted prefix that names a
 * resource (`deployments.apps.spec` → deployments.apps), the rest is the field path.
 */
function withMatchingPrefix(input: string): { type?: Named; resource: string; path: string[] } {
  const parts = input.split('.');
  for (let i = parts.length; i > 1; i--) {
    const t = find(parts.slice(0, i).join('.'));
    if (t) return { type: t, resource: parts.slice(0, i).join('.'), path: parts.slice(i) };
  }
  const first = parts[0] ?? '';
  return { type: find(first), resource: first, path: parts.slice(1) };
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

  let type: Named | undefined;
  let resource: string;
  let path: string[];
  if (apiVersion === '') {
    ({ type, resource, path } = withMatchingPrefix(input));
  } else {
    // explain.SplitAndParseResourceRequest: only the first part names the resource.
    const [first = '', ...rest] = input.split('.');
    type = find(first);
    resource = first;
    path = rest;
  }
  if (!type) ctx.fail(`the server doesn't have a resource type "${resource}"`);

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
    if (err instanceof ExplainError) ctx.fail(err.message.replace(/^error: /, ''));
    throw err;
  }
}
