/**
 * `kubeadm` 1.32 on the control-plane node: `token create --print-join-command` (a new bootstrap
 * token: its Secret `bootstrap-token-<id>` in kube-system, and the join command for a worker),
 * `token list`, `certs check-expiration` (the certificates kubeadm made when the cluster was
 * set up) and `version`. Upgrades are not simulated.
 */
import type { KubeObject } from '../../engine/api/types.ts';
import { hash128 } from '../../engine/node/staticPodFiles.ts';
import { BOOTSTRAP_AT, epochMs } from '../../engine/util/clock.ts';
import { parseGoDuration } from '../flags.ts';
import type { KubectlHost, RunResult } from '../host.ts';
import { flagValue, tabwriter } from './crictl.ts';

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const CA_HASH = (hash128('ca-pub') + hash128('ca-pub-2')).slice(0, 64);

function tokenFrom(seed: string): string {
  const hex = hash128(seed) + hash128(`${seed}:2`);
  let out = '';
  for (let i = 0; i < 22; i++) out += ALNUM[Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16) % 36];
  return `${out.slice(0, 6)}.${out.slice(6)}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** `Jan 06, 2027 00:00 UTC`, as check-expiration prints a time. */
function expiry(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())}, ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())} UTC`;
}

/** apimachinery's duration.ShortHumanDuration. */
function shortHuman(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 365) return `${d}d`;
  return `${Math.floor(d / 365)}y`;
}

const YEAR = 365 * 24 * 3600 * 1000;

function checkExpiration(now: number): string {
  const issued = epochMs(BOOTSTRAP_AT);
  const leaf = (name: string, ca: string) => [
    name,
    expiry(issued + YEAR),
    shortHuman(issued + YEAR - now),
    ca,
    'no',
    '',
  ];
  const certs = [
    leaf('admin.conf', 'ca'),
    leaf('apiserver', 'ca'),
    leaf('apiserver-etcd-client', 'etcd-ca'),
    leaf('apiserver-kubelet-client', 'ca'),
    leaf('controller-manager.conf', 'ca'),
    leaf('etcd-healthcheck-client', 'etcd-ca'),
    leaf('etcd-peer', 'etcd-ca'),
    leaf('etcd-server', 'etcd-ca'),
    leaf('front-proxy-client', 'front-proxy-ca'),
    leaf('scheduler.conf', 'ca'),
    leaf('super-admin.conf', 'ca'),
  ];
  const caRow = (name: string) => [
    name,
    expiry(issued + 10 * YEAR),
    shortHuman(issued + 10 * YEAR - now),
    'no',
    '',
  ];
  // kubeadm's tabwriter (minwidth 10, padding 3) ends each row with a tab: trailing blanks.
  const tw = (rows: string[][]) => {
    const widths: number[] = [];
    for (const r of rows) {
      for (const [i, c] of r.entries()) widths[i] = Math.max(widths[i] ?? 10, c.length + 3);
    }
    return rows
      .map((r) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i] ?? 10) : c)).join(''))
      .join('\n');
  };
  return `[check-expiration] Reading configuration from the cluster...
[check-expiration] FYI: You can look at this config file with 'kubectl -n kube-system get cm kubeadm-config -o yaml'

${tw([['CERTIFICATE', 'EXPIRES', 'RESIDUAL TIME', 'CERTIFICATE AUTHORITY', 'EXTERNALLY MANAGED', ''], ...certs])}

${tw([['CERTIFICATE AUTHORITY', 'EXPIRES', 'RESIDUAL TIME', 'EXTERNALLY MANAGED', ''], caRow('ca'), caRow('etcd-ca'), caRow('front-proxy-ca')])}
`;
}

/** kubeadm's flags that take a value (`--ttl 2h`). */
const VALUE_FLAGS = new Set([
  '--ttl',
  '--description',
  '--config',
  '--groups',
  '--usages',
  '--kubeconfig',
  '--certificate-key',
  '--cert-dir',
  '-o',
  '--output',
  '--rootfs',
  '--v',
  '-v',
]);

function b64(s: string): string {
  return btoa(s);
}

function notSimulated(args: string[]): RunResult {
  return {
    stdout: '',
    stderr: `bash: this console cannot run "kubeadm ${args.join(' ')}": only kubeadm token create/list, certs check-expiration and version are simulated\n`,
    exitCode: 2,
  };
}

/** `kubeadm …` on a node; `admin` is the host acting with /etc/kubernetes/admin.conf. */
export function kubeadm(host: KubectlHost, controlPlane: boolean, args: string[]): RunResult {
  // The words that are not flags nor a flag's value.
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith('-')) words.push(a);
    else if (VALUE_FLAGS.has(a)) i++;
  }
  const [cmd, sub] = words;
  const now = host.nowEpochMs();
  if (cmd === 'version') {
    return {
      stdout:
        args.includes('-o=short') || args.includes('short')
          ? 'v1.32.2\n'
          : 'kubeadm version: &version.Info{Major:"1", Minor:"32", GitVersion:"v1.32.2", GitCommit:"67a30c0adcf52bd3f56ff0893ce19966be12991f", GitTreeState:"clean", BuildDate:"2025-02-12T21:24:52Z", GoVersion:"go1.23.6", Compiler:"gc", Platform:"linux/amd64"}\n',
      stderr: '',
      exitCode: 0,
    };
  }
  const needsAdmin =
    (cmd === 'token' && (sub === 'create' || sub === 'list')) ||
    (cmd === 'certs' && sub === 'check-expiration');
  if (!needsAdmin) return notSimulated(args);
  if (!controlPlane) {
    return {
      stdout: '',
      stderr:
        cmd === 'certs'
          ? `error execution phase: failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: no such file or directory\nTo see the stack trace of this error execute with --v=5 or higher\n`
          : `failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: no such file or directory\nTo see the stack trace of this error execute with --v=5 or higher\n`,
      exitCode: 1,
    };
  }
  if (host.apiServerUp?.() === false) {
    return {
      stdout: '',
      stderr:
        'failed to create or update bootstrap token with name bootstrap-token: unable to create Secret: Post "https://172.18.0.2:6443/api/v1/namespaces/kube-system/secrets?timeout=10s": dial tcp 172.18.0.2:6443: connect: connection refused\nTo see the stack trace of this error execute with --v=5 or higher\n',
      exitCode: 1,
    };
  }
  if (cmd === 'certs') return { stdout: checkExpiration(now), stderr: '', exitCode: 0 };
  if (sub === 'list') {
    const r = host.api.list('secrets', 'kube-system');
    const items = r.ok ? r.value.items : [];
    const rows = items
      .filter((s) => (s as { type?: string }).type === 'bootstrap.kubernetes.io/token')
      .map((s) => {
        const d = ((s as { data?: Record<string, string> }).data ?? {}) as Record<string, string>;
        const dec = (k: string) => (d[k] ? atob(d[k] as string) : '');
        const exp = Date.parse(dec('expiration'));
        return [
          `${dec('token-id')}.${dec('token-secret')}`,
          Number.isFinite(exp) ? shortHuman(exp - now) : '<forever>',
          dec('expiration') || '<never>',
          ['authentication', 'signing']
            .filter((u) => dec(`usage-bootstrap-${u}`) === 'true')
            .join(','),
          dec('description') || '<none>',
          dec('auth-extra-groups'),
        ];
      });
    if (rows.length === 0) return { stdout: '', stderr: '', exitCode: 0 };
    return {
      stdout: tabwriter([
        ['TOKEN', 'TTL', 'EXPIRES', 'USAGES', 'DESCRIPTION', 'EXTRA GROUPS'],
        ...rows,
      ]),
      stderr: '',
      exitCode: 0,
    };
  }
  // token create [TOKEN] [--ttl DURATION] [--description TEXT]
  const ttlText = flagValue(args, '--ttl') ?? '24h0m0s';
  const ttl = parseGoDuration(ttlText);
  if (typeof ttl !== 'number')
    return {
      stdout: '',
      stderr: `invalid argument "${ttlText}" for "--ttl" flag: ${ttl.err}\n`,
      exitCode: 1,
    };
  const description = flagValue(args, '--description');
  const given = words[2];
  if (given !== undefined && !/^[a-z0-9]{6}\.[a-z0-9]{16}$/.test(given))
    return {
      stdout: '',
      stderr: `the bootstrap token "${given}" was not of the form "^([a-z0-9]{6})\\.([a-z0-9]{16})$"\nTo see the stack trace of this error execute with --v=5 or higher\n`,
      exitCode: 1,
    };
  const existing = host.machines?.list('secrets').length ?? 0;
  const token = given ?? tokenFrom(`${now}:${existing}:${args.join(' ')}`);
  const [id, secret] = token.split('.') as [string, string];
  // A TTL of 0 never expires: the Secret has no expiration.
  const expiration =
    ttl > 0 ? new Date(now + ttl).toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
  const created = host.api.create('secrets', 'kube-system', {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: `bootstrap-token-${id}`, namespace: 'kube-system' },
    type: 'bootstrap.kubernetes.io/token',
    data: {
      'auth-extra-groups': b64('system:bootstrappers:kubeadm:default-node-token'),
      ...(description ? { description: b64(description) } : {}),
      ...(expiration ? { expiration: b64(expiration) } : {}),
      'token-id': b64(id),
      'token-secret': b64(secret),
      'usage-bootstrap-authentication': b64('true'),
      'usage-bootstrap-signing': b64('true'),
    },
  } as KubeObject);
  if (!created.ok)
    return {
      stdout: '',
      stderr: `failed to create or update bootstrap token with name bootstrap-token-${id}: ${created.status.message ?? 'error'}\nTo see the stack trace of this error execute with --v=5 or higher\n`,
      exitCode: 1,
    };
  const print = args.includes('--print-join-command');
  return {
    stdout: print
      ? `kubeadm join 172.18.0.2:6443 --token ${token} --discovery-token-ca-cert-hash sha256:${CA_HASH} \n`
      : `${token}\n`,
    stderr: '',
    exitCode: 0,
  };
}
