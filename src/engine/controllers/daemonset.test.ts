/**
 * The DaemonSet controller with kube-proxy on the real cluster: one pod per eligible node, a
 * deleted pod replaced on its node, pods leaving nodes that no longer qualify, the status
 * counts, and the pods going with their DaemonSet.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { createCluster } from '../index.ts';

function cluster() {
  const c = createCluster({ seed: 4 });
  c.settle();
  const kubectl = c.client('kubectl');
  const proxies = () => {
    const r = kubectl.list('pods', 'kube-system', { labelSelector: 'k8s-app=kube-proxy' });
    return r.ok ? r.value.items.filter((p) => !p.metadata?.deletionTimestamp) : [];
  };
  const nodeOf = (p: KubeObject) => (p.spec as { nodeName?: string }).nodeName ?? '';
  const status = () => c.peek('daemonsets', 'kube-system', 'kube-proxy')?.status;
  return { c, kubectl, proxies, nodeOf, status };
}

describe('DaemonSet controller (kube-proxy)', () => {
  it('starts with one Running kube-proxy pod per node and a matching status', () => {
    const { proxies, nodeOf, status } = cluster();
    expect(proxies().map(nodeOf).sort()).toEqual(['control-plane', 'node1', 'node2', 'node3']);
    expect(status()).toEqual({
      currentNumberScheduled: 4,
      desiredNumberScheduled: 4,
      numberAvailable: 4,
      numberMisscheduled: 0,
      numberReady: 4,
      observedGeneration: 1,
      updatedNumberScheduled: 4,
    });
  });

  it('replaces a deleted pod on the same node, through the scheduler, with a SuccessfulCreate event', () => {
    const { c, kubectl, proxies, nodeOf } = cluster();
    const victim = proxies().find((p) => nodeOf(p) === 'node2');
    expect(victim).toBeDefined();
    const before = c.messages.length;
    kubectl.delete('pods', 'kube-system', victim?.metadata?.name ?? '');
    c.settle();
    const after = proxies().find((p) => nodeOf(p) === 'node2');
    expect(after?.metadata?.name).toMatch(/^kube-proxy-[a-z0-9]{5}$/);
    expect(after?.metadata?.name).not.toBe(victim?.metadata?.name);
    expect((after?.status as { phase?: string } | undefined)?.phase).toBe('Running');
    const kinds = c.messages
      .slice(before)
      .filter((m) => m.ref?.resource === 'pods' && m.ref.name === after?.metadata?.name)
      .map((m) => `${m.from} ${m.kind}`);
    expect(kinds).toContain('controller-manager api.create');
    expect(kinds).toContain('scheduler api.bind');
    const events = kubectl.list('events', 'kube-system');
    const messages = events.ok
      ? events.value.items.filter((e) => e.reason === 'SuccessfulCreate').map((e) => e.message)
      : [];
    expect(messages).toContain(`Created pod: ${after?.metadata?.name}`);
  });

  it('a node that stops matching the node selector loses its pod; matching again brings one back', () => {
    const { c, kubectl, proxies, nodeOf, status } = cluster();
    kubectl.patch('nodes', undefined, 'node3', {
      metadata: { labels: { 'kubernetes.io/os': 'windows' } },
    });
    c.settle();
    expect(proxies().map(nodeOf).sort()).toEqual(['control-plane', 'node1', 'node2']);
    expect(status()).toMatchObject({
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      numberMisscheduled: 0,
    });
    kubectl.patch('nodes', undefined, 'node3', {
      metadata: { labels: { 'kubernetes.io/os': 'linux' } },
    });
    c.settle();
    expect(proxies().map(nodeOf).sort()).toEqual(['control-plane', 'node1', 'node2', 'node3']);
    expect(status()).toMatchObject({ desiredNumberScheduled: 4, numberReady: 4 });
  });

  it('tolerates every taint (kube-proxy tolerates all), so a NoExecute taint keeps its pod', () => {
    const { c, kubectl, proxies, nodeOf } = cluster();
    kubectl.patch('nodes', undefined, 'node1', {
      spec: { taints: [{ key: 'maintenance', value: 'yes', effect: 'NoExecute' }] },
    });
    c.settle();
    expect(proxies().map(nodeOf)).toContain('node1');
  });

  it('a stopped node: its pod stays but stops being ready', () => {
    const { c, status } = cluster();
    c.stopNode('node2');
    c.runUntil(() => false, 120_000);
    expect(status()).toMatchObject({
      desiredNumberScheduled: 4,
      currentNumberScheduled: 4,
      numberReady: 3,
      numberUnavailable: 1,
    });
  });

  it('deleting the DaemonSet takes its pods with it', () => {
    const { c, kubectl, proxies } = cluster();
    expect(kubectl.delete('daemonsets', 'kube-system', 'kube-proxy').ok).toBe(true);
    c.settle();
    expect(proxies()).toEqual([]);
  });
});
