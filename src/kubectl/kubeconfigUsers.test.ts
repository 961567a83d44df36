/**
 * kubeconfig users (audit 15 F16): `config set-credentials` with a client certificate and key
 * or a token, and a context that uses the user: its requests come from the identity the API
 * server derives (an approved CSR's certificate: CN user, O groups), which RBAC then decides.
 * The docs' "Normal user" flow, end to end.
 */
import { describe, expect, it } from 'vitest';
import { csrManifest, JOHN_KEY } from './testing/csrFixtures.ts';
import { engineSession } from './testing/engineSession.ts';

/** The CSR approved and john.crt/john.key written as the docs' commands leave them. */
function johnWithCertificate() {
  const session = engineSession(1);
  const { run, host } = session;
  host.fs.write('csr.yaml', csrManifest('john'));
  run('kubectl apply -f csr.yaml');
  run('kubectl certificate approve john');
  const b64 = run("kubectl get csr john -o jsonpath='{.status.certificate}'").out;
  // `… | base64 -d > john.crt` and the key openssl wrote.
  host.fs.write('john.crt', atob(b64));
  host.fs.write('john.key', JOHN_KEY);
  return session;
}

describe('kubeconfig users', () => {
  it('a certificate from an approved CSR acts as its CN, and RBAC decides', () => {
    const { run } = johnWithCertificate();
    expect(
      run(
        'kubectl config set-credentials john --client-key=john.key --client-certificate=john.crt --embed-certs=true',
      ),
    ).toEqual({ out: 'User "john" set.\n', err: '', code: 0 });
    expect(run('kubectl config set-context john --cluster=kubernetes --user=john').out).toBe(
      'Context "john" created.\n',
    );
    expect(run('kubectl --context=john get pods')).toEqual({
      out: '',
      err: 'Error from server (Forbidden): pods is forbidden: User "john" cannot list resource "pods" in API group "" in the namespace "default"\n',
      code: 1,
    });
    expect(run('kubectl --context=john auth whoami').out).toMatch(
      /^ATTRIBUTE {43}VALUE\nUsername {44}john\nGroups {46}\[devs qa system:authenticated\]\nExtra: authentication\.kubernetes\.io\/credential-id {3}\[X509SHA256=[0-9a-f]{64}\]\n$/,
    );
    // The docs' Role and RoleBinding.
    run(
      'kubectl create role developer --verb=create --verb=get --verb=list --verb=update --verb=delete --resource=pods',
    );
    expect(
      run('kubectl create rolebinding developer-binding-john --role=developer --user=john').code,
    ).toBe(0);
    expect(run('kubectl --context=john get pods')).toEqual({
      out: '',
      err: 'No resources found in default namespace.\n',
      code: 0,
    });
    expect(run('kubectl --context=john auth can-i list pods').out).toBe('yes\n');
    expect(run('kubectl --context=john get deployments').err).toBe(
      'Error from server (Forbidden): deployments.apps is forbidden: User "john" cannot list resource "deployments" in API group "apps" in the namespace "default"\n',
    );
    // A CSR john creates names him as its requester.
    expect(run('kubectl config use-context john').out).toBe('Switched to context "john".\n');
    expect(run('kubectl get pods -n kube-system').err).toContain('User "john" cannot list');
  });

  it('--as from a non-admin user needs impersonate; a CSR john creates names him', () => {
    const { run, host } = johnWithCertificate();
    run('kubectl config set-credentials john --client-key=john.key --client-certificate=john.crt');
    run('kubectl config set-context john --cluster=kubernetes --user=john');
    expect(run('kubectl --context=john get pods --as=jane')).toEqual({
      out: '',
      err: 'Error from server (Forbidden): users "jane" is forbidden: User "john" cannot impersonate resource "users" in API group "" at the cluster scope\n',
      code: 1,
    });
    run(
      'kubectl create clusterrole csr-creator --verb=create,get --resource=certificatesigningrequests',
    );
    run('kubectl create clusterrolebinding john-csr --clusterrole=csr-creator --user=john');
    host.fs.write('csr2.yaml', csrManifest('john-2'));
    expect(run('kubectl --context=john create -f csr2.yaml').out).toBe(
      'certificatesigningrequest.certificates.k8s.io/john-2 created\n',
    );
    const yaml = run('kubectl get csr john-2 -o yaml').out;
    expect(yaml).toContain('  groups:\n  - devs\n  - qa\n  - system:authenticated\n');
    expect(yaml).toContain('  username: john\n');
    expect(yaml).toMatch(
      / {2}extra:\n {4}authentication\.kubernetes\.io\/credential-id:\n {4}- X509SHA256=[0-9a-f]{64}\n/,
    );
  });

  it('certificate paths: kept as given in config view; missing files are configuration errors', () => {
    const { run } = engineSession(1);
    expect(
      run(
        'kubectl config set-credentials john --client-certificate=/root/john.crt --client-key=/root/john.key',
      ).out,
    ).toBe('User "john" set.\n');
    run('kubectl config set-context john-ctx --cluster=kubernetes --user=john --namespace=dev');
    expect(run('kubectl config use-context john-ctx').out).toBe(
      'Switched to context "john-ctx".\n',
    );
    expect(run('kubectl get pods')).toEqual({
      out: '',
      err:
        'Error in configuration: \n' +
        '* unable to read client-cert /root/john.crt for john due to open /root/john.crt: no such file or directory\n' +
        '* unable to read client-key /root/john.key for john due to open /root/john.key: no such file or directory\n',
      code: 1,
    });
    expect(run('kubectl config view').out).toContain(
      '- name: john\n' +
        '  user:\n' +
        '    client-certificate: /root/john.crt\n' +
        '    client-key: /root/john.key\n',
    );
    // Config commands need no server: they still work.
    expect(run('kubectl config use-context kubernetes-admin@kubernetes').code).toBe(0);
    expect(run('kubectl get ns default --no-headers').code).toBe(0);
  });

  it('a relative path is made absolute; --embed-certs needs the files', () => {
    const { run } = engineSession(1);
    run('kubectl config set-credentials a --client-certificate=a.crt --client-key=a.key');
    expect(run('kubectl config view').out).toContain(
      '    client-certificate: /home/learner/a.crt\n    client-key: /home/learner/a.key\n',
    );
    expect(
      run('kubectl config set-credentials b --client-certificate=b.crt --embed-certs'),
    ).toEqual({
      out: '',
      err: 'error: could not stat client-certificate file b.crt: stat b.crt: no such file or directory\n',
      code: 1,
    });
  });

  it('a certificate the cluster CA did not sign, and an unknown token, are Unauthorized', () => {
    const { run, host } = engineSession(1);
    host.fs.write(
      'self.crt',
      '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n',
    );
    host.fs.write('self.key', '-----BEGIN PRIVATE KEY-----\nMIGHAgEA\n-----END PRIVATE KEY-----\n');
    run('kubectl config set-credentials self --client-certificate=self.crt --client-key=self.key');
    expect(run('kubectl --user=self get pods')).toEqual({
      out: '',
      err: 'error: You must be logged in to the server (Unauthorized)\n',
      code: 1,
    });
    expect(run('kubectl config set-credentials tok --token=abc').out).toBe('User "tok" set.\n');
    expect(run('kubectl --user=tok get pods').err).toBe(
      'error: You must be logged in to the server (Unauthorized)\n',
    );
    expect(run('kubectl config view').out).toContain('- name: tok\n  user:\n    token: REDACTED\n');
    // A user without credentials: over TLS kubectl prompts for a username and reads stdin,
    // which the console never feeds (kubectl 1.32.5 with stdin closed).
    run('kubectl config set-credentials nobody');
    expect(run('kubectl --user=nobody get pods')).toEqual({
      out: 'Please enter Username: ',
      err: 'error: EOF\n',
      code: 1,
    });
    // With a username it sends basic auth, which no authenticator takes: anonymous.
    run('kubectl config set-credentials nobody --username=nobody');
    expect(run('kubectl --user=nobody get pods').err).toBe(
      'Error from server (Forbidden): pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" in the namespace "default"\n',
    );
  });
});

describe('validateAuthInfo', () => {
  it('a certificate without a key, and two authentication methods, as kubectl 1.32.5 says', () => {
    const { run } = engineSession(3);
    run('kubectl config set-credentials carol --client-certificate=/nope.crt');
    expect(run('kubectl get pods --user=carol')).toEqual({
      out: '',
      err:
        'Error in configuration: \n' +
        '* client-key-data or client-key must be specified for carol to use the clientCert authentication method.\n' +
        '* unable to read client-cert /nope.crt for carol due to open /nope.crt: no such file or directory\n',
      code: 1,
    });
    run('kubectl config set-credentials both --token=abc');
    expect(run('kubectl config set users.both.password pw').out).toBe(
      'Property "users.both.password" set.\n',
    );
    expect(run('kubectl get pods --user=both').err).toBe(
      'error: more than one authentication method found for both; found [token basicAuth], only one is allowed\n',
    );
    // A key alone is no certificate: its file is not read, and nothing identifies the user.
    run('kubectl config set-credentials eve --client-key=/nope.key');
    expect(run('kubectl get pods --user=eve')).toEqual({
      out: 'Please enter Username: ',
      err: 'error: EOF\n',
      code: 1,
    });
  });
});

describe('set-credentials on admin.conf user', () => {
  it('keeps its embedded certificate: only the flags given change (kubectl 1.32.5)', () => {
    const { run } = engineSession(3);
    run('kubectl config set-credentials kubernetes-admin --token=abc');
    expect(run('kubectl config view --minify -o jsonpath={.users[0].user}').out).toBe(
      '{"client-certificate-data":"DATA+OMITTED","client-key-data":"DATA+OMITTED","token":"REDACTED"}',
    );
    // The certificate still authenticates first.
    expect(run('kubectl get ns default -o name').out).toBe('namespace/default\n');
    // In another file the name is just a new user.
    run('kubectl config set-credentials kubernetes-admin --token=abc --kubeconfig=k.yaml');
    expect(run('cat k.yaml').out).toContain(
      'users:\n- name: kubernetes-admin\n  user:\n    token: abc\n',
    );
  });
});
