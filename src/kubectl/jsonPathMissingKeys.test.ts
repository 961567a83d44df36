/**
 * `-o jsonpath` with `--allow-missing-template-keys=false`: client-go's evalField refuses a
 * field none of its inputs has (`nope is not found`), dumping the object; a field of nothing
 * (an empty list's items) is no error, and the default prints nothing for a missing key.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl get -o jsonpath and missing keys', () => {
  it('is an execution error only when missing keys are refused', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx');
    expect(run(`kubectl get deploy web -o jsonpath='{.spec.nope}'`)).toEqual({
      out: '',
      err: '',
      code: 0,
    });
    const r = run(
      `kubectl get deploy web -o jsonpath='{.spec.nope}' --allow-missing-template-keys=false`,
    );
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(
      /^error: error executing jsonpath "\{\.spec\.nope\}": Error executing template: nope is not found\. Printing more information for debugging the template:\n\ttemplate was:\n\t\t\{\.spec\.nope\}\n\tobject given to jsonpath engine was:\n\t\tmap\[string\]interface \{\}\{"apiVersion":"apps\/v1", "kind":"Deployment", /,
    );
    expect(
      run(
        `kubectl get deploy web -o jsonpath="{.metadata['name']}" --allow-missing-template-keys=false`,
      ).out,
    ).toBe('web');
    expect(
      run(
        `kubectl get deploy -l app=none -o jsonpath='{.items[*].nope}' --allow-missing-template-keys=false`,
      ),
    ).toEqual({ out: '', err: '', code: 0 });
  });
});
