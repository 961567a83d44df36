import { describe, expect, it } from 'vitest';
import { FakeCache, FakeContext } from '../controllers/testing.ts';
import { createKubeProxy, localEndpoints } from './kubeProxy.ts';

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

/** The endpointslice controller's slice for kube-dns: two ready CoreDNS pods. */
const slice = {
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: {
    name: 'kube-dns-x7k2p',
    namespace: 'kube-system',
    labels: { 'kubernetes.io/service-name': 'kube-dns' },
  },
  addressType: 'IPv4',
  endpoints: [
    {
      addresses: ['10.244.0.3'],
      conditions: { ready: true, serving: true, terminating: false },
      nodeName: 'control-plane',
    },
    {
      addresses: ['10.244.0.2'],
      conditions: { ready: true, serving: true, terminating: false },
      nodeName: 'control-plane',
    },
  ],
  ports: [
    { name: 'dns', port: 53, protocol: 'UDP' },
    { name: 'dns-tcp', port: 53, protocol: 'TCP' },
  ],
};

describe('kube-proxy', () => {
  it('turns Services and EndpointSlices into per-port chains that spread over ready endpoints', () => {
    const proxy = createKubeProxy('node1');
    const cache = new FakeCache([
      ['services', kubeDns],
      ['endpointslices', slice],
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
        ['endpointslices', slice],
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

/** A Service `web` (one port 80) and a slice listing `endpoints` as [ip, node, ready, serving, terminating]. */
function webWith(
  endpoints: [string, string, boolean, boolean, boolean][],
  spec: Record<string, unknown> = {},
): [string, object][] {
  const web = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: { clusterIP: '10.96.100.1', ports: [{ port: 80, protocol: 'TCP' }], ...spec },
  };
  const webSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: 'web-abcde',
      namespace: 'default',
      labels: { 'kubernetes.io/service-name': 'web' },
    },
    addressType: 'IPv4',
    endpoints: endpoints.map(([ip, nodeName, ready, serving, terminating]) => ({
      addresses: [ip],
      conditions: { ready, serving, terminating },
      nodeName,
    })),
    ports: [{ name: '', port: 80, protocol: 'TCP' }],
  };
  return [
    ['services', web],
    ['endpointslices', webSlice],
  ];
}

function sync(node: string, objects: [string, object][]) {
  const proxy = createKubeProxy(node);
  proxy.reconcile('sync', new FakeCache(objects as never), new FakeContext());
  return proxy;
}

describe('kube-proxy reads EndpointSlice conditions (1.32)', () => {
  it('sends traffic to ready endpoints only, leaving out terminating ones while any is ready', () => {
    const proxy = sync(
      'node1',
      webWith([
        ['10.244.1.2', 'node1', true, true, false],
        ['10.244.2.2', 'node2', false, true, true],
        ['10.244.3.2', 'node3', false, false, false],
      ]),
    );
    expect(proxy.lines()).toEqual([
      expect.stringMatching(
        /^KUBE-SVC-\w{16} 10\.96\.100\.1:80\/TCP → KUBE-SEP-\w{16} 10\.244\.1\.2:80 \(100%\)$/,
      ),
    ]);
  });

  it('falls back to endpoints still serving while they terminate when none is ready', () => {
    const proxy = sync(
      'node1',
      webWith([
        ['10.244.1.2', 'node1', false, true, true],
        ['10.244.2.2', 'node2', false, false, true],
        ['10.244.3.2', 'node3', false, true, true],
      ]),
    );
    expect(proxy.rules()[0]?.endpoints.map((e) => `${e.ip} ${e.share}`)).toEqual([
      '10.244.1.2 0.5',
      '10.244.3.2 0.5',
    ]);
    // Not ready and not serving: nothing to fall back to, the Service is rejected.
    const none = sync('node1', webWith([['10.244.2.2', 'node2', false, false, true]]));
    expect(none.lines()[0]).toContain('→ REJECT (default/web: has no endpoints)');
  });

  it("externalTrafficPolicy Local: the node's ready endpoints, else its serving terminating ones", () => {
    const spec = {
      type: 'NodePort',
      externalTrafficPolicy: 'Local',
      ports: [{ port: 80, protocol: 'TCP', nodePort: 30080 }],
    };
    const objects = webWith(
      [
        ['10.244.1.2', 'node1', false, true, true],
        ['10.244.2.2', 'node2', true, true, false],
        ['10.244.2.3', 'node2', false, true, true],
      ],
      spec,
    );
    const local = (node: string) =>
      localEndpoints(sync(node, objects).rules()[0]!, node).map((e) => e.ip);
    expect(local('node1')).toEqual(['10.244.1.2']);
    expect(local('node2')).toEqual(['10.244.2.2']);
    expect(local('node3')).toEqual([]);
    // Cluster traffic (pods) still goes to the ready one alone.
    expect(
      sync('node1', objects)
        .rules()[0]
        ?.endpoints.map((e) => e.ip),
    ).toEqual(['10.244.2.2']);
  });

  it('ignores slices without the service-name label and counts an address listed twice once', () => {
    const [svc, webSlice] = webWith([['10.244.1.2', 'node1', true, true, false]]);
    const copy = structuredClone(webSlice![1]) as { metadata: { name: string } };
    copy.metadata.name = 'web-fghij';
    const stray = structuredClone(webSlice![1]) as {
      metadata: { name: string; labels: Record<string, string> };
      endpoints: { addresses: string[] }[];
    };
    stray.metadata.name = 'stray';
    stray.metadata.labels = {};
    stray.endpoints[0]!.addresses = ['10.244.9.9'];
    const proxy = sync('node1', [
      svc!,
      webSlice!,
      ['endpointslices', copy],
      ['endpointslices', stray],
    ]);
    expect(proxy.rules()[0]?.endpoints.map((e) => e.ip)).toEqual(['10.244.1.2']);
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
