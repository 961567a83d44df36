/**
 * `etcdctl` 3.5.16 (and `etcdutl`) on the control-plane node, for the CKA backup-and-restore
 * task: `ETCDCTL_API=3 etcdctl snapshot save FILE --endpoints=https://127.0.0.1:2379 --cacert=…
 * --cert=… --key=…` keeps etcd's contents at that moment in the engine and writes FILE (a small
 * stand-in for the bolt database: one line with what `snapshot status` reads back, and the `id`
 * of the kept contents), with etcdctl's zap log lines on stderr and `Snapshot saved at FILE`.
 * etcd serves clients on TLS only and checks the client certificate against its CA
 * (etcd/ca.crt): no or wrong certificates time out (`context deadline exceeded`), a file that is
 * not there fails at once. `etcdutl snapshot restore FILE --data-dir DIR` (or etcdctl's
 * deprecated one) writes a member's data directory (etcdRestore.ts); pointing etcd's manifest
 * at it (etcdManifest.ts) restarts etcd on the restored contents (the engine's cluster.ts).
 */
import { readSnapshotFile, snapshotFileText } from '../../engine/etcd/backup.ts';
import type { RunResult } from '../host.ts';
import { RESTORE_VALUE_FLAGS, restore } from './etcdRestore.ts';
import type { NodeMachines } from './machines.ts';
import type { NodeFs } from './nodeFs.ts';

const VERSION = '3.5.16';
const PKI = '/etc/kubernetes/pki';
/** Client certificates etcd's CA signed, with their keys. */
const CLIENT_PAIRS: Record<string, string> = {
  [`${PKI}/etcd/server.crt`]: `${PKI}/etcd/server.key`,
  [`${PKI}/etcd/peer.crt`]: `${PKI}/etcd/peer.key`,
  [`${PKI}/etcd/healthcheck-client.crt`]: `${PKI}/etcd/healthcheck-client.key`,
  [`${PKI}/apiserver-etcd-client.crt`]: `${PKI}/apiserver-etcd-client.key`,
};
const ETCD_CA = `${PKI}/etcd/ca.crt`;
/** Where etcd listens for clients (`--listen-client-urls`). */
const CLIENT_URLS = new Set(['127.0.0.1:2379', 'localhost:2379', '172.18.0.2:2379']);

/** zap's timestamp as etcd 3.5 logs it. */
function ts(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** go-humanize Bytes: SI units, one decimal under 10. */
function humanBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return i === 0 ? `${n} B` : `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ${units[i]}`;
}

interface Options {
  endpoints: string[];
  cacert?: string;
  cert?: string;
  key?: string;
  write?: string;
  positional: string[];
  bad?: string;
}

/** etcdctl's flags, with the ETCDCTL_* environment as their defaults. */
function parse(args: string[], env: Record<string, string>): Options {
  const o: Options = {
    endpoints: (env.ETCDCTL_ENDPOINTS ?? '127.0.0.1:2379').split(','),
    positional: [],
  };
  if (env.ETCDCTL_CACERT) o.cacert = env.ETCDCTL_CACERT;
  if (env.ETCDCTL_CERT) o.cert = env.ETCDCTL_CERT;
  if (env.ETCDCTL_KEY) o.key = env.ETCDCTL_KEY;
  const takes = new Set([
    'endpoints',
    'cacert',
    'cert',
    'key',
    'write-out',
    'w',
    'dial-timeout',
    ...RESTORE_VALUE_FLAGS,
  ]);
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith('-')) {
      o.positional.push(a);
      continue;
    }
    const m = /^--?([a-z-]+)(?:=(.*))?$/.exec(a);
    const name = m?.[1] ?? '';
    let value = m?.[2];
    if (value === undefined && takes.has(name)) value = args[++i] ?? '';
    if (name === 'endpoints') o.endpoints = (value ?? '').split(',');
    else if (name === 'cacert') o.cacert = value ?? '';
    else if (name === 'cert') o.cert = value ?? '';
    else if (name === 'key') o.key = value ?? '';
    else if (name === 'write-out' || name === 'w') o.write = value ?? '';
    else if (!['insecure-skip-tls-verify', 'dial-timeout', 'debug', 'hex'].includes(name))
      o.bad ??= a;
  }
  return o;
}

/** Why a client with these options cannot talk to etcd: an error now, or a timeout. */
function connection(o: Options, fs: NodeFs): { error: string } | { timeout: true } | undefined {
  for (const f of [o.cacert, o.cert, o.key]) {
    if (f !== undefined && fs.read(f) === undefined)
      return { error: `open ${f}: no such file or directory` };
  }
  if ((o.cert === undefined) !== (o.key === undefined)) return { timeout: true };
  const abs = (f: string | undefined) => (f === undefined ? undefined : fs.abs(f));
  const cert = abs(o.cert);
  const key = abs(o.key);
  if (cert && key && CLIENT_PAIRS[cert] !== key && cert.replace(/\.crt$/, '.key') !== key)
    return { error: 'tls: private key does not match public key' };
  const tls = o.cacert !== undefined || cert !== undefined;
  const reachable = o.endpoints.some((e) => {
    const m = /^(?:(https?):\/\/)?([^/]+)\/?$/.exec(e.trim());
    if (!m || !CLIENT_URLS.has(m[2] ?? '')) return false;
    return m[1] === 'https' || (m[1] === undefined && tls);
  });
  // etcd requires TLS, trusts only its own CA and wants a client certificate it signed.
  if (!reachable || abs(o.cacert) !== ETCD_CA || !cert || !(cert in CLIENT_PAIRS))
    return { timeout: true };
  return undefined;
}

/** What `snapshot save` writes: etcd's contents now, kept by the engine under the file's `id`. */
function snapshotText(machines: NodeMachines): string {
  const kept = machines.etcdSnapshotSave?.();
  if (kept) return snapshotFileText(kept.revision, kept.keys, kept.id);
  const { revision, keys } = machines.etcdStatus();
  return snapshotFileText(revision, keys, undefined);
}

const readSnapshot = readSnapshotFile;

/** The byte size `ls -l` shows for a file: a snapshot's recorded size. */
export function snapshotSize(text: string): number | undefined {
  // A WAL segment is preallocated to 64 MB (wal.SegmentSizeBytes).
  if (text.startsWith('etcd-wal ')) return 64_000_000;
  return readSnapshot(text)?.size;
}

/** olekukonko/tablewriter as etcdctl uses it: centred headers, right-aligned cells. */
function table(header: string[], row: string[]): string {
  const widths = header.map((h, i) => Math.max(h.length, (row[i] ?? '').length));
  const line = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+\n`;
  const centre = (s: string, w: number) => {
    const left = Math.ceil((w - s.length) / 2);
    return ' '.repeat(left) + s + ' '.repeat(w - s.length - left);
  };
  const head = `|${header.map((h, i) => ` ${centre(h, widths[i] ?? 0)} `).join('|')}|\n`;
  const body = `|${row.map((c, i) => ` ${c.padStart(widths[i] ?? 0)} `).join('|')}|\n`;
  return line + head + line + body + line;
}

function status(path: string | undefined, o: Options, fs: NodeFs, deprecated: boolean): RunResult {
  const prefix = deprecated ? 'Deprecated: Use `etcdutl snapshot status` instead.\n\n' : '';
  if (!path)
    return { stdout: '', stderr: `${prefix}Error: snapshot filename expected\n`, exitCode: 1 };
  const text = fs.read(path);
  if (text === undefined)
    return {
      stdout: '',
      stderr: `${prefix}Error: stat ${path}: no such file or directory\n`,
      exitCode: 1,
    };
  const s = readSnapshot(text);
  if (!s) return { stdout: '', stderr: `${prefix}Error: invalid database\n`, exitCode: 1 };
  const cells = [s.hash, String(s.revision), String(s.keys), humanBytes(s.size), '3.5.0'];
  const out =
    o.write === 'table'
      ? table(['HASH', 'REVISION', 'TOTAL KEYS', 'TOTAL SIZE', 'VERSION'], cells)
      : o.write === 'json'
        ? `{"hash":${Number.parseInt(s.hash, 16)},"revision":${s.revision},"totalKey":${s.keys},"totalSize":${s.size},"version":"3.5.0"}\n`
        : `${cells.join(', ')}\n`;
  return { stdout: prefix + out, stderr: '', exitCode: 0 };
}

/** `etcdctl …` (or `etcdutl …` when `util`) on the control-plane node. */
export function etcdctl(
  fs: NodeFs,
  machines: NodeMachines,
  nowMs: number,
  args: string[],
  env: Record<string, string>,
  util = false,
): RunResult {
  const o = parse(args, env);
  const [cmd, sub, file] = o.positional;
  const tool = util ? 'etcdutl' : 'etcdctl';
  // A restore has flags of its own (--data-dir, --name, --initial-cluster…) and needs no
  // connection: it only writes a data directory.
  if (cmd === 'snapshot' && sub === 'restore') return restore(fs, machines, nowMs, args, !util);
  if (o.bad) return { stdout: '', stderr: `Error: unknown flag: ${o.bad}\n`, exitCode: 1 };
  if (cmd === 'version' || (cmd === undefined && args.includes('--version')))
    return { stdout: `${tool} version: ${VERSION}\nAPI version: 3.5\n`, stderr: '', exitCode: 0 };
  if (cmd === 'snapshot' && sub === 'status') return status(file, o, fs, !util);
  if (
    util ||
    (!(cmd === 'snapshot' && sub === 'save') && !['endpoint', 'member'].includes(cmd ?? ''))
  )
    return {
      stdout: '',
      stderr: `bash: this console cannot run "${tool} ${args.join(' ')}": only ${util ? 'etcdutl snapshot status, snapshot restore' : 'etcdctl snapshot save, snapshot status, snapshot restore, endpoint health, member list and version'} are simulated\n`,
      exitCode: 2,
    };
  const conn = connection(o, fs);
  const t = ts(nowMs);
  if (cmd === 'snapshot') {
    if (!file)
      return { stdout: '', stderr: 'Error: snapshot save expects one argument\n', exitCode: 1 };
    const target = fs.abs(file);
    if (conn && 'error' in conn)
      return { stdout: '', stderr: `Error: ${conn.error}\n`, exitCode: 1 };
    const created = `{"level":"info","ts":"${t}","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"${file}.part"}\n`;
    const parent = target.slice(0, target.lastIndexOf('/')) || '/';
    if (!fs.isDirectory(parent))
      return {
        stdout: '',
        stderr: `Error: could not open ${file}.part (open ${file}.part: no such file or directory)\n`,
        exitCode: 1,
      };
    if (conn)
      return { stdout: '', stderr: `${created}Error: context deadline exceeded\n`, exitCode: 1 };
    const text = snapshotText(machines);
    const size = humanBytes(readSnapshot(text)?.size ?? 0);
    const w = fs.write(file, text);
    if (!w.ok) return { stdout: '', stderr: `Error: ${w.error}\n`, exitCode: 1 };
    const ep = o.endpoints[0] ?? '127.0.0.1:2379';
    const logs =
      created +
      `{"level":"info","ts":"${t}","logger":"client","caller":"v3@v${VERSION}/maintenance.go:212","msg":"opened snapshot stream; downloading"}\n` +
      `{"level":"info","ts":"${t}","caller":"snapshot/v3_snapshot.go:73","msg":"fetching snapshot","endpoint":"${ep}"}\n` +
      `{"level":"info","ts":"${t}","logger":"client","caller":"v3@v${VERSION}/maintenance.go:220","msg":"completed snapshot read; closing"}\n` +
      `{"level":"info","ts":"${t}","caller":"snapshot/v3_snapshot.go:88","msg":"fetched snapshot","endpoint":"${ep}","size":"${size}","took":"now"}\n` +
      `{"level":"info","ts":"${t}","caller":"snapshot/v3_snapshot.go:97","msg":"saved","path":"${file}"}\n`;
    const saved = `Snapshot saved at ${file}\n`;
    // The log lines go to stderr before the last line reaches stdout.
    return {
      stdout: saved,
      stderr: logs,
      exitCode: 0,
      output: [
        { err: true, text: logs },
        { err: false, text: saved },
      ],
    };
  }
  if (conn && 'error' in conn) return { stdout: '', stderr: `Error: ${conn.error}\n`, exitCode: 1 };
  const ep = o.endpoints[0] ?? '127.0.0.1:2379';
  if (cmd === 'endpoint' && sub === 'health') {
    if (conn)
      return {
        stdout: '',
        stderr: `{"level":"warn","ts":"${t}","logger":"client","caller":"v3@v${VERSION}/retry_interceptor.go:62","msg":"retrying of unary invoker failed","target":"etcd-endpoints://0xc000466000/${ep.replace(/^https?:\/\//, '')}","attempt":0,"error":"rpc error: code = DeadlineExceeded desc = context deadline exceeded"}\n${ep} is unhealthy: failed to commit proposal: context deadline exceeded\nError: unhealthy cluster\n`,
        exitCode: 1,
      };
    return {
      stdout: `${ep} is healthy: successfully committed proposal: took = 9.702651ms\n`,
      stderr: '',
      exitCode: 0,
    };
  }
  if (cmd === 'member' && sub === 'list') {
    if (conn) return { stdout: '', stderr: 'Error: context deadline exceeded\n', exitCode: 1 };
    return {
      stdout: `9a0dd16b2f3e1c4d, started, ${machines.controlPlane}, https://172.18.0.2:2380, https://172.18.0.2:2379, false\n`,
      stderr: '',
      exitCode: 0,
    };
  }
  return {
    stdout: '',
    stderr: `bash: this console cannot run "etcdctl ${args.join(' ')}": not simulated\n`,
    exitCode: 2,
  };
}
