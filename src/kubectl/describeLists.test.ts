/**
 * `kubectl describe TYPE` without a name lists the type: a list RBAC refuses is the builder's
 * error (describe.go reports every error of r.Infos() but NotFound-by-name), not an empty list;
 * an empty one says "No resources found in <ns> namespace." whatever the type's scope.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl describe TYPE --as a user who may not list it', () => {
  it('prints the Forbidden list error, namespaced or at the cluster scope, and fails', () => {
    const { run } = engineSession(1);
    run('kubectl create deployment web --image=nginx');
    expect(run('kubectl describe pods --as=alice')).toEqual({
      out: '',
      err: 'Error from server (Forbidden): pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"\n',
      code: 1,
    });
    expect(run('kubectl describe deploy --as=alice').err).toBe(
      'Error from server (Forbidden): deployments.apps is forbidden: User "alice" cannot list resource "deployments" in API group "apps" in the namespace "default"\n',
    );
    expect(run('kubectl describe nodes --as=alice')).toEqual({
      out: '',
      err: 'Error from server (Forbidden): nodes is forbidden: User "alice" cannot list resource "nodes" in API group "" at the cluster scope\n',
      code: 1,
    });
    expect(run('kubectl describe pdb -A --as=alice').err).toBe(
      'Error from server (Forbidden): poddisruptionbudgets.policy is forbidden: User "alice" cannot list resource "poddisruptionbudgets" in API group "policy" at the cluster scope\n',
    );
  });

  it('a type the user may list is described next to the refused one', () => {
    const { run } = engineSession(1);
    run('kubectl create deployment web --image=nginx');
    run('kubectl create role dl --verb=list --resource=deployments');
    run('kubectl create rolebinding dl --role=dl --user=alice');
    const r = run('kubectl describe deploy,pods --as=alice');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^Name: {19}web\n/);
    expect(r.err).toBe(
      'Error from server (Forbidden): pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"\n',
    );
  });
});

describe('kubectl describe TYPE with nothing to describe', () => {
  it('names the namespace whatever the scope of the type; -A names none', () => {
    const { run } = engineSession(1);
    const here = { out: '', err: 'No resources found in default namespace.\n', code: 0 };
    expect(run('kubectl describe ingressclass')).toEqual(here);
    expect(run('kubectl describe pv')).toEqual(here);
    expect(run('kubectl describe ingress')).toEqual(here);
    expect(run('kubectl describe pv -n kube-system')).toEqual({
      out: '',
      err: 'No resources found in kube-system namespace.\n',
      code: 0,
    });
    expect(run('kubectl describe pv -A')).toEqual({
      out: '',
      err: 'No resources found\n',
      code: 0,
    });
    // get, unlike describe, looks at the scope.
    expect(run('kubectl get pv').err).toBe('No resources found\n');
  });
});
