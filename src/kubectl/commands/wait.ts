/**
 * `kubectl wait --for=create|delete|condition=…|jsonpath=…`: kubectl 1.32's wait.go. The
 * condition is read first, then the resource builder finds the objects (by name, `-l` or
 * `--all`) and each is waited on in turn; every success prints `KIND/NAME condition met`.
 */

import type { KubeObject, Status } from '../../engine/api/types.ts';
import type { Ctx } from '../context.ts';
import { clientError, ExitError } from '../errors.ts';
import { checkTemplatePrinter, onePrinter, outputFormat, printObject } from '../output.ts';
import { evaluate } from '../printers/jsonpath.ts';
import { type AnyResourceType, kindPrefix, type ResourceType } from '../resources.ts';
import { informerLog } from '../verboseLog.ts';
import {
  fileTargetArgs,
  listError,
  NO_RESOURCES,
  notFound,
  nsFor,
  peekObject,
  typesAndNames,
} from './common.ts';
import { CONSOLE_WAIT_MS, waitWaitNote } from './waitNote.ts';

/** How often `--for=create` looks for the objects (wait.PollUntilContextTimeout). */
const CREATE_POLL_MS = 500;

type Test = (obj: KubeObject | undefined) => boolean;

/** conditionFuncFor: what an object must look like, or kubectl's error for the `--for` text. */
function conditionFor(
  ctx: Ctx,
  forSpec: string,
): { kind: 'create' | 'delete' | 'other'; test: Test } {
  const lower = forSpec.toLowerCase();
  if (lower === 'delete') return { kind: 'delete', test: (obj) => obj === undefined };
  if (lower === 'create') return { kind: 'create', test: (obj) => obj !== undefined };
  if (forSpec.startsWith('condition=')) {
    const [cond = '', want = 'True'] = forSpec.slice('condition='.length).split('=');
    return {
      kind: 'other',
      test: (obj) =>
        (
          (obj?.status as { conditions?: { type: string; status: string }[] } | undefined)
            ?.conditions ?? []
        ).some(
          (c) =>
            c.type.toLowerCase() === cond.toLowerCase() &&
            c.status.toLowerCase() === want.toLowerCase(),
        ),
    };
  }
  if (forSpec.startsWith('jsonpath=')) {
    const spec = forSpec.slice('jsonpath='.length);
    // processJSONPathInput, before anything is read.
    if (spec === '') ctx.fail('jsonpath expression cannot be empty');
    const eq = spec.lastIndexOf('=');
    let path = eq > 0 ? spec.slice(0, eq) : spec;
    const want = eq > 0 ? spec.slice(eq + 1) : undefined;
    // get's RelaxedJSONPathExpression: `{.a.b}`, `{a.b}`, `.a.b` or `a.b`, no other braces.
    if (path !== '' && !/^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.test(path)) {
      ctx.fail(
        "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
      );
    }
    if (want === '') {
      ctx.fail(
        "jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3",
      );
    }
    if (path.startsWith('{') && path.endsWith('}')) path = path.slice(1, -1);
    return {
      kind: 'other',
      test: (obj) => {
        if (!obj) return false;
        const values = evaluate(path, obj);
        return want === undefined ? values.length > 0 : values.some((v) => String(v) === want);
      },
    };
  }
  return ctx.fail(`unrecognized condition: ${JSON.stringify(forSpec)}`);
}

/** One object the builder visits: named (fetched when visited), or listed by `-l` / `--all`. */
interface Target {
  type: ResourceType;
  name: string;
  ns: string | undefined;
  /** Listed, so known to exist when visited. */
  listed: boolean;
}

/** The resource builder of wait: names, else `-l` or `--all` listing each type. */
function findTargets(ctx: Ctx, rawArgs: string[]): Target[] {
  const args = fileTargetArgs(ctx, rawArgs);
  const selector = ctx.str('selector');
  const allNamespaces = ctx.bool('all-namespaces');
  const empty: AnyResourceType[] = [];
  const reqs = typesAndNames(ctx, args, empty, {
    selector: selector.trim() !== '',
    allNamespaces,
  });
  if (reqs.length === 0 && empty.length === 0) ctx.fail(NO_RESOURCES);
  const listing = selector !== '' || ctx.bool('all');
  if (!listing && (empty.length > 0 || reqs.some((r) => r.names.length === 0))) {
    ctx.fail('resource(s) were provided, but no name was specified');
  }
  const targets: Target[] = [];
  for (const { type, names } of reqs) {
    const ns = allNamespaces ? undefined : nsFor(type, ctx.namespace);
    if (names.length > 0) {
      for (const name of names) targets.push({ type, name, ns, listed: false });
      continue;
    }
    // A selector the server cannot parse ends the Visit with the builder's list error.
    const r = ctx.host.api.list(
      type.resource,
      ns,
      selector ? { labelSelector: selector } : undefined,
    );
    if (!r.ok) ctx.failStatus(listError(r.status, type, selector, ''));
    for (const obj of r.value.items) {
      const objNs = type.namespaced ? obj.metadata?.namespace : undefined;
      targets.push({ type, name: obj.metadata?.name ?? '', ns: objNs, listed: true });
    }
  }
  return targets;
}

/** Whether every named object exists, and a selector or `--all` finds at least one. */
function allFound(ctx: Ctx, args: string[]): boolean {
  const targets = findTargets(ctx, args);
  return (
    targets.length > 0 &&
    targets.every((t) => t.listed || peekObject(ctx, t.type.resource, t.ns, t.name) !== undefined)
  );
}

/**
 * WaitFlags.ToOptions makes the printer first: `-o` is checked (and a jsonpath template parsed)
 * before anything is waited for. Without -o, a NamePrinter saying `condition met`.
 */
function waitPrinter(ctx: Ctx): ReturnType<typeof outputFormat> | '' {
  if (ctx.str('output') === '' && ctx.str('template') === '') return '';
  const format = outputFormat(ctx, false);
  checkTemplatePrinter(ctx, format);
  onePrinter(ctx);
  return format;
}

export function runWait(ctx: Ctx, args: string[]): void {
  const format = waitPrinter(ctx);
  const forSpec = ctx.str('for');
  // wait.go conditionFuncFor: an empty --for is an unrecognized condition.
  if (forSpec === '') ctx.fail('unrecognized condition: ""');
  const { kind, test } = conditionFor(ctx, forSpec);
  const timeout = ctx.changed('timeout') ? ctx.num('timeout', 30_000) : 30_000;
  // Below zero kubectl waits a week: the console stops after its own limit and says so.
  const unbounded = timeout < 0;
  const effective = unbounded ? CONSOLE_WAIT_MS : timeout;
  const stop = (): never => {
    ctx.err(waitWaitNote());
    throw new ExitError(1);
  };
  const start = ctx.now();

  if (kind === 'create') {
    // Look for the objects every half second until they all exist (or the time is up).
    const deadline = start + effective;
    while (!allFound(ctx, args)) {
      const before = ctx.now();
      if (before >= deadline) {
        if (unbounded) stop();
        ctx.fail('timed out waiting for the condition');
      }
      ctx.host.runUntil(() => false, Math.min(CREATE_POLL_MS, deadline - before));
      // A cluster with nothing left to do will not create them.
      if (ctx.now() === before) {
        if (unbounded) stop();
        ctx.fail('timed out waiting for the condition');
      }
    }
  }

  const targets = findTargets(ctx, args);
  // One deadline for the whole command (RunWait's context, made before any object is visited):
  // an object that used it up leaves none for the next ones, which fail at once. Each failure
  // is gathered and the others still visited (ContinueOnError), then printed as an aggregate.
  const deadline = timeout === 0 ? undefined : start + effective;
  const errors: Status[] = [];
  let expired = false;
  let visited = 0;
  for (const t of targets) {
    // The builder reads each named object (-v=6 shows the GET).
    const exists = t.listed || peekObject(ctx, t.type.resource, t.ns, t.name) !== undefined;
    if (!t.listed) ctx.requestLog?.reread(t.type.resource, t.ns, t.name, exists ? 200 : 404);
    if (!exists && !t.listed) {
      // --for=delete ignores what is already gone (the builder's NotFound is filtered out).
      if (kind === 'delete') continue;
      errors.push(notFound(t.type, t.name));
      continue;
    }
    visited++;
    const left = deadline === undefined ? 0 : deadline - ctx.now();
    if (deadline !== undefined && (expired || left <= 0)) {
      // IsDeleted's first GET goes through the client's rate limiter, which refuses a request
      // whose context is done; the other waits start a watch that cannot sync any more.
      errors.push(
        clientError(
          kind === 'delete'
            ? 'client rate limiter Wait returned an error: context deadline exceeded'
            : `timed out waiting for the condition on ${t.type.resource}/${t.name}`,
        ),
      );
      continue;
    }
    const seen = peekObject(ctx, t.type.resource, t.ns, t.name);
    // Each object is waited for on an informer (a list by name, then a watch).
    const endInformer = informerLog(ctx.requestLog, ctx.host.api, t.type.resource, t.ns, t.name);
    const ok = ctx.host.runUntil(() => test(peekObject(ctx, t.type.resource, t.ns, t.name)), left);
    endInformer();
    if (!ok) {
      // The wait took the whole time (the cluster may have had nothing left to do before).
      if (unbounded) stop();
      if (deadline !== undefined) {
        expired = true;
        if (deadline > ctx.now()) ctx.host.advance?.(deadline - ctx.now());
      }
      // --timeout=0 reads each object once: getObjAndCheckCondition's own message.
      errors.push(
        clientError(
          deadline === undefined
            ? `condition not met for ${t.type.resource}/${t.name}`
            : `timed out waiting for the condition on ${t.type.resource}/${t.name}`,
        ),
      );
      continue;
    }
    if (format === '') {
      ctx.out(`${kindPrefix(t.type)}/${t.name} condition met\n`);
      continue;
    }
    // The printer gets the object the condition was met on (the last one seen, once deleted).
    const obj = peekObject(ctx, t.type.resource, t.ns, t.name) ?? seen;
    // RunWait ignores what PrintObj returns: a template that fails prints nothing more.
    if (obj)
      printObject(ctx, obj, format, { verb: 'condition met', dryRun: 'none', printError: 'drop' });
  }
  if (errors.length > 0) {
    ctx.errStatuses(errors);
    throw new ExitError(1);
  }
  if (visited === 0 && kind !== 'delete') ctx.fail('no matching resources found');
}
