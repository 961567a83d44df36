/**
 * kubeconfig users' credentials (`config set-credentials`) and the identity the API server
 * derives from them: kubeadm's admin.conf user is kubernetes-admin; a client certificate the
 * cluster CA signed (an approved CSR's) is its CN with its O's as groups; other certificates
 * and every bearer token are refused (401); a user without credentials is anonymous. Before
 * any request, client-go's ConfirmUsable reads the certificate and key files: missing ones
 * end the command with `error: …` (one) or the `Error in configuration:` lines (several).
 */
import { certificateUser, pemDecode } from '../engine/apiserver/certificates.ts';
import { forbiddenMessage, type UserInfo } from '../engine/apiserver/rbac.ts';
import { configurationInvalid } from './clientConfig.ts';
import type { KubectlHost } from './host.ts';
import { adminClientCertificatePem, type Kubeconfig } from './kubeconfig.ts';

/** A user entry's credentials (clientcmdapi.AuthInfo, the fields the console supports). */
export interface KubeAuthInfo {
  name: string;
  clientCertificate?: string;
  clientKey?: string;
  /** PEM text (the `-data` fields hold its base64 in the file). */
  clientCertificateData?: string;
  clientKeyData?: string;
  token?: string;
  /** Basic auth (`set-credentials --username/--password`): sent, and taken by no authenticator. */
  username?: string;
  password?: string;
  /** `--auth-provider` and its `key=value` arguments (pairs, not an object keyed by input). */
  authProvider?: { name: string; config: [string, string][] };
  /** `--exec-*`: a credential plugin. */
  exec?: KubeExec;
}

/** clientcmdapi.ExecConfig as set-credentials writes it. */
export interface KubeExec {
  command: string;
  apiVersion: string;
  args: string[] | null;
  env: { name: string; value: string }[] | null;
  interactiveMode: string;
  provideClusterInfo: boolean;
}

/** The console's home directory: where the shell starts. */
const HOME = '/home/learner';

/** filepath.Abs of a path given on the command line, from the shell's working directory `cwd`. */
export function absolutePath(path: string, cwd = HOME): string {
  const raw = path.startsWith('/')
    ? path
    : path === '~' || path.startsWith('~/')
      ? `${HOME}${path.slice(1)}`
      : `${cwd}/${path}`;
  const parts: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return `/${parts.join('/')}`;
}

/** A console file's text by its path. */
export function readConsoleFile(host: KubectlHost, path: string): string | undefined {
  return host.fs.read(path);
}

/** Writes a console file by its path. */
export function writeConsoleFile(host: KubectlHost, path: string, text: string): void {
  host.fs.write(path, text);
}

export function authInfo(cfg: Kubeconfig, name: string): KubeAuthInfo | undefined {
  return cfg.auth?.find((a) => a.name === name);
}

/** The user entry the command uses: `--user`, else its context's. */
export function selectedUserName(cfg: Kubeconfig, contextFlag: string, userFlag: string): string {
  if (userFlag) return userFlag;
  const name = contextFlag || cfg.currentContext;
  return cfg.contexts.find((c) => c.name === name)?.user ?? '';
}

export type Identity =
  | { kind: 'admin' }
  | { kind: 'user'; user: UserInfo }
  | { kind: 'error'; stderr: string; stdout?: string; prompted?: boolean };

/**
 * ClientConfig over TLS when the user entry cannot identify anyone (no username, certificate,
 * token, auth provider or exec plugin): kubectl's interactive loader asks for a username on
 * stdout and reads stdin, which the console never feeds.
 */
const PROMPTED: Identity = {
  kind: 'error',
  stdout: 'Please enter Username: ',
  stderr: 'error: EOF\n',
  prompted: true,
};

/**
 * The prompt given a word on stdin (`<<< bob`): Fscan reads the username, then the password
 * is read only from a terminal, which stdin is not then.
 */
export const PROMPTED_PIPED = {
  stdout: 'Please enter Username: Please enter Password: ',
  stderr: 'error: error reading input for Password\n',
};

/** The global --token, --username and --password flags (clientcmd's overrides of the user). */
export interface CredentialFlags {
  token?: string;
  username?: string;
  password?: string;
}

/** The selected context's cluster talks TLS (the prompt is only tried then). */
function tlsCluster(cfg: Kubeconfig, contextFlag: string): boolean {
  const context = cfg.contexts.find((c) => c.name === (contextFlag || cfg.currentContext));
  const cluster = cfg.clusters.find((c) => c.name === context?.cluster);
  return cluster?.server.startsWith('https://') ?? false;
}

const ANONYMOUS: UserInfo = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

const UNAUTHORIZED = 'error: You must be logged in to the server (Unauthorized)\n';

/**
 * Who the API server sees for the selected user. kubernetes-admin (admin.conf's embedded
 * certificate, which set-credentials did not replace) is the admin.
 */
export function kubeconfigIdentity(
  host: KubectlHost,
  contextFlag: string,
  userFlag: string,
  flags: CredentialFlags = {},
): Identity {
  const cfg = host.kubeconfig;
  const name = selectedUserName(cfg, contextFlag, userFlag);
  // The flags override the entry's fields (an empty flag overrides nothing).
  const overrides: Partial<KubeAuthInfo> = {
    ...(flags.token ? { token: flags.token } : {}),
    ...(flags.username ? { username: flags.username } : {}),
    ...(flags.password ? { password: flags.password } : {}),
  };
  const entry = authInfo(cfg, name);
  const overridden = Object.keys(overrides).length > 0;
  const anonymous = (): Identity =>
    tlsCluster(cfg, contextFlag) ? PROMPTED : { kind: 'user', user: ANONYMOUS };
  if (!entry && name === 'kubernetes-admin' && cfg.users.includes(name)) {
    // admin.conf's certificate identifies the admin whatever else is sent, but a token and basic
    // auth together are refused first.
    if (overrides.token && (overrides.username || overrides.password))
      return {
        kind: 'error',
        stderr: `error: more than one authentication method found for ${name}; found [token basicAuth], only one is allowed\n`,
      };
    return { kind: 'admin' };
  }
  const info = entry || overridden ? { ...(entry ?? { name }), ...overrides } : undefined;
  if (!info) return anonymous();
  // ConfirmUsable's validateAuthInfo: a certificate needs a key, the files must be readable,
  // one authentication method at most.
  const problems: string[] = [];
  if (
    (info.clientCertificate || info.clientCertificateData !== undefined) &&
    !info.clientKey &&
    info.clientKeyData === undefined
  )
    problems.push(
      `client-key-data or client-key must be specified for ${name} to use the clientCert authentication method.`,
    );
  let cert = info.clientCertificateData;
  if (cert === undefined && info.clientCertificate) {
    cert = readConsoleFile(host, info.clientCertificate);
    if (cert === undefined)
      problems.push(
        `unable to read client-cert ${info.clientCertificate} for ${name} due to open ${info.clientCertificate}: no such file or directory`,
      );
  }
  let key = info.clientKeyData;
  // (The key file is read only for a certificate's sake.)
  if (key === undefined && info.clientKey && (cert !== undefined || info.clientCertificate)) {
    key = readConsoleFile(host, info.clientKey);
    if (key === undefined)
      problems.push(
        `unable to read client-key ${info.clientKey} for ${name} due to open ${info.clientKey}: no such file or directory`,
      );
  }
  const exec = info.exec;
  if (exec) {
    if (info.authProvider)
      problems.push(
        `authProvider cannot be provided in combination with an exec plugin for ${name}`,
      );
    if (!exec.command)
      problems.push(`command must be specified for ${name} to use exec authentication plugin`);
    if (!exec.apiVersion)
      problems.push(`apiVersion must be specified for ${name} to use exec authentication plugin`);
    for (const e of exec.env ?? [])
      if (!e.name)
        problems.push(
          `env variable name must be specified for ${name} to use exec authentication plugin`,
        );
    if (exec.interactiveMode === '')
      problems.push(
        `interactiveMode must be specified for ${name} to use exec authentication plugin`,
      );
    else if (!['Never', 'IfAvailable', 'Always'].includes(exec.interactiveMode))
      problems.push(`invalid interactiveMode for ${name}: ${JSON.stringify(exec.interactiveMode)}`);
  }
  const methods = [
    ...(info.token ? ['token'] : []),
    ...(info.username || info.password ? ['basicAuth'] : []),
  ];
  if (methods.length > 1)
    problems.push(
      `more than one authentication method found for ${name}; found [${methods.join(' ')}], only one is allowed`,
    );
  if (problems.length > 0) return { kind: 'error', stderr: configurationInvalid(problems) };
  if (cert !== undefined && cert === adminClientCertificatePem()) return { kind: 'admin' };
  if (cert !== undefined) {
    // crypto/tls X509KeyPair, as client-go builds the transport.
    if (!pemDecode(cert))
      return {
        kind: 'error',
        stderr: 'error: tls: failed to find any PEM data in certificate input\n',
      };
    if (key === undefined || !pemDecode(key))
      return { kind: 'error', stderr: 'error: tls: failed to find any PEM data in key input\n' };
    const user = certificateUser(cert, host.nowEpochMs());
    return user ? { kind: 'user', user } : { kind: 'error', stderr: UNAUTHORIZED };
  }
  // No service-account token issuer in the console: every bearer token is unknown.
  if (info.token) return { kind: 'error', stderr: UNAUTHORIZED };
  // Credential plugins and auth providers would run programs or talk to identity providers
  // the simulated cluster does not have.
  if (exec)
    return {
      kind: 'error',
      stderr: `error: the exec credential plugin "${exec.command}" is not available in this simulated cluster\n`,
    };
  if (info.authProvider)
    return {
      kind: 'error',
      stderr: `error: the auth provider "${info.authProvider.name}" is not available in this simulated cluster\n`,
    };
  // Basic auth is sent, and no authenticator takes it.
  if (info.username) return { kind: 'user', user: ANONYMOUS };
  return anonymous();
}

/**
 * The impersonation filter's check for a kubeconfig user (not the admin) that sends `--as` and
 * `--as-group`: it needs `impersonate` on the user (a service account: on serviceaccounts in
 * its namespace) and on each group. The Forbidden line when refused.
 */
export function impersonationRefused(
  host: KubectlHost,
  base: UserInfo,
  as: string,
  groups: readonly string[],
): string | undefined {
  if (!host.authorize || as === '') return undefined;
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(as);
  const checks: { resource: string; name: string; namespace?: string }[] = [
    sa
      ? { resource: 'serviceaccounts', name: sa[2] as string, namespace: sa[1] as string }
      : { resource: 'users', name: as },
    ...groups.map((g) => ({ resource: 'groups', name: g })),
  ];
  for (const c of checks) {
    const a = {
      verb: 'impersonate',
      resource: c.resource,
      apiGroup: '',
      name: c.name,
      ...(c.namespace ? { namespace: c.namespace } : {}),
    };
    const d = host.authorize(base, a);
    if (!d.allowed)
      return `Error from server (Forbidden): ${c.resource} "${c.name}" is forbidden: ${forbiddenMessage(base, a, d.reason)}\n`;
  }
  return undefined;
}
