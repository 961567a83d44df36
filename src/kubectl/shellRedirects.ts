/**
 * Redirections of the console's shell as bash performs them: `>`/`>>` (stdout), `N>`/`N>>`
 * (file descriptor N: `2>/dev/null`, `2> err.txt`, `1> out.txt`), `N>&M` (`2>&1`: a copy of
 * descriptor M), `&>`/`&>>`/`>&FILE` (both), processed left to right before the command runs
 * (so `> f 2>&1` sends both to f, `2>&1 > f` only stdout), each file created or truncated when
 * its redirection is reached.
 */
import { arithmeticEnd } from './consoleStatements.ts';
import type { KubectlHost, OutputChunk, RunResult } from './host.ts';
import { pushChunk } from './host.ts';

/** The word shell-quote sees in place of `N` in `N>`: the digits follow it. */
const FD_MARK = '\u0001fd';

/**
 * Marks the file descriptor of `N>`/`N>>`/`N>&` (digits that make a whole word, outside
 * quotes) so it survives shell-quote, which would make `2` an argument of its own.
 */
export function markDescriptors(text: string): string {
  const plain = plainChars(text);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    const atWordStart = i === 0 || /[\s;&|()<>]/.test(text[i - 1] ?? '');
    if (plain[i] && atWordStart && /\d/.test(c)) {
      const m = /^(\d+)>/.exec(text.slice(i));
      if (m) {
        out += ` ${FD_MARK}${m[1]} `;
        i += (m[1] ?? '').length - 1;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/**
 * Which characters of `text` bash reads as plain (where an operator can stand): not a quote
 * character, nothing inside '…' or "…", neither a backslash nor the character it escapes.
 */
export function plainChars(text: string): boolean[] {
  const plain: boolean[] = new Array(text.length).fill(false);
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote !== '') {
      // A backslash escapes inside double quotes, not inside single ones.
      if (quote === '"' && c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '\\') i++;
    else if (c === "'" || c === '"') quote = c;
    else {
      // `$((…))` and `((…))`: arithmetic, whose `;`, `<` and `>` are operators.
      const end = c === '$' || c === '(' ? arithmeticEnd(text, i) : -1;
      if (end > 0) {
        i = end - 1;
        continue;
      }
      plain[i] = true;
    }
  }
  return plain;
}

/** The descriptor a marker word names (`2`), or undefined for any other word. */
export function markedDescriptor(word: string): number | undefined {
  return word.startsWith(FD_MARK) ? Number(word.slice(FD_MARK.length)) : undefined;
}

/** One redirection, in the order written. */
export type Redirect =
  | { fd: number | 'both'; target: string; append: boolean }
  | { fd: number; dup: string };

/** Whether `op` starts a redirection. */
export function isRedirectOp(op: string): boolean {
  return op === '>' || op === '>>' || op === '>&' || op === '&>' || op === '&>>';
}

/**
 * The redirection of operator `op` (after an optional marked descriptor `fd`) with its
 * target word; undefined when the combination is not one bash accepts.
 */
export function redirectOf(
  fd: number | undefined,
  op: string,
  target: string,
): Redirect | undefined {
  if (op === '&>' || op === '&>>') {
    return fd === undefined ? { fd: 'both', target, append: op === '&>>' } : undefined;
  }
  if (op === '>&') {
    if (/^\d+$/.test(target) || target === '-') return { fd: fd ?? 1, dup: target };
    // `>&FILE` is `&>FILE`.
    return fd === undefined ? { fd: 'both', target, append: false } : undefined;
  }
  return { fd: fd ?? 1, target, append: op === '>>' };
}

/** Where a descriptor writes. */
type Dest = { to: 'out' } | { to: 'err' } | { to: 'null' } | { to: 'file'; path: string };

/**
 * Runs `run` with its output sent where `redirects` say: opens (creates, truncates) the
 * files first, in order; a file that cannot be opened stops it before it runs, as bash does.
 */
export function withRedirects(
  host: KubectlHost,
  redirects: readonly Redirect[],
  run: () => RunResult,
): RunResult {
  const fds = new Map<number, Dest>([
    [1, { to: 'out' }],
    [2, { to: 'err' }],
  ]);
  const fail = (text: string): RunResult => ({
    stdout: '',
    stderr: `bash: ${text}\n`,
    exitCode: 1,
  });
  for (const r of redirects) {
    const set = (dest: Dest) => {
      if (r.fd === 'both') {
        fds.set(1, dest);
        fds.set(2, dest);
      } else fds.set(r.fd, dest);
    };
    if ('dup' in r) {
      if (r.dup === '-') {
        fds.set(r.fd, { to: 'null' });
        continue;
      }
      const from = fds.get(Number(r.dup));
      if (!from) return fail(`${r.dup}: Bad file descriptor`);
      fds.set(r.fd, from);
      continue;
    }
    if (r.target === '/dev/null') set({ to: 'null' });
    else if (r.target === '/dev/stdout' || r.target === '/dev/stderr') {
      set(fds.get(r.target === '/dev/stdout' ? 1 : 2) ?? { to: 'null' });
    } else {
      // bash opens the file: its directory must exist, and the learner may have to write there.
      if (!host.fs.parentExists(r.target)) {
        const through = r.target.includes('/') && host.fs.has(r.target.replace(/\/[^/]*$/, ''));
        return fail(`${r.target}: ${through ? 'Not a directory' : 'No such file or directory'}`);
      }
      const opened = host.fs.write(r.target, '', r.append);
      if (!opened.ok) return fail(opened.error);
      set({ to: 'file', path: r.target });
    }
  }
  const r = run();
  const chunks: OutputChunk[] = [];
  let stdout = '';
  let stderr = '';
  let failed = '';
  const source: OutputChunk[] = r.output ?? [
    { err: false, text: r.stdout },
    { err: true, text: r.stderr },
  ];
  for (const c of source) {
    const dest = fds.get(c.err ? 2 : 1) ?? { to: 'null' };
    if (dest.to === 'out' || dest.to === 'err') {
      const err = dest.to === 'err';
      if (err) stderr += c.text;
      else stdout += c.text;
      pushChunk(chunks, err, c.text);
    } else if (dest.to === 'file' && c.text !== '') {
      const w = host.fs.write(dest.path, c.text, true);
      if (!w.ok) failed += `bash: ${w.error}\n`;
    }
  }
  if (failed) {
    stderr += failed;
    pushChunk(chunks, true, failed);
  }
  const ordered = chunks.findIndex((c) => c.err);
  const needsOrder = ordered >= 0 && chunks.slice(ordered).some((c) => !c.err);
  return {
    stdout,
    stderr,
    exitCode: failed ? 1 : r.exitCode,
    ...(needsOrder ? { output: chunks } : {}),
  };
}
