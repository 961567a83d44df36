/**
 * `kubectl edit (TYPE NAME | TYPE/NAME | -f FILE) [-o json|yaml] [--subresource=status]` as
 * 1.32's cmd/util/editor/editoptions.go runs it, in two halves because the editor is the lab's:
 *
 * 1. `runEdit` fetches the objects, writes them to `/tmp/kubectl-edit-<random>.yaml` under
 *    kubectl's header comment and leaves a pending edit on the workspace (the lab opens the file).
 * 2. `finishKubectlEdit` is the rest of one pass of EditOptions.Run's loop once the editor
 *    closes: unchanged (`Edit cancelled, no changes made.`), empty, a syntax error (the file
 *    reopens with the reason), then a strategic merge patch per object (field manager
 *    `kubectl-edit`): `edited`, `skipped`, an invalid object (the file reopens with the server's
 *    causes in its header), a conflict (`You can run \`kubectl replace -f …\``), a deleted
 *    object. A second close with nothing fixed keeps the copy (`A copy of your changes has been
 *    stored to …`).
 *
 * Without an editor (the transcript runner, the plain console) the command says honestly that
 * it is not available.
 */
import type { KubeObject, Status } from '../../engine/api/types.ts';
import { schemaOf } from '../../engine/apiserver/patchMeta.ts';
import { StrategicMergeError } from '../../engine/apiserver/strategicMerge.ts';
import { Ctx } from '../context.ts';
import { ExitError } from '../errors.ts';
import type { ParsedFlags } from '../flags.ts';
import type { KubectlHost, RunResult } from '../host.ts';
import { withImpersonation } from '../impersonation.ts';
import { parseManifests } from '../manifest.ts';
import { objectRef, printObject } from '../output.ts';
import { toGoYaml } from '../printers/goyaml.ts';
import { toGoJson } from '../printers/json.ts';
import { qualifiedResource, type ResourceType, typeByKind } from '../resources.ts';
import { threeWayMergePatch } from '../threeWayMergePatch.ts';
import type { Workspace } from '../workspace.ts';
import {
  fieldValidation,
  getFailure,
  NO_RESOURCES,
  namespaceForManifest,
  nsFor,
  readFilenames,
  typesAndNames,
  withoutResourceVersion,
} from './common.ts';
import { goCompactJson, withLastApplied } from './create.ts';
import { filenameArgs } from './kustomize.ts';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * visitAnnotation: with --save-config the last-applied-configuration becomes the edited object
 * itself (CreateApplyAnnotation); without it the annotation is left as it is.
 */
function withApplyAnnotation(obj: KubeObject, save: boolean): KubeObject {
  return save ? withLastApplied(obj, undefined) : obj;
}

/** editHeader.writeTo for the normal edit mode. */
export const EDIT_HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** editHeader.writeTo for ApplyEditMode (as the real kubectl 1.32.5 wrote it). */
const LAST_APPLIED_HEADER = `# Please edit the 'last-applied-configuration' annotations below.
# Lines beginning with a '#' will be ignored, and an empty file will abort the edit.
#
`;

/** One object being edited: where it lives and how it looked when fetched. */
interface Original {
  type: ResourceType;
  namespace: string | undefined;
  name: string;
  obj: KubeObject;
}

/** A `kubectl edit` waiting for the editor to close. */
interface PendingEdit {
  /**
   * `kubectl edit` patches the objects; `kubectl create --edit` creates them
   * (EditBeforeCreateMode); `kubectl apply edit-last-applied` sets their last-applied
   * configuration (ApplyEditMode), one object per editor.
   */
  mode: 'edit' | 'create' | 'last-applied';
  /** `create --edit`: the objects still to edit, one editor session each. */
  queue: Original[];
  /** The temp file as kubectl names it (`/tmp/kubectl-edit-123.yaml`). */
  path: string;
  format: 'yaml' | 'json';
  flags: ParsedFlags;
  originals: Original[];
  /** The text first written (header and objects): closing it unchanged changes nothing. */
  original: string;
  /** A pass failed: the file was reopened with the reasons (EditOptions.Run's containsError). */
  containsError: boolean;
  /** The text the reopened file started from (editedDiff). */
  reopened?: string;
  /** The file of the pass before (results.file): removed once the next pass goes on. */
  previous?: string;
}

/** Workspaces whose console has an editor (the lab's). Keyed by the workspace: hosts are copied. */
const EDITORS = new WeakSet<Workspace>();
const PENDING = new WeakMap<Workspace, PendingEdit>();
const TEMP_COUNT = new WeakMap<Workspace, number>();

/** Let `kubectl edit` open files in this workspace's editor (the lab calls it). */
export function enableKubectlEditor(fs: Workspace): void {
  EDITORS.add(fs);
}

/** The edit waiting for the editor, if any: the file to show. */
export function pendingKubectlEdit(fs: Workspace): { path: string } | undefined {
  const p = PENDING.get(fs);
  return p ? { path: p.path } : undefined;
}

/** Moves a waiting edit to a workspace that replaces `from` (the lab rebuilds its files). */
export function carryKubectlEdit(from: Workspace, to: Workspace): void {
  const p = PENDING.get(from);
  if (p) PENDING.set(to, p);
  if (EDITORS.has(from)) EDITORS.add(to);
  const n = TEMP_COUNT.get(from);
  if (n !== undefined) TEMP_COUNT.set(to, n);
}

/** os.CreateTemp's name: the pattern's `*` replaced by a random uint32 (here seeded by time). */
function tempName(ctx: Ctx, ext: string): string {
  const fs = ctx.host.fs;
  const n = (TEMP_COUNT.get(fs) ?? 0) + 1;
  TEMP_COUNT.set(fs, n);
  // FNV-1a of the virtual clock and a counter: deterministic, and different every time.
  let h = 0x811c9dc5;
  for (const c of `${ctx.host.nowEpochMs()}:${n}`) {
    h ^= c.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `/tmp/kubectl-edit-${h}${ext}`;
}

/** managedFields are not shown (--show-managed-fields=false) and are not part of the edit. */
function withoutManagedFields(obj: KubeObject): KubeObject {
  if (!obj.metadata?.managedFields) return obj;
  const { managedFields: _m, ...meta } = obj.metadata;
  return { ...obj, metadata: meta };
}

function render(objs: KubeObject[], format: 'yaml' | 'json'): string {
  const shown: unknown =
    objs.length === 1 ? objs[0] : { apiVersion: 'v1', items: objs, kind: 'List', metadata: {} };
  return format === 'json' ? toGoJson(shown, { sortKeys: true }) : toGoYaml(shown as KubeObject);
}

/** cmdutil.ManualStrip: drops the comment lines (`#!` stays). */
function manualStrip(text: string): string {
  return text
    .split('\n')
    .filter((line) => {
      const t = line.trim();
      return !(t.startsWith('#') && !t.startsWith('#!'));
    })
    .join('\n');
}

/** cmdutil.StripComments: the document as JSON when it parses, else the text without comments. */
function stripComments(text: string): string {
  const parsed = parseManifests(text, 'edited-file');
  if (parsed.ok && parsed.docs.length <= 1)
    return JSON.stringify(canonical(parsed.docs[0] ?? null));
  return manualStrip(text);
}

/** A value with its object keys sorted, so equal documents compare equal as text. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      // defineProperty: a `__proto__` key in the edited text stays a plain key.
      Object.defineProperty(out, k, {
        value: canonical((v as Record<string, unknown>)[k]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return v;
}

/** hasLines: some line that is neither blank nor a comment. */
function hasLines(text: string): boolean {
  return text.split('\n').some((line) => {
    const t = line.trim();
    return t !== '' && !t.startsWith('#');
  });
}

/** hashOnLineBreak: every further line of a reason is a comment too. */
function hashOnLineBreak(s: string): string {
  return s.replace(/\n(?!#)/g, '\n# ');
}

interface Reason {
  head: string;
  other: string[];
}

function header(reasons: readonly Reason[], mode: PendingEdit['mode']): string {
  let out = mode === 'last-applied' ? LAST_APPLIED_HEADER : EDIT_HEADER;
  for (const r of reasons) {
    out += `# ${hashOnLineBreak(r.head)}${r.other.length > 0 ? ':' : ''}\n`;
    for (const o of r.other) out += `# * ${hashOnLineBreak(o)}\n`;
    out += '#\n';
  }
  return out;
}

/**
 * What every editing command checks first: that this console has an editor (`command` names it
 * in the refusal), and that `-o` is one of the two formats the editor's result prints in
 * (EditOptions' printer). Returns the file system the editor works on.
 */
function editorFs(ctx: Ctx, command: string): Ctx['host']['fs'] {
  const fs = ctx.host.fs;
  if (!EDITORS.has(fs)) ctx.fail(`"${command}" is not available in this simulated cluster`);
  const output = ctx.str('output');
  if (output !== '' && output !== 'yaml' && output !== 'json') {
    ctx.fail(
      `unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml`,
    );
  }
  return fs;
}

/** The console has one editor: a second editing command waits for none, it is refused. */
function refuseWhileEditing(ctx: Ctx, fs: Ctx['host']['fs']): void {
  const waiting = PENDING.get(fs);
  if (waiting) {
    ctx.fail(
      `another kubectl edit is waiting for the editor (${waiting.path}): use "Save and apply" or "Cancel edit" first`,
    );
  }
}

/** `kubectl edit …`: fetch, write the temp file, wait for the editor. */
export function runEdit(ctx: Ctx, args: string[]): void {
  const fs = editorFs(ctx, 'kubectl edit');
  const subresource = ctx.str('subresource');
  if (subresource !== '' && subresource !== 'status') {
    ctx.fail(`invalid subresource value: "${subresource}". Must be one of [status]`);
  }
  // Complete reads --validate before anything is fetched.
  fieldValidation(ctx);
  refuseWhileEditing(ctx, fs);
  const originals = resolveOriginals(ctx, args);
  if (originals.length === 0) {
    // The builder found nothing (an empty `kubectl edit deployments`).
    ctx.fail('edit cancelled, no objects found');
  }
  openSession(ctx, 'edit', originals, []);
}

/**
 * `kubectl create -f FILE --edit` (RunEditOnCreate): each object of the files in an editor of
 * its own, created when it closes (field manager `kubectl-create`).
 */
export function runEditOnCreate(ctx: Ctx, files: string[]): void {
  const fs = editorFs(ctx, 'kubectl create --edit');
  refuseWhileEditing(ctx, fs);
  const objs: Original[] = readFilenames(ctx, files).map((m) => ({
    type: m.type,
    namespace: namespaceForManifest(ctx, m),
    name: m.obj.metadata?.name ?? '',
    obj: m.obj,
  }));
  const [first, ...rest] = objs;
  if (first) openSession(ctx, 'create', [first], rest);
}

/** Writes the temp file for `originals` and leaves the edit waiting for the editor. */
function openSession(
  ctx: Ctx,
  mode: PendingEdit['mode'],
  originals: Original[],
  queue: Original[],
): string {
  const fs = ctx.host.fs;
  const format = ctx.str('output') === 'json' ? 'json' : 'yaml';
  // editPrinterOptions: no commented header above JSON.
  const text =
    (format === 'json' ? '' : mode === 'last-applied' ? LAST_APPLIED_HEADER : EDIT_HEADER) +
    render(
      originals.map((o) => withoutManagedFields(o.obj)),
      format,
    );
  const path = tempName(ctx, format === 'json' ? '.json' : '.yaml');
  const w = fs.write(path, text);
  if (!w.ok) ctx.fail(w.error);
  PENDING.set(fs, {
    mode,
    queue,
    path,
    format,
    flags: ctx.flags,
    originals,
    original: text,
    containsError: false,
  });
  return path;
}

/** The objects to edit: named ones, every one of a type, or those a file names (live). */
function resolveOriginals(ctx: Ctx, args: string[]): Original[] {
  const files = filenameArgs(ctx);
  if (files.length === 0 && args.length === 0) ctx.fail(NO_RESOURCES);
  const out: Original[] = [];
  const fetch = (type: ResourceType, namespace: string | undefined, name: string) => {
    const got = ctx.host.api.get(type.resource, namespace, name);
    if (!got.ok) {
      ctx.failStatus(getFailure(ctx, type, namespace, name, got.status));
    }
    out.push({ type, namespace, name, obj: got.value });
  };
  for (const m of files.length > 0 ? readFilenames(ctx, files) : []) {
    fetch(m.type, namespaceForManifest(ctx, m), m.obj.metadata?.name ?? '');
  }
  if (args.length > 0) {
    for (const { type, names } of typesAndNames(ctx, args)) {
      const ns = nsFor(type, ctx.namespace);
      if (names.length > 0) {
        for (const name of names) fetch(type, ns, name);
        continue;
      }
      const list = ctx.host.api.list(type.resource, ns);
      if (!list.ok) ctx.failStatus(list.status);
      for (const obj of list.value.items) {
        out.push({ type, namespace: ns, name: obj.metadata?.name ?? '', obj });
      }
    }
  }
  return out;
}

/** What editing came to, after the editor closed (the lab prints it under the `kubectl edit` line). */
export interface EditOutcome {
  result: RunResult;
  /** The file reopened with the reasons: the editor shows it again (the edit is still pending). */
  reopened?: string;
}

/**
 * The editor closed: read the temp file (after writing `text` into it, when given: the editor's
 * "Save and apply"; without it the file is read as it is: "Cancel edit", i.e. quit unsaved) and
 * finish one pass of kubectl's edit loop. Never throws.
 */
export function finishKubectlEdit(host: KubectlHost, text?: string): EditOutcome {
  const fs = host.fs;
  const pending = PENDING.get(fs);
  if (!pending) {
    return { result: { stdout: '', stderr: 'error: no kubectl edit is waiting\n', exitCode: 1 } };
  }
  if (text !== undefined) fs.write(pending.path, text);
  const ctx = new Ctx(withImpersonation(host, pending.flags), pending.flags, ['edit']);
  let reopened: string | undefined;
  try {
    reopened = finishPass(ctx, pending);
  } catch (e) {
    if (!(e instanceof ExitError)) {
      ctx.err(`error: ${e instanceof Error ? e.message : String(e)}\n`);
      ctx.exitCode = 1;
    } else ctx.exitCode = e.code;
  }
  // create --edit visits the objects one by one: the next one's editor opens unless this one
  // ended the command with an error.
  const next = pending.queue[0];
  if (reopened === undefined && ctx.exitCode === 0 && pending.mode !== 'edit' && next) {
    reopened = openSession(ctx, pending.mode, [next], pending.queue.slice(1));
  }
  if (reopened === undefined) PENDING.delete(fs);
  return {
    result: ctx.result(ctx.exitCode),
    ...(reopened !== undefined ? { reopened } : {}),
  };
}

/** Reopens the editor: a new temp file, the header with `reasons`, the edited text after it. */
function reopen(ctx: Ctx, pending: PendingEdit, reasons: Reason[], edited: string): string {
  const text =
    (pending.format === 'json' ? '' : header(reasons, pending.mode)) + manualStrip(edited);
  const path = tempName(ctx, pending.format === 'json' ? '.json' : '.yaml');
  ctx.host.fs.write(path, text);
  pending.previous = pending.path;
  pending.path = path;
  pending.containsError = true;
  pending.reopened = text;
  return path;
}

/** preservedFile: the copy's note (when the file is still there), then the error. */
function preserved(ctx: Ctx, message: string, file: string): never {
  if (ctx.host.fs.has(file)) {
    ctx.err(`A copy of your changes has been stored to ${JSON.stringify(file)}\n`);
  }
  ctx.fail(message);
}

/** One pass after the editor closed; returns the reopened file's path, or undefined when done. */
function finishPass(ctx: Ctx, pending: PendingEdit): string | undefined {
  const fs = ctx.host.fs;
  const file = pending.path;
  const edited = fs.read(file) ?? '';
  if (
    pending.containsError &&
    pending.reopened !== undefined &&
    stripComments(pending.reopened) === stripComments(edited)
  ) {
    preserved(ctx, 'Edit cancelled, no valid changes were saved.', file);
  }
  // Cleanup of the file from the previous pass.
  if (pending.previous !== undefined) fs.remove(pending.previous);
  pending.previous = undefined;
  if (stripComments(pending.original) === stripComments(edited)) {
    fs.remove(file);
    ctx.err('Edit cancelled, no changes made.\n');
    return undefined;
  }
  if (!hasLines(edited)) {
    fs.remove(file);
    ctx.err('Edit cancelled, saved file was empty.\n');
    return undefined;
  }
  const parsed = parseManifests(edited, 'edited-file');
  if (!parsed.ok) {
    return reopen(
      ctx,
      pending,
      [{ head: `The edited file had a syntax error: ${parsed.error}`, other: [] }],
      edited,
    );
  }
  const updated = flatten(parsed.docs);
  // RequireNamespace: an object moved to another namespace than the command's.
  for (const obj of updated) {
    const own = obj.metadata?.namespace;
    const t = typeByKind(obj.apiVersion, obj.kind);
    if (t?.namespaced && typeof own === 'string' && own !== '' && own !== ctx.namespace) {
      preserved(
        ctx,
        `the namespace from the provided object "${own}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${own}' to perform this operation.`,
        file,
      );
    }
  }
  if (pending.mode === 'create') return createEdited(ctx, pending, updated);
  if (pending.mode === 'last-applied') return lastAppliedEdited(ctx, pending, updated);
  const reasons: Reason[] = [];
  let retryable = 0;
  let notfound = 0;
  let invalid = 0;
  for (let obj of updated) {
    const uid = obj.metadata?.uid;
    const original = pending.originals.find((o) => o.obj.metadata?.uid === uid);
    if (!original) {
      preserved(ctx, `no original object found for ${objectRef(obj)}`, file);
    }
    const before = withoutManagedFields(original.obj);
    const gr = qualifiedResource(original.type);
    obj = withApplyAnnotation(obj, ctx.bool('save-config'));
    if (JSON.stringify(canonical(before)) === JSON.stringify(canonical(obj))) {
      printObject(ctx, before, '', { verb: 'skipped', dryRun: 'none' });
      continue;
    }
    if (
      obj.apiVersion !== before.apiVersion ||
      obj.kind !== before.kind ||
      obj.metadata?.name !== before.metadata?.name
    ) {
      preserved(ctx, 'At least one of apiVersion, kind and name was changed', file);
    }
    let patch: Record<string, unknown>;
    try {
      patch = threeWayMergePatch(
        before as Record<string, unknown>,
        obj as Record<string, unknown>,
        before as Record<string, unknown>,
        schemaOf(original.type.resource),
      );
    } catch (e) {
      if (e instanceof StrategicMergeError) preserved(ctx, e.message, file);
      throw e;
    }
    if (ctx.bool('output-patch')) ctx.out(`Patch: ${JSON.stringify(patch)}\n`);
    const subresource = ctx.str('subresource');
    const r = ctx.host.api.patch(original.type.resource, original.namespace, original.name, patch, {
      patchType: 'strategic',
      fieldManager: ctx.str('field-manager') || 'kubectl-edit',
      fieldValidation: fieldValidation(ctx),
      ...(subresource === 'status' ? { subresource: 'status' as const } : {}),
    });
    if (!r.ok) {
      const s: Status = r.status;
      if (s.reason === 'Invalid') {
        invalid++;
        reasons.push({
          head: `${gr} ${JSON.stringify(original.name)} was not valid`,
          other: (s.details?.causes ?? []).map((c) => `${c.field ?? ''}: ${c.message ?? ''}`),
        });
        ctx.err(`error: ${gr} ${JSON.stringify(original.name)} is invalid\n`);
      } else if (s.reason === 'NotFound') {
        notfound++;
        ctx.err(`error: ${gr} ${JSON.stringify(original.name)} could not be found on the server\n`);
      } else {
        retryable++;
        ctx.err(
          `error: ${gr} ${JSON.stringify(original.name)} could not be patched: ${s.message}\n`,
        );
      }
      continue;
    }
    for (const w of r.warnings ?? []) ctx.err(`Warning: ${w}\n`);
    const format = ctx.str('output');
    printObject(ctx, r.value, format === 'json' || format === 'yaml' ? format : '', {
      verb: 'edited',
      dryRun: 'none',
    });
  }
  if (retryable > 0) {
    ctx.err(`You can run \`kubectl replace -f ${file}\` to try this update again.\n`);
    throw new ExitError(1);
  }
  if (notfound > 0) {
    ctx.err(`The edits you made on deleted resources have been saved to ${JSON.stringify(file)}\n`);
    throw new ExitError(1);
  }
  if (invalid === 0) {
    fs.remove(file);
    return undefined;
  }
  return reopen(ctx, pending, reasons, edited);
}

/**
 * `kubectl apply edit-last-applied ([TYPE NAME | TYPE/NAME] | -f FILE)` (ApplyEditMode): each
 * object's last-applied-configuration, parsed, in an editor of its own. An object without the
 * annotation stops the command before any editor opens.
 */
export function runEditLastApplied(ctx: Ctx, args: string[]): void {
  const fs = editorFs(ctx, 'kubectl apply edit-last-applied');
  fieldValidation(ctx);
  refuseWhileEditing(ctx, fs);
  const originals = resolveOriginals(ctx, args);
  if (originals.length === 0) ctx.fail('edit cancelled, no objects found');
  const configs: Original[] = [];
  for (const o of originals) {
    const config = o.obj.metadata?.annotations?.[LAST_APPLIED];
    let parsed: unknown;
    try {
      parsed = config === undefined ? undefined : JSON.parse(config);
    } catch {
      parsed = undefined;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      ctx.fail(
        'no last-applied-configuration annotation found on resources, to create the annotation, use command `kubectl apply set-last-applied --create-annotation`',
      );
    }
    configs.push({ ...o, obj: parsed as KubeObject });
  }
  const [first, ...rest] = configs;
  if (first) openSession(ctx, 'last-applied', [first], rest);
}

/**
 * visitToApplyEditPatch: an object left as it was is `skipped`; otherwise its annotation alone
 * becomes the edited object as JSON (a merge patch), and it is `edited`.
 */
function lastAppliedEdited(
  ctx: Ctx,
  pending: PendingEdit,
  updated: KubeObject[],
): string | undefined {
  const file = pending.path;
  const format = ctx.str('output');
  for (const obj of updated) {
    const original = pending.originals.find(
      (o) => o.obj.kind === obj.kind && o.obj.metadata?.name === obj.metadata?.name,
    );
    if (!original) preserved(ctx, `no original object found for ${objectRef(obj)}`, file);
    if (JSON.stringify(canonical(original.obj)) === JSON.stringify(canonical(obj))) {
      printObject(ctx, obj, '', { verb: 'skipped', dryRun: 'none' });
      continue;
    }
    const json = `${goCompactJson(obj)}\n`;
    const r = ctx.host.api.patch(
      original.type.resource,
      original.namespace,
      original.name,
      { metadata: { annotations: { [LAST_APPLIED]: json } } },
      {
        patchType: 'merge',
        // edit-last-applied's --field-manager defaults to kubectl-client-side-apply.
        fieldManager: ctx.str('field-manager') || 'kubectl-client-side-apply',
        fieldValidation: fieldValidation(ctx),
      },
    );
    if (!r.ok) {
      if (ctx.host.fs.has(file)) {
        ctx.err(`A copy of your changes has been stored to ${JSON.stringify(file)}\n`);
      }
      ctx.failStatus(r.status);
    }
    printObject(ctx, r.value, format === 'json' || format === 'yaml' ? format : '', {
      verb: 'edited',
      dryRun: 'none',
    });
  }
  ctx.host.fs.remove(file);
  return undefined;
}

/**
 * visitToCreate: each edited object created as `kubectl create` does; a refusal keeps the file
 * (preservedFile) and ends the command.
 */
function createEdited(ctx: Ctx, pending: PendingEdit, updated: KubeObject[]): string | undefined {
  const file = pending.path;
  const format = ctx.str('output');
  for (const edited of updated) {
    const obj = withApplyAnnotation(edited, ctx.bool('save-config'));
    const type = typeByKind(obj.apiVersion, obj.kind);
    if (!type) {
      preserved(
        ctx,
        `no matches for kind "${String(obj.kind)}" in version "${String(obj.apiVersion)}"`,
        file,
      );
    }
    const ns = type.namespaced ? obj.metadata?.namespace || ctx.namespace : undefined;
    const r = ctx.host.api.create(type.resource, ns, withoutResourceVersion(obj), {
      fieldManager: 'kubectl-create',
      fieldValidation: fieldValidation(ctx),
    });
    if (!r.ok) {
      if (ctx.host.fs.has(file)) {
        ctx.err(`A copy of your changes has been stored to ${JSON.stringify(file)}\n`);
      }
      ctx.failStatus(r.status);
    }
    for (const w of r.warnings ?? []) ctx.err(`Warning: ${w}\n`);
    printObject(ctx, r.value, format === 'json' || format === 'yaml' ? format : '', {
      verb: 'created',
      dryRun: 'none',
    });
  }
  ctx.host.fs.remove(file);
  return undefined;
}

/** A `List` the file was written as stands for its items. */
function flatten(docs: readonly KubeObject[]): KubeObject[] {
  const out: KubeObject[] = [];
  for (const d of docs) {
    const items = (d as { items?: unknown }).items;
    if (d.kind === 'List' && Array.isArray(items)) out.push(...(items as KubeObject[]));
    else out.push(d);
  }
  return out;
}
