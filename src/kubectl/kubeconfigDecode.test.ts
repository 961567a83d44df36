/**
 * A kubeconfig file that does not decode (`--kubeconfig bad.yaml`, `KUBECONFIG=bad.yaml`): kubectl
 * stops with clientcmd's error, go-yaml's syntax message and line, or encoding/json's first type
 * error (fields met in sorted order), or base64's. Texts as the real kubectl 1.32.5 printed them
 * for the same files (bench/kubectlOracle.ts --offline).
 */
import { describe, expect, it } from 'vitest';
import { goBase64Error } from './kubeconfigDecode.ts';
import { engineSession } from './testing/engineSession.ts';

function loadError(text: string, line = 'kubectl --kubeconfig bad.yaml get pods'): string {
  const { run } = engineSession(1);
  expect(
    run(`printf -- '${text.replace(/\n/g, '\\n').replace(/\t/g, '\\t')}' > bad.yaml`).code,
  ).toBe(0);
  const r = run(line);
  expect(r.code).toBe(1);
  expect(r.out).toBe('');
  return r.err;
}

const loading = (what: string) => `error: error loading config file "bad.yaml": ${what}\n`;

describe('a kubeconfig that does not decode', () => {
  it("YAML mistakes: go-yaml's message and line, not the yaml library's", () => {
    const head = 'apiVersion: v1\nkind: Config\n';
    // A tab in the indentation.
    expect(loadError(`${head}\tclusters: []\n`)).toBe(
      loading('yaml: line 3: found a tab character that violates indentation'),
    );
    // On line 1 go-yaml gives no line at all.
    expect(loadError('\tapiVersion: v1\n')).toBe(
      loading('yaml: found character that cannot start any token'),
    );
    // Bad indentation: a parser error names the line before (its 0-based line).
    expect(loadError(`${head}clusters:\n- cluster:\n    server: https://x\n   name: a\n`)).toBe(
      loading('yaml: line 5: did not find expected key'),
    );
    expect(loadError(`${head}users:\n- name: a\n  user:\n    token: x\n  - name: b\n`)).toBe(
      loading('yaml: line 6: did not find expected key'),
    );
    // Unclosed quote, bracket, brace.
    expect(loadError(`${head}current-context: "abc\n`)).toBe(
      loading('yaml: line 4: found unexpected end of stream'),
    );
    expect(loadError(`${head}clusters: [a, b\n`)).toBe(
      loading("yaml: line 3: did not find expected ',' or ']'"),
    );
    expect(loadError(`${head}clusters: {\n`)).toBe(
      loading('yaml: line 3: did not find expected node content'),
    );
    // A colon inside a plain value.
    expect(loadError(`${head}current-context: abc: def\n`)).toBe(
      loading('yaml: line 3: mapping values are not allowed in this context'),
    );
    // The lab's default file and $KUBECONFIG go the same way.
    expect(loadError(`${head}clusters: [a, b\n`, 'KUBECONFIG=bad.yaml kubectl config view')).toBe(
      loading("yaml: line 3: did not find expected ',' or ']'"),
    );
  });

  it("values of the wrong type: encoding/json's first error, keys in sorted order", () => {
    // A mapping where a list is expected.
    expect(loadError('apiVersion: v1\nkind: Config\nclusters:\n  name: a\n')).toBe(
      loading(
        'json: cannot unmarshal object into Go struct field Config.clusters of type []v1.NamedCluster',
      ),
    );
    // clusters sorts before current-context and users.
    expect(loadError('users: a\ncurrent-context: 5\nclusters: 5\n')).toBe(
      loading(
        'json: cannot unmarshal number into Go struct field Config.clusters of type []v1.NamedCluster',
      ),
    );
    expect(loadError('clusters:\n- name: a\n  cluster: hello\n')).toBe(
      loading(
        'json: cannot unmarshal string into Go struct field NamedCluster.clusters.cluster of type v1.Cluster',
      ),
    );
    // YAML 1.1: yes, on and y are booleans to go-yaml v2.
    expect(loadError('users:\n- name: a\n  user:\n    username: yes\n')).toBe(
      loading(
        'json: cannot unmarshal bool into Go struct field AuthInfo.users.user.username of type string',
      ),
    );
    // A repeated key: the last value counts.
    expect(loadError('users:\n- name: a\n  user:\n    token: x\n    token: y\n')).toBe(
      loading(
        'json: cannot unmarshal bool into Go struct field AuthInfo.users.user.token of type string',
      ),
    );
    expect(
      loadError('users:\n- name: a\n  user:\n    auth-provider:\n      config:\n        a: 5\n'),
    ).toBe(
      loading(
        'json: cannot unmarshal number into Go struct field AuthProviderConfig.users.user.auth-provider.config of type string',
      ),
    );
    expect(loadError('clusters:\n- name: a\n  cluster:\n    certificate-authority-data: 5\n')).toBe(
      loading(
        'json: cannot unmarshal number into Go struct field Cluster.clusters.cluster.certificate-authority-data of type []uint8',
      ),
    );
    expect(loadError('users:\n- user:\n    client-key-data: abc\n')).toBe(
      loading('illegal base64 data at input byte 0'),
    );
  });

  it('not a Config: version/kind errors', () => {
    expect(loadError('hello\n')).toBe(
      loading(
        `couldn't get version/kind; json parse error: json: cannot unmarshal string into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`,
      ),
    );
    expect(loadError('true\n')).toContain('cannot unmarshal bool into Go value of type struct');
    expect(loadError('kind: 5\n')).toBe(
      loading(
        "couldn't get version/kind; json parse error: json: cannot unmarshal number into Go struct field .kind of type string",
      ),
    );
    expect(loadError('apiVersion: v2\nkind: Config\n')).toBe(
      loading(
        'no kind "Config" is registered for version "v2" in scheme "k8s.io/client-go/tools/clientcmd/api/latest/latest.go:50"',
      ),
    );
    expect(loadError('kind: Pod\napiVersion: v1\n')).toBe(
      loading(
        'no kind "Pod" is registered for version "v1" in scheme "k8s.io/client-go/tools/clientcmd/api/latest/latest.go:50"',
      ),
    );
  });

  it('version --client loads no kubeconfig, broken or missing', () => {
    const { run } = engineSession(1);
    run("printf 'a: [\\n' > bad.yaml");
    for (const file of ['bad.yaml', 'nope.yaml']) {
      expect(run(`kubectl --kubeconfig ${file} version --client`)).toEqual({
        out: 'Client Version: v1.32.5\nKustomize Version: v5.5.0\n',
        err: '',
        code: 0,
      });
    }
    expect(run('kubectl --kubeconfig bad.yaml version').err).toBe(
      loading('yaml: line 1: did not find expected node content'),
    );
  });

  it("Go's base64 decoder: where the first bad byte is", () => {
    expect(goBase64Error('YWJj')).toBeUndefined();
    expect(goBase64Error('YWI=')).toBeUndefined();
    expect(goBase64Error('YW\nJj')).toBeUndefined();
    expect(goBase64Error('abc')).toBe(0);
    expect(goBase64Error('!!!')).toBe(0);
    expect(goBase64Error('YQ=x')).toBe(2);
    expect(goBase64Error('YW==')).toBeUndefined();
    expect(goBase64Error('Y===')).toBe(1);
    expect(goBase64Error('YWJjZA==YQ')).toBe(8);
    expect(goBase64Error('YWJjZ')).toBe(4);
  });

  it('$KUBECONFIG: every file listed is loaded; one error is error: …, several a line each', () => {
    const { run } = engineSession(1);
    run("printf 'a: [\\n' > b1.yaml");
    run("printf 'clusters: 5\\n' > b2.yaml");
    run('kubectl config view --raw > good.yaml');
    const b1 =
      'error loading config file "b1.yaml": yaml: line 1: did not find expected node content';
    const b2 =
      'error loading config file "b2.yaml": json: cannot unmarshal number into Go struct field Config.clusters of type []v1.NamedCluster';
    expect(run('KUBECONFIG=good.yaml:b1.yaml kubectl get pods')).toEqual({
      out: '',
      err: `error: ${b1}\n`,
      code: 1,
    });
    expect(run('KUBECONFIG=b1.yaml:b2.yaml kubectl get pods').err).toBe(`${b1}\n${b2}\n`);
    expect(run('KUBECONFIG=nope.yaml:good.yaml kubectl config current-context').out).toBe(
      'kubernetes-admin@kubernetes\n',
    );
  });
});
