/**
 * `kubectl set env|resources|serviceaccount` on objects without a pod template: Run gathers an
 * `error: <resource>/<name> …\n` per object and returns them as one aggregate, printed after the
 * other objects' output. One is printed as it is; several by MultipleErrors, each followed by a
 * newline, so a blank line apart (kubectl 1.32.5).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const NOT_POD = (n: string) =>
  `error: configmaps/${n} the object is not a pod or does not have a pod template: *v1.ConfigMap\n`;

describe('set env, resources and serviceaccount on objects without a pod template', () => {
  for (const [verb, tail] of [
    ['env', 'FOO=bar'],
    ['resources', '--limits=cpu=1'],
    ['serviceaccount', 'sa1'],
  ] as const) {
    it(`set ${verb}: one error as itself, several a blank line apart, after the output`, () => {
      const { run } = engineSession();
      run('kubectl create deployment web --image=nginx');
      run('kubectl create configmap a --from-literal=x=1');
      run('kubectl create configmap b --from-literal=y=2');
      expect(run(`kubectl set ${verb} cm/a ${tail}`)).toEqual({
        out: '',
        err: NOT_POD('a'),
        code: 1,
      });
      expect(run(`kubectl set ${verb} cm/a cm/b ${tail}`)).toEqual({
        out: '',
        err: `${NOT_POD('a')}\n${NOT_POD('b')}\n`,
        code: 1,
      });
      // The Deployment before them is updated and said so; the error comes at the end.
      const mixed = run(`kubectl set ${verb} cm/a deploy/web ${tail}`);
      expect(mixed.err).toBe(NOT_POD('a'));
      expect(mixed.code).toBe(1);
      expect(mixed.out).toBe(
        `deployment.apps/web ${verb === 'env' ? 'env' : verb === 'resources' ? 'resource requirements' : 'serviceaccount'} updated\n`,
      );
    });
  }
});

describe('get --subresource with a selector or across all namespaces', () => {
  it("refuses what the builder refuses of the arguments first, then the list's subresource", () => {
    const { run } = engineSession();
    run('kubectl create deployment web --image=nginx');
    const fails = (line: string, err: string) =>
      expect(run(line)).toEqual({ out: '', err: `error: ${err}\n`, code: 1 });
    fails(
      'kubectl get deploy web --subresource=scale -l app=web',
      'name cannot be provided when a selector is specified',
    );
    fails(
      'kubectl get deploy/web --subresource=scale -l app=web',
      'selectors and the all flag cannot be used when passing resource/name arguments',
    );
    fails(
      'kubectl get deploy web --subresource=scale -A',
      'a resource cannot be retrieved by name across all namespaces',
    );
    fails(
      'kubectl get deploy --subresource=scale -l app=web',
      'subresource cannot be used when bulk resources are specified',
    );
    fails(
      'kubectl get deploy --subresource=scale -A',
      'subresource cannot be used when bulk resources are specified',
    );
  });
});
