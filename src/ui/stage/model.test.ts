import { describe, expect, it } from 'vitest';
import { DEMO_STEPS } from './demoSteps.ts';
import {
  groupPods,
  namespaceHue,
  nodeStatusText,
  parseComponentId,
  type StageModel,
  type StagePod,
  statusTone,
} from './model.ts';

const pod = (name: string, node: string | null, namespace = 'default', status = 'Running') =>
  ({ uid: `uid-${name}`, namespace, name, node, status }) satisfies StagePod;

describe('component ids', () => {
  it('split into data-component and data-node', () => {
    expect(parseComponentId('api-server')).toEqual({ kind: 'api-server' });
    expect(parseComponentId('kubelet/node1')).toEqual({ kind: 'kubelet', node: 'node1' });
    expect(parseComponentId('container-runtime/control-plane')).toEqual({
      kind: 'container-runtime',
      node: 'control-plane',
    });
  });

  it('reject ids that are not components', () => {
    expect(parseComponentId('kubectl')).toBeNull();
    expect(parseComponentId('kubelet/')).toBeNull();
    expect(parseComponentId('etcd/node1')).toBeNull();
    expect(parseComponentId('/node1')).toBeNull();
  });
});

describe('node STATUS as kubectl get nodes prints it', () => {
  it('is Ready, NotReady, and adds SchedulingDisabled when cordoned', () => {
    const node = { name: 'node1', role: 'worker' as const, ready: true, schedulable: true };
    expect(nodeStatusText(node)).toBe('Ready');
    expect(nodeStatusText({ ...node, ready: false })).toBe('NotReady');
    expect(nodeStatusText({ ...node, schedulable: false })).toBe('Ready,SchedulingDisabled');
    expect(nodeStatusText({ ...node, ready: false, schedulable: false })).toBe(
      'NotReady,SchedulingDisabled',
    );
  });
});

describe('pod status tones', () => {
  it('pair each kubectl STATUS with a tone', () => {
    expect(statusTone('Running')).toBe('ok');
    expect(statusTone('Completed')).toBe('ok');
    expect(statusTone('ContainerCreating')).toBe('progress');
    expect(statusTone('Init:0/1')).toBe('progress');
    expect(statusTone('Pending')).toBe('waiting');
    expect(statusTone('ErrImagePull')).toBe('error');
    expect(statusTone('ImagePullBackOff')).toBe('error');
    expect(statusTone('CrashLoopBackOff')).toBe('error');
    expect(statusTone('Init:ImagePullBackOff')).toBe('error');
    expect(statusTone('Terminating')).toBe('ending');
  });
});

describe('namespace hues', () => {
  it('are fixed for the namespaces of the lesson and stable for any other', () => {
    expect(namespaceHue('orange')).toBe(28);
    expect(namespaceHue('green')).toBe(135);
    expect(namespaceHue('team-a')).toBe(namespaceHue('team-a'));
    for (const ns of ['team-a', 'lotte-homeshopping', 'x']) {
      const hue = namespaceHue(ns);
      expect(hue).toBeGreaterThanOrEqual(0);
      expect(hue).toBeLessThan(360);
      expect(Number.isInteger(hue)).toBe(true);
    }
    expect(namespaceHue('team-a')).not.toBe(namespaceHue('team-b'));
  });
});

describe('grouping pods for the stage', () => {
  const model: StageModel = {
    nodes: [
      { name: 'control-plane', role: 'control-plane', ready: true, schedulable: true },
      { name: 'node1', role: 'worker', ready: true, schedulable: true },
    ],
    pods: [
      pod('web-b', 'node1'),
      pod('kube-proxy-2xkqv', 'node1', 'kube-system'),
      pod('web-a', null, 'default', 'Pending'),
      pod('web-c', 'node1', 'blue'),
      pod('lost', 'node9'),
      pod('etcd-control-plane', 'control-plane', 'kube-system'),
    ],
    active: [],
    packets: [],
  };

  it('puts unscheduled pods in the tray and the rest on their node', () => {
    const { byNode, unscheduled, orphans } = groupPods(model);
    expect(unscheduled.map((p) => p.name)).toEqual(['web-a']);
    expect(byNode.get('node1')?.workload.map((p) => `${p.namespace}/${p.name}`)).toEqual([
      'blue/web-c',
      'default/web-b',
    ]);
    expect(byNode.get('node1')?.system.map((p) => p.name)).toEqual(['kube-proxy-2xkqv']);
    expect(byNode.get('control-plane')?.system.map((p) => p.name)).toEqual(['etcd-control-plane']);
    // A pod bound to a node the model does not know is kept, not dropped.
    expect(orphans.map((p) => p.name)).toEqual(['lost']);
  });

  it('keeps every pod exactly once', () => {
    const { byNode, unscheduled, orphans } = groupPods(model);
    const all = [
      ...unscheduled,
      ...orphans,
      ...[...byNode.values()].flatMap((g) => [...g.workload, ...g.system]),
    ];
    expect(all.map((p) => p.uid).sort()).toEqual(model.pods.map((p) => p.uid).sort());
  });
});

describe('the demo sequence (placeholder for the story layer)', () => {
  it('has the six contract step ids in order', () => {
    expect(DEMO_STEPS.map((s) => s.id)).toEqual([
      'image-push',
      'api-request',
      'scheduler-choice',
      'kubelet',
      'image-pull',
      'pod-running',
    ]);
    for (const step of DEMO_STEPS) expect(step.model.stepId).toBe(step.id);
  });

  it('takes the web pods through Pending (tray) → Pending (bound) → ContainerCreating → Running', () => {
    const web = (i: number) =>
      (DEMO_STEPS[i]?.model.pods ?? [])
        .filter((p) => p.namespace === 'default')
        .map((p) => `${p.name} ${p.node ?? '-'} ${p.status}`);
    expect(web(0)).toEqual([]);
    expect(web(1)).toEqual([
      'web-7c79c4bf97-x6j7v - Pending',
      'web-7c79c4bf97-2zb68 - Pending',
      'web-7c79c4bf97-qb62p - Pending',
    ]);
    expect(web(2)).toEqual([
      'web-7c79c4bf97-x6j7v node1 Pending',
      'web-7c79c4bf97-2zb68 node2 Pending',
      'web-7c79c4bf97-qb62p node3 Pending',
    ]);
    expect(web(3).every((line) => line.endsWith(' ContainerCreating'))).toBe(true);
    expect(web(4).every((line) => line.endsWith(' ContainerCreating'))).toBe(true);
    expect(web(5).every((line) => line.endsWith(' Running'))).toBe(true);
  });

  it('names pods the way Kubernetes does and keeps each uid stable across steps', () => {
    const names = new Map<string, string>();
    for (const step of DEMO_STEPS) {
      for (const p of step.model.pods) {
        if (p.namespace === 'default') {
          // <deployment>-<pod-template-hash: 10 chars from 4-9,b,c,d,f>-<5 from the generateName alphabet>
          expect(p.name).toMatch(/^web-[4-9bcdf]{9,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
        }
        const seen = names.get(p.uid);
        if (seen) expect(p.name).toBe(seen);
        names.set(p.uid, p.name);
      }
    }
  });

  it('only sends packets between components that exist on the stage', () => {
    for (const step of DEMO_STEPS) {
      const nodes = new Set(step.model.nodes.map((n) => n.name));
      for (const id of [
        ...step.model.active,
        ...step.model.packets.flatMap((p) => [p.from, p.to]),
      ]) {
        const parsed = parseComponentId(id);
        expect(parsed, `${step.id}: ${id}`).not.toBeNull();
        if (parsed?.node) expect(nodes.has(parsed.node), `${step.id}: ${id}`).toBe(true);
      }
      // Every sender and receiver of a packet is shown acting in that step.
      for (const p of step.model.packets) {
        expect(step.model.active, `${step.id}: ${p.id}`).toEqual(
          expect.arrayContaining([p.from, p.to]),
        );
      }
    }
  });

  it('never talks to etcd except through the API server', () => {
    for (const step of DEMO_STEPS) {
      for (const p of step.model.packets) {
        if (p.from === 'etcd' || p.to === 'etcd') {
          expect([p.from, p.to], `${step.id}: ${p.id}`).toContain('api-server');
        }
      }
    }
  });
});
