/**
 * `kubectl delete`'s flag rules (delete.go Complete and Validate): --now is a grace period of
 * 1 and cannot be combined with --grace-period; --grace-period=0 without --force becomes 1;
 * --force with a positive grace period, --all with a selector (the builder's error) and -o other
 * than name are refused before anything is deleted.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const refused = (err: string) => ({ out: '', err: `error: ${err}\n`, code: 1 });

describe('kubectl delete flag validation', () => {
  it('refuses combinations kubectl refuses, and deletes nothing', () => {
    const { run } = engineSession(3);
    run('kubectl create deployment web --image=nginx --replicas=2');
    run('kubectl run p --image=nginx');
    expect(run('kubectl delete pod p --grace-period=5 --force')).toEqual(
      refused('--force and --grace-period greater than 0 cannot be specified together'),
    );
    expect(run('kubectl delete pod p --now --grace-period=3')).toEqual(
      refused('--now and --grace-period cannot be specified together'),
    );
    // The builder's SelectAllParam (in Complete), as the real kubectl 1.32 says it, trailing
    // space and all: Validate's own "cannot set --all and --selector" never gets a say.
    expect(run('kubectl delete pods --all -l app=web')).toEqual(
      refused("setting 'all' parameter but found a non empty selector. "),
    );
    expect(run('kubectl delete pods --all --field-selector=status.phase=Running')).toEqual(
      refused("setting 'all' parameter but found a non empty selector. "),
    );
    expect(run('kubectl delete pod p -o wide')).toEqual(
      refused("unexpected -o output mode: wide. We only support '-o name'"),
    );
    // The builder's complaint comes first (Complete runs before Validate).
    expect(run('kubectl delete pods -o yaml')).toEqual(
      refused('resource(s) were provided, but no name was specified'),
    );
    expect(run('kubectl get pods --no-headers').out.split('\n').filter(Boolean)).toHaveLength(3);
  });

  it('--grace-period=0 without --force is a graceful delete of 1 second, not a forced one', () => {
    const { run, cluster } = engineSession(3);
    run('kubectl run p --image=nginx');
    const before = cluster.messages.length;
    expect(run('kubectl delete pod p --grace-period=0')).toEqual({
      out: 'pod "p" deleted\n',
      err: '',
      code: 0,
    });
    const del = cluster.messages
      .slice(before)
      .find((m) => m.kind === 'api.delete' && m.from === 'kubectl');
    expect(del?.ref?.name).toBe('p');
    // The API server stored a deletionTimestamp (a graceful delete) before the kubelet removed it.
    const put = cluster.messages
      .slice(before)
      .find((m) => m.kind === 'etcd.put' && m.ref?.resource === 'pods' && m.ref.name === 'p');
    expect(put).toBeDefined();
  });

  it('--force alone is grace 0: a warning first, then "force deleted"', () => {
    const { run } = engineSession(3);
    run('kubectl run p --image=nginx');
    expect(run('kubectl delete pod p --force')).toEqual({
      out: 'pod "p" force deleted\n',
      err: 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
      code: 0,
    });
  });
});
