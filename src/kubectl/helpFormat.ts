/**
 * How kubectl 1.32 lays out `--help` text in a terminal: go-wordwrap's WrapString, the
 * option list of templates.flagsUsages (HelpFlagPrinter) and the width term.NewResponsiveWriter
 * wraps the whole page to. The console behaves as a terminal at least 120 columns wide, so the
 * page wraps at 120 and each option's usage at 120 - 10.
 */

/** term.getTerminalLimitWidth for a terminal of 120 columns or more. */
export const HELP_WRAP_LIMIT = 120;
/** help_flags_printer.go: usages wrap at the terminal limit minus this offset. */
const FLAG_USAGE_OFFSET = 10;

/** One option as `kubectl <cmd> --help` lists it. */
export interface FlagHelp {
  name: string;
  short?: string;
  /**
   * pflag's DefValue as the help prints it: string flags quoted (`''`, `'none'`), others bare
   * (`false`, `[]`, `0s`, `-1`).
   */
  def: string;
  usage: string;
}

/**
 * mitchellh/go-wordwrap v1.0.1 WrapString: breaks only at white space, drops the spaces at a
 * break, never splits a word (a word longer than `lim` overflows), counts runes.
 */
export function wrapString(s: string, lim: number): string {
  let out = '';
  let current = 0;
  let word = '';
  let space = '';
  let wordLen = 0;
  let spaceLen = 0;
  for (const ch of s) {
    if (ch === '\n') {
      if (wordLen === 0) {
        if (current + spaceLen <= lim) {
          current += spaceLen;
          out += space;
        }
      } else {
        current += spaceLen + wordLen;
        out += space + word;
      }
      space = '';
      spaceLen = 0;
      word = '';
      wordLen = 0;
      out += ch;
      current = 0;
    } else if (/\s/u.test(ch) && ch !== '\u00a0') {
      if (spaceLen === 0 || wordLen > 0) {
        current += spaceLen + wordLen;
        out += space + word;
        space = '';
        spaceLen = 0;
        word = '';
        wordLen = 0;
      }
      space += ch;
      spaceLen++;
    } else {
      word += ch;
      wordLen++;
      if (current + wordLen + spaceLen > lim && wordLen < lim) {
        out += '\n';
        current = 0;
        space = '';
        spaceLen = 0;
      }
    }
  }
  if (wordLen === 0) {
    if (current + spaceLen <= lim) out += space;
  } else {
    out += space + word;
  }
  return out;
}

/**
 * templates.flagsUsages: every option sorted by name (pflag's VisitAll), as
 * `    -s, --name=default:` then its usage on tab-indented lines, a blank line after each.
 */
export function flagsUsages(flags: readonly FlagHelp[], wrapLimit = HELP_WRAP_LIMIT): string {
  const sorted = [...flags].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let out = '';
  for (const f of sorted) {
    const head = f.short ? `    -${f.short}, --${f.name}=${f.def}:` : `    --${f.name}=${f.def}:`;
    // The usage's own line breaks become spaces, then it is wrapped afresh.
    const usage = wrapString(f.usage.split('\n').join(' '), wrapLimit - FLAG_USAGE_OFFSET);
    out += `${`${head}\n${usage}`.replaceAll('\n', '\n\t')}\n\n`;
  }
  return out;
}
