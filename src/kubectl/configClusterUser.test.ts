/**
 * `kubectl config set-cluster`, `set-credentials`, `view -o json|jsonpath` and the argument
 * checks of the context commands, as the real kubectl 1.32.5 printed them for the same
 * kubeconfig (session 24, F7).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('config view -o json and jsonpath', () => {
  it('JSON in v1.Config field order; jsonpath walks maps with sorted keys', () => {
    const { run } = engineSession(3);
    run('echo CA > ca.crt');
    expect(
      run(
        'kubectl config set-cluster lab --server=https://10.0.0.9:6443 --certificate-authority=ca.crt',
      ).out,
    ).toBe('Cluster "lab" set.\n');
    expect(
      run(
        'kubectl config set-cluster lab2 --certificate-authority=ca.crt --embed-certs --proxy-url=http://p:3128',
      ).out,
    ).toBe('Cluster "lab2" set.\n');
    run('kubectl config set-credentials alice --username=alice --password=s3cret');
    // A token replaces basic auth.
    run('kubectl config set-credentials alice --token=abc');
    run('kubectl config set-credentials bob --password=x');
    const json = run('kubectl config view -o json').out;
    expect(json.split('\n').slice(0, 47).join('\n')).toBe(`{
    "kind": "Config",
    "apiVersion": "v1",
    "preferences": {},
    "clusters": [
        {
            "name": "kubernetes",
            "cluster": {
                "server": "https://172.18.0.2:6443",
                "certificate-authority-data": "DATA+OMITTED"
            }
        },
        {
            "name": "lab",
            "cluster": {
                "server": "https://10.0.0.9:6443",
                "certificate-authority": "/home/learner/ca.crt"
            }
        },
        {
            "name": "lab2",
            "cluster": {
                "server": "",
                "certificate-authority-data": "DATA+OMITTED",
                "proxy-url": "http://p:3128"
            }
        }
    ],
    "users": [
        {
            "name": "alice",
            "user": {
                "token": "REDACTED"
            }
        },
        {
            "name": "bob",
            "user": {
                "password": "REDACTED"
            }
        },
        {
            "name": "kubernetes-admin",
            "user": {
                "client-certificate-data": "DATA+OMITTED",
                "client-key-data": "DATA+OMITTED"
            }`);
    expect(json).toMatch(
      /"contexts": \[\n {8}\{\n {12}"name": "kubernetes-admin@kubernetes",\n {12}"context": \{\n {16}"cluster": "kubernetes",\n {16}"user": "kubernetes-admin"\n {12}\}\n {8}\}\n {4}\],\n {4}"current-context": "kubernetes-admin@kubernetes"\n\}\n$/,
    );
    expect(run("kubectl config view -o jsonpath='{.users[0]}'").out).toBe(
      '{"name":"alice","user":{"token":"REDACTED"}}',
    );
    expect(run("kubectl config view --raw -o jsonpath='{.clusters[1].cluster}'").out).toBe(
      '{"certificate-authority":"/home/learner/ca.crt","server":"https://10.0.0.9:6443"}',
    );
    expect(run("kubectl config view --raw -o jsonpath='{.clusters[2].cluster}'").out).toBe(
      `{"certificate-authority-data":"${btoa('CA\n')}","proxy-url":"http://p:3128","server":""}`,
    );
    expect(run('kubectl config get-users').out).toBe('NAME\nalice\nbob\nkubernetes-admin\n');
  });
});

describe('config set-cluster', () => {
  it('insecure mode is whatever the command line says; a server clears the TLS server name', () => {
    const { run } = engineSession(3);
    const cluster = () => run("kubectl config view -o jsonpath='{.clusters[1]}'").out;
    run('kubectl config set-cluster prod --server=https://1.2.3.4 --insecure-skip-tls-verify=true');
    expect(cluster()).toBe(
      '{"cluster":{"insecure-skip-tls-verify":true,"server":"https://1.2.3.4"},"name":"prod"}',
    );
    run('kubectl config set-cluster prod --tls-server-name=foo');
    expect(cluster()).toBe(
      '{"cluster":{"server":"https://1.2.3.4","tls-server-name":"foo"},"name":"prod"}',
    );
    run('kubectl config set-cluster prod --insecure-skip-tls-verify=true');
    expect(cluster()).toBe(
      '{"cluster":{"insecure-skip-tls-verify":true,"server":"https://1.2.3.4","tls-server-name":"foo"},"name":"prod"}',
    );
    expect(run('kubectl config set-cluster prod --server=https://1.2.3.5').out).toBe(
      'Cluster "prod" set.\n',
    );
    expect(cluster()).toBe('{"cluster":{"server":"https://1.2.3.5"},"name":"prod"}');
    // Insecure mode drops the cluster CA.
    run('kubectl config set-cluster kubernetes --insecure-skip-tls-verify');
    expect(run("kubectl config view -o jsonpath='{.clusters[0].cluster}'").out).toBe(
      '{"insecure-skip-tls-verify":true,"server":"https://172.18.0.2:6443"}',
    );
  });

  it('its checks', () => {
    const { run } = engineSession(3);
    const fail = (err: string) => ({ out: '', err: `error: ${err}\n`, code: 1 });
    expect(run("kubectl config set-cluster '' --server=x")).toEqual(
      fail('you must specify a non-empty cluster name'),
    );
    expect(
      run('kubectl config set-cluster p --insecure-skip-tls-verify --certificate-authority=/x'),
    ).toEqual(
      fail('you cannot specify a certificate authority and insecure mode at the same time'),
    );
    expect(run('kubectl config set-cluster p --embed-certs')).toEqual(
      fail('you must specify a --certificate-authority to embed'),
    );
    expect(
      run('kubectl config set-cluster prod --certificate-authority=/nope/ca.crt --embed-certs'),
    ).toEqual(
      fail(
        'could not stat certificate-authority file /nope/ca.crt: stat /nope/ca.crt: no such file or directory',
      ),
    );
    const bare = run('kubectl config set-cluster');
    expect(bare.out).toMatch(/^Set a cluster entry in kubeconfig\.\n/);
    expect(bare.err).toBe('error: Unexpected args: []\n');
    expect(bare.code).toBe(1);
  });
});

describe('config set-credentials', () => {
  it('one authentication method at a time; its argument check', () => {
    const { run } = engineSession(3);
    expect(run('kubectl config set-credentials u --username=a --token=b')).toEqual({
      out: '',
      err: 'error: you cannot specify more than one authentication method at the same time: --token, --username/--password\n',
      code: 1,
    });
    run('kubectl config set-credentials alice --username=alice --password=secret');
    expect(run("kubectl config view -o jsonpath='{.users[0].user}'").out).toBe(
      '{"password":"REDACTED","username":"alice"}',
    );
    const bare = run('kubectl config set-credentials');
    expect(bare.out).toMatch(/^Set a user entry in kubeconfig\.\n/);
    expect(bare.err).toBe('error: unexpected args: []\n');
    expect(bare.code).toBe(1);
  });
});

describe('the context commands with the wrong number of names', () => {
  it('use-context and rename-context: help, then the error; delete-context: help, exit 0', () => {
    const { run } = engineSession(3);
    expect(run('kubectl config use-context')).toEqual({
      out: 'Set the current-context in a kubeconfig file.\n\nAliases:\nuse-context, use\n\nExamples:\n  # Use the context for the minikube cluster\n  kubectl config use-context minikube\n\nUsage:\n  kubectl config use-context CONTEXT_NAME [options]\n\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n',
      err: 'error: Unexpected args: []\n',
      code: 1,
    });
    const rename = run('kubectl config rename-context staging');
    expect(rename.out).toMatch(
      /^Renames a context from the kubeconfig file\.\n[\s\S]*\(applies to all commands\)\.\n$/,
    );
    expect(rename.err).toBe('error: Unexpected args: [staging]\n');
    expect(rename.code).toBe(1);
    expect(run('kubectl config delete-context a b')).toEqual({
      out: 'Delete the specified context from the kubeconfig.\n\nExamples:\n  # Delete the context for the minikube cluster\n  kubectl config delete-context minikube\n\nUsage:\n  kubectl config delete-context NAME [options]\n\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n',
      err: '',
      code: 0,
    });
  });
});

describe('config commands on a --kubeconfig file', () => {
  it('a missing file is an empty config to them (written when they set something)', () => {
    const { run, host } = engineSession(3);
    expect(run('kubectl config view --kubeconfig=new.yaml').out).toBe(
      'apiVersion: v1\nclusters: null\ncontexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n',
    );
    expect(host.fs.read('/home/learner/new.yaml')).toBeUndefined();
    expect(run('kubectl config current-context --kubeconfig=new.yaml').err).toBe(
      'error: current-context is not set\n',
    );
    // Other commands need the file.
    expect(run('kubectl get pods --kubeconfig=new.yaml').err).toBe(
      'error: stat new.yaml: no such file or directory\n',
    );
    expect(
      run(
        'kubectl config set-context lab --cluster=kubernetes --user=kubernetes-admin --namespace=lab --kubeconfig=new.yaml',
      ).out,
    ).toBe('Context "lab" created.\n');
    expect(run('cat new.yaml').out).toBe(
      'apiVersion: v1\nclusters: null\ncontexts:\n- context:\n    cluster: kubernetes\n    namespace: lab\n    user: kubernetes-admin\n  name: lab\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n',
    );
    run('kubectl config use-context lab --kubeconfig=new.yaml');
    expect(run('kubectl config view --kubeconfig=new.yaml --minify').err).toBe(
      'error: cannot locate cluster kubernetes\n',
    );
    // Its messages name the file as given.
    expect(run('kubectl config delete-context lab --kubeconfig=new.yaml')).toEqual({
      out: 'deleted context lab from new.yaml\n',
      err: 'warning: this removed your active context, use "kubectl config use-context" to select a different one\n',
      code: 0,
    });
    // A directory that is not there yet is made.
    expect(run('kubectl config set-context a --kubeconfig=conf/x.yaml').out).toBe(
      'Context "a" created.\n',
    );
    expect(host.fs.read('/home/learner/conf/x.yaml')).toContain('name: a\n');
  });

  it('view --flatten reads the files entries name into their data', () => {
    const { run } = engineSession(3);
    run('kubectl config set-cluster c2 --certificate-authority=ca.pem --kubeconfig=new.yaml');
    expect(run('kubectl config view --flatten --kubeconfig=new.yaml').err).toBe(
      'error: open /home/learner/ca.pem: no such file or directory\n',
    );
    run('echo CA > ca.pem');
    expect(run('kubectl config view --flatten --kubeconfig=new.yaml').out).toBe(
      'apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: Q0EK\n    server: ""\n  name: c2\ncontexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n',
    );
  });
});

describe('config view printer flags', () => {
  it('a template format without its template, and --merge=false without a file', () => {
    const { run } = engineSession(3);
    expect(run('kubectl config view -o jsonpath')).toEqual({
      out: '',
      err: 'error: template format specified but no template given\n',
      code: 1,
    });
    expect(run('kubectl config view --merge=false').err).toBe(
      'error: if merge==false a precise file must be specified\n',
    );
    expect(run('kubectl config view -o go-template --template={{.kind}}').out).toBe('Config');
    expect(run('kubectl config view -o name').out).toBe('config/<unknown>\n');
  });
});

describe('config set-credentials: auth providers and exec plugins', () => {
  it('are kept as kubectl 1.32.5 writes them, and checked before use', () => {
    const { run } = engineSession(3);
    const user = (name: string) =>
      run(`kubectl config view -o jsonpath='{.users[?(@.name=="${name}")].user}'`).out;
    run(
      'kubectl config set-credentials frank --exec-command=/bin/true --exec-api-version=client.authentication.k8s.io/v1',
    );
    expect(run('kubectl get pods --user=frank')).toEqual({
      out: '',
      err: 'error: interactiveMode must be specified for frank to use exec authentication plugin\n',
      code: 1,
    });
    run(
      'kubectl config set-credentials frank --exec-arg=a --exec-arg=b --exec-env=K=V --exec-env=A=1',
    );
    expect(user('frank')).toBe(
      '{"exec":{"apiVersion":"client.authentication.k8s.io/v1","args":["a","b"],"command":"/bin/true","env":[{"name":"K","value":"V"},{"name":"A","value":"1"}],"provideClusterInfo":false}}',
    );
    expect(run('kubectl config set-credentials frank --exec-interactive-mode=Sometimes')).toEqual({
      out: '',
      err: 'error: invalid interactive mode type, can be only IfAvailable, Never, Always\n',
      code: 1,
    });
    // A new command resets the arguments.
    run('kubectl config set-credentials frank --exec-env=K- --exec-command=/bin/false');
    expect(user('frank')).toBe(
      '{"exec":{"apiVersion":"client.authentication.k8s.io/v1","args":null,"command":"/bin/false","env":[{"name":"A","value":"1"}],"provideClusterInfo":false}}',
    );
    run(
      'kubectl config set-credentials erin --auth-provider=oidc --auth-provider-arg=client-id=foo --auth-provider-arg=client-secret=bar',
    );
    run('kubectl config set-credentials erin --auth-provider-arg=client-secret-');
    expect(user('erin')).toBe('{"auth-provider":{"config":{"client-id":"foo"},"name":"oidc"}}');
    const bad = run('kubectl config set-credentials erin --auth-provider-arg=bad');
    expect(bad.err).toBe('error: invalid auth-provider-arg format: bad\n');
    expect(bad.out).toMatch(/^Set a user entry in kubeconfig\.\n/);
    // Another provider starts an empty config.
    run('kubectl config set-credentials erin --auth-provider=gcp');
    expect(user('erin')).toBe('{"auth-provider":{"config":{},"name":"gcp"}}');
    run(
      'kubectl config set-credentials both --auth-provider=oidc --exec-command=x --exec-api-version=v1 --exec-interactive-mode=Never',
    );
    expect(run('kubectl get pods --user=both').err).toBe(
      'error: authProvider cannot be provided in combination with an exec plugin for both\n',
    );
  });
});
