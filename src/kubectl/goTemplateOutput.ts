/**
 * `-o go-template=…`, `-o go-template-file=…`, `-o template=…`, `-o templatefile=…` and a bare
 * `--template`: cli-runtime's GoTemplatePrintFlags and GoTemplatePrinter over this console.
 */
import type { Ctx } from './context.ts';
import { ExitError } from './errors.ts';
import {
  executeTemplate,
  goPrint,
  parseTemplate,
  TemplateParseError,
} from './printers/goTemplate.ts';
import { goQuote } from './printers/goValue.ts';

const TEMPLATE_FORMATS = ['go-template', 'go-template-file', 'template', 'templatefile'];

/** Whether `-o` (or a bare `--template`) asks for a Go template. */
export function isGoTemplateFormat(ctx: Ctx): boolean {
  const o = ctx.str('output');
  if (o === '') return ctx.str('template') !== '';
  const name = o.split('=')[0] ?? '';
  return TEMPLATE_FORMATS.includes(name);
}

/**
 * The template text, or kubectl's error: GoTemplatePrintFlags.ToPrinter takes `--template`
 * when given (then `-o` must be the bare format name), else the text after `FORMAT=`; the
 * file forms read the file.
 */
export function goTemplateText(ctx: Ctx, allowedFormats: string): string {
  const o = ctx.str('output') || 'go-template';
  const arg = ctx.str('template');
  let format = o;
  let value = '';
  if (arg !== '') value = arg;
  else {
    for (const f of TEMPLATE_FORMATS) {
      if (o.startsWith(`${f}=`)) {
        value = o.slice(f.length + 1);
        format = f;
        break;
      }
    }
  }
  if (!TEMPLATE_FORMATS.includes(format)) {
    ctx.fail(
      `unable to match a printer suitable for the output format "${o}", allowed formats are: ${allowedFormats}`,
    );
  }
  if (value === '') ctx.fail('template format specified but no template given');
  if (format === 'templatefile' || format === 'go-template-file') {
    const data = ctx.host.fs.read(value);
    if (data === undefined)
      ctx.fail(`error reading --template ${value}, open ${value}: no such file or directory`);
    value = data;
  }
  return value;
}

/**
 * Go's json.Marshal: compact, `<`, `>`, `&` escaped; the keys sorted (a decoded map), or as they
 * are (`inOrder`: a typed object, whose struct fields come in the order it has them).
 */
function goJsonCompact(v: unknown, inOrder = false): string {
  if (Array.isArray(v)) return `[${v.map((x) => goJsonCompact(x, inOrder)).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined);
    if (!inOrder) keys.sort();
    return `{${keys.map((k) => `${jsonString(k)}:${goJsonCompact(o[k], inOrder)}`).join(',')}}`;
  }
  return typeof v === 'string' ? jsonString(v) : (JSON.stringify(v) ?? 'null');
}

function jsonString(s: string): string {
  return JSON.stringify(s).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** NewGoTemplatePrinter's parse of the template: `error parsing template …` when it fails. */
export function checkGoTemplate(ctx: Ctx, text: string): void {
  try {
    parseTemplate('output', text);
  } catch (e) {
    if (!(e instanceof TemplateParseError)) throw e;
    ctx.fail(`error parsing template ${text}, ${e.message}`);
  }
}

/**
 * Prints `data` (the object's JSON) through the template. A template that does not parse is
 * `error parsing template …`; one that fails while running leaves what it printed so far,
 * then GoTemplatePrinter's debugging dump on stdout and `error executing template` on stderr.
 * Its `raw data` is json.Marshal of the object: a typed one (`inOrder`) in its fields' order.
 */
export function printGoTemplate(
  ctx: Ctx,
  text: string,
  data: unknown,
  opts: { dropExecError?: boolean; inOrder?: boolean } = {},
): void {
  let tmpl: ReturnType<typeof parseTemplate>;
  try {
    tmpl = parseTemplate('output', text);
  } catch (e) {
    if (!(e instanceof TemplateParseError)) throw e;
    // The error ends in a newline of its own: checkErr adds none.
    ctx.fail(`error parsing template ${text}, ${e.message}`);
  }
  const missingKeyError = ctx.flags.values.get('allow-missing-template-keys') === false;
  const r = executeTemplate(tmpl, data, { missingKeyError });
  ctx.out(r.out);
  if (r.error === undefined) return;
  ctx.out(
    `Error executing template: ${r.error}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${text}\n\traw data was:\n\t\t${goJsonCompact(data, opts.inOrder)}\n\tobject given to template engine was:\n\t\t${goPrint(data)}\n\n`,
  );
  // A caller that ignores PrintObj's error (kubectl events): the printer's own text is all.
  if (opts.dropExecError) return;
  ctx.err(`error: error executing template ${goQuote(text)}: ${r.error}\n`);
  throw new ExitError(1);
}
