import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';
import type { KubeObject } from '../api/types.ts';
import { rfc3339 } from '../util/clock.ts';
import { createNodeLifecycleController } from './nodeLifecycle.ts';
import { MiniCluster } from './testing.ts';

type Taint = { key: string; effect: string; value?: string; timeAdded?: string };

function node(conditions: Record<string, string>, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node1', uid: 'uid-node1' },
    spec,
    status: {
      conditions: Object.entries(conditions).map(([type, status]) => ({ type, status })),
    },
  };
}

const taintsOf = (c: MiniCluster) =>
  (c.get('nodes', undefined, 'node1')!.spec as { taints?: Taint[] }).taints;

/** The tainting pass as a Node update queues it (only when it has something to change). */
function pass(n: KubeObject, now = 5_000): MiniCluster {
  const c = new MiniCluster([['nodes', n]], now);
  const nlc = createNodeLifecycleController();
  for (const key of nlc.keysFor?.('nodes', n) ?? []) c.reconcile(nlc, key);
  return c;
}

const HEALTHY = {
  MemoryPressure: 'False',
  DiskPressure: 'False',
  PIDPressure: 'False',
  Ready: 'True',
};

describe('doNoScheduleTaintingPass: condition taints follow the conditions', () => {
  it('takes hand-added pressure and network-unavailable NoSchedule taints off a healthy node', () => {
    const c = pass(
      node(HEALTHY, {
        taints: [
          { key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' },
          { key: 'team', value: 'a', effect: 'NoSchedule' },
          { key: 'node.kubernetes.io/disk-pressure', effect: 'NoSchedule' },
          { key: 'node.kubernetes.io/pid-pressure', effect: 'NoSchedule' },
          { key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' },
          // Only NoSchedule taints are the pass's: a NoExecute one of the same key stays.
          { key: 'node.kubernetes.io/memory-pressure', effect: 'NoExecute' },
        ],
      }),
    );
    expect(taintsOf(c)).toEqual([
      { key: 'team', value: 'a', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', effect: 'NoExecute' },
    ]);
  });

  it('adds the taint of a condition that is True (with timeAdded), after the cordon taint it keeps', () => {
    const c = pass(
      node(
        { ...HEALTHY, DiskPressure: 'True', PIDPressure: 'True' },
        {
          unschedulable: true,
          taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
        },
      ),
    );
    expect(taintsOf(c)).toEqual([
      { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/disk-pressure', effect: 'NoSchedule', timeAdded: rfc3339(5_000) },
      { key: 'node.kubernetes.io/pid-pressure', effect: 'NoSchedule', timeAdded: rfc3339(5_000) },
    ]);
  });

  it('a node whose taints already agree queues nothing', () => {
    const nlc = createNodeLifecycleController();
    expect(
      nlc.keysFor?.('nodes', node(HEALTHY, { taints: [{ key: 'team', effect: 'NoSchedule' }] })),
    ).toEqual([]);
    expect(
      nlc.keysFor?.(
        'nodes',
        node(
          { ...HEALTHY, MemoryPressure: 'True' },
          { taints: [{ key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' }] },
        ),
      ),
    ).toEqual([]);
  });
});

describe('kubectl taint of a condition taint on a healthy node', () => {
  it('the node lifecycle controller removes it at once', () => {
    const { run } = engineSession(3);
    expect(run('kubectl taint node node1 node.kubernetes.io/memory-pressure:NoSchedule').out).toBe(
      'node/node1 tainted\n',
    );
    expect(
      run('kubectl taint node node2 node.kubernetes.io/network-unavailable=x:NoSchedule').out,
    ).toBe('node/node2 tainted\n');
    expect(
      run(
        `kubectl get nodes node1 node2 -o jsonpath='{range .items[*]}{.metadata.name}:{.spec.taints}{"\\n"}{end}'`,
      ).out,
    ).toBe('node1:\nnode2:\n');
    expect(run('kubectl describe node node1').out).toContain('Taints:             <none>\n');
  });
});
