/**
 * ImageLocality as kube-scheduler 1.32 computes it: the pod's image gets only `:latest` added,
 * and the node side is what containerd reports (fully qualified). A short Docker Hub name such
 * as `nginx` therefore never matches, and only a fully qualified image earns a score.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster.ts';

/** ImageLocality's score per node in the pod's scheduling decision. */
function imageLocality(c: ReturnType<typeof createCluster>, pod: string): [string, number][] {
  const decision = c.snapshot().decision(`default/${pod}`)!;
  return decision.scores.map((s) => [
    s.node,
    s.plugins.find((p) => p.plugin === 'ImageLocality')?.score ?? -1,
  ]);
}

function runPod(c: ReturnType<typeof createCluster>, name: string, image: string, node?: string) {
  const res = c.client('kubectl').create('pods', 'default', {
    metadata: { name },
    spec: { ...(node ? { nodeName: node } : {}), containers: [{ name: 'app', image }] },
  });
  expect(res.ok).toBe(true);
  c.settle();
}

describe('ImageLocality', () => {
  it('scores 0 everywhere for `nginx`, though node1 and node2 hold docker.io/library/nginx', () => {
    const c = createCluster({ seed: 1 });
    runPod(c, 'a', 'nginx', 'node1');
    runPod(c, 'b', 'nginx', 'node2');
    const images = (node: string) =>
      (
        c.snapshot().get('nodes', undefined, node)!.status as { images: { names: string[] }[] }
      ).images.flatMap((i) => i.names);
    expect(images('node1')).toContain('docker.io/library/nginx:latest');
    expect(images('node3')).not.toContain('docker.io/library/nginx:latest');
    runPod(c, 'c', 'nginx');
    expect(imageLocality(c, 'c')).toEqual([
      ['node1', 0],
      ['node2', 0],
      ['node3', 0],
    ]);
  });

  it('scores the nodes holding a fully qualified image', () => {
    const c = createCluster({ seed: 1 });
    runPod(c, 'a', 'nginx', 'node1');
    runPod(c, 'b', 'nginx', 'node2');
    runPod(c, 'c', 'docker.io/library/nginx');
    // 72,080,558 bytes × 2/4 nodes = 34.4 MiB → (34.4 − 23) / (1000 − 23) × 100 = 1.2 → 1.
    expect(imageLocality(c, 'c')).toEqual([
      ['node1', 1],
      ['node2', 1],
      ['node3', 0],
    ]);
  });
});
