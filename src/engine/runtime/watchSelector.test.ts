/**
 * What a field-selected watch is told: the kubelet watches pods with spec.nodeName=<its node>,
 * so the API server's watch cache sends it a pod the scheduler just bound as ADDED (the old
 * object did not match), while the unfiltered watchers see the same change as MODIFIED.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster.ts';

describe('watch deliveries to field-selected watchers', () => {
  it('a pod bound to a node reaches that node’s kubelet as ADDED, the others as MODIFIED', () => {
    const c = createCluster({ seed: 1 });
    c.settle();
    const from = c.messages.length;
    const created = c.client('kubectl').create('pods', 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    });
    expect(created.ok).toBe(true);
    c.settle();
    const msgs = c.messages.slice(from);
    const bind = msgs.findIndex((m) => m.kind === 'api.bind');
    expect(bind).toBeGreaterThan(0);
    const node = (c.peek('pods', 'default', 'p')?.spec as { nodeName?: string } | undefined)
      ?.nodeName;
    expect(node).toMatch(/^node[123]$/);
    // The deliveries of the binding's write, in order.
    const after = msgs.slice(bind).filter((m) => m.kind === 'watch.event' && m.ref?.name === 'p');
    const told = (to: string) => after.find((m) => m.to === to);
    expect(told('scheduler')?.summary.params?.type).toBe('MODIFIED');
    expect(told('controller-manager')?.summary.params?.type).toBe('MODIFIED');
    expect(told(`kubelet/${node}`)?.summary.params?.type).toBe('ADDED');
    expect(told(`kubelet/${node}`)?.label).toBe('watch: Pod added');
    // Later changes of the pod on its node are MODIFIED to the kubelet too.
    const later = after.filter((m) => m.to === `kubelet/${node}`).slice(1);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((m) => m.summary.params?.type === 'MODIFIED')).toBe(true);
    // No other node's kubelet hears of it.
    expect(after.some((m) => m.to.startsWith('kubelet/') && m.to !== `kubelet/${node}`)).toBe(
      false,
    );
  });
});
