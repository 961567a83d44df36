/**
 * Expanding an unquoted here-document's body. Apart from shellHeredoc.ts on purpose: the lab's
 * input line loads that module at first view (to know when a line needs more), while only the
 * shell that runs the command needs this, with the `${…}` and `$(…)` parsers it brings along.
 */
import { paramEnd } from './shellParams.ts';
import { substitutionAt } from './shellSubstitution.ts';

/** What an unquoted here-document's body expands with (the console's shell, shell.ts). */
export interface HereDocExpansions {
  /** `$NAME`, `$?`, `$0`…: the value ('' when unset). */
  lookup(name: string): string;
  /** `${…}` with bash's operators (shellParams.ts). */
  param(inner: string): string;
  /** `$(…)` / `` `…` ``: the command's stdout without its trailing newlines. */
  command(text: string): string;
  /** `$((…))`: the value (an error stops the command). */
  arith(expr: string): string;
}

/**
 * An unquoted here-document's body as bash expands it: `$NAME`, `${…}`, `$?`, `$(…)`,
 * `` `…` `` and `$((…))` (quotes are plain characters there), and a backslash quotes only `$`,
 * `` ` ``, `\` and a newline (which it removes).
 */
export function expandHereDoc(body: string, x: HereDocExpansions): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c === '\\') {
      const n = body[i + 1];
      if (n === '$' || n === '`' || n === '\\') {
        out += n;
        i++;
      } else if (n === '\n') i++;
      else out += c;
      continue;
    }
    if (c === '`' || (c === '$' && body[i + 1] === '(')) {
      const sub = substitutionAt(body, i);
      if (sub === 'unclosed') {
        out += body.slice(i);
        break;
      }
      if (sub) {
        out += sub.arithmetic ? x.arith(sub.inner) : x.command(sub.inner);
        i = sub.end - 1;
        continue;
      }
    }
    if (c !== '$') {
      out += c;
      continue;
    }
    if (body[i + 1] === '{') {
      const end = paramEnd(body, i);
      if (end > 0) {
        out += x.param(body.slice(i + 2, end));
        i = end;
        continue;
      }
    }
    const m = /^(?:([A-Za-z_][A-Za-z0-9_]*)|([?0-9#$]))/.exec(body.slice(i + 1));
    if (!m) {
      out += c;
      continue;
    }
    i += m[0].length;
    out += x.lookup(m[1] ?? m[2] ?? '');
  }
  return out;
}
