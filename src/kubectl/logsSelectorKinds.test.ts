/**
 * `kubectl logs|exec TYPE/NAME` for kinds without pods (audit 13 C8): SelectorsForObject knows
 * Deployments, ReplicaSets, ReplicationControllers, StatefulSets, DaemonSets, Jobs and Services;
 * any other kind is `selector for %T not implemented`, wrapped by LogsForObject
 * (`cannot get the logs from %T`) or AttachablePodForObject (`cannot attach to %T`).
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl logs / exec of a kind with no pods', () => {
  it('logs of a node, a ConfigMap, a namespace or a CronJob is refused, not some pod', () => {
    const { run } = engineSession(3);
    run('kubectl run t --image=busybox:1.36 -- sh -c "echo hi; sleep 3600"');
    expect(run('kubectl logs node/node1')).toEqual({
      out: '',
      err: 'error: cannot get the logs from *v1.Node: selector for *v1.Node not implemented\n',
      code: 1,
    });
    expect(run('kubectl logs nodes/control-plane').err).toBe(
      'error: cannot get the logs from *v1.Node: selector for *v1.Node not implemented\n',
    );
    expect(run('kubectl logs cm/kube-root-ca.crt').err).toBe(
      'error: cannot get the logs from *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n',
    );
    expect(run('kubectl logs ns/default').err).toBe(
      'error: cannot get the logs from *v1.Namespace: selector for *v1.Namespace not implemented\n',
    );
    run('kubectl create cronjob cj --image=busybox:1.36 --schedule="*/5 * * * *" -- date');
    expect(run('kubectl logs cronjob/cj').err).toBe(
      'error: cannot get the logs from *v1.CronJob: selector for *v1.CronJob not implemented\n',
    );
    // A missing object is still NotFound first.
    expect(run('kubectl logs node/nope').err).toBe(
      'error: error from server (NotFound): nodes "nope" not found in namespace "default"\n',
    );
    expect(run('kubectl logs t').out).toBe('hi\n');
  });

  it('exec into a node, a ConfigMap or a selector-less Service says "cannot attach to"', () => {
    const { run } = engineSession(3);
    run('kubectl run bb --image=busybox:1.36 -- sleep 3600');
    expect(run('kubectl exec node/node1 -- hostname')).toEqual({
      out: '',
      err: 'error: cannot attach to *v1.Node: selector for *v1.Node not implemented\n',
      code: 1,
    });
    expect(run('kubectl exec cm/kube-root-ca.crt -- hostname').err).toBe(
      'error: cannot attach to *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n',
    );
    expect(run('kubectl exec svc/kubernetes -- ls').err).toBe(
      "error: cannot attach to *v1.Service: invalid service 'kubernetes': Service is defined without a selector\n",
    );
    expect(run('kubectl exec bb -- hostname').out).toBe('bb\n');
  });
});
