import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { createEndpointsController } from './endpoints.ts';
import { pod } from './fixtures.ts';
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
