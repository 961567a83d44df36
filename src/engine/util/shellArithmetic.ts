/**
 * A shell's arithmetic expansion `$((expr))`, as far as the simulation goes: integers, variables
 * (with or without `$`; unset or empty ones are 0), unary `-`/`+`, `* / %`, `+ -` and
 * parentheses. Shared by the container shells (node/program.ts) and the learner's console.
 */

/**
 * Why `$((expr))` has no value: `division` for a division or remainder by zero (bash: "division
 * by 0"), `syntax` for anything else it cannot read (an operator it does not simulate too).
 */
export type ArithmeticFailure = { failed: 'division' | 'syntax' };

/** The value of `expr`, or why there is none. `lookup` gives a variable's value. */
export function evalArithmetic(
  expr: string,
  lookup: (name: string) => string | undefined,
): number | ArithmeticFailure {
  const tokens = expr.match(/\d+|\$?[A-Za-z_][A-Za-z0-9_]*|[-+*/%()]|\S/g) ?? [];
  let pos = 0;
  let failure: ArithmeticFailure['failed'] = 'syntax';
  const atom = (): number | undefined => {
    const t = tokens[pos++];
    if (t === undefined) return undefined;
    if (t === '(') {
      const v = sum();
      return tokens[pos++] === ')' ? v : undefined;
    }
    if (t === '-') {
      const v = atom();
      return v === undefined ? undefined : -v;
    }
    if (t === '+') return atom();
    if (/^\d+$/.test(t)) return Number(t);
    if (/^\$?[A-Za-z_]/.test(t)) {
      const v = lookup(t.replace(/^\$/, '')) ?? '0';
      const n = Number(v === '' ? '0' : v);
      return Number.isInteger(n) ? n : undefined;
    }
    return undefined;
  };
  const product = (): number | undefined => {
    let v = atom();
    while (v !== undefined && ['*', '/', '%'].includes(tokens[pos] ?? '')) {
      const op = tokens[pos++];
      const r = atom();
      if (r === undefined) return undefined;
      if (op !== '*' && r === 0) {
        failure = 'division';
        return undefined;
      }
      v = op === '*' ? v * r : op === '/' ? Math.trunc(v / r) : v % r;
    }
    return v;
  };
  const sum = (): number | undefined => {
    let v = product();
    while (v !== undefined && (tokens[pos] === '+' || tokens[pos] === '-')) {
      const op = tokens[pos++];
      const r = product();
      if (r === undefined) return undefined;
      v = op === '+' ? v + r : v - r;
    }
    return v;
  };
  const v = sum();
  return v !== undefined && pos === tokens.length ? v : { failed: failure };
}
