import { describe, expect, it } from 'vitest';
import { translate } from '../../../i18n/index.ts';
// The lab panels' text is registered by the lab's code; the test loads it the same way.
import '../../../i18n/lab.ts';
import { NGINX_YAML } from '../../../kubectl/workspace.ts';
import { checksAsManifest, checkYaml, marksByLine, type Problem } from './yamlCheck.ts';

/** `line:col message` as the problems list shows it in English. */
const listed = (problems: Problem[]) =>
  problems.map((p) => `${p.line}:${p.col} ${translate('en', p.message.key, p.message.params)}`);

describe('checkYaml', () => {
  it('finds nothing wrong in the study note’s nginx.yaml', () => {
    expect(checkYaml(NGINX_YAML)).toEqual([]);
  });

  it('finds nothing wrong in what kubectl create namespace green --dry-run=client -o yaml writes', () => {
    const green =
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: green\nspec: {}\nstatus: {}\n';
    expect(checkYaml(green)).toEqual([]);
  });

  it('points at a key indented one space too little, in the words kubectl apply will use', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\n labels: {}\n';
    // go-yaml counts a parser error's line from 0: kubectl says line 4 of the fifth line.
    expect(listed(checkYaml(text))).toEqual(['5:1 YAML: line 4: did not find expected key']);
  });

  it('warns of a key given twice: kubectl keeps the last value', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n';
    const problems = checkYaml(text);
    expect(listed(problems)).toEqual([
      '5:3 This key is already set in the same map: kubectl keeps the last value and drops the first.',
    ]);
    expect(problems[0]?.severity).toBe('warning');
  });

  it('refuses tabs as indentation at the tab', () => {
    expect(listed(checkYaml('metadata:\n\tname: x\n'))).toEqual([
      '2:1 YAML: line 2: found character that cannot start any token',
    ]);
  });

  it('points at the quote that was never closed, not at the end of the text', () => {
    const problems = checkYaml('apiVersion: v1\nkind: "Pod\nmetadata:\n  name: x\n');
    expect(listed(problems)).toEqual(['2:7 YAML: line 5: found unexpected end of stream']);
    expect(problems[0]?.to).toBe('apiVersion: v1\nkind: "Pod'.length);
  });

  it('reports an error at the very end on the last line, not on the empty line after it', () => {
    const problems = checkYaml('apiVersion: v1\nkind: [Pod\n');
    expect(problems.map((p) => [p.line, p.severity])).toEqual([[2, 'error']]);
  });

  it('says what kubectl would refuse: no apiVersion, no kind, no name, a bad name', () => {
    expect(listed(checkYaml('metadata:\n  name: Web_1\n'))).toEqual([
      '1:1 apiVersion not set: kubectl needs it to know which API to send this to (v1 for a Pod or Namespace, apps/v1 for a Deployment).',
      '1:1 kind not set: kubectl needs to know what this is (Pod, Namespace, Deployment …).',
      '2:9 metadata.name “Web_1” is not a valid name: lowercase letters, digits, “-” and “.”, starting and ending with a letter or digit.',
    ]);
    const noName = checkYaml('apiVersion: v1\nkind: Namespace\nmetadata:\n  labels: {}\n');
    expect(noName.map((p) => [p.line, p.severity, p.message.key])).toEqual([
      [4, 'warning', 'labPanel.editor.check.name'],
    ]);
    // generateName is a valid alternative to a name.
    expect(checkYaml('apiVersion: v1\nkind: Pod\nmetadata:\n  generateName: web-\n')).toEqual([]);
  });

  it('checks each document of a multi-document file, skipping empty ones', () => {
    const text =
      '---\n# only a comment\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\nkind: Namespace\nmetadata:\n  name: b\n';
    expect(listed(checkYaml(text)).map((l) => l.slice(0, 22))).toEqual(['9:1 apiVersion not set']);
  });

  it('says a list is not an object kubectl can create', () => {
    expect(checkYaml('- a\n- b\n').map((p) => [p.line, p.message.key])).toEqual([
      [1, 'labPanel.editor.check.notMap'],
    ]);
  });

  it('refuses control characters and absurd nesting without running the parser into the ground', () => {
    expect(listed(checkYaml('a: b\u0007\n'))).toEqual([
      '1:5 Control character U+0007 is not allowed in a manifest.',
    ]);
    expect(checkYaml(`${'['.repeat(5000)}\n`).map((p) => p.message.key)).toEqual([
      'labPanel.editor.check.tooDeep',
    ]);
  });

  it('lists at most 20 problems', () => {
    const text = Array.from({ length: 40 }, () => '---\nkind: Pod\nmetadata:\n  name: x\n').join(
      '',
    );
    expect(checkYaml(text)).toHaveLength(20);
  });
});

describe('marksByLine', () => {
  it('carries a squiggle that would fall on blanks alone on to the next word', () => {
    const text = 'spec:\n  a: 1\n a: 2\n';
    expect(marksByLine(text, checkYaml(text)).get(3)).toEqual([
      { from: 0, to: 3, severity: 'error' },
    ]);
  });

  it('clips each problem to the lines it spans, in 0-based columns', () => {
    const text = 'kind: Pod\nmetadata:\n  name: Bad_Name\n';
    const marks = marksByLine(text, checkYaml(text));
    expect([...marks.keys()]).toEqual([1, 3]);
    expect(marks.get(1)).toEqual([{ from: 0, to: 9, severity: 'error' }]);
    expect(marks.get(3)).toEqual([{ from: 8, to: 16, severity: 'error' }]);
  });
});

describe('checksAsManifest', () => {
  it('checks manifests, not the starter project’s Dockerfile or page', () => {
    // Both would be "not a map" as YAML.
    expect(checkYaml('FROM nginx\n').length).toBeGreaterThan(0);
    expect(
      ['nginx.yaml', 'app/web.yml', 'green-ns', 'pod.json', '/tmp/x.yaml'].map(checksAsManifest),
    ).toEqual([true, true, true, true, true]);
    expect(
      [
        'Dockerfile',
        'app/Dockerfile',
        'web.Dockerfile',
        'Dockerfile.dev',
        'index.html',
        'notes.txt',
        '.dockerignore',
      ].map(checksAsManifest),
    ).toEqual([false, false, false, false, false, false, false]);
  });
});
