/**
 * A pod placed on a node with `spec.nodeName` skips the scheduler but not the kubelet's
 * admission: one that does not fit the node is rejected (audit 15 F7).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const placed = (name: string, node: string, spec: string) =>
  `kubectl run ${name} --image=nginx --overrides='{"spec":{"nodeName":"${node}",${spec}}}'`;

describe("the kubelet's admission", () => {
  it('rejects a pod asking for more CPU than the node has: OutOfcpu, Failed', () => {
    const { run } = engineSession(3);
    expect(
      run(
        placed(
          'huge',
          'node1',
          '"containers":[{"name":"huge","image":"nginx","resources":{"requests":{"cpu":"3"}}}]',
        ),
      ).out,
    ).toBe('pod/huge created\n');
    expect(run('kubectl get pod huge -o wide').out).toMatch(
      /^NAME +READY +STATUS +RESTARTS +AGE +IP +NODE .*\nhuge +0\/1 +OutOfcpu +0 +\d+s +<none> +node1 /,
    );
    const d = run('kubectl describe pod huge').out;
    expect(d).toContain(
      "Status:           Failed\nReason:           OutOfcpu\nMessage:          Pod was rejected: Node didn't have enough resource: cpu, requested: 3000, used: 0, capacity: 2000\n",
    );
    expect(d).toMatch(
      /\n {2}Warning {2}OutOfcpu {2}\d+s {3}kubelet {2}Node didn't have enough resource: cpu, requested: 3000, used: 0, capacity: 2000\n$/,
    );
  });

  it('counts the requests of the pods it already runs', () => {
    const { run } = engineSession(3);
    const req = (n: string) =>
      `"containers":[{"name":"${n}","image":"nginx","resources":{"requests":{"cpu":"1200m"}}}]`;
    run(placed('a', 'node2', req('a')));
    run(placed('b', 'node2', req('b')));
    expect(run('kubectl get pod a -o jsonpath={.status.phase}').out).toBe('Running');
    expect(run('kubectl get pod b -o jsonpath={.status.message}').out).toBe(
      "Pod was rejected: Node didn't have enough resource: cpu, requested: 1200, used: 1200, capacity: 2000",
    );
  });

  it('rejects memory in bytes, and a node selector the node does not match', () => {
    const { run } = engineSession(3);
    run(
      placed(
        'mem',
        'node2',
        '"containers":[{"name":"mem","image":"nginx","resources":{"requests":{"memory":"30Gi"}}}]',
      ),
    );
    expect(
      run('kubectl get events --field-selector reason=OutOfmemory -o jsonpath={.items[0].message}')
        .out,
    ).toBe(
      "Node didn't have enough resource: memory, requested: 32212254720, used: 0, capacity: 8238903296",
    );
    run(placed('sel', 'node3', '"nodeSelector":{"disk":"ssd"}'));
    expect(run('kubectl get pod sel -o jsonpath={.status.reason}/{.status.message}').out).toBe(
      "NodeAffinity/Pod was rejected: Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector",
    );
  });

  it('admits what fits, as before', () => {
    const { run } = engineSession(3);
    run(
      placed(
        'ok',
        'node1',
        '"containers":[{"name":"ok","image":"nginx","resources":{"requests":{"cpu":"500m"}}}]',
      ),
    );
    expect(run('kubectl get pod ok -o jsonpath={.status.phase}').out).toBe('Running');
  });
});
