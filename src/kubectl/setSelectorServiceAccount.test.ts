/**
 * `kubectl set serviceaccount` (alias `sa`), `kubectl set selector` and `kubectl create secret
 * tls` (audit 13 C24), as kubectl 1.32's set_serviceaccount.go, set_selector.go and
 * create_secret_tls.go run them.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl set serviceaccount', () => {
  it('sets the pod template service account, under its alias sa too', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment blue --image=nginx');
    expect(run('kubectl set sa deploy blue robot')).toEqual({
      out: 'deployment.apps/blue serviceaccount updated\n',
      err: '',
      code: 0,
    });
    expect(
      run('kubectl get deploy blue -o jsonpath={.spec.template.spec.serviceAccountName}').out,
    ).toBe('robot');
    expect(run('kubectl set serviceaccount deployment/blue other --dry-run=client').out).toBe(
      'deployment.apps/blue serviceaccount updated (dry run)\n',
    );
    expect(
      run('kubectl get deploy blue -o jsonpath={.spec.template.spec.serviceAccountName}').out,
    ).toBe('robot');
  });

  it('refuses kinds without a pod template and reports missing objects', () => {
    const { run } = engineSession(3);
    expect(run('kubectl set sa cm/kube-root-ca.crt robot')).toEqual({
      out: '',
      err: 'error: configmaps/kube-root-ca.crt the object is not a pod or does not have a pod template: *v1.ConfigMap\n',
      code: 1,
    });
    expect(run('kubectl set sa deploy nope robot').err).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found\n',
    );
    expect(run('kubectl set sa').err).toBe('error: serviceaccount is required\n');
  });
});

describe('kubectl set selector', () => {
  it("replaces a Service's selector", () => {
    const { run } = engineSession(3);
    run('kubectl create service clusterip app --tcp=80');
    expect(run("kubectl set selector svc app 'tier=web,env=prod'")).toEqual({
      out: 'service/app selector updated\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl get svc app -o jsonpath={.spec.selector}').out).toBe(
      '{"env":"prod","tier":"web"}',
    );
  });

  it('refuses other kinds, match expressions and a missing resource', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment app --image=nginx');
    run('kubectl create service clusterip app --tcp=80');
    expect(run("kubectl set selector svc app 'app in (a,b)'").err).toBe(
      'error: match expression [{app In [a b]}] not supported on this object\n',
    );
    expect(run('kubectl set selector deploy app a=b').err).toBe(
      'error: setting a selector is only supported for Services\n',
    );
    // The last word is the selector; no resource is the builder's error (kubectl 1.32.5).
    expect(run('kubectl set selector app=x').err).toMatch(
      /^error: You must provide one or more resources by argument or filename\.\n/,
    );
    expect(run('kubectl set selector').err).toBe('error: one selector is required\n');
    expect(run('kubectl get svc app -o jsonpath={.spec.selector}').out).toBe('{"app":"app"}');
  });
});

// A certificate and a key as PEM (their DER bodies start with a SEQUENCE, 0x30 0x82).
const CERT =
  '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUY2VydA==\n-----END CERTIFICATE-----\n';
const KEY =
  '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n';

describe('kubectl create secret tls', () => {
  it('creates a kubernetes.io/tls secret from the files', () => {
    const { run, host } = engineSession(3);
    host.fs.write('tls.crt', CERT);
    host.fs.write('tls.key', KEY);
    expect(run('kubectl create secret tls t --cert=tls.crt --key=tls.key')).toEqual({
      out: 'secret/t created\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl get secret t').out).toMatch(
      /^NAME\s+TYPE\s+DATA\s+AGE\nt\s+kubernetes\.io\/tls\s+2\s+\S+\n$/,
    );
    expect(run("kubectl get secret t -o jsonpath='{.data.tls\\.crt}'").out).toBe(btoa(CERT));
  });

  it("words tls.X509KeyPair's and the flags' errors", () => {
    const { run, host } = engineSession(3);
    host.fs.write('tls.crt', CERT);
    host.fs.write('tls.key', KEY);
    host.fs.write('bad.txt', 'hello\n');
    expect(run('kubectl create secret tls t --cert=tls.crt').err).toBe(
      'error: key and cert must be specified\n',
    );
    expect(run('kubectl create secret tls t --cert=nope.crt --key=tls.key').err).toBe(
      'error: Cannot read file nope.crt, open nope.crt: no such file or directory\n',
    );
    expect(run('kubectl create secret tls t --cert=bad.txt --key=tls.key').err).toBe(
      'error: tls: failed to find any PEM data in certificate input\n',
    );
    expect(run('kubectl create secret tls t --cert=tls.key --key=tls.crt').err).toBe(
      'error: tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched\n',
    );
    expect(run('kubectl create secret tls t --cert=tls.crt --key=tls.crt').err).toBe(
      'error: tls: found a certificate rather than a key in the PEM for the private key\n',
    );
    expect(run('kubectl get secrets -o name').out).toBe('');
  });
});
