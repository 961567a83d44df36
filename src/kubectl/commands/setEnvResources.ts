/**
 * `kubectl set env` and `kubectl set resources` (set_env.go, set_resources.go): change the
 * containers of a pod template (or a pod) and patch the object; print `<kind>/<name> env
 * updated` / `resource requirements updated`, nothing when nothing changed. `set env --list`
 * prints each container's variables as set_env.go does.
 */
import type { KubeObject } from '../../engine/api/types.ts';
import {
  QUANTITY_FORMAT_ERROR,
  tryParseQuantity,
} from '../../engine/scheduler/framework/quantity.ts';
import type { Ctx } from '../context.ts';
import { ExitError, renderAggregate } from '../errors.ts';
import { checkTemplatePrinter, dryRunStrategy, outputFormat, printObject } from '../output.ts';
import { apiVersionOf, type ResourceType } from '../resources.ts';
import {
  fileTargetArgs,
  getFailure,
  LOCAL_RESOURCE_ERROR,
  NO_RESOURCES,
  namespaceForManifest,
  nsFor,
  readFilenames,
  refuseLocalServerDryRun,
  typesAndNames,
} from './common.ts';
import { filenameArgs } from './kustomize.ts';
import { resourcesAndPairs, selectedTargets } from './misc.ts';
import { nest, noPodSpecError, podSpecAt, podSpecPath, withAt } from './podSpecPath.ts';

type Obj = Record<string, unknown>;
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: Obj;
}
interface Container {
  name: string;
  env?: EnvVar[];
  resources?: { limits?: Obj; requests?: Obj };
  [k: string]: unknown;
}

/**
 * The targets named on the command line, fetched (NotFound reported as kubectl does). With
 * --local, the objects of the -f files themselves, nothing read from the server: set env's
 * builder then ignores TYPE NAME arguments, set resources refuses them (LocalResourceError).
 */
function fetchTargets(
  ctx: Ctx,
  named: string[],
  localArgs: 'ignored' | 'refused',
): { type: ResourceType; name: string; obj: KubeObject }[] {
  if (ctx.bool('local')) {
    if (localArgs === 'refused' && named.length > 0) ctx.fail(LOCAL_RESOURCE_ERROR);
    const files = filenameArgs(ctx);
    if (files.length === 0) ctx.fail(NO_RESOURCES);
    return readFilenames(ctx, files).map((m) => {
      namespaceForManifest(ctx, m);
      return { type: m.type, name: m.obj.metadata?.name ?? '', obj: m.obj };
    });
  }
  const resources = fileTargetArgs(ctx, named);
  if (resources.length === 0) ctx.fail(NO_RESOURCES);
  const found: { type: ResourceType; name: string; obj: KubeObject }[] = [];
  let missing = false;
  for (const t of selectedTargets(ctx, resources)) {
    if (t.obj) {
      found.push({ ...t, obj: t.obj });
      continue;
    }
    const r = ctx.host.api.get(t.type.resource, nsFor(t.type, ctx.namespace), t.name);
    if (r.ok) found.push({ ...t, obj: r.value });
    else {
      ctx.reportStatus(getFailure(ctx, t.type, nsFor(t.type, ctx.namespace), t.name, r.status));
      missing = true;
    }
  }
  if (missing) throw new ExitError(1);
  return found;
}

/** Validate's first check: --local sends nothing, so no server can dry-run it. */
/** The pod spec of a pod or of a template, or undefined for another kind. */
function podSpecOf(type: ResourceType, obj: KubeObject): Obj | undefined {
  const path = podSpecPath(type);
  return path ? podSpecAt(obj, path) : undefined;
}

/** `selectContainers`: the containers whose name matches the glob (`*` by default). */
function selects(pattern: string, name: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(name);
}

/** Patch one object's containers; print the result line. */
function patchContainers(
  ctx: Ctx,
  type: ResourceType,
  name: string,
  obj: KubeObject,
  containers: Container[],
  initContainers: Container[] | undefined,
  verb: string,
  failure: string,
): void {
  const dryRun = dryRunStrategy(ctx);
  const format = outputFormat(ctx, false);
  checkTemplatePrinter(ctx, format);
  const spec: Obj = { containers };
  if (initContainers) spec.initContainers = initContainers;
  const path = podSpecPath(type) ?? ['spec'];
  const patch = nest(path, spec);
  // A client dry run prints the object as kubectl changed it; otherwise the server's answer.
  let shown = withAt(obj as Obj, path, spec) as KubeObject;
  const local = ctx.bool('local');
  if (dryRun !== 'client' && !local) {
    const r = ctx.host.api.patch(type.resource, ctx.namespace, name, patch, {
      fieldManager: ctx.str('field-manager') || 'kubectl-set',
      ...(dryRun === 'server' ? { dryRun: true } : {}),
    });
    if (!r.ok) ctx.fail(`${failure}${r.status.message}`);
    shown = r.value;
  }
  // Typed objects (the file's decoded, or the typed client's answer).
  printObject(ctx, { ...shown, apiVersion: apiVersionOf(type), kind: type.kind }, format, {
    verb,
    dryRun: local && dryRun === 'none' ? 'none' : dryRun,
    typed: 'decoded',
  });
}

/** `keyToEnvName`: invalid characters become `_`, then upper case. */
function keyToEnvName(key: string): string {
  return key.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase();
}

/** GetEnvVarRefString: what `--list` prints for a variable taken from elsewhere. */
function refString(from: Obj): string {
  const cm = from.configMapKeyRef as { name?: string; key?: string } | undefined;
  if (cm) return `configmap ${cm.name ?? ''}, key ${cm.key ?? ''}`;
  const secret = from.secretKeyRef as { name?: string; key?: string } | undefined;
  if (secret) return `secret ${secret.name ?? ''}, key ${secret.key ?? ''}`;
  const field = from.fieldRef as { fieldPath?: string } | undefined;
  if (field) return `field path ${field.fieldPath ?? ''}`;
  const res = from.resourceFieldRef as { resource?: string; containerName?: string } | undefined;
  if (res) return `resource ${res.resource ?? ''}, container ${res.containerName ?? ''}`;
  return 'invalid valueFrom';
}

/** The value a ConfigMap or Secret key reference names, if it can be read. */
function resolveRef(ctx: Ctx, from: Obj): string | undefined {
  const cm = from.configMapKeyRef as { name?: string; key?: string } | undefined;
  const secret = from.secretKeyRef as { name?: string; key?: string } | undefined;
  const ref = cm ?? secret;
  if (!ref?.name || !ref.key) return undefined;
  const r = ctx.host.api.get(cm ? 'configmaps' : 'secrets', ctx.namespace, ref.name);
  if (!r.ok) return undefined;
  const data = (r.value.data ?? {}) as Record<string, unknown>;
  const v = data[ref.key];
  if (typeof v !== 'string') return undefined;
  if (cm) return v;
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(v), (ch) => ch.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/**
 * apimachinery validation.IsEnvVarName, which kubectl applies to every NAME it sets (whatever
 * the API server would accept).
 */
export function envVarNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name))
    errs.push(
      "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
    );
  if (name === '.') errs.push("must not be '.'");
  else if (name === '..') errs.push("must not be '..'");
  else if (name.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

/** set_env.go: no container matches -c is a warning, the object left as it is (exit 0). */
function noContainerWarning(ctx: Ctx, type: ResourceType, name: string, selector: string): void {
  ctx.err(`Warning: ${type.kind}/${name} does not have any containers matching "${selector}"\n`);
}

export function runSetEnv(ctx: Ctx, args: string[]): void {
  const [resources, pairs] = resourcesAndPairs(ctx, args, 'env');
  // EnvOptions.Validate runs before the changes are parsed.
  refuseLocalServerDryRun(ctx);
  // EnvOptions.Validate counts -f files only: `set env -k DIR` is refused here.
  if (resources.length === 0 && ctx.list('filename').length === 0)
    ctx.fail('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (ctx.bool('list') && ctx.str('output') !== '')
    ctx.fail('--list and --output may not be specified together');
  const envFlags = ctx.list('env');
  const selector = ctx.str('containers') || '*';
  const list = ctx.bool('list');
  const overwrite = ctx.flags.values.get('overwrite') !== false;
  const prefix = ctx.str('prefix');
  const from = ctx.str('from');
  const keys = ctx.list('keys');
  const resolve = ctx.bool('resolve');
  const env: EnvVar[] = [];
  const remove: string[] = [];
  // envutil.ParseEnv over the --env values, then the NAME=value arguments.
  for (const p of [...envFlags, ...pairs]) {
    const i = p.indexOf('=');
    if (i >= 0) {
      const name = p.slice(0, i);
      const errs = envVarNameErrors(name);
      if (errs.length > 0)
        ctx.fail(`${JSON.stringify(name)} is not a valid key name: ${errs.join(';')}`);
      env.push({ name, value: p.slice(i + 1) });
    } else if (p.endsWith('-')) remove.push(p.slice(0, -1));
    else ctx.fail(`unknown env: ${p}`);
  }
  if (remove.some((r) => env.some((e) => e.name === r)))
    ctx.fail('can not both modify and remove the same environment variable in the same command');
  // kubectl 1.32 asks for no variable: without one the objects are read and left as they are
  // (`set env deploy/web FOO`, FOO without `=`, has FOO as a resource the builder refuses).
  if (from !== '') {
    // RunEnv reads --from with its own builder first: an unknown type is the builder's error,
    // an object it cannot read is the server's (whatever its kind), and a kind other than
    // ConfigMap or Secret is refused without naming it.
    const [req] = typesAndNames(ctx, [from]);
    const source = req?.names[0];
    if (!req || source === undefined)
      ctx.fail('resource(s) were provided, but no name was specified');
    const at = nsFor(req.type, ctx.namespace);
    const r = ctx.host.api.get(req.type.resource, at, source);
    if (!r.ok) ctx.failStatus(getFailure(ctx, req.type, at, source, r.status));
    const resource =
      req.type.resource === 'configmaps' || req.type.resource === 'secrets'
        ? req.type.resource
        : undefined;
    if (!resource) ctx.fail('unsupported resource specified in --from');
    const data = { ...((r.value.data as Obj | undefined) ?? {}) };
    for (const key of Object.keys(data).sort()) {
      if (keys.length > 0 && !keys.includes(key)) continue;
      const ref = resource === 'configmaps' ? 'configMapKeyRef' : 'secretKeyRef';
      env.push({ name: prefix + keyToEnvName(key), valueFrom: { [ref]: { name: source, key } } });
    }
  }
  const notPods: string[] = [];
  for (const { type, name, obj } of fetchTargets(ctx, resources, 'ignored')) {
    const spec = podSpecOf(type, obj);
    if (!spec) {
      notPods.push(`error: ${noPodSpecError(type, name)}\n`);
      continue;
    }
    const containers = (spec.containers as Container[] | undefined) ?? [];
    const inits = (spec.initContainers as Container[] | undefined) ?? [];
    /** The overwrite refusal (validateNoOverwrites) of the first container that has one. */
    let clash: string | undefined;
    /** updateEnv: replaced in place, new ones appended, removed ones dropped. */
    const updatedEnv = (c: Container): EnvVar[] => {
      const existing = c.env ?? [];
      if (!overwrite && clash === undefined) {
        const old = env
          .map((e) => existing.find((x) => x.name === e.name))
          .find((x) => x !== undefined);
        if (old)
          clash = `'${old.name}' already has a value (${old.value ?? ''}), and --overwrite is false`;
      }
      const covered = new Set(remove);
      const out: EnvVar[] = [];
      for (const e of existing) {
        if (covered.has(e.name)) continue;
        const newer = env.find((x) => x.name === e.name);
        if (newer) {
          covered.add(e.name);
          out.push(newer);
        } else out.push(e);
      }
      for (const e of env) {
        if (covered.has(e.name)) continue;
        covered.add(e.name);
        out.push(e);
      }
      return out;
    };
    if (list) {
      if (![...inits, ...containers].some((c) => selects(selector, c.name))) {
        noContainerWarning(ctx, type, name, selector);
        continue;
      }
      // RunEnv: the containers, then the init containers, each listed after the changes asked
      // for are made to it (not sent). An overwrite refusal ends the object's list unsaid (its
      // error goes to a patch that --list never looks at).
      for (const c of [...containers, ...inits]) {
        if (!selects(selector, c.name)) continue;
        const listed = updatedEnv(c);
        if (clash !== undefined) break;
        ctx.out(`# ${type.kind} ${name}, container ${c.name}\n`);
        for (const e of listed) {
          if (!e.valueFrom) ctx.out(`${e.name}=${e.value ?? ''}\n`);
          else {
            // --resolve: GetEnvVarRefValue, the reference form when it cannot be read.
            const value = resolve ? resolveRef(ctx, e.valueFrom) : undefined;
            ctx.out(
              value !== undefined
                ? `${e.name}=${value}\n`
                : `# ${e.name} from ${refString(e.valueFrom)}\n`,
            );
          }
        }
      }
      continue;
    }
    let changed = false;
    let matched = false;
    const update = (c: Container): Container => {
      if (!selects(selector, c.name)) return c;
      matched = true;
      const existing = c.env ?? [];
      const out = updatedEnv(c);
      if (JSON.stringify(out) === JSON.stringify(existing)) return c;
      changed = true;
      const next: Container = { ...c };
      if (out.length > 0) next.env = out;
      else delete next.env;
      return next;
    };
    const nextContainers = containers.map(update);
    const nextInits = inits.map(update);
    if (!matched) {
      noContainerWarning(ctx, type, name, selector);
      continue;
    }
    // CalculatePatches' error of the object: `error: RESOURCE/NAME …`, the others still done.
    if (clash !== undefined) {
      notPods.push(`error: ${type.resource}/${name} ${clash}\n`);
      continue;
    }
    if (!changed) continue;
    patchContainers(
      ctx,
      type,
      name,
      obj,
      nextContainers,
      inits.length > 0 ? nextInits : undefined,
      'env updated',
      'failed to patch env update to pod template: ',
    );
  }
  if (sayNotPods(ctx, notPods)) throw new ExitError(1);
}

/** HandleResourceRequirementsV1's parse of `--limits` / `--requests`. */
function parseResourceList(ctx: Ctx, text: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (text === '') return out;
  for (const statement of text.split(',')) {
    const parts = statement.split('=');
    if (parts.length !== 2) {
      ctx.fail(`Invalid argument syntax ${statement}, expected <resource>=<value>`);
    }
    const [name, quantity] = parts as [string, string];
    if (!tryParseQuantity(quantity)) ctx.fail(QUANTITY_FORMAT_ERROR);
    out[name] = quantity;
  }
  return out;
}

export function runSetResources(ctx: Ctx, args: string[]): void {
  // Complete reads the objects (NotFound first); Validate then checks the requirements.
  const targets = fetchTargets(ctx, args, 'refused');
  refuseLocalServerDryRun(ctx);
  const limits = parseResourceList(ctx, ctx.str('limits'));
  const requests = parseResourceList(ctx, ctx.str('requests'));
  const selector = ctx.str('containers') || '*';
  if (Object.keys(limits).length === 0 && Object.keys(requests).length === 0) {
    ctx.fail(
      'you must specify an update to requests or limits (in the form of --requests/--limits)',
    );
  }
  let failed = false;
  const notPods: string[] = [];
  for (const { type, name, obj } of targets) {
    const spec = podSpecOf(type, obj);
    if (!spec) {
      notPods.push(`error: ${noPodSpecError(type, name)}\n`);
      continue;
    }
    const containers = (spec.containers as Container[] | undefined) ?? [];
    const inits = (spec.initContainers as Container[] | undefined) ?? [];
    let matched = false;
    let changed = false;
    const update = (c: Container): Container => {
      if (!selects(selector, c.name)) return c;
      matched = true;
      const res = { ...(c.resources ?? {}) };
      if (Object.keys(limits).length > 0) res.limits = { ...(res.limits ?? {}), ...limits };
      if (Object.keys(requests).length > 0) res.requests = { ...(res.requests ?? {}), ...requests };
      if (JSON.stringify(res) !== JSON.stringify(c.resources ?? {})) changed = true;
      return { ...c, resources: res };
    };
    const nextInits = inits.map(update);
    const nextContainers = containers.map(update);
    if (!matched) {
      ctx.err(`error: unable to find container named ${selector}\n`);
      failed = true;
      continue;
    }
    if (!changed) continue;
    patchContainers(
      ctx,
      type,
      name,
      obj,
      nextContainers,
      inits.length > 0 ? nextInits : undefined,
      'resource requirements updated',
      'failed to patch resources update to pod template ',
    );
  }
  if (sayNotPods(ctx, notPods) || failed) throw new ExitError(1);
}

/**
 * Run's errors for the objects without a pod template (`error: %s %v\n` each), printed after the
 * others' output as one aggregate: one as it is, several a blank line apart (MultipleErrors).
 * Whether there were any.
 */
function sayNotPods(ctx: Ctx, errors: readonly string[]): boolean {
  if (errors.length === 0) return false;
  ctx.err(renderAggregate(errors));
  return true;
}
