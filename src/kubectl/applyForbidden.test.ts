/**
 * `kubectl apply` of a user RBAC does not let read the object: apply.go's GET of the current
 * configuration fails first, and its error carries the resource.Info lines and the file
 * (cmdutil.AddSourceToErr), as 1.32 prints it.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl apply --as refused by RBAC', () => {
  it('a docs URL (apps group): the "retrieving current configuration" wrapper', () => {
    const { run } = engineSession(1);
    expect(
      run('kubectl apply -f https://k8s.io/examples/application/deployment.yaml --as=alice'),
    ).toEqual({
      out: '',
      err:
        'Error from server (Forbidden): error when retrieving current configuration of:\n' +
        'Resource: "apps/v1, Resource=deployments", GroupVersionKind: "apps/v1, Kind=Deployment"\n' +
        'Name: "nginx-deployment", Namespace: "default"\n' +
        'from server for: "https://k8s.io/examples/application/deployment.yaml": deployments.apps "nginx-deployment" is forbidden: User "alice" cannot get resource "deployments" in API group "apps" in the namespace "default"\n',
      code: 1,
    });
  });

  it('a local file (core group), even when the user may create pods; create says "creating"', () => {
    const { run, host } = engineSession(1);
    host.fs.write(
      'p.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p1\nspec:\n  containers:\n  - name: c\n    image: nginx\n',
    );
    run('kubectl create role creator --verb=create --resource=pods');
    run('kubectl create rolebinding creator --role=creator --user=alice');
    expect(run('kubectl apply -f p.yaml --as=alice -n kube-system').err).toBe(
      'Error from server (Forbidden): error when retrieving current configuration of:\n' +
        'Resource: "/v1, Resource=pods", GroupVersionKind: "/v1, Kind=Pod"\n' +
        'Name: "p1", Namespace: "kube-system"\n' +
        'from server for: "p.yaml": pods "p1" is forbidden: User "alice" cannot get resource "pods" in API group "" in the namespace "kube-system"\n',
    );
    expect(run('kubectl apply -f p.yaml --as=alice').err).toBe(
      'Error from server (Forbidden): error when retrieving current configuration of:\n' +
        'Resource: "/v1, Resource=pods", GroupVersionKind: "/v1, Kind=Pod"\n' +
        'Name: "p1", Namespace: "default"\n' +
        'from server for: "p.yaml": pods "p1" is forbidden: User "alice" cannot get resource "pods" in API group "" in the namespace "default"\n',
    );
    expect(run('kubectl create -f p.yaml --as=alice').out).toBe('pod/p1 created\n');
  });

  it('a cluster-scoped object names no namespace', () => {
    const { run, host } = engineSession(1);
    host.fs.write('ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n');
    expect(run('kubectl apply -f ns.yaml --as=bob').err).toBe(
      'Error from server (Forbidden): error when retrieving current configuration of:\n' +
        'Resource: "/v1, Resource=namespaces", GroupVersionKind: "/v1, Kind=Namespace"\n' +
        'Name: "team", Namespace: ""\n' +
        'from server for: "ns.yaml": namespaces "team" is forbidden: User "bob" cannot get resource "namespaces" in API group "" at the cluster scope\n',
    );
  });
});
