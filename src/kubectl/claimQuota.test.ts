/**
 * PersistentVolumeClaims under ResourceQuota and LimitRange on the simulated 1.32 cluster (the
 * docs' "Limit Storage Consumption" task): the claim evaluator's resources (`persistentvolumeclaims`,
 * `requests.storage`, per StorageClass, `count/persistentvolumeclaims`), a resize charged its
 * growth, the controller giving a deleted claim's usage back, and the LimitRanger's
 * `PersistentVolumeClaim` items on create and on resize.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const claim = (name: string, size: string, cls?: string) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:${cls === undefined ? '' : `\n  storageClassName: "${cls}"`}
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: ${size}
`;

const GOLD = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: gold
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: kubernetes.io/no-provisioner
allowVolumeExpansion: true
volumeBindingMode: Immediate
`;

const PV = `apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv1
spec:
  storageClassName: gold
  capacity:
    storage: 1Gi
  accessModes: ["ReadWriteOnce"]
  hostPath:
    path: /mnt/data
`;

const STORAGE_LIMITS = `apiVersion: v1
kind: LimitRange
metadata:
  name: storagelimits
spec:
  limits:
  - type: PersistentVolumeClaim
    max:
      storage: 2Gi
    min:
      storage: 1Gi
`;

describe('ResourceQuota on PersistentVolumeClaims', () => {
  it('charges persistentvolumeclaims and requests.storage, and refuses a claim past the limit', () => {
    const { run, host } = engineSession(3);
    run('kubectl create quota sq --hard=requests.storage=2Gi,persistentvolumeclaims=2');
    host.fs.write('a.yaml', claim('a', '1500Mi'));
    host.fs.write('b.yaml', claim('b', '1Gi'));
    expect(run('kubectl apply -f a.yaml').out).toBe('persistentvolumeclaim/a created\n');
    expect(run('kubectl apply -f b.yaml')).toEqual({
      out: '',
      err: 'Error from server (Forbidden): error when creating "b.yaml": persistentvolumeclaims "b" is forbidden: exceeded quota: sq, requested: requests.storage=1Gi, used: requests.storage=1500Mi, limited: requests.storage=2Gi\n',
      code: 1,
    });
    expect(run('kubectl describe quota sq').out).toBe(
      [
        'Name:                   sq',
        'Namespace:              default',
        'Resource                Used    Hard',
        '--------                ----    ----',
        'persistentvolumeclaims  1       2',
        'requests.storage        1500Mi  2Gi',
        '',
      ].join('\n'),
    );
    expect(run('kubectl get quota sq --no-headers').out).toMatch(
      /^sq +\d+s +persistentvolumeclaims: 1\/2, requests\.storage: 1500Mi\/2Gi +\n$/,
    );
    // Deleting the claim gives its usage back (the quota controller recounts the namespace).
    expect(run('kubectl delete pvc a').out).toBe('persistentvolumeclaim "a" deleted\n');
    expect(run("kubectl get quota sq -o jsonpath='{.status.used}'").out).toBe(
      '{"persistentvolumeclaims":"0","requests.storage":"0"}',
    );
    expect(run('kubectl apply -f b.yaml').out).toBe('persistentvolumeclaim/b created\n');
  });

  it('counts a claim against its StorageClass (the default one when admission fills it in)', () => {
    const { run, host } = engineSession(3);
    run(
      'kubectl create quota sq --hard=requests.storage=4Gi,persistentvolumeclaims=3,gold.storageclass.storage.k8s.io/requests.storage=3Gi,gold.storageclass.storage.k8s.io/persistentvolumeclaims=1,count/persistentvolumeclaims=5',
    );
    host.fs.write('gold.yaml', GOLD);
    host.fs.write('a.yaml', claim('a', '1Gi'));
    host.fs.write('b.yaml', claim('b', '1Gi'));
    host.fs.write('c.yaml', claim('c', '1Gi', ''));
    run('kubectl apply -f gold.yaml');
    expect(run('kubectl apply -f a.yaml').out).toBe('persistentvolumeclaim/a created\n');
    // DefaultStorageClass (mutating) runs before ResourceQuota: b is a gold claim too.
    expect(run('kubectl apply -f b.yaml').err).toBe(
      'Error from server (Forbidden): error when creating "b.yaml": persistentvolumeclaims "b" is forbidden: exceeded quota: sq, requested: gold.storageclass.storage.k8s.io/persistentvolumeclaims=1, used: gold.storageclass.storage.k8s.io/persistentvolumeclaims=1, limited: gold.storageclass.storage.k8s.io/persistentvolumeclaims=1\n',
    );
    // An explicit empty class is no class: only the class-less resources are charged.
    expect(run('kubectl apply -f c.yaml').out).toBe('persistentvolumeclaim/c created\n');
    expect(run('kubectl describe quota sq').out).toBe(
      [
        'Name:                                                    sq',
        'Namespace:                                               default',
        'Resource                                                 Used  Hard',
        '--------                                                 ----  ----',
        'count/persistentvolumeclaims                             2     5',
        'gold.storageclass.storage.k8s.io/persistentvolumeclaims  1     1',
        'gold.storageclass.storage.k8s.io/requests.storage        1Gi   3Gi',
        'persistentvolumeclaims                                   2     3',
        'requests.storage                                         2Gi   4Gi',
        '',
      ].join('\n'),
    );
  });

  it('charges a resize its growth, and refuses one the quota has no room for', () => {
    const { run, host } = engineSession(3);
    run(
      'kubectl create quota sq --hard=requests.storage=4Gi,gold.storageclass.storage.k8s.io/requests.storage=3Gi',
    );
    host.fs.write('gold.yaml', GOLD);
    host.fs.write('pv.yaml', PV);
    host.fs.write('a.yaml', claim('a', '1Gi'));
    host.fs.write('c.yaml', claim('c', '1Gi', ''));
    run('kubectl apply -f gold.yaml');
    run('kubectl apply -f pv.yaml');
    run('kubectl apply -f a.yaml');
    run('kubectl apply -f c.yaml');
    expect(run('kubectl get pvc a --no-headers').out).toMatch(/^a +Bound +pv1 +1Gi +RWO +gold /);
    expect(
      run(`kubectl patch pvc a -p '{"spec":{"resources":{"requests":{"storage":"4Gi"}}}}'`),
    ).toEqual({
      out: '',
      err: 'Error from server (Forbidden): persistentvolumeclaims "a" is forbidden: exceeded quota: sq, requested: gold.storageclass.storage.k8s.io/requests.storage=3Gi,requests.storage=3Gi, used: gold.storageclass.storage.k8s.io/requests.storage=1Gi,requests.storage=2Gi, limited: gold.storageclass.storage.k8s.io/requests.storage=3Gi,requests.storage=4Gi\n',
      code: 1,
    });
    expect(
      run(`kubectl patch pvc a -p '{"spec":{"resources":{"requests":{"storage":"3Gi"}}}}'`).out,
    ).toBe('persistentvolumeclaim/a patched\n');
    expect(run("kubectl get quota sq -o jsonpath='{.status.used}'").out).toBe(
      '{"gold.storageclass.storage.k8s.io/requests.storage":"3Gi","requests.storage":"4Gi"}',
    );
    // A change that adds no usage (a label) is not checked against the full quota.
    expect(run('kubectl label pvc a tier=db').out).toBe('persistentvolumeclaim/a labeled\n');
  });
});

describe('A StatefulSet whose claims a quota refuses', () => {
  it('records the claim and pod FailedCreate events, and makes no pod without its claim', () => {
    const { run, host } = engineSession(3);
    run('kubectl create quota sq --hard=persistentvolumeclaims=1');
    host.fs.write(
      'web.yaml',
      `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  podManagementPolicy: Parallel
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
`,
    );
    run('kubectl apply -f web.yaml');
    expect(run('kubectl get pvc -o name').out).toBe('persistentvolumeclaim/www-web-0\n');
    expect(run('kubectl get pods -o name').out).toBe('pod/web-0\n');
    const refusal =
      'persistentvolumeclaims "www-web-1" is forbidden: exceeded quota: sq, requested: persistentvolumeclaims=1, used: persistentvolumeclaims=1, limited: persistentvolumeclaims=1';
    const events = run(
      `kubectl get events --field-selector reason=FailedCreate -o jsonpath='{range .items[*]}{.message}{"\\n"}{end}'`,
    ).out;
    expect(events).toBe(
      `create Claim www-web-1 for Pod web-1 in StatefulSet web failed error: ${refusal}\ncreate Pod web-1 in StatefulSet web failed error: failed to create PVC www-web-1: ${refusal}\n`,
    );
  });
});

describe('ResourceQuota validation of storage names', () => {
  it('takes per-class names as qualified names whose amounts must be whole', () => {
    const { run } = engineSession(3);
    expect(
      run('kubectl create quota f --hard=gold.storageclass.storage.k8s.io/requests.storage=1.5')
        .err,
    ).toBe(
      'The ResourceQuota "f" is invalid: spec.hard[gold.storageclass.storage.k8s.io/requests.storage]: Invalid value: "1500m": must be an integer\n',
    );
    expect(run('kubectl create quota g --hard=count/persistentvolumeclaims=0.5').err).toBe(
      'The ResourceQuota "g" is invalid: spec.hard[count/persistentvolumeclaims]: Invalid value: "500m": must be an integer\n',
    );
    // requests.storage itself is not a count.
    expect(
      run(
        'kubectl create quota h --hard=requests.storage=1.5,gold.storageclass.storage.k8s.io/requests.storage=1.5Gi',
      ).out,
    ).toBe('resourcequota/h created\n');
  });
});

describe('LimitRange items of type PersistentVolumeClaim', () => {
  it('refuses a claim below min or above max, on create and on resize', () => {
    const { run, host } = engineSession(3);
    host.fs.write('lr.yaml', STORAGE_LIMITS);
    host.fs.write('tiny.yaml', claim('tiny', '100Mi'));
    host.fs.write('big.yaml', claim('big', '5Gi'));
    host.fs.write('gold.yaml', GOLD);
    host.fs.write('pv.yaml', PV);
    host.fs.write('a.yaml', claim('a', '1Gi'));
    expect(run('kubectl apply -f lr.yaml').out).toBe('limitrange/storagelimits created\n');
    expect(run('kubectl apply -f tiny.yaml').err).toBe(
      'Error from server (Forbidden): error when creating "tiny.yaml": persistentvolumeclaims "tiny" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 100Mi\n',
    );
    expect(run('kubectl apply -f big.yaml').err).toBe(
      'Error from server (Forbidden): error when creating "big.yaml": persistentvolumeclaims "big" is forbidden: maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi\n',
    );
    run('kubectl apply -f gold.yaml');
    run('kubectl apply -f pv.yaml');
    expect(run('kubectl apply -f a.yaml').out).toBe('persistentvolumeclaim/a created\n');
    expect(
      run(`kubectl patch pvc a -p '{"spec":{"resources":{"requests":{"storage":"3Gi"}}}}'`).err,
    ).toBe(
      'Error from server (Forbidden): persistentvolumeclaims "a" is forbidden: maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 3Gi\n',
    );
    // No defaults for claims: the item keeps only what it was given, and describe shows dashes.
    expect(run("kubectl get limits storagelimits -o jsonpath='{.spec.limits[0]}'").out).toBe(
      '{"max":{"storage":"2Gi"},"min":{"storage":"1Gi"},"type":"PersistentVolumeClaim"}',
    );
    expect(run('kubectl describe limitrange storagelimits').out).toBe(
      [
        'Name:                  storagelimits',
        'Namespace:             default',
        'Type                   Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio',
        '----                   --------  ---  ---  ---------------  -------------  -----------------------',
        'PersistentVolumeClaim  storage   1Gi  2Gi  -                -              -',
        '',
      ].join('\n'),
    );
  });

  it('checks every update of an older claim, but lets a deleted one go', () => {
    const { run, host } = engineSession(3);
    host.fs.write('small.yaml', claim('small', '100Mi'));
    host.fs.write('lr.yaml', STORAGE_LIMITS);
    run('kubectl apply -f small.yaml');
    run('kubectl apply -f lr.yaml');
    expect(run('kubectl label pvc small x=y').err).toBe(
      'Error from server (Forbidden): persistentvolumeclaims "small" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 100Mi\n',
    );
    // LimitRanger ignores an object marked for deletion: pvc-protection's finalizer removal passes.
    expect(run('kubectl delete pvc small').out).toBe('persistentvolumeclaim "small" deleted\n');
    expect(run('kubectl get pvc').err).toBe('No resources found in default namespace.\n');
  });

  it('requires a min or max storage in a PersistentVolumeClaim item', () => {
    const { run, host } = engineSession(3);
    host.fs.write(
      'bad.yaml',
      'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: bad\nspec:\n  limits:\n  - type: PersistentVolumeClaim\n    min:\n      cpu: "1"\n',
    );
    expect(run('kubectl apply -f bad.yaml').err).toBe(
      'The LimitRange "bad" is invalid: spec.limits[0].limits: Required value: either minimum or maximum storage value is required, but neither was provided\n',
    );
  });
});
