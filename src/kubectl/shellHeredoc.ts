/**
 * Multi-line input as bash reads it: a text of several lines runs as one command after another;
 * `<<WORD` / `<<'WORD'` / `<<"WORD"` / `<<-WORD` takes the lines that follow, up to a line that is
 * exactly WORD, as that command's stdin (a quoted WORD keeps the body literal; an unquoted one
 * expands `$NAME`, `${NAME}` and `$?` in it; `<<-` strips leading tabs from the body and the
 * delimiter line). A command also continues on the next line after an unclosed quote, a
 * trailing `\` or a trailing `|`, `&&` or `||`, and a compound command (`while …; do`) until its
 * `done` or `fi`. No imports from the shell: the lab's input line asks `needsMoreInput` without
 * loading the session.
 */
import { arithmeticEnd, openCompounds } from './consoleStatements.ts';

/** One here-document's body and whether it expands when the command runs. */
export interface HereDoc {
  body: string;
  expand: boolean;
}

/** One logical command line of a script, with its here-documents in order. */
export interface ScriptLine {
  /** The text with each `<<WORD` replaced by `< ` and the marker word of its body. */
  text: string;
  hereDocs: HereDoc[];
  /** bash's warnings printed while this line was read (a here-document cut by end of input). */
  warnings: string[];
}

/** The word that stands for here-document `n` of a line (a `<` target the shell resolves). */
const MARK = '\u0002heredoc';

export function hereDocMarker(n: number): string {
  return `${MARK}${n}`;
}

/** The here-document index a `<` target names, or undefined for a file. */
export function hereDocIndex(word: string): number | undefined {
  return word.startsWith(MARK) ? Number(word.slice(MARK.length)) : undefined;
}

/** `text` without here-document markers (the control character they hold is the shell's own). */
export function withoutMarkers(text: string): string {
  if (!text.includes(MARK)) return text;
  return text
    .split(MARK)
    .map((part, i) => (i === 0 ? part : part.replace(/^\d+/, '')))
    .join('');
}

/** Which characters are plain (outside quotes, not escaped), and the quote still open at the end. */
function scan(text: string): { plain: boolean[]; open: '' | "'" | '"'; subs: number } {
  const plain: boolean[] = new Array(text.length).fill(false);
  let quote: '' | "'" | '"' = '';
  // `$(` still open (`X=$(cat <<EOF` goes on after the here-document).
  let subs = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote !== '') {
      if (quote === '"' && c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '\\') i++;
    else if (c === "'" || c === '"') quote = c;
    else if ((c === '$' || c === '(') && arithmeticEnd(text, i) > 0) {
      // `$((…))` and `((…))`: arithmetic (`1<<4` is a shift, not a here-document).
      i = arithmeticEnd(text, i) - 1;
    } else if (c === '#' && (i === 0 || /[\s;&|()]/.test(text[i - 1] ?? ''))) {
      // A comment: the rest of the line is not code.
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl - 1;
    } else {
      plain[i] = true;
      if (c === '$' && text[i + 1] === '(') subs++;
      else if (c === ')' && subs > 0) subs--;
    }
  }
  return { plain, open: quote, subs };
}

interface HereDocOp {
  start: number;
  end: number;
  word: string;
  quoted: boolean;
  strip: boolean;
  /** 1-based line of the input the operator is on. */
  line: number;
}

/** The here-document operators of `text` from `from` on (outside quotes and comments). */
function hereDocOps(text: string, from: number, plain: boolean[], lineOf: (at: number) => number) {
  const ops: HereDocOp[] = [];
  for (let i = from; i < text.length; i++) {
    if (!plain[i] || text[i] !== '<' || text[i + 1] !== '<' || !plain[i + 1]) continue;
    if (text[i - 1] === '<' && plain[i - 1]) continue;
    if (text[i + 2] === '<') {
      // `<<<` (a here-string): not a here-document.
      i += 2;
      continue;
    }
    const start = i;
    let j = i + 2;
    const strip = text[j] === '-';
    if (strip) j++;
    while (text[j] === ' ' || text[j] === '\t') j++;
    // The delimiter word, with its quotes removed.
    let word = '';
    let quoted = false;
    while (j < text.length) {
      const c = text[j] as string;
      if (/[\s;&|<>()]/.test(c)) break;
      if (c === '\\') {
        quoted = true;
        word += text[j + 1] ?? '';
        j += 2;
      } else if (c === "'" || c === '"') {
        quoted = true;
        const close = text.indexOf(c, j + 1);
        const stop = close < 0 ? text.length : close;
        word += text.slice(j + 1, stop);
        j = stop + 1;
      } else {
        word += c;
        j++;
      }
    }
    if (word === '' && !quoted) {
      // `cat <<` with no word: left for the parser's syntax error.
      i = j - 1;
      continue;
    }
    ops.push({ start, end: j, word, quoted, strip, line: lineOf(start) });
    i = j - 1;
  }
  return ops;
}

/** Whether the line (complete otherwise) ends with `|`, `&&` or `||`, so the command goes on. */
function endsWithOperator(text: string, plain: boolean[]): boolean {
  let i = text.length - 1;
  while (i >= 0 && /\s/.test(text[i] ?? '')) i--;
  if (i < 0 || !plain[i]) return false;
  if (text[i] === '|') return !(text[i - 1] === '>' && plain[i - 1]);
  return text[i] === '&' && text[i - 1] === '&' && plain[i - 1] === true;
}

/** Whether an unescaped `\` outside quotes ends the text (a line continuation). */
function endsWithBackslash(text: string): boolean {
  let n = 0;
  for (let i = text.length - 1; i >= 0 && text[i] === '\\'; i--) n++;
  return n % 2 === 1 && scan(text.slice(0, text.length - n)).open === '';
}

interface Reader {
  lines: string[];
  /** Next line to read. */
  at: number;
}

/**
 * Splits `input` into its logical command lines, reading here-document bodies and
 * continuation lines as bash does. `complete` is false when the input ends inside one (the
 * lab's prompt then asks for more); the lines are still returned as bash would run them at
 * end of input, with its warnings.
 */
export function splitScript(input: string): { lines: ScriptLine[]; complete: boolean } {
  const reader: Reader = { lines: input.replace(/\r\n/g, '\n').split('\n'), at: 0 };
  // A final newline ends the last line; it does not start an empty one.
  if (reader.lines.length > 1 && reader.lines[reader.lines.length - 1] === '') reader.lines.pop();
  const out: ScriptLine[] = [];
  let complete = true;
  while (reader.at < reader.lines.length) {
    let text = '';
    /** Where each physical line starts in `text`, and its 1-based number. */
    const starts: { at: number; line: number }[] = [];
    const lineOf = (at: number) => {
      let n = 1;
      for (const s of starts) if (s.at <= at) n = s.line;
      return n;
    };
    const ops: HereDocOp[] = [];
    const hereDocs: HereDoc[] = [];
    const warnings: string[] = [];
    for (;;) {
      const from = text.length;
      starts.push({ at: from, line: reader.at + 1 });
      text += reader.lines[reader.at] ?? '';
      reader.at++;
      const { plain, open, subs } = scan(text);
      const found = open === '' ? hereDocOps(text, from, plain, lineOf) : [];
      // This line's here-documents take the lines after it, in order.
      for (const op of found) {
        ops.push(op);
        let body = '';
        let closed = false;
        while (reader.at < reader.lines.length) {
          const raw = reader.lines[reader.at] ?? '';
          reader.at++;
          const l = op.strip ? raw.replace(/^\t+/, '') : raw;
          if (l === op.word) {
            closed = true;
            break;
          }
          body += `${l}\n`;
        }
        if (!closed) {
          complete = false;
          warnings.push(
            `bash: warning: here-document at line ${op.line} delimited by end-of-file (wanted \`${op.word}')\n`,
          );
        }
        hereDocs.push({ body, expand: !op.quoted });
      }
      const more =
        open !== '' || (subs > 0 && found.length + ops.length > 0)
          ? 'quote'
          : endsWithBackslash(text)
            ? 'backslash'
            : endsWithOperator(text, plain)
              ? 'operator'
              : openCompounds(text, plain) > 0
                ? 'compound'
                : '';
      if (more === '') break;
      if (reader.at >= reader.lines.length) {
        complete = false;
        break;
      }
      if (more === 'backslash') text = text.slice(0, -1);
      // A compound command's lines are its statements (`do` and `then` end theirs too).
      else text += more === 'quote' ? '\n' : more === 'compound' ? '; ' : ' ';
    }
    // `<<WORD` becomes `< MARKER`, last first so earlier positions hold.
    let replaced = text;
    for (let k = ops.length - 1; k >= 0; k--) {
      const op = ops[k] as HereDocOp;
      replaced = `${replaced.slice(0, op.start)}< ${hereDocMarker(k)}${replaced.slice(op.end)}`;
    }
    if (replaced.trim() !== '' || warnings.length > 0)
      out.push({ text: replaced, hereDocs, warnings });
  }
  return { lines: out, complete };
}

/**
 * Whether the console must show bash's `> ` prompt and read another line before running
 * `text`: an open here-document, an unclosed quote, a trailing `\`, `|`, `&&` or `||`, or a
 * compound command without its `done` or `fi`.
 */
export function needsMoreInput(text: string): boolean {
  if (
    !text.includes('\n') &&
    !text.includes('<<') &&
    !/["'\\|&]/.test(text) &&
    openCompounds(text, scan(text).plain) === 0
  )
    return false;
  return !splitScript(text).complete;
}
