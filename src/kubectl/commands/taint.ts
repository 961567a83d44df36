/**
 * `kubectl taint nodes NAME KEY[=VALUE]:EFFECT … KEY[:EFFECT]-`: add, change and remove node
 * taints with kubectl's parsing, checks and words (tainted / untainted / modified). The scheduler
 * and the taint-eviction controller of the simulated cluster then act on them as they would.
 */
import type { KubeObject, Status } from '../../engine/api/types.ts';
import { isQualifiedName, isValidLabelValue } from '../../engine/apiserver/validation.ts';
import type { Ctx } from '../context.ts';
import { clientError, ExitError } from '../errors.ts';
import { checkTemplatePrinter, dryRunStrategy, outputFormat, printObject } from '../output.ts';
import { resolveType, typeByResource } from '../resources.ts';
import { listError, notFound } from './common.ts';

interface Taint {
  key: string;
  value?: string;
  effect?: string;
}

const EFFECTS = new Set(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);

/** v1.Taint's ToString: `key=value:effect`, dropping the parts that are empty. */
export function taintString(t: Taint): string {
  const value = t.value ?? '';
  if (!t.effect) return value === '' ? t.key : `${t.key}=${value}:`;
  return value === '' ? `${t.key}:${t.effect}` : `${t.key}=${value}:${t.effect}`;
}

class TaintSpecError extends Error {}

/** pkg/util/taints parseTaint: `key=value:effect`, `key:effect` or `key`. */
function parseTaint(spec: string): Taint {
  const parts = spec.split(':');
  let key: string;
  let value = '';
  let effect = '';
  if (parts.length === 1) key = parts[0] as string;
  else if (parts.length === 2) {
    effect = parts[1] as string;
    if (!EFFECTS.has(effect)) {
      throw new TaintSpecError(`invalid taint effect: ${effect}, unsupported taint effect`);
    }
    const kv = (parts[0] as string).split('=');
    if (kv.length > 2) throw new TaintSpecError(`invalid taint spec: ${spec}`);
    key = kv[0] as string;
    if (kv.length === 2) {
      value = kv[1] as string;
      const errs = isValidLabelValue(value);
      if (errs.length > 0)
        throw new TaintSpecError(`invalid taint spec: ${spec}, ${errs.join('; ')}`);
    }
  } else throw new TaintSpecError(`invalid taint spec: ${spec}`);
  const errs = isQualifiedName(key);
  if (errs.length > 0) throw new TaintSpecError(`invalid taint spec: ${spec}, ${errs.join('; ')}`);
  return { key, ...(value !== '' ? { value } : {}), ...(effect !== '' ? { effect } : {}) };
}

/** ParseTaints: the taints to add (an effect is required) and the ones to remove (`…-`). */
function parseTaints(specs: string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const t = parseTaint(spec.slice(0, -1));
      remove.push({ key: t.key, ...(t.effect ? { effect: t.effect } : {}) });
      continue;
    }
    const t = parseTaint(spec);
    if (!t.effect) throw new TaintSpecError(`invalid taint spec: ${spec}`);
    if (add.some((a) => a.key === t.key && a.effect === t.effect)) {
      // Go prints the struct: {key value effect <nil>}.
      throw new TaintSpecError(
        `duplicated taints with the same key and effect: {${t.key} ${t.value ?? ''} ${t.effect} <nil>}`,
      );
    }
    add.push(t);
  }
  return { add, remove };
}

const same = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;

/**
 * The nodes kubectl's builder visits: those listed (--all, -l), or each one named, read in
 * turn; it goes on past a node it cannot read (ContinueOnError), whose error is kept.
 */
function targetNodes(ctx: Ctx, names: string[]): (KubeObject | Status)[] {
  const nodeType = typeByResource('nodes');
  if (ctx.bool('all') || ctx.str('selector') !== '') {
    // A selector the server cannot parse is its BadRequest, named as the builder names it.
    const selector = ctx.str('selector');
    const r = ctx.host.api.list('nodes', undefined, selector ? { labelSelector: selector } : {});
    return r.ok ? r.value.items : [listError(r.status, nodeType, selector, '')];
  }
  return names.map((name) => {
    const r = ctx.host.api.get('nodes', undefined, name);
    if (!r.ok) return r.status.reason === 'NotFound' ? notFound(nodeType, name) : r.status;
    return r.value;
  });
}

export function runTaint(ctx: Ctx, args: string[]): void {
  // Complete: the dry-run strategy and the printer come first (`-o bogus` fails before any
  // argument is looked at).
  const dryRun = dryRunStrategy(ctx);
  const format = outputFormat(ctx, false);
  checkTemplatePrinter(ctx, format);
  // Resources first, then taint changes (anything with `=`, `:` or a trailing `-`).
  const resources: string[] = [];
  const specs: string[] = [];
  for (const a of args) {
    const isTaint = a.includes('=') || a.includes(':') || a.endsWith('-');
    if (isTaint) specs.push(a);
    else if (specs.length > 0)
      ctx.fail(`all resources must be specified before taint changes: ${a}`);
    else resources.push(a);
  }
  if (resources.length < 1)
    ctx.fail('one or more resources must be specified as <resource> <name>');
  if (specs.length < 1) ctx.fail('at least one taint update is required');
  let parsed: { add: Taint[]; remove: Taint[] };
  try {
    parsed = parseTaints(specs);
  } catch (e) {
    if (e instanceof TaintSpecError) ctx.usageError(e.message);
    throw e;
  }
  // Validate: the first argument is looked up as a resource type (the REST mapper's error for
  // an unknown one), and its kind must be Node; plain errors, no usage line.
  const kind = (resources[0] as string).toLowerCase();
  const type = resolveType(kind);
  if (!type) {
    // CheckErr prints a REST mapper NoMatch error bare, without `error: `.
    ctx.err(`the server doesn't have a resource type ${JSON.stringify(kind)}\n`);
    throw new ExitError(1);
  }
  if (type.kind !== 'Node')
    ctx.fail(`invalid resource type ${kind}, only node types are supported`);
  const conflicts: string[] = [];
  for (const a of parsed.add) {
    for (const r of parsed.remove) {
      if (a.key === r.key && (!r.effect || a.effect === r.effect)) {
        conflicts.push(`${r.key}=${r.effect ?? ''}`);
      }
    }
  }
  if (conflicts.length > 0) {
    ctx.fail(
      `can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`,
    );
  }
  const all = ctx.bool('all');
  const selector = ctx.str('selector');
  if (all && selector !== '') {
    ctx.fail("setting 'all' parameter with a non empty selector is prohibited");
  }
  if (!all && selector === '' && resources.length < 2) {
    ctx.fail("at least one resource name must be specified since 'all' parameter is not set");
  }
  const overwrite = ctx.bool('overwrite');
  // The builder continues on error: every node is tried; the failures are printed at the end.
  const errors: Status[] = [];
  for (const got of targetNodes(ctx, resources.slice(1))) {
    if (got.kind === 'Status') {
      errors.push(got as Status);
      continue;
    }
    const node = got as KubeObject;
    const name = node.metadata?.name ?? '';
    const old = ((node.spec as { taints?: Taint[] } | undefined)?.taints ?? []).map((t) => ({
      ...t,
    }));
    if (!overwrite) {
      const exists = parsed.add
        .filter((t) => old.some((o) => same(o, t)))
        .map((t) => t.key)
        .join(',');
      if (exists !== '') {
        errors.push(
          clientError(
            `node ${name} already has ${exists} taint(s) with same effect(s) and --overwrite is false`,
          ),
        );
        continue;
      }
    }
    // ReorganizeTaints: the new taints, then the old ones not replaced, minus the removed ones.
    let next: Taint[] = [...parsed.add, ...old.filter((o) => !parsed.add.some((a) => same(a, o)))];
    const added = old.length !== next.length;
    const missing: string[] = [];
    let deleted = false;
    for (const r of parsed.remove) {
      const before = next.length;
      next = next.filter((t) => (r.effect ? !same(t, r) : t.key !== r.key));
      deleted = next.length !== before;
      if (!deleted) missing.push(`taint "${taintString(r)}" not found`);
    }
    if (missing.length > 0) {
      errors.push(
        clientError(missing.length === 1 ? (missing[0] as string) : `[${missing.join(', ')}]`),
      );
      continue;
    }
    const operation =
      (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
    let result: KubeObject;
    if (dryRun === 'client') {
      // The node as the patch would leave it, printed without being sent.
      const spec = { ...(node.spec as Record<string, unknown> | undefined) };
      if (next.length > 0) spec.taints = next;
      else delete spec.taints;
      result = { ...node, apiVersion: 'v1', kind: 'Node', spec };
    } else {
      const r = ctx.host.api.patch(
        'nodes',
        undefined,
        name,
        { spec: { taints: next.length > 0 ? next : null } },
        {
          fieldManager: ctx.str('field-manager') || 'kubectl-taint',
          ...(dryRun === 'server' ? { dryRun: true } : {}),
        },
      );
      if (!r.ok) {
        errors.push(r.status);
        continue;
      }
      result = r.value;
    }
    // The printer's operation replaces the dry-run suffix PrintFlagsWithDryRunStrategy set, so
    // a dry run says `tainted` as a real one does.
    // The server's answer is a typed Node (-o json in its struct order); a client dry run's is
    // the patched JSON decoded as unstructured (keys sorted).
    // taint.go makes its printer for each node: no `---` between YAML documents.
    printObject(ctx, result, format, {
      verb: operation,
      dryRun: 'none',
      typed: dryRun !== 'client',
      ownPrinter: true,
    });
  }
  // CheckErr: one error as `error: …` (or the server's words), several one a line, bare.
  if (errors.length > 0) {
    ctx.errStatuses(errors);
    ctx.exitCode = 1;
  }
}
