/**
 * `kubectl describe node` reads the node's Lease in kube-node-lease; when that read fails (the
 * namespace deleted by `delete ns --all`, say) the describer prints the error in the Lease
 * field's place, aligned with the other top-level fields (as kubectl 1.32.5 prints it).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('describe node without its lease', () => {
  it('prints "Failed to get lease" with the API error', () => {
    const { run } = engineSession(3);
    expect(run('kubectl delete ns kube-node-lease --wait=false').code).toBe(0);
    run('sleep 20');
    const out = run('kubectl describe node node1').out.split('\n');
    const i = out.findIndex((l) => l.startsWith('Lease:'));
    expect(out.slice(i - 1, i + 2)).toEqual([
      'Unschedulable:      false',
      'Lease:              Failed to get lease: leases.coordination.k8s.io "node1" not found',
      'Conditions:',
    ]);
  });
});
