import { describe, expect, it } from 'vitest';
import { addPod, type NodeInfo, newNodeInfo } from './nodeInfo.ts';
import { schedulePod } from './schedule.ts';
import { makeNode, makePod } from './testing.ts';

/** Park–Miller: a tiny deterministic random source. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

function run(explain: boolean, pods: number): NodeInfo[] {
  let nodes: NodeInfo[] = [];
  for (let i = 0; i < 1000; i++) {
    nodes.push(
      newNodeInfo(
        makeNode(`node-${i}`, {
          cpu: '8',
          memory: '32Gi',
          images:
            i % 4 === 0 ? [{ names: ['docker.io/library/nginx:latest'], sizeBytes: 70e6 }] : [],
        }),
      ),
    );
  }
  const index = new Map(nodes.map((n, i) => [n.name, i]));
  const random = lcg(42);
  let start = 0;
  for (let i = 0; i < pods; i++) {
    const rs = `app-${i % 100}-5d4f8b7c9`;
    const pod = makePod(`${rs}-${i}`, {
      cpu: '100m',
      memory: '128Mi',
      labels: { app: `app-${i % 100}`, 'pod-template-hash': '5d4f8b7c9' },
      ownerReplicaSet: rs,
    });
    const r = schedulePod(pod, nodes, { random, startIndex: start, explain });
    start = r.nextStartIndex;
    const at = index.get(r.selectedNode!)!;
    nodes = nodes.slice();
    nodes[at] = addPod(nodes[at]!, pod);
  }
  return nodes;
}

// Speed is measured by `npm run bench` (the engine-scale cases), never asserted here.
const PODS = Number(process.env.SCHED_SCALE_PODS ?? 2000);

describe(`scale: ${PODS} pods on 1,000 nodes`, () => {
  it('schedules every pod and spreads them evenly', () => {
    const nodes = run(true, PODS);
    const counts = nodes.map((n) => n.pods.length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(PODS);
    // LeastAllocated + replica spreading keep every node within a couple of pods of the mean.
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(3);
  });
});
