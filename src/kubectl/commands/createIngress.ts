/**
 * `kubectl create ingress NAME --rule=host/path=svc:port[,tls[=secret]] [--class=…]
 * [--default-backend=svc:port] [--annotation=k=v]` (1.32's create_ingress.go): one IngressRule
 * per host, each --rule adding one path, Exact unless the path ends in `*` (then Prefix, the `*`
 * dropped); a `tls` suffix puts the host into the TLS entry of its secret.
 */
import type { KubeObject } from '../../engine/api/types.ts';
import type { Ctx } from '../context.ts';
import { oneName, submitCreated } from './create.ts';

/**
 * host (letters, digits, `_`, `*`, `-`, `.`), a path starting with `/`, `=service:port`, then
 * an optional `,tls` or `,tls=secret`.
 */
const RULE =
  /^(?<host>[\w*\-.]*)(?<path>\/.*)=(?<svcname>[\w-]+):(?<svcport>[\w-]+)(,(?<istls>tls)=?(?<secretname>[\w-]+)?)?$/;

type Obj = Record<string, unknown>;

/** parsePort: a number when it reads as one (strconv.Atoi), else a port name. */
function parsePort(port: string): Obj {
  return /^[+-]?[0-9]+$/.test(port) ? { number: Number(port) } : { name: port };
}

/** buildIngressBackendSvc: `name:port`. */
function backendOf(service: string): Obj {
  const [name = '', port = ''] = service.split(':');
  return { service: { name, port: parsePort(port) } };
}

/** buildHTTPIngressPath: the part after the host's `/`. */
function pathOf(pathsvc: string): Obj {
  const [p = '', svc = ''] = pathsvc.split('=');
  let path = `/${p}`;
  let pathType = 'Exact';
  if (path.endsWith('*')) {
    pathType = 'Prefix';
    path = path.slice(0, -1);
  }
  // Go struct order (what -o json shows): path, pathType, backend.
  return { path, pathType, backend: backendOf(svc) };
}

/** buildIngressRules: one rule per host; a later --rule for a host already seen adds its path. */
function rulesOf(rules: string[]): Obj[] {
  const out: { host: string; paths: Obj[] }[] = [];
  for (const rule of rules) {
    const noTls = rule.split(',')[0] ?? '';
    const slash = noTls.indexOf('/');
    const host = noTls.slice(0, slash);
    const path = pathOf(noTls.slice(slash + 1));
    const existing = out.find((r) => r.host === host);
    if (existing) existing.paths.push(path);
    else out.push({ host, paths: [path] });
  }
  return out.map((r) => ({ ...(r.host !== '' ? { host: r.host } : {}), http: { paths: r.paths } }));
}

/**
 * buildTLSRules: for each --rule with `,tls[=secret]` (the secret is reset per rule), a host
 * not yet seen joins the entry that already has that secret (also the secret-less one), else
 * starts a new entry; an entry with neither host nor secret is dropped.
 */
function tlsOf(rules: string[]): Obj[] {
  const seen = new Set<string>();
  const out: { hosts: string[]; secretName: string }[] = [];
  for (const rule of rules) {
    const parts = rule.split(',');
    if (parts.length !== 2) continue;
    const host = rule.split('/')[0] ?? '';
    const kv = (parts[1] ?? '').split('=');
    const secret = kv.length > 1 ? (kv[1] ?? '') : '';
    if (seen.has(host)) continue;
    seen.add(host);
    const same = out.find((t) => t.secretName === secret);
    if (same) {
      same.hosts.push(host);
      continue;
    }
    if (host === '' && secret === '') continue;
    out.push({ hosts: host !== '' ? [host] : [], secretName: secret });
  }
  return out.map((t) => ({
    ...(t.hosts.length > 0 ? { hosts: t.hosts } : {}),
    ...(t.secretName !== '' ? { secretName: t.secretName } : {}),
  }));
}

export function runCreateIngress(ctx: Ctx, args: string[]): void {
  const name = oneName(ctx, args);
  const rules = ctx.list('rule');
  const annotations = ctx.list('annotation');
  const defaultBackend = ctx.str('default-backend');
  const ingressClass = ctx.str('class');
  // Validate.
  if (defaultBackend === '' && rules.length === 0)
    ctx.fail(
      'not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)',
    );
  for (const rule of rules)
    if (!RULE.test(rule))
      ctx.fail(
        `rule ${rule} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`,
      );
  for (const a of annotations)
    if (!a.includes('='))
      ctx.fail(`annotation ${a} is invalid and should be in format key=[value]`);
  if (defaultBackend !== '' && defaultBackend.split(':').length !== 2)
    ctx.fail('default-backend should be in format servicename:serviceport');
  const annotationMap: Record<string, string> = {};
  for (const a of annotations) {
    const i = a.indexOf('=');
    annotationMap[a.slice(0, i)] = a.slice(i + 1);
  }
  const tls = tlsOf(rules);
  const ingressRules = rulesOf(rules);
  const spec: Obj = {
    ...(ingressClass !== '' ? { ingressClassName: ingressClass } : {}),
    ...(defaultBackend !== '' ? { defaultBackend: backendOf(defaultBackend) } : {}),
    ...(tls.length > 0 ? { tls } : {}),
    ...(ingressRules.length > 0 ? { rules: ingressRules } : {}),
  };
  const obj: KubeObject = {
    kind: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
    metadata: {
      name,
      ...(ctx.explicitNamespace ? { namespace: ctx.namespace } : {}),
      creationTimestamp: null as unknown as string,
      ...(annotations.length > 0 ? { annotations: annotationMap } : {}),
    },
    spec,
    status: { loadBalancer: {} },
  };
  submitCreated(ctx, obj, ctx.namespace, 'failed to create ingress: ');
}
