/**
 * `kubectl set selector` and `kubectl set serviceaccount` (alias `sa`) as 1.32's
 * cmd/set/set_selector.go and set_serviceaccount.go run them: the objects named (or read with
 * `-f`; with `--local` the file's objects themselves), each changed, sent as a patch (or, with
 * `--local` / `--dry-run=client`, printed as changed) and printed with `selector updated` /
 * `serviceaccount updated`.
 */
import type { KubeObject, Status } from '../../engine/api/types.ts';
import type { Ctx } from '../context.ts';
import { clientError, ExitError } from '../errors.ts';
import { checkTemplatePrinter, dryRunStrategy, outputFormat, printObject } from '../output.ts';
import { apiVersionOf, type ResourceType } from '../resources.ts';
import {
  getFailure,
  LOCAL_RESOURCE_ERROR,
  NO_RESOURCES,
  namespaceForManifest,
  nsFor,
  readFilenames,
  refuseArgsWithPaths,
  refuseLocalServerDryRun,
} from './common.ts';
import { filenameArgs } from './kustomize.ts';
import { selectedTargets } from './misc.ts';
import { nest, noPodSpecError, podSpecPath, withAt } from './podSpecPath.ts';

type Obj = Record<string, unknown>;
interface Target {
  type: ResourceType;
  name: string;
  ns: string | undefined;
  obj?: KubeObject;
}

/** The objects of the builder: `-f` files' (live unless --local), then TYPE NAME arguments. */
function targets(ctx: Ctx, resources: string[], errors: Status[]): Target[] {
  // Complete makes the printer before the builder reads anything.
  checkTemplatePrinter(ctx, outputFormat(ctx, false));
  const files = filenameArgs(ctx);
  const local = ctx.bool('local');
  const out: Target[] = [];
  if (!local) refuseArgsWithPaths(ctx, files, resources);
  for (const m of files.length > 0 ? readFilenames(ctx, files, errors) : []) {
    const ns = namespaceForManifest(ctx, m);
    out.push({
      type: m.type,
      name: m.obj.metadata?.name ?? '',
      ns,
      ...(local ? { obj: m.obj } : {}),
    });
  }
  if (local) {
    if (files.length === 0) ctx.fail(NO_RESOURCES);
    return out;
  }
  if (resources.length === 0 && files.length === 0) ctx.fail(NO_RESOURCES);
  if (resources.length > 0) {
    for (const t of selectedTargets(ctx, resources)) {
      out.push({ type: t.type, name: t.name, ns: nsFor(t.type, ctx.namespace), obj: t.obj });
    }
  }
  // Latest(): each object as the server has it now (a missing one is gathered, not fatal).
  const found: Target[] = [];
  for (const t of out) {
    if (t.obj) {
      found.push(t);
      continue;
    }
    const r = ctx.host.api.get(t.type.resource, t.ns, t.name);
    if (r.ok) found.push({ ...t, obj: r.value });
    else errors.push(getFailure(ctx, t.type, t.ns, t.name, r.status));
  }
  return found;
}

/** Prints the object as changed, or sends the patch and prints what the server stored. */
function patchAndPrint(
  ctx: Ctx,
  t: Target,
  changed: KubeObject,
  patch: Obj,
  verb: string,
  failure: string,
  errors: Status[],
): void {
  const dryRun = dryRunStrategy(ctx);
  const format = outputFormat(ctx, false);
  let shown = changed;
  if (!ctx.bool('local') && dryRun !== 'client') {
    const r = ctx.host.api.patch(t.type.resource, t.ns, t.name, patch, {
      fieldManager: ctx.str('field-manager') || 'kubectl-set',
      ...(dryRun === 'server' ? { dryRun: true } : {}),
    });
    if (!r.ok) {
      errors.push(failure ? clientError(`${failure}${r.status.message}`) : r.status);
      return;
    }
    shown = r.value;
  }
  printObject(ctx, { ...shown, apiVersion: apiVersionOf(t.type), kind: t.type.kind }, format, {
    verb,
    dryRun: ctx.bool('local') && dryRun === 'none' ? 'none' : dryRun,
    typed: 'decoded',
  });
}

function finish(ctx: Ctx, errors: Status[]): void {
  if (errors.length === 0) return;
  ctx.errStatuses(errors);
  throw new ExitError(1);
}

/** `kubectl set serviceaccount (-f FILENAME | TYPE NAME) SERVICE_ACCOUNT`. */
export function runSetServiceAccount(ctx: Ctx, args: string[]): void {
  if (args.length === 0) ctx.fail('serviceaccount is required');
  const sa = args[args.length - 1] as string;
  const errors: Status[] = [];
  for (const t of targets(ctx, args.slice(0, -1), errors)) {
    const obj = t.obj as KubeObject;
    const path = podSpecPath(t.type);
    if (!path) {
      // CalculatePatches' error for the object, as Run words it (`error: %s %v\n`): several
      // are a blank line apart.
      errors.push(clientError(`error: ${noPodSpecError(t.type, t.name)}\n`));
      continue;
    }
    const leaf = { serviceAccountName: sa };
    patchAndPrint(
      ctx,
      t,
      withAt(obj as Obj, path, leaf) as KubeObject,
      nest(path, leaf),
      'serviceaccount updated',
      'failed to patch ServiceAccountName ',
      errors,
    );
  }
  finish(ctx, errors);
}

/**
 * metav1.ParseToLabelSelector, enough for `set selector`: `k=v` / `k==v` are match labels; other
 * requirements (`!=`, `in`, `notin`, `k`, `!k`) are match expressions, which only Services refuse.
 */
function parseSelector(
  text: string,
): { labels: Record<string, string>; expressions: string[] } | { error: string } {
  const labels: Record<string, string> = {};
  const expressions: string[] = [];
  const parts = text.trim() === '' ? [] : (text.match(/(?:[^,(]|\([^)]*\))+/g) ?? []);
  for (const raw of parts) {
    const part = raw.trim();
    let m = /^([A-Za-z0-9][-A-Za-z0-9_./]*)\s*(==|=)\s*([-A-Za-z0-9_.]*)$/.exec(part);
    if (m) {
      Object.defineProperty(labels, m[1] as string, {
        value: m[3] as string,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      continue;
    }
    m = /^([A-Za-z0-9][-A-Za-z0-9_./]*)\s*!=\s*([-A-Za-z0-9_.]*)$/.exec(part);
    if (m) {
      expressions.push(`{${m[1]} NotIn [${m[2]}]}`);
      continue;
    }
    m = /^([A-Za-z0-9][-A-Za-z0-9_./]*)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part);
    if (m) {
      const values = (m[3] as string)
        .split(',')
        .map((v) => v.trim())
        .sort();
      expressions.push(`{${m[1]} ${m[2] === 'in' ? 'In' : 'NotIn'} [${values.join(' ')}]}`);
      continue;
    }
    m = /^(!?)([A-Za-z0-9][-A-Za-z0-9_./]*)$/.exec(part);
    if (m) {
      expressions.push(`{${m[2]} ${m[1] ? 'DoesNotExist' : 'Exists'} []}`);
      continue;
    }
    return {
      error: `unable to parse requirement: found '${part}', expected: in, notin, =, ==, !=, gt, lt`,
    };
  }
  return { labels, expressions };
}

/** `kubectl set selector (-f FILENAME | TYPE NAME) EXPRESSIONS`. */
export function runSetSelector(ctx: Ctx, args: string[]): void {
  // getResourcesAndSelector: the last argument is the selector, the others the resources.
  const resources = args.slice(0, -1);
  const parsed = args.length > 0 ? parseSelector(args[args.length - 1] as string) : undefined;
  if (parsed && 'error' in parsed) ctx.fail(parsed.error);
  // Validate wants a selector; then the builder wants resources (kubectl 1.32.5: `set selector
  // deployment/web` takes deployment/web for the selector and has no resource).
  if (!parsed) ctx.fail('one selector is required');
  // The builder with --local maps no argument: any is LocalResourceError.
  if (ctx.bool('local') && resources.length > 0) ctx.fail(LOCAL_RESOURCE_ERROR);
  if (resources.length === 0 && filenameArgs(ctx).length === 0) ctx.fail(NO_RESOURCES);
  const errors: Status[] = [];
  for (const t of targets(ctx, resources, errors)) {
    const obj = t.obj as KubeObject;
    // updateSelectorForObject: Services only; a Service takes match labels only.
    if (t.type.resource !== 'services') {
      ctx.fail('setting a selector is only supported for Services');
    }
    if (parsed.expressions.length > 0) {
      ctx.fail(`match expression [${parsed.expressions.join(' ')}] not supported on this object`);
    }
    // A two-way merge patch: the old selector's other keys are removed.
    const old = ((obj.spec as Obj | undefined)?.selector ?? {}) as Record<string, string>;
    const selector: Record<string, string | null> = {};
    for (const k of Object.keys(old)) if (!Object.hasOwn(parsed.labels, k)) selector[k] = null;
    Object.assign(selector, parsed.labels);
    const patch: Obj = { spec: { selector } };
    const rv = ctx.str('resource-version');
    if (rv !== '') patch.metadata = { resourceVersion: rv };
    const changed = { ...obj, spec: { ...(obj.spec as Obj), selector: parsed.labels } };
    patchAndPrint(ctx, t, changed as KubeObject, patch, 'selector updated', '', errors);
  }
  finish(ctx, errors);
}

/** An rbac/v1 Subject, in its Go field order. */
interface Subject {
  kind: string;
  apiGroup?: string;
  name: string;
  namespace?: string;
}

const sameSubject = (a: Subject, b: Subject): boolean =>
  a.kind === b.kind &&
  (a.apiGroup ?? '') === (b.apiGroup ?? '') &&
  a.name === b.name &&
  (a.namespace ?? '') === (b.namespace ?? '');

/**
 * `kubectl set subject`, as set_subject.go runs it: the builder (Complete: --local reads files
 * only), Validate, then each RoleBinding or ClusterRoleBinding gains the subjects it does not hold
 * yet (users, groups, then service accounts, each sorted and without repeats); one that holds
 * them all is left without a word.
 */
export function runSetSubject(ctx: Ctx, args: string[]): void {
  const local = ctx.bool('local');
  if (local && args.length > 0) ctx.fail(LOCAL_RESOURCE_ERROR);
  if (!local && args.length === 0 && ctx.list('filename').length === 0) ctx.fail(NO_RESOURCES);
  const errors: Status[] = [];
  const found = targets(ctx, args, errors);
  // Complete returns the builder's errors (Infos()): nothing is validated or patched then.
  finish(ctx, errors);
  // Validate.
  refuseLocalServerDryRun(ctx);
  if (ctx.bool('all') && ctx.str('selector') !== '')
    ctx.fail('cannot set --all and --selector at the same time');
  const users = [...new Set(ctx.list('user'))].sort();
  const groups = [...new Set(ctx.list('group'))].sort();
  const accounts = [...new Set(ctx.list('serviceaccount'))].sort();
  if (users.length + groups.length + accounts.length === 0)
    ctx.fail('you must specify at least one value of user, group or serviceaccount');
  for (const sa of accounts) {
    const tokens = sa.split(':');
    if (tokens.length !== 2 || tokens[1] === '')
      ctx.fail('serviceaccount must be <namespace>:<name>');
    if (tokens[0] === '' && found.some((t) => t.type.resource === 'clusterrolebindings'))
      ctx.fail('serviceaccount must be <namespace>:<name>, namespace must be specified');
  }
  const wanted: Subject[] = [
    ...users.map((name) => ({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name })),
    ...groups.map((name) => ({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name })),
    ...accounts.map((sa) => {
      const [ns, name] = sa.split(':') as [string, string];
      return { kind: 'ServiceAccount', name, namespace: ns || ctx.namespace };
    }),
  ];
  for (const t of found) {
    const obj = t.obj as KubeObject;
    if (t.type.resource !== 'rolebindings' && t.type.resource !== 'clusterrolebindings') {
      // Info.ObjectName: the resource's name from the server, the kind's from a local file.
      const what = local ? t.type.kind.toLowerCase() : t.type.resource;
      errors.push(
        clientError(
          `${what}/${t.name} setting subjects is only supported for RoleBinding/ClusterRoleBinding`,
        ),
      );
      continue;
    }
    const existing = ((obj as { subjects?: Subject[] }).subjects ?? []).filter(
      (x) => x !== null && typeof x === 'object',
    );
    const added = wanted.filter((w) => !existing.some((e) => sameSubject(e, w)));
    if (added.length === 0) continue;
    const subjects = [...existing, ...added];
    patchAndPrint(
      ctx,
      t,
      { ...obj, subjects } as KubeObject,
      { subjects },
      'subjects updated',
      'failed to patch subjects to rolebinding: ',
      errors,
    );
  }
  finish(ctx, errors);
}
