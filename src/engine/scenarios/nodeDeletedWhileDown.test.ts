/**
 * A dead node deleted while its pods wait out their unreachable toleration: the taint-eviction
 * controller only forgets the node's taints; PodGC removes the orphaned pods after its 40 s
 * quarantine, and only then is each pending eviction cancelled (TaintManagerEviction
 * "Cancelling deletion of Pod …").
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';

const EVENTS =
  'kubectl get events --field-selector reason=TaintManagerEviction -o custom-columns=MSG:.message,AT:.firstTimestamp --no-headers';

describe('a dead node deleted', () => {
  it('cancels the pending evictions when PodGC removes the pods, not when the node goes', () => {
    const { run, cluster } = engineSession(3);
    run('kubectl create deployment web --image=nginx --replicas=3');
    run('sleep 20');
    const onNode1 = run('kubectl get pods -o wide --no-headers')
      .out.split('\n')
      .filter((l) => / node1 /.test(l))
      .map((l) => l.split(/ +/)[0]);
    expect(onNode1).toHaveLength(1);
    run('sim stop-node node1');
    run('sleep 70');
    expect(run('kubectl get nodes node1 --no-headers').out).toMatch(/^node1 +NotReady /);
    const deletedAt = cluster.nowEpochMs();
    run('kubectl delete node node1');
    // The node is gone, the eviction is still pending: no event yet.
    expect(run(EVENTS).out).toBe('');
    run('sleep 90');
    expect(run(`kubectl get pod ${onNode1[0]}`).err).toBe(
      `Error from server (NotFound): pods "${onNode1[0]}" not found\n`,
    );
    const [line] = run(EVENTS).out.trim().split('\n');
    expect(line).toMatch(new RegExp(`^Cancelling deletion of Pod default/${onNode1[0]} +\\S+$`));
    const at = Date.parse(line?.split(/ +/).at(-1) ?? '');
    // PodGC's quarantine (40 s) and its 20 s period.
    expect(at - deletedAt).toBeGreaterThanOrEqual(40_000);
    expect(at - deletedAt).toBeLessThanOrEqual(61_000);
    expect(run('kubectl get deploy web --no-headers').out).toMatch(/^web +3\/3 /);
  });
});
