/**
 * `kubectl set image|env|resources|selector|serviceaccount --local -f FILE`: the file's objects,
 * decoded into their Go types, changed and printed without a server. The typed objects carry
 * Go's zero values (`creationTimestamp: null`, `strategy: {}`, `resources: {}`, `status: {}`,
 * `status.replicas: 0`, a Service port's `targetPort: 0`…), their quantities in canonical form,
 * and `-o json` writes Go's field order. The same typed printing holds for the server's answer.
 * Outputs as the real kubectl 1.32.5 printed them (bench/kubectlOracle.ts --offline, and bridged
 * for the server's answer).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
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
        image: nginx:1.25
`;

const STATEFULSET = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: db
        image: redis
        resources:
          requests:
            memory: 1024Mi
            cpu: 0.25
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: s
spec:
  ports:
  - port: 80
`;

function session() {
  const s = engineSession(2);
  const write = (file: string, text: string) =>
    expect(s.run(`printf '${text.replace(/\n/g, '\\n')}' > ${file}`).code).toBe(0);
  write('dep.yaml', DEPLOYMENT);
  write('sts.yaml', STATEFULSET);
  write('svc.yaml', SERVICE);
  return s;
}

describe('kubectl set … --local -f FILE prints the typed object', () => {
  it('set image -o yaml: Go zero values appear; the plain line names the object', () => {
    const { run } = session();
    expect(run('kubectl set image --local -f dep.yaml nginx=nginx:1.27 -o yaml')).toEqual({
      out: `apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx:1.27
        name: nginx
        resources: {}
status: {}
`,
      err: '',
      code: 0,
    });
    expect(run('kubectl set image --local -f dep.yaml nginx=nginx:1.27').out).toBe(
      'deployment.apps/web image updated\n',
    );
  });

  it('set env --local -o json: Go field order (kind first, strategy after template)', () => {
    const { run } = session();
    expect(run('kubectl set env --local -f dep.yaml FOO=bar -o json')).toEqual({
      out: `{
    "kind": "Deployment",
    "apiVersion": "apps/v1",
    "metadata": {
        "name": "web",
        "creationTimestamp": null
    },
    "spec": {
        "replicas": 2,
        "selector": {
            "matchLabels": {
                "app": "web"
            }
        },
        "template": {
            "metadata": {
                "creationTimestamp": null,
                "labels": {
                    "app": "web"
                }
            },
            "spec": {
                "containers": [
                    {
                        "name": "nginx",
                        "image": "nginx:1.25",
                        "env": [
                            {
                                "name": "FOO",
                                "value": "bar"
                            }
                        ],
                        "resources": {}
                    }
                ]
            }
        },
        "strategy": {}
    },
    "status": {}
}
`,
      err: '',
      code: 0,
    });
    expect(run('kubectl set env --local -f dep.yaml FOO=bar').out).toBe(
      'deployment.apps/web env updated\n',
    );
    expect(run('kubectl set env --local -f dep.yaml --list').out).toBe(
      '# Deployment web, container nginx\n',
    );
    // The builder ignores TYPE NAME with --local: no file, no objects.
    expect(run('kubectl set env --local deploy/web FOO=bar -o yaml')).toEqual({
      out: '',
      err: `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'
`,
      code: 1,
    });
  });

  it('set resources --local: quantities canonical, StatefulSet status zeros; TYPE NAME refused', () => {
    const { run } = session();
    expect(
      run('kubectl set resources --local -f sts.yaml --limits=cpu=1000m,memory=2048Mi -o yaml'),
    ).toEqual({
      out: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  creationTimestamp: null
  name: db
spec:
  selector:
    matchLabels:
      app: db
  serviceName: ""
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: db
    spec:
      containers:
      - image: redis
        name: db
        resources:
          limits:
            cpu: "1"
            memory: 2Gi
          requests:
            cpu: 250m
            memory: 1Gi
  updateStrategy: {}
status:
  availableReplicas: 0
  replicas: 0
`,
      err: '',
      code: 0,
    });
    expect(run('kubectl set resources --local -f sts.yaml --limits=cpu=1').out).toBe(
      'statefulset.apps/db resource requirements updated\n',
    );
    expect(run('kubectl set resources --local -f sts.yaml -c nope --limits=cpu=1')).toEqual({
      out: '',
      err: 'error: unable to find container named nope\n',
      code: 1,
    });
    expect(run('kubectl set resources --local deployment web --limits=cpu=1 -o yaml')).toEqual({
      out: '',
      err: `error: you must specify resources by --filename when --local is set.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
`,
      code: 1,
    });
  });

  it('set selector --local on a Service: targetPort 0 and status.loadBalancer {}', () => {
    const { run } = session();
    expect(run('kubectl set selector --local -f svc.yaml app=x -o json').out).toBe(`{
    "kind": "Service",
    "apiVersion": "v1",
    "metadata": {
        "name": "s",
        "creationTimestamp": null
    },
    "spec": {
        "ports": [
            {
                "port": 80,
                "targetPort": 0
            }
        ],
        "selector": {
            "app": "x"
        }
    },
    "status": {
        "loadBalancer": {}
    }
}
`);
  });

  it("the server's answer is printed typed too (Go field order in -o json)", () => {
    const { run } = session();
    run('kubectl create deployment api --image=nginx');
    const out = run('kubectl set image deploy/api nginx=nginx:1.27 -o json').out;
    const keys = (text: string) => [...text.matchAll(/^ {8}"(\w+)":/gm)].map((m) => m[1]);
    // spec's own fields, in DeploymentSpec's order.
    const spec = out.slice(out.indexOf('"spec"'), out.indexOf('"status"'));
    expect(keys(spec)).toEqual([
      'replicas',
      'selector',
      'template',
      'strategy',
      'revisionHistoryLimit',
      'progressDeadlineSeconds',
    ]);
    expect(out.startsWith('{\n    "kind": "Deployment",\n    "apiVersion": "apps/v1",\n')).toBe(
      true,
    );
  });

  it('volume claim templates and topology spread constraints: their structs typed too', () => {
    const { run } = session();
    const file =
      'apiVersion: apps/v1\\nkind: StatefulSet\\nmetadata:\\n  name: db\\nspec:\\n  serviceName: db\\n  selector:\\n    matchLabels:\\n      app: db\\n  template:\\n    metadata:\\n      labels:\\n        app: db\\n    spec:\\n      topologySpreadConstraints:\\n      - labelSelector:\\n          matchLabels:\\n            app: db\\n        topologyKey: zone\\n        maxSkew: 1\\n        whenUnsatisfiable: DoNotSchedule\\n      containers:\\n      - name: db\\n        image: postgres\\n  volumeClaimTemplates:\\n  - metadata:\\n      name: data\\n    spec:\\n      accessModes: ["ReadWriteOnce"]\\n';
    expect(run(`printf '${file}' > sts3.yaml`).code).toBe(0);
    expect(run('kubectl set image --local -f sts3.yaml db=postgres:16 -o json').out).toBe(`{
    "kind": "StatefulSet",
    "apiVersion": "apps/v1",
    "metadata": {
        "name": "db",
        "creationTimestamp": null
    },
    "spec": {
        "selector": {
            "matchLabels": {
                "app": "db"
            }
        },
        "template": {
            "metadata": {
                "creationTimestamp": null,
                "labels": {
                    "app": "db"
                }
            },
            "spec": {
                "containers": [
                    {
                        "name": "db",
                        "image": "postgres:16",
                        "resources": {}
                    }
                ],
                "topologySpreadConstraints": [
                    {
                        "maxSkew": 1,
                        "topologyKey": "zone",
                        "whenUnsatisfiable": "DoNotSchedule",
                        "labelSelector": {
                            "matchLabels": {
                                "app": "db"
                            }
                        }
                    }
                ]
            }
        },
        "volumeClaimTemplates": [
            {
                "metadata": {
                    "name": "data",
                    "creationTimestamp": null
                },
                "spec": {
                    "accessModes": [
                        "ReadWriteOnce"
                    ],
                    "resources": {}
                },
                "status": {}
            }
        ],
        "serviceName": "db",
        "updateStrategy": {}
    },
    "status": {
        "replicas": 0,
        "availableReplicas": 0
    }
}
`);
  });

  it('--local with --dry-run=server is refused; jsonpath prints a null value as null', () => {
    const { run } = session();
    for (const line of [
      'kubectl set env --local -f dep.yaml FOO=bar --dry-run=server',
      'kubectl set resources --local -f dep.yaml --requests=memory=1Gi --dry-run=server',
    ]) {
      expect(run(line)).toEqual({
        out: '',
        err: 'error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?\n',
        code: 1,
      });
    }
    expect(
      run(
        "kubectl set image --local -f dep.yaml nginx=nginx:1.27 -o jsonpath='{.metadata.creationTimestamp}'",
      ).out,
    ).toBe('null');
  });
});
