/**
 * `ls [-1aAdl] [FILE]...` as busybox's applet and GNU coreutils print it without a terminal:
 * one name a line; `-l` with busybox's fixed columns or GNU's columns as wide as their widest
 * value; operands that are files first, then each directory (under a `DIR:` header when there
 * are several); a missing operand is an error on stderr (exit 1 in busybox, 2 in GNU), the
 * others are still listed.
 */
import type { Family, ToolRun } from './coreutils.ts';

/** What `ls -l` shows of an entry. */
export interface LsStat {
  kind: 'file' | 'dir' | 'link';
  mode: string;
  links: number;
  user: string;
  group: string;
  size: number;
  /** 1 KiB blocks it takes (`total`). */
  blocks: number;
  /** A symlink's target. */
  target?: string;
  /** A symlink to a directory. */
  toDir?: boolean;
}

/** What ls sees of the container's files. */
export interface LsFs {
  family: Family;
  /** The absolute path of an operand. */
  abs(path: string): string;
  /** A directory's entries (dot-entries too, without `.` and `..`), undefined if not known. */
  list(dir: string): string[] | undefined;
  /** An entry; null when it does not exist, undefined when the simulation does not know. */
  stat(path: string): LsStat | null | undefined;
  /** The time column (`Jan  6 00:00`). */
  when(path: string): string;
}

/** C-locale order (strcmp), as both ls sort without a locale. */
const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Join a directory and a name. */
const under = (dir: string, name: string) => (dir === '/' ? `/${name}` : `${dir}/${name}`);

/** Run ls; undefined when an option or an operand is not simulated. */
export function lsTool(args: readonly string[], fs: LsFs): ToolRun | undefined {
  let flags = '';
  const operands: string[] = [];
  for (const a of args) {
    if (a === '--all') flags += 'a';
    else if (/^-[1aAdl]+$/.test(a)) flags += a.slice(1);
    else if (a.startsWith('-') && a !== '-') return undefined;
    else operands.push(a);
  }
  const long = flags.includes('l');
  const all = flags.includes('a');
  const almost = flags.includes('A') && !all;
  const dirsAsFiles = flags.includes('d');
  const busybox = fs.family === 'busybox';
  const given = operands.length > 0 ? operands : ['.'];

  let error = '';
  const files: { name: string; path: string; st: LsStat }[] = [];
  const dirs: { name: string; path: string }[] = [];
  for (const op of given) {
    const path = fs.abs(op);
    const st = fs.stat(path);
    if (st === undefined) return undefined;
    if (st === null) {
      error += busybox
        ? `ls: ${op}: No such file or directory\n`
        : `ls: cannot access '${op}': No such file or directory\n`;
      continue;
    }
    // A symlink to a directory given as an operand is followed without -l or -d (or with a
    // trailing slash).
    const follow = st.kind === 'link' && st.toDir && ((!long && !dirsAsFiles) || op.endsWith('/'));
    if ((st.kind === 'dir' && !dirsAsFiles) || follow) dirs.push({ name: op, path });
    else files.push({ name: op, path, st });
  }
  files.sort((a, b) => byteOrder(a.name, b.name));
  dirs.sort((a, b) => byteOrder(a.name, b.name));

  const blocks: string[] = [];
  if (files.length > 0) blocks.push(render(files, long, fs, false));
  for (const d of dirs) {
    const names = fs.list(d.path);
    if (names === undefined) return undefined;
    const shown = names.filter((n) => all || almost || !n.startsWith('.'));
    if (all) shown.push('.', '..');
    shown.sort(byteOrder);
    const rows: { name: string; path: string; st: LsStat }[] = [];
    for (const n of shown) {
      const p = n === '.' ? d.path : n === '..' ? parentOf(d.path) : under(d.path, n);
      if (!long) {
        rows.push({ name: n, path: p, st: NO_STAT });
        continue;
      }
      const st = fs.stat(p);
      if (st === undefined) return undefined;
      if (st === null) continue;
      rows.push({ name: n, path: p, st });
    }
    const header = given.length > 1 ? `${d.name}:\n` : '';
    blocks.push(header + render(rows, long, fs, true));
  }
  const output = blocks.join('\n');
  if (!error) return { ms: 0, output };
  return { ms: 0, output, error, exitCode: busybox ? 1 : 2 };
}

/** An entry listed by name only (no -l): nothing of it is read. */
const NO_STAT: LsStat = {
  kind: 'file',
  mode: '',
  links: 0,
  user: '',
  group: '',
  size: 0,
  blocks: 0,
};

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** The lines of a listing (with `total` for a directory's, in long format). */
function render(
  rows: readonly { name: string; path: string; st: LsStat }[],
  long: boolean,
  fs: LsFs,
  total: boolean,
): string {
  if (!long) return rows.map((r) => `${r.name}\n`).join('');
  const head = total ? `total ${rows.reduce((s, r) => s + r.st.blocks, 0)}\n` : '';
  const name = (r: (typeof rows)[number]) =>
    r.st.kind === 'link' && r.st.target !== undefined ? `${r.name} -> ${r.st.target}` : r.name;
  if (fs.family === 'busybox') {
    return (
      head +
      rows
        .map(
          (r) =>
            `${r.st.mode} ${String(r.st.links).padStart(4)} ${r.st.user.slice(0, 8).padEnd(8)} ${r.st.group.slice(0, 8).padEnd(8)} ${String(r.st.size).padStart(9)} ${fs.when(r.path)} ${name(r)}\n`,
        )
        .join('')
    );
  }
  const w = (f: (r: (typeof rows)[number]) => string) =>
    Math.max(0, ...rows.map((r) => f(r).length));
  const wl = w((r) => String(r.st.links));
  const wu = w((r) => r.st.user);
  const wg = w((r) => r.st.group);
  const ws = w((r) => String(r.st.size));
  return (
    head +
    rows
      .map(
        (r) =>
          `${r.st.mode} ${String(r.st.links).padStart(wl)} ${r.st.user.padEnd(wu)} ${r.st.group.padEnd(wg)} ${String(r.st.size).padStart(ws)} ${fs.when(r.path)} ${name(r)}\n`,
      )
      .join('')
  );
}
