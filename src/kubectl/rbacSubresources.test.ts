/**
 * Requests of an impersonated user (`--as`) that go to a subresource are authorized on it, as
 * the 1.32 API server's RBAC authorizer sees them: kubectl scale PATCHes `deployments/scale`,
 * kubectl drain POSTs `pods/eviction`.
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
    // Nothing scaled, so scale.go wraps the builder's error: `no objects passed to scale %w`.
    run('kubectl create role sc --verb=get,patch --resource=deployments/scale');
    run('kubectl create rolebinding sc --role=sc --user=sc');
    expect(run('kubectl scale deployment x --replicas=3 --as=sc').err).toBe(
      'error: no objects passed to scale deployments.apps "x" is forbidden: User "sc" cannot get resource "deployments" in API group "apps" in the namespace "default"\n',
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

describe('kubectl drain --as: evictions are creates of pods/eviction', () => {
  it('a user who may delete pods but not create pods/eviction cannot evict them', () => {
    const { run } = engineSession(1);
    run('kubectl run solo --image=nginx');
    run('sleep 20');
    const node = run("kubectl get pod solo -o jsonpath='{.spec.nodeName}'").out;
    run('kubectl create clusterrole drainer --verb=get,list,patch --resource=nodes');
    run('kubectl create clusterrole podder --verb=get,list,delete --resource=pods');
    run('kubectl create clusterrolebinding drainer --clusterrole=drainer --user=ops');
    run('kubectl create clusterrolebinding podder --clusterrole=podder --user=ops');
    // drain reads each DaemonSet pod's DaemonSet (daemonSetFilter): without get on daemonsets
    // that pod cannot be deleted, with the server's refusal as the reason.
    const proxy = run(
      `kubectl get pods -n kube-system -l k8s-app=kube-proxy -o jsonpath='{range .items[?(@.spec.nodeName=="${node}")]}{.metadata.name}{end}'`,
    ).out;
    expect(run(`kubectl drain ${node} --ignore-daemonsets --force --as=ops`).err).toContain(
      `cannot delete daemonsets.apps "kube-proxy" is forbidden: User "ops" cannot get resource "daemonsets" in API group "apps" in the namespace "kube-system": kube-system/${proxy}\n`,
    );
    run('kubectl create clusterrole dsreader --verb=get --resource=daemonsets');
    run('kubectl create clusterrolebinding dsreader --clusterrole=dsreader --user=ops');
    const refused =
      'error when evicting pods/"solo" -n "default": pods "solo" is forbidden: User "ops" cannot create resource "pods/eviction" in API group "" in the namespace "default"';
    const r = run(`kubectl drain ${node} --ignore-daemonsets --force --as=ops`);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`node/${node} already cordoned\n`);
    expect(r.out).not.toContain('drained');
    // One error: the aggregate prints without brackets.
    expect(r.err.split('\n').slice(1)).toEqual([
      `There are pending pods in node "${node}" when an error occurred: ${refused}`,
      'pod/solo',
      `error: unable to drain node "${node}" due to error: ${refused}, continuing command...`,
      'There are pending nodes to be drained:',
      ` ${node}`,
      refused,
      '',
    ]);
    expect(run('kubectl get pod solo -o name').out).toBe('pod/solo\n');
    // Granting the eviction subresource lets the drain through.
    run('kubectl create clusterrole evictor --verb=create --resource=pods/eviction');
    run('kubectl create clusterrolebinding evictor --clusterrole=evictor --user=ops');
    expect(run(`kubectl drain ${node} --ignore-daemonsets --force --as=ops`).out).toContain(
      'evicting pod default/solo\n',
    );
  });
});
