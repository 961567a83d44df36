/**
 * `case WORD in PATTERN|PATTERN) …;; esac` in the container shells (busybox ash, dash, bash):
 * the script's statements (program.ts cuts `case WORD in`, each clause's `PATTERN)` and each
 * `;;` into statements of their own) read as a block; a pattern is a glob (`*`, `?`, `[…]`).
 * bash also ends a clause with `;&` (run on into the next) or `;;&` (test the next patterns).
 */
import type { Statement } from '../util/shellStatements.ts';

/** A `case` block: its word as written, its clauses, and the index of its `esac`. */
export interface ShellCaseBlock {
  word: string;
  clauses: { patterns: string[]; body: Statement[]; end?: ';&' | ';;&' }[];
  end: number;
}

const OPENER = /^(if|while|until|for|case)(\s|\(\(|$)/;
const CLOSER = /^(fi|done|esac)$/;

/** The `case` block starting at `start`, or undefined when it is not well formed. */
export function shellCaseBlock(
  list: readonly Statement[],
  start: number,
): ShellCaseBlock | undefined {
  const m = /^case\s+([\s\S]+?)\s+in$/.exec(list[start]?.text ?? '');
  if (!m) return undefined;
  const clauses: ShellCaseBlock['clauses'] = [];
  let clause: ShellCaseBlock['clauses'][number] | undefined;
  let depth = 0;
  for (let j = start + 1; j < list.length; j++) {
    const st = list[j] as Statement;
    if (depth === 0) {
      if (st.text === 'esac') {
        if (clause) clauses.push(clause);
        return { word: m[1] ?? '', clauses, end: j };
      }
      if (st.text === ';;' || st.text === ';&' || st.text === ';;&') {
        if (!clause) return undefined;
        if (st.text !== ';;') clause.end = st.text as ';&' | ';;&';
        clauses.push(clause);
        clause = undefined;
        continue;
      }
      if (!clause) {
        const p = /^\(?([\s\S]+)\)$/.exec(st.text);
        if (!p) return undefined;
        clause = { patterns: (p[1] ?? '').split('|').map((x) => x.trim()), body: [] };
        continue;
      }
    }
    if (!clause) return undefined;
    if (OPENER.test(st.text)) depth++;
    else if (CLOSER.test(st.text)) depth--;
    clause.body.push(clause.body.length === 0 ? { text: st.text, op: ';' } : st);
  }
  return undefined;
}

/** Whether `value` matches the glob `pattern` (`*`, `?`, `[…]`, `\` escapes). */
export function caseMatch(value: string, pattern: string): boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else if (c === '\\') re += (pattern[++i] ?? '').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        const set = pattern
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        re += `[${set}]`;
        i = close;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  try {
    return new RegExp(`^${re}$`).test(value);
  } catch {
    return false;
  }
}
