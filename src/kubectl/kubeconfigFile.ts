/**
 * Kubeconfig files in the console's filesystem (audit 15 F22): `--kubeconfig FILE`, else an
 * exported `KUBECONFIG=FILE`, selects the file a command loads (clusters, users, contexts,
 * current-context) instead of the built-in ~/.kube/config; what `config` commands change is
 * written back to that file. A context whose cluster is not the simulated one cannot be
 * reached (dial i/o timeout).
 */
import type { KubectlHost } from './host.ts';
import {
  authInfoFields,
  clusterFields,
  type KubeCluster,
  type KubeContext,
  type Kubeconfig,
  kubeconfigView,
  orNull,
} from './kubeconfig.ts';
import { absolutePath, type KubeAuthInfo, readConsoleFile } from './kubeconfigAuth.ts';
import { decodeKubeconfig } from './kubeconfigDecode.ts';
import { toGoYaml } from './printers/goyaml.ts';
import type { Workspace } from './workspace.ts';

/** Where kubectl reads its config when nothing says otherwise. */
export const DEFAULT_KUBECONFIG = '/home/learner/.kube/config';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const named = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

const decodeData = (v: unknown): string | undefined => {
  if (typeof v !== 'string') return undefined;
  try {
    return atob(v.replace(/\s+/g, ''));
  } catch {
    return undefined;
  }
};

/** clientcmd's Load of a file's text (YAML or JSON); an error text when it does not parse. */
export function parseKubeconfig(text: string, path: string): Kubeconfig | string {
  const decoded = decodeKubeconfig(text);
  if ('error' in decoded) return `error loading config file "${path}": ${decoded.error}`;
  const doc = decoded.doc;
  const clusters: KubeCluster[] = named(doc.clusters).map((c) => {
    const cl = isObj(c.cluster) ? c.cluster : {};
    const ca = cl['certificate-authority-data'];
    const cluster: KubeCluster = {
      name: str(c.name),
      server: str(cl.server),
      caData: typeof ca === 'string' ? ca : null,
    };
    if (typeof cl['tls-server-name'] === 'string') cluster.tlsServerName = cl['tls-server-name'];
    if (cl['insecure-skip-tls-verify'] === true) cluster.insecureSkipTlsVerify = true;
    if (typeof cl['certificate-authority'] === 'string')
      cluster.certificateAuthority = cl['certificate-authority'];
    if (typeof cl['proxy-url'] === 'string') cluster.proxyUrl = cl['proxy-url'];
    return cluster;
  });
  const contexts: KubeContext[] = named(doc.contexts).map((c) => {
    const cx = isObj(c.context) ? c.context : {};
    return {
      name: str(c.name),
      cluster: str(cx.cluster),
      user: str(cx.user),
      namespace: str(cx.namespace),
    };
  });
  const auth: KubeAuthInfo[] = named(doc.users).map((u) => {
    const us = isObj(u.user) ? u.user : {};
    const info: KubeAuthInfo = { name: str(u.name) };
    if (typeof us['client-certificate'] === 'string')
      info.clientCertificate = us['client-certificate'];
    if (typeof us['client-key'] === 'string') info.clientKey = us['client-key'];
    const certData = decodeData(us['client-certificate-data']);
    if (certData !== undefined) info.clientCertificateData = certData;
    const keyData = decodeData(us['client-key-data']);
    if (keyData !== undefined) info.clientKeyData = keyData;
    if (typeof us.token === 'string') info.token = us.token;
    const provider = us['auth-provider'];
    if (isObj(provider)) {
      const config = isObj(provider.config) ? provider.config : {};
      info.authProvider = {
        name: str(provider.name),
        config: Object.keys(config)
          .sort()
          .map((k) => [k, str(config[k])]),
      };
    }
    const exec = us.exec;
    if (isObj(exec))
      info.exec = {
        command: str(exec.command),
        apiVersion: str(exec.apiVersion),
        args: Array.isArray(exec.args) ? exec.args.map(str) : null,
        env: Array.isArray(exec.env)
          ? exec.env.filter(isObj).map((e) => ({ name: str(e.name), value: str(e.value) }))
          : null,
        interactiveMode: str(exec.interactiveMode),
        provideClusterInfo: exec.provideClusterInfo === true,
      };
    if (typeof us.username === 'string') info.username = us.username;
    if (typeof us.password === 'string') info.password = us.password;
    return info;
  });
  const preferences = isObj(doc.preferences) ? doc.preferences : {};
  return {
    ...(preferences.colors === true ? { colors: true } : {}),
    currentContext: str(doc['current-context']),
    clusters,
    contexts,
    users: auth.map((a) => a.name),
    auth,
    path,
  };
}

/** The file as clientcmd writes it back (keys sorted, data base64). */
export function serializeKubeconfig(cfg: Kubeconfig): string {
  const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : 1);
  return toGoYaml({
    apiVersion: 'v1',
    clusters: orNull(
      [...cfg.clusters].sort(byName).map((c) => ({
        cluster: clusterFields(c, (ca) => ca, undefined),
        name: c.name,
      })),
    ),
    contexts: orNull(
      [...cfg.contexts].sort(byName).map((c) => ({
        context: {
          cluster: c.cluster,
          ...(c.namespace ? { namespace: c.namespace } : {}),
          user: c.user,
        },
        name: c.name,
      })),
    ),
    'current-context': cfg.currentContext,
    kind: 'Config',
    preferences: cfg.colors ? { colors: true } : {},
    users: orNull(
      [...cfg.users].sort().map((name) => {
        const a = cfg.auth?.find((x) => x.name === name);
        return { name, user: a ? authInfoFields(a, false) : {} };
      }),
    ),
  });
}

/** The kubeconfig a command uses: the built-in one, a file's, or the loader's error. */
export type Selected =
  | { kind: 'builtin' }
  | { kind: 'file'; path: string; config: Kubeconfig }
  | { kind: 'error'; stderr: string };

/** A config with nothing in it, named `path` (as given: kubectl's messages say it so). */
function emptyConfig(path: string): Kubeconfig {
  return { currentContext: '', clusters: [], contexts: [], users: [], auth: [], path };
}

/**
 * clientcmd's loading rules: `--kubeconfig` (a missing file is an error, except to `kubectl
 * config`, whose PathOptions start from an empty config and create the file when they write),
 * else each file `$KUBECONFIG` lists (missing ones skipped; the first that exists is used here),
 * else the default file. Errors name the file as given.
 */
export function selectKubeconfig(
  host: KubectlHost,
  flagPath: string,
  envPath: string | undefined,
  configCommand = false,
): Selected {
  if (flagPath) {
    const abs = absolutePath(flagPath, host.fs.workingDir());
    if (abs === DEFAULT_KUBECONFIG && !host.fs.isOwned(abs)) return { kind: 'builtin' };
    const text = readConsoleFile(host, abs);
    if (text === undefined && configCommand)
      return { kind: 'file', path: abs, config: emptyConfig(flagPath) };
    if (text === undefined)
      return { kind: 'error', stderr: `error: stat ${flagPath}: no such file or directory\n` };
    const cfg = parseKubeconfig(text, flagPath);
    if (typeof cfg === 'string') return { kind: 'error', stderr: `error: ${cfg}\n` };
    return abs === DEFAULT_KUBECONFIG
      ? defaultFile(host)
      : { kind: 'file', path: abs, config: cfg };
  }
  if (envPath === undefined || envPath === '') return defaultFile(host);
  const paths = envPath.split(':').filter((p) => p !== '');
  // clientcmd loads every file the list names (a missing one skipped) and stops on their
  // errors, all of them: one is `error: …`, several are a line each.
  const errors: string[] = [];
  let chosen: Selected | undefined;
  for (const p of paths) {
    const abs = absolutePath(p, host.fs.workingDir());
    if (abs === DEFAULT_KUBECONFIG && !host.fs.isOwned(abs)) {
      chosen ??= { kind: 'builtin' };
      continue;
    }
    const text = readConsoleFile(host, abs);
    if (text === undefined) continue;
    const cfg = parseKubeconfig(text, p);
    if (typeof cfg === 'string') errors.push(cfg);
    else
      chosen ??=
        abs === DEFAULT_KUBECONFIG ? defaultFile(host) : { kind: 'file', path: abs, config: cfg };
  }
  if (errors.length === 1) return { kind: 'error', stderr: `error: ${errors[0]}\n` };
  if (errors.length > 1) return { kind: 'error', stderr: errors.map((e) => `${e}\n`).join('') };
  if (chosen) return chosen;
  // None exists: an empty config (written to the last file when a command sets something).
  const last = absolutePath(paths[paths.length - 1] ?? DEFAULT_KUBECONFIG, host.fs.workingDir());
  return { kind: 'file', path: last, config: emptyConfig(paths[paths.length - 1] ?? last) };
}

/**
 * The default file, ~/.kube/config. Where it is a file of the console (the lab's,
 * `ownKubeconfigFile`), kubectl loads what the file says now: the console's config, made what
 * the file says (`refreshKubeconfig`), or the loader's error when it does not parse. When the
 * file is gone the config is empty: every request goes to localhost:8080, as kubectl's defaults
 * say, and a `config` command that sets something writes the file anew. Elsewhere it is the
 * built-in config.
 */
function defaultFile(host: KubectlHost): Selected {
  if (!host.fs.isOwned(DEFAULT_KUBECONFIG)) return { kind: 'builtin' };
  const error = refreshKubeconfig(host.fs, host.kubeconfig);
  return error === undefined ? { kind: 'builtin' } : { kind: 'error', stderr: `error: ${error}\n` };
}

/** The file ~/.kube/config holds for `cfg`: clientcmd's v1.Config, data and all (`config view --raw`). */
function kubeconfigFileText(cfg: Kubeconfig): string {
  return toGoYaml(kubeconfigView(cfg, false, true));
}

/** Per console config, the file text it was last made from or written as. */
const fileTextOf = new WeakMap<Kubeconfig, { text: string | undefined; error?: string }>();

/**
 * Make the console's config `cfg` what its file, ~/.kube/config of `fs`, says now (nothing to
 * do when the file has not changed since): the file's config, or an empty one when the file is
 * gone. A file that does not parse leaves `cfg` as it was; its loader's error is returned.
 */
export function refreshKubeconfig(fs: Workspace, cfg: Kubeconfig): string | undefined {
  const text = fs.read(DEFAULT_KUBECONFIG);
  const last = fileTextOf.get(cfg);
  if (last && last.text === text) return last.error;
  const next =
    text === undefined
      ? emptyConfig(DEFAULT_KUBECONFIG)
      : parseKubeconfig(text, DEFAULT_KUBECONFIG);
  if (typeof next === 'string') {
    fileTextOf.set(cfg, { text, error: next });
    return next;
  }
  const kept = cfg as unknown as Record<string, unknown>;
  for (const k of Object.keys(kept)) delete kept[k];
  Object.assign(cfg, next, { path: DEFAULT_KUBECONFIG });
  fileTextOf.set(cfg, { text });
  return undefined;
}

/** Write ~/.kube/config of `fs` from the console's config `cfg` (a `kubectl config` change). */
export function writeKubeconfigFile(fs: Workspace, cfg: Kubeconfig): void {
  const text = kubeconfigFileText(cfg);
  fs.writeAsOwner(DEFAULT_KUBECONFIG, text);
  fileTextOf.set(cfg, { text });
}

/**
 * Make ~/.kube/config of `fs` the console's config `cfg` kept as a file, as on a kubeadm machine
 * where admin.conf was copied there: `kubectl config` commands rewrite it, and what the learner
 * writes to it (or removing it) is what kubectl loads next. `create`: write it from `cfg` now
 * (a new lab); else `cfg` becomes what the file already there says (a lab restored from storage).
 */
export function ownKubeconfigFile(fs: Workspace, cfg: Kubeconfig, create: boolean): void {
  fs.own(DEFAULT_KUBECONFIG);
  if (create) writeKubeconfigFile(fs, cfg);
  else refreshKubeconfig(fs, cfg);
}

/** `https://10.0.0.1:6443` → `10.0.0.1:6443` (the scheme's port when none is given). */
export function hostPort(server: string): string {
  const m = /^(https?):\/\/([^/]+)/.exec(server);
  if (!m) return server;
  const authority = m[2] ?? '';
  return /:\d+$/.test(authority) ? authority : `${authority}:${m[1] === 'https' ? 443 : 80}`;
}

/**
 * The selected context's server when it is not the simulated cluster's (`known`): nothing
 * answers there, so every connection times out.
 */
export function foreignServer(
  cfg: Kubeconfig,
  contextFlag: string,
  known: readonly string[],
  clusterFlag = '',
): string | undefined {
  const name = contextFlag || cfg.currentContext;
  const context = cfg.contexts.find((c) => c.name === name);
  const cluster = cfg.clusters.find((c) => c.name === (clusterFlag || context?.cluster));
  if (!cluster || cluster.server === '') return undefined;
  const hp = hostPort(cluster.server);
  return known.some((k) => hostPort(k) === hp) ? undefined : cluster.server;
}
