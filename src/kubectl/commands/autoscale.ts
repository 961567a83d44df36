/**
 * `kubectl autoscale` (1.32, pkg/cmd/autoscale): for each deployment, replica set or stateful
 * set named (the builder fetches it first), an autoscaling/v1 HorizontalPodAutoscaler named after
 * it (or `--name`), `--max` replicas, `--min` when above 0, `targetCPUUtilizationPercentage`
 * when `--cpu-percent` is not negative. A kind without a scale subresource is refused as the
 * discovery scale-kind resolver refuses it.
 *
 * Not simulated: `--save-config` (the annotation is not written), `-k`.
 */
import type { KubeObject } from '../../engine/api/types.ts';
import { hpaToV1 } from '../../engine/apiserver/hpa.ts';
import type { Ctx } from '../context.ts';
import { ExitError } from '../errors.ts';
import { dryRunStrategy, outputFormat, printObject } from '../output.ts';
import { apiVersionOf, type ResourceType } from '../resources.ts';
import {
  NO_RESOURCES,
  namespaceForManifest,
  readFilenames,
  refuseArgsWithPaths,
  typesAndNames,
} from './common.ts';
import { filenameArgs } from './kustomize.ts';
import { getOrFail } from './misc.ts';

/** The kinds whose discovery lists a `/scale` subresource (of those this console stores). */
const SCALABLE: ReadonlySet<string> = new Set(['deployments', 'replicasets', 'statefulsets']);

export function runAutoscale(ctx: Ctx, args: string[]): void {
  // cmd.MarkFlagRequired("max"): cobra refuses the command before it runs, and kubectl's main
  // (cli.RunNoErrOutput, then util.CheckErr) prints the error as every other: `error: …`.
  if (!ctx.changed('max')) ctx.fail('required flag(s) "max" not set');
  const dryRun = dryRunStrategy(ctx);
  const format = outputFormat(ctx, false);
  const min = ctx.num('min', -1);
  const max = ctx.num('max', -1);
  const cpu = ctx.num('cpu-percent', -1);
  // Validate, before the builder runs.
  if (max < 1) ctx.fail(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (max < min) {
    ctx.fail(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  }
  const files = filenameArgs(ctx);
  if (args.length === 0 && files.length === 0) ctx.fail(NO_RESOURCES);
  refuseArgsWithPaths(ctx, files, args);
  const targets: { type: ResourceType; obj: KubeObject; ns: string }[] = [];
  if (files.length > 0) {
    for (const m of readFilenames(ctx, files)) {
      const ns = namespaceForManifest(ctx, m) ?? ctx.namespace;
      targets.push({ type: m.type, obj: m.obj, ns });
    }
  } else {
    for (const { type, names } of typesAndNames(ctx, args)) {
      if (names.length === 0) ctx.fail('resource(s) were provided, but no name was specified');
      for (const name of names)
        targets.push({ type, obj: getOrFail(ctx, type, name), ns: ctx.namespace });
    }
  }
  if (targets.length === 0) ctx.fail('no objects passed to autoscale');
  for (const { type, obj, ns } of targets) {
    if (!SCALABLE.has(type.resource)) {
      ctx.fail(
        `cannot autoscale a ${type.kind}: could not find scale subresource for ${type.group}/${type.version}, Resource=${type.resource} in discovery information`,
      );
    }
    const refName = obj.metadata?.name ?? '';
    const hpa = ctx.recorded({
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: ctx.str('name') || refName },
      spec: {
        // CrossVersionObjectReference's struct order (kind, name, apiVersion): what -o json of
        // the typed object shows.
        scaleTargetRef: { kind: type.kind, name: refName, apiVersion: apiVersionOf(type) },
        ...(min > 0 ? { minReplicas: min } : {}),
        maxReplicas: max,
        ...(cpu >= 0 ? { targetCPUUtilizationPercentage: cpu } : {}),
      },
    } as KubeObject);
    if (dryRun === 'client') {
      printObject(
        ctx,
        {
          ...hpa,
          metadata: {
            ...hpa.metadata,
            creationTimestamp: null,
          } as unknown as KubeObject['metadata'],
          status: { currentReplicas: 0, desiredReplicas: 0 },
        },
        format,
        // autoscale.go makes its printer for each object: no `---` between YAML documents.
        { verb: 'created', dryRun, typed: true, ownPrinter: true },
      );
      continue;
    }
    const fieldManager = ctx.str('field-manager') || 'kubectl-autoscale';
    const r = ctx.host.api.create(
      'horizontalpodautoscalers',
      ns,
      hpa,
      dryRun === 'server' ? { dryRun: true, fieldManager } : { fieldManager },
    );
    if (!r.ok) ctx.failStatus(r.status);
    printObject(ctx, hpaToV1(r.value), format, { verb: 'autoscaled', dryRun, ownPrinter: true });
  }
}
