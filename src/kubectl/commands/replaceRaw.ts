/**
 * `kubectl replace --raw PATH -f FILE` (replace.go `raw` → rawhttp.RawPut) and `kubectl create
 * --raw PATH -f FILE` (create.go → rawhttp.RawPost): the file is sent to the path as it is, and
 * the server's response body is copied to stdout unchanged (one JSON line, not `kind/name
 * replaced`). The way to the `finalize` subresource of a Namespace:
 * `kubectl replace --raw /api/v1/namespaces/NAME/finalize -f ns.json`.
 */
import type { KubeObject, Result, Status } from '../../engine/api/types.ts';
import { goCompact, resourceDefOf, resourcePath } from '../../engine/node/httpClient.ts';
import type { Ctx } from '../context.ts';
import { isUrl } from '../examples/index.ts';
import { parseManifests } from '../manifest.ts';
import { takeStdin } from '../stdin.ts';
import { NO_SUCH_PATH, printWarnings } from './common.ts';
import { goOrder } from './execApiServer.ts';

/**
 * ReplaceOptions.Validate's --raw checks (CreateOptions.ValidateArgs' for `verb` POST, which
 * also refuses --edit and -l), then the request. `files` is not empty.
 */
export function runReplaceRaw(
  ctx: Ctx,
  raw: string,
  files: string[],
  verb: 'PUT' | 'POST' = 'PUT',
): void {
  if (verb === 'POST' && ctx.bool('edit')) ctx.fail('--raw and --edit are mutually exclusive');
  if (files.length !== 1) ctx.fail('--raw can only use a single local file or stdin');
  const file = files[0] ?? '';
  if (/^https?:\/\//.test(file)) ctx.fail('--raw cannot read from a url');
  if (ctx.bool('recursive')) ctx.fail('--raw and --recursive are mutually exclusive');
  if (verb === 'POST' && ctx.str('selector') !== '')
    ctx.fail('--raw and --selector (-l) are mutually exclusive');
  if (ctx.str('output') !== '') ctx.fail('--raw and --output are mutually exclusive');
  // url.ParseRequestURI: an absolute path or an absolute URL.
  if (!raw.startsWith('/') && !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(raw))
    ctx.fail(`--raw must be a valid URL path: parse "${raw}": invalid URI for request`);
  const text =
    file === '-' ? takeStdin(ctx.host) : isUrl(file) ? undefined : ctx.host.fs.read(file);
  if (text === undefined) {
    if (file === '-')
      ctx.fail('reading from stdin is not supported in this console: pipe a command into it');
    ctx.fail(`open ${file}: no such file or directory`);
  }
  const parsed = parseManifests(text, file);
  if (!parsed.ok) ctx.fail(parsed.error);
  const body = parsed.docs[0] ?? {};
  const path = raw.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/]*/, '');
  const r = verb === 'POST' ? post(ctx, path, body) : put(ctx, path, body);
  printWarnings(ctx, r);
  if (!r.ok) ctx.failStatus(r.status);
  const type = { kind: r.value.kind ?? '', apiVersion: r.value.apiVersion ?? '' };
  ctx.out(goCompact(goOrder(r.value, type)));
}

function put(ctx: Ctx, path: string, body: KubeObject): Result<KubeObject> {
  const clean = path.split('?')[0]?.replace(/\/+$/, '') ?? '';
  const finalize = /^\/api\/v1\/namespaces\/([^/]+)\/finalize$/.exec(clean);
  const target = finalize
    ? { group: '', version: 'v1', resource: 'namespaces', name: finalize[1] }
    : resourcePath(clean);
  if (!target?.name) return { ok: false, status: NO_SUCH_PATH };
  const def = resourceDefOf(target);
  if (!def || (target.namespace !== undefined) !== def.namespaced)
    return { ok: false, status: NO_SUCH_PATH };
  const bodyName = body.metadata?.name ?? '';
  if (bodyName !== target.name) {
    return {
      ok: false,
      status: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `the name of the object (${bodyName}) does not match the name on the URL (${target.name})`,
        reason: 'BadRequest',
        code: 400,
      },
    };
  }
  const api = ctx.host.api;
  // A raw PUT carries no fieldValidation parameter: the API server decodes the body with its
  // default, Warn (a wrong type is a BadRequest, an unknown field a warning and dropped).
  if (finalize)
    return api.update('namespaces', undefined, body, {
      subresource: 'finalize',
      fieldValidation: 'Warn',
    });
  return api.update(def.resource, target.namespace, body, { fieldValidation: 'Warn' });
}

/** The API server's answer to a method a path does not serve (a POST to one object). */
const METHOD_NOT_ALLOWED: Status = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'the server does not allow this method on the requested resource',
  reason: 'MethodNotAllowed',
  details: {},
  code: 405,
};

/** A raw POST: a create in the collection the path names. */
function post(ctx: Ctx, path: string, body: KubeObject): Result<KubeObject> {
  const target = resourcePath(path.split('?')[0]?.replace(/\/+$/, '') ?? '');
  if (!target) return { ok: false, status: NO_SUCH_PATH };
  const def = resourceDefOf(target);
  if (!def || (target.namespace !== undefined) !== def.namespaced)
    return { ok: false, status: NO_SUCH_PATH };
  if (target.name !== undefined) return { ok: false, status: METHOD_NOT_ALLOWED };
  // No fieldValidation parameter: the API server's default, Warn (see put).
  return ctx.host.api.create(def.resource, target.namespace, body, { fieldValidation: 'Warn' });
}
