/**
 * The learner's own machine as the console's shell sees it (what `>`/`>>`, `cat`, `ls`, `cd`
 * and `kubectl … -f FILE` read and write): a small Linux file system whose user, `learner`, has
 * its home at /home/learner, where the shell starts. Paths are absolute or relative to the
 * shell's working directory (`cd`), `~` being the home directory; `..` of `/` is `/`.
 *
 * The learner writes in the home directory, in /tmp and /var/tmp (as anyone may), and in /opt and
 * /root, which this workstation leaves to the learner because exam tasks save their answers
 * there (`/opt/course/1/…`, `/root/…`); the system's other directories are read-only (`Permission
 * denied`). Map-based: files by absolute path; directories are the built-in ones, the ones
 * made with `mkdir` (kept as `DIR/` keys in a snapshot) and those a file's path implies.
 */

import { STARTER_DOCKERFILE, STARTER_INDEX_HTML } from '../engine/registry/starter.ts';

export type FsResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** The largest file the workspace stores (and kubectl reads): 1 MiB. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** The learner's home directory: where the shell starts, what `~` and `$HOME` name. */
export const HOME_DIR = '/home/learner';

/** The directories of the machine's root file system (an Ubuntu workstation's). */
const SYSTEM_DIRS: readonly string[] = [
  '/',
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/home',
  '/lib',
  '/media',
  '/mnt',
  '/opt',
  '/proc',
  '/root',
  '/run',
  '/sbin',
  '/srv',
  '/sys',
  '/tmp',
  '/usr',
  '/usr/bin',
  '/usr/lib',
  '/usr/local',
  '/usr/local/bin',
  '/usr/sbin',
  '/usr/share',
  '/var',
  '/var/lib',
  '/var/log',
  '/var/tmp',
  HOME_DIR,
];
const BUILTIN_DIRS: ReadonlySet<string> = new Set(SYSTEM_DIRS);

/** Where the learner may write: these directories and everything under them. */
const WRITABLE: readonly string[] = [HOME_DIR, '/tmp', '/var/tmp', '/opt', '/root'];

/** Who owns a directory of the machine (`ls -l`): root's, except the ones left to the learner. */
export function ownerOf(path: string): 'root' | 'learner' {
  return WRITABLE.some((w) => w !== '/tmp' && w !== '/var/tmp' && within(path, w))
    ? 'learner'
    : 'root';
}

/** Whether `path` is `dir` or under it. */
function within(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir === '/' ? '/' : `${dir}/`);
}

/** Whether the learner may create, change or remove `path` (an absolute path). */
export function writable(path: string): boolean {
  return WRITABLE.some((w) => path !== w && within(path, w));
}

/** Whether the learner may remove directory `path` (absolute): not one the machine keeps. */
export function removable(path: string): boolean {
  return writable(path) && !BUILTIN_DIRS.has(path);
}

/**
 * A path of a workspace saved before the console had a working directory (relative to the
 * home directory, which was the whole workspace; `/tmp/x` was kept as `tmp/x`, `/opt/…` as
 * `opt/…`), as an absolute path.
 */
export function migrateLegacyPath(path: string): string {
  const first = path.replace(/^\/+/, '').split('/')[0] ?? '';
  const abs = ['tmp', 'opt', 'root'].includes(first) ? `/${path}` : `${HOME_DIR}/${path}`;
  return cleanPath(abs);
}

/** `/a/./b/../c//` → `/a/c`; `..` of `/` is `/`. */
function cleanPath(abs: string): string {
  const parts: string[] = [];
  for (const seg of abs.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return `/${parts.join('/')}`;
}

/** The directory an absolute path is in (`/` for `/x` and for `/`). */
function parentOf(abs: string): string {
  const slash = abs.lastIndexOf('/');
  return slash <= 0 ? '/' : abs.slice(0, slash);
}

/** One entry of a directory listing. */
export interface DirEntry {
  name: string;
  dir: boolean;
}

export class Workspace {
  private readonly files = new Map<string, string>();
  /** Directories made with `mkdir` (others are built in or implied by the files under them). */
  private readonly dirs = new Set<string>();
  /** When each file was last written (virtual epoch ms), once the workspace has a clock. */
  private readonly mtimes = new Map<string, number>();
  /** Files something else keeps in step with its own state (see `own`). */
  private readonly owned = new Set<string>();
  /** The shell's working directory. */
  private wd = HOME_DIR;
  /** The virtual clock that stamps writes (`ls -l`'s date); absent: files have no time. */
  private clock: (() => number) | undefined;
  /** When the clock was given: the time of what has no stamp of its own (the machine's directories). */
  private since: number | undefined;

  /**
   * `initial`: files by path; a key ending in `/` is an (empty) directory. Absolute keys are
   * kept; relative ones are a workspace saved before absolute paths (see migrateLegacyPath).
   */
  constructor(initial: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(initial)) {
      if (k.replace(/[/.]/g, '') === '') continue;
      const p = k.startsWith('/') ? cleanPath(k) : migrateLegacyPath(k);
      if (k.endsWith('/')) {
        if (!BUILTIN_DIRS.has(p)) this.dirs.add(p);
      } else this.files.set(p, v);
    }
  }

  /** Stamps what is written from now on with `clock`'s time, unless a clock is already set. */
  startClock(clock: () => number): void {
    if (this.clock) return;
    this.clock = clock;
    this.since = clock();
  }

  /**
   * Mark the file at absolute `path` as another part's state kept as a file (the lab's
   * ~/.kube/config is kubectl's config): that part reads it back when it needs it.
   */
  own(path: string): void {
    this.owned.add(cleanPath(path));
  }

  /** Whether the file at absolute `path` is another part's state (`own`). */
  isOwned(path: string): boolean {
    return this.owned.has(cleanPath(path));
  }

  /** Writes a file on its owner's behalf (no permission or size check), its directory made. */
  writeAsOwner(path: string, text: string): void {
    const p = cleanPath(path);
    this.mkdir(parentOf(p), true);
    this.files.set(p, text);
    this.touched(p);
  }

  /** Records that `abs` changed now. */
  private stamp(abs: string): void {
    const now = this.clock?.();
    if (now !== undefined) this.mtimes.set(abs, now);
  }

  /** Records that `abs` and the directory whose entries it is in changed now. */
  private touched(abs: string): void {
    this.stamp(abs);
    this.stamp(parentOf(abs));
  }

  /** The shell's working directory (absolute). */
  workingDir(): string {
    return this.wd;
  }

  /**
   * `cd PATH`: the new working directory, or why not (bash's reasons). The caller reports it.
   */
  changeDir(path: string): FsResult<string> {
    const p = this.resolve(path);
    if (p === undefined) return { ok: true, value: this.wd };
    if (this.files.has(p)) return { ok: false, error: 'Not a directory' };
    if (!this.isDirectory(p)) {
      // A path through a file: bash's chdir fails with ENOTDIR.
      for (let d = parentOf(p); d !== '/'; d = parentOf(d))
        if (this.files.has(d)) return { ok: false, error: 'Not a directory' };
      return { ok: false, error: 'No such file or directory' };
    }
    this.wd = p;
    return { ok: true, value: p };
  }

  /**
   * The absolute path `path` names from `base` (the working directory unless given): `~` and
   * `~/…` are the home directory; undefined for an empty path.
   */
  resolve(path: string, base: string = this.wd): string | undefined {
    if (path === '') return undefined;
    let p = path;
    if (p === '~' || p.startsWith('~/')) p = `${HOME_DIR}${p.slice(1)}`;
    return cleanPath(p.startsWith('/') ? p : `${base}/${p}`);
  }

  /** How the lab names a file: by its path from the home directory when it is there, else absolutely. */
  static displayPath(abs: string): string {
    return abs.startsWith(`${HOME_DIR}/`) ? abs.slice(HOME_DIR.length + 1) : abs;
  }

  /** The file `path` names: none when it ends in `/` (a file is not a directory). */
  private fileKey(path: string): string | undefined {
    return /\/\.?$/.test(path) ? undefined : this.resolve(path);
  }

  has(path: string): boolean {
    const p = this.fileKey(path);
    return p !== undefined && this.files.has(p);
  }

  /** Whether `path` names a directory: built in, made with mkdir, or implied by a file's path. */
  isDirectory(path: string): boolean {
    const p = this.resolve(path);
    if (p === undefined) return false;
    if (this.dirs.has(p) || BUILTIN_DIRS.has(p)) return true;
    const prefix = `${p}/`;
    for (const k of this.files.keys()) if (k.startsWith(prefix)) return true;
    for (const k of this.dirs) if (k.startsWith(prefix)) return true;
    return false;
  }

  /** Whether the directory a new file at `path` would go in exists (bash cannot open `missing/f`). */
  parentExists(path: string): boolean {
    const p = this.resolve(path);
    return p === undefined || this.isDirectory(parentOf(p));
  }

  /**
   * `mkdir [-p] DIR`: fails with coreutils' reason (`File exists`, `No such file or
   * directory`, `Not a directory`, `Permission denied`) unless `parents`, which makes the
   * missing ones and accepts an existing one.
   */
  mkdir(path: string, parents = false): FsResult<void> {
    const p = this.resolve(path);
    if (p === undefined) return { ok: false, error: 'No such file or directory' };
    const parts = p.split('/').filter((s) => s !== '');
    for (let i = 1; i <= parts.length; i++) {
      const sub = `/${parts.slice(0, i).join('/')}`;
      const last = i === parts.length;
      if (this.files.has(sub))
        return { ok: false, error: last ? 'File exists' : 'Not a directory' };
      const exists = this.isDirectory(sub);
      if (exists) {
        if (last)
          return parents ? { ok: true, value: undefined } : { ok: false, error: 'File exists' };
        continue;
      }
      if (!last && !parents) return { ok: false, error: 'No such file or directory' };
      if (!writable(sub)) return { ok: false, error: 'Permission denied' };
      this.dirs.add(sub);
      this.touched(sub);
    }
    return { ok: true, value: undefined };
  }

  /** One level of a directory (the working directory when none is given), sorted like `ls`. */
  entries(dir?: string): DirEntry[] {
    const p = dir === undefined ? this.wd : this.resolve(dir);
    if (p === undefined) return [];
    const prefix = p === '/' ? '/' : `${p}/`;
    const seen = new Map<string, boolean>();
    const add = (path: string, isDir: boolean) => {
      if (!path.startsWith(prefix) || path === p) return;
      const rest = path.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash < 0) seen.set(rest, seen.get(rest) === true || isDir);
      else seen.set(rest.slice(0, slash), true);
    };
    for (const k of this.files.keys()) add(k, false);
    for (const k of this.dirs) add(k, true);
    for (const k of BUILTIN_DIRS) add(k, true);
    return [...seen]
      .map(([name, isDir]) => ({ name, dir: isDir }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /**
   * The files in `dir` as filepath.Walk visits them (each directory's entries in name order,
   * a subdirectory's files where its name sorts), only its own unless `recursive`; each path
   * is `dir` joined with the names below it, as filepath.Join cleans it (`d/` → `d/a.yaml`).
   */
  walk(dir: string, recursive: boolean): string[] {
    const out: string[] = [];
    const join = (name: string) => {
      const trimmed = dir.replace(/\/+$/, '');
      if (dir.startsWith('/') && trimmed === '') return `/${name}`;
      return trimmed === '' || trimmed === '.' ? name : `${trimmed}/${name}`;
    };
    for (const e of this.entries(dir)) {
      const path = join(e.name);
      if (!e.dir) out.push(path);
      else if (recursive) out.push(...this.walk(path, true));
    }
    return out;
  }

  /**
   * `rm -r DIR`: everything under the directory, and the directory itself unless the machine
   * keeps it; false when there is no such directory or the learner may not remove it.
   */
  removeDir(path: string): boolean {
    const p = this.resolve(path);
    if (p === undefined || !this.isDirectory(p)) return false;
    const prefix = p === '/' ? '/' : `${p}/`;
    for (const k of [...this.files.keys()]) {
      if (k.startsWith(prefix) && writable(k)) {
        this.files.delete(k);
        this.mtimes.delete(k);
      }
    }
    for (const k of [...this.dirs]) if (k === p || k.startsWith(prefix)) this.dirs.delete(k);
    this.stamp(removable(p) ? parentOf(p) : p);
    return removable(p);
  }

  /** Every directory but `/` (built in, made with mkdir or implied by a path), absolute, sorted. */
  directories(): string[] {
    const out = new Set<string>(SYSTEM_DIRS.filter((d) => d !== '/'));
    const addParents = (path: string, self: boolean) => {
      for (let d = self ? path : parentOf(path); d !== '/'; d = parentOf(d)) out.add(d);
    };
    for (const k of this.files.keys()) addParents(k, false);
    for (const k of this.dirs) addParents(k, true);
    return [...out].sort();
  }

  /** The directories made with mkdir, absolute (a snapshot keeps them as `DIR/` keys). */
  madeDirs(): string[] {
    return [...this.dirs].sort();
  }

  read(path: string): string | undefined {
    const p = this.fileKey(path);
    return p === undefined ? undefined : this.files.get(p);
  }

  /** When the file or directory last changed (virtual epoch ms), if the workspace knows. */
  modifiedAt(path: string): number | undefined {
    const p = this.resolve(path);
    return (p === undefined ? undefined : this.mtimes.get(p)) ?? this.since;
  }

  /**
   * Writes (or appends to) a file, its directories implied when missing (callers that must
   * find them, as bash's `>` must, ask `parentExists` first); fails (bash's `PATH: reason`)
   * on directories, a path through a file, places the learner may not write and oversize
   * content.
   */
  write(path: string, content: string, append = false): FsResult<void> {
    const p = this.resolve(path);
    if (p === undefined) return { ok: false, error: `${path}: No such file or directory` };
    if (this.isDirectory(p)) return { ok: false, error: `${path}: Is a directory` };
    if (/\/\.?$/.test(path)) {
      return {
        ok: false,
        error: `${path}: ${this.files.has(p) ? 'Not a directory' : 'Is a directory'}`,
      };
    }
    if (this.parentBlocked(p) === 'Not a directory') {
      return { ok: false, error: `${path}: Not a directory` };
    }
    if (!writable(p)) return { ok: false, error: `${path}: Permission denied` };
    const next = append ? (this.files.get(p) ?? '') + content : content;
    if (next.length > MAX_FILE_BYTES) return { ok: false, error: `${path}: File too large` };
    this.files.set(p, next);
    this.touched(p);
    return { ok: true, value: undefined };
  }

  /** Why a file under `abs` cannot be opened when its directory does not exist. */
  private parentBlocked(abs: string): string {
    for (let d = parentOf(abs); d !== '/'; d = parentOf(d))
      if (this.files.has(d)) return 'Not a directory';
    return 'No such file or directory';
  }

  /** Removes a file; false when there is none (or the learner may not remove it). */
  remove(path: string): boolean {
    const p = this.resolve(path);
    if (p === undefined || !writable(p) || !this.files.delete(p)) return false;
    this.mtimes.delete(p);
    this.stamp(parentOf(p));
    return true;
  }

  /** Every file's absolute path, sorted like `ls` (C locale). */
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

/**
 * What the home directory starts with: the study note's pod manifest and the starter project
 * `docker build` builds (a Dockerfile serving index.html with nginx).
 */
export const STARTER_HOME: Readonly<Record<string, string>> = {
  [`${HOME_DIR}/Dockerfile`]: STARTER_DOCKERFILE,
  [`${HOME_DIR}/index.html`]: STARTER_INDEX_HTML,
  [`${HOME_DIR}/nginx.yaml`]: NGINX_YAML,
};

/** The starter project's files alone (what a lab saved before them gets on restore). */
export const STARTER_PROJECT: Readonly<Record<string, string>> = {
  [`${HOME_DIR}/Dockerfile`]: STARTER_DOCKERFILE,
  [`${HOME_DIR}/index.html`]: STARTER_INDEX_HTML,
};

/** A workspace with the study note's starting files in the home directory. */
export function createWorkspace(initial: Record<string, string> = { ...STARTER_HOME }): Workspace {
  return new Workspace(initial);
}
