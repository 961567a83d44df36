/**
 * Tab completion for the console: commands, subcommands, flags, resource types, object names,
 * namespaces, contexts and workspace files. Pure over the host; never throws.
 */
import { COMMANDS, type Command, GLOBAL_FLAGS } from './commands/registry.ts';
import { examplePaths } from './examples/index.ts';
import { explainCandidates } from './explain/complete.ts';
import type { KubectlHost } from './host.ts';
import { defaultNamespace } from './kubeconfig.ts';
import { isStoredType, RESOURCE_TYPES, resolveType } from './resources.ts';

export interface Completion {
  /** Index in the line where the word being completed starts. */
  from: number;
  /** Candidates for that word, sorted. */
  items: string[];
}

const SHELL_COMMANDS = [
  'alias',
  'cat',
  'cd',
  'clear',
  'cp',
  'echo',
  'export',
  'kubectl',
  'ls',
  'mkdir',
  'mv',
  'pwd',
  'rm',
  'rmdir',
  'touch',
  'unalias',
  'unset',
];

/**
 * The laptop's docker commands this console runs (`docker <Tab>`), when its host has docker.
 * Keep in step with src/cli/docker.ts's runDocker.
 */
const DOCKER_COMMANDS = ['build', 'image', 'images', 'push', 'tag'];

/** `docker …` as the shell's docker completes it: its commands, then build's context and -f. */
function dockerWords(host: KubectlHost, rest: readonly string[], current: string): string[] {
  if (rest.length === 0) return DOCKER_COMMANDS;
  if (rest[0] !== 'build' || current.startsWith('-')) return [];
  const prev = rest[rest.length - 1];
  if (prev === '-t' || prev === '--tag') return [];
  if (prev === '-f' || prev === '--file') return localPaths(host, current);
  return localPaths(host, current).filter((p) => p.endsWith('/'));
}

/** The documentation's example URLs the console carries (`-f https://k8s.io/examples/…`). */
function exampleUrls(current: string): string[] {
  for (const base of ['https://k8s.io/examples/', 'https://kubernetes.io/examples/']) {
    if (base.startsWith(current) || current.startsWith(base))
      return examplePaths().map((p) => base + p);
  }
  return [];
}
const TYPED_COMMANDS = new Set([
  'get',
  'describe',
  'delete',
  'scale',
  'expose',
  'label',
  'logs',
  'edit',
]);

function words(text: string): { list: string[]; current: string; from: number } {
  const m = /(\S*)$/.exec(text);
  const current = m?.[1] ?? '';
  const from = text.length - current.length;
  const list = text
    .slice(0, from)
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  return { list, current, from };
}

function namesOf(
  host: KubectlHost,
  resource: Parameters<KubectlHost['api']['list']>[0],
  ns: string | undefined,
): string[] {
  const r = host.api.list(resource, ns);
  return r.ok ? r.value.items.map((o) => o.metadata?.name ?? '').filter((n) => n !== '') : [];
}

/**
 * The files and directories a path being typed can go on with (bash's filename completion: the
 * entries of the directory it names so far, a directory's with its `/`).
 */
function localPaths(host: KubectlHost, current: string): string[] {
  const slash = current.lastIndexOf('/');
  const dir = slash < 0 ? '' : current.slice(0, slash + 1);
  return host.fs
    .entries(dir === '' ? '.' : dir)
    .filter((e) => !e.name.startsWith('.') || current.slice(slash + 1).startsWith('.'))
    .map((e) => `${dir}${e.name}${e.dir ? '/' : ''}`);
}

function complete(host: KubectlHost, text: string): Completion {
  const { list, current, from } = words(text);
  const done = (items: string[]): Completion => ({
    from,
    items: [...new Set(items)].filter((i) => i.startsWith(current)).sort(),
  });
  if (list.length === 0) return done(host.docker ? [...SHELL_COMMANDS, 'docker'] : SHELL_COMMANDS);
  const [first, ...rest] = list;
  if (first === 'docker') return done(host.docker ? dockerWords(host, rest, current) : []);
  if (first === 'cd') return done(localPaths(host, current).filter((p) => p.endsWith('/')));
  if (['cat', 'ls', 'rm', 'cp', 'mv'].includes(first ?? '')) return done(localPaths(host, current));
  if (first !== 'kubectl' && first !== 'k') return done([]);
  const prev = rest[rest.length - 1];
  if (prev === '-f' || prev === '--filename') {
    // kubectl marks -f as a filename flag for json, yaml and yml (cobra's MarkFlagFilename):
    // bash offers directories and those files only (not the Dockerfile next to them).
    const manifests = localPaths(host, current).filter((p) => /(\/|\.(json|ya?ml))$/.test(p));
    return done(current.startsWith('http') ? exampleUrls(current) : manifests);
  }
  if (prev === '-n' || prev === '--namespace') return done(namesOf(host, 'namespaces', undefined));
  if (prev === '--context') return done(host.kubeconfig.contexts.map((c) => c.name));
  if (prev === '-o' || prev === '--output') return done(['json', 'name', 'wide', 'yaml']);
  let cmd: Command = { name: '', children: COMMANDS };
  const positional: string[] = [];
  let ns = defaultNamespace(host.kubeconfig);
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i] as string;
    if (w === '-n' || w === '--namespace') {
      ns = rest[i + 1] ?? ns;
      i++;
      continue;
    }
    if (w.startsWith('-n') && w.length > 2 && !w.startsWith('--')) ns = w.slice(2);
    if (w.startsWith('--namespace=')) ns = w.slice('--namespace='.length);
    if (w.startsWith('-')) continue;
    const child = cmd.children?.find((c) => c.name === w || (c.aliases ?? []).includes(w));
    if (child && positional.length === 0) cmd = child;
    else positional.push(w);
  }
  if (current.startsWith('-')) {
    return done([...(cmd.flags ?? []), ...GLOBAL_FLAGS].map((f) => `--${f.name}`));
  }
  if (cmd.children && positional.length === 0) {
    const subs = cmd.children.map((c) => c.name);
    if (!cmd.run) return done(subs);
    if (cmd.name !== 'create') return done(subs);
    return done(subs);
  }
  if (
    cmd.name === 'use-context' ||
    cmd.name === 'rename-context' ||
    cmd.name === 'delete-context'
  ) {
    return done(host.kubeconfig.contexts.map((c) => c.name));
  }
  if (cmd.name === 'delete-cluster') return done(host.kubeconfig.clusters.map((c) => c.name));
  if (cmd.name === 'delete-user') return done([...host.kubeconfig.users]);
  if (cmd.name === 'cordon' || cmd.name === 'uncordon' || cmd.name === 'drain') {
    return done(namesOf(host, 'nodes', undefined));
  }
  if (cmd.name === 'logs' || cmd.name === 'attach') return done(namesOf(host, 'pods', ns));
  if (cmd.name === 'explain' && positional.length === 0) return done(explainCandidates(current));
  // cp: `POD:` (kubectl's own completion adds the colon) or a local file.
  if (cmd.name === 'cp' && positional.length < 2) {
    return done([...namesOf(host, 'pods', ns).map((n) => `${n}:`), ...localPaths(host, current)]);
  }
  if (cmd.name === 'port-forward' && positional.length === 0) {
    return done(namesOf(host, 'pods', ns).map((n) => `pod/${n}`));
  }
  if (TYPED_COMMANDS.has(cmd.name)) {
    if (positional.length === 0) {
      return done([
        ...RESOURCE_TYPES.map((t) => t.resource),
        ...RESOURCE_TYPES.flatMap((t) => t.shortNames),
        'all',
      ]);
    }
    const t = resolveType((positional[0] ?? '').split(',')[0] ?? '');
    // Names already on the line are not offered again (`get pods web <Tab>` does not add `web`).
    const typed = new Set(positional.slice(1));
    if (t && isStoredType(t)) {
      return done(
        namesOf(host, t.resource, t.namespaced ? ns : undefined).filter((n) => !typed.has(n)),
      );
    }
  }
  return done([]);
}

/** Candidates for the word under the cursor in `line`. */
export function completions(
  host: KubectlHost,
  line: string,
  cursor: number = line.length,
): Completion {
  try {
    return complete(host, line.slice(0, Math.max(0, Math.min(cursor, line.length))));
  } catch {
    return { from: cursor, items: [] };
  }
}
