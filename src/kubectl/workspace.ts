/**
 * The learner's small virtual workspace of files (what `>`/`>>`, `cat`, `ls` and
 * `kubectl … -f FILE` see). Map-based: names are normalised relative paths. Directories are
 * those the paths imply plus the ones made with `mkdir` (kept as `DIR/` keys in a snapshot);
 * `tmp` (what `/tmp` normalises to) always exists.
 */

export type FsResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** The largest file the workspace stores (and kubectl reads): 1 MiB. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** The directories that always exist (`/tmp`: kubectl edit writes its files there). */
const BUILTIN_DIRS: ReadonlySet<string> = new Set(['tmp']);

/** One entry of a directory listing. */
export interface DirEntry {
  name: string;
  dir: boolean;
}

export class Workspace {
  private readonly files = new Map<string, string>();
  /** Directories made with `mkdir` (others are implied by the files under them). */
  private readonly dirs = new Set<string>();

  /** `initial`: files by path; a key ending in `/` is an (empty) directory. */
  constructor(initial: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(initial)) {
      const p = Workspace.normalize(k);
      if (p === undefined) continue;
      if (k.endsWith('/')) this.dirs.add(p);
      else this.files.set(p, v);
    }
  }

  /** `./a/../b.yaml` → `b.yaml`; undefined for paths outside the workspace or empty. */
  static normalize(path: string): string | undefined {
    const parts: string[] = [];
    let p = path;
    if (p.startsWith('~/')) p = p.slice(2);
    for (const seg of p.split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') {
        if (parts.length === 0) return undefined;
        parts.pop();
      } else parts.push(seg);
    }
    return parts.length === 0 ? undefined : parts.join('/');
  }

  has(path: string): boolean {
    const p = Workspace.normalize(path);
    return p !== undefined && this.files.has(p);
  }

  /** Whether `path` names a directory: made with mkdir, built in, or implied by a file's path. */
  isDirectory(path: string): boolean {
    const p = Workspace.normalize(path);
    if (p === undefined) return true;
    if (this.dirs.has(p) || BUILTIN_DIRS.has(p)) return true;
    for (const k of this.files.keys()) if (k.startsWith(`${p}/`)) return true;
    for (const k of this.dirs) if (k.startsWith(`${p}/`)) return true;
    return false;
  }

  /**
   * Whether the directory a new file at `path` would go in exists (bash cannot open
   * `missing/f` for writing). Paths outside the workspace answer true (write refuses them).
   */
  parentExists(path: string): boolean {
    const p = Workspace.normalize(path);
    if (p === undefined) return true;
    const slash = p.lastIndexOf('/');
    return slash < 0 || this.isDirectory(p.slice(0, slash));
  }

  /**
   * `mkdir [-p] DIR`: fails with coreutils' reason (`File exists`, `No such file or
   * directory`) unless `parents`, which makes the missing ones and accepts an existing one.
   */
  mkdir(path: string, parents = false): FsResult<void> {
    const p = Workspace.normalize(path);
    if (p === undefined) {
      return parents ? { ok: true, value: undefined } : { ok: false, error: 'File exists' };
    }
    const parts = p.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const sub = parts.slice(0, i).join('/');
      if (this.files.has(sub)) {
        return { ok: false, error: i === parts.length ? 'File exists' : 'Not a directory' };
      }
      const exists = this.isDirectory(sub);
      if (i === parts.length) {
        if (exists)
          return parents ? { ok: true, value: undefined } : { ok: false, error: 'File exists' };
      } else if (!exists) {
        if (!parents) return { ok: false, error: 'No such file or directory' };
        this.dirs.add(sub);
      }
    }
    this.dirs.add(p);
    return { ok: true, value: undefined };
  }

  /** One level of a directory (`undefined`: the workspace's top), sorted like `ls`. */
  entries(dir?: string): DirEntry[] {
    const p = dir === undefined ? undefined : Workspace.normalize(dir);
    const prefix = p === undefined ? '' : `${p}/`;
    const seen = new Map<string, boolean>();
    const add = (path: string, isDir: boolean) => {
      if (!path.startsWith(prefix)) return;
      const rest = path.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash < 0) seen.set(rest, seen.get(rest) === true || isDir);
      else seen.set(rest.slice(0, slash), true);
    };
    for (const k of this.files.keys()) add(k, false);
    for (const k of this.dirs) add(k, true);
    return [...seen]
      .map(([name, isDir]) => ({ name, dir: isDir }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /**
   * The files in `dir` as filepath.Walk visits them (each directory's entries in name order,
   * a subdirectory's files where its name sorts), only its own unless `recursive`.
   */
  walk(dir: string, recursive: boolean): string[] {
    const p = Workspace.normalize(dir);
    const out: string[] = [];
    for (const e of this.entries(p)) {
      const path = p === undefined ? e.name : `${p}/${e.name}`;
      if (!e.dir) out.push(path);
      else if (recursive) out.push(...this.walk(path, true));
    }
    return out;
  }

  /** `rm -r DIR`: the directory and everything under it; false when there is no such directory. */
  removeDir(path: string): boolean {
    const p = Workspace.normalize(path);
    if (p === undefined || !this.isDirectory(p)) return false;
    for (const k of [...this.files.keys()]) if (k.startsWith(`${p}/`)) this.files.delete(k);
    for (const k of [...this.dirs]) if (k === p || k.startsWith(`${p}/`)) this.dirs.delete(k);
    return true;
  }

  /** Every directory: made with mkdir or implied by a path under it, sorted. */
  directories(): string[] {
    const out = new Set<string>();
    const addParents = (path: string, self: boolean) => {
      const parts = path.split('/');
      for (let i = 1; i < parts.length + (self ? 1 : 0); i++) out.add(parts.slice(0, i).join('/'));
    };
    for (const k of this.files.keys()) addParents(k, false);
    for (const k of this.dirs) addParents(k, true);
    return [...out].sort();
  }

  /** The directories made with mkdir (a snapshot keeps them as `DIR/` keys). */
  madeDirs(): string[] {
    return [...this.dirs].sort();
  }

  read(path: string): string | undefined {
    const p = Workspace.normalize(path);
    return p === undefined ? undefined : this.files.get(p);
  }

  /** Writes (or appends to) a file; fails on directories and oversize content. */
  write(path: string, content: string, append = false): FsResult<void> {
    const p = Workspace.normalize(path);
    if (p === undefined && path.replace(/[./~]/g, '') !== '') {
      // Outside the learner's home directory.
      return { ok: false, error: `${path}: Permission denied` };
    }
    if (p === undefined || this.isDirectory(path)) {
      return { ok: false, error: `${path}: Is a directory` };
    }
    const next = append ? (this.files.get(p) ?? '') + content : content;
    if (next.length > MAX_FILE_BYTES) return { ok: false, error: `${path}: File too large` };
    this.files.set(p, next);
    return { ok: true, value: undefined };
  }

  remove(path: string): boolean {
    const p = Workspace.normalize(path);
    return p !== undefined && this.files.delete(p);
  }

  /** All file paths, sorted like `ls` (C locale). */
  list(): string[] {
    return [...this.files.keys()].sort();
  }
}

/** The manifest the study note creates its pod from (`kubectl create -f nginx.yaml -n blue`). */
export const NGINX_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  containers:
  - name: nginx
    image: nginx
    ports:
    - containerPort: 80
`;

/** A workspace with the study note's starting file. */
export function createWorkspace(
  initial: Record<string, string> = { 'nginx.yaml': NGINX_YAML },
): Workspace {
  return new Workspace(initial);
}
