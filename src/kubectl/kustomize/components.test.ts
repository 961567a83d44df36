/**
 * kustomize `components` (kind: Component) as kubectl 1.32 (kustomize v5.5) builds them, and
 * the kind/apiVersion checks of a kustomization file. Files and expected outputs are a real
 * kubectl 1.32.5's.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../testing/engineSession.ts';

function session(files: Record<string, string>) {
  const s = engineSession(3);
  for (const [path, text] of Object.entries(files)) s.host.fs.write(path, text);
  return s;
}

describe('kustomize components (kubectl 1.32)', () => {
  it("applies a component's resources, generators, labels and patches to what its user accumulated, before the user's own transformers; a Component builds alone too", () => {
    const { run } = session({
      'base/d.yaml': `apiVersion: apps/v1
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
`,
      'base/kustomization.yaml': `resources:
- d.yaml
`,
      'comp/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
resources:
- extra.yaml
configMapGenerator:
- name: feature
  literals:
  - enabled=true
labels:
- pairs:
    feature: "on"
patches:
- patch: |-
    - op: add
      path: /metadata/annotations
      value: {comp: "yes"}
  target:
    kind: Deployment
`,
      'comp/extra.yaml': `apiVersion: v1
kind: Service
metadata:
  name: extra
spec:
  ports:
  - port: 80
`,
      'ov/kustomization.yaml': `resources:
- ../base
components:
- ../comp
namePrefix: ov-
commonLabels:
  env: ov
`,
      'comp2/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
namespace: c2
images:
- name: nginx
  newTag: "1.27"
`,
      'two/kustomization.yaml': `resources:
- ../base
components:
- ../comp
- ../comp2
`,
      'direct/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
resources:
- d.yaml
`,
      'direct/d.yaml': `apiVersion: apps/v1
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
`,
    });
    expect(run('kubectl kustomize ov')).toEqual({
      out: `apiVersion: v1
data:
  enabled: "true"
kind: ConfigMap
metadata:
  labels:
    env: ov
    feature: "on"
  name: ov-feature-d4gghm9mdd
---
apiVersion: v1
kind: Service
metadata:
  labels:
    env: ov
    feature: "on"
  name: ov-extra
spec:
  ports:
  - port: 80
  selector:
    env: ov
---
apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    comp: "yes"
  labels:
    env: ov
    feature: "on"
  name: ov-web
spec:
  selector:
    matchLabels:
      app: web
      env: ov
  template:
    metadata:
      labels:
        app: web
        env: ov
    spec:
      containers:
      - image: nginx
        name: nginx
`,
      err: "# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. Run 'kustomize edit fix' to update your Kustomization automatically.\n",
      code: 0,
    });
    expect(run('kubectl kustomize two')).toEqual({
      out: `apiVersion: v1
data:
  enabled: "true"
kind: ConfigMap
metadata:
  labels:
    feature: "on"
  name: feature-d4gghm9mdd
  namespace: c2
---
apiVersion: v1
kind: Service
metadata:
  labels:
    feature: "on"
  name: extra
  namespace: c2
spec:
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    comp: "yes"
  labels:
    feature: "on"
  name: web
  namespace: c2
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
      - image: nginx:1.27
        name: nginx
`,
      err: '',
      code: 0,
    });
    expect(run('kubectl kustomize direct')).toEqual({
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
`,
      err: '',
      code: 0,
    });
  });

  it('words a component used as a resource, a kustomization used as a component, a missing or file path and a bad component as kustomize does', () => {
    const { run } = session({
      'base/d.yaml': `apiVersion: apps/v1
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
`,
      'base/kustomization.yaml': `resources:
- d.yaml
`,
      'comp/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
resources:
- extra.yaml
configMapGenerator:
- name: feature
  literals:
  - enabled=true
labels:
- pairs:
    feature: "on"
patches:
- patch: |-
    - op: add
      path: /metadata/annotations
      value: {comp: "yes"}
  target:
    kind: Deployment
`,
      'comp/extra.yaml': `apiVersion: v1
kind: Service
metadata:
  name: extra
spec:
  ports:
  - port: 80
`,
      'asres/kustomization.yaml': `resources:
- ../base
- ../comp
`,
      'wrongkind/kustomization.yaml': `resources:
- ../base
components:
- ../base
`,
      'missing/kustomization.yaml': `resources:
- ../base
components:
- ../nothere
`,
      'compfile/kustomization.yaml': `resources:
- ../base
components:
- ../base/d.yaml
`,
      'badcomp/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
resource:
- x.yaml
`,
      'usebad/kustomization.yaml': `resources:
- ../base
components:
- ../badcomp
`,
    });
    expect(run('kubectl kustomize asres')).toEqual({
      out: '',
      err: "error: accumulating resources: accumulation err='accumulating resources from '../comp': '/home/learner/comp' must resolve to a file': expected kind != 'Component' for path '/home/learner/comp'\n",
      code: 1,
    });
    expect(run('kubectl kustomize wrongkind')).toEqual({
      out: '',
      err: "error: accumulating components: accumulateDirectory: \"expected kind 'Component' for path '/home/learner/base' but got 'Kustomization'\"\n",
      code: 1,
    });
    expect(run('kubectl kustomize missing')).toEqual({
      out: '',
      err: 'error: accumulating components: loader.New "must build at directory: not a valid directory: evalsymlink failure on \'/home/learner/nothere\' : lstat /home/learner/nothere: no such file or directory"\n',
      code: 1,
    });
    expect(run('kubectl kustomize compfile')).toEqual({
      out: '',
      err: 'error: accumulating components: loader.New "must build at directory: \'/home/learner/base/d.yaml\': file is not directory"\n',
      code: 1,
    });
    expect(run('kubectl kustomize usebad')).toEqual({
      out: '',
      err: 'error: accumulating components: accumulateDirectory: "couldn\'t make target for path \'/home/learner/badcomp\': invalid Kustomization: json: unknown field \\"resource\\""\n',
      code: 1,
    });
  });

  it('checks the kind and its apiVersion (Kustomization v1beta1, Component v1alpha1)', () => {
    const { run } = session({
      'base/d.yaml': `apiVersion: apps/v1
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
`,
      'base/kustomization.yaml': `resources:
- d.yaml
`,
      'kindbad/kustomization.yaml': `kind: Kustomisation
resources:
- ../base
`,
      'apibad/kustomization.yaml': `apiVersion: v1
kind: Kustomization
resources:
- ../base
`,
      'compapi/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Component
`,
      'a/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Component
namePrefix: x-
`,
      'b/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Kustomization
namePrefix: x-
`,
      'c/kustomization.yaml': `kind: Component
namePrefix: x-
`,
      'd/kustomization.yaml': `components:
- ../a
`,
      'e/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
resources:
- ../d.yaml
`,
      'd.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
`,
      'f/kustomization.yaml': `components:
- ../e
`,
    });
    expect(run('kubectl kustomize kindbad')).toEqual({
      out: '',
      err: `error: Failed to read kustomization file under /home/learner/kindbad:
kind should be Kustomization or Component
`,
      code: 1,
    });
    expect(run('kubectl kustomize apibad')).toEqual({
      out: '',
      err: `error: Failed to read kustomization file under /home/learner/apibad:
apiVersion for Kustomization should be kustomize.config.k8s.io/v1beta1
`,
      code: 1,
    });
    expect(run('kubectl kustomize compapi')).toEqual({
      out: '',
      err: 'error: kustomization.yaml is empty\n',
      code: 1,
    });
    expect(run('kubectl kustomize a')).toEqual({
      out: '',
      err: `error: Failed to read kustomization file under /home/learner/a:
apiVersion for Component should be kustomize.config.k8s.io/v1alpha1
`,
      code: 1,
    });
    expect(run('kubectl kustomize b')).toEqual({
      out: '',
      err: `error: Failed to read kustomization file under /home/learner/b:
apiVersion for Kustomization should be kustomize.config.k8s.io/v1beta1
`,
      code: 1,
    });
    expect(run('kubectl kustomize c')).toEqual({
      out: '',
      err: '',
      code: 0,
    });
    expect(run('kubectl kustomize d')).toEqual({
      out: '',
      err: "error: accumulating components: accumulateDirectory: \"couldn't make target for path '/home/learner/a': Failed to read kustomization file under /home/learner/a:\\napiVersion for Component should be kustomize.config.k8s.io/v1alpha1\"\n",
      code: 1,
    });
    expect(run('kubectl kustomize f')).toEqual({
      out: '',
      err: "error: accumulating components: accumulateDirectory: \"recursed accumulation of path '/home/learner/e': accumulating resources: accumulation err='accumulating resources from '../d.yaml': security; file '/home/learner/d.yaml' is not in or below '/home/learner/e'': must build at directory: '/home/learner/d.yaml': file is not directory\"\n",
      code: 1,
    });
  });
});
