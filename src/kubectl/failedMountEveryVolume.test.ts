/**
 * Every volume whose ConfigMap or Secret is missing gets its own FailedMount events (audit 13
 * C2): the volume manager's reconciler starts one MountVolume operation per volume, each with
 * its own exponential back-off.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: mc
spec:
  containers:
  - name: web
    image: nginx
    volumeMounts:
    - name: cfgvol
      mountPath: /etc/cfg
    - name: secvol
      mountPath: /etc/sec
  volumes:
  - name: cfgvol
    configMap:
      name: cfg
  - name: secvol
    secret:
      secretName: sec
`;

describe('FailedMount for each missing volume source', () => {
  it('reports the ConfigMap and the Secret volume from the start, each backing off', () => {
    const { run, host } = engineSession(3);
    host.fs.write('mc.yaml', POD);
    run('kubectl apply -f mc.yaml');
    run('sleep 20s');
    const events = run('kubectl events --for pod/mc').out;
    expect(events).toMatch(
      /\(x\d+ over \S+\) +Warning +FailedMount +Pod\/mc +MountVolume\.SetUp failed for volume "cfgvol" : configmap "cfg" not found\n/,
    );
    expect(events).toMatch(
      /\(x\d+ over \S+\) +Warning +FailedMount +Pod\/mc +MountVolume\.SetUp failed for volume "secvol" : secret "sec" not found\n/,
    );
    // Creating one source leaves the other failing; creating both lets the pod start.
    run('kubectl create configmap cfg --from-literal=a=b');
    run('sleep 1m');
    expect(run('kubectl get pod mc --no-headers').out).toMatch(/^mc +0\/1 +ContainerCreating /);
    run('kubectl create secret generic sec --from-literal=p=q');
    run('sleep 3m');
    expect(run('kubectl get pod mc --no-headers').out).toMatch(/^mc +1\/1 +Running /);
  });
});
