/**
 * `kubectl set subject` (set_subject.go): a RoleBinding or ClusterRoleBinding gains the users,
 * groups and service accounts it does not hold yet (each kind sorted, repeats dropped; a service
 * account without namespace takes the command's); nothing changes, nothing is printed. The
 * object printed is typed (`creationTimestamp: null`, Go's field order). Outputs as the real
 * kubectl 1.32.5 printed them through the oracle (35 lines, bridged and --local).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

function session() {
  const s = engineSession(1);
  for (const line of [
    'kubectl create deployment web --image=nginx',
    'kubectl create role r --verb=get --resource=pods',
    'kubectl create rolebinding rb1 --role=r --user=alice',
    'kubectl create clusterrolebinding crb1 --clusterrole=view --group=ops',
    "printf 'apiVersion: rbac.authorization.k8s.io/v1\\nkind: RoleBinding\\nmetadata:\\n  name: rb\\nroleRef:\\n  apiGroup: rbac.authorization.k8s.io\\n  kind: Role\\n  name: r\\nsubjects:\\n- kind: User\\n  name: alice\\n' > rb.yaml",
  ])
    expect(s.run(line).code).toBe(0);
  return s;
}

describe('kubectl set subject', () => {
  it('--local -f: users, groups, service accounts, each sorted, printed typed', () => {
    const { run } = session();
    expect(
      run(
        'kubectl set subject --local -f rb.yaml --user=bob --user=bob --group=g2 --group=g1 --serviceaccount=:sa2 --serviceaccount=kube-system:sa1 -o json',
      ),
    ).toEqual({
      out: `{
    "kind": "RoleBinding",
    "apiVersion": "rbac.authorization.k8s.io/v1",
    "metadata": {
        "name": "rb",
        "creationTimestamp": null
    },
    "subjects": [
        {
            "kind": "User",
            "name": "alice"
        },
        {
            "kind": "User",
            "apiGroup": "rbac.authorization.k8s.io",
            "name": "bob"
        },
        {
            "kind": "Group",
            "apiGroup": "rbac.authorization.k8s.io",
            "name": "g1"
        },
        {
            "kind": "Group",
            "apiGroup": "rbac.authorization.k8s.io",
            "name": "g2"
        },
        {
            "kind": "ServiceAccount",
            "name": "sa2",
            "namespace": "default"
        },
        {
            "kind": "ServiceAccount",
            "name": "sa1",
            "namespace": "kube-system"
        }
    ],
    "roleRef": {
        "apiGroup": "rbac.authorization.k8s.io",
        "kind": "Role",
        "name": "r"
    }
}
`,
      err: '',
      code: 0,
    });
    expect(run('kubectl set subject --local -f rb.yaml --user=bob').out).toBe(
      'rolebinding.rbac.authorization.k8s.io/rb subjects updated\n',
    );
  });

  it('on the server: patched once, then nothing to do', () => {
    const { run } = session();
    expect(run('kubectl set subject rolebinding rb1 --user=bob')).toEqual({
      out: 'rolebinding.rbac.authorization.k8s.io/rb1 subjects updated\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl set subject rolebinding rb1 --user=bob')).toEqual({
      out: '',
      err: '',
      code: 0,
    });
    const yaml = run(
      'kubectl set subject rolebinding rb1 --group=devs --serviceaccount=default:builder -o yaml',
    ).out;
    expect(yaml.slice(yaml.indexOf('roleRef:'))).toBe(`roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: r
subjects:
- apiGroup: rbac.authorization.k8s.io
  kind: User
  name: alice
- apiGroup: rbac.authorization.k8s.io
  kind: User
  name: bob
- apiGroup: rbac.authorization.k8s.io
  kind: Group
  name: devs
- kind: ServiceAccount
  name: builder
  namespace: default
`);
    expect(run('kubectl set subject rolebinding rb1 --user=dave --dry-run=server').out).toBe(
      'rolebinding.rbac.authorization.k8s.io/rb1 subjects updated (server dry run)\n',
    );
  });

  it('mistakes', () => {
    const { run } = session();
    const err = (line: string) => run(line).err;
    expect(err('kubectl set subject rolebinding rb1')).toBe(
      'error: you must specify at least one value of user, group or serviceaccount\n',
    );
    expect(err('kubectl set subject rolebinding rb1 --serviceaccount=sa')).toBe(
      'error: serviceaccount must be <namespace>:<name>\n',
    );
    expect(err('kubectl set subject clusterrolebinding crb1 --serviceaccount=:x')).toBe(
      'error: serviceaccount must be <namespace>:<name>, namespace must be specified\n',
    );
    expect(err('kubectl set subject deploy/web --user=bob')).toBe(
      'error: deployments/web setting subjects is only supported for RoleBinding/ClusterRoleBinding\n',
    );
    expect(err('kubectl set subject rolebinding nope --user=bob')).toBe(
      'Error from server (NotFound): rolebindings.rbac.authorization.k8s.io "nope" not found\n',
    );
    expect(err('kubectl set subject --local rolebinding rb --user=bob')).toBe(
      "error: you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n",
    );
    expect(err('kubectl set subject --local -f rb.yaml --user=bob --dry-run=server')).toBe(
      'error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?\n',
    );
  });
});
