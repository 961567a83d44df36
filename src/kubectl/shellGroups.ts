/**
 * The console's grouping commands and function definitions, as bash reads them:
 * `{ LIST; }` (run in this shell), `( LIST )` (a subshell: what it sets is put back), and
 * `NAME() BODY` / `function NAME [()] BODY` with BODY a group. A line's statements
 * (consoleStatements.ts) are cut further here: `{`, `(`, a function's `NAME()` header and the
 * closers `}` and `)` become statements of their own, so shellCompound.ts runs them as blocks.
 */
import type { Statement } from '../engine/util/shellStatements.ts';
import { head } from './consoleStatements.ts';
import { plainChars } from './shellRedirects.ts';

const NAME = '[A-Za-z_][A-Za-z0-9_.:-]*';
/** `NAME()` or `function NAME [()]`, and what follows it on the statement. */
const HEADER = new RegExp(
  `^(?:function\\s+(${NAME})(?:\\s*\\(\\s*\\))?|(${NAME})\\s*\\(\\s*\\))(?:\\s+|(?=[{(])|$)`,
);
const RESERVED = /^(if|then|elif|else|fi|while|until|for|do|done|case|esac|select|function|in)$/;

/** A function definition's header statement (`f()`): the function's name, else undefined. */
export function functionName(st: Statement | undefined): string | undefined {
  return /^(\S+)\(\)$/.exec(st?.text ?? '')?.[1];
}

/** Whether a statement opens a group (`{` or `(`) or defines a function. */
export function opensGroup(st: Statement | undefined): boolean {
  return st?.text === '{' || st?.text === '(' || functionName(st) !== undefined;
}

/** Whether `text` (a statement) is a group's closer, `}` or `)`, maybe with redirections after. */
export function closesGroup(text: string): boolean {
  const w = head(text);
  return w === '}' || w === ')';
}

/**
 * The index in `text` of the first `)` that closes more than the statement opens, outside
 * quotes, or -1.
 */
function unbalancedParen(text: string): number {
  const plain = plainChars(text);
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (!plain[i]) continue;
    if (text[i] === '(') depth++;
    else if (text[i] === ')') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/**
 * The statements with groups and function headers cut out (see the file's comment). `case`
 * patterns (`a)`) are left alone: inside a `case`, a `)` closes no subshell.
 */
export function splitGroups(list: readonly Statement[]): Statement[] {
  if (!list.some((st) => /^[{(]|\(\s*\)|^function\s/.test(st.text) || st.text.includes(')')))
    return [...list];
  const out: Statement[] = [];
  // What is open: a subshell `(` or a `case` (whose patterns end with `)`).
  const open: ('(' | 'case')[] = [];
  for (const st of list) {
    let text = st.text;
    let op = st.op;
    for (;;) {
      const m = HEADER.exec(text);
      if (m && !RESERVED.test(m[1] ?? m[2] ?? '')) {
        out.push({ text: `${m[1] ?? m[2]}()`, op });
        text = text.slice(m[0].length).trim();
        op = ';';
        if (text === '') break;
        continue;
      }
      if (/^\{(\s|$)/.test(text)) {
        out.push({ text: '{', op });
        text = text.slice(1).trim();
        op = ';';
        if (text === '') break;
        continue;
      }
      if (text.startsWith('(') && !text.startsWith('((')) {
        out.push({ text: '(', op });
        open.push('(');
        text = text.slice(1).trim();
        op = ';';
        if (text === '') break;
        continue;
      }
      const w = head(text);
      if (w === 'case') open.push('case');
      else if (w === 'esac' && open.at(-1) === 'case') open.pop();
      const p = open.at(-1) === '(' ? unbalancedParen(text) : -1;
      if (p >= 0) {
        // `… pwd) > out.txt`: the command, then the closer with what follows it.
        const before = text.slice(0, p).trim();
        if (before !== '') {
          out.push({ text: before, op });
          op = ';';
        }
        open.pop();
        text = `) ${text.slice(p + 1).trim()}`.trim();
        // `a) b)`: the rest may close an outer subshell too.
        const again = unbalancedParen(text.slice(1));
        if (again >= 0 && open.at(-1) === '(' && text.slice(1, again + 1).trim() === '') {
          out.push({ text: ')', op });
          text = text.slice(again + 1).trim();
          continue;
        }
        out.push({ text, op });
        break;
      }
      // Unchanged: the statement itself (a closer keeps its redirections: shellCompound.ts).
      out.push(text === st.text && op === st.op ? st : { text, op });
      break;
    }
  }
  return out;
}

/** The index of the closer of the group opened at `start` (`{`, `(` or a function header), or -1. */
export function groupEnd(list: readonly Statement[], start: number): number {
  const first = list[start];
  const open = functionName(first) !== undefined ? start + 1 : start;
  const opener = list[open]?.text;
  if (opener !== '{' && opener !== '(') return -1;
  const closer = opener === '{' ? '}' : ')';
  let depth = 0;
  for (let j = open + 1; j < list.length; j++) {
    const st = list[j] as Statement;
    if (st.text === '{' || st.text === '(') depth++;
    else if (closesGroup(st.text)) {
      if (depth === 0) return head(st.text) === closer && j > open + 1 ? j : -1;
      depth--;
    }
  }
  return -1;
}

/**
 * bash's syntax error for the line's groups, if they have one: a closer with nothing open, a
 * function header without its body, an empty group, or the end of the line inside a group.
 */
export function groupSyntaxError(list: readonly Statement[]): string | undefined {
  const near = (w: string) => `bash: syntax error near unexpected token \`${w}'\n`;
  const stack: string[] = [];
  for (const [i, st] of list.entries()) {
    if (functionName(st) !== undefined) {
      const next = list[i + 1]?.text;
      if (next === undefined) return 'bash: syntax error: unexpected end of file\n';
      if (next !== '{' && next !== '(') return near(head(next));
    } else if (st.text === '{' || st.text === '(') {
      const next = list[i + 1]?.text;
      if (next !== undefined && closesGroup(next)) return near(head(next));
      stack.push(st.text === '{' ? '}' : ')');
    } else if (closesGroup(st.text)) {
      if (stack.pop() !== head(st.text)) return near(head(st.text));
    }
  }
  return stack.length > 0 ? 'bash: syntax error: unexpected end of file\n' : undefined;
}
