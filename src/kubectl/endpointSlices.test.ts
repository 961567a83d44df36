/**
 * EndpointSlices (discovery.k8s.io/v1) as kubectl 1.32 shows them: the API server's `kubernetes`
 * slice and kube-dns's on a fresh cluster, one slice per exposed Deployment, gone with its Service.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl get / describe endpointslices', () => {
  it('lists the fresh cluster slices: kubernetes (6443) and kube-dns (53,53,9153)', () => {
    const { run } = engineSession(1);
    expect(run('kubectl get endpointslices -A')).toEqual({
      out:
        'NAMESPACE     NAME             ADDRESSTYPE   PORTS        ENDPOINTS               AGE\n' +
        'default       kubernetes       IPv4          6443         172.18.0.2              5d\n' +
        'kube-system   kube-dns-229dx   IPv4          53,53,9153   10.244.0.2,10.244.0.3   5d\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl get endpointslice kubernetes -o yaml').out).toMatch(
      /^addressType: IPv4\napiVersion: discovery\.k8s\.io\/v1\nendpoints:\n- addresses:\n {2}- 172\.18\.0\.2\n {2}conditions:\n {4}ready: true\nkind: EndpointSlice\nmetadata:\n {2}creationTimestamp: "[^"]+"\n {2}generation: 1\n {2}labels:\n {4}kubernetes\.io\/service-name: kubernetes\n {2}name: kubernetes\n {2}namespace: default\n {2}resourceVersion: "\d+"\n {2}uid: [0-9a-f-]+\nports:\n- name: https\n {2}port: 6443\n {2}protocol: TCP\n$/,
    );
  });

  it('gives an exposed Deployment a slice named <svc>-<5 chars>, capped at 3 endpoints', () => {
    const { run } = engineSession(1);
    run('kubectl create deployment web --image=nginx --replicas=5');
    run('kubectl expose deploy web --port=80 --target-port=8080');
    const out = run('kubectl get endpointslices').out;
    expect(out).toMatch(
      /^NAME {9}ADDRESSTYPE {3}PORTS {3}ENDPOINTS {38}AGE\nkubernetes {3}IPv4 {10}6443 {4}172\.18\.0\.2 {37}5d\nweb-[bcdfghjklmnpqrstvwxz2456789]{5} {4}IPv4 {10}8080 {4}(10\.244\.\d\.\d,){2}10\.244\.\d\.\d \+ 2 more\.\.\. {3}\d+s\n$/,
    );
    const name = /\n(web-\w{5}) /.exec(out)?.[1] ?? '';
    const yaml = run(`kubectl get endpointslice ${name} -o yaml`).out;
    expect(yaml).toContain(
      '  generateName: web-\n  generation: 1\n  labels:\n    app: web\n    endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io\n    kubernetes.io/service-name: web\n',
    );
    expect(yaml).toContain(
      '  ownerReferences:\n  - apiVersion: v1\n    blockOwnerDeletion: true\n    controller: true\n    kind: Service\n    name: web\n',
    );
    expect(yaml).toContain('ports:\n- name: ""\n  port: 8080\n  protocol: TCP\n');
    expect(
      yaml.match(/ {4}ready: true\n {4}serving: true\n {4}terminating: false\n/g),
    ).toHaveLength(5);
    // Deleted with its Service (the garbage collector follows the owner reference).
    expect(run('kubectl delete svc web').code).toBe(0);
    expect(run(`kubectl get endpointslice ${name}`)).toEqual({
      out: '',
      err: `Error from server (NotFound): endpointslices.discovery.k8s.io "${name}" not found\n`,
      code: 1,
    });
  });

  it('shows a Service without pods as <unset>, and describes slices as kubectl does', () => {
    const { run } = engineSession(1);
    run('kubectl create service clusterip empty --tcp=80:80');
    const out = run('kubectl get endpointslices -l kubernetes.io/service-name=empty').out;
    expect(out).toMatch(
      /^NAME +ADDRESSTYPE +PORTS +ENDPOINTS +AGE\nempty-\w{5} +IPv4 +<unset> +<unset> +\d+s\n$/,
    );
    expect(
      run('kubectl describe endpointslices -l kubernetes.io/service-name=empty').out.replace(
        /empty-\w{5}/,
        'empty-xxxxx',
      ),
    ).toMatch(
      /^Name: {9}empty-xxxxx\nNamespace: {4}default\nLabels: {7}app=empty\n {14}endpointslice\.kubernetes\.io\/managed-by=endpointslice-controller\.k8s\.io\n {14}kubernetes\.io\/service-name=empty\nAnnotations: {2}endpoints\.kubernetes\.io\/last-change-trigger-time: \S+\nAddressType: {2}IPv4\nPorts: <unset>\nEndpoints: <none>\nEvents: {2}<none>\n$/,
    );
    expect(run('kubectl describe endpointslice kubernetes').out).toBe(
      `Name:         kubernetes
Namespace:    default
Labels:       kubernetes.io/service-name=kubernetes
Annotations:  <none>
AddressType:  IPv4
Ports:
  Name   Port  Protocol
  ----   ----  --------
  https  6443  TCP
Endpoints:
  - Addresses:  172.18.0.2
    Conditions:
      Ready:   true
    Hostname:  <unset>
    NodeName:  <unset>
    Zone:      <unset>
Events:        <none>
`,
    );
    const dns = run('kubectl describe endpointslices -n kube-system').out;
    expect(dns).toContain(
      `    Conditions:
      Ready:    true
    Hostname:   <unset>
    TargetRef:  Pod/coredns-`,
    );
  });

  it('brings the kubernetes slice back within 10 s of its deletion, as the API server does', () => {
    const { run } = engineSession(1);
    expect(run('kubectl delete endpointslice kubernetes').out).toBe(
      'endpointslice.discovery.k8s.io "kubernetes" deleted\n',
    );
    run('sim advance 11s');
    expect(run('kubectl get endpointslice kubernetes').out).toMatch(
      /^NAME +ADDRESSTYPE +PORTS +ENDPOINTS +AGE\nkubernetes +IPv4 +6443 +172\.18\.0\.2 +\d+s\n$/,
    );
  });
});
