/**
 * A node's file system as its root shell sees it (`ssh node1`, then `cat`, `ls`, `>`, `cp`,
 * `rm`): the files the node has from the start (nodeFiles.ts) under what was written from the
 * shell, which the cluster keeps on the node (storage scope `hostPath:<node>:/`, the same store
 * its kubelet reads static pod manifests from and hostPath volumes see). Paths are absolute;
 * relative ones start at the shell's working directory (root's home, /root, at login).
 */
import { parse } from 'yaml';
import type { StoredFile } from '../../engine/cluster.ts';
import { nodeFileScope } from '../../engine/node/staticPodFiles.ts';
import type { KubectlHost } from '../host.ts';
import { type DirEntry, type FsResult, Workspace } from '../workspace.ts';
import { etcdManifestRefusal } from './etcdManifest.ts';
import {
  BASE_DIRS,
  baseFiles,
  CONTROL_PLANE_COMPONENTS,
  CONTROL_PLANE_DIRS,
  kubeadmManifest,
} from './nodeFiles.ts';
import { podLogFiles } from './podLogFiles.ts';

/** `a/./b/../c` from `cwd` → `/a/c`; `~` is root's home. */
export function resolvePath(cwd: string, path: string): string {
  let p = path;
  if (p === '~' || p.startsWith('~/')) p = `/root${p.slice(1)}`;
  if (!p.startsWith('/')) p = `${cwd}/${p}`;
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return `/${parts.join('/')}`;
}

const ETCD_MANIFEST = '/etc/kubernetes/manifests/etcd.yaml';
/** The control plane's own manifests: this console keeps them as the engine runs them. */
const KEPT = new Set(CONTROL_PLANE_COMPONENTS.map((c) => `/etc/kubernetes/manifests/${c}.yaml`));
/**
 * Of those, the ones that may be moved away and back unchanged (the API server, the scheduler
 * and the controller manager then stop and start again): their component name.
 */
const MOVABLE: Readonly<Record<string, string>> = {
  '/etc/kubernetes/manifests/kube-apiserver.yaml': 'kube-apiserver',
  '/etc/kubernetes/manifests/kube-scheduler.yaml': 'kube-scheduler',
  '/etc/kubernetes/manifests/kube-controller-manager.yaml': 'kube-controller-manager',
};

/**
 * Whether manifest `text` runs the same program as kubeadm's `original`: one container, the
 * same pod name and namespace, image and command. The rest (resources, probes, labels…) the
 * kubelet applies by restarting the static pod from the new manifest, as for any other.
 */
function sameProgram(text: string, original: string): boolean {
  type Pod = {
    metadata?: { name?: unknown; namespace?: unknown };
    spec?: { containers?: { image?: unknown; command?: unknown }[] };
  };
  let a: Pod | undefined;
  try {
    a = parse(text) as Pod | undefined;
  } catch {
    return false;
  }
  const b = parse(original) as Pod;
  const ca = a?.spec?.containers;
  const cb = b.spec?.containers?.[0];
  return (
    typeof a === 'object' &&
    a !== null &&
    a.metadata?.name === b.metadata?.name &&
    a.metadata?.namespace === b.metadata?.namespace &&
    Array.isArray(ca) &&
    ca.length === 1 &&
    ca[0]?.image === cb?.image &&
    JSON.stringify(ca[0]?.command) === JSON.stringify(cb?.command)
  );
}

export class NodeFs extends Workspace {
  /** The shell's working directory. */
  cwd = '/root';
  private base: Map<string, () => string> | undefined;
  /** Directories made with mkdir (the store keeps files only). */
  private readonly nodeDirs = new Set<string>(BASE_DIRS);

  constructor(
    private readonly host: KubectlHost,
    readonly node: string,
    readonly controlPlane: boolean,
  ) {
    super();
    if (controlPlane) for (const d of CONTROL_PLANE_DIRS) this.nodeDirs.add(d);
  }

  abs(path: string): string {
    return resolvePath(this.cwd, path);
  }

  private baseMap(): Map<string, () => string> {
    this.base ??= baseFiles(this.host, this.node, this.controlPlane);
    return this.base;
  }

  /** What the shell wrote on this node: each path's last write (null: removed). */
  private written(): Map<string, string | null> {
    const out = new Map<string, string | null>();
    for (const f of this.host.storedFiles?.(nodeFileScope(this.node)) ?? []) {
      out.set(f.path, f.content);
    }
    return out;
  }

  /** Every file's absolute path, sorted. */
  allFiles(): string[] {
    const w = this.written();
    const all = new Set<string>();
    for (const p of this.baseMap().keys()) if (w.get(p) !== null) all.add(p);
    for (const p of podLogFiles(this.host, this.node).keys()) if (w.get(p) !== null) all.add(p);
    for (const [p, c] of w) if (c !== null) all.add(p);
    return [...all].sort();
  }

  override has(path: string): boolean {
    return this.read(path) !== undefined;
  }

  override isDirectory(path: string): boolean {
    const p = this.abs(path);
    if (this.nodeDirs.has(p)) return true;
    const prefix = p === '/' ? '/' : `${p}/`;
    return this.allFiles().some((f) => f.startsWith(prefix));
  }

  /** Whether the directory a new file at `path` would go in exists (paths are the node's). */
  override parentExists(path: string): boolean {
    const p = this.abs(path);
    return this.isDirectory(p.slice(0, p.lastIndexOf('/')) || '/');
  }

  override read(path: string): string | undefined {
    const p = this.abs(path);
    const w = this.written();
    if (w.has(p)) return w.get(p) ?? undefined;
    const make =
      this.baseMap().get(p) ??
      (p.startsWith('/var/log/') ? podLogFiles(this.host, this.node).get(p) : undefined);
    return make ? make() : undefined;
  }

  /**
   * What change to `path` (to `content`; undefined: remove it) the console does not simulate,
   * if it refuses it: etcd's may only move etcd's data to a directory holding a restored
   * member (etcdManifest.ts); the API server's, the scheduler's and the controller manager's
   * may go, come back, and change in what the kubelet applies (resources,
   * probes, labels…) but not in their image or command.
   */
  refusal(path: string, content?: string): string | undefined {
    const p = this.abs(path);
    if (!KEPT.has(p) || !this.controlPlane) return undefined;
    // Written back as it is: nothing changes.
    if (content !== undefined && content === this.read(p)) return undefined;
    const component = MOVABLE[p];
    // etcd's may go (etcd stops), come back as it was, or move its data to a directory holding
    // a restored member (etcdManifest.ts). Gone, it is compared with what etcd last ran.
    if (p === ETCD_MANIFEST && content === undefined) return undefined;
    if (p === ETCD_MANIFEST && content)
      return etcdManifestRefusal(
        content,
        this.read(p) ?? this.baseMap().get(p)?.() ?? '',
        (f) => this.read(f),
        this.host.machines,
      );
    if (p === ETCD_MANIFEST && content === '')
      return "emptying etcd's manifest (a redirection does that before it writes: copy the whole new file over it with cp, or edit it with sed -i)";
    if (!component) return "changing the control plane's own static pod manifests";
    // Removed, or truncated by a redirection before it writes: allowed.
    if (content === undefined || content === '') return undefined;
    if (sameProgram(content, kubeadmManifest(component, this.node))) return undefined;
    return `changing the image or command of ${component}`;
  }

  /** `refusal` as a tool's complaint about `path`. */
  refused(path: string, content?: string): string | undefined {
    const why = this.refusal(path, content);
    if (why === undefined) return undefined;
    return why.startsWith('changing the control plane')
      ? `${path}: this console does not simulate changing the control plane's own manifests`
      : `${path}: this console does not simulate ${why}`;
  }

  override write(path: string, content: string, append = false): FsResult<void> {
    const p = this.abs(path);
    if (this.isDirectory(p)) return { ok: false, error: `${path}: Is a directory` };
    const parent = p.slice(0, p.lastIndexOf('/')) || '/';
    if (!this.isDirectory(parent))
      return { ok: false, error: `${path}: No such file or directory` };
    const current = this.read(p);
    const next = append ? (current ?? '') + content : content;
    // The control plane's own manifest written back as it is: the kubelet sees no change.
    if (KEPT.has(p) && this.controlPlane && next === current) return { ok: true, value: undefined };
    const why = this.refused(path, next);
    if (why) return { ok: false, error: why };
    this.store(p, next);
    return { ok: true, value: undefined };
  }

  private store(path: string, content: string | null, was?: string): void {
    const file: StoredFile = { path, content, at: this.host.nowEpochMs() };
    if (was !== undefined) file.was = was;
    this.host.writeFiles?.(nodeFileScope(this.node), [file]);
  }

  override remove(path: string): boolean {
    const p = this.abs(path);
    const text = this.read(p);
    if (text === undefined || this.refused(path)) return false;
    // One of kubeadm's manifests, as the node had it: the kubelet knows its hash.
    this.store(p, null, KEPT.has(p) && !this.written().has(p) ? text : undefined);
    return true;
  }

  /**
   * `mkdir [-p] DIR`: its parent must exist unless `parents`; an existing one is an error
   * unless `parents` (coreutils' reasons).
   */
  override mkdir(path: string, parents = false): FsResult<void> {
    const p = this.abs(path);
    if (this.isDirectory(p) || this.read(p) !== undefined) {
      return parents && this.isDirectory(p)
        ? { ok: true, value: undefined }
        : { ok: false, error: 'File exists' };
    }
    const parent = p.slice(0, p.lastIndexOf('/')) || '/';
    if (!this.isDirectory(parent)) {
      if (!parents) return { ok: false, error: 'No such file or directory' };
      const made = this.mkdir(parent, true);
      if (!made.ok) return made;
    }
    this.nodeDirs.add(p);
    return { ok: true, value: undefined };
  }

  /** Absolute paths, and the working directory's files by their own names (for globs). */
  override list(): string[] {
    const files = this.allFiles();
    const prefix = this.cwd === '/' ? '/' : `${this.cwd}/`;
    const here = files.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
    return [...files, ...here];
  }

  /** The names directly in directory `dir` (files and subdirectories), sorted. */
  override entries(dir?: string): DirEntry[] {
    const p = this.abs(dir ?? this.cwd);
    const prefix = p === '/' ? '/' : `${p}/`;
    const out = new Map<string, boolean>();
    for (const f of this.allFiles()) {
      if (!f.startsWith(prefix)) continue;
      const rest = f.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash < 0) out.set(rest, out.get(rest) ?? false);
      else out.set(rest.slice(0, slash), true);
    }
    for (const d of this.nodeDirs) {
      if (d !== p && d.startsWith(prefix) && !d.slice(prefix.length).includes('/'))
        out.set(d.slice(prefix.length), true);
    }
    return [...out]
      .map(([name, isDir]) => ({ name, dir: isDir }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}
