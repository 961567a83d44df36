import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

/** A Pod manifest with a misspelled container field and a field PodSpec does not have. */
const TYPO_POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: p5',
  'spec:',
  '  foo: bar',
  '  containers:',
  '  - name: c',
  '    image: nginx',
  '    imagePullPolicyy: Always',
  '',
].join('\n');

function session() {
  const s = engineSession();
  s.host.fs.write('uf.yaml', TYPO_POD);
  return s;
}

describe('server-side field validation (kubectl --validate, strict by default)', () => {
  it('refuses unknown fields with the decoder text, in JSON key order, creating nothing', () => {
    const { run } = session();
    for (const verb of ['apply', 'create']) {
      expect(run(`kubectl ${verb} -f uf.yaml`)).toEqual({
        out: '',
        err: 'Error from server (BadRequest): error when creating "uf.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolicyy", unknown field "spec.foo"\n',
        code: 1,
      });
    }
    expect(run('kubectl get pod p5').err).toBe(
      'Error from server (NotFound): pods "p5" not found\n',
    );
  });

  it('--validate=warn creates the object without them and warns first; false drops them quietly', () => {
    const { run } = session();
    expect(run('kubectl create -f uf.yaml --validate=warn')).toEqual({
      out: 'pod/p5 created\n',
      err: 'Warning: unknown field "spec.containers[0].imagePullPolicyy"\nWarning: unknown field "spec.foo"\n',
      code: 0,
    });
    // The default policy applies, not the misspelled field's value.
    expect(
      run("kubectl get pod p5 -o jsonpath='{.spec.foo}|{.spec.containers[0].imagePullPolicy}'").out,
    ).toBe('|Always');
    // No warning; the replace itself is refused, as a pod's spec may not change but for its
    // images (the manifest lacks what the server added: the token volume, the node…).
    const replaced = run('kubectl replace -f uf.yaml --validate=false');
    expect(replaced.code).toBe(1);
    expect(replaced.err).toMatch(
      /^The Pod "p5" is invalid: spec: Forbidden: pod updates may not change fields other than /,
    );
    expect(replaced.err).not.toMatch(/Warning|foo|imagePullPolicyy/);
    expect(run('kubectl apply -f uf.yaml --validate=maybe')).toEqual({
      out: '',
      err: 'error: invalid - validate option "maybe"; must be one of: strict (or true), warn, ignore (or false)\n',
      code: 1,
    });
  });

  it('a value of the wrong JSON type fails whatever --validate says', () => {
    const { host, run } = session();
    host.fs.write(
      'rep.yaml',
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: d2}',
        'spec:',
        '  replicas: "3"',
        '  selector: {matchLabels: {app: d2}}',
        '  template:',
        '    metadata: {labels: {app: d2}}',
        '    spec: {containers: [{name: c, image: nginx}]}',
        '',
      ].join('\n'),
    );
    for (const flag of ['', ' --validate=false']) {
      expect(run(`kubectl apply -f rep.yaml${flag}`).err).toBe(
        'Error from server (BadRequest): error when creating "rep.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n',
      );
    }
  });

  it('apply to an existing object: the merged patch is refused as an Invalid patch, quoted as Go prints it', () => {
    const { host, run } = session();
    const web = (extra: string) =>
      [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: {name: web}',
        `data: {a: "1"}${extra}`,
        '',
      ].join('\n');
    host.fs.write('cm.yaml', web(''));
    expect(run('kubectl apply -f cm.yaml').out).toBe('configmap/web created\n');
    host.fs.write('cm.yaml', web('\nfoo: bar'));
    expect(run('kubectl apply -f cm.yaml')).toEqual({
      out: '',
      err: 'The request is invalid: patch: Invalid value: "map[foo:bar metadata:map[annotations:map[kubectl.kubernetes.io/last-applied-configuration:{\\"apiVersion\\":\\"v1\\",\\"data\\":{\\"a\\":\\"1\\"},\\"foo\\":\\"bar\\",\\"kind\\":\\"ConfigMap\\",\\"metadata\\":{\\"annotations\\":{},\\"name\\":\\"web\\",\\"namespace\\":\\"default\\"}}\\n]]]": strict decoding error: unknown field "foo"\n',
      code: 1,
    });
    expect(run('kubectl apply -f cm.yaml --validate=warn')).toEqual({
      out: 'configmap/web configured\n',
      err: 'Warning: unknown field "foo"\n',
      code: 0,
    });
  });

  it('--validate=warn: a request refused after decoding still sends the decoder’s warnings first', () => {
    const { run, host } = session();
    // `containers` misspelled: decoded with a warning, then refused by validation. The decoder
    // adds its Warning headers before admission and validation run (create.go), so the refusal
    // carries them; with --validate=false (Ignore) there is none.
    host.fs.write(
      'typo.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p1\nspec:\n  contianers:\n  - name: c\n    image: nginx\n',
    );
    expect(run('kubectl apply -f typo.yaml --validate=warn')).toEqual({
      out: '',
      err: 'Warning: unknown field "spec.contianers"\nThe Pod "p1" is invalid: spec.containers: Required value\n',
      code: 1,
    });
    expect(run('kubectl create -f typo.yaml --validate=false')).toEqual({
      out: '',
      err: 'The Pod "p1" is invalid: spec.containers: Required value\n',
      code: 1,
    });
    // Refused later, at storage: the warning still comes first.
    expect(run('kubectl create -f uf.yaml --validate=warn').code).toBe(0);
    expect(run('kubectl create -f uf.yaml --validate=warn')).toEqual({
      out: '',
      err: 'Warning: unknown field "spec.containers[0].imagePullPolicyy"\nWarning: unknown field "spec.foo"\nError from server (AlreadyExists): error when creating "uf.yaml": pods "p5" already exists\n',
      code: 1,
    });
  });

  it('what the cluster prints back applies again: get -o yaml, then replace', () => {
    const { run } = session();
    run('kubectl create deployment web --image=nginx --replicas=2');
    expect(run('kubectl get deploy web -o yaml > web.yaml').code).toBe(0);
    expect(run('kubectl replace -f web.yaml')).toEqual({
      out: 'deployment.apps/web replaced\n',
      err: '',
      code: 0,
    });
  });
});

describe('--validate on the create generators (checked against a real kubectl 1.32.5)', () => {
  it('refuses a value that is no mode before building anything, after the NAME check', () => {
    const { run } = engineSession(3);
    const invalid = (v: string) => ({
      out: '',
      err: `error: invalid - validate option "${v}"; must be one of: strict (or true), warn, ignore (or false)\n`,
      code: 1,
    });
    expect(run('kubectl create deployment x --image=nginx --validate=bogus')).toEqual(
      invalid('bogus'),
    );
    expect(run('kubectl create secret generic s --from-literal=a=b --validate=maybe')).toEqual(
      invalid('maybe'),
    );
    expect(run('kubectl create service clusterip x --tcp=80 --validate=nope')).toEqual(
      invalid('nope'),
    );
    expect(run('kubectl get deploy,secret,svc -o name').out).not.toMatch(/\/(x|s)\n/);
    expect(run('kubectl create ns --validate=bogus')).toEqual({
      out: '',
      err: "error: exactly one NAME is required, got 0\nSee 'kubectl create namespace -h' for help and examples\n",
      code: 1,
    });
    expect(run('kubectl create ns x --validate=warn --dry-run=client -o name')).toEqual({
      out: 'namespace/x\n',
      err: '',
      code: 0,
    });
  });
});

describe('kubectl apply of existing objects whose patch the server refuses as Invalid', () => {
  it('prints apply’s “error when applying patch” wrapper when there are several errors', () => {
    const { run } = engineSession(3);
    run(
      "printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: d1\\nunknownTop: x\\n---\\napiVersion: v1\\nkind: Secret\\nmetadata:\\n  name: d2\\nstringData:\\n  a: b\\nbad: 1\\n' > two.yaml",
    );
    // Applied with warnings, the server dropping the unknown fields the last-applied keeps.
    expect(run('kubectl apply -f two.yaml --validate=warn').code).toBe(0);
    // What a real kubectl 1.32.5 printed for the same two objects (oracle).
    expect(run('kubectl apply -f two.yaml --validate=strict')).toEqual({
      out: '',
      err: `Error from server (Invalid): error when applying patch:
{"unknownTop":"x"}
to:
Resource: "/v1, Resource=configmaps", GroupVersionKind: "/v1, Kind=ConfigMap"
Name: "d1", Namespace: "default"
for: "two.yaml": error when patching "two.yaml":  "" is invalid: patch: Invalid value: "map[unknownTop:x]": strict decoding error: unknown field "unknownTop"
Error from server (Invalid): error when applying patch:
{"bad":1,"stringData":{"a":"b"}}
to:
Resource: "/v1, Resource=secrets", GroupVersionKind: "/v1, Kind=Secret"
Name: "d2", Namespace: "default"
for: "two.yaml": error when patching "two.yaml":  "" is invalid: patch: Invalid value: "map[bad:1 stringData:map[a:b]]": strict decoding error: unknown field "bad"
`,
      code: 1,
    });
  });
});

describe('--validate=warn on a v1 List (checked against a real kubectl 1.32.5)', () => {
  it('says kubectl skips its own check, then the server warns about each item', () => {
    const { run } = engineSession(3);
    run(
      "printf 'apiVersion: v1\\nkind: List\\nitems:\\n- apiVersion: v1\\n  kind: ConfigMap\\n  metadata:\\n    name: l1\\n  bogus: 1\\n- apiVersion: v1\\n  kind: ConfigMap\\n  metadata:\\n    name: l2\\n' > list.yaml",
    );
    const r = run('kubectl create -f list.yaml --validate=warn --dry-run=server');
    expect(r.out).toBe(
      'configmap/l1 created (server dry run)\nconfigmap/l2 created (server dry run)\n',
    );
    expect(r.err.replace(/^W\d{4} [\d:.]+ +\d+ /, 'W ')).toBe(
      'W schema.go:145] cannot perform warn validation if server-side field validation is unsupported, skipping validation\nWarning: unknown field "bogus"\n',
    );
    expect(r.code).toBe(0);
    // With ignore, nothing is said.
    expect(run('kubectl create -f list.yaml --validate=ignore --dry-run=server -o name')).toEqual({
      out: 'configmap/l1\nconfigmap/l2\n',
      err: '',
      code: 0,
    });
  });
});
