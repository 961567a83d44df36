/**
 * `kubectl rollout history` and `rollout undo` for DaemonSets and StatefulSets (polymorphichelpers
 * history.go `DaemonSetHistoryViewer` / `StatefulSetHistoryViewer`, rollback.go
 * `DaemonSetRollbacker` / `StatefulSetRollbacker`): their ControllerRevisions are their history,
 * each holding the patch that restores one pod template.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../../engine/api/types.ts';
import {
  daemonSetPatch,
  revisionNumber,
  revisionTemplate,
} from '../../engine/controllers/daemonSetHistory.ts';
import { canonicalJson } from '../../engine/controllers/objects.ts';
import type { Ctx } from '../context.ts';
import { dryRunStrategy } from '../output.ts';
import { selectorString } from '../printers/columns.ts';
import { podTemplateDescription } from '../printers/describe.ts';
import { DESCRIBE_TABWRITER, formatTabbed } from '../tabwriter.ts';
import { listAll } from './common.ts';

const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/**
 * `daemonSetHistory` / `controlledHistoryV1`: the revisions the DaemonSet's selector lists that
 * it controls (by uid).
 */
export function daemonSetRevisions(
  ctx: Ctx,
  ds: KubeObject,
  resource: 'daemonsets' | 'statefulsets',
): KubeObject[] {
  const selector = (ds.spec as { selector?: LabelSelector } | undefined)?.selector;
  const uid = ds.metadata?.uid;
  // The history viewer and the rollbacker read the object again, then list its revisions.
  ctx.requestLog?.reread(resource, ds.metadata?.namespace, ds.metadata?.name ?? '');
  return listAll(
    ctx,
    'controllerrevisions',
    ds.metadata?.namespace ?? ctx.namespace,
    selectorString(selector) || undefined,
  ).filter((r) => r.metadata?.ownerReferences?.some((o) => o.controller === true && o.uid === uid));
}

/**
 * `printHistory`: `REVISION CHANGE-CAUSE` over the revisions (change-cause from each revision's
 * annotations, which copy the DaemonSet's), or with `revision` the pod template it restores.
 * Returns the text kubectl prints after the name line, or an error message.
 */
export function daemonSetHistoryText(
  revisions: readonly KubeObject[],
  revision: number,
): { text: string } | { error: string } {
  // historyInfo is a map by revision number: the last revision listed with a number wins.
  const byNumber = new Map<number, KubeObject>();
  for (const r of revisions) byNumber.set(revisionNumber(r), r);
  if (byNumber.size === 0) return { text: 'No rollout history found.' };
  if (revision > 0) {
    const found = byNumber.get(revision);
    if (!found) return { error: 'unable to find the specified revision' };
    const template = revisionTemplate(found);
    if (!template) return { error: `unable to parse history ${found.metadata?.name ?? ''}` };
    return { text: podTemplateDescription(template) };
  }
  const rows = [...byNumber.keys()]
    .sort((a, b) => a - b)
    .map((n) => `${n}\t${byNumber.get(n)?.metadata?.annotations?.[CHANGE_CAUSE] || '<none>'}\n`);
  return { text: formatTabbed(`REVISION\tCHANGE-CAUSE\n${rows.join('')}`, DESCRIBE_TABWRITER) };
}

/**
 * `DaemonSetRollbacker.Rollback`: the revision to go back to (`--to-revision`, or the one
 * before the newest), then the patch that restores its template. Returns the operation kubectl's
 * name printer prints after `daemonset.apps/NAME`; fails with kubectl's errors.
 */
export function rollbackDaemonSet(
  ctx: Ctx,
  ds: KubeObject,
  toRevision: number,
  resource: 'daemonsets' | 'statefulsets' = 'daemonsets',
): string {
  if (toRevision < 0) ctx.fail(`unable to find specified revision ${toRevision} in history`);
  const history = daemonSetRevisions(ctx, ds, resource);
  if (toRevision === 0 && history.length <= 1) ctx.fail('no last revision to roll back to');
  // findHistory: the second-highest revision, or the one numbered toRevision.
  const sorted = [...history].sort((a, b) => revisionNumber(a) - revisionNumber(b));
  const target =
    toRevision === 0
      ? sorted[sorted.length - 2]
      : history.find((r) => revisionNumber(r) === toRevision);
  if (!target) ctx.fail(`unable to find specified revision ${toRevision} in history`);
  const template = revisionTemplate(target);
  const dryRun = dryRunStrategy(ctx);
  if (dryRun === 'client') {
    return `will roll back to ${podTemplateDescription(template ?? {})} (dry run)`;
  }
  const suffix = dryRun === 'server' ? ' (server dry run)' : '';
  if (canonicalJson(daemonSetPatch(ds)) === canonicalJson(target.data)) {
    return `skipped rollback (current template already matches revision ${toRevision})${suffix}`;
  }
  // The real kubectl sends the revision's data as a strategic merge patch, whose
  // `"$patch":"replace"` replaces spec.template whole; here the same template goes in an update.
  const next = structuredClone(ds) as KubeObject;
  next.spec = { ...(next.spec as object), template };
  const r = ctx.host.api.update(resource, ds.metadata?.namespace ?? ctx.namespace, next, {
    fieldManager: ctx.str('field-manager') || 'kubectl-rollout',
    ...(dryRun === 'server' ? { dryRun: true } : {}),
  });
  if (!r.ok) ctx.fail(`failed restoring revision ${toRevision}: ${r.status.message}`);
  return `rolled back${suffix}`;
}
