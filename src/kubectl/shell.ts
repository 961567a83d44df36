/**
 * The console's tiny shell: real word splitting and quoting (shell-quote), `>`/`>>`
 * redirection into the workspace, `;`/`&&`/`||` lists, globbing over workspace files, and the
 * commands `kubectl` (also `k`), `cat`, `ls`, `echo`, `rm`, `clear`. Anything else answers like
 * bash would. Nothing ever throws out of `runLine`.
 */
import { type ParseEntry, parse } from 'shell-quote';
import { runKubectl } from './cli.ts';
import {
  type KubectlHost,
  type OutputChunk,
  orderedOutput,
  outputChunks,
  pushChunk,
  type RunResult,
} from './host.ts';
import { describeChar, findControlChar } from './manifest.ts';

/** Longest command line the console accepts. */
export const MAX_LINE_LENGTH = 64 * 1024;

const ENV: Record<string, string> = {
  HOME: '/home/learner',
  USER: 'learner',
  SHELL: '/bin/bash',
  KUBECONFIG: '/home/learner/.kube/config',
};

type Token = { word: string } | { op: string };

interface Simple {
  words: string[];
  redirect?: { append: boolean; target: string };
}

class ShellError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

function globToRegExp(pattern: string): RegExp {
  let re = '^';
  for (const c of pattern) {
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`${re}$`);
}

function tokenize(host: KubectlHost, line: string): Token[] {
  const entries: ParseEntry[] = parse(line, (key: string) => ENV[key] ?? '');
  const out: Token[] = [];
  for (const e of entries) {
    if (typeof e === 'string') out.push({ word: e });
    else if ('comment' in e) break;
    else if (e.op === 'glob') {
      const pattern = (e as { pattern: string }).pattern;
      const re = globToRegExp(pattern);
      const matches = host.fs.list().filter((f) => re.test(f));
      if (matches.length === 0) out.push({ word: pattern });
      else for (const m of matches) out.push({ word: m });
    } else out.push({ op: e.op });
  }
  return out;
}

/** Splits tokens into simple commands joined by `;`, `&&`, `||`. */
function parseList(tokens: Token[]): { cmd: Simple; next?: string }[] {
  const list: { cmd: Simple; next?: string }[] = [];
  let cur: Simple = { words: [] };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if ('word' in t) {
      cur.words.push(t.word);
      continue;
    }
    if (t.op === '>' || t.op === '>>') {
      const target = tokens[i + 1];
      if (!target || !('word' in target)) {
        throw new ShellError(
          `bash: syntax error near unexpected token \`${target && 'op' in target ? target.op : 'newline'}'`,
          2,
        );
      }
      cur.redirect = { append: t.op === '>>', target: target.word };
      i++;
      continue;
    }
    if (t.op === ';' || t.op === '&&' || t.op === '||') {
      if (cur.words.length === 0)
        throw new ShellError(`bash: syntax error near unexpected token \`${t.op}'`, 2);
      list.push({ cmd: cur, next: t.op });
      cur = { words: [] };
      continue;
    }
    if (t.op === '(' || t.op === ')') {
      throw new ShellError(`bash: syntax error near unexpected token \`${t.op}'`, 2);
    }
    if (t.op === '|' || t.op === '|&') {
      throw new ShellError(
        'bash: pipes (|) are not supported in this console; only > and >> redirection into files',
        2,
      );
    }
    throw new ShellError(
      `bash: '${t.op}' is not supported in this console; only > and >> redirection into files`,
      2,
    );
  }
  if (cur.words.length > 0 || cur.redirect) list.push({ cmd: cur });
  else if (list.length > 0 && list[list.length - 1]?.next !== ';') {
    throw new ShellError('bash: syntax error: unexpected end of line', 2);
  }
  return list;
}

function cat(host: KubectlHost, args: string[]): RunResult {
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  for (const f of args.filter((a) => a !== '-n' && a !== '--')) {
    const text = host.fs.read(f);
    if (text !== undefined) stdout += text;
    else if (host.fs.isDirectory(f)) {
      stderr += `cat: ${f}: Is a directory\n`;
      exitCode = 1;
    } else {
      stderr += `cat: ${f}: No such file or directory\n`;
      exitCode = 1;
    }
  }
  return { stdout, stderr, exitCode };
}

function ls(host: KubectlHost, args: string[]): RunResult {
  const names = args.filter((a) => !a.startsWith('-'));
  const long = args.some((a) => a.startsWith('-') && a.includes('l'));
  let stderr = '';
  let exitCode = 0;
  let files: string[];
  if (names.length === 0) files = host.fs.list();
  else {
    files = [];
    for (const n of names) {
      if (host.fs.has(n)) files.push(n);
      else if (host.fs.isDirectory(n))
        files.push(...host.fs.list().filter((f) => f.startsWith(`${n.replace(/\/$/, '')}/`)));
      else {
        stderr += `ls: cannot access '${n}': No such file or directory\n`;
        exitCode = 2;
      }
    }
  }
  const stdout = long
    ? files
        .map(
          (f) =>
            `-rw-r--r-- 1 learner learner ${String((host.fs.read(f) ?? '').length).padStart(5)} ${f}\n`,
        )
        .join('')
    : files.length > 0
      ? `${files.join('  ')}\n`
      : '';
  return { stdout, stderr, exitCode };
}

function echo(args: string[]): RunResult {
  let newline = true;
  let rest = args;
  if (rest[0] === '-n') {
    newline = false;
    rest = rest.slice(1);
  }
  return { stdout: rest.join(' ') + (newline ? '\n' : ''), stderr: '', exitCode: 0 };
}

const EDITORS = new Set(['vi', 'vim', 'nano', 'emacs']);

function runSimple(host: KubectlHost, allWords: string[]): RunResult {
  // Leading NAME=value assignments only set the command's environment; nothing here reads it.
  let start = 0;
  while (start < allWords.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(allWords[start] ?? '')) start++;
  const words = allWords.slice(start);
  const [name, ...args] = words;
  switch (name) {
    case undefined:
      return { stdout: '', stderr: '', exitCode: 0 };
    case 'kubectl':
    case 'k':
      return runKubectl(host, args);
    case 'cat':
      return cat(host, args);
    case 'ls':
      return ls(host, args);
    case 'echo':
      return echo(args);
    case 'clear':
      return { stdout: '', stderr: '', exitCode: 0 };
    case 'rm': {
      let stderr = '';
      for (const f of args.filter((a) => !a.startsWith('-'))) {
        if (!host.fs.remove(f)) stderr += `rm: cannot remove '${f}': No such file or directory\n`;
      }
      return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
    }
    default:
      if (EDITORS.has(name)) {
        return {
          stdout: '',
          stderr: `bash: ${name}: editors are not available in this console; write files with echo '...' > FILE or kubectl ... -o yaml > FILE\n`,
          exitCode: 127,
        };
      }
      return { stdout: '', stderr: `bash: ${name}: command not found\n`, exitCode: 127 };
  }
}

/** Runs one console line and returns what it printed. Never throws. */
export function runLine(host: KubectlHost, line: string): RunResult {
  try {
    if (line.length > MAX_LINE_LENGTH) {
      return {
        stdout: '',
        stderr: `bash: line too long (${line.length} characters; the limit is ${MAX_LINE_LENGTH}). Save large manifests as files and use kubectl create -f FILE\n`,
        exitCode: 2,
      };
    }
    const bad = findControlChar(line.replace(/\r?\n$/, ''));
    if (bad !== undefined) {
      return {
        stdout: '',
        stderr: `bash: the line contains the control character ${describeChar(bad)}; remove it and try again\n`,
        exitCode: 2,
      };
    }
    const list = parseList(tokenize(host, line));
    let stdout = '';
    let stderr = '';
    const chunks: OutputChunk[] = [];
    let exitCode = 0;
    let skip = false;
    for (const { cmd, next } of list) {
      if (!skip) {
        let r: RunResult;
        const target = cmd.redirect?.target;
        const probe =
          target !== undefined && target !== '/dev/null'
            ? host.fs.write(target, '', true)
            : undefined;
        if (probe && !probe.ok) {
          r = { stdout: '', stderr: `bash: ${probe.error}\n`, exitCode: 1 };
        } else {
          // bash creates/truncates the file before the command runs.
          if (target !== undefined && target !== '/dev/null' && !cmd.redirect?.append)
            host.fs.write(target, '');
          r = runSimple(host, cmd.words);
          if (target !== undefined) {
            if (target !== '/dev/null') {
              const w = host.fs.write(target, r.stdout, true);
              if (!w.ok) r = { stdout: '', stderr: `${r.stderr}bash: ${w.error}\n`, exitCode: 1 };
            }
            r = { stdout: '', stderr: r.stderr, exitCode: r.exitCode };
          }
        }
        stdout += r.stdout;
        stderr += r.stderr;
        for (const c of outputChunks(r)) pushChunk(chunks, c.err, c.text);
        exitCode = r.exitCode;
      }
      if (next === '&&') skip = exitCode !== 0;
      else if (next === '||') skip = exitCode === 0;
      else skip = false;
    }
    const output = orderedOutput(chunks);
    return { stdout, stderr, exitCode, ...(output ? { output } : {}) };
  } catch (e) {
    if (e instanceof ShellError) return { stdout: '', stderr: `${e.message}\n`, exitCode: e.code };
    const msg = e instanceof Error ? e.message : String(e);
    return { stdout: '', stderr: `error: internal error: ${msg}\n`, exitCode: 1 };
  }
}
