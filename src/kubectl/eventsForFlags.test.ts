/**
 * `kubectl events` as the real kubectl 1.32.5 answers (checked with bench/kubectlOracle.ts):
 * --for goes through decodeResourceTypeName (a type is required, an empty name filters
 * nothing), and the PrintFlags (--template, --show-managed-fields,
 * --allow-missing-template-keys) are there, with PrintObj's error ignored.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

function broken() {
  const s = engineSession(1);
  s.run('kubectl create deployment bad --image=nginx:nope');
  s.run('kubectl run typo --image=ngnix');
  s.run('sim advance 2m');
  return s;
}

describe('kubectl events --for and the print flags', () => {
  it('--for with no type is the RESTMapper error; with no name it filters nothing', () => {
    const { run } = broken();
    expect(run('kubectl events --for /typo')).toEqual({
      out: '',
      err: 'error: a resource must be present, got: /, Resource=\n',
      code: 1,
    });
    const objects = `-o jsonpath='{range .items[*]}{.involvedObject.name} {.reason}{"\\n"}{end}'`;
    const all = run(`kubectl events --types=Warning ${objects}`);
    expect(all.out).toMatch(/^typo Failed$/m);
    expect(all.out).toMatch(/^bad-\w+-\w+ Failed$/m);
    expect(run(`kubectl events --for pod/ --types=Warning ${objects}`)).toEqual(all);
    // The type is still looked up.
    expect(run('kubectl events --for bogus/')).toEqual({
      out: '',
      err: 'the server doesn\'t have a resource type "bogus"\n',
      code: 1,
    });
  });

  it('--template, --show-managed-fields and --allow-missing-template-keys are accepted', () => {
    const { run } = broken();
    const names = run(`kubectl get events -o jsonpath='{.items[*].metadata.name}'`).out.split(' ');
    expect(names.length).toBeGreaterThan(5);
    expect(run(`kubectl events --template='{{len .items}}' -o go-template`)).toEqual({
      out: String(names.length),
      err: '',
      code: 0,
    });
    expect(run('kubectl events --show-managed-fields -o yaml --for pod/typo')).toEqual(
      run('kubectl events -o yaml --for pod/typo'),
    );
    // A key no event has: the printer's error is dropped by events.go, nothing is printed.
    expect(
      run(
        `kubectl events --for pod/typo --allow-missing-template-keys=false -o jsonpath='{.items[*].nope}'`,
      ),
    ).toEqual({ out: '', err: '', code: 0 });
    expect(run(`kubectl events --for pod/typo -o jsonpath='{.items[*].nope}'`)).toEqual({
      out: '',
      err: '',
      code: 0,
    });
  });
});
