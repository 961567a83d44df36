/**
 * A differential check against a real kubectl 1.32 client, for developers who have one:
 *
 *   npx tsx bench/kubectlOracle.ts [--kubectl PATH] [--offline] [--setup FILE] CMDS [REPORT]
 *
 * Each line of CMDS runs twice: in this console on a simulated cluster, and as a real `kubectl`
 * process. The report lists the lines whose stdout, stderr or exit code differ.
 *
 * - Default: the real kubectl talks HTTP to a second simulated cluster (same seed, same --setup
 *   console lines, run first on both), served by a small bridge: discovery, and GET/LIST/POST/PUT/PATCH/DELETE in JSON. So
 *   its describers, `-o yaml|json|jsonpath|go-template|custom-columns` and error texts see the
 *   very objects ours see. Not served: Table responses (plain `get` tables), watches, protobuf
 *   bodies (the typed clients of `create deployment`, `scale`…): put those in --setup. Timestamps
 *   are shifted to the real clock and back, so ages agree within a second.
 *   A delete or drain that waits moves the bridged clock at the real pace; client-go's "very short
 *   watch" warnings (no watch is served) are left out of the real stderr. After each line the
 *   cluster whose clock is behind catches up with the other (a stuck `rollout status` moves ours
 *   to its end while the real one is killed at 15 s), so the two never drift apart.
 * - `--offline`: no server at all (client-side checks: flag and argument errors, help, dry runs).
 *
 * Lines whose outputs differ only by ages a second apart (the real kubectl reads the clock a
 * little later) are counted apart and listed without their texts. ORACLE_SHOW_ALL=1 lists the
 * identical lines too, with their output (to read the real kubectl's orderings, say).
 *
 * This is a tool, not a test: CI has no kubectl. The known deliberate differences are the help
 * texts' line wrapping (ours wraps at the console's width, a real kubectl writing to a pipe does
 * not; the report counts those apart) and klog's time and pid.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { KubeObject } from '../src/engine/api/types.ts';
import { hpaToV1 } from '../src/engine/apiserver/hpa.ts';
import type { Attributes, UserInfo } from '../src/engine/apiserver/rbac.ts';
import { RESOURCES, type ResourceDef } from '../src/engine/apiserver/resources.ts';
import { SCALABLE, scaleOf } from '../src/engine/apiserver/scale.ts';
import { epochMs } from '../src/engine/util/clock.ts';
import { discoveryEntries, SERVER_VERSION } from '../src/kubectl/commands/misc.ts';
import explainSchema from '../src/kubectl/explain/explainSchema.generated.ts';
import { loadExplainSchema } from '../src/kubectl/explain/load.ts';
import { impersonatedUser, KUBERNETES_ADMIN } from '../src/kubectl/impersonation.ts';
import { adminCertificateCredentialId } from '../src/kubectl/kubeconfig.ts';
import { isStoredType, OTHER_SERVED_VERSIONS, RESOURCE_TYPES } from '../src/kubectl/resources.ts';
import { runLine } from '../src/kubectl/shell.ts';
import { engineSession } from '../src/kubectl/testing/engineSession.ts';
import { forgetDiscovery } from '../src/kubectl/verboseLog.ts';
import {
  entriesOf,
  openApiV3Document,
  openApiV3Index,
  servedGroupVersions,
} from './oracleOpenApi.ts';

const argv = process.argv.slice(2);
let kubectl = 'kubectl';
let offline = false;
let setupFile: string | undefined;
const files: string[] = [];
for (let i = 0; i < argv.length; i++) {
  const a = argv[i] as string;
  if (a === '--kubectl') kubectl = argv[++i] ?? kubectl;
  else if (a === '--offline') offline = true;
  else if (a === '--setup') setupFile = argv[++i];
  else files.push(a);
}
if (files.length === 0) {
  console.error(
    'usage: npx tsx bench/kubectlOracle.ts [--kubectl PATH] [--offline] [--setup FILE] CMDS [REPORT]',
  );
  process.exit(2);
}
const [cmdFile, reportFile = 'kubectl-oracle.txt'] = files;
/** A command name found on PATH, as a path. */
const which = (cmd: string): string | undefined =>
  (process.env.PATH ?? '')
    .split(':')
    .map((d) => `${d}/${cmd}`)
    .find((p) => existsSync(p));

const lines = (file: string | undefined): string[] =>
  file
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    : [];

// Two identical clusters: the real kubectl talks to `bridged`, our console runs on `ours`.
const bridged = engineSession(1);
const ours = engineSession(1);
for (const line of lines(setupFile)) {
  bridged.run(line);
  ours.run(line);
}
// The setup ran on our console only: the real kubectl starts with a cold discovery cache.
forgetDiscovery(ours.host.fs);
const adminApi = bridged.cluster.client('kubectl');
const api = adminApi;

/** Real epoch ms minus virtual epoch ms, set before each real run. */
let offsetMs = 0;
const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?Z$/;
function shiftTimes(v: unknown, by = offsetMs): unknown {
  if (typeof v === 'string') {
    const m = TIMESTAMP.exec(v);
    if (!m) return v;
    const iso = new Date(Date.parse(v) + by).toISOString();
    return m[2]
      ? iso.replace(/\.\d{3}Z$/, `${m[2].slice(0, 7).padEnd(7, '0')}Z`)
      : iso.replace(/\.\d{3}Z$/, 'Z');
  }
  if (Array.isArray(v)) return v.map((x) => shiftTimes(x, by));
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shiftTimes(x, by)]));
  return v;
}
/** Real-clock dates in the real kubectl's output back to virtual ones. */
function unshiftTimes(s: string): string {
  return (
    s
      .replace(/\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d \w{3} \d{4} \d\d:\d\d:\d\d [+-]\d{4}/g, (d) =>
        new Date(Date.parse(d) - offsetMs)
          .toUTCString()
          .replace('GMT', '+0000')
          .replace(/^(\w+), (\d) /, '$1, 0$2 '),
      )
      // Go's time.Time String() (`Created on:` of a NetworkPolicy): `2026-01-06 00:01:00 +0000 UTC`.
      .replace(
        /\b(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) \+0000 UTC\b/g,
        (_d, t: string) =>
          `${new Date(Date.parse(`${t.replace(' ', 'T')}Z`) - offsetMs)
            .toISOString()
            .replace('T', ' ')
            .replace(/\.\d{3}Z$/, '')} +0000 UTC`,
      )
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, (d, frac: string | undefined) => {
        const iso = new Date(Date.parse(d) - offsetMs).toISOString();
        return frac ? iso.replace(/\.\d{3}Z$/, `${frac}Z`) : iso.replace(/\.\d{3}Z$/, 'Z');
      })
  );
}

const byGroupVersion = new Map<string, ResourceDef[]>();
for (const r of Object.values(RESOURCES)) {
  const list = byGroupVersion.get(r.apiVersion) ?? [];
  list.push(r);
  byGroupVersion.set(r.apiVersion, list);
}
/** Subresources a GET of which is the object itself (the others but log and scale are 404s). */
const GET_SUBRESOURCES = new Set(['status', 'ephemeralcontainers', 'resize', 'approval']);

function status(code: number, reason: string, message: string) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
}

/**
 * What the API server serves, as our console's `api-resources` lists it (the same entries), so
 * the real kubectl's discovery, `api-resources` and `api-versions` see the same server.
 */
const ENTRIES = discoveryEntries();
const SERVED_GVS = servedGroupVersions(ENTRIES, OTHER_SERVED_VERSIONS);
/** The types served with no objects ever (`get` answers an empty list, NotFound by name). */
const EMPTY = new Map(
  RESOURCE_TYPES.filter((t) => !isStoredType(t)).map((t) => [
    `${t.group ? `${t.group}/${t.version}` : t.version} ${t.resource}`,
    t,
  ]),
);

/** The OpenAPI v3 documents, by group version (built on first use). */
const openApiDocs = new Map<string, Record<string, unknown>>();
function openApi(): Map<string, Record<string, unknown>> {
  if (openApiDocs.size === 0)
    for (const gv of SERVED_GVS)
      openApiDocs.set(gv, openApiV3Document(explainSchema, ENTRIES, gv, SERVER_VERSION));
  return openApiDocs;
}

/** The resourceVersion a list answers with now (the store's revision). */
function listResourceVersion(): string {
  const l = api.list('namespaces', undefined);
  return l.ok
    ? ((l.value as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion ?? '')
    : '';
}

function discovery(path: string): unknown {
  if (path === '/api')
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '172.18.0.2:6443' }],
    };
  if (path === '/apis') {
    // The preferred version (the entries') first.
    const groups = new Map<string, string[]>();
    for (const gv of SERVED_GVS) {
      const [g, v] = gv.split('/');
      if (!g || !v) continue;
      const vs = groups.get(g) ?? [];
      if (!vs.includes(v)) vs.push(v);
      groups.set(g, vs);
    }
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [...groups].map(([name, versions]) => ({
        name,
        versions: versions.map((version) => ({ groupVersion: `${name}/${version}`, version })),
        preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] },
      })),
    };
  }
  if (path === '/openapi/v3') return openApiV3Index(openApi());
  if (path.startsWith('/openapi/v3/')) {
    const rest = path.slice('/openapi/v3/'.length).split('/');
    const gv = rest[0] === 'api' ? rest[1] : rest[0] === 'apis' ? `${rest[1]}/${rest[2]}` : '';
    return gv ? openApi().get(gv) : undefined;
  }
  return undefined;
}

function resourceList(gv: string) {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: gv,
    resources: entriesOf(ENTRIES, gv).flatMap((e) => {
      const stored = byGroupVersion.get(e.apiVersion)?.find((r) => r.resource === e.resource);
      return [
        {
          name: e.resource,
          singularName: e.kind.toLowerCase(),
          namespaced: e.namespaced,
          kind: e.kind,
          verbs: e.verbs,
          ...(e.shortNames.length > 0 ? { shortNames: e.shortNames } : {}),
          ...(e.categories ? { categories: [e.categories] } : {}),
        },
        ...(stored ? subresourcesOf(stored) : []),
      ];
    }),
  };
}

/** The scale and status subresources of a stored type. */
function subresourcesOf(r: ResourceDef) {
  return [
    // The scale subresource (kubectl scale and autoscale look it up in discovery).
    ...(SCALABLE.has(r.resource)
      ? [
          {
            name: `${r.resource}/scale`,
            singularName: '',
            namespaced: r.namespaced,
            group: 'autoscaling',
            version: 'v1',
            kind: 'Scale',
            verbs: ['get', 'patch', 'update'],
          },
        ]
      : []),
    // The eviction subresource (kubectl drain looks it up in /api/v1's list to evict).
    ...(r.resource === 'pods'
      ? [
          {
            name: 'pods/eviction',
            singularName: '',
            namespaced: true,
            group: 'policy',
            version: 'v1',
            kind: 'Eviction',
            verbs: ['create'],
          },
        ]
      : []),
    ...(r.hasStatus
      ? [
          {
            name: `${r.resource}/status`,
            singularName: '',
            namespaced: r.namespaced,
            kind: r.kind,
            verbs: ['get', 'patch', 'update'],
          },
        ]
      : []),
  ];
}

/**
 * A protobuf message's fields by number: the length-delimited ones (wire type 2, every value of
 * a repeated field in `repeated`, its last in `fields`) and the varints (wire type 0); other
 * wire types are skipped.
 */
function protoMessage(buf: Buffer): {
  fields: Map<number, Buffer>;
  repeated: Map<number, Buffer[]>;
  varints: Map<number, number>;
} {
  const fields = new Map<number, Buffer>();
  const repeated = new Map<number, Buffer[]>();
  const varints = new Map<number, number>();
  let i = 0;
  const varint = (): number => {
    let v = 0;
    let shift = 0;
    for (;;) {
      if (i >= buf.length) return v;
      const b = buf[i++] as number;
      v += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) return v;
    }
  };
  while (i < buf.length) {
    const key = varint();
    const wire = key & 7;
    const field = Math.floor(key / 8);
    if (wire === 0) varints.set(field, varint());
    else if (wire === 2) {
      const len = varint();
      const value = buf.subarray(i, i + len);
      fields.set(field, value);
      repeated.set(field, [...(repeated.get(field) ?? []), value]);
      i += len;
    } else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else break;
  }
  return { fields, repeated, varints };
}

/** A protobuf message's length-delimited fields (wire type 2) by number. */
function protoFields(buf: Buffer): Map<number, Buffer> {
  return protoMessage(buf).fields;
}

/** A protobuf message's varint fields (wire type 0) by number. */
function protoVarints(buf: Buffer): Map<number, number> {
  return protoMessage(buf).varints;
}

/**
 * DeleteOptions as a typed client sends them (a DELETE's body, an Eviction's field 2), from
 * protobuf: gracePeriodSeconds (field 1), propagationPolicy (4), dryRun (5, the last one).
 */
function deleteOptionsFromProtobuf(b: Buffer | undefined): Record<string, unknown> {
  if (!b) return {};
  const ints = protoVarints(b);
  const strs = protoFields(b);
  const out: Record<string, unknown> = {};
  if (ints.has(1)) out.gracePeriodSeconds = ints.get(1);
  if (strs.has(4)) out.propagationPolicy = strs.get(4)?.toString('utf8');
  if (strs.has(5)) out.dryRun = [strs.get(5)?.toString('utf8')];
  return out;
}

/** Every value of a repeated length-delimited field (a protobuf `repeated string`). */
function protoRepeated(buf: Buffer, field: number): Buffer[] {
  return protoMessage(buf).repeated.get(field) ?? [];
}

/**
 * The TokenRequest `kubectl create token` POSTs as protobuf: its spec (field 2) holds audiences
 * (1, repeated), boundObjectRef (3: kind 1, apiVersion 2, name 3, uid 4) and
 * expirationSeconds (4).
 */
function tokenRequestFromProtobuf(body: string): KubeObject {
  const obj = protobufObject(body) ?? Buffer.alloc(0);
  const specBuf = protoFields(obj).get(2) ?? Buffer.alloc(0);
  const spec: Record<string, unknown> = {
    audiences: protoRepeated(specBuf, 1).map((b) => b.toString('utf8')),
  };
  const seconds = protoVarints(specBuf).get(4);
  if (seconds !== undefined) spec.expirationSeconds = seconds;
  const ref = protoFields(specBuf).get(3);
  if (ref) {
    const f = protoFields(ref);
    const str = (n: number) => f.get(n)?.toString('utf8') ?? '';
    spec.boundObjectRef = {
      kind: str(1),
      apiVersion: str(2),
      name: str(3),
      ...(str(4) ? { uid: str(4) } : {}),
    };
  }
  return { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata: {}, spec };
}

/** The object a typed client POSTs or DELETEs as protobuf: runtime.Unknown's field 2. */
function protobufObject(body: string): Buffer | undefined {
  return protoFields(Buffer.from(body.slice(4), 'latin1')).get(2);
}

/**
 * The spec of a self review a typed client POSTs as protobuf (`k8s\0` + runtime.Unknown, whose
 * field 2 is the object: field 2 its spec): SelfSubjectAccessReviewSpec's resource attributes
 * (namespace, verb, group, version, resource, subresource, name) or non-resource ones (path,
 * verb), or SelfSubjectRulesReviewSpec's namespace.
 */
function reviewSpecFromProtobuf(body: string, rules: boolean): Record<string, unknown> {
  const unknown = protoFields(Buffer.from(body.slice(4), 'latin1'));
  const obj = protoFields(unknown.get(2) ?? Buffer.alloc(0));
  const spec = protoFields(obj.get(2) ?? Buffer.alloc(0));
  const strings = (b: Buffer | undefined, names: string[]) => {
    const f = protoFields(b ?? Buffer.alloc(0));
    const o: Record<string, string> = {};
    names.forEach((n, k) => {
      const v = f.get(k + 1);
      if (v && v.length > 0) o[n] = v.toString('utf8');
    });
    return o;
  };
  const out: Record<string, unknown> = {};
  const ra = spec.get(1);
  const nra = spec.get(2);
  // SelfSubjectRulesReviewSpec has one field, the namespace.
  if (rules) return ra ? { namespace: ra.toString('utf8') } : {};
  if (ra) {
    out.resourceAttributes = strings(ra, [
      'namespace',
      'verb',
      'group',
      'version',
      'resource',
      'subresource',
      'name',
    ]);
  }
  if (nra) out.nonResourceAttributes = strings(nra, ['path', 'verb']);
  return out;
}

/** The requesting user: the Impersonate-User (and -Group) headers, else admin.conf's. */
function requestingUser(req: IncomingMessage): UserInfo {
  const as = req.headers['impersonate-user'];
  if (typeof as !== 'string' || as === '') return KUBERNETES_ADMIN;
  const g = req.headers['impersonate-group'];
  const groups = (Array.isArray(g) ? g : g ? [g] : []).flatMap((x) => x.split(/,\s*/));
  return impersonatedUser(as, groups);
}

/**
 * The self reviews `kubectl auth` POSTs (can-i, can-i --list, whoami), answered by the bridged
 * cluster's authorizer for the requesting user.
 */
const REVIEW_PATHS = new Set([
  '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
  '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews',
  '/apis/authentication.k8s.io/v1/selfsubjectreviews',
]);

function selfReview(path: string, req: IncomingMessage, body: string): unknown {
  if (!REVIEW_PATHS.has(path)) return undefined;
  const user = requestingUser(req);
  const given = (
    body.startsWith('k8s\u0000')
      ? { spec: reviewSpecFromProtobuf(body, path.endsWith('/selfsubjectrulesreviews')) }
      : body
        ? JSON.parse(body)
        : {}
  ) as { spec?: Record<string, Record<string, string>> };
  const spec = given.spec ?? {};
  const meta = { creationTimestamp: null };
  if (path === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews') {
    const r = spec.resourceAttributes;
    const n = spec.nonResourceAttributes;
    const attrs: Attributes = n
      ? { verb: n.verb ?? '', path: n.path ?? '' }
      : {
          verb: r?.verb ?? '',
          resource: r?.resource ?? '',
          apiGroup: r?.group ?? '',
          ...(r?.subresource ? { subresource: r.subresource } : {}),
          ...(r?.namespace ? { namespace: r.namespace } : {}),
          ...(r?.name ? { name: r.name } : {}),
        };
    const d = bridged.cluster.authorize(user, attrs);
    return {
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: meta,
      spec,
      status: { allowed: d.allowed, ...(d.reason ? { reason: d.reason } : {}) },
    };
  }
  if (path === '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews') {
    const rr = bridged.cluster.rulesReview(user, String(spec.namespace ?? ''));
    return {
      kind: 'SelfSubjectRulesReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: meta,
      spec,
      status: {
        resourceRules: rr.resourceRules,
        nonResourceRules: rr.nonResourceRules,
        incomplete: rr.incomplete,
        ...(rr.evaluationError ? { evaluationError: rr.evaluationError } : {}),
      },
    };
  }
  if (path === '/apis/authentication.k8s.io/v1/selfsubjectreviews') {
    const extra =
      user === KUBERNETES_ADMIN
        ? { 'authentication.kubernetes.io/credential-id': [adminCertificateCredentialId()] }
        : undefined;
    return {
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: {
        creationTimestamp: new Date(epochMs(bridged.cluster.now()))
          .toISOString()
          .replace(/\.\d{3}Z$/, 'Z'),
      },
      status: {
        userInfo: { username: user.name, groups: user.groups, ...(extra ? { extra } : {}) },
      },
    };
  }
  return undefined;
}

const requests: string[] = [];
/** When the current line started, on the real clock and on the bridged cluster's. */
const line = { realStart: 0, virtualStart: 0 };
function serve(req: IncomingMessage, res: ServerResponse, body: string): unknown {
  // Requests with Impersonate-User headers (`--as`) act as that user, as the API server's
  // impersonation filter makes them (the admin may impersonate anyone).
  const user = requestingUser(req);
  const api = user === KUBERNETES_ADMIN ? adminApi : bridged.cluster.clientAs('kubectl', user);
  const send = (code: number, obj: unknown) => {
    res.writeHead(code, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(shiftTimes(obj)));
  };
  /** A path the API server does not route: its plain 404. */
  const notRouted = () =>
    send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
  /** GET …/pods/NAME/log: PodLogOptions from the query, our console's `kubectl logs` for them. */
  const podLog = (ns: string, name: string, q: URLSearchParams) => {
    const args = ['kubectl', 'logs', name, '-n', ns];
    const container = q.get('container');
    if (container) args.push('-c', container);
    if (q.get('previous') === 'true') args.push('-p');
    if (q.get('timestamps') === 'true') args.push('--timestamps');
    const tail = q.get('tailLines');
    if (tail !== null) args.push(`--tail=${tail}`);
    const since = q.get('sinceSeconds');
    if (since !== null) args.push(`--since=${since}s`);
    const sinceTime = q.get('sinceTime');
    // (Typed on the line, so on the virtual clock already.)
    if (sinceTime !== null) args.push(`--since-time=${sinceTime}`);
    const limit = q.get('limitBytes');
    if (limit !== null) args.push(`--limit-bytes=${limit}`);
    // Read without the settle a console line ends with (it moves the clock on: the bridged
    // cluster would run ahead of ours by one settle per `kubectl logs`).
    const r = runLine(bridged.host, args.map((a) => `'${a}'`).join(' '));
    const out = { out: r.stdout, err: r.stderr, code: r.exitCode };
    if (out.code !== 0) {
      // `Error from server (Reason): message`, or a Status without a reason (a dial error).
      const m = /^Error from server(?: \((\w+)\))?: (.*)$/.exec(
        out.err.trim().split('\n')[0] ?? '',
      );
      const reason = m?.[1] ?? '';
      const code =
        { BadRequest: 400, NotFound: 404, Forbidden: 403, InternalError: 500 }[reason] ?? 500;
      return send(code, status(code, reason, m?.[2] ?? out.err.trim()));
    }
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    // Virtual times (--timestamps) on the real clock, as every answer's are.
    res.end(
      out.out.replace(
        /(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?Z/g,
        (_t, base: string, frac = '') => {
          // Moved by whole milliseconds: the digits past them (RFC 3339 nanos) stay as written.
          const ms = Date.parse(`${base}.${frac.slice(0, 3).padEnd(3, '0')}Z`) + offsetMs;
          const iso = new Date(ms).toISOString();
          return frac === ''
            ? iso.replace(/\.\d{3}Z$/, 'Z')
            : `${iso.slice(0, -1)}${frac.slice(3)}Z`;
        },
      ),
    );
  };
  const url = new URL(req.url ?? '/', 'http://bridge');
  // While a drain waits for its pods (it polls every second, retries refused evictions every
  // 5 s), the bridged cluster's clock keeps pace with the real one, as ours runs on meanwhile.
  // So while a delete waits (--wait, the default) for what it deleted to be gone.
  if (['kubectl drain', 'kubectl delete'].includes(String(req.headers['kubectl-command']))) {
    const due = line.virtualStart + (Date.now() - line.realStart);
    if (due > bridged.cluster.now()) bridged.cluster.advance(due - bridged.cluster.now());
  }
  requests.push(`${req.method} ${url.pathname}${url.search}`);
  const found = discovery(url.pathname);
  if (found) return send(200, found);
  if (url.searchParams.get('watch') === 'true') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end();
    return;
  }
  if (req.method === 'POST') {
    const review = selfReview(url.pathname, req, body);
    if (review) return send(201, review);
  }
  const p = url.pathname.split('/').filter(Boolean);
  const [gv, rest] =
    p[0] === 'api' && p[1]
      ? [p[1], p.slice(2)]
      : p[0] === 'apis' && p[2]
        ? [`${p[1]}/${p[2]}`, p.slice(3)]
        : [undefined, []];
  if (gv === undefined) return notRouted();
  if (rest.length === 0) return send(200, resourceList(gv));
  let ns: string | undefined;
  let path = rest;
  // (…/namespaces/NAME/status and /finalize are a Namespace's own subresources.)
  if (
    path[0] === 'namespaces' &&
    path.length >= 3 &&
    !['status', 'finalize'].includes(path[2] ?? '')
  ) {
    ns = path[1];
    path = path.slice(2);
  }
  const [plural, name, sub] = path;
  const empty = EMPTY.get(`${gv} ${plural}`);
  if (empty && req.method === 'GET') {
    // A type the cluster serves and never holds objects of: empty, as on a fresh kubeadm cluster.
    if (!name)
      return send(200, {
        kind: `${empty.kind}List`,
        apiVersion: gv,
        metadata: { resourceVersion: listResourceVersion() },
        items: [],
      });
    const qualified = empty.group ? `${empty.resource}.${empty.group}` : empty.resource;
    return send(404, {
      ...status(404, 'NotFound', `${qualified} "${name}" not found`),
      details: { name, ...(empty.group ? { group: empty.group } : {}), kind: empty.resource },
    });
  }
  // autoscaling/v1 autoscalers: the stored (v2) ones, in and out in the v1 form, as the API
  // server converts them (a `kubectl autoscale --dry-run=client -o yaml` manifest is v1).
  const v1Hpa = gv === 'autoscaling/v1' && plural === 'horizontalpodautoscalers';
  const r = (byGroupVersion.get(v1Hpa ? 'autoscaling/v2' : gv) ?? []).find(
    (x) => x.resource === plural,
  );
  if (!r) return notRouted();
  const q = url.searchParams;
  const asV1 = (v: unknown): unknown => {
    const o = v as KubeObject & { items?: KubeObject[] };
    if (o?.kind === 'HorizontalPodAutoscaler') return hpaToV1(o);
    if (o?.kind === 'HorizontalPodAutoscalerList')
      return { ...o, apiVersion: 'autoscaling/v1', items: (o.items ?? []).map(hpaToV1) };
    return v;
  };
  const answer = (
    x: { ok: boolean; value?: unknown; status?: { code?: number }; warnings?: string[] },
    okCode = 200,
  ) => {
    if (v1Hpa && x.ok) x = { ...x, value: asV1(x.value) };
    // The API server's warnings travel as `Warning: 299 - "…"` headers (kubectl prints them).
    if (x.warnings?.length)
      res.setHeader(
        'Warning',
        x.warnings.map((w) => `299 - ${JSON.stringify(w)}`),
      );
    return x.ok ? send(okCode, x.value) : send(x.status?.code ?? 500, x.status);
  };
  const proto = body.startsWith('k8s\u0000');
  // Protobuf is read for what drain sends: an Eviction, a DELETE's DeleteOptions.
  const evicting = req.method === 'POST' && !!name && sub === 'eviction' && r.resource === 'pods';
  // `kubectl create token`: its TokenRequest, read from protobuf.
  if (proto && req.method === 'POST' && name && sub === 'token' && r.resource === 'serviceaccounts')
    return answer(
      api.createToken?.(ns ?? 'default', name, tokenRequestFromProtobuf(body)) ?? {
        ok: false,
        status: { code: 404 },
      },
      201,
    );
  if (proto && !evicting && req.method !== 'DELETE')
    return send(415, status(415, 'UnsupportedMediaType', 'the bridge reads JSON bodies only'));
  const parsed = proto
    ? evicting
      ? {
          deleteOptions: deleteOptionsFromProtobuf(
            protoFields(protobufObject(body) ?? Buffer.alloc(0)).get(2),
          ),
        }
      : deleteOptionsFromProtobuf(protobufObject(body))
    : body
      ? // What the real kubectl sends back (a taint's timeAdded it read) on the virtual clock.
        (shiftTimes(JSON.parse(body), -offsetMs) as ReturnType<typeof JSON.parse>)
      : undefined;
  const opts: Record<string, unknown> = q.get('dryRun') ? { dryRun: true } : {};
  // Without the parameter a real API server decodes writes with its default, Warn (the engine's
  // own components skip that, so the bridge asks for it).
  opts.fieldValidation = q.get('fieldValidation') || 'Warn';
  // The field manager: the request's, else (as a real API server does) the User-Agent's first
  // part, the binary's name (`kubectl.1.32/v1.32.5 …` is kubectl's, as ours calls itself).
  if (req.method !== 'GET' && req.method !== 'DELETE') {
    const ua = String(req.headers['user-agent'] ?? '').split('/')[0] ?? '';
    opts.fieldManager = q.get('fieldManager') || (ua.startsWith('kubectl') ? 'kubectl' : ua);
  }
  if (sub === 'status' || sub === 'scale' || sub === 'ephemeralcontainers') opts.subresource = sub;
  if (v1Hpa) opts.apiVersion = 'autoscaling/v1';
  if (q.get('fieldManager')) opts.fieldManager = q.get('fieldManager');
  if (q.get('force') === 'true') opts.force = true;
  switch (req.method) {
    case 'GET':
      if (name && sub === 'scale') {
        // The scale subresource: the engine's own Scale of the workload, as the API server's.
        if (!SCALABLE.has(r.resource)) return notRouted();
        const got = api.get(r.resource, ns, name);
        return got.ok ? send(200, scaleOf(got.value)) : answer(got);
      }
      // A pod's log: what our console's kubectl logs prints for the same options on the bridged
      // cluster (the kubelet's text); the real kubectl adds its own prefixes and merging.
      if (name && sub === 'log' && r.resource === 'pods') return podLog(ns ?? 'default', name, q);
      // A subresource the API server does not route (the bridge serves no exec/attach streams).
      if (name && sub && !GET_SUBRESOURCES.has(sub)) return notRouted();
      // Only the types that have the subresource route it (a ConfigMap has no status).
      if (
        (sub === 'status' && !r.hasStatus) ||
        ((sub === 'ephemeralcontainers' || sub === 'resize') && r.resource !== 'pods') ||
        (sub === 'approval' && r.resource !== 'certificatesigningrequests')
      )
        return notRouted();
      if (name) return answer(api.get(r.resource, ns, name));
      return answer(
        api.list(r.resource, ns, {
          ...(q.get('labelSelector') ? { labelSelector: q.get('labelSelector') as string } : {}),
          ...(q.get('fieldSelector') ? { fieldSelector: q.get('fieldSelector') as string } : {}),
        }),
      );
    case 'POST':
      if (!name) return answer(api.create(r.resource, ns, parsed, opts), 201);
      if (evicting) {
        // POST …/pods/NAME/eviction: its DeleteOptions carry the grace period and dry run.
        const d = (parsed?.deleteOptions ?? {}) as {
          gracePeriodSeconds?: number;
          dryRun?: string[];
        };
        const x = api.delete('pods', ns, name, {
          eviction: true,
          ...(d.gracePeriodSeconds !== undefined
            ? { gracePeriodSeconds: d.gracePeriodSeconds }
            : {}),
          ...(d.dryRun?.length ? { dryRun: true } : {}),
        });
        if (!x.ok) return answer(x);
        return send(201, {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Success',
          code: 201,
        });
      }
      break;
    case 'PUT':
      // A Scale written whole: its replicas, as a patch of the scale subresource.
      if (name && sub === 'scale')
        return answer(
          api.patch(
            r.resource,
            ns,
            name,
            { spec: { replicas: parsed?.spec?.replicas } },
            { ...opts, patchType: 'merge' },
          ),
        );
      if (name) return answer(api.update(r.resource, ns, parsed, opts));
      break;
    case 'PATCH': {
      if (!name) break;
      const ct = String(req.headers['content-type'] ?? '');
      opts.patchType = ct.includes('strategic')
        ? 'strategic'
        : ct.includes('json-patch')
          ? 'json'
          : ct.includes('apply-patch')
            ? 'apply'
            : 'merge';
      // A server-side apply creates what is not there yet (201), as the real API server does.
      if (opts.patchType === 'apply' && !sub && !api.get(r.resource, ns, name).ok)
        return answer(api.create(r.resource, ns, parsed, opts), 201);
      return answer(api.patch(r.resource, ns, name, parsed, opts));
    }
    case 'DELETE':
      if (!name) break;
      return answer(
        api.delete(r.resource, ns, name, {
          ...opts,
          ...(parsed?.dryRun?.length ? { dryRun: true } : {}),
          ...(parsed?.propagationPolicy ? { propagationPolicy: parsed.propagationPolicy } : {}),
          ...(parsed?.gracePeriodSeconds !== undefined
            ? { gracePeriodSeconds: parsed.gracePeriodSeconds }
            : {}),
        }),
      );
  }
  send(
    405,
    status(405, 'MethodNotAllowed', `the bridge does not serve ${req.method} ${url.pathname}`),
  );
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => {
    chunks.push(c);
  });
  req.on('end', () => {
    // Protobuf bodies (`k8s\0…`) as bytes (latin1), JSON as UTF-8.
    const raw = Buffer.concat(chunks);
    const body = raw.toString(
      raw.subarray(0, 4).toString('latin1') === 'k8s\u0000' ? 'latin1' : 'utf8',
    );
    try {
      serve(req, res, body);
    } catch (e) {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(status(500, 'InternalError', `bridge: ${String(e)}`)));
    }
  });
});
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
// (drain waits run at the real pace, see serve(); a line is killed after 15 s.)
// One home per run: its kubeconfig names this run's bridge port, so oracles running side by
// side (or a stale discovery cache) never send one run's kubectl to another run's bridge.
const home = `${process.env.TMPDIR ?? '/tmp'}/kubectl-oracle-home-${process.pid}`;
mkdirSync(`${home}/.kube`, { recursive: true });
// The real binary under the name `kubectl`: its messages and change-cause annotations name
// itself by argv[0]'s base name (`kubectl.1.32 get …` otherwise).
mkdirSync(`${home}/bin`, { recursive: true });
symlinkSync(
  resolve(kubectl.includes('/') ? kubectl : (which(kubectl) ?? kubectl)),
  `${home}/bin/kubectl`,
);
writeFileSync(
  `${home}/.kube/config`,
  `apiVersion: v1
kind: Config
clusters:
- cluster:
    server: http://127.0.0.1:${(server.address() as AddressInfo).port}
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: kubernetes-admin
  name: kubernetes-admin@kubernetes
current-context: kubernetes-admin@kubernetes
users:
- name: kubernetes-admin
  user: {}
`,
);

function runReal(line: string): Promise<{ out: string; err: string; code: number | null }> {
  return new Promise((done) => {
    // `kubectl` in the line is the real binary given by --kubectl.
    const child: ChildProcess = spawn(
      'bash',
      ['-c', line.replace(/^kubectl\b/, JSON.stringify(`${home}/bin/kubectl`))],
      {
        cwd: home,
        env: {
          // `kubectl` later in the line (`printf … > f && kubectl apply -f f`) is the real one too.
          PATH: `${home}/bin:${process.env.PATH}`,
          HOME: home,
          // `edit`, `create --edit`, `apply edit-last-applied`: an editor that closes at once,
          // unchanged (a real vi would wait on the pipe until the line is killed), or the one
          // ORACLE_KUBE_EDITOR names (e.g. a `sed -i …` that makes a change to compare).
          KUBE_EDITOR: process.env.ORACLE_KUBE_EDITOR ?? 'true',
          ...(offline ? { KUBECONFIG: '/nonexistent' } : {}),
        },
      },
    );
    let out = '';
    let err = '';
    child.stdout?.on('data', (d) => {
      out += d;
    });
    child.stderr?.on('data', (d) => {
      err += d;
    });
    const timer = setTimeout(() => {
      err += '[oracle: killed after 15 s]\n';
      child.kill('SIGKILL');
    }, 15_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ out, err, code });
    });
  });
}

const klog = (s: string) =>
  s.replace(/^([EWIF])\d{4} [\d:.]+ +\d+ /gm, '$10000 00:00:00.000000 1 ');
/**
 * `kubectl -v=6` logs, made comparable: the server's address (the bridge's port, the console's
 * https://172.18.0.2:6443) and each request's milliseconds are left out; client-go's feature gates
 * come in Go's random map order, so a run of them is sorted; the bridge serves no Table (the
 * real client's `table_printer.go` fallback line) and no aggregated discovery (the real client
 * reads every group version after GET /api and /apis, where a 1.32 server answers all in those
 * two): those lines are the bridge's. describe's event field selectors come from a Go map, in
 * any order: their terms are sorted.
 */
function verboseLog(s: string): string {
  const lines = s
    .replace(/(round_trippers\.go:\d+\] [A-Z]+ )https?:\/\/[^/\s]+/g, '$1SERVER')
    .replace(/ in \d+ milliseconds$/gm, ' in N milliseconds')
    // client-go picks a watch's timeout at random (5 to 10 minutes).
    .replace(/timeoutSeconds=\d+/g, 'timeoutSeconds=T')
    // The OpenAPI v3 documents' hashes are the bridge's and the console's own.
    .replace(/\?hash=[0-9A-F]{128}&/g, '?hash=HASH&')
    // describe's event selectors are built from a Go map: their terms come in any order.
    .replace(
      /fieldSelector=([^&\s]+)/g,
      (_m, terms: string) => `fieldSelector=${terms.split('%2C').sort().join('%2C')}`,
    )
    .split('\n')
    .filter(
      (l) =>
        !/^I0000 00:00:00\.000000 1 table_printer\.go:\d+\]/.test(l) &&
        !/ patcher\.go:\d+\] warning: OpenAPI V3 path does not support strategic merge patch/.test(
          l,
        ) &&
        !/round_trippers\.go:\d+\] GET SERVER\/openapi\/v2\?timeout=32s 404 /.test(l) &&
        !/round_trippers\.go:\d+\] GET SERVER\/(api\/v1|apis\/[^/?]+\/[^/?]+)\?timeout=32s /.test(
          l,
        ),
    );
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]?.includes(' envvar.go:')) continue;
    let j = i;
    while (j < lines.length && lines[j]?.includes(' envvar.go:')) j++;
    const run = lines.slice(i, j).sort();
    lines.splice(i, j - i, ...run);
    i = j;
  }
  return lines.join('\n');
}
const spaces = (s: string) => s.replace(/\s+/g, ' ');
/** A kubectl age (duration.HumanDuration: `45s`, `5m3s`, `6m`, `3h`, `5d`, `2y10d`) in seconds, and its resolution. */
function age(token: string): { s: number; res: number } | undefined {
  const m = /^\(?(?:(\d+)y)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?\)?,?$/.exec(token);
  if (!m || !/\d/.test(token)) return undefined;
  const units = [365 * 86400, 86400, 3600, 60, 1];
  let s = 0;
  let res = 0;
  units.forEach((u, i) => {
    const v = m[i + 1];
    if (v !== undefined) {
      s += Number(v) * u;
      res = u;
    }
  });
  return { s, res };
}
/**
 * Whether two outputs differ only in ages a second apart (at the coarser one's resolution) and in
 * the column widths that follow: the real kubectl reads the clock a little after ours does, so
 * an event stamped at .013 s (the scheduler's eventTime) can be a second older there.
 */
function agesOnly(a: string, b: string): boolean {
  const la = a.split('\n');
  const lb = b.split('\n');
  if (la.length !== lb.length) return false;
  return la.every((line, i) => {
    const ta = line.trim().split(/\s+/);
    const tb = (lb[i] ?? '').trim().split(/\s+/);
    if (ta.length !== tb.length) return false;
    return ta.every((t, j) => {
      const u = tb[j] as string;
      if (t === u) return true;
      const x = age(t);
      const y = age(u);
      return !!x && !!y && Math.abs(x.s - y.s) <= Math.max(1, x.res, y.res);
    });
  });
}
let report = '';
let same = 0;
let wrapOnly = 0;
let agesOnlyCount = 0;
const cmds = lines(cmdFile);
// As the lab session does before it runs lines: explain's data, loaded once.
await loadExplainSchema();
for (const cmd of cmds) {
  // Start the real run when the real clock's milliseconds match the virtual clock's.
  const virtualNow = epochMs(ours.cluster.now());
  const want = ((((virtualNow % 1000) - 30) % 1000) + 1000) % 1000;
  // Offline, nothing comes from the cluster: no clock to line up, no dates to shift.
  while (!offline && Math.abs((Date.now() % 1000) - want) > 5)
    await new Promise((r) => setTimeout(r, 1));
  offsetMs = offline ? 0 : Math.round((Date.now() - virtualNow) / 1000) * 1000;
  requests.length = 0;
  line.realStart = Date.now();
  line.virtualStart = bridged.cluster.now();
  const real = await runReal(cmd);
  bridged.host.settle();
  const mine = ours.run(cmd);
  // Clocks in lockstep: a line that waits may move one cluster on and not the other (ours
  // jumps to a stuck `rollout status`'s end, the real one is killed at 15 s; a real delete's
  // wait runs at the real pace). The one behind catches up, so later ages and controllers agree.
  const gap = ours.cluster.now() - bridged.cluster.now();
  if (gap > 0) bridged.cluster.advance(gap);
  else if (gap < 0) ours.cluster.advance(-gap);
  // The real kubectl's working directory is this run's home; ours is the console's.
  const here = (s: string) => s.replaceAll(home, '/home/learner');
  const r = {
    out: here(klog(unshiftTimes(real.out))),
    // The bridge serves no watches: client-go's warning about a watch that ended at once is
    // the bridge's, never the cluster's.
    err: verboseLog(
      here(klog(unshiftTimes(real.err))).replace(
        /^W0000 00:00:00\.000000 1 reflector\.go:\d+\] .*very short watch.*\n/gm,
        '',
      ),
    ),
    code: real.code,
  };
  const o = { out: klog(mine.out), err: verboseLog(klog(mine.err)), code: mine.code };
  if (r.out === o.out && r.err === o.err && r.code === o.code) {
    same++;
    // ORACLE_SHOW_ALL=1: identical lines listed too, with what both printed (to read orders).
    if (process.env.ORACLE_SHOW_ALL)
      report += `\n=== ${cmd}\n(identical)\n--- out:\n${r.out}\n--- err:\n${r.err}\n--- code: ${r.code}\n`;
    continue;
  }
  if (spaces(r.out) === spaces(o.out) && spaces(r.err) === spaces(o.err) && r.code === o.code) {
    same++;
    wrapOnly++;
    // Outside help texts, spacing is no wrapping: list it (a table's column widths).
    if (!/(^|\s)(--help|-h)(\s|$)/.test(cmd)) {
      report += `\n=== ${cmd}\n(whitespace only)\n`;
      for (const k of ['out', 'err'] as const) {
        if (r[k] !== o[k])
          report += `--- real ${k}:\n${JSON.stringify(r[k])}\n--- ours ${k}:\n${JSON.stringify(o[k])}\n`;
      }
    }
    continue;
  }
  if (agesOnly(r.out, o.out) && agesOnly(r.err, o.err) && r.code === o.code) {
    // Counted apart, listed without the texts: the brief's ±1 s artifact.
    agesOnlyCount++;
    report += `\n=== ${cmd}\n(ages a second apart only)\n`;
    continue;
  }
  report += `\n=== ${cmd}\n(requests: ${requests.join(' | ')})\n`;
  for (const k of ['out', 'err', 'code'] as const) {
    if (r[k] !== o[k]) report += `--- real ${k}:\n${r[k]}\n--- ours ${k}:\n${o[k]}\n`;
  }
}
writeFileSync(reportFile, report);
console.log(
  `${same}/${cmds.length} identical (${wrapOnly} of them only by line wrapping); ${agesOnlyCount} more differ only by ages a second apart; differences in ${reportFile}`,
);
server.close();
rmSync(home, { recursive: true, force: true });
