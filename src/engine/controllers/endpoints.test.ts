import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { createEndpointsController } from './endpoints.ts';
import { pod } from './fixtures.ts';
import { createGarbageCollector } from './garbageCollector.ts';
import { MiniCluster } from './testing.ts';

const service: KubeObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: {
    selector: { app: 'web' },
    clusterIP: '10.96.12.34',
    ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }],
  },
};

describe('endpoints controller', () => {
  it('lists ready pods as addresses and the others as notReadyAddresses', () => {
    const c = new MiniCluster([
      ['services', service],
      ['pods', pod('web-b', { node: 'node2', phase: 'Running', ready: true, ip: '10.244.2.5' })],
      ['pods', pod('web-a', { node: 'node1', phase: 'Running', ready: true, ip: '10.244.1.7' })],
      ['pods', pod('web-c', { node: 'node1', phase: 'Pending', ready: false, ip: '10.244.1.8' })],
      [
        'pods',
        pod('web-gone', {
          node: 'node1',
          phase: 'Running',
          ready: true,
          ip: '10.244.1.9',
          deleting: true,
        }),
      ],
      ['pods', pod('web-noip', { node: 'node3', phase: 'Pending' })],
      [
        'pods',
        pod('db', {
          node: 'node1',
          phase: 'Running',
          ready: true,
          ip: '10.244.1.10',
          labels: { app: 'db' },
        }),
      ],
    ]);
    c.reconcile(createEndpointsController(), 'ns/default');
    const ep = c.get('endpoints', 'default', 'web');
    expect(ep?.metadata?.labels).toEqual({ app: 'web' });
    expect(ep?.subsets).toEqual([
      {
        addresses: [
          {
            ip: '10.244.1.7',
            nodeName: 'node1',
            targetRef: { kind: 'Pod', namespace: 'default', name: 'web-a', uid: 'uid-pod-web-a' },
          },
          {
            ip: '10.244.2.5',
            nodeName: 'node2',
            targetRef: { kind: 'Pod', namespace: 'default', name: 'web-b', uid: 'uid-pod-web-b' },
          },
        ],
        notReadyAddresses: [
          {
            ip: '10.244.1.8',
            nodeName: 'node1',
            targetRef: { kind: 'Pod', namespace: 'default', name: 'web-c', uid: 'uid-pod-web-c' },
          },
        ],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]);
  });

  it('leaves Services without a selector alone and removes Endpoints of deleted Services', () => {
    const c = new MiniCluster([
      ['services', service],
      [
        'services',
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'kubernetes', namespace: 'default' },
          spec: { clusterIP: '10.96.0.1' },
        },
      ],
      [
        'endpoints',
        {
          apiVersion: 'v1',
          kind: 'Endpoints',
          metadata: { name: 'kubernetes', namespace: 'default' },
          subsets: [{ addresses: [{ ip: '172.18.0.2' }] }],
        },
      ],
    ]);
    const ec = createEndpointsController();
    c.reconcile(ec, 'ns/default');
    expect(c.get('endpoints', 'default', 'web')?.subsets).toBeUndefined();
    expect(c.get('endpoints', 'default', 'kubernetes')?.subsets).toEqual([
      { addresses: [{ ip: '172.18.0.2' }] },
    ]);
    expect(c.reconcile(ec, 'ns/default')).toEqual([]);
    c.cache.remove('services', 'default', 'web');
    expect(c.reconcile(ec, 'ns/default')).toEqual([
      { verb: 'delete', resource: 'endpoints', namespace: 'default', name: 'web' },
    ]);
  });
});

describe('garbage collector', () => {
  it('deletes dependents whose owner is gone (or replaced under the same name)', () => {
    const rs: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-7c79c4bf97', namespace: 'default', uid: 'uid-rs-old' },
    };
    const replaced: KubeObject = { ...rs, metadata: { ...rs.metadata, uid: 'uid-rs-new' } };
    const c = new MiniCluster([
      ['replicasets', replaced],
      ['pods', pod('web-7c79c4bf97-x6j7v', { owner: rs })],
      ['pods', pod('web-7c79c4bf97-2zb68', { owner: replaced })],
      [
        'pods',
        pod('kube-proxy-8zq4k', {
          ns: 'default',
          owner: { metadata: { name: 'kube-proxy', uid: 'ds' } },
          ownerKind: 'DaemonSet',
        }),
      ],
      ['pods', pod('standalone')],
    ]);
    expect(c.reconcile(createGarbageCollector(), 'ns/default')).toEqual([
      { verb: 'delete', resource: 'pods', namespace: 'default', name: 'web-7c79c4bf97-x6j7v' },
    ]);
  });

  it('cascades: deployment gone → its ReplicaSet, then the ReplicaSet gone → its pods', () => {
    const rs: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'web-7c79c4bf97',
        namespace: 'default',
        uid: 'uid-rs',
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'web',
            uid: 'uid-d',
            controller: true,
          },
        ],
      },
    };
    const c = new MiniCluster([
      ['replicasets', rs],
      ['pods', pod('web-7c79c4bf97-x6j7v', { owner: rs, node: 'node1' })],
    ]);
    const gc = createGarbageCollector();
    expect(c.reconcile(gc, 'ns/default')).toEqual([
      { verb: 'delete', resource: 'replicasets', namespace: 'default', name: 'web-7c79c4bf97' },
    ]);
    expect(c.reconcile(gc, 'ns/default')).toEqual([
      { verb: 'delete', resource: 'pods', namespace: 'default', name: 'web-7c79c4bf97-x6j7v' },
    ]);
    // The pod is now terminating (graceful); it is not deleted again.
    expect(c.reconcile(gc, 'ns/default')).toEqual([]);
  });
});
