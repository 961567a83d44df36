import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/types.ts';
import {
  columnsFor,
  formatEndpoints,
  nodeRoles,
  nodeStatus,
  podStatus,
  rowFor,
  selectorString,
} from './columns.ts';
import { NOW, node, runningPod } from './fixtures.ts';
import { printTable } from './table.ts';

function withStatus(
  status: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): KubeObject {
  const p = runningPod('web-7c79c4bf97-x6j7v');
  return { ...p, ...extra, status: { ...(p.status as object), ...status } };
}

describe('pod STATUS / READY / RESTARTS (printPod)', () => {
  it('a running ready pod is 1/1 Running 0', () => {
    expect(podStatus(runningPod('p'), NOW)).toEqual({
      ready: '1/1',
      status: 'Running',
      restarts: '0',
    });
  });

  it('an unscheduled pod shows its phase, Pending', () => {
    const p = withStatus({ phase: 'Pending', conditions: [], containerStatuses: undefined });
    expect(podStatus(p, NOW)).toEqual({ ready: '0/1', status: 'Pending', restarts: '0' });
  });

  it('a waiting reason wins: ContainerCreating, ImagePullBackOff', () => {
    for (const reason of ['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff']) {
      const p = withStatus({
        phase: 'Pending',
        containerStatuses: [
          {
            name: 'nginx',
            ready: false,
            restartCount: 0,
            image: 'nginx',
            imageID: '',
            state: { waiting: { reason } },
          },
        ],
      });
      expect(podStatus(p, NOW).status).toBe(reason);
    }
  });

  it('CrashLoopBackOff with restarts shows "(x ago)" from the last termination', () => {
    const p = withStatus({
      containerStatuses: [
        {
          name: 'nginx',
          ready: false,
          restartCount: 4,
          image: 'nginx',
          imageID: '',
          state: { waiting: { reason: 'CrashLoopBackOff' } },
          lastState: {
            terminated: { exitCode: 1, reason: 'Error', finishedAt: '2026-01-15T10:08:58Z' },
          },
        },
      ],
    });
    expect(podStatus(p, NOW)).toEqual({
      ready: '0/1',
      status: 'CrashLoopBackOff',
      restarts: '4 (62s ago)',
    });
  });

  it('a terminated container without reason prints ExitCode:N or Signal:N', () => {
    const exit = withStatus({
      containerStatuses: [
        {
          name: 'nginx',
          ready: false,
          restartCount: 0,
          image: '',
          imageID: '',
          state: { terminated: { exitCode: 3 } },
        },
      ],
    });
    expect(podStatus(exit, NOW).status).toBe('ExitCode:3');
    const sig = withStatus({
      containerStatuses: [
        {
          name: 'nginx',
          ready: false,
          restartCount: 0,
          image: '',
          imageID: '',
          state: { terminated: { exitCode: 137, signal: 9 } },
        },
      ],
    });
    expect(podStatus(sig, NOW).status).toBe('Signal:9');
  });

  it('walks containers from last to first, so the first container decides', () => {
    const p = withStatus(
      {
        containerStatuses: [
          {
            name: 'a',
            ready: false,
            restartCount: 0,
            image: '',
            imageID: '',
            state: { waiting: { reason: 'ErrImagePull' } },
          },
          {
            name: 'b',
            ready: false,
            restartCount: 0,
            image: '',
            imageID: '',
            state: { waiting: { reason: 'ContainerCreating' } },
          },
        ],
      },
      { spec: { containers: [{ name: 'a' }, { name: 'b' }] } },
    );
    expect(podStatus(p, NOW)).toEqual({ ready: '0/2', status: 'ErrImagePull', restarts: '0' });
  });

  it('Completed with a container still running becomes Running when Ready, NotReady otherwise', () => {
    const statuses = [
      {
        name: 'a',
        ready: false,
        restartCount: 0,
        image: '',
        imageID: '',
        state: { terminated: { exitCode: 0, reason: 'Completed' } },
      },
      {
        name: 'b',
        ready: true,
        restartCount: 0,
        image: '',
        imageID: '',
        state: { running: { startedAt: '2026-01-15T10:00:00Z' } },
      },
    ];
    const spec = { spec: { containers: [{ name: 'a' }, { name: 'b' }] } };
    expect(podStatus(withStatus({ containerStatuses: statuses }, spec), NOW).status).toBe(
      'Running',
    );
    const notReady = withStatus(
      { containerStatuses: statuses, conditions: [{ type: 'Ready', status: 'False' }] },
      spec,
    );
    expect(podStatus(notReady, NOW)).toEqual({ ready: '1/2', status: 'NotReady', restarts: '0' });
  });

  it('init containers: Init:0/1 while running, Init:<reason> when waiting, Init:ExitCode:N on failure', () => {
    const spec = { spec: { initContainers: [{ name: 'init' }], containers: [{ name: 'nginx' }] } };
    const base = {
      phase: 'Pending',
      conditions: [],
      containerStatuses: [
        {
          name: 'nginx',
          ready: false,
          restartCount: 0,
          image: '',
          imageID: '',
          state: { waiting: { reason: 'PodInitializing' } },
        },
      ],
    };
    const running = withStatus(
      {
        ...base,
        initContainerStatuses: [
          {
            name: 'init',
            ready: false,
            restartCount: 0,
            image: '',
            imageID: '',
            state: { running: {} },
          },
        ],
      },
      spec,
    );
    expect(podStatus(running, NOW).status).toBe('Init:0/1');
    const waiting = withStatus(
      {
        ...base,
        initContainerStatuses: [
          {
            name: 'init',
            ready: false,
            restartCount: 2,
            image: '',
            imageID: '',
            state: { waiting: { reason: 'CrashLoopBackOff' } },
          },
        ],
      },
      spec,
    );
    expect(podStatus(waiting, NOW)).toEqual({
      ready: '0/1',
      status: 'Init:CrashLoopBackOff',
      restarts: '2',
    });
    const failed = withStatus(
      {
        ...base,
        initContainerStatuses: [
          {
            name: 'init',
            ready: false,
            restartCount: 0,
            image: '',
            imageID: '',
            state: { terminated: { exitCode: 2 } },
          },
        ],
      },
      spec,
    );
    expect(podStatus(failed, NOW).status).toBe('Init:ExitCode:2');
  });

  it('a deleted pod is Terminating, or Unknown when its node was lost', () => {
    const deleting: KubeObject = {
      ...runningPod('p'),
      metadata: { ...runningPod('p').metadata, deletionTimestamp: '2026-01-15T10:09:30Z' },
    };
    expect(podStatus(deleting, NOW).status).toBe('Terminating');
    const lost = { ...deleting, status: { ...(deleting.status as object), reason: 'NodeLost' } };
    expect(podStatus(lost, NOW).status).toBe('Unknown');
    const done = { ...deleting, status: { phase: 'Succeeded', containerStatuses: [] } };
    expect(podStatus(done, NOW).status).toBe('Succeeded');
  });

  it('status.reason such as Evicted replaces the phase', () => {
    expect(
      podStatus(withStatus({ phase: 'Failed', reason: 'Evicted', containerStatuses: [] }), NOW)
        .status,
    ).toBe('Evicted');
  });
});

describe('node STATUS and ROLES', () => {
  it('Ready, NotReady, Unknown and SchedulingDisabled', () => {
    expect(nodeStatus(node('w'))).toBe('Ready');
    expect(nodeStatus(node('w', { ready: 'Unknown' }))).toBe('NotReady');
    expect(nodeStatus(node('w', { ready: 'False' }))).toBe('NotReady');
    expect(nodeStatus(node('w', { ready: 'none' }))).toBe('Unknown');
    expect(nodeStatus(node('w', { unschedulable: true }))).toBe('Ready,SchedulingDisabled');
  });
  it('roles come from node-role labels, sorted, else <none>', () => {
    expect(nodeRoles(node('cp', { controlPlane: true }))).toBe('control-plane');
    expect(nodeRoles(node('w'))).toBe('<none>');
    const multi = node('x');
    multi.metadata = {
      ...multi.metadata,
      labels: {
        'node-role.kubernetes.io/worker': '',
        'kubernetes.io/role': 'infra',
        'node-role.kubernetes.io/': '',
      },
    };
    expect(nodeRoles(multi)).toBe('infra,worker');
  });
});

describe('tables', () => {
  it('prints pods like kubectl get pods, byte for byte', () => {
    const pods = [
      runningPod('web-7c79c4bf97-x6j7v'),
      withStatus(
        {
          phase: 'Pending',
          containerStatuses: [
            {
              name: 'nginx',
              ready: false,
              restartCount: 0,
              image: '',
              imageID: '',
              state: { waiting: { reason: 'ContainerCreating' } },
            },
          ],
        },
        { metadata: { name: 'web-7c79c4bf97-2zb68', creationTimestamp: '2026-01-15T10:09:48Z' } },
      ),
    ];
    const rows = pods.map((p) => rowFor('pods', p, { wide: false, now: NOW }));
    expect(printTable({ columns: columnsFor('pods', false), rows })).toBe(
      'NAME                   READY   STATUS              RESTARTS   AGE\n' +
        'web-7c79c4bf97-x6j7v   1/1     Running             0          52s\n' +
        'web-7c79c4bf97-2zb68   0/1     ContainerCreating   0          12s\n',
    );
  });

  it('-o wide adds IP, NODE, NOMINATED NODE, READINESS GATES with <none>', () => {
    const pending = withStatus(
      {
        phase: 'Pending',
        podIP: undefined,
        podIPs: undefined,
        containerStatuses: [],
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }],
      },
      { spec: { containers: [{ name: 'nginx' }] } },
    );
    const rows = [
      rowFor('pods', runningPod('a'), { wide: true, now: NOW }),
      rowFor('pods', pending, { wide: true, now: NOW }),
    ];
    expect(printTable({ columns: columnsFor('pods', true), rows })).toBe(
      'NAME                   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\n' +
        'a                      1/1     Running   0          52s   10.244.1.2   worker   <none>           <none>\n' +
        'web-7c79c4bf97-x6j7v   0/1     Pending   0          52s   <none>       <none>   <none>           <none>\n',
    );
  });

  it('--no-headers shrinks widths to the data', () => {
    const rows = [rowFor('pods', runningPod('a'), { wide: false, now: NOW })];
    expect(printTable({ columns: columnsFor('pods', false), rows }, { noHeaders: true })).toBe(
      'a     1/1   Running   0     52s\n',
    );
  });

  it('zero rows print nothing, not even a header', () => {
    expect(printTable({ columns: ['Name'], rows: [] })).toBe('');
  });

  it('cuts a cell at the first line break and appends ...', () => {
    expect(printTable({ columns: ['Name', 'Message'], rows: [['x', 'line one\nline two']] })).toBe(
      'NAME   MESSAGE\nx      line one...\n',
    );
  });

  it('prints nodes with ROLES and VERSION', () => {
    const rows = [
      node('control-plane', { controlPlane: true }),
      node('worker', { unschedulable: true }),
    ].map((n) => rowFor('nodes', n, { wide: false, now: NOW }));
    expect(printTable({ columns: columnsFor('nodes', false), rows })).toBe(
      'NAME            STATUS                     ROLES           AGE    VERSION\n' +
        'control-plane   Ready                      control-plane   2d3h   v1.32.2\n' +
        'worker          Ready,SchedulingDisabled   <none>          2d3h   v1.32.2\n',
    );
  });

  it('prints deployments, replica sets and services', () => {
    const deploy: KubeObject = {
      metadata: { name: 'web', creationTimestamp: '2026-01-15T10:09:00Z' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: {
          spec: {
            containers: [
              { name: 'nginx', image: 'nginx:1.27' },
              { name: 'side', image: 'busybox' },
            ],
          },
        },
      },
      status: { readyReplicas: 1, updatedReplicas: 3, availableReplicas: 1 },
    };
    expect(rowFor('deployments', deploy, { wide: true, now: NOW })).toEqual([
      'web',
      '1/3',
      '3',
      '1',
      '60s',
      'nginx,side',
      'nginx:1.27,busybox',
      'app=web',
    ]);
    const rs: KubeObject = {
      metadata: { name: 'web-7c79c4bf97', creationTimestamp: '2026-01-15T10:09:00Z' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { 'pod-template-hash': '7c79c4bf97', app: 'web' } },
        template: { spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
      },
      status: { replicas: 3, readyReplicas: 2 },
    };
    expect(rowFor('replicasets', rs, { wide: true, now: NOW })).toEqual([
      'web-7c79c4bf97',
      '3',
      '3',
      '2',
      '60s',
      'nginx',
      'nginx',
      'app=web,pod-template-hash=7c79c4bf97',
    ]);
    const svc: KubeObject = {
      metadata: { name: 'web', creationTimestamp: '2026-01-15T10:00:00Z' },
      spec: {
        type: 'NodePort',
        clusterIP: '10.96.12.7',
        clusterIPs: ['10.96.12.7'],
        ports: [
          { port: 80, nodePort: 31234, protocol: 'TCP' },
          { port: 443, protocol: 'TCP' },
        ],
        selector: { app: 'web' },
      },
    };
    expect(rowFor('services', svc, { wide: true, now: NOW })).toEqual([
      'web',
      'NodePort',
      '10.96.12.7',
      '<none>',
      '80:31234/TCP,443/TCP',
      '10m',
      'app=web',
    ]);
    const lb: KubeObject = {
      metadata: { name: 'lb' },
      spec: { type: 'LoadBalancer', ports: [{ port: 80 }] },
    };
    expect(rowFor('services', lb, { wide: false, now: NOW })).toEqual([
      'lb',
      'LoadBalancer',
      '<none>',
      '<pending>',
      '80/TCP',
      '<unknown>',
    ]);
  });

  it('formats endpoints: three addresses then "+ N more..."', () => {
    const ep = {
      subsets: [
        {
          addresses: ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'].map((ip) => ({ ip })),
          ports: [{ port: 80 }],
        },
      ],
    };
    expect(formatEndpoints(ep)).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...');
    expect(formatEndpoints({})).toBe('<none>');
  });

  it('prints events with lower-case kind/name OBJECT and wide SOURCE', () => {
    const ev: KubeObject = {
      metadata: { name: 'web.1881c3e9b7a6f2d4', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'web', fieldPath: 'spec.containers{nginx}' },
      reason: 'Pulled',
      type: 'Normal',
      message: 'Successfully pulled image "nginx"  ',
      source: { component: 'kubelet', host: 'worker' },
      firstTimestamp: '2026-01-15T09:50:00Z',
      lastTimestamp: '2026-01-15T10:09:00Z',
      count: 3,
    };
    expect(rowFor('events', ev, { wide: false, now: NOW })).toEqual([
      '60s',
      'Normal',
      'Pulled',
      'pod/web',
      'Successfully pulled image "nginx"',
    ]);
    expect(rowFor('events', ev, { wide: true, now: NOW })).toEqual([
      '60s',
      'Normal',
      'Pulled',
      'pod/web',
      'spec.containers{nginx}',
      'kubelet, worker',
      'Successfully pulled image "nginx"',
      '20m',
      '3',
      'web.1881c3e9b7a6f2d4',
    ]);
  });

  it('renders label selectors like LabelSelectorAsSelector', () => {
    expect(
      selectorString({
        matchLabels: { b: '2', a: '1' },
        matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }],
      }),
    ).toBe('a=1,b=2,tier in (api,web)');
  });
});
