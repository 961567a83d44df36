/**
 * RBAC authorization: `kubectl auth can-i` and `auth whoami`, and impersonated requests
 * (`--as`, `--as-group`) that the API server authorizes and refuses with 1.32's Forbidden text.
 * The scenarios are the docs' "Using RBAC Authorization" examples.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl auth whoami', () => {
  it("kubeadm's admin, and the user --as impersonates", () => {
    const { run } = engineSession(1);
    // 1.32 identifies a client certificate's request by the certificate's sha256 (an Extra).
    const id = 'X509SHA256=a5d7fb070d1f23a7c5148fbed95bc5c061114014dd380724de48b1a9b20295ae';
    expect(run('kubectl auth whoami')).toEqual({
      out:
        'ATTRIBUTE                                           VALUE\n' +
        'Username                                            kubernetes-admin\n' +
        'Groups                                              [kubeadm:cluster-admins system:authenticated]\n' +
        `Extra: authentication.kubernetes.io/credential-id   [${id}]\n`,
      err: '',
      code: 0,
    });
    expect(run('kubectl auth whoami -o yaml').out).toContain(
      'status:\n' +
        '  userInfo:\n' +
        '    extra:\n' +
        '      authentication.kubernetes.io/credential-id:\n' +
        `      - ${id}\n` +
        '    groups:\n' +
        '    - kubeadm:cluster-admins\n' +
        '    - system:authenticated\n' +
        '    username: kubernetes-admin\n',
    );
    expect(run('kubectl auth whoami --as=jane --as-group=devs').out).toBe(
      'ATTRIBUTE   VALUE\nUsername    jane\nGroups      [devs system:authenticated]\n',
    );
    expect(run('kubectl auth whoami --as=system:serviceaccount:dev:bot').out).toBe(
      'ATTRIBUTE   VALUE\n' +
        'Username    system:serviceaccount:dev:bot\n' +
        'Groups      [system:serviceaccounts system:serviceaccounts:dev system:authenticated]\n',
    );
    expect(run('kubectl auth whoami -o json').out).toMatch(
      /^\{\n {4}"kind": "SelfSubjectReview",\n {4}"apiVersion": "authentication.k8s.io\/v1",\n {4}"metadata": \{\n {8}"creationTimestamp": "[^"]+"\n {4}\},\n {4}"status": \{\n {8}"userInfo": \{\n {12}"username": "kubernetes-admin",\n {12}"groups": \[\n {16}"kubeadm:cluster-admins",\n {16}"system:authenticated"\n {12}\],\n {12}"extra": \{\n {16}"authentication\.kubernetes\.io\/credential-id": \[\n {20}"X509SHA256=[0-9a-f]{64}"\n {16}\]\n {12}\}\n {8}\}\n {4}\}\n\}\n$/,
    );
  });
});

describe('kubectl auth can-i', () => {
  it('kubernetes-admin may do anything (kubeadm:cluster-admins is bound to cluster-admin)', () => {
    const { run } = engineSession(1);
    expect(run('kubectl auth can-i create deployments.apps -n kube-system')).toEqual({
      out: 'yes\n',
      err: '',
      code: 0,
    });
    expect(run("kubectl auth can-i '*' '*'").out).toBe('yes\n');
    expect(run('kubectl auth can-i list nodes')).toEqual({
      out: 'yes\n',
      err: "Warning: resource 'nodes' is not namespace scoped\n\n",
      code: 0,
    });
    expect(run('kubectl auth can-i get /healthz').out).toBe('yes\n');
  });

  it('a user bound to a Role in one namespace (the docs: jane reads pods in default)', () => {
    const { run } = engineSession(1);
    run('kubectl create role pod-reader --verb=get,watch,list --resource=pods');
    run('kubectl create rolebinding read-pods --role=pod-reader --user=jane');
    expect(run('kubectl auth can-i list pods --as=jane')).toEqual({
      out: 'yes\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl auth can-i get pods/web --as=jane').out).toBe('yes\n');
    expect(run('kubectl auth can-i delete pods --as=jane')).toEqual({
      out: 'no\n',
      err: '',
      code: 1,
    });
    expect(run('kubectl auth can-i list pods --as=jane -n kube-system').code).toBe(1);
    expect(run('kubectl auth can-i list pods --as=jane -A').code).toBe(1);
    expect(run('kubectl auth can-i get pods --subresource=log --as=jane').out).toBe('no\n');
    expect(run('kubectl auth can-i list pods --as=jane -q')).toEqual({ out: '', err: '', code: 0 });
    expect(run('kubectl auth can-i list pods --as=joe -q')).toEqual({ out: '', err: '', code: 1 });
  });

  it('a ClusterRole bound in one namespace, and cluster-wide to a group (read-secrets)', () => {
    const { run } = engineSession(1);
    run('kubectl create namespace development');
    run('kubectl create clusterrole secret-reader --verb=get,watch,list --resource=secrets');
    run(
      'kubectl create rolebinding read-secrets --clusterrole=secret-reader --user=dave -n development',
    );
    expect(run('kubectl auth can-i get secrets --as=dave -n development').out).toBe('yes\n');
    expect(run('kubectl auth can-i get secrets --as=dave').out).toBe('no\n');
    run(
      'kubectl create clusterrolebinding read-secrets-global --clusterrole=secret-reader --group=manager',
    );
    expect(run('kubectl auth can-i list secrets -A --as=erin --as-group=manager').out).toBe(
      'yes\n',
    );
    expect(run('kubectl auth can-i list secrets -A --as=erin').out).toBe('no\n');
  });

  it('service accounts: by name, by the namespace group, by all service accounts', () => {
    const { run } = engineSession(1);
    run('kubectl create namespace my-namespace');
    run(
      'kubectl create rolebinding my-sa-view --clusterrole=view --serviceaccount=my-namespace:my-sa -n my-namespace',
    );
    const sa = '--as=system:serviceaccount:my-namespace:my-sa';
    expect(run(`kubectl auth can-i list deployments.apps -n my-namespace ${sa}`).out).toBe('yes\n');
    expect(run(`kubectl auth can-i list secrets -n my-namespace ${sa}`).out).toBe('no\n');
    expect(run(`kubectl auth can-i list pods -n default ${sa}`).out).toBe('no\n');
    run('kubectl create namespace qa');
    run(
      'kubectl create clusterrolebinding serviceaccounts-view --clusterrole=view --group=system:serviceaccounts:qa',
    );
    expect(run('kubectl auth can-i list pods -n default --as=system:serviceaccount:qa:x').out).toBe(
      'yes\n',
    );
    expect(
      run('kubectl auth can-i list pods -n default --as=system:serviceaccount:dev:x').out,
    ).toBe('no\n');
  });

  it('resource names, subresources and non-resource URLs', () => {
    const { run } = engineSession(1);
    run(
      'kubectl create role configmap-updater --verb=update,get --resource=configmaps --resource-name=my-configmap',
    );
    run('kubectl create role pod-and-pod-logs-reader --verb=get,list --resource=pods,pods/log');
    run('kubectl create rolebinding b --role=configmap-updater --user=amy');
    run('kubectl create rolebinding c --role=pod-and-pod-logs-reader --user=amy');
    expect(run('kubectl auth can-i update configmaps/my-configmap --as=amy').out).toBe('yes\n');
    expect(run('kubectl auth can-i update configmaps/other --as=amy').out).toBe('no\n');
    expect(run('kubectl auth can-i update configmaps --as=amy').out).toBe('no\n');
    expect(run('kubectl auth can-i get pods --subresource=log --as=amy').out).toBe('yes\n');
    expect(run('kubectl auth can-i get pods --subresource=exec --as=amy').out).toBe('no\n');
    run('kubectl create clusterrole logs-reader --verb=get --non-resource-url=/logs/*');
    run('kubectl create clusterrolebinding logs --clusterrole=logs-reader --user=amy');
    expect(run('kubectl auth can-i get /logs/kubelet.log --as=amy').out).toBe('yes\n');
    expect(run('kubectl auth can-i get /metrics --as=amy').out).toBe('no\n');
    // Every authenticated user may read /healthz and /version (system:public-info-viewer).
    expect(run('kubectl auth can-i get /version --as=amy').out).toBe('yes\n');
  });

  it('a binding to a missing role: the RBAC reason follows "no"', () => {
    const { run } = engineSession(1);
    run('kubectl create rolebinding dangling --role=nope --user=jane');
    expect(run('kubectl auth can-i get pods --as=jane')).toEqual({
      out: 'no - RBAC: role.rbac.authorization.k8s.io "nope" not found\n',
      err: '',
      code: 1,
    });
  });

  it('usage errors and warnings', () => {
    const { run } = engineSession(1);
    expect(run('kubectl auth can-i get')).toEqual({
      out: '',
      err: "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n",
      code: 1,
    });
    expect(run('kubectl auth can-i list widgets')).toEqual({
      out: 'yes\n',
      err: "Warning: the server doesn't have a resource type 'widgets'\n\n",
      code: 0,
    });
    expect(run('kubectl auth can-i frob pods').err).toBe(
      "Warning: verb 'frob' is not a known verb\n\n",
    );
    expect(run('kubectl auth can-i get /logs --subresource=x').err).toBe(
      'error: --subresource can not be used with NonResourceURL\n',
    );
    expect(run('kubectl auth can-i --list pods').err).toBe(
      'error: list option must be specified with no arguments\n',
    );
  });

  it('--list: the rules a user holds, broken down, compacted and sorted', () => {
    const { run } = engineSession(1);
    run('kubectl create role pod-reader --verb=get,watch,list --resource=pods');
    run('kubectl create rolebinding read-pods --role=pod-reader --user=jane');
    expect(run('kubectl auth can-i --list --as=jane')).toEqual({
      out: `Resources                                       Non-Resource URLs   Resource Names   Verbs
selfsubjectreviews.authentication.k8s.io        []                  []               [create]
selfsubjectaccessreviews.authorization.k8s.io   []                  []               [create]
selfsubjectrulesreviews.authorization.k8s.io    []                  []               [create]
pods                                            []                  []               [get watch list]
                                                [/api/*]            []               [get]
                                                [/api]              []               [get]
                                                [/apis/*]           []               [get]
                                                [/apis]             []               [get]
                                                [/healthz]          []               [get]
                                                [/healthz]          []               [get]
                                                [/livez]            []               [get]
                                                [/livez]            []               [get]
                                                [/openapi/*]        []               [get]
                                                [/openapi]          []               [get]
                                                [/readyz]           []               [get]
                                                [/readyz]           []               [get]
                                                [/version/]         []               [get]
                                                [/version/]         []               [get]
                                                [/version]          []               [get]
                                                [/version]          []               [get]
`,
      err: '',
      code: 0,
    });
    const admin = run('kubectl auth can-i --list --no-headers').out.split('\n');
    expect(admin.slice(0, 2)).toEqual([
      '*.*                                             []             []    [*]',
      '                                                [*]            []    [*]',
    ]);
  });
});

describe('impersonated requests are authorized', () => {
  it('Forbidden, in the words of the 1.32 API server', () => {
    const { run } = engineSession(1);
    run('kubectl create deployment web --image=nginx');
    expect(run('kubectl get pods --as=jane')).toEqual({
      out: '',
      err: 'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"\n',
      code: 1,
    });
    expect(run('kubectl get deployment web --as=jane').err).toBe(
      'Error from server (Forbidden): deployments.apps "web" is forbidden: User "jane" cannot get resource "deployments" in API group "apps" in the namespace "default"\n',
    );
    expect(run('kubectl get nodes --as=jane').err).toBe(
      'Error from server (Forbidden): nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope\n',
    );
    expect(run('kubectl get pods -A --as=system:serviceaccount:default:default').err).toBe(
      'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:default:default" cannot list resource "pods" in API group "" at the cluster scope\n',
    );
    expect(run('kubectl delete deployment web --as=jane').err).toBe(
      'Error from server (Forbidden): deployments.apps "web" is forbidden: User "jane" cannot delete resource "deployments" in API group "apps" in the namespace "default"\n',
    );
    expect(run('kubectl get deployment web').code).toBe(0);
  });

  it('what a binding allows goes through, the rest stays refused', () => {
    const { run } = engineSession(1);
    run('kubectl create rolebinding jane-edit --clusterrole=edit --user=jane');
    expect(run('kubectl create deployment web --image=nginx --as=jane')).toEqual({
      out: 'deployment.apps/web created\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl scale deployment web --replicas=2 --as=jane').out).toBe(
      'deployment.apps/web scaled\n',
    );
    expect(run('kubectl get deployment web --as=jane').out).toMatch(/^NAME {3}READY {3}UP-TO-DATE/);
    expect(run('kubectl create role r --verb=get --resource=pods --as=jane').err).toBe(
      'Error from server (Forbidden): roles.rbac.authorization.k8s.io is forbidden: User "jane" cannot create resource "roles" in API group "rbac.authorization.k8s.io" in the namespace "default"\n',
    );
    expect(run('kubectl get deployment web -n kube-system --as=jane').err).toBe(
      'Error from server (Forbidden): deployments.apps "web" is forbidden: User "jane" cannot get resource "deployments" in API group "apps" in the namespace "kube-system"\n',
    );
    // system:masters is always allowed.
    expect(run('kubectl get nodes --as=root --as-group=system:masters').code).toBe(0);
  });

  it("logs need pods/log and exec pods/exec (the docs' pod-and-pod-logs-reader)", () => {
    const { run } = engineSession(1);
    run('kubectl run web --image=nginx');
    run('kubectl create role pod-reader --verb=get,list --resource=pods');
    run('kubectl create rolebinding r --role=pod-reader --user=jane');
    expect(run('kubectl logs web --as=jane')).toEqual({
      out: '',
      err: 'Error from server (Forbidden): pods "web" is forbidden: User "jane" cannot get resource "pods/log" in API group "" in the namespace "default"\n',
      code: 1,
    });
    expect(run('kubectl exec web --as=jane -- ls').err).toBe(
      'Error from server (Forbidden): pods "web" is forbidden: User "jane" cannot create resource "pods/exec" in API group "" in the namespace "default"\n',
    );
    run('kubectl create role pod-and-pod-logs-reader --verb=get,list --resource=pods,pods/log');
    run('kubectl create rolebinding r2 --role=pod-and-pod-logs-reader --user=jane');
    expect(run('kubectl logs web --as=jane').out).toBe(run('kubectl logs web').out);
  });

  it('privilege escalation prevention: grant only what you hold, bind only roles you hold', () => {
    const { run } = engineSession(1);
    run('kubectl create rolebinding jane-admin --clusterrole=admin --user=jane');
    expect(
      run('kubectl create role pod-reader --verb=get,list --resource=pods --as=jane').out,
    ).toBe('role.rbac.authorization.k8s.io/pod-reader created\n');
    expect(run('kubectl create role node-reader --verb=get --resource=nodes --as=jane')).toEqual({
      out: '',
      err: 'Error from server (Forbidden): roles.rbac.authorization.k8s.io "node-reader" is forbidden: user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["nodes"], Verbs:["get"]}\n',
      code: 1,
    });
    expect(
      run('kubectl create rolebinding b --clusterrole=cluster-admin --user=bob --as=jane').err,
    ).toBe(
      'Error from server (Forbidden): rolebindings.rbac.authorization.k8s.io "b" is forbidden: user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:["*"], Resources:["*"], Verbs:["*"]}\n{NonResourceURLs:["*"], Verbs:["*"]}\n',
    );
    expect(run('kubectl create rolebinding b --clusterrole=view --user=bob --as=jane').code).toBe(
      0,
    );
    // The bind verb on a role lets its holder bind it without holding its rules.
    run(
      'kubectl create clusterrole binder --verb=bind --resource=clusterroles --resource-name=cluster-admin',
    );
    run('kubectl create rolebinding jane-binder --clusterrole=binder --user=jane');
    expect(
      run('kubectl create rolebinding c --clusterrole=cluster-admin --user=bob --as=jane').out,
    ).toBe('rolebinding.rbac.authorization.k8s.io/c created\n');
  });

  it('a patch by an impersonated user passes the same escalation check as an update', () => {
    const { run } = engineSession(1);
    run('kubectl create rolebinding jane-admin --clusterrole=admin --user=jane');
    run('kubectl create role pod-reader --verb=get,list --resource=pods');
    expect(
      run(
        `kubectl patch role pod-reader --as=jane -p '{"rules":[{"apiGroups":[""],"resources":["nodes"],"verbs":["get"]}]}'`,
      ),
    ).toEqual({
      out: '',
      err: 'Error from server (Forbidden): roles.rbac.authorization.k8s.io "pod-reader" is forbidden: user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["nodes"], Verbs:["get"]}\n',
      code: 1,
    });
    expect(run(`kubectl get role pod-reader -o jsonpath='{.rules[*].resources}'`).out).toBe(
      '["pods"]',
    );
    expect(
      run(
        `kubectl patch role pod-reader --as=jane --type=json -p '[{"op":"add","path":"/rules/0/verbs/-","value":"watch"}]'`,
      ).out,
    ).toBe('role.rbac.authorization.k8s.io/pod-reader patched\n');
    run('kubectl create rolebinding all --clusterrole=cluster-admin --user=carol');
    expect(
      run(
        `kubectl patch rolebinding all --as=jane --type=json -p '[{"op":"add","path":"/subjects/-","value":{"kind":"User","name":"jane","apiGroup":"rbac.authorization.k8s.io"}}]'`,
      ).err,
    ).toMatch(
      /^Error from server \(Forbidden\): rolebindings.rbac.authorization.k8s.io "all" is forbidden: user "jane" .* is attempting to grant RBAC permissions not currently held:\n/,
    );
  });
});
