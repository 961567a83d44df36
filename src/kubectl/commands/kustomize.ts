/**
 * `kubectl kustomize [DIR]` and the `-k DIR` of apply, create, delete, get, diff and replace
 * (cli-runtime's FilenameOptions: `-f` and `-k` exclude each other, `-k` refuses `-R`).
 */
import type { Ctx } from '../context.ts';
import { type KustOptions, kustomizeBuild, kustomizeYaml } from '../kustomize/build.ts';
import { toGoYaml } from '../printers/goyaml.ts';
import { typeByKind } from '../resources.ts';

/** A `-k` directory travels among `-f` names behind this mark (no typed path can hold it). */
const MARK = '\u0000kustomize:';

/**
 * The `-f` names of a command, or its `-k` directory marked for readFilenames; kubectl's
 * FilenameOptions.validate first.
 */
export function filenameArgs(ctx: Ctx): string[] {
  const files = ctx.list('filename');
  // Builder.Stdin: a second `-f -` is the builder's error.
  if (files.filter((f) => f === '-').length > 1)
    ctx.fail('standard input cannot be used for multiple arguments');
  const dir = ctx.flags.values.has('kustomize') ? ctx.str('kustomize') : '';
  if (dir === '') return files;
  if (files.length > 0) ctx.fail('only one of -f or -k can be specified');
  if (ctx.bool('recursive')) ctx.fail("the -k flag can't be used with -f or -R");
  return [`${MARK}${dir}`];
}

/** The directory of a marked `-k` name, else undefined. */
export function kustomizeDir(file: string): string | undefined {
  return file.startsWith(MARK) ? file.slice(MARK.length) : undefined;
}

/** Whether the cluster serves a kind as namespaced (undefined: a kind it does not serve). */
const namespacedKind = (apiVersion: string, kind: string): boolean | undefined =>
  typeByKind(apiVersion, kind)?.namespaced;

/** The objects a kustomization renders; kustomize's error otherwise. */
export function kustomizeObjects(
  ctx: Ctx,
  dir: string,
  options: KustOptions = {},
): Record<string, unknown>[] {
  const r = kustomizeBuild(ctx.host.fs, dir, namespacedKind, options);
  for (const w of r.warnings) ctx.err(`${w}\n`);
  if (!r.ok) ctx.fail(r.error);
  if (r.unreplacedVars) {
    ctx.klog(
      'I',
      'log.go:245',
      `well-defined vars that were never replaced: ${r.unreplacedVars.join(',')}`,
    );
  }
  return r.objects;
}

/** kustomize's error for the kustomization in `dir`, if it does not build (nothing printed). */
export function kustomizeError(ctx: Ctx, dir: string): string | undefined {
  const r = kustomizeBuild(ctx.host.fs, dir, namespacedKind);
  return r.ok ? undefined : r.error;
}

/** `kubectl kustomize [DIR]`: the rendered YAML, or into the `-o` file. */
export function runKustomize(ctx: Ctx, args: string[]): void {
  if (args.length > 1) {
    ctx.fail('specify one path to kustomization.yaml');
  }
  const dir = args[0] ?? '.';
  // kustomize build's flag checks.
  const restrictor = ctx.str('load-restrictor') || 'LoadRestrictionsRootOnly';
  if (restrictor !== 'LoadRestrictionsRootOnly' && restrictor !== 'LoadRestrictionsNone') {
    ctx.fail(
      `illegal flag value --load-restrictor ${restrictor}; legal values: [LoadRestrictionsRootOnly LoadRestrictionsNone]`,
    );
  }
  const reorder = ctx.flags.changed.has('reorder') ? ctx.str('reorder') : 'legacy';
  if (reorder !== 'legacy' && reorder !== 'none') {
    ctx.fail(`illegal flag value --reorder ${reorder}; legal values: [legacy none]`);
  }
  const objects = kustomizeObjects(ctx, dir, {
    reorder,
    loadRestrictionsNone: restrictor === 'LoadRestrictionsNone',
    enableHelm: ctx.bool('enable-helm'),
  });
  const text = kustomizeYaml(objects, toGoYaml);
  const out = ctx.str('output');
  if (out === '') {
    ctx.out(text);
    return;
  }
  const fs = ctx.host.fs;
  if (fs.isDirectory(out)) {
    writeIndividualFiles(ctx, out, objects);
    return;
  }
  // os.WriteFile: the directory it writes in must be there.
  const slash = out.replace(/\/+$/, '').lastIndexOf('/');
  const parent = slash > 0 ? out.slice(0, slash) : slash === 0 ? '/' : '.';
  if (!fs.isDirectory(parent)) ctx.fail(`open ${out}: no such file or directory`);
  const w = fs.write(out, text);
  if (!w.ok) ctx.fail(w.error);
}

/**
 * kustomize build -o DIR: one file per object, `group_version_kind_name.yaml` in lower case,
 * behind its namespace (`default` for none) when the objects span several namespaces.
 */
function writeIndividualFiles(ctx: Ctx, dir: string, objects: Record<string, unknown>[]): void {
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  const meta = (o: Record<string, unknown>) =>
    (o.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  const namespaced = (o: Record<string, unknown>): boolean =>
    typeByKind(o.apiVersion, o.kind)?.namespaced ?? true;
  const nsOf = (o: Record<string, unknown>): string => str(meta(o).namespace) || 'default';
  const namespaces = new Set(objects.filter(namespaced).map(nsOf));
  const fileName = (o: Record<string, unknown>): string => {
    const av = str(o.apiVersion);
    const i = av.indexOf('/');
    const gvk = [i >= 0 ? av.slice(0, i) : '', i >= 0 ? av.slice(i + 1) : av, str(o.kind)]
      .filter((p) => p !== '')
      .join('_');
    return `${gvk}_${str(meta(o).name)}.yaml`.toLowerCase();
  };
  for (const o of objects) {
    let name = fileName(o);
    if (namespaced(o) && namespaces.size > 1) name = `${nsOf(o).toLowerCase()}_${name}`;
    const w = ctx.host.fs.write(`${dir.replace(/\/+$/, '')}/${name}`, toGoYaml(o));
    if (!w.ok) ctx.fail(w.error);
  }
}
