/**
 * Command substitution (`$(…)`, `` `…` ``) and arithmetic expansion (`$((…))`) in the console's
 * shell: where they are in a line, so the shell can set them aside while it parses the line
 * (shell.ts puts a placeholder variable in their place) and expand each one when its command
 * runs, as bash does.
 */

/** One substitution or arithmetic expansion at the top level of a line. */
export interface Substitution {
  /** Where it starts (`$` or the backquote) and ends (just past its closing `)`/`` ` ``). */
  start: number;
  end: number;
  /** The command (or the arithmetic expression) inside. */
  inner: string;
  /** Its text as written (`$(…)`, `` `…` ``, `$((…))`). */
  text: string;
  arithmetic: boolean;
}

/** The line's top-level substitutions, or the closing character bash would still wait for. */
export type SubstitutionScan = { spans: Substitution[] } | { unclosed: ')' | '`' };

/** The name of the placeholder variable that stands for substitution `index` while parsing. */
export function placeholderName(index: number): string {
  return `__kim_sub_${index}`;
}

/** The substitution a placeholder variable name stands for, or undefined for any other name. */
export function placeholderIndex(name: string): number | undefined {
  const m = /^__kim_sub_(\d+)$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

/**
 * The index of the `)` closing a `$(` whose text starts at `from`, or -1. Inside, quotes and
 * parentheses nest afresh, as bash reads a command substitution as a script of its own.
 */
function commandEnd(line: string, from: number): number {
  let depth = 1;
  let quote: '' | "'" | '"' = '';
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (quote === "'") {
      if (c === "'") quote = '';
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = '';
      else if (c === '$' && line[i + 1] === '(') {
        const end = commandEnd(line, i + 2);
        if (end < 0) return -1;
        i = end;
      } else if (c === '`') {
        const end = backquoteEnd(line, i + 1);
        if (end < 0) return -1;
        i = end;
      }
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '`') {
      const end = backquoteEnd(line, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The index of the `))` (its first `)`) closing a `$((` whose text starts at `from`, or -1. */
function arithmeticEnd(line: string, from: number): number {
  let depth = 0;
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return line[i + 1] === ')' ? i : -1;
      depth--;
    }
  }
  return -1;
}

/** The index of the backquote closing one whose text starts at `from`, or -1. */
function backquoteEnd(line: string, from: number): number {
  for (let i = from; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '`') return i;
  }
  return -1;
}

/** A backquoted command's text: a backslash before `` ` ``, `$` or `\` only quotes it. */
function unescapeBackquoted(text: string): string {
  return text.replace(/\\([`$\\])/g, '$1');
}

/**
 * The substitutions of `line` outside single quotes (bash expands them inside double quotes
 * too), in order; a comment ends the scan. Nested ones stay inside their outer one's text.
 */
export function substitutionSpans(line: string): SubstitutionScan {
  const spans: Substitution[] = [];
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote === "'") {
      if (c === "'") quote = '';
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (quote === '' && c === '#' && (i === 0 || /\s/.test(line[i - 1] as string))) break;
    if (c === '"') {
      quote = quote === '"' ? '' : '"';
      continue;
    }
    if (c === "'" && quote === '') {
      quote = "'";
      continue;
    }
    if (c === '$' && line[i + 1] === '(') {
      if (line[i + 2] === '(') {
        const end = arithmeticEnd(line, i + 3);
        if (end >= 0) {
          spans.push({
            start: i,
            end: end + 2,
            inner: line.slice(i + 3, end),
            text: line.slice(i, end + 2),
            arithmetic: true,
          });
          i = end + 1;
          continue;
        }
        // `$((` without its `))`: bash reads a command substitution of a subshell.
      }
      const end = commandEnd(line, i + 2);
      if (end < 0) return { unclosed: ')' };
      spans.push({
        start: i,
        end: end + 1,
        inner: line.slice(i + 2, end),
        text: line.slice(i, end + 1),
        arithmetic: false,
      });
      i = end;
      continue;
    }
    if (c === '`') {
      const end = backquoteEnd(line, i + 1);
      if (end < 0) return { unclosed: '`' };
      spans.push({
        start: i,
        end: end + 1,
        inner: unescapeBackquoted(line.slice(i + 1, end)),
        text: line.slice(i, end + 1),
        arithmetic: false,
      });
      i = end;
    }
  }
  return { spans };
}

/** `line` with each substitution replaced by its placeholder variable (`${__kim_sub_0}`). */
export function withPlaceholders(line: string, spans: readonly Substitution[]): string {
  let out = '';
  let at = 0;
  spans.forEach((s, i) => {
    out += `${line.slice(at, s.start)}\${${placeholderName(i)}}`;
    at = s.end;
  });
  return out + line.slice(at);
}

/**
 * The substitution starting at `i` of a here-document's body (`$(…)`, `$((…))`, `` `…` ``), where
 * quotes are plain characters; undefined when none starts there, `unclosed` when it never ends.
 */
export function substitutionAt(text: string, i: number): Substitution | 'unclosed' | undefined {
  if (text[i] === '`') {
    const end = backquoteEnd(text, i + 1);
    if (end < 0) return 'unclosed';
    const inner = unescapeBackquoted(text.slice(i + 1, end));
    return { start: i, end: end + 1, inner, text: text.slice(i, end + 1), arithmetic: false };
  }
  if (text[i] !== '$' || text[i + 1] !== '(') return undefined;
  if (text[i + 2] === '(') {
    const end = arithmeticEnd(text, i + 3);
    if (end >= 0) {
      const inner = text.slice(i + 3, end);
      return { start: i, end: end + 2, inner, text: text.slice(i, end + 2), arithmetic: true };
    }
  }
  const end = commandEnd(text, i + 2);
  if (end < 0) return 'unclosed';
  const inner = text.slice(i + 2, end);
  return { start: i, end: end + 1, inner, text: text.slice(i, end + 1), arithmetic: false };
}
