/**
 * `kubectl kustomize`'s own flags and the loading of a kustomization directory, as kubectl
 * 1.32 (kustomize v5.5) does them: --reorder (deprecated), --load-restrictor, sortOptions, the
 * path checks. Files and expected outputs are a real kubectl 1.32.5's.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../testing/engineSession.ts';

function session(files: Record<string, string>) {
  const s = engineSession(3);
  for (const [path, text] of Object.entries(files)) s.host.fs.write(path, text);
  return s;
}

describe('kubectl kustomize flags and loading (kubectl 1.32)', () => {
  it('reads `- .` as a path (the current kustomization: a cycle), not a float', () => {
    const { run } = session({
      'app/kustomization.yaml': `resources:
- .
`,
    });
    expect(run('kubectl kustomize app')).toEqual({
      out: '',
      err: "error: accumulating resources: accumulation err='accumulating resources from '.': '/home/learner/app' must resolve to a file': cycle detected: candidate root '/home/learner/app' contains visited root '/home/learner/app'\n",
      code: 1,
    });
  });

  it('refuses a directory with two kustomization files', () => {
    const { run } = session({
      'app/kustomization.yaml': 'resources: []\n',
      'app/Kustomization': 'resources: []\n',
    });
    expect(run('kubectl kustomize app')).toEqual({
      out: '',
      err: 'error: Found multiple kustomization files under: /home/learner/app\n',
      code: 1,
    });
  });

  it('names a file given for the directory as it was typed', () => {
    const { run } = session({
      'app/all.yaml': `apiVersion: apps/v1
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
      - name: nginx
        image: nginx
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
`,
      'app/kustomization.yaml': `resources:
- all.yaml
`,
    });
    expect(run('kubectl kustomize app/all.yaml')).toEqual({
      out: '',
      err: "error: must build at directory: 'app/all.yaml': file is not directory\n",
      code: 1,
    });
    expect(run('kubectl apply -k app/all.yaml')).toEqual({
      out: '',
      err: "error: must build at directory: 'app/all.yaml': file is not directory\n",
      code: 1,
    });
  });

  it("takes the deprecated --reorder (none keeps the file order) and checks its values and --load-restrictor's", () => {
    const { run } = session({
      'app/all.yaml': `apiVersion: apps/v1
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
      - name: nginx
        image: nginx
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
`,
      'app/kustomization.yaml': `resources:
- all.yaml
`,
    });
    expect(run('kubectl kustomize app --reorder none')).toEqual({
      out: `apiVersion: apps/v1
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
      - image: nginx
        name: nginx
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - port: 80
  selector:
    app: web
`,
      err: "Flag --reorder has been deprecated, use the new 'sortOptions' field in kustomization.yaml instead.\n",
      code: 0,
    });
    expect(run('kubectl kustomize app --reorder fifo')).toEqual({
      out: '',
      err: `Flag --reorder has been deprecated, use the new 'sortOptions' field in kustomization.yaml instead.
error: illegal flag value --reorder fifo; legal values: [legacy none]
`,
      code: 1,
    });
    expect(run('kubectl kustomize app --load-restrictor none')).toEqual({
      out: '',
      err: 'error: illegal flag value --load-restrictor none; legal values: [LoadRestrictionsRootOnly LoadRestrictionsNone]\n',
      code: 1,
    });
  });

  it('lets --load-restrictor LoadRestrictionsNone read a file above the root, and writes -o files', () => {
    const { run } = session({
      'all.yaml': `apiVersion: apps/v1
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
      - name: nginx
        image: nginx
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
`,
      'app/kustomization.yaml': `resources:
- ../all.yaml
`,
    });
    expect(run('kubectl kustomize app --load-restrictor LoadRestrictionsNone -o out.yaml')).toEqual(
      {
        out: '',
        err: '',
        code: 0,
      },
    );
    expect(run('cat out.yaml')).toEqual({
      out: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - port: 80
  selector:
    app: web
---
apiVersion: apps/v1
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
      - image: nginx
        name: nginx
`,
      err: '',
      code: 0,
    });
  });

  it('follows sortOptions: fifo, or legacy with its own first and last kinds', () => {
    const { run } = session({
      'app/all.yaml': `apiVersion: apps/v1
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
      - name: nginx
        image: nginx
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
`,
      'app/kustomization.yaml': `resources:
- all.yaml
sortOptions:
  order: fifo
`,
      'first/all.yaml': `apiVersion: v1
kind: Service
metadata:
  name: s
---
apiVersion: v1
kind: Namespace
metadata:
  name: n
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
`,
      'first/kustomization.yaml': `resources:
- all.yaml
sortOptions:
  order: legacy
  legacySortOptions:
    orderFirst:
    - Service
    orderLast:
    - Namespace
`,
    });
    expect(run('kubectl kustomize app')).toEqual({
      out: `apiVersion: apps/v1
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
      - image: nginx
        name: nginx
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - port: 80
  selector:
    app: web
`,
      err: '',
      code: 0,
    });
    expect(run('kubectl kustomize first')).toEqual({
      out: `apiVersion: v1
kind: Service
metadata:
  name: s
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
---
apiVersion: v1
kind: Namespace
metadata:
  name: "n"
`,
      err: '',
      code: 0,
    });
  });
  it('asks for --enable-helm before inflating a Helm chart, showing the chart as the generator config', () => {
    const { run } = session({
      'app/kustomization.yaml': `resources: []
helmCharts:
- name: minecraft
  repo: https://itzg.github.io/minecraft-server-charts
  version: 3.1.3
  releaseName: moria
`,
      'old/kustomization.yaml': `helmChartInflationGenerator:
- chartName: minecraft
  chartVersion: 3.1.3
`,
    });
    expect(run('kubectl kustomize app')).toEqual({
      out: '',
      err: 'error: trouble configuring builtin HelmChartInflationGenerator with config: `\nname: minecraft\nreleaseName: moria\nrepo: https://itzg.github.io/minecraft-server-charts\nversion: 3.1.3\n`: must specify --enable-helm\n',
      code: 1,
    });
    expect(run('kubectl apply -k app')).toEqual({
      out: '',
      err: 'error: trouble configuring builtin HelmChartInflationGenerator with config: `\nname: minecraft\nreleaseName: moria\nrepo: https://itzg.github.io/minecraft-server-charts\nversion: 3.1.3\n`: must specify --enable-helm\n',
      code: 1,
    });
    expect(run('kubectl kustomize old')).toEqual({
      out: '',
      err: 'error: trouble configuring builtin HelmChartInflationGenerator with config: `\nname: minecraft\nversion: 3.1.3\n`: must specify --enable-helm\n',
      code: 1,
    });
  });
  it('words a bad kustomization, a malformed resource, one without kind or name as kustomize does, and reads resources as kyaml (yes stays a string, 010 is 8, a date is RFC 3339)', () => {
    const { run } = session({
      'tab/kustomization.yaml': `resources:
	- a.yaml
`,
      'badres/kustomization.yaml': `resources:
- a.yaml
`,
      'badres/a.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: a
 data: x
`,
      'noname/kustomization.yaml': `resources:
- a.yaml
`,
      'noname/a.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  labels:
    a: b
`,
      'nokind/kustomization.yaml': `resources:
- a.yaml
`,
      'nokind/a.yaml': `apiVersion: v1
metadata:
  name: a
`,
      'bool/kustomization.yaml': `resources:
- a.yaml
`,
      'bool/a.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: a
data:
  enabled: yes
  off: on
  n: 010
  t: 2024-01-01
`,
    });
    expect(run('kubectl kustomize tab')).toEqual({
      out: '',
      err: 'error: invalid Kustomization: yaml: line 2: found character that cannot start any token\n',
      code: 1,
    });
    expect(run('kubectl kustomize badres')).toEqual({
      out: '',
      err: "error: accumulating resources: accumulating resources from 'a.yaml': MalformedYAMLError: yaml: line 4: did not find expected key in File: a.yaml\n",
      code: 1,
    });
    expect(run('kubectl kustomize noname')).toEqual({
      out: '',
      err: "error: accumulating resources: accumulation err='accumulating resources from 'a.yaml': missing metadata.name in object {{v1 ConfigMap} {{ } map[a:b] map[]}}': must build at directory: '/home/learner/noname/a.yaml': file is not directory\n",
      code: 1,
    });
    expect(run('kubectl kustomize nokind')).toEqual({
      out: '',
      err: "error: accumulating resources: accumulation err='accumulating resources from 'a.yaml': missing kind in object {{v1 } {{a } map[] map[]}}': must build at directory: '/home/learner/nokind/a.yaml': file is not directory\n",
      code: 1,
    });
    expect(run('kubectl kustomize bool')).toEqual({
      out: `apiVersion: v1
data:
  enabled: "yes"
  "n": 8
  "off": "on"
  t: "2024-01-01T00:00:00Z"
kind: ConfigMap
metadata:
  name: a
`,
      err: '',
      code: 0,
    });
  });
  it('writes one file per object into an -o directory, and needs the directory of an -o file', () => {
    const { run, host } = session({
      'o2/c.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: x\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: Web\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\n',
      'o2/kustomization.yaml': 'resources:\n- c.yaml\n',
    });
    run('mkdir -p o2/sub o2/one');
    expect(run('kubectl kustomize o2 -o o2/sub')).toEqual({ out: '', err: '', code: 0 });
    // Several namespaces: each namespaced object's file starts with its namespace.
    expect(host.fs.read('o2/sub/default_apps_v1_deployment_web.yaml')).toBe(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: Web\n',
    );
    expect(host.fs.read('o2/sub/x_v1_configmap_c.yaml')).toBe(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: x\n',
    );
    expect(host.fs.read('o2/sub/rbac.authorization.k8s.io_v1_clusterrole_r.yaml')).toBeDefined();
    host.fs.write('o2/kustomization.yaml', 'resources:\n- c.yaml\nnamespace: one\n');
    expect(run('kubectl kustomize o2 -o o2/one/').code).toBe(0);
    expect(host.fs.read('o2/one/apps_v1_deployment_web.yaml')).toBeDefined();
    expect(host.fs.read('o2/one/v1_configmap_c.yaml')).toBeDefined();
    expect(run('kubectl kustomize o2 -o nothere/out.yaml')).toEqual({
      out: '',
      err: 'error: open nothere/out.yaml: no such file or directory\n',
      code: 1,
    });
  });
  it('refuses an empty resources entry (new root cannot be empty)', () => {
    const { run } = session({
      'o/kustomization.yaml': `resources:
-
`,
    });
    expect(run('kubectl kustomize o')).toEqual({
      out: '',
      err: "error: accumulating resources: accumulation err='accumulating resources from '': '/home/learner/o' must resolve to a file': new root cannot be empty\n",
      code: 1,
    });
  });
  it("gives kustomize's error for a missing openapi, configurations, crds or plugin file, after the resources where kustomize reads it later", () => {
    const { run } = session({
      'b/c.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
`,
      'b/kustomization.yaml': `resources:
- c.yaml
`,
      'o1/kustomization.yaml': `resources:
- ../b
openapi:
  path: x.json
`,
      'o2/kustomization.yaml': `resources:
- ../b
configurations:
- conf.yaml
`,
      'o3/kustomization.yaml': `resources:
- ../b
crds:
- crd.json
`,
      'o4/kustomization.yaml': `resources:
- ../b
generators:
- gen.yaml
`,
      'o5/kustomization.yaml': `resources:
- ../b
transformers:
- t.yaml
`,
      'o6/kustomization.yaml': `resources:
- ../b
validators:
- v.yaml
`,
      'o7/kustomization.yaml': `resources:
- ../nothere
configurations:
- conf.yaml
`,
      'o8/kustomization.yaml': `resources:
- ../nothere
transformers:
- t.yaml
`,
    });
    expect(run('kubectl kustomize o1')).toEqual({
      out: '',
      err: "error: evalsymlink failure on '/home/learner/o1/x.json' : lstat /home/learner/o1/x.json: no such file or directory\n",
      code: 1,
    });
    expect(run('kubectl kustomize o2')).toEqual({
      out: '',
      err: "error: evalsymlink failure on '/home/learner/o2/conf.yaml' : lstat /home/learner/o2/conf.yaml: no such file or directory\n",
      code: 1,
    });
    expect(run('kubectl kustomize o3')).toEqual({
      out: '',
      err: "error: loading CRDs [crd.json]: evalsymlink failure on '/home/learner/o3/crd.json' : lstat /home/learner/o3/crd.json: no such file or directory\n",
      code: 1,
    });
    expect(run('kubectl kustomize o4')).toEqual({
      out: '',
      err: "error: loading generator plugins: accumulation err='accumulating resources from 'gen.yaml': evalsymlink failure on '/home/learner/o4/gen.yaml' : lstat /home/learner/o4/gen.yaml: no such file or directory': must build at directory: not a valid directory: evalsymlink failure on '/home/learner/o4/gen.yaml' : lstat /home/learner/o4/gen.yaml: no such file or directory\n",
      code: 1,
    });
    expect(run('kubectl kustomize o5')).toEqual({
      out: '',
      err: "error: accumulation err='accumulating resources from 't.yaml': evalsymlink failure on '/home/learner/o5/t.yaml' : lstat /home/learner/o5/t.yaml: no such file or directory': must build at directory: not a valid directory: evalsymlink failure on '/home/learner/o5/t.yaml' : lstat /home/learner/o5/t.yaml: no such file or directory\n",
      code: 1,
    });
    expect(run('kubectl kustomize o6')).toEqual({
      out: '',
      err: "error: accumulation err='accumulating resources from 'v.yaml': evalsymlink failure on '/home/learner/o6/v.yaml' : lstat /home/learner/o6/v.yaml: no such file or directory': must build at directory: not a valid directory: evalsymlink failure on '/home/learner/o6/v.yaml' : lstat /home/learner/o6/v.yaml: no such file or directory\n",
      code: 1,
    });
    expect(run('kubectl kustomize o7')).toEqual({
      out: '',
      err: "error: accumulating resources: accumulation err='accumulating resources from '../nothere': evalsymlink failure on '/home/learner/nothere' : lstat /home/learner/nothere: no such file or directory': must build at directory: not a valid directory: evalsymlink failure on '/home/learner/nothere' : lstat /home/learner/nothere: no such file or directory\n",
      code: 1,
    });
    expect(run('kubectl kustomize o8')).toEqual({
      out: '',
      err: "error: accumulating resources: accumulation err='accumulating resources from '../nothere': evalsymlink failure on '/home/learner/nothere' : lstat /home/learner/nothere: no such file or directory': must build at directory: not a valid directory: evalsymlink failure on '/home/learner/nothere' : lstat /home/learner/nothere: no such file or directory\n",
      code: 1,
    });
  });
  it("decodes replacements, vars, sortOptions, helmCharts and openapi strictly, checks sortOptions.order, a target name's regexp and a var without kind as kustomize does", () => {
    const { run } = session({
      'r2/kustomization.yaml': `resources:
- a.yaml
replacements:
- source: x
`,
      'r2/a.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  selector:
    matchLabels:
      app: d
  template:
    metadata:
      labels:
        app: d
    spec:
      containers:
      - name: c
        image: busybox
`,
      'r3/kustomization.yaml': `resources:
- a.yaml
vars: x
`,
      'r3/a.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  selector:
    matchLabels:
      app: d
  template:
    metadata:
      labels:
        app: d
    spec:
      containers:
      - name: c
        image: busybox
`,
      'r6/kustomization.yaml': `resources:
- a.yaml
sortOptions: x
`,
      'r6/a.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  selector:
    matchLabels:
      app: d
  template:
    metadata:
      labels:
        app: d
    spec:
      containers:
      - name: c
        image: busybox
`,
      'r7/kustomization.yaml': `resources:
- a.yaml
helmCharts: x
`,
      'r7/a.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  selector:
    matchLabels:
      app: d
  template:
    metadata:
      labels:
        app: d
    spec:
      containers:
      - name: c
        image: busybox
`,
      'r10/kustomization.yaml': `resources:
- a.yaml
openapi: x
`,
      'r10/a.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  selector:
    matchLabels:
      app: d
  template:
    metadata:
      labels:
        app: d
    spec:
      containers:
      - name: c
        image: busybox
`,
      'r13/kustomization.yaml': `resources:
- a.yaml
patches:
- target:
    name: "["
  patch: |-
    - op: add
      path: /metadata/labels/x
      value: y
`,
      'r13/a.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  selector:
    matchLabels:
      app: d
  template:
    metadata:
      labels:
        app: d
    spec:
      containers:
      - name: c
        image: busybox
`,
      'r14/kustomization.yaml': `resources:
- a.yaml
sortOptions:
  order: weird
`,
      'r14/a.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  selector:
    matchLabels:
      app: d
  template:
    metadata:
      labels:
        app: d
    spec:
      containers:
      - name: c
        image: busybox
`,
      'r15/kustomization.yaml': `resources:
- a.yaml
vars:
- name: X
`,
      'r15/a.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  selector:
    matchLabels:
      app: d
  template:
    metadata:
      labels:
        app: d
    spec:
      containers:
      - name: c
        image: busybox
`,
    });
    expect(run('kubectl kustomize r2')).toEqual({
      out: '',
      err: 'error: invalid Kustomization: json: cannot unmarshal string into Go struct field ReplacementField.replacements.source of type types.SourceSelector\n',
      code: 1,
    });
    expect(run('kubectl kustomize r3')).toEqual({
      out: '',
      err: 'error: invalid Kustomization: json: cannot unmarshal string into Go struct field Kustomization.vars of type []types.Var\n',
      code: 1,
    });
    expect(run('kubectl kustomize r6')).toEqual({
      out: '',
      err: 'error: invalid Kustomization: json: cannot unmarshal string into Go struct field Kustomization.sortOptions of type types.SortOptions\n',
      code: 1,
    });
    expect(run('kubectl kustomize r7')).toEqual({
      out: '',
      err: 'error: invalid Kustomization: json: cannot unmarshal string into Go struct field Kustomization.helmCharts of type []types.HelmChart\n',
      code: 1,
    });
    expect(run('kubectl kustomize r10')).toEqual({
      out: '',
      err: 'error: invalid Kustomization: json: cannot unmarshal string into Go struct field Kustomization.openapi of type map[string]string\n',
      code: 1,
    });
    expect(run('kubectl kustomize r13')).toEqual({
      out: '',
      err: 'error: error parsing regexp: missing closing ]: `[)$`\n',
      code: 1,
    });
    expect(run('kubectl kustomize r14')).toEqual({
      out: '',
      err: "error: the field 'sortOptions.order' must be one of [fifo, legacy]\n",
      code: 1,
    });
    expect(run('kubectl kustomize r15')).toEqual({
      out: '',
      err: `# Warning: 'vars' is deprecated. Please use 'replacements' instead. [EXPERIMENTAL] Run 'kustomize edit fix' to update your Kustomization automatically.
error: var '{X [noKind].[noVer].[noGrp] {metadata.name}}' cannot be mapped to a field in the set of known resources
`,
      code: 1,
    });
  });
  it('matches kustomization keys that differ only in case, as encoding/json does (nameprefix, configmapGenerator, Literals)', () => {
    const { run } = session({
      'a.yaml': `apiVersion: v1
kind: Service
metadata:
  name: s
spec:
  ports:
  - port: 80
`,
      'kustomization.yaml': `Resources:
- a.yaml
nameprefix: p-
commonlabels:
  app: x
configmapGenerator:
- name: g
  Literals:
  - a=b
images:
- name: busybox
  newtag: "1"
`,
    });
    expect(run('kubectl kustomize')).toEqual({
      out: `apiVersion: v1
data:
  a: b
kind: ConfigMap
metadata:
  labels:
    app: x
  name: p-g-4h2mbtbbt6
---
apiVersion: v1
kind: Service
metadata:
  labels:
    app: x
  name: p-s
spec:
  ports:
  - port: 80
  selector:
    app: x
`,
      err: "# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. Run 'kustomize edit fix' to update your Kustomization automatically.\n",
      code: 0,
    });
  });
});
