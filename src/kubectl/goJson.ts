/**
 * encoding/json's syntax errors, for a text JSON.parse refuses: what the API server answers a
 * patch body that is not JSON with (`invalid character '}' looking for beginning of value`).
 */

/** Go's quoteChar: `'x'`, with `'\''` and `'"'` as Go writes them. */
function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const q = JSON.stringify(c);
  return `'${q.slice(1, -1)}'`;
}

/** The error encoding/json gives for `text`, or undefined when it is valid JSON. */
export function goJsonSyntaxError(text: string): string | undefined {
  return scanJson(text, false);
}

/**
 * What a json.Decoder reading a stream says of its first value, as apimachinery's
 * YAMLOrJSONDecoder reports it (a manifest that starts with `{`): a syntax error is
 * `json: offset N: …` (N counts the bytes read, the bad one included), a value the input ends
 * inside is `unexpected EOF`; undefined when the first value is whole.
 */
export function goJsonStreamError(text: string): string | undefined {
  return scanJson(text, true);
}

/**
 * The json.Decoder of a stream, one value on: the next value from `from` (its text), `end` when
 * only white space is left, or the error as goJsonStreamError words it (the offset counts from
 * the stream's start).
 */
export function goJsonStreamNext(
  text: string,
  from: number,
): { value: string; next: number } | { end: true } | { error: string } {
  let i = from;
  while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  if (i >= text.length) return { end: true };
  const at = { end: i };
  const error = scanJson(text, true, i, at);
  if (error !== undefined) return { error };
  return { value: text.slice(i, at.end), next: at.end };
}

function scanJson(
  text: string,
  stream: boolean,
  from = 0,
  at: { end: number } = { end: 0 },
): string | undefined {
  let i = from;
  const n = text.length;
  const ws = (): void => {
    while (i < n && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  class Fail extends Error {}
  const fail = (msg: string): never => {
    throw new Fail(msg);
  };
  class Eof extends Error {}
  const eof = (): never => {
    throw new Eof();
  };
  const bad = (context: string): never =>
    i >= n ? eof() : fail(`invalid character ${quoteChar(text[i] as string)} ${context}`);
  const literal = (word: string): void => {
    for (let k = 1; k < word.length; k++) {
      i++;
      if (i >= n) eof();
      if (text[i] !== word[k])
        fail(
          `invalid character ${quoteChar(text[i] as string)} in literal ${word} (expecting ${quoteChar(word[k] as string)})`,
        );
    }
    i++;
  };
  const string = (): void => {
    i++;
    for (;;) {
      if (i >= n) eof();
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return;
      }
      if (c < ' ') fail(`invalid character ${quoteChar(c)} in string literal`);
      if (c === '\\') {
        i++;
        if (i >= n) eof();
        const e = text[i] as string;
        if (e === 'u') {
          for (let k = 0; k < 4; k++) {
            i++;
            if (i >= n) eof();
            if (!/[0-9a-fA-F]/.test(text[i] as string))
              fail(
                `invalid character ${quoteChar(text[i] as string)} in \\u hexadecimal character escape`,
              );
          }
        } else if (!'"\\/bfnrt'.includes(e)) {
          fail(`invalid character ${quoteChar(e)} in string escape code`);
        }
      }
      i++;
    }
  };
  const digits = (context: string): void => {
    if (i >= n) eof();
    if (!/[0-9]/.test(text[i] as string)) bad(context);
    while (i < n && /[0-9]/.test(text[i] as string)) i++;
  };
  const number = (): void => {
    if (text[i] === '-') {
      i++;
      if (i >= n) eof();
      if (!/[0-9]/.test(text[i] as string)) bad('in numeric literal');
    }
    if (text[i] === '0') i++;
    else while (i < n && /[0-9]/.test(text[i] as string)) i++;
    if (text[i] === '.') {
      i++;
      digits('after decimal point in numeric literal');
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits('in exponent of numeric literal');
    }
  };
  const value = (): void => {
    ws();
    if (i >= n) eof();
    const c = text[i] as string;
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') bad('looking for beginning of object key string');
        string();
        ws();
        if (text[i] !== ':') bad('after object key');
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        bad('after object key:value pair');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        bad('after array element');
      }
    }
    if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || /[0-9]/.test(c)) number();
    else bad('looking for beginning of value');
  };
  try {
    value();
    at.end = i;
    if (stream) return undefined;
    ws();
    if (i < n) bad('after top-level value');
    return undefined;
  } catch (e) {
    if (e instanceof Eof) return stream ? 'unexpected EOF' : 'unexpected end of JSON input';
    if (e instanceof Fail)
      return stream ? `json: offset ${utf8Length(text.slice(0, i)) + 1}: ${e.message}` : e.message;
    throw e;
  }
}

const utf8 = new TextEncoder();
const utf8Length = (s: string): number => utf8.encode(s).length;
