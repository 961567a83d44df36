/**
 * Static pods from manifest files (the kubelet's file source): a manifest written into a
 * node's /etc/kubernetes/manifests runs as a static pod whose mirror pod `<name>-<node>` is
 * owned by the Node; deleting the mirror pod brings it back; removing the file removes the pod.
 * And `systemctl stop/start kubelet`: NotReady, then Ready with the containers kept.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';
import { nodeFileScope, staticPodsFromFiles } from './staticPodFiles.ts';

const MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: static-web
  labels:
    role: myrole
spec:
  containers:
  - name: web
    image: nginx
`;

describe('static pod manifests', () => {
  it('names, defaults and hashes a pod as the kubelet does', () => {
    const { pods, errors } = staticPodsFromFiles(
      'node1',
      [
        { path: '/etc/kubernetes/manifests/static-web.yaml', content: MANIFEST },
        { path: '/etc/kubernetes/manifests/.swp', content: 'x' },
        { path: '/etc/kubernetes/manifests/bad.yaml', content: 'kind: Pod\napiVersion: v1\n' },
        { path: '/root/other.yaml', content: MANIFEST },
      ],
      0,
    );
    expect(errors).toEqual([
      {
        path: '/etc/kubernetes/manifests/bad.yaml',
        error: 'invalid pod: [metadata.name: Required value: name or generateName is required]',
      },
    ]);
    expect(pods).toHaveLength(1);
    const pod = pods[0]?.pod;
    expect(pods[0]?.key).toBe('pod/default/static-web-node1');
    expect(pod?.metadata?.annotations?.['kubernetes.io/config.source']).toBe('file');
    expect(pod?.metadata?.annotations?.['kubernetes.io/config.mirror']).toMatch(/^[0-9a-f]{32}$/);
    expect((pod?.spec as { tolerations?: unknown[] } | undefined)?.tolerations).toEqual([
      { operator: 'Exists', effect: 'NoExecute' },
    ]);
  });

  it('a manifest written on node1 runs as mirror pod static-web-node1, owned by the Node', () => {
    const { run, cluster } = engineSession(1);
    cluster.writeFiles(nodeFileScope('node1'), [
      { path: '/etc/kubernetes/manifests/static-web.yaml', content: MANIFEST, at: 0 },
    ]);
    cluster.settle();
    expect(run('kubectl get pods -o wide').out).toMatch(
      /^NAME {15}READY {3}STATUS {4}RESTARTS {3}AGE {3}IP {11}NODE {4}NOMINATED NODE {3}READINESS GATES\nstatic-web-node1 {3}1\/1 {5}Running {3}0 {10}\d+s {3}10\.244\.1\.\d+ {3}node1 {3}<none> {11}<none>\n$/,
    );
    const owner = run(
      `kubectl get pod static-web-node1 -o jsonpath='{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name} {.metadata.annotations.kubernetes\\.io/config\\.source}'`,
    ).out;
    expect(owner).toBe('Node/node1 file');
    // Deleting the mirror pod: the kubelet makes it again (the static pod never stopped).
    expect(run('kubectl delete pod static-web-node1').out).toBe('pod "static-web-node1" deleted\n');
    expect(run('kubectl get pods').out).toMatch(/\nstatic-web-node1 {3}1\/1 {5}Running {3}0 {10}/);
    // Removing the file stops the pod and deletes its mirror.
    cluster.writeFiles(nodeFileScope('node1'), [
      { path: '/etc/kubernetes/manifests/static-web.yaml', content: null, at: 0 },
    ]);
    cluster.settle();
    expect(run('kubectl get pods').err).toBe('No resources found in default namespace.\n');
    expect(run('kubectl get events -o custom-columns=REASON:.reason').out).toMatch(
      /Started\nKilling\n$/,
    );
  });

  it('systemctl stop kubelet: NotReady; start: Ready again, containers not restarted', () => {
    const { run, cluster } = engineSession(1);
    run(`kubectl run p --image=nginx --overrides='{"spec":{"nodeName":"node2"}}'`);
    cluster.stopKubelet('node2');
    cluster.advance(60_000);
    expect(run('kubectl get node node2').out).toMatch(/\nnode2 {3}NotReady {3}<none>/);
    cluster.startKubelet('node2');
    cluster.settle();
    expect(run('kubectl get node node2').out).toMatch(/\nnode2 {3}Ready {4}<none>/);
    expect(run('kubectl get pod p').out).toMatch(/\np {6}1\/1 {5}Running {3}0 {10}/);
    expect(cluster.errors).toEqual([]);
  });
});
