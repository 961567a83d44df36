/**
 * Files in containers across `kubectl exec` calls: what one exec writes is there for the next
 * (in the container's layer, or in the volume it wrote in), the pod's containers share their
 * volumes (a loop writing a log in one is read in the other), and nginx serves the volume
 * mounted on its html directory, as the docs' shared-volume and ConfigMap pages show.
 */
import { describe, expect, it } from 'vitest';
import { replay } from '../engine/cluster.ts';
import { hostForCluster } from './engineHost.ts';
import { runLine } from './index.ts';
import { engineSession } from './testing/engineSession.ts';

/** A pod of two busybox containers sharing an emptyDir: `writer` appends a date every 5 s. */
const SHARED = `apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  volumes:
  - name: shared
    emptyDir: {}
  containers:
  - name: writer
    image: busybox
    command: [sh, -c, 'while true; do date >> /out/log.txt; sleep 5; done']
    volumeMounts:
    - {name: shared, mountPath: /out}
  - name: reader
    image: busybox
    command: [sleep, '3600']
    volumeMounts:
    - {name: shared, mountPath: /in}
`;

describe('files across kubectl exec', () => {
  it("the docs' two-containers pod: nginx serves what the debian container wrote", () => {
    const { run } = engineSession(3);
    run('kubectl apply -f https://k8s.io/examples/pods/two-container-pod.yaml');
    expect(
      run('kubectl exec two-containers -c nginx-container -- cat /usr/share/nginx/html/index.html'),
    ).toEqual({ out: 'Hello from the debian container\n', err: '', code: 0 });
    expect(run('kubectl exec two-containers -c nginx-container -- curl -s localhost').out).toBe(
      'Hello from the debian container\n',
    );
    expect(
      run('kubectl exec two-containers -c nginx-container -- ls /usr/share/nginx/html').out,
    ).toBe('index.html\n');
  });

  it("one container's loop writes a shared emptyDir, the other reads it", () => {
    const { run, host } = engineSession(3);
    host.fs.write('two.yaml', SHARED);
    run('kubectl apply -f two.yaml');
    host.runUntil(() => false, 30000);
    const read = run('kubectl exec two -c reader -- cat /in/log.txt');
    expect(read.code).toBe(0);
    const lines = read.out.split('\n').filter((l) => l !== '');
    expect(lines.length).toBeGreaterThanOrEqual(6);
    for (const l of lines)
      expect(l).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}$/);
    // One date every 5 seconds.
    const secs = lines.map((l) => Date.parse(l.replace(' UTC', ' GMT')) / 1000);
    for (let i = 1; i < secs.length; i++) expect((secs[i] ?? 0) - (secs[i - 1] ?? 0)).toBe(5);
    // The writer sees the same file under its own mount path.
    expect(run('kubectl exec two -c writer -- cat /out/log.txt').out.startsWith(read.out)).toBe(
      true,
    );
    expect(run('kubectl exec two -c reader -- ls /in').out).toBe('log.txt\n');
    expect(run('kubectl exec two -c reader -- cat /in/nope.txt')).toEqual({
      out: '',
      err: "cat: can't open '/in/nope.txt': No such file or directory\ncommand terminated with exit code 1\n",
      code: 1,
    });
  });

  it("an exec's files stay: in the container's layer for it alone, in a volume for all", () => {
    const { run, host } = engineSession(3);
    host.fs.write('two.yaml', SHARED);
    run('kubectl apply -f two.yaml');
    run(`kubectl exec two -c reader -- sh -c 'echo hi > /tmp/note'`);
    expect(run('kubectl exec two -c reader -- cat /tmp/note').out).toBe('hi\n');
    // Another container has its own layer.
    expect(run('kubectl exec two -c writer -- cat /tmp/note')).toEqual({
      out: '',
      err: "cat: can't open '/tmp/note': No such file or directory\ncommand terminated with exit code 1\n",
      code: 1,
    });
    run(`kubectl exec two -c reader -- sh -c 'echo yo > /in/msg; echo again >> /in/msg'`);
    expect(run('kubectl exec two -c writer -- cat /out/msg').out).toBe('yo\nagain\n');
    run('kubectl exec two -c writer -- rm /out/msg');
    expect(run('kubectl exec two -c reader -- cat /in/msg').code).toBe(1);
    // A new pod of the same name has a new, empty emptyDir.
    run(`kubectl exec two -c reader -- sh -c 'echo kept > /in/kept'`);
    run('kubectl delete pod two');
    run('kubectl apply -f two.yaml');
    expect(run('kubectl exec two -c reader -- cat /in/kept').err).toContain(
      "cat: can't open '/in/kept': No such file or directory",
    );
  });

  it('a replay of the cluster brings the files back', () => {
    const { run, host, cluster } = engineSession(3);
    host.fs.write('two.yaml', SHARED);
    run('kubectl apply -f two.yaml');
    run(`kubectl exec two -c reader -- sh -c 'echo hi > /tmp/note; echo vol > /in/v'`);
    const again = replay(cluster.inputs, { seed: 3 });
    again.settle();
    const host2 = hostForCluster(again);
    expect(runLine(host2, 'kubectl exec two -c reader -- cat /tmp/note /in/v').stdout).toBe(
      'hi\nvol\n',
    );
  });

  it('nginx serves a ConfigMap mounted on its html directory, and 403 for an empty one', () => {
    const { run, host } = engineSession(3);
    run(`kubectl create configmap page --from-literal=index.html='<h1>custom</h1>'`);
    host.fs.write(
      'web.yaml',
      `apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  volumes: [{name: page, configMap: {name: page}}, {name: empty, emptyDir: {}}]
  containers:
  - {name: nginx, image: nginx, volumeMounts: [{name: page, mountPath: /usr/share/nginx/html}]}
---
apiVersion: v1
kind: Pod
metadata: {name: bare}
spec:
  volumes: [{name: empty, emptyDir: {}}]
  containers:
  - {name: nginx, image: nginx, volumeMounts: [{name: empty, mountPath: /usr/share/nginx/html}]}
`,
    );
    run('kubectl apply -f web.yaml');
    run('kubectl expose pod web --port=80');
    run('kubectl run c --image=busybox --restart=Never -- sleep 3600');
    expect(run('kubectl exec c -- wget -qO- web')).toEqual({
      out: '<h1>custom</h1>',
      err: '',
      code: 0,
    });
    expect(run('kubectl exec c -- wget -qO- web/nope.html')).toEqual({
      out: '',
      err: 'wget: server returned error: HTTP/1.1 404 Not Found\ncommand terminated with exit code 1\n',
      code: 1,
    });
    expect(run(`kubectl exec bare -- curl -s -o /dev/null -w '%{http_code}' localhost`).out).toBe(
      '403',
    );
    expect(run('kubectl exec bare -- curl -s localhost').out).toBe(
      '<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx/1.29.3</center>\r\n</body>\r\n</html>\r\n',
    );
    // What an exec writes in the volume is served next.
    run(`kubectl exec bare -- sh -c 'echo made here > /usr/share/nginx/html/index.html'`);
    expect(run('kubectl exec bare -- curl -s localhost').out).toBe('made here\n');
  });

  it("the kubelet's exec probe sees an exec's rm: liveness fails, the restart brings a new layer", () => {
    const { run, host } = engineSession(3);
    host.fs.write(
      'live.yaml',
      `apiVersion: v1
kind: Pod
metadata: {name: live}
spec:
  containers:
  - name: c
    image: busybox
    args: [/bin/sh, -c, "touch /tmp/healthy; sleep 3600"]
    livenessProbe: {exec: {command: [cat, /tmp/healthy]}, periodSeconds: 5}
`,
    );
    run('kubectl apply -f live.yaml');
    host.runUntil(() => false, 20000);
    expect(run('kubectl get pod live').out).toMatch(/live {3}1\/1 {5}Running {3}0 /);
    run('kubectl exec live -- rm /tmp/healthy');
    host.runUntil(() => false, 60000);
    const events = run('kubectl describe pod live').out;
    expect(events).toMatch(
      /Warning {2}Unhealthy {2}\S+ \(x3 over \S+\) +kubelet +Liveness probe failed: cat: can't open '\/tmp\/healthy': No such file or directory\n/,
    );
    expect(events).toContain('Container c failed liveness probe, will be restarted');
    expect(run('kubectl get pod live').out).toMatch(/live {3}1\/1 {5}Running {3}1 \(/);
    // The new container's script made the file again in its own layer.
    expect(run('kubectl exec live -- ls /tmp').out).toBe('healthy\n');
  });

  it("nginx's own files: its config and pages can be read, an edited index.html is served", () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx');
    run('kubectl expose deploy web --port=80');
    run('kubectl run c --image=busybox --restart=Never -- sleep 3600');
    expect(run('kubectl exec deploy/web -- cat /etc/nginx/conf.d/default.conf').out).toContain(
      'server {\n    listen       80;\n    listen  [::]:80;\n    server_name  localhost;\n',
    );
    expect(run('kubectl exec deploy/web -- ls /usr/share/nginx/html').out).toBe(
      '50x.html\nindex.html\n',
    );
    expect(run('kubectl exec deploy/web -- cat /usr/share/nginx/html/index.html').out).toContain(
      '<h1>Welcome to nginx!</h1>',
    );
    run(
      `kubectl exec deploy/web -- sh -c 'echo "<h1>edited</h1>" > /usr/share/nginx/html/index.html'`,
    );
    expect(run('kubectl exec c -- wget -qO- web').out).toBe('<h1>edited</h1>\n');
    expect(run('kubectl exec c -- wget -qO- web/50x.html').out).toContain(
      '<h1>An error occurred.</h1>',
    );
    run('kubectl exec deploy/web -- rm /usr/share/nginx/html/index.html');
    expect(run('kubectl exec c -- wget -qO- web')).toEqual({
      out: '',
      err: 'wget: server returned error: HTTP/1.1 403 Forbidden\ncommand terminated with exit code 1\n',
      code: 1,
    });
  });

  it("nginx logs the requests an exec's wget and curl send it", () => {
    const { run } = engineSession(3);
    run('kubectl run web --image=nginx --labels=app=web');
    run('kubectl expose pod web --port=80');
    run('kubectl run bb --image=busybox:1.36 -- sleep 3600');
    run('kubectl run cu --image=curlimages/curl -- sleep 3600');
    const ip = (pod: string) => run(`kubectl get pod ${pod} -o jsonpath='{.status.podIP}'`).out;
    run('kubectl exec bb -- wget -qO- web/nope');
    run('kubectl exec cu -- curl -s web');
    run('kubectl exec web -- curl -s localhost');
    const lines = run('kubectl logs web --tail=3').out.split('\n');
    const at = String.raw`\[\d\d/Jan/2026:\d\d:\d\d:\d\d \+0000\]`;
    expect(lines[0]).toMatch(
      new RegExp(
        `^${ip('bb').replace(/\./g, '\\.')} - - ${at} "GET /nope HTTP/1.1" 404 153 "-" "Wget" "-"$`,
      ),
    );
    expect(lines[1]).toMatch(
      new RegExp(
        `^${ip('cu').replace(/\./g, '\\.')} - - ${at} "GET / HTTP/1.1" 200 615 "-" "curl/8.12.1" "-"$`,
      ),
    );
    expect(lines[2]).toMatch(
      new RegExp(`^127\\.0\\.0\\.1 - - ${at} "GET / HTTP/1.1" 200 615 "-" "curl/7.88.1" "-"$`),
    );
  });
});
