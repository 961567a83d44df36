/**
 * etcd started again from a snapshot (the restore's engine side): the store and its revision
 * are the snapshot's, its leases live on from the restart, and a cluster whose etcd manifest
 * moved to a restored data directory replays identically from its inputs.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';
import { replay } from '../cluster.ts';
import { etcdHostDataDir, readSnapshotFile, snapshotFileText } from './backup.ts';
import { Etcd } from './etcd.ts';

const groupOf = (key: string) => key.split('/').slice(0, 3).join('/');

describe('Etcd.restore', () => {
  it('puts back the keys and the revision of a snapshot; later writes go on from there', () => {
    const etcd = new Etcd<number>(groupOf);
    etcd.put('/registry/pods/default/a', 1);
    etcd.put('/registry/pods/default/b', 2);
    const snap = etcd.snapshot();
    etcd.delete('/registry/pods/default/a');
    etcd.put('/registry/pods/default/c', 3);
    etcd.put('/registry/minions/node1', 4);
    expect(etcd.revision).toBe(5);
    etcd.restore(snap, []);
    expect(etcd.revision).toBe(2);
    expect(etcd.range('/registry/').map((kv) => [kv.key, kv.value, kv.modRevision])).toEqual([
      ['/registry/pods/default/a', 1, 1],
      ['/registry/pods/default/b', 2, 2],
    ]);
    expect(etcd.put('/registry/pods/default/d', 5)?.modRevision).toBe(3);
    // The snapshot itself is untouched by the writes after the restore.
    expect(snap.groups.get('/registry/pods')?.has('/registry/pods/default/d')).toBe(false);
  });

  it('--bump-revision: the revision starts that much higher', () => {
    const etcd = new Etcd<number>(groupOf);
    etcd.put('/registry/pods/default/a', 1);
    const snap = etcd.snapshot();
    etcd.restore(snap, [], 1000);
    expect(etcd.revision).toBe(1001);
    expect(etcd.put('/registry/pods/default/a', 2)?.modRevision).toBe(1002);
  });

  it("keeps the snapshot's leases from the restart for their TTL; later leases are gone", () => {
    let now = 0;
    const etcd = new Etcd<number>(groupOf, { now: () => now });
    const l1 = etcd.grant(60);
    etcd.put('/registry/events/default/e1', 1, undefined, undefined, l1.id);
    const snap = etcd.snapshot();
    const leases = etcd.leaseTable();
    const l2 = etcd.grant(60);
    etcd.put('/registry/events/default/e2', 2, undefined, undefined, l2.id);
    now = 50_000;
    etcd.restore(snap, leases);
    expect(etcd.lease(l2.id)).toBeUndefined();
    expect(etcd.lease(l1.id)).toEqual({
      id: l1.id,
      ttl: 60,
      expiresAt: 110_000,
      keys: ['/registry/events/default/e1'],
    });
    now = 70_000;
    etcd.expireLeases();
    expect(etcd.get('/registry/events/default/e1')?.value).toBe(1);
    now = 110_000;
    etcd.expireLeases();
    expect(etcd.get('/registry/events/default/e1')).toBeUndefined();
    expect(etcd.leaseCount).toBe(0);
  });
});

describe('snapshot files and the data directory of a manifest', () => {
  it('reads back what it writes, with and without the kept contents’ id', () => {
    expect(readSnapshotFile(snapshotFileText(319, 244, 3))).toEqual({
      hash: expect.stringMatching(/^[0-9a-f]{8}$/),
      revision: 319,
      keys: 244,
      size: 2_150_000 + 244 * 4_608,
      id: 3,
    });
    expect(readSnapshotFile(snapshotFileText(5, 1, undefined))?.id).toBeUndefined();
    expect(readSnapshotFile('not a snapshot\n')).toBeUndefined();
  });

  it('is the hostPath under --data-dir: moved by the volume, or by flag and mount together', () => {
    const manifest = (dataDir: string, mountPath: string, hostPath: string) =>
      `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: etcd\n    command:\n    - etcd\n    - --data-dir=${dataDir}\n    volumeMounts:\n    - mountPath: ${mountPath}\n      name: etcd-data\n  volumes:\n  - hostPath:\n      path: ${hostPath}\n    name: etcd-data\n`;
    expect(etcdHostDataDir(manifest('/var/lib/etcd', '/var/lib/etcd', '/var/lib/etcd'))).toBe(
      '/var/lib/etcd',
    );
    expect(etcdHostDataDir(manifest('/var/lib/etcd', '/var/lib/etcd', '/var/lib/etcd-new'))).toBe(
      '/var/lib/etcd-new',
    );
    expect(
      etcdHostDataDir(manifest('/var/lib/etcd-new', '/var/lib/etcd-new', '/var/lib/etcd-new')),
    ).toBe('/var/lib/etcd-new');
    // The flag alone: the mount still holds the old directory, etcd's data is not on it.
    expect(
      etcdHostDataDir(manifest('/var/lib/etcd-new', '/var/lib/etcd', '/var/lib/etcd')),
    ).toBeUndefined();
    expect(etcdHostDataDir(manifest('/var/lib/etcd/data', '/var/lib/etcd', '/srv/etcd'))).toBe(
      '/srv/etcd/data',
    );
  });
});

describe('a cluster restored from a snapshot', () => {
  it('is deterministic: replaying its inputs rebuilds the same log', () => {
    const script = (s: ReturnType<typeof engineSession>) => {
      s.run('kubectl create deployment a --image=nginx');
      s.run('ssh control-plane');
      s.run(
        'etcdctl snapshot save /opt/s.db --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key',
      );
      s.run('kubectl --kubeconfig /etc/kubernetes/admin.conf delete deployment a');
      s.run('etcdutl snapshot restore /opt/s.db --data-dir /var/lib/etcd-restored');
      s.run(
        "sed -i 's#path: /var/lib/etcd$#path: /var/lib/etcd-restored#' /etc/kubernetes/manifests/etcd.yaml",
      );
      s.run('exit');
      s.run('sleep 60');
      return s.cluster;
    };
    const a = script(engineSession(7));
    expect(a.etcdDataDir()).toBe('/var/lib/etcd-restored');
    expect(a.peek('deployments', 'default', 'a')).toBeDefined();
    const b = script(engineSession(7));
    const log = (c: typeof a) => c.messages.map((m) => `${m.at} ${m.from}>${m.to} ${m.label}`);
    expect(log(b)).toEqual(log(a));
    const r = replay(a.inputs, { seed: 7 });
    r.runUntil(() => r.messages.length >= a.messages.length, 60 * 60_000);
    expect(log(r).slice(0, a.messages.length)).toEqual(log(a));
    expect(r.etcdDataDir()).toBe('/var/lib/etcd-restored');
  });
});
