/**
 * The API server's volume-source defaults: configMap, secret, downwardAPI and projected sources
 * get `defaultMode: 420`, a hostPath gets `type: ""`, in pods and in pod templates alike.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: vol
spec:
  containers:
  - name: c
    image: nginx
    volumeMounts:
    - {name: cfg, mountPath: /etc/cfg}
    - {name: sec, mountPath: /etc/sec}
    - {name: host, mountPath: /host}
    - {name: info, mountPath: /etc/info}
  volumes:
  - name: cfg
    configMap: {name: cfg}
  - name: sec
    secret: {secretName: sec, defaultMode: 256}
  - name: host
    hostPath: {path: /tmp}
  - name: info
    downwardAPI:
      items:
      - path: labels
        fieldRef: {fieldPath: metadata.labels}
`;

describe('volume source defaults', () => {
  it('fills in defaultMode and the hostPath type, keeping values that were given', () => {
    const { run, host } = engineSession(1);
    run('kubectl create configmap cfg --from-literal=a=b');
    run('kubectl create secret generic sec --from-literal=a=b');
    host.fs.write('pod.yaml', POD);
    expect(run('kubectl apply -f pod.yaml').out).toBe('pod/vol created\n');
    const volumes = run(
      `kubectl get pod vol -o jsonpath='{range .spec.volumes[*]}{@}{"\\n"}{end}'`,
    ).out.split('\n');
    expect(volumes.slice(0, 4)).toEqual([
      '{"configMap":{"defaultMode":420,"name":"cfg"},"name":"cfg"}',
      '{"name":"sec","secret":{"defaultMode":256,"secretName":"sec"}}',
      '{"hostPath":{"path":"/tmp","type":""},"name":"host"}',
      '{"downwardAPI":{"defaultMode":420,"items":[{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.labels"},"path":"labels"}]},"name":"info"}',
    ]);
  });

  it('defaults the volumes of a Deployment template too', () => {
    const { run } = engineSession(1);
    run('kubectl create deployment web --image=nginx');
    run(
      `kubectl patch deployment web -p '{"spec":{"template":{"spec":{"volumes":[{"name":"cfg","configMap":{"name":"cfg"}}]}}}}'`,
    );
    expect(
      run("kubectl get deploy web -o jsonpath='{.spec.template.spec.volumes[0].configMap}'").out,
    ).toBe('{"defaultMode":420,"name":"cfg"}');
  });
});
