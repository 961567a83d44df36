/**
 * `kubectl create deployment web --image=nginx` on a fresh cluster: the full event list,
 * the component hops in order, and the final state.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster.ts';
import type { Message } from '../runtime/controller.ts';
import { START_MS } from '../util/clock.ts';
import {
  containerState,
  eventRows,
  kubectlDeployment,
  nodeOf,
  phaseOf,
  podsOf,
} from './helpers.ts';

const HASH = /^[bcdfghjklmnpqrstvwxz2456789]{9,10}$/;
const SUFFIX = /^[bcdfghjklmnpqrstvwxz2456789]{5}$/;
const PULLED =
  /^Successfully pulled image "nginx" in (\d+ms|\d+(\.\d+)?s) \(\1 including waiting\)\. Image size: 72080558 bytes\.$/;

function run(seed = 1) {
  const c = createCluster({ seed });
  const res = c
    .client('kubectl')
    .create('deployments', 'default', kubectlDeployment('web', 'nginx'));
  const settled = c.settle();
  return { c, res, settled };
}

/** Index of the first message after `from` matching `pred` (-1 if none). */
function findAfter(msgs: readonly Message[], from: number, pred: (m: Message) => boolean): number {
  for (let i = from + 1; i < msgs.length; i++) if (pred(msgs[i]!)) return i;
  return -1;
}

describe('kubectl create deployment web --image=nginx', () => {
  it('records the real event sequence', () => {
    const { c, res, settled } = run();
    expect(res.ok).toBe(true);
    expect(settled.settled).toBe(true);
    const [rs] = c.snapshot().list('replicasets', 'default');
    const rsName = rs!.metadata!.name!;
    const hash = rsName.slice('web-'.length);
    expect(hash).toMatch(HASH);
    expect(rs!.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    const pods = podsOf(c);
    expect(pods).toHaveLength(1);
    const pod = pods[0]!.metadata!.name!;
    expect(pod.startsWith(`${rsName}-`)).toBe(true);
    expect(pod.slice(rsName.length + 1)).toMatch(SUFFIX);
    const node = nodeOf(pods[0]!)!;
    expect(['node1', 'node2', 'node3']).toContain(node);

    expect(eventRows(c)).toEqual([
      [
        'Normal',
        'ScalingReplicaSet',
        'deployment/web',
        `Scaled up replica set ${rsName} from 0 to 1`,
      ],
      ['Normal', 'SuccessfulCreate', `replicaset/${rsName}`, `Created pod: ${pod}`],
      ['Normal', 'Scheduled', `pod/${pod}`, `Successfully assigned default/${pod} to ${node}`],
      ['Normal', 'Pulling', `pod/${pod}`, 'Pulling image "nginx"'],
      ['Normal', 'Pulled', `pod/${pod}`, expect.stringMatching(PULLED)],
      ['Normal', 'Created', `pod/${pod}`, 'Created container nginx'],
      ['Normal', 'Started', `pod/${pod}`, 'Started container nginx'],
    ]);
    // Event sources as `kubectl describe` shows them in FROM.
    const sources = c
      .snapshot()
      .list('events', 'default')
      // describe's FROM: source.component, else (events.k8s.io Events) reportingComponent.
      .map(
        (e) =>
          `${e.reason}:${(e.source as { component?: string }).component || e.reportingComponent}`,
      )
      .sort();
    expect(sources).toEqual([
      'Created:kubelet',
      'Pulled:kubelet',
      'Pulling:kubelet',
      'ScalingReplicaSet:deployment-controller',
      'Scheduled:default-scheduler',
      'Started:kubelet',
      'SuccessfulCreate:replicaset-controller',
    ]);
  });

  it('goes through the components in the real order, every hop via the API server', () => {
    const { c } = run();
    const msgs = c.messages;
    msgs.forEach((m, i) => {
      expect(m.seq).toBe(i);
      if (i > 0) expect(m.at).toBeGreaterThanOrEqual(msgs[i - 1]!.at);
    });
    expect(msgs[0]).toMatchObject({
      from: 'kubectl',
      to: 'api-server',
      kind: 'api.create',
      at: START_MS,
      label: 'POST /apis/apps/v1/namespaces/default/deployments',
      ref: { resource: 'deployments', namespace: 'default', name: 'web' },
    });
    const steps: [string, (m: Message) => boolean][] = [
      [
        'etcd put deployment',
        (m) => m.kind === 'etcd.put' && m.label === '/registry/deployments/default/web',
      ],
      [
        'deployment watched',
        (m) =>
          m.to === 'controller-manager' &&
          m.kind === 'watch.event' &&
          m.ref?.resource === 'deployments',
      ],
      [
        'replicaset created',
        (m) =>
          m.from === 'controller-manager' &&
          m.kind === 'api.create' &&
          m.ref?.resource === 'replicasets',
      ],
      [
        'replicaset watched',
        (m) =>
          m.to === 'controller-manager' &&
          m.kind === 'watch.event' &&
          m.ref?.resource === 'replicasets',
      ],
      [
        'pod created',
        (m) =>
          m.from === 'controller-manager' && m.kind === 'api.create' && m.ref?.resource === 'pods',
      ],
      [
        'pod watched by scheduler',
        (m) => m.to === 'scheduler' && m.kind === 'watch.event' && m.ref?.resource === 'pods',
      ],
      ['binding', (m) => m.from === 'scheduler' && m.kind === 'api.bind'],
      [
        'kubelet sees its pod',
        (m) =>
          m.to.startsWith('kubelet/') && m.kind === 'watch.event' && m.ref?.resource === 'pods',
      ],
      ['runtime pulls', (m) => m.from.startsWith('container-runtime/') && m.to === 'registry'],
      [
        'status Running',
        (m) =>
          m.from.startsWith('kubelet/') && m.kind === 'api.patch' && m.ref?.resource === 'pods',
      ],
    ];
    let at = 0;
    for (const [name, pred] of steps) {
      const i = findAfter(msgs, at, pred);
      expect(i, name).toBeGreaterThan(at);
      at = i;
    }
    // Nobody but the API server talks to etcd.
    expect(
      msgs
        .filter((m) => m.to === 'etcd' || m.from === 'etcd')
        .every((m) => m.from === 'api-server'),
    ).toBe(true);
  });

  it('ends with the deployment available and the pod Running on a worker', () => {
    const { c } = run();
    const s = c.snapshot();
    const d = s.get('deployments', 'default', 'web')!;
    expect(d.status).toMatchObject({
      observedGeneration: 1,
      replicas: 1,
      updatedReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
    });
    const conds = (d.status as { conditions: { type: string; status: string; reason: string }[] })
      .conditions;
    expect(conds.map((x) => [x.type, x.status, x.reason])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable'],
      ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ]);
    const [rs] = s.list('replicasets', 'default');
    expect(rs!.status).toMatchObject({ replicas: 1, readyReplicas: 1, availableReplicas: 1 });
    const pod = podsOf(c)[0]!;
    expect(phaseOf(pod)).toBe('Running');
    expect(containerState(pod)).toBe('Running');
    const node = nodeOf(pod)!;
    const index = Number(node.slice('node'.length));
    expect((pod.status as { podIP: string }).podIP).toMatch(
      new RegExp(`^10\\.244\\.${index}\\.\\d+$`),
    );
    const ready = (
      pod.status as { conditions: { type: string; status: string }[] }
    ).conditions.find((x) => x.type === 'Ready');
    expect(ready?.status).toBe('True');
    // The scheduler kept its reasons: the control plane was filtered by its taint.
    const decision = s.decision(`default/${pod.metadata!.name}`)!;
    expect(decision.selectedNode).toBe(node);
    expect(decision.feasibleNodes).toBe(3);
  });
});

describe('the deployment controller writes in the real order', () => {
  it('creates the ReplicaSet first, then writes the status with the revision annotation (no PATCH)', () => {
    const { c } = run();
    const writes = c.messages.filter(
      (m) =>
        m.from === 'controller-manager' &&
        m.kind.startsWith('api.') &&
        (m.ref?.resource === 'deployments' || m.ref?.resource === 'replicasets'),
    );
    const first = writes.slice(0, 2).map((m) => `${m.kind} ${m.ref?.resource}`);
    expect(first).toEqual(['api.create replicasets', 'api.updateStatus deployments']);
    expect(
      c.messages.some((m) => m.kind === 'api.patch' && m.ref?.resource === 'deployments'),
    ).toBe(false);
    // The status write that follows the create carries the condition naming the ReplicaSet
    // that now exists, and the revision annotation sticks through /status.
    const d = c.peek('deployments', 'default', 'web');
    expect(d?.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
  });
});
