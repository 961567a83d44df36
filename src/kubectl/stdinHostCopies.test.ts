/**
 * A command's stdin (a pipe, `<<<`, a here-document) reaches it whatever copy of the console's
 * host it runs with: `--kubeconfig FILE`, `--as`, `--server` copy the host, and before, their
 * command read no stdin (`apply -f -` refused, `delete -i` cancelled).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('stdin with --kubeconfig, --as', () => {
  it('apply -f - and delete -i read it', () => {
    const { run } = engineSession(1);
    expect(run('kubectl config view --raw > k.yaml').code).toBe(0);
    expect(
      run('kubectl create cm x --dry-run=client -o yaml | kubectl --kubeconfig k.yaml apply -f -'),
    ).toEqual({ out: 'configmap/x created\n', err: '', code: 0 });
    expect(run('kubectl --kubeconfig k.yaml delete cm x -i <<< n')).toEqual({
      out: 'You are about to delete the following 1 resource(s):\nconfigmap/x\nDo you want to continue? (y/n): deletion is cancelled\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl --as=bob delete cm x -i <<< y')).toEqual({
      out: 'You are about to delete the following 1 resource(s):\nconfigmap/x\nDo you want to continue? (y/n): ',
      err: 'Error from server (Forbidden): configmaps "x" is forbidden: User "bob" cannot delete resource "configmaps" in API group "" in the namespace "default"\n',
      code: 1,
    });
    expect(run('kubectl --kubeconfig k.yaml delete cm x -i <<< y').out).toContain(
      'configmap "x" deleted\n',
    );
  });
});
