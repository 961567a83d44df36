/**
 * `-f FILE` with the resource builder (cli-runtime 1.32 builder.go visitByPaths, RetrieveLatest,
 * RequireNamespace; helper.go Replace): every expected text below is what the real kubectl
 * 1.32.5 printed for the same line, run side by side through bench/kubectlOracle.ts.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const CM = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cmjson"},"data":{"x":"y"}}';
const IN_KUBE_SYSTEM =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nsm\n  namespace: kube-system\n';
const NAMELESS = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n';

function session() {
  const s = engineSession(1);
  s.host.fs.write('cm.json', CM);
  s.host.fs.write('nsm.yaml', IN_KUBE_SYSTEM);
  s.host.fs.write('noname.yaml', NAMELESS);
  return s;
}

describe('-f with resource arguments as well', () => {
  const TYPES =
    'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n';
  const TUPLES = 'error: resource/name arguments cannot be provided when a path is specified\n';

  it('is refused before anything is read, by get, describe, delete, label, annotate and patch', () => {
    const { run } = session();
    run('kubectl create -f cm.json');
    const refused = (err: string) => ({ out: '', err, code: 1 });
    expect(run('kubectl get -f cm.json configmaps -o name')).toEqual(refused(TYPES));
    expect(run('kubectl get pods -f cm.json -o name')).toEqual(refused(TYPES));
    expect(run('kubectl get -f cm.json cm/cmjson -o name')).toEqual(refused(TUPLES));
    expect(run('kubectl describe -f cm.json pods')).toEqual(refused(TYPES));
    expect(run('kubectl delete -f cm.json configmap/cmjson')).toEqual(refused(TUPLES));
    expect(run('kubectl delete -f cm.json configmap cmjson')).toEqual(refused(TYPES));
    expect(run('kubectl label -f cm.json pods a=b')).toEqual(refused(TYPES));
    expect(run('kubectl label -f cm.json configmap/cmjson a=b')).toEqual(refused(TUPLES));
    expect(run('kubectl annotate -f cm.json pods a=b')).toEqual(refused(TYPES));
    expect(run(`kubectl patch -f cm.json configmap -p '{}'`)).toEqual(refused(TYPES));
    // Nothing was deleted or labeled.
    expect(run('kubectl get cm cmjson -o jsonpath={.metadata.labels}')).toEqual({
      out: '',
      err: '',
      code: 0,
    });
  });

  it('a missing file is still the first complaint', () => {
    const { run } = session();
    expect(run('kubectl get -f nothere.yaml pods').err).toBe(
      'error: the path "nothere.yaml" does not exist\n',
    );
  });
});

describe('get -f: the builder fetches first (RetrieveLatest), then checks -n', () => {
  it('an object of another namespace that is not there is NotFound, not the -n conflict', () => {
    const { run } = session();
    expect(run('kubectl get -f nsm.yaml -n default -o name')).toEqual({
      out: '',
      err: 'Error from server (NotFound): configmaps "nsm" not found\n',
      code: 1,
    });
    expect(run('kubectl apply view-last-applied -f nsm.yaml -n default')).toEqual({
      out: '',
      err: 'Error from server (NotFound): configmaps "nsm" not found\n',
      code: 1,
    });
  });

  it('once it is there, the conflict is gathered with the other errors, each without error:', () => {
    const { run } = session();
    run('kubectl create -f nsm.yaml');
    expect(run('kubectl get -f nsm.yaml -n default -f cm.json -o name')).toEqual({
      out: '',
      err: `the namespace from the provided object "kube-system" does not match the namespace "default". You must pass '--namespace=kube-system' to perform this operation.\nError from server (NotFound): configmaps "cmjson" not found\n`,
      code: 1,
    });
  });

  it('a nameless object is the file object itself, in the namespace it would go to', () => {
    const { run } = session();
    expect(run('kubectl get -f noname.yaml -o name')).toEqual({
      out: 'configmap/<unknown>\n',
      err: '',
      code: 0,
    });
    // Not fetched, so no server Table: the client's NAME and AGE.
    expect(run('kubectl get -f noname.yaml')).toEqual({
      out: 'NAME   AGE\n       <unknown>\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl get -f noname.yaml -o yaml')).toEqual({
      out: 'apiVersion: v1\ndata:\n  a: b\nkind: ConfigMap\nmetadata:\n  namespace: default\n',
      err: '',
      code: 0,
    });
  });

  it('a document without a kind is one of the errors, in document order, without error:', () => {
    const { run, host } = session();
    host.fs.write('nokind.yaml', 'apiVersion: v1\nmetadata:\n  name: nok\n');
    const decode = `unable to decode "nokind.yaml": Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"nok"}}'\n`;
    const missing = 'Error from server (NotFound): configmaps "cmjson" not found\n';
    expect(run('kubectl get -f nokind.yaml -f cm.json -o name')).toEqual({
      out: '',
      err: decode + missing,
      code: 1,
    });
    expect(run('kubectl get -f cm.json -f nokind.yaml -o name')).toEqual({
      out: '',
      err: missing + decode,
      code: 1,
    });
    expect(run('kubectl describe -f nokind.yaml')).toEqual({ out: '', err: decode, code: 1 });
  });

  it("describe -f of a nameless object: the describer's GET cannot be built (error: alone)", () => {
    const { run } = session();
    expect(run('kubectl describe -f noname.yaml')).toEqual({
      out: '',
      err: 'error: resource name may not be empty\n',
      code: 1,
    });
  });
});

describe('replace -f and delete -f', () => {
  it('replace sends the object even when the GET failed: the server decodes it first', () => {
    const { run, host } = session();
    host.fs.write(
      'typo.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: typo\nspec:\n  contianers:\n  - name: c\n    image: nginx\n',
    );
    expect(run('kubectl replace -f typo.yaml')).toEqual({
      out: '',
      err: 'Error from server (BadRequest): error when replacing "typo.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.contianers"\n',
      code: 1,
    });
  });

  it('a nameless object: client-go will not build the request', () => {
    const { run } = session();
    expect(run('kubectl replace -f noname.yaml')).toEqual({
      out: '',
      err: 'error: error when replacing "noname.yaml": resource name may not be empty\n',
      code: 1,
    });
    expect(run('kubectl delete -f noname.yaml --wait=false')).toEqual({
      out: '',
      err: 'error: error when deleting "noname.yaml": resource name may not be empty\n',
      code: 1,
    });
  });

  it('replace --force takes --cascade as a string, as delete does', () => {
    const { run, host } = session();
    host.fs.write(
      'dep.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.27\n',
    );
    run('kubectl apply -f dep.yaml');
    const rs = run('kubectl get rs -o name').out;
    expect(run('kubectl replace -f dep.yaml --force --cascade=orphan')).toEqual({
      out: 'deployment.apps "web" deleted\ndeployment.apps/web replaced\n',
      err: '',
      code: 0,
    });
    // Orphaned, not deleted: the new Deployment adopts the same ReplicaSet.
    expect(run('kubectl get rs -o name').out).toBe(rs);
  });

  it('stdin once only', () => {
    const { run } = session();
    expect(run('kubectl apply -f - -f -').err).toBe(
      'error: standard input cannot be used for multiple arguments\n',
    );
  });
});

describe('apply view-last-applied', () => {
  it('-f FILE: the live objects the file names', () => {
    const { run, host } = session();
    host.fs.write(
      'ap1.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ap1\ndata:\n  a: "2"\n',
    );
    run('kubectl apply -f ap1.yaml');
    expect(run('kubectl apply view-last-applied -f ap1.yaml')).toEqual({
      out: 'apiVersion: v1\ndata:\n  a: "2"\nkind: ConfigMap\nmetadata:\n  annotations: {}\n  name: ap1\n  namespace: default\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl apply view-last-applied -f ap1.yaml -o wide')).toEqual({
      out: '',
      err: "error: Unexpected -o output mode: wide, the flag 'output' must be one of yaml|json\nSee 'kubectl apply view-last-applied -h' for help and examples\n",
      code: 1,
    });
  });

  it('without the annotation: an odd error from a file, nothing at all by name', () => {
    const { run } = session();
    run('kubectl create -f cm.json');
    expect(run('kubectl apply view-last-applied -f cm.json -o json')).toEqual({
      out: '',
      err: 'error: error when no last-applied-configuration annotation found on resource: cmjson\n "cm.json": <nil>\n',
      code: 1,
    });
    // The output format is only looked at for an annotation found.
    expect(run('kubectl apply view-last-applied configmap/cmjson -o wide')).toEqual({
      out: '',
      err: '',
      code: 0,
    });
  });
});

describe('apply --force', () => {
  const dep = (app: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: ${app}\n  template:\n    metadata:\n      labels:\n        app: ${app}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.27\n`;

  it('an immutable field: the object is deleted and created again', () => {
    const { run, host } = session();
    host.fs.write('dep.yaml', dep('web'));
    host.fs.write('dep-sel.yaml', dep('web2'));
    run('kubectl apply -f dep.yaml');
    expect(run('kubectl apply -f dep-sel.yaml').code).toBe(1);
    expect(run('kubectl apply -f dep-sel.yaml --force')).toEqual({
      out: 'deployment.apps/web configured\n',
      err: '',
      code: 0,
    });
    expect(run(`kubectl get deploy web -o jsonpath='{.spec.selector}'`).out).toBe(
      '{"matchLabels":{"app":"web2"}}',
    );
  });

  it('an object that does not go at once (an orphan finalizer) is a deadline exceeded', () => {
    const { run, host } = session();
    host.fs.write('dep.yaml', dep('web'));
    host.fs.write('dep-sel.yaml', dep('web2'));
    run('kubectl apply -f dep-sel.yaml');
    const r = run('kubectl apply -f dep.yaml --force --cascade=orphan -o name');
    expect(r.out).toBe('');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^error: error when applying patch:\n\{"apiVersion":"apps\/v1","kind":"Deployment","metadata":\{"annotations":\{"kubectl\.kubernetes\.io\/last-applied-configuration":.*\}\}\}\}\n\nto:\nResource: "apps\/v1, Resource=deployments", GroupVersionKind: "apps\/v1, Kind=Deployment"\nName: "web", Namespace: "default"\nfor: "dep\.yaml": context deadline exceeded\n$/,
    );
  });

  it('refused with --server-side and with --dry-run=server', () => {
    const { run, host } = session();
    host.fs.write('dep.yaml', dep('web'));
    expect(run('kubectl apply -f dep.yaml --force --server-side').err).toBe(
      'error: --force cannot be used with --server-side\n',
    );
    expect(run('kubectl apply -f dep.yaml --force --dry-run=server').err).toBe(
      'error: --dry-run=server cannot be used with --force\n',
    );
  });
});

describe('kustomize -k DIR', () => {
  it('a missing directory is named as given, then by its absolute path', () => {
    const { run } = session();
    expect(run('kubectl apply -k nothere').err).toBe(
      "error: must build at directory: not a valid directory: evalsymlink failure on 'nothere' : lstat /home/learner/nothere: no such file or directory\n",
    );
  });
});

describe('-f for the commands that otherwise take TYPE NAME (scale, rollout, set image, wait)', () => {
  const DEP =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.27\n';

  it('act on the objects the file names', () => {
    const { run, host } = session();
    host.fs.write('dep.yaml', DEP);
    run('kubectl apply -f dep.yaml');
    const ok = (out: string) => ({ out, err: '', code: 0 });
    expect(run('kubectl scale -f dep.yaml --replicas=3')).toEqual(
      ok('deployment.apps/web scaled\n'),
    );
    expect(run('kubectl rollout restart -f dep.yaml')).toEqual(
      ok('deployment.apps/web restarted\n'),
    );
    expect(run('kubectl set image -f dep.yaml nginx=nginx:1.28 -o name')).toEqual(
      ok('deployment.apps/web\n'),
    );
    expect(run('kubectl rollout pause -f dep.yaml')).toEqual(ok('deployment.apps/web paused\n'));
    expect(run('kubectl rollout resume -f dep.yaml')).toEqual(ok('deployment.apps/web resumed\n'));
    expect(run('kubectl get deploy web -o jsonpath={.spec.replicas}').out).toBe('3');
  });

  it("scale -f does not fetch: a missing object is the PATCH's NotFound; a -n conflict leaves nothing", () => {
    const { run, host } = session();
    host.fs.write('dep.yaml', DEP);
    expect(run('kubectl scale -f dep.yaml --replicas=3 -n kube-system')).toEqual({
      out: '',
      err: 'Error from server (NotFound): deployments.apps "web" not found\n',
      code: 1,
    });
    expect(run('kubectl scale -f nsm.yaml --replicas=3 -n default')).toEqual({
      out: '',
      err: `error: no objects passed to scale the namespace from the provided object "kube-system" does not match the namespace "default". You must pass '--namespace=kube-system' to perform this operation.\n`,
      code: 1,
    });
  });

  it('refuse resource arguments as well, and a missing file first', () => {
    const { run, host } = session();
    host.fs.write('dep.yaml', DEP);
    expect(run('kubectl scale -f dep.yaml deploy --replicas=1').err).toBe(
      'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n',
    );
    expect(run('kubectl rollout status -f dep.yaml deploy/web').err).toBe(
      'error: resource/name arguments cannot be provided when a path is specified\n',
    );
    expect(run('kubectl wait -f dep.yaml pods --for=delete').err).toBe(
      'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n',
    );
    expect(run('kubectl rollout history -f nothere.yaml').err).toBe(
      'error: the path "nothere.yaml" does not exist\n',
    );
  });

  it('set env and set resources too; expose, autoscale and set serviceaccount refuse arguments as well', () => {
    const { run, host } = session();
    host.fs.write('dep.yaml', DEP);
    run('kubectl apply -f dep.yaml');
    expect(run('kubectl set env -f dep.yaml A=B').out).toBe('deployment.apps/web env updated\n');
    expect(run('kubectl set env -f dep.yaml --list').out).toBe(
      '# Deployment web, container nginx\nA=B\n',
    );
    expect(run('kubectl set resources -f dep.yaml --limits=cpu=100m').out).toBe(
      'deployment.apps/web resource requirements updated\n',
    );
    const TYPES =
      'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n';
    for (const line of [
      'kubectl set env -f dep.yaml deploy A=B',
      'kubectl set resources -f dep.yaml deploy --limits=cpu=1',
      'kubectl set serviceaccount -f dep.yaml deploy sa1',
      'kubectl expose -f dep.yaml deploy --port=80',
      'kubectl autoscale -f dep.yaml deploy --max=3',
    ])
      expect(run(line)).toEqual({ out: '', err: TYPES, code: 1 });
    expect(run('kubectl get svc,hpa -o name').out).toBe('service/kubernetes\n');
  });

  it('set image --local reads the file only', () => {
    const { run, host } = session();
    host.fs.write('dep.yaml', DEP);
    expect(run('kubectl set image -f dep.yaml nginx=nginx:1.29 --local')).toEqual({
      out: 'deployment.apps/web image updated\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl set image -f dep.yaml nginx=nginx:1.29 --local --dry-run=client').out).toBe(
      'deployment.apps/web image updated (dry run)\n',
    );
    // The same image: nothing to print.
    expect(run('kubectl set image -f dep.yaml nginx=nginx:1.27 --local -o yaml')).toEqual({
      out: '',
      err: '',
      code: 0,
    });
    expect(run('kubectl set image deploy/web nginx=nginx:1.29 --local').err).toBe(
      "error: you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n",
    );
    expect(run('kubectl set image -f dep.yaml nginx=nginx:1.29 --local --dry-run=server').err).toBe(
      'error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?\n',
    );
    expect(run('kubectl get deploy web').code).toBe(1);
  });
});

describe('create -f / replace -f --save-config', () => {
  it('the object as read, namespace filled in, is its own last-applied configuration', () => {
    const { run, host } = session();
    host.fs.write(
      'p1.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p1\n  labels:\n    app: p1\nspec:\n  containers:\n  - name: c\n    image: nginx\n    command: ["sleep", "3600"]\n',
    );
    const saved =
      '{"kubectl.kubernetes.io/last-applied-configuration":"{\\"apiVersion\\":\\"v1\\",\\"kind\\":\\"Pod\\",\\"metadata\\":{\\"annotations\\":{},\\"labels\\":{\\"app\\":\\"p1\\"},\\"name\\":\\"p1\\",\\"namespace\\":\\"default\\"},\\"spec\\":{\\"containers\\":[{\\"command\\":[\\"sleep\\",\\"3600\\"],\\"image\\":\\"nginx\\",\\"name\\":\\"c\\"}]}}\\n"}';
    expect(
      run(
        `kubectl create -f p1.yaml --save-config --dry-run=client -o jsonpath='{.metadata.annotations}'`,
      ).out,
    ).toBe(saved);
    run('kubectl create -f p1.yaml --save-config');
    // apply then finds its annotation: no warning, nothing to change.
    expect(run('kubectl apply -f p1.yaml')).toEqual({
      out: 'pod/p1 unchanged\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl apply -f p1.yaml --openapi-patch=false').out).toBe('pod/p1 unchanged\n');
  });

  it('replace --save-config writes it too', () => {
    const { run, host } = session();
    run('kubectl create -f cm.json');
    expect(
      run(`kubectl replace -f cm.json --save-config -o jsonpath='{.metadata.annotations}'`).out,
    ).toBe(
      '{"kubectl.kubernetes.io/last-applied-configuration":"{\\"apiVersion\\":\\"v1\\",\\"data\\":{\\"x\\":\\"y\\"},\\"kind\\":\\"ConfigMap\\",\\"metadata\\":{\\"annotations\\":{},\\"name\\":\\"cmjson\\",\\"namespace\\":\\"default\\"}}\\n"}',
    );
    expect(host.fs.read('cm.json')).toBe(CM);
  });
});

describe('apply --server-side over a client-side apply', () => {
  it('keeps the last-applied annotation under its own Apply manager, kubectl-last-applied', () => {
    const { run, host } = session();
    host.fs.write(
      'ss.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ss\ndata:\n  k: v1\n',
    );
    run('kubectl apply -f ss.yaml');
    expect(run('kubectl apply -f ss.yaml --server-side')).toEqual({
      out: 'configmap/ss serverside-applied\n',
      err: '',
      code: 0,
    });
    const managers = `kubectl get cm ss -o jsonpath='{.metadata.managedFields[*].manager}'`;
    expect(run(managers).out).toBe('kubectl kubectl-last-applied kubectl-client-side-apply');
    // Once owned by an Apply manager, nothing more is sent for it.
    run('kubectl apply -f ss.yaml --server-side');
    expect(run(managers).out).toBe('kubectl kubectl-last-applied kubectl-client-side-apply');
  });
});

describe('a kind written in lower case', () => {
  it('maps (the discovery mapper knows it), and the API server refuses the kind', () => {
    const { run, host } = session();
    host.fs.write('lower.yaml', 'apiVersion: v1\nkind: pod\nmetadata:\n  name: lower\n');
    expect(run('kubectl apply -f lower.yaml --validate=false')).toEqual({
      out: '',
      err: 'Error from server (BadRequest): error when creating "lower.yaml": the kind of the provided object (pod) does not match the resource pods\n',
      code: 1,
    });
    expect(run('kubectl get -f lower.yaml').err).toBe(
      'Error from server (NotFound): pods "lower" not found\n',
    );
    // Only all lower case: another spelling is no kind at all.
    host.fs.write('mixed.yaml', 'apiVersion: v1\nkind: Configmap\nmetadata:\n  name: lc\n');
    expect(run('kubectl apply -f mixed.yaml --validate=false').err).toBe(
      'error: resource mapping not found for name: "lc" namespace: "" from "mixed.yaml": no matches for kind "Configmap" in version "v1"\nensure CRDs are installed first\n',
    );
  });
});

describe('-f paths: globs and directories without manifests', () => {
  it('a pattern is expanded; a directory with nothing to read is the builder error', () => {
    const { run } = session();
    run('mkdir -p deep/a/b emptydir');
    run(
      `printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: deep1\\n' > deep/a/b/x.yaml`,
    );
    expect(run(`kubectl apply -f 'deep/a/b/*.yaml'`).out).toBe('configmap/deep1 created\n');
    expect(run(`kubectl apply -f 'nomatch*.yaml'`).err).toBe(
      'error: the path "nomatch*.yaml" does not exist\n',
    );
    const nothing = (dir: string) =>
      `error: error reading [${dir}]: recognized file extensions are [.json .yaml .yml]\n`;
    for (const verb of ['apply', 'create', 'delete', 'get'])
      expect(run(`kubectl ${verb} -f emptydir`)).toEqual({
        out: '',
        err: nothing('emptydir'),
        code: 1,
      });
    // Without -R the manifests of the subdirectories are not read.
    expect(run('kubectl apply -f deep').err).toBe(nothing('deep'));
    expect(run('kubectl apply -f deep -R').out).toBe('configmap/deep1 unchanged\n');
  });
});

describe('apply -o FORMAT with several objects', () => {
  const DOCS =
    '--- # first\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\n...\n---\n\n---\n# x\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c2\n';

  it('prints them once, at the end, as a v1 List (printObjects)', () => {
    const { run, host } = session();
    host.fs.write('docs.yaml', DOCS);
    const yaml = run('kubectl apply -f docs.yaml --dry-run=client -o yaml').out;
    expect(yaml.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n')).toBe(
      true,
    );
    expect(yaml.endsWith('kind: List\nmetadata: {}\n')).toBe(true);
    expect(yaml).not.toContain('---');
    expect(run(`kubectl apply -f docs.yaml -o jsonpath='{.items[*].metadata.name}'`).out).toBe(
      'c1 c2',
    );
    const json = run('kubectl apply -f docs.yaml -o json').out;
    expect(
      json.startsWith(
        '{\n    "kind": "List",\n    "apiVersion": "v1",\n    "metadata": {},\n    "items": [\n        {\n            "apiVersion": "v1",\n',
      ),
    ).toBe(true);
    expect(run('kubectl apply -f docs.yaml -o name').out).toBe('configmap/c1\nconfigmap/c2\n');
  });

  it('nothing at all when one object fails', () => {
    const { run, host } = session();
    host.fs.write(
      'bad2.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c3\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c4\n  bad: 1\n',
    );
    const r = run('kubectl apply -f bad2.yaml -o yaml');
    expect(r.out).toBe('');
    // c3 was applied all the same.
    expect(run('kubectl get cm c3 -o name').out).toBe('configmap/c3\n');
  });
});

describe('a JSON stream', () => {
  it('several objects one after another are documents (json.Decoder), strings kept whole', () => {
    const { run, host } = session();
    host.fs.write(
      'stream.json',
      '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j1"},"data":{"a":"x}{\\"y"}}\n{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j2"}}\n',
    );
    expect(run('kubectl apply -f stream.json')).toEqual({
      out: 'configmap/j1 created\nconfigmap/j2 created\n',
      err: '',
      code: 0,
    });
    expect(run(`kubectl get -f stream.json -o jsonpath='{.items[*].data}'`).out).toBe(
      '{"a":"x}{\\"y"}',
    );
  });
});
