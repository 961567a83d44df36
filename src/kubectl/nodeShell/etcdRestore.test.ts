/**
 * The CKA's etcd backup-and-restore task end to end on the control-plane node: `etcdctl
 * snapshot save`, `etcdutl snapshot restore --data-dir DIR` (etcd 3.5.16's log lines and data
 * directory), the etcd manifest pointed at DIR, the API server away while etcd restarts, and
 * then the cluster as it was at the snapshot: later objects gone, deleted ones back and running.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../testing/engineSession.ts';
import { refusedPattern } from '../testing/refused.ts';

const ETCD_FLAGS =
  '--endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key';
const DIR = '/var/lib/etcd-from-backup';
const TS = '2026-01-06T\\d\\d:\\d\\d:\\d\\dZ';
const WHERE = (file: string, dir: string) =>
  `\\{"path": "${file}", "wal-dir": "${dir}/member/wal", "data-dir": "${dir}", "snap-dir": "${dir}/member/snap"\\}`;
const RESTORING = (file: string, dir: string) =>
  `${TS}\tinfo\tsnapshot/v3_snapshot\\.go:260\trestoring snapshot\t${WHERE(file, dir)}\n`;
const RESTORED_LINES = (file: string, dir: string) =>
  `${TS}\tinfo\tmembership/store\\.go:141\tTrimming membership information from the backend\\.\\.\\.\n` +
  `${TS}\tinfo\tmembership/cluster\\.go:421\tadded member\t\\{"cluster-id": "cdf818194e3a8c32", "local-member-id": "0", "added-peer-id": "8e9e05c52164694d", "added-peer-peer-urls": \\["http://localhost:2380"\\]\\}\n` +
  `${TS}\tinfo\tsnapshot/v3_snapshot\\.go:287\trestored snapshot\t${WHERE(file, dir)}\n`;
const POINT_AT = (dir: string) =>
  `sed -i 's#path: /var/lib/etcd$#path: ${dir}#' /etc/kubernetes/manifests/etcd.yaml`;
const REFUSED = expect.stringMatching(refusedPattern('172.18.0.2:6443'));

/** A session with deployment a saved in /opt/snapshot.db, then b created and a deleted. */
function afterBackup() {
  const s = engineSession(3);
  const { run } = s;
  run('kubectl create deployment a --image=nginx --replicas=2');
  run('sleep 30');
  run('ssh control-plane');
  expect(run(`ETCDCTL_API=3 etcdctl snapshot save /opt/snapshot.db ${ETCD_FLAGS}`).code).toBe(0);
  run('exit');
  run('kubectl create deployment b --image=nginx --replicas=2');
  run('kubectl delete deployment a');
  run('sleep 30');
  expect(run('kubectl get deploy').out).toMatch(/^NAME +READY.*\nb +2\/2 /);
  return s;
}

describe('etcd backup and restore (CKA)', () => {
  it('restores deployment a and drops b: the whole exam flow', () => {
    const { run, cluster } = afterBackup();
    const revisionBefore = cluster.snapshot().revision;
    run('ssh control-plane');
    const saved = run('cat /opt/snapshot.db').out;
    expect(saved).toMatch(
      /^etcd-snapshot-v3 hash=[0-9a-f]{8} revision=\d+ keys=\d+ size=\d+ id=1\n$/,
    );
    const snapRevision = Number(/revision=(\d+)/.exec(saved)?.[1]);
    const r = run(`etcdutl snapshot restore /opt/snapshot.db --data-dir ${DIR}`);
    expect(r.out).toBe('');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      new RegExp(
        `^${RESTORING('/opt/snapshot.db', DIR)}${RESTORED_LINES('/opt/snapshot.db', DIR)}$`,
      ),
    );
    expect(run(`ls ${DIR} ${DIR}/member ${DIR}/member/snap ${DIR}/member/wal`).out).toBe(
      `${DIR}:\nmember\n\n${DIR}/member:\nsnap  wal\n\n${DIR}/member/snap:\n0000000000000001-0000000000000001.snap  db\n\n${DIR}/member/wal:\n0000000000000000-0000000000000000.wal\n`,
    );
    expect(run(`ls -l ${DIR}/member ${DIR}/member/wal`).out).toMatch(
      /^[^\n]+:\ntotal \d+\ndrwx------ 2 root root {2}4096 \w+ +\d+ \d\d:\d\d snap\ndrwx------ 2 root root {2}4096 \w+ +\d+ \d\d:\d\d wal\n\n[^\n]+:\ntotal \d+\n-rw------- 1 root root 64000000 \w+ +\d+ \d\d:\d\d 0000000000000000-0000000000000000\.wal\n$/,
    );
    // The restored database is a snapshot too: status reads it.
    expect(run(`etcdutl snapshot status ${DIR}/member/snap/db`).out).toMatch(
      new RegExp(`^[0-9a-f]{8}, ${snapRevision}, \\d+, \\d\\.\\d MB, 3\\.5\\.0\\n$`),
    );
    const etcdBefore = run('crictl ps --name etcd -q').out;

    expect(run(POINT_AT(DIR))).toEqual({ out: '', err: '', code: 0 });
    expect(run('grep -A1 "hostPath:" /etc/kubernetes/manifests/etcd.yaml').out).toContain(
      `path: ${DIR}\n`,
    );
    // etcd starts from the snapshot: its revision is the snapshot's again (no --bump-revision).
    expect(cluster.snapshot().revision).toBe(snapRevision);
    expect(snapRevision).toBeLessThan(revisionBefore);
    // etcd restarts: the API server refuses connections until it is back.
    expect(run('kubectl --kubeconfig /etc/kubernetes/admin.conf get deploy')).toEqual({
      out: '',
      err: REFUSED,
      code: 1,
    });
    run('exit');
    run('sleep 60');

    expect(run('kubectl get deploy').out).toMatch(
      /^NAME +READY +UP-TO-DATE +AVAILABLE +AGE\na +2\/2 +2 +2 +\S+\n$/,
    );
    expect(run('kubectl get deploy b').err).toBe(
      'Error from server (NotFound): deployments.apps "b" not found\n',
    );
    const pods = run('kubectl get pods --no-headers').out.trim().split('\n');
    expect(pods).toHaveLength(2);
    for (const p of pods) expect(p).toMatch(/^a-[a-z0-9]+-[a-z0-9]{5} +1\/1 +Running /);
    // a's pods lost their containers when a was deleted: each kubelet makes them again.
    const events = run(
      'kubectl get events --field-selector reason=SandboxChanged -o custom-columns=OBJ:.involvedObject.name,MSG:.message --no-headers',
    ).out;
    expect(events.trim().split('\n').sort()).toEqual(
      pods
        .map((p) => `${p.split(/ +/)[0]}   Pod sandbox changed, it will be killed and re-created.`)
        .sort(),
    );
    // b's pods are gone from the nodes too.
    for (const node of ['node1', 'node2', 'node3']) {
      const ps = run(`ssh ${node} crictl ps`).out;
      expect(ps).not.toMatch(/ b-[a-z0-9]+-[a-z0-9]{5} /);
    }
    const a = run('ssh node1 crictl ps').out + run('ssh node3 crictl ps').out;
    expect(a.match(/ nginx +1 +[0-9a-f]{13} +a-/g)).toHaveLength(2);

    // etcd runs in a new container, its static pod made from the changed manifest.
    run('ssh control-plane');
    const etcdAfter = run('crictl ps --name etcd -q').out;
    expect(etcdAfter).toMatch(/^[0-9a-f]{64}\n$/);
    expect(etcdAfter).not.toBe(etcdBefore);
    // The data etcd left behind stays in its old directory.
    expect(run('ls /var/lib/etcd/member/snap').out).toBe('db\n');
    run('exit');
    expect(
      run(
        `kubectl get pod -n kube-system etcd-control-plane -o jsonpath='{.spec.volumes[?(@.name=="etcd-data")].hostPath.path}'`,
      ).out,
    ).toBe(DIR);
    expect(cluster.errors).toEqual([]);
  });

  it('etcdctl snapshot restore says it is deprecated first, then restores the same way', () => {
    const { run } = afterBackup();
    run('ssh control-plane');
    const r = run(
      `ETCDCTL_API=3 etcdctl snapshot restore /opt/snapshot.db --data-dir=${DIR} ${ETCD_FLAGS}`,
    );
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      new RegExp(
        `^Deprecated: Use \`etcdutl snapshot restore\` instead\\.\n\n${RESTORING('/opt/snapshot.db', DIR)}${RESTORED_LINES('/opt/snapshot.db', DIR)}$`,
      ),
    );
  });

  it('the usual alternative: --data-dir, mountPath and hostPath all changed by one sed', () => {
    const { run } = afterBackup();
    run('ssh control-plane');
    run(`etcdutl snapshot restore /opt/snapshot.db --data-dir ${DIR}`);
    expect(run(`sed -i 's#/var/lib/etcd#${DIR}#g' /etc/kubernetes/manifests/etcd.yaml`)).toEqual({
      out: '',
      err: '',
      code: 0,
    });
    expect(run('grep -c etcd-from-backup /etc/kubernetes/manifests/etcd.yaml').out).toBe('3\n');
    run('exit');
    run('sleep 60');
    expect(run('kubectl get deploy -o name').out).toBe('deployment.apps/a\n');
  });

  it('a whole new manifest copied over etcd.yaml with cp does the same', () => {
    const { run } = afterBackup();
    run('ssh control-plane');
    run(`etcdutl snapshot restore /opt/snapshot.db --data-dir ${DIR}`);
    run(
      `sed 's#path: /var/lib/etcd$#path: ${DIR}#' /etc/kubernetes/manifests/etcd.yaml > /tmp/etcd.yaml`,
    );
    expect(run('cp /tmp/etcd.yaml /etc/kubernetes/manifests/etcd.yaml')).toEqual({
      out: '',
      err: '',
      code: 0,
    });
    run('exit');
    run('sleep 60');
    expect(run('kubectl get deploy -o name').out).toBe('deployment.apps/a\n');
  });

  it("etcd's errors: a data directory in use, a missing file, a file that is no snapshot", () => {
    const { run } = afterBackup();
    run('ssh control-plane');
    expect(run('etcdutl snapshot restore /opt/snapshot.db --data-dir /var/lib/etcd')).toEqual({
      out: '',
      err: 'Error: data-dir "/var/lib/etcd" not empty or could not be read\n',
      code: 1,
    });
    const missing = run(`etcdutl snapshot restore /opt/nope.db --data-dir ${DIR}`);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(
      new RegExp(
        `^${RESTORING('/opt/nope.db', DIR)}Error: open /opt/nope\\.db: no such file or directory\n$`,
      ),
    );
    // Nothing was written: the directory is still free.
    expect(run(`ls ${DIR}`).err).toBe(`ls: cannot access '${DIR}': No such file or directory\n`);
    const short = run(`etcdutl snapshot restore /etc/hostname --data-dir ${DIR}`);
    expect(short.err).toMatch(
      new RegExp(
        `^${RESTORING('/etc/hostname', DIR)}Error: seek /etc/hostname: invalid argument\n$`,
      ),
    );
    // A longer file is copied before its hash is looked for: the database stays behind.
    const conf = run(`etcdutl snapshot restore /etc/kubernetes/admin.conf --data-dir ${DIR}`);
    expect(conf.err).toMatch(
      new RegExp(
        `^${RESTORING('/etc/kubernetes/admin.conf', DIR)}Error: snapshot missing hash but --skip-hash-check=false\n$`,
      ),
    );
    expect(run(`ls ${DIR}/member/snap`).out).toBe('db\n');
    expect(run(`etcdutl snapshot restore /opt/snapshot.db --data-dir ${DIR}`)).toEqual({
      out: '',
      err: `Error: data-dir "${DIR}" not empty or could not be read\n`,
      code: 1,
    });
  });

  it('without --data-dir: default.etcd in the working directory; argument and flag errors', () => {
    const { run } = afterBackup();
    run('ssh control-plane');
    const r = run('etcdutl snapshot restore /opt/snapshot.db');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(new RegExp(`^${RESTORING('/opt/snapshot.db', 'default.etcd')}`));
    expect(run('ls /root/default.etcd/member').out).toBe('snap  wal\n');
    expect(run('etcdutl snapshot restore')).toEqual({
      out: '',
      err: 'Error: snapshot restore requires exactly one argument\n',
      code: 128,
    });
    expect(run('etcdutl snapshot restore /opt/snapshot.db --data-dir /x --name cp')).toEqual({
      out: '',
      err: 'Error: couldn\'t find local name "cp" in the initial cluster configuration\n',
      code: 1,
    });
    // etcdutl has no client flags; etcdctl takes them and does not use them.
    expect(run(`etcdutl snapshot restore /opt/snapshot.db --data-dir /x ${ETCD_FLAGS}`)).toEqual({
      out: '',
      err: 'Error: unknown flag: --endpoints\n',
      code: 1,
    });
    expect(run('etcdutl snapshot restore /opt/snapshot.db --data-dir /x --verbose').err).toBe(
      'Error: unknown flag: --verbose\n',
    );
    expect(
      run('etcdutl snapshot restore /opt/snapshot.db --data-dir /x --bump-revision 1000'),
    ).toEqual({
      out: '',
      err: 'Error: --mark-compacted required if --revision-bump > 0\n',
      code: 128,
    });
  });

  it('names the member from --name, --initial-cluster and its token, as etcd hashes them', () => {
    const { run } = afterBackup();
    run('ssh control-plane');
    const r = run(
      `etcdutl snapshot restore /opt/snapshot.db --data-dir ${DIR} --name control-plane --initial-cluster control-plane=https://172.18.0.2:2380 --initial-advertise-peer-urls https://172.18.0.2:2380`,
    );
    expect(r.code).toBe(0);
    const added = /added member\t(\{.*\})\n/.exec(r.err)?.[1] ?? '';
    const fields = JSON.parse(added) as Record<string, unknown>;
    expect(fields['added-peer-peer-urls']).toEqual(['https://172.18.0.2:2380']);
    // Not the default member's IDs: they are hashed from the peer URLs and the token.
    expect(fields['added-peer-id']).toMatch(/^[0-9a-f]{1,16}$/);
    expect(fields['added-peer-id']).not.toBe('8e9e05c52164694d');
    expect(fields['cluster-id']).not.toBe('cdf818194e3a8c32');
  });

  it('--bump-revision --mark-compacted: the revision goes on from the snapshot’s plus the bump', () => {
    const { run } = afterBackup();
    run('ssh control-plane');
    const snapRevision = Number(/revision=(\d+)/.exec(run('cat /opt/snapshot.db').out)?.[1]);
    run(
      `etcdutl snapshot restore /opt/snapshot.db --data-dir ${DIR} --bump-revision 1000000 --mark-compacted`,
    );
    run(POINT_AT(DIR));
    run('exit');
    run('sleep 60');
    run('kubectl create configmap after');
    const rv = Number(run('kubectl get cm after -o jsonpath={.metadata.resourceVersion}').out);
    expect(rv).toBeGreaterThan(snapRevision + 1_000_000);
    expect(rv).toBeLessThan(snapRevision + 1_001_000);
  });

  it('refuses a data directory without a restored member, and other changes to etcd.yaml', () => {
    const { run } = afterBackup();
    run('ssh control-plane');
    run('mkdir -p /var/lib/etcd-empty');
    expect(run(POINT_AT('/var/lib/etcd-empty'))).toEqual({
      out: '',
      err: 'sed: /etc/kubernetes/manifests/etcd.yaml: this console does not simulate starting etcd on /var/lib/etcd-empty, which holds no restored member (etcd would start a new, empty cluster there; restore one with etcdutl snapshot restore FILE --data-dir /var/lib/etcd-empty)\n',
      code: 4,
    });
    expect(
      run(
        "sed -i 's/--snapshot-count=10000/--snapshot-count=5000/' /etc/kubernetes/manifests/etcd.yaml",
      ).err,
    ).toBe(
      "sed: /etc/kubernetes/manifests/etcd.yaml: this console does not simulate changing etcd's manifest beyond where its data is (the etcd-data volume's hostPath, or --data-dir with the volume's mountPath)\n",
    );
    run(
      `sed 's#path: /var/lib/etcd$#path: ${DIR}#' /etc/kubernetes/manifests/etcd.yaml > /tmp/etcd.yaml`,
    );
    expect(run('cat /tmp/etcd.yaml > /etc/kubernetes/manifests/etcd.yaml').err).toBe(
      "bash: /etc/kubernetes/manifests/etcd.yaml: this console does not simulate emptying etcd's manifest (a redirection does that before it writes: copy the whole new file over it with cp, or edit it with sed -i)\n",
    );
    // Nothing changed: the API server answers, b is still there.
    run('exit');
    expect(run('kubectl get deploy -o name').out).toBe('deployment.apps/b\n');
  });

  it('going back: etcd pointed at /var/lib/etcd again finds the data it left there', () => {
    const { run } = afterBackup();
    run('ssh control-plane');
    run(`etcdutl snapshot restore /opt/snapshot.db --data-dir ${DIR}`);
    run(POINT_AT(DIR));
    run('exit');
    run('sleep 60');
    expect(run('kubectl get deploy -o name').out).toBe('deployment.apps/a\n');
    run('ssh control-plane');
    // A data directory's database has no hash at its end: restoring it needs --skip-hash-check.
    const db = '/var/lib/etcd/member/snap/db';
    expect(run(`etcdutl snapshot restore ${db} --data-dir /var/lib/etcd-copy`).err).toMatch(
      /\nError: snapshot missing hash but --skip-hash-check=false\n$/,
    );
    expect(
      run(`etcdutl snapshot restore ${db} --data-dir /var/lib/etcd-copy2 --skip-hash-check`).code,
    ).toBe(0);
    expect(run('etcdutl snapshot status /var/lib/etcd-copy2/member/snap/db').code).toBe(0);
    expect(
      run(`sed -i 's#path: ${DIR}$#path: /var/lib/etcd#' /etc/kubernetes/manifests/etcd.yaml`),
    ).toEqual({ out: '', err: '', code: 0 });
    run('exit');
    run('sleep 60');
    expect(run('kubectl get deploy -o name').out).toBe('deployment.apps/b\n');
    expect(run('kubectl get pods --no-headers').out).toMatch(
      /^b-\S+ +1\/1 +Running .*\nb-\S+ +1\/1 +Running /,
    );
  });
});
