/**
 * Audit 17 H3/H11: what kubectl 1.32 prints when the kubeconfig cannot give a command its
 * client (client-go clientcmd's ConfirmUsable and ClientConfig), before any request.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';
import { refusedPattern } from './testing/refused.ts';

const REFUSED = expect.stringMatching(refusedPattern('localhost:8080'));

describe('the current context deleted', () => {
  it('every command says its context was not found; view --minify cannot locate it', () => {
    const { run, host } = engineSession(3);
    expect(run('kubectl config delete-context kubernetes-admin@kubernetes')).toEqual({
      out: 'deleted context kubernetes-admin@kubernetes from /home/learner/.kube/config\n',
      err: 'warning: this removed your active context, use "kubectl config use-context" to select a different one\n',
      code: 0,
    });
    expect(run('kubectl config current-context').out).toBe('kubernetes-admin@kubernetes\n');
    const notFound = {
      out: '',
      err: 'Error in configuration: context was not found for specified context: kubernetes-admin@kubernetes\n',
      code: 1,
    };
    expect(run('kubectl get pods')).toEqual(notFound);
    // -n skips the namespace lookup; ClientConfig's ConfirmUsable finds the same.
    expect(run('kubectl get pods -n kube-system')).toEqual(notFound);
    expect(run('kubectl api-resources')).toEqual(notFound);
    expect(run('kubectl version')).toEqual(notFound);
    // What reads no kubeconfig still works.
    expect(run('kubectl version --client').code).toBe(0);
    host.fs.write('/home/learner/k/kustomization.yaml', 'resources:\n- ns.yaml\n');
    host.fs.write(
      '/home/learner/k/ns.yaml',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n',
    );
    expect(run('kubectl kustomize k')).toEqual({
      out: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl config view --minify')).toEqual({
      out: '',
      err: 'error: cannot locate context kubernetes-admin@kubernetes\n',
      code: 1,
    });
    // A context again: everything works.
    run(
      'kubectl config set-context kubernetes-admin@kubernetes --cluster=kubernetes --user=kubernetes-admin',
    );
    expect(run('kubectl get pods').err).toBe('No resources found in default namespace.\n');
  });

  it('view --minify: a missing cluster or user, --context', () => {
    const { run } = engineSession(3);
    expect(run('kubectl config view --minify --context=nosuch').err).toBe(
      'error: cannot locate context nosuch\n',
    );
    run('kubectl config set-context lab --cluster=nolab --user=kubernetes-admin');
    expect(run('kubectl config view --minify --context=lab').err).toBe(
      'error: cannot locate cluster nolab\n',
    );
    run('kubectl config set-context lab2 --cluster=kubernetes --user=nobody');
    expect(run('kubectl config view --minify --context=lab2').err).toBe(
      'error: cannot locate user nobody\n',
    );
    const lab3 = run(
      'kubectl config view --minify --context=kubernetes-admin@kubernetes -o jsonpath={.current-context}',
    );
    expect(lab3.out).toBe('kubernetes-admin@kubernetes');
  });

  it('a context without a cluster is not an error: kubeconfig defaults point at localhost:8080', () => {
    const { run } = engineSession(3);
    run('kubectl config set-context --current --cluster=nosuch');
    expect(run('kubectl get pods')).toEqual({ out: '', err: REFUSED, code: 1 });
  });
});

describe('--context, --user and --cluster naming nothing', () => {
  it('--context: Error in configuration from the namespace lookup, else context does not exist', () => {
    const { run } = engineSession(3);
    expect(run('kubectl --context=nosuch get pods')).toEqual({
      out: '',
      err: 'Error in configuration: context was not found for specified context: nosuch\n',
      code: 1,
    });
    expect(run('kubectl get pods --context=nosuch -n default')).toEqual({
      out: '',
      err: 'error: context "nosuch" does not exist\n',
      code: 1,
    });
    expect(run('kubectl version --context=nosuch')).toEqual({
      out: '',
      err: 'error: context "nosuch" does not exist\n',
      code: 1,
    });
    expect(run('kubectl version --client --context=nosuch').code).toBe(0);
  });

  it('--user: auth info does not exist, and no request goes out', () => {
    const { run } = engineSession(3);
    expect(run('kubectl --user=nosuch get pods')).toEqual({
      out: '',
      err: 'error: auth info "nosuch" does not exist\n',
      code: 1,
    });
    expect(run('kubectl --user=nosuch create ns x')).toEqual({
      out: '',
      err: 'error: auth info "nosuch" does not exist\n',
      code: 1,
    });
    expect(run('kubectl get ns x').err).toBe(
      'Error from server (NotFound): namespaces "x" not found\n',
    );
    expect(run('kubectl --user=kubernetes-admin get pods').err).toBe(
      'No resources found in default namespace.\n',
    );
  });

  it('--cluster: no server found for it, else cluster does not exist', () => {
    const { run } = engineSession(3);
    // A lone error that is not errContextNotFound: CheckErr unwraps it to a plain error line.
    expect(run('kubectl --cluster=nosuch get pods')).toEqual({
      out: '',
      err: 'error: no server found for cluster "nosuch"\n',
      code: 1,
    });
    expect(run('kubectl --cluster=nosuch get pods -n default')).toEqual({
      out: '',
      err: 'error: cluster "nosuch" does not exist\n',
      code: 1,
    });
    // Both missing: ConfirmUsable lists both.
    expect(run('kubectl --context=a --cluster=b get pods')).toEqual({
      out: '',
      err: 'Error in configuration: \n* context was not found for specified context: a\n* no server found for cluster "b"\n',
      code: 1,
    });
    expect(run('kubectl --cluster=kubernetes get pods').err).toBe(
      'No resources found in default namespace.\n',
    );
    run('kubectl config set-context dev --namespace=dev');
    expect(
      run('kubectl --context=dev --cluster=kubernetes --user=kubernetes-admin get pods').err,
    ).toBe('No resources found in dev namespace.\n');
  });
});

describe('--as-group and --as-uid without --as', () => {
  it('validateAuthInfo refuses them before any request, named after the kubeconfig user', () => {
    const { run } = engineSession(3);
    const refused = {
      out: '',
      err: 'error: requesting uid, groups or user-extra for kubernetes-admin without impersonating a user\n',
      code: 1,
    };
    expect(run('kubectl get pods --as-group=devs')).toEqual(refused);
    expect(run('kubectl get pods --as-uid=1000 -n kube-system')).toEqual(refused);
    expect(run('kubectl auth can-i get pods --as-group=system:masters')).toEqual(refused);
    expect(run('kubectl version --as-group=x')).toEqual(refused);
    // With a missing context too: both errors, the user name empty (no context names one).
    expect(run('kubectl get pods --as-group=x --context=nope')).toEqual({
      out: '',
      err:
        'Error in configuration: \n* context was not found for specified context: nope\n' +
        '* requesting uid, groups or user-extra for  without impersonating a user\n',
      code: 1,
    });
    // A --user naming nothing: that is the error.
    expect(run('kubectl get pods --as-group=a --user=nope').err).toBe(
      'error: auth info "nope" does not exist\n',
    );
    // With --as the groups are impersonated.
    expect(run('kubectl get pods --as=jane --as-group=system:masters').code).toBe(0);
  });
});

describe('--request-timeout', () => {
  it('ClientConfig parses it (whole seconds or a Go duration) after the kubeconfig checks', () => {
    const { run } = engineSession(3);
    const invalid = {
      out: '',
      err: 'error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)\n',
      code: 1,
    };
    expect(run('kubectl get pods --request-timeout=abc')).toEqual(invalid);
    expect(run('kubectl get pods --request-timeout=-1 -n kube-system')).toEqual(invalid);
    expect(run('kubectl get pods --context=nope --request-timeout=abc').err).toBe(
      'Error in configuration: context was not found for specified context: nope\n',
    );
    expect(run('kubectl get ns default --request-timeout=5 -o name').out).toBe(
      'namespace/default\n',
    );
    expect(run('kubectl get ns default --request-timeout=1m30s -o name').code).toBe(0);
    // What builds no client does not parse it.
    expect(run('kubectl version --client --request-timeout=x').code).toBe(0);
  });
});

describe('--server', () => {
  it("overrides the selected cluster's server: this machine's own port refuses at once", () => {
    const { run } = engineSession(3);
    const r = run('kubectl get pods --server=http://127.0.0.1:1 -o name');
    expect(r.code).toBe(1);
    expect(r.err.split('\n').slice(-2)).toEqual([
      'The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?',
      '',
    ]);
    expect(r.err).toContain(
      'Get \\"http://127.0.0.1:1/api?timeout=32s\\": dial tcp 127.0.0.1:1: connect: connection refused"',
    );
    // Another machine's address: nothing answers, the dial times out.
    expect(run('kubectl get pods -s https://10.9.9.9:6443').err).toMatch(
      /\nUnable to connect to the server: dial tcp 10\.9\.9\.9:6443: i\/o timeout\n$/,
    );
    // The cluster's own address works; set-cluster's --server is its own flag.
    expect(run('kubectl get ns default --server=https://172.18.0.2:6443 -o name').out).toBe(
      'namespace/default\n',
    );
    expect(run('kubectl config set-cluster x --server=http://127.0.0.1:1').out).toBe(
      'Cluster "x" set.\n',
    );
  });
});
