/**
 * `kubectl cluster-info dump` as the real kubectl 1.32.5 printed it over the same simulated
 * cluster (session 24, F7): the typed lists in struct field order, managedFields omitted, the
 * logs between START/END lines, a log request's error as DoRaw reports it.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl cluster-info dump', () => {
  it('starts with the NodeList, typed fields in Go order', () => {
    const { run } = engineSession(1);
    const r = run('kubectl cluster-info dump | head -40');
    expect(r.out).toBe(`{
    "kind": "NodeList",
    "apiVersion": "v1",
    "metadata": {
        "resourceVersion": "252"
    },
    "items": [
        {
            "kind": "Node",
            "apiVersion": "v1",
            "metadata": {
                "name": "control-plane",
                "uid": "e4edaa36-434e-4251-8c63-2d4e86a538cc",
                "resourceVersion": "235",
                "creationTimestamp": "2026-01-01T00:00:00Z",
                "labels": {
                    "beta.kubernetes.io/arch": "amd64",
                    "beta.kubernetes.io/os": "linux",
                    "kubernetes.io/arch": "amd64",
                    "kubernetes.io/hostname": "control-plane",
                    "kubernetes.io/os": "linux",
                    "node-role.kubernetes.io/control-plane": "",
                    "node.kubernetes.io/exclude-from-external-load-balancers": ""
                },
                "annotations": {
                    "kubeadm.alpha.kubernetes.io/cri-socket": "unix:///run/containerd/containerd.sock",
                    "node.alpha.kubernetes.io/ttl": "0",
                    "volumes.kubernetes.io/controller-managed-attach-detach": "true"
                }
            },
            "spec": {
                "podCIDR": "10.244.0.0/24",
                "podCIDRs": [
                    "10.244.0.0/24"
                ],
                "taints": [
                    {
                        "key": "node-role.kubernetes.io/control-plane",
                        "effect": "NoSchedule"
                    }\n`);
  });

  it("then kube-system and the current namespace: seven lists each, then the pods' logs", () => {
    const { run } = engineSession(1);
    run('kubectl create deployment web --image=nginx');
    const out = run('kubectl cluster-info dump').out;
    const kinds = [...out.matchAll(/^ {4}"kind": "(\w+)",$/gm)].map((m) => m[1]);
    const ns = ['EventList', 'ReplicationControllerList', 'ServiceList', 'DaemonSetList'];
    const rest = ['DeploymentList', 'ReplicaSetList', 'PodList'];
    expect(kinds).toEqual(['NodeList', ...ns, ...rest, ...ns, ...rest]);
    // The classic exam lookup: the API server's flags are in its pod's spec.
    expect(out).toContain('"--service-cluster-ip-range=10.96.0.0/12",');
    expect(out).not.toContain('managedFields');
    expect(out).toContain(
      '==== START logs for container coredns of pod kube-system/coredns-7ccffd5bf-6wct5 ====\n.:53\n',
    );
    expect(out).toMatch(
      /\n==== END logs for container nginx of pod default\/web-[a-z0-9]+-[a-z0-9]{5} ====\n$/,
    );
  });

  it('a container that cannot give logs: the generic error of the request, not the Status', () => {
    const { run } = engineSession(1);
    run('kubectl create namespace bad');
    run('kubectl run broken --image=nginx:nope -n bad');
    expect(run('kubectl cluster-info dump --namespaces bad | tail -3').out).toBe(
      '==== START logs for container broken of pod bad/broken ====\n' +
        'Request log error: the server rejected our request for an unknown reason (get pods broken)\n' +
        '==== END logs for container broken of pod bad/broken ====\n',
    );
  });

  it('--output-directory: a file per list and per pod, and where they went', () => {
    const { run, host } = engineSession(1);
    run('kubectl create deployment web --image=nginx --replicas=1 -n kube-public');
    expect(
      run('kubectl cluster-info dump --namespaces=kube-public --output-directory=state'),
    ).toEqual({
      out: 'Cluster info dumped to state\n',
      err: '',
      code: 0,
    });
    const files = host.fs
      .list()
      .filter((p) => p.startsWith('/home/learner/state/'))
      .map((p) => p.replace(/web-[a-z0-9]+-[a-z0-9]{5}/, 'POD'))
      .sort();
    expect(files).toEqual([
      '/home/learner/state/kube-public/POD/logs.txt',
      '/home/learner/state/kube-public/daemonsets.json',
      '/home/learner/state/kube-public/deployments.json',
      '/home/learner/state/kube-public/events.json',
      '/home/learner/state/kube-public/pods.json',
      '/home/learner/state/kube-public/replicasets.json',
      '/home/learner/state/kube-public/replication-controllers.json',
      '/home/learner/state/kube-public/services.json',
      '/home/learner/state/nodes.json',
    ]);
    expect(run('kubectl cluster-info dump -o wide').err).toBe(
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    );
  });
});
