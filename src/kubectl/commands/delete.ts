/** `kubectl delete`: by name, type/name, `-f`, `--all`, `-l`; waits for the objects to go. */
import type { DeleteOptions, KubeObject, Status } from '../../engine/api/types.ts';
import type { Ctx } from '../context.ts';
import { clientError, multipleErrors, withSource } from '../errors.ts';
import { parseGoBool } from '../flags.ts';
import { dryRunStrategy } from '../output.ts';
import { type AnyResourceType, kindPrefix, type ResourceType } from '../resources.ts';
import { takeStdin } from '../stdin.ts';
import { askOnTerminal } from '../terminal.ts';
import { informerLog } from '../verboseLog.ts';
import {
  listError,
  NO_RESOURCES,
  namespaceForManifest,
  notFound,
  nsFor,
  peekObject,
  readFilenames,
  refuseArgsWithPaths,
  typesAndNames,
  VERSIONLESS_NOT_FOUND,
} from './common.ts';
import { filenameArgs } from './kustomize.ts';
import { CONSOLE_WAIT_MS, deleteWaitNote } from './waitNote.ts';

interface Target {
  type: ResourceType;
  namespace: string | undefined;
  name: string;
  source?: string;
  uid?: string;
  /** How many of the files' errors (`readErrors`) come before this one, in document order. */
  errorsBefore?: number;
  /** A file's core object without apiVersion: its DELETE goes to an unrouted path. */
  versionless?: true;
}

/**
 * cmdutil.GetCascadingStrategy, in DeleteFlags.ToOptions before anything else: a Go boolean is
 * the old form (true is background, false orphan) with a warning; any other word but the three
 * policies is an error.
 */
export function cascadingStrategy(ctx: Ctx): DeleteOptions['propagationPolicy'] {
  // A bare --cascade is background (NoOptDefVal); an empty --cascade= is an invalid value.
  const cascade = ctx.changed('cascade') ? ctx.str('cascade') : 'background';
  const b = parseGoBool(cascade);
  if (b !== undefined) {
    const repl = b ? 'background' : 'orphan';
    ctx.err(
      `warning: --cascade=${cascade} is deprecated (boolean value) and can be replaced with --cascade=${repl}.\n`,
    );
    return b ? 'Background' : 'Orphan';
  }
  if (cascade === 'orphan') return 'Orphan';
  if (cascade === 'foreground') return 'Foreground';
  if (cascade === 'background') return 'Background';
  ctx.fail(`invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan"`);
}

export function runDelete(ctx: Ctx, args: string[]): void {
  const policy = cascadingStrategy(ctx);
  // The real kubectl sends DELETE to the raw path and ignores the arguments: never fall back to
  // deleting what they name.
  const raw = ctx.str('raw');
  if (raw !== '') ctx.fail(`--raw ${raw}: deleting raw API paths is not available in this console`);
  const files = filenameArgs(ctx);
  const all = ctx.bool('all');
  const selector = ctx.str('selector');
  const fieldSelector = ctx.str('field-selector');
  const allNs = ctx.bool('all-namespaces');
  const dryRun = dryRunStrategy(ctx);
  const output = ctx.str('output');
  // Complete: --now is a grace period of 1; --grace-period=0 without --force becomes 1 too
  // (backwards compatibility without accidental data loss); --force alone means 0.
  const force = ctx.bool('force');
  let grace = ctx.num('grace-period', -1);
  if (ctx.bool('now')) {
    if (grace !== -1) ctx.fail('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  // Builder.SelectAllParam, in Complete: --all with a label or field selector is an error the
  // builder holds, reported before anything else it would find (the trailing space is kubectl's).
  if (all && (selector.trim() !== '' || fieldSelector.trim() !== ''))
    ctx.fail("setting 'all' parameter but found a non empty selector. ");
  if (args.length === 0 && files.length === 0) ctx.fail(NO_RESOURCES);
  refuseArgsWithPaths(ctx, files, args);
  // Validate, once the builder has its arguments and before anything is read or deleted.
  const validate = (): void => {
    if (output !== '' && output !== 'name')
      ctx.fail(`unexpected -o output mode: ${output}. We only support '-o name'`);
    if (force && grace > 0)
      ctx.fail('--force and --grace-period greater than 0 cannot be specified together');
    if (force && grace === 0) {
      // Complete has built the builder's clients by now (-v: the feature gates come first).
      ctx.requestLog?.featureGates();
      ctx.err(
        'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
      );
    }
  };
  const ns = ctx.namespace;
  const targets: Target[] = [];
  const errors: Status[] = [];
  /** The files' errors (ContinueOnError), reported among the deletions in document order. */
  const readErrors: Status[] = [];

  if (files.length > 0) {
    for (const m of readFilenames(ctx, files, readErrors, 'create', {
      undecodableLast: true,
      versionless: true,
    })) {
      targets.push({
        type: m.type,
        namespace: namespaceForManifest(ctx, m),
        name: m.obj.metadata?.name ?? '',
        source: m.source,
        errorsBefore: m.errorsBefore ?? 0,
        ...(m.versionless ? { versionless: true } : {}),
      });
    }
    validate();
  } else {
    const empty: AnyResourceType[] = [];
    const requests = typesAndNames(ctx, args, empty, {
      selector: all || selector.trim() !== '' || fieldSelector.trim() !== '',
      allNamespaces: allNs,
    });
    const unnamed = empty.length > 0 || requests.some((r) => r.names.length === 0);
    if (unnamed && !all && !selector && !fieldSelector)
      ctx.fail('resource(s) were provided, but no name was specified');
    validate();
    for (const { type, names } of requests) {
      if (names.length > 0) {
        for (const name of names) targets.push({ type, namespace: nsFor(type, ns), name });
        continue;
      }
      if (!all && !selector && !fieldSelector)
        ctx.fail('resource(s) were provided, but no name was specified');
      const r = ctx.host.api.list(
        type.resource,
        type.namespaced && !allNs ? ns : undefined,
        selector || fieldSelector
          ? {
              ...(selector ? { labelSelector: selector } : {}),
              ...(fieldSelector ? { fieldSelector } : {}),
            }
          : undefined,
      );
      if (!r.ok) {
        errors.push(listError(r.status, type, selector, fieldSelector));
        continue;
      }
      for (const obj of r.value.items) {
        targets.push({
          type,
          namespace: type.namespaced ? obj.metadata?.namespace : undefined,
          name: obj.metadata?.name ?? '',
        });
      }
    }
    // delete's DeleteResult says it on stdout, without the namespace `get` names.
    if (targets.length === 0 && errors.length === 0 && (all || selector || fieldSelector)) {
      ctx.out('No resources found\n');
    }
  }

  // --interactive: what the builder found, and a question read from stdin (delete.go
  // confirmation: fmt.Fscan of one word; "y" in any case goes on, anything else, or no input at
  // all, as from a console line with nothing piped in, is "deletion is cancelled"). The lab's
  // terminal waits for the answer instead (terminal.ts).
  if (ctx.bool('interactive') && targets.length > 0) {
    let prompt = `You are about to delete the following ${targets.length} resource(s):\n`;
    for (const t of targets) prompt += `${kindPrefix(t.type)}/${t.name}\n`;
    ctx.out(`${prompt}${QUESTION}`);
    const finish = { policy, grace, force, dryRun, output, readErrors };
    const confirmed = (c: Ctx, word: string): void => {
      if (word.toLowerCase() === 'y') deleteTargets(c, targets, errors, finish);
      else c.out('deletion is cancelled\n');
    };
    const stdin = takeStdin(ctx.host);
    if (stdin !== undefined) confirmed(ctx, stdin.trim().split(/\s+/)[0] ?? '');
    else if (!askOnTerminal(ctx, QUESTION, (word, c) => confirmed(c, word))) {
      ctx.out('deletion is cancelled\n');
      ctx.err(
        '(this console cannot wait for the answer: give it on the same line, as in kubectl delete pod NAME -i <<< y)\n',
      );
    }
    return;
  }
  deleteTargets(ctx, targets, errors, { policy, grace, force, dryRun, output, readErrors });
}

/** delete.go's "Do you want to continue?" and what follows it on the terminal's line. */
const QUESTION = 'Do you want to continue? (y/n): ';

/**
 * DeleteResult: delete what the builder found (`errors`: what it could not read), wait for it to
 * go, and print what failed.
 */
function deleteTargets(
  ctx: Ctx,
  targets: Target[],
  errors: Status[],
  opts: {
    policy: DeleteOptions['propagationPolicy'];
    grace: number;
    force: boolean;
    dryRun: ReturnType<typeof dryRunStrategy>;
    output: string;
    readErrors?: Status[];
  },
): void {
  const { policy, grace, force, dryRun, output, readErrors = [] } = opts;
  const deleted: Target[] = [];
  /** What the wait visits, in order: the deleted objects and those --ignore-not-found let by. */
  const visited: Target[] = [];
  // WarnClusterScope: with -n (and without -A), once, at the first cluster-scoped object.
  let warnClusterScope = ctx.explicitNamespace && !ctx.bool('all-namespaces');
  const suffix =
    dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  let read = 0;
  /** NotFound errors --ignore-not-found filters out of the visit's errors (after counting). */
  let ignored = 0;
  for (const t of targets) {
    while (read < (t.errorsBefore ?? 0)) errors.push(readErrors[read++] as Status);
    if (warnClusterScope && !t.type.namespaced) {
      ctx.err('Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n');
      warnClusterScope = false;
    }
    // The builder does not fetch what it deletes (RequireObject(false)), and a client dry run
    // sends nothing: whatever is named is "deleted (dry run)", there or not.
    if (dryRun !== 'client') {
      // client-go's Request.Name refuses an empty name (a file's nameless object).
      if (t.name === '') {
        errors.push(
          withSource(clientError('resource name may not be empty'), 'deleting', t.source),
        );
        continue;
      }
      const opts: DeleteOptions = {
        propagationPolicy: policy,
        ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}),
        ...(dryRun === 'server' ? { dryRun: true } : {}),
      };
      const r = t.versionless
        ? { ok: false as const, status: VERSIONLESS_NOT_FOUND }
        : ctx.host.api.delete(t.type.resource, t.namespace, t.name, opts);
      if (!r.ok) {
        if (r.status.reason === 'NotFound' && ctx.bool('ignore-not-found')) {
          visited.push(t);
          ignored++;
          continue;
        }
        const st =
          r.status.reason === 'NotFound' && !t.source ? notFound(t.type, t.name) : r.status;
        errors.push(withSource(st, 'deleting', t.source));
        continue;
      }
      const uid = (r.value as KubeObject).metadata?.uid;
      if (uid) t.uid = uid;
    }
    if (output === 'name') ctx.out(`${kindPrefix(t.type)}/${t.name}\n`);
    else {
      const verb = force && grace === 0 ? 'force deleted' : 'deleted';
      ctx.out(`${kindPrefix(t.type)} "${t.name}" ${verb}${suffix}\n`);
    }
    deleted.push(t);
    visited.push(t);
  }
  while (read < readErrors.length) errors.push(readErrors[read++] as Status);

  const wait = ctx.flags.values.get('wait') !== false;
  if (wait && dryRun === 'none' && deleted.length === 0 && visited.length > 0) {
    // Only objects that were not there: the wait finds each gone at once.
    for (const t of visited) ctx.requestLog?.reread(t.type.resource, t.namespace, t.name, 404);
  }
  if (wait && dryRun === 'none' && deleted.length > 0) {
    const gone = (t: Target): boolean => {
      const obj = peekObject(ctx, t.type.resource, t.namespace, t.name);
      if (!obj) return true;
      return t.uid !== undefined && obj.metadata?.uid !== t.uid;
    };
    // --timeout=0 (the default) is kubectl's "a week": the console stops earlier and says so.
    const given = ctx.changed('timeout') && ctx.num('timeout', 0) > 0;
    const limit = given ? ctx.num('timeout', 0) : CONSOLE_WAIT_MS;
    const ok = waitDeleted(ctx, visited, deleted, gone, limit);
    if (!ok) {
      const first = deleted.find((t) => !gone(t));
      if (first && !given) {
        const finalizers =
          peekObject(ctx, first.type.resource, first.namespace, first.name)?.metadata?.finalizers ??
          [];
        for (const e of errors) e.code === 0 ? ctx.err(`error: ${e.message}\n`) : ctx.errStatus(e);
        ctx.err(deleteWaitNote(first.type.resource, first.name, finalizers));
        ctx.exitCode = 1;
        return;
      }
      if (first)
        errors.push({
          apiVersion: 'v1',
          kind: 'Status',
          metadata: {},
          status: 'Failure',
          message: `timed out waiting for the condition on ${first.type.resource}/${first.name}`,
          reason: 'InternalError',
          code: 0,
        });
    }
  }
  // CheckErr of the visit's aggregate: several errors print as they are, without `error: `.
  // The visit gathers the NotFound errors too; --ignore-not-found filters them out of the
  // aggregate afterwards (utilerrors.FilterOut), which stays an aggregate even of one.
  ctx.dumpStatuses(errors);
  if (errors.length + ignored > 1 && readErrors.length > 0) ctx.err(multipleErrors(errors));
  else {
    for (const e of errors) {
      if (e.code === 0) ctx.err(`error: ${e.message}\n`);
      else ctx.errStatus(e, true);
    }
  }
  if (errors.length > 0) ctx.exitCode = 1;
}

/** What DeleteResult's wait needs of an object: where it is. */
export interface DeletedObject {
  type: { resource: ResourceType['resource'] };
  namespace: string | undefined;
  name: string;
}

/**
 * DeleteResult's wait (cmdwait's IsDeleted) until every deleted object is gone or `limitMs`
 * passes: it reads each visited object in turn, watches the first one still there until it is
 * gone, then reads the ones after it (-v=6 logs each read, -v=2 the informer). Returns whether
 * all went in time.
 */
export function waitDeleted<T extends DeletedObject>(
  ctx: Ctx,
  visited: T[],
  deleted: T[],
  gone: (t: T) => boolean,
  limitMs: number,
): boolean {
  const firstPresent = visited.findIndex((t) => !gone(t));
  const before = firstPresent < 0 ? visited : visited.slice(0, firstPresent + 1);
  let stop = (): void => {};
  for (const t of before) {
    const present = !gone(t);
    ctx.requestLog?.reread(t.type.resource, t.namespace, t.name, present ? 200 : 404);
    if (present)
      stop = informerLog(ctx.requestLog, ctx.host.api, t.type.resource, t.namespace, t.name);
  }
  const rest = firstPresent < 0 ? [] : visited.slice(firstPresent + 1);
  const ok = ctx.host.runUntil(() => deleted.every(gone), limitMs);
  stop();
  if (ok)
    for (const t of rest)
      ctx.requestLog?.reread(t.type.resource, t.namespace, t.name, gone(t) ? 404 : 200);
  return ok;
}
