/**
 * Audit 17 H2: `kubectl config set`, `unset`, `delete-cluster` and `delete-user` with kubectl
 * 1.32's texts (cmd/config set.go, unset.go, navigation_step_parser.go, delete_cluster.go,
 * delete_user.go).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const CTX = 'contexts.kubernetes-admin@kubernetes.namespace';

describe('config set and unset', () => {
  it("undo the study note's base namespace either way", () => {
    const { run } = engineSession(3);
    run('kubectl create ns blue');
    run('kubectl config set-context --current --namespace=blue');
    expect(run('kubectl get pods').err).toBe('No resources found in blue namespace.\n');
    expect(run(`kubectl config unset ${CTX}`)).toEqual({
      out: `Property "${CTX}" unset.\n`,
      err: '',
      code: 0,
    });
    expect(run('kubectl get pods').err).toBe('No resources found in default namespace.\n');
    expect(run(`kubectl config set ${CTX} blue`)).toEqual({
      out: `Property "${CTX}" set.\n`,
      err: '',
      code: 0,
    });
    expect(run('kubectl config get-contexts').out).toBe(
      'CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   blue\n',
    );
  });

  it('creates what the path names; map keys may hold dots; users get credentials', () => {
    const { run } = engineSession(3);
    expect(run('kubectl config set clusters.10.0.0.1.server https://10.0.0.1:6443').out).toBe(
      'Property "clusters.10.0.0.1.server" set.\n',
    );
    run('kubectl config set users.jane.token abc');
    run('kubectl config set contexts.lab.cluster 10.0.0.1');
    run('kubectl config set contexts.lab.user jane');
    expect(run('kubectl config view -o jsonpath={.contexts[1]}').out).toBe(
      '{"context":{"cluster":"10.0.0.1","user":"jane"},"name":"lab"}',
    );
    expect(run('kubectl config view -o jsonpath={.users[0]}').out).toBe(
      '{"name":"jane","user":{"token":"REDACTED"}}',
    );
    expect(run('kubectl config get-clusters').out).toContain('\n10.0.0.1\n');
    expect(run('kubectl config set current-context lab').out).toBe(
      'Property "current-context" set.\n',
    );
    expect(run('kubectl config current-context').out).toBe('lab\n');
    // unset of an entry removes it.
    expect(run('kubectl config unset contexts.lab').out).toBe('Property "contexts.lab" unset.\n');
    expect(run('kubectl get pods').err).toBe(
      'Error in configuration: context was not found for specified context: lab\n',
    );
    expect(run('kubectl config unset current-context').out).toBe(
      'Property "current-context" unset.\n',
    );
    expect(run('kubectl config view --minify').err).toBe(
      'error: current-context must exist in order to minify\n',
    );
    expect(run('kubectl config current-context').err).toBe('error: current-context is not set\n');
  });

  it('binary fields: base64 unless --set-raw-bytes', () => {
    const { run, host } = engineSession(3);
    expect(run('kubectl config set clusters.c.certificate-authority-data abc')).toEqual({
      out: '',
      err: 'error: error decoding input value: illegal base64 data at input byte 0\n',
      code: 1,
    });
    expect(run('kubectl config set clusters.c.certificate-authority-data a*cd').err).toBe(
      'error: error decoding input value: illegal base64 data at input byte 1\n',
    );
    expect(run('kubectl config get-clusters').out).toBe('NAME\nkubernetes\n');
    run('kubectl config set clusters.c.certificate-authority-data aGVsbG8=');
    run('kubectl config set clusters.d.certificate-authority-data hello --set-raw-bytes');
    const raw = run('kubectl config view --raw -o jsonpath={.clusters[*].cluster}').out;
    expect(raw).toContain('{"certificate-authority-data":"aGVsbG8=","server":""}');
    expect(raw.split('aGVsbG8=').length).toBe(3);
  });

  it("kubectl's errors", () => {
    const { run } = engineSession(3);
    expect(run('kubectl config set foo bar').err).toBe(
      'error: unable to parse foo after [] at api.Config\n',
    );
    expect(run('kubectl config set current-context.x y').err).toBe(
      'error: unable to parse one or more field values of current-context.x\n',
    );
    expect(run('kubectl config set contexts.x bar').err).toBe(
      "error: can't set a map to a value: map[kubernetes-admin@kubernetes:0xc0004a2000]\n",
    );
    expect(run('kubectl config set contexts.x.namespace ""').err).toBe(
      'error: you cannot use set to unset a property\n',
    );
    expect(run('kubectl config unset contexts.nosuch.namespace')).toEqual({
      out: '',
      err: 'error: current map key `nosuch` is invalid\n',
      code: 1,
    });
    const usage = run('kubectl config set a');
    expect(usage.out).toContain(
      'Usage:\n  kubectl config set PROPERTY_NAME PROPERTY_VALUE [options]\n',
    );
    expect(usage.err).toBe('error: Unexpected args: [a]\n');
    expect(run('kubectl config unset').err).toBe('error: Unexpected args: []\n');
    expect(run('kubectl config get-contexts -o name').out).toBe('kubernetes-admin@kubernetes\n');
  });

  it('writes into the --kubeconfig file', () => {
    const { run, host } = engineSession(3);
    host.fs.write('k.yaml', 'apiVersion: v1\nkind: Config\ncurrent-context: ""\n');
    expect(
      run('kubectl config set clusters.lab.server https://10.0.0.1:6443 --kubeconfig=k.yaml').code,
    ).toBe(0);
    expect(host.fs.read('/home/learner/k.yaml')).toContain(
      '- cluster:\n    server: https://10.0.0.1:6443\n  name: lab\n',
    );
  });
});

describe('config delete-cluster and delete-user', () => {
  it('delete what is there; say so when it is not', () => {
    const { run } = engineSession(3);
    run('kubectl config set-cluster lab --server=https://10.0.0.1:6443');
    run('kubectl config set-credentials jane --token=abc');
    expect(run('kubectl config delete-cluster lab')).toEqual({
      out: 'deleted cluster lab from /home/learner/.kube/config\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl config delete-cluster lab')).toEqual({
      out: '',
      err: 'error: cannot delete cluster lab, not in /home/learner/.kube/config\n',
      code: 1,
    });
    expect(run('kubectl config delete-user jane')).toEqual({
      out: 'deleted user jane from /home/learner/.kube/config\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl config delete-user jane')).toEqual({
      out: '',
      err: 'error: cannot delete user jane, not in /home/learner/.kube/config\n',
      code: 1,
    });
    expect(run('kubectl config get-users').out).toBe('NAME\nkubernetes-admin\n');
  });

  it('without a name: delete-cluster prints its help, delete-user a usage error', () => {
    const { run } = engineSession(3);
    const help = run('kubectl config delete-cluster');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Delete the specified cluster from the kubeconfig\.\n\nExamples:\n/);
    expect(run('kubectl config delete-user')).toEqual({
      out: '',
      err: "error: user to delete is required\nSee 'kubectl config delete-user -h' for help and examples\n",
      code: 1,
    });
  });

  it('deleting the admin user leaves the context without credentials: kubectl prompts', () => {
    const { run } = engineSession(3);
    run('kubectl config delete-user kubernetes-admin');
    expect(run('kubectl get pods')).toEqual({
      out: 'Please enter Username: ',
      err: 'error: EOF\n',
      code: 1,
    });
  });
});

describe('config set preferences.colors', () => {
  it('a bool kept when true, as kubectl 1.32.5 writes it', () => {
    const { run } = engineSession(3);
    expect(run('kubectl config set preferences.colors true').out).toBe(
      'Property "preferences.colors" set.\n',
    );
    expect(run('kubectl config view').out).toContain('preferences:\n  colors: true\nusers:\n');
    expect(run('kubectl config view -o json').out).toMatch(
      /^\{\n {4}"kind": "Config",\n {4}"apiVersion": "v1",\n {4}"preferences": \{\n {8}"colors": true\n {4}\},\n/,
    );
    run('kubectl config set preferences.colors false');
    expect(run('kubectl config view -o jsonpath={.preferences}').out).toBe('{}');
    expect(run('kubectl config set preferences.colors maybe').err).toBe(
      'error: strconv.ParseBool: parsing "maybe": invalid syntax\n',
    );
    run('kubectl config set preferences.colors 1');
    expect(run('kubectl config unset preferences').out).toBe('Property "preferences" unset.\n');
    expect(run('kubectl config view -o jsonpath={.preferences}').out).toBe('{}');
  });
});
