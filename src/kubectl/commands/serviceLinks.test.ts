/**
 * Service link variables (the docs' "Connecting Applications with Services": `kubectl exec POD
 * -- printenv | grep SERVICE`): a pod started after a Service has its variables, one started
 * before does not until it is replaced; enableServiceLinks: false leaves only the kubernetes
 * Service's.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../testing/engineSession.ts';
import { serviceLinkVariables } from './serviceLinks.ts';

describe('service link variables', () => {
  it('a pod started after the Service has them; one started before has only the kubernetes ones', () => {
    const { run } = engineSession(3);
    run('kubectl run early --image=busybox -- sleep 3600');
    run('kubectl create deployment my-nginx --image=nginx');
    run('kubectl expose deployment my-nginx --port=80');
    run('kubectl run late --image=busybox -- sleep 3600');
    const ip = run('kubectl get svc my-nginx -o jsonpath={.spec.clusterIP}').out;
    expect(run('kubectl exec late -- printenv | grep MY_NGINX').out).toBe(
      [
        `MY_NGINX_SERVICE_HOST=${ip}`,
        'MY_NGINX_SERVICE_PORT=80',
        `MY_NGINX_PORT=tcp://${ip}:80`,
        `MY_NGINX_PORT_80_TCP=tcp://${ip}:80`,
        'MY_NGINX_PORT_80_TCP_PROTO=tcp',
        'MY_NGINX_PORT_80_TCP_PORT=80',
        `MY_NGINX_PORT_80_TCP_ADDR=${ip}`,
        '',
      ].join('\n'),
    );
    expect(run("kubectl exec late -- sh -c 'echo $MY_NGINX_SERVICE_HOST'").out).toBe(`${ip}\n`);
    expect(run('kubectl exec early -- printenv').out).not.toContain('MY_NGINX');
    expect(run('kubectl exec early -- printenv KUBERNETES_SERVICE_HOST').out).toBe('10.96.0.1\n');
  });

  it('enableServiceLinks: false leaves them out', () => {
    const { run } = engineSession(3);
    run('kubectl create service clusterip api --tcp=8080:80');
    run(
      `kubectl run quiet --image=busybox --overrides='{"spec":{"enableServiceLinks":false}}' -- sleep 3600`,
    );
    expect(run('kubectl exec quiet -- printenv').out).not.toContain('API_');
  });

  it('names every port: named ports get SERVICE_PORT_<NAME>, each port its link variables', () => {
    expect(
      serviceLinkVariables('kube-dns', {
        clusterIP: '10.96.0.10',
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP' },
          { name: 'dns-tcp', port: 53, protocol: 'TCP' },
        ],
      }),
    ).toEqual([
      ['KUBE_DNS_SERVICE_HOST', '10.96.0.10'],
      ['KUBE_DNS_SERVICE_PORT', '53'],
      ['KUBE_DNS_SERVICE_PORT_DNS', '53'],
      ['KUBE_DNS_SERVICE_PORT_DNS_TCP', '53'],
      ['KUBE_DNS_PORT', 'udp://10.96.0.10:53'],
      ['KUBE_DNS_PORT_53_UDP', 'udp://10.96.0.10:53'],
      ['KUBE_DNS_PORT_53_UDP_PROTO', 'udp'],
      ['KUBE_DNS_PORT_53_UDP_PORT', '53'],
      ['KUBE_DNS_PORT_53_UDP_ADDR', '10.96.0.10'],
      ['KUBE_DNS_PORT_53_TCP', 'tcp://10.96.0.10:53'],
      ['KUBE_DNS_PORT_53_TCP_PROTO', 'tcp'],
      ['KUBE_DNS_PORT_53_TCP_PORT', '53'],
      ['KUBE_DNS_PORT_53_TCP_ADDR', '10.96.0.10'],
    ]);
    // Headless and ExternalName Services have no cluster IP: no variables.
    expect(serviceLinkVariables('db', { clusterIP: 'None', ports: [{ port: 5432 }] })).toEqual([]);
  });
});
