/**
 * A shell script as statements, shared by the container shells (engine/node/program.ts) and the
 * learner's console (kubectl/shellCompound.ts): each statement's text and the operator before it,
 * with the reserved words that may start a block's first command made statements of their own.
 */

/** One command of a script and the operator before it. */
export interface Statement {
  text: string;
  op: ';' | '&&' | '||' | '|';
}

const KEYWORD = /^(then|do|else)(?:\s+|$)/;

/**
 * The statements with `then`, `do` and `else` made statements of their own: `do if [ … ]`
 * becomes `do` and `if [ … ]`, so that a block's first command may open a block too.
 */
export function splitKeywords(list: readonly Statement[]): Statement[] {
  const out: Statement[] = [];
  for (const st of list) {
    let text = st.text;
    let op = st.op;
    for (let m = KEYWORD.exec(text); m && text !== (m[1] ?? ''); m = KEYWORD.exec(text)) {
      out.push({ text: m[1] ?? '', op });
      text = text.slice(m[0].length);
      op = ';';
    }
    out.push({ text, op });
  }
  return out;
}

/** The words that open a compound command, and the one that closes each. */
export const CLOSER_OF: Readonly<Record<string, string>> = {
  if: 'fi',
  while: 'done',
  until: 'done',
  for: 'done',
  case: 'esac',
  select: 'done',
};

/** A statement's first word. */
export function head(text: string): string {
  // `for((i=0; …))` is `for` and its arithmetic.
  return /^for(?=\(\()|^\S*/.exec(text)?.[0] ?? '';
}
