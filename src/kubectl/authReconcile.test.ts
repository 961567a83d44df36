/**
 * `kubectl auth reconcile` (the RBAC docs' "kubectl auth reconcile" section), the Forbidden
 * answers for types the console serves without storing (audit 14a D4), and a ClusterRole
 * stored without rules (`rules: null`, D6).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: pod-reader
  namespace: team-a
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list"]
`;
const BINDING = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read-pods
  namespace: team-a
subjects:
- kind: User
  name: jane
  apiGroup: rbac.authorization.k8s.io
roleRef:
  kind: Role
  name: pod-reader
  apiGroup: rbac.authorization.k8s.io
`;
const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: skipped
data:
  a: b
`;

function session() {
  const s = engineSession(3);
  s.host.fs.write('rbac.yaml', `${ROLE}---\n${BINDING}---\n${CONFIGMAP}`);
  return s;
}

describe('kubectl auth reconcile', () => {
  it('creates the missing objects and their namespace, skipping other kinds', () => {
    const { run } = session();
    expect(run('kubectl auth reconcile -f rbac.yaml --dry-run=client')).toEqual({
      out: 'role.rbac.authorization.k8s.io/pod-reader reconciled (dry run)\nrolebinding.rbac.authorization.k8s.io/read-pods reconciled (dry run)\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl get ns team-a').code).toBe(1);
    expect(run('kubectl auth reconcile -f rbac.yaml').out).toBe(
      'role.rbac.authorization.k8s.io/pod-reader reconciled\nrolebinding.rbac.authorization.k8s.io/read-pods reconciled\n',
    );
    expect(run('kubectl get ns team-a -o name').out).toBe('namespace/team-a\n');
    expect(run('kubectl get cm skipped').code).toBe(1);
    expect(run('kubectl auth can-i list pods -n team-a --as=jane').out).toBe('yes\n');
  });

  it('adds the missing rules as broken-down rules, or replaces them with --remove-extra-permissions', () => {
    const { run } = session();
    run('kubectl auth reconcile -f rbac.yaml');
    run(
      `kubectl patch role pod-reader -n team-a --type=json -p '[{"op":"replace","path":"/rules","value":[{"apiGroups":[""],"resources":["pods"],"verbs":["get","watch"]}]}]'`,
    );
    expect(run('kubectl auth reconcile -f rbac.yaml').code).toBe(0);
    expect(run(`kubectl get role pod-reader -n team-a -o jsonpath='{.rules}'`).out).toBe(
      '[{"apiGroups":[""],"resources":["pods"],"verbs":["get","watch"]},{"apiGroups":[""],"resources":["pods"],"verbs":["list"]}]',
    );
    expect(run('kubectl auth reconcile -f rbac.yaml --remove-extra-permissions').code).toBe(0);
    expect(run(`kubectl get role pod-reader -n team-a -o jsonpath='{.rules}'`).out).toBe(
      '[{"apiGroups":[""],"resources":["pods"],"verbs":["get","list"]}]',
    );
  });

  it('adds missing subjects, keeps extra ones unless --remove-extra-subjects', () => {
    const { run } = session();
    run('kubectl auth reconcile -f rbac.yaml');
    run('kubectl create rolebinding read-pods2 -n team-a --role=pod-reader --user=bob');
    run(
      `kubectl patch rolebinding read-pods -n team-a --type=json -p '[{"op":"replace","path":"/subjects","value":[{"kind":"User","name":"bob","apiGroup":"rbac.authorization.k8s.io"}]}]'`,
    );
    run('kubectl auth reconcile -f rbac.yaml');
    expect(
      run(`kubectl get rolebinding read-pods -n team-a -o jsonpath='{.subjects[*].name}'`).out,
    ).toBe('bob jane');
    run('kubectl auth reconcile -f rbac.yaml --remove-extra-subjects');
    expect(
      run(`kubectl get rolebinding read-pods -n team-a -o jsonpath='{.subjects[*].name}'`).out,
    ).toBe('jane');
  });

  it('recreates a binding whose roleRef differs', () => {
    const { run } = session();
    run('kubectl create ns team-a');
    run('kubectl create rolebinding read-pods -n team-a --clusterrole=view --user=jane');
    const uid = run(`kubectl get rolebinding read-pods -n team-a -o jsonpath='{.metadata.uid}'`);
    expect(run('kubectl auth reconcile -f rbac.yaml').code).toBe(0);
    expect(
      run(`kubectl get rolebinding read-pods -n team-a -o jsonpath='{.roleRef.kind}'`).out,
    ).toBe('Role');
    expect(
      run(`kubectl get rolebinding read-pods -n team-a -o jsonpath='{.metadata.uid}'`).out,
    ).not.toBe(uid.out);
  });

  it('leaves a role annotated autoupdate=false alone, and prints objects with -o', () => {
    const { run } = session();
    run('kubectl auth reconcile -f rbac.yaml');
    run(
      'kubectl annotate role pod-reader -n team-a rbac.authorization.kubernetes.io/autoupdate=false',
    );
    run(
      `kubectl patch role pod-reader -n team-a --type=json -p '[{"op":"replace","path":"/rules","value":[{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}]}]'`,
    );
    expect(run('kubectl auth reconcile -f rbac.yaml -o name').out).toBe(
      'role.rbac.authorization.k8s.io/pod-reader\nrolebinding.rbac.authorization.k8s.io/read-pods\n',
    );
    expect(run(`kubectl get role pod-reader -n team-a -o jsonpath='{.rules}'`).out).toBe(
      '[{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}]',
    );
  });

  it('needs a file', () => {
    const { run } = engineSession(3);
    expect(run('kubectl auth reconcile')).toEqual({
      out: '',
      err: "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
      code: 1,
    });
  });
});

describe('types kubectl answers without a stored object are still authorized', () => {
  it('refuses an impersonated user without the verb, as the server would', () => {
    const { run } = engineSession(3);
    expect(run('kubectl get rc --as=alice')).toEqual({
      out: '',
      err: 'Error from server (Forbidden): replicationcontrollers is forbidden: User "alice" cannot list resource "replicationcontrollers" in API group "" in the namespace "default"\n',
      code: 1,
    });
    expect(run('kubectl get csr --as=alice').err).toBe(
      'Error from server (Forbidden): certificatesigningrequests.certificates.k8s.io is forbidden: User "alice" cannot list resource "certificatesigningrequests" in API group "certificates.k8s.io" at the cluster scope\n',
    );
    expect(run('kubectl get cs --as=alice').err).toBe(
      'Error from server (Forbidden): componentstatuses is forbidden: User "alice" cannot list resource "componentstatuses" in API group "" at the cluster scope\n',
    );
    expect(run('kubectl get rc foo --as=alice').err).toBe(
      'Error from server (Forbidden): replicationcontrollers "foo" is forbidden: User "alice" cannot get resource "replicationcontrollers" in API group "" in the namespace "default"\n',
    );
    const all = run('kubectl get all --as=alice').err.split('\n');
    expect(all).toHaveLength(11);
    expect(all[1]).toMatch(/^Error from server \(Forbidden\): replicationcontrollers is forbidden/);
  });

  it('answers as before for the admin and for a user the verb is granted to', () => {
    const { run } = engineSession(3);
    expect(run('kubectl get rc')).toEqual({
      out: '',
      err: 'No resources found in default namespace.\n',
      code: 0,
    });
    run('kubectl create clusterrole rc-reader --verb=list --resource=replicationcontrollers');
    run('kubectl create clusterrolebinding alice-rc --clusterrole=rc-reader --user=alice');
    expect(run('kubectl get rc --as=alice').err).toBe('No resources found in default namespace.\n');
  });
});

describe('a ClusterRole stored without rules', () => {
  it('shows rules: null until the aggregation controller fills it', () => {
    const { run } = engineSession(3);
    run(
      'kubectl create clusterrole monitoring --aggregation-rule="rbac.example.com/aggregate-to-monitoring=true"',
    );
    expect(run('kubectl get clusterrole monitoring -o yaml').out).toMatch(/\nrules: null\n$/);
    run('kubectl create clusterrole mon-pods --verb=get --resource=pods');
    run('kubectl label clusterrole mon-pods rbac.example.com/aggregate-to-monitoring=true');
    expect(run(`kubectl get clusterrole monitoring -o jsonpath='{.rules}'`).out).toBe(
      '[{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}]',
    );
  });
});
