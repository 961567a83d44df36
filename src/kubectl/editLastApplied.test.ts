/**
 * `kubectl apply edit-last-applied` with the lab's editor: the temp file (ApplyEditMode's header
 * over the parsed annotation) and what closing it comes to. Expected texts are what the real
 * kubectl 1.32.5 wrote and printed through bench/kubectlOracle.ts (ORACLE_KUBE_EDITOR set to a
 * script that kept a copy of the file and changed it with sed).
 */
import { describe, expect, it } from 'vitest';
import { enableKubectlEditor, finishKubectlEdit, pendingKubectlEdit } from './commands/edit.ts';
import { engineSession } from './testing/engineSession.ts';

function session() {
  const s = engineSession(1);
  enableKubectlEditor(s.host.fs);
  s.host.fs.write(
    'ap1.yaml',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ap1\ndata:\n  a: "2"\n',
  );
  s.run('kubectl apply -f ap1.yaml');
  const text = () => {
    const p = pendingKubectlEdit(s.host.fs);
    if (!p) throw new Error('no edit pending');
    return s.host.fs.read(p.path) ?? '';
  };
  const close = (change?: (t: string) => string) => {
    const o = finishKubectlEdit(s.host, change ? change(text()) : undefined);
    s.host.settle();
    return { out: o.result.stdout, err: o.result.stderr, code: o.result.exitCode };
  };
  return { ...s, text, close };
}

describe('kubectl apply edit-last-applied', () => {
  it('opens the last-applied configuration under its own header', () => {
    const { run, text } = session();
    expect(run('kubectl apply edit-last-applied cm/ap1')).toEqual({ out: '', err: '', code: 0 });
    expect(text()).toBe(
      "# Please edit the 'last-applied-configuration' annotations below.\n# Lines beginning with a '#' will be ignored, and an empty file will abort the edit.\n#\napiVersion: v1\ndata:\n  a: \"2\"\nkind: ConfigMap\nmetadata:\n  annotations: {}\n  name: ap1\n  namespace: default\n",
    );
  });

  it('a change sets the annotation only; the object itself stays', () => {
    const { run, close } = session();
    run('kubectl apply edit-last-applied cm/ap1');
    expect(close((t) => t.replace('"2"', '"3"'))).toEqual({
      out: 'configmap/ap1 edited\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl apply view-last-applied cm/ap1').out).toBe(
      'apiVersion: v1\ndata:\n  a: "3"\nkind: ConfigMap\nmetadata:\n  annotations: {}\n  name: ap1\n  namespace: default\n',
    );
    expect(run(`kubectl get cm ap1 -o jsonpath='{.data}'`).out).toBe('{"a":"2"}');
    // The next apply of the file sees the difference the edit made.
    expect(run('kubectl apply -f ap1.yaml').out).toBe('configmap/ap1 configured\n');
  });

  it('closed unchanged: nothing to do', () => {
    const { run, close } = session();
    run('kubectl apply edit-last-applied -f ap1.yaml');
    expect(close()).toEqual({ out: '', err: 'Edit cancelled, no changes made.\n', code: 0 });
  });

  it('-o json: the configuration as JSON, no header', () => {
    const { run, text } = session();
    run('kubectl apply edit-last-applied -f ap1.yaml -o json');
    expect(text()).toBe(
      '{\n    "apiVersion": "v1",\n    "data": {\n        "a": "2"\n    },\n    "kind": "ConfigMap",\n    "metadata": {\n        "annotations": {},\n        "name": "ap1",\n        "namespace": "default"\n    }\n}\n',
    );
  });

  it('refusals before any editor opens', () => {
    const { run, host } = session();
    run('kubectl create configmap plain --from-literal=x=y');
    expect(run('kubectl apply edit-last-applied cm/plain')).toEqual({
      out: '',
      err: 'error: no last-applied-configuration annotation found on resources, to create the annotation, use command `kubectl apply set-last-applied --create-annotation`\n',
      code: 1,
    });
    expect(run('kubectl apply edit-last-applied cm/nope').err).toBe(
      'Error from server (NotFound): configmaps "nope" not found\n',
    );
    expect(run('kubectl apply edit-last-applied cm/ap1 -o wide').err).toBe(
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: json,yaml\n',
    );
    expect(run('kubectl apply edit-last-applied').err).toBe(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
    expect(pendingKubectlEdit(host.fs)).toBeUndefined();
  });
});
