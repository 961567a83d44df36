/**
 * `kubectl diff -f FILE`: for each object, the live version and the version a server-side dry
 * run of the apply gives ("merged"), written as YAML into `/tmp/LIVE-…` and `/tmp/MERGED-…`, then
 * `diff -u -N` of the two directories. Exit 1 when they differ, 0 when not, 2 (CheckDiffErr's
 * code + 1) on an error.
 */
import type { KubeObject, ResourceName, Status } from '../../engine/api/types.ts';
import { schemaOf } from '../../engine/apiserver/patchMeta.ts';
import { StrategicMergeError } from '../../engine/apiserver/strategicMerge.ts';
import type { Ctx } from '../context.ts';
import { ExitError, renderStatus, withSource } from '../errors.ts';
import { toGoYaml } from '../printers/goyaml.ts';
import type { ResourceType } from '../resources.ts';
import { threeWayMergePatch } from '../threeWayMergePatch.ts';
import { unifiedHunks } from '../unifiedDiff.ts';
import { type Applied, pruneAllowlist, pruneCandidates } from './applyPrune.ts';
import { clone, namespaceForManifest, readFilenames, withoutResourceVersion } from './common.ts';
import { withBuilderNamespace } from './create.ts';
import { filenameArgs } from './kustomize.ts';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** How many diffs each console has run: every run makes new temporary directories. */
const runs = new WeakMap<object, number>();

/** FNV-1a, to turn the session's clock and run count into stable "random" names. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** `2026-01-06 00:00:10.123456789 +0000`: a file's mtime as GNU diff's header prints it. */
function diffTime(epochMs: number, nanos: number): string {
  const d = new Date(epochMs + Math.floor(nanos / 1_000_000));
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const ns = d.getUTCMilliseconds() * 1_000_000 + (nanos % 1_000_000);
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(ns, 9)} +0000`;
}

/** The object as diff prints it: apiVersion and kind set, managedFields dropped unless asked. */
function shown(t: ResourceType, obj: KubeObject, keepManagedFields: boolean): KubeObject {
  const o = clone(obj);
  if (!keepManagedFields && o.metadata?.managedFields) {
    const { managedFields: _m, ...meta } = o.metadata;
    o.metadata = meta;
  }
  return {
    ...o,
    apiVersion: o.apiVersion ?? (t.group ? `${t.group}/${t.version}` : t.version),
    kind: o.kind ?? t.kind,
  };
}

/** InfoObject.Name: `apps.v1.Deployment.default.web`, `v1.Namespace..blue`. */
function fileName(t: ResourceType, ns: string | undefined, name: string): string {
  return `${t.group ? `${t.group}.` : ''}${t.version}.${t.kind}.${ns ?? ''}.${name}`;
}

/**
 * diff.go Masker: a Secret's data values become `***`, or `*** (before)` / `*** (after)` for a
 * key whose value changes, so the diff shows which keys change but not their values.
 */
function maskSecret(from: KubeObject | undefined, to: KubeObject): void {
  const f = (from as { data?: Record<string, unknown> } | undefined)?.data;
  const t = (to as { data?: Record<string, unknown> }).data;
  if (f) {
    for (const k of Object.keys(f)) {
      if (t && Object.hasOwn(t, k)) {
        if (f[k] !== t[k]) {
          f[k] = '*** (before)';
          t[k] = '*** (after)';
          continue;
        }
        t[k] = '***';
      }
      f[k] = '***';
    }
  }
  if (t) for (const k of Object.keys(t)) if (!f || !Object.hasOwn(f, k)) t[k] = '***';
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** diff's errors exit with 2: CheckDiffErr adds one to checkErr's code. */
function failDiff(ctx: Ctx, text: string): never {
  ctx.err(text);
  throw new ExitError(2);
}

export function runDiff(ctx: Ctx, args: string[]): void {
  let differ: boolean;
  try {
    differ = diff(ctx, args);
  } catch (e) {
    // An error any helper reported the kubectl way (exit 1) is a diff error: exit 2.
    if (e instanceof ExitError && e.code === 1) throw new ExitError(2);
    throw e;
  }
  // Differences found: diff exits 1 and kubectl with it, printing nothing more.
  if (differ) throw new ExitError(1);
}

/** Prints the diff; whether the versions differ. */
function diff(ctx: Ctx, args: string[]): boolean {
  if (args.length > 0) ctx.usageError(`Unexpected args: [${args.join(' ')}]`);
  const files = filenameArgs(ctx);
  if (files.length === 0) ctx.fail('must specify one of -f and -k');
  // Complete: the prune allow-list is parsed before any file is read.
  const prune = ctx.bool('prune');
  const allowlist = pruneAllowlist(ctx);
  const serverSide = ctx.bool('server-side');
  const fieldManager =
    ctx.str('field-manager') || (serverSide ? 'kubectl' : 'kubectl-client-side-apply');
  if (ctx.bool('force-conflicts') && !serverSide)
    ctx.fail('--force-conflicts only works with --server-side');
  const keepManaged = ctx.bool('show-managed-fields');
  const selector = ctx.str('selector');

  const n = (runs.get(ctx.host) ?? 0) + 1;
  runs.set(ctx.host, n);
  const now = ctx.now();
  const liveDir = `/tmp/LIVE-${fnv(`LIVE/${now}/${n}`)}`;
  const mergedDir = `/tmp/MERGED-${fnv(`MERGED/${now}/${n}`)}`;

  const objs = readFilenames(ctx, files);
  const versions = new Map<
    string,
    { live: string; merged: string; at: number; mergedMissing?: boolean }
  >();
  /** The pruner's visited objects (MarkVisited: each file object's namespace and name). */
  const visited: Applied[] = [];
  for (const m of objs) {
    if (selector && !matchesSelector(m.obj, selector)) continue;
    const ns = namespaceForManifest(ctx, m);
    visited.push({
      type: m.type,
      namespace: m.type.namespaced ? ns : undefined,
      name: m.obj.metadata?.name ?? '',
    });
    const name = m.obj.metadata?.name ?? '';
    const resource = m.type.resource as ResourceName;
    const current = ctx.host.api.get(resource, ns, name);
    if (!current.ok && current.status.reason !== 'NotFound')
      failDiff(ctx, renderStatus(current.status));
    const live = current.ok ? current.value : undefined;
    const local = clone(m.obj);
    const merged = mergedObject(ctx, {
      local,
      live,
      resource,
      ns,
      name,
      serverSide,
      fieldManager,
      source: m.source,
    });
    let from = live ? shown(m.type, live, keepManaged) : undefined;
    const to = shown(m.type, merged, keepManaged);
    if (to.apiVersion === 'v1' && to.kind === 'Secret') {
      from = from ? clone(from) : undefined;
      maskSecret(from, to);
    }
    if (live?.metadata?.deletionTimestamp) {
      ctx.err(`Warning: Detected changes to resource ${name} which is currently being deleted.\n`);
    }
    versions.set(fileName(m.type, ns, name), {
      live: from ? toGoYaml(from) : '',
      merged: toGoYaml(to),
      at: versions.size,
    });
  }

  // --prune: what apply --prune would delete is written to the LIVE directory only, so the
  // diff shows it removed (the object as listed, managedFields and all).
  if (prune) {
    for (const { type, namespace, obj } of pruneCandidates(ctx, visited, allowlist)) {
      const name = obj.metadata?.name ?? '';
      versions.set(fileName(type, namespace, name), {
        live: toGoYaml(shown(type, obj, true)),
        merged: '',
        at: versions.size,
        mergedMissing: true,
      });
    }
  }

  // diff reads each directory sorted by name.
  let differ = false;
  for (const file of [...versions.keys()].sort()) {
    const v = versions.get(file);
    if (!v) continue;
    const hunks = unifiedHunks(v.live, v.merged);
    if (hunks === '') continue;
    differ = true;
    // Both files are written just after the dry run, a few microseconds apart.
    const base = 3_000_000 + v.at * 4_000_000 + (fnv(`${liveDir}/${file}`) % 1_000_000);
    const liveT = diffTime(now, base);
    // A file that is not there: diff -N reads it as empty, dated at the epoch.
    const mergedT = v.mergedMissing
      ? '1970-01-01 00:00:00.000000000 +0000'
      : diffTime(now, base + 80_000 + (fnv(`${mergedDir}/${file}`) % 200_000));
    ctx.out(
      `diff -u -N ${liveDir}/${file} ${mergedDir}/${file}\n--- ${liveDir}/${file}\t${liveT}\n+++ ${mergedDir}/${file}\t${mergedT}\n${hunks}`,
    );
  }
  return differ;
}

/** A label selector of `k=v`, `k==v`, `k!=v`, `k` and `!k` terms, as `-l` filters the files. */
function matchesSelector(obj: KubeObject, selector: string): boolean {
  const labels = obj.metadata?.labels ?? {};
  return selector.split(',').every((term) => {
    const t = term.trim();
    if (t === '') return true;
    const ne = t.indexOf('!=');
    if (ne >= 0) return labels[t.slice(0, ne).trim()] !== t.slice(ne + 2).trim();
    const eq = t.indexOf('=');
    if (eq >= 0) {
      const value = t
        .slice(eq + 1)
        .replace(/^=/, '')
        .trim();
      return labels[t.slice(0, eq).trim()] === value;
    }
    if (t.startsWith('!')) return !(t.slice(1) in labels);
    return t in labels;
  });
}

interface MergeInput {
  local: KubeObject;
  live: KubeObject | undefined;
  resource: ResourceName;
  ns: string | undefined;
  name: string;
  serverSide: boolean;
  fieldManager: string;
  /** The file the object came from. */
  source: string;
}

/**
 * InfoObject.Merged: a dry-run server-side apply, a dry-run create of a new object, or the
 * apply patcher's three-way patch (last-applied, the file without a new annotation, live) sent
 * as a dry run. An empty patch is not sent: the live object is what apply would leave.
 */
function mergedObject(ctx: Ctx, m: MergeInput): KubeObject {
  const { local, live, resource, ns, name } = m;
  const opts = { fieldManager: m.fieldManager, dryRun: true } as const;
  const done = (r: { ok: true; value: KubeObject } | { ok: false; status: Status }): KubeObject => {
    if (!r.ok) failDiff(ctx, renderStatus(r.status));
    return r.value;
  };
  if (m.serverSide) {
    // An apply patch (dry run), forced with --force-conflicts.
    const ssa = {
      ...opts,
      patchType: 'apply',
      ...(ctx.bool('force-conflicts') ? { force: true } : {}),
    } as const;
    // The builder's object carries its namespace (the server's last-applied annotation shows it).
    const sent = withBuilderNamespace(clone(local), ns);
    if (!live) return done(ctx.host.api.create(resource, ns, sent, ssa));
    return done(ctx.host.api.patch(resource, ns, name, sent, ssa));
  }
  if (!live) return done(ctx.host.api.create(resource, ns, withoutResourceVersion(local), opts));
  const applied = live.metadata?.annotations?.[LAST_APPLIED];
  let original: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = applied === undefined ? undefined : JSON.parse(applied);
    original = isPlainObject(parsed) ? parsed : undefined;
  } catch {
    original = undefined;
  }
  // GetModifiedConfiguration(annotate=false): the file without any last-applied annotation.
  // Its annotations are set even when empty, as the last-applied configuration has them.
  const meta = { ...(local.metadata ?? {}) };
  const { [LAST_APPLIED]: _prev, ...annotations } = meta.annotations ?? {};
  meta.annotations = annotations;
  if (ns && !meta.namespace) meta.namespace = ns;
  const modified = { ...local, metadata: meta };
  const current = {
    ...live,
    apiVersion: live.apiVersion ?? local.apiVersion,
    kind: live.kind ?? local.kind,
  };
  let patch: Record<string, unknown>;
  try {
    patch = threeWayMergePatch(original, modified, current, schemaOf(resource));
  } catch (e) {
    if (!(e instanceof StrategicMergeError)) throw e;
    failDiff(ctx, `error: ${e.message}\n`);
  }
  if (Object.keys(patch).length === 0) return live;
  const r = ctx.host.api.patch(resource, ns, name, patch, { ...opts, patchType: 'strategic' });
  // The apply patcher adds the file to its error (AddSourceToErr); an Invalid error prints
  // from its details, so that shows only for other errors.
  if (!r.ok) failDiff(ctx, renderStatus(withSource(r.status, 'patching', m.source)));
  return r.value;
}
