/**
 * label.go updateDataChangeMsg compares the object's JSON before and after labelFunc, which
 * sets the labels map even when the object had none: an object without labels is "labeled" by
 * any label command, even one that removes a key it does not have (kubectl 1.32.5 over the
 * oracle's bridge), and the API server keeps it as it was.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('label messages', () => {
  it('an object without labels is "labeled" even when nothing was removed', () => {
    const { run } = engineSession();
    run(
      "printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: c\\ndata:\\n  a: b\\n' > c.yaml",
    );
    run('kubectl apply -f c.yaml');
    const rv = run("kubectl get cm c -o jsonpath='{.metadata.resourceVersion}'").out;
    expect(run('kubectl label cm c tier-')).toEqual({
      out: 'label "tier" not found.\nconfigmap/c labeled\n',
      err: '',
      code: 0,
    });
    expect(run("kubectl get cm c -o jsonpath='{.metadata.resourceVersion}'").out).toBe(rv);
    expect(run('kubectl label cm c a=b').out).toBe('configmap/c labeled\n');
    // With labels, the same value or a key it lacks changes nothing.
    expect(run('kubectl label cm c a=b').out).toBe('configmap/c not labeled\n');
    expect(run('kubectl label cm c tier-').out).toBe(
      'label "tier" not found.\nconfigmap/c not labeled\n',
    );
    expect(run('kubectl label cm c a-').out).toBe('configmap/c unlabeled\n');
    // Its last label gone, it has none again.
    expect(run('kubectl label cm c a-').out).toBe('label "a" not found.\nconfigmap/c labeled\n');
    expect(run('kubectl label cm c x- y-').out).toBe(
      'label "x" not found.\nlabel "y" not found.\nconfigmap/c labeled\n',
    );
  });
});

describe('label -o yaml of several objects', () => {
  it('prints them without `---` (a printer per object), annotate with', () => {
    const { run } = engineSession();
    run('kubectl create configmap c1 --from-literal=a=b');
    run('kubectl create configmap c2 --from-literal=a=b');
    const label = run('kubectl label cm c1 c2 tier=db -o yaml');
    expect(label.code).toBe(0);
    expect(label.out).not.toContain('---');
    expect(label.out.match(/^apiVersion: v1$/gm)?.length).toBe(2);
    expect(label.out).toContain('  labels:\n    tier: db\n  name: c2\n');
    const annotate = run('kubectl annotate cm c1 c2 note=x -o yaml');
    expect(annotate.out.match(/^---$/gm)?.length).toBe(1);
  });
});
