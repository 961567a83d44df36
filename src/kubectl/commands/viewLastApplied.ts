/**
 * `kubectl apply view-last-applied (TYPE [NAME | -l label] | TYPE/NAME | -f FILENAME)`
 * (apply_view_last_applied.go): the `kubectl.kubernetes.io/last-applied-configuration`
 * annotation of each object, as YAML (sigs.k8s.io/yaml's JSONToYAML: keys sorted) or, with
 * `-o json`, the JSON indented by two spaces.
 */
import type { KubeObject } from '../../engine/api/types.ts';
import type { Ctx } from '../context.ts';
import { toGoYaml } from '../printers/goyaml.ts';
import {
  getFailure,
  listError,
  NO_RESOURCES,
  namespaceMismatch,
  nsFor,
  ownNamespace,
  readFilenames,
  refuseArgsWithPaths,
  typesAndNames,
} from './common.ts';
import { filenameArgs } from './kustomize.ts';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export function runViewLastApplied(ctx: Ctx, args: string[]): void {
  // Complete builds the resource query first: nothing named is the builder's error (checked
  // against the real kubectl 1.32), before the output format is looked at.
  // builder.go visitorResult: a selector without a type, a type without a name (and neither a
  // selector nor --all), nothing at all.
  const selector = ctx.str('selector');
  if (args.length === 0 && ctx.list('filename').length === 0) {
    if (selector !== '') ctx.fail('at least one resource must be specified to use a selector');
    ctx.fail(NO_RESOURCES);
  }
  const output = ctx.str('output') || 'yaml';
  const objects: { obj: KubeObject; source?: string }[] = [];
  const files = filenameArgs(ctx);
  refuseArgsWithPaths(ctx, files, args);
  // `-f FILE`: the live objects the file names (the builder's Latest()).
  if (files.length > 0) {
    for (const m of readFilenames(ctx, files, undefined, 'view-last-applied')) {
      // RetrieveLatest in the object's own namespace, then RequireNamespace.
      const ns = ownNamespace(ctx, m);
      const name = m.obj.metadata?.name ?? '';
      const r = ctx.host.api.get(m.type.resource, ns, name);
      if (!r.ok) ctx.failStatus(getFailure(ctx, m.type, ns, name, r.status));
      const mismatch = namespaceMismatch(ctx, m);
      if (mismatch) ctx.fail(mismatch);
      objects.push({ obj: r.value, source: m.source });
    }
  }
  // --all is the builder's selector of everything: with names, the same refusals as -l.
  const check = { selector: selector.trim() !== '' || ctx.bool('all'), allNamespaces: false };
  for (const { type, names } of files.length > 0 ? [] : typesAndNames(ctx, args, [], check)) {
    const ns = nsFor(type, ctx.namespace);
    if (names.length === 0 && selector === '' && !ctx.bool('all'))
      ctx.fail('resource(s) were provided, but no name was specified');
    if (names.length === 0) {
      const r = ctx.host.api.list(
        type.resource,
        ns,
        selector ? { labelSelector: selector } : undefined,
      );
      if (!r.ok) ctx.failStatus(listError(r.status, type, selector, ''));
      for (const obj of r.value.items) objects.push({ obj });
      continue;
    }
    for (const name of names) {
      const r = ctx.host.api.get(type.resource, ns, name);
      if (!r.ok) ctx.failStatus(getFailure(ctx, type, ns, name, r.status));
      objects.push({ obj: r.value });
    }
  }
  // Complete's visit: an object without the annotation is AddSourceToErr of a nil error, so
  // from a file it is that odd text, and named by argument no error at all (nothing printed).
  const configs: string[] = [];
  for (const { obj, source } of objects) {
    const config = obj.metadata?.annotations?.[LAST_APPLIED];
    if (config === undefined) {
      if (source === undefined) continue;
      ctx.fail(
        `error when no last-applied-configuration annotation found on resource: ${obj.metadata?.name ?? ''}\n ${JSON.stringify(source)}: <nil>`,
      );
    }
    configs.push(config);
  }
  // Run: the output format is looked at for each configuration found.
  configs.forEach((config) => {
    if (output !== 'yaml' && output !== 'json') {
      ctx.usageError(
        `Unexpected -o output mode: ${output}, the flag 'output' must be one of yaml|json`,
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(config);
    } catch {
      ctx.fail(`error converting JSON to YAML: ${config}`);
    }
    if (output === 'json') ctx.out(`${JSON.stringify(parsed, null, 2)}\n`);
    // Each object's YAML right after the last one's: RunApplyViewLastApplied prints no `---`.
    else ctx.out(toGoYaml(parsed));
  });
}
