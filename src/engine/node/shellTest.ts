/**
 * The shell's `test`, `[ … ]` and `[[ … ]]` (busybox ash reads `[[` as `test` closed by `]]`):
 * the file tests `-e -f -d -s -r -w`, the string tests `-z -n = == !=`, the integer comparisons
 * `-eq -ne -lt -le -gt -ge`, `!`, `-a`, `-o` and parentheses, with POSIX's rules for one to four
 * arguments (`[ -n ]` is true: one non-empty word) and the usual precedence beyond.
 */

/** What a test may ask about a path. */
export interface TestFiles {
  /** The file's content; null when there is nothing at that path; undefined when not known. */
  read(path: string): string | null | undefined;
  /** Whether the path is a directory (true), something else (false) or not known (undefined). */
  isDir(path: string): boolean | undefined;
  /**
   * Whether the shell runs as root. busybox's and dash's `test` grant root `-r` and `-w` on any
   * file that exists (they look at the mode bits, not at a read-only mount); for another user
   * the answer is not simulated.
   */
  root: boolean;
}

/** The test's exit status (0 true, 1 false, 2 misuse) and its complaint, if any. */
export interface TestResult {
  status: number;
  error?: string;
}

const UNARY_FILE = new Set(['-e', '-f', '-d', '-s', '-r', '-w']);
const UNARY_STRING = new Set(['-z', '-n']);
const BINARY = new Set(['=', '==', '!=', '-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

/** Thrown inside the evaluator when the expression is one this simulation cannot answer. */
class Unknown extends Error {}

/**
 * Run `cmd` (`test`, `[` or `[[`) with `args` in a shell of `family`. Undefined when the
 * expression uses a test not simulated, a path whose kind is not known, or is malformed in a way
 * whose message is not known.
 */
export function shellTest(
  cmd: string,
  args: readonly string[],
  files: TestFiles,
  family: 'busybox' | 'dash' | 'bash',
): TestResult | undefined {
  let list = args;
  if (cmd === '[' || cmd === '[[') {
    const close = cmd === '[' ? ']' : ']]';
    if (list.at(-1) !== close) {
      if (family === 'busybox') return { status: 2, error: `sh: missing ${close}\n` };
      if (family === 'dash' && cmd === '[') return { status: 2, error: 'sh: 1: [: missing ]\n' };
      return undefined;
    }
    list = list.slice(0, -1);
  }
  try {
    return { status: evaluate(list, files) ? 0 : 1 };
  } catch {
    return undefined;
  }
}

/** POSIX's table for up to four arguments, then a precedence parser. */
function evaluate(a: readonly string[], files: TestFiles): boolean {
  const [x = '', y = '', z = ''] = a;
  switch (a.length) {
    case 0:
      return false;
    case 1:
      return x !== '';
    case 2:
      if (x === '!') return y === '';
      return unary(x, y, files);
    case 3:
      if (BINARY.has(y)) return binary(x, y, z);
      if (x === '!') return !evaluate(a.slice(1), files);
      if (x === '(' && z === ')') return y !== '';
      break;
    case 4:
      if (x === '!') return !evaluate(a.slice(1), files);
      if (x === '(' && a[3] === ')') return evaluate(a.slice(1, 3), files);
      break;
  }
  const p = new Parser(a, files);
  const v = p.or();
  if (p.pos !== a.length) throw new Unknown();
  return v;
}

/** `-a` binds tighter than `-o`; `!` and parentheses tighter still. */
class Parser {
  pos = 0;
  constructor(
    readonly a: readonly string[],
    readonly files: TestFiles,
  ) {}

  or(): boolean {
    let v = this.and();
    while (this.a[this.pos] === '-o') {
      this.pos++;
      const r = this.and();
      v = v || r;
    }
    return v;
  }

  and(): boolean {
    let v = this.not();
    while (this.a[this.pos] === '-a') {
      this.pos++;
      const r = this.not();
      v = v && r;
    }
    return v;
  }

  not(): boolean {
    if (this.a[this.pos] === '!') {
      this.pos++;
      return !this.not();
    }
    return this.primary();
  }

  primary(): boolean {
    const t = this.a[this.pos];
    if (t === undefined) throw new Unknown();
    if (t === '(') {
      this.pos++;
      const v = this.or();
      if (this.a[this.pos++] !== ')') throw new Unknown();
      return v;
    }
    const next = this.a[this.pos + 1];
    if (next !== undefined && BINARY.has(next) && this.a[this.pos + 2] !== undefined) {
      this.pos += 3;
      return binary(t, next, this.a[this.pos - 1] ?? '');
    }
    if ((UNARY_FILE.has(t) || UNARY_STRING.has(t)) && next !== undefined) {
      this.pos += 2;
      return unary(t, next, this.files);
    }
    this.pos++;
    return t !== '';
  }
}

/** `-e FILE`, `-z STRING`…; a word that is no operator is an error (not simulated). */
function unary(op: string, operand: string, files: TestFiles): boolean {
  if (op === '-z') return operand === '';
  if (op === '-n') return operand !== '';
  if (!UNARY_FILE.has(op)) throw new Unknown();
  const content = files.read(operand);
  const dir = typeof content === 'string' ? false : files.isDir(operand);
  if (content === undefined && dir !== true) throw new Unknown();
  const exists = typeof content === 'string' || dir === true;
  switch (op) {
    case '-e':
      return exists;
    case '-r':
      if (!files.root) throw new Unknown();
      return exists;
    case '-f':
      return typeof content === 'string';
    case '-d':
      return dir === true;
    case '-s':
      // A directory's size is never 0.
      return dir === true || (typeof content === 'string' && content !== '');
    default:
      if (!files.root) throw new Unknown();
      return exists;
  }
}

/** String and integer comparisons; an operand that is not an integer is not simulated. */
function binary(left: string, op: string, right: string): boolean {
  if (op === '=' || op === '==') return left === right;
  if (op === '!=') return left !== right;
  const int = (s: string) => {
    if (!/^\s*[-+]?\d+\s*$/.test(s)) throw new Unknown();
    return Number(s.trim());
  };
  const l = int(left);
  const r = int(right);
  switch (op) {
    case '-eq':
      return l === r;
    case '-ne':
      return l !== r;
    case '-lt':
      return l < r;
    case '-le':
      return l <= r;
    case '-gt':
      return l > r;
    default:
      return l >= r;
  }
}
