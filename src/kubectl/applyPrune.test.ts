/**
 * `kubectl apply --prune` (the legacy pruner): Validate's refusals, the builder's `-l` filter on
 * the files' objects, and the pruning itself: only objects that were applied (they carry the
 * last-applied annotation), match the selector and are no longer in the files go, each printed
 * `kind/name pruned` after 1.32's deprecation warning.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const AB = `apiVersion: v1
kind: ConfigMap
metadata:
  name: a
  labels:
    app: demo
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: b
  labels:
    app: demo
`;
const A = AB.split('---\n')[0] as string;
const WARNING =
  'prune.go:71] Deprecated: kubectl apply will no longer prune non-namespaced resources by default when used with the --namespace flag in a future release. To preserve the current behaviour, list the resources you want to target explicitly in the --prune-allowlist flag.\n';

describe('kubectl apply --prune', () => {
  it('refuses a prune of everything, server-side pruning and --all with -l', () => {
    const { run, host } = engineSession(3);
    host.fs.write('a.yaml', A);
    expect(run('kubectl apply -f a.yaml --prune')).toEqual({
      out: '',
      err: 'error: all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector\n',
      code: 1,
    });
    expect(run('kubectl apply -f a.yaml --prune -l app=demo --server-side').err).toBe(
      "error: --prune is in alpha and doesn't currently work on objects created by server-side apply\n",
    );
    expect(run('kubectl apply -f a.yaml --prune --all -l app=demo').err).toBe(
      'error: cannot set --all and --selector at the same time\n',
    );
    expect(run('kubectl get cm a').code).toBe(1);
  });

  it('prunes what was applied before and is gone from the files, not what was created', () => {
    const { run, host } = engineSession(3);
    host.fs.write('ab.yaml', AB);
    host.fs.write('a.yaml', A);
    run('kubectl apply -f ab.yaml');
    run('kubectl create configmap manual --from-literal=x=y');
    run('kubectl label cm manual app=demo');
    const dry = run('kubectl apply -f a.yaml --prune -l app=demo --dry-run=client');
    expect(dry.out).toBe('configmap/a configured (dry run)\nconfigmap/b pruned (dry run)\n');
    expect(dry.err).toMatch(/^W\d{4} [\d:.]+ {4}4242 prune\.go:71\] Deprecated: /);
    expect(dry.err.endsWith(WARNING)).toBe(true);
    expect(run('kubectl get cm b -o name').out).toBe('configmap/b\n');
    expect(run('kubectl apply -f a.yaml --prune -l app=demo').out).toBe(
      'configmap/a unchanged\nconfigmap/b pruned\n',
    );
    expect(run('kubectl get cm -o name').out).toBe(
      'configmap/a\nconfigmap/kube-root-ca.crt\nconfigmap/manual\n',
    );
  });

  it('-l filters the objects of the files, and an allow-list narrows the kinds', () => {
    const { run, host } = engineSession(3);
    host.fs.write('ab.yaml', AB);
    expect(run('kubectl apply -f ab.yaml -l app=other')).toEqual({
      out: '',
      err: 'error: no objects passed to apply\n',
      code: 1,
    });
    run('kubectl create deployment web --image=nginx --dry-run=client -o yaml > web.yaml');
    run('kubectl apply -f web.yaml');
    // Only ConfigMaps are looked at: the applied Deployment stays.
    expect(
      run('kubectl apply -f ab.yaml --prune --all --prune-allowlist=core/v1/ConfigMap'),
    ).toEqual({ out: 'configmap/a created\nconfigmap/b created\n', err: '', code: 0 });
    expect(run('kubectl get deploy web -o name').out).toBe('deployment.apps/web\n');
    expect(run('kubectl apply -f ab.yaml --prune --all').out).toBe(
      'configmap/a unchanged\nconfigmap/b unchanged\ndeployment.apps/web pruned\n',
    );
    expect(run('kubectl apply -f ab.yaml --prune --all --prune-allowlist=v1/ConfigMap').err).toBe(
      'error: invalid GroupVersionKind format: v1/ConfigMap, please follow <group/version/kind>\n',
    );
    expect(run('kubectl apply -f ab.yaml --prune --all --prune-allowlist=apps/v1/Foo').err).toBe(
      'error: no matches for kind "Foo" in version "apps/v1"\n',
    );
  });
});
