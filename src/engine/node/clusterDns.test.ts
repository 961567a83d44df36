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
    run('kubectl run old --image=busybox:1.28 -- sleep 3600');
    const head = 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n';
    const nx = (name: string) => `** server can't find ${name}: NXDOMAIN\n\n`;
    // busybox's own nslookup (1.29 and later): a name without a dot goes under each search
    // domain, A queries then AAAA, every reply printed; the NXDOMAIN ones fail it.
    expect(run('kubectl exec bb -n blue -- nslookup web')).toEqual({
      out: `${head}Name:\tweb.blue.svc.cluster.local\nAddress: ${ip}\n\n${nx('web.svc.cluster.local')}${nx('web.cluster.local')}\n${nx('web.svc.cluster.local')}${nx('web.cluster.local')}`,
      err: 'command terminated with exit code 1\n',
      code: 1,
    });
    // A name with a dot is asked as it is: the root zone has no `blue`.
    expect(run('kubectl exec bb -- nslookup web.blue')).toEqual({
      out: `${head}${nx('web.blue')}${nx('web.blue')}`,
      err: 'command terminated with exit code 1\n',
      code: 1,
    });
    expect(run('kubectl exec bb -- nslookup web.blue.svc.cluster.local')).toEqual({
      out: `${head}Name:\tweb.blue.svc.cluster.local\nAddress: ${ip}\n\n\n`,
      err: '',
      code: 0,
    });
    // busybox 1.28 resolves through the search path (ndots:5), as the C library does.
    expect(run('kubectl exec old -- nslookup web.blue').out).toBe(
      `Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      web.blue\nAddress 1: ${ip} web.blue.svc.cluster.local\n`,
    );
    // From default, `web` is web.default.svc.cluster.local first: no such Service, nor any other.
    expect(run('kubectl exec old -- nslookup web')).toEqual({
      out: "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nnslookup: can't resolve 'web'\n",
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
      'kubectl run tmp --image=busybox --restart=Never --rm -it -- nslookup web-headless.default.svc.cluster.local',
    );
    expect(r.out).toBe(
      `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n${ips
        .map((ip) => `Name:\tweb-headless.default.svc.cluster.local\nAddress: ${ip}\n`)
        .join('')}\n\npod "tmp" deleted\n`,
    );
  });
});

describe('CoreDNS logs', () => {
  it('each kube-dns pod prints its start-up as CoreDNS 1.11.3 does', () => {
    const { run } = engineSession(6);
    const r = run('kubectl logs --namespace=kube-system -l k8s-app=kube-dns');
    const one =
      /\.:53\n\[INFO\] plugin\/reload: Running configuration SHA512 = [0-9a-f]{128}\nCoreDNS-1\.11\.3\nlinux\/amd64, go1\.21\.11, a6338e9\n/;
    expect(r.out).toMatch(new RegExp(`^${one.source}${one.source}$`));
    expect(r.code).toBe(0);
  });
});
