/**
 * `kubectl delete` waits until the object is gone, with no limit of its own (a week), and
 * `kubectl rollout status` until the rollout ends: the console stops after 10 minutes of
 * cluster time with a note saying so, not with a timeout error kubectl would not print
 * (audit 15 F5). An explicit --timeout still ends in kubectl's own error.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const PV = `apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-log
spec:
  capacity:
    storage: 100Mi
  accessModes: [ReadWriteOnce]
  hostPath:
    path: /pv/log
`;

const PVC = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: claim-log
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 50Mi
`;

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: webapp
spec:
  containers:
  - name: c
    image: nginx
    volumeMounts:
    - name: log
      mountPath: /log
  volumes:
  - name: log
    persistentVolumeClaim:
      claimName: claim-log
`;

describe('waits kubectl keeps up', () => {
  it('delete of a PVC in use: the note names the finalizer; --timeout ends in the error', () => {
    const { run, host } = engineSession(3);
    host.fs.write('pv.yaml', PV);
    host.fs.write('pvc.yaml', PVC);
    run('kubectl apply -f pv.yaml');
    host.fs.write('pod.yaml', POD);
    run('kubectl apply -f pvc.yaml');
    run('kubectl apply -f pod.yaml');
    run('sleep 10');
    expect(run('kubectl delete pvc claim-log')).toEqual({
      out: 'persistentvolumeclaim "claim-log" deleted\n',
      err: '(this console stopped waiting after 10m0s: kubectl delete waits until the object is gone, up to a week, and persistentvolumeclaims/claim-log is held by its finalizers [kubernetes.io/pvc-protection]; use --wait=false or --timeout)\n',
      code: 1,
    });
    expect(run('kubectl get pvc claim-log --no-headers').out).toMatch(/^claim-log +Terminating /);
    expect(run('kubectl delete pvc claim-log --timeout=30s')).toEqual({
      out: 'persistentvolumeclaim "claim-log" deleted\n',
      err: 'error: timed out waiting for the condition on persistentvolumeclaims/claim-log\n',
      code: 1,
    });
    // Once the pod is gone, the claim goes too.
    run('kubectl delete pod webapp');
    expect(run('kubectl get pvc').err).toBe('No resources found in default namespace.\n');
  });

  it('rollout status of a DaemonSet stuck on an image that cannot be pulled', () => {
    const { run } = engineSession(3);
    run(
      'kubectl set image ds/kube-proxy -n kube-system kube-proxy=registry.k8s.io/kube-proxy:v0.0.0-nope',
    );
    const r = run('kubectl rollout status ds/kube-proxy -n kube-system');
    expect(r.out).toMatch(
      /^Waiting for daemon set "kube-proxy" rollout to finish: 1 out of 4 new pods have been updated\.\.\.\n/,
    );
    expect(r.err).toBe(
      '(this console stopped waiting after 10m0s: kubectl rollout status waits until the rollout ends, with no limit unless --timeout is given; use --watch=false or --timeout)\n',
    );
    expect(r.code).toBe(1);
    expect(run('kubectl rollout status ds/kube-proxy -n kube-system --timeout=20s')).toMatchObject({
      err: 'error: timed out waiting for the condition\n',
      code: 1,
    });
  });
});
