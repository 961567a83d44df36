/**
 * `kubectl get TYPE NAME --subresource=status|scale` (KEP-2590, beta in 1.32). `status` reads
 * the object itself, printed as it always is; `scale` reads the autoscaling/v1 Scale of a
 * Deployment, ReplicaSet or StatefulSet, which the server prints with its own table
 * (printers.go printScale: NAME, DESIRED = spec.replicas, AVAILABLE = status.replicas, AGE).
 * A subresource is only read by name: a list is the builder's error. kubectl 1.32.5 checks no
 * subresource name itself (`--subresource=log` is sent): a path the server does not serve is
 * its plain 404, whether or not the object exists.
 */
import type { KubeObject, ResourceName, Status } from '../../engine/api/types.ts';
import { RESOURCES } from '../../engine/apiserver/resources.ts';
import { SCALABLE, scaleOf } from '../../engine/apiserver/scale.ts';
import type { Ctx } from '../context.ts';
import { translateTimestampSince } from '../duration.ts';
import { type OutputFormat, printObject } from '../output.ts';
import { printTable } from '../printers/table.ts';
import { isStoredType, type ResourceType } from '../resources.ts';
import {
  checkBuilderArgs,
  getFailure,
  NO_SUCH_PATH,
  notFound,
  nsFor,
  typesAndNamesToRead,
} from './common.ts';
import { printCustomColumns } from './get.ts';

/** Whether the API server serves `sub` of `resource` (a path it routes). */
export function subresourceServed(resource: ResourceName, sub: string): boolean {
  if (sub === 'scale') return SCALABLE.has(resource);
  if (sub === 'status') return RESOURCES[resource]?.hasStatus === true;
  return false;
}

/**
 * The builder refuses a subresource of a list (a type without names, or a selector), after
 * what it refuses of any arguments: names with a selector (visitBySelector's first checks), or
 * a name across all namespaces.
 */
export function refuseBulkSubresource(ctx: Ctx, args: string[]): void {
  const requests = typesAndNamesToRead(ctx, args);
  const selector = ctx.str('selector') !== '';
  const allNamespaces = ctx.bool('all-namespaces');
  checkBuilderArgs(ctx, args, requests, { selector, allNamespaces });
  const bulk = selector || allNamespaces || requests.some((r) => r.names.length === 0);
  if (bulk) ctx.fail('subresource cannot be used when bulk resources are specified');
}

/** `get … --subresource=scale`: each named object's Scale, in a table or as asked. */
export function runGetScale(ctx: Ctx, args: string[], format: OutputFormat): void {
  const scales: KubeObject[] = [];
  const scaleTypes: ResourceType[] = [];
  const errors: Status[] = [];
  const requests = typesAndNamesToRead(ctx, args);
  // get.go: one name asked for prints the object; more print a List of them (as a plain get).
  const singleItemImplied = requests.length === 1 && requests[0]?.names.length === 1;
  for (const { type, names } of requests) {
    for (const name of names) {
      if (!isStoredType(type)) {
        if (!ctx.bool('ignore-not-found')) errors.push(notFound(type, name));
        continue;
      }
      if (!SCALABLE.has(type.resource)) {
        // No such subresource: the server has no such path, so its plain 404 whether or not the
        // object exists.
        ctx.requestLog?.unsent(
          'GET',
          type.resource,
          nsFor(type, ctx.namespace),
          name,
          {},
          404,
          'scale',
        );
        if (!ctx.bool('ignore-not-found')) errors.push(NO_SUCH_PATH);
        continue;
      }
      const r = ctx.host.api.get(type.resource, nsFor(type, ctx.namespace), name);
      if (!r.ok) {
        if (!(ctx.bool('ignore-not-found') && r.status.reason === 'NotFound'))
          errors.push(getFailure(ctx, type, nsFor(type, ctx.namespace), name, r.status));
        continue;
      }
      scales.push(scaleOf(r.value));
      scaleTypes.push(type);
    }
  }
  if (format === '' || format === 'wide') {
    const rows = scales.map((s) => [
      s.metadata?.name ?? '',
      String((s.spec as { replicas: number }).replicas),
      String((s.status as { replicas: number }).replicas),
      translateTimestampSince(s.metadata?.creationTimestamp, ctx.now()),
    ]);
    ctx.out(
      printTable(
        { columns: ['Name', 'Desired', 'Available', 'Age'], rows },
        { noHeaders: ctx.bool('no-headers') },
      ),
    );
  } else if (format === 'name') {
    // NamePrinter: the kind lower-cased with its group.
    for (const s of scales) ctx.out(`scale.autoscaling/${s.metadata?.name ?? ''}\n`);
  } else if (format === 'custom-columns') {
    const found = scales.map((obj, info) => ({
      type: scaleTypes[info] as ResourceType,
      obj,
      info,
    }));
    printCustomColumns(ctx, found, ctx.bool('no-headers'), false);
  } else if (singleItemImplied) {
    for (const s of scales) printObject(ctx, s, format, { verb: '', dryRun: 'none' });
  } else {
    const list = {
      apiVersion: 'v1',
      items: scales,
      kind: 'List',
      metadata: { resourceVersion: '' },
    };
    printObject(ctx, list as KubeObject, format, { verb: '', dryRun: 'none' });
  }
  if (errors.length > 0) {
    ctx.errStatuses(errors);
    ctx.exitCode = 1;
  }
}
