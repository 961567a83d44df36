/**
 * `kubectl drain` refusals as kubectl 1.32 prints them (pkg/drain/filters.go, cmd/drain): the
 * unmanaged-pod message carries "cannot delete" twice, and several refusals are one aggregate
 * error, `[e1, e2]`, on the first line, then one a line.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

describe('kubectl drain refusals', () => {
  it('an unmanaged pod and a DaemonSet pod', () => {
    const { run } = engineSession(3);
    run('kubectl run solo --image=nginx');
    const node = run(`kubectl get pod solo -o jsonpath='{.spec.nodeName}'`).out;
    const proxy = run(
      `kubectl get pods -n kube-system -l k8s-app=kube-proxy -o jsonpath='{range .items[?(@.spec.nodeName=="${node}")]}{.metadata.name}{end}'`,
    ).out;
    expect(proxy).toMatch(/^kube-proxy-\w{5}$/);
    const ds = `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/${proxy}`;
    const solo =
      'cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo';
    expect(run(`kubectl drain ${node}`)).toEqual({
      out: `node/${node} cordoned\n`,
      // The messages in the order their first pod is listed (default/… before kube-system/…),
      // what a real kubectl 1.32 prints (its Go map of messages most often keeps that order).
      err: `error: unable to drain node "${node}" due to error: [${solo}, ${ds}], continuing command...\nThere are pending nodes to be drained:\n ${node}\n${solo}\n${ds}\n`,
      code: 1,
    });
    expect(run(`kubectl drain ${node} --ignore-daemonsets`)).toEqual({
      out: `node/${node} already cordoned\n`,
      err: `error: unable to drain node "${node}" due to error: ${solo}, continuing command...\nThere are pending nodes to be drained:\n ${node}\n${solo}\n`,
      code: 1,
    });
  });
});

describe('kubectl drain of a node that is down (audit 9 #8)', () => {
  /** A deployment's pod on node1, then node1 stopped for a minute. */
  function deadNode(seed: number) {
    const s = engineSession(seed);
    s.run('kubectl create deployment web --image=nginx --replicas=3');
    const pod = s.run(
      `kubectl get pods -o jsonpath='{range .items[?(@.spec.nodeName=="node1")]}{.metadata.name}{end}'`,
    ).out;
    expect(pod).toMatch(/^web-\w+-\w{5}$/);
    const proxy = s.run(
      `kubectl get pods -n kube-system -l k8s-app=kube-proxy -o jsonpath='{range .items[?(@.spec.nodeName=="node1")]}{.metadata.name}{end}'`,
    ).out;
    s.cluster.stopNode('node1');
    s.cluster.runUntil(() => false, 60_000);
    const head = `node/node1 cordoned\nevicting pod default/${pod}\n`;
    const warning = `Warning: ignoring DaemonSet-managed Pods: kube-system/${proxy}\n`;
    return { ...s, pod, head, warning };
  }

  it('--timeout: the eviction stands, the pod never goes, the node is not drained', () => {
    const { run, pod, head, warning } = deadNode(1);
    // The poll's context error, as a real kubectl 1.32 prints it (checked with the oracle).
    const why = `error when waiting for pod "${pod}" in namespace "default" to terminate: context deadline exceeded`;
    expect(run('kubectl drain node1 --ignore-daemonsets --timeout=2m')).toEqual({
      out: head,
      err: `${warning}There are pending pods in node "node1" when an error occurred: ${why}\npod/${pod}\nerror: unable to drain node "node1" due to error: ${why}, continuing command...\nThere are pending nodes to be drained:\n node1\n${why}\n`,
      code: 1,
    });
    expect(run(`kubectl get pod ${pod} --no-headers`).out).toMatch(/1\/1\s+Terminating/);
  });

  it('--timeout with several pods: the error of each pod on a line of its own at the end', () => {
    const s = engineSession(4);
    s.run('kubectl create deployment web --image=nginx --replicas=6');
    const pods = s
      .run(
        `kubectl get pods -o jsonpath='{range .items[?(@.spec.nodeName=="node1")]}{.metadata.name}{" "}{end}'`,
      )
      .out.trim()
      .split(' ');
    expect(pods.length).toBeGreaterThan(1);
    s.cluster.stopNode('node1');
    s.cluster.runUntil(() => false, 60_000);
    const r = s.run('kubectl drain node1 --ignore-daemonsets --timeout=5s');
    expect(r.code).toBe(1);
    const why = (p: string) =>
      `error when waiting for pod "${p}" in namespace "default" to terminate: context deadline exceeded`;
    const lines = r.err.trimEnd().split('\n');
    // deleteOrEvictPodsSimple's error is an aggregate: `[a, b]` inside sentences, and CheckErr
    // (the only node's, unwrapped) prints its errors one a line, without `error: `.
    const tail = lines.slice(lines.indexOf(' node1') + 1);
    expect([...tail].sort()).toEqual(pods.map(why).sort());
    expect(lines).toContain(
      `error: unable to drain node "node1" due to error: [${tail.join(', ')}], continuing command...`,
    );
  });

  it('without --timeout the console stops waiting after 10 minutes, with a note', () => {
    const { run, pod, head, warning } = deadNode(2);
    expect(run('kubectl drain node1 --ignore-daemonsets')).toEqual({
      out: head,
      err: `${warning}(this console stopped waiting after 10m0s: kubectl drain waits until the evicted pods are gone, and pod "${pod}" is still terminating; use --timeout or --skip-wait-for-delete-timeout)\n`,
      code: 1,
    });
  });

  it('--skip-wait-for-delete-timeout gives up on the pod once its deletion is N seconds old', () => {
    const { run, pod, head, warning } = deadNode(3);
    expect(run('kubectl drain node1 --ignore-daemonsets --skip-wait-for-delete-timeout=5')).toEqual(
      {
        out: `${head}pod "${pod}" has DeletionTimestamp older than 5 seconds, skipping\nnode/node1 drained\n`,
        err: warning,
        code: 0,
      },
    );
    // Drained again: the old deletion is skipped before any eviction.
    run('kubectl uncordon node1');
    expect(run('kubectl drain node1 --ignore-daemonsets --skip-wait-for-delete-timeout=5')).toEqual(
      { out: 'node/node1 cordoned\nnode/node1 drained\n', err: warning, code: 0 },
    );
  });
});
