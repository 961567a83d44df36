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

/**
 * A function as `type` and `declare -f` print it: bash's own layout (each command on a line of
 * its own, four spaces a level, `;` after each but a block's last, `do`/`then` after their
 * condition).
 */
export function functionText(name: string, body: readonly Statement[]): string {
  const lines: string[] = [];
  let depth = 1;
  const pad = () => '    '.repeat(depth);
  const endsLine = (i: number) => {
    // A `;` after each command inside a block, and after each but the last at the top.
    const next = body[i + 1];
    if (next && next.op !== ';') return '';
    if (depth > 1) return next && /^(then|do)$/.test(next.text) ? '' : ';';
    return next ? ';' : '';
  };
  for (let i = 0; i < body.length; i++) {
    const st = body[i] as Statement;
    const w = head(st.text);
    if (st.op !== ';' && lines.length > 0) {
      lines[lines.length - 1] += ` ${st.op} ${st.text}${endsLine(i)}`;
      continue;
    }
    if (w === 'then' || w === 'do') {
      // `for …;` then `do` on a line of its own; `while …; do` and `if …; then` on one.
      const opener = (lines.at(-1) ?? '').trim();
      if (w === 'do' && /^for\b/.test(opener)) {
        lines[lines.length - 1] = `${(lines.at(-1) ?? '').replace(/;?$/, ';')}`;
        lines.push(`${pad()}do`);
      } else lines[lines.length - 1] = `${(lines.at(-1) ?? '').replace(/;?$/, ';')} ${w}`;
      depth++;
      continue;
    }
    if (w === 'else' || w === 'elif') {
      depth--;
      lines.push(`${pad()}${st.text}`);
      if (w === 'else') depth++;
      continue;
    }
    if (w === 'fi' || w === 'done' || w === 'esac' || w === '}' || w === ')') {
      depth = Math.max(1, depth - 1);
      lines.push(`${pad()}${st.text}${endsLine(i)}`);
      continue;
    }
    if (st.text === ';;' || st.text === ';&' || st.text === ';;&') {
      lines.push(`${pad()}${st.text}`);
      depth--;
      continue;
    }
    if (/^case\s/.test(st.text)) {
      lines.push(`${pad()}${st.text}`);
      depth++;
      continue;
    }
    if (
      /\)$/.test(st.text) &&
      body[i - 1] &&
      /^(case\s.*\sin|;;|;&|;;&)$/.test(body[i - 1]?.text ?? '')
    ) {
      lines.push(`${pad()}${st.text}`);
      depth++;
      continue;
    }
    if (st.text === '{' || st.text === '(') {
      lines.push(`${pad()}${st.text} `);
      depth++;
      continue;
    }
    lines.push(`${pad()}${st.text}${endsLine(i)}`);
  }
  return `${name} () \n{ \n${lines.map((l) => `${l}\n`).join('')}}\n`;
}
