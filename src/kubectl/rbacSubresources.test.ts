/**
 * Requests of an impersonated user (`--as`) that go to a subresource are authorized on it, as
 * the 1.32 API server's RBAC authorizer sees them: kubectl scale PATCHes `deployments/scale`.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl scale --as: the scale subresource', () => {
  it('patch on deployments does not allow scaling; patch on deployments/scale does', () => {
    const { run } = engineSession(1);
    run('kubectl create deployment x --image=nginx');
    run('kubectl create role dp --verb=get,list,patch,update --resource=deployments');
    run('kubectl create rolebinding dp --role=dp --user=dev');
    expect(run('kubectl scale deployment x --replicas=2 --as=dev')).toEqual({
      out: '',
      err: 'Error from server (Forbidden): deployments.apps "x" is forbidden: User "dev" cannot patch resource "deployments/scale" in API group "apps" in the namespace "default"\n',
      code: 1,
    });
    expect(run("kubectl get deploy x -o jsonpath='{.spec.replicas}'").out).toBe('1');
    // The builder's GET of the deployment comes first: deployments/scale alone is not enough.
    run('kubectl create role sc --verb=get,patch --resource=deployments/scale');
    run('kubectl create rolebinding sc --role=sc --user=sc');
    expect(run('kubectl scale deployment x --replicas=3 --as=sc').err).toBe(
      'Error from server (Forbidden): deployments.apps "x" is forbidden: User "sc" cannot get resource "deployments" in API group "apps" in the namespace "default"\n',
    );
    run('kubectl create rolebinding sc2 --role=dp --user=sc');
    expect(run('kubectl scale deployment x --replicas=3 --as=sc')).toEqual({
      out: 'deployment.apps/x scaled\n',
      err: '',
      code: 0,
    });
    expect(run("kubectl get deploy x -o jsonpath='{.spec.replicas}'").out).toBe('3');
  });

  it('statefulsets/scale for a StatefulSet', () => {
    const { run, host } = engineSession(1);
    host.fs.write(
      'ss.yaml',
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  selector:\n    matchLabels:\n      app: db\n  serviceName: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n      - name: db\n        image: nginx\n',
    );
    run('kubectl apply -f ss.yaml');
    run('kubectl create rolebinding v --clusterrole=view --user=viewer');
    expect(run('kubectl scale sts db --replicas=0 --as=viewer').err).toBe(
      'Error from server (Forbidden): statefulsets.apps "db" is forbidden: User "viewer" cannot patch resource "statefulsets/scale" in API group "apps" in the namespace "default"\n',
    );
    // The bootstrap edit role grants the scale subresources.
    run('kubectl create rolebinding e --clusterrole=edit --user=editor');
    expect(run('kubectl scale sts db --replicas=0 --as=editor').out).toBe(
      'statefulset.apps/db scaled\n',
    );
  });
});
