/**
 * `kubectl get --raw PATH` (get.go RawGet → rawhttp.RawGet): a GET of PATH on the API server,
 * whose response body kubectl copies to stdout byte for byte; a status other than 2xx is the
 * server's error.
 *
 * What the API server answers (JSON as its serializer writes it for a client that is not curl,
 * wget or a browser: compact, `<>&` escaped, a final newline; `?pretty=true` indented without
 * the newline):
 * - `/healthz`, `/livez`, `/readyz` and their single checks (`/readyz/etcd`): `ok`, no newline;
 * - `/version`: its version.Info, indented;
 * - `/api`: APIVersions;
 * - resource paths (`/api/v1/namespaces/NS/pods[/NAME]`, `/apis/GROUP/VERSION/…`, a cluster-wide
 *   list `/api/v1/pods`): the object (kind and apiVersion first, metadata in ObjectMeta's order,
 *   status last) or the typed list (`PodList`, items without kind or apiVersion), filtered by
 *   `labelSelector` and `fieldSelector`; the `status` subresource (the object), `scale` (a
 *   Scale) and a pod's `log` (`?container=`, `tailLines`, `timestamps`, `previous`);
 * - a path it does not route: `404 page not found`, which client-go reports as NotFound.
 *
 * Discovery documents (`/apis`, `/api/v1`…), OpenAPI, `/metrics`, `?verbose` health details,
 * chunked lists (`limit`) and watches are not simulated: the console says so rather than print
 * something a real server would not.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject, ObjectList, ResourceName } from '../../engine/api/types.ts';
import { badRequest } from '../../engine/apiserver/errors.ts';
import type { ResourceDef } from '../../engine/apiserver/resources.ts';
import { SCALABLE, scaleOf } from '../../engine/apiserver/scale.ts';
import { goCompact, goIndent, resourceDefOf } from '../../engine/node/httpClient.ts';
import type { Ctx } from '../context.ts';
import { ExitError } from '../errors.ts';
import { refusedUnstored } from '../impersonation.ts';
import { type AnyResourceType, isStoredType, RESOURCE_TYPES } from '../resources.ts';
import { notFound, peekObject } from './common.ts';
import { goOrder } from './execApiServer.ts';
import { containerLog, FOLLOW_NOTE, isRunning } from './logs.ts';
import { SERVER_VERSION, versionInfo } from './misc.ts';

/**
 * url.ParseRequestURI as GetOptions.Validate calls it: a path, or an absolute URL (whose
 * scheme and host the REST client drops: only its path and query are requested). The error's
 * text after `parse "RAW": `, or the path and the raw query.
 */
export function parseRequestUri(raw: string): { error: string } | { path: string; query: string } {
  let rest = raw;
  if (!raw.startsWith('/')) {
    // getScheme: letters, then digits, `+`, `-` or `.`, up to a colon.
    let scheme = '';
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i] as string;
      if (/[a-zA-Z]/.test(c)) continue;
      if (/[0-9+.-]/.test(c)) {
        if (i === 0) break;
        continue;
      }
      if (c === ':') {
        if (i === 0) return { error: 'missing protocol scheme' };
        scheme = raw.slice(0, i);
      }
      break;
    }
    if (scheme === '') return { error: 'invalid URI for request' };
    rest = raw.slice(scheme.length + 1);
    // An opaque URL (`a:b`) has no path to request.
    if (!rest.startsWith('/')) return { path: '', query: '' };
    if (rest.startsWith('//')) {
      const end = rest.indexOf('/', 2);
      rest = end < 0 ? '' : rest.slice(end);
    }
  }
  const q = rest.indexOf('?');
  const path = q < 0 ? rest : rest.slice(0, q);
  const bad = /%(?![0-9a-fA-F]{2})(.{0,2})/.exec(path);
  if (bad) return { error: `invalid URL escape "%${bad[1]}"` };
  return { path: decodeURIComponent(path), query: q < 0 ? '' : rest.slice(q + 1) };
}

/** url.ParseQuery, leniently: `+` is a space, a bad escape is kept as it is. */
function queryParams(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of query.split(/[&]/)) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const dec = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    const key = dec(eq < 0 ? part : part.slice(0, eq));
    if (!params.has(key)) params.set(key, dec(eq < 0 ? '' : part.slice(eq + 1)));
  }
  return params;
}

/** strconv.ParseBool. */
function goBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

/** A 404 the server's mux answers with its plain-text page, as client-go reports it. */
function noRoute(ctx: Ctx): never {
  ctx.requestLog?.rawLine(404);
  ctx.err('Error from server (NotFound): the server could not find the requested resource\n');
  throw new ExitError(1);
}

function notSimulated(ctx: Ctx, raw: string): never {
  // No request: the console does not serve it.
  ctx.requestLog?.quiet(() => undefined);
  ctx.fail(
    `--raw ${raw}: not available in this console (it serves objects, lists, logs, /api, /version and the health checks)`,
  );
}

/** A request the path names: `/api/v1[/namespaces/NS]/RESOURCE[/NAME[/SUBRESOURCE]]`. */
interface RawRequest {
  type: AnyResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** RequestInfoFactory's reading of a resource path, against the types this cluster serves. */
function rawRequest(path: string): RawRequest | 'not-a-resource' | 'no-route' {
  const parts = path.split('/').filter(Boolean);
  let group = '';
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    version = parts[1] as string;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1] as string;
    version = parts[2] as string;
    rest = parts.slice(3);
  } else return 'not-a-resource';
  let namespace: string | undefined;
  // `namespaces/NAME/status` and `/finalize` are the Namespace's own subresources.
  if (
    rest[0] === 'namespaces' &&
    rest.length >= 3 &&
    !['status', 'finalize'].includes(rest[2] as string)
  ) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource, name, subresource, ...more] = rest;
  if (!resource || more.length > 0) return 'no-route';
  const type = RESOURCE_TYPES.find(
    (t) => t.resource === resource && t.group === group && t.version === version,
  );
  if (!type) return 'no-route';
  // A cluster-scoped resource has no namespaced route.
  if (namespace !== undefined && !type.namespaced) return 'no-route';
  return {
    type,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(name ? { name } : {}),
    ...(subresource ? { subresource } : {}),
  };
}

/**
 * `kubectl get --raw RAW`: GetOptions.Complete's and Validate's checks, then the request.
 * `args` are get's arguments (none are allowed with --raw).
 */
export function runGetRaw(ctx: Ctx, raw: string, args: string[]): void {
  if (args.length > 0) ctx.fail('arguments may not be passed when --raw is specified');
  if (ctx.bool('watch') || ctx.bool('watch-only') || ctx.str('selector') !== '')
    ctx.fail(
      '--raw may not be specified with other flags that filter the server request or alter the output',
    );
  if (ctx.str('output') !== '') ctx.fail('--raw and --output are mutually exclusive');
  const uri = parseRequestUri(raw);
  if ('error' in uri) ctx.fail(`--raw must be a valid URL path: parse "${raw}": ${uri.error}`);
  // -v=6: the request is the path as typed (see RequestLog.rawPath); a REST client's error
  // decodes into the Go Status type (its dump has no kind or apiVersion).
  ctx.requestLog?.rawPath(raw);
  if (ctx.requestLog) ctx.requestLog.typedClient = true;
  serve(ctx, raw, uri.path, queryParams(uri.query));
  ctx.requestLog?.rawLine(200);
}

function serve(ctx: Ctx, raw: string, path: string, params: Map<string, string>): void {
  const health = /^\/(healthz|livez|readyz)(\/[^/]+)?\/?$/.exec(path);
  if (health) {
    const check = health[2]?.slice(1);
    if (check !== undefined && !['ping', 'log', 'etcd'].includes(check)) noRoute(ctx);
    if (check === undefined && (params.has('verbose') || params.has('exclude')))
      notSimulated(ctx, raw);
    ctx.out('ok');
    return;
  }
  if (path === '/version' || path === '/version/') {
    ctx.out(goIndent(versionInfo(SERVER_VERSION)));
    return;
  }
  const pretty = goBool(params.get('pretty') ?? '') === true;
  const write = (value: unknown) => ctx.out(pretty ? goIndent(value) : goCompact(value));
  if (path === '/api' || path === '/api/') {
    write({
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: apiAddress(ctx) }],
    });
    return;
  }
  const req = rawRequest(path);
  if (req === 'no-route') noRoute(ctx);
  if (req === 'not-a-resource') {
    if (/^\/(apis|api|openapi|metrics)(\/|$)/.test(path)) notSimulated(ctx, raw);
    noRoute(ctx);
  }
  for (const key of ['watch', 'limit', 'continue']) {
    if (params.has(key) && !(key === 'watch' && goBool(params.get(key) ?? '') === false))
      notSimulated(ctx, raw);
  }
  const { type, namespace, name, subresource } = req;
  const group = type.group ? `${type.group}/${type.version}` : type.version;
  if (!isStoredType(type)) {
    // A type the cluster serves and holds nothing of.
    if (subresource) noRoute(ctx);
    const refused = refusedUnstored(ctx, type, name ? 'get' : 'list', namespace, name ?? '');
    if (refused) {
      ctx.requestLog?.rawLine(refused.code);
      ctx.failStatus(refused);
    }
    if (name) {
      ctx.requestLog?.rawLine(404);
      ctx.failStatus(notFound(type, name));
    }
    write(listOf(`${type.kind}List`, group, listRevision(ctx), []));
    return;
  }
  const def = resourceDefOf({ group: type.group, version: type.version, resource: type.resource });
  if (!def) noRoute(ctx);
  const resource = type.resource as ResourceName;
  if (!name) {
    if (subresource) noRoute(ctx);
    const listed = ctx.host.api.list(resource, namespace, {
      ...(params.get('labelSelector') ? { labelSelector: params.get('labelSelector') } : {}),
      ...(params.get('fieldSelector') ? { fieldSelector: params.get('fieldSelector') } : {}),
    });
    if (!listed.ok) ctx.failStatus(listed.status);
    const list: ObjectList = listed.value;
    write(
      listOf(
        `${def.kind}List`,
        def.apiVersion,
        list.metadata.resourceVersion ?? '',
        list.items.map((o: KubeObject) => goOrder(o)),
      ),
    );
    return;
  }
  // A namespaced object is asked for in its namespace (`/api/v1/pods/NAME` is no route).
  if (type.namespaced && namespace === undefined) noRoute(ctx);
  if (subresource === 'log' && type.resource === 'pods') {
    servePodLog(ctx, namespace as string, name, params);
    return;
  }
  if (subresource !== undefined && !subresourceServed(def, subresource)) {
    if (
      [
        'exec',
        'attach',
        'portforward',
        'proxy',
        'eviction',
        'binding',
        'token',
        'finalize',
      ].includes(subresource)
    )
      notSimulated(ctx, raw);
    noRoute(ctx);
  }
  const got = ctx.host.api.get(resource, namespace, name);
  if (!got.ok) ctx.failStatus(got.status);
  if (subresource === 'scale') {
    write(goOrder(scaleOf(got.value), { kind: 'Scale', apiVersion: 'autoscaling/v1' }));
    return;
  }
  write(goOrder(got.value, def));
}

function subresourceServed(def: ResourceDef, sub: string): boolean {
  if (sub === 'status') return def.hasStatus;
  if (sub === 'scale') return SCALABLE.has(def.resource);
  if (sub === 'ephemeralcontainers') return def.resource === 'pods';
  return false;
}

function listOf(
  kind: string,
  apiVersion: string,
  resourceVersion: string,
  items: unknown[],
): Record<string, unknown> {
  return { kind, apiVersion, metadata: { resourceVersion }, items };
}

/** The revision a list answers with now. */
function listRevision(ctx: Ctx): string {
  const l = ctx.host.api.list('namespaces', undefined);
  return l.ok ? (l.value.metadata.resourceVersion ?? '') : '';
}

/** Where the API server listens, as the `kubernetes` Endpoints say (`192.168.49.2:6443`). */
function apiAddress(ctx: Ctx): string {
  const ep = peekObject(ctx, 'endpoints', 'default', 'kubernetes') as
    | { subsets?: { addresses?: { ip?: string }[]; ports?: { port?: number }[] }[] }
    | undefined;
  const subset = ep?.subsets?.[0];
  const ip = subset?.addresses?.[0]?.ip;
  const port = subset?.ports?.[0]?.port;
  return ip && port ? `${ip}:${port}` : '';
}

/**
 * GET pods/NAME/log: the pod's one container unless `container` names one (the server's
 * BadRequest when it must), its log as the kubelet returns it, as plain text.
 */
function servePodLog(ctx: Ctx, namespace: string, name: string, params: Map<string, string>) {
  const got = ctx.host.api.get('pods', namespace, name);
  if (!got.ok) ctx.failStatus(got.status);
  const pod = got.value as unknown as Pod;
  const names = (list?: { name: string }[]) => (list ?? []).map((c) => c.name);
  const containers = names(pod.spec?.containers);
  const inits = names(pod.spec?.initContainers);
  const ephemeral = names(pod.spec?.ephemeralContainers);
  let container = params.get('container') ?? '';
  if (container === '') {
    if (containers.length === 1) container = containers[0] as string;
    else {
      let message = `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`;
      if (inits.length > 0) message += ` or one of the init containers: [${inits.join(' ')}]`;
      if (ephemeral.length > 0)
        message += ` or one of the ephemeral containers: [${ephemeral.join(' ')}]`;
      ctx.failStatus(badRequest(message));
    }
  } else if (![...containers, ...inits, ...ephemeral].includes(container)) {
    ctx.failStatus(badRequest(`container ${container} is not valid for pod ${name}`));
  }
  const tailText = params.get('tailLines');
  const tail = tailText !== undefined && /^\d+$/.test(tailText) ? Number(tailText) : -1;
  const previous = goBool(params.get('previous') ?? '') === true;
  const timestamps = goBool(params.get('timestamps') ?? '') === true;
  const forwarded: Record<string, string> = {
    ...(previous ? { previous: 'true' } : {}),
    ...(tail >= 0 ? { tailLines: String(tail) } : {}),
    ...(timestamps ? { timestamps: 'true' } : {}),
  };
  ctx.out(containerLog(ctx, pod, container, { previous, timestamps, tail, params: forwarded }));
  // `?follow=true` streams until the container ends: a running one's stream would go on.
  if (goBool(params.get('follow') ?? '') === true && !previous && isRunning(pod, container))
    ctx.err(FOLLOW_NOTE);
}
