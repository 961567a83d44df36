/**
 * A pod's name resolution as the kubelet sets it up: the resolv.conf it hands the runtime
 * (pkg/kubelet/network/dns: the pod's dnsPolicy, then its dnsConfig merged in) and the
 * HostAliases block it appends to the managed /etc/hosts (hostsEntriesFromHostAliases).
 * Pure data: program.ts reads it for `cat` and for the resolver of wget, nslookup and friends.
 */

/** The cluster DNS Service (kube-dns) a ClusterFirst pod's resolv.conf names. */
export const CLUSTER_DNS_IP = '10.96.0.10';

/**
 * The node's own resolver, what the kubelet's `--resolv-conf` file names: the gateway of the
 * nodes' network (172.18.0.0/16, the node addresses), where the host's DNS answers. A pod of
 * dnsPolicy Default gets it, and so does CoreDNS (its `forward . /etc/resolv.conf`).
 */
export const NODE_RESOLVER_IP = '172.18.0.1';

/** The cluster domain (kubelet `clusterDomain`, kubeadm's default). */
const CLUSTER_DOMAIN = 'cluster.local';

/** One `spec.hostAliases` entry. */
export interface HostAlias {
  ip: string;
  hostnames: readonly string[];
}

/** What the kubelet gives a pod for name resolution. */
export interface PodDns {
  /** resolv.conf's `nameserver` lines, in order (at most 3, as the kubelet keeps). */
  nameservers: readonly string[];
  /** Its `search` line. */
  searches: readonly string[];
  /** Its `options` line (`ndots:5`, `edns0`…). */
  options: readonly string[];
  /** `spec.hostAliases`: the block at the end of /etc/hosts. */
  hostAliases?: readonly HostAlias[];
  /** `<subdomain>.<ns>.svc.cluster.local` when the pod has a subdomain (its /etc/hosts line). */
  hostDomain?: string;
}

/** The pod spec fields that shape its DNS. */
interface DnsSpec {
  dnsPolicy?: string;
  hostNetwork?: boolean;
  subdomain?: string;
  dnsConfig?: {
    nameservers?: readonly string[];
    searches?: readonly string[];
    options?: readonly { name?: string; value?: string }[];
  };
  hostAliases?: readonly { ip?: string; hostnames?: readonly string[] }[];
}

/** A ClusterFirst pod's resolv.conf in `namespace` (the kubelet's defaults, kubeadm's clusterDNS). */
export function clusterFirstDns(namespace: string): PodDns {
  return {
    nameservers: [CLUSTER_DNS_IP],
    searches: [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN],
    options: ['ndots:5'],
  };
}

/** The node's resolv.conf as the kubelet parses it: its nameserver, no search domains, no options. */
function nodeDns(): PodDns {
  return { nameservers: [NODE_RESOLVER_IP], searches: [], options: [] };
}

/** The kubelet's `omitDuplicates`: the first of each, in order. */
function omitDuplicates(list: readonly string[]): string[] {
  return [...new Set(list)];
}

/**
 * The kubelet's `mergeDNSOptions`: the pod's options replace the policy's of the same name.
 * (The kubelet rebuilds the list from a Go map, so its order is not fixed; the policy's come
 * first here, then the pod's new ones, as the docs' example shows them.)
 */
function mergeOptions(
  existing: readonly string[],
  given: readonly { name?: string; value?: string }[],
): string[] {
  const byName = new Map<string, string>();
  for (const op of existing) {
    const i = op.indexOf(':');
    if (i === -1) byName.set(op, '');
    else byName.set(op.slice(0, i), op.slice(i + 1));
  }
  for (const op of given) byName.set(op.name ?? '', op.value ?? '');
  return [...byName].map(([name, value]) => (value ? `${name}:${value}` : name));
}

/**
 * What the kubelet gives the pod: undefined for the common case (ClusterFirst, no dnsConfig, no
 * host aliases, no subdomain), whose resolv.conf is `clusterFirstDns(namespace)`.
 */
export function podDnsOf(spec: DnsSpec | undefined, namespace: string): PodDns | undefined {
  if (!spec) return undefined;
  const policy = spec.dnsPolicy ?? 'ClusterFirst';
  const aliases = (spec.hostAliases ?? []).map((a) => ({
    ip: a.ip ?? '',
    hostnames: a.hostnames ?? [],
  }));
  const plain =
    policy === 'ClusterFirst' &&
    !spec.hostNetwork &&
    !spec.dnsConfig &&
    aliases.length === 0 &&
    !spec.subdomain;
  if (plain) return undefined;
  // getPodDNSType: ClusterFirst on the host's network is the host's DNS (ClusterFirstWithHostNet
  // asks for the cluster's anyway); None starts empty.
  let base: PodDns;
  if (policy === 'None') base = { nameservers: [], searches: [], options: [] };
  else if (policy === 'Default' || (policy === 'ClusterFirst' && spec.hostNetwork))
    base = nodeDns();
  else base = clusterFirstDns(namespace);
  const cfg = spec.dnsConfig;
  const dns: PodDns = cfg
    ? {
        // formDNSNameserversFitsLimits keeps the first three.
        nameservers: omitDuplicates([...base.nameservers, ...(cfg.nameservers ?? [])]).slice(0, 3),
        searches: omitDuplicates([...base.searches, ...(cfg.searches ?? [])]),
        options: mergeOptions(base.options, cfg.options ?? []),
      }
    : base;
  if (aliases.length > 0) dns.hostAliases = aliases;
  if (spec.subdomain) dns.hostDomain = `${spec.subdomain}.${namespace}.svc.${CLUSTER_DOMAIN}`;
  return dns;
}

/** The resolv.conf the runtime writes: `search`, `nameserver` lines, `options`, each when present. */
export function resolvConfText(dns: PodDns): string {
  let out = '';
  if (dns.searches.length > 0) out += `search ${dns.searches.join(' ')}\n`;
  for (const ns of dns.nameservers) out += `nameserver ${ns}\n`;
  if (dns.options.length > 0) out += `options ${dns.options.join(' ')}\n`;
  return out;
}

/** The kubelet's `hostsEntriesFromHostAliases`: a blank line, a comment, one line per IP. */
export function hostAliasesBlock(aliases: readonly HostAlias[] | undefined): string {
  if (!aliases?.length) return '';
  return `\n# Entries added by HostAliases.\n${aliases
    .map((a) => `${a.ip}\t${a.hostnames.join('\t')}\n`)
    .join('')}`;
}

/** The address /etc/hosts gives `host` through a host alias (the resolver reads files first). */
export function aliasAddress(dns: PodDns | undefined, host: string): string | undefined {
  const name = host.toLowerCase();
  return dns?.hostAliases?.find((a) => a.hostnames.some((h) => h.toLowerCase() === name))?.ip;
}

/** The resolver's `ndots` (the C library's default is 1). */
export function ndotsOf(dns: PodDns): number {
  let ndots = 1;
  for (const op of dns.options) {
    const m = /^ndots:(\d+)$/.exec(op);
    if (m) ndots = Math.min(Number(m[1]), 15);
  }
  return ndots;
}

/**
 * Who answers the pod's queries: cluster DNS (kube-dns's cluster IP), the node's resolver
 * (answers names outside the cluster domain only; offline, a real one fails), or nobody (an
 * address where no DNS server listens: every query times out). The first nameserver that
 * answers wins, as the C library tries them in order.
 */
export function dnsServer(dns: PodDns): { ip: string; kind: 'cluster' | 'upstream' | 'none' } {
  for (const ip of dns.nameservers) {
    if (ip === CLUSTER_DNS_IP) return { ip, kind: 'cluster' };
    if (ip === NODE_RESOLVER_IP) return { ip, kind: 'upstream' };
  }
  return { ip: dns.nameservers[0] ?? '127.0.0.1', kind: 'none' };
}
