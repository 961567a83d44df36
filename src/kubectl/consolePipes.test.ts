/**
 * Pipelines in the console (audit 15 F13): the exam terminal's idioms `| base64 -d`, `| grep`,
 * `| wc -l`, `… -o yaml | kubectl apply -f -`, with GNU tools' outputs and exit codes.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('console pipelines', () => {
  it('decodes a secret with base64 -d and filters describe with grep', () => {
    const { run } = engineSession(3);
    run('kubectl create secret generic db --from-literal=pw=s3cr3t!');
    expect(run(`kubectl get secret db -o jsonpath='{.data.pw}' | base64 -d`)).toEqual({
      out: 's3cr3t!',
      err: '',
      code: 0,
    });
    expect(run('kubectl describe node control-plane | grep -i taint')).toEqual({
      out: 'Taints:             node-role.kubernetes.io/control-plane:NoSchedule\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl get ns | grep nothing-like-this').code).toBe(1);
  });

  it('applies what a dry run prints, read from stdin as STDIN', () => {
    const { run } = engineSession(3);
    expect(
      run('kubectl create deploy x --image=nginx --dry-run=client -o yaml | kubectl apply -f -'),
    ).toEqual({ out: 'deployment.apps/x created\n', err: '', code: 0 });
    expect(run('echo "apiVersion: v1" | kubectl apply -f -').err).toBe(
      'error: error validating "STDIN": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
    );
    expect(run('kubectl apply -f -').err).toBe(
      'error: reading from stdin is not supported in this console: pipe a command into it\n',
    );
  });

  it('counts, sorts, cuts and redirects the last command of a pipeline', () => {
    const { run, host } = engineSession(3);
    expect(run('kubectl get pods -A --no-headers | grep kube-proxy | wc -l').out).toBe('4\n');
    expect(run('echo -n hello | base64').out).toBe('aGVsbG8=\n');
    expect(run('echo aGVsbG8= | base64 -d').out).toBe('hello');
    expect(run('echo "a:b:c" | cut -d: -f2').out).toBe('b\n');
    run('kubectl get ns --no-headers | sort -r | head -n 1 > last.txt');
    expect(host.fs.read('last.txt')).toMatch(/^kube-system +Active +/);
  });

  it('keeps the shell syntax errors of a dangling pipe', () => {
    const { run } = engineSession(3);
    expect(run('kubectl get pods |').err).toBe('bash: syntax error: unexpected end of line\n');
    expect(run('| grep x').err).toBe("bash: syntax error near unexpected token `|'\n");
  });

  it('yes into head ends when head has its lines (SIGPIPE); alone it says why it cannot run', () => {
    const { run } = engineSession(3);
    expect(run('yes | head -2')).toEqual({ out: 'y\ny\n', err: '', code: 0 });
    expect(run('yes n | head -n 3 | wc -l').out).toBe('3\n');
    expect(run('set -o pipefail; yes | head -1 > /dev/null; echo $?').out).toBe('141\n');
    expect(run('yes').code).toBe(130);
  });
});
