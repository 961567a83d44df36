/**
 * The console's `case WORD in PATTERN|PATTERN) …;; *) …;; esac`, as bash reads it: the word and
 * each pattern expanded, the first clause whose pattern matches (a glob: `*`, `?`, `[…]`) runs,
 * its status the `case`'s (0 when none matched); a clause ended by `;&` runs on into the next
 * one's commands, one ended by `;;&` goes on testing the patterns after it. A clause's commands may be empty (`a) ;;`), the
 * last `;;` before `esac` may be left out, and a pattern may start with `(`.
 */
import type { Statement } from '../engine/util/shellStatements.ts';
import { CLOSER_OF, clauseStart, head } from './consoleStatements.ts';

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
