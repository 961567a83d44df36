/**
 * `kubectl set image` returns its errors as one aggregate; cmdutil.CheckErr prints several
 * through MultipleErrors (each text and a newline, a patch error's own `error: …\n` so leaving
 * a blank line), one alone as itself (kubectl 1.32.5).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const NOT_POD = (n: string) =>
  `error: configmaps/${n} the object is not a pod or does not have a pod template: *v1.ConfigMap\n`;

describe('set image errors', () => {
  it('one alone, then several, each on its own line', () => {
    const { run } = engineSession();
    run('kubectl create deployment web --image=nginx');
    run('kubectl create configmap c1 --from-literal=a=b');
    run('kubectl create configmap c2 --from-literal=a=b');
    expect(run('kubectl set image deploy/web a=x')).toEqual({
      out: '',
      err: 'error: unable to find container named "a"\n',
      code: 1,
    });
    expect(run('kubectl set image cm/c1 a=x')).toEqual({ out: '', err: NOT_POD('c1'), code: 1 });
    expect(run('kubectl set image deploy/web cm/c1 a=x')).toEqual({
      out: '',
      err: `error: unable to find container named "a"\n${NOT_POD('c1')}\n`,
      code: 1,
    });
    expect(run('kubectl set image cm c1 c2 a=b')).toEqual({
      out: '',
      err: `${NOT_POD('c1')}\n${NOT_POD('c2')}\n`,
      code: 1,
    });
    // Two containers not found: in the order of Go's map of them (any order); one line each.
    const two = run('kubectl set image deploy/web a=x b=y');
    expect(two.err.split('\n').sort()).toEqual([
      '',
      'error: unable to find container named "a"',
      'error: unable to find container named "b"',
    ]);
  });
});
