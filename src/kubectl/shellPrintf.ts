/**
 * bash's `echo` and `printf` builtins for the console's shell: `echo [-neE]` (`-e` reads
 * backslash escapes, `\c` ends the output), `printf [-v NAME] FORMAT [ARG…]` (the format's
 * escapes and `%s %b %q %c %d %i %u %o %x %X %f %e %g %%` with flags, width and precision, the
 * format reused until the arguments run out). What writes a multi-line file in one line:
 * `echo -e 'a: 1\nb: 2' > f.yaml`, `printf 'a: 1\nb: 2\n' > f.yaml`.
 */
import type { RunResult } from './host.ts';

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/**
 * Reads backslash escapes from `text`. `echoStyle`: octal is `\0NNN` (echo -e, printf's %b);
 * otherwise `\NNN` (printf's format), where `\"` and `\'` are the quotes too. `stop`: the
 * text ended at `\c`.
 */
function readEscapes(text: string, echoStyle: boolean): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const n = text[i + 1] as string;
    if (n in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[n];
      i++;
    } else if (n === 'c') return { text: out, stop: true };
    else if (!echoStyle && (n === '"' || n === "'")) {
      out += n;
      i++;
    } else if (echoStyle ? n === '0' : /[0-7]/.test(n)) {
      const digits = /^[0-7]{1,3}/.exec(text.slice(i + (echoStyle ? 2 : 1)))?.[0] ?? '';
      out += String.fromCharCode(digits ? Number.parseInt(digits, 8) & 255 : 0);
      i += (echoStyle ? 1 : 0) + digits.length;
    } else if (n === 'x') {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2))?.[0];
      if (!hex) out += '\\x';
      else out += String.fromCharCode(Number.parseInt(hex, 16));
      i += 1 + (hex?.length ?? 0);
    } else if (n === 'u' || n === 'U') {
      const hex = new RegExp(`^[0-9a-fA-F]{1,${n === 'u' ? 4 : 8}}`).exec(text.slice(i + 2))?.[0];
      if (!hex) out += `\\${n}`;
      else out += String.fromCodePoint(Math.min(Number.parseInt(hex, 16), 0x10ffff));
      i += 1 + (hex?.length ?? 0);
    } else {
      out += `\\${n}`;
      i++;
    }
  }
  return { text: out, stop: false };
}

/** `echo [-neE] [ARG…]`: options only while every letter of a word is one of n, e, E. */
export function echo(args: readonly string[]): RunResult {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] as string;
    if (!/^-[neE]+$/.test(a)) break;
    for (const f of a.slice(1)) {
      if (f === 'n') newline = false;
      else escapes = f === 'e';
    }
  }
  const text = args.slice(i).join(' ');
  if (!escapes) return { stdout: text + (newline ? '\n' : ''), stderr: '', exitCode: 0 };
  const r = readEscapes(text, true);
  return { stdout: r.text + (newline && !r.stop ? '\n' : ''), stderr: '', exitCode: 0 };
}

/** A number argument as printf reads it (`'c` is the character's code); NaN when it is not one. */
function numberArg(a: string): number {
  if (a === '') return 0;
  if (/^['"]/.test(a)) return a.codePointAt(1) ?? 0;
  const t = a.trim();
  if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(t)) return Number.parseInt(t, 16);
  if (/^[-+]?0[0-7]+$/.test(t)) return Number.parseInt(t, 8);
  if (/^[-+]?\d+$/.test(t)) return Number.parseInt(t, 10);
  return Number.NaN;
}

/** A float argument (`%f`). */
function floatArg(a: string): number {
  if (a === '') return 0;
  if (/^['"]/.test(a)) return a.codePointAt(1) ?? 0;
  const n = Number(a.trim());
  return Number.isFinite(n) ? n : Number.NaN;
}

/** bash's `%q`: the argument quoted so that the shell reads it back. */
function shellQuoted(a: string): string {
  if (a === '') return "''";
  return a.replace(/[^A-Za-z0-9_./:=@%^,+-]/g, (c) => (c === '\n' ? "$'\\n'" : `\\${c}`));
}

/** Pads a converted value to the width, per the flags. */
function pad(body: string, flags: string, width: number, numeric: boolean): string {
  if (body.length >= width) return body;
  if (flags.includes('-')) return body.padEnd(width);
  if (numeric && flags.includes('0')) {
    const sign = /^[-+ ]/.test(body) ? (body[0] as string) : '';
    return sign + body.slice(sign.length).padStart(width - sign.length, '0');
  }
  return body.padStart(width);
}

/** `printf [-v NAME] FORMAT [ARG…]`; `assign` receives the text for `-v`. */
export function printf(
  args: readonly string[],
  assign: (name: string, value: string) => void,
): RunResult {
  let rest = [...args];
  let target: string | undefined;
  const usage = 'printf: usage: printf [-v var] format [arguments]\n';
  const refuse = (message: string): RunResult => ({
    stdout: '',
    stderr: `bash: printf: ${message}\n${usage}`,
    exitCode: 2,
  });
  // The builtin's options (internal_getopt "v:"): a first word that starts with `-` (but `-`
  // alone) is an option, `--` ends them. So a format that starts with `-` needs `--` first.
  for (let word = rest[0]; word?.startsWith('-') && word !== '-'; word = rest[0]) {
    if (word === '--') {
      rest = rest.slice(1);
      break;
    }
    if (word.startsWith('--') || word[1] !== 'v')
      return refuse(`${word.slice(0, 2)}: invalid option`);
    // `-v NAME` or `-vNAME`.
    const name = word.length > 2 ? word.slice(2) : rest[1];
    if (name === undefined) return refuse('-v: option requires an argument');
    rest = rest.slice(word.length > 2 ? 1 : 2);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      return {
        stdout: '',
        stderr: `bash: printf: \`${name}': not a valid identifier\n`,
        exitCode: 2,
      };
    }
    target = name;
  }
  const format = rest[0];
  if (format === undefined) return { stdout: '', stderr: usage, exitCode: 2 };
  const values = rest.slice(1);
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  let next = 0;
  const take = () => values[next++] ?? '';
  const spec = /%([-+ 0#]*)(\*|\d+)?(?:\.(\*|\d*))?([a-zA-Z%])/y;
  done: do {
    const startedAt = next;
    let i = 0;
    while (i < format.length) {
      const c = format[i] as string;
      if (c === '\\') {
        const esc =
          /^\\(?:[0-7]{1,3}|x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|.)?/.exec(
            format.slice(i),
          )?.[0] as string;
        const r = readEscapes(esc, false);
        stdout += r.text;
        if (r.stop) break done;
        i += esc.length;
        continue;
      }
      if (c !== '%') {
        stdout += c;
        i++;
        continue;
      }
      spec.lastIndex = i;
      const m = spec.exec(format);
      if (!m) {
        stderr += `bash: printf: \`${format.slice(i + 1, i + 2)}': invalid format character\n`;
        exitCode = 1;
        break done;
      }
      i = spec.lastIndex;
      const flags = m[1] ?? '';
      const width = m[2] === '*' ? numberArg(take()) || 0 : Number(m[2] ?? 0);
      const precision =
        m[3] === undefined ? undefined : m[3] === '*' ? numberArg(take()) || 0 : Number(m[3] || 0);
      const conv = m[4] as string;
      if (conv === '%') {
        stdout += '%';
        continue;
      }
      let body: string;
      let numeric = false;
      if (conv === 's' || conv === 'b' || conv === 'q') {
        let a = take();
        if (conv === 'b') {
          const r = readEscapes(a, true);
          a = r.text;
          if (r.stop) {
            stdout += pad(a, flags, width, false);
            break done;
          }
        } else if (conv === 'q') a = shellQuoted(a);
        body = precision === undefined ? a : a.slice(0, precision);
      } else if (conv === 'c') body = take().slice(0, 1);
      else if ('diouxX'.includes(conv)) {
        numeric = true;
        const a = take();
        let n = numberArg(a);
        if (Number.isNaN(n)) {
          stderr += `bash: printf: ${a}: invalid number\n`;
          exitCode = 1;
          n = 0;
        }
        const neg = n < 0 && (conv === 'd' || conv === 'i');
        const abs = Math.abs(Math.trunc(n));
        let digits =
          conv === 'o'
            ? abs.toString(8)
            : conv === 'x'
              ? abs.toString(16)
              : conv === 'X'
                ? abs.toString(16).toUpperCase()
                : String(abs);
        if (precision !== undefined) digits = digits.padStart(precision, '0');
        const sign = neg ? '-' : flags.includes('+') && 'di'.includes(conv) ? '+' : '';
        body = sign + digits;
      } else if ('feEgG'.includes(conv)) {
        numeric = true;
        const a = take();
        let n = floatArg(a);
        if (Number.isNaN(n)) {
          stderr += `bash: printf: ${a}: invalid number\n`;
          exitCode = 1;
          n = 0;
        }
        const p = precision ?? 6;
        body =
          conv === 'f'
            ? n.toFixed(p)
            : conv === 'e' || conv === 'E'
              ? n.toExponential(p).replace(/e([+-])(\d)$/, 'e$10$2')
              : String(Number(n.toPrecision(p || 1)));
        if (conv === 'E' || conv === 'G') body = body.toUpperCase();
        if (flags.includes('+') && n >= 0) body = `+${body}`;
      } else {
        stderr += `bash: printf: \`${conv}': invalid format character\n`;
        exitCode = 1;
        break done;
      }
      stdout += pad(body, flags, width, numeric);
    }
    // The format is used again while arguments remain (and took some).
    if (next === startedAt) break;
  } while (next < values.length);
  if (target !== undefined) {
    assign(target, stdout);
    return { stdout: '', stderr, exitCode };
  }
  return { stdout, stderr, exitCode };
}
