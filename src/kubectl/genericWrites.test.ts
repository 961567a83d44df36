/**
 * label, annotate, delete and manifests read from stdin as the real kubectl 1.32 handles them
 * (checked with the oracle, bench/kubectlOracle.ts): label's Validate, the API server's
 * annotation-key check, delete's --cascade values, and a JSON manifest read as JSON.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('label and annotate', () => {
  it('label --all with -l is Validate’s error, before anything is read', () => {
    const { run } = engineSession(1);
    run('kubectl run db --image=redis:7 --labels=tier=backend');
    expect(run('kubectl label pods --all -l tier=backend x=y')).toEqual({
      out: '',
      err: 'error: cannot set --all and --selector at the same time\n',
      code: 1,
    });
    expect(run('kubectl get pod db -o jsonpath={.metadata.labels.x}').out).toBe('');
  });

  it('an annotation key is the API server’s to refuse (ValidateAnnotations), case aside', () => {
    const { run } = engineSession(1);
    run('kubectl run db --image=redis:7');
    expect(run("kubectl annotate pod db 'bad key=1'")).toEqual({
      out: '',
      err: `The Pod "db" is invalid: metadata.annotations: Invalid value: "bad key": ${NAME_PART}\n`,
      code: 1,
    });
    expect(run('kubectl annotate pod db MyKey=1').out).toBe('pod/db annotated\n');
  });
});

describe('label and annotate several objects', () => {
  it('go on past an object they cannot change, and say every error at the end', () => {
    const { run } = engineSession(1);
    run('kubectl run db --image=redis:7 --labels=tier=backend');
    run('kubectl run cache --image=redis:7 --labels=tier=backend');
    run('kubectl annotate pod db owner=alice');
    const clash = "'tier' already has a value (backend), and --overwrite is false";
    expect(run('kubectl label pods db cache tier=x')).toEqual({
      out: '',
      err: `${clash}\n${clash}\n`,
      code: 1,
    });
    expect(run('kubectl label pods db nosuch tier=x').err).toBe(
      `${clash}\nError from server (NotFound): pods "nosuch" not found\n`,
    );
    // One error alone is `error: …`, and the other object is annotated.
    expect(run('kubectl annotate pods db cache owner=z')).toEqual({
      out: 'pod/cache annotated\n',
      err: "error: --overwrite is false but found the following declared annotation(s): 'owner' already has a value (alice)\n",
      code: 1,
    });
  });
});

describe('label and annotate -f', () => {
  const CM = `'{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j1"}}'`;
  it('--local changes the file’s object and prints it, sending nothing', () => {
    const { run } = engineSession(1);
    expect(run(`kubectl annotate -f - <<< ${CM} a=b --local -o yaml`)).toEqual({
      out: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  annotations:\n    a: b\n  name: j1\n',
      err: '',
      code: 0,
    });
    expect(run(`kubectl label -f - <<< ${CM} a=b --local`).out).toBe('configmap/j1 labeled\n');
    // Nothing was created or changed on the server.
    expect(run('kubectl get cm j1 -o name').err).toBe(
      'Error from server (NotFound): configmaps "j1" not found\n',
    );
    expect(run('kubectl label cm j1 a=c --local').err).toBe(
      'error: can only use local files by -f pod.yaml or --filename=pod.json when --local=true is set\n',
    );
    expect(run('kubectl label a=c --local').err).toBe(
      'error: one or more files must be specified as -f pod.yaml or --filename=pod.json\n',
    );
    expect(run(`kubectl label -f - <<< ${CM} a=b --local --dry-run=server`).err).toBe(
      'error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?\n',
    );
  });

  it('without --local labels the object the file names', () => {
    const { run } = engineSession(1);
    run('kubectl create configmap j1');
    expect(run(`kubectl label -f - <<< ${CM} a=b`).out).toBe('configmap/j1 labeled\n');
    expect(run('kubectl get cm j1 -o jsonpath={.metadata.labels.a}').out).toBe('b');
  });
});

describe('delete --cascade', () => {
  it('takes a Go boolean with a warning (false orphans), refuses other words', () => {
    const { run } = engineSession(1);
    run('kubectl create deployment web --image=nginx --replicas=1');
    expect(run('kubectl delete deploy web --cascade=bogus')).toEqual({
      out: '',
      err: 'error: invalid cascade value (bogus). Must be "background", "foreground", or "orphan"\n',
      code: 1,
    });
    const r = run('kubectl delete deploy web --cascade=false');
    expect(r.err).toBe(
      'warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n',
    );
    expect(r.out).toBe('deployment.apps "web" deleted\n');
    expect(run('kubectl delete deploy web --cascade= --dry-run=client').err).toBe(
      'error: invalid cascade value (). Must be "background", "foreground", or "orphan"\n',
    );
    // Orphaned: the ReplicaSet stays, and so does its pod.
    expect(run('kubectl get rs -o name').out).toMatch(/^replicaset\.apps\/web-[a-z0-9]+\n$/);
    expect(run('kubectl get pods -o name').out).toMatch(/^pod\/web-/);
  });
});

describe('delete --raw', () => {
  it('never falls back to deleting the objects named', () => {
    const { run } = engineSession(1);
    run('kubectl run db --image=redis:7');
    expect(run('kubectl delete pod db --raw /api/v1/namespaces/default/pods/db')).toEqual({
      out: '',
      err: 'error: --raw /api/v1/namespaces/default/pods/db: deleting raw API paths is not available in this console\n',
      code: 1,
    });
    expect(run('kubectl get pod db -o name').out).toBe('pod/db\n');
  });
});

describe('manifests on stdin', () => {
  it('a text that starts with { is a JSON stream: its syntax errors are encoding/json’s', () => {
    const { run } = engineSession(1);
    expect(run("kubectl apply -f - <<< '{bad'")).toEqual({
      out: '',
      err: "error: error parsing STDIN: json: offset 2: invalid character 'b' looking for beginning of object key string\n",
      code: 1,
    });
    expect(
      run(`kubectl apply -f - <<< '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j8"}'`)
        .err,
    ).toBe('error: error parsing STDIN: unexpected EOF\n');
    expect(
      run(
        `kubectl apply -f - <<< '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j8"}}'`,
      ).out,
    ).toBe('configmap/j8 created\n');
  });

  it('without client validation a file is only decoded: the decoder’s errors', () => {
    const { run } = engineSession(1);
    // YAML is converted to JSON (keys sorted) for the message; JSON is quoted as written.
    expect(
      run(`kubectl create -f - --validate=false <<< $'metadata:\\n  name: x\\napiVersion: v1\\n'`)
        .err,
    ).toBe(
      `error: unable to decode "STDIN": Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}'\n`,
    );
    expect(run(`kubectl create -f - --validate=false <<< '"s"'`).err).toBe(
      'error: unable to decode "STDIN": json: cannot unmarshal string into Go value of type unstructured.detector\n',
    );
    // delete has no --validate at all.
    expect(run(`kubectl delete -f - <<< '{"apiVersion":"v1","metadata":{"name":"x"}}'`).err).toBe(
      `error: unable to decode "STDIN": Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}'\n`,
    );
    // With validation (the default) it is the validator that speaks.
    expect(run(`kubectl create -f - <<< $'metadata:\\n  name: x\\napiVersion: v1\\n'`).err).toBe(
      'error: error validating "STDIN": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
    );
  });

  it('a document that is not an object is invalid to validate', () => {
    const { run } = engineSession(1);
    expect(run("kubectl apply -f - <<< '[]'").err).toBe(
      'error: error validating "STDIN": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false\n',
    );
  });

  it('a namespaced object from a file gets the namespace it is created in (SetNamespace)', () => {
    const { run } = engineSession(1);
    expect(
      run(
        `kubectl create -f - <<< '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c4"}}' --dry-run=client -o json`,
      ).out,
    ).toBe(
      '{\n    "apiVersion": "v1",\n    "kind": "ConfigMap",\n    "metadata": {\n        "name": "c4",\n        "namespace": "default"\n    }\n}\n',
    );
    // A cluster-scoped one does not.
    expect(
      run(
        `kubectl create -f - <<< '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"n1"}}' --dry-run=client -o yaml`,
      ).out,
    ).toBe('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n1\n');
  });

  it('a cluster-scoped object from a file keeps no namespace (FilterNamespace)', () => {
    const { run } = engineSession(1);
    run(
      `kubectl apply -f - <<< '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"ns1"}}'`,
    );
    expect(
      run(
        `kubectl apply -f - <<< '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"ns1","namespace":"dev"}}'`,
      ).out,
    ).toBe('namespace/ns1 unchanged\n');
  });
});

describe('kubectl config', () => {
  it('get-contexts refuses other -o values; set-context with two names prints its help first', () => {
    const { run } = engineSession(1);
    expect(run('kubectl config get-contexts -o yaml')).toEqual({
      out: '',
      err: 'error: --output yaml is not available in kubectl config get-contexts; resetting to default output format\n',
      code: 1,
    });
    const r = run('kubectl config set-context a b');
    expect(r.out).toMatch(/^Set a context entry in kubeconfig\.\n/);
    expect(r.err).toBe('error: Unexpected args: [a b]\n');
    expect(r.code).toBe(1);
    expect(run('kubectl config get-contexts -o name').out).toBe('kubernetes-admin@kubernetes\n');
    // The name printer finds no name in a Config.
    expect(run('kubectl config view -o name').out).toBe('config/<unknown>\n');
    expect(run('kubectl config view -o YAML').out).toMatch(/^apiVersion: v1\nclusters:\n/);
  });
});
