/**
 * A DaemonSet's revision history (pkg/controller/daemon/update.go): ControllerRevisions named
 * `<ds>-<hash>`, each holding the strategic-merge patch that restores one pod template
 * (`getPatch`), numbered 1, 2, 3… as the template changes. `constructHistory` finds the current
 * revision (or makes it), dedups revisions of the same template and renumbers a revision the
 * DaemonSet returns to; `cleanupHistory` keeps `revisionHistoryLimit` old ones that no live pod
 * still carries.
 *
 * The revision's hash is `controller.ComputeHash(&ds.Spec.Template, collisionCount)`, computed
 * with the project's stand-in for Go's DeepHashObject (see podTemplateHash.ts): real shape and
 * stability, not the real values. A revision the bootstrap seeds keeps the hash it was made with.
 *
 * The revisions given here are the ones the DaemonSet claims (ClaimControllerRevisions, in
 * daemonSetClaims.ts: orphans that match its selector adopted, owned ones that stop matching
 * released). Not simulated: adding the hash label to a revision that lacks it.
 */
import type { KubeObject } from '../api/types.ts';
import type { Cache, Write } from '../runtime/controller.ts';
import {
  canonicalJson,
  clone,
  controllerOf,
  controllerRef,
  nameOf,
  namespaceOf,
  specOf,
  statusOf,
  uidOf,
} from './objects.ts';
import { computePodTemplateHash } from './podTemplateHash.ts';

/** `apps.DefaultDaemonSetUniqueLabelKey` (= `ControllerRevisionHashLabelKey`). */
export const REVISION_HASH_LABEL = 'controller-revision-hash';

/** `revisionHistoryLimit` when the spec has none (the API server defaults it to 10). */
const DEFAULT_HISTORY_LIMIT = 10;

/** A JSON value with object keys in Go's `json.Marshal` order for maps (sorted bytewise). */
function sortedKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(sortedKeys);
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj).sort()) {
    if (obj[k] !== undefined) out[k] = sortedKeys(obj[k]);
  }
  return out;
}

/**
 * `getPatch`: the DaemonSet's `spec.template` under `{"spec":{"template":…}}` with
 * `"$patch":"replace"`, so that applied as a strategic merge patch it restores the template
 * whole. Keys are sorted at every level, as Go marshals the map it builds.
 */
export function daemonSetPatch(ds: KubeObject): Record<string, unknown> {
  const template = (specOf<{ template?: Record<string, unknown> }>(ds).template ?? {}) as Record<
    string,
    unknown
  >;
  return { spec: { template: sortedKeys({ ...clone(template), $patch: 'replace' }) } };
}

/** `Match`: the revision holds exactly the patch of the DaemonSet's current template. */
export function revisionMatches(ds: KubeObject, revision: KubeObject): boolean {
  return canonicalJson(daemonSetPatch(ds)) === canonicalJson(revision.data);
}

/** The revision number of a ControllerRevision (0 when missing). */
export function revisionNumber(revision: KubeObject): number {
  return typeof revision.revision === 'number' ? revision.revision : 0;
}

/** The pod template a revision's patch restores (`$patch` removed). */
export function revisionTemplate(revision: KubeObject): Record<string, unknown> | undefined {
  const data = revision.data as { spec?: { template?: Record<string, unknown> } } | undefined;
  const template = data?.spec?.template;
  if (!template || typeof template !== 'object') return undefined;
  const { $patch: _, ...rest } = template;
  return clone(rest);
}

/** `snapshot`'s revision object: `<ds>-<hash>` with the template's labels plus the hash. */
export function newRevision(ds: KubeObject, hash: string, revision: number): KubeObject {
  const template = specOf<{ template?: { metadata?: { labels?: Record<string, string> } } }>(
    ds,
  ).template;
  const annotations = ds.metadata?.annotations;
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${nameOf(ds)}-${hash}`,
      namespace: namespaceOf(ds),
      labels: { ...template?.metadata?.labels, [REVISION_HASH_LABEL]: hash },
      ...(annotations ? { annotations: { ...annotations } } : {}),
      ownerReferences: [controllerRef('daemonsets', ds)],
    },
    data: daemonSetPatch(ds),
    revision,
  };
}

/** What `constructHistory` decided for one sync. */
export interface History {
  /** The current revision's hash; undefined when the sync must stop (a hash collision). */
  hash?: string;
  /** The other revisions (not the current template), for `cleanupHistory`. */
  old: KubeObject[];
  /** Creates, updates, deletes of revisions, pod relabels, a collisionCount bump. */
  writes: Write[];
}

/**
 * Revision writes sent but not yet seen in the informer cache, so a sync in between neither
 * creates a revision twice nor renumbers it twice (the real controller gets AlreadyExists and
 * reads the revision back). Entries the cache has caught up with, or older than `ttl`, go.
 */
export class PendingRevisions {
  readonly #written = new Map<string, { obj: KubeObject; at: number }>();
  readonly #deleted = new Map<string, number>();
  constructor(private readonly ttl: number) {}

  clear(): void {
    this.#written.clear();
    this.#deleted.clear();
  }

  wrote(obj: KubeObject, now: number): void {
    const key = `${namespaceOf(obj)}/${nameOf(obj)}`;
    this.#written.set(key, { obj, at: now });
    this.#deleted.delete(key);
  }

  deleted(ns: string, name: string, now: number): void {
    this.#deleted.set(`${ns}/${name}`, now);
    this.#written.delete(`${ns}/${name}`);
  }

  /** The DaemonSet's revisions as the cache shows them, with what was written since. */
  view(ds: KubeObject, cache: Cache, now: number): KubeObject[] {
    const ns = namespaceOf(ds);
    const uid = uidOf(ds);
    const inCache = (
      cache.owned?.('controllerrevisions', uid) ?? cache.list('controllerrevisions', ns)
    ).filter((r) => controllerOf(r)?.uid === uid);
    const byName = new Map(inCache.map((r) => [nameOf(r), r]));
    for (const [key, at] of this.#deleted) {
      const name = key.slice(key.indexOf('/') + 1);
      if (!key.startsWith(`${ns}/`)) continue;
      if (!cache.get('controllerrevisions', ns, name) || now - at > this.ttl) {
        this.#deleted.delete(key);
      } else byName.delete(name);
    }
    for (const [key, { obj, at }] of this.#written) {
      if (namespaceOf(obj) !== ns || controllerOf(obj)?.uid !== uid) continue;
      const cached = cache.get('controllerrevisions', ns, nameOf(obj));
      if (
        now - at > this.ttl ||
        (cached &&
          revisionNumber(cached) === revisionNumber(obj) &&
          controllerOf(cached)?.uid === uid)
      ) {
        this.#written.delete(key);
      } else byName.set(nameOf(obj), obj);
    }
    return [...byName.values()].sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : 1));
  }
}

/**
 * `constructHistory`: split the DaemonSet's revisions into those matching its template and the
 * rest; with none matching, create `<ds>-<hash>` numbered one past the highest old revision
 * (`snapshot`), else keep the highest-numbered match, relabel pods to its hash, delete the
 * other matches (`dedupCurHistories`) and renumber it if an old revision is newer.
 */
export function constructHistory(
  ds: KubeObject,
  revisions: readonly KubeObject[],
  pods: readonly KubeObject[],
  cache: Cache,
): History {
  const current: KubeObject[] = [];
  const old: KubeObject[] = [];
  for (const r of revisions) (revisionMatches(ds, r) ? current : old).push(r);
  const next = Math.max(0, ...old.map(revisionNumber)) + 1;
  const ns = namespaceOf(ds);
  const writes: Write[] = [];
  if (current.length === 0) {
    const collisionCount = statusOf<{ collisionCount?: number }>(ds).collisionCount;
    const hash = computePodTemplateHash(
      specOf<{ template?: unknown }>(ds).template,
      collisionCount,
    );
    const name = `${nameOf(ds)}-${hash}`;
    const taken = cache.get('controllerrevisions', ns, name);
    if (taken) {
      // The name is in use: by this very template (another owner's revision, say), or a
      // hash collision, which bumps status.collisionCount and ends the sync.
      if (revisionMatches(ds, taken)) {
        return { hash: taken.metadata?.labels?.[REVISION_HASH_LABEL] ?? hash, old, writes };
      }
      const status = { ...statusOf(ds), collisionCount: (collisionCount ?? 0) + 1 };
      writes.push({
        verb: 'updateStatus',
        resource: 'daemonsets',
        namespace: ns,
        obj: { ...ds, status },
      });
      return { old, writes };
    }
    writes.push({
      verb: 'create',
      resource: 'controllerrevisions',
      namespace: ns,
      obj: newRevision(ds, hash, next),
    });
    return { hash, old, writes };
  }
  let keep = current[0] as KubeObject;
  for (const r of current) if (revisionNumber(r) >= revisionNumber(keep)) keep = r;
  const hash = keep.metadata?.labels?.[REVISION_HASH_LABEL] ?? '';
  if (current.length > 1) {
    for (const p of pods) {
      if (p.metadata?.labels?.[REVISION_HASH_LABEL] === hash) continue;
      writes.push({
        verb: 'patch',
        resource: 'pods',
        namespace: ns,
        name: nameOf(p),
        patch: { metadata: { labels: { [REVISION_HASH_LABEL]: hash } } },
      });
    }
    for (const r of current) {
      if (r === keep) continue;
      writes.push({
        verb: 'delete',
        resource: 'controllerrevisions',
        namespace: ns,
        name: nameOf(r),
      });
    }
  }
  if (revisionNumber(keep) < next) {
    const { resourceVersion: _, ...metadata } = keep.metadata ?? {};
    const updated: KubeObject = { ...clone(keep), metadata: clone(metadata), revision: next };
    writes.push({ verb: 'update', resource: 'controllerrevisions', namespace: ns, obj: updated });
  }
  return { hash, old, writes };
}

/**
 * `cleanupHistory`: with more old revisions than `revisionHistoryLimit`, delete the oldest
 * (lowest revision first) whose hash no pod of the DaemonSet still carries.
 */
export function cleanupHistory(
  ds: KubeObject,
  old: readonly KubeObject[],
  pods: readonly KubeObject[],
): Write[] {
  const limit = specOf<{ revisionHistoryLimit?: number }>(ds).revisionHistoryLimit;
  let toKill = old.length - (limit ?? DEFAULT_HISTORY_LIMIT);
  if (toKill <= 0) return [];
  const live = new Set<string>();
  for (const p of pods) {
    const hash = p.metadata?.labels?.[REVISION_HASH_LABEL];
    if (hash) live.add(hash);
  }
  const writes: Write[] = [];
  // sort.Sort is not stable; revisions of one DaemonSet have distinct numbers anyway.
  for (const r of [...old].sort((a, b) => revisionNumber(a) - revisionNumber(b))) {
    if (toKill <= 0) break;
    if (live.has(r.metadata?.labels?.[REVISION_HASH_LABEL] ?? '')) continue;
    writes.push({
      verb: 'delete',
      resource: 'controllerrevisions',
      namespace: namespaceOf(ds),
      name: nameOf(r),
    });
    toKill--;
  }
  return writes;
}
