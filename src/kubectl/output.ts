/** Printer selection (`-o`) and the printers for objects kubectl created or changed. */
import type { KubeObject } from '../engine/api/types.ts';
import type { Ctx } from './context.ts';
import { customColumnsFromFile } from './customColumnsFile.ts';
import { ExitError } from './errors.ts';
import { parseGoBool } from './flags.ts';
import {
  checkGoTemplate,
  goTemplateText,
  isGoTemplateFormat,
  printGoTemplate,
} from './goTemplateOutput.ts';
import { toGoYaml } from './printers/goyaml.ts';
import { toGoJson, typedOrder } from './printers/json.ts';
import {
  goSyntax,
  JsonPathError,
  JsonPathExecError,
  JsonPathPrinter,
  parseJsonPath,
} from './printers/jsonpath.ts';
import { goTyped } from './printers/structOrder.ts';
import { kindPrefix, typeByKind } from './resources.ts';

export type OutputFormat =
  | ''
  | 'wide'
  | 'yaml'
  | 'json'
  | 'name'
  | 'jsonpath'
  | 'custom-columns'
  | 'go-template';

/**
 * What a `-o custom-columns-file=FILE` (as a custom-columns spec) or `-o jsonpath-file=FILE`
 * (the template) read.
 */
const templateFiles = new WeakMap<Ctx, string>();

/** The template of `-o jsonpath=…` / `-o custom-columns=…` (quotes already removed by the shell). */
export function outputTemplate(ctx: Ctx): string {
  const o = ctx.str('output');
  const fromFile = templateFiles.get(ctx);
  if (fromFile !== undefined) return fromFile;
  const i = o.indexOf('=');
  // JSONPathPrintFlags / CustomColumnsPrintFlags: --template, when given, is the template.
  if (ctx.str('template') !== '') return ctx.str('template');
  return i < 0 ? '' : o.slice(i + 1);
}

export const GENERIC_FORMATS =
  'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';
export const GET_FORMATS =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

/** Validates `-o` like kubectl's PrintFlags; `wide` only where a table printer exists. */
export function outputFormat(ctx: Ctx, allowWide: boolean): OutputFormat {
  const o = ctx.str('output');
  // PrintFlags.ToPrinter: a --template without -o means -o go-template.
  if (isGoTemplateFormat(ctx)) {
    goTemplateText(ctx, allowWide ? GET_FORMATS : GENERIC_FORMATS);
    return 'go-template';
  }
  // JSONYamlPrintFlags and NamePrintFlags match their formats case-insensitively (-o YAML,
  // -o Json, -o NAME); every other printer wants the exact lower-case name.
  const lower = o.toLowerCase();
  // JSONPathPrintFlags and CustomColumnsPrintFlags split `FORMAT=value` only when --template is
  // not given; with it, `jsonpath=…` is taken whole as the format name, and no printer has it.
  if (ctx.str('template') !== '' && o.includes('=')) {
    ctx.fail(
      `unable to match a printer suitable for the output format "${o}", allowed formats are: ${allowWide ? GET_FORMATS : GENERIC_FORMATS}`,
    );
  }
  if (o === '' || lower === 'yaml' || lower === 'json' || lower === 'name')
    return lower as OutputFormat;
  if (o === 'wide' && allowWide) return o;
  if (/^jsonpath(-as-json)?(=|$)/.test(o)) {
    if (outputTemplate(ctx) === '') ctx.fail('template format specified but no template given');
    return 'jsonpath';
  }
  // Only `get` has custom-columns printers (its PrintFlags add CustomColumnsFlags).
  if (/^custom-columns(=|$)/.test(o) && allowWide) {
    if (outputTemplate(ctx) === '')
      ctx.fail('custom-columns format specified but no custom columns given');
    return 'custom-columns';
  }
  if (/^custom-columns-file(=|$)/.test(o) && allowWide) {
    const path = outputTemplate(ctx);
    if (path === '') ctx.fail('custom-columns format specified but no custom columns given');
    templateFiles.set(ctx, customColumnsFromFile(ctx, path));
    return 'custom-columns';
  }
  if (/^jsonpath-file(=|$)/.test(o)) {
    // JSONPathPrintFlags: the file holds the template.
    const path = outputTemplate(ctx);
    if (path === '') ctx.fail('template format specified but no template given');
    const text = ctx.host.fs.read(path);
    if (text === undefined)
      ctx.fail(`error reading --template ${path}, open ${path}: no such file or directory`);
    templateFiles.set(ctx, text);
    return 'jsonpath';
  }
  ctx.fail(
    `unable to match a printer suitable for the output format "${o}", allowed formats are: ${allowWide ? GET_FORMATS : GENERIC_FORMATS}`,
  );
}

/**
 * What PrintFlags.ToPrinter checks beyond the format name: the jsonpath or Go template is
 * parsed when the printer is made. For the commands that make it before they change anything
 * (annotate, set …, taint, expose, scale, run, the create generators): a template that does
 * not parse fails there, with nothing sent.
 */
export function checkTemplatePrinter(ctx: Ctx, format: OutputFormat): void {
  if (format === 'jsonpath') {
    const template = outputTemplate(ctx);
    try {
      parseJsonPath(template);
    } catch (e) {
      if (!(e instanceof JsonPathError)) throw e;
      ctx.fail(`error parsing jsonpath ${template}, ${e.message}`);
    }
  } else if (format === 'go-template') {
    checkGoTemplate(ctx, goTemplateText(ctx, GENERIC_FORMATS));
  }
}

export type DryRun = 'none' | 'client' | 'server';

const dryRuns = new WeakMap<Ctx, DryRun>();

/**
 * `--dry-run` as cmdutil.GetDryRunStrategy reads it, once per command (its Complete): the
 * deprecation warning of a bare `--dry-run` or a boolean is printed once however many steps ask.
 */
export function dryRunStrategy(ctx: Ctx): DryRun {
  const known = dryRuns.get(ctx);
  if (known !== undefined) return known;
  const d = readDryRun(ctx);
  dryRuns.set(ctx, d);
  return d;
}

function readDryRun(ctx: Ctx): DryRun {
  const v = ctx.str('dry-run');
  switch (v) {
    case '':
    case 'none':
      return 'none';
    case 'unchanged':
      ctx.klog(
        'W',
        'helpers.go:702',
        '--dry-run is deprecated and can be replaced with --dry-run=client.',
      );
      return 'client';
    case 'client':
      return 'client';
    case 'server':
      return 'server';
    default: {
      const b = parseGoBool(v);
      if (b !== undefined) {
        const repl = b ? 'client' : 'none';
        ctx.klog(
          'W',
          'helpers.go:716',
          `--dry-run=${v} is deprecated (boolean value) and can be replaced with --dry-run=${repl}.`,
        );
        return b ? 'client' : 'none';
      }
      ctx.fail(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
    }
  }
}

/** `pod/nginx`, `deployment.apps/web`, `namespace/blue`. */
export function objectRef(obj: KubeObject): string {
  const t = typeByKind(obj.apiVersion, obj.kind);
  // NamePrinter: a kind this client has no type for is still qualified by the group of its
  // apiVersion; an object without a name is `<unknown>` (a SelfSubjectReview).
  const group = obj.apiVersion?.includes('/') ? obj.apiVersion.split('/')[0] : '';
  const kind = String(obj.kind ?? '').toLowerCase();
  const prefix = t ? kindPrefix(t) : group ? `${kind}.${group}` : kind;
  return `${prefix}/${obj.metadata?.name || '<unknown>'}`;
}

/** Counts objects printed as YAML so that documents get `---` separators. */
const yamlCounts = new WeakMap<Ctx, number>();
/** apply's objects kept for printObjects (an -o format other than name), in order. */
const deferred = new WeakMap<Ctx, KubeObject[]>();

/**
 * apply.go shouldPrintObject: with an -o format other than `name`, apply prints nothing per
 * object; printObjects prints them all once every object applied (one as itself, several as a
 * v1 List). `deferObjectPrints` starts keeping them, `flushObjectPrints` prints (or drops) them.
 */
export function deferObjectPrints(ctx: Ctx, format: OutputFormat): void {
  if (format !== '' && format !== 'name') deferred.set(ctx, []);
}

export function flushObjectPrints(ctx: Ctx, format: OutputFormat, print: boolean): void {
  const objs = deferred.get(ctx);
  deferred.delete(ctx);
  if (!objs || objs.length === 0 || !print) return;
  if (objs.length === 1) {
    printObject(ctx, objs[0] as KubeObject, format, { verb: '', dryRun: 'none' });
    return;
  }
  const list = { apiVersion: 'v1', items: objs, kind: 'List', metadata: {} };
  // The JSON printer writes a List as the typed metav1.List: kind, apiVersion, metadata, items
  // (each item's keys sorted), as the real kubectl 1.32.5 printed it.
  if (format === 'json') {
    ctx.out(
      toGoJson(
        { kind: 'List', apiVersion: 'v1', metadata: {}, items: objs.map(sortedKeys) },
        {
          sortKeys: false,
        },
      ),
    );
    return;
  }
  printObject(ctx, list as unknown as KubeObject, format, { verb: '', dryRun: 'none' });
}

function sortedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedKeys);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) {
    // defineProperty: a `__proto__` key stays a plain key.
    Object.defineProperty(out, k, {
      value: sortedKeys((v as Record<string, unknown>)[k]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** Prints one object the way `-o yaml|json|name` or the success line does. */
export function printObject(
  ctx: Ctx,
  obj: KubeObject,
  format: OutputFormat,
  opts: {
    verb: string;
    dryRun: DryRun;
    typed?: boolean | 'decoded';
    /** A printer made for this object alone (label's, per object): no `---` before it. */
    ownPrinter?: boolean;
    /** A jsonpath execution error: dropped (wait), or its text handed over (annotate). */
    printError?: 'drop' | ((text: string) => void);
  },
): void {
  // 'decoded': an object kubectl decoded into its Go type (goTyped): zero values written, Go's
  // field order in JSON. A kind it does not know stays as it came.
  let inOrder = false;
  if (opts.typed === 'decoded') {
    const decoded = goTyped(obj as unknown as Record<string, unknown>);
    opts = { ...opts, typed: false };
    if (decoded) {
      obj = decoded as unknown as KubeObject;
      inOrder = true;
    }
  }
  // JSONYamlPrintFlags wraps its printer in OmitManagedFieldsPrinter unless
  // --show-managed-fields; the jsonpath and go-template printers get the object whole.
  const omits = format === 'yaml' || format === 'json';
  if (omits && obj.metadata?.managedFields && !ctx.bool('show-managed-fields')) {
    const { managedFields: _m, ...meta } = obj.metadata;
    obj = { ...obj, metadata: meta };
  }
  const keep = deferred.get(ctx);
  if (keep && format !== '' && format !== 'name') {
    keep.push(obj);
    return;
  }
  switch (format) {
    case 'yaml': {
      const n = opts.ownPrinter ? 1 : (yamlCounts.get(ctx) ?? 0) + 1;
      if (!opts.ownPrinter) yamlCounts.set(ctx, n);
      if (n > 1) ctx.out('---\n');
      ctx.out(toGoYaml(obj));
      return;
    }
    case 'json':
      if (inOrder) ctx.out(toGoJson(obj, { sortKeys: false }));
      else ctx.out(toGoJson(opts.typed ? typedOrder(obj) : obj, { sortKeys: !opts.typed }));
      return;
    case 'name':
      ctx.out(`${objectRef(obj)}\n`);
      return;
    case 'jsonpath':
      printJsonPath(ctx, outputTemplate(ctx), obj, {
        ...(opts.printError === 'drop' ? { dropExecError: true } : {}),
        ...(typeof opts.printError === 'function' ? { gatherExecError: opts.printError } : {}),
      });
      return;
    case 'go-template':
      if (inOrder || opts.typed)
        printGoTemplate(
          ctx,
          goTemplateText(ctx, GENERIC_FORMATS),
          inOrder ? obj : typedOrder(obj),
          {
            inOrder: true,
          },
        );
      else printGoTemplate(ctx, goTemplateText(ctx, GENERIC_FORMATS), obj);
      return;
    default: {
      const suffix =
        opts.dryRun === 'client'
          ? ' (dry run)'
          : opts.dryRun === 'server'
            ? ' (server dry run)'
            : '';
      ctx.out(`${objectRef(obj)} ${opts.verb}${suffix}\n`);
    }
  }
}

/** Commands that make one printer for all the objects they print (see onePrinter). */
const sharedPrinters = new WeakMap<Ctx, Map<string, JsonPathPrinter>>();

/**
 * The command prints every object with one printer, made once (annotate, wait, set …): a
 * jsonpath printer then keeps client-go's executor state from one object to the next.
 */
export function onePrinter(ctx: Ctx): void {
  if (!sharedPrinters.has(ctx)) sharedPrinters.set(ctx, new Map());
}

/**
 * `-o jsonpath=…`: the template's output, or kubectl's error. A template that does not parse is
 * `error parsing jsonpath …`; one that fails while running (an index out of bounds) is the
 * jsonpath printer's `error executing jsonpath "…"` with the template and the object dumped.
 * `gatherExecError`: a command that goes on after a print error gets its text (no `error: `).
 */
export function printJsonPath(
  ctx: Ctx,
  template: string,
  data: unknown,
  opts: { dropExecError?: boolean; gatherExecError?: (text: string) => void } = {},
): void {
  try {
    // --allow-missing-template-keys=false: a key none of the values has is an error.
    const strict =
      ctx.changed('allow-missing-template-keys') && !ctx.bool('allow-missing-template-keys');
    // -o jsonpath-as-json goes through the same printer with JSON output turned on.
    const json = /^jsonpath-as-json(=|$)/.test(ctx.str('output'));
    const shared = sharedPrinters.get(ctx);
    const key = `${json}:${strict}:${template}`;
    let printer = shared?.get(key);
    if (!printer) {
      printer = new JsonPathPrinter(template, { allowMissingKeys: !strict, json });
      shared?.set(key, printer);
    }
    ctx.out(printer.print(data));
  } catch (e) {
    if (!(e instanceof JsonPathError)) throw e;
    if (!(e instanceof JsonPathExecError))
      ctx.fail(`error parsing jsonpath ${template}, ${e.message}`);
    // A caller that ignores PrintObj's error (kubectl events, wait): nothing more is said.
    if (opts.dropExecError) return;
    const text = `error executing jsonpath ${JSON.stringify(template)}: Error executing template: ${e.message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${template}\n\tobject given to jsonpath engine was:\n\t\t${goSyntax(data)}\n\n`;
    if (opts.gatherExecError) {
      opts.gatherExecError(text);
      return;
    }
    ctx.err(`error: ${text}\n`);
    throw new ExitError(1);
  }
}
