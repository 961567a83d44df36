/**
 * A console line as bash's statements (engine/util/shellStatements.ts): cut at `;`, `&&`, `||`
 * and newlines outside quotes, with the reserved words of compound commands recognised. Small and
 * free of the shell itself: the lab's input line asks `openCompounds` (through shellHeredoc.ts)
 * before the console's session is loaded.
 */
import { type Statement, splitKeywords } from '../engine/util/shellStatements.ts';

/** The words that open a compound command, and the one that closes each. */
export const CLOSER_OF: Readonly<Record<string, string>> = {
  if: 'fi',
  while: 'done',
  until: 'done',
  for: 'done',
  case: 'esac',
  select: 'done',
};
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

/** A statement's first word. */
export function head(text: string): string {
  // `for((i=0; …))` is `for` and its arithmetic.
  return /^for(?=\(\()|^\S*/.exec(text)?.[0] ?? '';
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
    if (c === ';' || c === '\n') {
      push(';');
      continue;
    }
    cur += c;
  }
  push(';');
  return splitKeywords(out);
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
  if (!/\b(if|while|until|for|case|select)\b/.test(text)) return 0;
  let open = 0;
  for (const st of statementsOf(text, plain)) {
    const w = head(st.text);
    if (CLOSER_OF[w] !== undefined) open++;
    else if (w === 'fi' || w === 'done' || w === 'esac') open = Math.max(0, open - 1);
  }
  return open;
}
