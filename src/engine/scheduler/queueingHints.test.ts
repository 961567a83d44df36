import type { Node, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';
import { newNodeInfo } from './framework/nodeInfo.ts';
import { nodeChangeRequeues } from './queueingHints.ts';

function node(spec: Node['spec'] = {}, labels: Record<string, string> = {}, cpu = '2'): Node {
  return {
    metadata: { name: 'n', labels },
    spec,
    status: { allocatable: { cpu, memory: '4Gi', pods: '110' } },
  };
}
const info = (n: Node) => newNodeInfo(n);
const pod = (spec: Partial<Pod['spec']> = {}): Pod => ({
  metadata: { name: 'p', namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
});
const TAINT = { key: 'team', value: 'a', effect: 'NoSchedule' as const };

describe('queueing hints of a node change (isSchedulableAfterNodeChange)', () => {
  it('NodeUnschedulable: an uncordon or a schedulable new node, not a cordon', () => {
    const p = pod();
    const r = ['NodeUnschedulable'];
    expect(nodeChangeRequeues(p, r, info(node({ unschedulable: true })), info(node()))).toBe(true);
    expect(nodeChangeRequeues(p, r, undefined, info(node()))).toBe(true);
    expect(nodeChangeRequeues(p, r, info(node()), info(node({ unschedulable: true })))).toBe(false);
    expect(nodeChangeRequeues(p, r, info(node()), info(node({}, { a: 'b' })))).toBe(false);
  });

  it('TaintToleration: only from untolerated to tolerated', () => {
    const r = ['TaintToleration'];
    const tainted = info(node({ taints: [TAINT] }));
    expect(nodeChangeRequeues(pod(), r, tainted, info(node()))).toBe(true);
    expect(nodeChangeRequeues(pod(), r, info(node()), tainted)).toBe(false);
    expect(nodeChangeRequeues(pod(), r, undefined, tainted)).toBe(false);
    const tolerating = pod({ tolerations: [{ key: 'team', operator: 'Exists' }] });
    expect(nodeChangeRequeues(tolerating, r, undefined, tainted)).toBe(true);
    // A cordon's taint on a node whose taints were all tolerated: no change for this plugin.
    const cordoned = info(
      node({
        unschedulable: true,
        taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
      }),
    );
    expect(nodeChangeRequeues(pod(), r, info(node()), cordoned)).toBe(false);
  });

  it('NodeAffinity: the node now matches the selector and did not before', () => {
    const p = pod({ nodeSelector: { disk: 'ssd' } });
    const r = ['NodeAffinity'];
    expect(nodeChangeRequeues(p, r, info(node()), info(node({}, { disk: 'ssd' })))).toBe(true);
    expect(
      nodeChangeRequeues(
        p,
        r,
        info(node({}, { disk: 'ssd' })),
        info(node({}, { disk: 'ssd', x: 'y' })),
      ),
    ).toBe(false);
    expect(nodeChangeRequeues(p, r, info(node()), info(node({}, { disk: 'hdd' })))).toBe(false);
    expect(nodeChangeRequeues(p, r, undefined, info(node({}, { disk: 'ssd' })))).toBe(true);
  });

  it('NodeResourcesFit: the request fits the node and a requested resource grew (or the node is new)', () => {
    const p = pod({
      containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '5' } } }],
    });
    const r = ['NodeResourcesFit'];
    expect(nodeChangeRequeues(p, r, info(node({}, {}, '2')), info(node({}, {}, '8')))).toBe(true);
    expect(nodeChangeRequeues(p, r, info(node({}, {}, '2')), info(node({}, {}, '4')))).toBe(false);
    expect(nodeChangeRequeues(p, r, undefined, info(node({}, {}, '8')))).toBe(true);
    expect(
      nodeChangeRequeues(
        p,
        r,
        info(node({}, {}, '8')),
        info(node({ unschedulable: true }, {}, '8')),
      ),
    ).toBe(false);
  });

  it('any rejector saying Queue is enough; unknown rejectors (or none) always queue', () => {
    const p = pod();
    const cordon = [info(node()), info(node({ unschedulable: true }))] as const;
    expect(nodeChangeRequeues(p, ['TaintToleration', 'NodeResourcesFit'], ...cordon)).toBe(false);
    expect(nodeChangeRequeues(p, ['TaintToleration', 'PodTopologySpread'], ...cordon)).toBe(true);
    expect(nodeChangeRequeues(p, [], ...cordon)).toBe(true);
    expect(nodeChangeRequeues(p, undefined, ...cordon)).toBe(true);
  });
});

const scheduledMessage = `kubectl get pod p -o jsonpath='{.status.conditions[?(@.type=="PodScheduled")].message}'`;

describe('a Pending pod and node changes in the console', () => {
  it('a cordon of a node that could not take it anyway does not retry it', () => {
    const { run, host } = engineSession(3);
    host.fs.write(
      'p.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: "5"\n',
    );
    run('kubectl apply -f p.yaml');
    const before = run(scheduledMessage).out;
    expect(before).toMatch(
      /^0\/4 nodes are available: 1 node\(s\) had untolerated taint \{node-role\.kubernetes\.io\/control-plane: \}, 3 Insufficient cpu\. /,
    );
    expect(run('kubectl cordon node2').out).toBe('node/node2 cordoned\n');
    run('sleep 30');
    // No new attempt: the condition still tells the first one (the flush retries after 5 min).
    expect(run(scheduledMessage).out).toBe(before);
    run('sleep 5m');
    expect(run(scheduledMessage).out).toMatch(
      /^0\/4 nodes are available: 1 node\(s\) had untolerated taint \{node-role\.kubernetes\.io\/control-plane: \}, 1 node\(s\) were unschedulable, 2 Insufficient cpu\. /,
    );
  });

  it('a label that satisfies its node selector retries it at once', () => {
    const { run } = engineSession(3);
    run(`kubectl run p --image=nginx --overrides='{"spec":{"nodeSelector":{"disk":"ssd"}}}'`);
    run('kubectl cordon node1');
    expect(run(scheduledMessage).out).toMatch(
      /^0\/4 nodes are available: 1 node\(s\) had untolerated taint \{node-role\.kubernetes\.io\/control-plane: \}, 3 node\(s\) didn't match Pod's node affinity\/selector\. /,
    );
    run('kubectl label node node3 disk=ssd');
    expect(run(`kubectl get pod p -o jsonpath='{.spec.nodeName}'`).out).toBe('node3');
  });
});
