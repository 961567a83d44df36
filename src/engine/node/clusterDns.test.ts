/**
 * DNS from inside pods (the docs' "Debugging DNS Resolution" and "DNS for Services and Pods"):
 * the pod's resolv.conf names kube-dns (10.96.0.10) and its search path, so `svc`, `svc.ns`,
 * `kubernetes.default` and full names resolve to cluster IPs, a headless Service to its pods'
 * IPs, and a missing name to NXDOMAIN, each as the image's own nslookup prints it.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';

describe('cluster DNS from inside a pod', () => {
  it('busybox:1.28 (the docs pin it): the old nslookup, with reverse names', () => {
    const { run } = engineSession(6);
    expect(
      run(
        'kubectl run tmp --image=busybox:1.28 --restart=Never --rm -it -- nslookup kubernetes.default',
      ),
    ).toEqual({
      out: `Server:    10.96.0.10
Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local

Name:      kubernetes.default
Address 1: 10.96.0.1 kubernetes.default.svc.cluster.local
pod "tmp" deleted
`,
      err: '',
      code: 0,
    });
    run('kubectl apply -f https://k8s.io/examples/admin/dns/busybox.yaml');
    expect(run('kubectl exec busybox -- nslookup nope')).toEqual({
      out: `Server:    10.96.0.10
Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local

nslookup: can't resolve 'nope'
`,
      err: 'command terminated with exit code 1\n',
      code: 1,
    });
  });

  it("the docs' dnsutils pod: bind's nslookup and the pod's resolv.conf", () => {
    const { run } = engineSession(6);
    run('kubectl apply -f https://k8s.io/examples/admin/dns/dnsutils.yaml');
    expect(run('kubectl exec -i -t dnsutils -- nslookup kubernetes.default').out).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n',
    );
    expect(run('kubectl exec -ti dnsutils -- cat /etc/resolv.conf').out).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
    expect(run('kubectl exec dnsutils -- nslookup kube-dns.kube-system').out).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tkube-dns.kube-system.svc.cluster.local\nAddress: 10.96.0.10\n\n',
    );
  });

  it('a Service by name, name.namespace and full name; the search path is the pod namespace', () => {
    const { run } = engineSession(6);
    run('kubectl create namespace blue');
    run('kubectl create deployment web --image=nginx -n blue');
    run('kubectl expose deployment web --port=80 -n blue');
    const ip = run('kubectl get svc web -n blue -o jsonpath={.spec.clusterIP}').out;
    run('kubectl run bb --image=busybox -n blue -- sleep 3600');
    run('kubectl run bb --image=busybox -- sleep 3600');
    const answer = `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.blue.svc.cluster.local\nAddress: ${ip}\n\n`;
    expect(run('kubectl exec bb -n blue -- nslookup web')).toEqual({
      out: answer,
      err: '',
      code: 0,
    });
    expect(run('kubectl exec bb -- nslookup web.blue').out).toBe(answer);
    expect(run('kubectl exec bb -- nslookup web.blue.svc.cluster.local').out).toBe(answer);
    // From default, `web` is looked up as web.default.svc.cluster.local first: no such Service.
    expect(run('kubectl exec bb -- nslookup web')).toEqual({
      out: "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find web: NXDOMAIN\n\n",
      err: 'command terminated with exit code 1\n',
      code: 1,
    });
    expect(run('kubectl exec bb -n blue -- cat /etc/resolv.conf').out).toBe(
      'search blue.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
  });

  it("a headless Service resolves to its ready pods' IPs", () => {
    const { run } = engineSession(6);
    run('kubectl create deployment web --image=nginx --replicas=2');
    run('kubectl create service clusterip web-headless --clusterip=None --tcp=80:80');
    run(`kubectl patch service web-headless -p '{"spec":{"selector":{"app":"web"}}}'`);
    const ips = run('kubectl get pods -l app=web -o jsonpath={.items[*].status.podIP}')
      .out.split(' ')
      .sort();
    expect(ips).toHaveLength(2);
    const r = run(
      'kubectl run tmp --image=busybox --restart=Never --rm -it -- nslookup web-headless',
    );
    expect(r.out).toBe(
      `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n${ips
        .map((ip) => `Name:\tweb-headless.default.svc.cluster.local\nAddress: ${ip}\n`)
        .join('')}\npod "tmp" deleted\n`,
    );
  });
});
