/**
 * RBAC as a kubeadm 1.32 cluster has it: the bootstrap roles and bindings, kubectl's create,
 * get and describe of the four kinds, the API server's validation, and the docs' "Using RBAC
 * Authorization" examples.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

/** Every ClusterRole of a fresh kubeadm 1.32 cluster, as `kubectl get clusterroles` lists them. */
const CLUSTER_ROLES = [
  'admin',
  'cluster-admin',
  'edit',
  'kubeadm:get-nodes',
  'system:aggregate-to-admin',
  'system:aggregate-to-edit',
  'system:aggregate-to-view',
  'system:auth-delegator',
  'system:basic-user',
  'system:certificates.k8s.io:certificatesigningrequests:nodeclient',
  'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient',
  'system:certificates.k8s.io:kube-apiserver-client-approver',
  'system:certificates.k8s.io:kube-apiserver-client-kubelet-approver',
  'system:certificates.k8s.io:kubelet-serving-approver',
  'system:certificates.k8s.io:legacy-unknown-approver',
  'system:controller:attachdetach-controller',
  'system:controller:certificate-controller',
  'system:controller:clusterrole-aggregation-controller',
  'system:controller:cronjob-controller',
  'system:controller:daemon-set-controller',
  'system:controller:deployment-controller',
  'system:controller:disruption-controller',
  'system:controller:endpoint-controller',
  'system:controller:endpointslice-controller',
  'system:controller:endpointslicemirroring-controller',
  'system:controller:ephemeral-volume-controller',
  'system:controller:expand-controller',
  'system:controller:generic-garbage-collector',
  'system:controller:horizontal-pod-autoscaler',
  'system:controller:job-controller',
  'system:controller:legacy-service-account-token-cleaner',
  'system:controller:namespace-controller',
  'system:controller:node-controller',
  'system:controller:persistent-volume-binder',
  'system:controller:pod-garbage-collector',
  'system:controller:pv-protection-controller',
  'system:controller:pvc-protection-controller',
  'system:controller:replicaset-controller',
  'system:controller:replication-controller',
  'system:controller:resourcequota-controller',
  'system:controller:root-ca-cert-publisher',
  'system:controller:route-controller',
  'system:controller:service-account-controller',
  'system:controller:service-controller',
  'system:controller:statefulset-controller',
  'system:controller:ttl-after-finished-controller',
  'system:controller:ttl-controller',
  'system:controller:validatingadmissionpolicy-status-controller',
  'system:coredns',
  'system:discovery',
  'system:heapster',
  'system:kube-aggregator',
  'system:kube-controller-manager',
  'system:kube-dns',
  'system:kube-scheduler',
  'system:kubelet-api-admin',
  'system:monitoring',
  'system:node',
  'system:node-bootstrapper',
  'system:node-problem-detector',
  'system:node-proxier',
  'system:persistent-volume-provisioner',
  'system:public-info-viewer',
  'system:service-account-issuer-discovery',
  'system:volume-scheduler',
  'view',
];

describe('the bootstrap RBAC objects', () => {
  it('get clusterroles: NAME and CREATED AT, every role kube-apiserver and kubeadm create', () => {
    const { run } = engineSession(1);
    const width = Math.max(...CLUSTER_ROLES.map((n) => n.length)) + 3;
    const r = run('kubectl get clusterroles');
    expect(r.err).toBe('');
    expect(r.out).toBe(
      `${'NAME'.padEnd(width)}CREATED AT\n${CLUSTER_ROLES.map((n) => `${n.padEnd(width)}2026-01-01T00:00:00Z\n`).join('')}`,
    );
  });

  it("kubeadm's bindings: kubernetes-admin's group is cluster-admin, every user is a basic user", () => {
    const { run } = engineSession(1);
    const r = run(
      'kubectl get clusterrolebinding cluster-admin kubeadm:cluster-admins system:basic-user kubeadm:node-proxier -o wide',
    );
    expect(r.out).toBe(
      'NAME                     ROLE                              AGE   USERS   GROUPS                   SERVICEACCOUNTS\n' +
        'cluster-admin            ClusterRole/cluster-admin         5d            system:masters           \n' +
        'kubeadm:cluster-admins   ClusterRole/cluster-admin         5d            kubeadm:cluster-admins   \n' +
        'system:basic-user        ClusterRole/system:basic-user     5d            system:authenticated     \n' +
        'kubeadm:node-proxier     ClusterRole/system:node-proxier   5d                                     kube-system/kube-proxy\n',
    );
    expect(run('kubectl get rolebindings -n kube-public').out).toBe(
      'NAME                                   ROLE                                        AGE\n' +
        'kubeadm:bootstrap-signer-clusterinfo   Role/kubeadm:bootstrap-signer-clusterinfo   5d\n' +
        'system:controller:bootstrap-signer     Role/system:controller:bootstrap-signer     5d\n',
    );
  });

  it('describe clusterrole cluster-admin and admin: labels, annotations, the PolicyRule table', () => {
    const { run } = engineSession(1);
    expect(run('kubectl describe clusterrole cluster-admin').out).toBe(
      `Name:         cluster-admin
Labels:       kubernetes.io/bootstrapping=rbac-defaults
Annotations:  rbac.authorization.kubernetes.io/autoupdate: true
PolicyRule:
  Resources  Non-Resource URLs  Resource Names  Verbs
  ---------  -----------------  --------------  -----
  *.*        []                 []              [*]
             [*]                []              [*]
`,
    );
    // admin gathers edit (which gathers view) and system:aggregate-to-admin; kubectl sorts the
    // rules by their String(), verbs first, then groups.
    const admin = run('kubectl describe clusterrole admin').out.split('\n');
    expect(admin.slice(0, 9)).toEqual([
      'Name:         admin',
      'Labels:       kubernetes.io/bootstrapping=rbac-defaults',
      'Annotations:  rbac.authorization.kubernetes.io/autoupdate: true',
      'PolicyRule:',
      '  Resources                                       Non-Resource URLs  Resource Names  Verbs',
      '  ---------                                       -----------------  --------------  -----',
      '  leases.coordination.k8s.io                      []                 []              [create delete deletecollection get list patch update watch]',
      '  rolebindings.rbac.authorization.k8s.io          []                 []              [create delete deletecollection get list patch update watch]',
      '  roles.rbac.authorization.k8s.io                 []                 []              [create delete deletecollection get list patch update watch]',
    ]);
    expect(admin).toContain(
      '  configmaps                                      []                 []              [create delete deletecollection patch update get list watch]',
    );
    expect(admin).toContain(
      '  localsubjectaccessreviews.authorization.k8s.io  []                 []              [create]',
    );
    expect(admin).toContain(
      '  pods/log                                        []                 []              [get list watch]',
    );
    expect(admin).toContain(
      '  serviceaccounts                                 []                 []              [impersonate create delete deletecollection patch update get list watch]',
    );
  });

  it('the aggregation controller gathers a new role into one that selects it', () => {
    const { run } = engineSession(1);
    run(
      'kubectl create clusterrole monitoring --aggregation-rule="rbac.example.com/aggregate-to-monitoring=true"',
    );
    // No rules yet: the create sent `rules: null` (ClusterRole.rules has no omitempty), and the
    // controller, finding nothing to gather, leaves it (nil and empty are equal to it);
    // jsonpath prints a null as `null`.
    expect(run('kubectl get clusterrole monitoring -o jsonpath={.rules}').out).toBe('null');
    run(
      'kubectl create clusterrole monitoring-endpoints --verb=get,list,watch --resource=services,endpoints,pods',
    );
    run(
      'kubectl label clusterrole monitoring-endpoints rbac.example.com/aggregate-to-monitoring=true',
    );
    expect(run('kubectl describe clusterrole monitoring').out).toBe(
      `Name:         monitoring
Labels:       <none>
Annotations:  <none>
PolicyRule:
  Resources  Non-Resource URLs  Resource Names  Verbs
  ---------  -----------------  --------------  -----
  endpoints  []                 []              [get list watch]
  pods       []                 []              [get list watch]
  services   []                 []              [get list watch]
`,
    );
    // A role labelled to aggregate into view reaches edit and admin too.
    run('kubectl create clusterrole crontab-reader --verb=get,list --resource=cronjobs.batch');
    run(
      'kubectl label clusterrole crontab-reader rbac.authorization.k8s.io/aggregate-to-view=true',
    );
    run('kubectl create clusterrole pvc-patcher --verb=patch --resource=persistentvolumeclaims');
    run('kubectl label clusterrole pvc-patcher rbac.authorization.k8s.io/aggregate-to-admin=true');
    expect(run('kubectl auth can-i patch pvc --as=alice').out).toBe('no\n');
    run('kubectl create rolebinding alice-admin --clusterrole=admin --user=alice');
    run('kubectl create rolebinding bob-view --clusterrole=view --user=bob');
    expect(run('kubectl get clusterrole admin -o yaml').out).toContain(
      '- apiGroups:\n  - ""\n  resources:\n  - persistentvolumeclaims\n  verbs:\n  - patch\n',
    );
    run('kubectl delete clusterrole pvc-patcher');
    expect(run('kubectl get clusterrole admin -o yaml').out).not.toContain(
      '- apiGroups:\n  - ""\n  resources:\n  - persistentvolumeclaims\n  verbs:\n  - patch\n',
    );
  });
});

describe('kubectl create role|clusterrole|rolebinding|clusterrolebinding', () => {
  it("the docs' pod-reader role and jane's binding, described", () => {
    const { run } = engineSession(3);
    expect(
      run('kubectl create role pod-reader --verb=get --verb=list --verb=watch --resource=pods'),
    ).toEqual({ out: 'role.rbac.authorization.k8s.io/pod-reader created\n', err: '', code: 0 });
    expect(run('kubectl get roles').out).toMatch(
      /^NAME {9}CREATED AT\npod-reader {3}\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/,
    );
    expect(run('kubectl describe role pod-reader').out).toBe(
      `Name:         pod-reader
Labels:       <none>
Annotations:  <none>
PolicyRule:
  Resources  Non-Resource URLs  Resource Names  Verbs
  ---------  -----------------  --------------  -----
  pods       []                 []              [get list watch]
`,
    );
    expect(
      run(
        'kubectl create rolebinding read-pods --role=pod-reader --user=jane --group=devs --serviceaccount=dev:bot',
      ).out,
    ).toBe('rolebinding.rbac.authorization.k8s.io/read-pods created\n');
    expect(run('kubectl get rolebinding read-pods -o wide').out).toBe(
      'NAME        ROLE              AGE   USERS   GROUPS   SERVICEACCOUNTS\n' +
        'read-pods   Role/pod-reader   15s   jane    devs     dev/bot\n',
    );
    expect(run('kubectl describe rolebinding read-pods').out).toBe(
      `Name:         read-pods
Labels:       <none>
Annotations:  <none>
Role:
  Kind:  Role
  Name:  pod-reader
Subjects:
  Kind            Name  Namespace
  ----            ----  ---------
  User            jane  
  Group           devs  
  ServiceAccount  bot   dev
`,
    );
  });

  it('builds one rule per API group, resolving short names, groups and subresources', () => {
    const { run } = engineSession(1);
    expect(
      run(
        'kubectl create role foo --verb=get,list,watch --verb=get --resource=rs.apps,pods,pods/status --resource-name=a --dry-run=client -o yaml',
      ).out,
    ).toBe(`apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  creationTimestamp: null
  name: foo
rules:
- apiGroups:
  - ""
  resourceNames:
  - a
  resources:
  - pods
  - pods/status
  verbs:
  - get
  - list
  - watch
- apiGroups:
  - apps
  resourceNames:
  - a
  resources:
  - replicasets
  verbs:
  - get
  - list
  - watch
`);
    expect(
      run(
        'kubectl create clusterrole foo --verb=get --non-resource-url=/logs/* --dry-run=client -o yaml',
      ).out,
    ).toBe(`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  creationTimestamp: null
  name: foo
rules:
- nonResourceURLs:
  - /logs/*
  verbs:
  - get
`);
    expect(
      run(
        'kubectl create clusterrole monitoring --aggregation-rule="rbac.example.com/aggregate-to-monitoring=true" --dry-run=client -o yaml',
      ).out,
    ).toBe(`aggregationRule:
  clusterRoleSelectors:
  - matchLabels:
      rbac.example.com/aggregate-to-monitoring: "true"
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  creationTimestamp: null
  name: monitoring
rules: null
`);
    expect(
      run(
        'kubectl create clusterrolebinding root-cluster-admin-binding --clusterrole=cluster-admin --user=root --serviceaccount=kube-system:default -o yaml --dry-run=client',
      ).out,
    ).toBe(`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  creationTimestamp: null
  name: root-cluster-admin-binding
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
- apiGroup: rbac.authorization.k8s.io
  kind: User
  name: root
- kind: ServiceAccount
  name: default
  namespace: kube-system
`);
  });

  it("refuses what kubectl's Validate refuses", () => {
    const { run } = engineSession(1);
    const fail = (line: string) => {
      const r = run(line);
      return [r.err, r.code];
    };
    expect(fail('kubectl create role r --resource=pods')).toEqual([
      'error: at least one verb must be specified\n',
      1,
    ]);
    expect(fail('kubectl create role r --verb=get')).toEqual([
      'error: at least one resource must be specified\n',
      1,
    ]);
    expect(fail('kubectl create role r --verb=bind --resource=pods')).toEqual([
      "error: can not perform 'bind' on 'pods' in group ''\n",
      1,
    ]);
    expect(fail('kubectl create clusterrole r --verb=get')).toEqual([
      'error: one of resource or nonResourceURL must be specified\n',
      1,
    ]);
    expect(fail('kubectl create clusterrole r --verb=list --non-resource-url=/x')).toEqual([
      "error: invalid verb: 'list' for nonResourceURL\n",
      1,
    ]);
    expect(fail('kubectl create clusterrole r --verb=get --non-resource-url=x')).toEqual([
      'error: nonResourceURL should start with /\n',
      1,
    ]);
    expect(fail('kubectl create clusterrole r --verb=get --non-resource-url=/a*/b')).toEqual([
      "error: nonResourceURL only supports wildcard matches when '*' is at the end\n",
      1,
    ]);
    expect(fail('kubectl create clusterrole r --aggregation-rule=a=b --verb=get')).toEqual([
      'error: aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames\n',
      1,
    ]);
    expect(fail('kubectl create rolebinding b --user=jane')).toEqual([
      'error: exactly one of clusterrole or role must be specified\n',
      1,
    ]);
    expect(fail('kubectl create rolebinding b --role=r --serviceaccount=default')).toEqual([
      'error: serviceaccount must be <namespace>:<name>\n',
      1,
    ]);
    const r = run('kubectl create role r --verb=frob --resource=pods');
    expect(r).toEqual({
      out: 'role.rbac.authorization.k8s.io/r created\n',
      err: "Warning: 'frob' is not a standard resource verb\n",
      code: 0,
    });
    expect(run('kubectl create role r --verb=get --resource=pods').err).toBe(
      'Error from server (AlreadyExists): roles.rbac.authorization.k8s.io "r" already exists\n',
    );
  });
});

describe('the API server validates RBAC objects', () => {
  it('rules need verbs; namespaced rules take no URLs; a binding names a Role or ClusterRole', () => {
    const { run, host } = engineSession(1);
    host.fs.write(
      'bad.yaml',
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: bad
rules:
- apiGroups: [""]
  resources: ["pods"]
- nonResourceURLs: ["/x"]
  verbs: ["get"]
`,
    );
    expect(run('kubectl create -f bad.yaml').err).toBe(
      `The Role "bad" is invalid: 
* rules[0].verbs: Required value: verbs must contain at least one value
* rules[1].nonResourceURLs: Invalid value: []string{"/x"}: namespaced rules cannot apply to non-resource URLs
`,
    );
    host.fs.write(
      'badrb.yaml',
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: badrb
subjects:
- kind: Robot
  name: r2
- kind: ServiceAccount
  name: builder
roleRef:
  kind: Role
  name: x
  apiGroup: rbac.authorization.k8s.io
`,
    );
    expect(run('kubectl create -f badrb.yaml').err).toBe(
      `The ClusterRoleBinding "badrb" is invalid: 
* roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"
* subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"
* subjects[1].namespace: Required value
`,
    );
  });

  it("a binding's roleRef cannot change (the docs: delete and recreate it instead)", () => {
    const { run, host } = engineSession(1);
    const binding = (kind: string, name: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read-pods
  namespace: default
subjects:
- kind: User
  name: jane
  apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: ${kind}
  name: ${name}
  apiGroup: rbac.authorization.k8s.io
`;
    host.fs.write('rb.yaml', binding('Role', 'pod-reader'));
    expect(run('kubectl apply -f rb.yaml').out).toBe(
      'rolebinding.rbac.authorization.k8s.io/read-pods created\n',
    );
    host.fs.write('rb.yaml', binding('ClusterRole', 'view'));
    expect(run('kubectl apply -f rb.yaml')).toEqual({
      out: '',
      err: 'The RoleBinding "read-pods" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"view"}: cannot change roleRef\n',
      code: 1,
    });
  });
});
