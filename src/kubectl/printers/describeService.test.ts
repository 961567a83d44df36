/**
 * `kubectl describe service` of a LoadBalancer with externalTrafficPolicy Local: the API server
 * allocates its health check node port (kube-proxy answers the load balancer's checks there),
 * and releases it when the policy goes back to Cluster.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../testing/engineSession.ts';

describe('describe service: a LoadBalancer with externalTrafficPolicy Local', () => {
  it('shows the allocated HealthCheck NodePort and the source ranges', () => {
    const { run, host } = engineSession(3);
    run('kubectl create deployment web --image=nginx');
    host.fs.write(
      'lb.yaml',
      [
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  name: lb-local',
        'spec:',
        '  type: LoadBalancer',
        '  externalTrafficPolicy: Local',
        '  loadBalancerSourceRanges: ["10.0.0.0/8"]',
        '  selector:',
        '    app: web',
        '  ports:',
        '  - port: 80',
        '',
      ].join('\n'),
    );
    expect(run('kubectl apply -f lb.yaml').out).toBe('service/lb-local created\n');
    const get = (path: string) => run(`kubectl get svc lb-local -o jsonpath={${path}}`).out;
    const hc = Number(get('.spec.healthCheckNodePort'));
    const nodePort = Number(get('.spec.ports[0].nodePort'));
    expect(hc).toBeGreaterThanOrEqual(30000);
    expect(hc).toBeLessThanOrEqual(32767);
    expect(hc).not.toBe(nodePort);
    const out = run('kubectl describe svc lb-local').out;
    expect(out).toContain(
      [
        'External Traffic Policy:     Local',
        'Internal Traffic Policy:     Cluster',
        `HealthCheck NodePort:        ${hc}`,
        'LoadBalancer Source Ranges:  10.0.0.0/8',
        'Events:                      <none>',
      ].join('\n'),
    );
  });

  it('allocates it when the policy turns Local and releases it when it turns Cluster', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx');
    run('kubectl expose deployment web --port=80 --type=LoadBalancer');
    const hc = () => run('kubectl get svc web -o jsonpath={.spec.healthCheckNodePort}').out;
    expect(hc()).toBe('');
    run(`kubectl patch svc web -p '{"spec":{"externalTrafficPolicy":"Local"}}'`);
    expect(hc()).toMatch(/^3\d{4}$/);
    expect(run('kubectl describe svc web').out).toContain(`HealthCheck NodePort:     ${hc()}\n`);
    run(`kubectl patch svc web -p '{"spec":{"externalTrafficPolicy":"Cluster"}}'`);
    expect(hc()).toBe('');
    expect(run('kubectl describe svc web').out).not.toContain('HealthCheck');
  });
});
