/**
 * ValidatePodSpec's DNS parts (pkg/apis/core/validation): `validatePodDNSConfig` (a pod of
 * dnsPolicy None must bring its nameservers; at most 3 of them, valid IPs; at most 32 search
 * domains, 2048 characters in all, each a DNS subdomain; options named) and
 * `ValidateHostAliases` (a valid IP, DNS-subdomain host names).
 */
import type { FieldError } from './errors.ts';
import { isDNS1123Subdomain } from './validation.ts';

const MAX_NAMESERVERS = 3;
const MAX_SEARCH_PATHS = 32;
const MAX_SEARCH_LIST_CHARS = 2048;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** netutils.ParseIPSloppy accepts it (IPv4, leading zeros allowed, or IPv6). */
function isIP(s: string): boolean {
  if (IPV4.test(s.replace(/(^|\.)0+(\d)/g, '$1$2'))) return true;
  return /^[0-9a-fA-F:]*:[0-9a-fA-F:.]*$/.test(s) && s.includes(':') && !/:::/.test(s);
}

/** validation.IsValidIP. */
function validIP(value: unknown, field: string): FieldError[] {
  return typeof value === 'string' && isIP(value)
    ? []
    : [
        {
          field,
          type: 'Invalid value',
          value,
          detail: 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
        },
      ];
}

/** Go's %#v of a []string. */
function goStrings(list: readonly unknown[]): string {
  return `[]string{${list.map((v) => JSON.stringify(String(v))).join(', ')}}`;
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** validatePodDNSConfig and ValidateHostAliases of a pod spec at `field`. */
export function validatePodDns(spec: Record<string, unknown>, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const cfg = spec.dnsConfig as Record<string, unknown> | undefined | null;
  const at = `${field}.dnsConfig`;
  if (spec.dnsPolicy === 'None') {
    if (!cfg)
      return [
        {
          field: at,
          type: 'Required value',
          detail: 'must provide `dnsConfig` when `dnsPolicy` is None',
        },
      ];
    if (arr(cfg.nameservers).length === 0)
      return [
        {
          field: `${at}.nameservers`,
          type: 'Required value',
          detail: 'must provide at least one DNS nameserver when `dnsPolicy` is None',
        },
      ];
  }
  if (cfg) {
    const nameservers = arr(cfg.nameservers);
    if (nameservers.length > MAX_NAMESERVERS)
      errs.push({
        field: `${at}.nameservers`,
        type: 'Invalid value',
        value: nameservers,
        valueText: goStrings(nameservers),
        detail: `must not have more than ${MAX_NAMESERVERS} nameservers`,
      });
    nameservers.forEach((ns, i) => {
      errs.push(...validIP(ns, `${at}.nameservers[${i}]`));
    });
    const searches = arr(cfg.searches);
    if (searches.length > MAX_SEARCH_PATHS)
      errs.push({
        field: `${at}.searches`,
        type: 'Invalid value',
        value: searches,
        valueText: goStrings(searches),
        detail: `must not have more than ${MAX_SEARCH_PATHS} search paths`,
      });
    if (searches.join(' ').length > MAX_SEARCH_LIST_CHARS)
      errs.push({
        field: `${at}.searches`,
        type: 'Invalid value',
        value: searches,
        valueText: goStrings(searches),
        detail: `must not have more than ${MAX_SEARCH_LIST_CHARS} characters (including spaces) in the search list`,
      });
    searches.forEach((s, i) => {
      // A trailing dot is fine.
      const name = String(s).replace(/\.$/, '');
      for (const detail of isDNS1123Subdomain(name))
        errs.push({ field: `${at}.searches[${i}]`, type: 'Invalid value', value: name, detail });
    });
    arr(cfg.options).forEach((op, i) => {
      if (!(op as { name?: unknown } | null)?.name)
        errs.push({
          field: `${at}.options[${i}]`,
          type: 'Required value',
          detail: 'Option.Name must not be empty',
        });
    });
  }
  arr(spec.hostAliases).forEach((a, i) => {
    const alias = (a ?? {}) as { ip?: unknown; hostnames?: unknown };
    errs.push(...validIP(alias.ip ?? '', `${field}.hostAliases[${i}].ip`));
    arr(alias.hostnames).forEach((h, j) => {
      for (const detail of isDNS1123Subdomain(String(h)))
        errs.push({
          field: `${field}.hostAliases[${i}].hostnames[${j}]`,
          type: 'Invalid value',
          value: h,
          detail,
        });
    });
  });
  return errs;
}
