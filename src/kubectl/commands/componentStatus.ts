/**
 * `kubectl get componentstatuses` (`cs`): the API server's deprecated view of its neighbours —
 * the scheduler, the controller manager and etcd — which a kubeadm cluster still serves in
 * 1.32, with the deprecation warning on stderr. The simulated control plane runs on one node
 * that never stops, so all three are Healthy.
 */
import type { KubeObject } from '../../engine/api/types.ts';
import type { Ctx } from '../context.ts';
import { goTemplateText, printGoTemplate } from '../goTemplateOutput.ts';
import { refusedUnstored } from '../impersonation.ts';
import { GET_FORMATS, outputFormat, outputTemplate } from '../output.ts';
import { toGoYaml } from '../printers/goyaml.ts';
import { toGoJson } from '../printers/json.ts';
import { JsonPathError, jsonPath } from '../printers/jsonpath.ts';
import { printTable } from '../printers/table.ts';

/** What `kubectl get` accepts for the resource (singular, plural, short name). */
export const COMPONENT_STATUS_NAMES = new Set(['cs', 'componentstatus', 'componentstatuses']);

/** The order a kubeadm API server lists them in. */
const COMPONENTS = ['scheduler', 'controller-manager', 'etcd-0'] as const;

function componentStatus(name: string): KubeObject {
  return {
    apiVersion: 'v1',
    conditions: [{ message: 'ok', status: 'True', type: 'Healthy' }],
    kind: 'ComponentStatus',
    metadata: { creationTimestamp: null as unknown as string, name },
  } as KubeObject;
}

/** `kubectl get cs [NAME…]`, in the output formats kubectl has for it. */
export function runGetComponentStatuses(ctx: Ctx, names: string[]): void {
  const format = outputFormat(ctx, true);
  // Authorized first: a refused request has no response to carry the deprecation warning.
  const type = { resource: 'componentstatuses', group: '' };
  const refusals =
    names.length === 0
      ? [refusedUnstored(ctx, type, 'list', undefined, '')]
      : names.map((n) => refusedUnstored(ctx, type, 'get', undefined, n));
  if (refusals.every((r) => r !== undefined) && refusals.length > 0) {
    for (const r of refusals) ctx.reportStatus(r);
    ctx.exitCode = 1;
    return;
  }
  ctx.err('Warning: v1 ComponentStatus is deprecated in v1.19+\n');
  const missing = names.filter((n) => !(COMPONENTS as readonly string[]).includes(n));
  const items = (names.length > 0 ? names : [...COMPONENTS])
    .filter((n) => !missing.includes(n))
    .map(componentStatus);
  const single = names.length === 1 && items.length === 1;
  const list = { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
  if (format === 'yaml' || format === 'json') {
    if (items.length > 0 || names.length === 0) {
      const data = single ? items[0] : list;
      ctx.out(format === 'yaml' ? toGoYaml(data) : toGoJson(data, { sortKeys: true }));
    }
  } else if (format === 'jsonpath') {
    const template = outputTemplate(ctx);
    try {
      ctx.out(jsonPath(template, single ? items[0] : list));
    } catch (e) {
      if (!(e instanceof JsonPathError)) throw e;
      ctx.fail(`error parsing jsonpath ${template}, ${e.message}`);
    }
  } else if (format === 'go-template') {
    if (items.length > 0 || names.length === 0)
      printGoTemplate(ctx, goTemplateText(ctx, GET_FORMATS), single ? items[0] : list);
  } else if (format === 'name') {
    for (const cs of items) ctx.out(`componentstatus/${cs.metadata?.name ?? ''}\n`);
  } else {
    const rows = items.map((cs) => [cs.metadata?.name ?? '', 'Healthy', 'ok', '']);
    ctx.out(
      printTable(
        { columns: ['NAME', 'STATUS', 'MESSAGE', 'ERROR'], rows },
        { noHeaders: ctx.bool('no-headers') },
      ),
    );
  }
  for (const n of missing) {
    ctx.err(`Error from server (NotFound): componentstatuses "${n}" not found\n`);
    ctx.exitCode = 1;
  }
}
