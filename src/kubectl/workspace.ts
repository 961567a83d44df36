/**
 * The learner's small virtual workspace of files (what `>`/`>>`, `cat`, `ls` and
 * `kubectl … -f FILE` see). Map-based: names are normalised relative paths; no directories
 * beyond what the paths imply.
 */

export type FsResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** The largest file the workspace stores (and kubectl reads): 1 MiB. */
export const MAX_FILE_BYTES = 1024 * 1024;

export class Workspace {
  private readonly files = new Map<string, string>();

  constructor(initial: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(initial)) {
      const p = Workspace.normalize(k);
      if (p !== undefined) this.files.set(p, v);
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

  /** Whether `path` names a directory implied by some file's path. */
  isDirectory(path: string): boolean {
    const p = Workspace.normalize(path);
    if (p === undefined) return true;
    for (const k of this.files.keys()) if (k.startsWith(`${p}/`)) return true;
    return false;
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
