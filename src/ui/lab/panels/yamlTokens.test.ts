import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NGINX_YAML } from '../../../kubectl/workspace.ts';
import { createLineCache, markSegments, tokenizeLine, tokenizeYaml } from './yamlTokens.ts';

/** `type:text` pairs of a line, whitespace left out, for readable expectations. */
const shape = (line: { type: string; text: string }[]) =>
  line.filter((t) => t.type !== 'space').map((t) => `${t.type}:${t.text}`);

describe('tokenizeYaml', () => {
  it('colours the study note’s nginx.yaml the way a reader sees it', () => {
    const lines = tokenizeYaml(NGINX_YAML).map(shape);
    expect(lines).toEqual([
      ['key:apiVersion', 'punct::', 'plain:v1'],
      ['key:kind', 'punct::', 'plain:Pod'],
      ['key:metadata', 'punct::'],
      ['key:name', 'punct::', 'plain:nginx'],
      ['key:labels', 'punct::'],
      ['key:app', 'punct::', 'plain:nginx'],
      ['key:spec', 'punct::'],
      ['key:containers', 'punct::'],
      ['dash:-', 'key:name', 'punct::', 'plain:nginx'],
      ['key:image', 'punct::', 'plain:nginx'],
      ['key:ports', 'punct::'],
      ['dash:-', 'key:containerPort', 'punct::', 'number:80'],
      [],
    ]);
  });

  it('tells numbers, booleans (YAML 1.1 too), nulls, quoted strings and comments apart', () => {
    const [line] = tokenizeYaml("a: {n: 3, b: yes, x: ~, s: \"3\", t: 'it''s'} # note");
    expect(shape(line ?? [])).toEqual([
      'key:a',
      'punct::',
      'punct:{',
      'key:n',
      'punct::',
      'number:3',
      'punct:,',
      'key:b',
      'punct::',
      'boolean:yes',
      'punct:,',
      'key:x',
      'punct::',
      'null:~',
      'punct:,',
      'key:s',
      'punct::',
      'string:"3"',
      'punct:,',
      'key:t',
      'punct::',
      "string:'it''s'",
      'punct:}',
      'comment:# note',
    ]);
  });

  it('marks document markers, anchors, aliases and tags, and keeps # inside values', () => {
    const lines = tokenizeYaml('--- !!map\nimage: nginx:1.27#x\nbase: &b 1\ncopy: *b\n...').map(
      shape,
    );
    expect(lines).toEqual([
      ['document:---', 'tag:!!map'],
      ['key:image', 'punct::', 'plain:nginx:1.27#x'],
      ['key:base', 'punct::', 'anchor:&b', 'number:1'],
      ['key:copy', 'punct::', 'anchor:*b'],
      ['document:...'],
    ]);
  });

  it('reads a block scalar’s lines as its text until the indentation returns', () => {
    const text =
      'data:\n  script: |\n    echo "a: b" # not a comment\n\n    - not a list\n  next: 1';
    expect(tokenizeYaml(text).map(shape)).toEqual([
      ['key:data', 'punct::'],
      ['key:script', 'punct::', 'punct:|'],
      ['string:echo "a: b" # not a comment'],
      [],
      ['string:- not a list'],
      ['key:next', 'punct::', 'number:1'],
    ]);
  });

  it('carries an unclosed double-quoted string onto the next line', () => {
    expect(tokenizeYaml('a: "one\ntwo" # c\nb: 2').map(shape)).toEqual([
      ['key:a', 'punct::', 'string:"one'],
      ['string:two"', 'comment:# c'],
      ['key:b', 'punct::', 'number:2'],
    ]);
  });

  it('keeps markup-looking text as plain token text (the editor renders text, never HTML)', () => {
    const [line] = tokenizeYaml('name: <img src=x onerror=alert(1)>');
    expect(shape(line ?? [])).toEqual([
      'key:name',
      'punct::',
      'plain:<img src=x onerror=alert(1)>',
    ]);
  });

  it('never loses or adds a character: the tokens of a line join back into the line', () => {
    const yamlish = fc.string({
      unit: fc.constantFrom(...'ab1 :-#"\'|>[]{},&*!~.\t\\\n한'.split('')),
      maxLength: 80,
    });
    fc.assert(
      fc.property(yamlish, (text) => {
        const lines = tokenizeYaml(text);
        expect(lines.map((l) => l.map((t) => t.text).join('')).join('\n')).toBe(text);
        for (const l of lines) for (const t of l) expect(t.text).not.toBe('');
      }),
      { numRuns: 500 },
    );
  });

  it('returns the same token array for an unchanged line from the cache', () => {
    const cache = createLineCache();
    const a = tokenizeYaml('a: 1\nb: 2', cache);
    const b = tokenizeYaml('a: 1\nb: 3', cache);
    expect(b[0]).toBe(a[0]);
    expect(b[1]).not.toBe(a[1]);
  });

  it('ends a block scalar for the line after it, not for the header line', () => {
    const r = tokenizeLine('- run: >-', {});
    expect(r.state).toEqual({ block: 2 });
  });
});

describe('markSegments', () => {
  const tokens = tokenizeYaml('  name: nginx')[0] ?? [];

  it('cuts tokens at the edges of a mark', () => {
    const segs = markSegments(tokens, [{ from: 4, to: 10 }]);
    expect(segs.map((s) => [s.text, s.marked])).toEqual([
      ['  ', false],
      ['na', false],
      ['me', true],
      [':', true],
      [' ', true],
      ['ng', true],
      ['inx', false],
    ]);
  });

  it('squiggles one extra space for a mark at the end of the line', () => {
    const segs = markSegments(tokens, [{ from: 13, to: 13 }]);
    expect(segs.at(-1)).toEqual({ type: 'space', text: ' ', marked: true });
    expect(segs.slice(0, -1).every((s) => !s.marked)).toBe(true);
  });
});
