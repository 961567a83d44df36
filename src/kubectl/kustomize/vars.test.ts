/**
 * kustomize `vars` (deprecated, still built by kubectl 1.32's kustomize v5.5) and a directory
 * given as a generator file. Files and expected outputs are a real kubectl 1.32.5's; klog's
 * time and pid are normalised (the oracle does the same).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../testing/engineSession.ts';

function session(files: Record<string, string>) {
  const s = engineSession(3);
  for (const [path, text] of Object.entries(files)) s.host.fs.write(path, text);
  const klog = (t: string) =>
    t.replace(/^([IWEF])\d{4} [\d:.]+ +\d+ /gm, '$10000 00:00:00.000000 1 ');
  return {
    ...s,
    run: (line: string) => {
      const r = s.run(line);
      return { ...r, err: klog(r.err) };
    },
  };
}

describe('kustomize vars (kubectl 1.32)', () => {
  it("puts a var's value (a field of the object it names, after the prefix) for $(NAME) in command, args and env values, and logs the vars never used", () => {
    const { run } = session({
      'all.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  selector:
    matchLabels:
      app: a
  template:
    metadata:
      labels:
        app: a
    spec:
      initContainers:
      - name: i
        image: busybox
        command: ["sh", "-c", "until nslookup $(SVC); do sleep 1; done"]
      containers:
      - name: c
        image: busybox
        args: ["--port=$(PORT)", "$(UNKNOWN)"]
        env:
        - name: X
          value: http://$(SVC):$(PORT)/
`,
      'kustomization.yaml': `resources:
- all.yaml
namePrefix: p-
vars:
- name: SVC
  objref:
    kind: Service
    name: web
    apiVersion: v1
- name: PORT
  objref:
    kind: Service
    name: web
    apiVersion: v1
  fieldref:
    fieldPath: spec.ports[0].port
- name: UNUSED
  objref:
    kind: Service
    name: web
    apiVersion: v1
`,
    });
    expect(run('kubectl kustomize')).toEqual({
      out: `apiVersion: v1
kind: Service
metadata:
  name: p-web
spec:
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: p-app
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
      - args:
        - --port=80
        - $(UNKNOWN)
        env:
        - name: X
          value: http://p-web:80/
        image: busybox
        name: c
      initContainers:
      - command:
        - sh
        - -c
        - until nslookup p-web; do sleep 1; done
        image: busybox
        name: i
`,
      err: `# Warning: 'vars' is deprecated. Please use 'replacements' instead. [EXPERIMENTAL] Run 'kustomize edit fix' to update your Kustomization automatically.
I0000 00:00:00.000000 1 log.go:245] well-defined vars that were never replaced: UNUSED
`,
      code: 0,
    });
  });

  it('words a var whose object or field is missing, and a repeated var, as kustomize does', () => {
    const { run } = session({
      'bad/kustomization.yaml': `resources:
- all.yaml
vars:
- name: SVC
  objref:
    kind: Service
    name: nothere
    apiVersion: v1
`,
      'bad/all.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
`,
      'dup/kustomization.yaml': `resources:
- all.yaml
vars:
- name: SVC
  objref:
    kind: Service
    name: web
    apiVersion: v1
- name: SVC
  objref:
    kind: Service
    name: web
    apiVersion: v1
`,
      'dup/all.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
`,
      'nofield/kustomization.yaml': `resources:
- all.yaml
vars:
- name: SVC
  objref:
    kind: Service
    name: web
    apiVersion: v1
  fieldref:
    fieldPath: spec.nothere
`,
      'nofield/all.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
`,
      'all.yaml': `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  selector:
    matchLabels:
      app: a
  template:
    metadata:
      labels:
        app: a
    spec:
      initContainers:
      - name: i
        image: busybox
        command: ["sh", "-c", "until nslookup $(SVC); do sleep 1; done"]
      containers:
      - name: c
        image: busybox
        args: ["--port=$(PORT)", "$(UNKNOWN)"]
        env:
        - name: X
          value: http://$(SVC):$(PORT)/
`,
      'kustomization.yaml': `resources:
- all.yaml
namePrefix: p-
vars:
- name: SVC
  objref:
    kind: Service
    name: web
    apiVersion: v1
- name: PORT
  objref:
    kind: Service
    name: web
    apiVersion: v1
  fieldref:
    fieldPath: spec.ports[0].port
- name: NS
  objref:
    kind: Service
    name: web
    apiVersion: v1
  fieldref:
    fieldPath: metadata.namespace
`,
    });
    expect(run('kubectl kustomize')).toEqual({
      out: '',
      err: `# Warning: 'vars' is deprecated. Please use 'replacements' instead. [EXPERIMENTAL] Run 'kustomize edit fix' to update your Kustomization automatically.
error: field specified in var '{NS Service.v1.[noGrp] {metadata.namespace}}' not found in corresponding resource
`,
      code: 1,
    });
    expect(run('kubectl kustomize bad')).toEqual({
      out: '',
      err: `# Warning: 'vars' is deprecated. Please use 'replacements' instead. [EXPERIMENTAL] Run 'kustomize edit fix' to update your Kustomization automatically.
error: var '{SVC Service.v1.[noGrp] {metadata.name}}' cannot be mapped to a field in the set of known resources
`,
      code: 1,
    });
    expect(run('kubectl kustomize dup')).toEqual({
      out: '',
      err: `# Warning: 'vars' is deprecated. Please use 'replacements' instead. [EXPERIMENTAL] Run 'kustomize edit fix' to update your Kustomization automatically.
error: merging vars [{SVC Service.[noVer].[noGrp] {}} {SVC Service.[noVer].[noGrp] {}}]: var 'SVC' already encountered
`,
      code: 1,
    });
    expect(run('kubectl kustomize nofield')).toEqual({
      out: '',
      err: `# Warning: 'vars' is deprecated. Please use 'replacements' instead. [EXPERIMENTAL] Run 'kustomize edit fix' to update your Kustomization automatically.
error: field specified in var '{SVC Service.v1.[noGrp] {spec.nothere}}' not found in corresponding resource
`,
      code: 1,
    });
  });

  it("refuses a directory as a generator's file", () => {
    const { run } = session({
      'cfg/a.properties': 'x=1\n',
      'kustomization.yaml': `configMapGenerator:
- name: dir
  files:
  - cfg/
`,
    });
    expect(run('kubectl kustomize')).toEqual({
      out: '',
      err: "error: loading KV pairs: file sources: [cfg/]: '/home/learner/cfg' must resolve to a file\n",
      code: 1,
    });
  });
});
