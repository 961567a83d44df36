/**
 * `etcdutl snapshot restore FILE [--data-dir DIR]` as etcd 3.5.16 runs it (etcdutl/snapshot
 * v3_snapshot.go `Restore`; `etcdctl snapshot restore` calls the same code after its deprecation
 * notice): the flags' checks, then the data directory's (it must not exist or be empty), the
 * `restoring snapshot` log line, the snapshot file's checks (it must open, be longer than its
 * sha256 and end with one), and a new member's data directory: `member/snap/db` (the database,
 * here the snapshot's line naming the contents the engine kept), the raft snapshot
 * `member/snap/0000000000000001-0000000000000001.snap` and the WAL
 * `member/wal/0000000000000000-0000000000000000.wal`. Logs go to stderr in zap's console format
 * (etcdutl's logger: RFC 3339 seconds, tab-separated, fields as JSON).
 */
import { memberDb, readSnapshotFile, snapshotFileText } from '../../engine/etcd/backup.ts';
import type { RunResult } from '../host.ts';
import type { NodeMachines } from './machines.ts';
import type { NodeFs } from './nodeFs.ts';

/** etcdctl's and etcdutl's exit code for bad arguments (cobrautl.ExitBadArgs). */
const EXIT_BAD_ARGS = 128;

/** The restore command's own flags: those taking a value, and the booleans. */
export const RESTORE_VALUE_FLAGS = new Set([
  'data-dir',
  'wal-dir',
  'name',
  'initial-cluster',
  'initial-cluster-token',
  'initial-advertise-peer-urls',
  'bump-revision',
  'initial-memory-map-size',
]);
export const RESTORE_BOOL_FLAGS = new Set(['skip-hash-check', 'mark-compacted']);

/** SHA-1 (FIPS 180-1) of `bytes`: how etcd derives member and cluster IDs. */
function sha1(bytes: Uint8Array): Uint8Array {
  const padded = new Uint8Array(Math.ceil((bytes.length + 9) / 64) * 64);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = bytes.length * 8;
  view.setUint32(padded.length - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(padded.length - 4, bits >>> 0);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Uint32Array(80);
  const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 80; i++)
      w[i] = rotl(
        (w[i - 3] as number) ^ (w[i - 8] as number) ^ (w[i - 14] as number) ^ (w[i - 16] as number),
        1,
      );
    let [a, b, c, d, e] = h as [number, number, number, number, number];
    for (let i = 0; i < 80; i++) {
      const [f, k] =
        i < 20
          ? [(b & c) | (~b & d), 0x5a827999]
          : i < 40
            ? [b ^ c ^ d, 0x6ed9eba1]
            : i < 60
              ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc]
              : [b ^ c ^ d, 0xca62c1d6];
      const t = (rotl(a, 5) + f + e + k + (w[i] as number)) >>> 0;
      e = d;
      d = c;
      c = rotl(b, 30) >>> 0;
      b = a;
      a = t;
    }
    h[0] = (h[0]! + a) >>> 0;
    h[1] = (h[1]! + b) >>> 0;
    h[2] = (h[2]! + c) >>> 0;
    h[3] = (h[3]! + d) >>> 0;
    h[4] = (h[4]! + e) >>> 0;
  }
  const out = new Uint8Array(20);
  const ov = new DataView(out.buffer);
  for (let i = 0; i < 5; i++) ov.setUint32(i * 4, h[i] as number);
  return out;
}

/** The first 8 bytes of a SHA-1, as etcd's `types.ID` prints them (hex, no leading zeros). */
function idOf(bytes: Uint8Array): { hex: string; bytes: Uint8Array } {
  const first = sha1(bytes).slice(0, 8);
  const hex = [...first].map((b) => b.toString(16).padStart(2, '0')).join('');
  return { hex: hex.replace(/^0+(?=.)/, ''), bytes: first };
}

/**
 * etcd's member IDs (membership `computeMemberID`: SHA-1 of the sorted peer URLs and the cluster
 * token) and the cluster ID (SHA-1 of the member IDs in order), for `added member`.
 */
export function memberIds(
  cluster: readonly { name: string; urls: string[] }[],
  token: string,
): { clusterId: string; members: { id: string; urls: string[] }[] } {
  const enc = new TextEncoder();
  const members = cluster.map((m) => {
    const id = idOf(enc.encode([...m.urls].sort().join('') + token));
    return { ...id, urls: m.urls };
  });
  members.sort((a, b) => {
    for (let i = 0; i < 8; i++) {
      const d = (a.bytes[i] as number) - (b.bytes[i] as number);
      if (d !== 0) return d;
    }
    return 0;
  });
  const all = new Uint8Array(members.length * 8);
  for (let i = 0; i < members.length; i++)
    all.set((members[i] as { bytes: Uint8Array }).bytes, i * 8);
  return {
    clusterId: idOf(all).hex,
    members: members.map((m) => ({ id: m.hex, urls: m.urls })),
  };
}

/** `--initial-cluster`'s `name=url,name=url` as types.NewURLsMap groups it. */
function parseCluster(text: string): { name: string; urls: string[] }[] | string {
  const out: { name: string; urls: string[] }[] = [];
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return `parse ${part}: invalid URL`;
    const name = part.slice(0, eq);
    const url = part.slice(eq + 1);
    const m = out.find((x) => x.name === name);
    if (m) m.urls.push(url);
    else out.push({ name, urls: [url] });
  }
  return out;
}

export interface RestoreFlags {
  dataDir?: string;
  walDir?: string;
  name?: string;
  initialCluster?: string;
  initialClusterToken?: string;
  bumpRevision?: string;
  skipHashCheck: boolean;
  markCompacted: boolean;
}

/** The restore's flags from `args` (values as the `--flag value` or `--flag=value` forms give). */
export function restoreFlags(
  args: readonly string[],
  util: boolean,
): {
  flags: RestoreFlags;
  positional: string[];
  /** pflag's complaint about the first flag the command does not have. */
  bad?: string;
} {
  const flags: RestoreFlags = { skipHashCheck: false, markCompacted: false };
  const positional: string[] = [];
  let bad: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const m = /^--?([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) {
      positional.push(a);
      continue;
    }
    const name = m[1] as string;
    if (RESTORE_BOOL_FLAGS.has(name)) {
      const on = m[2] === undefined || m[2] === 'true';
      if (name === 'skip-hash-check') flags.skipHashCheck = on;
      else flags.markCompacted = on;
      continue;
    }
    if (!RESTORE_VALUE_FLAGS.has(name)) {
      // The global flags: etcdutl's few, etcdctl's client flags (unused by a restore).
      const valued = util ? UTIL_VALUE_FLAGS : CTL_VALUE_FLAGS;
      if (valued.has(name)) {
        if (m[2] === undefined) i++;
      } else if (!(util ? UTIL_BOOL_FLAGS : CTL_BOOL_FLAGS).has(name))
        // pflag's words: a long flag by its name, a shorthand by its letter.
        bad ??= a.startsWith('--')
          ? `unknown flag: --${name}`
          : `unknown shorthand flag: '${name[0]}' in ${a}`;
      continue;
    }
    const v = m[2] ?? args[++i] ?? '';
    if (name === 'data-dir') flags.dataDir = v;
    else if (name === 'wal-dir') flags.walDir = v;
    else if (name === 'name') flags.name = v;
    else if (name === 'initial-cluster') flags.initialCluster = v;
    else if (name === 'initial-cluster-token') flags.initialClusterToken = v;
    else if (name === 'bump-revision') flags.bumpRevision = v;
  }
  return bad === undefined ? { flags, positional } : { flags, positional, bad };
}

const UTIL_VALUE_FLAGS = new Set(['write-out', 'w']);
const UTIL_BOOL_FLAGS = new Set(['hex', 'help', 'h']);
const CTL_VALUE_FLAGS = new Set([
  'endpoints',
  'cacert',
  'cert',
  'key',
  'user',
  'password',
  'dial-timeout',
  'command-timeout',
  'keepalive-time',
  'keepalive-timeout',
  'write-out',
  'w',
  'discovery-srv',
  'discovery-srv-name',
]);
const CTL_BOOL_FLAGS = new Set([
  'debug',
  'hex',
  'insecure-skip-tls-verify',
  'insecure-transport',
  'insecure-discovery',
  'help',
  'h',
]);

/** zap's console time (RFC 3339, seconds) for epoch ms. */
function ts(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A zap console line: time, level, caller, message, then the fields as JSON (`": "` style). */
function zapLine(t: string, caller: string, msg: string, fields?: Record<string, unknown>): string {
  const f = fields
    ? `\t{${Object.entries(fields)
        .map(
          ([k, v]) =>
            `"${k}": ${Array.isArray(v) ? `[${v.map((x) => JSON.stringify(x)).join(', ')}]` : JSON.stringify(v)}`,
        )
        .join(', ')}}`
    : '';
  return `${t}\tinfo\t${caller}\t${msg}${f}\n`;
}

const RAFT_SNAP = '0000000000000001-0000000000000001.snap';
const WAL = '0000000000000000-0000000000000000.wal';

/**
 * Run the restore. `deprecated`: called as `etcdctl snapshot restore`, which first prints
 * etcdutl's name (stderr) and a blank line.
 */
export function restore(
  fs: NodeFs,
  machines: NodeMachines,
  nowEpochMs: number,
  args: readonly string[],
  deprecated: boolean,
): RunResult {
  const notice = deprecated ? 'Deprecated: Use `etcdutl snapshot restore` instead.\n\n' : '';
  const fail = (err: string, code = 1, logs = ''): RunResult => ({
    stdout: '',
    stderr: `${notice}${logs}Error: ${err}\n`,
    exitCode: code,
  });
  const { flags, positional, bad } = restoreFlags(args, !deprecated);
  // cobra refuses an unknown flag before the command runs.
  if (bad) return { stdout: '', stderr: `Error: ${bad}\n`, exitCode: 1 };
  const files = positional.slice(2);
  if (files.length !== 1)
    return fail('snapshot restore requires exactly one argument', EXIT_BAD_ARGS);
  const bump = flags.bumpRevision === undefined ? 0 : Number(flags.bumpRevision);
  if (!Number.isInteger(bump) || bump < 0)
    return fail(
      `invalid argument "${flags.bumpRevision}" for "--bump-revision" flag: strconv.ParseUint: parsing "${flags.bumpRevision}": invalid syntax`,
    );
  if ((bump === 0 && flags.markCompacted) || (bump > 0 && !flags.markCompacted))
    return fail('--mark-compacted required if --revision-bump > 0', EXIT_BAD_ARGS);
  const name = flags.name ?? 'default';
  const dataDir = flags.dataDir || `${name}.etcd`;
  const walDir = flags.walDir || `${dataDir}/member/wal`;
  const token = flags.initialClusterToken ?? 'etcd-cluster';
  // The flag's default is made from the default name, not from --name.
  const cluster = parseCluster(flags.initialCluster ?? 'default=http://localhost:2380');
  if (typeof cluster === 'string') return fail(cluster);
  if (!cluster.some((m) => m.name === name))
    return fail(`couldn't find local name "${name}" in the initial cluster configuration`);
  const abs = fs.abs(dataDir);
  if (fs.read(abs) !== undefined || (fs.isDirectory(abs) && fs.entries(abs).length > 0))
    return fail(`data-dir "${dataDir}" not empty or could not be read`);
  if (flags.walDir && (fs.isDirectory(flags.walDir) || fs.read(flags.walDir) !== undefined))
    return fail(`wal-dir "${flags.walDir}" exists`);
  const file = files[0] as string;
  const t = ts(nowEpochMs);
  const snapDir = `${dataDir}/member/snap`;
  const where = { path: file, 'wal-dir': walDir, 'data-dir': dataDir, 'snap-dir': snapDir };
  let logs = zapLine(t, 'snapshot/v3_snapshot.go:260', 'restoring snapshot', where);
  const text = fs.isDirectory(file) ? '' : fs.read(file);
  if (text === undefined) return fail(`open ${file}: no such file or directory`, 1, logs);
  // The last 32 bytes are the snapshot's sha256: a shorter file cannot be seeked back that far.
  if (new TextEncoder().encode(text).length < 32)
    return fail(`seek ${file}: invalid argument`, 1, logs);
  const info = readSnapshotFile(text);
  const mkdir = (dir: string) => fs.mkdir(dir, true);
  mkdir(snapDir);
  if (!info) {
    // The copy is made before the hash is looked for: the database file stays behind.
    fs.write(memberDb(abs), text);
    if (!flags.skipHashCheck)
      return fail('snapshot missing hash but --skip-hash-check=false', 1, logs);
    // etcd then opens the copy with bbolt, which panics on a file that is no database.
    return {
      stdout: '',
      stderr: `${notice}${logs}bash: this console cannot run "etcdutl snapshot restore --skip-hash-check" on a file that is not an etcd database: etcd's panic (failed to open database: invalid database) is not simulated\n`,
      exitCode: 2,
    };
  }
  if (info.noHash && !flags.skipHashCheck) {
    fs.write(memberDb(abs), text);
    return fail('snapshot missing hash but --skip-hash-check=false', 1, logs);
  }
  const kept = info.id === undefined ? undefined : machines.etcdSnapshot?.(info.id);
  fs.write(
    memberDb(abs),
    snapshotFileText(info.revision + bump, info.keys, kept ? info.id : undefined, true),
  );
  logs += zapLine(
    t,
    'membership/store.go:141',
    'Trimming membership information from the backend...',
  );
  const ids = memberIds(cluster, token);
  for (const m of ids.members)
    logs += zapLine(t, 'membership/cluster.go:421', 'added member', {
      'cluster-id': ids.clusterId,
      'local-member-id': '0',
      'added-peer-id': m.id,
      'added-peer-peer-urls': m.urls,
    });
  mkdir(fs.abs(walDir));
  fs.write(
    `${fs.abs(walDir)}/${WAL}`,
    `etcd-wal member=${ids.members[0]?.id ?? ''} cluster=${ids.clusterId}\n`,
  );
  fs.write(
    `${fs.abs(snapDir)}/${RAFT_SNAP}`,
    `etcd-raft-snapshot term=1 index=${ids.members.length}\n`,
  );
  logs += zapLine(t, 'snapshot/v3_snapshot.go:287', 'restored snapshot', where);
  return { stdout: '', stderr: notice + logs, exitCode: 0 };
}
