/**
 * The shell's special and positional parameters and the `${…}` forms a script may use, as sh
 * (busybox ash, dash) expands them: `$0` (the shell's name, or the first argument after the
 * script of `sh -c`), `$$` (the shell's PID), `$1`…`$9`, `$#`, `$*`, `$@`, `${#NAME}` (the
 * length of a value), `${NAME:-word}` and its kin. A form not simulated (`$!`, `${NAME%pattern}`…)
 * is refused rather than printed as written.
 */

/** What the expansions read: the script's arguments, its PID and its variables. */
export interface ParamScope {
  /** `$0`. */
  arg0: string;
  /** `$1`, `$2`…: the arguments after `$0`. */
  params: readonly string[];
  /** `$$`. */
  pid: number;
  lookup(name: string): string | undefined;
  assign(name: string, value: string): void;
  /** A variable the shell sets itself whose value is not simulated (`$RANDOM`, `$LINENO`). */
  unknown(name: string): boolean;
}

/** A value that can be put back in the script's text and read again as it is. */
const PLAIN = /^[^$`"'\\]*$/;

/**
 * The expansion that starts at `text[i]` (a `$` outside single quotes), `quoted` when inside
 * double quotes: its value and how many characters it spans; `keep` for `$NAME` and `${NAME}`
 * (expanded later, with the words); `literal` for a `$` that starts no expansion; undefined
 * for one not simulated.
 */
export function parameterAt(
  text: string,
  i: number,
  scope: ParamScope,
  quoted: boolean,
): { value: string; length: number } | 'keep' | 'literal' | undefined {
  const next = text[i + 1] ?? '';
  const plain = (value: string, length: number) =>
    PLAIN.test(value) ? { value, length } : undefined;
  if (/[A-Za-z_]/.test(next)) {
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1))?.[0] ?? '';
    return scope.unknown(name) ? undefined : 'keep';
  }
  if (next === '$') return { value: String(scope.pid), length: 2 };
  if (next === '0') return plain(scope.arg0, 2);
  if (/[1-9]/.test(next)) return plain(scope.params[Number(next) - 1] ?? '', 2);
  if (next === '#') return { value: String(scope.params.length), length: 2 };
  if (next === '*' || next === '@') {
    // "$@" is one word per argument: the same text only when there is at most one.
    if (next === '@' && quoted && scope.params.length > 1) return undefined;
    return plain(scope.params.join(' '), 2);
  }
  if (next === '{') {
    const end = text.indexOf('}', i + 2);
    if (end < 0) return undefined;
    const body = text.slice(i + 2, end);
    const length = end - i + 1;
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(body)) return scope.unknown(body) ? undefined : 'keep';
    if (body === '#') return { value: String(scope.params.length), length };
    if (/^[0-9]+$/.test(body)) {
      const n = Number(body);
      return plain(n === 0 ? scope.arg0 : (scope.params[n - 1] ?? ''), length);
    }
    const len = /^#([A-Za-z_][A-Za-z0-9_]*)$/.exec(body);
    if (len && scope.unknown(len[1] ?? '')) return undefined;
    if (len) return { value: String([...(scope.lookup(len[1] ?? '') ?? '')].length), length };
    const op = /^([A-Za-z_][A-Za-z0-9_]*)(:?)([-=+])(.*)$/.exec(body);
    if (!op || !PLAIN.test(op[4] ?? '') || scope.unknown(op[1] ?? '')) return undefined;
    const [, name = '', colon, kind, word = ''] = op;
    const value = scope.lookup(name);
    const set = colon ? value !== undefined && value !== '' : value !== undefined;
    if (kind === '+') return plain(set ? word : '', length);
    if (set) return plain(value ?? '', length);
    if (kind === '=') scope.assign(name, word);
    return { value: word, length };
  }
  if (next === '!' || next === '-') return undefined;
  return 'literal';
}
