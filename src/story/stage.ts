/**
 * From engine data to the stage's view model: actors to component ids, messages to packets
 * and story messages, a frame to nodes and pods with kubectl's STATUS words.
 */
import type { Message, Snapshot } from '../engine/index.ts';
import { epochMs, START_MS } from '../engine/index.ts';
import { parseImageName } from '../engine/registry/imageName.ts';
import type { MessageKey } from '../i18n/index.ts';
import { nodeStatus, podStatus } from '../kubectl/index.ts';
import type {
  ComponentId,
  StageModel,
  StageNode,
  StagePacket,
  StagePod,
} from '../ui/stage/model.ts';
import type { StoryMessage, Text } from './types.ts';

/**
 * The stage box an engine actor is drawn as. kubectl runs on the developer's laptop, so its
 * requests leave from `developer`, like `docker build`/`docker push`. Every other actor the
 * engine has (`registry`, `api-server`, `etcd`, `scheduler`, `controller-manager`,
 * `kubelet/<node>`, `kube-proxy/<node>`, `container-runtime/<node>`) has a box of the same
 * name. Unknown actors are an error rather than a silently misdrawn packet.
 */
export function componentFor(actor: string): ComponentId {
  if (actor === 'kubectl' || actor === 'developer') return 'developer';
  if (
    actor === 'registry' ||
    actor === 'api-server' ||
    actor === 'etcd' ||
    actor === 'scheduler' ||
    actor === 'controller-manager'
  ) {
    return actor;
  }
  const m = /^(kubelet|kube-proxy|container-runtime)\/(.+)$/.exec(actor);
  if (m) return `${m[1] as 'kubelet'}/${m[2] as string}`;
  throw new Error(`story: no stage component for engine actor "${actor}"`);
}

/** The nodes as the stage draws them, control plane first (the engine's order). */
export function stageNodes(frame: Snapshot, order: readonly string[]): StageNode[] {
  return order.map((name) => {
    const node = frame.get('nodes', undefined, name);
    const labels = node?.metadata?.labels ?? {};
    const spec = (node?.spec ?? {}) as { unschedulable?: boolean };
    return {
      name,
      role: 'node-role.kubernetes.io/control-plane' in labels ? 'control-plane' : 'worker',
      ready: node ? nodeStatus(node).startsWith('Ready') : false,
      schedulable: spec.unschedulable !== true,
      ...(frame.stoppedNodes.includes(name) ? { stopped: true } : {}),
      ...(frame.stoppedKubelets.includes(name) ? { kubeletDown: true } : {}),
    };
  });
}

/** Every pod of every namespace, with `spec.nodeName` and kubectl's STATUS at the frame. */
export function stagePods(frame: Snapshot): StagePod[] {
  const now = epochMs(frame.now);
  return frame.list('pods').map((pod) => {
    const printed = podStatus(pod, now);
    const status = printed.status;
    const [ready, total] = printed.ready.split('/').map(Number);
    const unready = status === 'Running' && ready !== total;
    const policy = (pod.spec as { restartPolicy?: string } | undefined)?.restartPolicy;
    const restarting = status === 'Completed' && (policy ?? 'Always') === 'Always';
    return {
      uid: pod.metadata?.uid ?? `${pod.metadata?.namespace}/${pod.metadata?.name}`,
      namespace: pod.metadata?.namespace ?? '',
      name: pod.metadata?.name ?? '',
      node: ((pod.spec as { nodeName?: string } | undefined)?.nodeName ?? '') || null,
      status,
      ...(restarting ? { restarting: true as const } : {}),
      ...(unready ? { unready: true as const } : {}),
    };
  });
}

/** Packets for the shown messages (self-messages such as `docker build` stay on one box). */
export function packetsFor(messages: readonly Message[]): StagePacket[] {
  return messages.map((m) => ({
    id: m.id,
    from: componentFor(m.from),
    to: componentFor(m.to),
    label: m.label ?? m.kind,
  }));
}

/** The components acting in a step: senders and receivers of its shown messages, in order. */
export function activeFor(messages: readonly Message[]): ComponentId[] {
  const out: ComponentId[] = [];
  for (const m of messages) {
    for (const c of [componentFor(m.from), componentFor(m.to)]) if (!out.includes(c)) out.push(c);
  }
  return out;
}

/** The whole stage at one frame. */
export function stageModel(
  frame: Snapshot,
  nodeOrder: readonly string[],
  shown: readonly Message[],
  stepId: string,
): StageModel {
  return {
    nodes: stageNodes(frame, nodeOrder),
    pods: stagePods(frame),
    active: activeFor(shown),
    packets: packetsFor(shown),
    stepId,
  };
}

const KIND_NAMES: Record<string, string> = {
  deployments: 'Deployment',
  replicasets: 'ReplicaSet',
  daemonsets: 'DaemonSet',
  statefulsets: 'StatefulSet',
  controllerrevisions: 'ControllerRevision',
  jobs: 'Job',
  cronjobs: 'CronJob',
  pods: 'Pod',
  nodes: 'Node',
  events: 'Event',
  namespaces: 'Namespace',
  services: 'Service',
  endpoints: 'Endpoints',
  endpointslices: 'EndpointSlice',
  leases: 'Lease',
  configmaps: 'ConfigMap',
  secrets: 'Secret',
  serviceaccounts: 'ServiceAccount',
};

/**
 * The learner-facing sentence for one message (an i18n key under `story.msg.` and its
 * parameters). `frame` must include the message's effect: for a request, the API server's etcd
 * write is the *next* message, so callers pass the frame after `seq + 1` (a binding's node is
 * read there; in the frame of the request itself the pod is still unbound).
 */
export function summaryFor(m: Message, frame: Snapshot | undefined): Text {
  const p = m.summary.params ?? {};
  const ref = m.ref;
  const kind = ref ? (KIND_NAMES[ref.resource] ?? ref.resource) : '';
  const name = ref?.name ?? '';
  const text = (key: MessageKey, params: Record<string, string | number>): Text => ({
    key,
    params,
  });
  switch (m.kind) {
    case 'image.build':
      return text('story.msg.image.build', { image: String(p.image ?? '') });
    case 'image.push':
      // To the laptop itself: no image with that tag there, docker stopped before any upload.
      return text(m.to === 'developer' ? 'story.msg.image.pushMissing' : 'story.msg.image.push', {
        image: String(p.image ?? ''),
      });
    case 'image.download':
    case 'image.downloaded': {
      const image = String(p.image ?? '');
      const domain = parseImageName(image)?.domain ?? 'docker.io';
      const registry = domain === 'docker.io' ? 'Docker Hub' : domain;
      // `docker build --pull` asking about a base the laptop already has (lab only).
      if (p.by === 'build' && p.upToDate === 'true') {
        return text(
          m.kind === 'image.download' ? 'lab.msg.image.buildCheck' : 'lab.msg.image.buildChecked',
          { image, registry },
        );
      }
      // A build's FROM pulling its base (the guided story's build too: first-view text).
      if (p.by === 'build') {
        return text(
          m.kind === 'image.download' ? 'story.msg.image.buildPull' : 'story.msg.image.buildPulled',
          { image, registry },
        );
      }
      const key =
        m.kind === 'image.download'
          ? 'lab.msg.image.download'
          : p.ok === 'false'
            ? 'lab.msg.image.downloadFailed'
            : 'lab.msg.image.downloaded';
      return text(key, { image, registry });
    }
    case 'registry.login':
      return text('lab.msg.registry.login', { user: String(p.user ?? '') });
    case 'registry.loginResult':
      return text(
        p.ok === 'false' ? 'lab.msg.registry.loginRefused' : 'lab.msg.registry.loginResult',
        { user: String(p.user ?? '') },
      );
    case 'image.pushed': {
      const image = String(p.image ?? '');
      if (p.ok !== 'false') return text('story.msg.image.pushed', { image });
      // No image with that tag on the laptop: docker stops before anything is uploaded.
      const local = (frame?.registry as { local?: { ref: string }[] } | undefined)?.local;
      const full = parseImageName(image)?.full;
      const missing = local !== undefined && !local.some((i) => i.ref === full);
      return text(missing ? 'story.msg.image.pushMissing' : 'story.msg.image.pushDenied', {
        image,
      });
    }
    case 'api.create':
      return text('story.msg.api.create', { actor: m.from, kind, name });
    case 'api.evict':
      return text('story.msg.api.evict', { actor: m.from, name });
    case 'api.exec':
    case 'api.log':
      return text(m.kind === 'api.exec' ? 'story.msg.api.exec' : 'story.msg.api.log', {
        actor: m.from,
        name,
        container: String(p.container ?? ''),
      });
    case 'kubelet.exec':
    case 'kubelet.log':
      return text(m.kind === 'kubelet.exec' ? 'story.msg.kubelet.exec' : 'story.msg.kubelet.log', {
        name,
        node: String(p.node ?? ''),
      });
    case 'cri.exec':
      return text('story.msg.cri.exec', { container: String(p.container ?? '') });
    case 'api.attach':
    case 'api.portforward':
      return text(m.kind === 'api.attach' ? 'story.msg.api.attach' : 'story.msg.api.portforward', {
        actor: m.from,
        name,
        container: String(p.container ?? ''),
      });
    case 'kubelet.attach':
    case 'kubelet.portforward':
      return text(
        m.kind === 'kubelet.attach' ? 'story.msg.kubelet.attach' : 'story.msg.kubelet.portforward',
        { name, node: String(p.node ?? '') },
      );
    case 'cri.attach':
    case 'cri.portforward':
      return text(m.kind === 'cri.attach' ? 'story.msg.cri.attach' : 'story.msg.cri.portforward', {
        container: String(p.container ?? ''),
      });
    case 'api.update':
    case 'api.patch':
      return text(m.label?.endsWith('/status') ? 'story.msg.api.status' : 'story.msg.api.update', {
        actor: m.from,
        kind,
        name,
      });
    case 'api.updateStatus':
    case 'api.patchStatus':
      return text('story.msg.api.status', { actor: m.from, kind, name });
    case 'api.bind': {
      const pod = ref ? frame?.get('pods', ref.namespace, ref.name) : undefined;
      const node = (pod?.spec as { nodeName?: string } | undefined)?.nodeName ?? '?';
      return text('story.msg.api.bind', { name, node });
    }
    case 'api.response':
      return text('story.msg.api.response', { code: String(p.code ?? ''), actor: m.to });
    case 'etcd.put':
      return text('story.msg.etcd.put', { key: String(p.key ?? m.label ?? '') });
    case 'watch.event':
      return text('story.msg.watch.event', {
        actor: m.to,
        kind,
        name,
        type: String(p.type ?? ''),
      });
    case 'cri.runPodSandbox':
      return text('story.msg.cri.runPodSandbox', { name });
    case 'cri.pullImage':
      return text('story.msg.cri.pullImage', { image: String(p.image ?? '') });
    case 'image.pull':
      return text('story.msg.image.pull', { image: String(p.image ?? '') });
    case 'image.pulled':
      return text('story.msg.image.pulled', {
        image: String(p.image ?? ''),
        mb: Math.round(Number(p.size ?? 0) / 1e6),
      });
    case 'cri.imagePulled':
      return text('story.msg.cri.imagePulled', { image: String(p.image ?? '') });
    case 'cri.createContainer':
      return text('story.msg.cri.createContainer', { container: String(p.container ?? '') });
    case 'cri.startContainer':
      return text('story.msg.cri.startContainer', { container: String(p.container ?? '') });
    case 'cri.containerExited':
      return text('story.msg.cri.containerExited', {
        container: String(p.container ?? ''),
        code: String(p.code ?? ''),
      });
    default:
      return text('story.msg.other', {
        from: m.from,
        to: m.to,
        label: m.label ?? m.kind,
      });
  }
}

/** A message as the story ships it: component ids, time since the scenario start, a summary. */
export function storyMessage(m: Message, frame: Snapshot | undefined): StoryMessage {
  return {
    seq: m.seq,
    at: m.at - START_MS,
    from: componentFor(m.from),
    to: componentFor(m.to),
    kind: m.kind,
    label: m.label ?? m.kind,
    summary: summaryFor(m, frame),
  };
}
