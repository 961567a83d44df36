/**
 * PLACEHOLDER. A hand-written sequence of six stage models following the study note's six
 * beats (push → API request → scheduler → kubelet → image pull → Running), so the page can be
 * used and tested before the story layer exists. The story layer (src/story/) will build the
 * same `StageModel`s from the engine's frames and replace this file.
 *
 * The cluster is a small kubeadm cluster: a tainted control-plane node and three workers, the
 * kube-system pods a learner would find there, and
 * `kubectl create deployment web --image=nginx --replicas=3`.
 */
import type { MessageKey } from '../../i18n/index.ts';
import type { StageModel, StageNode, StagePod } from './model.ts';

/** One step of a sequence: what the stage shows and what the narration says. */
export interface StageStep {
  id: string;
  model: StageModel;
  title: MessageKey;
  text: MessageKey;
}

const nodes: StageNode[] = [
  { name: 'control-plane', role: 'control-plane', ready: true, schedulable: true },
  { name: 'node1', role: 'worker', ready: true, schedulable: true },
  { name: 'node2', role: 'worker', ready: true, schedulable: true },
  { name: 'node3', role: 'worker', ready: true, schedulable: true },
];

const systemPod = (name: string, node: string): StagePod => ({
  uid: `demo-kube-system-${name}`,
  namespace: 'kube-system',
  name,
  node,
  status: 'Running',
});

/** What kubeadm leaves in kube-system: static pods, CoreDNS (2 replicas), kube-proxy per node. */
const kubeSystem: StagePod[] = [
  systemPod('coredns-668d6bf9bc-4xvzl', 'control-plane'),
  systemPod('coredns-668d6bf9bc-7mfz2', 'control-plane'),
  systemPod('etcd-control-plane', 'control-plane'),
  systemPod('kube-apiserver-control-plane', 'control-plane'),
  systemPod('kube-controller-manager-control-plane', 'control-plane'),
  systemPod('kube-proxy-8zq4k', 'control-plane'),
  systemPod('kube-scheduler-control-plane', 'control-plane'),
  systemPod('kube-proxy-2xkqv', 'node1'),
  systemPod('kube-proxy-h5n9t', 'node2'),
  systemPod('kube-proxy-w7lcm', 'node3'),
];

/** The Deployment's three pods and the node the scheduler gives each. */
const web = [
  { name: 'web-7c79c4bf97-x6j7v', node: 'node1' },
  { name: 'web-7c79c4bf97-2zb68', node: 'node2' },
  { name: 'web-7c79c4bf97-qb62p', node: 'node3' },
] as const;

const webPods = (bound: boolean, status: string): StagePod[] =>
  web.map((p, i) => ({
    uid: `demo-web-${i + 1}`,
    namespace: 'default',
    name: p.name,
    node: bound ? p.node : null,
    status,
  }));

const workers = web.map((p) => p.node);

/** The six demo steps, in the order of the automation contract's step ids. */
export const DEMO_STEPS: readonly StageStep[] = [
  {
    id: 'image-push',
    title: 'demo.image-push.title',
    text: 'demo.image-push.text',
    model: {
      stepId: 'image-push',
      nodes,
      pods: kubeSystem,
      active: ['developer', 'registry'],
      packets: [{ id: 'push', from: 'developer', to: 'registry', label: 'docker push nginx' }],
    },
  },
  {
    id: 'api-request',
    title: 'demo.api-request.title',
    text: 'demo.api-request.text',
    model: {
      stepId: 'api-request',
      nodes,
      pods: [...kubeSystem, ...webPods(false, 'Pending')],
      active: ['developer', 'api-server', 'etcd', 'controller-manager'],
      packets: [
        {
          id: 'create-deployment',
          from: 'developer',
          to: 'api-server',
          label: 'POST /apis/apps/v1/namespaces/default/deployments',
        },
        {
          id: 'store-deployment',
          from: 'api-server',
          to: 'etcd',
          label: 'put /registry/deployments/default/web',
        },
        {
          id: 'create-pods',
          from: 'controller-manager',
          to: 'api-server',
          label: 'POST …/replicasets, …/pods ×3',
        },
      ],
    },
  },
  {
    id: 'scheduler-choice',
    title: 'demo.scheduler-choice.title',
    text: 'demo.scheduler-choice.text',
    model: {
      stepId: 'scheduler-choice',
      nodes,
      pods: [...kubeSystem, ...webPods(true, 'Pending')],
      active: ['api-server', 'scheduler'],
      packets: [
        {
          id: 'watch-unscheduled',
          from: 'api-server',
          to: 'scheduler',
          label: 'watch: Pod ADDED ×3',
        },
        { id: 'bind', from: 'scheduler', to: 'api-server', label: 'POST …/pods/web-…/binding ×3' },
      ],
    },
  },
  {
    id: 'kubelet',
    title: 'demo.kubelet.title',
    text: 'demo.kubelet.text',
    model: {
      stepId: 'kubelet',
      nodes,
      pods: [...kubeSystem, ...webPods(true, 'ContainerCreating')],
      active: ['api-server', ...workers.map((n) => `kubelet/${n}` as const)],
      packets: workers.map((n) => ({
        id: `watch-bound-${n}`,
        from: 'api-server' as const,
        to: `kubelet/${n}` as const,
        label: 'watch: Pod MODIFIED',
      })),
    },
  },
  {
    id: 'image-pull',
    title: 'demo.image-pull.title',
    text: 'demo.image-pull.text',
    model: {
      stepId: 'image-pull',
      nodes,
      pods: [...kubeSystem, ...webPods(true, 'ContainerCreating')],
      active: [
        'registry',
        ...workers.flatMap((n) => [`kubelet/${n}` as const, `container-runtime/${n}` as const]),
      ],
      packets: workers.flatMap((n) => [
        {
          id: `cri-pull-${n}`,
          from: `kubelet/${n}` as const,
          to: `container-runtime/${n}` as const,
          label: 'CRI PullImage nginx',
        },
        {
          id: `registry-pull-${n}`,
          from: `container-runtime/${n}` as const,
          to: 'registry' as const,
          label: 'pull nginx:latest',
        },
      ]),
    },
  },
  {
    id: 'pod-running',
    title: 'demo.pod-running.title',
    text: 'demo.pod-running.text',
    model: {
      stepId: 'pod-running',
      nodes,
      pods: [...kubeSystem, ...webPods(true, 'Running')],
      active: [
        'api-server',
        'etcd',
        ...workers.flatMap((n) => [`kubelet/${n}` as const, `container-runtime/${n}` as const]),
      ],
      packets: [
        ...workers.map((n) => ({
          id: `status-${n}`,
          from: `kubelet/${n}` as const,
          to: 'api-server' as const,
          label: 'PATCH …/pods/web-…/status',
        })),
        {
          id: 'store-status',
          from: 'api-server',
          to: 'etcd',
          label: 'put /registry/pods/default/web-…',
        },
      ],
    },
  },
];
