/**
 * label and annotate have -A/--all-namespaces (the builder's AllNamespaces): a selector or
 * --all spans namespaces and each object is changed where it lives (kubectl 1.32.5).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

function twoConfigMaps() {
  const s = engineSession();
  s.run('kubectl create namespace team');
  s.run('kubectl create configmap c1 -n team --from-literal=a=b');
  s.run('kubectl create configmap c2 --from-literal=a=b');
  s.run('kubectl label cm c1 -n team app=x');
  s.run('kubectl label cm c2 app=x');
  return s;
}

describe('label and annotate -A', () => {
  it('change the selected objects of every namespace', () => {
    const { run } = twoConfigMaps();
    expect(run('kubectl label cm -l app=x tier=web -A')).toEqual({
      out: 'configmap/c2 labeled\nconfigmap/c1 labeled\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl get cm -A -l tier=web -o name').out).toBe('configmap/c2\nconfigmap/c1\n');
    expect(run('kubectl annotate cm --all-namespaces -l app=x note=hi').code).toBe(0);
    expect(run("kubectl get cm c1 -n team -o jsonpath='{.metadata.annotations.note}'").out).toBe(
      'hi',
    );
  });

  it('refuse a name, and need a selector or --all for a bare type', () => {
    const { run } = twoConfigMaps();
    expect(run('kubectl label cm c1 x=y -A')).toEqual({
      out: '',
      err: 'error: a resource cannot be retrieved by name across all namespaces\n',
      code: 1,
    });
    expect(run('kubectl label cm -A z=2')).toEqual({
      out: '',
      err: 'error: resource(s) were provided, but no name was specified\n',
      code: 1,
    });
  });
});
