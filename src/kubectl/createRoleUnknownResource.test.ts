/**
 * `kubectl create role|clusterrole --resource=X` when the REST mapper cannot map X: kubectl
 * 1.32's cmdutil.CheckErr words the NoResourceMatchError itself, without the `error: ` prefix,
 * naming the group when one was given (as a real kubectl 1.32.5 printed them).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('create role with a resource the server does not have', () => {
  it('names the resource, and the group when given', () => {
    const { run } = engineSession(1);
    const plain = run('kubectl create role r --verb=get --resource=foo --dry-run=client -o yaml');
    expect(plain).toMatchObject({
      out: '',
      err: 'the server doesn\'t have a resource type "foo"\n',
      code: 1,
    });
    expect(run('kubectl create role r --verb=get --resource=pods.foo').err).toBe(
      'the server doesn\'t have a resource type "pods" in group "foo"\n',
    );
    expect(run('kubectl create clusterrole cr --verb=get --resource=nosuch').err).toBe(
      'the server doesn\'t have a resource type "nosuch"\n',
    );
    // Nothing was created.
    expect(run('kubectl get role r -o name').err).toBe(
      'Error from server (NotFound): roles.rbac.authorization.k8s.io "r" not found\n',
    );
    expect(run('kubectl get clusterrole cr -o name').code).toBe(1);
  });

  it('a special verb checks the unmapped resource first', () => {
    const { run } = engineSession(1);
    expect(run('kubectl create role r --verb=escalate --resource=foo').err).toBe(
      "error: can not perform 'escalate' on 'foo' in group ''\n",
    );
  });
});
