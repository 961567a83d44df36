/**
 * The text tools of the learner's own terminal (GNU coreutils and grep, as on an exam machine),
 * for pipelines in the console: `kubectl get pods | grep web`, `… -o jsonpath='{.data.pw}' |
 * base64 -d`, `… | wc -l`, `| head`, `| tail`, `| sort`, `| uniq`, `| cut`, `| tr`. They read
 * the console's workspace files or their stdin. A form they do not simulate answers as the
 * console does for what it lacks, never with a made-up result.
 */

import { awkTool } from '../engine/node/awk.ts';
import {
  cutTool,
  grepTool,
  headTailTool,
  seqTool,
  sortUniqTool,
  type ToolRun,
  trTool,
  wcTool,
} from '../engine/node/coreutils.ts';
import { sedTool } from '../engine/node/sed.ts';
import type { KubectlHost, RunResult } from './host.ts';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function utf8Bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** GNU base64's encoding, wrapped at 76 columns. */
function encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63];
    out += B64[(n >> 12) & 63];
    out += b === undefined ? '=' : B64[(n >> 6) & 63];
    out += c === undefined ? '=' : B64[n & 63];
  }
  return out === '' ? '' : `${out.replace(/(.{76})/g, '$1\n').replace(/\n$/, '')}\n`;
}

/** GNU base64 -d: newlines are ignored; anything else outside the alphabet is invalid input. */
function decode(text: string): { text: string; invalid: boolean } {
  const clean = text.replace(/\n/g, '');
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  let i = 0;
  for (; i < clean.length; i++) {
    const ch = clean[i] as string;
    if (ch === '=') break;
    const v = B64.indexOf(ch);
    if (v < 0) break;
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >> bits) & 255);
    }
  }
  const rest = clean.slice(i);
  const invalid = !/^=*$/.test(rest) || (clean.length % 4 !== 0 && !/=$/.test(clean) && bits > 0);
  return { text: new TextDecoder().decode(new Uint8Array(bytes)), invalid };
}

function base64(args: string[], stdin: string | undefined, host: KubectlHost): RunResult {
  const decodeMode = args.some((a) => a === '-d' || a === '--decode' || a === '-D');
  const files = args.filter((a) => !a.startsWith('-') || a === '-');
  const unknown = args.find(
    (a) => a.startsWith('-') && a !== '-' && !['-d', '--decode', '-D', '-w0', '-i'].includes(a),
  );
  if (unknown) return notSimulated(['base64', ...args]);
  let input: string | undefined;
  if (files.length === 0 || files[0] === '-') input = stdin ?? '';
  else {
    input = host.fs.read(files[0] as string);
    if (input === undefined)
      return {
        stdout: '',
        stderr: `base64: ${files[0]}: No such file or directory\n`,
        exitCode: 1,
      };
  }
  if (!decodeMode) {
    const out = encode(utf8Bytes(input));
    return { stdout: args.includes('-w0') ? out.replace(/\n/g, '') : out, stderr: '', exitCode: 0 };
  }
  const d = decode(input);
  return d.invalid
    ? { stdout: d.text, stderr: 'base64: invalid input\n', exitCode: 1 }
    : { stdout: d.text, stderr: '', exitCode: 0 };
}

export function notSimulated(words: string[]): RunResult {
  return {
    stdout: '',
    stderr: `bash: this console cannot run "${words.join(' ')}": its options are not simulated\n`,
    exitCode: 2,
  };
}

function fromTool(r: ToolRun | undefined, words: string[]): RunResult {
  if (!r) return notSimulated(words);
  return { stdout: r.output, stderr: r.error ?? '', exitCode: r.exitCode ?? 0 };
}

/** Writes a workspace file for a tool (`sed -i`): the tool's complaint when it cannot. */
function consoleWrite(host: KubectlHost, name: string) {
  return (path: string, content: string): string | undefined => {
    const r = host.fs.write(path, content);
    return r.ok ? undefined : `${name}: ${r.error}\n`;
  };
}

/** The tools the console's shell runs besides kubectl: their names. */
export const CONSOLE_TOOLS: ReadonlySet<string> = new Set([
  'base64',
  'grep',
  'wc',
  'head',
  'tail',
  'sort',
  'uniq',
  'cut',
  'tr',
  'sed',
  'awk',
  'seq',
]);

/** Runs one of {@link CONSOLE_TOOLS} with `stdin` (undefined: a terminal with nothing typed). */
export function runConsoleTool(
  host: KubectlHost,
  name: string,
  args: string[],
  stdin: string | undefined,
): RunResult {
  let readFile = false;
  const read = (path: string) => {
    readFile = true;
    return host.fs.read(path) ?? null;
  };
  const input = stdin ?? '';
  const r = run(name, args, input, read, stdin, host);
  // Nothing piped in and no file named: a real tool would wait for the terminal.
  if (
    stdin === undefined &&
    !readFile &&
    !(name === 'base64' && args.some((a) => !a.startsWith('-'))) &&
    // seq reads nothing.
    name !== 'seq' &&
    // sed reads its script first: a bad one (1), or -i without files (4), is told at once.
    !(name === 'sed' && (r.exitCode === 1 || r.exitCode === 4)) &&
    // awk reads its program first, and a program of BEGIN alone reads no input.
    !(name === 'awk' && !r.stderr.startsWith('bash:'))
  )
    return {
      stdout: '',
      stderr: `${name}: reading the terminal is not supported in this console: pipe a command into ${name} or name a file\n`,
      exitCode: 2,
    };
  return r;
}

function run(
  name: string,
  args: string[],
  input: string,
  read: (path: string) => string | null,
  stdin: string | undefined,
  host: KubectlHost,
): RunResult {
  switch (name) {
    case 'base64':
      return base64(args, stdin, host);
    case 'grep':
      return fromTool(grepTool(args, input, read), [name, ...args]);
    case 'wc':
      return fromTool(wcTool(args, input, read, 'dash'), [name, ...args]);
    case 'head':
    case 'tail':
      return fromTool(headTailTool(name, args, input, read, 'dash'), [name, ...args]);
    case 'sort':
    case 'uniq':
      return fromTool(sortUniqTool(name, args, input, read, 'dash'), [name, ...args]);
    case 'cut':
      return fromTool(cutTool(args, input, read), [name, ...args]);
    case 'tr':
      return fromTool(trTool(args, input), [name, ...args]);
    case 'seq':
      return fromTool(seqTool(args), [name, ...args]);
    case 'awk':
      return fromTool(awkTool(args, stdin, read, 'dash'), [name, ...args]);
    case 'sed':
      return fromTool(sedTool(args, stdin, read, 'dash', consoleWrite(host, name)), [
        name,
        ...args,
      ]);
  }
  return { stdout: '', stderr: `bash: ${name}: command not found\n`, exitCode: 127 };
}
