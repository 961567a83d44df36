/**
 * kubeconfig contexts as a kubeadm cluster sets them up: one cluster `kubernetes`, one user
 * `kubernetes-admin`, context `kubernetes-admin@kubernetes` selected, no namespace (so
 * `default`). Stored in arrays, never as objects keyed by user input.
 */

import { clusterCaCertificate } from '../engine/bootstrap/namespaceContent.ts';
import { hex64 } from '../engine/registry/digest.ts';
import { createRng } from '../engine/util/rng.ts';
import type { KubeAuthInfo } from './kubeconfigAuth.ts';

export interface KubeContext {
  name: string;
  cluster: string;
  user: string;
  namespace: string;
}

export interface KubeCluster {
  name: string;
  server: string;
  /**
   * A kubeconfig file's certificate-authority-data (base64), or null when the file has none.
   * Absent: the cluster CA's (kubeadm's admin.conf).
   */
  caData?: string | null;
  /** Written by `config set-cluster` (clientcmdapi.Cluster's other fields the console keeps). */
  tlsServerName?: string;
  insecureSkipTlsVerify?: boolean;
  /** certificate-authority: a file's path. */
  certificateAuthority?: string;
  proxyUrl?: string;
}

export interface Kubeconfig {
  currentContext: string;
  contexts: KubeContext[];
  clusters: KubeCluster[];
  users: string[];
  /** Credentials of the users `config set-credentials` wrote (admin.conf's user has none here). */
  auth?: KubeAuthInfo[];
  /** Shown by `config delete-context`. */
  path: string;
  /** preferences.colors (`config set preferences.colors true`). */
  colors?: boolean;
}

export function createKubeconfig(server = 'https://172.18.0.2:6443'): Kubeconfig {
  return {
    currentContext: 'kubernetes-admin@kubernetes',
    contexts: [
      {
        name: 'kubernetes-admin@kubernetes',
        cluster: 'kubernetes',
        user: 'kubernetes-admin',
        namespace: '',
      },
    ],
    clusters: [{ name: 'kubernetes', server }],
    users: ['kubernetes-admin'],
    path: '/home/learner/.kube/config',
  };
}

export function currentContext(cfg: Kubeconfig): KubeContext | undefined {
  return cfg.contexts.find((c) => c.name === cfg.currentContext);
}

/** The namespace every command defaults to: the current context's, else `default`. */
export function defaultNamespace(cfg: Kubeconfig): string {
  return currentContext(cfg)?.namespace || 'default';
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * A PEM block of fixed noise shaped like kubeadm's (`head` starts the DER, `length` base64
 * characters in 64-column lines): the admin's client certificate and key, which nothing verifies.
 */
function noisePem(label: string, head: string, length: number, seed: number): string {
  const rng = createRng(seed);
  let body = head;
  while (body.length < length) body += B64[rng.int(64)];
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += 64) lines.push(body.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** The credentials of admin.conf as `--raw` prints them: base64 of the PEM files. */
/** admin.conf's client certificate (PEM): what identifies kubernetes-admin. */
export function adminClientCertificatePem(): string {
  return atob(rawData().cert);
}

/** admin.conf's client key (PEM). */
export function adminClientKeyPem(): string {
  return atob(rawData().key);
}

function rawData(): { ca: string; cert: string; key: string } {
  return {
    ca: btoa(clusterCaCertificate()),
    cert: btoa(noisePem('CERTIFICATE', 'MIIDKTCCAhGgAwIBAgII', 1508, 0x61646d6e)),
    key: btoa(noisePem('RSA PRIVATE KEY', 'MIIEowIBAAKCAQEA', 1592, 0x6b657920)),
  };
}

let adminCredentialId: string | undefined;

/**
 * The credential id the 1.32 API server gives a request authenticated by an X.509 client
 * certificate (`X509SHA256=` and the sha256 of its DER): here a stand-in derived from the
 * admin.conf certificate's data.
 */
export function adminCertificateCredentialId(): string {
  adminCredentialId ??= `X509SHA256=${hex64(rawData().cert)}`;
  return adminCredentialId;
}

/**
 * `kubectl config view` as an object (go-yaml sorts the keys when printed). Certificate and key
 * data are shortened to DATA+OMITTED unless `raw` (`--raw` or `--flatten`).
 */
export function kubeconfigView(
  cfg: Kubeconfig,
  minify = false,
  raw = false,
): Record<string, unknown> {
  const data = raw ? rawData() : { ca: 'DATA+OMITTED', cert: 'DATA+OMITTED', key: 'DATA+OMITTED' };
  const cur = currentContext(cfg);
  const contexts = minify && cur ? [cur] : cfg.contexts;
  const clusterNames = new Set(contexts.map((c) => c.cluster));
  const userNames = new Set(contexts.map((c) => c.user));
  const clusters = minify ? cfg.clusters.filter((c) => clusterNames.has(c.name)) : cfg.clusters;
  const users = minify ? cfg.users.filter((u) => userNames.has(u)) : cfg.users;
  // clientcmd's v1.Config in its Go field order: the JSON printer and jsonpath keep it,
  // go-yaml sorts the keys.
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: cfg.colors ? { colors: true } : {},
    clusters: orNull(
      [...clusters]
        .sort((a, b) => (a.name < b.name ? -1 : 1))
        .map((c) => ({
          name: c.name,
          cluster: clusterFields(c, (ca) => (raw ? ca : 'DATA+OMITTED'), data.ca),
        })),
    ),
    users: orNull(
      [...users].sort().map((u) => {
        const info = cfg.auth?.find((a) => a.name === u);
        return {
          name: u,
          user: info
            ? authInfoView(info, raw)
            : { 'client-certificate-data': data.cert, 'client-key-data': data.key },
        };
      }),
    ),
    contexts: orNull(
      [...contexts]
        .sort((a, b) => (a.name < b.name ? -1 : 1))
        .map((c) => ({
          name: c.name,
          context: {
            cluster: c.cluster,
            user: c.user,
            ...(c.namespace ? { namespace: c.namespace } : {}),
          },
        })),
    ),
    'current-context': cfg.currentContext,
  };
}

/** An empty list as the v1 conversion leaves it: nil (`null`). */
export function orNull<T>(list: T[]): T[] | null {
  return list.length > 0 ? list : null;
}

/**
 * A cluster entry's fields in clientcmdapi v1.Cluster's order, empty ones omitted; `shown` gives
 * certificate-authority-data's text from its base64 (`fallback`: the cluster CA's, when the
 * entry does not say; undefined: none).
 */
export function clusterFields(
  c: KubeCluster,
  shown: (base64: string) => string,
  fallback: string | undefined,
): Record<string, unknown> {
  const v: Record<string, unknown> = { server: c.server };
  if (c.tlsServerName) v['tls-server-name'] = c.tlsServerName;
  if (c.insecureSkipTlsVerify) v['insecure-skip-tls-verify'] = true;
  if (c.certificateAuthority) v['certificate-authority'] = c.certificateAuthority;
  if (typeof c.caData === 'string') v['certificate-authority-data'] = shown(c.caData);
  else if (c.caData === undefined && fallback !== undefined)
    v['certificate-authority-data'] = fallback;
  if (c.proxyUrl) v['proxy-url'] = c.proxyUrl;
  return v;
}

/**
 * A user entry's fields in clientcmdapi v1.AuthInfo's order; `hide` (config view without --raw)
 * shows data as DATA+OMITTED and secrets as REDACTED, else data is base64 as in the file.
 */
export function authInfoFields(a: KubeAuthInfo, hide: boolean): Record<string, unknown> {
  const v: Record<string, unknown> = {};
  if (a.clientCertificate) v['client-certificate'] = a.clientCertificate;
  if (a.clientCertificateData !== undefined)
    v['client-certificate-data'] = hide ? 'DATA+OMITTED' : btoa(a.clientCertificateData);
  if (a.clientKey) v['client-key'] = a.clientKey;
  if (a.clientKeyData !== undefined)
    v['client-key-data'] = hide ? 'DATA+OMITTED' : btoa(a.clientKeyData);
  if (a.token) v.token = hide ? 'REDACTED' : a.token;
  if (a.username) v.username = a.username;
  if (a.password) v.password = hide ? 'REDACTED' : a.password;
  if (a.authProvider) {
    // A map keyed by the user's words: no prototype for them to reach.
    const config: Record<string, string> = Object.create(null);
    for (const [k, val] of a.authProvider.config) config[k] = val;
    v['auth-provider'] = { name: a.authProvider.name, config };
  }
  if (a.exec) {
    const e = a.exec;
    v.exec = {
      command: e.command,
      args: e.args,
      env: e.env,
      apiVersion: e.apiVersion,
      provideClusterInfo: e.provideClusterInfo,
      ...(e.interactiveMode ? { interactiveMode: e.interactiveMode } : {}),
    };
  }
  return v;
}

/** A set-credentials user as `config view` prints it: paths as given, data and secrets hidden. */
function authInfoView(a: KubeAuthInfo, raw: boolean): Record<string, unknown> {
  return authInfoFields(a, !raw);
}
