/**
 * `kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [--type …]` as 1.32's
 * cmd/patch/patch.go runs it: Validate's checks, the patch read as YAML or JSON
 * (apimachinery's yaml.ToJSON), the object fetched, then a PATCH with the patch's
 * Content-Type that the API server applies (or, with `--local` / `--dry-run=client`, the patch
 * applied here as getPatchedJSON does), and `patched` or `patched (no change)`.
 */
import { parseDocument } from 'yaml';
import type { KubeObject, PatchType, Status } from '../../engine/api/types.ts';
import {
  applyJsonPatch,
  decodeJsonPatch,
  JsonPatchError,
} from '../../engine/apiserver/jsonPatch.ts';
import { mergePatch } from '../../engine/apiserver/mergePatch.ts';
import { schemaOf } from '../../engine/apiserver/patchMeta.ts';
import { scaleOf } from '../../engine/apiserver/scale.ts';
import { StrategicMergeError, strategicMergePatch } from '../../engine/apiserver/strategicMerge.ts';
import type { Ctx } from '../context.ts';
import { ExitError } from '../errors.ts';
import { goJsonSyntaxError } from '../goJson.ts';
import { goYamlTags } from '../manifest.ts';
import { dryRunStrategy, outputFormat, printObject } from '../output.ts';
import type { ResourceType } from '../resources.ts';
import { goYamlError } from '../yamlErrors.ts';
import {
  getFailure,
  NO_RESOURCES,
  NO_SUCH_PATH,
  namespaceForManifest,
  nsFor,
  printWarnings,
  readFilenames,
  refuseArgsWithPaths,
  refuseLocalServerDryRun,
  typesAndNames,
} from './common.ts';
import { subresourceServed } from './getSubresource.ts';
import { filenameArgs } from './kustomize.ts';

const PATCH_TYPES: readonly PatchType[] = ['json', 'merge', 'strategic'];

/** The patch as JSON, or why not: YAML kubectl cannot read, or JSON only the server judges. */
type ParsedPatch = { body: unknown } | { badJson: string };

/** Go's %q of a string (close enough: JSON's escapes for the printable ASCII a patch has). */
function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** A JSON value from the yaml library: Dates as strings, no undefined. */
function plain(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString().replace('.000Z', 'Z');
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      Object.defineProperty(out, k, {
        value: plain(x),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return v;
}

/**
 * yaml.ToJSON: a text that starts with `{` is taken as JSON as it is (the server judges it);
 * anything else is YAML, converted as sigs.k8s.io/yaml does or refused with go-yaml's words.
 */
function parsePatch(ctx: Ctx, text: string): ParsedPatch {
  if (/^\s*\{/.test(text)) {
    const bad = goJsonSyntaxError(text);
    if (bad !== undefined) return { badJson: bad };
    return { body: JSON.parse(text) };
  }
  const error = goYamlError(text.endsWith('\n') ? text : `${text}\n`);
  // sigs.k8s.io/yaml ToJSON returns go-yaml's error as it is (only yaml.Unmarshal wraps it in
  // "error converting YAML to JSON"), as kubectl 1.32.5 printed it.
  if (error !== undefined) ctx.fail(`unable to parse ${goQuote(ctx.str('patch'))}: ${error}`);
  const doc = parseDocument(text, {
    version: '1.1',
    uniqueKeys: false,
    prettyErrors: false,
    customTags: goYamlTags,
  });
  return { body: plain(doc.toJS({ maxAliasCount: 1000 })) ?? {} };
}

/** One object to patch: its type, name and namespace, and the object itself when local. */
interface Target {
  type: ResourceType;
  name: string;
  ns: string | undefined;
  obj?: KubeObject;
  /** A file's object without apiVersion (--local): no Go type to merge strategically into. */
  unmapped?: boolean;
}

export function runPatch(ctx: Ctx, args: string[]): void {
  const dryRun = dryRunStrategy(ctx);
  const format = outputFormat(ctx, false);
  const patchText = ctx.str('patch');
  const patchFile = ctx.str('patch-file');
  const local = ctx.bool('local');
  const subresource = ctx.str('subresource');
  // Validate.
  if (patchText !== '' && patchFile !== '')
    ctx.fail('cannot specify --patch and --patch-file together');
  if (patchText === '' && patchFile === '') {
    ctx.fail('must specify --patch or --patch-file containing the contents of the patch');
  }
  if (local && args.length > 0) ctx.fail('cannot specify --local and server resources');
  refuseLocalServerDryRun(ctx);
  const typeFlag = ctx.changed('type') ? ctx.str('type') : 'strategic';
  const patchType = (typeFlag === '' ? 'strategic' : typeFlag.toLowerCase()) as PatchType;
  if (!PATCH_TYPES.includes(patchType)) {
    ctx.fail(`--type must be one of [json merge strategic], not ${goQuote(typeFlag)}`);
  }
  // RunPatch: the patch first, then the objects.
  let text = patchText;
  if (patchFile !== '') {
    const read = ctx.host.fs.read(patchFile);
    if (read === undefined) {
      ctx.fail(`unable to read patch file: open ${patchFile}: no such file or directory`);
    }
    text = read;
  }
  const parsed = parsePatch(ctx, text);
  // The files' own errors (a stream cut off, a document that is no object): reported after the
  // objects before them are patched.
  const read: Status[] = [];
  const targets = resolveTargets(ctx, args, local, read);
  if (targets.length === 0 && read.length === 0) ctx.fail('no objects passed to patch');
  for (const t of targets) {
    if (!local && dryRun !== 'client')
      patchOnServer(ctx, t, parsed, patchType, subresource, dryRun);
    else patchHere(ctx, t, parsed, patchType, format, local ? '' : subresource);
  }
  if (read.length > 0) {
    ctx.errStatuses(read);
    throw new ExitError(1);
  }

  function patchOnServer(
    ctx: Ctx,
    t: Target,
    parsed: ParsedPatch,
    patchType: PatchType,
    subresource: string,
    dry: typeof dryRun,
  ): void {
    // The builder reads the object through the subresource it will patch.
    ctx.requestLog?.nextSubresource(t.type.resource, subresource);
    const got = ctx.host.api.get(t.type.resource, t.ns, t.name);
    if (!got.ok) {
      ctx.failStatus(getFailure(ctx, t.type, t.ns, t.name, got.status));
    }
    const before = got.value;
    // kubectl 1.32.5 sends any subresource name: a path the server does not route is its 404.
    if (subresource !== '' && !subresourceServed(t.type.resource, subresource)) {
      ctx.failStatus(NO_SUCH_PATH);
    }
    if ('badJson' in parsed) {
      // The server cannot decode the body: a BadRequest (the merge and JSON patch handlers
      // decode it strictly first, hence their prefix).
      const msg =
        patchType === 'strategic' ? parsed.badJson : `error decoding patch: ${parsed.badJson}`;
      ctx.err(`Error from server (BadRequest): ${msg}\n`);
      throw new ExitError(1);
    }
    const r = ctx.host.api.patch(
      t.type.resource,
      t.ns,
      t.name,
      parsed.body as Record<string, unknown>,
      {
        patchType,
        fieldValidation: 'Warn',
        fieldManager: ctx.str('field-manager') || 'kubectl-patch',
        ...(dry === 'server' ? { dryRun: true } : {}),
        ...(subresource !== '' ? { subresource: subresource as 'status' | 'scale' } : {}),
      },
    );
    if (!r.ok) ctx.failStatus(r.status);
    printWarnings(ctx, r);
    const after = r.value;
    // patch.go: with --record, a second merge patch writes the change cause (Recorder).
    const cause = ctx.changeCause();
    const annotations = (after.metadata as { annotations?: Record<string, string> } | undefined)
      ?.annotations;
    if (cause !== undefined && after.kind !== 'Scale' && annotations?.[CHANGE_CAUSE] !== cause) {
      ctx.host.api.patch(
        t.type.resource,
        t.ns,
        t.name,
        { metadata: { annotations: { [CHANGE_CAUSE]: cause } } },
        { patchType: 'merge', ...(dry === 'server' ? { dryRun: true } : {}) },
      );
    }
    const didPatch =
      after.kind === 'Scale'
        ? (after.spec as { replicas?: number }).replicas !==
          ((before.spec as { replicas?: number } | undefined)?.replicas ?? 0)
        : !sameJson(before, after);
    print(ctx, after, format, didPatch);
  }
}

const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** The objects named by `TYPE NAME` or `-f` (local: the file's objects themselves). */
function resolveTargets(ctx: Ctx, args: string[], local: boolean, read: Status[]): Target[] {
  const files = filenameArgs(ctx);
  const out: Target[] = [];
  refuseArgsWithPaths(ctx, files, args);
  if (files.length > 0) {
    for (const m of readFilenames(ctx, files, read, 'patch', { asIs: local })) {
      out.push({
        type: m.type,
        name: m.obj.metadata?.name ?? '',
        ns: namespaceForManifest(ctx, m),
        ...(local ? { obj: m.obj } : {}),
        ...(m.unmapped ? { unmapped: true } : {}),
      });
    }
  }
  if (args.length === 0) {
    if (files.length === 0) ctx.fail(NO_RESOURCES);
    return out;
  }
  for (const { type, names } of typesAndNames(ctx, args)) {
    if (names.length === 0) ctx.fail('resource(s) were provided, but no name was specified');
    for (const name of names) out.push({ type, name, ns: nsFor(type, ctx.namespace) });
  }
  return out;
}

/** getPatchedJSON: the patch applied by kubectl itself (`--local`, `--dry-run=client`). */
function patchHere(
  ctx: Ctx,
  t: Target,
  parsed: ParsedPatch,
  patchType: PatchType,
  format: ReturnType<typeof outputFormat>,
  subresource: string,
): void {
  let obj = t.obj;
  if (!obj) {
    // The builder reads the object through the subresource (a Scale for `scale`).
    ctx.requestLog?.nextSubresource(t.type.resource, subresource);
    const got = ctx.host.api.get(t.type.resource, t.ns, t.name);
    if (!got.ok) {
      ctx.failStatus(getFailure(ctx, t.type, t.ns, t.name, got.status));
    }
    if (subresource !== '' && !subresourceServed(t.type.resource, subresource)) {
      ctx.failStatus(NO_SUCH_PATH);
    }
    obj = subresource === 'scale' ? scaleOf(got.value) : got.value;
  }
  // getPatchedJSON: a strategic merge needs the Go type of the object's group/version.
  if (patchType === 'strategic' && t.unmapped) {
    ctx.fail(
      `strategic merge patch is not supported for /, Kind=${String(obj.kind)} locally, try --type merge`,
    );
  }
  if ('badJson' in parsed) {
    ctx.fail(
      patchType === 'json'
        ? parsed.badJson
        : patchType === 'merge'
          ? 'Invalid JSON Patch'
          : 'invalid JSON document',
    );
  }
  let patched: unknown;
  try {
    if (patchType === 'json') patched = applyJsonPatch(obj, decodeJsonPatch(parsed.body));
    else if (patchType === 'merge') patched = mergePatch(obj, parsed.body);
    else {
      const body = parsed.body;
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        ctx.fail('invalid JSON document');
      }
      patched = strategicMergePatch(
        obj,
        body as Record<string, unknown>,
        schemaOf(t.type.resource),
      );
    }
  } catch (e) {
    if (e instanceof JsonPatchError) {
      const i = e.message.indexOf('doc is missing key');
      if (i >= 0) {
        const at = e.message.indexOf('key:');
        ctx.fail(`Object to be patched is missing field (${e.message.slice(at + 5)})`);
      }
      ctx.fail(e.message);
    }
    if (e instanceof StrategicMergeError) ctx.fail(e.message);
    throw e;
  }
  print(ctx, patched as KubeObject, format, !sameJson(obj, patched));
}

/** The printer with the operation `patched` or `patched (no change)`. */
function print(
  ctx: Ctx,
  obj: KubeObject,
  format: ReturnType<typeof outputFormat>,
  didPatch: boolean,
): void {
  const verb = didPatch ? 'patched' : 'patched (no change)';
  // patch.go never gives its printer the dry-run strategy: a dry run prints no suffix.
  if (obj.kind === 'Scale' && (format === '' || format === 'name')) {
    ctx.out(
      `scale.autoscaling/${obj.metadata?.name ?? ''}${format === 'name' ? '' : ` ${verb}`}\n`,
    );
    return;
  }
  // patch.go makes its printer for each object (no `---` between YAML documents), and
  // never gives it the dry-run strategy.
  printObject(ctx, obj, format, { verb, dryRun: 'none', ownPrinter: true });
}

/** reflect.DeepEqual of two decoded objects, key order aside. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => sameJson(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => Object.hasOwn(bo, k) && sameJson(ao[k], bo[k]));
}
