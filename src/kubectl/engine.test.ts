/**
 * Golden transcripts against the real simulated cluster (createCluster({ seed: 1 })): the
 * study note's flow verbatim, and the server errors as kubectl renders them.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine/index.ts';
import { hostForCluster } from './engineHost.ts';
import { runLine } from './shell.ts';

function session() {
  const cluster = createCluster({ seed: 1 });
  cluster.settle();
  const host = hostForCluster(cluster);
  /** `$ line` then stdout then stderr (no test here mixes them), settling after each line. */
  const transcript = (lines: string[]): string =>
    lines
      .map((line) => {
        const r = runLine(host, line);
        host.settle();
        return `$ ${line}\n${r.stdout}${r.stderr}`;
      })
      .join('');
  return { cluster, host, transcript };
}

describe('study note flow on the simulated cluster', () => {
  it('matches the golden transcript', () => {
    const { transcript } = session();
    expect(
      transcript([
        'kubectl get nodes',
        'kubectl get namespaces',
        'kubectl create namespace blue',
        'kubectl create namespace green --dry-run=client -o yaml > green-ns.yaml',
        'cat green-ns.yaml',
        'kubectl create -f green-ns.yaml',
        'kubectl create -f nginx.yaml -n blue',
        'kubectl get pods -n blue',
        'kubectl get pod',
        'kubectl config set-context --current --namespace=blue',
        'kubectl get pods',
        'kubectl delete namespace blue',
        'kubectl get namespaces',
      ]),
    ).toBe(`$ kubectl get nodes
NAME            STATUS   ROLES           AGE   VERSION
control-plane   Ready    control-plane   5d    v1.32.2
node1           Ready    <none>          5d    v1.32.2
node2           Ready    <none>          5d    v1.32.2
node3           Ready    <none>          5d    v1.32.2
$ kubectl get namespaces
NAME              STATUS   AGE
default           Active   5d
kube-node-lease   Active   5d
kube-public       Active   5d
kube-system       Active   5d
$ kubectl create namespace blue
namespace/blue created
$ kubectl create namespace green --dry-run=client -o yaml > green-ns.yaml
$ cat green-ns.yaml
apiVersion: v1
kind: Namespace
metadata:
  creationTimestamp: null
  name: green
spec: {}
status: {}
$ kubectl create -f green-ns.yaml
namespace/green created
$ kubectl create -f nginx.yaml -n blue
pod/nginx created
$ kubectl get pods -n blue
NAME    READY   STATUS    RESTARTS   AGE
nginx   1/1     Running   0          25s
$ kubectl get pod
No resources found in default namespace.
$ kubectl config set-context --current --namespace=blue
Context "kubernetes-admin@kubernetes" modified.
$ kubectl get pods
NAME    READY   STATUS    RESTARTS   AGE
nginx   1/1     Running   0          70s
$ kubectl delete namespace blue
namespace "blue" deleted
$ kubectl get namespaces
NAME              STATUS   AGE
default           Active   5d
green             Active   115s
kube-node-lease   Active   5d
kube-public       Active   5d
kube-system       Active   5d
`);
  });

  it("records kubectl's requests as messages from the kubectl actor", () => {
    const { cluster, host } = session();
    const before = cluster.messages.length;
    runLine(host, 'kubectl create namespace blue');
    const mine = cluster.messages.slice(before).filter((m) => m.from === 'kubectl');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((m) => m.to === 'api-server')).toBe(true);
  });

  it('waiting for a deletion does not poll the API server (one DELETE, then a quiet wait)', () => {
    const { cluster, host } = session();
    runLine(host, 'kubectl create namespace blue');
    runLine(host, 'kubectl run web --image=nginx -n blue');
    host.settle();
    const before = cluster.messages.length;
    expect(runLine(host, 'kubectl delete namespace blue').stdout).toBe(
      'namespace "blue" deleted\n',
    );
    const mine = cluster.messages
      .slice(before)
      .filter((m) => m.from === 'kubectl' || m.to === 'kubectl');
    expect(mine.map((m) => m.kind)).toEqual(['api.delete', 'api.response']);
    expect(cluster.peek('namespaces', undefined, 'blue')).toBeUndefined();
  });

  it('a namespace is Terminating until its content is gone; creates in it are Forbidden', () => {
    const { host } = session();
    runLine(host, 'kubectl create namespace blue');
    runLine(host, 'kubectl run web --image=nginx -n blue');
    host.settle();
    expect(runLine(host, 'kubectl delete namespace blue --wait=false').stdout).toBe(
      'namespace "blue" deleted\n',
    );
    expect(runLine(host, 'kubectl get ns blue --no-headers').stdout).toMatch(
      /^blue {3}Terminating {3}\d+s\n$/,
    );
    expect(runLine(host, 'kubectl run api --image=nginx -n blue')).toEqual({
      stdout: '',
      stderr:
        'Error from server (Forbidden): pods "api" is forbidden: unable to create new content in namespace blue because it is being terminated\n',
      exitCode: 1,
    });
    host.settle();
    expect(runLine(host, 'kubectl get ns blue').stderr).toBe(
      'Error from server (NotFound): namespaces "blue" not found\n',
    );
  });

  it('renders server errors like kubectl', () => {
    const { transcript } = session();
    expect(
      transcript([
        'kubectl create namespace blue',
        'kubectl create namespace blue',
        'kubectl create deployment web --image=nginx -n nope',
        'kubectl run web --image=nginx -n nope',
        'kubectl delete namespace default',
        'kubectl delete pod nope',
        'kubectl get deploy nope',
      ]),
    ).toBe(`$ kubectl create namespace blue
namespace/blue created
$ kubectl create namespace blue
Error from server (AlreadyExists): namespaces "blue" already exists
$ kubectl create deployment web --image=nginx -n nope
error: failed to create deployment: namespaces "nope" not found
$ kubectl run web --image=nginx -n nope
Error from server (NotFound): namespaces "nope" not found
$ kubectl delete namespace default
Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted
$ kubectl delete pod nope
Error from server (NotFound): pods "nope" not found
$ kubectl get deploy nope
Error from server (NotFound): deployments.apps "nope" not found
`);
  });

  it('a stale resourceVersion is a Conflict', () => {
    const { transcript } = session();
    expect(
      transcript([
        'kubectl create ns blue',
        'kubectl get ns blue -o yaml > blue.yaml',
        'kubectl replace -f blue.yaml',
        'kubectl replace -f blue.yaml',
      ]),
    ).toBe(`$ kubectl create ns blue
namespace/blue created
$ kubectl get ns blue -o yaml > blue.yaml
$ kubectl replace -f blue.yaml
namespace/blue replaced
$ kubectl replace -f blue.yaml
Error from server (Conflict): error when replacing "blue.yaml": Operation cannot be fulfilled on namespaces "blue": the object has been modified; please apply your changes to the latest version and try again
`);
  });

  it('a deployment rolls out: READY 2/2 and the pods Running', () => {
    const { host } = session();
    expect(runLine(host, 'kubectl create deployment web --image=nginx --replicas=2').stdout).toBe(
      'deployment.apps/web created\n',
    );
    host.settle();
    expect(runLine(host, 'kubectl rollout status deployment/web').stdout).toBe(
      'deployment "web" successfully rolled out\n',
    );
    expect(runLine(host, 'kubectl get deploy web --no-headers').stdout).toMatch(
      /^web {3}2\/2 {3}2 {5}2 {5}\d+s\n$/,
    );
    const pods = runLine(host, 'kubectl get pods --no-headers').stdout.trim().split('\n');
    expect(pods).toHaveLength(2);
    for (const p of pods)
      expect(p).toMatch(
        /^web-[bcdfghjklmnpqrstvwxz2456789]{9,10}-[bcdfghjklmnpqrstvwxz2456789]{5} {3}1\/1 {3}Running {3}0 {5}\d+s$/,
      );
    const describe = runLine(host, 'kubectl describe deployment web').stdout;
    expect(describe).toContain(
      'Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable\n',
    );
    expect(describe).toMatch(
      /ScalingReplicaSet {2}\d+s {3}deployment-controller {2}Scaled up replica set web-\w+ from 0 to 2\n$/,
    );
  });

  it('a missing image ends in ImagePullBackOff', () => {
    const { host } = session();
    runLine(host, 'kubectl run bad --image=nginx:doesnotexist');
    host.settle();
    expect(runLine(host, 'kubectl get pod bad --no-headers').stdout).toMatch(
      /^bad {3}0\/1 {3}(ImagePullBackOff|ErrImagePull) {3}0 {4,}\d+s\n$/,
    );
  });
});

describe('commands on the simulated cluster', () => {
  it('scale, expose, endpoints, cordon, drain, uncordon and delete', () => {
    const { host } = session();
    const run = (line: string) => {
      const r = runLine(host, line);
      host.settle();
      return r;
    };
    expect(run('kubectl create deployment web --image=nginx --replicas=2 --port=80').stdout).toBe(
      'deployment.apps/web created\n',
    );
    expect(run('kubectl scale deployment web --replicas=3').stdout).toBe(
      'deployment.apps/web scaled\n',
    );
    expect(run('kubectl get deploy web --no-headers').stdout).toMatch(
      /^web {3}3\/3 {3}3 {5}3 {5}\d+s\n$/,
    );
    expect(run('kubectl expose deployment web --port=80').stdout).toBe('service/web exposed\n');
    expect(run('kubectl get svc web --no-headers').stdout).toMatch(
      /^web {3}ClusterIP {3}10\.\d+\.\d+\.\d+ {3}<none> {3}80\/TCP {3}\d+s\n$/,
    );
    expect(run('kubectl get ep web --no-headers').stdout).toMatch(
      /^web {3}(10\.244\.\d+\.\d+:80,){2}10\.244\.\d+\.\d+:80 {3}\d+s\n$/,
    );
    expect(run('kubectl cordon node1').stdout).toBe('node/node1 cordoned\n');
    expect(run('kubectl get nodes node1 --no-headers').stdout).toBe(
      'node1   Ready,SchedulingDisabled   <none>   5d    v1.32.2\n',
    );
    const drain = run('kubectl drain node1 --ignore-daemonsets');
    expect(drain.exitCode).toBe(0);
    expect(drain.stdout).toMatch(
      /^node\/node1 already cordoned\n(evicting pod default\/web-\S+\n)*(pod\/web-\S+ evicted\n)*node\/node1 drained\n$/,
    );
    expect(drain.stderr).toMatch(
      /^Warning: ignoring DaemonSet-managed Pods: kube-system\/kube-proxy-\w{5}\n/,
    );
    const nodes = run('kubectl get pods -o wide --no-headers').stdout.trim().split('\n');
    expect(nodes).toHaveLength(3);
    for (const line of nodes) expect(line).not.toContain(' node1 ');
    expect(run('kubectl uncordon node1').stdout).toBe('node/node1 uncordoned\n');
    expect(run('kubectl delete deployment web').stdout).toBe('deployment.apps "web" deleted\n');
    expect(run('kubectl get rs,pods')).toEqual({
      stdout: '',
      stderr: 'No resources found in default namespace.\n',
      exitCode: 0,
    });
  });

  it('drain refuses DaemonSet pods without --ignore-daemonsets', () => {
    const { host } = session();
    const r = runLine(host, 'kubectl drain node2');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('node/node2 cordoned\n');
    expect(r.stderr).toMatch(
      /^error: unable to drain node "node2" due to error: cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-system\/kube-proxy-\w{5}, continuing command\.\.\.\nThere are pending nodes to be drained:\n node2\ncannot delete DaemonSet-managed Pods/,
    );
  });

  it('logs, describe node and get -A on the kubeadm cluster', () => {
    const { host } = session();
    runLine(host, 'kubectl run web --image=nginx');
    host.settle();
    expect(runLine(host, 'kubectl logs web --tail=1').stdout).toMatch(
      /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[notice\] 1#1: start worker process \d+\n$/,
    );
    const node = runLine(host, 'kubectl describe node control-plane').stdout;
    expect(node).toMatch(/^Name: {15}control-plane\nRoles: {14}control-plane\n/);
    expect(node).toContain(
      'Taints:             node-role.kubernetes.io/control-plane:NoSchedule\n',
    );
    expect(node).toMatch(/\nNon-terminated Pods: {10}\(\d+ in total\)\n/);
    const all = runLine(host, 'kubectl get pods -A --no-headers').stdout;
    // --no-headers: the NAMESPACE column is as wide as kube-system plus 3.
    expect(all).toMatch(/^default {7}web +1\/1 {3}Running/m);
    expect(all).toMatch(/^kube-system {3}etcd-control-plane +1\/1 {3}Running/m);
  });
});

describe('kubectl wait on the simulated cluster', () => {
  it('waits for conditions and deletion, times out like kubectl', () => {
    const { transcript } = session();
    expect(
      transcript([
        'kubectl run web --image=nginx && kubectl wait --for=condition=Ready pod/web',
        'kubectl delete pod web --wait=false && kubectl wait --for=delete pod/web',
        'kubectl wait --for=condition=Ready pod/nope',
        'kubectl run bad --image=nginx:nope && kubectl wait --for=condition=Ready pod/bad --timeout=10s',
      ]),
    ).toBe(`$ kubectl run web --image=nginx && kubectl wait --for=condition=Ready pod/web
pod/web created
pod/web condition met
$ kubectl delete pod web --wait=false && kubectl wait --for=delete pod/web
pod "web" deleted
pod/web condition met
$ kubectl wait --for=condition=Ready pod/nope
Error from server (NotFound): pods "nope" not found
$ kubectl run bad --image=nginx:nope && kubectl wait --for=condition=Ready pod/bad --timeout=10s
pod/bad created
error: timed out waiting for the condition on pods/bad
`);
  });
});

describe('apply on the simulated cluster', () => {
  it('changing replicas in the file scales the same ReplicaSet (no new rollout)', () => {
    const { host } = session();
    const manifest = (replicas: number) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: nginx\n        image: nginx\n`;
    host.fs.write('web.yaml', manifest(1));
    expect(runLine(host, 'kubectl apply -f web.yaml').stdout).toBe('deployment.apps/web created\n');
    host.settle();
    expect(runLine(host, 'kubectl apply -f web.yaml').stdout).toBe(
      'deployment.apps/web unchanged\n',
    );
    host.fs.write('web.yaml', manifest(3));
    expect(runLine(host, 'kubectl apply -f web.yaml').stdout).toBe(
      'deployment.apps/web configured\n',
    );
    host.settle();
    const rs = runLine(host, 'kubectl get rs --no-headers').stdout.trim().split('\n');
    expect(rs).toHaveLength(1);
    expect(rs[0]).toMatch(/^web-\w+ {3}3 {5}3 {5}3 {5}\d+s$/);
  });
});
