/**
 * An object exported with `-o yaml` carries its resourceVersion. The etcd3 store refuses a create
 * that carries one (audit-10 #37: a 500 without reason), but kubectl never sends it: cli-runtime's
 * Helper.Create(namespace, modify=true, obj) clears it first, and kubectl create, apply (for a new
 * object) and replace --force all create that way (audit 11 A9).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('create with a resourceVersion', () => {
  it('is refused by the API server to a raw client', () => {
    const { run, host } = engineSession();
    run('kubectl create configmap c --from-literal=a=1');
    const rv = run('kubectl get cm c -o jsonpath={.metadata.resourceVersion}').out;
    run('kubectl delete cm c');
    const r = host.api.create('configmaps', 'default', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', resourceVersion: rv },
      data: { a: '1' },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.status.message).toBe('resourceVersion should not be set on objects to be created');
      expect(r.status.code).toBe(500);
    }
  });

  it('is cleared by kubectl create and apply, so an exported manifest creates again', () => {
    const { run } = engineSession();
    run('kubectl create configmap c --from-literal=a=1');
    run('kubectl get cm c -o yaml > c.yaml');
    expect(run('kubectl delete cm c').out).toBe('configmap "c" deleted\n');
    expect(run('kubectl create -f c.yaml --dry-run=server').out).toBe(
      'configmap/c created (server dry run)\n',
    );
    expect(run('kubectl create -f c.yaml')).toEqual({
      out: 'configmap/c created\n',
      err: '',
      code: 0,
    });
    run('kubectl delete cm c');
    expect(run('kubectl apply -f c.yaml')).toEqual({
      out: 'configmap/c created\n',
      err: '',
      code: 0,
    });
    // apply wrote the file as it was into last-applied, resourceVersion included …
    expect(
      run(
        "kubectl get cm c -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'",
      ).out,
    ).toMatch(/"resourceVersion":"\d+"/);
    // … and the next apply sends that stale resourceVersion in its patch: a Conflict.
    // apply.go wraps the patcher's error with the patch, the object and the source.
    const conflict = run('kubectl apply -f c.yaml');
    expect(conflict.out).toBe('');
    expect(conflict.code).toBe(1);
    const lines = conflict.err.split('\n');
    expect(lines[0]).toBe('Error from server (Conflict): error when applying patch:');
    expect(lines[1]).toMatch(
      /^\{"metadata":\{"creationTimestamp":"[^"]+","resourceVersion":"\d+","uid":"[0-9a-f-]+"\}\}$/,
    );
    expect(lines.slice(2)).toEqual([
      'to:',
      'Resource: "/v1, Resource=configmaps", GroupVersionKind: "/v1, Kind=ConfigMap"',
      'Name: "c", Namespace: "default"',
      'for: "c.yaml": error when patching "c.yaml": Operation cannot be fulfilled on configmaps "c": the object has been modified; please apply your changes to the latest version and try again',
      '',
    ]);
  });

  it('replace --force of an exported pod deletes it and creates it anew', () => {
    const { run } = engineSession(3);
    run('kubectl run p --image=nginx');
    run('kubectl get pod p -o yaml > p.yaml');
    const uid = run('kubectl get pod p -o jsonpath={.metadata.uid}').out;
    expect(run('kubectl replace --force -f p.yaml')).toEqual({
      out: 'pod "p" deleted\npod/p replaced\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl get pods').out).toMatch(
      /^NAME {3}READY {3}STATUS {4}RESTARTS {3}AGE\np {6}1\/1 {5}Running {3}0 {10}\S+\n$/,
    );
    expect(run('kubectl get pod p -o jsonpath={.metadata.uid}').out).not.toBe(uid);
  });
});
