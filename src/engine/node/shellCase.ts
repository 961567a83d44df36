/**
 * `case WORD in PATTERN|PATTERN) …;; esac` in the container shells (busybox ash, dash, bash):
 * the block is read by the parser shared with the console (engine/util/shellCase.ts); here is
 * how a clause's pattern matches: a glob (`*`, `?`, `[…]`).
 */

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
