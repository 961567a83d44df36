/**
 * kustomize `replacements` as kubectl 1.32 (kustomize v5.5) applies them. Files and expected
 * outputs are a real kubectl 1.32.5's.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../testing/engineSession.ts';

function session(files: Record<string, string>) {
  const s = engineSession(3);
  for (const [path, text] of Object.entries(files)) s.host.fs.write(path, text);
  return s;
}

describe('kustomize replacements (kubectl 1.32)', () => {
  it('copies a source field (after the prefix) into targets: list elements by [name=\u2026], created fields, delimiter parts, reject and label selectors', () => {
    const { run } = session({
      'all.yaml': `apiVersion: v1
kind: Service
metadata:
  name: app
  labels:
    tier: web
spec:
  ports:
  - port: 8080
    name: http
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
      containers:
      - name: app
        image: nginx:1.25
        env:
        - name: SVC
          value: placeholder
        - name: PORT
          value: "0"
      - name: side
        image: busybox:1.36
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  host: old.example.com
  url: http://x:80/path
`,
      'kustomization.yaml': `resources:
- all.yaml
namePrefix: p-
replacements:
- source:
    kind: Service
    name: app
  targets:
  - select:
      kind: Deployment
    fieldPaths:
    - spec.template.spec.containers.[name=app].env.[name=SVC].value
    - spec.template.metadata.annotations.svc
    options:
      create: true
- source:
    kind: Service
    name: app
    fieldPath: spec.ports.0.port
  targets:
  - select:
      kind: Deployment
      name: app
    fieldPaths:
    - spec.template.spec.containers.[name=app].env.[name=PORT].value
  - select:
      kind: ConfigMap
    fieldPaths:
    - data.url
    options:
      delimiter: ':'
      index: 2
- source:
    kind: Deployment
    fieldPath: spec.template.spec.containers.[name=app].image
    options:
      delimiter: ':'
      index: 1
  targets:
  - select:
      kind: Deployment
    reject:
    - name: nothing
    fieldPaths:
    - spec.template.spec.containers.[name=side].image
    options:
      delimiter: ':'
      index: 1
  - select:
      labelSelector: tier=web
    fieldPaths:
    - metadata.annotations.version
    options:
      create: true
`,
    });
    expect(run('kubectl kustomize')).toEqual({
      out: `apiVersion: v1
data:
  host: old.example.com
  url: http://x:8080
kind: ConfigMap
metadata:
  name: p-cfg
---
apiVersion: v1
kind: Service
metadata:
  annotations:
    version: "1.25"
  labels:
    tier: web
  name: p-app
spec:
  ports:
  - name: http
    port: 8080
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
      annotations:
        svc: p-app
      labels:
        app: a
    spec:
      containers:
      - env:
        - name: SVC
          value: p-app
        - name: PORT
          value: "8080"
        image: nginx:1.25
        name: app
      - image: busybox:1.25
        name: side
`,
      err: '',
      code: 0,
    });
  });

  it('words a missing or ambiguous source, a missing field, a target without select as kustomize does; reads a replacement from a file', () => {
    const { run } = session({
      'nosrc/all.yaml': `apiVersion: v1
kind: Service
metadata:
  name: app
`,
      'nosrc/kustomization.yaml': `resources:
- all.yaml
replacements:
- source:
    kind: Service
    name: nothere
  targets:
  - select:
      kind: Service
    fieldPaths:
    - metadata.annotations.x
`,
      'multi/all.yaml': `apiVersion: v1
kind: Service
metadata:
  name: a
---
apiVersion: v1
kind: Service
metadata:
  name: b
`,
      'multi/kustomization.yaml': `resources:
- all.yaml
replacements:
- source:
    kind: Service
  targets:
  - select:
      kind: Service
    fieldPaths:
    - metadata.annotations.x
`,
      'nofield/all.yaml': `apiVersion: v1
kind: Service
metadata:
  name: a
`,
      'nofield/kustomization.yaml': `resources:
- all.yaml
replacements:
- source:
    kind: Service
    fieldPath: spec.nothere
  targets:
  - select:
      kind: Service
    fieldPaths:
    - metadata.annotations.x
`,
      'nocreate/all.yaml': `apiVersion: v1
kind: Service
metadata:
  name: a
`,
      'nocreate/kustomization.yaml': `resources:
- all.yaml
replacements:
- source:
    kind: Service
  targets:
  - select:
      kind: Service
    fieldPaths:
    - metadata.annotations.x
`,
      'notarget/all.yaml': `apiVersion: v1
kind: Service
metadata:
  name: a
`,
      'notarget/kustomization.yaml': `resources:
- all.yaml
replacements:
- source:
    kind: Service
  targets:
  - select:
      kind: Deployment
    fieldPaths:
    - metadata.name
`,
      'nosel/all.yaml': `apiVersion: v1
kind: Service
metadata:
  name: a
`,
      'nosel/kustomization.yaml': `resources:
- all.yaml
replacements:
- source:
    kind: Service
  targets:
  - fieldPaths:
    - metadata.name
`,
      'path/all.yaml': `apiVersion: v1
kind: Service
metadata:
  name: a
`,
      'path/r.yaml': `source:
  kind: Service
targets:
- select:
    kind: Service
  fieldPaths:
  - metadata.labels.copy
  options:
    create: true
`,
      'path/kustomization.yaml': `resources:
- all.yaml
replacements:
- path: r.yaml
`,
    });
    expect(run('kubectl kustomize nosrc')).toEqual({
      out: '',
      err: 'error: nothing selected by Service.[noVer].[noGrp]/nothere.[noNs]\n',
      code: 1,
    });
    expect(run('kubectl kustomize multi')).toEqual({
      out: '',
      err: 'error: multiple matches for selector Service.[noVer].[noGrp]/[noName].[noNs]\n',
      code: 1,
    });
    expect(run('kubectl kustomize nofield')).toEqual({
      out: '',
      err: 'error: fieldPath `spec.nothere` is missing for replacement source Service.[noVer].[noGrp]/[noName].[noNs]\n',
      code: 1,
    });
    expect(run('kubectl kustomize nocreate')).toEqual({
      out: '',
      err: 'error: unable to find field "metadata.annotations.x" in replacement target\n',
      code: 1,
    });
    expect(run('kubectl kustomize notarget')).toEqual({
      out: `apiVersion: v1
kind: Service
metadata:
  name: a
`,
      err: '',
      code: 0,
    });
    expect(run('kubectl kustomize nosel')).toEqual({
      out: '',
      err: 'error: target must specify resources to select\n',
      code: 1,
    });
    expect(run('kubectl kustomize path')).toEqual({
      out: `apiVersion: v1
kind: Service
metadata:
  labels:
    copy: a
  name: a
`,
      err: '',
      code: 0,
    });
  });
});
