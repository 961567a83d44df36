/**
 * The editor's checks: a YAML syntax error as kubectl will word it (go-yaml's message, from
 * kubectl/yamlErrors.ts), marked where the `yaml` parser finds it; a key given twice (kubectl
 * keeps the last value: a warning); and what `kubectl create -f` would refuse before the
 * cluster even sees it (no apiVersion, no kind, no name). Each problem carries a position so
 * the editor can squiggle it.
 */
import { type Document, isMap, isScalar, parseAllDocuments } from 'yaml';
import type { MessageKey } from '../../../i18n/index.ts';
import {
  describeChar,
  findControlChar,
  MAX_NESTING_DEPTH,
  nestingDepth,
} from '../../../kubectl/manifest.ts';
import { kubectlYamlError } from '../../../kubectl/yamlErrors.ts';
import { type LineState, START, tokenizeLine } from './yamlTokens.ts';

export interface Problem {
  /** 1-based, as the editor's gutter counts. */
  line: number;
  /** 1-based column of the first character. */
  col: number;
  /** 0-based offsets in the text; `to` exclusive (may equal `from` for a point). */
  from: number;
  to: number;
  severity: 'error' | 'warning';
  message: { key: MessageKey; params?: Record<string, string | number> };
}

/** At most this many problems are listed (a broken file can have hundreds). */
export const MAX_PROBLEMS = 20;

/** DNS-1123 subdomain: what most object names must be. */
const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Offsets where each line starts, for offset → line/column. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of an offset (binary search over the line starts). */
export function position(starts: readonly number[], offset: number): { line: number; col: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - (starts[lo] ?? 0) + 1 };
}

type Doc = Document.Parsed;

/** Start offset of a document's content (its first key), or of the document. */
function docStart(doc: Doc): number {
  return doc.contents?.range?.[0] ?? doc.range[0];
}

/** The end of the line that `offset` is on (so a mark covers the first key's line). */
function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

function manifestProblems(text: string, doc: Doc, add: (p: Omit<Problem, 'line' | 'col'>) => void) {
  const contents = doc.contents;
  // An empty document (`---` alone, comments) is skipped by kubectl too.
  if (contents === null || (isScalar(contents) && contents.value === null)) return;
  const start = docStart(doc);
  const firstLine = { from: start, to: lineEnd(text, start) };
  if (!isMap(contents)) {
    add({ ...firstLine, severity: 'error', message: { key: 'labPanel.editor.check.notMap' } });
    return;
  }
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  if (!str(contents.get('apiVersion'))) {
    add({ ...firstLine, severity: 'error', message: { key: 'labPanel.editor.check.apiVersion' } });
  }
  if (!str(contents.get('kind'))) {
    add({ ...firstLine, severity: 'error', message: { key: 'labPanel.editor.check.kind' } });
  }
  const metadata = contents.get('metadata', true);
  if (!isMap(metadata)) {
    add({ ...firstLine, severity: 'warning', message: { key: 'labPanel.editor.check.name' } });
    return;
  }
  const name = metadata.get('name', true);
  if (!isScalar(name) || name.value === null || name.value === '') {
    if (!str(metadata.get('generateName'))) {
      const at = metadata.range?.[0] ?? start;
      add({
        from: at,
        to: lineEnd(text, at),
        severity: 'warning',
        message: { key: 'labPanel.editor.check.name' },
      });
    }
    return;
  }
  const value = String(name.value);
  if (value.length > 253 || !NAME.test(value)) {
    const [from, to] = name.range ?? [start, start];
    add({
      from,
      to,
      severity: 'error',
      message: { key: 'labPanel.editor.check.badName', params: { name: value } },
    });
  }
}

/**
 * The last quoted string opened before `offset` that is still open where its line ends (from
 * its quote to the end of that line), found with the highlighter's tokenizer.
 */
function unclosedQuote(
  text: string,
  starts: readonly number[],
  offset: number,
): { from: number; to: number } | undefined {
  let state: LineState = START;
  let found: { from: number; to: number } | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length && (starts[i] ?? 0) <= offset; i++) {
    const line = lines[i] ?? '';
    const r = tokenizeLine(line, state);
    if (r.state.quote && !state.quote) {
      const last = r.tokens[r.tokens.length - 1];
      const col = line.length - (last?.text.length ?? 0);
      found = { from: (starts[i] ?? 0) + col, to: (starts[i] ?? 0) + line.length };
    }
    state = r.state;
  }
  return found;
}

/**
 * Whether the editor checks a file as a manifest: not a Dockerfile (`Dockerfile`,
 * `web.Dockerfile`, `Dockerfile.dev`) nor a file whose extension says it is something else
 * (the starter project's index.html, notes, scripts).
 */
export function checksAsManifest(path: string | undefined): boolean {
  if (path === undefined) return true;
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (/(^|\.)(Docker|Container)file($|\.)/i.test(name)) return false;
  return (
    !/\.(html?|css|js|mjs|ts|py|sh|go|md|txt|ini|conf|toml|env|dockerignore)$/i.test(name) &&
    name !== '.dockerignore'
  );
}

/**
 * Every problem in a manifest text, in text order, at most `MAX_PROBLEMS`. Never throws.
 * Syntax errors hide the manifest checks of their document (its shape is unknown then).
 */
export function checkYaml(text: string): Problem[] {
  const starts = lineStarts(text);
  const out: Problem[] = [];
  const add = (p: Omit<Problem, 'line' | 'col'>) => {
    // The parser reports a text that ends too early (an unclosed quote or bracket) at the very
    // end, on the empty line after the last newline: point at the end of the last line instead.
    const end = text.endsWith('\n') && p.from >= text.length ? text.length - 1 : undefined;
    const q = end === undefined ? p : { ...p, from: end, to: end };
    out.push({ ...q, ...position(starts, q.from) });
  };

  const bad = findControlChar(text);
  if (bad !== undefined) {
    const at = text.indexOf(bad);
    add({
      from: at,
      to: at + bad.length,
      severity: 'error',
      message: { key: 'labPanel.editor.check.control', params: { char: describeChar(bad) } },
    });
    return out;
  }
  // The parser recurses per level: a pathological paste must not overflow the stack.
  if (nestingDepth(text) > MAX_NESTING_DEPTH) {
    add({ from: 0, to: 0, severity: 'error', message: { key: 'labPanel.editor.check.tooDeep' } });
    return out;
  }
  let docs: Doc[];
  try {
    docs = parseAllDocuments(text, {
      version: '1.1',
      uniqueKeys: true,
      prettyErrors: false,
    }) as Doc[];
    if (!Array.isArray(docs)) docs = [docs];
  } catch {
    add({
      from: 0,
      to: 0,
      severity: 'error',
      message: { key: 'labPanel.editor.check.syntax', params: { message: 'unreadable' } },
    });
    return out;
  }
  // kubectl stops at the first syntax error go-yaml finds, in its words (`line 4: did not find
  // expected key`): the editor shows that one, where the `yaml` parser locates the trouble.
  const said = kubectlYamlError(text);
  const kubectlSays = said?.replace(/^error converting YAML to JSON: yaml: /, '');
  let shown = false;
  for (const doc of docs) {
    let broken = false;
    for (const e of [...doc.errors, ...doc.warnings]) {
      if (e.code === 'DUPLICATE_KEY') {
        add({
          from: e.pos[0],
          to: e.pos[1],
          severity: 'warning',
          message: { key: 'labPanel.editor.check.duplicateKey' },
        });
        continue;
      }
      broken ||= e.name !== 'YAMLWarning';
      // What go-yaml reads without complaint, kubectl takes: the parser's own findings stay out.
      if (kubectlSays === undefined || shown) continue;
      shown = true;
      // The parser reports an unclosed quote where the text ends; the learner needs the
      // quote that was never closed.
      const open =
        e.code === 'MISSING_CHAR' && /quote/.test(e.message)
          ? unclosedQuote(text, starts, e.pos[0])
          : undefined;
      add({
        from: open?.from ?? e.pos[0],
        to: open?.to ?? e.pos[1],
        severity: 'error',
        message: { key: 'labPanel.editor.check.syntax', params: { message: kubectlSays } },
      });
    }
    if (!broken) manifestProblems(text, doc, add);
  }
  if (kubectlSays !== undefined && !shown) {
    // go-yaml refuses what the `yaml` parser took: mark the line kubectl names.
    const n = Number(/^line (\d+):/.exec(kubectlSays)?.[1] ?? 1);
    const from = starts[Math.min(Math.max(n, 1), starts.length) - 1] ?? 0;
    add({
      from,
      to: from,
      severity: 'error',
      message: { key: 'labPanel.editor.check.syntax', params: { message: kubectlSays } },
    });
  }
  out.sort((a, b) => a.from - b.from);
  return out.slice(0, MAX_PROBLEMS);
}

/**
 * The marks a line shows: each problem's span clipped to that line, in 0-based columns.
 * A problem spanning several lines marks each of them.
 */
export function marksByLine(
  text: string,
  problems: readonly Problem[],
): Map<number, { from: number; to: number; severity: Problem['severity'] }[]> {
  const starts = lineStarts(text);
  const out = new Map<number, { from: number; to: number; severity: Problem['severity'] }[]>();
  for (const p of problems) {
    const first = position(starts, p.from).line;
    const last = position(starts, Math.max(p.from, p.to - 1)).line;
    for (let line = first; line <= Math.min(last, first + 50); line++) {
      const lineStart = starts[line - 1] ?? 0;
      const lineStop = line < starts.length ? (starts[line] ?? text.length) - 1 : text.length;
      const from = Math.max(p.from, lineStart) - lineStart;
      let to = Math.min(Math.max(p.to, p.from), lineStop) - lineStart;
      // A squiggle under blanks alone is invisible: carry it on to the end of the next word.
      const lineText = text.slice(lineStart, lineStop);
      if (lineText.slice(from, to).trim() === '') {
        const word = /^\s*\S+/.exec(lineText.slice(from));
        if (word) to = from + word[0].length;
      }
      const list = out.get(line) ?? [];
      list.push({ from, to, severity: p.severity });
      out.set(line, list);
    }
  }
  return out;
}
