/**
 * How `kubectl create <type>` reports the server's refusals: each Run wraps the error with
 * fmt.Errorf, so it prints as `error: failed to create … <Status message>`, never as
 * `Error from server (Reason)` or `The Kind "name" is invalid`. `create namespace` does not wrap.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const RFC1123_SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe('create <type> wraps server errors as its Run does', () => {
  it('configmap: AlreadyExists, NotFound namespace and Invalid name', () => {
    const { run } = engineSession();
    expect(run('kubectl create configmap cm --from-literal=a=b').code).toBe(0);
    expect(run('kubectl create configmap cm --from-literal=a=b')).toEqual({
      out: '',
      err: 'error: failed to create configmap: configmaps "cm" already exists\n',
      code: 1,
    });
    expect(run('kubectl create cm x -n nope --from-literal=a=b')).toEqual({
      out: '',
      err: 'error: failed to create configmap: namespaces "nope" not found\n',
      code: 1,
    });
    expect(run('kubectl create configmap My_cm --from-literal=a=b')).toEqual({
      out: '',
      err: `error: failed to create configmap: ConfigMap "My_cm" is invalid: metadata.name: Invalid value: "My_cm": ${RFC1123_SUBDOMAIN}\n`,
      code: 1,
    });
  });

  it('secret generic and docker-registry: "failed to create secret" with no colon', () => {
    const { run } = engineSession();
    expect(run('kubectl create secret generic s --from-literal=a=b').code).toBe(0);
    expect(run('kubectl create secret generic s --from-literal=a=b')).toEqual({
      out: '',
      err: 'error: failed to create secret secrets "s" already exists\n',
      code: 1,
    });
    expect(
      run('kubectl create secret docker-registry s --docker-username=u --docker-password=p'),
    ).toEqual({
      out: '',
      err: 'error: failed to create secret secrets "s" already exists\n',
      code: 1,
    });
  });

  it('serviceaccount', () => {
    const { run } = engineSession();
    expect(run('kubectl create sa sa1').code).toBe(0);
    expect(run('kubectl create serviceaccount sa1')).toEqual({
      out: '',
      err: 'error: failed to create serviceaccount: serviceaccounts "sa1" already exists\n',
      code: 1,
    });
  });

  it('service <type>: the type is named, and an Invalid name keeps its Status message', () => {
    const { run } = engineSession();
    expect(run('kubectl create service clusterip web --tcp=80:80').code).toBe(0);
    expect(run('kubectl create service clusterip web --tcp=80:80')).toEqual({
      out: '',
      err: 'error: failed to create ClusterIP service: services "web" already exists\n',
      code: 1,
    });
    expect(run('kubectl create service nodeport web --tcp=80:80')).toEqual({
      out: '',
      err: 'error: failed to create NodePort service: services "web" already exists\n',
      code: 1,
    });
    expect(run('kubectl create service clusterip 1svc --tcp=80').err).toBe(
      `error: failed to create ClusterIP service: Service "1svc" is invalid: metadata.name: Invalid value: "1svc": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')\n`,
    );
  });

  it('namespace and deployment: namespace unwrapped, deployment wrapped', () => {
    const { run } = engineSession();
    expect(run('kubectl create namespace X_y')).toEqual({
      out: '',
      err: `The Namespace "X_y" is invalid: metadata.name: Invalid value: "X_y": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\n`,
      code: 1,
    });
    expect(run('kubectl create deployment My_d --image=nginx')).toEqual({
      out: '',
      err: `error: failed to create deployment: Deployment.apps "My_d" is invalid: metadata.name: Invalid value: "My_d": ${RFC1123_SUBDOMAIN}\n`,
      code: 1,
    });
  });
});

describe('create service and create secret: their own checks', () => {
  it('a service needs a --tcp port unless it is a headless ClusterIP; a plain error', () => {
    const { run } = engineSession();
    const noPort = { out: '', err: 'error: at least one tcp port specifier must be provided\n' };
    expect(run('kubectl create service clusterip hl')).toEqual({ ...noPort, code: 1 });
    expect(run('kubectl create service nodeport np')).toEqual({ ...noPort, code: 1 });
    expect(run('kubectl create service clusterip hl --clusterip=None')).toEqual({
      out: 'service/hl created\n',
      err: '',
      code: 0,
    });
  });

  it('secret keys are refused in the Secret wording', () => {
    const { run } = engineSession();
    expect(run('kubectl create secret generic t --from-literal=a=1 --from-literal=a=2')).toEqual({
      out: '',
      err: 'error: cannot add key a, another key by that name already exists\n',
      code: 1,
    });
    expect(run('kubectl create secret generic t --from-literal="b c=1"').err).toBe(
      `error: "b c" is not valid key name for a Secret a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')\n`,
    );
  });
});

describe('create -f with several failures', () => {
  const MULTI =
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: good1\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_One\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: good2\n';

  it('prints each as StandardErrorMessage: an Invalid one as "Error from server (Invalid)"', () => {
    const { host, run } = engineSession();
    host.fs.write('multi.yaml', MULTI);
    expect(run('kubectl apply -f multi.yaml').code).toBe(1);
    expect(run('kubectl create -f multi.yaml')).toEqual({
      out: '',
      err:
        'Error from server (AlreadyExists): error when creating "multi.yaml": configmaps "good1" already exists\n' +
        `Error from server (Invalid): error when creating "multi.yaml": ConfigMap "Bad_One" is invalid: metadata.name: Invalid value: "Bad_One": ${RFC1123_SUBDOMAIN}\n` +
        'Error from server (AlreadyExists): error when creating "multi.yaml": configmaps "good2" already exists\n',
      code: 1,
    });
  });

  it('a single Invalid one keeps the "The Kind "name" is invalid" layout', () => {
    const { host, run } = engineSession();
    host.fs.write('bad.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_One\n');
    expect(run('kubectl create -f bad.yaml').err).toBe(
      `The ConfigMap "Bad_One" is invalid: metadata.name: Invalid value: "Bad_One": ${RFC1123_SUBDOMAIN}\n`,
    );
  });
});
