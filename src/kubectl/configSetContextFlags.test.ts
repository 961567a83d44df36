/**
 * `kubectl config set-context` defines its own --namespace (without a shorthand), which shadows
 * the global -n/--namespace: cobra drops the shadowed flag's shorthand with it, so `-n` is an
 * unknown shorthand there (kubectl 1.32.5), while --namespace sets the context's namespace.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('config set-context: its own --namespace shadows the global -n', () => {
  it('-n is unknown; --namespace sets the context’s namespace; -n still works elsewhere', () => {
    const { run } = engineSession(3);
    expect(run('kubectl config set-context --current -n dev')).toEqual({
      out: '',
      err: "error: unknown shorthand flag: 'n' in -n\nSee 'kubectl config set-context --help' for usage.\n",
      code: 1,
    });
    expect(run('kubectl config set-context --current --namespace=kube-system').out).toBe(
      'Context "kubernetes-admin@kubernetes" modified.\n',
    );
    expect(run("kubectl config view --minify -o jsonpath='{..namespace}'").out).toBe('kube-system');
    expect(run('kubectl get ns -n default default -o name').out).toBe('namespace/default\n');
  });
});
