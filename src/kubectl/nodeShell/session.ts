/**
 * Logins to the nodes (`ssh node1`): the console's terminal host keeps a stack of them, the
 * innermost one running the lines typed until `exit`. Each login is a fresh root shell on that
 * node: its own host (the node's file system, no kubeconfig unless root's ~/.kube/config exists
 * there or $KUBECONFIG names one), its own variables (HOME=/root), its working directory.
 */
import type { KubectlHost } from '../host.ts';
import type { Kubeconfig } from '../kubeconfig.ts';
import { parseKubeconfig } from '../kubeconfigFile.ts';
import { NodeFs } from './nodeFs.ts';

export interface Login {
  node: string;
  host: KubectlHost;
  fs: NodeFs;
  /**
   * A shell started inside the ssh session's (`sudo -i`, `sudo su -`: a login shell, whose
   * `exit` says `logout`; `sudo -s`, `sudo bash`, `su`: not a login shell, `exit` says `exit`).
   */
  nested?: 'login' | 'shell';
}

const LOGINS = new WeakMap<KubectlHost, Login[]>();
/** A login's host → the terminal's host it was opened from. */
const TERMINAL = new WeakMap<KubectlHost, KubectlHost>();
/** A login's host → the login. */
const LOGIN_OF = new WeakMap<KubectlHost, Login>();

/** The terminal a host belongs to (itself, unless it is a node login's). */
export function terminalOf(host: KubectlHost): KubectlHost {
  return TERMINAL.get(host) ?? host;
}

/** The login `host` is, if it is a node login's host. */
export function loginOf(host: KubectlHost): Login | undefined {
  return LOGIN_OF.get(host);
}

function emptyConfig(path: string): Kubeconfig {
  return { currentContext: '', clusters: [], contexts: [], users: [], auth: [], path };
}

/** A fresh root shell on `node` for the terminal `terminal` (not entered yet). */
export function openLogin(terminal: KubectlHost, node: string, controlPlane: boolean): Login {
  const fs = new NodeFs(terminal, node, controlPlane);
  // The node runs containerd, not the laptop's docker.
  const { docker: _laptopDocker, ...machine } = terminal;
  const host: KubectlHost = { ...machine, fs };
  // kubectl's default kubeconfig on the node: root's ~/.kube/config, if someone put one there.
  let fallback = emptyConfig('/root/.kube/config');
  let cached: { text: string; config: Kubeconfig } | undefined;
  Object.defineProperty(host, 'kubeconfig', {
    enumerable: true,
    get(): Kubeconfig {
      const text = fs.read('/root/.kube/config');
      if (text === undefined) return fallback;
      if (cached?.text !== text) {
        const parsed = parseKubeconfig(text, '/root/.kube/config');
        cached = {
          text,
          config: typeof parsed === 'string' ? emptyConfig('/root/.kube/config') : parsed,
        };
      }
      return cached.config;
    },
    set(v: Kubeconfig) {
      fallback = v;
    },
  });
  const login = { node, host, fs };
  TERMINAL.set(host, terminal);
  LOGIN_OF.set(host, login);
  return login;
}

/** The terminal's logins, outermost first. */
export function loginsOf(terminal: KubectlHost): Login[] {
  let l = LOGINS.get(terminal);
  if (!l) {
    l = [];
    LOGINS.set(terminal, l);
  }
  return l;
}

/** The host the terminal's next line runs on: the innermost login's, else the terminal's. */
export function activeHost(host: KubectlHost): KubectlHost {
  // A login's own host runs its lines (`ssh node1 COMMAND`).
  if (TERMINAL.has(host)) return host;
  const logins = LOGINS.get(host);
  return logins?.[logins.length - 1]?.host ?? host;
}

/** The shell's prompt: `$` on the learner's machine, `root@node1:~#` on a node. */
export function shellPrompt(host: KubectlHost): string {
  const logins = LOGINS.get(terminalOf(host));
  const login = logins?.[logins.length - 1];
  if (!login) return '$';
  const cwd = login.fs.cwd;
  const shown = cwd === '/root' ? '~' : cwd.startsWith('/root/') ? `~${cwd.slice(5)}` : cwd;
  return `root@${login.node}:${shown}#`;
}

/** A login shell's environment (bash's on an Ubuntu node as root), undefined for the terminal. */
export function loginEnv(host: KubectlHost): Record<string, string> | undefined {
  return LOGIN_OF.has(host) ? { HOME: '/root', USER: 'root', SHELL: '/bin/bash' } : undefined;
}

/**
 * The logins as data for the lab's saved state: each node, working directory and shell state
 * (`shellState` gives a login host's variables and aliases as the shell saves them).
 */
export function loginsSnapshot(
  host: KubectlHost,
  shellState: (h: KubectlHost) => string,
): { node: string; cwd: string; shell: string; nested?: 'login' | 'shell' }[] {
  return (LOGINS.get(host) ?? []).map((l) => ({
    node: l.node,
    cwd: l.fs.cwd,
    shell: shellState(l.host),
    ...(l.nested ? { nested: l.nested } : {}),
  }));
}

/** Opens the logins `loginsSnapshot` saved again (ignoring anything malformed). */
export function restoreLogins(
  host: KubectlHost,
  saved: unknown,
  restoreState: (h: KubectlHost, state: string) => void,
): void {
  const logins = loginsOf(host);
  logins.length = 0;
  if (!Array.isArray(saved)) return;
  const cp = host.machines?.controlPlane;
  for (const s of saved) {
    if (typeof s !== 'object' || s === null) continue;
    const { node, cwd, shell, nested } = s as {
      node?: unknown;
      cwd?: unknown;
      shell?: unknown;
      nested?: unknown;
    };
    if (typeof node !== 'string' || !host.machines?.names().includes(node)) continue;
    const login = openLogin(host, node, node === cp);
    if (nested === 'login' || nested === 'shell') login.nested = nested;
    if (typeof cwd === 'string' && cwd.startsWith('/')) login.fs.cwd = cwd;
    if (typeof shell === 'string') restoreState(login.host, shell);
    logins.push(login);
  }
}
