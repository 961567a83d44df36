/** `kubectl get`: tables, `-o wide|yaml|json|name`, several types, `-A`, `-l`, `-f`. */
import type { KubeObject, Status } from '../../engine/api/types.ts';
import { restPath } from '../../engine/apiserver/resources.ts';
import { goSprint } from '../../engine/util/gofmt.ts';
import type { Ctx } from '../context.ts';
import { clientError, ExitError } from '../errors.ts';
import { goTemplateText, printGoTemplate } from '../goTemplateOutput.ts';
import { refusedUnstored } from '../impersonation.ts';
import { GET_FORMATS, outputFormat, outputTemplate, printJsonPath } from '../output.ts';
import { columnsFor, formatLabels, rowFor } from '../printers/columns.ts';
import { toGoYaml } from '../printers/goyaml.ts';
import { toGoJson } from '../printers/json.ts';
import { evaluate, JsonPathError, parseJsonPath } from '../printers/jsonpath.ts';
import { printTable, sanitizeCell, type Table } from '../printers/table.ts';
import { isStoredType, kindPrefix, type ResourceType } from '../resources.ts';
import { foundInAny, relaxedJsonPath, sortByPath, Unsortable } from '../sortBy.ts';
import { formatTabbed, GET_TABWRITER } from '../tabwriter.ts';
import {
  checkBuilderArgs,
  clone,
  getFailure,
  listError,
  multipleTypesRequested,
  NO_SUCH_PATH,
  namespaceMismatch,
  notFound,
  nsFor,
  onePathImplied,
  ownNamespace,
  readFilenames,
  refuseArgsWithPaths,
  typesAndNamesToRead,
  VERSIONLESS_NOT_FOUND,
} from './common.ts';
import { COMPONENT_STATUS_NAMES, runGetComponentStatuses } from './componentStatus.ts';
import { runGetRaw } from './getRaw.ts';
import { refuseBulkSubresource, runGetScale, subresourceServed } from './getSubresource.ts';
import { requestTimeoutMs, watchChanges, watchStoppedNote } from './getWatch.ts';
import { filenameArgs } from './kustomize.ts';

export interface Found {
  type: ResourceType;
  obj: KubeObject;
  /** Which request it came from: a named get, or one list of a type (a server-side Table). */
  info: number;
  /** A file's nameless object, never fetched: printed with the client's default columns. */
  local?: true;
}

const NO_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
`;

/** Gives a server object the apiVersion/kind it is printed with. */
function withTypeMeta(t: ResourceType, obj: KubeObject, keepManagedFields = false): KubeObject {
  const o = clone(obj);
  // kubectl hides managedFields unless --show-managed-fields is given.
  if (!keepManagedFields && o.metadata?.managedFields) {
    const { managedFields: _m, ...meta } = o.metadata;
    o.metadata = meta;
  }
  return {
    ...o,
    apiVersion: o.apiVersion ?? (t.group ? `${t.group}/${t.version}` : t.version),
    kind: o.kind ?? t.kind,
  };
}

/** `-o` read as outputFormat does, with what its error printed taken back to be said later. */
function deferredOutputFormat(ctx: Ctx): {
  format: ReturnType<typeof outputFormat>;
  error?: string;
} {
  // -v: the run's start is logged before the printer is looked for, so it stays.
  ctx.requestLog?.started();
  const stderr = ctx.stderr;
  const chunks = ctx.chunks.length;
  try {
    return { format: outputFormat(ctx, true) };
  } catch (e) {
    if (!(e instanceof ExitError)) throw e;
    const error = ctx.stderr.slice(stderr.length);
    ctx.stderr = stderr;
    ctx.chunks.splice(chunks);
    return { format: 'yaml', error };
  }
}

export function runGet(ctx: Ctx, args: string[]): void {
  const raw = ctx.str('raw');
  if (raw !== '') {
    runGetRaw(ctx, raw, args);
    return;
  }
  // GetOptions.Validate, before any request.
  const output = ctx.str('output');
  if (ctx.bool('show-labels') && output !== '' && output !== 'wide')
    ctx.fail(`--show-labels option cannot be used with ${output} printer`);
  if (ctx.bool('output-watch-events') && !ctx.bool('watch') && !ctx.bool('watch-only'))
    ctx.fail('--output-watch-events option can only be used with --watch or --watch-only');
  // get.go builds its printer only in printGeneric, after the builder has read the objects: an
  // -o it has no printer for (`-o jsn`, `-o jsonpath` without a template, a template file that
  // is not there) is said then, or not at all when a single named object failed first.
  const printer = deferredOutputFormat(ctx);
  const format = printer.format;
  // kubectl 1.32.5 sends any subresource name (getSubresource.ts).
  const subresource = ctx.str('subresource');
  const files = filenameArgs(ctx);
  if (args.length === 0 && files.length === 0) {
    ctx.err(`${NO_TYPE}See '${ctx.commandPath} -h' for help and examples\n`);
    ctx.exitCode = 1;
    return;
  }
  refuseArgsWithPaths(ctx, files, args);
  if (subresource !== '' && files.length === 0) {
    refuseBulkSubresource(ctx, args);
    // The status subresource is the object itself, printed as ever.
    if (subresource === 'scale') {
      runGetScale(ctx, args, format);
      return;
    }
  }
  if (files.length === 0 && COMPONENT_STATUS_NAMES.has(args[0] ?? '')) {
    runGetComponentStatuses(ctx, args.slice(1));
    return;
  }
  // A console line cannot stream: -w shows the current state once and says so.
  const watching = ctx.bool('watch') || ctx.bool('watch-only');
  const allNs = ctx.bool('all-namespaces');
  const selector = ctx.str('selector');
  const fieldSelector = ctx.str('field-selector');
  const ns = ctx.namespace;
  const found: Found[] = [];
  const errors: Status[] = [];
  let singleItemImplied = false;
  let multiple = false;

  if (files.length > 0) {
    const gathered: Status[] = [];
    const objs = readFilenames(ctx, files, gathered, 'create', { versionless: true });
    // The errors in document order: the builder's own (mapping, decoding) where they came.
    let k = 0;
    for (const m of objs) {
      while (k < (m.errorsBefore ?? 0)) errors.push(gathered[k++] as Status);
      const name = m.obj.metadata?.name ?? '';
      // The builder's RetrieveLatest fetches each object in its own namespace (a nameless one
      // stays the file's, namespace set); RequireNamespace looks at `-n` only afterwards.
      const own = ownNamespace(ctx, m);
      const r =
        name === ''
          ? {
              ok: true as const,
              value:
                own === undefined
                  ? m.obj
                  : { ...m.obj, metadata: { ...m.obj.metadata, namespace: own } },
            }
          : m.versionless
            ? { ok: false as const, status: VERSIONLESS_NOT_FOUND }
            : ctx.host.api.get(m.type.resource, own, name);
      const mismatch = r.ok ? namespaceMismatch(ctx, m) : undefined;
      if (mismatch) errors.push(clientError(mismatch));
      else if (r.ok && name === '')
        found.push({ type: m.type, obj: r.value, info: found.length, local: true });
      else if (r.ok) found.push({ type: m.type, obj: r.value, info: found.length });
      // --ignore-not-found: the builder's IgnoreErrors drops a file's missing object too.
      else if (!(ctx.bool('ignore-not-found') && r.status.reason === 'NotFound'))
        // Info.Get: a missing object whose namespace is missing too is reported as the latter.
        errors.push(
          m.versionless || name === ''
            ? r.status
            : getFailure(ctx, m.type, nsFor(m.type, own ?? ''), name, r.status),
        );
    }
    errors.push(...gathered.slice(k));
    // The builder implies a single item for one -f file (several files are a list), and
    // printGeneric prints it so when one object is left, --ignore-not-found having dropped
    // the file's missing ones (kubectl 1.32.5).
    singleItemImplied =
      onePathImplied(ctx, files) &&
      (objs.length === 1 || (ctx.bool('ignore-not-found') && found.length === 1));
    multiple = new Set(objs.map((o) => o.type)).size > 1;
  } else {
    // --chunk-size (500): the page size kubectl asks for; 0 asks for everything at once, as
    // does --sort-by (it sorts the whole list).
    const chunk = ctx.str('sort-by') !== '' ? 0 : ctx.num('chunk-size', 500);
    const requests = typesAndNamesToRead(ctx, args);
    checkBuilderArgs(ctx, args, requests, {
      selector: selector.trim() !== '' || fieldSelector.trim() !== '',
      allNamespaces: allNs,
    });
    multiple = multipleTypesRequested(args);
    const named = requests.reduce((n, r) => n + r.names.length, 0);
    singleItemImplied = requests.length === 1 && named === 1;
    for (const { type, names } of requests) {
      if (!isStoredType(type)) {
        // A type the cluster serves but holds nothing of: the list is empty, names NotFound
        // (once the request is authorized).
        const scope = nsFor(type, allNs ? '' : ns);
        // The console answers for the server; -v=6 logs the request kubectl sends.
        const base = restPath(type, scope);
        if (names.length === 0) {
          const refused = refusedUnstored(ctx, type, 'list', scope, '');
          ctx.requestLog?.requestTo(
            'GET',
            base,
            {
              labelSelector: selector || undefined,
              fieldSelector: fieldSelector || undefined,
              limit: chunk > 0 ? String(chunk) : undefined,
            },
            refused ? refused.code : 200,
          );
          if (refused) errors.push(refused);
        }
        for (const name of names) {
          const refused = refusedUnstored(ctx, type, 'get', scope, name);
          ctx.requestLog?.requestTo('GET', `${base}/${name}`, {}, refused ? refused.code : 404);
          if (refused) errors.push(refused);
          else if (!ctx.bool('ignore-not-found')) errors.push(notFound(type, name));
        }
        continue;
      }
      if (names.length > 0) {
        for (const name of names) {
          if (subresource !== '' && !subresourceServed(type.resource, subresource)) {
            // The GET goes to a path the server does not route: its plain 404.
            ctx.requestLog?.unsent(
              'GET',
              type.resource,
              nsFor(type, ns),
              name,
              {},
              404,
              subresource,
            );
            if (!ctx.bool('ignore-not-found')) errors.push(NO_SUCH_PATH);
            continue;
          }
          const r = ctx.host.api.get(type.resource, nsFor(type, ns), name);
          if (r.ok) found.push({ type, obj: r.value, info: found.length });
          else if (!(ctx.bool('ignore-not-found') && r.status.reason === 'NotFound')) {
            errors.push(getFailure(ctx, type, nsFor(type, ns), name, r.status));
          }
        }
      } else {
        const opts = {
          ...(selector ? { labelSelector: selector } : {}),
          ...(fieldSelector ? { fieldSelector } : {}),
          ...(chunk > 0 ? { limit: chunk } : {}),
        };
        const r = ctx.host.api.list(
          type.resource,
          type.namespaced && !allNs ? ns : undefined,
          opts,
        );
        const info = found.length;
        if (r.ok) for (const obj of r.value.items) found.push({ type, obj, info });
        else errors.push(listError(r.status, type, selector, fieldSelector));
      }
    }
  }

  if (printer.error !== undefined) {
    const message = printer.error;
    const fail = (): never => {
      ctx.err(message);
      throw new ExitError(1);
    };
    if (watching) fail();
    // printGeneric: a single named object's error returns at once; with --ignore-not-found
    // nothing found is nothing to print; else the printer's error, the others' left unsaid.
    if (singleItemImplied && errors.length > 0) ctx.failStatus(errors[0] as Status);
    if (found.length === 0 && ctx.bool('ignore-not-found')) {
      for (const e of errors) ctx.reportStatus(e);
      return;
    }
    fail();
  }
  const sortBy = ctx.str('sort-by');
  const table = format === '' || format === 'wide';
  const sortError = sortBy ? sortFound(ctx, found, sortBy, table, singleItemImplied) : undefined;
  if (sortError !== undefined) {
    // printGeneric: the printer's error is added to the builder's, and nothing is printed.
    ctx.errStatuses([...errors, clientError(sortError)]);
    throw new ExitError(1);
  }
  if (watching && files.length === 0) {
    runWatch(ctx, args, found, errors, format, allNs);
    return;
  }
  // printGeneric: a single named object that failed returns its error at once, and with
  // --ignore-not-found nothing found prints nothing (not even an empty List or a header).
  // One -f file is a single item implied too (the builder's), whatever it holds.
  const skipGeneric =
    ((singleItemImplied || onePathImplied(ctx, files)) && errors.length > 0) ||
    (found.length === 0 && ctx.bool('ignore-not-found'));
  if (format === 'yaml' || format === 'json') {
    if (!skipGeneric) printGeneric(ctx, found, format, singleItemImplied);
  } else if (format === 'jsonpath') {
    // Only the JSON and YAML printers omit managedFields: a template sees them.
    const items = found.map((f) => withTypeMeta(f.type, f.obj, true));
    const data =
      singleItemImplied && items[0]
        ? items[0]
        : { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
    const template = outputTemplate(ctx);
    if (!skipGeneric) printJsonPath(ctx, template, data);
  } else if (format === 'go-template') {
    const items = found.map((f) => withTypeMeta(f.type, f.obj, true));
    const data =
      singleItemImplied && items[0]
        ? items[0]
        : { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
    if (!skipGeneric) printGoTemplate(ctx, goTemplateText(ctx, GET_FORMATS), data);
  } else if (format === 'custom-columns') {
    if (!skipGeneric) printCustomColumns(ctx, found);
  } else if (format === 'name') {
    if (!skipGeneric)
      // NamePrinter: a nameless object (from a file) is `<unknown>`.
      for (const f of found)
        ctx.out(`${kindPrefix(f.type)}/${f.obj.metadata?.name || '<unknown>'}\n`);
  } else {
    printTables(ctx, found, {
      wide: format === 'wide',
      withKind: multiple || ctx.bool('show-kind'),
      withNamespace: allNs,
    });
  }

  // A watch prints what there is and waits: "No resources found" is only for a plain get, and
  // only for the human-readable printers (a table, -o wide); printGeneric says nothing.
  if (
    !watching &&
    found.length === 0 &&
    errors.length === 0 &&
    (format === '' || format === 'wide')
  ) {
    const requestedTypes =
      files.length > 0 ? [] : typesAndNamesToRead(ctx, args).map((r) => r.type);
    const namespaced =
      !allNs && requestedTypes.length > 0 && requestedTypes.every((t) => t.namespaced);
    if (!ctx.bool('ignore-not-found')) {
      ctx.err(namespaced ? `No resources found in ${ns} namespace.\n` : 'No resources found\n');
    }
  }
  // The table printer's errors are an aggregate of the builder's: its own (a document it
  // cannot map or decode) print without `error:`. printGeneric reduces its errors: one is
  // printed as itself, several each without `error:` (renderStatuses).
  if (format === '' || format === 'wide') {
    ctx.dumpStatuses(errors);
    for (const e of errors) {
      if (e.code === 0) {
        ctx.err(`${e.message}\n`);
        ctx.exitCode = 1;
      } else ctx.reportStatus(e, true);
    }
  } else if (errors.length > 0 && files.length > 0) {
    ctx.errStatuses(errors);
    ctx.exitCode = 1;
  } else {
    ctx.dumpStatuses(errors);
    for (const e of errors) ctx.reportStatus(e, true);
  }
  if (watching) {
    ctx.err(
      '(this console cannot keep watching: that was the state now; run the command again to see changes)\n',
    );
  }
}

/**
 * get.go `watch`: one resource type (the builder's SingleResourceType), one collection or one
 * named object; the state now (not with --watch-only), then each change as it comes, every
 * object through the same printer (a table keeps its column widths: RememberWidths).
 */
function runWatch(
  ctx: Ctx,
  args: string[],
  found: Found[],
  errors: Status[],
  format: ReturnType<typeof outputFormat>,
  allNs: boolean,
): void {
  requestTimeoutMs(ctx);
  const requests = typesAndNamesToRead(ctx, args);
  if (requests.length !== 1 || multipleTypesRequested(args))
    ctx.fail('you may only specify a single resource type');
  const { type, names } = requests[0] as (typeof requests)[number];
  if (errors.length > 0) {
    for (const e of errors) ctx.reportStatus(e);
    return;
  }
  if (names.length > 1) {
    ctx.fail(
      `watch is only supported on individual resources and resource collections, but ${names.length} resources were found`,
    );
  }
  // --ignore-not-found on a named object that is not there: nothing to watch.
  if (names.length === 1 && found.length === 0) return;
  // A type the cluster serves but never stores anything of: nothing will ever come.
  if (!isStoredType(type)) {
    ctx.err(watchStoppedNote());
    return;
  }
  const print = watchPrinter(ctx, type, format, {
    wide: format === 'wide',
    withKind: ctx.bool('show-kind'),
    withNamespace: allNs,
  });
  if (!ctx.bool('watch-only') && found.length > 0)
    print(
      found.map((f) => f.obj),
      'ADDED',
    );
  watchChanges(
    ctx,
    {
      type,
      namespace: type.namespaced && !allNs ? ctx.namespace : undefined,
      ...(names[0] !== undefined ? { name: names[0] } : {}),
      labelSelector: ctx.str('selector'),
      fieldSelector: ctx.str('field-selector'),
    },
    (obj, event) => print([obj], event),
    found.map((f) => f.obj),
  );
}

/**
 * The printer a watch prints each event through (one flush per call). With
 * --output-watch-events each object goes as a WatchEvent: a table gets an EVENT column first,
 * JSON and YAML print `{type, object}`.
 */
function watchPrinter(
  ctx: Ctx,
  type: ResourceType,
  format: ReturnType<typeof outputFormat>,
  o: TableOptions,
): (objs: KubeObject[], event: WatchEventType) => void {
  const each = (objs: KubeObject[]) => objs.map((obj) => ({ type, obj, info: 0 }));
  const events = ctx.bool('output-watch-events');
  if (format === '' || format === 'wide') {
    // printers.GetNewTabWriter: RememberWidths; the header once, with the first row printed.
    const remember: number[] = [];
    let printedHeaders = ctx.bool('no-headers');
    return (objs, event) => {
      const table = tableOf(ctx, type, objs, o);
      const columns = events ? ['Event', ...table.columns] : table.columns;
      let text = '';
      if (!printedHeaders) text += `${columns.map((c) => c.toUpperCase()).join('\t')}\n`;
      printedHeaders = true;
      for (const row of table.rows) {
        const cells = events ? [event, ...row] : row;
        text += `${cells.map(sanitizeCell).join('\t')}\n`;
      }
      ctx.out(formatTabbed(text, GET_TABWRITER, remember));
    };
  }
  if (format === 'name') {
    return (objs) => {
      for (const obj of objs) ctx.out(`${kindPrefix(type)}/${obj.metadata?.name ?? ''}\n`);
    };
  }
  if (format === 'yaml' || format === 'json') {
    // Each object on its own (no List); the YAML printer separates documents with ---.
    let count = 0;
    return (objs, event) => {
      for (const obj of objs) {
        const item = withTypeMeta(type, obj, ctx.bool('show-managed-fields'));
        if (format === 'yaml' && count++ > 0) ctx.out('---\n');
        // The printers' WatchEvent case: json.Marshal on one line; YAML of the struct (keys sorted).
        if (events && format === 'json')
          ctx.out(`{"type":"${event}","object":${goCompactJson(item)}}\n`);
        else {
          const value = events ? { type: event, object: item } : item;
          ctx.out(format === 'yaml' ? toGoYaml(value) : toGoJson(value));
        }
      }
    };
  }
  if (format === 'custom-columns') {
    let printedHeaders = false;
    return (objs) => {
      printCustomColumns(ctx, each(objs), printedHeaders);
      printedHeaders = true;
    };
  }
  if (format === 'jsonpath') {
    const template = outputTemplate(ctx);
    return (objs) => {
      for (const obj of objs) printJsonPath(ctx, template, withTypeMeta(type, obj, true));
    };
  }
  const template = goTemplateText(ctx, GET_FORMATS);
  return (objs) => {
    for (const obj of objs) printGoTemplate(ctx, template, withTypeMeta(type, obj, true));
  };
}

type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** Go's json.Marshal of an unstructured object: one line, map keys sorted, <, > and & escaped. */
function goCompactJson(value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) out[k] = sorted((v as Record<string, unknown>)[k]);
      return out;
    }
    return v;
  };
  return JSON.stringify(sorted(value))
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * `--sort-by`. A table (the default and `-o wide`) sorts each server-side Table on its own
 * (RuntimeSorter, TableSorter): the rows of one list, while named objects are one-row Tables and
 * keep the order given; a path RelaxedJSONPathExpression refuses is used as it was typed, and a
 * template that does not parse is `sorting error: …`. Other formats sort everything printed as
 * one List in the printer (SortingPrinter, SortObjects); a single named object is no list and is
 * left alone; their errors are returned, to join the builder's. A path no object has is
 * kubectl's error; a value isLess cannot order is klog's fatal.
 */
function sortFound(
  ctx: Ctx,
  found: Found[],
  spec: string,
  table: boolean,
  single: boolean,
): string | undefined {
  const relaxed = relaxedJsonPath(spec.trim());
  if (relaxed === undefined && !table) {
    return "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'";
  }
  const template = relaxed ?? spec;
  if (table) {
    try {
      parseJsonPath(template);
    } catch (e) {
      if (!(e instanceof JsonPathError)) throw e;
      ctx.fail(`sorting error: ${e.message}`);
    }
  }
  const data = (f: Found): unknown => withTypeMeta(f.type, f.obj);
  const notFound = `couldn't find any field with path "${template}" in the list of objects`;
  try {
    if (table) {
      let start = 0;
      while (start < found.length) {
        let end = start + 1;
        while (end < found.length && found[end]?.info === found[start]?.info) end++;
        const group = found.slice(start, end);
        if (!foundInAny(group, template, data)) ctx.fail(notFound);
        sortByPath(group, template, data);
        found.splice(start, group.length, ...group);
        start = end;
      }
    } else if (found.length > 0 && !(single && found.length === 1)) {
      if (!foundInAny(found, template, data)) return notFound;
      sortByPath(found, template, data);
    }
  } catch (e) {
    if (e instanceof Unsortable) {
      // Less: klog.Exitf, one line, and kubectl exits. RuntimeSort names the object's type,
      // TableSorter its parsed rows' (sorter.go:375 is reasoned from the source, not observed).
      ctx.klog(
        'F',
        table ? 'sorter.go:375' : 'sorter.go:329',
        `Field ${template} in ${table ? '[][][]reflect.Value' : '*unstructured.Unstructured'} is an unsortable type: ${e.kind}, err: ${e.message}`,
      );
      throw new ExitError(1);
    }
    if (!(e instanceof JsonPathError)) throw e;
    // SortObjects returns the parser's or the evaluation's error as it is:
    // `error: invalid array index app`.
    if (!table) return e.message;
    ctx.fail(`sorting error: ${e.message}`);
  }
  return undefined;
}

/**
 * `-o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName`. NewCustomColumnsPrinterFromSpec
 * checks each column's path with RelaxedJSONPathExpression; PrintObj prints the header (even for
 * an empty list), then parses and runs each column's JSONPath per object: an error there ends
 * the printing with the rows so far flushed and the error as it is (no "error parsing" prefix).
 * `typed` (the default) gives each object its type's apiVersion and kind first; a Scale
 * (`--subresource=scale`) carries its own.
 */
export function printCustomColumns(
  ctx: Ctx,
  found: Found[],
  noHeaders = ctx.bool('no-headers'),
  typed = true,
): void {
  const spec = outputTemplate(ctx);
  const cols = spec.split(',').map((part) => {
    const i = part.indexOf(':');
    if (i < 0)
      ctx.fail(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    const relaxed = part.slice(i + 1) === '' ? '{}' : relaxedJsonPath(part.slice(i + 1));
    if (relaxed === undefined)
      ctx.fail(
        "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
      );
    return { header: part.slice(0, i), path: relaxed.slice(1, -1) };
  });
  const lines = noHeaders ? [] : [cols.map((c) => c.header).join('\t')];
  let failure: string | undefined;
  for (const f of found) {
    const cells: string[] = [];
    for (const c of cols) {
      let values: unknown[];
      try {
        values = c.path === '' ? [] : evaluate(c.path, typed ? withTypeMeta(f.type, f.obj) : f.obj);
      } catch (e) {
        if (!(e instanceof JsonPathError)) throw e;
        failure = e.message;
        break;
      }
      // printOneObject: fmt.Sprint of each result (Go's map[…] / […] forms), joined by commas.
      cells.push(values.length === 0 ? '<none>' : values.map(goSprint).join(','));
    }
    if (failure !== undefined) break;
    lines.push(cells.join('\t'));
  }
  if (lines.length > 0) ctx.out(formatTabbed(lines.map((l) => `${l}\n`).join(''), GET_TABWRITER));
  if (failure !== undefined) ctx.fail(failure);
}

function printGeneric(ctx: Ctx, found: Found[], format: 'yaml' | 'json', single: boolean): void {
  const items = found.map((f) => withTypeMeta(f.type, f.obj, ctx.bool('show-managed-fields')));
  const first = items[0];
  const value =
    single && first
      ? first
      : { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
  ctx.out(format === 'yaml' ? toGoYaml(value) : toGoJson(value));
}

export interface TableOptions {
  wide: boolean;
  withKind: boolean;
  withNamespace: boolean;
}

/** The server-side Table of `objs` (all of `type`) as kubectl prints it, with its decorations. */
export function tableOf(ctx: Ctx, type: ResourceType, objs: KubeObject[], o: TableOptions): Table {
  const now = ctx.now();
  const showLabels = ctx.bool('show-labels');
  const labelColumns = ctx.list('label-columns');
  const columns = columnsFor(type.resource, o.wide);
  const nameCol = columns.indexOf('Name');
  const withNs = o.withNamespace && type.namespaced;
  const rows = objs.map((obj) => {
    const row = rowFor(type.resource, obj, { wide: o.wide, now });
    if (o.withKind && nameCol >= 0) row[nameCol] = `${kindPrefix(type)}/${row[nameCol] ?? ''}`;
    for (const l of labelColumns) row.push(obj.metadata?.labels?.[l] ?? '');
    if (showLabels) row.push(formatLabels(obj.metadata?.labels));
    if (withNs) row.unshift(obj.metadata?.namespace ?? '');
    return row;
  });
  const cols = [
    ...(withNs ? ['Namespace'] : []),
    ...columns,
    // -L columns are headed by the label key's last path segment, upper-cased.
    ...labelColumns.map((l) => l.split('/').pop() ?? l),
    ...(showLabels ? ['Labels'] : []),
  ];
  return { columns: cols, rows };
}

/** One table per type, each with its own widths, a blank line between them. */
function printTables(ctx: Ctx, found: Found[], o: TableOptions): void {
  const blocks: { type: ResourceType; objs: KubeObject[]; local: boolean }[] = [];
  for (const f of found) {
    const last = blocks[blocks.length - 1];
    const local = f.local === true;
    if (last && last.type === f.type && last.local === local) last.objs.push(f.obj);
    else blocks.push({ type: f.type, objs: [f.obj], local });
  }
  const noHeaders = ctx.bool('no-headers');
  let printedRows = 0;
  for (const { type, objs, local } of blocks) {
    if (printedRows > 0 && !noHeaders) ctx.out('\n');
    // No server Table for an object that was never fetched: the default NAME and AGE columns
    // (no creationTimestamp: `<unknown>`).
    const table = local
      ? {
          columns: ['name', 'age'],
          rows: objs.map((obj) => [obj.metadata?.name ?? '', '<unknown>']),
        }
      : tableOf(ctx, type, objs, o);
    ctx.out(printTable(table, { noHeaders }));
    printedRows += table.rows.length;
  }
}
