import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { ko } from '../i18n/ko.ts';
import { hostForCluster, runLine } from '../kubectl/index.ts';
import { buildContainerFlow, runContainerFlow } from './containerFlow.ts';
import type { Story, StoryStep, Text } from './types.ts';

const CONTRACT_IDS = [
  'image-push',
  'api-request',
  'scheduler-choice',
  'kubelet',
  'image-pull',
  'pod-running',
];

const story: Story = buildContainerFlow(1);
const simple = story.levels.simple;
const detailed = story.levels.detailed;
const byId = (steps: StoryStep[], id: string): StoryStep => {
  const step = steps.find((s) => s.id === id);
  if (!step) throw new Error(`no step ${id}`);
  return step;
};

describe('container flow: step ids', () => {
  it('the simple level is exactly the study note six beats, in contract order', () => {
    expect(simple.map((s) => s.id)).toEqual(CONTRACT_IDS);
  });

  it('the detailed level has eleven steps with the contract ids in order among them', () => {
    expect(detailed.map((s) => s.id)).toEqual([
      'image-build',
      'image-push',
      'api-request',
      'etcd-write',
      'deployment-controller',
      'replicaset-controller',
      'scheduler-choice',
      'kubelet',
      'image-pull',
      'container-start',
      'pod-running',
    ]);
    const ids = detailed.map((s) => s.id);
    const positions = CONTRACT_IDS.map((id) => ids.indexOf(id));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('each step model carries its id (data-step on the stage)', () => {
    for (const step of [...simple, ...detailed]) expect(step.model.stepId).toBe(step.id);
  });
});

describe('container flow: messages', () => {
  const cluster = runContainerFlow(1);
  const real = cluster.messages.filter((m) => !m.housekeeping);

  it('every message that is not housekeeping belongs to exactly one detailed step, in order', () => {
    for (const m of real) {
      const owners = detailed.filter((s) => s.seqFrom <= m.seq && m.seq <= s.seqTo);
      expect(
        owners.map((s) => s.id),
        `message ${m.seq} ${m.kind}`,
      ).toHaveLength(1);
    }
    expect(detailed.flatMap((s) => s.messages.map((m) => m.seq))).toEqual(real.map((m) => m.seq));
  });

  it('both levels cut the log into contiguous ranges from the first message', () => {
    for (const steps of [simple, detailed]) {
      expect(steps[0]?.seqFrom).toBe(0);
      for (let i = 1; i < steps.length; i++) {
        expect(steps[i]?.seqFrom).toBe((steps[i - 1]?.seqTo ?? -2) + 1);
      }
      expect(steps.at(-1)?.seqTo).toBe(real.at(-1)?.seq);
    }
  });

  it('the detailed level shows the watches, including the one that wakes the kubelet', () => {
    const kubelet = byId(detailed, 'kubelet');
    expect(
      kubelet.messages.some(
        (m) => m.kind === 'watch.event' && m.from === 'api-server' && m.to === 'kubelet/node1',
      ),
    ).toBe(true);
    const controllers = byId(detailed, 'deployment-controller');
    expect(controllers.messages[0]).toMatchObject({
      kind: 'watch.event',
      from: 'api-server',
      to: 'controller-manager',
      label: 'watch: Deployment added',
    });
  });

  it('the simple level shows only main hops: no watches, no Events, etcd only where it stores', () => {
    for (const step of simple) {
      for (const m of step.messages) {
        expect(m.kind).not.toBe('watch.event');
        expect(m.label).not.toMatch(/\/events$/);
      }
    }
    // The narration says "stores it" (api-request) and "stores the status in etcd" (pod-running):
    // exactly those steps draw one API server → etcd write, and etcd acts there.
    const etcdSteps = simple.filter((s) => s.messages.some((m) => m.to === 'etcd'));
    expect(etcdSteps.map((s) => s.id)).toEqual(['api-request', 'pod-running']);
    for (const step of etcdSteps) {
      expect(step.messages.filter((m) => m.to === 'etcd').map((m) => m.kind)).toEqual(['etcd.put']);
      expect(step.model.active).toContain('etcd');
    }
    expect(
      byId(simple, 'pod-running')
        .messages.filter((m) => m.from === 'api-server' || m.to === 'api-server')
        .map((m) => `${m.from}→${m.to} ${m.label}`)
        .slice(-2)
        .map((line) => line.replace(/web-[a-z0-9-]+/, 'POD')),
    ).toEqual([
      'kubelet/node1→api-server PATCH /api/v1/namespaces/default/pods/POD/status',
      'api-server→etcd /registry/pods/default/POD',
    ]);
    expect(byId(simple, 'api-request').messages.map((m) => `${m.from}→${m.to} ${m.label}`)).toEqual(
      [
        'developer→api-server POST /apis/apps/v1/namespaces/default/deployments',
        'api-server→etcd /registry/deployments/default/web',
        'api-server→developer 201',
        'controller-manager→api-server POST /apis/apps/v1/namespaces/default/replicasets',
        'controller-manager→api-server POST /api/v1/namespaces/default/pods',
      ],
    );
  });

  it('packets are the shown messages, and the active components are their ends', () => {
    const step = byId(detailed, 'scheduler-choice');
    expect(step.model.packets.map((p) => p.id)).toHaveLength(step.messages.length);
    expect(step.model.active).toEqual(
      expect.arrayContaining(['api-server', 'scheduler', 'etcd', 'controller-manager']),
    );
    expect(step.model.active).not.toContain('kubelet/node1');
    const pull = byId(simple, 'image-pull');
    expect(pull.model.active).toEqual(
      expect.arrayContaining(['kubelet/node1', 'container-runtime/node1', 'registry']),
    );
  });

  it('the YAML read from a frame is what kubectl prints against the live cluster', () => {
    const last = detailed.at(-1) as StoryStep;
    const live = runLine(hostForCluster(cluster), last.yaml?.title ?? '');
    expect(live.stdout).toBe(last.yaml?.text);
  });

  it('times are relative to the scenario start', () => {
    expect(detailed[0]?.messages[0]?.at).toBe(0);
    const pulled = byId(detailed, 'image-pull').messages.find((m) => m.kind === 'image.pulled');
    expect(pulled?.at).toBeGreaterThan(0);
  });
});

describe('container flow: what the learner sees', () => {
  const decision = byId(detailed, 'scheduler-choice').decision;
  const chosen = decision?.rows.find((r) => r.chosen);

  it('the scheduler rejects the control-plane node for its taint and picks one worker', () => {
    expect(decision?.rows.map((r) => r.node)).toEqual(['control-plane', 'node1', 'node2', 'node3']);
    expect(decision?.rows[0]).toEqual({
      node: 'control-plane',
      feasible: false,
      chosen: false,
      reason: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
    });
    expect(decision?.rows.filter((r) => r.chosen)).toHaveLength(1);
    expect(decision?.plugins).toContain('TaintToleration');
    for (const row of decision?.rows.slice(1) ?? []) {
      expect(row.feasible).toBe(true);
      const sum = Object.values(row.scores ?? {}).reduce((a, b) => a + b, 0);
      expect(row.total).toBe(sum);
    }
    const best = Math.max(...(decision?.rows.map((r) => r.total ?? -1) ?? []));
    expect(chosen?.total).toBe(best);
    expect(byId(simple, 'scheduler-choice').decision).toEqual(decision);
  });

  it('the last step has the pod Running on the node the scheduler chose', () => {
    for (const steps of [simple, detailed]) {
      const last = steps.at(-1) as StoryStep;
      expect(last.id).toBe('pod-running');
      const pod = last.model.pods.find((p) => p.namespace === 'default');
      expect(pod).toMatchObject({ node: chosen?.node, status: 'Running' });
      expect(pod?.name).toMatch(/^web-[a-z0-9]{8,10}-[a-z0-9]{5}$/);
      expect(decision?.pod).toBe(pod?.name);
    }
  });

  it('kubectl get pods -o wide: nothing at the API request, Running on the node at the end', () => {
    expect(byId(detailed, 'api-request').getPods).toBe(
      'No resources found in default namespace.\n',
    );
    const [header, row, ...rest] = (detailed.at(-1) as StoryStep).getPods.split('\n');
    expect(header).toMatch(
      /^NAME +READY +STATUS +RESTARTS +AGE +IP +NODE +NOMINATED NODE +READINESS GATES$/,
    );
    expect(row).toMatch(
      new RegExp(
        `^${decision?.pod} +1/1 +Running +0 +\\d+s +10\\.244\\.\\d+\\.\\d+ +${chosen?.node} +<none> +<none>$`,
      ),
    );
    expect(rest).toEqual(['']);
  });

  it('STATUS moves Pending → ContainerCreating → Running as kubectl prints it', () => {
    const status = (id: string) =>
      byId(detailed, id).model.pods.find((p) => p.namespace === 'default')?.status;
    expect(
      byId(detailed, 'deployment-controller').model.pods.some((p) => p.namespace === 'default'),
    ).toBe(false);
    expect(status('replicaset-controller')).toBe('Pending');
    expect(status('scheduler-choice')).toBe('Pending');
    expect(status('kubelet')).toBe('ContainerCreating');
    expect(status('container-start')).toBe('ContainerCreating');
    expect(status('pod-running')).toBe('Running');
    const unbound = byId(detailed, 'replicaset-controller').model.pods.find(
      (p) => p.namespace === 'default',
    );
    expect(unbound?.node).toBeNull();
  });

  it('the stage lists every node Ready and the kube-system pods', () => {
    const model = byId(simple, 'image-push').model;
    expect(model.nodes).toEqual([
      { name: 'control-plane', role: 'control-plane', ready: true, schedulable: true },
      { name: 'node1', role: 'worker', ready: true, schedulable: true },
      { name: 'node2', role: 'worker', ready: true, schedulable: true },
      { name: 'node3', role: 'worker', ready: true, schedulable: true },
    ]);
    expect(
      model.pods.some((p) => p.namespace === 'kube-system' && p.name.startsWith('coredns-')),
    ).toBe(true);
  });

  it('shows the request kubectl sent and the YAML of the object each step touches', () => {
    const request = byId(detailed, 'api-request').request;
    expect(request?.title).toBe('POST /apis/apps/v1/namespaces/default/deployments');
    expect(request?.text).toContain('kind: Deployment');
    expect(request?.text).toContain('- image: nginx');
    expect(byId(detailed, 'etcd-write').yaml?.title).toBe('kubectl get deployment web -o yaml');
    expect(byId(detailed, 'etcd-write').yaml?.text).toContain('revisionHistoryLimit: 10');
    const bound = byId(detailed, 'scheduler-choice').yaml;
    expect(bound?.title).toBe(`kubectl get pod ${decision?.pod} -o yaml`);
    expect(bound?.text).toContain(`nodeName: ${chosen?.node}`);
    expect(byId(detailed, 'pod-running').yaml?.text).toContain('phase: Running');
  });
});

describe('container flow: text', () => {
  const texts: Text[] = [];
  for (const step of [...simple, ...detailed]) {
    texts.push(step.title, step.text, ...step.messages.map((m) => m.summary));
  }

  it('every key exists in Korean and English and every {param} is supplied', () => {
    for (const t of texts) {
      for (const catalog of [en, ko] as Record<string, string>[]) {
        const value = catalog[t.key];
        expect(value, t.key).toBeTypeOf('string');
        for (const [, name] of (value ?? '').matchAll(/\{(\w+)\}/g)) {
          expect(t.params ?? {}, `${t.key} needs {${name}}`).toHaveProperty(name as string);
        }
      }
    }
  });

  it('Korean and English use the same placeholders for every story key', () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en).filter((k) => k.startsWith('story.'))) {
      expect(names((ko as Record<string, string>)[key] ?? ''), key).toEqual(
        names((en as Record<string, string>)[key] ?? ''),
      );
    }
  });

  it('names the chosen node and the pod in the narration', () => {
    const sched = byId(detailed, 'scheduler-choice');
    expect(sched.text.params).toMatchObject({ node: 'node1', pod: sched.decision?.pod });
  });
});

describe('container flow: determinism', () => {
  it('two builds with the same seed are deep-equal', () => {
    expect(buildContainerFlow(1)).toEqual(story);
  });

  it('another seed still finds every beat', () => {
    const other = buildContainerFlow(2);
    expect(other.levels.simple.map((s) => s.id)).toEqual(CONTRACT_IDS);
    expect(other.levels.detailed).toHaveLength(11);
  });
});

describe('message summaries', () => {
  it('names the node in the binding message (read after the etcd write)', () => {
    const story = buildContainerFlow(1);
    const step = story.levels.detailed.find((s) => s.id === 'scheduler-choice');
    const bind = step?.messages.find((m) => m.kind === 'api.bind');
    const winner = step?.decision?.rows.find((r) => r.chosen)?.node;
    expect(winner).toBe('node1');
    expect(bind?.summary).toEqual({
      key: 'story.msg.api.bind',
      params: { name: 'web-6dc5cd68db-z45gl', node: winner },
    });
  });
});
