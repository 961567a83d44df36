/**
 * The text tools of the container images, as a learner types them in `kubectl exec` or in a
 * container's script: printf, seq, cut, tr, grep, wc, head and tail, sort and uniq. Two families:
 * busybox's applets (busybox and alpine images) and GNU coreutils, grep included (Debian-based
 * images such as nginx). They agree on most outputs; where their messages or layouts differ,
 * each prints its own.
 *
 * A form not simulated (an option not read here, a number that is not one) gives undefined:
 * the console then says it cannot run the command, rather than print something the real tool
 * would not.
 */

/** Which implementation: busybox's applets, or GNU coreutils (and GNU grep). */
export type Family = 'busybox' | 'dash';

/** What a tool printed and how it ended. */
export interface ToolRun {
  ms: number;
  output: string;
  error?: string;
  exitCode?: number;
}

/** Where a tool reads the files it is given: null when absent, undefined when not known. */
export type ReadFile = (path: string) => string | null | undefined;

const ok = (output: string): ToolRun => ({ ms: 0, output });

/** The lines of a text, without their newlines (a last line without one counts). */
function linesOf(data: string): string[] {
  return data === '' ? [] : data.replace(/\n$/, '').split('\n');
}

const joinLines = (ls: readonly string[]) => (ls.length > 0 ? `${ls.join('\n')}\n` : '');

/** `\n`, `\t`, `\\`, `\NNN` (octal)… in a printf format, tr's sets or echo's arguments. */
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '"': '"',
  "'": "'",
};

/**
 * Backslash escapes read as printf's %b (and dash's echo) read them: `\n`… , `\0NNN` octal, and
 * `\c`, which ends all output. Returns the text and whether `\c` was met.
 */
export function bEscapes(text: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const n = text[i + 1] ?? '';
    if (n === 'c') return { text: out, stop: true };
    if (n === '0') {
      const m = /^[0-7]{0,3}/.exec(text.slice(i + 2))?.[0] ?? '';
      out += String.fromCharCode(Number.parseInt(m || '0', 8) & 255);
      i += 1 + m.length;
      continue;
    }
    const simple = n === '"' || n === "'" ? undefined : SIMPLE_ESCAPES[n];
    if (simple !== undefined) {
      out += simple;
      i++;
      continue;
    }
    out += c;
  }
  return { text: out, stop: false };
}

/** Escapes of a printf format: as %b's, but `\NNN` octal needs no leading 0, and `\"` is `"`. */
function formatEscape(text: string, i: number): { value: string; next: number } {
  const n = text[i + 1] ?? '';
  const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1))?.[0];
  if (octal) {
    return {
      value: String.fromCharCode(Number.parseInt(octal, 8) & 255),
      next: i + 1 + octal.length,
    };
  }
  const hex = n === 'x' ? /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2))?.[0] : undefined;
  if (hex)
    return { value: String.fromCharCode(Number.parseInt(hex, 16)), next: i + 2 + hex.length };
  const simple = SIMPLE_ESCAPES[n];
  if (simple !== undefined) return { value: simple, next: i + 2 };
  return { value: '\\', next: i + 1 };
}

/** An integer argument of printf: decimal, 0x hex, 0 octal, or `'c` (the code of c). */
function printfInteger(arg: string | undefined): number | undefined {
  if (arg === undefined || arg === '') return 0;
  if (/^['"]/.test(arg)) return arg.length > 1 ? (arg.codePointAt(1) ?? 0) : 0;
  const t = arg.trim();
  if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(t)) return Number.parseInt(t, 16);
  if (/^[-+]?0[0-7]+$/.test(t)) return Number.parseInt(t, 8);
  if (/^[-+]?\d+$/.test(t)) return Number(t);
  return undefined;
}

/** Pad `body` to `width` as printf's flags say (`-` left, `0` zeros after the sign). */
function pad(body: string, width: number, flags: string, numeric: boolean): string {
  if (body.length >= width) return body;
  if (flags.includes('-')) return body.padEnd(width, ' ');
  if (numeric && flags.includes('0')) {
    const sign = /^[-+ ]/.test(body) ? (body[0] ?? '') : '';
    return sign + body.slice(sign.length).padStart(width - sign.length, '0');
  }
  return body.padStart(width, ' ');
}

/**
 * `printf FORMAT [ARGUMENT]...`: %s %b %c %d %i %u %o %x %X %f %%, with flags, width and
 * precision; the format is used again while arguments remain; a missing argument is empty (or
 * 0). Undefined for a conversion or number not simulated.
 */
export function printfTool(args: readonly string[]): ToolRun | undefined {
  let format = args[0];
  if (format === undefined) return undefined;
  if (format === '--') format = args[1] ?? '';
  const rest = args.slice(args[0] === '--' ? 2 : 1);
  let out = '';
  let k = 0;
  for (;;) {
    let consumed = false;
    for (let i = 0; i < format.length; i++) {
      const c = format[i] ?? '';
      if (c === '\\') {
        if (format[i + 1] === 'c') return ok(out);
        const e = formatEscape(format, i);
        out += e.value;
        i = e.next - 1;
        continue;
      }
      if (c !== '%') {
        out += c;
        continue;
      }
      const spec = /^%([-+ #0]*)(\d*)(?:\.(\d*))?([sbcdiuoxXf%])/.exec(format.slice(i));
      if (!spec) return undefined;
      i += spec[0].length - 1;
      const [, flags = '', w = '', prec, conv = ''] = spec;
      const width = w === '' ? 0 : Number(w);
      if (conv === '%') {
        out += '%';
        continue;
      }
      const arg = rest[k];
      if (arg !== undefined) k++;
      consumed = true;
      if (conv === 's' || conv === 'b' || conv === 'c') {
        let text = arg ?? '';
        if (conv === 'b') {
          const e = bEscapes(text);
          if (e.stop) return ok(out + pad(e.text, width, flags, false));
          text = e.text;
        }
        if (conv === 'c') text = text.slice(0, 1);
        if (prec !== undefined && conv !== 'c')
          text = text.slice(0, prec === '' ? 0 : Number(prec));
        out += pad(text, width, flags, false);
        continue;
      }
      if (conv === 'f') {
        const x = arg === undefined || arg === '' ? 0 : Number(arg);
        if (!Number.isFinite(x) || /[a-zA-Z]/.test(arg ?? '')) return undefined;
        let body = x.toFixed(prec === undefined ? 6 : Number(prec || '0'));
        if (flags.includes('+') && x >= 0) body = `+${body}`;
        out += pad(body, width, flags, true);
        continue;
      }
      const n = printfInteger(arg);
      if (n === undefined) return undefined;
      let body: string;
      if (conv === 'd' || conv === 'i') body = String(n);
      else {
        const u = n < 0 ? BigInt.asUintN(64, BigInt(n)) : BigInt(n);
        body =
          conv === 'u'
            ? u.toString()
            : conv === 'o'
              ? u.toString(8)
              : conv === 'x'
                ? u.toString(16)
                : u.toString(16).toUpperCase();
        if (flags.includes('#') && n !== 0 && conv !== 'u') {
          body = (conv === 'o' ? '0' : conv === 'x' ? '0x' : '0X') + body;
        }
      }
      if (prec !== undefined) {
        const digits = Number(prec || '0');
        const sign = body.startsWith('-') ? '-' : '';
        body = sign + body.slice(sign.length).padStart(digits, '0');
      }
      if ((conv === 'd' || conv === 'i') && n >= 0) {
        if (flags.includes('+')) body = `+${body}`;
        else if (flags.includes(' ')) body = ` ${body}`;
      }
      out += pad(body, width, prec === undefined ? flags : flags.replace('0', ''), true);
    }
    // The format is used again for the arguments left, if it took any.
    if (!consumed || k >= rest.length) break;
  }
  return ok(out);
}

/** `seq [-s SEP] [-w] [FIRST [INCREMENT]] LAST`, of integers. */
export function seqTool(args: readonly string[]): ToolRun | undefined {
  let sep = '\n';
  let equal = false;
  const nums: number[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '-s') {
      const v = args[++i];
      if (v === undefined) return undefined;
      sep = v;
    } else if (a.startsWith('-s') && !/^-s\d/.test(a)) sep = a.slice(2);
    else if (a === '-w') equal = true;
    else if (/^[-+]?\d+$/.test(a)) nums.push(Number(a));
    else return undefined;
  }
  if (nums.length < 1 || nums.length > 3) return undefined;
  const last = nums.at(-1) ?? 1;
  const first = nums.length > 1 ? (nums[0] ?? 1) : 1;
  const step = nums.length === 3 ? (nums[1] ?? 1) : 1;
  if (step === 0) return undefined;
  const out: string[] = [];
  for (let x = first; step > 0 ? x <= last : x >= last; x += step) {
    out.push(String(x));
    if (out.length > 100_000) return undefined;
  }
  if (equal) {
    const w = Math.max(...out.map((s) => s.replace('-', '').length));
    for (let j = 0; j < out.length; j++) {
      const s = out[j] ?? '';
      out[j] = s.startsWith('-') ? `-${s.slice(1).padStart(w, '0')}` : s.padStart(w, '0');
    }
  }
  return ok(out.length > 0 ? `${out.join(sep)}\n` : '');
}

/** A cut LIST (`1,3`, `2-`, `-4`, `2-5`): whether position `n` (from 1) is in it. */
function cutList(list: string): ((n: number) => boolean) | undefined {
  const ranges: [number, number][] = [];
  for (const part of list.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '')) return undefined;
    const lo = m[1] === '' ? 1 : Number(m[1]);
    const hi = m[2] === '' ? lo : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]);
    if (lo < 1 || hi < lo) return undefined;
    ranges.push([lo, hi]);
  }
  return (n) => ranges.some(([lo, hi]) => n >= lo && n <= hi);
}

/** Read `files` (or `input`), or say which cannot be: the tool's message for a missing file. */
function inputs(
  files: readonly string[],
  input: string | undefined,
  read: ReadFile,
  missing: (path: string) => string,
): { texts: { name: string | undefined; data: string }[]; error: string } | undefined {
  if (files.length === 0) {
    return input === undefined
      ? undefined
      : { texts: [{ name: undefined, data: input }], error: '' };
  }
  const texts: { name: string | undefined; data: string }[] = [];
  let error = '';
  for (const f of files) {
    if (f === '-') {
      if (input === undefined) return undefined;
      texts.push({ name: f, data: input });
      continue;
    }
    const data = read(f);
    if (data === undefined) return undefined;
    if (data === null) error += missing(f);
    else texts.push({ name: f, data });
  }
  return { texts, error };
}

/** `cut -d DELIM -f LIST [-s]` or `cut -c LIST`, of `input` or the files named. */
export function cutTool(
  args: readonly string[],
  input: string | undefined,
  read: ReadFile,
): ToolRun | undefined {
  let delim = '\t';
  let fields: string | undefined;
  let chars: string | undefined;
  let onlyDelimited = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    const value = (flag: string) => (a.length > 2 ? a.slice(2) : args[++i]);
    if (a.startsWith('-d')) {
      const v = value('d');
      if (v === undefined || [...v].length !== 1) return undefined;
      delim = v;
    } else if (a.startsWith('-f')) fields = value('f');
    else if (a.startsWith('-c') || a.startsWith('-b')) chars = value('c');
    else if (a === '-s') onlyDelimited = true;
    else if (a.startsWith('-') && a !== '-') return undefined;
    else files.push(a);
  }
  if ((fields === undefined) === (chars === undefined)) return undefined;
  const pick = cutList(fields ?? chars ?? '');
  if (!pick) return undefined;
  const got = inputs(files, input, read, (f) => `cut: ${f}: No such file or directory\n`);
  if (!got) return undefined;
  const out: string[] = [];
  for (const { data } of got.texts) {
    for (const line of linesOf(data)) {
      if (chars !== undefined) {
        out.push([...line].filter((_, j) => pick(j + 1)).join(''));
        continue;
      }
      if (!line.includes(delim)) {
        if (!onlyDelimited) out.push(line);
        continue;
      }
      out.push(
        line
          .split(delim)
          .filter((_, j) => pick(j + 1))
          .join(delim),
      );
    }
  }
  return got.error
    ? { ms: 0, exitCode: 1, output: joinLines(out), error: got.error }
    : ok(joinLines(out));
}

/** The characters of a tr class, in order. */
const TR_CLASSES: Readonly<Record<string, string>> = (() => {
  const range = (a: number, b: number) => {
    let s = '';
    for (let c = a; c <= b; c++) s += String.fromCharCode(c);
    return s;
  };
  const lower = range(97, 122);
  const upper = range(65, 90);
  const digit = range(48, 57);
  const printable = range(32, 126);
  return {
    lower,
    upper,
    digit,
    alpha: upper + lower,
    alnum: digit + upper + lower,
    space: '\t\n\v\f\r ',
    blank: '\t ',
    punct: [...printable].filter((c) => !/[A-Za-z0-9 ]/.test(c)).join(''),
    xdigit: `${digit}ABCDEFabcdef`,
    cntrl: `${range(0, 31)}\x7f`,
    print: printable,
    graph: range(33, 126),
  };
})();

/** A tr SET as its characters: escapes, `a-z` ranges and `[:class:]`es. Undefined if unread. */
function trSet(set: string): string | undefined {
  const chars: string[] = [];
  for (let i = 0; i < set.length; i++) {
    const cls = /^\[:([a-z]+):\]/.exec(set.slice(i));
    if (cls) {
      const members = TR_CLASSES[cls[1] ?? ''];
      if (members === undefined) return undefined;
      chars.push(...members);
      i += cls[0].length - 1;
      continue;
    }
    if (/^\[.\*\d*\]/.test(set.slice(i)) || /^\[=.=\]/.test(set.slice(i))) return undefined;
    let c = set[i] ?? '';
    if (c === '\\' && i + 1 < set.length) {
      const e = formatEscape(set, i);
      c = e.value === '\\' && set[i + 1] !== '\\' ? (set[i + 1] ?? '') : e.value;
      i = e.value === '\\' && set[i + 1] !== '\\' ? i + 1 : e.next - 1;
    }
    chars.push(c);
  }
  // Ranges, once escapes are read: `a-z`, `\n-\r`.
  const out: string[] = [];
  for (let j = 0; j < chars.length; j++) {
    const a = chars[j] ?? '';
    if (chars[j + 1] === '-' && j + 2 < chars.length) {
      const b = chars[j + 2] ?? '';
      if (b.charCodeAt(0) < a.charCodeAt(0)) return undefined;
      for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) out.push(String.fromCharCode(c));
      j += 2;
    } else out.push(a);
  }
  return out.join('');
}

/** `tr [-d] [-s] SET1 [SET2]`: translate, delete or squeeze characters of `input`. */
export function trTool(args: readonly string[], input: string | undefined): ToolRun | undefined {
  let del = false;
  let squeeze = false;
  const sets: string[] = [];
  for (const a of args) {
    if (/^-[ds]+$/.test(a) && sets.length === 0) {
      del ||= a.includes('d');
      squeeze ||= a.includes('s');
    } else if (a.startsWith('-') && a.length > 1 && sets.length === 0) return undefined;
    else sets.push(a);
  }
  if (input === undefined) return undefined;
  const set1 = sets[0] === undefined ? undefined : trSet(sets[0]);
  const set2 = sets[1] === undefined ? undefined : trSet(sets[1]);
  if (set1 === undefined || (sets[1] !== undefined && set2 === undefined) || sets.length > 2) {
    return undefined;
  }
  let text = [...input];
  let squeezeSet: string | undefined;
  if (del) {
    if (squeeze ? set2 === undefined : set2 !== undefined) return undefined;
    text = text.filter((c) => !set1.includes(c));
    squeezeSet = set2;
  } else if (set2 !== undefined) {
    if (set2 === '') return undefined;
    const map = new Map<string, string>();
    for (let j = 0; j < set1.length; j++) {
      map.set(set1[j] ?? '', set2[Math.min(j, set2.length - 1)] ?? '');
    }
    text = text.map((c) => map.get(c) ?? c);
    if (squeeze) squeezeSet = set2;
  } else if (squeeze) squeezeSet = set1;
  else return undefined;
  if (squeezeSet !== undefined) {
    const s = squeezeSet;
    text = text.filter((c, j) => !(j > 0 && c === text[j - 1] && s.includes(c)));
  }
  return ok(text.join(''));
}

/** POSIX bracket classes inside a bracket expression, as JavaScript ranges. */
const BRACKET_CLASSES: Readonly<Record<string, string>> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
};

/** A grep pattern (basic, or extended with -E) as a JavaScript RegExp source; undefined if unread. */
export function grepRegex(pattern: string, extended: boolean): string | undefined {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c === '[') {
      // A bracket expression: `]` first is a member; [:class:] is translated.
      let j = i + 1;
      let body = '';
      if (pattern[j] === '^') {
        body += '^';
        j++;
      }
      if (pattern[j] === ']') {
        body += '\\]';
        j++;
      }
      for (; j < pattern.length && pattern[j] !== ']'; j++) {
        const cls = /^\[:([a-z]+):\]/.exec(pattern.slice(j));
        if (cls) {
          const r = BRACKET_CLASSES[cls[1] ?? ''];
          if (r === undefined) return undefined;
          body += r;
          j += cls[0].length - 1;
        } else body += pattern[j] === '\\' ? '\\\\' : pattern[j];
      }
      if (j >= pattern.length) return undefined;
      out += `[${body}]`;
      i = j;
      continue;
    }
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n === undefined) return undefined;
      i++;
      if (n === '<' || n === '>') out += '\\b';
      else if (!extended && '(){}|+?'.includes(n)) out += n;
      else if (/[wWsSb.*[\]^$\\/(){}|+?]/.test(n)) out += `\\${n}`;
      else if (/\d/.test(n)) out += `\\${n}`;
      else return undefined;
      continue;
    }
    if (!extended && '(){}|+?'.includes(c)) out += `\\${c}`;
    else if (c === '/') out += '\\/';
    else out += c;
  }
  try {
    new RegExp(out);
  } catch {
    return undefined;
  }
  return out;
}

/**
 * `grep [-ivcnqEFwxolhHs] [-e] PATTERN [FILE]...`: the lines of `input` or the files that
 * match. Exit 0 with a match, 1 without, 2 when a file is missing.
 */
export function grepTool(
  args: readonly string[],
  input: string | undefined,
  read: ReadFile,
): ToolRun | undefined {
  let flags = '';
  let pattern: string | undefined;
  const files: string[] = [];
  let options = true;
  // Context lines: -A N (after), -B N (before), -C N / -N (both); the last one given wins.
  let after = 0;
  let before = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    const context = options ? /^-([ABC])(\d*)$/.exec(a) : null;
    const long = options ? /^--(after-|before-)?context=(\d+)$/.exec(a) : null;
    if (options && a === '--') options = false;
    else if (options && a === '-e') {
      if (pattern !== undefined) return undefined;
      pattern = args[++i];
    } else if (context || long) {
      const which = long
        ? long[1] === 'after-'
          ? 'A'
          : long[1] === 'before-'
            ? 'B'
            : 'C'
        : context?.[1];
      const digits = long ? long[2] : context?.[2] || args[++i];
      if (digits === undefined || !/^\d+$/.test(digits)) return undefined;
      const n = Number(digits);
      if (which !== 'B') after = n;
      if (which !== 'A') before = n;
    } else if (options && /^-\d+$/.test(a)) {
      after = Number(a.slice(1));
      before = after;
    } else if (options && /^-[a-zA-Z]+$/.test(a)) flags += a.slice(1);
    else if (pattern === undefined) pattern = a;
    else files.push(a);
  }
  if (pattern === undefined || /[^ivcnqEFwxolhHs]/.test(flags)) return undefined;
  const has = (f: string) => flags.includes(f);
  let source: string | undefined = has('F')
    ? pattern.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    : grepRegex(pattern, has('E'));
  if (source === undefined) return undefined;
  if (has('x')) source = `^(?:${source})$`;
  else if (has('w')) source = `(?<![A-Za-z0-9_])(?:${source})(?![A-Za-z0-9_])`;
  const re = new RegExp(source, has('i') ? 'gi' : 'g');
  const got = inputs(files, input, read, (f) =>
    has('s') ? '' : `grep: ${f}: No such file or directory\n`,
  );
  if (!got) return undefined;
  const missing = got.texts.length < files.length;
  const named = has('H') || (files.length > 1 && !has('h'));
  let output = '';
  let matched = false;
  for (const { name, data } of got.texts) {
    const label = name === undefined || name === '-' ? '(standard input)' : name;
    const prefix = named ? `${label}:` : '';
    let count = 0;
    const lines = linesOf(data);
    const withContext = (after > 0 || before > 0) && !has('o');
    // The last line printed (context included), and how far after-context still reaches.
    let printed = -1;
    let afterUntil = -1;
    const contextLine = (n: number) => {
      if (printed >= 0 && n > printed + 1) output += '--\n';
      output += `${named ? `${label}-` : ''}${has('n') ? `${n + 1}-` : ''}${lines[n] ?? ''}\n`;
      printed = n;
    };
    for (let n = 0; n < lines.length; n++) {
      const line = lines[n] ?? '';
      re.lastIndex = 0;
      const hit = re.test(line) !== has('v');
      if (!hit) {
        if (withContext && n <= afterUntil && !has('q') && !has('c') && !has('l')) contextLine(n);
        continue;
      }
      count++;
      matched = true;
      if (has('q') || has('c') || has('l')) continue;
      const lead = `${prefix}${has('n') ? `${n + 1}:` : ''}`;
      if (withContext) {
        for (let b = Math.max(printed + 1, n - before); b < n; b++) contextLine(b);
        if (printed >= 0 && n > printed + 1) output += '--\n';
        printed = n;
        afterUntil = n + after;
      }
      if (has('o') && !has('v')) {
        re.lastIndex = 0;
        for (const m of line.matchAll(re)) if (m[0] !== '') output += `${lead}${m[0]}\n`;
      } else output += `${lead}${line}\n`;
    }
    if (has('c') && !has('q')) output += `${prefix}${count}\n`;
    if (has('l') && !has('q') && count > 0) output += `${label}\n`;
  }
  if (has('q')) {
    if (matched) return { ms: 0, exitCode: 0, output: '' };
    return missing
      ? { ms: 0, exitCode: 2, output: '', error: got.error }
      : { ms: 0, exitCode: 1, output: '' };
  }
  const exitCode = missing ? 2 : matched ? 0 : 1;
  return got.error ? { ms: 0, exitCode, output, error: got.error } : { ms: 0, exitCode, output };
}

/**
 * `wc [-lwmc] [FILE]...`: lines, words, characters, bytes (those asked, all three by default).
 * busybox prints one count bare and several 9 wide; GNU pads them to the width of the largest
 * possible count (the files' total size; 7 when one reads a pipe), one count of one input bare.
 */
export function wcTool(
  args: readonly string[],
  input: string | undefined,
  read: ReadFile,
  family: Family,
): ToolRun | undefined {
  let flags = '';
  const files: string[] = [];
  for (const a of args) {
    if (/^-[lwmc]+$/.test(a)) flags += a.slice(1);
    else if (a.startsWith('-') && a !== '-') return undefined;
    else files.push(a);
  }
  const kinds = (['l', 'w', 'm', 'c'] as const).filter((k) =>
    flags === '' ? k !== 'm' : flags.includes(k),
  );
  const got = inputs(files, input, read, (f) => `wc: ${f}: No such file or directory\n`);
  if (!got) return undefined;
  const count = (data: string, k: (typeof kinds)[number]) =>
    k === 'l'
      ? (data.match(/\n/g) ?? []).length
      : k === 'w'
        ? data.split(/\s+/).filter((w) => w !== '').length
        : k === 'm'
          ? [...data].length
          : new TextEncoder().encode(data).length;
  const rows = got.texts.map((t) => ({ name: t.name, counts: kinds.map((k) => count(t.data, k)) }));
  if (rows.length > 1) {
    rows.push({
      name: 'total',
      counts: kinds.map((_, j) => rows.reduce((s, r) => s + (r.counts[j] ?? 0), 0)),
    });
  }
  const single = kinds.length === 1;
  let width: number;
  if (family === 'busybox') width = 9;
  else if (single && rows.length === 1) width = 1;
  else if (files.length === 0 || files.includes('-')) width = 7;
  else {
    const bytes = got.texts.reduce((s, t) => s + new TextEncoder().encode(t.data).length, 0);
    width = String(bytes).length;
  }
  const output = rows
    .map((r) => {
      const nums = r.counts.map((n, j) =>
        family === 'busybox'
          ? single
            ? String(n)
            : j === 0
              ? String(n).padStart(width)
              : ` ${String(n).padStart(width)}`
          : `${j === 0 ? '' : ' '}${String(n).padStart(width)}`,
      );
      return `${nums.join('')}${r.name === undefined ? '' : ` ${r.name}`}\n`;
    })
    .join('');
  return got.error ? { ms: 0, exitCode: 1, output, error: got.error } : ok(output);
}

/**
 * `head`/`tail` `[-n [+|-]N | -N | -c N] [FILE]`: the first (last) lines or bytes; `tail -n +N`
 * from line N, GNU `head -n -N` all but the last N. One file at most.
 */
export function headTailTool(
  cmd: 'head' | 'tail',
  args: readonly string[],
  input: string | undefined,
  read: ReadFile,
  family: Family,
): ToolRun | undefined {
  let lines: string | undefined;
  let bytes: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '-n' || a === '-c') {
      const v = args[++i];
      if (v === undefined) return undefined;
      if (a === '-n') lines = v;
      else bytes = v;
    } else if (/^-n[-+]?\d+$/.test(a)) lines = a.slice(2);
    else if (/^-c[-+]?\d+$/.test(a)) bytes = a.slice(2);
    else if (/^--lines=[-+]?\d+$/.test(a)) lines = a.slice(8);
    else if (/^-\d+$/.test(a)) lines = a.slice(1);
    else if (a.startsWith('-') && a !== '-') return undefined;
    else files.push(a);
  }
  if (files.length > 1) return undefined;
  const busybox = family === 'busybox';
  const missing = (f: string) =>
    busybox
      ? cmd === 'head'
        ? `head: ${f}: No such file or directory\n`
        : `tail: can't open '${f}': No such file or directory\n`
      : `${cmd}: cannot open '${f}' for reading: No such file or directory\n`;
  const got = inputs(files, input, read, missing);
  if (!got) return undefined;
  if (got.error) return { ms: 0, exitCode: 1, output: '', error: got.error };
  const data = got.texts[0]?.data ?? '';
  const spec = bytes ?? lines ?? '10';
  const m = /^([-+]?)(\d+)$/.exec(spec);
  if (!m) return undefined;
  const n = Number(m[2]);
  const sign = m[1] ?? '';
  if (bytes !== undefined) {
    const b = new TextEncoder().encode(data);
    const part =
      cmd === 'head'
        ? sign === '-'
          ? b.slice(0, Math.max(0, b.length - n))
          : b.slice(0, n)
        : sign === '+'
          ? b.slice(Math.max(0, n - 1))
          : b.slice(Math.max(0, b.length - n));
    return ok(new TextDecoder().decode(part));
  }
  // Lines keep their newlines; a last one without keeps none.
  const all = data.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const part =
    cmd === 'head'
      ? sign === '-'
        ? all.slice(0, Math.max(0, all.length - n))
        : all.slice(0, n)
      : sign === '+'
        ? all.slice(Math.max(0, n - 1))
        : all.slice(Math.max(0, all.length - n));
  return ok(part.join(''));
}

/** `sort [-rnu]` and `uniq [-c|-d|-u]` of `input` or a file. */
export function sortUniqTool(
  cmd: 'sort' | 'uniq',
  args: readonly string[],
  input: string | undefined,
  read: ReadFile,
  family: Family,
): ToolRun | undefined {
  let flags = '';
  const files: string[] = [];
  for (const a of args) {
    if (/^-[a-z]+$/.test(a)) flags += a.slice(1);
    else if (a.startsWith('-') && a !== '-') return undefined;
    else files.push(a);
  }
  if (files.length > 1 || /[^rnucd]/.test(flags)) return undefined;
  const missing = (f: string) =>
    cmd === 'sort'
      ? family === 'busybox'
        ? `sort: can't open '${f}': No such file or directory\n`
        : `sort: cannot read: ${f}: No such file or directory\n`
      : family === 'busybox'
        ? `uniq: can't open '${f}': No such file or directory\n`
        : `uniq: ${f}: No such file or directory\n`;
  const got = inputs(files, input, read, missing);
  if (!got) return undefined;
  if (got.error) {
    return {
      ms: 0,
      exitCode: cmd === 'sort' && family !== 'busybox' ? 2 : 1,
      output: '',
      error: got.error,
    };
  }
  const lines = linesOf(got.texts[0]?.data ?? '');
  if (cmd === 'sort') {
    if (/[^rnu]/.test(flags)) return undefined;
    const byte = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const num = (s: string) => {
      const m = /^\s*(-?\d*\.?\d+)/.exec(s);
      return m ? Number(m[1]) : 0;
    };
    let sorted = [...lines].sort((a, b) =>
      flags.includes('n') ? num(a) - num(b) || byte(a, b) : byte(a, b),
    );
    if (flags.includes('r')) sorted.reverse();
    if (flags.includes('u')) {
      const key = (s: string) => (flags.includes('n') ? String(num(s)) : s);
      sorted = sorted.filter((l, k) => k === 0 || key(l) !== key(sorted[k - 1] ?? ''));
    }
    return ok(joinLines(sorted));
  }
  if (/[^cdu]/.test(flags)) return undefined;
  const groups: { line: string; n: number }[] = [];
  for (const l of lines) {
    const last = groups.at(-1);
    if (last && last.line === l) last.n++;
    else groups.push({ line: l, n: 1 });
  }
  const kept = groups.filter(
    (g) => (!flags.includes('d') || g.n > 1) && (!flags.includes('u') || g.n === 1),
  );
  return ok(
    joinLines(
      kept.map((g) => (flags.includes('c') ? `${String(g.n).padStart(7)} ${g.line}` : g.line)),
    ),
  );
}

/**
 * dash's `echo` (the `sh` of Debian-based images): only `-n`, as the first argument, is an
 * option (`-e` is printed); backslash escapes are always read, as printf's %b reads them (`\c`
 * ends the output, newline included).
 */
export function dashEcho(args: readonly string[]): ToolRun {
  const noNewline = args[0] === '-n';
  const { text, stop } = bEscapes((noNewline ? args.slice(1) : args).join(' '));
  return ok(stop || noNewline ? text : `${text}\n`);
}
