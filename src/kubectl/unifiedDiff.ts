/**
 * GNU `diff -u` of two texts: a minimal edit script (Myers), GNU's boundary shifting (a run of
 * changes slides forward as far as it can unless it lines up with a change in the other file),
 * and hunks of three context lines merged when at most six unchanged lines separate them.
 */

/** The lines of a text; a final newline ends the last line rather than starting another. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Marks which lines of `a` are deleted and which of `b` inserted, by Myers' O(ND) search. */
function changedLines(a: string[], b: string[]): [boolean[], boolean[]] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number)))
        x = v[offset + k + 1] as number;
      else x = (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  const ca = new Array<boolean>(n).fill(false);
  const cb = new Array<boolean>(m).fill(false);
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const vd = trace[d] as Int32Array;
    const k = x - y;
    let prevK: number;
    if (k === -d || (k !== d && (vd[offset + k - 1] as number) < (vd[offset + k + 1] as number)))
      prevK = k + 1;
    else prevK = k - 1;
    const prevX = vd[offset + prevK] as number;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
    }
    if (x === prevX) cb[prevY] = true;
    else ca[prevX] = true;
    x = prevX;
    y = prevY;
  }
  return [ca, cb];
}

/** analyze.c shift_boundaries over `changed` (with sentinels at -1 and n) of one file. */
function shiftBoundaries(lines: string[], changed: boolean[], other: boolean[]): void {
  const c = (i: number): boolean => (i < 0 || i >= changed.length ? false : changed[i] === true);
  const o = (j: number): boolean => (j < 0 || j >= other.length ? false : other[j] === true);
  const iEnd = lines.length;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < iEnd && !c(i)) {
      while (o(j++)) {
        /* skip */
      }
      i++;
    }
    if (i === iEnd) break;
    let start = i;
    while (c(++i)) {
      /* to the end of the run */
    }
    while (o(j)) j++;
    let runlength: number;
    let corresponding: number;
    do {
      runlength = i - start;
      while (start > 0 && lines[start - 1] === lines[i - 1]) {
        changed[--start] = true;
        changed[--i] = false;
        while (c(start - 1)) start--;
        while (o(--j)) {
          /* back */
        }
      }
      corresponding = o(j - 1) ? i : iEnd;
      while (i !== iEnd && lines[start] === lines[i]) {
        changed[start++] = false;
        changed[i++] = true;
        while (c(i)) i++;
        while (o(++j)) corresponding = i;
      }
    } while (runlength !== i - start);
    while (corresponding < i) {
      changed[--start] = true;
      changed[--i] = false;
      while (o(--j)) {
        /* back */
      }
    }
  }
}

interface Change {
  line0: number;
  deleted: number;
  line1: number;
  inserted: number;
}

function buildScript(ca: boolean[], cb: boolean[]): Change[] {
  const script: Change[] = [];
  let i = 0;
  let j = 0;
  while (i < ca.length || j < cb.length) {
    if (ca[i] || cb[j]) {
      const line0 = i;
      const line1 = j;
      while (ca[i]) i++;
      while (cb[j]) j++;
      script.push({ line0, deleted: i - line0, line1, inserted: j - line1 });
    } else {
      i++;
      j++;
    }
  }
  return script;
}

function range(start: number, count: number): string {
  // print_unidiff_number_range: an empty range names the line before it.
  if (count === 0) return `${start},0`;
  if (count === 1) return `${start + 1}`;
  return `${start + 1},${count}`;
}

/** The hunks of `diff -u` (no header lines), or '' when the texts are equal. */
export function unifiedHunks(fromText: string, toText: string, context = 3): string {
  const a = splitLines(fromText);
  const b = splitLines(toText);
  const [ca, cb] = changedLines(a, b);
  shiftBoundaries(a, ca, cb);
  shiftBoundaries(b, cb, ca);
  const script = buildScript(ca, cb);
  let out = '';
  let h = 0;
  while (h < script.length) {
    let last = h;
    while (last + 1 < script.length) {
      const cur = script[last] as Change;
      const next = script[last + 1] as Change;
      if (next.line0 - (cur.line0 + cur.deleted) >= 2 * context + 1) break;
      last++;
    }
    const first = script[h] as Change;
    const end = script[last] as Change;
    const start0 = Math.max(0, first.line0 - context);
    const start1 = Math.max(0, first.line1 - context);
    const end0 = Math.min(a.length, end.line0 + end.deleted + context);
    const end1 = Math.min(b.length, end.line1 + end.inserted + context);
    out += `@@ -${range(start0, end0 - start0)} +${range(start1, end1 - start1)} @@\n`;
    let i = start0;
    for (let c = h; c <= last; c++) {
      const ch = script[c] as Change;
      for (; i < ch.line0; i++) out += ` ${a[i]}\n`;
      for (let k = 0; k < ch.deleted; k++) out += `-${a[ch.line0 + k]}\n`;
      for (let k = 0; k < ch.inserted; k++) out += `+${b[ch.line1 + k]}\n`;
      i = ch.line0 + ch.deleted;
    }
    for (; i < end0; i++) out += ` ${a[i]}\n`;
    h = last + 1;
  }
  return out;
}
