/** `kubectl delete namespace blue`: Terminating, creates refused, content removed, then gone. */
import { describe, expect, it } from 'vitest';
import type { ResourceName } from '../api/types.ts';
import { createCluster } from '../cluster.ts';
import { kubectlDeployment, podsOf } from './helpers.ts';

describe('namespace deletion', () => {
  it('terminates the namespace, deletes its content gracefully, then removes it', () => {
    const c = createCluster({ seed: 3 });
    const k = c.client('kubectl');
    expect(k.create('namespaces', undefined, { metadata: { name: 'blue' } }).ok).toBe(true);
    k.create('deployments', 'blue', kubectlDeployment('app', 'nginx', 2));
    k.create('deployments', 'default', kubectlDeployment('web', 'nginx'));
    c.settle();
    expect(podsOf(c, 'blue')).toHaveLength(2);

    const del = k.delete('namespaces', undefined, 'blue');
    expect(del.ok && del.value.status).toEqual({ phase: 'Terminating' });
    // Straight away: new content is refused with the NamespaceLifecycle message.
    const refused = k.create('deployments', 'blue', kubectlDeployment('late', 'nginx'));
    expect(refused.ok ? '' : refused.status.message).toBe(
      'deployments.apps "late" is forbidden: unable to create new content in namespace blue because it is being terminated',
    );
    c.advance(50);
    // Pods are deleted gracefully: Terminating before the kubelet confirms.
    expect(podsOf(c, 'blue').every((p) => p.metadata?.deletionTimestamp !== undefined)).toBe(true);

    c.settle();
    expect(k.get('namespaces', undefined, 'blue').ok).toBe(false);
    const gone = k.get('namespaces', undefined, 'blue');
    expect(gone.ok ? '' : gone.status.message).toBe('namespaces "blue" not found');
    for (const r of [
      'pods',
      'replicasets',
      'deployments',
      'services',
      'endpoints',
    ] as ResourceName[]) {
      expect(c.snapshot().list(r, 'blue'), r).toEqual([]);
    }
    // The kubelets stopped the containers (Killing) before confirming the deletion.
    const stops = c.messages.filter((m) => m.kind === 'cri.stopContainer');
    expect(stops).toHaveLength(2);
    // Other namespaces are untouched.
    expect(podsOf(c, 'default')).toHaveLength(1);
    expect(c.errors).toEqual([]);
  });

  it('refuses to delete default, kube-system and kube-public', () => {
    const c = createCluster({ seed: 3 });
    const k = c.client('kubectl');
    for (const ns of ['default', 'kube-system', 'kube-public']) {
      const r = k.delete('namespaces', undefined, ns);
      expect(r.ok ? '' : `${r.status.reason}: ${r.status.message}`).toBe(
        `Forbidden: namespaces "${ns}" is forbidden: this namespace may not be deleted`,
      );
    }
    c.settle();
    expect(
      c
        .snapshot()
        .list('namespaces')
        .map((n) => [n.metadata?.name, (n.status as { phase: string }).phase]),
    ).toEqual([
      ['default', 'Active'],
      ['kube-node-lease', 'Active'],
      ['kube-public', 'Active'],
      ['kube-system', 'Active'],
    ]);
  });
});
