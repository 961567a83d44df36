/**
 * A port of the column-block algorithm of Go's text/tabwriter (padchar ' ', no flags), which
 * both `kubectl get` (minwidth 6, tabwidth 4, padding 3) and `kubectl describe` (minwidth 0,
 * tabwidth 8, padding 2) print through. Cells are tab-terminated; the last cell of a line is
 * not part of any column and is written as-is. A column block is a run of consecutive lines
 * that all have a terminated cell in that column; each block gets its own width.
 */

export interface TabwriterOptions {
  minwidth: number;
  padding: number;
}

export const GET_TABWRITER: TabwriterOptions = { minwidth: 6, padding: 3 };
export const DESCRIBE_TABWRITER: TabwriterOptions = { minwidth: 0, padding: 2 };

/** Width in runes, as Go's tabwriter counts (utf8.RuneCount). */
function runeWidth(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Formats text whose cells are separated by `\t` and lines by `\n` (one flush). With
 * `remember` (kubectl's RememberWidths flag, as `get -w` flushes once per watch event), each
 * column is at least as wide as it was in earlier flushes through the same array, and widens it.
 */
export function formatTabbed(text: string, opts: TabwriterOptions, remember?: number[]): string {
  const endsWithNewline = text.endsWith('\n');
  const body = endsWithNewline ? text.slice(0, -1) : text;
  if (body === '' && !endsWithNewline) return '';
  const lines = body.split('\n').map((l) => l.split('\t'));
  const out: string[] = new Array<string>(lines.length);
  const widths: number[] = [];

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i] ?? [];
      let s = '';
      for (let j = 0; j < cells.length; j++) {
        const c = cells[j] ?? '';
        if (j < cells.length - 1) {
          const w = widths[j] ?? 0;
          s += c + ' '.repeat(Math.max(0, w - runeWidth(c)));
        } else {
          s += c;
        }
      }
      out[i] = s;
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    for (let cur = line0; cur < line1; cur++) {
      const line = lines[cur] ?? [];
      if (column >= line.length - 1) continue;
      // A cell exists in this column: it starts a block.
      writeLines(start, cur);
      start = cur;
      let width = opts.minwidth;
      for (; cur < line1; cur++) {
        const l = lines[cur] ?? [];
        if (column >= l.length - 1) break;
        const w = runeWidth(l[column] ?? '') + opts.padding;
        if (w > width) width = w;
      }
      if (remember) {
        const kept = remember[column];
        if (kept === undefined || kept < width) remember[column] = width;
        else width = kept;
      }
      widths.push(width);
      format(start, cur);
      widths.pop();
      // Like Go, the line that ended the block is skipped: it has no cell in this column.
      start = cur;
    }
    writeLines(start, line1);
  };

  format(0, lines.length);
  return out.join('\n') + (endsWithNewline ? '\n' : '');
}

/**
 * Several flushes: each segment is aligned on its own, as when kubectl calls `w.Flush()`
 * between sections (describe's Events table).
 */
export function formatSegments(segments: string[], opts: TabwriterOptions): string {
  return segments.map((s) => formatTabbed(s, opts)).join('');
}
