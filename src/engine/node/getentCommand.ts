/**
 * `getent hosts [KEY…]` in a container: what the C library's resolver finds, as the images that
 * carry getent print it (busybox has no getent applet; Debian, Ubuntu and the images built on
 * them have glibc's, Alpine has musl-utils' port of NetBSD's).
 *
 * A name is looked up as `gethostbyname2(name, AF_INET6)`, then `AF_INET`: /etc/hosts first,
 * then DNS with the pod's resolv.conf (search list, ndots:5). The cluster answers no AAAA
 * query, so a Service's name comes back from the IPv4 lookup under its full name
 * (`web.default.svc.cluster.local`), while `localhost` is /etc/hosts' `::1` line. An address is
 * looked up in reverse (/etc/hosts, then cluster DNS's PTR records).
 *
 * glibc prints every address of the answer, `%-15s %s` and the aliases, and goes on past a key
 * it cannot find (exit 2 at the end); NetBSD's prints the first address, `%-16s  %s`, and stops
 * at the first key it cannot find (exit 2). Without a key glibc lists /etc/hosts as IPv4
 * entries; musl's gethostent lists nothing.
 */

/** One answer: the canonical name, its aliases, its addresses. */
export interface HostEntry {
  name: string;
  aliases: readonly string[];
  addresses: readonly string[];
}

export interface GetentDeps {
  /** The container's /etc/hosts. */
  hostsFile: string;
  /** A DNS A lookup through the search list: the name answered and its addresses; null: none. */
  resolve(name: string): { name: string; addresses: readonly string[] } | null;
  /** The PTR names cluster DNS has for an address. */
  reverse(ip: string): readonly string[];
  /** Alpine's (musl-utils, from NetBSD) rather than glibc's. */
  musl: boolean;
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** The lines of /etc/hosts as entries (comments and blank lines left out). */
function hostsEntries(text: string): HostEntry[] {
  const out: HostEntry[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const [ip = '', name, ...aliases] = line.split(/\s+/);
    if (!name) continue;
    out.push({ name, aliases, addresses: [ip] });
  }
  return out;
}

function isV6(ip: string): boolean {
  return ip.includes(':');
}

/** `gethostbyname2(name, family)`: /etc/hosts, then DNS (the cluster has IPv4 records alone). */
function byName(name: string, v6: boolean, deps: GetentDeps): HostEntry | undefined {
  const wanted = name.toLowerCase();
  const file = hostsEntries(deps.hostsFile).find(
    (e) =>
      isV6(e.addresses[0] ?? '') === v6 &&
      [e.name, ...e.aliases].some((n) => n.toLowerCase() === wanted),
  );
  if (file) return file;
  if (v6) return undefined;
  const r = deps.resolve(name);
  if (!r || r.addresses.length === 0) return undefined;
  return { name: r.name, aliases: [], addresses: r.addresses };
}

/** `gethostbyaddr`: /etc/hosts, then cluster DNS's PTR record. */
function byAddress(ip: string, deps: GetentDeps): HostEntry | undefined {
  const file = hostsEntries(deps.hostsFile).find((e) => e.addresses[0] === ip);
  if (file) return file;
  const [name, ...aliases] = deps.reverse(ip);
  return name ? { name, aliases, addresses: [ip] } : undefined;
}

function lines(e: HostEntry, musl: boolean): string {
  if (musl) {
    const aliases = e.aliases.length > 0 ? `  ${e.aliases.join(' ')}` : '';
    return `${(e.addresses[0] ?? '').padEnd(16)}  ${e.name}${aliases}\n`;
  }
  const tail = e.aliases.map((a) => ` ${a}`).join('');
  return e.addresses.map((ip) => `${ip.padEnd(15)} ${e.name}${tail}\n`).join('');
}

/**
 * `getent DATABASE [KEY…]`: the hosts database; undefined for the others (not simulated).
 */
export function getentStep(
  args: readonly string[],
  deps: GetentDeps,
): { exitCode: number; output: string; error?: string } | undefined {
  const [db, ...keys] = args;
  if (db !== 'hosts' || keys.some((k) => k.startsWith('-'))) return undefined;
  if (keys.length === 0) {
    if (deps.musl) return { exitCode: 0, output: '' };
    // gethostent reads the file as IPv4 entries: `::1` becomes 127.0.0.1, other IPv6 lines are
    // skipped (nss_files' parser).
    const v4 = hostsEntries(deps.hostsFile).flatMap((e) => {
      const ip = e.addresses[0] ?? '';
      if (!isV6(ip)) return [e];
      return ip === '::1' ? [{ ...e, addresses: ['127.0.0.1'] }] : [];
    });
    return { exitCode: 0, output: v4.map((e) => lines(e, false)).join('') };
  }
  let output = '';
  let exitCode = 0;
  for (const key of keys) {
    const entry = IPV4.test(key)
      ? byAddress(key, deps)
      : (byName(key, true, deps) ?? byName(key, false, deps));
    if (!entry) {
      exitCode = 2;
      if (deps.musl) break;
      continue;
    }
    output += lines(entry, deps.musl);
  }
  return { exitCode, output };
}
