/**
 * The Priority admission plugin (1.32): a pod's priority comes from its PriorityClass (only the
 * two system classes exist in a fresh cluster), 0 and PreemptLowerPriority without one; a
 * class that does not exist, or a priority / preemptionPolicy that differs from what the plugin
 * computes, is Forbidden.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';
import { createCluster } from '../cluster.ts';

describe('Priority admission', () => {
  it('refuses an unknown class, a literal priority and a preemptionPolicy that differ', () => {
    const { run } = engineSession(1);
    expect(
      run(`kubectl run hi --image=nginx --overrides='{"spec":{"priorityClassName":"high"}}'`),
    ).toEqual({
      out: '',
      err: 'Error from server (Forbidden): pods "hi" is forbidden: no PriorityClass with name high was found\n',
      code: 1,
    });
    expect(run(`kubectl run pr --image=nginx --overrides='{"spec":{"priority":5}}'`).err).toBe(
      'Error from server (Forbidden): pods "pr" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name\n',
    );
    expect(
      run(
        `kubectl run nv --image=nginx --overrides='{"spec":{"preemptionPolicy":"Never","nodeSelector":{"a":"b"}}}'`,
      ).err,
    ).toBe(
      'Error from server (Forbidden): pods "nv" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name\n',
    );
    expect(
      run(
        `kubectl run crit --image=nginx --overrides='{"spec":{"priorityClassName":"system-node-critical","priority":2000000000}}'`,
      ).err,
    ).toBe(
      'Error from server (Forbidden): pods "crit" is forbidden: the integer value of priority (2000000000) must not be provided in pod spec; priority admission controller computed 2000001000 from the given PriorityClass name\n',
    );
    expect(run('kubectl get pods').err).toBe('No resources found in default namespace.\n');
  });

  it('fills in what it computes; values equal to it may be given', () => {
    const { run } = engineSession(1);
    expect(run('kubectl run plain --image=nginx').code).toBe(0);
    expect(
      run(
        `kubectl run same --image=nginx --overrides='{"spec":{"priority":0,"preemptionPolicy":"PreemptLowerPriority"}}'`,
      ).code,
    ).toBe(0);
    expect(
      run(
        `kubectl run crit --image=nginx --overrides='{"spec":{"priorityClassName":"system-cluster-critical"}}'`,
      ).code,
    ).toBe(0);
    expect(
      run(
        'kubectl get pods -o custom-columns=NAME:.metadata.name,PRIORITY:.spec.priority,CLASS:.spec.priorityClassName,PREEMPTION:.spec.preemptionPolicy',
      ).out,
    ).toBe(
      [
        'NAME    PRIORITY     CLASS                     PREEMPTION',
        'crit    2000000000   system-cluster-critical   PreemptLowerPriority',
        'plain   0            <none>                    PreemptLowerPriority',
        'same    0            <none>                    PreemptLowerPriority',
        '',
      ].join('\n'),
    );
  });

  it('gives the kube-system pods their system classes, bootstrap and controller-made alike', () => {
    const { cluster: c, run } = engineSession(1);
    const columns =
      'kubectl get pods -n kube-system -o custom-columns=NAME:.metadata.name,PRIORITY:.spec.priority,CLASS:.spec.priorityClassName,PREEMPTION:.spec.preemptionPolicy';
    expect(run(columns).out).toBe(
      [
        'NAME                                    PRIORITY     CLASS                     PREEMPTION',
        'coredns-7ccffd5bf-6wct5                 2000000000   system-cluster-critical   PreemptLowerPriority',
        'coredns-7ccffd5bf-s5z6p                 2000000000   system-cluster-critical   PreemptLowerPriority',
        'etcd-control-plane                      2000001000   system-node-critical      PreemptLowerPriority',
        'kube-apiserver-control-plane            2000001000   system-node-critical      PreemptLowerPriority',
        'kube-controller-manager-control-plane   2000001000   system-node-critical      PreemptLowerPriority',
        'kube-proxy-6htw7                        2000001000   system-node-critical      PreemptLowerPriority',
        'kube-proxy-8lsxx                        2000001000   system-node-critical      PreemptLowerPriority',
        'kube-proxy-qgxj8                        2000001000   system-node-critical      PreemptLowerPriority',
        'kube-proxy-x99rf                        2000001000   system-node-critical      PreemptLowerPriority',
        'kube-scheduler-control-plane            2000001000   system-node-critical      PreemptLowerPriority',
        '',
      ].join('\n'),
    );
    // A CoreDNS pod the ReplicaSet controller makes goes through admission like any other.
    expect(run('kubectl delete pod -n kube-system coredns-7ccffd5bf-6wct5').code).toBe(0);
    c.settle();
    const replacement = c
      .snapshot()
      .list('pods', 'kube-system')
      .filter((p) => p.metadata?.name?.startsWith('coredns-'))
      .find((p) => p.metadata?.name !== 'coredns-7ccffd5bf-s5z6p')!;
    expect(replacement.spec).toMatchObject({
      priority: 2_000_000_000,
      priorityClassName: 'system-cluster-critical',
      preemptionPolicy: 'PreemptLowerPriority',
    });
  });

  it('keeps what it set on create when an update leaves it out', () => {
    const c = createCluster({ seed: 1 });
    const kubectl = c.client('kubectl');
    expect(
      kubectl.create('pods', 'default', {
        metadata: { name: 'web' },
        spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
      }).ok,
    ).toBe(true);
    const stored = c.snapshot().get('pods', 'default', 'web')!;
    const spec = { ...(stored.spec as Record<string, unknown>) };
    delete spec.priority;
    delete spec.preemptionPolicy;
    const updated = kubectl.update('pods', 'default', { ...stored, spec });
    expect(updated.ok).toBe(true);
    expect(c.snapshot().get('pods', 'default', 'web')!.spec).toMatchObject({
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
    });
  });
});
