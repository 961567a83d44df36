/**
 * bash's parameter expansion operators in the console: `${#V}`, `${V:-w}` `${V-w}`, `${V:=w}`
 * `${V=w}`, `${V:+w}` `${V+w}`, `${V:?msg}` `${V?msg}`, `${V#pat}` `${V##pat}`, `${V%pat}`
 * `${V%%pat}`, `${V/pat/s}` `${V//pat/s}` `${V/#pat/s}` `${V/%pat/s}`, `${V:off}` `${V:off:len}`,
 * `${V^}` `${V^^}` `${V,}` `${V,,}`. Patterns are globs (`*`, `?`, `[…]`; quoted characters
 * match themselves). The word after an operator is expanded (`$NAME`, `${…}`), quotes removed.
 */

/** Where the expansion reads and (for `:=`) sets variables. */
export interface ParamEnv {
  /** A variable's value, undefined when unset. */
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  /** `$((…))` offsets (`${V:1:$((n-1))}` arrives expanded); the value of an arithmetic text. */
  arith(expr: string): number | undefined;
}

/** bash's complaint (`bash: V: parameter null or not set`), which stops the line. */
export class ParamError extends Error {}

/** The index of the `}` closing the `${` at `i` (nested braces and quotes skipped), or -1. */
export function paramEnd(text: string, i: number): number {
  let depth = 0;
  let quote = '';
  for (let j = i + 2; j < text.length; j++) {
    const c = text[j];
    if (quote !== '') {
      if (c === '\\' && quote === '"') j++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '\\') j++;
    else if (c === "'" || c === '"') quote = c;
    else if (c === '$' && text[j + 1] === '{') {
      depth++;
      j++;
    } else if (c === '}') {
      if (depth === 0) return j;
      depth--;
    }
  }
  return -1;
}

/**
 * The word after an operator as bash expands it: quotes removed, `\` escapes, `$NAME` and
 * `${…}` expanded. With `pattern`, the result is a glob whose quoted characters are escaped.
 */
function expandWord(word: string, env: ParamEnv, pattern: boolean): string {
  let out = '';
  let quote = '';
  const lit = (c: string) => (pattern && /[*?[\]\\]/.test(c) ? `\\${c}` : c);
  for (let i = 0; i < word.length; i++) {
    const c = word[i] as string;
    if (quote === "'") {
      if (c === "'") quote = '';
      else out += lit(c);
      continue;
    }
    if (c === '\\') {
      const n = word[i + 1] ?? '';
      if (quote === '"' && !/[$`"\\]/.test(n)) out += lit(c);
      else {
        out += lit(n);
        i++;
      }
      continue;
    }
    if (c === '"') {
      quote = quote === '"' ? '' : '"';
      continue;
    }
    if (c === "'" && quote === '') {
      quote = "'";
      continue;
    }
    if (c === '$') {
      if (word[i + 1] === '{') {
        const end = paramEnd(word, i);
        if (end > 0) {
          const v = expandParam(word.slice(i + 2, end), env);
          out += quote === '"' ? [...v].map(lit).join('') : v;
          i = end;
          continue;
        }
      }
      const m = /^[A-Za-z_][A-Za-z0-9_]*|^\?/.exec(word.slice(i + 1));
      if (m) {
        const v = env.get(m[0]) ?? '';
        out += quote === '"' ? [...v].map(lit).join('') : v;
        i += m[0].length;
        continue;
      }
    }
    out += quote === '"' ? lit(c) : c;
  }
  return out;
}

/** A `case` or `[[ == ]]` pattern as bash expands it: a glob, its quoted characters escaped. */
export function expandPattern(word: string, env: ParamEnv): string {
  return expandWord(word, env, true);
}

/** A glob (bash pattern) as the source of a regular expression. */
function globSource(glob: string): string {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '\\') {
      re += (glob[i + 1] ?? '\\').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      i++;
    } else if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        let body = glob.slice(i + 1, close);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        re += `[${body.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return re;
}

/** Whether `text` matches the bash pattern `glob` whole (as `[[ x == pat ]]` and `case`). */
export function globMatch(text: string, glob: string): boolean {
  return new RegExp(`^${globSource(glob)}$`).test(text);
}

function removePrefix(value: string, glob: string, longest: boolean): string {
  const re = new RegExp(`^(?:${globSource(glob)})$`);
  if (longest) {
    for (let n = value.length; n >= 0; n--) if (re.test(value.slice(0, n))) return value.slice(n);
  } else {
    for (let n = 0; n <= value.length; n++) if (re.test(value.slice(0, n))) return value.slice(n);
  }
  return value;
}

function removeSuffix(value: string, glob: string, longest: boolean): string {
  const re = new RegExp(`^(?:${globSource(glob)})$`);
  if (longest) {
    for (let n = 0; n <= value.length; n++) if (re.test(value.slice(n))) return value.slice(0, n);
  } else {
    for (let n = value.length; n >= 0; n--) if (re.test(value.slice(n))) return value.slice(0, n);
  }
  return value;
}

/** `${V/pat/s}` and its `//`, `/#`, `/%` forms: the longest match at each place replaced. */
function replace(value: string, glob: string, by: string, mode: '/' | '//' | '#' | '%'): string {
  if (glob === '') return value;
  const re = new RegExp(`^(?:${globSource(glob)})$`);
  const longestAt = (start: number, mustEnd: boolean): number => {
    for (let n = value.length; n >= start; n--) {
      if (mustEnd && n !== value.length) continue;
      if (re.test(value.slice(start, n))) return n;
    }
    return -1;
  };
  if (mode === '#') {
    const n = longestAt(0, false);
    return n < 0 ? value : by + value.slice(n);
  }
  if (mode === '%') {
    for (let s = 0; s <= value.length; s++)
      if (re.test(value.slice(s))) return value.slice(0, s) + by;
    return value;
  }
  let out = '';
  for (let s = 0; s < value.length; ) {
    const n = longestAt(s, false);
    if (n > s) {
      out += by;
      if (mode === '/') return out + value.slice(n);
      s = n;
    } else out += value[s++];
  }
  return out;
}

const NAME = /^([A-Za-z_][A-Za-z0-9_]*|[?#$0-9])/;

/** The value of `${inner}`. Throws ParamError for `:?` and a bad substitution. */
export function expandParam(inner: string, env: ParamEnv): string {
  const bad = () => new ParamError(`\${${inner}}: bad substitution`);
  if (inner.startsWith('#') && inner.length > 1) {
    const name = inner.slice(1);
    if (!NAME.test(name) || NAME.exec(name)?.[0] !== name) throw bad();
    return String([...(env.get(name) ?? '')].length);
  }
  const m = NAME.exec(inner);
  if (!m) throw bad();
  const name = m[1] as string;
  const rest = inner.slice(name.length);
  const value = env.get(name);
  if (rest === '') return value ?? '';
  const op = /^(:-|:=|:\+|:\?|-|=|\+|\?|##|#|%%|%|\/\/|\/#|\/%|\/|\^\^|\^|,,|,|:)/.exec(rest)?.[0];
  if (op === undefined) throw bad();
  const word = rest.slice(op.length);
  const unsetOrNull = value === undefined || (op.startsWith(':') && value === '');
  switch (op) {
    case ':-':
    case '-':
      return unsetOrNull ? expandWord(word, env, false) : (value ?? '');
    case ':=':
    case '=': {
      if (!unsetOrNull) return value ?? '';
      if (!/^[A-Za-z_]/.test(name)) throw new ParamError(`$${name}: cannot assign in this way`);
      const v = expandWord(word, env, false);
      env.set(name, v);
      return v;
    }
    case ':+':
    case '+':
      return unsetOrNull ? '' : expandWord(word, env, false);
    case ':?':
    case '?':
      if (!unsetOrNull) return value ?? '';
      throw new ParamError(
        `${name}: ${word === '' ? (value === undefined ? 'parameter null or not set' : 'parameter null or not set') : expandWord(word, env, false)}`,
      );
    case '#':
    case '##':
      return removePrefix(value ?? '', expandWord(word, env, true), op === '##');
    case '%':
    case '%%':
      return removeSuffix(value ?? '', expandWord(word, env, true), op === '%%');
    case '/':
    case '//':
    case '/#':
    case '/%': {
      // The pattern ends at the first unquoted, unescaped `/`.
      let k = 0;
      let quote = '';
      for (; k < word.length; k++) {
        const c = word[k];
        if (quote !== '') {
          if (c === quote) quote = '';
        } else if (c === '\\') k++;
        else if (c === "'" || c === '"') quote = c;
        else if (c === '/') break;
      }
      const pat = expandWord(word.slice(0, k), env, true);
      const by = k < word.length ? expandWord(word.slice(k + 1), env, false) : '';
      const mode = op === '/#' ? '#' : op === '/%' ? '%' : op === '//' ? '//' : '/';
      return replace(value ?? '', pat, by, mode);
    }
    case '^^':
    case '^':
    case ',,':
    case ',': {
      const v = value ?? '';
      if (word !== '') throw bad();
      if (op === '^^') return v.toUpperCase();
      if (op === ',,') return v.toLowerCase();
      const first = v.slice(0, 1);
      return (op === '^' ? first.toUpperCase() : first.toLowerCase()) + v.slice(1);
    }
    case ':': {
      // `${V:offset}` / `${V:offset:length}`: arithmetic each; a negative offset counts from
      // the end (written `${V: -2}`), a negative length stops that far from the end.
      const chars = [...(value ?? '')];
      const colon = word.indexOf(':');
      const offText = colon < 0 ? word : word.slice(0, colon);
      const off = env.arith(offText);
      const len = colon < 0 ? undefined : env.arith(word.slice(colon + 1));
      if (off === undefined || (colon >= 0 && len === undefined)) throw bad();
      let start = off < 0 ? chars.length + off : off;
      if (start < 0 || start > chars.length) return '';
      start = Math.max(0, start);
      if (len === undefined) return chars.slice(start).join('');
      const end = len < 0 ? chars.length + len : start + len;
      if (end < start)
        throw new ParamError(`${word.slice(colon + 1).trim()}: substring expression < 0`);
      return chars.slice(start, end).join('');
    }
  }
  throw bad();
}
