/**
 * Command behaviour against the small fake API server (testing/fakeApi.ts): success lines,
 * tables, redirection, and every error path with kubectl's text and exit code.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { runLine } from './shell.ts';
import { createFakeHost } from './testing/fakeApi.ts';
import { refusedPattern } from './testing/refused.ts';

let host: ReturnType<typeof createFakeHost>;
beforeEach(() => {
  host = createFakeHost();
});

/** Runs a line and returns stdout + stderr + exit code, in transcript form. */
function run(line: string): { out: string; err: string; code: number } {
  const r = runLine(host, line);
  return { out: r.stdout, err: r.stderr, code: r.exitCode };
}

describe('the study note flow', () => {
  it('creates, lists and deletes namespaces and the nginx pod verbatim', () => {
    expect(run('kubectl create namespace blue')).toEqual({
      out: 'namespace/blue created\n',
      err: '',
      code: 0,
    });
    host.advance(5000);
    expect(run('kubectl create namespace green --dry-run=client -o yaml > green-ns.yaml')).toEqual({
      out: '',
      err: '',
      code: 0,
    });
    expect(run('cat green-ns.yaml').out).toBe(
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: green\nspec: {}\nstatus: {}\n',
    );
    expect(run('kubectl create -f green-ns.yaml')).toEqual({
      out: 'namespace/green created\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl create -f nginx.yaml -n blue')).toEqual({
      out: 'pod/nginx created\n',
      err: '',
      code: 0,
    });
    host.advance(7000);
    expect(run('kubectl get namespaces').out).toBe(
      'NAME              STATUS   AGE\n' +
        'blue              Active   12s\n' +
        'default           Active   3d\n' +
        'green             Active   7s\n' +
        'kube-node-lease   Active   3d\n' +
        'kube-public       Active   3d\n' +
        'kube-system       Active   3d\n',
    );
    expect(run('kubectl get pods -n blue').out).toBe(
      'NAME    READY   STATUS    RESTARTS   AGE\nnginx   0/1     Pending   0          7s\n',
    );
    expect(run('kubectl delete namespace blue')).toEqual({
      out: 'namespace "blue" deleted\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl get ns blue')).toEqual({
      out: '',
      err: 'Error from server (NotFound): namespaces "blue" not found\n',
      code: 1,
    });
    expect(run('kubectl get pods -n blue')).toEqual({
      out: '',
      err: 'No resources found in blue namespace.\n',
      code: 0,
    });
  });

  it('bare --dry-run warns on stderr like kubectl and still writes the file', () => {
    const r = run('kubectl create namespace green --dry-run -o yaml > green-ns.yaml');
    expect(r.err).toMatch(
      /^W0115 10:00:00\.000000 {4}4242 helpers\.go:\d+\] --dry-run is deprecated and can be replaced with --dry-run=client\.\n$/,
    );
    expect(host.fs.read('green-ns.yaml')).toContain('name: green');
  });

  it('switches the default namespace with config set-context --current', () => {
    run('kubectl create ns blue');
    expect(run('kubectl config set-context --current --namespace=blue').out).toBe(
      'Context "kubernetes-admin@kubernetes" modified.\n',
    );
    expect(run('kubectl run web --image=nginx').out).toBe('pod/web created\n');
    expect(run('kubectl get pods -o name').out).toBe('pod/web\n');
    expect(run('kubectl get pods -n default').err).toBe(
      'No resources found in default namespace.\n',
    );
    expect(run('kubectl config get-contexts').out).toBe(
      'CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n' +
        '*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   blue\n',
    );
  });
});

describe('create', () => {
  it('prints success lines, dry-run suffixes and -o name', () => {
    expect(run('kubectl create deployment web --image=nginx').out).toBe(
      'deployment.apps/web created\n',
    );
    expect(run('kubectl create deployment api --image=nginx --dry-run=client').out).toBe(
      'deployment.apps/api created (dry run)\n',
    );
    expect(run('kubectl create deployment api --image=nginx --dry-run=server').out).toBe(
      'deployment.apps/api created (server dry run)\n',
    );
    expect(run('kubectl get deploy api').code).toBe(1);
    expect(run('kubectl create ns blue -o name').out).toBe('namespace/blue\n');
  });

  it('builds the deployment kubectl builds (dry-run yaml)', () => {
    expect(
      run(
        'kubectl create deployment web --image=registry.k8s.io/nginx:1.25 --replicas=3 --port=80 --dry-run=client -o yaml',
      ).out,
    ).toBe(`apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: registry.k8s.io/nginx:1.25
        name: nginx
        ports:
        - containerPort: 80
        resources: {}
status: {}
`);
  });

  it('puts the namespace in the object only when -n is given', () => {
    expect(
      run('kubectl create deployment web --image=nginx -n blue --dry-run=client -o yaml').out,
    ).toContain('  name: web\n  namespace: blue\n');
  });

  it('prints -o json with typed field order and 4-space indentation', () => {
    expect(run('kubectl create ns green --dry-run=client -o json').out).toBe(
      '{\n    "kind": "Namespace",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "green",\n        "creationTimestamp": null\n    },\n    "spec": {},\n    "status": {}\n}\n',
    );
  });

  it('run builds a pod with run=<name> and restartPolicy Always', () => {
    expect(
      run('kubectl run web --image=nginx --port=80 --dry-run=client -o yaml').out,
    ).toBe(`apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: web
  name: web
spec:
  containers:
  - image: nginx
    name: web
    ports:
    - containerPort: 80
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`);
  });

  it('server errors: AlreadyExists, NotFound namespace, Invalid name', () => {
    run('kubectl create ns blue');
    expect(run('kubectl create ns blue')).toEqual({
      out: '',
      err: 'Error from server (AlreadyExists): namespaces "blue" already exists\n',
      code: 1,
    });
    expect(run('kubectl run web --image=nginx -n missing')).toEqual({
      out: '',
      err: 'Error from server (NotFound): namespaces "missing" not found\n',
      code: 1,
    });
    expect(run('kubectl create ns Blue_X').err).toBe(
      `The Namespace "Blue_X" is invalid: metadata.name: Invalid value: "Blue_X": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\n`,
    );
  });

  it('create deployment wraps server errors instead of "Error from server"', () => {
    run('kubectl create deployment web --image=nginx');
    expect(run('kubectl create deployment web --image=nginx')).toEqual({
      out: '',
      err: 'error: failed to create deployment: deployments.apps "web" already exists\n',
      code: 1,
    });
    expect(run('kubectl create deployment web --image=nginx -n nope').err).toBe(
      'error: failed to create deployment: namespaces "nope" not found\n',
    );
  });

  it('refuses to create in a terminating namespace (Forbidden)', () => {
    run('kubectl create ns dying');
    host.fake.delete('namespaces', undefined, 'dying');
    expect(run('kubectl run web --image=nginx -n dying').err).toBe(
      'Error from server (Forbidden): pods "web" is forbidden: unable to create new content in namespace dying because it is being terminated\n',
    );
  });

  it('create -f adds the file to server errors and keeps going', () => {
    host.fs.write(
      'two.yaml',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n',
    );
    expect(run('kubectl create -f two.yaml')).toEqual({
      out: 'namespace/a created\nnamespace/b created\n',
      err: 'Error from server (AlreadyExists): error when creating "two.yaml": namespaces "a" already exists\n',
      code: 1,
    });
  });

  it('create -f reports missing files, bad YAML, unknown kinds and namespace mismatches', () => {
    expect(run('kubectl create -f nope.yaml')).toEqual({
      out: '',
      err: 'error: the path "nope.yaml" does not exist\n',
      code: 1,
    });
    host.fs.write('k.yaml', 'apiVersion: v1\nkind: Gadget\nmetadata:\n  name: g\n');
    expect(run('kubectl create -f k.yaml').err).toBe(
      'error: resource mapping not found for name: "g" namespace: "" from "k.yaml": no matches for kind "Gadget" in version "v1"\nensure CRDs are installed first\n',
    );
    host.fs.write('nokind.yaml', 'metadata:\n  name: g\n');
    expect(run('kubectl create -f nokind.yaml').err).toBe(
      'error: error validating "nokind.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n',
    );
    host.fs.write(
      'p.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: blue\nspec:\n  containers:\n  - name: c\n    image: nginx\n',
    );
    expect(run('kubectl create -f p.yaml -n green').err).toBe(
      `error: the namespace from the provided object "blue" does not match the namespace "green". You must pass '--namespace=blue' to perform this operation.\n`,
    );
  });

  it('usage errors: missing name, missing image', () => {
    expect(run('kubectl create namespace')).toEqual({
      out: '',
      err: "error: exactly one NAME is required, got 0\nSee 'kubectl create namespace -h' for help and examples\n",
      code: 1,
    });
    expect(run('kubectl create deployment web')).toEqual({
      out: '',
      err: 'error: required flag(s) "image" not set\n',
      code: 1,
    });
    expect(run('kubectl create ns a b').err).toContain('exactly one NAME is required, got 2');
  });

  it('apply creates, then reports unchanged or configured', () => {
    host.fs.write('ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n');
    expect(run('kubectl apply -f ns.yaml').out).toBe('namespace/shop created\n');
    expect(run('kubectl apply -f ns.yaml').out).toBe('namespace/shop unchanged\n');
    host.fs.write(
      'ns.yaml',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    team: a\n',
    );
    expect(run('kubectl apply -f ns.yaml').out).toBe('namespace/shop configured\n');
    expect(run('kubectl get ns shop --show-labels').out).toContain(
      'kubernetes.io/metadata.name=shop,team=a',
    );
  });
});

describe('get', () => {
  beforeEach(() => {
    run('kubectl create ns blue');
    run('kubectl run a --image=nginx');
    run('kubectl run b --image=nginx -n blue');
    run('kubectl create deployment web --image=nginx');
    host.advance(30_000);
  });

  it('prints one block per type with kind prefixes and a blank line between', () => {
    expect(run('kubectl get pods,deploy').out).toBe(
      'NAME    READY   STATUS    RESTARTS   AGE\npod/a   0/1     Pending   0          30s\n\n' +
        'NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\ndeployment.apps/web   0/1     0            0           30s\n',
    );
    expect(run('kubectl get pods,deploy --no-headers').out).toBe(
      'pod/a   0/1   Pending   0     30s\ndeployment.apps/web   0/1   0     0     30s\n',
    );
  });

  it('-A adds NAMESPACE for namespaced types only', () => {
    expect(run('kubectl get po -A').out).toBe(
      'NAMESPACE   NAME   READY   STATUS    RESTARTS   AGE\nblue        b      0/1     Pending   0          30s\ndefault     a      0/1     Pending   0          30s\n',
    );
    expect(run('kubectl get ns -A').out.startsWith('NAME ')).toBe(true);
  });

  it('--show-labels and -l', () => {
    expect(run('kubectl get pods --show-labels').out).toBe(
      'NAME   READY   STATUS    RESTARTS   AGE   LABELS\na      0/1     Pending   0          30s   run=a\n',
    );
    expect(run('kubectl get pods -l run=zzz')).toEqual({
      out: '',
      err: 'No resources found in default namespace.\n',
      code: 0,
    });
  });

  it('-o yaml prints the object for one name and a List otherwise', () => {
    expect(
      run('kubectl get pod a -o yaml').out.startsWith('apiVersion: v1\nkind: Pod\nmetadata:\n'),
    ).toBe(true);
    const list = run('kubectl get pods -o yaml').out;
    expect(list.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n')).toBe(true);
    expect(list.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
    expect(run('kubectl get pods -n kube-public -o json').out).toBe(
      '{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n',
    );
  });

  it('type/name forms and a missing name among found ones', () => {
    expect(run('kubectl get pod/a deploy/web -o name').out).toBe('pod/a\ndeployment.apps/web\n');
    expect(run('kubectl get pods a nope')).toEqual({
      out: 'NAME   READY   STATUS    RESTARTS   AGE\na      0/1     Pending   0          30s\n',
      err: 'Error from server (NotFound): pods "nope" not found\n',
      code: 1,
    });
    expect(run('kubectl get deploy nope').err).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found\n',
    );
  });

  it('usage errors', () => {
    expect(run('kubectl get')).toEqual({
      out: '',
      err: 'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
      code: 1,
    });
    expect(run('kubectl get foo')).toEqual({
      out: '',
      err: 'error: the server doesn\'t have a resource type "foo"\n',
      code: 1,
    });
    expect(run('kubectl get pods --foo')).toEqual({
      out: '',
      err: "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n",
      code: 1,
    });
    expect(run('kubectl get pods -n')).toEqual({
      out: '',
      err: "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n",
      code: 1,
    });
    expect(run('kubectl get pods -o foo').err).toBe(
      'error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
    );
    expect(run('kubectl get pods pod/a').err).toContain(
      'there is no need to specify a resource type as a separate argument',
    );
  });

  it('cluster-scoped empty results say "No resources found" without a namespace', () => {
    expect(run('kubectl get nodes')).toEqual({ out: '', err: 'No resources found\n', code: 0 });
  });
});

describe('delete', () => {
  it('deletes by name and type/name, waits, and reports NotFound per object', () => {
    run('kubectl run a --image=nginx');
    run('kubectl create deployment web --image=nginx');
    expect(run('kubectl delete pod a nope')).toEqual({
      out: 'pod "a" deleted\n',
      err: 'Error from server (NotFound): pods "nope" not found\n',
      code: 1,
    });
    expect(run('kubectl delete deploy/web').out).toBe('deployment.apps "web" deleted\n');
  });

  it('waits for a namespace to finish terminating', () => {
    run('kubectl create ns blue');
    const before = host.nowEpochMs();
    expect(run('kubectl delete ns blue').out).toBe('namespace "blue" deleted\n');
    expect(host.nowEpochMs()).toBeGreaterThan(before);
    expect(host.fake.objects.has('namespaces//blue')).toBe(false);
  });

  it('--wait=false returns at once, leaving the namespace Terminating', () => {
    run('kubectl create ns blue');
    run('kubectl delete ns blue --wait=false');
    expect(run('kubectl get ns blue --no-headers').out).toBe('blue   Terminating   0s\n');
  });

  it('--all, force, and the immortal namespaces', () => {
    run('kubectl run a --image=nginx');
    run('kubectl run b --image=nginx');
    expect(run('kubectl delete pods --all').out).toBe('pod "a" deleted\npod "b" deleted\n');
    // delete says it on stdout, without the namespace (DeleteResult), unlike get.
    expect(run('kubectl delete pods --all')).toEqual({
      out: 'No resources found\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl delete pods -l app=none -n kube-system').out).toBe('No resources found\n');
    run('kubectl run c --image=nginx');
    expect(run('kubectl delete pod c --grace-period=0 --force')).toEqual({
      out: 'pod "c" force deleted\n',
      err: 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
      code: 0,
    });
    expect(run('kubectl delete ns default')).toEqual({
      out: '',
      err: 'Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted\n',
      code: 1,
    });
  });

  it('usage errors', () => {
    expect(run('kubectl delete').err).toBe(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
    expect(run('kubectl delete pods').err).toBe(
      'error: resource(s) were provided, but no name was specified\n',
    );
  });
});

describe('other commands', () => {
  it('scale, set image, expose, label', () => {
    run('kubectl create deployment web --image=nginx --port=80');
    expect(run('kubectl scale deployment web --replicas=3').out).toBe(
      'deployment.apps/web scaled\n',
    );
    expect(run('kubectl get deploy web -o yaml').out).toContain('  replicas: 3\n');
    expect(run('kubectl set image deployment/web nginx=nginx:1.27').out).toBe(
      'deployment.apps/web image updated\n',
    );
    expect(run('kubectl set image deployment/web nope=nginx').err).toBe(
      'error: unable to find container named "nope"\n',
    );
    expect(run('kubectl expose deployment web').out).toBe('service/web exposed\n');
    expect(run('kubectl get svc web -o yaml').out).toContain(
      '  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 80\n',
    );
    expect(run('kubectl label deployment web tier=front').out).toBe(
      'deployment.apps/web labeled\n',
    );
    expect(run('kubectl scale deployment web').err).toBe(
      'error: required flag(s) "replicas" not set\n',
    );
  });

  it('cordon and uncordon are idempotent with kubectl wording', () => {
    host.fake.seed('nodes', { metadata: { name: 'worker' }, spec: {}, status: {} });
    expect(run('kubectl cordon worker').out).toBe('node/worker cordoned\n');
    expect(run('kubectl cordon worker').out).toBe('node/worker already cordoned\n');
    expect(run('kubectl get nodes --no-headers').out).toBe(
      'worker   Unknown,SchedulingDisabled   <none>   <unknown>   \n',
    );
    expect(run('kubectl uncordon worker').out).toBe('node/worker uncordoned\n');
    expect(run('kubectl cordon nope').err).toBe(
      'Error from server (NotFound): nodes "nope" not found\n',
    );
  });

  it('version, api-resources, config', () => {
    expect(run('kubectl version').out).toBe(
      'Client Version: v1.32.5\nKustomize Version: v5.5.0\nServer Version: v1.32.2\n',
    );
    expect(run('kubectl version --client').out).toBe(
      'Client Version: v1.32.5\nKustomize Version: v5.5.0\n',
    );
    expect(run('kubectl api-resources --namespaced=false').out).toBe(
      `NAME                                SHORTNAMES   APIVERSION                        NAMESPACED   KIND
componentstatuses                   cs           v1                                false        ComponentStatus
namespaces                          ns           v1                                false        Namespace
nodes                               no           v1                                false        Node
persistentvolumes                   pv           v1                                false        PersistentVolume
mutatingwebhookconfigurations                    admissionregistration.k8s.io/v1   false        MutatingWebhookConfiguration
validatingadmissionpolicies                      admissionregistration.k8s.io/v1   false        ValidatingAdmissionPolicy
validatingadmissionpolicybindings                admissionregistration.k8s.io/v1   false        ValidatingAdmissionPolicyBinding
validatingwebhookconfigurations                  admissionregistration.k8s.io/v1   false        ValidatingWebhookConfiguration
customresourcedefinitions           crd,crds     apiextensions.k8s.io/v1           false        CustomResourceDefinition
apiservices                                      apiregistration.k8s.io/v1         false        APIService
selfsubjectreviews                               authentication.k8s.io/v1          false        SelfSubjectReview
tokenreviews                                     authentication.k8s.io/v1          false        TokenReview
selfsubjectaccessreviews                         authorization.k8s.io/v1           false        SelfSubjectAccessReview
selfsubjectrulesreviews                          authorization.k8s.io/v1           false        SelfSubjectRulesReview
subjectaccessreviews                             authorization.k8s.io/v1           false        SubjectAccessReview
certificatesigningrequests          csr          certificates.k8s.io/v1            false        CertificateSigningRequest
flowschemas                                      flowcontrol.apiserver.k8s.io/v1   false        FlowSchema
prioritylevelconfigurations                      flowcontrol.apiserver.k8s.io/v1   false        PriorityLevelConfiguration
ingressclasses                                   networking.k8s.io/v1              false        IngressClass
runtimeclasses                                   node.k8s.io/v1                    false        RuntimeClass
clusterrolebindings                              rbac.authorization.k8s.io/v1      false        ClusterRoleBinding
clusterroles                                     rbac.authorization.k8s.io/v1      false        ClusterRole
priorityclasses                     pc           scheduling.k8s.io/v1              false        PriorityClass
csidrivers                                       storage.k8s.io/v1                 false        CSIDriver
csinodes                                         storage.k8s.io/v1                 false        CSINode
storageclasses                      sc           storage.k8s.io/v1                 false        StorageClass
volumeattachments                                storage.k8s.io/v1                 false        VolumeAttachment
`,
    );
    expect(run('kubectl config current-context').out).toBe('kubernetes-admin@kubernetes\n');
    expect(run('kubectl config use-context nope')).toEqual({
      out: '',
      err: 'error: no context exists with the name: "nope"\n',
      code: 1,
    });
    expect(
      run(
        'kubectl config set-context dev --cluster=kubernetes --user=kubernetes-admin --namespace=dev',
      ).out,
    ).toBe('Context "dev" created.\n');
    expect(run('kubectl config use-context dev').out).toBe('Switched to context "dev".\n');
    expect(run('kubectl config get-contexts').out).toBe(
      'CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n' +
        '*         dev                           kubernetes   kubernetes-admin   dev\n' +
        '          kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n',
    );
    expect(run('kubectl config get-contexts nope')).toEqual({
      out: 'CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n',
      err: 'error: context nope not found\n',
      code: 1,
    });
  });

  it('unknown commands suggest by edit distance like cobra', () => {
    expect(run('kubectl foo')).toEqual({
      out: '',
      err: 'error: unknown command "foo" for "kubectl"\n\nDid you mean this?\n\ttop\n',
      code: 1,
    });
    expect(run('kubectl crate ns x').err).toBe(
      'error: unknown command "crate" for "kubectl"\n\nDid you mean this?\n\tcreate\n',
    );
    expect(run('kubectl zzzzzzz').err).toBe('error: unknown command "zzzzzzz" for "kubectl"\n');
    // In the order cmd.go adds the commands (its groups, then config, plugin, version,
    // api-versions, api-resources, options), not sorted; cobra's help is never suggested
    // (as a real kubectl 1.32.5 prints them).
    const suggested = (line: string) =>
      run(line)
        .err.split('\n')
        .filter((l) => l.startsWith('\t'))
        .map((l) => l.slice(1));
    expect(suggested('kubectl gt pods')).toEqual(['set', 'get', 'cp']);
    expect(suggested('kubectl he')).toEqual(['set', 'get', 'cp']);
    expect(suggested('kubectl ap')).toEqual([
      'top',
      'cp',
      'apply',
      'api-versions',
      'api-resources',
    ]);
    expect(suggested('kubectl c')).toEqual([
      'create',
      'certificate',
      'cluster-info',
      'cordon',
      'cp',
      'completion',
      'config',
    ]);
  });

  it("flags alone print the root help; flags before an unknown name are the plugin handler's", () => {
    const help = run('kubectl').out;
    expect(help).toContain('Basic Commands (Beginner):');
    expect(run('kubectl -n default --request-timeout=5s')).toEqual({ out: help, err: '', code: 0 });
    expect(run('kubectl -n default extra')).toEqual({
      out: '',
      err: 'Error: flags cannot be placed before plugin name: -n\n',
      code: 1,
    });
    expect(run('kubectl --bogus').err).toBe(
      "error: unknown flag: --bogus\nSee 'kubectl --help' for usage.\n",
    );
    // cobra's stripFlags lets an unknown flag take the next word as its value: `get` is eaten,
    // `pods` is no command (kubectl 1.32.5).
    expect(run('kubectl --bogus get pods')).toEqual({
      out: '',
      err: 'Error: flags cannot be placed before plugin name: --bogus\n',
      code: 1,
    });
    expect(run('kubectl -x get pods').err).toBe(
      'Error: flags cannot be placed before plugin name: -x\n',
    );
    // With `=`, or as several shorthands, it takes nothing: the command finds the flag unknown.
    expect(run('kubectl --bogus=1 get pods').err).toBe(
      "error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n",
    );
    expect(run('kubectl -abc get pods').err).toBe(
      "error: unknown shorthand flag: 'a' in -abc\nSee 'kubectl get --help' for usage.\n",
    );
  });
});

describe('the console shell', () => {
  it('redirects with > and >>, and cat/ls/echo work over the workspace', () => {
    expect(run('echo hello > notes.txt')).toEqual({ out: '', err: '', code: 0 });
    run("echo 'second line' >> notes.txt");
    expect(run('cat notes.txt').out).toBe('hello\nsecond line\n');
    expect(run('ls').out).toBe('Dockerfile  index.html  nginx.yaml  notes.txt\n');
    expect(run('cat nope.yaml')).toEqual({
      out: '',
      err: 'cat: nope.yaml: No such file or directory\n',
      code: 1,
    });
    expect(run('ls *.yaml').out).toBe('nginx.yaml\n');
  });

  it('keeps stderr on screen when stdout is redirected, and truncates first', () => {
    host.fs.write('out.txt', 'old\n');
    expect(run('kubectl get pods > out.txt')).toEqual({
      out: '',
      err: 'No resources found in default namespace.\n',
      code: 0,
    });
    expect(host.fs.read('out.txt')).toBe('');
  });

  it('runs ; && || lists', () => {
    expect(run('kubectl create ns x && kubectl get ns x -o name').out).toBe(
      'namespace/x created\nnamespace/x\n',
    );
    expect(run('kubectl get ns nope && echo never || echo fallback')).toEqual({
      out: 'fallback\n',
      err: 'Error from server (NotFound): namespaces "nope" not found\n',
      code: 0,
    });
  });

  it('rejects |& and other operators, unknown programs and control characters', () => {
    expect(run('kubectl get pods |& grep web')).toEqual({
      out: '',
      err: "bash: '|&' is not supported in this console; pipe stdout with | (add 2>&1 before it)\n",
      code: 2,
    });
    expect(run('grep x')).toEqual({
      out: '',
      err: 'grep: reading the terminal is not supported in this console: pipe a command into grep or name a file\n',
      code: 2,
    });
    expect(run('perl x')).toEqual({ out: '', err: 'bash: perl: command not found\n', code: 127 });
    expect(run('kubectl get pods\u0007')).toEqual({
      out: '',
      err: 'bash: the line contains the control character U+0007; remove it and try again\n',
      code: 2,
    });
    expect(run('kubectl get pods >')).toEqual({
      out: '',
      err: "bash: syntax error near unexpected token `newline'\n",
      code: 2,
    });
  });

  it('answers a 1 MB paste with a clear error and no change', () => {
    const before = [...host.fake.objects.keys()];
    const r = run(`kubectl create ns ${'a'.repeat(1024 * 1024)}`);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^bash: line too long/);
    expect([...host.fake.objects.keys()]).toEqual(before);
  });

  it('quotes and escapes like a shell', () => {
    expect(run(`echo "a  b" 'c d' e\\ f`).out).toBe('a  b c d e f\n');
    expect(run('kubectl create ns "blue"').out).toBe('namespace/blue created\n');
  });
});

describe('templates', () => {
  it('-o jsonpath and -o custom-columns', () => {
    run('kubectl run a --image=nginx');
    run('kubectl run b --image=busybox');
    expect(run(`kubectl get pods -o jsonpath='{.items[*].metadata.name}'`)).toEqual({
      out: 'a b',
      err: '',
      code: 0,
    });
    expect(run(`kubectl get pod a -o jsonpath='{.spec.containers[0].image}{"\\n"}'`).out).toBe(
      'nginx\n',
    );
    expect(
      run(
        'kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image,NODE:.spec.nodeName',
      ).out,
    ).toBe('NAME   IMAGE     NODE\na      nginx     <none>\nb      busybox   <none>\n');
    expect(run(`kubectl get pods -o jsonpath='{.items[*]'`).err).toBe(
      'error: error parsing jsonpath {.items[*], unclosed action\n',
    );
  });
});

describe('describe command', () => {
  it('describes a service and matches pods by name prefix', () => {
    run('kubectl create deployment web --image=nginx --port=80');
    run('kubectl expose deployment web --port=80 --target-port=8080');
    expect(run('kubectl describe svc web').out).toBe(
      'Name:              web\n' +
        'Namespace:         default\n' +
        'Labels:            app=web\n' +
        'Annotations:       <none>\n' +
        'Selector:          app=web\n' +
        'Type:              \n' +
        'IP Families:       <none>\n' +
        'IP:                \n' +
        'IPs:               <none>\n' +
        'Port:              <unset>  80/TCP\n' +
        'TargetPort:        8080/TCP\n' +
        'Endpoints:         <none>\n' +
        'Session Affinity:  None\n' +
        'Events:            <none>\n',
    );
    run('kubectl run web-1 --image=nginx');
    run('kubectl run web-2 --image=nginx');
    const out = run('kubectl describe pod web').out;
    expect(out.match(/^Name: +web-\d$/gm)?.map((l) => l.replace(/ +/, ' '))).toEqual([
      'Name: web-1',
      'Name: web-2',
    ]);
    // DescribeMatchingResources prints each description followed by a newline: one blank line
    // between them, and one at the end.
    expect(out).toMatch(/[^\n]\n\nName: +web-2\n/);
    expect(out.endsWith('\n\n')).toBe(true);
    expect(run('kubectl describe pod nope')).toEqual({
      out: '',
      err: 'Error from server (NotFound): pods "nope" not found\n',
      code: 1,
    });
    expect(run('kubectl describe ns nope').err).toBe(
      'Error from server (NotFound): namespaces "nope" not found\n',
    );
  });
});

describe('get options', () => {
  it('--sort-by and -L label columns', () => {
    run('kubectl run b --image=nginx -l tier=back');
    host.advance(5000);
    run('kubectl run a --image=nginx -l tier=front');
    expect(run('kubectl get pods --sort-by=.metadata.creationTimestamp -o name').out).toBe(
      'pod/b\npod/a\n',
    );
    expect(run('kubectl get pods -L tier,app.kubernetes.io/name').out).toBe(
      'NAME   READY   STATUS    RESTARTS   AGE   TIER    NAME\na      0/1     Pending   0          0s    front   \nb      0/1     Pending   0          5s    back    \n',
    );
  });

  it('kubectl top answers as a cluster without metrics-server does', () => {
    expect(run('kubectl top nodes')).toEqual({
      out: '',
      err: 'error: Metrics API not available\n',
      code: 1,
    });
  });
});

describe('label, annotate, rollout history', () => {
  it('labels and annotates with kubectl wording, refusing silent overwrites', () => {
    run('kubectl create ns blue');
    expect(run('kubectl label ns blue env=dev').out).toBe('namespace/blue labeled\n');
    expect(run('kubectl label ns blue env=dev').out).toBe('namespace/blue not labeled\n');
    expect(run('kubectl label ns blue env=prod').err).toBe(
      "error: 'env' already has a value (dev), and --overwrite is false\n",
    );
    expect(run('kubectl label ns blue env=prod --overwrite').out).toBe('namespace/blue labeled\n');
    expect(run('kubectl label ns blue env-').out).toBe('namespace/blue unlabeled\n');
    expect(run('kubectl get ns blue --show-labels --no-headers').out).toBe(
      'blue   Active   0s    kubernetes.io/metadata.name=blue\n',
    );
    // Keys are the API server's to check (this fake does not); `__proto__` stays a plain key.
    run('kubectl label ns blue __proto__=x');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(run('kubectl annotate ns blue owner=team-a').out).toBe('namespace/blue annotated\n');
    expect(run(`kubectl get ns blue -o jsonpath='{.metadata.annotations.owner}'`).out).toBe(
      'team-a',
    );
  });

  it('rollout history lists replica set revisions', () => {
    run('kubectl create deployment web --image=nginx');
    const uid = host.fake.objects.get('deployments/default/web')?.metadata?.uid ?? '';
    for (const [rev, hash] of [
      ['1', '7c79c4bf97'],
      ['2', '66b6c48dd5'],
    ]) {
      host.fake.seed('replicasets', {
        metadata: {
          name: `web-${hash}`,
          namespace: 'default',
          annotations: { 'deployment.kubernetes.io/revision': rev ?? '' },
          ownerReferences: [
            { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid, controller: true },
          ],
        },
      });
    }
    expect(run('kubectl rollout history deployment/web').out).toBe(
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
    );
  });
});

describe('shell syntax', () => {
  it('the study note parenthesised aside is a bash syntax error, as in a real shell', () => {
    expect(run('kubectl create namespace green (--dry-run -o yaml > green-ns.yaml)')).toEqual({
      out: '',
      err: "bash: syntax error near unexpected token `('\n",
      code: 2,
    });
  });

  it('an unclosed command substitution is an unexpected end of file; single quotes keep one literal', () => {
    expect(run('kubectl delete pod $(kubectl get pods -o name')).toEqual({
      out: '',
      err: "bash: unexpected EOF while looking for matching `)'\n",
      code: 2,
    });
    expect(run('echo "`date"').err).toBe("bash: unexpected EOF while looking for matching ``'\n");
    expect(run("echo '$(x)' '`y`' '$((1+2))'")).toEqual({
      out: '$(x) `y` $((1+2))\n',
      err: '',
      code: 0,
    });
  });

  it('hides managedFields in -o yaml unless asked', () => {
    host.fake.seed('namespaces', {
      metadata: { name: 'mf', managedFields: [{ manager: 'kubectl-create', operation: 'Update' }] },
      status: { phase: 'Active' },
    });
    expect(run('kubectl get ns mf -o yaml').out).not.toContain('managedFields');
    expect(run('kubectl get ns mf -o yaml --show-managed-fields').out).toContain(
      '  managedFields:\n  - manager: kubectl-create\n',
    );
  });
});

describe('replace', () => {
  it('replaces objects and reports a stale resourceVersion as a Conflict', () => {
    run('kubectl create ns blue');
    run('kubectl get ns blue -o yaml > blue.yaml');
    expect(run('kubectl replace -f blue.yaml').out).toBe('namespace/blue replaced\n');
    expect(run('kubectl replace -f blue.yaml')).toEqual({
      out: '',
      err: 'Error from server (Conflict): error when replacing "blue.yaml": Operation cannot be fulfilled on namespaces "blue": the object has been modified; please apply your changes to the latest version and try again\n',
      code: 1,
    });
    expect(run('kubectl replace -f nginx.yaml').err).toBe(
      'Error from server (NotFound): error when replacing "nginx.yaml": pods "nginx" not found\n',
    );
  });
});

describe('generic output with errors', () => {
  it('a missing single object prints only the error; several names print a List and the error', () => {
    run('kubectl run a --image=nginx');
    expect(run('kubectl get pod nope -o yaml')).toEqual({
      out: '',
      err: 'Error from server (NotFound): pods "nope" not found\n',
      code: 1,
    });
    const r = run('kubectl get pods a nope -o name');
    expect(r).toEqual({
      out: 'pod/a\n',
      err: 'Error from server (NotFound): pods "nope" not found\n',
      code: 1,
    });
    const y = run('kubectl get pods a nope -o yaml');
    expect(y.out.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n')).toBe(true);
    expect(y.code).toBe(1);
  });
});

describe('console limits, said plainly', () => {
  it('get -w shows the state once with a note; interactive run is refused', () => {
    expect(run('kubectl get ns default -w')).toEqual({
      out: 'NAME      STATUS   AGE\ndefault   Active   3d\n',
      err: '(this console cannot keep watching: that was the state now; run the command again to see changes)\n',
      code: 0,
    });
    expect(run('kubectl run tmp --image=busybox --rm -it -- sh').code).toBe(1);
    expect(run(`kubectl config view -o jsonpath='{.contexts[*].name}'`).out).toBe(
      'kubernetes-admin@kubernetes',
    );
  });
});

describe('get componentstatuses', () => {
  const warning = 'Warning: v1 ComponentStatus is deprecated in v1.19+\n';
  it('lists the control plane components with the deprecation warning', () => {
    expect(run('kubectl get cs')).toEqual({
      out: [
        'NAME                 STATUS    MESSAGE   ERROR',
        'scheduler            Healthy   ok        ',
        'controller-manager   Healthy   ok        ',
        'etcd-0               Healthy   ok        ',
        '',
      ].join('\n'),
      err: warning,
      code: 0,
    });
    expect(run('kubectl get componentstatus etcd-0 -o name').out).toBe('componentstatus/etcd-0\n');
    expect(run("kubectl get cs -o jsonpath='{.items[*].conditions[0].type}'").out).toBe(
      'Healthy Healthy Healthy',
    );
    expect(run('kubectl get componentstatuses kubelet')).toEqual({
      out: '',
      err: `${warning}Error from server (NotFound): componentstatuses "kubelet" not found\n`,
      code: 1,
    });
  });
});

describe('commands this console does not have', () => {
  it('say so, whatever flags they were given', () => {
    for (const line of ['kubectl proxy --port=8001', 'kubectl edit deployment/web']) {
      const name = (line.split(' ')[1] ?? '') as string;
      expect(run(line)).toEqual({
        out: '',
        err: `error: "kubectl ${name}" is not available in this simulated cluster\n`,
        code: 1,
      });
    }
  });
});

describe('typed output of create', () => {
  it('create ns -o json prints the server answer in Go struct order', () => {
    const out = run('kubectl create ns blue -o json').out;
    expect(Object.keys(JSON.parse(out))).toEqual([
      'kind',
      'apiVersion',
      'metadata',
      'spec',
      'status',
    ]);
    expect(Object.keys(JSON.parse(out).metadata)).toEqual([
      'name',
      'uid',
      'resourceVersion',
      'creationTimestamp',
      'labels',
    ]);
  });
});

describe('arguments after --', () => {
  it('create deployment takes the command after --, run takes container args', () => {
    const d = run(
      'kubectl create deployment sleeper --image=busybox --dry-run=client -o yaml -- sleep 3600',
    ).out;
    expect(d).toContain(
      '      - command:\n        - sleep\n        - "3600"\n        image: busybox\n        name: busybox\n',
    );
    const p = run('kubectl run sleeper --image=busybox --dry-run=client -o yaml -- sleep 3600').out;
    expect(p).toContain(
      '  - args:\n    - sleep\n    - "3600"\n    image: busybox\n    name: sleeper\n',
    );
  });
});

describe('contexts without a cluster', () => {
  it('a new context with only a namespace points at localhost:8080, like kubeconfig defaults do', () => {
    expect(run('kubectl config set-context dev --namespace=dev').out).toBe(
      'Context "dev" created.\n',
    );
    expect(run('kubectl config use-context dev').out).toBe('Switched to context "dev".\n');
    expect(run('kubectl get pods')).toEqual({
      out: '',
      err: expect.stringMatching(refusedPattern('localhost:8080')),
      code: 1,
    });
    expect(run('kubectl version').out).toBe('Client Version: v1.32.5\nKustomize Version: v5.5.0\n');
    expect(run('kubectl version --client').code).toBe(0);
    expect(run('kubectl get pods --context=kubernetes-admin@kubernetes').err).toBe(
      'No resources found in default namespace.\n',
    );
    expect(
      run('kubectl config set-context dev --cluster=kubernetes --user=kubernetes-admin').out,
    ).toBe('Context "dev" modified.\n');
    expect(run('kubectl get pods').err).toBe('No resources found in dev namespace.\n');
    expect(run('kubectl config set-cluster lab --server=https://10.0.0.1:6443').out).toBe(
      'Cluster "lab" set.\n',
    );
    expect(run('kubectl config get-clusters').out).toBe('NAME\nkubernetes\nlab\n');
  });
});

describe('events', () => {
  it('kubectl events sorts by time, capitalises kinds and folds repeats; get events is the server table', () => {
    const t = (s: number) =>
      new Date(host.nowEpochMs() - s * 1000).toISOString().replace('.000Z', 'Z');
    const ev = (
      name: string,
      kind: string,
      obj: string,
      reason: string,
      msg: string,
      first: number,
      last: number,
      count: number,
      type = 'Normal',
    ) => ({
      metadata: { name, namespace: 'default' },
      involvedObject: { kind, name: obj, namespace: 'default' },
      reason,
      message: msg,
      type,
      source: { component: 'kubelet' },
      firstTimestamp: t(first),
      lastTimestamp: t(last),
      count,
    });
    host.fake.seed(
      'events',
      ev(
        'web.1',
        'Pod',
        'web',
        'BackOff',
        'Back-off restarting failed container nginx',
        600,
        62,
        3,
        'Warning',
      ),
    );
    host.fake.seed(
      'events',
      ev(
        'web.2',
        'Pod',
        'web',
        'Pulled',
        'Container image "nginx" already present on machine',
        30,
        30,
        1,
      ),
    );
    host.fake.seed(
      'events',
      ev(
        'api.1',
        'Deployment',
        'api',
        'ScalingReplicaSet',
        'Scaled up replica set api-5f7fd64857 from 0 to 1',
        700,
        700,
        1,
      ),
    );
    expect(run('kubectl events').out).toBe(
      'LAST SEEN           TYPE      REASON              OBJECT           MESSAGE\n' +
        '11m                 Normal    ScalingReplicaSet   Deployment/api   Scaled up replica set api-5f7fd64857 from 0 to 1\n' +
        '62s (x3 over 10m)   Warning   BackOff             Pod/web          Back-off restarting failed container nginx\n' +
        '30s                 Normal    Pulled              Pod/web          Container image "nginx" already present on machine\n',
    );
    expect(run('kubectl get events').out).toBe(
      'LAST SEEN   TYPE      REASON              OBJECT           MESSAGE\n' +
        '11m         Normal    ScalingReplicaSet   deployment/api   Scaled up replica set api-5f7fd64857 from 0 to 1\n' +
        '62s         Warning   BackOff             pod/web          Back-off restarting failed container nginx\n' +
        '30s         Normal    Pulled              pod/web          Container image "nginx" already present on machine\n',
    );
    expect(run('kubectl events --types=Warning --for pod/web').out).toBe(
      'LAST SEEN           TYPE      REASON    OBJECT    MESSAGE\n62s (x3 over 10m)   Warning   BackOff   Pod/web   Back-off restarting failed container nginx\n',
    );
    expect(run('kubectl events -n kube-public')).toEqual({
      out: '',
      err: 'No events found in kube-public namespace.\n',
      code: 0,
    });
  });
});

describe('workspace edges', () => {
  it('refuses writes outside the workspace and onto directories, without running the command', () => {
    expect(run('echo x > ../../etc/passwd')).toEqual({
      out: '',
      err: 'bash: ../../etc/passwd: Permission denied\n',
      code: 1,
    });
    host.fs.write('manifests/a.yaml', 'a: 1\n');
    expect(run('kubectl create ns blue > manifests')).toEqual({
      out: '',
      err: 'bash: manifests: Is a directory\n',
      code: 1,
    });
    expect(run('kubectl get ns blue').code).toBe(1);
    expect(run('ls manifests').out).toBe('a.yaml\n');
  });
});

describe('service generators', () => {
  it('create service clusterip and expose build the objects kubectl builds', () => {
    expect(
      run('kubectl create service clusterip web --tcp=80:8080 --dry-run=client -o yaml').out,
    ).toBe(`apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  ports:
  - name: 80-8080
    port: 80
    protocol: TCP
    targetPort: 8080
  selector:
    app: web
  type: ClusterIP
status:
  loadBalancer: {}
`);
    run('kubectl create deployment web --image=nginx');
    expect(
      run('kubectl expose deployment web --port=80 --dry-run=client -o yaml').out,
    ).toBe(`apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  ports:
  - port: 80
    protocol: TCP
    targetPort: 80
  selector:
    app: web
status:
  loadBalancer: {}
`);
    expect(run('kubectl expose deployment web').err).toBe(
      "error: couldn't find port via --port flag or introspection\n",
    );
  });
});

describe('environment assignments', () => {
  it('passes leading NAME=value words to the command: kubectl reads its KUBECONFIG', () => {
    expect(run('EDITOR=vi kubectl get ns default -o name').out).toBe('namespace/default\n');
    // A kubeconfig file that does not exist: an empty config, whose server is localhost:8080.
    expect(run('KUBECONFIG=/tmp/x kubectl get ns default -o name')).toEqual({
      out: '',
      err: expect.stringMatching(refusedPattern('localhost:8080')),
      code: 1,
    });
    // Only for that command.
    expect(run('kubectl get ns default -o name').out).toBe('namespace/default\n');
  });
});

describe('apply three-way patches', () => {
  it('sends only what changed and removes what was dropped from the file', () => {
    host.fs.write(
      'ns.yaml',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    team: a\n    tier: x\n',
    );
    expect(run('kubectl apply -f ns.yaml').out).toBe('namespace/shop created\n');
    host.fs.write(
      'ns.yaml',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    team: b\n',
    );
    const before = host.fake.calls.length;
    expect(run('kubectl apply -f ns.yaml').out).toBe('namespace/shop configured\n');
    expect(host.fake.calls.slice(before).map((c) => c.verb)).toEqual(['get', 'patch']);
    expect(run('kubectl get ns shop --show-labels --no-headers').out).toBe(
      'shop   Active   0s    kubernetes.io/metadata.name=shop,team=b\n',
    );
  });
});
