/**
 * The node shell's commands. From the learner's terminal: `ssh NODE` (also `ssh root@NODE`, a
 * node's IP, and `ssh NODE COMMAND…` for one command). In a node's root shell: `exit`/`logout`,
 * `sudo`/`su` (root already), `cd`/`pwd`, `ls`, `mkdir`, `cp`, `mv`, `touch`, `hostname`,
 * `whoami`, `systemctl`, `journalctl`, `crictl`, `apparmor_parser`, `aa-status`, and on the
 * control-plane node `etcdctl`,
 * `etcdutl` and `kubeadm`. Anything else (kubectl, cat, echo, redirections…) is the console's
 * own shell, on the node's file system.
 */

import { runKubectl } from '../cli.ts';
import type { KubectlHost, RunResult } from '../host.ts';
import type { Workspace } from '../workspace.ts';
import { aaStatus, apparmorParser } from './apparmor.ts';
import { crictl } from './crictl.ts';
import { etcdctl, snapshotSize } from './etcdctl.ts';
import { iptables } from './iptables.ts';
import { kubeadm } from './kubeadm.ts';
import { KUBELET_WANTS } from './kubeletUnit.ts';
import type { NodeMachines } from './machines.ts';
import type { NodeFs } from './nodeFs.ts';
import { podLogLink } from './podLogFiles.ts';
import { nodeProcesses, ps } from './ps.ts';
import { activeHost, type Login, loginOf, loginsOf, openLogin, terminalOf } from './session.ts';
import { journalctl, kubeletProcess, systemctl } from './systemd.ts';

/** What the node commands need of the console's shell. */
export interface ShellAccess {
  /** Runs a simple command's words in the current shell (after `sudo`). */
  runWords(words: string[]): RunResult;
  /** Runs a whole line in a shell on `host` (`ssh NODE COMMAND`). */
  runLine(host: KubectlHost, line: string): RunResult;
  /** The command's environment: exported variables and its own `NAME=value` prefixes. */
  env(): Record<string, string>;
  /** What a pipe or `< FILE` feeds the command. */
  stdin?: string | undefined;
  /** Whether the command's output goes to the terminal (not into a pipe or a file). */
  tty?: boolean;
}

const ok = (stdout = ''): RunResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode = 1): RunResult => ({ stdout: '', stderr, exitCode });

const KERNEL = '6.8.0-51-generic';

/** The node `target` names (a node name or its InternalIP), if any. */
function nodeNamed(machines: NodeMachines, target: string): string | undefined {
  const names = machines.names();
  if (names.includes(target)) return target;
  const m = /^172\.18\.0\.(\d+)$/.exec(target);
  const i = m ? Number(m[1]) - 2 : -1;
  return i >= 0 ? names[i] : undefined;
}

/** ssh's flags that take a value. */
const SSH_VALUE_FLAGS = new Set(['-i', '-o', '-p', '-l', '-F', '-J', '-L', '-R', '-D', '-E']);

function ssh(host: KubectlHost, args: string[], shell: ShellAccess): RunResult {
  const machines = host.machines;
  let i = 0;
  let user = 'root';
  for (; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith('-')) break;
    if (a === '-l') user = args[i + 1] ?? user;
    if (SSH_VALUE_FLAGS.has(a)) i++;
  }
  const target = args[i];
  if (target === undefined)
    return fail(
      'usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]\n           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]\n           [-J destination] [-L address] [-l login_name] [-m mac_spec]\n           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]\n           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]\n           destination [command [argument ...]]\n',
      255,
    );
  const at = target.lastIndexOf('@');
  const hostName = at >= 0 ? target.slice(at + 1) : target;
  if (at >= 0) user = target.slice(0, at);
  void user;
  const node = machines ? nodeNamed(machines, hostName) : undefined;
  if (!machines || !node)
    return fail(
      `ssh: Could not resolve hostname ${hostName}: Temporary failure in name resolution\n`,
      255,
    );
  if (!machines.up(node))
    return fail(`ssh: connect to host ${hostName} port 22: No route to host\n`, 255);
  const terminal = terminalOf(host);
  const login = openLogin(terminal, node, node === machines.controlPlane);
  // OpenSSH reads options after the destination too, up to `--` or the command's first word.
  let c = i + 1;
  for (; c < args.length; c++) {
    const a = args[c] as string;
    if (a === '--') {
      c++;
      break;
    }
    if (!a.startsWith('-')) break;
    if (SSH_VALUE_FLAGS.has(a)) c++;
  }
  const command = args.slice(c);
  if (command.length > 0) return shell.runLine(login.host, command.join(' '));
  loginsOf(terminal).push(login);
  return ok(`Welcome to Ubuntu 24.04.1 LTS (GNU/Linux ${KERNEL} x86_64)\n\n`);
}

/**
 * `scp SRC… DEST` between the learner's files and a node (`node1:/etc/kubernetes/manifests/`,
 * `root@node1:PATH`; a path with no `HOST:` is on the machine scp runs on). Prints nothing:
 * scp's progress meter shows only on a terminal.
 */
function scp(host: KubectlHost, args: string[]): RunResult {
  const machines = host.machines;
  const paths = args.filter((a) => !a.startsWith('-'));
  if (paths.length < 2)
    return fail(
      'usage: scp [-346ABCOpqRrsTv] [-c cipher] [-D sftp_server_path] [-F ssh_config]\n           [-i identity_file] [-J destination] [-l limit] [-o ssh_option]\n           [-P port] [-S program] [-X sftp_option] source ... target\n',
      1,
    );
  const here = host.fs;
  const place = (spec: string): { fs: Workspace; path: string; label: string } | string => {
    const m = /^(?:[^@/:]+@)?([^/:]+):(.*)$/.exec(spec);
    if (!m) return { fs: here, path: spec, label: spec };
    const name = m[1] as string;
    const node = machines ? nodeNamed(machines, name) : undefined;
    if (!machines || !node)
      return `ssh: Could not resolve hostname ${name}: Temporary failure in name resolution\r\nscp: Connection closed\n`;
    if (!machines.up(node))
      return `ssh: connect to host ${name} port 22: No route to host\r\nscp: Connection closed\n`;
    const login = openLogin(terminalOf(host), node, node === machines.controlPlane);
    return { fs: login.fs, path: m[2] === '' ? '.' : (m[2] as string), label: spec };
  };
  const dest = place(paths[paths.length - 1] as string);
  if (typeof dest === 'string') return fail(dest, 255);
  let stderr = '';
  for (const spec of paths.slice(0, -1)) {
    const src = place(spec);
    if (typeof src === 'string') {
      stderr += src;
      continue;
    }
    const text = src.fs.read(src.path);
    if (text === undefined) {
      stderr += `scp: ${src.path}: No such file or directory\n`;
      continue;
    }
    const base =
      src.path
        .split('/')
        .filter((x) => x !== '')
        .pop() ?? src.path;
    const target =
      dest.path === '.' || dest.fs.isDirectory(dest.path)
        ? `${dest.path.replace(/\/+$/, '')}/${base}`
        : dest.path;
    const w = dest.fs.write(target, text);
    if (!w.ok) stderr += `scp: ${target}: ${w.error.replace(/^[^:]*: /, '')}\n`;
  }
  return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
}

/**
 * `ls [-l] [-a] [-d] [-1] [PATH…]` on a node. Into a pipe or a file (`tty` false) GNU ls
 * writes one name per line, as `-1` does; `-d` lists directories themselves, not their entries.
 */
function ls(
  fs: NodeFs,
  args: string[],
  now: number,
  linkOf: (path: string) => string | undefined = () => undefined,
  tty = true,
): RunResult {
  const long = args.some((a) => /^-[a-zA-Z]*l/.test(a));
  const self = args.some((a) => /^-[a-zA-Z]*d/.test(a));
  const perLine = !tty || args.some((a) => /^-[a-zA-Z]*1/.test(a));
  const join = (names: string[]) => (perLine ? names.join('\n') : names.join('  '));
  const paths = args.filter((a) => !a.startsWith('-'));
  let stdout = '';
  let stderr = '';
  let code = 0;
  const date = (() => {
    const d = new Date(now);
    const m = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    return `${m[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  })();
  const line = (name: string, path: string, dir: boolean) => {
    if (!long) return name;
    // A symlink: its size is its target's length.
    const link = dir ? undefined : linkOf(path);
    if (link !== undefined)
      return `lrwxrwxrwx 1 root root ${String(link.length).padStart(5)} ${date} ${name} -> ${link}`;
    const text = dir ? '' : (fs.read(path) ?? '');
    const size = dir ? 4096 : (snapshotSize(text) ?? new TextEncoder().encode(text).length);
    // etcd makes its member directories, database and WAL private (0700, 0600).
    const mode = dir
      ? /\/member(\/snap|\/wal)?$/.test(path)
        ? 'drwx------'
        : 'drwxr-xr-x'
      : /\.key$|^\/etc\/kubernetes\/[^/]+\.conf$|manifests\/|\/member\/(wal\/|snap\/db$)/.test(path)
        ? '-rw-------'
        : '-rw-r--r--';
    return `${mode} ${dir ? 2 : 1} root root ${String(size).padStart(5)} ${date} ${name}`;
  };
  const targets = paths.length > 0 ? paths : ['.'];
  const blocks: string[] = [];
  if (self) {
    const shown: string[] = [];
    for (const p of targets) {
      const abs = fs.abs(p);
      if (fs.isDirectory(abs)) shown.push(line(p, abs, true));
      else if (fs.read(abs) !== undefined) shown.push(line(p, abs, false));
      else {
        stderr += `ls: cannot access '${p}': No such file or directory\n`;
        code = 2;
      }
    }
    stdout = shown.length === 0 ? '' : long ? `${shown.join('\n')}\n` : `${join(shown)}\n`;
    return { stdout, stderr, exitCode: code };
  }
  for (const p of targets) {
    const abs = fs.abs(p);
    if (fs.isDirectory(abs)) {
      const entries = fs.entries(abs);
      const lines = entries.map((e) => line(e.name, `${abs === '/' ? '' : abs}/${e.name}`, e.dir));
      const body = long
        ? `total ${entries.length * 4}\n${lines.map((l) => `${l}\n`).join('')}`
        : lines.length > 0
          ? `${join(lines)}\n`
          : '';
      blocks.push(targets.length > 1 ? `${p}:\n${body}` : body);
    } else if (fs.read(abs) !== undefined) {
      blocks.push(`${line(p, abs, false)}\n`);
    } else {
      stderr += `ls: cannot access '${p}': No such file or directory\n`;
      code = 2;
    }
  }
  stdout = blocks.join(targets.length > 1 ? '\n' : '');
  return { stdout, stderr, exitCode: code };
}

/** The console keeps the control plane's own manifests as the engine runs them. */
function keptManifest(
  tool: string,
  path: string,
  why = "changing the control plane's own static pod manifests",
): string {
  return `bash: this console cannot run "${tool} ${path}": ${why} is not simulated\n`;
}

/** `rm [-f] [-r] PATH…` on a node. */
function rm(fs: NodeFs, args: string[]): RunResult {
  const force = args.some((a) => /^-[a-zA-Z]*f/.test(a));
  let stderr = '';
  let code = 0;
  for (const p of args.filter((a) => !a.startsWith('-'))) {
    if (fs.refused(p)) {
      stderr += keptManifest('rm', p);
      code = 2;
    } else if (fs.isDirectory(p) && fs.read(p) === undefined) {
      stderr += `rm: cannot remove '${p}': Is a directory\n`;
      code = 1;
    } else if (!fs.remove(p) && !force) {
      stderr += `rm: cannot remove '${p}': No such file or directory\n`;
      code = 1;
    }
  }
  return { stdout: '', stderr, exitCode: code };
}

/**
 * `tee [-a] FILE…`: what it reads goes to each file (appended with -a) and to its output;
 * a file it cannot open is reported and the others are still written (coreutils' tee).
 */
function tee(fs: NodeFs, args: string[], input: string): RunResult {
  let append = false;
  const paths: string[] = [];
  let options = true;
  for (const a of args) {
    if (options && a === '--') options = false;
    else if (options && (a === '-a' || a === '--append')) append = true;
    else if (options && /^-[ai]+$/.test(a)) append ||= a.includes('a');
    else if (options && a.startsWith('-') && a !== '-')
      return fail(
        `tee: invalid option -- '${a.replace(/^-+/, '').charAt(0)}'\nTry 'tee --help' for more information.\n`,
      );
    else paths.push(a);
  }
  let stderr = '';
  for (const p of paths) {
    const next = append ? (fs.read(p) ?? '') + input : input;
    const why = fs.refusal(p, next);
    if (why) {
      stderr += keptManifest('tee', p, why);
      continue;
    }
    const w = fs.write(p, input, append);
    if (!w.ok) stderr += `tee: ${p}: ${w.error.replace(/^[^:]*: /, '')}\n`;
  }
  return { stdout: input, stderr, exitCode: stderr ? 1 : 0 };
}

function copy(fs: NodeFs, args: string[], move: boolean): RunResult {
  const tool = move ? 'mv' : 'cp';
  const paths = args.filter((a) => !a.startsWith('-'));
  if (paths.length < 2)
    return fail(
      paths.length === 0
        ? `${tool}: missing file operand\nTry '${tool} --help' for more information.\n`
        : `${tool}: missing destination file operand after '${paths[0]}'\nTry '${tool} --help' for more information.\n`,
    );
  const dest = paths[paths.length - 1] as string;
  const sources = paths.slice(0, -1);
  const destDir = fs.isDirectory(dest);
  if (sources.length > 1 && !destDir) return fail(`${tool}: target '${dest}': Not a directory\n`);
  let stderr = '';
  for (const src of sources) {
    if (move && fs.refused(src)) {
      stderr += keptManifest(tool, src);
      continue;
    }
    const text = fs.read(src);
    if (text === undefined) {
      stderr += fs.isDirectory(src)
        ? `${tool}: -r not specified; omitting directory '${src}'\n`
        : `${tool}: cannot stat '${src}': No such file or directory\n`;
      continue;
    }
    const base = fs.abs(src).split('/').pop() as string;
    const target = destDir ? `${fs.abs(dest)}/${base}` : dest;
    const why = fs.refusal(target, text);
    if (why) {
      stderr += keptManifest(tool, `${src} ${dest}`, why);
      continue;
    }
    const w = fs.write(target, text);
    if (!w.ok) {
      stderr += `${tool}: cannot create regular file '${target}': ${w.error.replace(/^[^:]*: /, '')}\n`;
      continue;
    }
    if (move && !fs.remove(src))
      stderr += `${tool}: cannot remove '${src}': Operation not permitted\n`;
  }
  return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
}

/** Commands whose name the node shell answers, wherever it runs. */
/**
 * Programs an Ubuntu kubeadm node has that this console does not run: named as such, not
 * "command not found" (which would teach that the node lacks them).
 */
const NODE_PROGRAMS_NOT_SIMULATED = new Set([
  'openssl',
  'ip',
  'ifconfig',
  'df',
  'du',
  'free',
  'uptime',
  'top',
  'htop',
  'netstat',
  'ss',
  'ipvsadm',
  'nft',
  'lsof',
  'apt',
  'apt-get',
  'apt-mark',
  'dpkg',
  'curl',
  'wget',
  'ping',
  'nc',
  'dig',
  'nslookup',
  'mount',
  'umount',
  'lsblk',
  'hostnamectl',
  'swapoff',
  'swapon',
  'modprobe',
  'lsmod',
  'sysctl',
  'kill',
  'pkill',
  'ctr',
  'nerdctl',
  'reboot',
  'shutdown',
  'less',
  'more',
]);

/** Where `which` finds the programs a kubeadm node has. */
const NODE_BINARIES: Readonly<Record<string, string>> = {
  kubelet: '/usr/bin/kubelet',
  kubeadm: '/usr/bin/kubeadm',
  kubectl: '/usr/bin/kubectl',
  containerd: '/usr/bin/containerd',
  crictl: '/usr/bin/crictl',
  systemctl: '/usr/bin/systemctl',
  journalctl: '/usr/bin/journalctl',
  etcdctl: '/usr/local/bin/etcdctl',
  etcdutl: '/usr/local/bin/etcdutl',
  apparmor_parser: '/usr/sbin/apparmor_parser',
  'aa-status': '/usr/sbin/aa-status',
  iptables: '/usr/sbin/iptables',
  'iptables-save': '/usr/sbin/iptables-save',
  openssl: '/usr/bin/openssl',
  ip: '/usr/sbin/ip',
  curl: '/usr/bin/curl',
  ls: '/usr/bin/ls',
  cat: '/usr/bin/cat',
  grep: '/usr/bin/grep',
  sed: '/usr/bin/sed',
  awk: '/usr/bin/awk',
};

const NODE_TOOLS = new Set([
  'kubelet',
  'containerd',
  'which',
  ...NODE_PROGRAMS_NOT_SIMULATED,
  'apparmor_parser',
  'aa-status',
  'apparmor_status',
  'aa-enabled',
  'systemctl',
  'service',
  'ps',
  'journalctl',
  'crictl',
  'etcdctl',
  'etcdutl',
  'iptables',
  'iptables-save',
  'kubeadm',
  'hostname',
  'whoami',
  'cd',
  'pwd',
  'ls',
  'mkdir',
  'cp',
  'mv',
  'touch',
  'rm',
  'tee',
  'sudo',
  'su',
  'vi',
  'vim',
  'nano',
  'exit',
  'logout',
]);

/**
 * The shell `sudo …`/`su …` starts, if it starts one: `sudo -i`, `su -`, `su -l`, `bash -l` a
 * login shell; `sudo -s`, `su`, `bash` one that is not.
 */
function nestedShell(words: readonly string[]): 'login' | 'shell' | undefined {
  const [first, ...rest] = words;
  if (first === '-i' || first === '--login') return 'login';
  if (first === '-s' || first === '--shell') return 'shell';
  if (first === 'su')
    return rest.some((a) => a === '-' || a === '-l' || a === '--login') ? 'login' : 'shell';
  if (first === 'bash' || first === 'sh')
    return rest.some((a) => a === '-l' || a === '--login')
      ? 'login'
      : rest.length === 0
        ? 'shell'
        : undefined;
  return undefined;
}

/**
 * A shell inside the session's (root's again): a login shell starts in root's home, another
 * where it was started. Only an interactive session nests one; `ssh NODE sudo -i` has no
 * terminal and ends at once.
 */
function nest(host: KubectlHost, login: Login, kind: 'login' | 'shell'): RunResult {
  const terminal = terminalOf(host);
  const logins = loginsOf(terminal);
  if (!logins.includes(login)) return ok();
  const inner = openLogin(terminal, login.node, login.fs.controlPlane);
  inner.nested = kind;
  if (kind === 'shell') inner.fs.cwd = login.fs.cwd;
  logins.push(inner);
  return ok();
}

/**
 * Runs `words` if the node shell answers it on `host` (the console's terminal or a node login),
 * else undefined (the console's own shell runs it).
 */
export function runNodeCommand(
  host: KubectlHost,
  words: string[],
  shell: ShellAccess,
): RunResult | undefined {
  const [name, ...args] = words;
  if (name === 'ssh') return ssh(host, args, shell);
  if (name === 'scp') return scp(host, args);
  const login = loginOf(host);
  if (!login || !name || !NODE_TOOLS.has(name)) return undefined;
  const machines = host.machines;
  const { node, fs } = login;
  const cp = node === machines?.controlPlane;
  if (NODE_PROGRAMS_NOT_SIMULATED.has(name))
    return fail(
      `bash: this console cannot run "${words.join(' ')}": ${name} is not simulated on the nodes\n`,
      2,
    );
  switch (name) {
    case 'exit':
    case 'logout': {
      const logins = loginsOf(terminalOf(host));
      const i = logins.indexOf(login);
      if (i < 0) return ok();
      if (name === 'logout' && login.nested === 'shell')
        return fail("bash: logout: not login shell: use `exit'\n");
      logins.splice(i);
      // A shell started with sudo or su ends; the ssh session's own closes the connection.
      if (login.nested)
        return {
          stdout: '',
          stderr: `${name === 'exit' && login.nested === 'shell' ? 'exit' : 'logout'}\n`,
          exitCode: 0,
        };
      return { stdout: '', stderr: `logout\nConnection to ${node} closed.\n`, exitCode: 0 };
    }
    case 'sudo': {
      const rest = [...args];
      while (rest[0]?.startsWith('-') && !['-i', '-s', '--login', '--shell'].includes(rest[0]))
        rest.shift();
      if (rest.length === 0 || rest[0] === '-') return ok();
      const kind = nestedShell(rest);
      if (kind) return nest(host, login, kind);
      return shell.runWords(rest);
    }
    case 'su': {
      // `su -c COMMAND` runs the command in a shell that ends with it.
      const c = args.indexOf('-c');
      if (c >= 0) return shell.runLine(host, args[c + 1] ?? '');
      return nest(host, login, nestedShell(['su', ...args]) ?? 'shell');
    }
    case 'vi':
    case 'vim':
    case 'nano':
      return fail(
        `bash: ${name}: editors are not available in this console; on a node write files with echo '...' > FILE, or make them on your own machine (kubectl ... -o yaml > FILE) and copy them here: scp FILE ${node}:${fs.cwd}/\n`,
        127,
      );
    case 'whoami':
      return ok('root\n');
    case 'hostname':
      return ok(`${node}\n`);
    case 'kubelet':
      if (args.includes('--version') || args[0] === 'version') return ok('Kubernetes v1.32.2\n');
      return fail(
        `bash: this console cannot run "kubelet ${args.join(' ')}": the kubelet runs as the kubelet service (systemctl status kubelet)\n`,
        2,
      );
    case 'containerd':
      if (args.includes('--version') || args.includes('-v'))
        return ok('containerd containerd.io 1.7.24 88bf19b2105c8b17560993bee28a01ddc2f97182\n');
      return fail(
        `bash: this console cannot run "containerd ${args.join(' ')}": containerd runs as the containerd service\n`,
        2,
      );
    case 'which': {
      const found = args.filter((a) => !a.startsWith('-')).map((a) => NODE_BINARIES[a]);
      const out = found
        .filter((f) => f !== undefined)
        .map((f) => `${f}\n`)
        .join('');
      return { stdout: out, stderr: '', exitCode: found.every((f) => f !== undefined) ? 0 : 1 };
    }
    case 'pwd':
      return ok(`${fs.cwd}\n`);
    case 'cd': {
      const to = args[0] === undefined || args[0] === '~' ? '/root' : fs.abs(args[0]);
      if (!fs.isDirectory(to)) {
        return fail(
          fs.read(to) !== undefined
            ? `bash: cd: ${args[0]}: Not a directory\n`
            : `bash: cd: ${args[0]}: No such file or directory\n`,
        );
      }
      fs.cwd = to;
      return ok();
    }
    case 'ls':
      return ls(
        fs,
        args,
        host.nowEpochMs(),
        (p) =>
          p === KUBELET_WANTS
            ? '/usr/lib/systemd/system/kubelet.service'
            : podLogLink(host, node, p),
        shell.tty !== false,
      );
    case 'mkdir': {
      const parents = args.some((a) => /^-[a-z]*p/.test(a) || a === '--parents');
      let stderr = '';
      for (const p of args.filter((a) => !a.startsWith('-'))) {
        const r = fs.mkdir(p, parents);
        if (!r.ok) stderr += `mkdir: cannot create directory ‘${p}’: ${r.error}\n`;
      }
      return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
    }
    case 'touch': {
      let stderr = '';
      for (const p of args.filter((a) => !a.startsWith('-'))) {
        if (fs.read(p) !== undefined || fs.isDirectory(p)) continue;
        const w = fs.write(p, '');
        if (!w.ok) stderr += `touch: cannot touch '${p}': ${w.error.replace(/^[^:]*: /, '')}\n`;
      }
      return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
    }
    case 'cp':
    case 'mv':
      return copy(fs, args, name === 'mv');
    case 'rm':
      return rm(fs, args);
    case 'tee':
      return tee(fs, args, shell.stdin ?? '');
  }
  if (!machines) return undefined;
  switch (name) {
    case 'systemctl':
      return systemctl(host, machines, node, args);
    case 'service':
      // Ubuntu's service(8): `service kubelet status` is `systemctl status kubelet`.
      return systemctl(host, machines, node, [args[1] ?? 'status', args[0] ?? '']);
    case 'ps':
      return ps(args, nodeProcesses(machines.podsOn(node), kubeletProcess(host, machines, node)));
    case 'journalctl':
      return journalctl(host, machines, node, args);
    case 'crictl':
      return crictl(host, machines, node, args, (ns, pod, container, tail) =>
        // The kubelet's log files are what kubectl logs reads too.
        runKubectl(terminalOf(host), [
          'logs',
          '-n',
          ns,
          pod,
          '-c',
          container,
          ...(tail ? [`--tail=${tail}`] : []),
        ]),
      );
    case 'etcdctl':
    case 'etcdutl':
      if (!cp) return undefined;
      return etcdctl(fs, machines, host.nowEpochMs(), args, shell.env(), name === 'etcdutl');
    case 'kubeadm':
      return kubeadm(host, cp, args);
    case 'apparmor_parser':
      return apparmorParser(host, fs, node, args, shell.stdin);
    case 'aa-status':
    case 'apparmor_status':
      return aaStatus(host, node, nodeProcesses(machines.podsOn(node), undefined));
    case 'aa-enabled':
      return ok('Yes\n');
    case 'iptables':
    case 'iptables-save':
      return iptables(name, args, machines.proxyRules?.(node) ?? [], host.nowEpochMs(), node);
  }
  return undefined;
}

export { activeHost };
