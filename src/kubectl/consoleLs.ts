/**
 * GNU ls in the learner's terminal: `ls [-l] [-a|-A] [-d] [-R] [-1] [-h] [-r] [-t] [NAME…]`.
 * Operands that are files come first, then each directory's entries under a `DIR:` header
 * when there are several operands or `-R` walks the tree (depth first, a subdirectory's block
 * after its parent's, blocks apart by a blank line). On a terminal the names fill columns as
 * ls fits them in 80 characters; into a pipe or a file, one a line. `-l` prints mode, links,
 * owner, group, size and modification time in aligned columns, as the node shell's ls does.
 */
import type { KubectlHost, RunResult } from './host.ts';
import { ownerOf } from './workspace.ts';

/** The terminal's width, which ls fills with columns of names. */
const LINE_LENGTH = 80;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Half a Gregorian year: older (or future) times show their year instead of the time. */
const SIX_MONTHS_MS = (365.2425 / 2) * 24 * 3600 * 1000;

/** ls -l's time column (`%b %e %H:%M`, or `%b %e  %Y` when not recent), UTC. */
export function lsDate(at: number, now: number): string {
  const d = new Date(at);
  const day = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)}`;
  if (at > now || now - at > SIX_MONTHS_MS) return `${day}  ${d.getUTCFullYear()}`;
  return `${day} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** ls -h's size: bytes below 1024, else one decimal below 10 of the unit (rounded up). */
function humanSize(n: number): string {
  if (n < 1024) return String(n);
  let v = n;
  let unit = 0;
  while (v >= 1024 && unit < 4) {
    v /= 1024;
    unit++;
  }
  const u = 'KMGT'[unit - 1];
  if (v < 10) {
    const r = Math.ceil(v * 10) / 10;
    return r >= 10 ? `${r}${u}` : `${r.toFixed(1)}${u}`;
  }
  return `${Math.ceil(v)}${u}`;
}

interface Options {
  long: boolean;
  all: boolean;
  almostAll: boolean;
  directory: boolean;
  recursive: boolean;
  one: boolean;
  human: boolean;
  reverse: boolean;
  byTime: boolean;
}

/** One name to print: `path` is how ls reaches it, `name` how it shows it. */
interface Row {
  path: string;
  name: string;
  dir: boolean;
}

const LONG_OPTIONS: Readonly<Record<string, keyof Options>> = {
  '--all': 'all',
  '--almost-all': 'almostAll',
  '--directory': 'directory',
  '--recursive': 'recursive',
  '--human-readable': 'human',
  '--reverse': 'reverse',
};

function parseOptions(args: string[]): { opts: Options; names: string[] } | RunResult {
  const opts: Options = {
    long: false,
    all: false,
    almostAll: false,
    directory: false,
    recursive: false,
    one: false,
    human: false,
    reverse: false,
    byTime: false,
  };
  const names: string[] = [];
  let optionsDone = false;
  for (const a of args) {
    if (optionsDone || a === '-' || !a.startsWith('-')) {
      names.push(a);
      continue;
    }
    if (a === '--') {
      optionsDone = true;
      continue;
    }
    if (a.startsWith('--')) {
      const key = LONG_OPTIONS[a];
      if (!key) {
        return {
          stdout: '',
          stderr: `ls: unrecognized option '${a}'\nTry 'ls --help' for more information.\n`,
          exitCode: 2,
        };
      }
      opts[key] = true;
      continue;
    }
    for (const c of a.slice(1)) {
      const key = (
        {
          l: 'long',
          a: 'all',
          A: 'almostAll',
          d: 'directory',
          R: 'recursive',
          '1': 'one',
          h: 'human',
          r: 'reverse',
          t: 'byTime',
        } as Record<string, keyof Options>
      )[c];
      if (!key) {
        return {
          stdout: '',
          stderr: `ls: invalid option -- '${c}'\nTry 'ls --help' for more information.\n`,
          exitCode: 2,
        };
      }
      opts[key] = true;
    }
  }
  return { opts, names };
}

/** The names in columns as GNU ls fills a terminal line (vertical order). */
function columns(names: readonly string[]): string {
  const n = names.length;
  if (n === 0) return '';
  const maxCols = Math.min(Math.floor(LINE_LENGTH / 3), n);
  let cols = 1;
  for (let c = maxCols; c > 1; c--) {
    const rows = Math.ceil(n / c);
    const widths: number[] = new Array(c).fill(0);
    for (const [i, name] of names.entries()) {
      const col = Math.floor(i / rows);
      widths[col] = Math.max(widths[col] ?? 0, name.length + (col === c - 1 ? 0 : 2));
    }
    if (widths.reduce((a, b) => a + b, 0) < LINE_LENGTH) {
      cols = c;
      break;
    }
  }
  const rows = Math.ceil(n / cols);
  const widths: number[] = [];
  for (const [i, name] of names.entries()) {
    const col = Math.floor(i / rows);
    widths[col] = Math.max(widths[col] ?? 0, name.length + 2);
  }
  let out = '';
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let i = r, col = 0; i < n; i += rows, col++) {
      const name = names[i] as string;
      line += i + rows < n ? name.padEnd(widths[col] ?? 0) : name;
    }
    out += `${line}\n`;
  }
  return out;
}

/** ls -l's columns for `rows`, aligned as GNU aligns them. */
function longLines(host: KubectlHost, rows: readonly Row[], opts: Options): string {
  const fs = host.fs;
  const now = host.nowEpochMs();
  const cells = rows.map((r) => {
    const abs = fs.resolve(r.path) ?? '/';
    const size = r.dir ? 4096 : new TextEncoder().encode(fs.read(r.path) ?? '').length;
    const owner = r.dir ? ownerOf(abs) : 'learner';
    const mode = !r.dir
      ? '-rw-r--r--'
      : abs === '/tmp' || abs === '/var/tmp'
        ? 'drwxrwxrwt'
        : abs === '/root'
          ? 'drwx------'
          : 'drwxr-xr-x';
    const links = r.dir ? 2 + fs.entries(r.path).filter((e) => e.dir).length : 1;
    return {
      mode,
      links: String(links),
      owner,
      size: opts.human ? humanSize(size) : String(size),
      date: lsDate(fs.modifiedAt(r.path) ?? now, now),
      name: r.name,
    };
  });
  const w = (k: 'links' | 'owner' | 'size') => Math.max(0, ...cells.map((c) => c[k].length));
  const [wl, wo, ws] = [w('links'), w('owner'), w('size')];
  return cells
    .map(
      (c) =>
        `${c.mode} ${c.links.padStart(wl)} ${c.owner.padEnd(wo)} ${c.owner.padEnd(wo)} ${c.size.padStart(ws)} ${c.date} ${c.name}\n`,
    )
    .join('');
}

/** 1 KiB blocks a row takes (`total`): a directory and every started 4 KiB of a file take 4. */
function blocks(host: KubectlHost, r: Row): number {
  return r.dir
    ? 4
    : Math.ceil(new TextEncoder().encode(host.fs.read(r.path) ?? '').length / 4096) * 4;
}

function sortRows(host: KubectlHost, rows: Row[], opts: Options): Row[] {
  const byName = (a: Row, b: Row) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const now = host.nowEpochMs();
  const time = (r: Row) => host.fs.modifiedAt(r.path) ?? now;
  const sorted = [...rows].sort(opts.byTime ? (a, b) => time(b) - time(a) || byName(a, b) : byName);
  return opts.reverse ? sorted.reverse() : sorted;
}

function listing(host: KubectlHost, rows: Row[], opts: Options, tty: boolean): string {
  if (opts.long) return longLines(host, rows, opts);
  if (opts.one || !tty) return rows.map((r) => `${r.name}\n`).join('');
  return columns(rows.map((r) => r.name));
}

/** `DIR` joined with a name in it, as ls names what it walks (`./sub`, `d/sub`, `/tmp`). */
function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

/** `ls`: `tty` when its output goes to the terminal (not a pipe or a file). */
export function ls(host: KubectlHost, args: string[], tty = true): RunResult {
  const parsed = parseOptions(args);
  if ('exitCode' in parsed) return parsed;
  const { opts, names } = parsed;
  const fs = host.fs;
  let stderr = '';
  let exitCode = 0;
  const files: Row[] = [];
  const dirs: Row[] = [];
  for (const n of names.length === 0 ? ['.'] : names) {
    if (fs.has(n)) files.push({ path: n, name: n, dir: false });
    else if (fs.isDirectory(n))
      (opts.directory ? files : dirs).push({ path: n, name: n, dir: true });
    else {
      const why =
        /\/$/.test(n) && fs.has(n.replace(/\/+$/, ''))
          ? 'Not a directory'
          : 'No such file or directory';
      stderr += `ls: cannot access '${n}': ${why}\n`;
      exitCode = 2;
    }
  }
  const blocksOut: string[] = [];
  if (files.length > 0) blocksOut.push(listing(host, sortRows(host, files, opts), opts, tty));
  const headers = names.length > 1 || opts.recursive;
  const show = (dir: string) => {
    const entries = fs
      .entries(dir)
      .filter((e) => opts.all || opts.almostAll || !e.name.startsWith('.'));
    const rows: Row[] = entries.map((e) => ({
      path: joinPath(dir, e.name),
      name: e.name,
      dir: e.dir,
    }));
    const dotted: Row[] = opts.all
      ? [
          { path: dir, name: '.', dir: true },
          { path: joinPath(dir, '..'), name: '..', dir: true },
        ]
      : [];
    const sorted = [
      ...(opts.reverse ? [] : dotted),
      ...sortRows(host, rows, opts),
      ...(opts.reverse ? dotted.reverse() : []),
    ];
    const total = opts.long
      ? `total ${opts.human ? humanSize(sorted.reduce((t, r) => t + blocks(host, r), 0) * 1024) : sorted.reduce((t, r) => t + blocks(host, r), 0)}\n`
      : '';
    blocksOut.push(`${headers ? `${dir}:\n` : ''}${total}${listing(host, sorted, opts, tty)}`);
    if (opts.recursive) {
      for (const r of sortRows(host, rows, opts)) if (r.dir) show(r.path);
    }
  };
  for (const d of sortRows(host, dirs, opts)) show(d.path);
  return { stdout: blocksOut.join('\n'), stderr, exitCode };
}
