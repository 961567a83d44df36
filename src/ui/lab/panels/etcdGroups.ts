/**
 * The etcd panel's grouping: keys by resource prefix (`/registry/pods`, `/registry/minions`
 * …), each key split into namespace and name, with the keys the latest step wrote flagged.
 */
import { RESOURCES } from '../../../engine/apiserver/resources.ts';

export interface EtcdKeyRow {
  key: string;
  /** Namespaced resources only. */
  namespace?: string;
  name: string;
  modRevision: number;
  /** Written by the latest step. */
  changed: boolean;
}

export interface EtcdGroup {
  /** `/registry/minions` */
  prefix: string;
  /** The kind stored there (`Node`), when the prefix is one the API server uses. */
  kind?: string;
  keys: EtcdKeyRow[];
  /** How many of `keys` the latest step wrote. */
  changed: number;
}

// Longest prefixes first, so `/registry/services/specs` wins over a bare `/registry/services`.
const KNOWN = Object.values(RESOURCES)
  .map((r) => ({ prefix: r.etcdPrefix, kind: r.kind, namespaced: r.namespaced }))
  .sort((a, b) => b.prefix.length - a.prefix.length);

/** Group keys by resource prefix, groups in prefix order, keys in the order given. */
export function groupEtcdKeys(
  keys: readonly { key: string; modRevision: number }[],
  changed: ReadonlySet<string>,
): EtcdGroup[] {
  const groups = new Map<string, EtcdGroup>();
  for (const { key, modRevision } of keys) {
    const known = KNOWN.find((k) => key.startsWith(`${k.prefix}/`));
    let prefix: string;
    let rest: string[];
    if (known) {
      prefix = known.prefix;
      rest = key.slice(prefix.length + 1).split('/');
    } else {
      // Not a resource the API server knows: group by the first segment after /registry/.
      const parts = key.split('/');
      prefix = parts.slice(0, 3).join('/');
      rest = parts.slice(3);
    }
    const namespaced = known ? known.namespaced && rest.length > 1 : false;
    const row: EtcdKeyRow = {
      key,
      name: namespaced ? rest.slice(1).join('/') : rest.join('/'),
      modRevision,
      changed: changed.has(key),
    };
    if (namespaced) row.namespace = rest[0];
    let group = groups.get(prefix);
    if (!group) {
      group = { prefix, keys: [], changed: 0 };
      if (known) group.kind = known.kind;
      groups.set(prefix, group);
    }
    group.keys.push(row);
    if (row.changed) group.changed++;
  }
  return [...groups.values()].sort((a, b) =>
    a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0,
  );
}
