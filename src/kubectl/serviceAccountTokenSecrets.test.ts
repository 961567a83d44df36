/**
 * The token controller of kube-controller-manager filling `kubernetes.io/service-account-token`
 * Secrets (audit 15 F20, the docs' "Manually create a long-lived API token for a
 * ServiceAccount"), deleting those whose ServiceAccount is missing or gone.
 */
import { describe, expect, it } from 'vitest';
import { jwtClaims } from '../engine/apiserver/serviceAccountToken.ts';
import { clusterCaCertificate } from '../engine/bootstrap/namespaceContent.ts';
import { engineSession } from './testing/engineSession.ts';

const secret = (name: string, sa: string) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, annotations: { 'kubernetes.io/service-account.name': sa } },
    type: 'kubernetes.io/service-account-token',
  });

describe('service account token Secrets', () => {
  it('are filled in with ca.crt, namespace and a legacy token, and listed as the account tokens', () => {
    const { run, host } = engineSession(3);
    run('kubectl create sa build-robot');
    const uid = run(`kubectl get sa build-robot -o jsonpath='{.metadata.uid}'`).out;
    host.fs.write('s.json', secret('build-robot-secret', 'build-robot'));
    expect(run('kubectl apply -f s.json').out).toBe('secret/build-robot-secret created\n');
    expect(run('kubectl get secret build-robot-secret').out).toMatch(
      /^NAME {17}TYPE {34}DATA {3}AGE\nbuild-robot-secret {3}kubernetes\.io\/service-account-token {3}3 {6}\d+s\n$/,
    );
    const token = atob(
      run(`kubectl get secret build-robot-secret -o jsonpath='{.data.token}'`).out,
    );
    expect(jwtClaims(token)).toEqual({
      iss: 'kubernetes/serviceaccount',
      'kubernetes.io/serviceaccount/namespace': 'default',
      'kubernetes.io/serviceaccount/secret.name': 'build-robot-secret',
      'kubernetes.io/serviceaccount/service-account.name': 'build-robot',
      'kubernetes.io/serviceaccount/service-account.uid': uid,
      sub: 'system:serviceaccount:default:build-robot',
    });
    expect(
      atob(run(`kubectl get secret build-robot-secret -o jsonpath='{.data.ca\\.crt}'`).out),
    ).toBe(clusterCaCertificate());
    const describe = run('kubectl describe secret build-robot-secret').out;
    expect(describe).toContain(
      `Annotations:  kubernetes.io/service-account.name: build-robot\n              kubernetes.io/service-account.uid: ${uid}\n\nType:  kubernetes.io/service-account-token\n\nData\n====\nca.crt:     1107 bytes\nnamespace:  7 bytes\ntoken:      ${token}\n`,
    );
    expect(run('kubectl describe sa build-robot').out).toContain(
      'Mountable secrets:   <none>\nTokens:              build-robot-secret\n',
    );
    // Since 1.24 nothing is added to the ServiceAccount's own secrets.
    expect(run('kubectl get sa build-robot').out).toMatch(/\nbuild-robot {3}0 {9}/);
  });

  it('are deleted when their ServiceAccount does not exist, or when it is deleted', () => {
    const { run, host } = engineSession(3);
    host.fs.write('o.json', secret('orphan', 'nobody'));
    expect(run('kubectl apply -f o.json').out).toBe('secret/orphan created\n');
    expect(run('kubectl get secret orphan').err).toBe(
      'Error from server (NotFound): secrets "orphan" not found\n',
    );
    run('kubectl create sa robot');
    host.fs.write('r.json', secret('robot-token', 'robot'));
    run('kubectl apply -f r.json');
    expect(run('kubectl get secret robot-token -o name').out).toBe('secret/robot-token\n');
    run('kubectl delete sa robot');
    expect(run('kubectl get secret robot-token').err).toBe(
      'Error from server (NotFound): secrets "robot-token" not found\n',
    );
  });

  it('a changed ca.crt is restored; the token and other keys are kept', () => {
    const { run, host } = engineSession(3);
    run('kubectl create sa robot');
    host.fs.write('r.json', secret('robot-token', 'robot'));
    run('kubectl apply -f r.json');
    const token = run(`kubectl get secret robot-token -o jsonpath='{.data.token}'`).out;
    run(`kubectl patch secret robot-token -p '{"data":{"ca.crt":"eA==","extra":"eQ=="}}'`);
    expect(
      run(`kubectl get secret robot-token -o jsonpath='{.data.token} {.data.extra}'`).out,
    ).toBe(`${token} eQ==`);
    expect(atob(run(`kubectl get secret robot-token -o jsonpath='{.data.ca\\.crt}'`).out)).toBe(
      clusterCaCertificate(),
    );
  });

  it('must name their ServiceAccount', () => {
    const { run } = engineSession(3);
    expect(
      run('kubectl create secret generic x --type=kubernetes.io/service-account-token').err,
    ).toBe(
      'error: failed to create secret Secret "x" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value\n',
    );
  });
});
