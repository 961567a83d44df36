/**
 * CertificateSigningRequests (certificates.k8s.io/v1) and `kubectl certificate`: the docs'
 * "Certificates and Certificate Signing Requests → Normal user" flow (the PEM request that
 * `openssl req` writes, base64 in the manifest), approval, the csrsigning controller's
 * certificate, denial, and 1.32's validation texts.
 */
import { describe, expect, it } from 'vitest';
import { certificateUser } from '../engine/apiserver/certificates.ts';
import { csrManifest } from './testing/csrFixtures.ts';
import { engineSession } from './testing/engineSession.ts';

describe('CertificateSigningRequest', () => {
  it('is created Pending with the requester, approved, then issued by the signer', () => {
    const { run, host } = engineSession(1);
    host.fs.write('csr.yaml', csrManifest('john'));
    expect(run('kubectl apply -f csr.yaml')).toEqual({
      out: 'certificatesigningrequest.certificates.k8s.io/john created\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl get csr').out).toMatch(
      /^NAME {3}AGE {3}SIGNERNAME {28}REQUESTOR {10}REQUESTEDDURATION {3}CONDITION\njohn {3}\d+s +kubernetes\.io\/kube-apiserver-client {3}kubernetes-admin {3}24h {17}Pending\n$/,
    );
    expect(run('kubectl certificate approve john')).toEqual({
      out: 'certificatesigningrequest.certificates.k8s.io/john approved\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl get csr john --no-headers').out).toMatch(
      /^john {3}\d+s +kubernetes\.io\/kube-apiserver-client {3}kubernetes-admin {3}24h {3}Approved,Issued\n$/,
    );
    const yaml = run('kubectl get csr john -o yaml').out;
    expect(yaml).toContain('  conditions:\n' + '  - lastTransitionTime: ');
    expect(yaml).toContain(
      '    message: This CSR was approved by kubectl certificate approve.\n' +
        '    reason: KubectlApprove\n' +
        '    status: "True"\n' +
        '    type: Approved\n',
    );
    expect(yaml).toContain('  groups:\n  - kubeadm:cluster-admins\n  - system:authenticated\n');
    expect(yaml).toContain('  username: kubernetes-admin\n');
    // The issued certificate names the request's subject and is the cluster CA's.
    const b64 = run("kubectl get csr john -o jsonpath='{.status.certificate}'").out;
    const pem = atob(b64);
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(certificateUser(pem, host.nowEpochMs())).toMatchObject({
      name: 'john',
      groups: ['devs', 'qa', 'system:authenticated'],
    });
    // Approving again changes nothing; denying an approved request is refused by kubectl.
    expect(run('kubectl certificate approve john').out).toBe(
      'certificatesigningrequest.certificates.k8s.io/john approved\n',
    );
    expect(run('kubectl certificate deny john')).toEqual({
      out: '',
      err: 'error: certificate signing request "john" is already Approved\n',
      code: 1,
    });
  });

  it('describe prints the requester, signer, duration, status and the subject', () => {
    const { run, host } = engineSession(1);
    host.fs.write('csr.yaml', csrManifest('john'));
    run('kubectl create -f csr.yaml');
    const out = run('kubectl describe csr john').out;
    // describe's tabwriter: the subject lines start with an empty cell (`\tCommon Name:`),
    // padded to a tab stop.
    expect(out).toMatch(
      /^Name: {16}john\nLabels: {14}<none>\nAnnotations: {9}<none>\nCreationTimestamp: {3}\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0000\n/,
    );
    expect(out).toContain(
      'Requesting User:     kubernetes-admin\n' +
        'Signer:              kubernetes.io/kube-apiserver-client\n' +
        'Requested Duration:  24h\n' +
        'Status:              Pending\n' +
        'Subject:\n' +
        '         Common Name:    john\n' +
        '         Serial Number:  \n' +
        '         Organization:   devs\n' +
        '                         qa\n' +
        'Events:  <none>\n',
    );
  });

  it('deny: Denied, and no certificate is issued', () => {
    const { run, host } = engineSession(1);
    host.fs.write('csr.yaml', csrManifest('john'));
    run('kubectl create -f csr.yaml');
    expect(run('kubectl certificate deny john').out).toBe(
      'certificatesigningrequest.certificates.k8s.io/john denied\n',
    );
    expect(run('kubectl get csr john --no-headers').out).toContain('  Denied\n');
    expect(run("kubectl get csr john -o jsonpath='{.status.certificate}'").out).toBe('');
    expect(run('kubectl certificate approve john').err).toBe(
      'error: certificate signing request "john" is already Denied\n',
    );
  });

  it('kubectl certificate errors: no names, a missing request', () => {
    const { run } = engineSession(1);
    expect(run('kubectl certificate approve')).toEqual({
      out: '',
      err:
        // A plain error in 1.32 (checked with the real kubectl): no "See … -h" line.
        'error: one or more CSRs must be specified as <name> or -f <filename>\n',
      code: 1,
    });
    expect(run('kubectl certificate approve nope')).toEqual({
      out: '',
      err: 'Error from server (NotFound): certificatesigningrequests.certificates.k8s.io "nope" not found\n',
      code: 1,
    });
  });

  it('validation: a request that is not a PEM CSR, no signer, short expiry, no usages', () => {
    const { run, host } = engineSession(1);
    host.fs.write(
      'bad.yaml',
      `apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: bad
spec:
  request: aGk=
  expirationSeconds: 60
`,
    );
    expect(run('kubectl apply -f bad.yaml')).toEqual({
      out: '',
      err:
        'The CertificateSigningRequest "bad" is invalid: \n' +
        '* spec.request: Invalid value: []byte{0x68, 0x69}: PEM block type must be CERTIFICATE REQUEST\n' +
        '* spec.signerName: Required value\n' +
        '* spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 600 seconds (10 minutes)\n' +
        '* spec.usages: Required value\n',
      code: 1,
    });
    host.fs.write(
      'signer.yaml',
      csrManifest('s').replace('kubernetes.io/kube-apiserver-client', 'example'),
    );
    expect(run('kubectl create -f signer.yaml').err).toBe(
      'The CertificateSigningRequest "s" is invalid: spec.signerName: Invalid value: "example": must be a fully qualified domain and path of the form \'example.com/signer-name\'\n',
    );
  });
});
