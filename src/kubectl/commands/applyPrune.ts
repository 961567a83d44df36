/**
 * `kubectl apply --prune` (the legacy pruner of apply/prune.go, not ApplySets): after every
 * object of the files applied cleanly, each object of the allow-listed kinds that carries a
 * last-applied-configuration annotation, matches `-l` and was not among those applied is
 * deleted and printed `kind/name pruned`. Namespaced kinds are looked for in the namespaces the
 * applied objects went to; cluster-scoped ones (Namespace, PersistentVolume) everywhere.
 */
import type { KubeObject, ResourceName } from '../../engine/api/types.ts';
import { matchesLabels, parseLabelSelector } from '../../engine/apiserver/selectors.ts';
import type { Ctx } from '../context.ts';
import { type DryRun, type OutputFormat, printObject } from '../output.ts';
import { type ResourceType, typeByKind, typeByResource } from '../resources.ts';
import type { ManifestObject } from './common.ts';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * prune.go's defaults (kubectl/pkg/util/prune): the namespaced kinds, then Namespace and
 * PersistentVolume. ReplicationControllers are on the list too; this cluster never holds any.
 */
const DEFAULT_PRUNE: readonly ResourceName[] = [
  'configmaps',
  'endpoints',
  'persistentvolumeclaims',
  'pods',
  'secrets',
  'services',
  'jobs',
  'cronjobs',
  'ingresses',
  'daemonsets',
  'deployments',
  'replicasets',
  'statefulsets',
  'namespaces',
  'persistentvolumes',
];

/** apply.go Validate, the checks about pruning (after --force-conflicts and --dry-run=client). */
export function validatePrune(ctx: Ctx, serverSide: boolean): void {
  const all = ctx.bool('all');
  const selector = ctx.str('selector');
  if (all && selector !== '') ctx.fail('cannot set --all and --selector at the same time');
  if (!ctx.bool('prune')) return;
  if (!all && selector === '') {
    ctx.fail(
      'all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector',
    );
  }
  if (serverSide) {
    ctx.fail(
      "--prune is in alpha and doesn't currently work on objects created by server-side apply",
    );
  }
}

/**
 * prune.ParseResources of `--prune-allowlist` (Complete, before anything is applied): each entry
 * `group/version/kind`, `core` for the core group. Undefined when the flag was not given.
 */
export function pruneAllowlist(ctx: Ctx): ResourceType[] | undefined {
  const entries = ctx.list('prune-allowlist').flatMap((e) => e.split(','));
  if (!ctx.bool('prune') || entries.length === 0) return undefined;
  return entries.map((entry) => {
    const gvk = entry.split('/');
    if (gvk.length !== 3) {
      ctx.fail(`invalid GroupVersionKind format: ${entry}, please follow <group/version/kind>`);
    }
    const [g, version, kind] = gvk as [string, string, string];
    const group = g === 'core' ? '' : g;
    const apiVersion = group === '' ? version : `${group}/${version}`;
    const type = typeByKind(apiVersion, kind);
    if (!type) ctx.fail(`no matches for kind ${JSON.stringify(kind)} in version "${apiVersion}"`);
    return type;
  });
}

/**
 * The builder's label filter on objects read from files: with `-l`, apply sees only the
 * documents whose labels match (and none left is "no objects passed to apply").
 */
export function filterBySelector<T extends ManifestObject>(ctx: Ctx, objs: T[]): T[] {
  const selector = ctx.str('selector');
  if (selector === '') return objs;
  let reqs: ReturnType<typeof parseLabelSelector>;
  try {
    reqs = parseLabelSelector(selector);
  } catch (e) {
    ctx.fail(
      `the provided selector ${JSON.stringify(selector)} is not valid: ${(e as Error).message}`,
    );
  }
  return objs.filter((m) => matchesLabels(reqs, m.obj.metadata?.labels));
}

/** What apply applied: the namespace each went to, for the pruner's visited sets. */
export interface Applied {
  type: ResourceType;
  namespace: string | undefined;
  name: string;
}

/**
 * pruner.pruneAll's choice: the objects of the allow-listed kinds (prune.go's defaults, with its
 * deprecation warning, when none is given) that carry a last-applied-configuration annotation,
 * match `-l` and are not among `visited`; namespaced kinds in the visited objects' namespaces,
 * then cluster-scoped ones. `apply --prune` deletes them, `diff --prune` shows them removed.
 */
export function pruneCandidates(
  ctx: Ctx,
  visited: readonly Applied[],
  allowlist: ResourceType[] | undefined,
): { type: ResourceType; namespace: string | undefined; obj: KubeObject }[] {
  let types = allowlist;
  if (!types) {
    // The namespace is never empty (kubeconfig's or "default"), so 1.32 always warns.
    ctx.klog(
      'W',
      'prune.go:71',
      'Deprecated: kubectl apply will no longer prune non-namespaced resources by default when used with the --namespace flag in a future release. To preserve the current behaviour, list the resources you want to target explicitly in the --prune-allowlist flag.',
    );
    types = DEFAULT_PRUNE.map((r) => typeByResource(r));
  }
  const seen = new Set(visited.map((a) => `${a.type.resource}/${a.namespace ?? ''}/${a.name}`));
  const namespaces = [
    ...new Set(visited.filter((a) => a.type.namespaced).map((a) => a.namespace ?? '')),
  ].sort();
  const selector = ctx.str('selector');
  const out: { type: ResourceType; namespace: string | undefined; obj: KubeObject }[] = [];
  const listIn = (type: ResourceType, ns: string | undefined): void => {
    const r = ctx.host.api.list(
      type.resource,
      ns,
      selector === '' ? {} : { labelSelector: selector },
    );
    if (!r.ok) ctx.failStatus(r.status);
    for (const obj of r.value.items) {
      const name = obj.metadata?.name ?? '';
      if (obj.metadata?.annotations?.[LAST_APPLIED] === undefined) continue;
      if (seen.has(`${type.resource}/${ns ?? ''}/${name}`)) continue;
      out.push({ type, namespace: ns, obj });
    }
  };
  for (const ns of namespaces) {
    for (const t of types) if (t.namespaced) listIn(t, ns);
  }
  for (const t of types) if (!t.namespaced) listIn(t, undefined);
  return out;
}

/** pruner.pruneAll: list, skip what apply wrote or never applied, delete and print the rest. */
export function pruneAfterApply(
  ctx: Ctx,
  applied: readonly Applied[],
  allowlist: ResourceType[] | undefined,
  opts: { format: OutputFormat; dryRun: DryRun },
): void {
  for (const { type, namespace: ns, obj } of pruneCandidates(ctx, applied, allowlist)) {
    const name = obj.metadata?.name ?? '';
    if (opts.dryRun !== 'client') {
      const d = ctx.host.api.delete(type.resource, ns, name, {
        propagationPolicy: 'Background',
        ...(opts.dryRun === 'server' ? { dryRun: true } : {}),
      });
      if (!d.ok && d.status.reason !== 'NotFound') ctx.failStatus(d.status);
    }
    const shown: KubeObject = {
      ...obj,
      apiVersion: obj.apiVersion ?? (type.group ? `${type.group}/${type.version}` : type.version),
      kind: obj.kind ?? type.kind,
    };
    printObject(ctx, shown, opts.format, { verb: 'pruned', dryRun: opts.dryRun });
  }
}
