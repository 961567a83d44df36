/**
 * Audit 11 A8: kube-scheduler records through the events.k8s.io/v1 recorder, so its Events,
 * read through core/v1, carry eventTime and no deprecated fields; kubectl shows them so.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('scheduler events (events.k8s.io)', () => {
  it('have eventTime, null first/lastTimestamp, no count, an empty source', () => {
    const { run } = engineSession(3);
    run('kubectl run a --image=nginx');
    const yaml = run('kubectl get events --field-selector reason=Scheduled -o yaml').out.replace(
      /\n {4}(resourceVersion|uid|name): .*/g,
      '\n    $1: X',
    );
    expect(yaml).toMatch(
      /^apiVersion: v1\nitems:\n- action: Binding\n {2}apiVersion: v1\n {2}eventTime: "2026-01-06T00:00:\d\d\.\d{6}Z"\n {2}firstTimestamp: null\n {2}involvedObject:\n/,
    );
    expect(yaml).toContain(
      '  kind: Event\n  lastTimestamp: null\n  message: Successfully assigned default/a to node',
    );
    expect(yaml).toContain(
      '  reason: Scheduled\n  reportingComponent: default-scheduler\n  reportingInstance: default-scheduler-control-plane\n  source: {}\n  type: Normal\n',
    );
    expect(yaml).not.toContain('count:');
    expect(
      run(
        'kubectl get events -o custom-columns=R:.reason,LT:.lastTimestamp,SRC:.source.component,RC:.reportingComponent --field-selector reason=Scheduled --no-headers',
      ).out,
    ).toBe('Scheduled   <nil>   <none>   default-scheduler\n');
    const wide = run('kubectl get events -o wide --field-selector reason=Scheduled').out;
    expect(wide.split('\n')[1]).toMatch(
      /^\S+ +Normal +Scheduled +pod\/a +default-scheduler, default-scheduler-control-plane +Successfully assigned default\/a to node\d +\S+ +1 +a\.[0-9a-f]+ *$/,
    );
  });

  it('--sort-by=.lastTimestamp puts them first (null sorts first)', () => {
    const { run, cluster } = engineSession(3);
    run('kubectl run a --image=nginx');
    cluster.advance(60_000);
    run('kubectl run b --image=nginx');
    const reasons = run(
      "kubectl get events --sort-by=.lastTimestamp -o jsonpath='{range .items[*]}{.involvedObject.name}/{.reason} {end}'",
    ).out.trim();
    expect(reasons.split(' ').slice(0, 2)).toEqual(['a/Scheduled', 'b/Scheduled']);
    expect(reasons.split(' ').slice(2, 4)).toEqual(['a/Pulling', 'a/Pulled']);
  });

  it('describe shows a repeated FailedScheduling as a series', () => {
    const { run, cluster } = engineSession(3);
    run(
      `kubectl run big --image=nginx --overrides='{"spec":{"containers":[{"name":"big","image":"nginx","resources":{"requests":{"cpu":"3"}}}]}}'`,
    );
    // Attempts at 0 s, ~5.5 min and ~11 min; the first refers to the pod before its
    // PodScheduled=False write, the other two make one Event with a series of 2.
    cluster.advance(12 * 60_000);
    const msg =
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.';
    const events = run('kubectl describe pod big').out.split('Events:\n')[1];
    expect(events).toBe(
      [
        '  Type     Reason            Age                  From               Message',
        '  ----     ------            ----                 ----               -------',
        `  Warning  FailedScheduling  12m                  default-scheduler  ${msg}`,
        `  Warning  FailedScheduling  85s (x2 over 6m55s)  default-scheduler  ${msg}`,
        '',
      ].join('\n'),
    );
  });
});
