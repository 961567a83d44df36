/**
 * Downward API and projected volumes as a container reads them: the docs' tasks "Expose Pod
 * Information to Containers Through Files" and "Configure a Pod to Use a Projected Volume".
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('downward API and projected volume files', () => {
  it('labels and annotations in FormatMap form, fields, resources; labels follow the pod', () => {
    const { run, host } = engineSession(6);
    host.fs.write(
      'dapi.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: dapi
  labels: {zone: us-est-coast, cluster: test-cluster1, rack: rack-22}
  annotations: {build: two, builder: john-doe}
spec:
  containers:
  - name: client-container
    image: registry.k8s.io/busybox
    command: [sleep, '3600']
    resources: {limits: {cpu: 500m, memory: 128Mi}}
    volumeMounts: [{name: podinfo, mountPath: /etc/podinfo}]
  volumes:
  - name: podinfo
    downwardAPI:
      items:
      - {path: labels, fieldRef: {fieldPath: metadata.labels}}
      - {path: annotations, fieldRef: {fieldPath: metadata.annotations}}
      - {path: name, fieldRef: {fieldPath: metadata.name}}
      - {path: cpu_limit, resourceFieldRef: {containerName: client-container, resource: limits.cpu, divisor: 1m}}
      - {path: mem_limit, resourceFieldRef: {containerName: client-container, resource: limits.memory, divisor: 1Mi}}
`,
    );
    run('kubectl create -f dapi.yaml');
    expect(run('kubectl exec dapi -- cat /etc/podinfo/labels').out).toBe(
      'cluster="test-cluster1"\nrack="rack-22"\nzone="us-est-coast"',
    );
    const started = run(`kubectl get pod dapi -o jsonpath='{.status.startTime}'`).out;
    expect(run('kubectl exec dapi -- cat /etc/podinfo/annotations').out).toBe(
      `build="two"\nbuilder="john-doe"\nkubernetes.io/config.seen="${started}"\nkubernetes.io/config.source="api"`,
    );
    expect(
      run(
        'kubectl exec dapi -- cat /etc/podinfo/name /etc/podinfo/cpu_limit /etc/podinfo/mem_limit',
      ).out,
    ).toBe('dapi500128');
    expect(run('kubectl exec dapi -- ls /etc/podinfo').out).toBe(
      'annotations\ncpu_limit\nlabels\nmem_limit\nname\n',
    );
    run('kubectl label pod dapi tier=x');
    expect(run('kubectl exec dapi -- cat /etc/podinfo/labels').out).toBe(
      'cluster="test-cluster1"\nrack="rack-22"\ntier="x"\nzone="us-est-coast"',
    );
  });

  it('a projected volume merges its Secret sources into one directory', () => {
    const { run, host } = engineSession(6);
    host.fs.write('username.txt', 'admin');
    host.fs.write('password.txt', '1f2d1e2e67df');
    run('kubectl create secret generic user --from-file=./username.txt');
    run('kubectl create secret generic pass --from-file=./password.txt');
    host.fs.write(
      'projected.yaml',
      `apiVersion: v1
kind: Pod
metadata: {name: test-projected-volume}
spec:
  containers:
  - name: test-projected-volume
    image: busybox:1.28
    args: [sleep, '86400']
    volumeMounts: [{name: all-in-one, mountPath: /projected-volume, readOnly: true}]
  volumes:
  - name: all-in-one
    projected:
      sources:
      - secret: {name: user}
      - secret: {name: pass}
`,
    );
    run('kubectl apply -f projected.yaml');
    expect(run('kubectl exec test-projected-volume -- ls /projected-volume/').out).toBe(
      'password.txt\nusername.txt\n',
    );
    expect(
      run('kubectl exec test-projected-volume -- cat /projected-volume/username.txt').out,
    ).toBe('admin');
  });
});
