/** `kubectl config …`: contexts over the in-memory kubeconfig (§9 texts). */
import type { Ctx } from '../context.ts';
import { goTemplateText, printGoTemplate } from '../goTemplateOutput.ts';
import { type Kubeconfig, kubeconfigView } from '../kubeconfig.ts';
import { absolutePath, type KubeAuthInfo, readConsoleFile } from '../kubeconfigAuth.ts';
import { GENERIC_FORMATS, outputFormat, outputTemplate, printJsonPath } from '../output.ts';
import { toGoYaml } from '../printers/goyaml.ts';
import { toGoJson } from '../printers/json.ts';
import { sortedDeep } from '../printers/structOrder.ts';
import { printTable } from '../printers/table.ts';
import { authEntry } from './configSet.ts';

export type ConfigVerb =
  | 'current-context'
  | 'get-contexts'
  | 'get-clusters'
  | 'get-users'
  | 'set-context'
  | 'use-context'
  | 'set-cluster'
  | 'set-credentials'
  | 'rename-context'
  | 'delete-context'
  | 'view';

export function runConfig(ctx: Ctx, verb: ConfigVerb, args: string[]): void {
  const cfg = ctx.host.kubeconfig;
  switch (verb) {
    case 'current-context':
      if (!cfg.currentContext) ctx.fail('current-context is not set');
      ctx.out(`${cfg.currentContext}\n`);
      return;
    case 'get-contexts': {
      const out = ctx.str('output');
      // get-contexts has only its table and -o name.
      if (out !== '' && out !== 'name')
        ctx.fail(
          `--output ${out} is not available in kubectl config get-contexts; resetting to default output format`,
        );
      const sorted = [...cfg.contexts].sort((a, b) =>
        a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
      );
      const wanted = args.length > 0 ? sorted.filter((c) => args.includes(c.name)) : sorted;
      const missing = args.filter((a) => !cfg.contexts.some((c) => c.name === a));
      if (out === 'name') {
        for (const c of wanted) ctx.out(`${c.name}\n`);
      } else {
        const rows = wanted.map((c) => [
          c.name === cfg.currentContext ? '*' : '',
          c.name,
          c.cluster,
          c.user,
          c.namespace,
        ]);
        const header = 'CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE';
        // get-contexts prints its header even when no row matches.
        if (rows.length === 0 && !ctx.bool('no-headers')) {
          ctx.out(
            `${
              printTable({ columns: header.split('\t'), rows: [['', '', '', '', '']] }).split(
                '\n',
              )[0]
            }\n`,
          );
        } else {
          ctx.out(
            printTable(
              { columns: header.split('\t'), rows },
              { noHeaders: ctx.bool('no-headers') },
            ),
          );
        }
      }
      if (missing.length > 0) ctx.fail(`context ${missing[0]} not found`);
      return;
    }
    case 'get-clusters':
      ctx.out(`NAME\n${cfg.clusters.map((c) => `${c.name}\n`).join('')}`);
      return;
    case 'get-users':
      // get-users sorts the names (get-clusters prints them in Go's map order).
      ctx.out(
        `NAME\n${[...cfg.users]
          .sort()
          .map((u) => `${u}\n`)
          .join('')}`,
      );
      return;
    case 'set-context': {
      // complete(): helpErrorf, the command's help on stdout, then the error.
      if (args.length > 1) {
        ctx.out(ctx.helpText());
        ctx.fail(`Unexpected args: [${args.join(' ')}]`);
      }
      let name = args[0];
      if (ctx.bool('current')) {
        if (args.length > 0) ctx.fail('you cannot specify both a context name and --current');
        if (!cfg.currentContext) ctx.fail('no current context is set');
        name = cfg.currentContext;
      }
      if (name === undefined || name === '') {
        ctx.fail('you must specify a non-empty context name or --current');
      }
      let existing = cfg.contexts.find((c) => c.name === name);
      const created = existing === undefined;
      if (!existing) {
        existing = { name, cluster: '', user: '', namespace: '' };
        cfg.contexts.push(existing);
      }
      if (ctx.changed('cluster')) existing.cluster = ctx.str('cluster');
      if (ctx.changed('user')) existing.user = ctx.str('user');
      if (ctx.changed('namespace')) existing.namespace = ctx.str('namespace');
      ctx.out(`Context "${name}" ${created ? 'created' : 'modified'}.\n`);
      return;
    }
    case 'set-cluster': {
      // complete(): helpErrorf, the command's help on stdout, then the error.
      if (args.length !== 1) {
        ctx.out(ctx.helpText());
        ctx.fail(`Unexpected args: [${args.join(' ')}]`);
      }
      setCluster(ctx, cfg, args[0] as string);
      ctx.out(`Cluster "${args[0]}" set.\n`);
      return;
    }
    case 'set-credentials': {
      const name = args[0];
      if (args.length !== 1 || name === undefined) {
        ctx.out(ctx.helpText());
        ctx.fail(`unexpected args: [${args.join(' ')}]`);
      }
      setCredentials(ctx, cfg, name);
      ctx.out(`User "${name}" set.\n`);
      return;
    }
    case 'use-context': {
      const name = args[0];
      if (args.length !== 1 || name === undefined) {
        ctx.out(ctx.helpText());
        ctx.fail(`Unexpected args: [${args.join(' ')}]`);
      }
      if (!cfg.contexts.some((c) => c.name === name)) {
        ctx.fail(`no context exists with the name: "${name}"`);
      }
      cfg.currentContext = name;
      ctx.out(`Switched to context "${name}".\n`);
      return;
    }
    case 'rename-context': {
      const [from, to] = args;
      if (args.length !== 2 || from === undefined || to === undefined) {
        ctx.out(ctx.helpText());
        ctx.fail(`Unexpected args: [${args.join(' ')}]`);
      }
      const c = cfg.contexts.find((x) => x.name === from);
      if (!c) ctx.fail(`cannot rename the context "${from}", it's not in ${cfg.path}`);
      if (cfg.contexts.some((x) => x.name === to)) {
        ctx.fail(
          `cannot rename the context "${from}", the context "${to}" already exists in ${cfg.path}`,
        );
      }
      c.name = to;
      if (cfg.currentContext === from) cfg.currentContext = to;
      ctx.out(`Context "${from}" renamed to "${to}".\n`);
      return;
    }
    case 'delete-context': {
      const name = args[0];
      // Other than one name: its help, exit 0.
      if (args.length !== 1 || name === undefined) {
        ctx.out(ctx.helpText());
        return;
      }
      const i = cfg.contexts.findIndex((x) => x.name === name);
      if (i < 0) ctx.fail(`cannot delete context ${name}, not in ${cfg.path}`);
      if (cfg.currentContext === name) {
        ctx.err(
          'warning: this removed your active context, use "kubectl config use-context" to select a different one\n',
        );
      }
      cfg.contexts.splice(i, 1);
      ctx.out(`deleted context ${name} from ${cfg.path}\n`);
      return;
    }
    case 'view': {
      // --merge (default true) =false reads one file only: it must be named.
      if (ctx.changed('merge') && !ctx.bool('merge') && ctx.str('kubeconfig') === '')
        ctx.fail('if merge==false a precise file must be specified');
      const shown = ctx.bool('minify') ? minified(ctx, cfg) : cfg;
      const view = kubeconfigView(
        ctx.bool('flatten') ? flattened(ctx, shown) : shown,
        ctx.bool('minify'),
        ctx.bool('raw') || ctx.bool('flatten'),
      );
      // PrintFlags as `get` has them, without wide. The JSON printer writes the v1.Config
      // struct in field order; jsonpath and templates walk it as JSON maps, keys sorted; the
      // name printer finds no name in a Config (NamePrinter's "<unknown>").
      const format = outputFormat(ctx, false);
      if (format === 'json') ctx.out(toGoJson(view, { sortKeys: false }));
      else if (format === 'name') ctx.out('config/<unknown>\n');
      else if (format === 'jsonpath') printJsonPath(ctx, outputTemplate(ctx), sortedDeep(view));
      else if (format === 'go-template')
        printGoTemplate(ctx, goTemplateText(ctx, GENERIC_FORMATS), sortedDeep(view));
      else ctx.out(toGoYaml(view));
      return;
    }
  }
}

/**
 * clientcmdapi.MinifyConfig's checks for `view --minify` (the `--context` flag names the
 * context to keep, and becomes the current-context): the config to print.
 */
function minified(ctx: Ctx, cfg: Kubeconfig): Kubeconfig {
  const name = ctx.str('context') || cfg.currentContext;
  if (name === '') ctx.fail('current-context must exist in order to minify');
  const context = cfg.contexts.find((c) => c.name === name);
  if (!context) ctx.fail(`cannot locate context ${name}`);
  if (context.cluster !== '' && !cfg.clusters.some((c) => c.name === context.cluster))
    ctx.fail(`cannot locate cluster ${context.cluster}`);
  if (context.user !== '' && !cfg.users.includes(context.user))
    ctx.fail(`cannot locate user ${context.user}`);
  return { ...cfg, currentContext: name };
}

/**
 * set-credentials: the certificate and key paths (made absolute), or with --embed-certs their
 * contents; a token. Only the fields given change.
 */
/** cmdutil.ParsePairs: `key=value` pairs to set and `key-` names to remove. */
function parsePairs(ctx: Ctx, flag: string): { set: [string, string][]; remove: string[] } {
  const set: [string, string][] = [];
  const remove: string[] = [];
  const invalid: string[] = [];
  for (const arg of ctx.list(flag)) {
    const eq = arg.indexOf('=');
    if (eq > 0) set.push([arg.slice(0, eq), arg.slice(eq + 1)]);
    else if (arg.endsWith('-') && arg !== '-') remove.push(arg.slice(0, -1));
    else invalid.push(arg);
  }
  if (invalid.length > 0) {
    // complete(): the command's help, then the error.
    ctx.out(ctx.helpText());
    ctx.fail(`invalid ${flag} format: ${invalid.join(', ')}`);
  }
  return { set, remove };
}

/** The pairs with `set` written over them (in place) or after them, and `remove` taken out. */
function mergedPairs(
  old: [string, string][],
  pairs: { set: [string, string][]; remove: string[] },
): [string, string][] {
  const out: [string, string][] = old
    .filter(([k]) => !pairs.remove.includes(k))
    .map(([k, v]) => [k, v]);
  for (const [k, v] of pairs.set) {
    const at = out.find(([n]) => n === k);
    if (at) at[1] = v;
    else out.push([k, v]);
  }
  return out;
}

/**
 * modifyAuthInfo's auth provider (a new name starts an empty config; arguments set and remove
 * keys) and exec plugin (a new command resets the arguments; the other --exec-* flags apply only
 * when a plugin exists).
 */
function setPlugins(
  ctx: Ctx,
  info: KubeAuthInfo,
  providerArgs: ReturnType<typeof parsePairs>,
  env: ReturnType<typeof parsePairs>,
): void {
  if (ctx.changed('auth-provider')) {
    const name = ctx.str('auth-provider');
    if (info.authProvider?.name !== name) info.authProvider = { name, config: [] };
  }
  if (info.authProvider)
    info.authProvider.config = mergedPairs(info.authProvider.config, providerArgs);
  if (ctx.changed('exec-command')) {
    if (!info.exec)
      info.exec = {
        command: ctx.str('exec-command'),
        apiVersion: '',
        args: null,
        env: null,
        interactiveMode: '',
        provideClusterInfo: false,
      };
    else {
      info.exec.command = ctx.str('exec-command');
      info.exec.args = null;
    }
  }
  const exec = info.exec;
  if (!exec) return;
  if (ctx.changed('exec-api-version')) exec.apiVersion = ctx.str('exec-api-version');
  if (ctx.changed('exec-arg')) exec.args = ctx.list('exec-arg');
  if (ctx.changed('exec-interactive-mode')) exec.interactiveMode = ctx.str('exec-interactive-mode');
  if (env.set.length > 0 || env.remove.length > 0) {
    const pairs = mergedPairs(
      (exec.env ?? []).map((e) => [e.name, e.value]),
      env,
    );
    exec.env = pairs.map(([name, value]) => ({ name, value }));
  }
  if (ctx.changed('exec-provide-cluster-info'))
    exec.provideClusterInfo = ctx.bool('exec-provide-cluster-info');
}

function setCredentials(ctx: Ctx, cfg: Kubeconfig, name: string): void {
  const cert = ctx.str('client-certificate');
  const key = ctx.str('client-key');
  const embed = ctx.bool('embed-certs');
  const providerArgs = parsePairs(ctx, 'auth-provider-arg');
  const env = parsePairs(ctx, 'exec-env');
  const mode = ctx.str('exec-interactive-mode');
  if (ctx.changed('exec-interactive-mode') && !['IfAvailable', 'Never', 'Always'].includes(mode))
    ctx.fail('invalid interactive mode type, can be only IfAvailable, Never, Always');
  const methods: string[] = [];
  if (ctx.str('token') !== '') methods.push('--token');
  if (ctx.str('username') !== '' || ctx.str('password') !== '')
    methods.push('--username/--password');
  if (methods.length > 1)
    ctx.fail(
      `you cannot specify more than one authentication method at the same time: ${methods.join(', ')}`,
    );
  if (embed) {
    if (cert === '' && key === '')
      ctx.fail('you must specify a --client-certificate or --client-key to embed');
    for (const [flag, path] of [
      ['client-certificate', cert],
      ['client-key', key],
    ] as const) {
      if (
        path !== '' &&
        readConsoleFile(ctx.host, absolutePath(path, ctx.host.fs.workingDir())) === undefined
      )
        ctx.fail(`could not stat ${flag} file ${path}: stat ${path}: no such file or directory`);
    }
  }
  // (admin.conf's user keeps its embedded certificate: only the flags given change. A new
  // user, in any file, starts empty.)
  const info = authEntry(cfg, name);
  if (!cfg.users.includes(name)) cfg.users.push(name);
  if (ctx.changed('client-certificate')) {
    if (embed) {
      info.clientCertificateData = readConsoleFile(
        ctx.host,
        absolutePath(cert, ctx.host.fs.workingDir()),
      );
      delete info.clientCertificate;
    } else {
      info.clientCertificate = cert === '' ? '' : absolutePath(cert, ctx.host.fs.workingDir());
      delete info.clientCertificateData;
    }
  }
  if (ctx.changed('client-key')) {
    if (embed) {
      info.clientKeyData = readConsoleFile(ctx.host, absolutePath(key, ctx.host.fs.workingDir()));
      delete info.clientKey;
    } else {
      info.clientKey = key === '' ? '' : absolutePath(key, ctx.host.fs.workingDir());
      delete info.clientKeyData;
    }
  }
  let setToken = false;
  let setBasic = false;
  if (ctx.changed('token')) {
    info.token = ctx.str('token');
    setToken = info.token !== '';
  }
  if (ctx.changed('username')) {
    info.username = ctx.str('username');
    setBasic = info.username !== '';
  }
  if (ctx.changed('password')) {
    info.password = ctx.str('password');
    setBasic ||= info.password !== '';
  }
  setPlugins(ctx, info, providerArgs, env);
  // One kind of credentials replaces the other.
  if (setToken && !setBasic) {
    delete info.username;
    delete info.password;
  }
  if (setBasic && !setToken) delete info.token;
}

/**
 * set-cluster's validate and modifyCluster: the flags given change the entry (insecure mode
 * always: its tristate flag defaults to false), a server clears the TLS server name, insecure
 * mode clears the certificate authority, a certificate authority (a path made absolute, or with
 * --embed-certs the file's data) clears insecure mode and the other form.
 */
function setCluster(ctx: Ctx, cfg: Kubeconfig, name: string): void {
  if (name === '') ctx.fail('you must specify a non-empty cluster name');
  const caPath = ctx.str('certificate-authority');
  if (ctx.bool('insecure-skip-tls-verify') && caPath !== '')
    ctx.fail('you cannot specify a certificate authority and insecure mode at the same time');
  let caText: string | undefined;
  if (ctx.bool('embed-certs')) {
    if (caPath === '') ctx.fail('you must specify a --certificate-authority to embed');
    caText = readConsoleFile(ctx.host, absolutePath(caPath, ctx.host.fs.workingDir()));
    if (caText === undefined)
      ctx.fail(
        `could not stat certificate-authority file ${caPath}: stat ${caPath}: no such file or directory`,
      );
  }
  let c = cfg.clusters.find((x) => x.name === name);
  if (!c) {
    c = { name, server: '', caData: null };
    cfg.clusters.push(c);
  }
  if (ctx.changed('server')) {
    c.server = ctx.str('server');
    // A new server overrides the file's TLS server name (unless one is given too).
    delete c.tlsServerName;
  }
  if (ctx.changed('tls-server-name')) c.tlsServerName = ctx.str('tls-server-name');
  // The flag is a tristate defaulted to false, so always "provided": insecure mode is whatever
  // this command line says.
  c.insecureSkipTlsVerify = ctx.bool('insecure-skip-tls-verify');
  if (c.insecureSkipTlsVerify) {
    delete c.certificateAuthority;
    c.caData = null;
  }
  if (ctx.changed('certificate-authority')) {
    if (caText !== undefined) {
      c.caData = btoa(caText);
      c.insecureSkipTlsVerify = false;
      delete c.certificateAuthority;
    } else {
      c.certificateAuthority = caPath === '' ? '' : absolutePath(caPath, ctx.host.fs.workingDir());
      if (caPath !== '') {
        c.insecureSkipTlsVerify = false;
        c.caData = null;
      }
    }
  }
  if (ctx.changed('proxy-url')) c.proxyUrl = ctx.str('proxy-url');
}

/**
 * clientcmdapi.FlattenConfig for `view --flatten`: the files a cluster's certificate-authority
 * and a user's client-certificate and client-key name are read into their -data fields.
 */
function flattened(ctx: Ctx, cfg: Kubeconfig): Kubeconfig {
  const read = (path: string): string => {
    const abs = absolutePath(path, ctx.host.fs.workingDir());
    const text = readConsoleFile(ctx.host, abs);
    if (text === undefined) ctx.fail(`open ${abs}: no such file or directory`);
    return text;
  };
  const clusters = cfg.clusters.map((c) => {
    if (!c.certificateAuthority) return c;
    const { certificateAuthority, ...rest } = c;
    return { ...rest, caData: btoa(read(certificateAuthority)) };
  });
  const auth = cfg.auth?.map((a) => {
    const out: KubeAuthInfo = { ...a };
    if (a.clientCertificate) {
      out.clientCertificateData = read(a.clientCertificate);
      delete out.clientCertificate;
    }
    if (a.clientKey) {
      out.clientKeyData = read(a.clientKey);
      delete out.clientKey;
    }
    return out;
  });
  return { ...cfg, clusters, ...(auth ? { auth } : {}) };
}
