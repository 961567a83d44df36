/**
 * bash's brace expansion over a command's source text, before its variables are expanded:
 * `{a,b,c}` and the sequences `{1..5}`, `{01..10}`, `{5..1}`, `{1..10..2}`, `{a..e}`, with a
 * prefix and suffix (`pod-{1..3}.yaml`), nested, in unquoted words only. `${…}` and a brace
 * without a comma or a sequence stay as written.
 */

/** The index of the `}` closing the `{` at `i` (quotes and `${…}` skipped), or -1. */
function braceEnd(word: string, i: number): number {
  let depth = 0;
  let quote = '';
  for (let j = i; j < word.length; j++) {
    const c = word[j];
    if (quote !== '') {
      if (c === '\\' && quote === '"') j++;
      else if (c === quote) quote = '';
    } else if (c === '\\') j++;
    else if (c === "'" || c === '"') quote = c;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return j;
  }
  return -1;
}

/** The top-level comma-separated parts of a brace's inside, or undefined without a comma. */
function commaParts(inner: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let cur = '';
  for (let j = 0; j < inner.length; j++) {
    const c = inner[j] as string;
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '\\') {
      cur += c + (inner[j + 1] ?? '');
      j++;
      continue;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  parts.push(cur);
  return parts.length > 1 ? parts : undefined;
}

/** The items of a sequence `{A..B[..STEP]}`, or undefined when the inside is not one. */
function sequence(inner: string): string[] | undefined {
  const num = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(inner);
  if (num) {
    const [, a = '', b = '', s] = num;
    const from = Number(a);
    const to = Number(b);
    const step = Math.abs(Number(s ?? 1)) || 1;
    // A leading zero pads every item to the widest end's width.
    const width = /^-?0\d/.test(a) || /^-?0\d/.test(b) ? Math.max(a.length, b.length) : 0;
    const out: string[] = [];
    for (let v = from; from <= to ? v <= to : v >= to; v += from <= to ? step : -step) {
      const digits = String(Math.abs(v)).padStart(width - (v < 0 ? 1 : 0), '0');
      out.push(v < 0 ? `-${digits}` : digits);
      if (out.length > 10_000) return undefined;
    }
    return out;
  }
  const chr = /^([A-Za-z])\.\.([A-Za-z])(?:\.\.(-?\d+))?$/.exec(inner);
  if (chr) {
    const from = (chr[1] as string).charCodeAt(0);
    const to = (chr[2] as string).charCodeAt(0);
    const step = Math.abs(Number(chr[3] ?? 1)) || 1;
    const out: string[] = [];
    for (let v = from; from <= to ? v <= to : v >= to; v += from <= to ? step : -step)
      out.push(String.fromCharCode(v));
    return out;
  }
  return undefined;
}

/** One word's brace expansion (the word itself when it has none). */
export function expandBraces(word: string): string[] {
  let quote = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    if (quote !== '') {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      continue;
    }
    if (c === '$' && word[i + 1] === '{') {
      // `${…}` is a parameter, not a brace.
      const close = braceEnd(word, i + 1);
      if (close < 0) return [word];
      i = close;
      continue;
    }
    if (c !== '{') continue;
    const end = braceEnd(word, i);
    if (end < 0) return [word];
    const inner = word.slice(i + 1, end);
    const items = commaParts(inner) ?? sequence(inner);
    if (!items) continue;
    const prefix = word.slice(0, i);
    const suffixes = expandBraces(word.slice(end + 1));
    const out: string[] = [];
    for (const item of items)
      for (const expanded of expandBraces(item))
        for (const s of suffixes) out.push(prefix + expanded + s);
    return out;
  }
  return [word];
}

/**
 * A command's source with each unquoted word's braces expanded (words separated by blanks
 * outside quotes). Text without `{` is returned as is.
 */
export function braceExpandText(text: string): string {
  if (!text.includes('{')) return text;
  let out = '';
  let word = '';
  let quote = '';
  const flush = () => {
    // An assignment's value is not brace-expanded.
    if (word !== '')
      out += /^[A-Za-z_][A-Za-z0-9_]*=/.test(word) ? word : expandBraces(word).join(' ');
    word = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote !== '') {
      if (c === '\\' && quote === '"') {
        word += c + (text[i + 1] ?? '');
        i++;
        continue;
      }
      if (c === quote) quote = '';
      word += c;
      continue;
    }
    if (c === '\\') {
      word += c + (text[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    if (/[\s;&|<>()]/.test(c)) {
      flush();
      out += c;
      continue;
    }
    if (c === '$' && text[i + 1] === '{') {
      // `${…}` is a parameter, not a brace: copied whole.
      let depth = 0;
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === '{') depth++;
        else if (text[j] === '}' && --depth === 0) break;
      }
      word += text.slice(i, j + 1);
      i = j;
      continue;
    }
    word += c;
  }
  flush();
  return out;
}
