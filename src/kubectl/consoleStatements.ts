/**
 * A console line as bash's statements (engine/util/shellStatements.ts): cut at `;`, `&&`, `||`
 * and newlines outside quotes, with the reserved words of compound commands recognised. Small and
 * free of the shell itself: the lab's input line asks `openCompounds` (through shellHeredoc.ts)
 * before the console's session is loaded.
 */
import { clauseStart } from '../engine/util/shellCase.ts';
import { CLOSER_OF, head, type Statement, splitKeywords } from '../engine/util/shellStatements.ts';

// Moved to the engine (shared with the container shells); kept importable from here.
export { CLOSER_OF, head };

/** The reserved words of bash's compound commands, at a statement's start. */
const RESERVED = /^(if|then|elif|else|fi|while|until|for|do|done|case|esac|select|function)$/;

/** The words after which `((` opens an arithmetic command rather than two subshells. */
const BEFORE_ARITH = /(?:^|[;&|(\n]|(?:^|\s)(?:for|do|then|else|elif|if|while|until|!))\s*$/;

/**
 * The end (just past its `))`) of an arithmetic expansion `$((…))` or command `((…))` starting at
 * `i`, or -1 when none starts there. Its inside is not plain: `;` and `<<` there are arithmetic.
 */
export function arithmeticEnd(text: string, i: number): number {
  let from: number;
  if (text.startsWith('$((', i)) from = i + 3;
  else if (text.startsWith('((', i) && BEFORE_ARITH.test(text.slice(0, i))) from = i + 2;
  else return -1;
  let depth = 0;
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return text[j + 1] === ')' ? j + 2 : -1;
      depth--;
    }
  }
  return -1;
}

/**
 * `line` cut into statements at `;`, `&&`, `||` and newlines where `plain` says bash reads the
 * character as plain (outside quotes; shellRedirects.ts's plainChars), a `#` comment running to
 * the end of its line, and `then`/`do`/`else` made statements of their own.
 */
export function statementsOf(line: string, plain: readonly boolean[]): Statement[] {
  const out: Statement[] = [];
  let op: Statement['op'] = ';';
  let cur = '';
  const push = (next: Statement['op']) => {
    const text = cur.trim();
    if (text !== '') out.push({ text, op });
    // An empty statement (`;;`, a leading `;`) keeps the operator before it.
    if (text !== '' || next !== ';') op = next;
    cur = '';
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (!plain[i]) {
      cur += c;
      continue;
    }
    if (c === '#' && (cur === '' || /\s$/.test(cur))) {
      const nl = line.indexOf('\n', i);
      if (nl < 0) break;
      i = nl - 1;
      continue;
    }
    const two = line.slice(i, i + 2);
    if ((two === '&&' || two === '||') && plain[i + 1]) {
      push(two);
      i++;
      continue;
    }
    if (c === ';' && (line[i + 1] === ';' || line[i + 1] === '&') && plain[i + 1]) {
      // `;;`, `;&`, `;;&` end a `case` clause: a statement of their own.
      const end = /^;;?&?/.exec(line.slice(i))?.[0] ?? ';';
      push(';');
      out.push({ text: end, op: ';' });
      i += end.length - 1;
      continue;
    }
    if (c === ';' || c === '\n') {
      push(';');
      continue;
    }
    cur += c;
  }
  push(';');
  return splitCase(splitKeywords(out));
}

/** Whether any statement starts with a reserved word or `!` (shellCompound.ts runs the line). */
export function hasCompound(list: readonly Statement[]): boolean {
  return list.some((st) => {
    const w = head(st.text);
    return RESERVED.test(w) || w === '!' || st.text.startsWith('((');
  });
}

/**
 * How many compound commands `text` leaves open (a `while …; do` line without its `done`): the
 * console then reads another line, as bash shows its `> ` prompt.
 */
export function openCompounds(text: string, plain: readonly boolean[]): number {
  if (!/\b(if|while|until|for|case|select)\b|\{/.test(text)) return 0;
  let open = 0;
  for (const st of statementsOf(text, plain)) {
    const w = head(st.text);
    // `{ …` and a function's `f() {` (shellGroups.ts) stay open until their `}`.
    if (
      CLOSER_OF[w] !== undefined ||
      /^(\{|function\s+\S+|\S+\s*\(\s*\))\s*\{?(\s|$)/.test(st.text)
    )
      open++;
    else if (w === 'fi' || w === 'done' || w === 'esac' || w === '}') open = Math.max(0, open - 1);
  }
  return open;
}

/**
 * `case WORD in PATTERN) CMD` cut as bash reads it: `case WORD in`, then each clause's
 * `PATTERN)` a statement of its own before its first command (after `in` and after each `;;`).
 */
function splitCase(list: readonly Statement[]): Statement[] {
  if (!list.some((st) => /^case\s/.test(st.text))) return [...list];
  const out: Statement[] = [];
  let expecting = false;
  for (const st of list) {
    let text = st.text;
    let op = st.op;
    for (;;) {
      if (expecting && text !== 'esac' && text !== ';;') {
        const c = clauseStart(text);
        if (c) {
          out.push({ text: `${c.patterns.join('|')})`, op });
          expecting = false;
          if (c.rest === '') break;
          text = c.rest;
          op = ';';
          continue;
        }
      }
      const m = /^(case\s+[\s\S]+?\s+in)(?:\s+([\s\S]*))?$/.exec(text);
      if (m && head(text) === 'case') {
        out.push({ text: m[1] ?? '', op });
        expecting = true;
        if (!m[2]) break;
        text = m[2];
        op = ';';
        continue;
      }
      out.push({ text, op });
      expecting = text === ';;' || text === ';&' || text === ';;&';
      break;
    }
  }
  return splitKeywords(out);
}
