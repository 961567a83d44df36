/**
 * `kubectl diff -f` of an object made imperatively (audit 14b E2, checked against 1.32's source):
 * InfoObject.Merged computes the modified configuration with
 * GetModifiedConfiguration(obj.LocalObj, false, …): annotate=false, unlike apply. The patcher's
 * three-way patch is built from that, so the merged object gains no
 * kubectl.kubernetes.io/last-applied-configuration annotation: the diff shows the file's
 * changes alone (the annotation appears once `kubectl apply` runs).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl diff of an object not made by apply', () => {
  it('shows the changes of the file, and no last-applied annotation to be added', () => {
    const { run, host } = engineSession(3);
    run('kubectl create configmap c2 --from-literal=a=1');
    host.fs.write(
      'c2.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c2\ndata:\n  a: "2"\n',
    );
    const r = run('kubectl diff -f c2.yaml');
    expect(r.code).toBe(1);
    expect(r.out.split('\n').filter((l) => /^[-+@] /.test(l) || /^@@/.test(l))).toEqual([
      '@@ -1,6 +1,6 @@',
      '-  a: "1"',
      '+  a: "2"',
    ]);
    expect(r.out).not.toContain('last-applied-configuration');
    // apply adds it; a diff of the same file is then empty.
    expect(run('kubectl apply -f c2.yaml').out).toBe('configmap/c2 configured\n');
    expect(run('kubectl get configmap c2 -o jsonpath={.metadata.annotations}').out).toContain(
      'kubectl.kubernetes.io/last-applied-configuration',
    );
    expect(run('kubectl diff -f c2.yaml')).toEqual({ out: '', err: '', code: 0 });
  });
});
