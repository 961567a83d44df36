/**
 * The kubectl command tree (cobra's role): finds the subcommand, parses its flags with pflag
 * rules, and reports unknown commands and bad flags with cobra's texts.
 */

import { CONTROL_PLANE } from '../engine/bootstrap/bootstrap.ts';
import { clientConfigProblem } from './clientConfig.ts';
import { CLIENT_VERSION, KUSTOMIZE_VERSION } from './commands/misc.ts';
import { COMMANDS, type Command, GLOBAL_FLAGS, ROOT_COMMAND_NAMES } from './commands/registry.ts';
import { Ctx } from './context.ts';
import { goDurationString } from './duration.ts';
import { ExitError } from './errors.ts';
import { type FlagDef, FlagError, parseFlags, parseGoDuration, takesValue } from './flags.ts';
import { type FlagHelp, flagsUsages, HELP_WRAP_LIMIT, wrapString } from './helpFormat.ts';
import {
  COMMAND_HELP,
  EXTRA_ROOT_COMMANDS,
  GLOBAL_FLAG_HELP,
  ROOT_GROUPS,
  ROOT_LONG,
} from './helpText.ts';
import type { KubectlHost, RunResult } from './host.ts';
import { withImpersonation } from './impersonation.ts';
import { createKubeconfig, type Kubeconfig } from './kubeconfig.ts';
import {
  type Identity,
  impersonationRefused,
  kubeconfigIdentity,
  PROMPTED_PIPED,
  writeConsoleFile,
} from './kubeconfigAuth.ts';
import {
  DEFAULT_KUBECONFIG,
  foreignServer,
  hostPort,
  selectKubeconfig,
  serializeKubeconfig,
  writeKubeconfigFile,
} from './kubeconfigFile.ts';
import { takeStdin } from './stdin.ts';
import { awaitStorage } from './storageTimeout.ts';
import { loggedClient, RequestLog, readsDiscovery, verbosity } from './verboseLog.ts';

/** Levenshtein distance, case-insensitive like cobra's `ld(s, t, true)`. */
export function levenshtein(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = [];
  for (let i = 0; i <= s.length; i++) d.push([i]);
  for (let j = 1; j <= t.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      row[j] = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
    }
  }
  return (d[s.length] as number[])[t.length] as number;
}

/** cobra's SuggestionsFor: distance ≤ 2 or a prefix, in command order. */
export function suggestionsFor(typed: string, names: readonly string[]): string[] {
  return names.filter(
    (n) => levenshtein(typed, n) <= 2 || n.toLowerCase().startsWith(typed.toLowerCase()),
  );
}

function allFlags(cmd: Command): FlagDef[] {
  return [...(cmd.flags ?? []), ...GLOBAL_FLAGS];
}

/**
 * The kubeconfig as clientcmd merges `--server` into it: the selected cluster (`--cluster`, else
 * the context's; one without a name when the context has none) answers at that server.
 */
function withServer(
  cfg: Kubeconfig,
  contextFlag: string,
  clusterFlag: string,
  server: string,
): Kubeconfig {
  const context = cfg.contexts.find((c) => c.name === (contextFlag || cfg.currentContext));
  const name = clusterFlag || context?.cluster || '';
  const clusters = cfg.clusters.some((c) => c.name === name)
    ? cfg.clusters.map((c) => (c.name === name ? { ...c, server } : c))
    : [...cfg.clusters, { name, server, caData: null }];
  return { ...cfg, clusters };
}

/**
 * The laptop's DNS resolver as Go's resolver names it in a failed lookup: systemd-resolved's stub
 * on a typical Linux laptop (the real message names whatever /etc/resolv.conf says).
 */
const LAPTOP_RESOLVER = '127.0.0.53:53';

/**
 * rest.DefaultServerURL: a server without a scheme gets https:// when the cluster has TLS
 * settings (a CA, or insecure-skip-tls-verify), else http://.
 */
function serverUrl(cfg: Kubeconfig, server: string, contextFlag: string, clusterFlag: string) {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(server)) return server;
  const context = cfg.contexts.find((c) => c.name === (contextFlag || cfg.currentContext));
  const cluster = cfg.clusters.find((c) => c.name === (clusterFlag || context?.cluster));
  const tls =
    cluster !== undefined &&
    (cluster.caData !== null || !!cluster.certificateAuthority || !!cluster.insecureSkipTlsVerify);
  return `${tls ? 'https' : 'http'}://${server}`;
}

/** clientcmd.ParseTimeout: whole seconds (not negative), else a Go duration. */
function validRequestTimeout(v: string): boolean {
  if (/^[+-]?\d+$/.test(v) && Number(v) >= 0) return true;
  return typeof parseGoDuration(v) === 'number';
}

/**
 * cobra's stripFlags, finding the command: a flag without `=` takes the next word as its value
 * unless it is known to need none (a bool); an unknown `--name` or `-x` takes it too
 * (`kubectl --foo get pods` looks for the command `pods`).
 */
function stripTakesValue(token: string, defs: FlagDef[]): boolean {
  if (token.includes('=')) return false;
  const known = token.startsWith('--')
    ? defs.some((d) => d.name === token.slice(2))
    : token.length === 2 && defs.some((d) => d.short === token[1]);
  if (!known) return token.startsWith('--') || token.length === 2;
  return takesValue(token, defs);
}

function findChild(cmd: Command, name: string): Command | undefined {
  return cmd.children?.find((c) => c.name === name || (c.aliases ?? []).includes(name));
}

/** Runs `kubectl <args>` (args without the leading `kubectl`). */
export function runKubectl(
  host: KubectlHost,
  args: string[],
  env: { KUBECONFIG?: string } = {},
): RunResult {
  // Find the command path, skipping flags (and their values) as cobra's stripFlags does.
  let cmd: Command = { name: '', children: COMMANDS };
  const path: string[] = [];
  const rest: string[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') break;
    if (a.startsWith('-') && a.length > 1) {
      rest.push(a);
      if (stripTakesValue(a, allFlags(cmd)) && i + 1 < args.length) rest.push(args[++i] as string);
      continue;
    }
    const child = cmd.children ? findChild(cmd, a) : undefined;
    if (child) {
      cmd = child;
      path.push(child.name);
      continue;
    }
    if (path.length === 0) {
      // cmd.go: a line cobra cannot find goes to the plugin handler first, which refuses flags
      // before the (plugin) name: `kubectl -n default foo`.
      const first = args[0] as string;
      if (first.startsWith('-')) {
        return {
          stdout: '',
          stderr: `Error: flags cannot be placed before plugin name: ${first}\n`,
          exitCode: 1,
        };
      }
      const sugg = suggestionsFor(a, ROOT_COMMAND_NAMES);
      let msg = `error: unknown command "${a}" for "kubectl"`;
      if (sugg.length > 0) msg += `\n\nDid you mean this?\n${sugg.map((s) => `\t${s}\n`).join('')}`;
      // cobra's error reaches util.CheckErr (cli.RunNoErrOutput prints nothing itself), which
      // adds a newline only when the message has none: no blank line after the suggestions.
      return { stdout: '', stderr: msg.endsWith('\n') ? msg : `${msg}\n`, exitCode: 1 };
    }
    break;
  }
  rest.push(...args.slice(i));
  const commandPath = ['kubectl', ...path].join(' ');
  if (path.length === 0) {
    if (rest.length === 0 || rest.includes('-h') || rest.includes('--help')) {
      return { stdout: rootHelp(), stderr: '', exitCode: 0 };
    }
    // Flags alone (`kubectl -n default`): the root's Run prints its help, once they parse.
    let flagsOnly = false;
    try {
      flagsOnly = parseFlags(rest, GLOBAL_FLAGS).positional.length === 0;
    } catch {
      // The flag error is reported below, as for any command.
    }
    if (flagsOnly) return { stdout: rootHelp(), stderr: '', exitCode: 0 };
  }
  if (path.length === 1 && path[0] === 'options') return runOptions(rest);
  if (path.length === 1 && path[0] === 'help') return runHelp(rest);
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = cmd.looseFlags
      ? parseFlags(
          rest.filter((a) => a === '-h' || a === '--help'),
          allFlags(cmd),
        )
      : parseFlags(rest, allFlags(cmd));
  } catch (e) {
    if (e instanceof FlagError) {
      // diff's FlagErrorFunc: a usage error through CheckDiffErr (exit 2, as 1 means "differs").
      if (path[0] === 'diff') {
        return {
          stdout: '',
          stderr: `error: ${e.message}\nSee '${commandPath} -h' for help and examples\n`,
          exitCode: 2,
        };
      }
      return {
        stdout: '',
        stderr: `error: ${e.message}\nSee '${commandPath} --help' for usage.\n`,
        exitCode: 1,
      };
    }
    throw e;
  }
  const flagStr = (n: string) => {
    const v = parsed.values.get(n);
    return typeof v === 'string' ? v : '';
  };
  // The kubeconfig file the command loads (--kubeconfig, $KUBECONFIG), if not the built-in one.
  // Commands that never build a client config load no file: `version --client`, completion,
  // options, plugin, kustomize, alpha (a broken or missing file does not stop them).
  const loadsNoConfig =
    ['completion', 'options', 'plugin', 'kustomize', 'alpha'].includes(path[0] ?? '') ||
    (path[0] === 'version' && parsed.values.get('client') === true);
  const selected =
    parsed.help || loadsNoConfig
      ? ({ kind: 'builtin' } as const)
      : selectKubeconfig(host, flagStr('kubeconfig'), env.KUBECONFIG, path[0] === 'config');
  if (selected.kind === 'error') return { stdout: '', stderr: selected.stderr, exitCode: 1 };
  // The simulated API server answers whichever kubeconfig names it (a node's admin.conf too).
  const known = [
    ...host.kubeconfig.clusters.map((c) => c.server),
    ...createKubeconfig().clusters.map((c) => c.server),
  ];
  const fileLoaded = selected.kind === 'file' ? { ...host, kubeconfig: selected.config } : host;
  // The global --server overrides the selected cluster's server (config commands have their own
  // --server: set-cluster's).
  const serverFlag = path[0] === 'config' ? '' : flagStr('server');
  const loaded =
    serverFlag === ''
      ? fileLoaded
      : {
          ...fileLoaded,
          kubeconfig: withServer(
            fileLoaded.kubeconfig,
            flagStr('context'),
            flagStr('cluster'),
            serverFlag,
          ),
        };
  // The built-in config, where ~/.kube/config is a file of the console, is that file's text.
  const ownsFile = selected.kind === 'builtin' && host.fs.isOwned(DEFAULT_KUBECONFIG);
  const before =
    selected.kind === 'file'
      ? JSON.stringify(selected.config)
      : ownsFile
        ? JSON.stringify(host.kubeconfig)
        : '';
  let identity = kubeconfigIdentity(loaded, flagStr('context'), flagStr('user'), {
    token: flagStr('token'),
    username: flagStr('username'),
    password: flagStr('password'),
  });
  if (identity.kind === 'user') {
    const groups = parsed.values.get('as-group');
    const refused = impersonationRefused(
      loaded,
      identity.user,
      flagStr('as'),
      Array.isArray(groups) ? groups : [],
    );
    if (refused) identity = { kind: 'error', stderr: refused };
  }
  const client = withImpersonation(
    loaded,
    parsed,
    identity.kind === 'user' ? identity.user : undefined,
  );
  // -v=1 and above: klog's lines (verboseLog.ts); from 6 every request is logged.
  const level = verbosity(parsed.values.get('v'));
  const log =
    level >= 1 && !parsed.help
      ? new RequestLog(
          path[0] ?? '',
          level,
          selectedServerUrl(loaded.kubeconfig, flagStr('context'), flagStr('cluster')),
          () => host.nowEpochMs(),
          host.fs,
          requestTimeoutQuery(flagStr('request-timeout')),
        )
      : undefined;
  const ctx = new Ctx(
    log ? { ...client, api: loggedClient(client.api, log) } : client,
    parsed,
    path,
  );
  if (log) {
    // klog writes straight to stderr, even while a command holds back its own messages (the
    // rollout visitor gathers what each object says).
    log.sink = (text) => Ctx.prototype.err.call(ctx, text);
    log.typedClient = TYPED_CLIENTS.has(path[0] ?? '') || (path[0] === 'create' && path.length > 1);
    ctx.requestLog = log;
    // get, describe, label, annotate, delete, patch and set build their clients when the
    // builder first maps a type or sends a request (after their own checks); the others as
    // they start.
    log.start(
      loadsNoConfig ? undefined : selected.kind === 'file' ? selected.path : DEFAULT_KUBECONFIG,
      !loadsNoConfig &&
        talksToServer(path, ctx) &&
        !(LAZY_CLIENTS.has(path[0] ?? '') && !EAGER_SUBCOMMANDS.has(path.slice(0, 2).join(' '))) &&
        !parsed.help,
      path[0] === 'config' ? (CONFIG_LOADS[path[1] ?? ''] ?? 1) : 1,
    );
  }
  const result = runCommand(ctx, cmd, path, commandPath, parsed, identity, known);
  if (selected.kind === 'file' && JSON.stringify(selected.config) !== before) {
    // clientcmd's WriteToFile makes the file's directory first.
    host.fs.mkdir(selected.path.slice(0, selected.path.lastIndexOf('/')) || '/', true);
    writeConsoleFile(host, selected.path, serializeKubeconfig(selected.config));
  } else if (ownsFile && JSON.stringify(host.kubeconfig) !== before) {
    writeKubeconfigFile(host.fs, host.kubeconfig);
  }
  return result;
}

/** Runs the parsed command against `ctx.host` (its kubeconfig selected, its user's client). */
function runCommand(
  ctx: Ctx,
  cmd: Command,
  path: string[],
  commandPath: string,
  parsed: ReturnType<typeof parseFlags>,
  identity: Identity,
  known: readonly string[],
): RunResult {
  const host = ctx.host;
  // pflag prints these while parsing, before the command runs (`--record`).
  for (const line of parsed.deprecations) ctx.err(line);
  ctx.helpText = () => commandHelp(cmd, commandPath);
  if (parsed.help) {
    return { stdout: commandHelp(cmd, commandPath), stderr: '', exitCode: 0 };
  }
  try {
    const ctxName = ctx.str('context');
    const clusterFlag = ctx.str('cluster');
    if (cmd.run && talksToServer(path, ctx)) {
      const problem = clientConfigProblem(
        host.kubeconfig,
        {
          context: ctxName,
          cluster: clusterFlag,
          user: ctx.str('user'),
          namespace: ctx.str('namespace'),
          impersonationWithoutUser:
            ctx.str('as') === '' && (ctx.list('as-group').length > 0 || ctx.str('as-uid') !== ''),
        },
        path[0] ?? '',
      );
      if (problem !== undefined) {
        ctx.err(problem);
        throw new ExitError(1);
      }
      // ClientConfig then parses --request-timeout (clientcmd.ParseTimeout).
      const timeout = ctx.str('request-timeout');
      if (timeout !== '' && !validRequestTimeout(timeout)) {
        ctx.err(
          'error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)\n',
        );
        throw new ExitError(1);
      }
    }
    // A 401 or 403 comes from the server: after the connection.
    const unauthorized =
      identity.kind === 'error' &&
      (identity.stderr.startsWith('error: You must') || identity.stderr.startsWith('Error from'));
    if (cmd.run && talksToServer(path, ctx) && identity.kind === 'error' && !unauthorized) {
      // client-go's ConfirmUsable and transport: the credentials cannot be used at all. Or the
      // user cannot be identified and the interactive loader asks: a word piped in is the
      // username, and the password needs a terminal.
      const piped = identity.prompted ? takeStdin(host) : undefined;
      const answered = piped !== undefined && piped.trim() !== '';
      ctx.out((answered ? PROMPTED_PIPED.stdout : identity.stdout) ?? '');
      ctx.err(answered ? PROMPTED_PIPED.stderr : identity.stderr);
      throw new ExitError(1);
    }
    if (cmd.run && talksToServer(path, ctx)) {
      const foreign = foreignServer(host.kubeconfig, ctxName, known, clusterFlag);
      const version = path[0] === 'version';
      if (
        foreign !== undefined &&
        /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]):/.test(hostPort(foreign))
      ) {
        // This machine's own address: nothing listens there, the dial is refused at once
        // (localhost resolves to ::1 first).
        const hp = hostPort(foreign);
        const dialed = hp.replace(/^localhost:/, '[::1]:');
        unreachable(
          ctx,
          version,
          `${foreign.replace(/\/+$/, '')}/api?timeout=32s`,
          `dial tcp ${dialed}: connect: connection refused`,
          `The connection to the server ${hp} was refused - did you specify the right host or port?`,
        );
      }
      if (foreign !== undefined) {
        const url = serverUrl(host.kubeconfig, foreign, ctxName, clusterFlag);
        const hp = hostPort(url);
        const name = hp.replace(/:\d+$/, '');
        // A host name: this laptop's resolver knows none but localhost (no cluster name is in
        // its DNS or /etc/hosts), so the dial fails at the lookup, at once. An address: nothing
        // answers there, so discovery's attempts and the request time out.
        const why = /^(\d+\.\d+\.\d+\.\d+|\[[0-9a-fA-F:.]*\])$/.test(name)
          ? `dial tcp ${hp}: i/o timeout`
          : `dial tcp: lookup ${name} on ${LAPTOP_RESOLVER}: no such host`;
        unreachable(
          ctx,
          version,
          `${url.replace(/\/+$/, '')}/api?timeout=32s`,
          why,
          `Unable to connect to the server: ${why}`,
        );
      }
      const server = refusingServer(host, ctxName, clusterFlag);
      if (
        server !== undefined &&
        server !== 'localhost:8080' &&
        host.nodeUp?.(CONTROL_PLANE) === false
      ) {
        // The API server's machine is off: nothing answers ARP for its address, so the dial
        // fails with EHOSTUNREACH (not ECONNREFUSED) and CheckErr says it could not connect.
        const why = `dial tcp ${server}: connect: no route to host`;
        unreachable(
          ctx,
          version,
          `https://${server}/api?timeout=32s`,
          why,
          `Unable to connect to the server: ${why}`,
        );
      }
      if (server !== undefined) {
        // The first request fails and CheckErr ends the command (localhost resolves to ::1
        // first).
        const local = server === 'localhost:8080';
        unreachable(
          ctx,
          version,
          `${local ? 'http' : 'https'}://${server}/api?timeout=32s`,
          `dial tcp ${local ? '[::1]:8080' : server}: connect: connection refused`,
          `The connection to the server ${server} was refused - did you specify the right host or port?`,
        );
      }
      awaitStorage(ctx, host, path[0] ?? '', serverHostPort(host, ctxName, clusterFlag));
    }
    if (cmd.run && talksToServer(path, ctx) && identity.kind === 'error') {
      // The server does not know the credentials (401).
      ctx.err(identity.stderr);
      throw new ExitError(1);
    }
    if (!cmd.run && cmd.helpTo === 'help') {
      // A cobra command with no Run at all (`kubectl certificate`): cobra prints its help to
      // stdout, whatever the words after it, and exits 0.
      ctx.out(commandHelp(cmd, commandPath));
      return ctx.result(0);
    }
    if (!cmd.run) {
      // cmdutil.DefaultSubCommandRun: extra words are a usage error, else the help, exit 1.
      if (parsed.positional.length > 0) {
        ctx.usageError(`unknown command ${JSON.stringify(parsed.positional.join(' '))}`);
      }
      const help = commandHelp(cmd, commandPath);
      if (cmd.helpTo === 'out') ctx.out(help);
      else ctx.err(help);
      return ctx.result(1);
    }
    if (talksToServer(path, ctx)) {
      // The resource builder's RESTMapper reads discovery (from kubectl's disk cache while it is
      // fresh). Its first request builds the first REST client, which logs the feature gates.
      const discovery = usesDiscovery(path, ctx);
      if (discovery && ctx.requestLog)
        ctx.requestLog.pendingDiscovery = { fresh: discovery === 'fresh' };
      else if (discovery)
        readsDiscovery(
          host.fs,
          selectedServerUrl(host.kubeconfig, ctxName, clusterFlag),
          host.nowEpochMs(),
          discovery === 'fresh',
        );
    }
    cmd.run(ctx, parsed.positional);
  } catch (e) {
    if (!(e instanceof ExitError)) throw e;
    ctx.exitCode = e.code;
  }
  return ctx.result(ctx.exitCode);
}

/**
 * `kubectl options` prints the global flags on stdout; its help template is empty, so with
 * `-h` it prints nothing; a bad flag says to run it without flags (templater.FlagErrorFunc).
 */
function runOptions(args: string[]): RunResult {
  try {
    const parsed = parseFlags(args, GLOBAL_FLAGS);
    return { stdout: parsed.help ? '' : optionsPage(), stderr: '', exitCode: 0 };
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    return {
      stdout: '',
      stderr: `error: ${e.message}\nRun 'kubectl options' without flags.\n`,
      exitCode: 1,
    };
  }
}

/** Commands that need the API server (config, help, kustomize and `version --client` do not). */
/**
 * Whether the command maps resource types through discovery (the resource builder's
 * RESTMapper): 'fresh' when it always reads discovery anew (api-resources, api-versions).
 * `create SUBCOMMAND`, `events`, `top`, `version`, `cluster-info` and `auth` use typed clients.
 */
function usesDiscovery(path: string[], ctx: Ctx): boolean | 'fresh' {
  const first = path[0] ?? '';
  if (first === 'api-resources' || first === 'api-versions') return 'fresh';
  if (first === 'create') return path.length === 1;
  return DISCOVERING.has(first) && !(first === 'get' && ctx.str('raw') !== '');
}

const DISCOVERING = new Set([
  'annotate',
  'apply',
  'attach',
  'autoscale',
  'certificate',
  'cordon',
  'debug',
  'delete',
  'describe',
  'diff',
  'drain',
  'edit',
  'exec',
  'explain',
  'expose',
  'get',
  'label',
  'logs',
  'patch',
  'port-forward',
  'replace',
  'rollout',
  'run',
  'scale',
  'set',
  'taint',
  'uncordon',
  'wait',
]);

/** Commands that build their clients only once their own checks pass (kubectl 1.32.5). */
const LAZY_CLIENTS = new Set([
  'get',
  'describe',
  'label',
  'annotate',
  'delete',
  'patch',
  'set',
  'rollout',
  'attach',
]);

/** Subcommands of those that build a client in Complete all the same (set env's clientset). */
const EAGER_SUBCOMMANDS = new Set(['set env', 'rollout status']);

/** Commands whose builder decodes with kubectl's scheme (typed objects), not unstructured. */
const TYPED_CLIENTS = new Set([
  'attach',
  'autoscale',
  'cordon',
  'drain',
  'exec',
  'expose',
  'logs',
  'port-forward',
  'rollout',
  'run',
  'set',
  'taint',
  'uncordon',
]);

/**
 * How often a config command reads the kubeconfig (`-v=6` logs each): the ones that write it
 * read it again to modify it (kubectl 1.32.5's counts).
 */
const CONFIG_LOADS: Record<string, number> = {
  'use-context': 2,
  'set-context': 3,
  'set-cluster': 3,
  'set-credentials': 3,
  set: 3,
  unset: 3,
  'delete-context': 3,
  'delete-cluster': 3,
  'rename-context': 4,
};

/** The selected cluster's server URL, as requests name it (no trailing slash). */
function selectedServerUrl(cfg: Kubeconfig, contextFlag: string, clusterFlag: string): string {
  const context = cfg.contexts.find((c) => c.name === (contextFlag || cfg.currentContext));
  const server = cfg.clusters.find((c) => c.name === (clusterFlag || context?.cluster))?.server;
  if (!server) return 'http://localhost:8080';
  return serverUrl(cfg, server, contextFlag, clusterFlag).replace(/\/+$/, '');
}

/** `--request-timeout` as the `timeout` query parameter (Go's duration text), '' when unset. */
function requestTimeoutQuery(value: string): string {
  if (value === '' || !validRequestTimeout(value)) return '';
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : parseGoDuration(value);
  return typeof ms === 'number' && ms > 0 ? goDurationString(ms) : '';
}

function talksToServer(path: string[], ctx: Ctx): boolean {
  const first = path[0];
  // kustomize builds from local files only.
  if (first === 'config' || first === 'help' || first === 'kustomize') return false;
  if (first === 'version' && ctx.bool('client')) return false;
  return true;
}

/**
 * The `host:port` that refuses kubectl's connection, if any: kubeconfig's defaults point a
 * context without a (known) cluster at localhost:8080, where nothing listens; a known
 * cluster's server refuses while the simulated control-plane node is stopped.
 */
function refusingServer(
  host: KubectlHost,
  contextFlag: string,
  clusterFlag: string,
): string | undefined {
  if (!serverReachable(host, contextFlag, clusterFlag)) return 'localhost:8080';
  return host.apiServerUp?.() === false
    ? serverHostPort(host, contextFlag, clusterFlag)
    : undefined;
}

/**
 * The `host:port` of the selected context's cluster server, as client-go's connection error
 * names it (`https://172.18.0.2:6443` → `172.18.0.2:6443`; no port: the scheme's).
 */
function serverHostPort(host: KubectlHost, contextFlag: string, clusterFlag: string): string {
  const cfg = host.kubeconfig;
  const name = contextFlag || cfg.currentContext;
  const context = cfg.contexts.find((c) => c.name === name);
  const cluster = clusterFlag || context?.cluster;
  const server = cfg.clusters.find((c) => c.name === cluster)?.server ?? '';
  const m = /^(https?):\/\/([^/]+)/.exec(server);
  if (!m) return server;
  const scheme = m[1];
  const authority = m[2] ?? '';
  return /:\d+$/.test(authority) ? authority : `${authority}:${scheme === 'https' ? 443 : 80}`;
}

/** Whether the selected context (or `--cluster`) names a cluster the kubeconfig defines. */
function serverReachable(host: KubectlHost, contextFlag: string, clusterFlag: string): boolean {
  const cfg = host.kubeconfig;
  const name = contextFlag || cfg.currentContext;
  const context = cfg.contexts.find((c) => c.name === name);
  const cluster = clusterFlag || context?.cluster;
  return cfg.clusters.some((c) => c.name === cluster);
}

/** The Short of a root command: the registry's, else kubectl's for commands this console lacks. */
function shortOf(cmd: Command | undefined, name: string): string {
  return COMMAND_HELP[name]?.short ?? cmd?.short ?? '';
}

/**
 * The root's usage: its command groups as cmd.go builds them (the commands no group holds
 * under "Other Commands:", `options` and `alpha` filtered out), then the usage line and tips.
 * Commands this console lacks are listed too, as kubectl lists them; running one says so.
 */
function rootUsage(): string {
  const byName = new Map(COMMANDS.map((c) => [c.name, c] as const));
  const grouped = new Set(ROOT_GROUPS.flatMap((g) => g.commands));
  const other = [...new Set([...byName.keys(), ...EXTRA_ROOT_COMMANDS])]
    .filter((n) => !grouped.has(n) && !['options', 'alpha', 'help'].includes(n))
    .filter((n) => shortOf(byName.get(n), n) !== '')
    .sort();
  const groups = [...ROOT_GROUPS, { message: 'Other Commands:', commands: other }];
  // cobra's NamePadding: the longest root command name (api-resources), at least 11.
  const width = Math.max(11, ...groups.flatMap((g) => g.commands.map((n) => n.length)));
  const list = groups
    .map((g) =>
      [
        g.message,
        ...g.commands.map((n) => `  ${n.padEnd(width)}   ${shortOf(byName.get(n), n)}`),
      ].join('\n'),
    )
    .join('\n\n');
  return `\n\n${list}\n\nUsage:\n  kubectl [flags] [options]\n\nUse "kubectl <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n`;
}

/** `kubectl --help` (and bare `kubectl`): the Long, then the usage, each wrapped on its own. */
function rootHelp(): string {
  return wrapString(ROOT_LONG, HELP_WRAP_LIMIT) + wrapString(rootUsage(), HELP_WRAP_LIMIT);
}

/**
 * cobra's `help [command]`: the help of the command the words name (further words are its
 * arguments); for an unknown one `Unknown help topic` and the root's usage, both on stderr.
 */
function runHelp(args: string[]): RunResult {
  // cobra parses -h on the help command itself and prints that command's own help.
  const helpCmd = COMMANDS.find((c) => c.name === 'help');
  if (helpCmd && args.some((a) => a === '-h' || a === '--help')) {
    return { stdout: commandHelp(helpCmd, 'kubectl help'), stderr: '', exitCode: 0 };
  }
  const words = args.filter((a) => !a.startsWith('-'));
  if (words.length === 0) return { stdout: rootHelp(), stderr: '', exitCode: 0 };
  let cmd: Command | undefined = { name: '', children: COMMANDS };
  const path: string[] = [];
  for (const w of words) {
    const child: Command | undefined = cmd.children ? findChild(cmd, w) : undefined;
    if (!child) {
      if (path.length === 0) cmd = undefined;
      break;
    }
    cmd = child;
    path.push(child.name);
  }
  if (!cmd) {
    // Go's %#q of a []string: each word back-quoted, space-separated, in brackets.
    const topic = `[${words.map((w) => `\`${w}\``).join(' ')}]`;
    return {
      stdout: '',
      stderr: `Unknown help topic ${topic}\n${wrapString(rootUsage(), HELP_WRAP_LIMIT)}`,
      exitCode: 0,
    };
  }
  return { stdout: commandHelp(cmd, ['kubectl', ...path].join(' ')), stderr: '', exitCode: 0 };
}

/** `kubectl options`: the flags every command accepts (templates.UseOptionsTemplates). */
function optionsPage(): string {
  return wrapString(
    `The following options can be passed to any command:\n\n${flagsUsages(GLOBAL_FLAG_HELP)}`,
    HELP_WRAP_LIMIT,
  );
}

/**
 * A command's help as kubectl's templates (MainHelpTemplate + MainUsageTemplate) lay it out:
 * the Long text (else Short), aliases, examples, subcommands, options, usage and the tips.
 * The help and the usage are written as two pieces through term.NewResponsiveWriter, which
 * word-wraps each to the terminal's width.
 */
function commandHelp(cmd: Command, path: string): string {
  const key = path.replace(/^kubectl ?/, '');
  const help = COMMAND_HELP[key];
  const long = help?.long ?? cmd.long ?? cmd.short ?? help?.short ?? '';
  let s = '\n\n';
  if (cmd.aliases && cmd.aliases.length > 0) {
    s += `Aliases:\n${[cmd.name, ...cmd.aliases].join(', ')}\n\n`;
  }
  const example = help?.example ?? cmd.example;
  if (example) {
    // templates.Examples: every line trimmed and indented by two spaces, blank ones too.
    s += `Examples:\n${example
      .split('\n')
      .map((l) => `  ${l.trim()}`)
      .join('\n')}\n\n`;
  }
  const children: [string, string][] = [
    ...(cmd.children ?? []).map((c): [string, string] => [
      c.name,
      shortOf(c, `${key} ${c.name}`.trim()),
    ]),
    // Listed in the help text but not (yet) a child here; a child is listed once.
    ...(help?.subcommands ?? [])
      .filter(([n]) => !(cmd.children ?? []).some((c) => c.name === n))
      .map(([n, short]): [string, string] => [n, short]),
  ];
  if (children.length > 0) {
    // cobra sorts by name and pads each to NamePadding (at least 11), then three spaces.
    const sorted = children.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const width = Math.max(11, ...sorted.map(([n]) => n.length));
    s += `Available Commands:\n${sorted.map(([n, short]) => `  ${n.padEnd(width)}   ${short}`.trimEnd()).join('\n')}\n\n`;
  }
  // pflag hides deprecated flags from the usage text.
  const flags = (help?.flags ?? fallbackFlags(cmd.flags ?? [])).filter(
    (f) => !deprecatedFlag(cmd, f.name),
  );
  if (flags.length > 0)
    s += `Options:
${flagsUsages(flags).trimEnd()}

`;
  s += `Usage:
  ${help?.use ?? cmd.use ?? `${path} [options]`}

`;
  if (children.length > 0) {
    s += `Use "${path} <command> --help" for more information about a given command.\n`;
  }
  s +=
    'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';
  return wrapString(long.trim(), HELP_WRAP_LIMIT) + wrapString(s, HELP_WRAP_LIMIT);
}

/** Whether the command's flag `name` is deprecated (pflag leaves it out of the usage). */
function deprecatedFlag(cmd: Command, name: string): boolean {
  return (cmd.flags ?? []).some((f) => f.name === name && f.deprecated !== undefined);
}

/** Options of a command without help data: pflag's zero defaults, no usage text. */
function fallbackFlags(flags: readonly FlagDef[]): FlagHelp[] {
  const zero: Record<FlagDef['type'], string> = {
    bool: 'false',
    string: "''",
    int: '0',
    int32: '0',
    stringSlice: '[]',
    stringArray: '[]',
    duration: '0s',
  };
  return flags.map((f) => ({
    name: f.name,
    ...(f.short ? { short: f.short } : {}),
    def: zero[f.type],
    usage: '',
  }));
}

/**
 * No API server answers at `url`: discovery logs each of its five attempts (memcache.go), and
 * CheckErr ends the command with `message`. `kubectl version` asks for the server's version
 * alone, so it has printed the client's half instead of the attempts.
 */
function unreachable(ctx: Ctx, version: boolean, url: string, why: string, message: string): never {
  if (version)
    ctx.out(`Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
  else
    for (let i = 0; i < 5; i++)
      ctx.klog(
        'E',
        'memcache.go:265',
        `"Unhandled Error" err="couldn't get current server API group list: Get \\"${url}\\": ${why}"`,
      );
  ctx.err(`${message}\n`);
  throw new ExitError(1);
}
