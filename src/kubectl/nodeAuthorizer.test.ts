/**
 * kubeadm authorizes with `--authorization-mode=Node,RBAC`: a kubelet's credential is judged by
 * the Node authorizer first (its own Node and Lease, the objects its pods use, pods by
 * spec.nodeName), and its reasons reach the Forbidden text (audit 14a D5).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const AS_NODE1 = '--as=system:node:node1 --as-group=system:nodes';

describe('the Node authorizer', () => {
  it('lets a node read its own Node object only', () => {
    const { run } = engineSession(3);
    expect(run(`kubectl auth can-i get nodes/node1 ${AS_NODE1}`).out).toBe('yes\n');
    expect(run(`kubectl auth can-i get nodes/node2 ${AS_NODE1}`).out).toBe(
      "no - node 'node1' cannot read 'node2', only its own Node object\n",
    );
    expect(run(`kubectl get nodes ${AS_NODE1}`)).toEqual({
      out: '',
      err: `Error from server (Forbidden): nodes is forbidden: User "system:node:node1" cannot list resource "nodes" in API group "" at the cluster scope: node 'node1' cannot read all nodes, only its own Node object\n`,
      code: 1,
    });
    expect(run(`kubectl get node node1 -o name ${AS_NODE1}`).out).toBe('node/node1\n');
  });

  it('lists pods only with a spec.nodeName field selector naming the node', () => {
    const { run } = engineSession(3);
    expect(run(`kubectl get pods ${AS_NODE1}`).err).toBe(
      `Error from server (Forbidden): pods is forbidden: User "system:node:node1" cannot list resource "pods" in API group "" in the namespace "default": can only list/watch pods with spec.nodeName field selector\n`,
    );
    const own = run(`kubectl get pods -A --field-selector spec.nodeName=node1 -o name ${AS_NODE1}`);
    expect(own.code).toBe(0);
    expect(own.out).toMatch(/^pod\/kube-proxy-[a-z0-9]{5}\n$/);
    expect(run(`kubectl get pods -A --field-selector spec.nodeName=node2 ${AS_NODE1}`).code).toBe(
      1,
    );
  });

  it('lets a node read the secrets and configmaps of pods bound to it, and no others', () => {
    const { run, host } = engineSession(3);
    run('kubectl create secret generic s1 --from-literal=a=b');
    run('kubectl create configmap c1 --from-literal=a=b');
    host.fs.write(
      'p.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  nodeName: node2
  containers:
  - name: c
    image: busybox
    command: ["sleep", "3600"]
    envFrom:
    - configMapRef:
        name: c1
  volumes:
  - name: s
    secret:
      secretName: s1
`,
    );
    expect(run('kubectl apply -f p.yaml').code).toBe(0);
    const AS_NODE2 = '--as=system:node:node2 --as-group=system:nodes';
    expect(run(`kubectl auth can-i get secret/s1 ${AS_NODE2}`).out).toBe('yes\n');
    expect(run(`kubectl auth can-i get configmap/c1 ${AS_NODE2}`).out).toBe('yes\n');
    expect(run(`kubectl auth can-i get secret/s1 ${AS_NODE1}`).out).toBe(
      "no - no relationship found between node 'node1' and this object\n",
    );
    expect(run(`kubectl auth can-i get secrets ${AS_NODE1}`).out).toBe(
      'no - No Object name found\n',
    );
    expect(run(`kubectl auth can-i delete secret/s1 ${AS_NODE2}`).out).toBe(
      'no - can only read resources of this type\n',
    );
  });

  it('grants the static node rules and its own lease; others get no opinion', () => {
    const { run } = engineSession(3);
    expect(run(`kubectl auth can-i list services ${AS_NODE1}`).out).toBe('yes\n');
    expect(run(`kubectl auth can-i create pods/eviction ${AS_NODE1}`).out).toBe('yes\n');
    expect(run(`kubectl auth can-i update leases/node1 -n kube-node-lease ${AS_NODE1}`).out).toBe(
      'yes\n',
    );
    expect(run(`kubectl auth can-i update leases/node2 -n kube-node-lease ${AS_NODE1}`).out).toBe(
      'no - can only access node lease with the same name as the requesting node\n',
    );
    expect(run(`kubectl auth can-i create deployments ${AS_NODE1}`).out).toBe('no\n');
    // Without the system:nodes group the name alone is not a node credential.
    expect(run('kubectl auth can-i list services --as=system:node:node1').out).toBe('no\n');
  });

  it('cannot enumerate a node’s rules', () => {
    const { run } = engineSession(3);
    expect(run(`kubectl auth can-i --list ${AS_NODE1}`).err).toBe(
      'Warning: the list may be incomplete: node authorizer does not support user rule resolution\n',
    );
  });
});
