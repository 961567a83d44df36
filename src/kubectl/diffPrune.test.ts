/**
 * `kubectl diff --prune`: what `apply --prune` would delete (objects of the allow-listed kinds,
 * by default prune.go's list with its deprecation warning, that carry a last-applied
 * configuration, match `-l`, sit in a namespace the files' objects go to and are not among
 * them) is written to the LIVE directory only, so the diff shows it removed, the object as
 * listed (managedFields too), the MERGED side dated at the epoch. As the real kubectl 1.32.5
 * printed it through the oracle (bench/kubectlOracle.ts); the directories' names and the times
 * are this console's.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const cm = (name: string, key: string, value: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  labels:
    app: shop
data:
  ${key}: "${value}"
`;

const WARNING =
  'Deprecated: kubectl apply will no longer prune non-namespaced resources by default when used with the --namespace flag in a future release. To preserve the current behaviour, list the resources you want to target explicitly in the --prune-allowlist flag.';

function session() {
  const s = engineSession(3);
  s.host.fs.write('both.yaml', `${cm('p1', 'a', '1')}---\n${cm('p2', 'b', '2')}`);
  s.host.fs.write('one.yaml', cm('p1', 'a', '1'));
  expect(s.run('kubectl apply -f both.yaml').code).toBe(0);
  return s;
}

describe('kubectl diff --prune', () => {
  it('shows the object apply --prune would delete as removed', () => {
    const { run } = session();
    const r = run('kubectl diff -f one.yaml --prune -l app=shop');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      new RegExp(`^W\\d{4} [\\d:.]+ +\\d+ prune\\.go:71\\] ${WARNING.replace(/[.]/g, '\\.')}\\n$`),
    );
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(
      /^diff -u -N \/tmp\/LIVE-\d+\/v1\.ConfigMap\.default\.p2 \/tmp\/MERGED-\d+\/v1\.ConfigMap\.default\.p2$/,
    );
    expect(lines[1]).toMatch(/^--- \/tmp\/LIVE-\d+\/v1\.ConfigMap\.default\.p2\t2026-/);
    expect(lines[2]).toMatch(
      /^\+\+\+ \/tmp\/MERGED-\d+\/v1\.ConfigMap\.default\.p2\t1970-01-01 00:00:00\.000000000 \+0000$/,
    );
    const uid = /uid: (\S+)/.exec(r.out)?.[1] ?? '';
    expect(lines.slice(3).join('\n')).toBe(`@@ -1,32 +0,0 @@
-apiVersion: v1
-data:
-  b: "2"
-kind: ConfigMap
-metadata:
-  annotations:
-    kubectl.kubernetes.io/last-applied-configuration: |
-      {"apiVersion":"v1","data":{"b":"2"},"kind":"ConfigMap","metadata":{"annotations":{},"labels":{"app":"shop"},"name":"p2","namespace":"default"}}
-  creationTimestamp: "2026-01-06T00:00:10Z"
-  labels:
-    app: shop
-  managedFields:
-  - apiVersion: v1
-    fieldsType: FieldsV1
-    fieldsV1:
-      f:data:
-        .: {}
-        f:b: {}
-      f:metadata:
-        f:annotations:
-          .: {}
-          f:kubectl.kubernetes.io/last-applied-configuration: {}
-        f:labels:
-          .: {}
-          f:app: {}
-    manager: kubectl-client-side-apply
-    operation: Update
-    time: "2026-01-06T00:00:10Z"
-  name: p2
-  namespace: default
-  resourceVersion: "${/resourceVersion: "(\d+)"/.exec(r.out)?.[1]}"
-  uid: ${uid}
`);
  });

  it('nothing to prune: exit 0; an allow-list without the kind: nothing; a bad entry is refused', () => {
    const { run } = session();
    expect(run('kubectl diff -f both.yaml --prune -l app=shop').code).toBe(0);
    expect(run('kubectl diff -f one.yaml --prune -l app=other').out).toBe('');
    // An allow-list: no deprecation warning.
    expect(
      run('kubectl diff -f one.yaml --prune -l app=shop --prune-allowlist=core/v1/Secret'),
    ).toEqual({ out: '', err: '', code: 0 });
    expect(
      run('kubectl diff -f one.yaml --prune -l app=shop --prune-allowlist=core/v1/ConfigMap').out,
    ).toContain('v1.ConfigMap.default.p2');
    expect(run('kubectl diff -f one.yaml --prune -l app=shop --prune-allowlist=foo')).toEqual({
      out: '',
      err: 'error: invalid GroupVersionKind format: foo, please follow <group/version/kind>\n',
      code: 2,
    });
    // --prune-allowlist alone prunes nothing.
    expect(
      run('kubectl diff -f one.yaml --prune-allowlist=core/v1/ConfigMap -l app=shop').code,
    ).toBe(0);
  });

  it('the namespaces looked in are those the files go to; a change and a removal sorted by name', () => {
    const { run, host } = session();
    expect(run('kubectl create namespace shop').code).toBe(0);
    expect(run('kubectl apply -f both.yaml -n shop').code).toBe(0);
    const shop = run(
      'kubectl diff -f one.yaml --prune -l app=shop -n shop --prune-allowlist=core/v1/ConfigMap',
    ).out;
    expect(shop.match(/^diff .*$/gm)).toEqual([expect.stringMatching(/v1\.ConfigMap\.shop\.p2$/)]);
    host.fs.write('changed.yaml', cm('p1', 'a', '9'));
    const both = run(
      'kubectl diff -f changed.yaml --prune -l app=shop --prune-allowlist=core/v1/ConfigMap',
    ).out;
    expect(both.match(/^diff .*$/gm)).toEqual([
      expect.stringMatching(/v1\.ConfigMap\.default\.p1$/),
      expect.stringMatching(/v1\.ConfigMap\.default\.p2$/),
    ]);
    expect(both).toContain('-  a: "1"\n+  a: "9"\n');
  });
});
