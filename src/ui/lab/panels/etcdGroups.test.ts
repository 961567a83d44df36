import { describe, expect, it } from 'vitest';
import { createLabSession } from '../../../lab/session.ts';
import { groupEtcdKeys } from './etcdGroups.ts';

describe('groupEtcdKeys', () => {
  it('groups the live lab’s keys by the API server’s prefixes (nodes are minions)', () => {
    const etcd = createLabSession().state().etcd;
    const groups = groupEtcdKeys(etcd.keys, new Set());
    const byPrefix = new Map(groups.map((g) => [g.prefix, g]));
    expect(byPrefix.get('/registry/minions')?.kind).toBe('Node');
    expect(byPrefix.get('/registry/minions')?.keys.map((k) => k.name)).toContain('node1');
    const pods = byPrefix.get('/registry/pods');
    expect(pods?.kind).toBe('Pod');
    expect(pods?.keys.some((k) => k.namespace === 'kube-system')).toBe(true);
    // Every listed key is in exactly one group, and the groups are in prefix order.
    expect(groups.reduce((n, g) => n + g.keys.length, 0)).toBe(etcd.keys.length);
    const prefixes = groups.map((g) => g.prefix);
    expect(prefixes).toEqual([...prefixes].sort());
  });

  it('splits two-segment prefixes and namespaces, and flags the keys the step wrote', () => {
    const keys = [
      { key: '/registry/services/specs/default/kubernetes', modRevision: 12 },
      { key: '/registry/services/endpoints/default/kubernetes', modRevision: 13 },
      { key: '/registry/namespaces/blue', modRevision: 901 },
      { key: '/registry/pods/blue/nginx', modRevision: 905 },
      { key: '/registry/apiregistration.k8s.io/apiservices/v1.apps', modRevision: 3 },
    ];
    const groups = groupEtcdKeys(
      keys,
      new Set(['/registry/namespaces/blue', '/registry/pods/blue/nginx']),
    );
    expect(
      groups.map((g) => [
        g.prefix,
        g.kind,
        g.changed,
        g.keys.map((k) => `${k.namespace ?? ''}|${k.name}|${k.changed}`),
      ]),
    ).toEqual([
      ['/registry/apiregistration.k8s.io', undefined, 0, ['|apiservices/v1.apps|false']],
      ['/registry/namespaces', 'Namespace', 1, ['|blue|true']],
      ['/registry/pods', 'Pod', 1, ['blue|nginx|true']],
      ['/registry/services/endpoints', 'Endpoints', 0, ['default|kubernetes|false']],
      ['/registry/services/specs', 'Service', 0, ['default|kubernetes|false']],
    ]);
  });
});
