import { describe, expect, it } from 'vitest';
import { nodeAllocatable, podRequests } from './resources.ts';
import { makeNode, makePod } from './testing.ts';

const MiB = 1024 * 1024;

describe('podRequests', () => {
  it('a BestEffort pod requests nothing but scores as 100m / 200Mi', () => {
    expect(podRequests(makePod('web'))).toEqual({
      requested: { milliCPU: 0, memory: 0 },
      nonZero: { milliCPU: 100, memory: 200 * MiB },
      other: {},
    });
  });

  it('a single requestless container gives what the general sum gives, however it is spelled', () => {
    const bestEffort = {
      requested: { milliCPU: 0, memory: 0 },
      nonZero: { milliCPU: 100, memory: 200 * MiB },
      other: {},
    };
    const one = (resources: Record<string, unknown> | undefined) =>
      makePod('one', { containers: [{ name: 'a', image: 'nginx', resources }] });
    for (const resources of [undefined, {}, { requests: {} }, { limits: {} }]) {
      expect(podRequests(one(resources))).toEqual(bestEffort);
    }
    // The same container next to an empty init container goes through the general sum.
    const withInit = makePod('init', {
      containers: [{ name: 'a', image: 'nginx', resources: {} }],
      initContainers: [{ name: 'i', image: 'busybox', resources: {} }],
    });
    expect(podRequests(withInit)).toEqual(bestEffort);
    // A limit on anything else, or an overhead, is not requestless.
    expect(podRequests(one({ limits: { 'ephemeral-storage': '1Gi' } })).other).toEqual({
      'ephemeral-storage': 1024 * MiB,
    });
    const overhead = one({});
    overhead.spec!.overhead = { cpu: '250m' };
    expect(podRequests(overhead).requested.milliCPU).toBe(250);
  });

  it('sums containers; a container missing one request gets the default for that one only', () => {
    const pod = makePod('app', {
      containers: [
        { name: 'a', image: 'nginx', resources: { requests: { cpu: '250m', memory: '64Mi' } } },
        { name: 'b', image: 'redis', resources: { requests: { cpu: '500m' } } },
      ],
    });
    expect(podRequests(pod)).toEqual({
      requested: { milliCPU: 750, memory: 64 * MiB },
      // b has no memory request → +200Mi for scoring only
      nonZero: { milliCPU: 750, memory: 264 * MiB },
      other: {},
    });
  });

  it('an explicit zero request is not replaced by the default', () => {
    const pod = makePod('zero', { cpu: '0', memory: '0' });
    expect(podRequests(pod).nonZero).toEqual({ milliCPU: 0, memory: 0 });
  });

  it('takes limits as requests when requests are missing (API server defaulting)', () => {
    const pod = makePod('lim', {
      containers: [
        { name: 'a', image: 'nginx', resources: { limits: { cpu: '1', memory: '1Gi' } } },
      ],
    });
    expect(podRequests(pod).requested).toEqual({ milliCPU: 1000, memory: 1024 * MiB });
  });

  it('raises the sum to the largest init container', () => {
    // containers: 200m; init containers 1 and 300m → effective max(200m, 1000m) = 1000m
    const pod = makePod('init', {
      cpu: '200m',
      initContainers: [
        { name: 'migrate', image: 'busybox', resources: { requests: { cpu: '1' } } },
        { name: 'warm', image: 'busybox', resources: { requests: { cpu: '300m' } } },
      ],
    });
    expect(podRequests(pod).requested.milliCPU).toBe(1000);
  });

  it('adds sidecars (restartPolicy Always init containers) to the sum and to later init containers', () => {
    // sidecar 100m runs alongside everything: containers 200m + sidecar 100m = 300m;
    // init "setup" after the sidecar needs 250m + 100m = 350m → 350m wins.
    const pod = makePod('side', {
      cpu: '200m',
      initContainers: [
        {
          name: 'proxy',
          image: 'envoy',
          restartPolicy: 'Always',
          resources: { requests: { cpu: '100m' } },
        },
        { name: 'setup', image: 'busybox', resources: { requests: { cpu: '250m' } } },
      ],
    });
    expect(podRequests(pod).requested.milliCPU).toBe(350);
  });

  it('adds pod overhead', () => {
    const pod = makePod('kata', { cpu: '100m' });
    pod.spec!.overhead = { cpu: '250m', memory: '120Mi' };
    expect(podRequests(pod).requested).toEqual({ milliCPU: 350, memory: 120 * MiB });
  });

  it('collects ephemeral-storage and extended resources, taking limits when requests are missing', () => {
    const pod = makePod('train', {
      containers: [
        {
          name: 'a',
          image: 'trainer',
          resources: {
            requests: { cpu: '1', 'ephemeral-storage': '2Gi' },
            limits: { 'nvidia.com/gpu': '1' },
          },
        },
        { name: 'b', image: 'trainer', resources: { limits: { 'nvidia.com/gpu': '2' } } },
      ],
    });
    expect(podRequests(pod).other).toEqual({
      'ephemeral-storage': 2 * 1024 * MiB,
      'nvidia.com/gpu': 3,
    });
  });

  it('returns the cached object for the same pod', () => {
    const pod = makePod('same', { cpu: '1' });
    expect(podRequests(pod)).toBe(podRequests(pod));
  });
});

describe('nodeAllocatable', () => {
  it('reads status.allocatable', () => {
    expect(
      nodeAllocatable(makeNode('worker', { cpu: '3500m', memory: '7Gi', pods: '110' })),
    ).toEqual({
      milliCPU: 3500,
      memory: 7 * 1024 * MiB,
      pods: 110,
      other: {},
    });
  });

  it('a node without allocatable offers nothing', () => {
    expect(nodeAllocatable({ metadata: { name: 'bare' } })).toEqual({
      milliCPU: 0,
      memory: 0,
      pods: 0,
      other: {},
    });
  });
});
