/**
 * `kubectl exec POD -- chroot DIR [COMMAND…]`: the command runs with DIR as its root. In a
 * node-debugging pod (`kubectl debug node/NAME`, the node's `/` at `/host`), `chroot /host`
 * makes the node's own files the command's, and its tools the node's (Ubuntu 24.04's GNU ones):
 * `chroot /host cat /etc/kubernetes/kubelet.conf` reads the node's file. Without a command,
 * chroot runs the new root's shell (`/bin/sh -i`): an interactive shell, as `-- sh` is.
 */
import { type FileEvent, normalPath, type Surroundings } from '../../engine/node/program.ts';

/** The image whose tools a chroot into a node's root runs (the nodes run Ubuntu 24.04). */
const NODE_IMAGE = 'ubuntu:24.04';

export interface Jail {
  root: string;
  image: string;
  command: string[];
  files: FileEvent[];
  where: Surroundings;
}

/** What `chroot` could not do: its message and exit status (125: chroot's own failure). */
export interface JailError {
  error: string;
  exitCode: number;
}

/** `path` seen from inside `root`, if it is under it. */
function inside(path: string, root: string): string | undefined {
  if (path === root) return '/';
  return path.startsWith(`${root}/`) ? path.slice(root.length) : undefined;
}

/**
 * The command inside its new root, its files and mounts seen from there, when `command` is a
 * chroot into a directory the container has; a JailError when that directory is not there;
 * undefined when it is no chroot (or into `/`).
 */
export function chrootOf(
  command: readonly string[],
  files: readonly FileEvent[],
  where: Surroundings,
): Jail | JailError | undefined {
  if (command[0]?.split('/').pop() !== 'chroot') return undefined;
  const dir = command[1];
  if (dir === undefined || dir.startsWith('-')) return undefined;
  const root = normalPath(dir);
  if (root === '/') return undefined;
  const dirs = (where.dirs ?? []).flatMap((d) => {
    const p = inside(d, root);
    return p === undefined || p === '/' ? [] : [p];
  });
  // The files under it come first, before anything written since (and over the files the
  // runtime gives a container, /etc/hostname…: inside, they are the new root's own).
  const events: FileEvent[] = [];
  for (const [p, content] of where.files ?? []) {
    const q = inside(p, root);
    if (q !== undefined) events.push({ atMs: -Number.MAX_SAFE_INTEGER, path: q, content });
  }
  for (const f of files) {
    const q = inside(normalPath(f.path), root);
    if (q !== undefined) events.push({ ...f, path: q });
  }
  const mounted = (where.dirs ?? []).some((d) => d === root || d.startsWith(`${root}/`));
  if (!mounted && !events.some((f) => f.content !== null)) {
    return {
      error: `chroot: cannot change root directory to '${dir}': No such file or directory\n`,
      exitCode: 125,
    };
  }
  const rest = command.slice(2);
  const { readOnly, filesAt: _filesAt, ...others } = where;
  const ro = (readOnly ?? []).flatMap((d) => {
    const p = inside(d, root);
    return p === undefined ? [] : [p];
  });
  return {
    root,
    image: NODE_IMAGE,
    command: rest.length > 0 ? rest : ['/bin/sh'],
    files: events,
    where: { ...others, files: new Map(), dirs, ...(ro.length > 0 ? { readOnly: ro } : {}) },
  };
}

/** What the command wrote inside the root, at its paths in the container. */
export function jailWrites(root: string, written: readonly FileEvent[]): FileEvent[] {
  return written.map((f) => ({ ...f, path: normalPath(`${root}/${f.path}`) }));
}
