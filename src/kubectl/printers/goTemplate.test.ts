import { describe, expect, it } from 'vitest';
import { executeTemplate, parseTemplate, TemplateParseError } from './goTemplate.ts';

const list = {
  apiVersion: 'v1',
  kind: 'List',
  metadata: { resourceVersion: '' },
  items: [
    {
      metadata: { name: 'a', labels: { tier: 'front', app: 'web' } },
      spec: { replicas: 3, nodeName: 'node1', big: 1000000, half: 0.5 },
      status: { phase: 'Running' },
    },
    {
      metadata: { name: 'b', labels: {} },
      spec: { replicas: 0, nodeName: null },
      status: { phase: 'Pending' },
    },
  ],
};

/** Output of a template, or its execution error. */
function run(text: string, data: unknown = list, missingKeyError = false): string {
  const r = executeTemplate(parseTemplate('output', text), data, { missingKeyError });
  return r.error === undefined ? r.out : `${r.out}ERROR ${r.error}`;
}

function parseError(text: string): string {
  try {
    parseTemplate('output', text);
  } catch (e) {
    if (e instanceof TemplateParseError) return e.message;
    throw e;
  }
  return 'parsed';
}

describe('Go text/template over decoded JSON', () => {
  it('ranges over lists, and over maps in key order', () => {
    expect(run('{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}')).toBe('a\nb\n');
    expect(run('{{range $k, $v := (index .items 0).metadata.labels}}{{$k}}={{$v}};{{end}}')).toBe(
      'app=web;tier=front;',
    );
    expect(run('{{range $i, $e := .items}}{{$i}}:{{$e.status.phase}} {{end}}')).toBe(
      '0:Running 1:Pending ',
    );
    expect(run('{{range .items}}{{range .metadata.labels}}x{{else}}none{{end}}{{end}}')).toBe(
      'xxnone',
    );
  });

  it('prints whole numbers as int64, others as float64, maps and lists as fmt does, missing keys as <no value>', () => {
    expect(
      run('{{with index .items 0}}{{.spec.replicas}} {{.spec.big}} {{.spec.half}}{{end}}'),
    ).toBe('3 1000000 0.5');
    expect(run('{{with index .items 0}}{{printf "%T %T" .spec.big .spec.half}}{{end}}')).toBe(
      'int64 float64',
    );
    expect(run('{{(index .items 0).metadata.labels}}')).toBe('map[app:web tier:front]');
    expect(run('{{(index .items 1).spec}}')).toBe('map[nodeName:<nil> replicas:0]');
    expect(run('{{.nope}} {{.nope.deeper}} {{(index .items 1).spec.nodeName}}')).toBe(
      '<no value> <no value> <no value>',
    );
  });

  it('has fmt verbs and their complaints: %f of an int64 is %!f(int64=3)', () => {
    expect(
      run('{{printf "%d|%f" (index .items 0).spec.replicas (index .items 0).spec.replicas}}'),
    ).toBe('3|%!f(int64=3)');
    expect(
      run('{{printf "%.0f|%v|%5.1f|%-6s|%6s|%q|%x" 3.0 2.5 3.14159 "ab" "cd" "q" "hi"}}'),
    ).toBe('3|2.5|  3.1|ab    |    cd|"q"|6869');
    // Rounding is on the exact binary value, ties to even, as strconv does.
    expect(run('{{printf "%.1f %.0f %.0f %.2e %.3g" 0.25 0.5 1.5 9.999 1234.5678}}')).toBe(
      '0.2 0 2 1.00e+01 1.23e+03',
    );
    expect(run('{{.kind | printf "%s-%s" "x"}} {{len .kind | printf "%03d"}}')).toBe('x-List 004');
    expect(run('{{printf "%s %d" "x"}}')).toBe('x %!d(MISSING)');
    expect(run('{{printf "%s" "x" 1}}')).toBe('x%!(EXTRA int=1)');
    expect(run('{{printf "%T %T %T" 1 .items .kind}}')).toBe('int []interface {} string');
    expect(run('{{print 1 2 "x" 3}}|{{println "a" 1}}')).toBe('1 2x3|a 1\n');
  });

  it('compares only like kinds: a JSON whole number against 3 is fine, against 3.0 an error', () => {
    expect(run('{{if eq (index .items 0).spec.replicas 3}}three{{end}}')).toBe('three');
    expect(run('{{if eq (index .items 0).spec.replicas 3.0}}three{{end}}')).toBe(
      'ERROR template: output:1:5: executing "output" at <eq (index .items 0).spec.replicas 3.0>: error calling eq: incompatible types for comparison',
    );
    expect(
      run('{{lt 1 2}} {{gt "b" "a"}} {{le 1.5 1.5}} {{ne "a" "b"}} {{eq .kind "List" "x"}}'),
    ).toBe('true true true true true');
    expect(run('{{and 1 0 2}} {{or 0 "" "z"}} {{not .items}} {{len .items}}')).toBe('0 z false 2');
  });

  it('has if/else if/else, with/else, variables, break and trimming', () => {
    expect(
      run(
        '{{range .items}}{{if eq .status.phase "Pending"}}P{{else if .spec.replicas}}R{{else}}-{{end}}{{end}}',
      ),
    ).toBe('RP');
    expect(run('{{with .nope}}x{{else}}none{{end}}')).toBe('none');
    expect(run('{{$n := 0}}{{range .items}}{{$n = .metadata.name}}{{end}}{{$n}}')).toBe('b');
    expect(run('{{range .items}}{{.metadata.name}}{{break}}{{end}}')).toBe('a');
    expect(run('a  {{- /* gone */ -}}  b {{- "c" }}')).toBe('abc');
    expect(run('{{define "T"}}[{{.}}]{{end}}{{template "T" .kind}}')).toBe('[List]');
  });

  it("has html, js, urlquery, slice, index and kubectl's exists and base64decode", () => {
    expect(run('{{html "<a&b>"}} {{js "it\'s"}} {{urlquery "a b&c"}}')).toBe(
      "&lt;a&amp;b&gt; it\\'s a+b%26c",
    );
    expect(run('{{slice "abcdef" 1 3}} {{index .items 1 "metadata" "name"}}')).toBe('bc b');
    expect(run('{{base64decode "aGVsbG8="}} {{exists . "items" 1 "spec"}} {{exists . "x"}}')).toBe(
      'hello true false',
    );
    expect(run('{{base64decode "!!"}}')).toBe(
      'ERROR template: output:1:2: executing "output" at <base64decode "!!">: error calling base64decode: base64 decode failed: illegal base64 data at input byte 0',
    );
  });

  it('reports execution errors where text/template does', () => {
    expect(run('{{.metadata.x.y}}', list, true)).toBe(
      'ERROR template: output:1:11: executing "output" at <.metadata.x.y>: map has no entry for key "x"',
    );
    expect(run('x{{range .items}}{{.metadata.name.first}}{{end}}')).toBe(
      'xERROR template: output:1:28: executing "output" at <.metadata.name.first>: can\'t evaluate field first in type interface {}',
    );
    expect(run('{{len .nope}}')).toBe(
      'ERROR template: output:1:2: executing "output" at <len .nope>: error calling len: reflect: call of reflect.Value.Type on zero Value',
    );
    expect(run('{{index .items 2}}')).toBe(
      'ERROR template: output:1:2: executing "output" at <index .items 2>: error calling index: index out of range: 2',
    );
    expect(run('{{range .kind}}{{end}}')).toBe(
      'ERROR template: output:1:8: executing "output" at <.kind>: range can\'t iterate over List',
    );
  });

  it('reports parse errors as text/template does', () => {
    // The real kubectl 1.32 (Go 1.23's lexer wants the whole `}}` after a field).
    expect(parseError('{{.x}')).toBe("template: output:1: bad character U+007D '}'");
    expect(parseError('{{nope .x}}')).toBe('template: output:1: function "nope" not defined');
    expect(parseError('{{range .items}}')).toBe('template: output:1: unexpected EOF');
    expect(parseError('{{end}}')).toBe('template: output:1: unexpected {{end}}');
    expect(parseError('{{if}}x{{end}}')).toBe('template: output:1: missing value for if');
    expect(parseError('{{$x}}')).toBe('template: output:1: undefined variable "$x"');
    expect(parseError('{{.a')).toBe('template: output:1: unclosed action');
    expect(parseError('a\n{{"b}}')).toBe('template: output:2: unterminated quoted string');
    expect(parseError('{{break}}')).toBe('template: output:1: {{break}} outside {{range}}');
    expect(parseError('{{len .items)}}')).toBe(
      "template: output:1: unexpected right paren U+0029 ')'",
    );
    expect(parseError('{{(len .items}}')).toBe('template: output:1: unclosed left paren');
    expect(parseError('{{.metadata.labels.app-name}}')).toBe(
      "template: output:1: bad character U+002D '-'",
    );
  });
});

describe('string literals: strconv.Unquote, shared with jsonpath (checked against kubectl 1.32.5)', () => {
  it('takes Go’s escapes, and refuses the other quote and surrogates', () => {
    expect(run('{{"a\\x41\\u00e9\\101"}}')).toBe('aAéA');
    expect(run('{{"a\\"b"}}')).toBe('a"b');
    expect(parseError(`{{"a\\'b"}}`)).toBe('template: output:1: invalid syntax');
    expect(parseError('{{"\\uD800"}}')).toBe('template: output:1: invalid syntax');
    expect(run('{{`raw\\n`}}')).toBe('raw\\n');
  });
});
