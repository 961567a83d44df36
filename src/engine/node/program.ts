/**
 * What a container does once started: the simulation's stand-in for running its process.
 *
 * Servers (nginx, httpd, redis, the developer's own app…) run until stopped. Base images
 * whose default command is a shell (busybox, alpine, ubuntu…) exit at once with code 0: with
 * no terminal attached the shell reads end-of-input and quits. That is why
 * `kubectl run bb --image=busybox` ends in CrashLoopBackOff. A command given in the pod spec
 * (`kubectl run … -- sleep 5`) is read for the programs learners type: `sleep`, `tail -f`,
 * `echo`, `date`, `env`/`printenv`, `cat`/`ls` of the files the simulation knows (kubelet-written
 * ones, the service account's, ConfigMap/Secret volumes, what the script wrote), `uname`,
 * `hostname`, `id`, `ping -c` (pingCommand.ts), `nslookup`, `wget` (with `--spider`, `-S`), `curl` (with
 * `-I`, `-i`, `-v`, `-k`, `-H`, `--cacert`, `-o`: httpClient.ts, which also answers for the API
 * server behind the `kubernetes` Service), `netstat` (netstat.ts), `nc -z`, `telnet`, `test`,
 * `touch`, `rm`, `exit`, `stress`, and
 * `sh -c` scripts of those (`;`, `&&`, `||`, `set -e`, `for`, redirections; `if`, `while`, `until`
 * and `test`/`[ ]`/`[[ ]]` in shellControl.ts and shellTest.ts). A program the image
 * does not have (imageFiles.ts knows busybox, alpine and the Debian-based images) fails as it
 * really does: exec'ed by the runtime, a StartError; in a script, `sh: X: not found` (127). Any
 * other command, or any command in an image whose contents are unknown, is taken to keep
 * running. One loop is understood too, the init container of the Kubernetes docs:
 * `until nslookup myservice; do echo waiting; sleep 2; done` retries until a Service of that
 * name exists (the kubelet asks its node's view of the Services), then ends with 0. And the
 * endless loop of the logging docs, `i=0; while true; do echo "$i: $(date)"; i=$((i+1));
 * sleep 1; done`: its lines come one round at a time (see loopLines). Any other endless loop is
 * run round by round when its log is read, each round reading the files of its moment
 * (loopRounds.ts).
 */

/** A part of a script's output and when it was printed, in ms from the start. */
export interface TimedOutput {
  atMs: number;
  text: string;
  /** Written to stderr (an error message): kubectl exec prints it on its own stderr. */
  stderr?: true;
}

/** How a started container ends, if it does, and what it prints. */
export type Program =
  | {
      runs: 'forever';
      /** What it prints at once (before a loop). */
      output: string;
      /** When the script printed each part of `output` (ms from its start), if not all at once. */
      timed?: readonly TimedOutput[];
      /** A `while true; do …; sleep N; done` loop that prints as time goes by. */
      loop?: Loop;
      /** Any other endless loop of the script, run round by round when read (loopRounds.ts). */
      rounds?: ScriptLoop;
      /** Files the script wrote or removed as it ran (what an exec probe finds). */
      files?: readonly FileEvent[];
      /** `tail -F FILE`: prints what is written to FILE (from its start with `-n +1`). */
      follows?: Follow;
      /** The memory it holds once going (bytes), when known: `stress --vm-bytes`. */
      memoryBytes?: number;
    }
  | {
      runs: 'exits';
      afterMs: number;
      exitCode: number;
      output: string;
      /** When each part of `output` was printed (ms from the start), if not all at once. */
      timed?: readonly TimedOutput[];
      files?: readonly FileEvent[];
      memoryBytes?: number;
    }
  /**
   * The runtime cannot start the process: its executable is not in the image. The container
   * ends at once with StartError, exit code 128, and `message` (containerd's, via runc).
   */
  | { runs: 'fails'; message: string; output: string }
  | {
      /**
       * `until nslookup NAME; do …; sleep N; done`, the init container of the Kubernetes docs:
       * it retries every `pollMs` and ends (exit 0) once the Service `service` resolves, in
       * `namespace` when the name says (`NAME.NS.svc…`), else in the pod's own.
       */
      runs: 'until';
      service: string;
      namespace?: string;
      pollMs: number;
      /** What one round of the loop prints. */
      output: string;
      /** The name as the script asks it, and the image's nslookup (each round's log: untilRounds.ts). */
      lookup?: string;
      nslookup?: NslookupKind;
    };

import type { KubeObject } from '../api/types.ts';
import { COREFILE } from '../bootstrap/namespaceContent.ts';
import { hex64 } from '../registry/digest.ts';
import { catalogueVersion } from '../registry/registry.ts';
import { arithmetic as arithmeticResult, evalArithmetic } from '../util/shellArithmetic.ts';
import { type CaseBlock, caseBlock } from '../util/shellCase.ts';
import { type Statement, splitKeywords } from '../util/shellStatements.ts';
import { awkTool } from './awk.ts';
import { componentStartup } from './componentLogs.ts';
import {
  type ContainerResources,
  type ObjectData,
  type PodRuntime,
  type ProjectedTokenSource,
  podFieldValue,
  type ResourceFieldRef,
  resourceFieldValue,
} from './containerEnv.ts';
import {
  cutTool,
  dashEcho,
  grepTool,
  headTailTool,
  printfTool,
  seqTool,
  sortUniqTool,
  trTool,
  wcTool,
} from './coreutils.ts';
import { etcPasswd } from './etcPasswd.ts';
import { getentStep } from './getentCommand.ts';
import {
  API_SERVER_VERSION,
  type ApiAnswer,
  type ApiUser,
  apiServerAnswer,
  CURL_CA_CERT_ERROR,
  CURL_METER_HEAD,
  curlBuild,
  curlClosing,
  curlConnected,
  curlConnectFailed,
  curlLeftIntact,
  curlMeter,
  curlRequest,
  curlResponseTrace,
  curlTrying,
  type HttpResponse,
  nginxResponse,
  PLAIN_HTTP_TO_TLS,
  type ResourcePath,
  rawHead,
  tokenUser,
} from './httpClient.ts';
import { IMAGE_PATH, imageBinaries, osRelease, rootListing, shellFamily } from './imageFiles.ts';
import { type LsFs, type LsStat, lsTool } from './lsCommand.ts';
import { ncCommand, telnetCommand } from './ncCommand.ts';
import {
  type Connection,
  connect,
  connectError,
  failsAfterMs,
  unknownAddress,
} from './netConnect.ts';
import { type ListeningSocket, netstatCommand } from './netstat.ts';
import { pingCommand } from './pingCommand.ts';
import {
  aliasAddress,
  CLUSTER_DNS_IP,
  clusterFirstDns,
  dnsServer,
  hostAliasesBlock,
  ndotsOf,
  type PodDns,
  resolvConfText,
} from './podDns.ts';
import { writableOnReadOnlyRoot } from './rootfs.ts';
import { groupName, idName, type ProcessUser, userName } from './securityContext.ts';
import { sedTool } from './sed.ts';
import { caseMatch } from './shellCase.ts';
import { controlBlock, runIf, runLoop, type ScriptLoop } from './shellControl.ts';
import { dateCommand } from './shellDate.ts';
import { callFunction, functionAt, localVars } from './shellFunctions.ts';
import { type ParamScope, parameterAt } from './shellParams.ts';
import { shellTest } from './shellTest.ts';
import { missingOperand } from './usageErrors.ts';

/** Images whose default command is an interactive shell or a one-shot program. */
const EXITING_IMAGES = new Set([
  'busybox',
  'alpine',
  'ubuntu',
  'debian',
  'centos',
  'fedora',
  'rockylinux',
  'amazonlinux',
  'bash',
  'hello-world',
  // REPLs and shells that read end-of-input at once without a terminal.
  'python',
  'node',
  'netshoot',
]);

/** `repository` answers by image (a pure function; a cluster runs few distinct images). */
const REPOSITORIES = new Map<string, string>();
const REPOSITORIES_LIMIT = 1024;

/** The image's repository name without registry, namespace or tag: `busybox`, `nginx`. */
export function repository(image: string): string {
  let repo = REPOSITORIES.get(image);
  if (repo === undefined) {
    const noDigest = image.split('@')[0] ?? image;
    const last = noDigest.split('/').pop() ?? noDigest;
    repo = last.split(':')[0] ?? last;
    if (REPOSITORIES.size >= REPOSITORIES_LIMIT) REPOSITORIES.clear();
    REPOSITORIES.set(image, repo);
  }
  return repo;
}

/** Go-style durations and plain seconds as `sleep` reads them: `5`, `1.5`, `30s`, `2m`, `1h`. */
function sleepMs(arg: string | undefined): number | undefined {
  if (arg === undefined) return undefined;
  if (arg === 'infinity' || arg === 'inf') return Number.POSITIVE_INFINITY;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const unit = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] ?? ''] ?? 1000;
  return Math.round(Number(m[1]) * unit);
}

/** A tiny shell-word splitter: whitespace separates, single and double quotes group. */
function words(script: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (let m = re.exec(script); m; m = re.exec(script)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

/** A shell word: its text after expansion, and whether any of it was quoted. */
interface Word {
  text: string;
  quoted: boolean;
}

/**
 * Shell words of a one-shot command line with `$NAME`, `${NAME}`, `$(date)` and `` `date` ``
 * expanded (`lookup` gives a variable's value), except inside single quotes; an unset variable
 * is empty, and an unquoted word that expands to nothing is no word at all. Without `lookup`
 * (a caller that has no environment), the words are left as written. Adjacent quoted and
 * unquoted parts make one word (`--x="a b"`).
 */
function shellWords(
  text: string,
  lookup: ((name: string) => string | undefined) | undefined,
  date: () => string,
): Word[] {
  const out: Word[] = [];
  const re = /(?:'[^']*'|"[^"]*"|[^\s'"]+)+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let value = '';
    let quoted = false;
    const parts = /'([^']*)'|"([^"]*)"|([^\s'"]+)/g;
    for (let p = parts.exec(m[0]); p; p = parts.exec(m[0])) {
      if (p[1] !== undefined) {
        value += p[1];
        quoted = true;
        continue;
      }
      if (p[2] !== undefined) quoted = true;
      const raw = p[2] ?? p[3] ?? '';
      value += lookup
        ? raw.replace(EXPANSION, (x, a?: string, b?: string) =>
            x.startsWith('$(') || x.startsWith('`') ? date() : (lookup(a ?? b ?? '') ?? ''),
          )
        : raw;
    }
    if (!quoted && value === '' && m[0] !== '') continue;
    out.push({ text: value, quoted });
  }
  return out;
}

/** shellWords' texts, with the process environment alone. */
function expandedWords(
  text: string,
  env: ReadonlyMap<string, string> | undefined,
  startedAt: string,
): string[] {
  if (!env) return words(text);
  return shellWords(
    text,
    (n) => env.get(n),
    () => goDate(startedAt),
  ).map((w) => w.text);
}

/** A file `tail -f` follows: all of it (`-n +1`), or its last 10 lines and what comes. */
export interface Follow {
  path: string;
  fromStart: boolean;
}

/** A command line's effect, or undefined when it is not one of the known programs. */
interface Step {
  follows?: Follow;
  ms: number;
  exitCode?: number;
  output: string;
  /** What it writes to stderr (error messages), in the log after `output`. */
  error?: string;
  forever?: boolean;
  /** The memory the program holds while it runs (bytes), when known. */
  memoryBytes?: number;
}

/** A file a script wrote or removed, `atMs` after its container started (null: removed). */
export interface FileEvent {
  atMs: number;
  path: string;
  content: string | null;
}

/**
 * What a command sees of its container: the environment, the image (what exists in it), the
 * files a script has written so far, and how long the container has run.
 */
export interface Shell {
  startedAt: string;
  env?: ReadonlyMap<string, string> | undefined;
  /** Shell variables set by the script (`i=0`, a `for` loop's variable). */
  locals: Map<string, string>;
  /** Those of them exported (`export X=1`): the environment of the commands it runs. */
  exported: Set<string>;
  /** The working directory (`cd`). */
  cwd: string;
  repo: string;
  tag: string;
  /** The programs of the image, undefined when any command may exist. */
  bins: ReadonlySet<string> | undefined;
  where: Surroundings;
  /** Files written (string) or removed (null) so far, by path. */
  files: Map<string, string | null>;
  /** Their history, for exec probes that look later. */
  fileLog: FileEvent[];
  /** Time run so far (the script's sleeps). */
  ms: number;
  /** What it printed to the log, with when. */
  printed: TimedOutput[];
  /** `$0` of `sh -c` (the shell's name unless an argument follows the script). */
  arg0?: string;
  /** `$1`…: the arguments after `$0`. */
  params?: readonly string[];
  /** `$$`: 1 for the container's own shell (PID 1), a later PID for one run by exec. */
  pid?: number;
  /** A container's own program: an endless loop is kept (in `endless`) to be run when read. */
  lazyLoops?: boolean;
  endless?: ScriptLoop;
  /** PID 1's root when it is another container's (see Surroundings.procRoot), once looked at. */
  pid1Root?: Shell | null;
  /** `set -x`: each command is traced on stderr. */
  xtrace?: boolean;
  /** Shell functions the script defined (`f() { …; }`: shellFunctions.ts). */
  functions?: Map<string, Statement[]>;
  /** The functions running, innermost last: the variables `local` shadowed. */
  frames?: Map<string, string | undefined>[];
}

function newShell(image: string, startedAt: string, where: Surroundings): Shell {
  const repo = repository(image);
  const tag = (image.split('@')[0] ?? image).split('/').pop()?.split(':')[1] ?? '';
  return {
    startedAt,
    env: where.vars,
    locals: new Map(),
    exported: new Set(),
    cwd: '/',
    repo,
    tag,
    bins: imageBinaries(repo, tag),
    where,
    files: new Map(),
    fileLog: [],
    ms: 0,
    printed: [],
  };
}

/** A variable as the shell expands it: its own, then the process environment's. */
function lookupVar(sh: Shell, name: string): string | undefined {
  return (
    sh.locals.get(name) ??
    sh.env?.get(name) ??
    defaultEnv(sh).get(name) ??
    // The shell's own: its working directory, and its parent, outside the container's PID
    // namespace (the runtime), seen as 0.
    (name === 'PWD' ? sh.cwd : name === 'PPID' ? '0' : undefined)
  );
}

/**
 * Variables every container has besides the kubelet's: PATH and HOME (the image and the
 * runtime), and the link variables of the `kubernetes` Service in `default` (the kubelet adds
 * the master Service's to every pod, even with enableServiceLinks false).
 */
function defaultEnv(sh: Shell): Map<string, string> {
  const out = new Map<string, string>([
    ['PATH', IMAGE_PATH],
    ['HOME', '/root'],
    ['KUBERNETES_SERVICE_HOST', KUBERNETES_SERVICE_IP],
    ['KUBERNETES_SERVICE_PORT', '443'],
    ['KUBERNETES_SERVICE_PORT_HTTPS', '443'],
    ['KUBERNETES_PORT', `tcp://${KUBERNETES_SERVICE_IP}:443`],
    ['KUBERNETES_PORT_443_TCP', `tcp://${KUBERNETES_SERVICE_IP}:443`],
    ['KUBERNETES_PORT_443_TCP_PROTO', 'tcp'],
    ['KUBERNETES_PORT_443_TCP_PORT', '443'],
    ['KUBERNETES_PORT_443_TCP_ADDR', KUBERNETES_SERVICE_IP],
  ]);
  for (const [k, v] of sh.where.serviceLinks ?? []) out.set(k, v);
  return out;
}

/** The cluster IP of the `kubernetes` Service (the first of kubeadm's 10.96.0.0/12). */
const KUBERNETES_SERVICE_IP = '10.96.0.1';

/** The whole environment, as `env` prints it: the runtime's, then the kubelet's (any order is faithful: Go builds it from a map). */
function fullEnv(sh: Shell): Map<string, string> {
  const out = defaultEnv(sh);
  const host = sh.env?.get('HOSTNAME');
  // HOSTNAME first, as containerd's spec puts it; the kubelet's variables replace the defaults.
  const ordered = new Map<string, string>();
  if (host !== undefined) ordered.set('HOSTNAME', host);
  for (const [k, v] of out) ordered.set(k, v);
  for (const [k, v] of sh.env ?? []) ordered.set(k, v);
  for (const k of sh.exported) {
    const v = sh.locals.get(k);
    if (v !== undefined) ordered.set(k, v);
  }
  return ordered;
}

/** The files every container has (kubelet-managed, the service account's), by path. */
function systemFile(sh: Shell, path: string): string | null | undefined {
  const host = sh.env?.get('HOSTNAME') ?? '';
  const ns = sh.where.namespace ?? 'default';
  switch (path) {
    case '/etc/hostname':
      return `${host}\n`;
    case '/etc/resolv.conf':
      return resolvConfText(sh.where.dns ?? clusterFirstDns(ns));
    case '/etc/hosts': {
      // managedHostsFileContent: the pod's FQDN first when it has a subdomain, then HostAliases.
      const domain = sh.where.dns?.hostDomain;
      const own = domain ? `${host}.${domain}\t${host}` : host;
      return `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${sh.where.podIP ? `${sh.where.podIP}\t${own}\n` : ''}${hostAliasesBlock(sh.where.dns?.hostAliases)}`;
    }
    case `${SA_DIR}/namespace`:
      return ns;
    case '/proc/1/attr/current':
    case '/proc/self/attr/current':
      return sh.where.appArmor === undefined ? undefined : `${sh.where.appArmor}\n`;
    case '/etc/os-release':
    case '/usr/lib/os-release':
      return osRelease(sh.repo, sh.tag);
    case '/etc/passwd':
      return sh.where.files?.get(path) ?? etcPasswd(sh.repo, sh.tag);
    default:
      return sh.where.files?.get(path);
  }
}

/** Where the service account token, CA and namespace are mounted. */
const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * A file's content: what the script wrote (or removed), else the container's own files.
 * Undefined when the simulation does not know whether it exists; null when it does not.
 */
function readFile(sh: Shell, given: string): string | null | undefined {
  const path = absPath(sh, given);
  const proc = procRootPath(sh, path);
  if (proc) return proc.sh ? readFile(proc.sh, proc.path) : undefined;
  if (sh.files.has(path)) return sh.files.get(path) ?? null;
  const known = systemFile(sh, path);
  if (known !== undefined) return known;
  // /tmp starts empty; a file in it exists only if the script made it. So does a mounted
  // volume's directory: its files are the volume's (what the pod's containers wrote in it).
  if (path.startsWith('/tmp/')) return null;
  if (sh.where.dirs?.some((d) => path.startsWith(`${d}/`))) return null;
  const image = knownImageFiles(sh.repo);
  if (image) {
    const file = image.get(path);
    if (file !== undefined) return file;
    // Its directories hold only the files listed.
    if (imageDirs(sh.repo).has(path.slice(0, path.lastIndexOf('/')))) return null;
  }
  return outsideRoot(sh, path) ? null : undefined;
}

/**
 * A path under `/proc/1/root` or `/proc/self/root`: the process's root and the path in it. PID
 * 1 is the container's own program, unless its PID namespace is another container's (an
 * ephemeral container's target: its files) or the pod's shared one (the pause process: not
 * known, `sh` undefined). Undefined for any other path.
 */
function procRootPath(sh: Shell, path: string): { sh?: Shell; path: string } | undefined {
  const m = /^\/proc\/(1|self)\/root(\/.*)?$/.exec(path);
  if (!m) return undefined;
  const rest = m[2] ?? '/';
  if (m[1] === 'self') return { sh, path: rest };
  if (sh.where.procRoot) {
    if (sh.pid1Root === undefined) {
      const root = sh.where.procRoot();
      if (root) {
        const other = newShell(root.image, '', root.where);
        for (const f of root.files)
          if (f.atMs <= root.elapsedMs) other.files.set(f.path, f.content);
        sh.pid1Root = other;
      } else sh.pid1Root = null;
    }
    return { ...(sh.pid1Root ? { sh: sh.pid1Root } : {}), path: rest };
  }
  if (sh.where.processes?.[0]?.cmd === '/pause') return { path: rest };
  return { sh, path: rest };
}

/** Whether `path` lies under a name the image's root does not have (and no volume is there). */
function outsideRoot(sh: Shell, path: string): boolean {
  const top = `/${path.split('/')[1] ?? ''}`;
  const root = rootListing(sh.repo, sh.tag);
  if (!root || top === '/' || root.includes(top.slice(1))) return false;
  const under = (p: string) => p === top || p.startsWith(`${top}/`);
  if (sh.where.dirs?.some(under) || [...(sh.where.files?.keys() ?? [])].some(under)) return false;
  return ![...sh.files].some(([p, c]) => c !== null && under(p));
}

/** `path` from the working directory, `.` and `..` read: `/data/demo/testfile`. */
function absPath(sh: Shell, path: string): string {
  return normalPath(path, sh.cwd);
}

/** `path` made absolute from `cwd` and normalised (`.`, `..`, repeated slashes). */
export function normalPath(path: string, cwd = '/'): string {
  const parts: string[] = [];
  for (const p of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return `/${parts.join('/')}`;
}

/** The names in directory `dir`, or undefined when not known. */
function listDir(sh: Shell, dir: string, all = false): string[] | undefined {
  const d = absPath(sh, dir);
  const proc = procRootPath(sh, d);
  if (proc) return proc.sh ? listDir(proc.sh, proc.path, all) : undefined;
  if (d === '/') {
    // The image's root, with the mount points the runtime made and what was written there.
    const root = rootListing(sh.repo, sh.tag);
    if (!root) return undefined;
    const top = new Set(root);
    const add = (p: string) => top.add(p.split('/')[1] ?? '');
    for (const p of sh.where.dirs ?? []) add(p);
    for (const p of sh.where.files?.keys() ?? []) add(p);
    for (const [p, content] of sh.files) if (content !== null) add(p);
    return [...top].filter((n) => n !== '' && (all || !n.startsWith('.'))).sort();
  }
  const prefix = `${d}/`;
  const found = new Set<string>();
  const add = (path: string) => {
    if (path.startsWith(prefix)) found.add(path.slice(prefix.length).split('/')[0] ?? '');
  };
  for (const [path, content] of sh.files) if (content !== null) add(path);
  for (const path of sh.where.files?.keys() ?? []) add(path);
  for (const path of sh.where.dirs ?? []) add(path);
  // The image's own files, unless a volume is mounted over their directory.
  const mounted = sh.where.dirs?.some((m) => d === m || d.startsWith(`${m}/`));
  if (!mounted) for (const path of knownImageFiles(sh.repo)?.keys() ?? []) add(path);
  if (d === SA_DIR) for (const n of ['ca.crt', 'namespace', 'token']) found.add(n);
  if (found.size === 0 && d !== '/tmp' && !sh.where.dirs?.includes(d)) return undefined;
  const names = [...found].filter((n) => n !== '' && (all || !n.startsWith('.')));
  // The atomic writer's own entries (shown by ls -a).
  const vol = all ? atomicVolume(sh, d) : undefined;
  if (vol) names.push('..data', vol.stamp);
  return names.sort();
}

/** `sh: X: not found` as the image's shell says it, exit 127. */
function notFound(sh: Shell, shell: string, cmd: string): Step {
  const error =
    shell === 'bash'
      ? `bash: line 1: ${cmd}: command not found\n`
      : shellFamily(sh.repo) === 'dash'
        ? `sh: 1: ${cmd}: not found\n`
        : `${shell}: ${cmd}: not found\n`;
  return { ms: 0, exitCode: 127, output: '', error };
}

/** `cat`'s message for a missing file (busybox's, or coreutils'). */
function noSuchFile(sh: Shell, tool: string, path: string): string {
  return shellFamily(sh.repo) === 'busybox'
    ? `${tool}: can't open '${path}': No such file or directory\n`
    : `${tool}: ${path}: No such file or directory\n`;
}

/** `uname`'s fields for the node's kernel. */
function unameOf(sh: Shell, args: readonly string[]): Step | undefined {
  const kernel = sh.where.kernel ?? DEFAULT_KERNEL;
  const host = sh.env?.get('HOSTNAME') ?? '';
  const version = KERNEL_BUILDS[kernel] ?? '#1 SMP PREEMPT_DYNAMIC';
  const flags = args.join('').replace(/-/g, '');
  if (args.some((a) => !a.startsWith('-')) || /[^asnrvmpio]/.test(flags)) return undefined;
  const fields: string[] = [];
  const all = flags.includes('a');
  if (all || flags.includes('s') || flags === '') fields.push('Linux');
  if (all || flags.includes('n')) fields.push(host);
  if (all || flags.includes('r')) fields.push(kernel);
  if (all || flags.includes('v')) fields.push(version);
  if (all || flags.includes('m')) fields.push('x86_64');
  if (all || flags.includes('o')) fields.push('GNU/Linux');
  return { ms: 0, output: `${fields.join(' ')}\n` };
}

/** The kernel the nodes run (describe node's Kernel Version). */
const DEFAULT_KERNEL = '6.8.0-51-generic';
/** `uname -v` of the kernels the nodes may run. */
const KERNEL_BUILDS: Readonly<Record<string, string>> = {
  '6.8.0-51-generic': '#52-Ubuntu SMP PREEMPT_DYNAMIC Thu Dec  5 13:09:44 UTC 2024',
};

/** Run one simple command (no operators); undefined when it is not simulated. */
function step(argv: readonly string[], sh: Shell, shell = 'sh'): Step | undefined {
  const [cmd0, ...rest] = argv;
  if (cmd0 === undefined) return undefined;
  const cmd = cmd0.split('/').pop() ?? '';
  // `[[` is bash's keyword and busybox ash's builtin (dash has none).
  const builtin =
    (SHELL_BUILTINS.has(cmd) ||
      (cmd === '[[' && (shell === 'bash' || shellFamily(sh.repo) === 'busybox'))) &&
    !cmd0.includes('/');
  // The shell's other builtins (read, source, eval…) exist too, but are not simulated.
  if (OTHER_BUILTINS.has(cmd0)) return undefined;
  if (!builtin && sh.bins && !sh.bins.has(cmd)) return notFound(sh, shell, cmd0);
  switch (cmd) {
    case 'sleep': {
      if (rest.length === 0) {
        // No operand: busybox shows its usage, coreutils says so (exit 1 either way).
        const bad = missingOperand(sh.repo, shellFamily(sh.repo), sh.tag, 'sleep');
        return bad && { ms: 0, output: '', ...bad };
      }
      const ms = sleepMs(rest[0]);
      if (ms === undefined) return undefined;
      return Number.isFinite(ms) ? { ms, output: '' } : { ms: 0, output: '', forever: true };
    }
    case 'grep':
    case 'head':
    case 'wc':
    case 'sort':
    case 'uniq':
    case 'cut':
    case 'tr':
    case 'sed':
    case 'awk':
      return textFilter(sh, cmd, rest, undefined);
    case 'printf':
      return printfTool(rest);
    case 'seq':
      return seqTool(rest);
    case 'tail': {
      if (!rest.includes('-f') && !rest.includes('-F')) return textFilter(sh, cmd, rest, undefined);
      const paths = rest.filter((a, i) => !a.startsWith('-') && rest[i - 1] !== '-n');
      const fromStart = rest.some(
        (a, i) => a === '-n+1' || a === '--lines=+1' || (a === '-n' && rest[i + 1] === '+1'),
      );
      const path = paths.length === 1 ? paths[0] : undefined;
      return path && path !== '/dev/null'
        ? { ms: 0, output: '', forever: true, follows: { path, fromStart } }
        : { ms: 0, output: '', forever: true };
    }
    case 'echo': {
      // The builtin of dash (Debian's sh) reads escapes always and knows no -e.
      if (shell === 'sh' && shellFamily(sh.repo) === 'dash') return dashEcho(rest);
      const { text, newline } = echoed(rest);
      return { ms: 0, output: newline ? `${text}\n` : text };
    }
    case 'date': {
      if (rest.length === 0) return { ms: 0, output: `${shellDate(sh)}\n` };
      // `date +%s`, `date -u +%FT%TZ`…: shellDate.ts at the shell's moment.
      const r = dateCommand(
        rest,
        dateNowMs(sh),
        shellFamily(sh.repo) === 'busybox' ? 'busybox' : 'gnu',
      );
      if (!r) return undefined;
      return r.error === undefined
        ? { ms: 0, output: r.output }
        : { ms: 0, output: r.output, error: r.error, exitCode: r.exitCode ?? 1 };
    }
    case 'printenv':
    case 'env': {
      if (cmd === 'env' && rest.length > 0) return undefined;
      const all = fullEnv(sh);
      if (rest.length === 0) {
        return { ms: 0, output: [...all].map(([k, v]) => `${k}=${v}\n`).join('') };
      }
      // The named variables that are set, one per line; exit 1 when one is not.
      const set = rest.filter((name) => all.has(name));
      const output = set.map((name) => `${all.get(name)}\n`).join('');
      return set.length === rest.length ? { ms: 0, output } : { ms: 0, exitCode: 1, output };
    }
    case 'hostname':
      return rest.length === 0
        ? { ms: 0, output: `${sh.env?.get('HOSTNAME') ?? ''}\n` }
        : undefined;
    case 'whoami': {
      const uid = sh.where.user?.uid ?? 0;
      const name = userName(uid);
      if (name !== undefined) return { ms: 0, output: `${name}\n` };
      const error =
        shellFamily(sh.repo) === 'busybox'
          ? `whoami: unknown uid ${uid}\n`
          : `whoami: cannot find name for user ID ${uid}\n`;
      return { ms: 0, exitCode: 1, output: '', error };
    }
    case 'id':
      if (rest.length > 0) return undefined;
      return { ms: 0, output: idLine(sh) };
    case 'ps':
      return psStep(rest, sh);
    case 'pwd':
      return { ms: 0, output: `${sh.cwd}\n` };
    case 'cd': {
      if (rest.length > 1) return undefined;
      const target = rest[0] ?? lookupVar(sh, 'HOME') ?? '/';
      if (typeof readFile(sh, target) === 'string') {
        const error =
          shell === 'bash'
            ? `bash: line 1: cd: ${target}: Not a directory\n`
            : shellFamily(sh.repo) === 'dash'
              ? `sh: 1: cd: can't cd to ${target}\n`
              : `${shell}: cd: can't cd to ${target}: Not a directory\n`;
        return { ms: 0, exitCode: shell === 'bash' ? 1 : 2, output: '', error };
      }
      sh.cwd = absPath(sh, target);
      return { ms: 0, output: '' };
    }
    case 'export':
    case 'readonly':
    case 'unset': {
      if (rest.length === 0 || rest.some((a) => a.startsWith('-'))) return undefined;
      for (const a of rest) {
        const m = ASSIGN.exec(a);
        const name = m ? (m[1] ?? '') : a;
        if (!new RegExp(`^${NAME}$`).test(name)) return undefined;
        if (cmd === 'unset') {
          sh.locals.delete(name);
          sh.exported.delete(name);
          continue;
        }
        if (m) sh.locals.set(name, m[2] ?? '');
        else if (!sh.locals.has(name)) {
          const v = sh.env?.get(name) ?? defaultEnv(sh).get(name);
          if (v !== undefined) sh.locals.set(name, v);
        }
        if (cmd === 'export') sh.exported.add(name);
      }
      return { ms: 0, output: '' };
    }
    case 'wait':
    case 'trap':
      // No job runs in the background here; a trap's handler never fires before the end.
      return { ms: 0, output: '' };
    case 'umask':
      return rest.length === 0 ? { ms: 0, output: '0022\n' } : undefined;
    case 'exec':
      // The shell becomes the command (runStatements ends the script after it).
      return rest.length === 0 ? { ms: 0, output: '' } : step(rest, sh, shell);
    case 'uname':
      return unameOf(sh, rest);
    case 'cat': {
      if (rest.length === 0 || rest.some((a) => a.startsWith('-'))) return undefined;
      let output = '';
      let error = '';
      for (const path of rest) {
        const content = readFile(sh, path);
        if (content === undefined) return undefined;
        if (content === null) error += noSuchFile(sh, 'cat', path);
        else output += content;
      }
      return error ? { ms: 0, exitCode: 1, output, error } : { ms: 0, output };
    }
    case 'ls':
      return lsTool(rest, lsFs(sh));
    case 'touch': {
      if (rest.length === 0 || rest.some((a) => a.startsWith('-'))) return undefined;
      let error = '';
      for (const path of rest) {
        const why = writeRefusal(sh, path);
        if (why) {
          error +=
            shellFamily(sh.repo) === 'busybox'
              ? `touch: ${path}: ${why}\n`
              : `touch: cannot touch '${path}': ${why}\n`;
        } else writeFile(sh, path, readFile(sh, path) ?? '', false);
      }
      return error ? { ms: 0, exitCode: 1, output: '', error } : { ms: 0, output: '' };
    }
    case 'rm': {
      const paths = rest.filter((a) => !/^-[rfv]+$/.test(a));
      if (paths.length === 0 || paths.some((a) => a.startsWith('-'))) return undefined;
      const force = rest.some((a) => /^-[rv]*f/.test(a));
      let error = '';
      for (const path of paths) {
        const known = readFile(sh, path);
        if (known === undefined && !path.startsWith('/tmp/')) return undefined;
        if (known === null || known === undefined) {
          if (!force) error += `${cantRemove(sh, path)}: No such file or directory\n`;
          continue;
        }
        const why = writeRefusal(sh, path);
        if (why) {
          error += `${cantRemove(sh, path)}: ${why}\n`;
          continue;
        }
        writeFile(sh, path, null, false);
      }
      return error ? { ms: 0, exitCode: 1, output: '', error } : { ms: 0, output: '' };
    }
    case 'mkdir': {
      // Without -p, a directory that is there already is an error.
      const parents = rest.some((a) => a === '-p' || a.startsWith('--parents'));
      const busybox = shellFamily(sh.repo) === 'busybox';
      let error = '';
      for (const dir of rest.filter((a) => !a.startsWith('-'))) {
        const exists = listDir(sh, dir) !== undefined;
        const why = exists ? undefined : writeRefusal(sh, dir);
        if (why) {
          error += busybox
            ? `mkdir: can't create directory '${dir}': ${why}\n`
            : `mkdir: cannot create directory '${dir}': ${why}\n`;
          continue;
        }
        if (!exists || parents) continue;
        error += busybox
          ? `mkdir: can't create directory '${dir}': File exists\n`
          : `mkdir: cannot create directory '${dir}': File exists\n`;
      }
      return error ? { ms: 0, exitCode: 1, output: '', error } : { ms: 0, output: '' };
    }
    case 'test':
    case '[':
    case '[[': {
      const r = shellTest(
        cmd,
        rest,
        {
          // A name its directory's known listing lacks is not there.
          read: (path) => {
            const known = readFile(sh, path);
            if (known !== undefined) return known;
            const full = absPath(sh, path);
            const names = listDir(sh, full.slice(0, full.lastIndexOf('/')) || '/');
            return names && !names.includes(full.slice(full.lastIndexOf('/') + 1))
              ? null
              : undefined;
          },
          isDir: (path) => (listDir(sh, path) !== undefined ? true : undefined),
          root: (sh.where.user?.uid ?? 0) === 0,
        },
        shell === 'bash' ? 'bash' : shellFamily(sh.repo),
      );
      return r && { ms: 0, exitCode: r.status, output: '', ...(r.error ? { error: r.error } : {}) };
    }
    case 'ping':
      return pingStep(rest, sh);
    case 'netstat': {
      const sockets = sh.where.sockets?.();
      const r =
        sockets && shellFamily(sh.repo) === 'busybox' ? netstatCommand(rest, sockets) : undefined;
      return r && { ms: 0, exitCode: r.exitCode, output: r.output };
    }
    case 'nc':
    case 'telnet': {
      const ns = sh.where.namespace ?? 'default';
      const { network, podIP, dns } = sh.where;
      return (cmd === 'nc' ? ncCommand : telnetCommand)(
        rest,
        (host, port) => reach(host, port, ns, network, podIP, dns),
        (target, port) => connect(target, port, ns, network),
      );
    }
    case 'perl':
      return perlStep(rest);
    case 'stress':
      return stressStep(rest);
    case 'getent': {
      const ns = sh.where.namespace ?? 'default';
      const network = sh.where.network;
      const r = getentStep(rest, {
        hostsFile: systemFile(sh, '/etc/hosts') ?? '',
        resolve: (name) => {
          const a = resolveName(name, ns, network, sh.where.dns);
          return a && { name: a.fqdn, addresses: a.addresses.map((x) => x.ip) };
        },
        reverse: (ip) => reverseNames(ip, ns, network),
        musl: sh.repo === 'alpine',
      });
      return r && { ms: 0, exitCode: r.exitCode, output: r.output };
    }
    case 'true':
    case ':':
      return { ms: 0, output: '' };
    case 'false':
      return { ms: 0, exitCode: 1, output: '' };
    case 'exit': {
      const code = rest[0] === undefined ? 0 : Number(rest[0]);
      return Number.isInteger(code) ? { ms: 0, exitCode: code & 255, output: '' } : undefined;
    }
    default: {
      const net = netStep(argv);
      if (!net) return undefined;
      const r = netResult(
        net,
        sh.where.namespace ?? 'default',
        sh.where.network,
        nslookupKind(sh.repo, sh.tag),
        sh.where.podIP,
        sh.where.answered,
        sh.where.dns,
        sh,
      );
      if (!r) return undefined;
      if (r.saved) writeFile(sh, r.saved.path, r.saved.content, false);
      return { ms: r.ms ?? 0, exitCode: r.exitCode, output: r.output, error: r.error ?? '' };
    }
  }
}

/**
 * What `ls` sees (lsCommand.ts): the directories and files the simulation knows (a volume's,
 * what a script wrote, the image's). Volumes the kubelet's atomic writer fills (ConfigMap,
 * Secret, downward API, projected, the service account's) hold a timestamped directory, `..data`
 * linking to it, and one symlink into `..data` per top-level entry. A file written in an
 * fsGroup volume (a setgid directory) belongs to that group.
 */
function lsFs(sh: Shell): LsFs {
  const uid = sh.where.user?.uid ?? 0;
  const gid = sh.where.user?.gid ?? 0;
  const fsGroup = sh.where.fsGroup;
  const mounts = sh.where.dirs ?? [];
  const user = (id: number) => userName(id) ?? String(id);
  const group = (id: number) => groupName(id) ?? String(id);
  const bytes = (text: string) => new TextEncoder().encode(text).length;
  const file = (content: string, owner: number, grp: number): LsStat => ({
    kind: 'file',
    mode: '-rw-r--r--',
    links: 1,
    user: user(owner),
    group: group(grp),
    size: bytes(content),
    // 1 KiB blocks of the 4 KiB ones the file takes.
    blocks: Math.ceil(bytes(content) / 4096) * 4,
  });
  const link = (target: string, toDir: boolean): LsStat => ({
    kind: 'link',
    mode: 'lrwxrwxrwx',
    links: 1,
    user: 'root',
    group: 'root',
    size: target.length,
    blocks: 0,
    target,
    ...(toDir ? { toDir } : {}),
  });
  const dir = (mode: string, links: number, size: number, grp = 0): LsStat => ({
    kind: 'dir',
    mode,
    links,
    user: 'root',
    group: group(grp),
    size,
    blocks: size >= 4096 ? 4 : 0,
  });
  const stat = (path: string): LsStat | null | undefined => {
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    const name = path.slice(path.lastIndexOf('/') + 1);
    const vol = atomicVolume(sh, parent);
    if (vol) {
      if (name === '..data') return link(vol.stamp, true);
      if (name === vol.stamp) {
        const n = (listDir(sh, parent) ?? []).length;
        return dir('drwxr-xr-x', 2, vol.tmpfs ? 20 * (n + 2) : 4096);
      }
      if (listDir(sh, path) !== undefined) return link(`..data/${name}`, true);
      if ((listDir(sh, parent) ?? []).includes(name)) return link(`..data/${name}`, false);
      return readFile(sh, path) === undefined ? undefined : null;
    }
    const self = atomicVolume(sh, path);
    if (self) {
      const n = (listDir(sh, path) ?? []).length + 2;
      return self.tmpfs ? dir('drwxrwxrwt', 3, 20 * (n + 2)) : dir('drwxrwxrwx', 3, 4096);
    }
    const written = sh.files.get(path);
    if (typeof written === 'string') {
      const inVolume = fsGroup !== undefined && mounts.some((d) => path.startsWith(`${d}/`));
      return file(written, uid, inVolume ? fsGroup : gid);
    }
    if (listDir(sh, path) !== undefined) {
      // A volume's mount point (fsGroup's, setgid and writable by all for an emptyDir), /tmp,
      // or a directory on the way.
      if (path === '/tmp') return dir('drwxrwxrwt', 2, 4096);
      if (path === '/') return dir('drwxr-xr-x', 1, 4096);
      const shared = mounts.includes(path) && fsGroup !== undefined;
      return shared ? dir('drwxrwsrwx', 2, 4096, fsGroup) : dir('drwxr-xr-x', 2, 4096);
    }
    const content = readFile(sh, path);
    return typeof content === 'string' ? file(content, 0, 0) : content;
  };
  return {
    family: shellFamily(sh.repo),
    abs: (p) => absPath(sh, p),
    list: (d) => listDir(sh, d, true),
    stat,
    // What the kubelet wrote (a volume's keys, its directories) dates from the pod's start.
    when: (path) => {
      const parent = path.slice(0, path.lastIndexOf('/')) || '/';
      const fromKubelet =
        sh.where.volumesAt !== undefined &&
        (atomicVolume(sh, path) !== undefined ||
          atomicVolume(sh, parent) !== undefined ||
          sh.where.files?.has(path) === true ||
          // A mount point's parent: the runtime made the mount point when it created the container.
          mounts.some((d) => d.startsWith(path === '/' ? '/' : `${path}/`)));
      return lsTime(sh, fromKubelet ? sh.where.volumesAt : undefined);
    },
  };
}

/**
 * The atomic writer's volume whose top directory is `dir`, if it is one: its timestamped
 * directory (`..2026_01_06_00_00_12.3904213842`: when the kubelet wrote it, and MkdirTemp's
 * random number) and whether it is a tmpfs (Secret and projected volumes are).
 */
function atomicVolume(sh: Shell, dir: string): { stamp: string; tmpfs: boolean } | undefined {
  const sa = dir === SA_DIR;
  if (!sa && !sh.where.readOnly?.includes(dir)) return undefined;
  const iso = sh.where.volumesAt ?? sh.where.now ?? '1970-01-01T00:00:00Z';
  const t = iso.slice(0, 19).replace(/[-T:]/g, '_');
  let h = 0x811c9dc5;
  for (const ch of `${sh.env?.get('HOSTNAME') ?? ''}${dir}`) {
    h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  }
  return { stamp: `..${t}.${h}`, tmpfs: sa || (sh.where.memory?.includes(dir) ?? false) };
}

/** ls's time column (busybox's and GNU's alike): `Nov 27 01:05` (written within six months). */
function lsTime(sh: Shell, when?: string): string {
  const iso = when ?? sh.where.now ?? (sh.startedAt ? at(sh.startedAt, sh.ms).toISOString() : '');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return 'Jan  1 00:00';
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
}

/** stress's sizes (`atoll_b`): a number of bytes with an optional b, k, m or g suffix (powers of 1024). */
function stressBytes(arg: string | undefined): number | undefined {
  const m = /^(\d+)([bBkKmMgG]?)$/.exec(arg ?? '');
  if (!m) return undefined;
  const unit = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? '').toLowerCase()];
  return Number(m[1]) * (unit ?? 1);
}

/**
 * `stress` (the polinux/stress image of the docs' memory and CPU pages): it dispatches its
 * workers and runs until `--timeout`. Its `--vm N` workers each hold `--vm-bytes` (256M unless
 * said) once allocated: the memory the kubelet weighs against the container's limit.
 */
function stressStep(args: readonly string[]): Step | undefined {
  const hogs = { cpu: 0, io: 0, vm: 0, hdd: 0 };
  let vmBytes = 256 * 1024 ** 2;
  let timeoutMs: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    const value = args[i + 1];
    const count = () => {
      i++;
      return /^\d+$/.test(value ?? '') ? Number(value) : undefined;
    };
    let n: number | undefined;
    if (a === '-c' || a === '--cpu') {
      n = count();
      if (n !== undefined) hogs.cpu = n;
    } else if (a === '-i' || a === '--io') {
      n = count();
      if (n !== undefined) hogs.io = n;
    } else if (a === '-m' || a === '--vm') {
      n = count();
      if (n !== undefined) hogs.vm = n;
    } else if (a === '-d' || a === '--hdd') {
      n = count();
      if (n !== undefined) hogs.hdd = n;
    } else if (a === '--vm-bytes') {
      i++;
      n = stressBytes(value);
      if (n !== undefined) vmBytes = n;
    } else if (a === '-t' || a === '--timeout') {
      i++;
      n = sleepMs(value);
      if (n !== undefined) timeoutMs = n;
    } else if (['--vm-hang', '--vm-stride', '--hdd-bytes', '--backoff'].includes(a)) {
      i++;
      n = 0;
    } else if (a === '--vm-keep' || a === '-v' || a === '--verbose' || a === '-q') n = 0;
    if (n === undefined) return undefined;
  }
  const output = `stress: info: [1] dispatching hogs: ${hogs.cpu} cpu, ${hogs.io} io, ${hogs.vm} vm, ${hogs.hdd} hdd\n`;
  const memoryBytes = hogs.vm * vmBytes;
  if (timeoutMs === undefined) return { ms: 0, output, forever: true, memoryBytes };
  const done = `stress: info: [1] successful run completed in ${Math.round(timeoutMs / 1000)}s\n`;
  return { ms: timeoutMs, output: output + done, memoryBytes };
}

/**
 * `id` of the process: busybox prints the supplementary groups as the kernel keeps them
 * (sorted); coreutils prints the primary gid first, then the others.
 */
function idLine(sh: Shell): string {
  const busybox = shellFamily(sh.repo) === 'busybox';
  const user = sh.where.user;
  if (!user) {
    return busybox
      ? 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n'
      : 'uid=0(root) gid=0(root) groups=0(root)\n';
  }
  const groups = busybox ? user.groups : [user.gid, ...user.groups.filter((g) => g !== user.gid)];
  return `uid=${idName(user.uid)} gid=${idName(user.gid, true)} groups=${groups.map((g) => idName(g, true)).join(',')}\n`;
}

/**
 * busybox `ps` (its default `-o pid,user,time,args`): PID 1, the container's program, and the
 * `ps` itself (the process that runs it when it is not PID 1). Only busybox images have it.
 */
function psStep(args: readonly string[], sh: Shell): Step | undefined {
  // busybox's ps takes `-o` and -T; it accepts (and ignores) procps' -e, -f, -l, -a, -A, -d
  // and leaves BSD-style words such as `aux` unread.
  if (shellFamily(sh.repo) !== 'busybox') return undefined;
  if (args.some((a) => (a.startsWith('-') ? !/^-[aAdefl]+$/.test(a) : !/^[a-zA-Z]+$/.test(a)))) {
    return undefined;
  }
  const uid = sh.where.user?.uid ?? 0;
  const userOf = (id: number) => (userName(id) ?? String(id)).slice(0, 8).padEnd(8, ' ');
  const row = (pid: number, cmd: string, id = uid) =>
    `${String(pid).padStart(5, ' ')} ${userOf(id)}  0:00 ${cmd}\n`;
  const pid1 = sh.where.pid1;
  const self = ['ps', ...args].join(' ');
  // The processes before the exec's own: PID 1, then each other (a few PIDs apart).
  const before = sh.where.processes ?? (pid1 === undefined ? [] : [{ cmd: pid1 }]);
  let rows = '';
  for (let i = 0; i < before.length; i++) {
    const p = before[i] as { cmd: string; uid?: number };
    rows += row(i === 0 ? 1 : 1 + 6 * i, p.cmd, p.uid);
  }
  rows += row(before.length === 0 ? 1 : 1 + 6 * before.length, self);
  return { ms: 0, output: `PID   USER     TIME  COMMAND\n${rows}` };
}

/** The time `date` tells in the shell, epoch milliseconds (as shellDate). */
function dateNowMs(sh: Shell): number {
  const t = Date.parse(sh.startedAt || (sh.where.now ?? ''));
  return (Number.isNaN(t) ? Date.parse(sh.startedAt) : t + sh.ms) || 0;
}

/** `date` at the shell's current time. */
function shellDate(sh: Shell): string {
  // A command run beside the program (exec) runs now; the program's own from its start.
  const t = Date.parse(sh.startedAt || (sh.where.now ?? ''));
  return goDate(Number.isNaN(t) ? sh.startedAt : new Date(t + sh.ms).toISOString());
}

/**
 * perl: only the Kubernetes docs' Job, `perl -Mbignum=bpi -wle 'print bpi(2000)'`, which prints
 * π to that many significant digits (computed here, a few seconds of CPU in the real image).
 */
function perlStep(args: readonly string[]): Step | undefined {
  const code = args.at(-1) ?? '';
  const flags = args.slice(0, -1);
  if (!flags.includes('-Mbignum=bpi') || !flags.some((f) => /^-w?le$|^-lw?e$/.test(f))) {
    return undefined;
  }
  const m = /^\s*print\s+bpi\(\s*(\d+)\s*\)\s*;?\s*$/.exec(code);
  const digits = Number(m?.[1]);
  if (!m || !(digits >= 1 && digits <= 10_000)) return undefined;
  return { ms: Math.max(500, Math.round(digits * 2)), output: `${piDigits(digits)}\n` };
}

/**
 * π to `n` significant digits as Math::BigFloat's bpi prints it (round half to even), by
 * Machin's formula π = 16·atan(1/5) − 4·atan(1/239) in fixed-point BigInt arithmetic.
 */
export function piDigits(n: number): string {
  const guard = 20;
  const scale = 10n ** BigInt(n + guard);
  const atanInv = (x: bigint): bigint => {
    // atan(1/x) = Σ (-1)^k / ((2k+1) x^(2k+1))
    let term = scale / x;
    let sum = term;
    const x2 = x * x;
    for (let k = 1n; term !== 0n; k++) {
      term /= x2;
      const t = term / (2n * k + 1n);
      sum += k % 2n === 1n ? -t : t;
    }
    return sum;
  };
  const pi = 16n * atanInv(5n) - 4n * atanInv(239n); // π · 10^(n+guard)
  // Keep n significant digits: one before the point, n-1 after.
  const drop = 10n ** BigInt(guard + 1);
  let kept = pi / drop;
  const rest = pi % drop;
  const half = drop / 2n;
  if (rest > half || (rest === half && kept % 2n === 1n)) kept += 1n;
  const text = kept.toString();
  return n === 1 ? text : `${text[0]}.${text.slice(1)}`;
}

/** The shell's own commands: they exist whatever the image holds. */
const SHELL_BUILTINS = new Set([
  'cd',
  'export',
  'readonly',
  'unset',
  'wait',
  'trap',
  'umask',
  'exec',
  'echo',
  'exit',
  'true',
  'false',
  ':',
  'pwd',
  'printf',
  'test',
  '[',
]);

/** Builtins of sh (ash, dash) and bash that are not simulated: a script using one runs on. */
const OTHER_BUILTINS = new Set([
  'read',
  'source',
  '.',
  'eval',
  'shift',
  'local',
  'return',
  'alias',
  'unalias',
  'type',
  'command',
  'hash',
  'ulimit',
  'getopts',
  'let',
  'break',
  'continue',
  'times',
  'jobs',
  'fg',
  'bg',
]);

/** How rm starts its complaint about `path`: busybox's words, or coreutils'. */
function cantRemove(sh: Shell, path: string): string {
  return shellFamily(sh.repo) === 'busybox'
    ? `rm: can't remove '${path}'`
    : `rm: cannot remove '${path}'`;
}

/**
 * Whether `path` lies in a volume mounted read-only, or, with a read-only root filesystem,
 * outside the container's writable mounts (rootfs.ts).
 */
function readOnlyPath(sh: Shell, given: string): boolean {
  const path = absPath(sh, given);
  if (sh.where.readOnly?.some((d) => path === d || path.startsWith(`${d}/`))) return true;
  return sh.where.readOnlyRoot === true && !writableOnReadOnlyRoot(path, sh.where.dirs);
}

/**
 * Why a write at `path` fails, if it does: a read-only mount or root (EROFS), or the AppArmor
 * profile confining the container denies it (EACCES).
 */
function writeRefusal(sh: Shell, path: string): string | undefined {
  if (readOnlyPath(sh, path)) return 'Read-only file system';
  return sh.where.writeDenied?.(absPath(sh, path)) ? 'Permission denied' : undefined;
}

/** The shell's message when a redirection cannot create its file (`why`: writeRefusal's). */
function cannotCreate(sh: Shell, shell: string, path: string, why: string): string {
  if (shell === 'bash') return `bash: line 1: ${path}: ${why}\n`;
  return shellFamily(sh.repo) === 'dash'
    ? `sh: 1: cannot create ${path}: ${why}\n`
    : `${shell}: can't create ${path}: ${why}\n`;
}

/** Write (or, with null, remove) a file at the shell's current time. */
function writeFile(sh: Shell, given: string, content: string | null, append: boolean): void {
  const path = absPath(sh, given);
  const before = append ? (readFile(sh, path) ?? '') : '';
  const next = content === null ? null : before + content;
  sh.files.set(path, next);
  sh.fileLog.push({ atMs: sh.ms, path, content: next });
}

/** `ping -c N HOST` (pingCommand.ts). */
function pingStep(args: readonly string[], sh: Shell): Step | undefined {
  const ns = sh.where.namespace ?? 'default';
  const { network, podIP, dns } = sh.where;
  const r = pingCommand(args, podIP, (host) => reach(host, 0, ns, network, podIP, dns));
  return r && { ms: r.ms, exitCode: r.exitCode, output: r.output };
}

/**
 * busybox `echo`'s options: `-n` (no newline), `-e` (read backslash escapes: `\n`, `\t`, `\\`,
 * `\c` ends the output), `-E` (don't), in any combination such as `-en`.
 */
function echoed(args: readonly string[]): { text: string; newline: boolean } {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length && /^-[neE]+$/.test(args[i] ?? ''); i++) {
    for (const flag of (args[i] ?? '').slice(1)) {
      if (flag === 'n') newline = false;
      else escapes = flag === 'e';
    }
  }
  let text = args.slice(i).join(' ');
  if (escapes) {
    const stop = text.indexOf('\\c');
    if (stop >= 0) {
      text = text.slice(0, stop);
      newline = false;
    }
    const ESCAPES: Record<string, string> = {
      n: '\n',
      t: '\t',
      r: '\r',
      '\\': '\\',
      a: '\x07',
      b: '\b',
      f: '\f',
      v: '\v',
    };
    text = text.replace(/\\([ntr\\abfv])/g, (_, ch: string) => ESCAPES[ch] ?? ch);
  }
  return { text, newline };
}

/** `date`'s default output in UTC, e.g. `Tue Jan  6 00:00:04 UTC 2026`. */
export function goDate(rfc3339: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * `until nslookup HOST; do BODY; done`: waits for the Service HOST names. HOST is read as
 * `service[.namespace[.svc.cluster.local]]`; a part that is not a plain DNS label (the docs'
 * `$(cat …/namespace)`) means the pod's own namespace. Undefined for any other script.
 */
function untilResolves(
  text: string,
  startedAt: string,
  env?: ReadonlyMap<string, string>,
  kind: NslookupKind = 'busybox-old',
): Program | undefined {
  const m = /^\s*until\s+nslookup\s+([^;]+?)\s*;\s*do\s+([\s\S]*?)\s*;?\s*done\s*;?\s*$/.exec(text);
  if (!m) return undefined;
  if (kind === 'busybox' && !/\.svc\.cluster\.local\.?$/.test(m[1] ?? '')) {
    // busybox's newer nslookup asks a dotted name as it is (NXDOMAIN), and a bare one under
    // every search domain, where all but one answer NXDOMAIN: either way it exits 1, so the
    // loop never ends (why the docs pin busybox:1.28, or use the full name).
    const steps = loopSteps(m[2] ?? '', {}, env);
    const periodMs = steps?.reduce((sum, s) => sum + (s.kind === 'sleep' ? s.ms : 0), 0) ?? 0;
    return steps && periodMs > 0
      ? { runs: 'forever', output: '', loop: { startMs: 0, periodMs, vars: {}, steps } }
      : { runs: 'forever', output: '' };
  }
  const [service = '', namespace] = (m[1] ?? '').split('.');
  if (!DNS_LABEL.test(service)) return undefined;
  const body = script(m[2] ?? '', startedAt, env);
  const pollMs = body?.runs === 'exits' && body.afterMs > 0 ? body.afterMs : 1000;
  const program: Program = {
    runs: 'until',
    service,
    pollMs,
    output: body?.output ?? '',
    lookup: m[1] ?? '',
    nslookup: kind,
  };
  if (namespace !== undefined && DNS_LABEL.test(namespace)) program.namespace = namespace;
  return program;
}

export type { Statement } from '../util/shellStatements.ts';

/**
 * A script's commands, split at `;`, newlines, `&&`, `||` and `|` outside quotes (and at `&`
 * as if it were `;`: the simulation does not run jobs in the background). Comments are dropped.
 */
function statements(text: string): Statement[] {
  const out: Statement[] = [];
  let op: Statement['op'] = ';';
  let cur = '';
  let quote = '';
  // Inside `case … in` (shellCase.ts): how many, and whether a clause's `PATTERN)` comes next.
  let cases = 0;
  let pattern = false;
  const push = (next: Statement['op']) => {
    const t = cur.trim();
    if (t !== '' || next !== ';') out.push({ text: t, op });
    if (t === 'esac' && cases > 0) {
      cases--;
      pattern = false;
    }
    cur = '';
    op = next;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (
      !quote &&
      /[\s;]/.test(ch) &&
      /^(?:(?:do|then|else)\s+)?case\s+[\s\S]+?\s+in$/.test(cur.trim())
    ) {
      // `case WORD in`: a statement of its own, then the first clause's pattern.
      push(';');
      cases++;
      pattern = true;
      continue;
    }
    if (quote) {
      if (ch === quote) quote = '';
      cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      cur += ch;
    } else if (ch === '#' && (cur === '' || /\s$/.test(cur))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (ch === '(' && text[i + 1] === '(') {
      // `((…))` and `$((…))`: arithmetic, whose `;` and `|` are not the shell's.
      let depth = 0;
      let j = i;
      for (; j < text.length; j++) {
        if (text[j] === '(') depth++;
        else if (text[j] === ')' && --depth === 0) break;
      }
      cur += text.slice(i, j + 1);
      i = j;
    } else if (cases > 0 && ch === ';' && (text[i + 1] === ';' || text[i + 1] === '&')) {
      // `;;` (or bash's `;&`, `;;&`) ends a clause: the next pattern follows.
      const end = /^;;?&?/.exec(text.slice(i))?.[0] ?? ';';
      push(';');
      out.push({ text: end, op: ';' });
      i += end.length - 1;
      pattern = true;
    } else if (pattern && cur.trim() !== 'esac' && (ch === '|' || ch === ')')) {
      // `a|b)`: the `|` separates patterns; the `)` ends them.
      cur += ch;
      if (ch === ')') {
        push(';');
        pattern = false;
      }
    } else if (ch === ';' || ch === '\n') push(';');
    else if (ch === '&' && text[i + 1] === '&') {
      push('&&');
      i++;
    } else if (ch === '|' && text[i + 1] === '|') {
      push('||');
      i++;
    } else if (ch === '|') push('|');
    else if (ch === '&' && text[i - 1] !== '>' && text[i + 1] !== '>') push(';');
    else cur += ch;
  }
  push(';');
  return splitKeywords(out.filter((s) => s.text !== ''));
}

/** Where a command's output goes: the log, a file, or nowhere (`/dev/null`). */
type Sink =
  | { kind: 'log'; stderr?: true }
  | { kind: 'file'; path: string; append: boolean }
  | { kind: 'null' };

/**
 * Split a command's redirections (`> f`, `>> f`, `2> f`, `2>&1`, `&> f`, `>/dev/null`) from its
 * words. Undefined when a redirection is one the simulation does not read (`<`, here-docs).
 */
function redirections(all: readonly Word[]): { argv: string[]; out: Sink; err: Sink } | undefined {
  const argv: string[] = [];
  let out: Sink = { kind: 'log' };
  let err: Sink = { kind: 'log', stderr: true };
  const sink = (path: string | undefined, append: boolean): Sink | undefined =>
    path === undefined || path === ''
      ? undefined
      : path === '/dev/null'
        ? { kind: 'null' }
        : { kind: 'file', path, append };
  for (let i = 0; i < all.length; i++) {
    const w = all[i];
    if (!w) continue;
    const m = w.quoted ? null : /^(\d?|&)(>>?|<)(&\d)?(.*)$/.exec(w.text);
    if (!m) {
      argv.push(w.text);
      continue;
    }
    const [, fd = '', op = '', dup, target0 = ''] = m;
    if (op === '<') return undefined;
    if (dup !== undefined) {
      if (target0 !== '') return undefined;
      if (fd === '2' && dup === '&1') err = out;
      else if ((fd === '' || fd === '1') && dup === '&2') out = err;
      else return undefined;
      continue;
    }
    const target = target0 !== '' ? target0 : all[++i]?.text;
    const s = sink(target, op === '>>');
    if (!s) return undefined;
    if (fd === '' || fd === '1') out = s;
    else if (fd === '2') err = s;
    else if (fd === '&') {
      out = s;
      err = s;
    } else return undefined;
  }
  return { argv, out, err };
}

/** The outcome of running a list of statements. */
export interface ScriptRun {
  follows?: Follow;
  status: number;
  output: string;
  /** Stopped at a command that runs for good (`sleep infinity`) or is not simulated. */
  forever: boolean;
  /** `exit` ended the script. */
  exited: boolean;
  /** `break` or `continue` left the rest of the loop's round (shellControl.ts). */
  jump?: 'break' | 'continue';
  /** `return` ended a function (with `exited`, so that every block stops on the way out). */
  returned?: true;
}

/**
 * Run statements in shell `sh`: `&&` and `||` as the shell reads them, `set -e`, variable
 * assignments, `for NAME in WORDS; do …; done`, `if`, `while`, `until`, `break`, `continue` and
 * `!` (shellControl.ts), redirections to files. An endless loop or a command the simulation does
 * not know stops the run as "runs for good".
 */
export function runStatements(list: readonly Statement[], sh: Shell, shell: string): ScriptRun {
  let status = 0;
  let output = '';
  let errexit = false;
  const date = () => shellDate(sh);
  for (let i = 0; i < list.length; i++) {
    const st = list[i];
    if (!st) continue;
    if (st.op === '|') return { status, output, forever: true, exited: false };
    if (list[i + 1]?.op === '|') {
      if ((st.op === '&&' && status !== 0) || (st.op === '||' && status === 0)) {
        while (list[i + 1]?.op === '|') i++;
        continue;
      }
      const run = pipeline(list, i, sh, shell, status);
      if (!run) return { status, output, forever: true, exited: false };
      output += run.text;
      sh.printed.push(...run.parts);
      status = run.status;
      i = run.last;
      continue;
    }
    if (/^!\s/.test(st.text)) {
      // `! CMD`: its status negated.
      if ((st.op === '&&' && status !== 0) || (st.op === '||' && status === 0)) continue;
      const r = runStatements([{ text: st.text.replace(/^!\s+/, ''), op: ';' }], sh, shell);
      output += r.output;
      if (r.forever || r.exited) return { ...r, output };
      status = r.status === 0 ? 1 : 0;
      continue;
    }
    const loop = /^for\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\b(.*)$/.exec(st.text);
    /**
     * `BLOCK | CMD…`: what the block printed (since `before`) is the pipeline's input; its errors
     * stay printed. False when the pipeline is not simulated.
     */
    const pipeFrom = (end: number, before: { output: string; printed: number }): boolean => {
      const printed = sh.printed.splice(before.printed);
      const errors = printed.filter((p) => p.stderr);
      sh.printed.push(...errors);
      output = before.output + errors.map((p) => p.text).join('');
      const input = printed
        .filter((p) => !p.stderr)
        .map((p) => p.text)
        .join('');
      const run = pipeline(list, end + 1, sh, shell, status, input);
      if (!run) return false;
      output += run.text;
      sh.printed.push(...run.parts);
      status = run.status;
      i = run.last;
      return true;
    };
    if (/^(while|until|if|case)(\s|$)/.test(st.text) || /^for\s*\(\(/.test(st.text)) {
      // shellControl.ts: if/elif/else/fi, while and until; shellCase.ts: case; bash's
      // `for ((…))`.
      const block = blockAt(list, i, shell, shellFamily(sh.repo));
      if (!block) return { status, output, forever: true, exited: false };
      if (block.kind === 'error') {
        // busybox ash and dash have no arithmetic for: a syntax error ends the script.
        output += block.error;
        sh.printed.push({ atMs: sh.ms, text: block.error, stderr: true });
        return { status: 2, output, forever: false, exited: true };
      }
      i = block.end;
      if ((st.op === '&&' && status !== 0) || (st.op === '||' && status === 0)) continue;
      const run = (l: readonly Statement[]) => runStatements(l, sh, shell);
      const piped = list[block.end + 1]?.op === '|';
      const before = { output, printed: sh.printed.length };
      // `… done | head -N`: the loop ends once head has its lines (SIGPIPE).
      const limit = piped ? headLimit(list[block.end + 1]?.text ?? '') : undefined;
      const enough =
        limit === undefined ? undefined : () => stdoutLinesSince(sh, before.printed) >= limit;
      const r =
        block.kind === 'if'
          ? runIf(block, run)
          : block.kind === 'case'
            ? runCase(block, sh, shell, status, run)
            : block.kind === 'arith'
              ? runArithFor(block, sh, run, enough)
              : runLoop(block, sh, shell, run, enough);
      output += r.output;
      status = r.status;
      if (r.forever || r.exited || r.jump) return { ...r, output };
      if (piped && !pipeFrom(block.end, before))
        return { status, output, forever: true, exited: false };
      continue;
    }
    // A keyword out of place (`fi` with no `if`) is a syntax error: not simulated.
    if (/^(case|function|then|else|elif|fi|do|done|esac)(\s|$)/.test(st.text) && !loop) {
      return { status, output, forever: true, exited: false };
    }
    if ((st.op === '&&' && status !== 0) || (st.op === '||' && status === 0)) {
      if (loop) i = loopEnd(list, i);
      continue;
    }
    if (loop) {
      const end = loopEnd(list, i);
      const first = list[i + 1]?.text ?? '';
      if (end <= i || !/^do\b/.test(first)) return { status, output, forever: true, exited: false };
      const body: Statement[] = [];
      const firstBody = first.replace(/^do\b\s*/, '');
      if (firstBody !== '') body.push({ text: firstBody, op: ';' });
      body.push(...list.slice(i + 2, end));
      // Its words, expanded as a command's are.
      const itemText = substitute(loop[2] ?? '', sh, shell, status);
      if (itemText === undefined) return { status, output, forever: true, exited: false };
      const items = globbed(
        shellWords(itemText, (n) => lookupVar(sh, n), date),
        sh,
      ).map((w) => w.text);
      // `done | CMD`: the loop's output is the pipe's input.
      const piped = list[end + 1]?.op === '|';
      const limit = piped ? headLimit(list[end + 1]?.text ?? '') : undefined;
      const before = { output, printed: sh.printed.length };
      for (const item of items) {
        sh.locals.set(loop[1] ?? '', item);
        const r = runStatements(body, sh, shell);
        output += r.output;
        status = r.status;
        if (r.forever || r.exited) return { ...r, output, ...(piped ? { forever: true } : {}) };
        if (r.jump === 'break') break;
        if (limit !== undefined && stdoutLinesSince(sh, before.printed) >= limit) break;
      }
      i = end;
      if (piped && !pipeFrom(end, before)) return { status, output, forever: true, exited: false };
      continue;
    }
    const fn = functionAt(list, i);
    if (fn) {
      // `f() { …; }`: defined now, run when called (shellFunctions.ts).
      if ((st.op === '&&' && status !== 0) || (st.op === '||' && status === 0)) {
        i = fn.end;
        continue;
      }
      if (fn.end < 0) return { status, output, forever: true, exited: false };
      sh.functions ??= new Map();
      sh.functions.set(fn.name, fn.body);
      i = fn.end;
      status = 0;
      continue;
    }
    const ret = /^return(?:\s+(\d+))?$/.exec(st.text);
    if (ret && (sh.frames?.length ?? 0) > 0) {
      if ((st.op === '&&' && status !== 0) || (st.op === '||' && status === 0)) continue;
      const code = ret[1] === undefined ? status : Number(ret[1]) & 255;
      return { status: code, output, forever: false, exited: true, returned: true };
    }
    const jump = /^(break|continue)(?:\s+1)?$/.exec(st.text);
    if (jump) {
      const to = jump[1] === 'break' ? 'break' : 'continue';
      return { status: 0, output, forever: false, exited: false, jump: to };
    }
    if (/^set\s+[-+]/.test(st.text)) {
      // `set -e`, `set -x` (each command traced on stderr), `set -- ARGS`; other options
      // (`-u`, `-o pipefail`) are taken and not simulated.
      const words = st.text.split(/\s+/).slice(1);
      for (let k = 0; k < words.length; k++) {
        const w = words[k] ?? '';
        if (w === '--') {
          sh.params = words.slice(k + 1);
          break;
        }
        if (!/^[-+][a-zA-Z]+$/.test(w)) continue;
        const on = w.startsWith('-');
        // `-o NAME` (also at the end of a group: `-euo pipefail`).
        const named = w.endsWith('o') ? words[++k] : undefined;
        const letters = w.slice(1);
        if (named === 'errexit' || letters.includes('e')) errexit = on;
        if (named === 'xtrace' || letters.includes('x')) sh.xtrace = on;
      }
      status = 0;
      continue;
    }
    // `$?`, `$((…))` and `$(…)` first, as the shell expands them; one it cannot work out makes
    // the statement one the simulation does not run.
    const text = substitute(st.text, sh, shell, status);
    if (text === undefined) return { status, output, forever: true, exited: false };
    const assign = ASSIGN.exec(text);
    if (assign && !/\s/.test((assign[2] ?? '').replace(/'[^']*'|"[^"]*"/g, ''))) {
      const value = shellWords(assign[2] ?? '', (n) => lookupVar(sh, n), date)
        .map((w) => w.text)
        .join(' ');
      sh.locals.set(assign[1] ?? '', value);
      if (sh.xtrace) {
        const trace = `+ ${assign[1]}=${value}\n`;
        output += trace;
        sh.printed.push({ atMs: sh.ms, text: trace, stderr: true });
      }
      status = 0;
      continue;
    }
    const red = redirections(
      globbed(
        shellWords(text, (n) => lookupVar(sh, n), date),
        sh,
      ),
    );
    if (!red || red.argv.length === 0) return { status, output, forever: true, exited: false };
    // A redirection into a read-only volume fails before the command runs.
    const blocked = [red.out, red.err].find(
      (sink) => sink.kind === 'file' && writeRefusal(sh, sink.path),
    );
    if (blocked?.kind === 'file') {
      const error = cannotCreate(
        sh,
        shell,
        blocked.path,
        writeRefusal(sh, blocked.path) ?? 'Read-only file system',
      );
      output += error;
      sh.printed.push({ atMs: sh.ms, text: error, stderr: true });
      status = 1;
      continue;
    }
    if (sh.xtrace) {
      // `set -x`: the command as it runs, on stderr.
      const trace = `+ ${red.argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`)).join(' ')}\n`;
      output += trace;
      sh.printed.push({ atMs: sh.ms, text: trace, stderr: true });
    }
    const called = sh.functions?.get(red.argv[0] ?? '');
    if (called && red.out.kind === 'log' && red.err.kind === 'log') {
      const r = callFunction(sh, called, red.argv.slice(1), (body) =>
        runStatements(body, sh, shell),
      );
      output += r.output;
      if (r.forever || (r.exited && !r.returned)) return { ...r, output };
      status = r.status;
      if (errexit && status !== 0 && list[i + 1]?.op !== '||' && list[i + 1]?.op !== '&&')
        return { status, output, forever: false, exited: true };
      continue;
    }
    if (red.argv[0] === 'local' && sh.frames?.length) {
      localVars(sh, red.argv.slice(1));
      status = 0;
      continue;
    }
    const s = step(red.argv, sh, shell);
    if (!s) return { status, output, forever: true, exited: false };
    const deliver = (sink: Sink, text: string | undefined) => {
      if (!text) return;
      if (sink.kind === 'log') {
        output += text;
        sh.printed.push({ atMs: sh.ms, text, ...(sink.stderr ? { stderr: true as const } : {}) });
      } else if (sink.kind === 'file') writeFile(sh, sink.path, text, sink.append);
    };
    // A redirection to a file creates (or empties) it even when nothing is written.
    for (const sink of [red.out, red.err]) {
      if (sink.kind === 'file' && !sink.append) writeFile(sh, sink.path, '', false);
    }
    deliver(red.out, s.output);
    deliver(red.err, s.error);
    if (s.forever) {
      const r: ScriptRun = { status, output, forever: true, exited: false };
      if (s.follows) r.follows = s.follows;
      return r;
    }
    sh.ms += s.ms;
    status = s.exitCode ?? 0;
    if (red.argv[0] === 'exit' || (red.argv[0] === 'exec' && red.argv.length > 1)) {
      return { status, output, forever: false, exited: true };
    }
    if (errexit && status !== 0 && list[i + 1]?.op !== '||' && list[i + 1]?.op !== '&&') {
      return { status, output, forever: false, exited: true };
    }
  }
  return { status, output, forever: false, exited: false };
}

/**
 * `case WORD in …`: the word expanded, then the first clause whose pattern matches runs (bash's
 * `;&` runs on into the next clause, `;;&` tests the next patterns). Its status is the clause's,
 * 0 when none matched.
 */
function runCase(
  block: CaseBlock,
  sh: Shell,
  shell: string,
  status: number,
  run: (list: readonly Statement[]) => ScriptRun,
): ScriptRun {
  const expand = (text: string) => {
    const t = substitute(text, sh, shell, status);
    return t === undefined
      ? undefined
      : shellWords(
          t,
          (n) => lookupVar(sh, n),
          () => shellDate(sh),
        )
          .map((w) => (w.quoted ? w.text.replace(/[*?[\\]/g, '\\$&') : w.text))
          .join(' ');
  };
  const word = substitute(block.word, sh, shell, status);
  if (word === undefined) return { status, output: '', forever: true, exited: false };
  const value = shellWords(
    word,
    (n) => lookupVar(sh, n),
    () => shellDate(sh),
  )
    .map((w) => w.text)
    .join(' ');
  let output = '';
  let result = 0;
  let falling = false;
  for (const clause of block.clauses) {
    if (!falling) {
      const patterns = clause.patterns.map(expand);
      if (patterns.some((p) => p === undefined))
        return { status, output, forever: true, exited: false };
      if (!patterns.some((p) => caseMatch(value, p ?? ''))) continue;
    }
    const r = clause.body.length > 0 ? run(clause.body) : undefined;
    if (r) {
      output += r.output;
      result = r.status;
      if (r.forever || r.exited || r.jump) return { ...r, output };
    } else result = 0;
    if (clause.end === undefined) break;
    falling = clause.end === ';&';
  }
  return { status: result, output, forever: false, exited: false };
}

/** bash's `for ((INIT; COND; STEP))`: the body while COND is not 0 (an empty COND is 1). */
function runArithFor(
  block: { init: string; cond: string; step: string; body: Statement[] },
  sh: Shell,
  run: (list: readonly Statement[]) => ScriptRun,
  enough?: () => boolean,
): ScriptRun {
  const calc = (expr: string): number | undefined => {
    if (expr.trim() === '') return 1;
    const r = arithmeticResult(expr.trim(), {
      get: (n) => lookupVar(sh, n),
      set: (n, value) => {
        sh.locals.set(n, value);
      },
    });
    return 'value' in r ? Number(r.value) : undefined;
  };
  if (calc(block.init) === undefined)
    return { status: 1, output: '', forever: true, exited: false };
  let output = '';
  let status = 0;
  for (let round = 0; round < LOOP_LIMIT; round++) {
    const c = calc(block.cond);
    if (c === undefined) return { status: 1, output, forever: true, exited: false };
    if (c === 0) return { status, output, forever: false, exited: false };
    const r = run(block.body);
    output += r.output;
    status = r.status;
    if (r.forever || r.exited) return { ...r, output };
    if (r.jump === 'break' || enough?.())
      return { status: 0, output, forever: false, exited: false };
    if (calc(block.step) === undefined) return { status: 1, output, forever: true, exited: false };
  }
  // Still going: not simulated (it would run until stopped).
  return { status, output, forever: true, exited: false };
}

/** Rounds bash's `for ((…))` may run in a container before the simulation stops trying. */
const LOOP_LIMIT = 1000;

/** How many lines `head` reads before it exits (`head`, `head -n N`, `head -N`), else undefined. */
function headLimit(text: string): number | undefined {
  const m = /^head(?:\s+(?:-n\s*|-)(\d+))?\s*$/.exec(text);
  return m ? Number(m[1] ?? 10) : undefined;
}

/** A block of a script: if/while/until, case, bash's `for ((…))`, or the shell's syntax error. */
type ScriptBlock =
  | NonNullable<ReturnType<typeof controlBlock>>
  | (CaseBlock & { kind: 'case' })
  | { kind: 'arith'; init: string; cond: string; step: string; body: Statement[]; end: number }
  | { kind: 'error'; error: string };

/** The block starting at statement `i` (see ScriptBlock), or undefined when not simulated. */
function blockAt(
  list: readonly Statement[],
  i: number,
  shell: string,
  family: string,
): ScriptBlock | undefined {
  const text = list[i]?.text ?? '';
  if (/^case\s/.test(text)) {
    const block = caseBlock(list, i);
    return block ? { ...block, kind: 'case' } : undefined;
  }
  const arith = /^for\s*\(\(([^;]*);([^;]*);([^;]*)\)\)$/.exec(text);
  if (arith || /^for\s*\(\(/.test(text)) return arithFor(list, i, arith, shell, family);
  return controlBlock(list, i, true);
}

/** bash's `for ((INIT; COND; STEP)); do …; done`; ash and dash refuse it. */
function arithFor(
  list: readonly Statement[],
  i: number,
  arith: RegExpExecArray | null,
  shell: string,
  family: string,
): ScriptBlock | undefined {
  if (shell !== 'bash') {
    return {
      kind: 'error',
      error:
        family === 'dash'
          ? `${shell}: 1: Syntax error: Bad for loop variable\n`
          : `${shell}: syntax error: bad for loop variable\n`,
    };
  }
  const end = loopEnd(list, i);
  if (!arith || end < 0 || !/^do\b/.test(list[i + 1]?.text ?? '')) return undefined;
  const body: Statement[] = [];
  const first = (list[i + 1]?.text ?? '').replace(/^do\b\s*/, '');
  if (first !== '') body.push({ text: first, op: ';' });
  body.push(...list.slice(i + 2, end));
  return {
    kind: 'arith',
    init: arith[1] ?? '',
    cond: arith[2] ?? '',
    step: arith[3] ?? '',
    body,
    end,
  };
}

/**
 * Pathname expansion of unquoted words with `*` or `?`: the known files of the directory that
 * match, sorted; a pattern that matches none stays as it is (as sh leaves it).
 */
function globbed(words: Word[], sh: Shell): Word[] {
  if (!words.some((w) => !w.quoted && /[*?]/.test(w.text))) return words;
  const out: Word[] = [];
  for (const w of words) {
    const slash = w.text.lastIndexOf('/');
    const dir = slash < 0 ? '' : w.text.slice(0, slash);
    const pattern = w.text.slice(slash + 1);
    if (w.quoted || !/[*?]/.test(pattern) || /[*?]/.test(dir)) {
      out.push(w);
      continue;
    }
    const names = listDir(sh, dir === '' ? (slash === 0 ? '/' : sh.cwd) : dir);
    const re = new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
    const hits = (names ?? []).filter(
      (n) => re.test(n) && (pattern.startsWith('.') || !n.startsWith('.')),
    );
    if (hits.length === 0) out.push(w);
    else for (const n of hits) out.push({ text: slash < 0 ? n : `${dir}/${n}`, quoted: false });
  }
  return out;
}

/**
 * `A | B | …`: A's output is B's input, and so on; what the last prints goes to the log (or
 * the file it is redirected to); the status is the last's. The filters are those of
 * textFilter. Undefined when a part is not simulated.
 */
function pipeline(
  list: readonly Statement[],
  first: number,
  sh: Shell,
  shell: string,
  status: number,
  /** What flows into the first command (a loop's output), if anything. */
  piped?: string,
): { text: string; parts: TimedOutput[]; status: number; last: number } | undefined {
  let input: string | undefined = piped;
  let text = '';
  const parts: TimedOutput[] = [];
  const print = (chunk: string, sink: Sink) => {
    text += chunk;
    parts.push({
      atMs: sh.ms,
      text: chunk,
      ...(sink.kind === 'log' && sink.stderr ? { stderr: true as const } : {}),
    });
  };
  let code = 0;
  let i = first;
  for (; ; i++) {
    const st = list[i];
    if (!st) return undefined;
    const expanded = substitute(st.text, sh, shell, status);
    if (expanded === undefined) return undefined;
    const words = shellWords(
      expanded,
      (n) => lookupVar(sh, n),
      () => shellDate(sh),
    );
    const red = redirections(globbed(words, sh));
    if (!red || red.argv.length === 0) return undefined;
    const lastPart = list[i + 1]?.op !== '|';
    const cmd = red.argv[0]?.split('/').pop() ?? '';
    const s =
      input === undefined
        ? step(red.argv, sh, shell)
        : cmd === 'cat' && red.argv.length === 1
          ? { ms: 0, output: input }
          : (textFilter(sh, cmd, red.argv.slice(1), input) ??
            (IGNORES_STDIN.has(cmd) ? step(red.argv, sh, shell) : undefined));
    if (!s || s.forever) return undefined;
    sh.ms += s.ms;
    code = s.exitCode ?? 0;
    // Each stream goes where it is sent: down the pipe (stdout, or stderr after 2>&1) unless
    // this is the last command, to the terminal (log), to a file, or nowhere.
    const piped = (sink: Sink) => !lastPart && sink.kind === 'log' && !sink.stderr;
    // A redirection to a file creates (or empties) it even when nothing is written.
    for (const sink of [red.out, red.err]) {
      if (sink.kind === 'file' && !sink.append) writeFile(sh, sink.path, '', false);
    }
    const send = (sink: Sink, chunk: string | undefined) => {
      if (!chunk || piped(sink)) return;
      if (sink.kind === 'log') print(chunk, sink);
      else if (sink.kind === 'file') writeFile(sh, sink.path, chunk, true);
    };
    send(red.err, s.error);
    send(red.out, s.output);
    if (!lastPart) {
      input = (piped(red.err) ? (s.error ?? '') : '') + (piped(red.out) ? s.output : '');
      continue;
    }
    break;
  }
  return { text, parts, status: code, last: i };
}

/** `sed -i` saving a file: refused on a read-only mount (sed first makes a temporary file). */
function sedWrite(sh: Shell, path: string, content: string): string | undefined {
  if (readOnlyPath(sh, path)) {
    const abs = absPath(sh, path);
    const dir = abs.slice(0, abs.lastIndexOf('/')) || '/';
    return shellFamily(sh.repo) === 'busybox'
      ? `sed: can't create '${abs}': Read-only file system\n`
      : `sed: couldn't open temporary file ${dir === '/' ? '' : dir}/sedXXXXXX: Read-only file system\n`;
  }
  writeFile(sh, path, content, false);
  return undefined;
}

/** Commands that do not read their input: in a pipe they run as alone (`false | true`). */
const IGNORES_STDIN = new Set([
  'true',
  'false',
  ':',
  'echo',
  'printf',
  'seq',
  'date',
  'hostname',
  'sleep',
  'ls',
  'env',
  'printenv',
  'uname',
  'id',
  'whoami',
  'pwd',
]);

/**
 * The text tools a learner pipes into (coreutils.ts: busybox's and GNU's forms): grep, head,
 * tail, wc, sort, uniq, tr, cut, reading `input` or, when it is undefined, the files named.
 * Undefined for a form not simulated.
 */
function textFilter(
  sh: Shell,
  cmd: string,
  args: readonly string[],
  input: string | undefined,
): Step | undefined {
  const read = (path: string) => readFile(sh, path);
  const family = shellFamily(sh.repo);
  switch (cmd) {
    case 'grep':
      return grepTool(args, input, read);
    case 'head':
    case 'tail':
      return headTailTool(cmd, args, input, read, family);
    case 'wc':
      return wcTool(args, input, read, family);
    case 'sort':
    case 'uniq':
      return sortUniqTool(cmd, args, input, read, family);
    case 'tr':
      return trTool(args, input);
    case 'cut':
      return cutTool(args, input, read);
    case 'awk':
      return awkTool(args, input, read, family);
    case 'sed':
      return sedTool(args, input, read, family, (path, content) => sedWrite(sh, path, content));
    default:
      return undefined;
  }
}

/**
 * A statement with `$?` (the last status), `$((…))` (integer arithmetic) and `$(…)` or
 * backquotes (the output of a command, trailing newlines dropped) replaced by their values,
 * outside single quotes; `$(date)` is left to shellWords. Undefined when one of them cannot be
 * worked out (a command not simulated, arithmetic it does not read).
 */
function substitute(text: string, sh: Shell, shell: string, status: number): string | undefined {
  if (!/\$[?(0-9$#@*!{-]|`|\\|\$(RANDOM|SECONDS|LINENO)\b/.test(text)) return text;
  const scope: ParamScope = {
    arg0: sh.arg0 ?? shell,
    params: sh.params ?? [],
    pid: sh.pid ?? 1,
    lookup: (name) => lookupVar(sh, name),
    assign: (name, value) => sh.locals.set(name, value),
    // ash and bash keep a random number and the seconds run in RANDOM and SECONDS (dash has
    // neither: they expand to nothing); every shell counts lines in LINENO.
    unknown: (name) =>
      name === 'LINENO' ||
      ((shell === 'bash' || shellFamily(sh.repo) === 'busybox') &&
        (name === 'RANDOM' || name === 'SECONDS')),
  };
  let out = '';
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quote === "'") {
      if (c === "'") quote = undefined;
      out += c;
      continue;
    }
    if (c === "'" && quote === undefined) quote = "'";
    else if (c === '"') quote = quote === '"' ? undefined : '"';
    // A backslash that quotes (`\$`, `\"`, or any outside quotes) is not read by shellWords.
    if (c === '\\' && (quote === undefined || /[$`"\\\n]/.test(text[i + 1] ?? ''))) {
      return undefined;
    }
    if (c === '$' && text[i + 1] === '?') {
      out += String(status);
      i++;
      continue;
    }
    if (c === '$' && text[i + 1] !== '(') {
      const p = parameterAt(text, i, scope, quote === '"');
      if (p === undefined) return undefined;
      if (typeof p === 'object') {
        out += p.value;
        i += p.length - 1;
        continue;
      }
    }
    if (c === '$' && text.startsWith('$((', i)) {
      const end = text.indexOf('))', i + 3);
      if (end < 0) return undefined;
      const value = arithmetic(text.slice(i + 3, end), sh);
      if (value === undefined) return undefined;
      out += String(value);
      i = end + 1;
      continue;
    }
    const backquote = c === '`';
    if ((c === '$' && text[i + 1] === '(') || backquote) {
      const start = i + (backquote ? 1 : 2);
      let end = -1;
      if (backquote) end = text.indexOf('`', start);
      else {
        let depth = 1;
        for (let j = start; j < text.length; j++) {
          if (text[j] === '(') depth++;
          else if (text[j] === ')' && --depth === 0) {
            end = j;
            break;
          }
        }
      }
      if (end < 0) return undefined;
      const inner = text.slice(start, end).trim();
      if (inner === 'date') {
        // shellWords expands `$(date)` itself (a loop's rounds each have their own date).
        out += '$(date)';
      } else {
        const saved = sh.printed.length;
        const r = runStatements(statements(inner), sh, shell);
        // Its stdout is the value; what it writes to stderr still reaches the terminal (log).
        const printed = sh.printed.splice(saved);
        sh.printed.push(...printed.filter((p) => p.stderr));
        if (r.forever) return undefined;
        const value = printed
          .filter((p) => !p.stderr)
          .map((p) => p.text)
          .join('')
          .replace(/\n+$/, '');
        // The value is put back in the text for shellWords: one with quotes or expansions
        // of its own would be read again (not simulated).
        if (/['"`$\\]/.test(value)) return undefined;
        out += value;
      }
      i = end;
      continue;
    }
    out += c;
  }
  return out;
}

/** `$((expr))` (util/shellArithmetic.ts): undefined when it has no value here. */
function arithmetic(expr: string, sh: Shell): number | undefined {
  const v = evalArithmetic(expr, (name) => lookupVar(sh, name));
  return typeof v === 'number' ? v : undefined;
}

/** The index of the `done` closing the `for` at `start` (nested loops counted), or -1. */
function loopEnd(list: readonly Statement[], start: number): number {
  let depth = 0;
  for (let i = start; i < list.length; i++) {
    const t = list[i]?.text ?? '';
    if (/^(for|while|until)\b/.test(t)) depth++;
    if (/^done\b/.test(t) || /\bdone$/.test(t)) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Run a `sh -c` script: its output, how long it runs, its exit status, the files it wrote. */
function script(
  text: string,
  startedAt: string,
  env?: ReadonlyMap<string, string>,
  sh: Shell = newShell('', startedAt, env ? { vars: env } : {}),
  shell = 'sh',
): Program {
  const r = runStatements(statements(text), sh, shell);
  // Both streams, in order (what a command substitution wrote to stderr too).
  const output = sh.printed.map((p) => p.text).join('');
  const files = sh.fileLog.length > 0 ? { files: sh.fileLog } : {};
  // Printed over time (a sleep between two echoes): each part keeps its moment.
  const timed = sh.printed.some((p) => p.atMs > 0) ? { timed: sh.printed } : {};
  if (r.forever) {
    return {
      runs: 'forever',
      output,
      ...timed,
      ...files,
      ...(r.follows ? { follows: r.follows } : {}),
      ...(sh.endless ? { rounds: sh.endless } : {}),
    };
  }
  return {
    runs: 'exits',
    afterMs: sh.ms,
    exitCode: r.status & 255,
    output,
    ...timed,
    ...files,
  };
}

/** One command of a loop's body. */
type LoopStep =
  | {
      kind: 'echo';
      text: string;
      newline: boolean;
      /** `>> FILE`: written to that file, not the log (`/dev/null`: nowhere). */
      file?: string;
      /** `> FILE`: the round's write empties the file first. */
      truncates?: boolean;
    }
  /** Text printed as it is (printenv's values). */
  | { kind: 'print'; text: string }
  | { kind: 'sleep'; ms: number }
  | { kind: 'add'; name: string; by: number };

/**
 * `while true; do BODY; done` (or `while :`), after some set-up: shell variables with their
 * starting values, and a body of echo (with `$i`, `${i}`, `$(date)` expanded), date, sleep and
 * `i=$((i+1))`-style counters. One round lasts `periodMs`, the sum of its sleeps.
 */
export interface Loop {
  /** When the first round starts, after the set-up's own sleeps. */
  startMs: number;
  periodMs: number;
  vars: Readonly<Record<string, string>>;
  steps: readonly LoopStep[];
}

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const ASSIGN = new RegExp(`^(${NAME})=(.*)$`);
/** `i=$((i+1))`, `i=$(( $i + 2 ))`, `i=$((i-1))`. */
const COUNTER = new RegExp(`^(${NAME})=\\$\\(\\(\\s*\\$?(${NAME})\\s*([+-])\\s*(\\d+)\\s*\\)\\)$`);
/** What an echo may expand: `$i`, `${i}`, `$(date)`, `` `date` ``. Anything else with `$` is not read. */
const EXPANSION = new RegExp(`\\$\\{(${NAME})\\}|\\$(${NAME})|\\$\\(date\\)|\`date\``, 'g');

/** The steps of a loop body, or undefined when it holds anything not simulated. */
function loopSteps(
  body: string,
  vars: Record<string, string>,
  env: ReadonlyMap<string, string> | undefined,
): LoopStep[] | undefined {
  const steps: LoopStep[] = [];
  for (const part of body.split(/;|&&|\n/)) {
    const text = part.trim();
    if (text === '' || text === ':' || text === 'true') continue;
    const counter = COUNTER.exec(text);
    if (counter) {
      const [, name = '', from = '', sign, by = '0'] = counter;
      if (name !== from || !(name in vars)) return undefined;
      steps.push({ kind: 'add', name, by: (sign === '-' ? -1 : 1) * Number(by) });
      continue;
    }
    // Redirections are read from the words as written (nothing expanded yet).
    const red = redirections(shellWords(text, undefined, () => ''));
    if (!red) return undefined;
    const argv = red.argv;
    const cmd = argv[0]?.split('/').pop();
    const file =
      red.out.kind === 'file' ? red.out.path : red.out.kind === 'null' ? '/dev/null' : undefined;
    if (file !== undefined && cmd !== 'echo' && cmd !== 'date') return undefined;
    const truncates = red.out.kind === 'file' && !red.out.append ? { truncates: true } : {};
    if (cmd === 'echo') {
      const { text: said, newline } = echoed(argv.slice(1));
      // Every `$` must be a known expansion: a variable set before the loop, or `$(date)`.
      const leftover = said.replace(EXPANSION, (m, a?: string, b?: string) => {
        const name = a ?? b;
        return name === undefined || name in vars ? '' : m;
      });
      if (leftover.includes('$') || leftover.includes('`')) return undefined;
      steps.push(
        file === undefined
          ? { kind: 'echo', text: said, newline }
          : { kind: 'echo', text: said, newline, file, ...truncates },
      );
    } else if (cmd === 'date' && argv.length === 1) {
      steps.push(
        file === undefined
          ? { kind: 'echo', text: '$(date)', newline: true }
          : { kind: 'echo', text: '$(date)', newline: true, file, ...truncates },
      );
    } else if (cmd === 'printenv') {
      // Only exported variables: the process environment, not the loop's own.
      const s = step(argv, newShell('', '', env ? { vars: env } : {}));
      if (!s) return undefined;
      if (s.output !== '') steps.push({ kind: 'print', text: s.output });
    } else if (cmd === 'sleep') {
      const ms = sleepMs(argv[1]);
      if (ms === undefined || !Number.isFinite(ms)) return undefined;
      steps.push({ kind: 'sleep', ms });
    } else return undefined;
  }
  return steps;
}

/**
 * `SETUP; while true; do BODY; done`: the loop, or undefined when the script is not such a loop
 * of simulated commands. SETUP may set variables (`i=0`) and run the one-shot steps.
 */
function endlessLoop(
  text: string,
  startedAt: string,
  env?: ReadonlyMap<string, string>,
): Program | undefined {
  const flat = text.replace(/\n/g, ';');
  const m = /^([\s\S]*?)\bwhile\s+(?:true|:)\s*;\s*do\b\s*;?([\s\S]*?);?\s*done\s*;?\s*$/.exec(
    flat,
  );
  if (!m) return undefined;
  // The environment's variables are the shell's too (a loop may echo `$HOSTNAME`).
  const vars: Record<string, string> = env ? Object.fromEntries(env) : {};
  let output = '';
  let startMs = 0;
  for (const part of (m[1] ?? '').split(/;|&&/)) {
    const t = part.trim();
    if (t === '') continue;
    const assign = ASSIGN.exec(t);
    if (assign && !t.includes('$')) {
      vars[assign[1] ?? ''] = words(assign[2] ?? '').join(' ');
      continue;
    }
    const s = step(
      expandedWords(t, env, startedAt),
      newShell('', startedAt, env ? { vars: env } : {}),
    );
    if (!s || s.forever || (s.exitCode ?? 0) !== 0) return undefined;
    output += s.output;
    startMs += s.ms;
  }
  const steps = loopSteps(m[2] ?? '', vars, env);
  if (!steps) return undefined;
  const periodMs = steps.reduce((sum, s) => sum + (s.kind === 'sleep' ? s.ms : 0), 0);
  // A loop that never sleeps would print without end at once: not simulated.
  if (periodMs <= 0) return undefined;
  return { runs: 'forever', output, loop: { startMs, periodMs, vars, steps } };
}

/** Rounds of a loop kept for `kubectl logs`: the last ones, as a terminal could hold. */
export const LOOP_LOG_ROUNDS = 10_000;

/**
 * The lines a loop has printed from `startMs` (epoch ms the container started) to `endMs`, each
 * with the time it was written. Counters move by the same amount every round, so any round's
 * values are known without running the ones before it; only the last LOOP_LOG_ROUNDS rounds
 * are returned.
 */
export function loopLines(
  loop: Loop,
  startMs: number,
  endMs: number,
  file?: string,
): { at: number; text: string }[] {
  const first = startMs + loop.startMs;
  if (endMs < first) return [];
  const rounds = Math.floor((endMs - first) / loop.periodMs) + 1;
  const from = Math.max(0, rounds - LOOP_LOG_ROUNDS);
  const perRound: Record<string, number> = {};
  for (const s of loop.steps)
    if (s.kind === 'add') perRound[s.name] = (perRound[s.name] ?? 0) + s.by;
  const out: { at: number; text: string }[] = [];
  for (let r = from; r < rounds; r++) {
    let at = first + r * loop.periodMs;
    const values: Record<string, string> = {};
    for (const [name, v] of Object.entries(loop.vars)) {
      values[name] =
        perRound[name] === undefined ? v : String(Number(v || 0) + r * (perRound[name] ?? 0));
    }
    for (const s of loop.steps) {
      if (at > endMs) break;
      if (s.kind === 'sleep') at += s.ms;
      else if (s.kind === 'add') values[s.name] = String(Number(values[s.name] || 0) + s.by);
      else if (s.kind === 'print') {
        if (file === undefined) pushLines(out, at, s.text);
      } else if (s.file !== file) {
        // Written elsewhere: to a file while the log is read, or the log while a file is.
      } else {
        const date = goDate(new Date(at).toISOString());
        const text = s.text.replace(EXPANSION, (m, a, b) =>
          m.startsWith('$(') || m.startsWith('`') ? date : (values[a ?? b ?? ''] ?? ''),
        );
        pushLines(out, at, s.newline ? `${text}\n` : text);
      }
    }
  }
  return out;
}

/** The files a loop writes (`>> FILE` in its body), by the paths as written. */
export function loopFiles(loop: Loop): string[] {
  const out = new Set<string>();
  for (const s of loop.steps)
    if (s.kind === 'echo' && s.file && s.file !== '/dev/null') out.add(s.file);
  return [...out];
}

/**
 * What file `path` holds at `endMs` (epoch ms) when a loop started at `startMs` writes it, and
 * when it was last written; undefined before the first write. Appends accumulate (the last
 * LOOP_LOG_ROUNDS rounds, as for the log); a `> FILE` write keeps only its round's text.
 */
export function loopFileContent(
  loop: Loop,
  startMs: number,
  endMs: number,
  path: string,
): { content: string; at: number } | undefined {
  let lines = loopLines(loop, startMs, endMs, path);
  const last = lines.at(-1);
  if (!last) return undefined;
  if (loop.steps.some((s) => s.kind === 'echo' && s.file === path && s.truncates)) {
    // Only the last round's writes (the round that wrote last).
    const first = startMs + loop.startMs;
    const round = first + Math.floor((last.at - first) / loop.periodMs) * loop.periodMs;
    lines = lines.filter((l) => l.at >= round);
  }
  return { content: lines.map((l) => l.text).join(''), at: last.at };
}

/** Add `text` line by line (each keeps its newline), so `--tail` counts lines. */
function pushLines(out: { at: number; text: string }[], at: number, text: string): void {
  for (const line of text.match(/[^\n]*\n|[^\n]+$/g) ?? []) out.push({ at, text: line });
}

/** A Service as a container sees it: its cluster IP and which of its ports have endpoints. */
export interface ServiceView {
  namespace: string;
  name: string;
  clusterIP: string;
  /**
   * The Service's ports (a pod's: those it listens on), whether they have endpoints, and the
   * endpoint kube-proxy sends a new connection to (the first; undefined where not known).
   */
  ports: readonly {
    port: number;
    ready: boolean;
    endpoint?: { ip: string; port: number };
    /** NetworkPolicy drops the client's TCP connections to it (policyNetwork.ts). */
    dropped?: boolean;
    /** … and its UDP datagrams (a DNS query to kube-dns). */
    droppedUdp?: boolean;
  }[];
  /** An ExternalName Service: the name cluster DNS answers a CNAME with. */
  externalName?: string;
  /** The image of a ready backend pod, when known: what answers an HTTP request. */
  backendImage?: string;
  /** That pod's name (its hostname). */
  backendPod?: string;
  /** A headless Service (cluster IP `None`): the ready pods' IPs its name resolves to. */
  addresses?: readonly string[];
  /** A headless Service's endpoints that have a hostname (`web-0`), by IP. */
  hostnames?: ReadonlyMap<string, string>;
  /** The names cluster DNS gives this address in its reverse zone (a pod's IP: its endpoints'). */
  ptr?: readonly string[];
  /** A pod's or a node's IP reached directly (not a Service: no name for DNS to tell). */
  direct?: boolean;
  /** NetworkPolicy drops the client's ICMP to this pod (no rule without ports opens it). */
  icmpDropped?: boolean;
  /**
   * When the backend is nginx serving a volume (its html directory, or a file in it, mounted):
   * the file at a URL path (string), or null when the volume has none; undefined where the
   * image's own files answer.
   */
  docRoot?: (path: string) => string | null | undefined;
}

/**
 * What a container can reach: cluster DNS (a Service name in a namespace) and kube-proxy's
 * rules behind a cluster IP. `host` is a Service name or a cluster IP; or a pod's IP (a view of
 * the pod: the ports its program listens on), or a node's IP with `port` (the Service whose
 * nodePort it is, its ports as that nodePort; none when no Service has it).
 */
export type Network = (namespace: string, host: string, port?: number) => ServiceView | undefined;

/** What the known server images listen on. */
const SERVER_PORTS: Readonly<Record<string, readonly number[]>> = {
  nginx: [80],
  httpd: [80],
  'hello-app': [8080],
  redis: [6379],
  postgres: [5432],
  mysql: [3306, 33060],
  mongo: [27017],
};

/**
 * The ports a container's program listens on: a known server image's own (with no command of
 * its own), else the ports it declares (for want of knowing better).
 */
export function servedPorts(
  image: string,
  declared: readonly { containerPort?: number }[] | undefined,
  hasCommand: boolean,
): number[] {
  const own = hasCommand ? undefined : SERVER_PORTS[repository(image)];
  if (own) return [...own];
  return (declared ?? []).flatMap((p) => (p.containerPort ? [p.containerPort] : []));
}

export { CLUSTER_DNS_IP };

/** The default page of the nginx image (`/usr/share/nginx/html/index.html`, 615 bytes). */
/** nginx's error page for 5xx statuses, in /usr/share/nginx/html (the image's 1.2x pages). */
const NGINX_50X = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

/**
 * The nginx image's /etc/nginx/conf.d/default.conf as its entrypoint leaves it (the
 * 10-listen-on-ipv6-by-default.sh script adds the `[::]:80` line, as the container's log says).
 */
const NGINX_DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }

    # proxy the PHP scripts to Apache listening on 127.0.0.1:80
    #
    #location ~ \\.php$ {
    #    proxy_pass   http://127.0.0.1;
    #}

    # pass the PHP scripts to FastCGI server listening on 127.0.0.1:9000
    #
    #location ~ \\.php$ {
    #    root           html;
    #    fastcgi_pass   127.0.0.1:9000;
    #    fastcgi_index  index.php;
    #    fastcgi_param  SCRIPT_FILENAME  /scripts$fastcgi_script_name;
    #    include        fastcgi_params;
    #}

    # deny access to .htaccess files, if Apache's document root
    # concurs with nginx's one
    #
    #location ~ /\\.ht {
    #    deny  all;
    #}
}

`;

/** Files of images known by content (what `cat` finds without anyone writing them). */
let imageFileMaps: Readonly<Record<string, ReadonlyMap<string, string>>> | undefined;

/** The known files of an image by repository (built on first use: the pages are defined below). */
function knownImageFiles(repo: string): ReadonlyMap<string, string> | undefined {
  imageFileMaps ??= {
    nginx: new Map([
      ['/usr/share/nginx/html/index.html', NGINX_INDEX],
      ['/usr/share/nginx/html/50x.html', NGINX_50X],
      ['/etc/nginx/conf.d/default.conf', NGINX_DEFAULT_CONF],
    ]),
  };
  return Object.hasOwn(imageFileMaps, repo) ? imageFileMaps[repo] : undefined;
}

/** The directories of an image's known files (each holds only those files). */
function imageDirs(repo: string): Set<string> {
  return new Set(
    [...(knownImageFiles(repo)?.keys() ?? [])].map((p) => p.slice(0, p.lastIndexOf('/'))),
  );
}

/** What the image holds at `path`, if the simulation knows its content. */
export function imageFile(image: string, path: string): string | undefined {
  return knownImageFiles(repository(image))?.get(path);
}

export const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** httpd's default page (`htdocs/index.html`). */
const HTTPD_INDEX = '<html><body><h1>It works!</h1></body></html>\n';

/** What a backend serves at `/`, by its image; undefined for an image whose page is unknown. */
function servedPage(svc: ServiceView, path = '/'): string | undefined {
  const image = svc.backendImage;
  if (image === undefined) return undefined;
  const fromVolume = svc.docRoot?.(indexPath(path));
  if (typeof fromVolume === 'string') return fromVolume;
  const repo = repository(image);
  if (repo === 'nginx') return NGINX_INDEX;
  if (repo === 'httpd') return HTTPD_INDEX;
  // gcr.io/google-samples/hello-app (the GKE tutorials' app) greets with its version and host.
  if (repo === 'hello-app') {
    const version = image.endsWith(':2.0') ? '2.0.0' : '1.0.0';
    return `Hello, world!\nVersion: ${version}\nHostname: ${svc.backendPod ?? ''}\n`;
  }
  return undefined;
}

/** The file a URL path asks for: a directory's `index.html`. */
function indexPath(path: string): string {
  const p = path.split('?')[0] ?? '/';
  return p.endsWith('/') ? `${p}index.html` : p;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** The pod's resolv.conf: its own (dnsPolicy, dnsConfig), else ClusterFirst's. */
function podDns(namespace: string, dns: PodDns | undefined): PodDns {
  return dns ?? clusterFirstDns(namespace);
}

/**
 * The answer of the pod's nameserver for `fqdn`: cluster DNS's; the node's resolver knows
 * nothing of the cluster domain (NXDOMAIN) and forwards the rest as CoreDNS does.
 */
function serverAnswer(
  kind: 'cluster' | 'upstream' | 'none',
  fqdn: string,
  network: Network | undefined,
): DnsReply | null | 'SERVFAIL' {
  if (kind === 'upstream' && /(^|\.)cluster\.local\.?$/i.test(fqdn)) return null;
  return dnsAnswer(fqdn, network);
}

/** Whether no nameserver of the pod answers (cluster DNS without CoreDNS, or no server at all). */
function dnsUnreachable(network: Network | undefined, dns: PodDns): boolean {
  const server = dnsServer(dns);
  return server.kind === 'none' || (server.kind === 'cluster' && clusterDnsDown(network));
}

/**
 * Top-level domains that exist: a name under one is forwarded by CoreDNS to the node's resolver
 * and answered from outside (not simulated). Under any other (`kubernetes.default.`,
 * `web.nginx.`) the root zone answers NXDOMAIN.
 */
const PUBLIC_TLDS = new Set(
  'com net org io dev app ai co me info biz edu gov mil int us uk de fr jp kr cn ru eu nl ca au in br it es ch se no pl be at cz tv cc xyz cloud site online tech sh'.split(
    ' ',
  ),
);

/** One address of an answer and the name cluster DNS gives it in its reverse zone, if any. */
interface DnsAddress {
  ip: string;
  ptr?: string;
  /** The Service whose cluster IP it is (what a connection to it reaches). */
  service?: ServiceView;
}

/**
 * Cluster DNS's reply to an A query: the CNAME records that lead to the addresses (an
 * ExternalName Service's, CoreDNS answers it with one), then the addresses (none: NODATA).
 */
interface DnsReply {
  cnames: readonly { name: string; target: string }[];
  addresses: DnsAddress[];
}

/** A reply of addresses alone. */
function addressReply(addresses: DnsAddress[]): DnsReply {
  return { cnames: [], addresses };
}

/**
 * How cluster DNS (CoreDNS, kubeadm's Corefile) answers an A query for the absolute name `fqdn`:
 * a reply, NXDOMAIN (null), or SERVFAIL. A name outside cluster.local is forwarded to the node's
 * resolver, and this cluster is offline: a name under a real top-level domain finds no server
 * to answer it (SERVFAIL); the root zone, which the resolver knows, has no other.
 */
function dnsAnswer(
  fqdn: string,
  network: Network | undefined,
  depth = 0,
): DnsReply | null | 'SERVFAIL' {
  const name = fqdn.toLowerCase().replace(/\.$/, '');
  if (name !== 'cluster.local' && !name.endsWith('.cluster.local')) {
    const tld = name.split('.').pop() ?? '';
    return PUBLIC_TLDS.has(tld) ? 'SERVFAIL' : null;
  }
  const labels = name.split('.').slice(0, -2);
  if (!labels.every((l) => DNS_LABEL.test(l))) return null;
  const kind = labels.at(-1);
  // `pods insecure`: `a-b-c-d.NS.pod.cluster.local` is a.b.c.d.
  if (kind === 'pod' && labels.length === 3) {
    const m = /^(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})$/.exec(labels[0] ?? '');
    return m ? addressReply([{ ip: m.slice(1, 5).join('.') }]) : null;
  }
  if (kind !== 'svc' || labels.length < 3 || labels.length > 4) return null;
  const [service = '', namespace = ''] = labels.slice(-3, -1);
  const svc = network?.(namespace, service);
  if (!svc || svc.direct) return null;
  if (svc.externalName !== undefined) {
    // A CNAME to the external name, with the target's addresses when CoreDNS finds them: in its
    // own zone (another Service), or from upstream (nothing, offline): then the CNAME alone.
    if (labels.length !== 3) return null;
    const target = svc.externalName.toLowerCase().replace(/\.$/, '');
    const next = depth < 8 ? dnsAnswer(target, network, depth + 1) : null;
    const further = next && next !== 'SERVFAIL' ? next : addressReply([]);
    return { cnames: [{ name, target }, ...further.cnames], addresses: further.addresses };
  }
  const fqdnOf = (ip: string) =>
    `${svc.hostnames?.get(ip) ?? ip.replace(/\./g, '-')}.${service}.${namespace}.svc.cluster.local`;
  if (!svc.addresses) {
    // A Service's own name is its cluster IP (an endpoint's name needs the endpoints: not kept).
    return labels.length === 3
      ? addressReply([
          { ip: svc.clusterIP, ptr: `${service}.${namespace}.svc.cluster.local`, service: svc },
        ])
      : null;
  }
  // A headless Service's name is its ready endpoints' IPs; `HOST.SVC…` one endpoint's, by its
  // hostname (a pod's spec.hostname when its subdomain is the Service) or its dashed IP.
  const ips =
    labels.length === 3
      ? svc.addresses
      : svc.addresses.filter((ip) => fqdnOf(ip).startsWith(`${labels[0]}.`));
  // No ready endpoint: the name does not exist.
  return ips.length > 0 ? addressReply(ips.map((ip) => ({ ip, ptr: fqdnOf(ip) }))) : null;
}

/**
 * Whether the pods' nameserver (the kube-dns Service, 10.96.0.10) has no CoreDNS behind it:
 * kube-proxy rejects a query to a Service without endpoints, so no lookup gets an answer; or
 * whether NetworkPolicy drops the pod's queries to it (they go unanswered: timeouts).
 */
function clusterDnsDown(network: Network | undefined): boolean {
  if (!network) return false;
  const dns = network('kube-system', 'kube-dns');
  return !dns || !dns.ports.some((p) => p.port === 53 && p.ready && !p.droppedUdp);
}

/**
 * A name as the C library's resolver looks it up (getaddrinfo, and busybox 1.28's nslookup): with
 * fewer than ndots (5) dots, under each search domain first, then as it is; the first name that
 * has addresses wins (NXDOMAIN, NODATA, a CNAME without addresses and SERVFAIL each send it
 * to the next). Null: none has.
 */
function resolveName(
  host: string,
  namespace: string,
  network: Network | undefined,
  given?: PodDns,
): ({ fqdn: string } & DnsReply) | null {
  const dns = podDns(namespace, given);
  if (dnsUnreachable(network, dns)) return null;
  const { kind } = dnsServer(dns);
  for (const fqdn of resolverNames(host, namespace, dns)) {
    const a = serverAnswer(kind, fqdn, network);
    if (a && a !== 'SERVFAIL' && a.addresses.length > 0) return { fqdn, ...a };
  }
  return null;
}

/** The absolute names a resolver with the pod's resolv.conf tries for `host`, in order. */
function resolverNames(host: string, namespace: string, given?: PodDns): string[] {
  if (host.endsWith('.')) return [host.slice(0, -1)];
  const dns = podDns(namespace, given);
  const searched = dns.searches.map((d) => `${host}.${d}`);
  return host.split('.').length - 1 >= ndotsOf(dns) ? [host, ...searched] : [...searched, host];
}

/**
 * Where a connection to `host` goes: a cluster IP (its Service, as kube-proxy routes it), a pod's
 * IP (that pod), a node's; `localhost` is the pod itself (its containers share one network
 * namespace). A name is resolved first. Null: the name does not resolve; a string: an address
 * that nothing in the cluster has (see netConnect.ts); undefined: not simulated.
 */
function reach(
  host: string,
  port: number,
  namespace: string,
  network: Network | undefined,
  podIP: string | undefined,
  dns?: PodDns,
): ServiceView | string | null | undefined {
  if (!network) return undefined;
  if (host === 'localhost' || host === '127.0.0.1') {
    const self = podIP ? network(namespace, podIP, port) : undefined;
    return self ? { ...self, clusterIP: '127.0.0.1', direct: true } : undefined;
  }
  // The resolver reads /etc/hosts first: a host alias is its address.
  let ip = aliasAddress(dns, host) ?? host;
  if (!IPV4.test(ip)) {
    const r = resolveName(host, namespace, network, dns);
    if (!r) return null;
    const first = r.addresses[0];
    if (first?.service) return first.service;
    ip = first?.ip ?? '';
  }
  const view = network(namespace, ip, port);
  if (!view) return ip;
  return view.clusterIP === ip ? view : { ...view, clusterIP: ip };
}

/** `[http[s]://]host[:port][/path]` of wget and curl. */
function parseUrl(
  url: string,
): { host: string; hostPort: string; port: number; path: string; https?: true } | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([/?#].*)?$/.exec(url);
  if (!m) return undefined;
  const https = m[1] === 'https';
  const host = m[2] ?? '';
  const path = (m[4] ?? '/').split(/[?#]/)[0] || '/';
  return {
    host,
    hostPort: m[3] ? `${host}:${m[3]}` : host,
    port: m[3] ? Number(m[3]) : https ? 443 : 80,
    path,
    ...(https ? { https } : {}),
  };
}

/** nginx's 404 page (CRLF lines, 153 bytes with an `x.y.z` version). */
function nginx404(image: string): string {
  return nginxError(image, '404 Not Found');
}

/** nginx's built-in error page for a status line such as `404 Not Found`. */
function nginxError(image: string, status: string): string {
  const version = catalogueVersion(image) ?? catalogueVersion('nginx');
  return `<html>\r\n<head><title>${status}</title></head>\r\n<body>\r\n<center><h1>${status}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}
/** httpd's 404 page. */
const HTTPD_404 =
  '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n';

/** The 404 page of a stock web server for a path it does not serve, else undefined. */
/**
 * The error the server answers `path` with, if any: 404 for a file it does not have; nginx
 * serving a volume without an index.html answers its directory with 403 (autoindex is off).
 */
function errorPage(svc: ServiceView, path: string): { code: number; page: string } | undefined {
  const repo = svc.backendImage === undefined ? '' : repository(svc.backendImage);
  const fromVolume = svc.docRoot?.(indexPath(path));
  if (fromVolume === null && repo === 'nginx') {
    // The document root without an index.html is a directory nginx will not list; any other
    // directory is taken not to exist (its index.html is not found).
    const root = (path.split('?')[0] ?? '/') === '/';
    return root
      ? { code: 403, page: nginxError(svc.backendImage ?? 'nginx', '403 Forbidden') }
      : { code: 404, page: nginx404(svc.backendImage ?? 'nginx') };
  }
  if (typeof fromVolume === 'string') return undefined;
  if (path === '/' || path === '/index.html') return undefined;
  if (repo === 'nginx') return { code: 404, page: nginx404(svc.backendImage ?? 'nginx') };
  if (repo === 'httpd') return { code: 404, page: HTTPD_404 };
  return undefined;
}

/** A one-shot network command: `nslookup`, `wget`, `curl` against a Service of the cluster. */
interface NetStep {
  tool: 'nslookup' | 'wget' | 'curl';
  /** The host as typed (wget prints it with its port). */
  hostPort: string;
  /** The URL's path (`/` when it has none). */
  path?: string;
  host: string;
  port: number;
  quiet: boolean;
  /** wget writes to stdout (`-O-`) rather than a file; curl always does unless `-o`. */
  toStdout: boolean;
  /** wget's `-O FILE`: the file it saves to (else the URL's last path part, index.html). */
  outFile?: string;
  /** curl's `-f`: an HTTP error fails (22); `-S`: errors are printed even with `-s`. */
  fail?: boolean;
  showError?: boolean;
  /** curl's `-w`: what it writes after the transfer (`%{http_code}` is expanded). */
  writeOut?: string;
  /** wget's `-T` (its default is 900 s), in ms. */
  timeoutMs?: number;
  /** curl's `-m` (the whole transfer) and `--connect-timeout`, in ms. */
  maxTimeMs?: number;
  connectTimeoutMs?: number;
  /** The URL is https (curl only). */
  https?: true;
  /** curl's `-I` (a HEAD request: the headers are the output), `-i` (headers before the body). */
  head?: true;
  include?: true;
  /** curl's `-v`: its trace on stderr. */
  verbose?: true;
  /** curl's `-k` (no certificate check) and `--cacert FILE`. */
  insecure?: true;
  cacert?: string;
  /** curl's `-H` headers, as given. */
  headers?: readonly string[];
  /** busybox wget's `--spider` (only ask) and `-S` (print the server's headers). */
  spider?: true;
  serverResponse?: true;
}

/** A timeout option's seconds (curl takes fractions) in ms; undefined when not a number. */
function timeoutArg(arg: string | undefined, fractions: boolean): number | undefined {
  if (arg === undefined || !(fractions ? /^\d+(\.\d+)?$/ : /^\d+$/).test(arg)) return undefined;
  return Math.round(Number(arg) * 1000);
}

/** The HTTP request a `wget` or `curl` command line makes: the tool and the URL's path. */
export function httpRequest(argv: readonly string[]):
  | {
      tool: 'wget' | 'curl';
      method: 'GET' | 'HEAD';
      host: string;
      path: string;
      hostHeader: string;
    }
  | undefined {
  const s = netStep(argv);
  if (!s || s.tool === 'nslookup') return undefined;
  // curl -I asks with HEAD (busybox wget's --spider still sends GET).
  const method = s.head ? 'HEAD' : 'GET';
  // The Host header: busybox wget sends the URL's host as written (with its port, if given);
  // curl adds the port when it is not 80.
  const hostHeader =
    s.tool === 'wget' ? s.hostPort : s.port === 80 ? s.host : `${s.host}:${s.port}`;
  return { tool: s.tool, method, host: s.host, path: s.path ?? '/', hostHeader };
}

/** What the server behind `svc` answers a GET of `path`: the status and the body's bytes. */
export function httpAnswer(svc: ServiceView, path: string): { code: number; bytes: number } {
  const failed = errorPage(svc, path);
  const body = failed?.page ?? servedPage(svc, path) ?? '';
  return { code: failed?.code ?? 200, bytes: new TextEncoder().encode(body).length };
}

/** Reads `nslookup NAME`, `wget [-q] [-O-] URL` and `curl [-s] URL`; undefined for anything else. */
function netStep(argv: readonly string[]): NetStep | undefined {
  const cmd = argv[0]?.split('/').pop();
  const rest = argv.slice(1);
  if (cmd === 'nslookup') {
    const [host, server] = rest;
    if (
      host === undefined ||
      host.startsWith('-') ||
      (server !== undefined && server !== CLUSTER_DNS_IP)
    )
      return undefined;
    if (rest.length > 2) return undefined;
    return { tool: 'nslookup', host, hostPort: host, port: 53, quiet: false, toStdout: true };
  }
  if (cmd === 'wget') {
    let quiet = false;
    let toStdout = false;
    let url: string | undefined;
    let timeoutMs: number | undefined;
    let outFile: string | undefined;
    let spider = false;
    let serverResponse = false;
    // `-O FILE`: a file (`-` is stdout).
    const output = (file: string | undefined) => {
      if (file === '-') toStdout = true;
      else if (file) outFile = file;
      return file !== undefined && file !== '';
    };
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i] ?? '';
      const timeout = /^(?:-T|--timeout=)(\d+)$/.exec(a);
      if (timeout) timeoutMs = timeoutArg(timeout[1], false);
      else if (a === '-q' || a === '--quiet') quiet = true;
      else if (a === '--spider') spider = true;
      else if (a === '-S' || a === '--server-response') serverResponse = true;
      else if (a === '-qS' || a === '-Sq') {
        quiet = true;
        serverResponse = true;
      } else if (a === '-qO-' || a === '-qO') {
        quiet = true;
        if (!output(a === '-qO-' ? '-' : rest[++i])) return undefined;
      } else if (a === '-O-' || a === '-O' || a.startsWith('--output-document=')) {
        const file = a === '-O-' ? '-' : a === '-O' ? rest[++i] : a.slice(18);
        if (!output(file)) return undefined;
      } else if (a === '-T' || a === '--timeout') {
        timeoutMs = timeoutArg(rest[++i], false);
        if (timeoutMs === undefined) return undefined;
      } else if (a.startsWith('-')) return undefined;
      else if (url === undefined) url = a;
      else return undefined;
    }
    const u = url === undefined ? undefined : parseUrl(url);
    // busybox's wget needs its ssl_client helper for https, which the busybox image lacks.
    if (!u || u.https) return undefined;
    return {
      tool: 'wget',
      ...u,
      quiet,
      toStdout,
      ...(timeoutMs ? { timeoutMs } : {}),
      ...(outFile && !toStdout ? { outFile } : {}),
      ...(spider ? { spider: true as const } : {}),
      ...(serverResponse ? { serverResponse: true as const } : {}),
    };
  }
  if (cmd === 'curl') return curlStep(rest);
  return undefined;
}

/** curl's options that take an argument (short and long), as this simulation reads them. */
const CURL_ARG_OPTIONS = new Set([
  '-o',
  '--output',
  '-w',
  '--write-out',
  '-m',
  '--max-time',
  '--connect-timeout',
  '-H',
  '--header',
  '--cacert',
]);

/**
 * `curl [options] URL`: -s, -S, -f, -L, -I, -i, -v, -k (alone or bundled: `-sSfLk`), -o FILE,
 * -w FORMAT, -m SECONDS, --connect-timeout SECONDS, -H HEADER, --cacert FILE and their long
 * names. Undefined for any other option.
 */
function curlStep(rest: readonly string[]): NetStep | undefined {
  let quiet = false;
  let url: string | undefined;
  let toStdout = true;
  let outFile: string | undefined;
  let writeOut: string | undefined;
  let fail = false;
  let showError = false;
  let head = false;
  let include = false;
  let verbose = false;
  let insecure = false;
  let cacert: string | undefined;
  const headers: string[] = [];
  let maxTimeMs: number | undefined;
  let connectTimeoutMs: number | undefined;
  const withArg = (opt: string, value: string | undefined): boolean => {
    if (value === undefined) return false;
    switch (opt) {
      case '-o':
      case '--output':
        toStdout = value === '-';
        outFile = value === '-' || value === '/dev/null' ? undefined : value;
        return true;
      case '-w':
      case '--write-out':
        writeOut = value;
        return true;
      case '-m':
      case '--max-time':
        maxTimeMs = timeoutArg(value, true);
        return maxTimeMs !== undefined;
      case '--connect-timeout':
        connectTimeoutMs = timeoutArg(value, true);
        return connectTimeoutMs !== undefined;
      case '-H':
      case '--header':
        headers.push(value);
        return true;
      case '--cacert':
        cacert = value;
        return true;
    }
    return false;
  };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] ?? '';
    if (CURL_ARG_OPTIONS.has(a)) {
      if (!withArg(a, rest[++i])) return undefined;
      continue;
    }
    const long = /^(--[a-z-]+)=(.*)$/.exec(a);
    if (long && CURL_ARG_OPTIONS.has(long[1] ?? '')) {
      if (!withArg(long[1] ?? '', long[2])) return undefined;
      continue;
    }
    switch (a) {
      case '--silent':
        quiet = true;
        continue;
      case '--fail':
        fail = true;
        continue;
      case '--show-error':
        showError = true;
        continue;
      case '--location':
        continue;
      case '--head':
        head = true;
        continue;
      case '--include':
        include = true;
        continue;
      case '--verbose':
        verbose = true;
        continue;
      case '--insecure':
        insecure = true;
        continue;
    }
    if (/^-[a-zA-Z]/.test(a) && !a.startsWith('--')) {
      // Bundled short flags; the last may take an argument, attached or as the next word.
      for (let j = 1; j < a.length; j++) {
        const f = a[j] ?? '';
        if ('owmH'.includes(f)) {
          const attached = a.slice(j + 1);
          if (!withArg(`-${f}`, attached !== '' ? attached : rest[++i])) return undefined;
          break;
        }
        if (f === 's') quiet = true;
        else if (f === 'S') showError = true;
        else if (f === 'f') fail = true;
        else if (f === 'I') head = true;
        else if (f === 'i') include = true;
        else if (f === 'v') verbose = true;
        else if (f === 'k') insecure = true;
        else if (f !== 'L') return undefined;
      }
      continue;
    }
    if (a.startsWith('-')) return undefined;
    if (url !== undefined) return undefined;
    url = a;
  }
  const u = url === undefined ? undefined : parseUrl(url);
  if (!u) return undefined;
  const step: NetStep = { tool: 'curl', ...u, quiet, toStdout };
  if (outFile !== undefined) step.outFile = outFile;
  if (writeOut !== undefined) step.writeOut = writeOut;
  if (fail) step.fail = true;
  if (showError) step.showError = true;
  if (head) step.head = true;
  if (include) step.include = true;
  if (verbose) step.verbose = true;
  if (insecure) step.insecure = true;
  if (cacert !== undefined) step.cacert = cacert;
  if (headers.length > 0) step.headers = headers;
  // 0 is no timeout.
  if (maxTimeMs) step.maxTimeMs = maxTimeMs;
  if (connectTimeoutMs) step.connectTimeoutMs = connectTimeoutMs;
  return step;
}

/** The image's tag (`1.28` of `busybox:1.28`), empty when it has none. */
function imageTag(image: string): string {
  return (image.split('@')[0] ?? image).split('/').pop()?.split(':')[1] ?? '';
}

/**
 * Which nslookup an image has: busybox up to 1.28 (the old applet the DNS docs pin, which
 * prints reverse names), bind's (the dnsutils images), or busybox's newer one (alpine too).
 */
export type NslookupKind = 'busybox' | 'busybox-old' | 'bind';

function nslookupKind(repo: string, tag: string): NslookupKind {
  if (repo === 'busybox') {
    const m = /^1\.(\d+)(\.|-|$)/.exec(tag);
    return m && Number(m[1]) <= 28 ? 'busybox-old' : 'busybox';
  }
  if (repo === 'jessie-dnsutils' || repo === 'dnsutils' || repo === 'netshoot') return 'bind';
  return 'busybox';
}

/** `10.96.0.1` → `1.0.96.10.in-addr.arpa`. */
function arpaName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
}

/** The PTR names cluster DNS has for `ip`: its Service's, or its endpoints'. */
function reverseNames(ip: string, namespace: string, network: Network | undefined): string[] {
  const view = network?.(namespace, ip);
  if (!view) return [];
  if (!view.direct) return [`${view.name}.${view.namespace}.svc.cluster.local`];
  return [...(view.ptr ?? [])];
}

/**
 * `nslookup HOST` as the image's nslookup does it. busybox up to 1.28 resolves like the C
 * library (search list, ndots) and names each address by a reverse lookup; bind's does the
 * search too and prints the name that answered. busybox's newer applet sends its own queries
 * (A, then AAAA): the search domains only for a name without a dot, anything else as it is, and
 * prints every reply: `kubernetes.default` is asked as such, and the root zone knows no
 * `default`. Any NXDOMAIN or SERVFAIL fails it (exit 1). An IP is a reverse (PTR) query. An
 * ExternalName Service's name is a CNAME (`canonical name = …`), followed by the target's
 * addresses when cluster DNS finds them.
 */
function nslookupResult(
  kind: NslookupKind,
  host: string,
  namespace: string,
  network: Network | undefined,
  given?: PodDns,
): { exitCode: number; output: string } | undefined {
  const dns = podDns(namespace, given);
  const { ip: server, kind: serverKind } = dnsServer(dns);
  if (dnsUnreachable(network, dns)) {
    // No server answers: busybox 1.28 names the server by its address alone (the reverse
    // lookup fails too); the newer nslookups give up on the server.
    return kind === 'busybox-old'
      ? {
          exitCode: 1,
          output: `Server:    ${server}\nAddress 1: ${server}\n\nnslookup: can't resolve '${host}'\n`,
        }
      : { exitCode: 1, output: ';; connection timed out; no servers could be reached\n\n' };
  }
  if (kind === 'busybox-old') {
    // busybox 1.28 names the server by a reverse lookup: cluster DNS knows kube-dns's name.
    const serverName =
      serverKind === 'cluster' ? `${server} kube-dns.kube-system.svc.cluster.local` : server;
    const head = `Server:    ${server}\nAddress 1: ${serverName}\n\n`;
    let addresses: DnsAddress[];
    if (IPV4.test(host)) {
      const names = reverseNames(host, namespace, network);
      const view = network?.(namespace, host);
      if (!view) return undefined;
      addresses = [names[0] ? { ip: host, ptr: names[0] } : { ip: host }];
    } else {
      const r = resolveName(host, namespace, network, dns);
      if (r === null) return { exitCode: 1, output: `${head}nslookup: can't resolve '${host}'\n` };
      addresses = r.addresses.map((a) => {
        const ptr = a.ptr ?? reverseNames(a.ip, namespace, network)[0];
        return ptr ? { ip: a.ip, ptr } : { ip: a.ip };
      });
    }
    const lines = addresses
      .map((a, i) => `Address ${i + 1}: ${a.ip}${a.ptr ? ` ${a.ptr}` : ''}\n`)
      .join('');
    return { exitCode: 0, output: `${head}Name:      ${host}\n${lines}` };
  }
  if (kind === 'bind') {
    const head = `Server:\t\t${server}\nAddress:\t${server}#53\n\n`;
    if (IPV4.test(host)) {
      const names = reverseNames(host, namespace, network);
      if (names.length === 0) {
        if (!network?.(namespace, host)) return undefined;
        return {
          exitCode: 1,
          output: `${head}** server can't find ${arpaName(host)}: NXDOMAIN\n\n`,
        };
      }
      const lines = names.map((n) => `${arpaName(host)}\tname = ${n}.\n`).join('');
      return { exitCode: 0, output: `${head}${lines}\n` };
    }
    // The search list, the first reply with an answer (a CNAME is one) wins.
    let failure = 'NXDOMAIN';
    for (const fqdn of resolverNames(host, namespace, dns)) {
      const a = serverAnswer(serverKind, fqdn, network);
      if (a === 'SERVFAIL') failure = a;
      if (!a || a === 'SERVFAIL' || (a.addresses.length === 0 && a.cnames.length === 0)) continue;
      const cnames = a.cnames.map((c) => `${c.name}\tcanonical name = ${c.target}.\n`).join('');
      const owner = a.cnames.at(-1)?.target ?? fqdn;
      const lines = a.addresses.map((x) => `Name:\t${owner}\nAddress: ${x.ip}\n`).join('');
      return { exitCode: 0, output: `${head}${cnames}${lines}\n` };
    }
    return { exitCode: 1, output: `${head}** server can't find ${host}: ${failure}\n\n` };
  }
  // busybox 1.29 and later: its own queries, each reply printed as it comes.
  const head = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
  if (IPV4.test(host)) {
    const names = reverseNames(host, namespace, network);
    if (names.length === 0) {
      if (!network?.(namespace, host)) return undefined;
      return {
        exitCode: 1,
        output: `${head}** server can't find ${arpaName(host)}: NXDOMAIN\n\n`,
      };
    }
    const lines = names.map((n) => `${arpaName(host)}\tname = ${n}\n`).join('');
    return { exitCode: 0, output: `${head}${lines}\n` };
  }
  const queried = host.includes('.') ? [host] : dns.searches.map((d) => `${host}.${d}`);
  if (queried.length === 0) queried.push(host);
  const replies = queried.map((name) => ({
    name,
    answer: serverAnswer(serverKind, name, network),
  }));
  let output = head;
  let exitCode = 0;
  for (const type of ['A', 'AAAA']) {
    for (const { name, answer } of replies) {
      if (answer === null || answer === 'SERVFAIL') {
        output += `** server can't find ${name}: ${answer ?? 'NXDOMAIN'}\n`;
        exitCode = 1;
      } else {
        for (const c of answer.cnames) output += `${c.name}\tcanonical name = ${c.target}\n`;
        // The cluster's records are IPv4 only: an AAAA query has no address in its answer.
        const owner = answer.cnames.at(-1)?.target ?? name.replace(/\.$/, '');
        if (type === 'A') {
          for (const a of answer.addresses) output += `Name:\t${owner}\nAddress: ${a.ip}\n`;
        }
      }
      output += '\n';
    }
  }
  return { exitCode, output };
}

/**
 * What a network command prints (stdout; `error`: stderr, where busybox wget and curl write
 * their errors and wget its `Connecting to` line), its exit code, and how long it took (ms).
 */
interface NetOutcome {
  exitCode: number;
  output: string;
  error?: string;
  ms?: number;
  /** The file wget saved (`-O FILE`), and what it holds. */
  saved?: { path: string; content: string };
}

/**
 * What a network command prints and its exit code, given what the cluster answers. Undefined
 * when not simulated. `answered` is told which server answered an HTTP request.
 */
function netResult(
  s: NetStep,
  namespace: string,
  network: Network | undefined,
  kind: NslookupKind = 'busybox',
  podIP?: string,
  answered?: (server: ServiceView) => void,
  dns?: PodDns,
  sh?: Shell,
): NetOutcome | undefined {
  if (s.tool === 'nslookup') return nslookupResult(kind, s.host, namespace, network, dns);
  const target = reach(s.host, s.port, namespace, network, podIP, dns);
  if (target === undefined) return undefined;
  // A headless Service is not reached through a cluster IP: not simulated for wget and curl.
  if (target !== null && typeof target !== 'string' && target.addresses) return undefined;
  if (s.tool === 'curl' && (s.head || s.include || s.verbose || s.https || s.headers || sh)) {
    return curlResult(s, target, namespace, network, answered, sh);
  }
  // curl: with -s it prints nothing but the body; errors are its exit code alone (-S prints
  // them). `-w` writes its format after the transfer (`%{http_code}`: 000 when nothing
  // answered, `\n` a newline).
  const written = (code: string) =>
    s.writeOut === undefined
      ? ''
      : s.writeOut.replace(/%\{http_code\}/g, code).replace(/\\n/g, '\n');
  const curlError = (text: string) => (s.quiet && !s.showError ? '' : `curl: ${text}\n`);
  if (target === null) {
    return s.tool === 'wget'
      ? { exitCode: 1, output: '', error: `wget: bad address '${s.hostPort}'\n` }
      : {
          exitCode: 6,
          output: written('000'),
          error: curlError(`(6) Could not resolve host: ${s.host}`),
        };
  }
  const ip = typeof target === 'string' ? target : target.clusterIP;
  const conn: Connection =
    typeof target === 'string'
      ? unknownAddress(target)
      : apiServerBehind(target, s.port)
        ? target.ports.find((x) => x.port === s.port)?.dropped
          ? { kind: 'silent' }
          : { kind: 'answered', server: target }
        : connect(target, s.port, namespace, network);
  let connecting = s.quiet ? '' : `Connecting to ${s.hostPort} (${ip}:${s.port})\n`;
  if (conn.kind !== 'answered') {
    const failsAt = failsAfterMs(conn);
    if (s.tool === 'wget') {
      if (s.timeoutMs !== undefined && s.timeoutMs < failsAt) {
        return {
          exitCode: 1,
          ms: s.timeoutMs,
          output: '',
          error: `${connecting}wget: download timed out\n`,
        };
      }
      return {
        exitCode: 1,
        ms: failsAt,
        output: '',
        error: `${connecting}wget: can't connect to remote host (${ip}): ${connectError(conn)}\n`,
      };
    }
    const limit = Math.min(s.maxTimeMs ?? Infinity, s.connectTimeoutMs ?? Infinity);
    if (limit < failsAt) {
      // -m ends the transfer (the multi interface's timeout, while connecting); the connect
      // timeout fails the connection attempt itself.
      const text =
        limit === s.maxTimeMs
          ? `(28) Connection timed out after ${limit + 1} milliseconds`
          : `(28) Failed to connect to ${s.host} port ${s.port} after ${limit + 1} ms: Timeout was reached`;
      return { exitCode: 28, ms: limit, output: written('000'), error: curlError(text) };
    }
    // The kernel's ETIMEDOUT is reported as the failed connect, then exits as a timeout (28).
    const code = conn.kind === 'silent' ? 28 : 7;
    const after = failsAt === 0 ? 0 : failsAt + 1;
    return {
      exitCode: code,
      ms: failsAt,
      output: written('000'),
      error: curlError(
        `(${code}) Failed to connect to ${s.host} port ${s.port} after ${after} ms: Could not connect to server`,
      ),
    };
  }
  const svc = conn.server;
  if (s.tool === 'wget' && apiServerBehind(svc, s.port)) {
    // The API server's TLS port answers a plain request with a bare 400 (HTTP/1.0, no headers).
    const status = 'HTTP/1.0 400 Bad Request';
    const shown = s.serverResponse ? `  ${status}\n` : '';
    return {
      exitCode: 1,
      output: '',
      error: `${connecting}${shown}wget: server returned error: ${status}\n`,
    };
  }
  answered?.(svc);
  if (s.tool === 'wget') {
    const failed = errorPage(svc, s.path ?? '/');
    // -S: the server's status line and headers, as they come (nginx's only).
    let response = '';
    if (s.serverResponse) {
      const repo = svc.backendImage === undefined ? '' : repository(svc.backendImage);
      const body = failed?.page ?? servedPage(svc, s.path ?? '/') ?? '';
      const page = svc.docRoot?.(indexPath(s.path ?? '/'));
      const own =
        typeof page !== 'string' ||
        page ===
          imageFile(
            svc.backendImage ?? 'nginx',
            `/usr/share/nginx/html${indexPath(s.path ?? '/')}`,
          );
      if (repo !== 'nginx' || (!failed && !own)) return undefined;
      const r = nginxResponse(
        svc.backendImage ?? 'nginx',
        failed?.code ?? 200,
        body,
        shellNowMs(sh),
        'wget',
      );
      response = failed
        ? `  ${r.status}\n`
        : `${[r.status, ...r.headers, ''].map((l) => `  ${l}\n`).join('')}`;
    }
    if (failed !== undefined) {
      const status = failed.code === 403 ? '403 Forbidden' : '404 Not Found';
      return {
        exitCode: 1,
        output: '',
        error: `${connecting}${response}wget: server returned error: HTTP/1.1 ${status}\n`,
      };
    }
    if (s.spider) {
      // --spider: the answer's head is enough; nothing is saved.
      return {
        exitCode: 0,
        output: '',
        error: `${connecting}${response}${s.quiet ? '' : 'remote file exists\n'}`,
      };
    }
    const page = servedPage(svc, s.path ?? '/') ?? '';
    const saved = s.outFile ? { saved: { path: s.outFile, content: page } } : {};
    if (s.quiet) {
      return {
        exitCode: 0,
        output: s.toStdout ? page : '',
        ...(response ? { error: response } : {}),
        ...saved,
      };
    }
    // The headers come between the connecting line and the rest (all on stderr in busybox).
    connecting += response;
    const size = String(new TextEncoder().encode(page).length).padStart(6, ' ');
    const bar = `100% |********************************|${size}  0:00:00 ETA\n`;
    if (s.outFile) {
      // The progress line names the file's last part, in 20 columns.
      const base = (s.outFile.split('/').pop() ?? '').slice(0, 20).padEnd(20, ' ');
      return {
        exitCode: 0,
        output: `${connecting}saving to '${s.outFile}'\n${base} ${bar}'${s.outFile}' saved\n`,
        ...saved,
      };
    }
    return s.toStdout
      ? {
          exitCode: 0,
          output: `${connecting}writing to stdout\n${page}-                    ${bar}written to stdout\n`,
        }
      : {
          exitCode: 0,
          output: `${connecting}saving to 'index.html'\nindex.html           ${bar}'index.html' saved\n`,
        };
  }
  // curl prints an error page as any other (exit 0); `-f` fails with 22 instead.
  const failed = errorPage(svc, s.path ?? '/');
  const code = String(failed?.code ?? 200);
  if (failed !== undefined && s.fail) {
    return {
      exitCode: 22,
      output: written(code),
      error: curlError(`(22) The requested URL returned error: ${code}`),
    };
  }
  const body = s.toStdout ? (failed?.page ?? servedPage(svc, s.path ?? '/') ?? '') : '';
  return { exitCode: 0, output: `${body}${written(code)}` };
}

/** The present for a command run in `sh` (an exec's moment, else its container's start), epoch ms. */
function shellNowMs(sh: Shell | undefined): number {
  if (!sh) return 0;
  const base = sh.where.now ?? (sh.startedAt || '1970-01-01T00:00:00Z');
  return Date.parse(base) + sh.ms;
}

/** The API server behind the `kubernetes` Service's port 443, when `target` is that Service. */
function apiServerBehind(target: ServiceView, port: number): boolean {
  return (
    !target.direct && target.namespace === 'default' && target.name === 'kubernetes' && port === 443
  );
}

/** What `curl` prints and its exit code (see netResult); undefined where not simulated. */
function curlResult(
  s: NetStep,
  target: ServiceView | string | null,
  namespace: string,
  network: Network | undefined,
  answered: ((server: ServiceView) => void) | undefined,
  sh: Shell | undefined,
): NetOutcome | undefined {
  const build = curlBuild(sh?.repo ?? '', sh?.tag ?? '');
  const tty = sh?.where.tty === true;
  // The progress meter goes to stderr unless -s, or when the body goes to a terminal.
  const meter = !s.quiet && (!tty || !s.toStdout);
  const showErrors = !s.quiet || s.showError === true;
  const written = (code: string) =>
    s.writeOut === undefined
      ? ''
      : s.writeOut.replace(/%\{http_code\}/g, code).replace(/\\n/g, '\n');
  const closing = s.verbose ? curlClosing(build) : '';
  // A failure: the meter's last line (no newline: curl's error follows on it), then the error.
  const failed = (
    code: number,
    text: string,
    ms: number,
    trace = '',
    http = '000',
    total = 0,
  ): NetOutcome => {
    // The size the server announced, if it answered (-f stops before the body).
    const full = meter ? curlMeter(total, 0, ms).replace(/\n$/, '') : '';
    // After a trace (which opened the meter), only the meter's last line.
    const line = trace && meter ? full.slice(CURL_METER_HEAD.length) : full;
    const error = showErrors ? `curl: (${code}) ${text}\n` : '';
    return {
      exitCode: code,
      ms,
      output: written(http),
      error: `${opening(trace)}${line}${error}`,
    };
  };
  // With -v the meter starts before the trace: its first line is left unended, the trace's
  // first line follows on it.
  const opening = (trace: string) =>
    meter && trace ? `${curlMeter(0, 0, 0).replace(/\n$/, '')}${trace}` : trace;
  const lead = (ip: string) => (s.verbose ? curlTrying(build, s.host, ip, s.port) : '');
  if (target === null) {
    const trace = s.verbose ? `* Could not resolve host: ${s.host}\n${closing}` : '';
    return failed(6, `Could not resolve host: ${s.host}`, 0, trace);
  }
  const ip = typeof target === 'string' ? target : target.clusterIP;
  // The API server: behind the kubernetes Service, or at its own address (the endpoint of that
  // Service: the control-plane node's IP, port 6443).
  const apiEndpoint = network?.('default', 'kubernetes')?.ports.find(
    (x) => x.port === 443,
  )?.endpoint;
  const api =
    typeof target !== 'string' &&
    (apiServerBehind(target, s.port) ||
      (target.direct === true &&
        apiEndpoint !== undefined &&
        target.clusterIP === apiEndpoint.ip &&
        s.port === apiEndpoint.port));
  let conn: Connection;
  if (typeof target === 'string') conn = unknownAddress(target);
  else if (api) {
    const p = target.ports.find((x) => x.port === s.port);
    conn = p?.dropped ? { kind: 'silent' } : { kind: 'answered', server: target };
  } else conn = connect(target, s.port, namespace, network);
  if (conn.kind !== 'answered') {
    const failsAt = failsAfterMs(conn);
    const limit = Math.min(s.maxTimeMs ?? Infinity, s.connectTimeoutMs ?? Infinity);
    if (limit < failsAt) {
      // -m ends the transfer (the multi interface's timeout, while connecting); the connect
      // timeout fails the connection attempt itself.
      const text =
        limit === s.maxTimeMs
          ? `Connection timed out after ${limit + 1} milliseconds`
          : `Failed to connect to ${s.host} port ${s.port} after ${limit + 1} ms: Timeout was reached`;
      return failed(28, text, limit, s.verbose ? `${lead(ip)}* ${text}\n${closing}` : '');
    }
    // The kernel's ETIMEDOUT is reported as the failed connect, then exits as a timeout (28).
    const code = conn.kind === 'silent' ? 28 : 7;
    const after = failsAt === 0 ? 0 : failsAt + 1;
    const text = `Failed to connect to ${s.host} port ${s.port} after ${after} ms: Could not connect to server`;
    const trace = s.verbose
      ? `${lead(ip)}${curlConnectFailed(ip, s.port, sh?.where.podIP ?? '', connectError(conn))}* ${text}\n${closing}`
      : '';
    return failed(code, text, failsAt, trace);
  }
  const nowMs = shellNowMs(sh);
  const path = s.path ?? '/';
  let code: number;
  let body: string;
  let response: HttpResponse | undefined;
  if (api) {
    if (!s.https) {
      // Go's TLS server answers a plain request with a bare 400 (HTTP/1.0, no headers).
      code = 400;
      body = PLAIN_HTTP_TO_TLS;
      if (s.head || s.include || s.verbose) return undefined;
    } else {
      // The API server's certificate is signed by the cluster's CA, which no image trusts.
      if (s.head || s.include || s.verbose) return undefined;
      if (!s.insecure) {
        if (s.cacert === undefined) {
          return {
            ...failed(60, 'SSL certificate problem: unable to get local issuer certificate', 0),
            ...(showErrors
              ? {
                  error: `${meter ? curlMeter(0, 0, 0).replace(/\n$/, '') : ''}curl: (60) SSL certificate problem: unable to get local issuer certificate\n${CURL_CA_CERT_ERROR}`,
                }
              : {}),
          };
        }
        const ca = sh ? readFile(sh, s.cacert) : undefined;
        if (ca === undefined) return undefined;
        if (ca === null) return failed(77, `error setting certificate file: ${s.cacert}`, 0);
        if (
          !ca.includes('BEGIN CERTIFICATE') ||
          absPath(sh as Shell, s.cacert) !== `${SA_DIR}/ca.crt`
        ) {
          return undefined;
        }
      }
      const auth = (s.headers ?? [])
        .map((h) => /^authorization:\s*bearer\s+(\S+)\s*$/i.exec(h)?.[1])
        .find((t) => t !== undefined);
      const own = sh ? readFile(sh, `${SA_DIR}/token`) : undefined;
      const user =
        auth === undefined
          ? undefined
          : tokenUser(auth, (t) => typeof own === 'string' && own.trim() === t);
      const answer = apiServerAnswer(
        path,
        user,
        API_SERVER_VERSION,
        apiEndpoint ? `${apiEndpoint.ip}:${apiEndpoint.port}` : '',
        sh?.where.apiServer,
      );
      if (!answer) return undefined;
      code = answer.code;
      body = answer.body;
    }
  } else {
    if (s.https) return undefined;
    const svc = conn.server;
    const failedPage = errorPage(svc, path);
    code = failedPage?.code ?? 200;
    body = failedPage?.page ?? servedPage(svc, path) ?? '';
    if (s.head || s.include || s.verbose) {
      const repo = svc.backendImage === undefined ? '' : repository(svc.backendImage);
      // The headers of nginx's own pages only (a file of a volume has an mtime not known here).
      const page = svc.docRoot?.(indexPath(path));
      const own =
        typeof page !== 'string' ||
        page === imageFile(svc.backendImage ?? 'nginx', `/usr/share/nginx/html${indexPath(path)}`);
      if (repo !== 'nginx' || (code === 200 && !own)) return undefined;
      response = nginxResponse(svc.backendImage ?? 'nginx', code, body, nowMs, 'curl');
    }
    answered?.(svc);
  }
  const size = new TextEncoder().encode(body).length;
  const hostHeader = s.port === (s.https ? 443 : 80) ? s.host : `${s.host}:${s.port}`;
  let trace = '';
  if (s.verbose && response) {
    trace =
      lead(ip) +
      curlConnected(build, s.host, ip, s.port) +
      curlRequest(build, s.head ? 'HEAD' : 'GET', path, hostHeader, s.headers ?? []) +
      curlResponseTrace(response) +
      // The body's bytes are noted in the trace when they do not go to a terminal.
      (s.head || tty ? '' : `{ [${size} bytes data]\n`);
  }
  const meterText = meter ? curlMeter(size, s.head ? 0 : size, 0) : '';
  const end = s.verbose ? curlLeftIntact(s.host) : '';
  if (code >= 400 && s.fail) {
    const text = `The requested URL returned error: ${code}`;
    const shown = s.verbose ? trace.replace(/\{ \[\d+ bytes data\]\n$/, '') : '';
    return failed(22, text, 0, shown, String(code), size);
  }
  const head = response && (s.head || s.include) ? rawHead(response) : '';
  const shown = s.head ? head : `${head}${body}`;
  const output = s.toStdout ? `${shown}${written(String(code))}` : written(String(code));
  const saved = s.outFile ? { saved: { path: s.outFile, content: shown } } : {};
  const shownMeter = trace ? meterText.slice(CURL_METER_HEAD.length) : meterText;
  return { exitCode: 0, output, error: `${opening(trace)}${shownMeter}${end}`, ...saved };
}

/** What `nslookup HOST` prints (stdout and stderr) in an image with `kind`'s nslookup, and its exit code. */
export function nslookupAnswer(
  kind: NslookupKind,
  host: string,
  namespace: string,
  network: Network | undefined,
): { exitCode: number; output: string } | undefined {
  return nslookupResult(kind, host, namespace, network);
}

/**
 * Whether the container's first process (PID 1) ignores SIGTERM. PID 1 in a container ignores
 * every signal it has no handler for, and the shell utilities simulated here (`sleep`, `tail`,
 * a `sh -c` script) install none: stopped, such a container runs on until its grace period
 * ends and the runtime kills it. Servers (nginx, httpd, redis, the developer's app) handle
 * SIGTERM and stop within a moment, and so, for want of knowing better, does any other command.
 */
export function ignoresSigterm(
  command: readonly string[] | undefined,
  args: readonly string[] | undefined,
): boolean {
  const argv = [...(command ?? []), ...(args ?? [])];
  const cmd = argv[0]?.split('/').pop();
  if (cmd === 'sh' || cmd === 'bash' || cmd === 'ash') return argv[1] === '-c';
  return cmd === 'sleep' || cmd === 'tail';
}

/** What a container's program may depend on besides its command: its environment and network. */
export interface Surroundings {
  /** The container's `env` (plain values; a `valueFrom` counts as set). */
  env?: readonly { name: string; value?: string; valueFrom?: unknown }[];
  /**
   * The process environment (containerEnv.ts): what the shell expands `$NAME` to. Without it,
   * commands are read as written.
   */
  vars?: ReadonlyMap<string, string>;
  /** The pod's namespace: where a bare Service name is looked up. */
  namespace?: string;
  network?: Network;
  /** The pod's IP (its line in /etc/hosts). */
  podIP?: string;
  /** The pod's resolv.conf and host aliases when not plain ClusterFirst's (podDns.ts). */
  dns?: PodDns;
  /** The node's kernel release (`uname -r`). */
  kernel?: string;
  /** Files of the container's volumes (ConfigMap and Secret keys), by path. */
  files?: ReadonlyMap<string, string>;
  /**
   * Those files as they were at epoch ms `at` (the volumes as the kubelet had last synced
   * them): what each round of an endless loop reads (loopRounds.ts). Absent: `files` always.
   */
  filesAt?: (at: number) => ReadonlyMap<string, string> | undefined;
  /** Directories the container's volumes are mounted on (`ls` of an empty one is empty). */
  dirs?: readonly string[];
  /** Those mounted read-only (ConfigMap, Secret, downward API, projected volumes). */
  readOnly?: readonly string[];
  /** securityContext.readOnlyRootFilesystem: only the mounts stay writable (rootfs.ts). */
  readOnlyRoot?: boolean;
  /** The paths the container's AppArmor profile denies writes to (its `deny … w` rules). */
  writeDenied?: (path: string) => boolean;
  /** Service link variables besides the `kubernetes` Service's (`WEB_SERVICE_HOST`…). */
  serviceLinks?: ReadonlyMap<string, string>;
  /** Who the processes run as, when the securityContext changes the image's user (root). */
  user?: ProcessUser;
  /** For a command run beside the container's program (exec): PID 1's command line. */
  pid1?: string;
  /**
   * For an exec in a PID namespace other containers share (a pod's shareProcessNamespace, an
   * ephemeral container's target): its processes in PID order, PID 1 first (over `pid1`), with
   * their user when it is not the exec's.
   */
  processes?: readonly { cmd: string; uid?: number }[];
  /** For an exec: the present (RFC 3339), when the files it lists were last written, for want of better. */
  now?: string;
  /** The pod's fsGroup: it owns the emptyDir volumes (setgid: new files get the group too). */
  fsGroup?: number;
  /** Told which server answered a `wget` or `curl` (what it serves, whose log it is in). */
  answered?: (server: ServiceView) => void;
  /** Volumes on a tmpfs (Secret, projected): their directories' sizes are tmpfs's. */
  memory?: readonly string[];
  /** When the kubelet wrote the pod's volumes (the pod's start, RFC 3339). */
  volumesAt?: string;
  /** The AppArmor label of the container's processes (`/proc/<pid>/attr/current`). */
  appArmor?: string;
  /** For an exec with a terminal (`-t`): stdout is a tty (curl shows no progress meter). */
  tty?: boolean;
  /**
   * The API server's answer to an authenticated resource request (RBAC decides; the object or
   * list as JSON). Absent: such requests are not simulated.
   */
  apiServer?: (user: ApiUser, r: ResourcePath) => ApiAnswer | undefined;
  /**
   * For an exec whose PID 1 is another container's program (an ephemeral container's target):
   * that container's files, what `/proc/1/root/…` reads.
   */
  procRoot?: () => ProcRoot | undefined;
  /** For an exec: the sockets the pod's programs listen on (`netstat`, netstat.ts). */
  sockets?: () => readonly ListeningSocket[] | undefined;
}

/** Another container's filesystem as its process's `/proc/PID/root` shows it. */
export interface ProcRoot {
  image: string;
  files: readonly FileEvent[];
  /** How long that container has run (its files written later are not there yet). */
  elapsedMs: number;
  where: Surroundings;
}

/** `date --rfc-3339=seconds` in UTC, as the database images' entrypoints stamp their lines. */
function rfc3339Seconds(rfc3339: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  return `${d.toISOString().slice(0, 19).replace('T', ' ')}+00:00`;
}

/** The MySQL Server version of the `mysql` image tags, for its entrypoint's lines. */
function mysqlVersion(image: string): string {
  const tag = (image.split('@')[0] ?? image).split('/').pop()?.split(':')[1] ?? 'latest';
  if (tag.startsWith('8.0')) return '8.0.41-1.el9';
  if (tag.startsWith('8')) return '8.4.4-1.el9';
  return '9.2.0-1.el9';
}

/**
 * What an image does with no command or args: servers run, shells and REPLs (python, node,
 * netshoot's zsh) read end-of-input at once and exit 0, the database images refuse to
 * initialise without a password (exit 1, their entrypoint's error), curl with no URL exits 2.
 */
function imageDefault(image: string, startedAt: string, where: Surroundings): Program {
  const env = where.env;
  const repo = repository(image);
  const set = (name: string) =>
    (env ?? []).some(
      (e) => e.name === name && (e.valueFrom !== undefined || (e.value ?? '') !== ''),
    );
  if (repo === 'hello-world') {
    return { runs: 'exits', afterMs: 0, exitCode: 0, output: 'Hello from Docker!\n' };
  }
  if (
    repo === 'postgres' &&
    !set('POSTGRES_PASSWORD') &&
    !(env ?? []).some((e) => e.name === 'POSTGRES_HOST_AUTH_METHOD' && e.value === 'trust')
  ) {
    return { runs: 'exits', afterMs: 0, exitCode: 1, output: POSTGRES_NO_PASSWORD };
  }
  if (
    repo === 'mysql' &&
    !['MYSQL_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD'].some(set)
  ) {
    const t = rfc3339Seconds(startedAt);
    const started = `${t} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${mysqlVersion(image)} started.\n`;
    return {
      runs: 'exits',
      afterMs: 0,
      exitCode: 1,
      output: `${started}${t} [Note] [Entrypoint]: Switching to dedicated user 'mysql'\n${started}${t} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified
    You need to specify one of the following as an environment variable:
    - MYSQL_ROOT_PASSWORD
    - MYSQL_ALLOW_EMPTY_PASSWORD
    - MYSQL_RANDOM_ROOT_PASSWORD
`,
    };
  }
  if (repo === 'curl') {
    return {
      runs: 'exits',
      afterMs: 0,
      exitCode: 2,
      output: "curl: try 'curl --help' or 'curl --manual' for more information\n",
    };
  }
  if (EXITING_IMAGES.has(repo)) return { runs: 'exits', afterMs: 0, exitCode: 0, output: '' };
  return { runs: 'forever', output: serverStartup(repo, image, startedAt, where) };
}

/** A time of the run's start, `ms` later, as a Date (epoch 0 when unknown). */
function at(startedAt: string, ms: number): Date {
  const t = Date.parse(startedAt);
  return new Date((Number.isNaN(t) ? 0 : t) + ms);
}

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
const DAYS = 'Sun Mon Tue Wed Thu Fri Sat'.split(' ');
const p2 = (n: number) => String(n).padStart(2, '0');
const p3 = (n: number) => String(n).padStart(3, '0');
const hms = (d: Date) => `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;

/**
 * The start-up lines of the server images besides nginx's (logs.ts has those): redis, httpd,
 * postgres, mysql, mongo, as their default configuration prints them (the last lines of a
 * first start; the database images' initialisation output is shortened to its end).
 */
function serverStartup(
  repo: string,
  image: string,
  startedAt: string,
  where: Surroundings,
): string {
  if (repo === 'redis') {
    const t = (ms: number) => {
      const d = at(startedAt, ms);
      return `${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${hms(d)}.${p3(d.getUTCMilliseconds())}`;
    };
    return `1:C ${t(20)} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo
1:C ${t(20)} * Redis version=7.4.2, bits=64, commit=00000000, modified=0, pid=1, just started
1:C ${t(20)} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf
1:M ${t(21)} * monotonic clock: POSIX clock_gettime
1:M ${t(22)} * Running mode=standalone, port=6379.
1:M ${t(22)} * Server initialized
1:M ${t(22)} * Ready to accept connections tcp
`;
  }
  if (repo === 'httpd') {
    const d = at(startedAt, 30);
    const t = `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${hms(d)}.${p3(d.getUTCMilliseconds())}000 ${d.getUTCFullYear()}`;
    // AH00558 twice: once for the configuration check, once as the server starts.
    const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${where.podIP ?? '127.0.0.1'}. Set the 'ServerName' directive globally to suppress this message\n`;
    return `${fqdn}${fqdn}[${t}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.63 (Unix) configured -- resuming normal operations
[${t}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'
`;
  }
  if (repo === 'postgres') {
    const t = (ms: number) => {
      const d = at(startedAt, ms);
      return `${d.toISOString().slice(0, 10)} ${hms(d)}.${p3(d.getUTCMilliseconds())} UTC`;
    };
    const down = at(startedAt, 1000);
    const version =
      'PostgreSQL 17.2 (Debian 17.2-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit';
    return `PostgreSQL init process complete; ready for start up.

${t(1100)} [1] LOG:  starting ${version}
${t(1101)} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432
${t(1101)} [1] LOG:  listening on IPv6 address "::", port 5432
${t(1103)} [1] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"
${t(1108)} [62] LOG:  database system was shut down at ${down.toISOString().slice(0, 10)} ${hms(down)} UTC
${t(1113)} [1] LOG:  database system is ready to accept connections
`;
  }
  if (repo === 'mysql') {
    const version = mysqlVersion(image);
    const short = version.split('-')[0] ?? version;
    const iso = (ms: number) => `${at(startedAt, ms).toISOString().slice(0, 23)}000Z`;
    return `${rfc3339Seconds(startedAt)} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${version} started.
${rfc3339Seconds(startedAt)} [Note] [Entrypoint]: Switching to dedicated user 'mysql'
${rfc3339Seconds(startedAt)} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${version} started.
${iso(9000)} 0 [System] [MY-015015] [Server] MySQL Server - start.
${iso(9200)} 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld ${short}) starting as process 1
${iso(9900)} 0 [System] [MY-011323] [Server] X Plugin ready for connections. Bind-address: '::' port: 33060, socket: /var/run/mysqld/mysqlx.sock
${iso(9900)} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${short}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.
`;
  }
  if (repo === 'mongo') {
    const iso = (ms: number) => at(startedAt, ms).toISOString().replace('Z', '+00:00');
    return `{"t":{"$date":"${iso(400)}"},"s":"I",  "c":"NETWORK",  "id":23015,   "ctx":"listener","msg":"Listening on","attr":{"address":"0.0.0.0:27017"}}
{"t":{"$date":"${iso(400)}"},"s":"I",  "c":"NETWORK",  "id":23016,   "ctx":"listener","msg":"Waiting for connections","attr":{"port":27017,"ssl":"off"}}
`;
  }
  return '';
}

/**
 * CoreDNS 1.11.3 (kubeadm 1.32's) as it starts on kubeadm's Corefile: the server block it
 * listens for, the reload plugin's digest of the configuration (a SHA-512 in CoreDNS; a stand-in
 * digest of the same Corefile here), its version and build.
 */
function corednsStartup(): string {
  const sha512 = `${hex64(COREFILE)}${hex64(`${COREFILE}\n`)}`;
  return `.:53\n[INFO] plugin/reload: Running configuration SHA512 = ${sha512}\nCoreDNS-1.11.3\nlinux/amd64, go1.21.11, a6338e9\n`;
}

/** The postgres image's entrypoint without POSTGRES_PASSWORD (docker_verify_minimum_env). */
const POSTGRES_NO_PASSWORD = `Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
       connections without a password. This is *not* recommended.

       See PostgreSQL documentation about "trust":
       https://www.postgresql.org/docs/current/auth-trust.html
`;

/**
 * The program of a container: `command` replaces the image's entrypoint, `args` its default
 * arguments (for the images simulated here, the entrypoint passes them on as the command).
 * `startedAt` (RFC 3339) is when this run started, for `date`.
 */
export function containerProgram(
  image: string,
  command: readonly string[] | undefined,
  args: readonly string[] | undefined,
  startedAt = '',
  where: Surroundings = {},
): Program {
  if (!command?.length && !args?.length) return imageDefault(image, startedAt, where);
  if (repository(image) === 'coredns') return { runs: 'forever', output: corednsStartup() };
  const argv = [...(command ?? []), ...(args ?? [])];
  // The control-plane components and kube-proxy log their start (componentLogs.ts).
  const component = componentStartup(repository(image), argv, startedAt, where.podIP);
  if (component !== undefined) return { runs: 'forever', output: component };
  const net = netStep(argv);
  if (net) {
    // Whether the container has a terminal (`kubectl run -it`, the usual way to run curl) is not
    // known here: taken as having one, curl draws no progress meter in its log.
    const r = netResult(
      net,
      where.namespace ?? 'default',
      where.network,
      nslookupKind(repository(image), imageTag(image)),
      where.podIP,
      where.answered,
      where.dns,
      net.tool === 'curl'
        ? newShell(image, startedAt, { ...where, tty: where.tty ?? true })
        : undefined,
    );
    if (r) {
      const output = r.output + (r.error ?? '');
      const files = r.saved
        ? { files: [{ atMs: r.ms ?? 0, path: normalPath(r.saved.path), content: r.saved.content }] }
        : {};
      return { runs: 'exits', afterMs: r.ms ?? 0, exitCode: r.exitCode, output, ...files };
    }
    return { runs: 'forever', output: '' };
  }
  const sh = newShell(image, startedAt, where);
  sh.lazyLoops = true;
  const cmd0 = argv[0] ?? '';
  const shell = cmd0.split('/').pop() ?? '';
  // The runtime execs argv[0] itself, unless an entrypoint script of the image is given the
  // args (it runs them with its own shell: not simulated).
  const direct = (command?.length ?? 0) > 0 || !ENTRYPOINT_IMAGES.has(sh.repo);
  if (direct && sh.bins && !sh.bins.has(shell)) {
    return { runs: 'fails', message: startErrorMessage(cmd0), output: '' };
  }
  if ((shell === 'sh' || shell === 'bash' || shell === 'ash') && argv[1] === '-c') {
    scriptArgs(sh, argv, 1);
    const text = argv[2] ?? '';
    return (
      untilResolves(
        text,
        startedAt,
        where.vars,
        nslookupKind(repository(image), imageTag(image)),
      ) ??
      endlessLoop(text, startedAt, where.vars) ??
      script(text, startedAt, where.vars, sh, shell)
    );
  }
  // Run by the runtime, not a shell: `echo` is the image's program.
  const s = step(argv, sh, '');
  if (!s) return { runs: 'forever', output: '' };
  const output = s.output + (s.error ?? '');
  const memory = s.memoryBytes === undefined ? {} : { memoryBytes: s.memoryBytes };
  if (s.forever) {
    return { runs: 'forever', output, ...(s.follows ? { follows: s.follows } : {}), ...memory };
  }
  const files = sh.fileLog.length > 0 ? { files: sh.fileLog } : {};
  return { runs: 'exits', afterMs: s.ms, exitCode: s.exitCode ?? 0, output, ...files, ...memory };
}

/**
 * `sh -c SCRIPT [NAME [ARG]...]`: `$0` is NAME (else the shell as invoked), `$1`… the ARGs;
 * `$$` is `pid`.
 */
function scriptArgs(sh: Shell, argv: readonly string[], pid: number): void {
  sh.arg0 = argv[3] ?? argv[0] ?? 'sh';
  sh.params = argv.slice(4);
  sh.pid = pid;
}

/**
 * The PID of a process started by exec in a container whose PID 1 is its program: the runtime's
 * exec setup takes the ones before (busybox's `ps` in an exec shows itself as 7).
 */
const EXEC_PID = 7;

/** Images whose ENTRYPOINT is a script that execs the args it is given. */
const ENTRYPOINT_IMAGES = new Set(['nginx', 'redis', 'postgres', 'mysql', 'mongo']);

/**
 * containerd's error when runc cannot exec the process (what the kubelet's `Failed` event and
 * the StartError state say): not on the PATH, or an absolute path that does not exist.
 */
export function startErrorMessage(cmd: string): string {
  const why = cmd.includes('/')
    ? `exec: "${cmd}": stat ${cmd}: no such file or directory`
    : `exec: "${cmd}": executable file not found in $PATH`;
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${why}: unknown`;
}

/**
 * A command run inside a running container (an exec probe, a lifecycle hook): what it prints
 * (stdout then stderr), its exit code and how long it ran (its sleeps), given the files the container's own script has written by
 * `elapsedMs` after it started. Undefined when the command is not simulated.
 */
export function execInContainer(
  image: string,
  argv: readonly string[],
  elapsedMs: number,
  files: readonly FileEvent[] | undefined,
  where: Surroundings = {},
): { exitCode: number; output: string; ms: number; written?: readonly FileEvent[] } | undefined {
  const sh = newShell(image, '', where);
  for (const f of files ?? []) if (f.atMs <= elapsedMs) sh.files.set(f.path, f.content);
  const cmd = argv[0]?.split('/').pop() ?? '';
  if (sh.bins && !sh.bins.has(cmd)) return undefined;
  // What the command wrote, timed from its start (a lifecycle hook's files outlive it).
  const written = () => (sh.fileLog.length > 0 ? { written: sh.fileLog } : {});
  if ((cmd === 'sh' || cmd === 'bash' || cmd === 'ash') && argv[1] === '-c') {
    scriptArgs(sh, argv, EXEC_PID);
    const r = runStatements(statements(argv[2] ?? ''), sh, cmd);
    return r.forever
      ? undefined
      : { exitCode: r.status & 255, output: r.output, ms: sh.ms, ...written() };
  }
  // Run by the runtime, not a shell: `echo` is the image's program.
  const s = step(argv, sh, '');
  if (!s || s.forever) return undefined;
  return { exitCode: s.exitCode ?? 0, output: s.output + (s.error ?? ''), ms: s.ms, ...written() };
}

/** What `kubectl exec` gets back from a command run beside the container's program. */
export type ExecResult =
  | {
      exitCode: number;
      stdout: string;
      stderr: string;
      /** The files it wrote or removed, timed from its start (they stay in the container). */
      written?: readonly FileEvent[];
    }
  /** The runtime cannot exec it: the executable is not in the image (containerd's message). */
  | { notFound: string }
  /** It would run until interrupted (`tail -f`, an endless loop): exec would never return. */
  | { runsOn: true };

/**
 * A command run in a running container by `kubectl exec`, beside its program: stdout, stderr
 * and exit code, or why it cannot start. Undefined when the command is not simulated (it may
 * run on, or be a program the simulation does not know).
 */
export function execCommand(
  image: string,
  argv: readonly string[],
  elapsedMs: number,
  files: readonly FileEvent[] | undefined,
  where: Surroundings,
): ExecResult | undefined {
  const sh = newShell(image, '', where);
  for (const f of files ?? []) if (f.atMs <= elapsedMs) sh.files.set(f.path, f.content);
  const cmd0 = argv[0] ?? '';
  const cmd = cmd0.split('/').pop() ?? '';
  if (sh.bins && !sh.bins.has(cmd)) {
    const why = cmd0.includes('/')
      ? `exec: "${cmd0}": stat ${cmd0}: no such file or directory`
      : `exec: "${cmd0}": executable file not found in $PATH`;
    return {
      notFound: `OCI runtime exec failed: exec failed: unable to start container process: ${why}: unknown`,
    };
  }
  const written = () => (sh.fileLog.length > 0 ? { written: sh.fileLog } : {});
  if ((cmd === 'sh' || cmd === 'bash' || cmd === 'ash') && argv[1] === '-c') {
    scriptArgs(sh, argv, EXEC_PID);
    const r = runStatements(statements(argv[2] ?? ''), sh, cmd);
    // (A script stops "for good" both at a command that runs on and at one not simulated.)
    if (r.forever) return undefined;
    const stream = (err: boolean) =>
      sh.printed
        .filter((p) => (p.stderr === true) === err)
        .map((p) => p.text)
        .join('');
    return { exitCode: r.status & 255, stdout: stream(false), stderr: stream(true), ...written() };
  }
  // Run by the runtime, not a shell: `echo` is the image's program.
  const s = step(argv, sh, '');
  if (!s) return undefined;
  if (s.forever) return { runsOn: true };
  return { exitCode: s.exitCode ?? 0, stdout: s.output, stderr: s.error ?? '', ...written() };
}

/**
 * What is at a path of a running container, as `tar` finds it (`kubectl cp`): a file and its
 * content, a directory and the files under it (paths relative to it, in `ls` order), or nothing.
 * Undefined when the simulation does not know (a path of an image whose files it does not know).
 */
export type PathView =
  | { kind: 'file'; content: string }
  | { kind: 'dir'; files: [string, string][] }
  | { kind: 'missing' };

/** The view of `path` in a container given the files written by `elapsedMs` (see PathView). */
export function containerPath(
  image: string,
  elapsedMs: number,
  files: readonly FileEvent[] | undefined,
  where: Surroundings,
  path: string,
): PathView | undefined {
  const sh = newShell(image, '', where);
  for (const f of files ?? []) if (f.atMs <= elapsedMs) sh.files.set(f.path, f.content);
  return pathView(sh, normalPath(path));
}

function pathView(sh: Shell, path: string): PathView | undefined {
  const names = listDir(sh, path);
  if (names) {
    const files: [string, string][] = [];
    for (const n of names) {
      const sub = pathView(sh, path === '/' ? `/${n}` : `${path}/${n}`);
      if (sub?.kind === 'file') files.push([n, sub.content]);
      else if (sub?.kind === 'dir')
        for (const [rel, c] of sub.files) files.push([`${n}/${rel}`, c]);
    }
    return { kind: 'dir', files };
  }
  const content = readFile(sh, path);
  if (content === undefined) return undefined;
  return content === null ? { kind: 'missing' } : { kind: 'file', content };
}

/** PID 1 of images run without a command: their entrypoint as `ps` shows it. */
const IMAGE_PID1: Readonly<Record<string, string>> = {
  nginx: 'nginx: master process nginx -g daemon off;',
  // The GKE samples' app: a Go binary at / of an Alpine image.
  'hello-app': '/hello-app',
};

/**
 * PID 1's command line as `ps` shows it: the container's command and args; a `sh -c` of one
 * simple command is that command (the shell execs it).
 */
export function pid1CommandLine(
  image: string,
  command: readonly string[] | undefined,
  args: readonly string[] | undefined,
): string {
  const argv = [...(command ?? []), ...(args ?? [])];
  if (argv.length === 0) {
    const repo = repository(image);
    return IMAGE_PID1[repo] ?? repo;
  }
  const shell = argv[0]?.split('/').pop();
  const text = argv[2] ?? '';
  if ((shell === 'sh' || shell === 'ash') && argv[1] === '-c' && !/[;&|<>`$(){}\n]/.test(text)) {
    return text.trim();
  }
  return argv.join(' ');
}

/** A downward API file: a pod field or a container's resource. */
interface DownwardItem {
  path: string;
  fieldRef?: { fieldPath?: string };
  resourceFieldRef?: ResourceFieldRef;
}

/** A ConfigMap or Secret as a volume (or a projected source): all its keys, or some. */
interface KeyedSource {
  items?: { key: string; path: string }[];
}

interface VolumeSpec {
  name: string;
  configMap?: KeyedSource & { name?: string };
  secret?: KeyedSource & { secretName?: string };
  emptyDir?: unknown;
  hostPath?: { path?: string };
  downwardAPI?: { items?: DownwardItem[] };
  projected?: {
    sources?: {
      configMap?: KeyedSource & { name?: string };
      secret?: KeyedSource & { name?: string };
      downwardAPI?: { items?: DownwardItem[] };
      serviceAccountToken?: ProjectedTokenSource;
    }[];
  };
}

/**
 * fieldpath.FormatMap: `key="value"` lines (the value quoted as Go's %q does), keys sorted,
 * no newline after the last.
 */
function formatMap(m: Readonly<Record<string, string>> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${JSON.stringify(m?.[k] ?? '')}`)
    .join('\n');
}

/**
 * What a downward API file holds: the pod's labels or annotations (FormatMap; the annotations
 * with the two the kubelet adds to its copy of a pod from the API server), one of its fields, or
 * a container's request or limit. Undefined for a field the downward API does not offer.
 */
function downwardValue(
  pod: KubeObject,
  item: DownwardItem,
  runtime: PodRuntime,
): string | undefined {
  const path = item.fieldRef?.fieldPath;
  if (path === 'metadata.labels') return formatMap(pod.metadata?.labels ?? undefined);
  if (path === 'metadata.annotations') {
    const startTime = (pod.status as { startTime?: string } | undefined)?.startTime;
    return formatMap({
      ...(pod.metadata?.annotations ?? {}),
      ...(startTime ? { 'kubernetes.io/config.seen': startTime } : {}),
      'kubernetes.io/config.source': 'api',
    });
  }
  if (path !== undefined) return podFieldValue(pod, path, runtime);
  const ref = item.resourceFieldRef;
  if (!ref) return undefined;
  const containers = (pod.spec as { containers?: ContainerResources[] } | undefined)?.containers;
  const container = containers?.find((c) => c.name === ref.containerName);
  return resourceFieldValue(ref, container, runtime.allocatable);
}

/** The root of a kind node (kindest/node): directories that hold the system's files. */
const NODE_ROOT = new Set(
  'bin boot dev etc kind lib lib64 opt proc root run sbin sys usr var'.split(' '),
);

/**
 * Whether a hostPath directory holds, on a fresh node, nothing but what pods put there: one in
 * /tmp, /mnt, /srv, /home or /media, or under a name the node's root does not have (the kubelet
 * or the runtime creates it empty). Elsewhere (/var/log, /etc…) the node's own files are there.
 */
function freshHostDir(path: string | undefined): boolean {
  if (!path) return false;
  const top = normalPath(path).split('/')[1] ?? '';
  return top !== '' && !NODE_ROOT.has(top);
}

/**
 * The files a container sees in its ConfigMap, Secret, downward API and projected volumes (one
 * per key, or per listed item; Secret values decoded), by path, and the directories its volumes
 * are mounted on. The service-account volume is known to the shell already. Undefined when the
 * container mounts none of these.
 */
export function volumeFiles(
  pod: KubeObject,
  container: { volumeMounts?: readonly { name: string; mountPath: string; subPath?: string }[] },
  data: ObjectData,
  /** What a subPath mount reads: the data as it was when the container started (default `data`). */
  atStart: ObjectData = data,
  /** The pod's IPs and the node's allocatable (downward API files). */
  runtime: PodRuntime = {},
):
  | { files: Map<string, string>; dirs: string[]; readOnly?: string[]; memory?: string[] }
  | undefined {
  const mounts = container.volumeMounts;
  if (!mounts?.length) return undefined;
  const volumes = (pod.spec as { volumes?: VolumeSpec[] } | undefined)?.volumes ?? [];
  let out:
    | { files: Map<string, string>; dirs: string[]; readOnly?: string[]; memory?: string[] }
    | undefined;
  for (const m of mounts) {
    const v = volumes.find((x) => x.name === m.name);
    const fresh = v?.hostPath ? freshHostDir(v.hostPath.path) : false;
    if (!v || !(v.configMap || v.secret || v.emptyDir || v.downwardAPI || v.projected || fresh)) {
      continue;
    }
    out ??= { files: new Map(), dirs: [] };
    const dir = m.mountPath.replace(/\/+$/, '');
    if (v.emptyDir || fresh) {
      if (!m.subPath) out.dirs.push(dir);
      continue;
    }
    // A subPath mount is a bind mount of one file made at the start: it never sees updates.
    const read = m.subPath ? atStart : data;
    const entries: (readonly [string, string])[] = [];
    const keyed = (
      source: KeyedSource,
      resource: 'configmaps' | 'secrets',
      name: string | undefined,
    ) => {
      const values = read(resource, name ?? '');
      if (!values) return;
      const decode = (value: string) => {
        if (resource !== 'secrets') return value;
        try {
          return atob(value);
        } catch {
          return value;
        }
      };
      const picked = source.items
        ? source.items
            .filter((i) => i.key in values)
            .map((i) => [i.path, values[i.key] ?? ''] as const)
        : Object.entries(values);
      for (const [path, value] of picked) entries.push([path, decode(value)]);
    };
    const downward = (items: readonly DownwardItem[] | undefined) => {
      for (const item of items ?? []) {
        const value = downwardValue(pod, item, runtime);
        if (value !== undefined) entries.push([item.path, value]);
      }
    };
    if (v.configMap) keyed(v.configMap, 'configmaps', v.configMap.name);
    else if (v.secret) keyed(v.secret, 'secrets', v.secret.secretName);
    else if (v.downwardAPI) downward(v.downwardAPI.items);
    else {
      for (const src of v.projected?.sources ?? []) {
        if (src.configMap) keyed(src.configMap, 'configmaps', src.configMap.name);
        if (src.secret) keyed(src.secret, 'secrets', src.secret.name);
        if (src.downwardAPI) downward(src.downwardAPI.items);
        if (src.serviceAccountToken) {
          const token = runtime.token?.(src.serviceAccountToken);
          if (token !== undefined) entries.push([src.serviceAccountToken.path, token]);
        }
      }
    }
    if (m.subPath) {
      const hit = entries.find(([path]) => path === m.subPath);
      if (hit) out.files.set(dir, hit[1]);
      continue;
    }
    out.dirs.push(dir);
    // ConfigMap, Secret, downward API and projected volumes are mounted read-only.
    out.readOnly = [...(out.readOnly ?? []), dir];
    // Secret and projected volumes are tmpfs mounts (the kubelet keeps secrets off disk).
    if (v.secret || v.projected) out.memory = [...(out.memory ?? []), dir];
    for (const [path, value] of entries) out.files.set(`${dir}/${path}`, value);
  }
  return out;
}

/** Whole lines a script has written to stdout since `from` (what `| head -N` counts). */
function stdoutLinesSince(
  sh: { printed: readonly { text: string; stderr?: boolean }[] },
  from: number,
): number {
  return (
    sh.printed
      .slice(from)
      .filter((p) => !p.stderr)
      .map((p) => p.text)
      .join('')
      .split('\n').length - 1
  );
}
