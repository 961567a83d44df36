/**
 * The one change to etcd's static pod manifest this console simulates: moving etcd's data to
 * another directory of the node (the CKA restore's last step), by pointing the `etcd-data`
 * hostPath volume there, or by changing `--data-dir` together with the volume's mount path.
 * The new directory must hold a member `etcdutl snapshot restore` wrote (or the one etcd left
 * when it moved away): etcd started on an empty directory would make a new, empty cluster,
 * which is not simulated.
 */
import { parse } from 'yaml';
import {
  etcdDataPlacement,
  etcdHostDataDir,
  memberDb,
  readSnapshotFile,
} from '../../engine/etcd/backup.ts';
import type { NodeMachines } from './machines.ts';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** JSON with object keys sorted: equal for equal documents whatever their key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObj(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

/** The manifest with what places etcd's data (flag, mount path, host path) blanked out. */
function withoutPlacement(text: string, volume: string): string | undefined {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return undefined;
  }
  if (!isObj(doc) || !isObj(doc.spec)) return undefined;
  const spec = doc.spec;
  for (const c of Array.isArray(spec.containers) ? spec.containers : []) {
    if (!isObj(c)) continue;
    if (Array.isArray(c.command))
      c.command = c.command.map((a) =>
        typeof a === 'string' && a.startsWith('--data-dir=') ? '--data-dir=' : a,
      );
    for (const m of Array.isArray(c.volumeMounts) ? c.volumeMounts : [])
      if (isObj(m) && m.name === volume) m.mountPath = '';
  }
  for (const v of Array.isArray(spec.volumes) ? spec.volumes : [])
    if (isObj(v) && v.name === volume && isObj(v.hostPath)) v.hostPath.path = '';
  return canonical(doc);
}

/**
 * Why writing `next` over etcd's manifest `current` is not simulated, if it is not (the words
 * after "this console does not simulate"). `read` reads a node file.
 */
export function etcdManifestRefusal(
  next: string,
  current: string,
  read: (path: string) => string | undefined,
  machines: NodeMachines | undefined,
): string | undefined {
  const volume = etcdDataPlacement(current)?.volume ?? 'etcd-data';
  const a = withoutPlacement(next, volume);
  if (a === undefined || a !== withoutPlacement(current, volume))
    return "changing etcd's manifest beyond where its data is (the etcd-data volume's hostPath, or --data-dir with the volume's mountPath)";
  const dir = etcdHostDataDir(next);
  if (dir === undefined)
    return 'running etcd with its --data-dir on no hostPath volume (it would start a new, empty cluster inside its container)';
  if (dir === etcdHostDataDir(current)) return undefined;
  const info = readSnapshotFile(read(memberDb(dir)));
  if (info?.id === undefined || !machines?.etcdSnapshot?.(info.id))
    return `starting etcd on ${dir}, which holds no restored member (etcd would start a new, empty cluster there; restore one with etcdutl snapshot restore FILE --data-dir ${dir})`;
  return undefined;
}
