/**
 * `kubectl apply set-last-applied -f FILENAME [--create-annotation]`
 * (apply_set_last_applied.go): the last-applied-configuration annotation of each object the
 * files name is set to the file's object as JSON, by a merge patch of that annotation alone (the
 * rest of the file is not sent, so the server never validates it). An object without the
 * annotation is refused unless --create-annotation; one whose annotation already holds exactly
 * that JSON is left alone (`set-last-applied NAME: no changes required.`).
 */
import type { KubeObject } from '../../engine/api/types.ts';
import type { Ctx } from '../context.ts';
import { dryRunStrategy, outputFormat, printObject } from '../output.ts';
import { getFailure, NO_RESOURCES, namespaceForManifest, readFilenames } from './common.ts';
import { goCompactJson } from './create.ts';
import { filenameArgs } from './kustomize.ts';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export function runSetLastApplied(ctx: Ctx): void {
  const format = outputFormat(ctx, false);
  const dryRun = dryRunStrategy(ctx);
  const files = filenameArgs(ctx);
  if (files.length === 0) ctx.fail(NO_RESOURCES);
  // Validate: every object is read and checked before any is patched.
  const patches: {
    resource: Parameters<Ctx['host']['api']['get']>[0];
    ns?: string;
    live: KubeObject;
    json: string;
    from: KubeObject;
  }[] = [];
  for (const m of readFilenames(ctx, files, undefined, 'set-last-applied')) {
    const ns = m.type.namespaced ? namespaceForManifest(ctx, m) : undefined;
    const name = m.obj.metadata?.name ?? '';
    // encodeToJSON of the object as the builder read it: its namespace filled in, keys sorted;
    // runtime.Encode ends the JSON with a newline, which yaml.ToJSON keeps (JSON input is
    // returned as it is): the annotation holds it, as apply's does.
    const fileObj: KubeObject = {
      ...m.obj,
      metadata: { ...(m.obj.metadata ?? {}), ...(ns !== undefined ? { namespace: ns } : {}) },
    };
    const json = `${goCompactJson(fileObj)}\n`;
    const got = ctx.host.api.get(m.type.resource, ns, name);
    if (!got.ok) ctx.failStatus(getFailure(ctx, m.type, ns, name, got.status));
    const original = got.value.metadata?.annotations?.[LAST_APPLIED];
    if (original === undefined && !ctx.bool('create-annotation')) {
      ctx.fail(
        `no last-applied-configuration annotation found on resource: ${name}, to create the annotation, run the command with --create-annotation`,
      );
    }
    if (original === json) {
      ctx.out(`set-last-applied ${name}: no changes required.\n`);
      continue;
    }
    patches.push({
      resource: m.type.resource,
      ...(ns !== undefined ? { ns } : {}),
      live: got.value,
      json,
      from: m.obj,
    });
  }
  for (const p of patches) {
    let shown = p.live;
    if (dryRun !== 'client') {
      const r = ctx.host.api.patch(
        p.resource,
        p.ns,
        p.live.metadata?.name ?? '',
        { metadata: { annotations: { [LAST_APPLIED]: p.json } } },
        dryRun === 'server' ? { dryRun: true } : {},
      );
      if (!r.ok) ctx.failStatus(r.status);
      shown = r.value;
    }
    printObject(
      ctx,
      {
        ...shown,
        apiVersion: shown.apiVersion ?? p.from.apiVersion,
        kind: shown.kind ?? p.from.kind,
      },
      format,
      { verb: 'configured', dryRun },
    );
  }
}
