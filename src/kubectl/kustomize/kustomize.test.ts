/**
 * `kubectl kustomize` and `-k` (kustomize v5.5.0 as kubectl 1.32 embeds it): the outputs of the
 * "Declarative Management of Kubernetes Objects Using Kustomize" task page, the content-hash
 * suffixes, the legacy output order, name references to generated objects and kustomize's errors.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../testing/engineSession.ts';

function session(files: Record<string, string>) {
  const s = engineSession(3);
  for (const [path, text] of Object.entries(files)) s.host.fs.write(path, text);
  return s;
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-nginx
spec:
  selector:
    matchLabels:
      run: my-nginx
  replicas: 2
  template:
    metadata:
      labels:
        run: my-nginx
    spec:
      containers:
      - name: my-nginx
        image: nginx
        ports:
        - containerPort: 80
`;

const APP_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-app
  labels:
    app: my-app
spec:
  selector:
    matchLabels:
      app: my-app
  template:
    metadata:
      labels:
        app: my-app
    spec:
      containers:
      - name: app
        image: my-app
        volumeMounts:
        - name: config
          mountPath: /config
      volumes:
      - name: config
        configMap:
          name: example-configmap-1
`;

describe('generators: the content-hash suffix', () => {
  // The task page's names (example-configmap-1-8mbdf7882g…) come from an older kustomize that
  // hashed the name too; kubectl 1.32's kustomize v5.5 hashes the content (and a Secret's type)
  // only. The names below are what a real kubectl 1.32.5 prints.
  it('names a ConfigMap from a file by its content (example-configmap-1-g4hk9g2ff8)', () => {
    const { run } = session({
      'application.properties': 'FOO=Bar\n',
      'kustomization.yaml':
        'configMapGenerator:\n- name: example-configmap-1\n  files:\n  - application.properties\n',
    });
    expect(run('kubectl kustomize ./')).toEqual({
      out: `apiVersion: v1
data:
  application.properties: |
    FOO=Bar
kind: ConfigMap
metadata:
  name: example-configmap-1-g4hk9g2ff8
`,
      err: '',
      code: 0,
    });
  });

  it('hashes literals and env files by the data alone, whatever their source', () => {
    const { run, host } = session({
      'kustomization.yaml':
        'configMapGenerator:\n- name: example-configmap-2\n  literals:\n  - FOO=Bar\n',
    });
    expect(run('kubectl kustomize').out).toContain('name: example-configmap-2-42cfbf598f\n');
    host.fs.write('.env', '# a comment\n\nFOO=Bar\n');
    host.fs.write(
      'kustomization.yaml',
      'configMapGenerator:\n- name: example-configmap-2\n  envs:\n  - .env\n',
    );
    expect(run('kubectl kustomize').out).toBe(
      'apiVersion: v1\ndata:\n  FOO: Bar\nkind: ConfigMap\nmetadata:\n  name: example-configmap-2-42cfbf598f\n',
    );
  });

  it('encodes Secret data and hashes it with the type (the docs Secrets)', () => {
    const { run, host } = session({
      'password.txt': 'username=admin\npassword=secret\n',
      'kustomization.yaml':
        'secretGenerator:\n- name: example-secret-1\n  files:\n  - password.txt\n',
    });
    expect(run('kubectl kustomize').out).toBe(`apiVersion: v1
data:
  password.txt: dXNlcm5hbWU9YWRtaW4KcGFzc3dvcmQ9c2VjcmV0Cg==
kind: Secret
metadata:
  name: example-secret-1-2kdd8ckcc7
type: Opaque
`);
    // The docs' example-secret-2 was made from a typo (`password=secert`).
    host.fs.write(
      'kustomization.yaml',
      'secretGenerator:\n- name: example-secret-2\n  literals:\n  - username=admin\n  - password=secert\n',
    );
    expect(run('kubectl kustomize').out).toContain('name: example-secret-2-dgb77647f8\n');
    host.fs.write(
      'kustomization.yaml',
      'secretGenerator:\n- name: example-secret-2\n  literals:\n  - username=admin\n  - password=secret\n',
    );
    expect(run('kubectl kustomize').out).toContain('name: example-secret-2-8c5228dkb9\n');
  });

  it('leaves the name alone with disableNameSuffixHash and adds the options labels', () => {
    const { run } = session({
      'kustomization.yaml': `configMapGenerator:
- name: example-configmap-3
  literals:
  - FOO=Bar
generatorOptions:
  disableNameSuffixHash: true
  labels:
    type: generated
  annotations:
    note: generated
`,
    });
    expect(run('kubectl kustomize').out).toBe(`apiVersion: v1
data:
  FOO: Bar
kind: ConfigMap
metadata:
  annotations:
    note: generated
  labels:
    type: generated
  name: example-configmap-3
`);
  });

  it('gives a pod template the generated name, ConfigMaps first', () => {
    const { run } = session({
      'application.properties': 'FOO=Bar\n',
      'deployment.yaml': APP_DEPLOYMENT,
      'kustomization.yaml':
        'resources:\n- deployment.yaml\nconfigMapGenerator:\n- name: example-configmap-1\n  files:\n  - application.properties\n',
    });
    expect(run('kubectl kustomize ./').out).toBe(`apiVersion: v1
data:
  application.properties: |
    FOO=Bar
kind: ConfigMap
metadata:
  name: example-configmap-1-g4hk9g2ff8
---
apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: my-app
  name: my-app
spec:
  selector:
    matchLabels:
      app: my-app
  template:
    metadata:
      labels:
        app: my-app
    spec:
      containers:
      - image: my-app
        name: app
        volumeMounts:
        - mountPath: /config
          name: config
      volumes:
      - configMap:
          name: example-configmap-1-g4hk9g2ff8
        name: config
`);
  });

  it('hashes a base generator under the overlay prefix and fixes envFrom in the overlay', () => {
    const { run } = session({
      'base/deploy.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.25
        envFrom:
        - configMapRef:
            name: web-env
`,
      'base/kustomization.yaml':
        'resources:\n- deploy.yaml\nconfigMapGenerator:\n- name: web-env\n  literals:\n  - MODE=base\n',
      'prod/kustomization.yaml':
        'resources:\n- ../base\nnamePrefix: prod-\nnamespace: prod\nimages:\n- name: nginx\n  newTag: "1.27"\nreplicas:\n- name: web\n  count: 4\n',
    });
    const out = run('kubectl kustomize prod').out;
    expect(out).toContain('  name: prod-web-env-btf6f9dc9c\n  namespace: prod\n');
    expect(out).toContain('replicas: 4\n');
    expect(out).toContain(
      '- envFrom:\n        - configMapRef:\n            name: prod-web-env-btf6f9dc9c\n',
    );
    expect(out).toContain('image: nginx:1.27\n');
  });
});

describe('transformers', () => {
  it('sets namespace, prefix, suffix, labels and annotations as the docs show', () => {
    const { run } = session({
      'deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
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
        image: nginx
`,
      'kustomization.yaml': `namespace: my-namespace
namePrefix: dev-
nameSuffix: "-001"
commonLabels:
  app: bingo
commonAnnotations:
  oncallPager: 800-555-1212
resources:
- deployment.yaml
`,
    });
    expect(run('kubectl kustomize ./').out).toBe(`apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    oncallPager: 800-555-1212
  labels:
    app: bingo
  name: dev-nginx-deployment-001
  namespace: my-namespace
spec:
  selector:
    matchLabels:
      app: bingo
  template:
    metadata:
      annotations:
        oncallPager: 800-555-1212
      labels:
        app: bingo
    spec:
      containers:
      - image: nginx
        name: nginx
`);
  });

  it('keeps selectors for labels without includeSelectors', () => {
    const { run } = session({
      'deployment.yaml': DEPLOYMENT,
      'kustomization.yaml': 'resources:\n- deployment.yaml\nlabels:\n- pairs:\n    team: blue\n',
    });
    const out = run('kubectl kustomize').out;
    expect(out).toContain('metadata:\n  labels:\n    team: blue\n  name: my-nginx\n');
    expect(out).toContain(
      'matchLabels:\n      run: my-nginx\n  template:\n    metadata:\n      labels:\n        run: my-nginx\n',
    );
  });

  it('applies strategic merge patches and images (the docs examples)', () => {
    const { run } = session({
      'deployment.yaml': DEPLOYMENT,
      'increase_replicas.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: my-nginx\nspec:\n  replicas: 3\n',
      'set_memory.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: my-nginx\nspec:\n  template:\n    spec:\n      containers:\n      - name: my-nginx\n        resources:\n          limits:\n            memory: 512Mi\n',
      'kustomization.yaml':
        'resources:\n- deployment.yaml\npatchesStrategicMerge:\n- increase_replicas.yaml\n- set_memory.yaml\nimages:\n- name: nginx\n  newName: my.image.registry/nginx\n  newTag: 1.4.0\n',
    });
    expect(run('kubectl kustomize ./').out).toBe(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      run: my-nginx
  template:
    metadata:
      labels:
        run: my-nginx
    spec:
      containers:
      - image: my.image.registry/nginx:1.4.0
        name: my-nginx
        ports:
        - containerPort: 80
        resources:
          limits:
            memory: 512Mi
`);
  });

  it('applies JSON 6902 patches to their target, from patchesJson6902 and patches', () => {
    const { run, host } = session({
      'deployment.yaml': DEPLOYMENT,
      'patch.yaml': '- op: replace\n  path: /spec/replicas\n  value: 3\n',
      'kustomization.yaml':
        'resources:\n- deployment.yaml\npatchesJson6902:\n- target:\n    group: apps\n    version: v1\n    kind: Deployment\n    name: my-nginx\n  path: patch.yaml\n',
    });
    expect(run('kubectl kustomize').out).toContain('spec:\n  replicas: 3\n  selector:');
    host.fs.write(
      'kustomization.yaml',
      'resources:\n- deployment.yaml\npatches:\n- target:\n    kind: Deployment\n  patch: |-\n    - op: add\n      path: /spec/paused\n      value: true\n',
    );
    expect(run('kubectl kustomize').out).toContain('spec:\n  paused: true\n  replicas: 2\n');
  });

  it('orders the output legacy-style: Namespace, ConfigMap, Service, Deployment', () => {
    const { run } = session({
      'all.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: a
spec:
  selector:
    matchLabels:
      app: a
  template:
    metadata:
      labels:
        app: a
    spec:
      containers:
      - name: a
        image: nginx
---
apiVersion: v1
kind: Service
metadata:
  name: a
spec:
  selector:
    app: a
  ports:
  - port: 80
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: z
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: b
---
apiVersion: v1
kind: Namespace
metadata:
  name: team
`,
      'kustomization.yaml': 'resources:\n- all.yaml\n',
    });
    const kinds = run('kubectl kustomize')
      .out.split('---\n')
      .map((d) =>
        /^kind: (\w+)\nmetadata:\n(?: {2}.*\n)*? {2}name: (\S+)/m.exec(d)?.slice(1).join('/'),
      );
    expect(kinds).toEqual([
      'Namespace/team',
      'ConfigMap/b',
      'ConfigMap/z',
      'Service/a',
      'Deployment/a',
    ]);
  });
});

describe('errors', () => {
  it('prints kustomize 5.5 errors', () => {
    const { run, host } = session({ 'app/x.yaml': 'a: b\n', 'cm.yaml': 'kind: ConfigMap\n' });
    expect(run('kubectl apply -k /tmp/nowhere')).toEqual({
      out: '',
      err: "error: must build at directory: not a valid directory: evalsymlink failure on '/tmp/nowhere' : lstat /tmp/nowhere: no such file or directory\n",
      code: 1,
    });
    expect(run('kubectl kustomize app').err).toBe(
      "error: unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '/home/learner/app'\n",
    );
    expect(run('kubectl kustomize cm.yaml').err).toBe(
      "error: must build at directory: 'cm.yaml': file is not directory\n",
    );
    host.fs.write('app/kustomization.yaml', 'resource:\n- x.yaml\n');
    expect(run('kubectl kustomize app').err).toBe(
      'error: invalid Kustomization: json: unknown field "resource"\n',
    );
    host.fs.write('app/kustomization.yaml', 'resources:\n- y.yaml\n');
    expect(run('kubectl kustomize app').err).toBe(
      "error: accumulating resources: accumulation err='accumulating resources from 'y.yaml': evalsymlink failure on '/home/learner/app/y.yaml' : lstat /home/learner/app/y.yaml: no such file or directory': must build at directory: not a valid directory: evalsymlink failure on '/home/learner/app/y.yaml' : lstat /home/learner/app/y.yaml: no such file or directory\n",
    );
    expect(run('kubectl apply -k app -f cm.yaml').err).toBe(
      'error: only one of -f or -k can be specified\n',
    );
    expect(run('kubectl get -k app -R').err).toBe(
      "error: the -k flag can't be used with -f or -R\n",
    );
    expect(run('kubectl get cm').out).not.toContain('base');
  });
});

describe('-k with the object commands', () => {
  const files = {
    'cm.yaml':
      '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"base"},"data":{"a":"1"}}\n',
    'kustomization.yaml': 'resources:\n- cm.yaml\nnamePrefix: dev-\n',
  };

  it('applies, gets, diffs, replaces and deletes what the kustomization renders', () => {
    const { run, host } = session(files);
    expect(run('kubectl kustomize .').out).toBe(
      'apiVersion: v1\ndata:\n  a: "1"\nkind: ConfigMap\nmetadata:\n  name: dev-base\n',
    );
    expect(run('kubectl apply -k .')).toEqual({
      out: 'configmap/dev-base created\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl get -k . -o name').out).toBe('configmap/dev-base\n');
    expect(run('kubectl diff -k .').code).toBe(0);
    host.fs.write(
      'cm.yaml',
      '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"base"},"data":{"a":"2"}}\n',
    );
    const diff = run('kubectl diff -k .');
    expect(diff.code).toBe(1);
    expect(diff.out).toContain('-  a: "1"\n+  a: "2"\n');
    expect(run('kubectl replace -k .').out).toBe('configmap/dev-base replaced\n');
    expect(run('kubectl get cm dev-base -o jsonpath={.data.a}').out).toBe('2');
    expect(run('kubectl delete -k .').out).toBe('configmap "dev-base" deleted\n');
    expect(run('kubectl create -k .').out).toBe('configmap/dev-base created\n');
  });

  it('writes the build to a file with kubectl kustomize -o', () => {
    const { run, host } = session(files);
    expect(run('kubectl kustomize . -o out.yaml')).toEqual({ out: '', err: '', code: 0 });
    expect(host.fs.read('out.yaml')).toBe(
      'apiVersion: v1\ndata:\n  a: "1"\nkind: ConfigMap\nmetadata:\n  name: dev-base\n',
    );
  });
});

describe('loading rules', () => {
  it('warns of deprecated fields on stderr and still builds', () => {
    const { run } = session({
      'base/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
      'base/kustomization.yaml': 'resources:\n- cm.yaml\n',
      'app/kustomization.yaml': 'bases:\n- ../base\ncommonLabels:\n  team: blue\n',
    });
    expect(run('kubectl apply -k app')).toEqual({
      out: 'configmap/x created\n',
      err: `# Warning: 'bases' is deprecated. Please use 'resources' instead. Run 'kustomize edit fix' to update your Kustomization automatically.
# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. Run 'kustomize edit fix' to update your Kustomization automatically.
`,
      code: 0,
    });
    expect(run('kubectl get cm x --show-labels').out).toContain('team=blue');
  });

  it('refuses files above the kustomization root, and says remote bases need a network', () => {
    const { run, host } = session({
      'x.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
      'app/kustomization.yaml': 'resources:\n- ../x.yaml\n',
    });
    expect(run('kubectl kustomize app').err).toBe(
      "error: accumulating resources: accumulation err='accumulating resources from '../x.yaml': security; file '/home/learner/x.yaml' is not in or below '/home/learner/app'': must build at directory: '/home/learner/x.yaml': file is not directory\n",
    );
    host.fs.write(
      'app/kustomization.yaml',
      'configMapGenerator:\n- name: a\n  files:\n  - missing.txt\n',
    );
    expect(run('kubectl kustomize app').err).toBe(
      "error: loading KV pairs: file sources: [missing.txt]: evalsymlink failure on '/home/learner/app/missing.txt' : lstat /home/learner/app/missing.txt: no such file or directory\n",
    );
    host.fs.write(
      'app/kustomization.yaml',
      'resources:\n- https://github.com/kubernetes-sigs/kustomize//examples/helloWorld/?ref=v5.5.0\n',
    );
    const remote = run('kubectl kustomize app');
    expect(remote.code).toBe(1);
    expect(remote.err).toContain('remote resources are not available in this console');
  });

  it('lets describe, patch and autoscale take -k too', () => {
    const { run } = session({
      'deploy.yaml': DEPLOYMENT,
      'kustomization.yaml': 'resources:\n- deploy.yaml\nnameSuffix: -v2\n',
    });
    expect(run('kubectl apply -k .').out).toBe('deployment.apps/my-nginx-v2 created\n');
    expect(run('kubectl describe -k .').out).toMatch(/^Name: +my-nginx-v2\n/);
    expect(run(`kubectl patch -k . -p '{"spec":{"replicas":1}}'`).out).toBe(
      'deployment.apps/my-nginx-v2 patched\n',
    );
    expect(run('kubectl autoscale -k . --max=3').out).toBe(
      'horizontalpodautoscaler.autoscaling/my-nginx-v2 autoscaled\n',
    );
  });
});

describe('bases and ids', () => {
  it("wraps a base's errors, finds cycles and duplicate ids, refuses an empty kustomization", () => {
    const { run, host } = session({
      'base/x.txt': 'x',
      'app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
      'app/cm2.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
      'app/kustomization.yaml': 'resources:\n- ../base\n',
    });
    expect(run('kubectl kustomize app').err).toBe(
      "error: accumulating resources: accumulation err='accumulating resources from '../base': '/home/learner/base' must resolve to a file': couldn't make target for path '/home/learner/base': unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '/home/learner/base'\n",
    );
    host.fs.write('app/kustomization.yaml', 'resources:\n- ..\n');
    expect(run('kubectl kustomize app').err).toBe(
      "error: accumulating resources: accumulation err='accumulating resources from '..': '/home/learner' must resolve to a file': cycle detected: candidate root '/home/learner' contains visited root '/home/learner/app'\n",
    );
    host.fs.write('app/kustomization.yaml', 'resources:\n- cm.yaml\n- cm2.yaml\n');
    expect(run('kubectl kustomize app').err).toBe(
      "error: accumulating resources: accumulation err='merging resources from 'cm2.yaml': may not add resource with an already registered id: ConfigMap.v1.[noGrp]/x.[noNs]': must build at directory: '/home/learner/app/cm2.yaml': file is not directory\n",
    );
    host.fs.write('app/kustomization.yaml', '');
    expect(run('kubectl apply -k app').err).toBe('error: kustomization.yaml is empty\n');
  });

  it('names a Namespace object after the namespace field and creates it first', () => {
    const { run } = session({
      'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: old\n',
      'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
      'kustomization.yaml': 'namespace: team\nresources:\n- cm.yaml\n- ns.yaml\n',
    });
    expect(run('kubectl apply -k .').out).toBe('namespace/team created\nconfigmap/x created\n');
    expect(run('kubectl get cm x -n team -o name').out).toBe('configmap/x\n');
  });
});

describe('strict decoding of the kustomization', () => {
  it('reports the first type error or unknown field as encoding/json words it', () => {
    const { run, host } = session({});
    const err = (k: string): string => {
      host.fs.write('app/kustomization.yaml', k);
      return run('kubectl kustomize app').err;
    };
    expect(err('resources: cm.yaml\n')).toBe(
      'error: invalid Kustomization: json: cannot unmarshal string into Go struct field Kustomization.resources of type []string\n',
    );
    expect(err('images:\n- name: nginx\n  newTag: 1.21\n')).toBe(
      'error: invalid Kustomization: json: cannot unmarshal number into Go struct field Image.images.newTag of type string\n',
    );
    expect(err('replicas:\n- name: a\n  count: "3"\n')).toBe(
      'error: invalid Kustomization: json: cannot unmarshal string into Go struct field Replica.replicas.count of type int64\n',
    );
    expect(err('commonLabels:\n  version: 2\n')).toBe(
      'error: invalid Kustomization: json: cannot unmarshal number into Go struct field Kustomization.commonLabels of type string\n',
    );
    expect(err('images:\n- name: nginx\n  tag: "1.27"\n')).toBe(
      'error: invalid Kustomization: json: unknown field "tag"\n',
    );
    // sigs.k8s.io/yaml sorts the keys, so the first error in key order wins.
    expect(err('zeta: 1\nresource: []\n')).toBe(
      'error: invalid Kustomization: json: unknown field "resource"\n',
    );
  });
});

describe('patches that remove, and remote targets', () => {
  it('drops a resource a `$patch: delete` patch names', () => {
    const { run } = session({
      'cm.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: drop\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: keep\n',
      'kustomization.yaml':
        'resources:\n- cm.yaml\npatches:\n- patch: |-\n    $patch: delete\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: drop\n',
    });
    expect(run('kubectl kustomize').out).toBe(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: keep\n',
    );
  });

  it('says a remote kustomization needs a network the console does not have', () => {
    const { run } = session({});
    const r = run(
      'kubectl kustomize https://github.com/kubernetes-sigs/kustomize.git/examples/helloWorld?ref=v1.0.6',
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('remote kustomizations are not available in this console');
  });
});
