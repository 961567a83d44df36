import { describe, expect, it } from 'vitest';
import { noteChange, trackChanges } from './changeLog.ts';
import { appendPod, type NodeInfo, newNodeInfo, setNode } from './nodeInfo.ts';
import { nodeTable, TAINTED, UNSCHEDULABLE } from './nodeTable.ts';
import { type ScheduleResult, schedulePod } from './schedule.ts';
import { CONTROL_PLANE_TAINT, makeNode, makePod } from './testing.ts';

function cluster(): NodeInfo[] {
  return [
    newNodeInfo(makeNode('control-plane', { taints: [CONTROL_PLANE_TAINT] })),
    newNodeInfo(makeNode('worker1', { cpu: '2', memory: '4Gi' })),
    newNodeInfo(makeNode('worker2', { cpu: '4', memory: '8Gi', pods: '3' })),
    newNodeInfo(makeNode('worker3', { unschedulable: true })),
    newNodeInfo(
      makeNode('worker4', {
        labels: { 'topology.kubernetes.io/zone': 'a' },
        images: [{ names: ['docker.io/library/nginx:latest'], sizeBytes: 200e6 }],
      }),
    ),
  ];
}

const replica = (i: number) =>
  makePod(`web-7c79c4bf97-${i}`, {
    cpu: '300m',
    memory: '256Mi',
    labels: { app: 'web', 'pod-template-hash': '7c79c4bf97' },
    ownerReplicaSet: 'web-7c79c4bf97',
  });

describe('nodeTable', () => {
  it('follows a logged array from its change log, also after falling behind the log', () => {
    const nodes = cluster();
    const log = trackChanges(nodes);
    nodeTable(nodes);
    // More writes than the log keeps: the table compares every row once, then reads the log.
    for (let i = 0; i < 5000; i++) {
      nodes[1] = appendPod(nodes[1]!, replica(i));
      noteChange(log, 1);
    }
    expect(nodeTable(nodes).podCount[1]).toBe(5000);
    nodes[2] = appendPod(nodes[2]!, replica(0));
    noteChange(log, 2);
    nodes.push(newNodeInfo(makeNode('worker5', { cpu: '8' })));
    noteChange(log, nodes.length - 1);
    const t = nodeTable(nodes);
    expect(t.podCount[2]).toBe(1);
    expect(t.allocMilliCPU[5]).toBe(8000);
    const fresh = nodeTable(nodes.slice());
    expect(Array.from(t.requestedMilliCPU.subarray(0, 6))).toEqual(
      Array.from(fresh.requestedMilliCPU.subarray(0, 6)),
    );
  });

  it('holds each node’s own numbers and follows a NodeInfo replaced in place', () => {
    const nodes = cluster();
    let t = nodeTable(nodes);
    expect(t.flags[0]).toBe(TAINTED);
    expect(t.flags[3]).toBe(UNSCHEDULABLE);
    expect(t.allocMilliCPU[2]).toBe(4000);
    expect(t.allocPods[2]).toBe(3);
    expect(t.zone[4]).toBe('a');
    expect(t.hostname[1]).toBe('worker1');

    nodes[2] = appendPod(nodes[2]!, replica(1));
    nodes[3] = setNode(nodes[3]!, makeNode('worker3'));
    nodes.push(newNodeInfo(makeNode('worker5', { cpu: '8' })));
    t = nodeTable(nodes);
    expect(t.podCount[2]).toBe(1);
    expect(t.requestedMilliCPU[2]).toBe(300);
    expect(t.requestedMemory[2]).toBe(256 * 1024 * 1024);
    expect(t.flags[3]).toBe(0); // uncordoned
    expect(t.allocMilliCPU[5]).toBe(8000);
    expect(t.podCount[1]).toBe(0);
  });

  it('gives the same decisions, verdicts and scores whether the node list is updated in place or copied', () => {
    // The scheduler actor replaces NodeInfos in one array; tests usually pass fresh arrays.
    const run = (inPlace: boolean, logged = false): ScheduleResult[] => {
      let nodes = cluster();
      const log = logged ? trackChanges(nodes) : undefined;
      let seed = 7;
      const random = () => {
        seed = (seed * 48271) % 2147483647;
        return seed / 2147483647;
      };
      const out: ScheduleResult[] = [];
      let start = 0;
      for (let i = 0; i < 30; i++) {
        const pod = replica(i);
        const r = schedulePod(pod, nodes, { random, startIndex: start });
        out.push(r);
        start = r.nextStartIndex;
        if (!r.selectedNode) continue;
        const at = nodes.findIndex((n) => n.name === r.selectedNode);
        if (!inPlace) nodes = nodes.slice();
        nodes[at] = appendPod(nodes[at]!, pod);
        if (log) noteChange(log, at);
      }
      return out;
    };
    const inPlace = run(true);
    expect(inPlace).toEqual(run(false));
    // With a change log the caches visit only the logged nodes: still the same results.
    expect(run(true, true)).toEqual(inPlace);
    // The pod-count limit of worker2 and the CPU of worker1 come into play along the way.
    const reasons = inPlace.flatMap((r) =>
      r.verdicts.flatMap((v) => v.reasons.map((x) => x.reason)),
    );
    expect(reasons).toContain('Too many pods');
    expect(reasons).toContain('Insufficient cpu');
  });

  it('scores again when only the image state changed (same rows, same requests)', () => {
    // The row scores are remembered between cycles; the spread of the pod's image over the
    // cluster is part of what they were computed for.
    const nginx = 'docker.io/library/nginx:latest';
    const pod = (i: number) => makePod(`web-${i}`, { image: 'docker.io/library/nginx' });
    const opts = (holders: number) => ({
      random: () => 0,
      imageNodeCounts: new Map([[nginx, holders]]),
    });
    const imageScore = (r: ScheduleResult) =>
      r.scores.find((s) => s.node === 'worker4')?.plugins.find((p) => p.plugin === 'ImageLocality')
        ?.score;
    const nodes = cluster();
    const first = schedulePod(pod(1), nodes, opts(1));
    const second = schedulePod(pod(2), nodes, opts(5));
    // A fresh node array has nothing remembered.
    const fresh = schedulePod(pod(2), cluster(), opts(5));
    expect(second).toEqual(fresh);
    expect(imageScore(second)).not.toBe(imageScore(first));
    expect(schedulePod(pod(3), nodes, opts(1))).toEqual(schedulePod(pod(3), cluster(), opts(1)));
  });
});
