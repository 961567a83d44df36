/**
 * `-o custom-columns-file=FILE` (cli-runtime NewCustomColumnsPrinterFromTemplate): the file's
 * first line is the headers and its second the column specs, each split on white space; the
 * result prints as `-o custom-columns=H1:spec1,H2:spec2` would.
 */
import type { Ctx } from './context.ts';

const EXPECTED =
  'Expected format is one line of space separated headers, one line of space separated column specs.';

/** The `HEADER:spec,…` text the file stands for, or kubectl's error. */
export function customColumnsFromFile(ctx: Ctx, path: string): string {
  const text = ctx.host.fs.read(path);
  if (text === undefined) {
    // fmt.Errorf("…%v\n"): the newline is the message's own, so CheckErr adds none.
    ctx.fail(`error reading template ${path}, open ${path}: no such file or directory`);
  }
  // bufio.Scanner lines: a trailing \r dropped.
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (text === '') ctx.fail(`invalid template, missing header line. ${EXPECTED}`);
  const headers = (lines[0] ?? '').split(/\s+/).filter((w) => w !== '');
  if (lines.length < 2 || (lines.length === 2 && lines[1] === '' && text.endsWith('\n'))) {
    ctx.fail(`invalid template, missing spec line. ${EXPECTED}`);
  }
  const specs = (lines[1] ?? '').split(/\s+/).filter((w) => w !== '');
  if (headers.length !== specs.length) {
    ctx.fail(
      `number of headers (${headers.length}) and field specifications (${specs.length}) don't match`,
    );
  }
  return headers.map((h, i) => `${h}:${specs[i]}`).join(',');
}
