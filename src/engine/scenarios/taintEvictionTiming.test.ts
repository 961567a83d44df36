/**
 * NoExecute `tolerationSeconds` per pod (audit 17 H8), as 1.32's taint-eviction controller
 * (`processPodOnNode`) counts it: from when the controller processes the pod on the tainted
 * node — when the taint is added for the pods already there, when the pod arrives for one
 * placed on a node tainted long before. A Deployment tolerating a NoExecute taint for 60 s
 * therefore churns slowly (each pod on the tainted node lives 60 s), never in a loop.
 */
import { describe, expect, it } from 'vitest';
import { runAction } from '../../cli/actions.ts';
import { hostForCluster } from '../../kubectl/engineHost.ts';
import { runLine } from '../../kubectl/shell.ts';
import type { KubeObject } from '../api/types.ts';
import { createCluster } from '../cluster.ts';
import { parseTimestamp } from '../util/clock.ts';

/** A cluster driven line by line, the clock moving only when the test moves it. */
function lab() {
  const cluster = createCluster({ seed: 1 });
  cluster.settle();
  const host = hostForCluster(cluster);
  const sh = (line: string) => {
    const r = runAction(cluster, line) ?? runLine(host, line);
    return { out: r.stdout, err: r.stderr, code: r.exitCode };
  };
  const pod = (name: string) => cluster.peek('pods', 'default', name);
  /** Whether the pod is being deleted (or gone). */
  const deleting = (name: string) => {
    const p = pod(name);
    return !p || p.metadata?.deletionTimestamp !== undefined;
  };
  /** `reason message` of the TaintManagerEviction events about `name`, oldest first. */
  const evictions = (name: string) =>
    cluster
      .snapshot()
      .list('events', 'default')
      .filter(
        (e) =>
          e.reason === 'TaintManagerEviction' &&
          (e.involvedObject as { name: string }).name === name,
      )
      .map((e) => `${e.type} ${e.reason} ${e.message}`);
  return { cluster, sh, pod, deleting, evictions };
}

const tolerating = (name: string, node: string, seconds: number) =>
  `kubectl run ${name} --image=nginx --overrides='{"spec":{"nodeName":"${node}","tolerations":[{"key":"maint","operator":"Exists","effect":"NoExecute","tolerationSeconds":${seconds}}]}}'`;

const created = (p: KubeObject | undefined) => parseTimestamp(p!.metadata!.creationTimestamp!);

describe('NoExecute tolerationSeconds counts per pod', () => {
  it('a pod placed on a node tainted 120 s before stays its 60 s, then is marked for deletion', () => {
    const { cluster, sh, pod, deleting, evictions } = lab();
    expect(sh('kubectl taint node node1 maint=true:NoExecute').out).toBe('node/node1 tainted\n');
    cluster.advance(120_000);
    expect(sh(tolerating('p', 'node1', 60)).out).toBe('pod/p created\n');
    const t0 = cluster.now();
    // Created now (the taint is 120 s old, which used to have it evicted at once).
    expect(t0 - created(pod('p'))).toBeLessThan(1000);
    cluster.advance(59_990);
    expect(pod('p')?.status).toMatchObject({ phase: 'Running' });
    expect(deleting('p')).toBe(false);
    expect(evictions('p')).toEqual([]);
    expect(cluster.runUntil(() => deleting('p'), 60_000)).toBe(true);
    // Processed on the watch event of its creation (a few virtual ms), deleted 60 s later.
    expect(cluster.now() - t0).toBeGreaterThanOrEqual(60_000);
    expect(cluster.now() - t0).toBeLessThan(60_010);
    expect(evictions('p')).toEqual([
      'Normal TaintManagerEviction Marking for deletion Pod default/p',
    ]);
    expect(pod('p')?.status).toMatchObject({
      conditions: expect.arrayContaining([
        expect.objectContaining({
          type: 'DisruptionTarget',
          status: 'True',
          reason: 'DeletionByTaintManager',
          message: 'Taint manager: deleting due to NoExecute taint',
        }),
      ]),
    });
    expect(cluster.errors).toEqual([]);
  });

  it('the smallest tolerationSeconds of the matching tolerations wins; forever is never evicted', () => {
    const { cluster, sh, deleting, evictions } = lab();
    sh('kubectl taint node node1 maint=true:NoExecute extra=x:NoExecute');
    cluster.advance(30_000);
    sh(
      `kubectl run two --image=nginx --overrides='{"spec":{"nodeName":"node1","tolerations":[{"key":"maint","operator":"Exists","effect":"NoExecute","tolerationSeconds":90},{"key":"extra","operator":"Exists","effect":"NoExecute","tolerationSeconds":40},{"operator":"Exists","effect":"NoExecute","tolerationSeconds":500}]}}'`,
    );
    sh(
      `kubectl run forever --image=nginx --overrides='{"spec":{"nodeName":"node1","tolerations":[{"operator":"Exists","effect":"NoExecute"}]}}'`,
    );
    const t0 = cluster.now();
    expect(cluster.runUntil(() => deleting('two'), 120_000)).toBe(true);
    expect(cluster.now() - t0).toBeGreaterThanOrEqual(40_000);
    expect(cluster.now() - t0).toBeLessThan(40_010);
    cluster.advance(1_000_000);
    expect(deleting('forever')).toBe(false);
    expect(evictions('forever')).toEqual([]);
  });

  it('a pod placed on a node down for 7 minutes gets its 300 s default toleration from then', () => {
    const { cluster, sh, pod, deleting, evictions } = lab();
    sh('sim stop-node node2');
    cluster.advance(420_000);
    expect(
      sh(`kubectl run late --image=nginx --overrides='{"spec":{"nodeName":"node2"}}'`).out,
    ).toBe('pod/late created\n');
    const t0 = cluster.now();
    // The DefaultTolerationSeconds admission plugin's tolerations.
    expect(
      sh("kubectl get pod late -o jsonpath='{.spec.tolerations[*].tolerationSeconds}'").out,
    ).toBe('300 300');
    cluster.advance(299_000);
    expect(deleting('late')).toBe(false);
    expect(pod('late')?.status).toMatchObject({ phase: 'Pending' });
    expect(evictions('late')).toEqual([]);
    expect(cluster.runUntil(() => deleting('late'), 2_000)).toBe(true);
    expect(cluster.now() - t0).toBeGreaterThanOrEqual(300_000);
    expect(evictions('late')).toEqual([
      'Normal TaintManagerEviction Marking for deletion Pod default/late',
    ]);
  });

  it('pods already on the node when the taint comes count from the taint, each on its own timer', () => {
    const { cluster, sh, deleting, evictions } = lab();
    sh(tolerating('early', 'node1', 100));
    cluster.advance(20_000);
    sh('kubectl taint node node1 maint=true:NoExecute');
    const tainted = cluster.now();
    cluster.advance(50_000);
    sh(tolerating('later', 'node1', 100));
    const arrived = cluster.now();
    expect(cluster.runUntil(() => deleting('early'), 200_000)).toBe(true);
    expect(cluster.now() - tainted).toBeGreaterThanOrEqual(100_000);
    expect(cluster.now() - tainted).toBeLessThan(100_010);
    expect(deleting('later')).toBe(false);
    expect(cluster.runUntil(() => deleting('later'), 200_000)).toBe(true);
    expect(cluster.now() - arrived).toBeGreaterThanOrEqual(100_000);
    expect(cluster.now() - arrived).toBeLessThan(100_010);
    expect([...evictions('early'), ...evictions('later')]).toEqual([
      'Normal TaintManagerEviction Marking for deletion Pod default/early',
      'Normal TaintManagerEviction Marking for deletion Pod default/later',
    ]);
  });

  it('a toleration change is re-evaluated: tolerating forever cancels the scheduled eviction', () => {
    const { cluster, sh, deleting, evictions } = lab();
    sh('kubectl taint node node1 maint=true:NoExecute');
    sh(tolerating('p', 'node1', 60));
    cluster.advance(10_000);
    // Only tolerationSeconds of an existing toleration may change: without it, forever.
    expect(
      sh(
        `kubectl patch pod p --type=json -p '[{"op":"remove","path":"/spec/tolerations/0/tolerationSeconds"}]'`,
      ),
    ).toEqual({ out: 'pod/p patched\n', err: '', code: 0 });
    cluster.advance(100_000);
    expect(deleting('p')).toBe(false);
    expect(evictions('p')).toEqual([
      'Normal TaintManagerEviction Cancelling deletion of Pod default/p',
    ]);
  });

  it('a new taint the pod does not tolerate cancels its scheduled eviction and evicts it at once', () => {
    const { cluster, sh, deleting, evictions } = lab();
    sh('kubectl taint node node1 maint=true:NoExecute');
    sh(tolerating('p', 'node1', 60));
    cluster.advance(10_000);
    sh('kubectl taint node node1 other=y:NoExecute');
    const t0 = cluster.now();
    expect(cluster.runUntil(() => deleting('p'), 5_000)).toBe(true);
    expect(cluster.now() - t0).toBeLessThan(10);
    expect(evictions('p')).toEqual([
      'Normal TaintManagerEviction Cancelling deletion of Pod default/p',
      'Normal TaintManagerEviction Marking for deletion Pod default/p',
    ]);
  });

  it('a scheduled eviction keeps its time when another tolerated taint comes', () => {
    const { cluster, sh, deleting } = lab();
    sh('kubectl taint node node1 maint=true:NoExecute');
    sh(
      `kubectl run p --image=nginx --overrides='{"spec":{"nodeName":"node1","tolerations":[{"key":"maint","operator":"Exists","effect":"NoExecute","tolerationSeconds":60},{"key":"extra","operator":"Exists","effect":"NoExecute","tolerationSeconds":200}]}}'`,
    );
    const t0 = cluster.now();
    cluster.advance(40_000);
    // processPodOnNode: CreatedAt + 60 s is before now + 60 s, so the work stays as it is.
    sh('kubectl taint node node1 extra=x:NoExecute');
    expect(cluster.runUntil(() => deleting('p'), 100_000)).toBe(true);
    expect(cluster.now() - t0).toBeGreaterThanOrEqual(60_000);
    expect(cluster.now() - t0).toBeLessThan(60_010);
  });

  it('a Deployment tolerating the taint for 60 s churns each minute, never in a loop', () => {
    const { cluster, sh } = lab();
    sh('kubectl create deploy web --image=nginx --replicas=3');
    cluster.advance(20_000);
    sh('kubectl taint node node1 maint=true:NoExecute');
    cluster.advance(30_000);
    expect(
      sh(
        `kubectl patch deploy web -p '{"spec":{"template":{"spec":{"tolerations":[{"key":"maint","operator":"Exists","effect":"NoExecute","tolerationSeconds":60}]}}}}'`,
      ).out,
    ).toBe('deployment.apps/web patched\n');
    const before = cluster.messages.length;
    cluster.advance(600_000);
    // Ten virtual minutes of a 3-replica Deployment: a few thousand messages, not millions.
    expect(cluster.messages.length - before).toBeLessThan(20_000);
    expect(cluster.errors).toEqual([]);
    const marks = cluster
      .snapshot()
      .list('events', 'default')
      .filter((e) => e.reason === 'TaintManagerEviction')
      .map((e) => (e.involvedObject as { name: string }).name);
    // Every pod on node1 lives its 60 s: at most one eviction per pod slot per minute.
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.length).toBeLessThanOrEqual(3 * 11);
    expect(new Set(marks).size).toBe(marks.length);
    const alive = cluster
      .snapshot()
      .list('pods', 'default')
      .filter((p) => p.metadata?.deletionTimestamp === undefined);
    expect(alive).toHaveLength(3);
  });
});
