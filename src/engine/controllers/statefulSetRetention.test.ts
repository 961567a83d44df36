/**
 * `persistentVolumeClaimRetentionPolicy` on a three-worker cluster with three static hostPath
 * volumes: what `kubectl get pvc` shows after a scale-down and after the set is deleted, for
 * each policy; the owner references the controller puts on the claims; a claim still owned by
 * an earlier pod of the same name holding that pod back.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';

const PVS = ['a', 'b', 'c']
  .map(
    (x) => `apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-${x}
spec:
  capacity: {storage: 1Gi}
  accessModes: ["ReadWriteOnce"]
  hostPath: {path: /mnt/${x}}
`,
  )
  .join('---\n');

function statefulSetYaml(policy: string): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 3
${policy}  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: c
        image: nginx:1.27
        volumeMounts:
        - {name: data, mountPath: /data}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: ["ReadWriteOnce"]
      resources: {requests: {storage: 1Gi}}
`;
}

function policy(whenScaled: string, whenDeleted: string): string {
  return `  persistentVolumeClaimRetentionPolicy:\n    whenScaled: ${whenScaled}\n    whenDeleted: ${whenDeleted}\n`;
}

function start(retention: string) {
  const s = engineSession(1);
  s.host.fs.write('pv.yaml', PVS);
  s.host.fs.write('sts.yaml', statefulSetYaml(retention));
  s.run('kubectl apply -f pv.yaml');
  expect(s.run('kubectl apply -f sts.yaml').out).toBe('statefulset.apps/db created\n');
  /** NAME, the owners' kinds/names and whether the claim is being deleted. */
  const claims = () =>
    s.run(
      'kubectl get pvc -o custom-columns=NAME:.metadata.name,STATUS:.status.phase,VOLUME:.spec.volumeName,OWNERS:.metadata.ownerReferences[*].name',
    ).out;
  const volumes = () =>
    s.run('kubectl get pv -o custom-columns=NAME:.metadata.name,STATUS:.status.phase').out;
  const events = () =>
    s
      .run(
        'kubectl get events --field-selector involvedObject.kind=StatefulSet -o custom-columns=REASON:.reason,MESSAGE:.message --no-headers',
      )
      .out.split('\n')
      .filter(Boolean)
      .map((l) => l.replace(/ {2,}/, ' '));
  expect(s.run('kubectl get pods').out).toContain('db-2   1/1     Running');
  return { ...s, claims, volumes, events };
}

describe('StatefulSet persistentVolumeClaimRetentionPolicy', () => {
  it('whenScaled: Delete, whenDeleted: Delete — claims owned by the set; scale-down and delete take them', () => {
    const { run, claims, volumes } = start(policy('Delete', 'Delete'));
    expect(claims()).toBe(
      'NAME        STATUS   VOLUME   OWNERS\n' +
        'data-db-0   Bound    pv-a     db\n' +
        'data-db-1   Bound    pv-b     db\n' +
        'data-db-2   Bound    pv-c     db\n',
    );
    const uid = run("kubectl get sts db -o jsonpath='{.metadata.uid}'").out;
    expect(run("kubectl get pvc data-db-2 -o jsonpath='{.metadata.ownerReferences}'").out).toBe(
      `[{"apiVersion":"apps/v1","blockOwnerDeletion":true,"controller":true,"kind":"StatefulSet","name":"db","uid":"${uid}"}]`,
    );

    expect(run('kubectl scale sts db --replicas=1').out).toBe('statefulset.apps/db scaled\n');
    expect(run('kubectl get pods').out).toBe(
      'NAME   READY   STATUS    RESTARTS   AGE\ndb-0   1/1     Running   0          115s\n',
    );
    expect(claims()).toBe(
      'NAME        STATUS   VOLUME   OWNERS\ndata-db-0   Bound    pv-a     db\n',
    );
    expect(volumes()).toBe('NAME   STATUS\npv-a   Bound\npv-b   Released\npv-c   Released\n');

    expect(run('kubectl delete sts db').out).toBe('statefulset.apps "db" deleted\n');
    expect(run('kubectl get pvc').err).toBe('No resources found in default namespace.\n');
    expect(volumes()).toBe('NAME   STATUS\npv-a   Released\npv-b   Released\npv-c   Released\n');
  });

  it('a condemned pod owns its claims while it terminates, then the garbage collector deletes them', () => {
    const { run, claims } = start(policy('Delete', 'Delete'));
    // A finalizer keeps db-2 after the scale-down deletes it: the kubelet stops its container
    // and reports the terminal phase (kubectl shows a terminal pod being deleted as Completed).
    run(`kubectl patch pod db-2 -p '{"metadata":{"finalizers":["example.com/hold"]}}'`);
    run('kubectl scale sts db --replicas=2');
    expect(run('kubectl get pod db-2 --no-headers').out).toMatch(/^db-2 +0\/1 +Completed/);
    expect(claims()).toBe(
      'NAME        STATUS   VOLUME   OWNERS\n' +
        'data-db-0   Bound    pv-a     db\n' +
        'data-db-1   Bound    pv-b     db\n' +
        'data-db-2   Bound    pv-c     db-2\n',
    );
    const podUid = run("kubectl get pod db-2 -o jsonpath='{.metadata.uid}'").out;
    expect(run("kubectl get pvc data-db-2 -o jsonpath='{.metadata.ownerReferences}'").out).toBe(
      `[{"apiVersion":"v1","blockOwnerDeletion":true,"controller":true,"kind":"Pod","name":"db-2","uid":"${podUid}"}]`,
    );
    run(`kubectl patch pod db-2 --type=json -p '[{"op":"remove","path":"/metadata/finalizers"}]'`);
    expect(claims()).toBe(
      'NAME        STATUS   VOLUME   OWNERS\n' +
        'data-db-0   Bound    pv-a     db\n' +
        'data-db-1   Bound    pv-b     db\n',
    );
  });

  it('a claim still owned by the old pod blocks the new pod of that name until it is gone', () => {
    const { run, claims, events } = start(policy('Delete', 'Retain'));
    run(`kubectl patch pod db-2 -p '{"metadata":{"finalizers":["example.com/hold"]}}'`);
    run('kubectl scale sts db --replicas=2');
    // Scaled back up while db-2 still terminates: its claim is the old pod's (stale).
    run('kubectl scale sts db --replicas=3');
    run(`kubectl patch pod db-2 --type=json -p '[{"op":"remove","path":"/metadata/finalizers"}]'`);
    // The sync that saw db-2 gone found the stale claim and made nothing; the claim is gone
    // now, but claim events do not wake the StatefulSet controller.
    expect(run('kubectl get pods -o name').out).toBe('pod/db-0\npod/db-1\n');
    expect(claims()).toBe(
      'NAME        STATUS   VOLUME   OWNERS\n' +
        'data-db-0   Bound    pv-a     <none>\n' +
        'data-db-1   Bound    pv-b     <none>\n',
    );
    // Any change to the set syncs it again: db-2 comes back with a new claim (pv-c is Released).
    run('kubectl annotate sts db example.com/poke=1');
    expect(run('kubectl get pods -o name').out).toBe('pod/db-0\npod/db-1\npod/db-2\n');
    // The same claim and pod made a second time: the events count 2.
    expect(
      run(
        'kubectl get events --field-selector reason=SuccessfulCreate -o custom-columns=COUNT:.count,MESSAGE:.message --no-headers',
      ).out.match(/^2 .*db-2.*$/gm),
    ).toEqual([
      '2     create Claim data-db-2 Pod db-2 in StatefulSet db success',
      '2     create Pod db-2 in StatefulSet db successful',
    ]);
    expect(claims()).toContain('data-db-2   Pending   <none>   <none>\n');
  });

  it('whenScaled: Retain, whenDeleted: Delete — scale-down keeps the claims for the pods that come back', () => {
    const { run, claims } = start(policy('Retain', 'Delete'));
    run('kubectl scale sts db --replicas=1');
    expect(claims()).toBe(
      'NAME        STATUS   VOLUME   OWNERS\n' +
        'data-db-0   Bound    pv-a     db\n' +
        'data-db-1   Bound    pv-b     db\n' +
        'data-db-2   Bound    pv-c     db\n',
    );
    run('kubectl scale sts db --replicas=3');
    expect(run('kubectl get pods -o name').out).toBe('pod/db-0\npod/db-1\npod/db-2\n');
    run('kubectl delete sts db');
    expect(run('kubectl get pvc').err).toBe('No resources found in default namespace.\n');
  });

  it('whenScaled: Delete, whenDeleted: Retain — no owners in range; deleting the set keeps the claims', () => {
    const { run, claims } = start(policy('Delete', 'Retain'));
    expect(run("kubectl get pvc -o jsonpath='{.items[*].metadata.ownerReferences}'").out).toBe('');
    run('kubectl scale sts db --replicas=2');
    run('kubectl delete sts db');
    expect(claims()).toBe(
      'NAME        STATUS   VOLUME   OWNERS\n' +
        'data-db-0   Bound    pv-a     <none>\n' +
        'data-db-1   Bound    pv-b     <none>\n',
    );
  });

  it('Retain (the default) and a policy changed back to Retain: no owner references; the pods are updated', () => {
    const { run, claims, events } = start(policy('Delete', 'Delete'));
    const before = events().length;
    run(
      `kubectl patch sts db -p '{"spec":{"persistentVolumeClaimRetentionPolicy":{"whenDeleted":"Retain","whenScaled":"Retain"}}}'`,
    );
    expect(claims()).toBe(
      'NAME        STATUS   VOLUME   OWNERS\n' +
        'data-db-0   Bound    pv-a     <none>\n' +
        'data-db-1   Bound    pv-b     <none>\n' +
        'data-db-2   Bound    pv-c     <none>\n',
    );
    expect(events().slice(before)).toEqual([
      'SuccessfulUpdate update Pod db-0 in StatefulSet db successful',
      'SuccessfulUpdate update Pod db-1 in StatefulSet db successful',
      'SuccessfulUpdate update Pod db-2 in StatefulSet db successful',
    ]);
    run('kubectl scale sts db --replicas=1');
    run('kubectl delete sts db');
    expect(claims().split('\n').filter(Boolean)).toHaveLength(4);
  });
});
