import { describe, expect, it } from 'vitest';
import { JsonPathError, JsonPathExecError, jsonPath } from './jsonpath.ts';

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
    // A bracketed key is the path `.key` (parseArray's dict key): its dots split it unless
    // escaped, as kubectl 1.32 does.
    expect(jsonPath("{.items[0].metadata.labels['app.kubernetes.io/name']}", list)).toBe('');
    expect(jsonPath("{.items[0].metadata.labels['app\\.kubernetes\\.io/name']}", list)).toBe('web');
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

  it('a word that is no field parses and fails when run (unrecognized identifier)', () => {
    // A learner's missing dot, and a filter's unquoted value.
    const run = (t: string) => () => jsonPath(t, list);
    expect(run('{.items[*]name}')).toThrow(JsonPathExecError);
    expect(run('{.items[*]name}')).toThrow('unrecognized identifier name');
    expect(run('{.items[?(@.status.phase=Running)].metadata.name}')).toThrow(
      new JsonPathExecError('unrecognized identifier Running'),
    );
    // The word runs to a terminator, parentheses and = included.
    expect(run('{.items[*] foo(x)=y}')).toThrow('unrecognized identifier foo(x)=y');
    // Even when there is nothing to run it on.
    expect(run('{.nothing[*]name}')).toThrow('unrecognized identifier name');
    // true and false are bools, one for each value.
    expect(jsonPath('{.items[*].metadata true}', list)).toBe('true true');
    expect(jsonPath('{false}', list)).toBe('false');
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

describe('brackets, quotes and open ranges as client-go parses them (kubectl 1.32.5)', () => {
  const d = {
    kind: 'List',
    items: [
      {
        metadata: { name: 'a', labels: { app: 'web' } },
        spec: { containers: [{ name: 'c1' }], replicas: 2 },
      },
      { metadata: { name: 'b' }, spec: { containers: [{ name: 'c2' }, { name: 'c3' }] } },
    ],
  };
  const fails = (t: string) => () => jsonPath(t, d);

  it('a comma makes a union, each part trimmed; a key is single-quoted only, no spaces', () => {
    expect(jsonPath('{.items[0,1].metadata.name}', d)).toBe('a b');
    expect(jsonPath('{.items[0, 0].metadata.name}', d)).toBe('a a');
    expect(jsonPath("{.items[*].metadata['name','labels']}", d)).toBe('a b {"app":"web"}');
    expect(fails('{.items[0].metadata.labels["app"]}')).toThrow('invalid array index "app"');
    expect(fails('{.items[ 0 ]}')).toThrow('invalid array index  0 ');
    expect(fails('{.items[0,x]}')).toThrow(new JsonPathError('invalid array index x'));
    expect(fails('{.items[-]}')).toThrow('array index - is not a number');
    // The bracket ends at the first `]`, quotes or not.
    expect(fails("{.items[0].metadata.labels['app]}")).toThrow("invalid array index 'app");
    // A key is parsed as the action `{.key}`: a `}` ends it.
    expect(jsonPath("{.items[0].metadata['name}x']}", d)).toBe('a');
  });

  it('evalArray: only arrays, bounds counted from the end, an empty slice allowed', () => {
    expect(fails('{.items[0].metadata[0]}')).toThrow(
      new JsonPathExecError('map[string]interface {} is not array or slice'),
    );
    expect(fails('{.items[0].spec.replicas[0]}')).toThrow('int64 is not array or slice');
    expect(fails('{.items[0].spec.containers[-5]}')).toThrow(
      'array index out of bounds: index -4, length 1',
    );
    expect(fails('{.items[0].spec.containers[1:0]}')).toThrow(
      'array index out of bounds: index 1, length 1',
    );
    expect(jsonPath('{.items[5:5]}', d)).toBe('');
    expect(jsonPath('{.items[::2].metadata.name}', d)).toBe('a');
  });

  it('a quoted string in an action is text; && and || are no filter operators', () => {
    expect(jsonPath('{.items[0].metadata.name "x"}', d)).toBe('x');
    expect(jsonPath("{.items[0].metadata.name 'x' .metadata.name}", d)).toBe('');
    expect(fails('{.items[?(@.kind=="a"&&@.x)]}')).toThrow(
      "unrecognized character in action: U+0026 '&'",
    );
    expect(fails('{.items[?(@.kind=="a" || @.x)]}')).toThrow(
      "unrecognized character in action: U+007C '|'",
    );
  });

  it('a range with no {end} goes on after its loop with the data it was in', () => {
    expect(jsonPath('{range .items[*]}[{.metadata.name}]', d)).toBe('[a][b][]');
    expect(jsonPath('{range .items[*]}{.metadata.name}{"\\n"}', d)).toBe('a\nb\n\n');
    // After the last {end} met in the body: only what follows it.
    expect(
      jsonPath('x{range .items[*]}{.metadata.name},{range .spec.containers[*]}{.name}{end};', d),
    ).toBe('xa,c1;b,c2c3;;');
    expect(jsonPath('{range .items[*]}{range .spec.containers[*]}{.name}{" "}', d)).toBe(
      'c1  c2 c3   ',
    );
  });
});
