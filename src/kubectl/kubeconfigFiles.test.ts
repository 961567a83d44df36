/**
 * `--kubeconfig FILE` and an exported `KUBECONFIG` (audit 15 F22): the file's clusters, users
 * and contexts answer `config` commands, `use-context` writes into it, and a cluster that is
 * not the simulated one cannot be reached. The CKA "use /root/my-kube-config" task.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const MY_CONFIG = `apiVersion: v1
kind: Config
clusters:
- name: prod
  cluster:
    server: https://10.0.0.1:6443
- name: kubernetes
  cluster:
    server: https://172.18.0.2:6443
users:
- name: aws-user
  user:
    token: x
contexts:
- name: aws-ctx
  context:
    cluster: prod
    user: aws-user
- name: research
  context:
    cluster: kubernetes
    user: aws-user
    namespace: dev
current-context: aws-ctx
`;

const TIMEOUT_LINE =
  '"Unhandled Error" err="couldn\'t get current server API group list: Get \\"https://10.0.0.1:6443/api?timeout=32s\\": dial tcp 10.0.0.1:6443: i/o timeout"';

describe('kubeconfig files', () => {
  it('--kubeconfig selects the file for config commands', () => {
    const { run, host } = engineSession(1);
    host.fs.write('my-kube-config', MY_CONFIG);
    expect(run('kubectl config view --kubeconfig=my-kube-config').out).toBe(
      `apiVersion: v1
clusters:
- cluster:
    server: https://172.18.0.2:6443
  name: kubernetes
- cluster:
    server: https://10.0.0.1:6443
  name: prod
contexts:
- context:
    cluster: prod
    user: aws-user
  name: aws-ctx
- context:
    cluster: kubernetes
    namespace: dev
    user: aws-user
  name: research
current-context: aws-ctx
kind: Config
preferences: {}
users:
- name: aws-user
  user:
    token: REDACTED
`,
    );
    expect(run('kubectl config get-contexts --kubeconfig=my-kube-config').out).toBe(
      'CURRENT   NAME       CLUSTER      AUTHINFO   NAMESPACE\n' +
        '*         aws-ctx    prod         aws-user   \n' +
        '          research   kubernetes   aws-user   dev\n',
    );
    expect(
      run(
        `kubectl config view --kubeconfig=my-kube-config -o jsonpath="{.contexts[?(@.context.user=='aws-user')].name}"`,
      ).out,
    ).toBe('aws-ctx research');
    // The built-in config is untouched.
    expect(run('kubectl config current-context').out).toBe('kubernetes-admin@kubernetes\n');
  });

  it('use-context writes the file; a missing file is an error', () => {
    const { run, host } = engineSession(1);
    host.fs.write('my-kube-config', MY_CONFIG);
    expect(run('kubectl config use-context research --kubeconfig=my-kube-config').out).toBe(
      'Switched to context "research".\n',
    );
    expect(host.fs.read('my-kube-config')).toContain('current-context: research\n');
    expect(run('kubectl config current-context --kubeconfig=my-kube-config').out).toBe(
      'research\n',
    );
    expect(run('kubectl get pods --kubeconfig=nope')).toEqual({
      out: '',
      err: 'error: stat nope: no such file or directory\n',
      code: 1,
    });
  });

  it('a cluster other than the simulated one times out; its token is Unauthorized here', () => {
    const { run, host } = engineSession(1);
    host.fs.write('my-kube-config', MY_CONFIG);
    const r = run('kubectl get pods --kubeconfig=my-kube-config');
    expect(r.code).toBe(1);
    const lines = r.err.split('\n');
    expect(lines).toHaveLength(7);
    for (const l of lines.slice(0, 5))
      expect(l).toMatch(/^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ memcache\.go:265\] /);
    expect(lines[0]?.endsWith(TIMEOUT_LINE)).toBe(true);
    expect(lines[5]).toBe('Unable to connect to the server: dial tcp 10.0.0.1:6443: i/o timeout');
    expect(run('kubectl get pods --kubeconfig=my-kube-config --context=research').err).toBe(
      'error: You must be logged in to the server (Unauthorized)\n',
    );
  });

  it('export KUBECONFIG selects the file for every command', () => {
    const { run, host } = engineSession(1);
    host.fs.write('my-kube-config', MY_CONFIG);
    run('export KUBECONFIG=my-kube-config');
    expect(run('kubectl config current-context').out).toBe('aws-ctx\n');
    expect(run('kubectl get nodes').err).toContain(
      'Unable to connect to the server: dial tcp 10.0.0.1:6443: i/o timeout\n',
    );
    // `config view --raw > f` of the admin config, loaded back, is the admin again.
    run('export KUBECONFIG=/home/learner/.kube/config');
    host.fs.write('admin.conf', run('kubectl config view --raw').out);
    expect(run('kubectl get ns default --no-headers --kubeconfig=admin.conf').out).toMatch(
      /^default +Active +\d+d\n$/,
    );
  });
});
