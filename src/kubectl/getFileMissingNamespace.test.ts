/**
 * `kubectl get -f FILE` of an object that is not there: the builder's Info.Get reports a missing
 * namespace (other than default) rather than the missing object, as for `get TYPE NAME -n NS`
 * (kubectl 1.32.5: GET the object, 404, GET /api/v1/namespaces/NS, 404).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('get -f of an object in a namespace that does not exist', () => {
  it('reports the namespace', () => {
    const { run } = engineSession();
    run(
      `printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: c\\n  namespace: other\\n' > c.yaml`,
    );
    expect(run('kubectl get -f c.yaml -n default')).toEqual({
      out: '',
      err: 'Error from server (NotFound): namespaces "other" not found\n',
      code: 1,
    });
    expect(run('kubectl get -f c.yaml -o name').err).toBe(
      'Error from server (NotFound): namespaces "other" not found\n',
    );
    run(`printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: c\\n' > d.yaml`);
    expect(run('kubectl get -f d.yaml').err).toBe(
      'Error from server (NotFound): configmaps "c" not found\n',
    );
    expect(run('kubectl get -f d.yaml -n kube-system').err).toBe(
      'Error from server (NotFound): configmaps "c" not found\n',
    );
  });
});
