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
 * - `--offline`: no server at all (client-side checks: flag and argument errors, help, dry runs).
 *
 * This is a tool, not a test: CI has no kubectl. The known deliberate differences are the help
 * texts' line wrapping (ours wraps at the console's width, a real kubectl writing to a pipe does
 * not; the report counts those apart) and klog's time and pid.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RESOURCES, type ResourceDef } from '../src/engine/apiserver/resources.ts';
import { SCALABLE, scaleOf } from '../src/engine/apiserver/scale.ts';
import { epochMs } from '../src/engine/util/clock.ts';
import { engineSession } from '../src/kubectl/testing/engineSession.ts';

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
const api = bridged.cluster.client('kubectl');

/** Real epoch ms minus virtual epoch ms, set before each real run. */
let offsetMs = 0;
const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?Z$/;
function shiftTimes(v: unknown): unknown {
  if (typeof v === 'string') {
    const m = TIMESTAMP.exec(v);
    if (!m) return v;
    const iso = new Date(Date.parse(v) + offsetMs).toISOString();
    return m[2]
      ? iso.replace(/\.\d{3}Z$/, `${m[2].slice(0, 7).padEnd(7, '0')}Z`)
      : iso.replace(/\.\d{3}Z$/, 'Z');
  }
  if (Array.isArray(v)) return v.map(shiftTimes);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shiftTimes(x)]));
  return v;
}
/** Real-clock dates in the real kubectl's output back to virtual ones. */
function unshiftTimes(s: string): string {
  return s
    .replace(/\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d \w{3} \d{4} \d\d:\d\d:\d\d [+-]\d{4}/g, (d) =>
      new Date(Date.parse(d) - offsetMs)
        .toUTCString()
        .replace('GMT', '+0000')
        .replace(/^(\w+), (\d) /, '$1, 0$2 '),
    )
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, (d, frac: string | undefined) => {
      const iso = new Date(Date.parse(d) - offsetMs).toISOString();
      return frac ? iso.replace(/\.\d{3}Z$/, `${frac}Z`) : iso.replace(/\.\d{3}Z$/, 'Z');
    });
}

const byGroupVersion = new Map<string, ResourceDef[]>();
for (const r of Object.values(RESOURCES)) {
  const list = byGroupVersion.get(r.apiVersion) ?? [];
  list.push(r);
  byGroupVersion.set(r.apiVersion, list);
}
const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

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

function discovery(path: string): unknown {
  if (path === '/api')
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '172.18.0.2:6443' }],
    };
  if (path === '/apis') {
    const groups = new Map<string, string[]>();
    for (const gv of byGroupVersion.keys()) {
      const [g, v] = gv.split('/');
      if (!g || !v) continue;
      groups.set(g, [...(groups.get(g) ?? []), v]);
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
  return undefined;
}

function resourceList(gv: string) {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: gv,
    resources: (byGroupVersion.get(gv) ?? []).flatMap((r) => [
      {
        name: r.resource,
        singularName: r.kind.toLowerCase(),
        namespaced: r.namespaced,
        kind: r.kind,
        verbs: VERBS,
        ...(r.shortNames.length > 0 ? { shortNames: r.shortNames } : {}),
      },
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
    ]),
  };
}

const requests: string[] = [];
function serve(req: IncomingMessage, res: ServerResponse, body: string): unknown {
  const send = (code: number, obj: unknown) => {
    res.writeHead(code, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(shiftTimes(obj)));
  };
  const url = new URL(req.url ?? '/', 'http://bridge');
  requests.push(`${req.method} ${url.pathname}${url.search}`);
  const found = discovery(url.pathname);
  if (found) return send(200, found);
  if (url.searchParams.get('watch') === 'true') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end();
    return;
  }
  const p = url.pathname.split('/').filter(Boolean);
  const [gv, rest] =
    p[0] === 'api' && p[1]
      ? [p[1], p.slice(2)]
      : p[0] === 'apis' && p[2]
        ? [`${p[1]}/${p[2]}`, p.slice(3)]
        : [undefined, []];
  if (gv === undefined)
    return send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
  if (rest.length === 0) return send(200, resourceList(gv));
  let ns: string | undefined;
  let path = rest;
  if (path[0] === 'namespaces' && path.length >= 3) {
    ns = path[1];
    path = path.slice(2);
  }
  const [plural, name, sub] = path;
  const r = (byGroupVersion.get(gv) ?? []).find((x) => x.resource === plural);
  if (!r)
    return send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
  const q = url.searchParams;
  const answer = (x: { ok: boolean; value?: unknown; status?: { code?: number } }, okCode = 200) =>
    x.ok ? send(okCode, x.value) : send(x.status?.code ?? 500, x.status);
  if (body.startsWith('k8s\u0000'))
    return send(415, status(415, 'UnsupportedMediaType', 'the bridge reads JSON bodies only'));
  const parsed = body ? JSON.parse(body) : undefined;
  const opts: Record<string, unknown> = q.get('dryRun') ? { dryRun: true } : {};
  if (q.get('fieldValidation')) opts.fieldValidation = q.get('fieldValidation');
  if (sub === 'status' || sub === 'scale') opts.subresource = sub;
  switch (req.method) {
    case 'GET':
      if (name && sub === 'scale') {
        // The scale subresource: the engine's own Scale of the workload, as the API server's.
        if (!SCALABLE.has(r.resource))
          return send(
            404,
            status(404, 'NotFound', 'the server could not find the requested resource'),
          );
        const got = api.get(r.resource, ns, name);
        return got.ok ? send(200, scaleOf(got.value)) : answer(got);
      }
      if (name) return answer(api.get(r.resource, ns, name));
      return answer(
        api.list(r.resource, ns, {
          ...(q.get('labelSelector') ? { labelSelector: q.get('labelSelector') as string } : {}),
          ...(q.get('fieldSelector') ? { fieldSelector: q.get('fieldSelector') as string } : {}),
        }),
      );
    case 'POST':
      if (!name) return answer(api.create(r.resource, ns, parsed, opts), 201);
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
      return answer(api.patch(r.resource, ns, name, parsed, opts));
    }
    case 'DELETE':
      if (!name) break;
      return answer(
        api.delete(r.resource, ns, name, {
          ...opts,
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
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    try {
      serve(req, res, body);
    } catch (e) {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(status(500, 'InternalError', `bridge: ${String(e)}`)));
    }
  });
});
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
// One home per run: two oracles at once must not write each other's kubeconfig (the real kubectl
// of one would talk to the other's bridge).
const home = `${process.env.TMPDIR ?? '/tmp'}/kubectl-oracle-home-${process.pid}`;
mkdirSync(`${home}/.kube`, { recursive: true });
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
      ['-c', line.replace(/^kubectl\b/, JSON.stringify(kubectl))],
      {
        cwd: home,
        env: {
          PATH: process.env.PATH,
          HOME: home,
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
      err += '[oracle: killed after 10 s]\n';
      child.kill('SIGKILL');
    }, 10_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ out, err, code });
    });
  });
}

const klog = (s: string) =>
  s.replace(/^([EWIF])\d{4} [\d:.]+ +\d+ /gm, '$10000 00:00:00.000000 1 ');
const spaces = (s: string) => s.replace(/\s+/g, ' ');
let report = '';
let same = 0;
let wrapOnly = 0;
const cmds = lines(cmdFile);
for (const line of cmds) {
  // Start the real run when the real clock's milliseconds match the virtual clock's.
  const virtualNow = epochMs(ours.cluster.now());
  const want = ((((virtualNow % 1000) - 30) % 1000) + 1000) % 1000;
  // Offline, nothing comes from the cluster: no clock to line up, no dates to shift.
  while (!offline && Math.abs((Date.now() % 1000) - want) > 5)
    await new Promise((r) => setTimeout(r, 1));
  offsetMs = offline ? 0 : Math.round((Date.now() - virtualNow) / 1000) * 1000;
  requests.length = 0;
  const real = await runReal(line);
  bridged.host.settle();
  const mine = ours.run(line);
  const r = {
    out: klog(unshiftTimes(real.out)),
    err: klog(unshiftTimes(real.err)),
    code: real.code,
  };
  const o = { out: klog(mine.out), err: klog(mine.err), code: mine.code };
  if (r.out === o.out && r.err === o.err && r.code === o.code) {
    same++;
    continue;
  }
  if (spaces(r.out) === spaces(o.out) && spaces(r.err) === spaces(o.err) && r.code === o.code) {
    same++;
    wrapOnly++;
    continue;
  }
  report += `\n=== ${line}\n(requests: ${requests.join(' | ')})\n`;
  for (const k of ['out', 'err', 'code'] as const) {
    if (r[k] !== o[k]) report += `--- real ${k}:\n${r[k]}\n--- ours ${k}:\n${o[k]}\n`;
  }
}
writeFileSync(reportFile, report);
console.log(
  `${same}/${cmds.length} identical (${wrapOnly} of them only by line wrapping); differences in ${reportFile}`,
);
server.close();
