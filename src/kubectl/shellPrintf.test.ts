/**
 * `echo -e` and `printf` in the console's shell, as bash's builtins (audit 15 F4): the one-line
 * ways to write a multi-line manifest.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('echo and printf', () => {
  it('echo -e writes a multi-line manifest kubectl applies', () => {
    const { run, host } = engineSession(3);
    run(
      `echo -e 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: c1\\ndata:\\n  a: "1"' > c.yaml`,
    );
    expect(host.fs.read('c.yaml')).toBe(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\ndata:\n  a: "1"\n',
    );
    expect(run('kubectl apply -f c.yaml').out).toBe('configmap/c1 created\n');
  });

  it('echo reads escapes only with -e', () => {
    const { run } = engineSession(3);
    expect(run(`echo "a\\nb"`).out).toBe('a\\nb\n');
    expect(run(`echo -E 'a\\nb'`).out).toBe('a\\nb\n');
    expect(run(`echo -ne 'a\\tb'`).out).toBe('a\tb');
    expect(run(`echo -e 'x\\cy'`).out).toBe('x');
    expect(run(`echo -e '\\0101\\x42'`).out).toBe('AB\n');
    // Not an option: printed.
    expect(run('echo -x y').out).toBe('-x y\n');
  });

  it('printf formats and reuses its format', () => {
    const { run, host } = engineSession(3);
    run(`printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: c2\\n' > c2.yaml`);
    expect(host.fs.read('c2.yaml')).toBe(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c2\n',
    );
    expect(run('kubectl apply -f c2.yaml').out).toBe('configmap/c2 created\n');
    expect(run(`printf '%s=%d\\n' a 1 b 2`).out).toBe('a=1\nb=2\n');
    expect(run(`printf '%-5s|%05.1f|%x|%%\\n' ab 3.14159 255`).out).toBe('ab   |003.1|ff|%\n');
    expect(run(`printf '%b' 'a\\nb'`).out).toBe('a\nb');
    expect(run('printf x%sy').out).toBe('xy');
    expect(run(`printf '%d\\n' abc`)).toEqual({
      out: '0\n',
      err: 'bash: printf: abc: invalid number\n',
      code: 1,
    });
    // The usage line is the builtin's own (builtin_usage): no `bash: ` before it.
    const usage = 'printf: usage: printf [-v var] format [arguments]\n';
    expect(run('printf')).toEqual({ out: '', err: usage, code: 2 });
    run(`printf -v greeting '%s, %s' hello world`);
    expect(run('echo $greeting').out).toBe('hello, world\n');
  });

  it('a first word that starts with - is an option, as bash 5.2 reads it: -- before such a format', () => {
    const { run } = engineSession(3);
    const usage = 'printf: usage: printf [-v var] format [arguments]\n';
    const refused = (message: string) => ({
      out: '',
      err: `bash: printf: ${message}\n${usage}`,
      code: 2,
    });
    expect(run(`printf '-x'`)).toEqual(refused('-x: invalid option'));
    expect(run(`printf '--x'`)).toEqual(refused('--: invalid option'));
    expect(run('printf -xv a')).toEqual(refused('-x: invalid option'));
    expect(run('printf -v')).toEqual(refused('-v: option requires an argument'));
    expect(run(`printf -- '-x'`)).toEqual({ out: '-x', err: '', code: 0 });
    expect(run(`printf '-'`)).toEqual({ out: '-', err: '', code: 0 });
    // -vNAME and -v NAME, then -- and a format that starts with a dash.
    run('printf -vX hi');
    run(`printf -v Y -- '-y'`);
    expect(run('echo $X $Y').out).toBe('hi -y\n');
    expect(run('printf -v 1x a')).toEqual({
      out: '',
      err: "bash: printf: `1x': not a valid identifier\n",
      code: 2,
    });
  });
});
