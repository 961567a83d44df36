/** `kubectl create configmap | secret generic | serviceaccount` and their tables, on the real cluster. */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const session = () => engineSession(1);

describe('config maps', () => {
  it('from literals and workspace files; DATA counts the keys', () => {
    const { run } = session();
    expect(
      run('kubectl create configmap app-config --from-literal=mode=dev --from-literal=level=debug'),
    ).toEqual({ out: 'configmap/app-config created\n', err: '', code: 0 });
    expect(
      run('kubectl create cm pod-spec --from-file=nginx.yaml --from-file=copy=nginx.yaml').out,
    ).toBe('configmap/pod-spec created\n');
    expect(run('kubectl get cm').out).toMatch(
      /^NAME +DATA +AGE\napp-config +2 +\d+s\nkube-root-ca\.crt +1 +5d\npod-spec +2 +\d+s\n$/,
    );
    expect(run("kubectl get cm app-config -o jsonpath='{.data}'").out).toBe(
      '{"level":"debug","mode":"dev"}',
    );
    expect(run("kubectl get cm pod-spec -o jsonpath='{.data.nginx\\.yaml}'").out).toContain(
      'kind: Pod\n',
    );
  });

  it("refuses bad sources with kubectl's messages and creates nothing", () => {
    const { run } = session();
    expect(run('kubectl create cm a --from-literal=nokey').err).toBe(
      'error: invalid literal source nokey, expected key=value\n',
    );
    expect(run('kubectl create cm a --from-literal="bad key=1"').err).toBe(
      `error: "bad key" is not a valid key name for a ConfigMap: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')\n`,
    );
    expect(run('kubectl create cm a --from-literal=k=1 --from-literal=k=2').err).toBe(
      'error: cannot add key "k", another key by that name already exists in Data for ConfigMap "a"\n',
    );
    expect(run('kubectl create cm a --from-file=nope.txt').err).toBe(
      'error: error reading nope.txt: no such file or directory\n',
    );
    expect(run('kubectl get cm -o name').out).toBe('configmap/kube-root-ca.crt\n');
  });

  it('--dry-run=client -o yaml prints the object without sending it', () => {
    const { run } = session();
    expect(run('kubectl create cm dry --from-literal=a=1 --dry-run=client -o yaml').out).toBe(
      'apiVersion: v1\ndata:\n  a: "1"\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: dry\n',
    );
    expect(run('kubectl get cm dry').err).toBe(
      'Error from server (NotFound): configmaps "dry" not found\n',
    );
  });
});

describe('secrets and service accounts', () => {
  it('a generic secret stores base64 data and is Opaque unless --type says otherwise', () => {
    const { run } = session();
    expect(run('kubectl create secret generic pw --from-literal=password=s3cr3t').out).toBe(
      'secret/pw created\n',
    );
    expect(
      run('kubectl create secret generic tok --type=example.com/token --from-literal=t=x').out,
    ).toBe('secret/tok created\n');
    expect(run('kubectl get secrets').out).toMatch(
      /^NAME +TYPE +DATA +AGE\npw +Opaque +1 +\d+s\ntok +example\.com\/token +1 +\d+s\n$/,
    );
    expect(run("kubectl get secret pw -o jsonpath='{.data.password}'").out).toBe('czNjcjN0');
    expect(run('kubectl create secret generic pw --from-literal=password=x').err).toBe(
      'error: failed to create secret secrets "pw" already exists\n',
    );
  });

  it('service accounts: the default one, one of our own, and kube-system’s controllers', () => {
    const { run } = session();
    expect(run('kubectl create serviceaccount robot').out).toBe('serviceaccount/robot created\n');
    expect(run('kubectl get sa').out).toMatch(
      /^NAME +SECRETS +AGE\ndefault +0 +5d\nrobot +0 +\d+s\n$/,
    );
    const system = run('kubectl get sa -n kube-system -o name').out.split('\n');
    expect(system).toContain('serviceaccount/replicaset-controller');
    expect(system).toContain('serviceaccount/kube-proxy');
    expect(run('kubectl get cm -n kube-system -o name').out).toBe(
      [
        'configmap/coredns',
        'configmap/extension-apiserver-authentication',
        'configmap/kube-apiserver-legacy-service-account-token-tracking',
        'configmap/kube-proxy',
        'configmap/kube-root-ca.crt',
        'configmap/kubeadm-config',
        'configmap/kubelet-config',
        '',
      ].join('\n'),
    );
  });
});

describe('describe config maps, secrets and service accounts', () => {
  it('prints them as kubectl does (a long annotation on a line of its own, cut at 138)', () => {
    const { run } = session();
    const cm = run('kubectl describe cm kube-root-ca.crt').out.split('\n');
    expect(cm.slice(0, 11)).toEqual([
      'Name:         kube-root-ca.crt',
      'Namespace:    default',
      'Labels:       <none>',
      'Annotations:  kubernetes.io/description:',
      '                Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubern...',
      '',
      'Data',
      '====',
      'ca.crt:',
      '----',
      '-----BEGIN CERTIFICATE-----',
    ]);
    expect(cm.slice(-9)).toEqual([
      '-----END CERTIFICATE-----',
      '',
      '',
      '',
      'BinaryData',
      '====',
      '',
      'Events:  <none>',
      '',
    ]);
    run(
      'kubectl create secret generic pw --from-literal=password=s3cr3t --from-literal=user=admin',
    );
    expect(run('kubectl describe secret pw').out).toBe(
      [
        'Name:         pw',
        'Namespace:    default',
        'Labels:       <none>',
        'Annotations:  <none>',
        '',
        'Type:  Opaque',
        '',
        'Data',
        '====',
        'password:  6 bytes',
        'user:      5 bytes',
        '',
      ].join('\n'),
    );
    expect(run('kubectl describe sa default').out).toBe(
      [
        'Name:                default',
        'Namespace:           default',
        'Labels:              <none>',
        'Annotations:         <none>',
        'Image pull secrets:  <none>',
        'Mountable secrets:   <none>',
        'Tokens:              <none>',
        'Events:              <none>',
        '',
      ].join('\n'),
    );
  });
});

describe('daemon sets', () => {
  it('get ds shows kube-proxy on every node; get all lists it between services and deployments', () => {
    const { run } = session();
    expect(run('kubectl get ds -A').out).toBe(
      [
        'NAMESPACE     NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE',
        'kube-system   kube-proxy   4         4         4       4            4           kubernetes.io/os=linux   5d',
        '',
      ].join('\n'),
    );
    const all = run('kubectl get all -n kube-system').out;
    const headers = all.split('\n').filter((l) => l.startsWith('NAME'));
    expect(headers.map((h) => h.split(/ +/).slice(1, 3).join(' '))).toEqual([
      'READY STATUS',
      'TYPE CLUSTER-IP',
      'DESIRED CURRENT',
      'READY UP-TO-DATE',
      'DESIRED CURRENT',
    ]);
    expect(all).toContain('daemonset.apps/kube-proxy   4  ');
    expect(run('kubectl rollout status ds/kube-proxy -n kube-system').out).toBe(
      'daemon set "kube-proxy" successfully rolled out\n',
    );
    // A deleted daemon pod comes back on its node (field selectors narrow a delete).
    const before = run(
      'kubectl get pods -n kube-system -l k8s-app=kube-proxy --field-selector spec.nodeName=node2 -o name',
    ).out;
    expect(
      run(
        'kubectl delete pod -n kube-system -l k8s-app=kube-proxy --field-selector spec.nodeName=node2',
      ).out,
    ).toBe(`pod "${before.trim().slice('pod/'.length)}" deleted\n`);
    const after = run(
      'kubectl get pods -n kube-system -l k8s-app=kube-proxy --field-selector spec.nodeName=node2 -o name',
    ).out;
    expect(after).toMatch(/^pod\/kube-proxy-[a-z0-9]{5}\n$/);
    expect(after).not.toBe(before);
  });
});

describe('docker-registry secrets', () => {
  it("build .dockerconfigjson as kubectl does, Docker Hub's server by default", () => {
    const { run } = session();
    expect(
      run(
        'kubectl create secret docker-registry regcred --docker-username=me --docker-password=pw',
      ),
    ).toEqual({ out: 'secret/regcred created\n', err: '', code: 0 });
    expect(run('kubectl get secret regcred').out).toMatch(
      /^NAME +TYPE +DATA +AGE\nregcred +kubernetes\.io\/dockerconfigjson +1 +\d+s\n$/,
    );
    const b64 = run("kubectl get secret regcred -o jsonpath='{.data.\\.dockerconfigjson}'").out;
    // The email is left out when empty (omitempty); auth is base64 of user:password.
    expect(atob(b64)).toBe(
      '{"auths":{"https://index.docker.io/v1/":{"username":"me","password":"pw","auth":"bWU6cHc="}}}',
    );
    run(
      'kubectl create secret docker-registry gh --docker-server=ghcr.io --docker-username=u --docker-password=p --docker-email=u@example.com',
    );
    expect(atob(run("kubectl get secret gh -o jsonpath='{.data.\\.dockerconfigjson}'").out)).toBe(
      '{"auths":{"ghcr.io":{"username":"u","password":"p","email":"u@example.com","auth":"dTpw"}}}',
    );
  });

  it('need a user and a password (or a file), and create nothing without them', () => {
    const { run } = session();
    expect(run('kubectl create secret docker-registry bad --docker-username=me')).toEqual({
      out: '',
      err: 'error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required\n',
      code: 1,
    });
    expect(run('kubectl get secret bad').err).toBe(
      'Error from server (NotFound): secrets "bad" not found\n',
    );
  });
});
