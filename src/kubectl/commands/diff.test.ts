import { describe, expect, it } from 'vitest';
import { engineSession } from '../testing/engineSession.ts';

const web = (replicas: number, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: ${image}
`;

const CM = `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  mode: fast
`;

describe('kubectl diff', () => {
  it('diffs live against the dry-run apply: generation and spec change, a new object is all +', () => {
    const { run, host } = engineSession(3);
    host.fs.write('web.yaml', web(2, 'nginx:1.25'));
    run('kubectl apply -f web.yaml');
    host.fs.write('web.yaml', web(3, 'nginx:1.27'));
    host.fs.write('cm.yaml', CM);
    const r = run('kubectl diff -f web.yaml -f cm.yaml');
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    const uid = /uid: (\S+)/.exec(r.out)?.[1] ?? '';
    const cmUid = /\+ {2}uid: (\S+)/.exec(r.out)?.[1] ?? '';
    expect(
      r.out,
    ).toBe(`diff -u -N /tmp/LIVE-371464470/apps.v1.Deployment.default.web /tmp/MERGED-837152116/apps.v1.Deployment.default.web
--- /tmp/LIVE-371464470/apps.v1.Deployment.default.web\t2026-01-06 00:00:35.004250623 +0000
+++ /tmp/MERGED-837152116/apps.v1.Deployment.default.web\t2026-01-06 00:00:35.004343606 +0000
@@ -6,14 +6,14 @@
     kubectl.kubernetes.io/last-applied-configuration: |
       {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.25","name":"nginx"}]}}}}
   creationTimestamp: "2026-01-06T00:00:10Z"
-  generation: 1
+  generation: 2
   name: web
   namespace: default
   resourceVersion: "285"
   uid: ${uid}
 spec:
   progressDeadlineSeconds: 600
-  replicas: 2
+  replicas: 3
   revisionHistoryLimit: 10
   selector:
     matchLabels:
@@ -30,7 +30,7 @@
         app: web
     spec:
       containers:
-      - image: nginx:1.25
+      - image: nginx:1.27
         imagePullPolicy: IfNotPresent
         name: nginx
         resources: {}
diff -u -N /tmp/LIVE-371464470/v1.ConfigMap.default.cfg /tmp/MERGED-837152116/v1.ConfigMap.default.cfg
--- /tmp/LIVE-371464470/v1.ConfigMap.default.cfg\t2026-01-06 00:00:35.008998540 +0000
+++ /tmp/MERGED-837152116/v1.ConfigMap.default.cfg\t2026-01-06 00:00:35.009081776 +0000
@@ -0,0 +1,9 @@
+apiVersion: v1
+data:
+  mode: fast
+kind: ConfigMap
+metadata:
+  creationTimestamp: "2026-01-06T00:00:35Z"
+  name: cfg
+  namespace: default
+  uid: ${cmUid}
`);
    // Nothing was changed or created: the diff was a dry run.
    expect(run('kubectl get deploy web -o jsonpath={.spec.replicas}').out).toBe('2');
    expect(run('kubectl get cm cfg').code).toBe(1);
  });

  it('exits 0 with no output when applying would change nothing', () => {
    const { run, host } = engineSession(3);
    host.fs.write('web.yaml', web(2, 'nginx:1.25'));
    run('kubectl apply -f web.yaml');
    expect(run('kubectl diff -f web.yaml')).toEqual({ out: '', err: '', code: 0 });
  });

  it('shows a scale made outside the file as the apply would undo it', () => {
    const { run, host } = engineSession(3);
    host.fs.write('web.yaml', web(2, 'nginx:1.25'));
    run('kubectl apply -f web.yaml');
    run('kubectl scale deploy web --replicas=5');
    const r = run('kubectl diff -f web.yaml');
    expect(r.code).toBe(1);
    const hunk = r.out.split('\n').filter((l) => /^[-+] /.test(l));
    expect(hunk).toEqual([
      '-  generation: 2',
      '+  generation: 3',
      '-  replicas: 5',
      '+  replicas: 2',
    ]);
  });

  it("masks a Secret's data", () => {
    const { run, host } = engineSession(3);
    host.fs.write(
      's.yaml',
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  a: b25l\n  b: dHdv\n',
    );
    run('kubectl apply -f s.yaml');
    host.fs.write(
      's.yaml',
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  a: b25l\n  b: VFdP\n  c: eA==\n',
    );
    const lines = run('kubectl diff -f s.yaml')
      .out.split('\n')
      .filter((l) => /^[-+ ] {2}[abc]:/.test(l));
    expect(lines).toEqual([
      "   a: '***'",
      "-  b: '*** (before)'",
      "+  b: '*** (after)'",
      "+  c: '***'",
    ]);
  });

  it('errors exit 2: no -f, a missing file, arguments, a bad flag, a server refusal', () => {
    const { run, host } = engineSession(3);
    expect(run('kubectl diff')).toEqual({
      out: '',
      err: 'error: must specify one of -f and -k\n',
      code: 2,
    });
    expect(run('kubectl diff -f nope.yaml')).toEqual({
      out: '',
      err: 'error: the path "nope.yaml" does not exist\n',
      code: 2,
    });
    host.fs.write('cm.yaml', CM);
    expect(run('kubectl diff -f cm.yaml extra')).toEqual({
      out: '',
      err: "error: Unexpected args: [extra]\nSee 'kubectl diff -h' for help and examples\n",
      code: 2,
    });
    expect(run('kubectl diff -f cm.yaml --nope')).toEqual({
      out: '',
      err: "error: unknown flag: --nope\nSee 'kubectl diff -h' for help and examples\n",
      code: 2,
    });
    host.fs.write('web.yaml', web(2, 'nginx:1.25'));
    run('kubectl apply -f web.yaml');
    host.fs.write('web.yaml', web(-1, 'nginx:1.25'));
    expect(run('kubectl diff -f web.yaml')).toEqual({
      out: '',
      err: 'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n',
      code: 2,
    });
    expect(run('kubectl diff -f cm.yaml -n missing')).toEqual({
      out: '',
      err: 'Error from server (NotFound): namespaces "missing" not found\n',
      code: 2,
    });
  });
});
