import { describe, expect, it } from 'vitest';
import { createCluster } from './cluster.ts';
import { rfc3339, START_MS } from './util/clock.ts';

const deployment = {
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
    },
  },
};

describe('createCluster', () => {
  it('boots a small kubeadm cluster, everything Running, five days old', () => {
    const c = createCluster({ seed: 1 });
    expect(c.now()).toBe(START_MS);
    expect(c.timestamp()).toBe('2026-01-06T00:00:00Z');
    expect(c.messages).toEqual([]);
    const s = c.snapshot();
    expect(s.list('nodes').map((n) => n.metadata?.name)).toEqual([
      'control-plane',
      'node1',
      'node2',
      'node3',
    ]);
    const cp = s.get('nodes', undefined, 'control-plane')!;
    expect((cp.spec as { taints: unknown[] }).taints).toEqual([
      { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
    ]);
    expect(cp.metadata?.labels?.['node-role.kubernetes.io/control-plane']).toBe('');
    expect(
      s
        .list('namespaces')
        .map((n) => [n.metadata?.name, n.metadata?.labels?.['kubernetes.io/metadata.name']]),
    ).toEqual([
      ['default', 'default'],
      ['kube-node-lease', 'kube-node-lease'],
      ['kube-public', 'kube-public'],
      ['kube-system', 'kube-system'],
    ]);
    const svc = s.get('services', 'default', 'kubernetes')!;
    expect(svc.spec).toMatchObject({
      clusterIP: '10.96.0.1',
      ports: [{ port: 443, protocol: 'TCP' }],
    });
    const sys = s.list('pods', 'kube-system');
    const names = sys.map((p) => p.metadata!.name!);
    for (const n of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
      expect(names).toContain(`${n}-control-plane`);
    }
    expect(
      names.filter((n) => /^kube-proxy-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(n)),
    ).toHaveLength(4);
    expect(
      names.filter((n) =>
        /^coredns-[bcdfghjklmnpqrstvwxz2456789]{9,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(n),
      ),
    ).toHaveLength(2);
    expect(sys.every((p) => (p.status as { phase: string }).phase === 'Running')).toBe(true);
    const proxyNodes = sys
      .filter((p) => p.metadata!.name!.startsWith('kube-proxy-'))
      .map((p) => (p.spec as { nodeName: string }).nodeName);
    expect(proxyNodes.sort()).toEqual(['control-plane', 'node1', 'node2', 'node3']);
    expect(s.get('deployments', 'kube-system', 'coredns')!.metadata?.creationTimestamp).toBe(
      rfc3339(START_MS - 5 * 86_400_000),
    );
    expect(s.get('deployments', 'kube-system', 'coredns')!.status).toMatchObject({
      replicas: 2,
      readyReplicas: 2,
    });
  });

  it('a fresh cluster settles with nothing but housekeeping', () => {
    const c = createCluster({ seed: 1 });
    const res = c.settle();
    expect(res.settled).toBe(true);
    expect(c.messages.filter((m) => !m.housekeeping)).toEqual([]);
    expect(c.messages.some((m) => m.kind === 'api.update' && m.ref?.resource === 'leases')).toBe(
      true,
    );
    expect(c.now() - START_MS).toBeLessThanOrEqual(15_000);
    expect(c.errors).toEqual([]);
  });

  it('makes N workers on request', () => {
    const c = createCluster({ seed: 1, workers: 12, keepSnapshots: false });
    expect(c.nodes()).toHaveLength(13);
    expect(c.nodes()[12]).toBe('node12');
    expect(
      c
        .snapshot()
        .list('pods', 'kube-system')
        .filter((p) => p.metadata?.name?.startsWith('kube-proxy-')),
    ).toHaveLength(13);
  });

  it('steps one message at a time, kubectl first', () => {
    const c = createCluster({ seed: 1 });
    c.client('kubectl').create('deployments', 'default', deployment);
    const first = [c.step(), c.step(), c.step(), c.step({ skipHousekeeping: true })].map(
      (m) => `${m?.from}>${m?.to} ${m?.kind}`,
    );
    expect(first).toEqual([
      'kubectl>api-server api.create',
      'api-server>etcd etcd.put',
      'api-server>kubectl api.response',
      'api-server>controller-manager watch.event',
    ]);
    let n = 0;
    for (let m = c.step({ skipHousekeeping: true }); m; m = c.step({ skipHousekeeping: true })) {
      expect(m.housekeeping).toBeUndefined();
      n++;
    }
    // The whole story of one pod, then idle: the pod is Running.
    expect(n).toBeGreaterThan(50);
    expect(
      c
        .snapshot()
        .list('pods', 'default')
        .map((p) => (p.status as { phase: string }).phase),
    ).toEqual(['Running']);
  });

  it('advance moves the clock exactly; runUntil stops when the predicate holds', () => {
    const c = createCluster({ seed: 1 });
    c.advance(1234);
    expect(c.now()).toBe(START_MS + 1234);
    c.client('kubectl').create('deployments', 'default', deployment);
    const ok = c.runUntil(
      () =>
        (c.peek('deployments', 'default', 'web')?.status as { readyReplicas?: number })
          ?.readyReplicas === 1,
      60_000,
    );
    expect(ok).toBe(true);
    expect(c.now() - START_MS).toBeLessThan(20_000);
    expect(c.runUntil(() => false, 1000)).toBe(false);
  });

  it('docker build and push go from the developer to the registry', () => {
    const c = createCluster({ seed: 1 });
    expect(c.docker.build('learner/web:1.0')?.ref).toBe('docker.io/learner/web:1.0');
    // Into the account the laptop is signed in to (another account's namespace is denied).
    const push = c.docker.push('learner/web:1.0');
    expect(push.ok).toBe(true);
    expect(push.lines[0]).toBe('The push refers to repository [docker.io/learner/web]');
    // The build's FROM nginx pulled it first (the laptop had none): drawn as docker pull is.
    expect(c.messages.map((m) => [m.from, m.to, m.kind, m.label])).toEqual([
      ['developer', 'developer', 'image.build', 'docker build -t learner/web:1.0 .'],
      ['developer', 'registry', 'image.download', 'GET /v2/library/nginx/manifests/latest'],
      ['registry', 'developer', 'image.downloaded', c.registry.localImage('nginx')?.digest],
      ['developer', 'registry', 'image.push', 'PUT /v2/learner/web/manifests/1.0'],
      ['registry', 'developer', 'image.pushed', push.image?.digest],
    ]);
    // nginx is on the laptop now: another build records no pull.
    c.docker.build('learner/web:1.1');
    expect(c.messages.slice(5).map((m) => m.kind)).toEqual(['image.build']);
    const view = c.snapshot().registry as { repositories: { repository: string }[] };
    expect(view.repositories.map((r) => r.repository)).toContain('docker.io/learner/web');
    expect(c.docker.push('alice/nothing:1').lines).toEqual([
      'An image does not exist locally with the tag: alice/nothing:1',
    ]);
  });
});

describe('node images after the kubelets report', () => {
  it('lists the control-plane images only on the control-plane node', () => {
    const c = createCluster({ seed: 1 });
    const tags = (node: string) => {
      const status = c.snapshot().get('nodes', undefined, node)?.status as
        | { images?: { names: string[] }[] }
        | undefined;
      return (status?.images ?? []).map((i) => i.names.at(-1)).sort();
    };
    expect(tags('node1')).toEqual([
      'registry.k8s.io/kube-proxy:v1.32.2',
      'registry.k8s.io/pause:3.10',
    ]);
    expect(tags('control-plane')).toContain('registry.k8s.io/kube-apiserver:v1.32.2');
    expect(tags('control-plane')).toContain('registry.k8s.io/etcd:3.5.16-0');
  });
});
