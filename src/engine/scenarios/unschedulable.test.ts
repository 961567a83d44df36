/** A pod no node can fit: Pending with the scheduler's exact reason. */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster.ts';
import { eventRows, kubectlDeployment, phaseOf, podsOf } from './helpers.ts';

const MESSAGE =
  '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.';

describe('a pod asking for more CPU than any node has', () => {
  it('stays Pending with FailedScheduling and PodScheduled=False', () => {
    const c = createCluster({ seed: 1 });
    const d = kubectlDeployment('big', 'nginx', 1, { requests: { cpu: '3' } });
    expect(c.client('kubectl').create('deployments', 'default', d).ok).toBe(true);
    c.settle();
    const rsName = c.snapshot().list('replicasets', 'default')[0]!.metadata!.name!;
    const pod = podsOf(c)[0]!;
    const name = pod.metadata!.name!;
    expect(eventRows(c)).toEqual([
      [
        'Normal',
        'ScalingReplicaSet',
        'deployment/big',
        `Scaled up replica set ${rsName} from 0 to 1`,
      ],
      ['Normal', 'SuccessfulCreate', `replicaset/${rsName}`, `Created pod: ${name}`],
      ['Warning', 'FailedScheduling', `pod/${name}`, MESSAGE],
    ]);
    expect(phaseOf(pod)).toBe('Pending');
    expect((pod.spec as { nodeName?: string }).nodeName).toBeUndefined();
    const cond = (pod.status as { conditions: Record<string, unknown>[] }).conditions.find(
      (x) => x.type === 'PodScheduled',
    );
    expect(cond).toMatchObject({ status: 'False', reason: 'Unschedulable', message: MESSAGE });
    // Why, node by node, for the UI.
    const decision = c.snapshot().decision(`default/${name}`)!;
    expect(decision.feasible).toBe(false);
    expect(
      decision.verdicts.map((v) => [
        v.node,
        v.passed,
        v.reasons.map((r) => `${r.plugin}: ${r.reason}`),
      ]),
    ).toEqual([
      [
        'control-plane',
        false,
        [
          'TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
        ],
      ],
      ['node1', false, ['NodeResourcesFit: Insufficient cpu']],
      ['node2', false, ['NodeResourcesFit: Insufficient cpu']],
      ['node3', false, ['NodeResourcesFit: Insufficient cpu']],
    ]);
    // No kubelet ever heard of it.
    expect(c.messages.some((m) => m.to.startsWith('kubelet/') && m.ref?.name === name)).toBe(false);
  });
});
