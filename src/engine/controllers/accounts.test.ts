/**
 * The service-account controller and the root-ca-cert-publisher on the real cluster: every
 * namespace gets its `default` ServiceAccount and its kube-root-ca.crt, deleted or changed ones
 * come back, and a terminating namespace is left alone.
 */
import { describe, expect, it } from 'vitest';
import { clusterCaCertificate, ROOT_CA_DESCRIPTION } from '../bootstrap/namespaceContent.ts';
import { createCluster } from '../index.ts';

function cluster() {
  const c = createCluster({ seed: 11 });
  c.settle();
  return { c, kubectl: c.client('kubectl') };
}

const names = (items: readonly { metadata?: { name?: string } }[]) =>
  items.map((o) => o.metadata?.name);

describe('namespace basics', () => {
  it('the bootstrap gives every namespace a default ServiceAccount and kube-root-ca.crt', () => {
    const { c } = cluster();
    for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
      expect(c.peek('serviceaccounts', ns, 'default')?.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
      expect(c.peek('configmaps', ns, 'kube-root-ca.crt')?.data).toEqual({
        'ca.crt': clusterCaCertificate(),
      });
    }
    expect(clusterCaCertificate()).toMatch(
      /^-----BEGIN CERTIFICATE-----\n(?:[A-Za-z0-9+/=]{1,64}\n)+-----END CERTIFICATE-----\n$/,
    );
  });

  it('a new namespace gets both, created by the controller manager after the namespace', () => {
    const { c, kubectl } = cluster();
    const before = c.messages.length;
    kubectl.create('namespaces', undefined, { metadata: { name: 'blue' } });
    c.settle();
    const sa = c.peek('serviceaccounts', 'blue', 'default');
    const cm = c.peek('configmaps', 'blue', 'kube-root-ca.crt');
    expect(sa?.metadata?.namespace).toBe('blue');
    expect(cm?.metadata?.annotations).toEqual({ 'kubernetes.io/description': ROOT_CA_DESCRIPTION });
    const creates = c.messages
      .slice(before)
      .filter((m) => m.kind === 'api.create')
      .map((m) => `${m.from} ${m.ref?.resource}/${m.ref?.name}`);
    expect(creates).toEqual([
      'kubectl namespaces/blue',
      'controller-manager serviceaccounts/default',
      'controller-manager configmaps/kube-root-ca.crt',
    ]);
  });

  it('a deleted default ServiceAccount is made again; a changed kube-root-ca.crt is restored', () => {
    const { c, kubectl } = cluster();
    const oldUid = c.peek('serviceaccounts', 'default', 'default')?.metadata?.uid;
    expect(kubectl.delete('serviceaccounts', 'default', 'default').ok).toBe(true);
    c.settle();
    const again = c.peek('serviceaccounts', 'default', 'default');
    expect(again?.metadata?.uid).toBeDefined();
    expect(again?.metadata?.uid).not.toBe(oldUid);

    kubectl.patch('configmaps', 'default', 'kube-root-ca.crt', {
      data: { 'ca.crt': 'tampered', extra: 'x' },
      metadata: { labels: { mine: 'yes' } },
    });
    c.settle();
    const cm = c.peek('configmaps', 'default', 'kube-root-ca.crt');
    expect(cm?.data).toEqual({ 'ca.crt': clusterCaCertificate() });
    // Only the data and the description are the publisher's; other metadata stays.
    expect(cm?.metadata?.labels).toEqual({ mine: 'yes' });
  });

  it('deleting a namespace deletes them too, and nothing is made again', () => {
    const { c, kubectl } = cluster();
    kubectl.create('namespaces', undefined, { metadata: { name: 'blue' } });
    c.settle();
    kubectl.create('configmaps', 'blue', { metadata: { name: 'settings' }, data: { a: '1' } });
    kubectl.create('secrets', 'blue', { metadata: { name: 'pw' }, data: { p: 'eA==' } });
    c.settle();
    expect(kubectl.delete('namespaces', undefined, 'blue').ok).toBe(true);
    c.settle();
    expect(c.peek('namespaces', undefined, 'blue')).toBeUndefined();
    for (const r of ['configmaps', 'secrets', 'serviceaccounts'] as const) {
      const list = kubectl.list(r, 'blue');
      expect(list.ok && names(list.value.items)).toEqual([]);
    }
  });

  it('defaults a Secret to type Opaque', () => {
    const { kubectl } = cluster();
    const r = kubectl.create('secrets', 'default', { metadata: { name: 's' } });
    expect(r.ok && r.value.type).toBe('Opaque');
  });
});
