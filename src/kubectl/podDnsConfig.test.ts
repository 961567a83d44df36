/**
 * A pod's name resolution as the kubelet sets it up (audit 15 F33, F34): `hostAliases` become
 * the "# Entries added by HostAliases." block of /etc/hosts and are read before DNS;
 * `dnsPolicy: None` + `dnsConfig` is the pod's whole resolv.conf, `dnsPolicy: Default` the
 * node's (no cluster search domains: cluster names do not resolve).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const HOSTS_HEAD =
  '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';

function podJson(name: string, spec: Record<string, unknown>): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      ...spec,
      containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }],
    },
  });
}

describe('hostAliases', () => {
  it('end /etc/hosts with the HostAliases block and resolve before DNS', () => {
    const { run, host } = engineSession(3);
    host.fs.write(
      'ha.json',
      podJson('ha', {
        hostAliases: [
          { ip: '10.1.2.3', hostnames: ['foo.local', 'bar.local'] },
          { ip: '10.1.2.4', hostnames: ['foo.remote'] },
        ],
      }),
    );
    expect(run('kubectl apply -f ha.json').out).toBe('pod/ha created\n');
    const ip = run("kubectl get pod ha -o jsonpath='{.status.podIP}'").out;
    expect(run('kubectl exec ha -- cat /etc/hosts').out).toBe(
      `${HOSTS_HEAD}${ip}\tha\n\n# Entries added by HostAliases.\n10.1.2.3\tfoo.local\tbar.local\n10.1.2.4\tfoo.remote\n`,
    );
    // The alias is the name's address: nothing listens at 10.1.2.3, so the request times out
    // (instead of a DNS failure).
    expect(run('kubectl exec ha -- wget -qO- -T 2 bar.local')).toEqual({
      out: '',
      err: 'wget: download timed out\ncommand terminated with exit code 1\n',
      code: 1,
    });
  });

  it('are validated: an IP and DNS subdomain host names', () => {
    const { run, host } = engineSession(3);
    host.fs.write(
      'bad.json',
      podJson('bad', { hostAliases: [{ ip: 'foo', hostnames: ['Foo_bar'] }] }),
    );
    const r = run('kubectl apply -f bad.json');
    expect(r.err).toBe(
      "The Pod \"bad\" is invalid: \n* spec.hostAliases[0].ip: Invalid value: \"foo\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)\n* spec.hostAliases[0].hostnames[0]: Invalid value: \"Foo_bar\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n",
    );
    expect(r.code).toBe(1);
  });
});

describe('dnsPolicy and dnsConfig', () => {
  it('None: the resolv.conf is the dnsConfig alone, and its nameserver is asked', () => {
    const { run, host } = engineSession(3);
    host.fs.write(
      'dc.json',
      podJson('dc', {
        dnsPolicy: 'None',
        dnsConfig: {
          nameservers: ['192.0.2.1'],
          searches: ['ns1.svc.cluster-domain.example', 'my.dns.search.suffix'],
          options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }],
        },
      }),
    );
    run('kubectl apply -f dc.json');
    expect(run('kubectl exec dc -- cat /etc/resolv.conf').out).toBe(
      'search ns1.svc.cluster-domain.example my.dns.search.suffix\nnameserver 192.0.2.1\noptions ndots:2 edns0\n',
    );
    // No DNS server at 192.0.2.1.
    expect(run('kubectl exec dc -- nslookup kubernetes')).toEqual({
      out: ';; connection timed out; no servers could be reached\n\n',
      err: 'command terminated with exit code 1\n',
      code: 1,
    });
  });

  it('ClusterFirst with a dnsConfig: the cluster resolv.conf with the extra search and options merged in', () => {
    const { run, host } = engineSession(3);
    host.fs.write(
      'cf.json',
      podJson('cf', {
        dnsConfig: {
          searches: ['example.internal'],
          options: [{ name: 'ndots', value: '1' }, { name: 'single-request-reopen' }],
        },
      }),
    );
    run('kubectl apply -f cf.json');
    expect(run('kubectl exec cf -- cat /etc/resolv.conf').out).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local example.internal\nnameserver 10.96.0.10\noptions ndots:1 single-request-reopen\n',
    );
  });

  it("Default: the node's resolver, where cluster names do not resolve", () => {
    const { run, host } = engineSession(3);
    run('kubectl create deployment web --image=nginx');
    run('kubectl expose deployment web --port=80');
    host.fs.write('dd.json', podJson('dd', { dnsPolicy: 'Default' }));
    run('kubectl apply -f dd.json');
    expect(run('kubectl exec dd -- cat /etc/resolv.conf').out).toBe('nameserver 172.18.0.1\n');
    expect(run('kubectl exec dd -- nslookup web.default.svc.cluster.local')).toEqual({
      out: "Server:\t\t172.18.0.1\nAddress:\t172.18.0.1:53\n\n** server can't find web.default.svc.cluster.local: NXDOMAIN\n\n** server can't find web.default.svc.cluster.local: NXDOMAIN\n\n",
      err: 'command terminated with exit code 1\n',
      code: 1,
    });
    expect(run('kubectl exec dd -- wget -qO- -T 2 web')).toEqual({
      out: '',
      err: "wget: bad address 'web'\ncommand terminated with exit code 1\n",
      code: 1,
    });
    // Its cluster IP still answers: only the name is unknown to the node's resolver.
    const ip = run("kubectl get svc web -o jsonpath='{.spec.clusterIP}'").out;
    expect(run(`kubectl exec dd -- wget -qO- -T 2 ${ip}`).out).toContain('Welcome to nginx!');
  });

  it('None without nameservers is refused', () => {
    const { run, host } = engineSession(3);
    host.fs.write('n1.json', podJson('n1', { dnsPolicy: 'None' }));
    expect(run('kubectl apply -f n1.json').err).toBe(
      'The Pod "n1" is invalid: spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None\n',
    );
    host.fs.write(
      'n2.json',
      podJson('n2', { dnsPolicy: 'None', dnsConfig: { searches: ['a.example'] } }),
    );
    expect(run('kubectl apply -f n2.json').err).toBe(
      'The Pod "n2" is invalid: spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None\n',
    );
    host.fs.write(
      'n3.json',
      podJson('n3', {
        dnsConfig: { nameservers: ['1.1.1.1', '8.8.8.8', '9.9.9.9', '8.8.4.4'] },
      }),
    );
    expect(run('kubectl apply -f n3.json').err).toBe(
      'The Pod "n3" is invalid: spec.dnsConfig.nameservers: Invalid value: []string{"1.1.1.1", "8.8.8.8", "9.9.9.9", "8.8.4.4"}: must not have more than 3 nameservers\n',
    );
    expect(run('kubectl get pods').err).toBe('No resources found in default namespace.\n');
  });
});
