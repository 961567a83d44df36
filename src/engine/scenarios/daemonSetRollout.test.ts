/**
 * `kubectl set image ds/agent agent=busybox:1.37` on a three-worker cluster: the DaemonSet
 * controller replaces the daemon pods as its update strategy says — RollingUpdate (one node at a
 * time: the old pod goes, then the new one starts there), with maxSurge (the new pod starts
 * beside the old one), or OnDelete (only the pods the user deletes).
 */
import { describe, expect, it } from 'vitest';
import { runLine } from '../../kubectl/shell.ts';
import { engineSession } from '../../kubectl/testing/engineSession.ts';
import { agentDaemonSetYaml } from '../../kubectl/testing/manifests.ts';
import type { KubeObject } from '../api/types.ts';
import type { Cluster } from '../cluster.ts';
import { eventRows } from './helpers.ts';

const WORKERS = ['node1', 'node2', 'node3'];

/** The node a daemon pod runs on, or is pinned to before it is bound. */
function targetNode(p: KubeObject): string {
  const spec = p.spec as {
    nodeName?: string;
    affinity?: {
      nodeAffinity?: {
        requiredDuringSchedulingIgnoredDuringExecution?: {
          nodeSelectorTerms?: { matchFields?: { values?: string[] }[] }[];
        };
      };
    };
  };
  return (
    spec.nodeName ??
    spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0] ??
    ''
  );
}

/** One pod as `1.37`, `1.37 not ready` or `1.36 terminating`. */
function describePod(p: KubeObject): string {
  const tag = ((p.spec as { containers: { image: string }[] }).containers[0]?.image ?? '').split(
    ':',
  )[1];
  const ready = (
    p.status as { conditions?: { type: string; status: string }[] } | undefined
  )?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
  if (p.metadata?.deletionTimestamp) return `${tag} terminating`;
  return ready ? `${tag}` : `${tag} not ready`;
}

/** The agent pods of every worker, e.g. `node1=1.37 | node2=1.36 terminating | node3=-`. */
function podsPerNode(c: Cluster): string {
  const pods = c
    .snapshot()
    .list('pods', 'default')
    .filter((p) => p.metadata?.labels?.app === 'agent');
  return WORKERS.map((node) => {
    const here = pods
      .filter((p) => targetNode(p) === node)
      .map(describePod)
      .sort();
    return `${node}=${here.length ? here.join(' + ') : '-'}`;
  }).join(' | ');
}

/** Every distinct podsPerNode state until the cluster is quiet (or `ms` pass). */
function timeline(c: Cluster, ms = 10 * 60_000): string[] {
  const states = [podsPerNode(c)];
  c.runUntil((cl) => {
    const s = podsPerNode(cl);
    if (s !== states[states.length - 1]) states.push(s);
    return false;
  }, ms);
  return states;
}

function daemonSetEvents(c: Cluster): string[] {
  return eventRows(c)
    .filter(([, , obj]) => obj === 'daemonset/agent')
    .map(([, reason, , message]) => `${reason} ${message}`);
}

/** The agent pod names on each worker now. */
function podNames(c: Cluster): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of c.snapshot().list('pods', 'default')) {
    if (p.metadata?.labels?.app === 'agent' && !p.metadata.deletionTimestamp)
      out[targetNode(p)] = p.metadata.name ?? '';
  }
  return out;
}

function start(strategy = '') {
  const session = engineSession(1);
  session.host.fs.write('agent.yaml', agentDaemonSetYaml(strategy));
  expect(session.run('kubectl apply -f agent.yaml').out).toBe('daemonset.apps/agent created\n');
  const before = podNames(session.cluster);
  expect(Object.keys(before).sort()).toEqual(WORKERS);
  return { ...session, before };
}

describe('DaemonSet rolling update (maxUnavailable 1, maxSurge 0)', () => {
  it('replaces the pods one node at a time: the old pod goes, then the new one starts there', () => {
    const { cluster, host, before } = start();
    expect(runLine(host, 'kubectl set image ds/agent agent=busybox:1.37').exitCode).toBe(0);
    expect(timeline(cluster)).toEqual([
      'node1=1.36 | node2=1.36 | node3=1.36',
      'node1=1.36 terminating | node2=1.36 | node3=1.36',
      'node1=- | node2=1.36 | node3=1.36',
      'node1=1.37 not ready | node2=1.36 | node3=1.36',
      'node1=1.37 | node2=1.36 | node3=1.36',
      'node1=1.37 | node2=1.36 terminating | node3=1.36',
      'node1=1.37 | node2=- | node3=1.36',
      'node1=1.37 | node2=1.37 not ready | node3=1.36',
      'node1=1.37 | node2=1.37 | node3=1.36',
      'node1=1.37 | node2=1.37 | node3=1.36 terminating',
      'node1=1.37 | node2=1.37 | node3=-',
      'node1=1.37 | node2=1.37 | node3=1.37 not ready',
      'node1=1.37 | node2=1.37 | node3=1.37',
    ]);
    const after = podNames(cluster);
    expect(daemonSetEvents(cluster)).toEqual([
      `SuccessfulCreate Created pod: ${before.node1}`,
      `SuccessfulCreate Created pod: ${before.node2}`,
      `SuccessfulCreate Created pod: ${before.node3}`,
      `SuccessfulDelete Deleted pod: ${before.node1}`,
      `SuccessfulCreate Created pod: ${after.node1}`,
      `SuccessfulDelete Deleted pod: ${before.node2}`,
      `SuccessfulCreate Created pod: ${after.node2}`,
      `SuccessfulDelete Deleted pod: ${before.node3}`,
      `SuccessfulCreate Created pod: ${after.node3}`,
    ]);
  });

  it('kubectl rollout status follows UP-TO-DATE and AVAILABLE; the new pods carry the new revision', () => {
    const { cluster, host, run } = start();
    const oldHash = cluster.snapshot().list('pods', 'default')[0]?.metadata?.labels?.[
      'controller-revision-hash'
    ];
    runLine(host, 'kubectl set image ds/agent agent=busybox:1.37');
    expect(run('kubectl rollout status ds/agent')).toEqual({
      out: [
        'Waiting for daemon set spec update to be observed...',
        'Waiting for daemon set "agent" rollout to finish: 0 out of 3 new pods have been updated...',
        'Waiting for daemon set "agent" rollout to finish: 1 out of 3 new pods have been updated...',
        'Waiting for daemon set "agent" rollout to finish: 2 out of 3 new pods have been updated...',
        'Waiting for daemon set "agent" rollout to finish: 2 of 3 updated pods are available...',
        'daemon set "agent" successfully rolled out',
        '',
      ].join('\n'),
      err: '',
      code: 0,
    });
    expect(run('kubectl get ds agent').out).toBe(
      'NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\n' +
        'agent   3         3         3       3            3           <none>          2m15s\n',
    );
    const labels = cluster
      .snapshot()
      .list('pods', 'default')
      .map((p) => p.metadata?.labels ?? {});
    expect(new Set(labels.map((l) => l['controller-revision-hash'])).size).toBe(1);
    expect(labels[0]?.['controller-revision-hash']).toMatch(/^[456789bcdf]{1,10}$/);
    expect(labels[0]?.['controller-revision-hash']).not.toBe(oldHash);
    expect(labels.map((l) => l['pod-template-generation'])).toEqual(['2', '2', '2']);
  });

  it('kubectl get ds mid-rollout: one node down, UP-TO-DATE counts the new pods', () => {
    const { cluster, host } = start();
    runLine(host, 'kubectl set image ds/agent agent=busybox:1.37');
    // The first old pod is terminating (busybox ignores SIGTERM: 30 s of grace).
    cluster.advance(10_000);
    expect(runLine(host, 'kubectl get ds agent').stdout).toBe(
      'NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\n' +
        'agent   3         3         3       0            3           <none>          35s\n',
    );
    // Gone, and the new pod on node1 is pulling its image.
    cluster.runUntil((c) => podsPerNode(c).startsWith('node1=1.37 not ready'), 60_000);
    cluster.advance(100);
    expect(runLine(host, 'kubectl get ds agent').stdout).toBe(
      'NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\n' +
        'agent   3         3         2       1            2           <none>          55s\n',
    );
    expect(cluster.peek('daemonsets', 'default', 'agent')?.status).toEqual({
      currentNumberScheduled: 3,
      desiredNumberScheduled: 3,
      numberAvailable: 2,
      numberMisscheduled: 0,
      numberReady: 2,
      numberUnavailable: 1,
      observedGeneration: 2,
      updatedNumberScheduled: 1,
    });
    cluster.advance(5 * 60_000);
    expect(cluster.peek('daemonsets', 'default', 'agent')?.status).toEqual({
      currentNumberScheduled: 3,
      desiredNumberScheduled: 3,
      numberAvailable: 3,
      numberMisscheduled: 0,
      numberReady: 3,
      observedGeneration: 2,
      updatedNumberScheduled: 3,
    });
  });

  it('stops at a new pod that never becomes available (an image that does not exist)', () => {
    const { cluster, host, run, before } = start();
    runLine(host, 'kubectl set image ds/agent agent=busybox:9.99');
    cluster.advance(10 * 60_000);
    expect(podsPerNode(cluster)).toBe('node1=9.99 not ready | node2=1.36 | node3=1.36');
    expect(podNames(cluster).node2).toBe(before.node2);
    expect(run('kubectl get ds agent').out).toBe(
      'NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\n' +
        'agent   3         3         2       1            2           <none>          10m\n',
    );
  });
});

describe('DaemonSet rolling update with maxSurge 1, maxUnavailable 0', () => {
  it('starts the new pod beside the old one and deletes the old one once the new one is ready', () => {
    const { cluster, host, before } = start(
      '  updateStrategy:\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 0\n',
    );
    runLine(host, 'kubectl set image ds/agent agent=busybox:1.37');
    const states = timeline(cluster);
    expect(states).toEqual([
      'node1=1.36 | node2=1.36 | node3=1.36',
      'node1=1.36 + 1.37 not ready | node2=1.36 | node3=1.36',
      'node1=1.36 + 1.37 | node2=1.36 | node3=1.36',
      'node1=1.36 terminating + 1.37 | node2=1.36 | node3=1.36',
      'node1=1.36 terminating + 1.37 | node2=1.36 + 1.37 not ready | node3=1.36',
      'node1=1.36 terminating + 1.37 | node2=1.36 + 1.37 | node3=1.36',
      'node1=1.36 terminating + 1.37 | node2=1.36 terminating + 1.37 | node3=1.36',
      'node1=1.36 terminating + 1.37 | node2=1.36 terminating + 1.37 | node3=1.36 + 1.37 not ready',
      'node1=1.36 terminating + 1.37 | node2=1.36 terminating + 1.37 | node3=1.36 + 1.37',
      'node1=1.36 terminating + 1.37 | node2=1.36 terminating + 1.37 | node3=1.36 terminating + 1.37',
      'node1=1.37 | node2=1.36 terminating + 1.37 | node3=1.36 terminating + 1.37',
      'node1=1.37 | node2=1.37 | node3=1.36 terminating + 1.37',
      'node1=1.37 | node2=1.37 | node3=1.37',
    ]);
    // Every node always has a ready pod that is not terminating.
    for (const s of states) {
      for (const node of s.split(' | ')) {
        const pods = node.slice(node.indexOf('=') + 1).split(' + ');
        expect(
          pods.some((p) => /^1\.3[67]$/.test(p)),
          s,
        ).toBe(true);
      }
    }
    const after = podNames(cluster);
    expect(daemonSetEvents(cluster).slice(3)).toEqual([
      `SuccessfulCreate Created pod: ${after.node1}`,
      `SuccessfulDelete Deleted pod: ${before.node1}`,
      `SuccessfulCreate Created pod: ${after.node2}`,
      `SuccessfulDelete Deleted pod: ${before.node2}`,
      `SuccessfulCreate Created pod: ${after.node3}`,
      `SuccessfulDelete Deleted pod: ${before.node3}`,
    ]);
  });
});

describe('DaemonSet OnDelete update strategy', () => {
  it('keeps the old pods; a pod the user deletes comes back with the new template', () => {
    const { cluster, host, run, before } = start('  updateStrategy:\n    type: OnDelete\n');
    run('kubectl set image ds/agent agent=busybox:1.37');
    cluster.advance(5 * 60_000);
    expect(podsPerNode(cluster)).toBe('node1=1.36 | node2=1.36 | node3=1.36');
    expect(podNames(cluster)).toEqual(before);
    expect(runLine(host, 'kubectl get ds agent').stdout).toBe(
      'NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\n' +
        'agent   3         3         3       0            3           <none>          5m40s\n',
    );
    expect(run('kubectl rollout status ds/agent').err).toBe(
      'error: rollout status is only available for RollingUpdate strategy type\n',
    );
    run(`kubectl delete pod ${before.node2}`);
    expect(podsPerNode(cluster)).toBe('node1=1.36 | node2=1.37 | node3=1.36');
    expect(run('kubectl get ds agent').out).toBe(
      'NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE\n' +
        'agent   3         3         3       1            3           <none>          6m45s\n',
    );
    expect(daemonSetEvents(cluster).slice(3)).toEqual([
      `SuccessfulCreate Created pod: ${podNames(cluster).node2}`,
    ]);
  });
});

describe('DaemonSet and a NoSchedule taint', () => {
  it('keeps a running pod on a node it would no longer start on (counted misscheduled)', () => {
    const { cluster, run, before } = start();
    run('kubectl taint nodes node2 dedicated=db:NoSchedule');
    expect(podNames(cluster)).toEqual(before);
    expect(cluster.peek('daemonsets', 'default', 'agent')?.status).toMatchObject({
      desiredNumberScheduled: 2,
      currentNumberScheduled: 2,
      numberMisscheduled: 1,
    });
    run('kubectl taint nodes node2 dedicated=db:NoSchedule-');
    run('kubectl taint nodes node2 dedicated=db:NoExecute');
    cluster.advance(60_000);
    expect(podsPerNode(cluster)).toBe('node1=1.36 | node2=- | node3=1.36');
  });
});

describe('DaemonSet template generations and kubectl rollout restart', () => {
  it('the API server numbers template changes in the annotation; a restart rolls every pod', () => {
    const { cluster, host, run, before } = start();
    const generation = () =>
      cluster.peek('daemonsets', 'default', 'agent')?.metadata?.annotations?.[
        'deprecated.daemonset.template.generation'
      ];
    expect(generation()).toBe('1');
    // A spec change outside the template is no new template generation.
    host.fs.write('agent.yaml', agentDaemonSetYaml('  minReadySeconds: 5\n'));
    expect(run('kubectl apply -f agent.yaml').out).toBe('daemonset.apps/agent configured\n');
    expect(cluster.peek('daemonsets', 'default', 'agent')?.metadata?.generation).toBe(2);
    expect(generation()).toBe('1');
    expect(run('kubectl rollout restart ds/agent')).toEqual({
      out: 'daemonset.apps/agent restarted\n',
      err: '',
      code: 0,
    });
    expect(generation()).toBe('2');
    run('kubectl rollout status ds/agent');
    const after = podNames(cluster);
    for (const node of WORKERS) expect(after[node]).not.toBe(before[node]);
    for (const p of cluster.snapshot().list('pods', 'default')) {
      if (p.metadata?.labels?.app === 'agent' && !p.metadata.deletionTimestamp) {
        expect(p.metadata.labels['pod-template-generation']).toBe('2');
      }
    }
  });
});
