/**
 * Controllers whose pod create the API server refuses (1.32): the ReplicaSet controller records
 * a Warning `FailedCreate` with `Error creating: <the API error>` — the pod named by its
 * `generateName`, as `admission.NewForbidden` names a pod not yet named — never
 * `SuccessfulCreate`. It expects none of the pods, sets the ReplicaFailure condition and tries
 * again with the work queue's back-off (5 ms doubling); the event correlator counts the
 * repeats. The DaemonSet controller does the same.
 */
import { describe, expect, it } from 'vitest';
import { podCreateRefusal } from '../controllers/replicaset.ts';
import { transcriptSession } from './helpers.ts';

const out = (text: string) => ({ out: text, err: '', code: 0 });

/** The `web` Deployment, its pod template naming `priorityClassName: high` when `high`. */
function webDeployment(high: boolean): string {
  const spec = {
    ...(high ? { priorityClassName: 'high' } : {}),
    containers: [{ name: 'nginx', image: 'nginx' }],
  };
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec },
    },
  });
}

const REFUSED = 'pods "web-dd744c879-" is forbidden: no PriorityClass with name high was found';

describe('a pod template that names a PriorityClass that does not exist', () => {
  it('the ReplicaSet records FailedCreate, counted, retries with back-off, and recovers', () => {
    const { cluster: c, sh } = transcriptSession();
    expect(sh(`echo '${webDeployment(true)}' > web.json`).code).toBe(0);
    expect(sh('kubectl create -f web.json')).toEqual(out('deployment.apps/web created\n'));
    expect(sh('kubectl get deploy,rs,pods')).toEqual(
      out(
        [
          'NAME                  READY   UP-TO-DATE   AVAILABLE   AGE',
          'deployment.apps/web   0/3     0            0           35s',
          '',
          'NAME                            DESIRED   CURRENT   READY   AGE',
          'replicaset.apps/web-dd744c879   3         0         0       35s',
          '',
        ].join('\n'),
      ),
    );
    expect(sh('kubectl get events')).toEqual(
      out(
        [
          'LAST SEEN   TYPE      REASON              OBJECT                     MESSAGE',
          `15s         Warning   FailedCreate        replicaset/web-dd744c879   Error creating: ${REFUSED}`,
          '55s         Normal    ScalingReplicaSet   deployment/web             Scaled up replica set web-dd744c879 from 0 to 3',
          '',
        ].join('\n'),
      ),
    );
    expect(sh('sleep 1m')).toEqual(out(''));
    // One Event, its count raised at every retry.
    const describe = sh('kubectl describe rs web-dd744c879');
    expect(describe.code).toBe(0);
    expect(describe.out).toContain('Replicas:       0 current / 3 desired\n');
    expect(describe.out.slice(describe.out.indexOf('Events:'))).toBe(
      [
        'Events:',
        '  Type     Reason        Age                   From                   Message',
        '  ----     ------        ----                  ----                   -------',
        `  Warning  FailedCreate  64s (x15 over 2m25s)  replicaset-controller  Error creating: ${REFUSED}`,
        '',
      ].join('\n'),
    );
    expect(sh(`kubectl get rs web-dd744c879 -o jsonpath='{.status.conditions}'`)).toEqual(
      out(
        JSON.stringify([
          {
            lastTransitionTime: '2026-01-06T00:00:25Z',
            message: REFUSED,
            reason: 'FailedCreate',
            status: 'True',
            type: 'ReplicaFailure',
          },
        ]),
      ),
    );

    // One create per sync (slow start), each refused; retried 5 ms after the first failure,
    // then twice as late each time (the status write that set the condition added one sync).
    const posts = c.messages.filter(
      (m) =>
        m.from === 'controller-manager' &&
        m.label === 'POST /api/v1/namespaces/default/pods' &&
        m.ref?.name?.startsWith('web-dd744c879-'),
    );
    expect(posts).toHaveLength(16);
    const gaps = posts.slice(2).map((m, i) => m.at - posts[i + 1]!.at);
    expect(gaps).toEqual([
      10, 20, 40, 80, 160, 320, 640, 1280, 2560, 5120, 10240, 20480, 40960, 81920,
    ]);
    // None of them reached etcd.
    const tried = new Set(posts.map((m) => m.ref?.name));
    expect(c.messages.some((m) => m.kind.startsWith('etcd.') && tried.has(m.ref?.name))).toBe(
      false,
    );
    expect(c.snapshot().list('pods', 'default')).toEqual([]);

    // The controller's text is what the API server answers a pod sent with generateName only.
    const direct = c.client('kubectl').create('pods', 'default', {
      metadata: { generateName: 'web-dd744c879-' },
      spec: { priorityClassName: 'high', containers: [{ name: 'nginx', image: 'nginx' }] },
    });
    expect(direct.ok ? undefined : direct.status.message).toBe(REFUSED);
    expect(
      podCreateRefusal(
        { priorityClassName: 'high', containers: [{ name: 'nginx', image: 'nginx' }] },
        'web-dd744c879-',
        'web-dd744c879-abcde',
      ),
    ).toBe(REFUSED);

    // Fixed: the new ReplicaSet creates its pods, and no ReplicaSet reports a failure.
    expect(sh(`echo '${webDeployment(false)}' > web.json`).code).toBe(0);
    expect(sh('kubectl replace -f web.json')).toEqual(out('deployment.apps/web replaced\n'));
    expect(sh('kubectl get rs')).toEqual(
      out(
        [
          'NAME             DESIRED   CURRENT   READY   AGE',
          'web-6dc5cd68db   3         3         3       30s',
          'web-dd744c879    0         0         0       3m40s',
          '',
        ].join('\n'),
      ),
    );
    expect(sh(`kubectl get rs -o jsonpath='{.items[*].status.conditions}'`)).toEqual(out(''));
    expect(c.errors).toEqual([]);
  });

  it('the DaemonSet records FailedCreate with the pod named by its generateName', () => {
    const { sh } = transcriptSession();
    const agent = JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: { priorityClassName: 'high', containers: [{ name: 'agent', image: 'busybox' }] },
        },
      },
    });
    expect(sh(`echo '${agent}' > agent.json`).code).toBe(0);
    expect(sh('kubectl create -f agent.json')).toEqual(out('daemonset.apps/agent created\n'));
    expect(sh('kubectl get events')).toEqual(
      out(
        [
          'LAST SEEN   TYPE      REASON         OBJECT            MESSAGE',
          '15s         Warning   FailedCreate   daemonset/agent   Error creating: pods "agent-" is forbidden: no PriorityClass with name high was found',
          '',
        ].join('\n'),
      ),
    );
    expect(sh('kubectl get ds agent')).toEqual(
      out(
        [
          'NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE',
          'agent   3         0         0       0            0           <none>          55s',
          '',
        ].join('\n'),
      ),
    );
  });
});
