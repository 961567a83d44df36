/**
 * The workloads half inside the real cluster (runtime, API server, scheduler): the scenarios
 * of the study note, asserted the way `kubectl get` / `kubectl get events` would show them.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { createCluster } from '../cluster.ts';

const deployment = (name: string, image: string, replicas = 1): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: name } },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    strategy: {},
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: image.split(':')[0], image, resources: {} }] },
    },
  },
});

type Cluster = ReturnType<typeof createCluster>;

function pods(c: Cluster, ns = 'default'): KubeObject[] {
  const r = c.client('kubectl').list('pods', ns);
  return r.ok ? r.value.items : [];
}

function reasons(c: Cluster, name: string): string[] {
  const r = c.client('kubectl').list('events', 'default');
  if (!r.ok) return [];
  return r.value.items
    .filter((e) => (e.involvedObject as { name: string }).name === name)
    .map((e) => `${e.reason} ${e.message}`);
}

const waiting = (p: KubeObject) =>
  (p.status as { containerStatuses?: { state: { waiting?: { reason: string } } }[] })
    .containerStatuses?.[0]?.state.waiting?.reason;

describe('workloads in the cluster', () => {
  it('kubectl create deployment web --image=nginx ends with one Running pod and the real events', () => {
    const c = createCluster({ seed: 7 });
    c.client('kubectl').create('deployments', 'default', deployment('web', 'nginx'));
    expect(c.settle().settled).toBe(true);
    expect(c.errors).toEqual([]);
    const [p, ...rest] = pods(c);
    expect(rest).toEqual([]);
    const name = p!.metadata!.name!;
    expect(name).toMatch(/^web-[456789bcdf]{9,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect((p!.status as { phase: string }).phase).toBe('Running');
    const ev = reasons(c, name);
    expect(ev[0]).toMatch(/^Scheduled Successfully assigned default\/web-.* to node\d$/);
    expect(ev.slice(1).map((e) => e.split(' ')[0])).toEqual([
      'Pulling',
      'Pulled',
      'Created',
      'Started',
    ]);
    const d = c.client('kubectl').get('deployments', 'default', 'web');
    expect(d.ok && d.value.status).toMatchObject({ readyReplicas: 1, availableReplicas: 1 });
  });

  it('a missing image alternates ErrImagePull and ImagePullBackOff', () => {
    const c = createCluster({ seed: 7 });
    c.client('kubectl').create('deployments', 'default', deployment('bad', 'nginx:doesnotexist'));
    const seen = new Set<string>();
    for (let i = 0; i < 240; i++) {
      c.advance(250);
      const r = pods(c)[0] ? waiting(pods(c)[0]!) : undefined;
      if (r) seen.add(r);
    }
    expect([...seen]).toEqual(['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff']);
    expect(c.errors).toEqual([]);
  });

  it('a dead node: NotReady, eviction after 300 s, a replacement elsewhere; back up, the old pod goes', () => {
    const c = createCluster({ seed: 7 });
    c.client('kubectl').create('deployments', 'default', deployment('web', 'nginx'));
    c.settle();
    const [first] = pods(c);
    const node = (first!.spec as { nodeName: string }).nodeName;
    c.stopNode(node);
    c.advance(70_000);
    const n = c.client('kubectl').get('nodes', undefined, node);
    const ready = n.ok
      ? (n.value.status as { conditions: { type: string; status: string }[] }).conditions.find(
          (x) => x.type === 'Ready',
        )
      : undefined;
    expect(ready?.status).toBe('Unknown');
    c.advance(320_000);
    const now = pods(c);
    expect(now).toHaveLength(2);
    const old = now.find((p) => p.metadata?.name === first!.metadata!.name)!;
    expect(old.metadata?.deletionTimestamp).toBeDefined();
    const replacement = now.find((p) => p !== old)!;
    expect((replacement.spec as { nodeName: string }).nodeName).not.toBe(node);
    expect((replacement.status as { phase: string }).phase).toBe('Running');
    c.startNode(node);
    c.advance(60_000);
    expect(pods(c).map((p) => p.metadata?.name)).toEqual([replacement.metadata?.name]);
    expect(c.errors).toEqual([]);
  });

  it('deleting a namespace removes its workloads and then the namespace', () => {
    const c = createCluster({ seed: 7 });
    const k = c.client('kubectl');
    k.create('namespaces', undefined, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'blue' },
    });
    k.create('deployments', 'blue', deployment('web', 'nginx', 2));
    c.settle();
    expect(pods(c, 'blue')).toHaveLength(2);
    k.delete('namespaces', undefined, 'blue');
    c.settle();
    expect(k.get('namespaces', undefined, 'blue').ok).toBe(false);
    expect(pods(c, 'blue')).toEqual([]);
    const events = k.list('events', 'blue');
    expect(events.ok && events.value.items).toEqual([]);
    expect(c.errors).toEqual([]);
  });
});
