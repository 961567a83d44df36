/**
 * kustomize's patch fields as kubectl 1.32 (kustomize v5.5) reads them: target selection and
 * the errors of a mistyped entry, each naming the transformer and its config as YAML. Files
 * and expected outputs are a real kubectl 1.32.5's.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../testing/engineSession.ts';

function session(files: Record<string, string>) {
  const s = engineSession(3);
  for (const [path, text] of Object.entries(files)) s.host.fs.write(path, text);
  return s;
}

describe('kustomize patches (kubectl 1.32)', () => {
  it('asks a JSON 6902 patch for its target, quoting the patch', () => {
    const { run } = session({
      'kustomization.yaml': `resources:
- d.yaml
patches:
- patch: |-
    - op: add
      path: /data
      value: {a: b}
`,
      'd.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
`,
    });
    expect(run('kubectl kustomize')).toEqual({
      out: '',
      err: 'error: must specify a target for JSON patch [patch: "- op: add\\n  path: /data\\n  value: {a: b}"]\n',
      code: 1,
    });
  });

  it('shows a patchesJson6902 entry without path or patch, after the deprecation warning', () => {
    const { run } = session({
      'kustomization.yaml': `resources:
- d.yaml
patchesJson6902:
- target:
    kind: ConfigMap
    name: c
`,
      'd.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
`,
    });
    expect(run('kubectl kustomize')).toEqual({
      out: '',
      err: "# Warning: 'patchesJson6902' is deprecated. Please use 'patches' instead. Run 'kustomize edit fix' to update your Kustomization automatically.\nerror: trouble configuring builtin PatchJson6902Transformer with config: `\ntarget:\n  kind: ConfigMap\n  name: c\n`: empty file path and empty jsonOp\n",
      code: 1,
    });
  });

  it('shows the config of a patchesJson6902 entry whose file is missing, keys sorted', () => {
    const { run } = session({
      'kustomization.yaml': `resources:
- d.yaml
patchesJson6902:
- target:
    version: v1
    kind: ConfigMap
    name: c
  path: nothere.yaml
`,
      'd.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
`,
    });
    expect(run('kubectl kustomize')).toEqual({
      out: '',
      err: "# Warning: 'patchesJson6902' is deprecated. Please use 'patches' instead. Run 'kustomize edit fix' to update your Kustomization automatically.\nerror: trouble configuring builtin PatchJson6902Transformer with config: `\npath: nothere.yaml\ntarget:\n  kind: ConfigMap\n  name: c\n  version: v1\n`: evalsymlink failure on '/home/learner/nothere.yaml' : lstat /home/learner/nothere.yaml: no such file or directory\n",
      code: 1,
    });
  });

  it('refuses a patch with both patch and path, showing the entry twice', () => {
    const { run } = session({
      'kustomization.yaml': `resources:
- d.yaml
patches:
- path: s.yaml
  patch: |-
    a: b
  target:
    kind: ConfigMap
`,
      'd.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
`,
      's.yaml': 'x: y\n',
    });
    expect(run('kubectl kustomize')).toEqual({
      out: '',
      err: "error: trouble configuring builtin PatchTransformer with config: `\npatch: 'a: b'\npath: s.yaml\ntarget:\n  kind: ConfigMap\n`: patch and path can't be set at the same time\npatch: 'a: b'\npath: s.yaml\ntarget:\n  kind: ConfigMap\n",
      code: 1,
    });
  });

  it('refuses a patch with neither patch nor path', () => {
    const { run } = session({
      'd.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
`,
      'kustomization.yaml': `resources:
- d.yaml
patches:
- target:
    kind: ConfigMap
`,
    });
    expect(run('kubectl kustomize')).toEqual({
      out: '',
      err: 'error: trouble configuring builtin PatchTransformer with config: `\ntarget:\n  kind: ConfigMap\n`: must specify one of patch and path in\ntarget:\n  kind: ConfigMap\n',
      code: 1,
    });
  });

  it('names all patchesStrategicMerge paths when one is missing', () => {
    const { run } = session({
      'kustomization.yaml': `resources:
- d.yaml
patchesStrategicMerge:
- nothere.yaml
`,
      'd.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
`,
    });
    expect(run('kubectl kustomize')).toEqual({
      out: '',
      err: "# Warning: 'patchesStrategicMerge' is deprecated. Please use 'patches' instead. Run 'kustomize edit fix' to update your Kustomization automatically.\nerror: trouble configuring builtin PatchStrategicMergeTransformer with config: `\npaths:\n- nothere.yaml\n`: evalsymlink failure on '/home/learner/nothere.yaml' : lstat /home/learner/nothere.yaml: no such file or directory\n",
      code: 1,
    });
  });

  it('says which patch file of patches is missing', () => {
    const { run } = session({
      'd.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
`,
      'kustomization.yaml': `resources:
- d.yaml
patches:
- path: patch.yaml
  target:
    kind: ConfigMap
`,
    });
    expect(run('kubectl kustomize')).toEqual({
      out: '',
      err: "error: trouble configuring builtin PatchTransformer with config: `\npath: patch.yaml\ntarget:\n  kind: ConfigMap\n`: failed to get the patch file from path(patch.yaml): evalsymlink failure on '/home/learner/patch.yaml' : lstat /home/learner/patch.yaml: no such file or directory\n",
      code: 1,
    });
  });

  it('selects targets by annotationSelector', () => {
    const { run } = session({
      'kustomization.yaml': `resources:
- d.yaml
patches:
- patch: |-
    - op: add
      path: /data
      value: {a: b}
  target:
    annotationSelector: tier=front
`,
      'd.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  annotations:
    tier: front
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: d
  annotations:
    tier: back
`,
    });
    expect(run('kubectl kustomize')).toEqual({
      out: `apiVersion: v1
data:
  a: b
kind: ConfigMap
metadata:
  annotations:
    tier: front
  name: c
---
apiVersion: v1
kind: ConfigMap
metadata:
  annotations:
    tier: back
  name: d
`,
      err: '',
      code: 0,
    });
  });

  it('still applies the deprecated imageTags, with the warning', () => {
    const { run } = session({
      'kustomization.yaml': `resources:
- d.yaml
imageTags:
- name: nginx
  newTag: "1.27"
`,
      'd.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    image: nginx
`,
    });
    expect(run('kubectl kustomize')).toEqual({
      out: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - image: nginx:1.27
    name: c
`,
      err: "# Warning: 'imageTags' is deprecated. Please use 'images' instead. Run 'kustomize edit fix' to update your Kustomization automatically.\n",
      code: 0,
    });
  });
});
