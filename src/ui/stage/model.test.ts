import { describe, expect, it } from 'vitest';
import {
  compareNames,
  groupPods,
  namespaceHue,
  namespaceSaturation,
  namespaceStyle,
  nodeStatusText,
  parseComponentId,
  podsByNamespace,
  type StageModel,
  type StagePod,
  stageNamespaces,
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
    // A Completed container that its restart policy starts again is a crash loop, not success.
    expect(statusTone('Completed')).toBe('ok');
    expect(statusTone('Completed', true)).toBe('error');
    // Running but READY 0/1 (a readiness probe has not passed) is not serving yet.
    expect(statusTone('Running', false, true)).toBe('progress');
    expect(statusTone('Running')).toBe('ok');
    expect(statusTone('CrashLoopBackOff')).toBe('error');
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

  it('tell the cluster namespaces and the lesson ones apart, and honour colour words', () => {
    // default is a neutral slate: blue, the lesson's namespace, is the one drawn blue.
    expect(namespaceSaturation('default')).toBeLessThan(20);
    expect(namespaceSaturation('blue')).toBe(65);
    // The kube-* namespaces are muted and far apart from each other.
    const kube = ['kube-system', 'kube-public', 'kube-node-lease'].map(namespaceHue);
    for (const [i, a] of kube.entries()) {
      for (const b of kube.slice(i + 1)) expect(hueDistance(a, b)).toBeGreaterThanOrEqual(60);
    }
    for (const ns of ['kube-system', 'kube-public', 'kube-node-lease']) {
      expect(namespaceSaturation(ns)).toBeLessThan(50);
    }
    // A namespace called red is red, whatever its hash says; so is team-red.
    expect(namespaceHue('red')).toBe(0);
    expect(namespaceHue('team-red')).toBe(0);
    expect(namespaceHue('blue')).toBe(225);
    expect(hueDistance(namespaceHue('green'), namespaceHue('blue'))).toBeGreaterThanOrEqual(60);
    expect(namespaceStyle('kube-system')).toEqual({ '--ns-hue': 260, '--ns-sat': '45%' });
  });
});

/** Degrees between two hues on the colour wheel. */
function hueDistance(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return Math.min(d, 360 - d);
}

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

describe('grouping by namespace', () => {
  const model = (pods: StagePod[], namespaces?: StageModel['namespaces']): StageModel => ({
    nodes: [
      { name: 'control-plane', role: 'control-plane', ready: true, schedulable: false },
      { name: 'node1', role: 'worker', ready: true, schedulable: true },
    ],
    pods,
    active: [],
    packets: [],
    ...(namespaces ? { namespaces } : {}),
  });

  it('lists the namespaces of the pods, sorted as kubectl get namespaces sorts them', () => {
    const m = model([
      pod('web-1', 'node1'),
      pod('coredns-1', 'node1', 'kube-system'),
      pod('nginx', 'node1', 'blue'),
    ]);
    expect(stageNamespaces(m)).toEqual([
      { name: 'blue', phase: 'Active' },
      { name: 'default', phase: 'Active' },
      { name: 'kube-system', phase: 'Active' },
    ]);
  });

  it("keeps the model's empty and Terminating namespaces, and adds any a pod is in", () => {
    const m = model(
      [pod('nginx', 'node1', 'orange', 'Terminating'), pod('web-1', 'node1')],
      [
        { name: 'orange', phase: 'Terminating' },
        { name: 'green', phase: 'Active' },
      ],
    );
    expect(stageNamespaces(m)).toEqual([
      { name: 'default', phase: 'Active' },
      { name: 'green', phase: 'Active' },
      { name: 'orange', phase: 'Terminating' },
    ]);
  });

  it('puts every bound pod in its namespace, whatever its node; waiting pods stay out', () => {
    const m = model([
      pod('web-b', 'node1'),
      pod('web-a', 'control-plane'),
      pod('web-pending', null, 'default', 'Pending'),
      pod('kube-proxy-x', 'node1', 'kube-system'),
      pod('etcd-control-plane', 'control-plane', 'kube-system'),
      pod('lost', 'node9', 'blue'),
    ]);
    const names = (ns: string) =>
      podsByNamespace(m)
        .get(ns)
        ?.map((p) => `${p.name}@${p.node}`);
    expect([...podsByNamespace(m).keys()]).toEqual(['blue', 'default', 'kube-system']);
    expect(names('default')).toEqual(['web-a@control-plane', 'web-b@node1']);
    expect(names('kube-system')).toEqual([
      'etcd-control-plane@control-plane',
      'kube-proxy-x@node1',
    ]);
    // A pod on a node the model does not list still has a namespace: it is not lost.
    expect(names('blue')).toEqual(['lost@node9']);
  });

  it('lists a namespace node by node (in the nodes order), then by name', () => {
    const m = model([
      pod('web-a', 'node2'),
      pod('web-b', 'node1'),
      pod('web-c', 'node2'),
      pod('web-d', 'node1'),
      pod('web-e', 'control-plane'),
    ]);
    expect(
      podsByNamespace(m)
        .get('default')
        ?.map((p) => `${p.name}@${p.node}`),
    ).toEqual(['web-e@control-plane', 'web-b@node1', 'web-d@node1', 'web-a@node2', 'web-c@node2']);
  });
});

describe('compareNames', () => {
  it('orders names as kubectl does (byte order), which for DNS names is also the locale order', () => {
    const names = [
      'web-7c79c4bf97-x6j7v',
      'web-10',
      'web-2',
      'kube-system',
      'kube-node-lease',
      'kube-proxy-6htw7',
      'coredns-7ccffd5bf-6wct5',
      'etcd-control-plane',
      'default',
      'a.b-c',
      'a-b.c',
      'node1',
      'node10',
      'node2',
    ];
    const sorted = [...names].sort(compareNames);
    expect(sorted).toEqual([
      'a-b.c',
      'a.b-c',
      'coredns-7ccffd5bf-6wct5',
      'default',
      'etcd-control-plane',
      'kube-node-lease',
      'kube-proxy-6htw7',
      'kube-system',
      'node1',
      'node10',
      'node2',
      'web-10',
      'web-2',
      'web-7c79c4bf97-x6j7v',
    ]);
    expect(sorted).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });
});
