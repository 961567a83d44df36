import { describe, expect, it } from 'vitest';
import { addPod, type NodeInfo, newNodeInfo } from './nodeInfo.ts';
import { schedulePod } from './schedule.ts';
import { makeNode, makePod } from './testing.ts';

/** Park–Miller: a tiny deterministic random source for the benchmark. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

function run(explain: boolean, pods: number) {
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
  // CPU time rather than wall time: the suite shares the machine with other work.
  const cpu0 = process.cpuUsage();
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
  const cpu = process.cpuUsage(cpu0);
  return { ms: (cpu.user + cpu.system) / 1000, nodes };
}

// The full figure (10,000 pods) is `SCHED_BENCH_PODS=10000 npx vitest run …bench`; the default
// keeps the unit suite quick while still catching a return to per-cycle work that grows with
// the number of pods in the cluster.
const PODS = Number(process.env.SCHED_BENCH_PODS ?? 3000);

describe(`scale: ${PODS} pods on 1,000 nodes`, () => {
  it('schedules every pod quickly and spreads them evenly', () => {
    const { ms, nodes } = run(true, PODS);
    console.log(`${PODS} pods × 1000 nodes (explain on): ${Math.round(ms)} ms CPU`);
    const counts = nodes.map((n) => n.pods.length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(PODS);
    // LeastAllocated + replica spreading keep every node within a couple of pods of the mean.
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(3);
    // Generous: measured ≈ 1 ms CPU per pod on a busy 2-core machine.
    expect(ms / PODS).toBeLessThan(4);
  });
});
