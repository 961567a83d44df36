/**
 * Audit-10 #37: an object exported with `-o yaml` carries its resourceVersion, which the etcd3
 * store refuses on create (a 500 without reason, so `Error from server: …`); a server dry run
 * never reaches the store.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('create with a resourceVersion', () => {
  it('is refused by create and apply alike, after the object is gone', () => {
    const { run } = engineSession();
    run('kubectl create configmap c --from-literal=a=1');
    run('kubectl get cm c -o yaml > c.yaml');
    expect(run('kubectl delete cm c').out).toBe('configmap "c" deleted\n');
    expect(run('kubectl create -f c.yaml --dry-run=server').out).toBe(
      'configmap/c created (server dry run)\n',
    );
    const refused = {
      out: '',
      err: 'Error from server: error when creating "c.yaml": resourceVersion should not be set on objects to be created\n',
      code: 1,
    };
    expect(run('kubectl create -f c.yaml')).toEqual(refused);
    expect(run('kubectl apply -f c.yaml')).toEqual(refused);
    expect(run('kubectl get cm c').err).toBe(
      'Error from server (NotFound): configmaps "c" not found\n',
    );
  });
});
