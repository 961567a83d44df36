/**
 * etcd backups and data directories on the control-plane node, for the CKA backup-and-restore
 * task. `etcdctl snapshot save` keeps the store's contents at that moment (a structurally
 * shared `Etcd.snapshot()`, cheap) under a number the snapshot file names; `etcdutl snapshot
 * restore` writes a data directory whose `member/snap/db` names the same contents; pointing the
 * etcd static pod's `etcd-data` hostPath at that directory makes etcd start from it.
 *
 * The files are text stand-ins for etcd's bolt database: one line that `snapshot status` reads
 * back (hash, revision, key count, size) and that names the kept contents (`id`).
 */
import { parse } from 'yaml';
import type { EtcdSnapshot } from './etcd.ts';

/** What a snapshot keeps: the store, and the leases its keys are attached to. */
export interface EtcdBackup<V> {
  store: EtcdSnapshot<V>;
  leases: readonly { id: number; ttl: number }[];
  /** Keys in the store. */
  keys: number;
}

/** What a snapshot file (or a data directory's `member/snap/db`) says of itself. */
export interface SnapshotFileInfo {
  /** etcd's hash of the database, 8 hex digits (what `snapshot status` prints). */
  hash: string;
  revision: number;
  keys: number;
  /** Bytes (what `ls -l` and `snapshot status` show). */
  size: number;
  /** The kept contents it names (see `Cluster.etcdSnapshotSave`); absent in older files. */
  id?: number;
  /**
   * A data directory's database rather than a snapshot: no sha256 at its end (a restore from
   * it needs `--skip-hash-check`).
   */
  noHash?: boolean;
}

const MAGIC = 'etcd-snapshot-v3';

/** kubeadm's etcd manifest and data directory. */
export const ETCD_MANIFEST = '/etc/kubernetes/manifests/etcd.yaml';
export const ETCD_DATA_DIR = '/var/lib/etcd';

/** The bolt database of the member in data directory `dir`. */
export function memberDb(dir: string): string {
  return `${dir === '/' ? '' : dir}/member/snap/db`;
}

/** The text of a snapshot file of a store at `revision` with `keys` keys, kept as `id`. */
export function snapshotFileText(
  revision: number,
  keys: number,
  id: number | undefined,
  noHash = false,
): string {
  const size = 2_150_000 + keys * 4_608;
  let h = 0x811c9dc5;
  for (const ch of `${revision}:${keys}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  const hash = h.toString(16).padStart(8, '0');
  return `${MAGIC} hash=${hash} revision=${revision} keys=${keys} size=${size}${id === undefined ? '' : ` id=${id}`}${noHash ? ' nohash' : ''}\n`;
}

/** A snapshot file's own line, or undefined when `text` is not one. */
export function readSnapshotFile(text: string | undefined): SnapshotFileInfo | undefined {
  const m = new RegExp(
    `^${MAGIC} hash=([0-9a-f]+) revision=(\\d+) keys=(\\d+) size=(\\d+)(?: id=(\\d+))?( nohash)?`,
  ).exec(text ?? '');
  if (!m) return undefined;
  const info: SnapshotFileInfo = {
    hash: m[1] as string,
    revision: Number(m[2]),
    keys: Number(m[3]),
    size: Number(m[4]),
  };
  if (m[5] !== undefined) info.id = Number(m[5]);
  if (m[6]) info.noHash = true;
  return info;
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The parts of an etcd static pod manifest that place its data directory. */
export interface EtcdDataPlacement {
  /** etcd's `--data-dir` inside the container. */
  dataDir: string;
  /** The volume mounted over it (its name, mount path and host path, when a hostPath). */
  volume?: string;
  mountPath?: string;
  hostPath?: string;
}

/** Where manifest `text` puts etcd's data: the container's flag and the volume mounted over it. */
export function etcdDataPlacement(text: string): EtcdDataPlacement | undefined {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return undefined;
  }
  const spec = isObj(doc) && isObj(doc.spec) ? doc.spec : undefined;
  const containers = Array.isArray(spec?.containers) ? (spec.containers as unknown[]) : [];
  const c = containers.find((x): x is Obj => isObj(x) && x.name === 'etcd');
  if (!c) return undefined;
  const args = [
    ...(Array.isArray(c.command) ? c.command : []),
    ...(Array.isArray(c.args) ? c.args : []),
  ];
  let dataDir: string | undefined;
  args.forEach((a, i) => {
    if (typeof a !== 'string') return;
    const m = /^--?data-dir(?:=(.*))?$/.exec(a);
    if (!m) return;
    const v = m[1] ?? args[i + 1];
    if (typeof v === 'string') dataDir = v;
  });
  // etcd's default: `${name}.etcd` in its working directory, not on any volume here.
  if (dataDir === undefined) return { dataDir: 'default.etcd' };
  const norm = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p);
  const mounts = (Array.isArray(c.volumeMounts) ? c.volumeMounts : []).filter(isObj);
  // The mount over the data directory: the longest mount path holding it.
  let best: Obj | undefined;
  for (const m of mounts) {
    const mp = typeof m.mountPath === 'string' ? norm(m.mountPath) : undefined;
    if (mp === undefined) continue;
    const holds = norm(dataDir) === mp || norm(dataDir).startsWith(mp === '/' ? '/' : `${mp}/`);
    if (holds && (!best || mp.length > norm(best.mountPath as string).length)) best = m;
  }
  if (!best) return { dataDir };
  const volumes = (Array.isArray(spec?.volumes) ? spec.volumes : []).filter(isObj);
  const vol = volumes.find((v) => v.name === best.name);
  const hp = vol && isObj(vol.hostPath) ? vol.hostPath.path : undefined;
  const out: EtcdDataPlacement = {
    dataDir,
    volume: String(best.name),
    mountPath: norm(best.mountPath as string),
  };
  if (typeof hp === 'string') out.hostPath = norm(hp);
  return out;
}

/**
 * The node directory etcd keeps its data in with manifest `text`: the hostPath mounted over
 * its `--data-dir`, plus the data directory's place under the mount. Undefined when the data
 * directory is on no hostPath volume (it would live and die with the container).
 */
export function etcdHostDataDir(text: string): string | undefined {
  const p = etcdDataPlacement(text);
  if (!p?.hostPath || p.mountPath === undefined) return undefined;
  const rest = p.dataDir.replace(/\/+$/, '').slice(p.mountPath === '/' ? 0 : p.mountPath.length);
  const dir = `${p.hostPath === '/' ? '' : p.hostPath}${rest}`;
  return dir === '' ? '/' : dir;
}
