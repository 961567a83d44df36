import { describe, expect, it } from 'vitest';
import { JsonPathError, jsonPath } from './jsonpath.ts';

const list = {
  kind: 'List',
  items: [
    {
      metadata: { name: 'a', labels: { 'app.kubernetes.io/name': 'web' } },
      spec: { nodeName: 'node1' },
      status: { phase: 'Running' },
    },
    {
      metadata: { name: 'b', labels: {} },
      spec: { nodeName: 'node2' },
      status: { phase: 'Pending' },
    },
  ],
};

describe('jsonPath', () => {
  it('selects fields and joins several results with spaces', () => {
    expect(jsonPath('{.items[*].metadata.name}', list)).toBe('a b');
    expect(jsonPath('{.items[0].spec.nodeName}', list)).toBe('node1');
    expect(jsonPath('{.items[-1].metadata.name}', list)).toBe('b');
  });

  it("reads ['KEY'] as .KEY, so its dots step into fields, as kubectl 1.32.5 does", () => {
    // parseArray's dict key is parsed as `{.KEY}`: a label key with dots needs its dots
    // escaped even inside the quotes (kubectl printed nothing for ['kubernetes.io/hostname']).
    expect(jsonPath("{.items[0].metadata.labels['app.kubernetes.io/name']}", list)).toBe('');
    expect(jsonPath("{.items[0].metadata.labels['app\\.kubernetes\\.io/name']}", list)).toBe('web');
    expect(jsonPath("{.items[*]['metadata.name']}", list)).toBe('a b');
    expect(jsonPath("{.items[0]['metadata']['name']}", list)).toBe('a');
    expect(jsonPath("{.items[0]['']}", list)).toBe('');
    // A union of keys: each in turn.
    expect(jsonPath("{.items[0].spec['nodeName','nope']}", list)).toBe('node1');
    expect(jsonPath("{.items[0].status['phase','phase']}", list)).toBe('Running Running');
    // Double quotes make no key.
    expect(() => jsonPath('{.items[*]["metadata"]}', list)).toThrow(
      'invalid array index "metadata"',
    );
  });

  it('takes the text between brackets as written: spaces make no index (kubectl 1.32.5)', () => {
    expect(() => jsonPath('{.items[ 0 ].metadata.name}', list)).toThrow(
      /^invalid array index {2}0 $/,
    );
    expect(() => jsonPath('{.items[ * ].metadata.name}', list)).toThrow(
      /^invalid array index {2}\* $/,
    );
    expect(() => jsonPath('{.items[0: 1].metadata.name}', list)).toThrow(
      /^invalid array index 0: 1$/,
    );
    expect(() => jsonPath('{.items[x y]}', list)).toThrow(/^invalid array index x y$/);
    // A union's parts are trimmed.
    expect(jsonPath('{.items[0, 1].metadata.name}', list)).toBe('a b');
  });

  it('prints a map as Go marshals it: compact, keys sorted', () => {
    const pod = { spec: { resources: { limits: { memory: '64Mi', cpu: '1' }, requests: {} } } };
    expect(jsonPath('{.spec.resources}', pod)).toBe(
      '{"limits":{"cpu":"1","memory":"64Mi"},"requests":{}}',
    );
  });

  it('takes a backslash-escaped dot (and a slash) as part of a field name', () => {
    expect(jsonPath('{.items[0].metadata.labels.app\\.kubernetes\\.io/name}', list)).toBe('web');
    expect(jsonPath('{.items[*].metadata.labels.app\\.kubernetes\\.io/name}', list)).toBe('web');
    // Without the escapes the dots split the name: no such field, nothing printed.
    expect(jsonPath('{.items[0].metadata.labels.app.kubernetes.io/name}', list)).toBe('');
  });

  it('ranges with literals', () => {
    expect(
      jsonPath('{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}', list),
    ).toBe('a\tRunning\nb\tPending\n');
  });

  it('filters and recursive descent', () => {
    expect(jsonPath('{.items[?(@.status.phase=="Pending")].metadata.name}', list)).toBe('b');
    expect(jsonPath('{..nodeName}', list)).toBe('node1 node2');
  });

  it('prints objects as JSON and missing keys as nothing', () => {
    expect(jsonPath('{.items[1].metadata}', list)).toBe('{"labels":{},"name":"b"}');
    expect(jsonPath('name: {.nope.deeper}', list)).toBe('name: ');
  });

  it('takes @ and $ outside a filter as the current object', () => {
    expect(jsonPath('{@.items[0].metadata.name}', list)).toBe('a');
    expect(jsonPath('{$.items[1].metadata.name}', list)).toBe('b');
    expect(jsonPath('{range .items[*]}{@.metadata.name}:{@.status.phase} {end}', list)).toBe(
      'a:Running b:Pending ',
    );
    expect(jsonPath('{range .items[*].metadata.labels}[{@}]{end}', list)).toBe(
      '[{"app.kubernetes.io/name":"web"}][{}]',
    );
  });

  it('names a character it does not know as Go %#U does', () => {
    expect(() => jsonPath('{#}', list)).toThrow("unrecognized character in action: U+0023 '#'");
  });

  it('rejects broken templates', () => {
    expect(() => jsonPath('{.items[*]', list)).toThrow(JsonPathError);
    expect(() => jsonPath('{end}', list)).toThrow(JsonPathError);
  });
});

describe('a null value', () => {
  it('prints as null (evalToText), a missing one as nothing', () => {
    const obj = { spec: { template: { metadata: { creationTimestamp: null } } }, metadata: {} };
    expect(jsonPath('{.spec.template.metadata.creationTimestamp}', obj)).toBe('null');
    expect(jsonPath('{.metadata.deletionTimestamp}', obj)).toBe('');
  });
});
