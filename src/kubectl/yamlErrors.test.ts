/**
 * kubectl's words for a manifest that is not well-formed YAML: `kubectl apply|create|replace -f`
 * prints `error parsing FILE: error converting YAML to JSON: yaml: line N: MESSAGE`, go-yaml v2's
 * message and line, counted from the start of the `---` document it is in.
 *
 * The expected errors below were produced once by real go-yaml v2.4.0 (the version
 * sigs.k8s.io/yaml v1.4.0 vendors for kubectl 1.32), fed one document at a time by a copy of
 * apimachinery's YAMLReader, and are hard-coded here. libyaml 0.2.5 (through PyYAML) gives the
 * same message and line for every syntax error here; the Helm case is go-yaml's decoder speaking,
 * which libyaml's events cannot show.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseManifests } from './manifest.ts';
import { engineSession } from './testing/engineSession.ts';
import { goYamlError, kubectlYamlError } from './yamlErrors.ts';

/** A manifest written line by line, each line ended by a newline as an editor saves it. */
function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

const CASES: { name: string; text: string; error: string | null }[] = [
  {
    name: 'a key indented deeper than its siblings',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      '    labels:',
      '      app: web',
      'spec:',
      '  containers:',
      '  - name: web',
      '    image: nginx',
    ),
    error:
      'error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context',
  },
  {
    name: 'a key indented less than its siblings',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      ' labels:',
      '    app: web',
    ),
    error: 'error converting YAML to JSON: yaml: line 4: did not find expected key',
  },
  {
    name: 'a key at an odd column in a nested mapping',
    text: lines(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  replicas: 2',
      '  selector:',
      '    matchLabels:',
      '      app: web',
      '  template:',
      '    metadata:',
      '      labels:',
      '        app: web',
      '    spec:',
      '      containers:',
      '      - name: web',
      '        image: nginx',
      '         imagePullPolicy: Always',
    ),
    error:
      'error converting YAML to JSON: yaml: line 18: mapping values are not allowed in this context',
  },
  {
    name: 'no space after the colon',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '  - name: web',
      '    image:nginx',
      '    ports:',
      '    - containerPort: 80',
    ),
    error: "error converting YAML to JSON: yaml: line 9: could not find expected ':'",
  },
  {
    name: 'a tab indenting a key',
    text: lines('apiVersion: v1', 'kind: Pod', 'metadata:', '\tname: web'),
    error:
      'error converting YAML to JSON: yaml: line 4: found character that cannot start any token',
  },
  {
    name: 'a tab indenting a list item',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '\t- name: web',
    ),
    error:
      'error converting YAML to JSON: yaml: line 7: found character that cannot start any token',
  },
  {
    name: 'a line holding only a tab after a value',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '  - name: web',
      '    image: nginx',
      '\t',
    ),
    error:
      'error converting YAML to JSON: yaml: line 9: found a tab character that violates indentation',
  },
  {
    name: 'a tab-only line after a flow mapping',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '  - name: web',
      '    resources: {limits: {cpu: 500m}}',
      '\t',
    ),
    error:
      'error converting YAML to JSON: yaml: line 9: found character that cannot start any token',
  },
  {
    name: 'a key without its colon',
    text: lines('apiVersion: v1', 'kind: Pod', 'metadata', '  name: web'),
    error: "error converting YAML to JSON: yaml: line 4: could not find expected ':'",
  },
  {
    name: 'an equals sign instead of a colon',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '  - name=web',
      '    image: nginx',
    ),
    error:
      'error converting YAML to JSON: yaml: line 8: mapping values are not allowed in this context',
  },
  {
    name: 'an unclosed double quote',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '  - name: web',
      '    image: "nginx:1.27',
      '    ports:',
      '    - containerPort: 80',
    ),
    error: 'error converting YAML to JSON: yaml: line 11: found unexpected end of stream',
  },
  {
    name: 'an unclosed single quote at the end of the file',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '  - name: web',
      "    command: ['sh', '-c', 'echo hi]",
    ),
    error: 'error converting YAML to JSON: yaml: line 9: found unexpected end of stream',
  },
  {
    name: 'an unclosed flow sequence',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '  - name: web',
      '    args: ["--port", "80"',
      '    image: nginx',
    ),
    error: "error converting YAML to JSON: yaml: line 8: did not find expected ',' or ']'",
  },
  {
    name: 'an unclosed flow mapping',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '  - name: web',
      '    resources: {limits: {cpu: 500m}',
    ),
    error: "error converting YAML to JSON: yaml: line 8: did not find expected ',' or '}'",
  },
  {
    name: 'a list item one space short',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '    - name: web',
      '      image: nginx',
      '   - name: sidecar',
      '      image: busybox',
    ),
    error: 'error converting YAML to JSON: yaml: line 8: did not find expected key',
  },
  {
    name: 'a list item one space too far',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '  - name: web',
      '    image: nginx',
      '   - name: sidecar',
      '    image: busybox',
    ),
    error: 'error converting YAML to JSON: yaml: line 8: did not find expected key',
  },
  {
    name: 'a list item key misaligned with its first key',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '  - name: web',
      '     image: nginx',
    ),
    error:
      'error converting YAML to JSON: yaml: line 8: mapping values are not allowed in this context',
  },
  {
    name: 'a list outdented below its key',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      ' - name: web',
      '   image: nginx',
    ),
    error: 'error converting YAML to JSON: yaml: line 6: did not find expected key',
  },
  {
    name: 'no space after the dash',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '  -name: web',
      '   image: nginx',
    ),
    error:
      'error converting YAML to JSON: yaml: line 8: mapping values are not allowed in this context',
  },
  {
    name: 'text after a closing quote',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '  - name: web',
      '    image: "nginx" latest',
    ),
    error: 'error converting YAML to JSON: yaml: line 7: did not find expected key',
  },
  {
    name: 'a value on the next line, not indented',
    text: lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name:', '  web'),
    error: "error converting YAML to JSON: yaml: line 6: could not find expected ':'",
  },
  {
    name: 'a colon and space inside an unquoted value',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '  - name: web',
      '    command: echo: hello',
    ),
    error:
      'error converting YAML to JSON: yaml: line 8: mapping values are not allowed in this context',
  },
  {
    name: 'a dash after a key on the same line',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers: - name: web',
    ),
    error:
      'error converting YAML to JSON: yaml: line 6: block sequence entries are not allowed in this context',
  },
  {
    name: 'an error in the second document',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: web',
      'spec:',
      '  ports:',
      '  - port: 80',
      '   targetPort: 8080',
    ),
    error: 'error converting YAML to JSON: yaml: line 7: did not find expected key',
  },
  {
    name: 'an error in a document that opens with ---',
    text: lines(
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '  - name: web',
      '     image: nginx',
    ),
    error:
      'error converting YAML to JSON: yaml: line 9: mapping values are not allowed in this context',
  },
  {
    name: 'an error after a commented separator',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      '--- # the service',
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: web',
      '  labels:',
      '  app: web',
      '    tier: front',
    ),
    error:
      'error converting YAML to JSON: yaml: line 7: mapping values are not allowed in this context',
  },
  {
    name: 'a separator glued to the next line',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      '---apiVersion: v1',
      'kind: Service',
    ),
    error: 'invalid Yaml document separator: apiVersion: v1',
  },
  {
    name: 'a value starting with @',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '  - name: web',
      '    image: @sha256:abc',
    ),
    error:
      'error converting YAML to JSON: yaml: line 8: found character that cannot start any token',
  },
  {
    name: 'a value starting with a backquote',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '  - name: web',
      '    command: `date`',
    ),
    error:
      'error converting YAML to JSON: yaml: line 8: found character that cannot start any token',
  },
  {
    name: 'an alias to an anchor never defined',
    text: lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', '  labels: *common'),
    error: "error converting YAML to JSON: yaml: unknown anchor 'common' referenced",
  },
  {
    name: 'an anchor without a name',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      '  labels: & common',
      '    app: web',
    ),
    error:
      'error converting YAML to JSON: yaml: line 5: did not find expected alphabetic or numeric character',
  },
  {
    name: 'a tab indenting a block scalar line',
    text: lines(
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: cfg',
      'data:',
      '  run.sh: |',
      '    #!/bin/sh',
      '\techo hi',
    ),
    error:
      'error converting YAML to JSON: yaml: line 8: found a tab character where an indentation space is expected',
  },
  {
    name: 'a Windows path in double quotes',
    text: lines(
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: cfg',
      'data:',
      '  path: "C:\\Users\\me"',
    ),
    error: 'error converting YAML to JSON: yaml: line 6: did not find expected hexdecimal number',
  },
  {
    name: 'a short \\x escape',
    text: lines(
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: cfg',
      'data:',
      '  sep: "\\x4"',
    ),
    error: 'error converting YAML to JSON: yaml: line 6: did not find expected hexdecimal number',
  },
  {
    name: 'JSON-style trailing commas',
    text: lines('apiVersion: v1,', 'kind: Pod,'),
    error: null,
  },
  {
    name: 'a quoted key and value with a trailing comma',
    text: lines('"apiVersion": "v1",', '"kind": "Pod"'),
    error: 'error converting YAML to JSON: yaml: did not find expected key',
  },
  {
    name: 'a Helm template left unquoted',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '  - name: web',
      '    image: {{ .Values.image }}',
    ),
    error:
      'error converting YAML to JSON: yaml: invalid map key: map[interface {}]interface {}{".Values.image":interface {}(nil)}',
  },
  {
    name: 'a mapping key in a plain-scalar continuation',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      '  labels: app',
      '    tier: web',
    ),
    error:
      'error converting YAML to JSON: yaml: line 6: mapping values are not allowed in this context',
  },
  {
    name: 'Windows line endings',
    text: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: web\r\n    labels: x\r\n',
    error:
      'error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context',
  },
  {
    name: 'no newline at the end after an unclosed quote',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "web',
    error: 'error converting YAML to JSON: yaml: line 5: found unexpected end of stream',
  },
  {
    name: 'an error on the first line',
    text: lines('apiVersion: v1: x', 'kind: Pod'),
    error: 'error converting YAML to JSON: yaml: mapping values are not allowed in this context',
  },
  {
    name: 'a document start inside a quoted value',
    text: lines(
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: cfg',
      'data:',
      '  a: "one',
      '---',
      '  two"',
    ),
    error: 'error converting YAML to JSON: yaml: line 7: found unexpected end of stream',
  },
  {
    name: 'a flow sequence at the indentation of a key',
    text: lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '  - name: web',
      '    args:',
      '    ["a",',
      '    "b"]',
      '    image: nginx',
    ),
    error: "error converting YAML to JSON: yaml: line 10: could not find expected ':'",
  },
  {
    name: 'a tab after the colon (valid)',
    text: lines('apiVersion:\tv1', 'kind: Pod', 'metadata:', '  name:\tweb'),
    error: null,
  },
  {
    name: 'comments and blank separators (valid)',
    text: lines(
      '# pod',
      '---   ',
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      '---',
      '',
      '--- # empty',
    ),
    error: null,
  },
];

describe('a broken manifest gets the error kubectl 1.32 prints', () => {
  it.each(CASES)('$name', ({ text, error }) => {
    const r = parseManifests(text, 'bad.yaml');
    if (error === null) expect(r).toMatchObject({ ok: true });
    else expect(r).toEqual({ ok: false, error: `error parsing bad.yaml: ${error}` });
  });

  it('on the console, for apply, create and replace', () => {
    const { host, run } = engineSession();
    host.fs.write(
      'pod.yaml',
      lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', '    labels: x'),
    );
    for (const verb of ['apply', 'create', 'replace']) {
      expect(run(`kubectl ${verb} -f pod.yaml`)).toEqual({
        out: '',
        err: 'error: error parsing pod.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context\n',
        code: 1,
      });
    }
    expect(run('kubectl get pods').err).toBe('No resources found in default namespace.\n');
  });
});

describe('goYamlError (go-yaml v2 on one document)', () => {
  it('numbers lines as go-yaml v2 does: scanner errors 1-based, parser errors 0-based', () => {
    // The same line 2: a scanner error there says "line 2", a parser error "line 1".
    expect(goYamlError('a: 1\n@b: 2\n')).toBe(
      'yaml: line 2: found character that cannot start any token',
    );
    expect(goYamlError('a: 1\n- b\n')).toBe('yaml: line 1: did not find expected key');
    // On the first line, no line at all.
    expect(goYamlError('a: b: c\n')).toBe('yaml: mapping values are not allowed in this context');
  });

  it('reads only the first document, as go-yaml Unmarshal does', () => {
    expect(goYamlError('a: 1\n...\n@ broken [\n')).toBeUndefined();
    expect(goYamlError('"a" b\n')).toBeUndefined();
    expect(goYamlError('')).toBeUndefined();
    expect(goYamlError('# only a comment\n')).toBeUndefined();
  });

  it('refuses a %YAML directive other than 1.1 and tag handles never declared', () => {
    expect(goYamlError('%YAML 1.2\n---\na: 1\n')).toBe('yaml: found incompatible YAML document');
    expect(goYamlError('a: !e!x 1\n')).toBe('yaml: found undefined tag handle');
    expect(goYamlError('%TAG !e! tag:example.com:\n---\na: !e!x 1\n')).toBeUndefined();
  });
});

describe('kubectlYamlError (documents cut as apimachinery YAMLReader cuts them)', () => {
  it('starts a document after its separator, or at the separator that opens the file', () => {
    expect(kubectlYamlError('---\na: 1\n- b\n')).toBe(
      'error converting YAML to JSON: yaml: line 2: did not find expected key',
    );
    expect(kubectlYamlError('x: 1\n---\na: 1\n- b\n')).toBe(
      'error converting YAML to JSON: yaml: line 1: did not find expected key',
    );
    // Two separators in a row: the second opens the next document.
    expect(kubectlYamlError('x: 1\n---\n---\na: 1\n- b\n')).toBe(
      'error converting YAML to JSON: yaml: line 2: did not find expected key',
    );
  });

  it('refuses a separator followed by anything but spaces or a comment', () => {
    expect(kubectlYamlError('a: 1\n--- b: 2\n')).toBe('invalid Yaml document separator: b: 2');
    expect(kubectlYamlError('a: 1\n----\n')).toBe('invalid Yaml document separator: -');
    expect(kubectlYamlError('a: 1\n---  # next\t\nb: 2\n')).toBeUndefined();
  });

  it('leaves a JSON stream (first non-space character `{`) to the JSON decoder', () => {
    expect(kubectlYamlError(' \n{"a": 1,\n')).toBeUndefined();
  });

  it('never throws, on any YAML-like text', () => {
    const yamlish = fc
      .array(
        fc.constantFrom(
          ...'ab :-?,[]{}#&*!|>\'"%@`\\\t\n\r.',
          ': ',
          '- ',
          '---\n',
          '...\n',
          '\n  ',
          '%YAML 1.1\n',
          '%TAG !e! x:\n',
          '\ufeff',
          '\u0085',
          '😀',
        ),
        { maxLength: 60 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(yamlish, (text) => {
        const e = kubectlYamlError(text);
        expect(e === undefined || typeof e === 'string').toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps pace with a 1 MB manifest (one linear pass, no deep recursion)', () => {
    const deep = Array.from({ length: 900 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    expect(kubectlYamlError(`${deep} v\n`)).toBeUndefined();
    expect(kubectlYamlError(`a: [${'x, '.repeat(300_000)}x]\n`)).toBeUndefined();
    expect(kubectlYamlError(`a: ${'x'.repeat(1_000_000)}\n`)).toBeUndefined();
  });
});
