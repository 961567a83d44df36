import { describe, expect, it } from 'vitest';
import { addPod, appendPod, newNodeInfo, removePod, setNode } from './nodeInfo.ts';
import { makeNode, makePod } from './testing.ts';

const MiB = 1024 * 1024;

describe('NodeInfo', () => {
  it('accumulates real and non-zero requests of the pods on the node', () => {
    const info = newNodeInfo(makeNode('worker'), [
      makePod('web-1'),
      makePod('api-1', { cpu: '500m', memory: '256Mi' }),
    ]);
    expect(info.name).toBe('worker');
    expect(info.pods.map((p) => p.metadata?.name)).toEqual(['web-1', 'api-1']);
    expect(info.requested).toEqual({ milliCPU: 500, memory: 256 * MiB });
    expect(info.nonZeroRequested).toEqual({ milliCPU: 600, memory: 456 * MiB });
    expect(info.allocatable).toEqual({ milliCPU: 2000, memory: 4096 * MiB, pods: 110, other: {} });
  });

  it('addPod and removePod return new NodeInfos and leave the old one untouched', () => {
    const empty = newNodeInfo(makeNode('worker'));
    const pod = makePod('web-1', { cpu: '1', hostPort: 8080 });
    const one = addPod(empty, pod);
    expect(empty.pods).toEqual([]);
    expect(empty.usedPorts.size).toBe(0);
    expect(one.usedPorts).toEqual(new Set(['TCP/0.0.0.0/8080']));
    expect(one.requested.milliCPU).toBe(1000);

    // Removal matches by uid, so a newer copy of the pod object works.
    const back = removePod(one, { ...pod, status: { phase: 'Running' } });
    expect(back.pods).toEqual([]);
    expect(back.requested).toEqual({ milliCPU: 0, memory: 0 });
    expect(back.nonZeroRequested).toEqual({ milliCPU: 0, memory: 0 });
    expect(back.usedPorts.size).toBe(0);
    expect(one.pods).toHaveLength(1);
  });

  it('appendPod of a pod the node does not hold counts exactly like addPod', () => {
    const base = newNodeInfo(makeNode('worker'), [makePod('api-1', { cpu: '500m' })]);
    const pod = makePod('web-1', { cpu: '250m', memory: '64Mi', hostPort: 8080 });
    const appended = appendPod(base, pod);
    const added = addPod(base, pod);
    expect(appended.pods.map((p) => p.metadata?.name)).toEqual(['api-1', 'web-1']);
    expect(appended.requested).toEqual({ milliCPU: 750, memory: 64 * MiB });
    expect(appended.requested).toEqual(added.requested);
    expect(appended.nonZeroRequested).toEqual(added.nonZeroRequested);
    expect(appended.usedPorts).toEqual(new Set(['TCP/0.0.0.0/8080']));
    expect(base.pods).toHaveLength(1);
  });

  it('adding a newer copy of a pod replaces it instead of counting it twice', () => {
    const assumed = makePod('web-1', { cpu: '250m' });
    const bound = { ...assumed, spec: { ...assumed.spec!, nodeName: 'worker' } };
    const info = addPod(addPod(newNodeInfo(makeNode('worker')), assumed), bound);
    expect(info.pods).toEqual([bound]);
    expect(info.requested.milliCPU).toBe(250);
  });

  it('removing an unknown pod returns the same NodeInfo', () => {
    const info = newNodeInfo(makeNode('worker'), [makePod('a')]);
    expect(removePod(info, makePod('b'))).toBe(info);
  });

  it('keeps ports of the remaining pods when one host-port pod leaves', () => {
    const a = makePod('a', { hostPort: 80 });
    const b = makePod('b', { hostPort: 443 });
    const info = removePod(newNodeInfo(makeNode('worker'), [a, b]), a);
    expect(info.usedPorts).toEqual(new Set(['TCP/0.0.0.0/443']));
  });

  it('indexes node images under normalized names', () => {
    const info = newNodeInfo(
      makeNode('worker', {
        images: [
          {
            names: [
              'docker.io/library/nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31',
              'docker.io/library/nginx:latest',
            ],
            sizeBytes: 72_000_000,
          },
        ],
      }),
    );
    expect(info.imageSizes.get('docker.io/library/nginx:latest')).toBe(72_000_000);
  });

  it('setNode swaps the node object and keeps the pods', () => {
    const info = newNodeInfo(makeNode('worker'), [makePod('a', { cpu: '1' })]);
    const cordoned = makeNode('worker', { cpu: '4' });
    const next = setNode(info, cordoned);
    expect(next.allocatable.milliCPU).toBe(4000);
    expect(next.requested.milliCPU).toBe(1000);
    expect(next.pods).toBe(info.pods);
  });

  it('setNode follows cordon and uncordon (spec.unschedulable)', () => {
    const info = newNodeInfo(makeNode('worker'));
    expect(info.unschedulable).toBe(false);
    const node = makeNode('worker');
    const cordoned = setNode(info, { ...node, spec: { ...node.spec, unschedulable: true } });
    expect(cordoned.unschedulable).toBe(true);
    expect(setNode(cordoned, makeNode('worker')).unschedulable).toBe(false);
  });
});
