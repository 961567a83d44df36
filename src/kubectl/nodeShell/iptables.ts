/**
 * `iptables-save` and `iptables [-t TABLE] -S|-L [CHAIN]` on a node: the tables as kube-proxy
 * 1.32 (iptables mode) and the kubelet leave them, built from that node's kube-proxy rules.
 * nat: KUBE-SERVICES sends each cluster IP:port to its KUBE-SVC- chain (and, last, local
 * addresses to KUBE-NODEPORTS); KUBE-SVC- marks traffic from outside the pod CIDR for
 * masquerade and picks an endpoint with the `--probability` ladder; KUBE-SEP- DNATs to the pod;
 * a NodePort goes through KUBE-EXT-. filter: a port without endpoints is REJECTed.
 * The CNI plugin's own chains are left out. Rules of one chain are sorted by service port
 * (kube-proxy writes them in map order).
 */
import { localEndpoints, type ProxyEndpoint, type ProxyRule } from '../../engine/node/kubeProxy.ts';
import type { RunResult } from '../host.ts';

/** The pod CIDR (kube-proxy's clusterCIDR in the kube-proxy ConfigMap). */
const CLUSTER_CIDR = '10.244.0.0/16';
const MASQ_MARK = '0x4000/0x4000';

type Table = 'mangle' | 'filter' | 'nat';

const BUILTIN: Record<Table, readonly string[]> = {
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
};

/** One match module of a rule: how iptables-save writes it and how `iptables -L` shows it. */
interface Match {
  save: string;
  list: string;
}

interface Rule {
  chain: string;
  src?: string;
  srcNot?: boolean;
  dst?: string;
  proto?: string;
  matches: Match[];
  target: string;
  /** The target's options: as saved and as listed. */
  targetSave?: string;
  targetList?: string;
}

interface TableRules {
  chains: string[];
  rules: Rule[];
}

const comment = (text: string): Match => ({
  save: `-m comment --comment "${text.replace(/["\\]/g, '\\$&')}"`,
  list: `/* ${text} */`,
});
const dport = (proto: string, port: number): Match => ({
  save: `-m ${proto} --dport ${port}`,
  list: `${proto} dpt:${port}`,
});
const localDst: Match = {
  save: '-m addrtype --dst-type LOCAL',
  list: 'ADDRTYPE match dst-type LOCAL',
};
const ctNew: Match = { save: '-m conntrack --ctstate NEW', list: 'ctstate NEW' };
const reject = {
  target: 'REJECT',
  targetSave: '--reject-with icmp-port-unreachable',
  targetList: 'reject-with icmp-port-unreachable',
};

/**
 * `--probability 1/n` as kube-proxy writes it (`%0.10f`), stored by the statistic match as a
 * 31-bit fraction and printed back with 11 decimals (1/3 → 0.33333333349).
 */
export function probability(n: number): string {
  const stored = Math.round(2 ** 31 * Number((1 / n).toFixed(10)));
  return (stored / 2 ** 31).toFixed(11);
}

/** The rules kube-proxy and the kubelet keep in each table, given kube-proxy's service rules. */
function tables(rules: readonly ProxyRule[], node: string): Record<Table, TableRules> {
  const nat: TableRules = {
    chains: ['KUBE-KUBELET-CANARY', 'KUBE-MARK-MASQ', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING'],
    rules: [],
  };
  nat.chains.push('KUBE-PROXY-CANARY', 'KUBE-SERVICES');
  const filter: TableRules = {
    chains: [
      'KUBE-EXTERNAL-SERVICES',
      'KUBE-FIREWALL',
      'KUBE-FORWARD',
      'KUBE-KUBELET-CANARY',
      'KUBE-NODEPORTS',
      'KUBE-PROXY-CANARY',
      'KUBE-PROXY-FIREWALL',
      'KUBE-SERVICES',
    ],
    rules: [],
  };
  const mangle: TableRules = {
    chains: ['KUBE-IPTABLES-HINT', 'KUBE-KUBELET-CANARY', 'KUBE-PROXY-CANARY'],
    rules: [],
  };

  // filter: the jumps kube-proxy inserts at the top of the built-in chains, then the kubelet's.
  const jump = (chain: string, to: string, text: string, state: boolean): Rule => ({
    chain,
    matches: state ? [ctNew, comment(text)] : [comment(text)],
    target: to,
  });
  const lbFirewall = 'kubernetes load balancer firewall';
  const external = 'kubernetes externally-visible service portals';
  filter.rules.push(
    jump('INPUT', 'KUBE-PROXY-FIREWALL', lbFirewall, true),
    jump('INPUT', 'KUBE-NODEPORTS', 'kubernetes health check service ports', false),
    jump('INPUT', 'KUBE-EXTERNAL-SERVICES', external, true),
    { chain: 'INPUT', matches: [], target: 'KUBE-FIREWALL' },
    jump('FORWARD', 'KUBE-PROXY-FIREWALL', lbFirewall, true),
    jump('FORWARD', 'KUBE-FORWARD', 'kubernetes forwarding rules', false),
    jump('FORWARD', 'KUBE-SERVICES', 'kubernetes service portals', true),
    jump('FORWARD', 'KUBE-EXTERNAL-SERVICES', external, true),
    jump('OUTPUT', 'KUBE-PROXY-FIREWALL', lbFirewall, true),
    jump('OUTPUT', 'KUBE-SERVICES', 'kubernetes service portals', true),
    { chain: 'OUTPUT', matches: [], target: 'KUBE-FIREWALL' },
  );
  const filterServices: Rule[] = [];
  const filterExternal: Rule[] = [];
  const natServices: Rule[] = [];
  const nodePorts: Rule[] = [];
  const serviceChains: Rule[] = [];
  const endpointChains: Rule[] = [];
  const healthChecks: Rule[] = [];
  for (const r of rules) {
    const proto = r.protocol.toLowerCase();
    const dst = `${r.clusterIP}/32`;
    if (r.endpoints.length === 0) {
      filterServices.push({
        chain: 'KUBE-SERVICES',
        dst,
        proto,
        matches: [comment(`${r.name} has no endpoints`), dport(proto, r.port)],
        ...reject,
      });
      if (r.nodePort) {
        filterExternal.push({
          chain: 'KUBE-EXTERNAL-SERVICES',
          proto,
          matches: [comment(`${r.name} has no endpoints`), localDst, dport(proto, r.nodePort)],
          ...reject,
        });
      }
      continue;
    }
    const clusterIP = [comment(`${r.name} cluster IP`), dport(proto, r.port)];
    // A Local traffic policy: this node's endpoints (maybe serving terminating ones that
    // cluster traffic does not use), in the local policy chain KUBE-SVL-.
    const local = r.externalLocal || r.internalLocal ? localEndpoints(r, node) : [];
    const svl = r.chain.replace('KUBE-SVC-', 'KUBE-SVL-');
    // The cluster policy chain serves cluster IP traffic (internalTrafficPolicy Cluster) and a
    // NodePort's traffic (even with externalTrafficPolicy Local, pods' traffic to a node port
    // is short-circuited to it): UsesClusterEndpoints.
    const usesCluster = !r.internalLocal || r.nodePort !== undefined;
    const internalChain = r.internalLocal ? svl : r.chain;
    if (r.internalLocal && local.length === 0) {
      // internalTrafficPolicy Local with no endpoint here (but some elsewhere): dropped.
      filterServices.push({
        chain: 'KUBE-SERVICES',
        dst,
        proto,
        matches: [comment(`${r.name} has no local endpoints`), dport(proto, r.port)],
        target: 'DROP',
      });
    } else {
      natServices.push({
        chain: 'KUBE-SERVICES',
        dst,
        proto,
        matches: clusterIP,
        target: internalChain,
      });
      nat.chains.push(internalChain);
      serviceChains.push({
        chain: internalChain,
        src: CLUSTER_CIDR,
        srcNot: true,
        dst,
        proto,
        matches: clusterIP,
        target: 'KUBE-MARK-MASQ',
      });
    }
    // sessionAffinity ClientIP: a client seen within the timeout goes back to its endpoint.
    const affinity = r.affinitySeconds;
    /** writeServiceToEndpointRules: the affinity checks, then the probability ladder. */
    const ladder = (chain: string, endpoints: readonly ProxyEndpoint[]) => {
      if (affinity !== undefined) {
        for (const e of endpoints) {
          serviceChains.push({
            chain,
            matches: [
              comment(`${r.name} -> ${e.ip}:${e.port}`),
              {
                save: `-m recent --rcheck --seconds ${affinity} --reap --name ${e.chain} --mask 255.255.255.255 --rsource`,
                list: `recent: CHECK seconds: ${affinity} reap name: ${e.chain} side: source mask: 255.255.255.255`,
              },
            ],
            target: e.chain,
          });
        }
      }
      const n = endpoints.length;
      endpoints.forEach((e, i) => {
        const matches = [comment(`${r.name} -> ${e.ip}:${e.port}`)];
        if (i < n - 1) {
          const p = probability(n - i);
          matches.push({
            save: `-m statistic --mode random --probability ${p}`,
            list: `statistic mode random probability ${p}`,
          });
        }
        serviceChains.push({ chain, matches, target: e.chain });
      });
    };
    if (usesCluster) {
      nat.chains.push(r.chain);
      ladder(r.chain, r.endpoints);
    }
    if (local.length > 0) {
      nat.chains.push(svl);
      ladder(svl, local);
    }
    // Every endpoint the node's chains use has its KUBE-SEP- chain.
    const cluster = usesCluster ? r.endpoints : [];
    const reachable = [...cluster, ...local.filter((e) => !cluster.includes(e))];
    for (const e of reachable) {
      const to = `${e.ip}:${e.port}`;
      nat.chains.push(e.chain);
      endpointChains.push(
        {
          chain: e.chain,
          src: `${e.ip}/32`,
          matches: [comment(r.name)],
          target: 'KUBE-MARK-MASQ',
        },
        {
          chain: e.chain,
          proto,
          matches: [
            comment(r.name),
            ...(affinity === undefined
              ? []
              : [
                  {
                    save: `-m recent --set --name ${e.chain} --mask 255.255.255.255 --rsource`,
                    list: `recent: SET name: ${e.chain} side: source mask: 255.255.255.255`,
                  },
                ]),
            { save: `-m ${proto}`, list: proto },
          ],
          target: 'DNAT',
          targetSave: `--to-destination ${to}`,
          targetList: `to:${to}`,
        },
      );
    }
    if (r.nodePort) {
      nodePorts.push({
        chain: 'KUBE-NODEPORTS',
        proto,
        matches: [comment(r.name), dport(proto, r.nodePort)],
        target: r.externalChain,
      });
      nat.chains.push(r.externalChain);
      const ext = r.externalChain;
      if (!r.externalLocal) {
        serviceChains.push(
          {
            chain: ext,
            matches: [comment(`masquerade traffic for ${r.name} external destinations`)],
            target: 'KUBE-MARK-MASQ',
          },
          { chain: ext, matches: [], target: r.chain },
        );
      } else {
        // externalTrafficPolicy Local: outside traffic goes to this node's endpoints alone
        // (KUBE-SVL-), keeping the client's address; pods and the node itself use them all.
        const localSrc: Match = {
          save: '-m addrtype --src-type LOCAL',
          list: 'ADDRTYPE match src-type LOCAL',
        };
        serviceChains.push(
          {
            chain: ext,
            src: CLUSTER_CIDR,
            matches: [comment(`pod traffic for ${r.name} external destinations`)],
            target: r.chain,
          },
          {
            chain: ext,
            matches: [
              comment(`masquerade LOCAL traffic for ${r.name} external destinations`),
              localSrc,
            ],
            target: 'KUBE-MARK-MASQ',
          },
          {
            chain: ext,
            matches: [comment(`route LOCAL traffic for ${r.name} external destinations`), localSrc],
            target: r.chain,
          },
        );
        if (local.length > 0) {
          serviceChains.push({ chain: ext, matches: [], target: svl });
        } else {
          filterExternal.push({
            chain: 'KUBE-EXTERNAL-SERVICES',
            proto,
            matches: [
              comment(`${r.name} has no local endpoints`),
              localDst,
              dport(proto, r.nodePort),
            ],
            target: 'DROP',
          });
        }
      }
    }
    if (r.healthCheckNodePort) {
      healthChecks.push({
        chain: 'KUBE-NODEPORTS',
        proto: 'tcp',
        matches: [comment(`${r.name} health check node port`), dport('tcp', r.healthCheckNodePort)],
        target: 'ACCEPT',
      });
    }
  }
  filter.rules.push(
    ...filterExternal,
    ...healthChecks,
    {
      chain: 'KUBE-FIREWALL',
      src: '127.0.0.0/8',
      srcNot: true,
      dst: '127.0.0.0/8',
      matches: [
        comment('block incoming localnet connections'),
        {
          save: '-m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT',
          list: '! ctstate RELATED,ESTABLISHED,DNAT',
        },
      ],
      target: 'DROP',
    },
    {
      chain: 'KUBE-FORWARD',
      matches: [
        { save: '-m conntrack --ctstate INVALID', list: 'ctstate INVALID' },
        {
          save: '-m nfacct --nfacct-name  ct_state_invalid_dropped_pkts',
          list: 'nfacct-name  ct_state_invalid_dropped_pkts',
        },
      ],
      target: 'DROP',
    },
    {
      chain: 'KUBE-FORWARD',
      matches: [
        comment('kubernetes forwarding rules'),
        { save: `-m mark --mark ${MASQ_MARK}`, list: `mark match ${MASQ_MARK}` },
      ],
      target: 'ACCEPT',
    },
    {
      chain: 'KUBE-FORWARD',
      matches: [
        comment('kubernetes forwarding conntrack rule'),
        {
          save: '-m conntrack --ctstate RELATED,ESTABLISHED',
          list: 'ctstate RELATED,ESTABLISHED',
        },
      ],
      target: 'ACCEPT',
    },
    ...filterServices,
  );

  const portals = comment('kubernetes service portals');
  nat.rules.push(
    { chain: 'PREROUTING', matches: [portals], target: 'KUBE-SERVICES' },
    { chain: 'OUTPUT', matches: [portals], target: 'KUBE-SERVICES' },
    {
      chain: 'POSTROUTING',
      matches: [comment('kubernetes postrouting rules')],
      target: 'KUBE-POSTROUTING',
    },
    {
      chain: 'KUBE-MARK-MASQ',
      matches: [],
      target: 'MARK',
      targetSave: `--set-xmark ${MASQ_MARK}`,
      targetList: 'MARK or 0x4000',
    },
    ...nodePorts,
    {
      chain: 'KUBE-POSTROUTING',
      matches: [{ save: `-m mark ! --mark ${MASQ_MARK}`, list: `mark match ! ${MASQ_MARK}` }],
      target: 'RETURN',
    },
    {
      chain: 'KUBE-POSTROUTING',
      matches: [],
      target: 'MARK',
      targetSave: '--set-xmark 0x4000/0x0',
      targetList: 'MARK xor 0x4000',
    },
    {
      chain: 'KUBE-POSTROUTING',
      matches: [comment('kubernetes service traffic requiring SNAT')],
      target: 'MASQUERADE',
      targetSave: '--random-fully',
      targetList: 'random-fully',
    },
    ...endpointChains,
    ...natServices,
    {
      chain: 'KUBE-SERVICES',
      matches: [
        comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain'),
        localDst,
      ],
      target: 'KUBE-NODEPORTS',
    },
    ...serviceChains,
  );
  for (const t of [nat, filter, mangle]) t.chains = [...new Set(t.chains)].sort();
  return { mangle, filter, nat };
}

/** The rules of `t` in iptables-save's order: built-in chains first, then the others by name. */
function ordered(table: Table, t: TableRules): Rule[] {
  const order = [...BUILTIN[table], ...t.chains];
  const out: Rule[] = [];
  for (const chain of order) for (const r of t.rules) if (r.chain === chain) out.push(r);
  return out;
}

function saveRule(r: Rule): string {
  const parts = [`-A ${r.chain}`];
  if (r.src) parts.push(`${r.srcNot ? '! ' : ''}-s ${r.src}`);
  if (r.dst) parts.push(`-d ${r.dst}`);
  if (r.proto) parts.push(`-p ${r.proto}`);
  for (const m of r.matches) parts.push(m.save);
  parts.push(`-j ${r.target}`);
  if (r.targetSave) parts.push(r.targetSave);
  return parts.join(' ');
}

/** glibc's asctime in UTC, as iptables-save stamps its output: `Tue Jan  6 00:03:55 2026`. */
function ctime(epochMs: number): string {
  const d = new Date(epochMs);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${time} ${d.getUTCFullYear()}`;
}

const VERSION = 'iptables-save v1.8.10 (nf_tables)';

function save(table: Table, t: TableRules, epochMs: number): string {
  const when = ctime(epochMs);
  const lines = [`# Generated by ${VERSION} on ${when}`, `*${table}`];
  for (const c of BUILTIN[table]) lines.push(`:${c} ACCEPT [0:0]`);
  for (const c of t.chains) lines.push(`:${c} - [0:0]`);
  for (const r of ordered(table, t)) lines.push(saveRule(r));
  lines.push('COMMIT', `# Completed on ${when}`);
  return `${lines.join('\n')}\n`;
}

/** `iptables -L`'s address column: numeric with -n, else `anywhere` for 0.0.0.0/0. */
function address(a: string | undefined, numeric: boolean): string {
  if (!a) return numeric ? '0.0.0.0/0' : 'anywhere';
  return a.endsWith('/32') ? a.slice(0, -3) : a;
}

/** Port names from /etc/services that `iptables -L` (without -n) shows for ports. */
const SERVICE_NAMES: Readonly<Record<string, string>> = {
  '53': 'domain',
  '80': 'http',
  '443': 'https',
};

function listRule(r: Rule, numeric: boolean): string {
  const src = `${r.srcNot ? '!' : ' '}${address(r.src, numeric).padEnd(19)}`;
  const dst = ` ${address(r.dst, numeric).padEnd(19)}`;
  const texts = r.matches.map((m) =>
    numeric
      ? m.list
      : m.list.replace(/dpt:(\d+)$/, (s, p: string) => `dpt:${SERVICE_NAMES[p] ?? p}`),
  );
  if (r.targetList) texts.push(r.targetList);
  const tail = texts.map((t) => ` ${t}`).join('');
  return `${r.target.padEnd(9)}  ${(r.proto ?? 'all').padEnd(5)}-- ${src} ${dst} ${tail}`;
}

function list(table: Table, t: TableRules, chains: readonly string[], numeric: boolean): string {
  const rules = ordered(table, t);
  const blocks = chains.map((chain) => {
    const head = BUILTIN[table].includes(chain)
      ? `Chain ${chain} (policy ACCEPT)`
      : `Chain ${chain} (${rules.filter((r) => r.target === chain).length} references)`;
    const lines = [
      head,
      `${'target'.padEnd(9)}  prot opt ${'source'.padEnd(19)}  destination         `,
    ];
    for (const r of rules) if (r.chain === chain) lines.push(listRule(r, numeric));
    return lines.join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}

function spec(table: Table, t: TableRules, chains: readonly string[]): string {
  const rules = ordered(table, t);
  const lines: string[] = [];
  for (const chain of chains) {
    lines.push(BUILTIN[table].includes(chain) ? `-P ${chain} ACCEPT` : `-N ${chain}`);
  }
  for (const r of rules) if (chains.includes(r.chain)) lines.push(saveRule(r));
  return `${lines.join('\n')}\n`;
}

const ok = (stdout: string): RunResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode: number): RunResult => ({ stdout: '', stderr, exitCode });

function tableOf(name: string): Table | undefined {
  return name === 'nat' || name === 'filter' || name === 'mangle' ? name : undefined;
}

/**
 * `iptables-save [-t TABLE]` (`program` iptables-save) or `iptables [-t TABLE] -S|-L [CHAIN]
 * [-n] [-v]` on a node whose kube-proxy keeps `rules`.
 */
export function iptables(
  program: 'iptables' | 'iptables-save',
  args: readonly string[],
  rules: readonly ProxyRule[],
  epochMs: number,
  node = '',
): RunResult {
  const all = tables(rules, node);
  let table: string | undefined;
  let action: 'S' | 'L' | undefined;
  let chain: string | undefined;
  let numeric = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-t' || a === '--table') table = args[++i] ?? '';
    else if (a.startsWith('--table=')) table = a.slice('--table='.length);
    else if (a.startsWith('-t') && a.length > 2) table = a.slice(2);
    else if (program === 'iptables' && /^-[SLnvx]+$/.test(a)) {
      if (a.includes('n')) numeric = true;
      if (a.includes('S')) action = 'S';
      if (a.includes('L')) action = 'L';
      if ((a.includes('S') || a.includes('L')) && args[i + 1] && !args[i + 1]?.startsWith('-')) {
        chain = args[++i];
      }
    } else if (program === 'iptables' && (a === '--list' || a === '--list-rules')) {
      action = a === '--list' ? 'L' : 'S';
      if (args[i + 1] && !args[i + 1]?.startsWith('-')) chain = args[++i];
    } else if (program === 'iptables' && a === '--numeric') numeric = true;
    else if (program === 'iptables-save' && (a === '-c' || a === '--counters')) {
      // The counters are all zero here.
    } else {
      return fail(
        `${program} v1.8.10 (nf_tables): unknown option "${a}"\nTry \`${program} -h' or '${program} --help' for more information.\n`,
        2,
      );
    }
  }
  if (table !== undefined && !tableOf(table)) {
    return fail(
      `${program} v1.8.10 (nf_tables): can't initialize iptables table \`${table}': Table does not exist (do you need to insmod?)\nPerhaps iptables or your kernel needs to be upgraded.\n`,
      program === 'iptables' ? 3 : 1,
    );
  }
  if (program === 'iptables-save') {
    const which: Table[] = table ? [table as Table] : ['mangle', 'filter', 'nat'];
    return ok(which.map((t) => save(t, all[t], epochMs)).join(''));
  }
  const name: Table = (table as Table | undefined) ?? 'filter';
  const t = all[name];
  if (!action) {
    return fail(
      "iptables v1.8.10 (nf_tables): no command specified\nTry `iptables -h' or 'iptables --help' for more information.\n",
      2,
    );
  }
  const known = [...BUILTIN[name], ...t.chains];
  if (chain !== undefined && !known.includes(chain)) {
    return fail(`iptables: No chain/target/match by that name.\n`, 1);
  }
  const chains = chain !== undefined ? [chain] : known;
  return ok(action === 'S' ? spec(name, t, chains) : list(name, t, chains, numeric));
}
