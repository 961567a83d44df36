/**
 * Property tests over random sequences of client operations: the engine never throws on
 * client input, resourceVersions only grow, every namespaced object's namespace exists, no pod
 * is bound to a node that does not exist, and after settling each ReplicaSet has exactly its
 * desired number of active pods whenever capacity allows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeObject, ResourceName } from '../api/types.ts';
import { RESOURCE_NAMES, RESOURCES } from '../apiserver/resources.ts';
import { type Cluster, createCluster } from '../cluster.ts';
import { kubectlDeployment } from './helpers.ts';

const NAMESPACES = ['default', 'blue', 'green', 'Bad_NS'];
const NAMES = ['web', 'api', 'db', 'Web_X'];
const IMAGES = ['nginx', 'redis:7.4', 'nginx:doesnotexist', 'busybox'];
const NODES = ['node1', 'node2', 'node3'];

type Op =
  | { op: 'createNs'; ns: number }
  | { op: 'deleteNs'; ns: number }
  | { op: 'createDeploy'; ns: number; name: number; image: number; replicas: number }
  | { op: 'scale'; ns: number; name: number; replicas: number }
  | { op: 'deleteDeploy'; ns: number; name: number }
  | { op: 'createPod'; ns: number; name: number; cpu: number }
  | { op: 'deletePod'; ns: number; pick: number }
  | { op: 'garbage'; resource: number; body: unknown }
  | { op: 'stopNode'; node: number }
  | { op: 'startNode'; node: number }
  | { op: 'advance'; ms: number }
  | { op: 'settle' }
  | { op: 'nsLifecycle'; ns: number; replicas: number };

const ix = (n: number) => fc.nat({ max: n - 1 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('createNs' as const), ns: ix(NAMESPACES.length) }),
  fc.record({ op: fc.constant('deleteNs' as const), ns: ix(NAMESPACES.length) }),
  fc.record({
    op: fc.constant('createDeploy' as const),
    ns: ix(NAMESPACES.length),
    name: ix(NAMES.length),
    image: ix(IMAGES.length),
    replicas: fc.integer({ min: -1, max: 4 }),
  }),
  fc.record({
    op: fc.constant('scale' as const),
    ns: ix(NAMESPACES.length),
    name: ix(NAMES.length),
    replicas: fc.integer({ min: 0, max: 5 }),
  }),
  fc.record({
    op: fc.constant('deleteDeploy' as const),
    ns: ix(NAMESPACES.length),
    name: ix(NAMES.length),
  }),
  fc.record({
    op: fc.constant('createPod' as const),
    ns: ix(NAMESPACES.length),
    name: ix(NAMES.length),
    cpu: fc.constantFrom(0, 500, 3000),
  }),
  fc.record({ op: fc.constant('deletePod' as const), ns: ix(NAMESPACES.length), pick: fc.nat() }),
  fc.record({
    op: fc.constant('garbage' as const),
    resource: ix(RESOURCE_NAMES.length),
    body: fc.jsonValue(),
  }),
  fc.record({ op: fc.constant('stopNode' as const), node: ix(NODES.length) }),
  fc.record({ op: fc.constant('startNode' as const), node: ix(NODES.length) }),
  fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 120_000 }) }),
  fc.constant({ op: 'settle' as const }),
  fc.record({
    op: fc.constant('nsLifecycle' as const),
    ns: fc.integer({ min: 1, max: 2 }),
    replicas: fc.integer({ min: 1, max: 3 }),
  }),
);

function apply(c: Cluster, o: Op): void {
  const k = c.client('kubectl');
  switch (o.op) {
    case 'createNs':
      k.create('namespaces', undefined, { metadata: { name: NAMESPACES[o.ns] } });
      break;
    case 'deleteNs':
      k.delete('namespaces', undefined, NAMESPACES[o.ns]!);
      break;
    case 'createDeploy':
      k.create(
        'deployments',
        NAMESPACES[o.ns],
        kubectlDeployment(NAMES[o.name]!, IMAGES[o.image]!, o.replicas),
      );
      break;
    case 'scale':
      k.patch('deployments', NAMESPACES[o.ns], NAMES[o.name]!, { spec: { replicas: o.replicas } });
      break;
    case 'deleteDeploy':
      k.delete('deployments', NAMESPACES[o.ns], NAMES[o.name]!);
      break;
    case 'createPod':
      k.create('pods', NAMESPACES[o.ns], {
        metadata: { name: `${NAMES[o.name]}-pod` },
        spec: {
          containers: [
            {
              name: 'c',
              image: 'nginx',
              ...(o.cpu ? { resources: { requests: { cpu: `${o.cpu}m` } } } : {}),
            },
          ],
        },
      });
      break;
    case 'deletePod': {
      const pods = c.snapshot().list('pods', NAMESPACES[o.ns]);
      const p = pods[o.pick % Math.max(1, pods.length)];
      if (p) k.delete('pods', p.metadata?.namespace ?? undefined, p.metadata?.name ?? '');
      break;
    }
    case 'garbage': {
      const r = RESOURCE_NAMES[o.resource]!;
      const body = (
        o.body && typeof o.body === 'object' && !Array.isArray(o.body) ? o.body : { x: o.body }
      ) as KubeObject;
      k.create(r, 'default', body);
      k.update(r, 'default', body);
      k.patch(r, 'default', 'web', body as Record<string, unknown>);
      break;
    }
    case 'stopNode':
      c.stopNode(NODES[o.node]!);
      break;
    case 'startNode':
      c.startNode(NODES[o.node]!);
      break;
    case 'advance':
      c.advance(o.ms);
      break;
    case 'settle':
      c.settle();
      break;
    case 'nsLifecycle': {
      const ns = NAMESPACES[o.ns]!;
      k.create('namespaces', undefined, { metadata: { name: ns } });
      k.create('deployments', ns, kubectlDeployment('app', 'nginx', o.replicas));
      c.settle();
      k.delete('namespaces', undefined, ns);
      break;
    }
  }
}

function allObjects(c: Cluster): { resource: ResourceName; obj: KubeObject }[] {
  const s = c.snapshot();
  return RESOURCE_NAMES.flatMap((resource) => s.list(resource).map((obj) => ({ resource, obj })));
}

function isActive(p: KubeObject): boolean {
  const phase = (p.status as { phase?: string } | undefined)?.phase;
  return !p.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

function checkInvariants(
  c: Cluster,
  seen: Map<string, number>,
  lastRevision: { value: number },
): void {
  const s = c.snapshot();
  expect(c.errors).toEqual([]);
  expect(s.revision).toBeGreaterThanOrEqual(lastRevision.value);
  lastRevision.value = s.revision;
  const namespaces = new Set(s.list('namespaces').map((n) => n.metadata?.name));
  const nodes = new Set(s.list('nodes').map((n) => n.metadata?.name));
  for (const { resource, obj } of allObjects(c)) {
    const key = `${resource}/${obj.metadata?.namespace ?? ''}/${obj.metadata?.name}/${obj.metadata?.uid}`;
    const rv = Number(obj.metadata?.resourceVersion);
    expect(rv).toBeLessThanOrEqual(s.revision);
    expect(rv).toBeGreaterThanOrEqual(seen.get(key) ?? 0);
    seen.set(key, rv);
    // Known gap (controller-manager, not the engine core): events recorded before a namespace
    // started terminating are not in the namespace controller's cache, so they can outlive the
    // namespace. `deleteCollection` exists in the contract for exactly this.
    if (RESOURCES[resource].namespaced && resource !== 'events') {
      expect(namespaces.has(obj.metadata?.namespace ?? ''), `${key}: namespace exists`).toBe(true);
    }
    if (resource === 'pods') {
      const node = (obj.spec as { nodeName?: string }).nodeName;
      if (node) expect(nodes.has(node), `${key} bound to ${node}`).toBe(true);
    }
  }
}

function checkReplicaSets(c: Cluster): void {
  const s = c.snapshot();
  const workersUp = NODES.some((n) => !c.stoppedNodes().includes(n));
  if (!workersUp) return;
  for (const rs of s.list('replicasets')) {
    const ns = rs.metadata?.namespace ?? '';
    const nsObj = s.get('namespaces', undefined, ns);
    if (rs.metadata?.deletionTimestamp || nsObj?.metadata?.deletionTimestamp) continue;
    const uid = rs.metadata?.uid;
    const active = s
      .list('pods', ns)
      .filter((p) => p.metadata?.ownerReferences?.some((r) => r.uid === uid) && isActive(p));
    expect(active.length, `${ns}/${rs.metadata?.name}`).toBe(
      (rs.spec as { replicas: number }).replicas,
    );
  }
}

describe('engine properties over random operations', () => {
  it('keeps its invariants and never throws on client input', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.array(opArb, { minLength: 1, maxLength: 10 }),
        (seed, ops) => {
          const c = createCluster({ seed, keepSnapshots: false });
          const seen = new Map<string, number>();
          const rev = { value: 0 };
          for (const o of ops) {
            apply(c, o);
            checkInvariants(c, seen, rev);
          }
          const settled = c.settle();
          checkInvariants(c, seen, rev);
          if (settled.settled) checkReplicaSets(c);
        },
      ),
      { numRuns: Number(process.env.PROP_RUNS ?? 30) },
    );
  });
});
