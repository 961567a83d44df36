/**
 * `kubectl get -f` implies a single item (the builder's visitByPaths) when it reads exactly one
 * file in all, not stdin: then the object prints as itself, and a missing one prints only its
 * error. A directory of several manifests prints what it found, as a list, beside the errors
 * (kubectl 1.32.5).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const cm = (name: string) =>
  `printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: ${name}\\n' > m/${name}.yaml`;

describe('get -f: one file or several', () => {
  it('prints what a directory of several files found, beside the missing ones', () => {
    const { run } = engineSession();
    run('mkdir m');
    run(cm('c'));
    run(cm('d'));
    run('kubectl apply -f m/d.yaml');
    expect(run('kubectl get -f m -o name')).toEqual({
      out: 'configmap/d\n',
      err: 'Error from server (NotFound): configmaps "c" not found\n',
      code: 1,
    });
    expect(run("kubectl get -f m -o jsonpath='{.kind} {.items[*].metadata.name}'").out).toBe(
      'List d',
    );
    // One file matched by a glob is a single item: its error alone.
    expect(run("kubectl get -f 'm/c*.yaml' -o name")).toEqual({
      out: '',
      err: 'Error from server (NotFound): configmaps "c" not found\n',
      code: 1,
    });
  });

  it('a directory of one file is a single item; stdin never is', () => {
    const { run } = engineSession();
    run('mkdir m');
    run(cm('d'));
    run('kubectl apply -f m/d.yaml');
    expect(run("kubectl get -f m -o jsonpath='{.kind}'").out).toBe('ConfigMap');
    expect(run('kubectl get -f m -o yaml').out).toMatch(/^apiVersion: v1\nkind: ConfigMap\n/);
    expect(run("cat m/d.yaml | kubectl get -f - -o jsonpath='{.kind}'").out).toBe('List');
  });
});
