/**
 * `kubectl edit` with an editor (the lab's): the temp file kubectl writes, then what closing the
 * editor comes to, as 1.32's editoptions.go prints it.
 */
import { describe, expect, it } from 'vitest';
import {
  EDIT_HEADER,
  enableKubectlEditor,
  finishKubectlEdit,
  pendingKubectlEdit,
} from './commands/edit.ts';
import { completions } from './completions.ts';
import { engineSession } from './testing/engineSession.ts';

function session() {
  const s = engineSession(3);
  enableKubectlEditor(s.host.fs);
  s.run('kubectl create deployment web --image=nginx');
  /** Closes the editor after `change` rewrote the file (undefined: quit without saving). */
  const close = (change?: (text: string) => string) => {
    const p = pendingKubectlEdit(s.host.fs);
    if (!p) throw new Error('no edit pending');
    const text = change ? change(s.host.fs.read(p.path) ?? '') : undefined;
    const o = finishKubectlEdit(s.host, text);
    s.host.settle();
    return {
      out: o.result.stdout,
      err: o.result.stderr,
      code: o.result.exitCode,
      reopened: o.reopened,
    };
  };
  return { ...s, close };
}

describe('kubectl edit opens the object in a temp file', () => {
  it('writes /tmp/kubectl-edit-N.yaml with the header and the object (no managedFields)', () => {
    const { run, host } = session();
    expect(run('kubectl edit deployment web')).toEqual({ out: '', err: '', code: 0 });
    const p = pendingKubectlEdit(host.fs);
    expect(p?.path).toMatch(/^\/tmp\/kubectl-edit-\d+\.yaml$/);
    const text = host.fs.read(p?.path ?? '') ?? '';
    expect(
      text.startsWith(
        "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n",
      ),
    ).toBe(true);
    expect(text).toContain('  replicas: 1\n');
    expect(text).not.toContain('managedFields');
    expect(text).toContain('\nstatus:\n');
  });

  it('-o json writes a .json file; TYPE/NAME works too', () => {
    const { run, host } = session();
    run('kubectl edit deploy/web -o json');
    const p = pendingKubectlEdit(host.fs);
    expect(p?.path).toMatch(/^\/tmp\/kubectl-edit-\d+\.json$/);
    const text = host.fs.read(p?.path ?? '') ?? '';
    // No commented header above JSON (editPrinterOptions.Complete).
    expect(text.startsWith('{\n    "apiVersion": "apps/v1",\n')).toBe(true);
  });

  it('refuses what kubectl refuses before opening an editor', () => {
    const { run, host } = session();
    expect(run('kubectl edit')).toEqual({
      out: '',
      err: "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
      code: 1,
    });
    expect(run('kubectl edit deploy nope')).toEqual({
      out: '',
      err: 'Error from server (NotFound): deployments.apps "nope" not found\n',
      code: 1,
    });
    expect(run('kubectl edit deploy web -o wide').err).toBe(
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: json,yaml\n',
    );
    expect(run('kubectl edit deploy web --subresource=scale').err).toBe(
      'error: invalid subresource value: "scale". Must be one of [status]\n',
    );
    expect(run('kubectl edit deploy web --validate=maybe').err).toBe(
      'error: invalid - validate option "maybe"; must be one of: strict (or true), warn, ignore (or false)\n',
    );
    expect(pendingKubectlEdit(host.fs)).toBeUndefined();
  });

  it('Tab completes the names of the type to edit', () => {
    const { host } = session();
    expect(completions(host, 'kubectl edit deployment w').items).toEqual(['web']);
  });

  it('without an editor the console says it has no kubectl edit', () => {
    const { run } = engineSession(3);
    expect(run('kubectl edit deployment/web')).toEqual({
      out: '',
      err: 'error: "kubectl edit" is not available in this simulated cluster\n',
      code: 1,
    });
  });
});

describe('closing the editor', () => {
  it('a change is patched: `deployment.apps/web edited`, the temp file removed', () => {
    const { run, host, close } = session();
    run('kubectl edit deployment web');
    const path = pendingKubectlEdit(host.fs)?.path ?? '';
    expect(close((t) => t.replace('  replicas: 1\n', '  replicas: 3\n'))).toEqual({
      out: 'deployment.apps/web edited\n',
      err: '',
      code: 0,
      reopened: undefined,
    });
    expect(host.fs.has(path)).toBe(false);
    expect(pendingKubectlEdit(host.fs)).toBeUndefined();
    expect(run('kubectl get deploy web').out).toMatch(/^web\s+3\/3\s+3\s+3\s/m);
  });

  it('unchanged (or only comments changed): `Edit cancelled, no changes made.`', () => {
    const { run, host, close } = session();
    run('kubectl edit deployment web');
    const path = pendingKubectlEdit(host.fs)?.path ?? '';
    expect(close()).toEqual({
      out: '',
      err: 'Edit cancelled, no changes made.\n',
      code: 0,
      reopened: undefined,
    });
    expect(host.fs.has(path)).toBe(false);
    run('kubectl edit deployment web');
    expect(close((t) => `# my note\n${t}`).err).toBe('Edit cancelled, no changes made.\n');
  });

  it('an empty file aborts the edit', () => {
    const { run, close } = session();
    run('kubectl edit deployment web');
    expect(close(() => '# nothing left\n\n')).toEqual({
      out: '',
      err: 'Edit cancelled, saved file was empty.\n',
      code: 0,
      reopened: undefined,
    });
  });

  it('an invalid change reopens the file with the reasons; closing it again keeps a copy', () => {
    const { run, host, close } = session();
    run('kubectl edit deployment web');
    const firstPath = pendingKubectlEdit(host.fs)?.path ?? '';
    const first = close((t) => t.replace(/app: web$/gm, 'app: web2'));
    expect(first.err).toBe('error: deployments.apps "web" is invalid\n');
    expect(first.code).toBe(0);
    expect(first.reopened).toMatch(/^\/tmp\/kubectl-edit-\d+\.yaml$/);
    const text = host.fs.read(first.reopened ?? '') ?? '';
    expect(
      text.startsWith(
        `${EDIT_HEADER}# deployments.apps "web" was not valid:\n# * spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n#\napiVersion: apps/v1\n`,
      ),
    ).toBe(true);
    expect(text).toContain('      app: web2\n');
    expect(close()).toEqual({
      out: '',
      err: `A copy of your changes has been stored to "${first.reopened}"\nerror: Edit cancelled, no valid changes were saved.\n`,
      code: 1,
      reopened: undefined,
    });
    // Both passes' files stay: the first is cleaned up only when a pass goes on.
    expect(host.fs.has(first.reopened ?? '')).toBe(true);
    expect(host.fs.has(firstPath)).toBe(true);
    expect(pendingKubectlEdit(host.fs)).toBeUndefined();
    expect(run("kubectl get deploy web -o jsonpath='{.spec.selector.matchLabels.app}'").out).toBe(
      'web',
    );
  });

  it('an invalid change fixed in the reopened file is applied; both temp files are gone', () => {
    const { run, host, close } = session();
    run('kubectl edit deployment web');
    close((t) => t.replace(/app: web$/gm, 'app: web2'));
    expect(
      close((t) =>
        t.replace(/app: web2$/gm, 'app: web').replace('  replicas: 1\n', '  replicas: 2\n'),
      ),
    ).toEqual({ out: 'deployment.apps/web edited\n', err: '', code: 0, reopened: undefined });
    expect(host.fs.list().filter((f) => f.startsWith('tmp/'))).toEqual([]);
    expect(run("kubectl get deploy web -o jsonpath='{.spec.replicas}'").out).toBe('2');
  });

  it("a pod's spec beyond the image is forbidden, with the diff in the header", () => {
    const { run, host, close } = session();
    run('kubectl run nginx --image=nginx');
    run('kubectl edit pod nginx');
    const r = close((t) => t.replace('  restartPolicy: Always\n', '  restartPolicy: Never\n'));
    expect(r.err).toBe('error: pods "nginx" is invalid\n');
    const text = host.fs.read(r.reopened ?? '') ?? '';
    const block = text.slice(EDIT_HEADER.length, text.indexOf('\napiVersion: v1\n'));
    expect(block.split('\n')[0]).toBe('# pods "nginx" was not valid:');
    expect(block.split('\n')[1]).toBe(
      '# * spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
    expect(block).toContain('\n#   core.PodSpec{\n#   \t... // 2 identical fields\n');
    expect(block).toContain(
      '\n# - \tRestartPolicy:                 "Always",\n# + \tRestartPolicy:                 "Never",\n',
    );
    expect(block.endsWith('\n#   }\n#')).toBe(true);
    // The image alone may change.
    const cancel = close();
    expect(cancel.code).toBe(1);
    run('kubectl edit pod nginx');
    expect(close((t) => t.replace('  - image: nginx\n', '  - image: nginx:1.27\n')).out).toBe(
      'pod/nginx edited\n',
    );
  });

  it('a changed resourceVersion conflicts: kubectl proposes replace -f', () => {
    const { run, host, close } = session();
    run('kubectl edit deployment web');
    const path = pendingKubectlEdit(host.fs)?.path ?? '';
    const r = close((t) =>
      t
        .replace(/resourceVersion: "\d+"/, 'resourceVersion: "1"')
        .replace('replicas: 1', 'replicas: 2'),
    );
    expect(r).toEqual({
      out: '',
      err: `error: deployments.apps "web" could not be patched: Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again\nYou can run \`kubectl replace -f ${path}\` to try this update again.\n`,
      code: 1,
      reopened: undefined,
    });
    expect(host.fs.has(path)).toBe(true);
  });

  it('an object deleted meanwhile: the edits are saved to the temp file', () => {
    const { run, host, close } = session();
    run('kubectl edit deployment web');
    const path = pendingKubectlEdit(host.fs)?.path ?? '';
    run('kubectl delete deployment web');
    expect(close((t) => t.replace('  replicas: 1\n', '  replicas: 2\n'))).toEqual({
      out: '',
      err: `error: deployments.apps "web" could not be found on the server\nThe edits you made on deleted resources have been saved to "${path}"\n`,
      code: 1,
      reopened: undefined,
    });
    expect(host.fs.has(path)).toBe(true);
  });

  it('several objects are edited as a List: the untouched ones are skipped', () => {
    const { run, host, close } = session();
    run('kubectl create deployment api --image=nginx');
    run('kubectl edit deployments');
    const text = host.fs.read(pendingKubectlEdit(host.fs)?.path ?? '') ?? '';
    expect(text.startsWith(`${EDIT_HEADER}apiVersion: v1\nitems:\n- apiVersion: apps/v1\n`)).toBe(
      true,
    );
    expect(text.endsWith('\nkind: List\nmetadata: {}\n')).toBe(true);
    expect(
      close((t) => t.replace(/(name: web\n(?:.*\n)*?\s+)replicas: 1/, '$1replicas: 2')).out,
    ).toBe('deployment.apps/api skipped\ndeployment.apps/web edited\n');
  });

  it('hostile text never throws: a __proto__ key, binary junk', () => {
    const { run, close } = session();
    run('kubectl edit deployment web');
    const r = close((t) => t.replace('  replicas: 1\n', '  replicas: 1\n  __proto__: {x: 1}\n'));
    // The console's manifest reader refuses the key; the file reopens with that reason.
    expect(r.err).toBe('');
    expect(r.reopened).toMatch(/^\/tmp\/kubectl-edit-/);
    close();
    run('kubectl edit deployment web');
    expect(close(() => '\u0000\u0001 not yaml').reopened).toMatch(/^\/tmp\/kubectl-edit-/);
    expect(close().code).toBe(1);
    expect(run("kubectl get deploy web -o jsonpath='{.spec.replicas}'").out).toBe('1');
  });

  it('a YAML syntax error reopens the file with the parser error', () => {
    const { run, host, close } = session();
    run('kubectl edit deployment web');
    const r = close((t) => t.replace('  replicas: 1\n', '  replicas: [1\n'));
    expect(r.err).toBe('');
    const text = host.fs.read(r.reopened ?? '') ?? '';
    expect(text.slice(EDIT_HEADER.length).split('\n')[0]).toMatch(
      /^# The edited file had a syntax error: error parsing edited-file: error converting YAML to JSON: yaml: line \d+: /,
    );
  });

  it('--save-config makes the edited object the last-applied-configuration; without it the annotation stays', () => {
    const { run, host, close } = session();
    host.fs.write(
      'cm.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: "1"\n',
    );
    run('kubectl apply -f cm.yaml');
    run('kubectl edit cm cfg');
    expect(close((t) => t.replace('  a: "1"\n', '  a: "2"\n')).out).toBe('configmap/cfg edited\n');
    const last = () => JSON.parse(run('kubectl apply view-last-applied cm cfg -o json').out);
    expect(last().data).toEqual({ a: '1' });
    run('kubectl edit cm cfg --save-config');
    expect(close((t) => t.replace('  a: "2"\n', '  a: "3"\n')).out).toBe('configmap/cfg edited\n');
    const obj = last();
    expect(obj.data).toEqual({ a: '3' });
    // The whole object as edited, server fields and all (GetModifiedConfiguration).
    expect(Object.keys(obj.metadata).sort()).toEqual([
      'annotations',
      'creationTimestamp',
      'name',
      'namespace',
      'resourceVersion',
      'uid',
    ]);
    expect(obj.metadata.annotations).toEqual({});
  });

  it('a changed name or namespace is refused, keeping a copy', () => {
    const { run, host, close } = session();
    run('kubectl edit deployment web');
    const path = pendingKubectlEdit(host.fs)?.path ?? '';
    expect(close((t) => t.replace('  name: web\n', '  name: web2\n'))).toEqual({
      out: '',
      err: `A copy of your changes has been stored to "${path}"\nerror: At least one of apiVersion, kind and name was changed\n`,
      code: 1,
      reopened: undefined,
    });
    run('kubectl edit deployment web');
    const second = pendingKubectlEdit(host.fs)?.path ?? '';
    expect(
      close((t) => t.replace('  namespace: default\n', '  namespace: kube-system\n')).err,
    ).toBe(
      `A copy of your changes has been stored to "${second}"\nerror: the namespace from the provided object "kube-system" does not match the namespace "default". You must pass '--namespace=kube-system' to perform this operation.\n`,
    );
    expect(run('kubectl get deploy -A -o name').out).not.toContain('web2');
  });

  it('nothing to edit: `edit cancelled, no objects found`', () => {
    const { run } = session();
    expect(run('kubectl edit statefulsets')).toEqual({
      out: '',
      err: 'error: edit cancelled, no objects found\n',
      code: 1,
    });
  });

  it('--subresource=status patches through /status: a spec change there is dropped', () => {
    const { run, close } = session();
    run('kubectl edit deploy web --subresource=status');
    expect(close((t) => t.replace('  replicas: 1\n', '  replicas: 5\n')).out).toBe(
      'deployment.apps/web edited\n',
    );
    expect(run("kubectl get deploy web -o jsonpath='{.spec.replicas}'").out).toBe('1');
  });

  it('a second kubectl edit waits for the first', () => {
    const { run } = session();
    run('kubectl edit deployment web');
    const again = run('kubectl edit deployment web');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(
      /^error: another kubectl edit is waiting for the editor \(\/tmp\/kubectl-edit-\d+\.yaml\)/,
    );
  });
});

describe('kubectl create -f FILE --edit', () => {
  it('opens each object of the file in turn and creates it when its editor closes', () => {
    const { run, host, close } = session();
    host.fs.write(
      'two.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\ndata:\n  k: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\n',
    );
    expect(run('kubectl create -f two.yaml --edit')).toEqual({ out: '', err: '', code: 0 });
    const first = pendingKubectlEdit(host.fs)?.path ?? '';
    expect(host.fs.read(first)).toBe(
      `${EDIT_HEADER}apiVersion: v1\ndata:\n  k: a\nkind: ConfigMap\nmetadata:\n  name: one\n`,
    );
    const r = close((t) => t.replace('  k: a\n', '  k: b\n'));
    expect(r.out).toBe('configmap/one created\n');
    expect(r.reopened).toMatch(/^\/tmp\/kubectl-edit-\d+\.yaml$/);
    expect(host.fs.read(r.reopened ?? '')).toContain('  name: two\n');
    // The second closed unchanged: cancelled, not created.
    expect(close()).toEqual({
      out: '',
      err: 'Edit cancelled, no changes made.\n',
      code: 0,
      reopened: undefined,
    });
    expect(run("kubectl get cm one -o jsonpath='{.data.k}'").out).toBe('b');
    expect(run('kubectl get cm two').code).toBe(1);
  });

  it('a refused create keeps a copy; without an editor --edit is refused', () => {
    const { run, host, close } = session();
    host.fs.write('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n');
    run('kubectl create configmap cfg');
    run('kubectl create -f cm.yaml --edit');
    const path = pendingKubectlEdit(host.fs)?.path ?? '';
    expect(close((t) => `${t}data:\n  x: "1"\n`)).toEqual({
      out: '',
      err: `A copy of your changes has been stored to "${path}"\nError from server (AlreadyExists): configmaps "cfg" already exists\n`,
      code: 1,
      reopened: undefined,
    });
    expect(engineSession(3).run('kubectl create -f nginx.yaml --edit')).toEqual({
      out: '',
      err: 'error: "kubectl create --edit" is not available in this simulated cluster\n',
      code: 1,
    });
  });
});

describe('--validate', () => {
  it('strict (the default) refuses an unknown field; ignore drops it', () => {
    const { run, host, close } = session();
    run('kubectl edit deploy web');
    const strict = close((t) => t.replace('  replicas: 1\n', '  replicas: 1\n  replicaz: 2\n'));
    // The patch handler refuses the merged object as an Invalid "patch": the file reopens.
    expect(strict.err).toBe('error: deployments.apps "web" is invalid\n');
    const text = host.fs.read(strict.reopened ?? '') ?? '';
    expect(text.slice(EDIT_HEADER.length).split('\n').slice(0, 2)).toEqual([
      '# deployments.apps "web" was not valid:',
      '# * patch: Invalid value: "map[spec:map[replicaz:2]]": strict decoding error: unknown field "spec.replicaz"',
    ]);
    close();
    run('kubectl edit deploy web --validate=false');
    expect(close((t) => t.replace('  replicas: 1\n', '  replicas: 2\n  replicaz: 2\n')).out).toBe(
      'deployment.apps/web edited\n',
    );
  });
});
