/**
 * The DaemonSet controller with kube-proxy on the real cluster: one pod per eligible node, a
 * deleted pod replaced on its node, pods leaving nodes that no longer qualify, the status
 * counts, and the pods going with their DaemonSet. Then one reconcile at a time over a seeded
 * cache: the rolling update's deletes and creates, and the OnDelete strategy.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { createCluster } from '../index.ts';
import type { Write } from '../runtime/controller.ts';
import { rfc3339 } from '../util/clock.ts';
import { createDaemonSetController } from './daemonset.ts';
import { namespace, pod } from './fixtures.ts';
import { computePodTemplateHash } from './podTemplateHash.ts';
import { FakeCache, FakeContext } from './testing.ts';

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
    // Same template, same revision: the seeded pods' hash and template generation.
    expect(after?.metadata?.labels).toEqual({
      'controller-revision-hash': '7bb84c4984',
      'k8s-app': 'kube-proxy',
      'pod-template-generation': '1',
    });
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

const TEMPLATE_136 = {
  metadata: { labels: { app: 'agent' } },
  spec: { containers: [{ name: 'agent', image: 'busybox:1.36' }] },
};
const TEMPLATE_137 = {
  metadata: { labels: { app: 'agent' } },
  spec: { containers: [{ name: 'agent', image: 'busybox:1.37' }] },
};
const OLD_HASH = computePodTemplateHash(TEMPLATE_136);
const NEW_HASH = computePodTemplateHash(TEMPLATE_137);

function workerNode(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, uid: `uid-node-${name}` }, spec: {} };
}

/** The agent DaemonSet right after `kubectl set image` to 1.37 (generation 2, status of 1). */
function agent(strategy: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: 'agent',
      namespace: 'default',
      uid: 'uid-ds-agent',
      generation: 2,
      resourceVersion: '10',
      creationTimestamp: rfc3339(0),
    },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: TEMPLATE_137,
      updateStrategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
        ...strategy,
      },
    },
    status: {
      currentNumberScheduled: 3,
      desiredNumberScheduled: 3,
      numberAvailable: 3,
      numberMisscheduled: 0,
      numberReady: 3,
      observedGeneration: 1,
      updatedNumberScheduled: 3,
    },
  };
}

/** A daemon pod of the 1.36 template on `node` (`deleting`: terminating). */
function oldPod(name: string, node: string, deleting = false): KubeObject {
  return pod(name, {
    node,
    phase: 'Running',
    ready: true,
    owner: agent(),
    ownerKind: 'DaemonSet',
    labels: { app: 'agent', 'controller-revision-hash': OLD_HASH, 'pod-template-generation': '1' },
    image: 'busybox:1.36',
    deleting,
  });
}

function seeded(ds: KubeObject, pods: KubeObject[]) {
  const cache = new FakeCache([
    ['namespaces', namespace('default')],
    ['nodes', workerNode('node1')],
    ['nodes', workerNode('node2')],
    ['nodes', workerNode('node3')],
    ['daemonsets', ds],
    ...pods.map((p): ['pods', KubeObject] => ['pods', p]),
  ]);
  return { cache, ctx: new FakeContext(60_000) };
}

/** The pod writes of a reconcile, as `verb name`. */
function podWrites(writes: Write[]): string[] {
  const out: string[] = [];
  for (const w of writes) {
    if (w.verb === 'create' && w.resource === 'pods') out.push(`create ${w.obj.metadata?.name}`);
    if (w.verb === 'delete' && w.resource === 'pods') out.push(`delete ${w.name}`);
  }
  return out;
}

describe('DaemonSet controller: rolling update, one reconcile at a time', () => {
  it('deletes one old pod (maxUnavailable 1) and records SuccessfulDelete', () => {
    const dsc = createDaemonSetController();
    const { cache, ctx } = seeded(agent(), [
      oldPod('agent-aaaaa', 'node1'),
      oldPod('agent-bbbbb', 'node2'),
      oldPod('agent-ccccc', 'node3'),
    ]);
    const { writes } = dsc.reconcile('default/agent', cache, ctx);
    expect(podWrites(writes)).toEqual(['delete agent-aaaaa']);
    expect(ctx.eventLines()).toEqual(['Normal SuccessfulDelete Deleted pod: agent-aaaaa']);
    const status = writes.find((w) => w.verb === 'updateStatus');
    expect(status && 'obj' in status ? status.obj.status : undefined).toEqual({
      currentNumberScheduled: 3,
      desiredNumberScheduled: 3,
      numberAvailable: 3,
      numberMisscheduled: 0,
      numberReady: 3,
      observedGeneration: 2,
    });
    // The delete is not observed yet: the next sync waits instead of deleting again.
    expect(podWrites(dsc.reconcile('default/agent', cache, ctx).writes)).toEqual([]);
  });

  it('waits while the old pod terminates, then creates the new pod on that node', () => {
    const dsc = createDaemonSetController();
    const pods = [oldPod('agent-bbbbb', 'node2'), oldPod('agent-ccccc', 'node3')];
    const terminating = seeded(agent(), [oldPod('agent-aaaaa', 'node1', true), ...pods]);
    expect(
      podWrites(dsc.reconcile('default/agent', terminating.cache, terminating.ctx).writes),
    ).toEqual([]);
    const gone = seeded(agent(), pods);
    const { writes } = dsc.reconcile('default/agent', gone.cache, gone.ctx);
    const create = writes.find((w) => w.verb === 'create');
    const created = create && 'obj' in create ? create.obj : undefined;
    expect(created?.metadata?.labels).toEqual({
      app: 'agent',
      'controller-revision-hash': NEW_HASH,
      'pod-template-generation': '2',
    });
    expect(NEW_HASH).not.toBe(OLD_HASH);
    expect((created?.spec as { affinity?: unknown } | undefined)?.affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] },
          ],
        },
      },
    });
    // No other old pod goes in the same sync: node1 is unavailable until its new pod is ready.
    expect(podWrites(writes)).toEqual([`create ${created?.metadata?.name}`]);
    expect(gone.ctx.eventLines()).toEqual([
      `Normal SuccessfulCreate Created pod: ${created?.metadata?.name}`,
    ]);
  });

  it('deletes the next old pod only once the new pod is ready', () => {
    const newPod = (ready: boolean) =>
      pod('agent-nnnnn', {
        node: 'node1',
        phase: 'Running',
        ready,
        owner: agent(),
        ownerKind: 'DaemonSet',
        labels: {
          app: 'agent',
          'controller-revision-hash': NEW_HASH,
          'pod-template-generation': '2',
        },
      });
    const rest = [oldPod('agent-bbbbb', 'node2'), oldPod('agent-ccccc', 'node3')];
    const pulling = seeded(agent(), [newPod(false), ...rest]);
    expect(
      podWrites(
        createDaemonSetController().reconcile('default/agent', pulling.cache, pulling.ctx).writes,
      ),
    ).toEqual([]);
    const ready = seeded(agent(), [newPod(true), ...rest]);
    expect(
      podWrites(
        createDaemonSetController().reconcile('default/agent', ready.cache, ready.ctx).writes,
      ),
    ).toEqual(['delete agent-bbbbb']);
  });

  it('OnDelete: a template change deletes nothing; UP-TO-DATE drops to 0', () => {
    const { cache, ctx } = seeded(agent({ type: 'OnDelete', rollingUpdate: undefined }), [
      oldPod('agent-aaaaa', 'node1'),
      oldPod('agent-bbbbb', 'node2'),
      oldPod('agent-ccccc', 'node3'),
    ]);
    const { writes } = createDaemonSetController().reconcile('default/agent', cache, ctx);
    expect(podWrites(writes)).toEqual([]);
    const status = writes.find((w) => w.verb === 'updateStatus');
    expect(status && 'obj' in status ? status.obj.status : undefined).toMatchObject({
      observedGeneration: 2,
      numberAvailable: 3,
    });
    expect(
      (status && 'obj' in status ? (status.obj.status as Record<string, unknown>) : {})
        .updatedNumberScheduled,
    ).toBeUndefined();
  });
});

describe('DaemonSet controller: a create the API server refuses', () => {
  it('records FailedCreate, tries no other node, skips the rolling update and retries', () => {
    // maxUnavailable 2: with node3 lacking its pod, one old pod could go as well.
    const ds = agent({ rollingUpdate: { maxUnavailable: 2, maxSurge: 0 } });
    const template = (ds.spec as { template: { spec: Record<string, unknown> } }).template;
    template.spec = { ...template.spec, priorityClassName: 'high' };
    // node3 has no pod; node1 and node2 run the old template.
    const { cache, ctx } = seeded(ds, [
      oldPod('agent-aaaaa', 'node1'),
      oldPod('agent-bbbbb', 'node2'),
    ]);
    const dsc = createDaemonSetController();
    const first = dsc.reconcile('default/agent', cache, ctx).writes;
    // One create (the API server refuses it), and no delete of an old pod: manage failed.
    expect(podWrites(first).map((w) => w.replace(/-[a-z0-9]{5}$/, '-*'))).toEqual([
      'create agent-*',
    ]);
    const refused =
      'Warning FailedCreate Error creating: pods "agent-" is forbidden: no PriorityClass with name high was found';
    expect(ctx.eventLines()).toEqual([refused]);
    expect(ctx.events[0]?.component).toBe('daemonset-controller');
    // Nothing is expected of the refused create: the retry tries again.
    const again = dsc.reconcile('default/agent', cache, ctx).writes;
    expect(podWrites(again).map((w) => w.replace(/-[a-z0-9]{5}$/, '-*'))).toEqual([
      'create agent-*',
    ]);
    expect(ctx.eventLines()).toEqual([refused, refused]);
  });
});
