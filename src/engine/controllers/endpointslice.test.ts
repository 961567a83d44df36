import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { createEndpointSliceController } from './endpointslice.ts';
import { pod } from './fixtures.ts';
import { MiniCluster } from './testing.ts';

const service: KubeObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default', uid: 'uid-svc-web', labels: { app: 'web' } },
  spec: {
    selector: { app: 'web' },
    clusterIP: '10.96.12.34',
    ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' }],
  },
};

/** A web pod whose container names port 8080 `http`. */
function webPod(name: string, o: Parameters<typeof pod>[1]): KubeObject {
  const p = pod(name, o);
  return {
    ...p,
    spec: {
      ...(p.spec as object),
      containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }],
    },
  };
}

const slicesOf = (c: MiniCluster) => c.objects('endpointslices', 'default');

describe('endpointslice controller', () => {
  it('makes one slice per Service: labels, owner, ready/serving/terminating per pod', () => {
    const c = new MiniCluster([
      ['services', service],
      ['pods', webPod('web-b', { node: 'node2', phase: 'Running', ready: true, ip: '10.244.2.5' })],
      ['pods', webPod('web-a', { node: 'node1', phase: 'Running', ready: true, ip: '10.244.1.7' })],
      [
        'pods',
        webPod('web-c', { node: 'node1', phase: 'Pending', ready: false, ip: '10.244.1.8' }),
      ],
      [
        'pods',
        webPod('web-gone', {
          node: 'node1',
          phase: 'Running',
          ready: true,
          ip: '10.244.1.9',
          deleting: true,
        }),
      ],
      ['pods', webPod('web-noip', { node: 'node3', phase: 'Pending' })],
      ['pods', webPod('web-done', { node: 'node3', phase: 'Succeeded', ip: '10.244.3.4' })],
      [
        'pods',
        webPod('db', {
          node: 'node1',
          phase: 'Running',
          ready: true,
          ip: '10.244.1.10',
          labels: { app: 'db' },
        }),
      ],
    ]);
    c.reconcile(createEndpointSliceController(), 'ns/default');
    const [slice, ...more] = slicesOf(c);
    expect(more).toEqual([]);
    expect(slice?.metadata?.generateName).toBe('web-');
    expect(slice?.metadata?.labels).toEqual({
      app: 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      'kubernetes.io/service-name': 'web',
    });
    expect(slice?.metadata?.ownerReferences).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Service',
        name: 'web',
        uid: 'uid-svc-web',
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(slice?.addressType).toBe('IPv4');
    expect(slice?.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    const ep = (name: string, ip: string, node: string, c: [boolean, boolean, boolean]) => ({
      addresses: [ip],
      conditions: { ready: c[0], serving: c[1], terminating: c[2] },
      nodeName: node,
      targetRef: { kind: 'Pod', namespace: 'default', name, uid: `uid-pod-${name}` },
    });
    // A terminating pod stays, not ready but still serving; no IP or finished: left out.
    expect(slice?.endpoints).toEqual([
      ep('web-a', '10.244.1.7', 'node1', [true, true, false]),
      ep('web-c', '10.244.1.8', 'node1', [false, false, false]),
      ep('web-gone', '10.244.1.9', 'node1', [false, true, true]),
      ep('web-b', '10.244.2.5', 'node2', [true, true, false]),
    ]);
  });

  it('keeps a placeholder slice (endpoints and ports null) while no pod matches, then fills it', () => {
    const c = new MiniCluster([['services', service]]);
    const ctrl = createEndpointSliceController();
    c.reconcile(ctrl, 'ns/default');
    const [placeholder] = slicesOf(c);
    expect(placeholder?.endpoints).toBeNull();
    expect(placeholder?.ports).toBeNull();
    c.cache.put(
      'pods',
      webPod('web-a', { node: 'node1', phase: 'Running', ready: true, ip: '10.244.1.7' }),
    );
    c.reconcile(ctrl, 'ns/default');
    // The same slice is updated (finalize turns a delete plus a create into an update).
    const after = slicesOf(c);
    expect(after.map((s) => s.metadata?.name)).toEqual([placeholder?.metadata?.name]);
    expect(after[0]?.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(c.log.map((w) => w.verb)).toEqual(['create', 'update']);
    // Nothing changed: nothing written.
    c.reconcile(ctrl, 'ns/default');
    expect(c.log).toHaveLength(2);
  });

  it('splits 250 endpoints into slices of at most 100 and keeps each endpoint where it is', () => {
    const ip = (i: number) => `10.244.${1 + Math.floor(i / 200)}.${(i % 200) + 2}`;
    const name = (i: number) => `web-${String(i).padStart(3, '0')}`;
    const c = new MiniCluster([['services', service]]);
    for (let i = 0; i < 250; i++) {
      c.cache.put(
        'pods',
        webPod(name(i), { node: 'node1', phase: 'Running', ready: true, ip: ip(i) }),
      );
    }
    const ctrl = createEndpointSliceController();
    c.reconcile(ctrl, 'ns/default');
    const sizes = () => slicesOf(c).map((s) => (s.endpoints as unknown[] | null)?.length ?? 0);
    expect(sizes()).toEqual([100, 100, 50]);
    const where = () =>
      new Map(
        slicesOf(c).flatMap((s) =>
          ((s.endpoints as { targetRef: { name: string } }[] | null) ?? []).map(
            (e) => [e.targetRef.name, s.metadata?.name] as const,
          ),
        ),
      );
    const before = where();
    // Ten pods of the first slice go: only that slice is written, and the ten that come fill it.
    const first = slicesOf(c)[0];
    const gone = ((first?.endpoints as { targetRef: { name: string } }[] | null) ?? [])
      .slice(0, 10)
      .map((e) => e.targetRef.name);
    const writes = c.log.length;
    for (const p of gone) c.cache.remove('pods', 'default', p);
    for (let i = 250; i < 260; i++) {
      c.cache.put(
        'pods',
        webPod(name(i), { node: 'node1', phase: 'Running', ready: true, ip: ip(i) }),
      );
    }
    c.reconcile(ctrl, 'ns/default');
    expect(c.log.slice(writes).map((w) => w.verb)).toEqual(['update']);
    const after = where();
    for (const [pod, slice] of before) {
      if (!gone.includes(pod)) expect(after.get(pod), pod).toBe(slice);
    }
    expect(after.get(name(255))).toBe(first?.metadata?.name);
    expect(sizes()).toEqual([100, 100, 50]);
  });

  it('leaves Services without a selector alone and marks a headless Service', () => {
    const headless: KubeObject = {
      ...service,
      metadata: { ...service.metadata, name: 'db', uid: 'uid-svc-db', labels: {} },
      spec: { selector: { app: 'db' }, clusterIP: 'None', ports: [{ port: 5432 }] },
    };
    const manual: KubeObject = {
      ...service,
      metadata: { ...service.metadata, name: 'ext', uid: 'uid-svc-ext' },
      spec: { ports: [{ port: 80 }] },
    };
    const c = new MiniCluster([
      ['services', headless],
      ['services', manual],
    ]);
    c.reconcile(createEndpointSliceController(), 'ns/default');
    expect(slicesOf(c).map((s) => s.metadata?.labels)).toEqual([
      {
        'service.kubernetes.io/headless': '',
        'kubernetes.io/service-name': 'db',
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      },
    ]);
  });
});
