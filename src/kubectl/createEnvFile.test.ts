/**
 * `kubectl create configmap|secret generic --from-env-file`: cmdutil.AddFromEnvFile's lines
 * (leading blanks trimmed, `#` and empty lines skipped, value = all after the first `=`), the
 * env-var-name check on keys, and Validate's rule that env files stand alone.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

function session() {
  const s = engineSession();
  s.host.fs.write('app.env', 'color=blue\n  # comment\n\nEMPTY=\nurl=http://x?a=b\n');
  return s;
}

describe('--from-env-file', () => {
  it('makes one key per line of a config map and of a secret', () => {
    const { run } = session();
    expect(run('kubectl create configmap c1 --from-env-file=app.env').out).toBe(
      'configmap/c1 created\n',
    );
    expect(run("kubectl get cm c1 -o jsonpath='{.data}'").out).toBe(
      '{"EMPTY":"","color":"blue","url":"http://x?a=b"}',
    );
    expect(run('kubectl create secret generic s1 --from-env-file=app.env').out).toBe(
      'secret/s1 created\n',
    );
    expect(run("kubectl get secret s1 -o jsonpath='{.data}'").out).toBe(
      '{"EMPTY":"","color":"Ymx1ZQ==","url":"aHR0cDovL3g/YT1i"}',
    );
  });

  it('refuses a key that is no env var name, mixing with --from-literal, and a missing file', () => {
    const { run, host } = session();
    host.fs.write('bad.env', 'mode = prod\n');
    expect(run('kubectl create configmap c2 --from-env-file=bad.env')).toEqual({
      out: '',
      err: `error: "mode " is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')\n`,
      code: 1,
    });
    expect(
      run('kubectl create secret generic s --from-env-file=app.env --from-literal=a=b').err,
    ).toBe('error: from-env-file cannot be combined with from-file or from-literal\n');
    expect(run('kubectl create configmap c4 --from-env-file=nope.env').err).toBe(
      'error: error reading nope.env: no such file or directory\n',
    );
  });
});
