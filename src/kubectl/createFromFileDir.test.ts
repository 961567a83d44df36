/**
 * `kubectl create configmap|secret generic NAME --from-file=DIR` (audit 16 G26): as kubectl
 * 1.32 does, one key per regular file in the directory, by its name in name order;
 * subdirectories are skipped; a key name for a directory and invalid key names are errors in
 * kubectl's words.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

function withDir() {
  const s = engineSession(3);
  s.run('mkdir -p cfg/sub');
  s.run('echo hello > cfg/greeting.txt');
  s.run('echo "a: 1" > cfg/app.yaml');
  s.run('echo skipped > cfg/sub/inner.txt');
  return s;
}

describe('--from-file=DIR', () => {
  it('makes a ConfigMap key of every regular file in the directory, not of its subdirectories', () => {
    const { run } = withDir();
    expect(run('kubectl create configmap fromdir --from-file=cfg')).toEqual({
      out: 'configmap/fromdir created\n',
      err: '',
      code: 0,
    });
    expect(run("kubectl get cm fromdir -o jsonpath='{.data}'").out).toBe(
      '{"app.yaml":"a: 1\\n","greeting.txt":"hello\\n"}',
    );
    expect(run('kubectl get cm fromdir').out).toMatch(/^NAME {6}DATA {3}AGE\nfromdir {3}2 {6}/);
    // A trailing slash names the same directory; the working directory is `.`.
    expect(
      run("kubectl create cm again --from-file=cfg/ --dry-run=client -o jsonpath='{.data}'").out,
    ).toBe('{"app.yaml":"a: 1\\n","greeting.txt":"hello\\n"}');
    run('cd cfg');
    expect(
      run("kubectl create cm here --from-file=. --dry-run=client -o jsonpath='{.data}'").out,
    ).toBe('{"app.yaml":"a: 1\\n","greeting.txt":"hello\\n"}');
  });

  it('does the same for a generic Secret, base64 in data', () => {
    const { run } = withDir();
    expect(run('kubectl create secret generic s --from-file=cfg').out).toBe('secret/s created\n');
    expect(run("kubectl get secret s -o jsonpath='{.data}'").out).toBe(
      '{"app.yaml":"YTogMQo=","greeting.txt":"aGVsbG8K"}',
    );
  });

  it('refuses a key name for a directory, bad key names and sources as kubectl words them', () => {
    const { run } = withDir();
    expect(run('kubectl create cm k --from-file=key=cfg')).toEqual({
      out: '',
      err: 'error: cannot give a key name for a directory path\n',
      code: 1,
    });
    expect(run('kubectl create cm k --from-file=a=b=c').err).toBe(
      "error: key names or file paths cannot contain '='\n",
    );
    expect(run('kubectl create cm k --from-file=nope').err).toBe(
      'error: error reading nope: no such file or directory\n',
    );
    expect(run('kubectl create cm k --from-file=cfg/app.yaml/').err).toBe(
      'error: error reading cfg/app.yaml/: not a directory\n',
    );
    run('echo z > "cfg/bad name.txt"');
    expect(run('kubectl create cm bad --from-file=cfg')).toEqual({
      out: '',
      err: `error: "bad name.txt" is not a valid key name for a ConfigMap: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')\n`,
      code: 1,
    });
    expect(run('kubectl create secret generic bad --from-file=cfg').err).toBe(
      `error: "bad name.txt" is not valid key name for a Secret a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')\n`,
    );
    run('rm "cfg/bad name.txt"');
    expect(run('kubectl create cm dup --from-file=cfg --from-file=cfg/app.yaml').err).toBe(
      'error: cannot add key "app.yaml", another key by that name already exists in Data for ConfigMap "dup"\n',
    );
    expect(run('kubectl get cm bad dup').code).toBe(1);
  });
});
