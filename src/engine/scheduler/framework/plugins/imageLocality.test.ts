import { describe, expect, it } from 'vitest';
import { newNodeInfo } from '../nodeInfo.ts';
import { schedulePod } from '../schedule.ts';
import { CONTROL_PLANE_TAINT, makeNode, makePod } from '../testing.ts';
import { calculatePriority } from './imageLocality.ts';

const MiB = 1024 * 1024;
const nginx = (size: number) => ({ names: ['docker.io/library/nginx:latest'], sizeBytes: size });

describe('ImageLocality', () => {
  it('clamps to [23 MiB, 1000 MiB × containers] and maps linearly onto 0..100', () => {
    expect(calculatePriority(10 * MiB, 1)).toBe(0);
    expect(calculatePriority(2000 * MiB, 1)).toBe(100);
    // (500 − 23) / (1000 − 23) = 48.8 → 48
    expect(calculatePriority(500 * MiB, 1)).toBe(48);
    // two containers: max 2000 MiB → (500 − 23) / (2000 − 23) = 24.1 → 24
    expect(calculatePriority(500 * MiB, 2)).toBe(24);
  });

  it('scales the image size by the share of all nodes that hold it', () => {
    // 4 nodes in the cluster (the control plane counts too). nginx (500 MiB) on worker1 only:
    // 500 × 1/4 = 125 MiB → (125 − 23) / 977 = 10.4 → 10. Two holders would give 250 MiB → 23.
    const nodes = [
      makeNode('control-plane', { taints: [CONTROL_PLANE_TAINT] }),
      makeNode('worker1', { images: [nginx(500 * MiB)] }),
      makeNode('worker2'),
      makeNode('worker3'),
    ].map((n) => newNodeInfo(n));
    const r = schedulePod(makePod('web', { image: 'docker.io/library/nginx' }), nodes, {
      random: () => 0,
    });
    const il = r.scores.map((s) => [
      s.node,
      s.plugins.find((p) => p.plugin === 'ImageLocality')?.score,
    ]);
    expect(il).toEqual([
      ['worker1', 10],
      ['worker2', 0],
      ['worker3', 0],
    ]);
    // Everything else is equal, so the node with the image wins without a draw.
    expect(r.selectedNode).toBe('worker1');

    const two = nodes.map((n) =>
      n.name === 'worker2' ? newNodeInfo(makeNode('worker2', { images: [nginx(500 * MiB)] })) : n,
    );
    const r2 = schedulePod(makePod('web', { image: 'docker.io/library/nginx:latest' }), two, {
      random: () => 0,
    });
    expect(
      r2.scores.map((s) => s.plugins.find((p) => p.plugin === 'ImageLocality')?.score),
    ).toEqual([23, 23, 0]);
  });

  it("never matches a short Docker Hub name against the runtime's fully qualified one", () => {
    // The pod asks for `nginx` (→ `nginx:latest`); the node reports docker.io/library/nginx:latest.
    // As in 1.32 the lookup misses: 0 on every node, and the tie is drawn at random.
    const nodes = [
      makeNode('worker1', { images: [nginx(500 * MiB)] }),
      makeNode('worker2'),
      makeNode('worker3'),
    ].map((n) => newNodeInfo(n));
    for (const image of ['nginx', 'nginx:latest', 'library/nginx']) {
      const r = schedulePod(makePod('web', { image }), nodes, { random: () => 0 });
      expect(
        r.scores.map((s) => s.plugins.find((p) => p.plugin === 'ImageLocality')?.score),
      ).toEqual([0, 0, 0]);
      expect(new Set(r.scores.map((s) => s.total)).size).toBe(1);
    }
  });
});
