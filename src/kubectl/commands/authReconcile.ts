/**
 * `kubectl auth reconcile -f FILE`: RBAC objects made to hold at least what the file says
 * (pkg/registry/rbac/reconciliation, as kubectl runs it). A missing object is created (and its
 * namespace, when that is missing too); an existing role gains the file's rules it lacks (all
 * replaced with --remove-extra-permissions), an existing binding the subjects it lacks (replaced
 * with --remove-extra-subjects), both its labels and annotations; a binding whose roleRef
 * differs is deleted and created again. A role annotated
 * `rbac.authorization.kubernetes.io/autoupdate: "false"` is left as it is. Other kinds in the
 * file are skipped without a word. Each object is printed `<kind>/<name> reconciled`.
 */
import type { KubeObject, ResourceName } from '../../engine/api/types.ts';
import { type PolicyRule, uncoveredRules } from '../../engine/apiserver/rbac.ts';
import type { Ctx } from '../context.ts';
import { dryRunStrategy, outputFormat, printObject } from '../output.ts';
import {
  clone,
  NO_RESOURCES,
  namespaceForManifest,
  readFilenames,
  withoutResourceVersion,
} from './common.ts';
import { filenameArgs } from './kustomize.ts';

const RBAC_KINDS: ReadonlySet<ResourceName> = new Set<ResourceName>([
  'roles',
  'clusterroles',
  'rolebindings',
  'clusterrolebindings',
]);

type Operation = 'none' | 'create' | 'update' | 'recreate';

interface Subject {
  kind?: string;
  apiGroup?: string;
  name?: string;
  namespace?: string;
}

type Meta = NonNullable<KubeObject['metadata']>;

export function runAuthReconcile(ctx: Ctx, args: string[]): void {
  if (args.length > 0) ctx.fail('no arguments are allowed');
  const files = filenameArgs(ctx);
  if (files.length === 0) ctx.fail(NO_RESOURCES);
  const dryRun = dryRunStrategy(ctx) !== 'none';
  const format = outputFormat(ctx, false);
  for (const m of readFilenames(ctx, files)) {
    const resource = m.type.resource;
    if (!RBAC_KINDS.has(resource)) continue;
    const namespace = namespaceForManifest(ctx, m);
    const meta = (m.obj.metadata ?? {}) as Meta;
    const expected: KubeObject = {
      ...clone(m.obj),
      metadata: { ...clone(meta), ...(namespace ? { namespace } : {}) },
    };
    const name = String(meta.name ?? '');
    const live = ctx.host.api.get(resource, namespace, name);
    let result: KubeObject;
    let op: Operation;
    if (live.ok) {
      const existing = live.value as KubeObject;
      const protectedRole =
        existing.metadata?.annotations?.['rbac.authorization.kubernetes.io/autoupdate'] === 'false';
      [result, op] =
        resource === 'roles' || resource === 'clusterroles'
          ? reconcileRole(existing, expected, ctx.bool('remove-extra-permissions'))
          : reconcileBinding(existing, expected, ctx.bool('remove-extra-subjects'));
      if (protectedRole) op = 'none';
    } else if (live.status.reason === 'NotFound') {
      result = expected;
      op = 'create';
    } else ctx.failStatus(live.status);
    if (!dryRun) result = write(ctx, resource, namespace, name, result, op);
    printObject(ctx, result, format, { verb: 'reconciled', dryRun: dryRun ? 'client' : 'none' });
  }
}

/** Send what the reconciliation decided; the object as the server now has it. */
function write(
  ctx: Ctx,
  resource: ResourceName,
  namespace: string | undefined,
  name: string,
  obj: KubeObject,
  op: Operation,
): KubeObject {
  const api = ctx.host.api;
  if (op === 'none') return obj;
  if (op === 'update') {
    const r = api.update(resource, namespace, obj);
    return r.ok ? (r.value as KubeObject) : ctx.failStatus(r.status);
  }
  if (op === 'recreate') {
    const d = api.delete(resource, namespace, name);
    if (!d.ok && d.status.reason !== 'NotFound') ctx.failStatus(d.status);
  } else if (namespace) ensureNamespace(ctx, namespace);
  const r = api.create(resource, namespace, withoutResourceVersion(obj));
  return r.ok ? (r.value as KubeObject) : ctx.failStatus(r.status);
}

/** tryEnsureNamespace: a missing namespace is created; a refusal to read or make it is ignored. */
function ensureNamespace(ctx: Ctx, namespace: string): void {
  const got = ctx.host.api.get('namespaces', undefined, namespace);
  if (got.ok || got.status.reason !== 'NotFound') return;
  ctx.host.api.create('namespaces', undefined, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: namespace },
  });
}

/** Labels or annotations: the file's, with the live object's own values kept over them. */
function mergedMap(
  expected: Record<string, string> | undefined,
  existing: Record<string, string> | undefined,
): Record<string, string> | undefined {
  if (!expected || Object.keys(expected).length === 0) return existing;
  return { ...expected, ...(existing ?? {}) };
}

/** The metadata of the existing object with the file's labels and annotations merged in. */
function mergedMeta(existing: KubeObject, expected: KubeObject): [Meta, boolean] {
  const meta = clone((existing.metadata ?? {}) as Meta);
  let changed = false;
  for (const field of ['annotations', 'labels'] as const) {
    const had = meta[field] as Record<string, string> | undefined;
    const merged = mergedMap(expected.metadata?.[field] as Record<string, string>, had);
    if (merged && JSON.stringify(merged) !== JSON.stringify(had ?? {})) changed = true;
    if (merged) meta[field] = merged;
  }
  return [meta, changed];
}

function rulesOf(o: KubeObject): PolicyRule[] {
  return Array.isArray(o.rules) ? (o.rules as PolicyRule[]) : [];
}

interface AggregationRule {
  clusterRoleSelectors?: unknown[];
}

/** computeReconciledRole. */
function reconcileRole(
  existing: KubeObject,
  expected: KubeObject,
  removeExtra: boolean,
): [KubeObject, Operation] {
  const [metadata, metaChanged] = mergedMeta(existing, expected);
  const result: KubeObject = { ...clone(existing), metadata };
  let op: Operation = metaChanged ? 'update' : 'none';
  const expectedAgg = expected.aggregationRule as AggregationRule | undefined;
  const existingAgg = existing.aggregationRule as AggregationRule | undefined;
  // Aggregated roles on both sides: the controller owns the rules, so none are "extra".
  const extra =
    !expectedAgg || !existingAgg ? uncoveredRules(rulesOf(expected), rulesOf(existing)) : [];
  const missing = uncoveredRules(rulesOf(existing), rulesOf(expected));
  if (!removeExtra && missing.length > 0) {
    result.rules = [...rulesOf(existing), ...missing];
    op = 'update';
  } else if (removeExtra && (missing.length > 0 || extra.length > 0)) {
    result.rules = clone(rulesOf(expected));
    op = 'update';
  }
  if (expectedAgg) {
    const have = existingAgg?.clusterRoleSelectors ?? [];
    const want = expectedAgg.clusterRoleSelectors ?? [];
    const key = (s: unknown) => JSON.stringify(s);
    const missingSel = want.filter((w) => !have.some((h) => key(h) === key(w)));
    const extraSel = have.filter((h) => !want.some((w) => key(h) === key(w)));
    if (!removeExtra && missingSel.length > 0) {
      result.aggregationRule = { clusterRoleSelectors: [...clone(have), ...clone(missingSel)] };
      op = 'update';
    } else if (removeExtra && (missingSel.length > 0 || extraSel.length > 0)) {
      result.aggregationRule = { clusterRoleSelectors: clone(want) };
      op = 'update';
    }
  }
  return [result, op];
}

function sameSubject(a: Subject, b: Subject): boolean {
  return (
    a.kind === b.kind &&
    (a.apiGroup ?? '') === (b.apiGroup ?? '') &&
    a.name === b.name &&
    (a.namespace ?? '') === (b.namespace ?? '')
  );
}

/** computeReconciledRoleBinding. */
function reconcileBinding(
  existing: KubeObject,
  expected: KubeObject,
  removeExtra: boolean,
): [KubeObject, Operation] {
  if (JSON.stringify(existing.roleRef) !== JSON.stringify(expected.roleRef)) {
    return [expected, 'recreate'];
  }
  const [metadata, metaChanged] = mergedMeta(existing, expected);
  const result: KubeObject = { ...clone(existing), metadata };
  let op: Operation = metaChanged ? 'update' : 'none';
  const have = (Array.isArray(existing.subjects) ? existing.subjects : []) as Subject[];
  const want = (Array.isArray(expected.subjects) ? expected.subjects : []) as Subject[];
  const missing = want.filter((w) => !have.some((h) => sameSubject(h, w)));
  const extra = have.filter((h) => !want.some((w) => sameSubject(h, w)));
  if (!removeExtra && missing.length > 0) {
    result.subjects = [...clone(have), ...clone(missing)];
    op = 'update';
  } else if (removeExtra && (missing.length > 0 || extra.length > 0)) {
    result.subjects = clone(want);
    op = 'update';
  }
  return [result, op];
}
