/**
 * kube-scheduler and kube-controller-manager take their leader-election leases again when
 * they start anew: a new holder, one more transition, and a LeaderElection event.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';

const EVENTS =
  'kubectl get events -n kube-system --field-selector reason=LeaderElection -o custom-columns=OBJ:.involvedObject.name,SRC:.source.component,MSG:.message --no-headers';
const HOLDER =
  /^control-plane_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const lease = (run: (l: string) => { out: string }, name: string) =>
  JSON.parse(run(`kubectl get lease -n kube-system ${name} -o json`).out).spec as {
    holderIdentity: string;
    leaseTransitions: number;
    acquireTime: string;
  };

describe('leader election after a restart', () => {
  it('nothing at the first start; after a reboot both leases change hands with an event', () => {
    const { run } = engineSession(3);
    expect(run(EVENTS).out).toBe('');
    const before = lease(run, 'kube-scheduler');
    expect(before.leaseTransitions).toBe(0);

    run('sim stop-node control-plane');
    run('sleep 1m');
    run('sim start-node control-plane');
    run('sleep 20');
    const scheduler = lease(run, 'kube-scheduler');
    const cm = lease(run, 'kube-controller-manager');
    expect(scheduler.holderIdentity).toMatch(HOLDER);
    expect(scheduler.holderIdentity).not.toBe(before.holderIdentity);
    expect(scheduler.leaseTransitions).toBe(1);
    expect(cm.leaseTransitions).toBe(1);
    expect(run(EVENTS).out.trim().split('\n')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^kube-controller-manager +kube-controller-manager +${cm.holderIdentity} became leader$`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^kube-scheduler +default-scheduler +${scheduler.holderIdentity} became leader$`,
        ),
      ),
    ]);
  });

  it("the scheduler's manifest moved away and back: only the scheduler takes its lease again", () => {
    const { run } = engineSession(3);
    run('ssh control-plane mv /etc/kubernetes/manifests/kube-scheduler.yaml /root/');
    run('ssh control-plane mv /root/kube-scheduler.yaml /etc/kubernetes/manifests/');
    run('sleep 20');
    expect(lease(run, 'kube-scheduler').leaseTransitions).toBe(1);
    expect(lease(run, 'kube-controller-manager').leaseTransitions).toBe(0);
    expect(run(EVENTS).out).toMatch(
      /^kube-scheduler +default-scheduler +control-plane_\S+ became leader\n$/,
    );
  });
});
