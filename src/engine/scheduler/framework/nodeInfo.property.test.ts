import fc from 'fast-check';
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import {
  addPod,
  appendPod,
  newNodeInfo,
  podHostPorts,
  removePod,
  replacePodSameSpec,
} from './nodeInfo.ts';
import { hasAffinity, hasRequiredAntiAffinity } from './plugins/interPodAffinity.ts';
import { podRequests } from './resources.ts';
import { makeNode, makePod } from './testing.ts';

const podArb = fc
  .record({
    id: fc.integer({ min: 0, max: 6 }),
    cpu: fc.option(fc.constantFrom('100m', '250m', '1', '1.5'), { nil: undefined }),
    memory: fc.option(fc.constantFrom('64Mi', '1Gi', '128974848'), { nil: undefined }),
    hostPort: fc.option(fc.constantFrom(80, 443, 8080), { nil: undefined }),
    anti: fc.boolean(),
    gpu: fc.boolean(),
  })
  .map((p): Pod => {
    const pod = makePod(`pod-${p.id}`, {
      ...(p.cpu && { cpu: p.cpu }),
      ...(p.memory && { memory: p.memory }),
      ...(p.hostPort && { hostPort: p.hostPort }),
      labels: { app: 'web' },
      ...(p.anti && {
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              {
                labelSelector: { matchLabels: { app: 'web' } },
                topologyKey: 'kubernetes.io/hostname',
              },
            ],
          },
        },
      }),
    });
    if (p.gpu) pod.spec!.containers[0]!.resources = { limits: { 'nvidia.com/gpu': '1' } };
    return pod;
  });

const ops = fc.array(fc.record({ add: fc.boolean(), pod: podArb }), { maxLength: 30 });

describe('NodeInfo bookkeeping', () => {
  it('after any sequence of adds and removes, the totals equal a fresh NodeInfo of the same pods', () => {
    fc.assert(
      fc.property(ops, (steps) => {
        let info = newNodeInfo(makeNode('worker1'));
        for (const s of steps) info = s.add ? addPod(info, s.pod) : removePod(info, s.pod);
        const fresh = newNodeInfo(makeNode('worker1'), info.pods);
        const sum = (f: (p: Pod) => number) => info.pods.reduce((a, p) => a + f(p), 0);
        expect(info.requested).toEqual({
          milliCPU: sum((p) => podRequests(p).requested.milliCPU),
          memory: sum((p) => podRequests(p).requested.memory),
        });
        expect(info.nonZeroRequested).toEqual(fresh.nonZeroRequested);
        expect(info.usedPorts).toEqual(new Set(info.pods.flatMap(podHostPorts)));
        expect(info.requestedOther['nvidia.com/gpu'] ?? 0).toBe(
          sum((p) => podRequests(p).other['nvidia.com/gpu'] ?? 0),
        );
        expect(info.podsWithAffinity).toEqual(info.pods.filter(hasAffinity));
        expect(info.podsWithRequiredAntiAffinity).toEqual(
          info.pods.filter(hasRequiredAntiAffinity),
        );
        // one entry per pod identity
        const names = info.pods.map((p) => p.metadata?.name);
        expect(new Set(names).size).toBe(names.length);
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it('a new copy with the same spec (a status update) leaves the node as remove-then-append does', () => {
    fc.assert(
      fc.property(ops, fc.nat(), (steps, pick) => {
        let info = newNodeInfo(makeNode('worker1'));
        for (const s of steps) info = s.add ? addPod(info, s.pod) : removePod(info, s.pod);
        if (info.pods.length === 0) return;
        const stored = info.pods[pick % info.pods.length]!;
        const copy: Pod = { ...stored, status: { phase: 'Running' } };
        const fast = replacePodSameSpec(info, stored, copy);
        const slow = appendPod(removePod(info, stored), copy);
        expect(fast).toBeDefined();
        expect(fast!.pods).toEqual(slow.pods);
        expect(fast!.pods.at(-1)).toBe(copy);
        expect(fast!.podsWithAffinity).toEqual(slow.podsWithAffinity);
        expect(fast!.podsWithRequiredAntiAffinity).toEqual(slow.podsWithRequiredAntiAffinity);
        expect(fast!.requested).toEqual(slow.requested);
        expect(fast!.nonZeroRequested).toEqual(slow.nonZeroRequested);
        expect(fast!.usedPorts).toEqual(slow.usedPorts);
        expect(fast!.requestedOther).toEqual(slow.requestedOther);
        // The API server's bound copy: a new spec sharing containers and affinity.
        const bound: Pod = { ...stored, spec: { ...stored.spec!, nodeName: 'worker1' } };
        const boundFast = replacePodSameSpec(info, stored, bound);
        const boundSlow = appendPod(removePod(info, stored), bound);
        expect(boundFast).toBeDefined();
        expect(boundFast!.pods).toEqual(boundSlow.pods);
        expect(boundFast!.pods.at(-1)).toBe(bound);
        expect(boundFast!.podsWithAffinity).toEqual(boundSlow.podsWithAffinity);
        expect(boundFast!.requested).toEqual(boundSlow.requested);
        expect(boundFast!.nonZeroRequested).toEqual(boundSlow.nonZeroRequested);
        expect(boundFast!.usedPorts).toEqual(boundSlow.usedPorts);
        expect(boundFast!.requestedOther).toEqual(boundSlow.requestedOther);
        // A changed spec is not this function's business.
        const respec: Pod = { ...stored, spec: { ...stored.spec!, containers: [] } };
        expect(replacePodSameSpec(info, stored, respec)).toBeUndefined();
      }),
      { numRuns: 300, seed: 4 },
    );
  });
});
