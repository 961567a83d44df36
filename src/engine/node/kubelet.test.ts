import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { pod } from '../controllers/fixtures.ts';
import { MiniCluster, messageLines } from '../controllers/testing.ts';
import { KUBE_SYSTEM_IMAGES, Registry } from '../registry/registry.ts';
import type { Write } from '../runtime/controller.ts';
import { rfc3339, rfc3339Micro } from '../util/clock.ts';
import { ContainerRuntime } from './containerRuntime.ts';
import { createKubelet } from './kubelet.ts';

function setup(image: string, preloaded: string[] = [...KUBE_SYSTEM_IMAGES]) {
  const registry = new Registry();
  const runtime = new ContainerRuntime('node1', registry, { preloaded });
  const kubelet = createKubelet({ node: 'node1', index: 1, runtime });
  const p = pod('web-7c79c4bf97-x6j7v', { node: 'node1', image });
  const c = new MiniCluster([['pods', p]]);
  kubelet.onStart?.();
  return { c, kubelet, runtime, key: 'pod/default/web-7c79c4bf97-x6j7v' };
}

type Status = {
  phase: string;
  podIP?: string;
  hostIP?: string;
  startTime?: string;
  conditions: { type: string; status: string; reason?: string; message?: string }[];
  containerStatuses: {
    name: string;
    ready: boolean;
    started: boolean;
    restartCount: number;
    image: string;
    imageID: string;
    containerID?: string;
    state: { waiting?: { reason: string; message?: string }; running?: { startedAt: string } };
  }[];
};

const verbAndResource = (w: Write) => (w.verb === 'bind' ? 'bind' : `${w.verb} ${w.resource}`);

const statusOf = (c: MiniCluster) =>
  c.get('pods', 'default', 'web-7c79c4bf97-x6j7v')?.status as Status;

describe('kubelet: starting a pod', () => {
  it('goes ContainerCreating → Running with the real events, hops and status', () => {
    const { c, kubelet, key } = setup('nginx');
    c.reconcile(kubelet, key);
    let s = statusOf(c);
    expect(s.phase).toBe('Pending');
    expect(s.containerStatuses[0]?.state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    expect(s.conditions.map((x) => `${x.type}=${x.status}`)).toEqual([
      'PodReadyToStartContainers=False',
      'Initialized=True',
      'Ready=False',
      'ContainersReady=False',
      'PodScheduled=True',
    ]);
    expect(s.conditions[2]).toMatchObject({
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [nginx]',
    });
    c.runUntil(kubelet, 60_000);
    const lines = c.ctx.eventLines();
    expect(lines[0]).toBe('Normal Pulling Pulling image "nginx"');
    expect(lines[1]).toMatch(
      /^Normal Pulled Successfully pulled image "nginx" in (\d+\.\d+s) \(\1 including waiting\)\. Image size: 72080558 bytes\.$/,
    );
    expect(lines.slice(2)).toEqual([
      'Normal Created Created container nginx',
      'Normal Started Started container nginx',
    ]);
    expect(c.ctx.events.every((e) => e.component === 'kubelet' && e.host === 'node1')).toBe(true);
    expect(messageLines(c.ctx.sent)).toEqual([
      '- -> container-runtime/node1 cri.runPodSandbox',
      '- -> container-runtime/node1 cri.pullImage',
      'container-runtime/node1 -> registry image.pull',
      'registry -> container-runtime/node1 image.pulled',
      'container-runtime/node1 -> kubelet/node1 cri.imagePulled',
      '- -> container-runtime/node1 cri.createContainer',
      '- -> container-runtime/node1 cri.startContainer',
    ]);
    expect(c.ctx.sent[2]?.label).toBe('GET /v2/library/nginx/manifests/latest');
    s = statusOf(c);
    expect(s.phase).toBe('Running');
    expect(s.podIP).toBe('10.244.1.2');
    expect(s.hostIP).toBe('172.18.0.3');
    expect(s.startTime).toBe(rfc3339(0));
    expect(s.conditions.every((x) => x.status === 'True')).toBe(true);
    const cs = s.containerStatuses[0]!;
    expect(cs).toMatchObject({ name: 'nginx', ready: true, started: true, restartCount: 0 });
    expect(cs.image).toBe('docker.io/library/nginx:latest');
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    const pulled = c.ctx.events.find((e) => e.reason === 'Started')!;
    expect(cs.state.running?.startedAt).toBe(rfc3339(pulled.at));
  });

  it('takes about as long to pull as the image is big (nginx ≈ 3.5 s)', () => {
    const { c, kubelet, key } = setup('nginx');
    c.reconcile(kubelet, key);
    c.runUntil(kubelet, 60_000);
    const pulling = c.ctx.events.find((e) => e.reason === 'Pulling')!;
    const pulled = c.ctx.events.find((e) => e.reason === 'Pulled')!;
    expect(pulled.at - pulling.at).toBeGreaterThan(3_000);
    expect(pulled.at - pulling.at).toBeLessThan(4_200);
  });

  it('uses the cached image for IfNotPresent', () => {
    const { c, kubelet, key } = setup('nginx:1.27', [...KUBE_SYSTEM_IMAGES, 'nginx:1.27']);
    c.reconcile(kubelet, key);
    c.runUntil(kubelet, 10_000);
    expect(c.ctx.eventLines()).toEqual([
      'Normal Pulled Container image "nginx:1.27" already present on machine',
      'Normal Created Created container nginx',
      'Normal Started Started container nginx',
    ]);
    expect(c.ctx.sent.map((m) => m.kind)).not.toContain('image.pull');
  });

  it('backs off a failing pull: 10 s doubling to 300 s, ErrImagePull ↔ ImagePullBackOff, reported at every sync', () => {
    const { c, kubelet, key } = setup('nginx:doesnotexist');
    const reasons: { at: number; reason: string }[] = [];
    const origApply = c.apply.bind(c);
    c.apply = (writes) => {
      origApply(writes);
      const r = statusOf(c)?.containerStatuses?.[0]?.state.waiting?.reason;
      if (r && r !== reasons.at(-1)?.reason) reasons.push({ at: c.now, reason: r });
    };
    c.reconcile(kubelet, key);
    c.runUntil(kubelet, 1_100_000);
    const err =
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found';
    expect(c.ctx.eventLines().slice(0, 5)).toEqual([
      'Normal Pulling Pulling image "nginx:doesnotexist"',
      `Warning Failed Failed to pull image "nginx:doesnotexist": ${err}`,
      'Warning Failed Error: ErrImagePull',
      'Normal BackOff Back-off pulling image "nginx:doesnotexist"',
      'Warning Failed Error: ImagePullBackOff',
    ]);
    // Each failed attempt is followed by a back-off that doubles up to 5 minutes; the pull is
    // retried by the first pod worker sync after it (the syncs come 10–15 s apart).
    const failures = c.ctx.events
      .filter((e) => e.message === 'Error: ErrImagePull')
      .map((e) => e.at);
    const pulls = c.ctx.events.filter((e) => e.reason === 'Pulling').map((e) => e.at);
    const backoffs = [10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000];
    expect(pulls).toHaveLength(backoffs.length + 1);
    pulls.slice(1).forEach((p, i) => {
      const wait = p - failures[i]!;
      expect(wait).toBeGreaterThanOrEqual(backoffs[i]!);
      expect(wait).toBeLessThan(backoffs[i]! + 15_000);
    });
    // Every sync in between reports the back-off again: BackOff, then Error: ImagePullBackOff.
    const backOffs = c.ctx.events.filter((e) => e.reason === 'BackOff').map((e) => e.at);
    expect(
      c.ctx.events.filter((e) => e.message === 'Error: ImagePullBackOff').map((e) => e.at),
    ).toEqual(backOffs);
    // The first a second after the failure (the PLEG-triggered sync), then 10–15 s apart.
    expect(backOffs[0]! - failures[0]!).toBe(1_000);
    const during = backOffs.filter((t) => t > failures[5]! && t < pulls[6]!);
    expect(during.length).toBeGreaterThanOrEqual(20);
    for (let i = 1; i < during.length; i++) {
      expect(during[i]! - during[i - 1]!).toBeGreaterThanOrEqual(10_000);
      expect(during[i]! - during[i - 1]!).toBeLessThanOrEqual(15_000);
    }
    expect(reasons.map((r) => r.reason).slice(0, 6)).toEqual([
      'ContainerCreating',
      'ErrImagePull',
      'ImagePullBackOff',
      'ErrImagePull',
      'ImagePullBackOff',
      'ErrImagePull',
    ]);
    const waiting = statusOf(c).containerStatuses[0]!.state.waiting!;
    expect(waiting.message).toBe(
      `Back-off pulling image "nginx:doesnotexist": ErrImagePull: ${err}`,
    );
    expect(statusOf(c).phase).toBe('Pending');
  });

  it('reports InvalidImageName without pulling', () => {
    const { c, kubelet, key } = setup('Nginx:Bad Tag');
    c.reconcile(kubelet, key);
    c.runUntil(kubelet, 10_000);
    expect(statusOf(c).containerStatuses[0]?.state.waiting?.reason).toBe('InvalidImageName');
    expect(c.ctx.eventLines().at(-1)).toBe('Warning Failed Error: InvalidImageName');
  });
});

describe('kubelet: stopping a pod', () => {
  it('stops the container (Killing), writes the stopped status, then force-deletes the pod', () => {
    const { c, kubelet, key, runtime } = setup('nginx');
    c.reconcile(kubelet, key);
    c.runUntil(kubelet, 30_000);
    expect(runtime.containers().map((x) => x.state)).toEqual(['running']);
    c.apply([
      { verb: 'delete', resource: 'pods', namespace: 'default', name: 'web-7c79c4bf97-x6j7v' },
    ]);
    const before = c.ctx.events.length;
    expect(c.reconcile(kubelet, key)).toEqual([]);
    expect(c.ctx.eventLines().slice(before)).toEqual(['Normal Killing Stopping container nginx']);
    const writes = c.runUntil(kubelet, 40_000);
    // nginx's stop signal (SIGQUIT) ends it at once with 0: the pod Succeeded, not ready.
    const status = (writes[0] as { patch?: { status?: Record<string, unknown> } }).patch?.status;
    expect(writes[0]).toMatchObject({ verb: 'patch', subresource: 'status' });
    expect(status?.phase).toBe('Succeeded');
    expect(status?.containerStatuses).toMatchObject([
      { name: 'nginx', ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
    ]);
    expect(status?.conditions).toMatchObject([
      { type: 'PodReadyToStartContainers', status: 'False' },
      { type: 'Initialized', status: 'True', reason: 'PodCompleted' },
      { type: 'Ready', status: 'False', reason: 'PodCompleted' },
      { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' },
      { type: 'PodScheduled', status: 'True' },
    ]);
    expect(writes.slice(1)).toEqual([
      {
        verb: 'delete',
        resource: 'pods',
        namespace: 'default',
        name: 'web-7c79c4bf97-x6j7v',
        gracePeriodSeconds: 0,
        force: true,
      },
    ]);
    expect(c.get('pods', 'default', 'web-7c79c4bf97-x6j7v')).toBeUndefined();
    expect(runtime.containers()).toEqual([]);
  });
});

describe('kubelet: node and lease', () => {
  it('registers its Node with capacity, nodeInfo and the images it holds', () => {
    const { c, kubelet } = setup('nginx');
    c.reconcile(kubelet, 'node-status');
    const n = c.get('nodes', undefined, 'node1') as KubeObject & {
      status: {
        capacity: Record<string, string>;
        nodeInfo: Record<string, string>;
        conditions: { type: string; status: string; reason: string; message: string }[];
        images: { names: string[]; sizeBytes: number }[];
      };
    };
    expect(n.metadata?.labels?.['kubernetes.io/hostname']).toBe('node1');
    expect(n.status.capacity).toMatchObject({ cpu: '2', pods: '110' });
    expect(n.status.nodeInfo).toMatchObject({
      kubeletVersion: 'v1.32.2',
      containerRuntimeVersion: 'containerd://1.7.24',
    });
    expect(n.status.conditions.map((x) => [x.type, x.status, x.reason, x.message])).toEqual([
      [
        'MemoryPressure',
        'False',
        'KubeletHasSufficientMemory',
        'kubelet has sufficient memory available',
      ],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ]);
    expect(n.status.images.flatMap((i) => i.names)).toContain(
      'registry.k8s.io/coredns/coredns:v1.11.3',
    );
    expect(c.ctx.eventLines()).toEqual([
      'Normal Starting Starting kubelet.',
      'Normal NodeHasSufficientMemory Node node1 status is now: NodeHasSufficientMemory',
      'Normal NodeHasNoDiskPressure Node node1 status is now: NodeHasNoDiskPressure',
      'Normal NodeHasSufficientPID Node node1 status is now: NodeHasSufficientPID',
      'Normal NodeAllocatableEnforced Updated Node Allocatable limit across pods',
      'Normal NodeReady Node node1 status is now: NodeReady',
    ]);
  });

  it('adds a pulled image to node.status.images at the next status update', () => {
    const { c, kubelet, key } = setup('nginx');
    c.reconcile(kubelet, 'node-status');
    c.reconcile(kubelet, key);
    c.runUntil(kubelet, 30_000);
    const images = (c.get('nodes', undefined, 'node1')!.status as { images: { names: string[] }[] })
      .images;
    expect(images.flatMap((i) => i.names)).toContain('docker.io/library/nginx:latest');
  });

  it('puts back its Ready condition when another writer changed it between two syncs', () => {
    const { c, kubelet } = setup('nginx');
    c.reconcile(kubelet, 'node-status');
    // Two quiet syncs: the status is found unchanged (and remembered so).
    expect(c.runUntil(kubelet, 20_000).map(verbAndResource)).not.toContain('patch nodes');
    const ready = () =>
      (
        c.get('nodes', undefined, 'node1')!.status as {
          conditions: { type: string; status: string }[];
        }
      ).conditions.find((k) => k.type === 'Ready')?.status;
    const conditions = (
      c.get('nodes', undefined, 'node1')!.status as { conditions: { type: string }[] }
    ).conditions.map((k) => (k.type === 'Ready' ? { ...k, status: 'Unknown' } : k));
    c.apply([
      {
        verb: 'patch',
        resource: 'nodes',
        name: 'node1',
        subresource: 'status',
        patch: { status: { conditions } },
      },
    ]);
    expect(ready()).toBe('Unknown');
    c.runUntil(kubelet, 30_000);
    expect(ready()).toBe('True');
  });

  it('renews its Lease every 10 s with a 40 s duration', () => {
    const { c, kubelet } = setup('nginx');
    c.reconcile(kubelet, 'node-status');
    c.reconcile(kubelet, 'lease');
    const lease = () =>
      c.get('leases', 'kube-node-lease', 'node1') as KubeObject & {
        spec: { holderIdentity: string; leaseDurationSeconds: number; renewTime: string };
      };
    expect(lease().spec).toEqual({
      holderIdentity: 'node1',
      leaseDurationSeconds: 40,
      renewTime: rfc3339Micro(0),
    });
    expect(lease().metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Node', name: 'node1' });
    c.runUntil(kubelet, 25_000);
    expect(lease().spec.renewTime).toBe(rfc3339Micro(20_000));
  });

  it('registers once per start: a Node deleted afterwards stays deleted until a restart', () => {
    const { c, kubelet } = setup('nginx');
    expect(c.reconcile(kubelet, 'node-status').map(verbAndResource)).toEqual(['create nodes']);
    c.reconcile(kubelet, 'node-status');
    c.reconcile(kubelet, 'lease');
    // kubectl delete node node1 (the garbage collector then deletes the Lease it owned).
    c.apply([
      { verb: 'delete', resource: 'nodes', name: 'node1' },
      { verb: 'delete', resource: 'leases', namespace: 'kube-node-lease', name: 'node1' },
    ]);
    const before = c.ctx.events.length;
    c.ctx.now = 60_000;
    // The status loop finds no Node and writes nothing; the lease controller, no Node to own a
    // new Lease, creates none.
    expect(c.reconcile(kubelet, 'node-status')).toEqual([]);
    expect(c.reconcile(kubelet, 'lease')).toEqual([]);
    expect(c.get('nodes', undefined, 'node1')).toBeUndefined();
    expect(c.get('leases', 'kube-node-lease', 'node1')).toBeUndefined();
    expect(c.ctx.events.slice(before)).toEqual([]);
    // A restart registers again, and the Lease follows at its next renewal.
    kubelet.onStart?.();
    c.ctx.now = 70_000;
    expect(c.reconcile(kubelet, 'node-status').map(verbAndResource)).toEqual(['create nodes']);
    expect(c.ctx.eventLines().slice(before)).toEqual([
      'Normal Starting Starting kubelet.',
      'Normal NodeHasSufficientMemory Node node1 status is now: NodeHasSufficientMemory',
      'Normal NodeHasNoDiskPressure Node node1 status is now: NodeHasNoDiskPressure',
      'Normal NodeHasSufficientPID Node node1 status is now: NodeHasSufficientPID',
      'Normal NodeAllocatableEnforced Updated Node Allocatable limit across pods',
      'Normal NodeReady Node node1 status is now: NodeReady',
    ]);
    const uid = c.get('nodes', undefined, 'node1')?.metadata?.uid;
    expect(c.reconcile(kubelet, 'lease').map(verbAndResource)).toEqual(['create leases']);
    expect(c.get('leases', 'kube-node-lease', 'node1')?.metadata?.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Node', name: 'node1', uid },
    ]);
  });

  it('after a reboot re-creates the containers of its pods with a new sandbox', () => {
    const { c, kubelet, key, runtime } = setup('nginx');
    c.reconcile(kubelet, 'node-status');
    c.reconcile(kubelet, key);
    c.runUntil(kubelet, 30_000);
    const firstID = statusOf(c).containerStatuses[0]?.containerID;
    kubelet.onStart?.();
    expect(runtime.containers()).toEqual([]);
    const before = c.ctx.events.length;
    c.ctx.now = 100_000;
    c.reconcile(kubelet, 'node-status');
    c.runUntil(kubelet, 130_000);
    const lines = c.ctx.eventLines().slice(before);
    expect(lines[0]).toBe('Normal Starting Starting kubelet.');
    expect(lines).toContain(
      'Normal SandboxChanged Pod sandbox changed, it will be killed and re-created.',
    );
    expect(lines.at(-1)).toBe('Normal Started Started container nginx');
    const cs = statusOf(c).containerStatuses[0]!;
    expect(cs.restartCount).toBe(1);
    expect(cs.containerID).not.toBe(firstID);
    expect(statusOf(c).podIP).toBe('10.244.1.3');
  });
});

describe('kubelet: host network', () => {
  it('gives a hostNetwork pod the node IP instead of one from the pod CIDR', () => {
    const runtime = new ContainerRuntime('node1', new Registry(), {
      preloaded: [...KUBE_SYSTEM_IMAGES],
    });
    const kubelet = createKubelet({ node: 'node1', index: 1, runtime });
    const p = pod('hostnet', { node: 'node1', image: 'registry.k8s.io/pause:3.10' });
    (p.spec as { hostNetwork?: boolean }).hostNetwork = true;
    const c = new MiniCluster([['pods', p]]);
    c.reconcile(kubelet, 'pod/default/hostnet');
    c.runUntil(kubelet, 10_000);
    expect(c.get('pods', 'default', 'hostnet')?.status).toMatchObject({
      phase: 'Running',
      podIP: '172.18.0.3',
      hostIP: '172.18.0.3',
    });
  });
});

describe('kubelet: forced deletion', () => {
  it('kills the containers of a pod that vanished from the API without a graceful stop', () => {
    const { c, kubelet, key, runtime } = setup('nginx');
    c.reconcile(kubelet, key);
    c.runUntil(kubelet, 30_000);
    c.apply([
      {
        verb: 'delete',
        resource: 'pods',
        namespace: 'default',
        name: 'web-7c79c4bf97-x6j7v',
        gracePeriodSeconds: 0,
        force: true,
      },
    ]);
    const before = c.ctx.events.length;
    expect(c.reconcile(kubelet, key)).toEqual([]);
    expect(c.ctx.eventLines().slice(before)).toEqual(['Normal Killing Stopping container nginx']);
    expect(c.ctx.sent.slice(-2).map((m) => m.kind)).toEqual([
      'cri.stopContainer',
      'cri.stopPodSandbox',
    ]);
    expect(runtime.containers()).toEqual([]);
  });
});

describe('kubelet: static pods', () => {
  it('recreates a deleted mirror pod while the static pod keeps running', () => {
    const runtime = new ContainerRuntime('control-plane', new Registry(), {
      preloaded: [...KUBE_SYSTEM_IMAGES],
    });
    const kubelet = createKubelet({ node: 'control-plane', index: 0, runtime, controlPlane: true });
    const mirror = pod('etcd-control-plane', {
      ns: 'kube-system',
      node: 'control-plane',
      phase: 'Running',
      ready: true,
      image: 'registry.k8s.io/etcd:3.5.16-0',
      labels: { component: 'etcd', tier: 'control-plane' },
    });
    (mirror.metadata as { annotations?: Record<string, string> }).annotations = {
      'kubernetes.io/config.mirror': 'a1b2c3',
      'kubernetes.io/config.source': 'file',
    };
    (mirror.status as Record<string, unknown>).containerStatuses = [
      {
        name: 'nginx',
        ready: true,
        restartCount: 0,
        started: true,
        image: 'registry.k8s.io/etcd:3.5.16-0',
        imageID: 'registry.k8s.io/etcd@sha256:abc',
        containerID: `containerd://${'e'.repeat(64)}`,
        state: { running: { startedAt: rfc3339(-1000) } },
        lastState: {},
      },
    ];
    const c = new MiniCluster([
      ['nodes', { metadata: { name: 'control-plane', uid: 'uid-node-control-plane' } }],
      ['pods', mirror],
    ]);
    kubelet.onStart?.();
    const key = 'pod/kube-system/etcd-control-plane';
    c.reconcile(kubelet, key);
    expect(runtime.containers().map((x) => x.id)).toEqual(['e'.repeat(64)]);
    // kubectl delete pod etcd-control-plane -n kube-system
    c.apply([
      { verb: 'delete', resource: 'pods', namespace: 'kube-system', name: 'etcd-control-plane' },
    ]);
    expect(c.reconcile(kubelet, key)).toEqual([
      {
        verb: 'delete',
        resource: 'pods',
        namespace: 'kube-system',
        name: 'etcd-control-plane',
        gracePeriodSeconds: 0,
        force: true,
      },
    ]);
    const created = c.reconcile(kubelet, key);
    expect(created.map((w) => w.verb)).toEqual(['create']);
    const again = c.get('pods', 'kube-system', 'etcd-control-plane')!;
    expect(again.metadata?.uid).not.toBe('uid-pod-etcd-control-plane');
    expect(again.metadata?.annotations?.['kubernetes.io/config.mirror']).toBe('a1b2c3');
    expect(again.metadata?.ownerReferences).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Node',
        name: 'control-plane',
        uid: 'uid-node-control-plane',
        controller: true,
      },
    ]);
    c.reconcile(kubelet, key);
    const status = c.get('pods', 'kube-system', 'etcd-control-plane')?.status as {
      phase: string;
      containerStatuses: { containerID: string }[];
    };
    expect(status.phase).toBe('Running');
    expect(status.containerStatuses[0]?.containerID).toBe(`containerd://${'e'.repeat(64)}`);
    expect(c.ctx.events.map((e) => e.reason)).not.toContain('Killing');
    expect(runtime.containers()).toHaveLength(1);
    // Without a Node to own it (deleted), no mirror pod: the static pod's next sync tries again.
    c.apply([
      { verb: 'delete', resource: 'nodes', name: 'control-plane' },
      {
        verb: 'delete',
        resource: 'pods',
        namespace: 'kube-system',
        name: 'etcd-control-plane',
        force: true,
      },
    ]);
    c.ctx.now = 10_000;
    expect(c.reconcile(kubelet, key)).toEqual([]);
    expect(c.reconcile(kubelet, key)).toEqual([]);
    expect(c.get('pods', 'kube-system', 'etcd-control-plane')).toBeUndefined();
    expect(c.ctx.requeues.at(-1)).toEqual({ key, at: 70_000 });
    expect(runtime.containers()).toHaveLength(1);
  });
});
