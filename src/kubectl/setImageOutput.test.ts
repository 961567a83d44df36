/**
 * What `kubectl set image` prints (set_image.go): a client dry run prints the object as
 * kubectl changed it, a real run the server's answer, and an empty patch nothing at all.
 * `set env` and `set resources` print their client dry run the same way.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const imageOf = `-o jsonpath='{.spec.template.spec.containers[0].image}'`;

describe('kubectl set image output', () => {
  it('prints the changed object for --dry-run=client, changing nothing on the server', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx');
    expect(
      run(`kubectl set image deploy/web nginx=nginx:1.27 --dry-run=client ${imageOf}`),
    ).toEqual({ out: 'nginx:1.27', err: '', code: 0 });
    expect(run(`kubectl get deploy web ${imageOf}`).out).toBe('nginx');
    expect(
      run(
        `kubectl set env deploy/web A=1 --dry-run=client -o jsonpath='{.spec.template.spec.containers[0].env}'`,
      ).out,
    ).toBe('[{"name":"A","value":"1"}]');
  });

  it('prints the server answer, and nothing when the image is already set', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx');
    const r = run(
      `kubectl set image deploy/web nginx=nginx:1.27 -o jsonpath='{.metadata.generation} {.spec.template.spec.containers[0].image}'`,
    );
    expect(r.out).toBe('2 nginx:1.27');
    expect(run('kubectl set image deploy/web nginx=nginx:1.27 -o yaml')).toEqual({
      out: '',
      err: '',
      code: 0,
    });
  });
});
