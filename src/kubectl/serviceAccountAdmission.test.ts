/**
 * Audit-10 #15: the ServiceAccount admission plugin refuses a pod whose service account does
 * not exist; a ReplicaSet gets FailedCreate and no pods until the account is created.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('ServiceAccount admission', () => {
  it('refuses a pod naming a missing service account', () => {
    const { run } = engineSession();
    expect(
      run(`kubectl run p1 --image=nginx --overrides='{"spec":{"serviceAccountName":"nope"}}'`),
    ).toEqual({
      out: '',
      err: 'Error from server (Forbidden): pods "p1" is forbidden: error looking up service account default/nope: serviceaccount "nope" not found\n',
      code: 1,
    });
  });

  it('a Deployment whose template names a missing account rolls out once it exists', () => {
    const { run, cluster } = engineSession();
    run('kubectl create deployment web --image=nginx --replicas=2');
    run(
      `kubectl patch deploy web -p '{"spec":{"template":{"spec":{"serviceAccountName":"builder"}}}}'`,
    );
    cluster.advance(20_000);
    const rs = run(`kubectl get rs --sort-by=.metadata.creationTimestamp -o name`).out.split(
      '\n',
    )[1]!;
    const name = rs.split('/')[1]!;
    expect(run(`kubectl get ${rs} -o jsonpath='{.spec.replicas}/{.status.replicas}'`).out).toBe(
      '1/0',
    );
    expect(
      run(
        `kubectl get events --field-selector reason=FailedCreate -o jsonpath='{.items[0].message}'`,
      ).out,
    ).toBe(
      `Error creating: pods "${name}-" is forbidden: error looking up service account default/builder: serviceaccount "builder" not found`,
    );
    expect(run('kubectl get pods --no-headers').out.split('\n').filter(Boolean)).toHaveLength(2);
    run('kubectl create sa builder');
    // Nothing requeues the ReplicaSet when the account appears: its next back-off retry does.
    cluster.advance(300_000);
    expect(run(`kubectl get ${rs} -o jsonpath='{.status.readyReplicas}'`).out).toBe('2');
  });
});
