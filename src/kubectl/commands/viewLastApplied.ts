/**
 * `kubectl apply view-last-applied (TYPE [NAME | -l label] | TYPE/NAME | -f FILENAME)`
 * (apply_view_last_applied.go): the `kubectl.kubernetes.io/last-applied-configuration`
 * annotation of each object, as YAML (sigs.k8s.io/yaml's JSONToYAML: keys sorted) or, with
 * `-o json`, the JSON indented by two spaces.
 */
import type { KubeObject } from '../../engine/api/types.ts';
import type { Ctx } from '../context.ts';
import { toGoYaml } from '../printers/goyaml.ts';
import { getFailure, NO_RESOURCES, nsFor, typesAndNames } from './common.ts';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export function runViewLastApplied(ctx: Ctx, args: string[]): void {
  // Complete builds the resource query first: nothing named is the builder's error (checked
  // against the real kubectl 1.32), before the output format is looked at.
  if (args.length === 0 && ctx.list('filename').length === 0) ctx.fail(NO_RESOURCES);
  const output = ctx.str('output') || 'yaml';
  if (output !== 'yaml' && output !== 'json') {
    ctx.fail(`unexpected -o output mode: ${output}, the flag 'output' must be one of yaml|json`);
  }
  const objects: KubeObject[] = [];
  for (const { type, names } of typesAndNames(ctx, args)) {
    const ns = nsFor(type, ctx.namespace);
    if (names.length === 0) {
      const selector = ctx.str('selector');
      const r = ctx.host.api.list(
        type.resource,
        ns,
        selector ? { labelSelector: selector } : undefined,
      );
      if (r.ok) objects.push(...r.value.items);
      continue;
    }
    for (const name of names) {
      const r = ctx.host.api.get(type.resource, ns, name);
      if (!r.ok) ctx.failStatus(getFailure(ctx, type, ns, name, r.status));
      objects.push(r.value);
    }
  }
  objects.forEach((obj, i) => {
    const config = obj.metadata?.annotations?.[LAST_APPLIED];
    if (config === undefined) {
      ctx.fail(
        `no last-applied-configuration annotation found on resource: ${obj.metadata?.name ?? ''}\n`,
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(config);
    } catch {
      ctx.fail(`error converting JSON to YAML: ${config}`);
    }
    if (output === 'json') ctx.out(`${JSON.stringify(parsed, null, 2)}\n`);
    else {
      // Several objects are printed as YAML documents.
      if (i > 0) ctx.out('---\n');
      ctx.out(toGoYaml(parsed));
    }
  });
}
