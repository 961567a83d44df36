/**
 * `case WORD in PATTERN|PATTERN) …;; *) …;; esac` read as a block, shared by the learner's
 * console (kubectl/shellCompound.ts) and the container shells (engine/node/program.ts): both cut
 * `case WORD in`, each clause's `PATTERN)` and each `;;` (bash's `;&`, `;;&`) into statements of
 * their own first. A clause's commands may be empty (`a) ;;`), the last `;;` before `esac` may
 * be left out, and a pattern may start with `(`. Matching the patterns (globs) is the caller's.
 */
import { CLOSER_OF, head, type Statement } from './shellStatements.ts';

/** A clause's start: `PATTERN[|PATTERN…])` and the commands after it on the same statement. */
export function clauseStart(text: string): { patterns: string[]; rest: string } | undefined {
  let i = text.startsWith('(') ? 1 : 0;
  let quote = '';
  for (; i < text.length; i++) {
    const c = text[i];
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '\\') i++;
    else if (c === "'" || c === '"') quote = c;
    else if (c === ')') break;
    else if (c === '(' || c === ';') return undefined;
  }
  if (i >= text.length) return undefined;
  const list = text.slice(text.startsWith('(') ? 1 : 0, i).trim();
  if (list === '') return undefined;
  const patterns: string[] = [];
  let cur = '';
  quote = '';
  for (let k = 0; k < list.length; k++) {
    const c = list[k] as string;
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '\\') {
      cur += c + (list[k + 1] ?? '');
      k++;
      continue;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '|') {
      patterns.push(cur.trim());
      cur = '';
      continue;
    }
    cur += c;
  }
  patterns.push(cur.trim());
  if (patterns.some((p) => p === '' || /\s/.test(p.replace(/(["'])[\s\S]*?\1/g, ''))))
    return undefined;
  return { patterns, rest: text.slice(i + 1).trim() };
}

/** A `case` block: its word as written, its clauses and the index of its `esac`. */
export interface CaseBlock {
  word: string;
  /** Each clause and how it ends: `;;` (done), `;&` (into the next body), `;;&` (test on). */
  clauses: { patterns: string[]; body: Statement[]; end?: ';&' | ';;&' }[];
  end: number;
}

/** The `case` block starting at `start`, or undefined when it is not well formed. */
export function caseBlock(list: readonly Statement[], start: number): CaseBlock | undefined {
  const m = /^case\s+([\s\S]+?)\s+in$/.exec(list[start]?.text ?? '');
  if (!m) return undefined;
  const word = m[1] ?? '';
  const clauses: CaseBlock['clauses'] = [];
  let clause: CaseBlock['clauses'][number] | undefined;
  let depth = 0;
  for (let j = start + 1; j < list.length; j++) {
    const st = list[j] as Statement;
    const w = head(st.text);
    if (depth === 0) {
      if (st.text === 'esac') {
        if (clause) clauses.push(clause);
        return { word, clauses, end: j };
      }
      if (st.text === ';;' || st.text === ';&' || st.text === ';;&') {
        if (!clause) return undefined;
        if (st.text !== ';;') clause.end = st.text as ';&' | ';;&';
        clauses.push(clause);
        clause = undefined;
        continue;
      }
      if (!clause) {
        const c = clauseStart(st.text);
        if (c?.rest !== '') return undefined;
        clause = { patterns: c.patterns, body: [] };
        continue;
      }
    }
    if (!clause) return undefined;
    if (CLOSER_OF[w] !== undefined) depth++;
    else if (w === 'fi' || w === 'done' || w === 'esac') depth--;
    clause.body.push(clause.body.length === 0 ? { text: st.text, op: ';' } : st);
  }
  return undefined;
}
