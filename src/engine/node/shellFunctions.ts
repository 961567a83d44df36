/**
 * Shell functions in the container shells (busybox ash, dash, bash): `NAME() { …; }` (and bash's
 * `function NAME { …; }`) defined by a script, called with `$1`…, ended early by `return [N]`,
 * with `local` variables put back when the function returns.
 */
import type { Statement } from '../util/shellStatements.ts';
import type { ScriptRun, Shell } from './program.ts';

const HEADER =
  /^(?:function\s+([A-Za-z_][A-Za-z0-9_]*)\s*(?:\(\s*\))?|([A-Za-z_][A-Za-z0-9_]*)\s*\(\s*\))\s*\{(?:\s+([\s\S]*))?$/;

/**
 * The function definition starting at statement `i`: its name, its body's statements and the
 * index of its closing `}` (-1 when the script ends first). Undefined when none starts there.
 */
export function functionAt(
  list: readonly Statement[],
  i: number,
): { name: string; body: Statement[]; end: number } | undefined {
  const m = HEADER.exec(list[i]?.text ?? '');
  if (!m) return undefined;
  const name = m[1] ?? m[2] ?? '';
  const body: Statement[] = m[3] ? [{ text: m[3], op: ';' }] : [];
  let depth = 0;
  for (let j = i + 1; j < list.length; j++) {
    const st = list[j] as Statement;
    if (st.text === '}' || st.text.startsWith('} ')) {
      if (depth === 0) return { name, body, end: j };
      depth--;
    } else if (HEADER.test(st.text) || /^\{(\s|$)/.test(st.text)) depth++;
    body.push(body.length === 0 ? { text: st.text, op: ';' } : st);
  }
  return { name, body, end: -1 };
}

/** Runs a function: `$1`… its arguments, `local` variables put back afterwards. */
export function callFunction(
  sh: Shell,
  body: readonly Statement[],
  args: readonly string[],
  run: (body: readonly Statement[]) => ScriptRun,
): ScriptRun {
  const params = sh.params;
  sh.params = args;
  const frame = new Map<string, string | undefined>();
  sh.frames ??= [];
  sh.frames.push(frame);
  try {
    return run(body);
  } finally {
    sh.params = params;
    sh.frames.pop();
    for (const [k, v] of frame) {
      if (v === undefined) sh.locals.delete(k);
      else sh.locals.set(k, v);
    }
  }
}

/** `local NAME[=VALUE]…` in the running function. */
export function localVars(sh: Shell, args: readonly string[]): void {
  const frame = sh.frames?.at(-1);
  if (!frame) return;
  for (const a of args) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!frame.has(name)) frame.set(name, sh.locals.get(name));
    if (eq < 0) sh.locals.delete(name);
    else sh.locals.set(name, a.slice(eq + 1));
  }
}
