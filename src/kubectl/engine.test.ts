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
  /** `$ line` then stdout then stderr, letting the cluster settle after each line. */
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
