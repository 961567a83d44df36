/**
 * `kubectl create service loadbalancer` and `create service externalname` (audit 13 C6), as
 * kubectl 1.32's create_service.go builds them.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl create service loadbalancer / externalname', () => {
  it('creates a LoadBalancer service with a node port and a pending external IP', () => {
    const { run } = engineSession(3);
    expect(run('kubectl create service loadbalancer lb --tcp=80:8080')).toEqual({
      out: 'service/lb created\n',
      err: '',
      code: 0,
    });
    expect(run('kubectl get svc lb').out).toMatch(
      /^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\nlb\s+LoadBalancer\s+10\.\d+\.\d+\.\d+\s+<pending>\s+80:3\d{4}\/TCP\s+\S+\n$/,
    );
    expect(run('kubectl create service loadbalancer lb2').err).toBe(
      'error: at least one tcp port specifier must be provided\n',
    );
  });

  it('creates an ExternalName service, with no port needed', () => {
    const { run } = engineSession(3);
    expect(run('kubectl create service externalname ext --external-name=example.com').out).toBe(
      'service/ext created\n',
    );
    expect(run('kubectl get svc ext').out).toMatch(
      /^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\next\s+ExternalName\s+<none>\s+example\.com\s+<none>\s+\S+\n$/,
    );
    expect(
      run(
        'kubectl create service externalname my-ns --external-name bar.com --dry-run=client -o yaml',
      ).out,
    ).toBe(`apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: my-ns
  name: my-ns
spec:
  externalName: bar.com
  selector:
    app: my-ns
  type: ExternalName
status:
  loadBalancer: {}
`);
  });

  it('refuses a missing or invalid external name', () => {
    const { run } = engineSession(3);
    expect(run('kubectl create service externalname ext')).toEqual({
      out: '',
      err: 'error: required flag(s) "external-name" not set\n',
      code: 1,
    });
    expect(run('kubectl create service externalname ext --external-name=Bad_Name').err).toBe(
      'error: invalid service external name Bad_Name\n',
    );
  });
});
