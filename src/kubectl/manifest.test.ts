import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findControlChar, MAX_NESTING_DEPTH, nestingDepth, parseManifests } from './manifest.ts';
import { NGINX_YAML } from './workspace.ts';

describe('parseManifests', () => {
  it('reads several documents and skips empty ones', () => {
    const r = parseManifests(
      '---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n',
      'ns.yaml',
    );
    expect(r.ok && r.docs.map((d) => d.metadata?.name)).toEqual(['a', 'b']);
  });

  it('reads YAML 1.1 scalars as Go does (yes is a boolean) and JSON documents', () => {
    const r = parseManifests('a: yes\nb: "yes"\nc: 010\n', 'x.yaml');
    expect(r.ok && r.docs[0]).toEqual({ a: true, b: 'yes', c: 8 });
    // An exponent needs a digit before it: `e3` is a name, not NaN (go-yaml's resolve).
    const e = parseManifests('a: e3\nb: 1e3\nc: .5e2\nd: E5\n', 'e.yaml');
    expect(e.ok && e.docs[0]).toEqual({ a: 'e3', b: 1000, c: 50, d: 'E5' });
    const j = parseManifests('{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"}}', 'p.json');
    expect(j.ok && j.docs[0]?.kind).toBe('Pod');
  });

  it('reports malformed YAML with the file name and line', () => {
    const r = parseManifests('apiVersion: v1\nkind: Pod\n  metadata: x\n : :\n', 'bad.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toMatch(
        /^error parsing bad\.yaml: error converting YAML to JSON: yaml: line \d+: /,
      );
  });

  it('takes the last of two equal keys, as go-yaml v2 does, without an error', () => {
    const r = parseManifests('kind: Pod\nmetadata:\n  name: a\n  name: b\n', 'dup.yaml');
    expect(r).toEqual({ ok: true, docs: [{ kind: 'Pod', metadata: { name: 'b' } }] });
  });

  it('refuses alias bombs', () => {
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 12; i++)
      text += `a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}]\n`;
    const r = parseManifests(text, 'bomb.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('bomb.yaml');
  });

  it('refuses documents nested deeper than the parser can go, with a clear error', () => {
    for (const text of [
      `${'['.repeat(5000)}${']'.repeat(5000)}\n`,
      `${'{a: '.repeat(3000)}1${'}'.repeat(3000)}\n`,
    ]) {
      expect(parseManifests(text, 'deep.yaml')).toEqual({
        ok: false,
        error: `error parsing deep.yaml: error converting YAML to JSON: yaml: exceeded max depth of ${MAX_NESTING_DEPTH}`,
      });
    }
  });

  it('measures nesting without counting brackets in strings or comments', () => {
    expect(nestingDepth(NGINX_YAML)).toBeLessThan(20);
    expect(
      nestingDepth(`a: "${'['.repeat(2000)}"\nb: '${'{'.repeat(2000)}'\n# ${'['.repeat(2000)}\n`),
    ).toBe(0);
    expect(nestingDepth('a: [[1], {b: [2]}]\n')).toBe(3);
  });

  it('refuses __proto__ and constructor keys without touching prototypes', () => {
    const r = parseManifests(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  __proto__:\n    polluted: true\n',
      'evil.yaml',
    );
    expect(r).toEqual({
      ok: false,
      error: 'error parsing evil.yaml: key "__proto__" is not allowed',
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(parseManifests('constructor: 1\n', 'c.yaml').ok).toBe(false);
  });

  it('refuses control characters and oversize input with a clear error', () => {
    expect(parseManifests('a: b\u0007\n', 'bell.yaml')).toEqual({
      ok: false,
      error: 'error parsing bell.yaml: control character U+0007 is not allowed in a manifest',
    });
    const big = `a: "${'x'.repeat(1024 * 1024)}"\n`;
    expect(parseManifests(big, 'big.yaml')).toEqual({
      ok: false,
      error: 'error reading big.yaml: file is larger than 1 MiB',
    });
  });

  it('refuses a document that is not a mapping', () => {
    const r = parseManifests('- a\n- b\n', 'list.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok)
      // The schema validator's getObjectKind, as the real kubectl 1.32 says it (oracle).
      expect(r.error).toBe(
        'error validating "list.yaml": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false',
      );
  });
});

describe('nestingDepth and findControlChar (the fast scans) agree with a plain walk', () => {
  /** The obvious one-character-at-a-time definition the fast scan must match. */
  function walkDepth(text: string): number {
    let flow = 0;
    let maxFlow = 0;
    let maxIndent = 0;
    let atLineStart = true;
    let indent = 0;
    let quote: string | undefined;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '\n') {
        atLineStart = true;
        indent = 0;
        if (quote === "'") quote = undefined;
        continue;
      }
      if (atLineStart) {
        if (c === ' ' || c === '-') {
          indent++;
          continue;
        }
        atLineStart = false;
        if (indent > maxIndent) maxIndent = indent;
      }
      if (quote) {
        if (c === quote && text[i - 1] !== '\\') quote = undefined;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '#') {
        while (i + 1 < text.length && text[i + 1] !== '\n') i++;
      } else if (c === '[' || c === '{') {
        flow++;
        if (flow > maxFlow) maxFlow = flow;
      } else if ((c === ']' || c === '}') && flow > 0) flow--;
    }
    return maxFlow + maxIndent;
  }
  function walkControl(text: string): string | undefined {
    for (const c of text) {
      const cp = c.codePointAt(0) ?? 0;
      if ((cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) || cp === 0x7f) return c;
    }
    return undefined;
  }
  // Texts made of the characters the scans care about, plus ordinary ones and astral/surrogates.
  const yamlish = fc
    .array(
      fc.constantFrom(
        ...' -\n"\'\\#[]{}a:\t\r\u0000\u0007\u007f\u001f한',
        '😀', // a surrogate pair: the control-character walk goes by code points
        '\ud800', // a lone surrogate
      ),
      { maxLength: 200 },
    )
    .map((chars) => chars.join(''));

  it('on random YAML-like text', () => {
    fc.assert(
      fc.property(yamlish, (text) => {
        expect(nestingDepth(text)).toBe(walkDepth(text));
        expect(findControlChar(text)).toBe(walkControl(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('on the hostile inputs of bench/robustness.ts', () => {
    for (const text of [
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${'x'.repeat(900_000)}\n`,
      `${'['.repeat(5000)}${']'.repeat(5000)}\n`,
      NGINX_YAML,
      `a: "x\n  - [y\n" [\n# [[[\n  'b\n[`,
    ]) {
      expect(nestingDepth(text)).toBe(walkDepth(text));
      expect(findControlChar(text)).toBe(walkControl(text));
    }
  });
});
