/**
 * The console's file commands over the learner's machine (workspace.ts), as GNU coreutils prints
 * them: `ls [-laAdR1] [NAME…]` (consoleLs.ts), `mkdir [-p] DIR…`, `rmdir DIR…`, `rm [-rf]
 * NAME…`, `touch FILE…`, `cp [-r]` and `mv`. Relative paths start at the shell's working
 * directory.
 */
import type { KubectlHost, RunResult } from './host.ts';
import { removable } from './workspace.ts';

export { ls } from './consoleLs.ts';

/** `mkdir [-p] DIR…`. */
export function mkdir(host: KubectlHost, args: string[]): RunResult {
  const parents = args.some((a) => /^-[a-zA-Z]*p/.test(a) || a === '--parents');
  const dirs = args.filter((a) => !a.startsWith('-'));
  if (dirs.length === 0) {
    return {
      stdout: '',
      stderr: "mkdir: missing operand\nTry 'mkdir --help' for more information.\n",
      exitCode: 1,
    };
  }
  let stderr = '';
  for (const d of dirs) {
    const r = host.fs.mkdir(d, parents);
    if (!r.ok) stderr += `mkdir: cannot create directory ‘${d}’: ${r.error}\n`;
  }
  return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
}

/** `rm [-r] [-f] NAME…`: a directory needs -r. */
export function rm(host: KubectlHost, args: string[]): RunResult {
  const recursive = args.some((a) => /^-[a-zA-Z]*[rR]/.test(a) || a === '--recursive');
  const force = args.some((a) => /^-[a-zA-Z]*f/.test(a) || a === '--force');
  let stderr = '';
  for (const f of args.filter((a) => !a.startsWith('-'))) {
    if (host.fs.remove(f)) continue;
    if (host.fs.isDirectory(f)) {
      if (!recursive) stderr += `rm: cannot remove '${f}': Is a directory\n`;
      // The machine's own directories stay (what the learner put in them goes).
      else if (!host.fs.removeDir(f)) stderr += `rm: cannot remove '${f}': Permission denied\n`;
      continue;
    }
    if (!force) stderr += `rm: cannot remove '${f}': No such file or directory\n`;
  }
  return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
}

/** `rmdir DIR…`: only an empty directory. */
export function rmdir(host: KubectlHost, args: string[]): RunResult {
  const dirs = args.filter((a) => !a.startsWith('-'));
  if (dirs.length === 0) {
    return {
      stdout: '',
      stderr: "rmdir: missing operand\nTry 'rmdir --help' for more information.\n",
      exitCode: 1,
    };
  }
  let stderr = '';
  for (const d of dirs) {
    const abs = host.fs.resolve(d);
    const why = host.fs.has(d)
      ? 'Not a directory'
      : !host.fs.isDirectory(d)
        ? 'No such file or directory'
        : abs === undefined || !removable(abs)
          ? 'Permission denied'
          : host.fs.entries(d).length > 0
            ? 'Directory not empty'
            : undefined;
    if (why) stderr += `rmdir: failed to remove '${d}': ${why}\n`;
    else host.fs.removeDir(d);
  }
  return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
}

/** `touch FILE…`: makes the missing ones empty (their directory must exist). */
export function touch(host: KubectlHost, args: string[]): RunResult {
  const files = args.filter((a) => !a.startsWith('-'));
  if (files.length === 0) {
    return {
      stdout: '',
      stderr: "touch: missing file operand\nTry 'touch --help' for more information.\n",
      exitCode: 1,
    };
  }
  let stderr = '';
  for (const f of files) {
    if (host.fs.has(f) || host.fs.isDirectory(f)) continue;
    const w = host.fs.parentExists(f) ? host.fs.write(f, '') : undefined;
    if (!w) stderr += `touch: cannot touch '${f}': No such file or directory\n`;
    else if (!w.ok) stderr += `touch: cannot touch '${f}': ${w.error.replace(/^.*: /, '')}\n`;
  }
  return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
}

/** The last path segment (`a/b.yaml` → `b.yaml`). */
const baseName = (path: string) => path.replace(/\/+$/, '').split('/').pop() ?? path;

/**
 * `cp [-r] SRC DEST`, `cp SRC… DIR`, and `mv` (which copies, then removes the source): GNU
 * coreutils' behaviour and messages for files and directories of the console's workspace.
 */
function copyOrMove(host: KubectlHost, args: string[], move: boolean): RunResult {
  const tool = move ? 'mv' : 'cp';
  const recursive = move || args.some((a) => /^-[a-zA-Z]*[rRa]/.test(a) || a === '--recursive');
  const paths = args.filter((a) => !a.startsWith('-'));
  if (paths.length < 2) {
    const what =
      paths.length === 0
        ? 'missing file operand'
        : `missing destination file operand after '${paths[0]}'`;
    return {
      stdout: '',
      stderr: `${tool}: ${what}\nTry '${tool} --help' for more information.\n`,
      exitCode: 1,
    };
  }
  const dest = paths[paths.length - 1] as string;
  const sources = paths.slice(0, -1);
  const intoDir = host.fs.isDirectory(dest) && dest !== '.' ? true : dest === '.';
  if (sources.length > 1 && !intoDir) {
    return {
      stdout: '',
      stderr: `${tool}: target '${dest}': ${host.fs.has(dest) ? 'Not a directory' : 'No such file or directory'}\n`,
      exitCode: 1,
    };
  }
  let stderr = '';
  for (const src of sources) {
    const target = intoDir ? (dest === '.' ? baseName(src) : `${dest}/${baseName(src)}`) : dest;
    const text = host.fs.read(src);
    if (text === undefined && !host.fs.isDirectory(src)) {
      stderr += `${tool}: cannot stat '${src}': No such file or directory\n`;
      continue;
    }
    const srcAbs = host.fs.resolve(src);
    if (move && text === undefined && (srcAbs === undefined || !removable(srcAbs))) {
      // The machine keeps its own directories (rename needs the parent's write permission).
      stderr += `mv: cannot move '${src}' to '${target}': Permission denied\n`;
      continue;
    }
    if (text === undefined) {
      // A directory: every file under it, its own tree kept.
      if (!recursive) {
        stderr += `cp: -r not specified; omitting directory '${src}'\n`;
        continue;
      }
      const made = host.fs.mkdir(target, true);
      if (!made.ok) {
        stderr += `${tool}: cannot create directory '${target}': ${made.error}\n`;
        continue;
      }
      for (const f of host.fs.walk(src, true)) {
        const rel = f.slice(src.replace(/\/+$/, '').length + 1);
        const inner = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
        if (inner) host.fs.mkdir(`${target}/${inner}`, true);
        host.fs.write(`${target}/${rel}`, host.fs.read(f) ?? '');
      }
      if (move) host.fs.removeDir(src);
      continue;
    }
    if (!host.fs.parentExists(target)) {
      stderr += `${tool}: cannot create regular file '${target}': No such file or directory\n`;
      continue;
    }
    const w = host.fs.write(target, text);
    if (!w.ok) {
      stderr += `${tool}: cannot create regular file '${target}': ${w.error.replace(/^.*: /, '')}\n`;
      continue;
    }
    if (move && target !== src) host.fs.remove(src);
  }
  return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
}

/** `cp [-r] SRC… DEST`. */
export function cp(host: KubectlHost, args: string[]): RunResult {
  return copyOrMove(host, args, false);
}

/** `mv SRC… DEST`. */
export function mv(host: KubectlHost, args: string[]): RunResult {
  return copyOrMove(host, args, true);
}
