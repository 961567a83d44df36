/**
 * `sed`, as GNU sed 4.9 (the console's host, Debian images) and busybox sed (busybox and
 * alpine images) run the common scripts: `s/RE/REPL/[gpiN]` with any delimiter, `&` and
 * `\1`…`\9`; `y/abc/xyz/`; `p`, `d`, `q [CODE]`, `=`, `a`/`i`/`c TEXT`; addresses N, `$`,
 * `/RE/` and ranges, with `!`; `-n`, `-e` (several), `-E`/`-r`, `-i` (in place), `-s`.
 * Basic regular expressions by default, extended with -E. Pure: files are read and written
 * through the functions given. Blocks `{…}` group commands; `0,/RE/` is GNU's. A form not
 * simulated (`N`, the hold space, `ADDR,+N`…) gives
 * undefined, never a made-up result.
 */
import { type Family, grepRegex, type ReadFile, type ToolRun } from './coreutils.ts';

/** Writes a file for `sed -i`; returns an error text (as sed prints it) when it cannot. */
export type WriteFile = (path: string, content: string) => string | undefined;

interface Address {
  line?: number;
  last?: boolean;
  re?: RegExp;
}

interface Command {
  a1?: Address;
  a2?: Address;
  negate: boolean;
  name: string;
  re?: RegExp;
  /** s: the replacement; a/i/c: the text; y: the source set. */
  text?: string;
  /** y: the target set. */
  to?: string;
  global?: boolean;
  print?: boolean;
  nth?: number;
  exit?: number;
  /** A range's state while the input is read. */
  active?: boolean;
  /** `{…}`: the commands of the block. */
  body?: Command[];
}

class SedError {
  constructor(readonly message: string) {}
}

/** An unread form: the tool answers undefined. */
class Unsimulated {}

interface ParseCtx {
  src: string;
  expr: number;
  family: Family;
  extended: boolean;
}

function fail(ctx: ParseCtx, char: number, gnu: string, busybox: string): never {
  throw new SedError(
    ctx.family === 'busybox'
      ? `sed: ${busybox}\n`
      : `sed: -e expression #${ctx.expr}, char ${char}: ${gnu}\n`,
  );
}

function regex(ctx: ParseCtx, source: string, flags: string): RegExp {
  const js = grepRegex(source, ctx.extended);
  if (js === undefined) throw new Unsimulated();
  return new RegExp(js, flags);
}

/** Reads up to the unescaped `delim` from `i`; `\delim` becomes delim. Undefined at the end. */
function delimited(
  src: string,
  i: number,
  delim: string,
): { text: string; next: number } | undefined {
  let text = '';
  let inBracket = false;
  for (let j = i; j < src.length; j++) {
    const c = src[j] as string;
    if (c === '\\' && j + 1 < src.length) {
      const n = src[j + 1] as string;
      text += n === delim && delim !== '\n' ? n : `\\${n}`;
      j++;
      continue;
    }
    if (c === '[' && !inBracket && delim !== '[') inBracket = true;
    else if (c === ']' && inBracket) inBracket = false;
    else if (c === delim && !inBracket) return { text, next: j + 1 };
    if (c === '\n' && delim !== '\n') return undefined;
    text += c;
  }
  return undefined;
}

function parseAddress(ctx: ParseCtx, i: number): { addr?: Address; next: number } {
  const { src } = ctx;
  const num = /^\d+/.exec(src.slice(i));
  if (num) return { addr: { line: Number(num[0]) }, next: i + num[0].length };
  if (src[i] === '$') return { addr: { last: true }, next: i + 1 };
  if (src[i] === '/' || (src[i] === '\\' && i + 1 < src.length)) {
    const delim = src[i] === '/' ? '/' : (src[i + 1] as string);
    const start = src[i] === '/' ? i + 1 : i + 2;
    const got = delimited(src, start, delim);
    if (!got) fail(ctx, src.length, 'unterminated address regex', `unmatched '${delim}'`);
    let next = got.next;
    let flags = '';
    if (src[next] === 'I') {
      flags = 'i';
      next++;
    }
    return { addr: { re: regex(ctx, got.text, flags) }, next };
  }
  return { next: i };
}

/** Where a command ends: spaces, then `;`, a newline or the end; else sed's complaint. */
function endOfCommand(ctx: ParseCtx, i: number, what: string): number {
  let j = i;
  while (ctx.src[j] === ' ' || ctx.src[j] === '\t') j++;
  if (j >= ctx.src.length || ctx.src[j] === ';' || ctx.src[j] === '\n') return j;
  if (ctx.src[j] === '}') return j;
  return fail(ctx, j + 1, what, `trailing characters after command`);
}

/** Most nested blocks a script may have. */
const MAX_DEPTH = 50;

/**
 * Parses commands from `start` into `out` up to the end of the expression or, in a block
 * (`depth` > 0), up to its `}`; returns where it stopped.
 */
function parseScript(ctx: ParseCtx, out: Command[], start = 0, depth = 0): number {
  const { src } = ctx;
  let i = start;
  while (i < src.length) {
    const c0 = src[i] as string;
    if (c0 === ' ' || c0 === '\t' || c0 === '\n' || c0 === ';') {
      i++;
      continue;
    }
    if (c0 === '}') {
      if (depth === 0) fail(ctx, i + 1, "unexpected `}'", "unexpected '}'");
      return i + 1;
    }
    const cmd: Command = { negate: false, name: '' };
    const a1 = parseAddress(ctx, i);
    i = a1.next;
    if (a1.addr) {
      cmd.a1 = a1.addr;
      if (src[i] === ',') {
        // GNU's `ADDR,+N` and `ADDR,~N` are not simulated.
        if (src[i + 1] === '+' || src[i + 1] === '~') throw new Unsimulated();
        const a2 = parseAddress(ctx, i + 1);
        if (!a2.addr) fail(ctx, i + 1, "unexpected `,'", 'bad format in substitution expression');
        cmd.a2 = a2.addr;
        i = a2.next;
      }
      // `0,/re/`: the range is open before the first line, so /re/ may end it there.
      if (cmd.a1.line === 0) {
        if (!cmd.a2?.re || ctx.family === 'busybox')
          fail(ctx, i, 'invalid usage of line address 0', 'invalid usage of line address 0');
        cmd.active = true;
      }
    }
    while (src[i] === ' ' || src[i] === '\t') i++;
    if (src[i] === '!') {
      cmd.negate = true;
      i++;
      while (src[i] === ' ' || src[i] === '\t') i++;
    }
    const name = src[i];
    if (name === undefined) fail(ctx, src.length, 'missing command', 'missing command');
    cmd.name = name;
    i++;
    switch (name) {
      case 'p':
      case 'd':
      case '=':
        i = endOfCommand(ctx, i, `extra characters after command`);
        break;
      case 'q': {
        if (cmd.a2) fail(ctx, i, 'command only uses one address', 'command only uses one address');
        while (src[i] === ' ') i++;
        const code = /^\d+/.exec(src.slice(i));
        if (code) {
          cmd.exit = Number(code[0]);
          i += code[0].length;
        }
        i = endOfCommand(ctx, i, 'extra characters after command');
        break;
      }
      case 's': {
        const delim = src[i];
        if (delim === undefined || delim === '\n' || delim === '\\')
          fail(ctx, src.length, "unterminated `s' command", `unmatched '${delim ?? ''}'`);
        const re = delimited(src, i + 1, delim);
        if (!re) fail(ctx, src.length, "unterminated `s' command", `unmatched '${delim}'`);
        const rep = replacementText(src, re.next, delim);
        if (!rep) fail(ctx, src.length, "unterminated `s' command", `unmatched '${delim}'`);
        i = rep.next;
        let flags = '';
        for (;;) {
          const f = src[i];
          if (f === 'g') cmd.global = true;
          else if (f === 'p') cmd.print = true;
          else if (f === 'i' || f === 'I') flags = 'i';
          else if (f !== undefined && /\d/.test(f)) {
            const n = /^\d+/.exec(src.slice(i))?.[0] ?? '';
            if (Number(n) === 0)
              fail(ctx, i + 1, "number option to `s' command may not be zero", 'bad option');
            cmd.nth = Number(n);
            i += n.length - 1;
          } else if (f === 'e' || f === 'w' || f === 'm' || f === 'M') throw new Unsimulated();
          else break;
          i++;
        }
        let j = i;
        while (src[j] === ' ' || src[j] === '\t') j++;
        if (j < src.length && src[j] !== ';' && src[j] !== '\n') {
          if (src[j] !== '}')
            fail(ctx, i + 1, "unknown option to `s'", 'bad option in substitution expression');
        }
        i = j;
        cmd.re = re.text === '' ? undefined : regex(ctx, re.text, flags);
        cmd.text = rep.text;
        break;
      }
      case 'y': {
        const delim = src[i];
        const unterminated = (): never =>
          fail(ctx, src.length, "unterminated `y' command", `unmatched '${delim ?? ''}'`);
        if (delim === undefined || delim === '\n' || delim === '\\') unterminated();
        const from = delimited(src, i + 1, delim as string);
        if (!from) throw unterminated();
        const to = delimited(src, from.next, delim as string);
        if (!to) throw unterminated();
        const unescaped = (t: string) =>
          t.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c));
        cmd.text = unescaped(from.text);
        cmd.to = unescaped(to.text);
        if ([...cmd.text].length !== [...cmd.to].length)
          fail(
            ctx,
            to.next,
            "strings for `y' command are different lengths",
            'strings for y command are different lengths',
          );
        i = endOfCommand(ctx, to.next, 'extra characters after command');
        break;
      }
      case 'a':
      case 'i':
      case 'c': {
        // GNU's one-line form: `a TEXT` (or `a\` then the text on the next line).
        let j = i;
        if (src[j] === '\\') {
          j++;
          if (src[j] === '\n') j++;
        }
        while (src[j] === ' ' || src[j] === '\t') j++;
        let end = src.indexOf('\n', j);
        if (end < 0) end = src.length;
        const text = src.slice(j, end);
        if (text === '') {
          if (ctx.family === 'busybox') throw new Unsimulated();
          fail(ctx, src.length, "expected \\ after `a', `c' or `i'", '');
        }
        cmd.text = text.replace(/\\(.)/g, '$1');
        i = end;
        break;
      }
      case '{': {
        if (depth >= MAX_DEPTH) throw new Unsimulated();
        cmd.body = [];
        i = parseScript(ctx, cmd.body, i, depth + 1);
        break;
      }
      case 'n':
      case 'N':
      case 'D':
      case 'P':
      case 'h':
      case 'H':
      case 'g':
      case 'G':
      case 'x':
      case 'b':
      case 't':
      case 'T':
      case ':':
      case 'l':
      case 'r':
      case 'R':
      case 'w':
      case 'W':
      case 'e':
      case 'F':
      case 'z':
      case 'Q':
      case '#':
        throw new Unsimulated();
      default:
        fail(ctx, i, `unknown command: \`${name}'`, `unsupported command ${name}`);
    }
    out.push(cmd);
  }
  if (depth > 0) fail(ctx, 0, "unmatched `{'", "unmatched '{'");
  return i;
}

/** The replacement part of `s`: like delimited, but a newline may be escaped. */
function replacementText(
  src: string,
  i: number,
  delim: string,
): { text: string; next: number } | undefined {
  let text = '';
  for (let j = i; j < src.length; j++) {
    const c = src[j] as string;
    if (c === '\\' && j + 1 < src.length) {
      const n = src[j + 1] as string;
      text += n === delim ? (n === '&' ? '\\&' : n) : `\\${n}`;
      j++;
      continue;
    }
    if (c === delim) return { text, next: j + 1 };
    if (c === '\n') return undefined;
    text += c;
  }
  return undefined;
}

/** The replacement for one match: `&`, `\1`…`\9`, `\n`, `\t`, `\\`. */
function expand(rep: string, m: RegExpExecArray | RegExpMatchArray): string {
  let out = '';
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i] as string;
    if (c === '&') out += m[0];
    else if (c === '\\' && i + 1 < rep.length) {
      const n = rep[++i] as string;
      if (/[0-9]/.test(n)) out += m[Number(n)] ?? '';
      else if (n === 'n') out += '\n';
      else if (n === 't') out += '\t';
      else out += n;
    } else out += c;
  }
  return out;
}

function substitute(cmd: Command, ps: string, lastRe: RegExp | undefined): string | undefined {
  const base = cmd.re ?? lastRe;
  if (!base) return undefined;
  const re = new RegExp(base.source, base.flags.includes('g') ? base.flags : `${base.flags}g`);
  const nth = cmd.nth ?? 1;
  let count = 0;
  let out = '';
  let at = 0;
  let changed = false;
  for (const m of ps.matchAll(re)) {
    count++;
    const idx = m.index ?? 0;
    if (count < nth) continue;
    out += ps.slice(at, idx) + expand(cmd.text ?? '', m);
    at = idx + m[0].length;
    changed = true;
    if (!cmd.global) break;
  }
  return changed ? out + ps.slice(at) : undefined;
}

interface RunState {
  out: string;
  quit?: number;
  lastRe?: RegExp;
}

function matches(a: Address, ps: string, line: number, isLast: boolean, st: RunState): boolean {
  if (a.line !== undefined) return line === a.line;
  if (a.last) return isLast;
  if (a.re) {
    // An empty regex (`s//X/`) is the last one used, an address's included.
    st.lastRe = a.re;
    a.re.lastIndex = 0;
    return a.re.test(ps);
  }
  return false;
}

function selected(cmd: Command, ps: string, line: number, isLast: boolean, st: RunState): boolean {
  let hit: boolean;
  if (!cmd.a1) hit = true;
  else if (!cmd.a2) hit = matches(cmd.a1, ps, line, isLast, st);
  else if (cmd.active) {
    hit = true;
    const a2 = cmd.a2;
    if (a2.line !== undefined ? line >= a2.line : matches(a2, ps, line, isLast, st))
      cmd.active = false;
  } else if (matches(cmd.a1, ps, line, isLast, st)) {
    hit = true;
    const a2 = cmd.a2;
    // A line number not after the first line closes the range at once.
    if (a2.line !== undefined) cmd.active = a2.line > line;
    else cmd.active = !(a2.last && isLast);
  } else hit = false;
  return hit !== cmd.negate;
}

interface Cycle {
  ps: string;
  appended: string;
  line: number;
  isLast: boolean;
}

/** Runs commands on the pattern space: 'on' to go on, 'end' when d, c or q ended the cycle. */
function runCommands(cmds: Command[], cy: Cycle, st: RunState): 'on' | 'end' {
  for (const cmd of cmds) {
    if (!selected(cmd, cy.ps, cy.line, cy.isLast, st)) continue;
    if (cmd.body) {
      if (runCommands(cmd.body, cy, st) === 'end') return 'end';
    } else if (cmd.name === 'p') st.out += `${cy.ps}\n`;
    else if (cmd.name === '=') st.out += `${cy.line}\n`;
    else if (cmd.name === 'd') return 'end';
    else if (cmd.name === 'q') {
      st.quit = cmd.exit ?? 0;
      // q prints the pattern space (unless -n) before it quits.
      return 'on';
    } else if (cmd.name === 's') {
      const next = substitute(cmd, cy.ps, st.lastRe);
      if (cmd.re) st.lastRe = cmd.re;
      if (next !== undefined) {
        cy.ps = next;
        if (cmd.print) st.out += `${cy.ps}\n`;
      }
    } else if (cmd.name === 'y') {
      const from = [...(cmd.text ?? '')];
      const to = [...(cmd.to ?? '')];
      cy.ps = [...cy.ps]
        .map((ch) => {
          const at = from.indexOf(ch);
          return at < 0 ? ch : (to[at] as string);
        })
        .join('');
    } else if (cmd.name === 'a') cy.appended += `${cmd.text}\n`;
    else if (cmd.name === 'i') st.out += `${cmd.text}\n`;
    else if (cmd.name === 'c') {
      // In a range the text replaces the whole range: it is printed at its end.
      if (!cmd.a2 || !cmd.active || cmd.negate) st.out += `${cmd.text}\n`;
      return 'end';
    }
    if (st.quit !== undefined) return 'on';
  }
  return 'on';
}

/** Runs the script over the lines of one stream (a file with -i or -s, else all of them). */
function runLines(
  cmds: Command[],
  lines: string[],
  finalNewline: boolean,
  quiet: boolean,
  st: RunState,
  lineBase: number,
): number {
  let line = lineBase;
  for (let k = 0; k < lines.length && st.quit === undefined; k++) {
    line++;
    let ps = lines[k] as string;
    const isLast = k === lines.length - 1;
    const nl = isLast && !finalNewline ? '' : '\n';
    const cycle: Cycle = { ps, appended: '', line, isLast };
    const deleted = runCommands(cmds, cycle, st) !== 'on';
    ps = cycle.ps;
    const appended = cycle.appended;
    if (!deleted && !quiet) st.out += ps + nl;
    st.out += appended;
  }
  return line;
}

function linesOf(data: string): string[] {
  return data === '' ? [] : data.replace(/\n$/, '').split('\n');
}

/**
 * `sed [-nEris] [-e SCRIPT]... [SCRIPT] [FILE]...` over `input` (stdin) or the files named.
 * `write` saves a file for -i (absent: -i is not simulated here).
 */
export function sedTool(
  args: readonly string[],
  input: string | undefined,
  read: ReadFile,
  family: Family,
  write?: WriteFile,
): ToolRun | undefined {
  let quiet = false;
  let extended = false;
  let inPlace: string | undefined;
  let separate = false;
  const scripts: string[] = [];
  const operands: string[] = [];
  let options = true;
  for (let k = 0; k < args.length; k++) {
    const a = args[k] as string;
    if (!options || a === '-' || !a.startsWith('-')) {
      operands.push(a);
      continue;
    }
    if (a === '--') options = false;
    else if (a === '--quiet' || a === '--silent') quiet = true;
    else if (a === '--regexp-extended') extended = true;
    else if (a === '--separate') separate = true;
    else if (a === '--in-place') inPlace = '';
    else if (a.startsWith('--in-place=')) inPlace = a.slice(11);
    else if (a.startsWith('--expression=')) scripts.push(a.slice(13));
    else if (a === '--expression') {
      const s = args[++k];
      if (s === undefined) return undefined;
      scripts.push(s);
    } else if (a.startsWith('--')) return undefined;
    else {
      for (let j = 1; j < a.length; j++) {
        const f = a[j] as string;
        if (f === 'n') quiet = true;
        else if (f === 'E' || f === 'r') extended = true;
        else if (f === 's') separate = true;
        else if (f === 'i') {
          // GNU: the rest of the word is the backup suffix (`-i.bak`).
          inPlace = a.slice(j + 1);
          break;
        } else if (f === 'e') {
          const rest = a.slice(j + 1);
          const s = rest !== '' ? rest : args[++k];
          if (s === undefined) return undefined;
          scripts.push(s);
          break;
        } else return undefined;
      }
    }
  }
  if (scripts.length === 0) {
    const s = operands.shift();
    if (s === undefined) return undefined;
    scripts.push(s);
  }
  const cmds: Command[] = [];
  try {
    scripts.forEach((src, n) => {
      parseScript({ src, expr: n + 1, family, extended }, cmds);
    });
  } catch (e) {
    if (e instanceof SedError) return { ms: 0, output: '', error: e.message, exitCode: 1 };
    return undefined;
  }
  if (inPlace !== undefined && (!write || operands.length === 0)) {
    if (!write) return undefined;
    return {
      ms: 0,
      output: '',
      error: 'sed: no input files\n',
      exitCode: family === 'busybox' ? 1 : 4,
    };
  }
  const st: RunState = { out: '' };
  let error = '';
  let status = 0;
  const missing = (f: string) => {
    error +=
      family === 'busybox'
        ? `sed: ${f}: No such file or directory\n`
        : `sed: can't read ${f}: No such file or directory\n`;
    status = family === 'busybox' ? 1 : 2;
  };
  // The streams: each file alone with -i/-s, else all inputs as one.
  const streams: { name?: string; data: string }[] = [];
  if (operands.length === 0) {
    if (input === undefined) return undefined;
    streams.push({ data: input });
  } else {
    for (const f of operands) {
      const data = f === '-' ? input : read(f);
      if (data === undefined) return undefined;
      if (data === null) missing(f);
      else streams.push({ name: f, data });
    }
  }
  const alone = inPlace !== undefined || separate;
  if (!alone && streams.length > 1) {
    let joined = '';
    for (const s of streams)
      joined += s.data === '' || s.data.endsWith('\n') ? s.data : `${s.data}\n`;
    const lastData = streams[streams.length - 1]?.data ?? '';
    if (!lastData.endsWith('\n') && lastData !== '') joined = joined.slice(0, -1);
    streams.splice(0, streams.length, { data: joined });
  }
  let line = 0;
  for (const s of streams) {
    if (st.quit !== undefined) break;
    const before = st.out;
    if (inPlace !== undefined) st.out = '';
    const end = runLines(cmds, linesOf(s.data), s.data.endsWith('\n'), quiet, st, alone ? 0 : line);
    line = end;
    if (inPlace !== undefined && write && s.name !== undefined) {
      if (inPlace !== '') {
        const bak = inPlace.includes('*')
          ? inPlace.replace(/\*/g, s.name.split('/').pop() ?? s.name)
          : `${s.name}${inPlace}`;
        const bakErr = write(bak, s.data);
        if (bakErr) error += bakErr;
      }
      const err = write(s.name, st.out);
      if (err) {
        error += err;
        status = 4;
      }
      st.out = before;
    }
  }
  const exitCode = st.quit !== undefined && st.quit !== 0 ? st.quit : status;
  const run: ToolRun = { ms: 0, output: st.out };
  if (error) run.error = error;
  if (exitCode !== 0) run.exitCode = exitCode;
  return run;
}
