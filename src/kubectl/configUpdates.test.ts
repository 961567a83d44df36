/**
 * A running container and later changes to its ConfigMaps and Secrets: environment variables
 * and subPath mounts keep what the objects held when the container started (the kubelet
 * resolves them once); a whole-volume mount shows the new data.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const POD = `apiVersion: v1
kind: Pod
metadata: {name: cmpod}
spec:
  containers:
  - name: c
    image: busybox:1.36
    command: [sleep, '3600']
    env:
    - name: COLOR
      valueFrom: {configMapKeyRef: {name: cfg, key: color}}
    - name: PW
      valueFrom: {secretKeyRef: {name: s, key: pw}}
    volumeMounts:
    - {name: v, mountPath: /cfg}
    - {name: v, mountPath: /sub/color, subPath: color}
  volumes:
  - name: v
    configMap: {name: cfg}
`;

describe('ConfigMap and Secret updates seen by a running container', () => {
  it('env and subPath keep the start values until a restart; the volume follows', () => {
    const { run, host } = engineSession(4);
    run('kubectl create configmap cfg --from-literal=color=blue');
    run('kubectl create secret generic s --from-literal=pw=one');
    host.fs.write('pod.yaml', POD);
    run('kubectl apply -f pod.yaml');
    run(`kubectl patch cm cfg -p '{"data":{"color":"red","size":"L"}}'`);
    run(`kubectl patch secret s -p '{"stringData":{"pw":"two"}}'`);
    expect(run('kubectl exec cmpod -- printenv COLOR PW').out).toBe('blue\none\n');
    expect(run('kubectl exec cmpod -- cat /sub/color').out).toBe('blue');
    expect(run('kubectl exec cmpod -- cat /cfg/color').out).toBe('red');
    expect(run('kubectl exec cmpod -- ls /cfg').out).toBe('color\nsize\n');
    // A new pod reads the objects as they are now.
    run('kubectl delete pod cmpod');
    run('kubectl apply -f pod.yaml');
    expect(run('kubectl exec cmpod -- printenv COLOR PW').out).toBe('red\ntwo\n');
    expect(run('kubectl exec cmpod -- cat /sub/color').out).toBe('red');
  });
});
