import { describe, expect, it } from 'vitest';
import { FakeCache, FakeContext } from '../controllers/testing.ts';
import { createKubeProxy } from './kubeProxy.ts';

const kubeDns = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'kube-dns', namespace: 'kube-system' },
  spec: {
    clusterIP: '10.96.0.10',
    ports: [
      { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
      { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
    ],
  },
};

const endpoints = {
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: { name: 'kube-dns', namespace: 'kube-system' },
  subsets: [
    {
      addresses: [
        { ip: '10.244.0.3', nodeName: 'control-plane' },
        { ip: '10.244.0.2', nodeName: 'control-plane' },
      ],
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      ],
    },
  ],
};

describe('kube-proxy', () => {
  it('turns Services and Endpoints into per-port chains that spread over ready endpoints', () => {
    const proxy = createKubeProxy('node1');
    const cache = new FakeCache([
      ['services', kubeDns],
      ['endpoints', endpoints],
    ]);
    expect(proxy.reconcile('sync', cache, new FakeContext()).writes).toEqual([]);
    const rules = proxy.rules();
    expect(rules.map((r) => r.servicePort)).toEqual([
      'kube-system/kube-dns:dns',
      'kube-system/kube-dns:dns-tcp',
    ]);
    expect(rules[0]?.chain).toMatch(/^KUBE-SVC-[A-Z2-7]{16}$/);
    expect(rules[0]?.chain).not.toBe(rules[1]?.chain);
    const udp = proxy.lines().filter((l) => l.includes('/UDP'));
    expect(udp).toHaveLength(2);
    expect(udp[0]).toMatch(
      /^KUBE-SVC-[A-Z2-7]{16} 10\.96\.0\.10:53\/UDP → KUBE-SEP-[A-Z2-7]{16} 10\.244\.0\.2:53 \(50%\)$/,
    );
    expect(udp[1]).toContain('10.244.0.3:53 (50%)');
  });

  it("names chains as kube-proxy does: the SHA-256 of the port's name and protocol", () => {
    const proxy = createKubeProxy('node1');
    const kubernetes = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default' },
      spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP' }] },
    };
    const web = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { clusterIP: '10.96.100.1', ports: [{ port: 80, protocol: 'TCP' }] },
    };
    proxy.reconcile(
      'sync',
      new FakeCache([
        ['services', kubeDns],
        ['services', kubernetes],
        ['services', web],
        ['endpoints', endpoints],
      ]),
      new FakeContext(),
    );
    const chains = Object.fromEntries(proxy.rules().map((r) => [r.name, r.chain]));
    // The chain names every kubeadm cluster shows for these two Services.
    expect(chains).toMatchObject({
      'default/kubernetes:https': 'KUBE-SVC-NPX46M4PTMTKRN6Y',
      'kube-system/kube-dns:dns': 'KUBE-SVC-TCOU7JCQXEZGVUNU',
      'kube-system/kube-dns:dns-tcp': 'KUBE-SVC-ERIFXISQEP7F7OF4',
    });
    // An unnamed port is named by its Service alone.
    expect(proxy.rules().find((r) => r.servicePort === 'default/web:')?.name).toBe('default/web');
  });

  it('rejects traffic for a service without endpoints', () => {
    const proxy = createKubeProxy('node1');
    proxy.reconcile('sync', new FakeCache([['services', kubeDns]]), new FakeContext());
    expect(proxy.lines()[0]).toMatch(
      /^KUBE-SVC-[A-Z2-7]{16} 10\.96\.0\.10:53\/UDP → REJECT \(kube-system\/kube-dns:dns has no endpoints\)$/,
    );
  });
});

describe('kube-proxy restarts', () => {
  it('records Starting on its Node after a restart, not at the first start', () => {
    const proxy = createKubeProxy('node1');
    const ctx = new FakeContext();
    proxy.onStart?.();
    proxy.reconcile('sync', new FakeCache(), ctx);
    expect(ctx.events).toEqual([]);
    proxy.onStart?.();
    proxy.reconcile('sync', new FakeCache(), ctx);
    expect(ctx.events.map((e) => [e.reason, e.message, e.component, e.action, e.ref.name])).toEqual(
      [['Starting', '', 'kube-proxy', 'StartKubeProxy', 'node1']],
    );
  });
});
