/**
 * ExternalName Services in cluster DNS (audit 13 C22): CoreDNS answers the Service's name with a
 * CNAME to the external name, followed by the target's addresses when it finds them. A target
 * in the cluster's own zone (another Service) resolves; anything outside is forwarded to the
 * node's resolver, and this simulated cluster is offline: no server answers (SERVFAIL), so the
 * CNAME comes alone and wget or curl cannot resolve the name.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';

const HEAD = 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n';
const nx = (name: string) => `** server can't find ${name}: NXDOMAIN\n\n`;

function session() {
  const s = engineSession(8);
  s.run('kubectl create service externalname en --external-name example.com');
  s.run('kubectl create namespace blue');
  s.run('kubectl create deployment web --image=nginx -n blue');
  s.run('kubectl expose deployment web --port=80 -n blue');
  s.run('kubectl create service externalname alias --external-name web.blue.svc.cluster.local');
  s.run('kubectl run bb --image=busybox --restart=Never -- sleep 3600');
  s.run('kubectl run cu --image=curlimages/curl:8.12.1 --restart=Never -- sleep 3600');
  s.cluster.advance(10_000);
  const webIP = s.run('kubectl get svc web -n blue -o jsonpath={.spec.clusterIP}').out;
  return { ...s, webIP };
}

describe('ExternalName Services in cluster DNS', () => {
  it('busybox nslookup prints the CNAME (alone: example.com does not resolve offline)', () => {
    const { run } = session();
    const cname = 'en.default.svc.cluster.local\tcanonical name = example.com\n';
    expect(run('kubectl exec bb -- nslookup en.default.svc.cluster.local')).toEqual({
      out: `${HEAD}${cname}\n${cname}\n`,
      err: '',
      code: 0,
    });
    // A bare name goes under each search domain: the others are NXDOMAIN.
    const searched = `${cname}\n${nx('en.svc.cluster.local')}${nx('en.cluster.local')}`;
    expect(run('kubectl exec bb -- nslookup en')).toEqual({
      out: `${HEAD}${searched}${searched}`,
      err: 'command terminated with exit code 1\n',
      code: 1,
    });
    // The name itself: forwarded outside, where nothing answers.
    expect(run('kubectl exec bb -- nslookup example.com')).toEqual({
      out: `${HEAD}** server can't find example.com: SERVFAIL\n\n** server can't find example.com: SERVFAIL\n\n`,
      err: 'command terminated with exit code 1\n',
      code: 1,
    });
  });

  it('a CNAME to another Service is followed to its cluster IP', () => {
    const { run, webIP } = session();
    const cname = 'alias.default.svc.cluster.local\tcanonical name = web.blue.svc.cluster.local\n';
    expect(run('kubectl exec bb -- nslookup alias.default.svc.cluster.local').out).toBe(
      `${HEAD}${cname}Name:\tweb.blue.svc.cluster.local\nAddress: ${webIP}\n\n${cname}\n`,
    );
    expect(run('kubectl exec bb -- wget -qO- -T 2 alias').out).toContain(
      '<title>Welcome to nginx!</title>',
    );
    expect(run('kubectl exec cu -- curl -s -o /dev/null -w %{http_code} alias').out).toBe('200');
  });

  it('wget and curl cannot resolve an external name', () => {
    const { run } = session();
    expect(run('kubectl exec bb -- wget -qO- en')).toEqual({
      out: '',
      err: "wget: bad address 'en'\ncommand terminated with exit code 1\n",
      code: 1,
    });
    expect(run('kubectl exec bb -- wget -qO- http://example.com/')).toEqual({
      out: '',
      err: "wget: bad address 'example.com'\ncommand terminated with exit code 1\n",
      code: 1,
    });
    expect(run('kubectl exec cu -- curl -sS http://en')).toEqual({
      out: '',
      err: 'curl: (6) Could not resolve host: en\ncommand terminated with exit code 6\n',
      code: 6,
    });
  });

  it("bind's and busybox 1.28's nslookup", () => {
    const { run, webIP } = session();
    run('kubectl apply -f https://k8s.io/examples/admin/dns/dnsutils.yaml');
    run('kubectl run old --image=busybox:1.28 --restart=Never -- sleep 3600');
    run('sleep 10');
    const bindHead = 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n';
    expect(run('kubectl exec dnsutils -- nslookup en').out).toBe(
      `${bindHead}en.default.svc.cluster.local\tcanonical name = example.com.\n\n`,
    );
    expect(run('kubectl exec dnsutils -- nslookup alias').out).toBe(
      `${bindHead}alias.default.svc.cluster.local\tcanonical name = web.blue.svc.cluster.local.\nName:\tweb.blue.svc.cluster.local\nAddress: ${webIP}\n\n`,
    );
    // busybox 1.28 resolves with the C library: a CNAME without addresses is no answer.
    expect(run('kubectl exec old -- nslookup en')).toEqual({
      out: "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nnslookup: can't resolve 'en'\n",
      err: 'command terminated with exit code 1\n',
      code: 1,
    });
    expect(run('kubectl exec old -- nslookup alias').out).toBe(
      `Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      alias\nAddress 1: ${webIP} web.blue.svc.cluster.local\n`,
    );
  });

  it('a pod whose program resolves the ExternalName Service sees the same', () => {
    const { run, cluster } = session();
    run('kubectl run n --image=busybox --restart=Never -- nslookup en.default.svc.cluster.local');
    run('kubectl run w --image=busybox --restart=Never -- wget -qO- en');
    cluster.advance(10_000);
    expect(run('kubectl logs n').out).toBe(
      `${HEAD}en.default.svc.cluster.local\tcanonical name = example.com\n\nen.default.svc.cluster.local\tcanonical name = example.com\n\n`,
    );
    expect(run('kubectl get pod n -o jsonpath={.status.phase}').out).toBe('Succeeded');
    expect(run('kubectl get pod w -o jsonpath={.status.phase}').out).toBe('Failed');
    expect(run('kubectl logs w').out).toBe("wget: bad address 'en'\n");
  });
});
