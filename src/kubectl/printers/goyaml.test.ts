import { describe, expect, it } from 'vitest';
import { goYamlKeyLess, sortedKeys, toGoYaml } from './goyaml.ts';
import { toGoJson, typedOrder } from './json.ts';

describe('toGoYaml (sigs.k8s.io/yaml + go-yaml v2 output)', () => {
  it('prints a dry-run namespace exactly like kubectl create ns --dry-run=client -o yaml', () => {
    const ns = {
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: { name: 'green', creationTimestamp: null },
      spec: {},
      status: {},
    };
    expect(toGoYaml(ns)).toBe(
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: green\nspec: {}\nstatus: {}\n',
    );
  });

  it('prints a dry-run deployment with unindented sequences', () => {
    const d = {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: 'web', creationTimestamp: null, labels: { app: 'web' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] },
        },
        strategy: {},
      },
      status: {},
    };
    expect(toGoYaml(d)).toBe(`apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}
`);
  });

  it('double-quotes strings that would read back as other types', () => {
    const y = toGoYaml({
      a: '1',
      b: 'true',
      c: 'yes',
      d: '',
      e: '2024-05-06T07:08:09Z',
      f: '0x1F',
      g: '1.5',
      h: 'null',
      i: '~',
      j: '1:20',
      k: '1e3',
      l: '7c79c4bf97',
      m: 'y',
    });
    expect(y).toBe(
      'a: "1"\nb: "true"\nc: "yes"\nd: ""\ne: "2024-05-06T07:08:09Z"\nf: "0x1F"\ng: "1.5"\nh: "null"\ni: "~"\nj: "1:20"\nk: "1e3"\nl: 7c79c4bf97\nm: "y"\n',
    );
  });

  it('single-quotes strings that cannot be plain, doubling quotes inside', () => {
    expect(
      toGoYaml({
        a: '*',
        b: 'a: b',
        c: ' lead',
        d: 'x #y',
        e: '- item',
        f: "it's",
        g: "'q'",
        h: '{x}',
        i: 'a:b',
      }),
    ).toBe(
      "a: '*'\nb: 'a: b'\nc: ' lead'\nd: 'x #y'\ne: '- item'\nf: it's\ng: '''q'''\nh: '{x}'\ni: a:b\n",
    );
  });

  it('quotes the key "y" (YAML 1.1 boolean), like go-yaml does', () => {
    expect(toGoYaml({ y: 1, n: 2, x: 3 })).toBe('"n": 2\nx: 3\n"y": 1\n');
  });

  it('uses literal blocks for multi-line strings with the right chomping', () => {
    expect(toGoYaml({ a: 'one\ntwo\n', b: 'one\ntwo', c: 'x\n\n' })).toBe(
      'a: |\n  one\n  two\nb: |-\n  one\n  two\nc: |+\n  x\n\n',
    );
  });

  it('escapes control and 4-byte characters in double quotes, keeps Korean plain', () => {
    expect(toGoYaml({ a: 'tab\there', b: '한국어', c: 'emoji 😀' })).toBe(
      'a: "tab\\there"\nb: 한국어\nc: "emoji \\U0001F600"\n',
    );
  });

  it('folds long plain and quoted scalars after column 80', () => {
    const msg =
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.';
    expect(toGoYaml({ status: { message: msg } })).toBe(
      "status:\n  message: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane:\n    }, 2 Insufficient cpu.'\n",
    );
    const plain =
      'Successfully pulled image "nginx" in 3.512s (3.512s including waiting). Image size: 72080558 bytes.';
    expect(toGoYaml({ message: plain })).toBe(
      // The space after "waiting)." is met at column 83 (> 80), so the line breaks there.
      'message: \'Successfully pulled image "nginx" in 3.512s (3.512s including waiting).\n  Image size: 72080558 bytes.\'\n',
    );
  });

  it('prints numbers, booleans, null and nested empty collections', () => {
    expect(toGoYaml({ a: 1, b: 0.5, c: false, d: null, e: [], f: [{}], g: [[1, 2]] })).toBe(
      'a: 1\nb: 0.5\nc: false\nd: null\ne: []\nf:\n- {}\ng:\n- - 1\n  - 2\n',
    );
  });
});

describe('go-yaml key order', () => {
  it('sorts like keyList.Less: digit runs by value, non-letters before letters', () => {
    expect(sortedKeys({ b: 1, a10: 1, a2: 1, 'a.b': 1, A: 1, a: 1 })).toEqual([
      'A',
      'a',
      'a.b',
      'a2',
      'a10',
      'b',
    ]);
    expect(goYamlKeyLess('apiVersion', 'kind')).toBe(true);
    expect(goYamlKeyLess('kind', 'apiVersion')).toBe(false);
  });
});

describe('toGoJson', () => {
  it('keeps typed field order for client objects and uses 4-space indentation', () => {
    const ns = {
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: { name: 'green', creationTimestamp: null },
      spec: {},
      status: {},
    };
    expect(toGoJson(ns, { sortKeys: false })).toBe(
      '{\n    "kind": "Namespace",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "green",\n        "creationTimestamp": null\n    },\n    "spec": {},\n    "status": {}\n}\n',
    );
  });
  it('sorts map keys for server objects and escapes HTML like Go', () => {
    expect(toGoJson({ b: '<none> & co', a: [1, 'x'], c: [] })).toBe(
      '{\n    "a": [\n        1,\n        "x"\n    ],\n    "b": "\\u003cnone\\u003e \\u0026 co",\n    "c": []\n}\n',
    );
  });
});

describe('typedOrder', () => {
  it('puts TypeMeta and ObjectMeta fields in Go struct order, keeping the rest', () => {
    const scrambled = {
      status: { phase: 'Active' },
      metadata: { labels: { a: 'b' }, creationTimestamp: 't', name: 'blue', uid: 'u', extra: 1 },
      apiVersion: 'v1',
      spec: {},
      kind: 'Namespace',
    };
    const o = typedOrder(scrambled);
    expect(Object.keys(o)).toEqual(['kind', 'apiVersion', 'metadata', 'spec', 'status']);
    expect(Object.keys(o.metadata as object)).toEqual([
      'name',
      'uid',
      'creationTimestamp',
      'labels',
      'extra',
    ]);
  });
});
