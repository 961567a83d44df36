/**
 * PersistentVolumes, claims and StorageClasses on the simulated kubeadm cluster, through the
 * console: the docs task "Configure a Pod to Use a PersistentVolume for Storage" end to end, a
 * claim nothing satisfies (its events, the pod it blocks), storage protection on delete, the
 * reclaim policies, validation and the claim's immutable spec, and a default StorageClass.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const PV_HEADER =
  'NAME             CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS      CLAIM   STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE';

const CLAIM_AND_POD = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: db
spec:
  containers:
  - name: db
    image: nginx
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: data
`;

function volume(name: string, size: string, policy: string, path: string): string {
  return `apiVersion: v1
kind: PersistentVolume
metadata:
  name: ${name}
spec:
  capacity:
    storage: ${size}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: ${policy}
  hostPath:
    path: ${path}
`;
}

describe('Configure a Pod to Use a PersistentVolume for Storage', () => {
  it('binds the claim to the manual hostPath volume and runs the pod on it', () => {
    const { run } = engineSession(3);
    expect(run('kubectl apply -f https://k8s.io/examples/pods/storage/pv-volume.yaml').out).toBe(
      'persistentvolume/task-pv-volume created\n',
    );
    expect(run('kubectl get pv task-pv-volume').out).toBe(
      `${PV_HEADER}\ntask-pv-volume   10Gi       RWO            Retain           Available           manual         <unset>                          15s\n`,
    );
    expect(run('kubectl apply -f https://k8s.io/examples/pods/storage/pv-claim.yaml').out).toBe(
      'persistentvolumeclaim/task-pv-claim created\n',
    );
    expect(run('kubectl get pv task-pv-volume').out).toBe(
      [
        'NAME             CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM                   STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE',
        'task-pv-volume   10Gi       RWO            Retain           Bound    default/task-pv-claim   manual         <unset>                          45s',
        '',
      ].join('\n'),
    );
    expect(run('kubectl get pvc task-pv-claim').out).toBe(
      [
        'NAME            STATUS   VOLUME           CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE',
        'task-pv-claim   Bound    task-pv-volume   10Gi       RWO            manual         <unset>                 30s',
        '',
      ].join('\n'),
    );
    expect(
      run(
        "kubectl get pv task-pv-volume -o jsonpath='{.spec.claimRef.name} {.metadata.annotations.pv\\.kubernetes\\.io/bound-by-controller} {.metadata.finalizers}'",
      ).out,
    ).toBe('task-pv-claim yes ["kubernetes.io/pv-protection"]');
    run('kubectl apply -f https://k8s.io/examples/pods/storage/pv-pod.yaml');
    expect(run('kubectl get pod task-pv-pod').out).toMatch(
      /^NAME {10}READY {3}STATUS {4}RESTARTS {3}AGE\ntask-pv-pod {3}1\/1 {5}Running {3}0 {10}\d+s\n$/,
    );
    expect(run('kubectl describe pvc task-pv-claim').out).toBe(
      [
        'Name:          task-pv-claim',
        'Namespace:     default',
        'StorageClass:  manual',
        'Status:        Bound',
        'Volume:        task-pv-volume',
        'Labels:        <none>',
        'Annotations:   pv.kubernetes.io/bind-completed: yes',
        '               pv.kubernetes.io/bound-by-controller: yes',
        'Finalizers:    [kubernetes.io/pvc-protection]',
        'Capacity:      10Gi',
        'Access Modes:  RWO',
        'VolumeMode:    Filesystem',
        'Used By:       task-pv-pod',
        'Events:        <none>',
        '',
      ].join('\n'),
    );
    expect(run('kubectl describe pv task-pv-volume').out).toBe(
      [
        'Name:            task-pv-volume',
        'Labels:          type=local',
        'Annotations:     pv.kubernetes.io/bound-by-controller: yes',
        'Finalizers:      [kubernetes.io/pv-protection]',
        'StorageClass:    manual',
        'Status:          Bound',
        'Claim:           default/task-pv-claim',
        'Reclaim Policy:  Retain',
        'Access Modes:    RWO',
        'VolumeMode:      Filesystem',
        'Capacity:        10Gi',
        'Node Affinity:   <none>',
        'Message:         ',
        'Source:',
        '    Type:          HostPath (bare host directory volume)',
        '    Path:          /mnt/data',
        '    HostPathType:  ',
        'Events:            <none>',
        '',
      ].join('\n'),
    );
    expect(run('kubectl describe pod task-pv-pod').out).toContain(
      [
        'Volumes:',
        '  task-pv-storage:',
        '    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)',
        '    ClaimName:  task-pv-claim',
        '    ReadOnly:   false',
      ].join('\n'),
    );
  });

  it('keeps an in-use claim Terminating until its pod goes, then releases the volume', () => {
    const { run } = engineSession(3);
    run('kubectl apply -f https://k8s.io/examples/pods/storage/pv-volume.yaml');
    run('kubectl apply -f https://k8s.io/examples/pods/storage/pv-claim.yaml');
    run('kubectl apply -f https://k8s.io/examples/pods/storage/pv-pod.yaml');
    expect(run('kubectl delete pvc task-pv-claim --wait=false').out).toBe(
      'persistentvolumeclaim "task-pv-claim" deleted\n',
    );
    expect(run('kubectl get pvc task-pv-claim').out).toMatch(
      /^NAME +STATUS +VOLUME .*\ntask-pv-claim +Terminating +task-pv-volume +10Gi +RWO +manual +<unset> +\S+\n$/,
    );
    expect(run('kubectl describe pvc task-pv-claim').out).toMatch(
      /\nStatus: +Terminating \(lasts \d+s\)\n[\s\S]*\nUsed By: +task-pv-pod\n/,
    );
    // The volume stays Bound (pv-protection would hold it too) while the claim exists.
    expect(run("kubectl get pv task-pv-volume -o jsonpath='{.status.phase}'").out).toBe('Bound');
    run('kubectl delete pod task-pv-pod');
    expect(run('kubectl get pvc')).toEqual({
      out: '',
      err: 'No resources found in default namespace.\n',
      code: 0,
    });
    expect(run('kubectl get pv').out).toMatch(
      /\ntask-pv-volume +10Gi +RWO +Retain +Released +default\/task-pv-claim +manual +<unset> +\S+\n$/,
    );
    // A Released volume is not bound again: a new claim of the class waits.
    run('kubectl apply -f https://k8s.io/examples/pods/storage/pv-claim.yaml');
    expect(run("kubectl get pvc task-pv-claim -o jsonpath='{.status.phase}'").out).toBe('Pending');
    expect(run('kubectl delete pv task-pv-volume').out).toBe(
      'persistentvolume "task-pv-volume" deleted\n',
    );
    expect(run('kubectl get pv')).toEqual({ out: '', err: 'No resources found\n', code: 0 });
  });
});

describe('a claim nothing satisfies', () => {
  it('stays Pending with FailedBinding and blocks its pod until a volume comes', () => {
    const { run, host } = engineSession(3);
    host.fs.write('db.yaml', CLAIM_AND_POD);
    run('kubectl apply -f db.yaml');
    expect(run('kubectl get pvc,pod').out).toBe(
      [
        'NAME                         STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE',
        'persistentvolumeclaim/data   Pending                                                     <unset>                 15s',
        '',
        'NAME     READY   STATUS    RESTARTS   AGE',
        'pod/db   0/1     Pending   0          15s',
        '',
      ].join('\n'),
    );
    expect(run('kubectl describe pvc data').out).toBe(
      [
        'Name:          data',
        'Namespace:     default',
        'StorageClass:  ',
        'Status:        Pending',
        'Volume:        ',
        'Labels:        <none>',
        'Annotations:   <none>',
        'Finalizers:    [kubernetes.io/pvc-protection]',
        'Capacity:      ',
        'Access Modes:  ',
        'VolumeMode:    Filesystem',
        'Used By:       db',
        'Events:',
        '  Type    Reason         Age   From                         Message',
        '  ----    ------         ----  ----                         -------',
        '  Normal  FailedBinding  30s   persistentvolume-controller  no persistent volumes available for this claim and no storage class is set',
        '',
      ].join('\n'),
    );
    expect(run('kubectl get events --field-selector involvedObject.kind=Pod').out).toBe(
      [
        'LAST SEEN   TYPE      REASON             OBJECT   MESSAGE',
        '44s         Warning   FailedScheduling   pod/db   0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
        '',
      ].join('\n'),
    );
    // Too small, then big enough: the claim binds, the scheduler retries, the pod runs.
    host.fs.write('small.yaml', volume('small', '500Mi', 'Retain', '/mnt/small'));
    run('kubectl apply -f small.yaml');
    expect(run("kubectl get pvc data -o jsonpath='{.status.phase}'").out).toBe('Pending');
    host.fs.write('big.yaml', volume('big', '5Gi', 'Retain', '/mnt/big'));
    run('kubectl apply -f big.yaml');
    expect(
      run(
        "kubectl get pvc data -o jsonpath='{.spec.volumeName} {.status.phase} {.status.capacity.storage}'",
      ).out,
    ).toBe('big Bound 5Gi');
    expect(run("kubectl get pod db -o jsonpath='{.status.phase}'").out).toBe('Running');
  });

  it('names a StorageClass that does not exist: ProvisioningFailed', () => {
    const { run, host } = engineSession(3);
    host.fs.write(
      'db.yaml',
      CLAIM_AND_POD.replace('  accessModes:', '  storageClassName: fast\n  accessModes:'),
    );
    run('kubectl apply -f db.yaml');
    expect(
      run('kubectl get events --field-selector involvedObject.kind=PersistentVolumeClaim').out,
    ).toBe(
      [
        'LAST SEEN   TYPE      REASON               OBJECT                       MESSAGE',
        '15s         Warning   ProvisioningFailed   persistentvolumeclaim/data   storageclass.storage.k8s.io "fast" not found',
        '',
      ].join('\n'),
    );
  });

  it('a pod naming a claim that does not exist cannot be scheduled', () => {
    const { run } = engineSession(3);
    run(
      `kubectl run x --image=nginx --overrides='{"spec":{"volumes":[{"name":"v","persistentVolumeClaim":{"claimName":"nope"}}]}}'`,
    );
    expect(run("kubectl get pod x -o jsonpath='{.status.conditions[0].message}'").out).toBe(
      '0/4 nodes are available: persistentvolumeclaim "nope" not found. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    );
  });
});

describe('reclaim policy Delete', () => {
  it('deletes a released /tmp hostPath volume; one elsewhere fails to delete', () => {
    const { run, host } = engineSession(3);
    host.fs.write('pv.yaml', volume('scratch', '1Gi', 'Delete', '/tmp/scratch'));
    host.fs.write('db.yaml', CLAIM_AND_POD);
    run('kubectl apply -f pv.yaml');
    run('kubectl apply -f db.yaml');
    run('kubectl delete pod db');
    expect(run('kubectl delete pvc data').out).toBe('persistentvolumeclaim "data" deleted\n');
    expect(run('kubectl get pv')).toEqual({ out: '', err: 'No resources found\n', code: 0 });

    host.fs.write('pv.yaml', volume('kept', '1Gi', 'Delete', '/mnt/kept'));
    run('kubectl apply -f pv.yaml');
    run('kubectl apply -f db.yaml');
    run('kubectl delete pod db');
    run('kubectl delete pvc data');
    expect(run("kubectl get pv kept -o jsonpath='{.status.phase}'").out).toBe('Failed');
    expect(
      run('kubectl get events --field-selector involvedObject.kind=PersistentVolume').out,
    ).toMatch(
      /Warning +VolumeFailedDelete +persistentvolume\/kept +host_path deleter only supports \/tmp\/\.\+ but received provided \/mnt\/kept\n$/,
    );
  });
});

describe('validation', () => {
  it('refuses volumes and claims missing what 1.32 requires, and claim spec changes', () => {
    const { run, host } = engineSession(3);
    host.fs.write(
      'bad.yaml',
      `apiVersion: v1
kind: PersistentVolume
metadata:
  name: bad
spec: {}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: badc
spec:
  resources: {}
`,
    );
    expect(run('kubectl create -f bad.yaml').err).toBe(
      [
        'Error from server (Invalid): error when creating "bad.yaml": PersistentVolume "bad" is invalid: [spec.accessModes: Required value, spec.capacity: Required value, spec.capacity: Unsupported value: core.ResourceList(nil): supported values: "storage", spec: Required value: must specify a volume type]',
        'Error from server (Invalid): error when creating "bad.yaml": PersistentVolumeClaim "badc" is invalid: [spec.accessModes: Required value: at least 1 access mode is required, spec.resources[storage]: Required value]',
        '',
      ].join('\n'),
    );
    host.fs.write('db.yaml', CLAIM_AND_POD);
    run('kubectl apply -f db.yaml');
    expect(run(`kubectl patch pvc data -p '{"spec":{"accessModes":["ReadWriteMany"]}}'`)).toEqual({
      out: '',
      err: 'The PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n',
      code: 1,
    });
  });
});

describe('StorageClasses', () => {
  it('a fresh cluster has none; a default class is given to claims without one', () => {
    const { run, host } = engineSession(3);
    expect(run('kubectl get sc')).toEqual({ out: '', err: 'No resources found\n', code: 0 });
    host.fs.write(
      'sc.yaml',
      `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: example.com/nfs
`,
    );
    run('kubectl create -f sc.yaml');
    expect(run('kubectl get storageclass').out).toBe(
      [
        'NAME             PROVISIONER       RECLAIMPOLICY   VOLUMEBINDINGMODE   ALLOWVOLUMEEXPANSION   AGE',
        'fast (default)   example.com/nfs   Delete          Immediate           false                  15s',
        '',
      ].join('\n'),
    );
    expect(run('kubectl describe sc fast').out).toBe(
      [
        'Name:                  fast',
        'IsDefaultClass:        Yes',
        'Annotations:           storageclass.kubernetes.io/is-default-class=true',
        'Provisioner:           example.com/nfs',
        'Parameters:            <none>',
        'AllowVolumeExpansion:  <unset>',
        'MountOptions:          <none>',
        'ReclaimPolicy:         Delete',
        'VolumeBindingMode:     Immediate',
        'Events:                <none>',
        '',
      ].join('\n'),
    );
    host.fs.write('db.yaml', CLAIM_AND_POD);
    run('kubectl apply -f db.yaml');
    expect(
      run(
        "kubectl get pvc data -o jsonpath='{.spec.storageClassName} {.status.phase} {.metadata.annotations.volume\\.kubernetes\\.io/storage-provisioner}'",
      ).out,
    ).toBe('fast Pending example.com/nfs');
    expect(run('kubectl describe pvc data').out).toContain(
      "ExternalProvisioning  30s (x2 over 30s)  persistentvolume-controller  Waiting for a volume to be created either by the external provisioner 'example.com/nfs' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    );
  });
});

describe('claim expansion', () => {
  it('a bound claim grows only when its StorageClass allows expansion', () => {
    const { run, host } = engineSession(3);
    run('kubectl apply -f https://k8s.io/examples/pods/storage/pv-volume.yaml');
    run('kubectl apply -f https://k8s.io/examples/pods/storage/pv-claim.yaml');
    const grow = `kubectl patch pvc task-pv-claim -p '{"spec":{"resources":{"requests":{"storage":"5Gi"}}}}'`;
    expect(run(grow)).toEqual({
      out: '',
      err: 'Error from server (Forbidden): persistentvolumeclaims "task-pv-claim" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize\n',
      code: 1,
    });
    expect(
      run(
        `kubectl patch pvc task-pv-claim -p '{"spec":{"resources":{"requests":{"storage":"1Gi"}}}}'`,
      ),
    ).toEqual({
      out: '',
      err: 'The PersistentVolumeClaim "task-pv-claim" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than previous value\n',
      code: 1,
    });
    host.fs.write(
      'sc.yaml',
      `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: manual
provisioner: kubernetes.io/no-provisioner
allowVolumeExpansion: true
`,
    );
    run('kubectl apply -f sc.yaml');
    expect(run(grow).out).toBe('persistentvolumeclaim/task-pv-claim patched\n');
    expect(
      run("kubectl get pvc task-pv-claim -o jsonpath='{.spec.resources.requests.storage}'").out,
    ).toBe('5Gi');
  });
});

describe('a default StorageClass created later', () => {
  it('is given to a waiting claim that names no class (RetroactiveDefaultStorageClass)', () => {
    const { run, host } = engineSession(3);
    host.fs.write('db.yaml', CLAIM_AND_POD);
    run('kubectl apply -f db.yaml');
    host.fs.write(
      'sc.yaml',
      `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: rancher.io/local-path
`,
    );
    run('kubectl apply -f sc.yaml');
    expect(run('kubectl get pvc data').out).toMatch(/\ndata +Pending +standard +<unset> +\S+\n$/);
    expect(
      run(
        'kubectl get events --field-selector involvedObject.name=data -o custom-columns=REASON:.reason',
      ).out,
    ).toBe('REASON\nFailedBinding\nExternalProvisioning\n');
  });
});

const LOCAL_YAML = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local-storage
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: local-pv
spec:
  capacity:
    storage: 5Gi
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: local-storage
  local:
    path: /mnt/disks/ssd1
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions:
        - key: kubernetes.io/hostname
          operator: In
          values: [node2]
`;

function localClaimAndPod(claim: string, pod: string): string {
  return CLAIM_AND_POD.replace('name: data\n', `name: ${claim}\n`)
    .replace('accessModes:', 'storageClassName: local-storage\n  accessModes:')
    .replace('name: db\n', `name: ${pod}\n`)
    .replace('claimName: data', `claimName: ${claim}`);
}

describe('WaitForFirstConsumer with a local volume', () => {
  it('binds the claim when its pod is scheduled, on the volume node', () => {
    const { run, host } = engineSession(3);
    host.fs.write('local.yaml', LOCAL_YAML);
    host.fs.write('claim.yaml', localClaimAndPod('data', 'db').split('---\n')[0] ?? '');
    host.fs.write('pod.yaml', localClaimAndPod('data', 'db').split('---\n')[1] ?? '');
    run('kubectl apply -f local.yaml');
    run('kubectl apply -f claim.yaml');
    expect(run("kubectl get pvc data -o jsonpath='{.status.phase}'").out).toBe('Pending');
    expect(
      run(
        'kubectl get events --field-selector involvedObject.name=data -o custom-columns=REASON:.reason,MESSAGE:.message',
      ).out,
    ).toBe(
      'REASON                 MESSAGE\nWaitForFirstConsumer   waiting for first consumer to be created before binding\n',
    );
    run('kubectl apply -f pod.yaml');
    expect(run("kubectl get pod db -o jsonpath='{.spec.nodeName} {.status.phase}'").out).toBe(
      'node2 Running',
    );
    expect(run('kubectl get pvc data').out).toMatch(
      /\ndata +Bound +local-pv +5Gi +RWO +local-storage +<unset> +\S+\n$/,
    );
    expect(run('kubectl describe pv local-pv').out).toContain(
      [
        'Node Affinity:     ',
        '  Required Terms:  ',
        '    Term 0:        kubernetes.io/hostname in [node2]',
        'Message:           ',
        'Source:',
        '    Type:  LocalVolume (a persistent volume backed by local storage on a node)',
        '    Path:  /mnt/disks/ssd1',
      ].join('\n'),
    );
    // A second claim of the class finds no free volume on any node.
    host.fs.write('db2.yaml', localClaimAndPod('data2', 'db2'));
    run('kubectl apply -f db2.yaml');
    expect(run("kubectl get pod db2 -o jsonpath='{.status.conditions[0].message}'").out).toBe(
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't find available persistent volumes to bind. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
    );
  });
});
