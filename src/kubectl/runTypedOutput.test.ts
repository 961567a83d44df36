/**
 * `kubectl run` as a real kubectl 1.32.5 prints and sends the pod it builds: a typed Pod, so
 * `-o json` keeps Go struct order and a container always has `resources`; `--save-config` and
 * `--field-manager` only on the way to the server; an empty `--image=`. Expected texts are the
 * real binary's (bench/kubectlOracle.ts).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl run: the typed pod', () => {
  it('-o json prints PodSpec fields in struct order (restartPolicy before dnsPolicy)', () => {
    const { run } = engineSession(1);
    expect(run('kubectl run nginx --image=nginx --dry-run=client -o json')).toEqual({
      out: `{
    "kind": "Pod",
    "apiVersion": "v1",
    "metadata": {
        "name": "nginx",
        "creationTimestamp": null,
        "labels": {
            "run": "nginx"
        }
    },
    "spec": {
        "containers": [
            {
                "name": "nginx",
                "image": "nginx",
                "resources": {}
            }
        ],
        "restartPolicy": "Always",
        "dnsPolicy": "ClusterFirst"
    },
    "status": {}
}
`,
      err: '',
      code: 0,
    });
  });

  it('--overrides come back through the typed Pod: struct order, resources: {}, no empty list', () => {
    const { run } = engineSession(1);
    const overrides =
      '{"spec":{"containers":[{"name":"c","image":"nginx","tty":true,"args":["a"],"env":[{"name":"X","value":"1"}]}],"nodeName":"node1","volumes":[]}}';
    expect(
      run(`kubectl run ordered3 --image=nginx --overrides='${overrides}' --dry-run=client -o json`)
        .out,
    ).toBe(`{
    "kind": "Pod",
    "apiVersion": "v1",
    "metadata": {
        "name": "ordered3",
        "creationTimestamp": null,
        "labels": {
            "run": "ordered3"
        }
    },
    "spec": {
        "containers": [
            {
                "name": "c",
                "image": "nginx",
                "args": [
                    "a"
                ],
                "env": [
                    {
                        "name": "X",
                        "value": "1"
                    }
                ],
                "resources": {},
                "tty": true
            }
        ],
        "restartPolicy": "Always",
        "dnsPolicy": "ClusterFirst",
        "nodeName": "node1"
    },
    "status": {}
}
`);
    expect(
      run(
        `kubectl run nginx --image=nginx --overrides='{"apiVersion":"v1","spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}' --dry-run=client -o yaml`,
      ).out,
    ).toBe(`apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: nginx
  name: nginx
spec:
  containers:
  - image: nginx:1.27
    name: nginx
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`);
  });

  it('a server dry run prints the defaulted pod in struct order too (volumes first, projected defaultMode last)', () => {
    const { run } = engineSession(1);
    const out = run('kubectl run x --image=nginx --dry-run=server -o json').out;
    const spec = (JSON.parse(out) as { spec: Record<string, unknown> }).spec;
    expect(Object.keys(spec).slice(0, 5)).toEqual([
      'volumes',
      'containers',
      'restartPolicy',
      'terminationGracePeriodSeconds',
      'dnsPolicy',
    ]);
    expect(out.indexOf('"defaultMode": 420')).toBeGreaterThan(out.indexOf('"sources": ['));
  });
});

describe('kubectl run: --save-config, --field-manager, --image', () => {
  it('--save-config adds no annotation with --dry-run=client', () => {
    const { run } = engineSession(1);
    expect(
      run('kubectl run nginx2 --image=nginx --dry-run=client -o yaml --save-config').out,
    ).toBe(`apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: nginx2
  name: nginx2
spec:
  containers:
  - image: nginx
    name: nginx2
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`);
  });

  it('--save-config with --expose annotates the service too, its ports in struct order', () => {
    const { run } = engineSession(1);
    expect(run('kubectl run sc2 --image=nginx --save-config --port=80 --expose -o name').out).toBe(
      'service/sc2\npod/sc2\n',
    );
    expect(run(`kubectl get svc sc2 -o jsonpath='{.metadata.annotations}'`).out).toBe(
      '{"kubectl.kubernetes.io/last-applied-configuration":"{\\"kind\\":\\"Service\\",\\"apiVersion\\":\\"v1\\",\\"metadata\\":{\\"name\\":\\"sc2\\",\\"creationTimestamp\\":null},\\"spec\\":{\\"ports\\":[{\\"protocol\\":\\"TCP\\",\\"port\\":80,\\"targetPort\\":80}],\\"selector\\":{\\"run\\":\\"sc2\\"}},\\"status\\":{\\"loadBalancer\\":{}}}\\n"}',
    );
    expect(run(`kubectl get pod sc2 -o jsonpath='{.metadata.annotations}'`).out).toContain(
      'last-applied-configuration',
    );
  });

  it('--field-manager names the manager of the pod and of the exposed service', () => {
    const { run } = engineSession(1);
    run('kubectl run nginx5 --image=nginx --field-manager=me -o name');
    expect(
      run(`kubectl get pod nginx5 -o jsonpath='{.metadata.managedFields[0].manager}'`).out,
    ).toBe('me');
    run('kubectl run fm --image=nginx --port=80 --expose --field-manager=mine -o name');
    expect(run(`kubectl get svc fm -o jsonpath='{.metadata.managedFields[0].manager}'`).out).toBe(
      'mine',
    );
    run('kubectl run plain --image=nginx');
    expect(
      run(`kubectl get pod plain -o jsonpath='{.metadata.managedFields[0].manager}'`).out,
    ).toBe('kubectl-run');
  });

  it('an empty --image= is given, so it passes cobra and fails in Run', () => {
    const { run } = engineSession(1);
    expect(run('kubectl run nginx --image=')).toEqual({
      out: '',
      err: 'error: --image is required\n',
      code: 1,
    });
    expect(run('kubectl run nginx')).toEqual({
      out: '',
      err: 'error: required flag(s) "image" not set\n',
      code: 1,
    });
  });
});

describe('kubectl run: --port and --override-type as Run reads them', () => {
  it('any --port given is the container port, even -1 (real kubectl 1.32.5)', () => {
    const { run } = engineSession(1);
    expect(
      run('kubectl run x --image=nginx --port=-1 --dry-run=client -o yaml').out,
    ).toBe(`apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: x
  name: x
spec:
  containers:
  - image: nginx
    name: x
    ports:
    - containerPort: -1
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`);
  });

  it('an unknown --override-type matters only with --overrides, for run and expose alike', () => {
    const { run } = engineSession(1);
    expect(
      run('kubectl run x2 --image=nginx --override-type=foo --dry-run=client -o name'),
    ).toEqual({ out: 'pod/x2\n', err: '', code: 0 });
    expect(
      run(`kubectl run x2 --image=nginx --override-type=foo --overrides='{}' --dry-run=client`),
    ).toEqual({ out: '', err: 'error: invalid override type: foo\n', code: 1 });
    run('kubectl create deployment web --image=nginx');
    expect(
      run(
        'kubectl expose deploy web --name=w2 --port=80 --override-type=foo --dry-run=client -o name',
      ),
    ).toEqual({ out: 'service/w2\n', err: '', code: 0 });
    expect(
      run(
        `kubectl expose deploy web --name=w2 --port=80 --override-type=foo --overrides='{}' --dry-run=client -o name`,
      ),
    ).toEqual({ out: '', err: 'error: invalid override type: foo\n', code: 1 });
  });
});

describe('kubectl run: nested structs of an overridden pod in Go order', () => {
  it('tolerations, container ports and volume mounts come back in struct order (real kubectl 1.32.5)', () => {
    const { run } = engineSession(1);
    expect(
      run(
        `kubectl run e4 --image=nginx --overrides='{"spec":{"tolerations":[{"effect":"NoSchedule","operator":"Exists","key":"k"}],"containers":[{"name":"e4","image":"nginx","volumeMounts":[{"mountPath":"/x","name":"v","readOnly":true}],"ports":[{"protocol":"TCP","containerPort":80,"name":"http"}]}],"volumes":[{"name":"v","emptyDir":{}}]}}' --dry-run=client -o json`,
      ).out,
    ).toBe(`{
    "kind": "Pod",
    "apiVersion": "v1",
    "metadata": {
        "name": "e4",
        "creationTimestamp": null,
        "labels": {
            "run": "e4"
        }
    },
    "spec": {
        "volumes": [
            {
                "name": "v",
                "emptyDir": {}
            }
        ],
        "containers": [
            {
                "name": "e4",
                "image": "nginx",
                "ports": [
                    {
                        "name": "http",
                        "containerPort": 80,
                        "protocol": "TCP"
                    }
                ],
                "resources": {},
                "volumeMounts": [
                    {
                        "name": "v",
                        "readOnly": true,
                        "mountPath": "/x"
                    }
                ]
            }
        ],
        "restartPolicy": "Always",
        "dnsPolicy": "ClusterFirst",
        "tolerations": [
            {
                "key": "k",
                "operator": "Exists",
                "effect": "NoSchedule"
            }
        ]
    },
    "status": {}
}
`);
  });
});
