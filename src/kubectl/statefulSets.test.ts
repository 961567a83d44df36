/**
 * The "StatefulSet Basics" tutorial on the simulated cluster: the headless Service `nginx` and
 * the StatefulSet `web` (registry.k8s.io/nginx-slim:0.21, two replicas, a volume claim
 * template). Ordered creation (web-1 only once web-0 runs), `get sts`, scaling up and down in
 * ordinal order, a deleted pod coming back under its name, `describe`, the rolling update from
 * the highest ordinal down, with kubectl's rollout texts. The claims of the volume claim
 * template (`www-web-N`) bind to hostPath volumes the session creates first.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const WEB_YAML = `apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
`;

/**
 * The tutorial expects a cluster that can give each claim a volume; a bare kubeadm cluster has no
 * StorageClass, so the session first creates five 1Gi hostPath volumes without a class (what
 * claims without a class bind to): one per replica of the largest scale-up below.
 */
const VOLUMES_YAML = [0, 1, 2, 3, 4]
  .map(
    (i) => `apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-${i}
spec:
  capacity:
    storage: 1Gi
  accessModes: [ "ReadWriteOnce" ]
  hostPath:
    path: /mnt/data/pv-${i}
`,
  )
  .join('---\n');

function tutorial() {
  const s = engineSession(3);
  s.host.fs.write('web.yaml', WEB_YAML);
  s.host.fs.write('volumes.yaml', VOLUMES_YAML);
  s.run('kubectl apply -f volumes.yaml');
  return s;
}

type Run = ReturnType<typeof tutorial>['run'];

/** `<object> <reason> <message>` of every event, in the order the API server stored them. */
function eventSequence(run: Run): string[] {
  const list = JSON.parse(run('kubectl get events -o json').out) as {
    items: {
      metadata: { resourceVersion: string };
      involvedObject: { name: string };
      reason: string;
      message: string;
    }[];
  };
  return list.items
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e) => `${e.involvedObject.name} ${e.reason} ${e.message}`);
}

/** The StatefulSet controller's own events, in order. */
function controllerEvents(run: Run): string[] {
  return eventSequence(run)
    .filter((l) => l.startsWith('web Successful'))
    .map((l) => l.slice('web '.length));
}

describe('StatefulSet Basics on a bare kubeadm cluster', () => {
  it('creates the claim before the pod; with no volume and no StorageClass both stay Pending', () => {
    const { run, host } = engineSession(3);
    host.fs.write('web.yaml', WEB_YAML);
    run('kubectl apply -f web.yaml');
    expect(run('kubectl get pvc,pods -l app=nginx').out).toBe(
      [
        'NAME                              STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE',
        'persistentvolumeclaim/www-web-0   Pending                                                     <unset>                 15s',
        '',
        'NAME        READY   STATUS    RESTARTS   AGE',
        'pod/web-0   0/1     Pending   0          15s',
        '',
      ].join('\n'),
    );
    expect(eventSequence(run)).toEqual([
      'web SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'web SuccessfulCreate create Pod web-0 in StatefulSet web successful',
      'www-web-0 FailedBinding no persistent volumes available for this claim and no storage class is set',
      'web-0 FailedScheduling 0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    ]);
    // A volume for the claim: web-0 binds, runs, and only then web-1's claim and pod follow.
    host.fs.write('volumes.yaml', VOLUMES_YAML.split('---\n')[0] ?? '');
    run('kubectl apply -f volumes.yaml');
    expect(run('kubectl get pods -l app=nginx').out).toMatch(
      /\nweb-0 +1\/1 +Running +0 +\S+\nweb-1 +0\/1 +Pending +0 +\S+\n$/,
    );
    expect(
      run("kubectl get pvc -o jsonpath='{range .items[*]}{.metadata.name}={.status.phase} {end}'")
        .out,
    ).toBe('www-web-0=Bound www-web-1=Pending ');
  });
});

describe('StatefulSet Basics on the simulated cluster', () => {
  it('creates web-0, waits for it to run and be Ready, then creates web-1', () => {
    const { run } = tutorial();
    expect(run('kubectl apply -f web.yaml')).toEqual({
      out: 'service/nginx created\nstatefulset.apps/web created\n',
      err: '',
      code: 0,
    });
    const seq = eventSequence(run).filter((l) => /^web(-[01])? /.test(l));
    const at = (line: string) => seq.indexOf(line);
    const create0 = at('web SuccessfulCreate create Pod web-0 in StatefulSet web successful');
    const started0 = at('web-0 Started Started container nginx');
    const create1 = at('web SuccessfulCreate create Pod web-1 in StatefulSet web successful');
    expect(create0).toBeGreaterThanOrEqual(0);
    expect(started0).toBeGreaterThan(create0);
    expect(create1).toBeGreaterThan(started0);
    expect(seq.slice(create1 + 1).some((l) => l.startsWith('web-1 Scheduled'))).toBe(true);

    const sts = run('kubectl get sts');
    expect(sts.out).toMatch(/^NAME {3}READY {3}AGE\nweb {4}2\/2 {5}\d+s\n$/);
    expect(run('kubectl get statefulset web -o wide').out).toMatch(
      /^NAME {3}READY {3}AGE {3}CONTAINERS {3}IMAGES\nweb {4}2\/2 {5}\d+s {2,}nginx {8}registry\.k8s\.io\/nginx-slim:0\.21\n$/,
    );
    expect(run('kubectl get pods -l app=nginx -o name').out).toBe('pod/web-0\npod/web-1\n');
    expect(
      run(
        "kubectl get pod web-1 -o jsonpath='{.spec.hostname} {.spec.subdomain} {.metadata.labels.statefulset\\.kubernetes\\.io/pod-name} {.metadata.labels.apps\\.kubernetes\\.io/pod-index} {.spec.volumes[0].persistentVolumeClaim.claimName}'",
      ).out,
    ).toBe('web-1 nginx web-1 1 www-web-1');
  });

  it('kubectl rollout status waits for the pods one by one', () => {
    const { run } = tutorial();
    expect(run('kubectl apply -f web.yaml && kubectl rollout status sts/web').out).toBe(
      'service/nginx created\nstatefulset.apps/web created\n' +
        'Waiting for statefulset spec update to be observed...\n' +
        'Waiting for 2 pods to be ready...\n' +
        'Waiting for 1 pods to be ready...\n' +
        'partitioned roll out complete: 2 new pods have been updated...\n',
    );
  });

  it('scales up in ordinal order and down from the highest ordinal', () => {
    const { run } = tutorial();
    run('kubectl apply -f web.yaml');
    expect(run('kubectl scale sts web --replicas=5').out).toBe('statefulset.apps/web scaled\n');
    expect(run('kubectl get pods -l app=nginx -o name').out).toBe(
      'pod/web-0\npod/web-1\npod/web-2\npod/web-3\npod/web-4\n',
    );
    expect(run('kubectl patch sts web -p \'{"spec":{"replicas":3}}\'').out).toBe(
      'statefulset.apps/web patched\n',
    );
    expect(run('kubectl get pods -l app=nginx -o name').out).toBe(
      'pod/web-0\npod/web-1\npod/web-2\n',
    );
    // Each pod's claim is created just before it; the tenth SuccessfulCreate of the set within
    // ten minutes is one the event correlator combines (client-go's EventAggregator).
    expect(controllerEvents(run)).toEqual([
      'SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'SuccessfulCreate create Pod web-0 in StatefulSet web successful',
      'SuccessfulCreate create Claim www-web-1 Pod web-1 in StatefulSet web success',
      'SuccessfulCreate create Pod web-1 in StatefulSet web successful',
      'SuccessfulCreate create Claim www-web-2 Pod web-2 in StatefulSet web success',
      'SuccessfulCreate create Pod web-2 in StatefulSet web successful',
      'SuccessfulCreate create Claim www-web-3 Pod web-3 in StatefulSet web success',
      'SuccessfulCreate create Pod web-3 in StatefulSet web successful',
      'SuccessfulCreate create Claim www-web-4 Pod web-4 in StatefulSet web success',
      'SuccessfulCreate (combined from similar events): create Pod web-4 in StatefulSet web successful',
      'SuccessfulDelete delete Pod web-4 in StatefulSet web successful',
      'SuccessfulDelete delete Pod web-3 in StatefulSet web successful',
    ]);
    expect(
      run('kubectl get sts web -o jsonpath={.status.replicas}/{.status.readyReplicas}').out,
    ).toBe('3/3');
    // Scaling down keeps the claims (whenScaled: Retain), still bound to their volumes.
    expect(
      run(
        'kubectl get pvc -o custom-columns=NAME:.metadata.name,STATUS:.status.phase,VOLUME:.spec.volumeName,LABELS:.metadata.labels',
      ).out,
    ).toBe(
      [
        'NAME        STATUS   VOLUME   LABELS',
        'www-web-0   Bound    pv-0     map[app:nginx]',
        'www-web-1   Bound    pv-1     map[app:nginx]',
        'www-web-2   Bound    pv-2     map[app:nginx]',
        'www-web-3   Bound    pv-3     map[app:nginx]',
        'www-web-4   Bound    pv-4     map[app:nginx]',
        '',
      ].join('\n'),
    );
  });

  it('brings a deleted pod back under the same name', () => {
    const { run } = tutorial();
    run('kubectl apply -f web.yaml');
    const uid = () => run("kubectl get pod web-0 -o jsonpath='{.metadata.uid}'").out;
    const before = uid();
    expect(run('kubectl delete pod web-0').out).toBe('pod "web-0" deleted\n');
    expect(run('kubectl get pods -l app=nginx -o name').out).toBe('pod/web-0\npod/web-1\n');
    expect(uid()).not.toBe(before);
    expect(controllerEvents(run).slice(-1)).toEqual([
      'SuccessfulCreate create Pod web-0 in StatefulSet web successful',
    ]);
  });

  it('describes the StatefulSet as kubectl 1.32 does', () => {
    const { run } = tutorial();
    run('kubectl apply -f web.yaml');
    const out = run('kubectl describe statefulset web').out.replace(
      /^(CreationTimestamp: +).*$/m,
      '$1<time>',
    );
    expect(out.replace(/ {2}\d+s {3}statefulset/g, '  <age>  statefulset')).toBe(
      [
        'Name:               web',
        'Namespace:          default',
        'CreationTimestamp:  <time>',
        'Selector:           app=nginx',
        'Labels:             <none>',
        'Annotations:        <none>',
        'Replicas:           2 desired | 2 total',
        'Update Strategy:    RollingUpdate',
        '  Partition:        0',
        'Pods Status:        2 Running / 0 Waiting / 0 Succeeded / 0 Failed',
        'Pod Template:',
        '  Labels:  app=nginx',
        '  Containers:',
        '   nginx:',
        '    Image:        registry.k8s.io/nginx-slim:0.21',
        '    Port:         80/TCP',
        '    Host Port:    0/TCP',
        '    Environment:  <none>',
        '    Mounts:',
        '      /usr/share/nginx/html from www (rw)',
        '  Volumes:         <none>',
        '  Node-Selectors:  <none>',
        '  Tolerations:     <none>',
        'Volume Claims:',
        '  Name:          www',
        '  StorageClass:  ',
        '  Labels:        <none>',
        '  Annotations:   <none>',
        '  Capacity:      1Gi',
        '  Access Modes:  [ReadWriteOnce]',
        'Events:',
        '  Type    Reason            Age   From                    Message',
        '  ----    ------            ----  ----                    -------',
        '  Normal  SuccessfulCreate  <age>  statefulset-controller  create Claim www-web-0 Pod web-0 in StatefulSet web success',
        '  Normal  SuccessfulCreate  <age>  statefulset-controller  create Pod web-0 in StatefulSet web successful',
        '  Normal  SuccessfulCreate  <age>  statefulset-controller  create Claim www-web-1 Pod web-1 in StatefulSet web success',
        '  Normal  SuccessfulCreate  <age>  statefulset-controller  create Pod web-1 in StatefulSet web successful',
        '',
      ].join('\n'),
    );
  });

  it('rolls an image update from the highest ordinal down, then rolls it back', () => {
    const { run } = tutorial();
    run('kubectl apply -f web.yaml');
    run('kubectl scale sts web --replicas=3');
    const patch = run(
      `kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"registry.k8s.io/nginx-slim:0.24"}]'`,
    );
    expect(patch.out).toBe('statefulset.apps/web patched\n');
    expect(controllerEvents(run).filter((l) => l.startsWith('SuccessfulDelete'))).toEqual([
      'SuccessfulDelete delete Pod web-2 in StatefulSet web successful',
      'SuccessfulDelete delete Pod web-1 in StatefulSet web successful',
      'SuccessfulDelete delete Pod web-0 in StatefulSet web successful',
    ]);
    expect(
      run(
        "kubectl get pods -l app=nginx -o jsonpath='{range .items[*]}{.spec.containers[0].image} {end}'",
      ).out,
    ).toBe('registry.k8s.io/nginx-slim:0.24 '.repeat(3));
    expect(run('kubectl rollout status sts/web').out).toBe(
      'partitioned roll out complete: 3 new pods have been updated...\n',
    );
    expect(run('kubectl rollout history statefulset/web').out).toBe(
      'statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
    );
    expect(run('kubectl rollout undo sts/web').out).toBe('statefulset.apps/web rolled back\n');
    expect(
      run("kubectl get sts web -o jsonpath='{.spec.template.spec.containers[0].image}'").out,
    ).toBe('registry.k8s.io/nginx-slim:0.21');
    // Revision 1 is used again under the next number.
    expect(run('kubectl rollout history statefulset/web').out).toBe(
      'statefulset.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n',
    );
  });

  it('keeps pods below the partition at the current revision', () => {
    const { run } = tutorial();
    run('kubectl apply -f web.yaml');
    run('kubectl scale sts web --replicas=3');
    run(
      'kubectl patch statefulset web -p \'{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}}}}\'',
    );
    run('kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.24');
    expect(
      run(
        "kubectl get pods -l app=nginx -o jsonpath='{range .items[*]}{.metadata.name}={.spec.containers[0].image} {end}'",
      ).out,
    ).toBe(
      'web-0=registry.k8s.io/nginx-slim:0.21 web-1=registry.k8s.io/nginx-slim:0.21 web-2=registry.k8s.io/nginx-slim:0.24 ',
    );
    expect(run('kubectl rollout status sts/web').out).toBe(
      'partitioned roll out complete: 1 new pods have been updated...\n',
    );
    // A deleted pod below the partition comes back at the old revision.
    run('kubectl delete pod web-0');
    expect(run("kubectl get pod web-0 -o jsonpath='{.spec.containers[0].image}'").out).toBe(
      'registry.k8s.io/nginx-slim:0.21',
    );
  });

  it('refuses changes to fields other than the mutable ones, and deletes the pods with the set', () => {
    const { run } = tutorial();
    run('kubectl apply -f web.yaml');
    expect(run('kubectl patch sts web -p \'{"spec":{"serviceName":"other"}}\'')).toEqual({
      out: '',
      err: `The StatefulSet "web" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden\n`,
      code: 1,
    });
    expect(run('kubectl delete sts web').out).toBe('statefulset.apps "web" deleted\n');
    expect(run('kubectl get pods -l app=nginx')).toEqual({
      out: '',
      err: 'No resources found in default namespace.\n',
      code: 0,
    });
  });
});
